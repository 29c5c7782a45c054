// The working plan and view in the address, so a link opens the same view and a reload keeps the plan:
// `#/plans/{id}/{view}` for a plan the service stores, `#/{view}` for a document not submitted yet (kept
// in this tab's sessionStorage instead). Opening another plan adds a history entry (back and forward
// step through the plans opened); changing the view only replaces the current one.
import { api, guarded } from './api.js';
import { emit, showDocument, state, subscribe } from './store.js';
import { currentView, selectTab } from './tabs.js';

const VIEWS = ['portfolio', 'map', 'explanation', 'compare', 'plans', 'crm'];
const FINAL = new Set(['COMPLETED', 'TERMINATED', 'FAILED']);
const UNSAVED_KEY = 'kam-planner.unsaved-document';

let routing = 0;  // routes applying the address: the page's own redraws must not write it back meanwhile

function parseHash(hash) {
  const plan = /^#\/plans\/([^/]+)(?:\/(\w+))?$/.exec(hash);
  const view = plan ? plan[2] : (/^#\/(\w+)$/.exec(hash) || [])[1];
  return { planId: plan ? decodeURIComponent(plan[1]) : null, view: VIEWS.includes(view) ? view : null };
}

function hashOf(planId, view) {
  return planId ? `#/plans/${encodeURIComponent(planId)}/${view}` : `#/${view}`;
}

/** Writes the working plan and view into the address; called after every redraw and change of view. */
function syncRoute() {
  if (routing) return;
  const want = hashOf(state.planId, currentView());
  if (window.location.hash !== want) {
    const samePlan = parseHash(window.location.hash).planId === state.planId;
    window.history[samePlan ? 'replaceState' : 'pushState'](null, '', want);
  }
  keepUnsaved();
}

/**
 * A document not yet submitted has no address: this tab keeps it for a reload and for "back". A plan
 * too big for sessionStorage (a few MB) is simply not kept.
 */
function keepUnsaved() {
  if (!state.doc || state.planId) return;  // the last unsaved document stays for "back" after its solve
  try {
    sessionStorage.setItem(UNSAVED_KEY, JSON.stringify(state.doc));
  } catch {
    sessionStorage.removeItem(UNSAVED_KEY);
  }
}

/**
 * Makes a stored plan the working plan: a finished one with its explanation, a solving one followed.
 * Nothing when the address moved on while the plan was on its way (back, forward, another link): the
 * newer route shows what it names, and an older answer arriving last must not replace it.
 */
async function openPlan(id, hash) {
  const doc = await api('GET', `/plans/${encodeURIComponent(id)}`);
  if (window.location.hash !== hash) return;
  await showDocument(doc, { stored: true });
  if (!FINAL.has(doc.status)) {
    emit('follow', doc.id);
    return;
  }
  const analysis = await api('GET', `/plans/${encodeURIComponent(id)}/analysis`);
  if (state.planId !== doc.id) return;
  state.analysis = analysis;
  emit('analysis');
}

/** Shows what the address names: its plan (unless it is the working one already) and its view. */
async function route() {
  const hash = window.location.hash;
  const { planId, view } = parseHash(hash);
  routing += 1;
  try {
    if (planId && planId !== state.planId) {
      await openPlan(planId, hash);
    } else if (!planId && (state.planId || !state.doc)) {
      const unsaved = sessionStorage.getItem(UNSAVED_KEY);
      if (unsaved) {
        await showDocument(JSON.parse(unsaved));
      }
    }
    if (window.location.hash !== hash) return;  // a newer route selects its own view and writes the address
    if (view) selectTab(view);
  } finally {
    routing -= 1;
  }
  syncRoute();
}

/** Follows the address from now on, starting with the one the page was opened at: wired last (main.js). */
export function init() {
  subscribe('render', syncRoute);
  subscribe('view', syncRoute);
  window.addEventListener('hashchange', () => guarded(route));
  guarded(route);
}
