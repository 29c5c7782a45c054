// "KAM leaves": rebalance the stored plan without a KAM, follow the solve, then list the moves and why,
// and each KAM's portfolio before and after (the API's kamChanges).
import { api } from './api.js';
import { $, el, fill } from './dom.js';
import { hours, percent } from './format.js';
import { t } from './i18n.js';
import { emit, state, subscribe } from './store.js';
import { selectTab } from './tabs.js';

let shown = null;    // {kam, doc, source} of the moves on show, redrawn when the language changes
let pending = null;  // {kam, id, source} of the rebalance being solved, whose moves show when it ends

/** Rebalances the stored plan without the KAM: a new plan, solved with continuity; the page follows it. */
async function kamLeaves(kam) {
  if (!state.planId) return;
  const source = { id: state.planId, score: state.doc.score };
  const submitted = await api('POST', `/plans/${source.id}/rebalance`, {
    leavingKamIds: [kam.id],
    settings: { terminationSeconds: Number($('seconds').value) || 30 },
  });
  $('moves').hidden = true;
  shown = null;
  state.recommendFor = null;
  state.selectedAccountId = null;
  pending = { kam, id: submitted.id, source };
  emit('follow', submitted.id);
}

function solved(doc) {
  if (!pending || pending.id !== doc.id) return;
  shown = { kam: pending.kam, doc, source: pending.source };
  pending = null;
  showMoves(shown.kam, doc, shown.source);
}

/** The moves on show again (in the current language); nothing when the planner closed them or opened another plan. */
function renderMoves() {
  const box = $('moves');
  if (!shown || box.hidden || shown.doc.id !== state.planId) return;
  // The plan as the service last sent it: after a language switch its reasons are in the new language.
  const doc = state.doc && state.doc.id === shown.doc.id ? state.doc : shown.doc;
  showMoves(shown.kam, doc, shown.source);
}

/** The rebalanced plan's moves: every account whose KAM changed from the source plan's, with the reason. */
function showMoves(kam, doc, source) {
  const names = Object.fromEntries(doc.kams.map((k) => [k.id, k.name]));
  const accounts = Object.fromEntries(doc.accounts.map((a) => [a.id, a.name]));
  const moves = doc.moves || [];
  const forced = moves.filter((m) => m.fromKamId === kam.id).length;
  const box = $('moves');
  box.hidden = false;
  fill(box,
    el('div', { class: 'moves-head' },
      el('h2', { id: 'moves-title', text: t('moves.title', kam.name, kam.id, moves.length) }),
      el('button', {
        type: 'button', id: 'compare-original', class: 'secondary',
        onclick: () => { emit('compare', [source.id, doc.id]); selectTab('compare'); },
      }, t('moves.compare')),
      el('button', { type: 'button', class: 'secondary', onclick: () => { box.hidden = true; } }, t('moves.close'))),
    el('p', { class: 'muted', text: t('moves.counts', forced, moves.length - forced, source.score || '–', doc.score || '–') }),
    (doc.warnings || []).length ? el('ul', { class: 'warnings' }, doc.warnings.map((w) => el('li', { text: w }))) : null,
    kamChangesTable(doc.kamChanges || []),
    el('div', { class: 'table-wrap moves-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'moves-title' },
      el('table', { class: 'grid', id: 'moves-table' },
        el('thead', {}, el('tr', {}, ['detail.account', 'moves.from', 'moves.to', 'moves.why'].map((key) => el('th', { text: t(key) })))),
        el('tbody', {}, moves.map((m) => el('tr', { 'data-account': m.accountId },
          el('td', { text: accounts[m.accountId] || m.accountId, title: m.accountId }),
          el('td', { text: names[m.fromKamId] || m.fromKamId || '–' }),
          el('td', { text: names[m.toKamId] || m.toKamId || t('compare.nobody') }),
          el('td', { class: 'reason', text: m.reason || '' })))))));
}

/** Each KAM whose portfolio the rebalance changed: accounts, load and utilization before and after. */
function kamChangesTable(changes) {
  const changed = changes.filter((c) => !c.active || c.accountsBefore !== c.accountsAfter
    || c.loadMinutesBefore !== c.loadMinutesAfter);
  if (!changed.length) return null;
  const arrow = (before, after) => `${before} → ${after}`;
  return el('section', { class: 'kam-changes' },
    el('h3', { id: 'kam-changes-title', text: t('changes.title', changed.length) }),
    el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'kam-changes-title' },
      el('table', { class: 'grid', id: 'kam-changes' },
        el('thead', {}, el('tr', {}, ['th.kam', 'th.accounts', 'changes.load', 'th.utilization']
          .map((key) => el('th', { text: t(key) })))),
        el('tbody', {}, changed.map((c) => el('tr', { 'data-kam': c.kamId },
          el('td', {}, c.name || c.kamId, c.active ? null : el('span', { class: 'tag', text: t('changes.left') })),
          el('td', { class: 'num', text: arrow(c.accountsBefore, c.accountsAfter) }),
          el('td', { class: 'num', text: arrow(hours(c.loadMinutesBefore), hours(c.loadMinutesAfter)) }),
          el('td', { class: 'num', text: arrow(percent(c.utilizationBefore), percent(c.utilizationAfter)) })))))));
}

export function init() {
  subscribe('leave', kamLeaves);
  subscribe('solved', solved);
  // Another plan shown: its moves are not these, and a rebalance still solving is no longer followed.
  subscribe('shown', () => {
    $('moves').hidden = true;
    pending = null;
  });
  subscribe('words', renderMoves);
}
