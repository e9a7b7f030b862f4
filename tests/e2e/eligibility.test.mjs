// End-to-end: an officer checks a family's eligibility in the demo portal, in
// headless Chromium, through the package's <community-budget-eligibility>
// element (id "eligibility": every id it renders starts "eligibility-"), in
// English and in Welsh. Decisions are worked by hand in the comments from the
// packs (data/rules/tf-2012.json, tf-2015.json) and the fixture council packs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { afterLoad, axeViolations, openBrowser, openPortal } from "./browser.mjs";

const PAGE = "/www/eligibility.html";
const packFile = (name) => fileURLToPath(new URL(`../fixtures/packs/${name}`, import.meta.url));

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const text = async (page, selector) => (await page.locator(selector).textContent())?.trim();
const status = (page) => text(page, "#eligibility-status-tag");
const waitForStatus = (page, want) =>
  page.waitForFunction((w) => document.querySelector("#eligibility-status-tag")?.textContent === w, want);
const criterion = (page, id) => text(page, `#eligibility-criterion-${id} h3 .govuk-tag`);

/** Opens a member's topic (a GOV.UK details element) if it is closed. */
async function openTopic(page, member, topic) {
  const details = page.locator(`#eligibility-members-${member}-${topic}`);
  if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
}

test("a family that qualifies under tf-2015 but not tf-2012: switching packs changes the decision and the reasons", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, PAGE);
  assert.equal(await page.isChecked("#eligibility-pack-ff-2025"), true, "the pack in force today is chosen to begin with");

  // A mother, 33, with a mental health problem, on ESA since 2014; a domestic abuse incident
  // at the home on 2015-03-10. Assessed on 2015-06-30: the pack in force then, tf-2015.
  await page.fill("#eligibility-assessmentDate", "2015-06-30");
  await page.waitForFunction(() => document.querySelector("#eligibility-pack-tf-2015")?.checked);
  await page.fill("#eligibility-members-0-name", "Mother");
  await page.fill("#eligibility-members-0-dateOfBirth", "1982-04-04");
  await openTopic(page, 0, "health");
  await page.check("#eligibility-members-0-mentalHealth");
  await openTopic(page, 0, "work");
  await page.click("#eligibility-members-0-benefits-add");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "eligibility-members-0-benefits-0-kind", "focus moves to the new claim");
  await page.selectOption("#eligibility-members-0-benefits-0-kind", "esa");
  await page.fill("#eligibility-members-0-benefits-0-from", "2014-01-01");
  await page.click("#eligibility-domesticAbuse-add");
  await page.fill("#eligibility-domesticAbuse-0-date", "2015-03-10");

  // tf-2015: Health (mental health), Worklessness (ESA on the day) and Domestic abuse (within
  // 12 months of 2015-06-30): 3 of the 6 headline problems, 2 needed: eligible.
  await waitForStatus(page, "Eligible");
  assert.match(await text(page, "#eligibility-decision-text"), /^Eligible: 3 of the 6 headline problems met \(Worklessness and financial exclusion, Domestic violence and abuse, Health\)/);
  assert.equal(await criterion(page, "health"), "Met");
  assert.equal(await criterion(page, "domestic-abuse"), "Met");
  assert.equal(await criterion(page, "crime-asb"), "Not met");
  assert.match(await text(page, "#eligibility-indicator-health-mental-health"), /Met: Mother \(33\): a mental health problem\./);
  assert.match(await text(page, "#eligibility-what-would-change"), /best outcome/);

  // tf-2012: only Work (an adult on an out-of-work benefit); mental health and domestic abuse
  // are not phase-1 criteria. 1 of 3: not eligible, and no single change is enough (a second
  // criterion would still need the local filter).
  await page.check("#eligibility-pack-tf-2012");
  await waitForStatus(page, "Not eligible");
  assert.match(await text(page, "#eligibility-decision-text"), /^Not eligible: 1 of the 3 national criteria met \(Work\)\./);
  assert.equal(await criterion(page, "work"), "Met");
  assert.equal(await criterion(page, "crime-asb"), "Not met");
  assert.equal(await criterion(page, "education"), "Not met");
  assert.equal(await criterion(page, "local-filter"), "Not met");
  assert.match(await text(page, "#eligibility-indicator-education-unauthorised-absence"), /^A child with 15 % or more unauthorised absence.*Not met: there is no child in the household\./s);
  // 2015-06-30 is after tf-2012's last day: the page says so.
  assert.match(await text(page, "#eligibility-notes"), /tf-2012 applies from 2012-04-01 to 2015-03-31/);
  assert.match(await text(page, "#eligibility-what-would-change"), /No single change/);

  // With the council's local criterion recorded, one more criterion would make her discretionary.
  await page.check("#eligibility-localConcern");
  await page.waitForFunction(() => document.querySelectorAll("#eligibility-what-would-change li").length > 0);
  assert.match(await text(page, "#eligibility-what-would-change"), /Crime and anti-social behaviour: a member with an anti-social behaviour intervention in the last 12 months\. Mother \(33\): 0 anti-social behaviour interventions → 1 anti-social behaviour intervention in the last 12 months \(since 2014-06-30\)\. Decision then: may be included at the council's discretion\./);
  await page.uncheck("#eligibility-localConcern");

  // Back to tf-2015: eligible again.
  await page.check("#eligibility-pack-tf-2015");
  await waitForStatus(page, "Eligible");

  // Privacy: nothing was requested after the page had loaded, through all of that.
  for (const r of requests) assert.ok(r.url.startsWith(env.origin), `request to another origin: ${r.url}`);
  assert.deepEqual(requests.filter((r) => r.phase === "after").map((r) => r.url), []);
  assert.deepEqual(problems, []);
  assert.deepEqual(await axeViolations(page), [], "filled in, with reasons shown");
  await context.close();
});

