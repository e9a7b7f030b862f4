//! Reading an `appraise` call, and the parts other calls share (discounting,
//! the table and series, local rows, outcomes): each object's fields as
//! read, handed to the domain's builders ([`crate::appraisal::build`]),
//! which hold the rules.

use rust_decimal::Decimal;

use super::{
    AppraisalDefaults, CashableCall, CostCall, DiscountBandCall, DiscountingCall, DiscountingView,
    GradeCall, OptimismBiasCall, OutcomeCall, RagGradesCall, ScheduleName, ValueCall,
};
use crate::api::costing::{local_row, read_local_row};
use crate::api::json::{Object, Reader};
use crate::api::pricing::{self, Pricing};
use crate::api::LocalRowCall;
use crate::api::{DiscountBandView, NoteView};
use crate::appraisal::build::{
    self, GradeChoice, GradeInput, LinePaths, OutcomeBuild, OutcomeHead, Prices, Read,
    ScenarioBuild, ValueInput, ValueSource,
};
use crate::appraisal::{
    defaults, DiscountSchedule, OptimismBiasTable, PublishedSchedule, RoiDefinition, Scenario,
    ScheduleId, ValueType, MAX_YEAR,
};
use crate::costs::{FinancialYear, Rag, UnitCostTable};
use crate::error::{Error, ErrorCode};
use crate::money::{parse_decimal, Money, Rate};

// -------------------------------------------------------------------- fields

/// A problem with the field `key` of `object`.
fn problem(
    object: &Object<'_, '_>,
    key: &str,
    code: ErrorCode,
    message: impl Into<String>,
) -> Error {
    Error::new(code, message).at(object.at(key))
}

/// The rate in the field `key`; `default` when left out, if there is one.
pub(crate) fn rate_field(object: &Object<'_, '_>, key: &str, default: Option<Rate>) -> Read<Rate> {
    let text = object.decimal(key, default.is_none());
    match default {
        Some(d) if text.is_empty() => Ok(d),
        _ => Rate::parse(text).map_err(|e| e.at(object.at(key))),
    }
}

/// The rate in the optional field `key`; `None` when left out.
fn optional_rate(object: &Object<'_, '_>, key: &str) -> Read<Option<Rate>> {
    let text = object.decimal(key, false);
    if text.is_empty() {
        return Ok(None);
    }
    Rate::parse(text)
        .map(Some)
        .map_err(|e| e.at(object.at(key)))
}

/// The whole number in the field `key`, from 0 to `max` (read as every count
/// is, [`Object::whole_number`]); `default` when left out (a required field
/// left out is a problem of shape, which the reader throws).
pub(crate) fn whole_field(
    object: &Object<'_, '_>,
    key: &str,
    default: Option<u32>,
    max: u32,
    what: &str,
) -> Read<u32> {
    object
        .whole_number(key, default.is_none(), max, what)?
        .or(default)
        .ok_or_else(|| {
            problem(
                object,
                key,
                ErrorCode::InvalidQuantity,
                format!("Enter the {what}."),
            )
        })
}

/// The text in the field `key` with its spaces tidied; `message` when there is none.
pub(crate) fn name_field(
    object: &Object<'_, '_>,
    key: &str,
    required: bool,
    message: &str,
) -> Read<String> {
    let tidy = object
        .text(key, required)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if tidy.is_empty() {
        return Err(problem(object, key, ErrorCode::InvalidField, message));
    }
    Ok(tidy)
}

/// The amount of money in the field `key`, zero or more.
pub(crate) fn money_field(object: &Object<'_, '_>, key: &str, required: bool) -> Read<Money> {
    let text = object.decimal(key, required);
    let (code, message) = match Money::parse(text) {
        _ if text.is_empty() => (ErrorCode::InvalidMoney, "Enter an amount.".to_owned()),
        Ok(a) if a.is_negative() => (
            ErrorCode::InvalidMoney,
            "An amount cannot be negative.".to_owned(),
        ),
        Ok(a) => return Ok(a),
        Err(e) => (e.code(), e.message().to_owned()),
    };
    Err(problem(object, key, code, message))
}

// --------------------------------------------------------------- discounting

