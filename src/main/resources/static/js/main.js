// KAM Planner web page: loads a plan, solves it, shows the portfolio, the map and the explanation, and steers.
// No framework and no build step: native ES modules. The views (one module each, with an init) keep
// nothing of each other: the plan shown and what is selected live in the store (store.js), and a view
// hears of the others through the store's events. This module only wires: it calls each view's init, in
// the order a whole-page redraw draws them, and hands the test hook (hook.js) what the views know of
// themselves. Nothing imports it.
// Leaflet (`L`) and chart.js (`Chart`) are classic deferred scripts loaded before this module, so their
// globals are there when it runs.
import { probes } from './hook.js';
import { translatePage } from './i18n.js';
import { wireTabs } from './tabs.js';
import * as header from './header.js';
import * as approval from './approval.js';
import * as load from './load.js';
import * as solve from './solve.js';
import * as portfolio from './portfolio.js';
import * as map from './map.js';
import * as explanation from './explanation.js';
import * as rebalance from './rebalance.js';
import * as frontier from './frontier.js';
import * as compare from './compare.js';
import * as plans from './plans.js';
import * as crmImport from './crmImport.js';
import * as router from './router.js';

// The page's words first: a view's init may already ask the planner something (the sign-in's note).
translatePage();
for (const view of [header, approval, load, solve, portfolio, map, explanation, rebalance, frontier, compare, plans, crmImport]) view.init();
wireTabs();
// Last: the address is applied at once, so every view must be listening.
router.init();

probes.chartPoints = solve.chartPoints;
probes.map = map.mapSummary;
probes.frontierPoints = frontier.frontierPoints;
