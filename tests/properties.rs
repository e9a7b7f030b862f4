//! Property tests (proptest): invariants that must hold for every input, not
//! only the hand-worked ones. Native only.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use community_budget::api;
use community_budget::costs::{cost_family, CostItem, FinancialYear, UnitCostTable};
use community_budget::money::{Money, Rounding};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn pennies() -> impl Strategy<Value = Money> {
    (-10_000_000_000i64..10_000_000_000).prop_map(Money::from_pence)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A split adds up to the whole exactly, every part is whole pennies, and
    /// no part is more than a penny from its exact share.
    #[test]
    fn splits_add_up_exactly(total in pennies(), weights in prop::collection::vec(0u32..1_000_000, 1..12)) {
        let weights: Vec<Decimal> = weights.into_iter().map(Decimal::from).collect();
        let sum_of_weights: Decimal = weights.iter().sum();
        prop_assume!(!sum_of_weights.is_zero());
        let parts = total.allocate(&weights).unwrap();
        prop_assert_eq!(parts.len(), weights.len());
        prop_assert_eq!(Money::sum(parts.iter().copied()).unwrap(), total);
        for (part, weight) in parts.iter().zip(&weights) {
            prop_assert_eq!(part.round(Rounding::Penny), *part);
            let exact = total.as_decimal() * weight / sum_of_weights;
            prop_assert!((part.as_decimal() - exact).abs() < Decimal::new(1, 2), "{} vs exact {}", part, exact);
        }
    }

    /// What is written is read back unchanged.
    #[test]
    fn money_round_trips_through_text(m in pennies()) {
        let text = m.to_string();
        prop_assert_eq!(Money::parse(&text).unwrap(), m);
        let json = serde_json::to_string(&m).unwrap();
        prop_assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
    }

    /// Arbitrary text never makes the money parser panic, and what it accepts
    /// is exactly the plain decimal grammar.
    #[test]
    fn money_parser_accepts_only_plain_decimals(text in "\\PC{0,40}") {
        let plain = {
            let digits = text.strip_prefix('-').unwrap_or(&text);
            let (whole, fraction) = digits.split_once('.').map_or((digits, None), |(w, f)| (w, Some(f)));
            let ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            ok(whole) && fraction.is_none_or(ok)
        };
        match Money::parse(&text) {
            Ok(_) => prop_assert!(plain),
            Err(e) => prop_assert!(!plain || e.code() == community_budget::ErrorCode::Overflow),
        }
    }

    /// A family's totals by agency, by agency and team, and its lines all add
    /// up to its total, whatever it used and at whatever price year.
    #[test]
    fn family_totals_add_up(
        picks in prop::collection::vec((0usize..63, 0u32..10_000), 0..20),
        year in 0usize..29,
    ) {
        let table = UnitCostTable::national().unwrap();
        let rows = table.rows();
        let items: Vec<CostItem> = picks
            .iter()
            .map(|(row, q)| CostItem { code: rows[*row].code.clone(), quantity: Decimal::from(*q) })
            .collect();
        let year: FinancialYear = table.deflator().years()[year].year;
        let cost = cost_family(table, year, &items).unwrap();
        let total = cost.total;
        prop_assert_eq!(Money::sum(cost.by_agency.iter().map(|t| t.amount)).unwrap(), total);
        prop_assert_eq!(Money::sum(cost.by_sub_agency.iter().map(|t| t.amount)).unwrap(), total);
        prop_assert_eq!(Money::sum(cost.lines.iter().map(|l| l.line_cost)).unwrap(), total);
        for line in &cost.lines {
            prop_assert_eq!(line.unit_cost.checked_mul(Decimal::from(line.quantity)).unwrap(), line.line_cost);
        }
    }

    /// Any JSON at all given to costFamily gives an answer or a contract error,
    /// never a panic.
    #[test]
    fn cost_family_never_panics_on_json(json in arbitrary_json()) {
        let _ = api::cost_family_json(&json);
    }
}

/// JSON texts that look like calls: the right keys with values of any kind.
fn arbitrary_json() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        "-?[0-9]{1,30}(\\.[0-9]{1,30})?".prop_map(|s| s.clone()),
        "\\PC{0,12}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        prop::sample::select(vec![
            "\"2013/14\"",
            "\"CR2.0\"",
            "\"E&S1.0\"",
            "\"1989/90\"",
            "\"-1\"",
            "\"99999999999999999999999999999\""
        ])
        .prop_map(str::to_owned),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        let key = prop::sample::select(vec![
            "baseYear",
            "items",
            "code",
            "quantity",
            "localRows",
            "description",
            "agencyL1",
            "agencyL2",
            "cost",
            "priceYear",
            "rag",
            "unit",
            "source",
            "other",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((key, inner), 0..6).prop_map(|kv| {
                let fields: Vec<String> = kv
                    .into_iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}
