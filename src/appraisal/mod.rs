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
//! Nothing here reads JSON or knows about JavaScript; [`crate::api`] turns a
//! call into a [`Scenario`] (resolving unit-cost codes and evidence grades)
//! and a [`ScenarioResult`] into an answer.

pub mod discount;
pub mod table;

use std::collections::BTreeMap;

use rust_decimal::Decimal;

pub use discount::{DiscountBand, DiscountSchedule};
pub use table::{penny_table, PennyTable};

use crate::costs::{agency_key, Rag};
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

/// A flow of one value type: gross (before deadweight and optimism bias) and
/// net, undiscounted and at present value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flow {
    /// Gross, undiscounted.
    pub gross: Money,
    /// Gross, present value.
    pub gross_pv: Money,
    /// Net, undiscounted.
    pub net: Money,
    /// Net, present value.
    pub net_pv: Money,
}

impl Flow {
    fn plus(self, other: Flow) -> Result<Flow> {
        Ok(Flow {
            gross: self.gross.checked_add(other.gross)?,
            gross_pv: self.gross_pv.checked_add(other.gross_pv)?,
            net: self.net.checked_add(other.net)?,
            net_pv: self.net_pv.checked_add(other.net_pv)?,
        })
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
    pub fn net_pv(&self) -> Result<Money> {
        Money::sum(ValueType::ALL.iter().map(|k| self.get(*k).net_pv))
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

/// Appraises a scenario in the low, central and high cases.
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
    let central = evaluate(scenario, parameters, Case::Central)?;
    let low = evaluate(scenario, parameters, Case::Low)?.returns;
    let high = evaluate(scenario, parameters, Case::High)?.returns;
    Ok(ScenarioResult {
        name: scenario.name.clone(),
        horizon,
        central,
        low,
        high,
    })
}

fn times(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b).ok_or_else(|| Error::overflow("product"))
}

fn plus(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(|| Error::overflow("sum"))
}

fn penny(value: Decimal) -> Money {
    Money::from_decimal(value).round(Rounding::Penny)
}

/// `amount × factor`, rounded to the penny.
fn discounted(amount: Money, factor: Decimal) -> Result<Money> {
    Ok(amount.checked_mul(factor)?.round(Rounding::Penny))
}

/// A stream of one outcome while it is worked out: exact values per outcome.
struct StreamSpec {
    outcome: usize,
    value_type: ValueType,
    key: String,
    agency: String,
    /// Σ value, per achieving outcome per year.
    gross_unit: Decimal,
    /// Σ value × (1 − ob), per net outcome per year.
    net_unit: Decimal,
    cashable: Rate,
}

fn evaluate(scenario: &Scenario, parameters: &Parameters, case: Case) -> Result<CaseResult> {
    let horizon = scenario.horizon();
    let factors = parameters.discounting.factors(horizon)?;
    let cohort = Decimal::from(scenario.cohort);

    // Outcomes: counts, persistence and streams, all exact.
    let mut specs: Vec<StreamSpec> = Vec::new();
    let mut outcomes = Vec::with_capacity(scenario.outcomes.len());
    let mut persistence_by_outcome = Vec::with_capacity(scenario.outcomes.len());
    for (i, outcome) in scenario.outcomes.iter().enumerate() {
        let engaged = times(cohort, outcome.engagement.as_decimal())?;
        let achieving = times(engaged, outcome.success.as_decimal())?;
        let net_of_deadweight = times(achieving, outcome.deadweight.complement().as_decimal())?;
        let mut values = Vec::with_capacity(outcome.values.len());
        for line in &outcome.values {
            let value = times(line.unit_value.as_decimal(), line.quantity)?;
            let optimism_bias = match case {
                Case::Low => line.optimism_bias_upper,
                Case::Central => line.optimism_bias,
                Case::High => Rate::ZERO,
            };
            let net_value = times(value, optimism_bias.complement().as_decimal())?;
            let key = agency_key(&line.agency);
            let position = specs
                .iter()
                .position(|s| s.outcome == i && s.value_type == line.value_type && s.key == key);
            let spec = match position.and_then(|p| specs.get_mut(p)) {
                Some(spec) => spec,
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
                    });
                    specs
                        .last_mut()
                        .ok_or_else(|| Error::overflow("number of streams"))?
                }
            };
            spec.gross_unit = plus(spec.gross_unit, value)?;
            spec.net_unit = plus(spec.net_unit, net_value)?;
            values.push(ValueTrace {
                line: line.clone(),
                value,
                optimism_bias,
                net_value,
            });
        }
        let (benefit_years, persistence) = persistence_of(outcome)?;
        persistence_by_outcome.push((
            benefit_years,
            persistence.clone(),
            achieving,
            net_of_deadweight,
        ));
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

    // Exact cells: stream × year, gross and net.
    let years = factors.len();
    let mut gross_cells = Vec::with_capacity(specs.len());
    let mut net_cells = Vec::with_capacity(specs.len());
    for spec in &specs {
        let mut gross = vec![Decimal::ZERO; years];
        let mut net = vec![Decimal::ZERO; years];
        if let Some((Some((first, _)), persistence, achieving, net_of_deadweight)) =
            persistence_by_outcome.get(spec.outcome)
        {
            let gross_base = times(*achieving, spec.gross_unit)?;
            let net_base = times(*net_of_deadweight, spec.net_unit)?;
            for (offset, p) in persistence.iter().enumerate() {
                let t = usize::try_from(*first)
                    .ok()
                    .and_then(|f| f.checked_add(offset))
                    .ok_or_else(|| Error::overflow("year"))?;
                if let (Some(g), Some(n)) = (gross.get_mut(t), net.get_mut(t)) {
                    *g = times(gross_base, *p)?;
                    *n = times(net_base, *p)?;
                }
            }
        }
        gross_cells.push(gross);
        net_cells.push(net);
    }

    // Each value type: the year rows, then the streams split from them.
    let mut year_benefits = vec![Benefits::default(); years];
    let mut stream_flows: Vec<(Flow, Vec<(Money, Money)>)> =
        vec![(Flow::default(), Vec::new()); specs.len()];
    for value_type in ValueType::ALL {
        let members: Vec<usize> = (0..specs.len())
            .filter(|&s| {
                specs
                    .get(s)
                    .is_some_and(|spec| spec.value_type == value_type)
            })
            .collect();
        let column = |cells: &Vec<Vec<Decimal>>, t: usize| -> Vec<Decimal> {
            members
                .iter()
                .map(|&s| {
                    cells
                        .get(s)
                        .and_then(|c| c.get(t))
                        .copied()
                        .unwrap_or(Decimal::ZERO)
                })
                .collect()
        };
        let gross_weights: Vec<Vec<Decimal>> =
            (0..years).map(|t| column(&gross_cells, t)).collect();
        let net_weights: Vec<Vec<Decimal>> = (0..years).map(|t| column(&net_cells, t)).collect();
        let mut rows = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
        for (t, factor) in factors.iter().enumerate() {
            let sum = |w: &Vec<Vec<Decimal>>| -> Result<Decimal> {
                w.get(t)
                    .into_iter()
                    .flatten()
                    .try_fold(Decimal::ZERO, |acc, v| plus(acc, *v))
            };
            let gross = penny(sum(&gross_weights)?);
            let net = penny(sum(&net_weights)?);
            let flow = Flow {
                gross,
                gross_pv: discounted(gross, *factor)?,
                net,
                net_pv: discounted(net, *factor)?,
            };
            if let Some(year) = year_benefits.get_mut(t) {
                *year.slot(value_type) = flow;
            }
            let [g, gp, n, np] = &mut rows;
            g.push(flow.gross);
            gp.push(flow.gross_pv);
            n.push(flow.net);
            np.push(flow.net_pv);
        }
        let [g, gp, n, np] = &rows;
        let columns = members.len();
        let gross = penny_table(g, &gross_weights, columns)?;
        let gross_pv = penny_table(gp, &gross_weights, columns)?;
        let net = penny_table(n, &net_weights, columns)?;
        let net_pv = penny_table(np, &net_weights, columns)?;
        for (j, &s) in members.iter().enumerate() {
            let total = |t: &PennyTable| t.column_totals.get(j).copied().unwrap_or(Money::ZERO);
            let cell = |t: &PennyTable, y: usize| {
                t.cells
                    .get(y)
                    .and_then(|row| row.get(j))
                    .copied()
                    .unwrap_or(Money::ZERO)
            };
            if let Some(slot) = stream_flows.get_mut(s) {
                *slot = (
                    Flow {
                        gross: total(&gross),
                        gross_pv: total(&gross_pv),
                        net: total(&net),
                        net_pv: total(&net_pv),
                    },
                    (0..years)
                        .map(|y| (cell(&net, y), cell(&net_pv, y)))
                        .collect(),
                );
            }
        }
    }

    // Streams back to their outcomes, with the cashable split of fiscal streams.
    for (spec, (flow, stream_years)) in specs.iter().zip(stream_flows) {
        let cashable = if spec.value_type == ValueType::Fiscal {
            let share = spec.cashable;
            let parts = flow
                .net_pv
                .allocate(&[share.as_decimal(), share.complement().as_decimal()])?;
            Some(Cashable {
                share: Some(share),
                pv: parts.first().copied().unwrap_or(Money::ZERO),
                non_cashable_pv: parts.get(1).copied().unwrap_or(Money::ZERO),
            })
        } else {
            None
        };
        if let Some(outcome) = outcomes.get_mut(spec.outcome) {
            let slot = outcome.benefits.slot(spec.value_type);
            *slot = slot.plus(flow)?;
            outcome.streams.push(Stream {
                agency: spec.agency.clone(),
                value_type: spec.value_type,
                flow,
                cashable,
                years: stream_years,
            });
        }
    }
    let by_agency = by_agency(&outcomes, years)?;

    // Costs: year rows, then funders split from them.
    let (year_costs, by_funder) = costs(scenario, &factors)?;

    // Years, positions, totals.
    let mut year_results = Vec::with_capacity(years);
    let mut position = Money::ZERO;
    let mut position_pv = Money::ZERO;
    for (t, ((factor, benefits), (cost, cost_pv))) in factors
        .iter()
        .zip(&year_benefits)
        .zip(&year_costs)
        .enumerate()
    {
        position = position
            .checked_add(benefits.fiscal.net)?
            .checked_sub(*cost)?;
        position_pv = position_pv
            .checked_add(benefits.fiscal.net_pv)?
            .checked_sub(*cost_pv)?;
        year_results.push(YearResult {
            year: u32::try_from(t).map_err(|_| Error::overflow("year"))?,
            discount_factor: *factor,
            costs: *cost,
            costs_pv: *cost_pv,
            benefits: *benefits,
            net_pv: benefits.net_pv()?.checked_sub(*cost_pv)?,
            fiscal_position: position,
            fiscal_position_pv: position_pv,
        });
    }
    let returns = returns(&year_results, &parameters.roi)?;
    Ok(CaseResult {
        case,
        years: year_results,
        returns,
        by_agency,
        by_funder,
        outcomes,
    })
}

