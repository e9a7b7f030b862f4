// The demo portal's claim checker: what the council can claim for one family
// under payment by results, worked out by the engine's `claimPayment` on
// every edit.
//
// The form keeps a family record as rows (members, dated facts, school terms
// and attendance, the key worker's records) and builds the `claimPayment`
// call from them: the family record is the one `checkEligibility` takes, its
// assessment date the claim date. Every amount and date on screen is the
// engine's; the page does no arithmetic.
import "./shell.js";
import init, { claimPayment, version } from "../pkg/community_budget.js";
import {
  $, announce, answerOf, confirmThen, el, followErrorLinks, formatMoney, formGroup, keepCase, receiptDetails, rowList, table,
} from "./ui.js";

// What a fact can be, the kinds it takes, and the list of the family record it goes to.
const FACTS = {
  offence: { label: "Proven offence", list: "offences" },
  asb: {
    label: "Anti-social behaviour intervention", list: "asb",
    kinds: [["asbo", "ASBO"], ["asbInjunction", "ASB injunction"], ["acceptableBehaviourContract", "Acceptable Behaviour Contract"],
      ["housingNoticeSeekingPossession", "Notice seeking possession (ASB)"], ["housingInjunction", "Housing-related injunction"],
      ["demotionOrder", "Demotion order"], ["asbEviction", "Eviction for ASB"], ["warningLetter", "Warning letter"], ["other", "Other"]],
  },
  exclusion: { label: "School exclusion", list: "exclusions", kinds: [["fixedTerm", "Fixed-term"], ["permanent", "Permanent"]] },
  benefit: {
    label: "Out-of-work benefit claim", list: "benefits", spell: true,
    kinds: [["jsa", "Jobseeker’s Allowance"], ["esa", "Employment and Support Allowance"], ["incapacityBenefit", "Incapacity Benefit"],
      ["incomeSupport", "Income Support"], ["carersAllowance", "Carer’s Allowance"], ["severeDisablementAllowance", "Severe Disablement Allowance"],
      ["universalCredit", "Universal Credit (not in work)"]],
  },
  job: { label: "Job", list: "employment", spell: true },
  flag: {
    label: "A problem (no date)", flag: true,
    kinds: [["mentalHealth", "A mental health problem"], ["substanceMisuse", "Drug or alcohol misuse"], ["newMother", "A vulnerable new mother"],
      ["childInNeed", "A child in need"], ["childProtectionPlan", "On a child protection plan"], ["notOnSchoolRoll", "Not on a school roll"]],
  },
  domesticAbuse: { label: "Domestic abuse incident at the home", household: true },
};

const PROBLEMS = {
  "tf-2012": [["crime-asb", "Crime and anti-social behaviour"], ["education", "Education"], ["work", "Work"]],
  "tf-2015": [["crime-asb", "Crime and anti-social behaviour"], ["school", "School attendance"], ["children-need-help", "Children who need help"],
    ["worklessness", "Worklessness and financial exclusion"], ["domestic-abuse", "Domestic violence and abuse"], ["health", "Health"]],
};

const CHECKS = {
  met: ["Met", "govuk-tag--green"],
  notMet: ["Not met", "govuk-tag--red"],
  notRelevant: ["Not tested", "govuk-tag--grey"],
  notYet: ["Not yet", "govuk-tag--yellow"],
  missingEvidence: ["Evidence missing", "govuk-tag--orange"],
};

const fact = (member, what, from, kind = "", to = "") => ({ member, what, kind, from, to });
const attendance = (member, term, possible, unauthorised) => ({ member, term, possible, authorised: "0", unauthorised });

