//! The unit-cost library and the cost of a family to public services, by agency.
//!
//! Unit-cost tables and deflator series are versioned data, chosen per call:
//! - tables: the whole New Economy Unit Cost Database v1.2 (`data/ucd_v1_2.tsv`,
//!   id `ucd-v1.2`, the default: every saved case and cohort file means its
//!   codes) and the other built-in tables of [`table_ids`]; or a council's own
//!   table read from CSV ([`council`]), alone or on top of a built-in one;
//! - deflator series ([`series`]): HM Treasury's March 2026 GDP deflators (the
//!   default) and the UCD v1.2's own index (which reproduces its published
//!   2013/14 column).
//!
//! A council also adds or overrides single rows with [`LocalRow`]s; a local
//! row whose code is in the table replaces it.
//!
//! Re-basing (domain.md §D2, Formula 5): `cost × index[to] ÷ index[from]`, then
//! rounded to the penny ([`Rounding::Penny`]). The penny value is the unit cost
//! that is shown and multiplied, so every line can be redone on a desk
//! calculator: `line cost = unit cost at base year × quantity`.
//!
//! A row the database splits by agency — an agency of `Multiple` with parts
//! coded one level deeper (`CR2.0` → `CR2.0.1` … `CR2.0.5`) — is costed through
//! its parts, so each agency gets its own share; its unit cost is the sum of
//! the parts' penny unit costs.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorCode, Result};
use crate::money::{Money, Rounding};

pub mod council;
pub mod pricing;
pub mod series;

pub use series::{DeflatorSeries, SeriesYear};

/// The SHA-256 of each built-in data file, worked out when the crate is built
/// (`build.rs`), so that a receipt names the default table and series without
/// reading them.
pub mod hashes {
    include!(concat!(env!("OUT_DIR"), "/data_hashes.rs"));
}

/// The Unit Cost Database v1.2, every row, as shipped.
pub const NATIONAL_TABLE_TSV: &str = include_str!("../../data/ucd_v1_2.tsv");
/// The GDP-deflator index the UCD v1.2 was uprated with, as shipped.
pub const DEFLATOR_TSV: &str = include_str!("../../data/gdp_deflator_ucd_v1_2.tsv");
/// Identifier of the default unit-cost table (UCD v1.2).
pub const NATIONAL_TABLE_ID: &str = "ucd-v1.2";

/// A built-in unit-cost table, as shipped.
struct BuiltinTable {
    id: &'static str,
    title: &'static str,
    /// Its data, when this build carries them; `None` when the data file is
    /// loaded beside the module ([`UnitCostTable::load_builtin`]).
    tsv: Option<&'static str>,
    /// SHA-256 of its data file (`build.rs`): what a loaded file must match.
    sha256: &'static str,
}

/// Identifier of the UCD v1.4 table. Its codes are not v1.2's: v1.4
/// renumbered (v1.2 `CR6.0` is v1.4 `CR7.0`), so a code means something only
/// with its table.
pub const UCD_V1_4_ID: &str = "ucd-v1.4";

/// The Unit Cost Database v1.4 (GO Lab copy), in builds that carry it (the
/// whole engine). The capability modules load `data/ucd_v1_4.tsv` from beside
/// them when an officer chooses it, so that their `.wasm` stays small.
#[cfg(feature = "ucd-v1-4")]
pub const UCD_V1_4_TSV: Option<&str> = Some(include_str!("../../data/ucd_v1_4.tsv"));
/// The Unit Cost Database v1.4: not carried by this build (see [`UnitCostTable::load_builtin`]).
#[cfg(not(feature = "ucd-v1-4"))]
pub const UCD_V1_4_TSV: Option<&str> = None;

const BUILTIN_TABLES: [BuiltinTable; 2] = [
    BuiltinTable {
        id: NATIONAL_TABLE_ID,
        title: "New Economy Unit Cost Database v1.2 (March 2014)",
        tsv: Some(NATIONAL_TABLE_TSV),
        sha256: hashes::UCD_V1_2_SHA256,
    },
    BuiltinTable {
        id: UCD_V1_4_ID,
        title: "New Economy Unit Cost Database v1.4 (March 2015; GO Lab copy, CC BY 4.0)",
        tsv: UCD_V1_4_TSV,
        sha256: hashes::UCD_V1_4_SHA256,
    },
];

/// The built-in tables read so far (built in, or loaded), by position.
static TABLES: [OnceLock<Result<UnitCostTable>>; 2] = [OnceLock::new(), OnceLock::new()];

/// The slot and description of the built-in table `id`.
fn builtin_slot(
    id: &str,
) -> Result<(
    &'static OnceLock<Result<UnitCostTable>>,
    &'static BuiltinTable,
)> {
    BUILTIN_TABLES
        .iter()
        .position(|t| t.id == id)
        .and_then(|p| TABLES.get(p).zip(BUILTIN_TABLES.get(p)))
        .ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownTable,
                format!(
                    "There is no built-in unit-cost table \"{id}\"; the engine has {}.",
                    table_ids().join(" and ")
                ),
            )
        })
}

/// Reads a built-in table's data, with the default series and its title.
fn read_builtin(builtin: &BuiltinTable, tsv: &str) -> Result<UnitCostTable> {
    let series = DeflatorSeries::default_series()?;
    // The file's hash is known from the build: no need to work it out again.
    let mut table = UnitCostTable::read_tsv(builtin.id, tsv, builtin.sha256.to_owned(), series)?;
    if let Some(base) = Arc::get_mut(&mut table.base) {
        builtin.title.clone_into(&mut base.title);
    }
    Ok(table)
}

/// The title and hash of the built-in table `id`, whether or not its data
/// are loaded.
pub fn builtin_table_info(id: &str) -> Option<(&'static str, &'static str)> {
    BUILTIN_TABLES
        .iter()
        .find(|t| t.id == id)
        .map(|t| (t.title, t.sha256))
}

/// The ids of the built-in tables, the default first.
pub fn table_ids() -> Vec<&'static str> {
    BUILTIN_TABLES.iter().map(|t| t.id).collect()
}

/// A UK financial year, April to March, written `2013/14`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FinancialYear {
    start: u16,
}

