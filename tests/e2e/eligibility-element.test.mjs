// End-to-end: <community-budget-eligibility> on a page of its own (the package
// from pkg/, as a portal would serve it), used with the keyboard, in Welsh, and
// with mistakes. Decisions are worked by hand from tests/fixtures/eligibility.json
// (tf2015-G1 and tf2015-G2, domain.md WE2).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterLoad, axeViolations, focused, lastAnswer, openBrowser, openPortal, tab, text } from "./browser.mjs";

const PAGE = "/tests/e2e/elements.html?element=eligibility&assessment-date=2015-06-30";
const packFile = (name) => fileURLToPath(new URL(`../fixtures/packs/${name}`, import.meta.url));
let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const waitForStatus = (page, want) => page.waitForFunction((w) => document.querySelector("#el-status-tag")?.textContent === w, want);

test("keyboard only: two members with one headline between them, then a second headline makes the family eligible", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, PAGE);
  assert.deepEqual(await axeViolations(page), [], "empty form");
  assert.match(await text(page, "#el-decision"), /Add a member of the family/);
  // The element loads the eligibility module and no other.
  assert.ok(requests.some((r) => r.url.endsWith("/pkg/community_budget_eligibility_bg.wasm")));
  assert.ok(!requests.some((r) => /community_budget(_costs|_appraisal|_neighbourhood)?_bg\.wasm$/.test(r.url)), "no other engine module");
  assert.equal(await page.isChecked("#el-pack-tf-2015"), true, "tf-2015, in force on the assessment date");

  // From the assessment date (2015-06-30, from the attribute), Tab goes through the form in order.
  await page.focus("#el-assessmentDate");
  await tab(page, 4); // the local-filter box, "Add an incident", "Add a school term", member 1's name
  assert.equal(await focused(page), "el-members-0-name");
  await page.keyboard.type("Mother");
  await tab(page);
  assert.equal(await focused(page), "el-members-0-role");
  await page.keyboard.type("Parent");
  await tab(page);
  await page.keyboard.type("1982-04-04");
  await tab(page, 6); // age, then the topics: crime, school, work, children, health
  assert.equal(await page.evaluate(() => document.activeElement.closest("details")?.id), "el-members-0-health");
  await page.keyboard.press("Enter");
  await tab(page);
  assert.equal(await focused(page), "el-members-0-mentalHealth");
  await page.keyboard.press("Space");
  // Mother: mental health is the Health headline; 1 of the 6, 2 needed: not eligible.
  await waitForStatus(page, "Not eligible");
  assert.equal(await text(page, "#el-criteria-count"), "1 of the 6 headline problems met, on 2015-06-30.");
  assert.equal(await text(page, "#el-criterion-health .govuk-tag"), "Met");
  assert.match(await text(page, "#el-indicator-health-mental-health"), /Met: Mother \(33\): a mental health problem\./);

  // A second member, from the keyboard: past the other two health boxes to "Add another member".
  await tab(page, 3);
  assert.equal(await focused(page), "el-add-member");
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "el-members-1-name");
  await page.keyboard.type("Son");
  await tab(page);
  await page.keyboard.type("Child");
  await tab(page);
  await page.keyboard.type("2000-02-02");
  await tab(page, 6);
  await page.keyboard.press("Enter");
  await tab(page, 2);
  assert.equal(await focused(page), "el-members-1-substanceMisuse");
  await page.keyboard.press("Space");
  // G1: the son's substance misuse is Health too, which counts once: still 1 of 6, not eligible.
  await page.waitForFunction(() => window.answers.at(-1)?.call.members[1]?.substanceMisuse === true);
  assert.equal(await text(page, "#el-status-tag"), "Not eligible");
  assert.equal(await text(page, "#el-criteria-count"), "1 of the 6 headline problems met, on 2015-06-30.");
  // What would change it (each a second headline): an offence or ASB intervention for Mother, alternative
  // provision, off roll, child in need or protection plan for Son, a benefit for Mother, a domestic abuse incident.
  assert.equal(await page.locator("#el-what-would-change li").count(), 8);
  assert.match(await text(page, "#el-what-would-change"), /domestic abuse/i);

  // The event carries the engine's answer for the call the form describes.
  const detail = await lastAnswer(page);
  assert.equal(detail.call.rulePack, "tf-2015");
  assert.deepEqual(detail.call.members.map((m) => [m.name, m.role, m.dateOfBirth]), [["Mother", "parent", "1982-04-04"], ["Son", "child", "2000-02-02"]]);
  assert.equal(detail.answer.type, "success");
  assert.equal(detail.answer.status, "notEligible");
  assert.equal(detail.answer.criteriaMet, 1);
  assert.equal(detail.answer.decision, await text(page, "#el-decision-text"));
  assert.deepEqual(detail.answer.whatWouldChange.map((w) => w.indicator),
    ["offence", "asb", "alternative-provision", "not-on-roll", "child-in-need", "child-protection-plan", "out-of-work-benefit", "domestic-abuse"]);
  assert.deepEqual(await page.evaluate(() => document.querySelector("#el").answer.status), "notEligible");
  assert.deepEqual(await axeViolations(page), [], "a decision");

  // G2: a domestic abuse incident on 2015-03-10, within 12 months: Health and Domestic abuse, 2 of 6: eligible.
  await page.focus("#el-domesticAbuse-add");
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "el-domesticAbuse-0-date");
  await page.keyboard.type("2015-03-10");
  await waitForStatus(page, "Eligible");
  assert.equal(await text(page, "#el-criteria-count"), "2 of the 6 headline problems met, on 2015-06-30.");
  assert.equal(await text(page, "#el-criterion-domestic-abuse .govuk-tag"), "Met");
  assert.match(await text(page, "#el-what-would-change"), /best outcome/);
  assert.match(await text(page, "#el-status"), /^Eligible under tf-2015\.$/);
  assert.equal((await lastAnswer(page)).answer.eligible, true);

  assert.deepEqual(problems, []);
  assert.deepEqual(afterLoad(requests), [], "no request after the page had loaded");
  await context.close();
});

