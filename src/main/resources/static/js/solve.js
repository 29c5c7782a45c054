// Solving: submit the plan, stop it, poll it until it ends and chart its best score on the way.
import { api, guarded, showMessage } from './api.js';
import { $, fill } from './dom.js';
import { count } from './format.js';
import { statusText, t } from './i18n.js';
import { boundText, parseScore } from './score.js';
import { readSettings, settingsForm, showProblems } from './settingsForm.js';
import { emit, render, state, subscribe } from './store.js';

const FINAL = new Set(['COMPLETED', 'TERMINATED', 'FAILED']);
const POLL_MS = 500;

let solveStart = 0;
let pollTimer = null;
let chart = null;

/** The document as input: output-only fields stripped, the settings panel's numbers and the page's solve time set. */
function inputDocument() {
  const { id, status, score, feasible, warnings, error, summary, moves, ...input } = state.doc;
  const edited = readSettings($('plan-settings-form'), input.settings, input.sectors);
  input.settings = { ...edited.settings, terminationSeconds: Number($('seconds').value) || 30 };
  if (input.sectors) input.sectors = edited.sectors;
  return input;
}

async function solve() {
  const panel = $('plan-settings-form');
  let submitted;
  try {
    // A stored plan solved again from the page (edited or not) is that plan's child (origin EDITED).
    const from = state.planId ? `?from=${encodeURIComponent(state.planId)}` : '';
    submitted = await api('POST', `/plans${from}`, inputDocument());
  } catch (error) {
    // A refused setting is shown at its field, with the panel open; the message box still lists them all.
    if (showProblems(panel, error.problems)) $('plan-settings').open = true;
    throw error;
  }
  showProblems(panel, []);
  followSolve(submitted.id);
}

/**
 * The settings panel for the plan shown: its weights, tier minutes and visits, and its sectors' caps; with
 * {@code keep}, what the planner typed stays (a redraw in the other language).
 */
function drawSettings(doc, keep = false) {
  const form = $('plan-settings-form');
  const shown = doc && keep ? readSettings(form, doc.settings, doc.sectors) : doc;
  fill(form, shown ? settingsForm('plan', { settings: shown.settings, sectors: shown.sectors }) : null);
}

/** Polls a submitted plan until it ends, charting its best score; then shows it (the 'solved' event). */
function followSolve(id) {
  state.planId = id;
  solveStart = performance.now();
  resetChart();
  setSolving(true);
  clearTimeout(pollTimer);
  let polls = 0;
  const poll = async () => {
    try {
      const status = await api('GET', `/plans/${id}/status`);
      showStatus(status);
      if (FINAL.has(status.status)) {
        await finishSolve(id);
        return;
      }
      // The portfolio follows the best plan every few polls; the status poll is the cheap one.
      if (++polls % 4 === 0) {
        state.doc = await api('GET', `/plans/${id}`);
        emit('best');
      }
      pollTimer = setTimeout(poll, POLL_MS);
    } catch (error) {
      setSolving(false);
      showMessage(error.message);
    }
  };
  poll();
}

async function finishSolve(id) {
  state.doc = await api('GET', `/plans/${id}`);
  state.analysis = await api('GET', `/plans/${id}/analysis`);
  state.edited = false;
  setSolving(false);
  render();
  if (state.doc.error) showMessage(t('solve.failed', state.doc.error));
  emit('solved', state.doc);
  followBound(id);
}

const BOUND_POLL_MS = 2000;
const BOUND_POLLS = 90;

/** The bound is computed after the solve, on the server's own time: show it when it is there. */
function followBound(id, polls = 0) {
  const bound = state.doc && state.doc.summary && state.doc.summary.bound;
  if (!bound || bound.status !== 'COMPUTING' || polls >= BOUND_POLLS) return;
  setTimeout(async () => {
    if (state.planId !== id || !state.doc || !state.doc.summary) return;
    try {
      const status = await api('GET', `/plans/${id}/status`);
      if (status.boundStatus && status.boundStatus !== 'COMPUTING' && state.planId === id) {
        const doc = await api('GET', `/plans/${id}`);
        if (state.planId === id && !state.edited) {
          // Only the bound's line changes: redrawing the whole page here replaced every element a planner
          // (or a browser test) was about to click or read, at a moment nobody chose.
          state.doc.summary.bound = doc.summary.bound;
          $('bound').textContent = boundText(state.doc.summary.bound, state.doc.score);
        }
        return;
      }
    } catch (error) {
      return;
    }
    followBound(id, polls + 1);
  }, BOUND_POLL_MS);
}

