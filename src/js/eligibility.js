// <community-budget-eligibility>: an officer enters what they know about a
// family and sees, as they type, whether it is eligible for the Troubled
// Families programme (and Supporting Families after it) under a rule pack, and why.
//
//   <community-budget-eligibility rule-pack="tf-2015" assessment-date="2015-06-30" lang="cy">
//
// Attributes: `rule-pack` (a built-in pack to apply whatever the date; left
// out, the pack in force on the assessment date, which follows the date as the
// officer changes it until they choose a pack themselves; the officer can
// switch, or load the council's own pack from a JSON file),
// `assessment-date` (YYYY-MM-DD to start with, default today), `lang` (`en` or
// `cy`; default: the nearest `lang` of the page).
//
// Events (bubbling): `community-budget:answer` with `{ call, answer }` (the
// checkEligibility call and answer) after every decision;
// `community-budget:ready` once the engine has loaded. Methods: `load(call)`,
// `loadCouncilPack(text)`, `clear()`; properties `call`, `answer`.
//
// Loads only the engine's eligibility module. The decision, the reasons and the
// suggestions are the engine's and the rule pack's own sentences (English);
// everything else is in the officer's language. Light DOM, GOV.UK classes, no
// inline styles or scripts: see calculator.js.
import { CalculatorElement, define } from "./calculator.js";
import { checkbox, details, el, fieldset, fill, formGroup, input, select, table } from "./dom.js";
import { t } from "./i18n.js";
import { maybe } from "./case-store.js";

// The lists of a family record, and the fields of each row: [field, type, width].
// A row whose text fields are all empty is a placeholder, not a fact, and is not sent.
// Past this many indicators in a group, the ones not met are written when opened.
const MANY = 25;
const LISTS = {
  domesticAbuse: [["date", "date"]],
  schoolTerms: [["name", "text", "govuk-input--width-10"], ["start", "date"], ["end", "date"]],
  offences: [["date", "date"]],
  asb: [["date", "date"], ["kind", "asb"]],
  exclusions: [["date", "date"], ["kind", "exclusions"]],
  attendance: [["term", "terms"], ["possibleSessions", "count"], ["authorisedAbsent", "count"], ["unauthorisedAbsent", "count"]],
  benefits: [["kind", "benefits"], ["from", "date"], ["to", "date"]],
  employment: [["from", "date"], ["to", "date"]],
  circumstances: [["kind", "circumstances"], ["from", "date"], ["to", "date"]],
  exploitation: [["date", "date"], ["kind", "exploitation"]],
  missingEpisodes: [["date", "date"]],
};
const MEMBER_LISTS = ["offences", "asb", "exclusions", "attendance", "benefits", "employment", "circumstances", "exploitation", "missingEpisodes"];
const FLAGS = ["notOnSchoolRoll", "childInNeed", "childProtectionPlan", "mentalHealth", "substanceMisuse", "newMother"];
// A member's facts by topic (each a GOV.UK details element): [topic, lists, flags].
const TOPICS = [
  ["crime", ["offences", "asb"], []],
  ["school", ["exclusions", "attendance"], ["notOnSchoolRoll"]],
  // The 2022 framework's needs that last a while (pregnancy, housing, debt, …) sit with work and money.
  ["work", ["benefits", "employment", "circumstances"], []],
  ["children", ["exploitation", "missingEpisodes"], ["childInNeed", "childProtectionPlan"]],
  ["health", [], ["mentalHealth", "substanceMisuse", "newMother"]],
];
// What a case file or draft holds: a checkEligibility call, with the council's pack's text if one is chosen.
const dated = (extra = {}) => maybe([{ date: "text", ...extra }]);
const spells = (extra = {}) => maybe([{ from: "text", to: "text?", ...extra }]);
const count = "text|number";
const CASE_SCHEMA = {
  rulePack: "text?", councilPack: "text?", assessmentDate: "text", localConcern: "bool?",
  domesticAbuse: dated(), schoolTerms: maybe([{ name: "text", start: "text", end: "text" }]),
  members: [{
    name: "text?", role: "text?", dateOfBirth: "text?", age: "text|number?", alternativeProvision: "text?",
    offences: dated(), asb: dated({ kind: "text?" }), exclusions: dated({ kind: "text?" }),
    attendance: maybe([{ term: "text", possibleSessions: count, authorisedAbsent: count, unauthorisedAbsent: count }]),
    benefits: spells({ kind: "text" }), employment: spells(),
    circumstances: spells({ kind: "text" }), exploitation: dated({ kind: "text?" }), missingEpisodes: dated(),
  }],
};

