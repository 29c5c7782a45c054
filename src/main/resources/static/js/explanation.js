// The explanation: why the plan scores as it does, the selected KAM's or account's share, and an
// account's alternatives ("why is it with Anna and not with Jonas?").
import { api, guarded, showMessage } from './api.js';
import { $, el, fill } from './dom.js';
import { money } from './format.js';
import { lang, t } from './i18n.js';
import { rankedKam } from './ranking.js';
import { byImpact, formatDiff } from './score.js';
import { assign, selectKam, state, subscribe } from './store.js';

const MAX_MATCHES_SHOWN = 200;

let explanation = null;  // {planId, accountId, language, data} from GET /plans/{id}/accounts/{accountId}/explanation

/** Has the service explain the score of the page's document as it is (edited or not solved). */
async function analyze() {
  state.analysis = await api('PUT', '/plans/analyze', state.doc);
  $('score').textContent = state.analysis.score + (state.edited ? t('explain.editedScore') : '');
  renderExplanation();
}

function renderExplanation() {
  const analysis = state.analysis;
  const box = $('constraints');
  if (!analysis) {
    box.replaceChildren(el('p', { class: 'muted', text: t('explain.none') }));
    $('share').replaceChildren();
    return;
  }
  const concerns = shareFilter();
  const constraints = analysis.constraints
    .map((c) => ({ ...c, shown: concerns ? c.matches.filter((m) => concerns.test(m.justification)) : c.matches }))
    .filter((c) => c.matchCount > 0 && c.shown.length > 0)
    .sort(byImpact);
  renderShare(concerns);
  fill(box,
    uncovered((analysis.unassigned || []).filter((u) => !concerns || concerns.test(u))),
    el('p', { class: 'muted', text: t('explain.scoreLine', analysis.score, t(analysis.feasible ? 'plans.feasible' : 'plans.infeasible')) }),
    ...constraints.map((c) => el('details', { class: `constraint ${c.level}` },
      el('summary', {},
        el('span', { class: 'name', text: c.name }),
        el('span', { text: concerns ? t('explain.someMatches', c.shown.length, c.matchCount) : t('explain.matches', c.matchCount) }),
        el('span', { class: 'muted', text: concerns ? '' : c.score })),
      el('ul', {}, c.shown.slice(0, MAX_MATCHES_SHOWN).map((m) =>
        el('li', { class: 'match' }, m.justification.description, el('span', { class: 'muted', text: `  (${m.score})` }))),
      c.shown.length > MAX_MATCHES_SHOWN ? el('li', { class: 'muted', text: t('explain.more', c.shown.length - MAX_MATCHES_SHOWN) }) : null))),
  );
}

/**
 * The accounts no KAM serves, most revenue first: name, tier, revenue (the service's figure, else the
 * plan's own) and why no KAM could take it. Open by default: it is what a director asks first.
 */
function uncovered(list) {
  if (!list.length) return null;
  const revenue = Object.fromEntries(state.doc ? state.doc.accounts.map((a) => [a.id, a.annualRevenue]) : []);
  const rows = list.map((u) => ({ ...u, revenue: u.annualRevenue ?? revenue[u.accountId] }))
    .sort((a, b) => (Number(b.revenue) || 0) - (Number(a.revenue) || 0));
  return el('details', { class: 'constraint hard', id: 'unassigned-reasons', open: true },
    el('summary', {}, el('span', { class: 'name', text: t('explain.uncovered') }),
      el('span', { text: t('explain.uncoveredCount', rows.length) })),
    // Scrolls when long: focusable and named, so the keyboard reaches all of it (axe: scrollable-region-focusable).
    el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t('explain.uncovered') }, el('table', { class: 'grid', id: 'uncovered-table' },
      el('thead', {}, el('tr', {}, ['detail.account', 'detail.tier', 'th.revenue', 'moves.why'].map((key) => el('th', { text: t(key) })))),
      el('tbody', {}, rows.slice(0, MAX_MATCHES_SHOWN).map((u) => el('tr', { 'data-account': u.accountId },
        el('td', { text: u.name || u.accountId, title: u.accountId }),
        el('td', { text: u.tier }),
        el('td', { class: 'num', text: money(u.revenue) }),
        el('td', { class: 'reason', text: u.reason }))))),
    rows.length > MAX_MATCHES_SHOWN ? el('p', { class: 'muted', text: t('explain.more', rows.length - MAX_MATCHES_SHOWN) }) : null));
}

