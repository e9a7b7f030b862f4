//! `appraise(call)`: the cost-benefit appraisal of one or more scenarios,
//! side by side with business as usual.
//!
//! The call names a base year, optionally replaces the default parameters
//! (discount schedule, optimism-bias table, return definitions; defaults in
//! [`crate::appraisal::defaults`] and, for the Green Book 2026 schedules,
//! `data/discount_schedules.tsv`), may ask for the Green Book 2026
//! sensitivity test beside the central case, may add the council's own unit costs, and
//! lists the scenarios, one of which may be business as usual. Each outcome's values are unit-cost rows (re-based to
//! the base year, split into their agencies' parts as in `costFamily`) or
//! direct values. Everything an officer can get wrong is reported at once in a
//! `failure` answer, each error with its field's path
//! (`scenarios[0].outcomes[1].deadweight`).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::costing::{local_row, read_local_row, LOCAL_ROW_FIELDS};
use super::json::{Count, Object, Reader};
use super::pricing::{self, Pricing};
use super::{
    read_json_call, receipt, write_json, CallError, DecimalText, ErrorView, Failure, LocalRowCall,
    NoteView, QuantityInput, Receipt,
};
use crate::appraisal::{
    self, defaults, Cost, DiscountBand, DiscountSchedule, Flow, Grade, OptimismBiasTable, Outcome,
    Parameters, Payback, PublishedSchedule, Returns, RoiDefinition, RoiDefinitions, Scenario,
    ScenarioResult, ScheduleId, Schedules, ValueLine, ValueType, MAX_YEAR,
};
use crate::costs::{agency_key, FinancialYear, Rag, UnitCostTable};
use crate::error::{Error, ErrorCode};
use crate::money::{parse_decimal, Money, Rate};

// ----------------------------------------------------------------------- call

/// `appraise(call)`: scenarios to appraise, and the parameters to do it with.
///
/// Optional fields are left out to take their defaults; an empty string counts
/// as left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppraiseCall {
    /// The price year of every amount, and year 0 of the appraisal, e.g.
    /// `"2024/25"`; left out, the deflator series' latest outturn year.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[tsify(optional)]
    pub base_year: String,
    /// The built-in unit-cost table unit-cost lines are priced from (`"ucd-v1.2"`, the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub unit_cost_table: Option<String>,
    /// The deflator series (`"hmt-gdp-2026-03"`, the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deflator: Option<String>,
    /// A council's own unit-cost table (CSV), instead of `unitCostTable`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub council_table: Option<super::CouncilTableCall>,
    /// The discount schedule; the Green Book's standard schedule if left out.
    #[serde(default)]
    #[tsify(optional)]
    pub discounting: DiscountingCall,
    /// A replacement optimism-bias table; the built-in one if left out.
    #[serde(default)]
    #[tsify(optional)]
    pub optimism_bias: OptimismBiasCall,
    /// Replacement definitions of the returns on investment.
    #[serde(default)]
    #[tsify(optional)]
    pub roi_definitions: RoiDefinitionsCall,
    /// The council's own unit costs, overriding or extending the national table.
    #[serde(default)]
    #[tsify(optional)]
    pub local_rows: Vec<LocalRowCall>,
    /// The options to appraise (at least one); one may be business as usual.
    pub scenarios: Vec<ScenarioCall>,
}

/// Which discount schedule, and whether to run the Green Book 2026
/// sensitivity test beside it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DiscountingCall {
    /// `greenBook` (3.5 % to year 30, then declining; the default), `health`
    /// (1.5 %, then declining), `sensitivity` (3.0 %, then declining: no pure
    /// time preference) or `custom` (the `bands` given). The built-in
    /// schedules are those of the Green Book 2026 (February 2026).
    #[serde(default)]
    #[tsify(optional)]
    pub schedule: ScheduleName,
    /// For a custom schedule: the bands, the first from year 0.
    #[serde(default)]
    #[tsify(optional)]
    pub bands: Vec<DiscountBandCall>,
    /// Also work out each scenario's central case with the `sensitivity`
    /// schedule, everything else equal: the answer's scenarios then carry a
    /// `sensitivity` block, and its parameters `sensitivityDiscounting`.
    #[serde(default)]
    #[tsify(optional)]
    pub sensitivity: bool,
}

/// The discount schedules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum ScheduleName {
    /// The Green Book's standard schedule.
    #[default]
    GreenBook,
    /// The Green Book's health schedule.
    Health,
    /// The Green Book 2026 sensitivity test: no pure time preference.
    Sensitivity,
    /// Bands given in the call.
    Custom,
}

impl From<ScheduleId> for ScheduleName {
    fn from(id: ScheduleId) -> Self {
        match id {
            ScheduleId::GreenBook => Self::GreenBook,
            ScheduleId::Health => Self::Health,
            ScheduleId::Sensitivity => Self::Sensitivity,
        }
    }
}

/// From `fromYear` on, `rate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DiscountBandCall {
    /// First year of the band.
    pub from_year: u32,
    /// Its rate, e.g. `"0.035"`.
    pub rate: DecimalText,
}

/// An optimism-bias table: grades and their cuts. With no grades, the built-in table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OptimismBiasCall {
    /// The grades, numbered from 1.
    #[serde(default)]
    #[tsify(optional)]
    pub grades: Vec<GradeCall>,
    /// The grade each RAG rating stands for; the built-in mapping for any left out.
    #[serde(default)]
    #[tsify(optional)]
    pub rag_grades: RagGradesCall,
}

/// One grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GradeCall {
    /// The grade number, from 1.
    pub grade: u32,
    /// The central case's cut, e.g. `"0.1"`.
    pub reduction: DecimalText,
    /// The low case's cut; the next grade's `reduction` if left out (its own for the last grade).
    #[serde(default = "no_text")]
    #[tsify(optional)]
    pub upper: DecimalText,
    /// What evidence earns the grade.
    #[serde(default)]
    #[tsify(optional)]
    pub evidence: String,
}

