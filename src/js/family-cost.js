// <community-budget-family-cost>: an officer costs a family's use of public
// services, by agency, as they type.
//
//   <community-budget-family-cost lang="cy" case-storage="file draft">
//
// Attributes: `price-year` (initial price year; default: the deflator series'
// latest outturn year, so costs open in today's money), `unit-cost-table`
// (`ucd-v1.2`, the default, or `ucd-v1.4`), `deflator` (`hmt-gdp-2026-03`, the
// default, or `ucd-v1.2-ons-2013-06`), `lang` (`en` or `cy`; default: the
// nearest `lang` of the page), `case-storage` (`file` and/or `draft`: offer
// saving the case to a file and/or keeping a draft in this browser; absent:
// nothing can be stored). The officer can change the year, table and series,
// and load the council's own unit-cost table (CSV), in the form.
//
// Events (bubbling): `community-budget:answer` with `{ call, answer }` after
// every calculation; `community-budget:ready` once the engine has loaded;
// `community-budget:prices` with the prices it works in, then after every
// change of them. Methods: `load(call)`, `clear()`; properties `call`,
// `answer`, `prices`.
//
// The element renders into its own light DOM with GOV.UK Frontend classes, so
// a GOV.UK-styled portal's stylesheet applies and any other portal still gets
// plain, readable HTML. It uses no inline styles or scripts (strict CSP).
import { CalculatorElement, define } from "./calculator.js";
import { el, fill, formGroup, moneyCell, table, unitCostOptions } from "./dom.js";
import { formatMoney, noteMessage, t } from "./i18n.js";
import { PricingFields } from "./pricing.js";
import { maybe } from "./case-store.js";

const LOCAL_FIELDS = [
  // [call field, id suffix, string key, width class]
  ["code", "code", "local.field.code", "govuk-input--width-10"],
  ["description", "description", "local.field.description", "govuk-input--width-20"],
  ["agencyL1", "agency", "local.field.agency", "govuk-input--width-20"],
  ["agencyL2", "sub-agency", "local.field.subAgency", "govuk-input--width-20"],
  ["unit", "unit", "local.field.unit", "govuk-input--width-10"],
  ["cost", "cost", "local.field.cost", "govuk-input--width-5"],
  ["priceYear", "price-year", "local.field.priceYear", ""],
];
const LOCAL_SUFFIX = Object.fromEntries(LOCAL_FIELDS.map(([field, suffix]) => [field, suffix]));
const KIND = "family-cost";

const emptyItem = () => ({ code: "", quantity: "" });

/**
 * A kept case as it was costed. Cases saved before the deflator series could be
 * chosen name none, and were costed with the only series there was then, the
 * UCD v1.2's own index; a case saved since always names its series.
 */
const asCosted = (call) => (call.deflator === undefined && call.baseYear !== undefined ? { ...call, deflator: "ucd-v1.2-ons-2013-06" } : call);
const emptyLocal = (year) => ({ code: "", description: "", agencyL1: "", agencyL2: "", unit: "", cost: "", priceYear: year });

/** What a case file or draft holds: a costFamily call (see calculator.js's keeping a case). */
const CASE_SCHEMA = {
  baseYear: "text?", unitCostTable: "text?", deflator: "text?",
  councilTable: maybe({ name: "text", csv: "text", extends: "text?" }),
  items: [{ code: "text", quantity: "text|number" }],
  localRows: maybe([{ code: "text", description: "text", agencyL1: "text", cost: "text", priceYear: "text" }]),
};

export class FamilyCostElement extends CalculatorElement {
  static part = "costs";
  static kind = KIND;
  static caseSchema = CASE_SCHEMA;

  constructor() {
    super();
    this._state = null;
    this._answer = null;
    this._itemRows = [];
  }

  /** The call the form currently describes. */
  get call() {
    return this._buildCall().call;
  }

