//! Native tests of the appraisal engine (New Economy / HM Treasury 2014 method)
//! and of `appraise`, through its JSON twin and the shared fixtures.
//!
//! Every expected figure is worked by hand from the published rules (domain.md
//! §C2, §D, Formula 6, WE6) and the engine's documented rounding: each year's
//! flow rounded to the penny, its present value = that penny amount × the exact
//! discount factor, rounded to the penny; totals are sums of year figures;
//! breakdowns are penny tables (README, "Appraisal").
#![allow(
    // Factors are compared to 20 places: comparisons, not roundings of results.
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use community_budget::api;
use community_budget::appraisal::{self, penny_table, Parameters};
use community_budget::money::{Money, Rate};
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn d(text: &str) -> Decimal {
    community_budget::money::parse_decimal(text).unwrap()
}

fn m(text: &str) -> Money {
    Money::parse(text).unwrap()
}

fn answer(call: &Value) -> Value {
    serde_json::from_str(&api::appraise_json(&call.to_string()).unwrap()).unwrap()
}

fn defaults() -> &'static api::AppraisalDefaults {
    api::appraisal_defaults().unwrap()
}

#[test]
fn the_shared_fixtures_hold_natively() {
    let cases = common::appraisal_cases();
    assert!(cases.len() >= 15);
    common::check_natively(cases, "appraise", api::appraise_json);
}

/// The contract types (from which the TypeScript declarations are generated)
/// accept exactly the calls the reader accepts, and the typed entry point
/// gives the same answers.
#[test]
fn the_contract_types_agree_with_the_reader() {
    for case in common::appraisal_cases() {
        let name = case["name"].as_str().unwrap();
        let typed = serde_json::from_value::<api::AppraiseCall>(case["call"].clone());
        let read = api::appraise_json(&case["call"].to_string());
        assert_eq!(typed.is_ok(), read.is_ok(), "{name}: {typed:?}");
        if let (Ok(call), Ok(read)) = (typed, read) {
            let mut from_types = serde_json::to_value(api::appraise(&call)).unwrap();
            let mut from_json: Value = serde_json::from_str(&read).unwrap();
            // The receipt hashes the call as sent; the typed call has its defaults filled in.
            from_types["receipt"]["inputSha256"] = Value::Null;
            from_json["receipt"]["inputSha256"] = Value::Null;
            assert_eq!(from_types, from_json, "{name}");
        }
    }
}

/// Green Book discount factors, `DF_t = Π 1/(1 + r_j)`, with 3.5 % for years 1–30,
/// 3.0 % for 31–75 and 2.5 % from 76, compounding across bands:
///   DF_1  = 1/1.035                 = 0.96618357487922705314…
///   DF_2  = 1/1.035²  = 1/1.071225  = 0.93351070036640294989…
///   DF_10 = 1/1.035¹⁰               = 0.70891881370977158607…  (Green Book: £1,000 → £709)
///   DF_30 = 1/1.035³⁰               = 0.35627841060230154047…
///   DF_31 = DF_30/1.03              = 0.34590136951679761210…
///   DF_75 = DF_30/1.03⁴⁵            = 0.09421377257669140485…
///   DF_76 = DF_75/1.025             = 0.09191587568457698034…
/// (each worked to 40 digits and cut to 20 places). The engine keeps 28
/// significant digits; compared here at 20 places.
#[test]
fn green_book_discount_factors_compound_across_bands() {
    let factors = defaults().green_book.rates.factors(76).unwrap();
    assert_eq!(factors.len(), 77);
    assert_eq!(factors[0], Decimal::ONE, "year 0 is undiscounted");
    let expected = [
        (1, "0.96618357487922705314"),
        (2, "0.93351070036640294989"),
        (10, "0.70891881370977158608"),
        (30, "0.35627841060230154047"),
        (31, "0.34590136951679761211"),
        (75, "0.09421377257669140485"),
        (76, "0.09191587568457698034"),
    ];
    for (year, df) in expected {
        assert_eq!(factors[year].round_dp(20).to_string(), df, "DF_{year}");
    }
    // Green Book 2018 Table 2: the present value of £1,000, to the pound.
    for (year, pounds) in [(1, "966"), (2, "934"), (3, "902"), (5, "842"), (10, "709")] {
        let pv = (Decimal::from(1000) * factors[year]).round_dp(0);
        assert_eq!(pv.to_string(), pounds, "£1,000 in year {year}");
    }
    // Factors fall every year, and the fall slows where the rate steps down.
    assert!(factors.windows(2).all(|w| w[1] < w[0]));
    let ratio = |t: usize| factors[t] / factors[t - 1];
    assert_eq!(
        ratio(30).round_dp(20),
        (Decimal::ONE / d("1.035")).round_dp(20)
    );
    assert_eq!(
        ratio(31).round_dp(20),
        (Decimal::ONE / d("1.03")).round_dp(20)
    );
    assert_eq!(
        ratio(76).round_dp(20),
        (Decimal::ONE / d("1.025")).round_dp(20)
    );
    // Health: 1.5 % — DF_1 = 1/1.015 = 0.98522167487684729064…
    let health = defaults().health.rates.factors(1).unwrap();
    assert_eq!(health[1].round_dp(20).to_string(), "0.98522167487684729064");
}

