// The whole-place page: a place file (themes, partners, costs, outcomes, each
// number with its source) appraised by the engine's `appraisePlace` on every
// change. Uses the package's place module only. Value for money is shown as
// the Green Book 2026 reads it: net present value, returns, payback and who
// benefits (each partner) side by side; a checkbox adds the Green Book 2026
// sensitivity test (no pure time preference) beside the central case.
//
// The page never does arithmetic on money: every amount on screen is one of
// the engine's decimal strings; the charts place their bars with JS numbers
// (geometry only) and label them with the engine's strings.
//
// In English or Welsh (the shell's switch, or `?lang=cy`): every word the page
// writes is in WORDS (static texts, by id) or TEXT (what the page composes);
// the engine's own sentences (the rule, the rebalancing, notes, its error
// messages) stay English and are marked lang="en-GB"; what the place file holds
// (names, sources) is shown as written. The Welsh was written for this project
// and should be reviewed by a Welsh speaker in the council before use with the public.
import { languageSwitch, pageLanguage } from "./shell.js";
import init, { appraisePlace, combinePlaces, examplePlace, version } from "../pkg/community_budget_place.js";
import { caseFile, download, pricesLine, pricesOf, readCaseFile } from "../pkg/elements.js";
import { input, select } from "../pkg/dom.js";
import {
  $, announce, clearErrors, confirmThen, el, english, followErrorLinks, formatMoney, formGroup, moneyCell, percentToRate, rateToPercent, receiptDetails,
  rowList, showErrors, svg, table, wordLine, wordsOf,
} from "./ui.js";

const KIND = "place-scenario";

// The page's static words, by the id of the node that shows them (see shell.js's languageSwitch).
export const WORDS = {
  title: { en: "Whole-place appraisal – community budget demo portal", cy: "Arfarniad lle cyfan – porth arddangos cyllideb gymunedol" },
  "page-heading": { en: "Appraise a whole place", cy: "Arfarnu lle cyfan" },
  "page-intro": {
    en: "A whole-place community budget brings the funding of several services in an area into one business case: families with complex needs, health and social care, work and skills, reducing reoffending. Each theme is appraised on its own; the place is their sum, and each partner sees what it pays and what its agencies save. Open a place file, or start from the built-in example; the figures update as you change them.",
    cy: "Mae cyllideb gymunedol lle cyfan yn dod â chyllid sawl gwasanaeth mewn ardal ynghyd mewn un achos busnes: teuluoedd ag anghenion cymhleth, iechyd a gofal cymdeithasol, gwaith a sgiliau, lleihau aildroseddu. Caiff pob thema ei harfarnu ar ei phen ei hun; y lle yw eu swm, ac mae pob partner yn gweld beth mae’n ei dalu a beth mae ei asiantaethau’n ei arbed. Agorwch ffeil lle, neu dechreuwch o’r enghraifft sydd wedi’i chynnwys; mae’r ffigurau’n diweddaru wrth i chi eu newid.",
  },
  "load-example": { en: "Start from the example place", cy: "Dechrau o’r lle enghreifftiol" },
  "save-place": { en: "Save the place to a file", cy: "Cadw’r lle mewn ffeil" },
  "open-place-label": { en: "Open a place file", cy: "Agor ffeil lle" },
  "open-place-hint": {
    en: "A file saved from this page, or a place file such as data/places/example-place.json.",
    cy: "Ffeil a gadwyd o’r dudalen hon, neu ffeil lle fel data/places/example-place.json.",
  },
  "result-heading": { en: "The place", cy: "Y lle" },
  "result-empty": {
    en: "Open a place file or start from the example to see the appraisal.",
    cy: "Agorwch ffeil lle neu dechreuwch o’r enghraifft i weld yr arfarniad.",
  },
  "compare-heading": { en: "Compare places", cy: "Cymharu lleoedd" },
  "compare-intro": {
    en: "Open the files of other places to see this place beside them, as a national review would: the totals, each place’s share, and the spread between places.",
    cy: "Agorwch ffeiliau lleoedd eraill i weld y lle hwn wrth eu hochr, fel y byddai adolygiad cenedlaethol yn ei wneud: y cyfansymiau, cyfran pob lle, a’r amrywiad rhwng lleoedd.",
  },
  "compare-places-label": { en: "Other place files", cy: "Ffeiliau lleoedd eraill" },
  "footer-text": {
    en: "Calculations run on this device. How the place is worked out is stated with every appraisal.",
    cy: "Mae’r cyfrifiadau’n rhedeg ar y ddyfais hon. Nodir sut y cyfrifir y lle gyda phob arfarniad.",
  },
};

