//! Nothing hangs (issue 17): a council pack of thousands of indicators costs a
//! keystroke in proportion to the pack, and every call and file has limits,
//! checked while reading, refused with the limit and the field's path.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "../bench/council_pack.rs"]
mod council_pack;

use community_budget::{api, rules};
use serde_json::Value;

use council_pack::keystroke_call;

fn check(call: &str) -> Value {
    serde_json::from_str(&api::check_eligibility_json(call).unwrap()).unwrap()
}

#[test]
fn a_council_pack_sent_with_every_keystroke_is_read_once() {
    let pack = council_pack::council_pack(500);
    let before = rules::packs_read();
    // Five keystrokes: the family changes, the pack's text does not.
    for k in 0..5 {
        let answer = check(&keystroke_call(&pack, 80 + k));
        assert_eq!(answer["type"], "success", "{answer}");
    }
    assert_eq!(
        rules::packs_read(),
        before + 1,
        "the pack is read on the first keystroke only"
    );
    // Another pack's text is read, once.
    let other = council_pack::council_pack(499);
    check(&keystroke_call(&other, 80));
    check(&keystroke_call(&other, 81));
    assert_eq!(rules::packs_read(), before + 2);
    // The answer found in the cache is the one a first reading gives: the
    // same pack hash in the receipt as `validateRulePack` of the text.
    let answer = check(&keystroke_call(&pack, 80));
    let valid: Value = serde_json::from_str(&api::validate_rule_pack_json(&pack).unwrap()).unwrap();
    assert_eq!(answer["pack"]["sha256"], valid["pack"]["pack"]["sha256"]);
}

#[test]
fn what_would_change_is_bounded_whatever_the_pack() {
    // 2,000 unmet indicators in the local filter: the family meets two
    // criteria (education at 90/100 sessions unauthorised in Summer 2013, and
    // work: the mother's JSA), so the local filter would make it
    // discretionary (and an offence would make it automatic). Every
    // indicator gives a candidate change; at most 48 are checked and
    // suggested, each really giving a better decision.
    let pack = council_pack::council_pack(2000);
    let answer = check(&keystroke_call(&pack, 90));
    assert_eq!(answer["type"], "success", "{answer}");
    assert_eq!(answer["status"], "notEligible");
    let suggestions = answer["whatWouldChange"].as_array().unwrap();
    assert!(!suggestions.is_empty());
    assert!(suggestions.len() <= 48, "{} suggestions", suggestions.len());
    for s in suggestions {
        assert!(
            ["automatic", "discretionary"].contains(&s["status"].as_str().unwrap()),
            "{s}"
        );
    }
    // A pack of three indicators still has every one of its changes checked
    // (the crime criterion's two, the filter's four).
    let small = council_pack::council_pack(3);
    let answer = check(&keystroke_call(&small, 90));
    let local: Vec<&str> = answer["whatWouldChange"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["group"] == "local-filter")
        .map(|s| s["indicator"].as_str().unwrap_or_default())
        .collect();
    // tf-2012's own local-concern, then the pack's three, in pack order.
    assert_eq!(local, ["local-concern", "local-0", "local-1", "local-2"]);
}
