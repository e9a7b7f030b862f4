//! Payment-by-results claims: what a council can claim for a family, when, and
//! on what evidence (domain.md §A3–A4, §B3, Formulas 3 and 4).
//!
//! A claim reads its rates and outcome tests from the family's **rule pack**,
//! the same dated pack that decides eligibility: its payment-by-results
//! parameters (`pbr-…`, see [`crate::rules::PAYMENT_PREFIX`]) in force on the
//! **attachment date**, the deal the family joined under. The family record
//! is the eligibility record, assessed on the **claim date** (its facts run up
//! to that day); the pack is applied once more as at the attachment date, to
//! know whether the family was in the programme and which problems it had.
//!
//! **Phase 1** (`tf-2012`): up to £4,000 a family. The attachment fee is a
//! share of it set by the programme year of attachment (80 %, 60 %, 40 %); the
//! rest is the results share, paid for
//!
//! - the crime / anti-social behaviour / education result (7/8 of it): every
//!   child below 3 fixed-term exclusions and 15 % unauthorised absence over the
//!   first three terms after attachment; anti-social behaviour across the
//!   family down 60 %, and offending by its under-18s down 33 %, in the six
//!   months to the claim date against the six months to attachment; each test
//!   only where it was relevant at entry (and at least one must be);
//! - progress to work (1/8): an adult volunteered for the Work Programme or
//!   was attached to ESF provision, as the officer records;
//! - or instead continuous employment (the whole share): an adult on an
//!   out-of-work benefit at attachment in work, off benefit, for 13 weeks.
//!
//! The family total never exceeds the family maximum.
//!
//! **Phase 2** (`tf-2015`): a £1,000 attachment fee, and one £800 results
//! payment for significant and sustained progress against every problem the
//! family had at entry (recorded by the officer from the council's outcomes
//! plan) or for continuous employment (26 of the last 30 weeks for JSA and
//! Universal Credit claimants, 13 of 15 for others).
//!
//! Counts and rates are compared exactly, as whole numbers: a reduction of
//! `(before − after) × 100 ≥ 60 × before`, absence `unauthorised × 100 <
//! 15 × possible`. Amounts: the attachment fee is the maximum × its share, and
//! each result the results share × its share, each rounded to the penny
//! ([`Rounding::Penny`]); with the published rates no rounding happens.
//!
//! Every result says whether it is met, on what evidence, what evidence is
//! missing, and the earliest date it can be claimed. Nothing here reads JSON.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use serde::Serialize;
use tsify::Tsify;

use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::family::{BenefitKind, Family, Spell};
use crate::money::{Money, Rounding};
use crate::rules::{self, DatedValue, DecisionPlan, Pack, ParamValue, Status};

/// The longest a claim can come after its attachment: ten years (the
/// programme ran five).
pub const MAX_CLAIM_DAYS: i64 = 3653;

/// Kinds of progress to work an officer can record (phase 1).
pub use crate::kinds::{ProgressKind, PROGRESS_KINDS};

/// The payment parameter that names a pack's payment scheme (a list of one
/// kind: `phase-1`, `phase-2`, `sustained-outcomes` or `grant-only`). The
/// 2012 and 2015 packs have none: their phase is read from their fees.
pub const SCHEME_PARAMETER: &str = "pbr-scheme";

/// The programme's payment scheme (its phase before 2022), from the payment
/// parameters of the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// 2012–2015: attachment fee by programme year, results by outcome.
    One,
    /// 2015–2022: a fixed attachment fee and one results payment.
    Two,
    /// October 2022 – March 2025 (the Supporting Families outcome framework):
    /// no attachment fee, one results payment when every need identified at
    /// the start has a positive outcome sustained some months after the case
    /// closed; no continuous-employment route.
    SustainedOutcomes,
    /// From April 2025: a grant, no results payments.
    GrantOnly,
}

impl Phase {
    /// Every scheme, by its name in `pbr-scheme`.
    pub const SCHEMES: [(&'static str, Phase); 4] = [
        ("phase-1", Phase::One),
        ("phase-2", Phase::Two),
        ("sustained-outcomes", Phase::SustainedOutcomes),
        ("grant-only", Phase::GrantOnly),
    ];

    /// The scheme of a pack, as its `pbr-scheme` parameter names it on its
    /// first day; without one, phase 1 when it has `pbr-attachment-share`,
    /// phase 2 when it has `pbr-attachment-fee`.
    pub fn of(pack: &Pack) -> Result<Phase> {
        Phase::on(pack, pack.valid_from)
    }

    /// The scheme of a pack on `day` (its `pbr-scheme` value then, or the
    /// nearest), else as [`Phase::of`] reads the fees.
    pub fn on(pack: &Pack, day: Date) -> Result<Phase> {
        if let Some(p) = pack.parameter(SCHEME_PARAMETER) {
            let named = match p.value_on(day).map(|v| &v.value) {
                Some(ParamValue::Kinds(k)) => k.first().map(String::as_str),
                _ => None,
            };
            return Phase::SCHEMES
                .iter()
                .find(|(id, _)| Some(*id) == named)
                .map(|(_, phase)| *phase)
                .ok_or_else(|| {
                    let ids: Vec<&str> = Phase::SCHEMES.iter().map(|(id, _)| *id).collect();
                    Error::new(
                        ErrorCode::UnknownKind,
                        format!(
                            "The pack \"{}\" names its payment scheme ({SCHEME_PARAMETER}) as {}; use one of {}.",
                            pack.id,
                            named.map_or_else(|| "nothing".to_owned(), |n| format!("\"{n}\"")),
                            ids.join(", ")
                        ),
                    )
                });
        }
        if pack.parameter("pbr-attachment-share").is_some() {
            Ok(Phase::One)
        } else if pack.parameter("pbr-attachment-fee").is_some() {
            Ok(Phase::Two)
        } else {
            Err(Error::new(
                ErrorCode::UnknownParameter,
                format!(
                    "The pack \"{}\" has no payment-by-results parameters ({SCHEME_PARAMETER}, pbr-attachment-share or pbr-attachment-fee), so no claim can be worked out with it.",
                    pack.id
                ),
            ))
        }
    }

    /// 1 or 2 for the two phases of Troubled Families; none after.
    pub fn number(self) -> Option<u8> {
        match self {
            Phase::One => Some(1),
            Phase::Two => Some(2),
            Phase::SustainedOutcomes | Phase::GrantOnly => None,
        }
    }

    /// The name on the wire (as in `pbr-scheme`).
    pub fn id(self) -> &'static str {
        Phase::SCHEMES
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("phase-1", |(id, _)| *id)
    }

    /// The scheme in words, for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Phase::One => "phase 1 (an attachment fee by programme year, then results)",
            Phase::Two => "phase 2 (an attachment fee, then one results payment)",
            Phase::SustainedOutcomes => "the 2022 outcome framework (no attachment fee; one results payment when every need identified at the start has a positive outcome sustained after the case closed)",
            Phase::GrantOnly => "a grant with no results payments",
        }
    }
}

/// The officer's record that an adult made progress to work (phase 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressToWork {
    /// The member.
    pub member: usize,
    /// The day.
    pub date: Date,
    /// Which route.
    pub kind: ProgressKind,
}

/// The officer's record of significant and sustained progress against one
/// problem, under the council's outcomes plan (phase 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeProgress {
    /// The headline problem (a criterion id of the pack, e.g. `crime-asb`).
    pub problem: String,
    /// The day the outcomes plan's test was met.
    pub date: Date,
    /// What shows it (a check, a report).
    pub evidence: String,
}

/// The officer's record of a positive outcome for one need identified at
/// the start (the 2022 outcome framework).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedOutcome {
    /// The need: an indicator id of the pack.
    pub need: String,
    /// The day the positive outcome was met.
    pub date: Date,
    /// What shows it (the data measure, a check, a report).
    pub evidence: String,
    /// The first day the positive outcome no longer held, if it lapsed.
    pub lapsed: Option<Date>,
}

/// Everything a claim is worked out from.
#[derive(Debug, Clone)]
pub struct ClaimFacts {
    /// The family, assessed on the claim date.
    pub family: Family,
    /// The day the family was attached to the programme.
    pub attachment: Date,
    /// Progress to work (phase 1).
    pub progress_to_work: Vec<ProgressToWork>,
    /// Progress against the outcomes plan (phase 2).
    pub outcomes_plan: Vec<OutcomeProgress>,
    /// The day the family's case closed (the 2022 outcome framework).
    pub closure: Option<Date>,
    /// Each need's positive outcome (the 2022 outcome framework).
    pub need_outcomes: Vec<NeedOutcome>,
    /// The council has Earned Autonomy: all its funding up front, no claims
    /// (a council fact).
    pub earned_autonomy: bool,
}

/// The checks a claim's facts must pass before the claim is worked out, one
/// by one, so that a reader can report every problem at once and the cohort
/// the first: the attachment within the claim's reach, results recorded only
/// under the phase that pays for them, by a member of the family, by the
/// claim date, against a headline problem of the pack, with evidence. Each
/// check's error names no field; the caller puts it at its own.
#[derive(Debug, Clone, Copy)]
pub struct FactsCheck<'a> {
    pack: &'a Pack,
    claim_date: Date,
    members: usize,
}

