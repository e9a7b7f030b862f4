//! `rulePacks()`, `checkEligibility(call)`, `validateRulePack(json)` and
//! `diffRulePack(json)`: the eligibility engine's contract.
//!
//! A council pack crosses as **JSON text** (what a portal reads from the
//! file), both to `validateRulePack`/`diffRulePack` and in
//! `checkEligibility`'s `councilPack` field. So every problem in a pack,
//! malformed JSON included, comes back in a `failure` answer with its JSON
//! path; nothing about a pack is thrown.
//!
//! The call is read by hand from a `serde_json::Value` rather than through
//! derived deserialisers: the same contract (unknown fields, missing fields
//! and wrong types throw, naming the field), for a fraction of the
//! WebAssembly. Derived readers for this many nested types cost tens of
//! kilobytes, against the package's size budget.
//!
//! By role: the call types here; reading them into the family record in
//! `read.rs`; the answer views in `answer.rs`; the packs as data (`rulePacks`,
//! `validateRulePack`, `diffRulePack`) in `packs.rs`.

use crate::json::Value;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::{receipt_as, CallError, Failure, InputHash, QuantityInput, Receipt};
use crate::error::Error;
use crate::family::{self};
use crate::rules::{self};

mod answer;
mod figures;
mod packs;
mod read;

pub use answer::*;
pub use figures::*;
pub use packs::*;
pub use read::read_check_eligibility_call;
pub(crate) use read::{choose_pack, form_order, pick_pack, read_family, read_family_call};

// ------------------------------------------------------------------ calls

/// `checkEligibility(call)`: a family, its assessment date, and the rule pack
/// to apply (a built-in id, or a council pack's JSON text). Read from JSON by
/// [`read_check_eligibility_call`], which refuses unknown fields; the serde
/// derive here writes the call back for the receipt's input hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckEligibilityCall {
    /// A built-in pack: `"tf-2012"` or `"tf-2015"`. Give this or `councilPack`.
    #[serde(default)]
    #[tsify(optional)]
    pub rule_pack: Option<String>,
    /// A council pack's JSON text, as read from its file. Give this or `rulePack`.
    #[serde(default)]
    #[tsify(optional)]
    pub council_pack: Option<String>,
    /// The day the family is assessed, `YYYY-MM-DD`; windows end on it.
    pub assessment_date: String,
    /// The household's members.
    pub members: Vec<MemberCall>,
    /// The school terms the children attend (attendance refers to them by name).
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub school_terms: Vec<TermCall>,
    /// Domestic abuse incidents at the home.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub domestic_abuse: Vec<EventCall>,
    /// The officer records that the family meets the council's local criterion.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub local_concern: bool,
}

/// A member of the household. Give `dateOfBirth` or `age`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemberCall {
    /// A name or label ("Mother", "Jordan").
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub name: String,
    /// Role in the household.
    #[serde(default)]
    #[tsify(optional, type = "Role")]
    pub role: Option<String>,
    /// Date of birth, `YYYY-MM-DD`.
    #[serde(default)]
    #[tsify(optional)]
    pub date_of_birth: Option<String>,
    /// Age in whole years on the assessment date, when the date of birth is not known.
    #[serde(default)]
    #[tsify(optional)]
    pub age: Option<QuantityInput>,
    /// Proven offences.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub offences: Vec<EventCall>,
    /// Anti-social behaviour interventions.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub asb: Vec<AsbCall>,
    /// School exclusions.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub exclusions: Vec<ExclusionCall>,
    /// Sessions per school term.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub attendance: Vec<AttendanceCall>,
    /// In a pupil referral unit or alternative provision, and why.
    #[serde(default)]
    #[tsify(optional, type = "ProvisionReason | null")]
    pub alternative_provision: Option<String>,
    /// Of school age but not on a school roll.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub not_on_school_roll: bool,
    /// Out-of-work benefit claims.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub benefits: Vec<BenefitCall>,
    /// Jobs.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub employment: Vec<JobCall>,
    /// A child in need.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub child_in_need: bool,
    /// On a child protection plan.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub child_protection_plan: bool,
    /// A mental health problem.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub mental_health: bool,
    /// Drug or alcohol misuse.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub substance_misuse: bool,
    /// A vulnerable new mother.
    #[serde(default, deserialize_with = "crate::api::nullable")]
    #[tsify(optional)]
    pub new_mother: bool,
    /// Circumstances that last a while: an expectant parent, special
    /// educational needs, homelessness, problem debt … each from a day.
    // This and the next two lists are left out of the receipt's canonical
    // call when empty, so that a record without them keeps the input hash
    // it had before they were added.
    #[serde(
        default,
        deserialize_with = "crate::api::nullable",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[tsify(optional)]
    pub circumstances: Vec<CircumstanceCall>,
    /// Incidents of criminal or sexual exploitation of a child.
    #[serde(
        default,
        deserialize_with = "crate::api::nullable",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[tsify(optional)]
    pub exploitation: Vec<ExploitationCall>,
    /// Missing episodes: the days the member was reported missing.
    #[serde(
        default,
        deserialize_with = "crate::api::nullable",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[tsify(optional)]
    pub missing_episodes: Vec<EventCall>,
}

