// The plan's layers on the map, each one a checkbox in the map's toolbar: regions with labels that never
// overlap, accounts (clustered by region with counts once a plan is large), KAM homes, KAM territories,
// utilization (where capacity is tight), moved accounts, and the selected KAM highlighted.
//
// Scale (dach-xl: 1,000 KAMs, 15,000 accounts): from LARGE accounts the dots are drawn on a canvas and
// clustered (leaflet.markercluster), KAM homes are drawn one square per region with a count, and the
// territories start hidden (1,000 overlapping areas say nothing) except the selected KAM's. Smaller plans
// keep a DOM element per dot and per home (SVG), which can be hovered one by one.
//
// Every tooltip gets a DOM node with the text as textContent: leaflet would read a string as HTML.
import { el, kamColor } from './dom.js';
import { percent } from './format.js';
import { t } from './i18n.js';
import { spiral, spiralScale, territory } from './mapGeometry.js';
import { selectKam, state } from './store.js';

const LARGE = 1000;        // accounts from which dots go on a canvas and cluster
const MANY_KAMS = 60;      // KAMs from which homes are grouped by region and territories start hidden

const layers = {};         // name → L.layerGroup, made on first draw
const visible = { regions: true, accounts: true, homes: true, territories: true, utilization: false, moved: false };
let movedOverride = null;  // the accounts a comparison found moved (Compare), shown instead of the plan's own
let canvas = null;
let highlightCanvas = null;
let map = null;
let labels = [];           // region labels by priority (most accounts first), for decluttering
let summary = {};

function tip(text) {
  return el('span', { text });
}

function layer(name) {
  if (!layers[name]) layers[name] = L.layerGroup();
  return layers[name];
}

/** Shows or hides one layer (its checkbox). */
export function showLayer(name, on) {
  visible[name] = on;
  if (!map) return;
  if (on && name === 'territories') drawTerritories(context(state.doc));  // not drawn while hidden
  if (on) layer(name).addTo(map); else layer(name).remove();
  if (name === 'regions') declutter();
}

/** The accounts whose KAM differs between two compared plans: the "moved" layer shows these until the next plan. */
export function showMoved(moved) {
  movedOverride = { planId: state.planId, moved };
  setBox('moved', true);
  if (map) drawLayers(map);
}

function setBox(name, on) {
  visible[name] = on;
  const box = document.querySelector(`#map-layers input[data-layer=${name}]`);
  if (box) box.checked = on;
}

/** Redraws every layer from the plan document. */
export function drawLayers(leafletMap) {
  if (!map) {
    map = leafletMap;
    canvas = L.canvas({ padding: 0.5 });
    // Region labels, then KAM homes, under the clusters' counts (markerPane, 600): a count is never hidden.
    map.createPane('labels').style.zIndex = 580;
    map.createPane('homes').style.zIndex = 590;
    // The selected KAM over everything, clusters included; it only shows, clicks go through to what is below.
    map.createPane('highlight').style.zIndex = 620;
    highlightCanvas = L.canvas({ pane: 'highlight' });
    map.on('zoomend moveend', declutter);
  }
  const doc = state.doc;
  const large = doc.accounts.length >= LARGE;
  const manyKams = doc.kams.length >= MANY_KAMS;
  const key = `${state.planId}|${doc.name}|${doc.accounts.length}|${doc.kams.length}`;
  if (summary.key !== key) {
    // A new plan: the layers start as suits its size; the planner's choices hold for the same plan.
    if (movedOverride && movedOverride.planId !== state.planId) movedOverride = null;
    setBox('territories', !manyKams);
    setBox('moved', Boolean(movedOverride));  // on for a comparison; otherwise the planner's choice
  }
  const ctx = context(doc);
  summary = { key, planId: state.planId, large };
  drawRegions(ctx, large);
  drawAccounts(ctx, large);
  drawHomes(ctx, manyKams);
  drawTerritories(ctx);
  drawUtilization(ctx);
  drawMoved(ctx);
  highlightKam();
  for (const [name, group] of Object.entries(layers)) {
    if (visible[name] || name === 'highlight') group.addTo(map); else group.remove();
  }
  declutter();
}

function kamName(ctx, kamId) {
  if (!kamId) return t('compare.nobody');
  const index = ctx.kamIndex[kamId];
  return index == null ? kamId : ctx.doc.kams[index].name || kamId;
}

