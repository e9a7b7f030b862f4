// End-to-end: "Today's money" (issue 14). Every pricing page opens at the
// deflator series' latest outturn year; the officer switches the series and
// the unit-cost table, loads the council's own table (a CSV with one bad row),
// and the footer, the receipt and the figures follow.
//
// Hand-worked figures: value_to = value_from × index[to] / index[from], rounded
// to the penny, then × quantity. HM Treasury March 2026 (data/gdp_deflator_hmt_2026_03.tsv,
// the default): 2002/03 56.6000, 2006/07 63.2017, 2013/14 73.0337, 2023/24 96.1117,
// 2024/25 100.0000. The UCD's own index (data/gdp_deflator_ucd_v1_2.tsv): 2002/03
// 137.744017, 2012/13 174.372625, 2013/14 178.383195.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterLoad, axeViolations, cohortPhase2, lastAnswer, openBrowser, openPortal, text } from "./browser.mjs";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));
// Line 2: LOCAL-PCO £147 at 2023/24; line 3: CR1.0 £600 at 2024/25 (replaces UCD v1.2's CR1.0);
// line 4: LOCAL-BAD with the cost "12x", left out (column 6, cost).
const COUNCIL = `${fixtures}Testshire 2025-26.csv`;
const COUNCIL_ID = "council:Testshire 2025-26";

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const total = (page, want) => page.waitForFunction((w) => document.querySelector("#family-total")?.textContent === w, want);
const focusedId = (page) => page.evaluate(() => document.activeElement?.id);
const answerOf = (page) => page.evaluate(() => document.querySelector("#family").answer);
const codes = (page) => page.$$eval("#family-unit-cost-options option", (options) => options.map((o) => o.value));

