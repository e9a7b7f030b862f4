// The demo portal's cohort page: an analyst chooses (or drops) a cohort file and
// reads the programme report. The pipeline runs in the package's Web Worker
// (community-budget/cohort), so the page stays responsive; the report's HTML
// comes from the engine, which escapes every text it puts in it.
//
// The page's own words are in English and Welsh (the tables below, through the
// shell's languageSwitch); the report, and the engine's sentences the page
// shows (a problem in the file, say), are the engine's, in English, and are
// marked lang="en-GB" inside the Welsh page. Switching language redraws the
// page's words around a report without running the cohort again.
//
// The settings (everything on the form but the cohort file: the rules, the
// date, the prices, the assumptions, the partners' shares) can be saved to a
// file and opened again, and kept as a draft in this browser if the analyst
// asks (www/ui.js keepCase, as on the partners and claim pages).
import { languageSwitch, pageLanguage } from "./shell.js";
import { CohortWorker, bindExports, saveText } from "../pkg/cohort.js";
import { PricingFields, percentToRate, pricesLine, pricesOf } from "../pkg/elements.js";
import { errorMessage, t } from "../pkg/i18n.js";
import { maybe } from "../pkg/case-store.js";
import { el, keepCase } from "./ui.js";

const $ = (id) => document.getElementById(id);

// The Welsh was written for this project and should be reviewed by a Welsh
// speaker in the council before use with the public (as src/js/i18n.js's);
// its terms follow that table and the shell's (teulu/teuluoedd, carfan,
// partneriaid, hawliad, pecyn rheolau).

