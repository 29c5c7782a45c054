// Saved plans: every plan the service stores (GET /plans), filtered and sorted; a plan's link opens it
// as the working plan (router.js), so the same link works from a colleague's browser.
import { api, apiAll, guarded } from './api.js';
import { $, el } from './dom.js';
import { lang, statusText, t, yesNo } from './i18n.js';
import { parseScore } from './score.js';
import { state, subscribe } from './store.js';
import { selectTab } from './tabs.js';

let plans = [];
let sort = { key: 'created', dir: -1 };  // newest first

export async function refreshPlans() {
  plans = await apiAll('/plans?limit=1000');
  renderPlans();
}

const SCORE_NONE = [-Infinity, -Infinity, -Infinity];

const SORT_KEYS = {
  name: (p) => (p.name || '').toLowerCase(),
  created: (p) => p.createdAt || '',
  status: (p) => p.status || '',
  // Hard, then medium, then soft: the order the solver ranks plans in.
  score: (p) => {
    const s = parseScore(p.score);
    return s ? [s.hard, s.medium, s.soft] : SCORE_NONE;
  },
  feasible: (p) => (p.feasible == null ? -1 : p.feasible ? 1 : 0),
  approval: (p) => (p.approval ? p.approval.state : ''),
};

function compare(a, b) {
  if (Array.isArray(a)) {
    const i = a.findIndex((x, n) => x !== b[n]);
    return i < 0 ? 0 : a[i] < b[i] ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortPlansBy(key) {
  sort = { key, dir: sort.key === key ? -sort.dir : key === 'created' ? -1 : 1 };
  renderPlans();
}

function created(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(lang(), { dateStyle: 'medium', timeStyle: 'short' });
}

const COLUMNS = [['name', 'plans.plan'], ['created', 'plans.created'], ['status', 'compare.status'], ['score', 'compare.score'],
  ['feasible', 'compare.feasible'], ['approval', 'plans.approval']];

function planLink(p, text, linkClass = 'plan-link') {
  return el('a', { class: linkClass, href: `#/plans/${encodeURIComponent(p.id)}/portfolio`,
    'aria-current': p.id === state.planId ? 'page' : null, text });
}

/** A plan's family: the plan it was made from and the plans made from it (rebalances, frontier points), each a link. */
function family(p, byId, children) {
  const parent = p.parentPlanId && byId.get(p.parentPlanId);
  const made = children.get(p.id) || [];
  return [
    parent ? el('div', { class: 'muted small family-parent' }, t('plans.from', ''), planLink(parent, parent.name || parent.id, 'family-link')) : null,
    made.length ? el('div', { class: 'muted small family-children' }, t('plans.children', ''),
      made.flatMap((c, i) => [i ? ', ' : '', planLink(c, c.name || c.id, 'family-link')])) : null,
  ];
}

export function renderPlans() {
  const box = $('plans-body');
  const filterInput = $('plan-filter');
  const filter = filterInput.value.trim().toLowerCase();
  const status = $('plan-status').value;
  const key = SORT_KEYS[sort.key];
  const shown = plans
    .filter((p) => !status || p.status === status || (status === 'feasible' && p.feasible) || (status === 'infeasible' && p.feasible === false))
    .filter((p) => !filter || [p.name, p.id, p.status, statusText(p.status), p.score]
      .some((text) => String(text || '').toLowerCase().includes(filter)))
    .sort((a, b) => compare(key(a), key(b)) * sort.dir);
  $('plan-count').textContent = t('plans.count', shown.length, plans.length);
  const byId = new Map(plans.map((p) => [p.id, p]));
  const children = new Map();
  for (const p of plans) if (p.parentPlanId) (children.get(p.parentPlanId) || children.set(p.parentPlanId, []).get(p.parentPlanId)).push(p);
  if (!plans.length) {
    box.replaceChildren(el('p', { class: 'muted', text: t('plans.none') }));
    return;
  }
  box.replaceChildren(el('div', { class: 'table-wrap' }, el('table', { class: 'grid', id: 'plan-table' },
    el('thead', {}, el('tr', {}, COLUMNS.map(([k, label]) => el('th', {
      'aria-sort': k !== sort.key ? 'none' : sort.dir > 0 ? 'ascending' : 'descending',
    }, el('button', { type: 'button', 'data-sort': k, onclick: () => sortPlansBy(k) }, t(label)))))),
    el('tbody', {}, shown.map((p) => el('tr', {
      'data-plan': p.id, class: p.id === state.planId ? 'selected' : null,
    },
    el('td', {},
      // A real link: opens the plan here, and can be copied or opened in another tab.
      planLink(p, p.name || t('plan.unnamed')),
      el('div', { class: 'muted small', text: p.id }),
      family(p, byId, children)),
    el('td', { text: created(p.createdAt) }),
    el('td', { text: statusText(p.status) }),
    el('td', { text: p.score || '–' }),
    el('td', { text: yesNo(p.feasible) }),
    el('td', { 'data-approval': p.approval ? p.approval.state : null,
      text: p.approval ? t(`approval.${p.approval.state}`) : '–' })))))));
}

export function init() {
  $('open-plans').addEventListener('click', () => selectTab('plans'));
  $('plan-filter').addEventListener('input', renderPlans);
  $('plan-status').addEventListener('change', renderPlans);
  subscribe('view', (name) => { if (name === 'plans') guarded(refreshPlans); });
  // A hidden list is drawn afresh when its tab opens.
  subscribe('words', () => { if (!$('view-plans').hidden) renderPlans(); });
}
