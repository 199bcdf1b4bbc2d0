// conflictwire workbench: the app shell, the filter bar (mirrored in the URL so a
// view can be shared), and the views. Data is always paged or aggregated by the
// server: the browser never loads the whole event table.
import "leaflet/dist/leaflet.css";
import "./style.css";
import { getJSON, postJSON, exportUrl, filterParams, FILTER_KEYS, query } from "./api.js";
import { h, clear } from "./dom.js";
import { EventMap, miniMap } from "./map.js";
import { Timeline } from "./timeline.js";
import { renderCard } from "./card.js";
import { renderCorrections } from "./correct.js";
import { renderArticle } from "./reader.js";
import { colourOf, count, debounce, GEO_PRECISION, TIME_PRECISION } from "./format.js";

const VIEWS = [
  ["events", "Events"], ["statements", "Statements"], ["tallies", "Tallies"], ["sources", "Sources"], ["charts", "Charts"], ["review", "Review duplicates"],
];
const PAGE_SIZE = 50;

const state = {
  view: "events", event: null, page: 1, sort: "event_date", filters: {}, meta: null,
  outlets: new Map(), // article_id -> outlet, learnt from loaded events
  follow: true, // the list shows what the map shows
};
let listSeq = 0;

// ------------------------------------------------------------------ URL <-> state

function readUrl() {
  const usp = new URLSearchParams(location.search);
  state.filters = {};
  for (const key of FILTER_KEYS) if (usp.get(key)) state.filters[key] = usp.get(key);
  state.view = VIEWS.some(([v]) => v === usp.get("view")) ? usp.get("view") : "events";
  state.event = usp.get("event") || null;
  state.page = Math.max(1, parseInt(usp.get("page") || "1", 10) || 1);
  state.sort = usp.get("sort") || "event_date";
}

function writeUrl(push = true) {
  const params = { ...filterParams(state.filters), view: state.view === "events" ? null : state.view,
    event: state.event, page: state.page > 1 ? state.page : null, sort: state.sort !== "event_date" ? state.sort : null };
  const url = `${location.pathname}${query(params) ? `?${query(params)}` : ""}`;
  if (url !== `${location.pathname}${location.search}`) history[push ? "pushState" : "replaceState"](null, "", url);
}

// ------------------------------------------------------------------ shell

const ui = {};

function shell(meta) {
  const app = clear(document.getElementById("app"));
  const nav = h("nav", { class: "tabs", "aria-label": "Views" }, VIEWS.map(([id, label]) =>
    h("a", { href: `?view=${id}`, class: "tab", dataset: { view: id }, onclick: (ev) => { ev.preventDefault(); go(id); } }, label)));
  ui.counts = h("span", { class: "counts", "aria-live": "polite" });
  ui.exportMenu = h("details", { class: "export" }, h("summary", {}, "Export"), h("div", { class: "export-panel" }));
  const header = h("header", { class: "topbar" },
    h("a", { class: "brand", href: "/" }, h("span", { class: "logo", "aria-hidden": "true" }, "◉"), "conflictwire"),
    nav, ui.counts, ui.exportMenu, h("a", { class: "docs", href: "/docs", target: "_blank", rel: "noopener" }, "API"));
  ui.filterbar = filterBar(meta);
  ui.main = h("main", { id: "main", tabindex: "-1" });
  app.append(header, ui.filterbar, ui.main);
  document.getElementById("bundle-missing")?.remove();
}

