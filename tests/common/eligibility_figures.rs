//! The figures of an explained `checkEligibility` answer, written here field
//! by field from the explained answer alone (not from the engine's figures
//! code): what `checkEligibilityFigures` must answer for the same call.
//! Shared by the native tests (`tests/figures_eligibility.rs`) and the
//! browser tests (`tests/web.rs`).
#![allow(dead_code, clippy::unwrap_used, clippy::indexing_slicing)]

use serde_json::{json, Map, Value};

/// The figures of `explained`: a failure is the same failure; a success keeps
/// the pack's id, version, SHA-256 (and what it extends), the decision and its
/// counts, each criterion's and filter's id, met, and the ids of its
/// indicators met, and the receipt without the input's hash.
pub fn figures_of(explained: &Value) -> Value {
    if explained["type"] != "success" {
        return explained.clone();
    }
    let groups = |list: &Value| -> Value {
        list.as_array()
            .unwrap()
            .iter()
            .map(|g| {
                let met: Vec<Value> = g["indicators"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|i| i["met"] == true)
                    .map(|i| i["id"].clone())
                    .collect();
                json!({ "id": g["id"], "met": g["met"], "metIndicators": met })
            })
            .collect()
    };
    let e = explained;
    let mut pack = json!({
        "id": e["pack"]["id"],
        "version": e["pack"]["version"],
        "sha256": e["pack"]["sha256"],
    });
    if let Some(base) = e["pack"].get("extends") {
        pack["extends"] = base.clone();
    }
    let mut receipt: Map<String, Value> = e["receipt"].as_object().unwrap().clone();
    assert!(receipt.remove("inputSha256").is_some(), "{e}");
    let mut out = json!({
        "type": "success",
        "pack": pack,
        "inForce": e["inForce"],
        "assessmentDate": e["assessmentDate"],
        "status": e["status"],
        "eligible": e["eligible"],
        "criteriaMet": e["criteriaMet"],
        "criteriaTotal": e["criteriaTotal"],
        "criteria": groups(&e["criteria"]),
        "filters": groups(&e["filters"]),
        "receipt": Value::Object(receipt),
    });
    if let Some(n) = e.get("indicatorsMet") {
        out["indicatorsMet"] = n.clone();
    }
    out
}

/// The message of a thrown error without the function's name before it.
pub fn without_function<'m>(message: &'m str, function: &str) -> &'m str {
    message
        .strip_prefix(function)
        .and_then(|m| m.strip_prefix(": "))
        .unwrap_or_else(|| panic!("{message} does not start with {function}"))
}
