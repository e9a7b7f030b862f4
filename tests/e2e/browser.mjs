// Shared set-up for the end-to-end tests: the static server, Debian's Chromium
// driven by playwright-core, and a log of every request the page makes.
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

// On a closed network Chromium must not try to reach Google's services.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
];

/**
 * Records every console error and uncaught page error of `page` into `problems`,
 * as "message (at URL)". Console errors of a worker count too.
 */
export function watchConsole(page, problems) {
  const at = () => { try { return page.url(); } catch { return "?"; } };
  page.on("pageerror", (e) => problems.push(`${String(e)} (at ${at()})`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`${m.text()} (at ${at()})`); });
  page.on("worker", (worker) => worker.on("console", (m) => { if (m.type() === "error") problems.push(`worker: ${m.text()} (at ${at()})`); }));
}

/**
 * Starts the server and the browser; `close()` stops both. Every page opened
 * through this browser (browser.newPage, or a page of browser.newContext) is
 * watched: a console error or uncaught error on any of them fails the test
 * file at `close()`, naming the page, unless a test said it expects it
 * (`expectProblems(pattern)`, for a test that provokes an error on purpose).
 */
export async function openBrowser() {
  const { server, origin } = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const problems = [];
  const expected = [];
  const watched = new WeakSet();
  const watch = (page) => {
    if (watched.has(page)) return;
    watched.add(page);
    watchConsole(page, problems);
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...options) => {
    const context = await newContext(...options);
    context.on("page", watch);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...options) => {
    const page = await newPage(...options);
    watch(page);
    return page;
  };
  return {
    origin,
    browser,
    /** The console and page errors seen so far, and not expected. */
    problems: () => problems.filter((p) => !expected.some((pattern) => pattern.test(p))),
    /** Says that console errors matching `pattern` are what a test provokes on purpose. */
    expectProblems(pattern) { expected.push(pattern); },
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
      const unexpected = problems.filter((p) => !expected.some((pattern) => pattern.test(p)));
      if (unexpected.length) throw new Error(`console or page errors in the end-to-end tests:\n${unexpected.join("\n")}`);
    },
  };
}

/**
 * Opens the demo portal in a fresh context, recording every request, and waits
 * until the engine has loaded and rendered (html[data-ready]).
 * Returns the page and `requests`: every URL requested, with the phase
 * ("load" until ready, "after" from then on).
 */
export async function openPortal(browser, origin, path = "/www/") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  let phase = "load";
  page.on("request", (r) => requests.push({ url: r.url(), phase }));
  const problems = [];
  watchConsole(page, problems);
  await page.goto(origin + path);
  await page.waitForSelector("html[data-ready=true]", { timeout: 15000 });
  phase = "after";
  return { context, page, requests, problems };
}

/**
 * Once the portal's service worker controls `page` (it has installed, its files
 * kept), takes the network away and reloads: returns the list that every
 * request failing from then on goes into (each file must come from its copies).
 */
export async function reloadOffline(context, page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  const failed = [];
  page.on("requestfailed", (r) => failed.push(r.url()));
  await page.reload();
  await page.waitForSelector("html[data-ready=true]", { timeout: 15000 });
  return failed;
}

/** Runs axe-core (from npm, served by the test server; no other network) and returns its violations. */
export async function axeViolations(page) {
  // Served from this origin, so the page's Content-Security-Policy allows it.
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ url: "/node_modules/axe-core/axe.min.js" });
  }
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return result;
}

/** The trimmed text of the first node matching `selector`. */
export const text = async (page, selector) => (await page.locator(selector).textContent())?.trim();

/** The id of the focused node, or the href of a focused link. */
export const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute("href"));

/** Presses Tab `times` times. */
export async function tab(page, times = 1) {
  for (let i = 0; i < times; i += 1) await page.keyboard.press("Tab");
}

/** The requests made after the page had loaded, but for axe-core (which the tests add themselves). */
export const afterLoad = (requests) => requests.filter((r) => r.phase === "after" && !r.url.includes("/node_modules/axe-core/"));

/** The detail of the last community-budget:answer event on the elements' test page (elements-page.js keeps them). */
export const lastAnswer = (page) => page.evaluate(() => window.answers.at(-1));

/**
 * What is wrong with the word tables (`{ key: { en, cy } }`) that a portal page's module
 * (`modulePath`, already loaded by the page: the same instance) exports as `names`: a key
 * without both an English and a Welsh text, or whose two texts have different {placeholders};
 * and, for the table of static words by id (`byId`), a node whose text is not that of the
 * page's language now. [] when all is right.
 */
export async function wordTableProblems(page, modulePath, names, byId) {
  return page.evaluate(async ([path, tables, ids]) => {
    const m = await import(path);
    const lang = document.documentElement.lang.startsWith("cy") ? "cy" : "en";
    const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((h) => h[1]).sort().join();
    const problems = [];
    for (const name of tables) {
      if (!m[name] || Object.keys(m[name]).length === 0) problems.push(`${name}: no table`);
      for (const [key, value] of Object.entries(m[name] ?? {})) {
        const texts = Object.keys(value).sort().join();
        if (texts !== "cy,en") problems.push(`${name}.${key}: has ${texts}, not cy,en`);
        else if (typeof value.en !== "string" || !value.en.trim() || typeof value.cy !== "string" || !value.cy.trim()) problems.push(`${name}.${key}: an empty text`);
        else if (holes(value.en) !== holes(value.cy)) problems.push(`${name}.${key}: placeholders ${holes(value.en)} in English, ${holes(value.cy)} in Welsh`);
      }
    }
    for (const [id, text] of Object.entries(m[ids] ?? {})) {
      // As read: runs of white space (the HTML's line breaks) count as one space.
      const shown = (id === "title" ? document.title : document.getElementById(id)?.textContent ?? "").replace(/\s+/g, " ").trim();
      if (shown !== text[lang]) problems.push(`#${id} shows ${JSON.stringify(shown)}, not ${JSON.stringify(text[lang])}`);
    }
    return problems;
  }, [modulePath, names, byId]);
}

/**
 * The cohort page opens under the rules in force today (ff-2025) on today's date; a test whose cohort is phase 2's
 * (the fixtures' and the template's 2015 families) chooses phase 2's rules and a 2015 date first.
 */
export async function cohortPhase2(page) {
  await page.check("#pack-2015");
  await page.fill("#assessment-date", "2015-06-30");
}