// tests/fixtures/claims.json, phase1-year1-every-result: attached 2012-08-01, claim 2013-07-31, £4,000.
const EXAMPLE_1 = {
  pack: "tf-2012", attachmentDate: "2012-08-01", claimDate: "2013-07-31", localConcern: false,
  members: [
    { name: "Mother", dateOfBirth: "1980-05-01" },
    { name: "Jordan", dateOfBirth: "1998-03-10" },
    { name: "Amy", dateOfBirth: "2003-03-15" },
  ],
  facts: [
    fact("0", "benefit", "2011-06-01", "jsa"),
    fact("0", "asb", "2012-05-12", "housingNoticeSeekingPossession"),
    fact("0", "asb", "2012-07-30", "warningLetter"),
    fact("0", "asb", "2013-06-01", "warningLetter"),
    fact("1", "offence", "2012-03-10"), fact("1", "offence", "2012-05-20"), fact("1", "offence", "2012-07-15"),
    fact("1", "offence", "2013-05-02"), fact("1", "offence", "2013-06-20"),
    fact("1", "asb", "2012-02-20", "acceptableBehaviourContract"),
    fact("1", "asb", "2012-04-10", "warningLetter"),
    fact("1", "asb", "2012-06-05", "asbInjunction"),
    fact("1", "asb", "2012-10-10", "warningLetter"),
    fact("1", "asb", "2013-03-14", "warningLetter"),
    fact("1", "exclusion", "2012-11-05", "fixedTerm"),
    fact("1", "exclusion", "2013-02-11", "fixedTerm"),
  ],
  terms: [
    { name: "Autumn 2011", start: "2011-09-05", end: "2011-12-20" },
    { name: "Spring 2012", start: "2012-01-04", end: "2012-03-30" },
    { name: "Summer 2012", start: "2012-04-16", end: "2012-07-20" },
    { name: "Autumn 2012", start: "2012-09-03", end: "2012-12-20" },
    { name: "Spring 2013", start: "2013-01-07", end: "2013-03-28" },
    { name: "Summer 2013", start: "2013-04-15", end: "2013-07-19" },
  ],
  attendance: [
    attendance("1", "Autumn 2012", "140", "14"), attendance("1", "Spring 2013", "120", "12"), attendance("1", "Summer 2013", "80", "8"),
    attendance("2", "Autumn 2011", "140", "25"), attendance("2", "Spring 2012", "120", "20"), attendance("2", "Summer 2012", "80", "15"),
    attendance("2", "Autumn 2012", "140", "10"), attendance("2", "Spring 2013", "120", "8"), attendance("2", "Summer 2013", "80", "6"),
  ],
  records: [{ type: "workProgramme", member: "0", problem: "", date: "2013-03-01", evidence: "" }],
};

// tests/fixtures/claims.json, phase2-employment-and-progress-one-payment: £1,800.
const EXAMPLE_2 = {
  pack: "tf-2015", attachmentDate: "2015-09-01", claimDate: "2016-06-30", localConcern: false,
  members: [{ name: "Mother", dateOfBirth: "1985-02-14" }, { name: "Kai", dateOfBirth: "2010-09-01" }],
  facts: [
    fact("0", "flag", "", "mentalHealth"),
    fact("0", "benefit", "2014-01-01", "esa", "2015-12-31"),
    fact("0", "job", "2016-01-04"),
    fact("household", "domesticAbuse", "2015-05-10"),
  ],
  terms: [],
  attendance: [],
  records: [
    { type: "outcome", member: "", problem: "health", date: "2016-03-01", evidence: "GP review: depression managed, 6 months without crisis." },
    { type: "outcome", member: "", problem: "domestic-abuse", date: "2016-02-15", evidence: "No police call-outs for 9 months; MARAC case closed." },
    { type: "outcome", member: "", problem: "worklessness", date: "2016-04-10", evidence: "In work since 4 January (payslips)." },
  ],
};

const EMPTY = {
  pack: "tf-2012", attachmentDate: "", claimDate: "", localConcern: false,
  members: [{ name: "", dateOfBirth: "" }],
  facts: [], terms: [], attendance: [], records: [],
};

