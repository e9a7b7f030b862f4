// A council web team's code, type-checked with `tsc --noEmit` against the
// declarations wasm-pack generated in pkg/. If the contract's types drift
// (a renamed field, money typed as a number), this stops compiling.
import init, {
  appraise,
  appraisalDefaults,
  assessFamily,
  claimPayment,
  poolReturns,
  planNeighbourhood,
  appraisePlace,
  combinePlaces,
  examplePlace,
  checkEligibility,
  costFamily,
  loadUnitCostTable,
  readUnitCostTable,
  diffRulePack,
  rulePacks,
  unitCosts,
  validateRulePack,
  version,
  runCohort,
  generateCohort,
  cohortStart,
  cohortPush,
  cohortFinish,
  type CohortAnswer,
  type CohortOptions,
  type CohortProgress as EngineProgress,
  type CheckEligibilityAnswer,
  type CheckEligibilityCall,
  type AgencyView,
  type AssessFamilyAnswer,
  type AssessFamilyCall,
  type ClaimPaymentAnswer,
  type ClaimPaymentCall,
  type ClaimView,
  type AuditView,
  type Allocation,
  type NeedOutcomeCall,
  type PartnerCall,
  type PoolReturnsAnswer,
  type ResultView,
  type AppraiseAnswer,
  type AppraisalDefaultsAnswer,
  type GradeView,
  type AppraiseCall,
  type CostFamilyAnswer,
  type CostFamilyCall,
  type CouncilTableCall,
  type ReadUnitCostTableAnswer,
  type TableProblemView,
  type UnitCostsAnswer,
  type DecimalString,
  type DiscountingView,
  type EditView,
  type ErrorView,
  type PaybackView,
  type PlanNeighbourhoodAnswer,
  type AppraisePlaceAnswer,
  type AppraisePlaceCall,
  type CombinePlacesAnswer,
  type PlanNeighbourhoodCall,
  type Rate,
  type ReturnsView,
  type StatusView,
} from "../../pkg/community_budget.js";
import {
  PricingFields, TEMPLATE_URL, formatMoney, percentToRate, pricesLine, pricesOf, rateToPercent, tableLoader,
  type AnswerDetail, type FamilyCostElement, type Prices, type SavingsElement,
} from "../../pkg/elements.js";
import { CohortWorker, bindExports, type CohortJob, type CohortProgress } from "../../pkg/cohort.js";
import { appraisePlace as appraisePlaceOnly, type AppraisePlaceAnswer as PlaceModuleAnswer } from "../../pkg/community_budget_place.js";

await init();
const engine: string = version();

const call: CostFamilyCall = {
  baseYear: "2013/14",
  items: [
    { code: "CR1.0", quantity: 58 },
    { code: "HE3.0", quantity: "5" },
  ],
  localRows: [
    { code: "SUMMONS", description: "Council-tax arrears summons", agencyL1: "Local Authority", cost: "100.00", priceYear: "2013/14" },
  ],
};

const answer: CostFamilyAnswer = costFamily(call);
if (answer.type === "success") {
  // Money is a decimal string, never a number.
  const total: DecimalString = answer.total;
  const police: string | undefined = answer.byAgency.find((t) => t.agency === "Police")?.amount;
  for (const line of answer.lines) {
    const quantity: number = line.quantity;
    const local: boolean = line.origin !== "national";
    const parts: string[] = line.parts.map((p) => `${p.code} ${p.agency} ${p.lineCost}`);
    console.log(quantity, local, parts, line.rag ?? "unrated");
  }
  console.log(engine, total, police, answer.receipt.inputSha256, answer.receipt.unitCostTable.sha256);
} else {
  const messages: string[] = answer.errors.map((e: ErrorView) => `${e.path ?? ""} ${e.code}: ${e.message}`);
  console.log(messages);
}

const table = unitCosts();
if (table.type === "success") {
  const years: string[] = table.years.filter((y) => !y.forecast).map((y) => y.year);
  const rows: string[] = table.rows.map((r) => `${r.code} ${r.originalCost} ${r.priceYear} ${r.published2013_14 ?? ""}`);
  console.log(years, rows);
}

// The types refuse what the engine refuses:
const moneyAsNumber: CostFamilyCall = {
  baseYear: "2013/14",
  items: [],
  // @ts-expect-error money is a decimal string, not a number
  localRows: [{ code: "X", description: "d", agencyL1: "Police", cost: 100, priceYear: "2013/14" }],
};
// @ts-expect-error a misspelt field is not part of an item
const misspelt: CostFamilyCall = { baseYear: "2013/14", items: [{ code: "CR1.0", qty: 1 }] };
// The base year may be left out: the deflator series' latest outturn year (today's money).
const noYear: CostFamilyCall = { items: [] };
console.log(moneyAsNumber, misspelt, noYear);

// ------------------------------------------------------------ today's money