impl FinancialYear {
    /// Parses `YYYY/YY`, where `YY` is the year after `YYYY` (`1999/00` is fine).
    pub fn parse(text: &str) -> Result<Self> {
        let bad = || {
            Error::new(
                ErrorCode::UnknownYear,
                format!("\"{text}\" is not a financial year; write it as \"2013/14\"."),
            )
        };
        let (first, second) = text.split_once('/').ok_or_else(bad)?;
        if first.len() != 4
            || second.len() != 2
            || !first
                .bytes()
                .chain(second.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let start: u16 = first.parse().map_err(|_| bad())?;
        let end: u16 = second.parse().map_err(|_| bad())?;
        if (start + 1) % 100 != end {
            return Err(bad());
        }
        Ok(Self { start })
    }

    /// The calendar year the financial year starts in (2013 for 2013/14).
    pub fn start(self) -> u16 {
        self.start
    }

    /// The financial year `years` later (2015/16 is 2013/14 plus 2).
    pub fn plus(self, years: u32) -> Option<Self> {
        u16::try_from(years)
            .ok()
            .and_then(|y| self.start.checked_add(y))
            .filter(|start| *start < u16::MAX)
            .map(|start| Self { start })
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.start, (self.start + 1) % 100)
    }
}

/// One year of the GDP-deflator index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeflatorYear {
    /// The financial year.
    pub year: FinancialYear,
    /// The cumulative index (1989/90 = 100).
    pub index: Decimal,
    /// True when the value is a forecast (OBR), not an outturn.
    pub forecast: bool,
}

/// A GDP-deflator index as its file gives it (a [`DeflatorSeries`] re-bases with it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeflatorIndex {
    years: Vec<DeflatorYear>,
}

impl DeflatorIndex {
    /// Reads the TSV format of `data/gdp_deflator_ucd_v1_2.tsv`: `#` comment
    /// lines, a header with `financial_year`, `index` and `forecast` columns,
    /// one row per year (`forecast` is `f` for forecasts).
    pub fn from_tsv(text: &str) -> Result<Self> {
        let table = Tsv::parse(text, &["financial_year", "index", "forecast"])?;
        let mut years: Vec<DeflatorYear> = Vec::new();
        for row in table.rows() {
            let year =
                FinancialYear::parse(row.get("financial_year")?).map_err(|e| row.locate(e))?;
            let index =
                crate::money::parse_decimal(row.get("index")?).map_err(|e| row.locate(e))?;
            if index <= Decimal::ZERO {
                return Err(row.locate(Error::new(
                    ErrorCode::InvalidData,
                    "An index must be above zero.",
                )));
            }
            if years.iter().any(|y| y.year == year) {
                return Err(row.locate(Error::new(
                    ErrorCode::InvalidData,
                    format!("The year {year} appears twice."),
                )));
            }
            let forecast = match row.get("forecast")? {
                "" => false,
                "f" => true,
                other => {
                    return Err(row.locate(Error::new(
                        ErrorCode::InvalidData,
                        format!("The forecast flag must be empty or \"f\", not \"{other}\"."),
                    )))
                }
            };
            years.push(DeflatorYear {
                year,
                index,
                forecast,
            });
        }
        crate::sort::sort_by_key(&mut years, |y| y.year);
        Ok(Self { years })
    }

    /// All years, earliest first.
    pub fn years(&self) -> &[DeflatorYear] {
        &self.years
    }
}

/// The RAG confidence rating the UCD gives a row (`G`, `A`, `R` on the wire;
/// its TypeScript union is generated from this enum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, tsify::Tsify)]
pub enum Rag {
    /// Green: robust, recent, official source.
    #[serde(rename = "G")]
    Green,
    /// Amber: reasonable source, some caveats.
    #[serde(rename = "A")]
    Amber,
    /// Red: weak or old evidence; use with care.
    #[serde(rename = "R")]
    Red,
}

impl Rag {
    /// Reads `G`, `A` or `R`.
    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "G" => Ok(Self::Green),
            "A" => Ok(Self::Amber),
            "R" => Ok(Self::Red),
            other => Err(Error::new(
                ErrorCode::InvalidField,
                format!("A RAG rating is \"G\", \"A\" or \"R\", not \"{other}\"."),
            )),
        }
    }

    /// The one-letter form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Green => "G",
            Self::Amber => "A",
            Self::Red => "R",
        }
    }
}

/// Where a unit-cost row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub enum Origin {
    /// The built-in national table.
    National,
    /// A council's row with a code the national table lacks.
    LocalAddition,
    /// A council's row that replaces the national row of the same code.
    LocalOverride,
    /// A row of a council's own unit-cost table (loaded from CSV).
    Council,
}

impl Origin {
    /// True for a council's row.
    pub fn is_local(self) -> bool {
        !matches!(self, Self::National)
    }
}

/// An agency (level 1, e.g. `Local Authority`) and optional sub-agency
/// (level 2, e.g. `Housing Services`), as a row names them.
///
/// The UCD does not spell agencies consistently (`Local authority` /
/// `Local Authority`), so agencies are grouped by a normalised key: case,
/// and runs of spaces, are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    /// Level 1, as spelt in the row.
    pub level1: String,
    /// Level 2, as spelt in the row; empty when the row gives none.
    pub level2: String,
}

/// The grouping key of an agency name: ASCII letters in lower case, single
/// spaces, trimmed. (ASCII only: Unicode case tables would add some 8 KB to the
/// gzipped `.wasm`, and agency names that differ only in the case of an
/// accented letter are still told apart, never merged wrongly.)
pub fn agency_key(name: &str) -> String {
    // One allocation: every row of a table is keyed twice when it is read.
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    key
}

/// A name with its runs of white space made single spaces, trimmed.
fn single_spaced(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Agency level 1 of rows that the database splits by agency into parts.
const MULTIPLE_AGENCY_KEY: &str = "multiple";

/// One row of the unit-cost library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitCost {
    /// Code, e.g. `CR1.0`; a fourth part (`CR2.0.3`) marks a part of `CR2.0`.
    pub code: String,
    /// Outcome category (`CRIME`); empty for local rows that give none.
    pub category: String,
    /// Outcome detail (`ANTI-SOCIAL BEHAVIOUR`).
    pub detail: String,
    /// What is costed.
    pub description: String,
    /// Who bears the cost (and makes the saving).
    pub agency: Agency,
    /// Unit of the cost (`Per incident`, `Per week`).
    pub unit: String,
    /// The cost in its own price year.
    pub original_cost: Money,
    /// The price year of `original_cost`.
    pub price_year: FinancialYear,
    /// The 2013/14 value the UCD published, in whole pounds (national rows only).
    pub published_2013_14: Option<Money>,
    /// Confidence rating, if given.
    pub rag: Option<Rag>,
    /// The underlying source.
    pub source: String,
    /// National or local.
    pub origin: Origin,
}

