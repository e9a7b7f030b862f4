//! Payment-by-results claims, worked by hand from the published rules
//! (domain.md §A3–A4, §B3, Formulas 3 and 4) and the rule packs' `pbr-…`
//! parameters. The shared fixtures (`tests/fixtures/claims.json`, also run in
//! the browser by `tests/web.rs`) carry their working in `why`; the tests here
//! vary them: each programme year, each result with and without, the
//! employment alternative, the thresholds exactly, phase 2's two employment
//! tests, and the council's funded families and release groups at their
//! boundaries.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use community_budget::api::claim_payment_json;
use serde_json::{json, Value};

fn claim(call: &Value) -> Value {
    let text = claim_payment_json(&serde_json::to_string(call).unwrap()).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn fixture(name: &str) -> Value {
    common::claim_cases()
        .into_iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))["call"]
        .clone()
}

/// Family A's call, with every date moved on by `years` whole years (the
/// same day and month: none is 29 February).
fn shifted(call: &Value, years: i32) -> Value {
    match call {
        Value::String(s) if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' => {
            let year: i32 = s[..4].parse().unwrap();
            Value::String(format!("{:04}{}", year + years, &s[4..]))
        }
        Value::String(s) if s.len() == 11 && s.starts_with("Autumn ") => {
            let year: i32 = s[7..].parse().unwrap();
            Value::String(format!("Autumn {}", year + years))
        }
        Value::String(s) if s.starts_with("Spring ") || s.starts_with("Summer ") => {
            let year: i32 = s[7..].parse().unwrap();
            Value::String(format!("{}{}", &s[..7], year + years))
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| shifted(v, years)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), shifted(v, years)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn first(answer: &Value) -> &Value {
    assert_eq!(answer["type"], "success", "{answer:#}");
    &answer["claims"][0]
}

fn result<'a>(c: &'a Value, id: &str) -> &'a Value {
    c["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()
}

fn part<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap()
}

#[test]
fn the_shared_fixtures_hold_natively() {
    common::check_natively(common::claim_cases(), "claimPayment", claim_payment_json);
}

/// Formula 3: A_y = 4,000 × (0.8, 0.6, 0.4); R_y = 4,000 − A_y; the crime/ASB/
/// education result 7/8 of R_y, progress to work 1/8, employment all of it.
#[test]
fn each_programme_year_pays_its_attachment_fee_and_results_share() {
    let base = fixture("phase1-year1-every-result");
    // (years on, programme year, attachment, crime/ASB/education, progress to work)
    // Year 2: 4,000 × 60 % = 2,400; 1,600 × 87.5 % = 1,400; 1,600 × 12.5 % = 200.
    // Year 3: 4,000 × 40 % = 1,600; 2,400 × 87.5 % = 2,100; 2,400 × 12.5 % = 300.
    for (years, year, fee, cae, ptw) in [
        (0, 1, "3200.00", "700.00", "100.00"),
        (1, 2, "2400.00", "1400.00", "200.00"),
        (2, 3, "1600.00", "2100.00", "300.00"),
    ] {
        let a = claim(&shifted(&base, years));
        let c = first(&a);
        assert_eq!(c["programmeYear"], year, "year {year}");
        assert_eq!(c["attachmentFee"], fee, "year {year}");
        assert_eq!(result(c, "crime-asb-education")["paid"], cae, "year {year}");
        assert_eq!(result(c, "progress-to-work")["paid"], ptw, "year {year}");
        // The employment alternative is worth the whole results share.
        let share = c["resultsShare"].as_str().unwrap().to_owned();
        assert_eq!(result(c, "employment")["amount"], share.as_str());
        // Fee + both results = the family maximum, in every year.
        assert_eq!(c["total"], "4000.00", "year {year}");
        // Without progress to work: 4,000 − its 1/8.
        let mut without = shifted(&base, years);
        without["claims"][0]
            .as_object_mut()
            .unwrap()
            .remove("progressToWork");
        let w = claim(&without);
        let expected = ["3900.00", "3800.00", "3700.00"][usize::try_from(year - 1).unwrap()];
        assert_eq!(
            first(&w)["total"],
            expected,
            "year {year} without progress to work"
        );
        assert_eq!(
            result(first(&w), "progress-to-work")["check"],
            "missingEvidence"
        );
    }
}

#[test]
fn the_year_boundary_is_the_first_of_april() {
    // Attached 2013-03-31: year 1 (80 %); 2013-04-01: year 2 (60 %).
    let mut call = fixture("phase1-not-eligible-on-the-attachment-date");
    for (day, fee) in [("2013-03-31", "3200.00"), ("2013-04-01", "2400.00")] {
        call["claims"][0]["attachmentDate"] = json!(day);
        let c = claim(&call);
        assert_eq!(first(&c)["attachmentFee"], fee, "{day}");
        assert_eq!(first(&c)["total"], "0.00", "not eligible: nothing to claim");
    }
}

