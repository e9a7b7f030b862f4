// End-to-end: an officer uses the demo portal in headless Chromium.
// Expected figures are worked by hand in the comments (index values from
// data/gdp_deflator_hmt_2026_03.tsv, the default series, or
// data/gdp_deflator_ucd_v1_2.tsv where a test chooses it; unit cost rounded to
// the penny, then × quantity).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, openBrowser, openPortal } from "./browser.mjs";

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const text = async (page, selector) => (await page.locator(selector).textContent())?.trim();
const agencyRow = (page, agency) => page.locator("#family-by-agency tbody tr", { hasText: agency }).locator("td");

test("filling the form updates the agency table, with no request after the page has loaded", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin);
  // The UCD's own index and 2013/14 prices, chosen explicitly (the page opens in today's money).
  await page.selectOption("#family-deflator", "ucd-v1.2-ons-2013-06");
  await page.selectOption("#family-base-year", "2013/14");
  // CR1.0: 500 × 178.383195 / 137.744017 = 647.517… → 647.52; × 58 = 37,556.16.
  await page.fill("#family-item-0-code", "CR1.0");
  await page.fill("#family-item-0-quantity", "58");
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£37,556.16");
  assert.equal(await agencyRow(page, "Police").textContent(), "£37,556.16");

  // HE3.0: 109 × 178.383195 / 171.795689 = 113.179… → 113.18; × 5 = 565.90; total 38,122.06.
  await page.click("#family-add-item");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "family-item-1-code", "focus moves to the new row");
  await page.keyboard.type("HE3.0");
  await page.fill("#family-item-1-quantity", "5");
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£38,122.06");
  assert.equal(await agencyRow(page, "NHS").textContent(), "£565.90");
  assert.match(await text(page, "#family-status"), /Total £38,122\.06 a year at 2013\/14 prices/);

  // At 2012/13 prices (index 174.372625): CR1.0 500 × 174.372625 / 137.744017 = 632.958… → 632.96 × 58 = 36,711.68;
  // HE3.0 109 × 174.372625 / 171.795689 = 110.635… → 110.64 × 5 = 553.20; total 37,264.88.
  await page.selectOption("#family-base-year", "2012/13");
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£37,264.88");
  assert.equal(await agencyRow(page, "Police").textContent(), "£36,711.68");
  assert.equal(await agencyRow(page, "NHS").textContent(), "£553.20");

  // Privacy: everything came from this origin, and nothing was requested after the
  // page's own files had loaded, through all those edits.
  for (const r of requests) assert.ok(r.url.startsWith(env.origin), `request to another origin: ${r.url}`);
  assert.deepEqual(requests.filter((r) => r.phase === "after").map((r) => r.url), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a local cost is used by the family's items", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin);
  await page.click("#family-add-local");
  await page.fill("#family-local-0-code", "PCO");
  await page.fill("#family-local-0-description", "Police call-out to the home");
  await page.fill("#family-local-0-agency", "Police");
  await page.fill("#family-local-0-cost", "147");
  await page.selectOption("#family-local-0-price-year", "2024/25");
  await page.fill("#family-item-0-code", "PCO");
  await page.fill("#family-item-0-quantity", "3");
  // 147 at 2024/25 prices, costed in today's money (2024/25): 147.00 × 3 = 441.00.
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£441.00");
  assert.match(await text(page, "#family-lines tbody"), /Police call-out to the home \(your council’s cost\)/);
  assert.deepEqual(requests.filter((r) => r.phase === "after"), []);
  await context.close();
});

test("errors use the GOV.UK error summary and point at the field", async () => {
  const { context, page } = await openPortal(env.browser, env.origin);
  await page.fill("#family-item-0-code", "CR1.0");
  await page.fill("#family-item-0-quantity", "2.5");
  const link = page.locator("#family-error-summary a");
  await link.first().waitFor();
  assert.equal(await page.locator("#family-error-summary").isVisible(), true);
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute("href"), "#family-item-0-quantity");
  assert.match(await link.textContent(), /whole number/);
  // The field is marked, and its error is read out with it.
  assert.match(await text(page, "#family-item-0-quantity-error"), /^Error: A quantity is a whole number/);
  assert.match(await page.getAttribute("#family-item-0-quantity", "aria-describedby"), /family-item-0-quantity-error/);
  assert.match(await page.getAttribute("#family-item-0-quantity", "class"), /govuk-input--error/);
  // Following the link puts the cursor in the field.
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "family-item-0-quantity");
  // An unknown code and a bad local cost are named too.
  await page.fill("#family-item-0-quantity", "2");
  await page.fill("#family-item-0-code", "NOPE");
  await page.click("#family-add-local");
  await page.fill("#family-local-0-code", "L1");
  await page.fill("#family-local-0-cost", "12,50");
  await page.waitForFunction(() => document.querySelectorAll("#family-error-summary a").length === 2);
  const hrefs = await link.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  assert.deepEqual(hrefs.sort(), ["#family-item-0-code", "#family-local-0-cost"]);
  // Correcting them clears the summary.
  await page.fill("#family-item-0-code", "CR1.0");
  await page.getByRole("button", { name: "Remove local cost 1" }).click();
  await page.waitForFunction(() => document.querySelector("#family-error-summary").hidden);
  // Today's money: CR1.0 500 × 100.0000 / 56.6000 = 883.392… → 883.39; × 2 = 1,766.78.
  assert.equal(await text(page, "#family-total"), "£1,766.78");
  await context.close();
});

test("axe-core finds no accessibility violations, empty, with results and with errors", async () => {
  const { context, page } = await openPortal(env.browser, env.origin);
  assert.deepEqual(await axeViolations(page), [], "empty form");
  await page.click("#load-example");
  // The example family in today's money (2024/25, HM Treasury March 2026; index 2002/03 56.6000, 2006/07 63.2017,
  // 2011/12 70.3261): CR1.0 500 → 883.39 × 58 = 51,236.62; CR6.0 593 → 938.27 × 5 = 4,691.35; HE9.0 214 → 304.30 × 5
  // = 1,521.50; HE3.0 109 → 154.99 × 5 = 774.95; the council's injunction 1,249 at 2006/07 → 1,976.21 × 2 = 3,952.42;
  // its summons 100.00 at 2024/25 × 1 = 100.00; total 62,276.84.
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£62,276.84");
  await page.click("summary");
  assert.deepEqual(await axeViolations(page), [], "results shown, receipt open");
  await page.fill("#family-item-0-quantity", "-1");
  await page.fill("#family-local-0-cost", "twelve");
  await page.locator("#family-error-summary a").first().waitFor();
  assert.deepEqual(await axeViolations(page), [], "errors shown");
  await context.close();
});
