//! Native tests of the neighbourhood budget planner: the shared fixtures
//! (hand-worked in their `why`), and its invariants on random plans.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use community_budget::api;

#[test]
fn the_shared_fixtures_hold_natively() {
    common::check_natively(
        common::neighbourhood_cases(),
        "planNeighbourhood",
        api::plan_neighbourhood_json,
    );
}

/// Hand-worked: the example of the fixtures through the domain API, checking
/// the bound each service lands on and the pot thresholds.
#[test]
fn thresholds_are_the_pots_where_a_bound_changes() {
    use community_budget::money::Money;
    use community_budget::neighbourhood::{plan, Bound, Service};
    use rust_decimal::Decimal;
    let s = |id: &str, unit: &str, wanted: u32, min: u32, votes: i64| Service {
        id: id.into(),
        name: id.into(),
        unit_cost: Money::parse(unit).unwrap(),
        units_wanted: wanted,
        min_units: min,
        max_units: None,
        weight: Decimal::from(votes),
    };
    let services = [
        s("youth", "100.00", 30, 0, 500),
        s("park", "50.00", 100, 20, 50),
        s("lunch", "25.00", 400, 0, 250),
        s("advice", "200.00", 20, 0, 200),
    ];
    let p = plan(Money::parse("10000.00").unwrap(), &services).unwrap();
    let bounds: Vec<Bound> = p.allocations.iter().map(|a| a.bound).collect();
    assert_eq!(
        bounds,
        [
            Bound::Maximum,
            Bound::Minimum,
            Bound::Priority,
            Bound::Priority
        ]
    );
    // Youth is capped above £6 a vote: 3,000 + 1,000 + 6 × 250 + 6 × 200 = 6,700.
    assert_eq!(
        p.allocations[0].capped_above.unwrap().to_string(),
        "6700.00"
    );
    // Park leaves its minimum above £20 a vote: 3,000 + 1,000 + 5,000 + 4,000 = 13,000.
    assert_eq!(
        p.allocations[1].falls_to_minimum_below.unwrap().to_string(),
        "13000.00"
    );
    // Park's maximum at £100 a vote: every service at its maximum, 22,000.
    assert_eq!(
        p.allocations[1].capped_above.unwrap().to_string(),
        "22000.00"
    );
    // Exactly at a threshold pot the plan is continuous: at 13,000 Park has exactly its minimum.
    let at = plan(Money::parse("13000.00").unwrap(), &services).unwrap();
    assert_eq!(at.allocations[1].amount.to_string(), "1000.00");
    assert_eq!(at.allocations[3].amount.to_string(), "4000.00");
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use community_budget::money::Money;
    use community_budget::neighbourhood::{plan, Service};
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn services() -> impl Strategy<Value = Vec<Service>> {
        prop::collection::vec(
            (
                1i64..100_000,
                0u32..200,
                0u32..50,
                0i64..1000,
                prop::option::of(0u32..200),
            ),
            1..10,
        )
        .prop_map(|rows| {
            rows.into_iter()
                .enumerate()
                .map(|(i, (pence, wanted, min, votes, max))| {
                    let max = max.map(|m| m.min(wanted));
                    Service {
                        id: format!("s{i}"),
                        name: format!("Service {i}"),
                        unit_cost: Money::from_pence(pence),
                        units_wanted: wanted,
                        min_units: min.min(max.unwrap_or(wanted)),
                        max_units: max,
                        weight: Decimal::from(votes),
                    }
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Allocations add up exactly to the pot (or to every maximum, when the
        /// pot is larger), each is whole pennies within its bounds, and a pot
        /// below the minimums is refused — never a panic.
        #[test]
        fn allocations_sum_exactly_and_respect_every_bound(services in services(), pot_pence in 0i64..5_000_000_000) {
            let pot = Money::from_pence(pot_pence);
            match plan(pot, &services) {
                Ok(p) => {
                    let total = Money::sum(p.allocations.iter().map(|a| a.amount)).unwrap();
                    prop_assert_eq!(total, p.allocated);
                    prop_assert_eq!(p.allocated.checked_add(p.unallocated).unwrap(), pot);
                    for a in &p.allocations {
                        prop_assert!(a.minimum <= a.amount && a.amount <= a.maximum, "{:?}", a);
                        prop_assert_eq!(a.amount.round(community_budget::Rounding::Penny), a.amount);
                    }
                    // Prioritised services can reach their maximum; the others stay at their minimum.
                    let all_zero = services.iter().all(|s| s.weight.is_zero());
                    let reachable = Money::sum(services.iter().zip(&p.allocations).map(|(s, a)| {
                        if s.weight.is_zero() && !all_zero { a.minimum } else { a.maximum }
                    }))
                    .unwrap();
                    prop_assert_eq!(p.allocated, pot.min(reachable));
                }
                Err(e) => prop_assert_eq!(e.code(), community_budget::ErrorCode::PotTooSmall),
            }
        }

        /// More money never gives any service less.
        #[test]
        fn a_bigger_pot_never_gives_a_service_less(services in services(), a in 0i64..2_000_000_000, extra in 0i64..100_000_000) {
            if let (Ok(small), Ok(big)) = (plan(Money::from_pence(a), &services), plan(Money::from_pence(a + extra), &services)) {
                for (x, y) in small.allocations.iter().zip(&big.allocations) {
                    // Penny rounding can move one penny between services.
                    prop_assert!(y.amount.checked_add(Money::from_pence(1)).unwrap() >= x.amount, "{} then {}", x.amount, y.amount);
                }
            }
        }
    }
}
