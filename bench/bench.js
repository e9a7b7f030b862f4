// Runs in headless Chromium (bench/run.mjs): the wasm engine and the decimal.js
// implementation on the same families, after checking they agree.
import * as engine from "../pkg/community_budget.js";
import * as baseline from "./js/cost-family-decimal.js";
import * as assessJs from "./js/assess-decimal.js";
import { councilPack } from "./council-pack.js";
import { familiesFromCohort } from "./js/cohort-families.js";

// The figures-only calls of issue 18 are looked up, not imported, so that the
// bench still runs (and says what it could not measure) on a build without them.
const { default: init, appraise, assessFamily, checkEligibility, costFamily, readUnitCostTable } = engine;

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

// ------------------------------------------------------------------ issue 18: lean calls

/** The option the elements send with an explained call: its input hash later (issue 18, item 3). */
const HASH_LATER = Object.freeze({ inputSha256: false });

/** The figures-only calls of issue 18 (the same call types as the explained ones). */
export const FIGURES = ["checkEligibilityFigures", "costFamilyFigures", "appraiseFigures", "assessFamilyFigures"];

/**
 * Where `a` and `b` both have a field (the top-level receipt aside) and differ:
 * "path: a vs b" for each, and how many figures were compared.
 */
function commonDifferences(a, b) {
  const out = { differ: [], compared: 0 };
  const show = (x) => JSON.stringify(x)?.slice(0, 120);
  const walk = (x, y, path) => {
    if (x === null || typeof x !== "object") {
      out.compared += 1;
      if (x !== y) out.differ.push(`${path}: ${show(x)} vs ${show(y)}`);
    } else if (y === null || typeof y !== "object" || Array.isArray(x) !== Array.isArray(y)) {
      out.differ.push(`${path}: ${show(x)} vs ${show(y)}`);
    } else if (Array.isArray(x) && x.length !== y.length) {
      out.differ.push(`${path}: ${x.length} items vs ${y.length}`);
    } else {
      for (const k of Object.keys(x)) {
        if ((path || k !== "receipt") && k in y) walk(x[k], y[k], Array.isArray(x) ? `${path}[${k}]` : path ? `${path}.${k}` : k);
      }
    }
  };
  walk(a, b, "");
  return out;
}

/** Throws unless `a` and `b` agree on every field they both have, and both have each of `required` (dotted paths). */
function checkSame(what, a, b, required) {
  const at = (o, path) => path.split(".").reduce((v, k) => v?.[k], o);
  const absent = required.filter((p) => at(a, p) === undefined || at(b, p) === undefined);
  const { differ } = commonDifferences(a, b);
  if (absent.length || differ.length) {
    throw new Error(`${what}: ${absent.length ? `missing ${absent.join(", ")}; ` : ""}${differ.slice(0, 8).join("; ")}`);
  }
}

const pennies = (amount) => BigInt(amount.replace(".", ""));

/**
 * Issue 18's rows: one family (the 200 phase-1 families of a generated cohort:
 * `generateCohort` seed 1, assessed 2014-06-30 under tf-2012, each family's
 * `checkEligibility` and `costFamily` calls, bench/js/cohort-families.js), figures
 * only and explained; `costFamily` and the full assessment (`bench/assess-family.json`),
 * figures only, against the decimal.js versions. Everything is checked first: the
 * families decided and costed as the engine's cohort pipeline does the same file;
 * decimal.js equal to the engine on every figure both give; figures-only answers
 * equal to the explained ones on every field both have. A build without the
 * figures-only calls is measured for what it has, and the answer names what is missing.
 */
