//! Any text as money: parsed or refused, never a panic; what parses prints back the same.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(m) = community_budget::money::Money::parse(text) {
            let again = community_budget::money::Money::parse(&m.to_string());
            assert_eq!(again.ok(), Some(m));
        }
    }
});
