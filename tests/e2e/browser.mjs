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

/** Starts the server and the browser; `close()` stops both. */
export async function openBrowser() {
  const { server, origin } = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    origin,
    browser,
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
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
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await page.goto(origin + path);
  await page.waitForSelector("html[data-ready=true]", { timeout: 15000 });
  phase = "after";
  return { context, page, requests, problems };
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
