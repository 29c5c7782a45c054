// The view tabs: selecting one shows its panel and tells the views (the store's 'view' event: the map
// fits itself, the lists load, the address follows). By keyboard as the WAI-ARIA tabs pattern has it: one
// tab in the Tab order (the selected one), the arrow keys move between tabs and select them, Home and End
// go to the first and last.
import { $ } from './dom.js';
import { emit } from './store.js';

const KEYS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function selectTab(name) {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.id === `tab-${name}`;
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    $(tab.getAttribute('aria-controls')).hidden = !on;
  }
  markTabs();
  emit('view', name);
}

/** The tab selected now ('portfolio' before any is). */
export function currentView() {
  const tab = document.querySelector('[role=tab][aria-selected=true]');
  return tab ? tab.id.replace('tab-', '') : 'portfolio';
}

/** The tabs answer clicks and keys. */
export function wireTabs() {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    tab.addEventListener('click', () => selectTab(tab.id.replace('tab-', '')));
  }
  const list = document.querySelector('[role=tablist]');
  list.addEventListener('keydown', (e) => {
    const tabs = [...list.querySelectorAll('[role=tab]')];
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    let next = null;
    if (e.key in KEYS) next = (at + KEYS[e.key] + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next == null) return;
    e.preventDefault();
    selectTab(tabs[next].id.replace('tab-', ''));
    tabs[next].focus();
  });
  markTabs();
}

/** Only the selected tab is in the Tab order; the others are reached with the arrow keys. */
function markTabs() {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    tab.tabIndex = tab.getAttribute('aria-selected') === 'true' ? 0 : -1;
  }
}
