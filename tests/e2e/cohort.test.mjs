// The cohort page: a generated 10,000-family file through the Web Worker,
// progress shown, the report on screen, a CSV export whose totals are the
// screen's, cancel, errors, no request after load, no axe violations.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { initSync, generateCohort } from "../../pkg/community_budget.js";
import { afterLoad, axeViolations, cohortPhase2, openBrowser, openPortal } from "./browser.mjs";

initSync({ module: readFileSync(new URL("../../pkg/community_budget_bg.wasm", import.meta.url)) });

let env;
let dir;
before(async () => {
  env = await openBrowser();
  dir = mkdtempSync(join(tmpdir(), "cohort-e2e-"));
});
after(async () => { await env?.close(); });

/** Today, as the page writes it (YYYY-MM-DD, the browser's local day). */
function today() {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
}

/** £12,345.67 → "12345.67" */
const plain = (money) => money.replace(/[£,]/g, "").replace("−", "-");

test("10,000 generated families: progress, the report, a CSV export equal to the screen, no network", async () => {
  const csv = generateCohort({ families: 10000, seed: 3, claims: true });
  const path = join(dir, "cohort-10000.csv");
  writeFileSync(path, csv);
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  // Record every progress message the page shows.
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver(() => window.progressSeen.push(document.getElementById("progress-text").textContent))
      .observe(document.getElementById("progress-text"), { childList: true, characterData: true, subtree: true });
  });
  // It opens on today's date under the rules in force today; this cohort is phase 2's (claims of £800).
  assert.equal(await page.inputValue("#assessment-date"), today());
  assert.equal(await page.isChecked("#pack-2025"), true);
  await cohortPhase2(page);
  await page.setInputFiles("#cohort-file", path);
  await page.click("#run");
  await page.waitForSelector("html[data-report=ready]", { timeout: 60000 });

  const seen = await page.evaluate(() => window.progressSeen);
  assert.ok(seen.some((t) => /rows read \(\d+ % of the file\)/.test(t)), `progress shown: ${seen.join(" | ")}`);
  assert.match(await page.textContent("#progress-text"), /^Done: [\d,]+ rows read in/);

  // The report: headline figures and the tables on screen.
  assert.equal(await page.textContent("#summary-familiesProcessed"), "10,000");
  const totalOnScreen = await page.textContent("#report-costByAgency tr.cb-total td[data-key=allFamilies]");
  assert.equal(await page.textContent("#summary-annualCost"), totalOnScreen);
  assert.ok(await page.locator("#section-eligibility svg").count(), "a chart");
  assert.equal(await page.textContent("#receipt-input .cb-hash"), `SHA-256 ${createHash("sha256").update(csv).digest("hex")}`);

  // The CSV export of costs by agency: its total row is the screen's total,
  // and its rows add up to it.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('button[data-export-table="costByAgency"][data-format="csv"]'),
  ]);
  assert.equal(download.suggestedFilename(), "cost-by-agency.csv");
  const lines = readFileSync(await download.path(), "utf8").trim().split("\r\n").map((l) => l.split(","));
  const total = lines.at(-1);
  assert.equal(total[0], "Total");
  assert.equal(total[1], plain(totalOnScreen));
  const pennies = (s) => BigInt(s.replace(".", ""));
  assert.equal(lines.slice(1, -1).reduce((sum, r) => sum + pennies(r[1]), 0n), pennies(total[1]));
  // And the decisions table.
  const [decisions] = await Promise.all([
    page.waitForEvent("download"),
    page.click('button[data-export-table="decisions"][data-format="csv"]'),
  ]);
  const rows = readFileSync(await decisions.path(), "utf8").trim().split("\r\n").map((l) => l.split(","));
  assert.deepEqual(rows.at(-1).slice(0, 2), ["Total", "10000"]);
  assert.equal(rows.at(-1)[3], plain(await page.textContent("#report-decisions tr.cb-total td[data-key=annualCost]")));
  // The JSON export of a table.
  const [json] = await Promise.all([
    page.waitForEvent("download"),
    page.click('button[data-export-table="costByAgency"][data-format="json"]'),
  ]);
  const table = JSON.parse(readFileSync(await json.path(), "utf8"));
  assert.equal(table.totals[1], plain(totalOnScreen));
  // Claims: the CSV's rows add up to its total, which is the screen's.
  const claimsOnScreen = await page.textContent("#report-claimsByType tr.cb-total td[data-key=amount]");
  const [claims] = await Promise.all([
    page.waitForEvent("download"),
    page.click('button[data-export-table="claimsByType"][data-format="csv"]'),
  ]);
  const claimLines = readFileSync(await claims.path(), "utf8").trim().split("\r\n").map((l) => l.split(","));
  assert.equal(claimLines.at(-1)[2], plain(claimsOnScreen));
  assert.ok(pennies(claimLines.at(-1)[2]) > 0n, "something is claimable");
  assert.equal(claimLines.slice(1, -1).reduce((sum, r) => sum + pennies(r[2]), 0n), pennies(claimLines.at(-1)[2]));
  // Partner returns: what the partners put in is the programme's cost (year 0,
  // not discounted), and the rebalancing transfers sum to zero.
  const cost = await page.textContent("#report-partnerReturns tr.cb-total td[data-key=contributions]");
  assert.match(cost, /^£[\d,]+\.\d\d$/);
  assert.equal(await page.textContent("#report-partnerRebalancing tr.cb-total td[data-key=fiscal]"), "£0.00");

  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(requests.filter((r) => r.phase === "after" && !r.url.startsWith("blob:") && !r.url.includes("axe")), [], "no request after load");
  assert.deepEqual(problems, []);
  await context.close();
});