// What a case file or draft holds: the form as typed (members by their place in the list, from 0, as in the call).
const SCHEMA = {
  pack: "text", attachmentDate: "text", claimDate: "text", localConcern: "bool",
  members: [{ name: "text", dateOfBirth: "text" }],
  facts: [{ member: "text", what: "text", kind: "text", from: "text", to: "text" }],
  terms: [{ name: "text", start: "text", end: "text" }],
  attendance: [{ member: "text", term: "text", possible: "text", authorised: "text", unauthorised: "text" }],
  records: [{ type: "text", member: "text", problem: "text", date: "text", evidence: "text" }],
};

/** The path of a fact or record of a kind this page does not know, or null. */
function unknownKind(data) {
  const fact = data.facts.findIndex((f) => !Object.hasOwn(FACTS, f.what));
  if (fact >= 0) return `.facts[${fact}].what`;
  const record = data.records.findIndex((r) => !["workProgramme", "esf", "outcome"].includes(r.type));
  if (record >= 0) return `.records[${record}].type`;
  return Object.hasOwn(PROBLEMS, data.pack) ? null : ".pack";
}

let state = structuredClone(EMPTY);
let kept = { changed() {} };
const hasWork = () => JSON.stringify(state) !== JSON.stringify(EMPTY);

// ------------------------------------------------------------------- form

function input(id, value, onInput, { width = "govuk-input--width-10", mode, type = "text" } = {}) {
  return el("input", {
    class: `govuk-input ${width}`, id, value, type, autocomplete: "off", spellcheck: "false", inputmode: mode,
    oninput: (e) => { onInput(e.target.value); recalculate(); },
  });
}

function select(id, value, options, onChange) {
  const node = el("select", { class: "govuk-select", id, onchange: (e) => { onChange(e.target.value); recalculate(); } });
  for (const [v, text] of options) node.append(el("option", { value: v, text }));
  node.value = value;
  return node;
}

// Members are numbered from 1 for the officer; each option's value is the
// member's place in the list from 0, as the engine's call counts them.
const memberOptions = (household) => [
  ...state.members.map((m, i) => [String(i), `${i + 1}: ${m.name || "member"}`]),
  ...(household ? [["household", "The household"]] : []),
];

function renderClaim() {
  $("claim").replaceChildren(
    formGroup("pack", "Rules", select("pack", state.pack, [["tf-2012", "Phase 1 (2012 to 2015): tf-2012"], ["tf-2015", "Phase 2 (2015 to 2020): tf-2015"]],
      (v) => { state.pack = v; renderRecords(); })),
    el("div", { class: "cb-row" },
      formGroup("attachment-date", "Attached to the programme on", input("attachment-date", state.attachmentDate, (v) => { state.attachmentDate = v; }, { type: "date" })),
      formGroup("claim-date", "Claim checked on", input("claim-date", state.claimDate, (v) => { state.claimDate = v; }, { type: "date" }),
        { hint: "The family record runs to this day." })),
  );
}

/** The rows of a list; removing one redraws the form and recalculates. */
function rows(container, list, make, label, focusIndex) {
  rowList(container, list, make, label, focusIndex, () => { renderAll(); recalculate(); });
}

function renderMembers(focusIndex) {
  rows("members", state.members, (m, i) => [
    formGroup(`member-${i}-name`, `Member ${i + 1}: name`, input(`member-${i}-name`, m.name, (v) => { m.name = v; renderFacts(); renderAttendance(); renderRecords(); })),
    formGroup(`member-${i}-dateOfBirth`, "Date of birth", input(`member-${i}-dateOfBirth`, m.dateOfBirth, (v) => { m.dateOfBirth = v; }, { type: "date" })),
  ], "member", focusIndex);
}

