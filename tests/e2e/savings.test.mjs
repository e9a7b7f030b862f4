// End-to-end: an analyst uses the savings calculator in headless Chromium:
// the package's <community-budget-savings> element (id "savings": every id it
// renders starts "savings-") with the page's own charts, in English and in
// Welsh. Expected figures are worked by hand in the comments (domain.md WE6 and the
// engine's rounding: each year's flow to the penny, × the exact discount factor,
// to the penny).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { afterLoad, axeViolations, openBrowser, openPortal } from "./browser.mjs";

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const PAGE = "/www/savings.html";
const text = async (page, selector) => (await page.locator(selector).textContent())?.trim();
const waitText = (page, selector, expected) =>
  page.waitForFunction(([s, e]) => document.querySelector(s)?.textContent?.trim() === e, [selector, expected]);

/** What the charts draw: bar heights, the position line, the payback marker. */
const chartState = (page) => page.evaluate(() => ({
  bars: [...document.querySelectorAll("#chart-benefits rect")].map((r) => r.getAttribute("height")),
  line: document.querySelector("#position-line")?.getAttribute("points"),
  zero: document.querySelector("#zero-line")?.getAttribute("y1"),
  marker: document.querySelector("#payback-marker")?.getAttribute("x1"),
  benefits: document.querySelector("#chart-benefits-desc")?.textContent,
}));

test("changing the engagement rate updates NPV, ROI, payback and the chart, with no request after load", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example");
  // WE6: 100 × 80% × 50% = 40 succeed, less 20% deadweight = 32; 32 × 2,000 × 90% = 57,600, then 46,080 and 36,864;
  // PV 55,652.17 + 43,016.17 + 33,249.22 = 131,917.56; NPV 71,917.56; ROI 131,917.56 / 60,000 = 2.20;
  // position −60,000 → −4,347.83 → +38,668.34: year 2, 1 + 4,347.83 / 43,016.17 = 1.10 years.
  await waitText(page, "#savings-npv", "£71,917.56");
  assert.equal(await text(page, "#savings-roi-fiscal"), "2.20");
  assert.equal(await text(page, "#savings-bcr"), "2.20");
  assert.equal(await text(page, "#savings-payback-pv"), "in year 2 (1.10 years)");
  // Cash: −60,000 → −2,400 → +43,680: year 2, 1 + 2,400 / 46,080 = 1.05.
  assert.equal(await text(page, "#savings-payback"), "in year 2 (1.05 years)");
  // Who benefits: 65,958.78 / 39,575.27 / 26,383.51; police half cashable: 32,979.39.
  const police = page.locator("#savings-by-agency tbody tr", { hasText: "Police" }).locator("td");
  assert.equal(await police.nth(1).textContent(), "£65,958.78");
  assert.equal(await police.nth(2).textContent(), "£32,979.39");
  const before = await chartState(page);
  assert.equal(before.bars.length, 9, "three agencies in each of years 1 to 3");
  assert.ok(before.marker, "a payback marker");

  // Engagement 40%: 100 × 40% × 50% = 20, less deadweight = 16; 16 × 2,000 × 90% = 28,800, then 23,040 and 18,432;
  // PV 27,826.09 + 21,508.09 + 16,624.61 = 65,958.79; NPV 5,958.79; ROI 65,958.79 / 60,000 = 1.0993 → 1.10;
  // position −60,000 → −32,173.91 → −10,665.82 → +5,958.79: year 3, 2 + 10,665.82 / 16,624.61 = 2.64 years.
  await page.fill("#savings-engagement", "40");
  await waitText(page, "#savings-npv", "£5,958.79");
  assert.equal(await text(page, "#savings-roi-fiscal"), "1.10");
  assert.equal(await text(page, "#savings-payback-pv"), "in year 3 (2.64 years)");
  // Cash: −60,000 → −31,200 → −8,160 → +10,272: year 3, 2 + 8,160 / 18,432 = 2.44.
  assert.equal(await text(page, "#savings-payback"), "in year 3 (2.44 years)");
  const afterwards = await chartState(page);
  assert.equal(afterwards.bars.length, 9);
  // Halving engagement halves each year's benefit: the line keeps its shape on its own
  // scale, but crosses zero later and lower down.
  assert.notEqual(afterwards.zero, before.zero, "zero moves on the position chart");
  assert.notEqual(afterwards.marker, before.marker, "the payback marker moves");
  assert.notEqual(afterwards.benefits, before.benefits, "the benefits chart's description follows");
  assert.match(afterwards.benefits, /£27,826\.09/);
  assert.match(await text(page, "#savings-status"), /Net present value £5,958\.79; pays back in year 3 \(2\.64 years\)/);

  for (const r of requests) assert.ok(r.url.startsWith(env.origin), `request to another origin: ${r.url}`);
  assert.deepEqual(requests.filter((r) => r.phase === "after").map((r) => r.url), []);
  assert.deepEqual(problems, []);
  await context.close();
});

