// The demo portal's partner-returns page: a pooled budget's returns per
// partner, worked out by the engine's `poolReturns` on every edit.
//
// The page builds one call: an appraisal of the programme (its costs are the
// partners' contributions) and the partners. It never does arithmetic on
// money: every amount on screen is one of the engine's decimal strings; the
// chart places its bars with JS numbers (geometry only) and labels them with
// the engine's strings. Percentages typed become rates by moving the decimal
// point in the text.
import "./shell.js";
import init, { appraisalDefaults, poolReturns, version } from "../pkg/community_budget.js";
import { pricesLine, pricesOf } from "../pkg/elements.js";
import { shapeOf } from "../pkg/case-store.js";
import {
  $, announce, answerOf, confirmThen, el, followErrorLinks, formatMoney, formGroup, keepCase, moneyCell, percentToRate, receiptDetails,
  rowList, svg, table,
} from "./ui.js";


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
let kept = { changed() {} };
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
      formGroup("cohort", "Families in the programme", input("cohort", state.cohort, (v) => { state.cohort = v; }, { mode: "numeric" })),
      percent("engagement", "engagement", "Take part"),
      percent("success", "success", "Of those, turned around"),
      percent("deadweight", "deadweight", "Would have anyway")),
    el("div", { class: "cb-row" },
      formGroup("duration", "Savings last", input("duration", state.duration, (v) => { state.duration = v; }, { width: "govuk-input--width-3", mode: "numeric", suffix: "years" }), { hint: "From year 1" }),
      percent("drop-off", "dropOff", "Fade each year by")),
    el("div", { class: "cb-row" },
      formGroup("schedule", "Discount rate", select("schedule", state.schedule, [
        ["greenBook", "Green Book: 3.5% a year to year 30, then declining"],
        ["health", "Green Book health: 1.5% a year to year 30, then declining"],
        ["sensitivity", "Green Book 2026 sensitivity test: 3.0% a year to year 30, then declining (no pure time preference)"],
        ["custom", "One rate of your own"],
      ], (v) => { state.schedule = v; renderProgramme(); })),
      state.schedule === "custom" ? percent("rate", "rate", "Your rate a year") : null),
  );
}

/** The rows of a list; removing one redraws the lists and recalculates. */
function rows(container, list, make, label, focusIndex) {
  rowList(container, list, make, label, focusIndex, () => { renderLists(); recalculate(); });
}

function renderValues(focusIndex) {
  const gradeOptions = [["", "Choose"], ...grades.map((g) => [String(g.grade), `Grade ${g.grade}`])];
  rows("values", state.values, (v, i) => [
    formGroup(`value-${i}-agency`, `Agency ${i + 1}`, input(`value-${i}-agency`, v.agency, (x) => { v.agency = x; }, { width: "govuk-input--width-10" })),
    formGroup(`value-${i}-amount`, `Saves a year`, input(`value-${i}-amount`, v.amount, (x) => { v.amount = x.trim(); }, { width: "govuk-input--width-5", mode: "decimal", prefix: "£" })),
    formGroup(`value-${i}-grade`, "Evidence", select(`value-${i}-grade`, v.grade, gradeOptions, (x) => { v.grade = x; })),
    formGroup(`value-${i}-cashable`, "Cashable", input(`value-${i}-cashable`, v.cashable, (x) => { v.cashable = x; }, { width: "govuk-input--width-3", mode: "decimal", suffix: "%" })),
  ], "agency", focusIndex);
}

function renderPartners(focusIndex) {
  rows("partners", state.partners, (p, i) => [
    formGroup(`partner-${i}-name`, `Partner ${i + 1}`, input(`partner-${i}-name`, p.name, (x) => { p.name = x; renderContributions(); }, { width: "govuk-input--width-10" })),
    formGroup(`partner-${i}-agencies`, "Receives the savings of", input(`partner-${i}-agencies`, p.agencies, (x) => { p.agencies = x; }, { width: "govuk-input--width-20" })),
  ], "partner", focusIndex);
}

function renderContributions(focusIndex) {
  const partnerOptions = state.partners.map((p, i) => [String(i), p.name || `Partner ${i + 1}`]);
  rows("contributions", state.contributions, (c, i) => [
    formGroup(`contribution-${i}-partner`, `Contribution ${i + 1}: from`, select(`contribution-${i}-partner`, c.partner, partnerOptions, (x) => { c.partner = x; })),
    formGroup(`contribution-${i}-year`, "Year", input(`contribution-${i}-year`, c.year, (x) => { c.year = x; }, { width: "govuk-input--width-3", mode: "numeric" })),
    formGroup(`contribution-${i}-kind`, "Kind", select(`contribution-${i}-kind`, c.kind, [["cash", "Cash"], ["inKind", "In kind"]], (x) => { c.kind = x; })),
    formGroup(`contribution-${i}-amount`, "Amount", input(`contribution-${i}-amount`, c.amount, (x) => { c.amount = x.trim(); }, { width: "govuk-input--width-10", mode: "decimal", prefix: "£" })),
  ], "contribution", focusIndex);
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
  $("footer-prices").textContent = pricesLine("en", { ...prices, discounting });
}

