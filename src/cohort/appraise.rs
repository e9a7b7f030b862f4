//! The programme appraisal of a cohort: what working with its eligible
//! families would save, by the method of [`crate::appraisal`].
//!
//! The cohort gives the scenario its size and its values; the analyst's
//! assumptions (each with a default and its evidence tag) give the rest:
//!
//! ```text
//! cohort    N = the eligible families
//! cost      C_0 = N × engagement × cost per family             (year 0, "Programme"; to the penny)
//! outcome   "Less use of reactive services", engagement, success, deadweight, lag, duration, drop-off
//! values    for each code the eligible families used:
//!             quantity = (units used by the eligible families ÷ N) × reduction
//!             unit value = the code's unit cost at the base year (each part of a row split by agency),
//!             grade = the analyst's grade, else the row's RAG rating, else 3
//! ```
//!
//! Discounting is the Green Book's standard schedule; with `sensitivity`, the
//! central case is worked out again with the Green Book 2026 sensitivity
//! schedule (no pure time preference), everything else equal.
//!
//! So a family that achieves the outcome is taken to use `reduction` less of
//! what the average eligible family uses a year; the appraisal then removes
//! deadweight and optimism bias and discounts, exactly as `appraise` does.
//! The average quantity is exact to 28 significant digits (one division);
//! nothing is rounded before the appraisal rounds each year's flows.

use rust_decimal::Decimal;

use super::Totals;
use crate::appraisal::build::{
    GradeChoice, OutcomeBuild, OutcomeHead, Priced, Prices, ScenarioBuild, ValueInput, ValueSource,
};
use crate::appraisal::{self, defaults, Parameters, Scenario, ScenarioResult, ValueType};
use crate::costs::{PriceList, UnitCostTable};
use crate::error::{Error, ErrorCode, Result};
use crate::money::{Money, Rate, Rounding};

/// The analyst's assumptions for the programme appraisal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assumptions {
    /// Share of the eligible families who take part.
    pub engagement: Rate,
    /// Share of those who achieve the outcome.
    pub success: Rate,
    /// Share of the outcomes that would have happened anyway.
    pub deadweight: Rate,
    /// Share of its yearly use of reactive services a family that achieves the
    /// outcome no longer needs.
    pub reduction: Rate,
    /// Years before the saving starts.
    pub lag_years: u32,
    /// Years the saving lasts.
    pub duration_years: u32,
    /// Share of the saving lost each year after the first.
    pub drop_off: Rate,
    /// What working with one family costs, at base-year prices.
    pub cost_per_family: Money,
    /// Uplift on the cost for optimism bias.
    pub cost_optimism_bias: Rate,
    /// The evidence grade of every value (`None`: each row's RAG rating, else 3).
    pub grade: Option<u32>,
    /// Cashable share of each agency's fiscal saving (agencies as displayed).
    pub cashable: Vec<(String, Rate)>,
    /// Also work out the central case with the Green Book 2026 sensitivity
    /// schedule (no pure time preference), everything else equal.
    pub sensitivity: bool,
}

/// The default assumptions: `(option, label, value, source)`.
pub const DEFAULT_ASSUMPTIONS: [(&str, &str, &str, &str); 9] = [
    ("engagement", "Families who take part", "0.8", "Assumption [A], as in domain.md WE6: 80 % of eligible families take part."),
    ("success", "Of those, families who achieve the outcome", "0.5", "Assumption [A], as in domain.md WE6: half of those taking part achieve the outcome."),
    ("deadweight", "Outcomes that would have happened anyway", "0.2", "Assumption [A], as in domain.md WE6 (phase-1 funding deducted 1/6 for deadweight [V2])."),
    ("reduction", "Use of reactive services a family no longer needs", "0.5", "Assumption [A]: a family achieving the outcome halves its use of reactive services (Salford's family was said to be cut by two-thirds [V])."),
    ("lagYears", "Years before the saving starts", "0", "Assumption [A]: the saving starts in the first year after the base year."),
    ("durationYears", "Years the saving lasts", "3", "Assumption [A], as in domain.md WE6: the saving lasts three years."),
    ("dropOff", "Saving lost each year after the first", "0.2", "Assumption [A], as in domain.md WE6: a fifth of the saving is lost each year after the first."),
    ("costPerFamily", "Cost of working with a family", "10000.00", "DCLG's average intervention cost per family, phase 1 [V] (domain.md A1)."),
    ("costOptimismBias", "Uplift on the cost for optimism bias", "0", "Assumption [A]: no uplift on the cost."),
];

/// The source of an assumption given in the options.
pub const GIVEN: &str = "Given in the options.";

/// The grade of values whose row has no RAG rating, when none is given.
pub const FALLBACK_GRADE: u32 = 3;

