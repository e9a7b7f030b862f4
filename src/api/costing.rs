//! `unitCosts()` and `costFamily(call)`: the unit-cost library and the cost of
//! a family by agency.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::json::{Object, Reader};
use super::{
    indexed, read_json_call, receipt, write_json, CallError, DecimalText, ErrorView, Failure,
    Receipt, TableRef, ENGINE_VERSION,
};
use crate::costs::{self, FinancialYear, LocalRow, Origin, Rag, UnitCostTable};
use crate::error::{Error, ErrorCode};
use crate::money::Money;

/// `unitCosts()`: the built-in unit-cost table and its deflator index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum UnitCostsAnswer {
    /// The table.
    Success(UnitCostsSuccess),
    /// The built-in data could not be read (a packaging fault).
    Failure(Failure),
}

/// The unit-cost table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct UnitCostsSuccess {
    /// Table id and hash.
    pub table: TableRef,
    /// The years the deflator index covers, earliest first.
    pub years: Vec<DeflatorYearView>,
    /// Every row.
    pub rows: Vec<UnitCostView>,
    /// Engine version.
    pub engine_version: String,
}

/// One year of the deflator index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DeflatorYearView {
    /// `2013/14`.
    pub year: String,
    /// The index (1989/90 = 100), as a decimal string.
    #[tsify(type = "DecimalString")]
    pub index: String,
    /// True for a forecast year.
    pub forecast: bool,
}

/// Where a row came from, on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum OriginView {
    /// Built-in national table.
    National,
    /// A council's row with a new code.
    LocalAddition,
    /// A council's row replacing the national row of that code.
    LocalOverride,
}

impl From<Origin> for OriginView {
    fn from(o: Origin) -> Self {
        match o {
            Origin::National => Self::National,
            Origin::LocalAddition => Self::LocalAddition,
            Origin::LocalOverride => Self::LocalOverride,
        }
    }
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
    #[tsify(optional, type = "\"G\" | \"A\" | \"R\"")]
    pub rag: Option<String>,
    /// Underlying source.
    pub source: String,
    /// National or local.
    pub origin: OriginView,
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
        origin: row.origin.into(),
        costed_through: table
            .costed_parts(row)
            .iter()
            .map(|p| p.code.clone())
            .collect(),
    }
}

/// The built-in unit-cost table.
pub fn unit_costs() -> UnitCostsAnswer {
    match UnitCostTable::national() {
        Ok(table) => UnitCostsAnswer::Success(UnitCostsSuccess {
            table: TableRef {
                id: table.id().to_owned(),
                sha256: table.sha256().to_owned(),
            },
            years: table
                .deflator()
                .years()
                .iter()
                .map(|y| DeflatorYearView {
                    year: y.year.to_string(),
                    index: y.index.to_string(),
                    forecast: y.forecast,
                })
                .collect(),
            rows: table
                .rows()
                .iter()
                .map(|r| unit_cost_view(table, r))
                .collect(),
            engine_version: ENGINE_VERSION.to_owned(),
        }),
        Err(e) => UnitCostsAnswer::Failure(Failure {
            errors: vec![e.into()],
            receipt: receipt(&()),
        }),
    }
}

/// [`unit_costs`] as JSON text.
pub fn unit_costs_json() -> Result<String, CallError> {
    write_json("unitCosts", &unit_costs())
}

// --------------------------------------------------------------- costFamily

/// `costFamily(call)`: the cost of a family's service use, by agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CostFamilyCall {
    /// The price year to cost in, e.g. `"2013/14"`.
    pub base_year: String,
    /// What the family used: a code and a quantity each.
    pub items: Vec<CostItemCall>,
    /// The council's own rows, overriding or extending the national table.
    #[serde(default)]
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

