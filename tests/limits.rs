//! Nothing hangs (issue 17): a council pack of thousands of indicators costs a
//! keystroke in proportion to the pack, and every call and file has limits,
//! checked while reading, refused with the limit and the field's path.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "../bench/council_pack.rs"]
mod council_pack;

use community_budget::{api, rules};
use serde_json::Value;

use council_pack::keystroke_call;

fn check(call: &str) -> Value {
    serde_json::from_str(&api::check_eligibility_json(call).unwrap()).unwrap()
}

#[test]
fn a_council_pack_sent_with_every_keystroke_is_read_once() {
    let pack = council_pack::council_pack(500);
    let before = rules::packs_read();
    // Five keystrokes: the family changes, the pack's text does not.
    for k in 0..5 {
        let answer = check(&keystroke_call(&pack, 80 + k));
        assert_eq!(answer["type"], "success", "{answer}");
    }
    assert_eq!(
        rules::packs_read(),
        before + 1,
        "the pack is read on the first keystroke only"
    );
    // Another pack's text is read, once.
    let other = council_pack::council_pack(499);
    check(&keystroke_call(&other, 80));
    check(&keystroke_call(&other, 81));
    assert_eq!(rules::packs_read(), before + 2);
    // The answer found in the cache is the one a first reading gives: the
    // same pack hash in the receipt as `validateRulePack` of the text.
    let answer = check(&keystroke_call(&pack, 80));
    let valid: Value = serde_json::from_str(&api::validate_rule_pack_json(&pack).unwrap()).unwrap();
    assert_eq!(answer["pack"]["sha256"], valid["pack"]["pack"]["sha256"]);
}

#[test]
fn what_would_change_is_bounded_whatever_the_pack() {
    // 2,000 unmet indicators in the local filter: the family meets two
    // criteria (education at 90/100 sessions unauthorised in Summer 2013, and
    // work: the mother's JSA), so the local filter would make it
    // discretionary (and an offence would make it automatic). Every
    // indicator gives a candidate change; at most 48 are checked and
    // suggested, each really giving a better decision.
    let pack = council_pack::council_pack(2000);
    let answer = check(&keystroke_call(&pack, 90));
    assert_eq!(answer["type"], "success", "{answer}");
    assert_eq!(answer["status"], "notEligible");
    let suggestions = answer["whatWouldChange"].as_array().unwrap();
    assert!(!suggestions.is_empty());
    assert!(suggestions.len() <= 48, "{} suggestions", suggestions.len());
    for s in suggestions {
        assert!(
            ["automatic", "discretionary"].contains(&s["status"].as_str().unwrap()),
            "{s}"
        );
    }
    // A pack of three indicators still has every one of its changes checked
    // (the crime criterion's two, the filter's four).
    let small = council_pack::council_pack(3);
    let answer = check(&keystroke_call(&small, 90));
    let local: Vec<&str> = answer["whatWouldChange"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["group"] == "local-filter")
        .map(|s| s["indicator"].as_str().unwrap_or_default())
        .collect();
    // tf-2012's own local-concern, then the pack's three, in pack order.
    assert_eq!(local, ["local-concern", "local-0", "local-1", "local-2"]);
}

// ------------------------------------------------------------------ limits

fn fixture(file: &str, name: Option<&str>) -> Value {
    let cases: Value = serde_json::from_str(file).unwrap();
    match (cases.as_array(), name) {
        (Some(list), Some(name)) => {
            list.iter().find(|f| f["name"] == name).unwrap()["call"].clone()
        }
        (Some(list), None) => list[0]["call"].clone(),
        (None, _) => cases,
    }
}

/// `n` copies of `item` in a list.
fn copies(item: &Value, n: usize) -> Value {
    Value::Array(vec![item.clone(); n])
}

/// The thrown error of a call over a limit: its code, path and message.
fn refused(
    call: fn(&str) -> Result<String, api::CallError>,
    value: &Value,
) -> (String, String, String) {
    let e = call(&value.to_string()).expect_err("refused");
    (
        e.code().as_str().to_owned(),
        e.path().to_owned(),
        e.message().to_owned(),
    )
}

