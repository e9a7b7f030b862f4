// End-to-end: the neighbourhood budget planner page — a residents' plan where
// minimums and maximums bind (worked by hand in tests/fixtures/neighbourhood.json),
// what-if pots, saving and opening the plan, printing, no network, no axe violations.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterLoad, axeViolations, openBrowser, openPortal, wordTableProblems } from "./browser.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const text = async (page, selector) => (await page.locator(selector).textContent())?.trim();

test("residents' priorities share the pot within each service's bounds, as they are typed", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, "/www/neighbourhood.html");
  assert.deepEqual(await axeViolations(page), [], "empty form");
  await page.click("#load-example");
  // Youth capped at 3,000; Park lifted to its 1,000 minimum; £13.333… a vote for the rest.
  await page.waitForFunction(() => document.querySelector("#allocation-youth-club-1")?.textContent === "£3,000.00");
  assert.equal(await text(page, "#allocation-park-clean-up-2"), "£1,000.00");
  assert.equal(await text(page, "#allocation-lunch-club-3"), "£3,333.33");
  assert.equal(await text(page, "#allocation-advice-sessions-4"), "£2,666.67");
  assert.match(await text(page, "#plan-summary"), /Allocated £10,000\.00 of £10,000\.00/);
  assert.match(await text(page, "#plan-why"), /Park clean-up: Gets its minimum, £1,000\.00 \(20 units\)/);
  // Money in sentences is written as the tables write it: grouped, to the penny (a point's worth "about").
  assert.match(await text(page, "#plan-why"), /Lunch club: Gets its share by priority: £3,333\.33, for 250 votes at about £13\.33 a vote\./);
  assert.doesNotMatch(await text(page, "#plan-why"), /£\d{4,}|£\d+\.\d{3,}/);
  // What if 3,000: 1,052.63 / 1,000.00 / 526.32 / 421.05.
  assert.match(await text(page, "#what-if-table"), /£3,000\.00\s*£1,052\.63\s*£1,000\.00\s*£526\.32\s*£421\.05\s*£0\.00/);

  // 500 votes for the park (1,450 in all): unbounded £6.896… a vote → Youth 3,448 is above its 3,000: capped;
  // 7,000 over Park 500 + Lunch 250 + Advice 200 = 950 votes → £7.368… a vote (Youth's 3,684 still above 3,000):
  // Park 7,000 × 500 / 950 = 3,684.210… (now above its 1,000 minimum).
  await page.fill("#service-1-priority", "500");
  await page.waitForFunction(() => document.querySelector("#allocation-park-clean-up-2")?.textContent === "£3,684.21");
  // 7,000 × 250 / 950 = 1,842.105… and 7,000 × 200 / 950 = 1,473.684…; floors 3,684.21 + 1,842.10 + 1,473.68 = 6,999.99: the penny to Lunch (0.526p).
  assert.equal(await text(page, "#allocation-lunch-club-3"), "£1,842.11");
  assert.equal(await text(page, "#allocation-advice-sessions-4"), "£1,473.68");
  assert.deepEqual(await axeViolations(page), [], "with a plan");

  // A mistake is named at its field.
  await page.fill("#service-2-unit-cost", "0");
  await page.locator("#error-summary a").first().waitFor();
  assert.equal(await page.locator("#error-summary a").getAttribute("href"), "#service-2-unit-cost");
  assert.deepEqual(await axeViolations(page), [], "with an error");
  await page.fill("#service-2-unit-cost", "25.00");
  await page.waitForFunction(() => document.querySelector("#error-summary").hidden);

  // Printing for a residents' meeting: the form goes, the plan stays.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("#plan-form").isVisible(), false);
  assert.equal(await page.locator("#plan-table").isVisible(), true);
  await page.emulateMedia({ media: "screen" });

  assert.deepEqual(requests.filter((r) => r.phase === "after" && /^https?:/.test(r.url) && !r.url.includes("/node_modules/axe-core/")).map((r) => r.url), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a plan saves to a file and opens again; a bad file is refused naming the field", async () => {
  const { context, page } = await openPortal(env.browser, env.origin, "/www/neighbourhood.html");
  await page.click("#load-example");
  await page.waitForFunction(() => document.querySelector("#allocation-youth-club-1")?.textContent === "£3,000.00");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-plan")]);
  await mkdir(`${root}target/e2e`, { recursive: true });
  const saved = `${root}target/e2e/plan.json`;
  await download.saveAs(saved);
  const file = JSON.parse(await readFile(saved, "utf8"));
  assert.equal(file.kind, "neighbourhood-plan");
  assert.equal(file.call.services.length, 4);
  assert.match(file.call.receipt.inputSha256, /^[0-9a-f]{64}$/, "the plan carries its receipt");

  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  await page.setInputFiles("#open-plan", saved);
  await page.waitForFunction(() => document.querySelector("#allocation-advice-sessions-4")?.textContent === "£2,666.67");

  file.call.services[1].unitCost = 50;
  const broken = `${root}target/e2e/broken-plan.json`;
  await writeFile(broken, JSON.stringify(file));
  await page.setInputFiles("#open-plan", broken);
  await page.locator("#error-summary a").first().waitFor();
  assert.match(await text(page, "#error-summary a"), /broken-plan\.json .*\(call\.services\[1\]\.unitCost\)/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "error-summary");
  await context.close();
});

