//! `claimPayment(call)`: payment-by-results claims for one or more families,
//! and a council's totals.
//!
//! Each claim is a family record — the `checkEligibility` call, whose
//! `assessmentDate` is the day the claim is checked — with the day the family
//! was attached and what the officer records for the results the record
//! cannot show (progress to work in phase 1, progress against the council's
//! outcomes plan in phase 2). Its rates and tests come from the family's rule
//! pack ([`crate::claims`]). The call is read by hand from parsed JSON, the
//! family record by the eligibility reader; every problem comes back at once
//! in a `failure` answer, each with its path (`claims[0].attachmentDate`).

use crate::json::Value;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::eligibility::{
    choose_pack, form_order, parameter_use, read_family, read_family_call, with_pack,
};
use super::json::{Object, Reader};
use super::{
    receipt, CallError, CheckEligibilityCall, DecimalText, Failure, NoteView, ParameterUseView,
    QuantityInput, Receipt, StatusView, TableRef,
};
use crate::claims::{
    self, Allocation, Claim, ClaimFacts, Council, CouncilFacts, FactsCheck, NeedOutcome,
    OutcomeProgress, Phase, ProgressKind, ProgressToWork, Release, ResultCheck, Totals,
    PROGRESS_KINDS,
};
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::family::Family;
use crate::money::Money;
use crate::rules::{self, Pack, PackRef};

// ----------------------------------------------------------------------- call

/// `claimPayment(call)`: the families to claim for, and optionally the
/// council's numbers for its totals. Read by hand from JSON (unknown fields
/// throw); the serde derive writes the call back for the receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClaimPaymentCall {
    /// One claim per family.
    pub claims: Vec<FamilyClaimCall>,
    /// The council's phase-1 numbers, for its totals.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub council: Option<CouncilCall>,
}

/// One family's claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FamilyClaimCall {
    /// The family record and its pack, assessed on the claim date
    /// (`assessmentDate`): the `checkEligibility` call.
    pub family: CheckEligibilityCall,
    /// The day the family was attached to the programme, `YYYY-MM-DD`.
    pub attachment_date: String,
    /// Phase 1: an adult's volunteering for the Work Programme or attachment
    /// to ESF provision.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub progress_to_work: Vec<ProgressToWorkCall>,
    /// Phase 2: significant and sustained progress against a headline
    /// problem, under the council's outcomes plan.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub outcomes_plan: Vec<OutcomeProgressCall>,
    /// The 2022 framework: the day the family's case closed, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub case_closure_date: Option<String>,
    /// The 2022 framework: a positive outcome for a need identified at the start.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub need_outcomes: Vec<NeedOutcomeCall>,
}

/// A positive outcome for one need (2022 framework).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NeedOutcomeCall {
    /// The need: an indicator id of the pack.
    pub need: String,
    /// The day the positive outcome was met, `YYYY-MM-DD`.
    pub date: String,
    /// What shows it (the data measure checked, a report, a case note).
    pub evidence: String,
    /// The first day the outcome no longer held, if it lapsed, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub lapsed_date: Option<String>,
}

/// Progress to work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgressToWorkCall {
    /// The member's index in `family.members`.
    pub member: QuantityInput,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// The Work Programme or European Social Fund provision.
    #[tsify(type = "ProgressKind")]
    pub kind: String,
}

/// Progress against one headline problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutcomeProgressCall {
    /// The problem: a criterion id of the pack (`crime-asb`, `school`, …).
    pub problem: String,
    /// The day the outcomes plan's test was met, `YYYY-MM-DD`.
    pub date: String,
    /// What shows it.
    pub evidence: String,
}

/// A council's numbers: phase 1's, and the 2022 framework's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CouncilCall {
    /// 2022–25: the number of families the council is allocated to claim for.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub allocated_families: Option<QuantityInput>,
    /// 2022–25: the council's upfront grant, e.g. `"1081000.00"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub upfront_grant: Option<DecimalText>,
    /// The council has Earned Autonomy: all funding up front, no claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub earned_autonomy: Option<bool>,
    /// The indicative number of troubled families (funded families are 5/6 of it).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub indicative_families: Option<QuantityInput>,
    /// The published number of funded families, used instead when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub funded_families: Option<QuantityInput>,
    /// Families agreed to be worked with in year 1 (2012/13).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub agreed_year1_families: Option<QuantityInput>,
    /// Families worked with in year 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub worked_with_year1_families: Option<QuantityInput>,
}

