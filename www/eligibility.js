// The demo portal's eligibility page: an officer checks a family against the
// Troubled Families rules.
//
// Like app.js, this page uses only the public surface of pkg/ (init, rulePacks,
// checkEligibility, validateRulePack, diffRulePack, version), initialises once,
// and renders both sides of every answer union. The form keeps the officer's
// text as typed; the engine reads it, so what is decided is what was entered.
import init, { checkEligibility, diffRulePack, rulePacks, validateRulePack, version } from "../pkg/community_budget_eligibility.js";
import { el } from "./ui.js";

const $ = (id) => document.getElementById(id);

const KIND_LABELS = {
  asbo: "ASBO", asbInjunction: "ASB injunction", acceptableBehaviourContract: "Acceptable Behaviour Contract",
  housingNoticeSeekingPossession: "Notice seeking possession (ASB)", housingInjunction: "Housing-related injunction",
  demotionOrder: "Demotion order", asbEviction: "Eviction for ASB", warningLetter: "Warning letter", other: "Other",
  fixedTerm: "Fixed-term", permanent: "Permanent",
  exclusion: "Because of exclusion", behaviour: "For behaviour",
  jsa: "Jobseeker’s Allowance", esa: "Employment and Support Allowance", incapacityBenefit: "Incapacity Benefit",
  incomeSupport: "Income Support", carersAllowance: "Carer’s Allowance", severeDisablementAllowance: "Severe Disablement Allowance",
  universalCredit: "Universal Credit (not in work)",
  parent: "Parent", carer: "Carer", child: "Child", relative: "Relative",
};
const label = (kind) => KIND_LABELS[kind] ?? kind;

// The lists a family record has, and the fields of each row: [field, label, type, width].
// Rows whose text fields are all empty are placeholders, not facts, and are not sent.
const LISTS = {
  domesticAbuse: { noun: "incident", fields: [["date", "Date of the incident", "date"]] },
  schoolTerms: {
    noun: "term",
    fields: [["name", "Term", "text", "govuk-input--width-10"], ["start", "First day", "date"], ["end", "Last day", "date"]],
  },
  offences: { noun: "offence", fields: [["date", "Date proven", "date"]] },
  asb: { noun: "intervention", fields: [["date", "Date", "date"], ["kind", "Kind", "asb"]] },
  exclusions: { noun: "exclusion", fields: [["date", "Date", "date"], ["kind", "Kind", "exclusions"]] },
  attendance: {
    noun: "term’s attendance",
    fields: [["term", "Term", "terms"], ["possibleSessions", "Possible sessions", "count"],
      ["authorisedAbsent", "Authorised absences", "count"], ["unauthorisedAbsent", "Unauthorised absences", "count"]],
  },
  benefits: { noun: "claim", fields: [["kind", "Benefit", "benefits"], ["from", "From", "date"], ["to", "To (if it has ended)", "date"]] },
  employment: { noun: "job", fields: [["from", "From", "date"], ["to", "To (if it has ended)", "date"]] },
};

const TOPICS = [
  ["crime", "Crime and anti-social behaviour", [["offences", "Proven offences"], ["asb", "Anti-social behaviour interventions"]], []],
  ["school", "School", [["exclusions", "Exclusions"], ["attendance", "Attendance by term"]], ["notOnSchoolRoll"]],
  ["work", "Work and benefits", [["benefits", "Out-of-work benefits"], ["employment", "Jobs"]], []],
  ["children", "Children’s services", [], ["childInNeed", "childProtectionPlan"]],
  ["health", "Health", [], ["mentalHealth", "substanceMisuse", "newMother"]],
];
const FLAG_LABELS = {
  notOnSchoolRoll: "Not on a school roll",
  childInNeed: "A child in need",
  childProtectionPlan: "On a child protection plan",
  mentalHealth: "A mental health problem",
  substanceMisuse: "Drug or alcohol misuse",
  newMother: "A vulnerable new mother",
};

const STATUS = {
  automatic: ["In the programme (automatic)", "govuk-tag--green"],
  discretionary: ["At the council’s discretion", "govuk-tag--yellow"],
  eligible: ["Eligible", "govuk-tag--green"],
  notEligible: ["Not eligible", "govuk-tag--grey"],
};