test("a council pack loaded from a file flips a result; a broken one lists every problem", async () => {
  const { context, page, requests } = await openPortal(env.browser, env.origin, PAGE);
  // A mother with a mental health problem (Health) and her son, 11, who missed 14 of 140
  // sessions without authorisation in Autumn 2014.
  await page.fill("#eligibility-assessmentDate", "2015-06-30");
  await page.fill("#eligibility-members-0-name", "Mother");
  await page.fill("#eligibility-members-0-dateOfBirth", "1982-04-04");
  await openTopic(page, 0, "health");
  await page.check("#eligibility-members-0-mentalHealth");
  await page.click("#eligibility-schoolTerms-add");
  await page.fill("#eligibility-schoolTerms-0-name", "Autumn 2014");
  await page.fill("#eligibility-schoolTerms-0-start", "2014-09-03");
  await page.fill("#eligibility-schoolTerms-0-end", "2014-12-19");
  await page.click("#eligibility-add-member");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "eligibility-members-1-name");
  await page.keyboard.type("Son");
  await page.fill("#eligibility-members-1-dateOfBirth", "2004-02-02");
  await openTopic(page, 1, "school");
  await page.click("#eligibility-members-1-attendance-add");
  await page.selectOption("#eligibility-members-1-attendance-0-term", "Autumn 2014");
  await page.fill("#eligibility-members-1-attendance-0-possibleSessions", "140");
  await page.fill("#eligibility-members-1-attendance-0-authorisedAbsent", "0");
  await page.fill("#eligibility-members-1-attendance-0-unauthorisedAbsent", "14");

  // tf-2015: 14 x 100 = 1400 = 10 x 140, absence of 10 % or more: School attendance met; with
  // Health, eligible.
  await waitForStatus(page, "Eligible");
  assert.equal(await criterion(page, "school"), "Met");
  assert.match(await text(page, "#eligibility-indicator-school-absence"), /Son \(11\): absence \(authorised and unauthorised\) 10\.0 % \(14 of 140 sessions\)/);

  // Eastshire reads it as more than 10 % unauthorised: 1400 > 1400 is false. Not eligible.
  await page.setInputFiles("#eligibility-council-pack-file", packFile("eastshire-2015.json"));
  await waitForStatus(page, "Not eligible");
  assert.equal(await page.isChecked("#eligibility-pack-council"), true);
  assert.match(await text(page, "label[for=eligibility-pack-council]"), /Eastshire Council \(fictional\)/);
  assert.match(await text(page, "#eligibility-council-pack-changes"), /changes tf-2015 in 4 places/);
  assert.match(await text(page, "#eligibility-council-pack-changes"), /comparator >= → >/);
  assert.equal(await criterion(page, "school"), "Not met");
  assert.match(await text(page, "#eligibility-indicator-school-absence"), /Not met: Son \(11\): unauthorised absence 10\.0 % \(14 of 140 sessions\).*the rule is more than 10 %\./);
  // One more unauthorised session would meet it.
  assert.match(await text(page, "#eligibility-what-would-change"), /14 of 140 sessions\) → 10\.7 % \(15 of 140 sessions\).*Decision then: eligible\./);
  await page.fill("#eligibility-members-1-attendance-0-unauthorisedAbsent", "15");
  await waitForStatus(page, "Eligible");

  // A broken pack: every problem listed, each pointing at the file input; the council option
  // goes (the page falls back to tf-2015) until a sound pack is loaded.
  await page.setInputFiles("#eligibility-council-pack-file", packFile("broken.json"));
  await page.waitForFunction(() => !document.querySelector("#eligibility-error-summary").hidden);
  const links = page.locator("#eligibility-error-summary a");
  assert.equal(await links.count(), 12);
  assert.match(await links.first().textContent(), /^Council pack, indicators\[0\]\.measure: unknown variant `truancy`, expected one of `provenOffences`/);
  assert.equal(await links.first().getAttribute("href"), "#eligibility-council-pack-file");
  assert.equal(await page.locator("#eligibility-pack-council").count(), 0);
  assert.match(await page.getAttribute("#eligibility-council-pack-file", "aria-describedby"), /eligibility-council-pack-file-error/);

  assert.deepEqual(requests.filter((r) => r.phase === "after").map((r) => r.url), []);
  assert.deepEqual(await axeViolations(page), [], "a broken pack's problems shown");
  await context.close();
});

