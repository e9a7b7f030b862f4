// End-to-end: an officer checks what can be claimed for a family under
// payment by results, in headless Chromium. The families are those of
// tests/fixtures/claims.json, worked by hand there.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, openBrowser, openPortal } from "./browser.mjs";

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const PAGE = "/www/claim.html";
const text = async (page, selector) => (await page.locator(selector).textContent())?.trim();
const waitText = (page, selector, expected) =>
  page.waitForFunction(([s, e]) => document.querySelector(s)?.textContent?.trim() === e, [selector, expected]);

test("a phase 1 claim: every result, then without progress to work, with no request after load", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example");
  // Attached 2012-08-01 (year 1): 3,200 attachment fee; crime/ASB/education 700 (from 2013-07-19,
  // the end of the third term after attachment) and progress to work 100: 4,000.
  await waitText(page, "#total", "£4,000.00");
  assert.equal(await text(page, "#attachment"), "£3,200.00 from 2012-08-01");
  assert.equal(await text(page, "#results-payment"), "£800.00 from 2013-07-19");
  assert.equal(await text(page, "#deal"), "Phase 1, programme year 1");
  assert.equal(await text(page, "#attachment-status"), "automatic: Crime and anti-social behaviour, Education, Work");
  assert.match(await text(page, "#status"), /^£4,000\.00 can be claimed/);
  assert.ok(!(await text(page, "#results")).includes("null"));
  assert.equal(await text(page, "#result-crime-asb-education-check"), "Met");
  assert.equal(await text(page, "#part-asb-check"), "Met");
  // ASB: 5 before, 2 after: exactly 60 % down.
  assert.match(await text(page, "#part-asb"), /5 anti-social behaviour interventions across the family from 2012-02-01 to 2012-08-01, 2 from 2013-01-31 to 2013-07-31: down 60\.0 %/);
  assert.equal(await text(page, "#result-employment-check"), "Not met");

  // Without the Work Programme record: 3,900, and the missing evidence is named.
  await page.click("#records-0 button");
  await waitText(page, "#total", "£3,900.00");
  assert.equal(await text(page, "#result-progress-to-work-check"), "Evidence missing");
  assert.match(await text(page, "#result-progress-to-work-missing"), /No adult's volunteering for the Work Programme/);

  // One more ASB warning letter since attachment: 3 after, down 40 %: the result is lost: 3,200.
  await page.click("#add-fact");
  await page.selectOption("#fact-16-what", "asb");
  await page.selectOption("#fact-16-member", "1");
  await page.selectOption("#fact-16-kind", "warningLetter");
  await page.fill("#fact-16-from", "2013-05-20");
  await waitText(page, "#total", "£3,200.00");
  assert.equal(await text(page, "#part-asb-check"), "Not met");

  for (const r of requests) assert.ok(r.url.startsWith(env.origin), `request to another origin: ${r.url}`);
  assert.deepEqual(requests.filter((r) => r.phase === "after").map((r) => r.url), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a phase 2 claim: one results payment, from the first result met; a bad date is refused at its field", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example-2");
  // £1,000 + £800: continuous employment (13 of 15 weeks, ESA) met on 2016-04-03, before the
  // last outcomes-plan record (2016-04-10).
  await waitText(page, "#total", "£1,800.00");
  assert.equal(await text(page, "#results-payment"), "£800.00 from 2016-04-03");
  assert.equal(await text(page, "#result-employment-check"), "Met");
  assert.equal(await text(page, "#result-sustained-progress-check"), "Met");
  assert.equal(await text(page, "#deal"), "Phase 2");
  // Attached after the claim date: refused at the attachment date.
  await page.fill("#attachment-date", "2016-07-01");
  const link = page.locator("#error-summary a");
  await link.first().waitFor();
  assert.equal(await link.getAttribute("href"), "#attachment-date");
  assert.match(await link.textContent(), /after the claim date 2016-06-30/);
  await page.fill("#attachment-date", "2015-09-01");
  await waitText(page, "#total", "£1,800.00");
  assert.deepEqual(requests.filter((r) => r.phase === "after"), []);
  await context.close();
});

test("axe-core finds no accessibility violations: empty, with results, with errors", async () => {
  const { context, page } = await openPortal(env.browser, env.origin, PAGE);
  assert.deepEqual(await axeViolations(page), [], "empty form");
  await page.click("#load-example");
  await waitText(page, "#total", "£4,000.00");
  await page.click("#results details summary");
  assert.deepEqual(await axeViolations(page), [], "results shown, parameters open");
  await page.fill("#attachment-date", "2013-08-01");
  await page.locator("#error-summary a").first().waitFor();
  assert.deepEqual(await axeViolations(page), [], "errors shown");
  await context.close();
});
