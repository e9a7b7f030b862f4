//! Any bytes as a cohort file, fed in chunks of any size: a report or a
//! failure, never a panic; the same report whatever the chunks, and whether
//! csv-core reads every record or the run splits unquoted lines itself; and
//! every row counted once (rows read = processed + rejected).
#![no_main]
use community_budget::api;
use libfuzzer_sys::fuzz_target;

fn options() -> serde_json::Value {
    serde_json::json!({
        "rulePack": "tf-2015",
        "baseYear": "2013/14",
        "assessmentDate": "2015-06-30",
        "appraisal": { "durationYears": 2 }
    })
}

fn figure(answer: &serde_json::Value, key: &str) -> u64 {
    answer["report"]["summary"]
        .as_array()
        .and_then(|s| s.iter().find(|f| f["key"] == key))
        .and_then(|f| f["value"].as_u64())
        .unwrap_or(0)
}

fuzz_target!(|data: &[u8]| {
    let Some((&chunk, csv)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(chunk).max(1);
    let whole = serde_json::to_value(api::run_cohort_value(csv, &options()).unwrap()).unwrap();
    let mut run = api::start_cohort(&options()).unwrap().unwrap();
    for piece in csv.chunks(chunk) {
        run.push(piece);
    }
    let chunked = serde_json::to_value(api::cohort_answer(run.finish(), &options())).unwrap();
    assert_eq!(whole, chunked, "chunks of {chunk}");
    let mut run = api::start_cohort(&options()).unwrap().unwrap();
    run.read_every_record_with_csv_core();
    run.push(csv);
    let core = serde_json::to_value(api::cohort_answer(run.finish(), &options())).unwrap();
    assert_eq!(whole, core, "csv-core alone");
    if whole["type"] == "success" {
        let read = figure(&whole, "rowsRead");
        assert_eq!(read, figure(&whole, "rowsProcessed") + figure(&whole, "rowsRejected"));
        let families = whole["report"]["rejected"]["families"].as_u64().unwrap_or(0);
        assert!(figure(&whole, "familiesProcessed") + families <= read.max(1));
        assert!(whole["html"].as_str().is_some_and(|h| !h.contains("<script")));
    }
});