/// The grade each RAG rating stands for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct RagGradesCall {
    /// Green.
    #[serde(rename = "G", default)]
    #[tsify(optional)]
    pub green: u32,
    /// Amber.
    #[serde(rename = "A", default)]
    #[tsify(optional)]
    pub amber: u32,
    /// Red.
    #[serde(rename = "R", default)]
    #[tsify(optional)]
    pub red: u32,
}

/// The returns on investment; each left out is the built-in definition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoiDefinitionsCall {
    /// Fiscal return.
    #[serde(default)]
    #[tsify(optional)]
    pub fiscal: RoiDefinitionCall,
    /// Economic return.
    #[serde(default)]
    #[tsify(optional)]
    pub economic: RoiDefinitionCall,
    /// Public-value return.
    #[serde(default)]
    #[tsify(optional)]
    pub public_value: RoiDefinitionCall,
}

/// A return: the benefits it counts, gross or net of costs, over costs. With
/// no benefits listed, the built-in definition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoiDefinitionCall {
    /// Value types counted.
    #[serde(default)]
    #[tsify(optional)]
    pub benefits: Vec<ValueTypeName>,
    /// True for (benefits − costs) ÷ costs.
    #[serde(default)]
    #[tsify(optional)]
    pub net: bool,
}

/// Fiscal, economic or social.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum ValueTypeName {
    /// Savings to public budgets.
    #[default]
    Fiscal,
    /// Gains to individuals and businesses.
    Economic,
    /// Wider gains to wellbeing and health.
    Social,
}

impl From<ValueTypeName> for ValueType {
    fn from(v: ValueTypeName) -> Self {
        match v {
            ValueTypeName::Fiscal => Self::Fiscal,
            ValueTypeName::Economic => Self::Economic,
            ValueTypeName::Social => Self::Social,
        }
    }
}

impl From<ValueType> for ValueTypeName {
    fn from(v: ValueType) -> Self {
        match v {
            ValueType::Fiscal => Self::Fiscal,
            ValueType::Economic => Self::Economic,
            ValueType::Social => Self::Social,
        }
    }
}

/// One option, or business as usual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScenarioCall {
    /// Name, e.g. `"Family intervention"`.
    pub name: String,
    /// True for business as usual, which the other scenarios are compared with (one at most).
    #[serde(default)]
    #[tsify(optional)]
    pub business_as_usual: bool,
    /// Families (or people) targeted: a whole number.
    pub cohort: QuantityInput,
    /// Costs by year and funder.
    #[serde(default)]
    #[tsify(optional)]
    pub costs: Vec<CostCall>,
    /// Uplift on every cost for optimism bias, e.g. `"0.15"`; 0 if left out.
    #[serde(default = "no_text")]
    #[tsify(optional)]
    pub cost_optimism_bias: DecimalText,
    /// The outcomes aimed for.
    #[serde(default)]
    #[tsify(optional)]
    pub outcomes: Vec<OutcomeCall>,
}

/// A cost in one year, met by one funder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CostCall {
    /// Year, 0 being the base year.
    pub year: QuantityInput,
    /// Who pays, e.g. `"Council"`.
    pub funder: String,
    /// How much, at base-year prices.
    pub amount: DecimalText,
}

/// An outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutcomeCall {
    /// Name.
    pub name: String,
    /// Share of the cohort who take part, e.g. `"0.8"`.
    pub engagement: DecimalText,
    /// Share of those who achieve the outcome.
    pub success: DecimalText,
    /// Share of outcomes that would have happened anyway.
    pub deadweight: DecimalText,
    /// Years before the benefit starts (first benefit year `1 + lag`); 0 if left out.
    #[serde(default = "no_count")]
    #[tsify(optional)]
    pub lag_years: QuantityInput,
    /// Years the benefit lasts.
    pub duration_years: QuantityInput,
    /// Share of the benefit lost each year after the first; 0 if left out.
    #[serde(default = "no_text")]
    #[tsify(optional)]
    pub drop_off: DecimalText,
    /// What one outcome is worth a year.
    pub values: Vec<ValueCall>,
    /// Cashable share of the fiscal benefit by agency; other agencies 0.
    #[serde(default)]
    #[tsify(optional)]
    pub cashable: Vec<CashableCall>,
    /// Where the outcome's numbers come from (a source key and evidence tag);
    /// carried with the call, not used in the calculation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[tsify(optional)]
    pub source: String,
}

/// What one outcome is worth a year: a unit-cost `code` (and `quantity`), or a
/// direct value (`description`, `agency`, `amount`, optional `priceYear`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValueCall {
    /// A national or local unit-cost code, e.g. `"CR1.0"`.
    #[serde(default)]
    #[tsify(optional)]
    pub code: String,
    /// Units per outcome per year, e.g. `"10"`; 1 if left out.
    #[serde(default = "no_text")]
    #[tsify(optional)]
    pub quantity: DecimalText,
    /// What a direct value is.
    #[serde(default)]
    #[tsify(optional)]
    pub description: String,
    /// Who gains from a direct value (the agency that saves, for a fiscal value).
    #[serde(default)]
    #[tsify(optional)]
    pub agency: String,
    /// A direct value per unit, e.g. `"2000.00"`.
    #[serde(default = "no_text")]
    #[tsify(optional)]
    pub amount: DecimalText,
    /// The price year of `amount`, if not the base year.
    #[serde(default)]
    #[tsify(optional)]
    pub price_year: String,
    /// Fiscal (the default), economic or social.
    #[serde(default)]
    #[tsify(optional)]
    pub value_type: ValueTypeName,
    /// The evidence grade behind the value (from 1).
    #[serde(default)]
    #[tsify(optional)]
    pub grade: u32,
    /// Or its RAG rating; a unit-cost row's own rating if neither is given.
    #[serde(default)]
    #[tsify(optional, type = "\"G\" | \"A\" | \"R\"")]
    pub rag: String,
    /// Where the value comes from; carried with the call, not used in the calculation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[tsify(optional)]
    pub source: String,
}

/// The cashable share of an agency's fiscal benefit from an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CashableCall {
    /// The agency.
    pub agency: String,
    /// Its cashable share, e.g. `"0.5"`.
    pub share: DecimalText,
}

fn no_text() -> DecimalText {
    DecimalText(String::new())
}