/// The Green Book 2026 sensitivity schedule (no pure time preference): 3.0 %
/// for years 1–30, 2.57 % for 31–75, 2.14 % from 76, compounding across bands:
///   DF_1  = 1/1.03                      = 0.97087378640776699029…
///   DF_2  = 1/1.03²  = 1/1.0609         = 0.94259590913375435951…
///   DF_30 = 1/1.03³⁰ = 1/2.42726247119… = 0.41198675951590669639…
///   DF_31 = DF_30/1.0257 = 1/(1.03³⁰ × 1.0257) = 1/2.48964311670… = 0.40166399484830525142…
///   DF_75 = DF_30/1.0257⁴⁵              = 0.13151256874109248269…
///   DF_76 = DF_75/1.0214                = 0.12875716540150037467…
/// (each worked to 40 digits and rounded to 20 places).
#[test]
fn sensitivity_discount_factors_compound_across_bands() {
    let factors = defaults().sensitivity.rates.factors(76).unwrap();
    assert_eq!(factors[0], Decimal::ONE, "year 0 is undiscounted");
    let expected = [
        (1, "0.97087378640776699029"),
        (2, "0.94259590913375435951"),
        (30, "0.41198675951590669639"),
        (31, "0.40166399484830525142"),
        (75, "0.13151256874109248269"),
        (76, "0.12875716540150037467"),
    ];
    for (year, df) in expected {
        assert_eq!(factors[year].round_dp(20).to_string(), df, "DF_{year}");
    }
    // £1,000 in year 1 and in year 31, to the penny: 1,000 / 1.03 = 970.8737… → 970.87;
    // 1,000 / 2.48964311670 = 401.6640… → 401.66.
    let pv = |t: usize| (Decimal::from(1000) * factors[t]).round_dp(2).to_string();
    assert_eq!((pv(1), pv(31)), ("970.87".to_owned(), "401.66".to_owned()));
}

