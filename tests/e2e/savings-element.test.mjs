// End-to-end: <community-budget-savings> on a page of its own (the package from
// pkg/), used with the keyboard, in Welsh, and with a mistake. The figures are
// domain.md's worked example WE6, worked by hand in tests/fixtures/appraisal.json
// ("we6-new-economy-example").
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { afterLoad, axeViolations, focused, lastAnswer, openBrowser, openPortal, tab, text } from "./browser.mjs";

const PAGE = "/tests/e2e/elements.html?element=savings";
let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const waitForNpv = (page, want) => page.waitForFunction((w) => document.querySelector("#el-npv")?.textContent === w, want);

/** Types into the focused field, then Tab. */
async function typeThenTab(page, ...values) {
  for (const value of values) {
    if (value !== null) await page.keyboard.type(value);
    await tab(page);
  }
}

// WE6: 100 families, 80 % engage, 50 % succeed, 20 % deadweight, £2,000 a year per
// outcome (police £1,000, council £600, NHS £400, evidence grade 3: 10 % optimism
// bias), three years fading 20 % a year, £60,000 in year 0, Green Book 3.5 %.
const WE6 = {
  name: "Family intervention", baseYear: "2013/14", cohort: "100",
  costs: [{ year: "0", funder: "Council", amount: "60000" }],
  outcome: { name: "Family turned around", engagement: "80", success: "50", deadweight: "20", lag: "0", duration: "3", dropOff: "20" },
  values: [
    { description: "Police time saved", agency: "Police", amount: "1000", grade: "3" },
    { description: "Council services", agency: "Local Authority", amount: "600", grade: "3" },
    { description: "Health services", agency: "NHS", amount: "400", grade: "3" },
  ],
};

