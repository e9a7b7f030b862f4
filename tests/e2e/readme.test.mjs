// The README's JavaScript example, run as written in headless Chromium against
// the built pkg/. Each `// → text` comment in the example is a line it must log,
// in order. The README's version line must match Cargo.toml.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { openBrowser } from "./browser.mjs";

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
