// The neighbourhood budget planner: residents' services and priorities in,
// a penny-exact plan out, as the officer types. Uses the package's
// neighbourhood module only (the smallest engine that can do this).
//
// In English or Welsh (the shell's switch, or `?lang=cy`): every word the page
// writes is in WORDS (static texts, by id) or TEXT (what the page composes); the
// engine's own sentences (each service's explanation, the rule, what-if
// problems, its error messages where i18n.js has no Welsh) stay English and are
// marked lang="en-GB". The Welsh was written for this project and should be
// reviewed by a Welsh speaker in the council before use with the public.
import { languageSwitch, pageLanguage } from "./shell.js";
import init, { planNeighbourhood, version } from "../pkg/community_budget_neighbourhood.js";
import { caseFile, download, readCaseFile } from "../pkg/elements.js";
import {
  $, announce, clearErrors, confirmThen, el, english, followErrorLinks, formatMoney, moneyCell, receiptDetails, showErrors, table, wordLine, wordsOf,
} from "./ui.js";

const KIND = "neighbourhood-plan";
const FIELDS = [
  // [call field, id suffix, width]; the label is TEXT's `field.<call field>`
  ["name", "name", "govuk-input--width-20"],
  ["unitCost", "unit-cost", "govuk-input--width-5"],
  ["unitsWanted", "units-wanted", "govuk-input--width-4"],
  ["minUnits", "min-units", "govuk-input--width-4"],
  ["maxUnits", "max-units", "govuk-input--width-4"],
  ["priority", "priority", "govuk-input--width-4"],
];

// The page's static words, by the id of the node that shows them (see shell.js's languageSwitch).
export const WORDS = {
  title: {
    en: "Neighbourhood budget planner – community budget demo portal",
    cy: "Cynllunydd cyllideb cymdogaeth – porth arddangos cyllideb gymunedol",
  },
  "page-heading": { en: "Share a neighbourhood budget", cy: "Rhannu cyllideb cymdogaeth" },
  "page-intro": {
    en: "Residents say which services they want and how much each matters to them. Each service gets at least its minimum and at most what it can use; between those, money follows residents’ priorities. The plan updates as you type, and prints for a residents’ meeting.",
    cy: "Mae’r trigolion yn dweud pa wasanaethau y maent am eu cael a faint mae pob un yn bwysig iddynt. Mae pob gwasanaeth yn cael o leiaf ei isafswm ac ar y mwyaf yr hyn y gall ei ddefnyddio; rhwng y rheini, mae’r arian yn dilyn blaenoriaethau’r trigolion. Mae’r cynllun yn diweddaru wrth i chi deipio, a gellir ei argraffu ar gyfer cyfarfod trigolion.",
  },
  "pot-label": { en: "The pot", cy: "Y gronfa" },
  "pot-hint": { en: "In pounds and pence, for example 50000.00.", cy: "Mewn punnoedd a cheiniogau, er enghraifft 50000.00." },
  "priority-legend": { en: "How residents gave their priorities", cy: "Sut y rhoddodd y trigolion eu blaenoriaethau" },
  "priority-votes-label": { en: "Votes for each service", cy: "Pleidleisiau ar gyfer pob gwasanaeth" },
  "priority-ranking-label": { en: "A ranking (1 = most wanted)", cy: "Rhestr yn nhrefn blaenoriaeth (1 = y mwyaf o alw amdano)" },
  "services-heading": { en: "Services", cy: "Gwasanaethau" },
  "add-service": { en: "Add another service", cy: "Ychwanegu gwasanaeth arall" },
  "load-example": { en: "Fill in an example", cy: "Llenwi enghraifft" },
  "what-if-label": { en: "What if the pot were…", cy: "Beth pe bai’r gronfa’n…" },
  "what-if-hint": {
    en: "Other pot sizes to compare, separated by spaces, for example 40000 60000.",
    cy: "Meintiau eraill o gronfa i’w cymharu, wedi’u gwahanu â bylchau, er enghraifft 40000 60000.",
  },
  "save-plan": { en: "Save the plan to a file", cy: "Cadw’r cynllun mewn ffeil" },
  "open-plan-label": { en: "Open a plan file", cy: "Agor ffeil cynllun" },
  "plan-heading": { en: "The plan", cy: "Y cynllun" },
  "plan-empty": { en: "Enter the pot and the services to see the plan.", cy: "Rhowch y gronfa a’r gwasanaethau i weld y cynllun." },
  "footer-text": {
    en: "Calculations run on this device. The rule is stated with every plan.",
    cy: "Mae’r cyfrifiadau’n rhedeg ar y ddyfais hon. Nodir y rheol gyda phob cynllun.",
  },
};