/** The page's own words, by the id of the node that shows them ("title": the document's). */
export const PAGE = {
  title: { en: "Cohort report – community budget demo portal", cy: "Adroddiad carfan – porth arddangos cyllideb gymunedol" },
  "page-heading": { en: "Cohort report", cy: "Adroddiad carfan" },
  "page-intro": {
    en: "Choose your cohort file: one row per member of each family, exported from your case-management system. Every family is assessed against the programme’s rules and costed by agency, families with an attachment date are claimed for under payment by results, and the programme is appraised with each pooling partner’s return; the report below can be printed, saved, and its tables downloaded.",
    cy: "Dewiswch eich ffeil carfan: un rhes ar gyfer pob aelod o bob teulu, wedi’i hallforio o’ch system rheoli achosion. Caiff pob teulu ei asesu yn erbyn rheolau’r rhaglen a’i gostio fesul asiantaeth, gwneir hawliad o dan daliadau yn ôl canlyniadau ar gyfer y teuluoedd sydd â dyddiad ymuno, a chaiff y rhaglen ei harfarnu gydag enillion pob partner sy’n cyfuno’r gyllideb; gellir argraffu a chadw’r adroddiad isod, a lawrlwytho ei dablau.",
  },
  "template-before": { en: "Use the ", cy: "Defnyddiwch y " },
  "template-link": { en: "template (CSV)", cy: "templed (CSV)" },
  "template-after": {
    en: " for the columns; names, dates of birth and case numbers are not needed, and if your file has them they are not used.",
    cy: " ar gyfer y colofnau; nid oes angen enwau, dyddiadau geni na rhifau achos, ac os oes rhai yn eich ffeil ni chânt eu defnyddio.",
  },
  "cohort-file-label": { en: "Cohort file (CSV)", cy: "Ffeil carfan (CSV)" },
  "cohort-file-hint": {
    en: "Choose the file, or drop it on this box. It stays on this computer.",
    cy: "Dewiswch y ffeil, neu ei gollwng ar y blwch hwn. Mae’n aros ar y cyfrifiadur hwn.",
  },
  "generate-legend": { en: "No file to hand?", cy: "Dim ffeil wrth law?" },
  "generate-hint": {
    en: "Make up a cohort of synthetic families (never real ones) to see the report.",
    cy: "Lluniwch garfan o deuluoedd synthetig (byth rhai go iawn) i weld yr adroddiad.",
  },
  "generate-families-label": { en: "Families", cy: "Teuluoedd" },
  generate: { en: "Make a synthetic cohort", cy: "Llunio carfan synthetig" },
  "pack-legend": { en: "Rules to apply", cy: "Rheolau i’w defnyddio" },
  "pack-2025-label": {
    en: "Families First (from April 2025): the 2022 framework’s family needs; no results payments",
    cy: "Teuluoedd yn Gyntaf (o fis Ebrill 2025): anghenion teuluol fframwaith 2022; dim taliadau yn ôl canlyniadau",
  },
  "pack-2015-label": {
    en: "Phase 2 (2015 to 2020): two of six headline problems",
    cy: "Cam 2 (2015 i 2020): dwy o’r chwe phrif broblem",
  },
  "pack-2012-label": { en: "Phase 1 (2012 to 2015): crime, education and work", cy: "Cam 1 (2012 i 2015): troseddu, addysg a gwaith" },
  "pack-2022-label": {
    en: "Supporting Families (2022 to 2025): three family needs across ten headlines, and the £800 claims",
    cy: "Teuluoedd Cefnogol (2022 i 2025): tri angen teuluol ar draws deg pennawd, a’r hawliadau £800",
  },
  "assessment-date-label": {
    en: "Assessment date, for rows that do not give one",
    cy: "Dyddiad yr asesiad, ar gyfer rhesi nad ydynt yn rhoi un",
  },
  "assessment-date-hint": { en: "For example, 2025-06-30", cy: "Er enghraifft, 2025-06-30" },
  "assumptions-summary": { en: "Assumptions for the savings", cy: "Rhagdybiaethau’r arbedion" },
  "assumptions-intro": {
    en: "Defaults in brackets, with their sources in the report.",
    cy: "Y gwerthoedd diofyn mewn cromfachau, gyda’u ffynonellau yn yr adroddiad.",
  },
  "partners-summary": { en: "Partners pooling the budget", cy: "Partneriaid sy’n cyfuno’r gyllideb" },
  "partners-intro": {
    en: "Each partner pays its share of the programme’s cost and receives the savings of its agencies; the report shows each partner’s return and the transfers that would even them out. The shares add up to 100.",
    cy: "Mae pob partner yn talu ei gyfran o gost y rhaglen ac yn cael arbedion ei asiantaethau; mae’r adroddiad yn dangos enillion pob partner a’r trosglwyddiadau a fyddai’n eu cysoni. Mae’r cyfrannau’n adio i 100.",
  },
  run: { en: "Make the report", cy: "Gwneud yr adroddiad" },
  cancel: { en: "Cancel", cy: "Canslo" },
  "progress-label": { en: "Reading the file", cy: "Darllen y ffeil" },
  print: { en: "Print or save as PDF", cy: "Argraffu neu gadw fel PDF" },
  "save-html": { en: "Download the report (HTML)", cy: "Lawrlwytho’r adroddiad (HTML)" },
  "save-json": { en: "Download every table (JSON)", cy: "Lawrlwytho pob tabl (JSON)" },
  "report-language": {
    en: "The report below is in English: its words are the engine’s.",
    cy: "Mae’r adroddiad isod yn Saesneg: geiriau’r peiriant ydynt.",
  },
  "error-summary-title": { en: "There is a problem", cy: "Mae problem wedi codi" },
  "footer-text": {
    en: "Calculations run on this device; rules from the Troubled Families frameworks (2012 and 2015).",
    cy: "Mae’r cyfrifiadau’n rhedeg ar y ddyfais hon; daw’r rheolau o fframweithiau Teuluoedd Cythryblus (2012 a 2015).",
  },
};