fn no_count() -> QuantityInput {
    QuantityInput::Text(String::new())
}

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
    pub fiscal: FlowView,
    /// Economic benefit.
    pub economic: FlowView,
    /// Social benefit.
    pub social: FlowView,
    /// All net benefits less costs, present value.
    pub net_pv: Money,
    /// Cumulative fiscal benefits less costs, undiscounted.
    pub fiscal_position: Money,
    /// Cumulative fiscal benefits less costs, present value.
    pub fiscal_position_pv: Money,
}

/// A flow: gross (before deadweight and optimism bias, undiscounted) and net,
/// undiscounted and present value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FlowView {
    /// Gross.
    pub gross: Money,
    /// Net.
    pub net: Money,
    /// Net, present value.
    pub net_pv: Money,
}

impl From<Flow> for FlowView {
    fn from(f: Flow) -> Self {
        Self {
            gross: f.gross,
            net: f.net,
            net_pv: f.net_pv,
        }
    }
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
    pub fiscal: FlowView,
    /// Economic benefit.
    pub economic: FlowView,
    /// Social benefit.
    pub social: FlowView,
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
            fiscal: r.benefits.fiscal.into(),
            economic: r.benefits.economic.into(),
            social: r.benefits.social.into(),
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
    pub flow: FlowView,
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
    pub fiscal: FlowView,
    /// Economic benefit.
    pub economic: FlowView,
    /// Social benefit.
    pub social: FlowView,
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

// ------------------------------------------------------------------- defaults

/// The built-in parameters ([`crate::appraisal::defaults`], the discount
/// schedules of `data/discount_schedules.tsv`), built once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppraisalDefaults {
    /// The Green Book's standard schedule.
    pub green_book: &'static PublishedSchedule,
    /// The Green Book's health schedule.
    pub health: &'static PublishedSchedule,
    /// The Green Book 2026 sensitivity schedule: no pure time preference.
    pub sensitivity: &'static PublishedSchedule,
    /// The optimism-bias table.
    pub optimism_bias: OptimismBiasTable,
    /// The returns on investment.
    pub roi: RoiDefinitions,
}

impl AppraisalDefaults {
    /// A built-in discount schedule.
    pub fn schedule(&self, id: ScheduleId) -> &PublishedSchedule {
        match id {
            ScheduleId::GreenBook => self.green_book,
            ScheduleId::Health => self.health,
            ScheduleId::Sensitivity => self.sensitivity,
        }
    }
}

