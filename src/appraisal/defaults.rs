//! The default parameters, each with its source and evidence tag (domain.md:
//! [V] verified, [R] recalled from the official documents but not confirmed,
//! [A] an assumption of this engine). Every one can be replaced per call.
//!
//! The discount schedules are dated data, `data/discount_schedules.tsv`, each
//! with its Green Book edition and source ([`super::schedules`]). The
//! optimism-bias table and the return definitions are Rust constants, so that
//! the `.wasm` carries no second JSON reader; `appraise` answers list the
//! parameters they used.

use rust_decimal::Decimal;

use super::schedules::{PublishedSchedule, ScheduleId, Schedules};
use super::{
    DiscountSchedule, Grade, OptimismBiasTable, RagGrades, RoiDefinition, RoiDefinitions, ValueType,
};
use crate::error::{Error, ErrorCode, Result};
use crate::money::Rate;

/// Where the optimism-bias table comes from.
pub const OPTIMISM_BIAS_SOURCE: &str = "New Economy Unit Cost Database v1.2, Guidance sheet: predicted savings are cut by 0% to 40% by the quality, source and age of the data [V]; the six grades and their cuts are recalled [R] (domain.md C2 step 7). The low case cuts each value by the top of its grade's band, the next grade's cut [A]; RAG ratings stand for grades G 2, A 3, R 5 [A].";

/// The grades: (grade, cut in %, low case's cut in %, evidence).
const GRADES: [(u32, i64, i64, &str); 6] = [
    (1, 0, 5, "Independently audited local data of high quality, or a recent Green-Book-compliant national government source (up to 1 year old)"),
    (2, 5, 10, "Credible national or local source with a robust method, 1 to 2 years old"),
    (3, 10, 15, "Officer-produced local cost with reasonable data, or a national source 2 to 3 years old"),
    (4, 15, 25, "Limited local data, an older national source (3 to 4 years), or a transfer from a different context"),
    (5, 25, 40, "Weak or old (5 years or more) evidence, with significant assumptions"),
    (6, 40, 40, "Expert estimate or assumption with no supporting data"),
];

/// The grades RAG ratings stand for [A].
pub const RAG_GRADES: RagGrades = RagGrades {
    green: 2,
    amber: 3,
    red: 5,
};

/// Where the return definitions come from.
pub const ROI_SOURCE: &str = "New Economy / HM Treasury (2014) CBA guidance for local partnerships, as recalled [R] (domain.md C2 step 10): fiscal return = fiscal benefits / costs; economic return = (fiscal + economic) / costs; public-value return = (fiscal + economic + social) / costs, all at present value.";

fn broken(e: Vec<Error>) -> Error {
    Error::new(
        ErrorCode::InvalidData,
        format!(
            "The built-in appraisal parameters are not valid: {}",
            e.first().map(ToString::to_string).unwrap_or_default()
        ),
    )
}

fn built_in(id: ScheduleId) -> Result<DiscountSchedule> {
    Ok(Schedules::built_in()?.get(id)?.rates.clone())
}

/// The Green Book's standard schedule (`data/discount_schedules.tsv`).
pub fn green_book() -> Result<DiscountSchedule> {
    built_in(ScheduleId::GreenBook)
}

/// The Green Book's health schedule.
pub fn health() -> Result<DiscountSchedule> {
    built_in(ScheduleId::Health)
}

/// The Green Book 2026 sensitivity schedule, with no pure time preference.
pub fn sensitivity() -> Result<DiscountSchedule> {
    built_in(ScheduleId::Sensitivity)
}

/// The optimism-bias table.
pub fn optimism_bias() -> Result<OptimismBiasTable> {
    let mut grades = Vec::with_capacity(GRADES.len());
    for (grade, reduction, upper, evidence) in GRADES {
        grades.push(Grade {
            grade,
            reduction: Rate::new(Decimal::new(reduction, 2).normalize())?,
            upper: Rate::new(Decimal::new(upper, 2).normalize())?,
            evidence: evidence.to_owned(),
        });
    }
    OptimismBiasTable::new(grades, RAG_GRADES).map_err(broken)
}

/// The three returns on investment.
pub fn roi_definitions() -> RoiDefinitions {
    use ValueType::{Economic, Fiscal, Social};
    let gross = |benefits: Vec<ValueType>| RoiDefinition {
        benefits,
        net: false,
    };
    RoiDefinitions {
        fiscal: gross(vec![Fiscal]),
        economic: gross(vec![Fiscal, Economic]),
        public_value: gross(vec![Fiscal, Economic, Social]),
    }
}

/// The built-in parameters (the constants above, the discount
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
                optimism_bias: optimism_bias()?,
                roi: roi_definitions(),
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}
