// One initialisation of the WebAssembly engine per page, shared by every
// element. The .wasm is found beside this module (import.meta.url), so the
// package works when served from any sub-path; nothing else is fetched.
import init, * as engine from "./community_budget.js";

let ready = null;

/** Resolves to the engine's exports once the .wasm has been instantiated. */
export function loadEngine() {
  ready ??= init().then(() => engine);
  return ready;
}

let unitCostTable = null;

/** The unitCosts() answer, computed once. */
export function unitCostsOnce(api) {
  unitCostTable ??= api.unitCosts();
  return unitCostTable;
}