/// The sensitivity test changes the discounting and nothing else: a £1,000
/// fiscal benefit in year 1 and another in year 31 against £1,000 in year 0,
/// through the domain API.
///   central (3.5 %): 1,000/1.035 = 966.18; 1,000/(1.035³⁰ × 1.03) = 1,000/2.8909975 = 345.90;
///                    NPV 966.18 + 345.90 − 1,000 = 312.08
///   sensitivity (3.0 %): 1,000/1.03 = 970.87; 1,000/(1.03³⁰ × 1.0257) = 1,000/2.4896431 = 401.66;
///                    NPV 970.87 + 401.66 − 1,000 = 372.53; fiscal return 1,372.53/1,000 = 1.37;
///                    discounted payback in year 31 after 30 + 29.13/401.66 = 30.0725 → 30.07 years
#[test]
fn the_sensitivity_case_differs_from_the_central_case_only_in_discounting() {
    use appraisal::{Cost, Outcome, Scenario, ValueLine, ValueType};
    let outcome = |name: &str, lag_years| Outcome {
        name: name.into(),
        engagement: Rate::ONE,
        success: Rate::ONE,
        deadweight: Rate::ZERO,
        lag_years,
        duration_years: 1,
        drop_off: Rate::ZERO,
        values: vec![ValueLine {
            code: None,
            description: "Police time".into(),
            agency: "Police".into(),
            value_type: ValueType::Fiscal,
            unit_value: m("1000"),
            priced_at: None,
            quantity: Decimal::ONE,
            grade: 1,
            optimism_bias: Rate::ZERO,
            optimism_bias_upper: Rate::ZERO,
        }],
        cashable: Vec::new(),
    };
    let scenario = Scenario {
        name: "Year 1 and year 31".into(),
        cohort: 1,
        costs: vec![Cost {
            year: 0,
            funder: "Council".into(),
            amount: m("1000"),
        }],
        cost_optimism_bias: Rate::ZERO,
        outcomes: vec![outcome("Soon", 0), outcome("Much later", 30)],
    };
    let parameters = Parameters {
        discounting: defaults().green_book.rates.clone(),
        roi: defaults().roi.clone(),
        sensitivity: Some(defaults().sensitivity.rates.clone()),
    };
    let result = appraisal::appraise(&scenario, &parameters).unwrap();
    let central = &result.central;
    let sensitivity = result.sensitivity.as_ref().unwrap();
    let pv = |c: &appraisal::CaseResult, t: usize| c.years[t].benefits.fiscal.net_pv.to_string();
    assert_eq!(
        (pv(central, 1), pv(central, 31)),
        ("966.18".into(), "345.90".into())
    );
    assert_eq!(
        (pv(sensitivity, 1), pv(sensitivity, 31)),
        ("970.87".into(), "401.66".into())
    );
    assert_eq!(central.returns.npv.to_string(), "312.08");
    assert_eq!(sensitivity.returns.npv.to_string(), "372.53");
    assert_eq!(sensitivity.returns.roi_fiscal.unwrap().to_string(), "1.37");
    let payback = sensitivity.returns.payback_pv.unwrap();
    assert_eq!(
        (payback.year, payback.years.to_string()),
        (31, "30.07".into())
    );
    // Everything undiscounted is the central case's, year by year.
    assert_eq!(central.years.len(), sensitivity.years.len());
    for (c, s) in central.years.iter().zip(&sensitivity.years) {
        assert_eq!(
            (c.costs, c.benefits.fiscal.gross, c.benefits.fiscal.net),
            (s.costs, s.benefits.fiscal.gross, s.benefits.fiscal.net)
        );
        assert_eq!(c.fiscal_position, s.fiscal_position);
    }
    assert_eq!(central.returns.payback, sensitivity.returns.payback);
    // Without the test, there is no sensitivity case.
    let without = Parameters {
        sensitivity: None,
        ..parameters
    };
    assert!(appraisal::appraise(&scenario, &without)
        .unwrap()
        .sensitivity
        .is_none());
}

/// domain.md WE6 through the domain API, figure by figure (the arithmetic is in
/// the fixture `we6-new-economy-example`).
#[test]
fn we6_reproduces_to_the_penny() {
    use appraisal::{Cost, Outcome, Scenario, ValueLine, ValueType};
    let line = |agency: &str, amount: &str| ValueLine {
        code: None,
        description: agency.to_owned(),
        agency: agency.to_owned(),
        value_type: ValueType::Fiscal,
        unit_value: m(amount),
        priced_at: None,
        quantity: Decimal::ONE,
        grade: 3,
        optimism_bias: Rate::parse("0.1").unwrap(),
        optimism_bias_upper: Rate::parse("0.15").unwrap(),
    };
    let scenario = Scenario {
        name: "WE6".into(),
        cohort: 100,
        costs: vec![Cost {
            year: 0,
            funder: "Council".into(),
            amount: m("60000"),
        }],
        cost_optimism_bias: Rate::ZERO,
        outcomes: vec![Outcome {
            name: "Turned around".into(),
            engagement: Rate::parse("0.8").unwrap(),
            success: Rate::parse("0.5").unwrap(),
            deadweight: Rate::parse("0.2").unwrap(),
            lag_years: 0,
            duration_years: 3,
            drop_off: Rate::parse("0.2").unwrap(),
            values: vec![
                line("Police", "1000"),
                line("Local Authority", "600"),
                line("NHS", "400"),
            ],
            cashable: Vec::new(),
        }],
    };
    let parameters = Parameters {
        discounting: defaults().green_book.rates.clone(),
        roi: defaults().roi.clone(),
        sensitivity: None,
    };
    let result = appraisal::appraise(&scenario, &parameters).unwrap();
    let years = &result.central.years;
    // N_net = 100 × 0.8 × 0.5 × 0.8 = 32; 32 × 2,000 × 0.9 = 57,600 × 1, 0.8, 0.64.
    let net: Vec<String> = years
        .iter()
        .map(|y| y.benefits.fiscal.net.to_string())
        .collect();
    assert_eq!(net, ["0.00", "57600.00", "46080.00", "36864.00"]);
    // 57,600/1.035 = 55,652.17; 46,080/1.071225 = 43,016.17; 36,864/1.108717875 = 33,249.22.
    let pv: Vec<String> = years
        .iter()
        .map(|y| y.benefits.fiscal.net_pv.to_string())
        .collect();
    assert_eq!(pv, ["0.00", "55652.17", "43016.17", "33249.22"]);
    let r = &result.central.returns;
    assert_eq!(r.benefits.fiscal.net_pv.to_string(), "131917.56");
    assert_eq!(r.npv.to_string(), "71917.56");
    assert_eq!(r.roi_fiscal.unwrap().to_string(), "2.20");
    // Cumulative PV after year 1: 55,652.17 (−4,347.83 after the cost); after year 2: 98,668.34.
    assert_eq!(years[1].fiscal_position_pv.to_string(), "-4347.83");
    assert_eq!(
        (years[2].fiscal_position_pv.as_decimal() + Decimal::from(60000)).to_string(),
        "98668.34"
    );
    let payback = r.payback_pv.unwrap();
    assert_eq!(
        (payback.year, payback.years.to_string()),
        (2, "1.10".into())
    );
    // Who benefits: 65,958.78 / 39,575.27 / 26,383.51.
    let who: Vec<(String, String)> = result
        .central
        .by_agency
        .iter()
        .map(|s| (s.agency.clone(), s.flow.net_pv.to_string()))
        .collect();
    assert_eq!(
        who,
        [
            ("Police".to_owned(), "65958.78".to_owned()),
            ("Local Authority".to_owned(), "39575.27".to_owned()),
            ("NHS".to_owned(), "26383.51".to_owned()),
        ]
    );
}

