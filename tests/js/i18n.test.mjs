// The translation table and the money formatter of the custom elements (no browser needed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { STRINGS, errorMessage, formatMoney, language, noteMessage, t } from "../../src/js/i18n.js";

test("every English string has a Welsh translation, with the same placeholders", () => {
  // Words spelt the same in both languages.
  const same = new Set(["table.cost", "app.cost.removeHidden", "app.yearOf"]);
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
    ["100", "£100"],
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
  assert.match(noteMessage("cy", note, { year: "2014/15" }), /^Rhagolwg .* ar gyfer 2014\/15, .* ym mhrisiau 2014\/15\.$/);
});
