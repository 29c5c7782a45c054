// The store: the plan the page shows and what is selected in it, and the events by which the views hear
// of each other. A view never imports another view (PageModulesTest): it changes the store, or emits an
// event, and the views that care subscribed in their init (main.js wires them, in the page's order, which
// is also the order a whole-page redraw draws them in). State that only one view uses (the chart, the map,
// the portfolio's sort, cached rankings and explanations, the plans to compare) lives in that view.
//
// The events (subscribe(event, fn); emit(event, ...args)):
//   render     the plan shown changed as a whole: every view redraws from state.doc
//   shown      a new document is shown (doc): what belonged to the last one goes
//   analyze    the service should explain the document as it is (edited or not solved)
//   analysis   state.analysis arrived for the plan shown
//   kam        the selected KAM changed            account    the selected account changed
//   recommend  the open "assign to…" panel changed  edited     pins or assignments changed by hand
//   best       a better plan arrived during a solve solved     a solve ended (the plan document)
//   follow     follow this submitted plan's solve (id)
//   leave      rebalance the stored plan without this KAM (kam)
//   compare    compare these two plans next (ids)   moved      accounts a comparison found moved
//   view       a tab was selected (name)            words      the language changed: redraw every word

export const state = {
  doc: null,          // the plan document shown (the API's JSON, see the README); the page redraws from it
  planId: null,       // its id in the service, once submitted
  analysis: null,     // the score explained
  edited: false,      // pins or assignments changed since the last solve
  selectedKamId: null,
  selectedAccountId: null,
  recommendFor: null, // the account whose "assign to…" panel is open
};

const listeners = {};

export function subscribe(event, listener) {
  (listeners[event] ||= []).push(listener);
}

/**
 * Calls the event's listeners in the order they subscribed; the promise settles when every one has,
 * so `await emit(…)` waits for an asynchronous listener and an action sees its error (api.guarded).
 */
export function emit(event, ...args) {
  return Promise.all((listeners[event] || []).map((listener) => listener(...args)));
}

let lastRenderMs = null;  // how long the last whole-page redraw took (test hook; benchmarks/RESULTS.md)

/** Redraws the whole page from the plan document. */
export function render() {
  const start = performance.now();
  emit('render');
  lastRenderMs = performance.now() - start;
}

export function renderMs() {
  return lastRenderMs;
}

/** Makes a document the plan shown: stored (it has an id in the service) or not yet submitted, then explained. */
export async function showDocument(doc, { stored = false } = {}) {
  state.doc = doc;
  state.planId = stored ? doc.id : null;
  state.edited = false;
  state.selectedKamId = null;
  state.selectedAccountId = null;
  state.recommendFor = null;
  emit('shown', doc);
  render();
  if (!stored) await emit('analyze');
}

/** Selects a KAM ('' for the unassigned accounts, null for none): its accounts and its share of the score. */
export function selectKam(kamId) {
  state.selectedKamId = kamId;
  state.selectedAccountId = null;
  emit('kam');
}

export function selectAccount(accountId) {
  state.selectedAccountId = accountId;
  emit('account');
}

// ---------------------------------------------------------------- steering without a solve

export function togglePin(account) {
  account.pinned = !account.pinned;
  return edited();
}

/** Moves an account by hand and pins it there, so the next solve keeps the planner's choice. */
export function assign(account, kamId) {
  account.assignedKamId = kamId;
  account.pinned = true;
  state.recommendFor = null;
  state.selectedKamId = kamId;
  state.selectedAccountId = account.id;
  return edited();
}

function edited() {
  state.edited = true;
  return emit('edited');
}
