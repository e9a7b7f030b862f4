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

use std::borrow::Cow;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use tsify::Tsify;

use super::{
    indexed, receipt, write_json, CallError, ErrorView, Failure, NoteView, QuantityInput, Receipt,
    TableRef, ENGINE_VERSION,
};
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::family::{
    self, Attendance, Birth, Event, Family, Measure, Measured, Member, ProvisionReason, Role,
    Spell, Term, ValueKind,
};
use crate::json::{Object, Reader};
use crate::rules::{
    self, Assessment, DatedValue, EditOp, EditValue, IndicatorResult, Pack, Status, Suggestion,
};

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
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub school_terms: Vec<TermCall>,
    /// Domestic abuse incidents at the home.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub domestic_abuse: Vec<EventCall>,
    /// The officer records that the family meets the council's local criterion.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub local_concern: bool,
}

/// A member of the household. Give `dateOfBirth` or `age`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemberCall {
    /// A name or label ("Mother", "Jordan").
    #[serde(default, deserialize_with = "super::nullable")]
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
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub offences: Vec<EventCall>,
    /// Anti-social behaviour interventions.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub asb: Vec<AsbCall>,
    /// School exclusions.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub exclusions: Vec<ExclusionCall>,
    /// Sessions per school term.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub attendance: Vec<AttendanceCall>,
    /// In a pupil referral unit or alternative provision, and why.
    #[serde(default)]
    #[tsify(optional, type = "ProvisionReason | null")]
    pub alternative_provision: Option<String>,
    /// Of school age but not on a school roll.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub not_on_school_roll: bool,
    /// Out-of-work benefit claims.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub benefits: Vec<BenefitCall>,
    /// Jobs.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub employment: Vec<JobCall>,
    /// A child in need.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub child_in_need: bool,
    /// On a child protection plan.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub child_protection_plan: bool,
    /// A mental health problem.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub mental_health: bool,
    /// Drug or alcohol misuse.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub substance_misuse: bool,
    /// A vulnerable new mother.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub new_mother: bool,
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

// ---------------------------------------------------------------- answers

/// A decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum StatusView {
    /// In the programme automatically.
    Automatic,
    /// May be included at the council's discretion.
    Discretionary,
    /// Eligible.
    Eligible,
    /// Not eligible.
    NotEligible,
}

impl From<Status> for StatusView {
    fn from(s: Status) -> Self {
        match s {
            Status::Automatic => Self::Automatic,
            Status::Discretionary => Self::Discretionary,
            Status::Eligible => Self::Eligible,
            Status::NotEligible => Self::NotEligible,
        }
    }
}

/// The answer to `checkEligibility`.
// Built once per call and serialised at once: boxing the large variant buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum CheckEligibilityAnswer {
    /// The pack was applied (an ineligible family is a success too).
    Success(EligibilitySuccess),
    /// Something in the call or the pack must be corrected; every problem is listed.
    Failure(Failure),
}

/// The decision, why, and what would change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EligibilitySuccess {
    /// The pack applied.
    pub pack: PackRef,
    /// True when the assessment date is within the pack's dates.
    pub in_force: bool,
    /// The assessment date.
    pub assessment_date: String,
    /// The decision.
    pub status: StatusView,
    /// False only for `notEligible`.
    pub eligible: bool,
    /// The decision in a sentence, with what the pack needs.
    pub decision: String,
    /// Criteria (headline problems) met.
    pub criteria_met: u32,
    /// Criteria in the pack.
    pub criteria_total: u32,
    /// What the pack calls them ("national criteria", "headline problems").
    pub criteria_label: String,
    /// Every criterion, met or not, with its indicators.
    pub criteria: Vec<GroupView>,
    /// Every filter (the local filter), met or not.
    pub filters: Vec<GroupView>,
    /// The members as the engine read them.
    pub members: Vec<MemberView>,
    /// Every parameter's value in force on the assessment date.
    pub parameters: Vec<ParameterUseView>,
    /// For a family not given the pack's best outcome: single changes that
    /// would give a better one, each checked by evaluating again.
    pub what_would_change: Vec<SuggestionView>,
    /// Remarks (a pack not in force on the assessment date).
    pub notes: Vec<NoteView>,
    /// Receipt, with the pack's id and SHA-256.
    pub receipt: Receipt,
}

/// Which pack, and which version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PackRef {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Version label.
    pub version: String,
    /// First day.
    pub valid_from: String,
    /// Last day, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub valid_to: Option<String>,
    /// The built-in pack a council pack extends.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub extends: Option<String>,
    /// SHA-256 (see README, "Eligibility").
    pub sha256: String,
}

/// A member as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    /// "Jordan (15)".
    pub label: String,
    /// Age on the assessment date.
    pub age: u16,
    /// Under 18 on the assessment date.
    pub child: bool,
}

/// A criterion or filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GroupView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Met when any indicator is.
    pub met: bool,
    /// Where it comes from.
    pub source: String,
    /// Its indicators.
    pub indicators: Vec<IndicatorView>,
}