// What the page composes: the form's labels and hints, the results, status lines and messages.
export const TEXT = {
  loading: { en: "Loading the engine…", cy: "Wrthi’n llwytho’r injan…" },
  ready: { en: "Ready (engine {version}).", cy: "Yn barod (injan {version})." },
  failed: { en: "The page could not start: ", cy: "Nid oedd modd cychwyn y dudalen: " },
  // The form
  "place.name": { en: "Name of the place", cy: "Enw’r lle" },
  horizon: { en: "Years appraised", cy: "Blynyddoedd yr arfarniad" },
  "horizon.hint": {
    en: "After the base year, 1 to 30; whole-place business cases look five years ahead.",
    cy: "Ar ôl y flwyddyn sylfaen, 1 i 30; mae achosion busnes lle cyfan yn edrych bum mlynedd ymlaen.",
  },
  partners: { en: "Partners", cy: "Partneriaid" },
  "partners.hint": {
    en: "Who pays for the themes, and whose agencies' savings each receives. A cost names its partner by the short id.",
    cy: "Pwy sy’n talu am y themâu, ac arbedion asiantaethau pwy y mae pob un yn eu cael. Mae cost yn enwi ei phartner wrth ei ddynodydd byr.",
  },
  "partner.id": { en: "Partner {n}: short id", cy: "Partner {n}: dynodydd byr" },
  "partner.name": { en: "Name", cy: "Enw" },
  "partner.context": { en: "Partner {n}", cy: "Partner {n}" },
  "partner.agencies": { en: "Receives the savings of", cy: "Yn cael arbedion" },
  "partner.agencies.hint": { en: "Agencies, separated by commas", cy: "Asiantaethau, wedi’u gwahanu â chomas" },
  "partner.row": { en: "partner", cy: "partner" },
  "partner.add": { en: "Add a partner", cy: "Ychwanegu partner" },
  "partner.choose": { en: "Choose a partner", cy: "Dewiswch bartner" },
  cohort: { en: "People or families the theme works with", cy: "Pobl neu deuluoedd y mae’r thema’n gweithio gyda nhw" },
  costs: { en: "Costs", cy: "Costau" },
  "costs.hint": {
    en: "A cost for each family is multiplied by the families above, so it grows with them; a fixed cost stays the same whatever the number of families. Amounts are at the place's base-year prices.",
    cy: "Caiff cost ar gyfer pob teulu ei lluosi â’r teuluoedd uchod, felly mae’n cynyddu gyda nhw; mae cost sefydlog yn aros yr un fath beth bynnag fo nifer y teuluoedd. Mae’r symiau ym mhrisiau blwyddyn sylfaen y lle.",
  },
  "cost.year": { en: "Cost {n}: year", cy: "Cost {n}: blwyddyn" },
  "cost.partner": { en: "Paid by", cy: "Pwy sy’n talu" },
  "cost.amount": { en: "Amount", cy: "Swm" },
  "cost.per": { en: "The amount is", cy: "Mae’r swm" },
  "per.fixed": { en: "For the theme (fixed)", cy: "Ar gyfer y thema (sefydlog)" },
  "per.family": { en: "For each family (scales with families)", cy: "Ar gyfer pob teulu (yn cynyddu gyda’r teuluoedd)" },
  "cost.context": { en: "{theme}, cost {n}", cy: "{theme}, cost {n}" },
  "cost.row": { en: "{theme} cost", cy: "{theme}, cost" },
  "cost.add": { en: "Add a cost", cy: "Ychwanegu cost" },
  outcomes: { en: "Outcomes", cy: "Canlyniadau" },
  "outcomes.hint": {
    en: "What changes for the families, how many take part and succeed, how long it lasts, and what each is worth a year: a unit-cost code and how many a family, or an amount of your own.",
    cy: "Beth sy’n newid i’r teuluoedd, faint sy’n cymryd rhan ac yn llwyddo, am ba hyd y mae’n para, a gwerth pob un y flwyddyn: cod cost uned a faint y teulu, neu swm o’ch dewis chi.",
  },
  "outcome.name": { en: "Outcome {n}", cy: "Canlyniad {n}" },
  "outcome.engagement": { en: "Take part", cy: "Yn cymryd rhan" },
  "outcome.success": { en: "Of those, succeed", cy: "O’r rheini, yn llwyddo" },
  "outcome.deadweight": { en: "Would have anyway", cy: "Byddai wedi digwydd beth bynnag" },
  "outcome.lag": { en: "Starts after", cy: "Yn dechrau ar ôl" },
  "outcome.duration": { en: "Lasts", cy: "Yn para" },
  "outcome.dropOff": { en: "Fades each year by", cy: "Yn pylu bob blwyddyn o" },
  "outcome.years": { en: "years", cy: "blynedd" },
  "outcome.context": { en: "{theme}, outcome {n}", cy: "{theme}, canlyniad {n}" },
  "outcome.row": { en: "{theme} outcome", cy: "{theme}, canlyniad" },
  "outcome.add": { en: "Add an outcome", cy: "Ychwanegu canlyniad" },
  "outcome.unnamed": { en: "outcome", cy: "canlyniad" },
  "value.description": { en: "Value {n}: what is saved", cy: "Gwerth {n}: beth a arbedir" },
  "value.agency": { en: "Agency", cy: "Asiantaeth" },
  "value.amount": { en: "Amount", cy: "Swm" },
  "value.code": { en: "Value {n}: unit-cost code", cy: "Gwerth {n}: cod cost uned" },
  "value.quantity": { en: "A year, each family", cy: "Y flwyddyn, pob teulu" },
  "value.context": { en: "{outcome}, value {n}", cy: "{outcome}, gwerth {n}" },
  "value.row": { en: "{outcome} value", cy: "{outcome}, gwerth" },
  "value.add": { en: "Add a value", cy: "Ychwanegu gwerth" },
  sensitivity: {
    en: "Also show the Green Book 2026 sensitivity test (no pure time preference)",
    cy: "Dangos hefyd brawf sensitifrwydd Llyfr Gwyrdd 2026 (dim ffafriaeth amser pur)",
  },
  "sensitivity.hint": {
    en: "Every theme again, discounted with the Green Book 2026 schedule that has no pure time preference (3.0% a year to year 30), everything else equal. It is saved with the place.",
    cy: "Pob thema eto, wedi’i disgowntio gydag amserlen Llyfr Gwyrdd 2026 sydd heb ffafriaeth amser pur (3.0% y flwyddyn hyd at flwyddyn 30), a phopeth arall yr un fath. Caiff ei gadw gyda’r lle.",
  },
  // The results
  "place.title": { en: "{name}: years 0 to {horizon} at {year} prices", cy: "{name}: blynyddoedd 0 i {horizon} ym mhrisiau {year}" },
  npv: { en: "Net present value", cy: "Gwerth presennol net" },
  "costs.pv": { en: "Costs, present value", cy: "Costau, gwerth presennol" },
  "benefits.pv": { en: "Benefits, present value", cy: "Buddion, gwerth presennol" },
  roi: { en: "Fiscal return on investment", cy: "Enillion cyllidol ar fuddsoddiad" },
  "payback.pv": { en: "Payback (discounted)", cy: "Ad-daliad (wedi’i ddisgowntio)" },
  "who.benefits": { en: "Who benefits: each partner's benefit less what it pays", cy: "Pwy sy’n elwa: budd pob partner llai’r hyn y mae’n ei dalu" },
  range: { en: "Net present value, low and high cases", cy: "Gwerth presennol net, yr achosion isel ac uchel" },
  "range.value": { en: "{low} to {high}", cy: "{low} i {high}" },
  discounting: { en: "Discounting", cy: "Disgowntio" },
  "npv.sensitivity": {
    en: "Net present value, Green Book 2026 sensitivity test (no pure time preference)",
    cy: "Gwerth presennol net, prawf sensitifrwydd Llyfr Gwyrdd 2026 (dim ffafriaeth amser pur)",
  },
  "roi.sensitivity": { en: "Fiscal return, sensitivity test", cy: "Enillion cyllidol, prawf sensitifrwydd" },
  "payback.sensitivity": { en: "Payback (discounted), sensitivity test", cy: "Ad-daliad (wedi’i ddisgowntio), prawf sensitifrwydd" },
  "sensitivity.test": { en: "Sensitivity test", cy: "Prawf sensitifrwydd" },
  "payback.years": { en: "{years} years", cy: "{years} o flynyddoedd" },
  "payback.never": { en: "Not within the horizon", cy: "Ddim o fewn y gorwel" },
  "schedule.standard": { en: ", standard schedule", cy: ", amserlen safonol" },
  "schedule.named": { en: ", {schedule} schedule", cy: ", amserlen {schedule}" },
  "schedule.file": { en: "a schedule given in the place file", cy: "amserlen a roddir yn ffeil y lle" },
  scaling: {
    en: "Benefits grow with the number of families in each theme. Costs given for each family grow with them, which leaves the return as it was; fixed costs stay the same, so more families with fixed costs raise the return.",
    cy: "Mae’r buddion yn cynyddu gyda nifer y teuluoedd ym mhob thema. Mae costau a roddir ar gyfer pob teulu yn cynyddu gyda nhw, gan adael yr enillion fel yr oeddent; mae costau sefydlog yn aros yr un fath, felly mae mwy o deuluoedd â chostau sefydlog yn codi’r enillion.",
  },
  "scaling.theme": { en: "{theme}, {cohort} families: ", cy: "{theme}, {cohort} o deuluoedd: " },
  "scaling.perFamily": { en: "costs that scale with the families: {list}. ", cy: "costau sy’n cynyddu gyda’r teuluoedd: {list}. " },
  "scaling.noPerFamily": { en: "no cost scales with the families. ", cy: "nid oes cost yn cynyddu gyda’r teuluoedd. " },
  "scaling.fixed": {
    en: "Fixed costs, the same whatever the number of families: {list}.",
    cy: "Costau sefydlog, yr un fath beth bynnag fo nifer y teuluoedd: {list}.",
  },
  "scaling.noFixed": { en: "No fixed costs.", cy: "Dim costau sefydlog." },
  "scaling.familyCost": { en: "{amount} a family × {cohort} = {cost} ({partner}, year {year})", cy: "{amount} y teulu × {cohort} = {cost} ({partner}, blwyddyn {year})" },
  "scaling.fixedCost": { en: "{cost} ({partner}, year {year})", cy: "{cost} ({partner}, blwyddyn {year})" },
  "themes.caption": { en: "Each theme, at present value", cy: "Pob thema, yn ôl gwerth presennol" },
  theme: { en: "Theme", cy: "Thema" },
  benefits: { en: "Benefits", cy: "Buddion" },
  "fiscal.return": { en: "Fiscal return", cy: "Enillion cyllidol" },
  "the.place": { en: "The place", cy: "Y lle" },
  "chart.themes": { en: "Each theme: costs, benefits and net present value", cy: "Pob thema: costau, buddion a gwerth presennol net" },
  "chart.partners": {
    en: "Each partner: what it pays and what its agencies save, at present value",
    cy: "Pob partner: beth mae’n ei dalu a beth mae ei asiantaethau’n ei arbed, yn ôl gwerth presennol",
  },
  pays: { en: "Pays", cy: "Yn talu" },
  saves: { en: "Saves", cy: "Yn arbed" },
  net: { en: "Net", cy: "Net" },
  "matrix.pays": { en: "pays {amount}", cy: "yn talu {amount}" },
  "matrix.saves": { en: "saves {amount}", cy: "yn arbed {amount}" },
  "all.themes": { en: "All themes", cy: "Pob thema" },
  "matrix.caption": {
    en: "Themes and partners: what each partner pays for each theme, and what its agencies save from it (present value)",
    cy: "Themâu a phartneriaid: beth mae pob partner yn ei dalu am bob thema, a beth mae ei asiantaethau’n ei arbed ohoni (gwerth presennol)",
  },
  "partners.caption": { en: "Each partner over the whole place, at present value", cy: "Pob partner dros y lle cyfan, yn ôl gwerth presennol" },
  partner: { en: "Partner", cy: "Partner" },
  return: { en: "Return", cy: "Enillion" },
  "share.costs": { en: "Share of costs", cy: "Cyfran o’r costau" },
  payback: { en: "Payback", cy: "Ad-daliad" },
  rebalancing: {
    en: "If savings were shared in proportion to what each partner pays",
    cy: "Pe bai’r arbedion yn cael eu rhannu yn ôl cyfran yr hyn y mae pob partner yn ei dalu",
  },
  transfer: { en: "{from} pays {to} {amount}", cy: "{from} yn talu {amount} i {to}" },
  "no.transfers": { en: "No transfers are needed.", cy: "Nid oes angen trosglwyddiadau." },
  "years.caption": { en: "The place year by year", cy: "Y lle fesul blwyddyn" },
  year: { en: "Year", cy: "Blwyddyn" },
  "fiscal.savings": { en: "Fiscal savings", cy: "Arbedion cyllidol" },
  "all.net": { en: "All benefits less costs", cy: "Pob budd llai costau" },
  "position.so.far": { en: "Fiscal position so far", cy: "Sefyllfa gyllidol hyd yma" },
  rule: { en: "How the place is worked out: ", cy: "Sut y cyfrifir y lle: " },
  vfm: {
    en: "Value for money: read the net present value, the returns, payback and who benefits together (Green Book 2026); no single ratio decides it.",
    cy: "Gwerth am arian: darllenwch y gwerth presennol net, yr enillion, yr ad-daliad a phwy sy’n elwa gyda’i gilydd (Llyfr Gwyrdd 2026); nid oes un gymhareb yn ei benderfynu.",
  },
  assumptions: { en: "Assumptions and sources", cy: "Rhagdybiaethau a ffynonellau" },
  "assume.partner": { en: "{partner}: savings of {agencies}.", cy: "{partner}: arbedion {agencies}." },
  "assume.cost": { en: "Year {year}: {partner} pays {amount}.", cy: "Blwyddyn {year}: {partner} yn talu {amount}." },
  "assume.familyCost": { en: "Year {year}: {partner} pays {amount} a family.", cy: "Blwyddyn {year}: {partner} yn talu {amount} y teulu." },
  "assume.outcome": {
    en: "{name}: {engagement} take part, {success} of them succeed, {deadweight} would have anyway; for {years} years.",
    cy: "{name}: {engagement} yn cymryd rhan, {success} ohonynt yn llwyddo, {deadweight} a fyddai wedi llwyddo beth bynnag; am {years} o flynyddoedd.",
  },
  "assume.code": { en: "{code} × {quantity} a year.", cy: "{code} × {quantity} y flwyddyn." },
  "assume.value": { en: "{description}, {agency}: {amount} × {quantity} a year.", cy: "{description}, {agency}: {amount} × {quantity} y flwyddyn." },
  // Status lines and messages
  broken: { en: "The place could not be read: ", cy: "Nid oedd modd darllen y lle: " },
  correct: { en: "Correct the problems shown to see the appraisal.", cy: "Cywirwch y problemau a ddangosir i weld yr arfarniad." },
  "problems.one": { en: "There is 1 problem with the place.", cy: "Mae 1 problem gyda’r lle." },
  "problems.many": { en: "There are {n} problems with the place.", cy: "Mae {n} problem gyda’r lle." },
  announce: { en: "{name}: net present value {npv}.", cy: "{name}: gwerth presennol net {npv}." },
  example: {
    en: "Started from the example place (data/places/example-place.json).",
    cy: "Wedi dechrau o’r lle enghreifftiol (data/places/example-place.json).",
  },
  "nothing.to.save": { en: "There is no place to save yet.", cy: "Nid oes lle i’w gadw eto." },
  saved: { en: "Saved the place as {name}.", cy: "Cadwyd y lle fel {name}." },
  opened: { en: "Opened the place {name}.", cy: "Agorwyd y lle {name}." },
  comparing: { en: "Comparing with {names}.", cy: "Yn cymharu â {names}." },
  "bad.file": { en: "The file {name} is not a place this page can open: ", cy: "Nid yw’r ffeil {name} yn lle y gall y dudalen hon ei agor: " },
  "bad.json": { en: "it is not valid JSON", cy: "nid yw’n JSON dilys" },
  "bad.fields": { en: "it does not have the fields of a place ({field})", cy: "nid oes ganddi feysydd lle ({field})" },
  // The comparison
  "comparison.caption": { en: "Each place, at present value", cy: "Pob lle, yn ôl gwerth presennol" },
  place: { en: "Place", cy: "Lle" },
  "share.benefits": { en: "Share of benefits", cy: "Cyfran o’r buddion" },
  "share.npv": { en: "Share of net present value", cy: "Cyfran o’r gwerth presennol net" },
  "all.places": { en: "All places", cy: "Pob lle" },
  "fiscal.npv": { en: "Fiscal net present value", cy: "Gwerth presennol net cyllidol" },
  "spread.caption": { en: "The spread between places", cy: "Yr amrywiad rhwng lleoedd" },
  measure: { en: "Measure", cy: "Mesur" },
  lowest: { en: "Lowest", cy: "Isaf" },
  median: { en: "Median", cy: "Canolrif" },
  highest: { en: "Highest", cy: "Uchaf" },
};
const words = wordsOf({ ...WORDS, ...TEXT });

