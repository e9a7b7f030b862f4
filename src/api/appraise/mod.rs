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

use crate::json::Value;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::json::Reader;
use super::pricing;
use super::{
    read_json_call, receipt, receipt_as, write_json, CallError, DecimalText, ErrorView, Failure,
    InputHash, LocalRowCall, NoteView, QuantityInput,
};
use crate::appraisal::build::{LinePaths, Prices};
use crate::appraisal::{
    self, OptimismBiasTable, Parameters, RoiDefinitions, Scenario, ScenarioResult, ScheduleId,
    ValueType,
};
use crate::costs::FinancialYear;
use crate::error::{Error, ErrorCode};

mod answer;
mod figures;
mod read;

pub use crate::appraisal::defaults::{appraisal_defaults, AppraisalDefaults};
pub use answer::*;
pub(crate) use figures::figures;
pub use figures::*;
pub(crate) use read::{
    money_field, name_field, rate_field, read_base_year, read_discounting, read_local_rows,
    read_outcomes, read_priced, whole_field,
};
use read::{read_parameters, read_scenario, ParametersRead};

const FUNCTION: &str = "appraise";

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
    #[serde(
        default,
        deserialize_with = "super::nullable",
        skip_serializing_if = "String::is_empty"
    )]
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
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub discounting: DiscountingCall,
    /// A replacement optimism-bias table; the built-in one if left out.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub optimism_bias: OptimismBiasCall,
    /// Replacement definitions of the returns on investment.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub roi_definitions: RoiDefinitionsCall,
    /// The council's own unit costs, overriding or extending the national table.
    #[serde(default, deserialize_with = "super::nullable")]
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
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub schedule: ScheduleName,
    /// For a custom schedule: the bands, the first from year 0.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub bands: Vec<DiscountBandCall>,
    /// Also work out each scenario's central case with the `sensitivity`
    /// schedule, everything else equal: the answer's scenarios then carry a
    /// `sensitivity` block, and its parameters `sensitivityDiscounting`.
    #[serde(default, deserialize_with = "super::nullable")]
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
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub grades: Vec<GradeCall>,
    /// The grade each RAG rating stands for; the built-in mapping for any left out.
    #[serde(default, deserialize_with = "super::nullable")]
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
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub upper: DecimalText,
    /// What evidence earns the grade.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub evidence: String,
}

/// The grade each RAG rating stands for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct RagGradesCall {
    /// Green.
    #[serde(rename = "G", default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub green: u32,
    /// Amber.
    #[serde(rename = "A", default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub amber: u32,
    /// Red.
    #[serde(rename = "R", default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub red: u32,
}

/// The returns on investment; each left out is the built-in definition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoiDefinitionsCall {
    /// Fiscal return.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub fiscal: RoiDefinitionCall,
    /// Economic return.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub economic: RoiDefinitionCall,
    /// Public-value return.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub public_value: RoiDefinitionCall,
}

/// A return: the benefits it counts, gross or net of costs, over costs. With
/// no benefits listed, the built-in definition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoiDefinitionCall {
    /// Value types counted.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub benefits: Vec<ValueTypeName>,
    /// True for (benefits − costs) ÷ costs.
    #[serde(default, deserialize_with = "super::nullable")]
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
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub business_as_usual: bool,
    /// Families (or people) targeted: a whole number.
    pub cohort: QuantityInput,
    /// Costs by year and funder.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub costs: Vec<CostCall>,
    /// Uplift on every cost for optimism bias, e.g. `"0.15"`; 0 if left out.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub cost_optimism_bias: DecimalText,
    /// The outcomes aimed for.
    #[serde(default, deserialize_with = "super::nullable")]
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
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub lag_years: QuantityInput,
    /// Years the benefit lasts.
    pub duration_years: QuantityInput,
    /// Share of the benefit lost each year after the first; 0 if left out.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub drop_off: DecimalText,
    /// What one outcome is worth a year.
    pub values: Vec<ValueCall>,
    /// Cashable share of the fiscal benefit by agency; other agencies 0.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub cashable: Vec<CashableCall>,
    /// Where the outcome's numbers come from (a source key and evidence tag);
    /// carried with the call, not used in the calculation.
    #[serde(
        default,
        deserialize_with = "super::nullable",
        skip_serializing_if = "String::is_empty"
    )]
    #[tsify(optional)]
    pub source: String,
}

