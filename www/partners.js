// The demo portal's partner-returns page: a pooled budget's returns per
// partner, worked out by the engine's `poolReturns` on every edit.
//
// The page builds one call: an appraisal of the programme (its costs are the
// partners' contributions) and the partners. It never does arithmetic on
// money: every amount on screen is one of the engine's decimal strings; the
// chart places its bars with JS numbers (geometry only) and labels them with
// the engine's strings. Percentages typed become rates by moving the decimal
// point in the text.
//
// Every word the page writes is in English and Welsh (WORDS: the page's HTML,
// which the shell's language switch rewrites; SAY: what the page builds); the
// engine's own sentences (notes, the rebalancing bases, errors with no Welsh
// twin) stay English, marked lang="en-GB". The Welsh was written for this
// project and should be reviewed by a Welsh speaker in the council before use
// with the public.
import { pageLanguage } from "./shell.js";
import init, { appraisalDefaults, poolReturns, version } from "../pkg/community_budget.js";
import { pricesLine, pricesOf } from "../pkg/elements.js";
import { t } from "../pkg/i18n.js";
import { shapeOf } from "../pkg/case-store.js";
import {
  $, announce, answerOf, confirmThen, el, followErrorLinks, formatMoney, formGroup, keepCase, moneyCell, percentToRate, receiptDetails,
  rowList, startPage, svg, table, wordsOf,
} from "./ui.js";

// The page's HTML, by id ("title": the document's title).
export const WORDS = {
  title: { en: "Partner returns – community budget demo portal", cy: "Enillion partneriaid – porth arddangos cyllideb gymunedol" },
  "page-heading": {
    en: "Who pays into the pooled budget, and who gets the savings?",
    cy: "Pwy sy’n talu i mewn i’r gyllideb gyfun, a phwy sy’n cael yr arbedion?",
  },
  "page-intro": {
    en: "A community budget pools money from partners who do not get back what they put in: the council pays for the key worker, the police and the DWP save. Enter what the programme achieves, each partner’s contributions and the agencies whose savings it receives, to see each partner’s return and the transfers that would give every partner a return in proportion to what it put in. The results update as you type.",
    cy: "Mae cyllideb gymunedol yn cyfuno arian gan bartneriaid nad ydynt yn cael yn ôl yr hyn a roddant i mewn: mae’r cyngor yn talu am y gweithiwr allweddol, ac mae’r heddlu a’r Adran Gwaith a Phensiynau (DWP) yn arbed. Rhowch yr hyn y mae’r rhaglen yn ei gyflawni, cyfraniadau pob partner a’r asiantaethau y mae’n cael eu harbedion, i weld enillion pob partner a’r trosglwyddiadau a fyddai’n rhoi enillion i bob partner yn gymesur â’r hyn a roddodd i mewn. Mae’r canlyniadau’n diweddaru wrth i chi deipio.",
  },
  "engine-status": { en: "Loading the calculator…", cy: "Wrthi’n llwytho’r gyfrifiannell…" },
  "load-example": { en: "Fill in an example", cy: "Llenwi enghraifft" },
  "clear-all": { en: "Clear the form", cy: "Clirio’r ffurflen" },
  "programme-legend": { en: "What the programme achieves", cy: "Beth mae’r rhaglen yn ei gyflawni" },
  "programme-hint": {
    en: "How many families take part and succeed, and for how long the savings last. The programme’s costs are the partners’ contributions below.",
    cy: "Faint o deuluoedd sy’n cymryd rhan ac yn llwyddo, ac am ba hyd y mae’r arbedion yn para. Costau’r rhaglen yw cyfraniadau’r partneriaid isod.",
  },
  "values-legend": { en: "What one success saves each agency a year", cy: "Beth mae un llwyddiant yn ei arbed i bob asiantaeth y flwyddyn" },
  "values-hint": {
    en: "The agency that saves, how much a year for each family turned around, the grade of the evidence (weaker evidence cuts the saving more), and the share it can take out of its budget (cashable).",
    cy: "Yr asiantaeth sy’n arbed, faint y flwyddyn am bob teulu sydd wedi’i droi o gwmpas, gradd y dystiolaeth (mae tystiolaeth wannach yn torri’r arbediad yn fwy), a’r gyfran y gall ei thynnu o’i chyllideb (arian parod).",
  },
  "add-value": { en: "Add another agency", cy: "Ychwanegu asiantaeth arall" },
  "partners-legend": { en: "The partners", cy: "Y partneriaid" },
  "partners-hint": {
    en: "Each partner and the agencies whose savings it receives, separated by commas. An agency’s savings go to one partner.",
    cy: "Pob partner a’r asiantaethau y mae’n cael eu harbedion, wedi’u gwahanu gan atalnodau. Mae arbedion asiantaeth yn mynd i un partner.",
  },
  "add-partner": { en: "Add another partner", cy: "Ychwanegu partner arall" },
  "contributions-legend": { en: "What each partner puts in", cy: "Beth mae pob partner yn ei roi i mewn" },
  "contributions-hint": {
    en: "Cash, or staff, premises and services in kind, by year (year 0 is the first year, at its prices).",
    cy: "Arian parod, neu staff, adeiladau a gwasanaethau mewn nwyddau, fesul blwyddyn (blwyddyn 0 yw’r flwyddyn gyntaf, yn ei phrisiau hi).",
  },
  "add-contribution": { en: "Add another contribution", cy: "Ychwanegu cyfraniad arall" },
  "summary-heading": { en: "The pool", cy: "Y gyllideb gyfun" },
  "summary-empty": { en: "Fill in the form, or an example, to see the figures.", cy: "Llenwch y ffurflen, neu enghraifft, i weld y ffigurau." },
  "results-heading": { en: "Each partner’s return", cy: "Enillion pob partner" },
  "results-empty": { en: "The table, chart and transfers appear here.", cy: "Bydd y tabl, y siart a’r trosglwyddiadau’n ymddangos yma." },
  "footer-text": { en: "Calculations run on this device.", cy: "Mae’r cyfrifiadau’n rhedeg ar y ddyfais hon." },
};

