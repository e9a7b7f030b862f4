//! Building a scenario from what is given: the rules a value, an outcome and a
//! scenario keep, whoever gives them (the `appraise` and `appraisePlace`
//! calls, a cohort's programme appraisal).
//!
//! A reader hands a builder what it read for each field, in field order and
//! as it reads it: the value, or the error reading it met (a wire layer
//! parses text; nothing here reads JSON). The builder takes each field as it
//! comes — no inputs are collected first — and returns the domain value, or
//! adds every error found — the reading errors and the rules' own — in that
//! order, each with its field's path:
//!
//! - a value is a unit-cost code (looked up in the table, split into its
//!   agencies' parts, re-based to the base year) or a direct value (re-based
//!   from its price year); its evidence grade is the one given, else the one
//!   its RAG rating stands for, else its row's RAG rating's;
//! - an outcome's benefit ends within [`MAX_YEAR`] (lag + duration), and a
//!   cashable share needs a fiscal value of the outcome for that agency,
//!   given once;
//! - a scenario's optimism-bias grades: an upper cut left out is the next
//!   grade's cut; a return counts each value type once.

use rust_decimal::Decimal;

use super::{
    Cost, DiscountBand, DiscountSchedule, Grade, OptimismBiasTable, Outcome, RagGrades,
    RoiDefinition, Scenario, ValueLine, ValueType, MAX_YEAR,
};
use crate::costs::{agency_key, FinancialYear, Rag, UnitCostTable};
use crate::error::{Error, ErrorCode};
use crate::money::{Money, Rate};

/// A field as read: its value, or the error reading it (with its path).
pub type Read<T> = Result<T, Error>;

/// The path of the field `key` of the object at `path`.
pub fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The value of a field, its error added to `errors`.
pub fn take<T>(read: Read<T>, errors: &mut Vec<Error>) -> Option<T> {
    read.map_err(|e| errors.push(e)).ok()
}

/// The value lines of a scenario's outcomes, each with the path of the input
/// value it comes from (a row split by agency gives several lines).
pub type LinePaths = Vec<Vec<String>>;

/// What pricing a scenario's values needs besides the scenario.
pub struct Prices<'a> {
    /// The unit-cost table, with any local rows.
    pub table: &'a UnitCostTable,
    /// The year every value is priced at.
    pub base_year: FinancialYear,
    /// The evidence grades and their cuts.
    pub optimism_bias: &'a OptimismBiasTable,
}

// ---------------------------------------------------------------------- values

/// How a value's evidence grade is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeChoice {
    /// The grade given.
    Grade(u32),
    /// The grade the RAG rating given stands for.
    Rag(Rag),
    /// The grade the row's RAG rating stands for.
    Row,
}

/// Where a value's unit value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueSource {
    /// A unit-cost code, and the fields given beside it that the table gives
    /// instead (each an error).
    Code {
        /// The code.
        code: String,
        /// The fields given beside the code (`description`, `agency`, …).
        also_given: Vec<&'static str>,
    },
    /// A value given directly.
    Direct {
        /// What it is.
        description: Read<String>,
        /// Who gains.
        agency: Read<String>,
        /// The value of one unit.
        amount: Read<Money>,
        /// The year `amount` is priced in; `None` for the base year.
        price_year: Read<Option<FinancialYear>>,
    },
    /// Prices already worked out (a cohort's price list): the shares of one row.
    Priced(Vec<Priced>),
}

/// A unit value and where it comes from, before its grade is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priced {
    /// The code, for a unit-cost row.
    pub code: Option<String>,
    /// What it is.
    pub description: String,
    /// Who gains, as displayed.
    pub agency: String,
    /// The value of one unit at base-year prices.
    pub unit_value: Money,
    /// The value of one unit in its own price year, when it was re-based.
    pub priced_at: Option<(Money, FinancialYear)>,
    /// The row's RAG rating.
    pub rag: Option<Rag>,
}