// What the page composes: labels of the rows, the plan, status lines and messages.
export const TEXT = {
  loading: { en: "Loading the planner…", cy: "Wrthi’n llwytho’r cynllunydd…" },
  ready: { en: "Ready (engine {version}).", cy: "Yn barod (injan {version})." },
  failed: { en: "The planner could not start: ", cy: "Nid oedd modd cychwyn y cynllunydd: " },
  "field.name": { en: "Service {n}: service", cy: "Gwasanaeth {n}: enw’r gwasanaeth" },
  "field.unitCost": { en: "Service {n}: cost of one unit (£)", cy: "Gwasanaeth {n}: cost un uned (£)" },
  "field.unitsWanted": { en: "Service {n}: units wanted", cy: "Gwasanaeth {n}: unedau sydd eu heisiau" },
  "field.minUnits": { en: "Service {n}: fewest units", cy: "Gwasanaeth {n}: lleiafswm o unedau" },
  "field.maxUnits": { en: "Service {n}: most units (optional)", cy: "Gwasanaeth {n}: uchafswm o unedau (dewisol)" },
  "field.priority": { en: "Service {n}: votes", cy: "Gwasanaeth {n}: pleidleisiau" },
  "field.rank": { en: "Service {n}: rank (1 = most wanted)", cy: "Gwasanaeth {n}: safle (1 = y mwyaf o alw amdano)" },
  remove: { en: "Remove", cy: "Dileu" },
  "remove.hidden": { en: " service {n}", cy: " gwasanaeth {n}" },
  correct: { en: "Correct the problems shown to see the plan.", cy: "Cywirwch y problemau a ddangosir i weld y cynllun." },
  "problems.one": { en: "There is 1 problem with the form.", cy: "Mae 1 problem gyda’r ffurflen." },
  "problems.many": { en: "There are {n} problems with the form.", cy: "Mae {n} problem gyda’r ffurflen." },
  broken: { en: "The planner could not read the form: ", cy: "Nid oedd modd i’r cynllunydd ddarllen y ffurflen: " },
  allocated: { en: "Allocated ", cy: "Dyrannwyd " },
  of: { en: " of {pot}", cy: " o {pot}" },
  unallocated: { en: ", {amount} not allocated", cy: ", {amount} heb ei ddyrannu" },
  announce: { en: "Allocated {allocated} of {pot}.", cy: "Dyrannwyd {allocated} o {pot}." },
  caption: { en: "Each service’s share", cy: "Cyfran pob gwasanaeth" },
  service: { en: "Service", cy: "Gwasanaeth" },
  votes: { en: "Votes", cy: "Pleidleisiau" },
  points: { en: "Points", cy: "Pwyntiau" },
  minimum: { en: "Minimum", cy: "Isafswm" },
  maximum: { en: "Maximum", cy: "Uchafswm" },
  gets: { en: "Gets", cy: "Yn cael" },
  units: { en: "Units", cy: "Unedau" },
  "decided.by": { en: "Decided by", cy: "Penderfynwyd gan" },
  "decided.priority": { en: "Priority", cy: "Blaenoriaeth" },
  "decided.minimum": { en: "Its minimum", cy: "Ei isafswm" },
  "decided.maximum": { en: "Its maximum", cy: "Ei uchafswm" },
  why: { en: "Why each service gets what it gets", cy: "Pam mae pob gwasanaeth yn cael yr hyn a gaiff" },
  "whatIf.caption": { en: "What if the pot were different", cy: "Beth pe bai’r gronfa’n wahanol" },
  "whatIf.pot": { en: "Pot", cy: "Cronfa" },
  "whatIf.unallocated": { en: "Not allocated", cy: "Heb ei ddyrannu" },
  rule: { en: "The rule: ", cy: "Y rheol: " },
  saved: { en: "Saved the plan as {name}.", cy: "Cadwyd y cynllun fel {name}." },
  opened: { en: "Opened the plan {name}.", cy: "Agorwyd y cynllun {name}." },
  "bad.file": { en: "The file {name} is not a plan this page can open: {reason}", cy: "Nid yw’r ffeil {name} yn gynllun y gall y dudalen hon ei agor: {reason}" },
  "bad.json": { en: "it is not valid JSON", cy: "nid yw’n JSON dilys" },
  "bad.fields": { en: "it does not have the fields of a plan ({field})", cy: "nid oes ganddi feysydd cynllun ({field})" },
};
const words = wordsOf({ ...WORDS, ...TEXT });

