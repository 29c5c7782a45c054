// Test hook, read-only: modules leave no globals, so the browser tests read the page through these
// accessors, e.g. `return kamPlanner.doc().accounts.length`: the plan id shown, a copy of the plan
// document shown, how many points the best-score chart holds, what the map draws, the frontier's points, and how long the last
// redraw of the page took. Nothing else uses it.
//
// A module of its own that imports only the store, so the hook is there as soon as the page's scripts
// have run: main.js and the views run later, once i18n.js has its dictionaries (a top-level await the
// browser's load event does not wait for), and a test asking kamPlanner in between found it undefined.
// Until then the views' accessors answer as for a page with no chart and no map yet.
import { renderMs, state } from './store.js';

/** What the views know of themselves, handed in by main.js once they are loaded. */
export const probes = {
  chartPoints: () => 0,
  map: () => null,
  frontierPoints: () => [],
};

window.kamPlanner = Object.freeze({
  planId: () => state.planId,
  doc: () => structuredClone(state.doc),
  chartPoints: () => probes.chartPoints(),
  map: () => probes.map(),
  frontierPoints: () => probes.frontierPoints(),
  renderMs: () => renderMs(),
});
