//! Issue "Today's money": the whole UCD, HM Treasury's March 2026 deflators
//! (the default), chain-linking, forecast years, a council's own table, and
//! the receipts that name them. Every figure is worked by hand from the
//! published rows and index values (data/ucd_v1_2.tsv,
//! data/gdp_deflator_hmt_2026_03.tsv, data/gdp_deflator_ucd_v1_2.tsv).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use community_budget::api;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn cost(call: Value) -> Value {
    serde_json::from_str(&api::cost_family_json(&call.to_string()).unwrap()).unwrap()
}

fn line(answer: &Value, code: &str) -> (String, String) {
    let l = answer["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == code)
        .unwrap_or_else(|| panic!("no line {code} in {answer}"));
    (
        l["unitCost"].as_str().unwrap().to_owned(),
        l["lineCost"].as_str().unwrap().to_owned(),
    )
}

fn agency(answer: &Value, name: &str) -> String {
    answer["byAgency"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agency"] == name)
        .unwrap_or_else(|| panic!("no agency {name} in {answer}"))["amount"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// domain.md WE5, the Salford-style family, priced at 2024/25 under the HM
/// Treasury March 2026 series (2024/25 = 100): no baseYear and no deflator
/// are sent, so the answer is in today's money.
///   CR1.0 £500 (2002/03, 56.6000) → 500 × 100 ÷ 56.6 = 883.3922… → 883.39 × 58 = 51,236.62 Police
///   CR6.0 £593 (2006/07, 63.2017) → 938.2659… → 938.27 × 5 = 4,691.35 Police
///   HE9.0 £214 (2011/12, 70.3261) → 304.2966… → 304.30 × 5 = 1,521.50 NHS
///   HE3.0 £109 (2011/12, 70.3261) → 154.9922… → 154.99 × 5 = 774.95 NHS
///   injunction, local £1,249 (2006/07) → 1,976.2126… → 1,976.21 × 2 = 3,952.42 Local Authority
///   summons, local £100 (2013/14, 73.0337) → 136.9230… → 136.92 × 1 = 136.92 Local Authority
///   Police 55,927.97; Local Authority 4,089.34; NHS 2,296.45; total 62,313.76.
#[test]
fn the_salford_style_family_in_2024_25_prices() {
    let a = cost(json!({
        "items": [
            {"code": "CR1.0", "quantity": 58}, {"code": "CR6.0", "quantity": 5},
            {"code": "HE9.0", "quantity": 5}, {"code": "HE3.0", "quantity": 5},
            {"code": "INJ", "quantity": 2}, {"code": "SUM", "quantity": 1}
        ],
        "localRows": [
            {"code": "INJ", "description": "Injunction", "agencyL1": "Local Authority", "cost": "1249", "priceYear": "2006/07"},
            {"code": "SUM", "description": "Council-tax summons", "agencyL1": "Local Authority", "cost": "100", "priceYear": "2013/14"}
        ]
    }));
    assert_eq!(a["type"], "success", "{a}");
    assert_eq!(a["baseYear"], "2024/25");
    assert_eq!(a["deflator"], "hmt-gdp-2026-03");
    assert_eq!(a["unitCostTable"], "ucd-v1.2");
    assert_eq!(line(&a, "CR1.0"), ("883.39".into(), "51236.62".into()));
    assert_eq!(line(&a, "CR6.0"), ("938.27".into(), "4691.35".into()));
    assert_eq!(line(&a, "HE9.0"), ("304.30".into(), "1521.50".into()));
    assert_eq!(line(&a, "HE3.0"), ("154.99".into(), "774.95".into()));
    assert_eq!(line(&a, "INJ"), ("1976.21".into(), "3952.42".into()));
    assert_eq!(line(&a, "SUM"), ("136.92".into(), "136.92".into()));
    assert_eq!(agency(&a, "Police"), "55927.97");
    assert_eq!(agency(&a, "Local Authority"), "4089.34");
    assert_eq!(agency(&a, "NHS"), "2296.45");
    assert_eq!(a["total"], "62313.76");
    // 2024/25 is an outturn: no forecast note.
    assert!(!a["notes"].to_string().contains("forecast_index"));
    // The receipt names the table and the series with their hashes.
    assert_eq!(a["receipt"]["deflator"]["id"], "hmt-gdp-2026-03");
    assert_eq!(
        a["receipt"]["deflator"]["sha256"],
        hex(include_bytes!("../data/gdp_deflator_hmt_2026_03.tsv"))
    );
    assert_eq!(
        a["receipt"]["unitCostTable"]["sha256"],
        hex(include_bytes!("../data/ucd_v1_2.tsv"))
    );
}

/// A price year before the series starts (2000/01) is chain-linked through
/// the UCD v1.2 index at 2000/01: £1,000 at 1995/96 in 2024/25 prices is
///   1000 × UCD[2000/01] ÷ UCD[1995/96] × HMT[2024/25] ÷ HMT[2000/01]
///   = 1000 × 131.043281 ÷ 124.135245 × 100 ÷ 54.3697 = 1,941.6131… → 1,941.61,
/// and the line says so.
#[test]
fn a_price_year_before_the_series_is_chain_linked_through_the_ucd_index() {
    let a = cost(json!({
        "baseYear": "2024/25",
        "items": [{"code": "OLD", "quantity": 1}],
        "localRows": [{"code": "OLD", "description": "A 1995/96 cost", "agencyL1": "Police", "cost": "1000", "priceYear": "1995/96"}]
    }));
    assert_eq!(a["type"], "success", "{a}");
    assert_eq!(line(&a, "OLD"), ("1941.61".into(), "1941.61".into()));
    let note = a["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["code"] == "chain_linked")
        .expect("a chain_linked note");
    assert!(
        note["message"].as_str().unwrap().contains("2000/01"),
        "{note}"
    );
    assert_eq!(note["path"], "items[0]");
}

/// 2025/26 is an OBR forecast in the March 2026 series: CR1.0 is
/// 500 × 103.2388 ÷ 56.6000 = 912.0035… → 912.00, with the forecast note.
#[test]
fn a_forecast_year_is_priced_and_marked() {
    let a = cost(json!({"baseYear": "2025/26", "items": [{"code": "CR1.0", "quantity": 1}]}));
    assert_eq!(line(&a, "CR1.0"), ("912.00".into(), "912.00".into()));
    let note = a["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["code"] == "forecast_index")
        .expect("a forecast note");
    assert!(note["message"]
        .as_str()
        .unwrap()
        .contains("hmt-gdp-2026-03"));
    // Beyond the series: an unknown year naming the series and its range.
    let e = cost(json!({"baseYear": "2031/32", "items": []}));
    assert_eq!(e["errors"][0]["code"], "unknown_year");
    assert_eq!(e["errors"][0]["path"], "baseYear");
    assert!(e["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("1989/90 to 2030/31"));
}

/// CR2.0 (Multiple, 2008/09, HMT 66.8397) is costed through its five parts at
/// 2024/25:
///   CR2.0.1 NHS 1171 → 1,751.9528… → 1,751.95; CR2.0.2 CJS 581 → 869.2438… → 869.24;
///   CR2.0.3 Police 415 → 620.8884… → 620.89; CR2.0.4 LA 193 → 288.7505… → 288.75;
///   CR2.0.5 LA 110 → 164.5728… → 164.57; unit cost 3,695.40; LA 288.75 + 164.57 = 453.32.
#[test]
fn cr2_0_is_costed_through_its_parts_in_todays_money() {
    let a = cost(json!({"items": [{"code": "CR2.0", "quantity": 1}]}));
    assert_eq!(line(&a, "CR2.0"), ("3695.40".into(), "3695.40".into()));
    assert_eq!(agency(&a, "NHS"), "1751.95");
    assert_eq!(agency(&a, "Criminal Justice System"), "869.24");
    assert_eq!(agency(&a, "Police"), "620.89");
    assert_eq!(agency(&a, "Local Authority"), "453.32");
}

/// The UCD's own index still reproduces the published 2013/14 figures:
/// CR1.0 is 500 × 178.383195 ÷ 137.744017 = 647.517… → 647.52.
#[test]
fn the_ucd_series_reproduces_the_published_database() {
    let a = cost(json!({
        "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06",
        "items": [{"code": "CR1.0", "quantity": 1}]
    }));
    assert_eq!(line(&a, "CR1.0"), ("647.52".into(), "647.52".into()));
    assert_eq!(a["receipt"]["deflator"]["id"], "ucd-v1.2-ons-2013-06");
}

/// v1.4 renumbered: a code is read only under the table the call names.
/// v1.2 CR6.0 is "arrest, detained", £593 at 2006/07; v1.4 CR6.0 is a youth
/// court event, £6,837 at 2008/09: at 2024/25, 6837 × 100 ÷ 66.8397 =
/// 10,228.9462… → 10,228.95.
#[test]
fn a_code_means_what_its_table_says() {
    let v12 = cost(json!({"items": [{"code": "CR6.0", "quantity": 1}]}));
    assert_eq!(line(&v12, "CR6.0").0, "938.27");
    let v14 =
        cost(json!({"unitCostTable": "ucd-v1.4", "items": [{"code": "CR6.0", "quantity": 1}]}));
    assert_eq!(v14["unitCostTable"], "ucd-v1.4");
    assert_eq!(line(&v14, "CR6.0").0, "10228.95");
    // A code the table lacks is unknown, and the message names the table.
    let e =
        cost(json!({"unitCostTable": "ucd-v1.4", "items": [{"code": "CR7.0.3a", "quantity": 1}]}));
    assert_eq!(e["errors"][0]["code"], "unknown_code");
    assert!(e["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("ucd-v1.4"));
    // An unknown table or series is a failure naming the field.
    let e = cost(json!({"unitCostTable": "ucd-v9", "deflator": "hmt-1999", "items": []}));
    let got: Vec<(&str, &str)> = e["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_str().unwrap(), e["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("unknown_series", "deflator"),
            ("unknown_table", "unitCostTable")
        ]
    );
}

const COUNCIL_CSV: &str = "code,description,agency_l1,agency_l2,unit,cost,price_year,rag,source\n\
PCO,Police call-out,Police,,Per incident,\"£1,200.00\",2024/25,A,Local audit 2025\n\
BAD1,Summons,Local Authority,,Per summons,12;50,2024/25,G,Local\n\
BAD2,,Multiple,,Each,-5,2024-25,X,Local\n\
EVICT,Eviction,Local Authority,Housing,Per incident,6680,2010-11,a,Local\n";

/// A council table is read cell by cell: the bad rows are refused with their
/// line and column, the good ones kept, and the counts reconcile.
///   line 3: cost "12;50" → invalid_money (column 6);
///   line 4: description empty (2), agency Multiple (3), cost −5 (6), RAG X (8)
///   (2024-25 is read as 2024/25).
#[test]
fn a_council_table_is_refused_cell_by_cell_and_the_good_rows_kept() {
    let answer: Value = serde_json::from_str(
        &api::read_unit_cost_table_json(
            &json!({"name": "Testshire 2025", "csv": COUNCIL_CSV}).to_string(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(answer["type"], "success", "{answer}");
    assert_eq!(answer["table"]["id"], "council:Testshire 2025");
    assert_eq!(answer["table"]["sha256"], hex(COUNCIL_CSV.as_bytes()));
    assert_eq!(answer["rowsRead"], 4);
    assert_eq!(answer["rowsAccepted"], 2);
    assert_eq!(answer["rowsRejected"], 2);
    let problems: Vec<(u64, u64, &str, &str)> = answer["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["column"].as_u64().unwrap(),
                p["columnName"].as_str().unwrap(),
                p["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            (3, 6, "cost", "invalid_money"),
            (4, 2, "description", "invalid_field"),
            (4, 3, "agency_l1", "invalid_field"),
            (4, 6, "cost", "invalid_money"),
            (4, 8, "rag", "invalid_field"),
        ]
    );
    let codes: Vec<&str> = answer["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["PCO", "EVICT"]);
    // A file without a required column cannot be read at all.
    let e: Value = serde_json::from_str(
        &api::read_unit_cost_table_json(
            &json!({"name": "X", "csv": "code,description,cost\nA,B,1\n"}).to_string(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(e["type"], "failure");
    assert_eq!(e["errors"][0]["code"], "missing_column");
    assert_eq!(e["errors"][0]["path"], "csv");
}

/// A good council table costs a family, alone or on top of UCD v1.2, and its
/// hash is in the receipt.
///   PCO £1,200.00 at 2024/25 → 1,200.00 × 2 = 2,400.00 Police;
///   EVICT £6,680 at 2010/11 (HMT 68.8561) → 6680 × 100 ÷ 68.8561 = 9,701.3917… → 9,701.39 LA.
///   On UCD v1.2, CR1.0 is 883.39 (as above): total 2,400.00 + 9,701.39 + 883.39 = 12,984.78.
#[test]
fn a_council_table_costs_a_family_and_is_in_the_receipt() {
    let council = json!({"name": "Testshire 2025", "csv": COUNCIL_CSV});
    let alone = cost(json!({
        "councilTable": council,
        "items": [{"code": "PCO", "quantity": 2}, {"code": "EVICT", "quantity": 1}]
    }));
    assert_eq!(alone["type"], "success", "{alone}");
    assert_eq!(line(&alone, "PCO"), ("1200.00".into(), "2400.00".into()));
    assert_eq!(line(&alone, "EVICT"), ("9701.39".into(), "9701.39".into()));
    assert_eq!(alone["total"], "12101.39");
    assert_eq!(alone["unitCostTable"], "council:Testshire 2025");
    assert_eq!(
        alone["receipt"]["unitCostTable"]["sha256"],
        hex(COUNCIL_CSV.as_bytes())
    );
    assert!(alone["receipt"].get("extendsTable").is_none());
    // The rows left out are said in a note.
    assert!(alone["notes"].to_string().contains("council_rows_left_out"));
    // Alone, a UCD code is unknown; a rejected council code says why.
    let e = cost(json!({
        "councilTable": council,
        "items": [{"code": "CR1.0", "quantity": 1}, {"code": "BAD1", "quantity": 1}]
    }));
    assert_eq!(e["errors"][0]["code"], "unknown_code");
    assert!(e["errors"][1]["message"]
        .as_str()
        .unwrap()
        .contains("line 3"));
    // On top of UCD v1.2.
    let over = cost(json!({
        "councilTable": {"name": "Testshire 2025", "csv": COUNCIL_CSV, "extends": "ucd-v1.2"},
        "items": [{"code": "PCO", "quantity": 2}, {"code": "EVICT", "quantity": 1}, {"code": "CR1.0", "quantity": 1}]
    }));
    assert_eq!(over["type"], "success", "{over}");
    assert_eq!(over["total"], "12984.78");
    assert_eq!(
        over["receipt"]["unitCostTable"]["id"],
        "council:Testshire 2025"
    );
    assert_eq!(over["receipt"]["extendsTable"]["id"], "ucd-v1.2");
    let origin = over["lines"][0]["origin"].as_str().unwrap();
    assert_eq!(origin, "council");
    // Both unitCostTable and councilTable: refused.
    let both = cost(json!({"unitCostTable": "ucd-v1.2", "councilTable": council, "items": []}));
    assert_eq!(both["errors"][0]["path"], "unitCostTable");
}

/// A council table drives a cohort report: two families, the first with two
/// police call-outs (2 × 1,200.00 = 2,400.00), the second one eviction
/// (9,701.39): 12,101.39 a year; the report says its price base, series and table.
#[test]
fn a_council_table_drives_a_cohort_report() {
    let csv = "family,age,role,PCO,EVICT\n1,40,parent,2,\n2,35,parent,,1\n";
    let options = json!({
        "rulePack": "tf-2015", "assessmentDate": "2015-06-30", "appraisal": null,
        "councilTable": {"name": "Testshire 2025", "csv": COUNCIL_CSV}
    });
    let answer =
        serde_json::to_value(api::run_cohort_value(csv.as_bytes(), &options).unwrap()).unwrap();
    assert_eq!(answer["type"], "success", "{answer}");
    let figure = |key: &str| common::figure(&answer, key);
    assert_eq!(figure("annualCost"), "12101.39");
    assert_eq!(figure("priceBase"), "2024/25 prices");
    assert!(figure("deflator")
        .as_str()
        .unwrap()
        .starts_with("hmt-gdp-2026-03"));
    assert_eq!(figure("unitCostTable"), "council:Testshire 2025");
    let receipt = &answer["report"]["receipt"];
    assert_eq!(
        receipt["unitCostTable"]["sha256"],
        hex(COUNCIL_CSV.as_bytes())
    );
    assert_eq!(receipt["deflator"]["id"], "hmt-gdp-2026-03");
}

/// The hashes `build.rs` writes for the receipts are the files' own.
#[test]
fn the_built_in_hashes_are_the_files_hashes() {
    use community_budget::costs::{hashes, DeflatorSeries, UnitCostTable};
    assert_eq!(
        hashes::UCD_V1_2_SHA256,
        hex(include_bytes!("../data/ucd_v1_2.tsv"))
    );
    assert_eq!(
        hashes::UCD_V1_4_SHA256,
        hex(include_bytes!("../data/ucd_v1_4.tsv"))
    );
    assert_eq!(
        UnitCostTable::builtin("ucd-v1.4").unwrap().sha256(),
        hashes::UCD_V1_4_SHA256
    );
    assert_eq!(
        DeflatorSeries::builtin("hmt-gdp-2026-03").unwrap().sha256(),
        hashes::HMT_2026_03_SHA256
    );
    assert_eq!(
        DeflatorSeries::builtin("ucd-v1.2-ons-2013-06")
            .unwrap()
            .sha256(),
        hashes::UCD_V1_2_INDEX_SHA256
    );
}

/// A module that does not carry a table's data loads the file from beside
/// it; only the file as built is taken.
#[test]
fn a_built_in_table_loads_only_from_its_own_file() {
    let load = |id: &str, tsv: &str| -> Value {
        serde_json::from_str(
            &api::load_unit_cost_table_json(&json!({"id": id, "tsv": tsv}).to_string()).unwrap(),
        )
        .unwrap()
    };
    let ok = load("ucd-v1.4", include_str!("../data/ucd_v1_4.tsv"));
    assert_eq!(ok["type"], "success", "{ok}");
    assert_eq!(ok["table"]["id"], "ucd-v1.4");
    assert_eq!(ok["rowCount"], 674);
    let altered = include_str!("../data/ucd_v1_4.tsv").replacen("6837", "6838", 1);
    let bad = load("ucd-v1.4", &altered);
    assert_eq!(bad["type"], "failure");
    assert_eq!(bad["errors"][0]["code"], "invalid_data");
    assert_eq!(bad["errors"][0]["path"], "tsv");
    let unknown = load("ucd-v3.0", "x");
    assert_eq!(unknown["errors"][0]["code"], "unknown_table");
    assert_eq!(unknown["errors"][0]["path"], "id");
}
