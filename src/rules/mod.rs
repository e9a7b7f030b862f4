//! Rule packs: eligibility rules as dated JSON data, applied to a family.
//!
//! A pack has an id, a title, the dates it applies, **parameters** (each with
//! dated values, a unit, an evidence tag and a source), **indicators** (a
//! [`Measure`](crate::family::Measure) of whom, over a window, with a
//! comparator and a threshold), the **criteria** (or headline problems) and
//! **filters** that group indicators, and the **decision**: outcomes, best
//! first, each needing a number of criteria met and perhaps some filters.
//!
//! Two national packs are built in (`data/rules/tf-2012.json`,
//! `data/rules/tf-2015.json`). A **council pack** extends one: it adds
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
//! facts that give a better decision, each checked by evaluating again.

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
    best_evidence, decision_sentence, describe_rule, describe_value, describe_window, evaluate,
    meets, member_label, Assessment, Decision, DecisionPlan, Evidence, GroupResult,
    IndicatorResult, MAX_GROUPS,
};
pub use pack::{
    Comparator, DatedValue, Group, Indicator, KindsRef, NumberRef, Outcome, Pack, ParamValue,
    Parameter, Status, Unit, WindowRef,
};
pub use whatif::{what_would_change, Edit, EditOp, EditValue, Suggestion};

/// Parameters whose ids start with this are payment-by-results parameters
/// (claim rates, outcome thresholds, council funding): [`crate::claims`]
/// reads them; eligibility answers do not list them.
pub const PAYMENT_PREFIX: &str = "pbr-";

/// The built-in national packs: id and JSON text.
pub const BUILT_IN: [(&str, &str); 2] = [
    ("tf-2012", include_str!("../../data/rules/tf-2012.json")),
    ("tf-2015", include_str!("../../data/rules/tf-2015.json")),
];

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
pub fn built_in() -> Result<&'static [Pack], Error> {
    static PACKS: OnceLock<Result<Vec<Pack>, Error>> = OnceLock::new();
    PACKS
        .get_or_init(|| {
            BUILT_IN
                .iter()
                .map(|(id, text)| match read::read(text) {
                    Ok(read::Read::Full(mut pack)) if pack.id == *id => {
                        pack.sha256 = sha256_hex(&[text]);
                        Ok(pack)
                    }
                    Ok(_) => Err(Error::new(
                        ErrorCode::InvalidData,
                        format!("The built-in pack {id} is not a national pack with that id."),
                    )),
                    Err(errors) => Err(Error::new(
                        ErrorCode::InvalidData,
                        format!(
                            "The built-in pack {id} has problems: {}",
                            errors
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(" ")
                        ),
                    )),
                })
                .collect()
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
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
                    .join(" and ")
            ),
        )
    })
}

/// A pack read from text, and the built-in pack it extends (if it does).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The checked pack (a council pack merged onto its base).
    pub pack: Pack,
    /// The base, for a council pack.
    pub base: Option<&'static Pack>,
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
/// base's file and `text` joined by one newline.
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
            Ok(Loaded { pack, base: None })
        }
        read::Read::Extension(ext) => {
            let base = built_in_pack(&ext.extends).map_err(|e| vec![e.at("extends")])?;
            let base_text = BUILT_IN
                .iter()
                .find(|(id, _)| *id == base.id)
                .map_or("", |(_, t)| t);
            let mut pack = read::extend(base, ext)?;
            pack.sha256 = sha256_hex(&[base_text, text]);
            Ok(Loaded {
                pack,
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
        assert_eq!(packs.len(), 2);
        assert_eq!(packs[0].indicators.len(), 9);
        assert_eq!(packs[1].criteria.len(), 6);
    }
}