/// With every result met as well, employment still pays only the results share:
/// an alternative, not an addition (700 + 100 + 800 would exceed the maximum).
#[test]
fn employment_is_an_alternative_not_an_addition() {
    let mut call = fixture("phase1-year1-every-result");
    let father = fixture("phase1-continuous-employment-instead")["claims"][0]["family"]["members"]
        [3]
    .clone();
    call["claims"][0]["family"]["members"]
        .as_array_mut()
        .unwrap()
        .push(father);
    let a = claim(&call);
    let c = first(&a);
    assert_eq!(result(c, "crime-asb-education")["check"], "met");
    assert_eq!(result(c, "progress-to-work")["check"], "met");
    assert_eq!(result(c, "employment")["check"], "met");
    // 700 + 100 = 800 = employment's 800: employment is paid, the others not.
    assert_eq!(result(c, "employment")["paid"], "800.00");
    assert_eq!(result(c, "crime-asb-education")["paid"], "0.00");
    assert_eq!(result(c, "progress-to-work")["paid"], "0.00");
    assert_eq!(c["resultsClaimable"], "800.00");
    assert_eq!(c["total"], "4000.00");
    assert_eq!(c["capped"], "0.00");
    assert_eq!(c["notes"][0]["code"], "employment_alternative");
}

/// Offences and ASB interventions, `n` of them on one day.
fn events(n: usize, date: &str, kind: Option<&str>) -> Value {
    Value::Array(
        (0..n)
            .map(|_| match kind {
                Some(k) => json!({ "date": date, "kind": k }),
                None => json!({ "date": date }),
            })
            .collect(),
    )
}

/// The reductions are compared exactly with the published percentages:
/// (before − after) × 100 ≥ 60 × before; and 33 %, not a third.
#[test]
fn reductions_are_met_exactly_at_the_threshold() {
    let base = fixture("phase1-year1-every-result");
    // Youth offending: 100 offences in the 6 months to attachment.
    // After 67: (100 − 67) × 100 = 3,300 ≥ 33 × 100 = 3,300: met (exactly 33 %;
    // against a third, 33 < 33.33…, it would fail). After 68: 3,200 < 3,300.
    for (after, check) in [(67, "met"), (68, "notMet")] {
        let mut call = base.clone();
        let jordan = &mut call["claims"][0]["family"]["members"][1];
        let mut offences = events(100, "2012-06-01", None);
        offences.as_array_mut().unwrap().extend(
            events(after, "2013-05-01", None)
                .as_array()
                .unwrap()
                .clone(),
        );
        jordan["offences"] = offences;
        let a = claim(&call);
        let cae = result(first(&a), "crime-asb-education");
        assert_eq!(
            part(cae, "youth-offending")["check"],
            check,
            "100 → {after}"
        );
        assert_eq!(cae["check"], check, "100 → {after}");
    }
    // ASB: 5 before (the fixture); 2 after is exactly 60 % (met, the fixture);
    // 10 before and 4 after: (10 − 4) × 100 = 600 ≥ 60 × 10 = 600: met;
    // 10 before and 5 after: 500 < 600: not met.
    for (after, check) in [(4, "met"), (5, "notMet")] {
        let mut call = base.clone();
        let mother = &mut call["claims"][0]["family"]["members"][0];
        // Before (2012-02-01 to 2012-08-01): Mother 3 on 2012-03-01 and her own 2 (05-12,
        // 07-30) = 5; Jordan his 3 (02-20, 04-10, 06-05) and 2 on 2012-07-01 = 5: 10.
        // After (2013-01-31 to 2013-07-31): Jordan's 1 (03-14) and Mother `after − 1` on
        // 2013-04-01 (her 2013-06-01 letter is left out): `after`.
        let mut asb = events(3, "2012-03-01", Some("warningLetter"));
        asb.as_array_mut()
            .unwrap()
            .extend(mother["asb"].as_array().unwrap().iter().take(2).cloned());
        asb.as_array_mut().unwrap().extend(
            events(after - 1, "2013-04-01", Some("warningLetter"))
                .as_array()
                .unwrap()
                .clone(),
        );
        mother["asb"] = asb;
        let jordan = &mut call["claims"][0]["family"]["members"][1];
        jordan["asb"].as_array_mut().unwrap().extend(
            events(2, "2012-07-01", Some("warningLetter"))
                .as_array()
                .unwrap()
                .clone(),
        );
        let a = claim(&call);
        let asb_part = part(result(first(&a), "crime-asb-education"), "asb");
        assert_eq!(asb_part["check"], check, "10 → {after}: {asb_part:#}");
        let shown = asb_part["evidence"][0].as_str().unwrap();
        assert!(shown.starts_with(&format!("10 anti-social behaviour interventions across the family from 2012-02-01 to 2012-08-01, {after} from")), "{shown}");
    }
}

#[test]
fn measures_not_relevant_at_entry_are_not_tested() {
    // No offence in the 6 months to attachment: youth offending is not tested,
    // even with offences since (the crime criterion is met by ASB).
    let mut call = fixture("phase1-year1-every-result");
    call["claims"][0]["family"]["members"][1]["offences"] = json!([{ "date": "2013-05-02" }]);
    let a = claim(&call);
    let cae = result(first(&a), "crime-asb-education");
    assert_eq!(part(cae, "youth-offending")["check"], "notRelevant");
    assert_eq!(cae["check"], "met");
    assert_eq!(first(&a)["total"], "4000.00");
}