function recalculate() {
  const { call, places } = buildCall();
  kept.changed();
  showPrices(null);
  const answer = answerOf({
    empty: JSON.stringify(state) === JSON.stringify(EMPTY),
    placeholders: ["Fill in the form, or an example, to see the figures.", "The table, chart and transfers appear here."],
    compute: () => poolReturns(call),
    broken: "The calculator could not read the form",
    idFor: (path) => fieldFor(path, places),
    correct: "Correct the problems shown to see the figures.",
    onAnswer: (got) => { lastAnswer = got; showPrices(got); },
  });
  if (!answer) return;
  render(answer);
  announce(`The pool returns ${answer.pool.roi ?? "nothing measurable"} for each £1 put in; net ${formatMoney(answer.pool.netPv)}.`);
}

// -------------------------------------------------------------- rendering

function paybackText(p) {
  if (p.status === "never") return "not within the appraisal";
  return p.year === 0 ? "at once" : `in year ${p.year} (${p.years} years)`;
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
    el("p", { class: "govuk-body" }, "Return on the pool",
      el("strong", { class: "govuk-!-font-size-36 cb-figure", id: "pool-roi", text: pool.roi ?? "not defined" })),
    el("dl", { class: "govuk-summary-list" },
      summaryRow("Put in", formatMoney(pool.contribution.pv), "pool-in"),
      summaryRow("Saved", formatMoney(pool.benefit.pv), "pool-saved"),
      summaryRow("Net", formatMoney(pool.netPv), "pool-net"),
      summaryRow("Cashable", formatMoney(pool.benefit.cashablePv), "pool-cashable")),
    el("p", { class: "govuk-body-s", text: `Present values at ${answer.baseYear} prices over years 0 to ${answer.horizon}; a return is what is saved for each £1 put in.` }),
  );

  const partnerTable = table(
    "partner-returns",
    "Each partner: what it puts in and gets back, at present value",
    [["Partner"], ["Receives the savings of"], ["Puts in", true], ["Gets back", true], ["Cashable", true], ["Net", true], ["Return", true], ["Share of the pool", true], ["Pays back"]],
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
    el("p", { class: "govuk-body", text: "Savings outside the pool (no partner receives them):" }),
    el("ul", { class: "govuk-list govuk-list--bullet" }, answer.outside.map((o) => el("li", { text: `${o.agency}: ${formatMoney(o.benefitPv)}` })))) : null;

  const notes = answer.notes.length ? el("div", { class: "govuk-warning-text" },
    el("span", { class: "govuk-warning-text__icon", "aria-hidden": "true", text: "!" }),
    el("div", { class: "govuk-warning-text__text" },
      el("span", { class: "govuk-visually-hidden", text: "Warning" }),
      el("ul", { class: "govuk-list", id: "notes" }, answer.notes.map((n) => el("li", { text: n.message }))))) : null;

  $("results").replaceChildren(...[
    partnerTable,
    outside,
    rebalancingSection(answer),
    notes,
    receiptDetails(answer.receipt, [["Scenario", answer.scenario]]),
  ].filter(Boolean));
}

function rebalancingSection(answer) {
  if (!answer.rebalancing.length) {
    return el("p", { class: "govuk-body", id: "rebalancing", text: "No partner puts anything in, so there is nothing to rebalance by." });
  }
  const chosen = answer.rebalancing.find((r) => r.basis === state.basis) ?? answer.rebalancing[0];
  const radios = el("div", { class: "govuk-radios govuk-radios--inline", "data-module": "govuk-radios" },
    answer.rebalancing.map((r) => el("div", { class: "govuk-radios__item" },
      el("input", {
        class: "govuk-radios__input", id: `basis-${r.basis}`, name: "basis", type: "radio", value: r.basis,
        checked: r.basis === chosen.basis,
        onchange: () => { state.basis = r.basis; render(lastAnswer); $(`basis-${r.basis}`).focus(); },
      }),
      el("label", { class: "govuk-label govuk-radios__label", for: `basis-${r.basis}`, text: r.basis === "fiscal" ? "All fiscal savings" : "Cashable savings only" }))));
  const basis = el("div", { class: "govuk-form-group" },
    el("fieldset", { class: "govuk-fieldset", "aria-describedby": "basis-hint" },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s", text: "Rebalance" }),
      el("div", { class: "govuk-hint", id: "basis-hint", text: chosen.description }),
      radios));
  const rebalanced = table(
    "rebalanced",
    `After rebalancing ${formatMoney(chosen.total)} in proportion to what each partner put in`,
    [["Partner"], ["Its share", true], ["Receives (+) or pays (−)", true], ["Gets back after", true], ["Net after", true], ["Return after", true]],
    chosen.partners.map((p) => el("tr", { class: "govuk-table__row" },
      header(p.name), moneyCell(p.target), moneyCell(p.transfer), moneyCell(p.benefitAfter), moneyCell(p.netAfter), numeric(p.roiAfter ?? "—"))),
  );
  const settlement = el("div", {},
    el("h3", { class: "govuk-heading-s", text: `Who pays whom: ${chosen.transfers.length} ${chosen.transfers.length === 1 ? "payment" : "payments"}${chosen.fewest ? " (the fewest possible)" : ""}` }),
    chosen.transfers.length
      ? el("ul", { class: "govuk-list govuk-list--bullet", id: "transfers" }, chosen.transfers.map((t) => el("li", { text: `${t.from} pays ${t.to} ${formatMoney(t.amount)}` })))
      : el("p", { class: "govuk-body", id: "transfers", text: "Nothing to pay: every partner already has its share." }));
  return el("section", { id: "rebalancing", "aria-labelledby": "rebalancing-heading" },
    el("h2", { class: "govuk-heading-m", id: "rebalancing-heading", text: "Rebalancing" }),
    basis, chart(answer, chosen), rebalanced, settlement);
}

