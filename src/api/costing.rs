//! `unitCosts()` and `costFamily(call)`: the unit-cost library and the cost of
//! a family by agency.

use crate::json::Value;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::json::{Object, Reader};
use super::pricing::{self, Pricing};
use super::{
    indexed, receipt, receipt_as, write_json, CallError, CouncilTableCall, DecimalText, ErrorView,
    Failure, FiguresReceipt, InputHash, Receipt, TableRef, ENGINE_VERSION,
};
use crate::costs::pricing::CouncilSource;
use crate::costs::{self, DeflatorSeries, FinancialYear, LocalRow, Origin, Rag, UnitCostTable};
use crate::error::{Error, ErrorCode};
use crate::money::Money;

/// `unitCosts(options?)`: the built-in unit-cost tables with their rows, and
/// the deflator series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum UnitCostsAnswer {
    /// The tables and series.
    Success(UnitCostsSuccess),
    /// The built-in data could not be read (a packaging fault), or the
    /// options name a table or series the engine lacks.
    Failure(Failure),
}

/// What `unitCosts` may be asked for: one table (its rows only) and the
/// series its `years` come from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnitCostsOptions {
    /// One built-in table; left out, every table is listed with its rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub table: Option<String>,
    /// The series `years` lists; left out, the default series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deflator: Option<String>,
    /// `false` for the tables and series without the tables' rows (each
    /// still says its `rowCount`): what a form needs to open, at a fraction
    /// of the cost; its rows can follow with `{ table }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rows: Option<bool>,
}

/// The unit-cost tables and deflator series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct UnitCostsSuccess {
    /// The table asked for (the default, `ucd-v1.2`, when none was): id and hash.
    pub table: TableRef,
    /// The years of the series asked for (the default, the newest), earliest first.
    pub years: Vec<DeflatorYearView>,
    /// Every row of that table.
    pub rows: Vec<UnitCostView>,
    /// The built-in tables (only the one asked for, when one was), the default first.
    pub tables: Vec<UnitCostTableView>,
    /// The built-in deflator series, the default first.
    pub deflators: Vec<DeflatorSeriesView>,
    /// Engine version.
    pub engine_version: String,
}

/// A built-in unit-cost table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct UnitCostTableView {
    /// Id (`ucd-v1.2`).
    pub id: String,
    /// Title, with its version and date.
    pub title: String,
    /// SHA-256 of its data file.
    pub sha256: String,
    /// True for the table calls use when they name none.
    pub default: bool,
    /// False when this module does not carry the table's data and it has not
    /// been loaded yet (`loadUnitCostTable`); its rows are then empty.
    pub loaded: bool,
    /// How many rows.
    pub row_count: u32,
    /// Its rows.
    pub rows: Vec<UnitCostView>,
}

/// A deflator series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DeflatorSeriesView {
    /// Id (`hmt-gdp-2026-03`).
    pub id: String,
    /// Title.
    pub title: String,
    /// Where its values come from, with the evidence tag.
    pub source: String,
    /// SHA-256 of its data file.
    pub sha256: String,
    /// True for the series calls use when they name none (the newest).
    pub default: bool,
    /// The latest year that is an outturn: the year pages open at.
    pub latest_outturn: String,
    /// The year earlier years are chain-linked at, if they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub link_year: Option<String>,
    /// The series they are chain-linked through.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub linked_through: Option<String>,
    /// Every year covered, earliest first.
    pub years: Vec<DeflatorYearView>,
}

/// One year of a deflator series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DeflatorYearView {
    /// `2024/25`.
    pub year: String,
    /// The index on the series' base, as a decimal string (a chain-linked
    /// year's to six places).
    #[tsify(type = "DecimalString")]
    pub index: String,
    /// True for a forecast year.
    pub forecast: bool,
    /// True for a year reached through the chain link.
    pub linked: bool,
}

/// A row of the unit-cost table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct UnitCostView {
    /// Code, e.g. `CR1.0`.
    pub code: String,
    /// Outcome category.
    pub category: String,
    /// Outcome detail.
    pub detail: String,
    /// What is costed.
    pub description: String,
    /// Agency level 1, as displayed.
    pub agency: String,
    /// Agency level 2, as displayed; empty when none.
    pub sub_agency: String,
    /// Unit.
    pub unit: String,
    /// Cost in its own price year.
    pub original_cost: Money,
    /// Its price year.
    pub price_year: String,
    /// The UCD's published 2013/14 value (whole pounds), national rows only.
    #[serde(rename = "published2013_14", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub published_2013_14: Option<Money>,
    /// `G`, `A` or `R`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Rag")]
    pub rag: Option<String>,
    /// Underlying source.
    pub source: String,
    /// National or local.
    pub origin: Origin,
    /// Codes of the parts this row is costed through (empty if costed itself).
    pub costed_through: Vec<String>,
}

fn unit_cost_view(table: &UnitCostTable, row: &costs::UnitCost) -> UnitCostView {
    UnitCostView {
        code: row.code.clone(),
        category: row.category.clone(),
        detail: row.detail.clone(),
        description: row.description.clone(),
        agency: table.display_agency(&row.agency.level1),
        sub_agency: table.display_agency(&row.agency.level2),
        unit: row.unit.clone(),
        original_cost: row.original_cost,
        price_year: row.price_year.to_string(),
        published_2013_14: row.published_2013_14,
        rag: row.rag.map(|r| r.as_str().to_owned()),
        source: row.source.clone(),
        origin: row.origin,
        costed_through: table
            .costed_parts(row)
            .iter()
            .map(|p| p.code.clone())
            .collect(),
    }
}