function renderFacts(focusIndex) {
  rows("facts", state.facts, (f, i) => {
    const spec = FACTS[f.what];
    return [
      formGroup(`fact-${i}-what`, `Fact ${i + 1}`, select(`fact-${i}-what`, f.what, Object.entries(FACTS).map(([k, v]) => [k, v.label]),
        (v) => { f.what = v; f.kind = FACTS[v].kinds?.[0][0] ?? ""; if (FACTS[v].household) f.member = "household"; else if (f.member === "household") f.member = "0"; renderFacts(); })),
      formGroup(`fact-${i}-member`, "Who", select(`fact-${i}-member`, f.member, memberOptions(spec.household), (v) => { f.member = v; })),
      spec.kinds ? formGroup(`fact-${i}-kind`, "Kind", select(`fact-${i}-kind`, f.kind, spec.kinds, (v) => { f.kind = v; })) : null,
      spec.flag ? null : formGroup(`fact-${i}-from`, spec.spell ? "From" : "Date", input(`fact-${i}-from`, f.from, (v) => { f.from = v; }, { type: "date" })),
      spec.spell ? formGroup(`fact-${i}-to`, "To (if it has ended)", input(`fact-${i}-to`, f.to, (v) => { f.to = v; }, { type: "date" })) : null,
    ];
  }, "fact", focusIndex);
}

function renderTerms(focusIndex) {
  rows("terms", state.terms, (t, i) => [
    formGroup(`term-${i}-name`, `Term ${i + 1}`, input(`term-${i}-name`, t.name, (v) => { t.name = v; renderAttendance(); })),
    formGroup(`term-${i}-start`, "First day", input(`term-${i}-start`, t.start, (v) => { t.start = v; }, { type: "date" })),
    formGroup(`term-${i}-end`, "Last day", input(`term-${i}-end`, t.end, (v) => { t.end = v; }, { type: "date" })),
  ], "term", focusIndex);
}

function renderAttendance(focusIndex) {
  const count = (a, i, key, label) => formGroup(`attendance-${i}-${key}`, label, input(`attendance-${i}-${key}`, a[key], (v) => { a[key] = v; }, { width: "govuk-input--width-3", mode: "numeric" }));
  rows("attendance", state.attendance, (a, i) => [
    formGroup(`attendance-${i}-member`, `Attendance ${i + 1}: child`, select(`attendance-${i}-member`, a.member, memberOptions(false), (v) => { a.member = v; })),
    formGroup(`attendance-${i}-term`, "Term", select(`attendance-${i}-term`, a.term,
      [["", "Choose a term"], ...state.terms.filter((t) => t.name.trim()).map((t) => [t.name, t.name])], (v) => { a.term = v; })),
    count(a, i, "possible", "Possible sessions"),
    count(a, i, "authorised", "Authorised absences"),
    count(a, i, "unauthorised", "Unauthorised absences"),
  ], "attendance", focusIndex);
}

function renderRecords(focusIndex) {
  const phase1 = state.pack === "tf-2012";
  rows("records", state.records, (r, i) => (r.type === "outcome"
    ? [
      formGroup(`record-${i}-problem`, `Record ${i + 1}: progress against`, select(`record-${i}-problem`, r.problem, PROBLEMS[state.pack], (v) => { r.problem = v; })),
      formGroup(`record-${i}-date`, "Met on", input(`record-${i}-date`, r.date, (v) => { r.date = v; }, { type: "date" })),
      formGroup(`record-${i}-evidence`, "Evidence", input(`record-${i}-evidence`, r.evidence, (v) => { r.evidence = v; }, { width: "govuk-input--width-20" })),
    ]
    : [
      formGroup(`record-${i}-type`, `Record ${i + 1}: progress to work`, select(`record-${i}-type`, r.type, [["workProgramme", "Volunteered for the Work Programme"], ["esf", "Attached to ESF provision"]], (v) => { r.type = v; })),
      formGroup(`record-${i}-member`, "Who", select(`record-${i}-member`, r.member, memberOptions(false), (v) => { r.member = v; })),
      formGroup(`record-${i}-date`, "On", input(`record-${i}-date`, r.date, (v) => { r.date = v; }, { type: "date" })),
    ]), "record", focusIndex);
  $("add-record").textContent = phase1 ? "Add progress to work" : "Add progress against the outcomes plan";
}

function renderAll() {
  renderClaim();
  renderMembers();
  renderFacts();
  renderTerms();
  renderAttendance();
  renderRecords();
}

