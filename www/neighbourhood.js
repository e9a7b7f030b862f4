// The neighbourhood budget planner: residents' services and priorities in,
// a penny-exact plan out, as the officer types. Uses the package's
// neighbourhood module only (the smallest engine that can do this).
import "./shell.js";
import init, { planNeighbourhood, version } from "../pkg/community_budget_neighbourhood.js";
import { caseFile, download, readCaseFile } from "../pkg/elements.js";
import {
  $, announce, clearErrors, confirmThen, el, followErrorLinks, formatMoney, moneyCell, receiptDetails, showErrors, table,
} from "./ui.js";

const KIND = "neighbourhood-plan";
const FIELDS = [
  // [call field, id suffix, label, width]
  ["name", "name", "Service", "govuk-input--width-20"],
  ["unitCost", "unit-cost", "Cost of one unit (£)", "govuk-input--width-5"],
  ["unitsWanted", "units-wanted", "Units wanted", "govuk-input--width-4"],
  ["minUnits", "min-units", "Fewest units", "govuk-input--width-4"],
  ["maxUnits", "max-units", "Most units (optional)", "govuk-input--width-4"],
  ["priority", "priority", "Votes", "govuk-input--width-4"],
];

const EXAMPLE = {
  pot: "10000.00",
  priority: "votes",
  whatIf: "3000 20000",
  services: [
    { name: "Youth club", unitCost: "100.00", unitsWanted: "30", minUnits: "", maxUnits: "", priority: "500" },
    { name: "Park clean-up", unitCost: "50.00", unitsWanted: "100", minUnits: "20", maxUnits: "", priority: "50" },
    { name: "Lunch club", unitCost: "25.00", unitsWanted: "400", minUnits: "", maxUnits: "", priority: "250" },
    { name: "Advice sessions", unitCost: "200.00", unitsWanted: "20", minUnits: "", maxUnits: "", priority: "200" },
  ],
};

const emptyService = () => ({ name: "", unitCost: "", unitsWanted: "", minUnits: "", maxUnits: "", priority: "" });
const state = { pot: "", priority: "votes", whatIf: "", services: [emptyService()] };
const EMPTY = JSON.stringify(state);
const hasWork = () => JSON.stringify(state) !== EMPTY;