/// Rounding the discount factors to 6 places (as WE6 prints them) would give
/// 57,600 × 0.966184 = 55,652.1984 → 55,652.20, three pence off: the engine
/// keeps them exact.
#[test]
fn discount_factors_are_not_rounded_to_six_places() {
    let df1 = defaults().green_book.rates.factors(1).unwrap()[1];
    assert_ne!(df1, d("0.966184"));
    let pv = (Decimal::from(57600) * df1).round_dp(2);
    assert_eq!(pv.to_string(), "55652.17");
    assert_eq!(
        (Decimal::from(57600) * d("0.966184"))
            .round_dp(2)
            .to_string(),
        "55652.20"
    );
}

fn we6_call(rate: Option<&str>) -> Value {
    let mut call = json!({
        "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06",
        "scenarios": [{
            "name": "WE6", "cohort": 100,
            "costs": [{ "year": 0, "funder": "Council", "amount": "60000" }],
            "outcomes": [{
                "name": "Turned around", "engagement": "0.8", "success": "0.5", "deadweight": "0.2",
                "durationYears": 3, "dropOff": "0.2",
                "values": [{ "description": "Saving", "agency": "Police", "amount": "2000", "grade": 3 }]
            }]
        }]
    });
    if let Some(rate) = rate {
        call["discounting"] =
            json!({ "schedule": "custom", "bands": [{ "fromYear": 0, "rate": rate }] });
    }
    call
}

/// With positive flows after year 0, a higher discount rate never raises the
/// NPV, and strictly lowers it while any discounted flow is worth a penny.
#[test]
fn npv_falls_as_the_discount_rate_rises() {
    let mut last: Option<Decimal> = None;
    for step in 0..=20 {
        let rate = Decimal::new(step * 5, 3); // 0 %, 0.5 %, … 10 %
        let a = answer(&we6_call(Some(&rate.to_string())));
        let npv = d(a["scenarios"][0]["central"]["npv"].as_str().unwrap());
        if let Some(previous) = last {
            assert!(
                npv < previous,
                "NPV at {rate} is {npv}, not below {previous}"
            );
        }
        last = Some(npv);
    }
    // At 0 % the NPV is the undiscounted net: 57,600 + 46,080 + 36,864 − 60,000 = 80,544.00.
    let a = answer(&we6_call(Some("0")));
    assert_eq!(a["scenarios"][0]["central"]["npv"], "80544.00");
}

