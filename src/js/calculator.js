// What every community-budget custom element shares: loading its engine
// module once, ids prefixed per element, the language, the GOV.UK error
// summary (fields marked and linked, focus on submit), the live region, and
// the `community-budget:ready` / `community-budget:answer` events.
//
// A subclass sets `static part` (the engine module: "costs", "eligibility",
// "appraisal") and `static kind` (the id prefix, "family-cost" → cb-family-cost-1),
// and writes `_beforeEngine()` (optional: work started while the engine loads),
// `_start(api)` (optional: work once the engine is loaded),
// `_render()`, `_recalculate()` and `_fieldFor(path)` (the id of the control an
// error's path points at).
//
// Keeping a case, when the page asks with the `case-storage` attribute (`file`
// and/or `draft`): the subclass sets `static caseSchema` (the shape of what it
// keeps, see case-store.js's shapeError), writes `_caseData()` (what it keeps),
// `load(data)` (returns a promise when it loads prices) and `hasWork` (the form
// holds something the officer typed), puts `this._caseSection(lang)` in its
// form and calls `this._keepDraft(data)` on every recalculation. Destructive
// buttons go through `this._confirm(button, action, run)`. An element that prices (family cost, savings) makes
// its "Prices and unit costs" fields with `_pricingFields(api, catalogue)`
// (pricing.js): the price year, table and deflator series from the
// `price-year`, `unit-cost-table` and `deflator` attributes, and the council's
// own table; a change re-renders the element and fires `community-budget:prices`.
//
// Recalculating: `_compute(call, name, correctKey, targets, show)` asks the
// engine; a large call is answered in the engine worker, off the page's thread,
// and only the latest request's answer is shown (see engine.js's Recalculation);
// after WORKING_AFTER ms without it the result region says it is working. The
// `engine-worker` attribute names the worker's script (default: the package's
// engine-worker.js; `none`: every call on the page's thread).
//
// Everything renders into the element's light DOM, so the host page's
// stylesheet (GOV.UK Frontend or not) reaches it; there are no inline styles
// or scripts, so a strict Content-Security-Policy is enough. The few rules the
// elements need without GOV.UK Frontend's stylesheet come with them (dom.js).
import { LARGE_CALL, Recalculation, engineWorker, hashPending, loadEngine, unitCostsOnce, withMirroredTables } from "./engine.js";
import { adoptStyles, checkbox, confirmThen, details, el, fieldMessage, fill, formGroup, summaryList, unitCostOptions } from "./dom.js";
import {
  caseFile, caseFileName, clearAll, deleteDraft, download, draftMarked, markDraftKept, readCaseFile, readDraft, shapeError, writeDraft,
} from "./case-store.js";
import { errorMessage, language, t } from "./i18n.js";
import { PricingFields, seriesShort, tableLoader } from "./pricing.js";

const counters = new Map();
/** Each receipt's input-hash cell not written in yet, with the receipt it comes from (`_receipt`). */
const hashCells = new WeakMap();

export class CalculatorElement extends HTMLElement {
  static observedAttributes = ["lang"];

  /** The id prefix of everything the element renders. */
  get prefix() {
    return this.id || this._prefix;
  }

  /** `en` or `cy`, from the `lang` attribute or the nearest `lang` of the page. */
  get uiLanguage() {
    return language(this.getAttribute("lang") ?? this.closest("[lang]")?.getAttribute("lang"));
  }

  /** Whether the form holds anything the officer typed (clearing it or filling in an example would replace it). */
  get hasWork() {
    return true;
  }

  /** The last answer, or null before the first calculation. */
  get answer() {
    return this._answer ?? null;
  }

  /**
   * The prices the element works in: `{ baseYear, deflator, unitCostTable,
   * extendsTable? }` (ids; a council's table is `council:<name>`), or null for
   * an element that does not price or has not loaded its engine.
   */
  get prices() {
    return this._pricing ? this._pricing.prices() : null;
  }

  /** The element's node whose id is its prefix, a hyphen and `suffix`. */
  $(suffix) {
    return this.querySelector(`#${CSS.escape(`${this.prefix}-${suffix}`)}`);
  }