// The Green Book 2026 sensitivity test beside WE6's central case (3.0 % instead of 3.5 %):
// 55,922.33 + 43,434.82 + 33,735.78 = 133,092.93; NPV 73,092.93; return 2.22;
// payback in year 2 after 1 + 4,077.67 / 43,434.82 = 1.09 years.
test("the page offers the Green Book 2026 sensitivity test, shown beside the central case", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example");
  await waitText(page, "#savings-npv", "£71,917.56");
  assert.equal(await text(page, "#savings-who-benefits"), "Police £65,958.78; Local Authority £39,575.27; NHS £26,383.51");
  assert.equal(await page.locator("#savings-sensitivity-figures").count(), 0);
  await page.check("#savings-sensitivity");
  await page.locator("#savings-sensitivity-figures").waitFor();
  const rows = await page.$$eval("#savings-sensitivity-figures tbody tr", (trs) => trs.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [
    ["Net present value", "£71,917.56", "£73,092.93"],
    ["Fiscal return", "2.20", "2.22"],
    ["Economic return", "2.20", "2.22"],
    ["Public value return", "2.20", "2.22"],
    ["Pays back (discounted)", "in year 2 (1.10 years)", "in year 2 (1.09 years)"],
  ]);
  assert.match(await text(page, "#savings-status"), /Sensitivity test: net present value £73,092\.93\.$/);
  assert.equal(await text(page, "#savings-npv-sensitivity"), "£73,092.93");
  assert.match(await page.locator("#savings-results details").textContent(), /Sensitivity test.*Green Book 2026 \(February 2026\)/s);
  assert.doesNotMatch(await text(page, "#savings-summary"), /\b(pass|fail|good value|poor value)/i);
  assert.deepEqual(await axeViolations(page), [], "with the sensitivity test");
  await page.uncheck("#savings-sensitivity");
  await page.locator("#savings-sensitivity-figures").waitFor({ state: "detached" });
  assert.deepEqual(afterLoad(requests), [], "no request after the page had loaded (axe-core aside)");
  await context.close();
});

test("a rate above 100% is refused at its field, and the navigation links the two calculators", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example");
  await waitText(page, "#savings-npv", "£71,917.56");
  await page.fill("#savings-success", "150");
  const link = page.locator("#savings-error-summary a");
  await link.first().waitFor();
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute("href"), "#savings-success");
  // Asked for as the officer writes it, a percentage, not as the engine's rate ("at most 1").
  assert.equal(await link.textContent(), "Of those, succeed: enter a percentage from 0 to 100, as you would write it (3.5 or 3.5%).");
  assert.match(await text(page, "#savings-success-error"), /^Error: Of those, succeed: enter a percentage from 0 to 100/);
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "savings-success");
  await page.fill("#savings-success", "50");
  await page.waitForFunction(() => document.querySelector("#savings-error-summary").hidden);
  await waitText(page, "#savings-npv", "£71,917.56");
  assert.deepEqual(requests.filter((r) => r.phase === "after"), []);

  // The header's navigation: this page is current, the family-cost page one click away, and back.
  assert.equal(await page.getAttribute('nav a[aria-current="page"]', "href"), "savings.html");
  await page.click('nav a[href="index.html"]');
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.getAttribute('nav a[aria-current="page"]', "href"), "index.html");
  assert.ok(await page.locator('nav a[href="savings.html"]').count());
  await context.close();
});

