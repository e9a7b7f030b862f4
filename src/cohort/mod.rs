//! The cohort pipeline: a CSV of families in, the programme report out.
//!
//! ```text
//! bytes (in chunks) ─► csv-core records ─► rows ─► family records ─► decision (rule pack)
//!                                            │                          │
//!                                  rejected rows (line, column, why)    ▼
//!                                                             cost by agency (price list)
//!                                                                       │
//!                                        further family steps (claims) ◄┤
//!                                                                       ▼
//!                                                          totals ─► appraisal ─► further cohort steps (pool)
//!                                                                       ▼
//!                                                                    report
//! ```
//!
//! Each family goes through the same domain functions as the per-family
//! calls: the record is a [`Family`], its decision comes from the rule pack
//! through [`DecisionPlan::decide`] (which measures and compares exactly as
//! `checkEligibility`'s [`crate::rules::evaluate`], leaving out only the
//! explanations), and its cost from a [`PriceList`] (each code priced once by
//! the function `costFamily` uses for a line, then `unit cost × quantity`).
//! Nothing goes through JSON per family and there is one receipt for the run,
//! with the SHA-256 of the file's bytes.
//!
//! **Streaming.** [`Run::push`] takes the file a chunk at a time (csv-core is a
//! push parser, so a record may straddle chunks) and keeps only the family
//! being read, the totals and the problems found (at most
//! [`Rejected::LIST_LIMIT`] listed, all counted): memory stays flat whatever
//! the file's size. [`Run::finish`] reads the last record and writes the report.
//!
//! **Rows and families.** A row is one member of a household. The rows of a
//! family are consecutive and share a `family` label; a row whose label
//! differs from the previous row's starts a new family. Every row is checked
//! cell by cell; a row with a problem is rejected with its line, its column
//! and the reason, and so is the rest of its family (a family with a member
//! missing would be judged on part of its facts), each of those rows naming
//! the line that was wrong. Every other family is processed. So
//! `rows read = rows processed + rows rejected`, and the same for families.
//!
//! **Seams for further steps.** Claims under payment by results are a step
//! per family ([`FamilyStep`]: `check` then `add` each accepted family, then
//! give its sections); pooled returns per partner are a step per cohort
//! ([`CohortStep`]: it reads the totals and the appraisal, notably the fiscal
//! savings by agency, and gives its sections). [`Run::with_steps`] registers
//! them; their tables are exported like every other table.

mod appraise;
pub mod claims;
pub mod generate;
pub mod layout;
pub mod pool;
mod sections;

use sha2::{Digest, Sha256};

use crate::appraisal::ScenarioResult;
use crate::costs::{PriceList, UnitCostTable};
use crate::date::Date;
use crate::error::{Error, ErrorCode, Path, Result};
use crate::family::{self, Attendance, Birth, Family, Member, ProvisionReason, Role, Term};
use crate::limits;
use crate::money::Money;
use crate::report::{CodeCount, Rejected, Report, ReportReceipt, RowProblem, Section};
use crate::rules::{Decision, DecisionPlan, Pack, Status};

pub use appraise::{Assumptions, DEFAULT_ASSUMPTIONS};
use layout::{CellProblem, Column};

/// What a cohort run needs, checked.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The rule pack families are assessed with.
    pub pack: Pack,
    /// The unit-cost table (national, with the council's rows).
    pub table: UnitCostTable,
    /// The price year of every amount.
    pub base_year: crate::costs::FinancialYear,
    /// The assessment date of families whose rows give none.
    pub assessment_date: Option<Date>,
    /// The programme appraisal's assumptions; `None` for no appraisal.
    pub appraisal: Option<Assumptions>,
    /// Copy the `family` labels into the rejected rows' problems.
    pub include_identifiers: bool,
    /// SHA-256 of the options the run was given (for the receipt).
    pub options_sha256: String,
    /// The partners of a pooled budget (`None`: no partner returns).
    pub pool: Option<Vec<pool::PartnerSpec>>,
    /// Remarks on the settings for the report (a council table's rows left out).
    pub notes: Vec<String>,
}

/// An accepted family, as the steps see it.
#[derive(Debug)]
pub struct Assessed<'a> {
    /// The record.
    pub family: &'a Family,
    /// Its decision.
    pub decision: &'a Decision,
    /// Units of each code of the price list used in the year.
    pub quantities: &'a [u32],
    /// Its total cost a year: the sum of `unit cost × units` over its codes.
    pub cost: Money,
    /// What its rows say about its claim under payment by results.
    pub claim: &'a claims::ClaimInput,
}

impl Assessed<'_> {
    /// Its cost by agency (indexed as [`PriceList::agencies`]), worked out
    /// when a step needs it: the pipeline itself adds up agencies' totals
    /// from the units of the whole cohort.
    pub fn cost_by_agency(&self, prices: &PriceList) -> Result<Vec<Money>> {
        let mut by_agency = vec![Money::ZERO; prices.agencies().len()];
        for (i, &q) in self.quantities.iter().enumerate() {
            if q > 0 {
                prices.add(i, q, &mut by_agency)?;
            }
        }
        Ok(by_agency)
    }
}

/// What steps are given to write their sections.
#[derive(Debug)]
pub struct Context<'a> {
    /// The rule pack.
    pub pack: &'a Pack,
    /// The codes of the file, priced.
    pub prices: &'a PriceList,
    /// The cohort's totals.
    pub totals: &'a Totals,
    /// The programme appraisal, when one was run.
    pub appraisal: Option<&'a ScenarioResult>,
}

