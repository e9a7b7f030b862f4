//! The views of an `appraise` answer.

use rust_decimal::Decimal;
use serde::Serialize;
use tsify::Tsify;

use super::{RagGradesCall, RoiDefinitionCall, ScheduleName, ValueTypeName};
use crate::api::{Failure, NoteView, Receipt};
use crate::appraisal::build::LinePaths;
use crate::appraisal::{
    self, Flow, OptimismBiasTable, Payback, PublishedSchedule, Returns, RoiDefinition,
    RoiDefinitions, Scenario, ScenarioResult,
};
use crate::costs::FinancialYear;
use crate::money::{Money, Rate};

// --------------------------------------------------------------------- answer

/// The answer to `appraise`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum AppraiseAnswer {
    /// Every scenario was appraised.
    Success(Box<AppraisalSuccess>),
    /// Something in the call must be corrected first; every problem is listed.
    Failure(Failure),
}

/// The appraisal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AppraisalSuccess {
    /// Year 0, and the price year of every amount.
    pub base_year: String,
    /// The parameters used (the defaults, or the call's).
    pub parameters: ParametersView,
    /// Each scenario, in the order given.
    pub scenarios: Vec<ScenarioView>,
    /// Remarks for the officer.
    pub notes: Vec<NoteView>,
    /// Receipt.
    pub receipt: Receipt,
}

/// The parameters used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ParametersView {
    /// Discount schedule.
    pub discounting: DiscountingView,
    /// The schedule of the sensitivity test, when the call asked for it
    /// (`discounting.sensitivity`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub sensitivity_discounting: Option<DiscountingView>,
    /// Optimism-bias table.
    pub optimism_bias: OptimismBiasView,
    /// Returns on investment.
    pub roi_definitions: RoiDefinitionsView,
}

/// A discount schedule: which, from which edition, from where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DiscountingView {
    /// Which.
    pub schedule: ScheduleName,
    /// The edition a built-in schedule comes from, e.g. `Green Book 2026 (February 2026)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub edition: Option<String>,
    /// When that edition was published, e.g. `2026-02-06`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub published: Option<String>,
    /// Where its rates come from, with evidence tags.
    pub source: String,
    /// Its bands.
    pub bands: Vec<DiscountBandView>,
}

impl From<&PublishedSchedule> for DiscountingView {
    fn from(s: &PublishedSchedule) -> Self {
        Self {
            schedule: s.id.into(),
            edition: Some(s.edition.to_owned()),
            published: Some(s.published.to_string()),
            source: s.source.to_owned(),
            bands: s
                .rates
                .bands()
                .iter()
                .zip(&s.evidence)
                .map(|(b, evidence)| DiscountBandView {
                    from_year: b.from_year,
                    rate: b.rate,
                    evidence: Some((*evidence).to_owned()),
                })
                .collect(),
        }
    }
}

/// A band of a discount schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DiscountBandView {
    /// First year.
    pub from_year: u32,
    /// Rate.
    pub rate: Rate,
    /// The evidence tag of a built-in rate (`V`: read in a primary government source).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub evidence: Option<String>,
}

/// An optimism-bias table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct OptimismBiasView {
    /// Where it comes from.
    pub source: String,
    /// Grades.
    pub grades: Vec<GradeView>,
    /// The grade each RAG rating stands for.
    pub rag_grades: RagGradesCall,
}

/// A grade of the optimism-bias table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GradeView {
    /// Grade.
    pub grade: u32,
    /// Central cut.
    pub reduction: Rate,
    /// Low case's cut.
    pub upper: Rate,
    /// Evidence.
    pub evidence: String,
}

/// The returns on investment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RoiDefinitionsView {
    /// Where the definitions come from.
    pub source: String,
    /// Fiscal.
    pub fiscal: RoiDefinitionCall,
    /// Economic.
    pub economic: RoiDefinitionCall,
    /// Public value.
    pub public_value: RoiDefinitionCall,
}

/// One scenario appraised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioView {
    /// Name.
    pub name: String,
    /// True for business as usual.
    pub business_as_usual: bool,
    /// Cohort.
    pub cohort: u32,
    /// The last year of the appraisal.
    pub horizon: u32,
    /// Each year, 0 to `horizon` (central case).
    pub years: Vec<YearView>,
    /// Headline figures, central case.
    pub central: ReturnsView,
    /// Headline figures with each value cut by the top of its grade's band.
    pub low: ReturnsView,
    /// Headline figures without optimism bias on values.
    pub high: ReturnsView,
    /// Headline figures of the central case under the sensitivity schedule,
    /// everything else equal, when the call asked for it
    /// (`discounting.sensitivity`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub sensitivity: Option<ReturnsView>,
    /// Benefit by value type and agency, with each year (central case): fiscal
    /// first, then largest first. The fiscal rows are each agency's savings.
    pub by_agency: Vec<AgencyView>,
    /// Costs by funder, with each year.
    pub by_funder: Vec<FunderView>,
    /// How each outcome was worked out (central case).
    pub outcomes: Vec<OutcomeView>,
    /// This scenario less business as usual (central case), when one of the
    /// other scenarios is business as usual.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub versus_business_as_usual: Option<ComparisonView>,
}

