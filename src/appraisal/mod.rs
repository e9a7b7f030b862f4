//! Cost-benefit appraisal: the New Economy / HM Treasury (2014) method for
//! local partnerships (domain.md §C2, §D, Formula 6).
//!
//! A [`Scenario`] is a cohort, what the intervention costs each year and who
//! funds it, and the outcomes it aims for. Each outcome says how many of the
//! cohort take part (engagement), how many of those achieve it (success), how
//! many would have anyway (deadweight), when the benefit starts (lag), how long
//! it lasts (duration) and how fast it fades (drop-off), and what one outcome
//! is worth a year: unit-cost rows (fiscal, by agency) or direct values, each
//! with the evidence grade that sets its optimism bias.
//!
//! ```text
//! N_out   = N · e · s                     N_net = N_out · (1 − d)
//! gross_t = N_out · v · p_t               net_t = N_net · v · (1 − ob) · p_t
//! p_t     = (1 − δ)^(t − 1 − lag)  for t in 1 + lag ..= lag + D
//! PV_t    = net_t · DF_t                  cost_t = C_t · (1 + ob_cost)
//! ```
//!
//! **Rounding** (the year is the unit of account): each year's flow of each
//! value type — gross, net, costs — is its exact value rounded to the penny
//! ([`Rounding::Penny`]); its present value is that penny amount times the
//! exact discount factor, rounded to the penny. Totals, NPV and cumulative
//! positions are exact sums of those year figures. Breakdowns by agency, by
//! outcome and by funder are [`penny_table`]s: every cell is its exact share
//! rounded down or up to the penny, and rows and columns add up exactly.
//! Ratios (benefit-cost ratio, returns on investment) and fractional payback
//! years are worked from the penny figures and shown to two places
//! ([`Rounding::Ratio`]). Unit costs are re-based to the penny as in
//! [`crate::costs`]; counts, rates, persistence and discount factors are kept
//! exact (28 significant digits).
//!
//! **Discounting** is by a [`DiscountSchedule`]: the built-in ones are the
//! Green Book 2026 schedules of `data/discount_schedules.tsv`
//! ([`schedules`]). With [`Parameters::sensitivity`], the central case is
//! worked out a second time with another schedule, everything else equal —
//! the Green Book 2026 sensitivity test with no pure time preference.
//!
//! Nothing here reads JSON or knows about JavaScript; [`crate::api`] turns a
//! call into a [`Scenario`] (resolving unit-cost codes and evidence grades)
//! and a [`ScenarioResult`] into an answer.

pub(crate) mod arith;
pub mod build;
pub mod defaults;
pub mod discount;
pub mod schedules;
pub mod table;

use rust_decimal::Decimal;

use arith::{add, div, guard, minus, mul, order, plus, sub, sum};
use table::split;

pub use discount::{DiscountBand, DiscountSchedule};
pub use schedules::{PublishedSchedule, ScheduleId, Schedules};
pub use table::{penny_table, PennyTable};

use crate::costs::{agency_key, FinancialYear, Rag};
use crate::error::{Error, ErrorCode, Result};
use crate::money::{Money, Rate, Rounding};

/// The last year an appraisal can reach: years 0 to 200 cover the Green
/// Book's bands up to 126–200 years.
pub const MAX_YEAR: u32 = 200;

/// The three kinds of value of the method (domain.md §C2 step 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ValueType {
    /// Savings to public budgets.
    Fiscal,
    /// Gains to individuals and businesses (earnings, output).
    Economic,
    /// Wider gains to wellbeing and health.
    Social,
}

impl ValueType {
    /// The three, in the order they are reported.
    pub const ALL: [ValueType; 3] = [Self::Fiscal, Self::Economic, Self::Social];

    /// `fiscal`, `economic` or `social`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fiscal => "fiscal",
            Self::Economic => "economic",
            Self::Social => "social",
        }
    }
}

// ------------------------------------------------------------------ parameters

/// One grade of the optimism-bias table: how far a value resting on evidence
/// of this grade is cut, in the central case and in the low case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    /// The grade, 1 (strongest evidence) upwards.
    pub grade: u32,
    /// The cut in the central case.
    pub reduction: Rate,
    /// The cut in the low case: the top of the grade's band.
    pub upper: Rate,
    /// What evidence earns the grade.
    pub evidence: String,
}

/// The grade given to a unit-cost row from its RAG rating when no grade is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RagGrades {
    /// Green.
    pub green: u32,
    /// Amber.
    pub amber: u32,
    /// Red.
    pub red: u32,
}

/// The optimism-bias table: evidence grades and their cuts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptimismBiasTable {
    grades: Vec<Grade>,
    rag_grades: RagGrades,
}

