// The plan settings a planner changes before a solve (docs/model.md "Settings"): the constraint weights,
// the tier minutes and visits a year, each sector's cap, the cap on hand-overs and the tiers kept with
// today's KAM (settings.keepWithIncumbent: the one-click "A-accounts stay unless forced"). One form for two places: the working plan
// before a solve (solve.js) and the CRM import's mapping (crmImport.js). A leaf: it knows no view; the
// caller decides where the numbers go and hands back the service's 400, which is shown at its field.
import { el } from './dom.js';
import { t } from './i18n.js';

// The service's constraint names (the keys of settings.constraintWeights, as the explanation shows them).
const CONSTRAINTS = ['KAM capacity', 'Sector cap', 'Max accounts per KAM', 'A-account needs experienced KAM',
  'Required sector expertise', 'Forbidden pair', 'Unassigned account', 'Balanced workload', 'Travel time',
  'Account continuity', 'Preferred sector expertise', 'Account affinity', 'Max hand-overs', 'Balanced revenue'];
const TIERS = ['A', 'B', 'C'];
// docs/model.md's defaults, shown as an empty field's placeholder: an empty field sends nothing, so the
// service's default holds (and a default the service changes is not overwritten by an old copy here).
const DEFAULT_WEIGHT = 1;
const DEFAULT_WEIGHTS = { 'Balanced revenue': 0 }; // off unless given (docs/model.md)
const DEFAULT_TIER_MINUTES = { A: 2400, B: 480, C: 120 };
const DEFAULT_VISITS = { A: 24, B: 12, C: 4 };

// No min or max: the browser would keep the solve from being sent and show its own bubble; the service's
// 400 names the field and the bound, in the page's language.
function numberField(id, path, label, value, placeholder) {
  return el('label', { class: 'setting' }, el('span', { text: label }),
    el('input', { type: 'number', id, step: 'any', 'data-path': path, value: value ?? '', placeholder }));
}

/**
 * The form for {@code settings} and {@code sectors} (each as a plan document has them). {@code prefix} makes
 * the ids; {@code pathPrefix} is put before each field's path ('' for a plan, 'mapping.' for the CRM
 * mapping), so the service's errors[].path finds its field; {@code tierMinutes} false leaves them out
 * (the CRM preview edits them as hours).
 */
export function settingsForm(prefix, { settings, sectors, pathPrefix = '', tierMinutes = true }) {
  const s = settings || {};
  const group = (legend, fields) => el('fieldset', { class: 'settings-group' }, el('legend', { text: legend }), fields);
  return el('div', { class: 'settings-form', id: `${prefix}-settings` },
    el('p', { class: 'muted', text: t('settings.note') }),
    group(t('settings.weights'), CONSTRAINTS.map((name, i) => numberField(`${prefix}-weight-${i}`,
      `${pathPrefix}settings.constraintWeights.${name}`, name, s.constraintWeights && s.constraintWeights[name],
      String(DEFAULT_WEIGHTS[name] ?? DEFAULT_WEIGHT)))),
    tierMinutes ? group(t('settings.tierMinutes'), TIERS.map((tier) => numberField(`${prefix}-tier-minutes-${tier}`,
      `${pathPrefix}settings.tierMinutes.${tier}`, tier, s.tierMinutes && s.tierMinutes[tier],
      String(DEFAULT_TIER_MINUTES[tier])))) : null,
    group(t('settings.visits'), TIERS.map((tier) => numberField(`${prefix}-visits-${tier}`,
      `${pathPrefix}settings.visitsPerYear.${tier}`, tier, s.visitsPerYear && s.visitsPerYear[tier],
      String(DEFAULT_VISITS[tier])))),
    group(t('settings.sectorCaps'), (sectors || []).map((sector, i) => numberField(`${prefix}-cap-${i}`,
      `${pathPrefix}sectors[${i}].maxAccountsPerKam`, sector.name || sector.id, sector.maxAccountsPerKam, ''))),
    // docs/model.md's hand-over cap (hard rule Max hand-overs); empty: no cap.
    group(t('settings.handOvers'), [numberField(`${prefix}-max-moved`, `${pathPrefix}settings.maxMovedAccounts`,
      t('settings.maxMovedAccounts'), s.maxMovedAccounts, ''),
    el('p', { class: 'muted', text: t('settings.keepWithIncumbent') }),
    ...TIERS.map((tier) => el('label', { class: 'setting keep' },
      el('input', { type: 'checkbox', id: `${prefix}-keep-${tier}`, 'data-keep': tier,
        checked: (s.keepWithIncumbent || []).includes(tier) }),
      el('span', { text: t('settings.keepTier', tier) })))]));
}

/** A typed number as sent: a number when it reads as one, else the text, for the service to name. */
function typed(input) {
  const text = input.value.trim();
  if (text === '') return input.validity.badInput ? 'NaN' : null;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

/**
 * What the form holds, over {@code settings} and {@code sectors}: the weights, tier minutes and visits as
 * typed (an empty field drops its key, so the default holds) and each sector with its cap as typed.
 */
export function readSettings(form, settings, sectors) {
  const next = { ...(settings || {}) };
  const maps = { constraintWeights: {}, tierMinutes: {}, visitsPerYear: {} };
  const nextSectors = (sectors || []).map((sector) => ({ ...sector }));
  for (const input of form.querySelectorAll('input[data-path]')) {
    const value = typed(input);
    const path = input.dataset.path.replace(/^mapping\./, '');
    const sector = /^sectors\[(\d+)]\.maxAccountsPerKam$/.exec(path);
    if (sector) {
      nextSectors[Number(sector[1])].maxAccountsPerKam = value;
      continue;
    }
    const scalar = /^settings\.(\w+)$/.exec(path);
    if (scalar) {
      if (value === null) delete next[scalar[1]]; else next[scalar[1]] = value;
      continue;
    }
    const [, map, key] = /^settings\.(\w+)\.(.+)$/.exec(path);
    if (value !== null) maps[map][key] = value;
  }
  for (const [map, values] of Object.entries(maps)) {
    if (!form.querySelector(`input[data-path*="settings.${map}."]`)) continue;
    if (Object.keys(values).length) next[map] = values; else delete next[map];
  }
  const kept = [...form.querySelectorAll('input[data-keep]')].filter((box) => box.checked).map((box) => box.dataset.keep);
  if (kept.length) next.keepWithIncumbent = kept; else delete next.keepWithIncumbent;
  return { settings: next, sectors: nextSectors };
}

/** Marks each field a 400's errors[].path names, with its message beside it; true when one was found. */
export function showProblems(form, problems) {
  for (const note of form.querySelectorAll('.field-error')) note.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  let found = false;
  for (const problem of problems || []) {
    const input = [...form.querySelectorAll('input[data-path]')].find((i) => i.dataset.path === problem.path);
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    input.after(el('span', { class: 'field-error', role: 'alert', text: problem.message }));
    found = true;
  }
  return found;
}
