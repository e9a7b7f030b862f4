//! `assessFamily(call)`: one family, every step, one traced answer.
//!
//! The family record (a `checkEligibility` call) is checked against its rule
//! pack on its assessment date; its service use (a `costFamily` call) is
//! costed by agency; a payment-by-results claim is worked out on the same
//! record, the assessment date being the claim date; the family's costs can
//! be appraised — what it saves if the intervention cuts them by a share, for
//! the intervention's costs — and the savings pooled among partners. Each
//! step is the existing function, called as a portal would call it, so the
//! answer's parts are those functions' answers; the `trace` lists each step
//! with the SHA-256 of the call it was given (the one its own receipt would
//! show) and a sentence. Every problem of every step comes back at once,
//! each with its path in this call (`family.members[0].dateOfBirth`,
//! `costs.items[2].quantity`, `appraisal.deadweight`, `pool.partners[1].name`).

use std::fmt::Write;

use crate::json::{Map, Value};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::appraise::{
    appraise_value, appraise_with, rate_field, AppraisalBody, AppraiseAnswer, AppraiseCall,
    OutcomeCall, PaybackView, ScenarioCall, ValueCall,
};
use super::claims::{
    claim_payment_value, first_claim_with, ClaimPaymentAnswer, ClaimView, KnownFamily,
};
use super::costing::{
    cost_family, cost_family_with, cost_figures, read_cost_family_call, CostFamilyAnswer,
    CostFamilyCall, CostFigures,
};
use super::eligibility::{
    check_eligibility, choose_pack, read_family, read_family_call, CheckEligibilityAnswer,
};
use super::json::Reader;
use super::pool::{pool_returns_with, read_partner, PartnerCall, PoolReturnsAnswer};
use super::{
    receipt, CallError, CallFields, CheckEligibilityCall, DecimalText, ErrorView, Failure,
    FiguresReceipt, InputHash, Receipt, TableRef,
};
use crate::error::{Error, ErrorCode, Path, Step};
use crate::money::Money;

// ----------------------------------------------------------------------- call

/// `assessFamily(call)`: a family record and, optionally, its costs, a claim,
/// an appraisal of its costs and a pool. Read by hand from JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessFamilyCall {
    /// The family record and its pack, as `checkEligibility` takes it.
    pub family: CheckEligibilityCall,
    /// Its service use, as `costFamily` takes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub costs: Option<CostFamilyCall>,
    /// A payment-by-results claim on the record, the assessment date being the claim date.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub claim: Option<AssessClaimCall>,
    /// An appraisal of the family's costs (needs `costs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub appraisal: Option<AssessAppraisalCall>,
    /// The appraisal's savings pooled among partners (needs `appraisal`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub pool: Option<AssessPoolCall>,
}

/// The claim's own facts; the family is the call's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessClaimCall {
    /// The day the family was attached, `YYYY-MM-DD`.
    pub attachment_date: String,
    /// Phase 1: progress to work.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub progress_to_work: Vec<super::ProgressToWorkCall>,
    /// Phase 2: progress against the outcomes plan.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub outcomes_plan: Vec<super::OutcomeProgressCall>,
    /// The 2022 framework: the day the family's case closed, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub case_closure_date: Option<String>,
    /// The 2022 framework: each need's positive outcome.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub need_outcomes: Vec<super::NeedOutcomeCall>,
}

/// An appraisal of the family's costs: the intervention cuts each costed
/// item by `reduction`, for as long and as surely as the outcome says. It is
/// appraised as `appraise` does, with the family as a cohort of one and each
/// item a unit-cost value (its quantity × the reduction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessAppraisalCall {
    /// The share of the family's service use the intervention removes, e.g. `"0.6667"`.
    pub reduction: DecimalText,
    /// Chance the family engages; 1 if left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub engagement: Option<DecimalText>,
    /// Chance it succeeds; 1 if left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub success: Option<DecimalText>,
    /// Share that would have happened anyway; 0 if left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deadweight: Option<DecimalText>,
    /// Years before the saving starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub lag_years: Option<super::QuantityInput>,
    /// Years the saving lasts.
    pub duration_years: super::QuantityInput,
    /// Share lost each year after the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub drop_off: Option<DecimalText>,
    /// One evidence grade for every item; each row's RAG rating if left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub grade: Option<u32>,
    /// What the intervention costs, by year and funder.
    pub costs: Vec<super::CostCall>,
    /// Optimism-bias uplift on the costs.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub cost_optimism_bias: Option<DecimalText>,
    /// Cashable shares by agency.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub cashable: Vec<super::CashableCall>,
    /// The discount schedule.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub discounting: Option<super::DiscountingCall>,
}