let kinds = null; // rulePacks().kinds
let builtIn = []; // rulePacks().packs
const open = new Set(); // topics the officer has opened, by "member-N-topic"

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function emptyMember() {
  return {
    name: "", role: "", dateOfBirth: "", age: "", offences: [], asb: [], exclusions: [], attendance: [],
    alternativeProvision: "", notOnSchoolRoll: false, benefits: [], employment: [], childInNeed: false,
    childProtectionPlan: false, mentalHealth: false, substanceMisuse: false, newMother: false,
  };
}

function emptyState() {
  return {
    pack: "tf-2015", council: null, assessmentDate: today(), localConcern: false,
    domesticAbuse: [], schoolTerms: [], members: [emptyMember()],
  };
}

const state = emptyState();

/** Replaces a node's children, flattening lists and leaving out nulls. */
function fill(node, ...children) {
  node.replaceChildren(...children.flat(2).filter((c) => c !== null && c !== undefined));
}

/** The id of the input for a path of the form's state: members[0].offences[1].date → f-members-0-offences-1-date. */
const idFor = (path) => `f-${path.replace(/\[(\d+)\]/g, "-$1").replace(/\./g, "-")}`;

/** A GOV.UK form group; `context`, if given, is read out before the label but not shown. */
function formGroup(id, labelText, input, hint, context) {
  return el(
    "div",
    { class: "govuk-form-group", id: `${id}-group` },
    el("label", { class: "govuk-label", for: id },
      context ? el("span", { class: "govuk-visually-hidden", text: `${context}: ` }) : null, labelText),
    hint ? el("div", { class: "govuk-hint", id: `${id}-hint`, text: hint }) : null,
    el("p", { class: "govuk-error-message", id: `${id}-error`, hidden: true }),
    input,
  );
}

function select(id, value, options, onchange) {
  const node = el("select", { class: "govuk-select", id, onchange });
  for (const [optionValue, text] of options) node.append(el("option", { value: optionValue, text }));
  node.value = value;
  return node;
}

function checkbox(id, labelText, checked, onchange) {
  return el("div", { class: "govuk-checkboxes__item" },
    el("input", { class: "govuk-checkboxes__input", id, type: "checkbox", checked, onchange }),
    el("label", { class: "govuk-label govuk-checkboxes__label", for: id, text: labelText }));
}

/** One input of a list row. */
function field(row, [name, text, type, width], id, describe) {
  const update = (e) => { row[name] = e.target.value; recalculate(); };
  const options = {
    asb: () => kinds.asb.map((k) => [k, label(k)]),
    exclusions: () => kinds.exclusions.map((k) => [k, label(k)]),
    benefits: () => kinds.benefits.map((k) => [k, label(k)]),
    terms: () => state.schoolTerms.filter((t) => t.name.trim()).map((t) => [t.name.trim(), t.name.trim()]),
  }[type];
  if (options) {
    const choices = options();
    if (row[name] === "" && choices.length) row[name] = choices[0][0];
    const input = select(id, row[name], choices.length ? choices : [["", "Add a school term first"]], update);
    if (type === "terms") input.addEventListener("focus", () => {
      // Terms may have been renamed since this row was drawn.
      const current = input.value;
      input.replaceChildren(...options().map(([v, t]) => el("option", { value: v, text: t })));
      input.value = current;
    });
    return formGroup(id, text, input, undefined, describe);
  }
  const input = el("input", {
    class: `govuk-input ${width ?? (type === "date" ? "govuk-input--width-10" : "govuk-input--width-4")}`,
    id, type: "text", value: row[name], autocomplete: "off", spellcheck: "false",
    inputmode: type === "text" ? undefined : "numeric", oninput: update,
  });
  return formGroup(id, text, input, type === "date" ? "For example 2015-06-30" : undefined, describe);
}