impl OptimismBiasTable {
    /// A table from its grades. Grades are distinct, each upper cut is at
    /// least its central cut, and the RAG mapping names grades of the table.
    /// Errors carry paths relative to the table (`grades[2].upper`, `ragGrades.R`).
    pub fn new(grades: Vec<Grade>, rag_grades: RagGrades) -> std::result::Result<Self, Vec<Error>> {
        let mut errors = Vec::new();
        if grades.is_empty() {
            errors.push(
                Error::new(
                    ErrorCode::InvalidField,
                    "The optimism-bias table needs at least one grade.",
                )
                .at("grades"),
            );
        }
        for (i, g) in grades.iter().enumerate() {
            if g.grade == 0 {
                errors.push(
                    Error::new(ErrorCode::InvalidField, "Grades are numbered from 1.")
                        .at(format!("grades[{i}].grade")),
                );
            }
            if grades.iter().take(i).any(|other| other.grade == g.grade) {
                errors.push(
                    Error::new(
                        ErrorCode::InvalidField,
                        format!(
                            "Grade {} appears twice in the optimism-bias table.",
                            g.grade
                        ),
                    )
                    .at(format!("grades[{i}].grade")),
                );
            }
            if g.upper < g.reduction {
                errors.push(
                    Error::new(
                        ErrorCode::InvalidRate,
                        format!(
                            "The low case's cut ({}) cannot be smaller than the central cut ({}).",
                            g.upper, g.reduction
                        ),
                    )
                    .at(format!("grades[{i}].upper")),
                );
            }
        }
        for (letter, grade) in [
            ("G", rag_grades.green),
            ("A", rag_grades.amber),
            ("R", rag_grades.red),
        ] {
            if !grades.iter().any(|g| g.grade == grade) {
                errors.push(
                    Error::new(
                        ErrorCode::UnknownGrade,
                        format!("RAG {letter} is mapped to grade {grade}, which the table does not have."),
                    )
                    .at(format!("ragGrades.{letter}")),
                );
            }
        }
        if errors.is_empty() {
            Ok(Self { grades, rag_grades })
        } else {
            Err(errors)
        }
    }

    /// The grades, in table order.
    pub fn grades(&self) -> &[Grade] {
        &self.grades
    }

    /// The RAG-to-grade mapping.
    pub fn rag_grades(&self) -> RagGrades {
        self.rag_grades
    }

    /// The entry of a grade.
    pub fn get(&self, grade: u32) -> Option<&Grade> {
        self.grades.iter().find(|g| g.grade == grade)
    }

    /// The grade a RAG rating stands for.
    pub fn grade_for(&self, rag: Rag) -> u32 {
        match rag {
            Rag::Green => self.rag_grades.green,
            Rag::Amber => self.rag_grades.amber,
            Rag::Red => self.rag_grades.red,
        }
    }
}

/// What a return on investment counts: the present value of benefits of some
/// value types, optionally less the costs, divided by the present value of
/// the costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoiDefinition {
    /// The value types whose benefits are counted.
    pub benefits: Vec<ValueType>,
    /// True for `(benefits − costs) ÷ costs`, false for `benefits ÷ costs`.
    pub net: bool,
}

/// The three returns of the method (domain.md §C2 step 10; the definitions are
/// recalled, not verified, so they are parameters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoiDefinitions {
    /// Fiscal (financial) return.
    pub fiscal: RoiDefinition,
    /// Economic return.
    pub economic: RoiDefinition,
    /// Public-value (social) return.
    pub public_value: RoiDefinition,
}

/// Everything an appraisal needs besides the scenarios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameters {
    /// The discount schedule.
    pub discounting: DiscountSchedule,
    /// The returns on investment.
    pub roi: RoiDefinitions,
    /// A second schedule to work the central case out with, everything else
    /// equal: the Green Book 2026 sensitivity test with no pure time
    /// preference, when asked for ([`ScheduleId::Sensitivity`]); `None` for none.
    pub sensitivity: Option<DiscountSchedule>,
}

// ---------------------------------------------------------------------- inputs

/// What one outcome is worth a year, to whom, and on what evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueLine {
    /// The unit-cost code it comes from; `None` for a value given directly.
    pub code: Option<String>,
    /// What it is.
    pub description: String,
    /// Who gains (for fiscal values, the agency that saves), as displayed.
    pub agency: String,
    /// Fiscal, economic or social.
    pub value_type: ValueType,
    /// The value of one unit at base-year prices.
    pub unit_value: Money,
    /// The value of one unit in its own price year, when it was re-based.
    pub priced_at: Option<(Money, FinancialYear)>,
    /// Units per outcome per year (e.g. 10 fewer call-outs a year).
    pub quantity: Decimal,
    /// The evidence grade.
    pub grade: u32,
    /// Optimism bias in the central case.
    pub optimism_bias: Rate,
    /// Optimism bias in the low case.
    pub optimism_bias_upper: Rate,
}