const STATUS_TAG = { automatic: "govuk-tag--green", eligible: "govuk-tag--green", discretionary: "govuk-tag--yellow", notEligible: "govuk-tag--grey" };
const TEXT_TYPES = ["date", "text", "count"];

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const emptyRow = (list) => Object.fromEntries(LISTS[list].map(([name]) => [name, ""]));

function emptyMember() {
  return {
    name: "", role: "", dateOfBirth: "", age: "", alternativeProvision: "",
    ...Object.fromEntries(MEMBER_LISTS.map((l) => [l, []])),
    ...Object.fromEntries(FLAGS.map((f) => [f, false])),
  };
}

/** Rows with something typed in a text field, with their places in the form. */
const kept = (rows, list) => rows.map((row, index) => ({ row, index }))
  .filter(({ row }) => LISTS[list].some(([name, type]) => TEXT_TYPES.includes(type) && String(row[name]).trim() !== ""));

const memberIsEmpty = (m) => !m.name.trim() && !m.dateOfBirth.trim() && !m.age.trim() && !m.alternativeProvision
  && FLAGS.every((f) => !m[f]) && MEMBER_LISTS.every((l) => kept(m[l], l).length === 0);

export class EligibilityElement extends CalculatorElement {
  static part = "eligibility";
  static kind = "eligibility";
  static observedAttributes = ["lang", "rule-pack"];
  static caseSchema = CASE_SCHEMA;

  constructor() {
    super();
    this._state = null;
    this._open = new Set(); // the topics the officer has opened, by "member-N-topic"
  }

  /** The checkEligibility call the form currently describes. */
  get call() {
    return this._buildCall().call;
  }

  /** Whether anything about the family has been entered. */
  get hasWork() {
    if (!this._state) return false;
    const { call } = this._buildCall();
    return call.members.length > 0 || call.domesticAbuse.length > 0 || call.schoolTerms.length > 0 || call.localConcern;
  }

  _caseData() {
    return this.call;
  }

  /** A kept case: its council pack read first (if it is not sound, its problems are shown, nothing else changes, and false is returned). */
  _restoreCase(call) {
    if (call.councilPack !== undefined && call.rulePack === undefined
      && this._council?.text !== call.councilPack && this.loadCouncilPack(call.councilPack).type === "failure") return false;
    this.load(call);
    return true;
  }

  async _start(api) {
    const packs = api.rulePacks();
    if (packs.type !== "success") throw new Error(packs.errors.map((e) => e.message).join(" "));
    this._packs = packs.packs.map((p) => p.pack);
    this._kinds = packs.kinds;
    this._state ??= this._emptyState();
    // A call loaded before the packs were known: the pack in force on its day.
    this._state.pack ??= this._defaultPack();
  }

  _emptyState() {
    const assessmentDate = this.getAttribute("assessment-date") || today();
    return {
      pack: this._defaultPack(assessmentDate), packChosen: this.hasAttribute("rule-pack"),
      assessmentDate, localConcern: false, domesticAbuse: [], schoolTerms: [], members: [emptyMember()],
    };
  }

  /**
   * The built-in pack to start with (and to fall back on when a council's pack
   * goes): the `rule-pack` attribute's, else the one in force on `date` (of
   * those in force, the latest to start), else the latest pack.
   */
  _defaultPack(date = this._state?.assessmentDate) {
    return this.getAttribute("rule-pack") || this._inForce(date) || this._inForce(today());
  }

  /**
   * The built-in pack for a YYYY-MM-DD day: the one in force (of several, the
   * latest to start); on a day none covers, the latest to have started, or before
   * them all the first. Undefined when `date` is not a day (yet).
   */
  _inForce(date) {
    const day = String(date ?? "").trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
    const packs = [...(this._packs ?? [])].sort((x, y) => (x.validFrom < y.validFrom ? -1 : 1));
    const started = packs.filter((p) => p.validFrom <= day);
    return (started.filter((p) => !p.validTo || day <= p.validTo).at(-1) ?? started.at(-1) ?? packs[0])?.id;
  }

  /** Unless the officer has chosen a pack, the one in force on the assessment date (its radio checked). */
  _followDate() {
    const s = this._state;
    const pack = s.packChosen ? undefined : this._inForce(s.assessmentDate);
    if (!pack || pack === s.pack) return;
    s.pack = pack;
    const radio = this.querySelector(`#${this.prefix}-pack-${pack}`);
    if (radio) radio.checked = true;
  }

