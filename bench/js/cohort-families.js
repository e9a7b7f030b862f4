// The families of a generated cohort file (`generateCohort`) as the calls a
// page makes for one family: a `checkEligibility` call (the family record, the
// members with their ages, the terms named by their first day as the cohort
// pipeline names them) and a `costFamily` call (each unit-cost column summed
// over the family's rows, priced as the cohort pipeline prices them). The bench
// (bench/bench.js, bench/run.mjs) checks that the engine decides these calls as
// its cohort pipeline decides the same file before it times them.
// Only the generated file's columns are read (one row per member, no quoted cells).

const list = (cell) => (cell ? cell.split(";").map((e) => e.trim()).filter(Boolean) : []);
const yes = (cell) => cell === "yes";

/**
 * `csv`: a generated cohort (with its header); `rulePack`: the pack every family
 * is decided under. The cost calls price in 2013/14 with the UCD v1.2 deflator,
 * as bench/run.mjs's cohorts do. Returns [{ label, eligibility, cost }].
 */
export function familiesFromCohort(csv, { rulePack, baseYear = "2013/14", deflator = "ucd-v1.2-ons-2013-06" }) {
  const lines = csv.split("\n").filter((l) => l);
  const header = lines[0].split(",");
  const col = Object.fromEntries(header.map((h, i) => [h, i]));
  const first = header.indexOf("local_concern") + 1;
  const codes = header.slice(first).map((code, k) => [code, first + k]).filter(([code]) => code !== "attachment_date");
  const groups = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    const last = groups.at(-1);
    if (last && last[0][col.family] === cells[col.family]) last.push(cells);
    else groups.push([cells]);
  }
  return groups.map((rows) => {
    const head = rows[0];
    const terms = new Set();
    const members = rows.map((r, k) => {
      const m = { name: `Member ${k + 1}`, role: r[col.role] || "other", age: Number(r[col.age]) };
      const offences = list(r[col.offences]).map((date) => ({ date }));
      if (offences.length) m.offences = offences;
      const asb = list(r[col.asb]).map((e) => e.split(":")).map(([kind, date]) => ({ kind, date }));
      if (asb.length) m.asb = asb;
      const exclusions = list(r[col.exclusions]).map((e) => e.split(":")).map(([kind, date]) => ({ kind, date }));
      if (exclusions.length) m.exclusions = exclusions;
      const attendance = list(r[col.attendance]).map((e) => e.split(":")).map(([term, p, a, u]) => {
        terms.add(term);
        return { term, possibleSessions: Number(p), authorisedAbsent: Number(a), unauthorisedAbsent: Number(u) };
      });
      if (attendance.length) m.attendance = attendance;
      if (r[col.alternative_provision]) m.alternativeProvision = r[col.alternative_provision];
      if (yes(r[col.not_on_school_roll])) m.notOnSchoolRoll = true;
      const benefits = list(r[col.benefits]).map((e) => e.split(":")).map(([kind, from, to]) => (to ? { kind, from, to } : { kind, from }));
      if (benefits.length) m.benefits = benefits;
      const employment = list(r[col.employment]).map((e) => e.split(":")).map(([from, to]) => (to ? { from, to } : { from }));
      if (employment.length) m.employment = employment;
      for (const [key, cell] of [["childInNeed", "child_in_need"], ["childProtectionPlan", "child_protection_plan"],
        ["mentalHealth", "mental_health"], ["substanceMisuse", "substance_misuse"], ["newMother", "new_mother"]]) {
        if (yes(r[col[cell]])) m[key] = true;
      }
      return m;
    });
    const eligibility = {
      rulePack,
      assessmentDate: head[col.assessment_date],
      // A term is named by its first day and ends on it, as the cohort pipeline reads it.
      schoolTerms: [...terms].sort().map((start) => ({ name: start, start, end: start })),
      members,
    };
    const abuse = list(head[col.domestic_abuse]).map((date) => ({ date }));
    if (abuse.length) eligibility.domesticAbuse = abuse;
    if (yes(head[col.local_concern])) eligibility.localConcern = true;
    const items = [];
    for (const [code, i] of codes) {
      const quantity = rows.reduce((sum, r) => sum + (r[i] ? Number(r[i]) : 0), 0);
      if (quantity > 0) items.push({ code, quantity });
    }
    return { label: head[col.family], eligibility, cost: { baseYear, deflator, items } };
  });
}