impl<'a> FactsCheck<'a> {
    /// The checks for `family` (assessed on the claim date) under `pack`.
    pub fn new(pack: &'a Pack, family: &Family) -> Self {
        Self {
            pack,
            claim_date: family.assessment_date,
            members: family.members.len(),
        }
    }

    /// The pack's phase, or why it pays no claims.
    pub fn phase(&self) -> Result<Phase> {
        Phase::of(self.pack)
    }

    /// The attachment date: on or before the claim date, at most ten years before.
    pub fn attachment(&self, attachment: Date) -> Result<()> {
        let claim_date = self.claim_date;
        if attachment > claim_date {
            return Err(Error::new(
                ErrorCode::DateOutOfRange,
                format!("The family is attached on {attachment}, after the claim date {claim_date} (the family record's assessment date); a claim comes after attachment."),
            ));
        }
        if claim_date.day_number() - attachment.day_number() > MAX_CLAIM_DAYS {
            return Err(Error::new(
                ErrorCode::DateOutOfRange,
                format!("The claim date {claim_date} is more than ten years after the attachment date {attachment}."),
            ));
        }
        Ok(())
    }

    /// Progress to work recorded at all: a phase-1 result.
    pub fn progress_to_work(&self) -> Result<()> {
        match self.phase() {
            Ok(Phase::Two) => Err(Error::new(
                ErrorCode::InvalidField,
                "Progress to work is a phase-1 result; under a phase-2 pack, record progress against the outcomes plan instead.",
            )),
            Ok(Phase::SustainedOutcomes | Phase::GrantOnly) => Err(Error::new(
                ErrorCode::InvalidField,
                "Progress to work is a phase-1 result; under the 2022 outcome framework, record each need's outcome (needOutcomes) instead.",
            )),
            _ => Ok(()),
        }
    }

    /// Progress against an outcomes plan recorded at all: a phase-2 result.
    pub fn outcomes_plan(&self) -> Result<()> {
        match self.phase() {
            Ok(Phase::One) => Err(Error::new(
                ErrorCode::InvalidField,
                "Progress against an outcomes plan is a phase-2 result; under a phase-1 pack the results are tested from the family record.",
            )),
            Ok(Phase::SustainedOutcomes | Phase::GrantOnly) => Err(Error::new(
                ErrorCode::InvalidField,
                "Progress against an outcomes plan is a phase-2 result; under the 2022 outcome framework, record each need's outcome (needOutcomes) instead.",
            )),
            _ => Ok(()),
        }
    }

    /// Need outcomes or a case closure recorded at all: facts of the 2022
    /// outcome framework (and of the grant after it, which pays none).
    pub fn need_outcomes(&self) -> Result<()> {
        match self.phase() {
            Ok(Phase::One | Phase::Two) => Err(Error::new(
                ErrorCode::InvalidField,
                "Case closure and need outcomes are facts of the 2022 outcome framework; under a phase-1 or phase-2 pack, record the results that phase pays for.",
            )),
            _ => Ok(()),
        }
    }

    /// A need an outcome is recorded for: an indicator of the pack.
    pub fn need(&self, need: &str) -> Result<()> {
        let indicators = &self.pack.indicators;
        if indicators.iter().any(|i| i.id == need) {
            return Ok(());
        }
        let ids: Vec<&str> = indicators.iter().map(|i| i.id.as_str()).collect();
        Err(Error::new(
            ErrorCode::UnknownIndicator,
            format!(
                "\"{need}\" is not a family need (an indicator) of {}; use one of {}.",
                self.pack.id,
                ids.join(", ")
            ),
        ))
    }

    /// The day a need's outcome was met: not before the attachment date, and
    /// by the claim date.
    pub fn outcome_date(&self, attachment: Date, day: Date) -> Result<()> {
        if day < attachment {
            return Err(Error::new(
                ErrorCode::DateOutOfRange,
                format!("{day} is before the attachment date {attachment}; an outcome counts from attachment."),
            ));
        }
        self.recorded(day)
    }

    /// The day the case closed: after the attachment date, by the claim date.
    pub fn closure(&self, attachment: Date, closure: Date) -> Result<()> {
        if closure <= attachment {
            return Err(Error::new(
                ErrorCode::DateOutOfRange,
                format!("The case closes on {closure}, not after the attachment date {attachment}; a case closes after the family is attached."),
            ));
        }
        self.recorded(closure)
    }

    /// The day a positive outcome lapsed: after the day it was met, by the
    /// claim date.
    pub fn lapsed(&self, met: Date, lapsed: Date) -> Result<()> {
        if lapsed <= met {
            return Err(Error::new(
                ErrorCode::DateOutOfRange,
                format!("The outcome lapses on {lapsed}, not after the day it was met ({met})."),
            ));
        }
        self.recorded(lapsed)
    }

    /// A member's index in the family record.
    pub fn member(&self, member: usize) -> Result<()> {
        let message = match self.members {
            n if member < n => return Ok(()),
            0 => format!("There is no member {member}: the family record has no members."),
            n => format!(
                "There is no member {member}: members are numbered from 0 to {}.",
                n.saturating_sub(1)
            ),
        };
        Err(Error::new(ErrorCode::InvalidField, message))
    }

    /// The day a result was recorded: by the claim date.
    pub fn recorded(&self, day: Date) -> Result<()> {
        if day <= self.claim_date {
            return Ok(());
        }
        Err(Error::new(
            ErrorCode::DateOutOfRange,
            format!(
                "{day} is after the claim date {} (the family record's assessment date).",
                self.claim_date
            ),
        ))
    }

    /// A problem progress is recorded against: a headline problem of the pack.
    pub fn problem(&self, problem: &str) -> Result<()> {
        let criteria = &self.pack.criteria;
        if criteria.iter().any(|c| c.id == problem) {
            return Ok(());
        }
        let ids: Vec<&str> = criteria.iter().map(|c| c.id.as_str()).collect();
        Err(Error::new(
            ErrorCode::UnknownCriterion,
            format!(
                "\"{problem}\" is not a headline problem of {}; use one of {}.",
                self.pack.id,
                ids.join(", ")
            ),
        ))
    }

    /// What shows a problem's progress: said.
    pub fn evidence(evidence: &str) -> Result<()> {
        if evidence.trim().is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidField,
                "Say what shows the progress (a check, a report).",
            ));
        }
        Ok(())
    }

    /// What shows a need's outcome: said.
    pub fn outcome_evidence(evidence: &str) -> Result<()> {
        if evidence.trim().is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidField,
                "Say what shows the outcome (the data measure checked, a report, a case note).",
            ));
        }
        Ok(())
    }
}

impl ClaimFacts {
    /// Every problem with these facts under `pack`, in the order of the
    /// claim's fields, each at its path within the claim (`attachmentDate`,
    /// `progressToWork[0].member`, `outcomesPlan[1].problem`); empty when a
    /// claim can be worked out from them.
    pub fn problems(&self, pack: &Pack) -> Vec<Error> {
        let check = FactsCheck::new(pack, &self.family);
        let mut found = Vec::new();
        let mut add = |result: Result<()>, path: String| {
            if let Err(e) = result {
                found.push(e.at(path));
            }
        };
        add(check.phase().map(|_| ()), "attachmentDate".to_owned());
        add(
            check.attachment(self.attachment),
            "attachmentDate".to_owned(),
        );
        if !self.progress_to_work.is_empty() {
            add(check.progress_to_work(), "progressToWork".to_owned());
        }
        for (i, p) in self.progress_to_work.iter().enumerate() {
            add(
                check.member(p.member),
                format!("progressToWork[{i}].member"),
            );
            add(check.recorded(p.date), format!("progressToWork[{i}].date"));
        }
        if !self.outcomes_plan.is_empty() {
            add(check.outcomes_plan(), "outcomesPlan".to_owned());
        }
        for (i, o) in self.outcomes_plan.iter().enumerate() {
            add(
                check.problem(&o.problem),
                format!("outcomesPlan[{i}].problem"),
            );
            add(check.recorded(o.date), format!("outcomesPlan[{i}].date"));
            add(
                FactsCheck::evidence(&o.evidence),
                format!("outcomesPlan[{i}].evidence"),
            );
        }
        if let Some(closure) = self.closure {
            add(check.need_outcomes(), "caseClosureDate".to_owned());
            add(
                check.closure(self.attachment, closure),
                "caseClosureDate".to_owned(),
            );
        }
        if !self.need_outcomes.is_empty() {
            add(check.need_outcomes(), "needOutcomes".to_owned());
        }
        for (i, o) in self.need_outcomes.iter().enumerate() {
            add(check.need(&o.need), format!("needOutcomes[{i}].need"));
            add(
                check.outcome_date(self.attachment, o.date),
                format!("needOutcomes[{i}].date"),
            );
            add(
                FactsCheck::outcome_evidence(&o.evidence),
                format!("needOutcomes[{i}].evidence"),
            );
            if let Some(lapsed) = o.lapsed {
                add(
                    check.lapsed(o.date, lapsed),
                    format!("needOutcomes[{i}].lapsedDate"),
                );
            }
        }
        found
    }
}

