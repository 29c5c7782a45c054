// The portfolio: the KAM table (sortable, filterable) and the selected KAM's accounts.
import { guarded } from './api.js';
import { $, el, fill, kamColor } from './dom.js';
import { hours, money, percent } from './format.js';
import { t } from './i18n.js';
import { openRecommendations, recommendationsPanel } from './recommend.js';
import { emit, selectAccount, selectKam, state, subscribe, togglePin } from './store.js';
import { selectTab } from './tabs.js';

let sort = { key: 'name', dir: 1 };

function kamRows() {
  const doc = state.doc;
  // One pass over the accounts, not one per KAM: dach-xl has 1,000 KAMs and 15,000 accounts.
  const byKam = {};
  for (const a of doc.accounts) if (a.assignedKamId) (byKam[a.assignedKamId] ||= []).push(a);
  // Each active KAM's share of the revenue beside its share of the capacity (summary.revenueShares: a fair
  // book of business is one in proportion to capacity, docs/model.md "Balanced revenue").
  const shares = {};
  for (const s of (doc.summary && doc.summary.revenueShares) || []) shares[s.kamId] = s;
  return doc.kams.map((kam, index) => {
    const accounts = byKam[kam.id] || [];
    const sectors = {};
    for (const a of accounts) sectors[a.sectorId] = (sectors[a.sectorId] || 0) + 1;
    return {
      kam, index, accounts, sectors,
      name: kam.name || kam.id,
      home: kam.homeRegionId,
      utilization: kam.utilization,
      travel: kam.travelMinutes,
      // The service's sum when the plan was solved; the accounts' own figures for a plan not solved yet.
      revenue: kam.annualRevenue ?? revenueOf(accounts),
      share: shares[kam.id],
      active: kam.active !== false,
    };
  });
}

function utilizationBar(utilization) {
  if (utilization == null) return el('span', { class: 'muted', text: t('status.notSolved') });
  const kind = utilization > 1 ? 'over' : utilization >= 0.8 ? 'near' : 'under';
  const bar = el('span', { class: `bar ${kind}`, title: t(`capacity.${kind}`) }, el('span'));
  bar.firstChild.style.width = `${Math.min(utilization, 1) * 100}%`;
  return el('span', {}, bar, el('span', { class: 'bar-label', text: percent(utilization) }));
}

/** Sectors and regions by name (the plan's own), their id where the plan names none. */
function namesOf(doc) {
  const sectors = Object.fromEntries((doc.sectors || []).map((x) => [x.id, x.name]));
  const regions = Object.fromEntries((doc.regions || []).map((x) => [x.id, x.name]));
  return { sector: (id) => sectors[id] || id, region: (id) => regions[id] || id };
}

function revenueOf(accounts) {
  return accounts.some((a) => a.annualRevenue != null) ? accounts.reduce((sum, a) => sum + (Number(a.annualRevenue) || 0), 0) : null;
}

function tierCounts(accounts) {
  const tiers = { A: 0, B: 0, C: 0 };
  for (const a of accounts) tiers[a.tier] = (tiers[a.tier] || 0) + 1;
  return `${tiers.A} / ${tiers.B} / ${tiers.C}`;
}

const SORT_KEYS = {
  name: (r) => r.name.toLowerCase(),
  utilization: (r) => r.utilization ?? -1,
  accounts: (r) => r.accounts.length,
  sectors: (r) => Object.keys(r.sectors).length,
  travel: (r) => r.travel ?? -1,
  revenue: (r) => r.revenue ?? -1,
};

/** Sorts the KAM table by a column; the same column again reverses the order. */
function sortBy(key) {
  sort = { key, dir: sort.key === key ? -sort.dir : 1 };
  renderPortfolio();
}

