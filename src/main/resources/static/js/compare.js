// Compare two plans of the service: scores, summaries, each constraint's penalty, the accounts that moved.
import { api, guarded } from './api.js';
import { $, el } from './dom.js';
import { showMoved } from './mapLayers.js';
import { formatDiff, hours } from './score.js';
import { state } from './state.js';

let compareIds = null;   // the two plans the compare view starts with
let compareNow = false;  // compare them as soon as the view is drawn

/** Has the compare view start with these two plans, compared as soon as it is drawn. */
export function compareNext(ids) {
  compareIds = ids;
  compareNow = true;
}

export async function refreshPlanList() {
  const plans = await api('GET', '/plans');
  renderCompareChoice(plans);
}

function renderCompareChoice(plans) {
  const body = $('compare-body');
  if (plans.length < 2) {
    body.replaceChildren(el('p', { class: 'muted', text: 'Solve at least two plans to compare them.' }));
    return;
  }
  const option = (p) => el('option', { value: p.id, text: `${p.name || 'plan'} · ${p.id.slice(0, 8)} · ${p.score || p.status}` });
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
      el('label', { for: 'compare-a', text: 'Plan' }), left,
      el('label', { for: 'compare-b', text: 'with' }), right,
      el('button', { type: 'submit', id: 'compare', text: 'Compare' })),
    result);
  if (compareNow) {
    compareNow = false;
    guarded(() => compare(a, b, result));
  }
}

async function compare(a, b, box) {
  const result = await api('GET', `/plans/compare?ids=${encodeURIComponent(a)},${encodeURIComponent(b)}`);
  const summary = (f) => (p) => (p.summary ? f(p.summary) : '–');
  const rows = [['Status', (p) => p.status], ['Score', (p) => p.score || '–'],
    ['Feasible', (p) => (p.feasible == null ? '–' : p.feasible ? 'yes' : 'no')],
    ['Assigned', summary((s) => s.assignedAccounts)], ['Unassigned', summary((s) => s.unassignedAccounts)],
    ['Moved from current KAM', summary((s) => s.movedAccounts)], ['Travel h', summary((s) => hours(s.totalTravelMinutes))],
    ['Utilization min / mean / max', summary((s) => [s.utilizationMin, s.utilizationMean, s.utilizationMax]
      .map((u) => (u == null ? '–' : `${Math.round(u * 100)} %`)).join(' / '))]];
  // Each constraint's penalty in both plans, in the service's constraint order.
  const names = [...new Set(result.plans.flatMap((p) => (p.constraints || []).map((c) => c.name)))];
  for (const name of names) {
    rows.push([name, (p) => {
      const c = (p.constraints || []).find((x) => x.name === name);
      return c ? formatDiff(c.score) : '–';
    }, 'constraint']);
  }
  // The page's document names the KAMs and accounts of both plans (a rebalance keeps them all).
  const kamNames = Object.fromEntries((state.doc ? state.doc.kams : []).map((k) => [k.id, k.name]));
  const accountNames = Object.fromEntries((state.doc ? state.doc.accounts : []).map((x) => [x.id, x.name]));
  const kam = (id) => (id ? (kamNames[id] ? `${kamNames[id]} (${id})` : id) : 'unassigned');
  showMoved(result.moved);  // the map's "moved accounts" layer shows them too
  box.replaceChildren(el('div', { class: 'compare' },
    el('table', { class: 'grid compare-grid', id: 'compare-table' },
      el('thead', {}, el('tr', {}, el('th'), result.plans.map((p) => el('th', { 'data-plan': p.id },
        p.name || 'plan', el('div', { class: 'muted small', text: p.id.slice(0, 8) }))))),
      el('tbody', {}, rows.map(([label, value, kind]) => {
        const values = result.plans.map(value);
        const differs = values.some((v) => v !== values[0]);
        return el('tr', { class: [kind, differs ? 'differs' : null].filter(Boolean).join(' ') || null, 'data-row': label },
          el('th', { text: label }), values.map((v) => el('td', { text: v })));
      }))),
    el('section', {},
      el('h2', { id: 'compare-moved-title', text: `${result.moved.length} accounts with a different KAM` }),
      el('div', { class: 'table-wrap' },
        el('table', { class: 'grid', id: 'compare-moved' },
          el('thead', {}, el('tr', {}, ['Account', 'In the first', 'In the second'].map((h) => el('th', { text: h })))),
          el('tbody', {}, result.moved.map((m) => el('tr', { 'data-account': m.accountId },
            el('td', { text: `${accountNames[m.accountId] || ''} (${m.accountId})` }),
            el('td', { text: kam(m.fromKamId) }), el('td', { text: kam(m.toKamId) })))))))));
}
