// A council pack of `n` indicators for the keystroke benchmark in Chromium
// and the end-to-end test of limits: the same pack as bench/council_pack.rs
// (the native benchmark's and tests' generator) — the same indicators,
// measures, windows and thresholds — built as an object and written as JSON.
export function councilPack(n) {
  const indicators = Array.from({ length: n }, (_, i) => {
    const window = { months: String(6 + (i % 19)) };
    const threshold = 1 + (i % 4);
    const [measure, who, counted] = [
      ["provenOffences", "children", threshold],
      ["asbInterventions", "anyone", threshold],
      ["domesticAbuse", "family", threshold],
      ["childProtectionPlan", "children"],
      ["substanceMisuse", "anyone"],
      ["fixedTermExclusions", "children", threshold + 2],
    ][i % 6];
    const rule = counted === undefined ? {} : { window, comparator: ">=", threshold: String(counted) };
    return { id: `local-${i}`, title: `Local indicator ${i}`, group: "local-filter", measure, who, ...rule, source: "Generated for the benchmark." };
  });
  return JSON.stringify({
    id: `bigshire-${n}`,
    title: `Bigshire (fictional): a local filter of ${n} indicators`,
    extends: "tf-2012",
    version: "1",
    validFrom: "2013-04-01",
    validTo: "2015-03-31",
    source: "Generated for the keystroke benchmark.",
    indicators,
  }, null, 2);
}
