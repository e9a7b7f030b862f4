// End-to-end (issue 16, "Done when"): <community-budget-eligibility> decides a
// 2023 family under sf-2022, by keyboard, in Welsh, axe clean, with no request
// after the page has loaded; first without a dependent child or an expectant
// parent (not eligible, and it says why), then with a child (eligible). The
// pack follows the assessment date until the officer chooses one; a council
// pack extending sf-2022 (Westshire's, which counts headlines) loads and
// changes the decision.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { afterLoad, axeViolations, focused, lastAnswer, openBrowser, openPortal, tab, text } from "./browser.mjs";

const PAGE = "/tests/e2e/elements.html?element=eligibility";
const packFile = (name) => fileURLToPath(new URL(`../fixtures/packs/${name}`, import.meta.url));
let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const waitForStatus = (page, want) => page.waitForFunction((w) => document.querySelector("#el-status-tag")?.textContent === w, want);
const today = (page) => page.evaluate(() => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
});

// Worked by hand from data/rules/sf-2022.json (in force 2022-10-03 to 2025-03-31), assessed on 2023-06-30:
// - Mam, born 1985-05-05: 38 on the day, an adult. Her circumstances, each from a day before 2023-06-30 and not
//   ended, so each covers the day (a circumstance need has no window: "on the assessment date"):
//     problem debt from 2023-01-09      → need "problem-debt" (adults, 1 or more), headline "financial";
//     at risk of eviction from 2023-04-03 → need "risk-of-eviction" (anyone, 1 or more), headline "housing";
//     rent arrears from 2023-02-01      → need "rent-arrears" (adults, 1 or more), headline "housing".
//   3 needs, across 2 of the 10 headlines (housing, financial). sf-2022 counts needs (counting-unit
//   "indicators") and needs 3 (needs-needed): 3 ≥ 3.
// - Mam alone: the precondition filter needs a dependent child (a member under 18) or an expectant parent
//   record covering the day: neither, so not eligible despite the 3 needs. One change would do: an expectant
//   parent record for Mam from the day.
// - Mab, born 2012-09-01, added: 10 on the day, a dependent child: the precondition is met; eligible.
// - Westshire's pack (tests/fixtures/packs/westshire-2022.json) extends sf-2022 and counts headlines
//   ("criteria"): 2 headlines < 3, not eligible; it changes sf-2022 in 1 place (counting-unit).
test("a 2023 family under sf-2022, by keyboard and in Welsh: three needs across two headlines, no child (not eligible, and why), then a child (eligible)", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, `${PAGE}&lang=cy`);
  // No date given: today, under the pack in force today, ff-2025; its own dates beside it.
  assert.equal(await page.inputValue("#el-assessmentDate"), await today(page));
  assert.equal(await page.isChecked("#el-pack-ff-2025"), true, "ff-2025 is in force today");
  assert.equal(await text(page, "#el-pack-ff-2025-hint"), "ff-2025: 2025-04-01 i dim diwedd");
  assert.equal(await text(page, "#el-pack-sf-2022-hint"), "sf-2022: 2022-10-03 i 2025-03-31");
  assert.deepEqual(await axeViolations(page), [], "Welsh, empty");

  // The assessment date, typed: the pack follows it to sf-2022.
  await page.focus("#el-assessmentDate");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("2023-06-30");
  await page.waitForFunction(() => document.querySelector("#el-pack-sf-2022")?.checked);
  assert.equal(await page.isChecked("#el-pack-ff-2025"), false);

  // Mam: name, role, date of birth, then the topic of work, money, housing and other circumstances.
  await tab(page, 4); // the local-filter box, "Add an incident", "Add a school term", member 1's name
  assert.equal(await focused(page), "el-members-0-name");
  await page.keyboard.type("Mam");
  await tab(page);
  await page.keyboard.type("Rhiant");
  await tab(page);
  await page.keyboard.type("1985-05-05");
  await tab(page, 4); // age, then the topics: crime, school, work
  assert.equal(await page.evaluate(() => document.activeElement.closest("details")?.id), "el-members-0-work");
  assert.equal(await text(page, "#el-members-0-work summary"), "Gwaith, arian, tai ac amgylchiadau eraill");
  await page.keyboard.press("Enter");
  await tab(page, 3); // "Add a benefit claim", "Add a job", "Add a circumstance"
  assert.equal(await focused(page), "el-members-0-circumstances-add");
  // Problem debt ("Dyled broblemus"), from 2023-01-09.
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "el-members-0-circumstances-0-kind");
  await page.keyboard.type("Dyled");
  await tab(page);
  await page.keyboard.type("2023-01-09");
  // At risk of eviction: "Mewn llety dros dro" is the first "Mewn…", the next one down.
  await tab(page, 3); // "To", "Remove", "Add a circumstance"
  assert.equal(await focused(page), "el-members-0-circumstances-add");
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "el-members-0-circumstances-1-kind");
  await page.keyboard.type("Mewn");
  await page.keyboard.press("ArrowDown");
  await tab(page);
  await page.keyboard.type("2023-04-03");
  // Rent arrears, two down from "Mewn llety dros dro".
  await tab(page, 3);
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "el-members-0-circumstances-2-kind");
  await page.keyboard.type("Mewn");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await tab(page);
  await page.keyboard.type("2023-02-01");
  await page.waitForFunction(() => window.answers.at(-1)?.call.members[0]?.circumstances?.length === 3);

  // Mam alone: 3 needs across 2 headlines, but no dependent child or expectant parent: not eligible, and why.
  await waitForStatus(page, "Ddim yn gymwys");
  let detail = await lastAnswer(page);
  assert.equal(detail.call.rulePack, "sf-2022");
  assert.deepEqual(detail.call.members[0].circumstances, [
    { kind: "problemDebt", from: "2023-01-09" }, { kind: "riskOfEviction", from: "2023-04-03" }, { kind: "rentArrears", from: "2023-02-01" },
  ]);
  assert.equal(detail.answer.indicatorsMet, 3);
  assert.equal(detail.answer.criteriaMet, 2);
  assert.deepEqual(await page.locator("#el-counting li").allTextContents(), [
    "3 family needs wedi’u bodloni, ar draws 2 o’r 10 headlines.",
    "Family precondition: a dependent child or an expectant parent: Heb ei fodloni.",
  ]);
  assert.equal(await text(page, "#el-criterion-precondition h3 .govuk-tag"), "Heb ei fodloni");
  assert.equal(await text(page, "#el-criterion-housing h3 .govuk-tag"), "Wedi’i fodloni");
  assert.equal(await text(page, "#el-criterion-financial h3 .govuk-tag"), "Wedi’i fodloni");
  assert.match(await text(page, "#el-decision-text"), /^Not eligible: 3 family needs met, across 2 of the 10 headlines/);
  assert.match(await text(page, "#el-decision-pack"), /\(sf-2022, fersiwn 2022-10; mewn grym 2022-10-03 i 2025-03-31\)\.$/);
  // What would change it, in Welsh: an expectant parent record for Mam, from the day.
  assert.deepEqual(await page.locator("#el-what-would-change li").allTextContents(), [
    "Mam (38): byddai cofnodi “Rhiant disgwyliedig” o 2023-06-30 yn newid y penderfyniad i: Yn gymwys.",
  ]);
  assert.deepEqual(await axeViolations(page), [], "Welsh, not eligible");

  // Mab, 10: a dependent child. From Mam's last "From": "To", "Remove", "Add a circumstance", the children's
  // services and health topics, "Add another member".
  await tab(page, 6);
  assert.equal(await focused(page), "el-add-member");
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "el-members-1-name");
  await page.keyboard.type("Mab");
  await tab(page);
  await page.keyboard.type("Plentyn");
  await tab(page);
  await page.keyboard.type("2012-09-01");
  await waitForStatus(page, "Yn gymwys");
  detail = await lastAnswer(page);
  assert.deepEqual(detail.call.members.map((m) => [m.name, m.role, m.dateOfBirth]), [["Mam", "parent", "1985-05-05"], ["Mab", "child", "2012-09-01"]]);
  assert.equal(detail.answer.status, "eligible");
  assert.deepEqual(await page.locator("#el-counting li").allTextContents(), [
    "3 family needs wedi’u bodloni, ar draws 2 o’r 10 headlines.",
    "Family precondition: a dependent child or an expectant parent: Wedi’i fodloni.",
  ]);
  assert.match(await text(page, "#el-status"), /^Yn gymwys o dan sf-2022\.$/);
  assert.deepEqual(await axeViolations(page), [], "Welsh, eligible");

  // A council pack extending sf-2022 that counts headlines: 2 of 3, not eligible; it says what it changes.
  await page.setInputFiles("#el-council-pack-file", packFile("westshire-2022.json"));
  await page.waitForFunction(() => document.querySelector("#el-pack-council")?.checked);
  await waitForStatus(page, "Ddim yn gymwys");
  assert.match(await text(page, "#el-council-pack-changes"), /yn newid sf-2022 mewn 1 lle:/);
  assert.deepEqual(await page.locator("#el-counting li").allTextContents(), [
    "2 o’r 10 headlines wedi’u bodloni.",
    "Family precondition: a dependent child or an expectant parent: Wedi’i fodloni.",
  ]);
  // Chosen by the officer, the pack stays when the date changes.
  await page.fill("#el-assessmentDate", "2024-06-30");
  await page.waitForFunction(() => window.answers.at(-1)?.call.assessmentDate === "2024-06-30");
  assert.equal(await page.isChecked("#el-pack-council"), true);
  assert.deepEqual(await axeViolations(page), [], "Welsh, a council pack extending sf-2022");

  assert.deepEqual(problems, []);
  assert.deepEqual(afterLoad(requests), [], "no request after the page had loaded");
  await context.close();
});

