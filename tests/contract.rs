//! The one contract (issue 15, item 1): every call is read by the one hand
//! reader of `src/json.rs`, and
//! - the same mistakes sent to every call get the same code and wording with
//!   the right path (a table of mistakes × calls);
//! - serde's derived reader of each `…Call` type (the contract its TypeScript
//!   types are generated from) and the hand reader accept and refuse the same
//!   JSON, refusing with the same path (a property test over every fixture
//!   call, mutated one node at a time);
//! - each reader's field list (`CallFields`) is the fields serde derives.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt;

use community_budget::api::{self, CallError, CallFields};
use proptest::prelude::*;
use serde::de::{self, DeserializeOwned, Visitor};
use serde_json::{json, Value};

// ------------------------------------------------------------ the calls

/// A call as the contract tests drive it: JSON text in, the hand reader's
/// verdict out (`Err` is a thrown, broken call).
type Call = fn(&str) -> Result<String, CallError>;

/// A one-family cohort run with the options `call`.
fn run_cohort(call: &str) -> Result<String, CallError> {
    api::run_cohort_json("family,assessment_date,age\n1,2015-06-30,30\n", call)
}

fn generate_cohort(call: &str) -> Result<String, CallError> {
    let value = api::read_json_call("generateCohort", call)?;
    api::generate_cohort_value(&value)
}

/// serde's derived reader of `T`, with the path of its first problem ("" for
/// the call itself).
fn serde_reads<T: DeserializeOwned>(text: &str) -> Result<(), String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize::<_, T>(&mut deserializer)
        .map(|_| ())
        .map_err(|e| {
            let path = e.path().to_string();
            if path == "." {
                String::new()
            } else {
                path
            }
        })
}

/// One call of the contract: its name, the function, serde's reader of its
/// `…Call` type, and the fixtures its seeds come from.
struct Contract {
    function: &'static str,
    call: Call,
    serde: fn(&str) -> Result<(), String>,
    seeds: fn() -> Vec<Value>,
}

fn contracts() -> Vec<Contract> {
    vec![
        Contract {
            function: "costFamily",
            call: api::cost_family_json,
            serde: serde_reads::<api::CostFamilyCall>,
            seeds: || fixture_calls(include_str!("fixtures/cost_family.json")),
        },
        Contract {
            function: "checkEligibility",
            call: api::check_eligibility_json,
            serde: serde_reads::<api::CheckEligibilityCall>,
            seeds: || fixture_calls(include_str!("fixtures/eligibility.json")),
        },
        Contract {
            function: "appraise",
            call: api::appraise_json,
            serde: serde_reads::<api::AppraiseCall>,
            seeds: || fixture_calls(include_str!("fixtures/appraisal.json")),
        },
        Contract {
            function: "poolReturns",
            call: api::pool_returns_json,
            serde: serde_reads::<api::PoolReturnsCall>,
            seeds: || fixture_calls(include_str!("fixtures/pool.json")),
        },
        Contract {
            function: "appraisePlace",
            call: api::appraise_place_json,
            serde: serde_reads::<api::AppraisePlaceCall>,
            seeds: || fixture_calls(include_str!("fixtures/place.json")),
        },
        Contract {
            function: "combinePlaces",
            call: api::combine_places_json,
            serde: serde_reads::<api::CombinePlacesCall>,
            seeds: || fixture_calls(include_str!("fixtures/combine_places.json")),
        },
        Contract {
            function: "assessFamily",
            call: api::assess_family_json,
            serde: serde_reads::<api::AssessFamilyCall>,
            seeds: || fixture_calls(include_str!("fixtures/assess.json")),
        },
        Contract {
            function: "planNeighbourhood",
            call: api::plan_neighbourhood_json,
            serde: serde_reads::<api::PlanNeighbourhoodCall>,
            seeds: || fixture_calls(include_str!("fixtures/neighbourhood.json")),
        },
        Contract {
            function: "claimPayment",
            call: api::claim_payment_json,
            serde: serde_reads::<api::ClaimPaymentCall>,
            seeds: || fixture_calls(include_str!("fixtures/claims.json")),
        },
        Contract {
            function: "runCohort",
            call: run_cohort,
            serde: serde_reads::<api::CohortOptions>,
            seeds: || {
                let options: Value =
                    serde_json::from_str(include_str!("fixtures/cohort/options.json")).unwrap();
                let claims: Value =
                    serde_json::from_str(include_str!("fixtures/cohort/claims-options.json"))
                        .unwrap();
                vec![
                    options,
                    claims,
                    json!({ "rulePack": "tf-2015", "appraisal": null, "includeIdentifiers": true }),
                ]
            },
        },
        Contract {
            function: "generateCohort",
            call: generate_cohort,
            serde: serde_reads::<api::GenerateCohortCall>,
            seeds: || {
                vec![
                    json!({ "families": 3 }),
                    json!({ "families": 2, "seed": 4, "first": 3, "assessmentDate": "2015-04-30",
                            "header": true, "claims": false }),
                ]
            },
        },
        Contract {
            function: "readUnitCostTable",
            call: api::read_unit_cost_table_json,
            serde: serde_reads::<api::ReadUnitCostTableCall>,
            seeds: || {
                vec![json!({
                    "name": "Salford",
                    "csv": "code,description,agency_l1,agency_l2,unit,cost,price_year,rag,source\nL1,Summons,Local Authority,,,100.00,2024/25,,\n",
                    "extends": "ucd-v1.2",
                    "deflator": "hmt-gdp-2026-03"
                })]
            },
        },
    ]
}