// What the page builds: the form's labels, the status lines and the results' sentences.
export const SAY = {
  ready: { en: "Ready: each partner’s return is worked out in this browser as you type.", cy: "Yn barod: caiff enillion pob partner eu cyfrifo yn y porwr hwn wrth i chi deipio." },
  failed: { en: "The calculator could not start: ", cy: "Ni allai’r gyfrifiannell ddechrau: " },
  cohort: { en: "Families in the programme", cy: "Teuluoedd yn y rhaglen" },
  engagement: { en: "Take part", cy: "Yn cymryd rhan" },
  success: { en: "Of those, turned around", cy: "O’r rheini, wedi’u troi o gwmpas" },
  deadweight: { en: "Would have anyway", cy: "Byddai wedi digwydd beth bynnag" },
  duration: { en: "Savings last", cy: "Mae’r arbedion yn para" },
  durationHint: { en: "From year 1", cy: "O flwyddyn 1" },
  years: { en: "years", cy: "blynedd" },
  dropOff: { en: "Fade each year by", cy: "Yn pylu bob blwyddyn o" },
  schedule: { en: "Discount rate", cy: "Cyfradd ddisgowntio" },
  custom: { en: "One rate of your own", cy: "Un gyfradd o’ch dewis chi" },
  rate: { en: "Your rate a year", cy: "Eich cyfradd y flwyddyn" },
  choose: { en: "Choose", cy: "Dewiswch" },
  grade: { en: "Grade {grade}", cy: "Gradd {grade}" },
  agency: { en: "Agency {n}", cy: "Asiantaeth {n}" },
  agencyRow: { en: "agency", cy: "asiantaeth" },
  saves: { en: "Saves a year", cy: "Yn arbed y flwyddyn" },
  evidence: { en: "Evidence", cy: "Tystiolaeth" },
  cashable: { en: "Cashable", cy: "Arian parod" },
  partner: { en: "Partner {n}", cy: "Partner {n}" },
  partnerRow: { en: "partner", cy: "partner" },
  receives: { en: "Receives the savings of", cy: "Yn cael arbedion" },
  contribution: { en: "Contribution {n}: from", cy: "Cyfraniad {n}: gan" },
  contributionRow: { en: "contribution", cy: "cyfraniad" },
  year: { en: "Year", cy: "Blwyddyn" },
  kind: { en: "Kind", cy: "Math" },
  cash: { en: "Cash", cy: "Arian parod" },
  inKind: { en: "In kind", cy: "Mewn nwyddau" },
  amount: { en: "Amount", cy: "Swm" },
  broken: { en: "The calculator could not read the form", cy: "Ni allai’r gyfrifiannell ddarllen y ffurflen" },
  correct: { en: "Correct the problems shown to see the figures.", cy: "Cywirwch y problemau a ddangosir i weld y ffigurau." },
  announce: { en: "The pool returns {roi} for each £1 put in; net {net}.", cy: "Mae’r gyllideb gyfun yn rhoi {roi} am bob £1 a roddir i mewn; net {net}." },
  nothingMeasurable: { en: "nothing measurable", cy: "dim byd mesuradwy" },
  never: { en: "not within the appraisal", cy: "ddim o fewn yr arfarniad" },
  now: { en: "at once", cy: "ar unwaith" },
  inYear: { en: "in year {year} ({years} years)", cy: "ym mlwyddyn {year} ({years} o flynyddoedd)" },
  poolReturn: { en: "Return on the pool", cy: "Enillion y gyllideb gyfun" },
  notDefined: { en: "not defined", cy: "heb ei ddiffinio" },
  putIn: { en: "Put in", cy: "Wedi’i roi i mewn" },
  saved: { en: "Saved", cy: "Wedi’i arbed" },
  net: { en: "Net", cy: "Net" },
  summaryNote: {
    en: "Present values at {year} prices over years 0 to {horizon}; a return is what is saved for each £1 put in.",
    cy: "Gwerthoedd presennol ym mhrisiau {year} dros flynyddoedd 0 i {horizon}; yr enillion yw’r hyn a arbedir am bob £1 a roddir i mewn.",
  },
  partnersCaption: { en: "Each partner: what it puts in and gets back, at present value", cy: "Pob partner: beth mae’n ei roi i mewn a’i gael yn ôl, ar werth presennol" },
  partnerHeading: { en: "Partner", cy: "Partner" },
  putsIn: { en: "Puts in", cy: "Yn rhoi i mewn" },
  getsBack: { en: "Gets back", cy: "Yn cael yn ôl" },
  return: { en: "Return", cy: "Enillion" },
  share: { en: "Share of the pool", cy: "Cyfran o’r gyllideb gyfun" },
  paysBack: { en: "Pays back", cy: "Yn talu’n ôl" },
  outside: { en: "Savings outside the pool (no partner receives them):", cy: "Arbedion y tu allan i’r gyllideb gyfun (nid oes partner yn eu cael):" },
  warning: { en: "Warning", cy: "Rhybudd" },
  scenario: { en: "Scenario", cy: "Senario" },
  nothingIn: {
    en: "No partner puts anything in, so there is nothing to rebalance by.",
    cy: "Nid yw’r un partner yn rhoi dim i mewn, felly nid oes dim i ailgydbwyso yn ei ôl.",
  },
  fiscal: { en: "All fiscal savings", cy: "Pob arbediad cyllidol" },
  cashableOnly: { en: "Cashable savings only", cy: "Arbedion arian parod yn unig" },
  rebalance: { en: "Rebalance", cy: "Ailgydbwyso" },
  rebalancedCaption: {
    en: "After rebalancing {total} in proportion to what each partner put in",
    cy: "Ar ôl ailgydbwyso {total} yn gymesur â’r hyn a roddodd pob partner i mewn",
  },
  itsShare: { en: "Its share", cy: "Ei gyfran" },
  transfer: { en: "Receives (+) or pays (−)", cy: "Yn cael (+) neu’n talu (−)" },
  getsBackAfter: { en: "Gets back after", cy: "Yn cael yn ôl wedyn" },
  netAfter: { en: "Net after", cy: "Net wedyn" },
  returnAfter: { en: "Return after", cy: "Enillion wedyn" },
  payments: { en: "Who pays whom: {n} payments", cy: "Pwy sy’n talu i bwy: {n} taliad" },
  payment: { en: "Who pays whom: 1 payment", cy: "Pwy sy’n talu i bwy: 1 taliad" },
  fewest: { en: " (the fewest possible)", cy: " (y nifer lleiaf posibl)" },
  pays: { en: "{from} pays {to} {amount}", cy: "Mae {from} yn talu {amount} i {to}" },
  nothingToPay: { en: "Nothing to pay: every partner already has its share.", cy: "Dim i’w dalu: mae gan bob partner ei gyfran eisoes." },
  rebalancing: { en: "Rebalancing", cy: "Ailgydbwyso" },
  getsBackRebalanced: { en: "Gets back after rebalancing", cy: "Yn cael yn ôl ar ôl ailgydbwyso" },
  netRebalanced: { en: "Net after rebalancing", cy: "Net ar ôl ailgydbwyso" },
  chartPartner: {
    en: "{name}: puts in {in}, gets back {back}, net {net}; after rebalancing {after}, net {netAfter}.",
    cy: "{name}: yn rhoi {in} i mewn, yn cael {back} yn ôl, net {net}; ar ôl ailgydbwyso {after}, net {netAfter}.",
  },
  chartCaption: {
    en: "Each partner before and after rebalancing ({basis}), at present value",
    cy: "Pob partner cyn ac ar ôl ailgydbwyso ({basis}), ar werth presennol",
  },
};
const say = wordsOf(SAY);