function filterBar(meta) {
  const typeSelect = h("select", { id: "f-type", name: "type" }, h("option", { value: "" }, "All types"),
    Object.entries(meta.taxonomy).map(([type, subs]) => h("optgroup", { label: type },
      h("option", { value: type }, `${type} (all)`), subs.map((s) => h("option", { value: s }, s)))));
  ui.countrySelect = h("select", { id: "f-country", name: "country" }, h("option", { value: "" }, "All countries"));
  ui.actorList = h("datalist", { id: "actor-options" });
  const field = (id, label, control) => h("div", { class: "field" }, h("label", { for: id }, label), control);
  const form = h("form", { class: "filterbar", role: "search", "aria-label": "Filter events", onsubmit: (ev) => ev.preventDefault() },
    field("f-from", "From", h("input", { id: "f-from", name: "from", type: "date" })),
    field("f-to", "To", h("input", { id: "f-to", name: "to", type: "date" })),
    field("f-country", "Country", ui.countrySelect),
    field("f-actor", "Actor", h("input", { id: "f-actor", name: "actor", list: "actor-options", placeholder: "any spelling", autocomplete: "off" })),
    field("f-type", "Type", typeSelect),
    field("f-q", "Text", h("input", { id: "f-q", name: "q", type: "search", placeholder: "place, actor, note…" })),
    h("button", { type: "button", class: "reset", onclick: () => { state.filters = {}; state.page = 1; syncForm(); applyFilters(); } }, "Reset"),
    ui.actorList);
  const onChange = () => {
    const next = {};
    for (const key of FILTER_KEYS) {
      const value = form.elements[key].value.trim();
      if (value) next[key] = value;
    }
    state.filters = next;
    state.page = 1;
    applyFilters();
  };
  const typed = debounce(onChange, 350);
  form.addEventListener("change", onChange);
  form.elements.q.addEventListener("input", typed);
  form.elements.actor.addEventListener("input", typed); // narrows as one types, like the text box
  form.elements.actor.addEventListener("input", debounce(loadActorOptions, 250));
  ui.form = form;
  return form;
}

function syncForm() {
  for (const key of FILTER_KEYS) if (ui.form.elements[key]) ui.form.elements[key].value = state.filters[key] || "";
}

async function loadActorOptions() {
  const q = ui.form.elements.actor.value.trim();
  try {
    const data = await getJSON("/api/actors", q ? { q } : {});
    clear(ui.actorList).append(...data.items.slice(0, 30).map((a) => h("option", { value: a.name })));
  } catch { /* suggestions are optional */ }
}

function renderExport() {
  const panel = ui.exportMenu.querySelector(".export-panel");
  const link = (kind, format, label) => h("a", { class: "export-link", href: exportUrl(kind, format, state.filters), download: "",
    dataset: { kind, format } }, label);
  clear(panel).append(
    h("p", { class: "hint" }, Object.keys(filterParams(state.filters)).length ? "Current filters applied (articles: dates only)." : "Everything (no filter set)."),
    h("div", { class: "export-group" }, h("strong", {}, "Events"), link("events", "csv", "CSV"), link("events", "acled-csv", "ACLED CSV"),
      link("events", "geojson", "GeoJSON"), link("events", "jsonl", "JSON Lines"), link("events", "parquet", "Parquet"),
      link("events", "plover-jsonl", "PLOVER")),
    h("div", { class: "export-group" }, h("strong", {}, "Statements"), link("statements", "csv", "CSV"), link("statements", "jsonl", "JSON Lines"),
      link("statements", "plover-jsonl", "PLOVER")),
    h("div", { class: "export-group" }, h("strong", {}, "Tallies"), link("tallies", "csv", "CSV"), link("tallies", "jsonl", "JSON Lines")),
    h("div", { class: "export-group" }, h("strong", {}, "Articles"), link("articles", "csv", "CSV"), link("articles", "jsonl", "JSON Lines")));
}

function go(view) {
  state.view = view;
  state.page = 1;
  if (view !== "events") state.event = null;
  writeUrl();
  render();
}

function applyFilters() {
  writeUrl();
  renderExport();
  if (state.view === "events") refreshEvents();
  else render();
}

// ------------------------------------------------------------------ events view (map + timeline + list/card)

function renderEventsView() {
  const mapBox = h("div", { id: "map", class: "map", role: "region", "aria-label": "Map of events" });
  ui.readerPane = h("section", { class: "reader", hidden: true, role: "dialog", "aria-labelledby": "reader-title", "aria-modal": "false" });
  ui.timelineBox = h("section", { class: "timeline", "aria-label": "Timeline" });
  ui.side = h("section", { class: "side", "aria-label": "Events" });
  clear(ui.main).append(h("div", { class: "events-layout" },
    h("div", { class: "left" }, h("div", { class: "map-wrap" }, mapBox, ui.readerPane), ui.timelineBox), ui.side));
  ui.map = new EventMap(mapBox, { tileUrl: state.meta.tile_url, onSelect: (id) => openEvent(id),
    onView: () => { if (state.follow && !state.event && state.view === "events") followMap(); } });
  ui.timeline = new Timeline(ui.timelineBox, {
    onBrush: (from, to) => {
      state.filters = { ...state.filters, from: from || undefined, to: to || undefined };
      if (!from) delete state.filters.from;
      if (!to) delete state.filters.to;
      state.page = 1;
      syncForm();
      applyFilters();
    },
  });
  refreshEvents();
}