test("the family-cost page opens in today's money; switching the series and the table moves the figures and the footer", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin);
  assert.equal(await page.inputValue("#family-base-year"), "2024/25");
  assert.equal(await page.inputValue("#family-deflator"), "hmt-gdp-2026-03");
  assert.equal(await page.inputValue("#family-unit-cost-table"), "ucd-v1.2");
  assert.equal(await text(page, "#family-base-year option[value='2025/26']"), "2025/26 (forecast)");
  assert.equal(await text(page, "#family-base-year option[value='2024/25']"), "2024/25");
  assert.equal(await text(page, "#footer-prices"), "Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: UCD v1.2");
  assert.equal(await page.locator("#family-table-warning").count(), 0, "no warning for UCD v1.2");

  // CR1.0: 500 at 2002/03 × 100.0000 / 56.6000 = 883.392226… → 883.39.
  await page.fill("#family-item-0-code", "CR1.0");
  await page.fill("#family-item-0-quantity", "1");
  await total(page, "£883.39");
  assert.match(await text(page, "#family-total-summary"), /at 2024\/25 prices$/);
  let answer = await answerOf(page);
  assert.equal(answer.baseYear, "2024/25");
  assert.equal(answer.receipt.deflator.id, "hmt-gdp-2026-03");
  assert.equal(answer.receipt.unitCostTable.id, "ucd-v1.2");

  // The UCD's own index: the year follows to that series' latest outturn, 2012/13.
  // CR1.0: 500 × 174.372625 / 137.744017 = 632.958… → 632.96. Focus stays on the series.
  await page.focus("#family-deflator");
  await page.selectOption("#family-deflator", "ucd-v1.2-ons-2013-06");
  await total(page, "£632.96");
  assert.equal(await focusedId(page), "family-deflator");
  assert.equal(await page.inputValue("#family-base-year"), "2012/13");
  assert.equal(await text(page, "#footer-prices"), "Prices: 2012/13, UCD v1.2 index (ONS June 2013); unit costs: UCD v1.2");
  // 2013/14 is a forecast of that series: CR1.0 500 × 178.383195 / 137.744017 = 647.517… → 647.52, with the note.
  assert.equal(await text(page, "#family-base-year option[value='2013/14']"), "2013/14 (forecast)");
  await page.selectOption("#family-base-year", "2013/14");
  await total(page, "£647.52");
  assert.match(await text(page, "#family-notes"), /forecast/);
  assert.equal(await text(page, "#footer-prices"), "Prices: 2013/14, UCD v1.2 index (ONS June 2013); unit costs: UCD v1.2");

  // Back to HM Treasury's series: the officer's 2013/14 stays (the series has it).
  // CR1.0: 500 × 73.0337 / 56.6000 = 645.174… → 645.17.
  await page.selectOption("#family-deflator", "hmt-gdp-2026-03");
  await total(page, "£645.17");
  assert.equal(await page.inputValue("#family-base-year"), "2013/14");
  assert.equal(await text(page, "#footer-prices"), "Prices: 2013/14, HM Treasury GDP deflators March 2026; unit costs: UCD v1.2");
  await page.selectOption("#family-base-year", "2024/25");
  await total(page, "£883.39");

  // CR1.3 is not a UCD v1.2 code: an error at the field.
  await page.click("#family-add-item");
  await page.keyboard.type("CR1.3");
  await page.fill("#family-item-1-quantity", "1");
  await page.locator("#family-error-summary a[href='#family-item-1-code']").waitFor();
  assert.ok(!(await codes(page)).includes("CR1.3"), "the code list is UCD v1.2's");

  // UCD v1.4 (not in the costs module: the element fetches its data file from the package, once) numbers its
  // codes differently: a warning, and CR1.3 is now the Acceptable Behaviour Contract,
  // £230 at 2006/07: 230 × 100.0000 / 63.2017 = 363.914… → 363.91; with CR1.0 (the same there) 883.39 + 363.91 = 1,247.30.
  await page.selectOption("#family-unit-cost-table", "ucd-v1.4");
  await total(page, "£1,247.30");
  assert.match(await text(page, "#family-table-warning"), /^!Warning UCD v1\.4 numbers its codes differently from v1\.2/);
  assert.match(await text(page, "#family-item-1-description"), /^Acceptable Behaviour Contract issued/);
  assert.ok((await codes(page)).includes("CR1.3"), "the code list follows the table");
  assert.equal(await text(page, "#footer-prices"), "Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: UCD v1.4");
  answer = await answerOf(page);
  assert.equal(answer.receipt.unitCostTable.id, "ucd-v1.4");
  assert.equal(answer.unitCostTable, "ucd-v1.4");
  const call = await page.evaluate(() => document.querySelector("#family").call);
  assert.deepEqual([call.baseYear, call.deflator, call.unitCostTable], ["2024/25", "hmt-gdp-2026-03", "ucd-v1.4"]);
  await page.click("#family-results summary");
  assert.match(await text(page, "#family-results .govuk-details__text"), /Deflator serieshmt-gdp-2026-03 \(SHA-256 [0-9a-f]{64}\)/);
  assert.deepEqual(await axeViolations(page), [], "UCD v1.4 with its warning, the receipt open");

  // The only request after the page had loaded: the package's own UCD v1.4 file, when it was chosen.
  assert.deepEqual(afterLoad(requests).map((r) => r.url), [`${env.origin}/pkg/ucd_v1_4.tsv`]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("unit-cost-table=\"ucd-v1.4\" loads that table's file at the start; a file that cannot be had leaves UCD v1.2, with the error at the table", async () => {
  const start = await openPortal(env.browser, env.origin, "/tests/e2e/elements.html?element=family-cost&unit-cost-table=ucd-v1.4");
  assert.ok(start.requests.some((r) => r.url === `${env.origin}/pkg/ucd_v1_4.tsv` && r.phase === "load"), "fetched while the element started");
  assert.equal(await start.page.inputValue("#el-unit-cost-table"), "ucd-v1.4");
  assert.match(await text(start.page, "#el-table-warning"), /numbers its codes differently/);
  // CR1.3 (UCD v1.4): 230 × 100.0000 / 63.2017 = 363.914… → 363.91.
  await start.page.fill("#el-item-0-code", "CR1.3");
  await start.page.fill("#el-item-0-quantity", "1");
  await start.page.waitForFunction(() => document.querySelector("#el-total")?.textContent === "£363.91");
  assert.deepEqual(afterLoad(start.requests), []);
  await start.context.close();

  const { context, page } = await openPortal(env.browser, env.origin, "/tests/e2e/elements.html?element=family-cost");
  await context.route("**/ucd_v1_4.tsv", (route) => route.abort());
  // The browser logs the refused file; that is this test's point, not a fault.
  env.expectProblems(/^Failed to load resource: net::ERR_FAILED \(at .*\/tests\/e2e\/elements\.html\?element=family-cost\)$/);
  await page.selectOption("#el-unit-cost-table", "ucd-v1.4");
  const link = page.locator("#el-error-summary a");
  await link.first().waitFor();
  assert.equal(await link.getAttribute("href"), "#el-unit-cost-table");
  assert.match(await link.textContent(), /^UCD v1\.4 could not be loaded, so the table in use stays: /);
  assert.equal(await page.inputValue("#el-unit-cost-table"), "ucd-v1.2");
  assert.equal(await page.locator("#el-table-warning").count(), 0);
  assert.deepEqual(await axeViolations(page), [], "the table's error");
  await context.close();
});

test("the council's own table: the bad row by line and column, the good rows used on UCD v1.2 or on their own, then removed", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin);
  assert.equal(await page.getAttribute("#family-council-template", "href"), `${env.origin}/pkg/unit_cost_template.csv`);
  await page.setInputFiles("#family-council-file", COUNCIL);
  await page.locator("#family-council-summary").waitFor();
  assert.equal(await text(page, "#family-council-name"), "Testshire 2025-26.csv");
  assert.equal(await text(page, "#family-council-id"), COUNCIL_ID);
  assert.equal(await text(page, "#family-council-read"), "3");
  assert.equal(await text(page, "#family-council-accepted"), "2");
  assert.equal(await text(page, "#family-council-rejected"), "1");
  const problemRows = await page.$$eval("#family-council-problems tbody tr", (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(problemRows, [["4", "6 (cost)", "\"12x\" is not an amount of money; write it like 1234.56 or £1,234.56."]]);
  assert.equal(await text(page, "#family-status"), `Read ${COUNCIL_ID}: 2 of 3 rows used, 1 left out.`);
  assert.equal(await page.isChecked("#family-council-mode-with"), true, "used with UCD v1.2 to begin with");
  assert.equal(await text(page, "label[for=family-council-mode-with]"), "With UCD v1.2: your rows replace its rows with the same code");
  assert.equal(await text(page, "#footer-prices"), `Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: ${COUNCIL_ID} on UCD v1.2`);
  const list = await codes(page);
  assert.ok(list.includes("LOCAL-PCO") && list.includes("CR6.0") && !list.includes("LOCAL-BAD"), "the council's good rows and UCD v1.2's");

  // LOCAL-PCO: 147 at 2023/24 × 100.0000 / 96.1117 = 152.947… → 152.95 × 3 = 458.85; CR1.0 is the council's
  // £600.00 at 2024/25 × 2 = 1,200.00; CR6.0 is UCD v1.2's: 593 × 100.0000 / 63.2017 = 938.265… → 938.27.
  // Total 458.85 + 1,200.00 + 938.27 = 2,597.12.
  await page.fill("#family-item-0-code", "LOCAL-PCO");
  await page.fill("#family-item-0-quantity", "3");
  await page.click("#family-add-item");
  await page.keyboard.type("CR1.0");
  await page.fill("#family-item-1-quantity", "2");
  await page.click("#family-add-item");
  await page.keyboard.type("CR6.0");
  await page.fill("#family-item-2-quantity", "1");
  await total(page, "£2,597.12");
  assert.match(await text(page, "#family-item-0-description"), /^Police call-out to the home \(your council’s table\)/);
  const lines = await page.$$eval("#family-lines tbody tr", (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[1].textContent, r.cells[4].textContent]));
  assert.deepEqual(lines, [
    ["LOCAL-PCO", "Police call-out to the home (your council’s table)", "£152.95"],
    ["CR1.0", "Anti-social behaviour incident needing further action (your council’s table)", "£600.00"],
    ["CR6.0", "Criminal proceedings: Arrest - detained", "£938.27"],
  ]);
  assert.match(await text(page, "#family-notes"), /1 of the 3 rows of council:Testshire 2025-26 were left out \(line 4\)/);
  let answer = await answerOf(page);
  assert.equal(answer.receipt.unitCostTable.id, COUNCIL_ID);
  assert.equal(answer.receipt.extendsTable.id, "ucd-v1.2");
  let call = await page.evaluate(() => document.querySelector("#family").call);
  assert.equal(call.unitCostTable, undefined, "a council table is sent instead of a built-in table's id");
  assert.deepEqual([call.councilTable.name, call.councilTable.extends], ["Testshire 2025-26", "ucd-v1.2"]);
  await page.click("#family-results summary");
  const receipt = await text(page, "#family-results .govuk-details__text");
  assert.match(receipt, new RegExp(`Unit-cost table${COUNCIL_ID} \\(SHA-256 [0-9a-f]{64}\\)`));
  assert.match(receipt, /Built on the tableucd-v1\.2 \(SHA-256 [0-9a-f]{64}\)/);
  assert.deepEqual(await axeViolations(page), [], "the council's table with a problem, and results");

  // On its own: CR6.0 is not in the council's table, an error naming the table at the field.
  await page.check("#family-council-mode-alone");
  await page.locator("#family-error-summary a[href='#family-item-2-code']").waitFor();
  assert.match(await text(page, "#family-item-2-code-error"), /CR6\.0.*council:Testshire 2025-26/);
  assert.equal(await text(page, "#footer-prices"), `Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: ${COUNCIL_ID}`);
  assert.ok(!(await codes(page)).includes("CR6.0"), "only the council's codes");
  // The left-out row's code is named with its line.
  await page.fill("#family-item-2-code", "LOCAL-BAD");
  await page.waitForFunction(() => /line 4/.test(document.querySelector("#family-item-2-code-error")?.textContent ?? ""));
  call = await page.evaluate(() => document.querySelector("#family").call);
  assert.equal(call.councilTable.extends, undefined);
  assert.deepEqual(await axeViolations(page), [], "on its own, with errors");

  // Removed: UCD v1.2 again, where LOCAL-PCO is unknown and CR1.0 is UCD's.
  await page.click("#family-council-remove");
  await page.locator("#family-council-summary").waitFor({ state: "detached" });
  assert.equal(await focusedId(page), "family-council-file");
  assert.equal(await text(page, "#footer-prices"), "Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: UCD v1.2");
  await page.click("#family-item-0 button");
  await page.click("#family-item-1 button");
  // CR1.0 883.39 × 2 = 1,766.78.
  await total(page, "£1,766.78");
  answer = await answerOf(page);
  assert.equal(answer.receipt.unitCostTable.id, "ucd-v1.2");
  assert.equal(answer.receipt.extendsTable, undefined);

  assert.deepEqual(afterLoad(requests), [], "reading the file made no request");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a file that is not a unit-cost table is refused, naming it and what it lacks; nothing changes", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin);
  await page.setInputFiles("#family-council-file", `${fixtures}no-required-columns.csv`);
  const link = page.locator("#family-error-summary a");
  await link.first().waitFor();
  assert.equal(await link.getAttribute("href"), "#family-council-file");
  assert.match(await link.textContent(), /^The file no-required-columns\.csv could not be used as a unit-cost table: The header row lacks the columns agency_l1, price_year/);
  assert.equal(await focusedId(page), "family-error-summary");
  assert.match(await text(page, "#family-council-file-error"), /^Error: The file no-required-columns\.csv/);
  assert.equal(await page.locator("#family-council-summary").count(), 0);
  assert.deepEqual(await axeViolations(page), [], "the file's error");
  await link.click();
  assert.equal(await focusedId(page), "family-council-file");
  assert.deepEqual(afterLoad(requests), []);
  await context.close();
});