/// Where a result stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Met on the claim date.
    Met,
    /// Not met.
    NotMet,
    /// Not tested: it did not apply to the family at entry.
    NotRelevant,
    /// Its measuring period has not ended by the claim date.
    NotYet,
    /// Evidence it needs is not recorded.
    Missing,
}

impl Check {
    /// The name on the wire.
    pub fn id(self) -> &'static str {
        match self {
            Check::Met => "met",
            Check::NotMet => "notMet",
            Check::NotRelevant => "notRelevant",
            Check::NotYet => "notYet",
            Check::Missing => "missingEvidence",
        }
    }
}

/// A result (or one test of a result), checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultCheck {
    /// Id: `crime-asb-education`, `education`, `asb`, `youth-offending`,
    /// `progress-to-work`, `employment`, `sustained-progress`, or a problem's id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Where it stands.
    pub check: Check,
    /// What was found, in sentences.
    pub evidence: Vec<String>,
    /// What evidence is missing.
    pub missing: Vec<String>,
    /// The earliest day it can be claimed: when it was met, or (not yet) when
    /// its measuring period ends.
    pub earliest: Option<Date>,
    /// The tests it is made of.
    pub parts: Vec<ResultCheck>,
    /// The recorded days behind it, for the audit trail: `outcome` (the day
    /// a need's positive outcome was met) or `lapsed` (the day it no longer held).
    pub dated: Vec<(&'static str, Date)>,
}

impl ResultCheck {
    fn new(id: &str, title: &str) -> Self {
        Self {
            id: id.to_owned(),
            title: title.to_owned(),
            check: Check::NotMet,
            evidence: Vec::new(),
            missing: Vec::new(),
            earliest: None,
            parts: Vec::new(),
            dated: Vec::new(),
        }
    }
}

/// A way to earn a results payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRoute {
    /// The result and its evidence.
    pub result: ResultCheck,
    /// What it pays when met.
    pub amount: Money,
    /// What it pays in this claim.
    pub paid: Money,
}

/// A family's claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The phase.
    pub phase: Phase,
    /// The programme year of attachment (phase 1).
    pub programme_year: Option<u32>,
    /// The attachment date.
    pub attachment: Date,
    /// The claim date.
    pub claim_date: Date,
    /// The pack's decision on the attachment date.
    pub status_at_attachment: Status,
    /// The criteria (headline problems) met on the attachment date: id and title.
    pub problems_at_attachment: Vec<(String, String)>,
    /// The most the family can earn.
    pub maximum: Money,
    /// The attachment fee the family's deal carries.
    pub attachment_fee: Money,
    /// The results share (phase 1) or results payment (phase 2).
    pub results_share: Money,
    /// The ways to earn it.
    pub routes: Vec<ResultRoute>,
    /// The attachment fee claimable.
    pub attachment_paid: Money,
    /// The results payment claimable.
    pub results_paid: Money,
    /// Attachment and results claimable.
    pub total: Money,
    /// What the family maximum cut off (zero with the published rates).
    pub capped: Money,
    /// The earliest day the results payment can be claimed.
    pub results_earliest: Option<Date>,
    /// The payment parameters used, as in force on the attachment date.
    pub parameters: Vec<(String, DatedValue)>,
    /// Remarks: code and sentence.
    pub notes: Vec<(&'static str, String)>,
    /// The needs (indicators) met on the attachment date: id and title (the
    /// 2022 outcome framework; empty before it).
    pub needs_at_attachment: Vec<(String, String)>,
    /// The day the case closed, as recorded.
    pub closure: Option<Date>,
    /// The end of the sustainment window: the case closure plus the months
    /// each outcome must hold (the 2022 outcome framework).
    pub sustained_by: Option<Date>,
    /// Why nothing can be claimed at all under the council's deal, when so:
    /// `earnedAutonomy` or `resultsEnded`, and a sentence.
    pub no_claims: Option<(&'static str, String)>,
}

// ---------------------------------------------------------------- parameters

/// Reads a pack's payment parameters on one day, keeping those it used.
struct Params<'a> {
    pack: &'a Pack,
    day: Date,
    used: Vec<(String, DatedValue)>,
}

impl<'a> Params<'a> {
    fn value(&mut self, id: &str) -> Result<&'a DatedValue> {
        let value = self
            .pack
            .parameter(id)
            .and_then(|p| p.value_on(self.day))
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownParameter,
                    format!(
                        "The pack \"{}\" has no value for the payment parameter \"{id}\".",
                        self.pack.id
                    ),
                )
            })?;
        if !self.used.iter().any(|(u, _)| u == id) {
            self.used.push((id.to_owned(), value.clone()));
        }
        Ok(value)
    }

    fn number(&mut self, id: &str) -> Result<Decimal> {
        match &self.value(id)?.value {
            ParamValue::Number(d) => Ok(*d),
            _ => Err(Error::new(
                ErrorCode::InvalidNumber,
                format!("The payment parameter \"{id}\" is not a number."),
            )),
        }
    }

    /// An amount in pounds, written to the penny (`4000` → `4000.00`).
    fn money(&mut self, id: &str) -> Result<Money> {
        self.number(id)
            .map(|d| Money::from_decimal(d).round(Rounding::Penny))
    }

    fn whole(&mut self, id: &str) -> Result<u32> {
        let n = self.number(id)?;
        n.to_u32().filter(|_| n.fract().is_zero()).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidNumber,
                format!("The payment parameter \"{id}\" is not a whole number."),
            )
        })
    }

    fn kinds(&mut self, id: &str) -> Result<Vec<String>> {
        match &self.value(id)?.value {
            ParamValue::Kinds(k) => Ok(k.clone()),
            _ => Err(Error::new(
                ErrorCode::InvalidNumber,
                format!("The payment parameter \"{id}\" is not a list of kinds."),
            )),
        }
    }
}

/// `amount × percent ÷ 100`, to the penny.
fn share(amount: Money, percent: Decimal) -> Result<Money> {
    Ok(amount
        .checked_mul(percent)?
        .checked_div(Decimal::ONE_HUNDRED)?
        .round(Rounding::Penny))
}

/// `(before − after) × 100 ≥ percent × before`, exactly.
fn reduced_by(before: u64, after: u64, percent: Decimal) -> bool {
    let (Some(before_d), Some(after_d)) = (Decimal::from_u64(before), Decimal::from_u64(after))
    else {
        return false;
    };
    match (
        before_d
            .checked_sub(after_d)
            .and_then(|fall| fall.checked_mul(Decimal::ONE_HUNDRED)),
        percent.checked_mul(before_d),
    ) {
        (Some(lhs), Some(rhs)) => lhs >= rhs,
        _ => false,
    }
}

/// "down 75.0 %", "up 50.0 %", "no change".
fn change(before: u64, after: u64) -> String {
    match after.cmp(&before) {
        std::cmp::Ordering::Less => {
            format!("down {}", crate::money::percent_of(before - after, before))
        }
        std::cmp::Ordering::Greater => {
            format!(
                "up {}",
                crate::money::percent_of(after - before, before.max(1))
            )
        }
        std::cmp::Ordering::Equal => "no change".to_owned(),
    }
}