fn years_view(series: &DeflatorSeries) -> Vec<DeflatorYearView> {
    series
        .years()
        .iter()
        .map(|y| DeflatorYearView {
            year: y.year.to_string(),
            index: y.index.to_string(),
            forecast: y.forecast,
            linked: y.linked,
        })
        .collect()
}

/// A built-in table whose data are in this module but not read yet, without
/// its rows, from the build's constants and a count of its lines: the view
/// [`table_view`] gives once it is read (`tests/unit_costs_unread.rs`).
fn unread_view(id: &str) -> Option<UnitCostTableView> {
    let row_count = UnitCostTable::unread_row_count(id)?;
    let (title, sha256) = costs::builtin_table_info(id)?;
    Some(UnitCostTableView {
        id: id.to_owned(),
        title: title.to_owned(),
        sha256: sha256.to_owned(),
        default: id == costs::NATIONAL_TABLE_ID,
        loaded: true,
        row_count: u32::try_from(row_count).unwrap_or(u32::MAX),
        rows: Vec::new(),
    })
}

fn table_view(table: &UnitCostTable, with_rows: bool) -> UnitCostTableView {
    let all = table.rows();
    let rows: Vec<UnitCostView> = if with_rows {
        all.iter().map(|r| unit_cost_view(table, r)).collect()
    } else {
        Vec::new()
    };
    let id = table.table_id();
    UnitCostTableView {
        default: id.id == costs::NATIONAL_TABLE_ID,
        loaded: true,
        id: id.id,
        title: table.title().to_owned(),
        sha256: id.sha256,
        row_count: u32::try_from(all.len()).unwrap_or(u32::MAX),
        rows,
    }
}

/// The built-in unit-cost tables and deflator series.
pub fn unit_costs() -> UnitCostsAnswer {
    unit_costs_with(&UnitCostsOptions::default())
}

/// The built-in unit-cost tables (or the one asked for) and deflator series.
pub fn unit_costs_with(options: &UnitCostsOptions) -> UnitCostsAnswer {
    let fail =
        |errors: Vec<Error>| UnitCostsAnswer::Failure(Failure::new(errors, receipt(options)));
    let mut errors = Vec::new();
    let rows = options.rows != Some(false);
    let asked = options.table.as_deref().unwrap_or(costs::NATIONAL_TABLE_ID);
    // Without rows, a built-in table is named from the build's constants and
    // its rows counted, not read (`UnitCostTable::builtin_row_count`).
    let unread = (!rows).then(|| unread_view(asked)).flatten();
    let table = match &unread {
        Some(view) => Some(TableRef {
            id: view.id.clone(),
            sha256: view.sha256.clone(),
        }),
        None => UnitCostTable::builtin(asked)
            .map(|t| {
                let id = t.table_id();
                TableRef {
                    id: id.id,
                    sha256: id.sha256,
                }
            })
            .map_err(|e| errors.push(e.at("table")))
            .ok(),
    };
    let series = DeflatorSeries::builtin(
        options
            .deflator
            .as_deref()
            .unwrap_or(costs::series::DEFAULT_SERIES_ID),
    )
    .map_err(|e| errors.push(e.at("deflator")))
    .ok();
    let (Some(table), Some(series)) = (table, series) else {
        return fail(errors);
    };
    let mut tables = Vec::new();
    let ids: Vec<&str> = match &options.table {
        Some(_) => vec![table.id.as_str()],
        None => costs::table_ids(),
    };
    for id in ids {
        if let Some(view) = (!rows).then(|| unread_view(id)).flatten() {
            tables.push(view);
            continue;
        }
        match UnitCostTable::builtin(id) {
            Ok(t) => tables.push(table_view(t, rows)),
            Err(_) if !UnitCostTable::is_available(id) => {
                if let Some((title, sha256)) = costs::builtin_table_info(id) {
                    tables.push(UnitCostTableView {
                        id: id.to_owned(),
                        title: title.to_owned(),
                        sha256: sha256.to_owned(),
                        default: id == costs::NATIONAL_TABLE_ID,
                        loaded: false,
                        row_count: 0,
                        rows: Vec::new(),
                    });
                }
            }
            Err(e) => return fail(vec![e]),
        }
    }
    let mut deflators = Vec::new();
    for id in costs::series::series_ids() {
        match DeflatorSeries::builtin(id) {
            Ok(s) => deflators.push(DeflatorSeriesView {
                id: s.id().to_owned(),
                title: s.title().to_owned(),
                source: s.source().to_owned(),
                sha256: s.sha256().to_owned(),
                default: s.id() == costs::series::DEFAULT_SERIES_ID,
                latest_outturn: s
                    .latest_outturn()
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
                link_year: s.link().map(|(y, _)| y.to_string()),
                linked_through: s.link().map(|(_, id)| id.to_owned()),
                years: years_view(s),
            }),
            Err(e) => return fail(vec![e]),
        }
    }
    let rows = match tables.iter().find(|t| t.id == table.id) {
        Some(t) => t.rows.clone(),
        None => Vec::new(),
    };
    UnitCostsAnswer::Success(UnitCostsSuccess {
        table,
        years: years_view(series),
        rows,
        tables,
        deflators,
        engine_version: ENGINE_VERSION.to_owned(),
    })
}