/// An indicator, measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Met.
    pub met: bool,
    /// The measure.
    pub measure: String,
    /// `children`, `adults`, `anyone` or `family`.
    pub who: String,
    /// `>=`, `>`, `<=`, `<` or `=`.
    pub comparator: String,
    /// The threshold used (a percentage for a rate).
    #[tsify(type = "DecimalString")]
    pub threshold: String,
    /// The rule in words ("15 % or more").
    pub rule: String,
    /// The window used.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub window: Option<WindowView>,
    /// The kinds counted, when filtered.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub kinds: Option<Vec<String>>,
    /// Ids of the parameters used.
    pub parameters: Vec<String>,
    /// Each member in scope (or the household), measured.
    pub evidence: Vec<EvidenceView>,
    /// A sentence for the officer.
    pub reason: String,
    /// Where the rule comes from.
    pub source: String,
}

/// A window, and the days it covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct WindowView {
    /// `months` or `terms`.
    pub unit: String,
    /// How many.
    pub length: u32,
    /// First day covered.
    pub from: String,
    /// Last day covered (the assessment date).
    pub to: String,
    /// For a terms window, the terms it took in.
    pub terms: Vec<String>,
}

/// One member's (or the household's) measured value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceView {
    /// The member's index in `members`; absent for the household.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub member: Option<u32>,
    /// "Jordan (15)" or "the household".
    pub label: String,
    /// The value in words.
    pub value: String,
    /// A count or a flag (1 or 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub count: Option<u32>,
    /// For a rate: absent sessions.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub absent: Option<u64>,
    /// For a rate: possible sessions.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub possible: Option<u64>,
    /// Meets the threshold.
    pub met: bool,
}

/// A parameter's value in force on the assessment date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ParameterUseView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Unit.
    pub unit: String,
    /// The value (kinds joined by ", ").
    pub value: String,
    /// First day of this value.
    pub from: String,
    /// Last day of this value, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub to: Option<String>,
    /// Evidence tag (`V`, `V2`, `D`, `R`, `A`), if given.
    pub evidence: String,
    /// Source.
    pub source: String,
}

/// A change that would give a better decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionView {
    /// The criterion or filter it would meet.
    pub group: String,
    /// The indicator it would meet.
    pub indicator: String,
    /// The member whose facts change; absent for the household's.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub member: Option<u32>,
    /// The value now, in words.
    pub before: String,
    /// The value after the change, in words.
    pub after: String,
    /// The decision after the change.
    pub status: StatusView,
    /// The change as edits to the call, to apply in order.
    pub edits: Vec<EditView>,
    /// A sentence for the officer.
    pub message: String,
}

/// One edit to the call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EditView {
    /// `set` a field, `append` to a list, `remove` a list element.
    pub op: EditOp,
    /// The field, list or element, e.g. `members[1].attendance[0].unauthorisedAbsent`.
    pub path: String,
    /// The value set or appended (`null` for a removal).
    pub value: EditValueView,
}

/// A value an edit sets or appends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(untagged)]
#[tsify(
    type = "null | number | boolean | string | { date: string; kind?: string } | { kind?: string; from: string }"
)]
pub enum EditValueView {
    /// `null`.
    Null,
    /// A number.
    Count(u32),
    /// A flag.
    Flag(bool),
    /// Text.
    Text(String),
    /// An event.
    Event {
        /// Its date.
        date: String,
        /// Its kind.
        #[serde(skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
    },
    /// A claim or job.
    Spell {
        /// Its kind.
        #[serde(skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
        /// First day.
        from: String,
    },
}

impl From<&EditValue> for EditValueView {
    fn from(v: &EditValue) -> Self {
        match v {
            EditValue::Null => Self::Null,
            EditValue::Count(n) => Self::Count(*n),
            EditValue::Flag(b) => Self::Flag(*b),
            EditValue::Text(t) => Self::Text(t.clone()),
            EditValue::Event { date, kind } => Self::Event {
                date: date.to_string(),
                kind: kind.clone(),
            },
            EditValue::Spell { kind, from } => Self::Spell {
                kind: kind.clone(),
                from: from.to_string(),
            },
        }
    }
}

// ------------------------------------------------------ the call's shape

const CHECK: &str = "checkEligibility";

super::call_fields! {
    CheckEligibilityCall: [
        "rulePack",
        "councilPack",
        "assessmentDate",
        "members",
        "schoolTerms",
        "domesticAbuse",
        "localConcern",
    ];
    MemberCall: [
        "name",
        "role",
        "dateOfBirth",
        "age",
        "offences",
        "asb",
        "exclusions",
        "attendance",
        "alternativeProvision",
        "notOnSchoolRoll",
        "benefits",
        "employment",
        "childInNeed",
        "childProtectionPlan",
        "mentalHealth",
        "substanceMisuse",
        "newMother",
    ];
    EventCall: ["date"];
    AsbCall: ["date", "kind"];
    ExclusionCall: ["date", "kind"];
    AttendanceCall: ["term", "possibleSessions", "authorisedAbsent", "unauthorisedAbsent"];
    BenefitCall: ["kind", "from", "to"];
    JobCall: ["from", "to"];
    TermCall: ["name", "start", "end"];
}

fn event(o: &Object<'_, '_>) -> EventCall {
    EventCall {
        date: o.text("date", true).to_owned(),
    }
}

