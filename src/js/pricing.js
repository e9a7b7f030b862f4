// "Prices and unit costs": the part of a form that says which money a figure
// is in. Shared by the family-cost and savings elements, and by any page that
// prices with the engine (the demo portal's cohort and savings pages use it).
//
//   const pricing = new PricingFields({
//     catalogue: api.unitCosts(),                      // the tables and deflator series
//     read: (call) => api.readUnitCostTable(call),     // may return a promise (a worker)
//     prefix: "family", onChange: () => recalculate(),
//   });
//   form.append(pricing.node("en"));
//   costFamily({ ...pricing.callFields(), items });    // { baseYear, deflator, unitCostTable } or { …, councilTable }
//
// It offers the price year (the deflator series' years, forecasts marked; by
// default the series' latest outturn year: today's money), the built-in
// unit-cost table (UCD v1.2 by default; UCD v1.4 with a warning that its codes
// are numbered differently), the deflator series (HM Treasury's newest by
// default), and the council's own table: a CSV file read in the browser by the
// engine's readUnitCostTable, shown as a summary and a table of the rows left
// out (line, column, problem), used on top of the chosen built-in table or on
// its own. Nothing is uploaded: the file's text goes into each call.
//
// An engine module that does not carry a built-in table's rows (the capability
// modules lack UCD v1.4, to stay small) lists it with `loaded: false`; when it
// is chosen, `loadTable(id)` (see `tableLoader`) fetches its data file from the
// package, the only request made after the page has loaded, and only then.
import { el, fill, formGroup, summaryList, table as govukTable } from "./dom.js";
import { STRINGS, errorMessage, t } from "./i18n.js";

const known = (key) => key in STRINGS.en;

/** The template CSV of a council table, shipped beside this module. */
export const TEMPLATE_URL = new URL("./unit_cost_template.csv", import.meta.url).href;

/** The data file of a built-in table, in the package beside this module: `ucd-v1.4` → ucd_v1_4.tsv. */
export function tableFileUrl(id) {
  return new URL(`./${id.replace(/[-.]/g, "_")}.tsv`, import.meta.url).href;
}

const loaders = new WeakMap();

/**
 * `loadTable` for PricingFields over an engine module (`{ loadUnitCostTable,
 * unitCosts }`): fetches the table's data file from the package once, hands it
 * to the engine (which checks its SHA-256) and resolves to `unitCosts({ table })`,
 * the table with its rows; a failure answer if the file cannot be had.
 */
export function tableLoader(api) {
  if (!loaders.has(api)) loaders.set(api, new Map());
  const loading = loaders.get(api);
  return (id) => {
    if (!loading.has(id)) {
      loading.set(id, fetch(tableFileUrl(id))
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
          return response.text();
        })
        .then((tsv) => {
          const loaded = api.loadUnitCostTable({ id, tsv });
          return loaded.type === "success" ? api.unitCosts({ table: id }) : loaded;
        })
        .catch((e) => {
          loading.delete(id);
          return { type: "failure", errors: [{ code: "unknown_table", message: e.message, path: "unitCostTable" }] };
        }));
    }
    return loading.get(id);
  };
}

/** A council table's name from its file name: "Salford costs 2025.csv" → "Salford costs 2025". */
export function tableNameOf(fileName) {
  const name = fileName.replace(/\.[^.]*$/, "").replace(/[^\p{L}\p{N} ._()-]+/gu, "-").replace(/^-+|-+$/g, "").trim().slice(0, 64);
  return name || "council";
}