async function refreshEvents() {
  ui.map.setFilters(state.filters);
  loadTimeline();
  if (state.event) openEvent(state.event, false);
  else loadList();
}

async function loadTimeline() {
  // Bucket by the span of the filter; with no dates set, by the span of the data
  // (weeks first, then days when there are few weeks, months when there are many).
  const bounded = state.filters.from && state.filters.to;
  const by = bounded ? Timeline.bucketFor(state.filters) : "week";
  try {
    let stats = await getJSON("/api/stats", { ...filterParams(state.filters), by });
    const periods = new Set(stats.timeline.map((r) => r.period)).size;
    if (periods > 0) { // bins fit the span of the data, not of the filter (four years asked, two months found)
      const start = (p) => (p.length === 7 ? `${p}-01` : p);
      const first = start(stats.timeline[0].period), last = start(stats.timeline[stats.timeline.length - 1].period);
      const weeks = (Date.parse(last) - Date.parse(first)) / (7 * 86400000) + 1;
      const better = weeks <= 16 ? "day" : weeks > 150 ? "month" : "week";
      if (better !== stats.by) stats = await getJSON("/api/stats", { ...filterParams(state.filters), by: better });
    }
    ui.timeline.render(stats, state.filters);
    ui.counts.textContent = `${count(stats.total, "event")} · ${Number(stats.fatalities).toLocaleString("en")} killed`;
    fillCountries(stats.by_country);
  } catch (err) {
    clear(ui.timelineBox).append(h("p", { class: "error", role: "alert" }, err.message));
  }
}

function fillCountries(rows) {
  const select = ui.countrySelect;
  const current = state.filters.country || "";
  const known = new Set([...select.options].map((o) => o.value));
  for (const row of rows) {
    if (row.country && !known.has(row.country)) select.append(h("option", { value: row.country }, row.country));
  }
  if (current && !new Set([...select.options].map((o) => o.value)).has(current)) select.append(h("option", { value: current }, current));
  select.value = current;
}

// Checked again when the debounce fires: an event opened meanwhile keeps its card (a moveend from
// closing the reader used to reload the list 200 ms later, over the event card just opened).
const followMap = debounce(() => {
  if (!state.follow || state.event || state.view !== "events") return;
  state.page = 1;
  loadList();
}, 200);