/// The discounting a call asks for: its schedule (`None` after a problem),
/// and the sensitivity schedule when the test is to run beside it.
pub(crate) struct DiscountingRead<'d> {
    name: ScheduleName,
    schedule: Option<DiscountSchedule>,
    /// The built-in schedule, with its edition and source (`None` for custom).
    published: Option<&'d PublishedSchedule>,
    sensitivity: Option<&'d PublishedSchedule>,
}

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
    let Some(d) = call.one::<DiscountingCall>("discounting") else {
        return read;
    };
    // Every band is read (its shape checked) whichever schedule is named.
    let bands: Vec<_> = d
        .each::<DiscountBandCall>("bands", false)
        .iter()
        .map(|band| (band.whole("fromYear", true), rate_field(band, "rate", None)))
        .collect();
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
            errors.push(problem(
                &d,
                "bands",
                ErrorCode::InvalidField,
                "Bands are given only with the \"custom\" schedule.",
            ));
        }
    } else {
        read.published = None;
        read.schedule = build::custom_schedule(bands, &d.at("bands"), errors);
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
pub(super) struct ParametersRead<'d> {
    pub(super) discounting: DiscountingRead<'d>,
    pub(super) optimism_bias: Option<OptimismBiasTable>,
    pub(super) optimism_bias_source: &'static str,
    pub(super) roi: [Option<RoiDefinition>; 3],
    pub(super) roi_source: &'static str,
}

const GIVEN: &str = "Given in the call.";

pub(super) fn read_parameters<'d>(
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
    let mut grades: Vec<GradeInput> = defaults
        .optimism_bias
        .grades()
        .iter()
        .map(|g| GradeInput {
            grade: g.grade,
            reduction: Ok(g.reduction),
            upper: Ok(Some(g.upper)),
            evidence: g.evidence.clone(),
        })
        .collect();
    let mut rag = defaults.optimism_bias.rag_grades();
    if let Some(ob) = call.one::<OptimismBiasCall>("optimismBias") {
        let given = ob.each::<GradeCall>("grades", false);
        if !given.is_empty() {
            read.optimism_bias_source = GIVEN;
            // Read as before: every grade and cut, then each upper cut and evidence.
            grades.clear();
            for g in given.iter() {
                grades.push(GradeInput {
                    grade: g.whole("grade", true),
                    reduction: rate_field(g, "reduction", None),
                    upper: Ok(None),
                    evidence: String::new(),
                });
            }
            for (g, input) in given.iter().zip(&mut grades) {
                if input.reduction.is_ok() {
                    input.upper = optional_rate(g, "upper");
                    if input.upper.is_ok() {
                        input.evidence = g.text("evidence", false).to_owned();
                    }
                }
            }
        }
        if let Some(r) = ob.one::<RagGradesCall>("ragGrades") {
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
    read.optimism_bias = build::optimism_bias(grades, rag, errors);

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
            let path = d.at("benefits");
            let benefits = listed
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    value_type(reader.variant(item, || format!("{path}[{i}]"), VALUE_TYPES))
                })
                .collect();
            *slot = Some(build::roi_definition(benefits, net, &path, errors));
        }
    }
    read
}

/// The names of the value types on the wire, in [`ValueType::ALL`] order.
const VALUE_TYPES: &[&str] = &["fiscal", "economic", "social"];

/// A value type from its index in [`VALUE_TYPES`].
fn value_type(index: usize) -> ValueType {
    ValueType::ALL
        .get(index)
        .copied()
        .unwrap_or(ValueType::Fiscal)
}

/// A scenario, read and built in one pass (fields in order, each cost, each
/// outcome), or `None` with every problem added to `errors`.
pub(super) fn read_scenario(
    call: &Object<'_, '_>,
    prices: &Prices<'_>,
    errors: &mut Vec<Error>,
) -> Option<(Scenario, LinePaths)> {
    let mut scenario = ScenarioBuild::new(
        name_field(call, "name", true, "Give the scenario a name."),
        whole_field(call, "cohort", None, u32::MAX, "cohort"),
        rate_field(call, "costOptimismBias", Some(Rate::ZERO)),
        errors,
    );
    for cost in call.each::<CostCall>("costs", false).iter() {
        let year = build::take(whole_field(cost, "year", None, MAX_YEAR, "year"), errors);
        scenario.cost(
            year,
            name_field(cost, "funder", true, "Enter who pays this cost."),
            money_field(cost, "amount", true),
            errors,
        );
    }
    read_outcomes(call, false, &mut scenario, prices, errors);
    scenario.finish(errors)
}

