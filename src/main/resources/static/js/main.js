// KAM Planner web page: loads a plan, solves it, shows the portfolio, the map and the explanation, and steers.
// No framework and no build step: native ES modules, one per view, that keep the current plan document
// (the API's JSON, see the README) in `state.doc` (state.js) and redraw from it. This module wires the page: loading,
// the tabs, the whole-page render, and the test hook below. Leaflet (`L`) and chart.js (`Chart`) are
// classic deferred scripts loaded before this module, so their globals are there when it runs.
//
// The modules call each other's functions (the views are interlinked: a KAM's row opens its explanation,
// an assignment redraws the portfolio and the map); such import cycles are fine because no module but
// this one runs anything when it is loaded.
import { api, download, guarded, showMessage, showSignOut, signOut } from './api.js';
import { $, el } from './dom.js';
import { lang, onLanguageChange, setLanguage, statusText, t, translatePage } from './i18n.js';
import { hours } from './format.js';
import { refreshPlanList } from './compare.js';
import { analyze, renderExplanation } from './explanation.js';
import { mapSummary, renderMap, showMap, toggleTiles } from './map.js';
import { renderPortfolio, sortBy } from './portfolio.js';
import { refreshPlans, renderPlans } from './plans.js';
import { startRouter, syncRoute } from './router.js';
import { renderMoves } from './rebalance.js';
import { markTabs, wireTabs } from './tabs.js';
import { boundText } from './score.js';
import { chartPoints, relabelChart, resetChart, solve, stop } from './solve.js';
import { state } from './state.js';

// ---------------------------------------------------------------- loading

async function loadDatasets() {
  const names = await api('GET', '/demo-data');
  for (const select of [$('dataset'), $('csv-base')]) {
    select.replaceChildren(...names.map((name) => el('option', { value: name, text: name })));
    if (names.includes('dach-small')) select.value = 'dach-small';
  }
}

export async function showDocument(doc, { stored = false } = {}) {
  state.doc = doc;
  state.planId = stored ? doc.id : null;
  state.edited = false;
  state.selectedKamId = null;
  state.selectedAccountId = null;
  state.recommendFor = null;
  $('moves').hidden = true;
  const seconds = doc.settings && doc.settings.terminationSeconds;
  if (seconds) $('seconds').value = seconds;
  render();
  if (!stored) await analyze();
}

async function importCsv() {
  const form = new FormData();
  const workbook = $('xlsx-file').files[0];
  if (workbook) return importWorkbook(workbook);
  for (const [input, name] of [['csv-kams', 'kams.csv'], ['csv-accounts', 'accounts.csv'],
    ['csv-regions', 'regions.csv'], ['csv-sectors', 'sectors.csv']]) {
    const file = $(input).files[0];
    if (file) form.append(name, file, name);
  }
  // The base dataset only fills in regions or sectors when their file is not given.
  const params = new URLSearchParams({ solve: 'false', name: t('import.csvName'), base: $('csv-base').value });
  const doc = await api('POST', `/plans/import?${params}`, form);
  await showDocument(doc);
  $('csv-import').open = false;
  showMessage(t('import.csvDone', doc.kams.length, doc.accounts.length), true);
}

async function importWorkbook(file) {
  const form = new FormData();
  form.append('workbook', file, file.name);
  const params = new URLSearchParams({ solve: 'false', name: t('import.workbookName'), base: $('csv-base').value });
  const doc = await api('POST', `/plans/import/xlsx?${params}`, form);
  await showDocument(doc);
  $('csv-import').open = false;
  showMessage(t('import.workbookDone', doc.kams.length, doc.accounts.length, file.name), true);
}

// ---------------------------------------------------------------- tabs and rendering

// [link id, path under /plans/{id}/export/, file name]; the ;-separated CSVs (with BOM and decimal
// commas) are for German Excel, which shows a comma-separated file as one column.
const EXPORTS = [['export-assignments', 'assignments.csv', 'assignments.csv'], ['export-kams', 'kams.csv', 'kams.csv'],
  ['export-assignments-de', 'assignments.csv?sep=%3B', 'assignments.csv'], ['export-kams-de', 'kams.csv?sep=%3B', 'kams.csv'],
  ['export-workbook', 'plan.xlsx', 'plan.xlsx']];

export function selectTab(name) {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.id === `tab-${name}`;
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    $(tab.getAttribute('aria-controls')).hidden = !on;
  }
  markTabs();
  if (name === 'map') showMap();
  if (name === 'compare') guarded(refreshPlanList);
  if (name === 'plans') guarded(refreshPlans);
  syncRoute();
}

let lastRenderMs = null;  // how long the last whole-page redraw took (test hook; benchmarks/RESULTS.md)

/** Redraws the whole page from the plan document. */
export function render() {
  const start = performance.now();
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
  renderPortfolio();
  renderMap();
  renderExplanation();
  syncRoute();
  lastRenderMs = performance.now() - start;
}

const SOLVED = new Set(['COMPLETED', 'TERMINATED']);

/** Everything the page wrote in words, again in the current language. */
function redrawWords() {
  render();
  renderMoves();
  relabelChart();
  // A hidden list is drawn afresh when its tab opens (selectTab).
  if (!$('view-plans').hidden) renderPlans();
  if (!$('view-compare').hidden) guarded(refreshPlanList);
}

// ---------------------------------------------------------------- wiring

function wire() {
  $('dataset-form').addEventListener('submit', (e) => {
    e.preventDefault();
    guarded(async () => showDocument(await api('GET', `/demo-data/${encodeURIComponent($('dataset').value)}`)));
  });
  $('json-file').addEventListener('change', () => guarded(async () => {
    const file = $('json-file').files[0];
    if (!file) return;
    let doc;
    try {
      doc = JSON.parse(await file.text());
    } catch (error) {
      throw new Error(t('error.notJson', file.name, error.message));
    }
    await showDocument(doc);
  }));
  $('csv-form').addEventListener('submit', (e) => { e.preventDefault(); guarded(importCsv); });
  $('solve-form').addEventListener('submit', (e) => { e.preventDefault(); guarded(solve); });
  $('stop').addEventListener('click', () => guarded(stop));
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
  $('kam-filter').addEventListener('input', renderPortfolio);
  $('tiles').addEventListener('change', (e) => toggleTiles(e.target.checked));
  for (const button of document.querySelectorAll('#kam-table th button')) {
    button.addEventListener('click', () => sortBy(button.dataset.sort));
  }
  for (const tab of document.querySelectorAll('[role=tab]')) {
    tab.addEventListener('click', () => selectTab(tab.id.replace('tab-', '')));
  }
  wireTabs(selectTab);
  markTabs();
  $('open-plans').addEventListener('click', () => selectTab('plans'));
  $('plan-filter').addEventListener('input', renderPlans);
  $('plan-status').addEventListener('change', renderPlans);
  resetChart();
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
      await analyze();
    }
    redrawWords();
  }));
  translatePage();
  guarded(loadDatasets);
  startRouter();
}

/**
 * Test hook, read-only: modules leave no globals, so the browser test (PlannerPageTest) reads the page
 * through these accessors, e.g. `return kamPlanner.doc().accounts.length`. The plan id shown, a copy of
 * the plan document shown, how many points the best-score chart holds, what the map draws, and how long
 * the last redraw of the page took. Nothing else uses it.
 */
window.kamPlanner = Object.freeze({
  planId: () => state.planId,
  doc: () => structuredClone(state.doc),
  chartPoints: () => chartPoints(),
  map: () => mapSummary(),
  renderMs: () => lastRenderMs,
});

wire();