async function loadList() {
  const seq = ++listSeq;
  if (state.event) return; // the side panel shows an event's card: the list is drawn when it closes
  const side = ui.side;
  if (!side.querySelector(".event-list")) clear(side).append(h("p", { class: "loading" }, "Loading events…"));
  let data;
  try {
    data = await getJSON("/api/events", { ...filterParams(state.filters), page: state.page, page_size: PAGE_SIZE,
      sort: state.sort, order: "desc", bbox: state.follow && ui.map ? ui.map.bboxParam() : null });
  } catch (err) {
    clear(side).append(h("p", { class: "error", role: "alert" }, err.message));
    return;
  }
  if (state.event || seq !== listSeq) return; // an event was opened, or a newer list asked for, meanwhile
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const sortSelect = h("select", { id: "sort", onchange: (ev) => { state.sort = ev.target.value; state.page = 1; writeUrl(); loadList(); } },
    [["event_date", "Newest first"], ["fatalities", "Most fatalities"], ["confidence", "Most confident"], ["country", "Country"],
      ["sub_event_type", "Type"]].map(([v, l]) => h("option", { value: v, selected: state.sort === v }, l)));
  const follow = h("input", { type: "checkbox", id: "follow-map", checked: state.follow,
    onchange: (ev) => { state.follow = ev.target.checked; state.page = 1; loadList(); } });
  const head = h("div", { class: "list-head" }, h("h2", {}, count(data.total, "event")),
    h("label", { for: "sort", class: "sr-only" }, "Sort events"), sortSelect,
    h("label", { class: "follow", for: "follow-map" }, follow, state.follow ? " in the map's view" : " map view only"));
  const list = h("ol", { class: "event-list", "aria-label": "Events, newest first" }, data.items.map((e) => {
    for (const s of e.sources) if (s.outlet) state.outlets.set(s.article_id, s.outlet);
    const dot = h("span", { class: "dot", "aria-hidden": "true" });
    dot.style.background = colourOf(e.event_type);
    return h("li", {}, h("button", { type: "button", class: "event-row", dataset: { eventId: e.event_id },
      onclick: () => openEvent(e.event_id) },
      h("span", { class: "row-top" }, dot, h("span", { class: "row-type" }, e.sub_event_type),
        h("span", { class: "row-date" }, e.event_date, e.time_precision > 1 ? " ≈" : "")),
      h("span", { class: "row-place" }, [e.location, e.admin1, e.country].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(", ")),
      h("span", { class: "row-actors" }, [e.actor1, e.actor2].filter(Boolean).join(" vs ") || "unidentified actors"),
      h("span", { class: "row-figures" }, `${e.fatalities ?? 0} killed`, e.claims.length > 1 ? ` · ${e.claims.length} claims` : "",
        ` · ${count(e.sources.length, "source")}`)));
  }));
  list.addEventListener("keydown", (ev) => { // arrows move between rows, Enter opens (a native button)
    const rows = [...list.querySelectorAll(".event-row")];
    const at = rows.indexOf(document.activeElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 }[ev.key];
    if (to === undefined || at < 0) return;
    ev.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, to))].focus();
  });
  const pager = h("nav", { class: "pager", "aria-label": "Pages" },
    h("button", { type: "button", disabled: state.page <= 1, onclick: () => { state.page -= 1; writeUrl(); loadList(); } }, "← Newer"),
    h("span", {}, `Page ${state.page} of ${pages}`),
    h("button", { type: "button", disabled: state.page >= pages, onclick: () => { state.page += 1; writeUrl(); loadList(); } }, "Older →"));
  clear(side).append(head, data.items.length ? list : h("p", { class: "empty" }, "No events match these filters. Try widening the dates or clearing the text."), pager);
}

async function openEvent(eventId, push = true) {
  state.event = eventId;
  if (push) writeUrl();
  if (state.view !== "events") { go("events"); return; }
  const side = clear(ui.side);
  side.append(h("p", { class: "loading" }, "Loading event…"));
  let event;
  try {
    event = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  } catch (err) {
    clear(side).append(h("button", { type: "button", class: "back", onclick: closeEvent }, "← Back to list"),
      h("p", { class: "error", role: "alert" }, err.message));
    return;
  }
  if (event.superseded_by && event.superseded_by !== "rejected") { openEvent(event.superseded_by, false); return; }
  for (const s of event.sources) if (s.outlet) state.outlets.set(s.article_id, s.outlet);
  const card = renderCard(event, { onQuote: (articleId, focus) => openReader(articleId, focus), onBack: closeEvent,
    outletOf: (id) => state.outlets.get(id) });
  if (event.superseded_by === "rejected") {
    card.prepend(h("p", { class: "error", role: "alert" }, "An analyst rejected this event: it is in no list or export."));
  } else {
    card.append(...[tokenField(), renderCorrections(event, { meta: state.meta, token: currentToken,
      subTypes: Object.values(state.meta.taxonomy).flat(), pickPoint: (done) => ui.map.pickPoint(done),
      onDone: (result) => {
        ui.map.refresh();
        refreshCounts();
        if (result.events && result.events.length) openEvent(result.events[0]);
        else closeEvent();
      } })].filter(Boolean));
  }
  clear(side).append(card);
  card.querySelector("#card-title").focus({ preventScroll: true });
  // Open the first source with its quote straight away: where, when and who, in the words of the report.
  const first = event.sources[0];
  if (first) openReader(first.article_id, { start: first.start, end: first.end, label: "the event report" });
  ui.map.focusEvent(event, first ? ui.readerPane.offsetWidth : 0);
}

function closeEvent() {
  state.event = null;
  closeReader();
  writeUrl();
  ui.map.highlight(null);
  loadList();
}