/// The partners of a pool over the family's appraisal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessPoolCall {
    /// The partners, as `poolReturns` takes them.
    pub partners: Vec<PartnerCall>,
}

super::call_fields! {
    AssessFamilyCall: ["family", "costs", "claim", "appraisal", "pool"];
    AssessClaimCall: [
        "attachmentDate",
        "progressToWork",
        "outcomesPlan",
        "caseClosureDate",
        "needOutcomes",
    ];
    AssessAppraisalCall: ["reduction", "engagement", "success", "deadweight", "lagYears",
        "durationYears", "dropOff", "grade", "costs", "costOptimismBias", "cashable",
        "discounting"];
    AssessPoolCall: ["partners"];
}
// --------------------------------------------------------------------- answer

/// The answer to `assessFamily`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum AssessFamilyAnswer {
    /// Every step asked for was worked out.
    Success(Box<FamilyAssessment>),
    /// Something in the call must be corrected first; every problem of every step is listed.
    Failure(Failure),
}

/// Every step for one family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FamilyAssessment {
    /// The assessment (and claim) date.
    pub assessment_date: String,
    /// `checkEligibility`'s answer.
    #[tsify(type = "Omit<EligibilitySuccess, \"receipt\">")]
    pub eligibility: Part,
    /// `costFamily`'s answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Omit<FamilyCostSuccess, \"receipt\">")]
    pub costs: Option<Part>,
    /// The claim, as `claimPayment` works it out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub claim: Option<ClaimView>,
    /// `appraise`'s answer for the appraisal of the family's costs.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Omit<AppraisalSuccess, \"receipt\">")]
    pub appraisal: Option<Part>,
    /// `poolReturns`' answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Omit<PoolSuccess, \"receipt\">")]
    pub pool: Option<Part>,
    /// The steps, in order.
    pub trace: Vec<TraceStep>,
    /// Receipt: the whole call's hash, the unit-cost table and the rule pack.
    pub receipt: Receipt,
}

/// One step of an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TraceStep {
    /// `eligibility`, `costs`, `claim`, `appraisal` or `pool`.
    pub step: String,
    /// The function that did it, e.g. `checkEligibility`.
    pub function: String,
    /// SHA-256 of the call it was given, as its own receipt shows it.
    pub input_sha256: String,
    /// What it found, in a sentence.
    pub summary: String,
    /// The call, when the engine built it (the appraisal of the family's costs).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "AppraiseCall")]
    pub call: Option<serde_json::Value>,
}

// ---------------------------------------------------------------------- paths

const FUNCTION: &str = "assessFamily";

