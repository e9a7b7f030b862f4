//! `checkEligibilityFigures` natively: on every eligibility fixture (success,
//! failure and broken calls; every built-in pack and the council packs), its
//! answer is the figures of the explained answer, projected field by field in
//! `tests/common/eligibility_figures.rs`; and one case worked by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
#[path = "common/eligibility_figures.rs"]
mod eligibility_figures;

use std::collections::BTreeSet;

use community_budget::api;
use eligibility_figures::{figures_of, without_function};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn figures(call: &Value) -> Value {
    serde_json::from_str(&api::check_eligibility_figures_json(&call.to_string()).unwrap()).unwrap()
}

#[test]
fn figures_are_the_explained_answers_figures_on_every_fixture() {
    let cases = common::eligibility_cases();
    assert!(cases.len() >= 40);
    let (mut successes, mut failures, mut throws) = (0, 0, 0);
    let mut packs = BTreeSet::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let call = serde_json::to_string(&case["call"]).unwrap();
        match (
            api::check_eligibility_json(&call),
            api::check_eligibility_figures_json(&call),
        ) {
            (Ok(explained), Ok(figures)) => {
                let explained: Value = serde_json::from_str(&explained).unwrap();
                let figures: Value = serde_json::from_str(&figures).unwrap();
                assert_eq!(figures, figures_of(&explained), "{name}");
                if explained["type"] == "success" {
                    successes += 1;
                    packs.insert(explained["pack"]["id"].as_str().unwrap().to_owned());
                } else {
                    failures += 1;
                }
            }
            (Err(explained), Err(figures)) => {
                assert_eq!(figures.path(), explained.path(), "{name}");
                assert_eq!(figures.code(), explained.code(), "{name}");
                assert_eq!(
                    without_function(&figures.to_string(), "checkEligibilityFigures"),
                    without_function(&explained.to_string(), "checkEligibility"),
                    "{name}"
                );
                throws += 1;
            }
            (explained, figures) => {
                panic!("{name}: explained {explained:?} but figures {figures:?}")
            }
        }
    }
    // Every kind of answer, under every built-in pack and council packs.
    assert!(successes >= 30 && failures >= 4 && throws >= 4);
    for id in ["tf-2012", "tf-2015", "sf-2020", "sf-2022", "ff-2025"] {
        assert!(packs.contains(id), "no fixture under {id}: {packs:?}");
    }
    assert!(
        packs.iter().any(|p| p.starts_with("eastshire")),
        "{packs:?}"
    );
}

/// Worked by hand from `data/rules/sf-2022.json` (the fixture
/// `sf2022-three-needs-across-two-headlines`): assessed 2023-06-30, inside the
/// pack's dates (2022-10-03 to 2025-03-31). Mother's rent arrears (from
/// 2023-01-09) and risk of eviction (from 2023-05-02) both cover the day: the
/// housing headline's `risk-of-eviction` and `rent-arrears` (in pack order);
/// her problem debt (from 2022-11-01, open) is the financial headline's
/// `problem-debt`. 3 needs across 2 of the 10 headlines. Son is 8 (born
/// 2015-05-05): the precondition's `dependent-child`. The pack counts needs:
/// 3 ≥ 3 with the precondition: eligible.
#[test]
fn figures_worked_by_hand_sf_2022() {
    let call = json!({
        "rulePack": "sf-2022",
        "assessmentDate": "2023-06-30",
        "members": [
            {"name": "Mother", "role": "parent", "dateOfBirth": "1988-03-01", "circumstances": [
                {"kind": "rentArrears", "from": "2023-01-09"},
                {"kind": "riskOfEviction", "from": "2023-05-02"},
                {"kind": "problemDebt", "from": "2022-11-01"}
            ]},
            {"name": "Son", "role": "child", "dateOfBirth": "2015-05-05"}
        ]
    });
    let text = include_str!("../data/rules/sf-2022.json");
    let sha: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let version: Value = serde_json::from_str::<Value>(text).unwrap()["version"].clone();
    let a = figures(&call);
    let none = |id: &str| json!({"id": id, "met": false, "metIndicators": []});
    let expected = json!({
        "type": "success",
        "pack": {"id": "sf-2022", "version": version, "sha256": sha},
        "inForce": true,
        "assessmentDate": "2023-06-30",
        "status": "eligible",
        "eligible": true,
        "criteriaMet": 2,
        "criteriaTotal": 10,
        "indicatorsMet": 3,
        "criteria": [
            none("education"), none("early-years"), none("health"), none("substance-use"),
            none("relationships"), none("safe-children"), none("crime"), none("domestic-abuse"),
            {"id": "housing", "met": true, "metIndicators": ["risk-of-eviction", "rent-arrears"]},
            {"id": "financial", "met": true, "metIndicators": ["problem-debt"]}
        ],
        "filters": [{"id": "precondition", "met": true, "metIndicators": ["dependent-child"]}],
        "receipt": a["receipt"].clone(),
    });
    assert_eq!(a, expected);
    // The receipt: the engine, the pack by its hash, no input hash.
    assert_eq!(a["receipt"]["engineVersion"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        a["receipt"]["rulePack"],
        json!({"id": "sf-2022", "sha256": sha})
    );
    assert!(a["receipt"].get("inputSha256").is_none());
    // No sentence, label, evidence, parameter or suggestion anywhere.
    let text = a.to_string();
    for word in [
        "decision\"",
        "title",
        "label",
        "evidence",
        "parameters",
        "whatWouldChange",
        "reason",
        "source",
    ] {
        assert!(!text.contains(word), "{word} in {text}");
    }
}

/// A failure is exactly the explained failure, receipt and input hash
/// included: here a date that is not a date, and an unknown pack.
#[test]
fn a_failure_is_the_explained_failure() {
    for call in [
        json!({"rulePack": "tf-2012", "assessmentDate": "2014-02-30", "members": []}),
        json!({"rulePack": "tf-2099", "assessmentDate": "2014-06-30", "members": []}),
    ] {
        let explained: Value =
            serde_json::from_str(&api::check_eligibility_json(&call.to_string()).unwrap()).unwrap();
        assert_eq!(explained["type"], "failure", "{explained}");
        assert!(explained["receipt"]["inputSha256"].is_string());
        assert_eq!(figures(&call), explained);
    }
}