function context(doc) {
  const regions = Object.fromEntries((doc.regions || []).map((r) => [r.id, r]));
  const kamIndex = Object.fromEntries(doc.kams.map((k, i) => [k.id, i]));
  const byRegion = {};
  for (const a of doc.accounts) (byRegion[a.regionId] ||= []).push(a);
  return { doc, regions, kamIndex, byRegion, renderer: doc.accounts.length >= LARGE ? canvas : undefined };
}

// ---------------------------------------------------------------- regions and labels

function drawRegions({ regions, byRegion }, large) {
  const group = layer('regions');
  group.clearLayers();
  labels = [];
  const ordered = Object.values(regions).sort((a, b) => (byRegion[b.id] || []).length - (byRegion[a.id] || []).length);
  for (const r of ordered) {
    const label = tip(r.name);
    const circle = L.circleMarker([r.latitude, r.longitude], { radius: 3, color: '#4d5b69', weight: 1, fillOpacity: 1, fillColor: '#fff', interactive: false })
      // Above the region's cluster (about 30 px across) when the accounts are clustered.
      .bindTooltip(label, { permanent: true, direction: 'top', className: 'region-label', offset: [0, large ? -17 : -6], pane: 'labels' })
      .addTo(group);
    labels.push(circle);
  }
}

/**
 * Hides every region label that would overlap one already shown, most accounts first: nearby cities
 * (Amsterdam, Rotterdam, Antwerpen) show one label at a low zoom and all of them closer in.
 */
function declutter() {
  const placed = [];
  let hidden = 0;
  for (const marker of labels) {
    const node = marker.getTooltip() && marker.getTooltip().getElement();
    if (!node) continue;
    node.classList.remove('label-hidden');
    const box = node.getBoundingClientRect();
    const overlaps = placed.some((p) => box.left < p.right && box.right > p.left && box.top < p.bottom && box.bottom > p.top);
    if (overlaps) {
      node.classList.add('label-hidden');
      hidden += 1;
    } else {
      placed.push(box);
    }
  }
  summary.labelsShown = placed.length;
  summary.labelsHidden = hidden;
}

// ---------------------------------------------------------------- accounts

function accountDot(a, pos, ctx) {
  const index = ctx.kamIndex[a.assignedKamId];
  return L.circleMarker(pos, {
    renderer: ctx.renderer, radius: 4, weight: 1, color: '#222', fillOpacity: 0.9,
    fillColor: index == null ? '#ffffff' : kamColor(index),
  }).bindTooltip(() => tip(t('map.accountTip', a.name, a.id, kamName(ctx, a.assignedKamId))));  // made when hovered
}

function clusterIcon(cluster) {
  const count = cluster.getChildCount();
  const size = Math.round(26 + 6 * Math.log10(count));
  return L.divIcon({ html: el('span', { text: String(count) }), className: 'account-cluster', iconSize: L.point(size, size) });
}

function drawAccounts(ctx, large) {
  const { regions, byRegion } = ctx;
  if (layers.accounts) layers.accounts.remove();
  // Clusters join the accounts near each other on the screen: at a plan's fitted zoom those of one region.
  layers.accounts = large && L.markerClusterGroup
    ? L.markerClusterGroup({
      chunkedLoading: true, animate: false, showCoverageOnHover: false, maxClusterRadius: 40,
      spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon,
    })
    : L.layerGroup();
  const scale = spiralScale(byRegion);
  ctx.positions = {};
  const dots = [];
  for (const [regionId, accounts] of Object.entries(byRegion)) {
    const r = regions[regionId];
    if (!r) continue;
    accounts.forEach((a, i) => {
      const pos = spiral(r, i + 1, scale);
      ctx.positions[a.id] = pos;
      dots.push(accountDot(a, pos, ctx));
    });
  }
  if (layers.accounts.addLayers) layers.accounts.addLayers(dots);
  else dots.forEach((d) => layers.accounts.addLayer(d));
  summary.accounts = dots.length;
  summary.clustered = Boolean(layers.accounts.addLayers);
  summary.canvas = Boolean(ctx.renderer);
}

// ---------------------------------------------------------------- KAM homes