test("bad rows are listed with line and column, and a bad header is an error at the file", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  const path = join(dir, "small.csv");
  writeFileSync(path, readFileSync(new URL("../fixtures/cohort/small.csv", import.meta.url)));
  await cohortPhase2(page);
  await page.setInputFiles("#cohort-file", path);
  await page.click(".govuk-details__summary");
  await page.fill("#assumption-engagement", "100");
  await page.click("#run");
  await page.waitForSelector("html[data-report=ready]");
  assert.equal(await page.textContent("#summary-rowsRejected"), "12");
  // The six figures reconcile on screen: 20 rows read = 8 processed + 12 not;
  // 14 families read = 4 processed (1 to 4) + 10 not (5 to 14).
  const shown = async (key) => Number((await page.textContent(`#summary-${key}`)).replace(/,/g, ""));
  assert.deepEqual(
    [await shown("rowsRead"), await shown("rowsProcessed"), await shown("familiesRead"), await shown("familiesProcessed"), await shown("familiesRejected")],
    [20, 8, 14, 4, 10],
  );
  const first = await page.locator("#report-rejected tbody tr").first().allTextContents();
  assert.match(first[0], /^11\s*age \(3\)\s*"abc" is not a number/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('button[data-export-table="rejected"]'),
  ]);
  assert.equal(readFileSync(await download.path(), "utf8").split("\r\n").length, 15);

  const bad = join(dir, "bad-header.csv");
  writeFileSync(bad, "age,offences\n40,\n");
  await page.setInputFiles("#cohort-file", bad);
  await page.click("#run");
  await page.waitForSelector("#error-summary:not([hidden])");
  assert.match(await page.textContent("#error-summary-list"), /The file’s header: The file has no "family" column/);
  assert.match(await page.textContent("#cohort-file-error"), /no "family" column/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("partners' shares that do not add up to 100 are an error at the share", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  const path = join(dir, "claims.csv");
  writeFileSync(path, readFileSync(new URL("../fixtures/cohort/claims.csv", import.meta.url)));
  await cohortPhase2(page);
  await page.setInputFiles("#cohort-file", path);
  await page.click("text=Partners pooling the budget");
  await page.fill("#partner-0-share", "50");
  await page.click("#run");
  await page.waitForSelector("#error-summary:not([hidden])");
  assert.match(await page.textContent("#error-summary-list"), /add up to 0\.9; they must add up to 1/);
  assert.equal(await page.getAttribute("#error-summary-list a", "href"), "#partner-0-share");
  assert.deepEqual(await axeViolations(page), []);
  // Put right, the report has the partners' returns.
  await page.fill("#partner-0-share", "60");
  await page.click("#run");
  await page.waitForSelector("html[data-report=ready]");
  assert.ok(await page.locator("#report-partnerReturns").count());
  assert.deepEqual(problems, []);
  await context.close();
});