// The table and series are named by id; a council's own table goes as its CSV text.
const inTodaysMoney: CostFamilyCall = { unitCostTable: "ucd-v1.4", deflator: "hmt-gdp-2026-03", items: [{ code: "CR1.3", quantity: 1 }] };
const today = costFamily(inTodaysMoney);
if (today.type === "success") {
  const used: string = `${today.baseYear} ${today.unitCostTable} ${today.deflator}`;
  const series: string = `${today.receipt.deflator.id} ${today.receipt.deflator.sha256}`;
  const base: string | undefined = today.receipt.extendsTable?.id;
  const pricing: string[] = today.notes.filter((n) => ["forecast_index", "chain_linked", "council_rows_left_out"].includes(n.code)).map((n) => n.message);
  const council: boolean[] = today.lines.map((l) => l.origin === "council");
  console.log(used, series, base, pricing, council);
}
const csv = "code,description,agency_l1,agency_l2,unit,cost,price_year,rag,source\nLOCAL-PCO,Police call-out,Police,,Per call-out,147,2023/24,A,Testshire\n";
const councilTable: CouncilTableCall = { name: "Testshire 2025-26", csv, extends: "ucd-v1.2" };
const read: ReadUnitCostTableAnswer = readUnitCostTable({ ...councilTable, deflator: "hmt-gdp-2026-03" });
if (read.type === "success") {
  const reconciled: boolean = read.rowsRead === read.rowsAccepted + read.rowsRejected;
  const where: string[] = read.problems.map((p: TableProblemView) => `line ${p.line}, column ${p.column} (${p.columnName}): ${p.code}: ${p.reason}`);
  const ids: string = `${read.table.id} ${read.table.sha256} ${read.extends?.id ?? "alone"} ${read.deflator} ${read.receipt.unitCostTable.id}`;
  const codes: string[] = read.rows.filter((r) => r.origin === "council").map((r) => r.code);
  console.log(reconciled, where, ids, codes, read.ignoredColumns);
} else {
  const fields: (string | undefined)[] = read.errors.map((e) => e.path);
  console.log(fields);
}
const withCouncil = costFamily({ councilTable, items: [{ code: "LOCAL-PCO", quantity: 3 }] });
console.log(withCouncil.type === "success" ? withCouncil.receipt.unitCostTable.id : withCouncil.errors);
const catalogue: UnitCostsAnswer = unitCosts({ table: "ucd-v1.4", deflator: "ucd-v1.2-ons-2013-06" });
if (catalogue.type === "success") {
  const tables: string[] = catalogue.tables.map((t) => `${t.id} ${t.title} ${t.sha256} ${t.default} ${t.loaded} ${t.rowCount}`);
  const series: string[] = catalogue.deflators.map((d) => `${d.id} ${d.latestOutturn} ${d.linkYear ?? ""} ${d.linkedThrough ?? ""} ${d.default}`);
  const linked: boolean[] = catalogue.years.map((y) => y.linked || y.forecast);
  console.log(tables, series, linked, catalogue.table.id);
}
// A built-in table a capability module does not carry is loaded from the package's data file.
const loaded = loadUnitCostTable({ id: "ucd-v1.4", tsv: "…the text of ucd_v1_4.tsv…" });
console.log(loaded.type === "success" ? `${loaded.table.id} ${loaded.rowCount}` : loaded.errors.map((e) => e.path));
// @ts-expect-error a council table needs its CSV text
const noCsv: CouncilTableCall = { name: "Testshire" };
// @ts-expect-error the unit-cost table is named by its id, a string
const tableAsNumber: CostFamilyCall = { unitCostTable: 12, items: [] };
console.log(noCsv, tableAsNumber);

const narrowed = (a: CostFamilyAnswer): string => {
  // @ts-expect-error `total` exists only on a success
  return a.total;
};
console.log(narrowed);

// The custom element, as a web team would script it.
const element: FamilyCostElement | null = document.querySelector("community-budget-family-cost");
element?.addEventListener("community-budget:prices", (event) => {
  const prices: Prices = event.detail;
  document.title = `${pricesLine("cy", prices)} ${prices.extendsTable ?? ""}`;
});
const pricesNow: Prices | null | undefined = element?.prices;
console.log(pricesNow?.baseYear, TEMPLATE_URL);
element?.addEventListener("community-budget:answer", (event) => {
  const { call: asked, answer: got } = event.detail;
  if (got.type === "success") console.log(asked.baseYear, formatMoney(got.total));
});
element?.load({ baseYear: "2013/14", items: [{ code: "CR1.0", quantity: 1 }] });
element?.load({ deflator: "ucd-v1.2-ons-2013-06", councilTable, items: [{ code: "LOCAL-PCO", quantity: 1 }] });
const footer: string | null = pricesOf(today) && pricesLine("en", { ...pricesOf(today)!, discounting: { edition: "2026" } });
console.log(footer);
// The prices fieldset on a page of one's own.
if (catalogue.type === "success") {
  const fields = new PricingFields({
    catalogue, read: readUnitCostTable, loadTable: tableLoader({ loadUnitCostTable, unitCosts }), prefix: "mine",
    onChange: (what) => console.log(what), onProblem: (m: string, path) => console.log(m, path === "unitCostTable"),
  });
  await fields.started();
  document.body.append(fields.node("en", { year: true }));
  const asked: CostFamilyCall = { ...fields.callFields(), items: [] };
  const idOfYear: string | null = fields.fieldFor("baseYear");
  console.log(asked, idOfYear, fields.prices().unitCostTable, fields.rows().length, fields.baseYear, fields.council?.rowsRejected);
}
const language: "en" | "cy" | undefined = element?.uiLanguage;
console.log(language, element?.answer?.type);

