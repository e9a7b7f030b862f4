// End-to-end: the family-cost element in Welsh, used with the keyboard only,
// and the officer's opt-in storage (case files and a draft on this device).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { axeViolations, openBrowser, openPortal } from "./browser.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const text = async (page, selector) => (await page.locator(selector).textContent())?.trim();
const offsite = (requests) => requests.filter((r) => r.phase === "after" && /^https?:/.test(r.url));

test("in Welsh: Welsh labels, a correctly formatted result, and Welsh error messages", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin);
  await page.click("#switch-language");
  assert.equal(await page.getAttribute("html", "lang"), "cy-GB");
  assert.equal(await text(page, "#page-heading"), "Costio defnydd teulu o wasanaethau cyhoeddus");
  assert.equal(await text(page, "label[for=family-base-year]"), "Blwyddyn brisiau");
  assert.equal(await text(page, "label[for=family-item-0-code]"), "Gwasanaeth 1: cod cost uned");
  assert.equal(await text(page, "#family-pricing legend"), "Prisiau a chostau uned");
  assert.equal(await text(page, "label[for=family-unit-cost-table]"), "Tabl costau uned");
  assert.equal(await text(page, "label[for=family-deflator]"), "Cyfres ddatchwyddydd");
  assert.equal(await text(page, "label[for=family-council-file]"), "Llwytho eich tabl costau uned");
  assert.equal(await text(page, "#footer-prices"), "Prisiau: 2024/25, datchwyddwyr CMC Trysorlys EF Mawrth 2026; costau uned: UCD v1.2");
  await page.click("#load-example");
  // The example in today's money: 62,276.84 (worked in portal.test.mjs).
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£62,276.84");
  assert.match(await text(page, "#family-total-summary"), /^Cyfanswm £62,276\.84 y flwyddyn ym mhrisiau 2024\/25$/);
  assert.equal(await text(page, "#family-by-agency caption"), "Y flwyddyn, ym mhrisiau 2024/25");
  // A forecast year: the engine's note, in Welsh, names the series.
  await page.selectOption("#family-base-year", "2025/26");
  await page.waitForFunction(() => /2025\/26/.test(document.querySelector("#family-total-summary")?.textContent ?? ""));
  assert.match(await text(page, "#family-notes"), /^Rhagolwg \(datchwyddwyr CMC Trysorlys EF Mawrth 2026\) yw mynegai’r datchwyddydd ar gyfer 2025\/26/);
  assert.equal(await text(page, "#footer-prices"), "Prisiau: 2025/26, datchwyddwyr CMC Trysorlys EF Mawrth 2026; costau uned: UCD v1.2");
  await page.selectOption("#family-base-year", "2024/25");
  await page.fill("#family-item-0-quantity", "2.5");
  await page.locator("#family-error-summary a").first().waitFor();
  assert.equal(await text(page, "#family-error-summary h2"), "Mae problem wedi codi");
  assert.equal(await text(page, "#family-error-summary a"), "Rhaid i nifer fod yn rhif cyfan.");
  assert.equal(await text(page, "#family-item-0-quantity-error"), "Gwall: Rhaid i nifer fod yn rhif cyfan.");
  assert.deepEqual(await axeViolations(page), [], "Welsh page with an error");
  // And back to English, keeping what was typed.
  await page.click("#switch-language");
  assert.equal(await text(page, "#family-error-summary a"), "A quantity is a whole number of units, and 2.5 is not.");
  assert.deepEqual(offsite(requests).filter((r) => !r.url.includes("/node_modules/axe-core/")), []);
  await context.close();
});