super::call_fields! {
    ClaimPaymentCall: ["claims", "council"];
    FamilyClaimCall: [
        "family",
        "attachmentDate",
        "progressToWork",
        "outcomesPlan",
        "caseClosureDate",
        "needOutcomes",
    ];
    ProgressToWorkCall: ["member", "date", "kind"];
    OutcomeProgressCall: ["problem", "date", "evidence"];
    NeedOutcomeCall: ["need", "date", "evidence", "lapsedDate"];
    CouncilCall: [
        "allocatedFamilies",
        "upfrontGrant",
        "earnedAutonomy",
        "indicativeFamilies",
        "fundedFamilies",
        "agreedYear1Families",
        "workedWithYear1Families",
    ];
}

// --------------------------------------------------------------------- answer

/// The answer to `claimPayment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ClaimPaymentAnswer {
    /// Every claim was worked out (a family that can claim nothing is a success too).
    Success(Box<ClaimsSuccess>),
    /// Something in the call must be corrected first; every problem is listed.
    Failure(Failure),
}

/// The claims and the council's totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClaimsSuccess {
    /// One per family, in the order given.
    pub claims: Vec<ClaimView>,
    /// The council's totals.
    pub council: CouncilView,
    /// Receipt, with the first claim's pack.
    pub receipt: Receipt,
}

/// A family's claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClaimView {
    /// The pack its rates and tests come from.
    pub pack: TableRef,
    /// 1 (2012–2015) or 2 (2015–2022); absent under the schemes after.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub phase: Option<u8>,
    /// The payment scheme: the two phases, the 2022 outcome framework
    /// (`sustained-outcomes`), or a grant with no results payments.
    #[tsify(type = "\"phase-1\" | \"phase-2\" | \"sustained-outcomes\" | \"grant-only\"")]
    pub scheme: String,
    /// The scheme in words.
    pub scheme_description: String,
    /// Why nothing can be claimed under the council's deal, when so.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub no_claims: Option<NoClaimsView>,
    /// Phase 1: the programme year of attachment, 1 to 3.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub programme_year: Option<u32>,
    /// The day the family was attached.
    pub attachment_date: String,
    /// The day the claim is checked.
    pub claim_date: String,
    /// The pack's decision on the attachment date.
    pub status_at_attachment: StatusView,
    /// The criteria (headline problems) met on the attachment date.
    pub problems_at_attachment: Vec<ProblemView>,
    /// The needs (indicators) met on the attachment date (2022 framework).
    pub needs_at_attachment: Vec<ProblemView>,
    /// The day the case closed, as recorded (2022 framework).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub case_closure_date: Option<String>,
    /// The end of the sustainment window: the case closure plus the months
    /// each outcome must hold (2022 framework).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub sustained_by: Option<String>,
    /// The most the family can earn.
    pub maximum: Money,
    /// The attachment fee of the family's deal.
    pub attachment_fee: Money,
    /// The results share (phase 1) or results payment (phase 2).
    pub results_share: Money,
    /// The results and what each pays.
    pub results: Vec<ResultView>,
    /// Attachment fee claimable now.
    pub attachment_claimable: Money,
    /// Results payment claimable now.
    pub results_claimable: Money,
    /// Both.
    pub total: Money,
    /// What the family maximum cut off.
    pub capped: Money,
    /// When each part can first be claimed.
    pub earliest: EarliestView,
    /// The claim in a sentence.
    pub summary: String,
    /// The payment parameters used, in force on the attachment date.
    pub parameters: Vec<ParameterUseView>,
    /// Remarks.
    pub notes: Vec<NoteView>,
    /// The check-list an internal auditor signs before the claim is submitted.
    pub audit: AuditView,
}

/// A claim's audit trail: the check-list an internal auditor signs before
/// the claim is submitted. Everything in it is also in `csv`, one row each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AuditView {
    /// The heading: the family's claim, its pack and claim date.
    pub title: String,
    /// The claim in a sentence (as the claim's `summary`).
    pub summary: String,
    /// The dates the claim rests on, in date order.
    pub dates: Vec<AuditDateView>,
    /// Each result and each of its parts (a need, a problem, a test), with
    /// the evidence behind it.
    pub items: Vec<AuditItemView>,
    /// The pack's parameters used: id, value, evidence tag, source.
    pub parameters: Vec<ParameterUseView>,
    /// What the auditor confirms, one statement each.
    pub checks: Vec<String>,
    /// All of it as CSV (RFC 4180, CRLF; cells that a spreadsheet would run
    /// as a formula are prefixed with `'`), with an empty column for the
    /// auditor's tick and a sign-off row.
    pub csv: String,
}

/// One date of a claim's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AuditDateView {
    /// `attachment`, `outcome`, `lapsed`, `closure`, `sustainedBy`,
    /// `earliestResults` or `claim`.
    pub id: String,
    /// What it is, in words.
    pub label: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// One result or part in a claim's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AuditItemView {
    /// The result's id, for a part (absent for a result).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub result: Option<String>,
    /// Id: the result's, or the part's (a need's indicator id).
    pub id: String,
    /// Title.
    pub title: String,
    /// Where it stands.
    #[tsify(type = "\"met\" | \"notMet\" | \"notRelevant\" | \"notYet\" | \"missingEvidence\"")]
    pub check: String,
    /// The earliest day it can be claimed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub earliest_date: Option<String>,
    /// The evidence found.
    pub evidence: Vec<String>,
    /// What to record.
    pub missing: Vec<String>,
}