fn member(f: &Object<'_, '_>) -> MemberCall {
    let owned = |s: Option<&str>| s.map(str::to_owned);
    let kinds = |list: Vec<Object<'_, '_>>| -> Vec<(String, String)> {
        list.iter()
            .map(|o| {
                (
                    o.text("date", true).to_owned(),
                    o.text("kind", true).to_owned(),
                )
            })
            .collect()
    };
    MemberCall {
        name: f.text("name", false).to_owned(),
        role: owned(f.opt_text("role")),
        date_of_birth: owned(f.opt_text("dateOfBirth")),
        age: f.opt_quantity("age", false),
        offences: f
            .each::<EventCall>("offences", false)
            .iter()
            .map(event)
            .collect(),
        asb: kinds(f.each::<AsbCall>("asb", false))
            .into_iter()
            .map(|(date, kind)| AsbCall { date, kind })
            .collect(),
        exclusions: kinds(f.each::<ExclusionCall>("exclusions", false))
            .into_iter()
            .map(|(date, kind)| ExclusionCall { date, kind })
            .collect(),
        attendance: f
            .each::<AttendanceCall>("attendance", false)
            .iter()
            .map(|o| AttendanceCall {
                term: o.text("term", true).to_owned(),
                possible_sessions: o.quantity("possibleSessions"),
                authorised_absent: o.quantity("authorisedAbsent"),
                unauthorised_absent: o.quantity("unauthorisedAbsent"),
            })
            .collect(),
        alternative_provision: owned(f.opt_text("alternativeProvision")),
        not_on_school_roll: f.flag("notOnSchoolRoll"),
        benefits: f
            .each::<BenefitCall>("benefits", false)
            .iter()
            .map(|o| BenefitCall {
                kind: o.text("kind", true).to_owned(),
                from: o.text("from", true).to_owned(),
                to: owned(o.opt_text("to")),
            })
            .collect(),
        employment: f
            .each::<JobCall>("employment", false)
            .iter()
            .map(|o| JobCall {
                from: o.text("from", true).to_owned(),
                to: owned(o.opt_text("to")),
            })
            .collect(),
        child_in_need: f.flag("childInNeed"),
        child_protection_plan: f.flag("childProtectionPlan"),
        mental_health: f.flag("mentalHealth"),
        substance_misuse: f.flag("substanceMisuse"),
        new_mother: f.flag("newMother"),
    }
}

/// Reads a family record from an object of a call (the whole
/// `checkEligibility` call, or `claims[0].family` of a larger one).
pub(crate) fn family_call(f: &Object<'_, '_>) -> CheckEligibilityCall {
    CheckEligibilityCall {
        rule_pack: f.opt_text("rulePack").map(str::to_owned),
        council_pack: f.opt_text("councilPack").map(str::to_owned),
        assessment_date: f.text("assessmentDate", true).to_owned(),
        members: f
            .each::<MemberCall>("members", true)
            .iter()
            .map(member)
            .collect(),
        school_terms: f
            .each::<TermCall>("schoolTerms", false)
            .iter()
            .map(|o| TermCall {
                name: o.text("name", true).to_owned(),
                start: o.text("start", true).to_owned(),
                end: o.text("end", true).to_owned(),
            })
            .collect(),
        domestic_abuse: f
            .each::<EventCall>("domesticAbuse", false)
            .iter()
            .map(event)
            .collect(),
        local_concern: f.flag("localConcern"),
    }
}

/// Reads a `checkEligibility` call from JSON text: what both the native twin
/// and the wasm binding (through `JSON.stringify`) do. A call of the wrong
/// shape is a [`CallError`] naming the field.
pub fn read_check_eligibility_call(json: &str) -> Result<CheckEligibilityCall, CallError> {
    let v = super::read_json_call(CHECK, json)?;
    read_family_call(&v, "")
}

/// Reads a family record (a `checkEligibility` call) from parsed JSON at
/// `path` of a larger call (`claims[0].family`); errors name the field by
/// its full path, as if from `checkEligibility` (callers rename the function).
pub(crate) fn read_family_call(v: &Value, path: &str) -> Result<CheckEligibilityCall, CallError> {
    let reader = Reader::new(CHECK);
    let call = family_call(&reader.call::<CheckEligibilityCall>(v));
    reader.finish().map_err(|e| e.within(CHECK, path))?;
    Ok(call)
}

// ------------------------------------------------------- reading the call

fn whole(q: &QuantityInput, what: &str, path: String, errors: &mut Vec<Error>) -> u32 {
    let read = match q {
        QuantityInput::Exact(d) => Ok(*d),
        QuantityInput::Text(t) if t.trim().is_empty() => Err(Error::new(
            ErrorCode::InvalidQuantity,
            format!("Enter the {what}: a whole number, 0 or more."),
        )),
        QuantityInput::Text(t) => crate::money::parse_decimal(t.trim()).map_err(|_| {
            Error::new(
                ErrorCode::InvalidQuantity,
                format!("\"{t}\" is not a number; enter the {what} as a whole number, 0 or more."),
            )
        }),
    };
    let checked = read.and_then(|d: Decimal| {
        if d.is_sign_negative() && !d.is_zero() {
            Err(Error::new(
                ErrorCode::NegativeQuantity,
                format!("The {what} cannot be below 0."),
            ))
        } else if !d.fract().is_zero() {
            Err(Error::new(
                ErrorCode::FractionalQuantity,
                format!("The {what} is a whole number."),
            ))
        } else {
            d.to_u32().ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidQuantity,
                    format!("The {what} is too large."),
                )
            })
        }
    });
    checked.unwrap_or_else(|e| {
        errors.push(e.at(path));
        0
    })
}

