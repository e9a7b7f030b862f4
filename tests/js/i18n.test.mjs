// The translation table, the money formatter, the prices line and the case-file reader of the custom elements (no browser needed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { STRINGS, errorMessage, formatMoney, language, noteMessage, percentToRate, t } from "../../src/js/i18n.js";
import { pricesLine, problemMessage, tableNameOf } from "../../src/js/pricing.js";
import { maybe, readCaseFile, shapeError, shapeOf } from "../../src/js/case-store.js";

test("every English string has a Welsh translation, with the same placeholders", () => {
  // Words spelt the same in both languages.
  const same = new Set(["table.cost", "app.cost.removeHidden", "app.yearOf", "pricing.tableShort.ucd-v1.2", "pricing.tableShort.ucd-v1.4",
    "council.problems.reason", "council.problems.columnName", "elig.counted.filter"]);
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

test("no English string puts “a” before a vowel sound: “Add an incident”, not “Add a incident”", () => {
  // "a" before a word starting with a vowel letter, except words said with a consonant ("a useful", "a one-off").
  const wrong = /\ba [aeiou](?!s(e|u)|n[ei]|ni|ne-)/i;
  for (const [key, english] of Object.entries(STRINGS.en)) assert.doesNotMatch(english, wrong, `${key}: ${english}`);
  // The eligibility element's "Add" buttons, each named by hand: English article, and Welsh with none (Welsh has no indefinite article).
  const adds = {
    domesticAbuse: ["Add an incident", "Ychwanegu digwyddiad"],
    offences: ["Add an offence", "Ychwanegu trosedd"],
    asb: ["Add an intervention", "Ychwanegu ymyriad"],
    exclusions: ["Add an exclusion", "Ychwanegu gwaharddiad"],
    schoolTerms: ["Add a school term", "Ychwanegu tymor ysgol"],
  };
  for (const [list, [en, cy]] of Object.entries(adds)) {
    assert.equal(t("en", `elig.add.${list}`), en);
    assert.equal(t("cy", `elig.add.${list}`), cy);
  }
});

test("a percentage is read as the officer writes it, with or without the sign, by moving the point", () => {
  const rows = [
    ["80", "0.8"], ["3.5", "0.035"], ["3.5%", "0.035"], [" 3.5 % ", "0.035"], ["100%", "1"], ["0%", "0"], ["12.25", "0.1225"],
    // Not a percentage: sent as typed, for the engine to refuse on the field (the page then asks for a percentage).
    ["abc", "abc"], ["3,5", "3,5"], ["%", "%"],
  ];
  for (const [typed, rate] of rows) assert.equal(percentToRate(typed), rate, typed);
  // The words the refusal uses, in both languages, name the field and both ways of writing it.
  assert.equal(t("en", "percent.error", { field: "Take part (engagement)" }),
    "Take part (engagement): enter a percentage from 0 to 100, as you would write it (3.5 or 3.5%).");
  assert.match(t("cy", "percent.error", { field: "Yn cymryd rhan" }), /^Yn cymryd rhan: rhowch ganran o 0 i 100.*\(3\.5 neu 3\.5%\)\.$/);
});

test("a case file's shape: the path of the first field that does not fit, or null", () => {
  const schema = { name: "text", on: "bool?", rows: [{ n: "text|number" }], extra: maybe({ csv: "text" }) };
  assert.equal(shapeError({ name: "a", rows: [{ n: "1" }, { n: 2 }] }, schema), null);
  assert.equal(shapeError({ name: "a", on: "yes", rows: [] }, schema), ".on");
  assert.equal(shapeError({ name: "a", rows: [{ n: "1" }, { n: true }] }, schema), ".rows[1].n");
  assert.equal(shapeError({ name: "a", rows: {} }, schema), ".rows");
  assert.equal(shapeError({ name: "a", rows: [], extra: { csv: 3 } }, schema), ".extra.csv");
  assert.equal(shapeError(null, schema), "");
  assert.equal(shapeError([], schema), "");
  // A schema read off an empty form.
  assert.deepEqual(shapeOf({ a: "", b: false, list: [{ c: "" }] }), { a: "text", b: "bool", list: [{ c: "text" }] });
  // A case file whose call is not an object is refused as "call", not taken as sound.
  const file = (call) => JSON.stringify({ format: "community-budget-case", version: 1, kind: "k", call });
  assert.deepEqual(readCaseFile(file(7), "k", (c) => shapeError(c, schema)), { error: "call" });
  assert.deepEqual(readCaseFile(file({ name: "x", rows: [] }), "k", (c) => shapeError(c, schema)), { call: { name: "x", rows: [] } });
  assert.deepEqual(readCaseFile(file({}), "other", () => null), { error: "kind" });
  assert.deepEqual(readCaseFile("{", "k", () => null), { error: "json" });
});