/// One outcome the intervention aims for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Name.
    pub name: String,
    /// Share of the cohort who take part.
    pub engagement: Rate,
    /// Share of those taking part who achieve the outcome.
    pub success: Rate,
    /// Share of the outcomes that would have happened anyway.
    pub deadweight: Rate,
    /// Years after year 0 before the benefit starts: the first benefit year is `1 + lag`.
    pub lag_years: u32,
    /// Years the benefit lasts.
    pub duration_years: u32,
    /// Share of the benefit lost each year after the first.
    pub drop_off: Rate,
    /// What one outcome is worth a year.
    pub values: Vec<ValueLine>,
    /// Cashable share of the fiscal benefit, by agency (as displayed); other agencies 0.
    pub cashable: Vec<(String, Rate)>,
}

/// A cost of the intervention in one year, met by one funder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cost {
    /// The year, 0 being the base year.
    pub year: u32,
    /// Who pays.
    pub funder: String,
    /// How much, at base-year prices.
    pub amount: Money,
}

/// An option to appraise (or business as usual).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// Name.
    pub name: String,
    /// Families (or people) targeted.
    pub cohort: u32,
    /// Costs by year and funder.
    pub costs: Vec<Cost>,
    /// Uplift on every cost for optimism bias.
    pub cost_optimism_bias: Rate,
    /// Outcomes.
    pub outcomes: Vec<Outcome>,
}

impl Scenario {
    /// The last year with a cost or a benefit (0 when there is none).
    pub fn horizon(&self) -> u32 {
        let costs = self.costs.iter().map(|c| c.year);
        let benefits = self
            .outcomes
            .iter()
            .filter(|o| o.duration_years > 0)
            .map(|o| o.lag_years.saturating_add(o.duration_years));
        costs.chain(benefits).max().unwrap_or(0)
    }
}

/// Which optimism bias the values carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Each value cut by the top of its grade's band.
    Low,
    /// Each value cut by its grade's reduction.
    Central,
    /// No optimism bias on values.
    High,
}

// --------------------------------------------------------------------- results

/// A flow of one value type: gross (before deadweight and optimism bias,
/// undiscounted) and net, undiscounted and at present value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Flow {
    /// Gross, undiscounted.
    pub gross: Money,
    /// Net, undiscounted.
    pub net: Money,
    /// Net, present value.
    pub net_pv: Money,
}

impl Flow {
    pub(crate) fn plus(self, other: Flow) -> Flow {
        Flow {
            gross: plus(self.gross, other.gross),
            net: plus(self.net, other.net),
            net_pv: plus(self.net_pv, other.net_pv),
        }
    }
}

/// Flows of the three value types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Benefits {
    /// Fiscal.
    pub fiscal: Flow,
    /// Economic.
    pub economic: Flow,
    /// Social.
    pub social: Flow,
}

impl Benefits {
    /// The flow of one value type.
    pub fn get(&self, value_type: ValueType) -> Flow {
        match value_type {
            ValueType::Fiscal => self.fiscal,
            ValueType::Economic => self.economic,
            ValueType::Social => self.social,
        }
    }

    fn slot(&mut self, value_type: ValueType) -> &mut Flow {
        match value_type {
            ValueType::Fiscal => &mut self.fiscal,
            ValueType::Economic => &mut self.economic,
            ValueType::Social => &mut self.social,
        }
    }

    /// The net present value of the benefits of all three types.
    pub fn net_pv(&self) -> Money {
        plus(
            plus(self.fiscal.net_pv, self.economic.net_pv),
            self.social.net_pv,
        )
    }
}

/// One year of an appraisal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearResult {
    /// 0 for the base year.
    pub year: u32,
    /// The discount factor, exact.
    pub discount_factor: Decimal,
    /// Costs (with their optimism bias), undiscounted.
    pub costs: Money,
    /// Costs, present value.
    pub costs_pv: Money,
    /// Benefits by value type.
    pub benefits: Benefits,
    /// Net present value of the year: all benefits less costs.
    pub net_pv: Money,
    /// Cumulative fiscal position to the end of the year: fiscal benefits less costs, undiscounted.
    pub fiscal_position: Money,
    /// The same, at present value.
    pub fiscal_position_pv: Money,
}

/// When the investment pays back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payback {
    /// The year in which the cumulative position reaches zero and stays at or above it.
    pub year: u32,
    /// Years to payback, with the fraction of the last year (two places).
    pub years: Decimal,
}