export class PricingFields {
  /**
   * `catalogue`: a success answer of unitCosts() (every table, every series).
   * `read(call)`: readUnitCostTable, returning its answer or a promise of it.
   * `loadTable(id)`: for a table the catalogue lists without its rows
   * (`loaded: false`), a promise of `unitCosts({ table: id })` once it has them
   * (`tableLoader(api)`); call `started()` before the first use.
   * `prefix`: the ids' prefix ("" for none). `baseYear`, `table`, `deflator`:
   * the choice to start with (each left out: the default). `onChange()`: after
   * every change of the choice. `onProblem(message, path)`: the council's file
   * could not be read at all (path `@council-file`), or a table could not be
   * loaded (path `unitCostTable`); the message names it and says why.
   * `announce(text)`: a sentence for the live region.
   */
  constructor({ catalogue, read, loadTable, prefix = "", baseYear, table, deflator, onChange = () => {}, onProblem = () => {}, announce = () => {}, templateUrl = TEMPLATE_URL }) {
    this.catalogue = catalogue;
    this._read = read;
    this._loadTable = loadTable;
    this.prefix = prefix;
    this.onChange = onChange;
    this.onProblem = onProblem;
    this.announce = announce;
    this.templateUrl = templateUrl;
    this.lang = "en";
    this.root = el("div", { class: "cb-pricing", id: this.id("pricing") });
    this.state = { table: this._tableId(table), deflator: this._seriesId(deflator), baseYear: "", council: null };
    this.state.baseYear = this._yearIn(baseYear);
    // A table whose rows are still to be loaded is taken by `started()`.
    this._wanted = null;
    if (this.builtin().loaded === false) {
      this._wanted = this.state.table;
      this.state.table = this._tableId(undefined);
    }
  }

  /** Resolves once the table asked for at the start has its rows (or, if it cannot be had, with the default table). */
  async started() {
    const wanted = this._wanted;
    this._wanted = null;
    if (wanted && (await this._haveTable(wanted))) this.state.table = wanted;
  }

  /**
   * True when the built-in table `id` has its rows, or a promise of whether it
   * has them once loaded; a table that cannot be had is a problem at the table.
   */
  _haveTable(id) {
    const index = this.catalogue.tables.findIndex((x) => x.id === id);
    if (index < 0 || this.catalogue.tables[index].loaded !== false) return index >= 0;
    const problem = (reason) => {
      this.onProblem(t(this.lang, "pricing.unavailable", { table: tableShort(this.lang, id), reason }), "unitCostTable");
      return false;
    };
    if (!this._loadTable) return problem("");
    return this._loadTable(id).then((answer) => {
      const loaded = answer.type === "success" ? answer.tables.find((x) => x.id === id) : null;
      if (!loaded) return problem(answer.errors.map((e) => e.message).join(" "));
      this.catalogue.tables.splice(index, 1, loaded);
      return true;
    });
  }

  /**
   * Fills in the rows of the built-in table in use when the catalogue was
   * read without them (`unitCosts({ rows: false })`): true if it did. The
   * catalogue is shared by the elements of a module, so this happens once.
   */
  fillRows(api) {
    const index = this.catalogue.tables.findIndex((x) => x.id === this.state.table);
    const entry = this.catalogue.tables[index];
    if (!entry || entry.loaded === false || entry.rows.length || !entry.rowCount) return false;
    const answer = api.unitCosts({ table: entry.id });
    const full = answer.type === "success" ? answer.tables.find((x) => x.id === entry.id) : null;
    if (!full) return false;
    this.catalogue.tables.splice(index, 1, full);
    return true;
  }

  /** The id of a control: the prefix, a hyphen and `suffix`. */
  id(suffix) {
    return this.prefix ? `${this.prefix}-${suffix}` : suffix;
  }

  // ------------------------------------------------------------ the choice

  _tableId(id) {
    const tables = this.catalogue.tables;
    return (tables.find((x) => x.id === id) ?? tables.find((x) => x.default) ?? tables[0]).id;
  }

  _seriesId(id) {
    const all = this.catalogue.deflators;
    return (all.find((x) => x.id === id) ?? all.find((x) => x.default) ?? all[0]).id;
  }

  /** `year` if the series has it, else the series' latest outturn year. */
  _yearIn(year) {
    const series = this.series();
    return series.years.some((y) => y.year === year) ? year : series.latestOutturn;
  }

  /** The deflator series in use (a `deflators` entry of unitCosts()). */
  series() {
    return this.catalogue.deflators.find((x) => x.id === this.state.deflator);
  }

  /** The built-in table chosen (an entry of unitCosts().tables). */
  builtin() {
    return this.catalogue.tables.find((x) => x.id === this.state.table);
  }

  /** The years of the series in use, earliest first: `{ year, index, forecast, linked }`. */
  years() {
    return this.series().years;
  }

  /** The price year chosen. */
  get baseYear() {
    return this.state.baseYear;
  }

  /** The council's table as read (the readUnitCostTable answer), or null. */
  get council() {
    return this.state.council?.answer ?? null;
  }

