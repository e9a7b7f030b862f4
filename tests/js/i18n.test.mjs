// The translation table, the money formatter and the prices line of the custom elements (no browser needed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { STRINGS, errorMessage, formatMoney, language, noteMessage, t } from "../../src/js/i18n.js";
import { pricesLine, problemMessage, tableNameOf } from "../../src/js/pricing.js";

test("every English string has a Welsh translation, with the same placeholders", () => {
  // Words spelt the same in both languages.
  const same = new Set(["table.cost", "app.cost.removeHidden", "app.yearOf", "pricing.tableShort.ucd-v1.2", "pricing.tableShort.ucd-v1.4",
    "council.problems.reason", "council.problems.columnName"]);
  const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const [key, english] of Object.entries(STRINGS.en)) {
    assert.ok(key in STRINGS.cy, `no Welsh for ${key}`);
    assert.deepEqual(placeholders(STRINGS.cy[key]), placeholders(english), `placeholders of ${key}`);
    if (!same.has(key)) assert.notEqual(STRINGS.cy[key], english, `${key} is not translated`);
  }
});

test("money is formatted exactly from the decimal string, the same in en-GB and cy-GB", () => {
  const rows = [
    ["45780.44", "£45,780.44"],
    ["0.00", "£0.00"],
    // A whole amount (a zero line, a published cost) shows its pence like the totals.
    ["0", "£0.00"],
    ["100", "£100.00"],
    ["1249.5", "£1,249.50"],
    ["1234567.891", "£1,234,567.891"],
    ["-2.50", "−£2.50"],
    ["99999999999999999999.99", "£99,999,999,999,999,999,999.99"],
  ];
  for (const [amount, shown] of rows) assert.equal(formatMoney(amount), shown);
});

test("languages and placeholders", () => {
  assert.equal(language("cy-GB"), "cy");
  assert.equal(language("CY"), "cy");
  assert.equal(language("en-GB"), "en");
  assert.equal(language(undefined), "en");
  assert.equal(t("cy", "status.problems.many", { n: 3 }), "Mae 3 problem gyda’r ffurflen.");
  assert.equal(t("en", "summary.total", { amount: "£1.00", year: "2013/14" }), "Total £1.00 a year at 2013/14 prices");
});

test("engine errors and notes: the engine's English, or the Welsh for their code and field", () => {
  const e = { code: "fractional_quantity", message: "A quantity is a whole number of units, and 2.5 is not.", path: "items[0].quantity" };
  assert.equal(errorMessage("en", e), e.message);
  assert.equal(errorMessage("cy", e), "Rhaid i nifer fod yn rhif cyfan.");
  const missing = { code: "invalid_field", message: "Enter what the local cost is for.", path: "localRows[1].description" };
  assert.equal(errorMessage("cy", missing), "Rhowch beth yw’r gost leol.");
  const empty = { code: "unknown_code", message: "Enter or choose a unit-cost code.", path: "items[2].code" };
  assert.equal(errorMessage("cy", empty), "Rhowch neu dewiswch god cost uned.");
  const unknown = { code: "some_new_code", message: "English only.", path: "x" };
  assert.equal(errorMessage("cy", unknown), "English only.");
  const note = { code: "forecast_index", message: "English." };
  assert.match(noteMessage("cy", note, { year: "2025/26", series: "datchwyddwyr CMC Trysorlys EF Mawrth 2026" }),
    /^Rhagolwg \(datchwyddwyr CMC Trysorlys EF Mawrth 2026\) .* ar gyfer 2025\/26, .* ym mhrisiau 2025\/26\.$/);
});

test("the prices a page's footer names: year, series, table (a council's on its base) and Green Book edition", () => {
  const today = { baseYear: "2024/25", deflator: "hmt-gdp-2026-03", unitCostTable: "ucd-v1.2" };
  assert.equal(pricesLine("en", today), "Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: UCD v1.2");
  assert.equal(pricesLine("en", { ...today, discounting: { schedule: "greenBook", edition: "2026", source: "…" } }),
    "Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: UCD v1.2; discounting: Green Book 2026");
  // Without an edition field, the latest year the schedule's source cites.
  assert.equal(pricesLine("en", { ...today, discounting: { schedule: "greenBook", source: "HM Treasury Green Book: 3.5% (2018, para 5.35); (2003, Annex 6)" } }),
    "Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: UCD v1.2; discounting: Green Book 2018");
  assert.equal(pricesLine("en", { ...today, discounting: { schedule: "custom" } }),
    "Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: UCD v1.2; discounting: your own rates");
  const council = { baseYear: "2013/14", deflator: "ucd-v1.2-ons-2013-06", unitCostTable: "council:Salford", extendsTable: "ucd-v1.2" };
  assert.equal(pricesLine("en", council), "Prices: 2013/14, UCD v1.2 index (ONS June 2013); unit costs: council:Salford on UCD v1.2");
  assert.equal(pricesLine("cy", { ...today, discounting: { edition: "2026" } }),
    "Prisiau: 2024/25, datchwyddwyr CMC Trysorlys EF Mawrth 2026; costau uned: UCD v1.2; disgowntio: Llyfr Gwyrdd 2026");
  assert.equal(tableNameOf("Salford costs 2025/26.csv"), "Salford costs 2025-26");
  assert.equal(tableNameOf(".csv"), "council");
});

test("a council table's problems: the engine's English, or the Welsh for their code and column", () => {
  const p = { line: 5, column: 6, columnName: "cost", code: "invalid_money", reason: "\"12x\" is not an amount of money; write it like 1234.56 or £1,234.56." };
  assert.equal(problemMessage("en", p), p.reason);
  assert.match(problemMessage("cy", p), /^Rhowch y gost mewn punnoedd/);
  const code = { line: 2, column: 1, columnName: "code", code: "invalid_field", reason: "English" };
  assert.match(problemMessage("cy", code), /^Rhowch god y rhes/);
  assert.equal(problemMessage("cy", { ...code, code: "new_code" }), "English");
});