/// A circumstance of a member, from a day, until a day or still going.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CircumstanceCall {
    /// Which circumstance.
    #[tsify(type = "CircumstanceKind")]
    pub kind: String,
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, if it has ended.
    #[serde(default)]
    #[tsify(optional)]
    pub to: Option<String>,
}

/// An incident of exploitation of a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExploitationCall {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Criminal or sexual.
    #[tsify(type = "ExploitationKind")]
    pub kind: String,
}

/// Something that happened on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventCall {
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// An anti-social behaviour intervention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AsbCall {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Its kind.
    #[tsify(type = "AsbKind")]
    pub kind: String,
}

/// A school exclusion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExclusionCall {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Fixed-term or permanent.
    #[tsify(type = "ExclusionKind")]
    pub kind: String,
}

/// One term's sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttendanceCall {
    /// The name of a term in `schoolTerms`.
    pub term: String,
    /// Sessions the child could have attended.
    pub possible_sessions: QuantityInput,
    /// Sessions missed with authorisation.
    pub authorised_absent: QuantityInput,
    /// Sessions missed without authorisation.
    pub unauthorised_absent: QuantityInput,
}

/// An out-of-work benefit claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BenefitCall {
    /// Which benefit.
    #[tsify(type = "BenefitKind")]
    pub kind: String,
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, if it has ended.
    #[serde(default)]
    #[tsify(optional)]
    pub to: Option<String>,
}

/// A job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobCall {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, if it has ended.
    #[serde(default)]
    #[tsify(optional)]
    pub to: Option<String>,
}

/// A school term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TermCall {
    /// Its name, e.g. "Autumn 2014".
    pub name: String,
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
    pub end: String,
}

/// Applies a rule pack to a family on its assessment date.
///
/// Everything is checked in one pass: the pack (a council pack's problems
/// under `councilPack.…`), the dates, the terms and every member's facts.
pub fn check_eligibility(call: &CheckEligibilityCall) -> CheckEligibilityAnswer {
    check_eligibility_as(call, InputHash::Now)
}

/// [`check_eligibility`], its receipt with the input's hash now or left for
/// later ([`InputHash`]).
pub fn check_eligibility_as(
    call: &CheckEligibilityCall,
    hash: InputHash,
) -> CheckEligibilityAnswer {
    let receipt = receipt_as(call, hash);
    let mut errors = Vec::new();
    let pack = choose_pack(call, &mut errors);
    let family = read_family(call, &mut errors);
    let fail = |mut errors: Vec<Error>, receipt: Receipt| {
        family::sort_small_by_key(&mut errors, form_order);
        CheckEligibilityAnswer::Failure(Failure::new(errors, receipt))
    };
    let receipt = match &pack {
        Some(p) => with_pack(receipt, p),
        None => receipt,
    };
    let Some(pack) = pack.filter(|_| errors.is_empty()) else {
        return fail(errors, receipt);
    };
    let assessed = rules::evaluate(&pack, &family)
        .and_then(|a| rules::what_would_change(&pack, &family, &a).map(|s| (a, s)));
    match assessed {
        Ok((a, suggestions)) => {
            CheckEligibilityAnswer::Success(success(&pack, &family, &a, &suggestions, receipt))
        }
        Err(e) => fail(vec![e], receipt),
    }
}

/// [`check_eligibility`] with JSON text in and out.
pub fn check_eligibility_json(call: &str) -> Result<String, CallError> {
    crate::api::json_twin("checkEligibility", call, check_eligibility_value)
}

/// [`check_eligibility`] of a call given as parsed JSON.
pub fn check_eligibility_value(call: &Value) -> Result<CheckEligibilityAnswer, CallError> {
    check_eligibility_value_as(call, InputHash::Now)
}

/// [`check_eligibility_value`], its receipt's input hash now or later.
pub fn check_eligibility_value_as(
    call: &Value,
    hash: InputHash,
) -> Result<CheckEligibilityAnswer, CallError> {
    Ok(check_eligibility_as(&read_family_call(call, "")?, hash))
}