#[test]
fn a_family_with_more_items_than_the_limit_is_refused_with_the_limit_and_path() {
    let mut call = fixture(include_str!("fixtures/cost_family.json"), None);
    let item = call["items"][0].clone();
    // 2,000 items: the limit, accepted.
    call["items"] = copies(&item, 2000);
    let answer: Value =
        serde_json::from_str(&api::cost_family_json(&call.to_string()).unwrap()).unwrap();
    assert_eq!(answer["type"], "success");
    // 2,001: refused, before any item is read.
    call["items"] = copies(&item, 2001);
    assert_eq!(
        refused(api::cost_family_json, &call),
        (
            "too_many".to_owned(),
            "items".to_owned(),
            "too many: 2,001 given, more than the limit of 2,000 items of a family".to_owned()
        )
    );
    // Items that are not even objects are not read: the length is refused first.
    call["items"] = copies(&Value::Null, 5000);
    assert_eq!(refused(api::cost_family_json, &call).0, "too_many");
}

#[test]
fn members_and_their_events_have_limits() {
    let base = fixture(include_str!("fixtures/eligibility.json"), None);
    let mut call = base.clone();
    let member = call["members"][0].clone();
    call["members"] = copies(&member, 51);
    assert_eq!(
        refused(api::check_eligibility_json, &call),
        (
            "too_many".to_owned(),
            "members".to_owned(),
            "too many: 51 given, more than the limit of 50 members of a family".to_owned()
        )
    );
    let mut call = base;
    call["members"][1]["offences"] = copies(&serde_json::json!({ "date": "2014-01-01" }), 1001);
    let (code, path, message) = refused(api::check_eligibility_json, &call);
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("too_many", "members[1].offences")
    );
    assert_eq!(
        message,
        "too many: 1,001 given, more than the limit of 1,000 records in one list of a family"
    );
}

#[test]
fn a_place_with_too_many_themes_and_a_plan_with_too_many_services_are_refused() {
    let mut place = fixture(include_str!("fixtures/place.json"), None);
    let theme = place["themes"][0].clone();
    place["themes"] = copies(&theme, 201);
    let (code, path, message) = refused(api::appraise_place_json, &place);
    assert_eq!((code.as_str(), path.as_str()), ("too_many", "themes"));
    assert!(
        message.contains("more than the limit of 200 themes of a place"),
        "{message}"
    );
    let mut plan = fixture(include_str!("fixtures/neighbourhood.json"), None);
    let service = plan["services"][0].clone();
    plan["services"] = copies(&service, 1001);
    let (code, path, message) = refused(api::plan_neighbourhood_json, &plan);
    assert_eq!((code.as_str(), path.as_str()), ("too_many", "services"));
    assert!(
        message.contains("1,001 given, more than the limit of 1,000 services"),
        "{message}"
    );
}

#[test]
fn a_call_larger_than_the_limit_is_refused_before_it_is_parsed() {
    // 8 MB is 8 × 1,048,576 = 8,388,608 bytes; one byte more is refused, and
    // it is not parsed: the text past the first bytes is not even JSON.
    // `{"items": [` is 11 bytes; 8,388,598 spaces after it make 8,388,609.
    let text = format!("{{\"items\": [{}", " ".repeat(8_388_598));
    assert_eq!(text.len(), 8_388_609);
    let e = api::cost_family_json(&text).expect_err("refused");
    assert_eq!(e.code().as_str(), "too_large");
    assert_eq!(e.path(), "");
    assert_eq!(
        e.message(),
        "too large: a call of 8,388,609 bytes, more than the limit of 8,388,608 bytes (8 MB)"
    );
}