let call = null;
let answer = null;

// ------------------------------------------------------------------- form

// The form edits the place call itself: each field writes its part of `call` as the officer
// types and the place is appraised again; adding or removing a row draws the form again.

/** A text field writing `set(value)` (trimmed) and recalculating. */
const field = (id, label, value, set, options = {}) => formGroup(id, label,
  input(id, value ?? "", (v) => { set(v.trim()); recalculate(); }, options), { hint: options.hint, context: options.context });

/** A rate of the file ("0.8") as the percentage field shows it ("80"); text that is not a rate as it is. */
const percentOf = (rate) => (/^-?\d+(\.\d+)?$/.test(String(rate ?? "")) ? rateToPercent(String(rate)).slice(0, -1) : String(rate ?? ""));
const percentField = (id, label, value, set, context) =>
  field(id, label, percentOf(value), (v) => set(percentToRate(v)), { width: "govuk-input--width-3", mode: "decimal", suffix: "%", context });

const per = () => ["fixed", "family"].map((k) => [k, words(`per.${k}`)]);

// Each cost's partner list, so that renaming a partner updates them without drawing the form again.
const costOf = new WeakMap();
const partnerOptions = (current) => {
  const options = call.partners.map((p) => [p.id, p.name ? `${p.name} (${p.id})` : p.id]);
  return options.some(([id]) => id === current) ? options : [...options, [current, current || words("partner.choose")]];
};
function refreshPartnerOptions() {
  document.querySelectorAll("select[data-partners]").forEach((node) => {
    const cost = costOf.get(node);
    node.replaceChildren(...partnerOptions(cost.partner).map(([v, text]) => el("option", { value: v, text })));
    node.value = cost.partner;
  });
}

