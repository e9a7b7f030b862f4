//! Deflator series: the GDP-deflator indexes unit costs are re-based with, as
//! versioned data.
//!
//! Two series are built in (`data/`):
//! - `hmt-gdp-2026-03`, HM Treasury's GDP deflators of March 2026 (2024-25 =
//!   100, financial years 2000/01 to 2030/31, forecasts from 2025/26): the
//!   default, so answers are in today's money unless a call asks otherwise;
//! - `ucd-v1.2-ons-2013-06`, the index the Unit Cost Database v1.2 was uprated
//!   with (ONS, June 2013; 1989/90 = 100), which reproduces its published
//!   2013/14 column.
//!
//! A series may be **chain-linked** to an older one for the years before its
//! first: the HM Treasury series starts in 2000/01, so a cost priced in 1995/96
//! is carried to 2000/01 by the UCD's index and from there by HM Treasury's.
//! With `L` the link year (the earliest year both have), `S` the series and
//! `U` the older index:
//!
//! ```text
//! value_to = value_from × U[L] ÷ U[from] × S[to] ÷ S[L]     (from before L, to from L on)
//! ```
//!
//! In general each year `y` has an index written as a fraction `n_y ÷ d_y`:
//! `S[y] ÷ 1` for the series' own years and `S[L] × U[y] ÷ U[L]` for linked
//! years, and `value_to = value_from × n_to × d_from ÷ (d_to × n_from)`, all
//! multiplications first and one division, then rounded to the penny.

use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::{hex, DeflatorIndex, DeflatorYear, FinancialYear};
use crate::error::{Error, ErrorCode, Result};
use crate::money::{Money, Rounding};

/// The id of the HM Treasury March 2026 series (the default).
pub const HMT_2026_03_ID: &str = "hmt-gdp-2026-03";
/// The id of the Unit Cost Database v1.2's own index.
pub const UCD_V1_2_SERIES_ID: &str = "ucd-v1.2-ons-2013-06";
/// The series used when a call names none: the newest.
pub const DEFAULT_SERIES_ID: &str = HMT_2026_03_ID;

/// A built-in series, as shipped.
struct Builtin {
    id: &'static str,
    title: &'static str,
    source: &'static str,
    tsv: &'static str,
    /// The series older years are chain-linked through, if any.
    link: Option<&'static str>,
}

const BUILTIN: [Builtin; 2] = [
    Builtin {
        id: HMT_2026_03_ID,
        title: "HM Treasury GDP deflators, March 2026 (2024-25 = 100)",
        source: "HM Treasury, GDP deflators at market prices, and money GDP, March 2026 (Quarterly National Accounts): ONS series L8GG outturn to 2024-25, OBR March 2026 forecasts from 2025-26 [S]; years before 2000/01 chain-linked through the UCD v1.2 index at 2000/01",
        tsv: include_str!("../../data/gdp_deflator_hmt_2026_03.tsv"),
        link: Some(UCD_V1_2_SERIES_ID),
    },
    Builtin {
        id: UCD_V1_2_SERIES_ID,
        title: "Unit Cost Database v1.2 index (ONS, June 2013; 1989/90 = 100)",
        source: "New Economy Unit Cost Database v1.2, GDP-deflator sheet: ONS GDP deflators at market prices and money GDP, 27 June 2013; 2013/14 on are OBR March 2013 forecasts [V]",
        tsv: super::DEFLATOR_TSV,
        link: None,
    },
];

/// One year a series covers, with how its index is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesYear {
    /// The year.
    pub year: FinancialYear,
    /// The index on the series' own base: its own value, or for a linked
    /// year the chain-linked value `S[L] × U[y] ÷ U[L]`, shown to six places
    /// ([`Rounding::Index`]); re-basing uses the exact fraction.
    pub index: Decimal,
    /// True for a forecast.
    pub forecast: bool,
    /// True when the year is reached through the chain link.
    pub linked: bool,
    /// `n_y` of the fraction (see the module's documentation).
    numerator: Decimal,
    /// `d_y` of the fraction.
    denominator: Decimal,
}

