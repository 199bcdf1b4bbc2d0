// Shared wording and colours: precision the way the contract defines it.
export const TYPE_COLOURS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#1f63b5",
  "Violence against civilians": "#9b3d8f",
  "Protests": "#138a52",
  "Riots": "#c77700",
  "Strategic developments": "#5b6770",
};
export const TYPES = Object.keys(TYPE_COLOURS);
export const colourOf = (type) => TYPE_COLOURS[type] || "#777";

export const TIME_PRECISION = { 1: "day known", 2: "within a week or stated range", 3: "month or coarser" };
export const GEO_PRECISION = { 1: "the named place itself", 2: "near the place / its district", 3: "province or region only" };

export function when(event) {
  const range = event.date_range && event.date_range[0] && event.date_range[0] !== event.date_range[1]
    ? `${event.date_range[0]} – ${event.date_range[1]}` : event.event_date;
  return range;
}

export function place(event) {
  const parts = [event.location, event.admin1 && event.admin1 !== event.location ? event.admin1 : null,
    event.country && event.country !== event.location ? event.country : null].filter(Boolean);
  return parts.join(", ") || "unknown place";
}

export function count(n, noun, plural = `${noun}s`) {
  return `${Number(n || 0).toLocaleString("en")} ${n === 1 ? noun : plural}`;
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}