/// A step run on every accepted family (claims under payment by results are
/// one: [`claims::Claims`]). `check` may refuse a family, which is then
/// rejected like a family with a bad row, before any step has counted it (it
/// may work out what `add` will count); `add` counts it.
pub trait FamilyStep {
    /// Refuses a family this step cannot take, saying why (an error's path
    /// names the field: `attachmentDate`, `progressToWork`, `outcomesPlan`).
    fn check(&mut self, _family: &Assessed<'_>) -> Result<()> {
        Ok(())
    }
    /// Counts an accepted family.
    fn add(&mut self, family: &Assessed<'_>) -> Result<()>;
    /// The step's sections of the report.
    fn sections(&self, cx: &Context<'_>) -> Result<Vec<Section>>;
}

/// A step run once on the whole cohort after the appraisal (pooled returns
/// per partner are one: [`pool::Pool`]).
pub trait CohortStep {
    /// The step's sections of the report.
    fn sections(&self, cx: &Context<'_>) -> Result<Vec<Section>>;
}

/// The cohort's totals over the accepted families.
///
/// The rows of the families-by-needs table: 0, 1, 2, 3, 4, and 5 or more.
pub const NEEDS_MET_ROWS: usize = 6;

/// Counts are kept as the families are read; amounts are worked out at the
/// end from the units of each code each outcome's families used
/// ([`Totals::complete`]): every amount is exact (`unit cost × units`, with
/// unit costs in whole pennies), so the sum over families of their costs is
/// the cost of the sum of their units, and adding up a few dozen codes
/// replaces adding up every family's agencies.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Families processed.
    pub families: u64,
    /// Their members.
    pub members: u64,
    /// Families by the pack's outcome (in pack order), then not eligible last.
    pub by_outcome: Vec<u64>,
    /// Units of each code (indexed as the price list) used by each outcome's families.
    pub units_by_outcome: Vec<Vec<u64>>,
    /// Families meeting each group: the pack's criteria, then its filters.
    pub by_group: Vec<u64>,
    /// Families by how many criteria they meet (0 to the number of criteria).
    pub by_criteria_met: Vec<u64>,
    /// Families by how many counted indicators (needs) they meet, when the
    /// pack counts indicators: 0 to 4, then 5 or more ([`NEEDS_MET_ROWS`]).
    pub by_needs_met: Vec<u64>,
    /// Families in the programme (any outcome but not eligible).
    pub eligible: u64,
    /// Families in each cost band ([`COST_BANDS`]).
    pub by_cost_band: Vec<u64>,
    /// Units of each code, all families (from [`Totals::complete`]).
    pub units_all: Vec<u64>,
    /// Units of each code, eligible families (from [`Totals::complete`]).
    pub units_eligible: Vec<u64>,
    /// Cost by outcome (as `by_outcome`; from [`Totals::complete`]).
    pub cost_by_outcome: Vec<Money>,
    /// Cost by agency, all families (indexed as [`PriceList::agencies`]; from [`Totals::complete`]).
    pub cost_all: Vec<Money>,
    /// Cost by agency, eligible families (from [`Totals::complete`]).
    pub cost_eligible: Vec<Money>,
}

impl Totals {
    /// Works out the units and amounts from the units by outcome. The last
    /// outcome is "not eligible".
    pub fn complete(&mut self, prices: &PriceList) -> Result<()> {
        let codes = prices.prices().len();
        let agencies = prices.agencies().len();
        let last = self.units_by_outcome.len().saturating_sub(1);
        self.units_all = vec![0; codes];
        self.units_eligible = vec![0; codes];
        self.cost_all = vec![Money::ZERO; agencies];
        self.cost_eligible = vec![Money::ZERO; agencies];
        self.cost_by_outcome = vec![Money::ZERO; self.units_by_outcome.len()];
        for (k, units) in self.units_by_outcome.iter().enumerate() {
            let mut by_agency = vec![Money::ZERO; agencies];
            let mut cost = Money::ZERO;
            for (i, &u) in units.iter().enumerate() {
                bump(&mut self.units_all, i, u);
                if k != last {
                    bump(&mut self.units_eligible, i, u);
                }
                if u > 0 {
                    let price = prices.prices().get(i);
                    for share in price.map_or(&[][..], |p| &p.shares[..]) {
                        let amount = share
                            .unit_cost
                            .checked_mul(rust_decimal::Decimal::from(u))?;
                        add_money(&mut by_agency, share.agency, amount)?;
                        cost = cost.checked_add(amount)?;
                    }
                }
            }
            for (a, amount) in by_agency.into_iter().enumerate() {
                add_money(&mut self.cost_all, a, amount)?;
                if k != last {
                    add_money(&mut self.cost_eligible, a, amount)?;
                }
            }
            if let Some(slot) = self.cost_by_outcome.get_mut(k) {
                *slot = cost;
            }
        }
        Ok(())
    }
}

/// The lower bounds of the annual cost bands, in pounds.
pub const COST_BANDS: [i64; 6] = [0, 5_000, 10_000, 25_000, 50_000, 100_000];

/// How far a run has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes read.
    pub bytes: u64,
    /// Rows read (not counting the header).
    pub rows: u64,
    /// Rows rejected so far.
    pub rejected_rows: u64,
    /// Families finished so far.
    pub families: u64,
}

/// The outcome of a run: the report, or the problems that stopped the file
/// being read at all (its header, or the options).
pub type Outcome = std::result::Result<Report, Vec<Error>>;

/// A record of the file: its bytes and its cells' ranges.
struct Record<'a> {
    bytes: &'a [u8],
    /// The bytes as text, when they are UTF-8.
    text: Option<&'a str>,
    cells: &'a [(usize, usize)],
}

impl Record<'_> {
    fn len(&self) -> usize {
        self.cells.len()
    }

    /// Cell `i` as text (`None` when it is not UTF-8, or there is no cell `i`).
    fn cell(&self, i: usize) -> Option<&str> {
        let &(start, end) = self.cells.get(i)?;
        match self.text {
            Some(t) => t.get(start..end),
            None => std::str::from_utf8(self.bytes.get(start..end)?).ok(),
        }
    }
}

/// The header, read.
struct Header {
    names: Vec<String>,
    columns: Vec<Column>,
    family: usize,
    /// The positions of the family-level columns ([`FAMILY_LEVEL`]), if present.
    family_level: [Option<usize>; FAMILY_LEVEL.len()],
    /// The member's columns, with their positions: every column read but the
    /// family label and the household's.
    member_columns: Vec<(usize, Column)>,
}

/// The family being read.
struct Builder {
    label: String,
    open: bool,
    family: Family,
    spare: Vec<Member>,
    /// Line of each row, and whether the row had a problem of its own.
    lines: Vec<(u64, bool)>,
    problems: Vec<RowProblem>,
    bad: bool,
    /// The family-level cells of the first row, as written.
    first_cells: [String; FAMILY_LEVEL.len()],
    /// What the rows say about the family's claim.
    claim: claims::ClaimInput,
    quantities: Vec<u32>,
    /// Strings and terms kept for the next families.
    pool: layout::Pool,
    spare_terms: Vec<Term>,
}

/// A cohort run: push the file's bytes, then finish.
pub struct Run {
    settings: Settings,
    plan: DecisionPlan,
    reader: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    /// Each cell of the record being read: its byte range in the record.
    cells: Vec<(usize, usize)>,
    /// True while csv-core is reading a record (see [`Run::read`]).
    in_core: bool,
    /// Every record through csv-core (for the differential tests).
    core_only: bool,
    /// The line the next record starts on, when it is not csv-core's.
    line: u64,
    hasher: Sha256,
    /// True once a chunk has been hashed here.
    hashed: bool,
    /// The input's SHA-256 given by the caller ([`Run::finish_with_input_sha256`]).
    given_sha256: Option<String>,
    progress: Progress,
    header: Option<std::rc::Rc<Header>>,
    header_errors: Vec<Error>,
    prices: Option<PriceList>,
    builder: Builder,
    totals: Totals,
    rows_accepted: u64,
    families_rejected: u64,
    rejected: Rejected,
    family_steps: Vec<Box<dyn FamilyStep>>,
    cohort_steps: Vec<Box<dyn CohortStep>>,
    notes: Vec<String>,
    /// How many date cells were refused as written day first (`30/06/2015`).
    day_first_dates: u64,
    /// [`COST_BANDS`] as money.
    bands: Vec<Money>,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Run")
            .field("progress", &self.progress)
            .finish_non_exhaustive()
    }
}

/// The bytes [`Run::read_lines`] stops at: comma, double quote, line feed, carriage return.
// Built at compile time: an index out of bounds would stop the build, not a run.
#[allow(clippy::indexing_slicing)]
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    table[b',' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\n' as usize] = true;
    table[b'\r' as usize] = true;
    table
};

