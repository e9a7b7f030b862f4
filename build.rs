//! Writes the SHA-256 of each built-in data file as a constant, so that a
//! receipt can name the default table and series without the module that
//! writes it carrying (or parsing) the data: the eligibility module's
//! receipts name `ucd-v1.2` without its 200 KB of rows.

use std::fmt::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

const FILES: [(&str, &str); 4] = [
    ("UCD_V1_2_SHA256", "data/ucd_v1_2.tsv"),
    ("UCD_V1_4_SHA256", "data/ucd_v1_4.tsv"),
    ("HMT_2026_03_SHA256", "data/gdp_deflator_hmt_2026_03.tsv"),
    ("UCD_V1_2_INDEX_SHA256", "data/gdp_deflator_ucd_v1_2.tsv"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = String::new();
    for (name, path) in FILES {
        println!("cargo:rerun-if-changed={path}");
        let bytes = std::fs::read(path)?;
        let mut hex = String::with_capacity(64);
        for b in Sha256::digest(&bytes) {
            write!(hex, "{b:02x}")?;
        }
        writeln!(
            out,
            "/// SHA-256 of `{path}`.\npub const {name}: &str = \"{hex}\";"
        )?;
    }
    let dir = std::env::var("OUT_DIR")?;
    std::fs::write(Path::new(&dir).join("data_hashes.rs"), out)?;
    Ok(())
}
