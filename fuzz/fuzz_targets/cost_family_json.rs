//! Any bytes as a `costFamily` call: an answer or a contract error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = community_budget::api::cost_family_json(text);
    }
});
