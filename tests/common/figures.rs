//! The figures of an explained answer, written field by field from the
//! explained answer alone (issue 18, "figures and explanations apart"): what
//! `costFamilyFigures`, `appraiseFigures` and `assessFamilyFigures` must
//! answer, worked out without the engine's figures code. A failure's figures
//! are the failure itself.
#![allow(dead_code, clippy::indexing_slicing)]

use serde_json::{json, Map, Value};

/// `keys` of `from` that it has, as they are.
fn pick(from: &Value, keys: &[&str]) -> Value {
    let mut out = Map::new();
    for &key in keys {
        if let Some(v) = from.get(key) {
            out.insert(key.to_owned(), v.clone());
        }
    }
    Value::Object(out)
}

fn each(list: &Value, f: impl Fn(&Value) -> Value) -> Value {
    Value::Array(
        list.as_array()
            .map_or(Vec::new(), |l| l.iter().map(f).collect()),
    )
}

/// A receipt without the input's hash.
pub fn receipt(r: &Value) -> Value {
    pick(
        r,
        &[
            "engineVersion",
            "unitCostTable",
            "extendsTable",
            "deflator",
            "rulePack",
        ],
    )
}

/// `costFamily`'s figures, without `type` and `receipt`.
fn cost_body(e: &Value) -> Value {
    json!({
        "baseYear": e["baseYear"],
        "total": e["total"],
        "byAgency": each(&e["byAgency"], |a| pick(a, &["agency", "amount"])),
        "bySubAgency": e["bySubAgency"],
        "lines": each(&e["lines"], |l| {
            pick(l, &["code", "agency", "quantity", "unitCost", "lineCost"])
        }),
    })
}

/// `appraise`'s figures, without `type` and `receipt`.
fn appraisal_body(e: &Value) -> Value {
    json!({
        "baseYear": e["baseYear"],
        "discountRates": each(&e["parameters"]["discounting"]["bands"], |b| {
            pick(b, &["fromYear", "rate"])
        }),
        "scenarios": each(&e["scenarios"], |s| pick(s, &[
            "name", "businessAsUsual", "cohort", "horizon", "years", "central", "low", "high",
            "sensitivity", "byAgency", "byFunder", "versusBusinessAsUsual",
        ])),
    })
}

fn with(mut body: Value, receipt_of: &Value) -> Value {
    if let Value::Object(map) = &mut body {
        map.insert("type".to_owned(), json!("success"));
        map.insert("receipt".to_owned(), receipt(receipt_of));
    }
    body
}

/// The figures of a `costFamily` answer.
pub fn cost(e: &Value) -> Value {
    if e["type"] != "success" {
        return e.clone();
    }
    with(cost_body(e), &e["receipt"])
}

/// The figures of an `appraise` answer.
pub fn appraisal(e: &Value) -> Value {
    if e["type"] != "success" {
        return e.clone();
    }
    with(appraisal_body(e), &e["receipt"])
}

/// The figures of an `assessFamily` answer.
pub fn assessment(e: &Value) -> Value {
    if e["type"] != "success" {
        return e.clone();
    }
    let el = &e["eligibility"];
    let mut body = json!({
        "assessmentDate": e["assessmentDate"],
        "eligibility": {
            "pack": pick(&el["pack"], &["id", "version", "sha256", "extends"]),
            "inForce": el["inForce"],
            "status": el["status"],
            "eligible": el["eligible"],
            "criteriaMet": el["criteriaMet"],
            "criteriaTotal": el["criteriaTotal"],
        },
    });
    if let Some(n) = el.get("indicatorsMet") {
        body["eligibility"]["indicatorsMet"] = n.clone();
    }
    if let Some(c) = e.get("costs") {
        body["costs"] = cost_body(c);
    }
    if let Some(c) = e.get("claim") {
        body["claim"] = pick(
            c,
            &[
                "scheme",
                "maximum",
                "attachmentClaimable",
                "resultsClaimable",
                "total",
            ],
        );
    }
    if let Some(a) = e.get("appraisal") {
        body["appraisal"] = appraisal_body(a);
    }
    if let Some(p) = e.get("pool") {
        body["pool"] = json!({
            "partners": each(&p["partners"], |x| json!({
                "name": x["name"],
                "contributionPv": x["contribution"]["pv"],
                "benefitPv": x["benefit"]["pv"],
                "netPv": x["netPv"],
                "roi": x["roi"],
                "payback": x["payback"],
            })),
            "netPv": p["pool"]["netPv"],
            "roi": p["pool"]["roi"],
        });
    }
    with(body, &e["receipt"])
}
