// End-to-end: an analyst works out partner returns for a pooled budget in the
// demo portal, in headless Chromium. The figures are the four-partner pool of
// tests/fixtures/pool.json, worked by hand there (a 25 % discount rate keeps
// them exact: year 1 × 0.8, year 2 × 0.64).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, openBrowser, openPortal } from "./browser.mjs";
import { assertWordTablesComplete } from "./word-tables.mjs";

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const PAGE = "/www/partners.html";
const text = async (page, selector) => (await page.locator(selector).textContent())?.trim();
const waitText = (page, selector, expected) =>
  page.waitForFunction(([s, e]) => document.querySelector(s)?.textContent?.trim() === e, [selector, expected]);
const row = (page, table, name) => page.locator(`#${table} tbody tr`, { hasText: name });
const cells = async (page, table, name) =>
  (await row(page, table, name).locator("td").allTextContents()).map((t) => t.trim());

test("partner returns, rebalancing on both bases and the chart, with no request after load", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example");
  // Benefits 216,000 against contributions 116,000: return 216,000 / 116,000 = 1.862 → 1.86.
  await waitText(page, "#pool-roi", "1.86");
  assert.equal(await text(page, "#pool-in"), "£116,000.00");
  assert.equal(await text(page, "#pool-saved"), "£216,000.00");
  assert.equal(await text(page, "#pool-net"), "£100,000.00");
  // Council: puts in 60,000 + 20,000 × 0.8 = 76,000; gets 43,200 (cashable a quarter, 10,800);
  // net −32,800; return 0.57; share 76 / 116 = 65.52 %; never pays back.
  assert.deepEqual(await cells(page, "partner-returns", "Council"),
    ["Local Authority", "£76,000.00", "£43,200.00", "£10,800.00", "−£32,800.00", "0.57", "65.52%", "not within the appraisal"]);
  // Police: 20,000 in, 72,000 back: 3.60, pays back in year 1 after 20,000 / 40,000 = 0.50 years.
  assert.deepEqual(await cells(page, "partner-returns", "Police"),
    ["Police", "£20,000.00", "£72,000.00", "£36,000.00", "£52,000.00", "3.60", "17.24%", "in year 1 (0.50 years)"]);
  // Fiscal basis: 216,000 shared 76 : 20 : 10 : 10 → 141,517.24 / 37,241.38 / 18,620.69 / 18,620.69.
  assert.deepEqual(await cells(page, "rebalanced", "Council"),
    ["£141,517.24", "£98,317.24", "£141,517.24", "£65,517.24", "1.86"]);
  assert.deepEqual((await page.locator("#transfers li").allTextContents()).map((t) => t.trim()), [
    "Jobcentre Plus pays Council £53,379.31",
    "Police pays Council £34,758.62",
    "NHS trust pays Council £10,179.31",
  ]);
  assert.ok(!(await text(page, "#results")).includes("null"));
  // Five bars a partner: puts in, gets back, net, and gets back and net after rebalancing.
  assert.equal(await page.locator("#chart-partners rect").count(), 20);
  const councilNet = page.locator('#chart-partners rect[data-partner="Council"][data-series="net"]');
  assert.match(await councilNet.locator("title").textContent(), /Council, net: −£32,800\.00/);
  assert.match(await text(page, "#chart-partners-desc"), /Council: puts in £76,000\.00, gets back £43,200\.00, net −£32,800\.00; after rebalancing £141,517\.24, net £65,517\.24\./);

  // Cashable basis: only 118,800 of cashable savings move: JCP pays the Council 61,758.62,
  // the Police pay the NHS trust 10,241.38 and the Council 5,275.86.
  await page.check("#basis-cashable");
  await page.locator("#transfers li").first().waitFor();
  assert.deepEqual((await page.locator("#transfers li").allTextContents()).map((t) => t.trim()), [
    "Jobcentre Plus pays Council £61,758.62",
    "Police pays NHS trust £10,241.38",
    "Police pays Council £5,275.86",
  ]);
  assert.deepEqual(await cells(page, "rebalanced", "Jobcentre Plus"),
    ["£10,241.38", "−£61,758.62", "£10,241.38", "£241.38", "1.02"]);
  assert.match(await text(page, "#chart-partners-desc"), /Jobcentre Plus: puts in £10,000\.00, gets back £72,000\.00, net £62,000\.00; after rebalancing £10,241\.38, net £241\.38\./);

  // The Police double their contribution to 40,000: their return 72,000 / 40,000 = 1.80; the pool
  // puts in 136,000: 216,000 / 136,000 = 1.588 → 1.59.
  await page.fill("#contribution-2-amount", "40000");
  await waitText(page, "#pool-roi", "1.59");
  assert.equal((await cells(page, "partner-returns", "Police"))[5], "1.80");

  for (const r of requests) assert.ok(r.url.startsWith(env.origin), `request to another origin: ${r.url}`);
  assert.deepEqual(requests.filter((r) => r.phase === "after").map((r) => r.url), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an agency given to two partners is refused at its field; the navigation reaches every page", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example");
  await waitText(page, "#pool-roi", "1.86");
  await page.fill("#partner-1-agencies", "Police, local authority");
  const link = page.locator("#error-summary a");
  await link.first().waitFor();
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute("href"), "#partner-1-agencies");
  assert.match(await link.textContent(), /already belongs to Council/);
  await page.fill("#partner-1-agencies", "Police");
  await waitText(page, "#pool-roi", "1.86");
  assert.deepEqual(requests.filter((r) => r.phase === "after"), []);
  assert.equal(await page.getAttribute('nav a[aria-current="page"]', "href"), "partners.html");
  for (const href of ["index.html", "eligibility.html", "savings.html", "claim.html"]) {
    assert.equal(await page.locator(`nav a[href="${href}"]`).count(), 1, href);
  }
  await context.close();
});

