//! The programme report: a model of tables and charts, and its renderers.
//!
//! The cohort pipeline ([`crate::cohort`]) fills a [`Report`]: headline
//! figures, then sections, each with tables (every cell typed: text, a count,
//! money, a ratio) and at most one chart drawn from one of its tables. The
//! renderers here turn that model into
//!
//! - **CSV**, one file per table ([`table_csv`]): a header row of the column
//!   labels, amounts as plain decimals (`"12345.67"`, no `£`, no separators),
//!   the totals row last; and the rejected rows ([`rejected_csv`]);
//! - **JSON**: the model itself, through serde (`report` in the answer);
//! - **HTML** ([`html`]): GOV.UK Design System markup (classes only — no
//!   `style` attributes, no scripts, so it sits under a strict
//!   Content-Security-Policy), SVG bar charts, the receipt, and `data-`
//!   attributes the portal's script binds its download buttons to; or a
//!   standalone page with its own small stylesheet, including a print
//!   stylesheet ([`Mode::Standalone`]), that prints cleanly to PDF.
//!
//! Every text from the input (a header, a cell, an agency of a council's own
//! row) is escaped on its way into HTML ([`escape`]) and quoted where needed
//! on its way into CSV ([`csv_field`]). No floating-point number is used:
//! bar lengths are worked out in decimals and rounded to whole units.
//!
//! The report model types derive `Tsify` because they are the cohort
//! answer's JSON, whose TypeScript types are generated from them.

use std::fmt::Write as _;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use tsify::Tsify;

use crate::money::{Money, Rounding};

/// The programme report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Title.
    pub title: String,
    /// Headline figures, in order.
    pub summary: Vec<Figure>,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// Remarks the analyst should read (columns not read, forecast index, …).
    pub notes: Vec<String>,
    /// The rows that were not processed, and why.
    pub rejected: Rejected,
    /// Enough to reproduce the report.
    pub receipt: ReportReceipt,
}

/// A headline figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    /// Stable key, e.g. `rowsRead`.
    pub key: String,
    /// Label, e.g. "Rows read".
    pub label: String,
    /// The value.
    pub value: Cell,
}

/// A section of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// Stable id, e.g. `eligibility`.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Paragraphs before the tables.
    pub text: Vec<String>,
    /// A chart of one of the tables, drawn before them.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub chart: Option<Chart>,
    /// Tables.
    pub tables: Vec<Table>,
}

/// A table: typed columns, rows of cells, and perhaps a totals row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    /// Stable id, e.g. `costByAgency`; the CSV file is named after it.
    pub id: String,
    /// Caption.
    pub caption: String,
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows, each with one cell per column.
    pub rows: Vec<Vec<Cell>>,
    /// The totals row, if the table has one (its first cell says "Total").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub totals: Option<Vec<Cell>>,
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    /// Stable key, e.g. `amount`.
    pub key: String,
    /// Heading, e.g. "Annual cost".
    pub label: String,
    /// What its cells hold.
    pub kind: CellKind,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum CellKind {
    /// Text.
    Text,
    /// Whole numbers.
    Count,
    /// Amounts in pounds.
    Money,
    /// Ratios or shares, shown as they are (two places).
    Ratio,
}

/// A cell. Counts are JSON numbers; money and ratios decimal strings; an
/// empty cell `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(untagged)]
#[tsify(type = "null | number | DecimalString | string")]
pub enum Cell {
    /// Nothing to show.
    Empty,
    /// A whole number.
    Count(u64),
    /// An amount, exact.
    Money(Money),
    /// Text (also ratios and percentages already written out, e.g. `"2.20"`).
    Text(String),
}

impl Figure {
    /// The value as plain text, as in the CSV.
    pub fn value_text(&self) -> String {
        cell_csv(&self.value)
    }
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    /// A count.
    pub fn count(n: impl TryInto<u64>) -> Self {
        Cell::Count(n.try_into().unwrap_or(u64::MAX))
    }

    /// The cell as plain text, as in the CSV (amounts as decimals, empty as "").
    pub fn value_text(&self) -> String {
        cell_csv(self)
    }

    /// The cell as a decimal, for charts (text and empty cells are zero).
    fn number(&self) -> Decimal {
        match self {
            Cell::Count(n) => Decimal::from(*n),
            Cell::Money(m) => m.as_decimal(),
            Cell::Empty | Cell::Text(_) => Decimal::ZERO,
        }
    }
}