test("keyboard only: WE6, figure by figure as worked by hand", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, PAGE);
  assert.deepEqual(await axeViolations(page), [], "empty form");
  assert.match(await text(page, "#el-summary"), /Fill in the form/);
  assert.ok(requests.some((r) => r.url.endsWith("/pkg/community_budget_appraisal_bg.wasm")));
  assert.ok(!requests.some((r) => /community_budget(_costs|_eligibility|_neighbourhood)?_bg\.wasm$/.test(r.url)), "no other engine module");

  await page.focus("#el-name");
  // Name; the price year keeps its default, today's money (the values are the council's own, so it moves no figure).
  await typeThenTab(page, "Family intervention", null);
  assert.equal(await focused(page), "el-cohort");
  // Cohort; the discount rate, the sensitivity test's checkbox (left unticked), unit-cost table and deflator series
  // keep their defaults; past the template link and the council's table.
  await typeThenTab(page, "100", null, null);
  for (const next of ["el-unit-cost-table", "el-deflator", "el-council-template", "el-council-file", "el-cost-0-year"]) {
    assert.equal(await focused(page), next);
    if (next !== "el-cost-0-year") await tab(page);
  }
  await typeThenTab(page, "0", "Council", "60000", null, null);
  assert.equal(await focused(page), "el-outcome-name");
  // Tabbing into a field selects what is in it, so typing replaces lag's and drop-off's 0.
  await typeThenTab(page, "Family turned around", "80", "50", "20", "0", "3", "20");
  assert.equal(await focused(page), "el-value-0-code");
  const value = async (n, description, agency, amount) => {
    assert.equal(await focused(page), `el-value-${n}-code`);
    await typeThenTab(page, null, null, description, agency, amount);
    assert.equal(await focused(page), `el-value-${n}-grade`);
    for (let i = 0; i < 3; i += 1) await page.keyboard.press("ArrowDown"); // grade 3
    await tab(page, 2); // past "Remove" to "Add another value"
    assert.equal(await focused(page), "el-add-value");
  };
  await value(0, "Police time saved", "Police", "1000");
  await page.keyboard.press("Enter");
  await value(1, "Council services", "Local Authority", "600");
  await page.keyboard.press("Enter");
  await value(2, "Health services", "NHS", "400");

  // PV of 57,600 / 46,080 / 36,864 at 3.5 %: 55,652.17 + 43,016.17 + 33,249.22 = 131,917.56; less 60,000.
  await waitForNpv(page, "£71,917.56");
  assert.equal(await text(page, "#el-bcr"), "2.20");
  assert.equal(await text(page, "#el-roi-fiscal"), "2.20");
  // Value for money side by side (Green Book 2026): who benefits is in the summary, and no figure passes or fails.
  assert.equal(await text(page, "#el-who-benefits"), "Police £65,958.78; Local Authority £39,575.27; NHS £26,383.51");
  assert.match(await text(page, "#el-vfm-note"), /no single ratio decides it/);
  assert.doesNotMatch(await text(page, "#el-summary"), /\b(pass|fail|good value|poor value)/i);
  assert.equal(await page.locator("#el-sensitivity-figures").count(), 0, "no sensitivity test unless asked");
  // Discounted position −60,000; −4,347.83; +38,668.34: year 2, 1 + 4,347.83 / 43,016.17 = 1.10 years.
  assert.equal(await text(page, "#el-payback-pv"), "in year 2 (1.10 years)");
  // Cash: −60,000; −2,400; +43,680: 1 + 2,400 / 46,080 = 1.05 years.
  assert.equal(await text(page, "#el-payback"), "in year 2 (1.05 years)");
  // Who benefits: 131,917.56 split 50/30/20, each year's penny placed by largest remainder.
  const byAgency = await page.$$eval("#el-by-agency tbody tr", (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[2].textContent]));
  assert.deepEqual(byAgency, [["Police", "£65,958.78"], ["Local Authority", "£39,575.27"], ["NHS", "£26,383.51"]]);
  // Low case: grade 3 cut at the top of its band (15 %); high case: no cut.
  const ranges = await page.$$eval("#el-ranges tbody tr", (rows) => rows.map((r) => r.cells[1].textContent));
  assert.deepEqual(ranges, ["£64,588.82", "£71,917.56", "£86,575.07"]);
  // 100 × 80 % = 80 take part; × 50 % = 40 succeed; less 20 % deadweight = 32; 2,000 × 0.9 = 1,800 a year each.
  assert.match(await text(page, "#el-trace"), /^100 families × 80% taking part = 80; × 50% succeeding = 40; less 20% deadweight = 32 outcomes that count\./);
  assert.match(await text(page, "#el-trace"), /Police time saved \(Police\): £1,000(\.00)? × 1 = £1,000(\.00)? a year, grade 3, cut by 10% to £900(\.00)?\./);
  assert.match(await text(page, "#el-status"), /^Net present value £71,917\.56; pays back in year 2 \(1\.10 years\)\.$/);

  // The event carries the engine's answer for the call the form describes (percentages as rates).
  const detail = await lastAnswer(page);
  const outcome = detail.call.scenarios[0].outcomes[0];
  assert.deepEqual([outcome.engagement, outcome.success, outcome.deadweight, outcome.dropOff], ["0.8", "0.5", "0.2", "0.2"]);
  assert.deepEqual(outcome.values.map((v) => [v.agency, v.amount, v.grade]), [["Police", "1000", 3], ["Local Authority", "600", 3], ["NHS", "400", 3]]);
  assert.equal(detail.answer.type, "success");
  assert.equal(detail.answer.scenarios[0].central.npv, "71917.56");
  assert.equal(await page.evaluate(() => document.querySelector("#el").answer.scenarios[0].central.npv), "71917.56");
  assert.deepEqual(await axeViolations(page), [], "a result");

  // Cashable: half of the police's benefit: 32,979.39 of 65,958.78 (the other half not).
  await tab(page);
  assert.equal(await focused(page), "el-add-cashable");
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "el-cashable-0-agency");
  await typeThenTab(page, "Police", "50");
  await page.waitForFunction(() => document.querySelector("#el-by-agency tbody tr")?.cells[3].textContent === "£32,979.39");
  assert.equal(await page.$eval("#el-by-agency tbody tr", (r) => r.cells[4].textContent), "£32,979.39");
  assert.deepEqual(problems, []);
  assert.deepEqual(afterLoad(requests), [], "no request after the page had loaded");
  await context.close();
});

