//! Any bytes given to `api::combine_places_json` (`combinePlaces`): an answer or a contract error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = community_budget::api::combine_places_json(text);
    }
});
