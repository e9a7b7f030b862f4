// End-to-end: the whole-place page — the two-theme, three-partner place of
// tests/fixtures/place.json (worked by hand in its `why`) opened as a file,
// the built-in example place, editing, saving and opening, a bad file refused
// naming the field, printing, no network, no axe violations.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterLoad, axeViolations, openBrowser, openPortal, wordTableProblems } from "./browser.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const PAGE = "/www/place.html";
let env;
before(async () => {
  env = await openBrowser();
  await mkdir(`${root}target/e2e`, { recursive: true });
});
after(async () => { await env?.close(); });

const text = async (page, selector) => (await page.locator(selector).textContent())?.trim();
const waitText = (page, selector, want) =>
  page.waitForFunction(([s, w]) => document.querySelector(s)?.textContent?.trim() === w, [selector, want]);

async function twoThemePlace() {
  const cases = JSON.parse(await readFile(`${root}tests/fixtures/place.json`, "utf8"));
  const file = `${root}target/e2e/two-theme-place.json`;
  await writeFile(file, JSON.stringify(cases[0].call));
  return file;
}

test("a place file opens and shows its themes, partners and totals, worked by hand", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, PAGE);
  assert.deepEqual(await axeViolations(page), [], "empty page");
  await page.setInputFiles("#open-place", await twoThemePlace());
  // NPV 91,185.32 − 60,000.00 + 14,329.39 − 29,661.84 = 15,852.87; fiscal ROI 105,514.71 / 89,661.84 = 1.18.
  await waitText(page, "#place-npv", "£15,852.87");
  assert.equal(await text(page, "#place-costs"), "£89,661.84");
  assert.equal(await text(page, "#place-benefits"), "£105,514.71");
  assert.equal(await text(page, "#place-roi"), "1.18");
  assert.equal(await text(page, "#place-payback"), "1.68 years");
  assert.equal(await text(page, "#theme-npv-health"), "−£15,332.45");
  // Themes × partners: the council pays 60,000.00 for families and its agencies save 30,395.11 from them.
  assert.match(await text(page, "#cell-families-council"), /pays £60,000\.00\s*saves £30,395\.11/);
  assert.match(await text(page, "#cell-health-nhs"), /pays £20,000\.00\s*saves £14,329\.39/);
  assert.equal(await text(page, "#partner-net-council"), "−£39,266.73");
  assert.match(await text(page, "#transfers"), /Police pays Council £51,583\.45\s*Police pays NHS £9,206\.76/);
  assert.equal(await page.locator("#chart-themes rect").count(), 6);
  assert.equal(await page.locator("#chart-partners rect").count(), 9);
  assert.deepEqual(await axeViolations(page), [], "with a place");

  // Who benefits and the discounting, side by side with the place's figures (Green Book 2026).
  assert.equal(await text(page, "#place-who-benefits"), "Council −£39,266.73; Police £60,790.21; NHS −£5,670.61");
  assert.equal(await text(page, "#place-discounting"), "Green Book 2026 (February 2026), standard schedule");
  // The sensitivity test (no pure time preference, 3.0 %): families 46,601.94 + 45,244.60 − 60,000;
  // health 9,708.74 + 4,712.98 − 20,000 − 9,708.74; NPV 16,559.52; positions −80,000.00, −33,398.06,
  // +16,559.52: year 2, 1 + 33,398.06 / 49,957.58 = 1.67 years. The central case stays as it was.
  await page.check("#place-sensitivity");
  await waitText(page, "#place-npv-sensitivity", "£16,559.52");
  assert.equal(await text(page, "#place-payback-sensitivity"), "1.67 years");
  assert.equal(await text(page, "#place-npv"), "£15,852.87");
  assert.deepEqual(await axeViolations(page), [], "with the sensitivity test");
  await page.uncheck("#place-sensitivity");
  await page.locator("#place-npv-sensitivity").waitFor({ state: "detached" });

  // A two-year place cannot have a 31-year horizon: named at its field.
  await page.fill("#horizon", "31");
  await page.locator("#error-summary a").first().waitFor();
  assert.equal(await page.locator("#error-summary a").getAttribute("href"), "#horizon");
  assert.deepEqual(await axeViolations(page), [], "with an error");
  await page.fill("#horizon", "2");
  await waitText(page, "#place-npv", "£15,852.87");

  // Printing: the form goes, the tables stay.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("#place-form").isVisible(), false);
  assert.equal(await page.locator("#matrix-table").isVisible(), true);
  await page.emulateMedia({ media: "screen" });

  assert.deepEqual(requests.filter((r) => r.phase === "after" && /^https?:/.test(r.url) && !r.url.includes("/node_modules/axe-core/")).map((r) => r.url), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the example place loads with its sources, saves with its receipt and opens again; a bad file is refused naming the field", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, PAGE);
  await page.click("#load-example");
  await page.locator("#place-npv").waitFor();
  assert.equal(await page.locator("#themes-table tbody tr").count(), 5, "four themes and the place");
  assert.match(await page.locator("#assumptions").textContent(), /LGA-20yrs/);
  const npv = await text(page, "#place-npv");
  // One more family in the families theme changes the place.
  await page.fill("#theme-0-cohort", "526");
  await page.waitForFunction((before) => document.querySelector("#place-npv")?.textContent !== before, npv);

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-place")]);
  const saved = `${root}target/e2e/place.json`;
  await download.saveAs(saved);
  const file = JSON.parse(await readFile(saved, "utf8"));
  assert.equal(file.kind, "place-scenario");
  assert.equal(file.call.themes[0].cohort, "526");
  assert.match(file.receipt.inputSha256, /^[0-9a-f]{64}$/, "the place carries its receipt");
  assert.match(file.receipt.unitCostTable.sha256, /^[0-9a-f]{64}$/);
  // Loading the example, editing and saving asked the network for nothing.
  assert.deepEqual(requests.filter((r) => r.phase === "after" && /^https?:/.test(r.url) && !r.url.includes("/node_modules/axe-core/")).map((r) => r.url), []);

  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  await page.setInputFiles("#open-place", saved);
  await page.locator("#place-npv").waitFor();
  assert.notEqual(await text(page, "#place-npv"), npv);

  file.call.themes[1].costs[0].amount = "-5.00";
  const broken = `${root}target/e2e/broken-place.json`;
  await writeFile(broken, JSON.stringify(file));
  await page.setInputFiles("#open-place", broken);
  await page.locator("#error-summary a").first().waitFor();
  assert.match(await text(page, "#error-summary a"), /broken-place\.json .*call\.themes\[1\]\.costs\[0\]\.amount: An amount cannot be negative/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "error-summary");
  assert.deepEqual(await axeViolations(page), [], "a bad file refused");

  file.call.themes[0].costs[0].amount = 5;
  await writeFile(broken, JSON.stringify(file));
  await page.setInputFiles("#open-place", broken);
  await page.waitForFunction(() => /call\.themes\[0\]\.costs\[0\]\.amount/.test(document.querySelector("#error-summary a")?.textContent ?? "") && /decimal string/.test(document.querySelector("#error-summary a")?.textContent ?? ""));
  await context.close();
});