/// The built-in parameters.
pub fn appraisal_defaults() -> Result<&'static AppraisalDefaults, Error> {
    static DEFAULTS: std::sync::OnceLock<Result<AppraisalDefaults, Error>> =
        std::sync::OnceLock::new();
    DEFAULTS
        .get_or_init(|| {
            let schedules = Schedules::built_in()?;
            Ok(AppraisalDefaults {
                green_book: schedules.get(ScheduleId::GreenBook)?,
                health: schedules.get(ScheduleId::Health)?,
                sensitivity: schedules.get(ScheduleId::Sensitivity)?,
                optimism_bias: defaults::optimism_bias()?,
                roi: defaults::roi_definitions(),
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

// ------------------------------------------------------------------- reading

const FUNCTION: &str = "appraise";

/// Records a problem with the field `key` of `object`.
pub(crate) fn problem(
    errors: &mut Vec<Error>,
    object: &Object<'_, '_>,
    key: &str,
    code: ErrorCode,
    message: impl Into<String>,
) {
    errors.push(Error::new(code, message).at(object.at(key)));
}

/// The rate in the field `key`; `default` when left out, if there is one.
pub(crate) fn rate_field(
    object: &Object<'_, '_>,
    key: &str,
    default: Option<Rate>,
    errors: &mut Vec<Error>,
) -> Option<Rate> {
    let text = object.decimal(key, default.is_none());
    if text.is_empty() && default.is_some() {
        return default;
    }
    Rate::parse(text)
        .map_err(|e| errors.push(e.at(object.at(key))))
        .ok()
}

/// The whole number in the field `key`, from 0 to `max`; `default` when left out.
pub(crate) fn whole_field(
    object: &Object<'_, '_>,
    key: &str,
    default: Option<u32>,
    max: u32,
    what: &str,
    errors: &mut Vec<Error>,
) -> Option<u32> {
    let count = object.count(key, default.is_none());
    let value = match count {
        Count::Absent => return default,
        Count::Whole(n) => Ok(Decimal::from(n)),
        Count::Negative => Ok(Decimal::NEGATIVE_ONE),
        Count::Fraction => Ok(Decimal::new(5, 1)),
        Count::Text(t) if t.trim().is_empty() && default.is_some() => return default,
        Count::Text(t) => parse_decimal(t.trim()),
    };
    let (code, message) = match value {
        Ok(v) if v.is_sign_negative() && !v.is_zero() => (
            ErrorCode::NegativeQuantity,
            format!("The {what} cannot be negative."),
        ),
        Ok(v) if !v.fract().is_zero() => (
            ErrorCode::FractionalQuantity,
            format!("The {what} is a whole number of years or people, not a fraction."),
        ),
        Ok(v) => match u32::try_from(v) {
            Ok(n) if n <= max => return Some(n),
            _ => (
                ErrorCode::InvalidQuantity,
                format!("The {what} can be at most {max}."),
            ),
        },
        Err(_) => (
            ErrorCode::InvalidQuantity,
            format!("Enter the {what} as a whole number, 0 or more."),
        ),
    };
    problem(errors, object, key, code, message);
    None
}

/// The text in the field `key` with its spaces tidied; `message` when there is none.
pub(crate) fn name_field(
    object: &Object<'_, '_>,
    key: &str,
    message: &str,
    errors: &mut Vec<Error>,
) -> Option<String> {
    let tidy = object
        .text(key, true)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if tidy.is_empty() {
        problem(errors, object, key, ErrorCode::InvalidField, message);
        return None;
    }
    Some(tidy)
}

/// The amount of money in the field `key`, zero or more.
pub(crate) fn money_field(
    object: &Object<'_, '_>,
    key: &str,
    errors: &mut Vec<Error>,
) -> Option<Money> {
    let text = object.decimal(key, false);
    let (code, message) = match Money::parse(text) {
        _ if text.is_empty() => (ErrorCode::InvalidMoney, "Enter an amount.".to_owned()),
        Ok(a) if a.is_negative() => (
            ErrorCode::InvalidMoney,
            "An amount cannot be negative.".to_owned(),
        ),
        Ok(a) => return Some(a),
        Err(e) => (e.code(), e.message().to_owned()),
    };
    problem(errors, object, key, code, message);
    None
}

/// The discounting a call asks for: its schedule (`None` after a problem),
/// and the sensitivity schedule when the test is to run beside it.
pub(crate) struct DiscountingRead<'d> {
    name: ScheduleName,
    schedule: Option<DiscountSchedule>,
    /// The built-in schedule, with its edition and source (`None` for custom).
    published: Option<&'d PublishedSchedule>,
    sensitivity: Option<&'d PublishedSchedule>,
}

/// The fields of `discounting`.
pub(crate) const DISCOUNTING_FIELDS: &[&str] = &["schedule", "bands", "sensitivity"];

/// Reads `discounting` (`{ schedule, bands, sensitivity }`), the same in
/// every call that takes it; left out, the Green Book's standard schedule.
pub(crate) fn read_discounting<'d>(
    call: &Object<'_, '_>,
    defaults: &'d AppraisalDefaults,
    errors: &mut Vec<Error>,
) -> DiscountingRead<'d> {
    let standard = defaults.green_book;
    let mut read = DiscountingRead {
        name: ScheduleName::GreenBook,
        schedule: Some(standard.rates.clone()),
        published: Some(standard),
        sensitivity: None,
    };
    let Some(d) = call.object("discounting", "DiscountingCall", DISCOUNTING_FIELDS) else {
        return read;
    };
    let bands = d.objects("bands", false, "DiscountBandCall", &["fromYear", "rate"]);
    const NAMES: [ScheduleName; 4] = [
        ScheduleName::GreenBook,
        ScheduleName::Health,
        ScheduleName::Sensitivity,
        ScheduleName::Custom,
    ];
    let index = d.variant(
        "schedule",
        &["greenBook", "health", "sensitivity", "custom"],
    );
    read.name = NAMES.get(index).copied().unwrap_or_default();
    let built_in = match read.name {
        ScheduleName::GreenBook => Some(ScheduleId::GreenBook),
        ScheduleName::Health => Some(ScheduleId::Health),
        ScheduleName::Sensitivity => Some(ScheduleId::Sensitivity),
        ScheduleName::Custom => None,
    };
    if let Some(id) = built_in {
        let published = defaults.schedule(id);
        read.schedule = Some(published.rates.clone());
        read.published = Some(published);
        if !bands.is_empty() {
            problem(
                errors,
                &d,
                "bands",
                ErrorCode::InvalidField,
                "Bands are given only with the \"custom\" schedule.",
            );
        }
    } else {
        read.published = None;
        let before = errors.len();
        let mut schedule = Vec::with_capacity(bands.len());
        for band in &bands {
            let from_year = band.whole("fromYear", true);
            if let Some(rate) = rate_field(band, "rate", None, errors) {
                schedule.push(DiscountBand { from_year, rate });
            }
        }
        read.schedule = if errors.len() > before {
            None
        } else {
            DiscountSchedule::new(schedule)
                .map_err(|e| errors.extend(e.into_iter().map(|e| e.at(d.at("bands")))))
                .ok()
        };
    }
    if d.flag("sensitivity") {
        read.sensitivity = Some(defaults.sensitivity);
    }
    read
}

impl DiscountingRead<'_> {
    /// The schedule the central case is discounted with (`None` after a problem).
    pub(crate) fn schedule(&self) -> Option<DiscountSchedule> {
        self.schedule.clone()
    }

    /// The sensitivity schedule, when the test runs.
    pub(crate) fn sensitivity(&self) -> Option<DiscountSchedule> {
        self.sensitivity.map(|s| s.rates.clone())
    }

    /// The schedule as answers list it: which, its edition, its source, its bands.
    pub(crate) fn view(&self, schedule: &DiscountSchedule) -> DiscountingView {
        match self.published {
            Some(p) => p.into(),
            None => DiscountingView {
                schedule: self.name,
                edition: None,
                published: None,
                source: GIVEN.to_owned(),
                bands: schedule
                    .bands()
                    .iter()
                    .map(|b| DiscountBandView {
                        from_year: b.from_year,
                        rate: b.rate,
                        evidence: None,
                    })
                    .collect(),
            },
        }
    }

    /// The sensitivity schedule as answers list it, when the test runs.
    pub(crate) fn sensitivity_view(&self) -> Option<DiscountingView> {
        self.sensitivity.map(DiscountingView::from)
    }

    /// A note when the sensitivity test was asked for but the central case
    /// already uses its schedule.
    pub(crate) fn note(&self) -> Option<NoteView> {
        (self.sensitivity.is_some() && self.name == ScheduleName::Sensitivity).then(|| NoteView {
            code: "sensitivity_is_central".to_owned(),
            message: "The central case already uses the sensitivity schedule, so the sensitivity figures are the central ones.".to_owned(),
            path: Some("discounting.sensitivity".to_owned()),
        })
    }
}

/// The parameters of the call (or the defaults), with where they come from.
struct ParametersRead<'d> {
    discounting: DiscountingRead<'d>,
    optimism_bias: Option<OptimismBiasTable>,
    optimism_bias_source: &'static str,
    roi: [Option<RoiDefinition>; 3],
    roi_source: &'static str,
}

const GIVEN: &str = "Given in the call.";

