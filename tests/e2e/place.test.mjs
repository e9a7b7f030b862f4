// End-to-end: the whole-place page — the two-theme, three-partner place of
// tests/fixtures/place.json (worked by hand in its `why`) opened as a file,
// the built-in example place, editing, saving and opening, a bad file refused
// naming the field, printing, no network, no axe violations.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { axeViolations, openBrowser, openPortal } from "./browser.mjs";

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
