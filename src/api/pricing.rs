//! What every call that prices something shares: which unit-cost table
//! (`unitCostTable`, or a council's own `councilTable`) and which deflator
//! series (`deflator`) it uses, and the receipt that names them.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::json::Object;
use super::{Receipt, TableRef};
use crate::costs::council::{self, CouncilTable};
use crate::costs::{DeflatorSeries, FinancialYear, TableId, UnitCostTable};
use crate::error::{Error, ErrorCode};

/// A council's own unit-cost table, sent as the CSV text of the template's
/// columns (`code,description,agency_l1,agency_l2,unit,cost,price_year,rag,source`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CouncilTableCall {
    /// A name for the table (`"Salford 2025-26"`); its id is `council:<name>`.
    pub name: String,
    /// The CSV text.
    pub csv: String,
    /// A built-in table the council's rows sit on top of (a council row
    /// replaces the built-in row of the same code); left out, the council's
    /// table stands alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub extends: Option<String>,
}

super::call_fields! {
    CouncilTableCall: ["name", "csv", "extends"];
}

/// The pricing fields of a call, from parsed JSON.
pub(crate) fn read_pricing(
    root: &Object<'_, '_>,
) -> (Option<String>, Option<String>, Option<CouncilTableCall>) {
    let optional = |key: &str| {
        let text = root.text(key, false);
        (!text.is_empty()).then(|| text.to_owned())
    };
    let council = root.one::<CouncilTableCall>("councilTable").map(|c| {
        let extends = c.text("extends", false);
        CouncilTableCall {
            name: c.text("name", true).to_owned(),
            csv: c.text("csv", true).to_owned(),
            extends: (!extends.is_empty()).then(|| extends.to_owned()),
        }
    });
    (optional("unitCostTable"), optional("deflator"), council)
}

/// The table and series a call prices with.
#[derive(Debug, Clone)]
pub(crate) struct Pricing {
    /// The table, re-based with the series asked for, with the council's
    /// table if one was sent.
    pub table: UnitCostTable,
    /// The council's table as read, if one was sent.
    pub council: Option<Arc<CouncilTable>>,
}

impl Pricing {
    /// The base year a call asked for, or the series' latest outturn year
    /// when it asked for none; an unknown year is an error at `path`.
    pub(crate) fn base_year(&self, text: &str, path: &str) -> Result<FinancialYear, Error> {
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
    pub(crate) fn council_notes(&self) -> Vec<(String, String)> {
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

    /// Why a code is not in the table, when the council's row with that code
    /// was left out.
    pub(crate) fn rejected_reason(&self, code: &str) -> Option<String> {
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
pub(crate) fn resolve(
    table: Option<&str>,
    deflator: Option<&str>,
    council: Option<&CouncilTableCall>,
    errors: &mut Vec<Error>,
) -> Option<Pricing> {
    let series = match DeflatorSeries::builtin(
        deflator.unwrap_or(crate::costs::series::DEFAULT_SERIES_ID),
    ) {
        Ok(s) => Some(s),
        Err(e) => {
            errors.push(e.at("deflator"));
            None
        }
    };
    let builtin = match UnitCostTable::builtin(table.unwrap_or(crate::costs::NATIONAL_TABLE_ID)) {
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
    let extends = match council.extends.as_deref() {
        None => None,
        Some(id) => match UnitCostTable::builtin(id) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.push(e.at("councilTable.extends"));
                return None;
            }
        },
    };
    match council::read_cached(&council.name, &council.csv, extends, series) {
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

fn table_ref(id: &TableId) -> TableRef {
    TableRef {
        id: id.id.clone(),
        sha256: id.sha256.clone(),
    }
}

impl Receipt {
    /// The receipt naming the table and series `table` prices with: the
    /// built-in table (or the council's, when it stands alone), the built-in
    /// one a council table extends, and the deflator series.
    pub(crate) fn priced(mut self, table: &UnitCostTable) -> Self {
        let (used, extends, series) = table.receipt_ids();
        self.unit_cost_table = table_ref(&used);
        self.extends_table = extends.as_ref().map(|e| Box::new(table_ref(e)));
        self.deflator = table_ref(&series);
        self
    }
}