function drawHomes({ doc, regions }, grouped) {
  const group = layer('homes');
  group.clearLayers();
  if (grouped) {
    const byHome = {};
    for (const k of doc.kams) (byHome[k.homeRegionId] ||= []).push(k);
    for (const [regionId, kams] of Object.entries(byHome)) {
      const r = regions[regionId];
      if (!r) continue;
      const names = kams.slice(0, 8).map((k) => k.name).join(', ') + (kams.length > 8 ? ', …' : '');
      const text = t('map.homesTip', kams.length, r.name, names);
      L.marker([r.latitude, r.longitude], {
        // Left of and below the region's cluster, whose count would otherwise hide under it.
        icon: L.divIcon({ className: 'kam-home-group', html: el('span', { text: String(kams.length) }), iconSize: [26, 18], iconAnchor: [44, -8] }),
        keyboard: false, pane: 'homes',
      }).bindTooltip(tip(text)).addTo(group);
    }
    summary.homes = Object.keys(byHome).length;
    return;
  }
  doc.kams.forEach((k, i) => {
    const r = regions[k.homeRegionId];
    if (!r) return;
    const text = t('map.homeTip', k.name, k.id, r.name);
    L.marker([r.latitude, r.longitude], {
      // Side by side below the region's point, clear of its label and its accounts' cluster.
      icon: L.divIcon({ className: 'kam-home', html: el('span', { style: { background: kamColor(i) } }), iconSize: [12, 12],
        iconAnchor: [30 - 13 * (i % 5), -18 - 13 * Math.floor((i % 15) / 5)] }),
      keyboard: false, pane: 'homes',
    }).bindTooltip(tip(text)).on('click', () => selectKam(k.id)).addTo(group);
  });
  summary.homes = doc.kams.length;
}

// ---------------------------------------------------------------- territories

function accountsOf(doc) {
  const of = {};
  for (const a of doc.accounts) if (a.assignedKamId) (of[a.assignedKamId] ||= []).push(a);
  return of;
}

function drawTerritories(ctx) {
  const group = layer('territories');
  group.clearLayers();
  const { doc, regions } = ctx;
  ctx.accountsOf = accountsOf(doc);
  if (!visible.territories) return;  // drawn when asked for: 1,000 hulls are work for nothing while hidden
  doc.kams.forEach((k, i) => {
    const shape = territory(k, ctx.accountsOf[k.id] || [], regions);
    if (shape.length < 3) return;
    const text = t('map.territoryTip', k.name, k.id, (ctx.accountsOf[k.id] || []).length);
    L.polygon(shape, { renderer: canvas, color: kamColor(i), weight: 1, fillOpacity: 0.08 })
      .bindTooltip(tip(text))
      .on('click', () => selectKam(k.id))
      .addTo(group);
  });
}

// ---------------------------------------------------------------- utilization

/** Per home region: the KAMs' load against their capacity, green under 80 %, red over 100 %. */
function drawUtilization({ doc, regions }) {
  const group = layer('utilization');
  group.clearLayers();
  const byHome = {};
  for (const k of doc.kams) {
    if (k.active === false || k.loadMinutes == null || !k.capacityMinutes) continue;
    const h = (byHome[k.homeRegionId] ||= { load: 0, capacity: 0, kams: 0, over: 0 });
    h.load += k.loadMinutes;
    h.capacity += k.capacityMinutes;
    h.kams += 1;
    if (k.loadMinutes > k.capacityMinutes) h.over += 1;
  }
  const most = Math.max(1, ...Object.values(byHome).map((h) => h.capacity));
  for (const [regionId, h] of Object.entries(byHome)) {
    const r = regions[regionId];
    if (!r) continue;
    const u = h.load / h.capacity;
    const color = u > 1 ? '#c8352e' : u >= 0.9 ? '#d98a00' : '#2e9d57';
    const text = t('map.utilizationTip', r.name, h.kams, percent(u)) + (h.over ? t('map.overTip', h.over) : '');
    L.circleMarker([r.latitude, r.longitude], {
      renderer: canvas, radius: 8 + 22 * Math.sqrt(h.capacity / most), color, weight: 2, fillColor: color, fillOpacity: 0.35,
    }).bindTooltip(tip(text)).addTo(group);
  }
  summary.utilizationRegions = Object.keys(byHome).length;
}

// ---------------------------------------------------------------- moved accounts

