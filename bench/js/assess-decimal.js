// A straightforward JavaScript implementation of assessFamily with decimal.js,
// written the way a council developer would without the engine: the baseline
// the wasm engine's full assessment is measured against (bench/run.mjs). It
// takes the engine's assessFamily call and works out, with the same published
// rules and the same points of rounding:
// - eligibility under the call's rule pack (tf-2012 or tf-2015) on the
//   assessment date: each indicator measured for the members in its scope and
//   compared exactly, the criteria met, and the pack's decision; thresholds,
//   windows and kinds are the pack's parameters in force on the day;
// - the cost by agency, with the costFamily baseline (cost-family-decimal.js);
// - the payment-by-results claim (claims.rs): the pack as at the attachment
//   date, its pbr- parameters in force then, the fee and each result (phase 1:
//   education, ASB, youth offending, progress to work, continuous employment;
//   phase 2: sustained progress, continuous employment), capped at the maximum;
// - the appraisal of the family's costs (appraisal/): each costed item less
//   the reduction as a unit-cost value, engagement, success, deadweight, lag,
//   duration, drop-off and the grade's optimism bias (central, low and high
//   cases), costs with their optimism bias, the discount schedule (Green Book,
//   health or custom bands), each year's flows to the penny, present values by
//   agency split to the penny as the engine's penny tables are (controlled
//   rounding, largest remainders up), NPV, returns (2 dp) and payback;
// - the pool (pool.rs): each partner's contributions discounted, benefits,
//   net position and return, and the fiscal and cashable rebalancing (targets
//   split to the penny, transfers settled with the fewest payments).
// It leaves out what the engine adds for an officer: explanations and
// sentences, what would change the decision, receipts and hashes, the trace,
// notes, costs by funder, and error reporting (a call it cannot work out
// throws). Council packs and indicator overrides are not read, and each
// item's evidence grade must be given (the table's RAG ratings are not read).
// Products and quotients keep 28 significant digits, as the engine's decimals
// do; amounts are rounded half away from zero to the penny, and returns and
// payback years to 2 places, where the engine rounds them.
import Decimal from "../../node_modules/decimal.js/decimal.mjs";
import { costFamily } from "./cost-family-decimal.js";

const D = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_UP });
const ZERO = new D(0);
const ONE = new D(1);
const penny = (x) => x.toDecimalPlaces(2, D.ROUND_HALF_UP);
const money = (x) => (x.isZero() ? "0.00" : x.toFixed(2));
const sum = (xs) => xs.reduce((a, b) => a.plus(b), ZERO);
/** Indices 0..n-1, largest key first, equal keys in their order. */
const largestFirst = (n, key) => [...Array(n).keys()].sort((a, b) => key(b).comparedTo(key(a)));

// ------------------------------------------------------------------ dates

const parts = (date) => date.split("-").map(Number);
const iso = (y, m, d) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const monthDays = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dayNumber = (date) => {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / 86400000;
};
const fromDayNumber = (n) => new Date(n * 86400000).toISOString().slice(0, 10);

/** The same day `months` earlier, or the last day of a shorter month. */
function monthsBefore(date, months) {
  const [y, m, d] = parts(date);
  const index = y * 12 + m - 1 - months;
  const year = Math.floor(index / 12);
  if (year <= 0) return "0001-01-01";
  const month = index - year * 12 + 1;
  return iso(year, month, Math.min(d, monthDays(year, month)));
}

/** The same day `months` later, or the first of the month after when it does not exist. */
function monthsAfter(date, months) {
  const [y, m, d] = parts(date);
  const index = y * 12 + m - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return d <= monthDays(year, month) ? iso(year, month, d) : month === 12 ? iso(year + 1, 1, 1) : iso(year, month + 1, 1);
}

/** Birthdays reached on `day` (29 February counts on 1 March in other years). */
function ageOn(born, day) {
  const [by, bm, bd] = parts(born);
  const [y, m, d] = parts(day);
  if (y <= by) return 0;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const [mm, dd] = bm === 2 && bd === 29 && !leap ? [3, 1] : [bm, bd];
  return m > mm || (m === mm && d >= dd) ? y - by : y - by - 1;
}

// ------------------------------------------------------------ the rule pack

/** A parameter's value on `day`: the one in force, else the nearest. */
function param(pack, id, day) {
  const p = pack.parameters.find((x) => x.id === id);
  if (!p) throw new Error(`${pack.id} has no parameter ${id}`);
  const inForce = p.values.find((v) => v.from <= day && (!v.to || day <= v.to));
  if (inForce) return inForce.value;
  const sorted = [...p.values].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return day < sorted[0].from ? sorted[0].value : sorted[sorted.length - 1].value;
}
const numberOf = (pack, ref, day) => new D(typeof ref === "object" ? param(pack, ref.parameter, day) : ref);