/// Why nothing can be claimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct NoClaimsView {
    /// `resultsEnded` (the pack's scheme pays a grant, no results) or
    /// `earnedAutonomy` (the council's funding is all up front).
    #[tsify(type = "\"resultsEnded\" | \"earnedAutonomy\"")]
    pub code: String,
    /// The reason in a sentence, with its source.
    pub message: String,
}

/// A criterion or headline problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ProblemView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
}

/// When the parts of a claim can first be made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EarliestView {
    /// The attachment fee: the attachment date (absent when not claimable).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub attachment: Option<String>,
    /// The results payment: the day its result was first met.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub results: Option<String>,
}

/// A result, or one of its tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ResultView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Where it stands.
    #[tsify(type = "\"met\" | \"notMet\" | \"notRelevant\" | \"notYet\" | \"missingEvidence\"")]
    pub check: String,
    /// What it pays when met (results only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub amount: Option<Money>,
    /// What it pays in this claim (results only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub paid: Option<Money>,
    /// What was found.
    pub evidence: Vec<String>,
    /// What evidence is missing.
    pub missing: Vec<String>,
    /// The earliest day it can be claimed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub earliest_date: Option<String>,
    /// Its tests.
    pub parts: Vec<ResultView>,
}

/// The council's position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CouncilView {
    /// The pack the council's parameters come from.
    pub pack: TableRef,
    /// Funded families.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub funded_families: Option<u32>,
    /// How the funded number was found.
    pub funded_working: String,
    /// Family maximum × funded families.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub maximum_grant: Option<Money>,
    /// Phase-1 claims.
    pub phase1: Totals,
    /// Phase-2 claims.
    pub phase2: Totals,
    /// 2022-framework claims within the allocation.
    pub framework2022: Totals,
    /// The 2022 framework's claims against the allocation, beside the upfront grant.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub allocation: Option<Allocation>,
    /// The maximum grant less the phase-1 claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub remaining: Option<Money>,
    /// The year-2 attachment-fee release group.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub release: Option<Release>,
    /// The payment parameters used.
    pub parameters: Vec<ParameterUseView>,
    /// Remarks.
    pub notes: Vec<NoteView>,
}

// -------------------------------------------------------------------- reading

const FUNCTION: &str = "claimPayment";

/// A claim read from the call, with its path.
struct Read {
    path: String,
    pack: PackRef,
    facts: ClaimFacts,
}

fn rename(e: CallError) -> CallError {
    e.within(FUNCTION, "")
}

fn whole(
    object: &Object<'_, '_>,
    key: &str,
    required: bool,
    what: &str,
    errors: &mut Vec<Error>,
) -> Option<u32> {
    object
        .whole_number(key, required, u32::MAX, what)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten()
}

fn date(object: &Object<'_, '_>, key: &str, errors: &mut Vec<Error>) -> Option<Date> {
    let parsed = Date::parse(object.text(key, true));
    parsed.map_err(|e| errors.push(e.at(object.at(key)))).ok()
}

/// An optional date field: `None` when left out, or when it is no date
/// (recorded in `errors`).
fn opt_date(object: &Object<'_, '_>, key: &str, errors: &mut Vec<Error>) -> Option<Date> {
    let text = object.opt_text(key)?;
    Date::parse(text)
        .map_err(|e| errors.push(e.at(object.at(key))))
        .ok()
}

/// A domain check's problem, if any, put at `path`.
fn put(errors: &mut Vec<Error>, result: crate::error::Result<()>, path: String) {
    if let Err(e) = result {
        errors.push(e.at(path));
    }
}

