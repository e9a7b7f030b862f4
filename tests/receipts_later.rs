//! An explained answer asked for its input hash later (`{ inputSha256: false }`,
//! [`InputHash::Later`]) is the answer asked for it now, less `inputSha256`
//! and nothing else, on every fixture of the three calls a form recalculates on
//! every keystroke (`checkEligibility`, `costFamily`, `appraise`); a broken
//! call throws the same error either way; and the options are read as strictly
//! as a call.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use community_budget::api::{self, read_answer_options, read_json_call, CallError, InputHash};
use serde::Serialize;
use serde_json::Value;

type AnswerAs<T> = fn(&api::Value<'_>, InputHash) -> Result<T, CallError>;

/// Each fixture's call answered now and later: `later` must be `now` without
/// the receipt's `inputSha256`, which `now` has (64 hex digits).
fn later_is_now_less_the_hash<T: Serialize>(
    fixtures: &str,
    function: &'static str,
    work: AnswerAs<T>,
) {
    let cases: Vec<Value> = serde_json::from_str(fixtures).unwrap();
    let (mut answered, mut thrown) = (0, 0);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let text = case["call"].to_string();
        let call = read_json_call(function, &text).unwrap();
        match (work(&call, InputHash::Now), work(&call, InputHash::Later)) {
            (Ok(now), Ok(later)) => {
                let mut now = serde_json::to_value(now).unwrap();
                let later = serde_json::to_value(later).unwrap();
                let hash = now["receipt"]
                    .as_object_mut()
                    .unwrap()
                    .remove("inputSha256")
                    .unwrap_or_else(|| panic!("{name}: the answer now has no inputSha256"));
                let hash = hash.as_str().unwrap();
                assert!(
                    hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
                    "{name}: {hash}"
                );
                assert_eq!(later, now, "{name}: later is now less the hash");
                answered += 1;
            }
            (Err(now), Err(later)) => {
                assert_eq!(later, now, "{name}: the same error");
                thrown += 1;
            }
            (now, later) => panic!("{name}: now {:?}, later {:?}", now.is_ok(), later.is_ok()),
        }
    }
    assert_eq!(answered + thrown, cases.len());
    assert!(answered > 0, "{function}: some fixtures answered");
}

#[test]
fn check_eligibility_later_is_now_less_the_hash() {
    later_is_now_less_the_hash(
        include_str!("fixtures/eligibility.json"),
        "checkEligibility",
        api::check_eligibility_value_as,
    );
}

#[test]
fn cost_family_later_is_now_less_the_hash() {
    later_is_now_less_the_hash(
        include_str!("fixtures/cost_family.json"),
        "costFamily",
        api::cost_family_value_as,
    );
}

#[test]
fn appraise_later_is_now_less_the_hash() {
    later_is_now_less_the_hash(
        include_str!("fixtures/appraisal.json"),
        "appraise",
        api::appraise_value_as,
    );
}

/// The answer functions without options are the ones asked for the hash now.
#[test]
fn without_options_the_hash_comes_now() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("fixtures/cost_family.json")).unwrap();
    for case in cases.iter().filter(|c| c["throws"].is_null()) {
        let text = case["call"].to_string();
        let call = read_json_call("costFamily", &text).unwrap();
        assert_eq!(
            api::cost_family_value(&call),
            api::cost_family_value_as(&call, InputHash::Now),
            "{}",
            case["name"]
        );
    }
}

#[test]
fn options_are_read_strictly() {
    let read = |text: &str| {
        read_answer_options("costFamily", &read_json_call("costFamily", text).unwrap())
    };
    assert_eq!(read("null"), Ok(InputHash::Now));
    assert_eq!(read("{}"), Ok(InputHash::Now));
    assert_eq!(read(r#"{"inputSha256":true}"#), Ok(InputHash::Now));
    assert_eq!(read(r#"{"inputSha256":null}"#), Ok(InputHash::Now));
    assert_eq!(read(r#"{"inputSha256":false}"#), Ok(InputHash::Later));
    let wrong = read(r#"{"inputSha256":"no"}"#).unwrap_err();
    assert_eq!(wrong.path(), "inputSha256", "{wrong}");
    let unknown = read(r#"{"inputSHA256":false}"#).unwrap_err();
    assert!(unknown.to_string().contains("inputSHA256"), "{unknown}");
    assert!(read("[]").is_err(), "not an object");
}