// The four-partner pool of tests/fixtures/pool.json: a 25 % discount rate keeps
// every figure exact (year 1 × 0.8, year 2 × 0.64).
const EXAMPLE = {
  schedule: "custom", rate: "25", cohort: "100", engagement: "100", success: "50", deadweight: "0",
  duration: "2", dropOff: "0",
  values: [
    { agency: "Police", amount: "1000", grade: "1", cashable: "50" },
    { agency: "NHS", amount: "400", grade: "1", cashable: "" },
    { agency: "Local Authority", amount: "600", grade: "1", cashable: "25" },
    { agency: "DWP", amount: "1000", grade: "1", cashable: "100" },
  ],
  partners: [
    { name: "Council", agencies: "Local Authority" },
    { name: "Police", agencies: "Police" },
    { name: "NHS trust", agencies: "NHS" },
    { name: "Jobcentre Plus", agencies: "DWP" },
  ],
  contributions: [
    { partner: "0", year: "0", kind: "cash", amount: "60000" },
    { partner: "0", year: "1", kind: "inKind", amount: "20000" },
    { partner: "1", year: "0", kind: "cash", amount: "20000" },
    { partner: "2", year: "0", kind: "inKind", amount: "10000" },
    { partner: "3", year: "1", kind: "cash", amount: "12500" },
  ],
  basis: "fiscal",
};

