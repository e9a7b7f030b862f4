//! `appraiseFigures(call)`: `appraise`'s money and rates alone.

use crate::json::Value;
use serde::Serialize;
use tsify::Tsify;

use super::{
    appraise_with, by_agency_view, by_funder_view, years_view, AgencyView, ComparisonView,
    FunderView, ReturnsView, Worked, YearView,
};
use crate::api::costing::priced_figures;
use crate::api::{read_json_call, write_json, CallError, Failure, FiguresReceipt, InputHash};
use crate::money::Rate;

const FUNCTION: &str = "appraiseFigures";

/// The answer to `appraiseFigures`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum AppraiseFiguresAnswer {
    /// Every scenario was appraised.
    Success(Box<AppraisalFigures>),
    /// Exactly `appraise`'s failure.
    Failure(Failure),
}

/// An appraisal's figures: no parameters' sources or titles, no notes, no
/// outcome-by-outcome working (`appraise` has them; `appraisalDefaults()` the
/// default parameters' text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AppraisalFigures {
    /// The figures.
    #[serde(flatten)]
    pub figures: AppraisalBody,
    /// The table and series the values were priced with.
    pub receipt: FiguresReceipt,
}

/// An appraisal's figures, without the receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AppraisalBody {
    /// Year 0, and the price year of every amount.
    pub base_year: String,
    /// The central discount rates used, band by band.
    pub discount_rates: Vec<RateBand>,
    /// Each scenario, in the order given.
    pub scenarios: Vec<ScenarioFigures>,
}

/// A discount band: its rate from its first year on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RateBand {
    /// The band's first year.
    pub from_year: u32,
    /// Its rate.
    pub rate: Rate,
}

/// A scenario's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioFigures {
    /// The scenario's name, as the call gave it.
    pub name: String,
    /// True for business as usual.
    pub business_as_usual: bool,
    /// Cohort size.
    pub cohort: u32,
    /// The last year.
    pub horizon: u32,
    /// The central case, year by year.
    pub years: Vec<YearView>,
    /// Central case.
    pub central: ReturnsView,
    /// Low case.
    pub low: ReturnsView,
    /// High case.
    pub high: ReturnsView,
    /// The central case under the sensitivity schedule, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub sensitivity: Option<ReturnsView>,
    /// The central case's benefits by agency and value type.
    pub by_agency: Vec<AgencyView>,
    /// The central case's costs by funder.
    pub by_funder: Vec<FunderView>,
    /// Against business as usual, for the other scenarios.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub versus_business_as_usual: Option<ComparisonView>,
}

/// The figures of what an appraisal worked out.
pub(crate) fn figures(w: Worked<'_>) -> AppraisalBody {
    let scenarios = w
        .scenarios
        .iter()
        .zip(w.results)
        .zip(w.versus)
        .enumerate()
        .map(|(i, (((scenario, _), result), versus))| {
            let central = &result.central;
            ScenarioFigures {
                name: result.name.clone(),
                business_as_usual: w.bau == Some(i),
                cohort: scenario.cohort,
                horizon: result.horizon,
                years: years_view(central, w.base_year),
                central: (&central.returns).into(),
                low: (&result.low).into(),
                high: (&result.high).into(),
                sensitivity: result.sensitivity.as_ref().map(|s| (&s.returns).into()),
                by_agency: by_agency_view(central),
                by_funder: by_funder_view(central),
                versus_business_as_usual: versus,
            }
        })
        .collect();
    AppraisalBody {
        base_year: w.base_year.to_string(),
        discount_rates: w
            .parameters
            .discounting
            .bands()
            .iter()
            .map(|b| RateBand {
                from_year: b.from_year,
                rate: b.rate,
            })
            .collect(),
        scenarios,
    }
}

/// `appraise`'s figures of a call given as parsed JSON, read exactly as
/// `appraise` reads it (a broken call is the same [`CallError`]); worked out
/// without the explanation or the input's hash.
pub fn appraise_figures_value(call: &Value) -> Result<AppraiseFiguresAnswer, CallError> {
    let done = |w: Worked<'_>| {
        let receipt = priced_figures(&w.pricing.table);
        Box::new(AppraisalFigures {
            figures: figures(w),
            receipt,
        })
    };
    Ok(match appraise_with(call, InputHash::Now, done)? {
        Ok(f) => AppraiseFiguresAnswer::Success(f),
        Err(f) => AppraiseFiguresAnswer::Failure(*f),
    })
}

/// [`appraise_figures_value`] of a typed call.
pub fn appraise_figures(call: &super::AppraiseCall) -> AppraiseFiguresAnswer {
    super::typed(call, appraise_figures_value, AppraiseFiguresAnswer::Failure)
}

/// [`appraise_figures_value`] with JSON text in and out.
pub fn appraise_figures_json(call: &str) -> Result<String, CallError> {
    let call = read_json_call(FUNCTION, call)?;
    write_json(FUNCTION, &appraise_figures_value(&call)?)
}
