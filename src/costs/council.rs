//! A council's own unit-cost table, read from CSV: GMCA's current workbook
//! exported to CSV, or the council's local costs.
//!
//! The columns are the template's (`data/unit_cost_template.csv`): `code`,
//! `description`, `agency_l1`, `agency_l2`, `unit`, `cost`, `price_year`,
//! `rag`, `source`, in any order (the UCD's own names `original_cost` and
//! `RAG` are read too; other columns are ignored and listed). Every row is
//! checked cell by cell: a row with a problem is left out and each problem
//! names its line and column; the good rows are kept, and the counts reconcile
//! (rows read = rows accepted + rows rejected).
//!
//! The table stands alone, or sits on top of a built-in table (a council row
//! replaces the built-in row of the same code). Its id is `council:<name>` and
//! its hash the SHA-256 of the CSV text's bytes.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::{
    agency_key, hex, is_code, Agency, DeflatorSeries, FinancialYear, Origin, Rag, TableId,
    UnitCost, UnitCostTable, MULTIPLE_AGENCY_KEY,
};
use crate::error::{Error, ErrorCode, Result};
use crate::money::Money;

/// How the id of a council table starts.
pub const COUNCIL_PREFIX: &str = "council:";

/// The most rows a council table may have (the whole UCD v1.2 has under 700;
/// GMCA's v3.0 about 1,100).
pub const MAX_ROWS: usize = 20_000;

/// The columns a council table must have.
pub const REQUIRED_COLUMNS: [&str; 5] = ["code", "description", "agency_l1", "cost", "price_year"];

/// The columns a council table may have, beyond the required ones.
pub const OPTIONAL_COLUMNS: [&str; 4] = ["agency_l2", "unit", "rag", "source"];

/// A problem with one cell (or a whole row, column 0) of a council table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    /// The column's position, from 1; 0 for the row as a whole.
    pub column: u32,
    /// The column's header as written in the file; empty for the row as a whole.
    pub column_name: String,
    /// What is wrong.
    pub error: Error,
}

/// A council table as read and checked.
#[derive(Debug, Clone)]
pub struct CouncilTable {
    /// Its id (`council:<name>`) and the SHA-256 of the CSV text.
    pub id: TableId,
    /// The table: the council's rows alone, or on the built-in table named.
    pub table: UnitCostTable,
    /// Data rows read (blank lines are not rows).
    pub rows_read: u64,
    /// Rows kept.
    pub rows_accepted: u64,
    /// Rows left out, each with at least one problem.
    pub rows_rejected: u64,
    /// Every problem, in file order.
    pub problems: Vec<CellProblem>,
    /// Columns of the file the engine does not read.
    pub ignored_columns: Vec<String>,
    /// The code and line of each row left out.
    pub rejected_codes: Vec<(String, u64)>,
}

