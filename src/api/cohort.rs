//! `runCohort(csvText, options)`, the streaming `cohortStart` … `cohortFinish` behind the Web
//! Worker, and `generateCohort(options)`: the cohort pipeline's contract.
//!
//! The options are read by hand from parsed JSON (`json.rs`), like every
//! call: a call of the wrong shape throws, naming the field; anything an
//! analyst can get wrong (an unknown pack, a rate of `"80"`) is a `failure`
//! answer naming the field. The CSV itself is never a broken call: its
//! problems are rows of the report, or (a bad header) a `failure`.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use tsify::Tsify;

use super::costing::{local_row, read_local_row};
use super::json::{Object, Reader};
use super::pool::read_partner;
use super::{
    receipt, write_json, CallError, CashableCall, DecimalText, Failure, LocalRowCall, QuantityInput,
};
use crate::cohort::pool::PartnerSpec;
use crate::cohort::{self, generate, Assumptions, Outcome, Progress, Settings};
use crate::costs;
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::money::{Money, Rate};
use crate::report::{self, Mode, Report, ReportReceipt};

const FUNCTION: &str = "runCohort";

// ----------------------------------------------------------------------- call

/// The options of a cohort run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CohortOptions {
    /// A built-in pack: `"tf-2012"` or `"tf-2015"`. Give this or `councilPack`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rule_pack: Option<String>,
    /// A council pack's JSON text. Give this or `rulePack`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub council_pack: Option<String>,
    /// The price year of every amount, e.g. `"2024/25"`; left out, the
    /// deflator series' latest outturn year.
    #[serde(
        default,
        deserialize_with = "super::nullable",
        skip_serializing_if = "String::is_empty"
    )]
    #[tsify(optional)]
    pub base_year: String,
    /// The built-in unit-cost table (`"ucd-v1.2"`, the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub unit_cost_table: Option<String>,
    /// The deflator series (`"hmt-gdp-2026-03"`, the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deflator: Option<String>,
    /// A council's own unit-cost table (CSV), instead of `unitCostTable`;
    /// its codes may head columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub council_table: Option<super::CouncilTableCall>,
    /// The assessment date of families whose rows give none, e.g. `"2015-06-30"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub assessment_date: Option<String>,
    /// The council's own unit costs; their codes may head columns.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub local_rows: Vec<LocalRowCall>,
    /// The programme appraisal's assumptions (each left out takes its
    /// default); `null` for no appraisal.
    #[serde(default)]
    #[tsify(optional, type = "AppraisalOptions | null")]
    pub appraisal: Option<AppraisalOptions>,
    /// Copy the `family` labels into the rejected rows' problems (off by default).
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub include_identifiers: bool,
    /// The partners of a pooled budget, for each partner's return on the
    /// programme appraisal (left out: no partner returns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub pool: Option<CohortPoolOptions>,
}

/// The pooled budget of a cohort run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CohortPoolOptions {
    /// The partners; an agency's savings go to one partner.
    pub partners: Vec<CohortPartnerCall>,
}

/// A partner of a cohort's pooled budget: it pays a share of the
/// programme's costs, or its own contributions by year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CohortPartnerCall {
    /// Name, e.g. `"Council"`.
    pub name: String,
    /// The agencies whose savings it receives (`"Police"`, `"Local Authority"`).
    pub agencies: Vec<String>,
    /// Its share of each year's programme cost, e.g. `"0.6"`; the shares
    /// given add up to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub share: Option<DecimalText>,
    /// Or what it puts in, year by year.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub contributions: Vec<super::ContributionCall>,
}