  /** The rows an item's code is looked up in: the council's first (they replace the built-in rows of their codes), then the built-in table's. */
  rows() {
    const c = this.state.council;
    if (!c) return this.builtin().rows;
    if (c.mode === "alone") return c.answer.rows;
    const own = new Set(c.answer.rows.map((r) => r.code));
    return [...c.answer.rows, ...this.builtin().rows.filter((r) => !own.has(r.code))];
  }

  /** The pricing fields of a call: `{ baseYear, deflator, unitCostTable }`, or `{ baseYear, deflator, councilTable }`. */
  callFields() {
    const s = this.state;
    const fields = { baseYear: s.baseYear, deflator: s.deflator };
    if (!s.council) return { ...fields, unitCostTable: s.table };
    const councilTable = { name: s.council.name, csv: s.council.csv };
    if (s.council.mode === "with") councilTable.extends = s.table;
    return { ...fields, councilTable };
  }

  /** What the footer of a page says of these prices (see `pricesLine`). */
  prices() {
    const s = this.state;
    if (!s.council) return { baseYear: s.baseYear, deflator: s.deflator, unitCostTable: s.table };
    const prices = { baseYear: s.baseYear, deflator: s.deflator, unitCostTable: s.council.answer.table.id };
    if (s.council.mode === "with") prices.extendsTable = s.table;
    return prices;
  }

  /** The id of the control an error's path is about, or null. */
  fieldFor(path = "") {
    if (path === "baseYear") return this.id("base-year");
    if (path === "unitCostTable") return this.id("unit-cost-table");
    if (path === "deflator") return this.id("deflator");
    if (path === "@council-file" || path.startsWith("councilTable")) return this.id("council-file");
    return null;
  }

  /**
   * Takes the pricing of a call (`baseYear`, `unitCostTable`, `deflator`,
   * `councilTable`) as the choice; a council table is read again. Resolves
   * once it has been (at once when `read` answers at once).
   */
  load(call = {}) {
    const table = this._tableId(call.councilTable?.extends ?? call.unitCostTable);
    this.state.deflator = this._seriesId(call.deflator);
    this.state.baseYear = this._yearIn(call.baseYear);
    this.state.council = null;
    const rest = (have) => {
      if (have) this.state.table = table;
      const c = call.councilTable;
      if (!c || typeof c.csv !== "string") return undefined;
      const mode = c.extends ? "with" : "alone";
      return this._readThen({ name: c.name, csv: c.csv, fileName: c.name, mode }, () => {}, true);
    };
    const have = this._haveTable(table);
    return typeof have === "boolean" ? rest(have) : have.then(rest);
  }

  // ------------------------------------------------------------- changing

  setYear(year) {
    this.chooseYear(year);
    this.onChange("year");
  }

  /** Takes `year` as the price year without telling `onChange`: for a form that shows the year itself and recalculates on its own. */
  chooseYear(year) {
    this.state.baseYear = this._yearIn(year);
  }

  setTable(id) {
    const table = this._tableId(id);
    const use = (have) => {
      if (!have) {
        this._refresh(); // the select shows the table still in use
        return undefined;
      }
      this.state.table = table;
      if (this.state.council?.mode === "with") return this._reread();
      return this._changed("table");
    };
    const have = this._haveTable(table);
    return typeof have === "boolean" ? use(have) : have.then(use);
  }

  setSeries(id) {
    const before = this.series();
    this.state.deflator = this._seriesId(id);
    // The year follows the series unless the officer chose one it also has.
    const year = this.state.baseYear === before.latestOutturn ? undefined : this.state.baseYear;
    this.state.baseYear = this._yearIn(year);
    if (this.state.council) this._reread();
    else this._changed("series");
  }

  setMode(mode) {
    if (!this.state.council) return;
    this.state.council.mode = mode;
    this._reread();
  }

  /** Reads the council's file `file` (a File) and uses it. */
  async loadFile(file) {
    const csv = await file.text();
    return this._readThen({ name: tableNameOf(file.name), csv, fileName: file.name, mode: this.state.council?.mode ?? "with" }, (answer) => {
      this.announce(t(this.lang, "council.read", {
        name: answer.table.id, accepted: answer.rowsAccepted, read: answer.rowsRead, rejected: answer.rowsRejected,
      }));
    });
  }

