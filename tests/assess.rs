//! `assessFamily`: one family's eligibility, costs, claim, appraisal and pool
//! in one traced answer, each step the existing function. The shared
//! fixtures (`tests/fixtures/assess.json`, also run in the browser) carry
//! the working in `why`; here, each step's trace hash is checked against the
//! function's own receipt.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use community_budget::api::{
    assess_family_json, assess_family_value, check_eligibility_json, claim_payment_json,
    cost_family_json, pool_returns_json, AssessFamilyAnswer,
};
use serde_json::Value;

#[test]
fn the_shared_fixtures_hold_natively() {
    common::check_natively(common::assess_cases(), "assessFamily", assess_family_json);
}

fn answer(text: Result<String, community_budget::api::CallError>) -> Value {
    serde_json::from_str(&text.unwrap()).unwrap()
}

/// Each step's `inputSha256` is the one its own function's receipt shows for
/// the call it was given, so any step can be redone on its own.
#[test]
fn each_step_is_traced_by_the_hash_of_its_own_call() {
    let case = common::assess_cases().remove(0);
    let call = &case["call"];
    let a = answer(assess_family_json(&call.to_string()));
    assert_eq!(a["type"], "success", "{a:#}");
    let trace = a["trace"].as_array().unwrap();
    assert_eq!(trace.len(), 5);
    let eligibility = answer(check_eligibility_json(&call["family"].to_string()));
    assert_eq!(
        trace[0]["inputSha256"],
        eligibility["receipt"]["inputSha256"]
    );
    assert_eq!(trace[0]["summary"], eligibility["decision"]);
    let costs = answer(cost_family_json(&call["costs"].to_string()));
    assert_eq!(trace[1]["inputSha256"], costs["receipt"]["inputSha256"]);
    // The appraisal's call is in the trace: appraised on its own, it gives
    // the same answer and hash.
    let built = &trace[3]["call"];
    let appraisal = answer(community_budget::api::appraise_json(&built.to_string()));
    assert_eq!(trace[3]["inputSha256"], appraisal["receipt"]["inputSha256"]);
    assert_eq!(a["appraisal"]["scenarios"], appraisal["scenarios"]);
    // The claim and the pool, each made as its own call.
    let mut claim = call["claim"].clone();
    claim["family"] = call["family"].clone();
    let claims = answer(claim_payment_json(
        &serde_json::json!({ "claims": [claim] }).to_string(),
    ));
    assert_eq!(trace[2]["inputSha256"], claims["receipt"]["inputSha256"]);
    assert_eq!(a["claim"], claims["claims"][0]);
    let pool_call = serde_json::json!({ "appraisal": built, "partners": call["pool"]["partners"] });
    let pool = answer(pool_returns_json(&pool_call.to_string()));
    assert_eq!(trace[4]["inputSha256"], pool["receipt"]["inputSha256"]);
    // One receipt for the whole answer, with the family's pack; none inside.
    assert_eq!(a["receipt"]["rulePack"], eligibility["receipt"]["rulePack"]);
    // Each part is its function's own answer, every field of it, less the
    // tag and the receipt.
    for (part, own) in [
        ("eligibility", eligibility),
        ("costs", costs),
        ("appraisal", appraisal),
        ("pool", pool),
    ] {
        let mut own = own;
        let map = own.as_object_mut().unwrap();
        assert!(map.remove("type").is_some(), "{part}");
        assert!(map.remove("receipt").is_some(), "{part}");
        assert_eq!(a[part], own, "{part}");
    }
}

/// `assessFamily` writes each step's part as the step wrote it; the text is
/// the same JSON as serde writes for the whole answer (serde's `Value` puts
/// a part's keys in alphabetical order, the text keeps the step's own
/// order), for every shared fixture that is answered.
#[test]
fn the_answer_written_by_hand_is_what_serde_writes() {
    let mut successes = 0;
    for case in common::assess_cases() {
        let Ok(answer) = assess_family_value(&(&case["call"]).into()) else {
            continue;
        };
        let by_hand = answer.to_json().unwrap();
        let read: Value = serde_json::from_str(&by_hand).unwrap();
        assert_eq!(
            read,
            serde_json::to_value(&answer).unwrap(),
            "{}",
            case["name"]
        );
        assert_eq!(
            assess_family_json(&case["call"].to_string()).unwrap(),
            by_hand
        );
        successes += usize::from(matches!(answer, AssessFamilyAnswer::Success(_)));
    }
    assert_eq!(successes, 2, "both success fixtures were written");
}

/// An optional field of the appraisal given `null` is absent, as everywhere:
/// the answer is the one without it (found by the contract's property test,
/// which sends `null` to every field one at a time).
#[test]
fn an_appraisal_field_given_null_is_left_out() {
    let case = common::assess_cases().remove(0);
    let mut call = case["call"].clone();
    let without = answer(assess_family_json(&call.to_string()));
    assert_eq!(without["type"], "success", "{without:#}");
    for key in ["engagement", "success", "deadweight", "lagYears", "dropOff"] {
        let mut with_null = call.clone();
        with_null["appraisal"][key] = Value::Null;
        let a = answer(assess_family_json(&with_null.to_string()));
        let absent = {
            let mut c = call.clone();
            c["appraisal"].as_object_mut().unwrap().remove(key);
            answer(assess_family_json(&c.to_string()))
        };
        // The receipts differ (the calls' texts differ); the figures do not.
        assert_eq!(
            a["appraisal"]["scenarios"], absent["appraisal"]["scenarios"],
            "{key}"
        );
    }
    call["appraisal"]["deadweight"] = Value::Null;
    assert_eq!(
        answer(assess_family_json(&call.to_string()))["type"],
        "success"
    );
}