/// Reads a date; a problem is recorded and `fallback` used, so the rest of
/// the record can still be checked.
fn date(text: &str, path: String, fallback: Date, errors: &mut Vec<Error>) -> Date {
    let parsed = if text.trim().is_empty() {
        Err(Error::new(
            ErrorCode::InvalidDate,
            "Enter a date, for example \"2015-06-30\".",
        ))
    } else {
        Date::parse(text)
    };
    parsed.unwrap_or_else(|e| {
        errors.push(e.at(path));
        fallback
    })
}

/// The kind written `text` as its wire name (`""` after a problem, which is
/// recorded naming the kinds allowed).
fn kind(
    text: &str,
    allowed: &'static [&'static str],
    what: &str,
    path: String,
    errors: &mut Vec<Error>,
) -> &'static str {
    allowed
        .iter()
        .find(|k| **k == text)
        .copied()
        .unwrap_or_else(|| {
            errors.push(
                Error::new(
                    ErrorCode::UnknownKind,
                    format!(
                        "\"{text}\" is not {what}; use one of {}.",
                        allowed.join(", ")
                    ),
                )
                .at(path),
            );
            ""
        })
}

/// Reads the family. Every problem is recorded with its path; the record
/// returned (with stand-ins where a field could not be read) is then checked
/// for consistency too, unless the assessment date itself is unreadable.
pub(crate) fn read_family(call: &CheckEligibilityCall, errors: &mut Vec<Error>) -> Family {
    let before = errors.len();
    let a = date(
        &call.assessment_date,
        "assessmentDate".into(),
        Date::MIN,
        errors,
    );
    let date_ok = errors.len() == before;
    let school_terms: Vec<Term> = call
        .school_terms
        .iter()
        .enumerate()
        .map(|(t, term)| {
            let at = |f: &str| format!("schoolTerms[{t}].{f}");
            if term.name.trim().is_empty() {
                errors.push(
                    Error::new(
                        ErrorCode::InvalidField,
                        "Give the term a name, for example \"Autumn 2014\".",
                    )
                    .at(at("name")),
                );
            }
            let start = date(&term.start, at("start"), a, errors);
            Term {
                name: term.name.trim().to_owned(),
                start,
                end: date(&term.end, at("end"), start, errors),
            }
        })
        .collect();
    let events = |list: &[EventCall], path: &str, errors: &mut Vec<Error>| -> Vec<Event> {
        list.iter()
            .enumerate()
            .map(|(j, e)| Event {
                date: date(&e.date, format!("{path}[{j}].date"), a, errors),
                kind: "",
            })
            .collect()
    };
    let domestic_abuse = events(&call.domestic_abuse, "domesticAbuse", errors);
    if call.members.is_empty() {
        errors.push(
            Error::new(
                ErrorCode::InvalidField,
                "Add at least one member of the household.",
            )
            .at("members"),
        );
    }
    let mut members = Vec::new();
    for (i, m) in call.members.iter().enumerate() {
        let at = |f: &str| format!("members[{i}].{f}");
        let role = match &m.role {
            Some(r) => Role::parse(kind(r, family::ROLES, "a role", at("role"), errors)),
            None => None,
        }
        .unwrap_or(Role::Other);
        let birth = match (&m.date_of_birth, &m.age) {
            (Some(dob), None) => Birth::DateOfBirth(date(dob, at("dateOfBirth"), a, errors)),
            (None, Some(age)) => {
                let years = whole(age, "age", at("age"), errors);
                if years > 130 {
                    errors.push(
                        Error::new(ErrorCode::InvalidQuantity, "An age is at most 130.")
                            .at(at("age")),
                    );
                }
                Birth::Age(u16::try_from(years).unwrap_or(0))
            }
            (Some(_), Some(_)) => {
                errors.push(
                    Error::new(
                        ErrorCode::InvalidField,
                        "Give a date of birth or an age, not both.",
                    )
                    .at(at("age")),
                );
                Birth::Age(0)
            }
            (None, None) => {
                errors.push(
                    Error::new(
                        ErrorCode::InvalidField,
                        "Enter a date of birth (or, if it is not known, an age).",
                    )
                    .at(at("dateOfBirth")),
                );
                Birth::Age(0)
            }
        };
        let offences = events(&m.offences, &at("offences"), errors);
        let mut kinded = |list: Vec<(&str, &str)>,
                          field: &str,
                          allowed: &'static [&'static str],
                          what: &str|
         -> Vec<Event> {
            list.into_iter()
                .enumerate()
                .map(|(j, (day, k))| Event {
                    date: date(day, at(&format!("{field}[{j}].date")), a, errors),
                    kind: kind(k, allowed, what, at(&format!("{field}[{j}].kind")), errors),
                })
                .collect()
        };
        let asb = kinded(
            m.asb
                .iter()
                .map(|e| (e.date.as_str(), e.kind.as_str()))
                .collect(),
            "asb",
            family::ASB_KINDS,
            "a kind of ASB intervention",
        );
        let exclusions = kinded(
            m.exclusions
                .iter()
                .map(|e| (e.date.as_str(), e.kind.as_str()))
                .collect(),
            "exclusions",
            family::EXCLUSION_KINDS,
            "a kind of exclusion",
        );
        let attendance = m
            .attendance
            .iter()
            .enumerate()
            .map(|(j, r)| {
                let p = |f: &str| at(&format!("attendance[{j}].{f}"));
                let term = school_terms
                    .iter()
                    .position(|t| t.name == r.term.trim())
                    .unwrap_or_else(|| {
                        errors.push(
                            Error::new(
                                ErrorCode::UnknownTerm,
                                format!("There is no school term called \"{}\"; add it to the school terms first.", r.term),
                            )
                            .at(p("term")),
                        );
                        usize::MAX
                    });
                Attendance {
                    term,
                    possible: whole(&r.possible_sessions, "number of possible sessions", p("possibleSessions"), errors),
                    authorised: whole(&r.authorised_absent, "number of authorised absences", p("authorisedAbsent"), errors),
                    unauthorised: whole(&r.unauthorised_absent, "number of unauthorised absences", p("unauthorisedAbsent"), errors),
                }
            })
            .collect();
        let alternative_provision = m.alternative_provision.as_ref().and_then(|reason| {
            ProvisionReason::parse(kind(
                reason,
                family::PROVISION_REASONS,
                "a reason for alternative provision",
                at("alternativeProvision"),
                errors,
            ))
        });
        let benefits = m
            .benefits
            .iter()
            .enumerate()
            .map(|(j, b)| {
                let p = |f: &str| at(&format!("benefits[{j}].{f}"));
                let from = date(&b.from, p("from"), a, errors);
                Spell {
                    kind: kind(
                        &b.kind,
                        family::BENEFIT_KINDS,
                        "an out-of-work benefit",
                        p("kind"),
                        errors,
                    ),
                    from,
                    to: b.to.as_ref().map(|t| date(t, p("to"), from, errors)),
                }
            })
            .collect();
        let employment = m
            .employment
            .iter()
            .enumerate()
            .map(|(j, b)| {
                let p = |f: &str| at(&format!("employment[{j}].{f}"));
                let from = date(&b.from, p("from"), a, errors);
                Spell {
                    kind: "",
                    from,
                    to: b.to.as_ref().map(|t| date(t, p("to"), from, errors)),
                }
            })
            .collect();
        members.push(Member {
            name: m.name.trim().to_owned(),
            role,
            birth,
            offences,
            asb,
            exclusions,
            attendance,
            alternative_provision,
            not_on_school_roll: m.not_on_school_roll,
            benefits,
            employment,
            child_in_need: m.child_in_need,
            child_protection_plan: m.child_protection_plan,
            mental_health: m.mental_health,
            substance_misuse: m.substance_misuse,
            new_mother: m.new_mother,
        });
    }
    let family = Family {
        assessment_date: a,
        members,
        school_terms,
        domestic_abuse,
        local_concern: call.local_concern,
    };
    if date_ok {
        errors.extend(family.problems());
    }
    family
}