const EMPTY = {
  schedule: "greenBook", rate: "", cohort: "", engagement: "", success: "", deadweight: "", duration: "", dropOff: "0",
  values: [{ agency: "", amount: "", grade: "", cashable: "" }],
  partners: [{ name: "", agencies: "" }],
  contributions: [{ partner: "0", year: "0", kind: "cash", amount: "" }],
  basis: "fiscal",
};

// What a case file or draft holds: the form as typed, shaped like the empty form.
const SCHEMA = shapeOf(EMPTY);

let state = structuredClone(EMPTY);
let kept = { changed() {}, relabel() {} };
const hasWork = () => JSON.stringify(state) !== JSON.stringify(EMPTY);
let grades = [];
let lastAnswer = null;
const schedules = {}; // each built-in discount schedule as the engine reports it (for the footer)
let defaults = null; // the prices a call that names none is in: today's money

// ------------------------------------------------------------------- form

function input(id, value, onInput, { width = "govuk-input--width-5", mode, suffix, prefix } = {}) {
  const field = el("input", {
    class: `govuk-input ${width}`, id, value, autocomplete: "off", spellcheck: "false", inputmode: mode,
    oninput: (e) => { onInput(e.target.value); recalculate(); },
  });
  if (!suffix && !prefix) return field;
  return el("div", { class: "govuk-input__wrapper" },
    prefix ? el("div", { class: "govuk-input__prefix", "aria-hidden": "true", text: prefix }) : null,
    field,
    suffix ? el("div", { class: "govuk-input__suffix", "aria-hidden": "true", text: suffix }) : null);
}

function select(id, value, options, onChange) {
  const node = el("select", { class: "govuk-select", id, onchange: (e) => { onChange(e.target.value); recalculate(); } });
  for (const [v, text] of options) node.append(el("option", { value: v, text }));
  node.value = value;
  return node;
}

function renderProgramme() {
  const percent = (id, key, label) => formGroup(id, label, input(id, state[key], (v) => { state[key] = v; }, { width: "govuk-input--width-3", mode: "decimal", suffix: "%" }));
  $("programme").replaceChildren(
    el("div", { class: "cb-row" },
      formGroup("cohort", say("cohort"), input("cohort", state.cohort, (v) => { state.cohort = v; }, { mode: "numeric" })),
      percent("engagement", "engagement", say("engagement")),
      percent("success", "success", say("success")),
      percent("deadweight", "deadweight", say("deadweight"))),
    el("div", { class: "cb-row" },
      formGroup("duration", say("duration"), input("duration", state.duration, (v) => { state.duration = v; }, { width: "govuk-input--width-3", mode: "numeric", suffix: say("years") }), { hint: say("durationHint") }),
      percent("drop-off", "dropOff", say("dropOff"))),
    el("div", { class: "cb-row" },
      formGroup("schedule", say("schedule"), select("schedule", state.schedule, [
        ...["greenBook", "health", "sensitivity"].map((k) => [k, t(pageLanguage(), `app.schedule.${k}`)]),
        ["custom", say("custom")],
      ], (v) => { state.schedule = v; renderProgramme(); })),
      state.schedule === "custom" ? percent("rate", "rate", say("rate")) : null),
  );
}

/** The rows of a list; removing one redraws the lists and recalculates. */
function rows(container, list, make, label, focusIndex) {
  rowList(container, list, make, label, focusIndex, () => { renderLists(); recalculate(); });
}

function renderValues(focusIndex) {
  const gradeOptions = [["", say("choose")], ...grades.map((g) => [String(g.grade), say("grade", { grade: g.grade })])];
  rows("values", state.values, (v, i) => [
    formGroup(`value-${i}-agency`, say("agency", { n: i + 1 }), input(`value-${i}-agency`, v.agency, (x) => { v.agency = x; }, { width: "govuk-input--width-10" })),
    formGroup(`value-${i}-amount`, say("saves"), input(`value-${i}-amount`, v.amount, (x) => { v.amount = x.trim(); }, { width: "govuk-input--width-5", mode: "decimal", prefix: "£" })),
    formGroup(`value-${i}-grade`, say("evidence"), select(`value-${i}-grade`, v.grade, gradeOptions, (x) => { v.grade = x; })),
    formGroup(`value-${i}-cashable`, say("cashable"), input(`value-${i}-cashable`, v.cashable, (x) => { v.cashable = x; }, { width: "govuk-input--width-3", mode: "decimal", suffix: "%" })),
  ], say("agencyRow"), focusIndex);
}

