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

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tsify::Tsify;

use super::appraise::{appraise_value, AppraiseAnswer, PaybackView};
use super::claims::{claim_payment_value, ClaimPaymentAnswer, ClaimView};
use super::costing::{cost_family, read_cost_family_call, CostFamilyAnswer, CostFamilyCall};
use super::eligibility::{check_eligibility, read_family_call, CheckEligibilityAnswer};
use super::json::{Object, Reader};
use super::pool::{pool_returns_with, PartnerCall, PoolReturnsAnswer};
use super::{
    receipt, CallError, CheckEligibilityCall, DecimalText, ErrorView, Failure, Receipt, TableRef,
};
use crate::error::{Error, ErrorCode};
use crate::money::{Money, Rate};

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
    AssessClaimCall: ["attachmentDate", "progressToWork", "outcomesPlan"];
    AssessAppraisalCall: [
        "reduction",
        "engagement",
        "success",
        "deadweight",
        "lagYears",
        "durationYears",
        "dropOff",
        "grade",
        "costs",
        "costOptimismBias",
        "cashable",
        "discounting",
    ];
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
    pub call: Option<Value>,
}

// ---------------------------------------------------------------------- paths

const FUNCTION: &str = "assessFamily";
const OUTCOME: &str = "scenarios[0].outcomes[0].";

/// A path of the built `appraise` call, as a path of this call: the items'
/// values are `costs.items[k]`, the base year and local rows the costs', the
/// rest the appraisal's.
fn appraisal_path(path: &str, items: &[usize]) -> String {
    if let Some(rest) = path.strip_prefix(OUTCOME) {
        if let Some((i, tail)) = rest.strip_prefix("values[").and_then(|r| r.split_once(']')) {
            if tail == ".grade" || tail == ".rag" {
                return "appraisal.grade".to_owned();
            }
            let k = i.parse::<usize>().ok().and_then(|i| items.get(i)).copied();
            return k.map_or_else(
                || "costs.items".to_owned(),
                |k| format!("costs.items[{k}]{tail}"),
            );
        }
        return format!("appraisal.{rest}");
    }
    if let Some(rest) = path.strip_prefix("scenarios[0].") {
        return format!("appraisal.{rest}");
    }
    if [
        "baseYear",
        "unitCostTable",
        "deflator",
        "councilTable",
        "localRows",
    ]
    .iter()
    .any(|field| path.starts_with(field))
    {
        return format!("costs.{path}");
    }
    if path.is_empty() || path.starts_with("scenarios") {
        return "appraisal".to_owned();
    }
    format!("appraisal.{path}")
}

/// A path of the built `claimPayment` call, as a path of this call.
fn claim_path(path: &str) -> String {
    match path.strip_prefix("claims[0].") {
        Some(rest) if rest.starts_with("family") => rest.to_owned(),
        Some(rest) => format!("claim.{rest}"),
        None => "claim".to_owned(),
    }
}

/// A path of the built `poolReturns` call, as a path of this call.
fn pool_path(path: &str, items: &[usize]) -> String {
    match path.strip_prefix("appraisal") {
        Some(rest) => appraisal_path(rest.trim_start_matches('.'), items),
        None if path.starts_with("partners") => format!("pool.{path}"),
        None => "pool".to_owned(),
    }
}

fn prefixed(prefix: &str, path: Option<&str>) -> String {
    match path {
        Some(p) if !p.is_empty() => format!("{prefix}.{p}"),
        _ => prefix.to_owned(),
    }
}

fn thrown(path: String, e: &CallError) -> CallError {
    e.clone().moved(FUNCTION, path)
}

