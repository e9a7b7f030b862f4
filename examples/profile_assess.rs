//! Where an `assessFamily` call's time goes: the whole call, and each step
//! made as its own call (JSON in and out), as `assessFamily` makes it.
//! `cargo run --release --example profile_assess -- [call.json] [runs] [calls]`
//! where call.json is a bare `assessFamily` call (default: the fixture
//! `one-family-every-step` of tests/fixtures/assess.json). Prints one JSON
//! line: µs per call, medians over the runs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::float_arithmetic,
    clippy::panic
)]
use std::time::Instant;

use community_budget::api;
use serde_json::{json, Value};

/// Median µs per call of `f` over `runs` runs of `calls` calls, after a warm-up run.
fn time(runs: usize, calls: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..calls {
        f();
    }
    let mut per_call: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / calls as f64
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    per_call[runs / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let call: Value = match args.first().filter(|a| a.ends_with(".json")) {
        Some(path) => serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap(),
        None => {
            let cases: Value =
                serde_json::from_str(include_str!("../tests/fixtures/assess.json")).unwrap();
            cases
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == "one-family-every-step")
                .unwrap()["call"]
                .clone()
        }
    };
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(9);
    let calls: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(200);
    let text = call.to_string();
    let answer: Value = serde_json::from_str(&api::assess_family_json(&text).unwrap()).unwrap();
    assert_eq!(answer["type"], "success", "{answer}");

    // Each step's own call, as assessFamily builds it.
    let family = call["family"].to_string();
    let costs = call["costs"].to_string();
    let mut claim = call["claim"].clone();
    claim["family"] = call["family"].clone();
    let claim = json!({ "claims": [claim] }).to_string();
    let appraisal_call = answer["trace"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "appraisal")
        .unwrap()["call"]
        .clone();
    let appraisal = appraisal_call.to_string();
    let pool =
        json!({ "appraisal": appraisal_call, "partners": call["pool"]["partners"] }).to_string();

    let whole = time(runs, calls, || {
        api::assess_family_json(&text).unwrap();
    });
    let read = time(runs, calls, || {
        serde_json::from_str::<Value>(&text).unwrap();
    });
    let eligibility = time(runs, calls, || {
        api::check_eligibility_json(&family).unwrap();
    });
    let cost = time(runs, calls, || {
        api::cost_family_json(&costs).unwrap();
    });
    let claims = time(runs, calls, || {
        api::claim_payment_json(&claim).unwrap();
    });
    let appraise = time(runs, calls, || {
        api::appraise_json(&appraisal).unwrap();
    });
    let pooled = time(runs, calls, || {
        api::pool_returns_json(&pool).unwrap();
    });
    let written = serde_json::to_string(&answer).unwrap();
    println!(
        "{{\"whole\":{whole:.1},\"readCall\":{read:.1},\"checkEligibility\":{eligibility:.1},\"costFamily\":{cost:.1},\"claimPayment\":{claims:.1},\"appraise\":{appraise:.1},\"poolReturns\":{pooled:.1},\"answerBytes\":{}}}",
        written.len()
    );
}