/// Reads a council's table from CSV text, re-based with `series`, alone
/// (`extends` is `None`) or on top of a built-in table. A file that cannot
/// be read at all (no header, a required column missing, too many rows) is
/// an error; a bad row is a [`CellProblem`] and the others are kept.
pub fn read(
    name: &str,
    csv: &str,
    extends: Option<&UnitCostTable>,
    series: &Arc<DeflatorSeries>,
) -> Result<CouncilTable> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > 64
        || !name
            .chars()
            // Letters of any language (Ynys Môn), digits and a few marks; the
            // test stays ASCII-only plus "not a control character", so that no
            // Unicode tables are linked into the .wasm.
            .all(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, ' ' | '-' | '_' | '.' | '(' | ')' | '\'')
                    || (!c.is_ascii() && !c.is_control())
            })
    {
        return Err(Error::new(
            ErrorCode::InvalidField,
            "Name the council table in 1 to 64 letters, digits, spaces or the marks - _ . ( ) (for example \"Salford 2025-26\").",
        )
        .at("name"));
    }
    let id = TableId {
        id: format!("{COUNCIL_PREFIX}{name}"),
        sha256: hex(&Sha256::digest(csv.as_bytes())),
    };
    let records = records(csv)?;
    let mut records = records.into_iter();
    let (_, header) = records.next().ok_or_else(|| {
        Error::new(
            ErrorCode::MissingColumn,
            "The file is empty: it needs a header row (code,description,agency_l1,agency_l2,unit,cost,price_year,rag,source), then one row per unit cost.",
        )
        .at("csv")
    })?;
    let columns = Columns::of(&header)?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut rows_read: u64 = 0;
    let mut rejected_codes = Vec::new();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for (line, cells) in records {
        rows_read = rows_read.saturating_add(1);
        if usize::try_from(rows_read).map_or(true, |n| n > MAX_ROWS) {
            return Err(Error::new(
                ErrorCode::InvalidData,
                format!("A council table has at most {MAX_ROWS} rows; this file has more. Split it, or keep only the costs the council uses."),
            )
            .at("csv"));
        }
        let before = problems.len();
        let row = columns.row(line, &cells, series, &mut problems);
        if let Some(row) = &row {
            if let Some(first) = seen.get(&row.code) {
                problems.push(CellProblem {
                    line,
                    column: columns.position("code"),
                    column_name: columns.name("code"),
                    error: Error::new(
                        ErrorCode::DuplicateCode,
                        format!(
                            "The code {} is already on line {first}; each code appears once.",
                            row.code
                        ),
                    ),
                });
            } else {
                seen.insert(row.code.clone(), line);
            }
        }
        match row {
            Some(row) if problems.len() == before => rows.push(row),
            _ => rejected_codes.push((columns.cell(&cells, "code").to_owned(), line)),
        }
    }
    let rows_accepted = u64::try_from(rows.len()).unwrap_or(u64::MAX);
    let table = match extends {
        None => UnitCostTable::from_rows(&id.id, id.sha256.clone(), rows, series)?,
        Some(base) => {
            let mut table = base.with_series(series);
            table
                .local
                .retain(|r| !rows.iter().any(|c: &UnitCost| c.code == r.code));
            let spellings: Vec<Agency> = rows
                .iter()
                .map(|r| Agency {
                    level1: table.display_agency(&r.agency.level1),
                    level2: table.display_agency(&r.agency.level2),
                })
                .collect();
            for (mut row, agency) in rows.into_iter().zip(spellings) {
                row.agency = agency;
                table.local.push(row);
            }
            table
        }
    };
    let mut table = table;
    table.council = Some(Arc::new(id.clone()));
    Ok(CouncilTable {
        id,
        table,
        rows_read,
        rows_accepted,
        rows_rejected: rows_read.saturating_sub(rows_accepted),
        problems,
        ignored_columns: columns.ignored,
        rejected_codes,
    })
}

/// [`read`], remembering the last table read on this thread, so that the
/// calls of an officer typing (each sending the same CSV) parse it once.
pub fn read_cached(
    name: &str,
    csv: &str,
    extends: Option<&UnitCostTable>,
    series: &Arc<DeflatorSeries>,
) -> Result<Arc<CouncilTable>> {
    struct Last {
        name: String,
        csv: String,
        extends: Option<String>,
        series: String,
        table: Arc<CouncilTable>,
    }
    thread_local! {
        static LAST: RefCell<Option<Last>> = const { RefCell::new(None) };
    }
    let extends_id = extends.map(|t| t.table_id().id);
    let hit = LAST.with(|last| {
        last.borrow().as_ref().and_then(|l| {
            (l.name == name && l.extends == extends_id && l.series == series.id() && l.csv == csv)
                .then(|| Arc::clone(&l.table))
        })
    });
    if let Some(table) = hit {
        return Ok(table);
    }
    let table = Arc::new(read(name, csv, extends, series)?);
    LAST.with(|last| {
        *last.borrow_mut() = Some(Last {
            name: name.to_owned(),
            csv: csv.to_owned(),
            extends: extends_id,
            series: series.id().to_owned(),
            table: Arc::clone(&table),
        });
    });
    Ok(table)
}

