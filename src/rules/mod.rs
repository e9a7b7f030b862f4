//! Rule packs: eligibility rules as dated JSON data, applied to a family.
//!
//! A pack has an id, a title, the dates it applies, **parameters** (each with
//! dated values, a unit, an evidence tag and a source), **indicators** (a
//! [`Measure`](crate::family::Measure) of whom, over a window, with a
//! comparator and a threshold), the **criteria** (or headline problems) and
//! **filters** that group indicators, and the **decision**: outcomes, best
//! first, each needing a number of criteria met and perhaps some filters.
//!
//! Five national packs are built in, one for each period of the programme
//! (`data/rules/*.json`): `tf-2012` (phase 1), `tf-2015` (phase 2), `sf-2020`
//! (the phase-2 rules as run from April 2020 to the 2022 framework), `sf-2022`
//! (the National Supporting Families Outcome Framework) and `ff-2025` (its
//! needs kept as the assessment of need under Families First). A built-in pack
//! may itself extend an earlier one, as `sf-2020` does `tf-2015`: it carries
//! the rules on to later dates ([`in_force_on`] picks the pack for a day).
//! A **council pack** extends one: it adds
//! parameters and indicators (filling the local filter, or local indicators
//! under a headline), changes the base's parameters and indicators (another
//! threshold, `>` for `>=`), or removes indicators, and carries its own dates
//! and sources. It is loaded from its JSON text at run time, so a council
//! needs no rebuild. [`load`] reads and checks any pack, reporting every
//! problem with its JSON path; [`diff`] lists what a council pack changes.
//!
//! [`evaluate`] applies a pack **as at** the family's assessment date: each
//! parameter's value in force that day is used (outside the pack's dates, the
//! nearest, and the assessment says the pack was not in force).
//! [`what_would_change`] finds the smallest single changes to the family's
//! facts that give a better decision, each checked by measuring again what
//! it changes and deciding again.

use std::rc::Rc;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorCode};

mod diff;
mod eval;
mod pack;
mod read;
mod whatif;

pub use diff::{diff, Change};
pub use eval::{
    best_evidence, counting_on, decision_sentence, describe_rule, describe_value, describe_window,
    evaluate, meets, member_label, Assessment, Decision, DecisionPlan, Evidence, GroupResult,
    IndicatorResult, MAX_GROUPS,
};
pub(crate) use eval::{figures, Figures};
pub use pack::{
    Comparator, Counting, CountingRef, DatedValue, Group, Indicator, KindsRef, NumberRef, Outcome,
    Pack, ParamValue, Parameter, Status, Unit, WindowRef,
};
pub use whatif::{what_would_change, Edit, EditOp, EditValue, Suggestion};

/// Parameters whose ids start with this are payment-by-results parameters
/// (claim rates, outcome thresholds, council funding): [`crate::claims`]
/// reads them; eligibility answers do not list them.
pub const PAYMENT_PREFIX: &str = "pbr-";

/// The built-in national packs: id and JSON text, in date order. A pack that
/// extends another (`"extends"`) comes after it.
pub const BUILT_IN: [(&str, &str); 5] = [
    ("tf-2012", include_str!("../../data/rules/tf-2012.json")),
    ("tf-2015", include_str!("../../data/rules/tf-2015.json")),
    ("sf-2020", include_str!("../../data/rules/sf-2020.json")),
    ("sf-2022", include_str!("../../data/rules/sf-2022.json")),
    ("ff-2025", include_str!("../../data/rules/ff-2025.json")),
];

/// The texts a built-in pack is read from: its bases' files, the first base
/// first, then its own (one text for a pack that extends none).
fn texts_of(id: &str) -> Vec<&'static str> {
    let mut chain = Vec::new();
    let mut next = Some(id.to_owned());
    while let Some(id) = next.take() {
        let Some((_, text)) = BUILT_IN.iter().find(|(i, _)| *i == id) else {
            break;
        };
        chain.insert(0, *text);
        // At most one text per built-in pack, so a loop cannot run forever.
        if chain.len() <= BUILT_IN.len() {
            next = serde_json::from_str::<crate::json::Value<'_>>(text)
                .ok()
                .and_then(|v| v.get("extends")?.as_str().map(str::to_owned));
        }
    }
    chain
}