const FAMILY_LEVEL: [Column; 8] = [
    Column::AssessmentDate,
    Column::DomesticAbuse,
    Column::LocalConcern,
    Column::AttachmentDate,
    Column::OutcomesProgress,
    Column::CaseClosureDate,
    Column::NeedOutcomes,
    Column::OutcomesLapsed,
];

fn new_member() -> Member {
    Member::new(Birth::Age(0))
}

fn clear_member(m: &mut Member) {
    m.role = Role::Other;
    m.birth = Birth::Age(0);
    m.offences.clear();
    m.asb.clear();
    m.exclusions.clear();
    m.attendance.clear();
    m.alternative_provision = None;
    m.not_on_school_roll = false;
    m.benefits.clear();
    m.employment.clear();
    m.child_in_need = false;
    m.child_protection_plan = false;
    m.mental_health = false;
    m.substance_misuse = false;
    m.new_mother = false;
    m.circumstances.clear();
    m.exploitation.clear();
    m.missing_episodes.clear();
}

impl Builder {
    fn new() -> Self {
        Self {
            label: String::new(),
            open: false,
            family: Family {
                assessment_date: Date::MIN,
                members: Vec::new(),
                school_terms: Vec::new(),
                domestic_abuse: Vec::new(),
                local_concern: false,
            },
            spare: Vec::new(),
            lines: Vec::new(),
            problems: Vec::new(),
            bad: false,
            first_cells: Default::default(),
            claim: claims::ClaimInput::default(),
            quantities: Vec::new(),
            pool: layout::Pool::default(),
            spare_terms: Vec::new(),
        }
    }

    /// Empties the builder for the next family, keeping its buffers.
    fn reset(&mut self) {
        for mut m in self.family.members.drain(..) {
            clear_member(&mut m);
            self.spare.push(m);
        }
        self.spare_terms.append(&mut self.family.school_terms);
        self.family.domestic_abuse.clear();
        self.family.local_concern = false;
        self.lines.clear();
        self.problems.clear();
        self.bad = false;
        for c in &mut self.first_cells {
            c.clear();
        }
        self.claim.clear();
        self.quantities.iter_mut().for_each(|q| *q = 0);
        self.open = false;
        self.label.clear();
    }
}

impl Run {
    /// A run with the built-in steps only.
    pub fn new(settings: Settings) -> Result<Self> {
        Self::with_steps(settings, Vec::new(), Vec::new())
    }

    /// A run with further steps: `family_steps` see every accepted family,
    /// `cohort_steps` run after the appraisal; their sections follow the
    /// built-in ones, in the order given. The built-in steps are the claims
    /// ([`claims::Claims`]) and, when the settings name partners, the pool
    /// ([`pool::Pool`]).
    pub fn with_steps(
        settings: Settings,
        family_steps: Vec<Box<dyn FamilyStep>>,
        cohort_steps: Vec<Box<dyn CohortStep>>,
    ) -> Result<Self> {
        let plan = DecisionPlan::new(settings.pack.clone())?;
        let mut family_steps = family_steps;
        family_steps.insert(0, Box::new(claims::Claims::new(settings.pack.clone())?));
        let mut cohort_steps = cohort_steps;
        if let Some(partners) = &settings.pool {
            cohort_steps.insert(0, Box::new(pool::Pool::new(partners.clone())));
        }
        let pack = plan.pack();
        let groups = pack.criteria.len().saturating_add(pack.filters.len());
        let totals = Totals {
            by_outcome: vec![0; pack.decision.len().saturating_add(1)],
            by_group: vec![0; groups],
            by_criteria_met: vec![0; pack.criteria.len().saturating_add(1)],
            by_needs_met: vec![0; NEEDS_MET_ROWS],
            by_cost_band: vec![0; COST_BANDS.len()],
            ..Totals::default()
        };
        Ok(Self {
            settings,
            plan,
            reader: csv_core::Reader::new(),
            out: vec![0; 4096],
            ends: vec![0; 64],
            out_len: 0,
            ends_len: 0,
            cells: Vec::new(),
            in_core: false,
            core_only: false,
            line: 1,
            hasher: Sha256::new(),
            hashed: false,
            given_sha256: None,
            progress: Progress::default(),
            header: None,
            header_errors: Vec::new(),
            prices: None,
            builder: Builder::new(),
            totals,
            rows_accepted: 0,
            families_rejected: 0,
            rejected: Rejected::default(),
            family_steps,
            cohort_steps,
            notes: Vec::new(),
            day_first_dates: 0,
            bands: COST_BANDS
                .iter()
                .map(|&low| Money::from_decimal(rust_decimal::Decimal::from(low)))
                .collect(),
        })
    }

    /// Reads every record with csv-core alone, never splitting a line itself
    /// (see [`Run::read`]): the fuzz target and the tests compare the two.
    #[doc(hidden)]
    pub fn read_every_record_with_csv_core(&mut self) {
        self.core_only = true;
    }

