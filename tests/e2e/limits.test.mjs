// End-to-end: a file over a limit is refused on the page at once, with its
// message, and the page stays usable (issue 17, "Nothing hangs"). The limits
// are the engine's (src/limits.rs, README "Limits"); the pack is the
// keystroke benchmark's generator (bench/council-pack.js) with one indicator
// more than the 2,000 a rule pack may have.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openBrowser, openPortal } from "./browser.mjs";
import { councilPack } from "../../bench/council-pack.js";

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

test("a council pack of 2,001 indicators is refused within a second, naming the limit", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/eligibility.html");
  const file = join(mkdtempSync(join(tmpdir(), "limits-")), "bigshire.json");
  writeFileSync(file, councilPack(2001));
  const start = Date.now();
  await page.setInputFiles("#eligibility-council-pack-file", file);
  await page.waitForFunction(() => !document.querySelector("#eligibility-error-summary").hidden, null, { timeout: 5000 });
  const elapsed = Date.now() - start;
  // Within a second on a quiet machine (the README's promise); bounded at 5 s
  // here, as the machine is shared: the figure itself is in BENCHMARKS.md.
  assert.ok(elapsed < 5000, `refused after ${elapsed} ms`);
  const links = page.locator("#eligibility-error-summary a");
  assert.match(await links.first().textContent(), /indicators: too many: 2,001 given, more than the limit of 2,000 indicators of a rule pack/);
  // The council option is not offered, and the page still answers: the
  // built-in packs stay offered and the file input takes another file.
  assert.equal(await page.locator("#eligibility-pack-council").count(), 0);
  assert.ok(await page.locator("#eligibility-packs input[type=radio]").count() >= 2);
  assert.equal(await page.isEnabled("#eligibility-council-pack-file"), true);
  assert.deepEqual(problems, []);
  await context.close();
});
