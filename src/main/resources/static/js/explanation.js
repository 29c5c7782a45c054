// The explanation: why the plan scores as it does, the selected KAM's or account's share, and an
// account's alternatives ("why is it with Anna and not with Jonas?").
import { api, guarded, showMessage } from './api.js';
import { $, el, fill } from './dom.js';
import { selectTab } from './main.js';
import { renderKamDetail, selectKam } from './portfolio.js';
import { assign, rankedKam } from './recommend.js';
import { byImpact, formatDiff } from './score.js';
import { state } from './state.js';

const MAX_MATCHES_SHOWN = 200;

let explanation = null;  // {planId, accountId, data} from GET /plans/{id}/accounts/{accountId}/explanation

/** Has the service explain the score of the page's document as it is (edited or not solved). */
export async function analyze() {
  state.analysis = await api('PUT', '/plans/analyze', state.doc);
  $('score').textContent = state.analysis.score + (state.edited ? ' (edited, not solved)' : '');
  renderExplanation();
}

export function selectAccount(accountId) {
  state.selectedAccountId = accountId;
  renderKamDetail();
  renderExplanation();
  selectTab('explanation');
}

export function renderExplanation() {
  const analysis = state.analysis;
  const box = $('constraints');
  if (!analysis) {
    box.replaceChildren(el('p', { class: 'muted', text: 'Load or solve a plan to see why it scores as it does.' }));
    $('share').replaceChildren();
    return;
  }
  const concerns = shareFilter();
  const constraints = analysis.constraints
    .map((c) => ({ ...c, shown: concerns ? c.matches.filter((m) => concerns.test(m.justification)) : c.matches }))
    .filter((c) => c.matchCount > 0 && c.shown.length > 0)
    .sort(byImpact);
  renderShare(concerns);
  const unassigned = (analysis.unassigned || []).filter((u) => !concerns || concerns.test(u));
  fill(box,
    unassigned.length ? el('details', { class: 'constraint hard', id: 'unassigned-reasons' },
      el('summary', {}, el('span', { class: 'name', text: 'Why accounts are unassigned' }),
        el('span', { text: `${unassigned.length} accounts` })),
      el('ul', {}, unassigned.slice(0, MAX_MATCHES_SHOWN).map((u) =>
        el('li', { text: `${u.accountId} (tier ${u.tier}): ${u.reason}` })))) : null,
    el('p', { class: 'muted', text: `Score ${analysis.score} (${analysis.feasible ? 'feasible' : 'infeasible'}). `
      + 'Constraints by impact; open one to read its matches.' }),
    ...constraints.map((c) => el('details', { class: `constraint ${c.level}` },
      el('summary', {},
        el('span', { class: 'name', text: c.name }),
        el('span', { text: concerns ? `${c.shown.length} of ${c.matchCount} matches` : `${c.matchCount} matches` }),
        el('span', { class: 'muted', text: concerns ? '' : c.score })),
      el('ul', {}, c.shown.slice(0, MAX_MATCHES_SHOWN).map((m) =>
        el('li', { class: 'match' }, m.justification.description, el('span', { class: 'muted', text: `  (${m.score})` }))),
      c.shown.length > MAX_MATCHES_SHOWN ? el('li', { class: 'muted', text: `… and ${c.shown.length - MAX_MATCHES_SHOWN} more` }) : null))),
  );
}

/** The selected account or KAM, as a test on a match's justification; null when nothing is selected. */
function shareFilter() {
  if (state.selectedAccountId) {
    const id = state.selectedAccountId;
    return { kind: 'account', id, test: (j) => j.accountId === id };
  }
  if (state.selectedKamId) {
    const id = state.selectedKamId;
    return { kind: 'KAM', id, test: (j) => j.kamId === id };
  }
  return null;
}

function renderShare(concerns) {
  const box = $('share');
  if (!concerns) {
    box.replaceChildren(el('p', { class: 'muted', text: 'Select a KAM in the portfolio, or one of its accounts, to see its own share of the score.' }));
    return;
  }
  const list = concerns.kind === 'KAM' ? state.analysis.kams : state.analysis.accounts;
  const key = concerns.kind === 'KAM' ? 'kamId' : 'accountId';
  const share = (list || []).find((s) => s[key] === concerns.id);
  const named = concerns.kind === 'KAM'
    ? state.doc.kams.find((k) => k.id === concerns.id)
    : state.doc.accounts.find((a) => a.id === concerns.id);
  fill(box,
    el('h2', { id: 'share-title', text: `${concerns.kind} ${named ? named.name : ''} (${concerns.id}): share ${share ? share.score : '0hard/0medium/0soft'}` }),
    el('button', { type: 'button', class: 'secondary', text: 'Show the whole plan', onclick: () => selectKam(null) }),
    concerns.kind === 'account' ? accountExplanation(concerns.id) : null);
}

/**
 * "Why is this account with Anna and not with Jonas?": its share with its KAM and the 5 best other
 * KAMs, each with the sentence of what moving it would change; from the service, for the stored plan.
 */
function accountExplanation(accountId) {
  const planId = state.planId;
  if (!planId) {
    return el('p', { class: 'muted', text: 'Solve the plan to see what moving this account to another KAM would change.' });
  }
  let cached = explanation;
  if (!cached || cached.planId !== planId || cached.accountId !== accountId) {
    cached = explanation = { planId, accountId, data: null };
    const request = cached;
    api('GET', `/plans/${planId}/accounts/${encodeURIComponent(accountId)}/explanation`)
      .then((data) => {
        request.data = data;
        if (explanation === request && state.selectedAccountId === accountId) renderShare(shareFilter());
      })
      .catch((error) => showMessage(error.message));
  }
  const x = cached.data;
  if (!x) return el('p', { class: 'muted', id: 'account-explanation', text: 'Explaining…' });
  const account = state.doc.accounts.find((a) => a.id === accountId);
  return el('div', { class: 'account-explanation', id: 'account-explanation' },
    el('p', { text: `${x.kamName ? `With ${x.kamName} (${x.kamId})` : 'Unassigned'}${x.pinned ? ', pinned' : ''}: `
      + `its share of the score is ${formatDiff(x.score)}`
      + `${state.edited ? ' (in the last solved plan, without your edits)' : ''}.` }),
    el('h3', { text: x.kamName ? 'The best other KAMs' : 'The best KAMs' }),
    el('ol', { class: 'ranking alternatives' }, (x.alternatives || []).map((r) => rankedKam(r, 'alternative',
      account && account.assignedKamId !== r.kamId ? el('button', {
        type: 'button', class: 'secondary move-to', onclick: () => guarded(() => assign(account, r.kamId)),
      }, `Move to ${r.kamName}`) : null))));
}