/// `prefix` followed by `steps`, as a path of this call (`appraisal` and
/// `costs`, `[0]`, `year` give `appraisal.costs[0].year`).
fn under(prefix: &str, steps: &[Step<'_>]) -> String {
    let mut path = prefix.to_owned();
    for step in steps {
        match step {
            Step::Field(f) => {
                path.push('.');
                path.push_str(f);
            }
            Step::Index(i) => {
                let _ = write!(path, "[{i}]");
            }
        }
    }
    path
}

/// A path of the built `appraise` call, as a path of this call: the items'
/// values are `costs.items[k]` (their grade the appraisal's), the base year
/// and local rows the costs', the rest the appraisal's.
fn appraisal_path(steps: &[Step<'_>], items: &[usize]) -> String {
    use Step::{Field, Index};
    match steps {
        [Field("scenarios"), Index(0), Field("outcomes"), Index(0), Field("values"), Index(i), rest @ ..] => {
            match (rest, items.get(*i)) {
                ([Field("grade" | "rag")], _) => "appraisal.grade".to_owned(),
                (_, Some(k)) => under(&format!("costs.items[{k}]"), rest),
                (_, None) => "costs.items".to_owned(),
            }
        }
        [Field("scenarios"), Index(0), Field("outcomes"), Index(0), rest @ ..]
        | [Field("scenarios"), Index(0), rest @ ..] => under("appraisal", rest),
        [Field("baseYear" | "unitCostTable" | "deflator" | "councilTable" | "localRows"), ..] => {
            under("costs", steps)
        }
        [Field("scenarios"), ..] => "appraisal".to_owned(),
        _ => under("appraisal", steps),
    }
}

/// A path of the built `claimPayment` call (one claim, the family's record
/// in it), as a path of this call.
fn claim_path(steps: &[Step<'_>]) -> String {
    match steps {
        [Step::Field("claims"), Step::Index(0), rest @ ..] => match rest {
            [Step::Field("family"), inner @ ..] => under("family", inner),
            _ => under("claim", rest),
        },
        _ => "claim".to_owned(),
    }
}

/// A path of the built `poolReturns` call, as a path of this call.
fn pool_path(steps: &[Step<'_>], items: &[usize]) -> String {
    match steps {
        [Step::Field("appraisal"), rest @ ..] => appraisal_path(rest, items),
        [Step::Field("partners"), ..] => under("pool", steps),
        _ => "pool".to_owned(),
    }
}

/// How a path of a step's own call, as steps, is written in this call.
type To<'a> = &'a dyn Fn(&[Step<'_>]) -> String;

/// `path` (of a step's own call), mapped by its steps to a path of this call.
fn mapped(path: &str, to: To<'_>) -> String {
    let path = Path::parse(path);
    let steps: Vec<Step<'_>> = path.steps().collect();
    to(&steps)
}

/// A step's thrown problem, at its path in this call.
fn thrown(e: CallError, to: To<'_>) -> CallError {
    let path = mapped(e.path(), to);
    e.moved(FUNCTION, path)
}

/// Adds a step's problems to `errors`, each at its path in this call, but
/// those about the field `skip` of this call (reported by another step).
fn moved(errors: &mut Vec<ErrorView>, found: Vec<ErrorView>, to: To<'_>, skip: Option<&str>) {
    for e in found {
        let path = Path::parse(&mapped(e.path.as_deref().unwrap_or_default(), to));
        if skip.is_none() || path.field() != skip {
            errors.push(ErrorView {
                path: Some(path.as_str().to_owned()),
                ..e
            });
        }
    }
}

/// A step's answer inside `assessFamily`'s: its JSON text as the step's own
/// answer writes it, without the receipt (the whole call has one).
///
/// Kept as text, not as a `serde_json::Value`: reading 40 KB of answers back
/// into values, and writing them out again, was a third of an `assessFamily`
/// call. [`AssessFamilyAnswer::to_json`] writes the text as it is; through
/// serde (in tests) a part is read back as a value. (serde_json's `RawValue`
/// would do the same through serde, but its feature added 14 KB gzipped to
/// every `.wasm` module.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part(String);

impl Serialize for Part {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_json::from_str::<Value<'_>>(&self.0)
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

impl AssessFamilyAnswer {
    /// The answer as JSON text: the same JSON as `serde_json::to_string`
    /// gives (tests/assess.rs checks it), with each step's part written as
    /// the step wrote it (its keys in the step's own order) rather than read
    /// back.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let Self::Success(a) = self else {
            return serde_json::to_string(self);
        };
        let claim = a.claim.as_ref().map(serde_json::to_string).transpose()?;
        let (trace, receipt) = (
            serde_json::to_string(&a.trace)?,
            serde_json::to_string(&a.receipt)?,
        );
        fn text(p: &Option<Part>) -> Option<&str> {
            p.as_ref().map(|p| p.0.as_str())
        }
        let fields = [
            ("eligibility", Some(a.eligibility.0.as_str())),
            ("costs", text(&a.costs)),
            ("claim", claim.as_deref()),
            ("appraisal", text(&a.appraisal)),
            ("pool", text(&a.pool)),
            ("trace", Some(&trace)),
            ("receipt", Some(&receipt)),
        ];
        let size: usize = fields.iter().filter_map(|(_, v)| v.map(str::len)).sum();
        let mut out = String::with_capacity(size + 256);
        out.push_str("{\"type\":\"success\",\"assessmentDate\":");
        out.push_str(&serde_json::to_string(&a.assessment_date)?);
        for (key, value) in fields {
            if let Some(value) = value {
                let _ = write!(out, ",\"{key}\":{value}");
            }
        }
        out.push('}');
        Ok(out)
    }
}

/// A success answer (whose last field is its receipt) as a [`Part`]. The
/// receipt is written exactly as it is written alone, so it is cut from the
/// end of the text; were it ever not found there, the answer is read as a
/// value and the receipt removed from that.
fn part<T: Serialize>(answer: &T, receipt: &Receipt) -> Part {
    let text = serde_json::to_string(answer).unwrap_or_default();
    let tail = serde_json::to_string(receipt)
        .map(|r| format!(",\"receipt\":{r}}}"))
        .unwrap_or_default();
    Part(match text.strip_suffix(tail.as_str()) {
        Some(head) if !tail.is_empty() => format!("{head}}}"),
        _ => {
            let mut value = serde_json::from_str::<Value<'_>>(&text).unwrap_or_default();
            if let Value::Object(map) = &mut value {
                map.remove("receipt");
            }
            serde_json::to_string(&value).unwrap_or_default()
        }
    })
}

/// A step that answered, traced by its receipt's hash.
fn step((step, function): (&str, &str), receipt: &Receipt, summary: String) -> TraceStep {
    TraceStep {
        step: step.to_owned(),
        function: function.to_owned(),
        input_sha256: receipt.input_sha256.clone(),
        summary,
        call: None,
    }
}

/// A part that is needed but left out, at `path`.
fn wanting(path: &str, message: &str) -> ErrorView {
    ErrorView::from(Error::new(ErrorCode::InvalidField, message).at(path))
}

/// "Police £2000.00, NHS £565.90".
fn listed<'a>(amounts: impl Iterator<Item = (&'a String, Money)>) -> String {
    let each: Vec<String> = amounts
        .map(|(name, m)| format!("{name} {}", crate::report::format_money(m)))
        .collect();
    each.join(", ")
}

fn payback_text(p: &PaybackView) -> String {
    match p {
        PaybackView::Reached { year, years } => format!("pays back in year {year} ({years} years)"),
        PaybackView::Never => "does not pay back within the appraisal".to_owned(),
    }
}

// ------------------------------------------------------------------ the call

/// Assesses one family.
pub fn assess_family(call: &AssessFamilyCall) -> AssessFamilyAnswer {
    super::appraise::typed(call, assess_family_value, AssessFamilyAnswer::Failure)
}

/// `base`, a part of type `Part` of a step's call, with every field of
/// `from` (of type `Given`) that `Part` has too, as given (so that the step
/// checks and reports it), in place of its own: both lists come from the
/// types' declared fields. An optional field given `null` is absent, as
/// everywhere; a required one (`REQUIRED`) keeps its `null`, for its step to
/// refuse.
fn given<'t, Given: CallFields, Part: CallFields>(
    mut base: Value<'t>,
    from: Option<&Map<'t>>,
) -> Value<'t> {
    if let (Value::Object(base), Some(from)) = (&mut base, from) {
        for &key in Part::FIELDS.iter().filter(|k| Given::FIELDS.contains(k)) {
            let given = from.get(key);
            if let Some(v) = given.filter(|v| !v.is_null() || REQUIRED.contains(&key)) {
                base.insert(key, v.clone());
            }
        }
    }
    base
}

/// The `appraise` call for the family's costs (each costed item a unit-cost
/// value, its quantity × `reduction`), and which item each value is; without
/// costs, a call of the appraisal alone, read only for its shape.
fn appraisal_call<'t>(
    costs: Option<(&CostFamilyCall, &Value<'t>)>,
    reduction: Decimal,
    a: &Map<'t>,
) -> (Value<'t>, Vec<usize>) {
    let mut items = Vec::new();
    let mut values = Vec::new();
    for (k, item) in costs.map_or(&[][..], |(c, _)| &c.items).iter().enumerate() {
        let fewer = item.quantity.to_decimal().ok();
        let fewer = fewer.and_then(|q| q.checked_mul(reduction));
        if let Some(fewer) = fewer.filter(|q| !q.is_zero()) {
            let value = Value::object([
                ("code", Value::text(item.code.as_str())),
                ("quantity", Value::text(fewer.normalize().to_string())),
            ]);
            values.push(given::<AssessAppraisalCall, ValueCall>(value, Some(a)));
            items.push(k);
        }
    }
    let outcome = Value::object([
        ("name", Value::text("The family's service use falls")),
        ("engagement", Value::text("1")),
        ("success", Value::text("1")),
        ("deadweight", Value::text("0")),
        ("values", Value::Array(values)),
    ]);
    let outcome = given::<AssessAppraisalCall, OutcomeCall>(outcome, Some(a));
    let scenario = Value::object([
        ("name", Value::text("This family")),
        ("cohort", Value::Number(1u64.into())),
        ("outcomes", Value::Array(vec![outcome])),
    ]);
    let scenario = given::<AssessAppraisalCall, ScenarioCall>(scenario, Some(a));
    let call = Value::object([("scenarios", Value::Array(vec![scenario]))]);
    let priced = costs.and_then(|(_, c)| c.as_object());
    let call = given::<CostFamilyCall, AppraiseCall>(call, priced);
    (
        given::<AssessAppraisalCall, AppraiseCall>(call, Some(a)),
        items,
    )
}

/// The appraisal's required fields that its steps read.
const REQUIRED: [&str; 2] = ["durationYears", "costs"];

/// The parts of an `assessFamily` call, each as given.
struct Parts<'v> {
    family: Option<&'v Value<'v>>,
    costs: Option<&'v Value<'v>>,
    claim: Option<&'v Value<'v>>,
    reduction: Option<Result<crate::money::Rate, Error>>,
    appraisal: Option<&'v Map<'v>>,
    partners: Option<&'v Value<'v>>,
}