/** The page's sentences, with {placeholders}. */
export const SAY = {
  loading: { en: "Loading the engine…", cy: "Yn llwytho’r peiriant…" },
  ready: { en: "Engine {version} ready.", cy: "Mae’r peiriant {version} yn barod." },
  failed: { en: "The engine could not be loaded: {reason}", cy: "Nid oedd modd llwytho’r peiriant: {reason}" },
  chosen: { en: "Chosen: {name} ({size} bytes)", cy: "Dewiswyd: {name} ({size} beit)" },
  making: { en: "Making the families…", cy: "Yn llunio’r teuluoedd…" },
  starting: { en: "Starting…", cy: "Yn dechrau…" },
  progress: { en: "{rows} read ({share} % of the file)", cy: "{rows} wedi’u darllen ({share} % o’r ffeil)" },
  progressRejected: {
    en: "{rows} read ({share} % of the file), {rejected} not processed so far",
    cy: "{rows} wedi’u darllen ({share} % o’r ffeil), {rejected} heb eu prosesu hyd yma",
  },
  done: { en: "Done: {rows} read in {seconds} seconds.", cy: "Wedi gorffen: darllenwyd {rows} mewn {seconds} eiliad." },
  cancelled: { en: "Cancelled: no report was made.", cy: "Wedi’i ganslo: ni wnaed adroddiad." },
  noFile: { en: "Choose a cohort file.", cy: "Dewiswch ffeil carfan." },
  families: {
    en: "Enter how many families to make: a whole number from 1 to 1,000,000.",
    cy: "Rhowch sawl teulu i’w llunio: rhif cyfan o 1 i 1,000,000.",
  },
  header: { en: "The file’s header: {message}", cy: "Pennawd y ffeil: {message}" },
  row: { en: "{n} row", cy: "{n} rhes" },
  rows: { en: "{n} rows", cy: "{n} o resi" },
  shareLabel: {
    en: "{name} (receives the savings of {agencies}): share of the cost (%)",
    cy: "{name} (yn cael arbedion {agencies}): cyfran o’r gost (%)",
  },
};

/** "Save or open" in the words of settings, not of a case (keepCase's `case.*` texts this page words its own way). */
export const SETTINGS = {
  "case.heading": { en: "Save or open these settings", cy: "Cadw neu agor y gosodiadau hyn" },
  "case.hint": {
    en: "The settings are everything on this form but the cohort file: the rules, the date, the prices, the assumptions and the partners’ shares. Nothing is kept unless you choose to: a settings file is saved where you choose; a draft is kept only in this browser on this device.",
    cy: "Y gosodiadau yw popeth ar y ffurflen hon heblaw’r ffeil carfan: y rheolau, y dyddiad, y prisiau, y rhagdybiaethau a chyfrannau’r partneriaid. Ni chaiff dim ei gadw oni bai eich bod yn dewis hynny: caiff ffeil gosodiadau ei chadw lle rydych yn dewis; caiff drafft ei gadw yn y porwr hwn ar y ddyfais hon yn unig.",
  },
  "case.save": { en: "Save these settings", cy: "Cadw’r gosodiadau hyn" },
  "case.open": { en: "Open saved settings", cy: "Agor gosodiadau a gadwyd" },
  "case.draft": { en: "Keep a draft of these settings on this device", cy: "Cadw drafft o’r gosodiadau hyn ar y ddyfais hon" },
  "case.opened": { en: "Opened the settings file {name}.", cy: "Agorwyd y ffeil gosodiadau {name}." },
  "case.saved": { en: "Saved the settings as {name}.", cy: "Cadwyd y gosodiadau fel {name}." },
  "case.draftOn": {
    en: "A draft of these settings is being kept in this browser on this device.",
    cy: "Mae drafft o’r gosodiadau hyn yn cael ei gadw yn y porwr hwn ar y ddyfais hon.",
  },
  "case.draftOff": { en: "The draft of these settings was removed from this device.", cy: "Tynnwyd drafft y gosodiadau hyn o’r ddyfais hon." },
  "case.restored": { en: "Restored the draft of the settings kept on this device.", cy: "Adferwyd drafft y gosodiadau a gadwyd ar y ddyfais hon." },
  "case.bad": {
    en: "The file {name} is not a settings file this page can open: {reason}",
    cy: "Nid yw’r ffeil {name} yn ffeil gosodiadau y gall y dudalen hon ei hagor: {reason}",
  },
  "case.badShape": {
    en: "it does not have the fields of the cohort settings, or one is not as this page writes it ({field})",
    cy: "nid oes ganddi feysydd gosodiadau’r garfan, neu nid yw un fel y mae’r dudalen hon yn ei ysgrifennu ({field})",
  },
  "case.bad.format": { en: "it is not a community-budget file", cy: "nid yw’n ffeil community-budget" },
  "case.bad.version": { en: "it was saved by a newer version of this page", cy: "cafodd ei chadw gan fersiwn mwy newydd o’r dudalen hon" },
  "case.bad.kind": {
    en: "it was saved by another page, not as the settings of a cohort report ({kind})",
    cy: "cafodd ei chadw gan dudalen arall, nid fel gosodiadau adroddiad carfan ({kind})",
  },
};

