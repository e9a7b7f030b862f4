// <community-budget-savings>: the savings calculator. An officer describes a
// programme (families, costs, how many take part and succeed, deadweight, how
// long the benefit lasts, what an outcome is worth to each agency) and sees, as
// they type, its net present value, returns, payback and who benefits side by
// side, as the Green Book 2026 reads value for money (no single ratio decides
// it): a cost-benefit appraisal by the engine's `appraise`. A checkbox adds the
// Green Book 2026 sensitivity test (no pure time preference) beside the
// central case.
//
//   <community-budget-savings lang="cy">
//
// Attributes: `price-year` (year 0's price year to start with; default: the
// deflator series' latest outturn year, today's money), `unit-cost-table`
// (`ucd-v1.2`, the default, or `ucd-v1.4`), `deflator` (`hmt-gdp-2026-03`, the
// default, or `ucd-v1.2-ons-2013-06`), `lang` (`en` or `cy`; default: the
// nearest `lang` of the page). The officer can change them, and load the
// council's own unit-cost table (CSV), under "Prices and unit costs".
//
// Events (bubbling): `community-budget:answer` with `{ call, answer }` (the
// appraise call and answer) after every calculation; `community-budget:ready`
// once the engine has loaded; `community-budget:prices` (see calculator.js).
// Methods: `load(form)`, `clear()`; properties `call`, `answer`, `prices`.
//
// Loads only the engine's appraisal module. Every amount on screen is one of
// the engine's decimal strings through formatMoney; percentages typed become
// rates by moving the decimal point in the text, never by floating-point
// division. Light DOM, GOV.UK classes, no inline styles or scripts: see
// calculator.js.
import { CalculatorElement, define } from "./calculator.js";
import { checkbox, el, fieldset, fill, formGroup, input, moneyCell, select, summaryList, table, unitCostOptions } from "./dom.js";
import { formatMoney, percentToRate, rateToPercent, t } from "./i18n.js";
import { maybe } from "./case-store.js";

const emptyCost = () => ({ year: "", funder: "", amount: "" });
const emptyValue = () => ({ code: "", quantity: "", description: "", agency: "", amount: "", grade: "" });
const emptyCashable = () => ({ agency: "", share: "" });
const blank = (row) => Object.values(row).every((v) => v === "");

function emptyForm() {
  return {
    name: "", cohort: "", schedule: "greenBook", sensitivity: false,
    costs: [emptyCost()],
    outcome: { name: "", engagement: "", success: "", deadweight: "", lag: "0", duration: "", dropOff: "0" },
    values: [emptyValue()],
    cashable: [],
  };
}

// What a case file or draft holds: the form as the officer typed it (see `load`), with its prices.
const CASE_SCHEMA = {
  name: "text", cohort: "text", schedule: "text", sensitivity: "bool",
  baseYear: "text?", unitCostTable: "text?", deflator: "text?", councilTable: maybe({ name: "text", csv: "text", extends: "text?" }),
  costs: [{ year: "text", funder: "text", amount: "text" }],
  outcome: { name: "text", engagement: "text", success: "text", deadweight: "text", lag: "text", duration: "text", dropOff: "text" },
  values: [{ code: "text", quantity: "text", description: "text", agency: "text", amount: "text", grade: "text" }],
  cashable: [{ agency: "text", share: "text" }],
};

// The outcome's fields: [state key, call key, id suffix, label key, kind].
const OUTCOME = [
  ["engagement", "engagement", "engagement", "app.engagement", "percent"],
  ["success", "success", "success", "app.success", "percent"],
  ["deadweight", "deadweight", "deadweight", "app.deadweight", "percent"],
  ["lag", "lagYears", "lag", "app.lag", "years"],
  ["duration", "durationYears", "duration", "app.duration", "years"],
  ["dropOff", "dropOff", "drop-off", "app.dropOff", "percent"],
];
const OUTCOME_IDS = { name: "outcome-name", ...Object.fromEntries(OUTCOME.map(([, call, id]) => [call, id])) };