// ------------------------------------------------------------- the paths

/// The node of `value` at `path` (`items[0].quantity`).
fn node<'v>(value: &'v mut Value, path: &str) -> &'v mut Value {
    let mut here = value;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, indices) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            here = here
                .get_mut(key)
                .unwrap_or_else(|| panic!("no {key} in {path}"));
        }
        for index in indices.split('[').filter(|i| !i.is_empty()) {
            let i: usize = index.trim_end_matches(']').parse().unwrap();
            here = here
                .get_mut(i)
                .unwrap_or_else(|| panic!("no [{i}] in {path}"));
        }
    }
    here
}

/// `value` with the node at `path` replaced by `with`.
fn with(value: &Value, path: &str, with: Value) -> Value {
    let mut value = value.clone();
    *node(&mut value, path) = with;
    value
}

/// `value` without the field at `path`.
fn without(value: &Value, path: &str) -> Value {
    let mut value = value.clone();
    let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
    node(&mut value, parent)
        .as_object_mut()
        .unwrap()
        .remove(key)
        .unwrap();
    value
}

fn thrown(call: Call, value: &Value) -> CallError {
    match call(&value.to_string()) {
        Err(e) => e,
        Ok(answer) => panic!("{value} was not refused: {answer}"),
    }
}

// ---------------------------------------------------- the mistakes table

/// Where each mistake is made in a call: a valid call and the paths of a
/// list, an optional and a required field, money, a flag and some text.
struct Mistakes {
    call: Call,
    /// The call's type name and fields.
    name: &'static str,
    fields: &'static [&'static str],
    base: Value,
    list: &'static str,
    optional: &'static str,
    required: &'static str,
    money: Option<&'static str>,
    flag: Option<&'static str>,
    text: &'static str,
}