  /** Stops using the council's table. */
  remove() {
    this.state.council = null;
    this._changed("council");
    this.announce(t(this.lang, "council.removed", { table: tableShort(this.lang, this.state.table) }));
    document.getElementById(this.id("council-file"))?.focus();
  }

  _reread() {
    const c = this.state.council;
    return this._readThen({ ...c }, () => {});
  }

  /**
   * Reads `c` ({ name, csv, fileName, mode }), then keeps it and calls
   * `then(answer)` (`quiet`: without telling `onChange`, for `load`); a file
   * that cannot be read at all is a problem.
   */
  _readThen(c, then, quiet = false) {
    const call = { name: c.name, csv: c.csv, deflator: this.state.deflator };
    if (c.mode === "with") call.extends = this.state.table;
    const use = (answer) => {
      if (answer.type !== "success") {
        const lang = this.lang;
        const reason = answer.errors.map((e) => councilError(lang, e)).join(" ");
        this.onProblem(t(lang, "council.unreadable", { name: c.fileName, reason }), "@council-file");
        return;
      }
      this.state.council = { ...c, answer };
      if (!quiet) this._changed("council");
      then(answer);
    };
    const answer = this._read(call);
    return typeof answer?.then === "function" ? answer.then(use) : use(answer);
  }

  _changed(what) {
    this._refresh();
    this.onChange(what);
  }

  /** Fills the fieldset again from the choice, focus staying on the control that had it. */
  _refresh() {
    const active = document.activeElement;
    const focusId = this.root.contains(active) ? active.id : null;
    if (this.root.isConnected) this._fill();
    if (focusId) document.getElementById(focusId)?.focus();
  }

  // ------------------------------------------------------------ rendering

  /**
   * The fieldset, in `lang`. With `{ year: false }` the price year is left out
   * (for a form that puts it elsewhere: `yearOptions` gives its options).
   */
  node(lang, { year = true, level = "h2" } = {}) {
    this.lang = lang;
    this._withYear = year;
    this._level = level;
    this._fill();
    return this.root;
  }

  /** The price year's options, `[year, text]`, forecasts marked. */
  yearOptions(lang) {
    return this.years().map((y) => [y.year, y.forecast ? t(lang, "priceYear.forecast", { year: y.year }) : y.year]);
  }

  _select(suffix, value, options, onChange, hint) {
    const node = el("select", { class: "govuk-select", id: this.id(suffix), "aria-describedby": hint ? this.id(`${suffix}-hint`) : undefined,
      onchange: (e) => onChange(e.target.value) });
    for (const [v, text] of options) node.append(el("option", { value: v, text }));
    node.value = value;
    return node;
  }