/** A member's age on `day`: from the date of birth, else the age given (an age on the record's date). */
const age = (member, day) => (member.dateOfBirth ? ageOn(member.dateOfBirth, day) : Number(member.age));

/** The family's terms started by `day`, the last `n` of them, and the first one's start. */
function lastTerms(family, day, n) {
  const started = (family.schoolTerms ?? []).filter((t) => t.start <= day)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const terms = started.slice(Math.max(0, started.length - n));
  return terms.length ? { from: terms[0].start, names: terms.map((t) => t.name) } : null;
}

const FLAGS = {
  notOnSchoolRoll: "notOnSchoolRoll", childInNeed: "childInNeed", childProtectionPlan: "childProtectionPlan",
  mentalHealth: "mentalHealth", substanceMisuse: "substanceMisuse", newMother: "newMother",
};

/**
 * One indicator for one member (or the household when `m` is null):
 * [numerator, denominator] to compare with the threshold, or null when it
 * cannot be measured.
 */
function measure(ind, m, family, day, span, kinds) {
  const inWindow = (d) => (span ? span.from <= d && d <= day : d <= day);
  const kindOk = (k) => !kinds || kinds.includes(k);
  const events = (list, fixed) => (list ?? []).filter((e) => inWindow(e.date) && (fixed ? e.kind === fixed : kindOk(e.kind ?? ""))).length;
  const spells = (list) => {
    const [from, to] = span ? [span.from, day] : [day, day];
    return (list ?? []).filter((s) => s.from <= to && (!s.to || s.to >= from) && kindOk(s.kind ?? "")).length;
  };
  if (!m) {
    if (ind.measure === "domesticAbuse") return [events(family.domesticAbuse), 1];
    if (ind.measure === "localConcern") return [family.localConcern ? 1 : 0, 1];
    return null;
  }
  switch (ind.measure) {
    case "provenOffences": return [events(m.offences), 1];
    case "asbInterventions": return [events(m.asb), 1];
    case "fixedTermExclusions": return [events(m.exclusions, "fixedTerm"), 1];
    case "permanentExclusions": return [events(m.exclusions, "permanent"), 1];
    case "unauthorisedAbsence":
    case "overallAbsence": {
      let absent = 0;
      let possible = 0;
      for (const a of m.attendance ?? []) {
        if (!span?.names?.includes(a.term)) continue;
        absent += Number(a.unauthorisedAbsent ?? 0) + (ind.measure === "overallAbsence" ? Number(a.authorisedAbsent ?? 0) : 0);
        possible += Number(a.possibleSessions);
      }
      return possible ? [absent * 100, possible] : null;
    }
    case "alternativeProvision": return [m.alternativeProvision && kindOk(m.alternativeProvision) ? 1 : 0, 1];
    case "outOfWorkBenefit": return [spells(m.benefits), 1];
    case "inWork": return [spells(m.employment), 1];
    default: return FLAGS[ind.measure] ? [m[FLAGS[ind.measure]] ? 1 : 0, 1] : null;
  }
}

const COMPARE = { ">=": (c) => c >= 0, ">": (c) => c > 0, "<=": (c) => c <= 0, "<": (c) => c < 0, "=": (c) => c === 0 };

/** The pack's decision on `day` for the family: status, criteria met, and the groups met. */
function decide(pack, family, day) {
  const met = new Set();
  for (const ind of pack.indicators) {
    if (met.has(ind.group)) continue;
    const threshold = numberOf(pack, ind.threshold ?? "1", day);
    const kinds = ind.kinds ? (Array.isArray(ind.kinds) ? ind.kinds : param(pack, ind.kinds.parameter, day)) : null;
    let span = null;
    if (ind.window?.months) span = { from: monthsBefore(day, numberOf(pack, ind.window.months, day).toNumber()) };
    if (ind.window?.terms) {
      span = lastTerms(family, day, numberOf(pack, ind.window.terms, day).toNumber());
      if (!span) continue;
    }
    const members = ind.who === "family" ? [null] : family.members.filter((m) => {
      if (ind.who === "anyone") return true;
      const child = age(m, day) < 18;
      return ind.who === "children" ? child : !child;
    });
    const compare = COMPARE[ind.comparator ?? ">="];
    for (const m of members) {
      const v = measure(ind, m, family, day, span, kinds);
      // A rate compares absent × 100 with threshold × possible; a count or flag with the threshold.
      if (v && compare(new D(v[0]).comparedTo(threshold.times(v[1])))) {
        met.add(ind.group);
        break;
      }
    }
  }
  const criteriaMet = pack.criteria.filter((c) => met.has(c.id)).length;
  const outcome = pack.decision.find((o) => criteriaMet >= numberOf(pack, o.minCriteria, day).toNumber()
    && (o.requires ?? []).every((f) => met.has(f)));
  return { status: outcome ? outcome.status : "notEligible", criteriaMet, met };
}

// ------------------------------------------------------------------ claims

/** `amount × percent ÷ 100`, to the penny. */
const share = (amount, percent) => penny(amount.times(percent).dividedBy(100));