/// The records of a CSV text, each with the line it starts on; blank lines
/// are skipped. A quoted cell may hold commas, quotes (doubled) and line breaks.
fn records(csv: &str) -> Result<Vec<(u64, Vec<String>)>> {
    let text = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    let mut reader = csv_core::Reader::new();
    let mut input = text.as_bytes();
    let mut out = vec![0u8; 1024];
    let mut ends = vec![0usize; 64];
    let mut field_bytes: Vec<u8> = Vec::new();
    let mut field_ends: Vec<usize> = Vec::new();
    let mut records = Vec::new();
    let bytes = text.as_bytes();
    // Where the record being read starts: its first byte that is not a line
    // break (csv-core skips blank lines), and the line that byte is on.
    let start_of = |from: usize| -> u64 {
        let start = bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|b| *b != b'\n' && *b != b'\r'))
            .map_or(bytes.len(), |p| from.saturating_add(p));
        let breaks = bytes
            .get(..start)
            .unwrap_or_default()
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        u64::try_from(breaks).unwrap_or(u64::MAX).saturating_add(1)
    };
    let mut consumed = 0usize;
    let mut start_line: u64 = start_of(0);
    loop {
        let at_end = input.is_empty();
        let (result, read, written, ended) =
            reader.read_record(input, out.as_mut_slice(), ends.as_mut_slice());
        input = input.get(read..).unwrap_or_default();
        consumed = consumed.saturating_add(read);
        // csv-core gives the ends of fields from the start of the record,
        // across calls.
        field_bytes.extend_from_slice(out.get(..written).unwrap_or_default());
        field_ends.extend_from_slice(ends.get(..ended).unwrap_or_default());
        match result {
            // The next call, with no input left, tells csv-core the text has
            // ended, so that a last line without a line break is a record.
            csv_core::ReadRecordResult::InputEmpty if !at_end => {}
            csv_core::ReadRecordResult::InputEmpty | csv_core::ReadRecordResult::End => break,
            csv_core::ReadRecordResult::OutputFull => {
                let bigger = out.len().saturating_mul(2);
                out.resize(bigger, 0);
            }
            csv_core::ReadRecordResult::OutputEndsFull => {
                let bigger = ends.len().saturating_mul(2);
                ends.resize(bigger, 0);
            }
            csv_core::ReadRecordResult::Record => {
                push_record(&mut records, start_line, &field_bytes, &field_ends)?;
                field_bytes.clear();
                field_ends.clear();
                start_line = start_of(consumed);
            }
        }
    }
    Ok(records)
}

fn push_record(
    records: &mut Vec<(u64, Vec<String>)>,
    line: u64,
    bytes: &[u8],
    ends: &[usize],
) -> Result<()> {
    let mut cells = Vec::with_capacity(ends.len());
    let mut start = 0;
    for &end in ends {
        let cell = bytes.get(start..end).unwrap_or_default();
        cells.push(String::from_utf8_lossy(cell).into_owned());
        start = end;
    }
    // A blank line is one empty cell: not a row.
    if !(cells.len() == 1 && cells.iter().all(|c| c.trim().is_empty())) {
        records.push((line, cells));
    }
    Ok(())
}

/// The file's columns: where each column the engine reads is.
struct Columns {
    /// Canonical name → (position from 0, header as written).
    found: BTreeMap<&'static str, (usize, String)>,
    ignored: Vec<String>,
}

/// The names a column may go by, by canonical name.
const ALIASES: [(&str, &[&str]); 9] = [
    ("code", &["code"]),
    ("description", &["description", "detail"]),
    (
        "agency_l1",
        &["agency_l1", "agency", "agency_level_1", "agency_level1"],
    ),
    (
        "agency_l2",
        &["agency_l2", "sub_agency", "agency_level_2", "agency_level2"],
    ),
    ("unit", &["unit"]),
    ("cost", &["cost", "original_cost", "unit_cost"]),
    ("price_year", &["price_year", "original_price_year"]),
    ("rag", &["rag", "rag_rating"]),
    ("source", &["source", "original_source"]),
];