/// Reads what only this call reads (see [`assess_family_value`]).
fn parts<'v>(call: &'v Value<'v>) -> Result<Parts<'v>, CallError> {
    // A broken part throws whichever steps run. What only this call reads
    // (its own fields, the appraisal's reduction, grade and costs list) and
    // what a step may not reach (the pool's partners, read by the pool's own
    // reader) is read here; every other part is read by its step's own reader
    // below, each of which runs whatever the steps before it found (the
    // appraisal's without costs too, for its shape alone). A shape error is
    // thrown at its path in this call; of several, the first of: this call's
    // fields and the pool's partners, the family, the costs, the claim, the
    // appraisal.
    let reader = Reader::new(FUNCTION);
    let root = reader.call::<AssessFamilyCall>(call);
    let family = root.value("family", true);
    let costs = root.value("costs", false);
    let claim = root
        .one::<AssessClaimCall>("claim")
        .and_then(|_| root.value("claim", false));
    let reduction = root.one::<AssessAppraisalCall>("appraisal").map(|a| {
        let reduction = rate_field(&a, "reduction", None);
        a.whole("grade", false);
        a.list("costs", true);
        reduction
    });
    let appraisal = root.value("appraisal", false).and_then(Value::as_object);
    let partners = root.one::<AssessPoolCall>("pool").and_then(|p| {
        for partner in p.each::<PartnerCall>("partners", true) {
            read_partner(&partner, &mut Vec::new());
        }
        p.value("partners", true)
    });
    reader.finish()?;
    Ok(Parts {
        family,
        costs,
        claim,
        reduction,
        appraisal,
        partners,
    })
}

