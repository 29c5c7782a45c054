// What a CRM import read, drawn for the analyst to check before (the preview) and after the import: which
// column each field came from, which revenue the plan ranks by, the first rows as accounts, the tiers, the
// calibration, every default, skipped row and owner not on the HR list. A leaf: crmImport.js (the view)
// asks for the nodes; the report is the service's (README, "From the CRM and back").
import { el } from './dom.js';
import { count, hours, money, percent } from './format.js';
import { t } from './i18n.js';

/** How many of the built accounts the preview shows. */
const FIRST_ROWS = 10;

// The mapping's field names (crm.CrmMapping's ACCOUNT_FIELDS and KAM_FIELDS) as the analyst reads them;
// a field the service adds later shows by its name.
const FIELDS = {
  id: () => t('crm.field.id'), name: () => t('crm.field.name'), postalCode: () => t('crm.field.postalCode'),
  city: () => t('crm.field.city'), country: () => t('crm.field.country'), industry: () => t('crm.field.industry'),
  revenue: () => t('crm.field.revenue'), owner: () => t('crm.field.owner'), ownerEmail: () => t('crm.field.ownerEmail'),
  ownerId: () => t('crm.field.ownerId'), tier: () => t('crm.field.tier'), complexity: () => t('crm.field.complexity'),
  phase: () => t('crm.field.phase'), email: () => t('crm.field.email'), externalId: () => t('crm.field.externalId'),
  employmentShare: () => t('crm.field.employmentShare'), experienceYears: () => t('crm.field.experienceYears'),
  industries: () => t('crm.field.industries'), sectorId: () => t('crm.field.sectorId'),
};

function fieldName(field) {
  return FIELDS[field] ? FIELDS[field]() : field;
}

function table(id, headers, rows) {
  return el('div', { class: 'table-wrap' }, el('table', { class: 'grid', id },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows)));
}

/** Field → column of one file, as a table; nothing when the file was not given. */
function columns(id, title, byField) {
  if (!byField) return null;
  return el('section', { class: 'crm-part' }, el('h3', { text: title }),
    table(id, [t('crm.th.field'), t('crm.th.column')], Object.entries(byField).map(([field, column]) => el('tr',
      { 'data-field': field }, el('th', { scope: 'row', text: fieldName(field) }), el('td', { text: column })))));
}

/** Which revenue the plan ranks by: the service's label, and its warning when it is likely the customer's turnover. */
function revenue(report) {
  const r = report.revenue;
  if (!r) return null;
  return el('div', { class: 'crm-revenue', id: 'crm-revenue-read' },
    el('p', {}, el('strong', { text: t('crm.revenueRead') }), ' ', r.label),
    r.warning ? el('p', { class: 'warning', id: 'crm-revenue-warning', text: r.warning }) : null);
}

/** The first accounts as the plan will have them: place (region), sector, tier, revenue, today's owner. */
function firstRows(doc) {
  if (!doc) return null;
  const regions = Object.fromEntries((doc.regions || []).map((r) => [r.id, r.name || r.id]));
  const sectors = Object.fromEntries((doc.sectors || []).map((s) => [s.id, s.name || s.id]));
  const kams = Object.fromEntries((doc.kams || []).map((k) => [k.id, k.name || k.id]));
  const rows = doc.accounts.slice(0, FIRST_ROWS).map((a) => el('tr', { 'data-account': a.id },
    el('td', { text: a.id }), el('td', { text: a.name || '' }), el('td', { text: regions[a.regionId] || a.regionId }),
    el('td', { text: sectors[a.sectorId] || a.sectorId }), el('td', { text: a.tier }),
    el('td', { class: 'num', text: money(a.annualRevenue) }),
    el('td', { text: a.currentKamId ? kams[a.currentKamId] || a.currentKamId : t('crm.noOwner') })));
  return el('section', { class: 'crm-part crm-wide' },
    el('h3', { text: t('crm.firstRows', rows.length, doc.accounts.length) }),
    table('crm-rows', [t('crm.th.id'), t('detail.account'), t('crm.th.place'), t('crm.th.sector'), t('crm.th.tier'),
      t('th.revenue'), t('crm.th.owner')], rows));
}

function figures(report) {
  const tiers = report.tiers || {};
  return el('ul', { class: 'crm-figures', id: 'crm-figures' },
    el('li', { text: t('crm.read', count(report.rowsRead), count(report.accounts), count(report.kams)) }),
    el('li', { text: t('crm.places', count(report.placesGeocoded), count(report.regions)) }),
    el('li', { id: 'crm-tiers', text: t('crm.tiers', count(tiers.A || 0), count(tiers.B || 0), count(tiers.C || 0)) }),
    calibration(report.calibration));
}

/** The tier minutes derived from today, as hours a month, and whether the import applied them. */
function calibration(c) {
  if (!c) return null;
  const minutes = c.tierMinutes || {};
  const tiers = ['A', 'B', 'C'].map((tier) => `${tier} ${hours(minutes[tier])}`).join(' · ');
  const args = [percent(c.targetUtilizationPercent / 100), tiers, percent(c.todayUtilizationPercentWithDefaults / 100)];
  return el('li', { id: 'crm-calibration', text: c.applied ? t('crm.calibrated', ...args) : t('crm.notCalibrated', ...args) });
}

function defaults(report) {
  if (!report.defaults || !report.defaults.length) return null;
  return el('section', { class: 'crm-part' }, el('h3', { text: t('crm.defaults') }),
    table('crm-defaults', [t('crm.th.field'), t('crm.th.value'), t('crm.th.count')], report.defaults.map((d) => el('tr', {},
      el('th', { scope: 'row', text: fieldName(d.field) }), el('td', { text: d.value }),
      el('td', { class: 'num', text: count(d.count) })))));
}

function skipped(report) {
  if (!report.skipped || !report.skipped.length) return null;
  return el('section', { class: 'crm-part' }, el('h3', { text: t('crm.skipped', report.skipped.length) }),
    table('crm-skipped', [t('crm.th.line'), t('crm.th.reason')], report.skipped.map((s) => el('tr', {},
      el('td', { text: s.path }), el('td', { text: s.reason })))));
}

/** Owners the HR list does not name: their accounts start without an incumbent, which the analyst should know. */
function unknownOwners(report) {
  const owners = report.ownersNotOnHrList || [];
  if (!owners.length) return null;
  return el('section', { class: 'crm-part' }, el('h3', { class: 'warning', text: t('crm.unknownOwners', owners.length) }),
    table('crm-owners', [t('crm.th.owner'), t('th.accounts')], owners.map((o) => el('tr', {},
      el('td', { text: o.owner }), el('td', { class: 'num', text: count(o.accounts) })))));
}

/** The whole report; `doc` (the preview's document) adds the first rows. */
export function reportNodes(report, doc) {
  return [
    revenue(report),
    figures(report),
    el('div', { class: 'crm-parts' },
      columns('crm-columns', t('crm.accountColumns'), report.accountColumns),
      columns('crm-kam-columns', t('crm.kamColumns'), report.kamColumns),
      unknownOwners(report), defaults(report), skipped(report)),
    firstRows(doc),
  ];
}
