//! The rules after 2020 (issue 16): `sf-2020` (the phase-2 rules carried
//! on), `sf-2022` (the National Supporting Families Outcome Framework) and
//! `ff-2025` (its needs kept under Families First). Native only: the hand-
//! worked families are shared fixtures (`tests/fixtures/eligibility.json`,
//! the `sf2022-…`, `sf2020-…` and `ff2025-…` cases) that `tests/web.rs`
//! also runs in the browser; here are what needs the engine's Rust API or
//! proptest. Facts: `../shared/domain-2026.md` §1.1–§1.4, §2.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use community_budget::api;
use community_budget::date::Date;
use community_budget::rules::{self, built_in_pack};
use proptest::prelude::*;
use serde_json::{json, Value};

fn check(call: &Value) -> Value {
    serde_json::from_str(&api::check_eligibility_json(&call.to_string()).unwrap()).unwrap()
}

/// 2021 → sf-2020, 2023 → sf-2022, today (2026-12-06) → ff-2025; and the
/// days each pack starts and the day before.
#[test]
fn the_pack_in_force_on_the_assessment_date() {
    for (day, id) in [
        ("2021-06-30", "sf-2020"),
        ("2023-06-30", "sf-2022"),
        ("2026-12-06", "ff-2025"),
        ("2020-03-31", "tf-2015"),
        ("2020-04-01", "sf-2020"),
        ("2022-10-02", "sf-2020"),
        ("2022-10-03", "sf-2022"),
        ("2025-03-31", "sf-2022"),
        ("2025-04-01", "ff-2025"),
    ] {
        let pack = rules::in_force_on(Date::parse(day).unwrap()).unwrap();
        assert_eq!(pack.id, id, "{day}");
        assert!(pack.in_force_on(Date::parse(day).unwrap()), "{day}");
    }
}

/// sf-2020 is tf-2015's rules unchanged: against its base, only the pack's
/// own id, title, version, dates and source differ.
#[test]
fn sf_2020_has_the_rules_of_tf_2015() {
    let base = built_in_pack("tf-2015").unwrap();
    let pack = built_in_pack("sf-2020").unwrap();
    let changes = rules::diff(base, pack);
    let fields: Vec<(&str, Option<&str>)> = changes.iter().map(|c| (c.what, c.field)).collect();
    assert_eq!(
        fields,
        [
            ("pack", Some("id")),
            ("pack", Some("title")),
            ("pack", Some("version")),
            ("pack", Some("validFrom")),
            ("pack", Some("validTo")),
            ("pack", Some("source")),
        ]
    );
    assert_eq!(pack.criteria_label, base.criteria_label);
    assert_eq!(pack.decision.len(), base.decision.len());
}

/// The ten headlines of §1.2 in order, with the ids the README lists; the
/// precondition a filter the decision requires; three, counted in needs.
#[test]
fn sf_2022_has_the_ten_headlines_and_the_precondition() {
    let pack = built_in_pack("sf-2022").unwrap();
    let ids: Vec<&str> = pack.criteria.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "education",
            "early-years",
            "health",
            "substance-use",
            "relationships",
            "safe-children",
            "crime",
            "domestic-abuse",
            "housing",
            "financial",
        ]
    );
    assert_eq!(
        pack.criteria[5].title,
        "Children safe from abuse and exploitation"
    );
    assert_eq!(pack.decision[0].requires, ["precondition"]);
    let day = Date::parse("2023-06-30").unwrap();
    assert_eq!(
        rules::counting_on(pack, &pack.decision[0].count, day),
        rules::Counting::Indicators
    );
    // Every headline has at least one need; every need its headline or the filter.
    for g in &pack.criteria {
        assert!(pack.indicators.iter().any(|i| i.group == g.id), "{}", g.id);
    }
    // Every threshold and window of a need is a parameter or the flag-like
    // "1 or more", and every parameter has an evidence tag.
    for p in &pack.parameters {
        assert!(
            ["V", "S", "R", "A", "D", "V2"].contains(&p.evidence.as_str()),
            "{}",
            p.id
        );
    }
}

/// The README lists every R and A parameter of the new packs.
#[test]
fn the_readme_lists_every_recalled_or_assumed_parameter_of_the_new_packs() {
    let readme = include_str!("../README.md");
    for id in ["sf-2022", "ff-2025"] {
        let pack = built_in_pack(id).unwrap();
        for p in pack
            .parameters
            .iter()
            .filter(|p| p.evidence == "R" || p.evidence == "A")
        {
            let row = format!("| `{id}` | `{}` | {} |", p.id, p.evidence);
            assert!(readme.contains(&row), "README lacks {row}");
        }
    }
}