/** The moved accounts: a comparison's, a rebalance's moves, or those whose KAM is not their current one. */
function movedList(doc) {
  if (movedOverride && movedOverride.planId === state.planId) return movedOverride.moved;
  if (doc.moves && doc.moves.length) return doc.moves.map((m) => ({ accountId: m.accountId, fromKamId: m.fromKamId, toKamId: m.toKamId }));
  return doc.accounts.filter((a) => a.currentKamId && a.assignedKamId && a.assignedKamId !== a.currentKamId)
    .map((a) => ({ accountId: a.id, fromKamId: a.currentKamId, toKamId: a.assignedKamId }));
}

/** A line from the old KAM's home to the new KAM's home, one per pair of regions, as thick as the moves on it. */
function drawMoved({ doc, regions }) {
  const group = layer('moved');
  group.clearLayers();
  const moved = movedList(doc);
  const kams = Object.fromEntries(doc.kams.map((k) => [k.id, k]));
  const accounts = Object.fromEntries(doc.accounts.map((a) => [a.id, a]));
  const pairs = {};
  const into = {};
  for (const m of moved) {
    const account = accounts[m.accountId];
    const from = kams[m.fromKamId];
    const to = kams[m.toKamId];
    if (account) into[account.regionId] = (into[account.regionId] || 0) + 1;
    if (!from || !to || !regions[from.homeRegionId] || !regions[to.homeRegionId]) continue;
    const key = `${from.homeRegionId}>${to.homeRegionId}`;
    (pairs[key] ||= { from: regions[from.homeRegionId], to: regions[to.homeRegionId], n: 0 }).n += 1;
  }
  for (const p of Object.values(pairs)) {
    const line = p.from === p.to
      ? L.circleMarker([p.from.latitude, p.from.longitude], { renderer: canvas, radius: 14, color: '#6a3d9a', weight: 2, fill: false, dashArray: '4 3' })
      : L.polyline([[p.from.latitude, p.from.longitude], [p.to.latitude, p.to.longitude]],
        { renderer: canvas, color: '#6a3d9a', weight: Math.min(10, 1.5 + Math.log2(p.n + 1)), opacity: 0.75 });
    const text = p.from === p.to ? t('map.movedWithin', p.n, p.from.name)
      : t('map.movedBetween', p.n, p.from.name, p.to.name);
    line.bindTooltip(tip(text)).addTo(group);
  }
  for (const [regionId, n] of Object.entries(into)) {
    const r = regions[regionId];
    if (!r) continue;
    const text = t('map.movedInto', r.name, n);
    L.circleMarker([r.latitude, r.longitude], { renderer: canvas, radius: 6 + 2 * Math.sqrt(n), color: '#6a3d9a', weight: 2, fill: false })
      .bindTooltip(tip(text)).addTo(group);
  }
  summary.moved = moved.length;
}

// ---------------------------------------------------------------- the selected KAM

/** The selected KAM's territory, home and accounts drawn over everything else. */
export function highlightKam() {
  if (!map || !state.doc) return;
  const group = layer('highlight');
  group.clearLayers();
  const doc = state.doc;
  const index = doc.kams.findIndex((k) => k.id === state.selectedKamId);
  summary.highlighted = 0;
  if (index < 0) return;
  const kam = doc.kams[index];
  const regions = Object.fromEntries((doc.regions || []).map((r) => [r.id, r]));
  const accounts = doc.accounts.filter((a) => a.assignedKamId === kam.id);
  const shape = territory(kam, accounts, regions);
  if (shape.length >= 3) {
    L.polygon(shape, { renderer: highlightCanvas, color: kamColor(index), weight: 3, fillOpacity: 0.22, interactive: false }).addTo(group);
  }
  const scale = 0.5;  // the KAM's own accounts on a tighter spiral, over the clusters
  const seen = {};
  for (const a of accounts) {
    const r = regions[a.regionId];
    if (!r) continue;
    seen[a.regionId] = (seen[a.regionId] || 0) + 1;
    L.circleMarker(spiral(r, seen[a.regionId], scale), {
      renderer: highlightCanvas, radius: 6, weight: 2, color: '#111', fillColor: kamColor(index), fillOpacity: 1, interactive: false,
    }).addTo(group);
  }
  summary.highlighted = accounts.length;
}

export function layerSummary() {
  return { ...summary, visible: { ...visible } };
}