test("a long run can be cancelled and the page answers while it runs", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  await page.fill("#generate-families", "60000");
  await page.click("#generate");
  await page.waitForFunction(() => document.getElementById("chosen-file").textContent.startsWith("Chosen: synthetic-cohort-60000.csv"), null, { timeout: 60000 });
  await page.click("#run");
  await page.waitForFunction(() => /rows read/.test(document.getElementById("progress-text").textContent));
  // The page's own thread is free: a timer fires on time while the worker reads.
  const late = await page.evaluate(() => new Promise((resolve) => {
    const t0 = performance.now();
    setTimeout(() => resolve(performance.now() - t0 - 50), 50);
  }));
  assert.ok(late < 200, `a 50 ms timer fired ${late.toFixed(0)} ms late`);
  // Cancel shows only while the run lasts: if it is gone, say how the run ended.
  await page.click("#cancel", { timeout: 10000 }).catch(async (e) => {
    const ended = await page.evaluate(() => [document.getElementById("progress-text").textContent,
      document.querySelector(".govuk-error-summary")?.textContent ?? ""].join(" | "));
    throw new Error(`Cancel could not be pressed (${e.message.split("\n")[0]}); the run: ${ended}`);
  });
  await page.waitForFunction(() => document.getElementById("progress-text").textContent.startsWith("Cancelled"));
  assert.equal(await page.locator("#report-area *").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Cancel, Print and the Downloads are hidden until there is a report, and do nothing before one", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  const buttons = ["#cancel", "#print", "#save-html", "#save-json"];
  const shown = () => page.evaluate((ids) => ids.map((id) => getComputedStyle(document.querySelector(id)).display !== "none"
    && document.querySelector(id).getBoundingClientRect().width > 0), buttons);
  // GOV.UK's .govuk-button sets display: inline-block; the `hidden` attribute must still win.
  assert.deepEqual(await shown(), [false, false, false, false]);
  // Pressed anyway (by a script, or a stale page): no download, no error in the console.
  let downloads = 0;
  page.on("download", () => { downloads += 1; });
  await page.evaluate(() => { for (const id of ["print", "save-html", "save-json"]) document.getElementById(id).click(); });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(downloads, 0);
  assert.deepEqual(problems, []);

  const path = join(dir, "buttons.csv");
  writeFileSync(path, readFileSync(new URL("../fixtures/cohort/small.csv", import.meta.url)));
  await page.setInputFiles("#cohort-file", path);
  await page.click("#run");
  await page.waitForSelector("html[data-report=ready]");
  // With a report: Print and both Downloads show; Cancel (only while a run goes) does not.
  assert.deepEqual(await shown(), [false, true, true, true]);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-json")]);
  assert.equal(download.suggestedFilename(), "programme-report.json");
  assert.deepEqual(problems, []);
  await context.close();
});

// ------------------------------------------------- settings: save and open

const claimsCsv = () => {
  const path = join(dir, "claims-settings.csv");
  writeFileSync(path, readFileSync(new URL("../fixtures/cohort/claims.csv", import.meta.url)));
  return path;
};

/** Runs the chosen file and returns the whole report's text (the engine's, English). */
async function reportText(page) {
  await page.evaluate(() => { delete document.documentElement.dataset.report; });
  await page.click("#run");
  await page.waitForSelector("html[data-report=ready]", { timeout: 60000 });
  return page.textContent("#report");
}

/** The settings on the form, as typed. */
const formValues = (page) => page.evaluate(() => [...document.querySelectorAll("#cohort-form input[type=text], #cohort-form select, #cohort-form input[type=radio]:checked")]
  .map((i) => `${i.id}=${i.value}`));