/// One value as given (its path is given beside it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueInput {
    /// Fiscal, economic or social.
    pub value_type: ValueType,
    /// Units per outcome per year.
    pub quantity: Read<Decimal>,
    /// How its grade is chosen.
    pub grade: Read<GradeChoice>,
    /// Where its unit value comes from.
    pub source: ValueSource,
    /// The grade when neither the value nor its row gives one; `None`: an error.
    pub fallback_grade: Option<u32>,
}

impl OptimismBiasTable {
    /// The entry of a grade, or an [`ErrorCode::UnknownGrade`] error.
    pub fn entry(&self, grade: u32) -> Result<&Grade, Error> {
        self.get(grade).ok_or_else(|| unknown_grade(grade))
    }
}

fn unknown_grade(grade: u32) -> Error {
    Error::new(
        ErrorCode::UnknownGrade,
        format!("Grade {grade} is not in the optimism-bias table."),
    )
}

impl Prices<'_> {
    /// The grade chosen: the one given (which must be in the table), or the
    /// one the RAG rating given stands for; `None` to take the row's.
    fn grade(&self, choice: GradeChoice, path: &str, errors: &mut Vec<Error>) -> Option<u32> {
        match choice {
            GradeChoice::Grade(g) => {
                if let Err(e) = self.optimism_bias.entry(g) {
                    errors.push(e.at(at(path, "grade")));
                }
                Some(g)
            }
            GradeChoice::Rag(rag) => Some(self.optimism_bias.grade_for(rag)),
            GradeChoice::Row => None,
        }
    }

    /// The unit values of a source: one, or one per agency for a row the
    /// table splits by agency.
    fn priced(&self, source: ValueSource, path: &str, errors: &mut Vec<Error>) -> Vec<Priced> {
        match source {
            ValueSource::Priced(priced) => priced,
            ValueSource::Direct {
                description,
                agency,
                amount,
                price_year,
            } => {
                let description = take(description, errors);
                let agency = take(agency, errors);
                let unit = take(amount, errors);
                let priced = match (unit, price_year) {
                    (Some(unit), Ok(None)) => Some((unit, None)),
                    (Some(unit), Ok(Some(y))) => {
                        match self.table.deflator().rebase(unit, y, self.base_year) {
                            Ok(v) => Some((v, Some((unit, y)))),
                            Err(e) => {
                                errors.push(e.at(at(path, "priceYear")));
                                None
                            }
                        }
                    }
                    (Some(_), Err(e)) => {
                        errors.push(e);
                        None
                    }
                    (None, _) => None,
                };
                match (description, agency, priced) {
                    (Some(description), Some(agency), Some((unit_value, priced_at))) => {
                        vec![Priced {
                            code: None,
                            description,
                            agency,
                            unit_value,
                            priced_at,
                            rag: None,
                        }]
                    }
                    _ => Vec::new(),
                }
            }
            ValueSource::Code { code, also_given } => {
                for field in also_given {
                    errors.push(Error::new(
                        ErrorCode::InvalidField,
                        "A value from a unit-cost code takes its description, agency, amount and price year from the table; leave this out, or give a direct value without a code.",
                    ).at(at(path, field)));
                }
                let Some(row) = self.table.get(&code) else {
                    errors.push(Error::new(
                        ErrorCode::UnknownCode,
                        format!("There is no unit cost with the code \"{code}\" in the national table or the local rows."),
                    ).at(at(path, "code")));
                    return Vec::new();
                };
                let parts = self.table.costed_parts(row);
                let rows = if parts.is_empty() { vec![row] } else { parts };
                let mut priced = Vec::with_capacity(rows.len());
                for r in rows {
                    match self.table.unit_cost_at(r, self.base_year) {
                        Ok(unit_value) => priced.push(Priced {
                            code: Some(r.code.clone()),
                            description: r.description.clone(),
                            agency: self.table.display_agency(&r.agency.level1),
                            unit_value,
                            priced_at: Some((r.original_cost, r.price_year)),
                            rag: r.rag.or(row.rag),
                        }),
                        Err(e) => errors.push(e.at(at(path, "code"))),
                    }
                }
                priced
            }
        }
    }

    /// The lines of one value (at `path`, `scenarios[0].outcomes[1].values[2]`):
    /// one, or one per agency for a unit-cost row the table splits by agency;
    /// none after a problem.
    pub fn value_lines(
        &self,
        path: &str,
        value: ValueInput,
        errors: &mut Vec<Error>,
    ) -> Vec<ValueLine> {
        let before = errors.len();
        let quantity = take(value.quantity, errors);
        let grade = take(value.grade, errors).and_then(|g| self.grade(g, path, errors));
        let sources = self.priced(value.source, path, errors);
        let Some(quantity) = quantity.filter(|_| errors.len() == before) else {
            return Vec::new();
        };
        let mut lines = Vec::with_capacity(sources.len());
        for source in sources {
            let chosen = grade
                .or_else(|| source.rag.map(|r| self.optimism_bias.grade_for(r)))
                .or(value.fallback_grade);
            let Some(entry) = chosen.and_then(|g| self.optimism_bias.get(g)) else {
                errors.push(match chosen {
                    Some(g) => unknown_grade(g),
                    None => Error::new(
                        ErrorCode::UnknownGrade,
                        "Give the evidence grade or the RAG rating behind this value; it sets the optimism bias.",
                    )
                    .at(at(path, "grade")),
                });
                return Vec::new();
            };
            lines.push(ValueLine {
                code: source.code,
                description: source.description,
                agency: source.agency,
                value_type: value.value_type,
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
}

// -------------------------------------------------------------------- outcomes

/// An outcome's own fields as given (its values and cashable shares are
/// added to its [`OutcomeBuild`] one by one, as they are read).
pub struct OutcomeHead<'p> {
    /// Its path (`scenarios[0].outcomes[1]`).
    pub path: &'p str,
    /// Name.
    pub name: Read<String>,
    /// Share of the cohort who take part.
    pub engagement: Read<Rate>,
    /// Share of those taking part who achieve the outcome.
    pub success: Read<Rate>,
    /// Share of the outcomes that would have happened anyway.
    pub deadweight: Read<Rate>,
    /// Years before the benefit starts.
    pub lag_years: Read<u32>,
    /// Years the benefit lasts.
    pub duration_years: Read<u32>,
    /// Share of the benefit lost each year after the first.
    pub drop_off: Read<Rate>,
    /// Whether a cashable share must name an agency with a fiscal value of
    /// the outcome (a cohort's shares are taken as given).
    pub check_cashable: bool,
}

/// An outcome being built: its fields taken in order, then each value
/// ([`Self::value`]), then each cashable share ([`Self::cashable`]), each
/// checked as it comes (no inputs are kept).
pub struct OutcomeBuild {
    before: usize,
    name: Option<String>,
    engagement: Option<Rate>,
    success: Option<Rate>,
    deadweight: Option<Rate>,
    lag_years: Option<u32>,
    duration_years: Option<u32>,
    drop_off: Option<Rate>,
    values: Vec<ValueLine>,
    paths: Vec<String>,
    cashable: Vec<(String, Rate)>,
    check_cashable: bool,
}

impl OutcomeBuild {
    /// Takes the outcome's own fields: a benefit ends within [`MAX_YEAR`].
    pub fn new(head: OutcomeHead<'_>, errors: &mut Vec<Error>) -> Self {
        let before = errors.len();
        let name = take(head.name, errors);
        let engagement = take(head.engagement, errors);
        let success = take(head.success, errors);
        let deadweight = take(head.deadweight, errors);
        let lag_years = take(head.lag_years, errors);
        let duration_years = take(head.duration_years, errors);
        let drop_off = take(head.drop_off, errors);
        if let (Some(lag), Some(duration)) = (lag_years, duration_years) {
            if lag + duration > MAX_YEAR {
                errors.push(
                    Error::new(
                        ErrorCode::InvalidQuantity,
                        format!(
                            "The benefit would last to year {}, and an appraisal runs to year {MAX_YEAR} at most.",
                            lag + duration
                        ),
                    )
                    .at(at(head.path, "durationYears")),
                );
            }
        }
        Self {
            before,
            name,
            engagement,
            success,
            deadweight,
            lag_years,
            duration_years,
            drop_off,
            values: Vec::new(),
            paths: Vec::new(),
            cashable: Vec::new(),
            check_cashable: head.check_cashable,
        }
    }

    /// Adds the lines of one value at `path` (see [`Prices::value_lines`]).
    pub fn value(
        &mut self,
        prices: &Prices<'_>,
        path: &str,
        value: ValueInput,
        errors: &mut Vec<Error>,
    ) {
        for line in prices.value_lines(path, value, errors) {
            self.values.push(line);
            self.paths.push(path.to_owned());
        }
    }

    /// Adds a cashable share (at `path`) of the fiscal benefit to `agency`,
    /// which needs a fiscal value of the outcome for that agency, given once.
    pub fn cashable(
        &mut self,
        path: &str,
        agency: String,
        share: Read<Rate>,
        errors: &mut Vec<Error>,
    ) {
        let share = take(share, errors);
        if !self.check_cashable {
            self.cashable.extend(share.map(|s| (agency, s)));
            return;
        }
        let key = agency_key(&agency);
        let fiscal = self
            .values
            .iter()
            .find(|v| v.value_type == ValueType::Fiscal && agency_key(&v.agency) == key);
        let message = match fiscal {
            None => format!(
                "No fiscal value of this outcome goes to \"{agency}\", so it has nothing to cash."
            ),
            Some(_) if self.cashable.iter().any(|(a, _)| agency_key(a) == key) => {
                format!("{agency} is given a cashable share twice.")
            }
            Some(v) => {
                let agency = v.agency.clone();
                self.cashable.extend(share.map(|s| (agency, s)));
                return;
            }
        };
        errors.push(Error::new(ErrorCode::InvalidField, message).at(at(path, "agency")));
    }

    /// The outcome and the path of each of its value lines, or `None` when
    /// a problem was added to `errors` since [`Self::new`].
    pub fn finish(self, errors: &[Error]) -> Option<(Outcome, Vec<String>)> {
        if errors.len() > self.before {
            return None;
        }
        Some((
            Outcome {
                name: self.name?,
                engagement: self.engagement?,
                success: self.success?,
                deadweight: self.deadweight?,
                lag_years: self.lag_years?,
                duration_years: self.duration_years?,
                drop_off: self.drop_off?,
                values: self.values,
                cashable: self.cashable,
            },
            self.paths,
        ))
    }
}

// ------------------------------------------------------------------- scenarios

/// A scenario being built: its own fields taken in order, then each cost
/// ([`Self::cost`]), then each outcome ([`Self::outcome`]), as they are read.
pub struct ScenarioBuild {
    before: usize,
    name: Option<String>,
    cohort: Option<u32>,
    cost_optimism_bias: Option<Rate>,
    costs: Vec<Cost>,
    outcomes: Vec<Outcome>,
    paths: LinePaths,
}

impl ScenarioBuild {
    /// Takes the scenario's own fields.
    pub fn new(
        name: Read<String>,
        cohort: Read<u32>,
        cost_optimism_bias: Read<Rate>,
        errors: &mut Vec<Error>,
    ) -> Self {
        let before = errors.len();
        Self {
            before,
            name: take(name, errors),
            cohort: take(cohort, errors),
            cost_optimism_bias: take(cost_optimism_bias, errors),
            costs: Vec::new(),
            outcomes: Vec::new(),
            paths: Vec::new(),
        }
    }

    /// Adds a cost: its year, already taken (with [`take`], so that a
    /// caller's further check of it — a place's horizon and partners — comes
    /// between its year's error and the rest), its funder and its amount.
    pub fn cost(
        &mut self,
        year: Option<u32>,
        funder: Read<String>,
        amount: Read<Money>,
        errors: &mut Vec<Error>,
    ) {
        let funder = take(funder, errors);
        let amount = take(amount, errors);
        if let (Some(year), Some(funder), Some(amount)) = (year, funder, amount) {
            self.costs.push(Cost {
                year,
                funder,
                amount,
            });
        }
    }

    /// Adds an outcome, when it was built without a problem.
    pub fn outcome(&mut self, outcome: OutcomeBuild, errors: &[Error]) {
        if let Some((o, p)) = outcome.finish(errors) {
            self.outcomes.push(o);
            self.paths.push(p);
        }
    }

    /// The scenario and its value lines' paths, or `None` when a problem was
    /// added to `errors` since [`Self::new`].
    pub fn finish(self, errors: &[Error]) -> Option<(Scenario, LinePaths)> {
        if errors.len() > self.before {
            return None;
        }
        Some((
            Scenario {
                name: self.name?,
                cohort: self.cohort?,
                costs: self.costs,
                cost_optimism_bias: self.cost_optimism_bias?,
                outcomes: self.outcomes,
            },
            self.paths,
        ))
    }
}

// ------------------------------------------------------------------ parameters

/// A grade of the optimism-bias table as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeInput {
    /// The grade.
    pub grade: u32,
    /// Its cut in the central case.
    pub reduction: Read<Rate>,
    /// Its cut in the low case; `None` when left out.
    pub upper: Read<Option<Rate>>,
    /// What evidence earns it.
    pub evidence: String,
}

/// The optimism-bias table from its grades (an upper cut left out is the next
/// grade's cut, or the grade's own when it is larger or there is no next
/// grade) and RAG mapping; errors under `optimismBias.`.
pub fn optimism_bias(
    given: Vec<GradeInput>,
    rag: RagGrades,
    errors: &mut Vec<Error>,
) -> Option<OptimismBiasTable> {
    let before = errors.len();
    // Every cut's reading error first, then each upper cut's.
    for g in &given {
        if let Err(e) = &g.reduction {
            errors.push(e.clone());
        }
    }
    let reduction = |g: &GradeInput| g.reduction.as_ref().ok().copied();
    let mut grades = Vec::with_capacity(given.len());
    for g in &given {
        let Some(reduction_g) = reduction(g) else {
            continue;
        };
        let next = given
            .iter()
            .filter(|other| other.grade > g.grade)
            .min_by_key(|other| other.grade)
            .and_then(reduction)
            .map_or(reduction_g, |next| next.max(reduction_g));
        match &g.upper {
            Ok(upper) => grades.push(Grade {
                grade: g.grade,
                reduction: reduction_g,
                upper: upper.unwrap_or(next),
                evidence: g.evidence.clone(),
            }),
            Err(e) => errors.push(e.clone()),
        }
    }
    if errors.len() > before {
        return None;
    }
    OptimismBiasTable::new(grades, rag)
        .map_err(|e| errors.extend(e.into_iter().map(|e| e.at("optimismBias."))))
        .ok()
}

/// A return's definition: each value type counted once (errors at `path`).
pub fn roi_definition(
    benefits: Vec<ValueType>,
    net: bool,
    path: &str,
    errors: &mut Vec<Error>,
) -> RoiDefinition {
    for (i, value_type) in benefits.iter().enumerate() {
        if benefits.iter().take(i).any(|b| b == value_type) {
            errors.push(
                Error::new(
                    ErrorCode::InvalidField,
                    format!(
                        "A return counts each value type once, and {} appears twice.",
                        value_type.as_str()
                    ),
                )
                .at(path.to_owned()),
            );
        }
    }
    RoiDefinition { benefits, net }
}

/// A custom discount schedule from its bands (each rate as read); errors at
/// `path` (the bands).
pub fn custom_schedule(
    bands: Vec<(u32, Read<Rate>)>,
    path: &str,
    errors: &mut Vec<Error>,
) -> Option<DiscountSchedule> {
    let before = errors.len();
    let mut schedule = Vec::with_capacity(bands.len());
    for (from_year, rate) in bands {
        if let Some(rate) = take(rate, errors) {
            schedule.push(DiscountBand { from_year, rate });
        }
    }
    if errors.len() > before {
        return None;
    }
    DiscountSchedule::new(schedule)
        .map_err(|e| errors.extend(e.into_iter().map(|e| e.at(path.to_owned()))))
        .ok()
}