/// The programme appraisal's assumptions; each left out takes its default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppraisalOptions {
    /// Share of the eligible families who take part (default `"0.8"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub engagement: Option<DecimalText>,
    /// Share of those who achieve the outcome (default `"0.5"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub success: Option<DecimalText>,
    /// Share of the outcomes that would have happened anyway (default `"0.2"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deadweight: Option<DecimalText>,
    /// Share of its yearly use of reactive services a family achieving the outcome no longer needs (default `"0.5"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub reduction: Option<DecimalText>,
    /// Years before the saving starts (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub lag_years: Option<QuantityInput>,
    /// Years the saving lasts (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub duration_years: Option<QuantityInput>,
    /// Share of the saving lost each year after the first (default `"0.2"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub drop_off: Option<DecimalText>,
    /// What working with one family costs (default `"10000.00"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub cost_per_family: Option<DecimalText>,
    /// Uplift on the cost for optimism bias (default `"0"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub cost_optimism_bias: Option<DecimalText>,
    /// The evidence grade of every value (default: each unit cost's RAG rating).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub grade: Option<QuantityInput>,
    /// Cashable share of each agency's fiscal saving.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub cashable: Vec<CashableCall>,
    /// Also work out the central case with the Green Book 2026 sensitivity
    /// schedule (no pure time preference), everything else equal, as
    /// `appraise`'s `discounting.sensitivity` (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub sensitivity: Option<bool>,
}

/// `generateCohort(options)`: a synthetic cohort as CSV text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenerateCohortCall {
    /// How many families.
    pub families: u32,
    /// The seed (default 1): the same seed gives the same file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub seed: Option<u32>,
    /// The number of the first family (default 1), to generate a file in parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub first: Option<u32>,
    /// Every family's assessment date (default `"2015-06-30"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub assessment_date: Option<String>,
    /// Write the header row (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub header: Option<bool>,
    /// Give about seven families in ten an `attachment_date`, so that the
    /// report works out their claims (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub claims: Option<bool>,
}

super::call_fields! {
    CohortOptions: [
        "rulePack",
        "councilPack",
        "baseYear",
        "unitCostTable",
        "deflator",
        "councilTable",
        "assessmentDate",
        "localRows",
        "appraisal",
        "includeIdentifiers",
        "pool",
    ];
    CohortPoolOptions: ["partners"];
    CohortPartnerCall: ["name", "agencies", "share", "contributions"];
    AppraisalOptions: [
        "engagement",
        "success",
        "deadweight",
        "reduction",
        "lagYears",
        "durationYears",
        "dropOff",
        "costPerFamily",
        "costOptimismBias",
        "grade",
        "cashable",
        "sensitivity",
    ];
}
// --------------------------------------------------------------------- answer

/// The answer to `runCohort` and `cohortFinish`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum CohortAnswer {
    /// The report (rows with problems are listed in it, not here).
    Success(Box<CohortSuccess>),
    /// The options or the file's header must be corrected first.
    Failure(Failure),
}

/// The programme report, and its exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CohortSuccess {
    /// The report: headline figures, sections of tables, rejected rows, receipt.
    pub report: Report,
    /// The report as HTML for the portal page (GOV.UK classes, no inline
    /// styles or scripts; download buttons carry `data-export-table`).
    pub html: String,
    /// The report as a whole HTML document, with its own screen and print styles.
    pub standalone_html: String,
    /// Every table as CSV.
    pub csv: Vec<TableCsv>,
    /// The rejected rows' problems as CSV.
    pub rejected_csv: String,
    /// The receipt (also in the report).
    pub receipt: ReportReceipt,
}

/// One table as CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TableCsv {
    /// The table's id.
    pub id: String,
    /// A file name for it, e.g. `cost-by-agency.csv`.
    pub file_name: String,
    /// The CSV text (RFC 4180, CRLF line ends).
    pub text: String,
}

/// How far a streaming run has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CohortProgress {
    /// Bytes read.
    pub bytes: u64,
    /// Rows read (not counting the header).
    pub rows: u64,
    /// Rows rejected so far.
    pub rejected_rows: u64,
    /// Families finished so far.
    pub families: u64,
}

