// KAM Planner web page: loads a plan, solves it, shows the portfolio, the map and the explanation, and steers.
// No framework and no build step: the page keeps the current plan document (the API.md JSON) in `state.doc`
// and redraws from it.
'use strict';

const FINAL = new Set(['COMPLETED', 'TERMINATED', 'FAILED']);
const POLL_MS = 500;
const MAX_MATCHES_SHOWN = 200;

const state = {
  doc: null,          // the plan document shown
  planId: null,       // its id in the service, once submitted
  analysis: null,     // the score explained
  edited: false,      // pins or assignments changed since the last solve
  selectedKamId: null,
  selectedAccountId: null,
  recommendFor: null,     // the account whose "assign to…" panel is open
  recommendations: null,  // {planId, accountId, list} from POST /plans/{id}/recommendations
  explanation: null,      // {planId, accountId, data} from GET /plans/{id}/accounts/{accountId}/explanation
  compareIds: null,       // the two plans the compare view starts with
  compareNow: false,      // compare them as soon as the view is drawn
  sort: { key: 'name', dir: 1 },
  solveStart: 0,
  pollTimer: null,
  onSolved: null,     // what to do when the solve being polled ends
  map: null,
  mapLayers: null,
  tileLayer: null,
  chart: null,
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child != null) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces a node's children; unlike replaceChildren, a null child (a part not shown) is left out, not written as "null". */
function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child != null));
}

// ---------------------------------------------------------------- talking to the service

/** Fetches JSON; a problem+json answer becomes an Error whose message lists each "path: message". */
async function api(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const lines = (data && data.errors || []).map((e) => `${e.path}: ${e.message}`);
    const detail = data && (data.detail || data.title) || response.statusText;
    throw new Error([detail, ...lines].join('\n'));
  }
  return data;
}

function showMessage(text, info = false) {
  const box = $('message');
  box.textContent = text;
  box.className = info ? 'message info' : 'message';
  box.hidden = !text;
}

async function guarded(action) {
  try {
    showMessage('');
    await action();
  } catch (error) {
    showMessage(error.message);
  }
}

// ---------------------------------------------------------------- scores

function parseScore(score) {
  const m = /(-?\d+)hard\/(-?\d+)medium\/(-?\d+)soft/.exec(score || '');
  return m ? { hard: Number(m[1]), medium: Number(m[2]), soft: Number(m[3]) } : null;
}

function levelOf(score) {
  const s = parseScore(score);
  if (!s) return 'soft';
  return s.hard !== 0 ? 'hard' : s.medium !== 0 ? 'medium' : 'soft';
}

/** Bigger penalties first: hard before medium before soft, then by size. */
function byImpact(a, b) {
  const x = parseScore(a.score) || { hard: 0, medium: 0, soft: 0 };
  const y = parseScore(b.score) || { hard: 0, medium: 0, soft: 0 };
  return (x.hard - y.hard) || (x.medium - y.medium) || (x.soft - y.soft);
}

/**
 * "0hard/10medium/-1126soft" as "+10 medium, −1,126 soft": only the levels that change, signed as the
 * score moves (plus is better). Used for score differences and for per-constraint penalties.
 */
function formatDiff(score) {
  const s = parseScore(score);
  if (!s) return score || '–';
  const parts = [['hard', s.hard], ['medium', s.medium], ['soft', s.soft]]
    .filter(([, value]) => value !== 0)
    .map(([level, value]) => `${value > 0 ? '+' : '−'}${Math.abs(value).toLocaleString('en')} ${level}`);
  return parts.length ? parts.join(', ') : '0';
}

function hours(minutes) {
  return minutes == null ? '–' : (minutes / 60).toFixed(1);
}

// ---------------------------------------------------------------- loading

async function loadDatasets() {
  const names = await api('GET', '/demo-data');
  for (const select of [$('dataset'), $('csv-base')]) {
    select.replaceChildren(...names.map((name) => el('option', { value: name, text: name })));
    if (names.includes('dach-small')) select.value = 'dach-small';
  }
}