/// A row supplied by a council: its own cost for something the national table
/// lacks (a police call-out, a council-tax arrears summons) or prices
/// differently. The same fields as a national row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalRow {
    /// Code; a national code replaces that row, a new code extends the table.
    pub code: String,
    /// What is costed.
    pub description: String,
    /// Who bears the cost.
    pub agency: Agency,
    /// Unit of the cost.
    pub unit: String,
    /// Cost in its own price year.
    pub cost: Money,
    /// The price year of `cost`.
    pub price_year: FinancialYear,
    /// Confidence rating, if the council gives one.
    pub rag: Option<Rag>,
    /// Where the figure comes from.
    pub source: String,
}

/// What [`UnitCostTable::merge_local_rows`] gives back.
#[derive(Debug, Clone)]
pub struct LocalMerge {
    /// The table with the sound local rows added.
    pub table: UnitCostTable,
    /// The problems of the other rows, each with its path (`[2].cost`).
    pub errors: Vec<Error>,
    /// The codes of the rows left out, so that items using them are not also
    /// reported as unknown.
    pub rejected_codes: BTreeSet<String>,
}

/// The unit-cost library: rows by code plus the deflator index.
///
/// The national data are read once and shared (cloning a table is cheap); a
/// council's rows sit on top of them, so adding them for one call copies
/// nothing.
#[derive(Debug, Clone)]
pub struct UnitCostTable {
    base: Arc<Base>,
    /// Council rows, in the order given.
    local: Vec<UnitCost>,
    /// The deflator series costs are re-based with.
    series: Arc<DeflatorSeries>,
    /// The council table the rows come from or sit under, if one: its id and hash.
    council: Option<Arc<TableId>>,
}

/// A table's name and hash, as receipts give them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableId {
    /// `ucd-v1.2`, or `council:<name>`.
    pub id: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// The data a table is read from, shared between its copies.
#[derive(Debug)]
struct Base {
    id: String,
    title: String,
    sha256: String,
    rows: Vec<UnitCost>,
    by_code: BTreeMap<String, usize>,
    /// Row indexes of each row's parts (`CR2.0` → the rows `CR2.0.1` …).
    parts: BTreeMap<String, Vec<usize>>,
    /// Display spelling of each agency key (first spelling met in the table).
    spellings: BTreeMap<String, String>,
}

