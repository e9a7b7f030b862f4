//! `poolReturns(call)`: what each partner of a pooled budget puts in and gets
//! back, and the transfers that would even it out ([`crate::pool`]).
//!
//! The call carries an `appraise` call — the programme — and the partners:
//! each with its contributions, cash and in kind, by year, and the agencies
//! whose savings it receives. The appraisal is run as `appraise` runs it; its
//! chosen scenario's fiscal benefits by agency and year, at present value,
//! are shared out, and the contributions are discounted with its schedule.
//! Every problem comes back at once in a `failure` answer, the appraisal's
//! under `appraisal.…`.

use crate::json::Value;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::appraise::{
    appraise_value, name_field, AppraisalSuccess, AppraiseAnswer, AppraiseCall, PaybackView,
    ValueTypeName,
};
use super::json::{Object, Reader};
use super::{receipt, write_json, CallError, ErrorView, Failure, NoteView, QuantityInput, Receipt};
use crate::appraisal::{DiscountBand, DiscountSchedule, MAX_YEAR};
use crate::error::{Error, ErrorCode};
use crate::money::{Money, Rounding};
use crate::pool::{self, AgencyBenefit, Basis, Contribution, Kind, Partner, PoolResult, Remark};

// ----------------------------------------------------------------------- call

/// `poolReturns(call)`: a programme and the partners pooling its budget.
/// Read by hand from JSON (unknown fields throw).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PoolReturnsCall {
    /// The programme, appraised as `appraise` does.
    pub appraisal: AppraiseCall,
    /// The scenario whose benefits are pooled; the first that is not
    /// business as usual if left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub scenario: Option<String>,
    /// The partners.
    pub partners: Vec<PartnerCall>,
}

/// A partner of the pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PartnerCall {
    /// Name, e.g. `"Council"`.
    pub name: String,
    /// The agencies whose savings it receives, as the appraisal names them
    /// (`"Police"`, `"Local Authority"`); an agency goes to one partner.
    pub agencies: Vec<String>,
    /// What it puts in.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub contributions: Vec<ContributionCall>,
}

/// A contribution in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContributionCall {
    /// Year, 0 being the appraisal's base year.
    pub year: QuantityInput,
    /// At base-year prices, e.g. `"60000.00"`.
    #[tsify(type = "DecimalString")]
    pub amount: String,
    /// `cash` (the default) or `inKind` (staff, premises, services).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub kind: Option<ContributionKind>,
}

/// What a contribution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum ContributionKind {
    /// Money.
    Cash,
    /// Staff, premises or services.
    InKind,
}

super::call_fields! {
    PoolReturnsCall: ["appraisal", "scenario", "partners"];
    PartnerCall: ["name", "agencies", "contributions"];
    ContributionCall: ["year", "amount", "kind"];
}
// --------------------------------------------------------------------- answer

/// The answer to `poolReturns`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum PoolReturnsAnswer {
    /// The partners' returns.
    Success(Box<PoolSuccess>),
    /// Something in the call must be corrected first; every problem is listed.
    Failure(Failure),
}

/// The partners' returns and the rebalancing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PoolSuccess {
    /// The scenario pooled.
    pub scenario: String,
    /// Year 0, and the price year of every amount.
    pub base_year: String,
    /// The last year.
    pub horizon: u32,
    /// Each partner, in the order given.
    pub partners: Vec<PartnerView>,
    /// The pool as a whole.
    pub pool: PoolTotalsView,
    /// Fiscal benefits of agencies no partner receives.
    pub outside: Vec<OutsideView>,
    /// Rebalancing on each basis: `fiscal`, then `cashable` (none when nobody contributes).
    pub rebalancing: Vec<RebalancingView>,
    /// Remarks.
    pub notes: Vec<NoteView>,
    /// Receipt.
    pub receipt: Receipt,
}

/// Contributions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ContributionView {
    /// Cash, undiscounted.
    pub cash: Money,
    /// In kind, undiscounted.
    pub in_kind: Money,
    /// Cash, present value.
    pub cash_pv: Money,
    /// In kind, present value.
    pub in_kind_pv: Money,
    /// All, present value.
    pub pv: Money,
}

/// Fiscal benefit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct BenefitView {
    /// Present value.
    pub pv: Money,
    /// Cashable part.
    pub cashable_pv: Money,
    /// Capacity freed.
    pub non_cashable_pv: Money,
}