test("problems in the form point at their fields", async () => {
  const { context, page } = await openPortal(env.browser, env.origin, PAGE);
  await page.fill("#eligibility-assessmentDate", "2015-06-30");
  await page.fill("#eligibility-members-0-name", "Mother");
  await page.fill("#eligibility-members-0-dateOfBirth", "1982-02-30");
  const link = page.locator("#eligibility-error-summary a");
  await link.first().waitFor();
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute("href"), "#eligibility-members-0-dateOfBirth");
  assert.match(await link.textContent(), /February 1982 has 28 days/);
  assert.match(await text(page, "#eligibility-members-0-dateOfBirth-error"), /^Error: "1982-02-30" is not a date/);
  // A fact after the assessment date, inside a closed topic: the link opens it.
  await page.fill("#eligibility-members-0-dateOfBirth", "1982-04-04");
  await openTopic(page, 0, "crime");
  await page.click("#eligibility-members-0-offences-add");
  await page.fill("#eligibility-members-0-offences-0-date", "2015-07-01");
  await page.locator("#eligibility-members-0-crime summary").click();
  await page.waitForFunction(() => document.querySelector("#eligibility-error-summary a")?.getAttribute("href") === "#eligibility-members-0-offences-0-date");
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "eligibility-members-0-offences-0-date");
  assert.deepEqual(await axeViolations(page), [], "errors shown");
  // Corrected, the summary goes.
  await page.fill("#eligibility-members-0-offences-0-date", "2015-06-01");
  await page.waitForFunction(() => document.querySelector("#eligibility-error-summary").hidden);
  assert.equal(await status(page), "Not eligible");
  await context.close();
});

test("the example family in English, then in Welsh: Welsh labels, the decision, the shell and a problem", async () => {
  const { context, page, requests, problems } = await openPortal(env.browser, env.origin, PAGE);
  // The page opens under the rules in force today: ff-2025, assessed today.
  assert.equal(await page.isChecked("#eligibility-pack-ff-2025"), true);
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });
  assert.equal(await page.inputValue("#eligibility-assessmentDate"), today);
  // The example is the first test's family (3 of the 6 headline problems on 2015-06-30): eligible.
  // Assessed on 2015-06-30, under the pack in force then, tf-2015.
  await page.click("#load-example");
  await waitForStatus(page, "Eligible");
  assert.equal(await page.isChecked("#eligibility-pack-tf-2015"), true);
  assert.match(await text(page, "#eligibility-decision-text"), /^Eligible: 3 of the 6 headline problems met/);
  assert.match(await text(page, "#footer-version"), /^community-budget \S+; rule pack tf-2015, SHA-256 [0-9a-f]{64}\.$/);

  await page.click("#switch-language");
  assert.equal(await page.getAttribute("html", "lang"), "cy-GB");
  assert.equal(await text(page, "#page-heading"), "Gwirio cymhwysedd teulu");
  assert.equal(await text(page, "#skip-link"), "Neidio i’r prif gynnwys");
  assert.equal(await text(page, 'nav a[aria-current="page"]'), "Gwirio cymhwysedd");
  assert.equal(await page.getAttribute("nav", "aria-label"), "Dewislen");
  assert.equal(await text(page, "label[for=eligibility-assessmentDate]"), "Dyddiad yr asesiad");
  assert.equal(await text(page, "label[for=eligibility-council-pack-file]"), "Llwytho pecyn eich cyngor (ffeil JSON)");
  assert.equal(await text(page, "#eligibility-summary-heading"), "Penderfyniad");
  await waitForStatus(page, "Yn gymwys");
  assert.match(await text(page, "#footer-version"), /; pecyn rheolau tf-2015, SHA-256 [0-9a-f]{64}\.$/);
  // A problem, in Welsh.
  await page.fill("#eligibility-members-0-dateOfBirth", "1982-02-30");
  await page.locator("#eligibility-error-summary a").first().waitFor();
  assert.equal(await text(page, "#eligibility-error-summary h2"), "Mae problem wedi codi");
  assert.match(await text(page, "#eligibility-members-0-dateOfBirth-error"), /^Gwall: /);
  assert.deepEqual(await axeViolations(page), [], "Welsh, with an error");
  // Back to English, keeping what was typed.
  await page.click("#switch-language");
  assert.equal(await text(page, "label[for=eligibility-assessmentDate]"), "Assessment date");
  assert.equal(await page.getAttribute("nav", "aria-label"), "Menu");
  await page.fill("#eligibility-members-0-dateOfBirth", "1982-04-04");
  await waitForStatus(page, "Eligible");
  assert.deepEqual(afterLoad(requests), []);
  assert.deepEqual(problems, []);
  await context.close();
});