/// Reads one claim; `None` when it has problems (recorded in `errors`).
fn read_claim(
    reader: &Reader,
    claim: &Object<'_, '_>,
    errors: &mut Vec<Error>,
    known: Option<KnownFamily>,
) -> Result<Option<Read>, CallError> {
    let path = claim.path();
    let before = errors.len();
    let family_path = claim.at("family");
    let mut found = Vec::new();
    let (council_pack, pack, family) = match known {
        Some(k) => (k.council_pack, Some(k.pack), k.family),
        None => {
            let family_value = claim.value("family", true);
            reader.finish()?;
            let call = read_family_call(family_value.unwrap_or(&Value::Null), &family_path)
                .map_err(rename)?;
            let pack = choose_pack(&call, &mut found);
            let family = read_family(&call, &mut found);
            (call.council_pack.is_some(), pack, family)
        }
    };
    crate::family::sort_small_by_key(&mut found, form_order);
    let under = |e: Error| {
        let inner = e.path().unwrap_or_default().to_owned();
        let full = if inner.is_empty() {
            family_path.clone()
        } else {
            format!("{family_path}.{inner}")
        };
        Error::new(e.code(), e.message()).at(full)
    };
    errors.extend(found.into_iter().map(under));
    let attachment = date(claim, "attachmentDate", errors);
    // The domain's checks, each problem put at its field. The attachment is
    // checked against the record's date only when the record is sound.
    let check = pack.as_deref().map(|p| FactsCheck::new(p, &family));
    if let Some(check) = check {
        if let Some(a) = attachment.filter(|_| errors.len() == before) {
            put(errors, check.attachment(a), claim.at("attachmentDate"));
        }
        let field = if council_pack {
            "councilPack"
        } else {
            "rulePack"
        };
        put(
            errors,
            check.phase().map(|_| ()),
            format!("{family_path}.{field}"),
        );
    }

    let mut progress_to_work = Vec::new();
    let ptw = claim.each::<ProgressToWorkCall>("progressToWork", false);
    if let Some(check) = check.filter(|_| !ptw.is_empty()) {
        put(errors, check.progress_to_work(), claim.at("progressToWork"));
    }
    for p in &ptw {
        let member = whole(p, "member", true, "member's number", errors);
        if let (Some(check), Some(m)) = (check, member) {
            put(errors, check.member(m as usize), p.at("member"));
        }
        let day = date(p, "date", errors);
        if let (Some(check), Some(d)) = (check, day) {
            put(errors, check.recorded(d), p.at("date"));
        }
        let kind_text = p.text("kind", true);
        let kind = ProgressKind::parse(kind_text);
        if kind.is_none() {
            errors.push(
                Error::new(
                    ErrorCode::UnknownKind,
                    format!(
                        "\"{kind_text}\" is not a kind of progress to work; use one of {}.",
                        PROGRESS_KINDS.join(", ")
                    ),
                )
                .at(p.at("kind")),
            );
        }
        if let (Some(member), Some(date), Some(kind)) = (member, day, kind) {
            progress_to_work.push(ProgressToWork {
                member: member as usize,
                date,
                kind,
            });
        }
    }

    let mut outcomes_plan = Vec::new();
    let plan = claim.each::<OutcomeProgressCall>("outcomesPlan", false);
    if let Some(check) = check.filter(|_| !plan.is_empty()) {
        put(errors, check.outcomes_plan(), claim.at("outcomesPlan"));
    }
    for o in &plan {
        let problem = o.text("problem", true);
        if let Some(check) = check {
            put(errors, check.problem(problem), o.at("problem"));
        }
        let day = date(o, "date", errors);
        if let (Some(check), Some(d)) = (check, day) {
            put(errors, check.recorded(d), o.at("date"));
        }
        let evidence = o.text("evidence", true).trim();
        put(errors, FactsCheck::evidence(evidence), o.at("evidence"));
        if let Some(date) = day {
            outcomes_plan.push(OutcomeProgress {
                problem: problem.to_owned(),
                date,
                evidence: evidence.to_owned(),
            });
        }
    }
    let closure = opt_date(claim, "caseClosureDate", errors);
    if let (Some(check), Some(c)) = (check, closure) {
        put(errors, check.need_outcomes(), claim.at("caseClosureDate"));
        if let Some(a) = attachment {
            put(errors, check.closure(a, c), claim.at("caseClosureDate"));
        }
    }
    let mut need_outcomes = Vec::new();
    let needs = claim.each::<NeedOutcomeCall>("needOutcomes", false);
    if let Some(check) = check.filter(|_| !needs.is_empty()) {
        put(errors, check.need_outcomes(), claim.at("needOutcomes"));
    }
    for o in &needs {
        let need = o.text("need", true);
        if let Some(check) = check {
            put(errors, check.need(need), o.at("need"));
        }
        let day = date(o, "date", errors);
        if let (Some(check), Some(d), Some(a)) = (check, day, attachment) {
            put(errors, check.outcome_date(a, d), o.at("date"));
        }
        let evidence = o.text("evidence", true).trim();
        put(
            errors,
            FactsCheck::outcome_evidence(evidence),
            o.at("evidence"),
        );
        let lapsed = opt_date(o, "lapsedDate", errors);
        if let (Some(check), Some(d), Some(l)) = (check, day, lapsed) {
            put(errors, check.lapsed(d, l), o.at("lapsedDate"));
        }
        if let Some(date) = day {
            need_outcomes.push(NeedOutcome {
                need: need.to_owned(),
                date,
                evidence: evidence.to_owned(),
                lapsed,
            });
        }
    }
    reader.finish()?;
    match (pack, attachment) {
        (Some(pack), Some(attachment)) if errors.len() == before => Ok(Some(Read {
            path,
            pack,
            facts: ClaimFacts {
                family,
                attachment,
                progress_to_work,
                outcomes_plan,
                closure,
                need_outcomes,
                earned_autonomy: false,
            },
        })),
        _ => Ok(None),
    }
}