// ------------------------------------------------------------- eligibility

const family: CheckEligibilityCall = {
  rulePack: "tf-2015",
  assessmentDate: "2015-06-30",
  schoolTerms: [{ name: "Autumn 2014", start: "2014-09-03", end: "2014-12-19" }],
  domesticAbuse: [{ date: "2015-03-10" }],
  members: [
    { name: "Mother", role: "parent", dateOfBirth: "1982-04-04", mentalHealth: true, benefits: [{ kind: "esa", from: "2014-01-01" }] },
    {
      name: "Son", age: "11",
      attendance: [{ term: "Autumn 2014", possibleSessions: 140, authorisedAbsent: 0, unauthorisedAbsent: "14" }],
      exclusions: [{ date: "2014-10-01", kind: "fixedTerm" }],
      asb: [{ date: "2015-01-20", kind: "acceptableBehaviourContract" }],
    },
  ],
};
const decided: CheckEligibilityAnswer = checkEligibility(family);
if (decided.type === "success") {
  const status: StatusView = decided.status;
  const eligible: boolean = decided.eligible;
  const pack: string = `${decided.pack.id} ${decided.pack.sha256} ${decided.receipt.rulePack?.sha256 ?? ""}`;
  for (const g of [...decided.criteria, ...decided.filters]) {
    for (const i of g.indicators) {
      const threshold: DecimalString = i.threshold;
      const counts: (number | undefined)[] = i.evidence.map((e) => e.count ?? e.absent);
      console.log(g.title, g.met, i.reason, i.window?.from, threshold, counts, i.source);
    }
  }
  for (const s of decided.whatWouldChange) {
    const edits: EditView[] = s.edits;
    const ops: string[] = edits.map((e) => `${e.op} ${e.path}`);
    console.log(s.message, s.status, ops);
  }
  console.log(status, eligible, pack, decided.parameters.map((p) => `${p.id}=${p.value} from ${p.from}`));
} else {
  console.log(decided.errors.map((e: ErrorView) => `${e.path ?? ""} ${e.code}`));
}

const packs = rulePacks();
if (packs.type === "success") {
  const ids: string[] = packs.packs.map((p) => `${p.pack.id} ${p.pack.validFrom} ${p.criteria.length}`);
  const measures: string[] = packs.measures.filter((m) => m.kind === "rate").map((m) => m.id);
  console.log(ids, measures, packs.kinds.asb);
}
// A pack crosses as JSON text, as read from its file.
const checked = validateRulePack('{"id":"x"}');
if (checked.type === "failure") console.log(checked.errors.map((e) => e.path));
else console.log(checked.pack.pack.extends, checked.pack.indicatorCount);
const diff = diffRulePack("{}");
if (diff.type === "success") console.log(diff.base.id, diff.changes.map((c) => `${c.what} ${c.change} ${c.field ?? ""}`));

// The types refuse what the engine refuses:
// @ts-expect-error an exclusion is fixed-term or permanent
const badKind: CheckEligibilityCall = { rulePack: "tf-2012", assessmentDate: "2014-06-30", members: [{ exclusions: [{ date: "2014-01-01", kind: "expelled" }] }] };
// @ts-expect-error members are required
const noMembers: CheckEligibilityCall = { rulePack: "tf-2012", assessmentDate: "2014-06-30" };
// @ts-expect-error a council pack crosses as JSON text, not an object
const packObject: CheckEligibilityCall = { councilPack: { id: "x" }, assessmentDate: "2014-06-30", members: [] };
// @ts-expect-error validateRulePack takes the pack's text
validateRulePack({ id: "x" });
console.log(badKind, noMembers, packObject);

// ------------------------------------------------------------------ appraise