  attributeChangedCallback(name, before, after) {
    if (name === "rule-pack" && this._state && after) Object.assign(this._state, { pack: after, packChosen: true });
    super.attributeChangedCallback();
  }

  /** Fills the form from a checkEligibility call (a built-in `rulePack`) and decides again. */
  load(call) {
    const text = (v) => (v === undefined || v === null ? "" : String(v));
    const rows = (list, values) => (values ?? []).map((v) => ({ ...emptyRow(list), ...Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x)])) }));
    const assessmentDate = text(call.assessmentDate);
    const council = call.rulePack === undefined && this._council && call.councilPack === this._council.text;
    this._state = {
      pack: call.rulePack ?? (council ? "council" : this._defaultPack(assessmentDate)),
      // A pack other than the one in force on the day was chosen; the one in force follows the date.
      packChosen: Boolean(council) || (call.rulePack !== undefined && call.rulePack !== this._inForce(assessmentDate)),
      assessmentDate,
      localConcern: Boolean(call.localConcern),
      domesticAbuse: rows("domesticAbuse", call.domesticAbuse),
      schoolTerms: rows("schoolTerms", call.schoolTerms),
      members: (call.members?.length ? call.members : [{}]).map((m) => ({
        ...emptyMember(),
        name: text(m.name), role: text(m.role), dateOfBirth: text(m.dateOfBirth), age: text(m.age),
        alternativeProvision: text(m.alternativeProvision),
        ...Object.fromEntries(MEMBER_LISTS.map((l) => [l, rows(l, m[l])])),
        ...Object.fromEntries(FLAGS.map((f) => [f, Boolean(m[f])])),
      })),
    };
    if (this._ready) this._render();
  }

  /** Empties the form (a council's pack loaded stays loaded, and chosen). */
  clear() {
    this._state = this._emptyState();
    if (this._council) Object.assign(this._state, { pack: "council", packChosen: true });
    this._open.clear();
    if (this._ready) this._render();
  }

  /**
   * Reads a council's own rule pack (the JSON text of its file), checks it and,
   * if it is sound, offers it beside the built-in packs, chosen, with what it
   * changes against its base; if not, lists its problems (each at the file
   * input) and the element goes back to a built-in pack. Returns the
   * validateRulePack answer.
   */
  loadCouncilPack(text) {
    if (!this._api) throw new Error(t(this.uiLanguage, "elig.council.notReady"));
    const answer = this._api.validateRulePack(text);
    const s = this._state;
    if (answer.type === "failure") {
      this._council = null;
      if (s.pack === "council") Object.assign(s, { pack: this._defaultPack(), packChosen: this.hasAttribute("rule-pack") });
      this._render();
      this._councilProblems(answer.errors);
      return answer;
    }
    this._expectLarge(text, "validateRulePack");
    const diff = this._api.diffRulePack(text);
    this._council = { text, pack: answer.pack.pack, diff: diff.type === "success" ? diff : null };
    Object.assign(s, { pack: "council", packChosen: true });
    this._render();
    return answer;
  }

  /** A council pack's problems, in the error summary, each at the file input. */
  _councilProblems(errors) {
    const lang = this.uiLanguage;
    this._showErrors(errors.map((e) => ({
      path: "@councilPack",
      message: t(lang, "elig.council.problem", { where: e.path || t(lang, "elig.council.file"), message: e.message }),
    })));
    const n = errors.length;
    this._announce(n === 1 ? t(lang, "elig.council.problems.one") : t(lang, "elig.council.problems.many", { n }));
  }

  /** The id of the control for a path of the form's state: members[0].offences[1].date → PREFIX-members-0-offences-1-date. */
  _idFor(path) {
    return `${this.prefix}-${path.replace(/\[(\d+)\]/g, "-$1").replace(/\./g, "-")}`;
  }

  // ---------------------------------------------------------------- render

  _render() {
    const lang = this.uiLanguage;
    const p = this.prefix;
    const s = this._state;
    const packs = el("div", { class: "govuk-form-group", id: `${p}-pack-group` },
      fieldset(t(lang, "elig.pack.legend"), { hintId: `${p}-pack-hint` },
        el("div", { class: "govuk-hint", id: `${p}-pack-hint`, text: t(lang, "elig.pack.hint") }),
        el("div", { class: "govuk-radios", id: `${p}-packs` }, [
          ...this._packs.map((pack) => [pack.id, pack]),
          ...(this._council ? [["council", this._council.pack]] : []),
        ].map(([value, pack]) => {
          const id = `${p}-pack-${value}`;
          const dates = t(lang, "elig.pack.dates", { id: pack.id, from: pack.validFrom, to: pack.validTo ?? t(lang, "elig.noEnd") });
          return el("div", { class: "govuk-radios__item" },
            el("input", { class: "govuk-radios__input", id, name: `${p}-pack`, type: "radio", value, checked: s.pack === value,
              "aria-describedby": `${id}-hint`, onchange: () => { Object.assign(s, { pack: value, packChosen: true }); this._recalculate(); } }),
            el("label", { class: "govuk-label govuk-radios__label", for: id, text: pack.title }),
            el("div", { class: "govuk-hint govuk-radios__hint", id: `${id}-hint`,
              text: value === "council" ? t(lang, "elig.council.dates", { dates }) : dates }));
        }))));
    const fileId = `${p}-council-pack-file`;
    const councilFile = formGroup(fileId, t(lang, "elig.council.label"),
      el("input", { class: "govuk-file-upload", id: fileId, type: "file", accept: ".json,application/json", "aria-describedby": `${fileId}-hint`,
        onchange: (e) => this._readCouncilFile(e.target.files?.[0]) }),
      { hint: t(lang, "elig.council.hint") });
    const dateId = this._idFor("assessmentDate");
    const form = this._form(
      packs,
      councilFile,
      this._councilChanges(),
      el("h2", { class: "govuk-heading-m", text: t(lang, "elig.family") }),
      formGroup(dateId, t(lang, "elig.assessmentDate.label"),
        input(dateId, s.assessmentDate, (v) => { s.assessmentDate = v; this._followDate(); this._recalculate(); }, { width: "govuk-input--width-10", mode: "numeric", describedBy: `${dateId}-hint` }),
        { hint: t(lang, "elig.assessmentDate.hint") }),
      el("div", { class: "govuk-form-group", id: `${this._idFor("localConcern")}-group` },
        el("div", { class: "govuk-checkboxes govuk-checkboxes--small" },
          checkbox(this._idFor("localConcern"), t(lang, "elig.localConcern.label"), s.localConcern,
            (on) => { s.localConcern = on; this._recalculate(); }, { hint: t(lang, "elig.localConcern.hint") }))),
      el("div", { id: `${p}-household` }),
      el("div", { id: `${p}-members` }),
      el("div", { class: "govuk-button-group" },
        el("button", { type: "button", class: "govuk-button govuk-button--secondary", id: `${p}-add-member`, text: t(lang, "elig.member.add"),
          onclick: () => { s.members.push(emptyMember()); this._renderFamily(); this.querySelector(`#${this._idFor(`members[${s.members.length - 1}].name`)}`)?.focus(); } }),
        el("button", { type: "button", class: "govuk-button govuk-button--warning", id: `${p}-clear`, text: t(lang, "form.clear"),
          onclick: (e) => this._confirm(e.currentTarget, "clear", () => { this.clear(); this.querySelector(`#${dateId}`)?.focus(); }) })),
      this._caseSection(lang));
    this._layout(form, { summary: ["elig.decision.heading", "decision"], details: ["elig.reasons.heading", "reasons-heading", "reasons"] });
    this._renderFamily();
  }

  /** What the council's pack changes against its base, or nothing. */
  _councilChanges() {
    const diff = this._council?.diff;
    if (!diff) return null;
    const lang = this.uiLanguage;
    const rules = diff.changes.filter((c) => c.what !== "pack");
    return el("div", { class: "govuk-inset-text", id: `${this.prefix}-council-pack-changes` },
      el("p", { class: "govuk-body", text: t(lang, rules.length === 1 ? "elig.council.changes.one" : "elig.council.changes.many",
        { title: this._council.pack.title, base: diff.base.id, n: rules.length }) }),
      el("ul", { class: "govuk-list govuk-list--bullet govuk-body-s" }, rules.map((c) => el("li", {
        text: c.change === "changed" ? `${c.what} ${c.id}: ${c.field} ${c.from} → ${c.to}` : `${c.what} ${c.id} ${c.change}${c.to ? `: ${c.to}` : ""}`,
      }))));
  }

  /** Reads the file the officer chose as a council pack (in this browser: nothing is uploaded). */
  _readCouncilFile(file) {
    if (!file) return;
    file.text().then((text) => this.loadCouncilPack(text)).catch((e) => {
      this._councilProblems([{ message: t(this.uiLanguage, "elig.council.unreadable", { message: e.message }) }]);
    });
  }

  /** The household's lists and the members (redrawn when a row or member is added or removed). */
  _renderFamily() {
    const lang = this.uiLanguage;
    const s = this._state;
    // A topic opened a moment ago has not yet fired its toggle event (it comes later): keep what is open
    // now, or "Add" pressed at once would close the topic and leave the focus nowhere (on <body>).
    for (const topic of this.querySelectorAll("details[data-topic]")) {
      if (topic.open) this._open.add(topic.dataset.topic);
      else this._open.delete(topic.dataset.topic);
    }
    fill(this.$("household"),
      el("h3", { class: "govuk-heading-s", text: t(lang, "elig.household") }),
      this._listEditor(s.domesticAbuse, "domesticAbuse", "domesticAbuse", t(lang, "elig.household")),
      this._listEditor(s.schoolTerms, "schoolTerms", "schoolTerms", t(lang, "elig.household")));
    fill(this.$("members"), ...s.members.map((m, i) => this._member(m, i)));
    this._recalculate();
  }

  _member(m, i) {
    const lang = this.uiLanguage;
    const s = this._state;
    const n = i + 1;
    const path = `members[${i}]`;
    const who = m.name.trim() ? t(lang, "elig.memberNamed", { n, name: m.name.trim() }) : t(lang, "elig.member", { n });
    const text = (name, width, hint, mode = "numeric") => {
      const id = this._idFor(`${path}.${name}`);
      return formGroup(id, t(lang, `elig.member.${name}`),
        input(id, m[name], (v) => { m[name] = v; this._recalculate(); }, { width, mode, describedBy: hint ? `${id}-hint` : undefined }),
        { hint: hint ? t(lang, `elig.member.${name}.hint`) : undefined, context: who });
    };
    const roleId = this._idFor(`${path}.role`);
    const topics = TOPICS.map(([topic, lists, flags]) => {
      const key = `member-${i}-${topic}`;
      const provisionId = this._idFor(`${path}.alternativeProvision`);
      return details(t(lang, `elig.topic.${topic}`), {
        id: this._idFor(`${path}.${topic}`), open: this._open.has(key), "data-topic": key,
        ontoggle: (e) => { if (e.target.open) this._open.add(key); else this._open.delete(key); },
      },
      lists.map((list) => this._listEditor(m[list], `${path}.${list}`, list, who)),
      topic === "school" ? formGroup(provisionId, t(lang, "elig.alternativeProvision"),
        select(provisionId, m.alternativeProvision, [["", t(lang, "elig.no")], ...this._kinds.provision.map((k) => [k, t(lang, `kind.${k}`)])],
          (v) => { m.alternativeProvision = v; this._recalculate(); }), { context: who }) : null,
      flags.length ? el("div", { class: "govuk-form-group" }, el("div", { class: "govuk-checkboxes govuk-checkboxes--small" },
        flags.map((flag) => checkbox(this._idFor(`${path}.${flag}`), t(lang, `elig.flag.${flag}`), m[flag],
          (on) => { m[flag] = on; this._recalculate(); })))) : null);
    });
    return el("div", { class: "cb-member" }, fieldset(who, { id: this._idFor(path), level: "h3" },
      text("name", "govuk-input--width-20", true, "text"),
      formGroup(roleId, t(lang, "elig.member.role"),
        select(roleId, m.role, [["", t(lang, "elig.member.role.none")], ...this._kinds.roles.map((r) => [r, t(lang, `kind.${r}`)])],
          (v) => { m.role = v; this._recalculate(); }), { context: who }),
      text("dateOfBirth", "govuk-input--width-10", true),
      text("age", "govuk-input--width-3", false),
      topics,
      s.members.length > 1 ? el("button", {
        type: "button", class: "govuk-button govuk-button--secondary",
        onclick: () => { s.members.splice(i, 1); this._renderFamily(); this.$("add-member")?.focus(); },
      }, t(lang, "item.remove"), el("span", { class: "govuk-visually-hidden", text: ` ${who}` })) : null));
  }

  /** A list of rows (offences, terms, …) at `path` of the state, with add and remove buttons. */
  _listEditor(rows, path, list, who) {
    const lang = this.uiLanguage;
    const listId = this._idFor(path);
    const container = el("div", { class: "cb-list", id: `${listId}-list` });
    rows.forEach((row, i) => {
      const what = `${who}, ${t(lang, `elig.row.${list}`, { n: i + 1 })}`;
      container.append(el("div", { class: "cb-row", id: this._idFor(`${path}[${i}]`) },
        LISTS[list].map((spec) => this._field(row, spec, this._idFor(`${path}[${i}].${spec[0]}`), what)),
        el("button", {
          type: "button", class: "govuk-button govuk-button--secondary",
          onclick: () => { rows.splice(i, 1); this._renderFamily(); this.querySelector(`#${listId}-add`)?.focus(); },
        }, t(lang, "item.remove"), el("span", { class: "govuk-visually-hidden", text: ` ${what}` }))));
    });
    const add = el("button", {
      type: "button", class: "govuk-button govuk-button--secondary", id: `${listId}-add`,
      onclick: () => {
        rows.push(emptyRow(list));
        this._renderFamily();
        this.querySelector(`#${this._idFor(`${path}[${rows.length - 1}].${LISTS[list][0][0]}`)}`)?.focus();
      },
    }, t(lang, `elig.add.${list}`), el("span", { class: "govuk-visually-hidden", text: ` (${who})` }));
    return el("div", { class: "govuk-form-group" }, el("h4", { class: "govuk-heading-s", text: t(lang, `elig.list.${list}`) }), container, add);
  }

  /** One control of a list row. */
  _field(row, [name, type, width], id, what) {
    const lang = this.uiLanguage;
    const label = t(lang, `elig.field.${name}`);
    const update = (v) => { row[name] = v; this._recalculate(); };
    const kinds = ["asb", "exclusions", "benefits", "circumstances", "exploitation"].includes(type)
      ? this._kinds[type].map((k) => [k, t(lang, `kind.${k}`)]) : null;
    const terms = type === "terms" ? this._state.schoolTerms.filter((x) => x.name.trim()).map((x) => [x.name.trim(), x.name.trim()]) : null;
    const choices = kinds ?? terms;
    if (choices) {
      if (row[name] === "" && choices.length) row[name] = choices[0][0];
      const control = select(id, row[name], choices.length ? choices : [["", t(lang, "elig.noTerms")]], update);
      if (terms) {
        control.addEventListener("focus", () => {
          // Terms may have been renamed since this row was drawn.
          const current = control.value;
          const now = this._state.schoolTerms.filter((x) => x.name.trim()).map((x) => x.name.trim());
          control.replaceChildren(...now.map((v) => el("option", { value: v, text: v })));
          control.value = current;
        });
      }
      return formGroup(id, label, control, { context: what });
    }
    const field = input(id, row[name], update, {
      width: width ?? (type === "date" ? "govuk-input--width-10" : "govuk-input--width-4"),
      mode: type === "text" ? undefined : "numeric", describedBy: type === "date" ? `${id}-hint` : undefined,
    });
    return formGroup(id, label, field, { hint: type === "date" ? t(lang, "elig.date.hint") : undefined, context: what });
  }

  // ------------------------------------------------------------ deciding

  /**
   * The call, and where each of its list rows is in the form (empty rows and
   * members are left out, so `members[0].offences[1]` may be the form's third offence).
   */
  _buildCall() {
    const s = this._state;
    const places = { children: {} };
    const list = (rows, key, node) => {
      const keep = kept(rows, key);
      node.children[key] = keep.map(({ index }) => ({ index, children: {} }));
      return keep.map(({ row }) => {
        const out = {};
        for (const [name] of LISTS[key]) {
          const value = row[name].trim();
          if (value === "" && name === "to") continue;
          out[name] = value;
        }
        return out;
      });
    };
    const members = s.members.map((m, index) => ({ m, index })).filter(({ m }) => !memberIsEmpty(m));
    places.children.members = members.map(({ index }) => ({ index, children: {} }));
    const call = {
      ...(s.pack === "council" && this._council ? { councilPack: this._council.text } : { rulePack: s.pack === "council" ? this._defaultPack() : s.pack }),
      assessmentDate: s.assessmentDate.trim(),
      members: members.map(({ m }, i) => {
        const node = places.children.members[i];
        const out = { name: m.name.trim() };
        if (m.role) out.role = m.role;
        if (m.dateOfBirth.trim()) out.dateOfBirth = m.dateOfBirth.trim();
        if (m.age.trim()) out.age = m.age.trim();
        for (const key of MEMBER_LISTS) out[key] = list(m[key], key, node);
        if (m.alternativeProvision) out.alternativeProvision = m.alternativeProvision;
        for (const flag of FLAGS) if (m[flag]) out[flag] = true;
        return out;
      }),
      schoolTerms: list(s.schoolTerms, "schoolTerms", places),
      domesticAbuse: list(s.domesticAbuse, "domesticAbuse", places),
      localConcern: s.localConcern,
    };
    return { call, places };
  }

  /** The id of the control an error's path points at, or of its nearest enclosing one. */
  _fieldFor(path) {
    const fallback = this._idFor("assessmentDate");
    if (path === "@councilPack" || path?.startsWith("councilPack")) return `${this.prefix}-council-pack-file`;
    if (!path || path.startsWith("@")) return fallback;
    if (path === "rulePack") return `${this.prefix}-pack-${this._packs[0]?.id}`;
    let node = this._places;
    const steps = [];
    for (const token of path.split(".")) {
      const m = /^(\w+)(?:\[(\d+)\])?$/.exec(token);
      if (!m) break;
      if (m[2] === undefined) { steps.push(m[1]); continue; }
      node = node?.children?.[m[1]]?.[Number(m[2])];
      if (!node) break;
      steps.push(`${m[1]}[${node.index}]`);
    }
    for (let n = steps.length; n > 0; n -= 1) {
      const id = this._idFor(steps.slice(0, n).join("."));
      if (this.querySelector(`#${CSS.escape(id)}`)) return id;
    }
    return fallback;
  }

  _recalculate() {
    const lang = this.uiLanguage;
    const { call, places } = this._buildCall();
    this._places = places;
    this._clearErrors();
    this._keepDraft(call);
    if (call.members.length === 0) {
      this._showEmpty([[this.$("decision"), "elig.decision.empty"], [this.$("reasons"), "elig.reasons.empty"]]);
      return undefined;
    }
    return this._compute(call, "checkEligibility", "elig.correct", [this.$("decision"), this.$("reasons")], (answer) => {
      this._renderDecision(answer);
      this._renderReasons(answer);
      this._announce(t(lang, "elig.announce", { status: t(lang, `elig.status.${answer.status}`), pack: answer.pack.id }));
    });
  }

  _renderDecision(answer) {
    const lang = this.uiLanguage;
    const p = this.prefix;
    const best = answer.status === "automatic" || answer.status === "eligible";
    const suggestions = answer.whatWouldChange;
    fill(this.$("decision"),
      el("p", { class: "govuk-body" },
        el("strong", { class: `govuk-tag ${STATUS_TAG[answer.status] ?? ""}`, id: `${p}-status-tag`, text: t(lang, `elig.status.${answer.status}`) })),
      el("p", { class: "govuk-body", id: `${p}-decision-text`, text: answer.decision }),
      el("p", { class: "govuk-body-s", id: `${p}-decision-pack`, text: t(lang, "elig.rules", {
        title: answer.pack.title, id: answer.pack.id, version: answer.pack.version,
        from: answer.pack.validFrom, to: answer.pack.validTo ?? t(lang, "elig.noEnd"),
      }) }),
      this._counting(answer),
      answer.notes.length ? el("div", { class: "govuk-inset-text", id: `${p}-notes` },
        answer.notes.map((n) => el("p", { class: "govuk-body-s", text: n.message }))) : null,
      el("h3", { class: "govuk-heading-s", text: t(lang, "elig.change.heading") }),
      best
        ? el("p", { class: "govuk-body-s", id: `${p}-what-would-change`, text: t(lang, "elig.change.best") })
        : suggestions.length
          ? el("ul", { class: "govuk-list govuk-list--bullet govuk-body-s", id: `${p}-what-would-change` },
            suggestions.map((x) => el("li", { text: this._suggestion(x, answer) })))
          : el("p", { class: "govuk-body-s", id: `${p}-what-would-change`, text: t(lang, "elig.change.none") }),
    );
  }

  /**
   * What the engine counted, in the officer's language: the needs (indicators)
   * across the headlines (criteria) when the pack counts needs, else the
   * criteria; and each filter (the precondition), met or not.
   */
  _counting(answer) {
    const lang = this.uiLanguage;
    const counted = answer.indicatorsMet === undefined
      ? t(lang, "elig.counted.criteria", { met: answer.criteriaMet, total: answer.criteriaTotal, label: answer.criteriaLabel })
      : t(lang, "elig.counted.indicators", {
        n: answer.indicatorsMet, label: answer.indicatorsLabel, met: answer.criteriaMet, total: answer.criteriaTotal, criteria: answer.criteriaLabel,
      });
    return el("ul", { class: "govuk-list govuk-body-s", id: `${this.prefix}-counting` },
      el("li", { text: counted }),
      answer.filters.map((g) => el("li", { text: t(lang, "elig.counted.filter", { title: g.title, met: t(lang, g.met ? "elig.met" : "elig.notMet") }) })));
  }

  /**
   * A suggestion: for the facts the 2022 framework added (a circumstance, an
   * incident of exploitation, a missing episode), a sentence in the officer's
   * language from the engine's edit; otherwise the engine's own sentence.
   */
  _suggestion(x, answer) {
    const lang = this.uiLanguage;
    const edit = x.edits.length === 1 && x.edits[0].op === "append" ? x.edits[0] : null;
    const list = /\.(circumstances|exploitation|missingEpisodes)$/.exec(edit?.path ?? "")?.[1];
    const who = answer.members[x.member ?? -1]?.label;
    if (!list || !who) return x.message;
    const v = edit.value;
    const what = list === "missingEpisodes" ? t(lang, "elig.change.missingEpisode") : t(lang, `kind.${v.kind}`);
    const when = list === "circumstances" ? t(lang, "elig.change.from", { date: v.from }) : t(lang, "elig.change.on", { date: v.date });
    return t(lang, "elig.change.record", { who, what, when, status: t(lang, `elig.status.${x.status}`) });
  }

  _renderReasons(answer) {
    const lang = this.uiLanguage;
    const p = this.prefix;
    const indicators = (g, list) => list.map((i) => el("li", { class: "cb-indicator", id: `${p}-indicator-${g.id}-${i.id}` },
      el("p", { class: "govuk-body" }, el("strong", { text: i.title })),
      el("p", { class: "govuk-body", text: i.reason }),
      el("p", { class: "govuk-body-s cb-source", text: t(lang, "elig.source", { source: i.source }) })));
    // A council pack's group can hold thousands of indicators: past MANY, the
    // met ones are written at once and the others when the officer opens
    // them, so that a keystroke does not write out every one.
    const rest = (g, others) => {
      const box = details(t(lang, "elig.others", { n: others.length }), { id: `${p}-others-${g.id}` });
      const list = el("ul", { class: "govuk-list" });
      box.lastChild.append(list);
      box.addEventListener("toggle", () => { if (box.open && !list.firstChild) list.append(...indicators(g, others)); });
      return box;
    };
    const group = (g, filter) => {
      const many = g.indicators.length > MANY;
      const shown = many ? g.indicators.filter((i) => i.met) : g.indicators;
      return el("div", { class: "cb-criterion", id: `${p}-criterion-${g.id}` },
        el("h3", { class: "govuk-heading-s" }, `${g.title} `,
          el("strong", { class: `govuk-tag ${g.met ? "govuk-tag--green" : "govuk-tag--grey"}`, text: t(lang, g.met ? "elig.met" : "elig.notMet") }),
          filter ? el("span", { class: "govuk-caption-m", text: t(lang, "elig.filter") }) : null),
        el("ul", { class: "govuk-list" }, indicators(g, shown)),
        many ? rest(g, g.indicators.filter((i) => !i.met)) : null,
        g.indicators.length === 0 ? el("p", { class: "govuk-body", text: t(lang, "elig.noIndicators") }) : null);
    };
    const value = (x) => (x.unit === "percent" ? `${x.value} %`
      : x.unit === "kinds" ? x.value.split(", ").map((k) => t(lang, `kind.${k}`)).join(", ")
        : `${x.value} ${x.unit === "count" ? "" : x.unit}`.trim());
    const parameters = details(t(lang, "elig.parameters.summary", { date: answer.assessmentDate }), {},
      table(`${p}-parameters`, t(lang, "elig.parameters.caption", { id: answer.pack.id }),
        [[t(lang, "elig.parameters.parameter")], [t(lang, "elig.parameters.value")], [t(lang, "elig.parameters.inForce")], [t(lang, "elig.parameters.source")]],
        answer.parameters.map((x) => el("tr", { class: "govuk-table__row" },
          el("th", { scope: "row", class: "govuk-table__header", text: x.title }),
          el("td", { class: "govuk-table__cell", text: value(x) }),
          el("td", { class: "govuk-table__cell", text: t(lang, "elig.parameters.dates", { from: x.from, to: x.to ?? t(lang, "elig.noEnd") }) }),
          el("td", { class: "govuk-table__cell govuk-body-s", text: `${x.source}${x.evidence ? ` (${x.evidence})` : ""}` })))));
    const r = answer.receipt;
    fill(this.$("reasons"),
      el("p", { class: "govuk-body", id: `${p}-criteria-count`, text: t(lang, "elig.count", {
        met: answer.criteriaMet, total: answer.criteriaTotal, label: answer.criteriaLabel, date: answer.assessmentDate,
      }) }),
      answer.criteria.map((g) => group(g, false)),
      answer.filters.map((g) => group(g, true)),
      parameters,
      this._receipt(r, [["receipt.rulePack", `${r.rulePack?.id} (SHA-256 ${r.rulePack?.sha256})`]]),
    );
  }
}

define("community-budget-eligibility", EligibilityElement);
