// The event card: everything an analyst needs to judge one event, every field
// next to the sources that back it. Fatalities show EVERY claim side by side.
import { h } from "./dom.js";
import { colourOf, GEO_PRECISION, TIME_PRECISION, place, when } from "./format.js";

function row(label, ...value) {
  return [h("dt", {}, label), h("dd", {}, ...value)];
}

function precisionBadge(text) {
  return h("span", { class: "precision" }, text);
}

export function renderCard(event, { onQuote, onBack, outletOf }) {
  const typeBadge = h("span", { class: "type-badge" }, event.event_type);
  typeBadge.style.borderColor = colourOf(event.event_type);
  const head = h("header", { class: "card-head" },
    h("button", { type: "button", class: "back", onclick: onBack }, "← Back to list"),
    h("h2", { id: "card-title", tabindex: "-1" }, `${event.sub_event_type} in ${event.location || event.country || "unknown place"}`),
    h("p", { class: "card-sub" }, typeBadge, " ", event.plover_event ? `PLOVER ${event.plover_event}${event.plover_mode ? ` / ${event.plover_mode}` : ""}` : null),
    event.notes ? h("p", { class: "notes" }, event.notes) : null);

  const current = event.claims.filter((c) => !c.superseded_by);  // a figure a later update replaced no longer counts
  const facts = h("dl", { class: "facts" },
    row("When", when(event), " ", precisionBadge(TIME_PRECISION[event.time_precision] || "precision unknown")),
    row("Where", place(event), " ", precisionBadge(GEO_PRECISION[event.geo_precision] || "precision unknown"),
      event.latitude !== null && event.latitude !== undefined ? h("span", { class: "coords" }, ` ${event.latitude.toFixed(3)}, ${event.longitude.toFixed(3)}`) : null),
    row("Actor 1", event.actor1 || "unidentified", event.assoc_actor_1 ? h("span", { class: "assoc" }, ` with ${event.assoc_actor_1}`) : null),
    row("Actor 2", event.actor2 || "—", event.assoc_actor_2 ? h("span", { class: "assoc" }, ` with ${event.assoc_actor_2}`) : null),
    row("Fatalities", h("strong", { class: "fatalities" }, String(event.fatalities ?? 0)),
      current.length > 1 ? ` (lowest credible of ${current.length} claims)` : ""),
    event.injuries !== null && event.injuries !== undefined ? row("Injuries", String(event.injuries)) : null,
    event.weapons.length ? row("Weapons", event.weapons.join(", ")) : null,
    event.targets.length ? row("Targets", event.targets.join(", ")) : null,
    row("Confidence", event.confidence !== null && event.confidence !== undefined ? `${Math.round(event.confidence * 100)}%` : "—",
      ` · ${event.sources.length} source${event.sources.length === 1 ? "" : "s"}`));

  const quoteButton = (item, label) => item.article_id && item.start !== null && item.start !== undefined
    ? h("button", { type: "button", class: "quote", onclick: () => onQuote(item.article_id, { start: item.start, end: item.end, label }) },
      `“${item.quote || "show in article"}”`)
    : h("span", { class: "quote-plain" }, item.quote ? `“${item.quote}”` : "");

  const claims = h("section", { class: "claims", "aria-labelledby": "claims-title" },
    h("h3", { id: "claims-title" }, `Casualty claims (${event.claims.length})`),
    event.claims.length ? h("table", { class: "claims-table" },
      h("caption", { class: "sr-only" }, "Every casualty figure reported for this event, with who made the claim"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Killed"), h("th", { scope: "col" }, "Injured"),
        h("th", { scope: "col" }, "Who says it, reported by, in their words"))),
      h("tbody", {}, event.claims.map((c) => h("tr", { class: c.killed === event.fatalities ? "used" : null },
        h("td", { class: "num" }, c.killed ?? "—", c.qualifier ? h("div", { class: "qualifier" }, c.qualifier) : null,
          c.update ? h("div", { class: "qualifier" }, "update") : null,
          c.superseded_by ? h("div", { class: "qualifier superseded" }, "replaced by a later update") : null),
        h("td", { class: "num" }, c.injured ?? "—"),
        h("td", {}, h("div", { class: "claimant" }, h("strong", {}, c.claimant || "the outlet itself"),
          h("span", { class: "via" }, ` via ${c.source_outlet || outletOf(c.article_id) || "unknown outlet"}`)),
          quoteButton(c, `${c.claimant || "outlet"}: ${c.killed ?? "?"} killed`))))))
      : h("p", { class: "empty" }, "No source gave a casualty figure."));

  const responsibility = h("section", { class: "responsibility", "aria-labelledby": "resp-title" },
    h("h3", { id: "resp-title" }, `Responsibility (${event.responsibility.length})`),
    event.responsibility.length ? h("ul", {}, event.responsibility.map((r) => h("li", {},
      h("strong", {}, r.actor || "unnamed actor"), ` — ${r.kind || "claimed or blamed"}`,
      r.claimant ? ` according to ${r.claimant}` : "", " ", quoteButton(r, `${r.kind || "responsibility"}: ${r.actor}`))))
      : h("p", { class: "empty" }, "Nobody claimed it and no source assigned blame."));

  const sources = h("section", { class: "sources", "aria-labelledby": "sources-title" },
    h("h3", { id: "sources-title" }, `Sources (${event.sources.length})`),
    h("ol", {}, event.sources.map((s) => h("li", {},
      h("div", { class: "source-meta" }, h("strong", {}, s.outlet || "unknown outlet"), s.published ? ` · ${s.published}` : "",
        s.document ? h("span", { class: "doc" }, ` · ${s.document}`) : null),
      quoteButton(s, "the event report"),
      h("a", { class: "raw", href: `/api/articles/${encodeURIComponent(s.article_id)}/raw`, target: "_blank", rel: "noopener noreferrer" }, "raw page")))));

  const reasons = (event.merge_reasons || []);
  const merge = h("details", { class: "merge" },
    h("summary", {}, reasons.length ? `Why these reports were merged (${reasons.length})` : "Merge reasons (single report)"),
    reasons.length ? h("ul", {}, reasons.map((r) => h("li", {},
      `${r.decision || "merged"}: score ${r.score ?? "—"}` +
      (r.date_delta_days !== undefined ? `, ${r.date_delta_days} day(s) apart` : "") +
      (r.distance_km !== undefined && r.distance_km !== null ? `, ${r.distance_km} km apart` : "") +
      (r.type ? `, types ${r.type}` : "")))) : h("p", {}, "This event rests on one report."));

  return h("article", { class: "event-card", "aria-labelledby": "card-title", dataset: { eventId: event.event_id } },
    head, facts, claims, responsibility, sources, merge,
    h("p", { class: "event-id" }, "Event id ", h("code", {}, event.event_id), " · ",
      h("a", { href: `/api/events/${encodeURIComponent(event.event_id)}`, target: "_blank", rel: "noopener" }, "JSON")));
}
