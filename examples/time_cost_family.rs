//! Times `api::cost_family` natively on the Salford-style fixture and prints a
//! JSON line with the median and range over several runs (µs per call).
//! `cargo run --release --example time_cost_family [runs] [calls]`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::float_arithmetic
)]
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(9);
    let calls: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5_000);
    let fixtures: serde_json::Value =
        serde_json::from_str(include_str!("../tests/fixtures/cost_family.json")).unwrap();
    let call = fixtures
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "salford-family")
        .unwrap()["call"]
        .to_string();
    let parsed: community_budget::api::CostFamilyCall = serde_json::from_str(&call).unwrap();
    let time = |f: &dyn Fn()| {
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
        format!(
            "{{\"median\":{:.2},\"min\":{:.2},\"max\":{:.2}}}",
            per_call[runs / 2],
            per_call[0],
            per_call[runs - 1]
        )
    };
    let json = time(&|| {
        community_budget::api::cost_family_json(&call).unwrap();
    });
    let parsed = time(&|| {
        community_budget::api::cost_family(&parsed);
    });
    println!("{{\"json\":{json},\"parsed\":{parsed}}}");
}