fn read_parameters<'d>(
    reader: &Reader,
    call: &Object<'_, '_>,
    defaults: &'d AppraisalDefaults,
    errors: &mut Vec<Error>,
) -> ParametersRead<'d> {
    let mut read = ParametersRead {
        discounting: read_discounting(call, defaults, errors),
        optimism_bias: None,
        optimism_bias_source: defaults::OPTIMISM_BIAS_SOURCE,
        roi: [
            Some(defaults.roi.fiscal.clone()),
            Some(defaults.roi.economic.clone()),
            Some(defaults.roi.public_value.clone()),
        ],
        roi_source: defaults::ROI_SOURCE,
    };
    // The optimism-bias table: the call's grades, else the defaults; the RAG
    // mapping letter by letter.
    let mut grades = defaults.optimism_bias.grades().to_vec();
    let mut rag = defaults.optimism_bias.rag_grades();
    let before = errors.len();
    if let Some(ob) = call.object("optimismBias", "OptimismBiasCall", &["grades", "ragGrades"]) {
        let given = ob.objects(
            "grades",
            false,
            "GradeCall",
            &["grade", "reduction", "upper", "evidence"],
        );
        if !given.is_empty() {
            read.optimism_bias_source = GIVEN;
            let reductions: Vec<(u32, Option<Rate>)> = given
                .iter()
                .map(|g| {
                    (
                        g.whole("grade", true),
                        rate_field(g, "reduction", None, errors),
                    )
                })
                .collect();
            grades.clear();
            for (g, (grade, reduction)) in given.iter().zip(&reductions) {
                let Some(reduction) = *reduction else {
                    continue;
                };
                // Left out, the low case's cut is the next grade's cut.
                let next = reductions
                    .iter()
                    .filter(|other| other.0 > *grade)
                    .min_by_key(|other| other.0)
                    .and_then(|other| other.1)
                    .map_or(reduction, |next| next.max(reduction));
                if let Some(upper) = rate_field(g, "upper", Some(next), errors) {
                    grades.push(Grade {
                        grade: *grade,
                        reduction,
                        upper,
                        evidence: g.text("evidence", false).to_owned(),
                    });
                }
            }
        }
        if let Some(r) = ob.object("ragGrades", "RagGradesCall", &["G", "A", "R"]) {
            for (letter, slot) in [
                ("G", &mut rag.green),
                ("A", &mut rag.amber),
                ("R", &mut rag.red),
            ] {
                let grade = r.whole(letter, false);
                if grade != 0 {
                    *slot = grade;
                    read.optimism_bias_source = GIVEN;
                }
            }
        }
    }
    if errors.len() == before {
        read.optimism_bias = OptimismBiasTable::new(grades, rag)
            .map_err(|e| errors.extend(e.into_iter().map(|e| e.at("optimismBias."))))
            .ok();
    }

    // Returns on investment.
    let names = ["fiscal", "economic", "publicValue"];
    if let Some(r) = call.object("roiDefinitions", "RoiDefinitionsCall", &names) {
        for (slot, name) in read.roi.iter_mut().zip(names) {
            let Some(d) = r.object(name, "RoiDefinitionCall", &["benefits", "net"]) else {
                continue;
            };
            let net = d.flag("net");
            let listed = d.list("benefits", false);
            if listed.is_empty() {
                continue;
            }
            read.roi_source = GIVEN;
            let mut benefits: Vec<ValueType> = Vec::new();
            for (i, item) in listed.iter().enumerate() {
                let index = reader.variant(item, format!("{}[{i}]", d.at("benefits")), VALUE_TYPES);
                let value_type = ValueType::ALL
                    .get(index)
                    .copied()
                    .unwrap_or(ValueType::Fiscal);
                if benefits.contains(&value_type) {
                    problem(
                        errors,
                        &d,
                        "benefits",
                        ErrorCode::InvalidField,
                        format!(
                            "A return counts each value type once, and {} appears twice.",
                            value_type.as_str()
                        ),
                    );
                }
                benefits.push(value_type);
            }
            *slot = Some(RoiDefinition { benefits, net });
        }
    }
    read
}

/// The names of the value types on the wire, in [`ValueType::ALL`] order.
const VALUE_TYPES: &[&str] = &["fiscal", "economic", "social"];

/// What reading a scenario needs besides the scenario.
pub(crate) struct Context<'a> {
    pub(crate) table: &'a UnitCostTable,
    pub(crate) base_year: FinancialYear,
    pub(crate) optimism_bias: &'a OptimismBiasTable,
}

/// The value lines of a scenario's outcomes, each with the path of the input
/// line it comes from (a row split by agency gives several lines).
pub(crate) type LinePaths = Vec<Vec<String>>;

const SCENARIO_FIELDS: &[&str] = &[
    "name",
    "businessAsUsual",
    "cohort",
    "costs",
    "costOptimismBias",
    "outcomes",
];
const OUTCOME_FIELDS: &[&str] = &[
    "name",
    "engagement",
    "success",
    "deadweight",
    "lagYears",
    "durationYears",
    "dropOff",
    "values",
    "cashable",
    "source",
];
const VALUE_FIELDS: &[&str] = &[
    "code",
    "quantity",
    "description",
    "agency",
    "amount",
    "priceYear",
    "valueType",
    "grade",
    "rag",
    "source",
];

fn read_scenario(
    call: &Object<'_, '_>,
    cx: &Context<'_>,
    errors: &mut Vec<Error>,
) -> Option<(Scenario, LinePaths)> {
    let before = errors.len();
    let name = name_field(call, "name", "Give the scenario a name.", errors);
    let cohort = whole_field(call, "cohort", None, u32::MAX, "cohort", errors);
    let cost_optimism_bias = rate_field(call, "costOptimismBias", Some(Rate::ZERO), errors);
    let mut costs = Vec::new();
    for cost in call.objects("costs", false, "CostCall", &["year", "funder", "amount"]) {
        let year = whole_field(&cost, "year", None, MAX_YEAR, "year", errors);
        let funder = name_field(&cost, "funder", "Enter who pays this cost.", errors);
        let amount = money_field(&cost, "amount", errors);
        if let (Some(year), Some(funder), Some(amount)) = (year, funder, amount) {
            costs.push(Cost {
                year,
                funder,
                amount,
            });
        }
    }
    let (outcomes, paths) = read_outcomes(call, false, cx, errors);
    if errors.len() > before {
        return None;
    }
    Some((
        Scenario {
            name: name?,
            cohort: cohort?,
            costs,
            cost_optimism_bias: cost_optimism_bias?,
            outcomes,
        },
        paths,
    ))
}