/// First and last benefit year and the persistence of each:
/// `p_t = (1 − δ)^(t − 1 − lag)` for `t` in `1 + lag ..= lag + D`.
#[allow(clippy::type_complexity)]
fn persistence_of(outcome: &Outcome) -> Result<(Option<(u32, u32)>, Vec<Decimal>)> {
    if outcome.duration_years == 0 {
        return Ok((None, Vec::new()));
    }
    let first = outcome
        .lag_years
        .checked_add(1)
        .ok_or_else(|| Error::overflow("first benefit year"))?;
    let last = outcome
        .lag_years
        .checked_add(outcome.duration_years)
        .ok_or_else(|| Error::overflow("last benefit year"))?;
    let keep = outcome.drop_off.complement().as_decimal();
    let mut persistence = Vec::new();
    let mut p = Decimal::ONE;
    for _ in first..=last {
        persistence.push(p);
        p = times(p, keep)?;
    }
    Ok((Some((first, last)), persistence))
}

/// Streams summed over outcomes, by value type and agency: fiscal first, then
/// by net present value, largest first.
fn by_agency(outcomes: &[OutcomeResult], years: usize) -> Result<Vec<Stream>> {
    let mut groups: BTreeMap<(ValueType, String), Stream> = BTreeMap::new();
    for stream in outcomes.iter().flat_map(|o| &o.streams) {
        let entry = groups
            .entry((stream.value_type, agency_key(&stream.agency)))
            .or_insert_with(|| Stream {
                agency: stream.agency.clone(),
                value_type: stream.value_type,
                flow: Flow::default(),
                cashable: stream.cashable.map(|_| Cashable {
                    share: None,
                    pv: Money::ZERO,
                    non_cashable_pv: Money::ZERO,
                }),
                years: vec![(Money::ZERO, Money::ZERO); years],
            });
        entry.flow = entry.flow.plus(stream.flow)?;
        if let (Some(total), Some(part)) = (entry.cashable.as_mut(), stream.cashable) {
            total.pv = total.pv.checked_add(part.pv)?;
            total.non_cashable_pv = total.non_cashable_pv.checked_add(part.non_cashable_pv)?;
        }
        for (total, part) in entry.years.iter_mut().zip(&stream.years) {
            total.0 = total.0.checked_add(part.0)?;
            total.1 = total.1.checked_add(part.1)?;
        }
    }
    let mut streams: Vec<Stream> = groups.into_values().collect();
    streams.sort_by(|a, b| {
        a.value_type
            .cmp(&b.value_type)
            .then_with(|| b.flow.net_pv.cmp(&a.flow.net_pv))
            .then_with(|| a.agency.cmp(&b.agency))
    });
    Ok(streams)
}