/// Reads `unitCosts` options from parsed JSON (`undefined` and `null` are none).
pub fn read_unit_costs_options(options: &Value) -> Result<UnitCostsOptions, CallError> {
    if options.is_null() {
        return Ok(UnitCostsOptions::default());
    }
    let reader = Reader::new("unitCosts");
    let root = reader.call::<UnitCostsOptions>(options);
    let text = |key: &str| {
        let t = root.text(key, false);
        (!t.is_empty()).then(|| t.to_owned())
    };
    let rows = root.value("rows", false).map(|_| root.flag("rows"));
    let read = UnitCostsOptions {
        table: text("table"),
        deflator: text("deflator"),
        rows,
    };
    reader.finish()?;
    Ok(read)
}

/// [`unit_costs`] as JSON text.
pub fn unit_costs_json() -> Result<String, CallError> {
    write_json("unitCosts", &unit_costs())
}

// -------------------------------------------------------- loadUnitCostTable

/// `loadUnitCostTable(call)`: a built-in table's data file, loaded into a
/// module that does not carry it (the capability modules and `ucd-v1.4`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadUnitCostTableCall {
    /// The table's id, e.g. `"ucd-v1.4"`.
    pub id: String,
    /// The text of its data file (`ucd_v1_4.tsv` in the package), byte for byte.
    pub tsv: String,
}

/// The answer to `loadUnitCostTable`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum LoadUnitCostTableAnswer {
    /// The table can now be named in calls.
    Success(LoadedTable),
    /// The id is unknown, or the text is not the file the engine was built with.
    Failure(Failure),
}

/// A table loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct LoadedTable {
    /// Its id and hash.
    pub table: TableRef,
    /// How many rows.
    pub row_count: u32,
}

/// Loads a built-in table's data file (its SHA-256 must be the built one).
pub fn load_unit_cost_table(call: &LoadUnitCostTableCall) -> LoadUnitCostTableAnswer {
    // The receipt hashes the id only: the text is the file the id names.
    let mut receipt = receipt(&call.id);
    match UnitCostTable::load_builtin(&call.id, &call.tsv) {
        Ok(table) => {
            receipt = receipt.priced(table);
            LoadUnitCostTableAnswer::Success(LoadedTable {
                table: receipt.unit_cost_table,
                row_count: u32::try_from(table.rows().len()).unwrap_or(u32::MAX),
            })
        }
        Err(e) => {
            let path = if e.code() == ErrorCode::UnknownTable {
                "id"
            } else {
                "tsv"
            };
            LoadUnitCostTableAnswer::Failure(Failure::new(vec![e.at(path)], receipt))
        }
    }
}

/// Reads a `loadUnitCostTable` call from parsed JSON.
pub fn read_load_unit_cost_table_call(call: &Value) -> Result<LoadUnitCostTableCall, CallError> {
    let reader = Reader::new("loadUnitCostTable");
    let root = reader.call::<LoadUnitCostTableCall>(call);
    let read = LoadUnitCostTableCall {
        id: root.text("id", true).to_owned(),
        tsv: root.text("tsv", true).to_owned(),
    };
    reader.finish()?;
    Ok(read)
}

/// [`load_unit_cost_table`] with JSON text in and out.
pub fn load_unit_cost_table_json(call: &str) -> Result<String, CallError> {
    super::json_twin("loadUnitCostTable", call, load_unit_cost_table_value)
}

/// [`load_unit_cost_table`] of a call given as parsed JSON.
pub fn load_unit_cost_table_value(call: &Value) -> Result<LoadUnitCostTableAnswer, CallError> {
    Ok(load_unit_cost_table(&read_load_unit_cost_table_call(call)?))
}

// -------------------------------------------------------- readUnitCostTable

/// `readUnitCostTable(call)`: a council's own unit-cost table, read and
/// checked cell by cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReadUnitCostTableCall {
    /// A name for the table; its id is `council:<name>`.
    pub name: String,
    /// The CSV text, in the template's columns.
    pub csv: String,
    /// A built-in table the rows sit on top of; left out, the table stands alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub extends: Option<String>,
    /// The deflator series the price years are checked against (the default, the newest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deflator: Option<String>,
}

/// The answer to `readUnitCostTable`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ReadUnitCostTableAnswer {
    /// The file was read: its good rows are kept, each bad cell is listed.
    Success(UnitCostTableRead),
    /// The file could not be read at all (no header, a required column
    /// missing, a bad name, too many rows).
    Failure(Failure),
}

/// A council table as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct UnitCostTableRead {
    /// Its id (`council:<name>`) and the SHA-256 of the CSV text: what receipts name.
    pub table: TableRef,
    /// The built-in table its rows sit on top of, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub extends: Option<TableRef>,
    /// The series the price years were checked against.
    pub deflator: String,
    /// Data rows read (rows read = rows accepted + rows rejected).
    pub rows_read: u64,
    /// Rows kept.
    pub rows_accepted: u64,
    /// Rows left out.
    pub rows_rejected: u64,
    /// Every problem, in file order, each with its line and column.
    pub problems: Vec<TableProblemView>,
    /// Columns of the file that are not read.
    pub ignored_columns: Vec<String>,
    /// The council's rows kept, as calls will use them.
    pub rows: Vec<UnitCostView>,
    /// Receipt.
    pub receipt: Receipt,
}

