// Offline: the demo portal's service worker keeps the page, the package and
// the .wasm; with the network gone, a reload still opens the portal and computes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, openPortal } from "./browser.mjs";

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

test("after one visit the portal reloads and computes with no network", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin);
  // The worker has installed (precached its files) and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  const failed = [];
  page.on("requestfailed", (r) => failed.push(r.url()));
  await page.reload();
  await page.waitForSelector("html[data-ready=true]", { timeout: 15000 });
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
  await context.close();
});