function openReader(articleId, focus) {
  ui.readerPane.hidden = false;
  renderArticle(ui.readerPane, articleId, focus, { onClose: closeReader, onEvent: (id) => openEvent(id) });
}

function closeReader() {
  if (!ui.readerPane) return;
  ui.readerPane.hidden = true;
  clear(ui.readerPane);
  ui.map.invalidate();
}

// ------------------------------------------------------------------ table views

function pager(total, itemsOnPage, reload) {
  const pages = total !== undefined ? Math.max(1, Math.ceil(total / PAGE_SIZE)) : null;
  return h("nav", { class: "pager", "aria-label": "Pages" },
    h("button", { type: "button", disabled: state.page <= 1, onclick: () => { state.page -= 1; writeUrl(); reload(); } }, "← Previous"),
    h("span", {}, pages ? `Page ${state.page} of ${pages}` : `Page ${state.page}`),
    h("button", { type: "button", disabled: pages ? state.page >= pages : itemsOnPage < PAGE_SIZE,
      onclick: () => { state.page += 1; writeUrl(); reload(); } }, "Next →"));
}

function table(caption, columns, rows) {
  return h("table", { class: "data" }, h("caption", {}, caption),
    h("thead", {}, h("tr", {}, columns.map(([label]) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, columns.map(([, cell]) => h("td", {}, cell(r)))))));
}

function sourceCell(item) {
  const s = (item.sources || [])[0];
  if (!s) return "—";
  return h("button", { type: "button", class: "quote", onclick: () => openReaderModal(s.article_id, { start: s.start, end: s.end }) },
    `${s.outlet || "source"}${s.published ? `, ${s.published}` : ""}`);
}

function quoteCell(item) {
  const s = (item.sources || [])[0];
  const text = item.quote || (s && s.quote) || "";
  return h("span", { class: "quote-plain" }, text ? `“${text}”` : "—");
}

function fullPage(title, intro, ...content) {
  return clear(ui.main).append(h("div", { class: "page" }, h("h1", {}, title), intro ? h("p", { class: "intro" }, intro) : null, ...content));
}

// The filter bar's fields each list view understands (event type means nothing for a statement or a tally).
const STATEMENT_FILTERS = ["from", "to", "actor", "country", "q"];
const TALLY_FILTERS = ["from", "to", "actor", "q"];

let listTicket = 0; // the latest statements/tallies request; older answers are dropped

function pickFilters(keys) {
  const out = {};
  for (const key of keys) if (state.filters[key]) out[key] = state.filters[key];
  return out;
}

// Filters set in the bar that this view cannot apply: said, not silently dropped.
function scopeNote(keys) {
  const ignored = FILTER_KEYS.filter((k) => state.filters[k] && !keys.includes(k));
  return ignored.length ? h("p", { class: "hint scope-note", role: "note" },
    `Not applied here (events only): ${ignored.map((k) => `${k} = ${state.filters[k]}`).join(", ")}.`) : null;
}

function filterNote(keys, what) {
  const set = Object.keys(pickFilters(keys));
  return set.length ? `No ${what} match these filters (${set.join(", ")}).` : `No ${what} stored.`;
}

async function renderStatements() {
  const intro = "Who said what about whom (PLOVER), each with its quote. Dates, country, actor (speaker or target) and text (in the quote) apply.";
  fullPage("Statements", intro, h("p", { class: "loading" }, "Loading…"));
  const ticket = ++listTicket;
  const data = await getJSON("/api/statements", { ...pickFilters(STATEMENT_FILTERS), page: state.page, page_size: PAGE_SIZE });
  if (ticket !== listTicket || state.view !== "statements") return; // filters changed while loading: a newer answer comes
  fullPage("Statements", intro, scopeNote(STATEMENT_FILTERS),
    data.items.length ? table(count(data.total, "statement"), [
      ["Date", (s) => [s.date, s.time_precision > 1 ? ` (${TIME_PRECISION[s.time_precision]})` : ""]],
      ["Speaker", (s) => s.speaker_actor || s.speaker || "—"],
      ["PLOVER", (s) => [s.plover_event, s.plover_mode ? ` / ${s.plover_mode}` : ""]],
      ["About", (s) => s.target_actor || "—"],
      ["Quote", quoteCell], ["Source", sourceCell]], data.items) : h("p", { class: "empty" }, filterNote(STATEMENT_FILTERS, "statements")),
    pager(data.total, data.items.length, renderStatements));
}