// [option, label, default shown, kind]: rates are entered as percentages ("3.5" or "3.5%").
export const ASSUMPTIONS = [
  ["engagement", { en: "Families who take part (%)", cy: "Teuluoedd sy’n cymryd rhan (%)" }, "80", "percent"],
  ["success", {
    en: "Of those, families who achieve the outcome (%)", cy: "O’r rheini, teuluoedd sy’n cyflawni’r canlyniad (%)",
  }, "50", "percent"],
  ["deadweight", {
    en: "Outcomes that would have happened anyway (%)", cy: "Canlyniadau a fyddai wedi digwydd beth bynnag (%)",
  }, "20", "percent"],
  ["reduction", {
    en: "Use of reactive services a family no longer needs (%)",
    cy: "Defnydd o wasanaethau adweithiol nad oes ar y teulu eu hangen mwyach (%)",
  }, "50", "percent"],
  ["durationYears", { en: "Years the saving lasts", cy: "Nifer y blynyddoedd y mae’r arbediad yn para" }, "3", "years"],
  ["dropOff", {
    en: "Saving lost each year after the first (%)", cy: "Yr arbediad a gollir bob blwyddyn ar ôl y gyntaf (%)",
  }, "20", "percent"],
  ["costPerFamily", { en: "Cost of working with a family (£)", cy: "Cost gweithio gyda theulu (£)" }, "10000", "money"],
];

// The pooled budget: [name (the call's, in English, as the report is), its name on the form, agencies
// whose savings it receives (the engine's names), its share of the programme's cost (%)].
// Each agency's savings go to one partner; the shares add up to 100.
export const PARTNERS = [
  ["Council", { en: "Council", cy: "Cyngor" }, "Local Authority", "60"],
  ["Police", { en: "Police", cy: "Heddlu" }, "Police", "20"],
  ["NHS", { en: "NHS", cy: "GIG" }, "NHS", "10"],
  ["Jobcentre Plus", { en: "Jobcentre Plus", cy: "Canolfan Byd Gwaith" }, "DWP", "10"],
  ["Ministry of Justice", { en: "Ministry of Justice", cy: "Y Weinyddiaeth Gyfiawnder" }, "Criminal Justice System", "0"],
];

const PACKS = ["ff-2025", "tf-2015", "tf-2012", "sf-2022"];

// The page opens on today's date under the rules in force today (ff-2025, the first choice), as every page does;
// a cohort of another year chooses its pack and date (or gives each row its own date).
const now = new Date();
if (!$("assessment-date").value) {
  $("assessment-date").value = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
}

// From the portal's folder, inside the service worker's scope (see cohort-worker.js): offline too.
const worker = new CohortWorker({ url: new URL("./cohort-worker.js", import.meta.url) });
let file = null;
let job = null;
let answer = null;
let pricing = null; // the price year, unit-cost table, deflator series and council table (the package's PricingFields)
let discounting = null; // the default discount schedule, as the engine reports it
let kept = { changed() {}, relabel() {} }; // save, open and the draft (keepCase), once the engine is ready

const formats = { en: new Intl.NumberFormat("en-GB"), cy: new Intl.NumberFormat("cy-GB") };
const number = (n, lang = pageLanguage()) => formats[lang].format(n);

// ------------------------------------------------------------------ words

