// The CRM import step (README, "From the CRM and back"): the account export as the CRM wrote it, the HR
// list and a saved mapping go first to the preview (POST /plans/import/crm?solve=false, which stores
// nothing), so the analyst sees the columns found, which revenue is read and the first rows before
// anything is solved; then to the import, which solves the plan and stores today's assignment as a
// baseline plan. The answer's report stays here with links to the plan, to today and to their comparison.
import { api, download, guarded, showMessage } from './api.js';
import { reportNodes } from './crmReport.js';
import { $, el, fill } from './dom.js';
import { t } from './i18n.js';
import { readSettings, settingsForm, showProblems } from './settingsForm.js';
import { emit, subscribe } from './store.js';
import { selectTab } from './tabs.js';

// The last answer drawn, redrawn in the other language: {kind: 'preview' | 'imported', answer, doc}.
let shown = null;
// What the preview read, sent again unchanged by "Import and solve": a file chosen meanwhile needs a new preview.
let previewed = null;

/**
 * The mapping to send: the saved one (a JSON file) with the form's revenue column and target utilization
 * put over it, or null when there is neither (the service's defaults, GET /import/crm/mapping).
 */
async function mapping() {
  const file = $('crm-mapping').files[0];
  let saved = {};
  if (file) {
    try {
      saved = JSON.parse(await file.text());
    } catch (error) {
      throw new Error(t('error.notJson', file.name, error.message));
    }
  }
  const revenue = $('crm-revenue-column').value.trim();
  if (revenue) saved.accountColumns = { ...saved.accountColumns, revenue: [revenue] };
  const target = $('crm-target').value.trim();
  if (target) saved.calibration = { ...saved.calibration, targetUtilizationPercent: Number(target) };
  const fullTime = $('crm-full-time').value.trim();
  if (fullTime) saved.fullTimeHours = Number(fullTime);
  return file || revenue || target || fullTime ? saved : null;
}

const TIERS = ['A', 'B', 'C'];

/** The tier minutes the previewed plan has: the mapping's or the calibration's, else the report's calibration. */
function previewTierMinutes(answer) {
  const settings = answer.document && answer.document.settings;
  return (settings && settings.tierMinutes) || (answer.report.calibration && answer.report.calibration.tierMinutes) || null;
}

/**
 * The mapping with the tier hours the analyst changed in the preview put into its settings (which win over
 * the calibration, crm.CrmMapping); unchanged, the mapping as previewed.
 */
function withTierMinutes(mappingSent, previewedMinutes) {
  if (!previewedMinutes) return mappingSent;
  const minutes = {};
  let changed = false;
  for (const tier of TIERS) {
    const input = $(`crm-tier-${tier}`);
    const value = input && input.value.trim() ? Math.round(Number(input.value) * 60) : previewedMinutes[tier];
    if (!Number.isFinite(value) || value < 0) throw new Error(t('crm.badHours', tier));
    minutes[tier] = value;
    changed ||= value !== previewedMinutes[tier];
  }
  if (!changed) return mappingSent;
  const mapping = { ...(mappingSent || {}) };
  mapping.settings = { ...mapping.settings, tierMinutes: { ...(mapping.settings && mapping.settings.tierMinutes), ...minutes } };
  return mapping;
}

/**
 * The mapping with the weights, visits and sector caps of the preview's settings panel: the weights and
 * visits as its settings (tier minutes stay the calibration's or the hours above), every sector with its cap.
 */
function withSettings(mappingSent, answer) {
  const form = $('crm-settings');
  if (!form) return mappingSent;
  const { settings, sectors } = readSettings(form, {}, answer.document && answer.document.sectors);
  if (!Object.keys(settings).length && !sectors.length) return mappingSent;
  const mapping = { ...(mappingSent || {}) };
  mapping.settings = { ...mapping.settings, ...settings };
  if (sectors.length) mapping.sectors = sectors;
  return mapping;
}

/** The mapping as the preview's fields make it now. */
function mappingNow() {
  return withSettings(withTierMinutes(previewed.mapping, previewTierMinutes(shown.answer)), shown.answer);
}

async function request() {
  const accounts = $('crm-accounts').files[0];
  if (!accounts) throw new Error(t('crm.needAccounts'));
  const kams = $('crm-kams').files[0];
  return { accounts, kams, mapping: await mapping(), seconds: $('crm-seconds').value };
}

function form(req) {
  const data = new FormData();
  data.append('accounts', req.accounts, req.accounts.name);
  if (req.kams) data.append('kams', req.kams, req.kams.name);
  if (req.mapping) data.append('mapping', JSON.stringify(req.mapping));
  return data;
}

async function preview() {
  clear();
  const req = await request();
  const answer = await api('POST', '/plans/import/crm?solve=false', form(req));
  previewed = req;
  shown = { kind: 'preview', answer, doc: answer.document };
  draw();
}