/// Each year's costs (with optimism bias), undiscounted and present value, and
/// the funders' shares of them.
#[allow(clippy::type_complexity)]
fn costs(
    scenario: &Scenario,
    factors: &[Decimal],
) -> Result<(Vec<(Money, Money)>, Vec<FunderCosts>)> {
    let uplift = plus(Decimal::ONE, scenario.cost_optimism_bias.as_decimal())?;
    let mut funders: Vec<(String, String)> = Vec::new(); // (key, display)
    for cost in &scenario.costs {
        let key = agency_key(&cost.funder);
        if !funders.iter().any(|(k, _)| *k == key) {
            funders.push((
                key,
                cost.funder.split_whitespace().collect::<Vec<_>>().join(" "),
            ));
        }
    }
    let mut weights = vec![vec![Decimal::ZERO; funders.len()]; factors.len()];
    for cost in &scenario.costs {
        let key = agency_key(&cost.funder);
        let f = funders.iter().position(|(k, _)| *k == key);
        let year = usize::try_from(cost.year).ok();
        if let Some(cell) = year
            .and_then(|y| weights.get_mut(y))
            .and_then(|row| f.and_then(|f| row.get_mut(f)))
        {
            *cell = plus(*cell, cost.amount.as_decimal())?;
        }
    }
    let mut rows = Vec::with_capacity(factors.len());
    let mut pv_rows = Vec::with_capacity(factors.len());
    let mut year_costs = Vec::with_capacity(factors.len());
    for (row, factor) in weights.iter().zip(factors) {
        let sum = row.iter().try_fold(Decimal::ZERO, |acc, v| plus(acc, *v))?;
        let cost = penny(times(sum, uplift)?);
        let cost_pv = discounted(cost, *factor)?;
        rows.push(cost);
        pv_rows.push(cost_pv);
        year_costs.push((cost, cost_pv));
    }
    let undiscounted = penny_table(&rows, &weights, funders.len())?;
    let present = penny_table(&pv_rows, &weights, funders.len())?;
    let mut by_funder: Vec<FunderCosts> = funders
        .into_iter()
        .enumerate()
        .map(|(f, (_, funder))| {
            let cell = |t: &PennyTable, y: usize| {
                t.cells
                    .get(y)
                    .and_then(|row| row.get(f))
                    .copied()
                    .unwrap_or(Money::ZERO)
            };
            FunderCosts {
                funder,
                costs: undiscounted
                    .column_totals
                    .get(f)
                    .copied()
                    .unwrap_or(Money::ZERO),
                costs_pv: present.column_totals.get(f).copied().unwrap_or(Money::ZERO),
                years: (0..factors.len())
                    .map(|y| (cell(&undiscounted, y), cell(&present, y)))
                    .collect(),
            }
        })
        .collect();
    by_funder.sort_by(|a, b| {
        b.costs_pv
            .cmp(&a.costs_pv)
            .then_with(|| a.funder.cmp(&b.funder))
    });
    Ok((year_costs, by_funder))
}