/** Text from the engine inside the page: marked English when the page is Welsh. */
const english = (text) => (pageLanguage() === "cy" ? el("span", { lang: "en-GB", text }) : text);

/**
 * The sentence `key` of SAY in the page's language, as nodes: each value is
 * text, a function of the language (a count, say), or `{ english: text }`
 * (the engine's words, marked as English).
 */
function phrase(key, values = {}) {
  const lang = pageLanguage();
  return SAY[key][lang].split(/\{(\w+)\}/).map((part, i) => {
    if (i % 2 === 0) return part;
    const value = values[part];
    if (typeof value === "function") return value(lang);
    if (value?.english !== undefined) return english(value.english);
    return String(value ?? "");
  });
}

/** "1 row", "2,000 rows" ("1 rhes", "2,000 o resi"). */
const rowsOf = (n) => (lang) => SAY[n === 1 ? "row" : "rows"][lang].replace("{n}", number(n, lang));

// What each status line says now ([key, values]), to say again in the other language.
const said = new Map();
function say(id, key, values) {
  if (key) said.set(id, [key, values]);
  else said.delete(id);
  $(id).replaceChildren(...(key ? phrase(key, values) : []));
}

// ------------------------------------------------------------------- form

function field(id, label) {
  return el("div", { class: "govuk-form-group", id: `${id}-group` },
    el("label", { class: "govuk-label", for: id, id: `${id}-label`, text: label }),
    el("p", { class: "govuk-error-message", id: `${id}-error`, hidden: true }),
    el("input", { class: "govuk-input govuk-input--width-5", id, type: "text", inputmode: "decimal", spellcheck: "false" }));
}

function renderFields() {
  $("assumptions").replaceChildren(...ASSUMPTIONS.map(([key]) => field(`assumption-${key}`, "")));
  $("partners").replaceChildren(...PARTNERS.map((_, i) => field(`partner-${i}-share`, "")));
  for (const [key, , shown] of ASSUMPTIONS) $(`assumption-${key}`).value = shown;
  PARTNERS.forEach(([, , , share], i) => { $(`partner-${i}-share`).value = share; });
  relabel();
}

/** The labels of the assumptions and the partners' shares, in the page's language. */
function relabel() {
  const lang = pageLanguage();
  for (const [key, label, shown] of ASSUMPTIONS) $(`assumption-${key}-label`).textContent = `${label[lang]} [${shown}]`;
  PARTNERS.forEach(([, name, agencies], i) => {
    $(`partner-${i}-share-label`).replaceChildren(...phrase("shareLabel", { name: name[lang], agencies: { english: agencies } }));
  });
}

function options() {
  const appraisal = {};
  for (const [key, , , kind] of ASSUMPTIONS) {
    const value = $(`assumption-${key}`).value.trim();
    if (kind === "percent") appraisal[key] = percentToRate(value);
    else if (kind === "years") appraisal[key] = value;
    else appraisal[key] = value.replace(/,/g, "");
  }
  const date = $("assessment-date").value.trim();
  const partners = PARTNERS.map(([name, , agencies], i) => {
    const share = $(`partner-${i}-share`).value.trim();
    return { name, agencies: [agencies], ...(share ? { share: percentToRate(share) } : {}) };
  });
  return {
    rulePack: document.querySelector('input[name="pack"]:checked').value,
    ...pricing.callFields(),
    ...(date ? { assessmentDate: date } : {}),
    appraisal,
    pool: { partners },
  };
}

// --------------------------------------------------------------- settings

/** The settings as typed: everything on the form but the cohort file. */
function settings() {
  return {
    rulePack: document.querySelector('input[name="pack"]:checked').value,
    assessmentDate: $("assessment-date").value,
    families: $("generate-families").value,
    prices: pricing.callFields(),
    assumptions: Object.fromEntries(ASSUMPTIONS.map(([key]) => [key, $(`assumption-${key}`).value])),
    partners: PARTNERS.map(([name], i) => ({ name, share: $(`partner-${i}-share`).value })),
  };
}