/// A GDP-deflator series: its data, where they come from, and the older
/// series its first years are chain-linked through.
#[derive(Debug, Clone)]
pub struct DeflatorSeries {
    id: String,
    title: String,
    source: String,
    sha256: String,
    /// Every year covered, earliest first (linked years, then its own).
    years: Vec<SeriesYear>,
    /// The link year and the id of the series linked through.
    link: Option<(FinancialYear, String)>,
}

impl DeflatorSeries {
    /// A series from its TSV (the format of `data/gdp_deflator_hmt_2026_03.tsv`),
    /// optionally chain-linked through `link` for the years before its first.
    /// Its hash is the SHA-256 of the TSV's bytes.
    pub fn from_tsv(
        id: &str,
        title: &str,
        source: &str,
        tsv: &str,
        link: Option<&DeflatorSeries>,
    ) -> Result<Self> {
        let own = DeflatorIndex::from_tsv(tsv)?;
        let first = own.years().first().ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidData,
                format!("The deflator series {id} has no years."),
            )
        })?;
        let mut years = Vec::new();
        let mut link_info = None;
        if let Some(older) = link {
            // The link year: the earliest year both have.
            let link_year = own
                .years()
                .iter()
                .find(|y| older.get(y.year).is_some())
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::InvalidData,
                        format!(
                            "The deflator series {id} has no year in common with {}, so it cannot be chain-linked.",
                            older.id
                        ),
                    )
                })?;
            let older_at_link = older.require(link_year.year)?;
            for y in older.years().iter().filter(|y| y.year < first.year) {
                // S[L] × U[y] ÷ U[L], kept as a fraction of the older series'
                // own fraction: n = S[L] × n_U[y] × d_U[L], d = d_U[y] × n_U[L].
                let numerator = link_year
                    .index
                    .checked_mul(y.numerator)
                    .and_then(|v| v.checked_mul(older_at_link.denominator))
                    .ok_or_else(overflow)?;
                let denominator = y
                    .denominator
                    .checked_mul(older_at_link.numerator)
                    .ok_or_else(overflow)?;
                let index =
                    Rounding::Index.apply(numerator.checked_div(denominator).ok_or_else(overflow)?);
                years.push(SeriesYear {
                    year: y.year,
                    index,
                    forecast: y.forecast,
                    linked: true,
                    numerator,
                    denominator,
                });
            }
            link_info = Some((link_year.year, older.id.clone()));
        }
        years.extend(own.years().iter().map(|y: &DeflatorYear| SeriesYear {
            year: y.year,
            index: y.index,
            forecast: y.forecast,
            linked: false,
            numerator: y.index,
            denominator: Decimal::ONE,
        }));
        Ok(Self {
            id: id.to_owned(),
            title: title.to_owned(),
            source: source.to_owned(),
            sha256: hex(&Sha256::digest(tsv.as_bytes())),
            years,
            link: link_info,
        })
    }

    /// A built-in series by id (read once), or an `unknown_series` error naming those there are.
    pub fn builtin(id: &str) -> Result<&'static Arc<DeflatorSeries>> {
        static SERIES: [OnceLock<Result<Arc<DeflatorSeries>>>; 2] =
            [OnceLock::new(), OnceLock::new()];
        let position = BUILTIN.iter().position(|b| b.id == id).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownSeries,
                format!(
                    "There is no deflator series \"{id}\"; the engine has {}.",
                    series_ids().join(" and ")
                ),
            )
        })?;
        let (slot, builtin) = SERIES
            .get(position)
            .zip(BUILTIN.get(position))
            .ok_or_else(|| Error::new(ErrorCode::UnknownSeries, "No such deflator series."))?;
        slot.get_or_init(|| {
            let link = match builtin.link {
                Some(older) => Some(Self::builtin(older)?.as_ref()),
                None => None,
            };
            Self::from_tsv(builtin.id, builtin.title, builtin.source, builtin.tsv, link)
                .map(Arc::new)
        })
        .as_ref()
        .map_err(Clone::clone)
    }

    /// The default series (the newest).
    pub fn default_series() -> Result<&'static Arc<DeflatorSeries>> {
        Self::builtin(DEFAULT_SERIES_ID)
    }

    /// The series' id (`hmt-gdp-2026-03`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Where its values come from, with the evidence tag.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Lower-case hex SHA-256 of its TSV file.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The link year and the id of the series the earlier years are linked through.
    pub fn link(&self) -> Option<(FinancialYear, &str)> {
        self.link.as_ref().map(|(y, id)| (*y, id.as_str()))
    }

    /// Every year covered, earliest first.
    pub fn years(&self) -> &[SeriesYear] {
        &self.years
    }

    /// The latest year that is an outturn, not a forecast: the year pages open at.
    pub fn latest_outturn(&self) -> Option<FinancialYear> {
        self.years
            .iter()
            .rev()
            .find(|y| !y.forecast)
            .or_else(|| self.years.last())
            .map(|y| y.year)
    }

    /// The entry for `year`, if covered.
    pub fn get(&self, year: FinancialYear) -> Option<&SeriesYear> {
        self.years
            .binary_search_by_key(&year, |y| y.year)
            .ok()
            .and_then(|i| self.years.get(i))
    }

    /// The entry for `year`, or an `unknown_year` error naming the series and its range.
    pub fn require(&self, year: FinancialYear) -> Result<&SeriesYear> {
        self.get(year).ok_or_else(|| {
            let range = match (self.years.first(), self.years.last()) {
                (Some(a), Some(b)) => format!("{} to {}", a.year, b.year),
                _ => "no years".to_owned(),
            };
            Error::new(
                ErrorCode::UnknownYear,
                format!(
                    "The deflator series {} has no value for {year}; it covers {range}.",
                    self.id
                ),
            )
        })
    }

    /// Re-bases `amount` from prices of `from` to prices of `to`, rounded to
    /// the penny: `amount × n_to × d_from ÷ (d_to × n_from)`.
    pub fn rebase(&self, amount: Money, from: FinancialYear, to: FinancialYear) -> Result<Money> {
        let from = self.require(from)?;
        let to = self.require(to)?;
        // Multiply before dividing, so the only inexact step is the one
        // division (28 significant digits), far below the penny.
        let numerator = to
            .numerator
            .checked_mul(from.denominator)
            .ok_or_else(overflow)?;
        let denominator = to
            .denominator
            .checked_mul(from.numerator)
            .ok_or_else(overflow)?;
        Ok(amount
            .checked_mul(numerator)?
            .checked_div(denominator)?
            .round(Rounding::Penny))
    }

    /// The note an answer carries when `year` is a forecast of this series.
    pub fn forecast_note(&self, year: FinancialYear) -> Option<String> {
        self.get(year).filter(|y| y.forecast).map(|_| {
            format!(
                "The deflator for {year} is a forecast in {} ({}), not an outturn; amounts at {year} prices are estimates.",
                self.id, self.title
            )
        })
    }

    /// The note a line carries when its price year is reached through the chain link.
    pub fn link_note(&self, code: &str, price_year: FinancialYear) -> Option<String> {
        let (link_year, older) = self.link()?;
        self.get(price_year).filter(|y| y.linked).map(|_| {
            format!(
                "{code} is priced in {price_year}, before {} starts; it is carried to {link_year} by the {older} index and from there by {}: cost × {older}[{link_year}] ÷ {older}[{price_year}] × {}[to] ÷ {}[{link_year}].",
                self.id, self.id, self.id, self.id
            )
        })
    }
}

/// The ids of the built-in series, the default first.
pub fn series_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|b| b.id).collect()
}

fn overflow() -> Error {
    Error::new(
        ErrorCode::Overflow,
        "A deflator value is too large to represent.",
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn fy(text: &str) -> FinancialYear {
        FinancialYear::parse(text).unwrap()
    }

    #[test]
    fn the_default_is_the_newest_series_and_opens_at_its_latest_outturn() {
        let series = DeflatorSeries::default_series().unwrap();
        assert_eq!(series.id(), HMT_2026_03_ID);
        assert_eq!(series.latest_outturn(), Some(fy("2024/25")));
        assert!(series.get(fy("2025/26")).unwrap().forecast);
        assert_eq!(series.link(), Some((fy("2000/01"), UCD_V1_2_SERIES_ID)));
    }

    #[test]
    fn an_unknown_series_names_those_there_are() {
        let e = DeflatorSeries::builtin("hmt-1999").unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnknownSeries);
        assert!(e.message().contains(HMT_2026_03_ID), "{e}");
    }
}