test("axe-core finds no accessibility violations: empty, with results, with errors", async () => {
  const { context, page } = await openPortal(env.browser, env.origin, PAGE);
  assert.deepEqual(await axeViolations(page), [], "empty form");
  await page.click("#load-example");
  await waitText(page, "#savings-npv", "£71,917.56");
  await page.click("#savings-results summary");
  assert.deepEqual(await axeViolations(page), [], "results shown, receipt open");
  await page.fill("#savings-deadweight", "-5");
  await page.fill("#savings-value-0-amount", "lots");
  await page.locator("#savings-error-summary a").first().waitFor();
  assert.deepEqual(await axeViolations(page), [], "errors shown");
  await context.close();
});

test("the grades and schedules come from appraisalDefaults(); in Welsh: Welsh labels, the NPV, payback and the charts", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, PAGE);
  // Today's money, and the optimism-bias grades of the engine's defaults (domain.md C2 step 7: 0, 5, 10, 15, 25, 40%).
  assert.equal(await page.inputValue("#savings-base-year"), "2024/25");
  const grades = await page.$$eval("#savings-value-0-grade option", (options) => options.map((o) => o.textContent));
  assert.deepEqual(grades.slice(1), ["Grade 1: cut by 0%", "Grade 2: cut by 5%", "Grade 3: cut by 10%", "Grade 4: cut by 15%", "Grade 5: cut by 25%", "Grade 6: cut by 40%"]);
  assert.match(await text(page, "#footer-prices"), /^Prices: 2024\/25, HM Treasury GDP deflators March 2026; unit costs: UCD v1\.2; discounting: Green Book 2026$/);
  await page.click("#load-example");
  await waitText(page, "#savings-npv", "£71,917.56");

  await page.click("#switch-language");
  assert.equal(await page.getAttribute("html", "lang"), "cy-GB");
  assert.equal(await text(page, "#page-heading"), "Beth fyddai’r rhaglen yn ei arbed, i bwy, a phryd mae’n talu’n ôl?");
  assert.equal(await text(page, 'nav a[aria-current="page"]'), "Cyfrifiannell arbedion");
  assert.equal(await text(page, "label[for=savings-engagement]"), "Yn cymryd rhan (ymgysylltu)");
  assert.equal(await text(page, "#savings-summary-heading"), "Yr enillion ar y rhaglen");
  const welshGrades = await page.$$eval("#savings-value-0-grade option", (options) => options.map((o) => o.textContent));
  assert.equal(welshGrades[3], "Gradd 3: wedi’i thorri 10%");
  // The same figures (WE6, worked in the first test), worded in Welsh.
  await waitText(page, "#savings-npv", "£71,917.56");
  assert.equal(await text(page, "#savings-payback-pv"), "ym mlwyddyn 2 (1.10 o flynyddoedd)");
  assert.equal(await text(page, "#chart-benefits-caption"), "Buddion fesul blwyddyn ar werth presennol, fesul asiantaeth");
  assert.match(await text(page, "#footer-prices"), /^Prisiau: 2024\/25, /);
  // A rate above 100%, in Welsh.
  await page.fill("#savings-success", "150");
  await page.locator("#savings-error-summary a").first().waitFor();
  assert.equal(await text(page, "#savings-error-summary h2"), "Mae problem wedi codi");
  assert.match(await text(page, "#savings-success-error"), /^Gwall: /);
  assert.deepEqual(await axeViolations(page), [], "Welsh, with an error");
  // Back to English, keeping what was typed.
  await page.click("#switch-language");
  assert.equal(await text(page, "label[for=savings-engagement]"), "Take part (engagement)");
  await page.fill("#savings-success", "50");
  await waitText(page, "#savings-npv", "£71,917.56");
  assert.equal(await text(page, "#chart-benefits-caption"), "Benefits by year at present value, by agency");
  // Clearing the form (once confirmed) takes the charts away.
  await page.click("#savings-clear");
  await page.click("#savings-clear-confirm-yes");
  await page.locator("#chart-benefits").waitFor({ state: "detached" });
  assert.deepEqual(afterLoad(requests), []);
  assert.deepEqual(problems, []);
  await context.close();
});
