// The view tabs by keyboard, as the WAI-ARIA tabs pattern has it: one tab in the Tab order (the
// selected one), the arrow keys move between tabs and select them, Home and End go to the first and last.
const KEYS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function wireTabs(select) {
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
    select(tabs[next].id.replace('tab-', ''));
    tabs[next].focus();
  });
}

/** Only the selected tab is in the Tab order; the others are reached with the arrow keys. */
export function markTabs() {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    tab.tabIndex = tab.getAttribute('aria-selected') === 'true' ? 0 : -1;
  }
}
