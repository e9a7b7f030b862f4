//! Native tests of the unit-cost library and family costing, through the
//! public Rust API and the JSON twin of `costFamily`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use community_budget::api;
use community_budget::costs::{cost_family, CostItem, FinancialYear, UnitCostTable};
use community_budget::money::{Money, Rounding};
use rust_decimal::Decimal;
use serde_json::Value;

fn year(y: &str) -> FinancialYear {
    FinancialYear::parse(y).unwrap()
}

#[test]
fn the_national_table_has_all_63_rows_and_the_index_its_29_years() {
    let table = UnitCostTable::national().unwrap();
    assert_eq!(table.rows().len(), 63);
    assert_eq!(table.deflator().years().len(), 29);
    assert_eq!(table.deflator().years()[0].year.to_string(), "1989/90");
    assert_eq!(table.id(), "ucd-v1.2");
    assert_eq!(table.sha256().len(), 64);
}

/// Re-basing every row to 2013/14 and rounding to the pound gives the UCD's
/// published 2013/14 column for all 63 rows: none is off by one. (The penny
/// value is rounded to the pound half away from zero; no row lands within a
/// penny of a half pound, so double rounding changes none.)
#[test]
fn rebasing_every_row_to_2013_14_matches_the_published_column_to_the_pound() {
    let table = UnitCostTable::national().unwrap();
    let mut checked = 0;
    for row in table.rows() {
        let published = row
            .published_2013_14
            .expect("every national row has a 2013/14 value");
        let rebased = table.unit_cost_at(row, year("2013/14")).unwrap();
        assert_eq!(
            rebased.round(Rounding::Pound),
            published.round(Rounding::Pound),
            "{} re-based to {rebased}",
            row.code
        );
        checked += 1;
    }
    assert_eq!(checked, 63);
}

#[test]
fn rebasing_follows_the_published_worked_examples() {
    let table = UnitCostTable::national().unwrap();
    let d = table.deflator();
    // shared/ucd/README.md: CR1.0, 500 at 2002/03 → 500 × 178.383195 / 137.744017 = 647.517… → 647.52.
    assert_eq!(
        d.rebase(
            Money::parse("500").unwrap(),
            year("2002/03"),
            year("2013/14")
        )
        .unwrap()
        .to_string(),
        "647.52"
    );
    // domain.md WE5: A&E 109 (2011/12) × 178.3832 / 171.7957 = 113.18.
    assert_eq!(
        d.rebase(
            Money::parse("109").unwrap(),
            year("2011/12"),
            year("2013/14")
        )
        .unwrap()
        .to_string(),
        "113.18"
    );
    // Same year: unchanged, written to the penny.
    assert_eq!(
        d.rebase(
            Money::parse("89.3").unwrap(),
            year("2013/14"),
            year("2013/14")
        )
        .unwrap()
        .to_string(),
        "89.30"
    );
    // Backwards in time: 647.52 at 2013/14 to 2002/03 = 647.52 × 137.744017 / 178.383195 = 500.0037… → 500.00.
    assert_eq!(
        d.rebase(
            Money::parse("647.52").unwrap(),
            year("2013/14"),
            year("2002/03")
        )
        .unwrap()
        .to_string(),
        "500.00"
    );
    assert!(d
        .rebase(Money::parse("1").unwrap(), year("1988/89"), year("2013/14"))
        .is_err());
}

#[test]
fn financial_years_are_written_yyyy_slash_yy() {
    assert_eq!(year("1999/00").to_string(), "1999/00");
    assert_eq!(year("2013/14").start(), 2013);
    for bad in [
        "2013", "2013/15", "2013-14", "13/14", "2013/1", "", "abcd/ef", "2013/14 ",
    ] {
        assert!(
            FinancialYear::parse(bad).is_err(),
            "{bad:?} should be refused"
        );
    }
}