impl UnitCostTable {
    /// The default table (UCD v1.2) with the default deflator series (parsed once).
    pub fn national() -> Result<&'static UnitCostTable> {
        Self::builtin(NATIONAL_TABLE_ID)
    }

    /// A built-in table by id, with the default deflator series (parsed
    /// once), or an `unknown_table` error naming the tables there are, or
    /// saying that this module needs the table's data file loaded first.
    pub fn builtin(id: &str) -> Result<&'static UnitCostTable> {
        let (slot, builtin) = builtin_slot(id)?;
        match builtin.tsv {
            Some(tsv) => slot.get_or_init(|| read_builtin(builtin, tsv)),
            None => slot.get().ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownTable,
                    format!(
                        "The unit-cost table {id} is not loaded in this module: load data/{}.tsv from the package with loadUnitCostTable first (the elements do so when it is chosen).",
                        id.replace(['-', '.'], "_")
                    ),
                )
            })?,
        }
        .as_ref()
        .map_err(Clone::clone)
    }

    /// Loads a built-in table's data file into a module that does not carry
    /// it (the capability modules and `ucd-v1.4`): the text must be the file
    /// as built, byte for byte (its SHA-256 is checked, every time), so that
    /// receipts stay true. Loading a table already there changes nothing.
    pub fn load_builtin(id: &str, tsv: &str) -> Result<&'static UnitCostTable> {
        let (slot, builtin) = builtin_slot(id)?;
        let sha256 = hex(&Sha256::digest(tsv.as_bytes()));
        if sha256 != builtin.sha256 {
            return Err(Error::new(
                ErrorCode::InvalidData,
                format!(
                    "This is not the data file of {id} this engine was built with: its SHA-256 is {sha256}, not {}.",
                    builtin.sha256
                ),
            ));
        }
        slot.get_or_init(|| read_builtin(builtin, tsv))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// True when the built-in table `id` can be used without loading it.
    pub fn is_available(id: &str) -> bool {
        builtin_slot(id).is_ok_and(|(slot, b)| b.tsv.is_some() || slot.get().is_some())
    }

    /// How many rows the built-in table `id` has, counted without reading
    /// it: the lines of its data file that [`Tsv::parse`] reads as rows.
    /// `None` once it has been read (its rows say), or when its data are not
    /// in this module. What `unitCosts({ rows: false })` says before a form's
    /// first result, which reading UCD v1.2's rows held up by about 20 ms in
    /// Chromium (a fresh module; BENCHMARKS.md).
    pub fn unread_row_count(id: &str) -> Option<usize> {
        let (slot, builtin) = builtin_slot(id).ok()?;
        if slot.get().is_some() {
            return None;
        }
        builtin
            .tsv
            .map(|tsv| content_lines(tsv).count().saturating_sub(1))
    }

    /// Reads a table in the format of `data/ucd_v1_2.tsv`, to be re-based with
    /// `series`. The table's hash is the SHA-256 of the file's bytes.
    pub fn from_tsv(id: &str, table_tsv: &str, series: &Arc<DeflatorSeries>) -> Result<Self> {
        let sha256 = hex(&Sha256::digest(table_tsv.as_bytes()));
        Self::read_tsv(id, table_tsv, sha256, series)
    }

    /// [`UnitCostTable::from_tsv`] with the file's hash already known.
    fn read_tsv(
        id: &str,
        table_tsv: &str,
        sha256: String,
        series: &Arc<DeflatorSeries>,
    ) -> Result<Self> {
        let columns = [
            "code",
            "outcome_category",
            "outcome_detail",
            "description",
            "agency_l1",
            "agency_l2",
            "unit",
            "original_cost",
            "price_year",
            "cost_2013_14",
            "RAG",
            "source",
        ];
        let tsv = Tsv::parse(table_tsv, &columns)?;
        let mut rows = Vec::new();
        for row in tsv.rows() {
            let code = row.get("code")?.to_owned();
            let price_year =
                FinancialYear::parse(row.get("price_year")?).map_err(|e| row.locate(e))?;
            let published = match row.get("cost_2013_14")? {
                "" => None,
                text => Some(Money::parse(text).map_err(|e| row.locate(e))?),
            };
            let rag = match row.get("RAG")? {
                "" => None,
                text => Some(Rag::parse(text).map_err(|e| row.locate(e))?),
            };
            let original_cost =
                Money::parse(row.get("original_cost")?).map_err(|e| row.locate(e))?;
            rows.push(UnitCost {
                code,
                category: row.get("outcome_category")?.to_owned(),
                detail: row.get("outcome_detail")?.to_owned(),
                description: row.get("description")?.to_owned(),
                agency: Agency {
                    level1: row.get("agency_l1")?.to_owned(),
                    level2: row.get("agency_l2")?.to_owned(),
                },
                unit: row.get("unit")?.to_owned(),
                original_cost,
                price_year,
                published_2013_14: published,
                rag,
                source: row.get("source")?.to_owned(),
                origin: Origin::National,
            });
        }
        Self::from_rows(id, sha256, rows, series)
    }

    /// A table from rows already read (a built-in file's, or a council's).
    fn from_rows(
        id: &str,
        sha256: String,
        mut rows: Vec<UnitCost>,
        series: &Arc<DeflatorSeries>,
    ) -> Result<Self> {
        let mut by_code = BTreeMap::new();
        let mut spellings = BTreeMap::new();
        for (index, row) in rows.iter().enumerate() {
            if by_code.insert(row.code.clone(), index).is_some() {
                return Err(Error::new(
                    ErrorCode::InvalidData,
                    format!("The unit-cost table lists the code {} twice.", row.code),
                ));
            }
            note_spellings(&mut spellings, &row.agency);
        }
        // Every row carries its agencies as displayed, so that grouping later
        // is a plain comparison of names.
        for row in &mut rows {
            row.agency = displayed(&spellings, &row.agency);
        }
        let mut parts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, row) in rows.iter().enumerate() {
            if let Some((parent, _)) = row.code.rsplit_once('.') {
                if by_code.contains_key(parent) {
                    parts.entry(parent.to_owned()).or_default().push(index);
                }
            }
        }
        Ok(Self {
            base: Arc::new(Base {
                id: id.to_owned(),
                title: id.to_owned(),
                sha256,
                rows,
                by_code,
                parts,
                spellings,
            }),
            local: Vec::new(),
            series: Arc::clone(series),
            council: None,
        })
    }

    /// The same table re-based with another deflator series (nothing is copied).
    pub fn with_series(&self, series: &Arc<DeflatorSeries>) -> Self {
        Self {
            series: Arc::clone(series),
            ..self.clone()
        }
    }

    /// The table's title (`New Economy Unit Cost Database v1.2 (March 2014)`).
    pub fn title(&self) -> &str {
        &self.base.title
    }

    /// The built-in table's id and hash; for a council table standing alone,
    /// the council's.
    pub fn table_id(&self) -> TableId {
        TableId {
            id: self.base.id.clone(),
            sha256: self.base.sha256.clone(),
        }
    }

    /// What a receipt names: the table used (a council's, when one was
    /// loaded), the built-in table a council's sits on, and the series.
    pub fn receipt_ids(&self) -> (TableId, Option<TableId>, TableId) {
        let own = self.table_id();
        let series = TableId {
            id: self.series.id().to_owned(),
            sha256: self.series.sha256().to_owned(),
        };
        match self.council() {
            Some(council) if council.id != own.id => (council.clone(), Some(own), series),
            _ => (own, None, series),
        }
    }

    /// The council table this table's rows come from or sit under, if one.
    pub fn council(&self) -> Option<&TableId> {
        self.council.as_deref()
    }

    /// The deflator series in use.
    pub fn series(&self) -> &Arc<DeflatorSeries> {
        &self.series
    }

    /// The table with a council's rows added: a local row replaces the national
    /// row of the same code, or extends the table. Every problem is reported,
    /// each with its path relative to the list of rows (`[2].priceYear`).
    pub fn with_local_rows(&self, local: &[LocalRow]) -> std::result::Result<Self, Vec<Error>> {
        let positioned: Vec<(usize, LocalRow)> = local.iter().cloned().enumerate().collect();
        let merged = self.merge_local_rows(&positioned);
        if merged.errors.is_empty() {
            Ok(merged.table)
        } else {
            Err(merged.errors)
        }
    }

    /// Adds the council's rows that are sound and reports the others, so that a
    /// caller can go on checking everything else in the same pass. Each row
    /// comes with its position in the caller's list, which its errors name
    /// (`[2].priceYear`). Local rows must have distinct codes, a description,
    /// one agency (not `Multiple`), a cost of zero or more, and a price year the
    /// index covers.
    pub fn merge_local_rows(&self, local: &[(usize, LocalRow)]) -> LocalMerge {
        let mut errors = Vec::new();
        let mut rejected = BTreeSet::new();
        let mut table = self.clone();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, row) in local {
            let at = |field: &str| format!("[{i}].{field}");
            let mut problems = Vec::new();
            if let Some(first) = seen.insert(row.code.as_str(), *i) {
                problems.push(
                    Error::new(
                        ErrorCode::DuplicateCode,
                        format!(
                            "Local cost {} repeats the code {} of local cost {}.",
                            i + 1,
                            row.code,
                            first + 1
                        ),
                    )
                    .at(at("code")),
                );
            } else if !is_code(&row.code) {
                problems.push(
                    Error::new(
                        ErrorCode::InvalidField,
                        "A local cost's code is 1 to 32 letters, digits or the marks . & - _, with no spaces.",
                    )
                    .at(at("code")),
                );
            }
            if row.description.trim().is_empty() {
                problems.push(
                    Error::new(ErrorCode::InvalidField, "Enter what the local cost is for.")
                        .at(at("description")),
                );
            }
            let agency = agency_key(&row.agency.level1);
            if agency.is_empty() || agency == MULTIPLE_AGENCY_KEY {
                problems.push(
                    Error::new(
                        ErrorCode::InvalidField,
                        "Enter the one agency that bears the local cost (for example \"Police\"); split a shared cost into one row per agency.",
                    )
                    .at(at("agencyL1")),
                );
            }
            if row.cost.is_negative() {
                problems.push(
                    Error::new(ErrorCode::InvalidMoney, "A unit cost cannot be negative.")
                        .at(at("cost")),
                );
            }
            if let Err(e) = self.series.require(row.price_year) {
                problems.push(e.at(at("priceYear")));
            }
            if !problems.is_empty() {
                errors.extend(problems);
                rejected.insert(row.code.clone());
                continue;
            }
            let agency = Agency {
                level1: table.display_agency(&row.agency.level1),
                level2: table.display_agency(&row.agency.level2),
            };
            table.local.push(UnitCost {
                code: row.code.clone(),
                category: String::new(),
                detail: String::new(),
                description: row.description.clone(),
                agency,
                unit: row.unit.clone(),
                original_cost: row.cost,
                price_year: row.price_year,
                published_2013_14: None,
                rag: row.rag,
                source: row.source.clone(),
                origin: if self.base.by_code.contains_key(&row.code) {
                    Origin::LocalOverride
                } else {
                    Origin::LocalAddition
                },
            });
        }
        LocalMerge {
            table,
            errors,
            rejected_codes: rejected,
        }
    }

    /// The table's identifier (`ucd-v1.2`).
    pub fn id(&self) -> &str {
        &self.base.id
    }

    /// Lower-case hex SHA-256 of the data files the table was read from.
    pub fn sha256(&self) -> &str {
        &self.base.sha256
    }

    /// All rows in table order, a council's replacing the national rows of
    /// the same code, and its new rows last.
    pub fn rows(&self) -> Vec<&UnitCost> {
        self.base
            .rows
            .iter()
            .map(|r| self.local_row(&r.code).unwrap_or(r))
            .chain(
                self.local
                    .iter()
                    .filter(|r| !self.base.by_code.contains_key(&r.code)),
            )
            .collect()
    }

    /// The council's rows, in the order given.
    pub fn local_rows(&self) -> &[UnitCost] {
        &self.local
    }

    fn local_row(&self, code: &str) -> Option<&UnitCost> {
        self.local.iter().find(|r| r.code == code)
    }

    /// How an answer names the table a code was looked up in.
    pub fn described(&self) -> String {
        match (
            &self.council,
            self.base.id.starts_with(council::COUNCIL_PREFIX),
        ) {
            (Some(c), false) => format!("the council table {} (on {})", c.id, self.base.id),
            _ => format!("the unit-cost table {}", self.base.id),
        }
    }

    /// The row with this code (a council's row first).
    pub fn get(&self, code: &str) -> Option<&UnitCost> {
        self.local_row(code).or_else(|| {
            self.base
                .by_code
                .get(code)
                .and_then(|&i| self.base.rows.get(i))
        })
    }

    /// The deflator series in use.
    pub fn deflator(&self) -> &DeflatorSeries {
        &self.series
    }

    /// The parts of a row: rows coded exactly one level deeper (`CR2.0.1` for
    /// `CR2.0`), a council's rows replacing or adding to the national parts.
    pub fn parts(&self, code: &str) -> Vec<&UnitCost> {
        let is_part = |r: &&UnitCost| {
            r.code
                .rsplit_once('.')
                .is_some_and(|(parent, _)| parent == code)
        };
        let national = self.base.parts.get(code).into_iter().flatten();
        national
            .filter_map(|&i| self.base.rows.get(i))
            .map(|r| self.local_row(&r.code).unwrap_or(r))
            .chain(
                self.local
                    .iter()
                    .filter(|r| !self.base.by_code.contains_key(&r.code))
                    .filter(is_part),
            )
            .collect()
    }

    /// The parts a row is costed through: its parts when the row's agency is
    /// `Multiple` (the database split it by agency), none otherwise.
    pub fn costed_parts(&self, row: &UnitCost) -> Vec<&UnitCost> {
        if row.agency.level1.eq_ignore_ascii_case(MULTIPLE_AGENCY_KEY) {
            self.parts(&row.code)
        } else {
            Vec::new()
        }
    }

    /// How an agency is displayed: the first spelling the table uses for it
    /// (the national table's, then a council's). Rows in the table already
    /// carry their agencies spelt so.
    pub fn display_agency(&self, name: &str) -> String {
        let key = agency_key(name);
        if let Some(spelling) = self.base.spellings.get(&key) {
            return spelling.clone();
        }
        self.local
            .iter()
            .flat_map(|r| [&r.agency.level1, &r.agency.level2])
            .find(|n| agency_key(n) == key)
            .map_or(name, |n| n.as_str())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A row's unit cost at `base_year` prices, to the penny.
    pub fn unit_cost_at(&self, row: &UnitCost, base_year: FinancialYear) -> Result<Money> {
        self.series
            .rebase(row.original_cost, row.price_year, base_year)
            .map_err(|e| {
                if e.code() == ErrorCode::UnknownYear {
                    Error::new(
                        ErrorCode::UnknownYear,
                        format!(
                            "{} is priced in {}: {}",
                            row.code,
                            row.price_year,
                            e.message()
                        ),
                    )
                } else {
                    e
                }
            })
    }
}