/** A partner's id: the costs that name it follow it. */
function renamePartner(p, id) {
  for (const t of call.themes) for (const c of t.costs ?? []) if (c.partner === p.id) c.partner = id;
  p.id = id;
  refreshPartnerOptions();
}

/** After a row is removed: the form again, the place again, and the cursor on the list's "Add" button. */
const removed = (addId) => () => {
  renderFields();
  recalculate();
  $(addId)?.focus();
};

const addButton = (id, text, onClick) => el("button", { type: "button", class: "govuk-button govuk-button--secondary", id, text, onclick: onClick });

function renderPartners(focus) {
  rowList("place-partners", call.partners, (p, i) => [
    field(`partner-${i}-id`, words("partner.id", { n: i + 1 }), p.id, (v) => renamePartner(p, v), { width: "govuk-input--width-10" }),
    field(`partner-${i}-name`, words("partner.name"), p.name, (v) => { p.name = v; refreshPartnerOptions(); },
      { width: "govuk-input--width-10", context: words("partner.context", { n: i + 1 }) }),
    field(`partner-${i}-agencies`, words("partner.agencies"), (p.agencies ?? []).join(", "),
      (v) => { p.agencies = v.split(",").map((a) => a.trim()).filter(Boolean); },
      { width: "govuk-input--width-20", context: words("partner.context", { n: i + 1 }), hint: words("partner.agencies.hint") }),
  ], words("partner.row"), focus, removed("add-partner"));
}

function renderCosts(t, i, focus) {
  rowList(`theme-${i}-costs`, t.costs, (c, k) => {
    const context = words("cost.context", { theme: t.name, n: k + 1 });
    const id = `theme-${i}-cost-${k}`;
    const partner = select(`${id}-partner`, c.partner, partnerOptions(c.partner), (v) => { c.partner = v; recalculate(); });
    partner.dataset.partners = "";
    costOf.set(partner, c);
    return [
      field(`${id}-year`, words("cost.year", { n: k + 1 }), String(c.year ?? ""), (v) => { c.year = v; }, { width: "govuk-input--width-2", mode: "numeric", context: t.name }),
      formGroup(`${id}-partner`, words("cost.partner"), partner, { context }),
      field(`${id}-amount`, words("cost.amount"), c.amount, (v) => { c.amount = v; }, { width: "govuk-input--width-10", mode: "decimal", prefix: "£", context }),
      formGroup(`${id}-per`, words("cost.per"), select(`${id}-per`, c.per ?? "fixed", per(), (v) => { c.per = v; recalculate(); }), { context }),
    ];
  }, words("cost.row", { theme: t.name }), focus, removed(`theme-${i}-add-cost`));
}

function renderValues(o, id, focus) {
  rowList(`${id}-values`, o.values, (v, j) => {
    const at = `${id}-value-${j}`;
    const context = words("value.context", { outcome: o.name, n: j + 1 });
    const direct = v.code === undefined && (v.amount !== undefined || v.description !== undefined);
    return [
      direct
        ? [field(`${at}-description`, words("value.description", { n: j + 1 }), v.description, (x) => { v.description = x; }, { width: "govuk-input--width-10", context: o.name }),
          field(`${at}-agency`, words("value.agency"), v.agency, (x) => { v.agency = x; }, { width: "govuk-input--width-10", context }),
          field(`${at}-amount`, words("value.amount"), v.amount, (x) => { v.amount = x; }, { width: "govuk-input--width-5", mode: "decimal", prefix: "£", context })]
        : field(`${at}-code`, words("value.code", { n: j + 1 }), v.code, (x) => { v.code = x; }, { width: "govuk-input--width-5", context: o.name }),
      field(`${at}-quantity`, words("value.quantity"), String(v.quantity ?? "1"), (x) => { v.quantity = x; }, { width: "govuk-input--width-3", mode: "decimal", context }),
    ];
  }, words("value.row", { outcome: o.name || words("outcome.unnamed") }), focus, removed(`${id}-add-value`));
}

function renderOutcomes(t, i, focus) {
  t.outcomes.forEach((o) => { o.values ??= []; });
  rowList(`theme-${i}-outcomes`, t.outcomes, (o, k) => {
    const id = `theme-${i}-outcome-${k}`;
    const context = words("outcome.context", { theme: t.name, n: k + 1 });
    const years = words("outcome.years");
    return el("div", {},
      el("div", { class: "cb-row" },
        field(`${id}-name`, words("outcome.name", { n: k + 1 }), o.name, (v) => { o.name = v; }, { width: "govuk-input--width-20", context: t.name }),
        percentField(`${id}-engagement`, words("outcome.engagement"), o.engagement, (v) => { o.engagement = v; }, context),
        percentField(`${id}-success`, words("outcome.success"), o.success, (v) => { o.success = v; }, context),
        percentField(`${id}-deadweight`, words("outcome.deadweight"), o.deadweight, (v) => { o.deadweight = v; }, context)),
      el("div", { class: "cb-row" },
        field(`${id}-lagYears`, words("outcome.lag"), String(o.lagYears ?? "0"), (v) => { o.lagYears = v; }, { width: "govuk-input--width-2", mode: "numeric", suffix: years, context }),
        field(`${id}-durationYears`, words("outcome.duration"), String(o.durationYears ?? ""), (v) => { o.durationYears = v; }, { width: "govuk-input--width-2", mode: "numeric", suffix: years, context }),
        percentField(`${id}-dropOff`, words("outcome.dropOff"), o.dropOff ?? "0", (v) => { o.dropOff = v; }, context)),
      el("div", { id: `${id}-values` }),
      addButton(`${id}-add-value`, words("value.add"), () => {
        o.values.push({ code: "", quantity: "1" });
        renderFields({ [`${id}-values`]: o.values.length - 1 });
        recalculate();
      }));
  }, words("outcome.row", { theme: t.name }), focus[`theme-${i}-outcomes`], removed(`theme-${i}-add-outcome`));
  t.outcomes.forEach((o, k) => renderValues(o, `theme-${i}-outcome-${k}`, focus[`theme-${i}-outcome-${k}-values`]));
}