/// Every table of an answer adds up, across and down, to the penny: the agencies'
/// cells to each year's flow, the years to the agencies' totals, the funders to
/// the costs, cashable plus non-cashable to the fiscal benefit, the outcomes to
/// the totals.
#[test]
fn every_table_adds_up_to_the_penny() {
    let mut calls: Vec<Value> = common::appraisal_cases()
        .into_iter()
        .filter(|c| c.get("expect").is_some_and(|e| e["type"] == "success"))
        .map(|c| c["call"].clone())
        .collect();
    // Some awkward mixes: three outcomes, shared agencies, every value type,
    // thirds, two funders, costs over several years.
    for seed in 1..=12u32 {
        let rate = |k: u32| format!("0.{:03}", (seed * 37 + k * 101) % 997 + 1);
        let outcomes: Vec<Value> = (0..3)
            .map(|o| {
                let agency = ["Police", "NHS", "Council"][o as usize];
                let kind = ["fiscal", "economic", "social"][((seed + o) % 3) as usize];
                json!({
                    "name": format!("Outcome {o}"),
                    "engagement": rate(o), "success": rate(o + 3), "deadweight": rate(o + 6),
                    "lagYears": (seed + o) % 3, "durationYears": 1 + (seed * 7 + o) % 9, "dropOff": rate(o + 9),
                    "values": [
                        { "description": "A", "agency": agency, "amount": format!("{}.{:02}", 100 + seed * 13 * (o + 1), seed % 100), "grade": 1 + (seed + o) % 6 },
                        { "description": "B", "agency": "NHS", "amount": "333.33", "grade": 4, "valueType": kind },
                        { "code": "CR2.0", "quantity": format!("0.{}", seed % 10) }
                    ],
                    "cashable": [{ "agency": "NHS", "share": rate(o + 12) }]
                })
            })
            .collect();
        calls.push(json!({
            "baseYear": "2010/11", "deflator": "ucd-v1.2-ons-2013-06",
            "scenarios": [{
                "name": "Mix", "cohort": 1000 + seed * 17, "costOptimismBias": "0.15",
                "costs": [
                    { "year": 0, "funder": "Council", "amount": "10000.01" },
                    { "year": 0, "funder": "Police", "amount": "3333.33" },
                    { "year": 2, "funder": "council", "amount": "777.77" }
                ],
                "outcomes": outcomes
            }]
        }));
    }
    let money = |v: &Value| d(v.as_str().unwrap());
    let sum = |items: &[Value], f: &dyn Fn(&Value) -> Decimal| items.iter().map(f).sum::<Decimal>();
    for call in calls {
        let a = answer(&call);
        assert_eq!(a["type"], "success", "{a}");
        for s in a["scenarios"].as_array().unwrap() {
            let years = s["years"].as_array().unwrap();
            let agencies = s["byAgency"].as_array().unwrap();
            let funders = s["byFunder"].as_array().unwrap();
            for (t, year) in years.iter().enumerate() {
                for kind in ["fiscal", "economic", "social"] {
                    let of_kind: Vec<Value> = agencies
                        .iter()
                        .filter(|g| g["valueType"] == kind)
                        .cloned()
                        .collect();
                    for field in ["net", "netPv"] {
                        let cells = sum(&of_kind, &|g| money(&g["years"][t][field]));
                        assert_eq!(cells, money(&year[kind][field]), "year {t} {kind} {field}");
                    }
                }
                let costs = sum(funders, &|f| money(&f["years"][t]["costs"]));
                assert_eq!(costs, money(&year["costs"]), "year {t} costs");
                let costs_pv = sum(funders, &|f| money(&f["years"][t]["costsPv"]));
                assert_eq!(costs_pv, money(&year["costsPv"]), "year {t} costs PV");
            }
            for g in agencies {
                for field in ["net", "netPv"] {
                    let over_years = sum(g["years"].as_array().unwrap(), &|y| money(&y[field]));
                    assert_eq!(
                        over_years,
                        money(&g["flow"][field]),
                        "{} {field}",
                        g["agency"]
                    );
                }
                if g["valueType"] == "fiscal" {
                    assert_eq!(
                        money(&g["cashablePv"]) + money(&g["nonCashablePv"]),
                        money(&g["flow"]["netPv"])
                    );
                }
            }
            let central = &s["central"];
            for kind in ["fiscal", "economic", "social"] {
                for field in ["gross", "net", "netPv"] {
                    let over_years = sum(years, &|y| money(&y[kind][field]));
                    assert_eq!(over_years, money(&central[kind][field]), "{kind} {field}");
                    let outcomes = sum(s["outcomes"].as_array().unwrap(), &|o| {
                        money(&o[kind][field])
                    });
                    assert_eq!(
                        outcomes,
                        money(&central[kind][field]),
                        "outcomes {kind} {field}"
                    );
                }
                let of_kind: Vec<Value> = agencies
                    .iter()
                    .filter(|g| g["valueType"] == kind)
                    .cloned()
                    .collect();
                assert_eq!(
                    sum(&of_kind, &|g| money(&g["flow"]["netPv"])),
                    money(&central[kind]["netPv"])
                );
            }
            assert_eq!(
                sum(funders, &|f| money(&f["costsPv"])),
                money(&central["costsPv"])
            );
            let npv = money(&central["benefitsPv"]) - money(&central["costsPv"]);
            assert_eq!(npv, money(&central["npv"]));
        }
    }
}