// ------------------------------------------------------------ calculating

/** The call, and which form row each list entry of the call came from. */
function buildCall() {
  const members = state.members.map((m) => ({
    name: m.name, dateOfBirth: m.dateOfBirth, offences: [], asb: [], exclusions: [], attendance: [], benefits: [], employment: [],
  }));
  const places = { facts: {}, domesticAbuse: [], attendance: {}, ptw: [], plan: [] };
  const domesticAbuse = [];
  state.facts.forEach((f, i) => {
    const spec = FACTS[f.what];
    if (spec.household) {
      domesticAbuse.push({ date: f.from });
      places.domesticAbuse.push(i);
      return;
    }
    const m = members[Number(f.member)];
    if (!m) return;
    if (spec.flag) {
      m[f.kind] = true;
      (places.facts[`${f.member}.${f.kind}`] ??= []).push(i);
      return;
    }
    const entry = spec.spell ? { from: f.from, ...(f.to ? { to: f.to } : {}) } : { date: f.from };
    if (spec.kinds) entry.kind = f.kind;
    m[spec.list].push(entry);
    (places.facts[`${f.member}.${spec.list}`] ??= []).push(i);
  });
  state.attendance.forEach((a, i) => {
    const m = members[Number(a.member)];
    if (!m) return;
    m.attendance.push({ term: a.term, possibleSessions: a.possible, authorisedAbsent: a.authorised, unauthorisedAbsent: a.unauthorised });
    (places.attendance[a.member] ??= []).push(i);
  });
  const claim = {
    family: {
      rulePack: state.pack, assessmentDate: state.claimDate, localConcern: state.localConcern,
      schoolTerms: state.terms, domesticAbuse, members,
    },
    attachmentDate: state.attachmentDate,
  };
  const progressToWork = [];
  const outcomesPlan = [];
  state.records.forEach((r, i) => {
    if (r.type === "outcome") {
      outcomesPlan.push({ problem: r.problem, date: r.date, evidence: r.evidence });
      places.plan.push(i);
    } else {
      progressToWork.push({ member: r.member === "" ? "" : Number(r.member), date: r.date, kind: r.type });
      places.ptw.push(i);
    }
  });
  if (progressToWork.length) claim.progressToWork = progressToWork;
  if (outcomesPlan.length) claim.outcomesPlan = outcomesPlan;
  return { call: { claims: [claim] }, places };
}

const FACT_FIELDS = { date: "from", from: "from", to: "to", kind: "kind" };
const ATTENDANCE_FIELDS = { term: "term", possibleSessions: "possible", authorisedAbsent: "authorised", unauthorisedAbsent: "unauthorised" };

/** The id of the input an error path points at. */
function fieldFor(path, places) {
  const p = (path ?? "").replace(/^claims\[0\]\./, "");
  let m = /^family\.members\[(\d+)\]\.attendance\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `attendance-${places.attendance[m[1]]?.[Number(m[2])] ?? 0}-${ATTENDANCE_FIELDS[m[3]] ?? "term"}`;
  m = /^family\.members\[(\d+)\]\.(\w+)\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `fact-${places.facts[`${m[1]}.${m[2]}`]?.[Number(m[3])] ?? 0}-${FACT_FIELDS[m[4]] ?? "what"}`;
  m = /^family\.members\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `member-${m[1]}-${m[2] === "name" ? "name" : "dateOfBirth"}`;
  m = /^family\.schoolTerms\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `term-${m[1]}-${m[2]}`;
  m = /^family\.domesticAbuse\[(\d+)\]/.exec(p);
  if (m) return `fact-${places.domesticAbuse[Number(m[1])] ?? 0}-from`;
  m = /^progressToWork\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `record-${places.ptw[Number(m[1])] ?? 0}-${m[2] === "kind" ? "type" : m[2]}`;
  m = /^outcomesPlan\[(\d+)\]\.(\w+)/.exec(p);
  if (m) return `record-${places.plan[Number(m[1])] ?? 0}-${m[2]}`;
  if (p.startsWith("family.assessmentDate")) return "claim-date";
  if (p.startsWith("family.rulePack")) return "pack";
  if (p.startsWith("family.members")) return "member-0-name";
  return "attachment-date";
}