  _fill() {
    const lang = this.lang;
    const s = this.state;
    const group = (suffix, labelKey, control, hintKey, hintValues) => {
      const node = formGroup(this.id(suffix), t(lang, labelKey), control, { hint: hintKey ? t(lang, hintKey, hintValues) : undefined });
      node.querySelector("label").classList.add("govuk-label--s");
      return node;
    };
    const year = this._withYear ? group("base-year", "priceYear.label",
      this._select("base-year", s.baseYear, this.yearOptions(lang), (v) => this.setYear(v), true), "priceYear.hint") : null;
    const tables = group("unit-cost-table", "pricing.table.label",
      this._select("unit-cost-table", s.table, this.catalogue.tables.map((x) => [x.id, tableTitle(lang, x)]), (v) => this.setTable(v), true),
      "pricing.table.hint");
    const warning = known(`pricing.warning.${s.table}`) ? el("div", { class: "govuk-warning-text", id: this.id("table-warning") },
      el("span", { class: "govuk-warning-text__icon", "aria-hidden": "true", text: "!" }),
      el("strong", { class: "govuk-warning-text__text" },
        el("span", { class: "govuk-visually-hidden", text: `${t(lang, "pricing.warning")} ` }), t(lang, `pricing.warning.${s.table}`))) : null;
    const series = group("deflator", "pricing.deflator.label",
      this._select("deflator", s.deflator, this.catalogue.deflators.map((x) => [x.id, seriesTitle(lang, x)]), (v) => this.setSeries(v), true),
      "pricing.deflator.hint");
    fill(this.root, el("fieldset", { class: "govuk-fieldset", "aria-describedby": this.id("pricing-hint") },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" },
        el(this._level, { class: "govuk-fieldset__heading", text: t(lang, "pricing.legend") })),
      el("div", { class: "govuk-hint", id: this.id("pricing-hint"), text: t(lang, "pricing.hint", { year: this.series().latestOutturn }) }),
      year, tables, warning, series, this._councilNode(lang)));
  }

  _councilNode(lang) {
    const s = this.state;
    const c = s.council;
    const fileId = this.id("council-file");
    const fileInput = el("input", { class: "govuk-file-upload", type: "file", id: fileId, accept: ".csv,text/csv",
      "aria-describedby": this.id("council-hint"),
      onchange: (e) => { const file = e.target.files?.[0]; e.target.value = ""; if (file) this.loadFile(file); } });
    const fileGroup = formGroup(fileId, t(lang, c ? "council.fileAgain" : "council.file"), fileInput);
    const parts = [
      el("h3", { class: "govuk-heading-s", id: this.id("council-heading"), text: t(lang, "council.heading") }),
      el("p", { class: "govuk-hint", id: this.id("council-hint"), text: t(lang, "council.hint") }),
      el("p", { class: "govuk-body" }, el("a", { class: "govuk-link", href: this.templateUrl, download: "unit_cost_template.csv", id: this.id("council-template"), text: t(lang, "council.template") })),
      fileGroup,
    ];
    if (!c) return el("div", { class: "cb-council", id: this.id("council") }, parts);
    const a = c.answer;
    const rows = [
      [t(lang, "council.summary.file"), c.fileName, this.id("council-name")],
      [t(lang, "council.summary.table"), a.table.id, this.id("council-id")],
      [t(lang, "council.summary.read"), String(a.rowsRead), this.id("council-read")],
      [t(lang, "council.summary.accepted"), String(a.rowsAccepted), this.id("council-accepted")],
      [t(lang, "council.summary.rejected"), String(a.rowsRejected), this.id("council-rejected")],
    ];
    if (a.ignoredColumns.length) rows.push([t(lang, "council.summary.ignored"), a.ignoredColumns.join(", "), this.id("council-ignored")]);
    const cell = (text) => el("td", { class: "govuk-table__cell", text });
    const problems = a.problems.length ? govukTable(this.id("council-problems"), t(lang, "council.problems.caption"),
      [[t(lang, "council.problems.line"), true], [t(lang, "council.problems.column")], [t(lang, "council.problems.reason")]],
      a.problems.map((p) => el("tr", { class: "govuk-table__row" },
        el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: String(p.line) }),
        cell(p.column ? t(lang, "council.problems.columnName", { n: p.column, name: p.columnName }) : t(lang, "council.problems.row")),
        cell(problemMessage(lang, p))))) : null;
    const radio = (mode, text) => el("div", { class: "govuk-radios__item" },
      el("input", { class: "govuk-radios__input", type: "radio", id: this.id(`council-mode-${mode}`), name: this.id("council-mode"), value: mode,
        checked: c.mode === mode, onchange: () => this.setMode(mode) }),
      el("label", { class: "govuk-label govuk-radios__label", for: this.id(`council-mode-${mode}`), text }));
    const modes = el("div", { class: "govuk-form-group" }, el("fieldset", { class: "govuk-fieldset" },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s", text: t(lang, "council.mode.legend") }),
      el("div", { class: "govuk-radios govuk-radios--small", "data-module": "govuk-radios" },
        radio("with", t(lang, "council.mode.with", { table: tableShort(lang, s.table) })),
        radio("alone", t(lang, "council.mode.alone")))));
    return el("div", { class: "cb-council", id: this.id("council") }, parts,
      el("div", { id: this.id("council-summary") }, summaryList(rows), problems, modes,
        el("button", { type: "button", class: "govuk-button govuk-button--warning", id: this.id("council-remove"), text: t(lang, "council.remove"),
          onclick: () => this.remove() })));
  }
}

/** A built-in table's title in `lang` (the engine's own title for a table this package has no words for). */
export function tableTitle(lang, table) {
  return known(`pricing.table.${table.id}`) ? t(lang, `pricing.table.${table.id}`) : table.title;
}