/** A list of rows (offences, terms, …) at `path` in the state, with add and remove buttons. */
function listEditor(rows, path, key, heading, describe) {
  const spec = LISTS[key];
  const container = el("div", { class: "cb-list", id: `${idFor(path)}-list` });
  rows.forEach((row, i) => {
    const rowPath = `${path}[${i}]`;
    const what = `${describe}, ${spec.noun} ${i + 1}`;
    container.append(el("div", { class: "cb-row", id: idFor(rowPath) },
      spec.fields.map((f) => field(row, f, idFor(`${rowPath}.${f[0]}`), what)),
      el("button", {
        type: "button", class: "govuk-button govuk-button--secondary",
        onclick: () => { rows.splice(i, 1); render(); recalculate(); $(`${idFor(path)}-add`)?.focus(); },
      }, "Remove", el("span", { class: "govuk-visually-hidden", text: ` ${what}` }))));
  });
  const add = el("button", {
    type: "button", class: "govuk-button govuk-button--secondary", id: `${idFor(path)}-add`,
    onclick: () => {
      rows.push(Object.fromEntries(spec.fields.map(([name]) => [name, ""])));
      render();
      $(idFor(`${path}[${rows.length - 1}].${spec.fields[0][0]}`))?.focus();
    },
  }, `Add ${rows.length ? "another" : "a"} ${spec.noun}`, el("span", { class: "govuk-visually-hidden", text: ` (${describe})` }));
  return el("div", { class: "govuk-form-group" }, el("h4", { class: "govuk-heading-s", text: heading }), container, add);
}

function renderHousehold() {
  fill($("household"),
    el("h3", { class: "govuk-heading-s", text: "The household" }),
    listEditor(state.domesticAbuse, "domesticAbuse", "domesticAbuse", "Domestic abuse incidents at the home", "Household"),
    listEditor(state.schoolTerms, "schoolTerms", "schoolTerms", "School terms the children attend", "School terms"),
  );
}

function renderMembers() {
  const container = $("members");
  container.replaceChildren();
  state.members.forEach((m, i) => {
    const n = i + 1;
    const path = `members[${i}]`;
    const who = m.name.trim() ? `Member ${n} (${m.name.trim()})` : `Member ${n}`;
    const text = (name, labelText, hint, width = "govuk-input--width-10") => formGroup(
      idFor(`${path}.${name}`), labelText,
      el("input", {
        class: `govuk-input ${width}`, id: idFor(`${path}.${name}`), type: "text", value: m[name],
        autocomplete: "off", spellcheck: "false", inputmode: name === "name" ? undefined : "numeric",
        oninput: (e) => { m[name] = e.target.value; recalculate(); },
      }),
      hint,
    );
    const topics = TOPICS.map(([topic, title, lists, flags]) => {
      const key = `member-${i}-${topic}`;
      const details = el("details", {
        class: "govuk-details", id: `${idFor(path)}-${topic}`, open: open.has(key),
        ontoggle: (e) => { if (e.target.open) open.add(key); else open.delete(key); },
      },
      el("summary", { class: "govuk-details__summary" }, el("span", { class: "govuk-details__summary-text", text: `${title}` })),
      el("div", { class: "govuk-details__text" },
        lists.map(([list, heading]) => listEditor(m[list], `${path}.${list}`, list, heading, `${who}, ${heading.toLowerCase()}`)),
        topic === "school" ? formGroup(
          idFor(`${path}.alternativeProvision`), "In a pupil referral unit or alternative provision",
          select(idFor(`${path}.alternativeProvision`), m.alternativeProvision,
            [["", "No"], ...kinds.provision.map((k) => [k, label(k)])],
            (e) => { m.alternativeProvision = e.target.value; recalculate(); }),
        ) : null,
        flags.length ? el("div", { class: "govuk-form-group" }, el("div", { class: "govuk-checkboxes govuk-checkboxes--small" },
          flags.map((flag) => checkbox(idFor(`${path}.${flag}`), FLAG_LABELS[flag], m[flag],
            (e) => { m[flag] = e.target.checked; recalculate(); })))) : null));
      return details;
    });
    container.append(el("div", { class: "cb-member" }, el("fieldset", { class: "govuk-fieldset", id: idFor(path) },
      el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" },
        el("h3", { class: "govuk-fieldset__heading", text: who })),
      text("name", "Name or label", "For example “Mother” or a first name.", "govuk-input--width-20"),
      formGroup(idFor(`${path}.role`), "Role in the household",
        select(idFor(`${path}.role`), m.role, [["", "Not given"], ...kinds.roles.map((r) => [r, label(r)])],
          (e) => { m.role = e.target.value; recalculate(); })),
      text("dateOfBirth", "Date of birth", "For example 2003-03-15."),
      text("age", "Or, if the date of birth is not known, age in years", undefined, "govuk-input--width-3"),
      topics,
      state.members.length > 1 ? el("button", {
        type: "button", class: "govuk-button govuk-button--secondary",
        onclick: () => { state.members.splice(i, 1); render(); recalculate(); $("add-member").focus(); },
      }, "Remove", el("span", { class: "govuk-visually-hidden", text: ` member ${n}` })) : null)));
  });
}