/** The form; `focus` names a list ({ [container]: row }) whose row gets the cursor. */
function renderFields(focus = {}) {
  if (!call) {
    $("place-fields").replaceChildren();
    return;
  }
  const textInput = (id, value, onInput, attrs = {}) => el("input", {
    class: "govuk-input", id, value: value ?? "", autocomplete: "off", spellcheck: "false", ...attrs,
    oninput: (e) => { onInput(e.target.value.trim()); recalculate(); },
  });
  call.partners ??= [];
  $("place-fields").replaceChildren(
    el("div", { class: "cb-row" },
      formGroup("place-name", words("place.name"), textInput("place-name", call.name, (v) => { call.name = v; }, { class: "govuk-input govuk-input--width-20", spellcheck: "true" })),
      formGroup("horizon", words("horizon"), textInput("horizon", String(call.horizonYears ?? 5), (v) => { call.horizonYears = v; }, { class: "govuk-input govuk-input--width-3", inputmode: "numeric" }),
        { hint: words("horizon.hint") })),
    el("fieldset", { class: "govuk-fieldset", id: "partners-fieldset" },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m", text: words("partners") }),
      el("p", { class: "govuk-hint", text: words("partners.hint") }),
      el("div", { id: "place-partners" }),
      addButton("add-partner", words("partner.add"), () => {
        call.partners.push({ id: "", name: "", agencies: [] });
        renderFields({ "place-partners": call.partners.length - 1 });
        recalculate();
      })),
    ...call.themes.map((t, i) => {
      t.costs ??= [];
      t.outcomes ??= [];
      return el("fieldset", { class: "govuk-fieldset cb-theme", id: `theme-${i}` },
        el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m", text: t.name }),
        formGroup(`theme-${i}-cohort`, words("cohort"),
          textInput(`theme-${i}-cohort`, String(t.cohort), (v) => { t.cohort = v; }, { class: "govuk-input govuk-input--width-5", inputmode: "numeric" }), { context: t.name }),
        el("h2", { class: "govuk-heading-s", text: words("costs") }),
        el("p", { class: "govuk-hint", text: words("costs.hint") }),
        el("div", { id: `theme-${i}-costs` }),
        addButton(`theme-${i}-add-cost`, words("cost.add"), () => {
          t.costs.push({ year: "0", partner: call.partners[0]?.id ?? "", amount: "", per: "fixed" });
          renderFields({ [`theme-${i}-costs`]: t.costs.length - 1 });
          recalculate();
        }),
        el("h2", { class: "govuk-heading-s", text: words("outcomes") }),
        el("p", { class: "govuk-hint", text: words("outcomes.hint") }),
        el("div", { id: `theme-${i}-outcomes` }),
        addButton(`theme-${i}-add-outcome`, words("outcome.add"), () => {
          t.outcomes.push({ name: "", engagement: "", success: "", deadweight: "0", lagYears: "0", durationYears: "1", dropOff: "0", values: [{ code: "", quantity: "1" }] });
          renderFields({ [`theme-${i}-outcomes`]: t.outcomes.length - 1 });
          recalculate();
        }));
    }),
    el("div", { class: "govuk-form-group", id: "place-sensitivity-group" },
      el("p", { class: "govuk-error-message", id: "place-sensitivity-error", hidden: true }),
      el("div", { class: "govuk-checkboxes govuk-checkboxes--small" },
        el("div", { class: "govuk-checkboxes__item" },
          el("input", {
            class: "govuk-checkboxes__input", id: "place-sensitivity", type: "checkbox", checked: call.discounting?.sensitivity === true,
            "aria-describedby": "place-sensitivity-hint", onchange: (e) => { setSensitivity(e.target.checked); recalculate(); },
          }),
          el("label", { class: "govuk-label govuk-checkboxes__label", for: "place-sensitivity", text: words("sensitivity") }),
          el("div", { class: "govuk-hint govuk-checkboxes__hint", id: "place-sensitivity-hint", text: words("sensitivity.hint") })))));
  renderPartners(focus["place-partners"]);
  call.themes.forEach((t, i) => {
    renderCosts(t, i, focus[`theme-${i}-costs`]);
    renderOutcomes(t, i, focus);
  });
}

/** Asks for the sensitivity test in the place call, or stops asking (leaving no empty `discounting`). */
function setSensitivity(on) {
  const { sensitivity, ...rest } = call.discounting ?? {};
  if (on) call.discounting = { ...rest, sensitivity: true };
  else if (Object.keys(rest).length) call.discounting = rest;
  else delete call.discounting;
}

const SINGULAR = { themes: "theme", partners: "partner", costs: "cost", outcomes: "outcome", values: "value" };

/**
 * The input of an error path: `themes[0].costs[1].amount` is `theme-0-cost-1-amount`, a partner's
 * agency its agencies field, a list with a problem its "Add" button; errors about fields this page
 * does not show go to the file input.
 */
function idFor(path) {
  if (path === "name") return "place-name";
  if (path === "horizonYears") return "horizon";
  if (path === "discounting.sensitivity") return "place-sensitivity";
  if (path === "@compare") return "compare-places";
  const id = (path ?? "").replace(/\.agencies\[\d+\]$/, ".agencies")
    .replace(/(\w+)\[(\d+)\]/g, (_, list, i) => `${SINGULAR[list] ?? list}-${i}`)
    .replace(/\./g, "-")
    .replace(/(^|-)(themes|partners|costs|outcomes|values)$/, (_, dash, list) => `${dash}add-${SINGULAR[list]}`);
  // A value given by code: "enter a code or describe the value" is at its code field.
  const code = id.replace(/-description$/, "-code");
  if (code !== id && !$(id) && $(code)) return code;
  return id && $(id)?.matches("input, select, button") ? id : "open-place";
}

/** The errors to show: a value shown by its code has no agency or amount of its own to ask for. */
const shown = (errors) => errors.filter((e) => {
  const m = /^(.*\.values\[\d+\])\.(agency|amount)$/.exec(e.path ?? "");
  return !m || idFor(`${m[1]}.code`) === "open-place";
});

/** An error as shown: with its field when the page does not show that field (the engine's sentence, marked English). */
function said(error) {
  return idFor(error.path) === "open-place" && error.path ? { path: error.path, message: [`${error.path}: `, english(error.message)] } : error;
}

// ---------------------------------------------------------------- results

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 16, right: 16, top: 16, bottom: 40 };