/// A problem with a cell of a council table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TableProblemView {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    /// The column's position from 1; 0 for the row as a whole.
    pub column: u32,
    /// The column's header as written; empty for the row as a whole.
    pub column_name: String,
    /// Stable code, e.g. `invalid_money`.
    pub code: String,
    /// A sentence.
    pub reason: String,
}

/// Reads and checks a council's unit-cost table.
pub fn read_unit_cost_table(call: &ReadUnitCostTableCall) -> ReadUnitCostTableAnswer {
    let council = CouncilSource {
        name: &call.name,
        csv: &call.csv,
        extends: call.extends.as_deref(),
    };
    let mut errors = Vec::new();
    let pricing = pricing::resolve(None, call.deflator.as_deref(), Some(council), &mut errors);
    let receipt = match &pricing {
        Some(p) => receipt(call).priced(&p.table),
        None => receipt(call),
    };
    let Some(read) = pricing.and_then(|p| p.council) else {
        let errors = errors
            .into_iter()
            .map(|e| {
                // The call's own fields are `name`, `csv` and `extends`.
                let path = e
                    .path()
                    .map(|p| p.strip_prefix("councilTable.").unwrap_or(p).to_owned());
                let plain = Error::new(e.code(), e.message());
                ErrorView::from(match path {
                    Some(p) => plain.at(p),
                    None => plain,
                })
            })
            .collect();
        return ReadUnitCostTableAnswer::Failure(Failure { errors, receipt });
    };
    let table = &read.table;
    let rows = table
        .rows()
        .into_iter()
        .filter(|r| r.origin == Origin::Council)
        .map(|r| unit_cost_view(table, r))
        .collect();
    ReadUnitCostTableAnswer::Success(UnitCostTableRead {
        table: TableRef {
            id: read.id.id.clone(),
            sha256: read.id.sha256.clone(),
        },
        extends: receipt.extends_table.as_deref().cloned(),
        deflator: table.deflator().id().to_owned(),
        rows_read: read.rows_read,
        rows_accepted: read.rows_accepted,
        rows_rejected: read.rows_rejected,
        problems: read
            .problems
            .iter()
            .map(|p| TableProblemView {
                line: p.line,
                column: p.column,
                column_name: p.column_name.clone(),
                code: p.error.code().as_str().to_owned(),
                reason: p.error.message().to_owned(),
            })
            .collect(),
        ignored_columns: read.ignored_columns.clone(),
        rows,
        receipt,
    })
}

/// Reads a `readUnitCostTable` call from parsed JSON.
pub fn read_read_unit_cost_table_call(call: &Value) -> Result<ReadUnitCostTableCall, CallError> {
    let reader = Reader::new("readUnitCostTable");
    let root = reader.call::<ReadUnitCostTableCall>(call);
    let optional = |key: &str| {
        let t = root.text(key, false);
        (!t.is_empty()).then(|| t.to_owned())
    };
    let read = ReadUnitCostTableCall {
        name: root.text("name", true).to_owned(),
        csv: root.text("csv", true).to_owned(),
        extends: optional("extends"),
        deflator: optional("deflator"),
    };
    reader.finish()?;
    Ok(read)
}

/// [`read_unit_cost_table`] with JSON text in and out.
pub fn read_unit_cost_table_json(call: &str) -> Result<String, CallError> {
    super::json_twin("readUnitCostTable", call, read_unit_cost_table_value)
}

/// [`read_unit_cost_table`] of a call given as parsed JSON.
pub fn read_unit_cost_table_value(call: &Value) -> Result<ReadUnitCostTableAnswer, CallError> {
    Ok(read_unit_cost_table(&read_read_unit_cost_table_call(call)?))
}

// --------------------------------------------------------------- costFamily

/// `costFamily(call)`: the cost of a family's service use, by agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CostFamilyCall {
    /// The price year to cost in, e.g. `"2024/25"`; left out, the deflator
    /// series' latest outturn year (today's money).
    #[serde(
        default,
        deserialize_with = "super::nullable",
        skip_serializing_if = "String::is_empty"
    )]
    #[tsify(optional)]
    pub base_year: String,
    /// The built-in unit-cost table: `"ucd-v1.2"` (the default) or `"ucd-v1.4"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub unit_cost_table: Option<String>,
    /// The deflator series: `"hmt-gdp-2026-03"` (the default) or `"ucd-v1.2-ons-2013-06"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deflator: Option<String>,
    /// A council's own unit-cost table (CSV), instead of `unitCostTable`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub council_table: Option<CouncilTableCall>,
    /// What the family used: a code and a quantity each.
    pub items: Vec<CostItemCall>,
    /// The council's own rows, overriding or extending the national table.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub local_rows: Vec<LocalRowCall>,
}

/// One item: a unit-cost code and a whole quantity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CostItemCall {
    /// A national or local code, e.g. `"CR1.0"`.
    pub code: String,
    /// A whole number of units, 0 or more: a number, or the text an officer typed.
    pub quantity: QuantityInput,
}