/// A pack error's path, under the call field that carried the pack.
fn under(field: &str, e: Error) -> Error {
    let path = match e.path() {
        Some(p) if !p.is_empty() => format!("{field}.{p}"),
        _ => field.to_owned(),
    };
    Error::new(e.code(), e.message()).at(path)
}

/// The pack the call names: a built-in id, or a council pack's text.
/// A built-in pack is borrowed (packs are large: cloning one cost about 5 %
/// of an `assessFamily` call); a council's pack is read from its text.
pub(crate) fn choose_pack(
    call: &CheckEligibilityCall,
    errors: &mut Vec<Error>,
) -> Option<Cow<'static, Pack>> {
    match (&call.rule_pack, &call.council_pack) {
        (Some(_), Some(_)) => {
            errors.push(
                Error::new(
                    ErrorCode::InvalidField,
                    "Give either a built-in rule pack or a council pack, not both.",
                )
                .at("councilPack"),
            );
            None
        }
        (Some(id), None) => rules::built_in_pack(id)
            .map(Cow::Borrowed)
            .map_err(|e| errors.push(e.at("rulePack")))
            .ok(),
        (None, Some(text)) => rules::load(text)
            .map(|l| Cow::Owned(l.pack))
            .map_err(|es| errors.extend(es.into_iter().map(|e| under("councilPack", e))))
            .ok(),
        (None, None) => {
            errors.push(
                Error::new(
                    ErrorCode::InvalidField,
                    "Choose a rule pack: \"tf-2012\", \"tf-2015\", or a council pack.",
                )
                .at("rulePack"),
            );
            None
        }
    }
}

/// Errors in the order of the form: the pack, the date, the terms, the
/// household's incidents, then member by member.
pub(crate) fn form_order(e: &Error) -> (u8, usize) {
    let field = e.location().and_then(|p| p.field()).unwrap_or_default();
    let section = [
        "rulePack",
        "councilPack",
        "assessmentDate",
        "schoolTerms",
        "domesticAbuse",
        "localConcern",
        "members",
    ]
    .iter()
    .position(|s| *s == field)
    .and_then(|n| u8::try_from(n).ok())
    .unwrap_or(0);
    (section, indexed(e, "members"))
}

// ------------------------------------------------------------ the answers