    /// How far the run has got.
    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Reads the next chunk of the file (any size; a record may straddle
    /// chunks), adding it to the SHA-256 of the input.
    pub fn push(&mut self, chunk: &[u8]) -> Progress {
        self.hasher.update(chunk);
        self.hashed = true;
        self.push_unhashed(chunk)
    }

    /// Reads the next chunk without hashing it: for a caller that hashes the
    /// same bytes elsewhere (the Web Worker has the browser's SHA-256 do it on
    /// another thread) and gives the hash to [`Run::finish_with_input_sha256`].
    pub fn push_unhashed(&mut self, chunk: &[u8]) -> Progress {
        self.progress.bytes = self
            .progress
            .bytes
            .saturating_add(u64::try_from(chunk.len()).unwrap_or(u64::MAX));
        self.read(chunk);
        self.progress
    }

    /// [`Run::finish`] for a file read with [`Run::push_unhashed`]: `sha256`
    /// is the SHA-256 of its bytes, in lower-case hex, computed by the caller.
    pub fn finish_with_input_sha256(mut self, sha256: &str) -> Outcome {
        let hex = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
        if !hex || self.hashed {
            return Err(vec![Error::new(
                ErrorCode::InvalidField,
                "The input's SHA-256 is given as 64 lower-case hex digits, and only for a file read without hashing.",
            )
            .at("inputSha256")]);
        }
        self.given_sha256 = Some(sha256.to_owned());
        self.finish()
    }

    /// Reads the end of the file and writes the report.
    pub fn finish(mut self) -> Outcome {
        self.read(&[]);
        self.end_family();
        if self.header.is_none() && self.header_errors.is_empty() {
            self.header_errors.push(
                Error::new(
                    ErrorCode::MissingColumn,
                    "The file is empty: it needs a header row naming its columns, then one row per member of each family.",
                )
                .at("header"),
            );
        }
        if !self.header_errors.is_empty() {
            return Err(self.header_errors);
        }
        self.report()
    }

    /// Reads `input`; an empty `input` means the end of the file.
    ///
    /// csv-core reads the header, any record with a double quote in it (a
    /// quoted cell may hold commas and line breaks) and any record that
    /// straddles two chunks. A complete line with no double quote — nearly
    /// every line of a cohort — is split on its commas here: for such a line
    /// that is exactly what csv-core does (RFC 4180 with its defaults: `\r`,
    /// `\n` and `\r\n` end a record, empty lines are skipped), without copying
    /// the bytes or stepping its state machine byte by byte. csv-core is left
    /// at the end of a record when a line is split here, and a state at the
    /// end of a record reads any input as its start state would, so the two
    /// can take turns; the line count is handed over each time. The
    /// `cohort_csv` fuzz target checks that any chunking gives the same report.
    fn read(&mut self, mut input: &[u8]) {
        let at_end = input.is_empty();
        loop {
            if self.header.is_some() && !self.in_core && !self.core_only {
                input = self.read_lines(input, at_end);
                if input.is_empty() && !self.in_core {
                    return;
                }
                self.reader.set_line(self.line);
            }
            let out = self.out.get_mut(self.out_len..).unwrap_or_default();
            let ends = self.ends.get_mut(self.ends_len..).unwrap_or_default();
            let (result, nin, nout, nend) = self.reader.read_record(input, out, ends);
            // A record's terminating newline is consumed with it (LF endings),
            // so it must not count towards the record's own line.
            let last = nin.checked_sub(1).and_then(|i| input.get(i)).copied();
            input = input.get(nin..).unwrap_or_default();
            self.out_len = self.out_len.saturating_add(nout);
            self.ends_len = self.ends_len.saturating_add(nend);
            match result {
                csv_core::ReadRecordResult::InputEmpty => {
                    if !at_end {
                        return;
                    }
                }
                csv_core::ReadRecordResult::OutputFull => {
                    let grown = self.out.len().saturating_mul(2);
                    self.out.resize(grown, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let grown = self.ends.len().saturating_mul(2);
                    self.ends.resize(grown, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    let terminated = !at_end && last == Some(b'\n');
                    self.record(terminated);
                    self.out_len = 0;
                    self.ends_len = 0;
                    self.line = self.reader.line();
                    self.in_core = false;
                    if at_end && input.is_empty() {
                        // Let csv-core see the end once more, and finish.
                        self.in_core = true;
                    }
                }
                csv_core::ReadRecordResult::End => return,
            }
        }
    }

    /// Splits the complete lines of `input` with no double quote, up to the
    /// first that has one, or the unfinished last line (unless this is the
    /// end of the file): answers the rest, for csv-core, and sets `in_core`
    /// when there is any.
    fn read_lines<'i>(&mut self, input: &'i [u8], at_end: bool) -> &'i [u8] {
        // One pass over the bytes: commas end cells, a line break ends the
        // line, a double quote hands the line to csv-core.
        let mut line_start: usize = 0;
        let mut cell_start: usize = 0;
        self.cells.clear();
        for (i, &b) in input.iter().enumerate() {
            if !SPECIAL.get(usize::from(b)).copied().unwrap_or(false) {
                continue;
            }
            match b {
                b',' => {
                    self.cells.push((
                        cell_start.saturating_sub(line_start),
                        i.saturating_sub(line_start),
                    ));
                    cell_start = i.saturating_add(1);
                }
                b'"' => {
                    self.in_core = true;
                    return input.get(line_start..).unwrap_or_default();
                }
                b'\n' | b'\r' => {
                    self.split_line(
                        input.get(line_start..i).unwrap_or_default(),
                        cell_start.saturating_sub(line_start),
                    );
                    if b == b'\n' {
                        self.line = self.line.saturating_add(1);
                    }
                    line_start = i.saturating_add(1);
                    cell_start = line_start;
                }
                _ => {}
            }
        }
        let rest = input.get(line_start..).unwrap_or_default();
        if at_end {
            self.split_line(rest, cell_start.saturating_sub(line_start));
            return &[];
        }
        if !rest.is_empty() {
            // An unfinished line: csv-core keeps it until the next chunk.
            self.cells.clear();
            self.in_core = true;
        }
        rest
    }

    /// Handles a line whose cells but the last are in `cells`; empty lines
    /// are skipped, as csv-core skips them.
    fn split_line(&mut self, line: &[u8], last_cell: usize) {
        if !line.is_empty() {
            self.cells.push((last_cell, line.len()));
            let at = self.line;
            self.process(line, at);
        }
        self.cells.clear();
    }

    /// Handles the complete record csv-core has in `out` / `ends`.
    fn record(&mut self, terminated: bool) {
        // The record's bytes are moved out while it is read, so that reading
        // can update the run.
        let out = std::mem::take(&mut self.out);
        let ends = std::mem::take(&mut self.ends);
        let bytes = out.get(..self.out_len).unwrap_or_default();
        // Line breaks inside quoted cells: the record starts that many lines up.
        let inner = if memchr::memchr(b'\n', bytes).is_some() {
            bytes.iter().filter(|&&b| b == b'\n').count()
        } else {
            0
        };
        let line = self
            .reader
            .line()
            .saturating_sub(u64::try_from(inner).unwrap_or(0))
            .saturating_sub(u64::from(terminated));
        self.cells.clear();
        let mut start = 0;
        for &end in ends.get(..self.ends_len).unwrap_or_default() {
            self.cells.push((start, end));
            start = end;
        }
        self.process(bytes, line);
        self.out = out;
        self.ends = ends;
    }

    /// Handles one record: its bytes and (in `cells`) its cells' ranges.
    fn process(&mut self, bytes: &[u8], line: u64) {
        // The record is checked as UTF-8 once; a cell is then text when it
        // starts and ends on character boundaries, which `str::get` checks.
        let text = std::str::from_utf8(bytes).ok();
        let cells = std::mem::take(&mut self.cells);
        let record = Record {
            bytes,
            text,
            cells: &cells,
        };
        if self.header.is_none() {
            if self.header_errors.is_empty() {
                let all: Vec<Option<&str>> = (0..cells.len()).map(|i| record.cell(i)).collect();
                read_header(
                    &all,
                    &self.settings,
                    &mut self.header,
                    &mut self.prices,
                    &mut self.header_errors,
                    &mut self.notes,
                );
                if let Some(prices) = &self.prices {
                    let codes = prices.prices().len();
                    self.builder.quantities = vec![0; codes];
                    self.totals.units_by_outcome =
                        vec![vec![0; codes]; self.totals.by_outcome.len()];
                }
            }
        } else {
            self.progress.rows = self.progress.rows.saturating_add(1);
            if let Some(header) = self.header.clone() {
                row(self, &header, line, &record);
            }
        }
        self.cells = cells;
    }

    /// A problem of a row of the current family.
    fn problem(&mut self, line: u64, column: Option<usize>, (code, reason): CellProblem) {
        let (column, column_name) = match (column, &self.header) {
            (Some(c), Some(h)) => (
                u32::try_from(c.saturating_add(1)).unwrap_or(u32::MAX),
                h.names.get(c).cloned().unwrap_or_default(),
            ),
            _ => (0, String::new()),
        };
        self.builder.bad = true;
        if code == ErrorCode::InvalidDate && reason.contains(layout::DAY_FIRST) {
            self.day_first_dates = self.day_first_dates.saturating_add(1);
        }
        if let Some(l) = self.builder.lines.iter_mut().find(|(l, _)| *l == line) {
            l.1 = true;
        }
        self.builder.problems.push(RowProblem {
            line,
            column,
            column_name,
            code: code.as_str().to_owned(),
            reason,
            family: None,
        });
    }

    /// Closes the current family: rejects it whole if any row was bad,
    /// otherwise decides, costs and counts it.
    fn end_family(&mut self) {
        if !self.builder.open {
            return;
        }
        if !self.builder.bad {
            let problems = self.builder.family.problems();
            for e in problems {
                let (line, column) = self.locate(&e);
                self.problem(line, column, (e.code(), e.message().to_owned()));
            }
        }
        if !self.builder.bad {
            if let Err(e) = self.accept() {
                let (line, column) = self.locate(&e);
                self.problem(line, column, (e.code(), e.message().to_owned()));
            }
        }
        if self.builder.bad {
            self.reject_family();
        }
        self.progress.families = self.progress.families.saturating_add(1);
        self.builder.reset();
    }

    /// Where a problem of the whole record (from [`Family::problems`]) is in the file.
    fn locate(&self, e: &Error) -> (u64, Option<usize>) {
        let path = e.location();
        let first = self.builder.lines.first().map_or(0, |l| l.0);
        let column_of = |c: Column| {
            self.header
                .as_ref()
                .and_then(|h| h.columns.iter().position(|x| *x == c))
        };
        if let Some(index) = path.and_then(|p| p.index_in("members")) {
            let line = self.builder.lines.get(index).map_or(first, |l| l.0);
            let field = path.and_then(Path::inner_field).unwrap_or_default();
            let column = [
                ("offences", Column::Offences),
                ("asb", Column::Asb),
                ("exclusions", Column::Exclusions),
                ("attendance", Column::Attendance),
                ("benefits", Column::Benefits),
                ("employment", Column::Employment),
                ("circumstances", Column::Circumstances),
                ("exploitation", Column::Exploitation),
                ("missingEpisodes", Column::MissingEpisodes),
            ]
            .iter()
            .find(|(name, _)| field == *name)
            .and_then(|(_, c)| column_of(*c));
            return (line, column);
        }
        if path.and_then(Path::field) == Some("progressToWork") {
            // The member whose cell recorded it (the first, for the list).
            let index = path.and_then(|p| p.index_in("progressToWork")).unwrap_or(0);
            let line = self
                .builder
                .claim
                .progress_to_work
                .get(index)
                .and_then(|p| self.builder.lines.get(p.member))
                .map_or(first, |l| l.0);
            return (line, column_of(Column::ProgressToWork));
        }
        match path.and_then(Path::field) {
            Some("domesticAbuse") => (first, column_of(Column::DomesticAbuse)),
            Some("attachmentDate") => (first, column_of(Column::AttachmentDate)),
            Some("outcomesPlan") => (first, column_of(Column::OutcomesProgress)),
            Some("caseClosureDate") => (first, column_of(Column::CaseClosureDate)),
            Some("needOutcomes") if path.and_then(Path::inner_field) == Some("lapsedDate") => {
                (first, column_of(Column::OutcomesLapsed))
            }
            Some("needOutcomes") => (first, column_of(Column::NeedOutcomes)),
            None => (first, None),
            Some(_) => (first, column_of(Column::Attendance)),
        }
    }

    fn reject_family(&mut self) {
        let bad: Vec<u64> = self
            .builder
            .lines
            .iter()
            .filter(|(_, own)| *own)
            .map(|(l, _)| *l)
            .collect();
        let lines = if bad.len() == 1 { "line" } else { "lines" };
        let bad_text = bad
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let others: Vec<u64> = self
            .builder
            .lines
            .iter()
            .filter(|(_, own)| !*own)
            .map(|(l, _)| *l)
            .collect();
        for line in others {
            self.builder.problems.push(RowProblem {
                line,
                column: 0,
                column_name: String::new(),
                code: ErrorCode::FamilyRejected.as_str().to_owned(),
                reason: format!(
                    "This row is left out because its family is rejected: see {lines} {bad_text}."
                ),
                family: None,
            });
        }
        let rows = u64::try_from(self.builder.lines.len()).unwrap_or(u64::MAX);
        self.progress.rejected_rows = self.progress.rejected_rows.saturating_add(rows);
        self.families_rejected = self.families_rejected.saturating_add(1);
        let mut problems = std::mem::take(&mut self.builder.problems);
        family::sort_small_by_key(&mut problems, |p| (p.line, p.column));
        for mut p in problems {
            if self.settings.include_identifiers {
                p.family = Some(self.builder.label.clone());
            }
            count_code(&mut self.rejected.by_code, &p.code);
            if self.rejected.problems.len() < Rejected::LIST_LIMIT {
                self.rejected.problems.push(p);
            } else {
                self.rejected.truncated = true;
            }
        }
    }

    /// Decides, costs and counts an accepted family.
    fn accept(&mut self) -> Result<()> {
        let decision = self.plan.decide(&self.builder.family)?;
        let Some(prices) = &self.prices else {
            return Ok(());
        };
        let b = &self.builder;
        // The family's cost: `unit cost × units` of each code, as `costFamily`
        // costs a line (a row split by agency costs the sum of its parts).
        let mut cost = Money::ZERO;
        for (price, &q) in prices.prices().iter().zip(&b.quantities) {
            if q > 0 {
                cost = cost.checked_add(
                    price
                        .unit_cost
                        .checked_mul(rust_decimal::Decimal::from(q))?,
                )?;
            }
        }
        let assessed = Assessed {
            family: &b.family,
            decision: &decision,
            quantities: &b.quantities,
            cost,
            claim: &b.claim,
        };
        for step in &mut self.family_steps {
            step.check(&assessed)?;
        }
        let t = &mut self.totals;
        let outcome = decision
            .outcome
            .unwrap_or(t.by_outcome.len().saturating_sub(1));
        bump(&mut t.by_outcome, outcome, 1);
        if let Some(units) = t.units_by_outcome.get_mut(outcome) {
            for (u, &q) in units.iter_mut().zip(&b.quantities) {
                *u = u.saturating_add(u64::from(q));
            }
        }
        for g in 0..t.by_group.len() {
            if decision.group_met(g) {
                bump(&mut t.by_group, g, 1);
            }
        }
        bump(&mut t.by_criteria_met, decision.criteria_met, 1);
        bump(
            &mut t.by_needs_met,
            decision
                .indicators_met
                .min(NEEDS_MET_ROWS.saturating_sub(1)),
            1,
        );
        let band = self.bands.iter().rposition(|low| cost >= *low).unwrap_or(0);
        bump(&mut t.by_cost_band, band, 1);
        t.families = t.families.saturating_add(1);
        t.members = t
            .members
            .saturating_add(u64::try_from(b.family.members.len()).unwrap_or(0));
        if decision.status != Status::NotEligible {
            t.eligible = t.eligible.saturating_add(1);
        }
        for step in &mut self.family_steps {
            step.add(&assessed)?;
        }
        self.rows_accepted = self
            .rows_accepted
            .saturating_add(u64::try_from(b.lines.len()).unwrap_or(u64::MAX));
        Ok(())
    }

    fn report(mut self) -> Outcome {
        let prices = match self.prices.take() {
            Some(p) => p,
            None => return Err(vec![Error::new(ErrorCode::InvalidData, "No prices.")]),
        };
        self.totals.complete(&prices).map_err(|e| vec![e])?;
        let appraisal = match &self.settings.appraisal {
            Some(a) if self.totals.eligible > 0 => {
                match appraise::run(a, &self.settings.table, &prices, &self.totals) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        self.notes
                            .push(format!("The programme appraisal could not be run: {e}"));
                        None
                    }
                }
            }
            Some(_) => {
                self.notes.push(
                    "No family is eligible, so there is no programme to appraise.".to_owned(),
                );
                None
            }
            None => None,
        };
        let pack = self.plan.pack();
        let cx = Context {
            pack,
            prices: &prices,
            totals: &self.totals,
            appraisal: appraisal.as_ref().map(|(r, _)| r),
        };
        let mut sections = vec![
            sections::eligibility(&cx),
            sections::costs(&cx, self.settings.base_year),
        ];
        if let Some((result, scenario)) = &appraisal {
            if let Some(a) = &self.settings.appraisal {
                sections.push(sections::savings(&cx, a, scenario, result));
            }
        }
        for step in &self.family_steps {
            sections.extend(step.sections(&cx).map_err(|e| vec![e])?);
        }
        for step in &self.cohort_steps {
            sections.extend(step.sections(&cx).map_err(|e| vec![e])?);
        }
        let mut notes = std::mem::take(&mut self.notes);
        notes.extend(self.settings.notes.iter().cloned());
        notes.extend(prices.notes().iter().map(|n| n.message.clone()));
        if prices.prices().is_empty() {
            notes.push("The file has no unit-cost columns, so no costs are shown.".to_owned());
        }
        if self.day_first_dates > 0 && self.rows_accepted == 0 {
            notes.insert(
                0,
                format!(
                    "No row could be read, and {} like day/month/year (30/06/2015), as Excel saves dates: the file needs year-month-day (2015-06-30). In Excel, select the date columns, choose Format Cells → Custom, type yyyy-mm-dd, and save as CSV UTF-8 again.",
                    crate::report::format_counted(self.day_first_dates, "date cell looks", "date cells look")
                ),
            );
        }
        let rows = self.progress.rows;
        self.rejected.rows = self.progress.rejected_rows;
        self.rejected.families = self.families_rejected;
        let mut summary = sections::summary(
            &cx,
            rows,
            self.rows_accepted,
            self.rejected.rows,
            self.progress.families,
            self.families_rejected,
        );
        summary.extend(sections::price_base(
            self.settings.base_year,
            &self.settings.table,
        ));
        let digest = self.hasher.finalize();
        Ok(Report {
            title: "Programme report".to_owned(),
            summary,
            sections,
            notes,
            rejected: self.rejected,
            receipt: ReportReceipt {
                engine_version: env!("CARGO_PKG_VERSION").to_owned(),
                rule_pack: crate::report::ReceiptRef {
                    id: pack.id.clone(),
                    sha256: pack.sha256.clone(),
                },
                unit_cost_table: receipt_ref(&self.settings.table.receipt_ids().0),
                extends_table: self
                    .settings
                    .table
                    .receipt_ids()
                    .1
                    .as_ref()
                    .map(receipt_ref),
                deflator: receipt_ref(&self.settings.table.receipt_ids().2),
                input_sha256: self
                    .given_sha256
                    .take()
                    .unwrap_or_else(|| crate::costs::hex(&digest)),
                input_bytes: self.progress.bytes,
                options_sha256: self.settings.options_sha256.clone(),
            },
        })
    }
}