test("in Welsh (?lang=cy): the page's own words, the plan, an error and the question are Welsh, the engine's sentences marked English; the switch goes back and forth", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, "/www/neighbourhood.html?lang=cy");
  assert.equal(await page.getAttribute("html", "lang"), "cy-GB");
  assert.equal(await page.getAttribute("#main-content", "lang"), null, "<main> is not marked English: the page speaks Welsh");
  assert.equal(await page.title(), "Cynllunydd cyllideb cymdogaeth – porth arddangos cyllideb gymunedol");
  assert.equal(await text(page, "h1"), "Rhannu cyllideb cymdogaeth");
  assert.equal(await text(page, "#print-page"), "Rhannu cyllideb cymdogaeth", "the printout's header");
  assert.equal(await text(page, "#pot-label"), "Y gronfa");
  assert.equal(await text(page, "#priority-legend"), "Sut y rhoddodd y trigolion eu blaenoriaethau");
  assert.equal(await text(page, "#services-heading"), "Gwasanaethau");
  assert.equal(await text(page, "#add-service"), "Ychwanegu gwasanaeth arall");
  assert.equal(await text(page, "#save-plan"), "Cadw’r cynllun mewn ffeil");
  assert.equal(await text(page, 'label[for="service-0-unit-cost"]'), "Gwasanaeth 1: cost un uned (£)");
  assert.equal(await text(page, "#service-0 > button"), "Dileu gwasanaeth 1");
  assert.match(await text(page, "#engine-status"), /^Yn barod \(injan \d+\.\d+\.\d+.*\)\.$/);
  assert.equal(await text(page, "#plan"), "Rhowch y gronfa a’r gwasanaethau i weld y cynllun.");
  assert.equal(await text(page, "#footer-text"), "Mae’r cyfrifiadau’n rhedeg ar y ddyfais hon. Nodir y rheol gyda phob cynllun.");
  assert.deepEqual(await axeViolations(page), [], "empty form, in Welsh");

  await page.click("#load-example");
  await page.waitForFunction(() => document.querySelector("#allocation-youth-club-1")?.textContent === "£3,000.00");
  // Money keeps its format; the sentence around it is Welsh.
  assert.equal(await text(page, "#plan-summary"), "Dyrannwyd £10,000.00 o £10,000.00");
  assert.equal(await text(page, "#status"), "Dyrannwyd £10,000.00 o £10,000.00.");
  assert.equal(await text(page, "#plan-table caption"), "Cyfran pob gwasanaeth");
  assert.deepEqual(await page.locator("#plan-table thead th").allTextContents(),
    ["Gwasanaeth", "Pleidleisiau", "Isafswm", "Uchafswm", "Yn cael", "Unedau", "Penderfynwyd gan"]);
  assert.equal(await text(page, "#plan-table tbody tr:nth-child(2) td:last-child"), "Ei isafswm");
  assert.equal(await text(page, "#plan-why h3"), "Pam mae pob gwasanaeth yn cael yr hyn a gaiff");
  // The engine's explanation stays English, marked so.
  assert.match(await text(page, '#plan-why li:nth-child(2) > span[lang="en-GB"]:not(.cb-source)'), /^Gets its minimum, £1,000\.00 \(20 units\)/);
  assert.equal(await text(page, "#what-if-table caption"), "Beth pe bai’r gronfa’n wahanol");
  assert.match(await text(page, "#plan .govuk-inset-text"), /^Y rheol: /);
  assert.equal(await page.locator('#plan .govuk-inset-text [lang="en-GB"]').count(), 1);
  assert.equal(await text(page, "#plan summary"), "Derbynneb: sut i atgynhyrchu’r canlyniad hwn");
  assert.deepEqual(await axeViolations(page), [], "with a plan, in Welsh");

  // A unit cost of nothing: the summary, the field's "Error:", the plan's place and the status line in Welsh;
  // the engine's sentence stays English, marked so.
  await page.fill("#service-2-unit-cost", "0");
  await page.locator("#error-summary a").first().waitFor();
  assert.equal(await text(page, "#error-summary-title"), "Mae problem wedi codi");
  assert.equal(await page.locator("#error-summary a").getAttribute("href"), "#service-2-unit-cost");
  assert.equal(await text(page, '#error-summary a [lang="en-GB"]'), "Enter an amount above zero.");
  assert.equal(await text(page, "#service-2-unit-cost-error"), "Gwall: Enter an amount above zero.");
  assert.equal(await text(page, '#service-2-unit-cost-error [lang="en-GB"]'), "Enter an amount above zero.");
  assert.equal(await page.locator("#service-2-unit-cost-group.govuk-form-group--error").count(), 1);
  assert.equal(await text(page, "#plan"), "Cywirwch y problemau a ddangosir i weld y cynllun.");
  assert.equal(await text(page, "#status"), "Mae 1 problem gyda’r ffurflen.");
  assert.deepEqual(await axeViolations(page), [], "with an error, in Welsh");
  await page.fill("#service-2-unit-cost", "25.00");
  await page.waitForFunction(() => document.querySelector("#error-summary").hidden);

  // The example asks first, in Welsh.
  await page.click("#load-example");
  assert.equal(await text(page, "#load-example-confirm-question"), "Llenwi’r enghraifft? Mae’n disodli popeth a roddwyd yn y ffurflen.");
  await page.click("#load-example-confirm-cancel");
  // Priorities as a ranking: the rows ask for a rank, in Welsh.
  await page.check("#priority-ranking");
  assert.equal(await text(page, "#priority-ranking-label"), "Rhestr yn nhrefn blaenoriaeth (1 = y mwyaf o alw amdano)");
  assert.equal(await text(page, 'label[for="service-0-priority"]'), "Gwasanaeth 1: safle (1 = y mwyaf o alw amdano)");
  await page.check("#priority-votes");
  await page.waitForFunction(() => document.querySelector("#allocation-youth-club-1")?.textContent === "£3,000.00");
  assert.equal(await text(page, 'label[for="service-0-priority"]'), "Gwasanaeth 1: pleidleisiau");

  // English, by the switch: everything the page wrote is redrawn in English, <main> unmarked.
  await page.click("#switch-language");
  await page.waitForFunction(() => document.documentElement.lang === "en-GB");
  assert.equal(await page.getAttribute("#main-content", "lang"), null);
  assert.equal(await text(page, "h1"), "Share a neighbourhood budget");
  assert.equal(await text(page, "#pot-label"), "The pot");
  assert.equal(await text(page, 'label[for="service-0-unit-cost"]'), "Service 1: cost of one unit (£)");
  assert.equal(await text(page, "#plan-summary"), "Allocated £10,000.00 of £10,000.00");
  assert.equal(await text(page, "#plan-table caption"), "Each service’s share");
  assert.match(await text(page, "#engine-status"), /^Ready \(engine /);
  assert.equal(new URL(page.url()).searchParams.get("lang"), null);
  // And Welsh again, by the switch: the plan redrawn in Welsh.
  await page.click("#switch-language");
  await page.waitForFunction(() => document.documentElement.lang === "cy-GB");
  assert.equal(await text(page, "#plan-summary"), "Dyrannwyd £10,000.00 o £10,000.00");
  assert.equal(await text(page, "#plan-table caption"), "Cyfran pob gwasanaeth");
  assert.equal(await text(page, "h1"), "Rhannu cyllideb cymdogaeth");

  assert.deepEqual(afterLoad(requests).filter((r) => /^https?:/.test(r.url)).map((r) => r.url), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("switched to Welsh after a plan, the plan, a refused file and the file line are said again in Welsh", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/neighbourhood.html");
  assert.equal(await page.getAttribute("#main-content", "lang"), null);
  await page.click("#load-example");
  await page.waitForFunction(() => document.querySelector("#allocation-youth-club-1")?.textContent === "£3,000.00");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-plan")]);
  assert.match(await text(page, "#file-message"), /^Saved the plan as neighbourhood-plan-\d{4}-\d{2}-\d{2}\.json\.$/);
  await page.click("#switch-language");
  await page.waitForFunction(() => document.documentElement.lang === "cy-GB");
  assert.match(await text(page, "#file-message"), /^Cadwyd y cynllun fel neighbourhood-plan-\d{4}-\d{2}-\d{2}\.json\.$/);
  assert.equal(await text(page, "#plan-summary"), "Dyrannwyd £10,000.00 o £10,000.00");
  assert.equal(await text(page, 'label[for="service-3-priority"]'), "Gwasanaeth 4: pleidleisiau");
  assert.equal(await new URL(page.url()).searchParams.get("lang"), "cy");

  // A file that is not a plan is refused in Welsh, naming the field; switching keeps it, in English.
  await mkdir(`${root}target/e2e`, { recursive: true });
  const saved = `${root}target/e2e/plan-cy.json`;
  await download.saveAs(saved);
  const file = JSON.parse(await readFile(saved, "utf8"));
  file.call.services[0].name = 7;
  const broken = `${root}target/e2e/broken-plan-cy.json`;
  await writeFile(broken, JSON.stringify(file));
  await page.setInputFiles("#open-plan", broken);
  await page.locator("#error-summary a").first().waitFor();
  assert.equal(await text(page, "#error-summary a"), "Nid yw’r ffeil broken-plan-cy.json yn gynllun y gall y dudalen hon ei agor: nid oes ganddi feysydd cynllun (call.services[0].name)");
  assert.equal(await page.evaluate(() => document.activeElement.id), "error-summary");
  assert.equal(await text(page, "#file-message"), "");
  await page.click("#switch-language");
  await page.waitForFunction(() => document.documentElement.lang === "en-GB");
  assert.equal(await text(page, "#error-summary a"), "The file broken-plan-cy.json is not a plan this page can open: it does not have the fields of a plan (call.services[0].name)");
  assert.equal(await text(page, "#error-summary-title"), "There is a problem");
  assert.deepEqual(problems, []);
  await context.close();
});

test("every word of the page's tables has English and Welsh, with the same placeholders, and shows where it belongs", async () => {
  for (const lang of ["cy", "en"]) {
    const { context, page } = await openPortal(env.browser, env.origin, `/www/neighbourhood.html${lang === "cy" ? "?lang=cy" : ""}`);
    assert.deepEqual(await wordTableProblems(page, "/www/neighbourhood.js", ["WORDS", "TEXT"], "WORDS"), [], lang);
    await context.close();
  }
});
