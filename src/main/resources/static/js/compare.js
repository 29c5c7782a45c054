// Compare two plans of the service: scores, summaries, each constraint's penalty, the accounts that moved.
import { api, apiAll, guarded, showMessage } from './api.js';
import { businessNodes } from './compareBusiness.js';
import { $, el } from './dom.js';
import { hours, percent } from './format.js';
import { statusText, t, yesNo } from './i18n.js';
import { formatDiff } from './score.js';
import { emit, state, subscribe } from './store.js';

let compareIds = null;   // the two plans the compare view starts with
let compareNow = false;  // compare them as soon as the view is drawn

/** Has the compare view start with these two plans, compared as soon as it is drawn. */
function compareNext(ids) {
  compareIds = ids;
  compareNow = true;
}

let listed = 0;  // the newest request for the list: an older answer arriving after it is dropped

async function refreshPlanList() {
  const request = ++listed;
  const plans = await apiAll('/plans?limit=1000');
  // Two requests overlap when a solve ends just before the view opens; the older answer, drawn last,
  // replaced the choice (and the comparison it had started) with one that compares nothing.
  if (request === listed) renderCompareChoice(plans);
}

function renderCompareChoice(plans) {
  const body = $('compare-body');
  if (plans.length < 2) {
    body.replaceChildren(el('p', { class: 'muted', text: t('compare.needTwo') }));
    return;
  }
  const option = (p) => el('option', { value: p.id, text: `${p.name || t('compare.plan')} · ${p.id.slice(0, 8)} · ${p.score || statusText(p.status)}` });
  const left = el('select', { id: 'compare-a' }, plans.map(option));
  const right = el('select', { id: 'compare-b' }, plans.map(option));
  const ids = new Set(plans.map((p) => p.id));
  const [a, b] = compareIds && compareIds.every((id) => ids.has(id))
    ? compareIds : [plans.at(-2).id, plans.at(-1).id];
  left.value = a;
  right.value = b;
  const result = el('div', { id: 'compare-result' });
  body.replaceChildren(
    el('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); guarded(() => compare(left.value, right.value, result)); } },
      el('label', { for: 'compare-a', text: t('compare.planLabel') }), left,
      el('label', { for: 'compare-b', text: t('compare.with') }), right,
      el('button', { type: 'submit', id: 'compare', text: t('compare.button') })),
    result);
  if (compareNow) {
    compareNow = false;
    guarded(() => compare(a, b, result));
  }
}

let compared = null;  // the two plans last asked for (keepComparison)

async function compare(a, b, box) {
  compared = [a, b];
  const result = await api('GET', `/plans/compare?ids=${encodeURIComponent(a)},${encodeURIComponent(b)}`);
  const summary = (f) => (p) => (p.summary ? f(p.summary) : '–');
  // [the row's name (its data-row, the same in every language), label, value of a plan, kind]
  const rows = [['Status', t('compare.status'), (p) => statusText(p.status)], ['Score', t('compare.score'), (p) => p.score || '–'],
    ['Feasible', t('compare.feasible'), (p) => yesNo(p.feasible)],
    ['Assigned', t('compare.assigned'), summary((s) => s.assignedAccounts)],
    ['Unassigned', t('compare.unassigned'), summary((s) => s.unassignedAccounts)],
    ['Moved', t('compare.moved'), summary((s) => s.movedAccounts)],
    ['Travel', t('compare.travel'), summary((s) => hours(s.totalTravelMinutes))],
    ['Utilization', t('compare.utilization'), summary((s) => [s.utilizationMin, s.utilizationMean, s.utilizationMax]
      .map(percent).join(' / '))]];
  // Each constraint's penalty in both plans, in the service's constraint order.
  const names = [...new Set(result.plans.flatMap((p) => (p.constraints || []).map((c) => c.name)))];
  for (const name of names) {
    rows.push([name, name, (p) => {
      const c = (p.constraints || []).find((x) => x.name === name);
      return c ? formatDiff(c.score) : '–';
    }, 'constraint']);
  }
  // The page's document names the KAMs and accounts of both plans (a rebalance keeps them all).
  const kamNames = Object.fromEntries((state.doc ? state.doc.kams : []).map((k) => [k.id, k.name]));
  const accountNames = Object.fromEntries((state.doc ? state.doc.accounts : []).map((x) => [x.id, x.name]));
  const kam = (id, name) => (id ? name || kamNames[id] || id : t('compare.nobody'));
  emit('moved', result.moved);  // the map's "moved accounts" layer shows them too
  // The business figures and the note on differing settings first, above the raw penalties (compareBusiness.js).
  box.replaceChildren(...businessNodes(result), el('div', { class: 'compare' },
    el('table', { class: 'grid compare-grid', id: 'compare-table' },
      el('thead', {}, el('tr', {}, el('th'), result.plans.map((p) => el('th', { 'data-plan': p.id },
        p.name || t('compare.plan'), el('div', { class: 'muted small', text: p.id.slice(0, 8) }))))),
      el('tbody', {}, rows.map(([row, label, value, kind]) => {
        const values = result.plans.map(value);
        const differs = values.some((v) => v !== values[0]);
        return el('tr', { class: [kind, differs ? 'differs' : null].filter(Boolean).join(' ') || null, 'data-row': row },
          el('th', { text: label }), values.map((v) => el('td', { text: v })));
      }))),
    el('section', {},
      el('h2', { id: 'compare-moved-title', text: t('compare.movedTitle', result.moved.length) }),
      // Focusable, so the keyboard can scroll a long list (axe: scrollable-region-focusable).
      el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'compare-moved-title' },
        el('table', { class: 'grid', id: 'compare-moved' },
          el('thead', {}, el('tr', {}, ['detail.account', 'compare.first', 'compare.second'].map((key) => el('th', { text: t(key) })))),
          el('tbody', {}, result.moved.map((m) => el('tr', { 'data-account': m.accountId },
            el('td', { text: m.accountName || accountNames[m.accountId] || m.accountId }),
            el('td', { text: kam(m.fromKamId, m.fromKamName) }), el('td', { text: kam(m.toKamId, m.toKamName) })))))))));
}

export function init() {
  subscribe('compare', compareNext);
  subscribe('view', (name) => { if (name === 'compare') guarded(refreshPlanList); });
  // A new plan in the service is one more to compare with; a hidden list is drawn afresh when its tab opens.
  subscribe('solved', () => {
    if (!$('view-compare').hidden) { keepComparison(); refreshPlanList().catch((error) => showMessage(error.message)); }
  });
  subscribe('words', () => { if (!$('view-compare').hidden) { keepComparison(); guarded(refreshPlanList); } });
}

/**
 * The list drawn afresh (a solve ended, the language changed) compares the two plans shown again, in their
 * final state or the new language: a comparison asked for while the plan solved (the CRM import's "compare
 * with today") vanished when the solve ended, even while its answer was on the way.
 */
function keepComparison() {
  if (compared) compareNext(compared);
}