test("a case saved before the series could be chosen opens as it was costed, with the UCD's own index", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin);
  await mkdir(`${root}target/e2e`, { recursive: true });
  const old = `${root}target/e2e/case-before-issue-14.json`;
  await writeFile(old, JSON.stringify({
    format: "community-budget-case", version: 1, kind: "family-cost", savedAt: "2025-01-31T10:00:00.000Z",
    call: { baseYear: "2013/14", items: [{ code: "CR1.0", quantity: "58" }], localRows: [] },
  }));
  await page.setInputFiles("#family-open-file", old);
  // CR1.0 at 2013/14 on the UCD index: 500 × 178.383195 / 137.744017 = 647.517… → 647.52; × 58 = 37,556.16.
  await total(page, "£37,556.16");
  assert.equal(await page.inputValue("#family-deflator"), "ucd-v1.2-ons-2013-06");
  assert.equal(await page.inputValue("#family-base-year"), "2013/14");
  // Saved again, the case names its series.
  const call = await page.evaluate(() => document.querySelector("#family").call);
  assert.equal(call.deflator, "ucd-v1.2-ons-2013-06");
  assert.deepEqual(afterLoad(requests), []);
  await context.close();
});

test("in Welsh: the prices, the council's table, its problems and the footer", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin);
  await page.click("#switch-language");
  assert.equal(await text(page, "#family-pricing legend"), "Prisiau a chostau uned");
  assert.match(await text(page, "#family-pricing-hint"), /^Mae’r ffigurau yn arian heddiw, prisiau 2024\/25/);
  assert.equal(await text(page, "#family-deflator option[value='hmt-gdp-2026-03']"), "Datchwyddwyr CMC Trysorlys EF, Mawrth 2026");
  assert.equal(await text(page, "#family-base-year option[value='2025/26']"), "2025/26 (rhagolwg)");
  assert.equal(await text(page, "#family-council-template"), "Lawrlwytho’r templed (CSV)");
  await page.setInputFiles("#family-council-file", COUNCIL);
  await page.locator("#family-council-summary").waitFor();
  assert.equal(await text(page, "#family-council-summary dt >> nth=0"), "Ffeil");
  assert.equal(await text(page, "#family-council-problems caption"), "Rhesi a adawyd allan, fesul llinell a cholofn");
  const problem = await page.$$eval("#family-council-problems tbody td", (cells) => cells.map((c) => c.textContent));
  assert.deepEqual(problem, ["4", "6 (cost)", "Rhowch y gost mewn punnoedd, er enghraifft 1234.56, nad yw’n negyddol."]);
  assert.equal(await text(page, "label[for=family-council-mode-with]"), "Gyda UCD v1.2: mae eich rhesi’n disodli ei rhesi gyda’r un cod");
  assert.equal(await text(page, "#family-status"), `Darllenwyd ${COUNCIL_ID}: defnyddiwyd 2 o 3 rhes, gadawyd 1 allan.`);
  assert.equal(await text(page, "#footer-prices"), `Prisiau: 2024/25, datchwyddwyr CMC Trysorlys EF Mawrth 2026; costau uned: ${COUNCIL_ID} ar ben UCD v1.2`);
  // LOCAL-PCO 152.95 × 3 = 458.85, as worked above.
  await page.fill("#family-item-0-code", "LOCAL-PCO");
  await page.fill("#family-item-0-quantity", "3");
  await total(page, "£458.85");
  assert.match(await text(page, "#family-notes"), /^Gadawyd 1 o’r 3 rhes o council:Testshire 2025-26 allan \(llinellau 4\)/);
  await page.selectOption("#family-unit-cost-table", "ucd-v1.4");
  await page.locator("#family-table-warning").waitFor();
  assert.match(await text(page, "#family-table-warning"), /^!Rhybudd Mae UCD v1\.4 yn rhifo’i chodau’n wahanol i v1\.2/);
  assert.equal(await text(page, "#footer-prices"), `Prisiau: 2024/25, datchwyddwyr CMC Trysorlys EF Mawrth 2026; costau uned: ${COUNCIL_ID} ar ben UCD v1.4`);
  assert.deepEqual(await axeViolations(page), [], "Welsh, the council's table and the v1.4 warning");
  assert.deepEqual(afterLoad(requests).map((r) => r.url), [`${env.origin}/pkg/ucd_v1_4.tsv`], "only the package's UCD v1.4 file");
  await context.close();
});