async function renderTallies() {
  const intro = "Cumulative counts (“since January, 120 strikes…”) kept apart from single events. Dates (as of), actor (by, against or claimant) and text apply.";
  fullPage("Tallies", intro, h("p", { class: "loading" }, "Loading…"));
  const ticket = ++listTicket;
  const data = await getJSON("/api/tallies", { ...pickFilters(TALLY_FILTERS), page: state.page, page_size: PAGE_SIZE });
  if (ticket !== listTicket || state.view !== "tallies") return;
  fullPage("Tallies", intro, scopeNote(TALLY_FILTERS),
    data.items.length ? table(count(data.total, "tally", "tallies"), [
      ["Count", (t) => [t.qualifier ? `${t.qualifier} ` : "", h("strong", {}, String(t.count))]],
      ["What", (t) => t.what || "—"], ["By", (t) => t.actor || "—"], ["Against", (t) => t.target || "—"],
      ["Where", (t) => t.place || "—"],
      ["Period", (t) => [t.period_from || "…", " – ", t.period_to || t.as_of || "…"]],
      ["Claimed by", (t) => t.claimant || "the outlet"], ["Quote", quoteCell], ["Source", sourceCell]], data.items)
      : h("p", { class: "empty" }, filterNote(TALLY_FILTERS, "tallies")),
    pager(data.total, data.items.length, renderTallies));
}

async function renderSources() {
  const intro = "Every article read, and what each contributed. Open one to see its text with every extraction marked.";
  fullPage("Sources", intro, h("p", { class: "loading" }, "Loading…"));
  const data = await getJSON("/api/sources", { from: state.filters.from, to: state.filters.to, page: state.page, page_size: PAGE_SIZE });
  fullPage("Sources", intro, scopeNote(["from", "to"]),
    data.items.length ? table(`${count(data.total, "article")}`, [
      ["Published", (a) => a.published || "unknown"], ["Outlet", (a) => a.outlet || "—"],
      ["Title", (a) => h("button", { type: "button", class: "quote", onclick: () => openReaderModal(a.article_id, null) }, a.title || "(untitled)")],
      ["Events", (a) => String(a.events)], ["Casualty claims", (a) => String(a.claims)],
      ["Statements", (a) => String(a.statements)], ["Tallies", (a) => String(a.tallies)],
      ["File", (a) => h("span", { class: "doc" }, a.document || "")]], data.items)
      : h("p", { class: "empty" }, "No articles stored yet: run conflictwire ingest."),
    pager(data.total, data.items.length, renderSources));
}

function openReaderModal(articleId, focus) {
  let dialog = document.getElementById("reader-dialog");
  if (!dialog) {
    dialog = h("dialog", { id: "reader-dialog", class: "reader-dialog", "aria-labelledby": "reader-title" });
    document.body.append(dialog);
  }
  const pane = h("div", { class: "reader" });
  clear(dialog).append(pane);
  dialog.showModal();
  renderArticle(pane, articleId, focus, { onClose: () => dialog.close(), onEvent: (id) => { dialog.close(); openEvent(id); } });
}

// ------------------------------------------------------------------ charts

