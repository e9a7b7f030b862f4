// The portal's page layout: the English / Cymraeg switch and a Welsh navigation
// on every page (carried to the next page), the printout (one column, with the
// programme and the date), the savings year table at 1280 px, and the focus
// after "Add" pressed right after opening a topic.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, openPortal } from "./browser.mjs";

let env;
before(async () => { env = await openBrowser(); });
after(async () => { await env?.close(); });

const PAGES = ["index.html", "eligibility.html", "savings.html", "partners.html", "claim.html", "neighbourhood.html", "cohort.html", "place.html"];
// The navigation's names in Welsh, in its order (www/shell.js).
const WELSH = ["Costio teulu", "Gwirio cymhwysedd", "Cyfrifiannell arbedion", "Enillion partneriaid", "Gwirio hawliad",
  "Cyllideb cymdogaeth", "Adroddiad carfan", "Lle cyfan"];
const navigation = (page) => page.locator("#navigation a").allTextContents();

test("every page has the language switch, and the navigation switches to Welsh with the page and stays Welsh on the next page", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin);
  for (const [i, file] of PAGES.entries()) {
    await page.goto(`${env.origin}/www/${file}`);
    await page.waitForSelector("html[data-ready=true]", { timeout: 15000 });
    assert.equal(await page.locator("#switch-language").count(), 1, `${file}: one switch`);
    assert.equal(await page.textContent("#switch-language"), "Cymraeg", file);
    await page.click("#switch-language");
    assert.equal(await page.getAttribute("html", "lang"), "cy-GB", file);
    assert.deepEqual((await navigation(page)).map((s) => s.trim()), WELSH, `${file}: the navigation in Welsh`);
    assert.equal(await page.textContent("#skip-link"), "Neidio i’r prif gynnwys", file);
    assert.equal(await page.getAttribute('nav[data-label-cy]', "aria-label"), "Dewislen", file);
    assert.equal(await page.textContent("#switch-language"), "English", file);
    // The next page in the navigation opens in Welsh (the link carries ?lang=cy; nothing is stored).
    const next = PAGES[(i + 1) % PAGES.length];
    await page.click(`#navigation a[href^="${next}"]`);
    await page.waitForSelector("html[data-ready=true]", { timeout: 15000 });
    assert.equal(await page.getAttribute("html", "lang"), "cy-GB", `${next}, reached from ${file}`);
    assert.deepEqual((await navigation(page)).map((s) => s.trim()), WELSH, `${next}: still Welsh`);
    // A page whose own words are English only says so to a screen reader.
    const main = await page.getAttribute("#main-content", "lang");
    assert.ok(["index.html", "eligibility.html", "savings.html", "neighbourhood.html", "place.html", "cohort.html", "partners.html", "claim.html"].includes(next) ? main === null : main === "en-GB", `${next}: <main lang> ${main}`);
    await page.click("#switch-language");
    assert.equal(await page.getAttribute("html", "lang"), "en-GB", next);
    assert.equal((await navigation(page))[0].trim(), "Cost a family", next);
    assert.doesNotMatch(await page.getAttribute("#navigation a >> nth=0", "href"), /lang=/);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("printed, the decision and the headline figures take the page's width, with the programme and the date", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/savings.html");
  await page.click("#load-example");
  await page.waitForFunction(() => document.querySelector("#savings-npv")?.textContent === "£71,917.56");
  await page.emulateMedia({ media: "print" });
  const printed = (element) => page.evaluate((element) => {
    const main = document.getElementById("main-content").getBoundingClientRect().width;
    const summary = document.querySelector(".cb-summary").getBoundingClientRect().width;
    // Words whole: nothing breaks a word that would fit its line (a narrow column did, with break-word).
    const broken = [...document.querySelectorAll(".cb-summary *")].some((n) => getComputedStyle(n).overflowWrap === "anywhere"
      || getComputedStyle(n).wordBreak === "break-all");
    const line = document.getElementById("print-line");
    return { main, summary, broken, line: line.innerText, shown: getComputedStyle(line).display !== "none", form: getComputedStyle(document.querySelector(`${element} form`)).display };
  }, element);
  const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  let p = await printed("community-budget-savings");
  assert.ok(p.summary >= p.main * 0.9, `the headline figures take the page's width (${p.summary} of ${p.main} px)`);
  assert.equal(p.broken, false);
  assert.equal(p.shown, true);
  assert.equal(p.form, "none");
  assert.ok(p.line.includes("Supporting families (Troubled Families programme)"), p.line);
  assert.ok(p.line.includes("Programme: Family intervention"), p.line);
  assert.ok(p.line.includes(today), `${p.line} has ${today}`);
  // On screen, the line is not shown.
  await page.emulateMedia({ media: "screen" });
  assert.equal(await page.isVisible("#print-line"), false);

  await page.goto(`${env.origin}/www/eligibility.html`);
  await page.waitForSelector("html[data-ready=true]");
  await page.click("#load-example");
  await page.waitForFunction(() => document.querySelector("#eligibility-status-tag")?.textContent === "Eligible");
  await page.emulateMedia({ media: "print" });
  p = await printed("community-budget-eligibility");
  assert.ok(p.summary >= p.main * 0.9, `the decision takes the page's width (${p.summary} of ${p.main} px)`);
  assert.equal(p.broken, false);
  assert.equal(p.form, "none");
  assert.ok(await page.isVisible("#eligibility-decision-text"), "the decision is printed");
  assert.ok(p.line.includes("Supporting families (Troubled Families programme) · Check a family’s eligibility"), p.line);
  assert.ok(p.line.includes(today), p.line);
  assert.deepEqual(problems, []);
  await context.close();
});