/// One item of a family's service use: a unit-cost code and how many units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostItem {
    /// The unit-cost code (national or local).
    pub code: String,
    /// How many units; must be a whole number, zero or more.
    pub quantity: Decimal,
}

/// A part of a line costed through its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostPart<'t> {
    /// The part's row (its agency is spelt as the table displays it).
    pub row: &'t UnitCost,
    /// The part's unit cost at the base year, to the penny.
    pub unit_cost: Money,
    /// `unit_cost × quantity`.
    pub line_cost: Money,
}

/// One costed line of a family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostLine<'t> {
    /// The row costed (its agency is `Multiple` for a line costed through parts).
    pub row: &'t UnitCost,
    /// Unit cost at the base year, to the penny (the sum of the parts' unit costs
    /// for a line costed through parts).
    pub unit_cost: Money,
    /// How many units.
    pub quantity: u32,
    /// `unit_cost × quantity`.
    pub line_cost: Money,
    /// The parts the line was costed through (empty for a single-agency row).
    pub parts: Vec<CostPart<'t>>,
}

/// A total for one agency (level 1), or one agency and sub-agency (level 2).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AgencyTotal {
    /// Agency level 1, as displayed.
    pub agency: String,
    /// Agency level 2, as displayed (empty when none, and for level-1 totals).
    pub sub_agency: String,
    /// The total.
    pub amount: Money,
}

