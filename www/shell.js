// The demo portal's page shell, one for every page: the skip link, the
// header with the service navigation (this page marked current), the phase
// banner, the width container and the footer. Each page's HTML holds only its
// own head, its <main> and its footer's sentence (`<body data-footer="…">`);
// its script imports this module first, so the shell is in place before the
// page's own code runs. Built with
// the package's DOM helpers, as text (no inline scripts or styles: the strict
// Content-Security-Policy of the README is enough). The service worker keeps
// this file with the pages, so the shell is there offline too.
import { el } from "../pkg/dom.js";

// The pages, in the navigation's order, with their names in English and Welsh.
const PAGES = [
  ["index.html", "Cost a family", "Costio teulu"],
  ["eligibility.html", "Check eligibility", "Gwirio cymhwysedd"],
  ["savings.html", "Savings calculator", "Cyfrifiannell arbedion"],
  ["partners.html", "Partner returns", "Enillion partneriaid"],
  ["claim.html", "Claim checker", "Gwirio hawliad"],
  ["neighbourhood.html", "Neighbourhood budget", "Cyllideb cymdogaeth"],
  ["cohort.html", "Cohort report", "Adroddiad carfan"],
  ["place.html", "Whole place", "Lle cyfan"],
];

// The shell's own words.
const WORDS = {
  "skip-link": { en: "Skip to main content", cy: "Neidio i’r prif gynnwys" },
  "header-title": { en: "Council intranet · Supporting families", cy: "Mewnrwyd y cyngor · Cefnogi teuluoedd" },
  "phase-tag": { en: "Demo", cy: "Arddangos" },
  "print-service": { en: "Supporting families (Troubled Families programme)", cy: "Cefnogi teuluoedd (rhaglen Teuluoedd Cythryblus)" },
  "phase-text": {
    en: "Everything you enter stays in this browser: nothing is sent anywhere.",
    cy: "Mae popeth a roddwch yn aros yn y porwr hwn: nid oes dim yn cael ei anfon i unman.",
  },
};

/** The file name of this page ("index.html" for the portal's folder itself). */
const here = () => location.pathname.split("/").pop() || "index.html";

function navigation() {
  const current = here();
  return el("section", { class: "govuk-service-navigation", "aria-label": "Service information", "data-label-cy": "Gwybodaeth am y gwasanaeth" },
    el("div", { class: "govuk-width-container" }, el("div", { class: "govuk-service-navigation__container" },
      el("nav", { "aria-label": "Menu", "data-label-cy": "Dewislen", class: "govuk-service-navigation__wrapper" },
        el("ul", { class: "govuk-service-navigation__list", id: "navigation" }, PAGES.map(([href, en, cy]) => {
          const active = href === current;
          const link = el("a", { class: "govuk-service-navigation__link", href, "aria-current": active ? "page" : undefined, "data-en": en, "data-cy": cy },
            active ? el("strong", { class: "govuk-service-navigation__active-fallback", text: en }) : en);
          return el("li", { class: `govuk-service-navigation__item${active ? " govuk-service-navigation__item--active" : ""}` }, link);
        }))))));
}

/**
 * Puts the shell around the page's <main>: the skip link and the header
 * (navigation, phase banner) before it, its GOV.UK width container, and the
 * footer after it: the page's sentence (`<body data-footer="…">`, #footer-text),
 * then #footer-version and #footer-prices for the page to fill.
 */