/// A benefit's name for sentences: `jsa` → "JSA".
fn benefit_name(kind: &str) -> &str {
    match BenefitKind::parse(kind) {
        Some(k) => k.label(),
        None => kind,
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

// -------------------------------------------------------------------- claims

/// Where a family stood on its attachment date, under the pack.
#[derive(Debug, Clone)]
struct AtEntry {
    status: Status,
    criteria_met: usize,
    /// The criteria it met: (id, title).
    problems: Vec<(String, String)>,
    /// True when it met the `education` group (phase 1).
    education: bool,
    /// The indicators met in counted criteria (the family's needs under the
    /// 2022 outcome framework): (id, title). Empty before it.
    needs: Vec<(String, String)>,
}

/// The needs of an assessment: each indicator met in a counted criterion.
fn needs_of(pack: &Pack, e: &rules::Assessment) -> Vec<(String, String)> {
    e.groups
        .iter()
        .filter(|g| g.counted)
        .flat_map(|g| g.indicators.iter().filter(|i| i.met))
        .filter_map(|i| pack.indicators.get(i.index))
        .map(|i| (i.id.clone(), i.title.clone()))
        .collect()
}

/// Works out a family's claim under its pack.
pub fn claim(pack: &Pack, facts: &ClaimFacts) -> Result<Claim> {
    claim_as(pack, facts, |family| {
        let e = rules::evaluate(pack, family)?;
        Ok(AtEntry {
            status: e.status,
            criteria_met: e.criteria_met,
            problems: e
                .groups
                .iter()
                .filter(|g| g.counted && g.met)
                .map(|g| (g.id.clone(), g.title.clone()))
                .collect(),
            education: e.groups.iter().any(|g| g.id == "education" && g.met),
            needs: needs_of(pack, &e),
        })
    })
}

/// [`claim`], with the family's standing at attachment decided by a prepared
/// [`DecisionPlan`] (as the cohort decides every family: the same measures
/// and comparisons as [`rules::evaluate`], without the explanations a claim
/// does not show). The answer is the same.
pub fn claim_with_plan(plan: &DecisionPlan, facts: &ClaimFacts) -> Result<Claim> {
    let pack = plan.pack();
    // The 2022 framework pays by need: its needs come from the full evaluation.
    let by_need = matches!(
        Phase::on(pack, facts.attachment),
        Ok(Phase::SustainedOutcomes)
    );
    claim_as(pack, facts, |family| {
        let d = plan.decide(family)?;
        let needs = if by_need {
            needs_of(pack, &rules::evaluate(pack, family)?)
        } else {
            Vec::new()
        };
        let groups = pack.criteria.iter().chain(&pack.filters).enumerate();
        Ok(AtEntry {
            status: d.status,
            criteria_met: d.criteria_met,
            problems: pack
                .criteria
                .iter()
                .enumerate()
                .filter(|(g, _)| d.group_met(*g))
                .map(|(_, c)| (c.id.clone(), c.title.clone()))
                .collect(),
            education: groups
                .filter(|(_, c)| c.id == "education")
                .any(|(g, _)| d.group_met(g)),
            needs,
        })
    })
}

/// The claim, with `assess` telling where the family stands under the pack
/// on a day (its record's assessment date): on the attachment date, and on
/// the claim date.
fn claim_as(
    pack: &Pack,
    facts: &ClaimFacts,
    assess: impl Fn(&Family) -> Result<AtEntry>,
) -> Result<Claim> {
    let family = &facts.family;
    let claim_date = family.assessment_date;
    let attachment = facts.attachment;
    FactsCheck::new(pack, family).attachment(attachment)?;
    let phase = Phase::on(pack, attachment)?;
    let mut params = Params {
        pack,
        day: attachment,
        used: Vec::new(),
    };
    // The pack as at the attachment date: in the programme, and with which problems.
    let mut at_entry = family.clone();
    at_entry.assessment_date = attachment;
    let entry = assess(&at_entry)?;
    let problems = entry.problems.clone();
    let eligible = entry.status != Status::NotEligible;
    let mut notes = Vec::new();
    if !pack.in_force_on(attachment) {
        notes.push((
            "pack_not_in_force",
            format!(
                "The pack {} applies from {}{}; the attachment date {attachment} is outside it, so each payment parameter's nearest value was used.",
                pack.id,
                pack.valid_from,
                pack.valid_to.map_or_else(String::new, |to| format!(" to {to}"))
            ),
        ));
    }
    if !eligible {
        notes.push((
            "not_eligible_at_attachment",
            format!(
                "On the attachment date {attachment} the family was not eligible under {} ({} of {} {} met), so nothing can be claimed for it.",
                pack.id,
                entry.criteria_met,
                pack.criteria.len(),
                pack.criteria_label
            ),
        ));
    }

    if pack.parameter(SCHEME_PARAMETER).is_some() {
        params.kinds(SCHEME_PARAMETER)?;
    }
    let employment_kinds = match phase {
        Phase::One | Phase::Two => params.kinds("out-of-work-benefits").unwrap_or_default(),
        Phase::SustainedOutcomes | Phase::GrantOnly => Vec::new(),
    };
    let mut sustained_by = None;
    let (programme_year, maximum, attachment_fee, results_share, mut routes) = match phase {
        Phase::One => {
            let year = params.whole("pbr-programme-year")?;
            let maximum = params.money("pbr-family-maximum")?;
            let fee = share(maximum, params.number("pbr-attachment-share")?)?;
            let results = maximum.checked_sub(fee)?;
            let cae = crime_asb_education(&mut params, facts, &entry)?;
            let ptw = progress_to_work(facts);
            let weeks = params.whole("pbr-employment-weeks")?;
            let emp = employment(facts, &employment_kinds, &|_| (weeks, weeks));
            let routes = vec![
                ResultRoute {
                    amount: share(results, params.number("pbr-crime-education-share")?)?,
                    result: cae,
                    paid: Money::ZERO,
                },
                ResultRoute {
                    amount: share(results, params.number("pbr-progress-to-work-share")?)?,
                    result: ptw,
                    paid: Money::ZERO,
                },
                ResultRoute {
                    amount: share(results, params.number("pbr-employment-share")?)?,
                    result: emp,
                    paid: Money::ZERO,
                },
            ];
            (Some(year), maximum, fee, results, routes)
        }
        Phase::Two => {
            let fee = params.money("pbr-attachment-fee")?;
            let results = params.money("pbr-results-payment")?;
            let maximum = fee.checked_add(results)?;
            let jsa = params.kinds("pbr-employment-jsa-kinds")?;
            let long = (
                params.whole("pbr-employment-weeks-jsa")?,
                params.whole("pbr-employment-window-jsa")?,
            );
            let short = (
                params.whole("pbr-employment-weeks-other")?,
                params.whole("pbr-employment-window-other")?,
            );
            let ssp = sustained_progress(facts, &problems, &assess)?;
            let emp = employment(facts, &employment_kinds, &|kinds: &[String]| {
                if kinds.iter().any(|k| jsa.contains(k)) {
                    long
                } else {
                    short
                }
            });
            let routes = vec![
                ResultRoute {
                    amount: results,
                    result: ssp,
                    paid: Money::ZERO,
                },
                ResultRoute {
                    amount: results,
                    result: emp,
                    paid: Money::ZERO,
                },
            ];
            (None, maximum, fee, results, routes)
        }
        Phase::SustainedOutcomes => {
            let results = params.money("pbr-results-payment")?;
            let months = params.whole("pbr-sustain-months")?;
            sustained_by = facts.closure.map(|c| c.months_after(months));
            let outcomes = sustained_outcomes(facts, &entry.needs, months, sustained_by);
            let routes = vec![ResultRoute {
                amount: results,
                result: outcomes,
                paid: Money::ZERO,
            }];
            (None, results, Money::ZERO, results, routes)
        }
        Phase::GrantOnly => (None, Money::ZERO, Money::ZERO, Money::ZERO, Vec::new()),
    };

    // The results payment: the best-paying set of results met. In phase 1
    // employment is an alternative to the other two, which add up; in phase 2
    // there is one results payment, whichever result earns it; under the
    // 2022 framework one result, and under a grant none.
    let met = |r: &ResultRoute| r.result.check == Check::Met;
    let chosen: Vec<usize> = match phase {
        Phase::One => {
            let others: Vec<usize> = [0, 1]
                .into_iter()
                .filter(|&i| routes.get(i).is_some_and(met))
                .collect();
            let others_pay = Money::sum(
                others
                    .iter()
                    .filter_map(|&i| routes.get(i).map(|r| r.amount)),
            )?;
            match routes.get(2) {
                Some(e) if met(e) && e.amount >= others_pay => vec![2],
                _ => others,
            }
        }
        Phase::Two | Phase::SustainedOutcomes => routes
            .iter()
            .enumerate()
            .filter(|(_, r)| met(r))
            .min_by_key(|(_, r)| r.result.earliest)
            .map(|(i, _)| vec![i])
            .unwrap_or_default(),
        Phase::GrantOnly => Vec::new(),
    };
    let no_claims = if phase == Phase::GrantOnly {
        Some(("resultsEnded", results_ended(pack, attachment)))
    } else if facts.earned_autonomy {
        Some(("earnedAutonomy", EARNED_AUTONOMY.to_owned()))
    } else {
        None
    };
    let paying = eligible && no_claims.is_none();
    let mut results_paid = Money::ZERO;
    let mut results_earliest: Option<Date> = None;
    if paying {
        for &i in &chosen {
            if let Some(r) = routes.get_mut(i) {
                r.paid = r.amount;
                results_paid = results_paid.checked_add(r.amount)?;
                results_earliest = results_earliest.max(r.result.earliest);
            }
        }
    }
    let attachment_paid = if paying { attachment_fee } else { Money::ZERO };
    let mut total = attachment_paid.checked_add(results_paid)?;
    let mut capped = Money::ZERO;
    if total > maximum {
        capped = total.checked_sub(maximum)?;
        total = maximum;
        results_paid = results_paid.checked_sub(capped)?;
        // The cut comes off the results paid, the last first, so that what
        // each result pays adds up to the results payment.
        let mut cut = capped;
        for r in routes.iter_mut().rev() {
            let off = cut.min(r.paid);
            r.paid = r.paid.checked_sub(off)?;
            cut = cut.checked_sub(off)?;
        }
        notes.push((
            "family_maximum",
            format!("The attachment fee and results come to {}, more than the family maximum of {maximum}; the results payment is cut by {capped}.", total.checked_add(capped)?),
        ));
    }
    if phase == Phase::Two && routes.iter().filter(|r| met(r)).count() > 1 {
        notes.push((
            "one_results_payment",
            "Both results are met; a family earns one results payment, for the result met first."
                .to_owned(),
        ));
    }
    if phase == Phase::One {
        let others_met = routes.iter().take(2).any(met);
        if routes.get(2).is_some_and(met) && others_met {
            notes.push((
                "employment_alternative",
                "Continuous employment pays the whole results share instead of the other results, not as well as them.".to_owned(),
            ));
        }
    }

    Ok(Claim {
        phase,
        programme_year,
        attachment,
        claim_date,
        status_at_attachment: entry.status,
        problems_at_attachment: problems,
        maximum,
        attachment_fee,
        results_share,
        routes,
        attachment_paid,
        results_paid,
        total,
        capped,
        results_earliest,
        parameters: params.used,
        notes,
        needs_at_attachment: entry.needs,
        closure: facts.closure,
        sustained_by,
        no_claims,
    })
}

/// Why a council with Earned Autonomy claims nothing.
pub const EARNED_AUTONOMY: &str = "No claims: the council has Earned Autonomy, under which all its funding is provided up front rather than a proportion as payment by results (Supporting Families Earned Autonomy prospectus, gov.uk). The needs' outcomes are shown for the council's own records; nothing is claimed for them.";

/// The sentence that results payments ended, from the pack's scheme
/// parameter: its evidence tag and source, as the pack states them.
pub fn results_ended(pack: &Pack, day: Date) -> String {
    let (tag, source, from) = match pack.parameter(SCHEME_PARAMETER) {
        Some(p) => (
            p.evidence.as_str(),
            p.source.trim_end_matches('.'),
            p.value_on(day).map_or(pack.valid_from, |v| v.from),
        ),
        None => ("", "", pack.valid_from),
    };
    let tag = if tag.is_empty() {
        String::new()
    } else {
        format!(" [{tag}]")
    };
    format!(
        "No results payments: under {} the programme is paid as a grant from {from}, with no payment by results, so there is nothing to claim for this family (the pack's {SCHEME_PARAMETER}{tag}: {source}).",
        pack.id
    )
}

// ------------------------------------------------- 2022 outcome framework

/// Where one need's recorded outcome stands: its check, the earliest day it
/// can be claimed, and what was found or is missing.
fn need_outcome(
    o: &NeedOutcome,
    title: &str,
    closure: Option<Date>,
    sustained_by: Option<Date>,
    months: u32,
    claim_date: Date,
) -> ResultCheck {
    let mut part = ResultCheck::new(&o.need, title);
    part.dated.push(("outcome", o.date));
    if let Some(l) = o.lapsed {
        part.dated.push(("lapsed", l));
    }
    part.evidence.push(format!(
        "A positive outcome met on {}: {}.",
        o.date,
        o.evidence.trim().trim_end_matches('.')
    ));
    if let Some(l) = o.lapsed {
        part.evidence
            .push(format!("The outcome lapsed (no longer held) on {l}."));
    }
    let (Some(closure), Some(end)) = (closure, sustained_by) else {
        part.check = Check::Missing;
        part.missing.push(format!(
            "{title}: record the day the case closed; the outcome must hold {} after it.",
            plural(u64::from(months), "month", "months")
        ));
        return part;
    };
    match o.lapsed {
        Some(l) if l <= end => {
            part.check = Check::NotMet;
            part.evidence.push(format!(
                "Not sustained: it lapsed on {l}, before {end}, {} after the case closed on {closure}.",
                plural(u64::from(months), "month", "months")
            ));
        }
        _ => {
            let earliest = end.max(o.date);
            part.earliest = Some(earliest);
            if earliest <= claim_date {
                part.check = Check::Met;
                part.evidence.push(format!(
                    "Sustained to {end}, {} after the case closed on {closure}.",
                    plural(u64::from(months), "month", "months")
                ));
            } else {
                part.check = Check::NotYet;
                part.evidence.push(format!(
                    "It must still hold on {end}, {} after the case closed on {closure}: claimable from {earliest}.",
                    plural(u64::from(months), "month", "months")
                ));
            }
        }
    }
    part
}

/// The 2022 framework's result: a positive outcome for every need met on
/// the attachment date, each sustained `months` after the case closed.
fn sustained_outcomes(
    facts: &ClaimFacts,
    needs: &[(String, String)],
    months: u32,
    sustained_by: Option<Date>,
) -> ResultCheck {
    let claim_date = facts.family.assessment_date;
    let mut r = ResultCheck::new(
        "sustained-outcomes",
        "A positive outcome for every need identified at the start, sustained after the case closed",
    );
    // The order a need's outcomes are preferred in: met, then not yet, then
    // missing, then not sustained; the earliest first.
    let rank = |c: Check| match c {
        Check::Met => 0,
        Check::NotYet => 1,
        Check::Missing => 2,
        Check::NotMet | Check::NotRelevant => 3,
    };
    for (id, title) in needs {
        let best = facts
            .need_outcomes
            .iter()
            .filter(|o| &o.need == id && o.date >= facts.attachment)
            .map(|o| need_outcome(o, title, facts.closure, sustained_by, months, claim_date))
            .min_by_key(|p| (rank(p.check), p.earliest));
        let part = best.unwrap_or_else(|| {
            let mut part = ResultCheck::new(id, title);
            part.check = Check::Missing;
            part.missing.push(format!(
                "{title}: record the day a positive outcome was met and what shows it (the data measure checked, a report, a case note)."
            ));
            part
        });
        r.parts.push(part);
    }
    for o in &facts.need_outcomes {
        if !needs.iter().any(|(id, _)| id == &o.need) {
            r.evidence.push(format!(
                "An outcome recorded for \"{}\", a need the family did not have on the attachment date, is not needed.",
                o.need
            ));
        }
    }
    r.evidence
        .push("Continuous employment is not a route to this results payment.".to_owned());
    combine(&mut r);
    if needs.is_empty() {
        r.evidence
            .push("The family had no need on the attachment date.".to_owned());
    } else if r.check != Check::Met {
        let held: Vec<String> = r
            .parts
            .iter()
            .filter(|p| p.check != Check::Met)
            .map(|p| match (p.check, p.earliest) {
                (Check::NotYet, Some(d)) => format!("{} (not yet: from {d})", p.title),
                (Check::Missing, _) => format!("{} (evidence missing)", p.title),
                _ => format!("{} (not sustained)", p.title),
            })
            .collect();
        r.evidence
            .push(format!("Held back by: {}.", held.join("; ")));
    }
    r
}

// ------------------------------------------------------------------ phase 1

/// Combines tests into a result: met when every relevant test is met and at
/// least one is relevant.
fn combine(result: &mut ResultCheck) {
    let relevant: Vec<&ResultCheck> = result
        .parts
        .iter()
        .filter(|p| p.check != Check::NotRelevant)
        .collect();
    let any = |c: Check| relevant.iter().any(|p| p.check == c);
    result.check = if relevant.is_empty() {
        Check::NotRelevant
    } else if any(Check::NotMet) {
        Check::NotMet
    } else if any(Check::Missing) {
        Check::Missing
    } else if any(Check::NotYet) {
        Check::NotYet
    } else {
        Check::Met
    };
    result.earliest = if relevant.iter().all(|p| p.earliest.is_some()) {
        relevant.iter().filter_map(|p| p.earliest).max()
    } else {
        None
    };
    let missing: Vec<String> = relevant.iter().flat_map(|p| p.missing.clone()).collect();
    result.missing = missing;
}

fn crime_asb_education(
    params: &mut Params<'_>,
    facts: &ClaimFacts,
    entry: &AtEntry,
) -> Result<ResultCheck> {
    let mut result = ResultCheck::new(
        "crime-asb-education",
        "Crime, anti-social behaviour and education",
    );
    let months = params.whole("pbr-outcome-window-months")?;
    let asb_cut = params.number("pbr-asb-reduction")?;
    let youth_cut = params.number("pbr-youth-offending-reduction")?;
    let terms = params.whole("pbr-result-school-terms")?;
    let exclusions = params.whole("pbr-result-fixed-term-exclusions")?;
    let absence = params.number("pbr-result-unauthorised-absence")?;
    let education_at_entry = entry.education;
    result.parts = vec![
        education(facts, education_at_entry, terms, exclusions, absence)?,
        reduction(facts, months, asb_cut, false),
        reduction(facts, months, youth_cut, true),
    ];
    if result.parts.iter().all(|p| p.check == Check::NotRelevant) {
        result.evidence.push(
            "None of its tests applied to the family when it was attached, so this result cannot be earned.".to_owned(),
        );
    }
    combine(&mut result);
    Ok(result)
}

fn education(
    facts: &ClaimFacts,
    relevant: bool,
    terms_needed: u32,
    exclusion_limit: u32,
    absence_limit: Decimal,
) -> Result<ResultCheck> {
    let family = &facts.family;
    let mut r = ResultCheck::new(
        "education",
        "Education: every child attending and not excluded",
    );
    if !relevant {
        r.check = Check::NotRelevant;
        r.evidence.push(
            "The family did not meet the education criterion when it was attached.".to_owned(),
        );
        return Ok(r);
    }
    let children: Vec<usize> = (0..family.members.len())
        .filter(|&i| family.members.get(i).is_some_and(|m| family.is_child(m)))
        .collect();
    if children.is_empty() {
        r.check = Check::NotRelevant;
        r.evidence
            .push("There is no child in the household on the claim date.".to_owned());
        return Ok(r);
    }
    // The first whole terms that start on or after the attachment date.
    let mut after: Vec<usize> = (0..family.school_terms.len())
        .filter(|&t| {
            family
                .school_terms
                .get(t)
                .is_some_and(|term| term.start >= facts.attachment)
        })
        .collect();
    crate::family::sort_small_by_key(&mut after, |&t| family.school_terms.get(t).map(|x| x.start));
    let needed = usize::try_from(terms_needed).unwrap_or(usize::MAX);
    let window: Vec<usize> = after.into_iter().take(needed).collect();
    let names: Vec<String> = window
        .iter()
        .filter_map(|&t| family.school_terms.get(t).map(|x| x.name.clone()))
        .collect();
    if window.len() < needed {
        r.check = Check::Missing;
        r.missing.push(format!(
            "{terms_needed} school terms starting on or after the attachment date are needed; {} listed{}.",
            window.len(),
            if names.is_empty() { String::new() } else { format!(" ({})", names.join(", ")) }
        ));
        return Ok(r);
    }
    let (Some(first), Some(last)) = (
        window.first().and_then(|&t| family.school_terms.get(t)),
        window.last().and_then(|&t| family.school_terms.get(t)),
    ) else {
        return Ok(r);
    };
    let (from, to) = (first.start, last.end);
    r.earliest = Some(to);
    let mut failed = false;
    let mut excluded = false;
    for &c in &children {
        let Some(child) = family.members.get(c) else {
            continue;
        };
        let label = rules::member_label(family, Some(c));
        let fixed = child
            .exclusions
            .iter()
            .filter(|e| e.kind == "fixedTerm" && from <= e.date && e.date <= to)
            .count() as u64;
        let mut unauthorised: u64 = 0;
        let mut possible: u64 = 0;
        let mut gaps = Vec::new();
        for &t in &window {
            match child.attendance.iter().find(|a| a.term == t) {
                Some(a) => {
                    unauthorised = unauthorised.saturating_add(u64::from(a.unauthorised));
                    possible = possible.saturating_add(u64::from(a.possible));
                }
                None => gaps.push(
                    family
                        .school_terms
                        .get(t)
                        .map(|x| x.name.clone())
                        .unwrap_or_default(),
                ),
            }
        }
        if u64::from(exclusion_limit) <= fixed {
            excluded = true;
        }
        let absence_ok = Decimal::from(unauthorised)
            .checked_mul(Decimal::ONE_HUNDRED)
            .zip(absence_limit.checked_mul(Decimal::from(possible)))
            .is_some_and(|(lhs, rhs)| lhs < rhs);
        if !gaps.is_empty() {
            r.missing.push(format!(
                "{label}: attendance for {} is not recorded.",
                gaps.join(", ")
            ));
        } else if possible == 0 {
            r.missing.push(format!(
                "{label}: no possible sessions are recorded for those terms."
            ));
        } else if !absence_ok {
            failed = true;
        }
        r.evidence.push(format!(
            "{label}: {} (fewer than {exclusion_limit} needed) and {} unauthorised absence ({unauthorised} of {possible} sessions; less than {} % needed) over {}.",
            plural(fixed, "fixed-term exclusion", "fixed-term exclusions"),
            crate::money::percent_of(unauthorised, possible),
            absence_limit.normalize(),
            names.join(", ")
        ));
    }
    r.check = if excluded {
        Check::NotMet
    } else if to > facts.family.assessment_date {
        r.evidence.push(format!(
            "The third term after attachment ends on {to}, after the claim date."
        ));
        Check::NotYet
    } else if !r.missing.is_empty() {
        Check::Missing
    } else if failed {
        Check::NotMet
    } else {
        Check::Met
    };
    Ok(r)
}

/// Anti-social behaviour across the family (`youth` false), or offending by
/// the under-18s at attachment (`youth` true), down by `cut` percent.
fn reduction(facts: &ClaimFacts, months: u32, cut: Decimal, youth: bool) -> ResultCheck {
    let family = &facts.family;
    let claim_date = family.assessment_date;
    let attachment = facts.attachment;
    let (id, title, noun) = if youth {
        (
            "youth-offending",
            "Youth offending down",
            "proven offences by the under-18s",
        )
    } else {
        (
            "asb",
            "Anti-social behaviour down",
            "anti-social behaviour interventions across the family",
        )
    };
    let mut r = ResultCheck::new(id, title);
    // The under-18s on the attachment date.
    let child_then = |m: &crate::family::Member| {
        let age = match m.birth {
            crate::family::Birth::DateOfBirth(born) => born.age_on(attachment),
            // An age given is an age on the claim date: younger by the years between.
            crate::family::Birth::Age(years) => {
                years.saturating_sub(claim_date.year().saturating_sub(attachment.year()))
            }
        };
        age < crate::family::CHILD_AGE_LIMIT
    };
    let members: Vec<usize> = (0..family.members.len())
        .filter(|&i| !youth || family.members.get(i).is_some_and(child_then))
        .collect();
    let count = |from: Date, to: Date| -> u64 {
        members
            .iter()
            .filter_map(|&i| family.members.get(i))
            .map(|m| {
                let events = if youth { &m.offences } else { &m.asb };
                events
                    .iter()
                    .filter(|e| from <= e.date && e.date <= to)
                    .count() as u64
            })
            .sum()
    };
    let baseline_from = attachment.months_before(months);
    let before = count(baseline_from, attachment);
    if before == 0 {
        r.check = Check::NotRelevant;
        r.evidence.push(format!(
            "No {noun} in the {months} months to the attachment date ({baseline_from} to {attachment}), so this is not tested."
        ));
        return r;
    }
    let earliest = attachment
        .next_day()
        .unwrap_or(attachment)
        .months_after(months);
    r.earliest = Some(earliest);
    if claim_date < earliest {
        r.check = Check::NotYet;
        r.evidence.push(format!(
            "{before} {noun} in the {months} months to the attachment date; the first full {months} months after it end on {earliest}, after the claim date."
        ));
        return r;
    }
    let current_from = claim_date.months_before(months);
    let after = count(current_from, claim_date);
    let met = reduced_by(before, after, cut);
    r.check = if met { Check::Met } else { Check::NotMet };
    r.evidence.push(format!(
        "{before} {noun} from {baseline_from} to {attachment}, {after} from {current_from} to {claim_date}: {} ({} % or more needed).",
        change(before, after),
        cut.normalize()
    ));
    if !met {
        r.earliest = None;
    }
    r
}

fn progress_to_work(facts: &ClaimFacts) -> ResultCheck {
    let family = &facts.family;
    let mut r = ResultCheck::new(
        "progress-to-work",
        "Progress to work: the Work Programme or ESF provision",
    );
    let mut first: Option<Date> = None;
    for p in &facts.progress_to_work {
        let label = rules::member_label(family, Some(p.member));
        let what = p.kind.label();
        let adult = family
            .members
            .get(p.member)
            .is_some_and(|m| !family.is_child(m));
        if !adult {
            r.evidence.push(format!(
                "{label} {what} on {}, but is not an adult: not counted.",
                p.date
            ));
        } else if p.date < facts.attachment {
            r.evidence.push(format!(
                "{label} {what} on {}, before the attachment date: not counted.",
                p.date
            ));
        } else {
            r.evidence.push(format!("{label} {what} on {}.", p.date));
            first = first.map_or(Some(p.date), |f| Some(f.min(p.date)));
        }
    }
    match first {
        Some(d) => {
            r.check = Check::Met;
            r.earliest = Some(d);
        }
        None => {
            r.check = Check::Missing;
            r.missing.push("No adult's volunteering for the Work Programme, or attachment to ESF provision, since the attachment date is recorded.".to_owned());
        }
    }
    r
}

// ---------------------------------------------------------------- employment

fn covers(s: &Spell, day: Date) -> bool {
    s.from <= day && s.to.is_none_or(|to| day <= to)
}

/// Continuous employment: an adult on an out-of-work benefit (of `kinds`) on
/// the attachment date, later in work and off those benefits for
/// `needed` of the last `window` weeks, by the weeks its benefit sets. A week
/// is the 7 days ending on a day; it counts when the adult is in work, and
/// on no such benefit, on all 7, all after attachment.
/// For an adult with a job: the first day (counted from the attachment date)
/// on which `needed` of the last `window` weeks were in work and off benefit,
/// if any, within the claim date plus a window; and how many of the `window`
/// weeks to the claim date were.
fn weeks_in_work(
    m: &crate::family::Member,
    kinds: &[String],
    attachment: Date,
    claim_date: Date,
    needed: u32,
    window: u32,
) -> (Option<usize>, usize) {
    let start = attachment.day_number();
    let end = claim_date.day_number() + 7 * i64::from(window);
    let good: Vec<u32> = (start..=end)
        .map(|n| {
            let day = Date::from_day_number(n).unwrap_or(Date::MAX);
            let working = m.employment.iter().any(|j| covers(j, day));
            let on_benefit = m
                .benefits
                .iter()
                .any(|b| kinds.iter().any(|k| k == b.kind) && covers(b, day));
            u32::from(working && !on_benefit)
        })
        .collect();
    // prefix[k] = good days among the first k days.
    let mut prefix = Vec::with_capacity(good.len() + 1);
    prefix.push(0u32);
    for g in &good {
        prefix.push(prefix.last().copied().unwrap_or(0) + g);
    }
    let good_week = |last: usize| -> bool {
        // The week of days last-6 ..= last (indices from the attachment date).
        last >= 6
            && prefix.get(last + 1).copied().unwrap_or(0)
                - prefix.get(last - 6).copied().unwrap_or(0)
                == 7
    };
    let window_days = usize::try_from(window).unwrap_or(0);
    let mut found: Option<usize> = None;
    for e in 0..good.len() {
        let weeks = (0..window_days)
            .filter(|k| e >= 7 * k && good_week(e - 7 * k))
            .count() as u32;
        if weeks >= needed && needed > 0 {
            found = Some(e);
            break;
        }
    }
    let upto = usize::try_from(claim_date.day_number() - start).unwrap_or(0);
    let by_claim = (0..window_days)
        .filter(|k| upto >= 7 * k && good_week(upto - 7 * k))
        .count();
    (found, by_claim)
}

fn employment(
    facts: &ClaimFacts,
    kinds: &[String],
    weeks_for: &dyn Fn(&[String]) -> (u32, u32),
) -> ResultCheck {
    let family = &facts.family;
    let claim_date = family.assessment_date;
    let attachment = facts.attachment;
    let mut r = ResultCheck::new("employment", "Continuous employment");
    let mut any = false;
    let mut best: Option<(Date, bool)> = None; // (earliest day, reached by the claim date)
    for (i, m) in family.members.iter().enumerate() {
        if family.is_child(m) {
            continue;
        }
        let claimed: Vec<String> = m
            .benefits
            .iter()
            .filter(|b| kinds.iter().any(|k| k == b.kind) && covers(b, attachment))
            .map(|b| b.kind.to_owned())
            .collect();
        if claimed.is_empty() {
            continue;
        }
        any = true;
        let label = rules::member_label(family, Some(i));
        let (needed, window) = weeks_for(&claimed);
        // Days from the attachment date to the claim date and a window beyond,
        // to see when a job still going would qualify. Without any job, no day
        // is a good one: nothing to count.
        let (found, by_claim) = if m.employment.is_empty() {
            (None, 0)
        } else {
            weeks_in_work(m, kinds, attachment, claim_date, needed, window)
        };
        let rule = if needed == window {
            format!("{needed} continuous weeks")
        } else {
            format!("{needed} of the last {window} weeks")
        };
        let benefit = claimed
            .iter()
            .map(|k| benefit_name(k))
            .collect::<Vec<_>>()
            .join(" and ");
        match found {
            Some(e) => {
                let day = attachment.plus_days(e as i64);
                let reached = day <= claim_date;
                if reached {
                    r.evidence.push(format!(
                        "{label}, on {benefit} when the family was attached, was in work and off benefit for {rule} by {day}."
                    ));
                } else {
                    r.evidence.push(format!(
                        "{label}, on {benefit} when the family was attached, is in work: {rule} in work and off benefit are reached on {day} if the job continues."
                    ));
                }
                best = match best {
                    Some((d, ok))
                        if (ok, std::cmp::Reverse(d)) >= (reached, std::cmp::Reverse(day)) =>
                    {
                        Some((d, ok))
                    }
                    _ => Some((day, reached)),
                };
            }
            None => {
                r.evidence.push(format!(
                    "{label}, on {benefit} when the family was attached: {} in work and off benefit in the {window} weeks to the claim date ({rule} needed).",
                    plural(by_claim as u64, "week", "weeks")
                ));
            }
        }
    }
    if !any {
        r.check = Check::NotRelevant;
        r.evidence
            .push("No adult was on an out-of-work benefit on the attachment date.".to_owned());
        return r;
    }
    match best {
        Some((day, true)) => {
            r.check = Check::Met;
            r.earliest = Some(day);
        }
        Some((day, false)) => {
            r.check = Check::NotYet;
            r.earliest = Some(day);
        }
        None => r.check = Check::NotMet,
    }
    r
}

// ------------------------------------------------------------------ phase 2

fn sustained_progress(
    facts: &ClaimFacts,
    problems: &[(String, String)],
    assess: &dyn Fn(&Family) -> Result<AtEntry>,
) -> Result<ResultCheck> {
    let family = &facts.family;
    let mut r = ResultCheck::new(
        "sustained-progress",
        "Significant and sustained progress against every problem at entry",
    );
    // The pack on the claim date: which problems it still finds.
    let now = assess(family)?;
    for (id, title) in problems {
        let mut part = ResultCheck::new(id, title);
        let still = now.problems.iter().any(|(g, _)| g == id);
        let recorded = facts
            .outcomes_plan
            .iter()
            .filter(|p| {
                &p.problem == id && p.date >= facts.attachment && !p.evidence.trim().is_empty()
            })
            .min_by_key(|p| p.date);
        match recorded {
            Some(p) => {
                part.check = Check::Met;
                part.earliest = Some(p.date);
                part.evidence.push(format!(
                    "Recorded on {} under the outcomes plan: {}",
                    p.date,
                    p.evidence.trim()
                ));
            }
            None => {
                part.check = Check::Missing;
                part.missing.push(format!(
                    "{title}: no significant and sustained progress since the attachment date is recorded from the council's outcomes plan."
                ));
            }
        }
        part.evidence.push(if still {
            "On the claim date the pack still finds this problem: check the outcomes plan's test."
                .to_owned()
        } else {
            "On the claim date the pack no longer finds this problem.".to_owned()
        });
        r.parts.push(part);
    }
    for p in &facts.outcomes_plan {
        if !problems.iter().any(|(id, _)| id == &p.problem) {
            r.evidence.push(format!(
                "Progress recorded against \"{}\", which the family did not have at entry, is not needed.",
                p.problem
            ));
        }
    }
    combine(&mut r);
    if problems.is_empty() {
        r.evidence
            .push("The family had no headline problem on the attachment date.".to_owned());
    }
    Ok(r)
}

// ------------------------------------------------------------ council totals

/// A council's figures: phase 1's, and the 2022 framework's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CouncilFacts {
    /// The number of families the council is allocated to claim for (2022–25).
    pub allocated: Option<u32>,
    /// The upfront grant the council receives (2022–25), shown beside its claims.
    pub upfront_grant: Option<Money>,
    /// The council has Earned Autonomy: all funding up front, no claims.
    pub earned_autonomy: bool,
    /// The indicative number of troubled families.
    pub indicative: Option<u32>,
    /// The published number of funded families, which takes precedence.
    pub funded: Option<u32>,
    /// Families agreed to be worked with in year 1.
    pub agreed_year1: Option<u32>,
    /// Families worked with in year 1.
    pub worked_year1: Option<u32>,
}

/// The year-2 attachment-fee release group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum ReleaseGroup {
    /// 75 % or more worked with: year-2 fees in full in the first quarter of 2013/14.
    Full,
    /// 33 % to 75 %: half then, the rest in July to September if caught up.
    Half,
    /// Under 33 %: nothing until performance improves.
    None,
}

