//! The default parameters, each with its source and evidence tag (domain.md:
//! [V] verified, [R] recalled from the official documents but not confirmed,
//! [A] an assumption of this engine). Every one can be replaced per call.
//!
//! They are Rust constants rather than a data file so that the `.wasm` carries
//! no second JSON reader; `appraise` answers list the parameters they used.

use rust_decimal::Decimal;

use super::{
    DiscountBand, DiscountSchedule, Grade, OptimismBiasTable, RagGrades, RoiDefinition,
    RoiDefinitions, ValueType,
};
use crate::error::{Error, ErrorCode, Result};
use crate::money::Rate;

/// Where the standard schedule comes from.
pub const GREEN_BOOK_SOURCE: &str = "HM Treasury Green Book: 3.5% real for years 0-30 (2018, para 5.35) and the declining long-term rates 3.0% (31-75), 2.5% (76-125), 2.0% (126-200), 1.5% (201-300), 1.0% (301+) (2003, Annex 6 Table 6.1) [V]";

/// The standard schedule, as (first year, rate in thousandths).
const GREEN_BOOK: [(u32, i64); 6] = [(0, 35), (31, 30), (76, 25), (126, 20), (201, 15), (301, 10)];

/// Where the health schedule comes from.
pub const HEALTH_SOURCE: &str = "HM Treasury Green Book: 1.5% for health (risk-to-life) values, years 0-30 (2018, para 5.35) [V]; the later bands 1.29%, 1.07%, 0.86%, 0.64%, 0.43% decline in the same proportion as the standard schedule [R]";

/// The health schedule, as (first year, rate in ten-thousandths).
const HEALTH: [(u32, i64); 6] = [
    (0, 150),
    (31, 129),
    (76, 107),
    (126, 86),
    (201, 64),
    (301, 43),
];

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

fn schedule(bands: &[(u32, i64)], scale: u32) -> Result<DiscountSchedule> {
    let mut read = Vec::with_capacity(bands.len());
    for (from_year, rate) in bands {
        read.push(DiscountBand {
            from_year: *from_year,
            rate: Rate::new(Decimal::new(*rate, scale).normalize())?,
        });
    }
    DiscountSchedule::new(read).map_err(broken)
}

/// The Green Book's standard schedule.
pub fn green_book() -> Result<DiscountSchedule> {
    schedule(&GREEN_BOOK, 3)
}

/// The Green Book's health schedule.
pub fn health() -> Result<DiscountSchedule> {
    schedule(&HEALTH, 4)
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
