//! Helpers shared by the native tests and the browser tests (`tests/web.rs`).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use community_budget::api::CallError;
use serde_json::Value;

/// The shared `costFamily` fixtures: `{ name, why, call, expect }` answers and
/// `{ name, why, call, throws: { path, contains } }` broken calls.
pub const COST_FAMILY_FIXTURES: &str = include_str!("../fixtures/cost_family.json");

/// The fixture cases, parsed.
pub fn cost_family_cases() -> Vec<Value> {
    let all: Value = serde_json::from_str(COST_FAMILY_FIXTURES).expect("fixtures are JSON");
    all.as_array().expect("fixtures are an array").clone()
}

/// Checks that `actual` contains `expected`: every key of an expected object
/// must be present and match; arrays must have the same length and match
/// element by element; anything else must be equal. Returns the first
/// difference as `path: expected … got …`.
pub fn contains(actual: &Value, expected: &Value, path: &str) -> Result<(), String> {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (key, want) in e {
                let here = format!("{path}.{key}");
                match a.get(key) {
                    Some(got) => contains(got, want, &here)?,
                    None => return Err(format!("{here}: expected {want}, but the key is missing")),
                }
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(e)) => {
            if a.len() != e.len() {
                return Err(format!(
                    "{path}: expected {} elements, got {}: {actual}",
                    e.len(),
                    a.len()
                ));
            }
            for (i, (got, want)) in a.iter().zip(e).enumerate() {
                contains(got, want, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        _ if actual == expected => Ok(()),
        _ => Err(format!("{path}: expected {expected}, got {actual}")),
    }
}

/// The shared `appraise` fixtures, in the same `{ name, why, call, expect }`
/// and `{ name, why, call, throws: { path, contains } }` form.
pub const APPRAISAL_FIXTURES: &str = include_str!("../fixtures/appraisal.json");

/// The `appraise` fixture cases, parsed.
pub fn appraisal_cases() -> Vec<Value> {
    let all: Value = serde_json::from_str(APPRAISAL_FIXTURES).expect("fixtures are JSON");
    all.as_array().expect("fixtures are an array").clone()
}

/// Runs fixture cases through a `*_json` twin: a broken call must throw with
/// the path and words the case names, in a message that starts with the
/// function's name; any other call must answer what the case expects.
pub fn check_natively(
    cases: Vec<Value>,
    function: &str,
    twin: fn(&str) -> Result<String, CallError>,
) {
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let result = twin(&serde_json::to_string(&case["call"]).unwrap());
        if let Some(throws) = case.get("throws") {
            let e = result.expect_err(name);
            assert_eq!(e.path(), throws["path"].as_str().unwrap(), "{name}: {e}");
            assert!(
                e.to_string().contains(throws["contains"].as_str().unwrap()),
                "{name}: {e}"
            );
            assert!(
                e.to_string().starts_with(&format!("{function}: ")),
                "{name}: {e}"
            );
        } else {
            let answer: Value = serde_json::from_str(&result.unwrap()).unwrap();
            if let Err(diff) = contains(&answer, &case["expect"], name) {
                panic!("{diff}\nanswer: {answer:#}");
            }
        }
    }
}
