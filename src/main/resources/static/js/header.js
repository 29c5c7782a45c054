// The page's header: the plan shown (name, status, score, summary, bound), its exports, the language
// switch and signing out.
import { api, download, guarded, showSignOut, signOut } from './api.js';
import { $ } from './dom.js';
import { hours } from './format.js';
import { lang, onLanguageChange, setLanguage, statusText, t } from './i18n.js';
import { boundText } from './score.js';
import { emit, render, state, subscribe } from './store.js';

// [link id, path under /plans/{id}/export/, file name]; the ;-separated CSVs (with BOM and decimal
// commas) are for German Excel, which shows a comma-separated file as one column.
const EXPORTS = [['export-assignments', 'assignments.csv', 'assignments.csv'], ['export-kams', 'kams.csv', 'kams.csv'],
  ['export-assignments-de', 'assignments.csv?sep=%3B', 'assignments.csv'], ['export-kams-de', 'kams.csv?sep=%3B', 'kams.csv'],
  ['export-workbook', 'plan.xlsx', 'plan.xlsx']];

const SOLVED = new Set(['COMPLETED', 'TERMINATED']);

function renderHeader() {
  const doc = state.doc;
  $('plan-name').textContent = doc ? t('plan.name', doc.name || t('plan.unnamed'), doc.kams.length, doc.accounts.length) : t('title.noPlan');
  $('status').textContent = doc && doc.status ? statusText(doc.status) : (doc ? t('status.notSolved') : '–');
  $('status').dataset.status = doc && doc.status ? doc.status : '';
  $('score').textContent = doc && doc.score ? doc.score : '–';
  const s = doc && doc.summary;
  // The service's plain sentence when it has one (in the language asked for), else the figures.
  $('summary').textContent = !s ? '' : s.headline || t('summary.short', s.assignedAccounts, s.unassignedAccounts,
    s.movedAccounts, hours(s.totalTravelMinutes));
  $('bound').textContent = s ? boundText(s.bound, doc.score) : '';
  $('solve').disabled = !doc || document.body.classList.contains('solving');
  for (const [id, path] of EXPORTS) {
    const link = $(id);
    if (state.planId) {
      link.href = `/plans/${state.planId}/export/${path}`;
      link.classList.remove('disabled');
      link.removeAttribute('aria-disabled');
    } else {
      link.removeAttribute('href');
      link.classList.add('disabled');
      link.setAttribute('aria-disabled', 'true');
    }
  }
}

/** Everything the page wrote in words, again in the current language. */
function redrawWords() {
  render();
  emit('words');
}

export function init() {
  subscribe('render', renderHeader);
  // The export links name the file (hover, copy link), but the download itself goes through fetch with the token.
  for (const [id, , file] of EXPORTS) {
    $(id).addEventListener('click', (e) => {
      e.preventDefault();
      const href = $(id).getAttribute('href');
      if (href) guarded(() => download(href, file));
    });
  }
  $('sign-out').addEventListener('click', signOut);
  showSignOut();
  // The language switch: the page's words at once, without a reload; the service's sentences (summary,
  // explanations, reasons) with its next answer, so the shown plan and its analysis are fetched again.
  $('language').value = lang();
  $('language').addEventListener('change', (e) => setLanguage(e.target.value));
  onLanguageChange(() => guarded(async () => {
    redrawWords();
    if (state.planId && !state.edited) {
      state.doc = await api('GET', `/plans/${state.planId}`);
      if (SOLVED.has(state.doc.status)) state.analysis = await api('GET', `/plans/${state.planId}/analysis`);
    } else if (state.doc) {
      await emit('analyze');
    }
    redrawWords();
  }));
}
