// The cohort page: a generated 10,000-family file through the Web Worker,
// progress shown, the report on screen, a CSV export whose totals are the
// screen's, cancel, errors, no request after load, no axe violations.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initSync, generateCohort } from "../../pkg/community_budget.js";
import { axeViolations, openBrowser, openPortal } from "./browser.mjs";

initSync({ module: readFileSync(new URL("../../pkg/community_budget_bg.wasm", import.meta.url)) });

let env;
let dir;
before(async () => {
  env = await openBrowser();
  dir = mkdtempSync(join(tmpdir(), "cohort-e2e-"));
});
after(async () => { await env?.close(); });

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
