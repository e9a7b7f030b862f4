//! Native tests of whole-place appraisal: the shared fixtures (a two-theme,
//! three-partner place and three places combined, worked by hand in their
//! `why`), bad place files, and the built-in example place.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use community_budget::api;
use serde_json::Value;

#[test]
fn the_place_fixtures_hold_natively() {
    common::check_natively(
        common::place_cases(),
        "appraisePlace",
        api::appraise_place_json,
    );
}

#[test]
fn the_combine_fixtures_hold_natively() {
    common::check_natively(
        common::combine_places_cases(),
        "combinePlaces",
        api::combine_places_json,
    );
}

fn answer(call: &Value) -> Value {
    serde_json::from_str(&api::appraise_place_json(&call.to_string()).unwrap()).unwrap()
}

fn money(v: &Value) -> rust_decimal::Decimal {
    v.as_str().unwrap().parse().unwrap()
}

/// The themes × partners table adds up across and down to the penny, and
/// the rebalancing transfers sum to zero (hand-worked figures in place.json).
#[test]
fn the_themes_by_partners_table_adds_up() {
    let case = &common::place_cases()[0];
    let a = answer(&case["call"]);
    let partners = a["partners"].as_array().unwrap();
    for (p, partner) in partners.iter().enumerate() {
        let by_theme: rust_decimal::Decimal = a["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| money(&t["partners"][p]["costsPv"]))
            .sum();
        assert_eq!(by_theme, money(&partner["costsPv"]));
    }
    let themes_costs: rust_decimal::Decimal = a["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| money(&t["appraisal"]["central"]["costsPv"]))
        .sum();
    assert_eq!(themes_costs, money(&a["place"]["central"]["costsPv"]));
    let transfers: rust_decimal::Decimal = a["rebalancing"][0]["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| money(&p["transfer"]))
        .sum();
    assert!(transfers.is_zero());
}

/// Hand-worked: the settlement of the two-theme place. Police holds
/// 60,790.21 it would not keep on the fiscal basis: it pays the council
/// 51,583.45 and the NHS 9,206.76 (the targets of place.json's `why`).
#[test]
fn the_police_settle_with_the_council_and_the_nhs() {
    let a = answer(&common::place_cases()[0]["call"]);
    let transfers = &a["rebalancing"][0]["transfers"];
    assert_eq!(
        transfers,
        &serde_json::json!([
            { "from": "Police", "to": "Council", "amount": "51583.45" },
            { "from": "Police", "to": "NHS", "amount": "9206.76" }
        ])
    );
}

/// The example place ships as data, appraises, and has a source next to
/// every object that carries a number.
#[test]
fn the_example_place_is_sourced_and_appraises() {
    let example = api::example_place().unwrap();
    let call = Value::from(&example.call);
    let a = answer(&call);
    assert_eq!(a["type"], "success", "{a:#}");
    assert_eq!(a["themes"].as_array().unwrap().len(), 4);
    assert_eq!(a["horizon"], 5);
    assert_eq!(example.sha256.len(), 64);
    fn sourced(v: &Value, path: &str) {
        if let Value::Object(map) = v {
            let has_number = map.iter().any(|(k, x)| {
                x.is_number()
                    || (x.is_string()
                        && k != "source"
                        && x.as_str().unwrap().parse::<rust_decimal::Decimal>().is_ok())
            });
            if has_number {
                assert!(
                    map.get("source")
                        .and_then(Value::as_str)
                        .is_some_and(|s| !s.is_empty()),
                    "{path} has numbers but no source"
                );
            }
            for (k, x) in map {
                sourced(x, &format!("{path}.{k}"));
            }
        } else if let Value::Array(items) = v {
            for (i, x) in items.iter().enumerate() {
                sourced(x, &format!("{path}[{i}]"));
            }
        }
    }
    sourced(&call, "call");
    // Every source of an assumption says so, and every source cites one of domain.md's tags.
    let text = api::EXAMPLE_PLACE;
    for tag in ["[A]", "[V]", "[V2]"] {
        assert!(text.contains(tag));
    }
}

/// A place file is read the same way whatever its order of themes: swapping
/// them swaps the theme rows and leaves the place's totals.
#[test]
fn the_order_of_themes_does_not_change_the_place() {
    let mut call = common::place_cases()[0]["call"].clone();
    let a = answer(&call);
    call["themes"].as_array_mut().unwrap().reverse();
    let b = answer(&call);
    assert_eq!(a["place"]["central"], b["place"]["central"]);
    assert_eq!(a["partners"], b["partners"]);
}

/// Hand-worked: with a horizon of year 5, an outcome from year 3 (lag 2)
/// for 6 years keeps years 3–5 (duration 5 − 2 = 3); one whose lag reaches
/// the horizon (lag 5) counts nothing; one within it is untouched. A cost in
/// year 6 is refused at its field.
#[test]
fn benefits_past_the_horizon_are_cut_and_later_costs_refused() {
    use community_budget::appraisal::{Cost, Outcome, Scenario};
    use community_budget::money::{Money, Rate};
    use community_budget::place::within_horizon;
    let outcome = |lag: u32, duration: u32| Outcome {
        name: "O".into(),
        engagement: Rate::ONE,
        success: Rate::ONE,
        deadweight: Rate::ZERO,
        lag_years: lag,
        duration_years: duration,
        drop_off: Rate::ZERO,
        values: Vec::new(),
        cashable: Vec::new(),
    };
    let mut scenario = Scenario {
        name: "Theme".into(),
        cohort: 10,
        costs: vec![Cost {
            year: 5,
            funder: "council".into(),
            amount: Money::parse("100.00").unwrap(),
        }],
        cost_optimism_bias: Rate::ZERO,
        outcomes: vec![outcome(2, 6), outcome(5, 3), outcome(0, 4)],
    };
    let cut = within_horizon(&scenario, 5).unwrap();
    let durations: Vec<u32> = cut.outcomes.iter().map(|o| o.duration_years).collect();
    assert_eq!(durations, [3, 0, 4]);
    assert_eq!(cut.horizon(), 5);
    scenario.costs[0].year = 6;
    let e = within_horizon(&scenario, 5).unwrap_err();
    assert_eq!(e.path(), Some("costs[0].year"));
}

/// Hand-worked: a per-family cost is its amount times the cohort, a fixed
/// one is as given. The per-family fixture place (200 families): council
/// 600.00 a family = 600.00 × 200 = 120,000.00; police 10,000.00 fixed. With
/// 400 families: 600.00 × 400 = 240,000.00 (doubled); police still
/// 10,000.00. Costs PV 240,000.00 + 10,000 × 1/1.035 (9,661.8357… → 9,661.84)
/// = 249,661.84. Benefits double too: N_net = 400 × 0.8 × 0.5 × 0.8 = 128, a
/// year 128 × 1,500 = 192,000; PV 192,000/1.035 = 185,507.2463… → 185,507.25,
/// 192,000/1.035² = 179,234.0544… → 179,234.05; 364,741.30.
#[test]
fn a_per_family_cost_doubles_with_the_cohort_and_a_fixed_one_does_not() {
    let case = common::place_cases()
        .into_iter()
        .find(|c| c["name"] == "per-family-and-fixed-costs")
        .unwrap();
    let mut call = case["call"].clone();
    call["themes"][0]["cohort"] = 400.into();
    let a = answer(&call);
    let theme = &a["themes"][0];
    assert_eq!(theme["costs"][0]["per"], "family");
    assert_eq!(theme["costs"][0]["amount"], "600.00");
    assert_eq!(theme["costs"][0]["cost"], "240000.00");
    assert_eq!(theme["costs"][1]["per"], "fixed");
    assert_eq!(theme["costs"][1]["cost"], "10000.00");
    assert_eq!(theme["appraisal"]["central"]["costsPv"], "249661.84");
    assert_eq!(theme["appraisal"]["central"]["benefitsPv"], "364741.30");

    // Left out, `per` is fixed: every file written before it keeps its meaning.
    call["themes"][0]["costs"][0]
        .as_object_mut()
        .unwrap()
        .remove("per");
    let fixed = answer(&call);
    assert_eq!(fixed["themes"][0]["costs"][0]["per"], "fixed");
    assert_eq!(fixed["themes"][0]["costs"][0]["cost"], "600.00");
}

/// The domain counts the costs: 12.34 a family × 3 families = 37.02 exactly;
/// a fixed 5.00 stays 5.00; a cost without a `per` entry is fixed.
#[test]
fn the_domain_counts_per_family_costs_exactly() {
    use community_budget::appraisal::{Cost, Scenario};
    use community_budget::money::{Money, Rate};
    use community_budget::place::{counted, Per, Theme};
    let cost = |amount: &str| Cost {
        year: 0,
        funder: "council".into(),
        amount: Money::parse(amount).unwrap(),
    };
    let theme = Theme {
        id: "t".into(),
        scenario: Scenario {
            name: "Theme".into(),
            cohort: 3,
            costs: vec![cost("12.34"), cost("5.00"), cost("1.00")],
            cost_optimism_bias: Rate::ZERO,
            outcomes: Vec::new(),
        },
        per: vec![Per::Family, Per::Fixed],
    };
    let amounts: Vec<String> = counted(&theme)
        .unwrap()
        .costs
        .iter()
        .map(|c| c.amount.to_string())
        .collect();
    assert_eq!(amounts, ["37.02", "5.00", "1.00"]);
}