test("settings: saved to a file, opened again after a reload, the same report comes back", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  const file = claimsCsv();
  await page.setInputFiles("#cohort-file", file);
  const defaults = await reportText(page);
  // Settings other than the defaults: every kind of field the form has.
  await page.check("#pack-2012");
  await page.fill("#assessment-date", "2014-12-31");
  await page.fill("#generate-families", "250");
  const years = await page.locator("#base-year option").evaluateAll((os) => os.map((o) => o.value));
  const year = years.find((y) => y !== "2024/25" && !/forecast/.test(y));
  await page.selectOption("#base-year", year);
  // A council's own unit-cost table (kept in the settings, read again when they are opened).
  await page.setInputFiles("#council-file", fileURLToPath(new URL("./fixtures/Testshire 2025-26.csv", import.meta.url)));
  await page.waitForSelector("#council-summary");
  await page.click("text=Assumptions for the savings");
  await page.fill("#assumption-engagement", "100");
  await page.fill("#assumption-costPerFamily", "8000");
  await page.click("text=Partners pooling the budget");
  await page.fill("#partner-0-share", "50");
  await page.fill("#partner-4-share", "10");
  const changed = await reportText(page);
  assert.notEqual(changed, defaults, "the settings change the report");
  const typed = await formValues(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-case")]);
  assert.match(download.suggestedFilename(), /^cohort-settings-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = join(dir, "cohort-settings.json");
  await download.saveAs(saved);
  const kept = JSON.parse(readFileSync(saved, "utf8"));
  assert.equal(kept.kind, "cohort-settings");
  assert.deepEqual([kept.call.rulePack, kept.call.assessmentDate, kept.call.families, kept.call.prices.baseYear],
    ["tf-2012", "2014-12-31", "250", year]);
  assert.deepEqual([kept.call.assumptions.engagement, kept.call.partners[0].share, kept.call.partners[4].share], ["100", "50", "10"]);
  assert.equal(kept.call.partners[0].name, "Council");
  assert.deepEqual([kept.call.prices.councilTable.name, kept.call.prices.councilTable.extends], ["Testshire 2025-26", "ucd-v1.2"]);
  // The settings, and not the cohort file.
  assert.deepEqual(Object.keys(kept.call).sort(), ["assessmentDate", "assumptions", "families", "partners", "prices", "rulePack"]);
  assert.match(await page.textContent("#case-message"), /Saved the settings as cohort-settings-/);

  // A fresh page has the defaults; the saved settings put the form back, and the same report comes back.
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.inputValue("#assumption-engagement"), "80");
  await page.setInputFiles("#open-case", saved);
  await page.waitForFunction(() => /Opened the settings file cohort-settings\.json/.test(document.getElementById("case-message").textContent));
  assert.deepEqual(await formValues(page), typed);
  assert.equal(await page.textContent("#council-id"), "council:Testshire 2025-26");
  await page.setInputFiles("#cohort-file", file);
  assert.equal(await reportText(page), changed);
  assert.deepEqual(problems, []);
  await context.close();
});