/// A remark on a result that an officer should see: the base year is a
/// forecast, a local row replaced a national one, parts do not add up to
/// their parent in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Stable code (`forecast_index`, `local_override`, `chain_linked`, `parts_differ`, `price_year_differs`).
    pub code: &'static str,
    /// A sentence.
    pub message: String,
    /// The item or field it is about, if one.
    pub path: Option<String>,
}

/// A family's cost by agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyCost<'t> {
    /// The price year every amount is in.
    pub base_year: FinancialYear,
    /// One line per item, in the order given.
    pub lines: Vec<CostLine<'t>>,
    /// Totals by agency level 1, largest first.
    pub by_agency: Vec<AgencyTotal>,
    /// Totals by agency level 1 and 2, largest first.
    pub by_sub_agency: Vec<AgencyTotal>,
    /// The grand total.
    pub total: Money,
    /// Remarks.
    pub notes: Vec<Note>,
}

/// Costs a family's items at `base_year` prices, by agency.
///
/// Every problem is reported, each with the path of its item (`items[3].quantity`);
/// nothing is dropped silently.
pub fn cost_family<'t>(
    table: &'t UnitCostTable,
    base_year: FinancialYear,
    items: &[CostItem],
) -> std::result::Result<FamilyCost<'t>, Vec<Error>> {
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    if let Err(e) = table.deflator().require(base_year) {
        return Err(vec![e.at("baseYear")]);
    }
    if let Some(message) = table.deflator().forecast_note(base_year) {
        notes.push(Note {
            code: "forecast_index",
            message,
            path: Some("baseYear".to_owned()),
        });
    }
    let mut lines = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match cost_line(table, base_year, item) {
            Ok((line, mut line_notes)) => {
                for note in &mut line_notes {
                    note.path = Some(format!("items[{i}]"));
                }
                notes.extend(line_notes);
                lines.push(line);
            }
            Err(line_errors) => {
                errors.extend(line_errors.into_iter().map(|e| e.at(format!("items[{i}]"))))
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let totals = Totals::of(&lines).map_err(|e| vec![e])?;
    Ok(FamilyCost {
        base_year,
        lines,
        by_agency: totals.by_agency,
        by_sub_agency: totals.by_sub_agency,
        total: totals.total,
        notes,
    })
}

fn quantity_of(quantity: Decimal) -> Result<u32> {
    if quantity.is_sign_negative() && !quantity.is_zero() {
        return Err(Error::new(
            ErrorCode::NegativeQuantity,
            format!("A quantity cannot be negative, and {quantity} is."),
        )
        .at(".quantity"));
    }
    if !quantity.fract().is_zero() {
        return Err(Error::new(
            ErrorCode::FractionalQuantity,
            format!("A quantity is a whole number of units, and {quantity} is not."),
        )
        .at(".quantity"));
    }
    u32::try_from(quantity).map_err(|_| {
        Error::new(
            ErrorCode::Overflow,
            format!(
                "A quantity can be at most {}, and {quantity} is more.",
                u32::MAX
            ),
        )
        .at(".quantity")
    })
}

fn cost_line<'t>(
    table: &'t UnitCostTable,
    base_year: FinancialYear,
    item: &CostItem,
) -> std::result::Result<(CostLine<'t>, Vec<Note>), Vec<Error>> {
    let row = table.get(&item.code).ok_or_else(|| {
        if item.code.trim().is_empty() {
            return Error::new(ErrorCode::UnknownCode, "Enter or choose a unit-cost code.")
                .at(".code");
        }
        Error::new(
            ErrorCode::UnknownCode,
            format!(
                "There is no unit cost with the code \"{}\" in {} or the local rows.",
                item.code,
                table.described()
            ),
        )
        .at(".code")
    });
    let quantity = quantity_of(item.quantity);
    let (row, quantity) = match (row, quantity) {
        (Ok(r), Ok(q)) => (r, q),
        (r, q) => return Err(r.err().into_iter().chain(q.err()).collect()),
    };
    let q = Decimal::from(quantity);
    let mut notes = Vec::new();
    if row.origin == Origin::LocalOverride {
        notes.push(Note {
            code: "local_override",
            message: format!(
                "{} uses the council's local cost, not the national table's.",
                row.code
            ),
            path: None,
        });
    }
    for r in std::iter::once(row).chain(table.costed_parts(row)) {
        if let Some(message) = table.deflator().link_note(&r.code, r.price_year) {
            notes.push(Note {
                code: "chain_linked",
                message,
                path: None,
            });
        }
    }
    let part_rows = table.costed_parts(row);
    let mut parts = Vec::with_capacity(part_rows.len());
    for part in &part_rows {
        let unit_cost = table.unit_cost_at(part, base_year).map_err(|e| vec![e])?;
        let line_cost = unit_cost
            .checked_mul(q)
            .map_err(|e| vec![e.at(".quantity")])?;
        parts.push(CostPart {
            row: part,
            unit_cost,
            line_cost,
        });
    }
    let (unit_cost, line_cost) = if parts.is_empty() {
        let unit_cost = table.unit_cost_at(row, base_year).map_err(|e| vec![e])?;
        let line_cost = unit_cost
            .checked_mul(q)
            .map_err(|e| vec![e.at(".quantity")])?;
        (unit_cost, line_cost)
    } else {
        notes.extend(parts_notes(row, &part_rows));
        (
            Money::sum(parts.iter().map(|p| p.unit_cost)).map_err(|e| vec![e])?,
            Money::sum(parts.iter().map(|p| p.line_cost)).map_err(|e| vec![e])?,
        )
    };
    Ok((
        CostLine {
            row,
            unit_cost,
            quantity,
            line_cost,
            parts,
        },
        notes,
    ))
}