#[test]
fn results_before_their_periods_end_are_not_yet_claimable() {
    // Claim on 2013-07-18, the day before Summer 2013 ends: education is not yet
    // testable; the result's earliest date is the end of that term.
    let mut call = fixture("phase1-year1-every-result");
    call["claims"][0]["family"]["assessmentDate"] = json!("2013-07-18");
    let a = claim(&call);
    let c = first(&a);
    let cae = result(c, "crime-asb-education");
    assert_eq!(part(cae, "education")["check"], "notYet");
    assert_eq!(cae["check"], "notYet");
    assert_eq!(cae["earliestDate"], "2013-07-19");
    // Progress to work is claimable: 3,200 + 100.
    assert_eq!(c["total"], "3300.00");
    // Before 2013-02-02 the first full 6 months after attachment have not ended.
    let mut early = fixture("phase1-year1-every-result");
    early["claims"][0]["family"]["assessmentDate"] = json!("2013-02-01");
    for m in early["claims"][0]["family"]["members"]
        .as_array_mut()
        .unwrap()
    {
        for list in ["asb", "offences", "exclusions"] {
            if let Some(items) = m.get_mut(list).and_then(Value::as_array_mut) {
                items.retain(|e| e["date"].as_str().unwrap() <= "2013-02-01");
            }
        }
        if let Some(items) = m.get_mut("attendance").and_then(Value::as_array_mut) {
            items.retain(|r| !r["term"].as_str().unwrap().ends_with("2013"));
        }
    }
    early["claims"][0]
        .as_object_mut()
        .unwrap()
        .remove("progressToWork");
    let a = claim(&early);
    let cae = result(first(&a), "crime-asb-education");
    assert_eq!(part(cae, "asb")["check"], "notYet", "{cae:#}");
    assert_eq!(part(cae, "asb")["earliestDate"], "2013-02-02");
    assert_eq!(part(cae, "youth-offending")["earliestDate"], "2013-02-02");
}

#[test]
fn missing_attendance_is_named() {
    let mut call = fixture("phase1-year1-every-result");
    // Amy's Spring 2013 record is lost.
    call["claims"][0]["family"]["members"][2]["attendance"]
        .as_array_mut()
        .unwrap()
        .remove(4);
    let a = claim(&call);
    let education = part(result(first(&a), "crime-asb-education"), "education");
    assert_eq!(education["check"], "missingEvidence");
    assert_eq!(
        education["missing"],
        json!(["Amy (10): attendance for Spring 2013 is not recorded."])
    );
    // A third fixed-term exclusion fails the result whatever else is missing.
    call["claims"][0]["family"]["members"][1]["exclusions"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "date": "2013-06-03", "kind": "fixedTerm" }));
    let a = claim(&call);
    let education = part(result(first(&a), "crime-asb-education"), "education");
    assert_eq!(education["check"], "notMet");
}

/// A father on ESA on the attachment date, in work from `job` on; the claim
/// checked on `claim_date`.
fn employment_call(
    pack: &str,
    benefit: &str,
    jobs: Value,
    claim_date: &str,
    attached: &str,
) -> Value {
    json!({ "claims": [{
        "family": {
            "rulePack": pack, "assessmentDate": claim_date,
            "localConcern": true,
            "members": [
                { "name": "Father", "dateOfBirth": "1978-11-02", "mentalHealth": true,
                  "benefits": [{ "kind": benefit, "from": "2011-01-01", "to": "2013-04-21" }],
                  "employment": jobs,
                  "asb": [{ "date": attached, "kind": "asbo" }] }
            ]
        },
        "attachmentDate": attached
    }]})
}

#[test]
fn thirteen_weeks_of_continuous_employment_exactly() {
    // Phase 1: ESA to 2013-04-21, a job from 2013-04-22. 13 weeks = 91 days:
    // 2013-04-22 + 90 = 2013-07-21 (8 + 31 + 30 + 21 days).
    let jobs = json!([{ "from": "2013-04-22" }]);
    for (day, check, earliest) in [
        ("2013-07-20", "notYet", "2013-07-21"),
        ("2013-07-21", "met", "2013-07-21"),
    ] {
        let a = claim(&employment_call(
            "tf-2012",
            "esa",
            jobs.clone(),
            day,
            "2012-10-01",
        ));
        let c = first(&a);
        // Crime (the ASBO) and work, with the local filter: discretionary.
        assert_eq!(c["statusAtAttachment"], "discretionary");
        let e = result(c, "employment");
        assert_eq!(e["check"], check, "{day}: {e:#}");
        assert_eq!(e["earliestDate"], earliest, "{day}");
    }
    // A job that ends after 12 weeks and 6 days (2013-07-20) never gets there.
    let a = claim(&employment_call(
        "tf-2012",
        "esa",
        json!([{ "from": "2013-04-22", "to": "2013-07-20" }]),
        "2013-09-30",
        "2012-10-01",
    ));
    let e = result(first(&a), "employment");
    assert_eq!(e["check"], "notMet");
    assert!(e.get("earliestDate").is_none());
    // Working while still on the benefit does not count: the weeks start when
    // the claim ends. In work from 2013-04-01 but on ESA to 2013-04-21: the
    // same 2013-07-21.
    let a = claim(&employment_call(
        "tf-2012",
        "esa",
        json!([{ "from": "2013-04-01" }]),
        "2013-07-21",
        "2012-10-01",
    ));
    assert_eq!(
        result(first(&a), "employment")["earliestDate"],
        "2013-07-21"
    );
}