const SCHEMA = {
  rulePack: "text",
  assessmentDate: "text",
  families: "text",
  prices: { baseYear: "text", deflator: "text", unitCostTable: "text?", councilTable: maybe({ name: "text", csv: "text", extends: "text?" }) },
  assumptions: Object.fromEntries(ASSUMPTIONS.map(([key]) => [key, "text"])),
  partners: [{ name: "text", share: "text" }],
};

/** The path of what in well-shaped settings this page could not put on its form (a rule pack, table or partner it does not have), or null. */
function unknownSetting(data) {
  if (!PACKS.includes(data.rulePack)) return ".rulePack";
  const { prices } = data;
  const series = pricing.catalogue.deflators.find((d) => d.id === prices.deflator);
  if (!series) return ".prices.deflator";
  if (!series.years.some((y) => y.year === prices.baseYear)) return ".prices.baseYear";
  const table = prices.councilTable ? prices.councilTable.extends : prices.unitCostTable;
  if ((table !== undefined || !prices.councilTable) && !pricing.catalogue.tables.some((x) => x.id === table)) {
    return prices.councilTable ? ".prices.councilTable.extends" : ".prices.unitCostTable";
  }
  if (data.partners.length !== PARTNERS.length) return ".partners";
  const other = data.partners.findIndex((p, i) => p.name !== PARTNERS[i][0]);
  return other === -1 ? null : `.partners[${other}].name`;
}

/** Puts saved settings on the form (a council's table is read again by the worker's engine). */
async function loadSettings(data) {
  clearErrors();
  for (const radio of document.querySelectorAll('input[name="pack"]')) radio.checked = radio.value === data.rulePack;
  $("assessment-date").value = data.assessmentDate;
  $("generate-families").value = data.families;
  for (const [key] of ASSUMPTIONS) $(`assumption-${key}`).value = data.assumptions[key];
  data.partners.forEach((p, i) => { $(`partner-${i}-share`).value = p.share; });
  await pricing.load(data.prices);
  pricing.node(pageLanguage());
  showPrices(null);
}

// ----------------------------------------------------------------- errors

let errorsShown = null; // the page's errors on show, to write again in the other language

function clearErrors() {
  errorsShown = null;
  $("error-summary").hidden = true;
  $("error-summary-list").replaceChildren();
  document.querySelectorAll(".govuk-form-group--error").forEach((g) => g.classList.remove("govuk-form-group--error"));
  document.querySelectorAll(".govuk-error-message").forEach((p) => { p.hidden = true; p.textContent = ""; });
}

/** The input an error's path is about, if it has one on this page. */
function fieldFor(path = "") {
  if (path === "assessmentDate") return "assessment-date";
  if (path === "@families") return "generate-families";
  const priced = pricing?.fieldFor(path);
  if (priced) return priced;
  const assumption = path.match(/^appraisal\.(\w+)/);
  if (assumption) return `assumption-${assumption[1]}`;
  const partner = path.match(/^pool\.partners\[(\d+)\]/);
  if (partner) return `partner-${partner[1]}-share`;
  if (path.startsWith("pool")) return "partner-0-share";
  return "cohort-file";
}

/**
 * An error's words, as nodes: the page's own (`say`: a SAY key), a sentence of
 * the prices' fields (`lang`: the language it was written in), or the engine's
 * (in Welsh where the package has its words, else English, marked so).
 */
function errorText(e, id) {
  const lang = pageLanguage();
  if (e.say) return phrase(e.say, e.values);
  if (e.lang) return [el("span", { lang: e.lang === "cy" ? "cy-GB" : "en-GB", text: e.message })];
  // A rate refused on a percentage field is asked for as a percentage (the engine's sentence asks for a decimal).
  const percent = e.code === "invalid_rate" && /^(assumption|partner)-/.test(id)
    ? $(`${id}-label`)?.textContent.replace(/ \[.*\]$/, "") : null;
  if (percent) return [t(lang, "percent.error", { field: percent })];
  if (id === "cohort-file" && e.path?.startsWith("header")) return phrase("header", { message: { english: e.message } });
  const text = errorMessage(lang, e);
  return [text === e.message ? english(text) : text];
}