test("the pack follows the assessment date until the officer chooses one; a loaded call without a pack takes the one in force", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, PAGE);
  assert.equal(await page.isChecked("#el-pack-ff-2025"), true);
  await page.fill("#el-assessmentDate", "2021-06-30");
  await page.waitForFunction(() => document.querySelector("#el-pack-sf-2020")?.checked);
  await page.fill("#el-assessmentDate", "2015-06-30");
  await page.waitForFunction(() => document.querySelector("#el-pack-tf-2015")?.checked);
  // The officer chooses sf-2022: a later date no longer moves it.
  await page.check("#el-pack-sf-2022");
  await page.fill("#el-assessmentDate", "2013-06-30");
  await page.fill("#el-members-0-name", "Mother");
  await page.waitForFunction(() => window.answers.at(-1)?.call.assessmentDate === "2013-06-30");
  assert.equal((await lastAnswer(page)).call.rulePack, "sf-2022");
  // Cleared, the form is back on the date's pack (today's).
  await page.evaluate(() => document.querySelector("#el").clear());
  assert.equal(await page.isChecked("#el-pack-ff-2025"), true);
  // A call without a pack: the one in force on its date.
  await page.evaluate(() => document.querySelector("#el").load({ assessmentDate: "2023-06-30", members: [{ name: "Mother", age: 30 }] }));
  await page.waitForFunction(() => window.answers.at(-1)?.call.rulePack === "sf-2022");
  assert.equal(await page.isChecked("#el-pack-sf-2022"), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the new facts' mistakes are shown at their fields, in English and Welsh", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, `${PAGE}&assessment-date=2023-06-30`);
  await page.fill("#el-members-0-name", "Mother");
  await page.fill("#el-members-0-age", "30");
  await page.click("#el-members-0-children summary");
  await page.click("#el-members-0-missingEpisodes-add");
  assert.equal(await focused(page), "el-members-0-missingEpisodes-0-date");
  await page.keyboard.type("2023-07-01");
  await page.click("#el-members-0-exploitation-add");
  await page.fill("#el-members-0-exploitation-0-date", "2023-02-30");
  await page.click("#el-members-0-work summary");
  await page.click("#el-members-0-circumstances-add");
  await page.selectOption("#el-members-0-circumstances-0-kind", "homeless");
  await page.fill("#el-members-0-circumstances-0-from", "2023-05-01");
  await page.fill("#el-members-0-circumstances-0-to", "2023-04-01");
  const links = page.locator("#el-error-summary a");
  await page.waitForFunction(() => document.querySelectorAll("#el-error-summary a").length === 3);
  const hrefs = (await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).sort();
  assert.deepEqual(hrefs, ["#el-members-0-circumstances-0-to", "#el-members-0-exploitation-0-date", "#el-members-0-missingEpisodes-0-date"]);
  assert.match(await text(page, "#el-members-0-exploitation-0-date-error"), /^Error: /);
  assert.match(await page.getAttribute("#el-members-0-circumstances-0-to", "aria-describedby"), /el-members-0-circumstances-0-to-error/);
  assert.deepEqual(await axeViolations(page), [], "errors at the new facts");
  await page.evaluate(() => document.querySelector("#el").setAttribute("lang", "cy"));
  assert.equal(await text(page, "label[for=el-members-0-circumstances-0-kind]"), "Aelod 1 (Mother), amgylchiad 1: Math");
  assert.match(await text(page, "#el-members-0-missingEpisodes-0-date-error"), /^Gwall: /);
  assert.deepEqual(problems, []);
  await context.close();
});