impl ReleaseGroup {
    /// The name on the wire.
    pub fn id(self) -> &'static str {
        match self {
            ReleaseGroup::Full => "full",
            ReleaseGroup::Half => "half",
            ReleaseGroup::None => "none",
        }
    }
}

/// Claims added up by phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
pub struct Totals {
    /// Families with a claim.
    pub families: u32,
    /// Attachment fees.
    pub attachment: Money,
    /// Results payments.
    pub results: Money,
    /// Both.
    pub total: Money,
}

/// A council's phase-1 position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Council {
    /// Funded families.
    pub funded: Option<u32>,
    /// How the funded number was found, in words.
    pub funded_working: String,
    /// The most the council can be paid: family maximum × funded families.
    pub maximum_grant: Option<Money>,
    /// Phase-1 claims added up.
    pub phase1: Totals,
    /// Phase-2 claims added up.
    pub phase2: Totals,
    /// Claims under the 2022 framework added up, within the allocation.
    pub framework2022: Totals,
    /// The 2022 framework's allocation, when claims or numbers for it are given.
    pub allocation: Option<Allocation>,
    /// What is left of the maximum grant after the phase-1 claims.
    pub remaining: Option<Money>,
    /// The year-2 release group, when year-1 numbers are given.
    pub release: Option<Release>,
    /// The payment parameters used.
    pub parameters: Vec<(String, DatedValue)>,
    /// Remarks.
    pub notes: Vec<(&'static str, String)>,
}