/// A penny table's cells are each within a penny of their exact share, and a
/// cell with no weight stays at zero.
#[test]
fn penny_tables_stay_within_a_penny_of_the_exact_shares() {
    let rows = [m("100.00"), m("0.05"), m("33.33"), m("0.00"), m("7.77")];
    let weights = vec![
        vec![d("1"), d("1"), d("1")],
        vec![d("0.3"), d("0"), d("0.7")],
        vec![d("2"), d("3"), d("4")],
        vec![d("1"), d("2"), d("3")],
        vec![d("0"), d("0.5"), d("0.5")],
    ];
    let table = penny_table(&rows, &weights, 3).unwrap();
    for (t, (row, w)) in rows.iter().zip(&weights).enumerate() {
        let total: Decimal = w.iter().sum();
        for (s, cell) in table.cells[t].iter().enumerate() {
            let exact = if total.is_zero() {
                Decimal::ZERO
            } else {
                row.as_decimal() * w[s] / total
            };
            assert!(
                (cell.as_decimal() - exact).abs() < d("0.01"),
                "cell {t},{s}: {cell} against {exact}"
            );
            if w[s].is_zero() {
                assert!(cell.is_zero());
            }
        }
        assert_eq!(Money::sum(table.cells[t].iter().copied()).unwrap(), *row);
    }
    for s in 0..3 {
        let column = Money::sum(table.cells.iter().map(|r| r[s])).unwrap();
        assert_eq!(column, table.column_totals[s]);
    }
}

#[test]
fn invalid_rates_are_refused_naming_the_field() {
    for (value, why) in [
        ("-0.1", "negative"),
        ("1.5", "above 1"),
        ("1.0001", "above 1"),
        ("80%", "not a decimal"),
        ("", "empty"),
    ] {
        let mut call = we6_call(None);
        call["scenarios"][0]["outcomes"][0]["success"] = json!(value);
        let a = answer(&call);
        assert_eq!(a["type"], "failure", "{value} ({why})");
        assert_eq!(a["errors"].as_array().unwrap().len(), 1, "{a}");
        assert_eq!(a["errors"][0]["code"], "invalid_rate");
        assert_eq!(a["errors"][0]["path"], "scenarios[0].outcomes[0].success");
    }
    // 0 and 1 are rates.
    for value in ["0", "1", "1.000"] {
        let mut call = we6_call(None);
        call["scenarios"][0]["outcomes"][0]["success"] = json!(value);
        assert_eq!(answer(&call)["type"], "success", "{value}");
    }
}

