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

// ---------------------------------------------------------------- pools

use community_budget::appraisal::{DiscountBand, DiscountSchedule};
use community_budget::money::Rate;
use community_budget::pool::{self, AgencyBenefit, Contribution, Kind, Partner};

const AGENCIES: [&str; 6] = [
    "Police",
    "NHS",
    "Local Authority",
    "DWP",
    "Probation",
    "Housing",
];

/// A random pool: 1 to 8 partners, each with some of six agencies (each
/// agency one partner's at most) and up to four contributions in years 0 to
/// 5; each agency's benefit over up to 6 years, with a cashable part.
fn random_pool() -> impl Strategy<Value = (Vec<Partner>, Vec<AgencyBenefit>, u32)> {
    let partners = prop::collection::vec(
        prop::collection::vec((0u32..6, any::<bool>(), 0i64..500_000_000), 0..4),
        1..8,
    );
    let owners = prop::collection::vec(0usize..10, 6);
    let benefits = prop::collection::vec(
        (prop::collection::vec(0i64..200_000_000, 1..7), 0u32..=100),
        6,
    );
    (partners, owners, benefits, 0u32..=60).prop_map(|(partners, owners, benefits, rate)| {
        let partners: Vec<Partner> = partners
            .iter()
            .enumerate()
            .map(|(p, contributions)| Partner {
                name: format!("Partner {p}"),
                agencies: AGENCIES
                    .iter()
                    .zip(&owners)
                    .filter(|(_, o)| **o == p)
                    .map(|(a, _)| (*a).to_owned())
                    .collect(),
                contributions: contributions
                    .iter()
                    .map(|(year, cash, pence)| Contribution {
                        year: *year,
                        kind: if *cash { Kind::Cash } else { Kind::InKind },
                        amount: Money::from_pence(*pence),
                    })
                    .collect(),
            })
            .collect();
        let benefits = AGENCIES
            .iter()
            .zip(benefits)
            .map(|(agency, (years, cashable_percent))| {
                let years: Vec<Money> = years.into_iter().map(Money::from_pence).collect();
                let pv = Money::sum(years.iter().copied()).unwrap();
                let cashable = pv
                    .checked_mul(Decimal::from(cashable_percent))
                    .unwrap()
                    .checked_div(Decimal::ONE_HUNDRED)
                    .unwrap()
                    .round(Rounding::Penny)
                    .min(pv);
                AgencyBenefit {
                    agency: (*agency).to_owned(),
                    years,
                    pv,
                    cashable_pv: cashable,
                }
            })
            .collect();
        (partners, benefits, rate)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// Thousands of random pools: the targets of each rebalancing are a
    /// penny-exact split that adds up to the total shared, the transfers add
    /// up to exactly zero, the settlement pays each payer's debt and each
    /// receiver's due exactly, with fewer transfers than partners with a
    /// balance, and partners' figures add up to the pool's. No panic.
    #[test]
    fn pools_share_out_exactly((partners, benefits, rate) in random_pool()) {
        let schedule = DiscountSchedule::new(vec![DiscountBand {
            from_year: 0,
            rate: Rate::new(Decimal::new(i64::from(rate), 3)).unwrap(),
        }])
        .unwrap();
        let result = pool::returns(&partners, &benefits, &schedule).unwrap();
        prop_assert_eq!(result.partners.len(), partners.len());
        let sum = |f: &dyn Fn(&pool::PartnerResult) -> Money| {
            Money::sum(result.partners.iter().map(f)).unwrap()
        };
        prop_assert_eq!(sum(&|p| p.contribution_pv), result.contribution_pv);
        prop_assert_eq!(sum(&|p| p.benefit_pv), result.benefit_pv);
        // Benefits inside and outside the pool add up to all the benefits.
        let outside = Money::sum(result.outside.iter().map(|b| b.pv)).unwrap();
        let all = Money::sum(benefits.iter().map(|b| b.pv)).unwrap();
        prop_assert_eq!(result.benefit_pv.checked_add(outside).unwrap(), all);
        for p in &result.partners {
            // Each year's position adds up to the net.
            prop_assert_eq!(p.years.last().unwrap().position_pv, p.net_pv);
        }
        prop_assert_eq!(result.rebalancing.is_empty(), result.contribution_pv.is_zero());
        for r in &result.rebalancing {
            let targets = Money::sum(r.partners.iter().map(|x| x.target)).unwrap();
            prop_assert_eq!(targets, r.total);
            let transfers = Money::sum(r.partners.iter().map(|x| x.transfer)).unwrap();
            prop_assert!(transfers.is_zero(), "transfers add up to {}", transfers);
            for (x, p) in r.partners.iter().zip(&result.partners) {
                prop_assert_eq!(x.target.round(Rounding::Penny), x.target);
                // Within a penny of the exact share σ × total.
                let exact = r.total.as_decimal() * p.contribution_pv.as_decimal()
                    / result.contribution_pv.as_decimal();
                prop_assert!((x.target.as_decimal() - exact).abs() < Decimal::new(1, 2));
            }
            let mut left: Vec<Money> = r.partners.iter().map(|x| x.transfer).collect();
            for t in &r.transfers {
                prop_assert!(t.amount > Money::ZERO);
                left[t.from] = left[t.from].checked_add(t.amount).unwrap();
                left[t.to] = left[t.to].checked_sub(t.amount).unwrap();
            }
            prop_assert!(left.iter().all(|b| b.is_zero()), "unsettled {:?}", left);
            let with_balance = r.partners.iter().filter(|x| !x.transfer.is_zero()).count();
            prop_assert!(r.transfers.len() < with_balance.max(1));
            prop_assert!(r.fewest);
        }
    }

    /// Any settlement of balances that add up to zero pays everyone exactly,
    /// with the fewest transfers: never more than one fewer than the balances,
    /// and one fewer for each extra group that sums to zero on its own.
    #[test]
    fn settlements_pay_exactly(raw in prop::collection::vec(-1_000_000i64..1_000_000, 1..20)) {
        let mut balances: Vec<Money> = raw.iter().map(|p| Money::from_pence(*p)).collect();
        let total = Money::sum(balances.iter().copied()).unwrap();
        balances.push(Money::ZERO.checked_sub(total).unwrap());
        let (transfers, fewest) = pool::settle(&balances);
        let nonzero = balances.iter().filter(|b| !b.is_zero()).count();
        prop_assert_eq!(fewest, nonzero <= pool::EXACT_SETTLEMENT);
        prop_assert!(transfers.len() < nonzero.max(1));
        let mut left = balances.clone();
        for t in &transfers {
            left[t.from] = left[t.from].checked_add(t.amount).unwrap();
            left[t.to] = left[t.to].checked_sub(t.amount).unwrap();
        }
        prop_assert!(left.iter().all(|b| b.is_zero()));
        // Pairs that cancel are settled in one transfer each.
        if nonzero == 2 {
            prop_assert_eq!(transfers.len(), 1);
        }
    }

    /// Any JSON at all given to poolReturns, claimPayment or assessFamily gives
    /// an answer or a contract error, never a panic.
    #[test]
    fn new_calls_never_panic_on_json(json in arbitrary_json()) {
        let _ = api::pool_returns_json(&json);
        let _ = api::claim_payment_json(&json);
        let _ = api::assess_family_json(&json);
        let _ = api::appraise_place_json(&json);
        let _ = api::combine_places_json(&json);
    }
}

// ------------------------------------------------------------- whole places

const PLACE_AGENCIES: [&str; 3] = ["Local Authority", "Police", "NHS"];

/// A random place: one to four themes over a horizon of 1 to 6 years, three
/// partners, costs in pennies, direct values for the three agencies.
fn random_place() -> impl Strategy<Value = serde_json::Value> {
    let cost = (0u32..7, 0usize..3, 0i64..50_000_000);
    let value = (0usize..3, 1i64..500_000, 1u32..6);
    let outcome = (
        0u32..=100,
        0u32..=100,
        0u32..=100,
        0u32..3,
        1u32..6,
        0u32..=100,
        prop::collection::vec(value, 1..4),
    );
    let theme = (
        1u32..5_000,
        prop::collection::vec(cost, 0..5),
        prop::collection::vec(outcome, 1..3),
    );
    (1u32..7, prop::collection::vec(theme, 1..5)).prop_map(|(horizon, themes)| {
        let rate = |n: u32| format!("{}", Decimal::new(i64::from(n), 2));
        let partners: Vec<serde_json::Value> = ["council", "police", "nhs"]
            .iter()
            .zip(PLACE_AGENCIES)
            .map(|(id, agency)| serde_json::json!({ "id": id, "name": id, "agencies": [agency] }))
            .collect();
        let themes: Vec<serde_json::Value> = themes
            .into_iter()
            .enumerate()
            .map(|(i, (cohort, costs, outcomes))| {
                serde_json::json!({
                    "id": format!("t{i}"),
                    "name": format!("Theme {i}"),
                    "cohort": cohort,
                    "costs": costs.into_iter().map(|(year, p, pence)| {
                        let partner = ["council", "police", "nhs"][p];
                        serde_json::json!({
                        "year": year.min(horizon),
                        "partner": partner,
                        "amount": Money::from_pence(pence).to_string(),
                    })}).collect::<Vec<_>>(),
                    "outcomes": outcomes.into_iter().map(|(e, s, d, lag, duration, drop, values)| serde_json::json!({
                        "name": "Outcome",
                        "engagement": rate(e), "success": rate(s), "deadweight": rate(d),
                        "lagYears": lag, "durationYears": duration, "dropOff": rate(drop),
                        "values": values.into_iter().map(|(a, pence, grade)| {
                            let agency = PLACE_AGENCIES[a];
                            serde_json::json!({
                            "description": "Value", "agency": agency,
                            "amount": Money::from_pence(pence).to_string(), "grade": grade,
                        })}).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        serde_json::json!({ "name": "Random place", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06", "horizonYears": horizon, "partners": partners, "themes": themes })
    })
}

fn cash(v: &serde_json::Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A place's totals are the sums of its themes' to the penny, each year
    /// and over all years; the themes × partners table adds up across and
    /// down; the partners' costs are the place's costs; and the rebalancing
    /// transfers add up to zero.
    #[test]
    fn places_add_up_to_the_penny(call in random_place()) {
        let answer: serde_json::Value = serde_json::from_str(&api::appraise_place_json(&call.to_string()).unwrap()).unwrap();
        prop_assert_eq!(&answer["type"], "success", "{:#}", answer);
        let themes = answer["themes"].as_array().unwrap();
        let place = &answer["place"]["central"];
        for key in ["costsPv", "benefitsPv", "npv", "fiscalNpv"] {
            let sum: Decimal = themes.iter().map(|t| cash(&t["appraisal"]["central"][key])).sum();
            prop_assert_eq!(sum, cash(&place[key]), "{}", key);
        }
        for (t, year) in answer["place"]["years"].as_array().unwrap().iter().enumerate() {
            let sum: Decimal = themes
                .iter()
                .filter_map(|th| th["appraisal"]["years"].as_array().unwrap().get(t))
                .map(|y| cash(&y["netPv"]))
                .sum();
            prop_assert_eq!(sum, cash(&year["netPv"]));
        }
        let partners = answer["partners"].as_array().unwrap();
        for (p, partner) in partners.iter().enumerate() {
            for key in ["costsPv", "benefitPv"] {
                let sum: Decimal = themes.iter().map(|t| cash(&t["partners"][p][key])).sum();
                prop_assert_eq!(sum, cash(&partner[key]));
            }
        }
        let partner_costs: Decimal = partners.iter().map(|p| cash(&p["costsPv"])).sum();
        prop_assert_eq!(partner_costs, cash(&place["costsPv"]));
        let fiscal: Decimal = partners.iter().map(|p| cash(&p["benefitPv"])).sum();
        prop_assert_eq!(fiscal, cash(&place["fiscal"]["netPv"]));
        for r in answer["rebalancing"].as_array().unwrap() {
            let transfers: Decimal = r["partners"].as_array().unwrap().iter().map(|p| cash(&p["transfer"])).sum();
            prop_assert!(transfers.is_zero());
        }
    }
}