/// Assesses a family given as parsed JSON: a call of the wrong shape is a
/// [`CallError`] (thrown in JavaScript), anything else an answer.
pub fn assess_family_value(call: &Value) -> Result<AssessFamilyAnswer, CallError> {
    let mut receipt = receipt(call);
    let Parts {
        family: family_value,
        costs: costs_value,
        claim: claim_value,
        reduction,
        appraisal: appraisal_value,
        partners,
    } = parts(call)?;

    let mut errors: Vec<ErrorView> = Vec::new();
    let mut trace = Vec::new();

    // 1. Eligibility.
    let family_value = family_value.unwrap_or(&Value::Null);
    let family = read_family_call(family_value, "family").map_err(|e| e.within(FUNCTION, ""))?;
    let eligibility = match check_eligibility(&family) {
        CheckEligibilityAnswer::Success(s) => {
            receipt.rule_pack = Some(Box::new(TableRef {
                id: s.pack.id.clone(),
                sha256: s.pack.sha256.clone(),
            }));
            let names = ("eligibility", "checkEligibility");
            trace.push(step(names, &s.receipt, s.decision.clone()));
            Some(part(&s, &s.receipt))
        }
        CheckEligibilityAnswer::Failure(f) => {
            moved(&mut errors, f.errors, &|s| under("family", s), None);
            None
        }
    };

    // 2. Costs.
    let costed = costs_value
        .map(|v| read_cost_family_call(v).map_err(|e| e.within(FUNCTION, "costs")))
        .transpose()?;
    let costs = match costed.as_ref().map(cost_family) {
        None => None,
        Some(CostFamilyAnswer::Success(s)) => {
            let agencies = s.by_agency.iter().map(|a| (&a.agency, a.amount));
            let summary = format!(
                "{} a year at {} prices: {}.",
                crate::report::format_money(s.total),
                s.base_year,
                listed(agencies)
            );
            trace.push(step(("costs", "costFamily"), &s.receipt, summary));
            Some(part(&s, &s.receipt))
        }
        Some(CostFamilyAnswer::Failure(f)) => {
            moved(&mut errors, f.errors, &|s| under("costs", s), None);
            None
        }
    };

    // 3. The claim, on the same record: `claimPayment` of this one claim.
    let mut claim = None;
    if let Some(Value::Object(c)) = claim_value {
        let mut one = c.clone();
        one.insert("family", family_value.clone());
        let built = Value::object([("claims", Value::Array(vec![Value::Object(one)]))]);
        match claim_payment_value(&built).map_err(|e| thrown(e, &claim_path))? {
            ClaimPaymentAnswer::Success(s) => {
                if let Some(c) = s.claims.first() {
                    trace.push(step(
                        ("claim", "claimPayment"),
                        &s.receipt,
                        c.summary.clone(),
                    ));
                }
                claim = s.claims.into_iter().next();
            }
            // The family's own problems are reported once, by eligibility.
            ClaimPaymentAnswer::Failure(f) => {
                let skip = Some("family").filter(|_| eligibility.is_none());
                moved(&mut errors, f.errors, &claim_path, skip);
            }
        }
    }

    // 4. The appraisal of the family's costs, and 5. the pool.
    let mut appraisal = None;
    let mut pool = None;
    if let (Some(a), Some(reduction)) = (appraisal_value, reduction) {
        let before = errors.len();
        let reduction = match reduction {
            Ok(r) => r.as_decimal(),
            Err(e) => {
                if costed.is_some() {
                    errors.push(ErrorView::from(e));
                }
                Decimal::ZERO
            }
        };
        let (built, items) = appraisal_call(costed.as_ref().zip(costs_value), reduction, a);
        let to: To<'_> = &|s| appraisal_path(s, &items);
        match appraise_value(&built).map_err(|e| thrown(e, to))? {
            _ if costed.is_none() => errors.push(wanting(
                "costs",
                "An appraisal of the family's costs needs its costs: add them.",
            )),
            AppraiseAnswer::Success(s) if errors.len() == before => {
                let summary = s.scenarios.first().map_or_else(String::new, |sc| {
                    let c = &sc.central;
                    let roi = c
                        .roi
                        .fiscal
                        .map_or("not defined (no costs)".to_owned(), |r| r.to_string());
                    format!(
                        "Net present value {} at {} prices; fiscal return {roi}; {}.",
                        crate::report::format_money(c.npv),
                        s.base_year,
                        payback_text(&c.payback_pv)
                    )
                });
                let call = serde_json::to_value(&built).ok();
                trace.push(TraceStep {
                    call,
                    ..step(("appraisal", "appraise"), &s.receipt, summary)
                });
                appraisal = Some(part(&*s, &s.receipt));
                if let Some(partners) = partners {
                    let pool_call = Value::object([
                        ("appraisal", built.clone()),
                        ("partners", partners.clone()),
                    ]);
                    let to: To<'_> = &|s| pool_path(s, &items);
                    match pool_returns_with(&pool_call, Some(&*s)).map_err(|e| thrown(e, to))? {
                        PoolReturnsAnswer::Success(p) => {
                            let nets = p.partners.iter().map(|x| (&x.name, x.net_pv));
                            let roi = p
                                .pool
                                .roi
                                .map_or("not defined".to_owned(), |r| r.to_string());
                            let summary = format!(
                                "Net positions at present value: {}; pool return {roi}.",
                                listed(nets)
                            );
                            trace.push(step(("pool", "poolReturns"), &p.receipt, summary));
                            pool = Some(part(&p, &p.receipt));
                        }
                        PoolReturnsAnswer::Failure(f) => moved(&mut errors, f.errors, to, None),
                    }
                }
            }
            AppraiseAnswer::Success(_) => {}
            // The costs' own problems are reported once, by costFamily.
            AppraiseAnswer::Failure(f) => {
                let skip = Some("costs").filter(|_| costs.is_none());
                moved(&mut errors, f.errors, to, skip);
            }
        }
    } else if partners.is_some() {
        errors.push(wanting(
            "appraisal",
            "A pool shares out an appraisal's savings: add the appraisal.",
        ));
    }

    let (Some(eligibility), true) = (eligibility, errors.is_empty()) else {
        return Ok(AssessFamilyAnswer::Failure(Failure { errors, receipt }));
    };
    Ok(AssessFamilyAnswer::Success(Box::new(FamilyAssessment {
        assessment_date: family.assessment_date.clone(),
        eligibility,
        costs,
        claim,
        appraisal,
        pool,
        trace,
        receipt,
    })))
}