const EXAMPLE = {
  pot: "10000.00",
  priority: "votes",
  whatIf: "3000 20000",
  services: [
    { name: "Youth club", unitCost: "100.00", unitsWanted: "30", minUnits: "", maxUnits: "", priority: "500" },
    { name: "Park clean-up", unitCost: "50.00", unitsWanted: "100", minUnits: "20", maxUnits: "", priority: "50" },
    { name: "Lunch club", unitCost: "25.00", unitsWanted: "400", minUnits: "", maxUnits: "", priority: "250" },
    { name: "Advice sessions", unitCost: "200.00", unitsWanted: "20", minUnits: "", maxUnits: "", priority: "200" },
  ],
};

const emptyService = () => ({ name: "", unitCost: "", unitsWanted: "", minUnits: "", maxUnits: "", priority: "" });
const state = { pot: "", priority: "votes", whatIf: "", services: [emptyService()] };
const EMPTY = JSON.stringify(state);
const hasWork = () => JSON.stringify(state) !== EMPTY;

const slug = (name, i) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "service"}-${i + 1}`;

/** The call the form describes; empty service rows are placeholders, not services. */
function buildCall() {
  const rows = [];
  const services = [];
  state.services.forEach((s, i) => {
    if (Object.values(s).every((v) => v === "")) return;
    rows.push(i);
    const service = { id: slug(s.name, i), name: s.name, unitCost: s.unitCost, unitsWanted: s.unitsWanted };
    if (s.minUnits !== "") service.minUnits = s.minUnits;
    if (s.maxUnits !== "") service.maxUnits = s.maxUnits;
    service[state.priority === "ranking" ? "rank" : "votes"] = s.priority;
    services.push(service);
  });
  const whatIfPots = state.whatIf.split(/\s+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? `${p}.00` : p));
  return { call: { pot: state.pot, priority: state.priority, services, whatIfPots }, rows };
}

let rows = [];
function idFor(path) {
  if (!path || path === "pot") return "pot";
  if (path.startsWith("whatIfPots")) return "what-if";
  if (path === "@open-plan") return "open-plan";
  const m = /^services\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (m) {
    const field = { name: "name", id: "name", unitCost: "unit-cost", unitsWanted: "units-wanted", minUnits: "min-units", maxUnits: "max-units", votes: "priority", rank: "priority" }[m[2]] ?? "name";
    return `service-${rows[Number(m[1])] ?? 0}-${field}`;
  }
  return "pot";
}

function renderServices(focus) {
  const container = $("services");
  container.replaceChildren();
  state.services.forEach((s, i) => {
    const n = i + 1;
    const groups = FIELDS.map(([field, suffix, width]) => {
      const id = `service-${i}-${suffix}`;
      const label = field === "priority" && state.priority === "ranking" ? "field.rank" : `field.${field}`;
      return el("div", { class: "govuk-form-group", id: `${id}-group` },
        el("label", { class: "govuk-label", for: id, text: words(label, { n }) }),
        el("p", { class: "govuk-error-message", id: `${id}-error`, hidden: true }),
        el("input", {
          class: `govuk-input ${width}`, id, value: s[field], autocomplete: "off", spellcheck: field === "name" ? "true" : "false",
          inputmode: field === "name" ? undefined : field === "unitCost" ? "decimal" : "numeric",
          oninput: (e) => { s[field] = e.target.value.trim(); recalculate(); },
        }));
    });
    container.append(el("div", { class: "cb-row", id: `service-${i}` }, groups,
      el("button", {
        type: "button", class: "govuk-button govuk-button--secondary",
        onclick: () => {
          state.services.splice(i, 1);
          if (!state.services.length) state.services.push(emptyService());
          renderServices(Math.min(i, state.services.length - 1));
          recalculate();
        },
      }, words("remove"), el("span", { class: "govuk-visually-hidden", text: words("remove.hidden", { n }) }))));
  });
  if (focus !== undefined) $(`service-${focus}-name`)?.focus();
}

function renderPlan(answer) {
  const unit = words(answer.priority === "ranking" ? "points" : "votes");
  const summary = el("p", { class: "govuk-body-l", id: "plan-summary" },
    words("allocated"), el("strong", { text: formatMoney(answer.allocated) }), words("of", { pot: formatMoney(answer.pot) }),
    answer.unallocated !== "0.00" ? words("unallocated", { amount: formatMoney(answer.unallocated) }) : "");
  const rowsOut = answer.services.map((s) => el("tr", { class: "govuk-table__row" },
    el("th", { scope: "row", class: "govuk-table__header", text: s.name }),
    el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: String(s.points) }),
    moneyCell(s.minimum), moneyCell(s.maximum),
    moneyCell(s.allocation, { id: `allocation-${s.id}` }),
    el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: String(s.unitsFunded) }),
    el("td", { class: "govuk-table__cell", text: words(`decided.${s.decidedBy === "priority" || s.decidedBy === "minimum" ? s.decidedBy : "maximum"}`) })));
  const planTable = table("plan-table", words("caption"),
    [[words("service")], [unit, true], [words("minimum"), true], [words("maximum"), true], [words("gets"), true], [words("units"), true], [words("decided.by")]], rowsOut);
  // Each service's explanation and what would change it are the engine's sentences (English).
  const why = el("div", { id: "plan-why" }, el("h3", { class: "govuk-heading-s", text: words("why") }),
    el("ul", { class: "govuk-list govuk-list--bullet" }, answer.services.map((s) => el("li", {},
      el("strong", { text: `${s.name}: ` }), english(s.explanation),
      s.whatWouldChange.length ? el("span", { class: "cb-source", lang: "en-GB", text: ` ${s.whatWouldChange.join(" ")}` }) : null))));
  const whatIf = answer.whatIf.length
    ? table("what-if-table", words("whatIf.caption"), [[words("whatIf.pot")], ...answer.services.map((s) => [s.name, true]), [words("whatIf.unallocated"), true]],
      answer.whatIf.map((w) => el("tr", { class: "govuk-table__row" },
        el("th", { scope: "row", class: "govuk-table__header", text: formatMoney(w.pot) }),
        ...(w.problem
          ? [el("td", { class: "govuk-table__cell", colspan: String(answer.services.length + 1), lang: "en-GB", text: w.problem })]
          : [...w.allocations.map((a) => moneyCell(a)), moneyCell(w.unallocated)]))))
    : null;
  $("plan").replaceChildren(summary, planTable, why, whatIf,
    el("div", { class: "govuk-inset-text" }, el("p", { class: "govuk-body" }, words("rule"), english(answer.rule))),
    receiptDetails(answer.receipt));
}

let answer = null;
function recalculate() {
  const built = buildCall();
  rows = built.rows;
  clearErrors();
  refused = null;
  if (!built.call.services.length || state.pot === "") {
    $("plan").replaceChildren(el("p", { class: "govuk-body", id: "plan-empty", text: words("plan-empty") }));
    return;
  }
  try {
    answer = planNeighbourhood(built.call);
  } catch (e) {
    showErrors([{ message: [words("broken"), english(e.message)] }], idFor);
    return;
  }
  if (answer.type === "failure") {
    showErrors(answer.errors, idFor);
    $("plan").replaceChildren(el("p", { class: "govuk-body", text: words("correct") }));
    const n = answer.errors.length;
    announce(words(n === 1 ? "problems.one" : "problems.many", { n }));
    return;
  }
  renderPlan(answer);
  announce(words("announce", { allocated: formatMoney(answer.allocated), pot: formatMoney(answer.pot) }));
}

// The file line (saved, opened) and a refused file, kept so that a change of language says them again.
const fileLine = wordLine("file-message", words);
let refused = null;

/** Refuses a plan file: why (`[reason key, values]`) in the error summary, at the file field, focus on the summary. */
function refuse(name, reason, focus = true) {
  clearErrors();
  fileLine.say(null);
  showErrors([{ message: words("bad.file", { name, reason: words(...reason) }), path: "@open-plan" }], idFor);
  refused = { name, reason };
  if (focus) $("error-summary").focus();
}

function load(plan) {
  state.pot = plan.pot;
  state.priority = plan.priority;
  state.whatIf = plan.whatIf ?? "";
  state.services = plan.services.map((s) => ({ ...emptyService(), ...s }));
  $("pot").value = state.pot;
  $("what-if").value = state.whatIf;
  $(`priority-${state.priority}`).checked = true;
  renderServices();
  recalculate();
}

/** The path of the first field a plan file cannot have, or null. */
function checkPlan(plan) {
  const text = (v) => typeof v === "string";
  if (typeof plan !== "object" || plan === null) return "";
  if (!text(plan.pot)) return ".pot";
  if (plan.priority !== "votes" && plan.priority !== "ranking") return ".priority";
  if (!Array.isArray(plan.services)) return ".services";
  for (const [i, s] of plan.services.entries()) {
    for (const f of FIELDS.map(([field]) => field)) if (!text(s?.[f])) return `.services[${i}].${f}`;
  }
  return null;
}

async function main() {
  await init();
  engineLine.say("ready", { version: version() });
  followErrorLinks();
  $("pot").addEventListener("input", (e) => { state.pot = e.target.value.trim(); recalculate(); });
  $("what-if").addEventListener("input", (e) => { state.whatIf = e.target.value.trim(); recalculate(); });
  for (const kind of ["votes", "ranking"]) {
    $(`priority-${kind}`).addEventListener("change", () => { state.priority = kind; renderServices(); recalculate(); });
  }
  $("add-service").addEventListener("click", () => { state.services.push(emptyService()); renderServices(state.services.length - 1); });
  // The example replaces the officer's plan only once they confirm.
  $("load-example").addEventListener("click", (e) => confirmThen(e.currentTarget, pageLanguage(), "example", () => load(EXAMPLE), hasWork()));
  $("plan-form").addEventListener("submit", (e) => e.preventDefault());
  $("save-plan").addEventListener("click", () => {
    const name = `neighbourhood-plan-${new Date().toISOString().slice(0, 10)}.json`;
    download(name, caseFile(KIND, { ...state, receipt: answer?.type === "success" ? answer.receipt : undefined }));
    fileLine.say("saved", { name });
  });
  $("open-plan").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const read = readCaseFile(await file.text(), KIND, checkPlan);
    e.target.value = "";
    if (read.error) {
      refuse(file.name, read.error === "json" ? ["bad.json"] : ["bad.fields", { field: read.error }]);
      return;
    }
    load(read.call);
    fileLine.say("opened", { name: file.name });
  });
  renderServices();
  ready = true;
  document.documentElement.dataset.ready = "true";
}

// The engine's state: loading, ready, or why it could not start (the browser's words).
const engineLine = wordLine("engine-status", words);
let ready = false;

/** After a change of language: the rows, the plan (or its problems), the file line and the engine's state again. */
function redraw() {
  engineLine.again();
  if (!ready) return;
  const wasRefused = refused;
  renderServices();
  recalculate();
  fileLine.again();
  if (wasRefused) refuse(wasRefused.name, wasRefused.reason, false);
}

languageSwitch(WORDS, redraw);
engineLine.say("loading");
main().catch((e) => engineLine.say("failed", { english: e.message }));