#[test]
fn phase_2_employment_counts_weeks_in_the_last_30_or_15() {
    // JSA: 26 of the last 30 weeks. Job A 2016-01-04 to 2016-03-27 (12 weeks),
    // a two-week gap, job B from 2016-04-11. For the day 2016-07-17 the 30 weeks
    // end on 2015-12-27, 2016-01-03, 01-10, …, 07-17: those ending 01-10 to 03-27
    // are 12 whole weeks of job A, those ending 04-17 to 07-17 are 14 of job B:
    // 26. A day earlier the weeks are shifted and the gap spoils one more
    // (ending 04-16 takes in 04-10): 11 + 13 = 24. So 2016-07-17.
    let jobs = json!([{ "from": "2016-01-04", "to": "2016-03-27" }, { "from": "2016-04-11" }]);
    let mut call = employment_call("tf-2015", "jsa", jobs, "2016-09-30", "2015-09-01");
    call["claims"][0]["family"]["members"][0]["benefits"][0]["to"] = json!("2016-01-03");
    let a = claim(&call);
    let c = first(&a);
    assert_eq!(c["statusAtAttachment"], "eligible");
    let e = result(c, "employment");
    assert_eq!(e["check"], "met", "{e:#}");
    assert_eq!(e["earliestDate"], "2016-07-17");
    assert_eq!(c["total"], "1800.00");
    // ESA: 13 of the last 15 weeks. Job A alone is 12 whole weeks (to 03-27); the
    // 13th comes with job B: the week ending 04-17 with the 12 weeks ending 01-10
    // … 03-27 — but 15 weeks back from 04-17 reach only to the week ending 01-10
    // (04-17 − 98 days = 01-10): weeks 01-10 … 03-27 (12) + 04-17 (1) = 13 of 15.
    let jobs = json!([{ "from": "2016-01-04", "to": "2016-03-27" }, { "from": "2016-04-11" }]);
    let mut call = employment_call("tf-2015", "esa", jobs, "2016-09-30", "2015-09-01");
    call["claims"][0]["family"]["members"][0]["benefits"][0]["to"] = json!("2016-01-03");
    let a = claim(&call);
    assert_eq!(
        result(first(&a), "employment")["earliestDate"],
        "2016-04-17"
    );
}

#[test]
fn phase_2_needs_progress_against_every_problem_at_entry() {
    let mut call = fixture("phase2-employment-and-progress-one-payment");
    // No job: only sustained progress can earn the results payment.
    call["claims"][0]["family"]["members"][0]
        .as_object_mut()
        .unwrap()
        .remove("employment");
    let a = claim(&call);
    let c = first(&a);
    assert_eq!(result(c, "employment")["check"], "notMet");
    let ssp = result(c, "sustained-progress");
    assert_eq!(ssp["check"], "met");
    assert_eq!(ssp["paid"], "800.00");
    // Met when the last problem is: 2016-04-10.
    assert_eq!(c["earliest"]["results"], "2016-04-10");
    assert_eq!(c["total"], "1800.00");
    // Without the health record: missing evidence, only the attachment fee.
    call["claims"][0]["outcomesPlan"]
        .as_array_mut()
        .unwrap()
        .remove(0);
    let a = claim(&call);
    let c = first(&a);
    let ssp = result(c, "sustained-progress");
    assert_eq!(ssp["check"], "missingEvidence");
    assert_eq!(part(ssp, "health")["check"], "missingEvidence");
    assert_eq!(c["total"], "1000.00");
    // A record for a problem the pack does not have is refused at its field.
    call["claims"][0]["outcomesPlan"][0]["problem"] = json!("housing");
    let a = claim(&call);
    assert_eq!(a["type"], "failure");
    assert_eq!(a["errors"][0]["code"], "unknown_criterion");
    assert_eq!(a["errors"][0]["path"], "claims[0].outcomesPlan[0].problem");
}

fn council(numbers: Value) -> Value {
    let mut call = fixture("phase1-not-eligible-on-the-attachment-date");
    call["council"] = numbers;
    claim(&call)["council"].clone()
}

#[test]
fn funded_families_are_the_published_number_or_five_sixths() {
    // (indicative, funded): 4,180 × 5 ÷ 6 = 3,483.33 → 3,483 (Birmingham);
    // 2,630 × 5 ÷ 6 = 2,191.67 → 2,192 (Lancashire: × 4,000 = £8.77m);
    // 1,680 × 5 ÷ 6 = 1,400 (Sheffield: £5.6m); 3 × 5 ÷ 6 = 2.5 → 3 (halves up).
    for (indicative, funded, grant) in [
        (4180, 3483, "13932000.00"),
        (2630, 2192, "8768000.00"),
        (1680, 1400, "5600000.00"),
        (3, 3, "12000.00"),
    ] {
        let c = council(json!({ "indicativeFamilies": indicative }));
        assert_eq!(c["fundedFamilies"], funded, "{indicative}");
        assert_eq!(c["maximumGrant"], grant, "{indicative}");
    }
    // A published number wins: Westminster's 780 indicative, 658 funded.
    let c = council(json!({ "indicativeFamilies": 780, "fundedFamilies": 658 }));
    assert_eq!(c["fundedFamilies"], 658);
    assert_eq!(c["maximumGrant"], "2632000.00");
    assert_eq!(c["fundedWorking"], "658 funded families, as published.");
    let c = council(json!({}));
    assert!(c.get("fundedFamilies").is_none());
    assert!(c.get("maximumGrant").is_none());
}