// The rows of each list: [field, width, input mode, prefix/suffix].
const LISTS = {
  costs: { key: "cost", empty: emptyCost, fields: [["year", "govuk-input--width-3", "numeric"], ["funder", "govuk-input--width-10"], ["amount", "govuk-input--width-10", "decimal", "£"]] },
  values: {
    key: "value", empty: emptyValue,
    fields: [["code", "govuk-input--width-5"], ["quantity", "govuk-input--width-3", "decimal"], ["description", "govuk-input--width-10"],
      ["agency", "govuk-input--width-10"], ["amount", "govuk-input--width-5", "decimal", "£"], ["grade"]],
  },
  cashable: { key: "cashable", empty: emptyCashable, fields: [["agency", "govuk-input--width-10"], ["share", "govuk-input--width-3", "decimal", "%"]] },
};

export class SavingsElement extends CalculatorElement {
  static part = "appraisal";
  static kind = "savings";
  static caseSchema = CASE_SCHEMA;

  constructor() {
    super();
    this._state = null;
  }

  /** The appraise call the form currently describes. */
  get call() {
    return this._buildCall().call;
  }

  /** Whether anything has been typed in the form. */
  get hasWork() {
    return Boolean(this._state) && JSON.stringify(this._state) !== JSON.stringify(emptyForm());
  }

  /** The form as typed (what `load` takes), with its prices: what a case file keeps. */
  _caseData() {
    return { ...structuredClone(this._state), ...this._pricing.callFields() };
  }

  async _start(api) {
    const table = this._catalogue(api);
    this._pricing = this._pricingFields(api, table);
    await this._pricing.started();
    if (this._pendingPricing) await this._pricing.load(this._pendingPricing);
    // The optimism-bias grades and the default discount schedule: the engine's own defaults.
    const defaults = api.appraisalDefaults();
    this._grades = defaults.type === "success" ? defaults.optimismBias.grades : [];
    this._discounting = defaults.type === "success" ? defaults.discounting : undefined;
    this._state ??= emptyForm();
  }

  /** The prices the element works in, with the discounting of its last appraisal. */
  get prices() {
    const prices = super.prices;
    if (!prices) return null;
    const discounting = this._answer?.type === "success" ? this._answer.parameters.discounting : this._discounting;
    return discounting ? { ...prices, discounting } : prices;
  }

  /**
   * Fills the form and recalculates. `form` is what the officer would type:
   * `{ name, baseYear, unitCostTable, deflator, councilTable, cohort, schedule, sensitivity, costs: [{ year, funder, amount }],
   * outcome: { name, engagement, success, deadweight, lag, duration, dropOff },
   * values: [{ code, quantity, description, agency, amount, grade }],
   * cashable: [{ agency, share }] }`, percentages as percentages ("80");
   * `sensitivity: true` adds the Green Book 2026 sensitivity test.
   */
  load(form) {
    const base = emptyForm();
    const rows = (list, given) => (given?.length ? given : [LISTS[list].empty()]).map((r) => ({ ...LISTS[list].empty(), ...stringify(r) }));
    this._state = {
      ...base, ...stringify({ name: form.name, cohort: form.cohort, schedule: form.schedule ?? base.schedule }),
      sensitivity: form.sensitivity === true || form.sensitivity === "true",
      outcome: { ...base.outcome, ...stringify(form.outcome ?? {}) },
      costs: rows("costs", form.costs),
      values: rows("values", form.values),
      cashable: (form.cashable ?? []).map((r) => ({ ...emptyCashable(), ...stringify(r) })),
    };
    // The prices: the year, table and series given (left out: the series' latest outturn, the defaults).
    const attribute = (name) => this.getAttribute(name) || undefined;
    const pricing = {
      baseYear: form.baseYear ?? attribute("price-year"),
      unitCostTable: form.unitCostTable ?? attribute("unit-cost-table"),
      deflator: form.deflator ?? attribute("deflator"),
      councilTable: form.councilTable,
    };
    if (!this._pricing) {
      this._pendingPricing = pricing;
      return;
    }
    const read = this._pricing.load(pricing);
    const show = () => {
      if (!this._ready) return;
      this._render();
      this._emitPrices();
    };
    return typeof read?.then === "function" ? read.then(show) : Promise.resolve(show());
  }

  /** Empties the form (the prices and unit-cost table chosen stay). */
  clear() {
    this._state = emptyForm();
    if (this._ready) this._render();
  }

  // ---------------------------------------------------------------- render

