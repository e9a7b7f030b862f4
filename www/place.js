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
import "./shell.js";
import init, { appraisePlace, combinePlaces, examplePlace, version } from "../pkg/community_budget_place.js";
import { caseFile, download, pricesLine, pricesOf, readCaseFile } from "../pkg/elements.js";
import { input, select } from "../pkg/dom.js";
import {
  $, announce, clearErrors, confirmThen, el, followErrorLinks, formatMoney, formGroup, moneyCell, percentToRate, rateToPercent, receiptDetails, rowList,
  showErrors, svg, table,
} from "./ui.js";

const KIND = "place-scenario";

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

const PER = [["fixed", "For the theme (fixed)"], ["family", "For each family (scales with families)"]];

// Each cost's partner list, so that renaming a partner updates them without drawing the form again.
const costOf = new WeakMap();
const partnerOptions = (current) => {
  const options = call.partners.map((p) => [p.id, p.name ? `${p.name} (${p.id})` : p.id]);
  return options.some(([id]) => id === current) ? options : [...options, [current, current || "Choose a partner"]];
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
    field(`partner-${i}-id`, `Partner ${i + 1}: short id`, p.id, (v) => renamePartner(p, v), { width: "govuk-input--width-10" }),
    field(`partner-${i}-name`, "Name", p.name, (v) => { p.name = v; refreshPartnerOptions(); }, { width: "govuk-input--width-10", context: `Partner ${i + 1}` }),
    field(`partner-${i}-agencies`, "Receives the savings of", (p.agencies ?? []).join(", "),
      (v) => { p.agencies = v.split(",").map((a) => a.trim()).filter(Boolean); }, { width: "govuk-input--width-20", context: `Partner ${i + 1}`, hint: "Agencies, separated by commas" }),
  ], "partner", focus, removed("add-partner"));
}

function renderCosts(t, i, focus) {
  rowList(`theme-${i}-costs`, t.costs, (c, k) => {
    const context = `${t.name}, cost ${k + 1}`;
    const id = `theme-${i}-cost-${k}`;
    const partner = select(`${id}-partner`, c.partner, partnerOptions(c.partner), (v) => { c.partner = v; recalculate(); });
    partner.dataset.partners = "";
    costOf.set(partner, c);
    return [
      field(`${id}-year`, `Cost ${k + 1}: year`, String(c.year ?? ""), (v) => { c.year = v; }, { width: "govuk-input--width-2", mode: "numeric", context: t.name }),
      formGroup(`${id}-partner`, "Paid by", partner, { context }),
      field(`${id}-amount`, "Amount", c.amount, (v) => { c.amount = v; }, { width: "govuk-input--width-10", mode: "decimal", prefix: "£", context }),
      formGroup(`${id}-per`, "The amount is", select(`${id}-per`, c.per ?? "fixed", PER, (v) => { c.per = v; recalculate(); }), { context }),
    ];
  }, `${t.name} cost`, focus, removed(`theme-${i}-add-cost`));
}

function renderValues(o, id, focus) {
  rowList(`${id}-values`, o.values, (v, j) => {
    const at = `${id}-value-${j}`;
    const context = `${o.name}, value ${j + 1}`;
    const direct = v.code === undefined && (v.amount !== undefined || v.description !== undefined);
    return [
      direct
        ? [field(`${at}-description`, `Value ${j + 1}: what is saved`, v.description, (x) => { v.description = x; }, { width: "govuk-input--width-10", context: o.name }),
          field(`${at}-agency`, "Agency", v.agency, (x) => { v.agency = x; }, { width: "govuk-input--width-10", context }),
          field(`${at}-amount`, "Amount", v.amount, (x) => { v.amount = x; }, { width: "govuk-input--width-5", mode: "decimal", prefix: "£", context })]
        : field(`${at}-code`, `Value ${j + 1}: unit-cost code`, v.code, (x) => { v.code = x; }, { width: "govuk-input--width-5", context: o.name }),
      field(`${at}-quantity`, "A year, each family", String(v.quantity ?? "1"), (x) => { v.quantity = x; }, { width: "govuk-input--width-3", mode: "decimal", context }),
    ];
  }, `${o.name || "outcome"} value`, focus, removed(`${id}-add-value`));
}