test("the savings element: attributes choose the series and year; the council's table prices a value", async () => {
  const path = "/tests/e2e/elements.html?element=savings&deflator=ucd-v1.2-ons-2013-06&price-year=2013/14";
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, path);
  assert.equal(await page.inputValue("#el-deflator"), "ucd-v1.2-ons-2013-06");
  assert.equal(await page.inputValue("#el-base-year"), "2013/14");
  assert.equal(await page.inputValue("#el-unit-cost-table"), "ucd-v1.2");
  // One success saves one CR1.0 a year: 500 × 178.383195 / 137.744017 = 647.517… → 647.52 at 2013/14 prices (UCD index).
  const form = {
    name: "ASB panel", cohort: "10", costs: [{ year: "0", funder: "Council", amount: "1000" }],
    outcome: { name: "Fewer incidents", engagement: "100", success: "100", deadweight: "0", lag: "0", duration: "1", dropOff: "0" },
    values: [{ code: "CR1.0", quantity: "1", grade: "1" }],
  };
  await page.evaluate((f) => document.querySelector("#el").load(f), form);
  await page.waitForFunction(() => /£647\.52 × 1 = £647\.52 a year/.test(document.querySelector("#el-trace")?.textContent ?? ""));
  let detail = await lastAnswer(page);
  assert.deepEqual([detail.call.baseYear, detail.call.deflator, detail.call.unitCostTable], ["2013/14", "ucd-v1.2-ons-2013-06", "ucd-v1.2"]);
  assert.equal(detail.answer.receipt.deflator.id, "ucd-v1.2-ons-2013-06");

  // HM Treasury's series, the year kept: CR1.0 500 × 73.0337 / 56.6000 = 645.174… → 645.17.
  await page.selectOption("#el-deflator", "hmt-gdp-2026-03");
  await page.waitForFunction(() => /£645\.17 × 1 = £645\.17 a year/.test(document.querySelector("#el-trace")?.textContent ?? ""));
  // The council's table on UCD v1.2: its CR1.0 is £600 at 2024/25: 600 × 73.0337 / 100.0000 = 438.2022 → 438.20.
  await page.setInputFiles("#el-council-file", COUNCIL);
  await page.waitForFunction(() => /£438\.20 × 1 = £438\.20 a year/.test(document.querySelector("#el-trace")?.textContent ?? ""));
  assert.equal(await text(page, "#el-council-rejected"), "1");
  detail = await lastAnswer(page);
  assert.equal(detail.answer.receipt.unitCostTable.id, COUNCIL_ID);
  assert.equal(detail.answer.receipt.extendsTable.id, "ucd-v1.2");
  const prices = await page.evaluate(() => document.querySelector("#el").prices);
  assert.deepEqual([prices.baseYear, prices.deflator, prices.unitCostTable, prices.extendsTable], ["2013/14", "hmt-gdp-2026-03", COUNCIL_ID, "ucd-v1.2"]);
  assert.equal(prices.discounting.schedule, "greenBook");
  assert.deepEqual(await axeViolations(page), [], "the savings element with the council's table");
  assert.deepEqual(afterLoad(requests), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the cohort page: today's money by default, the council's table in the report and its receipt", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, "/www/cohort.html");
  assert.equal(await page.inputValue("#base-year"), "2024/25");
  assert.equal(await page.inputValue("#deflator"), "hmt-gdp-2026-03");
  assert.match(await text(page, "#footer-prices"), /^Prices: 2024\/25, HM Treasury GDP deflators March 2026; unit costs: UCD v1\.2; discounting: Green Book \d{4}$/);
  const run = async () => {
    await page.evaluate(() => { delete document.documentElement.dataset.report; });
    await page.click("#run");
    await page.waitForSelector("html[data-report=ready]", { timeout: 30000 });
    return page.textContent("#summary-annualCost");
  };
  // The template's families are phase 2's (2015): their rules and date chosen (the page opens under today's).
  await cohortPhase2(page);
  await page.setInputFiles("#cohort-file", `${root}www/cohort-template.csv`);
  const ucd = await run();
  assert.equal(await text(page, "#summary-priceBase"), "2024/25 prices");
  assert.equal(await text(page, "#summary-unitCostTable"), "ucd-v1.2");

  await page.setInputFiles("#council-file", COUNCIL);
  await page.locator("#council-summary").waitFor();
  assert.equal(await text(page, "#council-rejected"), "1");
  const council = await run();
  // The template's family has 3 CR1.0 incidents (its first member): UCD v1.2's 883.39 each, the council's 600.00,
  // so the family costs 3 × 283.39 = 850.17 less a year; nothing else moves.
  const pence = (money) => BigInt(money.replace(/[£,.]/g, ""));
  assert.equal(pence(ucd) - pence(council), 85017n);
  assert.equal(await text(page, "#summary-unitCostTable"), `${COUNCIL_ID} on ucd-v1.2`);
  assert.match(await text(page, "#report-receipt"), /council:Testshire 2025-26/);
  assert.match(await text(page, "#footer-prices"), new RegExp(`^Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: ${COUNCIL_ID} on UCD v1\\.2; discounting: Green Book \\d{4}$`));

  // The UCD's own index at 2013/14, chosen: the report says so (a forecast year of that series).
  await page.click("#council-remove");
  await page.selectOption("#deflator", "ucd-v1.2-ons-2013-06");
  await page.selectOption("#base-year", "2013/14");
  await run();
  assert.match(await text(page, "#summary-priceBase"), /^2013\/14 prices/);
  assert.match(await text(page, "#summary-deflator"), /^ucd-v1\.2-ons-2013-06/);
  assert.match(await text(page, "#footer-prices"), /^Prices: 2013\/14, UCD v1\.2 index \(ONS June 2013\); unit costs: UCD v1\.2/);
  assert.deepEqual(await axeViolations(page), [], "the cohort page with a report");
  assert.deepEqual(afterLoad(requests), []);
  assert.deepEqual(problems, []);
  await context.close();
});
