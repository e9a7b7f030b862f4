// A straightforward JavaScript implementation of the cohort pipeline's core with
// decimal.js, written the way a council developer would without the engine: the
// baseline the wasm cohort is measured against (bench/run.mjs). It reads a
// cohort CSV of the generated kind (one row per member, no quoted cells), decides
// each family under tf-2015 ("two of six" headline problems, with the pack's
// parameters: 12-month windows, the last three terms, 10 % absence, three
// fixed-term exclusions, the out-of-work benefits) and costs it by agency with
// the costFamily baseline (unit costs re-based and rounded to the penny). It
// gives the families in the programme and the annual cost by agency (all
// families, and families in the programme); bench/run.mjs checks these against
// the engine's report before timing. No receipt, no rejected rows, no report.
import Decimal from "../../node_modules/decimal.js/decimal.mjs";
import { costFamily } from "./cost-family-decimal.js";

const OUT_OF_WORK = ["jsa", "esa", "incapacityBenefit", "incomeSupport", "carersAllowance", "severeDisablementAllowance", "universalCredit"];
const PROVISION = ["exclusion", "behaviour"];

/** "2015-06-30" 12 months back, the day kept (or the month's last day). */
function monthsBefore(date, months) {
  const [y, m, d] = date.split("-").map(Number);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

const list = (cell) => (cell ? cell.split(";").map((e) => e.trim()).filter(Boolean) : []);

/** One family (its rows as arrays of cells): the headline problems met under tf-2015. */
function headlines(rows, col) {
  const first = rows[0];
  const a = first[col.assessment_date];
  const from12 = monthsBefore(a, 12);
  const inYear = (d) => d >= from12 && d <= a;
  // The last three terms started by the assessment date (named by their first day).
  const starts = [...new Set(rows.flatMap((r) => list(r[col.attendance]).map((t) => t.split(":")[0])))]
    .filter((s) => s <= a).sort();
  const terms = starts.slice(-3);
  const termsFrom = terms[0];
  const met = { crime: false, school: false, children: false, work: false, abuse: false, health: false };
  for (const r of rows) {
    const age = Number(r[col.age]);
    const child = age < 18;
    if (list(r[col.offences]).some(inYear)) met.crime = true;
    if (list(r[col.asb]).some((e) => inYear(e.split(":")[1]))) met.crime = true;
    if (r[col.mental_health] === "yes" || r[col.substance_misuse] === "yes" || r[col.new_mother] === "yes") met.health = true;
    if (child) {
      if (r[col.child_in_need] === "yes" || r[col.child_protection_plan] === "yes") met.children = true;
      if (r[col.not_on_school_roll] === "yes" || PROVISION.includes(r[col.alternative_provision])) met.school = true;
      if (termsFrom) {
        const exclusions = list(r[col.exclusions]).map((e) => e.split(":"));
        const inTerms = (d) => d >= termsFrom && d <= a;
        if (exclusions.filter(([k, d]) => k === "fixedTerm" && inTerms(d)).length >= 3) met.school = true;
        if (exclusions.some(([k, d]) => k === "permanent" && inTerms(d))) met.school = true;
        let absent = 0;
        let possible = 0;
        for (const t of list(r[col.attendance])) {
          const [start, p, auth, unauth] = t.split(":");
          if (terms.includes(start)) {
            possible += Number(p);
            absent += Number(auth) + Number(unauth);
          }
        }
        if (possible > 0 && absent * 100 >= 10 * possible) met.school = true;
      }
    } else {
      for (const b of list(r[col.benefits])) {
        const [kind, fromDay, to] = b.split(":");
        if (OUT_OF_WORK.includes(kind) && fromDay <= a && (!to || to >= a)) met.work = true;
      }
    }
  }
  if (list(first[col.domestic_abuse]).some(inYear)) met.abuse = true;
  return Object.values(met).filter(Boolean).length;
}

/** The cohort: families, those in the programme, cost by agency (all, and in the programme). */
export function runCohort(table, csvText) {
  const lines = csvText.split("\n").filter((l) => l);
  const header = lines[0].split(",");
  const col = Object.fromEntries(header.map((h, i) => [h, i]));
  const codes = header.map((h, i) => [h, i]).filter(([h]) => table.byCode.has(h));
  const all = new Map();
  const inProgramme = new Map();
  let families = 0;
  let eligible = 0;
  const finish = (rows) => {
    families += 1;
    const isEligible = headlines(rows, col) >= 2;
    if (isEligible) eligible += 1;
    const items = [];
    for (const [code, i] of codes) {
      const quantity = rows.reduce((sum, r) => sum + (r[i] ? Number(r[i]) : 0), 0);
      if (quantity > 0) items.push({ code, quantity: String(quantity) });
    }
    const cost = costFamily(table, { baseYear: "2013/14", items });
    for (const { agency, amount } of cost.byAgency) {
      all.set(agency, (all.get(agency) ?? new Decimal(0)).plus(amount));
      if (isEligible) inProgramme.set(agency, (inProgramme.get(agency) ?? new Decimal(0)).plus(amount));
    }
  };
  let rows = [];
  for (let k = 1; k < lines.length; k++) {
    const cells = lines[k].split(",");
    if (rows.length && rows[0][0] !== cells[0]) {
      finish(rows);
      rows = [];
    }
    rows.push(cells);
  }
  if (rows.length) finish(rows);
  const fixed = (m) => Object.fromEntries([...m].map(([k, v]) => [k, v.toFixed(2)]));
  return { families, eligible, costAll: fixed(all), costEligible: fixed(inProgramme) };
}
