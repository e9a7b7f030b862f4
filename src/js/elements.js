// The custom elements of community-budget. Importing this module defines them:
//   import "community-budget/elements";
//   <community-budget-family-cost></community-budget-family-cost>
export { FamilyCostElement } from "./family-cost.js";
export { formatMoney, STRINGS } from "./i18n.js";
export { loadEngine } from "./engine.js";
export { caseFile, readCaseFile, download } from "./case-store.js";
