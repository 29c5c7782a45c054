// Numbers as a planner reads them, per the page's language (Intl.NumberFormat): hours with one decimal
// and a unit, percentages instead of fractions, revenue in euros. The page's one place for these formats;
// the API's JSON keeps plain numbers (minutes, fractions).
import { lang } from './i18n.js';

const formats = {};

function format(kind, options) {
  const key = `${lang()}|${kind}`;
  return (formats[key] ||= new Intl.NumberFormat(lang(), options));
}

const NONE = '–';

/** A count or a plain number: 1,234 / 1.234. */
export function count(value, decimals = 0) {
  if (value == null) return NONE;
  return format(`n${decimals}`, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** Minutes as hours with one decimal and the unit: 1,234.5 h / 1.234,5 h. */
export function hours(minutes) {
  return minutes == null ? NONE : `${count(minutes / 60, 1)}\u00a0h`;
}

/** A fraction (0.853) as a whole percentage: 85% / 85 %. */
export function percent(fraction) {
  return fraction == null ? NONE : format('p', { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

/** A percentage already in percent (a gap of 1.25 %), up to two decimals. */
export function percentOf(value) {
  return value == null ? NONE : format('p2', { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
}

/** Revenue in euros without cents: €1,250,000 / 1.250.000 €. */
export function money(value) {
  if (value == null || value === '') return NONE;
  return format('eur', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(Number(value));
}