fn bump(counts: &mut [u64], i: usize, n: u64) {
    if let Some(c) = counts.get_mut(i) {
        *c = c.saturating_add(n);
    }
}

fn add_money(sums: &mut [Money], i: usize, amount: Money) -> Result<()> {
    if let Some(s) = sums.get_mut(i) {
        *s = s.checked_add(amount)?;
    }
    Ok(())
}

fn count_code(counts: &mut Vec<CodeCount>, code: &str) {
    match counts.iter_mut().find(|c| c.code == code) {
        Some(c) => c.count = c.count.saturating_add(1),
        None => counts.push(CodeCount {
            code: code.to_owned(),
            count: 1,
        }),
    }
}

/// Reads the header: every column found, the price list of the cost columns,
/// and the problems that stop the file being read.
fn read_header(
    cells: &[Option<&str>],
    settings: &Settings,
    header: &mut Option<std::rc::Rc<Header>>,
    prices: &mut Option<PriceList>,
    errors: &mut Vec<Error>,
    notes: &mut Vec<String>,
) {
    let at = |i: usize| format!("header[{}]", i.saturating_add(1));
    let mut names = Vec::with_capacity(cells.len());
    let mut columns = Vec::with_capacity(cells.len());
    let mut codes: Vec<&str> = Vec::new();
    let mut not_read = Vec::new();
    let mut identifiers = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let Some(name) = cell else {
            errors.push(
                Error::new(
                    ErrorCode::InvalidText,
                    format!(
                        "Column {} of the header is not UTF-8 text; save the file as CSV UTF-8.",
                        i.saturating_add(1)
                    ),
                )
                .at(at(i)),
            );
            names.push(String::new());
            columns.push(Column::NotRead);
            continue;
        };
        let name = name.trim();
        let key = layout::normalise(name);
        let column = if let Some((_, c)) = layout::COLUMNS.iter().find(|(k, _)| *k == key) {
            *c
        } else if settings.table.get(name).is_some() {
            codes.push(name);
            Column::Cost(codes.len().saturating_sub(1))
        } else {
            if layout::IDENTIFIERS.contains(&key.as_str()) {
                identifiers.push(name.to_owned());
            } else {
                not_read.push(if name.is_empty() {
                    format!("column {}", i.saturating_add(1))
                } else {
                    format!("\"{name}\"")
                });
            }
            Column::NotRead
        };
        let first = match column {
            Column::NotRead => None,
            Column::Cost(_) => codes
                .iter()
                .position(|c| *c == name)
                .filter(|&k| !matches!(column, Column::Cost(j) if j == k))
                .and_then(|k| columns.iter().position(|c| *c == Column::Cost(k))),
            _ => columns.iter().position(|c| *c == column),
        };
        if let Some(first) = first {
            errors.push(
                Error::new(
                    ErrorCode::DuplicateColumn,
                    format!(
                        "The column \"{name}\" appears twice (columns {} and {}); keep one.",
                        first.saturating_add(1),
                        i.saturating_add(1)
                    ),
                )
                .at(at(i)),
            );
        }
        names.push(name.to_owned());
        columns.push(column);
    }
    let has = |c: Column| columns.contains(&c);
    let mut missing = |c: &str, why: &str| {
        errors.push(
            Error::new(
                ErrorCode::MissingColumn,
                format!("The file has no \"{c}\" column: {why}"),
            )
            .at("header"),
        );
    };
    if !has(Column::Family) {
        missing(
            "family",
            "it groups the rows of each family (any label that changes from one family to the next, such as 1, 2, 3).",
        );
    }
    if !has(Column::Age) {
        missing(
            "age",
            "the rules tell children from adults by their age in whole years on the assessment date.",
        );
    }
    if !has(Column::AssessmentDate) && settings.assessment_date.is_none() {
        missing(
            "assessment_date",
            "give each family's assessment date, or one date for the whole file in the options.",
        );
    }
    if !identifiers.is_empty() {
        notes.push(format!(
            "Columns that identify people were not read and appear in no output: {}.",
            identifiers.join(", ")
        ));
    }
    if !not_read.is_empty() {
        notes.push(format!(
            "Columns not read (not a column of the layout nor a unit-cost code): {}.",
            not_read.join(", ")
        ));
    }
    match PriceList::new(&settings.table, settings.base_year, &codes) {
        Ok(p) => *prices = Some(p),
        Err(es) => errors.extend(es.into_iter().map(|e| e.at("header"))),
    }
    if errors.is_empty() {
        let family = columns
            .iter()
            .position(|c| *c == Column::Family)
            .unwrap_or(0);
        let family_level = FAMILY_LEVEL.map(|c| columns.iter().position(|x| *x == c));
        let member_columns = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| !matches!(c, Column::NotRead | Column::Family) && !c.family_level())
            .map(|(i, c)| (i, *c))
            .collect();
        *header = Some(std::rc::Rc::new(Header {
            names,
            columns,
            family,
            family_level,
            member_columns,
        }));
    }
}