window.runLean = async function runLean({ runs }) {
  await init();
  const missing = FIGURES.filter((name) => typeof engine[name] !== "function");
  const has = (name) => !missing.includes(name);
  // What was checked before timing, in words for BENCHMARKS.md.
  const checked = [];
  const [fixtures, ucd, deflator, tf2012, tf2015, assess10, assessFixtures] = await Promise.all([
    fetch("../tests/fixtures/cost_family.json").then((r) => r.json()),
    fetch("../data/ucd_v1_2.tsv").then((r) => r.text()),
    fetch("../data/gdp_deflator_ucd_v1_2.tsv").then((r) => r.text()),
    fetch("../data/rules/tf-2012.json").then((r) => r.json()),
    fetch("../data/rules/tf-2015.json").then((r) => r.json()),
    fetch("./assess-family.json").then((r) => r.json()),
    fetch("../tests/fixtures/assess.json").then((r) => r.json()),
  ]);
  const table = baseline.buildTable(ucd, deflator);
  const packs = [tf2012, tf2015];

  // The 200 phase-1 families, checked against the cohort pipeline's report on the same file.
  const csv = engine.generateCohort({ families: 200, seed: 1, assessmentDate: "2014-06-30" });
  const families = familiesFromCohort(csv, { rulePack: "tf-2012" });
  const cohort = engine.runCohort(csv, { rulePack: "tf-2012", baseYear: "2013/14", deflator: "ucd-v1.2-ons-2013-06", appraisal: null });
  const summary = (key) => cohort.report.summary.find((f) => f.key === key).value;
  let eligible = 0;
  let all = 0n;
  let inProgramme = 0n;
  for (const f of families) {
    const e = checkEligibility(f.eligibility);
    const c = costFamily(f.cost);
    if (e.type !== "success" || c.type !== "success") throw new Error(`family ${f.label}: ${JSON.stringify(e.errors ?? c.errors)}`);
    if (e.eligible) eligible += 1;
    all += pennies(c.total);
    if (e.eligible) inProgramme += pennies(c.total);
    // decimal.js: the same decision and criteria met, the same costs by agency.
    const d = assessJs.assessFamily(table, packs, { family: f.eligibility, costs: f.cost });
    checkSame(`family ${f.label}, decimal.js vs wasm`, d, {
      eligibility: { status: e.status, criteriaMet: e.criteriaMet },
      costs: { total: c.total, byAgency: c.byAgency.map((a) => ({ agency: a.agency, amount: a.amount })) },
    }, ["eligibility.status", "eligibility.criteriaMet", "costs.total"]);
    if (has("checkEligibilityFigures")) {
      checkSame(`family ${f.label}, checkEligibilityFigures vs checkEligibility`, engine.checkEligibilityFigures(f.eligibility), e, ["status", "criteriaMet"]);
    }
    if (has("costFamilyFigures")) {
      checkSame(`family ${f.label}, costFamilyFigures vs costFamily`, engine.costFamilyFigures(f.cost), c, ["total", "byAgency"]);
    }
    // Asked as the elements ask: the same answer, less the input hash.
    for (const [name, answer, later] of [["checkEligibility", e, checkEligibility(f.eligibility, HASH_LATER)], ["costFamily", c, costFamily(f.cost, HASH_LATER)]]) {
      const { inputSha256, ...versions } = answer.receipt;
      if (JSON.stringify(later) !== JSON.stringify({ ...answer, receipt: versions }) || !/^[0-9a-f]{64}$/.test(inputSha256)) {
        throw new Error(`family ${f.label}: ${name} with { inputSha256: false } is not the answer less its hash`);
      }
    }
  }
  const penniesText = (p) => `${p / 100n}.${String(p % 100n).padStart(2, "0")}`;
  checked.push("the 200 families' calls give the cohort pipeline's answer on the same file (families eligible, annual cost in all and in the programme)",
    "decimal.js gives every family's decision, criteria met and costs by agency as the engine does");
  if (has("checkEligibilityFigures")) checked.push("`checkEligibilityFigures` equals `checkEligibility` on every field both have, for every family");
  if (has("costFamilyFigures")) checked.push("`costFamilyFigures` equals `costFamily` on every field both have, for every family");
  checked.push("`checkEligibility` and `costFamily` with `{ inputSha256: false }` give the answer less its input hash, for every family");
  if (eligible !== summary("eligibleFamilies") || penniesText(all) !== summary("annualCost") || penniesText(inProgramme) !== summary("annualCostEligible")) {
    throw new Error(`the 200 families' calls give ${eligible} eligible, £${penniesText(all)} (£${penniesText(inProgramme)} eligible) but the cohort pipeline ${summary("eligibleFamilies")}, £${summary("annualCost")} (£${summary("annualCostEligible")})`);
  }

  // decimal.js against the figures-only answers: every cost fixture it prices, every assessment it works out.
  const costCalls = fixtures.filter((f) => f.expect?.type === "success" && f.call.deflator === "ucd-v1.2-ons-2013-06" && !f.call.councilTable);
  const salford = fixtures.find((f) => f.name === "salford-family").call;
  const assessCalls = [
    ...["one-family-every-step", "the-family-alone"].map((name) => [name, assessFixtures.find((f) => f.name === name).call]),
    ["bench/assess-family.json", assess10],
  ];
  if (has("costFamilyFigures")) {
    for (const f of costCalls) {
      const answer = engine.costFamilyFigures(f.call);
      checkSame(`${f.name}: decimal.js vs costFamilyFigures`, baseline.costFamily(table, f.call), answer, ["total", "byAgency"]);
      checkSame(`${f.name}: costFamilyFigures vs costFamily`, answer, costFamily(f.call), ["total", "byAgency"]);
    }
    checked.push(`\`costFamilyFigures\` equals decimal.js (total, costs by agency, lines) and \`costFamily\` on ${costCalls.length} cost fixtures`);
  }
  if (has("assessFamilyFigures")) {
    checked.push(`\`assessFamilyFigures\` equals decimal.js on every figure both give (all but the pool's rebalancing) and \`assessFamily\` on every field both have, on ${assessCalls.map(([name]) => `\`${name}\``).join(", ")}`);
    for (const [name, c] of assessCalls) {
      const answer = engine.assessFamilyFigures(c);
      // Every figure decimal.js gives that the figures answer has (all but the pool's rebalancing), and these at least.
      const required = ["eligibility.status", "eligibility.criteriaMet", ...(c.costs ? ["costs.total"] : []), ...(c.claim ? ["claim.total"] : []),
        ...(c.appraisal ? ["appraisal.npv", "appraisal.lowNpv", "appraisal.highNpv"] : []), ...(c.pool ? ["pool.netPv"] : [])];
      checkSame(`${name}: assessFamilyFigures vs decimal.js`, assessJs.engineFigures(answer), assessJs.assessFamily(table, packs, c), required);
      checkSame(`${name}: assessFamilyFigures vs assessFamily`, answer, assessFamily(c), ["eligibility.status"]);
    }
  }

  // Per call (µs), with as many calls a run as make it last about 30 ms.
  const adaptive = (f) => {
    for (let i = 0; i < 5; i++) f();
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) f();
    const n = Math.max(1, Math.round(30 / Math.max((performance.now() - t0) / 5, 0.002)));
    return { ...time(f, runs, Math.min(n, 20000)), calls: Math.min(n, 20000) };
  };
  // Per family: a pass over the 200 families, divided by 200.
  const perFamily = (one) => {
    const t = adaptive(() => { for (const f of families) one(f); });
    const n = families.length;
    return { median: t.median / n, min: t.min / n, max: t.max / n, passes: t.calls };
  };
  const out = {
    missing,
    families: families.length,
    eligible,
    itemsPerFamily: families.reduce((s, f) => s + f.cost.items.length, 0) / families.length,
    membersPerFamily: families.reduce((s, f) => s + f.eligibility.members.length, 0) / families.length,
    checked,
    familyExplained: perFamily((f) => { checkEligibility(f.eligibility); costFamily(f.cost); }),
    // As the elements ask (issue 18, item 3): explained, the input hash left until the answer is kept.
    familyExplainedLater: perFamily((f) => { checkEligibility(f.eligibility, HASH_LATER); costFamily(f.cost, HASH_LATER); }),
    familyDecimal: perFamily((f) => assessJs.assessFamily(table, packs, { family: f.eligibility, costs: f.cost })),
    costDecimal: adaptive(() => baseline.costFamily(table, salford)),
    assessDecimal: adaptive(() => assessJs.assessFamily(table, packs, assess10)),
  };
  if (has("checkEligibilityFigures") && has("costFamilyFigures")) {
    out.familyFigures = perFamily((f) => { engine.checkEligibilityFigures(f.eligibility); engine.costFamilyFigures(f.cost); });
  }
  if (has("costFamilyFigures")) out.costFigures = adaptive(() => engine.costFamilyFigures(salford));
  if (has("assessFamilyFigures")) out.assessFigures = adaptive(() => engine.assessFamilyFigures(assess10));
  return out;
};