/// The 2022 framework's claims against the council's allocated number of
/// families, and its upfront grant beside them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Allocation {
    /// The families the council is allocated to claim for, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub allocated_families: Option<u32>,
    /// The upfront grant, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub upfront_grant: Option<Money>,
    /// Families with a results payment claimable in this call.
    pub claimable_families: u32,
    /// Of those, within the allocation (the first, in the order given).
    pub within_families: u32,
    /// Of those, beyond the allocation: not paid.
    pub beyond_families: u32,
    /// The results payments within the allocation.
    pub results: Money,
    /// The results payments beyond it, not paid.
    pub beyond: Money,
    /// The upfront grant and the results payments within the allocation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub total_with_grant: Option<Money>,
    /// Earned Autonomy: all funding up front, no claims.
    pub earned_autonomy: bool,
    /// The position in a sentence.
    pub rule: String,
}

/// How the year-2 attachment fees are released.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    /// Families agreed for year 1.
    pub agreed: u32,
    /// Families worked with in year 1.
    #[serde(rename = "workedWith")]
    pub worked: u32,
    /// The share worked with, in words ("80.0 %").
    pub percent: String,
    /// The group.
    pub group: ReleaseGroup,
    /// Why, in a sentence.
    pub rule: String,
    /// Attachment fees of the claims for families attached in year 2.
    #[serde(rename = "year2AttachmentFees")]
    pub year2_fees: Money,
    /// Released in the first quarter of 2013/14.
    pub first_quarter: Money,
    /// Released in July to September 2013, if the council catches up.
    pub later: Money,
    /// Held back until performance improves.
    pub withheld: Money,
}