function renderOutcomes(t, i, focus) {
  t.outcomes.forEach((o) => { o.values ??= []; });
  rowList(`theme-${i}-outcomes`, t.outcomes, (o, k) => {
    const id = `theme-${i}-outcome-${k}`;
    const context = `${t.name}, outcome ${k + 1}`;
    return el("div", {},
      el("div", { class: "cb-row" },
        field(`${id}-name`, `Outcome ${k + 1}`, o.name, (v) => { o.name = v; }, { width: "govuk-input--width-20", context: t.name }),
        percentField(`${id}-engagement`, "Take part", o.engagement, (v) => { o.engagement = v; }, context),
        percentField(`${id}-success`, "Of those, succeed", o.success, (v) => { o.success = v; }, context),
        percentField(`${id}-deadweight`, "Would have anyway", o.deadweight, (v) => { o.deadweight = v; }, context)),
      el("div", { class: "cb-row" },
        field(`${id}-lagYears`, "Starts after", String(o.lagYears ?? "0"), (v) => { o.lagYears = v; }, { width: "govuk-input--width-2", mode: "numeric", suffix: "years", context }),
        field(`${id}-durationYears`, "Lasts", String(o.durationYears ?? ""), (v) => { o.durationYears = v; }, { width: "govuk-input--width-2", mode: "numeric", suffix: "years", context }),
        percentField(`${id}-dropOff`, "Fades each year by", o.dropOff ?? "0", (v) => { o.dropOff = v; }, context)),
      el("div", { id: `${id}-values` }),
      addButton(`${id}-add-value`, "Add a value", () => {
        o.values.push({ code: "", quantity: "1" });
        renderFields({ [`${id}-values`]: o.values.length - 1 });
        recalculate();
      }));
  }, `${t.name} outcome`, focus[`theme-${i}-outcomes`], removed(`theme-${i}-add-outcome`));
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
      formGroup("place-name", "Name of the place", textInput("place-name", call.name, (v) => { call.name = v; }, { class: "govuk-input govuk-input--width-20", spellcheck: "true" })),
      formGroup("horizon", "Years appraised", textInput("horizon", String(call.horizonYears ?? 5), (v) => { call.horizonYears = v; }, { class: "govuk-input govuk-input--width-3", inputmode: "numeric" }),
        { hint: "After the base year, 1 to 30; whole-place business cases look five years ahead." })),
    el("fieldset", { class: "govuk-fieldset", id: "partners-fieldset" },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m", text: "Partners" }),
      el("p", { class: "govuk-hint", text: "Who pays for the themes, and whose agencies' savings each receives. A cost names its partner by the short id." }),
      el("div", { id: "place-partners" }),
      addButton("add-partner", "Add a partner", () => {
        call.partners.push({ id: "", name: "", agencies: [] });
        renderFields({ "place-partners": call.partners.length - 1 });
        recalculate();
      })),
    ...call.themes.map((t, i) => {
      t.costs ??= [];
      t.outcomes ??= [];
      return el("fieldset", { class: "govuk-fieldset cb-theme", id: `theme-${i}` },
        el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m", text: t.name }),
        formGroup(`theme-${i}-cohort`, "People or families the theme works with",
          textInput(`theme-${i}-cohort`, String(t.cohort), (v) => { t.cohort = v; }, { class: "govuk-input govuk-input--width-5", inputmode: "numeric" }), { context: t.name }),
        el("h2", { class: "govuk-heading-s", text: "Costs" }),
        el("p", { class: "govuk-hint", text: "A cost for each family is multiplied by the families above, so it grows with them; a fixed cost stays the same whatever the number of families. Amounts are at the place's base-year prices." }),
        el("div", { id: `theme-${i}-costs` }),
        addButton(`theme-${i}-add-cost`, "Add a cost", () => {
          t.costs.push({ year: "0", partner: call.partners[0]?.id ?? "", amount: "", per: "fixed" });
          renderFields({ [`theme-${i}-costs`]: t.costs.length - 1 });
          recalculate();
        }),
        el("h2", { class: "govuk-heading-s", text: "Outcomes" }),
        el("p", { class: "govuk-hint", text: "What changes for the families, how many take part and succeed, how long it lasts, and what each is worth a year: a unit-cost code and how many a family, or an amount of your own." }),
        el("div", { id: `theme-${i}-outcomes` }),
        addButton(`theme-${i}-add-outcome`, "Add an outcome", () => {
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
          el("label", { class: "govuk-label govuk-checkboxes__label", for: "place-sensitivity", text: "Also show the Green Book 2026 sensitivity test (no pure time preference)" }),
          el("div", {
            class: "govuk-hint govuk-checkboxes__hint", id: "place-sensitivity-hint",
            text: "Every theme again, discounted with the Green Book 2026 schedule that has no pure time preference (3.0% a year to year 30), everything else equal. It is saved with the place.",
          })))));
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

/** An error's sentence, with its field when the page does not show that field. */
function said(error) {
  return idFor(error.path) === "open-place" && error.path ? `${error.path}: ${error.message}` : error.message;
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
const ratio = (r) => (r === null || r === undefined ? "–" : r);
const payback = (p) => (p.status === "reached" ? `${p.years} years` : "Not within the horizon");

/** A discount schedule as the answer names it: its edition, else where it comes from. */
const scheduleName = (d) => (d.edition ? `${d.edition}, ${d.schedule === "greenBook" ? "standard" : d.schedule} schedule` : "a schedule given in the place file");

function summary(a) {
  const c = a.place.central;
  const s = a.place.sensitivity;
  const row = (key, value, id) => el("div", { class: "govuk-summary-list__row" },
    el("dt", { class: "govuk-summary-list__key", text: key }),
    el("dd", { class: "govuk-summary-list__value", id, text: value }));
  // Who benefits: each partner's net position, beside the place's figures.
  const who = a.partners.map((p) => `${p.name} ${formatMoney(p.netPv)}`).join("; ");
  return el("dl", { class: "govuk-summary-list", id: "place-summary" },
    row("Net present value", formatMoney(c.npv), "place-npv"),
    row("Costs, present value", formatMoney(c.costsPv), "place-costs"),
    row("Benefits, present value", formatMoney(c.benefitsPv), "place-benefits"),
    row("Fiscal return on investment", ratio(c.roi.fiscal), "place-roi"),
    row("Payback (discounted)", payback(c.paybackPv), "place-payback"),
    row("Who benefits: each partner's benefit less what it pays", who, "place-who-benefits"),
    row("Net present value, low and high cases", `${formatMoney(a.place.lowNpv)} to ${formatMoney(a.place.highNpv)}`, "place-range"),
    row("Discounting", scheduleName(a.discounting), "place-discounting"),
    s ? [
      row("Net present value, Green Book 2026 sensitivity test (no pure time preference)", formatMoney(s.npv), "place-npv-sensitivity"),
      row("Fiscal return, sensitivity test", ratio(s.roi.fiscal), "place-roi-sensitivity"),
      row("Payback (discounted), sensitivity test", payback(s.paybackPv), "place-payback-sensitivity"),
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
    el("p", { class: "govuk-body", text: "Benefits grow with the number of families in each theme. Costs given for each family grow with them, which leaves the return as it was; fixed costs stay the same, so more families with fixed costs raise the return." }),
    el("ul", { class: "govuk-list govuk-list--bullet" }, a.themes.map((t) => {
      const perFamily = costs(t).filter((c) => c.per === "family")
        .map((c) => `${formatMoney(c.amount)} a family × ${t.cohort} = ${formatMoney(c.cost)} (${partner(c.partner)}, year ${c.year})`);
      const fixed = costs(t).filter((c) => c.per !== "family").map((c) => `${formatMoney(c.cost)} (${partner(c.partner)}, year ${c.year})`);
      return el("li", { id: `scaling-${t.id}` },
        `${t.appraisal.name}, ${t.cohort} families: `,
        perFamily.length ? `costs that scale with the families: ${list(perFamily)}. ` : "no cost scales with the families. ",
        fixed.length ? `Fixed costs, the same whatever the number of families: ${list(fixed)}.` : "No fixed costs.");
    })));
}

function themesTable(a) {
  return table("themes-table", "Each theme, at present value", [["Theme"], ["Costs", true], ["Benefits", true], ["Net present value", true], ["Fiscal return", true]],
    [...a.themes.map((t) => el("tr", { class: "govuk-table__row" },
      head(t.appraisal.name), moneyCell(t.appraisal.central.costsPv), moneyCell(t.appraisal.central.benefitsPv),
      moneyCell(t.appraisal.central.npv, { id: `theme-npv-${t.id}` }), cell(ratio(t.appraisal.central.roi.fiscal), { class: "govuk-table__cell govuk-table__cell--numeric" }))),
    el("tr", { class: "govuk-table__row" }, head("The place"), moneyCell(a.place.central.costsPv), moneyCell(a.place.central.benefitsPv),
      moneyCell(a.place.central.npv), cell(ratio(a.place.central.roi.fiscal), { class: "govuk-table__cell govuk-table__cell--numeric" }))]);
}

/** Themes × partners: what each partner pays for each theme and what its agencies save from it. */
function matrix(a) {
  const headings = [["Theme"], ...a.partners.map((p) => [p.name, true])];
  const rows = a.themes.map((t) => el("tr", { class: "govuk-table__row" }, head(t.appraisal.name),
    t.partners.map((p) => el("td", { class: "govuk-table__cell govuk-table__cell--numeric", id: `cell-${t.id}-${p.id}` },
      el("span", { class: "cb-figure", text: `pays ${formatMoney(p.costsPv)}` }),
      el("span", { class: "cb-figure", text: `saves ${formatMoney(p.benefitPv)}` })))));
  rows.push(el("tr", { class: "govuk-table__row" }, head("All themes"),
    a.partners.map((p) => el("td", { class: "govuk-table__cell govuk-table__cell--numeric" },
      el("span", { class: "cb-figure", text: `pays ${formatMoney(p.costsPv)}` }),
      el("span", { class: "cb-figure", text: `saves ${formatMoney(p.benefitPv)}` })))));
  return table("matrix-table", "Themes and partners: what each partner pays for each theme, and what its agencies save from it (present value)", headings, rows);
}

function partnersTable(a) {
  return table("partners-table", "Each partner over the whole place, at present value", [["Partner"], ["Pays", true], ["Saves", true], ["Net", true], ["Return", true], ["Share of costs", true], ["Payback"]],
    a.partners.map((p) => el("tr", { class: "govuk-table__row" }, head(p.name), moneyCell(p.costsPv), moneyCell(p.benefitPv),
      moneyCell(p.netPv, { id: `partner-net-${p.id}` }), cell(ratio(p.roi), { class: "govuk-table__cell govuk-table__cell--numeric" }),
      cell(p.sharePercent === null ? "–" : `${p.sharePercent}%`, { class: "govuk-table__cell govuk-table__cell--numeric" }), cell(payback(p.payback)))));
}

function rebalancing(a) {
  const fiscal = a.rebalancing.find((r) => r.basis === "fiscal");
  if (!fiscal) return null;
  return el("div", { id: "rebalancing" },
    el("h3", { class: "govuk-heading-s", text: "If savings were shared in proportion to what each partner pays" }),
    el("p", { class: "govuk-body", text: fiscal.description }),
    fiscal.transfers.length
      ? el("ul", { class: "govuk-list govuk-list--bullet", id: "transfers" }, fiscal.transfers.map((t) => el("li", { text: `${t.from} pays ${t.to} ${formatMoney(t.amount)}` })))
      : el("p", { class: "govuk-body", text: "No transfers are needed." }));
}

function yearsTable(a) {
  return table("years-table", "The place year by year", [["Year"], ["Costs", true], ["Fiscal savings", true], ["All benefits less costs", true], ["Fiscal position so far", true]],
    a.place.years.map((y) => el("tr", { class: "govuk-table__row" }, head(`${y.year} (${y.financialYear})`),
      moneyCell(y.costsPv), moneyCell(y.fiscal.netPv), moneyCell(y.netPv), moneyCell(y.fiscalPositionPv))));
}

/** Every number of the place with its source, as the file gives them. */
function assumptions() {
  const source = (s) => (s ? el("span", { class: "cb-source", text: ` ${s}` }) : null);
  return el("details", { class: "govuk-details", id: "assumptions" },
    el("summary", { class: "govuk-details__summary" }, el("span", { class: "govuk-details__summary-text", text: "Assumptions and sources" })),
    el("div", { class: "govuk-details__text" },
      call.source ? el("p", { class: "govuk-body", text: call.source }) : null,
      el("h3", { class: "govuk-heading-s", text: "Partners" }),
      el("ul", { class: "govuk-list govuk-list--bullet" }, call.partners.map((p) => el("li", {}, `${p.name}: savings of ${p.agencies.join(", ")}.`, source(p.source)))),
      call.themes.map((t) => [
        el("h3", { class: "govuk-heading-s", text: `${t.name} (${t.cohort})` }),
        t.source ? el("p", { class: "govuk-body cb-source", text: t.source }) : null,
        el("ul", { class: "govuk-list govuk-list--bullet" },
          t.costs.map((c) => el("li", {}, `Year ${c.year}: ${call.partners.find((p) => p.id === c.partner)?.name ?? c.partner} pays ${formatMoney(c.amount)}${c.per === "family" ? " a family" : ""}.`, source(c.source))),
          t.outcomes.map((o) => el("li", {},
            `${o.name}: ${rateToPercent(o.engagement)} take part, ${rateToPercent(o.success)} of them succeed, ${rateToPercent(o.deadweight)} would have anyway; for ${o.durationYears} years.`,
            source(o.source),
            el("ul", { class: "govuk-list govuk-list--bullet" }, o.values.map((v) => el("li", {},
              v.code ? `${v.code} × ${v.quantity ?? "1"} a year.` : `${v.description}, ${v.agency}: ${formatMoney(v.amount)} × ${v.quantity ?? "1"} a year.`,
              source(v.source))))))),
      ])));
}

function renderResult(a) {
  const themeItems = a.themes.map((t) => ({ name: t.appraisal.name, costs: t.appraisal.central.costsPv, benefits: t.appraisal.central.benefitsPv, npv: t.appraisal.central.npv }));
  const partnerItems = a.partners.map((p) => ({ name: p.name, short: p.id, pays: p.costsPv, saves: p.benefitPv, net: p.netPv }));
  $("result").replaceChildren(
    el("h3", { class: "govuk-heading-m", id: "place-title", text: `${a.name}: years 0 to ${a.horizon} at ${a.baseYear} prices` }),
    summary(a),
    scaling(a),
    themesTable(a),
    barChart("chart-themes", "Each theme: costs, benefits and net present value", themeItems, [["costs", "Costs"], ["benefits", "Benefits"], ["npv", "Net present value"]]),
    matrix(a),
    partnersTable(a),
    barChart("chart-partners", "Each partner: what it pays and what its agencies save, at present value", partnerItems, [["pays", "Pays"], ["saves", "Saves"], ["net", "Net"]]),
    rebalancing(a),
    yearsTable(a),
    a.notes.length ? el("div", { class: "govuk-inset-text", id: "notes" }, el("ul", { class: "govuk-list" }, a.notes.map((n) => el("li", { text: n.message })))) : null,
    el("div", { class: "govuk-inset-text" },
      el("p", { class: "govuk-body", text: `How the place is worked out: ${a.rule}` }),
      el("p", { class: "govuk-body", text: "Value for money: read the net present value, the returns, payback and who benefits together (Green Book 2026); no single ratio decides it." })),
    assumptions(),
    receiptDetails(a.receipt, [
      ["Discounting", a.discounting.edition ? `${a.discounting.edition}: ${a.discounting.source}` : a.discounting.source],
      ...(a.sensitivityDiscounting ? [["Sensitivity test", `${a.sensitivityDiscounting.edition}: ${a.sensitivityDiscounting.source}`]] : []),
    ]));
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
  if (prices) $("footer-prices").textContent = pricesLine("en", { ...prices, discounting: GREEN_BOOK });
}

function recalculate() {
  clearErrors();
  if (!call) return;
  const { answer: got, thrown } = run(call);
  if (thrown) {
    showErrors([{ message: `The place could not be read: ${thrown}`, path: "@file" }], idFor);
    return;
  }
  answer = got;
  showPrices(got);
  if (got.type === "failure") {
    showErrors(shown(got.errors).map((e) => ({ ...e, message: said(e) })), idFor);
    $("result").replaceChildren(el("p", { class: "govuk-body", text: "Correct the problems shown to see the appraisal." }));
    announce(`There ${got.errors.length === 1 ? "is 1 problem" : `are ${got.errors.length} problems`} with the place.`);
    return;
  }
  renderResult(got);
  renderComparison();
  announce(`${got.name}: net present value ${formatMoney(got.place.central.npv)}.`);
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
    showErrors(got.errors.map((e) => ({ message: `${e.path ?? ""}: ${e.message}`, path: "@compare" })), idFor);
    $("comparison").replaceChildren();
    return;
  }
  const share = (s) => (s === null ? "–" : `${s}%`);
  const numeric = "govuk-table__cell govuk-table__cell--numeric";
  const places = table("comparison-table", "Each place, at present value", [["Place"], ["Costs", true], ["Benefits", true], ["Net present value", true], ["Share of costs", true], ["Share of benefits", true], ["Share of net present value", true]],
    [...got.places.map((p) => el("tr", { class: "govuk-table__row" }, head(p.name), moneyCell(p.costsPv), moneyCell(p.benefitsPv), moneyCell(p.npv),
      cell(share(p.costsSharePercent), { class: numeric }), cell(share(p.benefitsSharePercent), { class: numeric }), cell(share(p.npvSharePercent), { class: numeric }))),
    el("tr", { class: "govuk-table__row" }, head("All places"), moneyCell(got.total.costsPv), moneyCell(got.total.benefitsPv),
      moneyCell(got.total.npv, { id: "comparison-npv" }), cell("100%", { class: numeric }), cell("100%", { class: numeric }), cell("", { class: numeric }))]);
  const names = { npv: "Net present value", fiscalNpv: "Fiscal net present value", costsPv: "Costs", benefitsPv: "Benefits" };
  const spread = table("spread-table", "The spread between places", [["Measure"], ["Lowest", true], ["Median", true], ["Highest", true]],
    got.spread.map((s) => el("tr", { class: "govuk-table__row", id: `spread-${s.measure}` }, head(names[s.measure] ?? s.measure),
      el("td", { class: numeric }, el("span", { class: "cb-figure", text: formatMoney(s.min) }), el("span", { class: "cb-figure cb-source", text: s.minPlace })),
      moneyCell(s.median),
      el("td", { class: numeric }, el("span", { class: "cb-figure", text: formatMoney(s.max) }), el("span", { class: "cb-figure cb-source", text: s.maxPlace })))));
  $("comparison").replaceChildren(places, spread, el("p", { class: "govuk-body cb-source", text: got.rule }));
}

// ------------------------------------------------------------------ files

/** The path of the first field a place file lacks, or null (the engine checks the rest). */
function checkPlace(place) {
  if (typeof place !== "object" || place === null || Array.isArray(place)) return "";
  if (!Array.isArray(place.themes)) return ".themes";
  if (!Array.isArray(place.partners)) return ".partners";
  return null;
}

/** A place file: the envelope this page saves, or a bare place such as data/places/example-place.json. */
function readPlaceFile(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: "it is not valid JSON" };
  }
  const bare = data && typeof data === "object" && !Array.isArray(data) && data.format === undefined;
  const read = bare ? { call: data } : readCaseFile(text, KIND, checkPlace);
  if (read.error) return { error: `it does not have the fields of a place (${read.error})` };
  const prefix = bare ? "" : "call.";
  const problem = checkPlace(read.call);
  if (problem !== null) return { error: `it does not have the fields of a place (${prefix}${problem.replace(/^\./, "")})` };
  const { answer: got, thrown } = run(read.call);
  if (thrown) return { error: `${thrown.replace(/^appraisePlace: /, prefix)}` };
  if (got.type === "failure") {
    return { error: got.errors.map((e) => `${prefix}${e.path ?? ""}: ${e.message}`).join(" ") };
  }
  return { call: read.call };
}