/// A council pack extending sf-2022 that changes one need's threshold
/// (persistent absence, 10 % → 15 %): `diffRulePack` lists exactly that one
/// change beside the pack's own id, title, version and source.
#[test]
fn a_council_pack_changing_one_threshold_lists_exactly_that() {
    let text = common::pack_text("southshire-2022.json");
    let v: Value = serde_json::from_str(&api::diff_rule_pack_json(text).unwrap()).unwrap();
    assert_eq!(v["type"], "success");
    assert_eq!(v["base"]["id"], "sf-2022");
    let changes: Vec<&Value> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["what"] != "pack")
        .collect();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["what"], "parameter");
    assert_eq!(changes[0]["id"], "persistent-absence");
    assert_eq!(changes[0]["field"], "values");
    assert_eq!(changes[0]["from"], "10 from 2022-10-03");
    assert_eq!(changes[0]["to"], "15 from 2022-10-03");
    assert_eq!(changes[0]["path"], "parameterOverrides[0].values");
}

/// The same family under Southshire's reading: Son misses 14 of 100
/// sessions in the last three terms (14 %): 1400 >= 10 × 100 meets sf-2022's
/// 10 %; 1400 < 15 × 100 does not meet Southshire's 15 %.
#[test]
fn the_council_threshold_decides() {
    let mut call = json!({
        "rulePack": "sf-2022",
        "assessmentDate": "2023-06-30",
        "schoolTerms": [{ "name": "Summer 2023", "start": "2023-04-17", "end": "2023-07-21" }],
        "members": [
            { "name": "Mother", "dateOfBirth": "1988-03-01" },
            { "name": "Son", "dateOfBirth": "2015-05-05",
              "attendance": [{ "term": "Summer 2023", "possibleSessions": 100, "authorisedAbsent": 4, "unauthorisedAbsent": 10 }] }
        ]
    });
    let group = |a: &Value| -> bool {
        a["criteria"][0]["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "persistent-absence")
            .unwrap()["met"]
            .as_bool()
            .unwrap()
    };
    assert!(group(&check(&call)));
    call["rulePack"] = Value::Null;
    call["councilPack"] = json!(common::pack_text("southshire-2022.json"));
    assert!(!group(&check(&call)));
}

/// A counting-unit value that is neither "criteria" nor "indicators" is
/// refused at its path.
#[test]
fn a_counting_unit_must_be_criteria_or_indicators() {
    let text = r#"{ "id": "x", "title": "x", "extends": "sf-2022", "validFrom": "2022-10-03",
        "validTo": "2025-03-31", "source": "test",
        "parameterOverrides": [{ "id": "counting-unit", "values": [{ "from": "2022-10-03", "value": "needs" }] }] }"#;
    let v: Value = serde_json::from_str(&api::validate_rule_pack_json(text).unwrap()).unwrap();
    assert_eq!(v["type"], "failure");
    assert_eq!(
        v["errors"][0]["path"],
        "parameterOverrides[0].values[0].value"
    );
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("\"criteria\" or \"indicators\""));
}

/// Two needs across two headlines: what would change suggests a third need,
/// also under a headline already met (counting needs, a second housing need
/// counts); each suggestion, applied, gives an eligible family.
#[test]
fn what_would_change_counts_needs_in_a_headline_already_met() {
    let case = common::eligibility_cases()
        .into_iter()
        .find(|c| c["name"] == "sf2022-two-needs")
        .unwrap();
    let answer = check(&case["call"]);
    assert_eq!(answer["status"], "notEligible");
    let suggestions = answer["whatWouldChange"].as_array().unwrap();
    let homeless = suggestions
        .iter()
        .find(|s| s["indicator"] == "homeless")
        .unwrap_or_else(|| panic!("no homeless suggestion in {suggestions:?}"));
    assert_eq!(homeless["group"], "housing");
    // Mother is member 0: one circumstance appended from the assessment date.
    assert_eq!(
        homeless["edits"],
        json!([{ "op": "append", "path": "members[0].circumstances",
                 "value": { "kind": "homeless", "from": "2023-06-30" } }])
    );
    for s in suggestions {
        let mut call = case["call"].clone();
        for edit in s["edits"].as_array().unwrap() {
            common::apply_edit(&mut call, edit);
        }
        let after = check(&call);
        assert_eq!(after["status"], "eligible", "{}", s["message"]);
        assert_eq!(after["indicatorsMet"], 3, "{}", s["message"]);
    }
}