/** Grouped bars around zero: one group per item, one bar per series ([key, label]). */
function barChart(id, caption, items, series) {
  const numbers = items.flatMap((f) => series.map(([key]) => Number(f[key])));
  const hi = Math.max(...numbers, 0);
  const lo = Math.min(...numbers, 0);
  const span = hi - lo || 1;
  const y = (v) => PAD.top + ((hi - v) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const group = (WIDTH - PAD.left - PAD.right) / Math.max(items.length, 1);
  const bar = (group * 0.8) / series.length;
  const bars = items.map((f, g) => [
    series.map(([key, label], s) => {
      const v = Number(f[key]);
      return svg("rect", {
        class: `cb-series-${s}`, x: (PAD.left + g * group + group * 0.1 + s * bar).toFixed(1), y: Math.min(y(v), y(0)).toFixed(1),
        width: (bar * 0.9).toFixed(1), height: Math.max(Math.abs(y(v) - y(0)), 0.5).toFixed(1),
      }, svg("title", { text: `${f.name}, ${label.toLowerCase()}: ${formatMoney(f[key])}` }));
    }),
    svg("text", { class: "cb-axis-label", x: (PAD.left + (g + 0.5) * group).toFixed(1), y: HEIGHT - 16, "text-anchor": "middle", text: f.short ?? f.name }),
  ]);
  const node = svg("svg", { id, class: "cb-chart__svg", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-labelledby": `${id}-caption ${id}-desc` },
    svg("desc", { id: `${id}-desc`, text: items.map((f) => `${f.name}: ${series.map(([key, label]) => `${label.toLowerCase()} ${formatMoney(f[key])}`).join(", ")}.`).join(" ") }),
    bars,
    svg("line", { class: "cb-axis cb-zero", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0).toFixed(1), y2: y(0).toFixed(1) }));
  const legend = el("ul", { class: "cb-legend govuk-list" }, series.map(([, label], s) => el("li", {},
    el("span", { class: `cb-swatch cb-series-${s}`, "aria-hidden": "true" }), label)));
  return el("figure", { class: "cb-chart" },
    el("figcaption", { class: "govuk-body govuk-!-font-weight-bold", id: `${id}-caption`, text: caption }), node, legend);
}

const cell = (text, attrs = {}) => el("td", { class: "govuk-table__cell", ...attrs, text });
const head = (text) => el("th", { scope: "row", class: "govuk-table__header", text });
const numeric = "govuk-table__cell govuk-table__cell--numeric";
const ratio = (r) => (r === null || r === undefined ? "–" : r);
const payback = (p) => (p.status === "reached" ? words("payback.years", { years: p.years }) : words("payback.never"));

/** A discount schedule as the answer names it: its edition (the engine's name for it), else where it comes from. */
const scheduleName = (d) => (d.edition
  ? [english(d.edition), d.schedule === "greenBook" ? words("schedule.standard") : words("schedule.named", { schedule: d.schedule })]
  : [words("schedule.file")]);

function summary(a) {
  const c = a.place.central;
  const s = a.place.sensitivity;
  const row = (key, value, id) => el("div", { class: "govuk-summary-list__row" },
    el("dt", { class: "govuk-summary-list__key", text: words(key) }),
    el("dd", { class: "govuk-summary-list__value", id }, value));
  // Who benefits: each partner's net position, beside the place's figures.
  const who = a.partners.map((p) => `${p.name} ${formatMoney(p.netPv)}`).join("; ");
  return el("dl", { class: "govuk-summary-list", id: "place-summary" },
    row("npv", formatMoney(c.npv), "place-npv"),
    row("costs.pv", formatMoney(c.costsPv), "place-costs"),
    row("benefits.pv", formatMoney(c.benefitsPv), "place-benefits"),
    row("roi", ratio(c.roi.fiscal), "place-roi"),
    row("payback.pv", payback(c.paybackPv), "place-payback"),
    row("who.benefits", who, "place-who-benefits"),
    row("range", words("range.value", { low: formatMoney(a.place.lowNpv), high: formatMoney(a.place.highNpv) }), "place-range"),
    row("discounting", scheduleName(a.discounting), "place-discounting"),
    s ? [
      row("npv.sensitivity", formatMoney(s.npv), "place-npv-sensitivity"),
      row("roi.sensitivity", ratio(s.roi.fiscal), "place-roi-sensitivity"),
      row("payback.sensitivity", payback(s.paybackPv), "place-payback-sensitivity"),
    ] : null);
}

/** Which costs of each theme scale with its families and which are fixed: why raising families changes the return. */
function scaling(a) {
  const partner = (id) => a.partners.find((p) => p.id === id)?.name ?? id;
  const list = (items) => items.join("; ");
  // The answer's costs are in the order of the call's, which name their partner and year.
  const given = (t) => call.themes.find((c) => c.id === t.id)?.costs ?? [];
  const costs = (t) => t.costs.map((c, k) => ({ ...c, partner: given(t)[k]?.partner, year: given(t)[k]?.year }));
  return el("div", { class: "govuk-inset-text", id: "place-scaling" },
    el("p", { class: "govuk-body", text: words("scaling") }),
    el("ul", { class: "govuk-list govuk-list--bullet" }, a.themes.map((t) => {
      const perFamily = costs(t).filter((c) => c.per === "family").map((c) => words("scaling.familyCost", {
        amount: formatMoney(c.amount), cohort: t.cohort, cost: formatMoney(c.cost), partner: partner(c.partner), year: c.year,
      }));
      const fixed = costs(t).filter((c) => c.per !== "family")
        .map((c) => words("scaling.fixedCost", { cost: formatMoney(c.cost), partner: partner(c.partner), year: c.year }));
      return el("li", { id: `scaling-${t.id}` },
        words("scaling.theme", { theme: t.appraisal.name, cohort: t.cohort }),
        perFamily.length ? words("scaling.perFamily", { list: list(perFamily) }) : words("scaling.noPerFamily"),
        fixed.length ? words("scaling.fixed", { list: list(fixed) }) : words("scaling.noFixed"));
    })));
}

function themesTable(a) {
  return table("themes-table", words("themes.caption"),
    [[words("theme")], [words("costs"), true], [words("benefits"), true], [words("npv"), true], [words("fiscal.return"), true]],
    [...a.themes.map((t) => el("tr", { class: "govuk-table__row" },
      head(t.appraisal.name), moneyCell(t.appraisal.central.costsPv), moneyCell(t.appraisal.central.benefitsPv),
      moneyCell(t.appraisal.central.npv, { id: `theme-npv-${t.id}` }), cell(ratio(t.appraisal.central.roi.fiscal), { class: numeric }))),
    el("tr", { class: "govuk-table__row" }, head(words("the.place")), moneyCell(a.place.central.costsPv), moneyCell(a.place.central.benefitsPv),
      moneyCell(a.place.central.npv), cell(ratio(a.place.central.roi.fiscal), { class: numeric }))]);
}

/** Themes × partners: what each partner pays for each theme and what its agencies save from it. */
function matrix(a) {
  const headings = [[words("theme")], ...a.partners.map((p) => [p.name, true])];
  const figures = (p) => [
    el("span", { class: "cb-figure", text: words("matrix.pays", { amount: formatMoney(p.costsPv) }) }),
    el("span", { class: "cb-figure", text: words("matrix.saves", { amount: formatMoney(p.benefitPv) }) }),
  ];
  const rows = a.themes.map((t) => el("tr", { class: "govuk-table__row" }, head(t.appraisal.name),
    t.partners.map((p) => el("td", { class: numeric, id: `cell-${t.id}-${p.id}` }, figures(p)))));
  rows.push(el("tr", { class: "govuk-table__row" }, head(words("all.themes")), a.partners.map((p) => el("td", { class: numeric }, figures(p)))));
  return table("matrix-table", words("matrix.caption"), headings, rows);
}

function partnersTable(a) {
  return table("partners-table", words("partners.caption"),
    [[words("partner")], [words("pays"), true], [words("saves"), true], [words("net"), true], [words("return"), true], [words("share.costs"), true], [words("payback")]],
    a.partners.map((p) => el("tr", { class: "govuk-table__row" }, head(p.name), moneyCell(p.costsPv), moneyCell(p.benefitPv),
      moneyCell(p.netPv, { id: `partner-net-${p.id}` }), cell(ratio(p.roi), { class: numeric }),
      cell(p.sharePercent === null ? "–" : `${p.sharePercent}%`, { class: numeric }), cell(payback(p.payback)))));
}

function rebalancing(a) {
  const fiscal = a.rebalancing.find((r) => r.basis === "fiscal");
  if (!fiscal) return null;
  return el("div", { id: "rebalancing" },
    el("h3", { class: "govuk-heading-s", text: words("rebalancing") }),
    el("p", { class: "govuk-body", lang: "en-GB", text: fiscal.description }),
    fiscal.transfers.length
      ? el("ul", { class: "govuk-list govuk-list--bullet", id: "transfers" },
        fiscal.transfers.map((t) => el("li", { text: words("transfer", { from: t.from, to: t.to, amount: formatMoney(t.amount) }) })))
      : el("p", { class: "govuk-body", text: words("no.transfers") }));
}

function yearsTable(a) {
  return table("years-table", words("years.caption"),
    [[words("year")], [words("costs"), true], [words("fiscal.savings"), true], [words("all.net"), true], [words("position.so.far"), true]],
    a.place.years.map((y) => el("tr", { class: "govuk-table__row" }, head(`${y.year} (${y.financialYear})`),
      moneyCell(y.costsPv), moneyCell(y.fiscal.netPv), moneyCell(y.netPv), moneyCell(y.fiscalPositionPv))));
}

/** Every number of the place with its source, as the file gives them. */
function assumptions() {
  const source = (s) => (s ? el("span", { class: "cb-source", text: ` ${s}` }) : null);
  const partner = (id) => call.partners.find((p) => p.id === id)?.name ?? id;
  const percent = (rate) => rateToPercent(rate);
  return el("details", { class: "govuk-details", id: "assumptions" },
    el("summary", { class: "govuk-details__summary" }, el("span", { class: "govuk-details__summary-text", text: words("assumptions") })),
    el("div", { class: "govuk-details__text" },
      call.source ? el("p", { class: "govuk-body", text: call.source }) : null,
      el("h3", { class: "govuk-heading-s", text: words("partners") }),
      el("ul", { class: "govuk-list govuk-list--bullet" }, call.partners.map((p) => el("li", {},
        words("assume.partner", { partner: p.name, agencies: p.agencies.join(", ") }), source(p.source)))),
      call.themes.map((t) => [
        el("h3", { class: "govuk-heading-s", text: `${t.name} (${t.cohort})` }),
        t.source ? el("p", { class: "govuk-body cb-source", text: t.source }) : null,
        el("ul", { class: "govuk-list govuk-list--bullet" },
          t.costs.map((c) => el("li", {}, words(c.per === "family" ? "assume.familyCost" : "assume.cost", {
            year: c.year, partner: partner(c.partner), amount: formatMoney(c.amount),
          }), source(c.source))),
          t.outcomes.map((o) => el("li", {},
            words("assume.outcome", {
              name: o.name, engagement: percent(o.engagement), success: percent(o.success), deadweight: percent(o.deadweight), years: o.durationYears,
            }),
            source(o.source),
            el("ul", { class: "govuk-list govuk-list--bullet" }, o.values.map((v) => el("li", {},
              v.code
                ? words("assume.code", { code: v.code, quantity: v.quantity ?? "1" })
                : words("assume.value", { description: v.description, agency: v.agency, amount: formatMoney(v.amount), quantity: v.quantity ?? "1" }),
              source(v.source))))))),
      ])));
}

function renderResult(a) {
  const themeItems = a.themes.map((t) => ({ name: t.appraisal.name, costs: t.appraisal.central.costsPv, benefits: t.appraisal.central.benefitsPv, npv: t.appraisal.central.npv }));
  const partnerItems = a.partners.map((p) => ({ name: p.name, short: p.id, pays: p.costsPv, saves: p.benefitPv, net: p.netPv }));
  const series = (keys) => keys.map(([key, label]) => [key, words(label)]);
  $("result").replaceChildren(
    el("h3", { class: "govuk-heading-m", id: "place-title", text: words("place.title", { name: a.name, horizon: a.horizon, year: a.baseYear }) }),
    summary(a),
    scaling(a),
    themesTable(a),
    barChart("chart-themes", words("chart.themes"), themeItems, series([["costs", "costs"], ["benefits", "benefits"], ["npv", "npv"]])),
    matrix(a),
    partnersTable(a),
    barChart("chart-partners", words("chart.partners"), partnerItems, series([["pays", "pays"], ["saves", "saves"], ["net", "net"]])),
    rebalancing(a),
    yearsTable(a),
    // The engine's notes and rule are its own sentences (English).
    a.notes.length ? el("div", { class: "govuk-inset-text", id: "notes" }, el("ul", { class: "govuk-list", lang: "en-GB" }, a.notes.map((n) => el("li", { text: n.message })))) : null,
    el("div", { class: "govuk-inset-text" },
      el("p", { class: "govuk-body" }, words("rule"), english(a.rule)),
      el("p", { class: "govuk-body", text: words("vfm") })),
    assumptions(),
    receipt(a));
}

/** The receipt, with the discounting: its edition and source are the engine's words (English), marked so. */
function receipt(a) {
  const node = receiptDetails(a.receipt, [
    [words("discounting"), a.discounting.edition ? `${a.discounting.edition}: ${a.discounting.source}` : a.discounting.source],
    ...(a.sensitivityDiscounting ? [[words("sensitivity.test"), `${a.sensitivityDiscounting.edition}: ${a.sensitivityDiscounting.source}`]] : []),
  ]);
  // After the engine version, the unit-cost table and the input's hash.
  [...node.querySelectorAll(".govuk-summary-list__value")].slice(3).forEach((value) => { value.lang = "en-GB"; });
  return node;
}

// ------------------------------------------------------------- calculate

/** The engine's answer for a place call: `{ answer }`, or `{ thrown }` for a call of the wrong shape. */
function run(place) {
  try {
    return { answer: appraisePlace(place) };
  } catch (e) {
    return { thrown: e.message };
  }
}

// The place module reports no discount schedule: every theme is discounted at the Green Book's rates.
const GREEN_BOOK = { schedule: "greenBook" };
let defaults = null; // the prices of a place that names none: today's money

/** The footer names the prices the place is appraised in (or, before a place, today's money). */
function showPrices(got) {
  const prices = pricesOf(got) ?? defaults;
  if (prices) $("footer-prices").textContent = pricesLine(pageLanguage(), { ...prices, discounting: GREEN_BOOK });
}

function recalculate() {
  clearErrors();
  refused = null;
  if (!call) return;
  const { answer: got, thrown } = run(call);
  if (thrown) {
    showErrors([{ message: [words("broken"), english(thrown)], path: "@file" }], idFor);
    return;
  }
  answer = got;
  showPrices(got);
  if (got.type === "failure") {
    showErrors(shown(got.errors).map(said), idFor);
    $("result").replaceChildren(el("p", { class: "govuk-body", text: words("correct") }));
    const n = got.errors.length;
    announce(words(n === 1 ? "problems.one" : "problems.many", { n }));
    return;
  }
  renderResult(got);
  renderComparison();
  announce(words("announce", { name: got.name, npv: formatMoney(got.place.central.npv) }));
}

function load(place) {
  call = structuredClone(place);
  renderFields();
  recalculate();
}

// -------------------------------------------------------------- compare

let others = [];

function renderComparison() {
  if (!call || !others.length) {
    $("comparison").replaceChildren();
    return;
  }
  const got = combinePlaces({ places: [call, ...others.map((o) => o.call)] });
  if (got.type === "failure") {
    showErrors(got.errors.map((e) => ({ message: [`${e.path ?? ""}: `, english(e.message)], path: "@compare" })), idFor);
    $("comparison").replaceChildren();
    return;
  }
  const share = (s) => (s === null ? "–" : `${s}%`);
  const places = table("comparison-table", words("comparison.caption"),
    [[words("place")], [words("costs"), true], [words("benefits"), true], [words("npv"), true], [words("share.costs"), true], [words("share.benefits"), true], [words("share.npv"), true]],
    [...got.places.map((p) => el("tr", { class: "govuk-table__row" }, head(p.name), moneyCell(p.costsPv), moneyCell(p.benefitsPv), moneyCell(p.npv),
      cell(share(p.costsSharePercent), { class: numeric }), cell(share(p.benefitsSharePercent), { class: numeric }), cell(share(p.npvSharePercent), { class: numeric }))),
    el("tr", { class: "govuk-table__row" }, head(words("all.places")), moneyCell(got.total.costsPv), moneyCell(got.total.benefitsPv),
      moneyCell(got.total.npv, { id: "comparison-npv" }), cell("100%", { class: numeric }), cell("100%", { class: numeric }), cell("", { class: numeric }))]);
  const names = { npv: "npv", fiscalNpv: "fiscal.npv", costsPv: "costs", benefitsPv: "benefits" };
  const spread = table("spread-table", words("spread.caption"), [[words("measure")], [words("lowest"), true], [words("median"), true], [words("highest"), true]],
    got.spread.map((s) => el("tr", { class: "govuk-table__row", id: `spread-${s.measure}` }, head(names[s.measure] ? words(names[s.measure]) : s.measure),
      el("td", { class: numeric }, el("span", { class: "cb-figure", text: formatMoney(s.min) }), el("span", { class: "cb-figure cb-source", text: s.minPlace })),
      moneyCell(s.median),
      el("td", { class: numeric }, el("span", { class: "cb-figure", text: formatMoney(s.max) }), el("span", { class: "cb-figure cb-source", text: s.maxPlace })))));
  $("comparison").replaceChildren(places, spread, el("p", { class: "govuk-body cb-source", lang: "en-GB", text: got.rule }));
}

// ------------------------------------------------------------------ files

/** The path of the first field a place file lacks, or null (the engine checks the rest). */
function checkPlace(place) {
  if (typeof place !== "object" || place === null || Array.isArray(place)) return "";
  if (!Array.isArray(place.themes)) return ".themes";
  if (!Array.isArray(place.partners)) return ".partners";
  return null;
}

/**
 * A place file: the envelope this page saves, or a bare place such as data/places/example-place.json.
 * `{ call }`, or `{ error }`: why not, as a function giving its words in the page's language then.
 */
function readPlaceFile(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: () => [words("bad.json")] };
  }
  const lacks = (field) => ({ error: () => [words("bad.fields", { field })] });
  const bare = data && typeof data === "object" && !Array.isArray(data) && data.format === undefined;
  const read = bare ? { call: data } : readCaseFile(text, KIND, checkPlace);
  if (read.error) return lacks(read.error);
  const prefix = bare ? "" : "call.";
  const problem = checkPlace(read.call);
  if (problem !== null) return lacks(`${prefix}${problem.replace(/^\./, "")}`);
  // The engine's reasons (English).
  const { answer: got, thrown } = run(read.call);
  if (thrown) return { error: () => [english(thrown.replace(/^appraisePlace: /, prefix))] };
  if (got.type === "failure") {
    return { error: () => [english(got.errors.map((e) => `${prefix}${e.path ?? ""}: ${e.message}`).join(" "))] };
  }
  return { call: read.call };
}

