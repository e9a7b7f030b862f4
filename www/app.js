// The demo portal: an officer costs a family's use of public services.
//
// This page uses the package exactly as a council web team would: it imports
// the public surface of pkg/ (init, unitCosts, costFamily, version), initialises
// once, and renders both sides of the answer union. Money stays a decimal string
// from the input box to the screen; the page never does arithmetic on it.
import init, { costFamily, unitCosts, version } from "../pkg/community_budget.js";
import {
  $, announce, clearErrors, el, followErrorLinks, formatMoney, formGroup, moneyCell, receiptDetails, showErrors,
  tableOf,
} from "./ui.js";

const EXAMPLE = {
  baseYear: "2013/14",
  items: [
    { code: "CR1.0", quantity: "58" },
    { code: "CR6.0", quantity: "5" },
    { code: "HE9.0", quantity: "5" },
    { code: "HE3.0", quantity: "5" },
    { code: "LOCAL-INJ", quantity: "2" },
    { code: "LOCAL-CTAX", quantity: "1" },
  ],
  localRows: [
    {
      code: "LOCAL-INJ", description: "Neighbourhood-dispute injunction", agencyL1: "Local Authority",
      agencyL2: "Housing Services", unit: "Per injunction", cost: "1249", priceYear: "2006/07",
    },
    {
      code: "LOCAL-CTAX", description: "Council-tax arrears summons", agencyL1: "Local Authority",
      agencyL2: "Revenues", unit: "Per summons", cost: "100", priceYear: "2013/14",
    },
  ],
};

const LOCAL_FIELDS = [
  // [call field, id suffix, label, input width class]
  ["code", "code", "Code", "govuk-input--width-10"],
  ["description", "description", "What it is", "govuk-input--width-20"],
  ["agencyL1", "agency", "Agency that bears the cost", "govuk-input--width-20"],
  ["agencyL2", "sub-agency", "Team or service (optional)", "govuk-input--width-20"],
  ["unit", "unit", "Unit (optional)", "govuk-input--width-10"],
  ["cost", "cost", "Cost per unit", "govuk-input--width-5"],
  ["priceYear", "price-year", "Price year of the cost", ""],
];

const state = { baseYear: "2013/14", items: [emptyItem()], localRows: [] };
let table = null; // the unitCosts() answer
let rowsByCode = new Map();

function emptyItem() {
  return { code: "", quantity: "" };
}

function emptyLocal() {
  return { code: "", description: "", agencyL1: "", agencyL2: "", unit: "", cost: "", priceYear: "2013/14" };
}

function yearSelect(id, value, onChange) {
  const select = el("select", { class: "govuk-select", id, onchange: onChange });
  for (const y of table.years) {
    select.append(el("option", { value: y.year, text: y.forecast ? `${y.year} (forecast)` : y.year }));
  }
  select.value = value;
  return select;
}

// ------------------------------------------------------------------ rendering

function renderItems(focusIndex) {
  const container = $("items");
  container.replaceChildren();
  state.items.forEach((item, i) => {
    const n = i + 1;
    const code = el("input", {
      class: "govuk-input govuk-input--width-10", id: `item-${i}-code`, list: "unit-cost-options",
      autocomplete: "off", spellcheck: "false", value: item.code,
      oninput: (e) => { item.code = e.target.value.trim(); describe(i); recalculate(); },
    });
    const quantity = el("input", {
      class: "govuk-input govuk-input--width-4", id: `item-${i}-quantity`, inputmode: "numeric",
      autocomplete: "off", spellcheck: "false", value: item.quantity,
      oninput: (e) => { item.quantity = e.target.value.trim(); recalculate(); },
    });
    container.append(
      el(
        "div",
        { class: "cb-row", id: `item-${i}` },
        formGroup(`item-${i}-code`, `Service ${n}: unit-cost code`, code),
        formGroup(`item-${i}-quantity`, `Service ${n}: how many a year`, quantity),
        el("button", {
          type: "button", class: "govuk-button govuk-button--secondary",
          onclick: () => {
            state.items.splice(i, 1);
            if (state.items.length === 0) state.items.push(emptyItem());
            renderItems(Math.min(i, state.items.length - 1));
            recalculate();
          },
        }, "Remove", el("span", { class: "govuk-visually-hidden", text: ` service ${n}` })),
        el("p", { class: "govuk-body-s cb-row__description", id: `item-${i}-description` }),
      ),
    );
    describe(i);
  });
  if (focusIndex !== undefined) $(`item-${focusIndex}-code`)?.focus();
}