function recalculate() {
  const { call, places } = buildCall();
  kept.changed();
  const answer = answerOf({
    empty: JSON.stringify(state) === JSON.stringify(EMPTY),
    placeholders: ["Fill in the form, or an example, to see the claim.", "The results appear here."],
    compute: () => claimPayment(call),
    broken: "The claim checker could not read the form",
    idFor: (path) => fieldFor(path, places),
    correct: "Correct the problems shown to see the claim.",
  });
  if (!answer) return;
  render(answer);
  announce(answer.claims[0].summary);
}

// -------------------------------------------------------------- rendering

function tag(check, id) {
  const [text, colour] = CHECKS[check] ?? [check, ""];
  return el("strong", { class: `govuk-tag ${colour}`, id, text });
}

function summaryRow(key, value, id) {
  return el("div", { class: "govuk-summary-list__row" },
    el("dt", { class: "govuk-summary-list__key", text: key }),
    el("dd", { class: "govuk-summary-list__value", id, text: value }));
}

function lines(heading, list, id) {
  if (!list.length) return null;
  return el("div", {},
    el("p", { class: "govuk-body govuk-!-margin-bottom-1 govuk-!-font-weight-bold", text: heading }),
    el("ul", { class: "govuk-list govuk-list--bullet", id }, list.map((t) => el("li", { text: t }))));
}

function result(r) {
  const money = r.amount === undefined ? null
    : el("p", { class: "govuk-body", id: `result-${r.id}-paid`, text: r.paid === "0.00" ? `Pays ${formatMoney(r.amount)} when met; nothing in this claim.` : `Pays ${formatMoney(r.paid)} in this claim.` });
  return el("div", { class: "cb-criterion", id: `result-${r.id}` },
    el("h3", { class: "govuk-heading-s" }, `${r.title} `, tag(r.check, `result-${r.id}-check`)),
    money,
    r.earliestDate ? el("p", { class: "govuk-body", text: `Earliest date: ${r.earliestDate}.` }) : null,
    lines("Evidence", r.evidence),
    lines("Evidence missing", r.missing, `result-${r.id}-missing`),
    r.parts.length ? el("ul", { class: "govuk-list" }, r.parts.map((p) => el("li", { class: "cb-indicator", id: `part-${p.id}` },
      el("p", { class: "govuk-body govuk-!-margin-bottom-1" }, `${p.title} `, tag(p.check, `part-${p.id}-check`),
        p.earliestDate ? ` (from ${p.earliestDate})` : ""),
      el("ul", { class: "govuk-list govuk-list--bullet" }, [...p.evidence, ...p.missing].map((t) => el("li", { text: t })))))) : null);
}

