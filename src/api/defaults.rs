//! `appraisalDefaults()`: the parameters an `appraise` call is worked with when
//! it gives none of its own — the price year of year 0 (today's money), the
//! discount schedules, the optimism-bias grades, the returns on investment and
//! how far an appraisal can reach. Each is listed exactly as an `appraise`
//! answer's `parameters` lists it, so that a form can offer the grades and
//! schedules before its first appraisal.

use serde::Serialize;
use tsify::Tsify;

use super::{
    appraisal_defaults, receipt, roi_view, write_json, AppraisalDefaults, CallError,
    DiscountingView, Failure, GradeView, OptimismBiasView, RagGradesCall, Receipt,
    RoiDefinitionsView,
};
use crate::appraisal::{defaults, OptimismBiasTable, ScheduleId, MAX_YEAR};
use crate::costs::{self, DeflatorSeries};
use crate::error::{Error, ErrorCode};

/// The answer to `appraisalDefaults()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum AppraisalDefaultsAnswer {
    /// The built-in parameters.
    Success(Box<AppraisalDefaultsSuccess>),
    /// The built-in parameters could not be read (a packaging fault).
    Failure(Failure),
}

/// The parameters of an appraisal whose call gives none of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AppraisalDefaultsSuccess {
    /// Year 0's price year when the call names none: the default deflator
    /// series' latest outturn year (today's money), e.g. `2024/25`.
    pub base_year: String,
    /// The default deflator series, e.g. `hmt-gdp-2026-03`.
    pub deflator: String,
    /// The default unit-cost table, e.g. `ucd-v1.2`.
    pub unit_cost_table: String,
    /// The schedule the central case is discounted with when the call names
    /// none (the Green Book's standard schedule), as an answer's
    /// `parameters.discounting` lists it.
    pub discounting: DiscountingView,
    /// Every built-in schedule a call can name: `greenBook`, `health`,
    /// `sensitivity` (the Green Book 2026 sensitivity test), in that order.
    pub schedules: Vec<DiscountingView>,
    /// The optimism-bias table: its grades, their cuts and the RAG ratings' grades.
    pub optimism_bias: OptimismBiasView,
    /// The returns on investment.
    pub roi_definitions: RoiDefinitionsView,
    /// The last year an appraisal can reach: its horizon is the last year of
    /// its costs or of an outcome's benefit (lag + duration), at most this.
    pub max_horizon: u32,
    /// The engine's version and the default table and series, with their hashes.
    pub receipt: Receipt,
}

/// An optimism-bias table as answers list it, with where it comes from.
pub(crate) fn optimism_bias_view(source: &str, table: &OptimismBiasTable) -> OptimismBiasView {
    let rag = table.rag_grades();
    OptimismBiasView {
        source: source.to_owned(),
        grades: table
            .grades()
            .iter()
            .map(|g| GradeView {
                grade: g.grade,
                reduction: g.reduction,
                upper: g.upper,
                evidence: g.evidence.clone(),
            })
            .collect(),
        rag_grades: RagGradesCall {
            green: rag.green,
            amber: rag.amber,
            red: rag.red,
        },
    }
}

fn success(
    defaults_: &AppraisalDefaults,
    series: &DeflatorSeries,
) -> Result<AppraisalDefaultsSuccess, Error> {
    let base_year = series
        .latest_outturn()
        .ok_or_else(|| Error::new(ErrorCode::InvalidData, "The deflator series has no years."))?;
    let schedule = |id| DiscountingView::from(defaults_.schedule(id));
    Ok(AppraisalDefaultsSuccess {
        base_year: base_year.to_string(),
        deflator: series.id().to_owned(),
        unit_cost_table: costs::NATIONAL_TABLE_ID.to_owned(),
        discounting: schedule(ScheduleId::GreenBook),
        schedules: [
            ScheduleId::GreenBook,
            ScheduleId::Health,
            ScheduleId::Sensitivity,
        ]
        .into_iter()
        .map(schedule)
        .collect(),
        optimism_bias: optimism_bias_view(defaults::OPTIMISM_BIAS_SOURCE, &defaults_.optimism_bias),
        roi_definitions: RoiDefinitionsView {
            source: defaults::ROI_SOURCE.to_owned(),
            fiscal: roi_view(&defaults_.roi.fiscal),
            economic: roi_view(&defaults_.roi.economic),
            public_value: roi_view(&defaults_.roi.public_value),
        },
        max_horizon: MAX_YEAR,
        receipt: receipt(&()),
    })
}

/// The parameters an appraisal uses when its call gives none of its own.
pub fn appraisal_defaults_answer() -> AppraisalDefaultsAnswer {
    let read = appraisal_defaults()
        .and_then(|d| DeflatorSeries::default_series().map(|s| (d, s)))
        .and_then(|(d, s)| success(d, s));
    match read {
        Ok(answer) => AppraisalDefaultsAnswer::Success(Box::new(answer)),
        Err(e) => AppraisalDefaultsAnswer::Failure(Failure::new(vec![e], receipt(&()))),
    }
}

/// [`appraisal_defaults_answer`] as JSON text.
pub fn appraisal_defaults_json() -> Result<String, CallError> {
    write_json("appraisalDefaults", &appraisal_defaults_answer())
}
