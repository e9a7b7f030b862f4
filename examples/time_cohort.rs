//! Times the cohort pipeline natively on generated families and prints one
//! JSON line: `cargo run --release --example time_cohort [families] [runs] [stream|claims]`.
//!
//! With `stream`, the file is generated and pushed 1 MB at a time and never
//! held whole (the 1,000,000-family memory check); the peak resident memory
//! of the process (VmHWM) is reported either way.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::float_arithmetic
)]
use std::time::Instant;

use community_budget::api;
use community_budget::cohort::generate::{self, Params};
use community_budget::date::Date;

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(|n| n.parse().unwrap_or(0)))
        })
        .unwrap_or(0)
}

/// CPU time of this thread so far, in milliseconds (user + system, from
/// /proc; 10 ms resolution): less disturbed than wall time on a shared machine.
fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1.to_owned();
            let fields: Vec<&str> = after.split_whitespace().collect();
            let ticks: u64 =
                fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
            Some(ticks as f64 * 10.0)
        })
        .unwrap_or(0.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let families: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let mode = args.next().unwrap_or_default();
    let stream = mode == "stream";
    // With `claims`, about seven families in ten have an attachment date and are claimed for.
    let claims = mode == "claims";
    // With claims, a pooled budget too (as bench/cohort-bench.js): every step runs.
    let options = if claims {
        serde_json::json!({ "rulePack": "tf-2015", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06", "pool": { "partners": [
            { "name": "Council", "agencies": ["Local Authority"], "share": "0.6" },
            { "name": "Police", "agencies": ["Police"], "share": "0.2" },
            { "name": "NHS", "agencies": ["NHS"], "share": "0.1" },
            { "name": "Jobcentre Plus", "agencies": ["DWP"], "share": "0.1" }
        ] } })
    } else {
        serde_json::json!({ "rulePack": "tf-2015", "baseYear": "2013/14", "deflator": "ucd-v1.2-ons-2013-06" })
    };

    let params = Params {
        families,
        seed: 1,
        first: 1,
        assessment_date: Date::parse("2015-06-30").unwrap(),
        header: true,
        claims,
    };
    if stream {
        let start = Instant::now();
        let mut run = api::start_cohort(&options).unwrap().unwrap();
        let chunk = 2_000;
        let mut first = 1;
        let mut bytes = 0;
        while first <= families {
            let n = chunk.min(families - first + 1);
            let text = generate::generate(Params {
                families: n,
                first,
                header: first == 1,
                ..params
            });
            bytes += text.len();
            for piece in text.as_bytes().chunks(1 << 20) {
                run.push(piece);
            }
            first += n;
        }
        let report = run.finish().unwrap();
        let ms = start.elapsed().as_secs_f64() * 1e3;
        println!(
            "{{\"families\":{families},\"bytes\":{bytes},\"stream_ms\":{ms:.1},\"rows\":{},\"peak_kib\":{}}}",
            report.summary[0].value_text(),
            peak_kib()
        );
        return;
    }
    let text = generate::generate(params);
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut last = String::new();
    for _ in 0..runs {
        let c0 = cpu_ms();
        let start = Instant::now();
        let mut run = api::start_cohort(&options).unwrap().unwrap();
        run.push(text.as_bytes());
        let report = run.finish().unwrap();
        times.push(start.elapsed().as_secs_f64() * 1e3);
        cpu.push(cpu_ms() - c0);
        last = report
            .summary
            .iter()
            .map(|f| format!("{}={}", f.key, f.value_text()))
            .collect::<Vec<_>>()
            .join(" ");
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    eprintln!("{last}");
    println!(
        "{{\"families\":{families},\"bytes\":{},\"median_ms\":{:.1},\"min_ms\":{:.1},\"max_ms\":{:.1},\"cpu_median_ms\":{:.0},\"peak_kib\":{}}}",
        text.len(),
        times[runs / 2],
        times[0],
        times[runs - 1],
        cpu[runs / 2],
        peak_kib()
    );
}