fn pack_ref(pack: &Pack) -> PackRef {
    PackRef {
        id: pack.id.clone(),
        title: pack.title.clone(),
        version: pack.version.clone(),
        valid_from: pack.valid_from.to_string(),
        valid_to: pack.valid_to.map(|d| d.to_string()),
        extends: pack.extends.clone(),
        sha256: pack.sha256.clone(),
    }
}

pub(crate) fn with_pack(mut receipt: Receipt, pack: &Pack) -> Receipt {
    receipt.rule_pack = Some(Box::new(TableRef {
        id: pack.id.clone(),
        sha256: pack.sha256.clone(),
    }));
    receipt
}

fn evidence_view(family: &Family, noun: &str, e: &rules::Evidence) -> EvidenceView {
    let (count, absent, possible) = match e.value {
        Measured::Count(n) => (Some(n), None, None),
        Measured::Flag(b) => (Some(u32::from(b)), None, None),
        Measured::Rate { absent, possible } => (None, Some(absent), Some(possible)),
        Measured::Unmeasured(_) => (None, None, None),
    };
    EvidenceView {
        member: e.member.and_then(|m| u32::try_from(m).ok()),
        label: rules::member_label(family, e.member),
        value: rules::describe_value(&e.value, noun),
        count,
        absent,
        possible,
        met: e.met,
    }
}

fn indicator_view(pack: &Pack, family: &Family, r: &IndicatorResult) -> Option<IndicatorView> {
    let ind = pack.indicators.get(r.index)?;
    let info = ind.measure.info();
    Some(IndicatorView {
        id: ind.id.clone(),
        title: ind.title.clone(),
        met: r.met,
        measure: info.id.to_owned(),
        who: ind.who.id().to_owned(),
        comparator: r.comparator.symbol().to_owned(),
        threshold: r.threshold.normalize().to_string(),
        rule: rules::describe_rule(ind, r.comparator, r.threshold),
        window: r.window.as_ref().map(|(w, span)| WindowView {
            unit: w.unit.id().to_owned(),
            length: w.length,
            from: span.from.to_string(),
            to: span.to.to_string(),
            terms: span
                .terms
                .iter()
                .filter_map(|&t| family.school_terms.get(t).map(|t| t.name.clone()))
                .collect(),
        }),
        kinds: r.kinds.clone(),
        parameters: r.parameters.clone(),
        evidence: r
            .evidence
            .iter()
            .map(|e| evidence_view(family, info.noun, e))
            .collect(),
        reason: r.reason.clone(),
        source: ind.source.clone(),
    })
}

pub(crate) fn parameter_use(pack: &Pack, id: &str, v: &DatedValue) -> Option<ParameterUseView> {
    let p = pack.parameter(id)?;
    Some(ParameterUseView {
        id: p.id.clone(),
        title: p.title.clone(),
        unit: p.unit.id().to_owned(),
        value: v.value.to_string(),
        from: v.from.to_string(),
        to: v.to.map(|d| d.to_string()),
        evidence: p.evidence.clone(),
        source: p.source.clone(),
    })
}

fn suggestion_view(pack: &Pack, s: &Suggestion) -> SuggestionView {
    let noun = pack
        .indicators
        .get(s.indicator)
        .map_or("", |i| i.measure.info().noun);
    SuggestionView {
        group: s.group.clone(),
        indicator: pack
            .indicators
            .get(s.indicator)
            .map(|i| i.id.clone())
            .unwrap_or_default(),
        member: s.member.and_then(|m| u32::try_from(m).ok()),
        before: rules::describe_value(&s.before, noun),
        after: rules::describe_value(&s.after, noun),
        status: s.status.into(),
        edits: s
            .edits
            .iter()
            .map(|e| EditView {
                op: e.op,
                path: e.path.clone(),
                value: (&e.value).into(),
            })
            .collect(),
        message: s.message.clone(),
    }
}

fn success(
    pack: &Pack,
    family: &Family,
    a: &Assessment,
    suggestions: &[Suggestion],
    receipt: Receipt,
) -> EligibilitySuccess {
    let groups = |counted: bool| -> Vec<GroupView> {
        a.groups
            .iter()
            .filter(|g| g.counted == counted)
            .map(|g| GroupView {
                id: g.id.clone(),
                title: g.title.clone(),
                met: g.met,
                source: g.source.clone(),
                indicators: g
                    .indicators
                    .iter()
                    .filter_map(|r| indicator_view(pack, family, r))
                    .collect(),
            })
            .collect()
    };
    let day = family.assessment_date;
    let mut notes = Vec::new();
    if !a.in_force {
        notes.push(NoteView {
            code: "pack_not_in_force".to_owned(),
            message: format!(
                "The pack {} applies from {}{}; the assessment date {day} is outside it, so each parameter's value nearest that date was used.",
                pack.id,
                pack.valid_from,
                pack.valid_to.map_or_else(String::new, |to| format!(" to {to}"))
            ),
            path: Some("assessmentDate".to_owned()),
        });
    }
    EligibilitySuccess {
        pack: pack_ref(pack),
        in_force: a.in_force,
        assessment_date: day.to_string(),
        status: a.status.into(),
        eligible: a.status != Status::NotEligible,
        decision: rules::decision_sentence(pack, a, day),
        criteria_met: u32::try_from(a.criteria_met).unwrap_or(u32::MAX),
        criteria_total: u32::try_from(pack.criteria.len()).unwrap_or(u32::MAX),
        criteria_label: pack.criteria_label.clone(),
        criteria: groups(true),
        filters: groups(false),
        members: family
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| MemberView {
                label: rules::member_label(family, Some(i)),
                age: family.age(m),
                child: family.is_child(m),
            })
            .collect(),
        parameters: a
            .parameters
            .iter()
            .filter_map(|(id, v)| parameter_use(pack, id, v))
            .collect(),
        what_would_change: suggestions
            .iter()
            .map(|s| suggestion_view(pack, s))
            .collect(),
        notes,
        receipt: with_pack(receipt, pack),
    }
}

