// The README's JavaScript example, run as written in headless Chromium against
// the built pkg/. Each `// → text` comment in the example is a line it must log,
// in order. The README's version line must match Cargo.toml. The web team's
// README (src/js/README.md): its snippets as written under the policy it
// recommends, and its sizes as built.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { openBrowser, watchConsole } from "./browser.mjs";
import { startServer } from "../../scripts/serve.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

test("the README's JavaScript example runs and prints what it says", async () => {
  const readme = await readFile(`${root}README.md`, "utf8");
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 1, "one JavaScript example in the README");
  const example = blocks[0];
  const expected = [...example.matchAll(/^\s*\/\/ → (.*)$/gm)].map((m) => m[1]);
  assert.ok(expected.length >= 2, "the example says what it prints");

  // The example imports the package by name, as a bundler user would; here the
  // name resolves to the built package by path.
  const runnable = example.replace(/from "community-budget"/, 'from "/pkg/community_budget.js"');
  assert.notEqual(runnable, example, "the example imports community-budget");
  await mkdir(`${root}target/e2e`, { recursive: true });
  await writeFile(`${root}target/e2e/readme-example.mjs`, runnable);

  const page = await env.browser.newPage();
  const logged = [];
  const errors = [];
  page.on("console", (m) => (m.type() === "log" ? logged : errors).push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${env.origin}/tests/e2e/blank.html`);
  await page.addScriptTag({ url: "/target/e2e/readme-example.mjs", type: "module" });
  const deadline = Date.now() + 10000;
  while (logged.length < expected.length && errors.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(logged, expected);
  await page.close();
});

test("the README's version line matches Cargo.toml", async () => {
  const readme = await readFile(`${root}README.md`, "utf8");
  const cargo = await readFile(`${root}Cargo.toml`, "utf8");
  const version = /^version = "([^"]+)"/m.exec(cargo)?.[1];
  assert.ok(version);
  assert.match(readme, new RegExp(`^Version ${version.replaceAll(".", "\\.")}\\.`, "m"));
});

// The web team's README (src/js/README.md, shipped in the package): its snippets,
// as written, on a page served under the Content-Security-Policy it recommends,
// with the package's files where it says to copy them, and no GOV.UK stylesheet.
test("the web team's README: one script tag and one element tag, with its preload list, under its own policy", async () => {
  const readme = await readFile(`${root}src/js/README.md`, "utf8");
  const html = [...readme.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1].trim());
  const snippet = html.find((h) => h.includes("<script") && h.includes("<community-budget-family-cost"));
  assert.ok(snippet, "a snippet with the script tag and the element");
  assert.doesNotMatch(snippet, /<script type="module">/, "no inline module script (the policy blocks it)");
  const preload = html.find((h) => h.includes('rel="modulepreload"'));
  assert.ok(preload, "a preload list");
  const policy = /a strict Content-Security-Policy such as\s+`([^`]+)`/.exec(readme)?.[1].replace(/\s+/g, " ");
  assert.match(policy ?? "", /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  const folder = /here `(\/[^`]+\/)`/.exec(readme)?.[1];
  assert.equal(folder, "/assets/community-budget/");
  // The root README's snippet is the same form.
  const rootReadme = await readFile(`${root}README.md`, "utf8");
  assert.match(rootReadme, /```html\n<script type="module" src="\/assets\/community-budget\/elements\.js"><\/script>\n<community-budget-family-cost/);

  const site = `${root}target/e2e/readme-site/`;
  await rm(site, { recursive: true, force: true });
  await mkdir(`${site}assets`, { recursive: true });
  await symlink(`${root}pkg`, `${site}assets/community-budget`);
  await writeFile(`${site}index.html`, `<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<title>A council page</title>\n${preload}\n</head>\n<body>\n${snippet}\n</body>\n</html>\n`);
  const { server, origin } = await startServer({ root: site, csp: policy });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  try {
    const problems = [];
    watchConsole(page, problems);
    await page.addInitScript(() => {
      window.violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    const response = await page.goto(`${origin}/index.html`);
    assert.equal(response.headers()["content-security-policy"], policy);
    // It renders and answers: CR1.0, £500 at 2002/03 → 883.39 at 2024/25 (README.md's example), × 2 = 1,766.78.
    await page.fill("#cb-family-cost-1-item-0-code", "CR1.0");
    await page.fill("#cb-family-cost-1-item-0-quantity", "2");
    await page.waitForFunction(() => document.querySelector("#cb-family-cost-1-total")?.textContent === "£1,766.78");
    // Without GOV.UK's stylesheet, the visually hidden texts are still hidden (1 px, clipped).
    const hidden = await page.evaluate(() => [...document.querySelectorAll("community-budget-family-cost .govuk-visually-hidden")]
      .map((n) => n.getBoundingClientRect()).map((r) => r.width <= 1 && r.height <= 1));
    assert.ok(hidden.length > 0, "the element has visually hidden texts");
    assert.ok(hidden.every(Boolean), "every visually hidden text is hidden without GOV.UK Frontend");
    // Every file the page asked for is in the README's preload list (nothing late), and the list names nothing unused.
    const base = `${origin}${folder}`;
    const asked = new Set(requests.filter((u) => u.startsWith(base)).map((u) => u.slice(base.length)));
    const listed = new Set([...preload.matchAll(/href="([^"]+)"/g)].map((m) => m[1].slice(folder.length)));
    assert.deepEqual([...asked].sort(), [...listed].sort());
    // .wasm as application/wasm (the README's table): the server does so.
    const wasm = await page.evaluate(async (url) => (await fetch(url)).headers.get("content-type"), `${folder}community_budget_costs_bg.wasm`);
    assert.equal(wasm, "application/wasm");
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(problems, []);
    // The other elements' engine modules, named in the README, exist.
    for (const file of /preload `([^`]+)` and `([^`]+)` instead/.exec(readme)?.slice(1) ?? []) {
      assert.ok((await stat(`${root}pkg/${file}`)).isFile(), file);
    }
  } finally {
    await context.close();
    await new Promise((done) => server.close(done));
  }
});

test("the web team's README gives every module's gzipped size as built, within 10 %", async () => {
  const readme = await readFile(`${root}src/js/README.md`, "utf8");
  const gzipped = async (file) => gzipSync(await readFile(`${root}pkg/${file}`), { level: 9 }).length;
  const rows = [...readme.matchAll(/^\| `([\w.]+\.wasm)` \| [^|]+ \| about (\d+) KB \|$/gm)];
  assert.equal(rows.length, 6, "the whole engine and its five capability modules");
  const modules = /^\| the ten modules of the preload list's first ten lines \| every element \| about (\d+) KB \|$/m.exec(readme);
  assert.ok(modules, "the elements' own modules");
  const preload = [...readme.matchAll(/<link rel="modulepreload" href="\/assets\/community-budget\/([\w-]+\.js)">/g)].map((m) => m[1]).slice(0, 10);
  const measured = [
    ...await Promise.all(rows.map(async ([, file, kb]) => [file, Number(kb), await gzipped(file)])),
    ["the elements' modules", Number(modules[1]), (await Promise.all(preload.map(gzipped))).reduce((a, b) => a + b, 0)],
  ];
  for (const [file, kb, bytes] of measured) {
    assert.ok(Math.abs(bytes / 1000 - kb) <= kb / 10, `${file}: the README says about ${kb} KB, it is ${bytes} bytes gzipped`);
  }
});
