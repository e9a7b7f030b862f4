// The demo portal's savings calculator: a cost-benefit appraisal of one
// programme, worked out by the engine's `appraise` on every edit.
//
// Like the family-cost page, it uses only the package's public surface and
// never does arithmetic on money: every amount on screen is one of the
// engine's decimal strings. The charts place their bars and points with JS
// numbers (geometry only); their labels are the engine's strings. Percentages
// typed by the officer become rates ("80" → "0.8") by moving the decimal point
// in the text, not by floating-point division. Value for money is shown as the
// Green Book 2026 reads it: the net present value, who benefits, the returns and
// payback side by side, no single ratio deciding it; a checkbox adds the Green
// Book 2026 sensitivity test (no pure time preference) beside the central case.
import init, { appraise, loadUnitCostTable, readUnitCostTable, unitCosts, version } from "../pkg/community_budget_appraisal.js";
import { PricingFields, pricesLine, pricesOf, tableLoader } from "../pkg/elements.js";
import {
  $, announce, clearErrors, el, followErrorLinks, formatMoney, formGroup, moneyCell, percentToRate, rateToPercent,
  receiptDetails, showErrors, tableOf,
} from "./ui.js";

const SVG = "http://www.w3.org/2000/svg";

// domain.md WE6: 100 families, 80% engage, 50% succeed, 20% deadweight, £2,000 a
// year per success (police £1,000, council £600, NHS £400, evidence grade 3),
// three years fading 20% a year, £60,000 in year 0; in today's money (the
// price year the page opens at), as the values are the council's own.
const EXAMPLE = {
  name: "Family intervention", cohort: "100", schedule: "greenBook", sensitivity: false,
  costs: [{ year: "0", funder: "Council", amount: "60000" }],
  outcome: {
    name: "Family turned around", engagement: "80", success: "50", deadweight: "20",
    lag: "0", duration: "3", dropOff: "20",
  },
  values: [
    { code: "", quantity: "", description: "Police time", agency: "Police", amount: "1000", grade: "3" },
    { code: "", quantity: "", description: "Council services", agency: "Local Authority", amount: "600", grade: "3" },
    { code: "", quantity: "", description: "Health services", agency: "NHS", amount: "400", grade: "3" },
  ],
  cashable: [{ agency: "Police", share: "50" }],
};

const EMPTY = {
  name: "", cohort: "", schedule: "greenBook", sensitivity: false,
  costs: [emptyCost()],
  outcome: { name: "", engagement: "", success: "", deadweight: "", lag: "0", duration: "", dropOff: "0" },
  values: [emptyValue()],
  cashable: [],
};

let state = structuredClone(EMPTY);
let pricing = null; // the price year, unit-cost table, deflator series and council table (the package's PricingFields)
let grades = []; // the optimism-bias table, from the engine's own answer
let discounting = null; // the default discount schedule, from the same answer

function emptyCost() {
  return { year: "", funder: "", amount: "" };
}

function emptyValue() {
  return { code: "", quantity: "", description: "", agency: "", amount: "", grade: "" };
}

// ------------------------------------------------------------------- form

