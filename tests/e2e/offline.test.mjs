// Offline: the demo portal's service worker keeps the pages, the package and
// the .wasm; with the network gone, a reload still opens the portal and every
// page computes, the cohort page's worker included.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { cohortPhase2, openBrowser, openPortal, reloadOffline } from "./browser.mjs";

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

test("after one visit the portal reloads and computes with no network", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin);
  // The worker has installed (precached its files) and controls the page; the network goes.
  const failed = await reloadOffline(context, page);
  await page.click("#load-example");
  // The example in today's money: 62,276.84 (worked in portal.test.mjs).
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£62,276.84");
  // UCD v1.4's data file, fetched only when chosen, is kept too. CR1.3 (v1.4): 230 × 100.0000 / 63.2017 = 363.914… → 363.91.
  await page.click("#family-clear");
  await page.click("#family-clear-confirm-yes");
  await page.selectOption("#family-unit-cost-table", "ucd-v1.4");
  await page.locator("#family-table-warning").waitFor();
  await page.fill("#family-item-0-code", "CR1.3");
  await page.fill("#family-item-0-quantity", "1");
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£363.91");
  assert.deepEqual(failed, [], "every file came from the service worker's copy");
  assert.deepEqual(problems, []);

  // Every other page, still offline, opened from the navigation's address: it loads and computes.
  const open = async (file) => {
    await page.goto(`${env.origin}/www/${file}`);
    await page.waitForSelector("html[data-ready=true]", { timeout: 15000 });
  };
  // Each page's example, and a figure it shows (each worked by hand in that page's own test).
  const EXAMPLES = [
    ["eligibility.html", "#eligibility-status-tag", "Eligible"], // 3 of the 6 headline problems on 2015-06-30, 2 needed
    ["savings.html", "#savings-npv", "£71,917.56"], // 131,917.56 − 60,000
    ["partners.html", "#pool-roi", "1.86"], // 216,000 / 116,000 = 1.862
    ["claim.html", "#total", "£4,000.00"], // 3,200 attachment fee + 700 + 100
    ["neighbourhood.html", "#allocation-youth-club-1", "£3,000.00"], // the youth club's votes, as neighbourhood.test.mjs works it
    ["place.html", "#place-npv", /^−?£[\d,]+\.\d\d$/], // the example place's net present value, whatever it is
  ];
  for (const [file, selector, want] of EXAMPLES) {
    await open(file);
    await page.click("#load-example");
    await page.waitForFunction(([s, w, pattern]) => {
      const shown = document.querySelector(s)?.textContent?.trim() ?? "";
      return pattern ? new RegExp(pattern).test(shown) : shown === w;
    }, [selector, want, want instanceof RegExp ? want.source : null]);
  }
  // The cohort page: its worker starts from the service worker's copies, reads a file and reports.
  await open("cohort.html");
  // small.csv is a phase 2 cohort: its rules and date chosen (the page opens under today's).
  await cohortPhase2(page);
  await page.setInputFiles("#cohort-file", fileURLToPath(new URL("../fixtures/cohort/small.csv", import.meta.url)));
  await page.click("#run");
  await page.waitForSelector("html[data-report=ready]", { timeout: 15000 });
  // small.csv: 20 rows read, 8 of them processed (worked in cohort.test.mjs).
  assert.equal(await page.textContent("#summary-rowsRead"), "20");
  assert.equal(await page.textContent("#summary-rowsProcessed"), "8");
  assert.deepEqual(failed, [], "every file came from the service worker's copy");
  assert.deepEqual(problems, []);
  await context.close();
});