test("keyboard only: fill a family, submit with a mistake, land on the error summary, fix it", async () => {
  const { context, page } = await openPortal(env.browser, env.origin);
  // From the price year, Tab moves through the form in order: the prices and unit costs, then the services.
  await page.focus("#family-base-year");
  for (const next of ["family-unit-cost-table", "family-deflator", "family-council-template", "family-council-file", "family-item-0-code"]) {
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), next);
  }
  await page.keyboard.type("CR6.0");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "family-item-0-quantity");
  await page.keyboard.type("5x");
  // Enter submits: with a mistake, focus moves to the error summary (GOV.UK pattern).
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "family-error-summary");
  // Tab reaches the error's link; Enter on it puts the cursor back in the field.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), "#family-item-0-quantity");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "family-item-0-quantity");
  await page.keyboard.press("Backspace");
  // Today's money: CR6.0 593 × 100.0000 / 63.2017 = 938.265… → 938.27; × 5 = 4,691.35.
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£4,691.35");
  // Add another service from the keyboard: Tab past "Remove" to "Add another service".
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "family-add-item");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "family-item-1-code");
  await page.keyboard.type("HE3.0");
  await page.keyboard.press("Tab");
  await page.keyboard.type("5");
  // + HE3.0 109 × 100.0000 / 70.3261 = 154.992… → 154.99 × 5 = 774.95 → 5,466.30.
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£5,466.30");
  assert.match(await text(page, "#family-status"), /Total £5,466\.30 a year at 2024\/25 prices/);
  await context.close();
});

test("nothing is stored unless the officer opts in; a draft survives a reload; clearing removes it", async () => {
  const { context, page } = await openPortal(env.browser, env.origin);
  const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  const storage = () => page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie }));
  await page.fill("#family-item-0-code", "CR1.0");
  await page.fill("#family-item-0-quantity", "58");
  // CR1.0 500 × 100.0000 / 56.6000 = 883.392… → 883.39; × 58 = 51,236.62.
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£51,236.62");
  assert.deepEqual(await databases(), [], "no database before opting in");
  assert.deepEqual(await storage(), { local: 0, session: 0, cookies: "" });
  assert.deepEqual(await context.cookies(), []);

  await page.check("#family-keep-draft");
  await page.waitForFunction(async () => (await indexedDB.databases()).length === 1);
  await page.fill("#family-item-0-quantity", "3");
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£2,650.17");
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  // 883.39 × 3 = 2,650.17, restored from the draft.
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£2,650.17");
  assert.equal(await page.inputValue("#family-item-0-quantity"), "3");
  assert.equal(await page.isChecked("#family-keep-draft"), true);
  assert.match(await text(page, "#family-case-message"), /Restored the draft/);

  // Clearing saved data asks first.
  await page.click("#family-clear-saved");
  await page.click("#family-clear-saved-confirm-yes");
  await page.waitForFunction(async () => (await indexedDB.databases()).length === 0);
  assert.equal(await page.isChecked("#family-keep-draft"), false);
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.inputValue("#family-item-0-quantity"), "");
  await context.close();
});

test("a case saves to a file and opens again; a bad file is refused naming the field", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin);
  await page.click("#load-example");
  // The example in today's money: 62,276.84 (worked in portal.test.mjs).
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£62,276.84");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#family-save-file")]);
  assert.match(download.suggestedFilename(), /^family-cost-\d{4}-\d{2}-\d{2}\.json$/);
  await mkdir(`${root}target/e2e`, { recursive: true });
  const saved = `${root}target/e2e/case.json`;
  await download.saveAs(saved);
  const file = JSON.parse(await readFile(saved, "utf8"));
  assert.equal(file.format, "community-budget-case");
  assert.equal(file.kind, "family-cost");
  assert.equal(file.call.items.length, 6);

  await page.click("#family-clear");
  await page.click("#family-clear-confirm-yes");
  await page.waitForFunction(() => !document.querySelector("#family-total"));
  await page.setInputFiles("#family-open-file", saved);
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£62,276.84");
  assert.match(await text(page, "#family-case-message"), /Opened the case file case\.json/);

  const broken = `${root}target/e2e/broken-case.json`;
  file.call.items[2].quantity = true;
  await writeFile(broken, JSON.stringify(file));
  await page.setInputFiles("#family-open-file", broken);
  await page.locator("#family-error-summary a").first().waitFor();
  assert.match(await text(page, "#family-error-summary a"), /broken-case\.json .*\(call\.items\[2\]\.quantity\)/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "family-error-summary");
  await writeFile(broken, "{ not json");
  await page.setInputFiles("#family-open-file", broken);
  await page.waitForFunction(() => /not valid JSON/.test(document.querySelector("#family-error-summary a")?.textContent ?? ""));
  assert.deepEqual(offsite(requests), []);
  await context.close();
});