function renderPartners(focusIndex) {
  rows("partners", state.partners, (p, i) => [
    formGroup(`partner-${i}-name`, say("partner", { n: i + 1 }), input(`partner-${i}-name`, p.name, (x) => { p.name = x; renderContributions(); }, { width: "govuk-input--width-10" })),
    formGroup(`partner-${i}-agencies`, say("receives"), input(`partner-${i}-agencies`, p.agencies, (x) => { p.agencies = x; }, { width: "govuk-input--width-20" })),
  ], say("partnerRow"), focusIndex);
}

function renderContributions(focusIndex) {
  const partnerOptions = state.partners.map((p, i) => [String(i), p.name || say("partner", { n: i + 1 })]);
  rows("contributions", state.contributions, (c, i) => [
    formGroup(`contribution-${i}-partner`, say("contribution", { n: i + 1 }), select(`contribution-${i}-partner`, c.partner, partnerOptions, (x) => { c.partner = x; })),
    formGroup(`contribution-${i}-year`, say("year"), input(`contribution-${i}-year`, c.year, (x) => { c.year = x; }, { width: "govuk-input--width-3", mode: "numeric" })),
    formGroup(`contribution-${i}-kind`, say("kind"), select(`contribution-${i}-kind`, c.kind, [["cash", say("cash")], ["inKind", say("inKind")]], (x) => { c.kind = x; })),
    formGroup(`contribution-${i}-amount`, say("amount"), input(`contribution-${i}-amount`, c.amount, (x) => { c.amount = x.trim(); }, { width: "govuk-input--width-10", mode: "decimal", prefix: "£" })),
  ], say("contributionRow"), focusIndex);
}

function renderLists() {
  renderValues();
  renderPartners();
  renderContributions();
}

// ------------------------------------------------------------ calculating

const blank = (row, keys) => keys.every((k) => (row[k] ?? "") === "");

/** The call, and where each of its rows came from in the form. */
function buildCall() {
  const valueRows = [];
  const values = [];
  const cashable = [];
  const cashableRows = [];
  state.values.forEach((v, i) => {
    if (blank(v, ["agency", "amount", "grade", "cashable"])) return;
    valueRows.push(i);
    const value = { description: `Savings to ${v.agency.trim() || "an agency"}`, agency: v.agency, amount: v.amount };
    if (v.grade) value.grade = Number(v.grade);
    values.push(value);
    if (v.cashable.trim()) {
      cashableRows.push(i);
      cashable.push({ agency: v.agency, share: percentToRate(v.cashable) });
    }
  });
  const partnerRows = [];
  const partners = [];
  state.partners.forEach((p, i) => {
    if (blank(p, ["name", "agencies"])) return;
    partnerRows.push(i);
    partners.push({ name: p.name, agencies: p.agencies.split(",").map((a) => a.trim()).filter(Boolean), contributions: [] });
  });
  const contributionRows = []; // [partner index in call][contribution index] → form row
  const costs = [];
  const costRows = [];
  state.contributions.forEach((c, i) => {
    if (blank(c, ["amount"])) return;
    const p = partnerRows.indexOf(Number(c.partner));
    if (p < 0) return;
    partners[p].contributions.push({ year: c.year, amount: c.amount, kind: c.kind });
    (contributionRows[p] ??= []).push(i);
    costs.push({ year: c.year, funder: partners[p].name || `Partner ${p + 1}`, amount: c.amount });
    costRows.push(i);
  });
  const discounting = state.schedule === "custom"
    ? { schedule: "custom", bands: [{ fromYear: 0, rate: percentToRate(state.rate) }] }
    : { schedule: state.schedule };
  // No price year: the deflator series' latest outturn year, today's money.
  const appraisal = {
    discounting,
    scenarios: [{
      name: "The programme", cohort: state.cohort, costs,
      outcomes: [{
        name: "Family turned around", engagement: percentToRate(state.engagement), success: percentToRate(state.success),
        deadweight: percentToRate(state.deadweight), durationYears: state.duration, dropOff: percentToRate(state.dropOff),
        values, cashable,
      }],
    }],
  };
  return { call: { appraisal, partners }, places: { valueRows, cashableRows, partnerRows, contributionRows, costRows } };
}

const OUTCOME_FIELDS = { engagement: "engagement", success: "success", deadweight: "deadweight", durationYears: "duration", dropOff: "drop-off" };