async function showDocument(doc, { stored = false } = {}) {
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

async function analyze() {
  state.analysis = await api('PUT', '/plans/analyze', state.doc);
  $('score').textContent = state.analysis.score + (state.edited ? ' (edited, not solved)' : '');
  renderExplanation();
}

// ---------------------------------------------------------------- solving

/** The document as input: output-only fields stripped, the page's solve time set. */
function inputDocument() {
  const { id, status, score, feasible, warnings, error, summary, moves, ...input } = state.doc;
  input.settings = { ...(input.settings || {}), terminationSeconds: Number($('seconds').value) || 30 };
  return input;
}

async function solve() {
  const submitted = await api('POST', '/plans', inputDocument());
  followSolve(submitted.id, null);
}

/** Polls a submitted plan until it ends, charting its best score; then shows it and runs `then`. */
function followSolve(id, then) {
  state.planId = id;
  state.onSolved = then;
  state.solveStart = performance.now();
  resetChart();
  setSolving(true);
  clearTimeout(state.pollTimer);
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
        renderPortfolio();
      }
      state.pollTimer = setTimeout(poll, POLL_MS);
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
  if (state.doc.error) showMessage(`Solving failed: ${state.doc.error}`);
  const then = state.onSolved;
  state.onSolved = null;
  if (then) then(state.doc);
  refreshPlanList();
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
  $('status').textContent = status.status;
  $('score').textContent = status.score || '–';
  const s = parseScore(status.score);
  if (s && state.chart) {
    const t = ((performance.now() - state.solveStart) / 1000).toFixed(1);
    const data = state.chart.data;
    const values = [s.hard, s.medium, s.soft];
    if (data.labels.length === 0 || values.some((v, i) => data.datasets[i].data.at(-1) !== v)) {
      data.labels.push(t);
      values.forEach((v, i) => data.datasets[i].data.push(v));
      state.chart.update('none');
    }
  }
}