  _render() {
    const lang = this.uiLanguage;
    const p = this.prefix;
    const s = this._state;
    const o = s.outcome;
    const text = (suffix, label, value, set, options = {}, hint) => formGroup(`${p}-${suffix}`, t(lang, label),
      input(`${p}-${suffix}`, value, (v) => { set(v); this._recalculate(); }, { ...options, describedBy: hint ? `${p}-${suffix}-hint` : undefined }),
      { hint: hint ? t(lang, hint) : undefined });
    const choose = (suffix, label, value, options, set, hint) => {
      const control = select(`${p}-${suffix}`, value, options, (v) => { set(v); this._recalculate(); });
      if (hint) control.setAttribute("aria-describedby", `${p}-${suffix}-hint`);
      return formGroup(`${p}-${suffix}`, t(lang, label), control, { hint: hint ? t(lang, hint) : undefined });
    };
    const list = (name, legend, hint) => fieldset(t(lang, legend), { hintId: hint ? `${p}-${name}-hint` : undefined },
      hint ? el("div", { class: "govuk-hint", id: `${p}-${name}-hint`, text: t(lang, hint) }) : null,
      el("div", { id: `${p}-${name}` }),
      el("button", { type: "button", class: "govuk-button govuk-button--secondary", id: `${p}-add-${LISTS[name].key}`, text: t(lang, `app.${LISTS[name].key}.add`),
        onclick: () => { s[name].push(LISTS[name].empty()); this._renderList(name, s[name].length - 1); } }));

    const form = this._form(
      fieldset(t(lang, "app.programme.legend"), {},
        text("name", "app.name", s.name, (v) => { s.name = v; }, { width: "govuk-input--width-20" }),
        choose("base-year", "app.baseYear", this._pricing.baseYear, this._pricing.yearOptions(lang), (v) => { this._pricing.chooseYear(v); this._emitPrices(); }, "priceYear.hint"),
        text("cohort", "app.cohort", s.cohort, (v) => { s.cohort = v.trim(); }, { mode: "numeric" }),
        choose("schedule", "app.schedule", s.schedule,
          ["greenBook", "health", "sensitivity"].map((name) => [name, t(lang, `app.schedule.${name}`)]), (v) => { s.schedule = v; }),
        el("div", { class: "govuk-form-group", id: `${p}-sensitivity-group` },
          el("p", { class: "govuk-error-message", id: `${p}-sensitivity-error`, hidden: true }),
          el("div", { class: "govuk-checkboxes govuk-checkboxes--small" },
            checkbox(`${p}-sensitivity`, t(lang, "app.sensitivity"), s.sensitivity, (v) => { s.sensitivity = v; this._recalculate(); },
              { hint: t(lang, "app.sensitivity.hint") })))),
      this._pricing.node(lang, { year: false }),
      list("costs", "app.costs.legend", "app.costs.hint"),
      fieldset(t(lang, "app.outcome.legend"), {},
        text("outcome-name", "app.outcome.name", o.name, (v) => { o.name = v; }, { width: "govuk-input--width-20" }),
        el("div", { class: "cb-row" }, OUTCOME.map(([key, , suffix, label, kind]) => text(suffix, label, o[key], (v) => { o[key] = v.trim(); },
          { width: "govuk-input--width-3", mode: kind === "percent" ? "decimal" : "numeric", suffix: kind === "percent" ? "%" : t(lang, "app.years") },
          key === "lag" ? "app.lag.hint" : undefined)))),
      list("values", "app.values.legend", "app.values.hint"),
      list("cashable", "app.cashable.legend", "app.cashable.hint"),
      el("div", { class: "govuk-button-group" },
        el("button", { type: "button", class: "govuk-button govuk-button--warning", id: `${p}-clear`, text: t(lang, "form.clear"),
          onclick: (e) => this._confirm(e.currentTarget, "clear", () => { this.clear(); this.$("name")?.focus(); }) })),
      this._caseSection(lang));

    this._layout(form, { summary: ["app.summary.heading", "summary"], details: ["app.details.heading", "details-heading", "results"] },
      unitCostOptions(`${p}-unit-cost-options`, this._pricing.rows()));
    for (const name of Object.keys(LISTS)) this._renderList(name);
    this._recalculate();
  }

