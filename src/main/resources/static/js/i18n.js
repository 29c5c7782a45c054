// The page in English and German: the language (the browser's by default, or the one chosen in the
// header's switch, kept in localStorage) and the page's own words, one dictionary per language in
// js/i18n/{en,de}.json (PageMessagesTest checks that both have every key the page uses). The service's
// sentences (explanations, reasons, the summary's headline, error titles) come in the same language
// because every request sends it as Accept-Language (api.js). Numbers: format.js.

const LANGUAGES = ['en', 'de'];

// Loaded before any module that imports this one runs (top-level await): every lookup is synchronous.
const MESSAGES = Object.fromEntries(await Promise.all(LANGUAGES.map(async (language) => {
  const response = await fetch(`/js/i18n/${language}.json`);
  return [language, response.ok ? await response.json() : {}];
})));

const STORE_KEY = 'kamPlanner.language';
const listeners = [];

function initial() {
  const stored = localStorage.getItem(STORE_KEY);
  if (stored && LANGUAGES.includes(stored)) return stored;
  return (navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
}

let current = initial();

/** The page's language: 'en' or 'de'. */
export function lang() {
  return current;
}

/**
 * The page's text for a key, '{0}', '{1}'… filled with the arguments. A key the language lacks shows
 * in English, one no dictionary has shows as ⟦key⟧: visible on the page rather than a blank.
 */
export function t(key, ...args) {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key];
  if (text == null) return `⟦${key}⟧`;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
}

const STATUSES = ['SCHEDULED', 'SOLVING', 'COMPLETED', 'TERMINATED', 'FAILED'];

/** A plan's status (the API's SOLVING, COMPLETED…) in words; '–' for none. */
export function statusText(status) {
  if (!status) return '–';
  return STATUSES.includes(status) ? t(`status.${status}`) : status;
}

/** A yes-or-no field in words; '–' for none. */
export function yesNo(value) {
  return value == null ? '–' : t(value ? 'answer.yes' : 'answer.no');
}

// Attributes the page's markup translates: data-i18n-title="key" sets title, and so on.
const ATTRIBUTES = ['title', 'placeholder', 'aria-label'];

/** Fills every element with data-i18n (its text) or data-i18n-{attribute} in the current language. */
export function translatePage() {
  document.documentElement.lang = current;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const attribute of ATTRIBUTES) {
    for (const element of document.querySelectorAll(`[data-i18n-${attribute}]`)) {
      element.setAttribute(attribute, t(element.getAttribute(`data-i18n-${attribute}`)));
    }
  }
}

/** Switches the language, keeps the choice, and lets the page redraw (listeners). */
export function setLanguage(language) {
  if (!LANGUAGES.includes(language)) return;
  current = language;
  localStorage.setItem(STORE_KEY, language);
  translatePage();
  for (const listener of listeners) listener(language);
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}