async function importAndSolve() {
  if (!previewed) return;
  const req = { ...previewed, mapping: mappingNow() };
  const params = new URLSearchParams({ solve: 'true' });
  if (req.seconds) params.set('terminationSeconds', req.seconds);
  // One import per preview: a second click while the first is on its way would store the plan twice.
  const button = $('crm-import');
  button.disabled = true;
  let answer;
  try {
    answer = await api('POST', `/plans/import/crm?${params}`, form(req));
  } catch (error) {
    // A refused setting of the mapping (mapping.settings…, mapping.sectors[…]) is shown at its field.
    if ($('crm-settings')) showProblems($('crm-settings'), error.problems);
    throw error;
  } finally {
    button.disabled = false;
  }
  previewed = null;
  shown = { kind: 'imported', answer, doc: shown && shown.doc };
  draw();
  showMessage(t('crm.importedMessage', answer.report.accounts, answer.report.kams), true);
  // The imported plan becomes the working plan and is followed while it solves (router.js); this view stays.
  window.location.hash = `#/plans/${encodeURIComponent(answer.id)}/crm`;
}

function clear() {
  shown = null;
  previewed = null;
  $('crm-result').replaceChildren();
}

/** The mapping as it would be sent now (with the tier hours as changed), saved to choose again next time. */
function saveMapping() {
  const mapping = mappingNow() || {};
  const href = URL.createObjectURL(new Blob([JSON.stringify(mapping, null, 2)], { type: 'application/json' }));
  const link = el('a', { href, download: 'crm-mapping.json' });
  document.body.append(link);
  link.click();
  link.remove();
  // Freed once the browser has surely taken the file.
  setTimeout(() => URL.revokeObjectURL(href), 10000);
}

/** The tier effort the plan will be solved with, in hours a month, for the analyst to change before the import. */
function tierHours(answer) {
  const minutes = previewTierMinutes(answer);
  if (!minutes) return null;
  return el('fieldset', { class: 'toolbar crm-tiers', id: 'crm-tier-hours' },
    el('legend', { text: t('crm.tierHours') }),
    TIERS.map((tier) => el('label', {}, `${tier} `, el('input', {
      type: 'number', id: `crm-tier-${tier}`, min: '0', step: '0.1', value: (minutes[tier] / 60).toFixed(1),
    }))));
}

function previewHead(answer) {
  return el('div', { class: 'crm-head' },
    el('h2', { id: 'crm-title', text: t('crm.previewTitle') }),
    el('p', { class: 'muted', text: t('crm.previewNote') }),
    tierHours(answer),
    el('details', { class: 'plan-settings', id: 'crm-settings-panel' },
      el('summary', { text: t('settings.title') }),
      settingsForm('crm', { settings: answer.document && answer.document.settings,
        sectors: answer.document && answer.document.sectors, pathPrefix: 'mapping.', tierMinutes: false })),
    el('div', { class: 'toolbar' },
      el('button', { type: 'button', id: 'crm-import', onclick: () => guarded(importAndSolve) }, t('crm.import')),
      el('button', { type: 'button', class: 'secondary', id: 'crm-save-mapping', onclick: () => guarded(async () => saveMapping()) },
        t('crm.saveMapping'))));
}

/** After the import: the solved plan, today's plan and the link that compares the two. */
function importedHead(answer) {
  const plan = encodeURIComponent(answer.id);
  const today = answer.baselinePlanId;
  const exportButton = (format, label) => el('button', {
    type: 'button', class: 'secondary', 'data-format': format,
    onclick: () => guarded(() => download(`/plans/${plan}/export/owner-changes.csv?format=${format}`,
      `owner-changes-${format}.csv`)),
  }, label);
  return el('div', { class: 'crm-head' },
    el('h2', { id: 'crm-title', text: t('crm.importedTitle') }),
    el('p', { class: 'muted', text: t('crm.importedNote') }),
    el('div', { class: 'toolbar crm-links' },
      el('a', { class: 'button', id: 'crm-open-plan', href: `#/plans/${plan}/portfolio`, text: t('crm.openPlan') }),
      today ? el('a', { class: 'button secondary', id: 'crm-open-baseline',
        href: `#/plans/${encodeURIComponent(today)}/portfolio`, text: t('crm.openBaseline') }) : null,
      // A real link (it opens the plan), which first tells the compare view which two plans to start with.
      today ? el('a', { class: 'button secondary', id: 'crm-compare', href: `#/plans/${plan}/compare`,
        onclick: () => emit('compare', [today, answer.id]), text: t('crm.compareToday') }) : null),
    el('div', { class: 'toolbar' }, el('span', { class: 'muted', text: t('crm.ownerChanges') }),
      exportButton('salesforce', 'Salesforce Data Loader'), exportButton('hubspot', 'HubSpot')));
}

function draw() {
  const box = $('crm-result');
  if (!shown) {
    box.replaceChildren();
    return;
  }
  const { kind, answer, doc } = shown;
  fill(box, kind === 'preview' ? previewHead(answer) : importedHead(answer), reportNodes(answer.report, doc));
}

export function init() {
  $('open-crm').addEventListener('click', () => selectTab('crm'));
  $('crm-form').addEventListener('submit', (e) => { e.preventDefault(); guarded(preview); });
  // Another file or setting: the preview shown is no longer what an import would read.
  $('crm-form').addEventListener('change', () => { if (shown && shown.kind === 'preview') clear(); });
  subscribe('words', draw);
}