test("settings: a damaged or foreign file is refused, naming what is wrong, and nothing on the page is lost", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  await page.setInputFiles("#cohort-file", claimsCsv());
  await page.click("text=Assumptions for the savings");
  await page.fill("#assumption-engagement", "90");
  const report = await reportText(page);
  const typed = await formValues(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-case")]);
  const good = JSON.parse(readFileSync(await download.path(), "utf8"));
  const bad = join(dir, "bad-settings.json");
  const cases = [
    ["{ not json", /bad-settings\.json is not a settings file this page can open: it is not valid JSON/],
    [JSON.stringify({ ...good, kind: "partners" }), /saved by another page, not as the settings of a cohort report/],
    [JSON.stringify({ format: "something-else", call: good.call }), /it is not a community-budget file/],
    [JSON.stringify({ ...good, version: 2 }), /saved by a newer version of this page/],
    [JSON.stringify({ ...good, call: { ...good.call, assumptions: { ...good.call.assumptions, engagement: 80 } } }), /\(call\.assumptions\.engagement\)/],
    [JSON.stringify({ ...good, call: { ...good.call, rulePack: "tf-2099" } }), /\(call\.rulePack\)/],
    [JSON.stringify({ ...good, call: { ...good.call, prices: { ...good.call.prices, unitCostTable: "ucd-v9" } } }), /\(call\.prices\.unitCostTable\)/],
    [JSON.stringify({ ...good, call: { ...good.call, partners: good.call.partners.slice(1) } }), /\(call\.partners\)/],
  ];
  for (const [content, message] of cases) {
    writeFileSync(bad, content);
    await page.setInputFiles("#open-case", bad);
    await page.waitForFunction((m) => new RegExp(m).test(document.getElementById("error-summary-list").textContent), message.source);
    assert.equal(await page.getAttribute("#error-summary-list a", "href"), "#open-case");
    assert.match(await page.textContent("#open-case-error"), message);
    assert.equal(await page.evaluate(() => document.activeElement.id), "error-summary");
    assert.deepEqual(await formValues(page), typed, "the form is as it was");
    assert.equal(await page.textContent("#report"), report, "the report is as it was");
    assert.equal(await page.textContent("#case-message"), "");
  }
  assert.deepEqual(await axeViolations(page), []);
  // The good file still opens (and clears the refusal).
  writeFileSync(bad, JSON.stringify(good));
  await page.setInputFiles("#open-case", bad);
  await page.waitForFunction(() => /Opened the settings file/.test(document.getElementById("case-message").textContent));
  assert.equal(await page.isHidden("#error-summary"), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test("settings: the opt-in draft keeps nothing until asked, survives a reload, and goes once cleared and confirmed", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  await page.fill("#assessment-date", "2015-01-31");
  assert.deepEqual(await databases(), [], "no database before opting in");
  await page.check("#keep-draft");
  await page.click("text=Partners pooling the budget");
  await page.fill("#partner-1-share", "15");
  await page.fill("#partner-4-share", "5");
  await page.waitForFunction(async () => (await indexedDB.databases()).length === 1);
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.isChecked("#keep-draft"), true);
  assert.equal(await page.inputValue("#assessment-date"), "2015-01-31");
  assert.equal(await page.inputValue("#partner-4-share"), "5");
  assert.match(await page.textContent("#case-message"), /Restored the draft of the settings/);
  // Clearing asks first; Cancel keeps the draft; Yes removes it.
  await page.click("#clear-saved");
  assert.match(await page.textContent("#clear-saved-confirm-question"), /^Clear saved data\?/);
  await page.click("#clear-saved-confirm-cancel");
  assert.deepEqual(await databases(), ["community-budget"]);
  await page.click("#clear-saved");
  await page.click("#clear-saved-confirm-yes");
  await page.waitForFunction(async () => (await indexedDB.databases()).length === 0);
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  // Back to the page's own opening: today's date.
  assert.equal(await page.inputValue("#assessment-date"), today());
  assert.equal(await page.isChecked("#keep-draft"), false);
  assert.deepEqual(problems, []);
  await context.close();
});

// ----------------------------------------------------------------- Welsh

/**
 * The texts of <main> the Welsh page shows as Welsh (outside anything marked
 * lang="en-GB"), that are one of the English words of the page's tables: none
 * should be, once every word has its twin.
 */
const englishLeft = (page) => page.evaluate(async () => {
  const { PAGE, SAY, SETTINGS, ASSUMPTIONS, PARTNERS } = await import("/www/cohort.js");
  const english = new Set([...Object.values(PAGE), ...Object.values(SETTINGS), ...ASSUMPTIONS.map((a) => a[1]), ...PARTNERS.map((p) => p[1])]
    .filter((w) => w.en !== w.cy).map((w) => w.en.trim()));
  const sentences = Object.values(SAY).map((w) => new RegExp(`^${w.en.replace(/[.*+?^$()[\]\\|]/g, "\\$&").replace(/\{\w+\}/g, ".*")}$`));
  const left = [];
  const walk = document.createTreeWalker(document.getElementById("main-content"), NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    const text = node.textContent.trim();
    if (!text || node.parentElement.closest("[lang]:not(#main-content)")?.lang === "en-GB") continue;
    if (node.parentElement.closest("[hidden]")) continue;
    if (english.has(text) || sentences.some((s) => s.test(text))) left.push(text);
  }
  return left;
});

test("Welsh (?lang=cy): main is no longer marked English, the page's words are Welsh, a report is drawn in Welsh around the engine's English", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html?lang=cy");
  assert.equal(await page.getAttribute("html", "lang"), "cy-GB");
  assert.equal(await page.getAttribute("#main-content", "lang"), null);
  assert.equal(await page.title(), "Adroddiad carfan – porth arddangos cyllideb gymunedol");
  assert.equal(await page.textContent("h1"), "Adroddiad carfan");
  assert.equal(await page.textContent("#run"), "Gwneud yr adroddiad");
  assert.equal(await page.textContent("#generate"), "Llunio carfan synthetig");
  assert.equal(await page.textContent("#save-case"), "Cadw’r gosodiadau hyn");
  assert.equal(await page.textContent('label[for="open-case"]'), "Agor gosodiadau a gadwyd");
  assert.equal(await page.textContent("#assumption-engagement-label"), "Teuluoedd sy’n cymryd rhan (%) [80]");
  assert.equal(await page.textContent("#partner-0-share-label"), "Cyngor (yn cael arbedion Local Authority): cyfran o’r gost (%)");
  assert.equal(await page.getAttribute("#partner-0-share-label span", "lang"), "en-GB", "the engine's agency, marked English");
  assert.match(await page.textContent("#engine-status"), /^Mae’r peiriant .* yn barod\.$/);
  assert.match(await page.textContent("#footer-text"), /^Mae’r cyfrifiadau’n rhedeg/);
  assert.deepEqual(await englishLeft(page), []);
  assert.deepEqual(await axeViolations(page), [], "Welsh, before a report");

  await page.setInputFiles("#cohort-file", claimsCsv());
  assert.match(await page.textContent("#chosen-file"), /^Dewiswyd: claims-settings\.csv \([\d,]+ beit\)$/);
  await page.click("#run");
  await page.waitForSelector("html[data-report=ready]");
  assert.match(await page.textContent("#progress-text"), /^Wedi gorffen: darllenwyd 7 o resi mewn [\d.]+ eiliad\.$/);
  assert.equal(await page.textContent("#save-html"), "Lawrlwytho’r adroddiad (HTML)");
  assert.equal(await page.isVisible("#report-language"), true);
  // The report is the engine's, in English, and says so to a screen reader.
  assert.equal(await page.getAttribute("#report", "lang"), "en-GB");
  assert.deepEqual(await englishLeft(page), []);
  assert.deepEqual(await axeViolations(page), [], "Welsh, with a report");

  // A problem the page composes, and one of the engine's (marked English), in Welsh.
  await page.fill("#generate-families", "0");
  await page.click("#generate");
  assert.equal(await page.textContent("#error-summary-title"), "Mae problem wedi codi");
  assert.equal(await page.textContent("#error-summary-list"), "Rhowch sawl teulu i’w llunio: rhif cyfan o 1 i 1,000,000.");
  const header = join(dir, "bad-header-cy.csv");
  writeFileSync(header, "age,offences\n40,\n");
  await page.setInputFiles("#cohort-file", header);
  await page.click("#run");
  await page.waitForSelector("#error-summary:not([hidden])");
  assert.match(await page.textContent("#error-summary-list"), /^Pennawd y ffeil: The file has no "family" column/);
  assert.equal(await page.getAttribute("#error-summary-list a span", "lang"), "en-GB");
  assert.deepEqual(await axeViolations(page), [], "Welsh, with an error");
  assert.deepEqual(problems, []);
  await context.close();
});