/// A quantity as sent: a number (or a numeric string), or other text that is
/// reported as an `invalid_quantity` error rather than thrown, because it is
/// what an officer typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(untagged)]
#[tsify(type = "number | string")]
pub enum QuantityInput {
    /// A number, or a string holding one.
    Exact(Decimal),
    /// Any other text.
    Text(String),
}

/// Left out: no text, which reads as "enter how many".
impl Default for QuantityInput {
    fn default() -> Self {
        Self::Text(String::new())
    }
}

impl QuantityInput {
    /// A whole number from 0 to `max` (`u32::MAX`: any), each mistake named
    /// for `what` ("the member's number"): the one reading of a count.
    pub(crate) fn whole(&self, what: &str, max: u32) -> Result<u32, Error> {
        // Written only when there is a problem: a count is read on every keystroke.
        let range = || match max {
            u32::MAX => ", 0 or more".to_owned(),
            _ => format!(" from 0 to {max}"),
        };
        let problem = |code, message: String| Err(Error::new(code, message));
        let d = match self {
            Self::Exact(d) => *d,
            Self::Text(t) => match crate::money::parse_decimal(t.trim()) {
                Ok(d) => d,
                Err(_) if t.trim().is_empty() => {
                    return problem(
                        ErrorCode::InvalidQuantity,
                        format!("Enter the {what}: a whole number{}.", range()),
                    )
                }
                Err(_) => {
                    return problem(
                        ErrorCode::InvalidQuantity,
                        format!(
                            "\"{t}\" is not a number; enter the {what} as a whole number{}.",
                            range()
                        ),
                    )
                }
            },
        };
        if d.is_sign_negative() && !d.is_zero() {
            return problem(
                ErrorCode::NegativeQuantity,
                format!("The {what} cannot be below 0."),
            );
        }
        if !d.fract().is_zero() {
            return problem(
                ErrorCode::FractionalQuantity,
                format!("The {what} is a whole number."),
            );
        }
        match rust_decimal::prelude::ToPrimitive::to_u32(&d).filter(|n| *n <= max) {
            Some(n) => Ok(n),
            None if max == u32::MAX => problem(
                ErrorCode::InvalidQuantity,
                format!("The {what} is too large."),
            ),
            None => problem(
                ErrorCode::InvalidQuantity,
                format!("The {what} is at most {max}."),
            ),
        }
    }

    pub(crate) fn to_decimal(&self) -> Result<Decimal, Error> {
        match self {
            Self::Exact(d) => Ok(*d),
            Self::Text(t) if t.trim().is_empty() => Err(Error::new(
                ErrorCode::InvalidQuantity,
                "Enter how many: a whole number, 0 or more.",
            )),
            Self::Text(t) => crate::money::parse_decimal(t).map_err(|_| {
                Error::new(
                    ErrorCode::InvalidQuantity,
                    format!("\"{t}\" is not a quantity; enter a whole number, 0 or more."),
                )
            }),
        }
    }
}

/// A council's own unit-cost row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LocalRowCall {
    /// Code: a national code replaces that row; a new code adds one.
    pub code: String,
    /// What is costed.
    pub description: String,
    /// The agency that bears the cost, e.g. `"Police"`.
    #[serde(rename = "agencyL1")]
    pub agency_l1: String,
    /// Sub-agency, e.g. `"Housing Services"`.
    #[serde(default, rename = "agencyL2", deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub agency_l2: String,
    /// Unit, e.g. `"Per incident"`.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub unit: String,
    /// Cost at its price year, as a decimal string.
    pub cost: DecimalText,
    /// Price year of the cost, e.g. `"2006/07"`.
    pub price_year: String,
    /// `G`, `A` or `R`, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Rag")]
    pub rag: Option<String>,
    /// Where the figure comes from.
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub source: String,
}

/// The answer to `costFamily`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum CostFamilyAnswer {
    /// The family was costed.
    Success(FamilyCostSuccess),
    /// Something in the call must be corrected first; every problem is listed.
    Failure(Failure),
}

/// The family's cost by agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FamilyCostSuccess {
    /// The price year of every amount.
    pub base_year: String,
    /// The unit-cost table used (`ucd-v1.2`, or `council:<name>`).
    pub unit_cost_table: String,
    /// The deflator series used.
    pub deflator: String,
    /// One line per item, in the order given.
    pub lines: Vec<CostLineView>,
    /// Totals by agency (level 1), largest first.
    pub by_agency: Vec<costs::AgencyTotal>,
    /// Totals by agency and sub-agency (level 2), largest first.
    pub by_sub_agency: Vec<costs::AgencyTotal>,
    /// Grand total.
    pub total: Money,
    /// Remarks for the officer.
    pub notes: Vec<NoteView>,
    /// Codes of the local rows the call supplied.
    pub local_codes: Vec<String>,
    /// Receipt.
    pub receipt: Receipt,
}

/// One costed line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CostLineView {
    /// Code.
    pub code: String,
    /// What is costed.
    pub description: String,
    /// Unit.
    pub unit: String,
    /// Agency (level 1); `Multiple` when costed through parts.
    pub agency: String,
    /// Sub-agency (level 2); empty when none.
    pub sub_agency: String,
    /// National or local.
    pub origin: Origin,
    /// Cost in its own price year.
    pub original_cost: Money,
    /// Its price year.
    pub price_year: String,
    /// `G`, `A` or `R`, if rated.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Rag")]
    pub rag: Option<String>,
    /// Unit cost at the base year, to the penny.
    pub unit_cost: Money,
    /// Quantity.
    pub quantity: u32,
    /// `unitCost × quantity`.
    pub line_cost: Money,
    /// The parts it was costed through, each with its agency.
    pub parts: Vec<CostPartView>,
}

