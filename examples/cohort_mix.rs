//! Prints the share of generated families each pack finds eligible and their
//! average annual cost (a check on the generator's rates):
//! `cargo run --release --example cohort_mix [families]`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
use community_budget::api;
use community_budget::cohort::generate::{self, Params};
use community_budget::date::Date;

fn main() {
    let families: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    for (pack, date) in [("tf-2012", "2014-06-30"), ("tf-2015", "2015-06-30")] {
        let text = generate::generate(Params {
            families,
            seed: 1,
            first: 1,
            assessment_date: Date::parse(date).unwrap(),
            header: true,
            claims: false,
        });
        let options = serde_json::json!({ "rulePack": pack, "baseYear": "2013/14" });
        let mut run = api::start_cohort(&options).unwrap().unwrap();
        run.push(text.as_bytes());
        let report = run.finish().unwrap();
        let figures: Vec<String> = report
            .summary
            .iter()
            .map(|f| format!("{}={}", f.key, f.value_text()))
            .collect();
        println!("{pack}: {}", figures.join(" "));
        for t in report
            .sections
            .iter()
            .flat_map(|s| &s.tables)
            .filter(|t| t.id == "decisions" || t.id == "criteria" || t.id == "costBands")
        {
            for r in &t.rows {
                println!(
                    "   {}",
                    r.iter()
                        .map(|c| c.value_text())
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
            }
        }
    }
}