/// The `outcomes` of a scenario or theme, and the paths of their value lines.
pub(crate) fn read_outcomes(
    call: &Object<'_, '_>,
    required: bool,
    cx: &Context<'_>,
    errors: &mut Vec<Error>,
) -> (Vec<Outcome>, LinePaths) {
    let mut outcomes = Vec::new();
    let mut paths = Vec::new();
    for outcome in call.objects("outcomes", required, "OutcomeCall", OUTCOME_FIELDS) {
        if let Some((o, p)) = read_outcome(&outcome, cx, errors) {
            outcomes.push(o);
            paths.push(p);
        }
    }
    (outcomes, paths)
}

/// An outcome and the path of each of its value lines.
fn read_outcome(
    call: &Object<'_, '_>,
    cx: &Context<'_>,
    errors: &mut Vec<Error>,
) -> Option<(Outcome, Vec<String>)> {
    let before = errors.len();
    call.text("source", false);
    let name = name_field(call, "name", "Give the outcome a name.", errors);
    let engagement = rate_field(call, "engagement", None, errors);
    let success = rate_field(call, "success", None, errors);
    let deadweight = rate_field(call, "deadweight", None, errors);
    let lag_years = whole_field(call, "lagYears", Some(0), MAX_YEAR, "lag", errors);
    let duration_years = whole_field(call, "durationYears", None, MAX_YEAR, "duration", errors);
    let drop_off = rate_field(call, "dropOff", Some(Rate::ZERO), errors);
    if let (Some(lag), Some(duration)) = (lag_years, duration_years) {
        if lag + duration > MAX_YEAR {
            problem(
                errors,
                call,
                "durationYears",
                ErrorCode::InvalidQuantity,
                format!(
                    "The benefit would last to year {}, and an appraisal runs to year {MAX_YEAR} at most.",
                    lag + duration
                ),
            );
        }
    }
    let mut values = Vec::new();
    let mut paths = Vec::new();
    for value in call.objects("values", true, "ValueCall", VALUE_FIELDS) {
        for line in read_value(&value, cx, errors) {
            values.push(line);
            paths.push(value.path().to_owned());
        }
    }
    let mut cashable: Vec<(String, Rate)> = Vec::new();
    for c in call.objects("cashable", false, "CashableCall", &["agency", "share"]) {
        let agency = c.text("agency", true);
        let share = rate_field(&c, "share", None, errors);
        let key = agency_key(agency);
        let fiscal = values
            .iter()
            .find(|v| v.value_type == ValueType::Fiscal && agency_key(&v.agency) == key);
        let message = match fiscal {
            None => format!(
                "No fiscal value of this outcome goes to \"{agency}\", so it has nothing to cash."
            ),
            Some(_) if cashable.iter().any(|(a, _)| agency_key(a) == key) => {
                format!("{agency} is given a cashable share twice.")
            }
            Some(v) => {
                if let Some(share) = share {
                    cashable.push((v.agency.clone(), share));
                }
                continue;
            }
        };
        problem(errors, &c, "agency", ErrorCode::InvalidField, message);
    }
    if errors.len() > before {
        return None;
    }
    Some((
        Outcome {
            name: name?,
            engagement: engagement?,
            success: success?,
            deadweight: deadweight?,
            lag_years: lag_years?,
            duration_years: duration_years?,
            drop_off: drop_off?,
            values,
            cashable,
        },
        paths,
    ))
}

/// Where a value line's unit value comes from.
struct Source {
    code: Option<String>,
    description: String,
    agency: String,
    unit_value: Money,
    priced_at: Option<(Money, FinancialYear)>,
    rag: Option<Rag>,
}

/// The lines of one input value: one, or one per agency for a unit-cost row
/// the database splits by agency.
fn read_value(call: &Object<'_, '_>, cx: &Context<'_>, errors: &mut Vec<Error>) -> Vec<ValueLine> {
    let before = errors.len();
    call.text("source", false);
    let code = call.text("code", false);
    let value_type = ValueType::ALL
        .get(call.variant("valueType", VALUE_TYPES))
        .copied()
        .unwrap_or(ValueType::Fiscal);
    let quantity_text = call.decimal("quantity", false);
    let quantity = match parse_decimal(quantity_text) {
        _ if quantity_text.is_empty() => Decimal::ONE,
        Ok(q) if !q.is_sign_negative() || q.is_zero() => q,
        _ => {
            problem(
                errors,
                call,
                "quantity",
                ErrorCode::InvalidQuantity,
                format!("\"{quantity_text}\" is not a quantity; enter a decimal such as \"2.5\", 0 or more."),
            );
            Decimal::ONE
        }
    };
    // The grade given, or the RAG rating given; `None` to take the row's RAG.
    let given_grade = call.whole("grade", false);
    let given_rag = call.text("rag", false);
    let grade = if given_grade != 0 {
        if cx.optimism_bias.get(given_grade).is_none() {
            problem(
                errors,
                call,
                "grade",
                ErrorCode::UnknownGrade,
                format!("Grade {given_grade} is not in the optimism-bias table."),
            );
        }
        Some(given_grade)
    } else if given_rag.is_empty() {
        None
    } else {
        match Rag::parse(given_rag) {
            Ok(rag) => Some(cx.optimism_bias.grade_for(rag)),
            Err(e) => {
                errors.push(e.at(call.at("rag")));
                None
            }
        }
    };
    let direct = ["description", "agency", "amount", "priceYear"];
    let mut sources: Vec<Source> = Vec::new();
    if code.is_empty() {
        let description = name_field(
            call,
            "description",
            "Enter a unit-cost code, or describe the value.",
            errors,
        );
        let agency = name_field(
            call,
            "agency",
            "Enter who gains from this value (the agency that saves, for a fiscal value).",
            errors,
        );
        let unit = money_field(call, "amount", errors);
        let price_year = call.text("priceYear", false);
        let priced = match unit {
            Some(unit) if price_year.is_empty() => Some((unit, None)),
            Some(unit) => match FinancialYear::parse(price_year).and_then(|y| {
                Ok((
                    cx.table.deflator().rebase(unit, y, cx.base_year)?,
                    Some((unit, y)),
                ))
            }) {
                Ok(p) => Some(p),
                Err(e) => {
                    errors.push(e.at(call.at("priceYear")));
                    None
                }
            },
            None => None,
        };
        if let (Some(description), Some(agency), Some((unit_value, priced_at))) =
            (description, agency, priced)
        {
            sources.push(Source {
                code: None,
                description,
                agency,
                unit_value,
                priced_at,
                rag: None,
            });
        }
    } else {
        for field in direct {
            let given = if field == "amount" {
                call.decimal(field, false)
            } else {
                call.text(field, false)
            };
            if !given.is_empty() {
                problem(
                    errors,
                    call,
                    field,
                    ErrorCode::InvalidField,
                    "A value from a unit-cost code takes its description, agency, amount and price year from the table; leave this out, or give a direct value without a code.",
                );
            }
        }
        match cx.table.get(code) {
            None => problem(
                errors,
                call,
                "code",
                ErrorCode::UnknownCode,
                format!("There is no unit cost with the code \"{code}\" in the national table or the local rows."),
            ),
            Some(row) => {
                let parts = cx.table.costed_parts(row);
                let rows = if parts.is_empty() { vec![row] } else { parts };
                for r in rows {
                    match cx.table.unit_cost_at(r, cx.base_year) {
                        Ok(unit_value) => sources.push(Source {
                            code: Some(r.code.clone()),
                            description: r.description.clone(),
                            agency: cx.table.display_agency(&r.agency.level1),
                            unit_value,
                            priced_at: Some((r.original_cost, r.price_year)),
                            rag: r.rag.or(row.rag),
                        }),
                        Err(e) => errors.push(e.at(call.at("code"))),
                    }
                }
            }
        }
    }
    if errors.len() > before {
        return Vec::new();
    }
    let mut lines = Vec::with_capacity(sources.len());
    for source in sources {
        let chosen = grade.or_else(|| source.rag.map(|r| cx.optimism_bias.grade_for(r)));
        let Some(entry) = chosen.and_then(|g| cx.optimism_bias.get(g)) else {
            problem(
                errors,
                call,
                "grade",
                ErrorCode::UnknownGrade,
                "Give the evidence grade or the RAG rating behind this value; it sets the optimism bias.",
            );
            return Vec::new();
        };
        lines.push(ValueLine {
            code: source.code,
            description: source.description,
            agency: source.agency,
            value_type,
            unit_value: source.unit_value,
            priced_at: source.priced_at,
            quantity,
            grade: entry.grade,
            optimism_bias: entry.reduction,
            optimism_bias_upper: entry.upper,
        });
    }
    lines
}