/// Applies a rule pack to a family on its assessment date.
///
/// Everything is checked in one pass: the pack (a council pack's problems
/// under `councilPack.…`), the dates, the terms and every member's facts.
pub fn check_eligibility(call: &CheckEligibilityCall) -> CheckEligibilityAnswer {
    let receipt = receipt(call);
    let mut errors = Vec::new();
    let pack = choose_pack(call, &mut errors);
    let family = read_family(call, &mut errors);
    let fail = |mut errors: Vec<Error>, receipt: Receipt| {
        family::sort_small_by_key(&mut errors, form_order);
        CheckEligibilityAnswer::Failure(Failure {
            errors: errors.into_iter().map(ErrorView::from).collect(),
            receipt,
        })
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
    let call = read_check_eligibility_call(call)?;
    write_json("checkEligibility", &check_eligibility(&call))
}

// ------------------------------------------------------ packs as data

/// A pack, as listed by `rulePacks()` and returned by `validateRulePack`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PackSummary {
    /// Id, title, version, dates, base and hash.
    pub pack: PackRef,
    /// Where its rules come from.
    pub source: String,
    /// What its criteria are called ("national criteria", "headline problems").
    pub criteria_label: String,
    /// Its criteria (or headline problems).
    pub criteria: Vec<GroupSummary>,
    /// Its filters (the local filter).
    pub filters: Vec<GroupSummary>,
    /// How many parameters and indicators it has.
    pub parameter_count: u32,
    /// How many indicators it has.
    pub indicator_count: u32,
    /// For a built-in pack, its JSON text exactly as shipped (`JSON.parse` it
    /// to read every parameter, indicator and source; its SHA-256 is `pack.sha256`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub json: Option<String>,
}

/// A criterion or filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GroupSummary {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
}

/// A measure the engine can take, for pack authors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct MeasureView {
    /// The name in packs.
    pub id: String,
    /// What it counts.
    pub description: String,
    /// `count`, `rate` or `flag`.
    pub kind: ValueKind,
    /// `member` or `family`.
    pub level: family::Level,
    /// Windows it accepts: `months`, `terms`.
    pub windows: Vec<String>,
    /// True when it needs a window.
    pub window_required: bool,
    /// Kinds it can be filtered on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub kinds: Option<Vec<String>>,
}

/// Kinds used in family records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct KindsView {
    /// Member roles.
    pub roles: Vec<String>,
    /// ASB interventions.
    pub asb: Vec<String>,
    /// Exclusions.
    pub exclusions: Vec<String>,
    /// Reasons for alternative provision.
    pub provision: Vec<String>,
    /// Out-of-work benefits.
    pub benefits: Vec<String>,
}

/// The answer to `rulePacks()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum RulePacksAnswer {
    /// The built-in packs and the catalogue of measures.
    Success(RulePacksSuccess),
    /// The built-in packs could not be read (a packaging fault).
    Failure(Failure),
}

/// The built-in packs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RulePacksSuccess {
    /// The packs.
    pub packs: Vec<PackSummary>,
    /// What indicators can measure.
    pub measures: Vec<MeasureView>,
    /// Kinds used in family records.
    pub kinds: KindsView,
    /// Engine version.
    pub engine_version: String,
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A pack, summarised.
pub fn pack_summary(pack: &Pack, json: Option<&str>) -> PackSummary {
    let group = |g: &rules::Group| GroupSummary {
        id: g.id.clone(),
        title: g.title.clone(),
    };
    PackSummary {
        pack: pack_ref(pack),
        source: pack.source.clone(),
        criteria_label: pack.criteria_label.clone(),
        criteria: pack.criteria.iter().map(group).collect(),
        filters: pack.filters.iter().map(group).collect(),
        parameter_count: count(pack.parameters.len()),
        indicator_count: count(pack.indicators.len()),
        json: json.map(str::to_owned),
    }
}

/// The built-in packs, the measures packs can use, and the kinds of facts.
pub fn rule_packs() -> RulePacksAnswer {
    match rules::built_in() {
        Ok(packs) => RulePacksAnswer::Success(RulePacksSuccess {
            packs: packs
                .iter()
                .map(|p| {
                    let text = rules::BUILT_IN
                        .iter()
                        .find(|(id, _)| *id == p.id)
                        .map(|(_, t)| *t);
                    pack_summary(p, text)
                })
                .collect(),
            measures: Measure::ALL
                .iter()
                .map(|m| {
                    let info = m.info();
                    MeasureView {
                        id: info.id.to_owned(),
                        description: info.noun.to_owned(),
                        kind: info.kind,
                        level: info.level,
                        windows: info.windows.iter().map(|u| u.id().to_owned()).collect(),
                        window_required: info.window_required,
                        kinds: info.kinds.map(strings),
                    }
                })
                .collect(),
            kinds: KindsView {
                roles: strings(family::ROLES),
                asb: strings(family::ASB_KINDS),
                exclusions: strings(family::EXCLUSION_KINDS),
                provision: strings(family::PROVISION_REASONS),
                benefits: strings(family::BENEFIT_KINDS),
            },
            engine_version: ENGINE_VERSION.to_owned(),
        }),
        Err(e) => RulePacksAnswer::Failure(Failure {
            errors: vec![e.into()],
            receipt: receipt(&()),
        }),
    }
}