function input(id, value, onInput, { width = "govuk-input--width-5", mode, list, suffix, prefix } = {}) {
  const field = el("input", {
    class: `govuk-input ${width}`, id, value, autocomplete: "off", spellcheck: "false", inputmode: mode, list,
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
  $("programme").replaceChildren(
    formGroup("scenario-name", "Name of the programme", input("scenario-name", state.name, (v) => { state.name = v; }, { width: "govuk-input--width-20" })),
    formGroup("cohort", "Families in the programme", input("cohort", state.cohort, (v) => { state.cohort = v; }, { mode: "numeric" })),
    formGroup("schedule", "Discount rate", select("schedule", state.schedule, [
      ["greenBook", "Green Book: 3.5% a year to year 30, then declining"],
      ["health", "Green Book health: 1.5% a year to year 30, then declining"],
      ["sensitivity", "Green Book 2026 sensitivity test: 3.0% a year to year 30, then declining (no pure time preference)"],
    ], (v) => { state.schedule = v; })),
    el("div", { class: "govuk-form-group", id: "sensitivity-group" },
      el("p", { class: "govuk-error-message", id: "sensitivity-error", hidden: true }),
      el("div", { class: "govuk-checkboxes govuk-checkboxes--small" },
        el("div", { class: "govuk-checkboxes__item" },
          el("input", {
            class: "govuk-checkboxes__input", id: "sensitivity", type: "checkbox", checked: state.sensitivity, "aria-describedby": "sensitivity-hint",
            onchange: (e) => { state.sensitivity = e.target.checked; recalculate(); },
          }),
          el("label", { class: "govuk-label govuk-checkboxes__label", for: "sensitivity", text: "Also show the Green Book 2026 sensitivity test (no pure time preference)" }),
          el("div", {
            class: "govuk-hint govuk-checkboxes__hint", id: "sensitivity-hint",
            text: "The central case again, discounted with the Green Book 2026 schedule that has no pure time preference (3.0% a year to year 30, then declining), everything else equal. The Green Book advises it for projects whose effects last beyond 50 years.",
          })))),
  );
}

function rows(container, list, make, label, focusIndex) {
  const node = $(container);
  node.replaceChildren();
  list.forEach((row, i) => {
    node.append(el("div", { class: "cb-row", id: `${container}-${i}` }, make(row, i),
      el("button", {
        type: "button", class: "govuk-button govuk-button--secondary",
        onclick: () => { list.splice(i, 1); renderLists(); recalculate(); },
      }, "Remove", el("span", { class: "govuk-visually-hidden", text: ` ${label} ${i + 1}` }))));
  });
  if (focusIndex !== undefined) node.querySelector(`#${container}-${focusIndex} input`)?.focus();
}

function renderCosts(focusIndex) {
  rows("costs", state.costs, (c, i) => [
    formGroup(`cost-${i}-year`, `Cost ${i + 1}: year`, input(`cost-${i}-year`, c.year, (v) => { c.year = v; }, { width: "govuk-input--width-3", mode: "numeric" })),
    formGroup(`cost-${i}-funder`, `Cost ${i + 1}: who pays`, input(`cost-${i}-funder`, c.funder, (v) => { c.funder = v; }, { width: "govuk-input--width-10" })),
    formGroup(`cost-${i}-amount`, `Cost ${i + 1}: amount`, input(`cost-${i}-amount`, c.amount, (v) => { c.amount = v; }, { width: "govuk-input--width-10", mode: "decimal", prefix: "£" })),
  ], "cost", focusIndex);
}

function renderOutcome() {
  const o = state.outcome;
  const percent = (id, key, label) => formGroup(id, label, input(id, o[key], (v) => { o[key] = v; }, { width: "govuk-input--width-3", mode: "decimal", suffix: "%" }));
  const years = (id, key, label, hint) => formGroup(id, label, input(id, o[key], (v) => { o[key] = v; }, { width: "govuk-input--width-3", mode: "numeric", suffix: "years" }), { hint });
  $("outcome").replaceChildren(
    formGroup("outcome-name", "Outcome", input("outcome-name", o.name, (v) => { o.name = v; }, { width: "govuk-input--width-20" })),
    el("div", { class: "cb-row" },
      percent("engagement", "engagement", "Take part (engagement)"),
      percent("success", "success", "Of those, succeed"),
      percent("deadweight", "deadweight", "Would have anyway (deadweight)")),
    el("div", { class: "cb-row" },
      years("lag", "lag", "Benefit starts after", "0: in year 1"),
      years("duration", "duration", "Benefit lasts"),
      percent("drop-off", "dropOff", "Fades each year by")),
  );
}

function renderValues(focusIndex) {
  const gradeOptions = [["", "From the unit cost’s RAG rating"], ...grades.map((g) => [String(g.grade), `Grade ${g.grade}: cut by ${rateToPercent(g.reduction)}`])];
  rows("values", state.values, (v, i) => [
    formGroup(`value-${i}-code`, `Value ${i + 1}: unit-cost code`, input(`value-${i}-code`, v.code, (x) => { v.code = x.trim(); }, { width: "govuk-input--width-5", list: "unit-cost-options" })),
    formGroup(`value-${i}-quantity`, `Value ${i + 1}: fewer units a year`, input(`value-${i}-quantity`, v.quantity, (x) => { v.quantity = x.trim(); }, { width: "govuk-input--width-3", mode: "decimal" })),
    formGroup(`value-${i}-description`, `Value ${i + 1}: or your own value, for`, input(`value-${i}-description`, v.description, (x) => { v.description = x; }, { width: "govuk-input--width-10" })),
    formGroup(`value-${i}-agency`, `Value ${i + 1}: agency that saves`, input(`value-${i}-agency`, v.agency, (x) => { v.agency = x; }, { width: "govuk-input--width-10" })),
    formGroup(`value-${i}-amount`, `Value ${i + 1}: a year`, input(`value-${i}-amount`, v.amount, (x) => { v.amount = x.trim(); }, { width: "govuk-input--width-5", mode: "decimal", prefix: "£" })),
    formGroup(`value-${i}-grade`, `Value ${i + 1}: evidence`, select(`value-${i}-grade`, v.grade, gradeOptions, (x) => { v.grade = x; })),
  ], "value", focusIndex);
}

function renderCashable(focusIndex) {
  rows("cashable", state.cashable, (c, i) => [
    formGroup(`cashable-${i}-agency`, `Cashable ${i + 1}: agency`, input(`cashable-${i}-agency`, c.agency, (v) => { c.agency = v; }, { width: "govuk-input--width-10" })),
    formGroup(`cashable-${i}-share`, `Cashable ${i + 1}: share`, input(`cashable-${i}-share`, c.share, (v) => { c.share = v; }, { width: "govuk-input--width-3", mode: "decimal", suffix: "%" })),
  ], "cashable share", focusIndex);
}

function renderLists() {
  renderCosts();
  renderValues();
  renderCashable();
}

// ------------------------------------------------------------ calculating

const blank = (row) => Object.values(row).every((v) => v === "");

/** The call from the form, and which form row each row of the call came from. */
function buildCall() {
  const costRows = [];
  const valueRows = [];
  const costs = [];
  state.costs.forEach((c, i) => {
    if (blank(c)) return;
    costRows.push(i);
    costs.push({ year: c.year, funder: c.funder, amount: c.amount });
  });
  const values = [];
  state.values.forEach((v, i) => {
    if (blank(v)) return;
    valueRows.push(i);
    const value = v.code ? { code: v.code } : { description: v.description, agency: v.agency, amount: v.amount };
    if (v.code && v.quantity) value.quantity = v.quantity;
    if (v.grade) value.grade = Number(v.grade);
    values.push(value);
  });
  const o = state.outcome;
  const outcome = {
    name: o.name, engagement: percentToRate(o.engagement), success: percentToRate(o.success),
    deadweight: percentToRate(o.deadweight), lagYears: o.lag, durationYears: o.duration,
    dropOff: percentToRate(o.dropOff), values,
    cashable: state.cashable.filter((c) => !blank(c)).map((c) => ({ agency: c.agency, share: percentToRate(c.share) })),
  };
  const call = {
    ...pricing.callFields(),
    discounting: state.sensitivity ? { schedule: state.schedule, sensitivity: true } : { schedule: state.schedule },
    scenarios: [{ name: state.name, cohort: state.cohort, costs, outcomes: [outcome] }],
  };
  return { call, costRows, valueRows };
}

const OUTCOME_FIELDS = {
  name: "outcome-name", engagement: "engagement", success: "success", deadweight: "deadweight",
  lagYears: "lag", durationYears: "duration", dropOff: "drop-off",
};

/** The id of the input an error path points at. */
function fieldFor(path, costRows, valueRows) {
  const p = path ?? "";
  const priced = pricing.fieldFor(p);
  if (priced) return priced;
  let m = /^scenarios\[0\]\.costs\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `cost-${costRows[Number(m[1])] ?? 0}-${m[2]}`;
  m = /^scenarios\[0\]\.outcomes\[0\]\.values\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `value-${valueRows[Number(m[1])] ?? 0}-${m[2] === "rag" ? "grade" : m[2] === "priceYear" ? "amount" : m[2]}`;
  m = /^scenarios\[0\]\.outcomes\[0\]\.cashable\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `cashable-${m[1]}-${m[2]}`;
  m = /^scenarios\[0\]\.outcomes\[0\]\.(\w+)/.exec(p);
  if (m) return OUTCOME_FIELDS[m[1]] ?? "outcome-name";
  if (p === "scenarios[0].cohort") return "cohort";
  if (p === "discounting.sensitivity") return "sensitivity";
  if (p.startsWith("discounting")) return "schedule";
  return "scenario-name";
}

function recalculate() {
  const { call, costRows, valueRows } = buildCall();
  const idFor = (path) => fieldFor(path, costRows, valueRows);
  clearErrors();
  if (JSON.stringify(state) === JSON.stringify(EMPTY)) {
    showPrices(null);
    // Nothing typed yet: nothing to correct either.
    $("summary").replaceChildren(el("p", { class: "govuk-body", text: "Fill in the form, or an example, to see the figures." }));
    $("results").replaceChildren(el("p", { class: "govuk-body", text: "The charts and tables appear here." }));
    announce("");
    return;
  }
  let answer;
  try {
    answer = appraise(call);
  } catch (e) {
    // Only a call of the wrong shape throws; the form never builds one, so this is a bug.
    showErrors([{ message: `The calculator could not read the form: ${e.message}` }], idFor);
    return;
  }
  document.dispatchEvent(new CustomEvent("community-budget:appraisal", { detail: answer }));
  showPrices(answer);
  if (answer.type === "failure") {
    showErrors(answer.errors, idFor);
    const correct = () => el("p", { class: "govuk-body", text: "Correct the problems shown to see the figures." });
    $("summary").replaceChildren(correct());
    $("results").replaceChildren(correct());
    announce(`There ${answer.errors.length === 1 ? "is 1 problem" : `are ${answer.errors.length} problems`} with the form.`);
    return;
  }
  const scenario = answer.scenarios[0];
  render(answer, scenario);
  const sensitivity = scenario.sensitivity ? ` Sensitivity test: net present value ${formatMoney(scenario.sensitivity.npv)}.` : "";
  announce(`Net present value ${formatMoney(scenario.central.npv)}; pays back ${paybackText(scenario.central.paybackPv)}.${sensitivity}`);
}

// -------------------------------------------------------------- rendering

function paybackText(p) {
  if (p.status === "never") return "not within the appraisal";
  return p.year === 0 ? "at once (never out of pocket)" : `in year ${p.year} (${p.years} years)`;
}

const ratio = (r) => r ?? "not defined (no costs)";

function summaryRow(key, value, id) {
  return el("div", { class: "govuk-summary-list__row" },
    el("dt", { class: "govuk-summary-list__key", text: key }),
    el("dd", { class: "govuk-summary-list__value", id, text: value }));
}

function render(answer, s) {
  const c = s.central;
  // Value for money as the Green Book 2026 reads it: NPV, who benefits, the returns and
  // payback side by side; the benefit-cost ratio is one figure among them, with no threshold.
  const who = s.byAgency.filter((a) => a.flow.netPv !== "0.00")
    .map((a) => `${a.agency}${a.valueType === "fiscal" ? "" : ` (${a.valueType})`} ${formatMoney(a.flow.netPv)}`);
  const sens = s.sensitivity;
  const beside = sens ? tableOf(
    "Green Book 2026 sensitivity test (no pure time preference), beside the central case",
    [["Measure"], ["Central", true], ["Sensitivity test", true]],
    [
      ["Net present value", (r) => formatMoney(r.npv)],
      ["Fiscal return", (r) => ratio(r.roi.fiscal)],
      ["Economic return", (r) => ratio(r.roi.economic)],
      ["Public value return", (r) => ratio(r.roi.publicValue)],
      ["Pays back (discounted)", (r) => paybackText(r.paybackPv)],
    ].map(([label, shown]) => el("tr", { class: "govuk-table__row" },
      el("th", { scope: "row", class: "govuk-table__header", text: label }),
      el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: shown(c) }),
      el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: shown(sens) }))),
    "sensitivity-figures",
  ) : null;
  $("summary").replaceChildren(...[
    el("p", { class: "govuk-body" }, "Net present value",
      el("strong", { class: "govuk-!-font-size-36 cb-figure", id: "npv", text: formatMoney(c.npv) })),
    el("dl", { class: "govuk-summary-list" },
      summaryRow("Who benefits (present value)", who.length ? who.join("; ") : "no one yet", "who-benefits"),
      summaryRow("Fiscal return", ratio(c.roi.fiscal), "roi-fiscal"),
      summaryRow("Economic return", ratio(c.roi.economic), "roi-economic"),
      summaryRow("Public value return", ratio(c.roi.publicValue), "roi-public"),
      summaryRow("Pays back (discounted)", paybackText(c.paybackPv), "payback-pv"),
      summaryRow("Pays back (cash)", paybackText(c.payback), "payback"),
      summaryRow("Benefit-cost ratio", ratio(c.bcr), "bcr"),
      sens ? summaryRow("Net present value, sensitivity test", formatMoney(sens.npv), "npv-sensitivity") : null),
    el("p", { class: "govuk-body-s", text: `Returns are benefits per £1 of cost, at present value. At ${answer.baseYear} prices, over years 0 to ${s.horizon}; payback counts fiscal benefits less costs.` }),
    el("p", { class: "govuk-body-s", id: "vfm-note", text: "Value for money: read the net present value, the returns, payback and who benefits together (Green Book 2026); no single ratio decides it." }),
  ].filter(Boolean));

  const ranges = tableOf(
    "Uncertainty: the low case cuts each value by the top of its evidence grade’s band, the high case not at all",
    [["Case"], ["Net present value", true], ["Benefit-cost ratio", true], ["Fiscal return", true], ["Pays back (discounted)"]],
    [["Low", s.low], ["Central", s.central], ["High", s.high]].map(([name, r]) => el("tr", { class: "govuk-table__row" },
      el("th", { scope: "row", class: "govuk-table__header", text: name }),
      moneyCell(r.npv),
      el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: ratio(r.bcr) }),
      el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: ratio(r.roi.fiscal) }),
      el("td", { class: "govuk-table__cell", text: paybackText(r.paybackPv) }))),
    "ranges",
  );

  const yearRows = s.years.map((y) => el("tr", { class: "govuk-table__row" },
    el("th", { scope: "row", class: "govuk-table__header", text: `${y.year} (${y.financialYear})` }),
    // Shown to 6 places; the engine keeps and uses it exact.
    el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: Number(y.discountFactor).toFixed(6) }),
    moneyCell(y.costsPv),
    moneyCell(y.fiscal.gross),
    moneyCell(y.fiscal.net),
    moneyCell(y.fiscal.netPv),
    moneyCell(y.netPv),
    moneyCell(y.fiscalPositionPv)));
  const yearTable = tableOf(
    "Year by year, fiscal benefits: gross, net of deadweight and optimism bias, and at present value",
    [["Year"], ["Discount factor (6 places)", true], ["Costs (PV)", true], ["Gross", true], ["Net", true], ["Net (PV)", true], ["All benefits less costs (PV)", true], ["Cumulative fiscal position (PV)", true]],
    yearRows,
    "years",
  );

  const agencyTable = tableOf(
    "Who benefits: net present value by agency, and how much of it is cashable",
    [["Agency"], ["Kind of value"], ["Net (PV)", true], ["Cashable (PV)", true], ["Not cashable (PV)", true]],
    s.byAgency.map((a) => el("tr", { class: "govuk-table__row" },
      el("th", { scope: "row", class: "govuk-table__header", text: a.agency }),
      el("td", { class: "govuk-table__cell", text: a.valueType }),
      moneyCell(a.flow.netPv),
      a.cashablePv === undefined ? el("td", { class: "govuk-table__cell", text: "—" }) : moneyCell(a.cashablePv),
      a.nonCashablePv === undefined ? el("td", { class: "govuk-table__cell", text: "—" }) : moneyCell(a.nonCashablePv))),
    "by-agency",
  );

  const o = s.outcomes[0];
  const trace = o ? el("div", { class: "govuk-inset-text", id: "trace" },
    el("p", { class: "govuk-body", text: `${s.cohort} families × ${rateToPercent(o.engagement)} taking part = ${o.engaged}; × ${rateToPercent(o.success)} succeeding = ${o.achieving}; less ${rateToPercent(o.deadweight)} deadweight = ${o.netOfDeadweight} outcomes that count.` }),
    el("ul", { class: "govuk-list govuk-list--bullet" }, o.values.map((v) => el("li", {
      text: `${v.code ? `${v.code} ` : ""}${v.description} (${v.agency}): ${formatMoney(v.unitValue)}${v.sourceValue ? ` (${formatMoney(v.sourceValue)} at ${v.priceYear} prices)` : ""} × ${v.quantity} = ${formatMoney(v.value)} a year, grade ${v.grade}, cut by ${rateToPercent(v.optimismBias)} to ${formatMoney(v.netValue)}.`,
    })))) : null;

  // Each schedule used, named with its edition and its source.
  const schedule = (d) => (d.edition ? `${d.edition}: ${d.source}` : d.source);
  const sensitivitySchedule = answer.parameters.sensitivityDiscounting;
  const receipt = receiptDetails(answer.receipt, [
    ["Discounting", schedule(answer.parameters.discounting)],
    ...(sensitivitySchedule ? [["Sensitivity test", schedule(sensitivitySchedule)]] : []),
    ["Optimism bias", answer.parameters.optimismBias.source],
  ]);

  $("results").replaceChildren(...[
    beside,
    ranges,
    benefitsChart(s),
    positionChart(s),
    yearTable,
    agencyTable,
    trace,
    receipt,
  ].filter(Boolean));
}