function resetChart() {
  if (!window.Chart) return;
  if (state.chart) state.chart.destroy();
  state.chart = new Chart($('score-chart'), {
    type: 'line',
    data: {
      labels: [],
      datasets: [
        // Hard and medium (unassigned accounts) share the left axis; soft is orders of magnitude larger.
        { label: 'hard', data: [], borderColor: '#c8352e', yAxisID: 'hardMedium', pointRadius: 1, stepped: true },
        { label: 'medium', data: [], borderColor: '#d98a00', yAxisID: 'hardMedium', pointRadius: 1, stepped: true },
        { label: 'soft', data: [], borderColor: '#0b5cad', yAxisID: 'soft', pointRadius: 1, stepped: true },
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

// ---------------------------------------------------------------- the portfolio

function kamColor(index) {
  return `hsl(${(index * 137.508) % 360}, 65%, 45%)`;
}

function kamRows() {
  const doc = state.doc;
  return doc.kams.map((kam, index) => {
    const accounts = doc.accounts.filter((a) => a.assignedKamId === kam.id);
    const tiers = { A: 0, B: 0, C: 0 };
    const sectors = {};
    for (const a of accounts) {
      tiers[a.tier] = (tiers[a.tier] || 0) + 1;
      sectors[a.sectorId] = (sectors[a.sectorId] || 0) + 1;
    }
    return {
      kam, index, accounts, tiers, sectors,
      name: kam.name || kam.id,
      home: kam.homeRegionId,
      utilization: kam.utilization,
      travel: kam.travelMinutes,
      active: kam.active !== false,
    };
  });
}

function utilizationBar(utilization) {
  if (utilization == null) return el('span', { class: 'muted', text: 'not solved' });
  const kind = utilization > 1 ? 'over' : utilization >= 0.8 ? 'near' : 'under';
  const bar = el('span', { class: `bar ${kind}`, title: `${kind} capacity` }, el('span'));
  bar.firstChild.style.width = `${Math.min(utilization, 1) * 100}%`;
  return el('span', {}, bar, el('span', { class: 'bar-label', text: `${Math.round(utilization * 100)}\u00a0%` }));
}

const SORT_KEYS = {
  name: (r) => r.name.toLowerCase(),
  utilization: (r) => r.utilization ?? -1,
  accounts: (r) => r.accounts.length,
  sectors: (r) => Object.keys(r.sectors).length,
  travel: (r) => r.travel ?? -1,
};

function renderPortfolio() {
  const body = document.querySelector('#kam-table tbody');
  if (!state.doc) {
    body.replaceChildren();
    return;
  }
  const filter = $('kam-filter').value.trim().toLowerCase();
  const key = SORT_KEYS[state.sort.key];
  const rows = kamRows()
    .filter((r) => !filter || [r.kam.id, r.name, r.home, ...Object.keys(r.sectors), ...(r.kam.sectorIds || [])]
      .some((text) => String(text).toLowerCase().includes(filter)))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * state.sort.dir);
  // Rebalancing starts from the stored plan: hand edits must be solved (stored) first.
  const canRebalance = Boolean(state.planId) && !state.edited && !document.body.classList.contains('solving');
  body.replaceChildren(...rows.map((r) => el('tr', {
    class: r.kam.id === state.selectedKamId ? 'selected' : null,
    'data-kam': r.kam.id,
    onclick: () => selectKam(r.kam.id),
  },
  el('td', {},
    el('span', { class: 'swatch', style: `background:${kamColor(r.index)}` }),
    el('button', { type: 'button', class: 'link kam-name', text: r.name, 'aria-label': `Accounts of ${r.name}` }),
    r.active ? null : el('span', { class: 'tag', text: 'inactive' }),
    el('div', { class: 'muted small', text: `${r.kam.id} · home ${r.home}` })),
  el('td', {}, utilizationBar(r.utilization)),
  el('td', { class: 'num', text: r.accounts.length }),
  el('td', { text: `${r.tiers.A} / ${r.tiers.B} / ${r.tiers.C}` }),
  el('td', {}, Object.entries(r.sectors).sort().map(([s, n]) => el('span', { class: 'tag', text: `${s} ${n}` }))),
  el('td', { class: 'num', text: hours(r.travel) }),
  el('td', {}, r.active ? el('button', {
    type: 'button', class: 'secondary kam-leaves', disabled: !canRebalance,
    title: canRebalance ? `Rebalance without ${r.name}` : 'Solve the plan (with your edits) first',
    onclick: (event) => { event.stopPropagation(); guarded(() => kamLeaves(r.kam)); },
  }, 'KAM leaves') : null))));
  const unassigned = state.doc.accounts.filter((a) => !a.assignedKamId);
  if (unassigned.length) {
    body.append(el('tr', { 'data-kam': '', onclick: () => selectKam('') },
      el('td', {}, el('button', { type: 'button', class: 'link kam-name', text: 'Unassigned' })),
      el('td'), el('td', { class: 'num', text: unassigned.length }), el('td'), el('td'), el('td'), el('td')));
  }
  for (const th of document.querySelectorAll('#kam-table th[aria-sort]')) {
    const sortKey = th.querySelector('button').dataset.sort;
    th.setAttribute('aria-sort', sortKey !== state.sort.key ? 'none' : state.sort.dir > 0 ? 'ascending' : 'descending');
  }
  $('stale').hidden = !state.edited;
  renderKamDetail();
}

function selectKam(kamId) {
  state.selectedKamId = kamId;
  state.selectedAccountId = null;
  renderPortfolio();
  renderExplanation();
}

function renderKamDetail() {
  const box = $('kam-detail');
  const kamId = state.selectedKamId;
  if (kamId == null || !state.doc) {
    box.replaceChildren(el('p', { class: 'muted', text: 'Select a KAM to see its accounts.' }));
    return;
  }
  const kam = state.doc.kams.find((k) => k.id === kamId);
  const accounts = state.doc.accounts.filter((a) => (a.assignedKamId || '') === kamId);
  const activeKams = state.doc.kams.filter((k) => k.active !== false);
  fill(box,
    el('h2', { text: kam ? `${kam.name} (${kam.id}): ${accounts.length} accounts` : `Unassigned: ${accounts.length} accounts` }),
    kam ? el('p', { class: 'muted', text: `Expertise: ${(kam.sectorIds || []).join(', ') || 'none'}; `
      + `capacity ${hours(kam.capacityMinutes)} h a month, load ${hours(kam.loadMinutes)} h` }) : null,
    el('table', { class: 'grid', id: 'account-table' },
      el('thead', {}, el('tr', {}, ['Account', 'Tier', 'Work h', 'Pin', 'Assign to'].map((h) => el('th', { text: h })))),
      el('tbody', {}, accounts.flatMap((a) => [el('tr', {
        'data-account': a.id, class: a.id === state.selectedAccountId ? 'selected' : null,
      },
      el('td', {}, el('button', {
        type: 'button', class: 'link account-name', text: `${a.name} (${a.id})`,
        title: 'Explain this account', onclick: () => selectAccount(a.id),
      }), el('div', { class: 'muted small', text: `${a.sectorId} · ${a.regionId}` })),
      el('td', { text: a.tier }),
      el('td', { class: 'num', text: hours(a.workloadMinutes) }),
      el('td', {}, el('button', {
        type: 'button', class: `secondary pin ${a.pinned ? 'pin-on' : ''}`, 'aria-pressed': a.pinned ? 'true' : 'false',
        disabled: !a.assignedKamId && !a.currentKamId,
        onclick: () => guarded(() => togglePin(a)),
      }, a.pinned ? 'Unpin' : 'Pin')),
      el('td', {}, el('button', {
        type: 'button', class: 'secondary recommend', 'aria-expanded': a.id === state.recommendFor ? 'true' : 'false',
        'aria-controls': a.id === state.recommendFor ? 'recommendations' : null,
        onclick: () => guarded(() => openRecommendations(a)),
      }, 'Assign to…'))),
      a.id === state.recommendFor ? el('tr', { class: 'recommendations-row' },
        el('td', { colspan: 5 }, recommendationsPanel(a, activeKams))) : null]))),
  );
}

/** Opens (or closes) an account's "assign to…" panel and ranks the KAMs for it in the stored plan. */
async function openRecommendations(account) {
  if (state.recommendFor === account.id) {
    state.recommendFor = null;
    renderKamDetail();
    return;
  }
  state.recommendFor = account.id;
  renderKamDetail();
  const planId = state.planId;
  const cached = state.recommendations;
  if (!planId || (cached && cached.planId === planId && cached.accountId === account.id)) {
    focusRecommendations();
    return;
  }
  const list = await api('POST', `/plans/${planId}/recommendations`, { accountId: account.id });
  state.recommendations = { planId, accountId: account.id, list };
  if (state.recommendFor === account.id) {
    renderKamDetail();
    focusRecommendations();
  }
}

function focusRecommendations() {
  const first = document.querySelector('#recommendations button, #recommendations select');
  if (first) first.focus();
}

/**
 * The best KAMs for the account (top 5 from the service, each with what it changes and why), and any
 * other active KAM as a fallback: the ranking covers 5 KAMs, a plan may have hundreds.
 */
function recommendationsPanel(account, activeKams) {
  const cached = state.recommendations;
  const list = cached && cached.planId === state.planId && cached.accountId === account.id ? cached.list : null;
  let ranking;
  if (!state.planId) {
    ranking = el('p', { class: 'muted', text: 'Solve the plan to get recommended KAMs for this account.' });
  } else if (!list) {
    ranking = el('p', { class: 'muted', text: 'Ranking KAMs…' });
  } else {
    ranking = [
      el('p', { class: 'muted', text: `Best KAMs for ${account.name}, by what assigning it changes against leaving it `
        + `unassigned${state.edited ? ' (ranked in the last solved plan, without your edits)' : ''}:` }),
      el('ol', { class: 'ranking' }, list.map((r) => rankedKam(r, 'recommendation',
        r.kamId === account.assignedKamId ? el('span', { class: 'tag', text: 'current' }) : el('button', {
          type: 'button', class: 'assign-to', onclick: () => guarded(() => assign(account, r.kamId)),
        }, `Assign to ${r.kamName}`)))),
    ];
  }
  return el('div', { class: 'recommendations', id: 'recommendations' }, ranking,
    el('div', { class: 'other' }, assignSelect(account, activeKams)));
}

/** One KAM of a ranking (a recommendation or an alternative): name, score difference, action, sentence. */
function rankedKam(r, className, action) {
  return el('li', { class: className, 'data-kam': r.kamId },
    el('div', { class: 'head' },
      el('strong', { text: `${r.kamName} (${r.kamId})` }),
      el('span', { class: 'diff', title: `score difference ${r.scoreDiff}`, text: formatDiff(r.scoreDiff) }),
      action),
    el('div', { class: 'sentence', text: r.explanation }));
}

function assignSelect(account, kams) {
  const label = `Assign ${account.id} to another KAM`;
  const select = el('select', { class: 'assign', 'aria-label': label },
    el('option', { value: '', text: 'other KAM…' }),
    kams.filter((k) => k.id !== account.assignedKamId).map((k) => el('option', { value: k.id, text: `${k.name} (${k.id})` })));
  select.addEventListener('change', () => {
    if (select.value) guarded(() => assign(account, select.value));
  });
  return select;
}

// ---------------------------------------------------------------- steering without a solve

async function togglePin(account) {
  account.pinned = !account.pinned;
  await edited();
}

/** Moves an account by hand and pins it there, so the next solve keeps the planner's choice. */
async function assign(account, kamId) {
  account.assignedKamId = kamId;
  account.pinned = true;
  state.recommendFor = null;
  state.selectedKamId = kamId;
  state.selectedAccountId = account.id;
  await edited();
}

async function edited() {
  state.edited = true;
  renderPortfolio();
  renderMap();
  await analyze();
}

// ---------------------------------------------------------------- rebalancing and comparing

/** Rebalances the stored plan without the KAM: a new plan, solved with continuity; the page follows it. */
async function kamLeaves(kam) {
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
        onclick: () => { state.compareIds = [source.id, doc.id]; state.compareNow = true; selectTab('compare'); },
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

async function refreshPlanList() {
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
  const [a, b] = state.compareIds && state.compareIds.every((id) => ids.has(id))
    ? state.compareIds : [plans.at(-2).id, plans.at(-1).id];
  left.value = a;
  right.value = b;
  const result = el('div', { id: 'compare-result' });
  body.replaceChildren(
    el('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); guarded(() => compare(left.value, right.value, result)); } },
      el('label', { for: 'compare-a', text: 'Plan' }), left,
      el('label', { for: 'compare-b', text: 'with' }), right,
      el('button', { type: 'submit', id: 'compare', text: 'Compare' })),
    result);
  if (state.compareNow) {
    state.compareNow = false;
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

// ---------------------------------------------------------------- the explanation

function selectAccount(accountId) {
  state.selectedAccountId = accountId;
  renderKamDetail();
  renderExplanation();
  selectTab('explanation');
}

function renderExplanation() {
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
  let cached = state.explanation;
  if (!cached || cached.planId !== planId || cached.accountId !== accountId) {
    cached = state.explanation = { planId, accountId, data: null };
    const request = cached;
    api('GET', `/plans/${planId}/accounts/${encodeURIComponent(accountId)}/explanation`)
      .then((data) => {
        request.data = data;
        if (state.explanation === request && state.selectedAccountId === accountId) renderShare(shareFilter());
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

// ---------------------------------------------------------------- the map

async function initMap() {
  if (state.map || !window.L) return;
  state.map = L.map('map', { zoomSnap: 0.25, attributionControl: true }).setView([49.5, 10.5], 5.5);
  state.map.attributionControl.setPrefix(false);
  const outline = await fetch('/data/dach-outline.geojson').then((r) => r.json());
  L.geoJSON(outline, {
    style: (f) => ({ color: '#6b7b8c', weight: 1, fillColor: f.properties.dach ? '#fbfbf6' : '#e8ecef', fillOpacity: 1 }),
    attribution: 'Outline: Natural Earth (public domain)',
  }).addTo(state.map);
  state.mapLayers = L.layerGroup().addTo(state.map);
  renderMap();
}

function toggleTiles(on) {
  if (!state.map) return;
  if (on && !state.tileLayer) {
    state.tileLayer = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 12, attribution: '© OpenStreetMap contributors',
    }).addTo(state.map);
  } else if (!on && state.tileLayer) {
    state.tileLayer.remove();
    state.tileLayer = null;
  }
}

function renderMap() {
  if (!state.map || !state.doc) return;
  const layers = state.mapLayers;
  layers.clearLayers();
  const regions = Object.fromEntries((state.doc.regions || []).map((r) => [r.id, r]));
  const kamIndex = Object.fromEntries(state.doc.kams.map((k, i) => [k.id, i]));
  for (const r of Object.values(regions)) {
    L.circle([r.latitude, r.longitude], { radius: 30000, color: '#8795a1', weight: 1, fill: false })
      .bindTooltip(r.name, { permanent: true, direction: 'top', className: 'region-label', offset: [0, -8] })
      .addTo(layers);
  }
  // Accounts of a region spread on a small spiral round its centre, so each stays visible.
  const seen = {};
  const bounds = [];
  for (const a of state.doc.accounts) {
    const r = regions[a.regionId];
    if (!r) continue;
    const n = seen[a.regionId] = (seen[a.regionId] || 0) + 1;
    const angle = n * 2.4;
    const dist = 0.05 * Math.sqrt(n);
    const pos = [r.latitude + dist * Math.sin(angle) * 0.65, r.longitude + dist * Math.cos(angle)];
    const index = kamIndex[a.assignedKamId];
    L.circleMarker(pos, {
      radius: 4, weight: 1, color: '#222', fillOpacity: 0.9,
      fillColor: index == null ? '#ffffff' : kamColor(index),
    }).bindTooltip(`${a.name} (${a.id}) → ${a.assignedKamId || 'unassigned'}`).addTo(layers);
    bounds.push(pos);
  }
  state.doc.kams.forEach((k, i) => {
    const r = regions[k.homeRegionId];
    if (!r) return;
    L.marker([r.latitude - 0.12 - 0.06 * (i % 5), r.longitude - 0.25 + 0.12 * (i % 5)], {
      icon: L.divIcon({ className: 'kam-home', html: '', iconSize: [12, 12] }),
      keyboard: false,
    }).bindTooltip(`${k.name} (${k.id}), home ${r.name}`).addTo(layers).getElement().style.background = kamColor(i);
  });
  if (bounds.length) state.map.fitBounds(bounds, { padding: [30, 30] });
}

// ---------------------------------------------------------------- tabs and wiring

function selectTab(name) {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.id === `tab-${name}`;
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    $(tab.getAttribute('aria-controls')).hidden = !on;
  }
  if (name === 'map') {
    initMap().then(() => state.map && state.map.invalidateSize());
  }
  if (name === 'compare') guarded(refreshPlanList);
}

function render() {
  const doc = state.doc;
  $('plan-name').textContent = doc ? `${doc.name || 'Unnamed plan'} · ${doc.kams.length} KAMs · ${doc.accounts.length} accounts` : 'No plan loaded';
  $('status').textContent = doc && doc.status ? doc.status : (doc ? 'not solved' : '–');
  $('score').textContent = doc && doc.score ? doc.score : '–';
  const s = doc && doc.summary;
  $('summary').textContent = s ? `${s.assignedAccounts} assigned, ${s.unassignedAccounts} unassigned, ${s.movedAccounts} moved, `
    + `travel ${hours(s.totalTravelMinutes)} h` : '';
  $('solve').disabled = !doc || document.body.classList.contains('solving');
  for (const [id, table] of [['export-assignments', 'assignments'], ['export-kams', 'kams']]) {
    const link = $(id);
    if (state.planId) {
      link.href = `/plans/${state.planId}/export/${table}.csv`;
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
}

async function importCsv() {
  const form = new FormData();
  for (const [input, name] of [['csv-kams', 'kams.csv'], ['csv-accounts', 'accounts.csv'],
    ['csv-regions', 'regions.csv'], ['csv-sectors', 'sectors.csv']]) {
    const file = $(input).files[0];
    if (file) form.append(name, file, name);
  }
  // The base dataset only fills in regions or sectors when their file is not given.
  const params = new URLSearchParams({ solve: 'false', name: 'CSV import', base: $('csv-base').value });
  const doc = await api('POST', `/plans/import?${params}`, form);
  await showDocument(doc);
  $('csv-import').open = false;
  showMessage(`Imported ${doc.kams.length} KAMs and ${doc.accounts.length} accounts from CSV.`, true);
}

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
      throw new Error(`${file.name} is not JSON: ${error.message}`);
    }
    await showDocument(doc);
  }));
  $('csv-form').addEventListener('submit', (e) => { e.preventDefault(); guarded(importCsv); });
  $('solve-form').addEventListener('submit', (e) => { e.preventDefault(); guarded(solve); });
  $('stop').addEventListener('click', () => guarded(stop));
  $('kam-filter').addEventListener('input', renderPortfolio);
  $('tiles').addEventListener('change', (e) => toggleTiles(e.target.checked));
  for (const button of document.querySelectorAll('#kam-table th button')) {
    button.addEventListener('click', () => {
      const key = button.dataset.sort;
      state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : 1 };
      renderPortfolio();
    });
  }
  for (const tab of document.querySelectorAll('[role=tab]')) {
    tab.addEventListener('click', () => selectTab(tab.id.replace('tab-', '')));
  }
  resetChart();
  guarded(loadDatasets);
}

wire();