test("costs per family or fixed, outcomes and partners are edited on the page, each error at its field", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, PAGE);
  await page.setInputFiles("#open-place", await twoThemePlace());
  await waitText(page, "#place-npv", "£15,852.87");
  // Both themes' costs are fixed in the file, and the sentence says so.
  assert.match(await text(page, "#scaling-health"), /no cost scales with the families\. Fixed costs, the same whatever the number of families: £20,000\.00 \(NHS, year 0\); £10,000\.00 \(Council, year 1\)\./);

  // The NHS's 20,000.00 as 100.00 a family: 100.00 × 200 = 20,000.00, so nothing else changes.
  await page.fill("#theme-1-cost-0-amount", "100.00");
  await page.selectOption("#theme-1-cost-0-per", "family");
  await page.waitForFunction(() => /£100\.00 a family × 200 = £20,000\.00 \(NHS, year 0\)/.test(document.querySelector("#scaling-health")?.textContent ?? ""));
  assert.equal(await text(page, "#place-npv"), "£15,852.87");
  // Double the families: the per-family cost doubles (100.00 × 400 = 40,000.00), the council's 10,000.00 stays.
  // Health: costs PV 40,000.00 + 9,661.84 = 49,661.84; N_net = 400 × 0.5 × 0.5 = 100, year 1 100 × 200 = 20,000
  // → 19,323.67, year 2 10,000 → 9,335.11, benefits 28,658.78, NPV −21,003.06. Place: costs 60,000.00 + 49,661.84
  // = 109,661.84; benefits 91,185.32 + 28,658.78 = 119,844.10; NPV 10,182.26.
  await page.fill("#theme-1-cohort", "400");
  await waitText(page, "#place-npv", "£10,182.26");
  assert.equal(await text(page, "#place-costs"), "£109,661.84");
  assert.equal(await text(page, "#theme-npv-health"), "−£21,003.06");
  assert.match(await text(page, "#scaling-health"), /400 families: costs that scale with the families: £100\.00 a family × 400 = £40,000\.00 \(NHS, year 0\)\. Fixed costs, the same whatever the number of families: £10,000\.00 \(Council, year 1\)\./);
  assert.match(await text(page, "#place-scaling"), /Costs given for each family grow with them/);
  assert.deepEqual(await axeViolations(page), [], "with the form");

  // A partner added: its empty id is an error linked to its field; named, the place is whole again; removed, gone.
  await page.click("#add-partner");
  assert.equal(await page.evaluate(() => document.activeElement.id), "partner-3-id");
  await page.locator('#error-summary a[href="#partner-3-id"]').waitFor();
  assert.match(await text(page, '#error-summary a[href="#partner-3-id"]'), /short id/);
  assert.equal(await page.locator("#partner-3-id-group.govuk-form-group--error").count(), 1);
  assert.deepEqual(await axeViolations(page), [], "with an error at a partner");
  await page.fill("#partner-3-id", "trust");
  await page.fill("#partner-3-name", "Health trust");
  await page.fill("#partner-3-agencies", "Adult Social Care, Housing");
  await page.locator("#partners-table tbody tr").nth(3).waitFor();
  assert.equal(await page.locator("#error-summary").isHidden(), true);
  assert.match(await text(page, "#theme-1-cost-0-partner"), /Health trust \(trust\)/, "the costs may name the new partner");
  await page.click("#place-partners-3 button");
  await waitText(page, "#place-npv", "£10,182.26");
  assert.equal(await page.locator("#partners-table tbody tr").count(), 3);
  assert.equal(await page.evaluate(() => document.activeElement.id), "add-partner");

  // An outcome added: each field it lacks is an error at that field; removed, the place is as it was.
  await page.click("#theme-0-add-outcome");
  assert.equal(await page.evaluate(() => document.activeElement.id), "theme-0-outcome-1-name");
  await page.locator('#error-summary a[href="#theme-0-outcome-1-name"]').waitFor();
  // An empty unit-cost code: "Enter a unit-cost code, or describe the value.", at the code field.
  assert.match(await text(page, '#error-summary a[href="#theme-0-outcome-1-value-0-code"]'), /Enter a unit-cost code/);
  assert.match(await text(page, '#error-summary a[href="#theme-0-outcome-1-engagement"]'), /percentage/);
  // Following the link puts the cursor in the field.
  await page.click('#error-summary a[href="#theme-0-outcome-1-name"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), "theme-0-outcome-1-name");
  await page.click("#theme-0-outcomes-1 > button");
  await waitText(page, "#place-npv", "£10,182.26");
  assert.equal(await page.evaluate(() => document.activeElement.id), "theme-0-add-outcome");

  // An amount that is not money is refused at its field.
  await page.fill("#theme-1-cost-1-amount", "ten thousand");
  await page.locator('#error-summary a[href="#theme-1-cost-1-amount"]').waitFor();
  assert.equal(await page.locator("#theme-1-cost-1-amount-group.govuk-form-group--error").count(), 1);
  await page.fill("#theme-1-cost-1-amount", "10000.00");
  await waitText(page, "#place-npv", "£10,182.26");

  // Saved, the file keeps the cost per family; opened again, the same place.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-place")]);
  const saved = `${root}target/e2e/per-family-place.json`;
  await download.saveAs(saved);
  const file = JSON.parse(await readFile(saved, "utf8"));
  assert.deepEqual([file.call.themes[1].costs[0].per, file.call.themes[1].costs[0].amount, file.call.themes[1].cohort], ["family", "100.00", "400"]);
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  await page.setInputFiles("#open-place", saved);
  await waitText(page, "#place-npv", "£10,182.26");
  assert.equal(await page.inputValue("#theme-1-cost-0-per"), "family");
  assert.deepEqual(problems, []);
  await context.close();
});