#[test]
fn answers_use_camel_case_keys_and_carry_a_receipt() {
    let a = answer(&we6_call(None));
    for key in ["baseYear", "parameters", "scenarios", "notes", "receipt"] {
        assert!(a.get(key).is_some(), "missing {key}");
    }
    let s = &a["scenarios"][0];
    for key in [
        "businessAsUsual",
        "horizon",
        "years",
        "central",
        "low",
        "high",
        "byAgency",
        "byFunder",
        "outcomes",
    ] {
        assert!(s.get(key).is_some(), "missing scenarios[0].{key}");
    }
    for key in [
        "costsPv",
        "benefitsPv",
        "npv",
        "fiscalNpv",
        "bcr",
        "roi",
        "payback",
        "paybackPv",
    ] {
        assert!(s["central"].get(key).is_some(), "missing central.{key}");
    }
    assert!(s["central"]["roi"].get("publicValue").is_some());
    for key in [
        "discountFactor",
        "financialYear",
        "fiscalPositionPv",
        "netPv",
    ] {
        assert!(s["years"][0].get(key).is_some(), "missing years[0].{key}");
    }
    assert_eq!(a["receipt"]["engineVersion"], env!("CARGO_PKG_VERSION"));
    // The same call, keys in another order: the same input hash; another call: another hash.
    let text = we6_call(None).to_string();
    let reordered: Value = serde_json::from_str(&text).unwrap();
    let b: Value = serde_json::from_str(
        &api::appraise_json(&serde_json::to_string_pretty(&reordered).unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(a["receipt"]["inputSha256"], b["receipt"]["inputSha256"]);
    let c = answer(&we6_call(Some("0.035")));
    assert_ne!(a["receipt"]["inputSha256"], c["receipt"]["inputSha256"]);
}

/// The optimism-bias grades on benefits, (grade, cut, low case's cut): the New Economy grading from 0%
/// to 40% (domain.md C2 step 7), grades 1–6 cutting 0, 5, 10, 15, 25 and 40%; the low case cuts by the
/// next grade's cut (the last grade's own).
const DOCUMENTED_GRADES: [(u32, &str, &str); 6] = [
    (1, "0", "0.05"),
    (2, "0.05", "0.1"),
    (3, "0.1", "0.15"),
    (4, "0.15", "0.25"),
    (5, "0.25", "0.4"),
    (6, "0.4", "0.4"),
];

#[test]
fn the_defaults_are_the_documented_tables() {
    let ob = &defaults().optimism_bias;
    let table: Vec<(u32, String, String)> = ob
        .grades()
        .iter()
        .map(|g| (g.grade, g.reduction.to_string(), g.upper.to_string()))
        .collect();
    let expected = DOCUMENTED_GRADES;
    assert_eq!(table.len(), expected.len());
    for (got, want) in table.iter().zip(expected) {
        assert_eq!((got.0, got.1.as_str(), got.2.as_str()), want);
    }
    let rag = ob.rag_grades();
    assert_eq!((rag.green, rag.amber, rag.red), (2, 3, 5));
    let bands: Vec<(u32, String)> = defaults()
        .green_book
        .rates
        .bands()
        .iter()
        .map(|b| (b.from_year, b.rate.to_string()))
        .collect();
    assert_eq!(
        bands,
        [
            (0, "0.035"),
            (31, "0.03"),
            (76, "0.025"),
            (126, "0.02"),
            (201, "0.015"),
            (301, "0.01")
        ]
        .map(|(y, r)| (y, r.to_owned()))
    );
    // domain-2026.md §5: the health and sensitivity columns of the Green Book 2026,
    // every rate [V], every schedule of the February 2026 edition.
    let rates = |s: &appraisal::PublishedSchedule| -> Vec<String> {
        s.rates.bands().iter().map(|b| b.rate.to_string()).collect()
    };
    assert_eq!(
        rates(defaults().health),
        ["0.015", "0.0129", "0.0107", "0.0086", "0.0064", "0.0043"]
    );
    assert_eq!(
        rates(defaults().sensitivity),
        ["0.03", "0.0257", "0.0214", "0.0171", "0.0129", "0.0086"]
    );
    for s in [
        &defaults().green_book,
        &defaults().health,
        &defaults().sensitivity,
    ] {
        let years: Vec<u32> = s.rates.bands().iter().map(|b| b.from_year).collect();
        assert_eq!(years, [0, 31, 76, 126, 201, 301], "{:?}", s.id);
        assert_eq!(s.edition, "Green Book 2026 (February 2026)");
        assert_eq!(s.published.to_string(), "2026-02-06");
        assert!(s.evidence.iter().all(|e| *e == "V"), "{:?}", s.id);
        assert!(s
            .source
            .starts_with("HM Treasury, The Green Book (February 2026)"));
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod discounting_properties {
    use super::*;
    use proptest::prelude::*;

    /// A random scenario with positive flows after year 0: costs in year 0,
    /// one to three outcomes with positive values, lags and durations.
    fn scenario() -> impl Strategy<Value = Value> {
        let outcome = (
            1u32..=100,
            1u32..=100,
            0u32..=90,
            0u32..=3,
            1u32..=10,
            0u32..=50,
            prop::collection::vec((1u32..=50_000, 1u32..=6), 1..3),
        )
            .prop_map(|(e, s, dw, lag, dur, drop, values)| {
                json!({
                    "name": "Outcome", "engagement": format!("{}", Decimal::new(i64::from(e), 2)),
                    "success": format!("{}", Decimal::new(i64::from(s), 2)),
                    "deadweight": format!("{}", Decimal::new(i64::from(dw), 2)),
                    "lagYears": lag, "durationYears": dur,
                    "dropOff": format!("{}", Decimal::new(i64::from(drop), 2)),
                    "values": values.iter().enumerate().map(|(i, (amount, grade))| json!({
                        "description": format!("Saving {i}"), "agency": if i % 2 == 0 { "Police" } else { "NHS" },
                        "amount": format!("{amount}.{:02}", amount % 100), "grade": grade
                    })).collect::<Vec<_>>()
                })
            });
        (
            1u32..=2_000,
            1u32..=1_000_000,
            prop::collection::vec(outcome, 1..4),
        )
            .prop_map(|(cohort, cost, outcomes)| {
                json!({
                    "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06",
                    "scenarios": [{
                        "name": "Random", "cohort": cohort,
                        "costs": [{ "year": 0, "funder": "Council", "amount": format!("{cost}") }],
                        "outcomes": outcomes
                    }]
                })
            })
    }

    fn npv_at(call: &Value, rate_per_mille: u32) -> Decimal {
        let mut call = call.clone();
        call["discounting"] = json!({ "schedule": "custom", "bands": [{ "fromYear": 0,
            "rate": format!("{}", Decimal::new(i64::from(rate_per_mille), 3)) }] });
        let a = answer(&call);
        assert_eq!(a["type"], "success", "{a}");
        d(a["scenarios"][0]["central"]["npv"].as_str().unwrap())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// For positive flows after year 0 (costs in year 0), a higher
        /// discount rate never gives a higher NPV: each year's present value
        /// is a penny flow times a smaller factor, rounded to the penny.
        #[test]
        fn npv_never_rises_with_the_discount_rate(call in scenario(), low in 0u32..=150, step in 1u32..=100) {
            let lower = npv_at(&call, low);
            let higher = npv_at(&call, low + step);
            prop_assert!(higher <= lower, "{} at {}‰, {} at {}‰", lower, low, higher, low + step);
        }
    }
}

#[test]
fn appraisal_defaults_lists_what_a_default_appraisal_uses() {
    let given: Value = serde_json::from_str(&api::appraisal_defaults_json().unwrap()).unwrap();
    assert_eq!(given["type"], "success");
    // Today's money: HM Treasury's GDP deflators of March 2026 (2024-25 = 100), whose latest
    // outturn year is 2024/25; unit costs from the UCD v1.2.
    assert_eq!(given["baseYear"], "2024/25");
    assert_eq!(given["deflator"], "hmt-gdp-2026-03");
    assert_eq!(given["unitCostTable"], "ucd-v1.2");
    // The Green Book's declining long-term rates (domain.md D1, Annex 6 Table 6.1; the same in the
    // February 2026 edition): 3.5% to year 30, 3.0% to 75, 2.5% to 125, 2.0% to 200, 1.5% to 300, then 1.0%.
    let bands = |schedule: &Value| -> Vec<(u64, String)> {
        schedule["bands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["fromYear"].as_u64().unwrap(),
                    b["rate"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let green_book: Vec<(u64, String)> = [
        (0, "0.035"),
        (31, "0.03"),
        (76, "0.025"),
        (126, "0.02"),
        (201, "0.015"),
        (301, "0.01"),
    ]
    .map(|(y, r)| (y, r.to_owned()))
    .to_vec();
    assert_eq!(given["discounting"]["schedule"], "greenBook");
    assert_eq!(
        given["discounting"]["edition"],
        "Green Book 2026 (February 2026)"
    );
    assert_eq!(bands(&given["discounting"]), green_book);
    let schedules = given["schedules"].as_array().unwrap();
    let names: Vec<&str> = schedules
        .iter()
        .map(|s| s["schedule"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["greenBook", "health", "sensitivity"]);
    assert_eq!(bands(&schedules[0]), green_book);
    // Health: 1.5% to year 30 (Green Book 2018 §5.35, risk-to-life values).
    assert_eq!(bands(&schedules[1])[0], (0, "0.015".to_owned()));
    // The sensitivity test: 3.5% less the 0.5% pure time preference = 3.0% to year 30.
    assert_eq!(bands(&schedules[2])[0], (0, "0.03".to_owned()));
    // Optimism bias on benefits: the documented grading (DOCUMENTED_GRADES).
    let grades: Vec<(u32, &str, &str)> = given["optimismBias"]["grades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let grade = g["grade"].as_u64().and_then(|n| u32::try_from(n).ok());
            (
                grade.unwrap(),
                g["reduction"].as_str().unwrap(),
                g["upper"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(grades, DOCUMENTED_GRADES);
    assert_eq!(
        given["optimismBias"]["ragGrades"],
        json!({ "G": 2, "A": 3, "R": 5 })
    );
    assert_eq!(
        given["roiDefinitions"]["economic"],
        json!({ "benefits": ["fiscal", "economic"], "net": false })
    );
    assert_eq!(given["maxHorizon"], 200);
    // The same as the parameters an appraisal with no parameters of its own reports.
    let appraised = self::answer(&json!({ "scenarios": [{ "name": "probe", "cohort": 0 }] }));
    assert_eq!(appraised["baseYear"], given["baseYear"]);
    assert_eq!(appraised["parameters"]["discounting"], given["discounting"]);
    assert_eq!(
        appraised["parameters"]["optimismBias"],
        given["optimismBias"]
    );
    assert_eq!(
        appraised["parameters"]["roiDefinitions"],
        given["roiDefinitions"]
    );
}