  /** The rows of a list (costs, values, cashable shares), each with a remove button. */
  _renderList(name, focusIndex) {
    const lang = this.uiLanguage;
    const p = this.prefix;
    const { key, fields } = LISTS[name];
    const rows = this._state[name];
    const gradeOptions = [["", t(lang, "app.grade.rag")],
      ...this._grades.map((g) => [String(g.grade), t(lang, "app.grade", { grade: g.grade, percent: rateToPercent(g.reduction) })])];
    this.$(name).replaceChildren(...rows.map((row, i) => {
      const n = i + 1;
      const groups = fields.map(([field, width, mode, affix]) => {
        const id = `${p}-${key}-${i}-${field}`;
        const label = t(lang, `app.${key}.${field}`, { n });
        const update = (v) => { row[field] = field === "description" || field === "funder" || field === "agency" ? v : v.trim(); this._recalculate(); };
        if (field === "grade") return formGroup(id, label, select(id, row.grade, gradeOptions, update));
        return formGroup(id, label, input(id, row[field], update, {
          width, mode, list: field === "code" ? `${p}-unit-cost-options` : undefined,
          prefix: affix === "£" ? "£" : undefined, suffix: affix === "%" ? "%" : undefined,
        }));
      });
      return el("div", { class: "cb-row", id: `${p}-${key}-${i}` }, groups,
        el("button", {
          type: "button", class: "govuk-button govuk-button--secondary",
          onclick: () => { rows.splice(i, 1); this._renderList(name); this._recalculate(); this.$(`add-${key}`)?.focus(); },
        }, t(lang, "item.remove"), el("span", { class: "govuk-visually-hidden", text: t(lang, `app.${key}.removeHidden`, { n }) })));
    }));
    if (focusIndex !== undefined) this.$(`${key}-${focusIndex}-${fields[0][0]}`)?.focus();
  }

  // ------------------------------------------------------------ calculating

  /** The call from the form, and which form row each row of the call came from. */
  _buildCall() {
    const s = this._state;
    const costRows = [];
    const valueRows = [];
    const cashableRows = [];
    const costs = [];
    s.costs.forEach((c, i) => {
      if (blank(c)) return;
      costRows.push(i);
      costs.push({ year: c.year, funder: c.funder.trim(), amount: c.amount });
    });
    const values = [];
    s.values.forEach((v, i) => {
      if (blank(v)) return;
      valueRows.push(i);
      const value = v.code ? { code: v.code } : { description: v.description.trim(), agency: v.agency.trim(), amount: v.amount };
      if (v.code && v.quantity) value.quantity = v.quantity;
      if (v.grade) value.grade = Number(v.grade);
      values.push(value);
    });
    const cashable = [];
    s.cashable.forEach((c, i) => {
      if (blank(c)) return;
      cashableRows.push(i);
      cashable.push({ agency: c.agency.trim(), share: percentToRate(c.share) });
    });
    const o = s.outcome;
    const outcome = { name: o.name.trim(), values, cashable };
    for (const [key, call, , , kind] of OUTCOME) outcome[call] = kind === "percent" ? percentToRate(o[key]) : o[key];
    const call = {
      ...this._pricing.callFields(),
      discounting: s.sensitivity ? { schedule: s.schedule, sensitivity: true } : { schedule: s.schedule },
      scenarios: [{ name: s.name.trim(), cohort: s.cohort, costs, outcomes: [outcome] }],
    };
    return { call, rows: { costs: costRows, values: valueRows, cashable: cashableRows } };
  }

  /** The id of the input an error path points at. */
  _fieldFor(path) {
    const p = this.prefix;
    const at = path ?? "";
    const pricing = this._pricing.fieldFor(at);
    if (pricing) return pricing;
    const rows = this._rows ?? { costs: [], values: [], cashable: [] };
    let m = /^scenarios\[0\]\.costs\[(\d+)\](?:\.(\w+))?/.exec(at);
    if (m) return `${p}-cost-${rows.costs[Number(m[1])] ?? 0}-${m[2] ?? "amount"}`;
    m = /^scenarios\[0\]\.outcomes\[0\]\.values\[(\d+)\](?:\.(\w+))?/.exec(at);
    if (m) {
      const field = m[2] === undefined ? "code" : { rag: "grade", priceYear: "amount" }[m[2]] ?? m[2];
      return `${p}-value-${rows.values[Number(m[1])] ?? 0}-${field}`;
    }
    m = /^scenarios\[0\]\.outcomes\[0\]\.cashable\[(\d+)\](?:\.(\w+))?/.exec(at);
    if (m) return `${p}-cashable-${rows.cashable[Number(m[1])] ?? 0}-${m[2] ?? "agency"}`;
    m = /^scenarios\[0\]\.outcomes\[0\]\.(\w+)/.exec(at);
    if (m) return `${p}-${OUTCOME_IDS[m[1]] ?? "outcome-name"}`;
    if (at === "scenarios[0].cohort") return `${p}-cohort`;
    if (at === "discounting.sensitivity") return `${p}-sensitivity`;
    if (at.startsWith("discounting")) return `${p}-schedule`;
    if (at === "baseYear") return `${p}-base-year`;
    return `${p}-name`;
  }