/** The selected account or KAM, as a test on a match's justification; null when nothing is selected. */
function shareFilter() {
  if (state.selectedAccountId) {
    const id = state.selectedAccountId;
    return { kind: 'account', label: t('explain.account'), id, test: (j) => j.accountId === id };
  }
  if (state.selectedKamId) {
    const id = state.selectedKamId;
    return { kind: 'KAM', label: t('th.kam'), id, test: (j) => j.kamId === id };
  }
  return null;
}

function renderShare(concerns) {
  const box = $('share');
  if (!concerns) {
    box.replaceChildren(el('p', { class: 'muted', text: t('explain.selectShare') }));
    return;
  }
  const list = concerns.kind === 'KAM' ? state.analysis.kams : state.analysis.accounts;
  const key = concerns.kind === 'KAM' ? 'kamId' : 'accountId';
  const share = (list || []).find((s) => s[key] === concerns.id);
  const named = concerns.kind === 'KAM'
    ? state.doc.kams.find((k) => k.id === concerns.id)
    : state.doc.accounts.find((a) => a.id === concerns.id);
  fill(box,
    el('h2', { id: 'share-title', text: t('explain.shareTitle', concerns.label, named ? named.name : '', concerns.id,
      share ? share.score : '0hard/0medium/0soft') }),
    el('button', { type: 'button', class: 'secondary', text: t('explain.wholePlan'), onclick: () => selectKam(null) }),
    concerns.kind === 'account' ? accountExplanation(concerns.id) : null);
}

/**
 * "Why is this account with Anna and not with Jonas?": its share with its KAM and the 5 best other
 * KAMs, each with the sentence of what moving it would change; from the service, for the stored plan.
 */
function accountExplanation(accountId) {
  const planId = state.planId;
  if (!planId) {
    return el('p', { class: 'muted', text: t('explain.solveFirst') });
  }
  let cached = explanation;
  if (!cached || cached.planId !== planId || cached.accountId !== accountId || cached.language !== lang()) {
    cached = explanation = { planId, accountId, language: lang(), data: null };
    const request = cached;
    api('GET', `/plans/${planId}/accounts/${encodeURIComponent(accountId)}/explanation`)
      .then((data) => {
        request.data = data;
        if (explanation === request && state.selectedAccountId === accountId) renderShare(shareFilter());
      })
      .catch((error) => showMessage(error.message));
  }
  const x = cached.data;
  if (!x) return el('p', { class: 'muted', id: 'account-explanation', text: t('explain.explaining') });
  const account = state.doc.accounts.find((a) => a.id === accountId);
  return el('div', { class: 'account-explanation', id: 'account-explanation' },
    el('p', { text: t(state.edited ? 'explain.accountShareEdited' : 'explain.accountShare',
      x.kamName ? t('explain.with', x.kamName, x.kamId) : t('portfolio.unassigned'), x.pinned ? t('explain.pinned') : '',
      formatDiff(x.score)) }),
    x.moveReason ? el('p', { class: 'move-reason', text: t('explain.moveReason', x.moveReason) }) : null,
    el('h3', { text: t(x.kamName ? 'explain.bestOther' : 'explain.bestKams') }),
    el('ol', { class: 'ranking alternatives' }, (x.alternatives || []).map((r) => rankedKam(r, 'alternative',
      account && account.assignedKamId !== r.kamId ? el('button', {
        type: 'button', class: 'secondary move-to', onclick: () => guarded(() => assign(account, r.kamId)),
      }, t('explain.moveTo', r.kamName)) : null))));
}

export function init() {
  for (const event of ['render', 'analysis', 'kam', 'account']) subscribe(event, renderExplanation);
  subscribe('analyze', analyze);
  subscribe('edited', analyze);
}