fn mistakes() -> Vec<Mistakes> {
    vec![
        Mistakes {
            call: api::cost_family_json,
            name: api::CostFamilyCall::NAME,
            fields: api::CostFamilyCall::FIELDS,
            base: json!({
                "baseYear": "2024/25",
                "items": [{ "code": "CR1.0", "quantity": 2 }],
                "localRows": [{ "code": "L1", "description": "Summons", "agencyL1": "Local Authority",
                                "cost": "100.00", "priceYear": "2024/25" }]
            }),
            list: "items",
            optional: "localRows",
            required: "items",
            money: Some("localRows[0].cost"),
            flag: None,
            text: "items[0].code",
        },
        Mistakes {
            call: api::check_eligibility_json,
            name: api::CheckEligibilityCall::NAME,
            fields: api::CheckEligibilityCall::FIELDS,
            base: json!({
                "rulePack": "tf-2015",
                "assessmentDate": "2015-06-30",
                "members": [{ "name": "Mother", "age": 30, "offences": [{ "date": "2015-01-10" }] }],
                "localConcern": true
            }),
            list: "members[0].offences",
            optional: "localConcern",
            required: "assessmentDate",
            money: None,
            flag: Some("localConcern"),
            text: "members[0].name",
        },
        Mistakes {
            call: api::read_unit_cost_table_json,
            name: api::ReadUnitCostTableCall::NAME,
            fields: api::ReadUnitCostTableCall::FIELDS,
            base: json!({
                "name": "Salford",
                "csv": "code,description,agency_l1,agency_l2,unit,cost,price_year,rag,source\n",
                "extends": "ucd-v1.2"
            }),
            list: "",
            optional: "extends",
            required: "csv",
            money: None,
            flag: None,
            text: "name",
        },
    ]
}

/// The wording every reader uses for a wrong type.
fn wrong_type(found: &str, expected: &str) -> String {
    format!("invalid type: {found}, expected {expected}")
}

#[test]
fn the_same_mistakes_get_the_same_code_wording_and_path_from_every_call() {
    for m in mistakes() {
        let call = m.call;
        let check = |value: Value, code: &str, path: &str, message: &str| {
            let e = thrown(call, &value);
            assert_eq!(
                (e.code().as_str(), e.path()),
                (code, path),
                "{}: {value}: {e}",
                m.name
            );
            assert!(
                e.message().starts_with(message),
                "{}: {:?} should start {message:?}",
                m.name,
                e.message()
            );
        };
        // The call is not an object.
        check(
            json!([]),
            "wrong_type",
            "",
            &wrong_type("list", &format!("struct {}", m.name)),
        );
        // An object where a list is expected.
        if !m.list.is_empty() {
            check(
                with(&m.base, m.list, json!({})),
                "wrong_type",
                m.list,
                &wrong_type("object", "a list"),
            );
        }
        // An unknown field, named with the fields there are.
        let mut extra = m.base.clone();
        extra
            .as_object_mut()
            .unwrap()
            .insert("extra".into(), json!(1));
        let expected: Vec<String> = m.fields.iter().map(|f| format!("`{f}`")).collect();
        check(
            extra,
            "unknown_field",
            "extra",
            &format!(
                "unknown field `extra`, expected one of {}",
                expected.join(", ")
            ),
        );
        // A required field left out, and given null.
        check(
            without(&m.base, m.required),
            "missing_field",
            "",
            &format!("missing field `{}`", m.required),
        );
        check(
            with(&m.base, m.required, Value::Null),
            "wrong_type",
            m.required,
            &wrong_type("null", ""),
        );
        // An optional field given null is absent: the same answer as leaving it out.
        let absent = call(&without(&m.base, m.optional).to_string()).unwrap();
        let null = call(&with(&m.base, m.optional, Value::Null).to_string()).unwrap();
        assert_eq!(null, absent, "{}: null {} is absent", m.name, m.optional);
        // A number where money is expected.
        if let Some(money) = m.money {
            check(
                with(&m.base, money, json!(100)),
                "wrong_type",
                money,
                &wrong_type("number", "a decimal string such as \"1249.00\""),
            );
        }
        // Wrong types.
        if let Some(flag) = m.flag {
            check(
                with(&m.base, flag, json!("yes")),
                "wrong_type",
                flag,
                &wrong_type("string", "a boolean"),
            );
        }
        check(
            with(&m.base, m.text, json!(5)),
            "wrong_type",
            m.text,
            &wrong_type("number", "a string"),
        );
        // And the base call itself is sound.
        call(&m.base.to_string()).unwrap();
    }
}