test("at 1280 px the savings year table is never clipped: it fits, or scrolls in its own box by keyboard", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.origin}/www/savings.html`);
  await page.waitForSelector("html[data-ready=true]");
  const box = () => page.evaluate(() => {
    const wrapper = document.getElementById("savings-years").parentElement;
    return {
      fits: wrapper.scrollWidth <= wrapper.clientWidth,
      overflow: getComputedStyle(wrapper).overflowX,
      tabindex: wrapper.getAttribute("tabindex"),
      label: wrapper.getAttribute("aria-label"),
      page: document.documentElement.scrollWidth,
    };
  });
  // The example fits.
  await page.click("#load-example");
  await page.waitForFunction(() => document.querySelector("#savings-npv")?.textContent === "£71,917.56");
  await page.waitForTimeout(100);
  let b = await box();
  assert.equal(b.fits, true);
  assert.equal(b.tabindex, null, "a table that fits is no tab stop");
  assert.equal(b.page, 1280, "nothing wider than the window");
  // Ten-figure sums over ten years do not fit: the table scrolls in its own box, which the keyboard can reach.
  await page.evaluate(() => document.getElementById("savings").load({
    name: "Large", cohort: "100000", schedule: "greenBook", sensitivity: true,
    costs: [{ year: "0", funder: "Council", amount: "60000000000" }],
    outcome: { name: "Outcome", engagement: "80", success: "50", deadweight: "20", lag: "0", duration: "10", dropOff: "20" },
    values: [{ description: "Police time", agency: "Police", amount: "10000000", grade: "3" }],
  }));
  await page.waitForFunction(() => document.getElementById("savings-years")?.parentElement.getAttribute("tabindex") === "0");
  b = await box();
  assert.equal(b.fits, false);
  assert.equal(b.overflow, "auto");
  assert.match(b.label, /^Year by year/);
  assert.equal(b.page, 1280, "the page itself does not scroll sideways");
  // Scrolled to its end, the last column is inside the box.
  const last = await page.evaluate(() => {
    const wrapper = document.getElementById("savings-years").parentElement;
    wrapper.scrollLeft = wrapper.scrollWidth;
    const cell = wrapper.querySelector("thead th:last-child").getBoundingClientRect();
    return cell.right <= wrapper.getBoundingClientRect().right + 1;
  });
  assert.equal(last, true);
  await context.close();
});

test("\"Add\" pressed right after opening a topic puts the focus in the new row, never on <body>", async () => {
  const { context, page, problems } = await openPortal(env.browser, env.origin, "/www/eligibility.html");
  // In one go, as a quick officer does: the topic opens, and Add is pressed before its toggle event has come.
  const focused = await page.evaluate(() => {
    document.querySelector("#eligibility-members-0-work summary").click();
    document.getElementById("eligibility-members-0-benefits-add").click();
    return document.activeElement?.id || document.activeElement?.localName;
  });
  assert.equal(focused, "eligibility-members-0-benefits-0-kind");
  assert.equal(await page.evaluate(() => document.getElementById("eligibility-members-0-work").open), true, "the topic stays open");
  // And once the toggle event has come, a second Add does the same.
  await page.waitForTimeout(50);
  await page.click("#eligibility-members-0-benefits-add");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "eligibility-members-0-benefits-1-kind");
  assert.deepEqual(problems, []);
  await context.close();
});