/// A partner's returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PartnerView {
    /// Name.
    pub name: String,
    /// Its agencies with savings, as the appraisal names them.
    pub agencies: Vec<String>,
    /// What it puts in.
    pub contribution: ContributionView,
    /// What it gets back.
    pub benefit: BenefitView,
    /// Benefit less contribution, present value.
    pub net_pv: Money,
    /// Benefit ÷ contribution, two places; `null` without a contribution.
    #[tsify(type = "DecimalString | null")]
    pub roi: Option<Decimal>,
    /// Its share of the contributions, in percent to two places; `null` when nobody contributes.
    #[tsify(type = "DecimalString | null")]
    pub share_percent: Option<Decimal>,
    /// When its cumulative discounted position pays back.
    pub payback: PaybackView,
    /// Each year.
    pub years: Vec<PartnerYearView>,
}

/// A partner's year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PartnerYearView {
    /// Year.
    pub year: u32,
    /// Contributions, present value.
    pub contribution_pv: Money,
    /// Benefit, present value.
    pub benefit_pv: Money,
    /// Cumulative position, present value.
    pub position_pv: Money,
}

/// The pool's totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PoolTotalsView {
    /// Contributions.
    pub contribution: ContributionView,
    /// Fiscal benefit to the partners.
    pub benefit: BenefitView,
    /// Benefit less contributions.
    pub net_pv: Money,
    /// Benefit ÷ contributions, two places.
    #[tsify(type = "DecimalString | null")]
    pub roi: Option<Decimal>,
}

/// An agency's fiscal benefit that no partner receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct OutsideView {
    /// Agency.
    pub agency: String,
    /// Present value.
    pub benefit_pv: Money,
    /// Its cashable part.
    pub cashable_pv: Money,
}

/// A rebalancing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RebalancingView {
    /// `fiscal` or `cashable`.
    #[tsify(type = "\"fiscal\" | \"cashable\"")]
    pub basis: String,
    /// What is shared out, in a sentence.
    pub description: String,
    /// The total shared out in proportion to contributions.
    pub total: Money,
    /// Each partner, in order.
    pub partners: Vec<RebalancedView>,
    /// Who pays whom.
    pub transfers: Vec<TransferView>,
    /// True when the settlement is proven to use the fewest transfers.
    pub fewest: bool,
}

/// A partner rebalanced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RebalancedView {
    /// Name.
    pub name: String,
    /// Its share of the total.
    pub target: Money,
    /// Received (positive) or paid (negative).
    pub transfer: Money,
    /// Fiscal benefit after the transfer.
    pub benefit_after: Money,
    /// Net position after.
    pub net_after: Money,
    /// Return after, two places.
    #[tsify(type = "DecimalString | null")]
    pub roi_after: Option<Decimal>,
}

/// A payment of the settlement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TransferView {
    /// Who pays.
    pub from: String,
    /// Who is paid.
    pub to: String,
    /// How much.
    pub amount: Money,
}

// -------------------------------------------------------------------- reading

const FUNCTION: &str = "poolReturns";

fn problem(errors: &mut Vec<Error>, path: String, code: ErrorCode, message: impl Into<String>) {
    errors.push(Error::new(code, message).at(path));
}

pub(super) fn read_partner(object: &Object<'_, '_>, errors: &mut Vec<Error>) -> Partner {
    let name = name_field(object, "name", true, "Give the partner a name.")
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let mut agencies = Vec::new();
    for (path, agency) in object.texts("agencies", true) {
        match agency.trim() {
            "" => errors.push(Error::new(ErrorCode::InvalidField, "Name the agency.").at(path)),
            agency => agencies.push(agency.to_owned()),
        }
    }
    let mut contributions = Vec::new();
    for c in object.each::<ContributionCall>("contributions", false) {
        let year = c
            .whole_number("year", true, MAX_YEAR, "year (0 is the base year)")
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let text = c.decimal("amount", true);
        let amount = match Money::parse(text) {
            Ok(a) if a.is_negative() => {
                problem(
                    errors,
                    c.at("amount"),
                    ErrorCode::InvalidMoney,
                    "A contribution cannot be negative.",
                );
                None
            }
            Ok(a) => Some(a),
            Err(_) if text.is_empty() => {
                problem(
                    errors,
                    c.at("amount"),
                    ErrorCode::InvalidMoney,
                    "Enter an amount.",
                );
                None
            }
            Err(e) => {
                errors.push(e.at(c.at("amount")));
                None
            }
        };
        let kind = if c.variant("kind", &["cash", "inKind"]) == 1 {
            Kind::InKind
        } else {
            Kind::Cash
        };
        if let (Some(year), Some(amount)) = (year, amount) {
            contributions.push(Contribution { year, kind, amount });
        }
    }
    Partner {
        name,
        agencies,
        contributions,
    }
}

/// Prefixes a path inside the appraisal call with `appraisal`.
fn under_appraisal(path: Option<&str>) -> String {
    match path {
        Some(p) if !p.is_empty() => format!("appraisal.{p}"),
        _ => "appraisal".to_owned(),
    }
}