/// [`assess_family`] with JSON text in and out.
pub fn assess_family_json(call: &str) -> Result<String, CallError> {
    let call: Value = super::read_json_call(FUNCTION, call)?;
    assess_family_value(&call)?
        .to_json()
        .map_err(|e| CallError::new(FUNCTION, String::new(), e.to_string()))
}

// ---------------------------------------------------------------- figures

/// The answer to `assessFamilyFigures`: `assessFamily`'s figures alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum AssessFamilyFiguresAnswer {
    /// Every step asked for was worked out.
    Success(Box<FamilyFigures>),
    /// Exactly `assessFamily`'s failure.
    Failure(Failure),
}

/// Every step's figures for one family: no sentences, no trace, no step's
/// explanation (`assessFamily` has them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FamilyFigures {
    /// The assessment (and claim) date.
    pub assessment_date: String,
    /// The decision and its counts.
    pub eligibility: EligibilityCounts,
    /// The cost by agency, as `costFamilyFigures` gives it (without its receipt).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub costs: Option<CostFigures>,
    /// The claim's amounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub claim: Option<ClaimFigures>,
    /// The appraisal, as `appraiseFigures` gives it (without its receipt).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub appraisal: Option<AppraisalBody>,
    /// Each partner's net position and return.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub pool: Option<PoolFigures>,
    /// The versions used: those `assessFamily`'s receipt names.
    pub receipt: FiguresReceipt,
}