/// One part of a line costed through parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CostPartView {
    /// Code.
    pub code: String,
    /// What is costed.
    pub description: String,
    /// Agency (level 1).
    pub agency: String,
    /// Sub-agency (level 2).
    pub sub_agency: String,
    /// National or local.
    pub origin: Origin,
    /// Cost in its own price year.
    pub original_cost: Money,
    /// Its price year.
    pub price_year: String,
    /// Unit cost at the base year, to the penny.
    pub unit_cost: Money,
    /// `unitCost × quantity`.
    pub line_cost: Money,
}

/// A remark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct NoteView {
    /// Stable code.
    pub code: String,
    /// Sentence.
    pub message: String,
    /// The item it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub path: Option<String>,
}

/// Reads a local row's text fields; `None` (with the errors recorded) when one
/// of them cannot be read.
pub(crate) fn local_row(
    call: &LocalRowCall,
    i: usize,
    errors: &mut Vec<Error>,
) -> Option<LocalRow> {
    let at = |field: &str| format!("localRows[{i}].{field}");
    let cost = Money::parse(&call.cost.0)
        .map_err(|e| errors.push(e.at(at("cost"))))
        .ok();
    let price_year = FinancialYear::parse(&call.price_year)
        .map_err(|e| errors.push(e.at(at("priceYear"))))
        .ok();
    let rag = match call.rag.as_deref() {
        None => Some(None),
        Some(text) => Rag::parse(text)
            .map(Some)
            .map_err(|e| errors.push(e.at(at("rag"))))
            .ok(),
    };
    Some(LocalRow {
        code: call.code.clone(),
        description: call.description.clone(),
        agency: costs::Agency {
            level1: call.agency_l1.clone(),
            level2: call.agency_l2.clone(),
        },
        unit: call.unit.clone(),
        cost: cost?,
        price_year: price_year?,
        rag: rag?,
        source: call.source.clone(),
    })
}

/// Costs a family by agency.
///
/// Everything is checked in one pass, so the officer sees every problem at
/// once: the base year, each local row, and each item (items are checked
/// against the sound local rows; an item using a local row that has problems
/// is not also called unknown).
pub fn cost_family(call: &CostFamilyCall) -> CostFamilyAnswer {
    cost_family_as(call, InputHash::Now)
}

/// [`cost_family`], its receipt with the input's hash now or left for later
/// ([`InputHash`]).
pub fn cost_family_as(call: &CostFamilyCall, hash: InputHash) -> CostFamilyAnswer {
    cost_family_with(call, hash, |pricing, cost| {
        let receipt = receipt_as(call, hash).priced(&pricing.table);
        success(call, pricing, cost, receipt)
    })
    .unwrap_or_else(|f| CostFamilyAnswer::Failure(*f))
}