/** Phase 1: education, ASB and youth offending; each "met", "notMet", "notYet", "missing" or "notRelevant". */
function crimeAsbEducation(pack, family, attachment, claimDate, entry) {
  const p = (id) => param(pack, id, attachment);
  const months = Number(p("pbr-outcome-window-months"));
  const tests = [];
  // Education: every child under the limits over the first terms starting on or after attachment.
  const children = family.members.filter((m) => age(m, claimDate) < 18);
  if (!entry.met.has("education") || !children.length) {
    tests.push("notRelevant");
  } else {
    const needed = Number(p("pbr-result-school-terms"));
    const window = (family.schoolTerms ?? []).filter((t) => t.start >= attachment)
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)).slice(0, needed);
    if (window.length < needed) {
      tests.push("missing");
    } else {
      const from = window[0].start;
      const to = window[window.length - 1].end;
      const limit = Number(p("pbr-result-fixed-term-exclusions"));
      const absence = new D(p("pbr-result-unauthorised-absence"));
      let excluded = false;
      let missing = false;
      let failed = false;
      for (const c of children) {
        const fixed = (c.exclusions ?? []).filter((e) => e.kind === "fixedTerm" && from <= e.date && e.date <= to).length;
        if (fixed >= limit) excluded = true;
        let unauthorised = 0;
        let possible = 0;
        let gap = false;
        for (const t of window) {
          const a = (c.attendance ?? []).find((x) => x.term === t.name);
          if (!a) gap = true;
          else {
            unauthorised += Number(a.unauthorisedAbsent ?? 0);
            possible += Number(a.possibleSessions);
          }
        }
        if (gap || possible === 0) missing = true;
        else if (!(unauthorised * 100 < absence.times(possible).toNumber())) failed = true;
      }
      tests.push(excluded ? "notMet" : to > claimDate ? "notYet" : missing ? "missing" : failed ? "notMet" : "met");
    }
  }
  // ASB across the family, and offending by the under-18s at attachment, down by a share.
  for (const [youth, cutId] of [[false, "pbr-asb-reduction"], [true, "pbr-youth-offending-reduction"]]) {
    // The under-18s on the attachment date (an age given is on the claim date: younger by the years between).
    const childThen = (m) => (m.dateOfBirth ? ageOn(m.dateOfBirth, attachment)
      : Math.max(0, Number(m.age) - (Number(claimDate.slice(0, 4)) - Number(attachment.slice(0, 4))))) < 18;
    const members = family.members.filter((m) => !youth || childThen(m));
    const count = (from, to) => members.reduce((n, m) => n + ((youth ? m.offences : m.asb) ?? []).filter((e) => from <= e.date && e.date <= to).length, 0);
    const before = count(monthsBefore(attachment, months), attachment);
    if (before === 0) {
      tests.push("notRelevant");
      continue;
    }
    if (claimDate < monthsAfter(fromDayNumber(dayNumber(attachment) + 1), months)) {
      tests.push("notYet");
      continue;
    }
    const after = count(monthsBefore(claimDate, months), claimDate);
    tests.push(new D((before - after) * 100).gte(new D(p(cutId)).times(before)) ? "met" : "notMet");
  }
  const relevant = tests.filter((t) => t !== "notRelevant");
  if (!relevant.length) return "notRelevant";
  for (const c of ["notMet", "missing", "notYet"]) if (relevant.includes(c)) return c;
  return "met";
}

/**
 * Continuous employment: the first day an adult on an out-of-work benefit at
 * attachment had `needed` of the last `window` weeks in work and off benefit
 * (a week: 7 such days), or null. `weeksFor(kinds)` gives [needed, window].
 */
function employmentDay(family, attachment, claimDate, kinds, weeksFor) {
  const covers = (s, day) => s.from <= day && (!s.to || day <= s.to);
  let best = null;
  let relevant = false;
  for (const m of family.members) {
    if (age(m, claimDate) < 18) continue;
    const claimed = (m.benefits ?? []).filter((b) => kinds.includes(b.kind) && covers(b, attachment)).map((b) => b.kind);
    if (!claimed.length) continue;
    relevant = true;
    if (!(m.employment ?? []).length) continue;
    const [needed, window] = weeksFor(claimed);
    const start = dayNumber(attachment);
    const end = dayNumber(claimDate) + 7 * window;
    const prefix = [0];
    for (let n = start; n <= end; n++) {
      const day = fromDayNumber(n);
      const good = m.employment.some((j) => covers(j, day)) && !m.benefits.some((b) => kinds.includes(b.kind) && covers(b, day));
      prefix.push(prefix[prefix.length - 1] + (good ? 1 : 0));
    }
    const goodWeek = (last) => last >= 6 && prefix[last + 1] - prefix[last - 6] === 7;
    for (let e = 0; e <= end - start; e++) {
      let weeks = 0;
      for (let k = 0; k < window; k++) if (e >= 7 * k && goodWeek(e - 7 * k)) weeks += 1;
      if (needed > 0 && weeks >= needed) {
        const day = fromDayNumber(start + e);
        const reached = day <= claimDate;
        if (!best || (reached && !best.reached) || (reached === best.reached && day < best.day)) best = { day, reached };
        break;
      }
    }
  }
  if (!relevant) return { check: "notRelevant" };
  if (!best) return { check: "notMet" };
  return { check: best.reached ? "met" : "notYet", earliest: best.day };
}