// ----------------------------------------------------------------- charts

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.setAttribute("class", v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, String(v));
  }
  for (const child of children.flat(Infinity)) if (child) node.append(child);
  return node;
}

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 16, right: 16, top: 16, bottom: 36 };

function figure(id, caption, chart, legend) {
  return el("figure", { class: "cb-chart" },
    el("figcaption", { class: "govuk-body govuk-!-font-weight-bold", id: `${id}-caption`, text: caption }),
    chart, legend);
}

/** Net benefit by year at present value, bars stacked by agency. */
function benefitsChart(s) {
  const agencies = s.byAgency.filter((a) => a.years.some((y) => Number(y.netPv) > 0));
  const totals = s.years.map((y) => Number(y.fiscal.netPv) + Number(y.economic.netPv) + Number(y.social.netPv));
  const max = Math.max(...totals, 0) || 1;
  const band = (WIDTH - PAD.left - PAD.right) / s.years.length;
  const scale = (HEIGHT - PAD.top - PAD.bottom) / max;
  const base = HEIGHT - PAD.bottom;
  const bars = s.years.map((y, t) => {
    let top = base;
    const segments = agencies.map((a, i) => {
      const cell = a.years[t];
      const h = Number(cell.netPv) * scale;
      top -= h;
      return h > 0 ? svg("rect", {
        class: `cb-series cb-series-${i % 6}`, x: PAD.left + t * band + band * 0.15, y: top,
        width: band * 0.7, height: h, "data-year": y.year, "data-agency": a.agency,
      }, svg("title", { text: `${a.agency}, year ${y.year}: ${formatMoney(cell.netPv)}` })) : null;
    });
    return [segments, svg("text", { class: "cb-axis-label", x: PAD.left + (t + 0.5) * band, y: HEIGHT - 14, "text-anchor": "middle", text: String(y.year) })];
  });
  const tallest = s.years.reduce((best, y, t) => (totals[t] > totals[best] ? t : best), 0);
  const yearTotal = (y) => [y.fiscal.netPv, y.economic.netPv, y.social.netPv];
  const chart = svg("svg", {
    id: "chart-benefits", class: "cb-chart__svg", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-labelledby": "chart-benefits-caption chart-benefits-desc", "data-max": max.toFixed(2),
  },
  svg("desc", { id: "chart-benefits-desc", text: `Largest in year ${s.years[tallest].year}: fiscal ${formatMoney(yearTotal(s.years[tallest])[0])}. The table of years below gives every figure.` }),
  svg("line", { class: "cb-axis", x1: PAD.left, x2: WIDTH - PAD.right, y1: base, y2: base }),
  bars,
  svg("text", { class: "cb-axis-label", x: WIDTH / 2, y: HEIGHT - 1, "text-anchor": "middle", text: "Year" }));
  const legend = el("ul", { class: "cb-legend govuk-list" }, agencies.map((a, i) => el("li", {},
    el("span", { class: `cb-swatch cb-series-${i % 6}`, "aria-hidden": "true" }), `${a.agency} (${a.valueType}): ${formatMoney(a.flow.netPv)}`)));
  return figure("chart-benefits", "Benefits by year at present value, by agency", chart, legend);
}