async function stop() {
  if (state.planId) await api('DELETE', `/plans/${state.planId}`);
}

function setSolving(solving) {
  $('solve').disabled = solving || !state.doc;
  $('stop').disabled = !solving;
  document.body.classList.toggle('solving', solving);
  // A rebalance starts from a finished plan (the service answers 409 otherwise).
  for (const button of document.querySelectorAll('.kam-leaves')) button.disabled = solving || state.edited;
}

function showStatus(status) {
  $('status').textContent = statusText(status.status);
  $('status').dataset.status = status.status || '';
  $('score').textContent = status.score || '–';
  const s = parseScore(status.score);
  if (s && chart) {
    const seconds = count((performance.now() - solveStart) / 1000, 1);
    const data = chart.data;
    const values = [s.hard, s.medium, s.soft];
    if (data.labels.length === 0 || values.some((v, i) => data.datasets[i].data.at(-1) !== v)) {
      data.labels.push(seconds);
      values.forEach((v, i) => data.datasets[i].data.push(v));
      chart.update('none');
    }
  }
}

/** A new, empty best-score chart (chart.js, the classic script's `Chart` global). */
function resetChart() {
  if (!window.Chart) return;
  if (chart) chart.destroy();
  chart = new Chart($('score-chart'), {
    type: 'line',
    data: {
      labels: [],
      datasets: [
        // Hard and medium (unassigned accounts) share the left axis; soft is orders of magnitude larger.
        { label: t('score.hard'), data: [], borderColor: '#c8352e', yAxisID: 'hardMedium', pointRadius: 1, stepped: true },
        { label: t('score.medium'), data: [], borderColor: '#d98a00', yAxisID: 'hardMedium', pointRadius: 1, stepped: true },
        { label: t('score.soft'), data: [], borderColor: '#0b5cad', yAxisID: 'soft', pointRadius: 1, stepped: true },
      ],
    },
    options: {
      animation: false,
      responsive: false,
      plugins: { legend: { display: true, labels: { boxWidth: 8, font: { size: 10 } } } },
      scales: {
        x: { title: { display: false }, ticks: { font: { size: 9 }, maxTicksLimit: 5 } },
        hardMedium: { position: 'left', ticks: { font: { size: 9 }, maxTicksLimit: 3 } },
        soft: { position: 'right', ticks: { font: { size: 9 }, maxTicksLimit: 3 }, grid: { drawOnChartArea: false } },
      },
    },
  });
}

/** The chart's legend in the current language. */
function relabelChart() {
  if (!chart) return;
  chart.data.datasets.forEach((dataset, i) => { dataset.label = t(`score.${['hard', 'medium', 'soft'][i]}`); });
  chart.update('none');
}

/** How many points the best-score chart holds (for the test hook). */
export function chartPoints() {
  return chart ? chart.data.labels.length : 0;
}

export function init() {
  $('solve-form').addEventListener('submit', (e) => { e.preventDefault(); guarded(solve); });
  $('stop').addEventListener('click', () => guarded(stop));
  resetChart();
  subscribe('shown', (doc) => {
    const seconds = doc.settings && doc.settings.terminationSeconds;
    if (seconds) $('seconds').value = seconds;
    drawSettings(doc);
  });
  // A finished solve shows the plan as stored, with the settings it was solved with.
  subscribe('solved', drawSettings);
  subscribe('words', () => { if (state.doc) drawSettings(state.doc, true); });
  subscribe('follow', followSolve);
  subscribe('words', relabelChart);
}