/** Lists `errors` in the summary and at their fields; the summary takes the focus unless `focus` is false. */
function showErrors(errors, { focus = true } = {}) {
  const list = $("error-summary-list");
  for (const e of errors) {
    const id = fieldFor(e.path);
    list.append(el("li", {}, el("a", { href: `#${id}` }, errorText(e, id))));
    $(`${id}-group`)?.classList.add("govuk-form-group--error");
    const message = $(`${id}-error`);
    if (message) {
      if (!message.hidden) message.append(" ");
      message.hidden = false;
      message.append(...errorText(e, id));
    }
  }
  errorsShown = [...(errorsShown ?? []), ...errors];
  $("error-summary").hidden = false;
  if (focus) $("error-summary").focus();
}

// ----------------------------------------------------------------- report

/** The footer names the prices of the last report (or those chosen, before one), in the page's language. */
function showPrices(report) {
  const prices = pricesOf(report) ?? pricing?.prices();
  if (prices) $("footer-prices").textContent = pricesLine(pageLanguage(), { ...prices, discounting });
}

const report = () => (answer?.type === "success" ? answer : null);

/** In Welsh, a line above the report says it is in English (the engine's words). */
function showReportLanguage() {
  $("report-language").hidden = !(report() && $("report-area").childElementCount && pageLanguage() === "cy");
}

function choose(chosen) {
  file = chosen;
  say("chosen-file", chosen ? "chosen" : null, chosen ? { name: chosen.name, size: (lang) => number(chosen.size, lang) } : undefined);
  $("run").disabled = !chosen;
}

function showProgress(p) {
  const share = p.totalBytes ? Math.floor((p.bytes * 100) / p.totalBytes) : 0;
  $("progress").value = share;
  const rejected = p.rejectedRows;
  say("progress-text", rejected ? "progressRejected" : "progress", { rows: rowsOf(p.rows), share, rejected: (lang) => number(rejected, lang) });
}