/// Reads one row into the current family (starting a new family when its
/// label changes).
fn row(run: &mut Run, header: &Header, line: u64, record: &Record<'_>) {
    let label = record.cell(header.family).map(str::trim);
    let new_family = !run.builder.open || label != Some(run.builder.label.as_str());
    if new_family {
        run.end_family();
        run.builder.open = true;
        run.builder.label.push_str(label.unwrap_or_default());
        run.builder.family.assessment_date = run.settings.assessment_date.unwrap_or(Date::MIN);
    }
    run.builder.lines.push((line, false));
    let rows = run.builder.lines.len();
    if rows > limits::ROWS_PER_FAMILY {
        // Refused before the row is read: the family is left out whole,
        // and only its first row over the limit says why.
        if rows == limits::ROWS_PER_FAMILY.saturating_add(1) {
            run.problem(
                line,
                Some(header.family),
                (
                    ErrorCode::TooMany,
                    format!(
                        "too many: this family has more than the limit of {} rows (one row a member); are the rows of two families under one label? Give each family its own.",
                        limits::ROWS_PER_FAMILY
                    ),
                ),
            );
        }
        return;
    }
    let first_row = rows == 1;
    if record.len() != header.columns.len() {
        run.problem(
            line,
            None,
            (
                ErrorCode::CellCount,
                format!(
                    "The row has {} cells and the header {}; check for a missing or extra comma, or an unclosed quote.",
                    record.len(),
                    header.columns.len()
                ),
            ),
        );
        return;
    }
    if label.is_none_or(str::is_empty) {
        run.problem(
            line,
            Some(header.family),
            (
                ErrorCode::InvalidField,
                "Give the row's family label (any text that differs from the previous family's, such as a number).".to_owned(),
            ),
        );
    }
    // Family-level cells first: the assessment date sets the windows.
    for (slot, (column, at)) in FAMILY_LEVEL.iter().zip(header.family_level).enumerate() {
        let Some(i) = at else {
            continue;
        };
        let Some(cell) = record.cell(i) else {
            continue;
        };
        let cell = cell.trim();
        if first_row {
            if let Some(first) = run.builder.first_cells.get_mut(slot) {
                first.push_str(cell);
            }
            let b = &mut run.builder;
            let read = match column {
                Column::AssessmentDate if cell.is_empty() => match run.settings.assessment_date {
                    Some(_) => Ok(()),
                    None => Err((
                        ErrorCode::InvalidDate,
                        "Enter the family's assessment date, for example \"2015-06-30\"."
                            .to_owned(),
                    )),
                },
                Column::AssessmentDate => layout::date(cell).map(|d| b.family.assessment_date = d),
                Column::DomesticAbuse => layout::dates(cell, &mut b.family.domestic_abuse),
                Column::AttachmentDate if cell.is_empty() => Ok(()),
                Column::AttachmentDate => layout::date(cell).map(|d| b.claim.attachment = Some(d)),
                Column::OutcomesProgress => {
                    layout::outcomes_progress(cell, &mut b.claim.outcomes_plan)
                }
                Column::CaseClosureDate if cell.is_empty() => Ok(()),
                Column::CaseClosureDate => layout::date(cell).map(|d| b.claim.closure = Some(d)),
                Column::NeedOutcomes => layout::need_outcomes(cell, &mut b.claim.need_outcomes),
                Column::OutcomesLapsed => layout::outcomes_lapsed(cell, &mut b.claim.lapses),
                _ => layout::flag(cell).map(|f| b.family.local_concern = f),
            };
            if let Err(p) = read {
                run.problem(line, Some(i), p);
            }
        } else if !cell.is_empty() && run.builder.first_cells.get(slot).is_some_and(|f| f != cell) {
            run.problem(
                line,
                Some(i),
                (
                    ErrorCode::FamilyMismatch,
                    format!(
                        "This describes the household, and differs from the family's first row (\"{}\"); leave it empty on later rows, or repeat it.",
                        run.builder.first_cells.get(slot).map_or("", String::as_str)
                    ),
                ),
            );
        }
    }
    let mut member = run.builder.spare.pop().unwrap_or_else(new_member);
    member.role = Role::Other;
    for &(i, column) in &header.member_columns {
        // Most cells of a cohort are empty: only the age must be given.
        let empty = record.cells.get(i).is_none_or(|(start, end)| start == end);
        if empty && column != Column::Age {
            continue;
        }
        let Some(cell) = record.cell(i) else {
            run.problem(
                line,
                Some(i),
                (
                    ErrorCode::InvalidText,
                    "This cell is not UTF-8 text; save the file as CSV UTF-8.".to_owned(),
                ),
            );
            continue;
        };
        if let Err(p) = read_cell(&mut run.builder, &mut member, column, cell) {
            run.problem(line, Some(i), p);
        }
    }
    run.builder.family.members.push(member);
}