/// The checks and the costing of [`cost_family`], the answer left to `done`;
/// the failure's receipt (with the input's hash, unless asked for `hash`
/// later) is written only on failure.
pub(crate) fn cost_family_with<T>(
    call: &CostFamilyCall,
    hash: InputHash,
    done: impl FnOnce(&Pricing, costs::FamilyCost<'_>) -> T,
) -> Result<T, Box<Failure>> {
    let mut errors = Vec::new();
    let pricing = pricing::resolve(
        call.unit_cost_table.as_deref(),
        call.deflator.as_deref(),
        call.council_table.as_ref().map(CouncilTableCall::source),
        &mut errors,
    );
    let fail = |errors: Vec<Error>, pricing: Option<&Pricing>| {
        let receipt = receipt_as(call, hash);
        let receipt = match pricing {
            Some(p) => receipt.priced(&p.table),
            None => receipt,
        };
        Box::new(Failure::new(errors, receipt))
    };
    let Some(pricing) = pricing else {
        return Err(fail(errors, None));
    };
    let base_year = match pricing.base_year(&call.base_year, "baseYear") {
        Ok(year) => Some(year),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let table = &pricing.table;

    // Local rows: text first, then the table's own checks on those that read.
    let mut readable = Vec::new();
    let mut rejected_codes = std::collections::BTreeSet::new();
    for (i, row) in call.local_rows.iter().enumerate() {
        match local_row(row, i, &mut errors) {
            Some(parsed) => readable.push((i, parsed)),
            None => {
                rejected_codes.insert(row.code.clone());
            }
        }
    }
    let merged = table.merge_local_rows(&readable);
    errors.extend(merged.errors.into_iter().map(|e| e.at("localRows")));
    crate::sort::sort_by_key(&mut errors, local_index);
    rejected_codes.extend(merged.rejected_codes);

    // Items: text quantities here (the item still goes on, as 0, so that its
    // code is checked too), then the domain's checks and costing.
    let mut item_errors: Vec<(usize, Error)> = Vec::new();
    let items: Vec<costs::CostItem> = call
        .items
        .iter()
        .enumerate()
        .map(|(n, i)| costs::CostItem {
            code: i.code.clone(),
            quantity: i.quantity.to_decimal().unwrap_or_else(|e| {
                item_errors.push((n, e.at(format!("items[{n}].quantity"))));
                Decimal::ZERO
            }),
        })
        .collect();
    // Without a valid base year the items are still checked, at the series'
    // latest outturn year; no amount from that run is shown.
    let costing_year = base_year.or_else(|| table.deflator().latest_outturn());
    let cost = costing_year.map(|year| costs::cost_family(&merged.table, year, &items));
    match cost {
        Some(Ok(cost)) if errors.is_empty() && item_errors.is_empty() && base_year.is_some() => {
            Ok(done(&pricing, cost))
        }
        other => {
            if let Some(Err(domain)) = other {
                let explained = pricing.explained(domain, &items, &rejected_codes);
                item_errors.extend(explained.into_iter().map(|e| (item_index(&e), e)));
            }
            // Item by item, in the order of the call; within an item, code first.
            crate::sort::sort_by_key(&mut item_errors, |(index, _)| *index);
            errors.extend(item_errors.into_iter().map(|(_, e)| e));
            Err(fail(errors, Some(&pricing)))
        }
    }
}

fn success(
    call: &CostFamilyCall,
    pricing: &Pricing,
    cost: costs::FamilyCost,
    receipt: Receipt,
) -> CostFamilyAnswer {
    CostFamilyAnswer::Success(FamilyCostSuccess {
        base_year: cost.base_year.to_string(),
        unit_cost_table: receipt.unit_cost_table.id.clone(),
        deflator: receipt.deflator.id.clone(),
        lines: cost
            .lines
            .iter()
            .map(|l| CostLineView {
                code: l.row.code.clone(),
                description: l.row.description.clone(),
                unit: l.row.unit.clone(),
                agency: l.row.agency.level1.clone(),
                sub_agency: l.row.agency.level2.clone(),
                origin: l.row.origin,
                original_cost: l.row.original_cost,
                price_year: l.row.price_year.to_string(),
                rag: l.row.rag.map(|r| r.as_str().to_owned()),
                unit_cost: l.unit_cost,
                quantity: l.quantity,
                line_cost: l.line_cost,
                parts: l
                    .parts
                    .iter()
                    .map(|p| CostPartView {
                        code: p.row.code.clone(),
                        description: p.row.description.clone(),
                        agency: p.row.agency.level1.clone(),
                        sub_agency: p.row.agency.level2.clone(),
                        origin: p.row.origin,
                        original_cost: p.row.original_cost,
                        price_year: p.row.price_year.to_string(),
                        unit_cost: p.unit_cost,
                        line_cost: p.line_cost,
                    })
                    .collect(),
            })
            .collect(),
        by_agency: cost.by_agency,
        by_sub_agency: cost.by_sub_agency,
        total: cost.total,
        notes: cost
            .notes
            .into_iter()
            .map(|n| NoteView {
                code: n.code.to_owned(),
                message: n.message,
                path: n.path,
            })
            .chain(
                pricing
                    .council_notes()
                    .into_iter()
                    .map(|(code, message)| NoteView {
                        code,
                        message,
                        path: Some("councilTable".to_owned()),
                    }),
            )
            .collect(),
        local_codes: call.local_rows.iter().map(|r| r.code.clone()).collect(),
        receipt,
    })
}

/// The local-row index of an error path `localRows[N]…`; the base year sorts first.
fn local_index(e: &Error) -> usize {
    indexed(e, "localRows")
}

/// The item index of an error path `items[N]…`, plus one; other paths give 0.
fn item_index(e: &Error) -> usize {
    indexed(e, "items")
}

/// Reads a `costFamily` call from parsed JSON: a call of the wrong shape is a
/// [`CallError`] naming the field (see `json.rs`).
pub fn read_cost_family_call(call: &Value) -> Result<CostFamilyCall, CallError> {
    let reader = Reader::new("costFamily");
    let root = reader.call::<CostFamilyCall>(call);
    let (unit_cost_table, deflator, council_table) = pricing::read_pricing(&root);
    let read = CostFamilyCall {
        base_year: root.text("baseYear", false).to_owned(),
        unit_cost_table,
        deflator,
        council_table,
        items: root
            .each::<CostItemCall>("items", true)
            .iter()
            .map(|item| CostItemCall {
                code: item.text("code", true).to_owned(),
                quantity: item.quantity("quantity"),
            })
            .collect(),
        local_rows: root
            .each::<LocalRowCall>("localRows", false)
            .iter()
            .map(read_local_row)
            .collect(),
    };
    reader.finish()?;
    Ok(read)
}

super::call_fields! {
    UnitCostsOptions: ["table", "deflator", "rows"];
    LoadUnitCostTableCall: ["id", "tsv"];
    ReadUnitCostTableCall: ["name", "csv", "extends", "deflator"];
    CostFamilyCall: ["baseYear", "unitCostTable", "deflator", "councilTable", "items", "localRows"];
    CostItemCall: ["code", "quantity"];
    LocalRowCall: [
        "code",
        "description",
        "agencyL1",
        "agencyL2",
        "unit",
        "cost",
        "priceYear",
        "rag",
        "source",
    ];
}

/// A local row of a call, from parsed JSON.
pub(crate) fn read_local_row(row: &Object<'_, '_>) -> LocalRowCall {
    let rag = row.text("rag", false);
    LocalRowCall {
        code: row.text("code", true).to_owned(),
        description: row.text("description", true).to_owned(),
        agency_l1: row.text("agencyL1", true).to_owned(),
        agency_l2: row.text("agencyL2", false).to_owned(),
        unit: row.text("unit", false).to_owned(),
        cost: DecimalText(row.decimal("cost", true).to_owned()),
        price_year: row.text("priceYear", true).to_owned(),
        rag: (!rag.is_empty()).then(|| rag.to_owned()),
        source: row.text("source", false).to_owned(),
    }
}

/// [`cost_family`] with JSON text in and out.
pub fn cost_family_json(call: &str) -> Result<String, CallError> {
    super::json_twin("costFamily", call, cost_family_value)
}

/// [`cost_family`] of a call given as parsed JSON.
pub fn cost_family_value(call: &Value) -> Result<CostFamilyAnswer, CallError> {
    cost_family_value_as(call, InputHash::Now)
}

/// [`cost_family_value`], its receipt's input hash now or later.
pub fn cost_family_value_as(call: &Value, hash: InputHash) -> Result<CostFamilyAnswer, CallError> {
    Ok(cost_family_as(&read_cost_family_call(call)?, hash))
}

// ------------------------------------------------------- costFamilyFigures

/// The answer to `costFamilyFigures`: `costFamily`'s figures alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum CostFamilyFiguresAnswer {
    /// The family was costed.
    Success(CostFamilyFigures),
    /// Exactly `costFamily`'s failure.
    Failure(Failure),
}

/// The family's cost by agency, figures only: no descriptions, sources or notes
/// (`unitCosts()` has the table's text, `costFamily` the notes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CostFamilyFigures {
    /// The figures.
    #[serde(flatten)]
    pub figures: CostFigures,
    /// The table and series used.
    pub receipt: FiguresReceipt,
}