/// The headline figures of a scenario in one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returns {
    /// Costs, undiscounted.
    pub costs: Money,
    /// Costs, present value.
    pub costs_pv: Money,
    /// Benefits by value type over all years.
    pub benefits: Benefits,
    /// Net present value of all benefits.
    pub benefits_pv: Money,
    /// Net present value: all benefits less costs.
    pub npv: Money,
    /// Fiscal net present value: fiscal benefits less costs.
    pub fiscal_npv: Money,
    /// Benefit-cost ratio: all benefits ÷ costs (none when costs are zero).
    pub bcr: Option<Decimal>,
    /// Fiscal return on investment.
    pub roi_fiscal: Option<Decimal>,
    /// Economic return on investment.
    pub roi_economic: Option<Decimal>,
    /// Public-value return on investment.
    pub roi_public_value: Option<Decimal>,
    /// Payback of the fiscal position, undiscounted; `None` if never within the appraisal.
    pub payback: Option<Payback>,
    /// Payback of the fiscal position at present value.
    pub payback_pv: Option<Payback>,
}

/// The cashable part of a fiscal benefit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cashable {
    /// The cashable share applied (for an agency total summed over outcomes, `None`).
    pub share: Option<Rate>,
    /// Cashable benefit, present value.
    pub pv: Money,
    /// Non-cashable benefit (freed capacity), present value.
    pub non_cashable_pv: Money,
}

/// A stream of benefit: one value type to one agency (from one outcome, or
/// summed over outcomes), with its years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stream {
    /// Agency, as displayed.
    pub agency: String,
    /// Value type.
    pub value_type: ValueType,
    /// Totals over the years.
    pub flow: Flow,
    /// Cashable and non-cashable (fiscal streams only).
    pub cashable: Option<Cashable>,
    /// Net benefit of each year `0..=horizon`, undiscounted and present value.
    pub years: Vec<(Money, Money)>,
}

/// Costs met by one funder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunderCosts {
    /// Funder, as displayed.
    pub funder: String,
    /// Total, undiscounted (with optimism bias).
    pub costs: Money,
    /// Total, present value.
    pub costs_pv: Money,
    /// Each year `0..=horizon`: undiscounted and present value.
    pub years: Vec<(Money, Money)>,
}

/// How one value line of an outcome was worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueTrace {
    /// The line.
    pub line: ValueLine,
    /// `unit value × quantity`: one outcome's value a year, before optimism bias.
    pub value: Decimal,
    /// The optimism bias applied in this case.
    pub optimism_bias: Rate,
    /// `value × (1 − optimism bias)`.
    pub net_value: Decimal,
}

/// How one outcome was worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeResult {
    /// Name.
    pub name: String,
    /// `N · e`.
    pub engaged: Decimal,
    /// `N · e · s`.
    pub achieving: Decimal,
    /// `N · e · s · (1 − d)`.
    pub net_of_deadweight: Decimal,
    /// First and last benefit year (`None` when the duration is 0).
    pub benefit_years: Option<(u32, u32)>,
    /// Persistence `p_t` of each benefit year, first to last.
    pub persistence: Vec<Decimal>,
    /// The value lines.
    pub values: Vec<ValueTrace>,
    /// The outcome's benefit by value type and agency.
    pub streams: Vec<Stream>,
    /// The outcome's benefit by value type.
    pub benefits: Benefits,
}

/// A scenario worked out in one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    /// The case.
    pub case: Case,
    /// Each year `0..=horizon`.
    pub years: Vec<YearResult>,
    /// Headline figures.
    pub returns: Returns,
    /// Benefit by value type and agency, over all outcomes: fiscal first, each
    /// type largest first. This is what pooled returns by partner start from.
    pub by_agency: Vec<Stream>,
    /// Costs by funder, largest first.
    pub by_funder: Vec<FunderCosts>,
    /// Each outcome.
    pub outcomes: Vec<OutcomeResult>,
}

/// A scenario: the central case in full, and the low and high cases' headline figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioResult {
    /// Name.
    pub name: String,
    /// The last year.
    pub horizon: u32,
    /// The central case.
    pub central: CaseResult,
    /// The low case: values cut by the top of their grades' bands.
    pub low: Returns,
    /// The high case: no optimism bias on values.
    pub high: Returns,
    /// The central case again, discounted with [`Parameters::sensitivity`]
    /// (everything else equal), when there is one.
    pub sensitivity: Option<CaseResult>,
}

/// How an option differs from business as usual (option − business as usual).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    /// Extra costs, present value.
    pub costs_pv: Money,
    /// Extra benefits, present value.
    pub benefits_pv: Money,
    /// Extra net present value.
    pub npv: Money,
    /// Extra fiscal net present value.
    pub fiscal_npv: Money,
}

