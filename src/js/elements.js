// The custom elements of community-budget. Importing this module defines them:
//   import "community-budget/elements";
//   <community-budget-family-cost></community-budget-family-cost>
//   <community-budget-eligibility></community-budget-eligibility>
//   <community-budget-savings></community-budget-savings>
// Each loads only its own engine module (costs, eligibility, appraisal), when
// it is first put on the page.
export { FamilyCostElement } from "./family-cost.js";
export { EligibilityElement } from "./eligibility.js";
export { SavingsElement } from "./savings.js";
export { formatMoney, percentToRate, rateToPercent, STRINGS } from "./i18n.js";
export { loadEngine } from "./engine.js";
export { caseFile, readCaseFile, download } from "./case-store.js";
export { confirmThen } from "./dom.js";
export { PricingFields, pricesLine, pricesOf, tableLoader, TEMPLATE_URL } from "./pricing.js";