/** The claim as claimPayment works it out, the assessment date being the claim date. */
function claimPayment(pack, family, claim) {
  const attachment = claim.attachmentDate;
  const claimDate = family.assessmentDate;
  const p = (id) => param(pack, id, attachment);
  const entry = decide(pack, family, attachment);
  const eligible = entry.status !== "notEligible";
  const benefits = pack.parameters.some((x) => x.id === "out-of-work-benefits") ? p("out-of-work-benefits") : [];
  let maximum;
  let fee;
  let routes; // [amount, met, earliest]
  let chosen;
  if (pack.parameters.some((x) => x.id === "pbr-attachment-share")) {
    maximum = penny(new D(p("pbr-family-maximum")));
    fee = share(maximum, p("pbr-attachment-share"));
    const results = maximum.minus(fee);
    const weeks = Number(p("pbr-employment-weeks"));
    const progress = (claim.progressToWork ?? []).some((x) => {
      const m = family.members[x.member];
      return m && age(m, claimDate) >= 18 && x.date >= attachment;
    });
    routes = [
      [share(results, p("pbr-crime-education-share")), crimeAsbEducation(pack, family, attachment, claimDate, entry) === "met"],
      [share(results, p("pbr-progress-to-work-share")), progress],
      [share(results, p("pbr-employment-share")), employmentDay(family, attachment, claimDate, benefits, () => [weeks, weeks]).check === "met"],
    ];
    // Employment instead of the other two, when it pays as much.
    const others = [0, 1].filter((i) => routes[i][1]);
    const othersPay = sum(others.map((i) => routes[i][0]));
    chosen = routes[2][1] && routes[2][0].gte(othersPay) ? [2] : others;
  } else {
    fee = penny(new D(p("pbr-attachment-fee")));
    const results = penny(new D(p("pbr-results-payment")));
    maximum = fee.plus(results);
    // Sustained progress against every problem at entry, from the outcomes plan.
    const problems = pack.criteria.filter((c) => entry.met.has(c.id)).map((c) => c.id);
    const dates = problems.map((id) => (claim.outcomesPlan ?? [])
      .filter((x) => x.problem === id && x.date >= attachment && (x.evidence ?? "").trim())
      .map((x) => x.date).sort()[0]);
    const progress = problems.length && dates.every(Boolean) ? { check: "met", earliest: dates.sort()[dates.length - 1] } : { check: "no" };
    const jsa = p("pbr-employment-jsa-kinds");
    const long = [Number(p("pbr-employment-weeks-jsa")), Number(p("pbr-employment-window-jsa"))];
    const short = [Number(p("pbr-employment-weeks-other")), Number(p("pbr-employment-window-other"))];
    const work = employmentDay(family, attachment, claimDate, benefits, (k) => (k.some((x) => jsa.includes(x)) ? long : short));
    routes = [[results, progress.check === "met", progress.earliest], [results, work.check === "met", work.earliest]];
    // One results payment, for the result met first.
    const met = [0, 1].filter((i) => routes[i][1]).sort((a, b) => (routes[a][2] < routes[b][2] ? -1 : routes[a][2] > routes[b][2] ? 1 : a - b));
    chosen = met.slice(0, 1);
  }
  let resultsPaid = eligible ? sum(chosen.map((i) => routes[i][0])) : ZERO;
  const attachmentPaid = eligible ? fee : ZERO;
  let total = attachmentPaid.plus(resultsPaid);
  if (total.gt(maximum)) {
    resultsPaid = resultsPaid.minus(total.minus(maximum));
    total = maximum;
  }
  return { total: money(total), attachmentClaimable: money(attachmentPaid), resultsClaimable: money(resultsPaid) };
}

// ------------------------------------------------------------ penny tables

/**
 * Splits each row total (whole pennies) among the columns in proportion to
 * the row's weights so that rows and columns add up: every cell its exact
 * share rounded down or up, the columns with the largest fractions of a penny
 * rounded up as far as the rows allow (as the engine's penny_table does:
 * whole pennies first, then one more penny a column along augmenting paths).
 * Gives [cells in pence by row, column totals in pounds].
 */
