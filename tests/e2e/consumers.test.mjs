// The npm package as web teams get it: `npm pack`, then three consumers in
// headless Chromium, each from the packed tarball (never the source tree):
// a Vite app that installs it, a plain HTML page with one module script, and a
// page under a sub-path with the strict Content-Security-Policy of issue 7.
// Each computes a family and makes no request after its own files have loaded.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cp, mkdir, readFile, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";
import { CHROMIUM } from "./browser.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const work = `${root}target/e2e/consumers/`;
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'";
let browser;
let tarball;

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });

before(async () => {
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work, `${root}pkg`], root));
  tarball = `${work}${packed[0].filename}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => { await browser?.close(); });

/** Unpacks the tarball into `dir` (as `npm install` would lay it out). */
async function unpack(dir) {
  await mkdir(dir, { recursive: true });
  run("tar", ["-xzf", tarball, "-C", dir], root);
  return `${dir}package/`;
}

/** Opens `url`, waits for the elements (`also`: more selectors that show an element has loaded), fills CR6.0 × 5 in the family-cost element, and returns what it saw. */
async function computeIn(origin, path, also = []) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  let phase = "load";
  const problems = [];
  page.on("request", (r) => requests.push({ url: r.url(), phase }));
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await page.goto(origin + path);
  await page.waitForSelector("#family-item-0-code", { timeout: 15000 });
  for (const selector of also) await page.waitForSelector(selector, { timeout: 15000 });
  phase = "after";
  await page.fill("#family-item-0-code", "CR6.0");
  await page.fill("#family-item-0-quantity", "5");
  // In today's money (2024/25, HM Treasury March 2026): 593 × 100.0000 / 63.2017 = 938.265… → 938.27; × 5 = 4,691.35.
  await page.waitForFunction(() => document.querySelector("#family-total")?.textContent === "£4,691.35", null, { timeout: 10000 });
  const seen = { requests, problems, page, context };
  return seen;
}

test("the tarball holds the module, the .wasm, the elements, types and README, with no dependencies", async () => {
  const files = run("tar", ["-tzf", tarball], root).trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();
  for (const f of ["community_budget.js", "community_budget_bg.wasm", "community_budget.d.ts", "elements.js", "elements.d.ts", "family-cost.js", "eligibility.js", "savings.js", "calculator.js", "dom.js", "i18n.js", "README.md", "LICENSE", "package.json", "cohort.js", "cohort.d.ts", "cohort-worker.js", "pricing.js", "unit_cost_template.csv", "ucd_v1_4.tsv",
    ...["costs", "eligibility", "appraisal", "neighbourhood", "place"].flatMap((p) => [`community_budget_${p}.js`, `community_budget_${p}_bg.wasm`, `community_budget_${p}.d.ts`])]) {
    assert.ok(files.includes(f), `${f} in the tarball`);
  }
  const dir = await unpack(`${work}inspect/`);
  const manifest = JSON.parse(await readFile(`${dir}package.json`, "utf8"));
  assert.equal(manifest.name, "community-budget");
  assert.equal(manifest.dependencies, undefined);
  assert.deepEqual(Object.keys(manifest.exports), [".", "./elements", "./cohort", "./cohort-worker.js", "./costs", "./eligibility", "./appraisal", "./neighbourhood", "./place", "./community_budget_bg.wasm", "./unit_cost_template.csv", "./ucd_v1_4.tsv", "./package.json"]);
});

test("a plain HTML page with one module script", async () => {
  const site = `${work}plain/`;
  await cp(`${root}tests/consumers/plain/`, site, { recursive: true });
  await cp(await unpack(`${work}plain-unpack/`), `${site}node_modules/community-budget/`, { recursive: true });
  const { server, origin } = await startServer({ root: site });
  try {
    const { requests, problems, context } = await computeIn(origin, "/index.html");
    assert.deepEqual(problems, []);
    assert.deepEqual(requests.filter((r) => r.phase === "after").map((r) => r.url), []);
    assert.ok(requests.every((r) => r.url.startsWith(origin)));
    await context.close();
  } finally {
    await new Promise((done) => server.close(done));
  }
});

test("a portal page under a sub-path, with a strict Content-Security-Policy, in Welsh", async () => {
  const site = `${work}subpath/`;
  await cp(`${root}tests/consumers/subpath/`, site, { recursive: true });
  await cp(await unpack(`${work}subpath-unpack/`), `${site}assets/community-budget/`, { recursive: true });
  const mount = "/intranet/services/supporting-families/";
  const { server, origin } = await startServer({ root: site, mount, csp: STRICT_CSP });
  try {
    const { requests, problems, page, context } = await computeIn(origin, `${mount}index.html`, ["#elig-members-0-name"]);
    assert.equal(await page.textContent("label[for=family-item-0-code]"), "Gwasanaeth 1: cod cost uned");
    // The eligibility element beside it, in Welsh: domain.md WE2 G2, a mother with a mental health
    // problem and a domestic abuse incident within 12 months of 2015-06-30: 2 of the 6 headlines, eligible.
    await page.fill("#elig-members-0-name", "Mam");
    await page.fill("#elig-members-0-dateOfBirth", "1982-04-04");
    await page.click("#elig-members-0-health summary");
    await page.check("#elig-members-0-mentalHealth");
    await page.click("#elig-domesticAbuse-add");
    await page.fill("#elig-domesticAbuse-0-date", "2015-03-10");
    await page.waitForFunction(() => document.querySelector("#elig-status-tag")?.textContent === "Yn gymwys", null, { timeout: 10000 });
    assert.equal(await page.textContent("label[for=elig-assessmentDate]"), "Dyddiad yr asesiad");
    assert.deepEqual(problems, [], "no CSP violation or other error");
    // Each element loads only its own module, from the sub-path.
    for (const part of ["costs", "eligibility"]) {
      assert.ok(requests.some((r) => r.url === `${origin}${mount}assets/community-budget/community_budget_${part}_bg.wasm`), `the ${part} .wasm comes from the sub-path`);
    }
    assert.ok(!requests.some((r) => /\/community_budget(_appraisal)?_bg\.wasm$/.test(r.url)), "neither the whole engine nor the appraisal module is loaded");
    assert.deepEqual(requests.filter((r) => r.phase === "after").map((r) => r.url), []);
    await context.close();
  } finally {
    await new Promise((done) => server.close(done));
  }
});

test("a Vite app that npm-installs the tarball", async () => {
  const app = `${work}vite-app/`;
  await cp(`${root}tests/consumers/vite/`, app, { recursive: true });
  run("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball], app);
  run(`${root}node_modules/.bin/vite`, ["build"], app);
  const { server, origin } = await startServer({ root: `${app}dist/`, csp: STRICT_CSP });
  try {
    const { requests, problems, page, context } = await computeIn(origin, "/index.html");
    assert.deepEqual(problems, []);
    // The engine imported directly gives the same figure as the element.
    assert.equal(await page.textContent("#engine-total"), "4691.35");
    assert.ok(requests.some((r) => r.url.endsWith(".wasm")), "Vite emitted the .wasm as an asset");
    assert.deepEqual(requests.filter((r) => r.phase === "after").map((r) => r.url), []);
    await context.close();
  } finally {
    await new Promise((done) => server.close(done));
  }
});