// The file line (example, saved, opened, comparing) and refused files, kept so that a change of language says them again.
const fileLine = wordLine("file-message", words);
let refused = null;

/** Refuses `files` ([{ name, error }]), each with why, in the error summary at the field of `path`; focus on the summary. */
function refuse(files, path, focus = true) {
  clearErrors();
  fileLine.say(null);
  showErrors(files.map((f) => ({ message: [words("bad.file", { name: f.name }), ...f.error()], path })), idFor);
  refused = { files, path };
  if (focus) $("error-summary").focus();
}

async function main() {
  await init();
  engineLine.say("ready", { version: version() });
  // The example without its price year: the engine's default prices, for the footer until a place is opened.
  const { baseYear, ...example } = examplePlace().call;
  defaults = pricesOf(run(example).answer);
  showPrices(null);
  followErrorLinks();
  $("place-form").addEventListener("submit", (e) => e.preventDefault());
  // The example replaces a place being worked on only once the officer confirms.
  $("load-example").addEventListener("click", (e) => confirmThen(e.currentTarget, pageLanguage(), "example", () => {
    load(examplePlace().call);
    fileLine.say("example");
  }, call !== null));
  $("save-place").addEventListener("click", () => {
    if (!call) {
      fileLine.say("nothing.to.save");
      return;
    }
    const name = `place-${new Date().toISOString().slice(0, 10)}.json`;
    const file = JSON.parse(caseFile(KIND, call));
    if (answer?.type === "success") file.receipt = answer.receipt;
    download(name, JSON.stringify(file, null, 2));
    fileLine.say("saved", { name });
  });
  $("open-place").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const read = readPlaceFile(await file.text());
    e.target.value = "";
    if (read.error) {
      refuse([{ name: file.name, error: read.error }], "@file");
      return;
    }
    load(read.call);
    fileLine.say("opened", { name: file.name });
  });
  $("compare-form").addEventListener("submit", (e) => e.preventDefault());
  $("compare-places").addEventListener("change", async (e) => {
    const files = [...(e.target.files ?? [])];
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, ...readPlaceFile(await f.text()) })));
    e.target.value = "";
    const bad = read.filter((r) => r.error);
    if (bad.length) {
      refuse(bad, "@compare");
      return;
    }
    others = read;
    recalculate();
    fileLine.say("comparing", { names: read.map((r) => r.name).join(", ") });
  });
  ready = true;
  document.documentElement.dataset.ready = "true";
}

// The engine's state: loading, ready, or why it could not start (the browser's words).
const engineLine = wordLine("engine-status", words);
let ready = false;

/** After a change of language: the form, the place (or its problems), the comparison, the file line and the footer again. */
function redraw() {
  engineLine.again();
  if (!ready) return;
  const wasRefused = refused;
  renderFields();
  recalculate();
  showPrices(answer);
  fileLine.again();
  if (wasRefused) refuse(wasRefused.files, wasRefused.path, false);
}

languageSwitch(WORDS, redraw);
engineLine.say("loading");
main().catch((e) => engineLine.say("failed", { english: e.message }));