function renderPacks() {
  const container = $("pack-options");
  container.replaceChildren();
  const radio = (value, text, hint) => {
    const id = `pack-${value}`;
    return el("div", { class: "govuk-radios__item" },
      el("input", {
        class: "govuk-radios__input", id, name: "pack", type: "radio", value, checked: state.pack === value,
        "aria-describedby": `${id}-hint`, onchange: () => { state.pack = value; recalculate(); },
      }),
      el("label", { class: "govuk-label govuk-radios__label", for: id, text }),
      el("div", { class: "govuk-hint govuk-radios__hint", id: `${id}-hint`, text: hint }));
  };
  for (const p of builtIn) {
    container.append(radio(p.pack.id, p.pack.title, `${p.pack.id}: ${p.pack.validFrom} to ${p.pack.validTo ?? "no end"}`));
  }
  // The council's option appears once its pack has been loaded (below) and read.
  const c = state.council;
  if (c) {
    container.append(radio("council", `Your council’s pack: ${c.pack.title}`,
      `${c.pack.id}, extending ${c.pack.extends ?? "no national pack"}: ${c.pack.validFrom} to ${c.pack.validTo ?? "no end"}`));
  }
}

function render() {
  renderPacks();
  renderHousehold();
  renderMembers();
  $("f-assessmentDate").value = state.assessmentDate;
  $("f-localConcern").checked = state.localConcern;
}

// ---------------------------------------------------------------- calculating

/** Keeps the rows with something typed in a text field, remembering their places in the form. */
function kept(rows, spec) {
  const texts = spec.fields.filter(([, , type]) => ["date", "text", "count"].includes(type)).map(([name]) => name);
  return rows.map((row, index) => ({ row, index })).filter(({ row }) => texts.some((name) => String(row[name]).trim() !== ""));
}

function rowCall(row, spec) {
  const out = {};
  for (const [name, , type] of spec.fields) {
    const value = typeof row[name] === "string" ? row[name].trim() : row[name];
    if (value === "" && (name === "to")) continue;
    out[name] = type === "count" && value === "" ? "" : value;
  }
  return out;
}

const memberIsEmpty = (m) =>
  !m.name.trim() && !m.dateOfBirth.trim() && !m.age.trim() && !m.alternativeProvision
  && Object.keys(FLAG_LABELS).every((f) => !m[f])
  && ["offences", "asb", "exclusions", "attendance", "benefits", "employment"].every((l) => kept(m[l], LISTS[l]).length === 0);

/**
 * The call, and a map from its list positions to the form's (empty rows are
 * left out, so `members[0].offences[1]` may be the form's third offence).
 */
function buildCall() {
  const places = { children: {} };
  const list = (rows, key, node, mapChildren) => {
    const spec = LISTS[key];
    const keep = kept(rows, spec);
    node.children[key] = keep.map(({ index }) => ({ index, children: {} }));
    return keep.map(({ row }, i) => (mapChildren ? mapChildren(row, node.children[key][i]) : rowCall(row, spec)));
  };
  const members = state.members.map((m, index) => ({ m, index })).filter(({ m }) => !memberIsEmpty(m));
  places.children.members = members.map(({ index }) => ({ index, children: {} }));
  const call = {
    assessmentDate: state.assessmentDate.trim(),
    members: members.map(({ m }, i) => {
      const node = places.children.members[i];
      const out = { name: m.name.trim() };
      if (m.role) out.role = m.role;
      if (m.dateOfBirth.trim()) out.dateOfBirth = m.dateOfBirth.trim();
      if (m.age.trim()) out.age = m.age.trim();
      for (const key of ["offences", "asb", "exclusions", "attendance", "benefits", "employment"]) {
        out[key] = list(m[key], key, node);
      }
      if (m.alternativeProvision) out.alternativeProvision = m.alternativeProvision;
      for (const flag of Object.keys(FLAG_LABELS)) if (m[flag]) out[flag] = true;
      return out;
    }),
    schoolTerms: list(state.schoolTerms, "schoolTerms", places),
    domesticAbuse: list(state.domesticAbuse, "domesticAbuse", places),
    localConcern: state.localConcern,
  };
  if (state.pack === "council" && state.council) call.councilPack = state.council.text;
  else call.rulePack = state.pack;
  return { call, places };
}