async function renderCharts() {
  const intro = "For the events the filter bar selects: events per week by type, and each outlet's death tolls " +
    "against the tolls recorded for the same events.";
  fullPage("Charts", intro, h("p", { class: "loading" }, "Loading…"));
  const params = filterParams(state.filters);
  const [weekly, tolls] = await Promise.all([getJSON("/api/stats", { ...params, by: "week" }), getJSON("/api/tolls", params)]);
  if (state.view !== "charts") return;
  const weeklyBox = h("section", { class: "timeline chart-weekly", "aria-label": "Events per week by type" });
  const maxKilled = Math.max(1, ...tolls.items.map((r) => Math.max(r.claimed_killed, r.recorded_fatalities)));
  const bar = (value, cls) => {
    const el = h("span", { class: `hbar ${cls}` });
    el.style.width = `${Math.round(240 * value / maxKilled)}px`;
    return el;
  };
  const tollTable = tolls.items.length ? table("Deaths claimed by each outlet, and recorded for the same events", [
    ["Outlet", (r) => r.outlet], ["Events", (r) => String(r.events)],
    ["Claimed killed", (r) => [bar(r.claimed_killed, "claimed"), ` ${r.claimed_killed}`]],
    ["Recorded", (r) => [bar(r.recorded_fatalities, "recorded"), ` ${r.recorded_fatalities}`]]], tolls.items)
    : h("p", { class: "empty" }, "No casualty figures for these events.");
  fullPage("Charts", intro, h("h2", {}, "Events per week by type"), weeklyBox, h("h2", {}, "Tolls by source"), tollTable);
  new Timeline(weeklyBox, { onBrush: (from, to) => {
    state.filters = { ...state.filters, from: from || undefined, to: to || undefined };
    if (!from) delete state.filters.from;
    if (!to) delete state.filters.to;
    syncForm();
    applyFilters();
  } }).render(weekly, state.filters);
}

// ------------------------------------------------------------------ writing

function currentToken() {
  return state.meta.token_required ? (sessionStorage.getItem("cw-token") || "") : "";
}

// The write token, asked for only when the server needs one (it listens beyond this machine).
function tokenField() {
  if (!state.meta.token_required || !state.meta.writable) return null;
  const input = h("input", { id: "review-token", type: "password", autocomplete: "off", value: sessionStorage.getItem("cw-token") || "",
    oninput: (ev) => sessionStorage.setItem("cw-token", ev.target.value.trim()) });
  return h("div", { class: "field token" }, h("label", { for: "review-token" }, "Write token"), input);
}

async function refreshCounts() {
  try { state.meta = { ...state.meta, counts: (await getJSON("/api/meta")).counts }; } catch { /* the next load says */ }
}

async function renderReview() {
  const intro = "Pairs of events the merge could not decide on: both reports side by side. " +
    "Keys: C same event (merge), X different events, S or ↓ next, ↑ previous.";
  fullPage("Review possible duplicates", intro, h("p", { class: "loading" }, "Loading…"));
  const data = await getJSON("/api/duplicates");
  const disabled = !state.meta.writable;
  const quote = (s) => h("blockquote", { class: "dup-quote" }, h("div", { class: "muted" },
    `${s.outlet || "unknown outlet"}${s.published ? `, ${s.published}` : ""}`), `“${s.quote || ""}”`);
  const side = (e, letter) => e ? h("div", { class: "dup-side" },
    h("h3", {}, `${letter}: ${e.sub_event_type} — ${e.location || e.country || "?"}`),
    h("p", {}, h("strong", {}, "When "), `${e.event_date} (${TIME_PRECISION[e.time_precision] || "?"})`),
    h("p", {}, h("strong", {}, "Where "), [e.location, e.admin1, e.country].filter(Boolean).join(", "),
      ` (${GEO_PRECISION[e.geo_precision] || "?"})`,
      e.latitude !== null && e.latitude !== undefined ? h("span", { class: "coords" }, ` ${e.latitude.toFixed(3)}, ${e.longitude.toFixed(3)}`) : null),
    h("p", {}, h("strong", {}, "Who "), e.actor1 || "unidentified", e.actor2 ? ` vs ${e.actor2}` : ""),
    h("p", {}, h("strong", {}, "Toll "), `${e.fatalities ?? 0} killed`,
      e.claims.length ? ` (${e.claims.map((c) => `${c.claimant || c.source_outlet || "outlet"}: ${c.killed ?? "?"}`).join("; ")})` : ""),
    e.sources.map(quote),
    h("button", { type: "button", class: "link", onclick: () => openEvent(e.event_id) }, "Open event")) : h("div", {}, "(gone)");
  const decide = async (pair, decision, status) => {
    status.textContent = "Saving…";
    try {
      await postJSON(`/api/duplicates/${encodeURIComponent(pair.pair_id)}/${decision}`, currentToken());
      status.textContent = decision === "confirm" ? "Merged." : "Kept apart.";
      setTimeout(renderReview, 600);
    } catch (err) {
      status.textContent = `Not saved: ${err.message}`;
    }
  };
  const reasonText = (r) => Object.entries(r || {}).filter(([k]) => k !== "joined_with")
    .map(([k, v]) => `${k.replace(/_/g, " ")}: ${v ?? "—"}`);
  const items = data.items.map((pair) => {
    const status = h("span", { class: "status", role: "status" });
    const where = h("div", { class: "dup-map", role: "img",
      "aria-label": `Map: A ${pair.a ? pair.a.location : "?"}, B ${pair.b ? pair.b.location : "?"}` });
    const li = h("li", { class: "dup", tabindex: "0", dataset: { pairId: pair.pair_id } },
      h("p", { class: "dup-why" }, `Score ${pair.score} — why: `, reasonText(pair.reasons).join(" · ")),
      h("div", { class: "dup-pair" }, side(pair.a, "A"), side(pair.b, "B"), where),
      h("div", { class: "dup-actions" },
        h("button", { type: "button", class: "primary", disabled, onclick: () => decide(pair, "confirm", status) }, "Same event: merge (C)"),
        h("button", { type: "button", disabled, onclick: () => decide(pair, "split", status) }, "Different events: keep apart (X)"),
        status));
    li.decide = (decision) => !disabled && decide(pair, decision, status);
    li.where = where;
    return li;
  });
  fullPage("Review possible duplicates", intro, tokenField(),
    disabled ? h("p", { class: "hint" }, "Decisions are disabled: this server listens beyond this machine without CONFLICTWIRE_TOKEN.") : null,
    items.length ? h("ol", { class: "dup-list" }, items) : h("p", { class: "empty" }, "Nothing to review."));
  items.slice(0, 20).forEach((li, i) => { // maps once in the page (Leaflet measures its box)
    const pair = data.items[i];
    miniMap(li.where, [pair.a, pair.b].map((e, k) => e && { latitude: e.latitude, longitude: e.longitude,
      label: `${k ? "B" : "A"}: ${e.location || "?"}`, colour: k ? "#c0392b" : "#1f63b5" }).filter(Boolean));
  });
  if (items.length) items[0].focus({ preventScroll: true });
}

