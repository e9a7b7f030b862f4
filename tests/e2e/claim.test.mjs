// End-to-end: an officer checks what can be claimed for a family under
// payment by results, in headless Chromium. The families are those of
// tests/fixtures/claims.json, worked by hand there.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, openBrowser, openPortal } from "./browser.mjs";
import { assertWordTablesComplete } from "./word-tables.mjs";

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

const CY_HEADING = "Beth all y cyngor ei hawlio am y teulu hwn, a phryd?";

test("in Welsh from ?lang=cy: the page's own words, a phase 1 claim, an error, then back to English; axe-core clean", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, `${PAGE}?lang=cy`);
  await assertWordTablesComplete(page, "/www/claim.js");
  assert.equal(await page.getAttribute("html", "lang"), "cy-GB");
  assert.equal(await page.getAttribute("#main-content", "lang"), null, "<main> is not marked English");
  assert.equal(await text(page, "h1"), CY_HEADING);
  assert.equal(await page.title(), "Gwirio hawliad – porth arddangos cyllideb gymunedol");
  assert.equal(await text(page, "#load-example-2"), "Llenwi enghraifft cam 2");
  assert.equal(await text(page, "#members-legend"), "Yr aelwyd");
  assert.equal(await text(page, 'label[for="attachment-date"]'), "Wedi’i atodi i’r rhaglen ar");
  assert.equal(await text(page, "#claim-date-hint"), "Mae cofnod y teulu’n rhedeg hyd at y diwrnod hwn.");
  assert.equal(await text(page, "#add-record"), "Ychwanegu cynnydd tuag at waith");
  assert.equal(await text(page, "#results"), "Bydd y canlyniadau’n ymddangos yma.");
  assert.match(await text(page, "#engine-status"), /^Yn barod: caiff yr hawliad ei gyfrifo/);
  assert.deepEqual(await axeViolations(page), [], "Welsh, empty form");

  await page.click("#load-example");
  await waitText(page, "#total", "£4,000.00");
  assert.equal(await text(page, "#attachment"), "£3,200.00 o 2012-08-01");
  assert.equal(await text(page, "#results-payment"), "£800.00 o 2013-07-19");
  assert.equal(await text(page, "#deal"), "Cam 1, blwyddyn 1 y rhaglen");
  // The status is the page's; the problems' names are the rule pack's, in English, marked so.
  assert.equal(await text(page, "#attachment-status"), "awtomatig: Crime and anti-social behaviour, Education, Work");
  assert.equal(await page.getAttribute("#attachment-status span", "lang"), "en-GB");
  assert.equal(await text(page, "#status"), "Gellir hawlio £4,000.00: ffi atodi £3,200.00, taliad canlyniadau £800.00.");
  assert.equal(await text(page, "#result-crime-asb-education-check"), "Wedi’i fodloni");
  assert.equal(await text(page, "#result-employment-check"), "Heb ei fodloni");
  assert.equal(await text(page, "#result-employment-paid"), "Yn talu £800.00 pan gaiff ei fodloni; dim yn yr hawliad hwn.");
  assert.equal(await page.getAttribute("#claim-summary", "lang"), "en-GB");
  assert.equal(await page.getAttribute("#result-employment h3 span", "lang"), "en-GB");
  assert.equal(await text(page, "#parameters caption"), "O tf-2012, mewn grym ar y dyddiad atodi");
  assert.equal(await text(page, 'label[for="fact-0-what"]'), "Ffaith 1");
  assert.equal(await text(page, "#fact-0-kind option:checked"), "Lwfans Ceisio Gwaith");
  await page.click("#results details summary");
  assert.deepEqual(await axeViolations(page), [], "Welsh, results shown, parameters open");

  // A count of sessions that is not a number: at its field, in a Welsh summary.
  await page.fill("#attendance-0-possible", "llawer");
  const link = page.locator("#error-summary a").first();
  await link.waitFor();
  assert.equal(await text(page, "#error-summary-title"), "Mae problem wedi codi");
  assert.equal(await link.getAttribute("href"), "#attendance-0-possible");
  // The engine's own sentence, exact, stays English and is marked so (ui.js showErrors: a per-code Welsh line would
  // be less exact than the engine's message); the summary's title and the field's "Error:" are Welsh.
  assert.equal((await link.textContent()).trim(), '"llawer" is not a number; enter the number of possible sessions as a whole number, 0 or more.');
  assert.equal(await link.locator('[lang="en-GB"]').count(), 1);
  assert.match(await text(page, "#attendance-0-possible-error"), /^Gwall: "llawer" is not a number/);
  assert.equal(await text(page, "#summary"), "Cywirwch y problemau a ddangosir i weld yr hawliad.");
  assert.deepEqual(await axeViolations(page), [], "Welsh, error shown");

  // Back to English.
  await page.click("#switch-language");
  assert.equal(await page.getAttribute("html", "lang"), "en-GB");
  assert.equal(await text(page, "h1"), "What can the council claim for this family, and when?");
  assert.equal(await text(page, 'label[for="attendance-0-possible"]'), "Possible sessions");
  await page.fill("#attendance-0-possible", "140");
  await waitText(page, "#total", "£4,000.00");
  assert.equal(await text(page, "#attachment-status"), "automatic: Crime and anti-social behaviour, Education, Work");
  assert.equal(await text(page, "#result-crime-asb-education-check"), "Met");
  assert.match(await text(page, "#status"), /^£4,000\.00 can be claimed/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the switch to Welsh redraws a phase 2 claim in Welsh, with the form and its confirmations", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example-2");
  await waitText(page, "#total", "£1,800.00");
  await page.click("#switch-language");
  await waitText(page, "h1", CY_HEADING);
  assert.equal(await page.getAttribute("#main-content", "lang"), null);
  assert.equal(await text(page, "#total"), "£1,800.00");
  assert.equal(await text(page, "#deal"), "Cam 2");
  assert.equal(await text(page, "#result-sustained-progress-check"), "Wedi’i fodloni");
  assert.equal(await text(page, "#record-0-problem option:checked"), "Iechyd");
  assert.equal(await text(page, "#fact-0-kind option:checked"), "Problem iechyd meddwl");
  assert.equal(await text(page, "#fact-3-member option:checked"), "Yr aelwyd");
  assert.equal(await text(page, "#add-record"), "Ychwanegu cynnydd yn erbyn y cynllun canlyniadau");
  assert.equal(await text(page, "#members-0 button"), "Dileu aelod 1");
  assert.equal(await text(page, "#case-section legend"), "Cadw neu agor yr achos hwn");
  // Filling in the other example asks first, in Welsh; Cancel keeps the claim.
  await page.click("#load-example");
  assert.equal(await text(page, "#load-example-confirm-question"), "Llenwi’r enghraifft? Mae’n disodli popeth a roddwyd yn y ffurflen.");
  await page.click("#load-example-confirm-cancel");
  assert.equal(await text(page, "#total"), "£1,800.00");
  assert.deepEqual(await axeViolations(page), [], "switched to Welsh with results");
  assert.deepEqual(problems, []);
  await context.close();
});