#[test]
fn release_groups_at_their_boundaries() {
    // worked × 100 against 75 × agreed and 33 × agreed, exactly.
    for (agreed, worked, group, percent) in [
        (100, 75, "full", "75.0 %"),
        (100, 74, "half", "74.0 %"),
        (100, 33, "half", "33.0 %"),
        (100, 32, "none", "32.0 %"),
        (3, 1, "half", "33.3 %"),
        (4, 3, "full", "75.0 %"),
        (150, 49, "none", "32.7 %"),
        (150, 50, "half", "33.3 %"),
        (150, 112, "half", "74.7 %"),
        (150, 113, "full", "75.3 %"),
    ] {
        let c =
            council(json!({ "agreedYear1Families": agreed, "workedWithYear1Families": worked }));
        assert_eq!(c["release"]["group"], group, "{worked} of {agreed}");
        assert_eq!(c["release"]["percent"], percent, "{worked} of {agreed}");
    }
}

/// The year-2 attachment fees of the claims are released by the group: two
/// families attached in 2013/14, 2 × 2,400 = 4,800.
#[test]
fn year_two_fees_are_released_by_group() {
    let one = shifted(&fixture("phase1-year1-every-result"), 1)["claims"][0].clone();
    let mut call = json!({ "claims": [one.clone(), one] });
    for (worked, first_quarter, later, withheld) in [
        (80, "4800.00", "0.00", "0.00"),
        (50, "2400.00", "2400.00", "0.00"),
        (20, "0.00", "0.00", "4800.00"),
    ] {
        call["council"] = json!({ "agreedYear1Families": 100, "workedWithYear1Families": worked });
        let a = claim(&call);
        let r = &a["council"]["release"];
        assert_eq!(r["year2AttachmentFees"], "4800.00");
        assert_eq!(r["firstQuarter"], first_quarter, "{worked}");
        assert_eq!(r["later"], later, "{worked}");
        assert_eq!(r["withheld"], withheld, "{worked}");
    }
}

/// The tri-borough report's worked example (domain.md §A3): 150 funded families
/// in year 1 → attachment 150 × 3,200 = 480,000 and results 150 × 800 = 120,000,
/// 600,000 in all.
#[test]
fn the_tri_borough_year_one_example() {
    let one = fixture("phase1-year1-every-result")["claims"][0].clone();
    let call = json!({ "claims": vec![one; 150], "council": { "fundedFamilies": 150 } });
    let a = claim(&call);
    let c = &a["council"];
    assert_eq!(c["phase1"]["families"], 150);
    assert_eq!(c["phase1"]["attachment"], "480000.00");
    assert_eq!(c["phase1"]["results"], "120000.00");
    assert_eq!(c["phase1"]["total"], "600000.00");
    assert_eq!(c["maximumGrant"], "600000.00");
    assert_eq!(c["remaining"], "0.00");
}

