// The workbench talks only to the public JSON API (as any script can).
export const FILTER_KEYS = ["from", "to", "country", "actor", "type", "q"];

export function query(params) {
  const usp = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") usp.set(key, String(value));
  }
  return usp.toString();
}

export function filterParams(filters) {
  const out = {};
  for (const key of FILTER_KEYS) if (filters[key]) out[key] = filters[key];
  return out;
}

export class ApiError extends Error {}

export async function getJSON(path, params = {}, options = {}) {
  const qs = query(params);
  const response = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: "application/json" }, ...options });
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) {
    const detail = body && body.error !== undefined ? body.error : body && body.detail;
    throw new ApiError(typeof detail === "string" ? detail : `${response.status} ${response.statusText}`);
  }
  return body;
}

// A write: JSON body, the token only when one is given (a server on 127.0.0.1 needs none).
export async function postJSON(path, token, body = null) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== null) headers["Content-Type"] = "application/json";
  return getJSON(path, {}, { method: "POST", headers, body: body !== null ? JSON.stringify(body) : undefined });
}

// What each export kind honours of the filter bar (the server ignores the rest, but the URL stays honest).
const EXPORT_FILTERS = {
  events: FILTER_KEYS, statements: ["from", "to", "country", "actor", "q"], tallies: ["from", "to", "actor", "q"],
  articles: ["from", "to"],
};

export function exportUrl(kind, format, filters) {
  const keys = EXPORT_FILTERS[kind] || [];
  const picked = {};
  for (const key of keys) if (filters[key]) picked[key] = filters[key];
  return `/api/export?${query({ kind, format, ...picked })}`;
}