function split(rowTotals, weights, columns) {
  const floors = [];
  const fractions = [];
  const need = [];
  rowTotals.forEach((total, t) => {
    const pence = total.times(100);
    const weightTotal = sum(weights[t]);
    if (!pence.isZero() && weightTotal.isZero()) throw new Error("a row to split needs weights");
    const exact = weights[t].map((w) => (pence.isZero() ? ZERO : pence.times(w).dividedBy(weightTotal)));
    floors.push(exact.map((x) => x.floor()));
    fractions.push(exact.map((x) => x.minus(x.floor())));
    need.push(pence.minus(sum(floors[t])).toNumber());
  });
  const rows = need.length;
  const targets = [...Array(columns).keys()].map((s) => {
    const f = sum(fractions.map((row) => row[s]));
    return { low: f.floor().toNumber(), high: f.ceil().toNumber(), remainder: f.minus(f.floor()) };
  });
  const raised = need.map(() => Array(columns).fill(false));
  const rowUsed = need.map(() => 0);
  const columnUsed = Array(columns).fill(0);
  const capacity = targets.map((x) => x.low);
  const eligible = (t, s) => !fractions[t][s].isZero();
  const rowOpen = (t) => rowUsed[t] < need[t];
  const satisfied = () => need.every((n, t) => rowUsed[t] === n);
  // Row by row, the largest fractions first, within the columns' lower bounds.
  for (let t = 0; t < rows; t++) {
    for (const s of largestFirst(columns, (c) => fractions[t][c])) {
      if (rowOpen(t) && eligible(t, s) && columnUsed[s] < capacity[s]) {
        raised[t][s] = true;
        rowUsed[t] += 1;
        columnUsed[s] += 1;
      }
    }
  }
  // One path from a row needing a penny to a column that can take one, moving pennies on the way.
  const augment = () => {
    const rowFrom = need.map((n, t) => (rowOpen(t) ? null : undefined));
    const columnFrom = Array(columns).fill(undefined);
    const queue = need.map((n, t) => t).filter((t) => rowOpen(t));
    for (let next = 0; next < queue.length; next++) {
      const t = queue[next];
      for (let s = 0; s < columns; s++) {
        if (columnFrom[s] !== undefined || !eligible(t, s) || raised[t][s]) continue;
        columnFrom[s] = t;
        if (columnUsed[s] < capacity[s]) {
          columnUsed[s] += 1;
          for (let c = s, r = columnFrom[c]; r !== undefined; r = columnFrom[c]) {
            raised[r][c] = true;
            if (rowFrom[r] === null) {
              rowUsed[r] += 1;
              break;
            }
            raised[r][rowFrom[r]] = false;
            c = rowFrom[r];
          }
          return true;
        }
        for (let other = 0; other < rows; other++) {
          if (rowFrom[other] === undefined && raised[other][s]) {
            rowFrom[other] = s;
            queue.push(other);
          }
        }
      }
    }
    return false;
  };
  while (augment());
  for (const s of largestFirst(columns, (c) => targets[c].remainder)) {
    if (satisfied()) break;
    capacity[s] = targets[s].high;
    while (augment());
  }
  if (!satisfied()) {
    capacity.fill(Infinity);
    while (augment());
    if (!satisfied()) throw new Error("the table could not be split to the penny");
  }
  const cells = floors.map((row, t) => row.map((f, s) => (raised[t][s] ? f.plus(1) : f)));
  const totals = [...Array(columns).keys()].map((s) => sum(cells.map((row) => row[s])).dividedBy(100));
  return [cells, totals];
}

// --------------------------------------------------------------- appraisal

const GREEN_BOOK = [[0, "0.035"], [31, "0.03"], [76, "0.025"], [126, "0.02"], [201, "0.015"], [301, "0.01"]];
const HEALTH = [[0, "0.015"], [31, "0.0129"], [76, "0.0107"], [126, "0.0086"], [201, "0.0064"], [301, "0.0043"]];
/** Optimism bias by evidence grade: the central cut and the low case's cut. */
const GRADES = { 1: ["0", "0.05"], 2: ["0.05", "0.10"], 3: ["0.10", "0.15"], 4: ["0.15", "0.25"], 5: ["0.25", "0.40"], 6: ["0.40", "0.40"] };

/** DF_0 = 1, DF_t = DF_(t−1) ÷ (1 + the rate of the band year t falls in). */
function discountFactors(discounting, lastYear) {
  const bands = discounting?.schedule === "custom"
    ? discounting.bands.map((b) => [Number(b.fromYear), b.rate])
    : discounting?.schedule === "health" ? HEALTH : GREEN_BOOK;
  const factors = [ONE];
  for (let t = 1; t <= lastYear; t++) {
    const rate = bands.filter(([from]) => from <= t).pop()[1];
    factors.push(factors[t - 1].dividedBy(ONE.plus(rate)));
  }
  return factors;
}