function describe(i) {
  const item = state.items[i];
  const target = $(`item-${i}-description`);
  if (!target) return;
  const local = state.localRows.find((r) => r.code && r.code === item.code);
  const row = rowsByCode.get(item.code);
  if (local) target.textContent = `${local.description || "Local cost"} (your council’s cost)`;
  else if (row) target.textContent = `${row.description} · ${row.agency}${row.subAgency ? ` (${row.subAgency})` : ""} · ${row.unit}`;
  else target.textContent = "";
}

function renderLocalRows(focusIndex) {
  const container = $("local-rows");
  container.replaceChildren();
  state.localRows.forEach((row, i) => {
    const n = i + 1;
    const groups = LOCAL_FIELDS.map(([field, suffix, label, width]) => {
      const id = `local-${i}-${suffix}`;
      const update = (e) => { row[field] = e.target.value.trim(); refreshLocalOptions(); recalculate(); };
      if (field === "priceYear") return formGroup(id, `Local cost ${n}: ${label.toLowerCase()}`, yearSelect(id, row.priceYear, update));
      const input = el("input", {
        class: `govuk-input ${width}`, id, value: row[field], autocomplete: "off", spellcheck: field === "description" ? "true" : "false",
        inputmode: field === "cost" ? "decimal" : undefined, list: field === "agencyL1" ? "agency-options" : undefined,
        oninput: update,
      });
      const wrapped = field === "cost"
        ? el("div", { class: "govuk-input__wrapper" }, el("div", { class: "govuk-input__prefix", "aria-hidden": "true", text: "£" }), input)
        : input;
      return formGroup(id, `Local cost ${n}: ${label.toLowerCase()}`, wrapped);
    });
    container.append(
      el(
        "div",
        { class: "cb-row", id: `local-${i}` },
        groups,
        el("button", {
          type: "button", class: "govuk-button govuk-button--secondary",
          onclick: () => {
            state.localRows.splice(i, 1);
            renderLocalRows();
            refreshLocalOptions();
            recalculate();
            $("add-local").focus();
          },
        }, "Remove", el("span", { class: "govuk-visually-hidden", text: ` local cost ${n}` })),
      ),
    );
  });
  if (focusIndex !== undefined) $(`local-${focusIndex}-code`)?.focus();
}

function refreshLocalOptions() {
  const list = $("unit-cost-options");
  list.querySelectorAll("option[data-local]").forEach((o) => o.remove());
  for (const row of state.localRows) {
    if (row.code) list.prepend(el("option", { value: row.code, "data-local": true, label: `${row.description || "Local cost"} (local)` }));
  }
  state.items.forEach((_, i) => describe(i));
}

// ---------------------------------------------------------------- calculating

/** Builds the call from the form. Empty service rows are placeholders, not items. */
function buildCall() {
  const itemRows = [];
  const items = [];
  state.items.forEach((item, i) => {
    if (item.code === "" && item.quantity === "") return;
    itemRows.push(i);
    items.push({ code: item.code, quantity: item.quantity });
  });
  const localRows = state.localRows.map((r) => {
    const row = { code: r.code, description: r.description, agencyL1: r.agencyL1, cost: r.cost, priceYear: r.priceYear };
    if (r.agencyL2) row.agencyL2 = r.agencyL2;
    if (r.unit) row.unit = r.unit;
    return row;
  });
  return { call: { baseYear: state.baseYear, items, localRows }, itemRows };
}