  connectedCallback() {
    if (this._started) {
      // Moved in the page: its receipts still get their hash as they open.
      if (this.querySelector("[data-hash-later]")) this._watchReceipts();
      return;
    }
    this._started = true;
    adoptStyles(this.ownerDocument);
    const { kind, part } = this.constructor;
    counters.set(kind, (counters.get(kind) ?? 0) + 1);
    this._prefix = `cb-${kind}-${counters.get(kind)}`;
    this.replaceChildren(el("p", { class: "govuk-body", text: t(this.uiLanguage, "status.loading") }));
    this._beforeEngine();
    loadEngine(part)
      .then(async (api) => {
        this._api = api;
        await this._start(api);
        await this._restoreDraft();
        this._ready = true;
        this._render();
        this.dispatchEvent(new CustomEvent("community-budget:ready", { bubbles: true, detail: { version: api.version() } }));
        if (this._lateDraft) this._restoreLateDraft();
        if (this._pricing) {
          this._emitPrices();
          // The code list and the items' descriptions follow the first result.
          setTimeout(() => this._fillRows());
        }
      })
      .catch((e) => {
        this.replaceChildren(el("p", { class: "govuk-body", text: t(this.uiLanguage, "status.failed", { message: e.message }) }));
      });
  }

  /**
   * Work that needs no engine, started while it loads (so it costs the first
   * result no time): looking for a kept draft (asking IndexedDB which databases
   * exist takes 15 to 90 ms in a fresh browser profile, make bench's cold start).
   */
  _beforeEngine() {
    this._draftRead = Promise.resolve(undefined);
    if (!this._caseModes().draft) return;
    const read = readDraft(this.prefix).catch(() => undefined);
    // A browser that has kept a draft is marked (case-store.js), and the first
    // render waits for the draft. Unmarked (none kept, or one kept before the
    // mark), the first result does not wait for IndexedDB: a draft found
    // afterwards is restored if the form is still as first shown.
    if (draftMarked()) this._draftRead = read;
    else this._lateDraft = read;
  }

  /** Work to do once the engine has loaded, before the first render. */
  async _start() {}

  attributeChangedCallback() {
    if (this._ready) this._render();
  }

  // ------------------------------------------------------------- keeping a case

  /** Which kinds of keeping the page offers (`case-storage="file draft"`). */
  _caseModes() {
    const modes = (this.getAttribute("case-storage") ?? "").split(/\s+/);
    return { file: modes.includes("file"), draft: modes.includes("draft") };
  }

  /** The path of the first field of kept `data` that does not fit the element's case, or null. */
  _checkCase(data) {
    return shapeError(data, this.constructor.caseSchema);
  }

  /**
   * Asks before `run`ning a destructive `action` ("clear", "example", "saved")
   * from `button`, when there is work it would replace (GOV.UK warning, in the
   * officer's language): see dom.js's confirmThen.
   */
  _confirm(button, action, run) {
    confirmThen(button, this.uiLanguage, action, run, action === "saved" || this.hasWork);
  }

