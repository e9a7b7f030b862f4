// Runs in headless Chromium (bench/run.mjs): the wasm engine and the decimal.js
// implementation on the same families, after checking they agree.
import init, { appraise, assessFamily, checkEligibility, costFamily, readUnitCostTable } from "../pkg/community_budget.js";
import * as baseline from "./js/cost-family-decimal.js";
import * as assessJs from "./js/assess-decimal.js";
import { councilPack } from "./council-pack.js";

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median and range of the per-call time (µs) of `f` over `runs` runs of `calls` calls. */
function time(f, runs, calls) {
  for (let i = 0; i < calls; i++) f();
  const perCall = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) f();
    perCall.push(((performance.now() - start) * 1000) / calls);
  }
  return { median: median(perCall), min: Math.min(...perCall), max: Math.max(...perCall) };
}

window.runBench = async function runBench({ runs, calls }) {
  await init();
  const [fixtures, ucd, deflator] = await Promise.all([
    fetch("../tests/fixtures/cost_family.json").then((r) => r.json()),
    fetch("../data/ucd_v1_2.tsv").then((r) => r.text()),
    fetch("../data/gdp_deflator_ucd_v1_2.tsv").then((r) => r.text()),
  ]);
  const table = baseline.buildTable(ucd, deflator);
  // The baseline implements the UCD v1.2 index path: the fixtures priced with it.
  const families = fixtures.filter((f) => f.expect?.type === "success" && f.call.deflator === "ucd-v1.2-ons-2013-06" && !f.call.councilTable);
  // Same answers first: totals, agency totals and every line.
  for (const f of families) {
    const a = costFamily(f.call);
    const b = baseline.costFamily(table, f.call);
    const same = a.total === b.total
      && JSON.stringify(a.byAgency.map((t) => [t.agency, t.amount])) === JSON.stringify(b.byAgency.map((t) => [t.agency, t.amount]))
      && JSON.stringify(a.lines.map((l) => [l.code, l.unitCost, l.lineCost])) === JSON.stringify(b.lines.map((l) => [l.code, l.unitCost, l.lineCost]));
    if (!same) throw new Error(`${f.name}: wasm ${JSON.stringify(a.byAgency)} ${a.total} but decimal.js ${JSON.stringify(b.byAgency)} ${b.total}`);
  }
  const salford = fixtures.find((f) => f.name === "salford-family").call;
  const todays = fixtures.find((f) => f.name === "todays-money-by-default").call;
  // The whole UCD v1.2 written as a council's CSV (the template's columns).
  const quote = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const tsvRows = ucd.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split("\t"));
  const head = tsvRows[0];
  const col = (r, name) => r[head.indexOf(name)] ?? "";
  const wholeCsv = ["code,description,agency_l1,agency_l2,unit,cost,price_year,rag,source"]
    .concat(tsvRows.slice(1).filter((r) => col(r, "agency_l1").toLowerCase() !== "multiple").map((r) => [
      col(r, "code"), col(r, "description"), col(r, "agency_l1"), col(r, "agency_l2"), col(r, "unit"),
      col(r, "original_cost"), col(r, "price_year"), col(r, "RAG"), col(r, "source"),
    ].map(quote).join(",")))
    .join("\n");
  const councilCall = { ...todays, councilTable: { name: "UCD v1.2 as CSV", csv: wholeCsv } };
  const councilAnswer = costFamily(councilCall);
  if (councilAnswer.type !== "success" || councilAnswer.total !== costFamily(todays).total) {
    throw new Error(`the whole UCD v1.2 as a council table does not cost the family as the built-in table does: ${JSON.stringify(councilAnswer).slice(0, 300)}`);
  }
  const call = async (file, name) => (await fetch(`../tests/fixtures/${file}.json`).then((r) => r.json())).find((f) => f.name === name).call;
  const [eligibility, northshire, appraisal, assess, alone, assess10, tf2012, tf2015] = await Promise.all([
    call("eligibility", "tf2012-F1-exactly-15-percent-without-local-filter"),
    call("eligibility", "northshire-fills-the-local-filter"),
    call("appraisal", "we6-new-economy-example"),
    call("assess", "one-family-every-step"),
    call("assess", "the-family-alone"),
    fetch("./assess-family.json").then((r) => r.json()),
    fetch("../data/rules/tf-2012.json").then((r) => r.json()),
    fetch("../data/rules/tf-2015.json").then((r) => r.json()),
  ]);
  // The full assessment: the same figures from the engine and from decimal.js
  // (eligibility, costs by agency, claim, appraisal by agency and year, pool).
  const packs = [tf2012, tf2015];
  const assessCalls = [["one-family-every-step", assess], ["the-family-alone", alone], ["bench/assess-family.json", assess10]];
  for (const [name, c] of assessCalls) {
    const differ = assessJs.differences(assessJs.engineFigures(assessFamily(c)), assessJs.assessFamily(table, packs, c));
    if (differ.length) throw new Error(`${name}: the decimal.js assessment differs from the engine (wasm vs decimal.js): ${differ.join("; ")}`);
  }
  // A keystroke on the eligibility page with a council pack of n indicators,
  // its text sent with every call (as examples/time_calls.rs checkEligibilityPack):
  // the northshire family without its domestic abuse incident, so that no
  // indicator of the local filter is met, one fact changed each call.
  const keystroke = (n) => {
    const c = structuredClone(northshire);
    delete c.domesticAbuse;
    c.councilPack = councilPack(n);
    if (checkEligibility(c).type !== "success") throw new Error(`the ${n}-indicator pack was not accepted`);
    let k = 0;
    return time(() => {
      c.members[1].attendance[0].unauthorisedAbsent = 80 + (k++ % 10);
      checkEligibility(c);
    }, runs, 5);
  };
  return {
    keystroke500: keystroke(500),
    keystroke2000: keystroke(2000),
    checked: families.map((f) => f.name),
    assessChecked: assessCalls.map(([name]) => name),
    wasm: time(() => costFamily(salford), runs, calls),
    // Today's money (the default series and year), and the whole UCD v1.2 as a
    // council's CSV table: read once, then sent with every call (the engine
    // keeps the last table read, so a call compares the text and parses nothing).
    todays: time(() => costFamily(todays), runs, calls),
    readTable: time(() => readUnitCostTable({ name: "UCD v1.2 as CSV", csv: wholeCsv }), runs, 5),
    councilRows: wholeCsv.split("\n").length - 1,
    councilBytes: new TextEncoder().encode(wholeCsv).length,
    councilCall: time(() => costFamily(councilCall), runs, Math.ceil(calls / 10)),
    decimalJs: time(() => baseline.costFamily(table, salford), runs, calls),
    checkEligibility: time(() => checkEligibility(eligibility), runs, Math.ceil(calls / 10)),
    appraise: time(() => appraise(appraisal), runs, Math.ceil(calls / 10)),
    assessFamily: time(() => assessFamily(assess), runs, Math.ceil(calls / 50)),
    assessFamily10: time(() => assessFamily(assess10), runs, Math.ceil(calls / 50)),
    assessDecimal: time(() => assessJs.assessFamily(table, packs, assess10), runs, Math.ceil(calls / 50)),
  };
};
document.getElementById("state").textContent = "ready";