test("Welsh by the switch: a report already made is redrawn without running the cohort again, and back", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  await page.setInputFiles("#cohort-file", claimsCsv());
  await page.click("text=Assumptions for the savings");
  await page.fill("#assumption-success", "150");
  await page.click("#run");
  await page.waitForSelector("#error-summary:not([hidden])");
  assert.match(await page.textContent("#error-summary-list"), /^Of those, families who achieve the outcome \(%\): enter a percentage/);
  // The problem on show is written again in Welsh, and back in English.
  await page.click("#switch-language");
  assert.match(await page.textContent("#error-summary-list"), /^O’r rheini, teuluoedd sy’n cyflawni’r canlyniad \(%\): rhowch ganran o 0 i 100/);
  assert.match(await page.textContent("#assumption-success-error"), /rhowch ganran/);
  await page.click("#switch-language");
  assert.match(await page.textContent("#error-summary-list"), /^Of those, families who achieve the outcome \(%\): enter a percentage/);
  await page.fill("#assumption-success", "50");
  await page.click("#run");
  await page.waitForSelector("html[data-report=ready]");
  const report = await page.textContent("#report");
  // Mark the report's node: the same node after the switch is the same report, not a new run.
  await page.evaluate(() => { document.getElementById("report").dataset.seen = "before the switch"; });
  let runs = 0;
  await page.exposeFunction("countRun", () => { runs += 1; });
  await page.evaluate(() => {
    new MutationObserver(() => window.countRun()).observe(document.getElementById("report-area"), { childList: true });
  });

  await page.click("#switch-language");
  assert.equal(await page.getAttribute("#main-content", "lang"), null);
  assert.equal(await page.textContent("h1"), "Adroddiad carfan");
  assert.match(await page.textContent("#progress-text"), /^Wedi gorffen: darllenwyd 7 o resi mewn/);
  assert.equal(await page.textContent("#print"), "Argraffu neu gadw fel PDF");
  assert.match(await page.textContent("#base-year-group label"), /^Blwyddyn brisiau/);
  assert.match(await page.textContent("#footer-prices"), /^Prisiau: /);
  assert.equal(await page.getAttribute("#report", "data-seen"), "before the switch");
  assert.equal(await page.textContent("#report"), report);
  assert.equal(await page.isVisible("#report-language"), true);
  assert.deepEqual(await englishLeft(page), []);
  assert.deepEqual(await axeViolations(page), []);

  // A refused settings file is said in Welsh, and again in English after the switch back.
  const bad = join(dir, "bad-settings-cy.json");
  writeFileSync(bad, "{ not json");
  await page.setInputFiles("#open-case", bad);
  await page.waitForFunction(() => /^Nid yw’r ffeil bad-settings-cy\.json yn ffeil gosodiadau/.test(document.getElementById("error-summary-list").textContent));
  assert.match(await page.textContent("#open-case-error"), /^Gwall: Nid yw’r ffeil/);
  assert.deepEqual(await axeViolations(page), [], "Welsh, with a refused file");

  await page.click("#switch-language");
  assert.equal(await page.textContent("h1"), "Cohort report");
  assert.match(await page.textContent("#progress-text"), /^Done: 7 rows read in/);
  assert.match(await page.textContent("#error-summary-list"), /^The file bad-settings-cy\.json is not a settings file this page can open: it is not valid JSON$/);
  assert.equal(await page.textContent("#save-case"), "Save these settings");
  assert.equal(await page.isVisible("#report-language"), false);
  assert.equal(await page.getAttribute("#report", "data-seen"), "before the switch");
  assert.equal(runs, 0, "the report was not drawn again");
  assert.deepEqual(problems, []);
  await context.close();
});