// ------------------------------------------------------------------- answers

fn contribution_view(
    cash: Money,
    in_kind: Money,
    cash_pv: Money,
    in_kind_pv: Money,
) -> ContributionView {
    ContributionView {
        cash,
        in_kind,
        cash_pv,
        in_kind_pv,
        pv: cash_pv.checked_add(in_kind_pv).unwrap_or(Money::ZERO),
    }
}

fn benefit_view(pv: Money, cashable_pv: Money) -> BenefitView {
    BenefitView {
        pv,
        cashable_pv,
        non_cashable_pv: pv.checked_sub(cashable_pv).unwrap_or(Money::ZERO),
    }
}

fn success_view(
    scenario: String,
    base_year: String,
    result: &PoolResult,
    notes: Vec<NoteView>,
    receipt: Receipt,
) -> PoolSuccess {
    PoolSuccess {
        scenario,
        base_year,
        horizon: result.horizon,
        partners: result
            .partners
            .iter()
            .map(|p| PartnerView {
                name: p.name.clone(),
                agencies: p.agencies.clone(),
                contribution: contribution_view(p.cash, p.in_kind, p.cash_pv, p.in_kind_pv),
                benefit: benefit_view(p.benefit_pv, p.cashable_pv),
                net_pv: p.net_pv,
                roi: p.roi,
                share_percent: p.share.map(|s| {
                    Rounding::Ratio.apply(s.checked_mul(Decimal::ONE_HUNDRED).unwrap_or_default())
                }),
                payback: p.payback.into(),
                years: p
                    .years
                    .iter()
                    .enumerate()
                    .map(|(t, y)| PartnerYearView {
                        year: u32::try_from(t).unwrap_or(u32::MAX),
                        contribution_pv: y.contribution_pv,
                        benefit_pv: y.benefit_pv,
                        position_pv: y.position_pv,
                    })
                    .collect(),
            })
            .collect(),
        pool: PoolTotalsView {
            contribution: contribution_view(
                Money::sum(result.partners.iter().map(|p| p.cash)).unwrap_or(Money::ZERO),
                Money::sum(result.partners.iter().map(|p| p.in_kind)).unwrap_or(Money::ZERO),
                result.cash_pv,
                result.in_kind_pv,
            ),
            benefit: benefit_view(result.benefit_pv, result.cashable_pv),
            net_pv: result.net_pv,
            roi: result.roi,
        },
        outside: result
            .outside
            .iter()
            .map(|b| OutsideView {
                agency: b.agency.clone(),
                benefit_pv: b.pv,
                cashable_pv: b.cashable_pv,
            })
            .collect(),
        rebalancing: rebalancing_views(result),
        notes,
        receipt,
    }
}