const appraisal: AppraiseCall = {
  baseYear: "2013/14",
  discounting: { schedule: "greenBook", sensitivity: true },
  scenarios: [
    { name: "Business as usual", businessAsUsual: true, cohort: 100, costs: [{ year: 0, funder: "Council", amount: "10000" }] },
    {
      name: "Family intervention",
      cohort: "100",
      costs: [{ year: 0, funder: "Council", amount: "60000.00" }],
      costOptimismBias: "0.1",
      outcomes: [
        {
          name: "Family turned around",
          engagement: "0.8", success: "0.5", deadweight: "0.2", lagYears: 0, durationYears: 3, dropOff: "0.2",
          values: [
            { code: "CR1.0", quantity: "2" },
            { description: "Benefits saved", agency: "DWP", amount: "9234", priceYear: "2012/13", grade: 2 },
            { description: "Wellbeing", agency: "Families", amount: "500", valueType: "social", rag: "A" },
          ],
          cashable: [{ agency: "Police", share: "0.25" }],
        },
      ],
    },
  ],
};

const shown = (p: PaybackView): string => (p.status === "reached" ? `year ${p.year} (${p.years} years)` : "never");
const appraised: AppraiseAnswer = appraise(appraisal);
if (appraised.type === "success") {
  for (const s of appraised.scenarios) {
    const npv: DecimalString = s.central.npv;
    const roi: DecimalString | null = s.central.roi.fiscal;
    const range: [string, string] = [s.low.npv, s.high.npv];
    const fiscal: AgencyView[] = s.byAgency.filter((a) => a.valueType === "fiscal");
    const cashable: (string | undefined)[] = fiscal.map((a) => a.cashablePv);
    const perYear: string[] = fiscal.flatMap((a) => a.years.map((y) => `${a.agency} ${y.year} ${y.netPv}`));
    const engagement: Rate = s.outcomes[0]?.engagement ?? "0";
    const versus: string | undefined = s.versusBusinessAsUsual?.npv;
    // The Green Book 2026 sensitivity test, when asked for: the same figures as the central case's.
    const sensitivity: ReturnsView | undefined = s.sensitivity;
    const publicValue: DecimalString | null | undefined = sensitivity?.roi.publicValue;
    console.log(npv, roi, range, cashable, perYear, engagement, versus, shown(s.central.paybackPv), s.years[0]?.discountFactor, publicValue);
  }
  console.log(appraised.parameters.optimismBias.grades.map((g) => `${g.grade}: ${g.reduction}`));
  // Each schedule used, with its edition, source and each band's evidence tag.
  const used: DiscountingView[] = [appraised.parameters.discounting, ...(appraised.parameters.sensitivityDiscounting ? [appraised.parameters.sensitivityDiscounting] : [])];
  console.log(used.map((d) => `${d.schedule} ${d.edition ?? "given"} ${d.published ?? ""} ${d.source} ${d.bands.map((b) => `${b.fromYear} ${b.rate} ${b.evidence ?? ""}`).join(", ")}`));
} else {
  console.log(appraised.errors.map((e: ErrorView) => `${e.path ?? ""} ${e.code}`));
}

// The defaults an appraisal uses when its call gives none: a form offers the grades and schedules from them.
const defaults: AppraisalDefaultsAnswer = appraisalDefaults();
if (defaults.type === "success") {
  const grades: GradeView[] = defaults.optimismBias.grades;
  const schedules: DiscountingView[] = [defaults.discounting, ...defaults.schedules];
  const horizon: number = defaults.maxHorizon;
  const year: string = defaults.baseYear;
  console.log(grades.map((g) => `${g.grade} ${g.reduction} ${g.upper}`), schedules.map((d) => d.schedule), horizon, year,
    defaults.optimismBias.ragGrades.A, defaults.roiDefinitions.fiscal.benefits, defaults.receipt.deflator.id, pricesOf(defaults)?.discounting?.schedule);
} else {
  console.log(defaults.errors.map((e: ErrorView) => e.message));
}

// The types refuse what the engine refuses:
const rateAsNumber: AppraiseCall = {
  baseYear: "2013/14",
  // @ts-expect-error rates are decimal strings, not numbers
  scenarios: [{ name: "X", cohort: 1, costOptimismBias: 0.1 }],
};
// @ts-expect-error a value type is fiscal, economic or social
const badType: AppraiseCall = { baseYear: "2013/14", scenarios: [{ name: "X", cohort: 1, outcomes: [{ name: "O", engagement: "1", success: "1", deadweight: "0", durationYears: 1, values: [{ valueType: "moral" }] }] }] };
// @ts-expect-error scenarios are required
const noScenarios: AppraiseCall = { baseYear: "2013/14" };
console.log(rateAsNumber, badType, noScenarios);

// ------------------------------------------------------------- neighbourhood

const neighbourhood: PlanNeighbourhoodCall = {
  pot: "10000.00",
  priority: "votes",
  services: [
    { id: "youth", name: "Youth club", unitCost: "100.00", unitsWanted: 30, votes: 500 },
    { id: "park", name: "Park clean-up", unitCost: "50.00", unitsWanted: "100", minUnits: 20, votes: "50" },
  ],
  whatIfPots: ["20000.00"],
};
const planned: PlanNeighbourhoodAnswer = planNeighbourhood(neighbourhood);
if (planned.type === "success") {
  const shares: string[] = planned.services.map((s) => `${s.name} ${s.allocation} ${s.decidedBy} ${s.whatWouldChange.join(" ")}`);
  const perPoint: DecimalString = planned.perPoint;
  console.log(shares, perPoint, planned.whatIf.map((w) => w.allocations));
}
// @ts-expect-error the pot is a decimal string, not a number
const potAsNumber: PlanNeighbourhoodCall = { pot: 100, priority: "votes", services: [] };
console.log(potAsNumber);