/// `option − business as usual`, in the central case.
pub fn compare(option: &Returns, business_as_usual: &Returns) -> Result<Comparison> {
    Ok(Comparison {
        costs_pv: option.costs_pv.checked_sub(business_as_usual.costs_pv)?,
        benefits_pv: option
            .benefits_pv
            .checked_sub(business_as_usual.benefits_pv)?,
        npv: option.npv.checked_sub(business_as_usual.npv)?,
        fiscal_npv: option
            .fiscal_npv
            .checked_sub(business_as_usual.fiscal_npv)?,
    })
}

// ----------------------------------------------------------------- calculation

/// Appraises a scenario in the low, central and high cases, and the central
/// case with the sensitivity schedule when the parameters have one.
pub fn appraise(scenario: &Scenario, parameters: &Parameters) -> Result<ScenarioResult> {
    let horizon = scenario.horizon();
    if horizon > MAX_YEAR {
        return Err(Error::new(
            ErrorCode::InvalidField,
            format!(
                "An appraisal can run to year {MAX_YEAR}, and this one reaches year {horizon}."
            ),
        ));
    }
    let (discounting, roi) = (&parameters.discounting, &parameters.roi);
    guard(|| ScenarioResult {
        name: scenario.name.clone(),
        horizon,
        central: evaluate(scenario, discounting, roi, Case::Central),
        low: evaluate(scenario, discounting, roi, Case::Low).returns,
        high: evaluate(scenario, discounting, roi, Case::High).returns,
        sensitivity: parameters
            .sensitivity
            .as_ref()
            .map(|schedule| evaluate(scenario, schedule, roi, Case::Central)),
    })
}

fn penny(value: Decimal) -> Money {
    Money::from_decimal(value).round(Rounding::Penny)
}

/// `amount × factor`, rounded to the penny.
fn discounted(amount: Money, factor: Decimal) -> Money {
    penny(mul(amount.as_decimal(), factor))
}

/// A stream of one outcome while it is worked out: exact values.
struct StreamSpec {
    outcome: usize,
    value_type: ValueType,
    key: String,
    agency: String,
    /// Σ value a year, per outcome achieved.
    gross_unit: Decimal,
    /// Σ value × (1 − optimism bias) a year, per outcome net of deadweight.
    net_unit: Decimal,
    cashable: Rate,
    /// Exact gross and net benefit of each year.
    gross: Vec<Decimal>,
    net: Vec<Decimal>,
}