/// The rebalancings of a pool's result, partners named as in the result.
pub(crate) fn rebalancing_views(result: &PoolResult) -> Vec<RebalancingView> {
    let name = |i: usize| {
        result
            .partners
            .get(i)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    result
            .rebalancing
            .iter()
            .map(|r| RebalancingView {
                basis: r.basis.id().to_owned(),
                description: match r.basis {
                    Basis::Fiscal => "Every partner's fiscal benefit, cashable or not, shared in proportion to what it put in (Formula 7).".to_owned(),
                    Basis::Cashable => "Only cashable savings are moved, in proportion to what each partner put in; the capacity freed stays where it falls, so no partner pays over more cash than it saved.".to_owned(),
                },
                total: r.total,
                partners: r
                    .partners
                    .iter()
                    .enumerate()
                    .map(|(i, p)| RebalancedView {
                        name: name(i),
                        target: p.target,
                        transfer: p.transfer,
                        benefit_after: p.benefit_after,
                        net_after: p.net_after,
                        roi_after: p.roi_after,
                    })
                    .collect(),
                transfers: r
                    .transfers
                    .iter()
                    .map(|t| TransferView {
                        from: name(t.from),
                        to: name(t.to),
                        amount: t.amount,
                    })
                    .collect(),
                fewest: r.fewest,
            })
            .collect()
}

/// A remark of the domain as a note.
pub(crate) fn note((code, message, path): Remark) -> NoteView {
    NoteView {
        code: code.to_owned(),
        message,
        path,
    }
}

// ------------------------------------------------------------------ the call

/// Works out the pool's returns.
pub fn pool_returns(call: &PoolReturnsCall) -> PoolReturnsAnswer {
    super::appraise::typed(call, pool_returns_value, PoolReturnsAnswer::Failure)
}

/// Works out the pool's returns from a call given as parsed JSON: a call of
/// the wrong shape is a [`CallError`] (thrown in JavaScript), anything else
/// an answer.
pub fn pool_returns_value(call: &Value) -> Result<PoolReturnsAnswer, CallError> {
    pool_returns_with(call, None)
}

/// [`pool_returns_value`] for a caller that has already appraised the call's
/// `appraisal` (`assessFamily`): its answer is used rather than worked out a
/// second time. The call is still read whole, and its receipt is the call's.
pub(crate) fn pool_returns_with(
    call: &Value,
    appraised: Option<&AppraisalSuccess>,
) -> Result<PoolReturnsAnswer, CallError> {
    let receipt = receipt(call);
    let reader = Reader::new(FUNCTION);
    let root = reader.call::<PoolReturnsCall>(call);
    let appraisal = root.value("appraisal", true);
    let wanted = root.text("scenario", false).trim().to_owned();
    let mut errors = Vec::new();
    let partner_objects = root.each::<PartnerCall>("partners", true);
    let partners: Vec<Partner> = partner_objects
        .iter()
        .map(|p| read_partner(p, &mut errors))
        .collect();
    reader.finish()?;
    if partners.is_empty() {
        problem(
            &mut errors,
            "partners".to_owned(),
            ErrorCode::InvalidField,
            "Add at least one partner.",
        );
    }
    let fail = |errors: Vec<Error>, receipt: Receipt| {
        PoolReturnsAnswer::Failure(Failure::new(errors, receipt))
    };
    // Appraised here unless the caller already has the answer.
    let appraised_here: Box<AppraisalSuccess>;
    let success: &AppraisalSuccess = match appraised {
        Some(s) => s,
        None => match appraise_value(appraisal.unwrap_or(&Value::Null)).map_err(|e| {
            let path = under_appraisal(Some(e.path()));
            e.moved(FUNCTION, path)
        })? {
            AppraiseAnswer::Success(s) => {
                appraised_here = s;
                &appraised_here
            }
            AppraiseAnswer::Failure(f) => {
                let mut all: Vec<ErrorView> = f
                    .errors
                    .into_iter()
                    .map(|e| ErrorView {
                        path: Some(under_appraisal(e.path.as_deref())),
                        ..e
                    })
                    .collect();
                all.extend(errors.into_iter().map(ErrorView::from));
                return Ok(PoolReturnsAnswer::Failure(Failure {
                    errors: all,
                    receipt,
                }));
            }
        },
    };
    let chosen = if wanted.is_empty() {
        success
            .scenarios
            .iter()
            .find(|s| !s.business_as_usual)
            .or_else(|| success.scenarios.first())
    } else {
        let found = success.scenarios.iter().find(|s| s.name == wanted);
        if found.is_none() {
            problem(
                &mut errors,
                "scenario".to_owned(),
                ErrorCode::InvalidField,
                format!(
                    "The appraisal has no scenario called \"{wanted}\"; its scenarios are {}.",
                    success
                        .scenarios
                        .iter()
                        .map(|s| format!("\"{}\"", s.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        found
    };
    let bands: Vec<DiscountBand> = success
        .parameters
        .discounting
        .bands
        .iter()
        .map(|b| DiscountBand {
            from_year: b.from_year,
            rate: b.rate,
        })
        .collect();
    let schedule = DiscountSchedule::new(bands);
    let (Some(scenario), Ok(schedule), true) = (chosen, schedule, errors.is_empty()) else {
        return Ok(fail(errors, receipt));
    };
    let benefits: Vec<AgencyBenefit> = scenario
        .by_agency
        .iter()
        .filter(|a| a.value_type == ValueTypeName::Fiscal)
        .map(|a| AgencyBenefit {
            agency: a.agency.clone(),
            years: a.years.iter().map(|y| y.net_pv).collect(),
            pv: a.flow.net_pv,
            cashable_pv: a.cashable_pv.unwrap_or(Money::ZERO),
        })
        .collect();
    let result = match pool::returns(&partners, &benefits, &schedule) {
        Ok(r) => r,
        Err(e) => return Ok(fail(vec![e], receipt)),
    };

    let scope = format!("\"{}\"", scenario.name);
    let notes = (result.unpooled(&scope, "the appraisal's").into_iter())
        .chain(result.remarks(&scenario.name, scenario.central.costs))
        .map(note)
        .collect();
    Ok(PoolReturnsAnswer::Success(Box::new(success_view(
        scenario.name.clone(),
        success.base_year.clone(),
        &result,
        notes,
        receipt,
    ))))
}

/// [`pool_returns`] with JSON text in and out.
pub fn pool_returns_json(call: &str) -> Result<String, CallError> {
    let call: Value = super::read_json_call(FUNCTION, call)?;
    write_json(FUNCTION, &pool_returns_value(&call)?)
}