/// A family's eligibility, figures only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EligibilityCounts {
    /// The pack applied: id, version and SHA-256 (its text: `rulePacks()`),
    /// and the built-in pack a council pack extends.
    pub pack: super::PackVersion,
    /// True when the assessment date is within the pack's dates.
    pub in_force: bool,
    /// The decision.
    pub status: super::StatusView,
    /// False only for `notEligible`.
    pub eligible: bool,
    /// Criteria met.
    pub criteria_met: u32,
    /// Criteria in the pack.
    pub criteria_total: u32,
    /// Indicators met, when the decision counts them.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub indicators_met: Option<u32>,
}

/// A claim's amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClaimFigures {
    /// The payment scheme's id (`phase-1`, …).
    pub scheme: String,
    /// The most the family can earn.
    pub maximum: Money,
    /// Attachment fee claimable now.
    pub attachment_claimable: Money,
    /// Results payment claimable now.
    pub results_claimable: Money,
    /// Both.
    pub total: Money,
}

/// A pool's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PoolFigures {
    /// Each partner, in the order given.
    pub partners: Vec<PartnerFigures>,
    /// The pool's benefit less its contributions, present value.
    pub net_pv: Money,
    /// The pool's return; `null` without contributions.
    #[tsify(type = "DecimalString | null")]
    pub roi: Option<Decimal>,
}

/// A partner's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PartnerFigures {
    /// Name, as the call gave it.
    pub name: String,
    /// What it puts in, present value.
    pub contribution_pv: Money,
    /// What it gets back, present value.
    pub benefit_pv: Money,
    /// Benefit less contribution, present value.
    pub net_pv: Money,
    /// Benefit ÷ contribution; `null` without a contribution.
    #[tsify(type = "DecimalString | null")]
    pub roi: Option<Decimal>,
    /// When its cumulative discounted position pays back.
    pub payback: PaybackView,
}

const FIGURES: &str = "assessFamilyFigures";

/// `assessFamily`'s figures of a call given as parsed JSON. Each step's
/// domain function is called directly and only its figures kept: no step's
/// answer is written, no call hashed. A call with any problem is answered
/// as `assessFamily` answers it (the same failure, or the same thrown error).
pub fn assess_family_figures_value(call: &Value) -> Result<AssessFamilyFiguresAnswer, CallError> {
    if let Some(figures) = lean(call) {
        return Ok(AssessFamilyFiguresAnswer::Success(Box::new(figures)));
    }
    match assess_family_value(call)? {
        AssessFamilyAnswer::Failure(f) => Ok(AssessFamilyFiguresAnswer::Failure(f)),
        AssessFamilyAnswer::Success(_) => Err(CallError::new(
            FIGURES,
            String::new(),
            "the figures could not be worked out, though the explained answer could: ask assessFamily".to_owned(),
        )),
    }
}

/// [`assess_family_figures_value`] of a typed call.
pub fn assess_family_figures(call: &AssessFamilyCall) -> AssessFamilyFiguresAnswer {
    super::appraise::typed(
        call,
        assess_family_figures_value,
        AssessFamilyFiguresAnswer::Failure,
    )
}

/// [`assess_family_figures_value`] with JSON text in and out.
pub fn assess_family_figures_json(call: &str) -> Result<String, CallError> {
    let call: Value = super::read_json_call(FUNCTION, call)?;
    super::write_json(FIGURES, &assess_family_figures_value(&call)?)
}