// ------------------------------------------------------------ poolReturns

const partners: PartnerCall[] = [
  { name: "Council", agencies: ["Local Authority"], contributions: [{ year: 0, amount: "60000.00" }, { year: 1, amount: "20000", kind: "inKind" }] },
  { name: "Police", agencies: ["Police"], contributions: [{ year: "0", amount: "20000.00", kind: "cash" }] },
  { name: "NHS trust", agencies: ["NHS"] },
];
const pooled: PoolReturnsAnswer = poolReturns({ appraisal, scenario: "Family intervention", partners });
if (pooled.type === "success") {
  for (const p of pooled.partners) {
    const net: DecimalString = p.netPv;
    const roi: DecimalString | null = p.roi;
    const share: DecimalString | null = p.sharePercent;
    console.log(p.name, p.contribution.pv, p.contribution.inKindPv, p.benefit.cashablePv, net, roi, share, shown(p.payback));
    console.log(p.years.map((y) => `${y.year} ${y.contributionPv} ${y.benefitPv} ${y.positionPv}`));
  }
  for (const r of pooled.rebalancing) {
    const basis: "fiscal" | "cashable" = r.basis;
    console.log(basis, r.total, r.fewest, r.partners.map((p) => `${p.name} ${p.transfer} ${p.roiAfter ?? "-"}`));
    console.log(r.transfers.map((t) => `${t.from} pays ${t.to} ${t.amount}`));
  }
  console.log(pooled.pool.roi, pooled.outside.map((o) => o.agency), pooled.notes.map((n) => n.code), pooled.receipt.inputSha256);
} else {
  console.log(pooled.errors.map((e) => e.path));
}
// @ts-expect-error a contribution is cash or in kind
const badContribution: PartnerCall = { name: "X", agencies: [], contributions: [{ year: 0, amount: "1", kind: "loan" }] };
// @ts-expect-error money is a decimal string
const contributionAsNumber: PartnerCall = { name: "X", agencies: [], contributions: [{ year: 0, amount: 1 }] };
console.log(badContribution, contributionAsNumber);

// ----------------------------------------------------------- claimPayment

const claimFamily: CheckEligibilityCall = {
  rulePack: "tf-2012",
  assessmentDate: "2013-07-31",
  members: [{ name: "Mother", dateOfBirth: "1980-05-01", benefits: [{ kind: "jsa", from: "2011-06-01" }] }],
};
const claimCall: ClaimPaymentCall = {
  claims: [{ family: claimFamily, attachmentDate: "2012-08-01", progressToWork: [{ member: 0, date: "2013-03-01", kind: "workProgramme" }] }],
  council: { indicativeFamilies: 4180, agreedYear1Families: "100", workedWithYear1Families: 33 },
};
const result = (r: ResultView): string => `${r.id} ${r.check} ${r.paid ?? ""} ${r.earliestDate ?? ""} ${r.missing.join(" ")} ${r.parts.length}`;
const claimed: ClaimPaymentAnswer = claimPayment(claimCall);
if (claimed.type === "success") {
  const c: ClaimView | undefined = claimed.claims[0];
  if (c) {
    const total: DecimalString = c.total;
    const when: string | undefined = c.earliest.results;
    const phase: number | undefined = c.phase;
    console.log(total, when, phase, c.programmeYear, c.statusAtAttachment, c.results.map(result), c.parameters.map((p) => p.id), c.summary);
  }
  const group: "full" | "half" | "none" | undefined = claimed.council.release?.group;
  console.log(claimed.council.fundedFamilies, claimed.council.maximumGrant, claimed.council.phase1.total, group);
} else {
  console.log(claimed.errors.map((e) => `${e.path ?? ""} ${e.code}`));
}
// @ts-expect-error progress to work is the Work Programme or ESF provision
const badProgress: ClaimPaymentCall = { claims: [{ family: claimFamily, attachmentDate: "2012-08-01", progressToWork: [{ member: 0, date: "2013-03-01", kind: "jobClub" }] }] };
// @ts-expect-error the attachment date is required
const noAttachment: ClaimPaymentCall = { claims: [{ family: claimFamily }] };
console.log(badProgress, noAttachment);