/// What one outcome is worth a year: a unit-cost `code` (and `quantity`), or a
/// direct value (`description`, `agency`, `amount`, optional `priceYear`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValueCall {
    /// A national or local unit-cost code, e.g. `"CR1.0"`.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub code: String,
    /// Units per outcome per year, e.g. `"10"`; 1 if left out.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub quantity: DecimalText,
    /// What a direct value is.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub description: String,
    /// Who gains from a direct value (the agency that saves, for a fiscal value).
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub agency: String,
    /// A direct value per unit, e.g. `"2000.00"`.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub amount: DecimalText,
    /// The price year of `amount`, if not the base year.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub price_year: String,
    /// Fiscal (the default), economic or social.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub value_type: ValueTypeName,
    /// The evidence grade behind the value (from 1).
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub grade: u32,
    /// Or its RAG rating; a unit-cost row's own rating if neither is given.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional, type = "Rag")]
    pub rag: String,
    /// Where the value comes from; carried with the call, not used in the calculation.
    #[serde(
        default,
        deserialize_with = "super::nullable",
        skip_serializing_if = "String::is_empty"
    )]
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

super::call_fields! {
    AppraiseCall: [
        "baseYear",
        "unitCostTable",
        "deflator",
        "councilTable",
        "discounting",
        "optimismBias",
        "roiDefinitions",
        "localRows",
        "scenarios",
    ];
    DiscountingCall: ["schedule", "bands", "sensitivity"];
    DiscountBandCall: ["fromYear", "rate"];
    OptimismBiasCall: ["grades", "ragGrades"];
    GradeCall: ["grade", "reduction", "upper", "evidence"];
    RagGradesCall: ["G", "A", "R"];
    RoiDefinitionsCall: ["fiscal", "economic", "publicValue"];
    RoiDefinitionCall: ["benefits", "net"];
    ScenarioCall: ["name", "businessAsUsual", "cohort", "costs", "costOptimismBias", "outcomes"];
    CostCall: ["year", "funder", "amount"];
    OutcomeCall: [
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
    ValueCall: [
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
    CashableCall: ["agency", "share"];
}

/// Appraises the call's scenarios.
pub fn appraise(call: &AppraiseCall) -> AppraiseAnswer {
    typed(call, appraise_value, AppraiseAnswer::Failure)
}

/// A typed call run through the reader of its parsed JSON (the one the
/// `*_json` twins and the wasm bindings use), so both read alike: a broken
/// contract becomes a failure answer naming the field.
pub(crate) fn typed<C: Serialize, A>(
    call: &C,
    run: fn(&Value) -> Result<A, CallError>,
    failure: fn(Failure) -> A,
) -> A {
    let value = serde_json::to_value(call).unwrap_or_default();
    run(&Value::from(&value)).unwrap_or_else(|e| {
        failure(Failure {
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
pub fn appraise_value(call: &Value) -> Result<AppraiseAnswer, CallError> {
    appraise_value_as(call, InputHash::Now)
}

/// [`appraise_value`], its receipt with the input's hash now or left for
/// later ([`InputHash`]).
pub fn appraise_value_as(call: &Value, hash: InputHash) -> Result<AppraiseAnswer, CallError> {
    Ok(appraise_with(call, hash, |w| explained(call, hash, w))?
        .unwrap_or_else(|f| AppraiseAnswer::Failure(*f)))
}

/// What an appraisal worked out, for its answer to be written from.
pub(crate) struct Worked<'a> {
    /// The tables the values were priced with.
    pub(crate) pricing: &'a pricing::Pricing,
    /// Year 0.
    pub(crate) base_year: FinancialYear,
    read: &'a ParametersRead<'a>,
    pub(crate) parameters: &'a Parameters,
    optimism_bias: &'a OptimismBiasTable,
    /// Each scenario as read, with its values' paths in the call.
    pub(crate) scenarios: &'a [(Scenario, LinePaths)],
    /// Each scenario's result, in the same order.
    pub(crate) results: &'a [ScenarioResult],
    /// Which scenario is business as usual.
    pub(crate) bau: Option<usize>,
    /// Each scenario against business as usual (none for that one).
    pub(crate) versus: Vec<Option<ComparisonView>>,
}

/// The checks and the working of [`appraise_value`], the answer left to
/// `done`; a failure's receipt (with the input's hash, unless asked for `hash`
/// later) is written only on failure.
pub(crate) fn appraise_with<T>(
    call: &Value,
    hash: InputHash,
    done: impl FnOnce(Worked<'_>) -> T,
) -> Result<Result<T, Box<Failure>>, CallError> {
    let mut errors = Vec::new();
    let reader = Reader::new(FUNCTION);
    let root = reader.call::<AppraiseCall>(call);
    let pricing = read_priced(&root, &mut errors);
    let fail = |errors: Vec<Error>| {
        let receipt = receipt_as(call, hash);
        let receipt = match &pricing {
            Some(p) => receipt.priced(&p.table),
            None => receipt,
        };
        Err(Box::new(Failure::new(errors, receipt)))
    };
    let defaults = match appraisal_defaults() {
        Ok(d) => d,
        Err(e) => return Ok(fail(vec![e])),
    };
    let Some(priced) = &pricing else {
        reader.finish()?;
        return Ok(fail(errors));
    };
    let national = &priced.table;
    let base_year = read_base_year(&root, priced, &mut errors);
    let read = read_parameters(&reader, &root, defaults, &mut errors);

    // The council's own unit costs.
    let merged = read_local_rows(&root, national, &mut errors);

    // Scenarios are read even when the base year or a parameter is wrong, so
    // that every problem shows at once; nothing is worked out then.
    let scenario_calls = root.each::<ScenarioCall>("scenarios", true);
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
    let prices = Prices {
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
        if let Some(scenario) = read_scenario(s, &prices, &mut errors) {
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
    let mut results = Vec::with_capacity(scenarios.len());
    for (i, (scenario, _)) in scenarios.iter().enumerate() {
        match appraisal::appraise(scenario, &parameters) {
            Ok(result) => results.push(result),
            Err(e) => return Ok(fail(vec![e.at(format!("scenarios[{i}]"))])),
        }
    }
    let baseline = bau
        .and_then(|b| results.get(b))
        .map(|r| r.central.returns.clone());
    let mut versus = Vec::with_capacity(results.len());
    for (i, result) in results.iter().enumerate() {
        versus.push(match (&baseline, bau == Some(i)) {
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
        });
    }
    Ok(Ok(done(Worked {
        pricing: priced,
        base_year,
        read: &read,
        parameters: &parameters,
        optimism_bias,
        scenarios: &scenarios,
        results: &results,
        bau,
        versus,
    })))
}

/// `appraise`'s explained answer of what was worked out.
fn explained(call: &Value, hash: InputHash, w: Worked<'_>) -> AppraiseAnswer {
    let Worked {
        pricing,
        base_year,
        read,
        parameters,
        optimism_bias,
        scenarios,
        results,
        bau,
        versus,
    } = w;
    let mut notes: Vec<NoteView> = read.discounting.note().into_iter().collect();
    if let Some(message) = pricing.table.deflator().forecast_note(base_year) {
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
    for (i, (scenario, _)) in scenarios.iter().enumerate() {
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
    let views = scenarios
        .iter()
        .zip(results)
        .zip(versus)
        .enumerate()
        .map(|(i, (((scenario, paths), result), versus))| {
            scenario_view(scenario, paths, result, base_year, bau == Some(i), versus)
        })
        .collect();
    AppraiseAnswer::Success(Box::new(AppraisalSuccess {
        base_year: base_year.to_string(),
        parameters: parameters_view(
            read.discounting.view(&parameters.discounting),
            read.discounting.sensitivity_view(),
            optimism_bias,
            read.optimism_bias_source,
            &parameters.roi,
            read.roi_source,
        ),
        scenarios: views,
        notes,
        receipt: receipt_as(call, hash).priced(&pricing.table),
    }))
}

/// [`appraise`] with JSON text in and out.
pub fn appraise_json(call: &str) -> Result<String, CallError> {
    let call = read_json_call(FUNCTION, call)?;
    write_json(FUNCTION, &appraise_value(&call)?)
}
