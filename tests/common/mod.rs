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

/// The shared `checkEligibility` fixtures: `{ name, why, call, expect }` answers
/// and `{ name, why, call, throws: { path, contains } }` broken calls. A
/// `councilPack` written `{ "$file": "northshire-2013.json" }` is replaced by
/// that file's text from `tests/fixtures/packs/`, as a portal would send it.
pub const ELIGIBILITY_FIXTURES: &str = include_str!("../fixtures/eligibility.json");

/// The council packs the fixtures use, by file name.
pub const PACKS: [(&str, &str); 6] = [
    (
        "northshire-2013.json",
        include_str!("../fixtures/packs/northshire-2013.json"),
    ),
    (
        "capshire-2012.json",
        include_str!("../fixtures/packs/capshire-2012.json"),
    ),
    (
        "eastshire-2015.json",
        include_str!("../fixtures/packs/eastshire-2015.json"),
    ),
    ("broken.json", include_str!("../fixtures/packs/broken.json")),
    (
        "westshire-2022.json",
        include_str!("../fixtures/packs/westshire-2022.json"),
    ),
    (
        "southshire-2022.json",
        include_str!("../fixtures/packs/southshire-2022.json"),
    ),
];

/// A council pack's text by file name.
pub fn pack_text(name: &str) -> &'static str {
    PACKS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no fixture pack {name}"))
}

/// The eligibility fixture cases, parsed, with council packs as text.
pub fn eligibility_cases() -> Vec<Value> {
    let all: Value = serde_json::from_str(ELIGIBILITY_FIXTURES).expect("fixtures are JSON");
    let mut cases = all.as_array().expect("fixtures are an array").clone();
    for case in &mut cases {
        let file = case["call"]["councilPack"]["$file"]
            .as_str()
            .map(str::to_owned);
        if let Some(file) = file {
            case["call"]["councilPack"] = Value::String(pack_text(&file).to_owned());
        }
    }
    cases
}

