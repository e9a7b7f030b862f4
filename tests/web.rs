//! Browser tests (headless Chromium via `wasm-pack test --headless --chrome`):
//! the JavaScript boundary. Strings in, tagged unions out, JS `Error`s thrown
//! for broken calls, and the wasm answer identical to the native one on the
//! shared fixtures.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use community_budget::{api, wasm};
use serde_json::Value;
use tsify::Ts;
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn to_json(v: &JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(v).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

/// A binding's answer as JSON, or the JS `Error` it threw.
fn answered<A: tsify::Tsify>(answer: Result<Ts<A>, JsError>) -> Result<Value, js_sys::Error>
where
    JsValue: From<Ts<A>>,
{
    answer
        .map(|answer| to_json(&JsValue::from(answer)))
        .map_err(|e| js_sys::Error::from(<JsValue as From<JsError>>::from(e)))
}

/// Calls a binding with a JS value, as a portal does.
fn through<C: tsify::Tsify, A: tsify::Tsify>(
    binding: fn(Ts<C>) -> Result<Ts<A>, JsError>,
    call: JsValue,
) -> Result<Value, js_sys::Error>
where
    JsValue: From<Ts<A>>,
{
    answered(binding(Ts::new_unchecked(call)))
}

fn cost_family(call: JsValue) -> Result<Value, js_sys::Error> {
    answered(wasm::cost_family(Ts::new_unchecked(call), None))
}

/// Runs fixture cases natively and in wasm: the answers must be the same
/// bytes and hold what the case expects; broken calls must throw a JS `Error`
/// whose message starts with the function's name and names the field.
fn same_answers_in_wasm(
    cases: Vec<Value>,
    function: &str,
    native: fn(&str) -> Result<String, api::CallError>,
    in_wasm: fn(JsValue) -> Result<Value, js_sys::Error>,
) {
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let call_json = serde_json::to_string(&case["call"]).unwrap();
        match (native(&call_json), in_wasm(js(&call_json))) {
            (Ok(native), Ok(answer)) => {
                let native: Value = serde_json::from_str(&native).unwrap();
                assert_eq!(answer, native, "{name}: wasm and native differ");
                if let Err(diff) = common::contains(&answer, &case["expect"], name) {
                    panic!("{diff}");
                }
            }
            (Err(native), Err(thrown)) => {
                let message: String = thrown.message().into();
                let throws = &case["throws"];
                assert!(
                    message.contains(throws["contains"].as_str().unwrap()),
                    "{name}: {message}"
                );
                assert!(
                    message.contains(throws["path"].as_str().unwrap()),
                    "{name}: {message}"
                );
                assert!(
                    message.starts_with(&format!("{function}: ")),
                    "{name}: {message}"
                );
                assert_eq!(native.path(), throws["path"].as_str().unwrap());
                assert_eq!(message, native.to_string(), "{name}");
                assert!(JsValue::from(thrown).is_instance_of::<js_sys::Error>());
            }
            (native, wasm) => panic!("{name}: native {native:?} but wasm {wasm:?}"),
        }
    }
}

#[wasm_bindgen_test]
fn wasm_and_native_give_the_same_answers_on_the_shared_fixtures() {
    same_answers_in_wasm(
        common::cost_family_cases(),
        "costFamily",
        api::cost_family_json,
        cost_family,
    );
}

#[wasm_bindgen_test]
fn money_given_as_a_js_number_is_refused_naming_the_field() {
    let call = js(
        r#"{"baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06","items":[],"localRows":[{"code":"L1","description":"Summons","agencyL1":"Local Authority","cost":100,"priceYear":"2013/14"}]}"#,
    );
    let thrown = cost_family(call).unwrap_err();
    let message: String = thrown.message().into();
    assert!(message.contains("localRows[0].cost"), "{message}");
    assert!(message.contains("decimal string"), "{message}");
    // It is a real JS Error, so `instanceof Error` holds in the portal's code.
    assert!(JsValue::from(thrown).is_instance_of::<js_sys::Error>());
}

