//! The README's recipe for a receipt's `inputSha256`, followed literally: the
//! canonical JSON of each call is written out here by the README's rule (not
//! by the engine), hashed with `sha2`, and compared with the receipt. The
//! `costFamily` example is the one the README prints, so the README's
//! `printf … | sha256sum` line gives the same hash.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use community_budget::api::{
    appraise_json, check_eligibility_json, claim_payment_json, cost_family_json,
};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The SHA-256 of the text's UTF-8 bytes, as `sha256sum` prints it.
fn sha256sum(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn input_sha256(answer: &str) -> String {
    let answer: Value = serde_json::from_str(answer).unwrap();
    answer["receipt"]["inputSha256"]
        .as_str()
        .unwrap()
        .to_owned()
}

const README: &str = include_str!("../README.md");

/// `costFamily`: keys in the contract's order (baseYear, unitCostTable,
/// deflator, councilTable, items, localRows); `baseYear` and the table
/// choices left out when absent; each quantity a string (58 → "58");
/// `localRows` written `[]` when absent. The same call with other spacing
/// and key order has the same hash.
#[test]
fn cost_family_follows_the_readme_recipe() {
    let canonical = r#"{"items":[{"code":"CR1.0","quantity":"58"},{"code":"HE3.0","quantity":"5"}],"localRows":[]}"#;
    assert!(
        README.contains(&format!("printf '%s' '{canonical}' | sha256sum")),
        "the README prints this example"
    );
    for call in [
        r#"{ "items": [{ "code": "CR1.0", "quantity": 58 }, { "code": "HE3.0", "quantity": 5 }] }"#,
        r#"{"items":[{"quantity":"58","code":"CR1.0"},{"quantity":5,"code":"HE3.0"}],"localRows":[]}"#,
    ] {
        assert_eq!(
            input_sha256(&cost_family_json(call).unwrap()),
            sha256sum(canonical),
            "{call}"
        );
    }

    // With a base year, a series, a quantity typed as text and a local row
    // (agencyL2, unit and source written "" when absent, rag left out).
    let call = r#"{
        "localRows": [{ "priceYear": "2024/25", "cost": "100.00", "agencyL1": "Local Authority",
                        "description": "Council-tax arrears summons", "code": "SUMMONS" }],
        "deflator": "ucd-v1.2-ons-2013-06",
        "items": [{ "code": "SUMMONS", "quantity": "1" }, { "code": "CR1.0", "quantity": 2.50 }],
        "baseYear": "2013/14"
    }"#;
    let canonical = concat!(
        r#"{"baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06","#,
        r#""items":[{"code":"SUMMONS","quantity":"1"},{"code":"CR1.0","quantity":"2.5"}],"#,
        r#""localRows":[{"code":"SUMMONS","description":"Council-tax arrears summons","#,
        r#""agencyL1":"Local Authority","agencyL2":"","unit":"","cost":"100.00","#,
        r#""priceYear":"2024/25","source":""}]}"#
    );
    assert_eq!(
        input_sha256(&cost_family_json(call).unwrap()),
        sha256sum(canonical)
    );
}

/// `checkEligibility`: every field of the call in the contract's order, an
/// absent one written as its default (null for rulePack, councilPack, role,
/// dateOfBirth, age, alternativeProvision and a benefit's or job's `to`; ""
/// for name; [] for a list; false for a flag), quantities as strings.
#[test]
fn check_eligibility_follows_the_readme_recipe() {
    let call = r#"{
        "members": [
            { "role": "parent", "age": 40, "benefits": [{ "from": "2014-01-01", "kind": "jsa" }],
              "offences": [{ "date": "2015-01-10" }] },
            { "dateOfBirth": "2001-02-03", "mentalHealth": true,
              "attendance": [{ "term": "a", "possibleSessions": 140, "authorisedAbsent": "6", "unauthorisedAbsent": 18 }] }
        ],
        "schoolTerms": [{ "name": "a", "start": "2014-09-03", "end": "2014-12-19" }],
        "assessmentDate": "2015-06-30",
        "rulePack": "tf-2015"
    }"#;
    let flags = r#""childInNeed":false,"childProtectionPlan":false"#;
    let canonical = [
        r#"{"rulePack":"tf-2015","councilPack":null,"assessmentDate":"2015-06-30","members":["#,
        r#"{"name":"","role":"parent","dateOfBirth":null,"age":"40","#,
        r#""offences":[{"date":"2015-01-10"}],"asb":[],"exclusions":[],"attendance":[],"#,
        r#""alternativeProvision":null,"notOnSchoolRoll":false,"#,
        r#""benefits":[{"kind":"jsa","from":"2014-01-01","to":null}],"employment":[],"#,
        flags,
        r#","mentalHealth":false,"substanceMisuse":false,"newMother":false},"#,
        r#"{"name":"","role":null,"dateOfBirth":"2001-02-03","age":null,"#,
        r#""offences":[],"asb":[],"exclusions":[],"#,
        r#""attendance":[{"term":"a","possibleSessions":"140","authorisedAbsent":"6","unauthorisedAbsent":"18"}],"#,
        r#""alternativeProvision":null,"notOnSchoolRoll":false,"benefits":[],"employment":[],"#,
        flags,
        r#","mentalHealth":true,"substanceMisuse":false,"newMother":false}],"#,
        r#""schoolTerms":[{"name":"a","start":"2014-09-03","end":"2014-12-19"}],"#,
        r#""domesticAbuse":[],"localConcern":false}"#,
    ]
    .concat();
    assert_eq!(
        input_sha256(&check_eligibility_json(call).unwrap()),
        sha256sum(&canonical)
    );
}

/// The calls read as JSON (`appraise`, `claimPayment`, …): the call as given,
/// every object's keys sorted, nothing added or left out; numbers as
/// JavaScript writes them (2.50 → 2.5).
#[test]
fn calls_read_as_json_hash_their_keys_sorted() {
    let call = r#"{ "scenarios": [{ "name": "A", "cohort": 10 }] }"#;
    let canonical = r#"{"scenarios":[{"cohort":10,"name":"A"}]}"#;
    assert_eq!(
        input_sha256(&appraise_json(call).unwrap()),
        sha256sum(canonical)
    );
    let call =
        r#"{ "council": { "fundedFamilies": 150, "agreedYear1Families": 100 }, "claims": [] }"#;
    let canonical = r#"{"claims":[],"council":{"agreedYear1Families":100,"fundedFamilies":150}}"#;
    assert_eq!(
        input_sha256(&claim_payment_json(call).unwrap()),
        sha256sum(canonical)
    );
}

/// The tables' hashes are `sha256sum` of their files exactly as they are:
/// `data/ucd_v1_2.tsv` ends with a newline, and it is hashed.
#[test]
fn table_hashes_are_sha256sum_of_the_files() {
    let table = include_str!("../data/ucd_v1_2.tsv");
    let deflator = include_str!("../data/gdp_deflator_hmt_2026_03.tsv");
    assert!(table.ends_with('\n'));
    let answer: Value = serde_json::from_str(
        &cost_family_json(r#"{"items":[{"code":"CR1.0","quantity":1}]}"#).unwrap(),
    )
    .unwrap();
    let receipt = &answer["receipt"];
    assert_eq!(receipt["unitCostTable"]["id"], "ucd-v1.2");
    assert_eq!(receipt["unitCostTable"]["sha256"], sha256sum(table));
    assert_eq!(receipt["deflator"]["id"], "hmt-gdp-2026-03");
    assert_eq!(receipt["deflator"]["sha256"], sha256sum(deflator));
}