  /** "Save or open this case": a file saved and opened, a draft kept, saved data cleared; null when the page offers none. */
  _caseSection(lang) {
    const { file, draft } = this._caseModes();
    if (!file && !draft) return null;
    const p = this.prefix;
    const fileInput = el("input", { type: "file", accept: ".json,application/json", id: `${p}-open-file`, class: "govuk-file-upload",
      onchange: (e) => this._openFile(e.target) });
    return el("fieldset", { class: "govuk-fieldset", "aria-describedby": `${p}-case-hint` },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" },
        el("h2", { class: "govuk-fieldset__heading", text: t(lang, "case.heading") })),
      el("div", { class: "govuk-hint", id: `${p}-case-hint`, text: t(lang, "case.hint") }),
      file ? el("div", { class: "govuk-button-group" },
        el("button", { type: "button", class: "govuk-button govuk-button--secondary", id: `${p}-save-file`, text: t(lang, "case.save"),
          onclick: () => this._saveFile() })) : null,
      file ? formGroup(`${p}-open-file`, t(lang, "case.open"), fileInput) : null,
      draft ? el("div", { class: "govuk-checkboxes govuk-checkboxes--small govuk-form-group", "data-module": "govuk-checkboxes" },
        checkbox(`${p}-keep-draft`, t(lang, "case.draft"), this._draftOn, (on) => this._setDraft(on))) : null,
      el("div", { class: "govuk-button-group" },
        el("button", { type: "button", class: "govuk-button govuk-button--warning", id: `${p}-clear-saved`, text: t(lang, "case.clear"),
          onclick: (e) => this._confirm(e.currentTarget, "saved", () => this._clearSaved()) })),
      el("p", { class: "govuk-body", id: `${p}-case-message`, role: "status" }));
  }

  _caseMessage(text) {
    const target = this.$("case-message");
    if (target) target.textContent = text;
  }

  _saveFile() {
    const name = caseFileName(this.constructor.kind);
    download(name, caseFile(this.constructor.kind, this._caseData()));
    this._caseMessage(t(this.uiLanguage, "case.saved", { name }));
  }

  /** Opens the case file chosen in `input`; a file that is not one is refused, naming what is wrong, and the form stays as it was. */
  async _openFile(input) {
    const file = input.files?.[0];
    if (!file) return;
    const result = readCaseFile(await file.text(), this.constructor.kind, (data) => this._checkCase(data));
    input.value = "";
    if (result.error) {
      const lang = this.uiLanguage;
      const reason = ["json", "format", "version", "kind"].includes(result.error)
        ? t(lang, `case.bad.${result.error}`, { kind: this.constructor.kind })
        : t(lang, "case.badShape", { field: result.error });
      this._caseMessage("");
      this._clearErrors();
      this._showErrors([{ message: t(lang, "case.bad", { name: file.name, reason }), path: "@open-file" }]);
      this.$("error-summary")?.focus();
      return;
    }
    if ((await this._restoreCase(result.call)) === false) return;
    this._caseMessage(t(this.uiLanguage, "case.opened", { name: file.name }));
  }

  /** Fills the form from kept `data` (a subclass may first load what it needs, a council's pack, say: false if it could not). */
  _restoreCase(data) {
    return this.load(data);
  }

  /** Before the first render: the draft kept on this device, if the officer opted in and it is sound. */
  async _restoreDraft() {
    const draft = await this._draftRead;
    if (draft === undefined || this._checkCase(draft) !== null) return;
    this._draftOn = true;
    this._restored = (await this._restoreCase(draft)) !== false;
  }

  /** After the first render: a draft kept without the mark, restored if the officer has not begun; marked either way, so the next load waits for it. */
  async _restoreLateDraft() {
    const shown = JSON.stringify(this._caseData());
    const draft = await this._lateDraft;
    this._lateDraft = undefined;
    if (draft === undefined || this._checkCase(draft) !== null) return;
    markDraftKept();
    if (JSON.stringify(this._caseData()) !== shown) return;
    this._draftOn = true;
    const box = this.$("keep-draft");
    if (box) box.checked = true;
    this._restored = (await this._restoreCase(draft)) !== false;
  }

  /** Keeps `data` as this element's draft when the officer has opted in; says once that a draft was restored. */
  _keepDraft(data) {
    if (this._draftOn) writeDraft(this.prefix, data).catch(() => {});
    if (this._restored && this.$("case-message")) {
      this._restored = false;
      this._caseMessage(t(this.uiLanguage, "case.restored"));
    }
  }

  async _setDraft(on) {
    this._draftOn = on;
    if (on) {
      await writeDraft(this.prefix, this._caseData());
      this._caseMessage(t(this.uiLanguage, "case.draftOn"));
    } else {
      await deleteDraft(this.prefix);
      this._caseMessage(t(this.uiLanguage, "case.draftOff"));
    }
  }

  async _clearSaved() {
    this._draftOn = false;
    const box = this.$("keep-draft");
    if (box) box.checked = false;
    await clearAll();
    this._caseMessage(t(this.uiLanguage, "case.cleared"));
    this.$("clear-saved")?.focus();
  }

  // ------------------------------------------------------------- building

  /** The GOV.UK error summary, hidden until there is an error. */
  _errorSummary() {
    const p = this.prefix;
    return el("div", { class: "govuk-error-summary", id: `${p}-error-summary`, tabindex: "-1", hidden: true },
      el("div", { class: "govuk-error-summary__body" },
        el("h2", { class: "govuk-error-summary__title", text: t(this.uiLanguage, "errors.title") }),
        el("ul", { class: "govuk-list govuk-error-summary__list", id: `${p}-error-list`, onclick: (e) => this._followErrorLink(e) })));
  }

  /**
   * The form. It has no submit button (it recalculates as the officer types),
   * so Enter in a text field is taken as "check my answers", as a submit would be.
   */
  _form(...children) {
    const onEnter = (e) => {
      if (e.key === "Enter" && e.target.tagName === "INPUT" && !["file", "checkbox", "radio"].includes(e.target.type)) {
        e.preventDefault();
        this._submit();
      }
    };
    return el("form", { novalidate: true, id: `${this.prefix}-form`, onsubmit: (e) => { e.preventDefault(); this._submit(); }, onkeydown: onEnter },
      children);
  }

  /**
   * Renders the element: the error summary; the form beside a summary of the
   * answer (`summary`: [heading key, id of the box]); the details of the answer
   * below (`details`: [heading key, id of its heading, id of the box]); the live
   * region; then `extra` nodes. The summary's heading is PREFIX-summary-heading.
   */
  _layout(form, { summary: [summaryKey, summaryId], details: [detailsKey, detailsHeadingId, detailsId] }, ...extra) {
    const lang = this.uiLanguage;
    const p = this.prefix;
    this.replaceChildren(
      this._errorSummary(),
      el("div", { class: "govuk-grid-row" },
        el("div", { class: "govuk-grid-column-two-thirds" }, form),
        el("aside", { class: "govuk-grid-column-one-third cb-summary", "aria-labelledby": `${p}-summary-heading` },
          el("h2", { class: "govuk-heading-m", id: `${p}-summary-heading`, text: t(lang, summaryKey) }),
          el("p", { class: "govuk-body cb-working", id: `${p}-working`, hidden: !this._recalculation?.working, text: t(lang, "status.working") }),
          el("div", { id: `${p}-${summaryId}` }))),
      el("section", { class: "cb-results", "aria-labelledby": `${p}-${detailsHeadingId}` },
        el("h2", { class: "govuk-heading-m", id: `${p}-${detailsHeadingId}`, text: t(lang, detailsKey) }),
        el("div", { id: `${p}-${detailsId}` })),
      this._statusRegion(),
      ...extra,
    );
    if (this._recalculation?.working) this._showWorking(true);
  }

  /** The visually hidden live region that announces results and problems. */
  _statusRegion() {
    this._lastStatus = "";
    return el("p", { class: "govuk-visually-hidden", role: "status", "aria-live": "polite", id: `${this.prefix}-status` });
  }

  // --------------------------------------------------------------- errors

  _clearErrors() {
    const summary = this.$("error-summary");
    if (summary) summary.hidden = true;
    this.querySelectorAll(".govuk-form-group--error").forEach((g) => g.classList.remove("govuk-form-group--error"));
    this.querySelectorAll(".govuk-input--error, .govuk-select--error, .govuk-file-upload--error").forEach((i) => {
      i.classList.remove("govuk-input--error", "govuk-select--error", "govuk-file-upload--error");
    });
    this.querySelectorAll(".govuk-error-message").forEach((m) => { m.hidden = true; m.textContent = ""; });
    this.querySelectorAll("[aria-describedby]").forEach((input) => {
      const ids = input.getAttribute("aria-describedby").split(" ").filter((id) => !id.endsWith("-error"));
      if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
      else input.removeAttribute("aria-describedby");
    });
  }

  /** The message of an error in the officer's language (a rate on a percentage field asked for as a percentage). */
  _errorText(error, control) {
    return error.path?.startsWith("@") ? error.message : fieldMessage(this.uiLanguage, error, control, errorMessage(this.uiLanguage, error));
  }

  /**
   * Lists `errors` in the summary, each a link to its field, and marks the
   * fields. Focus stays where the officer is typing; submitting moves it to
   * the summary (GOV.UK pattern).
   */
  _showErrors(errors) {
    const lang = this.uiLanguage;
    const list = this.$("error-list");
    list.replaceChildren();
    for (const error of errors) {
      const id = error.path === "@open-file" ? `${this.prefix}-open-file` : this._fieldFor(error.path);
      const control = this.querySelector(`#${CSS.escape(id)}`);
      const message = this._errorText(error, control);
      list.append(el("li", {}, el("a", { href: `#${id}`, text: message })));
      const slot = this.querySelector(`#${CSS.escape(`${id}-error`)}`);
      if (!control || !slot) continue;
      this.querySelector(`#${CSS.escape(`${id}-group`)}`)?.classList.add("govuk-form-group--error");
      if (control.type !== "checkbox" && control.type !== "radio") {
        control.classList.add(control.tagName === "SELECT" ? "govuk-select--error" : control.type === "file" ? "govuk-file-upload--error" : "govuk-input--error");
      }
      if (slot.childNodes.length) slot.append(el("br"));
      slot.hidden = false;
      slot.append(el("span", { class: "govuk-visually-hidden", text: t(lang, "errors.prefix") }), message);
      const described = new Set((control.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
      described.add(`${id}-error`);
      control.setAttribute("aria-describedby", [...described].join(" "));
    }
    this.$("error-summary").hidden = false;
  }

  /** A link in the error summary puts the cursor in its field (opening a closed details around it). */
  _followErrorLink(e) {
    const link = e.target.closest("a");
    if (!link) return;
    e.preventDefault();
    const target = this.querySelector(`#${CSS.escape(link.getAttribute("href").slice(1))}`);
    target?.closest("details")?.setAttribute("open", "");
    target?.focus();
  }

  /** "Check my answers": recalculates; once it is answered, on a problem focus goes to the error summary. */
  _submit() {
    const check = () => {
      if (this._answer?.type === "failure") this.$("error-summary")?.focus();
      else this.$("summary-heading")?.scrollIntoView?.();
    };
    const painted = this._recalculate();
    if (typeof painted?.then === "function") painted.then((shown) => { if (shown) check(); });
    else check();
  }

  /**
   * Asks the engine for `api[name](call)` (here, or in the engine worker when
   * the call is large) and, unless a newer request has been made by then,
   * tells the page (`community-budget:answer`), shows a failure in the summary
   * and in place of `targets`, or calls `show(answer)` with a success. Returns
   * true when it has shown the answer at once, else a promise of whether it did.
   */
  _compute(call, name, correctKey, targets, show) {
    return this._recalculations().run(name, call, ({ answer, error }) => {
      if (error !== undefined) {
        // Only a call of the wrong shape throws; the form never builds one.
        this._showErrors([{ message: t(this.uiLanguage, "errors.broken", { message: error }), path: "@form" }]);
        return;
      }
      this._emit(call, answer);
      if (answer.type === "failure") this._showFailure(answer.errors, correctKey, targets);
      else show(answer);
    });
  }

  /** The element's recalculations (made at the first; the `engine-worker` attribute is read then). */
  _recalculations() {
    this._recalculation ??= new Recalculation({
      api: this._api, part: this.constructor.part, worker: this._engineWorker(), onWorking: (on) => this._showWorking(on), hashLater: true,
    });
    return this._recalculation;
  }

  /**
   * A large input `text` has come (a council's pack): the engine worker starts
   * now, and reads it with `call` (validateRulePack), so that the first
   * keystroke does not wait for either.
   */
  _expectLarge(text, call) {
    if (text.length >= LARGE_CALL) this._recalculations().warm(call, text);
  }

  /** The engine worker the element sends large calls to (the `engine-worker` attribute), or null (`none`). */
  _engineWorker() {
    const url = this.getAttribute("engine-worker");
    if (url === "none") return null;
    return engineWorker(url ? new URL(url, this.ownerDocument.baseURI).href : undefined);
  }

  /** Says in the result region that the latest answer is still being worked out (`on`), or no longer. */
  _showWorking(on) {
    const working = this.$("working");
    if (working) working.hidden = !on;
    for (const region of this.querySelectorAll(".cb-summary, .cb-results")) {
      if (on) region.setAttribute("aria-busy", "true");
      else region.removeAttribute("aria-busy");
    }
  }

  /** Nothing typed yet, so nothing to work out or correct: no answer (a request on its way is dropped), each target's placeholder (`[node, key]`), nothing said. */
  _showEmpty(placeholders) {
    this._recalculation?.cancel();
    this._answer = null;
    for (const [target, key] of placeholders) fill(target, el("p", { class: "govuk-body", text: t(this.uiLanguage, key) }));
    this._announce("");
  }

  /** Shows a failure: the summary, "correct the problems" in place of the results, and says how many. */
  _showFailure(errors, correctKey, targets) {
    const lang = this.uiLanguage;
    this._showErrors(errors);
    for (const target of targets) if (target) fill(target, el("p", { class: "govuk-body", text: t(lang, correctKey) }));
    const n = errors.length;
    this._announce(n === 1 ? t(lang, "status.problems.one") : t(lang, "status.problems.many", { n }));
  }

  /** Says `text` in the live region, once. */
  _announce(text) {
    if (text === this._lastStatus) return;
    this._lastStatus = text;
    const status = this.$("status");
    if (status) status.textContent = text;
  }

  /**
   * The receipt of an answer (how to reproduce it): engine version, `rows`
   * ([label key, text]), input hash. A hash not worked out yet (engine.js,
   * withHashLater) is written in as the receipt is opened or the page printed
   * (`_writeHashes`), before either is painted.
   */
  _receipt(receipt, rows) {
    const lang = this.uiLanguage;
    const later = hashPending(receipt);
    const box = details(t(lang, "receipt.summary"), {}, summaryList([
      [t(lang, "receipt.engine"), receipt.engineVersion],
      ...rows.map(([key, text]) => [t(lang, key), text]),
      [t(lang, "receipt.input"), later ? "" : receipt.inputSha256],
    ], "cb-hash"));
    if (later) {
      const cell = box.querySelector(".govuk-summary-list__row:last-child .govuk-summary-list__value");
      cell.dataset.hashLater = "";
      hashCells.set(cell, receipt);
      this._watchReceipts();
    }
    return box;
  }

  /** Writes in the input hash of every receipt in the element that is open (or all of them: `all`, as the page is printed). */
  _writeHashes(all = false) {
    for (const cell of this.querySelectorAll("[data-hash-later]")) {
      if (!all && !cell.closest("details")?.open) continue;
      delete cell.dataset.hashLater;
      cell.textContent = hashCells.get(cell)?.inputSha256 ?? "";
    }
  }

  disconnectedCallback() {
    this._receiptWatch?.disconnect();
    this._receiptWatch = null;
    if (this._beforePrint) window.removeEventListener("beforeprint", this._beforePrint);
  }

  /** Once: a receipt opened (by a click, a key, find in page or a script) has its hash written in at the next microtask, before it is painted; so has every receipt as the page is printed. */
  _watchReceipts() {
    if (this._receiptWatch) return;
    this._receiptWatch = new MutationObserver(() => this._writeHashes());
    this._receiptWatch.observe(this, { subtree: true, attributes: true, attributeFilter: ["open"] });
    this._beforePrint = () => this._writeHashes(true);
    window.addEventListener("beforeprint", this._beforePrint);
  }

  // -------------------------------------------------------------- pricing

  /** The unit-cost tables and deflator series of the element's engine module (every table listed; a table the module does not carry has no rows until it is chosen). */
  _catalogue(api) {
    const catalogue = unitCostsOnce(api);
    if (catalogue.type !== "success") throw new Error(catalogue.errors.map((e) => e.message).join(" "));
    return catalogue;
  }

  /** The "Prices and unit costs" fields, started from the element's attributes. */
  _pricingFields(api, catalogue) {
    return new PricingFields({
      catalogue,
      read: (call) => api.readUnitCostTable(call),
      loadTable: tableLoader(withMirroredTables(api, this.constructor.part)),
      prefix: this.prefix,
      baseYear: this.getAttribute("price-year") || undefined,
      table: this.getAttribute("unit-cost-table") || undefined,
      deflator: this.getAttribute("deflator") || undefined,
      onChange: (what) => this._pricingChanged(what),
      onProblem: (message, path) => {
        this._showErrors([{ message, path }]);
        this._announce(message);
        this.$("error-summary")?.focus();
      },
      announce: (text) => this._announce(text),
    });
  }

  /** Tells the page which prices the element now works in (`community-budget:prices`, detail: `prices`). */
  _emitPrices() {
    this.dispatchEvent(new CustomEvent("community-budget:prices", { bubbles: true, detail: this.prices }));
  }

  /** Fills in the rows of the table in use if the catalogue came without them, and shows them (focus stays put). */
  _fillRows() {
    if (!this._pricing?.fillRows(this._api)) return;
    this._indexRows?.();
    // Only the lists and descriptions change: the form, its focus and the
    // status line (a restored draft, say) stay as they are.
    const rows = this._pricing.rows();
    this.$("unit-cost-options")?.replaceWith(unitCostOptions(`${this.prefix}-unit-cost-options`, rows));
    const agencies = this.$("agency-options");
    if (agencies) {
      const names = [...new Set(rows.map((r) => r.agency).filter((a) => a !== "Multiple"))];
      agencies.replaceChildren(...names.map((value) => el("option", { value })));
    }
    this._afterRows?.();
  }

  /** After a change of the prices: a new year recalculates; a new table, series or council table renders again (focus stays put). */
  _pricingChanged(what) {
    this._pricing?.fillRows(this._api);
    this._indexRows?.();
    if (!this._ready) return;
    if (what === "year") {
      this._recalculate();
    } else {
      const active = this.contains(document.activeElement) ? document.activeElement.id : null;
      this._render();
      if (active) this.querySelector(`#${CSS.escape(active)}`)?.focus();
    }
    this._emitPrices();
  }

  /** The receipt's rows naming the unit-cost table (and the built-in table a council's sits on) and the deflator series. */
  _pricingReceipt(r) {
    const rows = [["receipt.table", `${r.unitCostTable.id} (SHA-256 ${r.unitCostTable.sha256})`]];
    if (r.extendsTable) rows.push(["receipt.extends", `${r.extendsTable.id} (SHA-256 ${r.extendsTable.sha256})`]);
    if (r.deflator) rows.push(["receipt.deflator", `${r.deflator.id} (SHA-256 ${r.deflator.sha256})`]);
    return rows;
  }

  /** What the Welsh sentences of the engine's pricing notes need: the series, its link, the council's table. */
  _noteValues(lang) {
    const series = this._pricing.series();
    const council = this._pricing.council;
    return {
      series: seriesShort(lang, series.id),
      linkYear: series.linkYear ?? "",
      linkedThrough: series.linkedThrough ? seriesShort(lang, series.linkedThrough) : "",
      table: council?.table.id ?? "",
      read: council?.rowsRead ?? 0,
      rejected: council?.rowsRejected ?? 0,
      lines: council ? [...new Set(council.problems.map((p) => p.line))].join(", ") : "",
    };
  }

  /** Keeps the answer and tells the page: `community-budget:answer` with `{ call, answer }`. */
  _emit(call, answer) {
    this._answer = answer;
    this.dispatchEvent(new CustomEvent("community-budget:answer", { bubbles: true, detail: { call, answer } }));
  }
}

/** Defines `tag` as `constructor` unless the page has already. */
export function define(tag, constructor) {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
