// A council web team's code, type-checked with `tsc --noEmit` against the
// declarations wasm-pack generated in pkg/. If the contract's types drift
// (a renamed field, money typed as a number), this stops compiling.
import init, {
  appraise,
  costFamily,
  unitCosts,
  version,
  type AgencyView,
  type AppraiseAnswer,
  type AppraiseCall,
  type CostFamilyAnswer,
  type CostFamilyCall,
  type DecimalString,
  type ErrorView,
  type PaybackView,
  type Rate,
} from "../../pkg/community_budget.js";

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
// @ts-expect-error the base year is required
const noYear: CostFamilyCall = { items: [] };
console.log(moneyAsNumber, misspelt, noYear);

const narrowed = (a: CostFamilyAnswer): string => {
  // @ts-expect-error `total` exists only on a success
  return a.total;
};
console.log(narrowed);

// ------------------------------------------------------------------ appraise

const appraisal: AppraiseCall = {
  baseYear: "2013/14",
  discounting: { schedule: "greenBook" },
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
    console.log(npv, roi, range, cashable, perYear, engagement, versus, shown(s.central.paybackPv), s.years[0]?.discountFactor);
  }
  console.log(appraised.parameters.optimismBias.grades.map((g) => `${g.grade}: ${g.reduction}`));
} else {
  console.log(appraised.errors.map((e: ErrorView) => `${e.path ?? ""} ${e.code}`));
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
