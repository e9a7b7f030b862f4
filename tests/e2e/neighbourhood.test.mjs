// End-to-end: the neighbourhood budget planner page — a residents' plan where
// minimums and maximums bind (worked by hand in tests/fixtures/neighbourhood.json),
// what-if pots, saving and opening the plan, printing, no network, no axe violations.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { axeViolations, openBrowser, openPortal } from "./browser.mjs";

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