/// Applies one edit of a `whatWouldChange` suggestion (`{ op, path, value }`)
/// to a call: `set` a field, `append` to a list (created if absent), `remove`
/// a list element. Paths are `a.b[2].c`.
pub fn apply_edit(call: &mut Value, edit: &Value) {
    let path = edit["path"].as_str().expect("an edit has a path");
    let mut steps: Vec<(String, Option<usize>)> = Vec::new();
    for part in path.split('.') {
        match part.split_once('[') {
            Some((key, rest)) => {
                let index = rest.trim_end_matches(']').parse().expect("an index");
                steps.push((key.to_owned(), Some(index)));
            }
            None => steps.push((part.to_owned(), None)),
        }
    }
    let (last, parents) = steps.split_last().expect("a path has a step");
    let mut here = call;
    for (key, index) in parents {
        here = &mut here[key.as_str()];
        if let Some(i) = index {
            here = &mut here[*i];
        }
    }
    let value = edit["value"].clone();
    match (edit["op"].as_str(), last) {
        (Some("set"), (key, None)) => here[key.as_str()] = value,
        (Some("set"), (key, Some(i))) => here[key.as_str()][*i] = value,
        (Some("append"), (key, None)) => {
            if here.get(key.as_str()).is_none() {
                here[key.as_str()] = Value::Array(Vec::new());
            }
            here[key.as_str()]
                .as_array_mut()
                .expect("a list")
                .push(value);
        }
        (Some("remove"), (key, Some(i))) => {
            here[key.as_str()]
                .as_array_mut()
                .expect("a list")
                .remove(*i);
        }
        (op, _) => panic!("cannot apply {op:?} at {path}"),
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

/// Replaces every `{ "$file": name }` council pack under `value` by that
/// pack's text, as a portal would send it.
pub fn with_pack_files(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let file = map
                .get("councilPack")
                .and_then(|p| p.get("$file"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let Some(file) = file {
                map.insert(
                    "councilPack".to_owned(),
                    Value::String(pack_text(&file).to_owned()),
                );
            }
            map.values_mut().for_each(with_pack_files);
        }
        Value::Array(items) => items.iter_mut().for_each(with_pack_files),
        _ => {}
    }
}

/// The shared `claimPayment` fixtures, in the same `{ name, why, call, expect }`
/// and `{ name, why, call, throws }` form; council packs as text.
pub const CLAIM_FIXTURES: &str = include_str!("../fixtures/claims.json");

/// The `claimPayment` fixture cases, parsed, with council packs as text.
pub fn claim_cases() -> Vec<Value> {
    let mut all: Value = serde_json::from_str(CLAIM_FIXTURES).expect("fixtures are JSON");
    with_pack_files(&mut all);
    all.as_array().expect("fixtures are an array").clone()
}

/// The shared `poolReturns` fixtures.
pub const POOL_FIXTURES: &str = include_str!("../fixtures/pool.json");

/// The `poolReturns` fixture cases, parsed.
pub fn pool_cases() -> Vec<Value> {
    let all: Value = serde_json::from_str(POOL_FIXTURES).expect("fixtures are JSON");
    all.as_array().expect("fixtures are an array").clone()
}

/// The shared `assessFamily` fixtures.
pub const ASSESS_FIXTURES: &str = include_str!("../fixtures/assess.json");

/// The `assessFamily` fixture cases, parsed.
pub fn assess_cases() -> Vec<Value> {
    let all: Value = serde_json::from_str(ASSESS_FIXTURES).expect("fixtures are JSON");
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

/// The small cohort worked by hand in `tests/cohort.rs`: four good families
/// and a bad row of every kind (shared with the browser tests).
pub const COHORT_CSV: &str = include_str!("../fixtures/cohort/small.csv");

/// The options the small cohort is run with.
pub const COHORT_OPTIONS: &str = include_str!("../fixtures/cohort/options.json");

/// The cohort with claims and a pooled budget worked by hand in
/// `tests/cohort.rs` (shared with the browser tests).
pub const COHORT_CLAIMS_CSV: &str = include_str!("../fixtures/cohort/claims.csv");

/// The options it is run with (council rows, appraisal, pool).
pub const COHORT_CLAIMS_OPTIONS: &str = include_str!("../fixtures/cohort/claims-options.json");
/// The shared `planNeighbourhood` fixtures.
pub const NEIGHBOURHOOD_FIXTURES: &str = include_str!("../fixtures/neighbourhood.json");

/// The `planNeighbourhood` fixture cases, parsed.
pub fn neighbourhood_cases() -> Vec<Value> {
    let all: Value = serde_json::from_str(NEIGHBOURHOOD_FIXTURES).expect("fixtures are JSON");
    all.as_array().expect("fixtures are an array").clone()
}

/// The shared `appraisePlace` fixtures.
pub const PLACE_FIXTURES: &str = include_str!("../fixtures/place.json");

/// The `appraisePlace` fixture cases, parsed.
pub fn place_cases() -> Vec<Value> {
    let all: Value = serde_json::from_str(PLACE_FIXTURES).expect("fixtures are JSON");
    all.as_array().expect("fixtures are an array").clone()
}

/// The shared `combinePlaces` fixtures.
pub const COMBINE_PLACES_FIXTURES: &str = include_str!("../fixtures/combine_places.json");

/// The `combinePlaces` fixture cases, parsed.
pub fn combine_places_cases() -> Vec<Value> {
    let all: Value = serde_json::from_str(COMBINE_PLACES_FIXTURES).expect("fixtures are JSON");
    all.as_array().expect("fixtures are an array").clone()
}

/// A headline figure of a cohort report answer (`rowsRead`, `annualCost`, …).
pub fn figure(answer: &Value, key: &str) -> Value {
    answer["report"]["summary"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == key)
        .unwrap_or_else(|| panic!("no figure {key}"))["value"]
        .clone()
}
