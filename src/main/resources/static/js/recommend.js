// "Assign to…": the service's ranking of KAMs for an account, a panel in the portfolio's account table
// (portfolio.js draws it, on the store's 'recommend' event). Assigning by hand is the store's (assign).
import { api, guarded } from './api.js';
import { el } from './dom.js';
import { lang, t } from './i18n.js';
import { rankedKam } from './ranking.js';
import { assign, emit, state } from './store.js';

let recommendations = null;  // {planId, accountId, language, list} from POST /plans/{id}/recommendations

/** Opens (or closes) an account's "assign to…" panel and ranks the KAMs for it in the stored plan. */
export async function openRecommendations(account) {
  if (state.recommendFor === account.id) {
    state.recommendFor = null;
    emit('recommend');
    return;
  }
  state.recommendFor = account.id;
  emit('recommend');
  const planId = state.planId;
  const cached = recommendations;
  if (!planId || fresh(cached, account)) {
    focusRecommendations();
    return;
  }
  const list = await api('POST', `/plans/${planId}/recommendations`, { accountId: account.id });
  recommendations = { planId, accountId: account.id, language: lang(), list };
  if (state.recommendFor === account.id) {
    emit('recommend');
    focusRecommendations();
  }
}

/**
 * The cached ranking is for this account of the shown plan (and, when opening the panel, in the page's
 * language; an open panel keeps its sentences until opened again after a language switch).
 */
function fresh(cached, account, anyLanguage = false) {
  return cached && cached.planId === state.planId && cached.accountId === account.id
    && (anyLanguage || cached.language === lang());
}

function focusRecommendations() {
  const first = document.querySelector('#recommendations button, #recommendations select');
  if (first) first.focus();
}

/**
 * The best KAMs for the account (top 5 from the service, each with what it changes and why), and any
 * other active KAM as a fallback: the ranking covers 5 KAMs, a plan may have hundreds.
 */
export function recommendationsPanel(account, activeKams) {
  const cached = recommendations;
  const list = fresh(cached, account, true) ? cached.list : null;
  let ranking;
  if (!state.planId) {
    ranking = el('p', { class: 'muted', text: t('recommend.solveFirst') });
  } else if (!list) {
    ranking = el('p', { class: 'muted', text: t('recommend.ranking') });
  } else {
    ranking = [
      el('p', { class: 'muted', text: t(state.edited ? 'recommend.bestEdited' : 'recommend.best', account.name) }),
      el('ol', { class: 'ranking' }, list.map((r) => rankedKam(r, 'recommendation',
        r.kamId === account.assignedKamId ? el('span', { class: 'tag', text: t('recommend.current') }) : el('button', {
          type: 'button', class: 'assign-to', onclick: () => guarded(() => assign(account, r.kamId)),
        }, t('recommend.assignTo', r.kamName))))),
    ];
  }
  return el('div', { class: 'recommendations', id: 'recommendations' }, ranking,
    el('div', { class: 'other' }, assignSelect(account, activeKams)));
}

function assignSelect(account, kams) {
  const label = t('recommend.otherLabel', account.name || account.id);
  const select = el('select', { class: 'assign', 'aria-label': label },
    el('option', { value: '', text: t('recommend.other') }),
    kams.filter((k) => k.id !== account.assignedKamId).map((k) => el('option', { value: k.id, text: `${k.name} (${k.id})` })));
  select.addEventListener('change', () => {
    if (select.value) guarded(() => assign(account, select.value));
  });
  return select;
}
