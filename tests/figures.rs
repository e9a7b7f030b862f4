//! Figures-only calls (issue 18): on every fixture of each call, success and
//! failure, the figures answer is the figures of the explained answer
//! (projected field by field in `common/figures.rs`, independently of the
//! engine's figures code), a failure is the explained failure itself, and a
//! broken call throws the same error. Plus one case per function worked by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
#[path = "common/figures.rs"]
mod projection;

use community_budget::api::{self, CallError};
use serde_json::{json, Value};

type Twin = fn(&str) -> Result<String, CallError>;

/// Each case's call through the explained twin and the figures twin: the
/// figures must be `project` of the explained answer, or the same thrown error.
fn same_figures(
    cases: &[(String, Value)],
    explained: Twin,
    figures: Twin,
    project: fn(&Value) -> Value,
) {
    let (mut successes, mut failures, mut thrown) = (0, 0, 0);
    for (name, call) in cases {
        let text = call.to_string();
        match (explained(&text), figures(&text)) {
            (Ok(e), Ok(f)) => {
                let e: Value = serde_json::from_str(&e).unwrap();
                let f: Value = serde_json::from_str(&f).unwrap();
                assert_eq!(
                    f,
                    project(&e),
                    "{name}: the figures are not the explained answer's"
                );
                if e["type"] == "success" {
                    successes += 1;
                } else {
                    failures += 1;
                }
            }
            (Err(e), Err(f)) => {
                assert_eq!(
                    (f.code(), f.path(), f.message()),
                    (e.code(), e.path(), e.message()),
                    "{name}: not the same thrown error"
                );
                thrown += 1;
            }
            (e, f) => panic!("{name}: explained {e:?}, figures {f:?}"),
        }
    }
    // Every kind of fixture was there to be checked.
    assert!(
        successes > 0 && failures > 0,
        "{successes} successes, {failures} failures"
    );
    let _ = thrown;
}

fn calls(cases: Vec<Value>) -> Vec<(String, Value)> {
    cases
        .into_iter()
        .map(|mut c| {
            common::with_pack_files(&mut c["call"]);
            (c["name"].as_str().unwrap().to_owned(), c["call"].clone())
        })
        .collect()
}

fn answer(text: Result<String, CallError>) -> Value {
    serde_json::from_str(&text.unwrap()).unwrap()
}

#[test]
fn cost_family_figures_are_the_explained_figures_on_every_fixture() {
    same_figures(
        &calls(common::cost_family_cases()),
        api::cost_family_json,
        api::cost_family_figures_json,
        projection::cost,
    );
}

#[test]
fn appraise_figures_are_the_explained_figures_on_every_fixture() {
    same_figures(
        &calls(common::appraisal_cases()),
        api::appraise_json,
        api::appraise_figures_json,
        projection::appraisal,
    );
}

#[test]
fn assess_family_figures_are_the_explained_figures_on_every_fixture() {
    let mut cases = calls(common::assess_cases());
    let bench: Value = serde_json::from_str(include_str!("../bench/assess-family.json")).unwrap();
    cases.push(("bench/assess-family.json".to_owned(), bench));
    // The first fixture's family under a council's pack (the eligibility
    // fixtures' Northshire, extending tf-2012): the figures name the
    // pack it extends, as the explained answer does.
    let council = common::eligibility_cases()
        .into_iter()
        .find(|c| c["name"] == "northshire-fills-the-local-filter")
        .unwrap();
    let mut under_council = cases[0].1.clone();
    let family = under_council["family"].as_object_mut().unwrap();
    family.remove("rulePack");
    family.insert(
        "councilPack".to_owned(),
        council["call"]["councilPack"].clone(),
    );
    let explained: Value =
        serde_json::from_str(&api::assess_family_json(&under_council.to_string()).unwrap())
            .unwrap();
    assert_eq!(explained["type"], "success", "{explained}");
    assert!(
        explained["eligibility"]["pack"]["extends"].is_string(),
        "{explained}"
    );
    cases.push(("under a council pack".to_owned(), under_council));
    same_figures(
        &cases,
        api::assess_family_json,
        api::assess_family_figures_json,
        projection::assessment,
    );
}

/// The receipt of a figures answer names the same versions as the explained
/// receipt, and no input hash.
#[test]
fn figures_receipts_name_the_explained_versions() {
    let call = common::cost_family_cases()[0]["call"].to_string();
    let explained = answer(api::cost_family_json(&call));
    let figures = answer(api::cost_family_figures_json(&call));
    let (e, f) = (&explained["receipt"], &figures["receipt"]);
    assert!(e["inputSha256"].is_string());
    assert!(f.get("inputSha256").is_none());
    for key in ["engineVersion", "unitCostTable", "deflator"] {
        assert_eq!(f[key], e[key], "{key}");
    }
    assert!(f["unitCostTable"]["sha256"].as_str().unwrap().len() == 64);
}