/// A council's funded families, maximum grant, claims and release group.
pub fn council(pack: &Pack, facts: &CouncilFacts, claims: &[Claim]) -> Result<Council> {
    let mut params = Params {
        pack,
        day: pack.valid_from,
        used: Vec::new(),
    };
    let mut notes = Vec::new();
    let maximum = params.money("pbr-family-maximum")?;
    let divisor = params.whole("pbr-funded-deduction")?;
    let (funded, funded_working) = match (facts.funded, facts.indicative) {
        (Some(f), _) => (Some(f), format!("{f} funded families, as published.")),
        (None, Some(n)) if divisor > 0 => {
            // n × (d − 1) ÷ d, to the nearest family, halves up.
            let exact = Decimal::from(n)
                .checked_mul(Decimal::from(divisor - 1))
                .and_then(|x| x.checked_div(Decimal::from(divisor)))
                .ok_or_else(|| Error::overflow("number of funded families"))?;
            let rounded = Rounding::Whole.apply(exact);
            let f = rounded.to_u32().unwrap_or(0);
            (
                Some(f),
                format!(
                    "{n} indicative families less one in {divisor}: {n} × {} ÷ {divisor} = {} → {f} funded families.",
                    divisor - 1,
                    Rounding::Ratio.apply(exact).normalize()
                ),
            )
        }
        _ => (
            None,
            "No funded or indicative number of families was given.".to_owned(),
        ),
    };
    let maximum_grant = match funded {
        Some(f) => Some(
            maximum
                .checked_mul(Decimal::from(f))?
                .round(Rounding::Penny),
        ),
        None => None,
    };
    let totals = |phase: Phase| -> Result<Totals> {
        let mut t = Totals {
            families: 0,
            attachment: Money::ZERO,
            results: Money::ZERO,
            total: Money::ZERO,
        };
        for c in claims.iter().filter(|c| c.phase == phase) {
            t.families = t.families.saturating_add(1);
            t.attachment = t.attachment.checked_add(c.attachment_paid)?;
            t.results = t.results.checked_add(c.results_paid)?;
            t.total = t.total.checked_add(c.total)?;
        }
        Ok(t)
    };
    let phase1 = totals(Phase::One)?;
    let phase2 = totals(Phase::Two)?;
    let (framework2022, allocation) = allocation(facts, claims)?;
    let remaining = match maximum_grant {
        Some(g) => Some(g.checked_sub(phase1.total)?),
        None => None,
    };
    if let Some(f) = funded {
        let attached = claims
            .iter()
            .filter(|c| c.phase == Phase::One && c.attachment_paid > Money::ZERO)
            .count();
        if attached > f as usize {
            notes.push((
                "more_than_funded",
                format!(
                    "{attached} families have attachment fees, more than the {f} funded families."
                ),
            ));
        }
    }
    let release = match (facts.agreed_year1, facts.worked_year1) {
        (Some(agreed), Some(worked)) if agreed > 0 => {
            let full = params.number("pbr-release-full")?;
            let half = params.number("pbr-release-half")?;
            let at_least = |pct: Decimal| {
                Decimal::from(worked)
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .zip(pct.checked_mul(Decimal::from(agreed)))
                    .is_some_and(|(lhs, rhs)| lhs >= rhs)
            };
            let group = if at_least(full) {
                ReleaseGroup::Full
            } else if at_least(half) {
                ReleaseGroup::Half
            } else {
                ReleaseGroup::None
            };
            let year2_fees = Money::sum(
                claims
                    .iter()
                    .filter(|c| c.phase == Phase::One && c.programme_year == Some(2))
                    .map(|c| c.attachment_paid),
            )?;
            let (first_quarter, later, withheld) = match group {
                ReleaseGroup::Full => (year2_fees, Money::ZERO, Money::ZERO),
                ReleaseGroup::Half => {
                    // Halves to the penny, the odd penny in the first quarter.
                    let table = crate::appraisal::penny_table(
                        &[year2_fees],
                        &[vec![Decimal::ONE, Decimal::ONE]],
                        2,
                    )?;
                    (table.cell(0, 0), table.cell(0, 1), Money::ZERO)
                }
                ReleaseGroup::None => (Money::ZERO, Money::ZERO, year2_fees),
            };
            let shown = crate::money::percent_of(u64::from(worked), u64::from(agreed));
            let (full_n, half_n) = (full.normalize(), half.normalize());
            let rule = match group {
                ReleaseGroup::Full => format!("{worked} of {agreed} agreed year-1 families worked with ({shown}): {full_n} % or more, so year-2 attachment fees are paid in full in the first quarter of 2013/14."),
                ReleaseGroup::Half => format!("{worked} of {agreed} agreed year-1 families worked with ({shown}): from {half_n} % to under {full_n} %, so half the year-2 attachment fees are paid in the first quarter of 2013/14 and the rest in July to September if the council catches up."),
                ReleaseGroup::None => format!("{worked} of {agreed} agreed year-1 families worked with ({shown}): under {half_n} %, so no year-2 attachment fees are paid until performance improves."),
            };
            Some(Release {
                agreed,
                worked,
                percent: shown,
                group,
                rule,
                year2_fees,
                first_quarter,
                later,
                withheld,
            })
        }
        _ => None,
    };
    Ok(Council {
        funded,
        funded_working,
        maximum_grant,
        phase1,
        phase2,
        framework2022,
        allocation,
        remaining,
        release,
        parameters: params.used,
        notes,
    })
}