// ----------------------------------------------------------------- chart

const WIDTH = 640;
const HEIGHT = 280;
const PAD = { left: 16, right: 16, top: 16, bottom: 40 };
const SERIES = [
  ["contribution", "Puts in"],
  ["benefit", "Gets back"],
  ["net", "Net"],
  ["benefitAfter", "Gets back after rebalancing"],
  ["netAfter", "Net after rebalancing"],
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
    SERIES.map(([key, label], s) => {
      const v = Number(f[key]);
      const top = Math.min(y(v), y(0));
      return svg("rect", {
        class: `cb-series-${s}`, x: (PAD.left + g * group + group * 0.1 + s * bar).toFixed(1), y: top.toFixed(1),
        width: (bar * 0.9).toFixed(1), height: Math.max(Math.abs(y(v) - y(0)), 0.5).toFixed(1),
        "data-partner": f.name, "data-series": key,
      }, svg("title", { text: `${f.name}, ${label.toLowerCase()}: ${formatMoney(f[key])}` }));
    }),
    svg("text", { class: "cb-axis-label", x: (PAD.left + (g + 0.5) * group).toFixed(1), y: HEIGHT - 16, "text-anchor": "middle", text: f.name }),
  ]);
  const node = svg("svg", {
    id: "chart-partners", class: "cb-chart__svg", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-labelledby": "chart-partners-caption chart-partners-desc",
  },
  svg("desc", { id: "chart-partners-desc", text: figures.map((f) => `${f.name}: puts in ${formatMoney(f.contribution)}, gets back ${formatMoney(f.benefit)}, net ${formatMoney(f.net)}; after rebalancing ${formatMoney(f.benefitAfter)}, net ${formatMoney(f.netAfter)}.`).join(" ") }),
  bars,
  svg("line", { class: "cb-axis cb-zero", id: "zero-line", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0).toFixed(1), y2: y(0).toFixed(1) }));
  const legend = el("ul", { class: "cb-legend govuk-list" }, SERIES.map(([, label], s) => el("li", {},
    el("span", { class: `cb-swatch cb-series-${s}`, "aria-hidden": "true" }), label)));
  return el("figure", { class: "cb-chart" },
    el("figcaption", { class: "govuk-body govuk-!-font-weight-bold", id: "chart-partners-caption", text: `Each partner before and after rebalancing (${chosen.basis === "fiscal" ? "all fiscal savings" : "cashable savings only"}), at present value` }),
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
  $("load-example").addEventListener("click", (e) => confirmThen(e.currentTarget, "en", "example", () => load(EXAMPLE), hasWork()));
  $("clear-all").addEventListener("click", (e) => confirmThen(e.currentTarget, "en", "clear", () => { load(EMPTY); $("cohort").focus(); }, hasWork()));
  $("add-value").addEventListener("click", () => { state.values.push({ agency: "", amount: "", grade: "", cashable: "" }); renderValues(state.values.length - 1); });
  $("add-partner").addEventListener("click", () => { state.partners.push({ name: "", agencies: "" }); renderPartners(state.partners.length - 1); renderContributions(); });
  $("add-contribution").addEventListener("click", () => { state.contributions.push({ partner: "0", year: "0", kind: "cash", amount: "" }); renderContributions(state.contributions.length - 1); });
  $("pool-form").addEventListener("submit", (e) => e.preventDefault());
  followErrorLinks();
  load(EMPTY);
  kept = keepCase({ formId: "pool-form", kind: "partners", schema: SCHEMA, current: () => state, load, idFor: (path) => fieldFor(path, buildCall().places) });
  await kept.restore();
  $("engine-status").textContent = "Ready: each partner’s return is worked out in this browser as you type.";
  document.documentElement.dataset.ready = "true";
}

main().catch((e) => {
  $("engine-status").textContent = `The calculator could not start: ${e.message}`;
});
