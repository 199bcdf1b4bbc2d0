// The event map: Leaflet over an offline base map of country outlines (Natural
// Earth, from the world-atlas package), optional tiles when /api/meta gives a URL.
// Points come from /api/map, which clusters in the database when there are many:
// the browser never holds more than a few hundred markers.
import L from "leaflet";
import { feature } from "topojson-client";
import { getJSON, filterParams } from "./api.js";
import { h } from "./dom.js";
import { colourOf, GEO_PRECISION, TYPE_COLOURS } from "./format.js";

export class EventMap {
  constructor(container, { tileUrl, onSelect, onView }) {
    this.onSelect = onSelect;
    this.onView = onView || (() => {});
    this.filters = {};
    this.selected = null;
    this.map = L.map(container, { zoomControl: true, preferCanvas: false, minZoom: 2, maxZoom: 14,
      worldCopyJump: true, attributionControl: true, keyboard: true });
    this.map.setView([33.3, 44.0], 5);
    this.map.attributionControl.setPrefix(false);
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: 18, attribution: "Map tiles: see server settings" }).addTo(this.map);
    }
    // Outlines get a pane of their own below the markers: they load asynchronously
    // and must never cover what was drawn before them.
    this.map.createPane("outlines").style.zIndex = 250;
    this.base = L.layerGroup().addTo(this.map);
    // Town names from the bundled gazetteer (no tiles, no network): under the markers, never in the way.
    this.map.createPane("labels").style.zIndex = 390;
    this.map.getPane("labels").style.pointerEvents = "none";
    this.labels = L.layerGroup().addTo(this.map);
    this.labelSeq = 0;
    this.layer = L.layerGroup().addTo(this.map);
    this.loadOutlines(!!tileUrl);
    this.addLegend();
    this.status = this.addStatus();
    this.map.on("moveend", () => this.refresh());
    this.seq = 0;
  }

  async loadOutlines(withTiles) {
    try {
      const topo = await (await fetch("/static/dist/countries-50m.json")).json();
      const countries = feature(topo, topo.objects.countries);
      L.geoJSON(countries, {
        interactive: false,
        pane: "outlines",
        style: () => ({ color: "#8a96a3", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: withTiles ? 0 : 1 }),
      }).addTo(this.base);
      this.map.attributionControl.addAttribution("Outlines: Natural Earth");
    } catch (err) {
      this.base.clearLayers();
    }
  }

  addLegend() {
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const box = h("div", { class: "map-legend", role: "group", "aria-label": "Map legend" },
        Object.entries(TYPE_COLOURS).map(([type, colour]) => {
          const swatch = h("span", { class: "swatch" });
          swatch.style.background = colour;
          return h("div", {}, swatch, type);
        }),
        h("div", { class: "legend-precision" }, h("span", { class: "ring solid" }), "exact place",
          h("span", { class: "ring dashed" }), "near", h("span", { class: "ring hollow" }), "province only"),
        h("div", { class: "legend-size" }, "size = fatalities"));
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    legend.addTo(this.map);
  }

  addStatus() {
    const control = L.control({ position: "topright" });
    const box = h("div", { class: "map-status", role: "status", "aria-live": "polite" });
    control.onAdd = () => box;
    control.addTo(this.map);
    return box;
  }

  setFilters(filters) {
    this.filters = filters;
    this.refresh();
  }

  bboxParam() {
    const b = this.map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
      clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(",");
  }

  async refreshLabels() {
    const seq = ++this.labelSeq;
    let data;
    try {
      data = await getJSON("/api/towns", { bbox: this.bboxParam(), zoom: this.map.getZoom() });
    } catch (err) {
      return; // labels are a help, not a must
    }
    if (seq !== this.labelSeq) return;
    this.labels.clearLayers();
    for (const town of data.items) {
      const label = h("span", {}, town.name);
      L.marker([town.latitude, town.longitude], { pane: "labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "town-label", html: label, iconSize: null }) }).addTo(this.labels);
    }
  }

  async refresh() {
    this.refreshLabels();
    this.onView();
    const seq = ++this.seq;
    let data;
    try {
      data = await getJSON("/api/map", { ...filterParams(this.filters), bbox: this.bboxParam(), zoom: this.map.getZoom() });
    } catch (err) {
      this.status.textContent = `Map: ${err.message}`;
      return;
    }
    if (seq !== this.seq) return; // a newer request superseded this one
    this.layer.clearLayers();
    this.markers = new Map();
    for (const item of data.items) {
      if (item.kind === "cluster" && item.count > 1) this.addCluster(item);
      else this.addPoint(item);
    }
    const unplaced = data.total - data.located;
    this.status.textContent = `${data.located.toLocaleString("en")} in view` +
      (data.mode === "clusters" ? " (clustered: zoom in)" : "") +
      (unplaced > 0 ? ` · ${unplaced.toLocaleString("en")} without coordinates` : "");
    this.highlight(this.selected);
  }

  radius(fatalities) {
    return 6 + Math.min(18, 2.2 * Math.sqrt(fatalities || 0));
  }

  addPoint(item) {
    const precision = item.geo_precision || 1;
    const colour = colourOf(item.event_type);
    const marker = L.circleMarker([item.latitude, item.longitude], {
      radius: precision === 3 ? this.radius(item.fatalities) + 6 : this.radius(item.fatalities),
      color: precision === 1 ? "#1b1f24" : colour,
      weight: precision === 1 ? 1.2 : 2.5,
      dashArray: precision === 2 ? "4 3" : null,
      fillColor: colour,
      fillOpacity: precision === 3 ? 0.12 : 0.78,
      className: `event-marker precision-${precision}`,
    });
    const label = `${item.sub_event_type || item.event_type}, ${item.location || "unknown place"}, ${item.event_date}` +
      ` — ${item.fatalities || 0} killed (location: ${GEO_PRECISION[precision] || "unknown precision"})`;
    const tip = document.createElement("span");
    tip.textContent = label; // a node, not a string: Leaflet would read a string as HTML
    marker.bindTooltip(tip);
    marker.on("click", () => item.event_id && this.onSelect(item.event_id));
    marker.on("add", () => {
      const el = marker.getElement();
      if (!el) return;
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", label);
      el.dataset.eventId = item.event_id;
      el.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); this.onSelect(item.event_id); }
      });
    });
    marker.addTo(this.layer);
    this.markers.set(item.event_id, marker);
  }

  addCluster(item) {
    const size = Math.round(24 + Math.min(22, 3 * Math.log2(item.count)));
    const bubble = h("div", { class: "cluster-bubble" }, h("span", {}, item.count.toLocaleString("en")));
    bubble.style.width = bubble.style.height = `${size}px`;
    bubble.style.background = colourOf(item.event_type);
    const icon = L.divIcon({ html: bubble, className: "cluster-icon", iconSize: [size, size] });
    const types = Object.entries(item.types).map(([t, n]) => `${n} ${t}`).join(", ");
    const label = `${item.count} events here (${types}); ${item.fatalities} killed. Zoom in to see them.`;
    const marker = L.marker([item.latitude, item.longitude], { icon, title: label, keyboard: true, alt: label });
    marker.on("click", () => this.map.setView([item.latitude, item.longitude], Math.min(14, this.map.getZoom() + 2)));
    marker.addTo(this.layer);
  }

  highlight(eventId) {
    this.selected = eventId;
    if (!this.markers) return;
    for (const [id, marker] of this.markers) {
      const el = marker.getElement && marker.getElement();
      if (el) el.classList.toggle("selected", id === eventId);
    }
  }

  // Centre the event in the part of the map left uncovered by the reader (coveredLeft px).
  focusEvent(event, coveredLeft = 0) {
    this.highlight(event.event_id);
    if (event.latitude === null || event.latitude === undefined) return;
    const zoom = Math.max(this.map.getZoom(), 6);
    const point = this.map.project(L.latLng(event.latitude, event.longitude), zoom).subtract([coveredLeft / 2, 0]);
    this.map.setView(this.map.unproject(point, zoom), zoom);
  }

  // One click on the map gives a point (a correction's place); Escape cancels.
  pickPoint(done) {
    const container = this.map.getContainer();
    container.classList.add("picking");
    const finish = (latlng) => {
      container.classList.remove("picking");
      this.map.off("click", onClick);
      document.removeEventListener("keydown", onKey);
      if (latlng) done(latlng);
    };
    const onClick = (ev) => finish(ev.latlng);
    const onKey = (ev) => { if (ev.key === "Escape") finish(null); };
    this.map.on("click", onClick);
    document.addEventListener("keydown", onKey);
  }

  invalidate() {
    this.map.invalidateSize();
  }
}

