// A council web team's code, type-checked with `tsc --noEmit` against the
// declarations wasm-pack generated in pkg/. If the contract's types drift
// (a renamed field, money typed as a number), this stops compiling.
import init, {
  costFamily,
  unitCosts,
  version,
  type CostFamilyAnswer,
  type CostFamilyCall,
  type DecimalString,
  type ErrorView,
} from "../../pkg/community_budget.js";
import { formatMoney, type FamilyCostElement } from "../../pkg/elements.js";

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

// The custom element, as a web team would script it.
const element: FamilyCostElement | null = document.querySelector("community-budget-family-cost");
element?.addEventListener("community-budget:answer", (event) => {
  const { call: asked, answer: got } = event.detail;
  if (got.type === "success") console.log(asked.baseYear, formatMoney(got.total));
});
element?.load({ baseYear: "2013/14", items: [{ code: "CR1.0", quantity: 1 }] });
const language: "en" | "cy" | undefined = element?.uiLanguage;
console.log(language, element?.answer?.type);