test("every word of the page's tables has its English and its Welsh, with the same placeholders, and every id is on the page", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  const missing = await page.evaluate(async () => {
    const { PAGE, SAY, SETTINGS, ASSUMPTIONS, PARTNERS } = await import("/www/cohort.js");
    const tables = {
      PAGE, SAY, SETTINGS,
      ASSUMPTIONS: Object.fromEntries(ASSUMPTIONS.map((a) => [a[0], a[1]])),
      PARTNERS: Object.fromEntries(PARTNERS.map((p) => [p[0], p[1]])),
    };
    const holes = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");
    const wrong = [];
    for (const [name, table] of Object.entries(tables)) {
      for (const [key, words] of Object.entries(table)) {
        if (Object.keys(words).sort().join() !== "cy,en") wrong.push(`${name}.${key}: languages ${Object.keys(words)}`);
        if (typeof words.en !== "string" || !words.en.trim() || typeof words.cy !== "string" || !words.cy.trim()) wrong.push(`${name}.${key}: empty`);
        else if (holes(words.en) !== holes(words.cy)) wrong.push(`${name}.${key}: placeholders ${holes(words.en)} / ${holes(words.cy)}`);
      }
    }
    for (const id of Object.keys(PAGE)) if (id !== "title" && !document.getElementById(id)) wrong.push(`PAGE.${id}: no such node`);
    return { wrong, count: Object.values(tables).reduce((n, t) => n + Object.keys(t).length, 0) };
  });
  assert.deepEqual(missing.wrong, []);
  assert.ok(missing.count > 60, `${missing.count} words checked`);
  assert.deepEqual(problems, []);
  await context.close();
});