  /** Whether any service or local cost has been entered. */
  get hasWork() {
    return Boolean(this._state) && (this._state.items.some((i) => i.code || i.quantity) || this._state.localRows.length > 0);
  }

  _caseData() {
    return this.call;
  }

  /** A kept case, as it was costed. */
  _restoreCase(call) {
    return this.load(asCosted(call));
  }

  async _start(api) {
    const table = this._catalogue(api);
    this._pricing = this._pricingFields(api, table);
    await this._pricing.started();
    if (this._pendingCall) await this._pricing.load(this._pendingCall);
    this._state ??= { items: [emptyItem()], localRows: [] };
    this._indexRows();
  }

  /** The unit-cost rows in use, by code (the chosen table, or the council's). */
  _indexRows() {
    this._rowsByCode = new Map(this._pricing.rows().map((r) => [r.code, r]));
  }

  /**
   * Fills the form from a call (`{ baseYear, unitCostTable, deflator,
   * councilTable, items, localRows }`; left out, the year is the series'
   * latest outturn and the table and series the defaults) and recalculates;
   * the promise settles once it has.
   */
  load(call) {
    const year = call.baseYear ?? this._pricing?.baseYear ?? "";
    this._state = {
      items: (call.items?.length ? call.items : [emptyItem()]).map((i) => ({ code: String(i.code), quantity: String(i.quantity) })),
      localRows: (call.localRows ?? []).map((r) => ({ ...emptyLocal(year), ...r })),
    };
    if (!this._pricing) {
      this._pendingCall = call;
      return;
    }
    const read = this._pricing.load(call);
    const show = () => {
      this._indexRows();
      if (!this._ready) return;
      this._render();
      this._emitPrices();
    };
    return typeof read?.then === "function" ? read.then(show) : Promise.resolve(show());
  }

  /** Empties the form's services and local costs (the prices and unit-cost table chosen stay). */
  clear() {
    this._state = { items: [emptyItem()], localRows: [] };
    if (this._ready) this._render();
  }

  // ---------------------------------------------------------------- render

  _render(focus) {
    const lang = this.uiLanguage;
    const p = this.prefix;
    const s = this._state;
    const pricing = this._pricing.node(lang);

    const items = el("fieldset", { class: "govuk-fieldset", "aria-describedby": `${p}-items-hint` },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" },
        el("h2", { class: "govuk-fieldset__heading", text: t(lang, "items.legend") })),
      el("div", { class: "govuk-hint", id: `${p}-items-hint`, text: t(lang, "items.hint") }),
      el("div", { id: `${p}-items` }),
      el("div", { class: "govuk-button-group" },
        el("button", { type: "button", class: "govuk-button govuk-button--secondary", id: `${p}-add-item`, text: t(lang, "items.add"),
          onclick: () => { s.items.push(emptyItem()); this._renderItems(s.items.length - 1); } }),
        el("button", { type: "button", class: "govuk-button govuk-button--warning", id: `${p}-clear`, text: t(lang, "form.clear"),
          onclick: (e) => this._confirm(e.currentTarget, "clear", () => { this.clear(); this.$("item-0-code")?.focus(); }) })));