function render(answer) {
  const c = answer.claims[0];
  $("summary").replaceChildren(
    el("p", { class: "govuk-body" }, "Can be claimed",
      el("strong", { class: "govuk-!-font-size-36 cb-figure", id: "total", text: formatMoney(c.total) })),
    el("dl", { class: "govuk-summary-list" },
      summaryRow("Attachment fee", c.earliest.attachment ? `${formatMoney(c.attachmentClaimable)} from ${c.earliest.attachment}` : formatMoney(c.attachmentClaimable), "attachment"),
      summaryRow("Results payment", c.earliest.results ? `${formatMoney(c.resultsClaimable)} from ${c.earliest.results}` : formatMoney(c.resultsClaimable), "results-payment"),
      summaryRow("Family maximum", formatMoney(c.maximum), "maximum"),
      summaryRow("On the attachment date", c.statusAtAttachment === "notEligible" ? "not eligible" : `${c.statusAtAttachment}: ${c.problemsAtAttachment.map((p) => p.title).join(", ")}`, "attachment-status"),
      summaryRow("Deal", c.phase === 1 ? `Phase 1, programme year ${c.programmeYear}` : "Phase 2", "deal")),
    el("p", { class: "govuk-body-s", id: "claim-summary", text: c.summary }),
  );
  const notes = c.notes.length ? el("div", { class: "govuk-inset-text", id: "notes" }, c.notes.map((n) => el("p", { class: "govuk-body", text: n.message }))) : null;
  const parameters = el("details", { class: "govuk-details" },
    el("summary", { class: "govuk-details__summary" }, el("span", { class: "govuk-details__summary-text", text: "The rates and tests used, and their sources" })),
    el("div", { class: "govuk-details__text" }, table(
      "parameters",
      `From ${c.pack.id}, in force on the attachment date`,
      [["Parameter"], ["Value"], ["Evidence"], ["Source"]],
      c.parameters.map((p) => el("tr", { class: "govuk-table__row" },
        el("th", { scope: "row", class: "govuk-table__header", text: p.title }),
        el("td", { class: "govuk-table__cell", text: p.unit === "pounds" ? formatMoney(p.value) : p.unit === "percent" ? `${p.value}%` : `${p.value} ${p.unit === "count" ? "" : p.unit}`.trim() }),
        el("td", { class: "govuk-table__cell", text: p.evidence }),
        el("td", { class: "govuk-table__cell cb-source", text: p.source }))))));
  $("results").replaceChildren(...[
    notes,
    ...c.results.map(result),
    parameters,
    receiptDetails(answer.receipt, [["Rule pack", `${c.pack.id} (SHA-256 ${c.pack.sha256})`]]),
  ].filter(Boolean));
}

// ---------------------------------------------------------------- start up

function load(next) {
  state = structuredClone(next);
  renderAll();
  recalculate();
}

async function main() {
  await init();
  $("footer-version").textContent = `community-budget ${version()}`;
  // Filling in an example or clearing the form replaces the officer's work only once they confirm.
  const replace = (id, action, run) => $(id).addEventListener("click", (e) => confirmThen(e.currentTarget, "en", action, run, hasWork()));
  replace("load-example", "example", () => load(EXAMPLE_1));
  replace("load-example-2", "example", () => load(EXAMPLE_2));
  replace("clear-all", "clear", () => { load(EMPTY); $("attachment-date").focus(); });
  $("add-member").addEventListener("click", () => { state.members.push({ name: "", dateOfBirth: "" }); renderMembers(state.members.length - 1); renderAll(); });
  $("add-fact").addEventListener("click", () => { state.facts.push(fact("0", "offence", "")); renderFacts(state.facts.length - 1); });
  $("add-term").addEventListener("click", () => { state.terms.push({ name: "", start: "", end: "" }); renderTerms(state.terms.length - 1); });
  $("add-attendance").addEventListener("click", () => { state.attendance.push(attendance("0", "", "", "")); renderAttendance(state.attendance.length - 1); });
  $("add-record").addEventListener("click", () => {
    state.records.push(state.pack === "tf-2012"
      ? { type: "workProgramme", member: "0", problem: "", date: "", evidence: "" }
      : { type: "outcome", member: "", problem: PROBLEMS["tf-2015"][0][0], date: "", evidence: "" });
    renderRecords(state.records.length - 1);
  });
  $("claim-form").addEventListener("submit", (e) => e.preventDefault());
  followErrorLinks();
  load(EMPTY);
  kept = keepCase({ formId: "claim-form", kind: "claim", schema: SCHEMA, check: unknownKind, current: () => state, load,
    idFor: (path) => fieldFor(path, buildCall().places) });
  await kept.restore();
  $("engine-status").textContent = "Ready: the claim is worked out in this browser as you type, from the rule packs tf-2012 and tf-2015.";
  document.documentElement.dataset.ready = "true";
}

main().catch((e) => {
  $("engine-status").textContent = `The claim checker could not start: ${e.message}`;
});