/**
 * The cohort in the decimal.js implementation (bench/js/cohort-decimal.js) on
 * the page's thread: checked first against the engine's report on the same
 * generated file (families in the programme, cost by agency), then timed.
 */
window.runCohortJs = async function runCohortJs({ families, runs }) {
  await init();
  const { generateCohort, runCohort } = await import("../pkg/community_budget.js");
  const cohortJs = await import("./js/cohort-decimal.js");
  const [ucd, deflator] = await Promise.all([
    fetch("../data/ucd_v1_2.tsv").then((r) => r.text()),
    fetch("../data/gdp_deflator_ucd_v1_2.tsv").then((r) => r.text()),
  ]);
  const table = baseline.buildTable(ucd, deflator);
  const text = generateCohort({ families, seed: 1 });
  const engine = runCohort(text, { rulePack: "tf-2015", baseYear: "2013/14", deflator: "ucd-v1.2-ons-2013-06", appraisal: null });
  const js = cohortJs.runCohort(table, text);
  const byAgency = engine.report.sections.flatMap((s) => s.tables).find((t) => t.id === "costByAgency");
  const eligible = engine.report.summary.find((f) => f.key === "eligibleFamilies").value;
  const differ = [];
  if (js.eligible !== eligible) differ.push(`eligible ${js.eligible} vs ${eligible}`);
  for (const [agency, allFamilies, inProgramme] of byAgency.rows) {
    if ((js.costAll[agency] ?? "0.00") !== allFamilies) differ.push(`${agency} ${js.costAll[agency]} vs ${allFamilies}`);
    if ((js.costEligible[agency] ?? "0.00") !== inProgramme) differ.push(`${agency} (eligible) ${js.costEligible[agency]} vs ${inProgramme}`);
  }
  if (differ.length) throw new Error(`decimal.js cohort differs from the engine: ${differ.join("; ")}`);
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    cohortJs.runCohort(table, text);
    times.push(performance.now() - t0);
  }
  return { families, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), eligible };
};
