//! Times a `*_json` twin on one shared fixture and prints a JSON line with the
//! median and range over several runs (µs per call).
//! `cargo run --release --example time_calls -- <function> <fixture-name> [runs] [calls]`
//! where function is checkEligibilityPack with the number of indicators of a
//! generated council pack (`bench/council_pack.rs`: a keystroke with that pack), or costFamily, checkEligibility,
//! checkEligibilityFigures, appraise, planNeighbourhood or assessFamily (for the two eligibility
//! calls, the fixture `empty-family` is a parent with no facts under tf-2012);
//! or `family:explained` (or `family:figures`) with a file of families (see `families`);
//! or `assessFamily10` (any fixture name): the bare call of `bench/assess-family.json`,
//! (each with a figures-only twin: `costFamilyFigures`, `appraiseFigures`,
//! `assessFamilyFigures`, `assessFamilyFigures10`),
//! the full assessment with a 10-year appraisal; or `parseTable` with `ucd-v1.2` or
//! `ucd-v1.4`: reading a built-in table's data file (what a module does once, on
//! its first call, whether the file is inside the `.wasm` or loaded beside it).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::float_arithmetic,
    clippy::panic
)]
use std::time::Instant;

use community_budget::api;

#[path = "../bench/council_pack.rs"]
mod council_pack;

/// The call timed for `empty-family`: a parent with no facts, assessed in 2014
/// (tf-2012 in force), as a form opens before anything is typed.
const EMPTY_FAMILY: &str = r#"{"assessmentDate":"2014-06-30","rulePack":"tf-2012","members":[{"name":"Mother","role":"parent","dateOfBirth":"1980-05-01"}]}"#;

/// A `*_json` twin.
type Twin = fn(&str) -> Result<String, api::CallError>;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let function = args.first().map_or("costFamily", String::as_str);
    let name = args.get(1).map_or("salford-family", String::as_str);
    let runs: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(9);
    let calls: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(1_000);
    if function == "parseTable" {
        return parse_table(name, runs, calls);
    }
    if function == "checkEligibilityPack" {
        return keystroke(name, runs, calls);
    }
    if let Some(pair) = function.strip_prefix("family:") {
        return families(pair, name, runs, calls);
    }
    let (fixtures, twin): (&str, Twin) = match function {
        "costFamily" => (
            include_str!("../tests/fixtures/cost_family.json"),
            api::cost_family_json,
        ),
        "checkEligibility" => (
            include_str!("../tests/fixtures/eligibility.json"),
            api::check_eligibility_json,
        ),
        "checkEligibilityFigures" => (
            include_str!("../tests/fixtures/eligibility.json"),
            api::check_eligibility_figures_json,
        ),
        "appraise" => (
            include_str!("../tests/fixtures/appraisal.json"),
            api::appraise_json,
        ),
        "planNeighbourhood" => (
            include_str!("../tests/fixtures/neighbourhood.json"),
            api::plan_neighbourhood_json,
        ),
        "assessFamily" => (
            include_str!("../tests/fixtures/assess.json"),
            api::assess_family_json,
        ),
        // A bare call, not a list of fixtures.
        "assessFamily10" => (
            include_str!("../bench/assess-family.json"),
            api::assess_family_json,
        ),
        // Figures only (issue 18), on the same fixtures as the explained calls.
        "costFamilyFigures" => (
            include_str!("../tests/fixtures/cost_family.json"),
            api::cost_family_figures_json,
        ),
        "appraiseFigures" => (
            include_str!("../tests/fixtures/appraisal.json"),
            api::appraise_figures_json,
        ),
        "assessFamilyFigures" => (
            include_str!("../tests/fixtures/assess.json"),
            api::assess_family_figures_json,
        ),
        "assessFamilyFigures10" => (
            include_str!("../bench/assess-family.json"),
            api::assess_family_figures_json,
        ),
        // Explained, the input hash left for later (`{ inputSha256: false }`, as the elements ask).
        "checkEligibilityLater" => (
            include_str!("../tests/fixtures/eligibility.json"),
            check_eligibility_later,
        ),
        "costFamilyLater" => (
            include_str!("../tests/fixtures/cost_family.json"),
            cost_family_later,
        ),
        other => panic!("unknown function {other}"),
    };
    let cases: serde_json::Value = serde_json::from_str(fixtures).unwrap();
    let call = match cases.as_array() {
        // A family with no facts recorded: one parent, under the pack in force.
        Some(_) if name == "empty-family" => EMPTY_FAMILY.to_owned(),
        Some(list) => list
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no fixture {name}"))["call"]
            .to_string(),
        None => cases.to_string(),
    };
    for _ in 0..calls {
        twin(&call).unwrap();
    }
    report(function, name, runs, calls, || {
        twin(&call).unwrap();
    });
}