/** The cumulative discounted fiscal position, crossing zero at payback. */
function positionChart(s) {
  const values = s.years.map((y) => Number(y.fiscalPositionPv));
  const hi = Math.max(...values, 0);
  const lo = Math.min(...values, 0);
  const span = hi - lo || 1;
  const x = (t) => PAD.left + (t / Math.max(s.years.length - 1, 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v) => PAD.top + ((hi - v) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const points = values.map((v, t) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const p = s.central.paybackPv;
  const marker = p.status === "reached" ? [
    svg("line", { class: "cb-payback", id: "payback-marker", x1: x(Number(p.years)), x2: x(Number(p.years)), y1: PAD.top, y2: HEIGHT - PAD.bottom }),
    svg("text", { class: "cb-axis-label", x: x(Number(p.years)) + 4, y: PAD.top + 12, text: `Pays back: ${p.years} years` }),
  ] : [];
  const chart = svg("svg", {
    id: "chart-position", class: "cb-chart__svg", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-labelledby": "chart-position-caption chart-position-desc",
  },
  svg("desc", { id: "chart-position-desc", text: `From ${formatMoney(s.years[0].fiscalPositionPv)} in year 0 to ${formatMoney(s.years.at(-1).fiscalPositionPv)} in year ${s.horizon}; pays back ${paybackText(p)}.` }),
  svg("line", { class: "cb-axis cb-zero", id: "zero-line", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0), y2: y(0) }),
  svg("polyline", { class: "cb-position", id: "position-line", points }),
  s.years.map((yr, t) => svg("circle", { class: "cb-position__point", cx: x(t), cy: y(values[t]), r: 4 },
    svg("title", { text: `Year ${yr.year}: ${formatMoney(yr.fiscalPositionPv)}` }))),
  s.years.map((yr, t) => svg("text", { class: "cb-axis-label", x: x(t), y: HEIGHT - 14, "text-anchor": "middle", text: String(yr.year) })),
  marker);
  return figure("chart-position", "Cumulative fiscal position at present value: fiscal benefits less costs", chart, null);
}

// ---------------------------------------------------------------- start up

/** The footer names the prices of the last appraisal (or, without one, of the form). */
function showPrices(answer) {
  $("footer-prices").textContent = pricesLine("en", pricesOf(answer) ?? { ...pricing.prices(), discounting });
}

/** The unit-cost codes offered: the table in use (the council's rows first). */
function fillCodes() {
  $("unit-cost-options").replaceChildren(...pricing.rows().map((row) => el("option", { value: row.code, label: `${row.description} (${row.agency})` })));
}

function load(next) {
  state = structuredClone(next);
  renderProgramme();
  renderOutcome();
  renderLists();
  recalculate();
}

async function main() {
  await init();
  const table = unitCosts();
  if (table.type !== "success") {
    $("engine-status").textContent = `The unit-cost table could not be loaded: ${table.errors.map((e) => e.message).join(" ")}`;
    return;
  }
  pricing = new PricingFields({
    catalogue: table,
    read: readUnitCostTable,
    // UCD v1.4 is not in this module: its data file is fetched from the package when it is chosen.
    loadTable: tableLoader({ loadUnitCostTable, unitCosts }),
    onChange: () => { fillCodes(); recalculate(); },
    onProblem: (message, path) => {
      clearErrors();
      showErrors([{ message, path }], (p) => fieldFor(p, [], []));
      announce(message);
      $("error-summary").focus();
    },
    announce,
  });
  await pricing.started();
  $("pricing").replaceChildren(pricing.node("en"));
  fillCodes();
  // The grade table and the discount schedule come from the engine, as any answer reports the parameters it used.
  const probe = appraise({ scenarios: [{ name: "probe", cohort: 0 }] });
  grades = probe.type === "success" ? probe.parameters.optimismBias.grades : [];
  discounting = probe.type === "success" ? probe.parameters.discounting : null;
  showPrices(null);
  $("engine-version").textContent = version();

  $("load-example").addEventListener("click", () => load(EXAMPLE));
  $("clear-all").addEventListener("click", () => { load(EMPTY); $("scenario-name").focus(); });
  $("add-cost").addEventListener("click", () => { state.costs.push(emptyCost()); renderCosts(state.costs.length - 1); });
  $("add-value").addEventListener("click", () => { state.values.push(emptyValue()); renderValues(state.values.length - 1); });
  $("add-cashable").addEventListener("click", () => { state.cashable.push({ agency: "", share: "" }); renderCashable(state.cashable.length - 1); });
  $("appraisal-form").addEventListener("submit", (e) => e.preventDefault());
  followErrorLinks();

  load(EMPTY);
  $("engine-status").textContent = `Ready: ${table.rows.length} unit costs from ${table.table.id}; ${probe.type === "success" && probe.parameters.discounting.edition ? probe.parameters.discounting.edition : "Green Book"} discounting.`;
  document.documentElement.dataset.ready = "true";
}

main().catch((e) => {
  $("engine-status").textContent = `The calculator could not start: ${e.message}`;
});
