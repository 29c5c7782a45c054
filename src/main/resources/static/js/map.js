// The map (leaflet, the classic script's `L` global): the bundled world outline (tools/map-outline), regions, a dot per
// account coloured by its KAM, a square per KAM home; OpenStreetMap tiles on request.
import { el } from './dom.js';
import { kamColor } from './portfolio.js';
import { state } from './state.js';

let map = null;
let mapLayers = null;
let tileLayer = null;

async function initMap() {
  if (map || !window.L) return;
  map = L.map('map', { zoomSnap: 0.25, attributionControl: true }).setView([49.5, 10.5], 5.5);
  map.attributionControl.setPrefix(false);
  const outline = await fetch('/data/world-outline.geojson').then((r) => r.json());
  L.geoJSON(outline, {
    style: () => ({ color: '#6b7b8c', weight: 1, fillColor: '#fbfbf6', fillOpacity: 1 }),
    interactive: false,
    attribution: 'Outline: Natural Earth (public domain)',
  }).addTo(map);
  mapLayers = L.layerGroup().addTo(map);
  renderMap();
}

/** The map tab shown: the map made on first use, and fitted to its (now visible) box. */
export async function showMap() {
  await initMap();
  if (map) map.invalidateSize();
}

export function toggleTiles(on) {
  if (!map) return;
  if (on && !tileLayer) {
    tileLayer = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 12, attribution: '© OpenStreetMap contributors',
    }).addTo(map);
  } else if (!on && tileLayer) {
    tileLayer.remove();
    tileLayer = null;
  }
}

/** A tooltip's content as a text node in a span: leaflet would read a string as HTML. */
function tip(text) {
  return el('span', { text });
}

export function renderMap() {
  if (!map || !state.doc) return;
  const layers = mapLayers;
  layers.clearLayers();
  const regions = Object.fromEntries((state.doc.regions || []).map((r) => [r.id, r]));
  const kamIndex = Object.fromEntries(state.doc.kams.map((k, i) => [k.id, i]));
  for (const r of Object.values(regions)) {
    const label = tip(r.name);
    L.circle([r.latitude, r.longitude], { radius: 30000, color: '#8795a1', weight: 1, fill: false })
      .bindTooltip(label, { permanent: true, direction: 'top', className: 'region-label', offset: [0, -8] })
      .addTo(layers);
  }
  // Accounts of a region spread on a small spiral round its centre, so each stays visible.
  const seen = {};
  const bounds = [];
  for (const a of state.doc.accounts) {
    const r = regions[a.regionId];
    if (!r) continue;
    const n = seen[a.regionId] = (seen[a.regionId] || 0) + 1;
    const angle = n * 2.4;
    const dist = 0.05 * Math.sqrt(n);
    const pos = [r.latitude + dist * Math.sin(angle) * 0.65, r.longitude + dist * Math.cos(angle)];
    const index = kamIndex[a.assignedKamId];
    const label = tip(`${a.name} (${a.id}) → ${a.assignedKamId || 'unassigned'}`);
    L.circleMarker(pos, {
      radius: 4, weight: 1, color: '#222', fillOpacity: 0.9,
      fillColor: index == null ? '#ffffff' : kamColor(index),
    }).bindTooltip(label).addTo(layers);
    bounds.push(pos);
  }
  state.doc.kams.forEach((k, i) => {
    const r = regions[k.homeRegionId];
    if (!r) return;
    const label = tip(`${k.name} (${k.id}), home ${r.name}`);
    L.marker([r.latitude - 0.12 - 0.06 * (i % 5), r.longitude - 0.25 + 0.12 * (i % 5)], {
      icon: L.divIcon({ className: 'kam-home', html: '', iconSize: [12, 12] }),
      keyboard: false,
    }).bindTooltip(label).addTo(layers).getElement().style.background = kamColor(i);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30] });
}