/// Reads the `outcomes` of a scenario or theme into `scenario`.
pub(crate) fn read_outcomes(
    call: &Object<'_, '_>,
    required: bool,
    scenario: &mut ScenarioBuild,
    prices: &Prices<'_>,
    errors: &mut Vec<Error>,
) {
    for call in call.each::<OutcomeCall>("outcomes", required).iter() {
        call.text("source", false);
        let path = call.path();
        let mut outcome = OutcomeBuild::new(
            OutcomeHead {
                path: &path,
                name: name_field(call, "name", true, "Give the outcome a name."),
                engagement: rate_field(call, "engagement", None),
                success: rate_field(call, "success", None),
                deadweight: rate_field(call, "deadweight", None),
                lag_years: whole_field(call, "lagYears", Some(0), MAX_YEAR, "lag"),
                duration_years: whole_field(call, "durationYears", None, MAX_YEAR, "duration"),
                drop_off: rate_field(call, "dropOff", Some(Rate::ZERO)),
                check_cashable: true,
            },
            errors,
        );
        for value in call.each::<ValueCall>("values", true).iter() {
            outcome.value(prices, &value.path(), read_value(value), errors);
        }
        for c in call.each::<CashableCall>("cashable", false).iter() {
            outcome.cashable(
                &c.path(),
                c.text("agency", true).to_owned(),
                rate_field(c, "share", None),
                errors,
            );
        }
        scenario.outcome(outcome, errors);
    }
}

/// A value's fields as read.
fn read_value(call: &Object<'_, '_>) -> ValueInput {
    call.text("source", false);
    let code = call.text("code", false);
    let value_type = value_type(call.variant("valueType", VALUE_TYPES));
    let quantity_text = call.decimal("quantity", false);
    let quantity = match parse_decimal(quantity_text) {
        _ if quantity_text.is_empty() => Ok(Decimal::ONE),
        Ok(q) if !q.is_sign_negative() || q.is_zero() => Ok(q),
        _ => Err(problem(
            call,
            "quantity",
            ErrorCode::InvalidQuantity,
            format!("\"{quantity_text}\" is not a quantity; enter a decimal such as \"2.5\", 0 or more."),
        )),
    };
    // The grade given, else the RAG rating given, else the row's.
    let given_grade = call.whole("grade", false);
    let given_rag = call.text("rag", false);
    let grade = match given_grade {
        0 if given_rag.is_empty() => Ok(GradeChoice::Row),
        0 => Rag::parse(given_rag)
            .map(GradeChoice::Rag)
            .map_err(|e| e.at(call.at("rag"))),
        g => Ok(GradeChoice::Grade(g)),
    };
    let source = if code.is_empty() {
        let description = name_field(
            call,
            "description",
            false,
            "Enter a unit-cost code, or describe the value.",
        );
        let agency = name_field(
            call,
            "agency",
            false,
            "Enter who gains from this value (the agency that saves, for a fiscal value).",
        );
        let amount = money_field(call, "amount", false);
        let price_year = match call.text("priceYear", false) {
            "" => Ok(None),
            year => FinancialYear::parse(year)
                .map(Some)
                .map_err(|e| e.at(call.at("priceYear"))),
        };
        ValueSource::Direct {
            description,
            agency,
            amount,
            price_year,
        }
    } else {
        let mut also_given = Vec::new();
        for field in ["description", "agency", "amount", "priceYear"] {
            let given = if field == "amount" {
                call.decimal(field, false)
            } else {
                call.text(field, false)
            };
            if !given.is_empty() {
                also_given.push(field);
            }
        }
        ValueSource::Code {
            code: code.to_owned(),
            also_given,
        }
    };
    ValueInput {
        value_type,
        quantity,
        grade,
        source,
        fallback_grade: None,
    }
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
        council.as_ref().map(crate::api::CouncilTableCall::source),
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
        .each::<LocalRowCall>("localRows", false)
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