/// A horizontal bar chart of one numeric column of a table of the section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Chart {
    /// Title (also the chart's accessible name).
    pub title: String,
    /// The table drawn (its id).
    pub table: String,
    /// The column of labels.
    pub label_column: usize,
    /// The column of values.
    pub value_column: usize,
}

/// The rows not processed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Rejected {
    /// Rows rejected (every one is counted, listed or not).
    pub rows: u64,
    /// Families left out.
    pub families: u64,
    /// Each problem, in file order (at most [`Rejected::LIST_LIMIT`]).
    pub problems: Vec<RowProblem>,
    /// True when more problems were found than are listed.
    pub truncated: bool,
    /// Problems by code: every problem counted, listed or not.
    pub by_code: Vec<CodeCount>,
}

impl Rejected {
    /// The most problems listed; beyond it they are only counted, so that a
    /// file of a million bad rows keeps the memory it needs flat.
    pub const LIST_LIMIT: usize = 100_000;
}

/// How many problems had one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CodeCount {
    /// The code, e.g. `invalid_date`.
    pub code: String,
    /// How many.
    pub count: u64,
}

/// One problem of one rejected row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// Line of the file where the row starts (the header is line 1).
    pub line: u64,
    /// The column's position, from 1 (0: the row as a whole).
    pub column: u32,
    /// The column's header, as written in the file (empty for the row as a whole).
    pub column_name: String,
    /// Stable code, e.g. `invalid_date`.
    pub code: String,
    /// A sentence.
    pub reason: String,
    /// The family's label, only when the analyst asked for identifiers.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub family: Option<String>,
}

/// The receipt of a cohort run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ReportReceipt {
    /// The engine's version.
    pub engine_version: String,
    /// The rule pack: id and SHA-256.
    pub rule_pack: ReceiptRef,
    /// The unit-cost table: id and SHA-256 (a council's: `council:<name>`
    /// and the SHA-256 of its CSV text).
    pub unit_cost_table: ReceiptRef,
    /// The built-in table a council's table sits on top of, if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub extends_table: Option<ReceiptRef>,
    /// The deflator series: id and SHA-256.
    pub deflator: ReceiptRef,
    /// SHA-256 of the input file's bytes, exactly as read.
    pub input_sha256: String,
    /// Size of the input file in bytes.
    pub input_bytes: u64,
    /// SHA-256 of the options, re-serialised as compact JSON with sorted keys.
    pub options_sha256: String,
}

/// An id and a hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptRef {
    /// Identifier.
    pub id: String,
    /// Lower-case hex SHA-256.
    pub sha256: String,
}

// ------------------------------------------------------------------- text

/// An amount for people: `£12,345.67`, `−£80.00` (exact, from the decimal).
pub fn format_money(amount: Money) -> String {
    let text = amount.as_decimal().to_string();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::with_capacity(text.len().saturating_add(6));
    if negative {
        out.push('−');
    }
    out.push('£');
    out.push_str(&group_thousands(whole));
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A count for people: `100,000`.
pub fn format_count(n: u64) -> String {
    group_thousands(&n.to_string())
}

/// A count with its noun, singular for one: `1 family`, `2,000 families`.
pub fn format_counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", format_count(n), if n == 1 { one } else { many })
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len().saturating_add(digits.len() / 3));
    let first = digits.len() % 3;
    for (i, c) in digits.chars().enumerate() {
        if i != 0 && i >= first && (i - first) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Text made safe for HTML: `&`, `<`, `>`, `"` and `'` become entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A field for CSV (RFC 4180): quoted when it holds a comma, quote, or line
/// break, quotes doubled. A field that a spreadsheet would run as a formula
/// (starting `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with
/// `'` — except a plain number such as `-12.50`, which stays a number.
pub fn csv_field(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '@', '\t', '\r'])
        || (text.starts_with('-') && crate::money::parse_decimal(text).is_err());
    let text = if formula {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn cell_csv(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Count(n) => n.to_string(),
        Cell::Money(m) => m.to_string(),
        Cell::Text(t) => csv_field(t),
    }
}