/// [`rule_packs`] as JSON text.
pub fn rule_packs_json() -> Result<String, CallError> {
    write_json("rulePacks", &rule_packs())
}

/// The answer to `validateRulePack(json)`.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ValidateRulePackAnswer {
    /// The pack is sound; here it is as the engine reads it (a council pack
    /// merged onto its base).
    Success(ValidPack),
    /// Every problem, each with its JSON path in the pack.
    Failure(Failure),
}

/// A sound pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ValidPack {
    /// The pack.
    pub pack: PackSummary,
    /// Receipt (the input hash is the SHA-256 of the text).
    pub receipt: Receipt,
}

/// A receipt for a call whose input is a pack's text: its hash is the text's.
fn text_receipt(text: &str) -> Receipt {
    let mut r = receipt(&());
    r.input_sha256 = crate::costs::hex(&Sha256::digest(text.as_bytes()));
    r
}

/// Reads and checks a pack's JSON text (a full pack, or a council pack that
/// extends a built-in one), reporting every problem with its path.
pub fn validate_rule_pack(text: &str) -> ValidateRulePackAnswer {
    let receipt = text_receipt(text);
    match rules::load(text) {
        Ok(loaded) => ValidateRulePackAnswer::Success(ValidPack {
            pack: pack_summary(&loaded.pack, None),
            receipt: with_pack(receipt, &loaded.pack),
        }),
        Err(errors) => ValidateRulePackAnswer::Failure(Failure {
            errors: errors.into_iter().map(ErrorView::from).collect(),
            receipt,
        }),
    }
}

/// [`validate_rule_pack`] with JSON text out.
pub fn validate_rule_pack_json(text: &str) -> Result<String, CallError> {
    write_json("validateRulePack", &validate_rule_pack(text))
}

/// The answer to `diffRulePack(json)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum DiffRulePackAnswer {
    /// What the council pack changes against its base.
    Success(PackDiff),
    /// The pack has problems, or extends no built-in pack.
    Failure(Failure),
}

/// What a council pack changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PackDiff {
    /// The built-in base pack.
    pub base: TableRef,
    /// The council pack.
    pub pack: TableRef,
    /// Every difference.
    pub changes: Vec<ChangeView>,
    /// Receipt.
    pub receipt: Receipt,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ChangeView {
    /// `pack`, `parameter` or `indicator`.
    #[tsify(type = "\"pack\" | \"parameter\" | \"indicator\"")]
    pub what: String,
    /// Id of the parameter or indicator (the pack's for `pack`).
    pub id: String,
    /// `added`, `removed` or `changed`.
    #[tsify(type = "\"added\" | \"removed\" | \"changed\"")]
    pub change: String,
    /// The field changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub field: Option<String>,
    /// The base's value, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub from: Option<String>,
    /// The council pack's value, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub to: Option<String>,
    /// Where the council pack says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub path: Option<String>,
}

/// Lists what a council pack (JSON text) changes against its built-in base.
pub fn diff_rule_pack(text: &str) -> DiffRulePackAnswer {
    let receipt = text_receipt(text);
    let fail = |errors: Vec<Error>, receipt: Receipt| {
        DiffRulePackAnswer::Failure(Failure {
            errors: errors.into_iter().map(ErrorView::from).collect(),
            receipt,
        })
    };
    match rules::load(text) {
        Ok(rules::Loaded {
            pack,
            base: Some(base),
        }) => DiffRulePackAnswer::Success(PackDiff {
            base: TableRef {
                id: base.id.clone(),
                sha256: base.sha256.clone(),
            },
            pack: TableRef {
                id: pack.id.clone(),
                sha256: pack.sha256.clone(),
            },
            changes: rules::diff(base, &pack)
                .into_iter()
                .map(|c| ChangeView {
                    what: c.what.to_owned(),
                    id: c.id,
                    change: c.change.to_owned(),
                    field: c.field.map(str::to_owned),
                    from: c.from,
                    to: c.to,
                    path: c.path,
                })
                .collect(),
            receipt: with_pack(receipt, &pack),
        }),
        Ok(_) => fail(
            vec![Error::new(
                ErrorCode::InvalidField,
                "This pack extends no built-in pack, so there is nothing to compare it with; add \"extends\": \"tf-2012\" or \"tf-2015\".",
            )
            .at("extends")],
            receipt,
        ),
        Err(errors) => fail(errors, receipt),
    }
}

/// [`diff_rule_pack`] with JSON text out.
pub fn diff_rule_pack_json(text: &str) -> Result<String, CallError> {
    write_json("diffRulePack", &diff_rule_pack(text))
}