// ----------------------------------------------------------------- appraise

/// The call's `baseYear`, which must be a year of the deflator series (left
/// out, the series' latest outturn year).
pub(crate) fn read_base_year(
    root: &Object<'_, '_>,
    pricing: &Pricing,
    errors: &mut Vec<Error>,
) -> Option<FinancialYear> {
    pricing
        .base_year(root.text("baseYear", false), "baseYear")
        .map_err(|e| errors.push(e))
        .ok()
}

/// The call's table and series (`unitCostTable`, `deflator`, `councilTable`).
pub(crate) fn read_priced(root: &Object<'_, '_>, errors: &mut Vec<Error>) -> Option<Pricing> {
    let (table, deflator, council) = pricing::read_pricing(root);
    pricing::resolve(
        table.as_deref(),
        deflator.as_deref(),
        council.as_ref(),
        errors,
    )
}

/// The national table with the call's `localRows` added; the rows' problems
/// go to `errors` under `localRows`.
pub(crate) fn read_local_rows(
    root: &Object<'_, '_>,
    national: &UnitCostTable,
    errors: &mut Vec<Error>,
) -> UnitCostTable {
    let mut readable = Vec::new();
    for (i, row) in root
        .objects("localRows", false, "LocalRowCall", LOCAL_ROW_FIELDS)
        .iter()
        .enumerate()
    {
        if let Some(parsed) = local_row(&read_local_row(row), i, errors) {
            readable.push((i, parsed));
        }
    }
    let merged = national.merge_local_rows(&readable);
    errors.extend(merged.errors.into_iter().map(|e| e.at("localRows")));
    merged.table
}

/// Appraises the call's scenarios.
pub fn appraise(call: &AppraiseCall) -> AppraiseAnswer {
    let value = serde_json::to_value(call).unwrap_or_default();
    appraise_value(&value).unwrap_or_else(|e| {
        AppraiseAnswer::Failure(Failure {
            errors: vec![ErrorView {
                code: ErrorCode::InvalidField.as_str().to_owned(),
                message: e.message().to_owned(),
                path: Some(e.path().to_owned()),
            }],
            receipt: receipt(call),
        })
    })
}

