// The page in English and German: the language (the browser's by default, or the one chosen in the
// header's switch, kept in localStorage), the page's own words, and numbers per language. The service's
// sentences (explanations, reasons, the summary's headline, error titles) come in the same language
// because every request sends it as Accept-Language (api.js).

const MESSAGES = {
  en: {
    'title.noPlan': 'No plan loaded',
    'plan.name': '{0} · {1} KAMs · {2} accounts',
    'plan.unnamed': 'Unnamed plan',
    'status.notSolved': 'not solved',
    'summary.short': '{0} assigned, {1} unassigned, {2} moved, travel {3} h',
    'label.dataset': 'Bundled dataset',
    'button.load': 'Load',
    'label.json': 'Plan document (JSON)',
    'label.seconds': 'Solve for (s)',
    'button.solve': 'Solve',
    'button.stop': 'Stop',
    'label.status': 'Status:',
    'label.score': 'Score:',
    'button.signOut': 'Sign out',
    'tab.portfolio': 'Portfolio',
    'tab.map': 'Map',
    'tab.explanation': 'Explanation',
    'tab.compare': 'Compare',
    'tab.plans': 'Plans',
    'button.openPlan': 'Open plan…',
    'label.filter': 'Filter KAMs',
    'th.utilization': 'Utilization',
    'th.accounts': 'Accounts',
    'th.sectors': 'Sectors',
    'th.travel': 'Travel h',
    'detail.select': 'Select a KAM to see its accounts.',
    'label.language': 'Language',
  },
  de: {
    'title.noPlan': 'Kein Plan geladen',
    'plan.name': '{0} · {1} KAMs · {2} Kunden',
    'plan.unnamed': 'Plan ohne Namen',
    'status.notSolved': 'nicht gelöst',
    'summary.short': '{0} zugeordnet, {1} ohne KAM, {2} gewechselt, Reisen {3} h',
    'label.dataset': 'Mitgelieferter Datensatz',
    'button.load': 'Laden',
    'label.json': 'Plandokument (JSON)',
    'label.seconds': 'Lösen für (s)',
    'button.solve': 'Lösen',
    'button.stop': 'Anhalten',
    'label.status': 'Status:',
    'label.score': 'Bewertung:',
    'button.signOut': 'Abmelden',
    'tab.portfolio': 'Portfolio',
    'tab.map': 'Karte',
    'tab.explanation': 'Erklärung',
    'tab.compare': 'Vergleich',
    'tab.plans': 'Pläne',
    'button.openPlan': 'Plan öffnen…',
    'label.filter': 'KAMs filtern',
    'th.utilization': 'Auslastung',
    'th.accounts': 'Kunden',
    'th.sectors': 'Branchen',
    'th.travel': 'Reisen h',
    'detail.select': 'Einen KAM wählen, um seine Kunden zu sehen.',
    'label.language': 'Sprache',
  },
};

const STORE_KEY = 'kamPlanner.language';
const listeners = [];

function initial() {
  const stored = localStorage.getItem(STORE_KEY);
  if (stored && MESSAGES[stored]) return stored;
  return (navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
}

let current = initial();

/** The page's language: 'en' or 'de'. */
export function lang() {
  return current;
}

/** The page's text for a key, '{0}', '{1}'… filled with the arguments; English when German lacks it. */
export function t(key, ...args) {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
}

/** A number per language with the given decimals: 1,234.5 / 1.234,5. */
export function num(value, decimals = 0) {
  if (value == null) return '–';
  return Number(value).toLocaleString(current, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Fills every element with data-i18n (its text) in the current language. */
export function translatePage() {
  document.documentElement.lang = current;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
}

/** Switches the language, keeps the choice, and lets the page redraw (listeners). */
export function setLanguage(language) {
  if (!MESSAGES[language]) return;
  current = language;
  localStorage.setItem(STORE_KEY, language);
  translatePage();
  for (const listener of listeners) listener(language);
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}
