//! Which unit-cost table and deflator series a call prices with: a built-in
//! table (`unitCostTable`), or a council's own (`councilTable`, standing
//! alone or on a built-in one), re-based with a series (`deflator`); the
//! base year a call is priced in (today's money, the series' latest outturn
//! year, when it names none); and what an officer is told about a council's
//! rows that were left out. Problems name the call's fields.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::council::{self, CouncilTable};
use super::{CostItem, DeflatorSeries, FinancialYear, UnitCostTable};
use crate::error::{Error, ErrorCode};

/// A council's own table as a call sends it.
#[derive(Debug, Clone, Copy)]
pub struct CouncilSource<'a> {
    /// Its name (its id is `council:<name>`).
    pub name: &'a str,
    /// The CSV text.
    pub csv: &'a str,
    /// The built-in table its rows sit on, if any.
    pub extends: Option<&'a str>,
}

/// The table and series a call prices with.
#[derive(Debug, Clone)]
pub struct Pricing {
    /// The table, re-based with the series asked for, with the council's
    /// table if one was sent.
    pub table: UnitCostTable,
    /// The council's table as read, if one was sent.
    pub council: Option<Arc<CouncilTable>>,
}

impl Pricing {
    /// The base year a call asked for, or the series' latest outturn year
    /// when it asked for none; an unknown year is an error at `path`.
    pub fn base_year(&self, text: &str, path: &str) -> Result<FinancialYear, Error> {
        let series = self.table.deflator();
        if text.trim().is_empty() {
            return series.latest_outturn().ok_or_else(|| {
                Error::new(ErrorCode::UnknownYear, "The deflator series has no years.").at(path)
            });
        }
        FinancialYear::parse(text)
            .and_then(|y| series.require(y).map(|_| y))
            .map_err(|e| e.at(path))
    }

    /// Notes for the answer: the council's rows left out.
    pub fn council_notes(&self) -> Vec<(String, String)> {
        let Some(council) = &self.council else {
            return Vec::new();
        };
        if council.rows_rejected == 0 {
            return Vec::new();
        }
        let mut lines: Vec<String> = council
            .problems
            .iter()
            .map(|p| p.line.to_string())
            .collect();
        lines.dedup();
        vec![(
            "council_rows_left_out".to_owned(),
            format!(
                "{} of the {} rows of {} were left out (line{} {}); load the table again to see each problem.",
                council.rows_rejected,
                council.rows_read,
                council.id.id,
                if lines.len() == 1 { "" } else { "s" },
                lines.join(", ")
            ),
        )]
    }

    /// The problems of costing `items` as an officer should see them: an
    /// unknown code whose local row was left out (`rejected`, the codes of
    /// the local rows with problems of their own) is not reported a second
    /// time, and one whose council-table row was left out says why.
    pub fn explained(
        &self,
        problems: Vec<Error>,
        items: &[CostItem],
        rejected: &BTreeSet<String>,
    ) -> Vec<Error> {
        problems
            .into_iter()
            .filter_map(|e| {
                let item = (e.code() == ErrorCode::UnknownCode)
                    .then(|| e.location()?.index_in("items"))
                    .flatten()
                    .and_then(|i| items.get(i));
                let Some(item) = item else { return Some(e) };
                if rejected.contains(&item.code) {
                    return None;
                }
                let Some(reason) = self.rejected_reason(&item.code) else {
                    return Some(e);
                };
                let explained = Error::new(e.code(), format!("{}{reason}", e.message()));
                Some(match e.location() {
                    Some(path) => explained.at(path.clone()),
                    None => explained,
                })
            })
            .collect()
    }

    /// Why a code is not in the table, when the council's row with that code
    /// was left out.
    pub fn rejected_reason(&self, code: &str) -> Option<String> {
        let council = self.council.as_ref()?;
        let (_, line) = council.rejected_codes.iter().find(|(c, _)| c == code)?;
        Some(format!(
            " The council table {} has a row with this code on line {line}, but it was left out because of its problems.",
            council.id.id
        ))
    }
}

/// Reads the pricing of a call: every problem is recorded with its field,
/// and `None` comes back when the table or series cannot be had.
pub fn resolve(
    table: Option<&str>,
    deflator: Option<&str>,
    council: Option<CouncilSource<'_>>,
    errors: &mut Vec<Error>,
) -> Option<Pricing> {
    let series = match DeflatorSeries::builtin(deflator.unwrap_or(super::series::DEFAULT_SERIES_ID))
    {
        Ok(s) => Some(s),
        Err(e) => {
            errors.push(e.at("deflator"));
            None
        }
    };
    let builtin = match UnitCostTable::builtin(table.unwrap_or(super::NATIONAL_TABLE_ID)) {
        Ok(t) => Some(t),
        Err(e) => {
            errors.push(e.at("unitCostTable"));
            None
        }
    };
    let series = series?;
    let Some(council) = council else {
        return builtin.map(|t| Pricing {
            table: t.with_series(series),
            council: None,
        });
    };
    if table.is_some() {
        errors.push(
            Error::new(
                ErrorCode::InvalidField,
                "Send either unitCostTable or councilTable, not both; a council table that sits on a built-in one names it in councilTable.extends.",
            )
            .at("unitCostTable"),
        );
        return None;
    }
    let extends = match council.extends {
        None => None,
        Some(id) => match UnitCostTable::builtin(id) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.push(e.at("councilTable.extends"));
                return None;
            }
        },
    };
    match council::read_cached(council.name, council.csv, extends, series) {
        Ok(read) => Some(Pricing {
            table: read.table.clone(),
            council: Some(read),
        }),
        Err(e) => {
            let path = match e.path() {
                Some(p) => format!("councilTable.{p}"),
                None => "councilTable.csv".to_owned(),
            };
            errors.push(Error::new(e.code(), e.message()).at(path));
            None
        }
    }
}