#[test]
fn a_rule_pack_over_its_limits_is_refused_with_the_limit_and_path() {
    // 2,000 indicators: accepted.
    let answer: Value = serde_json::from_str(
        &api::validate_rule_pack_json(&council_pack::council_pack(2000)).unwrap(),
    )
    .unwrap();
    assert_eq!(answer["type"], "success", "{}", answer["errors"]);
    // 2,001: refused at "indicators", none of them read.
    let answer: Value = serde_json::from_str(
        &api::validate_rule_pack_json(&council_pack::council_pack(2001)).unwrap(),
    )
    .unwrap();
    assert_eq!(
        answer["errors"],
        serde_json::json!([{
            "code": "too_many",
            "path": "indicators",
            "message": "too many: 2,001 given, more than the limit of 2,000 indicators of a rule pack"
        }])
    );
    // A text over 2 MB (2,097,152 bytes) is refused before it is parsed.
    let text = format!("{{\"id\": \"{}\"}}", "x".repeat(2_097_152));
    let answer: Value =
        serde_json::from_str(&api::validate_rule_pack_json(&text).unwrap()).unwrap();
    assert_eq!(answer["errors"][0]["code"], "too_large");
    // 2,097,152 + 10 bytes of `{"id": ""}`.
    assert_eq!(
        answer["errors"][0]["message"],
        "too large: the rule pack of 2,097,162 bytes, more than the limit of 2,097,152 bytes (2 MB)"
    );
    // Sent with checkEligibility, the same problem is under councilPack.
    let mut call = fixture(include_str!("fixtures/eligibility.json"), None);
    call.as_object_mut().unwrap().remove("rulePack");
    call["councilPack"] = Value::String(council_pack::council_pack(2001));
    let answer = check(&call.to_string());
    assert_eq!(answer["errors"][0]["code"], "too_many");
    assert_eq!(answer["errors"][0]["path"], "councilPack.indicators");
}

