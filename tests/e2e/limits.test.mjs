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

test("typing stays quick with a council pack of 2,000 indicators: each keystroke answers", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/eligibility.html");
  const file = join(mkdtempSync(join(tmpdir(), "limits-")), "bigshire-2000.json");
  writeFileSync(file, councilPack(2000));
  // The pack runs 2013-04-01 to 2015-03-31: a family assessed inside it.
  await page.fill("#eligibility-assessmentDate", "2014-06-30");
  await page.setInputFiles("#eligibility-council-pack-file", file);
  await page.waitForFunction(() => document.querySelector("#eligibility-pack-council")?.checked === true, null, { timeout: 10000 });
  await page.fill("#eligibility-members-0-name", "Mother");
  // A keystroke timed inside the page: from the input event to the end of its
  // handler (the page's thread is free again: the call, this large, is worked
  // out in the engine worker) and to the element's answer, shown (the
  // community-budget:answer event comes as it is painted), without the test
  // driver's round trips. The engine's own time is make bench's figure (30 ms
  // in wasm at 2,000 indicators, BENCHMARKS.md); bounded at 1 s here, twenty
  // times the target, as the machine is shared.
  for (const age of ["3", "33", "34"]) {
    const { answered, handler, answeredAge } = await page.evaluate(async (a) => {
      const element = document.getElementById("eligibility");
      const input = document.getElementById("eligibility-members-0-age");
      const answer = new Promise((resolve) => element.addEventListener("community-budget:answer", (e) => resolve(e), { once: true }));
      const start = performance.now();
      input.value = a;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const handler = performance.now() - start;
      const e = await answer;
      return { answered: performance.now() - start, handler, answeredAge: String(e.detail.call?.members?.[0]?.age ?? "") };
    }, age);
    assert.equal(answeredAge, age, `the answer is for the age typed, ${age}`);
    assert.ok(answered < 1000 && handler < 1000, `keystroke "${age}": handler done after ${handler} ms, answer shown after ${answered} ms`);
    console.log(`keystroke "${age}": handler done after ${handler.toFixed(1)} ms, answer shown after ${answered.toFixed(1)} ms`);
  }
  // The local filter's indicators — tf-2012's own and the pack's 2,000, none met — are written when opened, all of them.
  const others = page.locator("#eligibility-others-local-filter");
  assert.equal(await others.locator(".cb-indicator").count(), 0);
  assert.match(await others.locator("summary").textContent(), /The other 2001 indicators \(not met\)/);
  await others.locator("summary").click();
  await page.waitForFunction(() => document.querySelectorAll("#eligibility-others-local-filter .cb-indicator").length === 2001);
  assert.match(await page.textContent("#eligibility-indicator-local-filter-local-1999"), /Local indicator 1999/);
  assert.match(await page.textContent("#eligibility-decision-text"), /^(Not eligible|Eligible|May be included|In the programme)/);
  assert.deepEqual(problems, []);
  await context.close();
});