/** The year from which the cumulative position stays at or above zero, and the years to it (2 dp). */
function payback(positions) {
  const below = (p) => p.isNeg() && !p.isZero();
  if (!positions.length || below(positions[positions.length - 1])) return null;
  let t = 0;
  positions.forEach((p, i) => {
    if (below(p)) t = i + 1;
  });
  if (t === 0) return { year: 0, years: "0.00" };
  const before = positions[t - 1];
  const years = new D(t - 1).plus(before.abs().dividedBy(positions[t].minus(before)));
  return { year: t, years: years.toFixed(2, D.ROUND_HALF_UP) };
}

const ratio = (a, b) => (b.isZero() ? null : a.dividedBy(b).toFixed(2, D.ROUND_HALF_UP));
const agencyKey = (name) => name.toLowerCase().split(/\s+/).filter(Boolean).join(" ");

/** The value lines of the family's costs less the reduction: agency, unit value at base-year prices, quantity, grade. */
function valueLines(table, costs, appraisal) {
  const rows = new Map(table.byCode);
  for (const r of costs.localRows ?? []) {
    rows.set(r.code, { code: r.code, agency: table.spell(r.agencyL1), cost: new D(r.cost), year: r.priceYear });
  }
  const to = table.index.get(costs.baseYear);
  const unit = (row) => penny(new D(row.cost).times(to).dividedBy(table.index.get(row.year)));
  const reduction = new D(appraisal.reduction);
  const grade = GRADES[appraisal.grade];
  if (!grade) throw new Error("give the appraisal's evidence grade (1 to 6)");
  const lines = [];
  for (const item of costs.items) {
    const quantity = new D(item.quantity).times(reduction);
    if (quantity.isZero()) continue;
    const row = rows.get(item.code);
    // A row the table splits by agency is one line per part.
    const split = row.agency === "Multiple"
      ? [...rows.values()].filter((r) => r.code.startsWith(`${row.code}.`) && !r.code.slice(row.code.length + 1).includes("."))
      : [];
    for (const r of split.length ? split : [row]) {
      lines.push({ agency: r.agency, unit: unit(r), quantity, ob: { central: new D(grade[0]), low: new D(grade[1]), high: ZERO } });
    }
  }
  return lines;
}

/** One case of the appraisal of a cohort of one with one outcome. */
function appraiseCase(a, lines, factors, yearCosts, which) {
  const rate = (text, fallback) => new D(text ?? fallback);
  const achieving = rate(a.engagement, "1").times(rate(a.success, "1"));
  const netOfDeadweight = achieving.times(ONE.minus(rate(a.deadweight, "0")));
  // Streams: one a agency, the lines' values a year summed.
  const streams = [];
  for (const line of lines) {
    const key = agencyKey(line.agency);
    let s = streams.find((x) => x.key === key);
    if (!s) {
      const cashable = (a.cashable ?? []).find((c) => agencyKey(c.agency) === key);
      s = { key, agency: line.agency, gross: ZERO, net: ZERO, cashable: cashable ? new D(cashable.share) : ZERO };
      streams.push(s);
    }
    const value = line.unit.times(line.quantity);
    s.gross = s.gross.plus(value);
    s.net = s.net.plus(value.times(ONE.minus(line.ob[which])));
  }
  const lag = Number(a.lagYears ?? 0);
  const duration = Number(a.durationYears);
  const keep = ONE.minus(rate(a.dropOff, "0"));
  const persistence = factors.map(() => ZERO);
  for (let t = lag + 1, p = ONE; t <= lag + duration; t++, p = p.times(keep)) persistence[t] = p;
  // Each year: the exact cells, the year's net to the penny and its present value.
  const weights = factors.map((f, t) => streams.map((s) => netOfDeadweight.times(s.net).times(persistence[t])));
  const net = weights.map((row) => penny(sum(row)));
  const netPv = net.map((n, t) => penny(n.times(factors[t])));
  const [cells, totals] = split(netPv, weights, streams.length);
  const byAgency = streams.map((s, j) => ({ agency: s.agency, netPv: totals[j], years: cells.map((row) => row[j].dividedBy(100)), cashable: s.cashable }))
    .sort((x, y) => y.netPv.comparedTo(x.netPv));
  for (const s of byAgency) s.cashablePv = split([s.netPv], [[s.cashable, ONE.minus(s.cashable)]], 2)[1][0];
  // Cumulative fiscal positions (undiscounted and present value), costs with their optimism bias.
  const position = [];
  const positionPv = [];
  factors.forEach((f, t) => {
    position.push((position[t - 1] ?? ZERO).plus(net[t]).minus(yearCosts[t][0]));
    positionPv.push((positionPv[t - 1] ?? ZERO).plus(netPv[t]).minus(yearCosts[t][1]));
  });
  const costsPv = sum(yearCosts.map((c) => c[1]));
  const benefitsPv = sum(netPv);
  return {
    costsPv: money(costsPv),
    benefitsPv: money(benefitsPv),
    npv: money(benefitsPv.minus(costsPv)),
    roiFiscal: ratio(benefitsPv, costsPv),
    payback: payback(position),
    paybackPv: payback(positionPv),
    byAgency,
  };
}