/** The id of the input an error path points at. */
function fieldFor(path, places) {
  const p = path ?? "";
  let m = /^partners\[(\d+)\]\.contributions\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `contribution-${places.contributionRows[Number(m[1])]?.[Number(m[2])] ?? 0}-${m[3]}`;
  m = /^partners\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `partner-${places.partnerRows[Number(m[1])] ?? 0}-${m[2] === "agencies" ? "agencies" : "name"}`;
  m = /^appraisal\.scenarios\[0\]\.costs\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `contribution-${places.costRows[Number(m[1])] ?? 0}-${m[2] === "funder" ? "partner" : m[2]}`;
  m = /^appraisal\.scenarios\[0\]\.outcomes\[0\]\.values\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `value-${places.valueRows[Number(m[1])] ?? 0}-${m[2] === "description" ? "agency" : m[2]}`;
  m = /^appraisal\.scenarios\[0\]\.outcomes\[0\]\.cashable\[(\d+)\]/.exec(p);
  if (m) return `value-${places.cashableRows[Number(m[1])] ?? 0}-cashable`;
  m = /^appraisal\.scenarios\[0\]\.outcomes\[0\]\.(\w+)/.exec(p);
  if (m) return OUTCOME_FIELDS[m[1]] ?? "cohort";
  if (p.startsWith("appraisal.discounting")) return state.schedule === "custom" ? "rate" : "schedule";
  if (p.startsWith("partners")) return "partner-0-name";
  return "cohort";
}

/** The footer names the prices of the last answer (or today's money), and the discounting chosen. */
function showPrices(answer) {
  const prices = pricesOf(answer) ?? defaults;
  if (!prices) return;
  const discounting = state.schedule === "custom" ? { schedule: "custom" } : schedules[state.schedule];
  $("footer-prices").textContent = pricesLine(pageLanguage(), { ...prices, discounting });
}

function recalculate() {
  const { call, places } = buildCall();
  kept.changed();
  showPrices(null);
  const answer = answerOf({
    empty: JSON.stringify(state) === JSON.stringify(EMPTY),
    placeholders: [WORDS["summary-empty"][pageLanguage()], WORDS["results-empty"][pageLanguage()]],
    compute: () => poolReturns(call),
    broken: say("broken"),
    idFor: (path) => fieldFor(path, places),
    correct: say("correct"),
    onAnswer: (got) => { lastAnswer = got; showPrices(got); },
  });
  if (!answer) return;
  render(answer);
  announce(say("announce", { roi: answer.pool.roi ?? say("nothingMeasurable"), net: formatMoney(answer.pool.netPv) }));
}

// -------------------------------------------------------------- rendering

function paybackText(p) {
  if (p.status === "never") return say("never");
  return p.year === 0 ? say("now") : say("inYear", { year: p.year, years: p.years });
}

const cell = (text, attrs = {}) => el("td", { class: "govuk-table__cell", ...attrs, text });
const numeric = (text, attrs = {}) => cell(text, { class: "govuk-table__cell govuk-table__cell--numeric", ...attrs });
const header = (text) => el("th", { scope: "row", class: "govuk-table__header", text });

function summaryRow(key, value, id) {
  return el("div", { class: "govuk-summary-list__row" },
    el("dt", { class: "govuk-summary-list__key", text: key }),
    el("dd", { class: "govuk-summary-list__value", id, text: value }));
}

function render(answer) {
  const pool = answer.pool;
  $("summary").replaceChildren(
    el("p", { class: "govuk-body" }, say("poolReturn"),
      el("strong", { class: "govuk-!-font-size-36 cb-figure", id: "pool-roi", text: pool.roi ?? say("notDefined") })),
    el("dl", { class: "govuk-summary-list" },
      summaryRow(say("putIn"), formatMoney(pool.contribution.pv), "pool-in"),
      summaryRow(say("saved"), formatMoney(pool.benefit.pv), "pool-saved"),
      summaryRow(say("net"), formatMoney(pool.netPv), "pool-net"),
      summaryRow(say("cashable"), formatMoney(pool.benefit.cashablePv), "pool-cashable")),
    el("p", { class: "govuk-body-s", id: "pool-note", text: say("summaryNote", { year: answer.baseYear, horizon: answer.horizon }) }),
  );

  const partnerTable = table(
    "partner-returns",
    say("partnersCaption"),
    [[say("partnerHeading")], [say("receives")], [say("putsIn"), true], [say("getsBack"), true], [say("cashable"), true], [say("net"), true],
      [say("return"), true], [say("share"), true], [say("paysBack")]],
    answer.partners.map((p) => el("tr", { class: "govuk-table__row" },
      header(p.name),
      cell(p.agencies.join(", ") || "—"),
      moneyCell(p.contribution.pv),
      moneyCell(p.benefit.pv),
      moneyCell(p.benefit.cashablePv),
      moneyCell(p.netPv),
      numeric(p.roi ?? "—"),
      numeric(p.sharePercent === null ? "—" : `${p.sharePercent}%`),
      cell(paybackText(p.payback)))),
  );

  const outside = answer.outside.length ? el("div", { class: "govuk-inset-text", id: "outside" },
    el("p", { class: "govuk-body", text: say("outside") }),
    el("ul", { class: "govuk-list govuk-list--bullet" }, answer.outside.map((o) => el("li", { text: `${o.agency}: ${formatMoney(o.benefitPv)}` })))) : null;

  const notes = answer.notes.length ? el("div", { class: "govuk-warning-text" },
    el("span", { class: "govuk-warning-text__icon", "aria-hidden": "true", text: "!" }),
    el("div", { class: "govuk-warning-text__text" },
      el("span", { class: "govuk-visually-hidden", text: say("warning") }),
      el("ul", { class: "govuk-list", id: "notes" }, answer.notes.map((n) => el("li", { lang: "en-GB", text: n.message }))))) : null;

  // The scenario's name is the call's own (English), as the receipt reproduces it.
  const receipt = receiptDetails(answer.receipt, [[say("scenario"), answer.scenario, "receipt-scenario"]]);
  receipt.querySelector("#receipt-scenario")?.setAttribute("lang", "en-GB");
  $("results").replaceChildren(...[
    partnerTable,
    outside,
    rebalancingSection(answer),
    notes,
    receipt,
  ].filter(Boolean));
}