function renderPortfolio() {
  const body = document.querySelector('#kam-table tbody');
  if (!state.doc) {
    body.replaceChildren();
    return;
  }
  const filter = $('kam-filter').value.trim().toLowerCase();
  const names = namesOf(state.doc);
  const key = SORT_KEYS[sort.key];
  const rows = kamRows()
    .filter((r) => !filter || [r.kam.id, r.name, r.home, names.region(r.home), ...Object.keys(r.sectors),
      ...(r.kam.sectorIds || []), ...(r.kam.sectorIds || []).map(names.sector)]
      .some((text) => String(text).toLowerCase().includes(filter)))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * sort.dir);
  // Rebalancing starts from the stored plan: hand edits must be solved (stored) first.
  const canRebalance = Boolean(state.planId) && !state.edited && !document.body.classList.contains('solving');
  body.replaceChildren(...rows.map((r) => el('tr', {
    class: r.kam.id === state.selectedKamId ? 'selected' : null,
    'data-kam': r.kam.id,
    onclick: () => selectKam(r.kam.id),
  },
  el('td', {},
    el('span', { class: 'swatch', style: { background: kamColor(r.index) } }),
    el('button', { type: 'button', class: 'link kam-name', text: r.name, 'aria-label': t('portfolio.accountsOf', r.name) }),
    r.active ? null : el('span', { class: 'tag', text: t('portfolio.inactive') }),
    el('div', { class: 'muted small', text: t('portfolio.home', r.kam.id, names.region(r.home)) })),
  el('td', {}, utilizationBar(r.utilization)),
  el('td', { class: 'num', text: r.accounts.length }),
  el('td', { text: tierCounts(r.accounts) }),
  el('td', { class: 'num' }, money(r.revenue), r.share ? el('div', { class: 'muted small',
    text: t('portfolio.revenueShare', percent(r.share.revenueShare), percent(r.share.capacityShare)) }) : null),
  el('td', {}, Object.entries(r.sectors).sort().map(([s, n]) => el('span', { class: 'tag', title: s, text: `${names.sector(s)} ${n}` }))),
  el('td', { class: 'num', text: hours(r.travel) }),
  el('td', {}, r.active ? el('button', {
    type: 'button', class: 'secondary kam-leaves', disabled: !canRebalance,
    title: canRebalance ? t('portfolio.rebalanceWithout', r.name) : t('portfolio.solveFirst'),
    onclick: (event) => { event.stopPropagation(); guarded(() => emit('leave', r.kam)); },
  }, t('portfolio.kamLeaves')) : null))));
  const unassigned = state.doc.accounts.filter((a) => !a.assignedKamId);
  if (unassigned.length) {
    body.append(el('tr', { 'data-kam': '', onclick: () => selectKam('') },
      el('td', {}, el('button', { type: 'button', class: 'link kam-name', text: t('portfolio.unassigned') })),
      el('td'), el('td', { class: 'num', text: unassigned.length }), el('td', { text: tierCounts(unassigned) }),
      el('td', { class: 'num', text: money(revenueOf(unassigned)) }), el('td'), el('td'), el('td')));
  }
  for (const th of document.querySelectorAll('#kam-table th[aria-sort]')) {
    const sortKey = th.querySelector('button').dataset.sort;
    th.setAttribute('aria-sort', sortKey !== sort.key ? 'none' : sort.dir > 0 ? 'ascending' : 'descending');
  }
  $('stale').hidden = !state.edited;
  renderKamDetail();
}

function renderKamDetail() {
  const box = $('kam-detail');
  const kamId = state.selectedKamId;
  if (kamId == null || !state.doc) {
    box.replaceChildren(el('p', { class: 'muted', text: t('detail.select') }));
    return;
  }
  const kam = state.doc.kams.find((k) => k.id === kamId);
  const accounts = state.doc.accounts.filter((a) => (a.assignedKamId || '') === kamId);
  const activeKams = state.doc.kams.filter((k) => k.active !== false);
  const names = namesOf(state.doc);
  fill(box,
    el('h2', { text: kam ? t('detail.kamTitle', kam.name, kam.id, accounts.length) : t('detail.unassignedTitle', accounts.length) }),
    kam ? el('p', { class: 'muted', text: t('detail.kamFacts', (kam.sectorIds || []).map(names.sector).join(', ') || t('detail.noExpertise'),
      hours(kam.capacityMinutes), hours(kam.loadMinutes), money(revenueOf(accounts))) }) : null,
    el('table', { class: 'grid', id: 'account-table' },
      el('thead', {}, el('tr', {}, ['detail.account', 'detail.tier', 'th.revenue', 'detail.work', 'detail.pin', 'detail.assignTo']
        .map((key) => el('th', { text: t(key) })))),
      el('tbody', {}, accounts.flatMap((a) => [el('tr', {
        'data-account': a.id, class: a.id === state.selectedAccountId ? 'selected' : null,
      },
      el('td', {}, el('button', {
        type: 'button', class: 'link account-name', text: `${a.name} (${a.id})`,
        title: t('detail.explain'), onclick: () => { selectAccount(a.id); selectTab('explanation'); },
      }), el('div', { class: 'muted small', text: `${names.sector(a.sectorId)} · ${names.region(a.regionId)}` })),
      el('td', { text: a.tier }),
      el('td', { class: 'num', text: money(a.annualRevenue) }),
      el('td', { class: 'num', text: hours(a.workloadMinutes) }),
      el('td', {}, el('button', {
        type: 'button', class: `secondary pin ${a.pinned ? 'pin-on' : ''}`, 'aria-pressed': a.pinned ? 'true' : 'false',
        disabled: !a.assignedKamId && !a.currentKamId,
        onclick: () => guarded(() => togglePin(a)),
      }, a.pinned ? t('detail.unpin') : t('detail.pin'))),
      el('td', {}, el('button', {
        type: 'button', class: 'secondary recommend', 'aria-expanded': a.id === state.recommendFor ? 'true' : 'false',
        'aria-controls': a.id === state.recommendFor ? 'recommendations' : null,
        onclick: () => guarded(() => openRecommendations(a)),
      }, t('detail.assignToButton')))),
      a.id === state.recommendFor ? el('tr', { class: 'recommendations-row' },
        el('td', { colspan: 6 }, recommendationsPanel(a, activeKams))) : null]))),
  );
}

export function init() {
  $('kam-filter').addEventListener('input', renderPortfolio);
  for (const button of document.querySelectorAll('#kam-table th button')) {
    button.addEventListener('click', () => sortBy(button.dataset.sort));
  }
  for (const event of ['render', 'kam', 'edited', 'best']) subscribe(event, renderPortfolio);
  for (const event of ['account', 'recommend']) subscribe(event, renderKamDetail);
}