test("a mistake: Enter moves focus to the error summary, its link to the field; fixing it decides again", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, PAGE);
  await page.focus("#el-members-0-name");
  await page.keyboard.type("Mother");
  await tab(page, 2);
  await page.keyboard.type("1982-02-30");
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "el-error-summary");
  assert.equal((await lastAnswer(page)).answer.errors[0].code, "invalid_date");
  assert.equal((await lastAnswer(page)).answer.errors[0].path, "members[0].dateOfBirth");
  assert.match(await text(page, "#el-decision"), /Correct the problems/);
  assert.match(await text(page, "#el-members-0-dateOfBirth-error"), /^Error: /);
  assert.match(await page.getAttribute("#el-members-0-dateOfBirth", "aria-describedby"), /el-members-0-dateOfBirth-error/);
  assert.match(await text(page, "#el-status"), /There is 1 problem/);
  assert.deepEqual(await axeViolations(page), [], "error state");
  await tab(page);
  assert.equal(await focused(page), "#el-members-0-dateOfBirth");
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "el-members-0-dateOfBirth");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("28");
  // 1982-02-28, and no facts: no headline at all.
  await waitForStatus(page, "Not eligible");
  assert.equal(await page.isHidden("#el-error-summary"), true);
  assert.deepEqual(afterLoad(requests), []);
  await context.close();
});

test("in Welsh: Welsh labels and statuses; the decision and an error in Welsh; axe has nothing to say", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, `${PAGE}&lang=cy`);
  assert.equal(await text(page, "label[for=el-assessmentDate]"), "Dyddiad yr asesiad");
  assert.equal(await text(page, "#el-members-0 legend"), "Aelod 1");
  assert.equal(await text(page, "label[for=el-members-0-dateOfBirth]"), "Aelod 1: Dyddiad geni");
  assert.equal(await text(page, "#el-summary-heading"), "Penderfyniad");
  assert.deepEqual(await axeViolations(page), [], "Welsh, empty");
  await page.fill("#el-members-0-name", "Mam");
  await page.fill("#el-members-0-dateOfBirth", "1982-04-04");
  await page.click("#el-members-0-health summary");
  await page.check("#el-members-0-mentalHealth");
  await page.click("#el-domesticAbuse-add");
  await page.fill("#el-domesticAbuse-0-date", "2015-03-10");
  // G2 again: eligible.
  await waitForStatus(page, "Yn gymwys");
  assert.equal(await text(page, "#el-criteria-count"), "2 o’r 6 headline problems wedi’u bodloni, ar 2015-06-30.");
  assert.equal(await text(page, "#el-criterion-health .govuk-tag"), "Wedi’i fodloni");
  assert.match(await text(page, "#el-status"), /^Yn gymwys o dan tf-2015\.$/);
  assert.deepEqual(await axeViolations(page), [], "Welsh, a decision");
  await page.fill("#el-domesticAbuse-0-date", "2015-07-01");
  await page.locator("#el-error-summary a").first().waitFor();
  assert.equal(await text(page, "#el-error-summary h2"), "Mae problem wedi codi");
  assert.equal(await page.getAttribute("#el-error-summary a", "href"), "#el-domesticAbuse-0-date");
  assert.match(await text(page, "#el-domesticAbuse-0-date-error"), /^Gwall: Mae’r dyddiad hwn ar ôl dyddiad yr asesiad/);
  assert.deepEqual(await axeViolations(page), [], "Welsh, an error");
  // Switching the attribute redraws in English, keeping what was typed.
  await page.evaluate(() => document.querySelector("#el").setAttribute("lang", "en"));
  assert.equal(await text(page, "label[for=el-assessmentDate]"), "Assessment date");
  assert.equal(await page.inputValue("#el-domesticAbuse-0-date"), "2015-07-01");
  assert.deepEqual(afterLoad(requests), []);
  await context.close();
});