test("axe-core finds no accessibility violations: empty, with results, with errors", async () => {
  const { context, page } = await openPortal(env.browser, env.origin, PAGE);
  assert.deepEqual(await axeViolations(page), [], "empty form");
  await page.click("#load-example");
  await waitText(page, "#pool-roi", "1.86");
  await page.click("#results details summary");
  assert.deepEqual(await axeViolations(page), [], "results shown, receipt open");
  await page.fill("#contribution-0-amount", "-5");
  await page.locator("#error-summary a").first().waitFor();
  assert.deepEqual(await axeViolations(page), [], "errors shown");
  await context.close();
});

// The page's words in Welsh (the page's own tables, written by hand here).
const CY = {
  heading: "Pwy sy’n talu i mewn i’r gyllideb gyfun, a phwy sy’n cael yr arbedion?",
  ready: "Yn barod: caiff enillion pob partner eu cyfrifo yn y porwr hwn wrth i chi deipio.",
};

test("in Welsh from ?lang=cy: the page's own words, a pool worked out, an error, then back to English; axe-core clean", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, `${PAGE}?lang=cy`);
  await assertWordTablesComplete(page, "/www/partners.js");
  assert.equal(await page.getAttribute("html", "lang"), "cy-GB");
  assert.equal(await page.getAttribute("#main-content", "lang"), null, "<main> is not marked English");
  assert.equal(await text(page, "h1"), CY.heading);
  assert.equal(await text(page, "#engine-status"), CY.ready);
  assert.equal(await text(page, "#programme-legend"), "Beth mae’r rhaglen yn ei gyflawni");
  assert.equal(await text(page, 'label[for="cohort"]'), "Teuluoedd yn y rhaglen");
  assert.equal(await text(page, 'label[for="contribution-0-kind"]'), "Math");
  assert.deepEqual((await page.locator("#contribution-0-kind option").allTextContents()), ["Arian parod", "Mewn nwyddau"]);
  assert.equal(await text(page, "#load-example"), "Llenwi enghraifft");
  assert.equal(await text(page, "#clear-all"), "Clirio’r ffurflen");
  assert.equal(await text(page, "#add-partner"), "Ychwanegu partner arall");
  assert.equal(await text(page, "#summary"), "Llenwch y ffurflen, neu enghraifft, i weld y ffigurau.");
  assert.equal(await text(page, "#case-section legend"), "Cadw neu agor yr achos hwn");
  assert.equal(await text(page, "#print-page"), CY.heading);
  assert.equal(await page.title(), "Enillion partneriaid – porth arddangos cyllideb gymunedol");
  assert.deepEqual(await axeViolations(page), [], "Welsh, empty form");

  // The same pool as in English: the figures keep their format, the sentences are Welsh.
  await page.click("#load-example");
  await waitText(page, "#pool-roi", "1.86");
  assert.equal(await text(page, "#pool-in"), "£116,000.00");
  assert.equal(await text(page, "#pool-note"), "Gwerthoedd presennol ym mhrisiau 2024/25 dros flynyddoedd 0 i 2; yr enillion yw’r hyn a arbedir am bob £1 a roddir i mewn.");
  assert.equal(await text(page, "#partner-returns caption"), "Pob partner: beth mae’n ei roi i mewn a’i gael yn ôl, ar werth presennol");
  assert.equal((await cells(page, "partner-returns", "Council"))[7], "ddim o fewn yr arfarniad");
  assert.equal((await cells(page, "partner-returns", "Police"))[7], "ym mlwyddyn 1 (0.50 o flynyddoedd)");
  assert.equal(await text(page, "#payments-heading"), "Pwy sy’n talu i bwy: 3 taliad (y nifer lleiaf posibl)");
  assert.equal(await text(page, "#transfers li:first-child"), "Mae Jobcentre Plus yn talu £53,379.31 i Council");
  assert.equal(await text(page, "#rebalancing-heading"), "Ailgydbwyso");
  assert.match(await text(page, "#chart-partners-desc"), /^Council: yn rhoi £76,000\.00 i mewn, yn cael £43,200\.00 yn ôl, net −£32,800\.00; ar ôl ailgydbwyso £141,517\.24, net £65,517\.24\./);
  assert.equal(await text(page, "#status"), "Mae’r gyllideb gyfun yn rhoi 1.86 am bob £1 a roddir i mewn; net £100,000.00.");
  // The engine's own sentence (the basis of rebalancing) stays English, and says so.
  assert.equal(await page.getAttribute("#basis-hint", "lang"), "en-GB");
  assert.equal(await text(page, "#results details summary"), "Derbynneb: sut i atgynhyrchu’r canlyniad hwn");
  await page.click("#results details summary");
  assert.deepEqual(await axeViolations(page), [], "Welsh, results shown, receipt open");

  // A percentage that is not one: the page's message, in Welsh, at its field.
  await page.fill("#engagement", "llawer");
  const link = page.locator("#error-summary a");
  await link.first().waitFor();
  assert.equal(await text(page, "#error-summary-title"), "Mae problem wedi codi");
  assert.equal(await link.getAttribute("href"), "#engagement");
  assert.equal(await text(page, "#error-summary a"), "Yn cymryd rhan: rhowch ganran o 0 i 100, fel y byddech yn ei hysgrifennu (3.5 neu 3.5%).");
  assert.match(await text(page, "#engagement-error"), /^Gwall: Yn cymryd rhan: rhowch ganran/);
  assert.equal(await text(page, "#summary"), "Cywirwch y problemau a ddangosir i weld y ffigurau.");
  assert.equal(await text(page, "#status"), "Mae 1 problem gyda’r ffurflen.");
  assert.deepEqual(await axeViolations(page), [], "Welsh, error shown");

  // Back to English: the words, the error and then the results are English again.
  await page.click("#switch-language");
  assert.equal(await page.getAttribute("html", "lang"), "en-GB");
  assert.equal(await text(page, "h1"), "Who pays into the pooled budget, and who gets the savings?");
  assert.equal(await text(page, "#error-summary a"), "Take part: enter a percentage from 0 to 100, as you would write it (3.5 or 3.5%).");
  assert.equal(await text(page, "#engine-status"), "Ready: each partner’s return is worked out in this browser as you type.");
  await page.fill("#engagement", "100");
  await waitText(page, "#pool-roi", "1.86");
  assert.equal((await cells(page, "partner-returns", "Police"))[7], "in year 1 (0.50 years)");
  assert.equal(await text(page, "#transfers li:first-child"), "Jobcentre Plus pays Council £53,379.31");
  assert.equal(new URL(page.url()).searchParams.get("lang"), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the switch to Welsh redraws a result in Welsh; the confirmations and the case section are Welsh too", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example");
  await waitText(page, "#pool-roi", "1.86");
  await page.click("#switch-language");
  await waitText(page, "h1", CY.heading);
  assert.equal(await page.getAttribute("#main-content", "lang"), null);
  assert.equal(new URL(page.url()).searchParams.get("lang"), "cy");
  // The pool stays as entered (nothing recalculated differently), written in Welsh.
  assert.equal(await text(page, "#pool-roi"), "1.86");
  assert.equal(await text(page, 'label[for="value-0-agency"]'), "Asiantaeth 1");
  assert.equal(await page.inputValue("#value-0-agency"), "Police");
  assert.equal(await text(page, "#values-0 button"), "Dileu asiantaeth 1");
  assert.equal(await text(page, "#rebalanced caption"), "Ar ôl ailgydbwyso £216,000.00 yn gymesur â’r hyn a roddodd pob partner i mewn");
  assert.equal(await text(page, 'label[for="basis-cashable"]'), "Arbedion arian parod yn unig");
  assert.equal(await text(page, "#chart-partners-caption"), "Pob partner cyn ac ar ôl ailgydbwyso (pob arbediad cyllidol), ar werth presennol");
  assert.equal(await text(page, "#engine-status"), CY.ready);
  assert.equal(await text(page, "#save-case"), "Cadw’r achos mewn ffeil");
  assert.match(await text(page, "#footer-prices"), /2024\/25/);
  // Clearing asks first, in Welsh; Cancel keeps the pool.
  await page.click("#clear-all");
  assert.equal(await text(page, "#clear-all-confirm-question"), "Clirio’r ffurflen? Bydd popeth a roddwyd ynddi yn cael ei golli.");
  await page.click("#clear-all-confirm-cancel");
  assert.equal(await text(page, "#pool-roi"), "1.86");
  assert.deepEqual(await axeViolations(page), [], "switched to Welsh with results");
  // An error the engine words only in English is shown as it is, marked English, in the Welsh summary and at the field.
  await page.fill("#partner-1-agencies", "Police, local authority");
  await page.locator("#error-summary a").first().waitFor();
  assert.equal(await page.getAttribute("#error-summary a span", "lang"), "en-GB");
  assert.match(await text(page, "#error-summary a"), /already belongs to Council/);
  assert.equal(await page.getAttribute("#partner-1-agencies-error span:not(.govuk-visually-hidden)", "lang"), "en-GB");
  assert.equal(await text(page, "#partner-1-agencies-error .govuk-visually-hidden"), "Gwall:");
  assert.deepEqual(await axeViolations(page), [], "Welsh, an English error shown");
  assert.deepEqual(problems, []);
  await context.close();
});
