// The timeline: events per day, week or month, stacked by event type, drawn as SVG
// from /api/stats (aggregated in the database). Dragging across it (the brush)
// or pressing Enter on a bar sets the date filter, which redraws map and list.
import { svg, h, clear } from "./dom.js";
import { colourOf, TYPES } from "./format.js";

const DAY = 86400000;

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  return new Date(d.getTime() + n * DAY).toISOString().slice(0, 10);
}

function bucketEnd(period, by) {
  if (by === "day") return period;
  if (by === "week") return addDays(period, 6);
  const [y, m] = period.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function bucketStart(period, by) {
  return by === "month" ? `${period}-01` : period;
}

// Every bucket between the first and the last, so gaps in time show as gaps.
function fillPeriods(seen, by) {
  if (seen.length < 2) return seen;
  const out = [];
  let current = seen[0];
  const last = seen[seen.length - 1];
  for (let guard = 0; current <= last && guard < 5000; guard++) {
    out.push(current);
    if (by === "day") current = addDays(current, 1);
    else if (by === "week") current = addDays(current, 7);
    else {
      const [y, m] = current.split("-").map(Number);
      current = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
    }
  }
  return out;
}

export class Timeline {
  constructor(container, { onBrush }) {
    this.container = container;
    this.onBrush = onBrush;
  }

  // Pick the bucket size from the span of the data so bars stay readable.
  static bucketFor(filters, span) {
    const from = filters.from ? Date.parse(filters.from) : null;
    const to = filters.to ? Date.parse(filters.to) : null;
    const days = from && to ? (to - from) / DAY : span;
    if (days === null || days === undefined) return "week";
    if (days <= 120) return "day";
    if (days <= 900) return "week";
    return "month";
  }

  render(stats, filters) {
    clear(this.container);
    const by = stats.by;
    const periods = fillPeriods([...new Set(stats.timeline.map((r) => r.period))].sort(), by);
    const caption = h("div", { class: "timeline-head" },
      h("h2", { id: "timeline-title" }, `Events per ${by}`),
      h("span", { class: "hint" }, "Drag across the bars to filter dates; Enter on a bar selects it."),
      filters.from || filters.to ? h("button", { type: "button", class: "link", onclick: () => this.onBrush(null, null) },
        "Clear dates") : null);
    this.container.append(caption);
    if (!periods.length) {
      this.container.append(h("p", { class: "empty" }, "No events match these filters."));
      return;
    }
    const width = Math.max(300, this.container.clientWidth - 16);
    const height = 104;
    const pad = { left: 34, right: 6, top: 6, bottom: 18 };
    const stacks = new Map(periods.map((p) => [p, []]));
    for (const row of stats.timeline) stacks.get(row.period).push(row);
    const maxTotal = Math.max(...[...stacks.values()].map((rows) => rows.reduce((s, r) => s + r.events, 0)));
    // A bar is never wider than 48 px: one day selected is one slim bar, not a full-width block.
    const band = Math.min(48, (width - pad.left - pad.right) / periods.length);
    const y = (v) => pad.top + (height - pad.top - pad.bottom) * (1 - v / maxTotal);
    const chart = svg("svg", { width, height, class: "timeline-svg", role: "group", "aria-labelledby": "timeline-title" });
    chart.append(svg("text", { x: pad.left - 4, y: pad.top + 8, "text-anchor": "end", class: "axis" }, String(maxTotal)));
    chart.append(svg("text", { x: pad.left - 4, y: height - pad.bottom, "text-anchor": "end", class: "axis" }, "0"));
    chart.append(svg("line", { x1: pad.left, x2: width - pad.right, y1: height - pad.bottom + 0.5,
      y2: height - pad.bottom + 0.5, class: "baseline" }));
    periods.forEach((period, i) => {
      const x = pad.left + i * band;
      let acc = 0;
      const rows = stacks.get(period).sort((a, b) => TYPES.indexOf(a.event_type) - TYPES.indexOf(b.event_type));
      const total = rows.reduce((s, r) => s + r.events, 0);
      const label = `${period}: ${total} events (` + rows.map((r) => `${r.events} ${r.event_type}`).join(", ") + ")";
      const group = svg("g", { class: "bar", tabindex: "0", role: "button", "aria-label": label,
        onkeydown: (ev) => {
          if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); this.onBrush(bucketStart(period, by), bucketEnd(period, by)); }
        } });
      group.append(svg("title", {}, label));
      for (const row of rows) {
        const top = y(acc + row.events);
        group.append(svg("rect", { x: x + 0.5, width: Math.max(1, band - 1), y: top, height: y(acc) - top,
          fill: colourOf(row.event_type) }));
        acc += row.events;
      }
      chart.append(group);
    });
    // date labels: first, last and a few between
    const every = Math.max(1, Math.ceil(periods.length / 8));
    const lastIndex = periods.length - 1;
    periods.forEach((period, i) => {
      const isLast = i === lastIndex;
      if (!isLast && (i % every || lastIndex - i < every)) return; // keep labels apart
      const anchor = isLast && periods.length > 1 ? "end" : i === 0 ? "start" : "middle";
      const x = anchor === "end" ? pad.left + (i + 1) * band : anchor === "start" ? pad.left + i * band : pad.left + i * band + band / 2;
      chart.append(svg("text", { x, y: height - 4, "text-anchor": anchor, class: "axis" }, period));
    });
    this.addBrush(chart, periods, band, pad, height, by);
    this.container.append(chart);
  }

  addBrush(chart, periods, band, pad, height, by) {
    const shade = svg("rect", { class: "brush", y: pad.top, height: height - pad.top - pad.bottom, width: 0, x: 0 });
    chart.append(shade);
    const index = (ev) => {
      const box = chart.getBoundingClientRect();
      return Math.max(0, Math.min(periods.length - 1, Math.floor((ev.clientX - box.left - pad.left) / band)));
    };
    let start = null;
    chart.addEventListener("pointerdown", (ev) => {
      start = index(ev);
      chart.setPointerCapture(ev.pointerId);
      shade.setAttribute("x", pad.left + start * band);
      shade.setAttribute("width", band);
    });
    chart.addEventListener("pointermove", (ev) => {
      if (start === null) return;
      const i = index(ev);
      const lo = Math.min(start, i), hi = Math.max(start, i);
      shade.setAttribute("x", pad.left + lo * band);
      shade.setAttribute("width", (hi - lo + 1) * band);
    });
    chart.addEventListener("pointerup", (ev) => {
      if (start === null) return;
      const i = index(ev);
      const lo = Math.min(start, i), hi = Math.max(start, i);
      start = null;
      this.onBrush(bucketStart(periods[lo], by), bucketEnd(periods[hi], by));
    });
  }
}