// Three families under sf-2022, each an adult of 31 with a mental health problem and a child of 8 (the
// precondition), attached 2023-01-16, the report (and the claims) on 2024-03-15. Worked by hand:
//   A: at attachment three needs (mental health; domestic abuse on 2022-11-20, within the 12 months;
//      ESA from 2022-06-01 to 2023-07-31 on the day): eligible; closed 2023-09-15, so each outcome must
//      hold to 2023-09-15 + 6 months = 2024-03-15: every need met and sustained on the day: £800.
//   B: the same three needs, closed 2023-09-20: held to 2024-03-20, after the claim date: not yet, £0.
//   C: two needs at attachment (mental health, domestic abuse on 2022-11-20; no benefit): not eligible, £0.
// On 2024-03-15 itself (the report's assessment): 2022-11-20 is more than 12 months back and the ESA has
// ended, so A and B have one need (mental health); C has three: mental health, a second incident on
// 2023-11-01 and problem debt from 2023-10-01 (the circumstances column; after its attachment, so not
// among its needs then). Needs 0 → 0, 1 → 2, 2 → 0, 3 → 1, 4 and 5 or more → 0, total 3; the health
// headline 3, domestic abuse 1, financial stability 1; one family eligible (C).
// Claims: one results payment, 800.00 in all; no attachment fees (0.00).
const SF2022_CSV = [
  "family,age,role,benefits,mental_health,circumstances,domestic_abuse,attachment_date,case_closure_date,need_outcomes,outcomes_lapsed",
  "A,31,parent,esa:2022-06-01:2023-07-31,yes,,2022-11-20,2023-01-16,2023-09-15,mental-health:2023-07-01:GP review;domestic-abuse:2023-06-01:MARAC closed;out-of-work-benefit:2023-08-01:payslips,",
  "A,8,child,,,,,,,,",
  "B,31,parent,esa:2022-06-01:2023-07-31,yes,,2022-11-20,2023-01-16,2023-09-20,mental-health:2023-07-01:GP review;domestic-abuse:2023-06-01:MARAC closed;out-of-work-benefit:2023-08-01:payslips,",
  "B,8,child,,,,,,,,",
  "C,31,parent,,yes,problemDebt:2023-10-01,2022-11-20;2023-11-01,2023-01-16,2023-09-15,,",
  "C,8,child,,,,,,,,",
].join("\n") + "\n";

test("sf-2022: families by headline and by needs, and the 2022 to 2025 claims; the CSV export is the screen's", async () => {
  const path = join(dir, "sf-2022-cohort.csv");
  writeFileSync(path, SF2022_CSV);
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  await page.check("#pack-2022");
  await page.fill("#assessment-date", "2024-03-15");
  await page.setInputFiles("#cohort-file", path);
  await page.click("#run");
  await page.waitForSelector("html[data-report=ready]", { timeout: 30000 });
  const cells = (id) => page.locator(`#report-${id} tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim())));
  const needs = (await cells("needsMet")).slice(1).map((r) => r.slice(0, 2));
  assert.deepEqual(needs, [["0", "0"], ["1", "2"], ["2", "0"], ["3", "1"], ["4", "0"], ["5 or more", "0"], ["Total", "3"]]);
  const headlines = Object.fromEntries((await cells("criteria")).slice(1).map((r) => [r[0], r[2]]));
  assert.equal(headlines["Improved mental and physical health"], "3");
  assert.equal(headlines["Safe from domestic abuse"], "1");
  assert.equal(headlines["Financial stability"], "1");
  assert.equal((await cells("decisions"))[1].slice(0, 2).join(), "Eligible,1");
  const claims = await cells("claimsByType");
  assert.deepEqual(claims[1].slice(0, 3), ["Attachment fees", "0", "£0.00"]);
  assert.equal(claims.at(-1).at(-1), "£800.00");
  // The CSV export of the needs table is the screen's.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('button[data-export-table="needsMet"][data-format="csv"]'),
  ]);
  const lines = readFileSync(await download.path(), "utf8").trim().split("\r\n").map((l) => l.split(","));
  assert.deepEqual(lines.slice(1).map((r) => r.slice(0, 2)), needs);
  assert.deepEqual(await axeViolations(page), [], "an sf-2022 report");
  assert.deepEqual(afterLoad(requests).map((r) => r.url), [], "no request after load but axe-core's own");
  assert.deepEqual(problems, []);
  await context.close();
});