// A small fixed map of a few points (the review queue's two events), with town labels and a scale:
// how far apart two reports put their event, and near what.
export function miniMap(container, points) {
  const placed = [];
  for (const p of points.filter((q) => q.latitude !== null && q.latitude !== undefined)) {
    const same = placed.find((q) => q.latitude === p.latitude && q.longitude === p.longitude);
    if (same) same.label = `${same.label.split(":")[0]} and ${p.label}`; // one dot: "A and B: place"
    else placed.push({ ...p });
  }
  if (!placed.length) { container.textContent = "No coordinates to show."; return null; }
  const map = L.map(container, { zoomControl: false, attributionControl: false, dragging: false, scrollWheelZoom: false,
    doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false });
  map.fitBounds(L.latLngBounds(placed.map((p) => [p.latitude, p.longitude])).pad(0.6), { maxZoom: 10 });
  L.control.scale({ imperial: false, position: "bottomright" }).addTo(map);
  for (const p of placed) {
    const tip = document.createElement("span");
    tip.textContent = p.label;
    L.circleMarker([p.latitude, p.longitude], { radius: 6, color: "#1b1f24", weight: 1.2, fillColor: p.colour, fillOpacity: 0.85 })
      .bindTooltip(tip, { permanent: true, direction: "top", offset: [0, -6] }).addTo(map);
  }
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
    clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(",");
  getJSON("/api/towns", { bbox, zoom: Math.max(5, map.getZoom()) }).then((data) => {
    for (const town of data.items.slice(0, 8)) {
      L.marker([town.latitude, town.longitude], { interactive: false, keyboard: false,
        icon: L.divIcon({ className: "town-label", html: h("span", {}, town.name), iconSize: null }) }).addTo(map);
    }
  }).catch(() => {});
  return map;
}
