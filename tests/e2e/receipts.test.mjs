// End-to-end: the input hash of a receipt costs nothing per keystroke (issue
// 18, item 3). On each calculator page, after the example is filled in: the
// element's answer was worked out without its input hash (the receipt's
// `inputSha256` is still to be asked for), the receipt shows no hash while it is
// closed, and opening it — with the keyboard, as an officer would — writes in
// the hash the same call gives when asked with it; the answer's JSON text, the
// event's frozen call, and a printout (beforeprint) carry the same hash.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, openPortal } from "./browser.mjs";

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const PAGES = [
  { path: "/www/", id: "family", call: "costFamily", part: "costs" },
  { path: "/www/eligibility.html", id: "eligibility", call: "checkEligibility", part: "eligibility" },
  { path: "/www/savings.html", id: "savings", call: "appraise", part: "appraisal" },
];

for (const { path, id, call, part } of PAGES) {
  test(`${id}: the receipt's input hash is worked out when the receipt is opened, printed or the answer kept`, async () => {
    const { context, page, problems } = await openPortal(env.browser, env.origin, path);
    await page.evaluate(() => {
      window.answers = [];
      document.addEventListener("community-budget:answer", (e) => window.answers.push(e.detail));
    });
    await page.click("#load-example");
    await page.waitForFunction((i) => document.getElementById(i).answer?.type === "success", id);
    await page.waitForFunction(() => window.answers.length > 0);

    // Shown, with its explanation, but the hash not worked out: a getter, not a value.
    const before = await page.evaluate((i) => {
      const receipt = document.getElementById(i).answer.receipt;
      const cell = [...document.querySelectorAll(`#${i} details.govuk-details`)].find((d) => /Receipt/.test(d.querySelector("summary").textContent))
        ?.querySelector(".govuk-summary-list__row:last-child .govuk-summary-list__value");
      return {
        pending: typeof Object.getOwnPropertyDescriptor(receipt, "inputSha256")?.get === "function",
        cell: cell?.textContent,
        frozen: Object.isFrozen(window.answers.at(-1).call),
      };
    }, id);
    assert.deepEqual(before, { pending: true, cell: "", frozen: true }, "no hash per keystroke; the call kept is frozen");

    // The hash the same call gives when asked with it (the engine module the element uses, its own call).
    const expected = await page.evaluate(async ([i, name, p]) => {
      const { loadEngine } = await import("/pkg/engine.js");
      const api = await loadEngine(p);
      return api[name](window.answers.at(-1).call).receipt.inputSha256;
    }, [id, call, part]);
    assert.match(expected, /^[0-9a-f]{64}$/);

    // Opened with the keyboard: the hash is there before anything reads it again.
    const summary = page.locator(`#${id} details.govuk-details > summary`, { hasText: "Receipt" }).last();
    await summary.focus();
    await page.keyboard.press("Enter");
    const opened = await page.evaluate((i) => {
      const box = [...document.querySelectorAll(`#${i} details.govuk-details`)].reverse().find((d) => /Receipt/.test(d.querySelector("summary").textContent));
      return { open: box.open, cell: box.querySelector(".govuk-summary-list__row:last-child .govuk-summary-list__value").textContent };
    }, id);
    assert.deepEqual(opened, { open: true, cell: expected });

    // The answer kept (its JSON text, as a page saves it) has the same hash, and holds it from then on.
    const kept = await page.evaluate((i) => {
      const answer = document.getElementById(i).answer;
      const text = JSON.stringify(answer);
      return { hash: JSON.parse(text).receipt.inputSha256, last: Object.keys(answer.receipt).at(-1), value: "value" in Object.getOwnPropertyDescriptor(answer.receipt, "inputSha256") };
    }, id);
    assert.deepEqual(kept, { hash: expected, last: "inputSha256", value: true });

    // A new answer (the same form worked out again), its receipt closed: printing writes its hash in.
    const printed = await page.evaluate(async ([i, name, p]) => {
      const el = document.getElementById(i);
      const n = window.answers.length;
      el._recalculate();
      while (window.answers.length === n) await new Promise((r) => setTimeout(r, 10));
      const cells = [...el.querySelectorAll("[data-hash-later]")];
      window.dispatchEvent(new Event("beforeprint"));
      const { loadEngine } = await import("/pkg/engine.js");
      const api = await loadEngine(p);
      return { pending: cells.length, written: cells.map((c) => c.textContent), want: api[name](window.answers.at(-1).call).receipt.inputSha256 };
    }, [id, call, part]);
    assert.ok(printed.pending >= 1, "a receipt waiting for its hash");
    assert.deepEqual(printed.written, printed.written.map(() => printed.want), "every receipt's hash written in for the printout");
    assert.deepEqual(problems, []);
    await context.close();
  });
}