/// Notes where the source's parts disagree with their parent row.
fn parts_notes(row: &UnitCost, parts: &[&UnitCost]) -> Vec<Note> {
    let mut notes = Vec::new();
    if parts.iter().any(|p| p.price_year != row.price_year) {
        notes.push(Note {
            code: "price_year_differs",
            message: format!(
                "{} is priced in {}, but its parts in other years; the line is costed from the parts.",
                row.code, row.price_year
            ),
            path: None,
        });
    } else if let Ok(sum) = Money::sum(parts.iter().map(|p| p.original_cost)) {
        if sum != row.original_cost {
            notes.push(Note {
                code: "parts_differ",
                message: format!(
                    "In the source, the parts of {} add up to {} at {} prices, not its {}; the line is costed from the parts so that each agency gets its share.",
                    row.code,
                    crate::report::format_money(sum),
                    row.price_year,
                    crate::report::format_money(row.original_cost)
                ),
                path: None,
            });
        }
    }
    notes
}

struct Totals {
    by_agency: Vec<AgencyTotal>,
    by_sub_agency: Vec<AgencyTotal>,
    total: Money,
}

/// An agency's share of a line: its names and the amount.
fn share(agency: &Agency, amount: Money) -> (&str, &str, Money) {
    (agency.level1.as_str(), agency.level2.as_str(), amount)
}

impl Totals {
    fn of(lines: &[CostLine<'_>]) -> Result<Self> {
        // Rows carry their agencies as the table displays them, so equal names
        // are the same agency.
        let mut shares: Vec<(&str, &str, Money)> =
            Vec::with_capacity(lines.iter().map(|l| l.parts.len().max(1)).sum());
        let mut total = Money::ZERO;
        for line in lines {
            let first = shares.len();
            if line.parts.is_empty() {
                shares.push(share(&line.row.agency, line.line_cost));
            } else {
                shares.extend(line.parts.iter().map(|p| share(&p.row.agency, p.line_cost)));
            }
            for &(_, _, amount) in shares.get(first..).unwrap_or_default() {
                total = total.checked_add(amount)?;
            }
        }
        // Each agency's and each sub-agency's shares, summed in the order of
        // the lines (a stable sort by name keeps that order within a name), as
        // a map by name would; no map, so that the module carries no code for
        // one (BENCHMARKS.md, "Lean calls (issue 18)").
        crate::sort::sort_by(&mut shares, |a, b| a.0.cmp(b.0));
        let mut by_agency = Self::summed(&shares, false)?;
        crate::sort::sort_by(&mut shares, |a, b| a.0.cmp(b.0).then_with(|| a.1.cmp(b.1)));
        let mut by_sub_agency = Self::summed(&shares, true)?;
        // Largest first; names break ties so the order is stable.
        let order = |a: &AgencyTotal, b: &AgencyTotal| {
            b.amount
                .cmp(&a.amount)
                .then_with(|| a.agency.cmp(&b.agency))
                .then_with(|| a.sub_agency.cmp(&b.sub_agency))
        };
        crate::sort::sort_by(&mut by_agency, order);
        crate::sort::sort_by(&mut by_sub_agency, order);
        Ok(Self {
            by_agency,
            by_sub_agency,
            total: total.round(Rounding::Penny),
        })
    }

    /// One total for each agency of `shares` (sorted by agency, and by
    /// sub-agency too with `sub_agencies`), or for each sub-agency.
    fn summed(shares: &[(&str, &str, Money)], sub_agencies: bool) -> Result<Vec<AgencyTotal>> {
        let mut totals: Vec<AgencyTotal> = Vec::new();
        for &(agency, sub_agency, amount) in shares {
            let sub_agency = if sub_agencies { sub_agency } else { "" };
            match totals.last_mut() {
                Some(t) if t.agency == agency && t.sub_agency == sub_agency => {
                    t.amount = t.amount.checked_add(amount)?;
                }
                _ => totals.push(AgencyTotal {
                    agency: agency.to_owned(),
                    sub_agency: sub_agency.to_owned(),
                    amount: Money::ZERO.checked_add(amount)?,
                }),
            }
        }
        Ok(totals)
    }
}

/// One code of a [`PriceList`]: its unit cost at the base year and the share
/// of it each agency bears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Price {
    /// The unit-cost code.
    pub code: String,
    /// Unit cost at the base year, to the penny (for a row costed through its
    /// parts, the sum of the parts' penny unit costs), as in [`cost_family`].
    pub unit_cost: Money,
    /// Each agency's share: one for a single-agency row, one per part for a
    /// row split by agency.
    pub shares: Vec<PriceShare>,
}

/// The share of a [`Price`] one row (the row itself, or one of its parts) gives one agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceShare {
    /// The agency's index in [`PriceList::agencies`].
    pub agency: usize,
    /// Unit cost at the base year, to the penny.
    pub unit_cost: Money,
    /// The row's code (a part's own code, `CR2.0.3`).
    pub code: String,
    /// What the row costs.
    pub description: String,
    /// The row's cost in its own price year.
    pub original_cost: Money,
    /// That price year.
    pub price_year: FinancialYear,
    /// The row's RAG rating (a part without one takes its parent's).
    pub rag: Option<Rag>,
}

/// Unit-cost codes priced once at a base year, for costing many families.
///
/// Each code is priced by the same function [`cost_family`] uses for a line
/// (re-based, rounded to the penny, split through its parts), so a family
/// costed through the list gets exactly the lines and agency totals
/// `cost_family` would give: `line cost = unit cost × quantity`, summed.
/// Only the per-family allocations and notes are left out.
#[derive(Debug, Clone)]
pub struct PriceList {
    base_year: FinancialYear,
    agencies: Vec<String>,
    prices: Vec<Price>,
    notes: Vec<Note>,
}