/// Totals, NPV, ratios and payback from the year figures.
fn returns(years: &[YearResult], roi: &RoiDefinitions) -> Result<Returns> {
    let mut benefits = Benefits::default();
    for year in years {
        for value_type in ValueType::ALL {
            let slot = benefits.slot(value_type);
            *slot = slot.plus(year.benefits.get(value_type))?;
        }
    }
    let costs = Money::sum(years.iter().map(|y| y.costs))?;
    let costs_pv = Money::sum(years.iter().map(|y| y.costs_pv))?;
    let benefits_pv = benefits.net_pv()?;
    let ratio = |numerator: Money| -> Result<Option<Decimal>> {
        if costs_pv.is_zero() {
            return Ok(None);
        }
        Ok(Some(Rounding::Ratio.apply(
            numerator.checked_div(costs_pv.as_decimal())?.as_decimal(),
        )))
    };
    let roi_of = |definition: &RoiDefinition| -> Result<Option<Decimal>> {
        let mut numerator =
            Money::sum(definition.benefits.iter().map(|k| benefits.get(*k).net_pv))?;
        if definition.net {
            numerator = numerator.checked_sub(costs_pv)?;
        }
        ratio(numerator)
    };
    let positions: Vec<Money> = years.iter().map(|y| y.fiscal_position).collect();
    let positions_pv: Vec<Money> = years.iter().map(|y| y.fiscal_position_pv).collect();
    Ok(Returns {
        costs,
        costs_pv,
        benefits,
        benefits_pv,
        npv: benefits_pv.checked_sub(costs_pv)?,
        fiscal_npv: benefits.fiscal.net_pv.checked_sub(costs_pv)?,
        bcr: ratio(benefits_pv)?,
        roi_fiscal: roi_of(&roi.fiscal)?,
        roi_economic: roi_of(&roi.economic)?,
        roi_public_value: roi_of(&roi.public_value)?,
        payback: payback(&positions)?,
        payback_pv: payback(&positions_pv)?,
    })
}

