// The demo portal's cohort page: an analyst chooses (or drops) a cohort file and
// reads the programme report. The pipeline runs in the package's Web Worker
// (community-budget/cohort), so the page stays responsive; the report's HTML
// comes from the engine, which escapes every text it puts in it.
import "./shell.js";
import { CohortWorker, bindExports, saveText } from "../pkg/cohort.js";
import { PricingFields, percentToRate, pricesLine, pricesOf } from "../pkg/elements.js";
import { t } from "../pkg/i18n.js";

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}


// [option, label, default shown, kind]: rates are entered as percentages ("3.5" or "3.5%").
const ASSUMPTIONS = [
  ["engagement", "Families who take part (%)", "80", "percent"],
  ["success", "Of those, families who achieve the outcome (%)", "50", "percent"],
  ["deadweight", "Outcomes that would have happened anyway (%)", "20", "percent"],
  ["reduction", "Use of reactive services a family no longer needs (%)", "50", "percent"],
  ["durationYears", "Years the saving lasts", "3", "years"],
  ["dropOff", "Saving lost each year after the first (%)", "20", "percent"],
  ["costPerFamily", "Cost of working with a family (£)", "10000", "money"],
];

// The pooled budget: [name, agencies whose savings it receives, its share of the programme's cost (%)].
// Each agency's savings go to one partner; the shares add up to 100.
const PARTNERS = [
  ["Council", "Local Authority", "60"],
  ["Police", "Police", "20"],
  ["NHS", "NHS", "10"],
  ["Jobcentre Plus", "DWP", "10"],
  ["Ministry of Justice", "Criminal Justice System", "0"],
];

// From the portal's folder, inside the service worker's scope (see cohort-worker.js): offline too.
const worker = new CohortWorker({ url: new URL("./cohort-worker.js", import.meta.url) });
let file = null;
let job = null;
let answer = null;
let pricing = null; // the price year, unit-cost table, deflator series and council table (the package's PricingFields)
let discounting = null; // the default discount schedule, as the engine reports it

const format = new Intl.NumberFormat("en-GB");

function renderAssumptions() {
  const box = $("assumptions");
  for (const [key, label, shown] of ASSUMPTIONS) {
    const group = document.createElement("div");
    group.className = "govuk-form-group";
    group.id = `assumption-${key}-group`;
    const l = document.createElement("label");
    l.className = "govuk-label";
    l.htmlFor = `assumption-${key}`;
    l.textContent = `${label} [${shown}]`;
    const error = document.createElement("p");
    error.className = "govuk-error-message";
    error.id = `assumption-${key}-error`;
    error.hidden = true;
    const input = document.createElement("input");
    input.className = "govuk-input govuk-input--width-5";
    input.id = `assumption-${key}`;
    input.type = "text";
    input.inputMode = "decimal";
    input.spellcheck = false;
    input.value = shown;
    group.append(l, error, input);
    box.append(group);
  }
}

function renderPartners() {
  const box = $("partners");
  PARTNERS.forEach(([name, agencies, share], i) => {
    const group = document.createElement("div");
    group.className = "govuk-form-group";
    group.id = `partner-${i}-share-group`;
    const l = document.createElement("label");
    l.className = "govuk-label";
    l.htmlFor = `partner-${i}-share`;
    l.textContent = `${name} (receives the savings of ${agencies}): share of the cost (%)`;
    const error = document.createElement("p");
    error.className = "govuk-error-message";
    error.id = `partner-${i}-share-error`;
    error.hidden = true;
    const input = document.createElement("input");
    input.className = "govuk-input govuk-input--width-5";
    input.id = `partner-${i}-share`;
    input.type = "text";
    input.inputMode = "decimal";
    input.spellcheck = false;
    input.value = share;
    group.append(l, error, input);
    box.append(group);
  });
}

