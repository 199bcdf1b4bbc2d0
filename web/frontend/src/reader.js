// The article reader: the source text with every extraction marked and the quote
// in question highlighted and scrolled into view. Text is split at span
// boundaries and each piece is a text node (textContent): never parsed as HTML.
import { getJSON } from "./api.js";
import { h, clear, externalLink } from "./dom.js";

const KIND_ORDER = ["focus", "claim", "event", "responsibility", "statement", "tally"];

export function segmentsOf(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    if (s.start === null || s.start === undefined || s.end === null || s.end === undefined) continue;
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a === b) continue;
    const covering = spans.filter((s) => s.start <= a && s.end >= b && s.start !== s.end);
    out.push({ start: a, end: b, text: text.slice(a, b), spans: covering });
  }
  return out;
}

export async function renderArticle(container, articleId, focus, { onClose, onEvent } = {}) {
  clear(container);
  container.append(h("p", { class: "loading" }, "Loading article…"));
  let article;
  try {
    article = await getJSON(`/api/articles/${encodeURIComponent(articleId)}`);
  } catch (err) {
    clear(container).append(h("p", { class: "error", role: "alert" }, `Could not load the article: ${err.message}`));
    return;
  }
  const spans = (article.spans || []).map((s) => ({ ...s }));
  if (focus && focus.start !== null && focus.start !== undefined) {
    spans.push({ kind: "focus", start: focus.start, end: focus.end, label: focus.label || "the quote in question" });
  }
  const body = h("div", { class: "article-text", tabindex: "0", "aria-label": "Article text" });
  let focusMark = null;
  for (const seg of segmentsOf(article.text || "", spans)) {
    if (!seg.spans.length) { body.append(document.createTextNode(seg.text)); continue; }
    const top = seg.spans.map((s) => s.kind).sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b))[0];
    const mark = h("mark", { class: `span-${top}`, title: seg.spans.map((s) => `${s.kind}: ${s.label || ""}`).join("\n") },
      seg.text);
    if (top === "focus") {
      mark.classList.add("focus");
      focusMark = focusMark || mark;
    }
    body.append(mark);
  }
  const rawLink = h("a", { href: `/api/articles/${encodeURIComponent(article.article_id)}/raw`, target: "_blank",
    rel: "noopener noreferrer" }, "raw page as stored");
  const header = h("header", { class: "reader-head" },
    h("div", {},
      h("h2", { id: "reader-title" }, article.title || "(untitled article)"),
      h("p", { class: "meta" },
        [article.outlet || "unknown outlet", article.published ? `published ${article.published}` : "publication date unknown",
          article.document].filter(Boolean).join(" · "), " · ", rawLink,
        article.url ? [" · ", externalLink(article.url, "original URL")] : null)),
    onClose ? h("button", { type: "button", class: "close", "aria-label": "Close article", onclick: onClose }, "✕ Close") : null);
  const legend = h("p", { class: "span-legend" }, "Marked: ",
    ["focus", "event", "claim", "statement", "tally"].map((k) => h("mark", { class: `span-${k}` }, k === "focus" ? "quote in question" : k)));
  const related = (article.events || []).length ? h("div", { class: "reader-events" }, "Events from this article: ",
    article.events.map((e) => h("button", { type: "button", class: "chip", onclick: () => onEvent && onEvent(e.event_id) },
      `${e.event_date} ${e.sub_event_type} — ${e.location || e.country || "?"}`))) : null;
  clear(container).append(...[header, legend, related, body].filter(Boolean)); // native append writes "null"
  if (focusMark) {
    focusMark.setAttribute("tabindex", "-1");
    focusMark.scrollIntoView({ block: "center" });
  }
  return article;
}
