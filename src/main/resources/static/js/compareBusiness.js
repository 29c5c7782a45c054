// The comparison in the terms a sales director compares plans by, shown above the raw penalties (a hard
// score of "−63,267" says less than "14 KAMs over capacity by 1,054 h"): each plan's business figures
// (explain.BusinessFigures: KAMs over capacity and by how much, the utilization range, A-accounts with
// juniors, travel, hand-overs from today's owner by tier) and, first, the service's note when the two were
// solved under different settings. A leaf: compare.js (the view) asks for the nodes.
import { el } from './dom.js';
import { count, hours, percent } from './format.js';
import { t } from './i18n.js';

const TIERS = ['A', 'B', 'C'];

function overCapacity(b) {
  return b.kamsOverCapacity === 0 ? t('compare.business.none')
    : t('compare.business.over', count(b.kamsOverCapacity), hours(b.minutesOverCapacity));
}

function handOvers(b) {
  const byTier = b.handOversByTier || {};
  const total = TIERS.reduce((sum, tier) => sum + (byTier[tier] || 0), 0);
  return t('compare.business.handOvers', count(total), ...TIERS.map((tier) => count(byTier[tier] || 0)));
}

// [the row's name (its data-row, the same in every language), label, value of one plan's figures]
const ROWS = [
  ['OverCapacity', () => t('compare.business.overCapacity'), overCapacity],
  ['UtilizationRange', () => t('compare.business.utilization'),
    (b) => `${percent(b.utilizationMinPercent / 100)} – ${percent(b.utilizationMaxPercent / 100)}`],
  ['AWithJuniors', () => t('compare.business.juniors'), (b) => count(b.aAccountsWithJuniors)],
  ['BusinessTravel', () => t('compare.business.travel'), (b) => hours(b.travelMinutes)],
  ['HandOvers', () => t('compare.business.handOversLabel'), handOvers],
];

/** The notes on differing settings and the business figures of both plans; nothing for an answer without them. */
export function businessNodes(result) {
  const notes = (result.notes || []).map((note) => el('p', { class: 'warning compare-note', text: note }));
  if (!result.plans.every((p) => p.business)) return notes;
  return [...notes, el('section', { class: 'compare-business' },
    el('h2', { text: t('compare.business.title') }),
    el('table', { class: 'grid compare-grid', id: 'compare-business' },
      el('thead', {}, el('tr', {}, el('th'), result.plans.map((p) => el('th', { scope: 'col', 'data-plan': p.id },
        p.name || t('compare.plan'))))),
      el('tbody', {}, ROWS.map(([row, label, value]) => {
        const values = result.plans.map((p) => value(p.business));
        return el('tr', { 'data-row': row, class: values.some((v) => v !== values[0]) ? 'differs' : null },
          el('th', { scope: 'row', text: label() }), values.map((v) => el('td', { text: v })));
      }))))];
}