/// The needs a family can have in the property test: (member, field, fact).
fn needs() -> Vec<(usize, &'static str, Value)> {
    let c = |kind: &str| json!({ "kind": kind, "from": "2023-01-02" });
    vec![
        (0, "circumstances", c("rentArrears")),
        (0, "circumstances", c("riskOfEviction")),
        (0, "circumstances", c("homeless")),
        (0, "circumstances", c("problemDebt")),
        (0, "circumstances", c("parentalConflict")),
        (0, "circumstances", c("physicalHealth")),
        (0, "mentalHealth", json!(true)),
        (0, "substanceMisuse", json!(true)),
        (0, "offences", json!({ "date": "2023-03-01" })),
        (1, "circumstances", c("specialEducationalNeeds")),
        (1, "childInNeed", json!(true)),
        (1, "missingEpisodes", json!({ "date": "2023-05-01" })),
        (
            1,
            "exploitation",
            json!({ "date": "2023-05-01", "kind": "criminal" }),
        ),
        (1, "circumstances", c("earlyYearsConcern")),
    ]
}

/// Mother, and Son (8) when `child`, with the needs whose bits are set.
fn family_with(mask: u32, child: bool, pack: &Value) -> Value {
    let mut members = vec![json!({ "name": "Mother", "dateOfBirth": "1988-03-01" })];
    if child {
        members.push(json!({ "name": "Son", "dateOfBirth": "2015-05-05" }));
    }
    for (n, (member, field, fact)) in needs().into_iter().enumerate() {
        if mask & (1 << n) == 0 {
            continue;
        }
        let Some(m) = members.get_mut(member) else {
            continue;
        };
        if fact.is_boolean() {
            m[field] = fact;
        } else {
            match m[field].as_array_mut() {
                Some(list) => list.push(fact),
                None => m[field] = json!([fact]),
            }
        }
    }
    let mut call = json!({ "assessmentDate": "2023-06-30", "members": members });
    match pack {
        Value::String(id) if id.ends_with(".json") => {
            call["councilPack"] = json!(common::pack_text(id));
        }
        id => call["rulePack"] = id.clone(),
    }
    call
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    /// Adding a need never makes an eligible family ineligible under
    /// sf-2022 (counted in needs) or under a pack that counts headlines.
    #[test]
    fn adding_a_need_never_takes_eligibility_away(
        mask in 0u32..(1 << 14),
        extra in 0usize..14,
        child in any::<bool>(),
        headlines in any::<bool>(),
    ) {
        let pack = if headlines { json!("westshire-2022.json") } else { json!("sf-2022") };
        let before = check(&family_with(mask, child, &pack));
        let after = check(&family_with(mask | (1 << extra), child, &pack));
        prop_assert_eq!(&before["type"], "success");
        prop_assert_eq!(&after["type"], "success");
        if before["eligible"] == true {
            prop_assert_eq!(&after["eligible"], true);
        }
        // And without a child or an expectant parent, never eligible.
        if !child {
            prop_assert_eq!(&after["eligible"], false);
        }
    }
}

/// A cohort under sf-2022 with the new columns: family 1 (Mother's rent
/// arrears, risk of eviction and problem debt; a son of 8) has 3 needs and
/// a dependent child: eligible. Family 2 (a young man of 17 not in
/// education, employment or training, with a missing episode and a criminal
/// exploitation incident on 2023-05-01, within 12 months of 2023-06-30) has
/// 3 needs, and is himself a child: eligible. Family 3 (problem debt only,
/// an adult alone) is not.
#[test]
fn a_cohort_carries_the_new_columns() {
    let csv = "family,assessment_date,age,circumstances,exploitation,missing_episodes\n\
        1,2023-06-30,35,rentArrears:2023-01-09;riskOfEviction:2023-05-02;problemDebt:2022-11-01,,\n\
        1,,8,,,\n\
        2,2023-06-30,17,notInEducationEmploymentOrTraining:2023-02-01:2023-12-31,criminal:2023-05-01,2023-05-01\n\
        3,2023-06-30,40,problemDebt:2023-01-01,,\n";
    let o =
        json!({ "rulePack": "sf-2022", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06" });
    let answer = serde_json::to_value(api::run_cohort_value(csv.as_bytes(), &o).unwrap()).unwrap();
    assert_eq!(answer["type"], "success", "{answer}");
    assert_eq!(common::figure(&answer, "rowsRejected"), json!(0));
    assert_eq!(common::figure(&answer, "familiesProcessed"), json!(3));
    assert_eq!(common::figure(&answer, "eligibleFamilies"), json!(2));
    // A kind the family record does not know is refused at its cell.
    let bad = "family,assessment_date,age,circumstances\n1,2023-06-30,35,debt:2023-01-01\n";
    let answer = serde_json::to_value(api::run_cohort_value(bad.as_bytes(), &o).unwrap()).unwrap();
    let problem = &answer["report"]["rejected"]["problems"][0];
    assert_eq!(problem["columnName"], "circumstances");
    assert_eq!(problem["code"], "unknown_kind");
}