  _recalculate() {
    const lang = this.uiLanguage;
    const { call, rows } = this._buildCall();
    this._rows = rows;
    this._clearErrors();
    this._keepDraft(this._caseData());
    if (JSON.stringify(this._state) === JSON.stringify(emptyForm())) {
      this._showEmpty([[this.$("summary"), "app.empty"], [this.$("results"), "app.details.empty"]]);
      return undefined;
    }
    return this._compute(call, "appraise", "app.correct", [this.$("summary"), this.$("results")], (answer) => {
      const scenario = answer.scenarios[0];
      this._renderResults(answer, scenario);
      const announced = [t(lang, "app.announce", { npv: formatMoney(scenario.central.npv), payback: this._payback(scenario.central.paybackPv) })];
      if (scenario.sensitivity) announced.push(t(lang, "app.announce.sensitivity", { npv: formatMoney(scenario.sensitivity.npv) }));
      this._announce(announced.join(" "));
    });
  }

  // -------------------------------------------------------------- results

  _payback(x) {
    const lang = this.uiLanguage;
    if (x.status === "never") return t(lang, "app.payback.never");
    return x.year === 0 ? t(lang, "app.payback.now") : t(lang, "app.payback.year", { year: x.year, years: x.years });
  }

  _renderResults(answer, s) {
    const lang = this.uiLanguage;
    const p = this.prefix;
    const c = s.central;
    const ratio = (r) => r ?? t(lang, "app.ratio.none");
    const cell = (text, numeric) => el("td", { class: `govuk-table__cell${numeric ? " govuk-table__cell--numeric" : ""}`, text });
    const rowHead = (text) => el("th", { scope: "row", class: "govuk-table__header", text });
    const tr = (...cells) => el("tr", { class: "govuk-table__row" }, cells);
    // Value for money as the Green Book 2026 reads it: the net present value, who
    // benefits, the returns and payback side by side; the benefit-cost ratio is one
    // figure among them, with no threshold.
    const who = s.byAgency.filter((a) => a.flow.netPv !== "0.00")
      .map((a) => `${a.agency}${a.valueType === "fiscal" ? "" : ` (${t(lang, `app.valueType.${a.valueType}`)})`} ${formatMoney(a.flow.netPv)}`);
    const sens = s.sensitivity;
    const beside = sens ? table(`${p}-sensitivity-figures`, t(lang, "app.sensitivity.caption"),
      [[t(lang, "app.measure")], [t(lang, "app.case.central"), true], [t(lang, "app.sensitivity.column"), true]],
      [
        [t(lang, "app.npv"), (r) => formatMoney(r.npv)],
        [t(lang, "app.roi.fiscal"), (r) => ratio(r.roi.fiscal)],
        [t(lang, "app.roi.economic"), (r) => ratio(r.roi.economic)],
        [t(lang, "app.roi.publicValue"), (r) => ratio(r.roi.publicValue)],
        [t(lang, "app.payback.pv"), (r) => this._payback(r.paybackPv)],
      ].map(([label, shown]) => tr(rowHead(label), cell(shown(c), true), cell(shown(sens), true)))) : null;
    fill(this.$("summary"),
      el("p", { class: "govuk-body" }, t(lang, "app.npv"), " ",
        el("strong", { class: "govuk-!-font-size-36 cb-figure", id: `${p}-npv`, text: formatMoney(c.npv) })),
      summaryList([
        [t(lang, "app.whoBenefits"), who.length ? who.join("; ") : t(lang, "app.whoBenefits.none"), `${p}-who-benefits`],
        [t(lang, "app.roi.fiscal"), ratio(c.roi.fiscal), `${p}-roi-fiscal`],
        [t(lang, "app.roi.economic"), ratio(c.roi.economic), `${p}-roi-economic`],
        [t(lang, "app.roi.publicValue"), ratio(c.roi.publicValue), `${p}-roi-public`],
        [t(lang, "app.payback.pv"), this._payback(c.paybackPv), `${p}-payback-pv`],
        [t(lang, "app.payback.cash"), this._payback(c.payback), `${p}-payback`],
        [t(lang, "app.bcr"), ratio(c.bcr), `${p}-bcr`],
        ...(sens ? [[t(lang, "app.npv.sensitivity"), formatMoney(sens.npv), `${p}-npv-sensitivity`]] : []),
      ]),
      el("p", { class: "govuk-body-s", text: t(lang, "app.summary.note", { year: answer.baseYear, horizon: s.horizon }) }),
      el("p", { class: "govuk-body-s", id: `${p}-vfm-note`, text: t(lang, "app.vfm.note") }));

    const ranges = table(`${p}-ranges`, t(lang, "app.ranges.caption"),
      [[t(lang, "app.case")], [t(lang, "app.npv"), true], [t(lang, "app.bcr"), true], [t(lang, "app.roi.fiscal"), true], [t(lang, "app.payback.pv")]],
      [["low", s.low], ["central", s.central], ["high", s.high]].map(([name, r]) => tr(rowHead(t(lang, `app.case.${name}`)),
        moneyCell(r.npv), cell(ratio(r.bcr), true), cell(ratio(r.roi.fiscal), true), cell(this._payback(r.paybackPv)))));
    const years = table(`${p}-years`, t(lang, "app.years.caption"),
      [[t(lang, "app.year")], [t(lang, "app.discountFactor"), true], [t(lang, "app.costsPv"), true], [t(lang, "app.gross"), true],
        [t(lang, "app.net"), true], [t(lang, "app.netPv"), true], [t(lang, "app.allNetPv"), true], [t(lang, "app.position"), true]],
      s.years.map((y) => tr(rowHead(t(lang, "app.yearOf", { year: y.year, financialYear: y.financialYear })),
        // Shown to 6 places; the engine keeps and uses it exact.
        cell(Number(y.discountFactor).toFixed(6), true),
        moneyCell(y.costsPv), moneyCell(y.fiscal.gross), moneyCell(y.fiscal.net), moneyCell(y.fiscal.netPv), moneyCell(y.netPv), moneyCell(y.fiscalPositionPv))));
    const dash = () => cell("—");
    const agencies = table(`${p}-by-agency`, t(lang, "app.agencies.caption"),
      [[t(lang, "table.agency")], [t(lang, "app.valueType")], [t(lang, "app.netPv"), true], [t(lang, "app.cashablePv"), true], [t(lang, "app.nonCashablePv"), true]],
      s.byAgency.map((a) => tr(rowHead(a.agency), cell(t(lang, `app.valueType.${a.valueType}`)), moneyCell(a.flow.netPv),
        a.cashablePv === undefined ? dash() : moneyCell(a.cashablePv),
        a.nonCashablePv === undefined ? dash() : moneyCell(a.nonCashablePv))));
    const o = s.outcomes[0];
    const trace = o ? el("div", { class: "govuk-inset-text", id: `${p}-trace` },
      el("p", { class: "govuk-body", text: t(lang, "app.trace", {
        cohort: s.cohort, engagement: rateToPercent(o.engagement), engaged: o.engaged, success: rateToPercent(o.success),
        achieving: o.achieving, deadweight: rateToPercent(o.deadweight), net: o.netOfDeadweight,
      }) }),
      el("ul", { class: "govuk-list govuk-list--bullet" }, o.values.map((v) => el("li", { text: t(lang, "app.traceValue", {
        what: `${v.code ? `${v.code} ` : ""}${v.description}`, agency: v.agency, unit: formatMoney(v.unitValue), quantity: v.quantity,
        value: formatMoney(v.value), grade: v.grade, bias: rateToPercent(v.optimismBias), net: formatMoney(v.netValue),
      }) })))) : null;
    const r = answer.receipt;
    // Each schedule used, named with its edition and its source.
    const schedule = (d) => (d.edition ? `${d.edition}: ${d.source}` : d.source);
    const sensitivity = answer.parameters.sensitivityDiscounting;
    fill(this.$("results"), beside, ranges, years, agencies, trace, this._receipt(r, [
      ...this._pricingReceipt(r),
      ["receipt.discounting", schedule(answer.parameters.discounting)],
      ...(sensitivity ? [["receipt.sensitivity", schedule(sensitivity)]] : []),
      ["receipt.optimismBias", answer.parameters.optimismBias.source],
    ]));
  }
}

/** Every value of `object` as text (numbers typed as numbers are shown as typed). */
function stringify(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]));
}

define("community-budget-savings", SavingsElement);