// The 2022 outcome framework: case closure and each need's outcome; the
// council's allocation, upfront grant and Earned Autonomy.
const outcome: NeedOutcomeCall = { need: "mental-health", date: "2019-07-01", evidence: "GP review", lapsedDate: "2020-01-10" };
const framework: ClaimPaymentCall = {
  claims: [{ family: claimFamily, attachmentDate: "2019-01-16", caseClosureDate: "2019-09-15", needOutcomes: [outcome] }],
  council: { allocatedFamilies: 1, upfrontGrant: "1081000.00", earnedAutonomy: false },
};
const framed: ClaimPaymentAnswer = claimPayment(framework);
if (framed.type === "success") {
  const c: ClaimView | undefined = framed.claims[0];
  if (c) {
    const scheme: "phase-1" | "phase-2" | "sustained-outcomes" | "grant-only" = c.scheme;
    const why: "resultsEnded" | "earnedAutonomy" | undefined = c.noClaims?.code;
    const audit: AuditView = c.audit;
    const csv: string = audit.csv;
    console.log(scheme, why, c.sustainedBy, c.caseClosureDate, c.needsAtAttachment.map((n) => n.id), audit.dates.map((d) => `${d.id} ${d.date}`), audit.items.map((i) => `${i.result ?? ""} ${i.id} ${i.check}`), audit.parameters.map((p) => `${p.id} ${p.evidence}`), audit.checks, csv);
  }
  const allocation: Allocation | undefined = framed.council.allocation;
  const beyond: DecimalString | undefined = allocation?.beyond;
  console.log(framed.council.framework2022.results, beyond, allocation?.totalWithGrant);
}
// @ts-expect-error an upfront grant is money, sent as a decimal string
const grantAsNumber: ClaimPaymentCall = { claims: [], council: { upfrontGrant: 1081000 } };
console.log(grantAsNumber);

// ----------------------------------------------------------- assessFamily

const assessCall: AssessFamilyCall = {
  family: claimFamily,
  costs: { baseYear: "2013/14", items: [{ code: "CR1.0", quantity: 10 }] },
  claim: { attachmentDate: "2012-08-01" },
  appraisal: { reduction: "0.5", durationYears: 2, grade: 1, costs: [{ year: 0, funder: "Council", amount: "3000.00" }], discounting: { schedule: "greenBook" } },
  pool: { partners },
};
const assessed: AssessFamilyAnswer = assessFamily(assessCall);
if (assessed.type === "success") {
  const eligible: boolean = assessed.eligibility.eligible;
  const total: DecimalString | undefined = assessed.costs?.total;
  const claimTotal: DecimalString | undefined = assessed.claim?.total;
  const npv: DecimalString | undefined = assessed.appraisal?.scenarios[0]?.central.npv;
  const poolRoi: DecimalString | null | undefined = assessed.pool?.pool.roi;
  console.log(eligible, total, claimTotal, npv, poolRoi, assessed.trace.map((t) => `${t.step} ${t.function} ${t.inputSha256} ${t.summary}`));
  console.log(assessed.receipt.rulePack?.id, assessed.trace[3]?.call?.scenarios.length);
} else {
  console.log(assessed.errors.map((e) => e.path));
}
// @ts-expect-error the family record is required
const noFamily: AssessFamilyCall = { costs: { baseYear: "2013/14", items: [] } };
console.log(noFamily);
// Cohort reports: on the page's thread for a small file, in the worker for a large one.
const cohortOptions: CohortOptions = {
  rulePack: "tf-2015",
  baseYear: "2013/14",
  deflator: "ucd-v1.2-ons-2013-06",
  assessmentDate: "2015-06-30",
  appraisal: { engagement: "0.8", durationYears: 3, costPerFamily: "10000.00", sensitivity: true },
};
const small: CohortAnswer = runCohort(generateCohort({ families: 10, seed: 1 }), cohortOptions);
if (small.type === "success") {
  const figures: string[] = small.report.summary.map((f) => `${f.label}: ${f.value ?? ""}`);
  const tables: string[] = small.csv.map((t) => `${t.fileName}: ${t.text.length}`);
  const lines: number[] = small.report.rejected.problems.map((p) => p.line);
  const hash: string = small.receipt.inputSha256;
  console.log(figures, tables, lines, hash, small.html.length);
} else {
  console.log(small.errors.map((e) => e.path));
}
const councilCohort: CohortOptions = { rulePack: "tf-2015", councilTable };
console.log(councilCohort);
const streamed: number = cohortStart(cohortOptions);
const step: EngineProgress = cohortPush(streamed, new TextEncoder().encode("family,age\n"));
console.log(step.rows, cohortFinish(streamed));
const worker = new CohortWorker();
worker.unitCosts().then((u) => console.log(u.type === "success" ? u.deflators.length : u.errors));
worker.readUnitCostTable({ name: "Testshire", csv }).then((r) => console.log(r.type === "success" ? r.problems.length : r.errors));
const job: CohortJob = worker.run(new Blob(["family,age\n"]), cohortOptions, {
  onProgress: (p: CohortProgress) => console.log(p.rows, p.bytes / p.totalBytes),
});
job.result.then((answer) => {
  if (answer.type === "success") bindExports(document.body, answer);
});
// @ts-expect-error rates are decimal strings in the cohort's options too
const rateNumber: CohortOptions = { rulePack: "tf-2015", baseYear: "2013/14", appraisal: { engagement: 0.8 } };
console.log(rateNumber);