/// Reads one cell of a member's row into the member (and the family's terms
/// and units).
fn read_cell(
    b: &mut Builder,
    member: &mut Member,
    column: Column,
    cell: &str,
) -> std::result::Result<(), CellProblem> {
    match column {
        Column::Age => layout::whole(cell, "age", 130)
            .map(|a| member.birth = Birth::Age(u16::try_from(a).unwrap_or(0))),
        Column::Role => {
            let r = cell.trim();
            if !r.is_empty() {
                let role = layout::kind(r, family::ROLES, "a role")?;
                member.role = Role::parse(role).unwrap_or(Role::Other);
            }
            Ok(())
        }
        Column::Offences => layout::dates(cell, &mut member.offences),
        Column::Asb => layout::kinded(
            cell,
            family::ASB_KINDS,
            "a kind of ASB intervention",
            "kind:date, for example asbo:2015-01-20",
            &mut member.asb,
        ),
        Column::Exclusions => layout::kinded(
            cell,
            family::EXCLUSION_KINDS,
            "a kind of exclusion",
            "kind:date, for example fixedTerm:2014-11-03",
            &mut member.exclusions,
        ),
        Column::Attendance => {
            let family = &mut b.family;
            let spare = &mut b.spare_terms;
            let pool = &mut b.pool;
            let attendance = &mut member.attendance;
            layout::attendance(cell, |t| {
                let term = match family.school_terms.iter().position(|x| x.start == t.start) {
                    Some(k) => k,
                    None => {
                        // A term is named by its first day.
                        let mut term = spare.pop().unwrap_or_else(|| Term {
                            name: pool.empty(),
                            start: t.start,
                            end: t.start,
                        });
                        term.name.clear();
                        layout::push_date(&mut term.name, t.start);
                        term.start = t.start;
                        term.end = t.start;
                        family.school_terms.push(term);
                        family.school_terms.len().saturating_sub(1)
                    }
                };
                if attendance.iter().any(|a| a.term == term) {
                    return Err((
                        ErrorCode::DuplicateId,
                        format!(
                            "The term starting {} is given twice for this member.",
                            t.start
                        ),
                    ));
                }
                attendance.push(Attendance {
                    term,
                    possible: t.possible,
                    authorised: t.authorised,
                    unauthorised: t.unauthorised,
                });
                Ok(())
            })
        }
        Column::AlternativeProvision => {
            let r = cell.trim();
            if !r.is_empty() {
                let reason = layout::kind(
                    r,
                    family::PROVISION_REASONS,
                    "a reason for alternative provision",
                )?;
                member.alternative_provision = ProvisionReason::parse(reason);
            }
            Ok(())
        }
        Column::NotOnSchoolRoll => layout::flag(cell).map(|f| member.not_on_school_roll = f),
        Column::Benefits => layout::benefits(cell, &mut member.benefits),
        Column::Employment => layout::jobs(cell, &mut member.employment),
        Column::ChildInNeed => layout::flag(cell).map(|f| member.child_in_need = f),
        Column::ChildProtectionPlan => layout::flag(cell).map(|f| member.child_protection_plan = f),
        Column::MentalHealth => layout::flag(cell).map(|f| member.mental_health = f),
        Column::SubstanceMisuse => layout::flag(cell).map(|f| member.substance_misuse = f),
        Column::NewMother => layout::flag(cell).map(|f| member.new_mother = f),
        Column::Circumstances => layout::spells(
            cell,
            family::CIRCUMSTANCE_KINDS,
            "a circumstance",
            "kind:from or kind:from:to, for example problemDebt:2022-11-01",
            &mut member.circumstances,
        ),
        Column::Exploitation => layout::kinded(
            cell,
            family::EXPLOITATION_KINDS,
            "a kind of exploitation",
            "kind:date, for example criminal:2023-03-01",
            &mut member.exploitation,
        ),
        Column::MissingEpisodes => layout::dates(cell, &mut member.missing_episodes),
        Column::ProgressToWork => {
            // The member being read is the next one of the family.
            let index = b.family.members.len();
            layout::progress_to_work(cell, index, &mut b.claim.progress_to_work)
        }
        Column::Cost(k) => {
            if cell.trim().is_empty() {
                return Ok(());
            }
            let q = layout::whole(cell, "number of units", u32::MAX)?;
            let slot = b
                .quantities
                .get_mut(k)
                .ok_or((ErrorCode::InvalidData, "No such code.".to_owned()))?;
            *slot = slot.checked_add(q).ok_or((
                ErrorCode::Overflow,
                format!(
                    "The family's units of this code add up to more than {}.",
                    u32::MAX
                ),
            ))?;
            Ok(())
        }
        Column::Family
        | Column::AssessmentDate
        | Column::DomesticAbuse
        | Column::LocalConcern
        | Column::AttachmentDate
        | Column::OutcomesProgress
        | Column::CaseClosureDate
        | Column::NeedOutcomes
        | Column::OutcomesLapsed
        | Column::NotRead => Ok(()),
    }
}

