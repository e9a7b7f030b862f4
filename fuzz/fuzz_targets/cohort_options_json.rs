//! Any bytes as the options of `runCohort` (rule pack, dates, appraisal, pool,
//! claims), on the small hand-worked cohort: an answer or a contract error,
//! never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

const CSV: &str = include_str!("../../tests/fixtures/cohort/small.csv");

fuzz_target!(|data: &[u8]| {
    if let Ok(options) = std::str::from_utf8(data) {
        let _ = community_budget::api::run_cohort_json(CSV, options);
    }
});
