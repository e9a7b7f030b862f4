//! The cohort pipeline, natively: a small cohort worked by hand (with a bad
//! row of every kind), streaming in any chunks, failures of the options and
//! the header, the seam for further steps, and the cohort against the
//! per-family calls on generated families.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeMap;

use common::figure;
use community_budget::api;
use community_budget::cohort::generate::{self, Params};
use community_budget::cohort::{Assessed, CohortStep, Context, FamilyStep, Run};
use community_budget::date::Date;
use community_budget::error::Result;
use community_budget::report::{Cell, CellKind, Column, Section, Table};
use serde_json::{json, Value};

fn options() -> Value {
    serde_json::from_str(common::COHORT_OPTIONS).unwrap()
}

/// The answer to the small cohort, as JSON.
fn small() -> Value {
    let answer = api::run_cohort_value(common::COHORT_CSV.as_bytes(), &options()).unwrap();
    serde_json::to_value(answer).unwrap()
}

fn table<'a>(answer: &'a Value, id: &str) -> &'a Value {
    answer["report"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["tables"].as_array().unwrap())
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no table {id}"))
}

/// A table's rows and totals as text cells, as the CSV writes them.
fn rows(t: &Value) -> Vec<Vec<String>> {
    let text = |c: &Value| match c {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .chain(t.get("totals"))
        .map(|r| r.as_array().unwrap().iter().map(text).collect())
        .collect()
}

// Unit costs at 2013/14 prices (index 2013/14 = 178.383195), each rounded to
// the penny, halves away from zero:
//   CR1.0  500 (2002/03, 137.744017)   → 647.5170… → 647.52   Police
//   CR6.0  593 (2006/07, 151.149235)   → 699.8463… → 699.85   Police
//   HE3.0  109 (2011/12, 171.795689)   → 113.1796… → 113.18   NHS
//   CR2.0  through its parts (2008/09, 159.281487):
//          CR2.0.1 1171 → 1311.4312… → 1311.43   NHS
//          CR2.0.2  581 →  650.6759… →  650.68   Criminal Justice System
//          CR2.0.3  415 →  464.7685… →  464.77   Police
//          CR2.0.4  193 →  216.1453… →  216.15   Local Authority
//          CR2.0.5  110 →  123.1916… →  123.19   Local Authority
//          unit cost 1311.43 + 650.68 + 464.77 + 216.15 + 123.19 = 2766.22
//
// The families (tf-2015, assessed on 2015-06-30; the crime and abuse windows
// run from 2014-06-30, the school window is the last three terms):
//   1 (lines 2-3)  offence 2015-01-10 (crime) and JSA since 2014 (worklessness): 2 headlines, eligible
//                  CR6.0 × 1 = 699.85 Police; HE3.0 × 2 = 226.36 NHS; total 926.21
//   2 (lines 4-5)  mental health (health) and abuse on 2015-03-01 (domestic abuse): eligible
//                  CR2.0 × 1 = 2766.22 (parts above); CR1.0 × 2 = 1295.04 Police; total 4061.26
//   3 (lines 6-8)  absence (20 + 10 + 9) of (140 + 120 + 130) = 39 of 390 = exactly 10 % ≥ 10 % (school);
//                  a job, not a benefit: 1 headline, not eligible. HE3.0 × 1 = 113.18 NHS.
//                  (Line 6's note holds a line break, so line 8 is the next row.)
//   4 (lines 9-10) one term recorded: 10 of 100 = exactly 10 % (school), child in need: eligible.
//                  CR1.0 × 1 = 647.52 Police
//   5 to 14: one bad row each kind (lines 11-22), so each family is left out.
#[test]
fn the_small_cohort_gives_the_hand_worked_tables() {
    let answer = small();
    assert_eq!(answer["type"], "success", "{answer:#}");

    // Rows: 20 read (the header is line 1; lines 6-7 are one row);
    // 8 processed (families 1-4) + 12 rejected (families 5-14) = 20.
    assert_eq!(figure(&answer, "rowsRead"), json!(20));
    assert_eq!(figure(&answer, "rowsProcessed"), json!(8));
    assert_eq!(figure(&answer, "rowsRejected"), json!(12));
    // Families: 14 read = 4 processed (1-4) + 10 rejected (5-14), the six
    // figures in that order.
    let keys: Vec<&str> = answer["report"]["summary"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["key"].as_str())
        .take(6)
        .collect();
    assert_eq!(
        keys,
        [
            "rowsRead",
            "rowsProcessed",
            "rowsRejected",
            "familiesRead",
            "familiesProcessed",
            "familiesRejected"
        ]
    );
    assert_eq!(figure(&answer, "familiesRead"), json!(14));
    assert_eq!(figure(&answer, "familiesProcessed"), json!(4));
    assert_eq!(figure(&answer, "familiesRejected"), json!(10));
    assert_eq!(figure(&answer, "eligibleFamilies"), json!(3));
    // 926.21 + 4061.26 + 113.18 + 647.52 = 5748.17; less family 3's 113.18 = 5634.99.
    assert_eq!(figure(&answer, "annualCost"), json!("5748.17"));
    assert_eq!(figure(&answer, "annualCostEligible"), json!("5634.99"));

    assert_eq!(
        rows(table(&answer, "decisions")),
        [
            ["Eligible", "3", "75.0 %", "5634.99"],
            ["Not eligible", "1", "25.0 %", "113.18"],
            ["Total", "4", "100.0 %", "5748.17"],
        ]
    );
    assert_eq!(
        rows(table(&answer, "criteria")),
        [
            [
                "Crime and anti-social behaviour",
                "Criterion",
                "1",
                "25.0 %"
            ],
            ["School attendance", "Criterion", "2", "50.0 %"],
            ["Children who need help", "Criterion", "1", "25.0 %"],
            [
                "Worklessness and financial exclusion",
                "Criterion",
                "1",
                "25.0 %"
            ],
            ["Domestic violence and abuse", "Criterion", "1", "25.0 %"],
            ["Health", "Criterion", "1", "25.0 %"],
        ]
    );
    // Headlines met: family 1 two, 2 two, 3 one, 4 two.
    assert_eq!(
        rows(table(&answer, "criteriaMet"))
            .iter()
            .map(|r| r[1].clone())
            .collect::<Vec<_>>(),
        ["0", "1", "3", "0", "0", "0", "0", "4"]
    );

    // By agency, largest first (all families):
    //   Police  699.85 + 464.77 + 1295.04 + 647.52 = 3107.18 (all eligible)
    //   NHS     226.36 + 1311.43 + 113.18 = 1650.97; eligible 226.36 + 1311.43 = 1537.79
    //   CJS     650.68;  Local Authority 216.15 + 123.19 = 339.34
    // Averages over the 3 eligible families, to the penny: 3107.18 / 3 = 1035.7266… → 1035.73;
    // 1537.79 / 3 = 512.5966… → 512.60; 650.68 / 3 = 216.8933… → 216.89;
    // 339.34 / 3 = 113.1133… → 113.11; 5634.99 / 3 = 1878.33.
    assert_eq!(
        rows(table(&answer, "costByAgency")),
        [
            ["Police", "3107.18", "3107.18", "1035.73"],
            ["NHS", "1650.97", "1537.79", "512.60"],
            ["Criminal Justice System", "650.68", "650.68", "216.89"],
            ["Local Authority", "339.34", "339.34", "113.11"],
            ["Total", "5748.17", "5634.99", "1878.33"],
        ]
    );
    // By code: units × unit cost. CR1.0 3 × 647.52 = 1942.56; HE3.0 3 × 113.18 = 339.54
    // (eligible 2 → 226.36); 8 units in all, 7 for the eligible families.
    assert_eq!(
        rows(table(&answer, "costByCode")),
        [
            ["CR1.0", "647.52", "3", "1942.56", "3", "1942.56"],
            ["CR2.0", "2766.22", "1", "2766.22", "1", "2766.22"],
            ["CR6.0", "699.85", "1", "699.85", "1", "699.85"],
            ["HE3.0", "113.18", "3", "339.54", "2", "226.36"],
            ["Total", "", "8", "5748.17", "7", "5634.99"],
        ]
    );
    // Every family costs under £5,000.
    assert_eq!(rows(table(&answer, "costBands"))[0][1], "4");
    assert_eq!(
        rows(table(&answer, "costBands")).last().unwrap(),
        &["Total", "4", "100.0 %"]
    );
}

// The appraisal of the 3 eligible families with everything at 100 % and grade
// 1 (no optimism bias): cost 3 × £100 = 300.00 in year 0; in year 1 each
// family saves what the average eligible family uses, so the year's saving is
// the eligible families' annual cost, 5634.99 (the averages' 28-digit thirds
// add up to it to far below the penny).
//   PV = 5634.99 ÷ 1.035 = 5444.4347… → 5444.43;  NPV = 5444.43 − 300 = 5144.43
//   fiscal return 5444.43 ÷ 300 = 18.148… → 18.15; payback in year 1 after
//   300 ÷ 5444.43 = 0.055… → 0.06 years.
// Low case (grade 1's band top, 5 %): 5634.99 × 0.95 = 5353.2405 → 5353.24;
//   ÷ 1.035 = 5172.2125… → 5172.21; NPV 4872.21.
// By agency, the year's 5444.43 split in proportion to the eligible costs
// (penny table): exact shares 3002.1036…, 1485.7861…, 628.6757…, 327.8644…;
// floors add to 5444.41, and the two pennies go to the largest remainders
// (NHS .61, CJS .58): 3002.10, 1485.79, 628.68, 327.86.
#[test]
fn the_small_cohort_is_appraised_as_worked_by_hand() {
    let answer = small();
    assert_eq!(
        rows(table(&answer, "appraisalHeadline")),
        [
            ["Costs", "300.00", "300.00", "300.00"],
            ["Fiscal savings", "5172.21", "5444.43", "5444.43"],
            ["Net present value", "4872.21", "5144.43", "5144.43"],
            ["Fiscal return on each £1", "17.24", "18.15", "18.15"],
            [
                "Payback, discounted",
                "Year 1 (0.06 years)",
                "Year 1 (0.06 years)",
                "Year 1 (0.06 years)"
            ],
        ]
    );
    assert_eq!(
        rows(table(&answer, "savingsByAgency")),
        [
            ["Police", "3002.10", "0.00", "3002.10"],
            ["NHS", "1485.79", "0.00", "1485.79"],
            ["Criminal Justice System", "628.68", "0.00", "628.68"],
            ["Local Authority", "327.86", "0.00", "327.86"],
            ["Total", "5444.43", "0.00", "5444.43"],
        ]
    );
    assert_eq!(figure(&answer, "npv"), json!("5144.43"));
    assert_eq!(figure(&answer, "fiscalReturn"), json!("18.15"));
}

// The same appraisal with the Green Book 2026 sensitivity test beside it
// (`appraisal.sensitivity`): the central case again, discounted at 3.0 % (no
// pure time preference) instead of 3.5 %, everything else equal:
//   PV = 5634.99 ÷ 1.03 = 5470.8640… → 5470.86;  NPV = 5470.86 − 300 = 5170.86
//   fiscal return 5470.86 ÷ 300 = 18.236… → 18.24; payback in year 1 after
//   300 ÷ 5470.86 = 0.0548… → 0.05 years.
// The assumptions name both schedules with their edition and source.
#[test]
fn the_sensitivity_test_sits_beside_the_central_case() {
    let mut o = options();
    o["appraisal"]["sensitivity"] = json!(true);
    let answer =
        serde_json::to_value(api::run_cohort_value(common::COHORT_CSV.as_bytes(), &o).unwrap())
            .unwrap();
    assert_eq!(
        rows(table(&answer, "appraisalSensitivity")),
        [
            ["Costs", "300.00", "300.00"],
            ["Fiscal savings", "5444.43", "5470.86"],
            ["Net present value", "5144.43", "5170.86"],
            ["Fiscal return on each £1", "18.15", "18.24"],
            [
                "Payback, discounted",
                "Year 1 (0.06 years)",
                "Year 1 (0.05 years)"
            ],
        ]
    );
    assert_eq!(figure(&answer, "npv"), json!("5144.43"));
    assert_eq!(figure(&answer, "npvSensitivity"), json!("5170.86"));
    let assumptions = rows(table(&answer, "appraisalAssumptions"));
    let named = |label: &str| {
        assumptions
            .iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no {label} row"))
            .clone()
    };
    let standard = named("Discount schedule");
    assert_eq!(
        standard[1],
        "Standard: 3.5 % to year 30, then declining (Green Book 2026 (February 2026), published 2026-02-06)"
    );
    assert!(standard[2].starts_with("HM Treasury, The Green Book (February 2026)"));
    let sensitivity = named("Sensitivity test");
    assert_eq!(
        sensitivity[1],
        "Sensitivity test, no pure time preference: 3 % to year 30, then declining (Green Book 2026 (February 2026), published 2026-02-06)"
    );
    assert!(sensitivity[2].contains("no pure time preference"));
    // Without the option: no sensitivity table, figure or row.
    let plain = small();
    assert!(plain["csv"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["id"] != "appraisalSensitivity"));
    assert!(plain["report"]["summary"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["key"] != "npvSensitivity"));
    assert!(rows(table(&plain, "appraisalAssumptions"))
        .iter()
        .all(|r| r[0] != "Sensitivity test"));
    // A flag that is not true or false breaks the contract, naming the field.
    o["appraisal"]["sensitivity"] = json!("yes");
    let e = api::run_cohort_value(common::COHORT_CSV.as_bytes(), &o).unwrap_err();
    assert_eq!(e.path(), "appraisal.sensitivity");
}

#[test]
fn rejected_rows_carry_line_column_and_reason() {
    let answer = small();
    let rejected = &answer["report"]["rejected"];
    assert_eq!(rejected["rows"], 12);
    assert_eq!(rejected["families"], 10);
    let problems: Vec<(u64, u64, String, String)> = rejected["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["column"].as_u64().unwrap(),
                p["columnName"].as_str().unwrap().to_owned(),
                p["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(u64, u64, &str, &str)> = vec![
        (11, 3, "age", "invalid_quantity"),
        (12, 5, "offences", "invalid_date"),
        (13, 6, "asb", "unknown_kind"),
        (14, 0, "", "family_rejected"),
        (15, 10, "mental_health", "invalid_field"),
        (16, 0, "", "cell_count"),
        (17, 5, "offences", "date_out_of_range"),
        (18, 7, "attendance", "inconsistent_sessions"),
        (19, 0, "", "family_rejected"),
        (20, 13, "local_concern", "family_mismatch"),
        (21, 15, "CR1.0", "negative_quantity"),
        (21, 18, "HE3.0", "fractional_quantity"),
        (22, 1, "family", "invalid_field"),
    ];
    let expected: Vec<(u64, u64, String, String)> = expected
        .into_iter()
        .map(|(l, c, n, k)| (l, c, n.to_owned(), k.to_owned()))
        .collect();
    assert_eq!(problems, expected);
    let reason = |line: u64| {
        rejected["problems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["line"] == line)
            .unwrap()["reason"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(
        reason(11).contains("\"abc\" is not a number"),
        "{}",
        reason(11)
    );
    assert!(
        reason(12).contains("February 2015 has 28 days"),
        "{}",
        reason(12)
    );
    assert!(reason(13).contains("\"rude\" is not a kind of ASB intervention"));
    assert!(reason(14).contains("see line 15"), "{}", reason(14));
    assert!(reason(16).contains("4 cells and the header 18"));
    assert!(reason(17).contains("after the assessment date"));
    assert!(reason(18).contains("more than the 100 possible sessions"));
    assert!(reason(20).contains("differs from the family's first row (\"no\")"));
    // Every rejected row is counted once: problems by code add up to 13, for 12 rows.
    let by_code: u64 = rejected["byCode"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(by_code, 13);
    // The CSV of problems: a header and one line per problem; no family labels unless asked.
    let csv = answer["rejectedCsv"].as_str().unwrap();
    assert_eq!(csv.lines().count(), 14);
    assert!(csv.starts_with("line,column,column_name,code,reason\r\n11,3,age,invalid_quantity,"));
}

#[test]
fn identifiers_are_never_copied_unless_asked() {
    let answer = small();
    let everything = answer.to_string();
    assert!(!everything.contains("Alice"), "a name reached an output");
    assert!(!everything.contains("Bob Example"));
    let notes = answer["report"]["notes"].as_array().unwrap();
    assert!(notes.iter().any(|n| n
        .as_str()
        .unwrap()
        .contains("identify people were not read and appear in no output: name")));
    assert!(notes
        .iter()
        .any(|n| n.as_str().unwrap().contains("Columns not read")
            && n.as_str().unwrap().contains("\"notes\"")));
    // Asked for: the family label (only) goes into the problems.
    let mut with = options();
    with["includeIdentifiers"] = json!(true);
    let answer =
        serde_json::to_value(api::run_cohort_value(common::COHORT_CSV.as_bytes(), &with).unwrap())
            .unwrap();
    let csv = answer["rejectedCsv"].as_str().unwrap();
    assert!(csv.starts_with("line,column,column_name,code,reason,family\r\n"));
    assert!(csv.contains("\r\n14,0,,family_rejected,This row is left out because its family is rejected: see line 15.,8\r\n"), "{csv}");
    assert!(!answer.to_string().contains("Alice"));
}

#[test]
fn any_chunking_and_crlf_give_the_same_report() {
    let whole = small();
    let crlf = common::COHORT_CSV.replace('\n', "\r\n");
    for (text, chunk) in [
        (common::COHORT_CSV.to_owned(), 1),
        (common::COHORT_CSV.to_owned(), 7),
        (crlf.clone(), 1),
        (crlf.clone(), 4096),
    ] {
        let mut run = api::start_cohort(&options()).unwrap().unwrap();
        for piece in text.as_bytes().chunks(chunk) {
            run.push(piece);
        }
        let answer = serde_json::to_value(api::cohort_answer(run.finish(), &options())).unwrap();
        assert_eq!(
            answer["report"]["sections"], whole["report"]["sections"],
            "chunks of {chunk}"
        );
        assert_eq!(
            answer["report"]["rejected"], whole["report"]["rejected"],
            "chunks of {chunk}"
        );
    }
}

#[test]
fn the_receipt_names_the_pack_costs_input_and_options() {
    let answer = small();
    let r = &answer["report"]["receipt"];
    assert_eq!(r["engineVersion"], env!("CARGO_PKG_VERSION"));
    assert_eq!(r["rulePack"]["id"], "tf-2015");
    assert_eq!(r["unitCostTable"]["id"], "ucd-v1.2");
    assert_eq!(
        r["inputSha256"],
        api::sha256_hex(common::COHORT_CSV.as_bytes())
    );
    assert_eq!(r["inputBytes"], common::COHORT_CSV.len());
    // The hash given by a caller that hashed the file itself is the same receipt.
    let mut run = api::start_cohort(&options()).unwrap().unwrap();
    run.push_unhashed(common::COHORT_CSV.as_bytes());
    let given = run
        .finish_with_input_sha256(&api::sha256_hex(common::COHORT_CSV.as_bytes()))
        .unwrap();
    assert_eq!(
        serde_json::to_value(&given.receipt).unwrap(),
        answer["report"]["receipt"]
    );
    // Options written in another order hash the same.
    let reordered: Value = serde_json::from_str(
        r#"{"appraisal":{"grade":1,"costPerFamily":"100","dropOff":"0","durationYears":1,"reduction":"1","deadweight":"0","success":"1","engagement":"1"},
            "assessmentDate":"2015-06-30","baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06","rulePack":"tf-2015"}"#,
    )
    .unwrap();
    let again = serde_json::to_value(
        api::run_cohort_value(common::COHORT_CSV.as_bytes(), &reordered).unwrap(),
    )
    .unwrap();
    assert_eq!(again["receipt"], answer["receipt"]);
}

#[test]
fn every_table_exports_as_csv_and_the_html_has_no_inline_style_or_script() {
    let answer = small();
    let csv = answer["csv"].as_array().unwrap();
    let ids: Vec<&str> = csv.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "decisions",
            "criteria",
            "criteriaMet",
            "costByAgency",
            "costByCode",
            "costBands",
            "appraisalAssumptions",
            "appraisalHeadline",
            "savingsByAgency",
            "appraisalYears"
        ]
    );
    let by_agency = csv.iter().find(|t| t["id"] == "costByAgency").unwrap();
    assert_eq!(by_agency["fileName"], "cost-by-agency.csv");
    assert_eq!(
        by_agency["text"],
        "Agency,All families processed,Families in the programme,Average per family in the programme\r\n\
         Police,3107.18,3107.18,1035.73\r\nNHS,1650.97,1537.79,512.60\r\n\
         Criminal Justice System,650.68,650.68,216.89\r\nLocal Authority,339.34,339.34,113.11\r\n\
         Total,5748.17,5634.99,1878.33\r\n"
    );
    for html in [
        answer["html"].as_str().unwrap(),
        answer["standaloneHtml"].as_str().unwrap(),
    ] {
        assert!(!html.contains(" style="));
        assert!(!html.contains("<script"));
        let event_attribute = html.match_indices(" on").any(|(i, _)| {
            let rest = &html[i + 3..];
            let name: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
            !name.is_empty() && rest[name.len()..].starts_with('=')
        });
        assert!(!event_attribute, "an event attribute");
        assert!(html.contains("<svg"));
        assert!(html.contains("£5,748.17"));
        assert!(html.contains(answer["receipt"]["inputSha256"].as_str().unwrap()));
    }
    assert!(answer["standaloneHtml"]
        .as_str()
        .unwrap()
        .contains("@media print"));
    assert!(answer["html"]
        .as_str()
        .unwrap()
        .contains("data-export-table=\"costByAgency\" data-format=\"csv\""));
}

#[test]
fn text_that_is_not_utf8_is_a_rejected_row() {
    let mut csv = b"family,age,mental_health\n1,40,yes\n2,30,".to_vec();
    csv.extend([0xff, 0xfe]);
    csv.extend(b"\n3,20,no\n");
    let o = json!({ "rulePack": "tf-2015", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06", "assessmentDate": "2015-06-30", "appraisal": null });
    let answer = serde_json::to_value(api::run_cohort_value(&csv, &o).unwrap()).unwrap();
    assert_eq!(figure(&answer, "familiesProcessed"), json!(2));
    let p = &answer["report"]["rejected"]["problems"][0];
    assert_eq!(
        (p["line"].as_u64(), p["column"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(p["code"], "invalid_text");
    // No unit-cost columns: no costs, said so; no appraisal asked for.
    assert!(answer["report"]["notes"]
        .to_string()
        .contains("no unit-cost columns"));
    assert!(answer["report"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["id"] != "savings"));
}

#[test]
fn options_and_headers_that_cannot_be_used_are_failures_naming_the_field() {
    let fail = |csv: &str, o: Value| -> Vec<(String, String)> {
        let answer =
            serde_json::to_value(api::run_cohort_value(csv.as_bytes(), &o).unwrap()).unwrap();
        assert_eq!(answer["type"], "failure", "{answer}");
        answer["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["code"].as_str().unwrap().to_owned(),
                    e["path"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let pair = |c: &str, p: &str| (c.to_owned(), p.to_owned());
    let o =
        json!({ "rulePack": "tf-2015", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06" });
    assert_eq!(
        fail("age,offences\n", o.clone()),
        [
            pair("missing_column", "header"),
            pair("missing_column", "header")
        ]
    );
    assert_eq!(
        fail("family,age,assessment_date,Age\n", o.clone()),
        [pair("duplicate_column", "header[4]")]
    );
    assert_eq!(
        fail("family,age,assessment_date,CR1.0,CR1.0\n", o.clone()),
        [pair("duplicate_column", "header[5]")]
    );
    assert_eq!(fail("", o.clone()), [pair("missing_column", "header")]);
    assert_eq!(
        fail(
            "family,age\n",
            json!({ "rulePack": "tf-2099", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06", "appraisal": { "engagement": "80" } })
        ),
        [
            pair("unknown_pack", "rulePack"),
            pair("invalid_rate", "appraisal.engagement")
        ]
    );
    assert_eq!(
        fail(
            "family,age\n",
            json!({ "rulePack": "tf-2015", "baseYear": "2099/00", "deflator": "ucd-v1.2-ons-2013-06", "assessmentDate": "2015-06-31" })
        ),
        [
            pair("unknown_year", "baseYear"),
            pair("invalid_date", "assessmentDate")
        ]
    );
    // A call of the wrong shape is thrown, naming the field.
    let e = api::run_cohort_value(
        b"",
        &json!({ "rulePack": "tf-2015", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06", "colour": 1 }),
    )
    .unwrap_err();
    assert_eq!(e.path(), "colour");
    let e = api::run_cohort_value(b"", &json!({ "rulePack": "tf-2015", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06", "appraisal": { "engagement": 0.8 } }))
        .unwrap_err();
    assert_eq!(e.path(), "appraisal.engagement");
}

// ------------------------------------------------------------------- seams

/// A further per-family step, as claims will be: it counts families by size.
struct BySize(BTreeMap<usize, u64>);

impl FamilyStep for BySize {
    fn add(&mut self, family: &Assessed<'_>) -> Result<()> {
        *self.0.entry(family.family.members.len()).or_default() += 1;
        Ok(())
    }
    fn sections(&self, _cx: &Context<'_>) -> Result<Vec<Section>> {
        Ok(vec![Section {
            id: "bySize".into(),
            title: "Families by size".into(),
            text: vec![],
            chart: None,
            tables: vec![Table {
                id: "bySize".into(),
                caption: "Families by size".into(),
                columns: vec![
                    Column {
                        key: "members".into(),
                        label: "Members".into(),
                        kind: CellKind::Count,
                    },
                    Column {
                        key: "families".into(),
                        label: "Families".into(),
                        kind: CellKind::Count,
                    },
                ],
                rows: self
                    .0
                    .iter()
                    .map(|(m, n)| vec![Cell::count(*m), Cell::Count(*n)])
                    .collect(),
                totals: None,
            }],
        }])
    }
}

/// A further cohort step, as pooled returns will be: it reads the appraisal's
/// fiscal savings by agency.
struct Partners;

impl CohortStep for Partners {
    fn sections(&self, cx: &Context<'_>) -> Result<Vec<Section>> {
        let savings = cx
            .appraisal
            .unwrap()
            .central
            .by_agency
            .iter()
            .filter(|s| s.value_type == community_budget::appraisal::ValueType::Fiscal);
        Ok(vec![Section {
            id: "partners".into(),
            title: "Partners".into(),
            text: vec![],
            chart: None,
            tables: vec![Table {
                id: "partners".into(),
                caption: "Fiscal savings by partner".into(),
                columns: vec![
                    Column {
                        key: "partner".into(),
                        label: "Partner".into(),
                        kind: CellKind::Text,
                    },
                    Column {
                        key: "savings".into(),
                        label: "Savings".into(),
                        kind: CellKind::Money,
                    },
                ],
                rows: savings
                    .map(|s| vec![Cell::text(s.agency.clone()), Cell::Money(s.flow.net_pv)])
                    .collect(),
                totals: None,
            }],
        }])
    }
}

#[test]
fn further_steps_slot_in_after_the_built_in_sections() {
    let settings = api::cohort_settings(&options()).unwrap().unwrap();
    let mut run = Run::with_steps(
        settings,
        vec![Box::new(BySize(BTreeMap::new()))],
        vec![Box::new(Partners)],
    )
    .unwrap();
    run.push(common::COHORT_CSV.as_bytes());
    let answer = serde_json::to_value(api::cohort_answer(run.finish(), &options())).unwrap();
    let ids: Vec<&str> = answer["report"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["eligibility", "costs", "savings", "bySize", "partners"]
    );
    // Families 1-4 have two members each; the rejected ones are not seen.
    assert_eq!(rows(table(&answer, "bySize")), [["2", "4"]]);
    assert_eq!(rows(table(&answer, "partners"))[0], ["Police", "3002.10"]);
    assert!(answer["csv"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["fileName"] == "by-size.csv"));
}

// ------------------------------------------- the cohort against per-family calls

/// A generated file's families as `checkEligibility` and `costFamily` calls:
/// the cohort must give exactly what the per-family calls give.
#[test]
fn the_cohort_agrees_with_the_per_family_calls() {
    let a = Date::parse("2015-06-30").unwrap();
    let text = generate::generate(Params {
        families: 300,
        seed: 11,
        first: 1,
        assessment_date: a,
        header: true,
        claims: true,
    });
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let codes: Vec<(usize, &str)> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| h.contains('.'))
        .map(|(i, h)| (i, *h))
        .collect();
    let mut families: Vec<Vec<Vec<&str>>> = Vec::new();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        match families.last_mut() {
            Some(f) if f[0][0] == cells[0] => f.push(cells),
            _ => families.push(vec![cells]),
        }
    }
    let entries = |cell: &str| -> Vec<String> {
        cell.split(';')
            .filter(|e| !e.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let yes = |cell: &str| cell == "yes";
    let mut decisions: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_agency: BTreeMap<String, rust_decimal::Decimal> = BTreeMap::new();
    let (mut claimed, mut claims_total) = (0u64, rust_decimal::Decimal::ZERO);
    for rows in &families {
        let mut terms: Vec<String> = Vec::new();
        let mut members = Vec::new();
        let mut items: Vec<Value> = Vec::new();
        for r in rows {
            let mut attendance = Vec::new();
            for e in entries(r[col("attendance")]) {
                let p: Vec<&str> = e.split(':').collect();
                if !terms.contains(&p[0].to_owned()) {
                    terms.push(p[0].to_owned());
                }
                attendance.push(json!({ "term": p[0], "possibleSessions": p[1], "authorisedAbsent": p[2], "unauthorisedAbsent": p[3] }));
            }
            let kinded = |c: &str| {
                entries(r[col(c)])
                    .iter()
                    .map(|e| {
                        let (k, d) = e.split_once(':').unwrap();
                        json!({ "kind": k, "date": d })
                    })
                    .collect::<Vec<_>>()
            };
            let benefits: Vec<Value> = entries(r[col("benefits")])
                .iter()
                .map(|e| {
                    let p: Vec<&str> = e.split(':').collect();
                    if p.len() == 3 {
                        json!({ "kind": p[0], "from": p[1], "to": p[2] })
                    } else {
                        json!({ "kind": p[0], "from": p[1] })
                    }
                })
                .collect();
            let jobs: Vec<Value> = entries(r[col("employment")])
                .iter()
                .map(|e| json!({ "from": e }))
                .collect();
            let mut m = json!({
                "role": r[col("role")], "age": r[col("age")],
                "offences": entries(r[col("offences")]).iter().map(|d| json!({ "date": d })).collect::<Vec<_>>(),
                "asb": kinded("asb"), "exclusions": kinded("exclusions"), "attendance": attendance,
                "notOnSchoolRoll": yes(r[col("not_on_school_roll")]), "benefits": benefits, "employment": jobs,
                "childInNeed": yes(r[col("child_in_need")]), "childProtectionPlan": yes(r[col("child_protection_plan")]),
                "mentalHealth": yes(r[col("mental_health")]), "substanceMisuse": yes(r[col("substance_misuse")]),
                "newMother": yes(r[col("new_mother")]),
            });
            if !r[col("alternative_provision")].is_empty() {
                m["alternativeProvision"] = json!(r[col("alternative_provision")]);
            }
            members.push(m);
            for (i, code) in &codes {
                if !r[*i].is_empty() {
                    items.push(json!({ "code": code, "quantity": r[*i] }));
                }
            }
        }
        let first = &rows[0];
        let call = json!({
            "rulePack": "tf-2015", "assessmentDate": first[col("assessment_date")],
            "schoolTerms": terms.iter().map(|t| json!({ "name": t, "start": t, "end": t })).collect::<Vec<_>>(),
            "domesticAbuse": entries(first[col("domestic_abuse")]).iter().map(|d| json!({ "date": d })).collect::<Vec<_>>(),
            "localConcern": yes(first[col("local_concern")]),
            "members": members,
        });
        let answer: Value =
            serde_json::from_str(&api::check_eligibility_json(&call.to_string()).unwrap()).unwrap();
        assert_eq!(answer["type"], "success", "{answer}");
        let attached = first[col("attachment_date")];
        if !attached.is_empty() {
            let claim = json!({ "claims": [{ "family": call, "attachmentDate": attached }] });
            let c: Value =
                serde_json::from_str(&api::claim_payment_json(&claim.to_string()).unwrap())
                    .unwrap();
            assert_eq!(c["type"], "success", "{c}");
            claimed += 1;
            claims_total += c["claims"][0]["total"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap();
        }
        *decisions
            .entry(answer["status"].as_str().unwrap().to_owned())
            .or_default() += 1;
        let cost: Value = serde_json::from_str(
            &api::cost_family_json(&json!({ "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06", "items": items }).to_string())
                .unwrap(),
        )
        .unwrap();
        for t in cost["byAgency"].as_array().unwrap() {
            *by_agency
                .entry(t["agency"].as_str().unwrap().to_owned())
                .or_default() += t["amount"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap();
        }
    }
    let o = json!({ "rulePack": "tf-2015", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06", "appraisal": null });
    let answer = serde_json::to_value(api::run_cohort_value(text.as_bytes(), &o).unwrap()).unwrap();
    assert_eq!(figure(&answer, "familiesProcessed"), json!(300));
    let counted: BTreeMap<String, u64> = [
        (
            "eligible".to_owned(),
            figure(&answer, "eligibleFamilies").as_u64().unwrap(),
        ),
        (
            "notEligible".to_owned(),
            300 - figure(&answer, "eligibleFamilies").as_u64().unwrap(),
        ),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .collect();
    assert_eq!(counted, decisions);
    let cohort: BTreeMap<String, rust_decimal::Decimal> = rows(table(&answer, "costByAgency"))
        .iter()
        .filter(|r| r[0] != "Total")
        .map(|r| (r[0].clone(), r[1].parse().unwrap()))
        .filter(|(_, v): &(String, rust_decimal::Decimal)| !v.is_zero())
        .collect();
    assert_eq!(cohort, by_agency);
    // Claims: the same families claimed for, and the same total to the penny.
    assert!(
        claimed > 150,
        "about seven families in ten are attached: {claimed}"
    );
    let claims = rows(table(&answer, "claimsByType"));
    assert_eq!(
        claims.last().unwrap()[2]
            .parse::<rust_decimal::Decimal>()
            .unwrap(),
        claims_total
    );
    assert!(claims_total > rust_decimal::Decimal::ZERO);
}

/// The template the cohort page offers reads with no problem: one family of
/// three (an ASB injunction in the window and an offence: crime; ESA: work;
/// three fixed-term exclusions and 45 of 358 sessions missed: school; mental
/// health and drug misuse: health; a child in need; two abuse incidents), so
/// eligible under tf-2015.
#[test]
fn the_template_reads_with_no_problem() {
    let csv = include_str!("../www/cohort-template.csv");
    let o =
        json!({ "rulePack": "tf-2015", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06" });
    let answer = serde_json::to_value(api::run_cohort_value(csv.as_bytes(), &o).unwrap()).unwrap();
    assert_eq!(answer["type"], "success", "{answer}");
    assert_eq!(figure(&answer, "rowsRead"), json!(3));
    assert_eq!(figure(&answer, "rowsRejected"), json!(0));
    assert_eq!(figure(&answer, "eligibleFamilies"), json!(1));
    // Only the notes on the unit costs themselves: 2013/14's index is a
    // forecast, and E&S1.0's parts differ from it in the source.
    let notes = answer["report"]["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].as_str().unwrap().contains("2013/14 is a forecast"));
    assert!(notes[1]
        .as_str()
        .unwrap()
        .contains("parts of E&S1.0 add up to"));
    // Attached 2015-04-20 with crime/ASB and worklessness (among others) at
    // entry; progress is recorded against crime/ASB and health only, and no
    // adult has 26 of 30 weeks in work: the £1,000 attachment fee alone.
    let claims = rows(table(&answer, "claimsByType"));
    assert_eq!(claims[0], vec!["Attachment fees", "1", "1000.00"]);
    assert_eq!(claims.last().unwrap()[2], "1000.00");
}

// ------------------------------------------------- claims and the pool

/// A cohort with claims and a pooled budget, worked by hand. Two council
/// rows make the discounting exact: 207.00 ÷ 1.035 = 200.00 and
/// 103.50 ÷ 1.035 = 100.00.
const CLAIMS_CSV: &str = common::COHORT_CLAIMS_CSV;

/// The rejected problems of a cohort answer: line, column name and code.
fn rejected_cells(answer: &Value) -> Vec<(u64, String, String)> {
    answer["report"]["rejected"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["columnName"].as_str().unwrap().to_owned(),
                p["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn claims_options() -> Value {
    serde_json::from_str(common::COHORT_CLAIMS_OPTIONS).unwrap()
}

#[test]
fn claims_and_partner_returns_are_worked_out_by_hand() {
    let answer = serde_json::to_value(
        api::run_cohort_value(CLAIMS_CSV.as_bytes(), &claims_options()).unwrap(),
    )
    .unwrap();
    assert_eq!(answer["type"], "success", "{answer}");
    // 7 rows = 4 processed (A's two, B, C) + 3 rejected (D, E, F).
    assert_eq!(figure(&answer, "rowsRead"), 7);
    assert_eq!(figure(&answer, "rowsProcessed"), 4);
    assert_eq!(figure(&answer, "rowsRejected"), 3);
    // 6 families read (A to F) = 3 processed (A, B, C) + 3 rejected (D, E, F).
    assert_eq!(figure(&answer, "familiesRead"), 6);
    assert_eq!(figure(&answer, "familiesProcessed"), 3);
    assert_eq!(figure(&answer, "familiesRejected"), 3);
    // D: attached 2015-07-01, after its claim date 2015-06-30. E: "housing" is
    // not a tf-2015 headline. F: progress to work is a phase-1 result.
    let problems = rejected_cells(&answer);
    assert_eq!(
        problems,
        vec![
            (
                6,
                "attachment_date".to_owned(),
                "date_out_of_range".to_owned()
            ),
            (
                7,
                "outcomes_progress".to_owned(),
                "unknown_criterion".to_owned()
            ),
            (8, "progress_to_work".to_owned(), "invalid_field".to_owned()),
        ]
    );

    // Claims under tf-2015 (phase 2): £1,000 on attachment, £800 for
    // sustained progress against every problem at entry.
    //   A at 2015-04-01: offence 2015-01-10 (crime-asb) + JSA (worklessness);
    //     progress on both → 1,000 + 800 = 1,800.00
    //   B at 2015-04-01: ESA (worklessness) + mental health (health); progress
    //     on health only → 1,000.00
    //   C: no attachment date → not claimed.
    //   Total 2,800.00 = 2,000.00 attachment + 800.00 results.
    let claims = rows(table(&answer, "claimsByType"));
    assert_eq!(claims[0], vec!["Attachment fees", "2", "2000.00"]);
    let progress = claims
        .iter()
        .find(|r| r[0].starts_with("Significant and sustained progress"))
        .unwrap();
    assert_eq!(progress[1..], ["1".to_owned(), "800.00".to_owned()]);
    assert_eq!(
        claims.last().unwrap(),
        &vec!["Total".to_owned(), String::new(), "2800.00".to_owned()]
    );
    let results = rows(table(&answer, "claimResults"));
    let progress = results
        .iter()
        .find(|r| r[0].starts_with("Significant and sustained progress"))
        .unwrap();
    assert_eq!(progress[1], "1", "met for A only");

    // The appraisal: N = 2 eligible (A, B). Units per family × reduction 1:
    // POL1 2 ÷ 2 = 1, NHS1 2 ÷ 2 = 1; N_net = 2 × 1 × 1 × (1 − 0) = 2.
    //   Police year 1: 2 × 207.00 = 414.00 → PV 414.00 ÷ 1.035 = 400.00
    //   NHS    year 1: 2 × 103.50 = 207.00 → PV 200.00
    //   Cost year 0: 300 × 2 × 1 = 600.00 (not discounted).
    // Pool: the year-0 cost split 0.6 / 0.4 → Council 360.00, Police 240.00.
    //   Council: puts in 360.00, saves 0.00 (no Local Authority saving), net −360.00, return 0.00
    //   Police:  puts in 240.00, saves 400.00, cashable 0.5 × 400 = 200.00, net 160.00, return 400 ÷ 240 = 1.67
    //   NHS trust: puts in 0.00, saves 200.00, cashable 0.00, net 200.00, no return
    //   Total: 600.00 in, 600.00 saved, 200.00 cashable, net 0.00, return 1.00
    let returns = rows(table(&answer, "partnerReturns"));
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        returns,
        vec![
            s(&[
                "Council",
                "Local Authority",
                "360.00",
                "0.00",
                "0.00",
                "-360.00",
                "0.00"
            ]),
            s(&["Police", "Police", "240.00", "400.00", "200.00", "160.00", "1.67"]),
            s(&["NHS trust", "NHS", "0.00", "200.00", "0.00", "200.00", ""]),
            s(&["Total", "", "600.00", "600.00", "200.00", "0.00", "1.00"]),
        ]
    );
    // Rebalancing on all fiscal savings: targets 0.6 / 0.4 / 0 of 600.00 =
    // 360.00 / 240.00 / 0.00, so transfers 360.00 − 0 = +360.00,
    // 240.00 − 400.00 = −160.00, 0 − 200.00 = −200.00; they sum to 0.00.
    let rebalancing = rows(table(&answer, "partnerRebalancing"));
    let fiscal: Vec<&str> = rebalancing.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(fiscal, vec!["360.00", "-160.00", "-200.00", "0.00"]);
    assert_eq!(
        rebalancing.last().unwrap()[2],
        "0.00",
        "cashable transfers sum to zero"
    );
}

#[test]
fn pool_options_that_cannot_be_used_name_the_field() {
    let run = |pool: Value| {
        let mut o = claims_options();
        o["pool"] = pool;
        serde_json::to_value(api::run_cohort_value(CLAIMS_CSV.as_bytes(), &o).unwrap()).unwrap()
    };
    let paths = |a: &Value| -> Vec<String> {
        a["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["path"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    // Shares of 0.6 + 0.3 = 0.9 do not cover the cost.
    let a = run(json!({ "partners": [
        { "name": "Council", "agencies": ["Local Authority"], "share": "0.6" },
        { "name": "Police", "agencies": ["Police"], "share": "0.3" }
    ] }));
    assert_eq!(a["type"], "failure");
    assert_eq!(paths(&a), vec!["pool.partners"]);
    // A share and contributions both; a share of "60" (not a rate: it is
    // left out of the sum, which is then the Council's 1).
    let a = run(json!({ "partners": [
        { "name": "Council", "agencies": ["Local Authority"], "share": "1", "contributions": [{ "year": 0, "amount": "10.00" }] },
        { "name": "Police", "agencies": ["Police"], "share": "60" }
    ] }));
    assert_eq!(
        paths(&a),
        vec!["pool.partners[0].share", "pool.partners[1].share"]
    );
    // No partners; a partner without a name.
    assert_eq!(
        paths(&run(json!({ "partners": [] }))),
        vec!["pool.partners"]
    );
    let a = run(json!({ "partners": [{ "name": " ", "agencies": ["Police"] }] }));
    assert_eq!(paths(&a), vec!["pool.partners[0].name"]);
}

/// A code no family used costs "0.00" like every other amount (Decimal
/// writes 647.52 × 0 as a bare 0), and one family or row is counted in the
/// singular. At 2013/14 prices CR1.0 is 647.52 and HE3.0 113.18 (above).
/// Family 1 (mental health: one headline, not eligible) used HE3.0 once:
/// 113.18; family 2's age "abc" rejects its one row.
#[test]
fn zero_amounts_show_their_pence_and_one_is_singular() {
    let csv = "family,age,mental_health,CR1.0,HE3.0\n1,40,yes,0,1\n2,abc,no,0,0\n";
    let o = json!({ "rulePack": "tf-2015", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06",
                    "assessmentDate": "2015-06-30", "appraisal": null });
    let answer = serde_json::to_value(api::run_cohort_value(csv.as_bytes(), &o).unwrap()).unwrap();
    assert_eq!(
        rows(table(&answer, "costByCode")),
        [
            ["CR1.0", "647.52", "0", "0.00", "0", "0.00"],
            ["HE3.0", "113.18", "1", "113.18", "0", "0.00"],
            ["Total", "", "1", "113.18", "0", "0.00"],
        ]
    );
    let html = answer["html"].as_str().unwrap();
    assert!(!html.contains(">£0<"), "no bare £0");
    assert!(html.contains("on its assessment date: 1 family processed, 0 in the programme."));
    assert!(html.contains("1 row (1 family) was not processed."));
}

/// The 2022 framework's claims in a cohort: the case closure, each need's
/// outcome and its lapse are columns, read as `claimPayment` reads them and
/// checked by the same domain checks.
#[test]
fn claims_under_the_2022_framework_read_their_columns() {
    // sf-2022: pbr-scheme sustained-outcomes, £800 (pbr-results-payment),
    // 6 months after closure (pbr-sustain-months). Every family is claimed on
    // 2024-03-15, attached 2023-01-16, closed 2023-09-15: the window ends
    // 2023-09-15 + 6 months = 2024-03-15. Each has a child of 8 (the
    // precondition) and three needs on 2023-01-16: mental-health (the flag),
    // domestic-abuse (2022-11-20, within 12 months), out-of-work-benefit
    // (ESA from 2022-06-01 to 2023-07-31).
    //   G: all three outcomes recorded → 800.00
    //   H: the same, its mental-health outcome lapsed 2024-01-10 (before
    //      2024-03-15) → not sustained, 0.00
    //   J: no outcome for out-of-work-benefit → evidence missing, 0.00
    //   K: an outcome for "housing", no need (indicator) of the pack →
    //      rejected at need_outcomes (line 8, K's first row)
    //   Total 800.00, one family paid.
    let outcomes = "mental-health:2023-07-01:GP review;domestic-abuse:2023-06-01:MARAC closed";
    let work = "out-of-work-benefit:2023-08-01:payslips";
    let adult = "31,parent,esa:2022-06-01:2023-07-31,yes,2022-11-20,2023-01-16,2023-09-15";
    let csv = format!(
        "family,age,role,benefits,mental_health,domestic_abuse,attachment_date,case_closure_date,need_outcomes,outcomes_lapsed\n\
G,{adult},{outcomes};{work},\nG,8,child,,,,,,,\n\
H,{adult},{outcomes};{work},mental-health:2024-01-10\nH,8,child,,,,,,,\n\
J,{adult},{outcomes},\nJ,8,child,,,,,,,\n\
K,{adult},housing:2023-07-01,\nK,8,child,,,,,,,\n"
    );
    let options = json!({ "rulePack": "sf-2022", "assessmentDate": "2024-03-15" });
    let answer =
        serde_json::to_value(api::run_cohort_value(csv.as_bytes(), &options).unwrap()).unwrap();
    assert_eq!(answer["type"], "success", "{answer}");
    let problems = rejected_cells(&answer);
    assert_eq!(
        problems,
        vec![
            (
                8,
                "need_outcomes".to_owned(),
                "unknown_indicator".to_owned()
            ),
            // K's child's row goes with its family.
            (9, String::new(), "family_rejected".to_owned()),
        ]
    );
    let claims = rows(table(&answer, "claimsByType"));
    assert_eq!(claims[0], vec!["Attachment fees", "0", "0.00"]);
    let outcomes = claims
        .iter()
        .find(|r| r[0].starts_with("A positive outcome for every need"))
        .unwrap();
    assert_eq!(outcomes[1..], ["1".to_owned(), "800.00".to_owned()]);
    assert_eq!(claims.last().unwrap()[2], "800.00");
    // Met (G), not yet, not met (H), evidence missing (J), not relevant.
    let results = rows(table(&answer, "claimResults"));
    assert_eq!(
        results[0][1..],
        ["1", "0", "1", "1", "0"].map(str::to_owned)
    );
}

/// Under `sf-2022` the report counts families by headline and by how many
/// family needs they have (the pack counts needs, `counting-unit`). Every
/// family is assessed on 2023-01-16 with an adult of 31 and a child of 8 (a
/// dependent child: the precondition). The needs, by hand:
///   P: none → 0
///   Q: mental_health (health) → 1
///   R: Q + a domestic abuse incident on 2022-11-20 (within 12 months) → 2
///   S: R + ESA from 2022-06-01 (financial: out-of-work-benefit) → 3, eligible
///   T: S + substance_misuse (substance-use) + the child in need
///      (safe-children) → 5, in the "5 or more" row
/// Needs rows: 0 → 1 (P), 1 → 1 (Q), 2 → 1 (R), 3 → 1 (S), 4 → 0,
/// 5 or more → 1 (T); total 5. Headlines: health 4 (Q R S T), domestic abuse
/// 3 (R S T), financial 2 (S T), substance use 1 (T), children safe 1 (T),
/// the other five 0; the precondition filter 5. Eligible: S and T (3 needs
/// or more), 2.
#[test]
fn families_by_headline_and_by_needs_under_the_2022_framework() {
    let csv =
        "family,age,role,benefits,mental_health,substance_misuse,child_in_need,domestic_abuse\n\
P,31,parent,,,,,\nP,8,child,,,,,\n\
Q,31,parent,,yes,,,\nQ,8,child,,,,,\n\
R,31,parent,,yes,,,2022-11-20\nR,8,child,,,,,\n\
S,31,parent,esa:2022-06-01,yes,,,2022-11-20\nS,8,child,,,,,\n\
T,31,parent,esa:2022-06-01,yes,yes,,2022-11-20\nT,8,child,,,,yes,\n";
    let options = json!({ "rulePack": "sf-2022", "assessmentDate": "2023-01-16" });
    let answer =
        serde_json::to_value(api::run_cohort_value(csv.as_bytes(), &options).unwrap()).unwrap();
    assert_eq!(answer["type"], "success", "{answer}");
    assert!(rejected_cells(&answer).is_empty(), "{answer}");
    let needs: Vec<Vec<String>> = rows(table(&answer, "needsMet"))
        .into_iter()
        .map(|r| r[..2].to_vec())
        .collect();
    assert_eq!(
        needs,
        [
            ["0", "1"],
            ["1", "1"],
            ["2", "1"],
            ["3", "1"],
            ["4", "0"],
            ["5 or more", "1"],
            ["Total", "5"],
        ]
        .map(|r| r.map(str::to_owned).to_vec())
    );
    let headlines: Vec<(String, String)> = rows(table(&answer, "criteria"))
        .into_iter()
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect();
    let count = |title: &str| {
        headlines
            .iter()
            .find(|(t, _)| t == title)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    assert_eq!(count("Improved mental and physical health"), "4");
    assert_eq!(count("Safe from domestic abuse"), "3");
    assert_eq!(count("Financial stability"), "2");
    assert_eq!(count("Better managed substance use"), "1");
    assert_eq!(count("Children safe from abuse and exploitation"), "1");
    assert_eq!(count("Getting a good education"), "0");
    assert_eq!(headlines.len(), 11, "ten headlines and the precondition");
    assert_eq!(headlines[10].1, "5");
    let decisions = rows(table(&answer, "decisions"));
    assert_eq!(decisions[0][..2], ["Eligible".to_owned(), "2".to_owned()]);
    // A pack that counts criteria (tf-2015) has no needs table.
    let answer = serde_json::to_value(
        api::run_cohort_value(
            csv.as_bytes(),
            &json!({ "rulePack": "tf-2015", "assessmentDate": "2016-01-16" }),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(!answer.to_string().contains("needsMet"));
}