fn sha256_hex(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            h.update(b"\n");
        }
        h.update(part.as_bytes());
    }
    crate::costs::hex(&h.finalize())
}

/// The built-in packs, read and checked once. A problem in them is a
/// packaging fault, reported as `invalid_data`.
///
/// A built-in pack that extends an earlier one is merged onto it as a council
/// pack is, except that it runs on after its base's dates (it is the rules
/// carried on into a later period); its `sha256` is that of its bases' files
/// and its own, joined by newlines.
pub fn built_in() -> Result<&'static [Pack], Error> {
    static PACKS: OnceLock<Result<Vec<Pack>, Error>> = OnceLock::new();
    PACKS
        .get_or_init(|| {
            let mut packs: Vec<Pack> = Vec::new();
            for (id, text) in BUILT_IN {
                let read = read::read(text).and_then(|r| match r {
                    read::Read::Full(pack) => Ok(pack),
                    read::Read::Extension(ext) => {
                        match packs.iter().find(|p| p.id == ext.extends) {
                            Some(base) => read::extend(base, ext, read::Extending::Successor),
                            None => Err(vec![Error::new(
                                ErrorCode::InvalidData,
                                format!(
                                    "It extends \"{}\", which is not a built-in pack before it.",
                                    ext.extends
                                ),
                            )]),
                        }
                    }
                });
                match read {
                    Ok(mut pack) if pack.id == id => {
                        pack.sha256 = sha256_hex(&texts_of(id));
                        packs.push(pack);
                    }
                    Ok(_) => {
                        return Err(Error::new(
                            ErrorCode::InvalidData,
                            format!("The built-in pack {id} does not have that id."),
                        ))
                    }
                    Err(errors) => {
                        return Err(Error::new(
                            ErrorCode::InvalidData,
                            format!(
                                "The built-in pack {id} has problems: {}",
                                errors
                                    .iter()
                                    .map(ToString::to_string)
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            ),
                        ))
                    }
                }
            }
            Ok(packs)
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// The built-in pack in force on `day`: the latest to start of those whose
/// dates take in the day; before the first pack, the first; in a gap (there is
/// none today), the last to start before the day. What a call that names no
/// pack is assessed under, and what the elements choose by default.
pub fn in_force_on(day: crate::date::Date) -> Result<&'static Pack, Error> {
    let packs = built_in()?;
    packs
        .iter()
        .filter(|p| p.in_force_on(day))
        .max_by_key(|p| p.valid_from)
        .or_else(|| {
            packs
                .iter()
                .filter(|p| p.valid_from <= day)
                .max_by_key(|p| p.valid_from)
        })
        .or_else(|| packs.iter().min_by_key(|p| p.valid_from))
        .ok_or_else(|| Error::new(ErrorCode::InvalidData, "There is no built-in rule pack."))
}

/// A built-in pack by id, or an `unknown_pack` error listing the ids.
pub fn built_in_pack(id: &str) -> Result<&'static Pack, Error> {
    let packs = built_in()?;
    packs.iter().find(|p| p.id == id).ok_or_else(|| {
        Error::new(
            ErrorCode::UnknownPack,
            format!(
                "There is no built-in rule pack \"{id}\"; the packs are {}.",
                packs
                    .iter()
                    .map(|p| format!("\"{}\"", p.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}

/// A pack read from text, and the built-in pack it extends (if it does).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The checked pack (a council pack merged onto its base), shared with
    /// [`load`]'s keep: a keystroke that sends the same text again gets it
    /// without copying its indicators.
    pub pack: Rc<Pack>,
    /// The base, for a council pack.
    pub base: Option<&'static Pack>,
}

/// A pack in hand for a call: a built-in one, borrowed, or one read from a
/// council's text, shared with [`load`]'s keep. Neither is copied per call.
#[derive(Debug, Clone)]
pub enum PackRef {
    /// A built-in pack.
    BuiltIn(&'static Pack),
    /// A pack read from text.
    Read(Rc<Pack>),
}

impl std::ops::Deref for PackRef {
    type Target = Pack;

    fn deref(&self) -> &Pack {
        match self {
            PackRef::BuiltIn(pack) => pack,
            PackRef::Read(pack) => pack,
        }
    }
}

/// How many packs [`load`] keeps, read, by their text: a page sends its
/// council pack with every keystroke, and a portal may switch between two.
const PACKS_KEPT: usize = 2;

/// The packs last read by [`load`] (their text and what reading gave), the
/// latest first; and how many texts were read rather than found.
#[derive(Default)]
struct Kept {
    packs: Vec<(String, Result<Loaded, Vec<Error>>)>,
    read: u64,
}

thread_local! {
    static LOADED: std::cell::RefCell<Kept> = std::cell::RefCell::new(Kept::default());
}

/// Reads and checks a pack's JSON text: a full pack, or a council pack
/// (`"extends": "tf-2012"`) merged onto its built-in base. Every problem is
/// returned, each with its JSON path in `text`.
///
/// The pack's `sha256` is that of `text`; for a council pack, that of its
/// base's file and `text` joined by one newline (a base that itself extends a
/// built-in pack: all their files, the first base first).
///
/// A text read lately is not read again: the last [`PACKS_KEPT`] texts are
/// kept with what reading them gave (compared byte for byte, which costs far
/// less than hashing them), so that a keystroke with a council pack of
/// thousands of indicators does not read, check and hash the pack again.
pub fn load(text: &str) -> Result<Loaded, Vec<Error>> {
    let found = LOADED.with(|kept| {
        let kept = kept.borrow();
        kept.packs
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, loaded)| loaded.clone())
    });
    if let Some(loaded) = found {
        return loaded;
    }
    let loaded = load_text(text);
    LOADED.with(|kept| {
        let mut kept = kept.borrow_mut();
        kept.packs.insert(0, (text.to_owned(), loaded.clone()));
        kept.packs.truncate(PACKS_KEPT);
        kept.read = kept.read.saturating_add(1);
    });
    loaded
}

/// How many pack texts [`load`] has read on this thread (rather than found
/// among those it keeps): what the tests of the cache count.
pub fn packs_read() -> u64 {
    LOADED.with(|kept| kept.borrow().read)
}

fn load_text(text: &str) -> Result<Loaded, Vec<Error>> {
    match read::read(text)? {
        read::Read::Full(mut pack) => {
            pack.sha256 = sha256_hex(&[text]);
            Ok(Loaded {
                pack: Rc::new(pack),
                base: None,
            })
        }
        read::Read::Extension(ext) => {
            let base = built_in_pack(&ext.extends).map_err(|e| vec![e.at("extends")])?;
            let mut texts = texts_of(&base.id);
            let mut pack = read::extend(base, ext, read::Extending::Council)?;
            texts.push(text);
            pack.sha256 = sha256_hex(&texts);
            Ok(Loaded {
                pack: Rc::new(pack),
                base: Some(base),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn the_built_in_packs_read() {
        let packs = built_in().unwrap();
        assert_eq!(packs.len(), 5);
        assert_eq!(packs[0].indicators.len(), 9);
        assert_eq!(packs[1].criteria.len(), 6);
        // sf-2020 is tf-2015 carried on: the same rules, later dates.
        assert_eq!(packs[2].extends.as_deref(), Some("tf-2015"));
        assert_eq!(packs[2].indicators.len(), packs[1].indicators.len());
        // sf-2022: ten headlines; ff-2025 extends it.
        assert_eq!(packs[3].criteria.len(), 10);
        assert_eq!(packs[4].extends.as_deref(), Some("sf-2022"));
        assert_eq!(packs[4].valid_to, None);
    }

    #[test]
    fn a_built_in_extension_is_hashed_with_its_base() {
        let sf2020 = built_in_pack("sf-2020").unwrap();
        assert_eq!(
            sf2020.sha256,
            sha256_hex(&[BUILT_IN[1].1, BUILT_IN[2].1]),
            "tf-2015's file, a newline, sf-2020's"
        );
        let ff = built_in_pack("ff-2025").unwrap();
        assert_eq!(ff.sha256, sha256_hex(&[BUILT_IN[3].1, BUILT_IN[4].1]));
        assert_eq!(texts_of("tf-2012"), [BUILT_IN[0].1]);
    }

    #[test]
    fn the_pack_in_force_is_chosen_by_date() {
        let day = |s: &str| crate::date::Date::parse(s).unwrap();
        for (date, id) in [
            ("2011-01-01", "tf-2012"), // before any pack: the first
            ("2012-04-01", "tf-2012"),
            ("2015-03-31", "tf-2012"),
            ("2015-04-01", "tf-2015"),
            ("2020-03-31", "tf-2015"),
            ("2020-04-01", "sf-2020"),
            ("2021-06-30", "sf-2020"),
            ("2022-10-02", "sf-2020"),
            ("2022-10-03", "sf-2022"),
            ("2023-06-30", "sf-2022"),
            ("2025-03-31", "sf-2022"),
            ("2025-04-01", "ff-2025"),
            ("2026-12-06", "ff-2025"), // today
        ] {
            assert_eq!(in_force_on(day(date)).unwrap().id, id, "{date}");
        }
    }

    /// The fast decision (cohorts) and the figures (`checkEligibilityFigures`)
    /// agree with the full assessment under sf-2022, counted in needs and in
    /// headlines, for every subset of ten needs, with a child and without:
    /// the figures in every group and indicator met, and every count.
    #[test]
    fn sf_2022_decisions_agree_with_full_assessments() {
        use crate::family::{Birth, Event, Family, Member, Spell};
        let day = |s: &str| crate::date::Date::parse(s).unwrap();
        let member = |age: u16| Member::new(Birth::Age(age));
        let spell = |kind: &'static str| Spell {
            kind,
            from: day("2023-01-02"),
            to: None,
        };
        let base = built_in_pack("sf-2022").unwrap().clone();
        let mut headlines = base.clone();
        if let Some(p) = headlines
            .parameters
            .iter_mut()
            .find(|p| p.id == "counting-unit")
        {
            for v in &mut p.values {
                v.value = ParamValue::Text("criteria".into());
            }
        }
        for pack in [base, headlines] {
            let plan = DecisionPlan::new(pack.clone()).unwrap();
            for mask in 0u32..(1 << 10) {
                for child in [false, true] {
                    let mut adult = member(35);
                    let mut son = member(8);
                    let on = |n: u32| mask & (1 << n) != 0;
                    for (n, kind) in ["rentArrears", "homeless", "problemDebt", "physicalHealth"]
                        .into_iter()
                        .enumerate()
                    {
                        if on(u32::try_from(n).unwrap()) {
                            adult.circumstances.push(spell(kind));
                        }
                    }
                    adult.mental_health = on(4);
                    adult.substance_misuse = on(5);
                    if on(6) {
                        adult.offences.push(Event {
                            date: day("2023-03-01"),
                            kind: "",
                        });
                    }
                    son.child_in_need = on(7);
                    if on(8) {
                        son.missing_episodes.push(Event {
                            date: day("2023-05-01"),
                            kind: "",
                        });
                    }
                    if on(9) {
                        son.circumstances.push(spell("specialEducationalNeeds"));
                    }
                    let mut members = vec![adult];
                    if child {
                        members.push(son);
                    }
                    let family = Family {
                        assessment_date: day("2023-06-30"),
                        members,
                        school_terms: vec![],
                        domestic_abuse: vec![],
                        local_concern: false,
                    };
                    let full = evaluate(&pack, &family).unwrap();
                    let fast = plan.decide(&family).unwrap();
                    let f = figures(&pack, &family).unwrap();
                    assert_eq!(
                        (f.tally.status, f.tally.outcome, f.in_force),
                        (full.status, full.outcome, full.in_force),
                        "{mask} {child}"
                    );
                    assert_eq!(
                        (f.tally.criteria_met, f.tally.indicators_met),
                        (full.criteria_met, full.indicators_met),
                        "{mask} {child}"
                    );
                    let groups: Vec<bool> = full.groups.iter().map(|g| g.met).collect();
                    assert_eq!(f.tally.groups_met, groups, "{mask} {child}");
                    for r in full.groups.iter().flat_map(|g| &g.indicators) {
                        assert_eq!(f.met[r.index], r.met, "{mask} {child} {}", r.index);
                    }
                    assert_eq!(fast.status, full.status, "{mask} {child}");
                    assert_eq!(fast.criteria_met, full.criteria_met, "{mask} {child}");
                    if counting_on(&pack, &pack.decision[0].count, family.assessment_date)
                        == Counting::Indicators
                    {
                        assert_eq!(fast.indicators_met, full.indicators_met, "{mask} {child}");
                    }
                }
            }
        }
    }
}