async function main() {
  await init();
  $("engine-status").textContent = `Ready (engine ${version()}).`;
  // The example without its price year: the engine's default prices, for the footer until a place is opened.
  const { baseYear, ...example } = examplePlace().call;
  defaults = pricesOf(run(example).answer);
  showPrices(null);
  followErrorLinks();
  $("place-form").addEventListener("submit", (e) => e.preventDefault());
  // The example replaces a place being worked on only once the officer confirms.
  $("load-example").addEventListener("click", (e) => confirmThen(e.currentTarget, "en", "example", () => {
    load(examplePlace().call);
    $("file-message").textContent = "Started from the example place (data/places/example-place.json).";
  }, call !== null));
  $("save-place").addEventListener("click", () => {
    if (!call) {
      $("file-message").textContent = "There is no place to save yet.";
      return;
    }
    const name = `place-${new Date().toISOString().slice(0, 10)}.json`;
    const file = JSON.parse(caseFile(KIND, call));
    if (answer?.type === "success") file.receipt = answer.receipt;
    download(name, JSON.stringify(file, null, 2));
    $("file-message").textContent = `Saved the place as ${name}.`;
  });
  $("open-place").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const read = readPlaceFile(await file.text());
    e.target.value = "";
    if (read.error) {
      clearErrors();
      $("file-message").textContent = "";
      showErrors([{ message: `The file ${file.name} is not a place this page can open: ${read.error}`, path: "@file" }], idFor);
      $("error-summary").focus();
      return;
    }
    load(read.call);
    $("file-message").textContent = `Opened the place ${file.name}.`;
  });
  $("compare-form").addEventListener("submit", (e) => e.preventDefault());
  $("compare-places").addEventListener("change", async (e) => {
    const files = [...(e.target.files ?? [])];
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, ...readPlaceFile(await f.text()) })));
    e.target.value = "";
    const bad = read.filter((r) => r.error);
    if (bad.length) {
      clearErrors();
      $("file-message").textContent = "";
      showErrors(bad.map((r) => ({ message: `The file ${r.name} is not a place this page can open: ${r.error}`, path: "@compare" })), idFor);
      $("error-summary").focus();
      return;
    }
    others = read;
    recalculate();
    $("file-message").textContent = `Comparing with ${read.map((r) => r.name).join(", ")}.`;
  });
  document.documentElement.dataset.ready = "true";
}

main().catch((e) => { $("engine-status").textContent = `The page could not start: ${e.message}`; });