impl Assumptions {
    /// The defaults ([`DEFAULT_ASSUMPTIONS`]).
    pub fn defaults() -> Result<Self> {
        let text = |key: &str| {
            DEFAULT_ASSUMPTIONS
                .iter()
                .find(|(k, _, _, _)| *k == key)
                .map_or("0", |(_, _, v, _)| *v)
        };
        let rate = |key: &str| Rate::parse(text(key));
        let whole = |key: &str| text(key).parse::<u32>().unwrap_or(0);
        Ok(Self {
            engagement: rate("engagement")?,
            success: rate("success")?,
            deadweight: rate("deadweight")?,
            reduction: rate("reduction")?,
            lag_years: whole("lagYears"),
            duration_years: whole("durationYears"),
            drop_off: rate("dropOff")?,
            cost_per_family: Money::parse(text("costPerFamily"))?,
            cost_optimism_bias: rate("costOptimismBias")?,
            grade: None,
            cashable: Vec::new(),
            sensitivity: false,
        })
    }
}

/// Builds the scenario from the cohort and appraises it.
pub(super) fn run(
    a: &Assumptions,
    table: &UnitCostTable,
    prices: &PriceList,
    totals: &Totals,
) -> Result<(ScenarioResult, Scenario)> {
    let scenario = scenario(a, table, prices, totals)?;
    let parameters = Parameters {
        discounting: defaults::green_book()?,
        roi: defaults::roi_definitions(),
        sensitivity: if a.sensitivity {
            Some(defaults::sensitivity()?)
        } else {
            None
        },
    };
    let result = appraisal::appraise(&scenario, &parameters)?;
    Ok((result, scenario))
}

/// The scenario the cohort and the assumptions describe, built by
/// [`appraisal::build`] as `appraise` builds a call's (each row's shares
/// already priced; a value's grade falls back to [`FALLBACK_GRADE`]).
pub fn scenario(
    a: &Assumptions,
    table: &UnitCostTable,
    prices: &PriceList,
    totals: &Totals,
) -> Result<Scenario> {
    let cohort = u32::try_from(totals.eligible).map_err(|_| {
        Error::new(
            ErrorCode::Overflow,
            "More families are eligible than an appraisal can count.",
        )
    })?;
    let n = Decimal::from(totals.eligible);
    let optimism_bias = defaults::optimism_bias()?;
    let cost = a
        .cost_per_family
        .checked_mul(n)?
        .checked_mul(a.engagement.as_decimal())?
        .round(Rounding::Penny);
    let pricing = Prices {
        table,
        base_year: prices.base_year(),
        optimism_bias: &optimism_bias,
    };
    let mut errors = Vec::new();
    let mut built = ScenarioBuild::new(
        Ok("Working with the eligible families".to_owned()),
        Ok(cohort),
        Ok(a.cost_optimism_bias),
        &mut errors,
    );
    built.cost(Some(0), Ok("Programme".to_owned()), Ok(cost), &mut errors);
    let mut outcome = OutcomeBuild::new(
        OutcomeHead {
            path: "",
            name: Ok("Less use of reactive services".to_owned()),
            engagement: Ok(a.engagement),
            success: Ok(a.success),
            deadweight: Ok(a.deadweight),
            lag_years: Ok(a.lag_years),
            duration_years: Ok(a.duration_years),
            drop_off: Ok(a.drop_off),
            check_cashable: false,
        },
        &mut errors,
    );
    for (price, &units) in prices.prices().iter().zip(&totals.units_eligible) {
        if units == 0 || n.is_zero() {
            continue;
        }
        let quantity = Decimal::from(units)
            .checked_div(n)
            .and_then(|avg| avg.checked_mul(a.reduction.as_decimal()))
            .ok_or_else(|| Error::overflow("quantity per family"))?;
        let shares = price.shares.iter().map(|share| Priced {
            code: Some(share.code.clone()),
            description: share.description.clone(),
            agency: prices
                .agencies()
                .get(share.agency)
                .cloned()
                .unwrap_or_default(),
            unit_value: share.unit_cost,
            priced_at: Some((share.original_cost, share.price_year)),
            rag: share.rag,
        });
        let value = ValueInput {
            value_type: ValueType::Fiscal,
            quantity: Ok(quantity),
            grade: Ok(a.grade.map_or(GradeChoice::Row, GradeChoice::Grade)),
            source: ValueSource::Priced(shares.collect()),
            fallback_grade: Some(FALLBACK_GRADE),
        };
        outcome.value(&pricing, "", value, &mut errors);
    }
    for (agency, share) in &a.cashable {
        outcome.cashable("", agency.clone(), Ok(*share), &mut errors);
    }
    built.outcome(outcome, &errors);
    match built.finish(&errors) {
        Some((scenario, _)) => Ok(scenario),
        None => Err(errors
            .into_iter()
            .next()
            .unwrap_or_else(|| Error::overflow("the programme's scenario"))),
    }
}