/// The Salford-style family of the issue, through the domain API. Lines and
/// totals worked by hand (2013/14 index 178.383195):
///   CR1.0 500 (2002/03, 137.744017) → 647.5170… → 647.52 × 58 = 37,556.16   Police
///   CR6.0 593 (2006/07, 151.149235) → 699.8463… → 699.85 × 5  =  3,499.25   Police
///   HE9.0 214 (2011/12, 171.795689) → 222.2058… → 222.21 × 5  =  1,111.05   NHS
///   HE3.0 109 (2011/12)             → 113.1796… → 113.18 × 5  =    565.90   NHS
///   injunction, local 1249 (2006/07) → 1474.0439… → 1474.04 × 2 = 2,948.08  Local Authority
///   council-tax summons, local 100 (2013/14) → 100.00 × 1       =    100.00  Local Authority
///   Police 41,055.41; Local Authority 3,048.08; NHS 1,676.95; total 45,780.44.
#[test]
fn a_salford_style_family_is_costed_by_agency() {
    use community_budget::costs::{Agency, LocalRow};
    let national = UnitCostTable::national().unwrap();
    let local = [
        LocalRow {
            code: "INJ".into(),
            description: "Injunction".into(),
            agency: Agency {
                level1: "Local authority".into(),
                level2: "Housing Services".into(),
            },
            unit: "Each".into(),
            cost: Money::parse("1249").unwrap(),
            price_year: year("2006/07"),
            rag: None,
            source: "UCD draft merged row".into(),
        },
        LocalRow {
            code: "CTAX".into(),
            description: "Council-tax arrears summons".into(),
            agency: Agency {
                level1: "Local Authority".into(),
                level2: "Revenues".into(),
            },
            unit: "Each".into(),
            cost: Money::parse("100").unwrap(),
            price_year: year("2013/14"),
            rag: None,
            source: "Local assumption".into(),
        },
    ];
    let table = national.with_local_rows(&local).unwrap();
    let items: Vec<CostItem> = [
        ("CR1.0", 58),
        ("CR6.0", 5),
        ("HE9.0", 5),
        ("HE3.0", 5),
        ("INJ", 2),
        ("CTAX", 1),
    ]
    .iter()
    .map(|(code, q)| CostItem {
        code: (*code).into(),
        quantity: Decimal::from(*q),
    })
    .collect();
    let cost = cost_family(&table, year("2013/14"), &items).unwrap();
    let lines: Vec<(String, String, String)> = cost
        .lines
        .iter()
        .map(|l| {
            (
                l.row.code.clone(),
                l.unit_cost.to_string(),
                l.line_cost.to_string(),
            )
        })
        .collect();
    let expected = [
        ("CR1.0", "647.52", "37556.16"),
        ("CR6.0", "699.85", "3499.25"),
        ("HE9.0", "222.21", "1111.05"),
        ("HE3.0", "113.18", "565.90"),
        ("INJ", "1474.04", "2948.08"),
        ("CTAX", "100.00", "100.00"),
    ];
    for (got, want) in lines.iter().zip(expected) {
        assert_eq!((got.0.as_str(), got.1.as_str(), got.2.as_str()), want);
    }
    let by_agency: Vec<(String, String)> = cost
        .by_agency
        .iter()
        .map(|t| (t.agency.clone(), t.amount.to_string()))
        .collect();
    assert_eq!(
        by_agency,
        [
            ("Police".to_owned(), "41055.41".to_owned()),
            ("Local Authority".to_owned(), "3048.08".to_owned()),
            ("NHS".to_owned(), "1676.95".to_owned()),
        ]
    );
    assert_eq!(cost.total.to_string(), "45780.44");
    // Agency totals add up to the grand total exactly.
    assert_eq!(
        Money::sum(cost.by_agency.iter().map(|t| t.amount)).unwrap(),
        cost.total
    );
    assert_eq!(
        Money::sum(cost.by_sub_agency.iter().map(|t| t.amount)).unwrap(),
        cost.total
    );
}

#[test]
fn only_rows_split_by_agency_are_costed_through_their_parts() {
    let table = UnitCostTable::national().unwrap();
    let through = |code: &str| -> Vec<String> {
        table
            .costed_parts(table.get(code).unwrap())
            .iter()
            .map(|r| r.code.clone())
            .collect()
    };
    assert_eq!(
        through("CR2.0"),
        ["CR2.0.1", "CR2.0.2", "CR2.0.3", "CR2.0.4", "CR2.0.5"]
    );
    assert_eq!(through("E&E1.0"), ["E&E1.0.1", "E&E1.0.2"]);
    // CR4.0 and SS2.0 have parts, but all of one agency: costed as published.
    assert!(through("CR4.0").is_empty());
    assert!(through("SS2.0").is_empty());
    // Multiple, but no parts in the extract: costed as itself.
    assert!(through("E&E3.0").is_empty());
}

#[test]
fn the_shared_fixtures_hold_natively() {
    common::check_natively(
        common::cost_family_cases(),
        "costFamily",
        api::cost_family_json,
    );
}

#[test]
fn receipts_identify_engine_data_and_input() {
    let a: Value = serde_json::from_str(
        &api::cost_family_json(r#"{"baseYear":"2013/14","items":[{"code":"CR1.0","quantity":1}]}"#)
            .unwrap(),
    )
    .unwrap();
    let b: Value = serde_json::from_str(
        &api::cost_family_json(
            r#"{ "items": [ {"quantity": 1, "code": "CR1.0"} ], "baseYear": "2013/14" }"#,
        )
        .unwrap(),
    )
    .unwrap();
    let c: Value = serde_json::from_str(
        &api::cost_family_json(r#"{"baseYear":"2013/14","items":[{"code":"CR1.0","quantity":2}]}"#)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(a["receipt"]["engineVersion"], env!("CARGO_PKG_VERSION"));
    assert_eq!(a["receipt"]["unitCostTable"]["id"], "ucd-v1.2");
    // The same call written differently has the same input hash; a different call does not.
    assert_eq!(a["receipt"]["inputSha256"], b["receipt"]["inputSha256"]);
    assert_ne!(a["receipt"]["inputSha256"], c["receipt"]["inputSha256"]);
    // The table hash is the SHA-256 of the two data files joined by a newline (README, "Receipts").
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(include_bytes!("../data/ucd_v1_2.tsv"));
    h.update(b"\n");
    h.update(include_bytes!("../data/gdp_deflator_ucd_v1_2.tsv"));
    let want: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(a["receipt"]["unitCostTable"]["sha256"], want);
}

#[test]
fn unit_costs_lists_every_row_with_its_provenance() {
    let v: Value = serde_json::from_str(&api::unit_costs_json().unwrap()).unwrap();
    assert_eq!(v["type"], "success");
    assert_eq!(v["rows"].as_array().unwrap().len(), 63);
    let cr10 = &v["rows"][0];
    assert_eq!(cr10["code"], "CR1.0");
    assert_eq!(cr10["originalCost"], "500");
    assert_eq!(cr10["priceYear"], "2002/03");
    assert_eq!(cr10["published2013_14"], "648");
    assert_eq!(cr10["rag"], "R");
    assert_eq!(v["years"][24]["year"], "2013/14");
    assert_eq!(v["years"][24]["forecast"], true);
    // The HO rows spell "Local authority"; displayed with the table's first spelling.
    let ho1 = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "HO1.0")
        .unwrap();
    assert_eq!(ho1["agency"], "Local Authority");
}