const LOCAL_SUFFIX = Object.fromEntries(LOCAL_FIELDS.map(([field, suffix]) => [field, suffix]));

/** The id of the input an error path points at. */
function fieldFor(path, itemRows) {
  if (!path || path === "baseYear") return "base-year";
  let m = /^items\[(\d+)\](?:\.(code|quantity))?/.exec(path);
  if (m) return `item-${itemRows[Number(m[1])] ?? 0}-${m[2] ?? "code"}`;
  m = /^localRows\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (m) return `local-${m[1]}-${LOCAL_SUFFIX[m[2]] ?? "code"}`;
  return "base-year";
}

function recalculate() {
  const { call, itemRows } = buildCall();
  clearErrors();
  let answer;
  try {
    answer = costFamily(call);
  } catch (e) {
    // Only a call of the wrong shape throws; the form never builds one, so this is a bug.
    showErrors([{ message: `The calculator could not read the form: ${e.message}` }], (path) => fieldFor(path, itemRows));
    return;
  }
  document.dispatchEvent(new CustomEvent("community-budget:answer", { detail: answer }));
  if (answer.type === "failure") {
    showErrors(answer.errors, (path) => fieldFor(path, itemRows));
    const correct = () => el("p", { class: "govuk-body", text: "Correct the problems shown to see the costs." });
    $("summary").replaceChildren(correct());
    $("results").replaceChildren(correct());
    announce(`There ${answer.errors.length === 1 ? "is 1 problem" : `are ${answer.errors.length} problems`} with the form.`);
    return;
  }
  renderResults(answer);
  announce(call.items.length ? `Total ${formatMoney(answer.total)} a year at ${answer.baseYear} prices.` : "");
}

function renderResults(answer) {
  const results = $("results");
  if (answer.lines.length === 0) {
    $("summary").replaceChildren(el("p", { class: "govuk-body", text: "Add a service to see what the family costs each agency." }));
    results.replaceChildren(el("p", { class: "govuk-body", text: "The lines appear here as you add services." }));
    return;
  }
  const byAgency = tableOf(
    `A year, at ${answer.baseYear} prices`,
    [["Agency"], ["Cost", true]],
    [
      ...answer.byAgency.map((t) => el("tr", { class: "govuk-table__row" },
        el("th", { scope: "row", class: "govuk-table__header", text: t.agency }), moneyCell(t.amount))),
      el("tr", { class: "govuk-table__row" },
        el("th", { scope: "row", class: "govuk-table__header", text: "Total" }),
        moneyCell(answer.total, { id: "total" })),
    ],
    "by-agency",
  );
  const bySub = tableOf(
    "By agency and team",
    [["Agency"], ["Team or service"], ["Cost", true]],
    answer.bySubAgency.map((t) => el("tr", { class: "govuk-table__row" },
      el("td", { class: "govuk-table__cell", text: t.agency }),
      el("td", { class: "govuk-table__cell", text: t.subAgency || "—" }),
      moneyCell(t.amount))),
    "by-sub-agency",
  );
  const lineRows = [];
  for (const line of answer.lines) {
    lineRows.push(el("tr", { class: "govuk-table__row" },
      el("td", { class: "govuk-table__cell", text: line.code }),
      el("td", { class: "govuk-table__cell", text: `${line.description}${line.origin === "national" ? "" : " (your council’s cost)"}` }),
      el("td", { class: "govuk-table__cell", text: line.agency }),
      el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: `${formatMoney(line.originalCost)} (${line.priceYear})` }),
      moneyCell(line.unitCost),
      el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: String(line.quantity) }),
      moneyCell(line.lineCost)));
    for (const part of line.parts) {
      lineRows.push(el("tr", { class: "govuk-table__row cb-part" },
        el("td", { class: "govuk-table__cell", text: part.code }),
        el("td", { class: "govuk-table__cell", text: part.description }),
        el("td", { class: "govuk-table__cell", text: part.agency }),
        el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: `${formatMoney(part.originalCost)} (${part.priceYear})` }),
        moneyCell(part.unitCost),
        el("td", { class: "govuk-table__cell govuk-table__cell--numeric", text: String(line.quantity) }),
        moneyCell(part.lineCost)));
    }
  }
  const lines = tableOf(
    "Line by line: unit cost re-based and rounded to the penny, times the quantity",
    [["Code"], ["Service"], ["Agency"], ["Source cost (year)", true], [`Unit cost ${answer.baseYear}`, true], ["Quantity", true], ["Cost", true]],
    lineRows,
    "lines",
  );
  const notes = answer.notes.length
    ? el("div", { class: "govuk-inset-text", id: "notes" }, el("ul", { class: "govuk-list govuk-list--bullet" },
      answer.notes.map((n) => el("li", { text: n.message }))))
    : null;
  const receipt = receiptDetails(answer.receipt);
  $("summary").replaceChildren(
    el("p", { class: "govuk-body-l", id: "total-summary" }, "Total ", el("strong", { text: formatMoney(answer.total) }), ` a year at ${answer.baseYear} prices`),
    byAgency,
  );
  results.replaceChildren(bySub, lines, notes, receipt);
}