/// One year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct YearView {
    /// 0 for the base year.
    pub year: u32,
    /// `2013/14`.
    pub financial_year: String,
    /// The exact discount factor.
    #[tsify(type = "DecimalString")]
    pub discount_factor: Decimal,
    /// Costs, with optimism bias.
    pub costs: Money,
    /// Costs, present value.
    pub costs_pv: Money,
    /// Fiscal benefit.
    pub fiscal: Flow,
    /// Economic benefit.
    pub economic: Flow,
    /// Social benefit.
    pub social: Flow,
    /// All net benefits less costs, present value.
    pub net_pv: Money,
    /// Cumulative fiscal benefits less costs, undiscounted.
    pub fiscal_position: Money,
    /// Cumulative fiscal benefits less costs, present value.
    pub fiscal_position_pv: Money,
}

/// Headline figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ReturnsView {
    /// Costs, undiscounted.
    pub costs: Money,
    /// Costs, present value.
    pub costs_pv: Money,
    /// Fiscal benefit over all years.
    pub fiscal: Flow,
    /// Economic benefit.
    pub economic: Flow,
    /// Social benefit.
    pub social: Flow,
    /// All net benefits, present value.
    pub benefits_pv: Money,
    /// Net present value.
    pub npv: Money,
    /// Fiscal net present value.
    pub fiscal_npv: Money,
    /// Benefit-cost ratio, to two places; `null` when there are no costs.
    #[tsify(type = "DecimalString | null")]
    pub bcr: Option<Decimal>,
    /// Returns on investment, to two places.
    pub roi: RoiView,
    /// Payback of the fiscal position, undiscounted.
    pub payback: PaybackView,
    /// Payback of the fiscal position, present value.
    pub payback_pv: PaybackView,
}

/// Returns on investment; `null` when there are no costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RoiView {
    /// Fiscal.
    #[tsify(type = "DecimalString | null")]
    pub fiscal: Option<Decimal>,
    /// Economic.
    #[tsify(type = "DecimalString | null")]
    pub economic: Option<Decimal>,
    /// Public value.
    #[tsify(type = "DecimalString | null")]
    pub public_value: Option<Decimal>,
}

/// When the fiscal position pays back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum PaybackView {
    /// In year `year`, after `years` years (two places).
    Reached {
        /// The year the position reaches zero and stays there or above.
        year: u32,
        /// Years to payback, with the fraction of the last year.
        #[tsify(type = "DecimalString")]
        years: Decimal,
    },
    /// Not within the appraisal.
    Never,
}

impl From<Option<Payback>> for PaybackView {
    fn from(p: Option<Payback>) -> Self {
        match p {
            Some(p) => Self::Reached {
                year: p.year,
                years: p.years,
            },
            None => Self::Never,
        }
    }
}

impl From<&Returns> for ReturnsView {
    fn from(r: &Returns) -> Self {
        Self {
            costs: r.costs,
            costs_pv: r.costs_pv,
            fiscal: r.benefits.fiscal,
            economic: r.benefits.economic,
            social: r.benefits.social,
            benefits_pv: r.benefits_pv,
            npv: r.npv,
            fiscal_npv: r.fiscal_npv,
            bcr: r.bcr,
            roi: RoiView {
                fiscal: r.roi_fiscal,
                economic: r.roi_economic,
                public_value: r.roi_public_value,
            },
            payback: r.payback.into(),
            payback_pv: r.payback_pv.into(),
        }
    }
}

/// An agency's benefit of one value type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AgencyView {
    /// Agency (or beneficiary).
    pub agency: String,
    /// Value type.
    pub value_type: ValueTypeName,
    /// Totals.
    pub flow: Flow,
    /// Cashable net benefit, present value (fiscal only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub cashable_pv: Option<Money>,
    /// Non-cashable net benefit, present value (fiscal only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub non_cashable_pv: Option<Money>,
    /// The cashable share applied (for one outcome's stream).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub cashable_share: Option<Rate>,
    /// Net benefit of each year 0 to `horizon` (empty in an outcome's breakdown).
    pub years: Vec<AgencyYearView>,
}

/// An agency's net benefit in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AgencyYearView {
    /// Year.
    pub year: u32,
    /// Net, undiscounted.
    pub net: Money,
    /// Net, present value.
    pub net_pv: Money,
}