/// The figures of a call whose every step succeeds; `None` at the first
/// problem (the explained call then says what it is).
fn lean(call: &Value) -> Option<FamilyFigures> {
    let parts = parts(call).ok()?;

    // 1. Eligibility: the pack applied to the family, counts only.
    let family_call = read_family_call(parts.family.unwrap_or(&Value::Null), "family").ok()?;
    let mut errors = Vec::new();
    let pack = choose_pack(&family_call, &mut errors);
    let family = read_family(&family_call, &mut errors);
    let pack = pack.filter(|_| errors.is_empty())?;
    // The figures core of `checkEligibilityFigures`: the same decision and
    // counts as `rules::evaluate` (tests/figures_eligibility.rs), none of it
    // explained.
    let figures = crate::rules::figures(&pack, &family).ok()?;
    let assessed = &figures.tally;
    let day = family.assessment_date;
    let counts_indicators = super::counts_indicators(&pack, day);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let eligibility = EligibilityCounts {
        pack: super::PackVersion::of(&pack),
        in_force: figures.in_force,
        status: assessed.status.into(),
        eligible: assessed.status != crate::rules::Status::NotEligible,
        criteria_met: count(assessed.criteria_met),
        criteria_total: count(pack.criteria.len()),
        indicators_met: counts_indicators.then(|| count(assessed.indicators_met)),
    };

    // 2. Costs.
    let costed = parts.costs.map(read_cost_family_call).transpose().ok()?;
    let costs = match &costed {
        Some(c) => Some(cost_family_with(c, InputHash::Now, |_, cost| cost_figures(cost)).ok()?),
        None => None,
    };

    // 3. The claim: `claimPayment`'s working of this one claim on the record
    // already read, its amounts kept.
    let claim = match parts.claim {
        Some(Value::Object(c)) => {
            let call = Value::object([("claims", Value::Array(vec![Value::Object(c.clone())]))]);
            let known = KnownFamily {
                council_pack: family_call.council_pack.is_some(),
                pack: pack.clone(),
                family,
            };
            let figures = first_claim_with(&call, known, |c| ClaimFigures {
                scheme: c.phase.id().to_owned(),
                maximum: c.maximum,
                attachment_claimable: c.attachment_paid,
                results_claimable: c.results_paid,
                total: c.total,
            });
            Some(figures?)
        }
        _ => None,
    };

    // 4. The appraisal of the family's costs, and 5. the pool.
    let (appraisal, pool) = match (parts.appraisal, parts.reduction) {
        (Some(a), Some(reduction)) => {
            let reduction = reduction.ok()?.as_decimal();
            let costed = costed.as_ref()?;
            let (built, _) = appraisal_call(parts.costs.map(|v| (costed, v)), reduction, a);
            let figures = appraise_with(&built, InputHash::Now, super::appraise::figures)
                .ok()?
                .ok()?;
            let pool = match parts.partners {
                Some(partners) => Some(pool_figures(partners, &figures)?),
                None => None,
            };
            (Some(figures), pool)
        }
        (None, _) | (_, None) if parts.partners.is_some() => return None,
        _ => (None, None),
    };

    Some(FamilyFigures {
        assessment_date: family_call.assessment_date.clone(),
        eligibility,
        costs,
        claim,
        appraisal,
        pool,
        receipt: FiguresReceipt {
            engine_version: super::ENGINE_VERSION.to_owned(),
            unit_cost_table: Some(TableRef {
                id: crate::costs::NATIONAL_TABLE_ID.to_owned(),
                sha256: crate::costs::hashes::UCD_V1_2_SHA256.to_owned(),
            }),
            extends_table: None,
            deflator: Some(TableRef {
                id: crate::costs::series::DEFAULT_SERIES_ID.to_owned(),
                sha256: crate::costs::hashes::HMT_2026_03_SHA256.to_owned(),
            }),
            rule_pack: Some(TableRef {
                id: pack.id.clone(),
                sha256: pack.sha256.clone(),
            }),
        },
    })
}

/// The pool of the appraisal's first scenario that is not business as usual
/// (the built appraisal has one), as `poolReturns` works it out.
fn pool_figures(partners: &Value, appraisal: &AppraisalBody) -> Option<PoolFigures> {
    let reader = Reader::new("poolReturns");
    let pool = Value::object([("partners", partners.clone())]);
    let root = reader.call::<AssessPoolCall>(&pool);
    let mut errors = Vec::new();
    let read: Vec<crate::pool::Partner> = root
        .each::<PartnerCall>("partners", true)
        .iter()
        .map(|p| read_partner(p, &mut errors))
        .collect();
    reader.finish().ok()?;
    if read.is_empty() || !errors.is_empty() {
        return None;
    }
    let scenario = appraisal
        .scenarios
        .iter()
        .find(|s| !s.business_as_usual)
        .or_else(|| appraisal.scenarios.first())?;
    let benefits: Vec<crate::pool::AgencyBenefit> = scenario
        .by_agency
        .iter()
        .filter(|a| a.value_type == super::ValueTypeName::Fiscal)
        .map(|a| crate::pool::AgencyBenefit {
            agency: a.agency.clone(),
            years: a.years.iter().map(|y| y.net_pv).collect(),
            pv: a.flow.net_pv,
            cashable_pv: a.cashable_pv.unwrap_or(Money::ZERO),
        })
        .collect();
    let bands = appraisal
        .discount_rates
        .iter()
        .map(|b| crate::appraisal::DiscountBand {
            from_year: b.from_year,
            rate: b.rate,
        })
        .collect();
    let schedule = crate::appraisal::DiscountSchedule::new(bands).ok()?;
    let result = crate::pool::returns(&read, &benefits, &schedule).ok()?;
    Some(PoolFigures {
        partners: result
            .partners
            .iter()
            .map(|p| PartnerFigures {
                name: p.name.clone(),
                contribution_pv: p.contribution_pv,
                benefit_pv: p.benefit_pv,
                net_pv: p.net_pv,
                roi: p.roi,
                payback: p.payback.into(),
            })
            .collect(),
        net_pv: result.net_pv,
        roi: result.roi,
    })
}