/** The id of the input an error's path points at, or its nearest enclosing one. */
function fieldFor(path, places) {
  if (!path) return "f-assessmentDate";
  if (path.startsWith("councilPack")) return "council-pack-file";
  if (path === "rulePack") return `pack-${builtIn[0]?.pack.id}`;
  let node = places;
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
    const id = idFor(steps.slice(0, n).join("."));
    if ($(id)) return id;
  }
  return "f-assessmentDate";
}

function clearErrors() {
  $("error-summary").hidden = true;
  document.querySelectorAll(".govuk-form-group--error").forEach((g) => g.classList.remove("govuk-form-group--error"));
  document.querySelectorAll(".govuk-input--error, .govuk-select--error, .govuk-file-upload--error").forEach((i) => {
    i.classList.remove("govuk-input--error", "govuk-select--error", "govuk-file-upload--error");
  });
  document.querySelectorAll(".govuk-error-message").forEach((p) => { p.hidden = true; p.textContent = ""; });
  document.querySelectorAll("[aria-describedby]").forEach((input) => {
    const ids = input.getAttribute("aria-describedby").split(" ").filter((id) => !id.endsWith("-error"));
    if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
    else input.removeAttribute("aria-describedby");
  });
}

function markField(id, message) {
  const input = $(id);
  const error = $(`${id}-error`);
  if (!input || !error) return;
  $(`${id}-group`)?.classList.add("govuk-form-group--error");
  const kind = input.tagName === "SELECT" ? "govuk-select--error" : input.type === "file" ? "govuk-file-upload--error" : "govuk-input--error";
  if (input.type !== "checkbox" && input.type !== "radio") input.classList.add(kind);
  error.hidden = false;
  if (error.childNodes.length) error.append(el("br"));
  error.append(el("span", { class: "govuk-visually-hidden", text: "Error: " }), message);
  const described = new Set((input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
  described.add(`${id}-error`);
  input.setAttribute("aria-describedby", [...described].join(" "));
}

function showErrors(errors, places) {
  const list = $("error-summary-list");
  list.replaceChildren();
  for (const error of errors) {
    const id = fieldFor(error.path, places);
    const where = error.path?.startsWith("councilPack") ? `Council pack, ${error.path.slice("councilPack.".length) || "file"}: ` : "";
    list.append(el("li", {}, el("a", { href: `#${id}`, text: `${where}${error.message}` })));
    markField(id, `${where}${error.message}`);
  }
  $("error-summary").hidden = false;
}

let lastAnnouncement = "";
function announce(text) {
  if (text === lastAnnouncement) return;
  lastAnnouncement = text;
  $("status").textContent = text;
}

function recalculate() {
  clearErrors();
  const { call, places } = buildCall();
  if (call.members.length === 0) {
    $("decision-panel").replaceChildren(el("p", { class: "govuk-body", text: "Add a member of the family to see the decision." }));
    $("reasons").replaceChildren(el("p", { class: "govuk-body", text: "Each criterion, met or not, with the facts and the rule used." }));
    announce("");
    return;
  }
  let answer;
  try {
    answer = checkEligibility(call);
  } catch (e) {
    // Only a call of the wrong shape throws; the form never builds one, so this is a bug.
    showErrors([{ message: `The form could not be read: ${e.message}` }], places);
    return;
  }
  document.dispatchEvent(new CustomEvent("community-budget:eligibility", { detail: answer }));
  if (answer.type === "failure") {
    showErrors(answer.errors, places);
    const correct = () => el("p", { class: "govuk-body", text: "Correct the problems shown to see the decision." });
    $("decision-panel").replaceChildren(correct());
    $("reasons").replaceChildren(correct());
    announce(`There ${answer.errors.length === 1 ? "is 1 problem" : `are ${answer.errors.length} problems`} with the form.`);
    return;
  }
  renderDecision(answer);
  renderReasons(answer);
  announce(`${STATUS[answer.status][0]} under ${answer.pack.id}.`);
}

function renderDecision(answer) {
  const [text, colour] = STATUS[answer.status];
  const suggestions = answer.whatWouldChange;
  const best = answer.status === "automatic" || answer.status === "eligible";
  fill($("decision-panel"),
    el("p", { class: "govuk-body" }, el("strong", { class: `govuk-tag ${colour}`, id: "decision-status", text })),
    el("p", { class: "govuk-body", id: "decision", text: answer.decision }),
    el("p", { class: "govuk-body-s", id: "decision-pack" },
      `Rules: ${answer.pack.title} (${answer.pack.id}, version ${answer.pack.version}).`),
    answer.notes.length ? el("div", { class: "govuk-inset-text", id: "decision-notes" }, answer.notes.map((n) => el("p", { class: "govuk-body-s", text: n.message }))) : null,
    el("h3", { class: "govuk-heading-s", text: "What would change this result" }),
    best
      ? el("p", { class: "govuk-body-s", id: "what-would-change", text: "Nothing would: this is the best outcome the pack gives." })
      : suggestions.length
        ? el("ul", { class: "govuk-list govuk-list--bullet govuk-body-s", id: "what-would-change" },
          suggestions.map((s) => el("li", { text: s.message })))
        : el("p", { class: "govuk-body-s", id: "what-would-change", text: "No single change to the facts would change the decision." }),
  );
}

function renderReasons(answer) {
  const group = (g, kind) => el("div", { class: "cb-criterion", id: `criterion-${g.id}` },
    el("h3", { class: "govuk-heading-s" }, `${g.title} `,
      el("strong", { class: `govuk-tag ${g.met ? "govuk-tag--green" : "govuk-tag--grey"}`, text: g.met ? "Met" : "Not met" }),
      kind === "filter" ? el("span", { class: "govuk-caption-m", text: "Filter" }) : null),
    el("ul", { class: "govuk-list" }, g.indicators.map((i) => el("li", { class: "cb-indicator", id: `indicator-${g.id}-${i.id}` },
      el("p", { class: "govuk-body govuk-!-margin-bottom-1" }, el("strong", { text: i.title })),
      el("p", { class: "govuk-body govuk-!-margin-bottom-1", text: i.reason }),
      el("p", { class: "govuk-body-s cb-source", text: `Source: ${i.source}` })))),
    g.indicators.length === 0 ? el("p", { class: "govuk-body", text: "This pack gives it no indicators." }) : null);
  const parameters = el("details", { class: "govuk-details" },
    el("summary", { class: "govuk-details__summary" },
      el("span", { class: "govuk-details__summary-text", text: `Values in force on ${answer.assessmentDate}` })),
    el("div", { class: "govuk-details__text" }, el("div", { class: "cb-table-wrapper" }, el("table", { class: "govuk-table" },
      el("caption", { class: "govuk-table__caption govuk-table__caption--s", text: `Parameters of ${answer.pack.id}` }),
      el("thead", { class: "govuk-table__head" }, el("tr", { class: "govuk-table__row" },
        ["Parameter", "Value", "In force", "Source"].map((h) => el("th", { scope: "col", class: "govuk-table__header", text: h })))),
      el("tbody", { class: "govuk-table__body" }, answer.parameters.map((p) => el("tr", { class: "govuk-table__row" },
        el("th", { scope: "row", class: "govuk-table__header", text: p.title }),
        el("td", { class: "govuk-table__cell", text: p.unit === "percent" ? `${p.value} %` : p.unit === "kinds" ? p.value.split(", ").map(label).join(", ") : `${p.value} ${p.unit === "count" ? "" : p.unit}`.trim() }),
        el("td", { class: "govuk-table__cell", text: `${p.from} to ${p.to ?? "no end"}` }),
        el("td", { class: "govuk-table__cell govuk-body-s", text: `${p.source}${p.evidence ? ` (${p.evidence})` : ""}` }))))))));
  const r = answer.receipt;
  const receipt = el("details", { class: "govuk-details" },
    el("summary", { class: "govuk-details__summary" }, el("span", { class: "govuk-details__summary-text", text: "Receipt: how to reproduce this result" })),
    el("div", { class: "govuk-details__text" }, el("dl", { class: "govuk-summary-list" },
      [["Engine version", r.engineVersion], ["Rule pack", `${r.rulePack?.id} (SHA-256 ${r.rulePack?.sha256})`], ["Input (SHA-256)", r.inputSha256]]
        .map(([k, v]) => el("div", { class: "govuk-summary-list__row" },
          el("dt", { class: "govuk-summary-list__key", text: k }),
          el("dd", { class: "govuk-summary-list__value cb-hash", text: v }))))));
  fill($("reasons"),
    el("p", { class: "govuk-body", text: `${answer.criteriaMet} of the ${answer.criteriaTotal} ${answer.criteriaLabel} met, on ${answer.assessmentDate}.` }),
    answer.criteria.map((g) => group(g, "criterion")),
    answer.filters.map((g) => group(g, "filter")),
    parameters,
    receipt,
  );
}

// ------------------------------------------------------------- council packs

async function loadCouncilPack(file) {
  const text = await file.text();
  const answer = validateRulePack(text);
  $("council-pack-summary").replaceChildren();
  if (answer.type === "failure") {
    state.council = null;
    if (state.pack === "council") state.pack = builtIn[builtIn.length - 1]?.pack.id ?? "tf-2015";
    renderPacks();
    recalculate();
    showErrors(answer.errors.map((e) => ({ ...e, path: `councilPack${e.path ? `.${e.path}` : ""}` })), { children: {} });
    announce(`The council pack has ${answer.errors.length === 1 ? "1 problem" : `${answer.errors.length} problems`}.`);
    return;
  }
  state.council = { text, pack: answer.pack.pack };
  state.pack = "council";
  renderPacks();
  const diff = diffRulePack(text);
  if (diff.type === "success") {
    const rules = diff.changes.filter((c) => c.what !== "pack");
    fill($("council-pack-summary"), el("div", { class: "govuk-inset-text", id: "council-pack-changes" },
      el("p", { class: "govuk-body", text: `${answer.pack.pack.title} changes ${diff.base.id} in ${rules.length} place${rules.length === 1 ? "" : "s"}:` }),
      el("ul", { class: "govuk-list govuk-list--bullet govuk-body-s" }, rules.map((c) => el("li", {
        text: c.change === "changed" ? `${c.what} ${c.id}: ${c.field} ${c.from} → ${c.to}` : `${c.what} ${c.id} ${c.change}${c.to ? `: ${c.to}` : ""}`,
      })))));
  }
  recalculate();
}

// ---------------------------------------------------------------- start up

async function main() {
  await init();
  const packs = rulePacks();
  if (packs.type !== "success") {
    $("engine-status").textContent = `The rules could not be loaded: ${packs.errors.map((e) => e.message).join(" ")}`;
    return;
  }
  builtIn = packs.packs;
  kinds = packs.kinds;
  $("engine-version").textContent = version();
  $("f-assessmentDate").addEventListener("input", (e) => { state.assessmentDate = e.target.value; recalculate(); });
  $("f-localConcern").addEventListener("change", (e) => { state.localConcern = e.target.checked; recalculate(); });
  $("council-pack-file").addEventListener("change", (e) => {
    const file = e.target.files?.[0];
    if (file) loadCouncilPack(file).catch((err) => showErrors([{ message: `The file could not be read: ${err.message}`, path: "councilPack" }], { children: {} }));
  });
  $("add-member").addEventListener("click", () => {
    state.members.push(emptyMember());
    render();
    $(idFor(`members[${state.members.length - 1}].name`))?.focus();
  });
  $("clear-all").addEventListener("click", () => {
    Object.assign(state, emptyState());
    open.clear();
    $("council-pack-summary").replaceChildren();
    $("council-pack-file").value = "";
    render();
    recalculate();
    $("f-assessmentDate").focus();
  });
  $("error-summary-list").addEventListener("click", (e) => {
    const link = e.target.closest("a");
    if (!link) return;
    e.preventDefault();
    const target = document.getElementById(link.getAttribute("href").slice(1));
    target?.closest("details")?.setAttribute("open", "");
    target?.focus();
  });
  $("family-form").addEventListener("submit", (e) => e.preventDefault());
  render();
  recalculate();
  $("engine-status").textContent = `Ready: ${builtIn.map((p) => p.pack.id).join(" and ")} built in; a council pack can be loaded from a file.`;
  document.documentElement.dataset.ready = "true";
}

main().catch((e) => {
  $("engine-status").textContent = `The rules could not start: ${e.message}`;
});