impl PriceList {
    /// Prices `codes` at `base_year`. Every problem is reported, each with the
    /// position of its code (`[2]`).
    pub fn new(
        table: &UnitCostTable,
        base_year: FinancialYear,
        codes: &[&str],
    ) -> std::result::Result<Self, Vec<Error>> {
        let mut errors = Vec::new();
        let mut list = Self {
            base_year,
            agencies: Vec::new(),
            prices: Vec::with_capacity(codes.len()),
            notes: Vec::new(),
        };
        if let Err(e) = table.deflator().require(base_year) {
            return Err(vec![e.at("baseYear")]);
        }
        if let Some(message) = table.deflator().forecast_note(base_year) {
            list.notes.push(Note {
                code: "forecast_index",
                message,
                path: Some("baseYear".to_owned()),
            });
        }
        for (i, code) in codes.iter().enumerate() {
            let item = CostItem {
                code: (*code).to_owned(),
                quantity: Decimal::ONE,
            };
            match cost_line(table, base_year, &item) {
                Ok((line, notes)) => {
                    let rows: Vec<(&UnitCost, Money)> = if line.parts.is_empty() {
                        vec![(line.row, line.unit_cost)]
                    } else {
                        line.parts.iter().map(|p| (p.row, p.unit_cost)).collect()
                    };
                    let shares = rows
                        .into_iter()
                        .map(|(row, unit_cost)| PriceShare {
                            agency: list.agency(&row.agency.level1),
                            unit_cost,
                            code: row.code.clone(),
                            description: row.description.clone(),
                            original_cost: row.original_cost,
                            price_year: row.price_year,
                            rag: row.rag.or(line.row.rag),
                        })
                        .collect();
                    for mut note in notes {
                        note.path = Some((*code).to_owned());
                        list.notes.push(note);
                    }
                    list.prices.push(Price {
                        code: (*code).to_owned(),
                        unit_cost: line.unit_cost,
                        shares,
                    });
                }
                Err(line_errors) => {
                    errors.extend(line_errors.into_iter().map(|e| e.at(format!("[{i}]"))));
                }
            }
        }
        if errors.is_empty() {
            Ok(list)
        } else {
            Err(errors)
        }
    }

    fn agency(&mut self, name: &str) -> usize {
        match self.agencies.iter().position(|a| a == name) {
            Some(i) => i,
            None => {
                self.agencies.push(name.to_owned());
                self.agencies.len().saturating_sub(1)
            }
        }
    }

    /// The price year of every amount.
    pub fn base_year(&self) -> FinancialYear {
        self.base_year
    }

    /// The agencies (level 1, as displayed) the codes' costs fall to, in the
    /// order first met.
    pub fn agencies(&self) -> &[String] {
        &self.agencies
    }

    /// The priced codes, in the order given.
    pub fn prices(&self) -> &[Price] {
        &self.prices
    }

    /// Remarks on the codes (a local row replaced a national one, parts differ
    /// from their parent in the source), each with its code as path.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// Costs `quantity` units of the `index`th code: adds each agency's share,
    /// `unit cost × quantity`, to `by_agency` (indexed as [`Self::agencies`]) and
    /// returns the line cost. An unknown index costs nothing.
    pub fn add(&self, index: usize, quantity: u32, by_agency: &mut [Money]) -> Result<Money> {
        let Some(price) = self.prices.get(index) else {
            return Ok(Money::ZERO);
        };
        let q = Decimal::from(quantity);
        let mut line = Money::ZERO;
        for share in &price.shares {
            let amount = share.unit_cost.checked_mul(q)?;
            if let Some(slot) = by_agency.get_mut(share.agency) {
                *slot = slot.checked_add(amount)?;
            }
            line = line.checked_add(amount)?;
        }
        Ok(line)
    }
}

/// The lines of a tab-separated table that are neither `#` comments nor
/// blank, each with its number (from 1): the header, then the rows.
fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
}

/// A tab-separated table with `#` comment lines and a header row.
struct Tsv<'a> {
    header: Vec<&'a str>,
    rows: Vec<(usize, Vec<&'a str>)>,
}

struct TsvRow<'t, 'a> {
    line: usize,
    header: &'t [&'a str],
    cells: &'t [&'a str],
}

impl<'a> Tsv<'a> {
    fn parse(text: &'a str, required: &[&str]) -> Result<Self> {
        let mut lines = content_lines(text);
        let (_, header_line) = lines
            .next()
            .ok_or_else(|| Error::new(ErrorCode::InvalidData, "The table has no header row."))?;
        let header: Vec<&str> = header_line.split('\t').collect();
        for column in required {
            if !header.contains(column) {
                return Err(Error::new(
                    ErrorCode::InvalidData,
                    format!("The table has no \"{column}\" column."),
                ));
            }
        }
        let mut rows = Vec::new();
        for (line, text) in lines {
            let cells: Vec<&str> = text.split('\t').collect();
            if cells.len() != header.len() {
                return Err(Error::new(
                    ErrorCode::InvalidData,
                    format!(
                        "Line {line} has {} cells but the header has {}.",
                        cells.len(),
                        header.len()
                    ),
                ));
            }
            rows.push((line, cells));
        }
        Ok(Self { header, rows })
    }

    fn rows(&self) -> impl Iterator<Item = TsvRow<'_, 'a>> {
        self.rows.iter().map(|(line, cells)| TsvRow {
            line: *line,
            header: &self.header,
            cells,
        })
    }
}

impl TsvRow<'_, '_> {
    fn get(&self, column: &str) -> Result<&str> {
        self.header
            .iter()
            .position(|h| *h == column)
            .and_then(|i| self.cells.get(i))
            .map(|c| c.trim())
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidData,
                    format!("Line {} has no \"{column}\" cell.", self.line),
                )
            })
    }

    fn locate(&self, e: Error) -> Error {
        Error::new(e.code(), format!("Line {}: {}", self.line, e.message()))
    }
}

/// `agency` with each name spelt as `spellings` displays it.
fn displayed(spellings: &BTreeMap<String, String>, agency: &Agency) -> Agency {
    let spell = |name: &str| {
        spellings
            .get(&agency_key(name))
            .cloned()
            .unwrap_or_else(|| single_spaced(name))
    };
    Agency {
        level1: spell(&agency.level1),
        level2: spell(&agency.level2),
    }
}

fn note_spellings(spellings: &mut BTreeMap<String, String>, agency: &Agency) {
    for name in [&agency.level1, &agency.level2] {
        if !name.trim().is_empty() {
            spellings
                .entry(agency_key(name))
                .or_insert_with(|| single_spaced(name));
        }
    }
}

/// A unit-cost code: 1 to 32 of `A-Z a-z 0-9 . & - _`.
fn is_code(code: &str) -> bool {
    (1..=32).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'&' | b'-' | b'_'))
}

/// Lower-case hex of a digest.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            if let Some(&d) = DIGITS.get(usize::from(nibble)) {
                out.push(char::from(d));
            }
        }
    }
    out
}
