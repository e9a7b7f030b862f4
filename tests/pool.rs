//! Pooled budget returns per partner and rebalancing, worked by hand
//! (domain.md Formula 7). The shared fixtures (`tests/fixtures/pool.json`,
//! also run in the browser by `tests/web.rs`) carry the four-partner pool's
//! working in `why`: contributions, benefits, nets, returns, payback, the
//! penny-exact targets on both bases and the settlements.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use community_budget::api::pool_returns_json;
use community_budget::money::Money;
use community_budget::pool::{settle, Transfer};
use serde_json::{json, Value};

#[test]
fn the_shared_fixtures_hold_natively() {
    common::check_natively(common::pool_cases(), "poolReturns", pool_returns_json);
}

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn settled(balances: &[&str]) -> (Vec<(usize, usize, String)>, bool) {
    let balances: Vec<Money> = balances.iter().map(|b| m(b)).collect();
    let (transfers, fewest) = settle(&balances);
    // Each settlement pays out exactly what is owed.
    let mut left = balances.clone();
    for Transfer { from, to, amount } in &transfers {
        left[*from] = left[*from].checked_add(*amount).unwrap();
        left[*to] = left[*to].checked_sub(*amount).unwrap();
    }
    assert!(left.iter().all(|b| b.is_zero()), "{left:?}");
    (
        transfers
            .iter()
            .map(|t| (t.from, t.to, t.amount.to_string()))
            .collect(),
        fewest,
    )
}

/// The fewest transfers are (balances − zero-sum groups): here {+3, −3} and
/// {+4, −2, −2}, 5 − 2 = 3. Paying the largest payer to the largest receiver
/// would take 4: −3 → +4 (leaving 1), −2 → +3 (leaving 1), −2 → 1, −1 → 1.
#[test]
fn the_settlement_finds_zero_sum_groups() {
    let (transfers, fewest) = settled(&["4.00", "3.00", "-3.00", "-2.00", "-2.00"]);
    assert!(fewest);
    assert_eq!(transfers.len(), 3, "{transfers:?}");
    assert!(transfers.contains(&(2, 1, "3.00".into())));
    assert!(transfers.contains(&(3, 0, "2.00".into())));
    assert!(transfers.contains(&(4, 0, "2.00".into())));
    // Nothing to settle: no transfers.
    assert_eq!(settled(&["0.00", "0.00"]).0, []);
    // Pennies: +0.01 and −0.01 settle in one.
    assert_eq!(
        settled(&["0.01", "-0.01", "0.00"]).0,
        [(1, 0, "0.01".into())]
    );
}

#[test]
fn beyond_sixteen_balances_the_settlement_is_greedy() {
    // 17 payers of 1.00 and one receiver of 17.00: 17 transfers, the most a
    // greedy settlement takes (one fewer than the 18 balances).
    let mut balances = vec!["-1.00"; 17];
    balances.push("17.00");
    let (transfers, fewest) = settled(&balances);
    assert!(!fewest);
    assert_eq!(transfers.len(), 17);
    assert!(transfers
        .iter()
        .all(|(_, to, amount)| *to == 17 && amount == "1.00"));
}

fn pool(call: &Value) -> Value {
    serde_json::from_str(&pool_returns_json(&call.to_string()).unwrap()).unwrap()
}

fn four_partners() -> Value {
    common::pool_cases()
        .into_iter()
        .find(|c| c["name"] == "four-partners")
        .unwrap()["call"]
        .clone()
}

#[test]
fn shares_and_transfers_add_up_exactly() {
    let a = pool(&four_partners());
    for r in a["rebalancing"].as_array().unwrap() {
        let targets: Vec<Money> = r["partners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| m(p["target"].as_str().unwrap()))
            .collect();
        assert_eq!(
            Money::sum(targets).unwrap(),
            m(r["total"].as_str().unwrap())
        );
        let transfers: Vec<Money> = r["partners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| m(p["transfer"].as_str().unwrap()))
            .collect();
        assert!(Money::sum(transfers).unwrap().is_zero());
        // What the settlement moves is what the payers owe.
        let paid = Money::sum(
            r["transfers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| m(t["amount"].as_str().unwrap())),
        )
        .unwrap();
        let owed = Money::sum(
            r["partners"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| m(p["transfer"].as_str().unwrap()))
                .filter(|t| t.is_negative()),
        )
        .unwrap();
        assert_eq!(paid.checked_add(owed).unwrap(), Money::ZERO);
    }
}

#[test]
fn with_no_contribution_there_is_nothing_to_rebalance() {
    let mut call = four_partners();
    for p in call["partners"].as_array_mut().unwrap() {
        p.as_object_mut().unwrap().remove("contributions");
    }
    let a = pool(&call);
    assert_eq!(a["type"], "success");
    assert_eq!(a["rebalancing"], json!([]));
    assert_eq!(a["pool"]["roi"], Value::Null);
    assert_eq!(a["partners"][0]["sharePercent"], Value::Null);
    // Never below zero: every partner pays back at once.
    assert_eq!(a["partners"][0]["payback"]["year"], 0);
    let codes: Vec<&str> = a["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"no_contributions"), "{codes:?}");
}

#[test]
fn a_contribution_after_the_benefits_extends_the_horizon() {
    // Jobcentre Plus pays 12,500 in year 3 instead: 12,500 × 0.8³ = 12,500 ×
    // 0.512 = 6,400. K = 76,000 + 20,000 + 10,000 + 6,400 = 112,400; its
    // position 0, +40,000, +72,000, +65,600: never below zero.
    let mut call = four_partners();
    call["partners"][3]["contributions"][0]["year"] = json!(3);
    let a = pool(&call);
    assert_eq!(a["horizon"], 3);
    let jcp = &a["partners"][3];
    assert_eq!(jcp["contribution"]["pv"], "6400.00");
    assert_eq!(jcp["years"][3]["positionPv"], "65600.00");
    assert_eq!(a["pool"]["contribution"]["pv"], "112400.00");
    // 216,000 ÷ 112,400 = 1.9217… → 1.92.
    assert_eq!(a["pool"]["roi"], "1.92");
}

#[test]
fn a_misspelt_agency_is_noted() {
    let mut call = four_partners();
    call["partners"][2]["agencies"] = json!(["NHS", "Health visitors"]);
    let a = pool(&call);
    let note = a["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["code"] == "agency_without_benefit")
        .unwrap();
    assert_eq!(note["path"], "partners[2].agencies");
    assert!(note["message"]
        .as_str()
        .unwrap()
        .starts_with("Health visitors, linked to NHS trust,"));
}