fn moved(errors: Vec<ErrorView>, path: impl Fn(Option<&str>) -> String) -> Vec<ErrorView> {
    errors
        .into_iter()
        .map(|e| ErrorView {
            path: Some(path(e.path.as_deref())),
            ..e
        })
        .collect()
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
        serde_json::from_str::<Value>(&self.0)
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
        let mut out = String::with_capacity(
            a.eligibility.0.len()
                + a.costs.as_ref().map_or(0, |p| p.0.len())
                + a.appraisal.as_ref().map_or(0, |p| p.0.len())
                + a.pool.as_ref().map_or(0, |p| p.0.len())
                + 8192,
        );
        out.push_str("{\"type\":\"success\",\"assessmentDate\":");
        out.push_str(&serde_json::to_string(&a.assessment_date)?);
        out.push_str(",\"eligibility\":");
        out.push_str(&a.eligibility.0);
        if let Some(p) = &a.costs {
            out.push_str(",\"costs\":");
            out.push_str(&p.0);
        }
        if let Some(c) = &a.claim {
            out.push_str(",\"claim\":");
            out.push_str(&serde_json::to_string(c)?);
        }
        for (key, part) in [("appraisal", &a.appraisal), ("pool", &a.pool)] {
            if let Some(p) = part {
                out.push_str(",\"");
                out.push_str(key);
                out.push_str("\":");
                out.push_str(&p.0);
            }
        }
        out.push_str(",\"trace\":");
        out.push_str(&serde_json::to_string(&a.trace)?);
        out.push_str(",\"receipt\":");
        out.push_str(&serde_json::to_string(&a.receipt)?);
        out.push('}');
        Ok(out)
    }
}

/// A success answer (whose last field is its receipt) as a [`Part`], and
/// the receipt's input hash. The receipt is the last field, written exactly
/// as it is written alone, so it is cut from the end of the text; were it
/// ever not found there, the answer is read as a value and the receipt
/// removed from that.
fn part<T: Serialize>(answer: &T, receipt: &Receipt) -> (Part, String) {
    let text = serde_json::to_string(answer).unwrap_or_default();
    let tail = serde_json::to_string(receipt)
        .map(|r| format!(",\"receipt\":{r}}}"))
        .unwrap_or_default();
    let body = match text.strip_suffix(tail.as_str()) {
        Some(head) if !tail.is_empty() => format!("{head}}}"),
        _ => {
            let mut value = serde_json::from_str::<Value>(&text).unwrap_or_default();
            if let Value::Object(map) = &mut value {
                map.remove("receipt");
            }
            value.to_string()
        }
    };
    (Part(body), receipt.input_sha256.clone())
}

fn step(step: &str, function: &str, input_sha256: String, summary: String) -> TraceStep {
    TraceStep {
        step: step.to_owned(),
        function: function.to_owned(),
        input_sha256,
        summary,
        call: None,
    }
}