// Review shortcuts act on the pair that has the focus (or holds it).
document.addEventListener("keydown", (ev) => {
  if (state.view !== "review" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement) return;
  const current = ev.target.closest && ev.target.closest(".dup");
  const all = [...document.querySelectorAll(".dup")];
  if (!all.length) return;
  const at = current ? all.indexOf(current) : -1;
  const key = ev.key.toLowerCase();
  if (key === "s" || ev.key === "ArrowDown" || key === "j") { ev.preventDefault(); (all[at + 1] || all[all.length - 1]).focus(); }
  else if (ev.key === "ArrowUp" || key === "k") { ev.preventDefault(); (all[Math.max(0, at - 1)]).focus(); }
  else if (key === "c" && current) { ev.preventDefault(); current.decide("confirm"); }
  else if (key === "x" && current) { ev.preventDefault(); current.decide("split"); }
});

// ------------------------------------------------------------------ render

async function render() {
  for (const tab of document.querySelectorAll(".tab")) {
    const current = tab.dataset.view === state.view;
    tab.classList.toggle("current", current);
    if (current) tab.setAttribute("aria-current", "page"); else tab.removeAttribute("aria-current");
  }
  renderExport();
  try {
    if (state.view === "events") renderEventsView();
    else if (state.view === "statements") await renderStatements();
    else if (state.view === "tallies") await renderTallies();
    else if (state.view === "sources") await renderSources();
    else if (state.view === "review") await renderReview();
    else if (state.view === "charts") await renderCharts();
  } catch (err) {
    clear(ui.main).append(h("p", { class: "error", role: "alert" }, `Could not load: ${err.message}`));
  }
}

async function start() {
  readUrl();
  let meta;
  try {
    meta = await getJSON("/api/meta");
  } catch (err) {
    clear(document.getElementById("app")).append(h("p", { class: "error", role: "alert" }, `The API is not answering: ${err.message}`));
    return;
  }
  state.meta = meta;
  shell(meta);
  syncForm();
  loadActorOptions();
  window.addEventListener("popstate", () => { readUrl(); syncForm(); render(); });
  document.body.dataset.ready = "true";
  await render();
}

start();
