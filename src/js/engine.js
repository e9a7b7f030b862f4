// One initialisation per engine module per page, shared by every element.
//
// The engine comes as one module per capability (costs, eligibility,
// appraisal) plus the whole engine ("full"), so that a page loads only what it
// uses. Each .wasm is found beside its module (import.meta.url), so the package
// works from any sub-path; nothing else is fetched.
const LOADERS = {
  full: () => import("./community_budget.js"),
  costs: () => import("./community_budget_costs.js"),
  eligibility: () => import("./community_budget_eligibility.js"),
  appraisal: () => import("./community_budget_appraisal.js"),
  neighbourhood: () => import("./community_budget_neighbourhood.js"),
  place: () => import("./community_budget_place.js"),
};

const ready = new Map();

/** Resolves to the exports of the engine module `part` once its .wasm has been instantiated. */
export function loadEngine(part = "full") {
  const load = LOADERS[part];
  if (!load) return Promise.reject(new Error(`There is no engine module "${part}".`));
  if (!ready.has(part)) ready.set(part, load().then(async (module) => { await module.default(); return module; }));
  return ready.get(part);
}

const unitCostTables = new WeakMap();

/**
 * The unitCosts() answer of an engine module, computed once, without the
 * tables' rows (`rows: false`): the whole UCD v1.2 is some 700 KB of JSON, which
 * the first result would otherwise wait for. An element fills in the rows of
 * the table it uses once its first result is shown (PricingFields.fillRows).
 */
export function unitCostsOnce(api) {
  if (!unitCostTables.has(api)) unitCostTables.set(api, api.unitCosts({ rows: false }));
  return unitCostTables.get(api);
}
