// Correcting an event from its card: reject, split, fix the place (gazetteer pick or map point),
// fix date / toll / type / actors, and merge with another event. Every action is one call of the
// public JSON API (POST /api/events/...); the server keeps it as a decision applied after every re-run.
import { getJSON, postJSON } from "./api.js";
import { h, clear } from "./dom.js";
import { debounce } from "./format.js";

const REASONS = ["not an event", "duplicate", "wrong theatre", "wrong date", "background mention", "hedged", "other"];

let marked = null; // an event marked for merging: {event_id, label}

export function renderCorrections(event, { meta, token, onDone, pickPoint, subTypes }) {
  const status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  const why = h("input", { id: "fix-why", type: "text", maxlength: "2000", placeholder: "why (kept with the decision)" });
  const send = async (path, body, label) => {
    status.textContent = "Saving…";
    try {
      const result = await postJSON(path, token(), { ...body, why: why.value.trim() || null });
      status.textContent = `${label}: saved as decision ${result.decision.decision_id}.`;
      onDone(result);
    } catch (err) {
      status.textContent = `Not saved: ${err.message}`;
    }
  };
  const base = `/api/events/${encodeURIComponent(event.event_id)}`;

  if (!meta.writable) {
    return h("section", { class: "corrections", "aria-labelledby": "fix-title" },
      h("h3", { id: "fix-title" }, "Correct this event"),
      h("p", { class: "hint" }, "Corrections are disabled: this server listens beyond this machine without CONFLICTWIRE_TOKEN."));
  }

  // reject
  const reason = h("select", { id: "fix-reason" }, REASONS.map((r) => h("option", { value: r }, r)));
  const reject = h("div", { class: "fix-row" },
    h("label", { for: "fix-reason" }, "Reject as"), reason,
    h("button", { type: "button", id: "fix-reject", onclick: () => send(`${base}/reject`, { reason: reason.value }, "Rejected") }, "Reject event"));

  // split: choose reports
  const boxes = event.sources.map((s, i) => h("input", { type: "checkbox", id: `fix-src-${i}`, value: s.mention_id || s.article_id }));
  const split = event.sources.length > 1 ? h("fieldset", { class: "fix-split" },
    h("legend", {}, "Split: the chosen reports are another event"),
    event.sources.map((s, i) => h("div", {}, boxes[i], h("label", { for: `fix-src-${i}` },
      ` ${s.outlet || "unknown outlet"}${s.published ? `, ${s.published}` : ""}: “${(s.quote || "").slice(0, 90)}”`))),
    h("button", { type: "button", id: "fix-split", onclick: () => {
      const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
      if (!chosen.length || chosen.length === boxes.length) { status.textContent = "Choose some, not all, of the reports."; return; }
      send(`${base}/split`, { reports: chosen }, "Split");
    } }, "Split chosen reports off")) : null;

  // place: gazetteer search or a point on the map
  const placeInput = h("input", { id: "fix-place", type: "search", autocomplete: "off", placeholder: "town, base, district…",
    "aria-describedby": "fix-place-hint" });
  const choices = h("ul", { class: "place-choices", id: "fix-place-choices" });
  const lookup = debounce(async () => {
    const q = placeInput.value.trim();
    if (q.length < 2) { clear(choices); return; }
    try {
      const found = await getJSON("/api/places", { q, limit: 8 });
      clear(choices).append(...found.items.map((p) => h("li", {}, h("button", { type: "button", class: "place-pick",
        onclick: () => send(`${base}/edit`, { changes: { place: { query: p.name, place_id: p.place_id } } }, "Place fixed") },
      `${p.name}`, h("span", { class: "muted" }, ` ${[p.admin1, p.country].filter(Boolean).join(", ")} · ${p.kind || ""}`)))));
    } catch (err) {
      clear(choices).append(h("li", { class: "error" }, err.message));
    }
  }, 250);
  placeInput.addEventListener("input", lookup);
  const point = h("button", { type: "button", id: "fix-point", onclick: () => {
    status.textContent = "Click the map where it happened (Esc to cancel).";
    pickPoint((latlng) => {
      const name = placeInput.value.trim() || null;
      send(`${base}/edit`, { changes: { place: { latitude: latlng.lat, longitude: latlng.lng, name } } }, "Place set");
    });
  } }, "Pick a point on the map");
  const place = h("div", { class: "fix-place" }, h("label", { for: "fix-place" }, "Place"), placeInput, point,
    h("span", { id: "fix-place-hint", class: "hint" }, " type to search the gazetteer, then pick; or pick a point"), choices);

  // fields
  const date = h("input", { id: "fix-date", type: "date", value: event.event_date });
  const killed = h("input", { id: "fix-fatalities", type: "number", min: "0", value: event.fatalities ?? 0 });
  const type = h("select", { id: "fix-type" }, subTypes.map((t) => h("option", { value: t, selected: t === event.sub_event_type }, t)));
  const actor1 = h("input", { id: "fix-actor1", type: "text", value: event.actor1 || "" });
  const actor2 = h("input", { id: "fix-actor2", type: "text", value: event.actor2 || "" });
  const fields = h("div", { class: "fix-fields" },
    h("label", { for: "fix-date" }, "Date"), date, h("label", { for: "fix-fatalities" }, "Fatalities"), killed,
    h("label", { for: "fix-type" }, "Type"), type, h("label", { for: "fix-actor1" }, "Actor 1"), actor1,
    h("label", { for: "fix-actor2" }, "Actor 2"), actor2,
    h("button", { type: "button", id: "fix-save", onclick: () => {
      const changes = {};
      if (date.value && date.value !== event.event_date) changes.event_date = date.value;
      if (killed.value !== "" && Number(killed.value) !== (event.fatalities ?? 0)) changes.fatalities = Number(killed.value);
      if (type.value !== event.sub_event_type) changes.sub_event_type = type.value;
      if (actor1.value.trim() !== (event.actor1 || "")) changes.actor1 = actor1.value.trim();
      if (actor2.value.trim() !== (event.actor2 || "")) changes.actor2 = actor2.value.trim();
      if (!Object.keys(changes).length) { status.textContent = "Nothing changed."; return; }
      send(`${base}/edit`, { changes }, "Saved");
    } }, "Save fields"));

  // merge: mark this one, then open the other and merge
  const label = `${event.sub_event_type} in ${event.location || event.country || "?"} on ${event.event_date}`;
  const merge = h("div", { class: "fix-row" },
    marked && marked.event_id !== event.event_id
      ? h("button", { type: "button", id: "fix-merge", class: "primary", onclick: () => {
        const other = marked;
        marked = null;
        send("/api/events/merge", { event_ids: [other.event_id, event.event_id] }, "Merged");
      } }, `Merge with the marked event (${marked.label})`)
      : null,
    h("button", { type: "button", id: "fix-mark", onclick: () => {
      marked = { event_id: event.event_id, label };
      status.textContent = "Marked. Open the other event and choose “Merge with the marked event”.";
    } }, "Mark for merging"));

  return h("section", { class: "corrections", "aria-labelledby": "fix-title" },
    h("h3", { id: "fix-title" }, "Correct this event"),
    event.curated ? h("p", { class: "curated-note" }, `Curated by an analyst (decisions ${event.decision_ids.join(", ")}).`) : null,
    h("div", { class: "fix-row" }, h("label", { for: "fix-why" }, "Why"), why),
    reject, split, place, fields, merge, status);
}