function build() {
  const header = el("header", {},
    el("div", { class: "cb-header" }, el("div", { class: "govuk-width-container" },
      el("p", { class: "cb-header__title", id: "header-title", text: WORDS["header-title"].en }))),
    navigation(),
    el("div", { class: "govuk-width-container" }, el("div", { class: "govuk-phase-banner" },
      el("p", { class: "govuk-phase-banner__content" },
        el("strong", { class: "govuk-tag govuk-phase-banner__content__tag", id: "phase-tag", text: WORDS["phase-tag"].en }),
        el("span", { class: "govuk-phase-banner__text", id: "phase-text", text: WORDS["phase-text"].en }))),
      // Every page has the switch: a page with its own (beside its example button) keeps it there,
      // the others have it here, under the banner (not in <main>, whose first thing is the error summary).
      document.getElementById("switch-language") ? null : el("div", { class: "cb-language" },
        el("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "switch-language", lang: "cy-GB", text: "Cymraeg" }))));
  const main = document.getElementById("main-content");
  // On paper only: the programme, the page, the date (header and navigation are not printed).
  main.prepend(el("p", { class: "govuk-body-s cb-print-only", id: "print-line" },
    el("span", { id: "print-service", text: WORDS["print-service"].en }), " · ",
    el("span", { id: "print-page", text: document.querySelector("h1")?.textContent?.trim() ?? document.title }),
    el("span", { id: "print-programme" }), " · ", el("time", { id: "print-date" })));
  const container = el("div", { class: "govuk-width-container" });
  main.replaceWith(container);
  container.append(main);
  const footer = el("footer", { class: "govuk-footer" }, el("div", { class: "govuk-width-container" },
    el("p", { class: "govuk-body-s", id: "footer-text", text: document.body.dataset.footer ?? "" }),
    el("p", { class: "govuk-body-s", id: "footer-version" }),
    el("p", { class: "govuk-body-s", id: "footer-prices" })));
  container.after(footer);
  document.body.prepend(el("a", { href: "#main-content", class: "govuk-skip-link", id: "skip-link", text: WORDS["skip-link"].en }), header);
}

build();

/** `en` or `cy`: the page's language now. */
export const pageLanguage = () => (document.documentElement.lang.startsWith("cy") ? "cy" : "en");

/** The printout's date: today, in the page's language (set again as the page is printed). */
function showPrintDate() {
  const now = new Date();
  const date = document.getElementById("print-date");
  date.dateTime = now.toISOString().slice(0, 10);
  date.textContent = now.toLocaleDateString(pageLanguage() === "cy" ? "cy-GB" : "en-GB", { day: "numeric", month: "long", year: "numeric" });
}
showPrintDate();
addEventListener("beforeprint", showPrintDate);

/** Names what the page is about on its printout (a programme's name: "Programme: …"), or nothing. */
export function printProgramme(text) {
  document.getElementById("print-programme").textContent = text ? ` · ${text}` : "";
}

// The page's own words and what to redo when the language changes (languageSwitch).
let page = null;

/**
 * Puts the page in `lang`: the shell, the page's own words, every
 * community-budget element on the page (their `lang` attribute), and the
 * navigation's links (which carry `?lang=cy`, so the next page opens in Welsh
 * too; nothing is stored). A page that has not given its own words keeps its
 * <main> marked English (lang="en-GB"), so a screen reader reads it rightly.
 */
function setLanguage(lang, { opening = false } = {}) {
  document.documentElement.lang = lang === "cy" ? "cy-GB" : "en-GB";
  for (const [id, text] of Object.entries({ ...WORDS, ...page?.words })) {
    if (id === "title") document.title = text[lang];
    else {
      const node = document.getElementById(id);
      if (node) node.textContent = text[lang];
    }
  }
  for (const link of document.querySelectorAll("#navigation a")) {
    (link.querySelector("strong") ?? link).textContent = link.dataset[lang];
    link.setAttribute("href", `${link.getAttribute("href").split("?")[0]}${lang === "cy" ? "?lang=cy" : ""}`);
  }
  for (const region of document.querySelectorAll("header [data-label-cy]")) {
    region.dataset.labelEn ??= region.getAttribute("aria-label");
    region.setAttribute("aria-label", lang === "cy" ? region.dataset.labelCy : region.dataset.labelEn);
  }
  document.getElementById("print-page").textContent = document.querySelector("h1")?.textContent?.trim() ?? document.title;
  showPrintDate();
  const main = document.getElementById("main-content");
  if (page || lang === "en") main.removeAttribute("lang");
  else main.lang = "en-GB";
  const button = document.getElementById("switch-language");
  button.textContent = lang === "cy" ? "English" : "Cymraeg";
  button.lang = lang === "cy" ? "en-GB" : "cy-GB";
  for (const element of document.querySelectorAll("community-budget-family-cost, community-budget-eligibility, community-budget-savings")) {
    element.setAttribute("lang", lang);
  }
  const url = new URL(location.href);
  if (lang === "cy") url.searchParams.set("lang", "cy");
  else url.searchParams.delete("lang");
  history.replaceState(history.state, "", url);
  // Opening in Welsh, the page has nothing to redo yet (its results come in the page's language).
  if (!opening) page?.onChange(lang);
}

/**
 * The page's own words (`words`: { id or "title": { en, cy } }) and
 * `onChange(lang)`, run after every switch: the page then switches whole.
 * Applies the language the page opened in (`?lang=cy`) at once.
 */
export function languageSwitch(words, onChange = () => {}) {
  page = { words, onChange };
  if (pageLanguage() === "cy") setLanguage("cy", { opening: true });
}

document.getElementById("switch-language").addEventListener("click", () => setLanguage(pageLanguage() === "cy" ? "en" : "cy"));
if (new URLSearchParams(location.search).get("lang") === "cy") setLanguage("cy", { opening: true });

/** Registers the portal's service worker (sw.js), which keeps every page working offline. */
function keepOffline() {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("./sw.js").catch(() => {
      // Without a service worker the portal still works online.
    });
  }
}

// Every page registers it, so that one visit to any page keeps them all.
keepOffline();
