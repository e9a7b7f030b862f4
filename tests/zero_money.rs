//! A zero amount reads like any other amount: Decimal writes a zero product
//! as a bare `0` (883.39 × 0 = 0), which the engine gave back as a line's
//! cost while the totals beside it said `0.00`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use community_budget::api::cost_family_json;
use community_budget::money::Money;
use rust_decimal::Decimal;
use serde_json::Value;

#[test]
fn a_zero_product_keeps_its_pence() {
    // 883.39 × 0 = 0.00 (scale 2 + 0); 100.00 × 0.5 = 50.000 as before.
    let unit = Money::from_pence(88_339);
    assert_eq!(unit.checked_mul(Decimal::ZERO).unwrap().to_string(), "0.00");
    assert_eq!(
        Money::from_pence(10_000)
            .checked_mul(Decimal::new(5, 1))
            .unwrap()
            .to_string(),
        "50.000"
    );
}

/// CR1.0 at 2024/25 is 500 × 100 ÷ 56.6000 = 883.3922… → 883.39 (README);
/// none used: its line costs 0.00, as the Police total does.
#[test]
fn a_line_of_nothing_costs_0_00() {
    let answer: Value = serde_json::from_str(
        &cost_family_json(r#"{"items":[{"code":"CR1.0","quantity":0}]}"#).unwrap(),
    )
    .unwrap();
    assert_eq!(answer["lines"][0]["unitCost"], "883.39");
    assert_eq!(answer["lines"][0]["lineCost"], "0.00");
    assert_eq!(answer["byAgency"][0]["amount"], "0.00");
    assert_eq!(answer["total"], "0.00");
}
