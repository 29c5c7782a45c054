// The hand-over frontier of the plan shown: "Frontier" solves it once per cap on hand-overs (the service's
// POST /plans/{id}/frontier), follows the points as they solve, and draws them: hand-overs (x) against the
// utilization spread and the workload penalty (y), one point per plan, the quality certificate as a
// whisker under the workload point where it is known. A click on a point opens that plan (the router
// follows the address). SVG built node by node: no string ever goes into HTML.
import { api, guarded } from './api.js';
import { $, el, fill } from './dom.js';
import { count } from './format.js';
import { t } from './i18n.js';
import { state, subscribe } from './store.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 520;
const HEIGHT = 220;
const PAD = { left: 44, right: 64, top: 14, bottom: 34 };
const POLL_MS = 2000;

let shown = null;   // the frontier on show (GET /frontiers/{id}), redrawn when the language changes
let polling = null; // the timer of the frontier being followed

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null) continue;
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) if (child != null) node.append(child);
  return node;
}

/** Solves the plan shown once per cap (the service's default caps) and follows the frontier. */
async function start() {
  if (!state.planId) return;
  const submitted = await api('POST', `/plans/${encodeURIComponent(state.planId)}/frontier`, {
    settings: { terminationSeconds: Number($('seconds').value) || 30 },
  });
  follow(submitted.id);
}

function follow(id) {
  clearTimeout(polling);
  const poll = async () => {
    const frontier = await api('GET', `/frontiers/${encodeURIComponent(id)}`);
    shown = frontier;
    draw();
    if (frontier.status !== 'COMPLETED') polling = setTimeout(() => guarded(poll), POLL_MS);
  };
  guarded(poll);
}

const spread = (p) => Math.round((p.utilizationMax - p.utilizationMin) * 100);
const solved = (p) => p.handOvers != null && p.utilizationMax != null;

/** The chart and the sentences of the frontier on show. */
function draw() {
  const box = $('frontier');
  if (!shown) return;
  box.hidden = false;
  const points = shown.points.filter(solved);
  const done = shown.points.filter((p) => p.status === 'COMPLETED').length;
  fill(box,
    el('div', { class: 'moves-head' },
      el('h2', { id: 'frontier-title', text: t('frontier.title', done, shown.points.length) }),
      el('button', { type: 'button', class: 'secondary', onclick: () => { box.hidden = true; } }, t('moves.close'))),
    el('p', { class: 'muted', text: t('frontier.explain') }),
    points.length ? chart(points) : el('p', { class: 'muted', text: t('frontier.waiting') }),
    el('ul', { id: 'frontier-steps' }, (shown.steps || []).map((s) => el('li', { text: s.sentence }))));
}

function chart(points) {
  const xMax = Math.max(1, ...points.map((p) => p.handOvers));
  const spreadMax = Math.max(1, ...points.map(spread));
  const workMax = Math.max(1, ...points.map((p) => p.workloadPenalty || 0));
  const x = (v) => PAD.left + (v / xMax) * (WIDTH - PAD.left - PAD.right);
  const ySpread = (v) => HEIGHT - PAD.bottom - (v / spreadMax) * (HEIGHT - PAD.top - PAD.bottom);
  const yWork = (v) => HEIGHT - PAD.bottom - (Math.max(0, v) / workMax) * (HEIGHT - PAD.top - PAD.bottom);
  const byX = [...points].sort((a, b) => a.handOvers - b.handOvers);
  const line = (y, pick) => byX.map((p, i) => `${i ? 'L' : 'M'}${x(p.handOvers).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(' ');
  const bottom = HEIGHT - PAD.bottom;
  // A group, not an image: its points are links (an image may hold nothing focusable).
  return svg('svg', { id: 'frontier-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'group', 'aria-labelledby': 'frontier-title', class: 'frontier-chart' },
    svg('line', { x1: PAD.left, y1: bottom, x2: WIDTH - PAD.right, y2: bottom, class: 'axis' }),
    svg('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: bottom, class: 'axis' }),
    svg('line', { x1: WIDTH - PAD.right, y1: PAD.top, x2: WIDTH - PAD.right, y2: bottom, class: 'axis' }),
    svg('text', { x: (WIDTH - PAD.right + PAD.left) / 2, y: HEIGHT - 4, 'text-anchor': 'middle', class: 'axis-label', text: t('frontier.axis.handOvers', count(xMax)) }),
    svg('text', { x: 2, y: PAD.top - 4, class: 'axis-label spread', text: t('frontier.axis.spread', spreadMax) }),
    svg('text', { x: WIDTH - 2, y: PAD.top - 4, 'text-anchor': 'end', class: 'axis-label workload', text: t('frontier.axis.workload', count(workMax)) }),
    svg('path', { d: line(ySpread, spread), class: 'series spread' }),
    svg('path', { d: line(yWork, (p) => p.workloadPenalty || 0), class: 'series workload' }),
    byX.map((p) => pointMarks(p, x(p.handOvers), ySpread(spread(p)), yWork(p.workloadPenalty || 0), yWork)));
}

/** One plan: its spread (circle) and workload (square) marks, the whisker of its bound, a click opens it. */
function pointMarks(p, px, ys, yw, yWork) {
  const open = () => { if (p.planId) window.location.hash = `#/plans/${encodeURIComponent(p.planId)}/portfolio`; };
  const cap = p.maxMovedAccounts == null ? t('frontier.noCap') : count(p.maxMovedAccounts);
  const label = t('frontier.point', cap, count(p.handOvers), spread(p), count(p.workloadPenalty || 0));
  const gap = whisker(p);
  return svg('g', {
    class: 'frontier-point', tabindex: 0, role: 'link', 'data-plan': p.planId, 'aria-label': label,
    onclick: open, onkeydown: (e) => { if (e.key === 'Enter') open(); },
  },
  svg('title', { text: gap ? `${label}; ${t('frontier.bound', count(gap.penalty), gap.percent)}` : label }),
  gap ? svg('line', { x1: px, y1: yw, x2: px, y2: yWork(Math.max(0, (p.workloadPenalty || 0) - gap.penalty)), class: 'whisker' }) : null,
  svg('circle', { cx: px, cy: ys, r: 5, class: 'mark spread' }),
  svg('rect', { x: px - 4, y: yw - 4, width: 8, height: 8, class: 'mark workload' }));
}

/**
 * The bound's room under the plan, in soft penalty: how much lower any plan of the same problem could go
 * at most (its soft penalty − the proven soft bound); null while the bound is not there.
 */
function whisker(p) {
  const b = p.bound;
  if (!b || b.status !== 'PROVEN' || b.softPenalty == null || !p.score) return null;
  const soft = -Number(String(p.score).split('/')[2].replace('soft', ''));
  return { penalty: Math.max(0, soft - b.softPenalty), percent: b.softGapPercent ?? '–' };
}

export function init() {
  $('frontier-start').addEventListener('click', () => guarded(start));
  // The action needs a stored plan; the chart stays while one of its plans (source or point) is shown.
  subscribe('shown', (doc) => {
    $('frontier-start').disabled = !doc || !doc.id || !state.planId;
    const ours = shown && doc && (doc.id === shown.sourcePlanId || shown.points.some((p) => p.planId === doc.id));
    if (!ours) {
      clearTimeout(polling);
      shown = null;
      $('frontier').hidden = true;
    }
  });
  subscribe('words', draw);
}

/** The points drawn (test hook): each plan's id and hand-overs. */
export function frontierPoints() {
  return shown ? shown.points.filter(solved).map((p) => ({ planId: p.planId, handOvers: p.handOvers })) : [];
}