function options() {
  const appraisal = {};
  for (const [key, , , kind] of ASSUMPTIONS) {
    const value = $(`assumption-${key}`).value.trim();
    if (kind === "percent") appraisal[key] = percentToRate(value);
    else if (kind === "years") appraisal[key] = value;
    else appraisal[key] = value.replace(/,/g, "");
  }
  const date = $("assessment-date").value.trim();
  const partners = PARTNERS.map(([name, agencies], i) => {
    const share = $(`partner-${i}-share`).value.trim();
    return { name, agencies: [agencies], ...(share ? { share: percentToRate(share) } : {}) };
  });
  return {
    rulePack: document.querySelector('input[name="pack"]:checked').value,
    ...pricing.callFields(),
    ...(date ? { assessmentDate: date } : {}),
    appraisal,
    pool: { partners },
  };
}

function clearErrors() {
  $("error-summary").hidden = true;
  $("error-summary-list").replaceChildren();
  document.querySelectorAll(".govuk-form-group--error").forEach((g) => g.classList.remove("govuk-form-group--error"));
  document.querySelectorAll(".govuk-error-message").forEach((p) => { p.hidden = true; p.textContent = ""; });
}

/** The input an error's path is about, if it has one on this page. */
function fieldFor(path = "") {
  if (path === "assessmentDate") return "assessment-date";
  const priced = pricing?.fieldFor(path);
  if (priced) return priced;
  const assumption = path.match(/^appraisal\.(\w+)/);
  if (assumption) return `assumption-${assumption[1]}`;
  const partner = path.match(/^pool\.partners\[(\d+)\]/);
  if (partner) return `partner-${partner[1]}-share`;
  if (path.startsWith("pool")) return "partner-0-share";
  return "cohort-file";
}

function showErrors(errors) {
  const list = $("error-summary-list");
  for (const e of errors) {
    const id = fieldFor(e.path);
    // A rate refused on a percentage field is asked for as a percentage (the engine's sentence asks for a decimal).
    const percent = e.code === "invalid_rate" && /^(assumption|partner)-/.test(id)
      ? document.querySelector(`label[for="${id}"]`)?.textContent.replace(/ \[.*\]$/, "") : null;
    const text = percent ? t("en", "percent.error", { field: percent })
      : e.path && id === "cohort-file" && e.path.startsWith("header") ? `The file’s header: ${e.message}` : e.message;
    const link = document.createElement("a");
    link.href = `#${id}`;
    link.textContent = text;
    const item = document.createElement("li");
    item.append(link);
    list.append(item);
    const group = $(`${id}-group`);
    group?.classList.add("govuk-form-group--error");
    const message = $(`${id}-error`);
    if (message) {
      message.hidden = false;
      message.textContent = message.textContent ? `${message.textContent} ${text}` : text;
    }
  }
  $("error-summary").hidden = false;
  $("error-summary").focus();
}

/** The footer names the prices of the last report (or those chosen, before one). */
function showPrices(report) {
  const prices = pricesOf(report) ?? pricing?.prices();
  if (prices) $("footer-prices").textContent = pricesLine("en", { ...prices, discounting });
}

function choose(chosen) {
  file = chosen;
  $("chosen-file").textContent = chosen ? `Chosen: ${chosen.name} (${format.format(chosen.size)} bytes)` : "";
  $("run").disabled = !chosen;
}

/** "1 row", "2,000 rows". */
const rowsOf = (n) => `${format.format(n)} ${n === 1 ? "row" : "rows"}`;

function showProgress(p) {
  const share = p.totalBytes ? Math.floor((p.bytes * 100) / p.totalBytes) : 0;
  $("progress").value = share;
  $("progress-text").textContent = `${rowsOf(p.rows)} read (${share} % of the file)`
    + (p.rejectedRows ? `, ${format.format(p.rejectedRows)} not processed so far` : "");
}