impl QuantityInput {
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
    #[serde(default, rename = "agencyL2")]
    #[tsify(optional)]
    pub agency_l2: String,
    /// Unit, e.g. `"Per incident"`.
    #[serde(default)]
    #[tsify(optional)]
    pub unit: String,
    /// Cost at its price year, as a decimal string.
    pub cost: DecimalText,
    /// Price year of the cost, e.g. `"2006/07"`.
    pub price_year: String,
    /// `G`, `A` or `R`, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"G\" | \"A\" | \"R\"")]
    pub rag: Option<String>,
    /// Where the figure comes from.
    #[serde(default)]
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
    /// One line per item, in the order given.
    pub lines: Vec<CostLineView>,
    /// Totals by agency (level 1), largest first.
    pub by_agency: Vec<AgencyTotalView>,
    /// Totals by agency and sub-agency (level 2), largest first.
    pub by_sub_agency: Vec<AgencyTotalView>,
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
    pub origin: OriginView,
    /// Cost in its own price year.
    pub original_cost: Money,
    /// Its price year.
    pub price_year: String,
    /// `G`, `A` or `R`, if rated.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"G\" | \"A\" | \"R\"")]
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
    pub origin: OriginView,
    /// Cost in its own price year.
    pub original_cost: Money,
    /// Its price year.
    pub price_year: String,
    /// Unit cost at the base year, to the penny.
    pub unit_cost: Money,
    /// `unitCost × quantity`.
    pub line_cost: Money,
}

/// A total for an agency, or an agency and sub-agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AgencyTotalView {
    /// Agency (level 1).
    pub agency: String,
    /// Sub-agency (level 2); empty in level-1 totals and when none.
    pub sub_agency: String,
    /// Amount.
    pub amount: Money,
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
    let receipt = receipt(call);
    let fail = |errors: Vec<Error>| {
        CostFamilyAnswer::Failure(Failure {
            errors: errors.into_iter().map(ErrorView::from).collect(),
            receipt: receipt.clone(),
        })
    };
    let national = match UnitCostTable::national() {
        Ok(t) => t,
        Err(e) => return fail(vec![e]),
    };
    let mut errors = Vec::new();
    let base_year = match FinancialYear::parse(&call.base_year)
        .and_then(|y| national.deflator().require(y).map(|_| y))
    {
        Ok(year) => Some(year),
        Err(e) => {
            errors.push(e.at("baseYear"));
            None
        }
    };

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
    let merged = national.merge_local_rows(&readable);
    errors.extend(merged.errors.into_iter().map(|e| e.at("localRows")));
    errors.sort_by_key(|e| local_index(e.path()));
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
    // Without a valid base year the items are still checked, at any year the
    // index has; no amount from that run is shown.
    let costing_year = base_year.or_else(|| national.deflator().years().last().map(|y| y.year));
    let cost = costing_year.map(|year| costs::cost_family(&merged.table, year, &items));
    match cost {
        Some(Ok(cost)) if errors.is_empty() && item_errors.is_empty() && base_year.is_some() => {
            success(call, cost, receipt)
        }
        other => {
            if let Some(Err(domain)) = other {
                item_errors.extend(
                    domain
                        .into_iter()
                        .filter(|e| {
                            !(e.code() == ErrorCode::UnknownCode
                                && uses_rejected(call, e, &rejected_codes))
                        })
                        .map(|e| (item_index(e.path()), e)),
                );
            }
            // Item by item, in the order of the call; within an item, code first.
            item_errors.sort_by_key(|(index, _)| *index);
            errors.extend(item_errors.into_iter().map(|(_, e)| e));
            fail(errors)
        }
    }
}

/// True when the item an error is about uses a local row that was rejected.
fn uses_rejected(
    call: &CostFamilyCall,
    e: &Error,
    rejected: &std::collections::BTreeSet<String>,
) -> bool {
    item_index(e.path())
        .checked_sub(1)
        .and_then(|i| call.items.get(i))
        .is_some_and(|item| rejected.contains(&item.code))
}

fn success(call: &CostFamilyCall, cost: costs::FamilyCost, receipt: Receipt) -> CostFamilyAnswer {
    let origin = |row: &costs::UnitCost| OriginView::from(row.origin);
    CostFamilyAnswer::Success(FamilyCostSuccess {
        base_year: cost.base_year.to_string(),
        lines: cost
            .lines
            .iter()
            .map(|l| CostLineView {
                code: l.row.code.clone(),
                description: l.row.description.clone(),
                unit: l.row.unit.clone(),
                agency: l.row.agency.level1.clone(),
                sub_agency: l.row.agency.level2.clone(),
                origin: origin(l.row),
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
                        origin: origin(p.row),
                        original_cost: p.row.original_cost,
                        price_year: p.row.price_year.to_string(),
                        unit_cost: p.unit_cost,
                        line_cost: p.line_cost,
                    })
                    .collect(),
            })
            .collect(),
        by_agency: cost.by_agency.iter().map(agency_total_view).collect(),
        by_sub_agency: cost.by_sub_agency.iter().map(agency_total_view).collect(),
        total: cost.total,
        notes: cost
            .notes
            .into_iter()
            .map(|n| NoteView {
                code: n.code.to_owned(),
                message: n.message,
                path: n.path,
            })
            .collect(),
        local_codes: call.local_rows.iter().map(|r| r.code.clone()).collect(),
        receipt,
    })
}