/// A family's cost by agency, figures only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CostFigures {
    /// The price year of every amount.
    pub base_year: String,
    /// Grand total.
    pub total: Money,
    /// Totals by agency (level 1), largest first.
    pub by_agency: Vec<AgencyAmount>,
    /// Totals by agency and sub-agency (level 2), largest first.
    pub by_sub_agency: Vec<costs::AgencyTotal>,
    /// One line per item, in the order given.
    pub lines: Vec<CostLineFigures>,
}

/// An agency's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AgencyAmount {
    /// Agency (level 1), as `costFamily`'s `byAgency` names it.
    pub agency: String,
    /// Its total.
    pub amount: Money,
}

/// One costed line, figures only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CostLineFigures {
    /// Code.
    pub code: String,
    /// Agency (level 1); `Multiple` when costed through parts.
    pub agency: String,
    /// Quantity.
    pub quantity: u32,
    /// Unit cost at the base year, to the penny.
    pub unit_cost: Money,
    /// `unitCost × quantity`.
    pub line_cost: Money,
}

/// The figures receipt of a call priced with `table`: the same table, base
/// table and series as [`Receipt::priced`] names.
pub(crate) fn priced_figures(table: &UnitCostTable) -> FiguresReceipt {
    let (used, extends, series) = table.receipt_ids();
    let table_ref = |t: costs::TableId| TableRef {
        id: t.id,
        sha256: t.sha256,
    };
    FiguresReceipt {
        engine_version: ENGINE_VERSION.to_owned(),
        unit_cost_table: Some(table_ref(used)),
        extends_table: extends.map(table_ref),
        deflator: Some(table_ref(series)),
        rule_pack: None,
    }
}

/// [`cost_family`]'s figures, worked out without its descriptions, notes or
/// the input's hash (a failure is [`cost_family`]'s, hash and all).
pub fn cost_family_figures(call: &CostFamilyCall) -> CostFamilyFiguresAnswer {
    cost_family_with(call, InputHash::Now, |pricing, cost| {
        CostFamilyFiguresAnswer::Success(CostFamilyFigures {
            figures: cost_figures(cost),
            receipt: priced_figures(&pricing.table),
        })
    })
    .unwrap_or_else(|f| CostFamilyFiguresAnswer::Failure(*f))
}

/// The figures of a family's cost.
pub(crate) fn cost_figures(cost: costs::FamilyCost<'_>) -> CostFigures {
    CostFigures {
        base_year: cost.base_year.to_string(),
        total: cost.total,
        by_agency: cost
            .by_agency
            .into_iter()
            .map(|a| AgencyAmount {
                agency: a.agency,
                amount: a.amount,
            })
            .collect(),
        by_sub_agency: cost.by_sub_agency,
        lines: cost
            .lines
            .iter()
            .map(|l| CostLineFigures {
                code: l.row.code.clone(),
                agency: l.row.agency.level1.clone(),
                quantity: l.quantity,
                unit_cost: l.unit_cost,
                line_cost: l.line_cost,
            })
            .collect(),
    }
}

/// [`cost_family_figures`] with JSON text in and out.
pub fn cost_family_figures_json(call: &str) -> Result<String, CallError> {
    super::json_twin("costFamilyFigures", call, cost_family_figures_value)
}

/// [`cost_family_figures`] of a call given as parsed JSON (read exactly as
/// `costFamily` reads it: a broken call is the same [`CallError`]).
pub fn cost_family_figures_value(call: &Value) -> Result<CostFamilyFiguresAnswer, CallError> {
    Ok(cost_family_figures(&read_cost_family_call(call)?))
}