// ---------------------------------------------------------------- start up

function loadState(next) {
  state.baseYear = next.baseYear;
  state.items = next.items.map((i) => ({ ...i }));
  state.localRows = next.localRows.map((r) => ({ ...emptyLocal(), ...r }));
  $("base-year").value = state.baseYear;
  renderLocalRows();
  refreshLocalOptions();
  renderItems();
  recalculate();
}

async function main() {
  await init();
  const answer = unitCosts();
  if (answer.type !== "success") {
    $("engine-status").textContent = `The unit-cost table could not be loaded: ${answer.errors.map((e) => e.message).join(" ")}`;
    return;
  }
  table = answer;
  rowsByCode = new Map(table.rows.map((r) => [r.code, r]));
  $("engine-version").textContent = version();
  const options = $("unit-cost-options");
  for (const row of table.rows) options.append(el("option", { value: row.code, label: `${row.description} (${row.agency})` }));
  const agencies = new Set(table.rows.map((r) => r.agency).filter((a) => a !== "Multiple"));
  for (const agency of agencies) $("agency-options").append(el("option", { value: agency }));

  const baseYear = $("base-year");
  for (const y of table.years) baseYear.append(el("option", { value: y.year, text: y.forecast ? `${y.year} (forecast)` : y.year }));
  baseYear.value = state.baseYear;
  baseYear.addEventListener("change", () => { state.baseYear = baseYear.value; recalculate(); });

  $("add-item").addEventListener("click", () => {
    state.items.push(emptyItem());
    renderItems(state.items.length - 1);
  });
  $("add-local").addEventListener("click", () => {
    state.localRows.push(emptyLocal());
    renderLocalRows(state.localRows.length - 1);
    recalculate();
  });
  $("load-example").addEventListener("click", () => loadState(EXAMPLE));
  $("clear-all").addEventListener("click", () => {
    loadState({ baseYear: "2013/14", items: [emptyItem()], localRows: [] });
    $("item-0-code").focus();
  });
  followErrorLinks();
  $("family-form").addEventListener("submit", (e) => e.preventDefault());

  renderItems();
  renderLocalRows();
  recalculate();
  $("engine-status").textContent = `Ready: ${table.rows.length} unit costs from ${table.table.id}, price years ${table.years[0].year} to ${table.years.at(-1).year}.`;
  document.documentElement.dataset.ready = "true";
}

main().catch((e) => {
  $("engine-status").textContent = `The calculator could not start: ${e.message}`;
});