impl From<Progress> for CohortProgress {
    fn from(p: Progress) -> Self {
        Self {
            bytes: p.bytes,
            rows: p.rows,
            rejected_rows: p.rejected_rows,
            families: p.families,
        }
    }
}

// -------------------------------------------------------------------- reading

fn rate(object: &Object<'_, '_>, key: &str, default: Rate, errors: &mut Vec<Error>) -> Rate {
    let text = object.decimal(key, false);
    if text.is_empty() {
        return default;
    }
    Rate::parse(text).unwrap_or_else(|e| {
        errors.push(e.at(object.at(key)));
        default
    })
}

fn whole(
    object: &Object<'_, '_>,
    key: &str,
    default: u32,
    max: u32,
    what: &str,
    errors: &mut Vec<Error>,
) -> u32 {
    match object.whole_number(key, false, max, what) {
        Ok(n) => n.unwrap_or(default),
        Err(e) => {
            errors.push(e);
            default
        }
    }
}

/// The settings of a run, from its options: a call of the wrong shape is a
/// [`CallError`]; everything else an analyst can get wrong is listed.
pub fn cohort_settings(options: &Value) -> Result<Result<Settings, Vec<Error>>, CallError> {
    let reader = Reader::new(FUNCTION);
    let read = crate::json::Value::from(options);
    let root = reader.call::<CohortOptions>(&read);
    let mut errors = Vec::new();
    // The pack: a built-in id or a council pack's text.
    let given = |key: &str| Some(root.text(key, false)).filter(|t| !t.is_empty());
    let pack = super::eligibility::pick_pack(given("rulePack"), given("councilPack"), &mut errors)
        .map(|pack| crate::rules::Pack::clone(&pack));
    let pricing = super::appraise::read_priced(&root, &mut errors);
    let base_year = pricing
        .as_ref()
        .and_then(|p| super::appraise::read_base_year(&root, p, &mut errors));
    let date_text = root.text("assessmentDate", false);
    let assessment_date = if date_text.is_empty() {
        None
    } else {
        Date::parse(date_text)
            .map_err(|e| errors.push(e.at("assessmentDate")))
            .ok()
    };
    // The council's rows, merged on the national table.
    let local: Vec<(usize, costs::LocalRow)> = root
        .each::<LocalRowCall>("localRows", false)
        .iter()
        .enumerate()
        .filter_map(|(i, row)| local_row(&read_local_row(row), i, &mut errors).map(|r| (i, r)))
        .collect();
    let table = pricing.as_ref().map(|p| {
        let merged = p.table.merge_local_rows(&local);
        errors.extend(merged.errors.into_iter().map(|e| e.at("localRows")));
        merged.table
    });
    let council_notes: Vec<String> = pricing
        .as_ref()
        .map(|p| p.council_notes().into_iter().map(|(_, m)| m).collect())
        .unwrap_or_default();
    // The appraisal's assumptions: `null` for none.
    let skip = options.get("appraisal").is_some_and(Value::is_null);
    let appraisal = if skip {
        None
    } else {
        match Assumptions::defaults() {
            Ok(mut a) => {
                if let Some(o) = root.one::<AppraisalOptions>("appraisal") {
                    a.engagement = rate(&o, "engagement", a.engagement, &mut errors);
                    a.success = rate(&o, "success", a.success, &mut errors);
                    a.deadweight = rate(&o, "deadweight", a.deadweight, &mut errors);
                    a.reduction = rate(&o, "reduction", a.reduction, &mut errors);
                    a.lag_years = whole(
                        &o,
                        "lagYears",
                        a.lag_years,
                        50,
                        "number of years before the saving starts",
                        &mut errors,
                    );
                    a.duration_years = whole(
                        &o,
                        "durationYears",
                        a.duration_years,
                        50,
                        "number of years the saving lasts",
                        &mut errors,
                    );
                    a.drop_off = rate(&o, "dropOff", a.drop_off, &mut errors);
                    a.cost_optimism_bias =
                        rate(&o, "costOptimismBias", a.cost_optimism_bias, &mut errors);
                    let cost = o.decimal("costPerFamily", false);
                    if !cost.is_empty() {
                        match Money::parse(cost) {
                            Ok(m) if !m.is_negative() => a.cost_per_family = m,
                            Ok(_) => errors.push(
                                Error::new(ErrorCode::InvalidMoney, "A cost cannot be negative.")
                                    .at(o.at("costPerFamily")),
                            ),
                            Err(e) => errors.push(e.at(o.at("costPerFamily"))),
                        }
                    }
                    a.sensitivity = o.flag("sensitivity");
                    let grade = whole(&o, "grade", 0, 6, "evidence grade", &mut errors);
                    a.grade = (grade > 0).then_some(grade);
                    for c in o.each::<CashableCall>("cashable", false) {
                        let agency = c.text("agency", true);
                        c.decimal("share", true);
                        let share = rate(&c, "share", Rate::ZERO, &mut errors);
                        if let Some(t) = &table {
                            a.cashable.push((t.display_agency(agency), share));
                        }
                    }
                }
                Some(a)
            }
            Err(e) => {
                errors.push(e);
                None
            }
        }
    };
    let include_identifiers = root.flag("includeIdentifiers");
    let pool = root
        .one::<CohortPoolOptions>("pool")
        .map(|o| read_pool(&o, &mut errors));
    reader.finish()?;
    let options_sha256 = receipt(options).input_sha256;
    Ok(match (pack, table, base_year) {
        (Some(pack), Some(table), Some(base_year)) if errors.is_empty() => Ok(Settings {
            pack,
            table,
            base_year,
            assessment_date,
            appraisal,
            include_identifiers,
            options_sha256,
            pool,
            notes: council_notes,
        }),
        _ => Err(errors),
    })
}