/// The local-row index of an error path `localRows[N]…`; the base year sorts first.
fn local_index(path: Option<&str>) -> usize {
    indexed(path, "localRows[")
}

/// The item index of an error path `items[N]…`, plus one; other paths give 0.
fn item_index(path: Option<&str>) -> usize {
    indexed(path, "items[")
}

fn agency_total_view(t: &costs::AgencyTotal) -> AgencyTotalView {
    AgencyTotalView {
        agency: t.agency.clone(),
        sub_agency: t.sub_agency.clone(),
        amount: t.amount,
    }
}

/// Reads a `costFamily` call from parsed JSON: a call of the wrong shape is a
/// [`CallError`] naming the field (see `json.rs`).
pub fn read_cost_family_call(call: &serde_json::Value) -> Result<CostFamilyCall, CallError> {
    let reader = Reader::new("costFamily");
    let root = reader.root(call, "CostFamilyCall", &["baseYear", "items", "localRows"]);
    let read = CostFamilyCall {
        base_year: root.text("baseYear", true).to_owned(),
        items: root
            .objects("items", true, "CostItemCall", &["code", "quantity"])
            .iter()
            .map(|item| CostItemCall {
                code: item.text("code", true).to_owned(),
                quantity: item.quantity("quantity"),
            })
            .collect(),
        local_rows: root
            .objects("localRows", false, "LocalRowCall", LOCAL_ROW_FIELDS)
            .iter()
            .map(read_local_row)
            .collect(),
    };
    reader.finish()?;
    Ok(read)
}

/// The fields of a local row.
pub(crate) const LOCAL_ROW_FIELDS: &[&str] = &[
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
    let call: serde_json::Value = read_json_call("costFamily", call)?;
    write_json("costFamily", &cost_family(&read_cost_family_call(&call)?))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn answers_use_camel_case_keys_and_a_type_tag() {
        let json =
            cost_family_json(r#"{"baseYear":"2013/14","items":[{"code":"CR2.0","quantity":1}]}"#)
                .unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["type"], "success");
        for key in [
            "baseYear",
            "lines",
            "byAgency",
            "bySubAgency",
            "total",
            "notes",
            "localCodes",
            "receipt",
        ] {
            assert!(v.get(key).is_some(), "missing {key} in {json}");
        }
        let line = &v["lines"][0];
        for key in [
            "unitCost",
            "lineCost",
            "originalCost",
            "priceYear",
            "subAgency",
            "parts",
        ] {
            assert!(line.get(key).is_some(), "missing {key} in line");
        }
        for key in ["engineVersion", "unitCostTable", "inputSha256"] {
            assert!(v["receipt"].get(key).is_some(), "missing receipt.{key}");
        }
    }

    #[test]
    fn broken_contracts_name_the_field() {
        let e = cost_family_json(r#"{"baseYear":"2013/14","items":[{"code":"CR1.0","quantity":1}],"localRows":[{"code":"X","description":"d","agencyL1":"Police","cost":100,"priceYear":"2013/14"}]}"#).unwrap_err();
        assert_eq!(e.path(), "localRows[0].cost");
        assert!(e.message().contains("decimal string"), "{e}");
        let e = cost_family_json(r#"{"baseYear":"2013/14","items":[{"code":"CR1.0","qty":1}]}"#)
            .unwrap_err();
        assert!(e.message().contains("unknown field `qty`"), "{e}");
        assert!(e.to_string().starts_with("costFamily: items[0]"), "{e}");
        let e = cost_family_json("[]").unwrap_err();
        assert!(e.to_string().contains("the call is not valid"), "{e}");
    }
}