/// A scenario in one case, discounted with `discounting`, as a step of a
/// calculation (see [`arith`]).
fn evaluate(
    scenario: &Scenario,
    discounting: &DiscountSchedule,
    roi: &RoiDefinitions,
    case: Case,
) -> CaseResult {
    let factors = discounting.factors_to(scenario.horizon());
    let years = factors.len();
    let cohort = Decimal::from(scenario.cohort);

    // Outcomes: counts, persistence, value lines and streams, all exact.
    let mut specs: Vec<StreamSpec> = Vec::new();
    let mut outcomes = Vec::with_capacity(scenario.outcomes.len());
    for (i, outcome) in scenario.outcomes.iter().enumerate() {
        let engaged = mul(cohort, outcome.engagement.as_decimal());
        let achieving = mul(engaged, outcome.success.as_decimal());
        let net_of_deadweight = mul(achieving, outcome.deadweight.complement().as_decimal());
        let first_spec = specs.len();
        let mut values = Vec::with_capacity(outcome.values.len());
        for line in &outcome.values {
            let value = mul(line.unit_value.as_decimal(), line.quantity);
            let optimism_bias = match case {
                Case::Low => line.optimism_bias_upper,
                Case::Central => line.optimism_bias,
                Case::High => Rate::ZERO,
            };
            let net_value = mul(value, optimism_bias.complement().as_decimal());
            let key = agency_key(&line.agency);
            let found = specs
                .iter()
                .skip(first_spec)
                .position(|s| s.value_type == line.value_type && s.key == key);
            let index = match found {
                Some(p) => first_spec + p,
                None => {
                    let cashable = outcome
                        .cashable
                        .iter()
                        .find(|(agency, _)| agency_key(agency) == key)
                        .map_or(Rate::ZERO, |(_, share)| *share);
                    specs.push(StreamSpec {
                        outcome: i,
                        value_type: line.value_type,
                        key,
                        agency: line.agency.clone(),
                        gross_unit: Decimal::ZERO,
                        net_unit: Decimal::ZERO,
                        cashable,
                        gross: Vec::new(),
                        net: Vec::new(),
                    });
                    specs.len() - 1
                }
            };
            if let Some(spec) = specs.get_mut(index) {
                spec.gross_unit = add(spec.gross_unit, value);
                spec.net_unit = add(spec.net_unit, net_value);
            }
            values.push(ValueTrace {
                line: line.clone(),
                value,
                optimism_bias,
                net_value,
            });
        }
        let (benefit_years, persistence) = persistence_of(outcome);
        // Exact cells of this outcome's streams: N_out · v · p_t and N_net · v(1 − ob) · p_t.
        let first_year = benefit_years.map_or(0, |(first, _)| first as usize);
        for spec in specs.iter_mut().skip(first_spec) {
            spec.gross = vec![Decimal::ZERO; years];
            spec.net = vec![Decimal::ZERO; years];
            let gross_base = mul(achieving, spec.gross_unit);
            let net_base = mul(net_of_deadweight, spec.net_unit);
            for (t, p) in (first_year..).zip(&persistence) {
                if let (Some(g), Some(n)) = (spec.gross.get_mut(t), spec.net.get_mut(t)) {
                    *g = mul(gross_base, *p);
                    *n = mul(net_base, *p);
                }
            }
        }
        outcomes.push(OutcomeResult {
            name: outcome.name.clone(),
            engaged,
            achieving,
            net_of_deadweight,
            benefit_years,
            persistence,
            values,
            streams: Vec::new(),
            benefits: Benefits::default(),
        });
    }

    // Each value type: the year rows (exact sums rounded to the penny, then
    // discounted), and the streams' shares of them as penny tables.
    let mut year_benefits = vec![Benefits::default(); years];
    let mut streams: Vec<Option<Stream>> = vec![None; specs.len()];
    for value_type in ValueType::ALL {
        let members: Vec<usize> = (0..specs.len())
            .filter(|&s| {
                specs
                    .get(s)
                    .is_some_and(|spec| spec.value_type == value_type)
            })
            .collect();
        let mut gross_weights = Vec::with_capacity(years);
        let mut net_weights = Vec::with_capacity(years);
        let mut rows: [Vec<Money>; 3] = Default::default();
        for (t, factor) in factors.iter().enumerate() {
            let cell = |s: &usize, pick: fn(&StreamSpec) -> &Vec<Decimal>| {
                specs
                    .get(*s)
                    .and_then(|spec| pick(spec).get(t))
                    .copied()
                    .unwrap_or_default()
            };
            let gross_row: Vec<Decimal> = members.iter().map(|s| cell(s, |x| &x.gross)).collect();
            let net_row: Vec<Decimal> = members.iter().map(|s| cell(s, |x| &x.net)).collect();
            let gross = penny(sum(&gross_row));
            let net = penny(sum(&net_row));
            let flow = Flow {
                gross,
                net,
                net_pv: discounted(net, *factor),
            };
            if let Some(year) = year_benefits.get_mut(t) {
                *year.slot(value_type) = flow;
            }
            for (row, amount) in rows.iter_mut().zip([flow.gross, flow.net, flow.net_pv]) {
                row.push(amount);
            }
            gross_weights.push(gross_row);
            net_weights.push(net_row);
        }
        // The low and high cases keep their returns alone (see [`appraise`]):
        // their streams' penny tables are not worked out.
        if case != Case::Central {
            continue;
        }
        let [gross, net, net_pv] = &rows;
        let columns = members.len();
        let gross = split(gross, &gross_weights, columns);
        let net = split(net, &net_weights, columns);
        let net_pv = split(net_pv, &net_weights, columns);
        for (j, &s) in members.iter().enumerate() {
            let Some(spec) = specs.get(s) else { continue };
            let flow = Flow {
                gross: gross.total(j),
                net: net.total(j),
                net_pv: net_pv.total(j),
            };
            let cashable = (value_type == ValueType::Fiscal).then(|| {
                let share = spec.cashable;
                let cashable = split(
                    &[flow.net_pv],
                    &[vec![share.as_decimal(), share.complement().as_decimal()]],
                    2,
                );
                Cashable {
                    share: Some(share),
                    pv: cashable.total(0),
                    non_cashable_pv: cashable.total(1),
                }
            });
            if let Some(slot) = streams.get_mut(s) {
                *slot = Some(Stream {
                    agency: spec.agency.clone(),
                    value_type,
                    flow,
                    cashable,
                    years: (0..years)
                        .map(|t| (net.cell(t, j), net_pv.cell(t, j)))
                        .collect(),
                });
            }
        }
    }
    // Streams back to their outcomes.
    for (spec, stream) in specs.iter().zip(streams) {
        if let (Some(outcome), Some(stream)) = (outcomes.get_mut(spec.outcome), stream) {
            let slot = outcome.benefits.slot(stream.value_type);
            *slot = slot.plus(stream.flow);
            outcome.streams.push(stream);
        }
    }
    let by_agency = by_agency(&outcomes, years);
    let (year_costs, by_funder) = costs(scenario, &factors, case == Case::Central);

    // Years and the cumulative fiscal positions.
    let mut year_results = Vec::with_capacity(years);
    let mut position = Money::ZERO;
    let mut position_pv = Money::ZERO;
    for (t, ((factor, benefits), (cost, cost_pv))) in factors
        .iter()
        .zip(&year_benefits)
        .zip(&year_costs)
        .enumerate()
    {
        position = minus(plus(position, benefits.fiscal.net), *cost);
        position_pv = minus(plus(position_pv, benefits.fiscal.net_pv), *cost_pv);
        year_results.push(YearResult {
            year: t as u32,
            discount_factor: *factor,
            costs: *cost,
            costs_pv: *cost_pv,
            benefits: *benefits,
            net_pv: minus(benefits.net_pv(), *cost_pv),
            fiscal_position: position,
            fiscal_position_pv: position_pv,
        });
    }
    let returns = returns(&year_results, roi);
    CaseResult {
        case,
        years: year_results,
        returns,
        by_agency,
        by_funder,
        outcomes,
    }
}