#[wasm_bindgen_test]
fn malformed_calls_throw_js_errors() {
    for (call, needle) in [
        (JsValue::from_str("CR1.0"), "expected struct CostFamilyCall"),
        (JsValue::NULL, "expected struct CostFamilyCall"),
        (js(r#"{"baseYear":"2024/25"}"#), "missing field `items`"),
        (
            js(r#"{"baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06","items":[],"extra":1}"#),
            "unknown field `extra`",
        ),
        (
            js(
                r#"{"baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06","items":[{"code":"CR1.0","quantity":true}]}"#,
            ),
            "items[0].quantity",
        ),
    ] {
        let thrown = cost_family(call).unwrap_err();
        let message: String = thrown.message().into();
        assert!(
            message.contains(needle),
            "{message} should mention {needle}"
        );
    }
}

#[wasm_bindgen_test]
fn money_comes_back_as_strings_and_the_answer_is_tagged() {
    let answer = cost_family(js(
        r#"{"baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06","items":[{"code":"CR1.0","quantity":58}]}"#,
    ))
    .unwrap();
    assert_eq!(answer["type"], "success");
    // 500 × 178.383195 / 137.744017 = 647.517… → 647.52; × 58 = 37,556.16.
    assert_eq!(answer["total"], Value::String("37556.16".into()));
    assert_eq!(
        answer["lines"][0]["unitCost"],
        Value::String("647.52".into())
    );
    assert_eq!(answer["lines"][0]["quantity"], Value::from(58));
}

#[wasm_bindgen_test]
fn unit_costs_and_version_cross_the_boundary() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
    let table = to_json(&JsValue::from(wasm::unit_costs(None).unwrap()));
    assert_eq!(table["type"], "success");
    assert_eq!(table["rows"].as_array().unwrap().len(), 673);
    let native: Value = serde_json::from_str(&api::unit_costs_json().unwrap()).unwrap();
    assert_eq!(table, native);
    // One table asked for: only its rows.
    let v14 = to_json(&JsValue::from(
        wasm::unit_costs(Some(Ts::new_unchecked(js(r#"{"table":"ucd-v1.4"}"#)))).unwrap(),
    ));
    assert_eq!(v14["tables"].as_array().unwrap().len(), 1);
    assert_eq!(v14["rows"].as_array().unwrap().len(), 674);
}

/// A council table read in the browser: the bad row named by line and
/// column, the good rows kept, the counts reconciled (the native test in
/// `tests/todays_money.rs` works the same file).
#[wasm_bindgen_test]
fn a_council_table_is_read_cell_by_cell_in_wasm() {
    let call = serde_json::json!({
        "name": "Testshire",
        "csv": "code,description,agency_l1,cost,price_year\nPCO,Police call-out,Police,\"£1,200.00\",2024/25\nBAD,Summons,Local Authority,12;50,2024/25\n"
    });
    let answer = to_json(&JsValue::from(
        wasm::read_unit_cost_table(Ts::new_unchecked(js(&call.to_string()))).unwrap(),
    ));
    let native: Value =
        serde_json::from_str(&api::read_unit_cost_table_json(&call.to_string()).unwrap()).unwrap();
    assert_eq!(answer, native);
    assert_eq!(answer["rowsRead"], 2);
    assert_eq!(answer["rowsAccepted"], 1);
    assert_eq!(answer["rowsRejected"], 1);
    assert_eq!(answer["problems"][0]["line"], 3);
    assert_eq!(answer["problems"][0]["column"], 4);
    assert_eq!(answer["problems"][0]["columnName"], "cost");
}

fn appraise(call: JsValue) -> Result<Value, js_sys::Error> {
    answered(wasm::appraise(Ts::new_unchecked(call), None))
}

#[wasm_bindgen_test]
fn appraise_gives_the_native_answers_on_the_shared_fixtures() {
    same_answers_in_wasm(
        common::appraisal_cases(),
        "appraise",
        api::appraise_json,
        appraise,
    );
}

#[wasm_bindgen_test]
fn appraise_money_and_rates_cross_as_strings() {
    // WE6: 32 families net × 2,000 × 0.9 = 57,600 in year 1; / 1.035 = 55,652.17.
    let answer = appraise(js(r#"{"baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06","scenarios":[{"name":"WE6","cohort":100,
        "costs":[{"year":0,"funder":"Council","amount":"60000"}],
        "outcomes":[{"name":"O","engagement":"0.8","success":"0.5","deadweight":"0.2","durationYears":3,"dropOff":"0.2",
          "values":[{"description":"Saving","agency":"Police","amount":"2000","grade":3}]}]}]}"#))
    .unwrap();
    assert_eq!(answer["type"], "success");
    let s = &answer["scenarios"][0];
    assert_eq!(
        s["years"][1]["fiscal"]["netPv"],
        Value::String("55652.17".into())
    );
    assert_eq!(s["central"]["npv"], Value::String("71917.56".into()));
    assert_eq!(
        s["central"]["paybackPv"]["years"],
        Value::String("1.10".into())
    );
    assert_eq!(s["outcomes"][0]["engagement"], Value::String("0.8".into()));
    assert_eq!(s["cohort"], Value::from(100));
    // A JS number for a rate is a thrown Error naming the field.
    let thrown = appraise(js(
        r#"{"baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06","scenarios":[{"name":"X","cohort":1,"costOptimismBias":0.1}]}"#,
    ))
    .unwrap_err();
    let message: String = thrown.message().into();
    assert!(
        message.contains("scenarios[0].costOptimismBias"),
        "{message}"
    );
    assert!(message.contains("decimal string"), "{message}");
}

// ------------------------------------------------------------- eligibility

fn check_eligibility(call: JsValue) -> Result<Value, js_sys::Error> {
    answered(wasm::check_eligibility(Ts::new_unchecked(call), None))
}

#[wasm_bindgen_test]
fn eligibility_wasm_and_native_give_the_same_answers_on_the_shared_fixtures() {
    let cases = common::eligibility_cases();
    assert!(cases.len() >= 30);
    same_answers_in_wasm(
        cases,
        "checkEligibility",
        api::check_eligibility_json,
        check_eligibility,
    );
}

#[wasm_bindgen_test]
fn a_suggestion_applied_in_the_browser_changes_the_decision() {
    let case = common::eligibility_cases()
        .into_iter()
        .find(|c| c["name"] == "tf2012-just-below-15-percent")
        .unwrap();
    let answer = check_eligibility(js(&case["call"].to_string())).unwrap();
    assert_eq!(answer["status"], "notEligible");
    let absence = answer["whatWouldChange"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["indicator"] == "unauthorised-absence")
        .unwrap();
    let mut call = case["call"].clone();
    for edit in absence["edits"].as_array().unwrap() {
        common::apply_edit(&mut call, edit);
    }
    let after = check_eligibility(js(&call.to_string())).unwrap();
    assert_eq!(after["status"], "discretionary");
    assert_eq!(after["status"], absence["status"]);
}

#[wasm_bindgen_test]
fn packs_cross_as_text_and_every_problem_comes_back() {
    let text = common::pack_text("broken.json");
    let answer = to_json(&JsValue::from(
        wasm::validate_rule_pack(JsValue::from_str(text)).unwrap(),
    ));
    let native: Value = serde_json::from_str(&api::validate_rule_pack_json(text).unwrap()).unwrap();
    assert_eq!(answer, native);
    assert_eq!(answer["type"], "failure");
    assert_eq!(answer["errors"].as_array().unwrap().len(), 12);
    // Malformed JSON is a failure answer, not a thrown error.
    let answer = to_json(&JsValue::from(
        wasm::validate_rule_pack(JsValue::from_str("{ not json")).unwrap(),
    ));
    assert_eq!(answer["errors"][0]["code"], "invalid_json");
    // An object instead of text is a broken call.
    let thrown = wasm::validate_rule_pack(js(r#"{"id":"x"}"#)).unwrap_err();
    let thrown = js_sys::Error::from(JsValue::from(thrown));
    let message: String = thrown.message().into();
    assert!(message.contains("JSON text"), "{message}");
    // The diff, as natively.
    let text = common::pack_text("northshire-2013.json");
    let diff = to_json(&JsValue::from(
        wasm::diff_rule_pack(JsValue::from_str(text)).unwrap(),
    ));
    let native: Value = serde_json::from_str(&api::diff_rule_pack_json(text).unwrap()).unwrap();
    assert_eq!(diff, native);
    assert_eq!(diff["changes"].as_array().unwrap().len(), 11);
}

#[wasm_bindgen_test]
fn rule_packs_cross_the_boundary() {
    let packs = to_json(&JsValue::from(wasm::rule_packs().unwrap()));
    let native: Value = serde_json::from_str(&api::rule_packs_json().unwrap()).unwrap();
    assert_eq!(packs, native);
    assert_eq!(packs["packs"][0]["pack"]["id"], "tf-2012");
    assert_eq!(packs["packs"][1]["pack"]["id"], "tf-2015");
}

// ---------------------------------------------------------- neighbourhood

fn plan_neighbourhood(call: JsValue) -> Result<Value, js_sys::Error> {
    through(wasm::plan_neighbourhood, call)
}

#[wasm_bindgen_test]
fn neighbourhood_plans_are_the_same_in_wasm() {
    same_answers_in_wasm(
        common::neighbourhood_cases(),
        "planNeighbourhood",
        api::plan_neighbourhood_json,
        plan_neighbourhood,
    );
}

// ------------------------------------------- pool, claims, assessFamily

fn pool_returns(call: JsValue) -> Result<Value, js_sys::Error> {
    through(wasm::pool_returns, call)
}

fn claim_payment(call: JsValue) -> Result<Value, js_sys::Error> {
    through(wasm::claim_payment, call)
}

fn assess_family(call: JsValue) -> Result<Value, js_sys::Error> {
    through(wasm::assess_family, call)
}

#[wasm_bindgen_test]
fn pool_returns_gives_the_native_answers_on_the_shared_fixtures() {
    same_answers_in_wasm(
        common::pool_cases(),
        "poolReturns",
        api::pool_returns_json,
        pool_returns,
    );
}

#[wasm_bindgen_test]
fn claim_payment_gives_the_native_answers_on_the_shared_fixtures() {
    same_answers_in_wasm(
        common::claim_cases(),
        "claimPayment",
        api::claim_payment_json,
        claim_payment,
    );
}

#[wasm_bindgen_test]
fn assess_family_gives_the_native_answers_on_the_shared_fixtures() {
    same_answers_in_wasm(
        common::assess_cases(),
        "assessFamily",
        api::assess_family_json,
        assess_family,
    );
}

/// A small seeded generator (xorshift64*), so that the browser tests need no
/// randomness from the environment and every run sees the same inputs.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A whole number from `low` to `high` inclusive.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.next() as usize % from.len()]
    }
}

/// The answer (or the thrown error's message) in wasm and natively are the
/// same; true when it is a success.
fn same_in_wasm(
    call: &Value,
    native: fn(&str) -> Result<String, api::CallError>,
    in_wasm: fn(JsValue) -> Result<Value, js_sys::Error>,
) -> bool {
    let text = call.to_string();
    match (native(&text), in_wasm(js(&text))) {
        (Ok(n), Ok(w)) => {
            assert_eq!(w, serde_json::from_str::<Value>(&n).unwrap(), "{text}");
            w["type"] == "success"
        }
        (Err(n), Err(w)) => {
            assert_eq!(String::from(w.message()), n.to_string(), "{text}");
            false
        }
        (n, w) => panic!("native {n:?} but wasm {w:?} for {text}"),
    }
}

/// Issue 8: native and wasm answers are identical on generated inputs, not
/// only on the fixtures. 300 `costFamily` calls (any national codes, any
/// quantities, any price year) and 60 `assessFamily` calls varying every
/// step of the fixture family: its record (offences, ASB, absence, benefit,
/// the local concern), its costs, the claim's attachment date, the
/// appraisal (reduction, years, lag, grade, discount rate) and the pool.
#[wasm_bindgen_test]
fn generated_calls_give_the_native_answers_in_wasm() {
    let mut rng = Seeded(0x5EED_CB08);
    let table: Value = serde_json::from_str(&api::unit_costs_json().unwrap()).unwrap();
    let codes: Vec<String> = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect();
    let years: Vec<String> = table["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].as_str().unwrap().to_owned())
        .collect();
    let items = |rng: &mut Seeded| -> Vec<Value> {
        (0..rng.between(1, 6))
            .map(|_| serde_json::json!({ "code": rng.pick(&codes), "quantity": rng.between(0, 40).to_string() }))
            .collect()
    };
    let mut successes = 0;
    for _ in 0..300 {
        let call = serde_json::json!({ "baseYear": rng.pick(&years), "items": items(&mut rng) });
        successes += usize::from(same_in_wasm(&call, api::cost_family_json, cost_family));
    }
    assert_eq!(successes, 300, "every generated costFamily call is valid");

    let template = common::assess_cases().remove(0)["call"].clone();
    let day = |rng: &mut Seeded, year: u64| {
        format!("{year}-{:02}-{:02}", rng.between(1, 12), rng.between(1, 28))
    };
    for _ in 0..60 {
        let mut call = template.clone();
        let family = &mut call["family"];
        family["localConcern"] = Value::Bool(rng.between(0, 3) == 0);
        let mut offences = Vec::new();
        for _ in 0..rng.between(0, 3) {
            let year = rng.between(2011, 2013);
            // On or before the assessment date, 2013-07-31.
            let date = day(&mut rng, year).min("2013-07-31".to_owned());
            offences.push(serde_json::json!({ "date": date }));
        }
        family["members"][1]["offences"] = Value::Array(offences);
        family["members"][1]["attendance"][2]["unauthorisedAbsent"] = rng.between(0, 30).into();
        if rng.between(0, 2) == 0 {
            family["members"][0]["benefits"] = Value::Array(Vec::new());
        }
        call["costs"]["items"] = Value::Array(items(&mut rng));
        call["claim"]["attachmentDate"] = Value::String(day(&mut rng, 2012));
        let appraisal = &mut call["appraisal"];
        appraisal["reduction"] = Value::String(format!("0.{:02}", rng.between(5, 95)));
        appraisal["durationYears"] = rng.between(1, 10).into();
        appraisal["lagYears"] = rng.between(0, 2).into();
        appraisal["grade"] = rng.between(1, 6).into();
        appraisal["discounting"]["bands"][0]["rate"] =
            Value::String(format!("0.{:03}", rng.between(0, 120)));
        call["pool"]["partners"][2]["contributions"] = serde_json::json!([{ "year": rng.between(0, 1), "amount": format!("{}.00", rng.between(0, 3000)) }]);
        successes += usize::from(same_in_wasm(&call, api::assess_family_json, assess_family));
    }
    // Most are whole assessments; a few fail (an attachment before the pack
    // was in force), and those failures must agree too.
    assert!(
        successes >= 300 + 40,
        "{} of 60 assessments answered",
        successes - 300
    );
}

// ------------------------------------------------------------------ cohort

fn run_cohort(csv: &str, options: JsValue) -> Result<Value, js_sys::Error> {
    answered(wasm::run_cohort(
        JsValue::from_str(csv),
        Ts::new_unchecked(options),
    ))
}

/// The small cohort of `tests/cohort.rs` gives, in wasm, the native answer byte
/// for byte, and so its hand-worked figures.
#[wasm_bindgen_test]
fn the_small_cohort_gives_the_native_answer_in_wasm() {
    let answer = run_cohort(common::COHORT_CSV, js(common::COHORT_OPTIONS)).unwrap();
    let native: Value = serde_json::from_str(
        &api::run_cohort_json(common::COHORT_CSV, common::COHORT_OPTIONS).unwrap(),
    )
    .unwrap();
    assert_eq!(answer, native);
    let figure = |key: &str| common::figure(&answer, key);
    // 20 rows = 8 processed + 12 rejected; 926.21 + 4061.26 + 113.18 + 647.52 = 5748.17.
    assert_eq!(figure("rowsRead"), Value::from(20));
    assert_eq!(figure("rowsProcessed"), Value::from(8));
    assert_eq!(figure("rowsRejected"), Value::from(12));
    assert_eq!(figure("annualCost"), Value::String("5748.17".into()));
    // 5634.99 ÷ 1.035 = 5444.43; less 300.00 of costs.
    assert_eq!(figure("npv"), Value::String("5144.43".into()));
    let p = &answer["report"]["rejected"]["problems"][0];
    assert_eq!(
        (&p["line"], &p["column"], &p["code"]),
        (
            &Value::from(11),
            &Value::from(3),
            &Value::String("invalid_quantity".into())
        )
    );
}

/// The small cohort with the Green Book 2026 sensitivity test beside the
/// central case gives the native answer in wasm: 5634.99 ÷ 1.03 = 5470.86,
/// less 300.00 of costs (hand-worked in `tests/cohort.rs`).
#[wasm_bindgen_test]
fn the_sensitivity_test_of_a_cohort_is_the_same_in_wasm() {
    let mut options: Value = serde_json::from_str(common::COHORT_OPTIONS).unwrap();
    options["appraisal"]["sensitivity"] = Value::Bool(true);
    let text = options.to_string();
    let answer = run_cohort(common::COHORT_CSV, js(&text)).unwrap();
    let native: Value =
        serde_json::from_str(&api::run_cohort_json(common::COHORT_CSV, &text).unwrap()).unwrap();
    assert_eq!(answer, native);
    let npv = answer["report"]["summary"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "npvSensitivity")
        .unwrap()["value"]
        .clone();
    assert_eq!(npv, Value::String("5170.86".into()));
}

/// The streaming run the worker drives: the bytes pushed in small chunks,
/// hashed by the engine or given the hash, answer as `runCohort`.
#[wasm_bindgen_test]
fn a_streamed_run_gives_the_same_report() {
    let whole = run_cohort(common::COHORT_CSV, js(common::COHORT_OPTIONS)).unwrap();
    for hashed in [true, false] {
        let run = wasm::cohort_start(Ts::new_unchecked(js(common::COHORT_OPTIONS))).unwrap();
        for chunk in common::COHORT_CSV.as_bytes().chunks(5) {
            let progress = if hashed {
                wasm::cohort_push(run, chunk)
            } else {
                wasm::cohort_push_unhashed(run, chunk)
            }
            .unwrap();
            assert!(to_json(&JsValue::from(progress))["bytes"].as_u64().unwrap() > 0);
        }
        let hash = (!hashed).then(|| whole["receipt"]["inputSha256"].as_str().unwrap().to_owned());
        let answer = to_json(&JsValue::from(wasm::cohort_finish(run, hash).unwrap()));
        assert_eq!(answer, whole, "hashed by the engine: {hashed}");
        assert!(
            wasm::cohort_finish(run, None).is_err(),
            "a run finishes once"
        );
    }
    // A cancelled run is gone.
    let run = wasm::cohort_start(Ts::new_unchecked(js(common::COHORT_OPTIONS))).unwrap();
    wasm::cohort_cancel(run);
    assert!(wasm::cohort_push(run, b"x").is_err());
}

#[wasm_bindgen_test]
fn cohort_options_of_the_wrong_shape_throw_and_bad_values_fail() {
    let thrown = run_cohort(
        "family,age\n",
        js(r#"{"rulePack":"tf-2015","baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06","appraisal":{"engagement":0.8}}"#),
    )
    .unwrap_err();
    let message: String = thrown.message().into();
    assert!(
        message.starts_with("runCohort: appraisal.engagement"),
        "{message}"
    );
    let answer = run_cohort(
        "family,age\n",
        js(r#"{"rulePack":"tf-2099","baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06"}"#),
    )
    .unwrap();
    assert_eq!(answer["type"], "failure");
    assert_eq!(answer["errors"][0]["path"], "rulePack");
    let thrown = wasm::run_cohort(
        JsValue::from(3),
        Ts::new_unchecked(js(common::COHORT_OPTIONS)),
    )
    .unwrap_err();
    let message: String = js_sys::Error::from(JsValue::from(thrown)).message().into();
    assert!(message.contains("must be text"), "{message}");
}

#[wasm_bindgen_test]
fn the_generator_gives_the_native_file() {
    let call = r#"{"families":25,"seed":4,"first":3,"assessmentDate":"2015-04-30"}"#;
    let text = wasm::generate_cohort(Ts::new_unchecked(js(call))).unwrap();
    let native = api::generate_cohort_value(&serde_json::from_str(call).unwrap()).unwrap();
    assert_eq!(text, native);
    assert!(text.starts_with("family,assessment_date,age,"));
    assert!(text.lines().nth(1).unwrap().starts_with("3,2015-04-30,"));
}

/// The cohort with claims and a pooled budget (hand-worked in
/// `tests/cohort.rs`) gives the native answer in wasm.
#[wasm_bindgen_test]
fn claims_and_partner_returns_in_a_cohort_give_the_native_answer() {
    let answer = run_cohort(common::COHORT_CLAIMS_CSV, js(common::COHORT_CLAIMS_OPTIONS)).unwrap();
    let native: Value = serde_json::from_str(
        &api::run_cohort_json(common::COHORT_CLAIMS_CSV, common::COHORT_CLAIMS_OPTIONS).unwrap(),
    )
    .unwrap();
    assert_eq!(answer, native);
    // 2,000.00 of attachment fees + 800.00 for A's progress.
    let claims = answer["report"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["tables"].as_array().unwrap())
        .find(|t| t["id"] == "claimsByType")
        .unwrap();
    assert_eq!(claims["totals"][2], "2800.00");
}

// ------------------------------------------------------------- whole places

fn appraise_place(call: JsValue) -> Result<Value, js_sys::Error> {
    through(wasm::appraise_place, call)
}

fn combine_places(call: JsValue) -> Result<Value, js_sys::Error> {
    through(wasm::combine_places, call)
}

#[wasm_bindgen_test]
fn places_are_the_same_in_wasm() {
    same_answers_in_wasm(
        common::place_cases(),
        "appraisePlace",
        api::appraise_place_json,
        appraise_place,
    );
    same_answers_in_wasm(
        common::combine_places_cases(),
        "combinePlaces",
        api::combine_places_json,
        combine_places,
    );
}

#[wasm_bindgen_test]
fn the_example_place_crosses_the_boundary_and_appraises() {
    let example = to_json(&JsValue::from(wasm::example_place().unwrap()));
    assert_eq!(example["file"], "data/places/example-place.json");
    let answer = appraise_place(js(&example["call"].to_string())).unwrap();
    assert_eq!(answer["type"], "success");
    let native: Value =
        serde_json::from_str(&api::appraise_place_json(&example["call"].to_string()).unwrap())
            .unwrap();
    assert_eq!(answer, native);
}

/// Limits hold in the browser as natively (`tests/limits.rs`): a list over
/// its limit throws naming the limit and the path, before its items are
/// read; `1e400`, which `JSON.stringify` writes as null, says so.
#[wasm_bindgen_test]
fn limits_are_refused_in_wasm_with_the_limit_and_the_path() {
    let items: Vec<String> = (0..2001)
        .map(|_| r#"{"code":"CR1.0","quantity":1}"#.to_owned())
        .collect();
    let call = js(&format!(
        r#"{{"baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06","items":[{}]}}"#,
        items.join(",")
    ));
    let message: String = cost_family(call).unwrap_err().message().into();
    assert_eq!(
        message,
        "costFamily: items: too many: 2,001 given, more than the limit of 2,000 items of a family."
    );
    // 1e400 is Infinity in JavaScript, which JSON.stringify writes as null.
    let call = js(
        r#"{"baseYear":"2013/14","deflator":"ucd-v1.2-ons-2013-06","items":[{"code":"CR1.0","quantity":1e400}]}"#,
    );
    let message: String = cost_family(call).unwrap_err().message().into();
    assert!(
        message.starts_with("costFamily: items[0].quantity: "),
        "{message}"
    );
    assert!(
        message.contains("such as 1e400, arrives as null"),
        "{message}"
    );
    // A council pack over its limit is a failure answer naming it.
    let indicators: Vec<String> = (0..2001)
        .map(|i| format!(r#"{{"id":"l{i}","title":"L","group":"local-filter","measure":"substanceMisuse","who":"anyone","source":"S"}}"#))
        .collect();
    let pack = format!(
        r#"{{"id":"big","title":"Big","extends":"tf-2012","version":"1","validFrom":"2013-04-01","validTo":"2015-03-31","source":"S","indicators":[{}]}}"#,
        indicators.join(",")
    );
    let answer = to_json(&JsValue::from(
        wasm::validate_rule_pack(JsValue::from_str(&pack)).unwrap(),
    ));
    assert_eq!(answer["errors"][0]["code"], "too_many");
    assert_eq!(answer["errors"][0]["path"], "indicators");
}

// ------------------------------------------- figures only (issue 18, h18-figs)

#[path = "common/figures.rs"]
mod projection;

/// In wasm, on every fixture (success, failure and broken calls): the figures
/// binding answers the projection of the explained binding's answer (both in
/// wasm), or throws the same error.
fn same_figures_in_wasm(
    cases: Vec<Value>,
    explained: fn(JsValue) -> Result<Value, js_sys::Error>,
    figures: fn(JsValue) -> Result<Value, js_sys::Error>,
    project: fn(&Value) -> Value,
) {
    let (mut successes, mut failures) = (0, 0);
    for mut case in cases {
        common::with_pack_files(&mut case["call"]);
        let name = case["name"].as_str().unwrap_or("bench");
        let call_json = serde_json::to_string(&case["call"]).unwrap();
        match (explained(js(&call_json)), figures(js(&call_json))) {
            (Ok(e), Ok(f)) => {
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
                // The same error: the call is read by the explained call's own reader.
                let (e, f): (String, String) = (e.message().into(), f.message().into());
                assert_eq!(f, e, "{name}");
            }
            (e, f) => panic!("{name}: explained {e:?}, figures {f:?}"),
        }
    }
    assert!(
        successes > 0 && failures > 0,
        "{successes} successes, {failures} failures"
    );
}

#[wasm_bindgen_test]
fn cost_family_figures_are_the_explained_figures_in_wasm() {
    same_figures_in_wasm(
        common::cost_family_cases(),
        cost_family,
        |call| through(wasm::cost_family_figures, call),
        projection::cost,
    );
}

#[wasm_bindgen_test]
fn appraise_figures_are_the_explained_figures_in_wasm() {
    same_figures_in_wasm(
        common::appraisal_cases(),
        appraise,
        |call| through(wasm::appraise_figures, call),
        projection::appraisal,
    );
}

#[wasm_bindgen_test]
fn assess_family_figures_are_the_explained_figures_in_wasm() {
    let mut cases = common::assess_cases();
    let bench: Value = serde_json::from_str(include_str!("../bench/assess-family.json")).unwrap();
    cases.push(serde_json::json!({ "name": "bench/assess-family.json", "call": bench }));
    same_figures_in_wasm(
        cases,
        assess_family,
        |call| through(wasm::assess_family_figures, call),
        projection::assessment,
    );
}

#[wasm_bindgen_test]
fn figures_in_wasm_are_the_native_figures() {
    for case in common::cost_family_cases() {
        let call_json = serde_json::to_string(&case["call"]).unwrap();
        if let Ok(native) = api::cost_family_figures_json(&call_json) {
            let native: Value = serde_json::from_str(&native).unwrap();
            let answer = through(wasm::cost_family_figures, js(&call_json)).unwrap();
            assert_eq!(answer, native, "{}", case["name"]);
        }
    }
}

// ------------------------------------------------- issue 18: eligibility figures

#[path = "common/eligibility_figures.rs"]
mod eligibility_figures;

fn check_eligibility_figures(call: JsValue) -> Result<Value, js_sys::Error> {
    through(wasm::check_eligibility_figures, call)
}

/// In wasm, on every eligibility fixture: `checkEligibilityFigures` answers
/// the figures of the explained answer (projected field by field in
/// `tests/common/eligibility_figures.rs`), the same bytes as natively; a
/// broken call throws as `checkEligibility` does, under its own name.
#[wasm_bindgen_test]
fn eligibility_figures_are_the_explained_figures_in_wasm() {
    let cases = common::eligibility_cases();
    assert!(cases.len() >= 40);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let call = serde_json::to_string(&case["call"]).unwrap();
        match (
            check_eligibility(js(&call)),
            check_eligibility_figures(js(&call)),
        ) {
            (Ok(explained), Ok(figures)) => {
                assert_eq!(
                    figures,
                    eligibility_figures::figures_of(&explained),
                    "{name}"
                );
                let native: Value =
                    serde_json::from_str(&api::check_eligibility_figures_json(&call).unwrap())
                        .unwrap();
                assert_eq!(figures, native, "{name}: wasm and native differ");
            }
            (Err(explained), Err(figures)) => {
                let (explained, figures): (String, String) =
                    (explained.message().into(), figures.message().into());
                assert_eq!(
                    eligibility_figures::without_function(&figures, "checkEligibilityFigures"),
                    eligibility_figures::without_function(&explained, "checkEligibility"),
                    "{name}"
                );
            }
            (explained, figures) => {
                panic!("{name}: explained {explained:?} but figures {figures:?}")
            }
        }
    }
}

// ------------------------------------------- issue 18: the input hash later

/// `{ inputSha256: false }` in wasm: the answer is the one without options,
/// less `inputSha256` and nothing else, on every fixture of the three calls; a
/// broken call throws the same message; `{ inputSha256: true }` is no option;
/// options of the wrong shape throw, naming the field.
#[wasm_bindgen_test]
fn the_input_hash_later_leaves_out_only_the_hash_in_wasm() {
    type Binding<C, A> = fn(Ts<C>, Option<Ts<api::AnswerOptions>>) -> Result<Ts<A>, JsError>;
    fn check<C: tsify::Tsify, A: tsify::Tsify>(binding: Binding<C, A>, cases: &[Value])
    where
        JsValue: From<Ts<A>>,
    {
        let ask = |call: &Value, options: Option<&str>| {
            answered(binding(
                Ts::new_unchecked(js(&call.to_string())),
                options.map(|o| Ts::new_unchecked(js(o))),
            ))
        };
        for case in cases {
            let (name, call) = (&case["name"], &case["call"]);
            match (ask(call, None), ask(call, Some(r#"{"inputSha256":false}"#))) {
                (Ok(mut now), Ok(later)) => {
                    let hash = now["receipt"]
                        .as_object_mut()
                        .unwrap()
                        .remove("inputSha256");
                    assert_eq!(hash.unwrap().as_str().unwrap().len(), 64, "{name}");
                    assert_eq!(later, now, "{name}");
                    let mut again = ask(call, Some(r#"{"inputSha256":true}"#)).unwrap();
                    again["receipt"]
                        .as_object_mut()
                        .unwrap()
                        .remove("inputSha256");
                    assert_eq!(again, now, "{name}: true is no option");
                }
                (Err(now), Err(later)) => {
                    assert_eq!(
                        String::from(later.message()),
                        String::from(now.message()),
                        "{name}"
                    );
                }
                (now, later) => panic!("{name}: now {now:?}, later {later:?}"),
            }
        }
        let call = &cases[0]["call"];
        for (options, field) in [
            (r#"{"inputSha256":"no"}"#, "inputSha256"),
            (r#"{"later":true}"#, "later"),
        ] {
            let thrown: String = ask(call, Some(options)).unwrap_err().message().into();
            assert!(thrown.contains(field), "{thrown}");
        }
    }
    check(wasm::check_eligibility, &common::eligibility_cases());
    check(wasm::cost_family, &common::cost_family_cases());
    check(wasm::appraise, &common::appraisal_cases());
}
