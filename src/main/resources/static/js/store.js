// The plan the page shows and what is selected in it, shared by the views. State that only one view
// uses (the chart, the map, the portfolio's sort, cached rankings and explanations, the plans to
// compare) lives in that view's module.

export const state = {
  doc: null,          // the plan document shown (the API's JSON, see the README); the page redraws from it
  planId: null,       // its id in the service, once submitted
  analysis: null,     // the score explained
  edited: false,      // pins or assignments changed since the last solve
  selectedKamId: null,
  selectedAccountId: null,
  recommendFor: null, // the account whose "assign to…" panel is open
};
