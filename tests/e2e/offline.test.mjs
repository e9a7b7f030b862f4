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
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£45,780.44");
  assert.deepEqual(failed, [], "every file came from the service worker's copy");
  assert.deepEqual(problems, []);
  await context.close();
});