/// domain.md §A4: the recalled and conflicting items are parameters of the pack.
#[test]
fn recalled_payment_rules_are_pack_parameters() {
    for (pack, recalled) in [
        (
            include_str!("../data/rules/tf-2012.json"),
            vec!["pbr-employment-weeks"],
        ),
        (
            include_str!("../data/rules/tf-2015.json"),
            vec![
                "pbr-employment-jsa-kinds",
                "pbr-employment-weeks-jsa",
                "pbr-employment-window-jsa",
                "pbr-employment-weeks-other",
                "pbr-employment-window-other",
            ],
        ),
    ] {
        let pack: Value = serde_json::from_str(pack).unwrap();
        let ids: Vec<&str> = pack["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["evidence"] == "R" && p["id"].as_str().unwrap().starts_with("pbr-"))
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, recalled);
    }
    // Every answer lists the parameters it used, with their sources.
    let a = claim(&fixture("phase1-year1-every-result"));
    let used: Vec<&str> = first(&a)["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(used.contains(&"pbr-attachment-share"));
    assert!(used.contains(&"pbr-employment-weeks"));
    let share = first(&a)["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "pbr-attachment-share")
        .unwrap();
    assert_eq!(share["value"], "80");
    assert_eq!(share["to"], "2013-03-31");
    assert_eq!(share["unit"], "percent");
}

#[test]
fn a_pack_without_payment_parameters_cannot_be_claimed_with() {
    let mut pack: Value = serde_json::from_str(include_str!("../data/rules/tf-2015.json")).unwrap();
    pack["id"] = json!("plain-2015");
    pack["parameters"]
        .as_array_mut()
        .unwrap()
        .retain(|p| !p["id"].as_str().unwrap().starts_with("pbr-"));
    let mut call = fixture("phase2-employment-and-progress-one-payment");
    let family = &mut call["claims"][0]["family"];
    family.as_object_mut().unwrap().remove("rulePack");
    family["councilPack"] = json!(pack.to_string());
    let a = claim(&call);
    assert_eq!(a["type"], "failure");
    assert_eq!(a["errors"][0]["code"], "unknown_parameter");
    assert_eq!(a["errors"][0]["path"], "claims[0].family.councilPack");
}

/// Before its first claim a council sees what the rules give it: no claims,
/// Birmingham's 4,180 indicative families → 4,180 × 5 ÷ 6 = 3,483.33 → 3,483
/// funded, × £4,000 (tf-2012's family maximum) = £13,932,000, all of it still
/// to claim; nothing claimed in either phase; 80 of 100 agreed year-1 families
/// worked with is 80 % ≥ 75 %, so year-2 fees would be paid in full, but there
/// are none yet (0.00). The parameters are tf-2012's, and so is the receipt's
/// pack.
#[test]
fn a_council_sees_its_totals_before_its_first_claim() {
    let a = claim(&json!({
        "claims": [],
        "council": { "indicativeFamilies": 4180, "agreedYear1Families": 100, "workedWithYear1Families": 80 },
    }));
    assert_eq!(a["type"], "success", "{a:#}");
    assert_eq!(a["claims"], json!([]));
    let c = &a["council"];
    assert_eq!(c["pack"]["id"], "tf-2012");
    assert_eq!(c["fundedFamilies"], 3483);
    assert_eq!(c["maximumGrant"], "13932000.00");
    assert_eq!(c["remaining"], "13932000.00");
    for phase in ["phase1", "phase2"] {
        assert_eq!(
            c[phase],
            json!({ "families": 0, "attachment": "0.00", "results": "0.00", "total": "0.00" }),
            "{phase}"
        );
    }
    assert_eq!(c["release"]["group"], "full");
    assert_eq!(c["release"]["year2AttachmentFees"], "0.00");
    let maximum = c["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "pbr-family-maximum")
        .unwrap();
    assert_eq!(maximum["value"], "4000");
    assert_eq!(a["receipt"]["rulePack"]["id"], "tf-2012");

    // With neither claims nor council numbers there is nothing to work out.
    let a = claim(&json!({ "claims": [] }));
    assert_eq!(a["type"], "failure");
    assert_eq!(a["errors"][0]["path"], "claims");
}

/// The checks on a claim's facts, in the domain: `claimPayment` reports them
/// all at the fields of its call, the cohort rejects a family at the first.
#[test]
fn a_claims_facts_are_checked_in_the_domain_every_problem_at_its_field() {
    use community_budget::claims::{ClaimFacts, OutcomeProgress, ProgressKind, ProgressToWork};
    use community_budget::date::Date;
    use community_budget::family::Family;
    use community_budget::rules::built_in_pack;

    let day = |text: &str| Date::parse(text).unwrap();
    let tf2012 = built_in_pack("tf-2012").unwrap();
    // A record assessed (claimed) on 2013-07-31 with no members.
    let facts = ClaimFacts {
        family: Family {
            assessment_date: day("2013-07-31"),
            members: Vec::new(),
            school_terms: Vec::new(),
            domestic_abuse: Vec::new(),
            local_concern: false,
        },
        // 2013-08-01 is the day after the claim date.
        attachment: day("2013-08-01"),
        // Member 0 does not exist (no members); 2013-08-02 is after the claim date.
        progress_to_work: vec![ProgressToWork {
            member: 0,
            date: day("2013-08-02"),
            kind: ProgressKind::WorkProgramme,
        }],
        // tf-2012 is phase 1 (it has pbr-attachment-share), so an outcomes plan
        // is not its result; "housing" is not one of its criteria; the
        // evidence is blank. 2013-07-01 is before the claim date: no problem.
        outcomes_plan: vec![OutcomeProgress {
            problem: "housing".to_owned(),
            date: day("2013-07-01"),
            evidence: "  ".to_owned(),
        }],
        closure: None,
        need_outcomes: Vec::new(),
        earned_autonomy: false,
    };
    let found: Vec<(String, &str)> = facts
        .problems(tf2012)
        .iter()
        .map(|e| (e.path().unwrap().to_owned(), e.code().as_str()))
        .collect();
    let expected = [
        ("attachmentDate", "date_out_of_range"),
        ("progressToWork[0].member", "invalid_field"),
        ("progressToWork[0].date", "date_out_of_range"),
        ("outcomesPlan", "invalid_field"),
        ("outcomesPlan[0].problem", "unknown_criterion"),
        ("outcomesPlan[0].evidence", "invalid_field"),
    ];
    let expected: Vec<(String, &str)> = expected
        .iter()
        .map(|(p, c)| ((*p).to_owned(), *c))
        .collect();
    assert_eq!(found, expected);

    // The same facts made good (attached on the claim date, no results
    // recorded) have no problems; attached ten years and a day before (3,654
    // days: 2003-07-30 to 2013-07-31 spans three leap days, 2004, 2008, 2012),
    // the claim is out of reach.
    let good = ClaimFacts {
        attachment: day("2013-07-31"),
        progress_to_work: Vec::new(),
        outcomes_plan: Vec::new(),
        ..facts
    };
    assert!(good.problems(tf2012).is_empty());
    let old = ClaimFacts {
        attachment: day("2003-07-30"),
        ..good
    };
    let problems = old.problems(tf2012);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message().contains("more than ten years"));
}

/// A whole number is read one way everywhere (the one reader's
/// `whole_number`): as a number or as typed text, each mistake named for the
/// field, with the codes every count has (`fractional_quantity`,
/// `negative_quantity`, `invalid_quantity`).
#[test]
fn a_councils_numbers_are_whole_numbers_each_mistake_named() {
    let a = claim(&json!({
        "claims": [],
        "council": {
            "indicativeFamilies": 12.5,
            "fundedFamilies": -1,
            "agreedYear1Families": "ten",
            "workedWithYear1Families": " 80 ",
        },
    }));
    assert_eq!(a["type"], "failure", "{a:#}");
    let errors: Vec<(String, String, String)> = a["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        (
            "council.indicativeFamilies",
            "fractional_quantity",
            "The indicative number of families is a whole number.",
        ),
        (
            "council.fundedFamilies",
            "negative_quantity",
            "The number of funded families cannot be below 0.",
        ),
        (
            "council.agreedYear1Families",
            "invalid_quantity",
            "\"ten\" is not a number; enter the number of agreed year-1 families as a whole number, 0 or more.",
        ),
    ];
    // " 80 " is read as 80: no problem for workedWithYear1Families.
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(p, c, m)| ((*p).to_owned(), (*c).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(errors, expected);
}

// ------------------------------------------------- 2022 outcome framework

/// A need without an outcome recorded is missing evidence, naming what to
/// record; without a case closure, every need's outcome waits for it. The
/// claim says which needs hold it back.
#[test]
fn a_need_without_its_outcome_or_closure_is_missing_evidence_named() {
    // Family C on the day (2024-03-15), the out-of-work-benefit outcome not recorded.
    let mut call = fixture("sf2022-on-the-day-six-months-after-closure");
    call["claims"][0]["needOutcomes"]
        .as_array_mut()
        .unwrap()
        .retain(|o| o["need"] != "out-of-work-benefit");
    let a = claim(&call);
    let c = first(&a);
    let r = result(c, "sustained-outcomes");
    assert_eq!(r["check"], "missingEvidence");
    assert_eq!(part(r, "out-of-work-benefit")["check"], "missingEvidence");
    assert_eq!(
        part(r, "out-of-work-benefit")["missing"][0],
        "An adult on an out-of-work benefit: record the day a positive outcome was met and what shows it (the data measure checked, a report, a case note)."
    );
    assert_eq!(part(r, "domestic-abuse")["check"], "met");
    assert_eq!(c["total"], "0.00");
    assert!(c["summary"]
        .as_str()
        .unwrap()
        .ends_with("Held back by: An adult on an out-of-work benefit (evidence missing)."));

    // No case closure: each recorded outcome waits for it (6 months after).
    let mut call = fixture("sf2022-on-the-day-six-months-after-closure");
    call["claims"][0]
        .as_object_mut()
        .unwrap()
        .remove("caseClosureDate");
    let a = claim(&call);
    let r = result(first(&a), "sustained-outcomes");
    assert_eq!(r["check"], "missingEvidence");
    assert_eq!(
        part(r, "mental-health")["missing"][0],
        "A member with a mental health problem: record the day the case closed; the outcome must hold 6 months after it."
    );

    // An outcome lapsing the day after the window ends (2024-03-16) was
    // sustained: the claim is paid.
    let mut call = fixture("sf2022-on-the-day-six-months-after-closure");
    call["claims"][0]["family"]["assessmentDate"] = json!("2024-03-20");
    call["claims"][0]["needOutcomes"][1]["lapsedDate"] = json!("2024-03-16");
    let a = claim(&call);
    assert_eq!(first(&a)["total"], "800.00");
    // Lapsing on the window's last day (2024-03-15) was not.
    call["claims"][0]["needOutcomes"][1]["lapsedDate"] = json!("2024-03-15");
    let a = claim(&call);
    assert_eq!(first(&a)["total"], "0.00");
}

/// An outcome met after the window ends is claimable from the day it was met.
#[test]
fn an_outcome_met_after_the_window_is_claimable_from_its_day() {
    let mut call = fixture("sf2022-on-the-day-six-months-after-closure");
    // Mental health met on 2024-03-17, after the window ends on 2024-03-15.
    call["claims"][0]["needOutcomes"][0]["date"] = json!("2024-03-17");
    call["claims"][0]["family"]["assessmentDate"] = json!("2024-03-16");
    // 2024-03-17 is after the claim date 2024-03-16: refused at its field.
    let a = claim(&call);
    assert_eq!(a["type"], "failure");
    assert_eq!(a["errors"][0]["path"], "claims[0].needOutcomes[0].date");
    assert_eq!(a["errors"][0]["code"], "date_out_of_range");
    call["claims"][0]["family"]["assessmentDate"] = json!("2024-03-17");
    let a = claim(&call);
    let r = result(first(&a), "sustained-outcomes");
    // max(2024-03-15, 2024-03-17) = 2024-03-17.
    assert_eq!(part(r, "mental-health")["earliestDate"], "2024-03-17");
    assert_eq!(r["earliestDate"], "2024-03-17");
    assert_eq!(first(&a)["earliest"]["results"], "2024-03-17");
}

/// Each of the new claim facts is checked in the domain, at its field.
#[test]
fn need_outcomes_and_closure_are_checked_at_their_fields() {
    let mut call = fixture("sf2022-on-the-day-six-months-after-closure");
    let c = &mut call["claims"][0];
    // Closure on the attachment day (2023-01-16): not after it.
    c["caseClosureDate"] = json!("2023-01-16");
    // "housing" is no indicator of the pack; 2023-01-15 is before attachment;
    // the evidence is blank; the lapse (2023-06-01) is not after the day met.
    c["needOutcomes"][0]["need"] = json!("housing");
    c["needOutcomes"][1]["date"] = json!("2023-01-15");
    c["needOutcomes"][2]["evidence"] = json!(" ");
    c["needOutcomes"][2]["lapsedDate"] = json!("2023-08-01");
    let a = claim(&call);
    assert_eq!(a["type"], "failure", "{a:#}");
    let found: Vec<(&str, &str)> = a["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("claims[0].caseClosureDate", "date_out_of_range"),
            ("claims[0].needOutcomes[0].need", "unknown_indicator"),
            ("claims[0].needOutcomes[1].date", "date_out_of_range"),
            ("claims[0].needOutcomes[2].evidence", "invalid_field"),
            ("claims[0].needOutcomes[2].lapsedDate", "date_out_of_range"),
        ]
    );
    // Need outcomes under a phase-2 pack are refused at the list.
    let mut call = fixture("phase2-employment-and-progress-one-payment");
    call["claims"][0]["needOutcomes"] =
        json!([{ "need": "mental-health", "date": "2016-03-01", "evidence": "GP" }]);
    let a = claim(&call);
    assert_eq!(a["errors"][0]["path"], "claims[0].needOutcomes");
}

/// The audit trail of Family C's claim on the day: its dates in order, each
/// need's evidence, the parameters with their tags, and the CSV rows an
/// auditor signs, cells escaped against formula injection.
#[test]
fn the_audit_trail_lists_dates_evidence_and_parameters_as_csv_rows() {
    let mut call = fixture("sf2022-on-the-day-six-months-after-closure");
    // Evidence a spreadsheet would run as a formula.
    call["claims"][0]["needOutcomes"][0]["evidence"] = json!("=HYPERLINK(\"x\")");
    let a = claim(&call);
    let audit = &first(&a)["audit"];
    // Dates, in date order: attachment 2023-01-16; outcomes 2023-06-01
    // (domestic abuse), 2023-07-01 (mental health), 2023-08-01 (work);
    // closure 2023-09-15; window end 2023-09-15 + 6 months = 2024-03-15;
    // results from max(2024-03-15, outcome days) = 2024-03-15; claim 2024-03-15.
    let dates: Vec<(&str, &str)> = audit["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["date"].as_str().unwrap()))
        .collect();
    assert_eq!(
        dates,
        [
            ("attachment", "2023-01-16"),
            ("outcome", "2023-06-01"),
            ("outcome", "2023-07-01"),
            ("outcome", "2023-08-01"),
            ("closure", "2023-09-15"),
            ("sustainedBy", "2024-03-15"),
            ("earliestResults", "2024-03-15"),
            ("claim", "2024-03-15"),
        ]
    );
    let csv = audit["csv"].as_str().unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "section,id,item,status,date,detail,evidence_tag,source,auditor_check"
    );
    // 1 claim row + 8 dates + 1 result + 3 needs + 3 parameters + 7 checks
    // + 1 sign-off = 24 rows after the header, and the empty piece after
    // the last CRLF.
    assert_eq!(lines.len(), 1 + 24 + 1);
    assert_eq!(
        lines[2],
        "date,attachment,The family attached to the programme,,2023-01-16,,,,"
    );
    assert_eq!(
        lines[7],
        "date,sustainedBy,Each outcome must still hold (the end of the sustainment window),,2024-03-15,,,,"
    );
    // The mental-health need: its formula-like evidence is prefixed with '
    // inside the cell (the cell starts with "A positive", so it is not
    // itself a formula; the whole evidence column is quoted for its comma).
    let mental = lines
        .iter()
        .find(|l| l.starts_with("part,sustained-outcomes/mental-health,"))
        .unwrap();
    assert_eq!(
        *mental,
        "part,sustained-outcomes/mental-health,A member with a mental health problem,met,2024-03-15,\"A positive outcome met on 2023-07-01: =HYPERLINK(\"\"x\"\"). Sustained to 2024-03-15, 6 months after the case closed on 2023-09-15.\",,,"
    );
    let months = lines
        .iter()
        .find(|l| l.starts_with("parameter,pbr-sustain-months,"))
        .unwrap();
    assert!(months.contains(",2022-10-03,6 months,V2,"), "{months}");
    assert_eq!(
        lines[24],
        "sign-off,,\"Internal auditor: name, signature and date\",,,,,,"
    );
}

/// A cell of the audit trail that starts like a formula is made text.
#[test]
fn audit_cells_that_start_like_formulas_are_made_text() {
    let mut call = fixture("sf2022-on-the-day-six-months-after-closure");
    // A need id cannot start with "="; a council pack's source can.
    let pack = json!({
        "id": "formulashire-2022",
        "title": "Formulashire (fictional)",
        "extends": "sf-2022",
        "version": "1",
        "validFrom": "2022-10-03",
        "validTo": "2025-03-31",
        "source": "A test pack.",
        "parameterOverrides": [{ "id": "pbr-sustain-months", "source": "=1+1 (Hertfordshire)" }]
    });
    let family = call["claims"][0]["family"].as_object_mut().unwrap();
    family.remove("rulePack");
    family.insert("councilPack".to_owned(), json!(pack.to_string()));
    let a = claim(&call);
    let csv = first(&a)["audit"]["csv"].as_str().unwrap().to_owned();
    let row = csv
        .split("\r\n")
        .find(|l| l.starts_with("parameter,pbr-sustain-months,"))
        .unwrap();
    assert!(row.ends_with(",V2,'=1+1 (Hertfordshire),"), "{row}");
}

/// `assessFamily` passes the 2022 claim facts on to `claimPayment`: Family C
/// on the day six months after closure claims 800.00 there too.
#[test]
fn assess_family_takes_the_2022_claim_facts() {
    let call = fixture("sf2022-on-the-day-six-months-after-closure");
    let mut claim = call["claims"][0].clone();
    let family = claim.as_object_mut().unwrap().remove("family").unwrap();
    let assess = json!({ "family": family, "claim": claim });
    let text = community_budget::api::assess_family_json(&serde_json::to_string(&assess).unwrap())
        .unwrap();
    let a: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(a["type"], "success", "{a:#}");
    assert_eq!(a["claim"]["scheme"], "sustained-outcomes");
    assert_eq!(a["claim"]["total"], "800.00");
    assert_eq!(a["claim"]["sustainedBy"], "2024-03-15");
}