// The Green Book 2026 sensitivity test beside WE6's central case: the same flows at 3.0 %:
// 57,600 / 1.03 = 55,922.33; 46,080 / 1.0609 = 43,434.82; 36,864 / 1.092727 = 33,735.78;
// 133,092.93 − 60,000 = 73,092.93; return 133,092.93 / 60,000 = 2.22; position −60,000 →
// −4,077.67 → +39,357.15: year 2, 1 + 4,077.67 / 43,434.82 = 1.09 years.
test("the sensitivity test, ticked with the keyboard, shows beside the central case", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, PAGE);
  await page.evaluate((form) => document.querySelector("#el").load(form), WE6);
  await waitForNpv(page, "£71,917.56");
  await page.focus("#el-sensitivity");
  await page.keyboard.press("Space");
  await page.locator("#el-sensitivity-figures").waitFor();
  const rows = await page.$$eval("#el-sensitivity-figures tbody tr", (trs) => trs.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [
    ["Net present value", "£71,917.56", "£73,092.93"],
    ["Fiscal return", "2.20", "2.22"],
    ["Economic return", "2.20", "2.22"],
    ["Public value return", "2.20", "2.22"],
    ["Pays back (discounted)", "in year 2 (1.10 years)", "in year 2 (1.09 years)"],
  ]);
  assert.equal(await text(page, "#el-npv"), "£71,917.56", "the central case is unchanged");
  assert.equal(await text(page, "#el-npv-sensitivity"), "£73,092.93");
  assert.match(await text(page, "#el-status"), /Sensitivity test: net present value £73,092\.93\.$/);
  const detail = await lastAnswer(page);
  assert.deepEqual(detail.call.discounting, { schedule: "greenBook", sensitivity: true });
  assert.equal(detail.answer.parameters.sensitivityDiscounting.edition, "Green Book 2026 (February 2026)");
  // The receipt names each schedule with its edition and source.
  assert.match(await text(page, "#el-results details"), /Green Book 2026 \(February 2026\): HM Treasury, The Green Book \(February 2026\): the new sensitivity test/);
  assert.deepEqual(await axeViolations(page), [], "with the sensitivity test");
  await page.keyboard.press("Space");
  await page.locator("#el-sensitivity-figures").waitFor({ state: "detached" });
  assert.deepEqual(afterLoad(requests), []);
  await context.close();
});

test("a mistake: Enter moves focus to the error summary, its link to the field", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, PAGE);
  await page.evaluate((form) => document.querySelector("#el").load(form), WE6);
  await waitForNpv(page, "£71,917.56");
  await page.focus("#el-engagement");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("180");
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "el-error-summary");
  const detail = await lastAnswer(page);
  assert.equal(detail.answer.type, "failure");
  assert.equal(detail.answer.errors[0].path, "scenarios[0].outcomes[0].engagement");
  assert.match(await text(page, "#el-summary"), /Correct the problems/);
  assert.match(await text(page, "#el-engagement-error"), /^Error: /);
  assert.match(await text(page, "#el-status"), /There is 1 problem/);
  assert.deepEqual(await axeViolations(page), [], "error state");
  await tab(page);
  assert.equal(await focused(page), "#el-engagement");
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "el-engagement");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("80");
  await waitForNpv(page, "£71,917.56");
  assert.equal(await page.isHidden("#el-error-summary"), true);
  assert.deepEqual(afterLoad(requests), []);
  await context.close();
});

test("in Welsh: Welsh labels, the same exactly formatted money, Welsh payback and errors", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, `${PAGE}&lang=cy`);
  assert.equal(await text(page, "label[for=el-cohort]"), "Teuluoedd yn y rhaglen");
  assert.equal(await text(page, "label[for=el-cost-0-amount]"), "Cost 1: swm");
  assert.equal(await text(page, "#el-summary-heading"), "Yr enillion ar y rhaglen");
  assert.equal(await text(page, "label[for=el-sensitivity]"), "Dangos hefyd brawf sensitifrwydd Llyfr Gwyrdd 2026 (dim ffafriaeth amser pur)");
  assert.deepEqual(await axeViolations(page), [], "Welsh, empty");
  await page.evaluate((form) => document.querySelector("#el").load(form), WE6);
  await waitForNpv(page, "£71,917.56");
  assert.equal(await text(page, "#el-payback-pv"), "ym mlwyddyn 2 (1.10 o flynyddoedd)");
  assert.equal(await page.$eval("#el-by-agency tbody tr", (r) => r.cells[1].textContent), "Cyllidol");
  assert.match(await text(page, "#el-status"), /^Gwerth presennol net £71,917\.56; yn talu’n ôl ym mlwyddyn 2/);
  assert.deepEqual(await axeViolations(page), [], "Welsh, a result");
  await page.fill("#el-deadweight", "120");
  await page.locator("#el-error-summary a").first().waitFor();
  assert.equal(await text(page, "#el-error-summary h2"), "Mae problem wedi codi");
  assert.equal(await page.getAttribute("#el-error-summary a", "href"), "#el-deadweight");
  assert.match(await text(page, "#el-deadweight-error"), /^Gwall: /);
  assert.match(await text(page, "#el-summary"), /Cywirwch y problemau/);
  assert.deepEqual(await axeViolations(page), [], "Welsh, an error");
  assert.deepEqual(afterLoad(requests), []);
  await context.close();
});