/// Times a keystroke on the eligibility page with a council pack of `n`
/// indicators (`bench/council_pack.rs`, `keystroke_call`): the pack's text
/// sent with every call as the page sends it, one fact changed each call as
/// typing does.
fn keystroke(n: &str, runs: usize, calls: usize) {
    let n: usize = n.parse().expect("the number of indicators");
    let pack = council_pack::council_pack(n);
    // Each keystroke types another count of unauthorised absence.
    let texts: Vec<String> = (0..10)
        .map(|k| council_pack::keystroke_call(&pack, 80 + k))
        .collect();
    let first = api::check_eligibility_json(&texts[0]).unwrap();
    assert!(
        first.contains("\"success\""),
        "{}",
        &first[..first.len().min(2000)]
    );
    let mut k = 0;
    report("checkEligibilityPack", &n.to_string(), runs, calls, || {
        k += 1;
        api::check_eligibility_json(&texts[k % texts.len()]).unwrap();
    });
}

/// Times one family's two calls, `checkEligibility` then `costFamily` (`pair` is
/// `explained`, or `figures` for their figures-only twins), over every family of
/// a file `bench/run.mjs` writes (a JSON list of `{eligibility, cost}` calls: the
/// 200 phase-1 families of `bench/js/cohort-families.js`), and prints µs per family:
/// `calls` passes over the families a run.
fn families(pair: &str, path: &str, runs: usize, calls: usize) {
    let (eligibility, cost): (Twin, Twin) = match pair {
        "explained" => (api::check_eligibility_json, api::cost_family_json),
        "figures" => (
            api::check_eligibility_figures_json,
            api::cost_family_figures_json,
        ),
        other => panic!("unknown pair {other} (explained or figures)"),
    };
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let calls_of = |key: &str| -> Vec<String> { list.iter().map(|f| f[key].to_string()).collect() };
    let (e, c) = (calls_of("eligibility"), calls_of("cost"));
    let pass = || {
        for (e, c) in e.iter().zip(&c) {
            let (a, b) = (eligibility(e).unwrap(), cost(c).unwrap());
            assert!(
                a.starts_with("{\"type\":\"success\"") && b.starts_with("{\"type\":\"success\"")
            );
        }
    };
    pass();
    // µs per pass ÷ the families: µs per family.
    report_divided(
        &format!("family:{pair}"),
        path,
        runs,
        calls,
        pass,
        list.len(),
    );
}

/// Times reading a built-in table's TSV into a table (µs per read).
fn parse_table(id: &str, runs: usize, calls: usize) {
    use community_budget::costs::{DeflatorSeries, UnitCostTable};
    let tsv = match id {
        "ucd-v1.2" => include_str!("../data/ucd_v1_2.tsv"),
        "ucd-v1.4" => include_str!("../data/ucd_v1_4.tsv"),
        other => panic!("unknown table {other}"),
    };
    let series = DeflatorSeries::default_series().unwrap();
    report("parseTable", id, runs, calls, || {
        UnitCostTable::from_tsv(id, tsv, series).unwrap();
    });
}

/// Times `calls` calls of `f`, `runs` times, and prints the median and range (µs per call).
fn report(function: &str, name: &str, runs: usize, calls: usize, f: impl FnMut()) {
    report_divided(function, name, runs, calls, f, 1);
}

/// As [`report`], with each call's time divided by `per` (a call that is `per` calls).
fn report_divided(
    function: &str,
    name: &str,
    runs: usize,
    calls: usize,
    mut f: impl FnMut(),
    per: usize,
) {
    let mut per_call: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / (calls * per) as f64
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    println!(
        "{{\"function\":\"{function}\",\"fixture\":\"{name}\",\"median\":{:.2},\"min\":{:.2},\"max\":{:.2}}}",
        per_call[runs / 2],
        per_call[0],
        per_call[runs - 1]
    );
}

/// `checkEligibility(call, { inputSha256: false })` with JSON text in and out.
fn check_eligibility_later(call: &str) -> Result<String, api::CallError> {
    let call = api::read_json_call("checkEligibility", call)?;
    let answer = api::check_eligibility_value_as(&call, api::InputHash::Later)?;
    Ok(serde_json::to_string(&answer).unwrap_or_default())
}

/// `costFamily(call, { inputSha256: false })` with JSON text in and out.
fn cost_family_later(call: &str) -> Result<String, api::CallError> {
    let call = api::read_json_call("costFamily", call)?;
    let answer = api::cost_family_value_as(&call, api::InputHash::Later)?;
    Ok(serde_json::to_string(&answer).unwrap_or_default())
}