/// Appraises a call given as parsed JSON: a call of the wrong shape is a
/// [`CallError`] (thrown in JavaScript), anything else an answer.
pub fn appraise_value(call: &serde_json::Value) -> Result<AppraiseAnswer, CallError> {
    let mut receipt = receipt(call);
    let mut errors = Vec::new();
    let reader = Reader::new(FUNCTION);
    let root = reader.root(
        call,
        "AppraiseCall",
        &[
            "baseYear",
            "unitCostTable",
            "deflator",
            "councilTable",
            "discounting",
            "optimismBias",
            "roiDefinitions",
            "localRows",
            "scenarios",
        ],
    );
    let pricing = read_priced(&root, &mut errors);
    if let Some(p) = &pricing {
        receipt = receipt.priced(&p.table);
    }
    let fail = |errors: Vec<Error>| {
        AppraiseAnswer::Failure(Failure {
            errors: errors.into_iter().map(ErrorView::from).collect(),
            receipt: receipt.clone(),
        })
    };
    let defaults = match appraisal_defaults() {
        Ok(d) => d,
        Err(e) => return Ok(fail(vec![e])),
    };
    let Some(pricing) = pricing else {
        reader.finish()?;
        return Ok(fail(errors));
    };
    let national = &pricing.table;
    let base_year = read_base_year(&root, &pricing, &mut errors);
    let read = read_parameters(&reader, &root, defaults, &mut errors);

    // The council's own unit costs.
    let merged = read_local_rows(&root, national, &mut errors);

    // Scenarios are read even when the base year or a parameter is wrong, so
    // that every problem shows at once; nothing is worked out then.
    let scenario_calls = root.objects("scenarios", true, "ScenarioCall", SCENARIO_FIELDS);
    if scenario_calls.is_empty() {
        errors.push(
            Error::new(
                ErrorCode::InvalidField,
                "Add at least one scenario to appraise.",
            )
            .at("scenarios"),
        );
    }
    let Some(reading_year) = base_year.or_else(|| national.deflator().latest_outturn()) else {
        reader.finish()?;
        return Ok(fail(errors));
    };
    let cx = Context {
        table: &merged,
        base_year: reading_year,
        optimism_bias: read
            .optimism_bias
            .as_ref()
            .unwrap_or(&defaults.optimism_bias),
    };
    let mut scenarios = Vec::new();
    let mut bau: Option<usize> = None;
    for (i, s) in scenario_calls.iter().enumerate() {
        if s.flag("businessAsUsual") {
            if bau.is_some() {
                errors.push(
                    Error::new(
                        ErrorCode::InvalidField,
                        "Only one scenario can be business as usual.",
                    )
                    .at(s.at("businessAsUsual")),
                );
            }
            bau = Some(i);
        }
        if let Some(scenario) = read_scenario(s, &cx, &mut errors) {
            scenarios.push(scenario);
        }
    }
    reader.finish()?;
    let [Some(fiscal), Some(economic), Some(public_value)] = read.roi.clone() else {
        return Ok(fail(errors));
    };
    let (Some(base_year), Some(discounting), Some(optimism_bias), true) = (
        base_year,
        read.discounting.schedule(),
        read.optimism_bias.as_ref(),
        errors.is_empty(),
    ) else {
        return Ok(fail(errors));
    };
    let parameters = Parameters {
        discounting,
        roi: RoiDefinitions {
            fiscal,
            economic,
            public_value,
        },
        sensitivity: read.discounting.sensitivity(),
    };

    let mut notes: Vec<NoteView> = read.discounting.note().into_iter().collect();
    if let Some(message) = national.deflator().forecast_note(base_year) {
        notes.push(NoteView {
            code: "forecast_index".to_owned(),
            message,
            path: Some("baseYear".to_owned()),
        });
    }
    notes.extend(
        pricing
            .council_notes()
            .into_iter()
            .map(|(code, message)| NoteView {
                code,
                message,
                path: Some("councilTable".to_owned()),
            }),
    );
    let mut results = Vec::with_capacity(scenarios.len());
    for (i, (scenario, _)) in scenarios.iter().enumerate() {
        match appraisal::appraise(scenario, &parameters) {
            Ok(result) => results.push(result),
            Err(e) => return Ok(fail(vec![e.at(format!("scenarios[{i}]"))])),
        }
        if scenario.costs.iter().all(|c| c.amount.is_zero()) {
            notes.push(NoteView {
                code: "no_costs".to_owned(),
                message: format!(
                    "\"{}\" has no costs, so its benefit-cost ratio and returns on investment are not defined.",
                    scenario.name
                ),
                path: Some(format!("scenarios[{i}].costs")),
            });
        }
    }
    let baseline = bau
        .and_then(|b| results.get(b))
        .map(|r| r.central.returns.clone());
    let mut views = Vec::with_capacity(results.len());
    for (i, ((scenario, paths), result)) in scenarios.iter().zip(&results).enumerate() {
        let is_bau = bau == Some(i);
        let versus = match (&baseline, is_bau) {
            (Some(b), false) => match appraisal::compare(&result.central.returns, b) {
                Ok(c) => Some(ComparisonView {
                    costs_pv: c.costs_pv,
                    benefits_pv: c.benefits_pv,
                    npv: c.npv,
                    fiscal_npv: c.fiscal_npv,
                }),
                Err(e) => return Ok(fail(vec![e.at(format!("scenarios[{i}]"))])),
            },
            _ => None,
        };
        views.push(scenario_view(
            scenario, paths, result, base_year, is_bau, versus,
        ));
    }

    Ok(AppraiseAnswer::Success(Box::new(AppraisalSuccess {
        base_year: base_year.to_string(),
        parameters: ParametersView {
            discounting: read.discounting.view(&parameters.discounting),
            sensitivity_discounting: read.discounting.sensitivity_view(),
            optimism_bias: OptimismBiasView {
                source: read.optimism_bias_source.to_owned(),
                grades: optimism_bias
                    .grades()
                    .iter()
                    .map(|g| GradeView {
                        grade: g.grade,
                        reduction: g.reduction,
                        upper: g.upper,
                        evidence: g.evidence.clone(),
                    })
                    .collect(),
                rag_grades: {
                    let r = optimism_bias.rag_grades();
                    RagGradesCall {
                        green: r.green,
                        amber: r.amber,
                        red: r.red,
                    }
                },
            },
            roi_definitions: RoiDefinitionsView {
                source: read.roi_source.to_owned(),
                fiscal: roi_view(&parameters.roi.fiscal),
                economic: roi_view(&parameters.roi.economic),
                public_value: roi_view(&parameters.roi.public_value),
            },
        },
        scenarios: views,
        notes,
        receipt,
    })))
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
        years: central
            .years
            .iter()
            .map(|y| year_view(y, base_year))
            .collect(),
        central: (&central.returns).into(),
        low: (&result.low).into(),
        high: (&result.high).into(),
        sensitivity: result.sensitivity.as_ref().map(|s| (&s.returns).into()),
        by_agency: central
            .by_agency
            .iter()
            .map(|s| agency_view(s, true, year_of))
            .collect(),
        by_funder: central
            .by_funder
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
            .collect(),
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
                fiscal: o.benefits.fiscal.into(),
                economic: o.benefits.economic.into(),
                social: o.benefits.social.into(),
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
        fiscal: y.benefits.fiscal.into(),
        economic: y.benefits.economic.into(),
        social: y.benefits.social.into(),
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
        flow: s.flow.into(),
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

/// [`appraise`] with JSON text in and out.
pub fn appraise_json(call: &str) -> Result<String, CallError> {
    let call: serde_json::Value = read_json_call(FUNCTION, call)?;
    write_json(FUNCTION, &appraise_value(&call)?)
}