const slug = (name, i) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "service"}-${i + 1}`;

/** The call the form describes; empty service rows are placeholders, not services. */
function buildCall() {
  const rows = [];
  const services = [];
  state.services.forEach((s, i) => {
    if (Object.values(s).every((v) => v === "")) return;
    rows.push(i);
    const service = { id: slug(s.name, i), name: s.name, unitCost: s.unitCost, unitsWanted: s.unitsWanted };
    if (s.minUnits !== "") service.minUnits = s.minUnits;
    if (s.maxUnits !== "") service.maxUnits = s.maxUnits;
    service[state.priority === "ranking" ? "rank" : "votes"] = s.priority;
    services.push(service);
  });
  const whatIfPots = state.whatIf.split(/\s+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? `${p}.00` : p));
  return { call: { pot: state.pot, priority: state.priority, services, whatIfPots }, rows };
}

let rows = [];
function idFor(path) {
  if (!path || path === "pot") return "pot";
  if (path.startsWith("whatIfPots")) return "what-if";
  if (path === "@open-plan") return "open-plan";
  const m = /^services\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (m) {
    const field = { name: "name", id: "name", unitCost: "unit-cost", unitsWanted: "units-wanted", minUnits: "min-units", maxUnits: "max-units", votes: "priority", rank: "priority" }[m[2]] ?? "name";
    return `service-${rows[Number(m[1])] ?? 0}-${field}`;
  }
  return "pot";
}

function renderServices(focus) {
  const container = $("services");
  container.replaceChildren();
  state.services.forEach((s, i) => {
    const n = i + 1;
    const groups = FIELDS.map(([field, suffix, label, width]) => {
      const id = `service-${i}-${suffix}`;
      const text = field === "priority" && state.priority === "ranking" ? "Rank (1 = most wanted)" : label;
      return el("div", { class: "govuk-form-group", id: `${id}-group` },
        el("label", { class: "govuk-label", for: id, text: `Service ${n}: ${text.toLowerCase()}` }),
        el("p", { class: "govuk-error-message", id: `${id}-error`, hidden: true }),
        el("input", {
          class: `govuk-input ${width}`, id, value: s[field], autocomplete: "off", spellcheck: field === "name" ? "true" : "false",
          inputmode: field === "name" ? undefined : field === "unitCost" ? "decimal" : "numeric",
          oninput: (e) => { s[field] = e.target.value.trim(); recalculate(); },
        }));
    });
    container.append(el("div", { class: "cb-row", id: `service-${i}` }, groups,
      el("button", {
        type: "button", class: "govuk-button govuk-button--secondary",
        onclick: () => {
          state.services.splice(i, 1);
          if (!state.services.length) state.services.push(emptyService());
          renderServices(Math.min(i, state.services.length - 1));
          recalculate();
        },
      }, "Remove", el("span", { class: "govuk-visually-hidden", text: ` service ${n}` }))));
  });
  if (focus !== undefined) $(`service-${focus}-name`)?.focus();
}

function renderPlan(answer) {
  const unit = answer.priority === "ranking" ? "Points" : "Votes";
  const summary = el("p", { class: "govuk-body-l", id: "plan-summary" },
    "Allocated ", el("strong", { text: formatMoney(answer.allocated) }), ` of ${formatMoney(answer.pot)}`,
    answer.unallocated !== "0.00" ? `, ${formatMoney(answer.unallocated)} not allocated` : "");
  const rowsOut = answer.services.map((s) => el("tr", { class: "govuk-table__row" },
    el("th", { scope: "row", class: "govuk-table__header", text: s.name }),
    el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: String(s.points) }),
    moneyCell(s.minimum), moneyCell(s.maximum),
    moneyCell(s.allocation, { id: `allocation-${s.id}` }),
    el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: String(s.unitsFunded) }),
    el("td", { class: "govuk-table__cell", text: s.decidedBy === "priority" ? "Priority" : s.decidedBy === "minimum" ? "Its minimum" : "Its maximum" })));
  const planTable = table("plan-table", "Each service’s share", [["Service"], [unit, true], ["Minimum", true], ["Maximum", true], ["Gets", true], ["Units", true], ["Decided by"]], rowsOut);
  const why = el("div", { id: "plan-why" }, el("h3", { class: "govuk-heading-s", text: "Why each service gets what it gets" }),
    el("ul", { class: "govuk-list govuk-list--bullet" }, answer.services.map((s) => el("li", {},
      el("strong", { text: `${s.name}: ` }), s.explanation,
      s.whatWouldChange.length ? el("span", { class: "cb-source", text: ` ${s.whatWouldChange.join(" ")}` }) : null))));
  const whatIf = answer.whatIf.length
    ? table("what-if-table", "What if the pot were different", [["Pot"], ...answer.services.map((s) => [s.name, true]), ["Not allocated", true]],
      answer.whatIf.map((w) => el("tr", { class: "govuk-table__row" },
        el("th", { scope: "row", class: "govuk-table__header", text: formatMoney(w.pot) }),
        ...(w.problem
          ? [el("td", { class: "govuk-table__cell", colspan: String(answer.services.length + 1), text: w.problem })]
          : [...w.allocations.map((a) => moneyCell(a)), moneyCell(w.unallocated)]))))
    : null;
  $("plan").replaceChildren(summary, planTable, why, whatIf,
    el("div", { class: "govuk-inset-text" }, el("p", { class: "govuk-body", text: `The rule: ${answer.rule}` })),
    receiptDetails(answer.receipt));
}

let answer = null;
function recalculate() {
  const built = buildCall();
  rows = built.rows;
  clearErrors();
  if (!built.call.services.length || state.pot === "") {
    $("plan").replaceChildren(el("p", { class: "govuk-body", text: "Enter the pot and the services to see the plan." }));
    return;
  }
  try {
    answer = planNeighbourhood(built.call);
  } catch (e) {
    showErrors([{ message: `The planner could not read the form: ${e.message}` }], idFor);
    return;
  }
  if (answer.type === "failure") {
    showErrors(answer.errors, idFor);
    $("plan").replaceChildren(el("p", { class: "govuk-body", text: "Correct the problems shown to see the plan." }));
    announce(`There ${answer.errors.length === 1 ? "is 1 problem" : `are ${answer.errors.length} problems`} with the form.`);
    return;
  }
  renderPlan(answer);
  announce(`Allocated ${formatMoney(answer.allocated)} of ${formatMoney(answer.pot)}.`);
}

function load(plan) {
  state.pot = plan.pot;
  state.priority = plan.priority;
  state.whatIf = plan.whatIf ?? "";
  state.services = plan.services.map((s) => ({ ...emptyService(), ...s }));
  $("pot").value = state.pot;
  $("what-if").value = state.whatIf;
  $(`priority-${state.priority}`).checked = true;
  renderServices();
  recalculate();
}

/** The path of the first field a plan file cannot have, or null. */
function checkPlan(plan) {
  const text = (v) => typeof v === "string";
  if (typeof plan !== "object" || plan === null) return "";
  if (!text(plan.pot)) return ".pot";
  if (plan.priority !== "votes" && plan.priority !== "ranking") return ".priority";
  if (!Array.isArray(plan.services)) return ".services";
  for (const [i, s] of plan.services.entries()) {
    for (const f of FIELDS.map(([field]) => field)) if (!text(s?.[f])) return `.services[${i}].${f}`;
  }
  return null;
}

async function main() {
  await init();
  $("engine-status").textContent = `Ready (engine ${version()}).`;
  followErrorLinks();
  $("pot").addEventListener("input", (e) => { state.pot = e.target.value.trim(); recalculate(); });
  $("what-if").addEventListener("input", (e) => { state.whatIf = e.target.value.trim(); recalculate(); });
  for (const kind of ["votes", "ranking"]) {
    $(`priority-${kind}`).addEventListener("change", () => { state.priority = kind; renderServices(); recalculate(); });
  }
  $("add-service").addEventListener("click", () => { state.services.push(emptyService()); renderServices(state.services.length - 1); });
  // The example replaces the officer's plan only once they confirm.
  $("load-example").addEventListener("click", (e) => confirmThen(e.currentTarget, "en", "example", () => load(EXAMPLE), hasWork()));
  $("plan-form").addEventListener("submit", (e) => e.preventDefault());
  $("save-plan").addEventListener("click", () => {
    const name = `neighbourhood-plan-${new Date().toISOString().slice(0, 10)}.json`;
    download(name, caseFile(KIND, { ...state, receipt: answer?.type === "success" ? answer.receipt : undefined }));
    $("file-message").textContent = `Saved the plan as ${name}.`;
  });
  $("open-plan").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const read = readCaseFile(await file.text(), KIND, checkPlan);
    e.target.value = "";
    if (read.error) {
      clearErrors();
      const reason = read.error === "json" ? "it is not valid JSON" : `it does not have the fields of a plan (${read.error})`;
      $("file-message").textContent = "";
      showErrors([{ message: `The file ${file.name} is not a plan this page can open: ${reason}`, path: "@open-plan" }], idFor);
      $("error-summary").focus();
      return;
    }
    load(read.call);
    $("file-message").textContent = `Opened the plan ${file.name}.`;
  });
  renderServices();
  document.documentElement.dataset.ready = "true";
}

main().catch((e) => { $("engine-status").textContent = `The planner could not start: ${e.message}`; });