/// First and last benefit year and the persistence of each:
/// `p_t = (1 − δ)^(t − 1 − lag)` for `t` in `1 + lag ..= lag + D`.
fn persistence_of(outcome: &Outcome) -> (Option<(u32, u32)>, Vec<Decimal>) {
    if outcome.duration_years == 0 {
        return (None, Vec::new());
    }
    let first = outcome.lag_years.saturating_add(1);
    let last = outcome.lag_years.saturating_add(outcome.duration_years);
    let keep = outcome.drop_off.complement().as_decimal();
    let mut persistence = Vec::new();
    let mut p = Decimal::ONE;
    for _ in first..=last {
        persistence.push(p);
        p = mul(p, keep);
    }
    (Some((first, last)), persistence)
}

/// Streams summed over outcomes, by value type and agency: fiscal first, then
/// by net present value, largest first.
fn by_agency(outcomes: &[OutcomeResult], years: usize) -> Vec<Stream> {
    let mut groups: Vec<(String, Stream)> = Vec::new();
    for stream in outcomes.iter().flat_map(|o| &o.streams) {
        let key = agency_key(&stream.agency);
        let found = groups
            .iter()
            .position(|(k, g)| g.value_type == stream.value_type && *k == key);
        let index = found.unwrap_or_else(|| {
            groups.push((
                key,
                Stream {
                    agency: stream.agency.clone(),
                    value_type: stream.value_type,
                    flow: Flow::default(),
                    cashable: stream.cashable.map(|_| Cashable {
                        share: None,
                        pv: Money::ZERO,
                        non_cashable_pv: Money::ZERO,
                    }),
                    years: vec![(Money::ZERO, Money::ZERO); years],
                },
            ));
            groups.len() - 1
        });
        let Some((_, total)) = groups.get_mut(index) else {
            continue;
        };
        total.flow = total.flow.plus(stream.flow);
        if let (Some(sum), Some(part)) = (total.cashable.as_mut(), stream.cashable) {
            sum.pv = plus(sum.pv, part.pv);
            sum.non_cashable_pv = plus(sum.non_cashable_pv, part.non_cashable_pv);
        }
        for (sum, part) in total.years.iter_mut().zip(&stream.years) {
            *sum = (plus(sum.0, part.0), plus(sum.1, part.1));
        }
    }
    let before = |a: usize, b: usize| match (groups.get(a), groups.get(b)) {
        (Some((_, a)), Some((_, b))) => {
            a.value_type < b.value_type
                || (a.value_type == b.value_type && a.flow.net_pv > b.flow.net_pv)
        }
        _ => false,
    };
    order(groups.len(), &before)
        .into_iter()
        .filter_map(|i| groups.get(i).map(|(_, s)| s.clone()))
        .collect()
}