/// A funder's costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FunderView {
    /// Funder.
    pub funder: String,
    /// Total, undiscounted, with optimism bias.
    pub costs: Money,
    /// Total, present value.
    pub costs_pv: Money,
    /// Each year 0 to `horizon`.
    pub years: Vec<FunderYearView>,
}

/// A funder's costs in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FunderYearView {
    /// Year.
    pub year: u32,
    /// Undiscounted.
    pub costs: Money,
    /// Present value.
    pub costs_pv: Money,
}

/// How an outcome was worked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeView {
    /// Name.
    pub name: String,
    /// Engagement rate.
    pub engagement: Rate,
    /// Success rate.
    pub success: Rate,
    /// Deadweight.
    pub deadweight: Rate,
    /// Drop-off a year.
    pub drop_off: Rate,
    /// Lag in years.
    pub lag_years: u32,
    /// Duration in years.
    pub duration_years: u32,
    /// Cohort × engagement.
    #[tsify(type = "DecimalString")]
    pub engaged: Decimal,
    /// × success.
    #[tsify(type = "DecimalString")]
    pub achieving: Decimal,
    /// × (1 − deadweight).
    #[tsify(type = "DecimalString")]
    pub net_of_deadweight: Decimal,
    /// First benefit year (`null` when the duration is 0).
    pub first_year: Option<u32>,
    /// Last benefit year.
    pub last_year: Option<u32>,
    /// Persistence of each benefit year, first to last.
    #[tsify(type = "DecimalString[]")]
    pub persistence: Vec<Decimal>,
    /// The value lines.
    pub values: Vec<ValueView>,
    /// Fiscal benefit.
    pub fiscal: Flow,
    /// Economic benefit.
    pub economic: Flow,
    /// Social benefit.
    pub social: Flow,
    /// By value type and agency (no years).
    pub by_agency: Vec<AgencyView>,
}

/// A value line of an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ValueView {
    /// The field it comes from, e.g. `scenarios[0].outcomes[0].values[1]`.
    pub path: String,
    /// Unit-cost code (a part's code for a row split by agency).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub code: Option<String>,
    /// What it is.
    pub description: String,
    /// Who gains.
    pub agency: String,
    /// Value type.
    pub value_type: ValueTypeName,
    /// The unit value in its own price year, when re-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub source_value: Option<Money>,
    /// Its price year.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub price_year: Option<String>,
    /// The unit value at base-year prices.
    pub unit_value: Money,
    /// Units per outcome per year.
    #[tsify(type = "DecimalString")]
    pub quantity: Decimal,
    /// `unitValue × quantity`, exact.
    #[tsify(type = "DecimalString")]
    pub value: Decimal,
    /// Evidence grade.
    pub grade: u32,
    /// Optimism bias applied (central case).
    pub optimism_bias: Rate,
    /// `value × (1 − optimismBias)`, exact.
    #[tsify(type = "DecimalString")]
    pub net_value: Decimal,
}

/// A scenario less business as usual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ComparisonView {
    /// Extra costs, present value.
    pub costs_pv: Money,
    /// Extra benefits, present value.
    pub benefits_pv: Money,
    /// Extra net present value.
    pub npv: Money,
    /// Extra fiscal net present value.
    pub fiscal_npv: Money,
}

pub(crate) fn roi_view(d: &RoiDefinition) -> RoiDefinitionCall {
    RoiDefinitionCall {
        benefits: d.benefits.iter().map(|b| ValueTypeName::from(*b)).collect(),
        net: d.net,
    }
}

pub(crate) fn scenario_view(
    scenario: &Scenario,
    paths: &LinePaths,
    result: &ScenarioResult,
    base_year: FinancialYear,
    business_as_usual: bool,
    versus_business_as_usual: Option<ComparisonView>,
) -> ScenarioView {
    let central = &result.central;
    let year_of = |t: usize| u32::try_from(t).unwrap_or(u32::MAX);
    ScenarioView {
        name: result.name.clone(),
        business_as_usual,
        cohort: scenario.cohort,
        horizon: result.horizon,
        years: years_view(central, base_year),
        central: (&central.returns).into(),
        low: (&result.low).into(),
        high: (&result.high).into(),
        sensitivity: result.sensitivity.as_ref().map(|s| (&s.returns).into()),
        by_agency: by_agency_view(central),
        by_funder: by_funder_view(central),
        outcomes: central
            .outcomes
            .iter()
            .zip(&scenario.outcomes)
            .zip(paths)
            .map(|((o, input), line_paths)| OutcomeView {
                name: o.name.clone(),
                engagement: input.engagement,
                success: input.success,
                deadweight: input.deadweight,
                drop_off: input.drop_off,
                lag_years: input.lag_years,
                duration_years: input.duration_years,
                engaged: o.engaged.normalize(),
                achieving: o.achieving.normalize(),
                net_of_deadweight: o.net_of_deadweight.normalize(),
                first_year: o.benefit_years.map(|(first, _)| first),
                last_year: o.benefit_years.map(|(_, last)| last),
                persistence: o.persistence.iter().map(Decimal::normalize).collect(),
                values: o
                    .values
                    .iter()
                    .zip(line_paths)
                    .map(|(v, path)| ValueView {
                        path: path.clone(),
                        code: v.line.code.clone(),
                        description: v.line.description.clone(),
                        agency: v.line.agency.clone(),
                        value_type: v.line.value_type.into(),
                        source_value: v.line.priced_at.map(|(m, _)| m),
                        price_year: v.line.priced_at.map(|(_, y)| y.to_string()),
                        unit_value: v.line.unit_value,
                        quantity: v.line.quantity,
                        value: v.value,
                        grade: v.line.grade,
                        optimism_bias: v.optimism_bias,
                        net_value: v.net_value,
                    })
                    .collect(),
                fiscal: o.benefits.fiscal,
                economic: o.benefits.economic,
                social: o.benefits.social,
                by_agency: o
                    .streams
                    .iter()
                    .map(|s| agency_view(s, false, year_of))
                    .collect(),
            })
            .collect(),
        versus_business_as_usual,
    }
}

