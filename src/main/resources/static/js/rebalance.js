// "KAM leaves": rebalance the stored plan without a KAM, follow the solve, then list the moves and why.
import { api } from './api.js';
import { $, el, fill } from './dom.js';
import { compareNext } from './compare.js';
import { selectTab } from './main.js';
import { followSolve } from './solve.js';
import { state } from './state.js';

/** Rebalances the stored plan without the KAM: a new plan, solved with continuity; the page follows it. */
export async function kamLeaves(kam) {
  if (!state.planId) return;
  const source = { id: state.planId, score: state.doc.score };
  const submitted = await api('POST', `/plans/${source.id}/rebalance`, {
    leavingKamIds: [kam.id],
    settings: { terminationSeconds: Number($('seconds').value) || 30 },
  });
  $('moves').hidden = true;
  state.recommendFor = null;
  state.selectedAccountId = null;
  followSolve(submitted.id, (doc) => showMoves(kam, doc, source));
}

/** The rebalanced plan's moves: every account whose KAM changed from the source plan's, with the reason. */
function showMoves(kam, doc, source) {
  const names = Object.fromEntries(doc.kams.map((k) => [k.id, k.name]));
  const accounts = Object.fromEntries(doc.accounts.map((a) => [a.id, a.name]));
  const moves = doc.moves || [];
  const forced = moves.filter((m) => (m.reason || '').startsWith('forced')).length;
  const box = $('moves');
  box.hidden = false;
  fill(box,
    el('div', { class: 'moves-head' },
      el('h2', { id: 'moves-title', text: `${kam.name} (${kam.id}) leaves: ${moves.length} accounts move` }),
      el('button', {
        type: 'button', id: 'compare-original', class: 'secondary',
        onclick: () => { compareNext([source.id, doc.id]); selectTab('compare'); },
      }, 'Compare with the plan before'),
      el('button', { type: 'button', class: 'secondary', onclick: () => { box.hidden = true; } }, 'Close')),
    el('p', { class: 'muted', text: `${forced} forced (their KAM left), ${moves.length - forced} chosen by the solver. `
      + `Score ${source.score || '–'} before, ${doc.score || '–'} now.` }),
    (doc.warnings || []).length ? el('ul', { class: 'warnings' }, doc.warnings.map((w) => el('li', { text: w }))) : null,
    el('div', { class: 'table-wrap moves-wrap' },
      el('table', { class: 'grid', id: 'moves-table' },
        el('thead', {}, el('tr', {}, ['Account', 'From', 'To', 'Why'].map((h) => el('th', { text: h })))),
        el('tbody', {}, moves.map((m) => el('tr', { 'data-account': m.accountId },
          el('td', { text: `${accounts[m.accountId] || ''} (${m.accountId})` }),
          el('td', { text: names[m.fromKamId] || m.fromKamId || '–' }),
          el('td', { text: names[m.toKamId] || m.toKamId || 'unassigned' }),
          el('td', { class: 'reason', text: m.reason || '' })))))));
}