test("the rule-pack attribute chooses the pack; the officer can switch", async () => {
  const { context, page } = await openPortal(env.browser, env.origin, `${PAGE}&rule-pack=tf-2012`);
  assert.equal(await page.isChecked("#el-pack-tf-2012"), true);
  await page.fill("#el-members-0-name", "Mother");
  await page.fill("#el-members-0-age", "33");
  await page.click("#el-members-0-health summary");
  await page.check("#el-members-0-mentalHealth");
  // Mental health is not a phase-1 criterion: 0 of 3, not eligible, and 2015-06-30 is after tf-2012's dates.
  await waitForStatus(page, "Not eligible");
  assert.equal(await text(page, "#el-criteria-count"), "0 of the 3 national criteria met, on 2015-06-30.");
  assert.match(await text(page, "#el-notes"), /tf-2012 applies from 2012-04-01 to 2015-03-31/);
  await page.check("#el-pack-tf-2015");
  await page.waitForFunction(() => window.answers.at(-1)?.call.rulePack === "tf-2015");
  assert.equal(await text(page, "#el-criteria-count"), "1 of the 6 headline problems met, on 2015-06-30.");
  await context.close();
});

test("the council's own pack, in Welsh: loaded from a file, chosen, its changes listed; a broken one's problems at the file input", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, `${PAGE}&lang=cy`);
  assert.equal(await text(page, "label[for=el-council-pack-file]"), "Llwytho pecyn eich cyngor (ffeil JSON)");
  await page.fill("#el-members-0-name", "Mam");
  await page.fill("#el-members-0-age", "33");
  await page.click("#el-members-0-health summary");
  await page.check("#el-members-0-mentalHealth");
  await waitForStatus(page, "Ddim yn gymwys");
  // Eastshire's pack (tests/fixtures/packs/eastshire-2015.json) sits on tf-2015 and changes it in 4 places.
  await page.setInputFiles("#el-council-pack-file", packFile("eastshire-2015.json"));
  await page.waitForFunction(() => typeof window.answers.at(-1)?.call.councilPack === "string");
  assert.equal(await page.isChecked("#el-pack-council"), true);
  assert.equal(await text(page, "label[for=el-pack-council]"), "Eastshire Council (fictional): phase 2 outcomes plan");
  assert.equal(await text(page, "#el-pack-council-hint"), "Pecyn eich cyngor: eastshire-2015: 2015-04-01 i 2020-03-31");
  assert.match(await text(page, "#el-council-pack-changes"), /^Mae Eastshire Council \(fictional\): phase 2 outcomes plan yn newid tf-2015 mewn 4 lle:/);
  assert.equal((await lastAnswer(page)).answer.receipt.rulePack.id, "eastshire-2015");
  assert.deepEqual(await axeViolations(page), [], "Welsh, a council pack chosen");
  // The built-in packs stay on offer beside it.
  await page.check("#el-pack-tf-2015");
  await page.waitForFunction(() => window.answers.at(-1)?.call.rulePack === "tf-2015");
  await page.check("#el-pack-council");
  await page.waitForFunction(() => typeof window.answers.at(-1)?.call.councilPack === "string");
  // A broken pack: its 12 problems, each at the file input; the element goes back to tf-2015.
  await page.setInputFiles("#el-council-pack-file", packFile("broken.json"));
  await page.waitForFunction(() => document.querySelectorAll("#el-error-summary a").length === 12);
  assert.match(await text(page, "#el-error-summary li:first-child a"), /^Pecyn y cyngor, indicators\[0\]\.measure: unknown variant `truancy`, expected one of `provenOffences`/);
  assert.deepEqual(new Set(await page.$$eval("#el-error-summary a", (links) => links.map((a) => a.getAttribute("href")))), new Set(["#el-council-pack-file"]));
  assert.match(await page.getAttribute("#el-council-pack-file", "aria-describedby"), /el-council-pack-file-error/);
  assert.equal(await page.locator("#el-pack-council").count(), 0);
  assert.equal(await page.isChecked("#el-pack-tf-2015"), true);
  assert.equal(await text(page, "#el-status"), "Mae 12 problem gyda phecyn y cyngor.");
  assert.deepEqual(await axeViolations(page), [], "Welsh, a broken council pack");
  // loadCouncilPack(text) does the same from the page's own code.
  const eastshire = await readFile(packFile("eastshire-2015.json"), "utf8");
  assert.equal(await page.evaluate((pack) => document.querySelector("#el").loadCouncilPack(pack).type, eastshire), "success");
  assert.equal(await page.isChecked("#el-pack-council"), true);
  assert.deepEqual(afterLoad(requests), []);
  assert.deepEqual(problems, []);
  await context.close();
});