/** The appraisal of the family's costs: the central case in full, the low and high cases' NPV. */
function appraiseFamily(table, costs, a) {
  const lines = valueLines(table, costs, a);
  const duration = Number(a.durationYears);
  const horizon = Math.max(duration > 0 ? Number(a.lagYears ?? 0) + duration : 0, ...a.costs.map((c) => Number(c.year)));
  const factors = discountFactors(a.discounting, horizon);
  const uplift = ONE.plus(a.costOptimismBias ?? "0");
  const yearCosts = factors.map((f, t) => {
    const cost = penny(sum(a.costs.filter((c) => Number(c.year) === t).map((c) => new D(c.amount))).times(uplift));
    return [cost, penny(cost.times(f))];
  });
  const central = appraiseCase(a, lines, factors, yearCosts, "central");
  return {
    central,
    low: appraiseCase(a, lines, factors, yearCosts, "low"),
    high: appraiseCase(a, lines, factors, yearCosts, "high"),
  };
}

// -------------------------------------------------------------------- pool

/** Splits balances (pence, summing to zero) into the most zero-sum groups, as subsets searched exactly. */
function zeroSumGroups(balances) {
  const n = balances.length;
  const size = 1 << n;
  const sums = new Array(size).fill(0);
  const most = new Array(size).fill(0);
  for (let mask = 1; mask < size; mask++) {
    const low = 31 - Math.clz32(mask & -mask);
    sums[mask] = sums[mask & (mask - 1)] + balances[low][1];
    let best = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) best = Math.max(best, most[mask & ~(1 << i)]);
    most[mask] = best + (sums[mask] === 0 ? 1 : 0);
  }
  const groups = [];
  let current = [];
  let mask = size - 1;
  while (mask !== 0) {
    const zero = sums[mask] === 0 ? 1 : 0;
    let i = 0;
    while (i < n && !((mask & (1 << i)) && most[mask & ~(1 << i)] + zero === most[mask])) i++;
    if (i === n) break;
    current.push(balances[i]);
    mask &= ~(1 << i);
    if (sums[mask] === 0) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length) groups.push(current);
  return groups;
}

/** Who pays whom: in each group the largest payer pays the largest receiver (earlier partner first on a tie). */
function settle(balances, names) {
  const pence = balances.map((b, i) => [i, b.times(100).toNumber()]).filter(([, p]) => p !== 0);
  const groups = pence.length <= 16 ? zeroSumGroups(pence) : [pence];
  const transfers = [];
  for (const group of groups) {
    for (;;) {
      let payer = null;
      let receiver = null;
      for (const g of group) {
        if (g[1] < 0 && (!payer || g[1] < payer[1] || (g[1] === payer[1] && g[0] < payer[0]))) payer = g;
        if (g[1] > 0 && (!receiver || g[1] > receiver[1] || (g[1] === receiver[1] && g[0] < receiver[0]))) receiver = g;
      }
      if (!payer || !receiver) break;
      const amount = Math.min(-payer[1], receiver[1]);
      payer[1] += amount;
      receiver[1] -= amount;
      transfers.push({ from: names[payer[0]], to: names[receiver[0]], amount: money(new D(amount).dividedBy(100)) });
    }
  }
  return transfers;
}

/** The pool over the central case's fiscal benefits by agency. */
function poolReturns(partners, byAgency, discounting) {
  const owner = byAgency.map((b) => partners.findIndex((p) => (p.agencies ?? []).some((x) => agencyKey(x) === agencyKey(b.agency))));
  const horizon = Math.max(byAgency.reduce((n, b) => Math.max(n, b.years.length), 0) - 1,
    ...partners.flatMap((p) => (p.contributions ?? []).map((c) => Number(c.year))), 0);
  const factors = discountFactors(discounting, horizon);
  const results = partners.map((partner, g) => {
    let contributionPv = ZERO;
    for (const [t, f] of factors.entries()) {
      for (const kind of ["cash", "inKind"]) {
        const amount = sum((partner.contributions ?? []).filter((c) => (c.kind ?? "cash") === kind && Number(c.year) === t).map((c) => new D(c.amount)));
        contributionPv = contributionPv.plus(penny(amount.times(f)));
      }
    }
    const mine = byAgency.filter((b, i) => owner[i] === g);
    const benefitPv = sum(mine.map((b) => b.netPv));
    return { name: partner.name.split(/\s+/).filter(Boolean).join(" "), contributionPv, benefitPv, cashablePv: sum(mine.map((b) => b.cashablePv)) };
  });
  const contributions = sum(results.map((r) => r.contributionPv));
  const rebalancing = contributions.isZero() ? [] : ["fiscal", "cashable"].map((basis) => {
    const held = results.map((r) => (basis === "fiscal" ? r.benefitPv : r.cashablePv));
    const [cells] = split([sum(held)], [results.map((r) => r.contributionPv)], results.length);
    const targets = cells[0].map((p) => p.dividedBy(100));
    const transfers = targets.map((x, i) => x.minus(held[i]));
    return {
      basis,
      partners: targets.map((x, i) => ({ target: money(x), transfer: money(transfers[i]) })),
      transfers: settle(transfers, results.map((r) => r.name)),
    };
  });
  return {
    partners: results.map((r) => ({ name: r.name, netPv: money(r.benefitPv.minus(r.contributionPv)), roi: ratio(r.benefitPv, r.contributionPv) })),
    netPv: money(sum(results.map((r) => r.benefitPv)).minus(contributions)),
    roi: ratio(sum(results.map((r) => r.benefitPv)), contributions),
    rebalancing,
  };
}