/// "£2000.00", "-£2000.00".
fn pounds(m: Money) -> String {
    let text = m.to_string();
    match text.strip_prefix('-') {
        Some(rest) => format!("-£{rest}"),
        None => format!("£{text}"),
    }
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

/// The appraise call for the family's costs, and which item each value is.
fn appraisal_call(
    costs: &CostFamilyCall,
    costs_value: &Value,
    appraisal: &Map<String, Value>,
    errors: &mut Vec<ErrorView>,
) -> (Value, Vec<usize>) {
    let reduction = appraisal
        .get("reduction")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let reduction = match Rate::parse(reduction) {
        Ok(r) => r.as_decimal(),
        Err(e) => {
            errors.push(ErrorView::from(e.at("appraisal.reduction")));
            Decimal::ZERO
        }
    };
    let mut items = Vec::new();
    let mut values = Vec::new();
    for (k, item) in costs.items.iter().enumerate() {
        let Ok(quantity) = item.quantity.to_decimal() else {
            continue;
        };
        let Some(fewer) = quantity.checked_mul(reduction).filter(|q| !q.is_zero()) else {
            continue;
        };
        let mut v = Map::new();
        v.insert("code".to_owned(), Value::String(item.code.clone()));
        v.insert(
            "quantity".to_owned(),
            Value::String(fewer.normalize().to_string()),
        );
        if let Some(g) = appraisal.get("grade") {
            v.insert("grade".to_owned(), g.clone());
        }
        values.push(Value::Object(v));
        items.push(k);
    }
    // Fields copied as given (so that `appraise` checks and reports them), or defaults.
    let copy = |into: &mut Map<String, Value>,
                from: &Map<String, Value>,
                keys: &[(&str, Option<&str>)]| {
        for (key, default) in keys {
            match (from.get(*key), default) {
                (Some(v), _) => {
                    into.insert((*key).to_owned(), v.clone());
                }
                (None, Some(d)) => {
                    into.insert((*key).to_owned(), Value::String((*d).to_owned()));
                }
                (None, None) => {}
            }
        }
    };
    let mut outcome = Map::new();
    outcome.insert(
        "name".to_owned(),
        Value::String("The family's service use falls".to_owned()),
    );
    copy(
        &mut outcome,
        appraisal,
        &[
            ("engagement", Some("1")),
            ("success", Some("1")),
            ("deadweight", Some("0")),
            ("lagYears", None),
            ("durationYears", None),
            ("dropOff", None),
            ("cashable", None),
        ],
    );
    outcome.insert("values".to_owned(), Value::Array(values));
    let mut scenario = Map::new();
    scenario.insert("name".to_owned(), Value::String("This family".to_owned()));
    scenario.insert("cohort".to_owned(), Value::from(1));
    copy(
        &mut scenario,
        appraisal,
        &[("costs", None), ("costOptimismBias", None)],
    );
    scenario.insert(
        "outcomes".to_owned(),
        Value::Array(vec![Value::Object(outcome)]),
    );
    let mut call = Map::new();
    if let Some(c) = costs_value.as_object() {
        copy(
            &mut call,
            c,
            &[
                ("baseYear", None),
                ("unitCostTable", None),
                ("deflator", None),
                ("councilTable", None),
                ("localRows", None),
            ],
        );
    }
    copy(&mut call, appraisal, &[("discounting", None)]);
    call.insert(
        "scenarios".to_owned(),
        Value::Array(vec![Value::Object(scenario)]),
    );
    let call = Value::Object(call);
    (call, items)
}

/// The shape of a claim's facts (their values are checked by `claimPayment`).
fn claim_shape(c: &Object<'_, '_>) {
    c.text("attachmentDate", true);
    for p in c.each::<super::ProgressToWorkCall>("progressToWork", false) {
        p.opt_quantity("member", true);
        p.text("date", true);
        p.text("kind", true);
    }
    for o in c.each::<super::OutcomeProgressCall>("outcomesPlan", false) {
        for key in ["problem", "date", "evidence"] {
            o.text(key, true);
        }
    }
}

/// The shape of the appraisal's assumptions (their values are checked by
/// `appraise`).
fn appraisal_shape(a: &Object<'_, '_>) {
    a.decimal("reduction", true);
    for key in [
        "engagement",
        "success",
        "deadweight",
        "dropOff",
        "costOptimismBias",
    ] {
        a.decimal(key, false);
    }
    a.opt_quantity("lagYears", false);
    a.opt_quantity("durationYears", true);
    a.whole("grade", false);
    for c in a.each::<super::CostCall>("costs", true) {
        c.opt_quantity("year", true);
        c.text("funder", true);
        c.decimal("amount", true);
    }
    for c in a.each::<super::CashableCall>("cashable", false) {
        c.text("agency", true);
        c.decimal("share", true);
    }
    if let Some(d) = a.one::<super::DiscountingCall>("discounting") {
        d.variant(
            "schedule",
            &["greenBook", "health", "sensitivity", "custom"],
        );
        for b in d.each::<super::DiscountBandCall>("bands", false) {
            b.whole("fromYear", true);
            b.decimal("rate", true);
        }
        d.flag("sensitivity");
    }
}

/// Assesses a family given as parsed JSON: a call of the wrong shape is a
/// [`CallError`] (thrown in JavaScript), anything else an answer.
pub fn assess_family_value(call: &Value) -> Result<AssessFamilyAnswer, CallError> {
    let mut receipt = receipt(call);
    let reader = Reader::new(FUNCTION);
    let root = reader.call::<AssessFamilyCall>(call);
    let family_value = root.value("family", true).cloned().unwrap_or(Value::Null);
    let costs_value = root.value("costs", false).cloned();
    // Every part's shape is read now, whichever steps run later.
    if let Some(c) = root.one::<AssessClaimCall>("claim") {
        claim_shape(&c);
    }
    if let Some(a) = root.one::<AssessAppraisalCall>("appraisal") {
        appraisal_shape(&a);
    }
    let claim_value = root.value("claim", false).cloned();
    let appraisal_value = root
        .value("appraisal", false)
        .and_then(Value::as_object)
        .cloned();
    let pool = root.one::<AssessPoolCall>("pool");
    if let Some(p) = &pool {
        for partner in p.each::<PartnerCall>("partners", true) {
            partner.text("name", true);
            for (j, agency) in partner.list("agencies", true).iter().enumerate() {
                if !agency.is_string() {
                    reader.wrong_at(
                        format!("{}[{j}]", partner.at("agencies")),
                        agency,
                        "a string",
                    );
                }
            }
            for c in partner.each::<super::ContributionCall>("contributions", false) {
                c.opt_quantity("year", true);
                c.decimal("amount", true);
                c.variant("kind", &["cash", "inKind"]);
            }
        }
    }
    let partners = pool
        .as_ref()
        .and_then(|p| p.value("partners", true))
        .cloned();
    reader.finish()?;

    let mut errors: Vec<ErrorView> = Vec::new();
    let mut trace = Vec::new();

    // 1. Eligibility.
    let family =
        read_family_call(&family_value, "family").map_err(|e| thrown(e.path().to_owned(), &e))?;
    let eligibility = match check_eligibility(&family) {
        CheckEligibilityAnswer::Success(s) => {
            receipt.rule_pack = Some(Box::new(TableRef {
                id: s.pack.id.clone(),
                sha256: s.pack.sha256.clone(),
            }));
            let summary = s.decision.clone();
            let (v, hash) = part(&s, &s.receipt);
            trace.push(step("eligibility", "checkEligibility", hash, summary));
            Some(v)
        }
        CheckEligibilityAnswer::Failure(f) => {
            errors.extend(moved(f.errors, |p| prefixed("family", p)));
            None
        }
    };

    // 2. Costs.
    let mut costed: Option<CostFamilyCall> = None;
    let costs = match &costs_value {
        None => None,
        Some(v) => {
            let call = read_cost_family_call(v)
                .map_err(|e| thrown(prefixed("costs", Some(e.path())), &e))?;
            let answer = cost_family(&call);
            costed = Some(call);
            match answer {
                CostFamilyAnswer::Success(s) => {
                    let agencies: Vec<String> = s
                        .by_agency
                        .iter()
                        .map(|a| format!("{} {}", a.agency, pounds(a.amount)))
                        .collect();
                    let summary = format!(
                        "{} a year at {} prices: {}.",
                        pounds(s.total),
                        s.base_year,
                        agencies.join(", ")
                    );
                    let (v, hash) = part(&s, &s.receipt);
                    trace.push(step("costs", "costFamily", hash, summary));
                    Some(v)
                }
                CostFamilyAnswer::Failure(f) => {
                    errors.extend(moved(f.errors, |p| prefixed("costs", p)));
                    None
                }
            }
        }
    };

    // 3. The claim, on the same record.
    let mut claim = None;
    if let Some(Value::Object(c)) = &claim_value {
        let mut one = c.clone();
        one.insert("family".to_owned(), family_value.clone());
        let mut built = Map::new();
        built.insert("claims".to_owned(), Value::Array(vec![Value::Object(one)]));
        let built = Value::Object(built);
        let answer = claim_payment_value(&built).map_err(|e| thrown(claim_path(e.path()), &e))?;
        match answer {
            ClaimPaymentAnswer::Success(s) => {
                let hash = s.receipt.input_sha256.clone();
                if let Some(c) = s.claims.into_iter().next() {
                    trace.push(step("claim", "claimPayment", hash, c.summary.clone()));
                    claim = Some(c);
                }
            }
            // The family's own problems are reported once, by eligibility.
            ClaimPaymentAnswer::Failure(f) => errors.extend(
                moved(f.errors, |p| claim_path(p.unwrap_or_default()))
                    .into_iter()
                    .filter(|e| {
                        eligibility.is_some()
                            || !e.path.as_deref().unwrap_or_default().starts_with("family")
                    }),
            ),
        }
    }

    // 4. The appraisal of the family's costs, and 5. the pool.
    let mut appraisal = None;
    let mut pool = None;
    if let Some(a) = &appraisal_value {
        match (&costed, &costs_value) {
            (Some(costed), Some(costs_value)) => {
                let before = errors.len();
                let (built, items) = appraisal_call(costed, costs_value, a, &mut errors);
                let answer = appraise_value(&built)
                    .map_err(|e| thrown(appraisal_path(e.path(), &items), &e))?;
                match answer {
                    AppraiseAnswer::Success(s) if errors.len() == before => {
                        let summary = s.scenarios.first().map_or_else(String::new, |sc| {
                            format!(
                                "Net present value {} at {} prices; fiscal return {}; {}.",
                                pounds(sc.central.npv),
                                s.base_year,
                                sc.central
                                    .roi
                                    .fiscal
                                    .map_or("not defined (no costs)".to_owned(), |r| r.to_string()),
                                payback_text(&sc.central.payback_pv)
                            )
                        });
                        let (v, hash) = part(&s, &s.receipt);
                        let mut t = step("appraisal", "appraise", hash, summary);
                        t.call = Some(built.clone());
                        trace.push(t);
                        appraisal = Some(v);
                        if let Some(partners) = &partners {
                            let mut pool_call = Map::new();
                            pool_call.insert("appraisal".to_owned(), built.clone());
                            pool_call.insert("partners".to_owned(), partners.clone());
                            let pool_call = Value::Object(pool_call);
                            let answer = pool_returns_with(&pool_call, Some(&*s))
                                .map_err(|e| thrown(pool_path(e.path(), &items), &e))?;
                            match answer {
                                PoolReturnsAnswer::Success(p) => {
                                    let nets: Vec<String> = p
                                        .partners
                                        .iter()
                                        .map(|x| format!("{} {}", x.name, pounds(x.net_pv)))
                                        .collect();
                                    let summary = format!(
                                        "Net positions at present value: {}; pool return {}.",
                                        nets.join(", "),
                                        p.pool
                                            .roi
                                            .map_or("not defined".to_owned(), |r| r.to_string())
                                    );
                                    let (v, hash) = part(&p, &p.receipt);
                                    trace.push(step("pool", "poolReturns", hash, summary));
                                    pool = Some(v);
                                }
                                PoolReturnsAnswer::Failure(f) => {
                                    errors.extend(moved(f.errors, |p| {
                                        pool_path(p.unwrap_or_default(), &items)
                                    }));
                                }
                            }
                        }
                    }
                    AppraiseAnswer::Success(_) => {}
                    AppraiseAnswer::Failure(f) => errors.extend(
                        moved(f.errors, |p| appraisal_path(p.unwrap_or_default(), &items))
                            .into_iter()
                            // The costs' own problems are reported once, by costFamily.
                            .filter(|e| {
                                costs.is_some()
                                    || !e.path.as_deref().unwrap_or_default().starts_with("costs")
                            }),
                    ),
                }
            }
            (None, _) => errors.push(ErrorView::from(
                Error::new(
                    ErrorCode::InvalidField,
                    "An appraisal of the family's costs needs its costs: add them.",
                )
                .at("costs"),
            )),
            (Some(_), None) => {}
        }
    } else if partners.is_some() {
        errors.push(ErrorView::from(
            Error::new(
                ErrorCode::InvalidField,
                "A pool shares out an appraisal's savings: add the appraisal.",
            )
            .at("appraisal"),
        ));
    }

    let (Some(eligibility), true) = (eligibility, errors.is_empty()) else {
        return Ok(AssessFamilyAnswer::Failure(Failure { errors, receipt }));
    };
    let assessment_date = family.assessment_date.clone();
    Ok(AssessFamilyAnswer::Success(Box::new(FamilyAssessment {
        assessment_date,
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