impl Columns {
    fn of(header: &[String]) -> Result<Self> {
        let mut found: BTreeMap<&'static str, (usize, String)> = BTreeMap::new();
        let mut ignored = Vec::new();
        for (position, written) in header.iter().enumerate() {
            let key: String = written
                .trim()
                .to_ascii_lowercase()
                .chars()
                .map(|c| if c == ' ' || c == '-' { '_' } else { c })
                .collect();
            match ALIASES
                .iter()
                .find(|(_, names)| names.contains(&key.as_str()))
            {
                Some((canonical, _)) => {
                    if found.contains_key(canonical) {
                        return Err(Error::new(
                            ErrorCode::DuplicateColumn,
                            format!("The header names the column {canonical} twice (\"{written}\" is column {}).", position + 1),
                        )
                        .at("csv"));
                    }
                    found.insert(canonical, (position, written.trim().to_owned()));
                }
                None => ignored.push(written.trim().to_owned()),
            }
        }
        let missing: Vec<&str> = REQUIRED_COLUMNS
            .iter()
            .copied()
            .filter(|c| !found.contains_key(c))
            .collect();
        if !missing.is_empty() {
            return Err(Error::new(
                ErrorCode::MissingColumn,
                format!(
                    "The header row lacks the column{} {}; a council table needs code, description, agency_l1, cost and price_year (and may have agency_l2, unit, rag and source).",
                    if missing.len() == 1 { "" } else { "s" },
                    missing.join(", ")
                ),
            )
            .at("csv"));
        }
        Ok(Self { found, ignored })
    }

    fn position(&self, column: &str) -> u32 {
        self.found
            .get(column)
            .and_then(|(p, _)| u32::try_from(p.saturating_add(1)).ok())
            .unwrap_or(0)
    }

    fn name(&self, column: &str) -> String {
        self.found
            .get(column)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }

    fn cell<'c>(&self, cells: &'c [String], column: &str) -> &'c str {
        self.found
            .get(column)
            .and_then(|(p, _)| cells.get(*p))
            .map_or("", |c| c.trim())
    }

    /// One row as a unit cost, or `None` with its problems recorded.
    fn row(
        &self,
        line: u64,
        cells: &[String],
        series: &DeflatorSeries,
        problems: &mut Vec<CellProblem>,
    ) -> Option<UnitCost> {
        let mut problem = |column: &str, error: Error| {
            problems.push(CellProblem {
                line,
                column: self.position(column),
                column_name: self.name(column),
                error,
            });
        };
        let before_cells = cells.len();
        let widest = self.found.values().map(|(p, _)| *p).max().unwrap_or(0);
        if before_cells <= widest {
            problem(
                "",
                Error::new(
                    ErrorCode::CellCount,
                    format!(
                        "The row has {before_cells} cells, too few to reach every column of the header."
                    ),
                ),
            );
            return None;
        }
        let mut ok = true;
        let code = self.cell(cells, "code");
        if !is_code(code) {
            ok = false;
            problem(
                "code",
                Error::new(
                    ErrorCode::InvalidField,
                    if code.is_empty() {
                        "Enter the row's code (for example LOCAL-PCO).".to_owned()
                    } else {
                        format!("\"{code}\" is not a code: 1 to 32 letters, digits or the marks . & - _, with no spaces.")
                    },
                ),
            );
        }
        let description = self.cell(cells, "description");
        if description.is_empty() {
            ok = false;
            problem(
                "description",
                Error::new(ErrorCode::InvalidField, "Enter what the cost is for."),
            );
        }
        let agency = self.cell(cells, "agency_l1");
        let key = agency_key(agency);
        if key.is_empty() || key == MULTIPLE_AGENCY_KEY {
            ok = false;
            problem(
                "agency_l1",
                Error::new(
                    ErrorCode::InvalidField,
                    "Enter the one agency that bears the cost (for example \"Police\"); split a shared cost into one row per agency.",
                ),
            );
        }
        let cost = match parse_cost(self.cell(cells, "cost")) {
            Ok(cost) if cost.is_negative() => {
                problem(
                    "cost",
                    Error::new(ErrorCode::InvalidMoney, "A unit cost cannot be negative."),
                );
                None
            }
            Ok(cost) => Some(cost),
            Err(e) => {
                problem("cost", e);
                None
            }
        };
        let price_year = match parse_year(self.cell(cells, "price_year")) {
            Ok(year) => match series.require(year) {
                Ok(_) => Some(year),
                Err(e) => {
                    problem("price_year", e);
                    None
                }
            },
            Err(e) => {
                problem("price_year", e);
                None
            }
        };
        let rag = match self.cell(cells, "rag") {
            "" => Some(None),
            text => match text.to_ascii_lowercase().as_str() {
                "g" | "green" => Some(Some(Rag::Green)),
                "a" | "amber" => Some(Some(Rag::Amber)),
                "r" | "red" => Some(Some(Rag::Red)),
                _ => {
                    problem(
                        "rag",
                        Error::new(
                            ErrorCode::InvalidField,
                            format!("A RAG rating is G, A or R (or Green, Amber, Red), or empty; not \"{text}\"."),
                        ),
                    );
                    None
                }
            },
        };
        let (Some(cost), Some(price_year), Some(rag), true) = (cost, price_year, rag, ok) else {
            return None;
        };
        Some(UnitCost {
            code: code.to_owned(),
            category: String::new(),
            detail: String::new(),
            description: description.to_owned(),
            agency: Agency {
                level1: agency.to_owned(),
                level2: self.cell(cells, "agency_l2").to_owned(),
            },
            unit: self.cell(cells, "unit").to_owned(),
            original_cost: cost,
            price_year,
            published_2013_14: None,
            rag,
            source: self.cell(cells, "source").to_owned(),
            origin: Origin::Council,
        })
    }
}

