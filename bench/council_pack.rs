//! A council pack of `n` indicators, for the keystroke benchmark
//! (`examples/time_calls.rs`, `checkEligibilityPack`) and the tests of the
//! pack cache and limits (`tests/limits.rs`): a council extending tf-2012 whose
//! local filter holds `n` indicators, cycling through measures with windows,
//! kinds and thresholds of their own, as a large council's filter would.
//! Included with `#[path]`.

/// The pack's JSON text.
pub fn council_pack(n: usize) -> String {
    let mut indicators = Vec::with_capacity(n);
    for i in 0..n {
        let months = 6 + i % 19;
        let threshold = 1 + i % 4;
        let body = match i % 6 {
            0 => format!(
                r#""measure": "provenOffences", "who": "children", "window": {{ "months": "{months}" }}, "comparator": ">=", "threshold": "{threshold}""#
            ),
            1 => format!(
                r#""measure": "asbInterventions", "who": "anyone", "window": {{ "months": "{months}" }}, "comparator": ">=", "threshold": "{threshold}""#
            ),
            2 => format!(
                r#""measure": "domesticAbuse", "who": "family", "window": {{ "months": "{months}" }}, "comparator": ">=", "threshold": "{threshold}""#
            ),
            3 => r#""measure": "childProtectionPlan", "who": "children""#.to_owned(),
            4 => r#""measure": "substanceMisuse", "who": "anyone""#.to_owned(),
            _ => format!(
                r#""measure": "fixedTermExclusions", "who": "children", "window": {{ "months": "{months}" }}, "comparator": ">=", "threshold": "{}""#,
                threshold + 2
            ),
        };
        indicators.push(format!(
            r#"    {{ "id": "local-{i}", "title": "Local indicator {i}", "group": "local-filter", {body}, "source": "Generated for the benchmark." }}"#
        ));
    }
    format!(
        r#"{{
  "id": "bigshire-{n}",
  "title": "Bigshire (fictional): a local filter of {n} indicators",
  "extends": "tf-2012",
  "version": "1",
  "validFrom": "2013-04-01",
  "validTo": "2015-03-31",
  "source": "Generated for the keystroke benchmark.",
  "indicators": [
{}
  ]
}}
"#,
        indicators.join(",\n")
    )
}

/// A `checkEligibility` call with council pack `pack`, as the eligibility page
/// sends it on a keystroke: the family of the
/// `northshire-fills-the-local-filter` fixture without its domestic abuse
/// incident (so that it meets none of a generated pack's local filter, and
/// what would change the decision is looked for in every indicator), with
/// `unauthorised` sessions of unauthorised absence in its first term.
pub fn keystroke_call(pack: &str, unauthorised: u32) -> String {
    let cases: serde_json::Value =
        serde_json::from_str(include_str!("../tests/fixtures/eligibility.json"))
            .unwrap_or_default();
    let mut call = cases
        .as_array()
        .and_then(|cases| {
            cases
                .iter()
                .find(|f| f["name"] == "northshire-fills-the-local-filter")
        })
        .map(|f| f["call"].clone())
        .unwrap_or_default();
    call["councilPack"] = serde_json::Value::String(pack.to_owned());
    if let Some(o) = call.as_object_mut() {
        o.remove("domesticAbuse");
    }
    call["members"][1]["attendance"][0]["unauthorisedAbsent"] = unauthorised.into();
    call.to_string()
}