function rebalancingSection(answer) {
  if (!answer.rebalancing.length) {
    return el("p", { class: "govuk-body", id: "rebalancing", text: say("nothingIn") });
  }
  const chosen = answer.rebalancing.find((r) => r.basis === state.basis) ?? answer.rebalancing[0];
  const radios = el("div", { class: "govuk-radios govuk-radios--inline", "data-module": "govuk-radios" },
    answer.rebalancing.map((r) => el("div", { class: "govuk-radios__item" },
      el("input", {
        class: "govuk-radios__input", id: `basis-${r.basis}`, name: "basis", type: "radio", value: r.basis,
        checked: r.basis === chosen.basis,
        onchange: () => { state.basis = r.basis; render(lastAnswer); $(`basis-${r.basis}`).focus(); },
      }),
      el("label", { class: "govuk-label govuk-radios__label", for: `basis-${r.basis}`, text: say(r.basis === "fiscal" ? "fiscal" : "cashableOnly") }))));
  const basis = el("div", { class: "govuk-form-group" },
    el("fieldset", { class: "govuk-fieldset", "aria-describedby": "basis-hint" },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s", text: say("rebalance") }),
      el("div", { class: "govuk-hint", id: "basis-hint", lang: "en-GB", text: chosen.description }),
      radios));
  const rebalanced = table(
    "rebalanced",
    say("rebalancedCaption", { total: formatMoney(chosen.total) }),
    [[say("partnerHeading")], [say("itsShare"), true], [say("transfer"), true], [say("getsBackAfter"), true], [say("netAfter"), true], [say("returnAfter"), true]],
    chosen.partners.map((p) => el("tr", { class: "govuk-table__row" },
      header(p.name), moneyCell(p.target), moneyCell(p.transfer), moneyCell(p.benefitAfter), moneyCell(p.netAfter), numeric(p.roiAfter ?? "—"))),
  );
  const settlement = el("div", {},
    el("h3", { class: "govuk-heading-s", id: "payments-heading",
      text: `${say(chosen.transfers.length === 1 ? "payment" : "payments", { n: chosen.transfers.length })}${chosen.fewest ? say("fewest") : ""}` }),
    chosen.transfers.length
      ? el("ul", { class: "govuk-list govuk-list--bullet", id: "transfers" },
        chosen.transfers.map((p) => el("li", { text: say("pays", { from: p.from, to: p.to, amount: formatMoney(p.amount) }) })))
      : el("p", { class: "govuk-body", id: "transfers", text: say("nothingToPay") }));
  return el("section", { id: "rebalancing", "aria-labelledby": "rebalancing-heading" },
    el("h2", { class: "govuk-heading-m", id: "rebalancing-heading", text: say("rebalancing") }),
    basis, chart(answer, chosen), rebalanced, settlement);
}

// ----------------------------------------------------------------- chart

const WIDTH = 640;
const HEIGHT = 280;
const PAD = { left: 16, right: 16, top: 16, bottom: 40 };
// Each series and its name's key in SAY.
const SERIES = [
  ["contribution", "putsIn"],
  ["benefit", "getsBack"],
  ["net", "net"],
  ["benefitAfter", "getsBackRebalanced"],
  ["netAfter", "netRebalanced"],
];