// ------------------------------------------------------------------- answers

fn result_view(r: &ResultCheck, amount: Option<(Money, Money)>) -> ResultView {
    ResultView {
        id: r.id.clone(),
        title: r.title.clone(),
        check: r.check.id().to_owned(),
        amount: amount.map(|(a, _)| a),
        paid: amount.map(|(_, p)| p),
        evidence: r.evidence.clone(),
        missing: r.missing.clone(),
        earliest_date: r.earliest.map(|d| d.to_string()),
        parts: r.parts.iter().map(|p| result_view(p, None)).collect(),
    }
}

fn pack_table(pack: &Pack) -> TableRef {
    TableRef {
        id: pack.id.clone(),
        sha256: pack.sha256.clone(),
    }
}

fn notes(list: &[(&'static str, String)], path: &str) -> Vec<NoteView> {
    list.iter()
        .map(|(code, message)| NoteView {
            code: (*code).to_owned(),
            message: message.clone(),
            path: Some(path.to_owned()),
        })
        .collect()
}

/// The claim in a sentence.
fn summary(c: &Claim) -> String {
    // Money in sentences as in tables: £1,800.00.
    use crate::report::format_money;
    if let Some(("resultsEnded", message)) = &c.no_claims {
        return message.clone();
    }
    if c.status_at_attachment == rules::Status::NotEligible {
        return format!(
            "Nothing can be claimed: the family was not eligible on the attachment date {}.",
            c.attachment
        );
    }
    if let Some((_, message)) = &c.no_claims {
        return message.clone();
    }
    if c.phase == Phase::SustainedOutcomes {
        let Some(result) = c.routes.first() else {
            return "Nothing can be claimed.".to_owned();
        };
        if !c.results_paid.is_zero() {
            return format!(
                "{} can be claimed (from {}): the results payment for a positive outcome for every need identified at the start, sustained after the case closed. There is no attachment fee under this scheme.",
                format_money(c.results_paid),
                c.results_earliest.map(|d| d.to_string()).unwrap_or_default()
            );
        }
        let held = result
            .result
            .evidence
            .iter()
            .find(|e| e.starts_with("Held back by"))
            .cloned()
            .unwrap_or_else(|| "The family had no need on the attachment date.".to_owned());
        return format!(
            "Nothing can be claimed yet: the results payment of {} needs a positive outcome for every need identified at the start, sustained after the case closed. {held}",
            format_money(result.amount)
        );
    }
    let paid: Vec<String> = c
        .routes
        .iter()
        .filter(|r| !r.paid.is_zero())
        .map(|r| {
            let mut title = r.result.title.clone();
            if let Some(first) = title.get_mut(..1) {
                first.make_ascii_lowercase();
            }
            title
        })
        .collect();
    let results = if paid.is_empty() {
        "no results payment yet".to_owned()
    } else {
        format!(
            "{} for {} (from {})",
            format_money(c.results_paid),
            paid.join(" and "),
            c.results_earliest
                .map(|d| d.to_string())
                .unwrap_or_default()
        )
    };
    format!(
        "{} can be claimed: the attachment fee of {} (from {}) and {results}, out of a family maximum of {}.",
        format_money(c.total),
        format_money(c.attachment_paid),
        c.attachment,
        format_money(c.maximum)
    )
}

fn problem_views(list: &[(String, String)]) -> Vec<ProblemView> {
    list.iter()
        .map(|(id, title)| ProblemView {
            id: id.clone(),
            title: title.clone(),
        })
        .collect()
}

fn claim_view(pack: &Pack, c: &Claim, path: &str) -> ClaimView {
    ClaimView {
        pack: pack_table(pack),
        phase: c.phase.number(),
        scheme: c.phase.id().to_owned(),
        scheme_description: c.phase.describe().to_owned(),
        no_claims: c.no_claims.as_ref().map(|(code, message)| NoClaimsView {
            code: (*code).to_owned(),
            message: message.clone(),
        }),
        programme_year: c.programme_year,
        attachment_date: c.attachment.to_string(),
        claim_date: c.claim_date.to_string(),
        status_at_attachment: c.status_at_attachment.into(),
        problems_at_attachment: problem_views(&c.problems_at_attachment),
        needs_at_attachment: problem_views(&c.needs_at_attachment),
        case_closure_date: c.closure.map(|d| d.to_string()),
        sustained_by: c.sustained_by.map(|d| d.to_string()),
        maximum: c.maximum,
        attachment_fee: c.attachment_fee,
        results_share: c.results_share,
        results: c
            .routes
            .iter()
            .map(|r| result_view(&r.result, Some((r.amount, r.paid))))
            .collect(),
        attachment_claimable: c.attachment_paid,
        results_claimable: c.results_paid,
        total: c.total,
        capped: c.capped,
        earliest: EarliestView {
            attachment: (!c.attachment_paid.is_zero()).then(|| c.attachment.to_string()),
            results: c.results_earliest.map(|d| d.to_string()),
        },
        summary: summary(c),
        parameters: c
            .parameters
            .iter()
            .filter_map(|(id, v)| parameter_use(pack, id, v))
            .collect(),
        notes: notes(&c.notes, path),
        audit: audit(pack, c),
    }
}

// ---------------------------------------------------------------- audit

/// The dates of a claim's audit trail, in date order (a stable sort: on one
/// day, in the order below).
fn audit_dates(c: &Claim) -> Vec<AuditDateView> {
    let mut dates: Vec<(Date, &str, String)> = vec![(
        c.attachment,
        "attachment",
        "The family attached to the programme".to_owned(),
    )];
    let title_of = |id: &str| {
        c.needs_at_attachment
            .iter()
            .find(|(n, _)| n == id)
            .map_or_else(|| id.to_owned(), |(_, t)| t.clone())
    };
    for route in &c.routes {
        for part in &route.result.parts {
            for (kind, day) in &part.dated {
                let what = if *kind == "lapsed" {
                    "Outcome lapsed"
                } else {
                    "Positive outcome met"
                };
                dates.push((*day, kind, format!("{what}: {}", title_of(&part.id))));
            }
        }
    }
    if let Some(d) = c.closure {
        dates.push((d, "closure", "The case closed".to_owned()));
    }
    if let Some(d) = c.sustained_by {
        dates.push((
            d,
            "sustainedBy",
            "Each outcome must still hold (the end of the sustainment window)".to_owned(),
        ));
    }
    if let Some(d) = c.results_earliest {
        dates.push((
            d,
            "earliestResults",
            "The results payment can first be claimed".to_owned(),
        ));
    }
    dates.push((c.claim_date, "claim", "The claim is checked".to_owned()));
    crate::family::sort_small_by_key(&mut dates, |(d, _, _)| *d);
    dates
        .into_iter()
        .map(|(d, id, label)| AuditDateView {
            id: id.to_owned(),
            label,
            date: d.to_string(),
        })
        .collect()
}

fn audit_items(c: &Claim) -> Vec<AuditItemView> {
    let item = |r: &ResultCheck, result: Option<&str>| AuditItemView {
        result: result.map(str::to_owned),
        id: r.id.clone(),
        title: r.title.clone(),
        check: r.check.id().to_owned(),
        earliest_date: r.earliest.map(|d| d.to_string()),
        evidence: r.evidence.clone(),
        missing: r.missing.clone(),
    };
    let mut items = Vec::new();
    for route in &c.routes {
        items.push(item(&route.result, None));
        for part in &route.result.parts {
            items.push(item(part, Some(&route.result.id)));
        }
    }
    items
}

/// What the auditor confirms.
fn audit_checks(pack: &Pack, c: &Claim) -> Vec<String> {
    let mut checks = vec![format!(
        "The family was {} on the attachment date {} under {} (the pack's decision), as the case file shows.",
        c.status_at_attachment.phrase(),
        c.attachment,
        pack.id
    )];
    if let Some((_, message)) = &c.no_claims {
        checks.push(format!("No claim is submitted. {message}"));
        return checks;
    }
    match c.phase {
        Phase::SustainedOutcomes => {
            checks.push(format!(
                "Each of the {} identified on the attachment date has a positive outcome recorded, and the evidence named for it has been seen.",
                crate::report::format_counted(c.needs_at_attachment.len() as u64, "need", "needs")
            ));
            match (c.closure, c.sustained_by) {
                (Some(closure), Some(by)) => {
                    checks.push(format!("The case closure on {closure} is recorded in the case file."));
                    checks.push(format!("Each outcome still held on {by}, the end of the sustainment window, and none lapsed before it."));
                }
                _ => checks.push("The case closure date is recorded (it is missing: record it before the claim).".to_owned()),
            }
            checks
                .push("The claim is within the council's allocated number of families.".to_owned());
            checks.push("The case has a lead practitioner, a whole-family assessment and an action plan that covers all the problems (Hertfordshire's reading of the framework [V2]).".to_owned());
        }
        Phase::One | Phase::Two => {
            checks.push(
                "Each result claimed is met on the evidence listed, and the evidence has been seen."
                    .to_owned(),
            );
        }
        Phase::GrantOnly => {}
    }
    checks.push(
        "Every parameter used is the pack's, with the value, evidence tag and source listed."
            .to_owned(),
    );
    checks
}

fn audit(pack: &Pack, c: &Claim) -> AuditView {
    let parameters: Vec<ParameterUseView> = c
        .parameters
        .iter()
        .filter_map(|(id, v)| parameter_use(pack, id, v))
        .collect();
    let mut view = AuditView {
        title: format!(
            "Claim audit check-list: the family attached on {}, claim checked on {}, under {}",
            c.attachment, c.claim_date, pack.id
        ),
        summary: summary(c),
        dates: audit_dates(c),
        items: audit_items(c),
        parameters,
        checks: audit_checks(pack, c),
        csv: String::new(),
    };
    view.csv = audit_csv(&view);
    view
}

/// The audit trail as CSV: one row per date, item, parameter and check, and
/// a sign-off row; the last column is for the auditor's tick.
pub fn audit_csv(a: &AuditView) -> String {
    use crate::report::csv_field;
    let mut out =
        String::from("section,id,item,status,date,detail,evidence_tag,source,auditor_check\r\n");
    let mut row = |cells: [&str; 8]| {
        let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str(",\r\n");
    };
    row(["claim", "", &a.title, "", "", &a.summary, "", ""]);
    for d in &a.dates {
        row(["date", &d.id, &d.label, "", &d.date, "", "", ""]);
    }
    for i in &a.items {
        let detail = i
            .evidence
            .iter()
            .chain(i.missing.iter())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        let id = match &i.result {
            Some(r) => format!("{r}/{}", i.id),
            None => i.id.clone(),
        };
        let section = if i.result.is_some() { "part" } else { "result" };
        row([
            section,
            &id,
            &i.title,
            &i.check,
            i.earliest_date.as_deref().unwrap_or(""),
            &detail,
            "",
            "",
        ]);
    }
    for p in &a.parameters {
        row([
            "parameter",
            &p.id,
            &p.title,
            "",
            &p.from,
            &if p.unit == "kinds" {
                p.value.clone()
            } else {
                format!("{} {}", p.value, p.unit)
            },
            &p.evidence,
            &p.source,
        ]);
    }
    for (n, c) in a.checks.iter().enumerate() {
        row(["check", &(n + 1).to_string(), c, "", "", "", "", ""]);
    }
    row([
        "sign-off",
        "",
        "Internal auditor: name, signature and date",
        "",
        "",
        "",
        "",
        "",
    ]);
    out
}

fn council_view(pack: &Pack, c: &Council) -> CouncilView {
    CouncilView {
        pack: pack_table(pack),
        funded_families: c.funded,
        funded_working: c.funded_working.clone(),
        maximum_grant: c.maximum_grant,
        phase1: c.phase1,
        phase2: c.phase2,
        framework2022: c.framework2022,
        allocation: c.allocation.clone(),
        remaining: c.remaining,
        release: c.release.clone(),
        parameters: c
            .parameters
            .iter()
            .filter_map(|(id, v)| parameter_use(pack, id, v))
            .collect(),
        notes: notes(&c.notes, "council"),
    }
}

// ------------------------------------------------------------------ the call

/// Works out the claims of the call.
pub fn claim_payment(call: &ClaimPaymentCall) -> ClaimPaymentAnswer {
    super::appraise::typed(call, claim_payment_value, ClaimPaymentAnswer::Failure)
}

/// Works out the claims of a call given as parsed JSON: a call of the wrong
/// shape is a [`CallError`] (thrown in JavaScript), anything else an answer.
pub fn claim_payment_value(call: &Value) -> Result<ClaimPaymentAnswer, CallError> {
    let done = |read: &[Read], worked: &[Claim], council_pack: &Pack, totals| {
        let views = read
            .iter()
            .zip(worked)
            .map(|(r, c)| claim_view(&r.pack, c, &r.path))
            .collect();
        ClaimPaymentAnswer::Success(Box::new(ClaimsSuccess {
            claims: views,
            council: council_view(council_pack, &totals),
            receipt: claim_receipt(call, read, council_pack),
        }))
    };
    Ok(claim_payment_with(call, None, done)?.unwrap_or_else(|f| ClaimPaymentAnswer::Failure(*f)))
}

/// The receipt of a claims call: the first claim's pack, else the council's.
fn claim_receipt(call: &Value, read: &[Read], council_pack: &Pack) -> Receipt {
    let pack = read.first().map_or(council_pack, |r| &*r.pack);
    with_pack(receipt(call), pack)
}

/// A family record already read and found sound, with its pack: what a
/// claim on it need not read again.
pub(crate) struct KnownFamily {
    /// True when the record names a council pack (rather than a built-in one).
    pub(crate) council_pack: bool,
    /// Its pack.
    pub(crate) pack: PackRef,
    /// The record.
    pub(crate) family: Family,
}

/// The one claim of a call on the family `known` (the call's claim without
/// its `family`), for `f` (the figures of `assessFamily`'s claim); `None` at
/// any problem (`claimPayment` of the call with the family then says which).
pub(crate) fn first_claim_with<T>(
    call: &Value,
    known: KnownFamily,
    f: impl FnOnce(&Claim) -> T,
) -> Option<T> {
    claim_payment_with(call, Some(known), |_, worked, _, _| worked.first().map(f))
        .ok()?
        .ok()?
}

/// The checks and the working of [`claim_payment_value`], the answer left to
/// `done`; a failure's receipt (with the input's hash) is written only on failure.
fn claim_payment_with<T>(
    call: &Value,
    mut known: Option<KnownFamily>,
    done: impl FnOnce(&[Read], &[Claim], &Pack, claims::Council) -> T,
) -> Result<Result<T, Box<Failure>>, CallError> {
    let reader = Reader::new(FUNCTION);
    let root = reader.call::<ClaimPaymentCall>(call);
    let mut errors = Vec::new();
    let objects = root.each::<FamilyClaimCall>("claims", true);
    reader.finish()?;
    // No claims is a council's position before its first claim: its totals
    // alone. With no council numbers either, there is nothing to work out.
    if objects.is_empty() && call.get("council").is_none_or(Value::is_null) {
        errors.push(
            Error::new(
                ErrorCode::InvalidField,
                "Add at least one family to claim for, or the council's numbers.",
            )
            .at("claims"),
        );
    }
    let mut read = Vec::new();
    for object in &objects {
        if let Some(r) = read_claim(&reader, object, &mut errors, known.take())? {
            read.push(r);
        }
    }
    let mut council = CouncilFacts::default();
    if let Some(c) = root.one::<CouncilCall>("council") {
        council.allocated = whole(
            &c,
            "allocatedFamilies",
            false,
            "number of allocated families",
            &mut errors,
        );
        if c.value("upfrontGrant", false).is_some() {
            council.upfront_grant = super::appraise::money_field(&c, "upfrontGrant", true)
                .map_err(|e| errors.push(e))
                .ok();
        }
        council.earned_autonomy = c.flag("earnedAutonomy");
        council.indicative = whole(
            &c,
            "indicativeFamilies",
            false,
            "indicative number of families",
            &mut errors,
        );
        council.funded = whole(
            &c,
            "fundedFamilies",
            false,
            "number of funded families",
            &mut errors,
        );
        council.agreed_year1 = whole(
            &c,
            "agreedYear1Families",
            false,
            "number of agreed year-1 families",
            &mut errors,
        );
        council.worked_year1 = whole(
            &c,
            "workedWithYear1Families",
            false,
            "number of year-1 families worked with",
            &mut errors,
        );
        if council.agreed_year1 == Some(0) {
            errors.push(
                Error::new(
                    ErrorCode::InvalidQuantity,
                    "The agreed number of year-1 families is at least 1.",
                )
                .at(c.at("agreedYear1Families")),
            );
        }
    }
    reader.finish()?;
    let fail = |errors: Vec<Error>, read: &[Read], council_pack: Option<&Pack>| {
        let receipt = match read.first().map(|r| &*r.pack).or(council_pack) {
            Some(pack) => with_pack(receipt(call), pack),
            None => receipt(call),
        };
        Err(Box::new(Failure::new(errors, receipt)))
    };
    if !errors.is_empty() {
        return Ok(fail(errors, &read, None));
    }
    let mut worked = Vec::with_capacity(read.len());
    for r in &mut read {
        r.facts.earned_autonomy = council.earned_autonomy;
    }
    for r in &read {
        match claims::claim(&r.pack, &r.facts) {
            Ok(c) => worked.push(c),
            Err(e) => errors.push(e.at(r.path.clone())),
        }
    }
    // The council's parameters: the first phase-1 claim's pack, else tf-2012.
    let council_pack = match read
        .iter()
        .zip(&worked)
        .find(|(_, c)| c.phase == Phase::One)
        .map(|(r, _)| &*r.pack)
    {
        Some(p) => p,
        None => match rules::built_in_pack("tf-2012") {
            Ok(p) => p,
            Err(e) => return Ok(fail(vec![e], &read, None)),
        },
    };
    let totals = claims::council(council_pack, &council, &worked);
    let totals = match totals {
        Ok(t) if errors.is_empty() => t,
        Ok(_) => return Ok(fail(errors, &read, Some(council_pack))),
        Err(e) => return Ok(fail(vec![e.at("council")], &read, Some(council_pack))),
    };
    Ok(Ok(done(&read, &worked, council_pack, totals)))
}

/// [`claim_payment`] with JSON text in and out.
pub fn claim_payment_json(call: &str) -> Result<String, CallError> {
    super::json_twin(FUNCTION, call, claim_payment_value)
}