// ---------------------------------------------------------- whole places

const place: AppraisePlaceCall = {
  name: "Two-theme place",
  baseYear: "2013/14",
  horizonYears: 2,
  discounting: { schedule: "sensitivity", sensitivity: true },
  partners: [
    { id: "council", name: "Council", agencies: ["Local Authority"], source: "[A]" },
    { id: "police", name: "Police", agencies: ["Police"] },
  ],
  themes: [{
    id: "families", name: "Families", cohort: 100, source: "[V2] LGA-20yrs",
    costs: [{ year: 0, partner: "council", amount: "60000.00", source: "[A]" }, { year: 1, partner: "police", amount: "600.00", per: "family" }],
    outcomes: [{ name: "Fewer call-outs", engagement: "0.8", success: "0.5", deadweight: "0.2", durationYears: 2, source: "[A] WE6",
      values: [{ code: "CR1.0", quantity: "10", source: "[V] UCD" }] }],
  }],
};
const appraisedPlace: AppraisePlaceAnswer = appraisePlace(place);
if (appraisedPlace.type === "success") {
  const npv: DecimalString = appraisedPlace.place.central.npv;
  const table: string[] = appraisedPlace.themes.map((t) => `${t.id} ${t.appraisal.central.npv} ${t.partners.map((p) => `${p.id} ${p.costsPv} ${p.benefitPv}`).join(" ")}`);
  const share: DecimalString | null = appraisedPlace.partners[0]?.sharePercent ?? null;
  const scaling: string[] = appraisedPlace.themes.flatMap((t) => t.costs.filter((c) => c.per === "family").map((c) => `${c.amount} × ${t.cohort} = ${c.cost}`));
  console.log(scaling);
  console.log(appraisedPlace.discounting.edition, appraisedPlace.sensitivityDiscounting?.source, appraisedPlace.place.sensitivity?.npv);
  console.log(npv, table, share, appraisedPlace.rebalancing.map((r) => r.transfers.length), appraisedPlace.receipt.inputSha256);
} else {
  console.log(appraisedPlace.errors.map((e) => `${e.path ?? ""} ${e.code}`));
}
const combined: CombinePlacesAnswer = combinePlaces({ places: [place, { ...place, name: "Second place" }] });
if (combined.type === "success") {
  console.log(combined.total.npv, combined.spread.map((s) => `${s.measure} ${s.min} ${s.median} ${s.max} ${s.minPlace}`), combined.places.map((p) => `${p.name} ${p.npv} ${p.costsSharePercent ?? "-"}`));
}
const builtIn: AppraisePlaceCall = examplePlace().call;
console.log(builtIn.themes.length);
// @ts-expect-error a cost names its partner, not a funder
const funderNotPartner: AppraisePlaceCall = { ...place, themes: [{ id: "x", name: "X", cohort: 1, costs: [{ year: 0, funder: "council", amount: "1.00" }], outcomes: [] }] };
// @ts-expect-error amounts are decimal strings
const amountAsNumber: AppraisePlaceCall = { ...place, themes: [{ id: "x", name: "X", cohort: 1, costs: [{ year: 0, partner: "council", amount: 1 }], outcomes: [] }] };
// @ts-expect-error a cost is per "family" or "fixed"
const perHousehold: AppraisePlaceCall = { ...place, themes: [{ id: "x", name: "X", cohort: 1, costs: [{ year: 0, partner: "council", amount: "1.00", per: "household" }], outcomes: [] }] };
console.log(funderNotPartner, amountAsNumber, perHousehold);
// The place module alone has the same call and answer types.
const fromModule: PlaceModuleAnswer = appraisePlaceOnly(place);
console.log(fromModule.type);

// ------------------------------------------------- the other custom elements

const eligibilityElement = document.querySelector("community-budget-eligibility");
eligibilityElement?.addEventListener("community-budget:answer", (event) => {
  const { call: asked, answer: got } = event.detail;
  if (got.type === "success") console.log(asked.rulePack, got.status, got.whatWouldChange.map((w) => w.message));
});
eligibilityElement?.load(family);
const eligibilityAnswer: CheckEligibilityAnswer | null | undefined = eligibilityElement?.answer;
const familyNow: CheckEligibilityCall | undefined = eligibilityElement?.call;
console.log(eligibilityAnswer?.type, familyNow?.assessmentDate);