/// A table as CSV: the column labels, each row, then the totals row; lines
/// end with CRLF (RFC 4180).
pub fn table_csv(table: &Table) -> String {
    let mut out = String::new();
    let header: Vec<String> = table.columns.iter().map(|c| csv_field(&c.label)).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in table.rows.iter().chain(table.totals.iter()) {
        let cells: Vec<String> = row.iter().map(cell_csv).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The rejected rows' problems as CSV: line, column, column name, code,
/// reason (and the family's label, when asked for).
pub fn rejected_csv(rejected: &Rejected, with_family: bool) -> String {
    let mut out = String::from("line,column,column_name,code,reason");
    if with_family {
        out.push_str(",family");
    }
    out.push_str("\r\n");
    for p in &rejected.problems {
        let _ = write!(
            out,
            "{},{},{},{},{}",
            p.line,
            p.column,
            csv_field(&p.column_name),
            csv_field(&p.code),
            csv_field(&p.reason)
        );
        if with_family {
            out.push(',');
            out.push_str(&csv_field(p.family.as_deref().unwrap_or("")));
        }
        out.push_str("\r\n");
    }
    out
}

// ------------------------------------------------------------------- HTML

/// How the HTML is to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A fragment for the portal page, whose stylesheet and script it relies
    /// on: download buttons carry `data-export-table` and `data-format`.
    Page,
    /// A whole HTML document with its own stylesheet (screen and print), no
    /// buttons: the file an analyst saves, prints or sends.
    Standalone,
}

fn cell_html(cell: &Cell) -> String {
    match cell {
        Cell::Empty => "–".to_owned(),
        Cell::Count(n) => format_count(*n),
        Cell::Money(m) => format_money(*m),
        Cell::Text(t) => escape(t),
    }
}

fn numeric(kind: CellKind) -> bool {
    !matches!(kind, CellKind::Text)
}

fn table_html(out: &mut String, table: &Table, mode: Mode) {
    let _ = write!(
        out,
        "<div class=\"cb-table-wrapper\"><table class=\"govuk-table\" id=\"report-{id}\">\
         <caption class=\"govuk-table__caption govuk-table__caption--s\">{caption}</caption>\
         <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">",
        id = escape(&table.id),
        caption = escape(&table.caption)
    );
    for c in &table.columns {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"govuk-table__header{}\">{}</th>",
            if numeric(c.kind) {
                " govuk-table__header--numeric"
            } else {
                ""
            },
            escape(&c.label)
        );
    }
    out.push_str("</tr></thead><tbody class=\"govuk-table__body\">");
    let rows = table
        .rows
        .iter()
        .map(|r| (r, false))
        .chain(table.totals.iter().map(|r| (r, true)));
    for (row, total) in rows {
        let _ = write!(
            out,
            "<tr class=\"govuk-table__row{}\">",
            if total { " cb-total" } else { "" }
        );
        for (i, (cell, column)) in row.iter().zip(&table.columns).enumerate() {
            let class = if numeric(column.kind) {
                "govuk-table__cell govuk-table__cell--numeric"
            } else {
                "govuk-table__cell"
            };
            let key = escape(&column.key);
            if i == 0 {
                let _ = write!(
                    out,
                    "<th scope=\"row\" class=\"govuk-table__header\" data-key=\"{key}\">{}</th>",
                    cell_html(cell)
                );
            } else {
                let _ = write!(
                    out,
                    "<td class=\"{class}\" data-key=\"{key}\">{}</td>",
                    cell_html(cell)
                );
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    if mode == Mode::Page {
        let id = escape(&table.id);
        let _ = write!(
            out,
            "<div class=\"govuk-button-group cb-no-print\">\
             <button type=\"button\" class=\"govuk-button govuk-button--secondary\" data-export-table=\"{id}\" data-format=\"csv\">Download CSV<span class=\"govuk-visually-hidden\"> of “{caption}”</span></button>\
             <button type=\"button\" class=\"govuk-button govuk-button--secondary\" data-export-table=\"{id}\" data-format=\"json\">Download JSON<span class=\"govuk-visually-hidden\"> of “{caption}”</span></button></div>",
            caption = escape(&table.caption)
        );
    }
}

/// The widest bar, in SVG user units.
const BAR_WIDTH: u32 = 360;
const BAR_HEIGHT: u32 = 22;
const LABEL_WIDTH: u32 = 230;

/// `value ÷ max × BAR_WIDTH`, to the nearest whole unit (halves up), at least
/// 1 for a value above zero; 0 for zero, negative or empty values.
fn bar_length(value: Decimal, max: Decimal) -> u32 {
    if value <= Decimal::ZERO || max <= Decimal::ZERO {
        return 0;
    }
    value
        .checked_mul(Decimal::from(BAR_WIDTH))
        .and_then(|x| x.checked_div(max))
        .map(|x| Rounding::Whole.apply(x))
        .and_then(|x| x.to_u32())
        .unwrap_or(0)
        .clamp(1, BAR_WIDTH)
}

fn chart_html(out: &mut String, section: &Section, chart: &Chart) {
    let Some(table) = section.tables.iter().find(|t| t.id == chart.table) else {
        return;
    };
    let values: Vec<(String, Decimal, String)> = table
        .rows
        .iter()
        .map(|row| {
            let label = match row.get(chart.label_column) {
                Some(Cell::Text(t)) => t.clone(),
                Some(other) => cell_html(other),
                None => String::new(),
            };
            let cell = row.get(chart.value_column).unwrap_or(&Cell::Empty);
            (label, cell.number(), cell_html(cell))
        })
        .collect();
    let max = values
        .iter()
        .map(|(_, v, _)| *v)
        .max()
        .unwrap_or(Decimal::ZERO);
    let rows = u32::try_from(values.len()).unwrap_or(u32::MAX);
    let height = rows.saturating_mul(BAR_HEIGHT + 8).saturating_add(8);
    let width = LABEL_WIDTH + BAR_WIDTH + 130;
    let id = escape(&format!("chart-{}", chart.table));
    let _ = write!(
        out,
        "<figure class=\"cb-chart\"><svg class=\"cb-chart__svg\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-labelledby=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}\">{title}</title>",
        title = escape(&chart.title)
    );
    let mut y: u32 = 8;
    for (n, (label, value, shown)) in values.iter().enumerate() {
        let length = bar_length(*value, max);
        let text_y = y + BAR_HEIGHT / 2 + 5;
        let _ = write!(
            out,
            "<text class=\"cb-axis-label\" x=\"{lx}\" y=\"{text_y}\" text-anchor=\"end\">{label}</text>\
             <rect class=\"cb-series-{series}\" x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{length}\" height=\"{BAR_HEIGHT}\"></rect>\
             <text class=\"cb-axis-label\" x=\"{vx}\" y=\"{text_y}\">{shown}</text>",
            lx = LABEL_WIDTH - 8,
            label = escape(&shorten(label, 34)),
            series = n % 6,
            vx = LABEL_WIDTH + length + 6,
        );
        y = y.saturating_add(BAR_HEIGHT + 8);
    }
    let _ = write!(
        out,
        "</svg><figcaption class=\"govuk-body-s\">{} (the table below gives the figures).</figcaption></figure>",
        escape(&chart.title)
    );
}

/// At most `n` characters, with an ellipsis when cut.
fn shorten(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(n.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// The report as HTML (see [`Mode`]).
pub fn html(report: &Report, mode: Mode) -> String {
    let mut out = String::new();
    if mode == Mode::Standalone {
        let _ = write!(
            out,
            "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{}</title>\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>{STANDALONE_CSS}</style></head><body>",
            escape(&report.title)
        );
    }
    let _ = write!(
        out,
        "<article class=\"cb-report\" id=\"report\" lang=\"en-GB\"><h2 class=\"govuk-heading-l\" id=\"report-title\">{}</h2>\
         <dl class=\"govuk-summary-list\" id=\"report-summary\">",
        escape(&report.title)
    );
    for f in &report.summary {
        let _ = write!(
            out,
            "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">{}</dt>\
             <dd class=\"govuk-summary-list__value\" id=\"summary-{}\">{}</dd></div>",
            escape(&f.label),
            escape(&f.key),
            cell_html(&f.value)
        );
    }
    out.push_str("</dl>");
    if !report.notes.is_empty() {
        out.push_str("<div class=\"govuk-inset-text\" id=\"report-notes\"><ul class=\"govuk-list govuk-list--bullet\">");
        for n in &report.notes {
            let _ = write!(out, "<li>{}</li>", escape(n));
        }
        out.push_str("</ul></div>");
    }
    for section in &report.sections {
        let _ = write!(
            out,
            "<section class=\"cb-report__section\" id=\"section-{id}\" aria-labelledby=\"heading-{id}\">\
             <h3 class=\"govuk-heading-m\" id=\"heading-{id}\">{title}</h3>",
            id = escape(&section.id),
            title = escape(&section.title)
        );
        for p in &section.text {
            let _ = write!(out, "<p class=\"govuk-body\">{}</p>", escape(p));
        }
        if let Some(chart) = &section.chart {
            chart_html(&mut out, section, chart);
        }
        for table in &section.tables {
            table_html(&mut out, table, mode);
        }
        out.push_str("</section>");
    }
    rejected_html(&mut out, &report.rejected, mode);
    receipt_html(&mut out, &report.receipt);
    out.push_str("</article>");
    if mode == Mode::Standalone {
        out.push_str("</body></html>");
    }
    out
}

/// How many problems the HTML lists; the CSV has them all.
const HTML_PROBLEMS: usize = 50;

fn rejected_html(out: &mut String, rejected: &Rejected, mode: Mode) {
    out.push_str(
        "<section class=\"cb-report__section\" id=\"section-rejected\" aria-labelledby=\"heading-rejected\">\
         <h3 class=\"govuk-heading-m\" id=\"heading-rejected\">Rows not processed</h3>",
    );
    if rejected.rows == 0 {
        out.push_str("<p class=\"govuk-body\">Every row was read and processed.</p></section>");
        return;
    }
    let _ = write!(
        out,
        "<p class=\"govuk-body\">{} ({}) {} not processed. Each problem names the line of the file \
         and the column; a family is left out whole when one of its rows has a problem, so its other rows are listed too.{}</p>",
        format_counted(rejected.rows, "row", "rows"),
        format_counted(rejected.families, "family", "families"),
        if rejected.rows == 1 { "was" } else { "were" },
        if rejected.problems.len() > HTML_PROBLEMS {
            format!(
                " The first {HTML_PROBLEMS} problems are shown; the CSV lists {}.",
                if rejected.truncated {
                    format!("the first {}", format_count(Rejected::LIST_LIMIT as u64))
                } else {
                    "them all".to_owned()
                }
            )
        } else {
            String::new()
        }
    );
    out.push_str(
        "<div class=\"cb-table-wrapper\"><table class=\"govuk-table\" id=\"report-rejected\">\
         <caption class=\"govuk-table__caption govuk-table__caption--s\">Problems found</caption>\
         <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">\
         <th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Line</th>\
         <th scope=\"col\" class=\"govuk-table__header\">Column</th>\
         <th scope=\"col\" class=\"govuk-table__header\">Problem</th></tr></thead><tbody class=\"govuk-table__body\">",
    );
    for p in rejected.problems.iter().take(HTML_PROBLEMS) {
        let column = if p.column == 0 {
            "(the row)".to_owned()
        } else {
            format!("{} ({})", escape(&p.column_name), p.column)
        };
        let _ = write!(
            out,
            "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell govuk-table__cell--numeric\">{}</td>\
             <td class=\"govuk-table__cell\">{column}</td><td class=\"govuk-table__cell\">{}</td></tr>",
            p.line,
            escape(&p.reason)
        );
    }
    out.push_str("</tbody></table></div>");
    if mode == Mode::Page {
        out.push_str(
            "<div class=\"govuk-button-group cb-no-print\"><button type=\"button\" class=\"govuk-button govuk-button--secondary\" \
             data-export-table=\"rejected\" data-format=\"csv\">Download the rejected rows’ problems (CSV)</button></div>",
        );
    }
    out.push_str("</section>");
}

fn receipt_html(out: &mut String, r: &ReportReceipt) {
    let _ = write!(
        out,
        "<section class=\"cb-report__section\" id=\"section-receipt\" aria-labelledby=\"heading-receipt\">\
         <h3 class=\"govuk-heading-m\" id=\"heading-receipt\">Receipt</h3>\
         <p class=\"govuk-body\">With these, the same engine, rules, costs and file give this report again.</p>\
         <dl class=\"govuk-summary-list govuk-summary-list--no-border\" id=\"report-receipt\">"
    );
    let rows = [
        (
            "receipt-engine",
            "Engine version",
            escape(&r.engine_version),
        ),
        (
            "receipt-pack",
            "Rule pack",
            format!(
                "{} <span class=\"cb-hash\">SHA-256 {}</span>",
                escape(&r.rule_pack.id),
                escape(&r.rule_pack.sha256)
            ),
        ),
        (
            "receipt-costs",
            "Unit costs",
            format!(
                "{} <span class=\"cb-hash\">SHA-256 {}</span>",
                escape(&r.unit_cost_table.id),
                escape(&r.unit_cost_table.sha256)
            ),
        ),
        (
            "receipt-input",
            "Input file",
            format!(
                "{} bytes <span class=\"cb-hash\">SHA-256 {}</span>",
                format_count(r.input_bytes),
                escape(&r.input_sha256)
            ),
        ),
        (
            "receipt-options",
            "Options",
            format!(
                "<span class=\"cb-hash\">SHA-256 {}</span>",
                escape(&r.options_sha256)
            ),
        ),
    ];
    for (id, label, value) in rows {
        let _ = write!(
            out,
            "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">{label}</dt>\
             <dd class=\"govuk-summary-list__value\" id=\"{id}\">{value}</dd></div>"
        );
    }
    out.push_str("</dl></section>");
}

/// The standalone page's stylesheet: GOV.UK-like type and tables, the chart
/// colours, and a print stylesheet (A4, no page break inside a table row or
/// a chart, the hashes wrapped).
const STANDALONE_CSS: &str = "body{font-family:arial,sans-serif;color:#0b0c0c;margin:30px auto;max-width:960px;padding:0 15px;line-height:1.3}\
h2{font-size:2rem}h3{font-size:1.5rem;margin-top:2em}\
table{border-collapse:collapse;width:100%;margin-bottom:20px}caption{text-align:left;font-weight:700;padding-bottom:8px}\
th,td{border-bottom:1px solid #b1b4b6;padding:8px 16px 8px 0;text-align:left;vertical-align:top}\
.govuk-table__header--numeric,.govuk-table__cell--numeric{text-align:right}.cb-total th,.cb-total td{font-weight:700}\
dl{margin:0 0 20px}.govuk-summary-list__row{display:flex;border-bottom:1px solid #b1b4b6;padding:6px 0}\
dt{font-weight:700;width:40%}dd{margin:0}.govuk-inset-text{border-left:8px solid #b1b4b6;padding:10px 15px}\
.cb-hash{word-break:break-all;font-family:monospace}.cb-chart__svg{width:100%;max-width:720px;height:auto}\
.cb-axis-label{font:13px arial,sans-serif;fill:#0b0c0c}.cb-series-0{fill:#1d70b8}.cb-series-1{fill:#f47738}\
.cb-series-2{fill:#00703c}.cb-series-3{fill:#4c2c92}.cb-series-4{fill:#d4351c}.cb-series-5{fill:#505a5f}\
@media print{@page{size:A4;margin:15mm}body{margin:0;max-width:none}tr,figure{break-inside:avoid}h3{break-after:avoid}}";

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn amounts_and_counts_are_grouped_exactly() {
        assert_eq!(format_money(money("1234567.89")), "£1,234,567.89");
        assert_eq!(format_money(money("999.50")), "£999.50");
        assert_eq!(format_money(money("-80.00")), "−£80.00");
        assert_eq!(format_money(money("100000")), "£100,000");
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(1000), "1,000");
        assert_eq!(format_count(100_000), "100,000");
        assert_eq!(crate::money::percent_of(1, 3), "33.3 %");
        assert_eq!(crate::money::percent_of(1, 8), "12.5 %");
        assert_eq!(crate::money::percent_of(1, 0), "–");
    }

    #[test]
    fn text_is_escaped_for_html_and_quoted_for_csv() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("-12.50"), "-12.50");
        assert_eq!(csv_field("-cmd"), "'-cmd");
    }

    #[test]
    fn bars_are_proportional_without_floating_point() {
        let max = Decimal::from(200);
        assert_eq!(bar_length(Decimal::from(200), max), BAR_WIDTH);
        assert_eq!(bar_length(Decimal::from(100), max), BAR_WIDTH / 2);
        assert_eq!(bar_length(Decimal::new(1, 2), max), 1);
        assert_eq!(bar_length(Decimal::ZERO, max), 0);
        assert_eq!(bar_length(Decimal::from(-5), max), 0);
    }

    #[test]
    fn a_table_renders_with_its_totals_last() {
        let t = Table {
            id: "t".into(),
            caption: "Cost, by <agency>".into(),
            columns: vec![
                Column {
                    key: "agency".into(),
                    label: "Agency".into(),
                    kind: CellKind::Text,
                },
                Column {
                    key: "amount".into(),
                    label: "Annual cost".into(),
                    kind: CellKind::Money,
                },
            ],
            rows: vec![vec![
                Cell::text("Police, local"),
                Cell::Money(money("10.50")),
            ]],
            totals: Some(vec![Cell::text("Total"), Cell::Money(money("10.50"))]),
        };
        assert_eq!(
            table_csv(&t),
            "Agency,Annual cost\r\n\"Police, local\",10.50\r\nTotal,10.50\r\n"
        );
        let mut html = String::new();
        table_html(&mut html, &t, Mode::Page);
        assert!(html.contains("Cost, by &lt;agency&gt;"));
        assert!(html.contains("£10.50"));
        assert!(!html.contains("style="));
    }
}