async function makeReport() {
  clearErrors();
  if (!file) {
    showErrors([{ say: "noFile", path: "" }]);
    return;
  }
  $("report-area").replaceChildren();
  $("report-actions").hidden = true;
  showReportLanguage();
  $("progress-panel").hidden = false;
  $("progress").value = 0;
  say("progress-text", "starting");
  $("run").disabled = true;
  $("cancel").hidden = false;
  const started = performance.now();
  job = worker.run(file, options(), { onProgress: showProgress });
  try {
    answer = await job.result;
    if (answer.type === "failure") {
      $("progress-panel").hidden = true;
      showErrors(answer.errors);
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    $("progress").value = 100;
    const read = answer.report.summary.find((f) => f.key === "rowsRead").value;
    say("progress-text", "done", { rows: rowsOf(read), seconds });
    const area = $("report-area");
    // The engine escapes every text of the report; it has no script or style attributes.
    area.innerHTML = answer.html;
    showPrices(answer);
    $("report-actions").hidden = false;
    showReportLanguage();
    document.documentElement.dataset.report = "ready";
    $("report-title").setAttribute("tabindex", "-1");
    $("report-title").focus();
  } catch (e) {
    if (e.name === "AbortError") {
      say("progress-text", "cancelled");
    } else {
      $("progress-panel").hidden = true;
      showErrors([{ message: e.message, path: "" }]);
    }
  } finally {
    job = null;
    $("run").disabled = !file;
    $("cancel").hidden = true;
  }
}

// -------------------------------------------------------------- language

/** After a switch: every word the page wrote, again in the new language; a report is kept as it is (it is the engine's, in English). */
function changeLanguage(lang) {
  relabel();
  if (pricing) pricing.node(lang);
  // The prices' last announcement was in the other language; it is not said again.
  if ($("pricing-status")) $("pricing-status").textContent = "";
  for (const [id, [key, values]] of said) say(id, key, values);
  // The page's own errors (a refused settings file is keepCase's, which writes it again itself).
  if (errorsShown && !$("error-summary").hidden && $("open-case-error")?.hidden !== false) {
    const errors = errorsShown;
    clearErrors();
    showErrors(errors, { focus: false });
  }
  showPrices(report());
  showReportLanguage();
  kept.relabel();
}

// ----------------------------------------------------------------- start

languageSwitch(PAGE, changeLanguage);
say("engine-status", "loading");
renderFields();
bindExports($("report-area"), new Proxy({}, { get: (_, key) => answer?.[key] }));

$("cohort-file").addEventListener("change", (e) => choose(e.target.files[0] ?? null));
const drop = $("drop-zone");
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("cb-drop--over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("cb-drop--over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("cb-drop--over");
  const dropped = e.dataTransfer.files[0];
  if (dropped) choose(dropped);
});
$("cohort-form").addEventListener("submit", (e) => {
  e.preventDefault();
  makeReport();
});
// Every edit of the settings keeps the draft, if the analyst has asked for one.
$("cohort-form").addEventListener("input", () => kept.changed());
$("cohort-form").addEventListener("change", () => kept.changed());
$("cancel").addEventListener("click", () => job?.cancel());
$("generate").addEventListener("click", async () => {
  clearErrors();
  const families = Number($("generate-families").value.replace(/,/g, ""));
  if (!Number.isInteger(families) || families < 1 || families > 1_000_000) {
    showErrors([{ say: "families", path: "@families" }]);
    return;
  }
  $("generate").disabled = true;
  say("chosen-file", "making");
  try {
    // In parts, so that a large cohort is never one string.
    const parts = [];
    for (let first = 1; first <= families; first += 50_000) {
      const n = Math.min(50_000, families - first + 1);
      // With attachment dates, so that the report shows claims too.
      parts.push(await worker.generate({ families: n, seed: 1, first, header: first === 1, claims: true }));
    }
    choose(new File(parts, `synthetic-cohort-${families}.csv`, { type: "text/csv" }));
  } finally {
    $("generate").disabled = false;
  }
});
// The buttons are hidden until there is a report; should one be pressed before (or after a
// failed run), it does nothing.
$("print").addEventListener("click", () => { if (report()) window.print(); });
$("save-html").addEventListener("click", () => {
  if (report()) saveText(report().standaloneHtml, "programme-report.html", "text/html");
});
$("save-json").addEventListener("click", () => {
  if (report()) saveText(JSON.stringify(report().report, null, 2), "programme-report.json", "application/json");
});

worker.ready.then(async (version) => {
  // The tables and series, a council's table and the default discounting come from the worker's engine.
  const catalogue = await worker.unitCosts();
  if (catalogue.type !== "success") throw new Error(catalogue.errors.map((e) => e.message).join(" "));
  pricing = new PricingFields({
    catalogue,
    read: (call) => worker.readUnitCostTable(call),
    onChange: () => {
      showPrices(null);
      kept.changed();
    },
    onProblem: (message, path) => {
      clearErrors();
      showErrors([{ message, path, lang: pricing.lang }]);
    },
    announce: (text) => { $("pricing-status").textContent = text; },
  });
  await pricing.started();
  $("pricing").replaceChildren(pricing.node(pageLanguage()), el("p", { class: "govuk-visually-hidden", role: "status", id: "pricing-status" }));
  const probe = await worker.appraise({ scenarios: [{ name: "probe", cohort: 0 }] });
  discounting = probe.type === "success" ? probe.parameters.discounting : null;
  showPrices(null);
  kept = keepCase({
    formId: "settings-store", kind: "cohort-settings", schema: SCHEMA, check: unknownSetting, current: settings, load: loadSettings,
    idFor: () => "open-case",
    lang: pageLanguage, words: SETTINGS,
  });
  await kept.restore();
  say("engine-status", "ready", { version });
  $("run").disabled = !file;
  document.documentElement.dataset.ready = "true";
}).catch((e) => {
  say("engine-status", "failed", { reason: { english: e.message } });
});