/// The 2022 framework's claims, added up up to the allocated number of
/// families (the first claimable ones, in the order given), and the
/// council's position beside its upfront grant; none when the call has no
/// such claim and no allocation, grant or Earned Autonomy.
fn allocation(facts: &CouncilFacts, claims: &[Claim]) -> Result<(Totals, Option<Allocation>)> {
    let ours: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.phase == Phase::SustainedOutcomes)
        .collect();
    let mut totals = Totals {
        families: 0,
        attachment: Money::ZERO,
        results: Money::ZERO,
        total: Money::ZERO,
    };
    let mut claimable: u32 = 0;
    let mut beyond_families: u32 = 0;
    let mut beyond = Money::ZERO;
    for c in &ours {
        if c.results_paid.is_zero() {
            continue;
        }
        claimable = claimable.saturating_add(1);
        if facts.allocated.is_some_and(|a| totals.families >= a) {
            beyond_families = beyond_families.saturating_add(1);
            beyond = beyond.checked_add(c.results_paid)?;
        } else {
            totals.families = totals.families.saturating_add(1);
            totals.results = totals.results.checked_add(c.results_paid)?;
            totals.total = totals.total.checked_add(c.total)?;
        }
    }
    if ours.is_empty()
        && facts.allocated.is_none()
        && facts.upfront_grant.is_none()
        && !facts.earned_autonomy
    {
        return Ok((totals, None));
    }
    let total_with_grant = match facts.upfront_grant {
        Some(g) => Some(g.checked_add(totals.results)?),
        None => None,
    };
    use crate::report::format_money;
    let grant = facts.upfront_grant.map_or_else(String::new, |g| {
        format!(" beside the upfront grant of {}", format_money(g))
    });
    let rule = if facts.earned_autonomy {
        format!("Earned Autonomy: all funding is provided up front{grant}; no claims are made.")
    } else {
        let n = totals.families;
        let paid = format!(
            "{} for {}",
            format_money(totals.results),
            crate::report::format_counted(u64::from(n), "family", "families")
        );
        match facts.allocated {
            Some(a) if beyond_families > 0 => format!(
                "{claimable} families have a results payment claimable; the council is allocated {a}, so {paid} can be claimed{grant}, and {} for the {beyond_families} beyond the allocation cannot.",
                format_money(beyond)
            ),
            Some(a) => format!(
                "Results payments of {paid} can be claimed, within the allocation of {a} families{grant}."
            ),
            None => format!(
                "Results payments of {paid} can be claimed{grant}; give the council's allocated number of families to check them against it."
            ),
        }
    };
    Ok((
        totals,
        Some(Allocation {
            allocated_families: facts.allocated,
            upfront_grant: facts.upfront_grant,
            claimable_families: claimable,
            within_families: totals.families,
            beyond_families,
            results: totals.results,
            beyond,
            total_with_grant,
            earned_autonomy: facts.earned_autonomy,
            rule,
        }),
    ))
}
