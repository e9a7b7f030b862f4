// The demo portal's eligibility page: the package's <community-budget-eligibility>
// element, as a council would put it on a page (it translates itself, and
// offers the built-in rule packs and the council's own). The page adds only
// what is its own: an example family, the language switch, and a footer line
// naming the engine and the rule pack of the last decision, from the
// element's community-budget:answer event.
import { languageSwitch, pageLanguage } from "./shell.js";
import "../pkg/elements.js";
import { confirmThen } from "../pkg/dom.js";

// A mother, 33 on the assessment date, with a mental health problem, on ESA since
// 2014, and a domestic abuse incident at the home in March 2015.
const EXAMPLE = {
  assessmentDate: "2015-06-30",
  members: [{
    name: "Mother", role: "parent", dateOfBirth: "1982-04-04", mentalHealth: true,
    benefits: [{ kind: "esa", from: "2014-01-01" }],
  }],
  domesticAbuse: [{ date: "2015-03-10" }],
};

// The page's own words (the shell and the element translate themselves).
const PAGE = {
  title: {
    en: "Check a family’s eligibility – community budget demo portal",
    cy: "Gwirio cymhwysedd teulu – porth arddangos cyllideb gymunedol",
  },
  "page-heading": { en: "Check a family’s eligibility", cy: "Gwirio cymhwysedd teulu" },
  "page-intro": {
    en: "Enter what you know about the family. The decision, and the reasons for it, update as you type, under the rules in force on the assessment date: the national rules of each phase since 2012 (today, Families First), or your council’s own pack.",
    cy: "Rhowch yr hyn a wyddoch am y teulu. Mae’r penderfyniad, a’r rhesymau drosto, yn diweddaru wrth i chi deipio, o dan y rheolau sydd mewn grym ar ddyddiad yr asesiad: rheolau cenedlaethol pob cam ers 2012 (heddiw, Families First), neu becyn eich cyngor eich hun.",
  },
  "load-example": { en: "Fill in an example family", cy: "Llenwi teulu enghreifftiol" },
  "footer-text": {
    en: "Decisions are worked out on this device from the rule pack shown; each answer carries the pack’s SHA-256.",
    cy: "Caiff penderfyniadau eu gwneud ar y ddyfais hon o’r pecyn rheolau a ddangosir; mae pob ateb yn cario SHA-256 y pecyn.",
  },
};
const FOOTER = {
  en: ({ version, id, sha }) => `community-budget ${version}; rule pack ${id}, SHA-256 ${sha}.`,
  cy: ({ version, id, sha }) => `community-budget ${version}; pecyn rheolau ${id}, SHA-256 ${sha}.`,
};

const element = document.getElementById("eligibility");
let version = "";

/** The footer names the engine and the rule pack of the last decision, in the page's language. */
function showPack() {
  const pack = element.answer?.receipt?.rulePack;
  document.getElementById("footer-version").textContent = pack ? FOOTER[pageLanguage()]({ version, id: pack.id, sha: pack.sha256 }) : "";
}

languageSwitch(PAGE, showPack);
// The example replaces what the officer has typed only once they confirm.
document.getElementById("load-example").addEventListener("click", (e) => {
  confirmThen(e.currentTarget, pageLanguage(), "example", () => element.load(EXAMPLE), element.hasWork);
});
element.addEventListener("community-budget:answer", showPack);
element.addEventListener("community-budget:ready", (e) => {
  version = e.detail.version;
  document.documentElement.dataset.ready = "true";
}, { once: true });