/// Each year's costs (with optimism bias), undiscounted and present value, and
/// the funders' shares of them, largest first (when `by_funder`: the central case).
#[allow(clippy::type_complexity)]
fn costs(
    scenario: &Scenario,
    factors: &[Decimal],
    by_funder: bool,
) -> (Vec<(Money, Money)>, Vec<FunderCosts>) {
    let uplift = add(Decimal::ONE, scenario.cost_optimism_bias.as_decimal());
    let mut funders: Vec<(String, String)> = Vec::new(); // (key, as displayed)
    let mut weights = vec![Vec::new(); factors.len()];
    for cost in &scenario.costs {
        let key = agency_key(&cost.funder);
        let f = funders
            .iter()
            .position(|(k, _)| *k == key)
            .unwrap_or_else(|| {
                funders.push((key, cost.funder.clone()));
                funders.len() - 1
            });
        let Some(row) = weights.get_mut(cost.year as usize) else {
            continue;
        };
        if row.len() <= f {
            row.resize(f + 1, Decimal::ZERO);
        }
        if let Some(cell) = row.get_mut(f) {
            *cell = add(*cell, cost.amount.as_decimal());
        }
    }
    let mut rows = Vec::with_capacity(factors.len());
    let mut pv_rows = Vec::with_capacity(factors.len());
    for (row, factor) in weights.iter_mut().zip(factors) {
        row.resize(funders.len(), Decimal::ZERO);
        let cost = penny(mul(sum(row), uplift));
        rows.push(cost);
        pv_rows.push(discounted(cost, *factor));
    }
    if !by_funder {
        return (rows.into_iter().zip(pv_rows).collect(), Vec::new());
    }
    let undiscounted = split(&rows, &weights, funders.len());
    let present = split(&pv_rows, &weights, funders.len());
    let by_funder: Vec<FunderCosts> = funders
        .into_iter()
        .enumerate()
        .map(|(f, (_, funder))| FunderCosts {
            funder,
            costs: undiscounted.total(f),
            costs_pv: present.total(f),
            years: (0..factors.len())
                .map(|t| (undiscounted.cell(t, f), present.cell(t, f)))
                .collect(),
        })
        .collect();
    let sorted = order(by_funder.len(), &|a, b| {
        by_funder.get(a).map(|f| f.costs_pv) > by_funder.get(b).map(|f| f.costs_pv)
    });
    let by_funder = sorted
        .into_iter()
        .filter_map(|i| by_funder.get(i).cloned())
        .collect();
    (rows.into_iter().zip(pv_rows).collect(), by_funder)
}

/// Totals, NPV, ratios and payback from the year figures.
pub(crate) fn returns(years: &[YearResult], roi: &RoiDefinitions) -> Returns {
    let mut benefits = Benefits::default();
    let mut costs = Money::ZERO;
    let mut costs_pv = Money::ZERO;
    for year in years {
        for value_type in ValueType::ALL {
            let slot = benefits.slot(value_type);
            *slot = slot.plus(year.benefits.get(value_type));
        }
        costs = plus(costs, year.costs);
        costs_pv = plus(costs_pv, year.costs_pv);
    }
    let benefits_pv = benefits.net_pv();
    let ratio = |numerator: Money| {
        (!costs_pv.is_zero())
            .then(|| Rounding::Ratio.apply(div(numerator.as_decimal(), costs_pv.as_decimal())))
    };
    let roi_of = |definition: &RoiDefinition| {
        let mut numerator = Money::ZERO;
        for value_type in &definition.benefits {
            numerator = plus(numerator, benefits.get(*value_type).net_pv);
        }
        if definition.net {
            numerator = minus(numerator, costs_pv);
        }
        ratio(numerator)
    };
    let positions: Vec<Money> = years.iter().map(|y| y.fiscal_position).collect();
    let positions_pv: Vec<Money> = years.iter().map(|y| y.fiscal_position_pv).collect();
    Returns {
        costs,
        costs_pv,
        benefits,
        benefits_pv,
        npv: minus(benefits_pv, costs_pv),
        fiscal_npv: minus(benefits.fiscal.net_pv, costs_pv),
        bcr: ratio(benefits_pv),
        roi_fiscal: roi_of(&roi.fiscal),
        roi_economic: roi_of(&roi.economic),
        roi_public_value: roi_of(&roi.public_value),
        payback: payback(&positions),
        payback_pv: payback(&positions_pv),
    }
}

/// The year from which the cumulative position is at or above zero to the end
/// of the appraisal, and the years to get there: for payback in year `t ≥ 1`,
/// `(t − 1) + shortfall at t − 1 ÷ what year t adds`. A position that is never
/// below zero pays back in year 0; one that ends below zero never does.
pub(crate) fn payback(positions: &[Money]) -> Option<Payback> {
    if positions.last().is_none_or(|p| p.is_negative()) {
        return None;
    }
    let t = positions
        .iter()
        .rposition(|p| p.is_negative())
        .map_or(0, |last_negative| last_negative + 1);
    let before = t.checked_sub(1).and_then(|b| positions.get(b));
    let years = match (before, positions.get(t)) {
        // before < 0 ≤ at, so what year t adds is above zero.
        (Some(before), Some(at)) => add(
            Decimal::from(t - 1),
            div(
                before.as_decimal().abs(),
                sub(at.as_decimal(), before.as_decimal()),
            ),
        ),
        _ => Decimal::ZERO,
    };
    Some(Payback {
        year: t as u32,
        years: Rounding::Ratio.apply(years),
    })
}
