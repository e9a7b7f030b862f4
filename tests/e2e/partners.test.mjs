// End-to-end: an analyst works out partner returns for a pooled budget in the
// demo portal, in headless Chromium. The figures are the four-partner pool of
// tests/fixtures/pool.json, worked by hand there (a 25 % discount rate keeps
// them exact: year 1 × 0.8, year 2 × 0.64).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, openBrowser, openPortal } from "./browser.mjs";

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
