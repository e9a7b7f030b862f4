//! Times `api::cost_family` natively on the Salford-style fixture.
//! `cargo run --release --example time_cost_family`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::float_arithmetic
)]
use std::time::Instant;

fn main() {
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
    let n = 20_000;
    for (name, f) in [
        (
            "cost_family_json",
            Box::new(|| {
                community_budget::api::cost_family_json(&call).unwrap();
            }) as Box<dyn Fn()>,
        ),
        (
            "cost_family (parsed call)",
            Box::new(|| {
                community_budget::api::cost_family(&parsed);
            }),
        ),
    ] {
        for _ in 0..1000 {
            f();
        }
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        println!(
            "{name}: {:.2} us",
            start.elapsed().as_secs_f64() * 1e6 / n as f64
        );
    }
}