// Property tests run natively only (proptest has no wasm32 randomness).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use proptest::prelude::*;

    fn settings() -> Settings {
        let options = serde_json::json!({
            "rulePack": "tf-2015", "baseYear": "2013/14", "assessmentDate": "2015-06-30", "appraisal": null
        });
        crate::api::cohort_settings(&options).unwrap().unwrap()
    }

    fn report(csv: &[u8], chunk: usize, core_only: bool) -> String {
        let mut run = Run::new(settings()).unwrap();
        if core_only {
            run.read_every_record_with_csv_core();
        }
        for piece in csv.chunks(chunk.max(1)) {
            run.push(piece);
        }
        format!("{:?}", run.finish())
    }

    /// Bytes that look like a cohort: a header, then rows built from cells
    /// with quotes, commas, line breaks of each kind and empty lines.
    fn cohort() -> impl Strategy<Value = Vec<u8>> {
        let cell = prop_oneof![
            Just("".to_owned()),
            Just("1".to_owned()),
            Just("40".to_owned()),
            Just("\"a,b\"".to_owned()),
            Just("\"x\ny\"".to_owned()),
            Just("\"\"\"q\"\"\"".to_owned()),
            Just("ab\"c".to_owned()),
            Just("yes".to_owned()),
            Just("2015-01-02".to_owned()),
            Just("\u{feff}".to_owned()),
            "[a-z0-9 .:;-]{0,6}",
        ];
        let end = prop_oneof![
            Just("\n"),
            Just("\r\n"),
            Just("\r"),
            Just("\n\n"),
            Just("\r\r\n")
        ];
        let row = (prop::collection::vec(cell, 1..5), end)
            .prop_map(|(cells, end)| format!("{}{end}", cells.join(",")));
        prop::collection::vec(row, 0..12).prop_map(|rows| {
            let mut text = String::from("family,age,mental_health,CR1.0\n");
            for r in rows {
                text.push_str(&r);
            }
            text.into_bytes()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Splitting unquoted lines here gives exactly what csv-core gives
        /// for every record, line number and problem, in any chunks.
        #[test]
        fn lines_split_here_read_as_csv_core_reads_them(csv in cohort(), chunk in 1usize..64, trim in any::<bool>()) {
            let mut csv = csv;
            if trim {
                while csv.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    csv.pop();
                }
            }
            prop_assert_eq!(report(&csv, chunk, false), report(&csv, 1 << 20, true));
        }
    }

    #[test]
    fn line_numbers_count_line_feeds_as_csv_core_does() {
        let csv = b"family,age,mental_health,CR1.0\r\n1,40,yes,\r\n\r\n1,x,,\r2,\"4\n0\",,\n3,y,,";
        let fast = report(csv, 3, false);
        assert_eq!(fast, report(csv, 1 << 20, true));
        // "x" on line 4 (line 3 is empty), "4\n0" on line 4 too (a lone CR
        // ends a record but not a line), "y" on line 6.
        assert!(fast.contains("line: 4, column: 2"), "{fast}");
        assert!(fast.contains("line: 6, column: 2"), "{fast}");
    }
}

/// A table's or series' id and hash, as the report's receipt gives them.
fn receipt_ref(id: &crate::costs::TableId) -> crate::report::ReceiptRef {
    crate::report::ReceiptRef {
        id: id.id.clone(),
        sha256: id.sha256.clone(),
    }
}
