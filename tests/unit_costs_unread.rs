//! `unitCosts({ rows: false })` before any table has been read (what a form
//! asks for before its first result) names and counts the built-in tables
//! without reading them, and says exactly what it says once they are read.
//! One test in a binary of its own: nothing else reads a table first.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use community_budget::api::{self, UnitCostsAnswer, UnitCostsOptions};

fn without_rows(table: Option<&str>) -> UnitCostsAnswer {
    api::unit_costs_with(&UnitCostsOptions {
        table: table.map(str::to_owned),
        deflator: None,
        rows: Some(false),
    })
}

#[test]
fn without_rows_the_tables_are_counted_unread_and_say_what_they_say_once_read() {
    // Before any table is read.
    let unread = without_rows(None);
    let unread_v14 = without_rows(Some("ucd-v1.4"));
    let unknown = without_rows(Some("ucd-v9"));

    // Every table read, with its rows.
    let UnitCostsAnswer::Success(full) = api::unit_costs() else {
        panic!("unitCosts failed")
    };
    assert_eq!(without_rows(None), unread);
    assert_eq!(without_rows(Some("ucd-v1.4")), unread_v14);
    assert_eq!(without_rows(Some("ucd-v9")), unknown);

    let UnitCostsAnswer::Success(unread) = unread else {
        panic!("unitCosts without rows failed")
    };
    for (counted, read) in unread.tables.iter().zip(&full.tables) {
        assert_eq!(counted.row_count as usize, read.rows.len(), "{}", read.id);
        assert!(counted.rows.is_empty());
    }
    // UCD v1.2's file: 681 lines, 7 of them `#` comments, no blank line, one
    // header: 681 - 7 - 1 = 673 rows.
    let v12 = unread.tables.iter().find(|t| t.id == "ucd-v1.2").unwrap();
    assert_eq!(v12.row_count, 673);
    assert!(v12.loaded && v12.default);
    assert!(matches!(unknown, UnitCostsAnswer::Failure(_)));
}