// ------------------------------------------------------------- the family

/**
 * One family's assessment: `table` from buildTable (cost-family-decimal.js),
 * `packs` the parsed rule packs (an array, or an object by id), `call` the
 * engine's assessFamily call. Every figure as a string, as the engine writes it.
 */
export function assessFamily(table, packs, call) {
  const family = call.family;
  const pack = Array.isArray(packs) ? packs.find((p) => p.id === family.rulePack) : packs[family.rulePack];
  if (!pack) throw new Error(`no rule pack ${family.rulePack}`);
  const decision = decide(pack, family, family.assessmentDate);
  const out = { eligibility: { status: decision.status, criteriaMet: decision.criteriaMet } };
  if (call.costs) {
    const cost = costFamily(table, call.costs);
    if (cost.type !== "success") throw new Error(`costs: ${JSON.stringify(cost.errors)}`);
    out.costs = { total: cost.total, byAgency: cost.byAgency.map((a) => ({ agency: a.agency, amount: a.amount })) };
  }
  if (call.claim) out.claim = claimPayment(pack, family, call.claim);
  if (call.appraisal) {
    const { central, low, high } = appraiseFamily(table, call.costs, call.appraisal);
    out.appraisal = {
      costsPv: central.costsPv,
      benefitsPv: central.benefitsPv,
      npv: central.npv,
      roiFiscal: central.roiFiscal,
      payback: central.payback,
      paybackPv: central.paybackPv,
      lowNpv: low.npv,
      highNpv: high.npv,
      byAgency: central.byAgency.map((b) => ({ agency: b.agency, netPv: money(b.netPv), years: b.years.map(money) })),
    };
    if (call.pool) out.pool = poolReturns(call.pool.partners, central.byAgency, call.appraisal.discounting);
  }
  return out;
}

/** The same figures read from the engine's assessFamily answer (or assessFamilyFigures', which has no rebalancing), for the bench's checks. */
export function engineFigures(answer) {
  if (answer.type !== "success") throw new Error(`the engine's assessment failed: ${JSON.stringify(answer.errors)}`);
  const out = { eligibility: { status: answer.eligibility.status, criteriaMet: answer.eligibility.criteriaMet } };
  if (answer.costs) out.costs = { total: answer.costs.total, byAgency: answer.costs.byAgency.map((a) => ({ agency: a.agency, amount: a.amount })) };
  if (answer.claim) out.claim = { total: answer.claim.total, attachmentClaimable: answer.claim.attachmentClaimable, resultsClaimable: answer.claim.resultsClaimable };
  const scenario = answer.appraisal?.scenarios[0];
  if (scenario) {
    const c = scenario.central;
    const pay = (p) => (p.status === "reached" ? { year: p.year, years: p.years } : null);
    out.appraisal = {
      costsPv: c.costsPv,
      benefitsPv: c.benefitsPv,
      npv: c.npv,
      roiFiscal: c.roi.fiscal,
      payback: pay(c.payback),
      paybackPv: pay(c.paybackPv),
      lowNpv: scenario.low.npv,
      highNpv: scenario.high.npv,
      byAgency: scenario.byAgency.filter((b) => b.valueType === "fiscal")
        .map((b) => ({ agency: b.agency, netPv: b.flow.netPv, years: b.years.map((y) => y.netPv) })),
    };
  }
  if (answer.pool) {
    // assessFamilyFigures gives the pool's own figures at the top, and no rebalancing.
    const pool = answer.pool.pool ?? answer.pool;
    out.pool = {
      partners: answer.pool.partners.map((p) => ({ name: p.name, netPv: p.netPv, roi: p.roi })),
      netPv: pool.netPv,
      roi: pool.roi,
    };
  }
  if (answer.pool?.rebalancing) {
    out.pool.rebalancing = answer.pool.rebalancing.map((r) => ({
      basis: r.basis,
      partners: r.partners.map((p) => ({ target: p.target, transfer: p.transfer })),
      transfers: r.transfers.map((t) => ({ from: t.from, to: t.to, amount: t.amount })),
    }));
  }
  return out;
}

/** Every figure where two sets of figures differ: "path: a vs b". */
export function differences(a, b, path = "") {
  if (a === b) return [];
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k));
  }
  return [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}