/** A deflator series' title in `lang`. */
export function seriesTitle(lang, series) {
  return known(`pricing.deflator.${series.id}`) ? t(lang, `pricing.deflator.${series.id}`) : series.title;
}

/** A table's short name ("UCD v1.2"), or its id (a council's table: "council:Salford"). */
export function tableShort(lang, id) {
  return known(`pricing.tableShort.${id}`) ? t(lang, `pricing.tableShort.${id}`) : id;
}

/** A series' short name ("HM Treasury GDP deflators March 2026"), or its id. */
export function seriesShort(lang, id) {
  return known(`pricing.deflatorShort.${id}`) ? t(lang, `pricing.deflatorShort.${id}`) : id;
}

/** A problem with a cell of a council table, in `lang` (English: the engine's own sentence). */
export function problemMessage(lang, problem) {
  if (lang !== "cy") return problem.reason;
  for (const key of [`problem.${problem.code}.${problem.columnName}`, `problem.${problem.code}`]) {
    if (STRINGS.cy[key]) return STRINGS.cy[key];
  }
  return problem.reason;
}

/** Why a council file could not be read, in `lang`. */
function councilError(lang, error) {
  if (lang !== "cy") return error.message;
  return STRINGS.cy[`council.error.${error.code}`] ?? errorMessage(lang, error);
}

/**
 * The Green Book edition an appraisal discounted with: the answer's
 * `parameters.discounting.edition` where the engine gives one, otherwise the
 * latest year its source cites; null for the officer's own rates.
 */
export function greenBookEdition(discounting) {
  if (!discounting || discounting.schedule === "custom") return null;
  // The engine names an edition "Green Book 2026 (February 2026)": the footer
  // says "Green Book {year}", so only the year is taken.
  if (discounting.edition) {
    const year = /\b(?:19|20)\d\d\b/.exec(String(discounting.edition));
    return year ? year[0] : String(discounting.edition);
  }
  const years = [...String(discounting.source ?? "").matchAll(/\b(?:19|20)\d\d\b/g)].map((m) => Number(m[0]));
  return years.length ? String(Math.max(...years)) : "";
}

/**
 * What prices an answer is in, for a footer: `{ baseYear, deflator,
 * unitCostTable, extendsTable?, discounting? }` from a success answer of
 * costFamily, appraise, poolReturns, appraisePlace or runCohort; null otherwise.
 */
export function pricesOf(answer) {
  if (answer?.type !== "success") return null;
  const receipt = answer.receipt ?? answer.report?.receipt;
  if (!receipt?.deflator) return null;
  const priceBase = answer.report?.summary?.find((f) => f.key === "priceBase")?.value;
  const prices = {
    baseYear: answer.baseYear ?? /^\d{4}\/\d\d/.exec(priceBase ?? "")?.[0] ?? "",
    deflator: receipt.deflator.id,
    unitCostTable: receipt.unitCostTable.id,
    extendsTable: receipt.extendsTable?.id,
  };
  // An appraisal's, a cohort report's, or appraisalDefaults()' own.
  const discounting = answer.parameters?.discounting ?? answer.appraisal?.parameters?.discounting ?? answer.discounting;
  if (discounting) prices.discounting = discounting;
  return prices;
}

/**
 * "Prices: 2024/25, HM Treasury GDP deflators March 2026; unit costs: UCD v1.2;
 * discounting: Green Book 2026", in `lang`: from `pricesOf(answer)`, or
 * `PricingFields#prices()` with `discounting` (the answer's
 * `parameters.discounting`, or `{ edition }`); without `discounting` the
 * sentence stops after the unit costs.
 */
export function pricesLine(lang, { baseYear, deflator, unitCostTable, extendsTable, discounting }) {
  const table = extendsTable
    ? t(lang, "prices.council", { table: tableShort(lang, unitCostTable), base: tableShort(lang, extendsTable) })
    : tableShort(lang, unitCostTable);
  let line = t(lang, "prices.line", { year: baseYear, series: seriesShort(lang, deflator), table });
  if (discounting) {
    const edition = greenBookEdition(discounting);
    line += t(lang, "prices.discounting", {
      greenBook: edition === null ? t(lang, "prices.custom") : t(lang, "prices.greenBook", { edition }).trim(),
    });
  }
  return line;
}