/// The partners of the pool, each with a share of the programme's costs or
/// contributions of its own ([`crate::cohort::pool::partner_problems`]).
fn read_pool(object: &Object<'_, '_>, errors: &mut Vec<Error>) -> Vec<PartnerSpec> {
    let mut partners = Vec::new();
    for p in object.each::<CohortPartnerCall>("partners", true) {
        let partner = read_partner(&p, errors);
        let given = !p.decimal("share", false).is_empty();
        let share = given.then(|| rate(&p, "share", Rate::ZERO, errors));
        let spec = PartnerSpec { partner, share };
        errors.extend(spec.problem().map(|e| e.at(p.path())));
        partners.push(spec);
    }
    let problem = crate::cohort::pool::partner_problems(&partners);
    errors.extend(problem.map(|e| e.at(object.path())));
    partners
}

/// A file name for a table: `costByAgency` → `cost-by-agency.csv`.
fn file_name(id: &str) -> String {
    let mut name = String::with_capacity(id.len().saturating_add(8));
    for c in id.chars() {
        if c.is_ascii_uppercase() {
            name.push('-');
            name.push(c.to_ascii_lowercase());
        } else {
            name.push(c);
        }
    }
    name.push_str(".csv");
    name
}

/// The answer for a run's outcome. `options` is the call, for the receipt of
/// a failure.
pub fn cohort_answer(outcome: Outcome, options: &Value) -> CohortAnswer {
    match outcome {
        Ok(report) => {
            let csv = report
                .sections
                .iter()
                .flat_map(|s| &s.tables)
                .map(|t| TableCsv {
                    id: t.id.clone(),
                    file_name: file_name(&t.id),
                    text: report::table_csv(t),
                })
                .collect();
            let with_family = report.rejected.problems.iter().any(|p| p.family.is_some());
            CohortAnswer::Success(Box::new(CohortSuccess {
                html: report::html(&report, Mode::Page),
                standalone_html: report::html(&report, Mode::Standalone),
                csv,
                rejected_csv: report::rejected_csv(&report.rejected, with_family),
                receipt: report.receipt.clone(),
                report,
            }))
        }
        Err(errors) => failure(errors, options),
    }
}