/// The year from which the cumulative position is at or above zero to the end
/// of the appraisal, and the years to get there: for payback in year `t ≥ 1`,
/// `(t − 1) + shortfall at t − 1 ÷ what year t adds`. A position that is never
/// below zero pays back in year 0; one that ends below zero never does.
fn payback(positions: &[Money]) -> Result<Option<Payback>> {
    let Some(last) = positions.last() else {
        return Ok(None);
    };
    if last.is_negative() {
        return Ok(None);
    }
    let mut t = positions.len();
    while t > 0 && positions.get(t - 1).is_some_and(|p| !p.is_negative()) {
        t -= 1;
    }
    let year = u32::try_from(t).map_err(|_| Error::overflow("year"))?;
    if t == 0 {
        return Ok(Some(Payback {
            year: 0,
            years: Rounding::Ratio.apply(Decimal::ZERO),
        }));
    }
    let (Some(before), Some(at)) = (positions.get(t - 1), positions.get(t)) else {
        return Ok(None);
    };
    let shortfall = Money::ZERO.checked_sub(*before)?;
    let added = at.checked_sub(*before)?;
    let fraction = shortfall.checked_div(added.as_decimal())?.as_decimal();
    Ok(Some(Payback {
        year,
        years: Rounding::Ratio.apply(plus(Decimal::from(year - 1), fraction)?),
    }))
}
