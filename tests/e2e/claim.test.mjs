// End-to-end: an officer checks what can be claimed for a family under
// payment by results, in headless Chromium. The families are those of
// tests/fixtures/claims.json, worked by hand there.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterLoad, axeViolations, openBrowser, openPortal } from "./browser.mjs";
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
  // An empty form takes the rules in force today (ff-2025: no results, so no records to ask for).
  assert.equal(await page.isVisible("#records-fieldset"), false);
  assert.equal(await text(page, "#add-outcome"), "Ychwanegu canlyniad angen arall");
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

// ------------------------------------------------- 2022 to 2025, and after

const root = fileURLToPath(new URL("../../", import.meta.url));

// Family C of tests/fixtures/claims.json under sf-2022 (the page's third example), worked there by hand:
// attached 2023-01-16 with three needs (mental health, domestic abuse on 2022-11-20, ESA to 2023-07-31) and
// a child of 7; case closed 2023-09-15; each outcome must hold pbr-sustain-months = 6 months after it:
// 2023-09-15 + 6 months = 2024-03-15. No attachment fee; pbr-results-payment £800 from 2024-03-15.
test("a 2022 to 2025 claim: the day before and on the day six months after closure; a need not sustained, one missing; the audit downloaded and printed", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example-3");
  await waitText(page, "#total", "£800.00");
  // The pack is the one in force on the attachment date.
  assert.equal(await page.inputValue("#pack"), "");
  assert.equal(await text(page, "#pack option:checked"), "The rules in force on the attachment date: sf-2022");
  assert.equal(await page.isVisible("#records-fieldset"), false);
  assert.equal(await page.isVisible("#outcomes-fieldset"), true);
  // The needs to choose from are the family's on the attachment date.
  const needs = await page.locator("#outcome-0-need option").evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(needs, ["", "mental-health", "domestic-abuse", "out-of-work-benefit"]);
  assert.match(await text(page, "#attachment-status"), /^eligible: 3 needs: /);

  // One day before: every need not yet, from 2024-03-15; nothing to claim.
  await page.fill("#claim-date", "2024-03-14");
  await waitText(page, "#total", "£0.00");
  assert.equal(await text(page, "#result-sustained-outcomes-check"), "Not yet");
  for (const need of ["mental-health", "domestic-abuse", "out-of-work-benefit"]) {
    assert.equal(await text(page, `#part-${need}-check`), "Not yet");
    assert.match(await text(page, `#part-${need}`), /\(from 2024-03-15\)/);
  }
  assert.match(await text(page, "#result-sustained-outcomes"), /Earliest date: 2024-03-15\./);
  assert.equal(await text(page, "#result-sustained-outcomes-paid"), "Pays £800.00 when met; nothing in this claim.");

  // On the day: £800, no attachment fee.
  await page.fill("#claim-date", "2024-03-15");
  await waitText(page, "#total", "£800.00");
  assert.equal(await text(page, "#results-payment"), "£800.00 from 2024-03-15");
  assert.equal(await text(page, "#attachment"), "None under this scheme");
  assert.equal(await text(page, "#case-closure"), "2023-09-15");
  assert.equal(await text(page, "#sustained-by"), "2024-03-15");
  assert.equal(await text(page, "#result-sustained-outcomes-check"), "Met");
  assert.equal(await page.getAttribute("#deal span", "lang"), "en-GB");

  // The audit check-list: the programme, the claim date, each date, each need with its evidence, the parameters.
  assert.equal(await text(page, "#audit-programme"), "Supporting Families (2022 to 2025): sf-2022");
  assert.equal(await text(page, "#audit-date"), "2024-03-15");
  const dates = await page.locator("#audit-dates tbody tr td:first-child").allTextContents();
  assert.deepEqual(dates, [...dates].sort(), "dates in order");
  for (const d of ["2023-01-16", "2023-06-01", "2023-07-01", "2023-08-01", "2023-09-15", "2024-03-15"]) assert.ok(dates.includes(d), d);
  assert.match(await text(page, "#audit-items"), /GP review: anxiety managed, no crisis since March/);
  assert.match(await text(page, "#audit-parameters"), /pbr-results-payment/);
  assert.match(await text(page, "#audit-parameters"), /pbr-sustain-months/);
  assert.ok((await page.locator("#audit-checks li").count()) > 0);
  assert.equal(await page.locator("#audit-signoff .cb-audit__line").count(), 4);

  // Downloaded as the engine's CSV, named with the claim date only.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#audit-download")]);
  assert.equal(download.suggestedFilename(), "claim-audit-2024-03-15.csv");
  await mkdir(`${root}target/e2e`, { recursive: true });
  const file = `${root}target/e2e/claim-audit.csv`;
  await download.saveAs(file);
  const csv = await readFile(file, "utf8");
  const lines = csv.split("\r\n");
  assert.ok(lines.length > 10, "a row each: dates, needs, parameters, checks, sign-off");
  for (const expected of ["2023-01-16", "2023-09-15", "2024-03-15", "GP review: anxiety managed, no crisis since March",
    "No police call-outs since March; MARAC case closed", "In work from 1 August (payslips); ESA ended 31 July",
    "pbr-results-payment", "pbr-sustain-months", "800"]) {
    assert.ok(lines.some((l) => l.includes(expected)), `the CSV has ${expected}`);
  }
  assert.match(await text(page, "#status"), /claim-audit-2024-03-15\.csv/);

  // Printed: the check-list only, headed with the programme and the date, with its sign-off lines.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("#audit-section"), true);
  assert.equal(await page.isVisible("#audit-programme"), true);
  assert.equal(await page.isVisible("#audit-signoff"), true);
  for (const hidden of ["h1", "#claim-form", "#summary", "#results", "#audit-download", "#audit-intro"]) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} is not printed`);
  }
  // On one A4 page.
  const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
  assert.equal(/\/Count (\d+)/.exec(pdf)?.[1], "1", "one page");
  await page.emulateMedia({ media: "screen" });

  // A need's outcome that lapsed before 2024-03-15 is not sustained: nothing to claim.
  await page.fill("#outcome-0-lapsedDate", "2024-01-10");
  await waitText(page, "#total", "£0.00");
  assert.equal(await text(page, "#part-mental-health-check"), "Not sustained");
  await page.fill("#outcome-0-lapsedDate", "");
  await waitText(page, "#total", "£800.00");
  // A need with no outcome recorded: evidence missing, naming what to record.
  await page.click("#outcomes-2 button");
  await waitText(page, "#total", "£0.00");
  assert.equal(await text(page, "#part-out-of-work-benefit-check"), "Evidence missing");
  assert.match(await text(page, "#part-out-of-work-benefit"), /out-of-work/i);

  for (const r of requests) assert.ok(r.url.startsWith(env.origin), `request to another origin: ${r.url}`);
  assert.deepEqual(requests.filter((r) => r.phase === "after").map((r) => r.url), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("attached in 2025/26: no results payments, said plainly with the pack's tag and source; Earned Autonomy: no claims", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, PAGE);
  // Empty: the rules in force today (from 2025-04-01: ff-2025).
  assert.equal(await text(page, "#pack option:checked"), "The rules in force today (no attachment date yet): ff-2025");
  await page.click("#load-example-3");
  await waitText(page, "#total", "£800.00");
  // Under ff-2025 (from 2025-04-01, pbr-scheme grant-only, tagged A): attached 2025-06-02.
  await page.fill("#claim-date", "2025-12-01");
  await page.fill("#attachment-date", "2025-06-02");
  await waitText(page, "#no-claims", "No results payments");
  assert.equal(await text(page, "#pack option:checked"), "The rules in force on the attachment date: ff-2025");
  assert.equal(await page.locator("#total").count(), 0, "no £0.00 figure");
  assert.doesNotMatch(await text(page, "#summary"), /£/);
  assert.match(await text(page, "#no-claims-why"), /\[A\]/);
  assert.match(await text(page, "#no-claims-why"), /domain-2026\.md/);
  assert.equal(await page.getAttribute("#no-claims-why", "lang"), "en-GB");
  assert.equal(await page.isVisible("#outcomes-fieldset"), false);
  assert.match(await text(page, "#status"), /^No results payments/);
  assert.deepEqual(await axeViolations(page), [], "no results payments");

  // Back to 2023 under sf-2022, in an Earned Autonomy area: nothing claimed, and why.
  await page.fill("#attachment-date", "2023-01-16");
  await page.fill("#claim-date", "2024-03-15");
  await waitText(page, "#total", "£800.00");
  await page.check("#earned-autonomy");
  await waitText(page, "#no-claims", "No claims: Earned Autonomy");
  await page.uncheck("#earned-autonomy");
  await waitText(page, "#total", "£800.00");
  // Any built-in pack can be chosen over the one in force: tf-2015 has no 2022 outcomes to ask for.
  await page.selectOption("#pack", "tf-2015");
  await page.waitForFunction(() => !document.querySelector("#records-fieldset").hidden);
  assert.equal(await page.isVisible("#outcomes-fieldset"), false);
  assert.deepEqual(afterLoad(requests).map((r) => r.url), [], "no request after load but axe-core's own");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a 2022 to 2025 claim in Welsh: the page's words, the engine's sentences marked English, the check-list; axe-core clean", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, `${PAGE}?lang=cy`);
  await assertWordTablesComplete(page, "/www/claim.js");
  assert.equal(await text(page, "#load-example-3"), "Llenwi enghraifft 2022 i 2025");
  assert.equal(await text(page, "#audit-heading"), "Rhestr wirio’r archwiliad");
  await page.click("#load-example-3");
  await waitText(page, "#total", "£800.00");
  assert.equal(await text(page, "#attachment"), "Dim o dan y cynllun hwn");
  assert.equal(await text(page, "#results-payment"), "£800.00 o 2024-03-15");
  assert.equal(await text(page, "#result-sustained-outcomes-check"), "Wedi’i fodloni");
  assert.equal(await text(page, "#outcomes-legend"), "Cau’r achos a chanlyniad pob angen");
  assert.equal(await text(page, 'label[for="case-closure-date"]'), "Achos wedi’i gau ar");
  assert.equal(await text(page, 'label[for="earned-autonomy"]'), "Ardal Ymreolaeth a Enillwyd");
  assert.equal(await text(page, "#audit-programme"), "Teuluoedd Cefnogol (2022 i 2025): sf-2022");
  assert.equal(await text(page, "#audit-download"), "Lawrlwytho’r rhestr wirio (CSV)");
  assert.equal(await page.getAttribute("#audit-title", "lang"), "en-GB");
  assert.equal(await page.getAttribute("#audit-checks li span[lang]", "lang"), "en-GB");
  assert.equal(await text(page, "#status"), "Gellir hawlio £800.00: ffi atodi £0.00, taliad canlyniadau £800.00.");
  assert.deepEqual(await axeViolations(page), [], "Welsh, 2022 claim and its check-list");
  await page.fill("#outcome-0-lapsedDate", "2024-01-10");
  await waitText(page, "#part-mental-health-check", "Heb ei gynnal");
  await page.fill("#outcome-0-lapsedDate", "");
  await page.fill("#claim-date", "2025-12-01");
  await page.fill("#attachment-date", "2025-06-02");
  await waitText(page, "#no-claims", "Dim taliadau canlyniadau");
  assert.equal(await text(page, "#status"), "Dim taliadau canlyniadau: ni hawlir dim ar gyfer y teulu hwn.");
  assert.deepEqual(await axeViolations(page), [], "Welsh, no results payments");
  assert.deepEqual(problems, []);
  await context.close();
});

test("save and open carry the closure and the needs' outcomes; a file saved before them still opens", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example-3");
  await page.fill("#outcome-1-lapsedDate", "2024-01-10");
  await waitText(page, "#total", "£0.00");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-case")]);
  await mkdir(`${root}target/e2e`, { recursive: true });
  const path = `${root}target/e2e/claim-2022-case.json`;
  await download.saveAs(path);
  const saved = JSON.parse(await readFile(path, "utf8"));
  assert.equal(saved.call.caseClosureDate, "2023-09-15");
  assert.equal(saved.call.needOutcomes[1].lapsedDate, "2024-01-10");
  await page.click("#clear-all");
  await page.click("#clear-all-confirm-yes");
  await page.setInputFiles("#open-case", path);
  await waitText(page, "#total", "£0.00");
  assert.equal(await page.inputValue("#case-closure-date"), "2023-09-15");
  assert.equal(await page.inputValue("#outcome-1-lapsedDate"), "2024-01-10");
  assert.equal(await page.inputValue("#outcome-2-need"), "out-of-work-benefit");
  // A phase 2 claim saved before the 2022 framework (no closure, outcomes or Earned Autonomy) opens as it was.
  await page.click("#load-example-2");
  await page.click("#load-example-2-confirm-yes");
  await waitText(page, "#total", "£1,800.00");
  const [old] = await Promise.all([page.waitForEvent("download"), page.click("#save-case")]);
  const oldPath = `${root}target/e2e/claim-old-case.json`;
  await old.saveAs(oldPath);
  const before2022 = JSON.parse(await readFile(oldPath, "utf8"));
  delete before2022.call.caseClosureDate;
  delete before2022.call.needOutcomes;
  delete before2022.call.earnedAutonomy;
  await writeFile(oldPath, JSON.stringify(before2022));
  await page.click("#load-example-3");
  await page.click("#load-example-3-confirm-yes");
  await waitText(page, "#total", "£800.00");
  await page.setInputFiles("#open-case", oldPath);
  await waitText(page, "#total", "£1,800.00");
  assert.equal(await page.inputValue("#pack"), "tf-2015");
  assert.equal(await page.isChecked("#earned-autonomy"), false);
  assert.deepEqual(problems, []);
  await context.close();
});
