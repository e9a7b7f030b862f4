// End-to-end: <community-budget-eligibility> deciding a 2023 family under the
// 2022 framework (sf-2022) from the new facts, in Welsh. The family is the
// shared fixture sf2022-three-needs-across-two-headlines, worked by hand in
// tests/fixtures/eligibility.json: Mother's rent arrears and risk of eviction
// (Secure housing) and problem debt (Financial stability), and a son of 8.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { afterLoad, axeViolations, openBrowser, openPortal, text } from "./browser.mjs";

const PAGE = "/tests/e2e/elements.html?element=eligibility&assessment-date=2023-06-30&rule-pack=sf-2022";
let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const waitForStatus = (page, want) => page.waitForFunction((w) => document.querySelector("#el-status-tag")?.textContent === w, want);

test("in Welsh: three needs across two headlines from circumstances, eligible under sf-2022; axe has nothing to say", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, `${PAGE}&lang=cy`);
  assert.equal(await page.isChecked("#el-pack-sf-2022"), true);
  await page.fill("#el-members-0-name", "Mam");
  await page.fill("#el-members-0-dateOfBirth", "1988-03-01");
  await page.click("#el-members-0-work summary");
  assert.equal(await text(page, "#el-members-0-work summary"), "Gwaith, arian, tai ac amgylchiadau eraill");
  const circumstances = [["rentArrears", "2023-01-09"], ["riskOfEviction", "2023-05-02"], ["problemDebt", "2022-11-01"]];
  for (const [i, [kind, from]] of circumstances.entries()) {
    await page.click("#el-members-0-circumstances-add");
    await page.selectOption(`#el-members-0-circumstances-${i}-kind`, kind);
    await page.fill(`#el-members-0-circumstances-${i}-from`, from);
  }
  assert.equal(await text(page, "#el-members-0-circumstances-0-kind option:checked"), "Ôl-ddyledion rhent");
  // Three needs, but no dependent child or expectant parent yet.
  await waitForStatus(page, "Ddim yn gymwys");
  assert.match(await text(page, "#el-decision"), /3 family needs met, across 2 of the 10 headlines/);
  await page.click("#el-add-member");
  await page.fill("#el-members-1-name", "Mab");
  await page.fill("#el-members-1-dateOfBirth", "2015-05-05");
  await waitForStatus(page, "Yn gymwys");
  assert.match(await text(page, "#el-decision"), /Eligible: 3 family needs met, across 2 of the 10 headlines \(Secure housing, Financial stability\)/);
  assert.match(await text(page, "#el-status"), /^Yn gymwys o dan sf-2022\.$/);
  assert.deepEqual(await axeViolations(page), [], "Welsh, a decision under sf-2022");
  assert.deepEqual(afterLoad(requests), []);
  await context.close();
});