#[test]
fn a_family_costed_by_hand() {
    // At 2013/14 prices, UCD v1.2 deflator (2013/14 index 178.383195):
    // CR1.0 ASB call-out (Police) 500 at 2009/10 (index 137.744017):
    //   500 × 178.383195 / 137.744017 = 647.517… → 647.52; × 2 = 1295.04
    // HE3.0 A&E (NHS) 109 at 2012/13 (index 171.795689):
    //   109 × 178.383195 / 171.795689 = 113.179… → 113.18; × 1 = 113.18
    // Police 1295.04, NHS 113.18; total 1295.04 + 113.18 = 1408.22.
    let call = json!({
        "baseYear": "2013/14",
        "deflator": "ucd-v1.2-ons-2013-06",
        "items": [{ "code": "CR1.0", "quantity": 2 }, { "code": "HE3.0", "quantity": 1 }],
    });
    let f = answer(api::cost_family_figures_json(&call.to_string()));
    assert_eq!(f["type"], "success", "{f:#}");
    assert_eq!(f["baseYear"], "2013/14");
    assert_eq!(f["total"], "1408.22");
    assert_eq!(
        f["byAgency"],
        json!([{ "agency": "Police", "amount": "1295.04" }, { "agency": "NHS", "amount": "113.18" }])
    );
    assert_eq!(
        f["lines"],
        json!([
            { "code": "CR1.0", "agency": "Police", "quantity": 2, "unitCost": "647.52", "lineCost": "1295.04" },
            { "code": "HE3.0", "agency": "NHS", "quantity": 1, "unitCost": "113.18", "lineCost": "113.18" },
        ])
    );
    // No descriptions, sources or notes.
    assert!(f["lines"][0].get("description").is_none());
    assert!(f.get("notes").is_none());
}

#[test]
fn an_appraisal_worked_by_hand() {
    // One family, grade 1 (no optimism bias), 500 of costs in year 1 and a
    // saving of 1,000 in year 1; default discounting 3.5 %: DF1 = 1 / 1.035
    // = 0.966183…; costs PV 500 × 0.966183 = 483.09, benefits PV
    // 1,000 × 0.966183 = 966.18; NPV 966.18 − 483.09 = 483.09. The fiscal
    // position is 0 after year 0 and 483.09 after year 1, never below zero:
    // it pays back in year 0, after 0.00 years.
    let call = json!({
        "baseYear": "2013/14",
        "deflator": "ucd-v1.2-ons-2013-06",
        "scenarios": [{
            "name": "Pays at once",
            "cohort": 1,
            "costs": [{ "year": 1, "funder": "Council", "amount": "500" }],
            "outcomes": [{
                "name": "Outcome", "engagement": "1", "success": "1", "deadweight": "0",
                "durationYears": 1,
                "values": [{ "description": "Saving", "agency": "Council", "amount": "1000", "grade": 1 }],
            }],
        }],
    });
    let f = answer(api::appraise_figures_json(&call.to_string()));
    assert_eq!(f["type"], "success", "{f:#}");
    let central = &f["scenarios"][0]["central"];
    assert_eq!(central["costsPv"], "483.09");
    assert_eq!(central["benefitsPv"], "966.18");
    assert_eq!(central["npv"], "483.09");
    assert_eq!(
        central["paybackPv"],
        json!({ "status": "reached", "year": 0, "years": "0.00" })
    );
    assert_eq!(f["scenarios"][0]["years"][1]["costsPv"], "483.09");
    assert_eq!(
        f["discountRates"][0],
        json!({ "fromYear": 0, "rate": "0.035" })
    );
    assert!(f.get("notes").is_none() && f.get("parameters").is_none());
}

#[test]
fn a_family_assessed_by_hand() {
    // tests/fixtures/assess.json, one-family-every-step (its `why` has the working):
    // tf-2012 on 2013-07-31: 2 criteria met, not eligible today.
    // Costs at 2013/14: CR1.0 647.52 × 10 = 6,475.20 and CR6.0 699.85 × 2 =
    //   1,399.70 (Police 7,874.90); HE3.0 113.18 × 5 = 565.90 (NHS); total 8,440.80.
    // Claim: 3,200 attachment + 800 results = 4,000.00.
    // Appraisal (each item halved, 25 % discounting, 3,000 in year 0): a year's
    //   saving 3,937.45 + 282.95 = 4,220.40; PV 3,376.32 + 2,701.06 = 6,077.38;
    //   NPV 6,077.38 − 3,000 = 3,077.38; fiscal return 6,077.38 / 3,000 = 2.03.
    // Pool: Council puts in 2,000, Police 1,000: nets −2,000.00, 5,669.93 −
    //   1,000 = 4,669.93, 407.45; the pool's net 3,077.38, return 2.03.
    let call = &common::assess_cases()[0]["call"];
    let f = answer(api::assess_family_figures_json(&call.to_string()));
    assert_eq!(f["type"], "success", "{f:#}");
    assert_eq!(f["eligibility"]["status"], "notEligible");
    assert_eq!(f["eligibility"]["criteriaMet"], 2);
    assert_eq!(f["costs"]["total"], "8440.80");
    assert_eq!(
        f["costs"]["byAgency"],
        json!([{ "agency": "Police", "amount": "7874.90" }, { "agency": "NHS", "amount": "565.90" }])
    );
    assert_eq!(f["claim"]["total"], "4000.00");
    assert_eq!(f["claim"]["attachmentClaimable"], "3200.00");
    let central = &f["appraisal"]["scenarios"][0]["central"];
    assert_eq!(central["benefitsPv"], "6077.38");
    assert_eq!(central["npv"], "3077.38");
    assert_eq!(central["roi"]["fiscal"], "2.03");
    let nets: Vec<&Value> = f["pool"]["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["netPv"])
        .collect();
    assert_eq!(
        nets,
        [&json!("-2000.00"), &json!("4669.93"), &json!("407.45")]
    );
    assert_eq!(f["pool"]["netPv"], "3077.38");
    assert_eq!(f["pool"]["roi"], "2.03");
    assert_eq!(f["receipt"]["rulePack"]["id"], "tf-2012");
    assert!(f.get("trace").is_none());
}