#[test]
fn json_that_cannot_be_parsed_is_invalid_json_for_every_call() {
    for c in contracts() {
        let e = (c.call)("{\"items\": [").unwrap_err();
        assert_eq!(
            (e.code().as_str(), e.path()),
            ("invalid_json", ""),
            "{}",
            c.function
        );
        assert!(e.to_string().starts_with(c.function), "{e}");
    }
}

// ------------------------------------------------------ the field lists

/// The name and fields serde derives for `T`, read by a deserializer that
/// asks for nothing but them.
fn serde_fields<T: DeserializeOwned>() -> (&'static str, &'static [&'static str]) {
    struct Introspect(Option<(&'static str, &'static [&'static str])>);
    #[derive(Debug)]
    struct Stop;
    impl fmt::Display for Stop {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    impl<'de> de::Deserializer<'de> for &mut Introspect {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0 = Some((name, fields));
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut introspect = Introspect(None);
    let _ = T::deserialize(&mut introspect);
    introspect.0.expect("a struct")
}

fn same_fields<T: DeserializeOwned + CallFields>() {
    assert_eq!(serde_fields::<T>(), (T::NAME, T::FIELDS), "{}", T::NAME);
}

#[test]
fn each_readers_field_list_is_the_fields_of_its_call_type() {
    same_fields::<api::UnitCostsOptions>();
    same_fields::<api::AnswerOptions>();
    same_fields::<api::LoadUnitCostTableCall>();
    same_fields::<api::ReadUnitCostTableCall>();
    same_fields::<api::CostFamilyCall>();
    same_fields::<api::CostItemCall>();
    same_fields::<api::LocalRowCall>();
    same_fields::<api::CouncilTableCall>();
    same_fields::<api::CheckEligibilityCall>();
    same_fields::<api::MemberCall>();
    same_fields::<api::EventCall>();
    same_fields::<api::AsbCall>();
    same_fields::<api::ExclusionCall>();
    same_fields::<api::AttendanceCall>();
    same_fields::<api::BenefitCall>();
    same_fields::<api::JobCall>();
    same_fields::<api::TermCall>();
    same_fields::<api::GenerateCohortCall>();
    same_fields::<api::ClaimPaymentCall>();
    same_fields::<api::FamilyClaimCall>();
    same_fields::<api::ProgressToWorkCall>();
    same_fields::<api::OutcomeProgressCall>();
    same_fields::<api::CouncilCall>();
    same_fields::<api::PoolReturnsCall>();
    same_fields::<api::PartnerCall>();
    same_fields::<api::ContributionCall>();
    same_fields::<api::AssessFamilyCall>();
    same_fields::<api::AssessClaimCall>();
    same_fields::<api::AssessAppraisalCall>();
    same_fields::<api::AssessPoolCall>();
    same_fields::<api::PlanNeighbourhoodCall>();
    same_fields::<api::ServiceCall>();
    same_fields::<api::AppraiseCall>();
    same_fields::<api::DiscountingCall>();
    same_fields::<api::DiscountBandCall>();
    same_fields::<api::OptimismBiasCall>();
    same_fields::<api::GradeCall>();
    same_fields::<api::RagGradesCall>();
    same_fields::<api::RoiDefinitionsCall>();
    same_fields::<api::RoiDefinitionCall>();
    same_fields::<api::ScenarioCall>();
    same_fields::<api::CostCall>();
    same_fields::<api::OutcomeCall>();
    same_fields::<api::ValueCall>();
    same_fields::<api::CashableCall>();
    same_fields::<api::AppraisePlaceCall>();
    same_fields::<api::PlacePartnerCall>();
    same_fields::<api::ThemeCall>();
    same_fields::<api::PlaceCostCall>();
    same_fields::<api::CombinePlacesCall>();
    same_fields::<api::CohortOptions>();
    same_fields::<api::CohortPoolOptions>();
    same_fields::<api::CohortPartnerCall>();
    same_fields::<api::AppraisalOptions>();
}

// --------------------------------------------- serde and the hand reader

/// Every node of `value`, by path.
fn paths(value: &Value, here: &str, out: &mut Vec<String>) {
    out.push(here.to_owned());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let at = if here.is_empty() {
                    k.clone()
                } else {
                    format!("{here}.{k}")
                };
                paths(v, &at, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                paths(v, &format!("{here}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// The mistakes a property case makes at one node.
fn mutate(value: &Value, path: &str, mutation: usize) -> Value {
    let replacements = [
        Value::Null,
        json!({}),
        json!([]),
        json!(1),
        json!(1.5),
        json!(-1),
        json!("x"),
        json!(true),
    ];
    if let Some(r) = replacements.get(mutation) {
        return with(value, path, r.clone());
    }
    let mut value = value.clone();
    match mutation - replacements.len() {
        // Leave the field out (when it is a field).
        0 => {
            if let Some((parent, key)) = path.rsplit_once('.').or(Some(("", path))) {
                if let Some(map) = node(&mut value, parent).as_object_mut() {
                    map.remove(key);
                }
            }
        }
        // Add an unknown field (when the node is an object).
        _ => {
            if let Some(map) = node(&mut value, path).as_object_mut() {
                map.insert("zzUnknown".into(), json!(1));
            }
        }
    }
    value
}

const MUTATIONS: usize = 10;

/// The sound calls of a fixture file, as sent (calls whose council pack is a
/// `{ "$file": … }` reference to a pack's text are left out: a pack is text
/// inside the call, and its contents are not the call's shape).
fn fixture_calls(fixtures: &str) -> Vec<Value> {
    let all: Vec<Value> = serde_json::from_str(fixtures).unwrap();
    all.into_iter()
        .filter(|c| c.get("throws").is_none())
        .map(|c| c["call"].clone())
        .filter(|c| !c.to_string().contains("$file"))
        .collect()
}

/// A call for a message: the mutated part is usually small, the family large.
fn shorten(value: &Value) -> String {
    let text = value.to_string();
    if text.len() <= 400 {
        return text;
    }
    let mut value = value.clone();
    if let Some(map) = value.as_object_mut() {
        for key in ["family", "members", "localRows", "items"] {
            if map.contains_key(key) {
                map.insert(key.into(), json!("…"));
            }
        }
    }
    value.to_string()
}

fn agree(c: &Contract, value: &Value) -> Result<(), TestCaseError> {
    let text = value.to_string();
    let serde = (c.serde)(&text);
    let hand = (c.call)(&text);
    // serde_json's derived readers also take a struct written as a list of
    // its fields in order (`[]` for a struct whose fields all have defaults);
    // the contract has no such form, and the hand reader refuses it.
    if let (Ok(()), Err(e)) = (&serde, &hand) {
        if e.message()
            .starts_with("invalid type: list, expected struct ")
        {
            return Ok(());
        }
        // A call that throws on a bad value too (generateCohort, a tool for
        // demonstrations): past the shape serde checks.
        let shape = [
            "wrong_type",
            "unknown_field",
            "missing_field",
            "unknown_variant",
        ];
        if !shape.contains(&e.code().as_str()) {
            return Ok(());
        }
    }
    let said = hand.as_ref().err().map(ToString::to_string);
    let hand = hand.map(|_| ()).map_err(|e| e.path().to_owned());
    prop_assert_eq!(
        &serde,
        &hand,
        "{}: serde and the hand reader disagree on {} ({:?})",
        c.function,
        shorten(value),
        said
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn serde_and_the_hand_reader_accept_and_refuse_the_same_calls(
        contract in 0..12usize,
        seed in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        mutation in 0..MUTATIONS,
    ) {
        let contracts = contracts();
        let c = &contracts[contract];
        let seeds = (c.seeds)();
        let base = seed.get(&seeds);
        let mut all = Vec::new();
        paths(base, "", &mut all);
        let path = at.get(&all);
        agree(c, &mutate(base, path, mutation))?;
    }
}

/// Every seed as it is, and every seed with each mistake at its root.
#[test]
fn serde_and_the_hand_reader_agree_on_every_fixture_call() {
    for c in contracts() {
        for seed in (c.seeds)() {
            agree(&c, &seed).unwrap();
            for mutation in 0..MUTATIONS {
                agree(&c, &mutate(&seed, "", mutation)).unwrap();
            }
        }
    }
}

// ------------------------------------------------------------ the layout

/// The README's Layout table names what is in the tree: every path it lists
/// exists, and every module of `src/` and of its folders is listed (in a row
/// of its own, or named in the row of its folder).
#[test]
fn the_readme_layout_table_matches_the_tree() {
    let readme = include_str!("../README.md");
    let table = readme
        .split("\n## Layout\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a Layout section");
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| `")).collect();
    let root = env!("CARGO_MANIFEST_DIR");
    for row in &rows {
        let path = row.split('`').nth(1).unwrap();
        // `pkg/` is built, not committed: a fresh clone has none before `make build`.
        if path == "pkg/" {
            continue;
        }
        assert!(
            std::path::Path::new(root).join(path).exists(),
            "the Layout table lists {path}, which is not in the tree"
        );
    }
    let mut missing = Vec::new();
    // Every folder of `src/`, and the folders in them.
    let mut dirs = vec!["src".to_owned()];
    let mut at = 0;
    while let Some(dir) = dirs.get(at).cloned() {
        for entry in std::fs::read_dir(std::path::Path::new(root).join(&dir)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                dirs.push(format!(
                    "{dir}/{}",
                    entry.file_name().into_string().unwrap()
                ));
            }
        }
        at += 1;
    }
    for dir in &dirs {
        for entry in std::fs::read_dir(std::path::Path::new(root).join(dir)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            // In a row of its own, or named in the row of its folder or of a
            // folder it is in (`src/api/` names `eligibility/`'s `read.rs`).
            let listed = rows.iter().any(|row| {
                row.starts_with(&format!("| `{dir}/{name}"))
                    || (row.contains(&format!("`{name}"))
                        && dir
                            .match_indices('/')
                            .any(|(i, _)| row.starts_with(&format!("| `{}/`", &dir[..i]))))
                    || (row.starts_with(&format!("| `{dir}/`"))
                        && row.contains(&format!("`{name}")))
            });
            if !listed {
                missing.push(format!("{dir}/{name}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the README's Layout table: {missing:?}"
    );
}

/// A call inside a call (a claim's family record, a pool's appraisal, a
/// place of `combinePlaces`, an assessment's family) keeps the code of its
/// broken part, named at its full path under the outer call's name.
#[test]
fn a_broken_part_of_a_call_keeps_its_code_and_full_path() {
    let cases: [(Call, Value, &str); 4] = [
        (
            api::claim_payment_json,
            json!({ "claims": [{ "family": { "assessmentDate": "2015-06-30", "members": {} },
                                  "attachmentDate": "2014-01-01" }] }),
            "claims[0].family.members",
        ),
        (
            api::pool_returns_json,
            json!({ "appraisal": { "scenarios": {} }, "partners": [] }),
            "appraisal.scenarios",
        ),
        (
            api::combine_places_json,
            json!({ "places": [{ "name": "A", "partners": {}, "themes": [] }] }),
            "places[0].partners",
        ),
        (
            api::assess_family_json,
            json!({ "family": { "assessmentDate": "2015-06-30", "members": {} } }),
            "family.members",
        ),
    ];
    for (call, value, path) in cases {
        let e = thrown(call, &value);
        assert_eq!((e.code().as_str(), e.path()), ("wrong_type", path), "{e}");
        assert_eq!(e.message(), "invalid type: object, expected a list");
    }
}