test("other places' files are compared with this one, with the spread between them", async () => {
  const { context, page } = await openPortal(env.browser, env.origin, PAGE);
  await page.setInputFiles("#open-place", await twoThemePlace());
  await waitText(page, "#place-npv", "£15,852.87");
  // The places of tests/fixtures/combine_places.json: families alone (NPV 31,185.32) and health alone (−15,332.45).
  const combine = JSON.parse(await readFile(`${root}tests/fixtures/combine_places.json`, "utf8"));
  const files = [];
  for (const [i, place] of combine[0].call.places.slice(1).entries()) {
    files.push(`${root}target/e2e/other-place-${i}.json`);
    await writeFile(files[i], JSON.stringify(place));
  }
  await page.setInputFiles("#compare-places", files);
  // Total 15,852.87 + 31,185.32 − 15,332.45 = 31,705.74; median 15,852.87; cost shares 50.00 / 33.46 / 16.54.
  await waitText(page, "#comparison-npv", "£31,705.74");
  assert.match(await text(page, "#spread-npv"), /−£15,332\.45\s*Health only\s*£15,852\.87\s*£31,185\.32\s*Families only/);
  assert.match(await text(page, "#comparison-table"), /50\.00%[\s\S]*33\.46%[\s\S]*16\.54%/);
  assert.deepEqual(await axeViolations(page), [], "with a comparison");
  await context.close();
});