const savings: SavingsElement | null = document.querySelector("community-budget-savings");
savings?.addEventListener("community-budget:answer", (event) => {
  const got: AppraiseAnswer = event.detail.answer;
  if (got.type === "success") console.log(formatMoney(got.scenarios[0].central.npv), rateToPercent("0.125"));
});
savings?.load({ cohort: "100", outcome: { engagement: percentToRate("80") }, values: [{ description: "Police time", agency: "Police", amount: "1000", grade: 3 }] });
savings?.load({ deflator: "hmt-gdp-2026-03", unitCostTable: "ucd-v1.2", values: [{ code: "CR1.0", quantity: "1" }] });
console.log(savings?.prices?.discounting?.edition);
const savingsCall: AppraiseCall | undefined = savings?.call;
console.log(savingsCall?.baseYear, savings?.uiLanguage);

// Listening on the document gets any element's answer.
document.addEventListener("community-budget:answer", (event) => {
  const detail: AnswerDetail = event.detail;
  console.log(detail.answer.type);
});

// ------------------------------------------ figures only (issue 18, h18-figs)
import {
  costFamilyFigures,
  appraiseFigures,
  assessFamilyFigures,
  type CostFamilyFiguresAnswer,
  type AppraiseFiguresAnswer,
  type AssessFamilyFiguresAnswer,
  type FiguresReceipt,
} from "../../pkg/community_budget.js";

// The same calls as the explained functions take; the answers carry figures only.
const costFigures: CostFamilyFiguresAnswer = costFamilyFigures(call);
if (costFigures.type === "success") {
  const byAgency: string[] = costFigures.byAgency.map((a) => `${a.agency} ${a.amount}`);
  const lineCost: DecimalString | undefined = costFigures.lines[0]?.lineCost;
  const figuresReceipt: FiguresReceipt = costFigures.receipt;
  console.log(costFigures.total, costFigures.baseYear, byAgency, lineCost, figuresReceipt.unitCostTable?.sha256);
  // @ts-expect-error figures carry no descriptions
  console.log(costFigures.lines[0]?.description);
  // @ts-expect-error nor the input's hash
  console.log(figuresReceipt.inputSha256);
} else {
  console.log(costFigures.errors.map((e) => e.path), costFigures.receipt.inputSha256);
}
const appraisalFigures: AppraiseFiguresAnswer = appraiseFigures(savingsCall ?? { baseYear: "2013/14", scenarios: [] });
if (appraisalFigures.type === "success") {
  const central = appraisalFigures.scenarios[0]?.central;
  console.log(central?.npv, central?.roi.fiscal, central?.paybackPv.status, appraisalFigures.discountRates[0]?.rate);
}
const assessFigures: AssessFamilyFiguresAnswer = assessFamilyFigures(assessCall);
if (assessFigures.type === "success") {
  const decided: boolean = assessFigures.eligibility.eligible;
  const met: number = assessFigures.eligibility.criteriaMet;
  const costTotal: DecimalString | undefined = assessFigures.costs?.total;
  const nets: DecimalString[] | undefined = assessFigures.pool?.partners.map((p) => p.netPv);
  console.log(decided, met, costTotal, assessFigures.claim?.total, assessFigures.appraisal?.scenarios[0]?.central.npv, nets);
  console.log(assessFigures.eligibility.pack.sha256, assessFigures.receipt.rulePack?.id);
}

// Issue 18: the figures of checkEligibility alone, for the same call.
import {
  checkEligibilityFigures,
  type EligibilityFiguresAnswer,
  type GroupFigures,
  type FiguresReceipt as EligibilityFiguresReceipt,
} from "../../pkg/community_budget.js";
const decidedFigures: EligibilityFiguresAnswer = checkEligibilityFigures(family);
if (decidedFigures.type === "success") {
  const metGroups: string[] = decidedFigures.criteria
    .filter((g: GroupFigures) => g.met)
    .map((g) => `${g.id}: ${g.metIndicators.join(", ")}`);
  const needs: number | undefined = decidedFigures.indicatorsMet;
  const versions: EligibilityFiguresReceipt = decidedFigures.receipt;
  const packHash: string = `${decidedFigures.pack.id} ${decidedFigures.pack.version} ${decidedFigures.pack.sha256} ${decidedFigures.pack.extends ?? ""}`;
  const status: StatusView = decidedFigures.status;
  console.log(status, decidedFigures.eligible, decidedFigures.criteriaMet, decidedFigures.criteriaTotal, needs, metGroups, packHash, versions.rulePack?.sha256, decidedFigures.inForce);
} else {
  console.log(decidedFigures.errors.map((e: ErrorView) => `${e.path ?? ""} ${e.code}`), decidedFigures.receipt.inputSha256);
}

// Issue 18: the explained answer with its input hash left for later (a form recalculating on every keystroke).
import { type AnswerOptions } from "../../pkg/community_budget.js";
const later: AnswerOptions = { inputSha256: false };
const decidedLater: CheckEligibilityAnswer = checkEligibility(family, later);
const costedLater: CostFamilyAnswer = costFamily(call, { inputSha256: false });
const appraisedLater: AppraiseAnswer = appraise(appraisal, { inputSha256: true });
console.log(decidedLater.type, costedLater.type, appraisedLater.receipt.engineVersion);