fn failure(errors: Vec<Error>, options: &Value) -> CohortAnswer {
    CohortAnswer::Failure(Failure::new(errors, receipt(options)))
}

/// A streaming run from its options: the run, or the failure answer its
/// options give.
pub fn start_cohort(options: &Value) -> Result<Result<cohort::Run, CohortAnswer>, CallError> {
    Ok(match cohort_settings(options)? {
        Ok(settings) => cohort::Run::new(settings).map_err(|e| failure(vec![e], options)),
        Err(errors) => Err(failure(errors, options)),
    })
}

/// Runs a whole file held in memory (for small files; the worker streams).
pub fn run_cohort_value(csv: &[u8], options: &Value) -> Result<CohortAnswer, CallError> {
    Ok(match start_cohort(options)? {
        Ok(mut run) => {
            run.push(csv);
            cohort_answer(run.finish(), options)
        }
        Err(answer) => answer,
    })
}

/// [`run_cohort_value`] with the options as JSON text and the answer as JSON text.
pub fn run_cohort_json(csv: &str, options: &str) -> Result<String, CallError> {
    let options = super::read_json_value(FUNCTION, options)?;
    write_json(FUNCTION, &run_cohort_value(csv.as_bytes(), &options)?)
}

/// The SHA-256 of bytes, in lower-case hex (the receipt's `inputSha256` of a file).
pub fn sha256_hex(bytes: &[u8]) -> String {
    costs::hex(&Sha256::digest(bytes))
}

// -------------------------------------------------------------------- generate

super::call_fields! {
    GenerateCohortCall: ["families", "seed", "first", "assessmentDate", "header", "claims"];
}

/// A synthetic cohort as CSV text (see `cohort::generate`). It is a tool for
/// demonstrations and benchmarks, so a bad value is a broken call (thrown).
pub fn generate_cohort_value(call: &crate::json::Value<'_>) -> Result<String, CallError> {
    let reader = Reader::new("generateCohort");
    let root = reader.call::<GenerateCohortCall>(call);
    let mut errors = Vec::new();
    // Whole numbers, as the call type says (a JS number, not text).
    let whole = |key: &str, default: u32, max: u32, errors: &mut Vec<Error>| {
        let required = key == "families";
        let n = root
            .value(key, required)
            .map_or(default, |_| root.whole(key, required));
        if n > max {
            errors.push(
                Error::new(
                    ErrorCode::InvalidQuantity,
                    format!("This is too large; enter a whole number from 0 to {max}."),
                )
                .at(root.at(key)),
            );
        }
        n
    };
    let families = whole("families", 0, 2_000_000, &mut errors);
    let seed = whole("seed", 1, u32::MAX, &mut errors);
    let first = whole("first", 1, u32::MAX, &mut errors);
    let date = root.text("assessmentDate", false);
    let header = root.value("header", false).is_none() || root.flag("header");
    let claims = root.flag("claims");
    reader.finish()?;
    let assessment_date = if date.is_empty() {
        Date::new(2015, 6, 30)
    } else {
        Date::parse(date)
            .map_err(|e| errors.push(e.at("assessmentDate")))
            .ok()
    };
    match (assessment_date, errors.into_iter().next()) {
        (Some(a), None) => Ok(generate::generate(generate::Params {
            families: u64::from(families),
            seed: u64::from(seed),
            first: u64::from(first),
            assessment_date: a,
            header,
            claims,
        })),
        (_, Some(e)) => Err(CallError::new(
            "generateCohort",
            e.path().unwrap_or_default().to_owned(),
            e.message().to_owned(),
        )),
        (None, None) => Err(CallError::new(
            "generateCohort",
            "assessmentDate".to_owned(),
            "not a date".to_owned(),
        )),
    }
}