test("the navigation of every page reaches the whole-place page", async () => {
  const { context, page } = await openPortal(env.browser, env.origin, PAGE);
  assert.equal(await page.getAttribute('nav a[aria-current="page"]', "href"), "place.html");
  for (const href of ["index.html", "eligibility.html", "savings.html", "partners.html", "claim.html", "neighbourhood.html"]) {
    await page.goto(`${env.origin}/www/${href}`);
    assert.equal(await page.locator('nav a[href="place.html"]').count(), 1, href);
  }
  await context.close();
});

test("in Welsh (?lang=cy): the page's words, the place's figures and sentences, an error at a field and the question are Welsh; the switch goes back and forth", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, `${PAGE}?lang=cy`);
  assert.equal(await page.getAttribute("html", "lang"), "cy-GB");
  assert.equal(await page.getAttribute("#main-content", "lang"), null, "<main> is not marked English: the page speaks Welsh");
  assert.equal(await page.title(), "Arfarniad lle cyfan – porth arddangos cyllideb gymunedol");
  assert.equal(await text(page, "h1"), "Arfarnu lle cyfan");
  assert.equal(await text(page, "#print-page"), "Arfarnu lle cyfan", "the printout's header");
  assert.equal(await text(page, "#load-example"), "Dechrau o’r lle enghreifftiol");
  assert.equal(await text(page, "#open-place-label"), "Agor ffeil lle");
  assert.equal(await text(page, "#result-empty"), "Agorwch ffeil lle neu dechreuwch o’r enghraifft i weld yr arfarniad.");
  assert.equal(await text(page, "#compare-places-label"), "Ffeiliau lleoedd eraill");
  assert.match(await text(page, "#engine-status"), /^Yn barod \(injan \d+\.\d+\.\d+.*\)\.$/);
  assert.deepEqual(await axeViolations(page), [], "empty page, in Welsh");

  await page.setInputFiles("#open-place", await twoThemePlace());
  await waitText(page, "#place-npv", "£15,852.87");
  assert.match(await text(page, "#file-message"), /^Agorwyd y lle two-theme-place\.json\.$/);
  assert.equal(await text(page, "#place-title"), "Two-theme place: blynyddoedd 0 i 2 ym mhrisiau 2013/14");
  assert.equal(await text(page, "#place-payback"), "1.68 o flynyddoedd");
  // The schedule's edition is the engine's name for it, marked English; the rest is Welsh.
  assert.equal(await text(page, "#place-discounting"), "Green Book 2026 (February 2026), amserlen safonol");
  assert.equal(await text(page, '#place-discounting [lang="en-GB"]'), "Green Book 2026 (February 2026)");
  // The sentence per theme saying which costs scale with families.
  assert.match(await text(page, "#scaling-health"), /^Health and care, 200 o deuluoedd: nid oes cost yn cynyddu gyda’r teuluoedd\. Costau sefydlog, yr un fath beth bynnag fo nifer y teuluoedd: £20,000\.00 \(NHS, blwyddyn 0\); £10,000\.00 \(Council, blwyddyn 1\)\./);
  assert.match(await text(page, "#cell-families-council"), /yn talu £60,000\.00\s*yn arbed £30,395\.11/);
  assert.match(await text(page, "#transfers"), /Police yn talu £51,583\.45 i Council/);
  assert.equal(await page.locator('#rebalancing p[lang="en-GB"]').count(), 1, "the engine's description of the rebalancing, marked English");
  assert.equal(await text(page, "#themes-table caption"), "Pob thema, yn ôl gwerth presennol");
  assert.deepEqual(await page.locator("#partners-table thead th").allTextContents(),
    ["Partner", "Yn talu", "Yn arbed", "Net", "Enillion", "Cyfran o’r costau", "Ad-daliad"]);
  assert.equal(await text(page, "#chart-themes-caption"), "Pob thema: costau, buddion a gwerth presennol net");
  assert.equal(await text(page, "#assumptions summary"), "Rhagdybiaethau a ffynonellau");
  assert.equal(await page.locator('#result .govuk-inset-text p:first-child > [lang="en-GB"]').count(), 1, "the rule, marked English");
  assert.equal(await text(page, "#result details:last-child summary"), "Derbynneb: sut i atgynhyrchu’r canlyniad hwn");
  assert.equal(await text(page, "#status"), "Two-theme place: gwerth presennol net £15,852.87.");
  // The form: labels, hints, options and buttons.
  assert.equal(await text(page, 'label[for="horizon"]'), "Blynyddoedd yr arfarniad");
  assert.equal(await text(page, "#add-partner"), "Ychwanegu partner");
  assert.equal(await text(page, "#place-partners-0 > button"), "Dileu partner 1");
  assert.equal(await text(page, 'label[for="partner-0-id"]'), "Partner 1: dynodydd byr");
  assert.deepEqual(await page.locator("#theme-1-cost-0-per option").allTextContents(),
    ["Ar gyfer y thema (sefydlog)", "Ar gyfer pob teulu (yn cynyddu gyda’r teuluoedd)"]);
  assert.equal(await text(page, "#theme-0-add-outcome"), "Ychwanegu canlyniad");
  assert.equal(await text(page, 'label[for="place-sensitivity"]'), "Dangos hefyd brawf sensitifrwydd Llyfr Gwyrdd 2026 (dim ffafriaeth amser pur)");
  assert.deepEqual(await axeViolations(page), [], "with a place, in Welsh");

  // A percentage over 100: the page asks for it in Welsh, at its field.
  await page.fill("#theme-0-outcome-0-engagement", "150");
  await page.locator('#error-summary a[href="#theme-0-outcome-0-engagement"]').waitFor();
  assert.equal(await text(page, "#error-summary-title"), "Mae problem wedi codi");
  assert.match(await text(page, '#error-summary a[href="#theme-0-outcome-0-engagement"]'), /Yn cymryd rhan: rhowch ganran o 0 i 100, fel y byddech yn ei hysgrifennu \(3\.5 neu 3\.5%\)\.$/);
  assert.match(await text(page, "#theme-0-outcome-0-engagement-error"), /^Gwall: .*Yn cymryd rhan: rhowch ganran o 0 i 100/);
  assert.equal(await text(page, "#result"), "Cywirwch y problemau a ddangosir i weld yr arfarniad.");
  assert.equal(await text(page, "#status"), "Mae 1 problem gyda’r lle.");
  assert.deepEqual(await axeViolations(page), [], "with an error, in Welsh");
  await page.fill("#theme-0-outcome-0-engagement", "80");
  await waitText(page, "#place-npv", "£15,852.87");
  assert.equal(await page.locator("#error-summary").isHidden(), true);
  // A horizon the place cannot have: the engine's sentence stays English, marked so, at its field.
  await page.fill("#horizon", "31");
  await page.locator('#error-summary a[href="#horizon"]').waitFor();
  assert.equal(await page.locator('#error-summary a[href="#horizon"] > [lang="en-GB"]').count(), 1);
  assert.match(await text(page, "#horizon-error"), /^Gwall: /);
  await page.fill("#horizon", "2");
  await waitText(page, "#place-npv", "£15,852.87");

  // The example asks first, in Welsh.
  await page.click("#load-example");
  assert.equal(await text(page, "#load-example-confirm-question"), "Llenwi’r enghraifft? Mae’n disodli popeth a roddwyd yn y ffurflen.");
  await page.click("#load-example-confirm-cancel");

  // English, by the switch: the place redrawn in English, <main> unmarked.
  await page.click("#switch-language");
  await page.waitForFunction(() => document.documentElement.lang === "en-GB");
  assert.equal(await page.getAttribute("#main-content", "lang"), null);
  assert.equal(await text(page, "h1"), "Appraise a whole place");
  assert.equal(await text(page, "#place-payback"), "1.68 years");
  assert.match(await text(page, "#scaling-health"), /^Health and care, 200 families: no cost scales with the families\./);
  assert.equal(await text(page, 'label[for="horizon"]'), "Years appraised");
  assert.equal(await text(page, "#place-partners-0 > button"), "Remove partner 1");
  assert.equal(await text(page, "#file-message"), "Opened the place two-theme-place.json.");
  assert.equal(await text(page, "#themes-table caption"), "Each theme, at present value");
  assert.equal(new URL(page.url()).searchParams.get("lang"), null);
  // And Welsh again.
  await page.click("#switch-language");
  await page.waitForFunction(() => document.documentElement.lang === "cy-GB");
  assert.equal(await text(page, "#place-payback"), "1.68 o flynyddoedd");
  assert.equal(await text(page, "#themes-table caption"), "Pob thema, yn ôl gwerth presennol");
  assert.equal(await text(page, "#place-npv"), "£15,852.87");

  assert.deepEqual(afterLoad(requests).filter((r) => /^https?:/.test(r.url)).map((r) => r.url), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("switched to Welsh after a place: the comparison, a refused file and the file line are said again in the new language", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, PAGE);
  await page.setInputFiles("#open-place", await twoThemePlace());
  await waitText(page, "#place-npv", "£15,852.87");
  const combine = JSON.parse(await readFile(`${root}tests/fixtures/combine_places.json`, "utf8"));
  const other = `${root}target/e2e/other-place-cy.json`;
  await writeFile(other, JSON.stringify(combine[0].call.places[1]));
  await page.setInputFiles("#compare-places", other);
  await page.locator("#comparison-table").waitFor();
  assert.equal(await text(page, "#file-message"), "Comparing with other-place-cy.json.");

  await page.click("#switch-language");
  await page.waitForFunction(() => document.documentElement.lang === "cy-GB");
  assert.equal(await page.getAttribute("#main-content", "lang"), null);
  assert.equal(await text(page, "#file-message"), "Yn cymharu â other-place-cy.json.");
  assert.equal(await text(page, "#comparison-table caption"), "Pob lle, yn ôl gwerth presennol");
  assert.deepEqual(await page.locator("#spread-table thead th").allTextContents(), ["Mesur", "Isaf", "Canolrif", "Uchaf"]);
  assert.match(await text(page, "#spread-npv th"), /^Gwerth presennol net$/);
  assert.equal(await page.locator('#comparison p[lang="en-GB"]').count(), 1, "the engine's rule of the comparison, marked English");
  assert.equal(await text(page, "#place-payback"), "1.68 o flynyddoedd");
  assert.match(await text(page, "#footer-prices"), /[Pp]risiau/, "the footer's prices line in Welsh");
  assert.deepEqual(await axeViolations(page), [], "a comparison, in Welsh");

  // A file that is not JSON is refused in Welsh, at the file field; the switch says it again in English.
  const broken = `${root}target/e2e/not-a-place-cy.json`;
  await writeFile(broken, "{ not json");
  await page.setInputFiles("#open-place", broken);
  await page.locator('#error-summary a[href="#open-place"]').waitFor();
  assert.equal(await text(page, "#error-summary a"), "Nid yw’r ffeil not-a-place-cy.json yn lle y gall y dudalen hon ei agor: nid yw’n JSON dilys");
  assert.equal(await page.evaluate(() => document.activeElement.id), "error-summary");
  assert.equal(await text(page, "#file-message"), "");
  await page.click("#switch-language");
  await page.waitForFunction(() => document.documentElement.lang === "en-GB");
  assert.equal(await text(page, "#error-summary a"), "The file not-a-place-cy.json is not a place this page can open: it is not valid JSON");
  assert.equal(await text(page, "#error-summary-title"), "There is a problem");
  // A place the engine refuses: its reasons stay English, marked so, after the page's Welsh words.
  await page.click("#switch-language");
  await page.waitForFunction(() => document.documentElement.lang === "cy-GB");
  const negative = JSON.parse(await readFile(`${root}tests/fixtures/place.json`, "utf8"))[0].call;
  negative.themes[1].costs[0].amount = "-5.00";
  await writeFile(broken, JSON.stringify(negative));
  await page.setInputFiles("#open-place", broken);
  await page.waitForFunction(() => /themes\[1\]\.costs\[0\]\.amount/.test(document.querySelector("#error-summary a")?.textContent ?? ""));
  assert.match(await text(page, "#error-summary a"), /^Nid yw’r ffeil not-a-place-cy\.json yn lle y gall y dudalen hon ei agor: themes\[1\]\.costs\[0\]\.amount: /);
  assert.match(await text(page, '#error-summary a > [lang="en-GB"]'), /^themes\[1\]\.costs\[0\]\.amount: An amount cannot be negative/);
  assert.deepEqual(await axeViolations(page), [], "a refused file, in Welsh");
  assert.deepEqual(problems, []);
  await context.close();
});

test("every word of the page's tables has English and Welsh, with the same placeholders, and shows where it belongs", async () => {
  for (const lang of ["cy", "en"]) {
    const { context, page } = await openPortal(env.browser, env.origin, `${PAGE}${lang === "cy" ? "?lang=cy" : ""}`);
    assert.deepEqual(await wordTableProblems(page, "/www/place.js", ["WORDS", "TEXT"], "WORDS"), [], lang);
    await context.close();
  }
});