/** Each partner's contribution, benefit and net, before and after rebalancing: grouped bars around zero. */
function chart(answer, chosen) {
  const figures = answer.partners.map((p, i) => ({
    name: p.name,
    contribution: p.contribution.pv,
    benefit: p.benefit.pv,
    net: p.netPv,
    benefitAfter: chosen.partners[i].benefitAfter,
    netAfter: chosen.partners[i].netAfter,
  }));
  const numbers = figures.flatMap((f) => SERIES.map(([key]) => Number(f[key])));
  const hi = Math.max(...numbers, 0);
  const lo = Math.min(...numbers, 0);
  const span = hi - lo || 1;
  const y = (v) => PAD.top + ((hi - v) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const group = (WIDTH - PAD.left - PAD.right) / figures.length;
  const bar = (group * 0.8) / SERIES.length;
  const bars = figures.map((f, g) => [
    SERIES.map(([key, name], s) => {
      const v = Number(f[key]);
      const top = Math.min(y(v), y(0));
      return svg("rect", {
        class: `cb-series-${s}`, x: (PAD.left + g * group + group * 0.1 + s * bar).toFixed(1), y: top.toFixed(1),
        width: (bar * 0.9).toFixed(1), height: Math.max(Math.abs(y(v) - y(0)), 0.5).toFixed(1),
        "data-partner": f.name, "data-series": key,
      }, svg("title", { text: `${f.name}, ${say(name).toLowerCase()}: ${formatMoney(f[key])}` }));
    }),
    svg("text", { class: "cb-axis-label", x: (PAD.left + (g + 0.5) * group).toFixed(1), y: HEIGHT - 16, "text-anchor": "middle", text: f.name }),
  ]);
  const node = svg("svg", {
    id: "chart-partners", class: "cb-chart__svg", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-labelledby": "chart-partners-caption chart-partners-desc",
  },
  svg("desc", { id: "chart-partners-desc", text: figures.map((f) => say("chartPartner", {
    name: f.name, in: formatMoney(f.contribution), back: formatMoney(f.benefit), net: formatMoney(f.net),
    after: formatMoney(f.benefitAfter), netAfter: formatMoney(f.netAfter),
  })).join(" ") }),
  bars,
  svg("line", { class: "cb-axis cb-zero", id: "zero-line", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0).toFixed(1), y2: y(0).toFixed(1) }));
  const legend = el("ul", { class: "cb-legend govuk-list" }, SERIES.map(([, name], s) => el("li", {},
    el("span", { class: `cb-swatch cb-series-${s}`, "aria-hidden": "true" }), say(name))));
  return el("figure", { class: "cb-chart" },
    el("figcaption", { class: "govuk-body govuk-!-font-weight-bold", id: "chart-partners-caption", text: say("chartCaption", { basis: say(chosen.basis === "fiscal" ? "fiscal" : "cashableOnly").toLowerCase() }) }),
    node, legend);
}

// ---------------------------------------------------------------- start up

function load(next) {
  state = structuredClone(next);
  renderProgramme();
  renderLists();
  recalculate();
}

async function main() {
  await init();
  // The optimism-bias grades, the discount schedules and today's money: the engine's own defaults.
  const given = appraisalDefaults();
  grades = given.type === "success" ? given.optimismBias.grades : [];
  for (const schedule of given.type === "success" ? given.schedules : []) schedules[schedule.schedule] = schedule;
  defaults = pricesOf(given);
  showPrices(null);
  $("footer-version").textContent = `community-budget ${version()}`;
  // Filling in the example or clearing the form replaces the officer's work only once they confirm.
  $("load-example").addEventListener("click", (e) => confirmThen(e.currentTarget, pageLanguage(), "example", () => load(EXAMPLE), hasWork()));
  $("clear-all").addEventListener("click", (e) => confirmThen(e.currentTarget, pageLanguage(), "clear", () => { load(EMPTY); $("cohort").focus(); }, hasWork()));
  $("add-value").addEventListener("click", () => { state.values.push({ agency: "", amount: "", grade: "", cashable: "" }); renderValues(state.values.length - 1); });
  $("add-partner").addEventListener("click", () => { state.partners.push({ name: "", agencies: "" }); renderPartners(state.partners.length - 1); renderContributions(); });
  $("add-contribution").addEventListener("click", () => { state.contributions.push({ partner: "0", year: "0", kind: "cash", amount: "" }); renderContributions(state.contributions.length - 1); });
  $("pool-form").addEventListener("submit", (e) => e.preventDefault());
  followErrorLinks();
  load(EMPTY);
  kept = keepCase({ formId: "pool-form", kind: "partners", schema: SCHEMA, current: () => state, load, idFor: (path) => fieldFor(path, buildCall().places) });
  await kept.restore();
}

// The page in the language it opened in, then the engine; a switch writes the form and the results again.
startPage({ words: WORDS, ready: SAY.ready, failed: SAY.failed, start: main, redraw: () => {
    renderProgramme();
    renderLists();
    kept.relabel();
    recalculate();
  } });