    const locals = el("fieldset", { class: "govuk-fieldset", "aria-describedby": `${p}-local-hint` },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" },
        el("h2", { class: "govuk-fieldset__heading", text: t(lang, "local.legend") })),
      el("div", { class: "govuk-hint", id: `${p}-local-hint`, text: t(lang, "local.hint") }),
      el("div", { id: `${p}-local-rows` }),
      el("button", { type: "button", class: "govuk-button govuk-button--secondary", id: `${p}-add-local`, text: t(lang, "local.add"),
        onclick: () => { s.localRows.push(emptyLocal(this._pricing.baseYear)); this._renderLocalRows(s.localRows.length - 1); this._recalculate(); } }));

    const form = this._form(pricing, items, locals, this._caseSection(lang));
    this._layout(form, { summary: ["summary.heading", "summary"], details: ["lines.heading", "lines-heading", "results"] },
      unitCostOptions(`${p}-unit-cost-options`, this._pricing.rows()),
      el("datalist", { id: `${p}-agency-options` }));
    for (const agency of new Set(this._pricing.rows().map((r) => r.agency).filter((a) => a !== "Multiple"))) {
      this.$("agency-options").append(el("option", { value: agency }));
    }
    this._renderLocalRows();
    this._renderItems(focus);
    this._recalculate();
  }

  _renderItems(focusIndex) {
    const lang = this.uiLanguage;
    const p = this.prefix;
    const s = this._state;
    const container = this.$("items");
    container.replaceChildren();
    s.items.forEach((item, i) => {
      const n = i + 1;
      const code = el("input", {
        class: "govuk-input govuk-input--width-10", id: `${p}-item-${i}-code`, list: `${p}-unit-cost-options`,
        autocomplete: "off", spellcheck: "false", value: item.code,
        oninput: (e) => { item.code = e.target.value.trim(); this._describe(i); this._recalculate(); },
      });
      const quantity = el("input", {
        class: "govuk-input govuk-input--width-4", id: `${p}-item-${i}-quantity`, inputmode: "numeric",
        autocomplete: "off", spellcheck: "false", value: item.quantity,
        oninput: (e) => { item.quantity = e.target.value.trim(); this._recalculate(); },
      });
      container.append(el("div", { class: "cb-row", id: `${p}-item-${i}` },
        formGroup(`${p}-item-${i}-code`, t(lang, "item.code", { n }), code),
        formGroup(`${p}-item-${i}-quantity`, t(lang, "item.quantity", { n }), quantity),
        el("button", {
          type: "button", class: "govuk-button govuk-button--secondary",
          onclick: () => {
            s.items.splice(i, 1);
            if (s.items.length === 0) s.items.push(emptyItem());
            this._renderItems(Math.min(i, s.items.length - 1));
            this._recalculate();
          },
        }, t(lang, "item.remove"), el("span", { class: "govuk-visually-hidden", text: t(lang, "item.removeHidden", { n }) })),
        el("p", { class: "govuk-body-s cb-row__description", id: `${p}-item-${i}-description` })));
      this._describe(i);
    });
    if (focusIndex !== undefined) this.$(`item-${focusIndex}-code`)?.focus();
  }

  /** Once the table's rows are in (after the first result): each item's description. */
  _afterRows() {
    this._state.items.forEach((_, i) => this._describe(i));
  }

  _describe(i) {
    const item = this._state.items[i];
    const target = this.$(`item-${i}-description`);
    if (!target) return;
    const local = this._state.localRows.find((r) => r.code && r.code === item.code);
    const row = this._rowsByCode.get(item.code);
    if (local) target.textContent = t(this.uiLanguage, "item.local", { description: local.description || t(this.uiLanguage, "local.default") });
    else if (row) {
      const description = row.origin === "council" ? t(this.uiLanguage, "item.council", { description: row.description }) : row.description;
      target.textContent = `${description} · ${row.agency}${row.subAgency ? ` (${row.subAgency})` : ""}${row.unit ? ` · ${row.unit}` : ""}`;
    }
    else target.textContent = "";
  }

  _renderLocalRows(focusIndex) {
    const lang = this.uiLanguage;
    const p = this.prefix;
    const s = this._state;
    const container = this.$("local-rows");
    container.replaceChildren();
    s.localRows.forEach((row, i) => {
      const n = i + 1;
      const groups = LOCAL_FIELDS.map(([field, suffix, key, width]) => {
        const id = `${p}-local-${i}-${suffix}`;
        const update = (e) => { row[field] = e.target.value.trim(); this._refreshLocalOptions(); this._recalculate(); };
        const label = t(lang, key, { n });
        if (field === "priceYear") {
          const select = el("select", { class: "govuk-select", id, onchange: update });
          for (const y of this._pricing.years()) select.append(el("option", { value: y.year, text: y.year }));
          select.value = row.priceYear;
          return formGroup(id, label, select);
        }
        const input = el("input", {
          class: `govuk-input ${width}`, id, value: row[field], autocomplete: "off",
          spellcheck: field === "description" ? "true" : "false",
          inputmode: field === "cost" ? "decimal" : undefined,
          list: field === "agencyL1" ? `${p}-agency-options` : undefined,
          oninput: update,
        });
        const control = field === "cost"
          ? el("div", { class: "govuk-input__wrapper" }, el("div", { class: "govuk-input__prefix", "aria-hidden": "true", text: "£" }), input)
          : input;
        return formGroup(id, label, control);
      });
      container.append(el("div", { class: "cb-row", id: `${p}-local-${i}` }, groups,
        el("button", {
          type: "button", class: "govuk-button govuk-button--secondary",
          onclick: () => {
            s.localRows.splice(i, 1);
            this._renderLocalRows();
            this._refreshLocalOptions();
            this._recalculate();
            this.$("add-local")?.focus();
          },
        }, t(lang, "local.remove"), el("span", { class: "govuk-visually-hidden", text: t(lang, "local.removeHidden", { n }) }))));
    });
    this._refreshLocalOptions();
    if (focusIndex !== undefined) this.$(`local-${focusIndex}-code`)?.focus();
  }

  _refreshLocalOptions() {
    const list = this.$("unit-cost-options");
    if (!list) return;
    list.querySelectorAll("option[data-local]").forEach((o) => o.remove());
    for (const row of this._state.localRows) {
      if (row.code) list.prepend(el("option", { value: row.code, "data-local": true, label: t(this.uiLanguage, "item.local", { description: row.description || t(this.uiLanguage, "local.default") }) }));
    }
    this._state.items.forEach((_, i) => this._describe(i));
  }

  // ------------------------------------------------------------- calculating

  _buildCall() {
    const s = this._state;
    const itemRows = [];
    const items = [];
    s.items.forEach((item, i) => {
      if (item.code === "" && item.quantity === "") return;
      itemRows.push(i);
      items.push({ code: item.code, quantity: item.quantity });
    });
    const localRows = s.localRows.map((r) => {
      const row = { code: r.code, description: r.description, agencyL1: r.agencyL1, cost: r.cost, priceYear: r.priceYear };
      if (r.agencyL2) row.agencyL2 = r.agencyL2;
      if (r.unit) row.unit = r.unit;
      return row;
    });
    return { call: { ...this._pricing.callFields(), items, localRows }, itemRows };
  }

  /** The id of the control an error path points at. */
  _fieldFor(path) {
    const p = this.prefix;
    const pricing = this._pricing.fieldFor(path);
    if (pricing) return pricing;
    if (!path) return `${p}-base-year`;
    let m = /^items\[(\d+)\](?:\.(code|quantity))?/.exec(path);
    if (m) return `${p}-item-${this._itemRows[Number(m[1])] ?? 0}-${m[2] ?? "code"}`;
    m = /^localRows\[(\d+)\](?:\.(\w+))?/.exec(path);
    if (m) return `${p}-local-${m[1]}-${LOCAL_SUFFIX[m[2]] ?? "code"}`;
    return `${p}-base-year`;
  }

  _recalculate() {
    const lang = this.uiLanguage;
    const { call, itemRows } = this._buildCall();
    this._itemRows = itemRows;
    this._clearErrors();
    this._keepDraft(call);
    return this._compute(call, "costFamily", "errors.correct", [this.$("summary"), this.$("results")], (answer) => {
      this._renderResults(answer);
      this._announce(call.items.length ? t(lang, "status.total", { amount: formatMoney(answer.total), year: answer.baseYear }) : "");
    });
  }

  _renderResults(answer) {
    const lang = this.uiLanguage;
    const p = this.prefix;
    if (answer.lines.length === 0) {
      fill(this.$("summary"), el("p", { class: "govuk-body", text: t(lang, "summary.empty") }));
      fill(this.$("results"), el("p", { class: "govuk-body", text: t(lang, "lines.empty") }));
      return;
    }
    const money = moneyCell;
    const cell = (text, extra = "") => el("td", { class: `govuk-table__cell${extra}`, text });
    const rowHead = (text) => el("th", { scope: "row", class: "govuk-table__header", text });
    const tr = (...cells) => el("tr", { class: "govuk-table__row" }, cells);
    const byAgency = table(`${p}-by-agency`, t(lang, "summary.caption", { year: answer.baseYear }),
      [[t(lang, "table.agency")], [t(lang, "table.cost"), true]],
      [...answer.byAgency.map((a) => tr(rowHead(a.agency), money(a.amount))),
        tr(rowHead(t(lang, "table.total")), money(answer.total, { id: `${p}-total` }))]);
    const bySub = table(`${p}-by-sub-agency`, t(lang, "bySub.caption"),
      [[t(lang, "table.agency")], [t(lang, "table.team")], [t(lang, "table.cost"), true]],
      answer.bySubAgency.map((a) => tr(cell(a.agency), cell(a.subAgency || "—"), money(a.amount))));
    const lineRows = [];
    for (const line of answer.lines) {
      const description = line.origin === "national" ? line.description
        : t(lang, line.origin === "council" ? "item.council" : "item.local", { description: line.description });
      lineRows.push(tr(cell(line.code), cell(description), cell(line.agency),
        cell(`${formatMoney(line.originalCost)} (${line.priceYear})`, " govuk-table__cell--numeric"),
        money(line.unitCost), cell(String(line.quantity), " govuk-table__cell--numeric"), money(line.lineCost)));
      for (const part of line.parts) {
        const row = tr(cell(part.code), cell(part.description), cell(part.agency),
          cell(`${formatMoney(part.originalCost)} (${part.priceYear})`, " govuk-table__cell--numeric"),
          money(part.unitCost), cell(String(line.quantity), " govuk-table__cell--numeric"), money(part.lineCost));
        row.classList.add("cb-part");
        lineRows.push(row);
      }
    }
    const lines = table(`${p}-lines`, t(lang, "lines.caption"),
      [[t(lang, "lines.code")], [t(lang, "lines.service")], [t(lang, "table.agency")], [t(lang, "lines.source"), true],
        [t(lang, "lines.unit", { year: answer.baseYear }), true], [t(lang, "lines.quantity"), true], [t(lang, "table.cost"), true]],
      lineRows);
    const codeAt = (path) => answer.lines[Number(/^items\[(\d+)\]/.exec(path ?? "")?.[1])]?.code ?? "";
    const notes = answer.notes.length
      ? el("div", { class: "govuk-inset-text", id: `${p}-notes` }, el("ul", { class: "govuk-list govuk-list--bullet" },
        answer.notes.map((n) => el("li", { text: noteMessage(lang, n, { ...this._noteValues(lang), year: answer.baseYear, code: codeAt(n.path) }) }))))
      : null;
    const receipt = this._receipt(answer.receipt, this._pricingReceipt(answer.receipt));
    fill(this.$("summary"),
      el("p", { class: "govuk-body-l", id: `${p}-total-summary` },
        ...t(lang, "summary.total", { amount: "\u0000", year: answer.baseYear }).split("\u0000")
          .flatMap((part, i) => (i === 0 ? [part] : [el("strong", { text: formatMoney(answer.total) }), part]))),
      byAgency);
    fill(this.$("results"), bySub, lines, notes, receipt);
  }
}

define("community-budget-family-cost", FamilyCostElement);
