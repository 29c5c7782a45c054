// The map (leaflet, the classic script's `L` global): the bundled world outline (tools/map-outline),
// fitted to the plan's regions, and the plan's layers drawn by mapLayers.js; OpenStreetMap tiles on request.
import { $ } from './dom.js';
import { t } from './i18n.js';
import { drawLayers, highlightKam, layerSummary, showLayer, showMoved } from './mapLayers.js';
import { state, subscribe } from './store.js';

let map = null;       // the leaflet map, once its outline is drawn: until then nothing draws on it or reports it
let making = null;    // the map being made, on its first showing
let tileLayer = null;
let countries = 0;
let fittedTo = null;  // the plan the view was last fitted to: a redraw of the same plan keeps the planner's zoom
let lastRenderMs = null;

/** The map, made once, when its tab is first shown: leaflet measures its box, which must be visible then. */
function initMap() {
  if (!making && window.L) making = makeMap();
  return making;
}

async function makeMap() {
  // A maxZoom of its own (no tile layer gives one): the cluster plugin needs it.
  const made = L.map('map', { zoomSnap: 0.25, minZoom: 1, maxZoom: 12, attributionControl: true, worldCopyJump: true }).setView([30, 10], 2);
  made.attributionControl.setPrefix(false);
  // The outline is drawn once and never hovered: a canvas of its own under everything else.
  made.createPane('outline').style.zIndex = 250;
  try {
    const outline = await fetch('/data/world-outline.geojson').then((r) => r.json());
    countries = outline.features.length;
    L.geoJSON(outline, {
      pane: 'outline',
      renderer: L.canvas({ pane: 'outline' }),
      interactive: false,
      style: () => ({ color: '#7d8b99', weight: 0.8, fillColor: '#fbfbf6', fillOpacity: 1 }),
      attribution: t('map.outline'),
    }).addTo(made);
  } finally {
    // Only now the rest of the page sees the map: a redraw or the test hook meanwhile met one half made
    // (layers drawn before the outline was there, no countries counted). Without its outline (the file
    // did not load: the error is the console's) the map still shows the plan.
    map = made;
    toggleTiles($('tiles').checked);
    renderMap();
  }
}

/** The map tab shown: the map made on first use, and fitted to its (now visible) box. */
async function showMap() {
  await initMap();
  if (map) map.invalidateSize();
}

function toggleTiles(on) {
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

/** The plan's regions that hold an account or a KAM home, or all of them if none does. */
function usedRegions(doc) {
  const used = new Set([...doc.accounts.map((a) => a.regionId), ...doc.kams.map((k) => k.homeRegionId)]);
  const regions = (doc.regions || []).filter((r) => used.has(r.id));
  return regions.length ? regions : doc.regions || [];
}

function renderMap() {
  if (!map || !state.doc) return;
  const start = performance.now();
  drawLayers(map);
  const key = `${state.planId}|${state.doc.name}|${state.doc.accounts.length}`;
  const regions = usedRegions(state.doc);
  if (regions.length && fittedTo !== key) {
    fittedTo = key;
    map.fitBounds(regions.map((r) => [r.latitude, r.longitude]), { padding: [40, 40], maxZoom: 9 });
  }
  lastRenderMs = performance.now() - start;
  $('map').dataset.rendered = String(Date.now());
}

/** For the test hook: what the map shows (counts of the drawn layers, the view, the time of the last redraw). */
export function mapSummary() {
  if (!map) return null;
  const b = map.getBounds();
  return {
    countries,
    bounds: { south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() },
    zoom: map.getZoom(),
    renderMs: lastRenderMs,
    ...layerSummary(),
  };
}

export function init() {
  $('tiles').addEventListener('change', (e) => toggleTiles(e.target.checked));
  // The layers' boxes count from the start: a box ticked while the map is still being made holds.
  for (const box of document.querySelectorAll('#map-layers input[data-layer]')) {
    box.addEventListener('change', () => showLayer(box.dataset.layer, box.checked));
  }
  subscribe('view', (name) => (name === 'map' ? showMap() : null));
  for (const event of ['render', 'edited']) subscribe(event, renderMap);
  subscribe('kam', highlightKam);
  subscribe('moved', showMoved);
}