/// A case's years, as the answer shows them.
pub(crate) fn years_view(case: &appraisal::CaseResult, base_year: FinancialYear) -> Vec<YearView> {
    case.years.iter().map(|y| year_view(y, base_year)).collect()
}

/// A case's benefits by agency and value type, with their years.
pub(crate) fn by_agency_view(case: &appraisal::CaseResult) -> Vec<AgencyView> {
    let year_of = |t: usize| u32::try_from(t).unwrap_or(u32::MAX);
    case.by_agency
        .iter()
        .map(|s| agency_view(s, true, year_of))
        .collect()
}

/// A case's costs by funder, with their years.
pub(crate) fn by_funder_view(case: &appraisal::CaseResult) -> Vec<FunderView> {
    let year_of = |t: usize| u32::try_from(t).unwrap_or(u32::MAX);
    case.by_funder
        .iter()
        .map(|f| FunderView {
            funder: f.funder.clone(),
            costs: f.costs,
            costs_pv: f.costs_pv,
            years: f
                .years
                .iter()
                .enumerate()
                .map(|(t, (costs, costs_pv))| FunderYearView {
                    year: year_of(t),
                    costs: *costs,
                    costs_pv: *costs_pv,
                })
                .collect(),
        })
        .collect()
}

/// A year of an appraisal, as the answer shows it.
pub(crate) fn year_view(y: &appraisal::YearResult, base_year: FinancialYear) -> YearView {
    YearView {
        year: y.year,
        financial_year: base_year
            .plus(y.year)
            .map(|f| f.to_string())
            .unwrap_or_default(),
        discount_factor: y.discount_factor,
        costs: y.costs,
        costs_pv: y.costs_pv,
        fiscal: y.benefits.fiscal,
        economic: y.benefits.economic,
        social: y.benefits.social,
        net_pv: y.net_pv,
        fiscal_position: y.fiscal_position,
        fiscal_position_pv: y.fiscal_position_pv,
    }
}

fn agency_view(
    s: &appraisal::Stream,
    with_years: bool,
    year_of: impl Fn(usize) -> u32,
) -> AgencyView {
    AgencyView {
        agency: s.agency.clone(),
        value_type: s.value_type.into(),
        flow: s.flow,
        cashable_pv: s.cashable.map(|c| c.pv),
        non_cashable_pv: s.cashable.map(|c| c.non_cashable_pv),
        cashable_share: s.cashable.and_then(|c| c.share),
        years: if with_years {
            s.years
                .iter()
                .enumerate()
                .map(|(t, (net, net_pv))| AgencyYearView {
                    year: year_of(t),
                    net: *net,
                    net_pv: *net_pv,
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// The parameters an answer lists (`appraise`'s; the built-in ones from
/// [`AppraisalDefaults`] and the sources in [`crate::appraisal::defaults`]).
pub(crate) fn parameters_view(
    discounting: DiscountingView,
    sensitivity_discounting: Option<DiscountingView>,
    optimism_bias: &OptimismBiasTable,
    optimism_bias_source: &str,
    roi: &RoiDefinitions,
    roi_source: &str,
) -> ParametersView {
    ParametersView {
        discounting,
        sensitivity_discounting,
        optimism_bias: crate::api::defaults::optimism_bias_view(
            optimism_bias_source,
            optimism_bias,
        ),
        roi_definitions: RoiDefinitionsView {
            source: roi_source.to_owned(),
            fiscal: roi_view(&roi.fiscal),
            economic: roi_view(&roi.economic),
            public_value: roi_view(&roi.public_value),
        },
    }
}