async function makeReport() {
  clearErrors();
  if (!file) {
    showErrors([{ message: "Choose a cohort file.", path: "" }]);
    return;
  }
  $("report-area").replaceChildren();
  $("report-actions").hidden = true;
  $("progress-panel").hidden = false;
  $("progress").value = 0;
  $("progress-text").textContent = "Starting…";
  $("run").disabled = true;
  $("cancel").hidden = false;
  const started = performance.now();
  job = worker.run(file, options(), { onProgress: showProgress });
  try {
    answer = await job.result;
    if (answer.type === "failure") {
      $("progress-panel").hidden = true;
      showErrors(answer.errors);
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    $("progress").value = 100;
    const read = answer.report.summary.find((f) => f.key === "rowsRead").value;
    $("progress-text").textContent = `Done: ${rowsOf(read)} read in ${seconds} seconds.`;
    const area = $("report-area");
    // The engine escapes every text of the report; it has no script or style attributes.
    area.innerHTML = answer.html;
    showPrices(answer);
    $("report-actions").hidden = false;
    document.documentElement.dataset.report = "ready";
    $("report-title").setAttribute("tabindex", "-1");
    $("report-title").focus();
  } catch (e) {
    if (e.name === "AbortError") {
      $("progress-text").textContent = "Cancelled: no report was made.";
    } else {
      $("progress-panel").hidden = true;
      showErrors([{ message: e.message, path: "" }]);
    }
  } finally {
    job = null;
    $("run").disabled = !file;
    $("cancel").hidden = true;
  }
}

renderAssumptions();
renderPartners();
bindExports($("report-area"), new Proxy({}, { get: (_, key) => answer?.[key] }));

$("cohort-file").addEventListener("change", (e) => choose(e.target.files[0] ?? null));
const drop = $("drop-zone");
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("cb-drop--over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("cb-drop--over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("cb-drop--over");
  const dropped = e.dataTransfer.files[0];
  if (dropped) choose(dropped);
});
$("cohort-form").addEventListener("submit", (e) => {
  e.preventDefault();
  makeReport();
});
$("cancel").addEventListener("click", () => job?.cancel());
$("generate").addEventListener("click", async () => {
  clearErrors();
  const families = Number($("generate-families").value.replace(/,/g, ""));
  if (!Number.isInteger(families) || families < 1 || families > 1_000_000) {
    showErrors([{ message: "Enter how many families to make: a whole number from 1 to 1,000,000.", path: "" }]);
    return;
  }
  $("generate").disabled = true;
  $("chosen-file").textContent = "Making the families…";
  try {
    // In parts, so that a large cohort is never one string.
    const parts = [];
    for (let first = 1; first <= families; first += 50_000) {
      const n = Math.min(50_000, families - first + 1);
      // With attachment dates, so that the report shows claims too.
      parts.push(await worker.generate({ families: n, seed: 1, first, header: first === 1, claims: true }));
    }
    choose(new File(parts, `synthetic-cohort-${families}.csv`, { type: "text/csv" }));
  } finally {
    $("generate").disabled = false;
  }
});
// The buttons are hidden until there is a report; should one be pressed before (or after a
// failed run), it does nothing.
const report = () => (answer?.type === "success" ? answer : null);
$("print").addEventListener("click", () => { if (report()) window.print(); });
$("save-html").addEventListener("click", () => {
  if (report()) saveText(report().standaloneHtml, "programme-report.html", "text/html");
});
$("save-json").addEventListener("click", () => {
  if (report()) saveText(JSON.stringify(report().report, null, 2), "programme-report.json", "application/json");
});

worker.ready.then(async (version) => {
  // The tables and series, a council's table and the default discounting come from the worker's engine.
  const catalogue = await worker.unitCosts();
  if (catalogue.type !== "success") throw new Error(catalogue.errors.map((e) => e.message).join(" "));
  pricing = new PricingFields({
    catalogue,
    read: (call) => worker.readUnitCostTable(call),
    onChange: () => showPrices(null),
    onProblem: (message, path) => {
      clearErrors();
      showErrors([{ message, path }]);
    },
    announce: (text) => { $("pricing-status").textContent = text; },
  });
  await pricing.started();
  $("pricing").replaceChildren(pricing.node("en"), el("p", { class: "govuk-visually-hidden", role: "status", id: "pricing-status" }));
  const probe = await worker.appraise({ scenarios: [{ name: "probe", cohort: 0 }] });
  discounting = probe.type === "success" ? probe.parameters.discounting : null;
  showPrices(null);
  $("engine-status").textContent = `Engine ${version} ready.`;
  $("run").disabled = !file;
  document.documentElement.dataset.ready = "true";
}).catch((e) => {
  $("engine-status").textContent = `The engine could not be loaded: ${e.message}`;
});