/// A cost as a spreadsheet exports it: `1234.56`, `£1234.56` or `£1,234.56`
/// (commas only between groups of three digits).
fn parse_cost(text: &str) -> Result<Money> {
    let bad = || {
        Error::new(
            ErrorCode::InvalidMoney,
            if text.is_empty() {
                "Enter the cost, in pounds (for example 1234.56).".to_owned()
            } else {
                format!("\"{text}\" is not an amount of money; write it like 1234.56 or £1,234.56.")
            },
        )
    };
    let plain = text.strip_prefix('£').unwrap_or(text).trim();
    let (whole, fraction) = plain
        .split_once('.')
        .map_or((plain, None), |(w, f)| (w, Some(f)));
    let digits = if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or_default();
        let first_ok = (1..=3).contains(&first.trim_start_matches('-').len());
        if !first_ok || !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad());
        }
        whole.replace(',', "")
    } else {
        whole.to_owned()
    };
    let joined = match fraction {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    Money::parse(&joined).map_err(|_| bad())
}

/// A price year written `2010/11` (or `2010-11`, as HM Treasury writes it).
fn parse_year(text: &str) -> Result<FinancialYear> {
    if text.is_empty() {
        return Err(Error::new(
            ErrorCode::UnknownYear,
            "Enter the cost's price year (for example 2024/25).",
        ));
    }
    FinancialYear::parse(&text.replacen('-', "/", 1))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn costs_read_as_spreadsheets_write_them() {
        assert_eq!(parse_cost("1234.56").unwrap().to_string(), "1234.56");
        assert_eq!(parse_cost("£1,234.56").unwrap().to_string(), "1234.56");
        assert_eq!(parse_cost("£12,345,678").unwrap().to_string(), "12345678");
        for bad in ["12,50", "£1,23.00", "", "abc", "1,2345"] {
            assert!(parse_cost(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn quoted_cells_keep_commas_and_line_breaks_and_rows_keep_their_first_line() {
        let csv = "code,description\r\nA1,\"one, two\"\n\nB2,\"three\nfour\"\nC3,last";
        let got = records(csv).unwrap();
        let lines: Vec<u64> = got.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![1, 2, 4, 6]);
        assert_eq!(got[1].1[1], "one, two");
        assert_eq!(got[2].1[1], "three\nfour");
        assert_eq!(got[3].1, vec!["C3", "last"]);
        // A cell longer than the reader's first buffer, and more cells than its first list of ends.
        let long = "x".repeat(5000);
        let wide = (0..100)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let got = records(&format!("a,b\n1,\"{long}\"\n{wide}")).unwrap();
        assert_eq!(got[1].1[1].len(), 5000);
        assert_eq!(got[2].1.len(), 100);
        assert_eq!(got[2].0, 3);
    }
}