#[test]
fn a_number_too_large_to_read_says_so() {
    // Natively the parser meets 1e400 itself.
    let e = api::cost_family_json(r#"{"items": [{"code": "CR1.0", "quantity": 1e400}]}"#)
        .expect_err("refused");
    assert_eq!(e.code().as_str(), "too_large");
    assert!(
        e.message()
            .starts_with("a number too large to read (more than about 1.8e308)"),
        "{}",
        e.message()
    );
    // In a browser 1e400 is Infinity, which JSON.stringify writes as null.
    let e = api::cost_family_json(r#"{"items": [{"code": "CR1.0", "quantity": null}]}"#)
        .expect_err("refused");
    assert_eq!(e.path(), "items[0].quantity");
    assert!(
        e.message()
            .contains("a number too large to read, such as 1e400, arrives as null"),
        "{}",
        e.message()
    );
    // In a rule pack, with its line and column.
    let answer: Value =
        serde_json::from_str(&api::validate_rule_pack_json("{\n  \"id\": 1e400\n}").unwrap())
            .unwrap();
    assert_eq!(answer["errors"][0]["code"], "too_large");
    let message = answer["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("at line 2, column"), "{message}");
}

/// A cohort of one family of `rows` members, adults of 30 assessed on 2015-06-30.
fn cohort_of(rows: usize) -> Value {
    let mut csv = String::from("family,assessment_date,age\n");
    for _ in 0..rows {
        csv.push_str("1,2015-06-30,30\n");
    }
    csv.push_str("2,2015-06-30,40\n");
    let options = serde_json::json!({ "rulePack": "tf-2015", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06" });
    serde_json::from_str(&api::run_cohort_json(&csv, &options.to_string()).unwrap()).unwrap()
}

#[test]
fn a_cohort_family_of_more_rows_than_the_limit_is_rejected() {
    // 50 rows: the limit; the family and the next are read (51 rows).
    let answer = cohort_of(50);
    assert_eq!(answer["report"]["rejected"]["rows"], 0);
    // 51 rows: the family is rejected, and line 52 (the header is line 1)
    // says why; the next family is read.
    let answer = cohort_of(51);
    let rejected = &answer["report"]["rejected"];
    assert_eq!(rejected["families"], 1);
    assert_eq!(rejected["rows"], 51);
    let too_many: Vec<&Value> = rejected["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == "too_many")
        .collect();
    assert_eq!(too_many.len(), 1);
    assert_eq!(too_many[0]["line"], 52);
    assert!(too_many[0]["reason"]
        .as_str()
        .unwrap()
        .contains("more than the limit of 50 rows"));
}

// ------------------------------------------------- smaller things, all seen

#[test]
fn a_claim_summary_writes_money_as_tables_do() {
    // phase1-year1-every-result: a family maximum of 4000.00 (its fixture's
    // expectation), written £4,000.00 in the sentence, as in tables.
    let call = fixture(
        include_str!("fixtures/claims.json"),
        Some("phase1-year1-every-result"),
    );
    let answer: Value =
        serde_json::from_str(&api::claim_payment_json(&call.to_string()).unwrap()).unwrap();
    let summary = answer["claims"][0]["summary"].as_str().unwrap();
    assert!(
        summary.contains("out of a family maximum of £4,000.00."),
        "{summary}"
    );
    // No amount of four digits or more without its comma.
    let ungrouped = summary.split('£').skip(1).any(|after| {
        after
            .split('.')
            .next()
            .is_some_and(|w| w.len() > 3 && !w.contains(','))
    });
    assert!(!ungrouped, "{summary}");
}

#[test]
fn money_typed_with_a_pound_sign_and_commas_is_read_where_money_is_text() {
    let mut call = fixture(include_str!("fixtures/cost_family.json"), None);
    let total = |call: &Value| -> Value {
        let a: Value =
            serde_json::from_str(&api::cost_family_json(&call.to_string()).unwrap()).unwrap();
        assert_eq!(a["type"], "success", "{a}");
        a["total"].clone()
    };
    // The fixture's SAL-INJ local row costs "1249": typed "£1,249" it is the same.
    assert_eq!(call["localRows"][0]["cost"], "1249");
    let plain = total(&call);
    call["localRows"][0]["cost"] = Value::from("£1,249");
    assert_eq!(total(&call), plain);
    // A decimal comma is refused, saying how to write it.
    call["localRows"][0]["cost"] = Value::from("1249,00");
    let a: Value =
        serde_json::from_str(&api::cost_family_json(&call.to_string()).unwrap()).unwrap();
    assert_eq!(a["errors"][0]["code"], "invalid_money");
    assert_eq!(a["errors"][0]["path"], "localRows[0].cost");
    assert!(
        a["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("£1,249.50"),
        "{a}"
    );
}

fn cohort(csv: &str) -> Value {
    let options = serde_json::json!({ "rulePack": "tf-2015", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06" });
    serde_json::from_str(&api::run_cohort_json(csv, &options.to_string()).unwrap()).unwrap()
}

#[test]
fn identifier_columns_are_listed_as_identifiers_and_never_read() {
    let answer = cohort("family,assessment_date,age,NHS No,email,Phone\n1,2015-06-30,30,943 476 5919,someone@example.org,01632 960000\n");
    let text = answer.to_string();
    assert!(
        text.contains("Columns that identify people were not read and appear in no output: NHS No, email, Phone."),
        "{}",
        answer["report"]["notes"]
    );
    assert!(
        !text.contains("not a column of the layout"),
        "{}",
        answer["report"]["notes"]
    );
    for value in ["943 476 5919", "someone@example.org", "01632 960000"] {
        assert!(!text.contains(value), "{value} echoed");
    }
}

#[test]
fn a_cohort_saved_by_excel_with_day_first_dates_gets_an_overall_hint() {
    let answer = cohort("family,assessment_date,age\n1,30/06/2015,30\n2,1/7/2015,40\n");
    let rejected = &answer["report"]["rejected"];
    assert_eq!(rejected["rows"], 2);
    assert_eq!(rejected["problems"][0]["code"], "invalid_date");
    // Each cell says what it should be: 30/06/2015 is 2015-06-30, 1/7/2015 is 2015-07-01.
    assert!(rejected["problems"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("\"2015-06-30\""));
    assert!(rejected["problems"][1]["reason"]
        .as_str()
        .unwrap()
        .contains("\"2015-07-01\""));
    let first_note = answer["report"]["notes"][0].as_str().unwrap();
    assert!(
        first_note.starts_with("No row could be read, and 2 date cells look like day/month/year"),
        "{first_note}"
    );
    assert!(first_note.contains("yyyy-mm-dd"), "{first_note}");
    // One good row: no overall hint (the cell's own reason is enough).
    let answer = cohort("family,assessment_date,age\n1,30/06/2015,30\n2,2015-07-01,40\n");
    assert!(!answer["report"]["notes"]
        .to_string()
        .contains("No row could be read"));
}
