//! The one error type of the engine.
//!
//! Every failure the engine reports — bad money, an unknown unit-cost code, an
//! overflow — is an [`Error`]: a stable machine-readable [`ErrorCode`], a
//! sentence for people, and the path of the field it is about
//! (`items[2].quantity`). The API layer turns these into the `errors` of a
//! `failure` answer; nothing here knows about JavaScript.

use std::fmt;

use serde::Serialize;

/// Stable codes for everything that can go wrong. The `snake_case` names are
/// part of the JavaScript contract: portals may switch on them, so a code is
/// never renamed or reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A money or decimal field is not a plain decimal string such as `"12.50"`.
    InvalidMoney,
    /// A result is too large to represent (more than 28 significant digits).
    Overflow,
    /// A division by zero was asked for (for example, a split with all weights zero).
    DivisionByZero,
    /// The weights of a split are empty or negative.
    InvalidWeights,
    /// A unit-cost code is not in the national table nor among the local rows.
    UnknownCode,
    /// A financial year is not in the GDP-deflator index, or not written `YYYY/YY`.
    UnknownYear,
    /// A quantity is below zero.
    NegativeQuantity,
    /// A quantity is not a whole number.
    FractionalQuantity,
    /// A quantity is missing or is not a number at all.
    InvalidQuantity,
    /// Two local rows carry the same code.
    DuplicateCode,
    /// A required text field is empty, or a field's value is not one of those allowed.
    InvalidField,
    /// A data file shipped with, or supplied to, the engine is malformed.
    InvalidData,
    /// A date is not written `YYYY-MM-DD`, or does not exist (`2015-02-29`).
    InvalidDate,
    /// A date is in the wrong place: a fact after the assessment date, an end before its start, a council pack's dates outside its base pack's.
    DateOutOfRange,
    /// Two dated values of one parameter (or two school terms) cover the same day.
    OverlappingDates,
    /// A parameter's dated values leave days of its pack's validity without a value.
    DateGap,
    /// A rule pack id is not one of the built-in packs (`tf-2012`, `tf-2015`).
    UnknownPack,
    /// A rule pack's text is not JSON.
    InvalidJson,
    /// An indicator names a measure the engine does not know.
    UnknownMeasure,
    /// A council pack changes or removes an indicator its base pack does not have.
    UnknownIndicator,
    /// A pack refers to, or overrides, a parameter it does not have.
    UnknownParameter,
    /// An indicator or decision names a criterion or filter the pack does not have.
    UnknownCriterion,
    /// A kind (of ASB intervention, benefit, exclusion, provision or role) is not one the engine knows.
    UnknownKind,
    /// Attendance names a school term the family record does not list.
    UnknownTerm,
    /// A comparator is not one of `>=`, `>`, `<=`, `<`, `=`.
    InvalidComparator,
    /// A threshold, window or count in a rule pack is not a number of the kind needed.
    InvalidNumber,
    /// A parameter's unit does not fit where it is used (a percentage as a count of months).
    UnitMismatch,
    /// Two parameters, indicators or criteria share an id.
    DuplicateId,
    /// More absent school sessions than possible sessions in a term.
    InconsistentSessions,
    /// A neighbourhood pot is smaller than the services' minimums add up to.
    PotTooSmall,
    /// A rate or share is not a decimal from 0 to 1 (`"0.035"` for 3.5 %).
    InvalidRate,
    /// An evidence grade is not in the optimism-bias table, or none was given.
    UnknownGrade,
    /// A CSV file lacks a column it needs (or has no header at all).
    MissingColumn,
    /// A CSV file names a column twice.
    DuplicateColumn,
    /// A CSV row has more or fewer cells than the header.
    CellCount,
    /// A good CSV row left out because another row of its family was rejected.
    FamilyRejected,
    /// Text that is not UTF-8.
    InvalidText,
    /// A household-level cell differs from the family's first row.
    FamilyMismatch,
    /// A cost of a place's theme names a partner the place does not have.
    UnknownPartner,
    /// A call names a unit-cost table the engine does not have.
    UnknownTable,
    /// A call names a deflator series the engine does not have.
    UnknownSeries,
    /// A value of the wrong JSON type (an object where a list is expected).
    WrongType,
    /// A field the object does not have.
    UnknownField,
    /// A required field left out.
    MissingField,
    /// Text that is none of the allowed values.
    UnknownVariant,
    /// A list longer than its limit (see the README, "Limits").
    TooMany,
    /// A text or file larger than its limit, or a number too large to read.
    TooLarge,
}

impl ErrorCode {
    /// The code as it appears on the wire (`"unknown_code"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidMoney => "invalid_money",
            Self::Overflow => "overflow",
            Self::DivisionByZero => "division_by_zero",
            Self::InvalidWeights => "invalid_weights",
            Self::UnknownCode => "unknown_code",
            Self::UnknownYear => "unknown_year",
            Self::NegativeQuantity => "negative_quantity",
            Self::FractionalQuantity => "fractional_quantity",
            Self::InvalidQuantity => "invalid_quantity",
            Self::DuplicateCode => "duplicate_code",
            Self::InvalidField => "invalid_field",
            Self::InvalidData => "invalid_data",
            Self::InvalidDate => "invalid_date",
            Self::DateOutOfRange => "date_out_of_range",
            Self::OverlappingDates => "overlapping_dates",
            Self::DateGap => "date_gap",
            Self::UnknownPack => "unknown_pack",
            Self::InvalidJson => "invalid_json",
            Self::UnknownMeasure => "unknown_measure",
            Self::UnknownIndicator => "unknown_indicator",
            Self::UnknownParameter => "unknown_parameter",
            Self::UnknownCriterion => "unknown_criterion",
            Self::UnknownKind => "unknown_kind",
            Self::UnknownTerm => "unknown_term",
            Self::InvalidComparator => "invalid_comparator",
            Self::InvalidNumber => "invalid_number",
            Self::UnitMismatch => "unit_mismatch",
            Self::DuplicateId => "duplicate_id",
            Self::InconsistentSessions => "inconsistent_sessions",
            Self::PotTooSmall => "pot_too_small",
            Self::InvalidRate => "invalid_rate",
            Self::UnknownGrade => "unknown_grade",
            Self::MissingColumn => "missing_column",
            Self::DuplicateColumn => "duplicate_column",
            Self::CellCount => "cell_count",
            Self::FamilyRejected => "family_rejected",
            Self::InvalidText => "invalid_text",
            Self::FamilyMismatch => "family_mismatch",
            Self::UnknownPartner => "unknown_partner",
            Self::UnknownTable => "unknown_table",
            Self::UnknownSeries => "unknown_series",
            Self::WrongType => "wrong_type",
            Self::UnknownField => "unknown_field",
            Self::MissingField => "missing_field",
            Self::UnknownVariant => "unknown_variant",
            Self::TooMany => "too_many",
            Self::TooLarge => "too_large",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step of a field path: a field's name, or a position in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'p> {
    /// A field (`members`).
    Field(&'p str),
    /// A position in a list (`[2]`), from 0.
    Index(usize),
}

/// Where in a call or record an error is, as written for callers
/// (`members[2].asb[0].date`). Code that needs a position reads its steps
/// (`members`, `[2]`, `asb`, `[0]`, `date`), never the text; the steps are
/// read from the text only where they are asked for, so a module that
/// never asks carries no reader of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Path {
    text: String,
}

impl Path {
    /// The path written `text` (`items[0].quantity`; `.cost` or `[1]` for
    /// one relative to an outer path).
    pub fn parse(text: &str) -> Self {
        Self {
            text: text.to_owned(),
        }
    }

    /// The steps, outermost first.
    pub fn steps(&self) -> impl Iterator<Item = Step<'_>> {
        self.text.split('.').flat_map(|part| {
            let (field, rest) = part.split_once('[').unwrap_or((part, ""));
            let field = Some(field).filter(|f| !f.is_empty()).map(Step::Field);
            let indices = rest
                .split('[')
                .filter_map(|i| i.trim_end_matches(']').parse::<usize>().ok())
                .map(Step::Index);
            field.into_iter().chain(indices)
        })
    }

    /// The path as written (`items[0].quantity`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The outermost field (`members` of `members[2].age`).
    pub fn field(&self) -> Option<&str> {
        match self.steps().next() {
            Some(Step::Field(f)) => Some(f),
            _ => None,
        }
    }

    /// The position under the outermost field when it is `list`
    /// (`members[2]…` → 2).
    pub fn index_in(&self, list: &str) -> Option<usize> {
        let mut steps = self.steps();
        match (steps.next(), steps.next()) {
            (Some(Step::Field(f)), Some(Step::Index(i))) if f == list => Some(i),
            _ => None,
        }
    }

    /// The field inside the outermost list's element (`asb` of
    /// `members[2].asb[0].date`).
    pub fn inner_field(&self) -> Option<&str> {
        let mut steps = self.steps();
        match (steps.next(), steps.next(), steps.next()) {
            (Some(Step::Field(_)), Some(Step::Index(_)), Some(Step::Field(f))) => Some(f),
            _ => None,
        }
    }

    /// Written relative to an outer path (`.cost`, `[1]`).
    fn relative(&self) -> bool {
        self.text.starts_with('.') || self.text.starts_with('[')
    }

    /// This path under `outer`.
    fn under(self, outer: Path) -> Self {
        Self {
            text: outer.text + &self.text,
        }
    }
}

impl From<&str> for Path {
    fn from(text: &str) -> Self {
        Self::parse(text)
    }
}

impl From<String> for Path {
    fn from(text: String) -> Self {
        Self::parse(&text)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// An error with a stable code, a sentence, and (once known) the path of the
/// field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
    /// Boxed: errors are rare, and an `Error` inside every `Result` stays small.
    path: Option<Box<Path>>,
}

impl Error {
    /// A new error without a field path.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            path: None,
        }
    }

    /// The same error, about the field at `path` (for example `items[0].quantity`).
    /// A path already set is kept as the more precise one, prefixed by `path`
    /// when it is relative (starts with `.` or `[`).
    #[must_use]
    pub fn at(mut self, path: impl Into<Path>) -> Self {
        let outer = path.into();
        self.path = Some(Box::new(match self.path.take() {
            None => outer,
            Some(inner) if inner.relative() => inner.under(outer),
            Some(inner) => *inner,
        }));
        self
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The sentence for people.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The field path as written, if the error is about one field.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref().map(Path::as_str)
    }

    /// The field path's steps, if the error is about one field.
    pub fn location(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Shorthand for an [`ErrorCode::Overflow`] error naming what overflowed.
    pub fn overflow(what: &str) -> Self {
        Self::new(
            ErrorCode::Overflow,
            format!(
                "The {what} is too large to calculate exactly (more than 28 significant digits)."
            ),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{path}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

/// Result alias used across the engine.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_compose_from_the_outside_in() {
        let e = Error::new(ErrorCode::InvalidMoney, "Bad.")
            .at(".cost")
            .at("localRows[2]");
        assert_eq!(e.path(), Some("localRows[2].cost"));
        let e = Error::new(ErrorCode::InvalidMoney, "Bad.")
            .at("baseYear")
            .at("call");
        assert_eq!(e.path(), Some("baseYear"));
        assert_eq!(e.to_string(), "baseYear: Bad.");
    }

    #[test]
    fn paths_are_steps() {
        let p = Path::parse("members[2].asb[0].date");
        assert_eq!(
            p.steps().collect::<Vec<_>>(),
            [
                Step::Field("members"),
                Step::Index(2),
                Step::Field("asb"),
                Step::Index(0),
                Step::Field("date"),
            ]
        );
        assert_eq!(p.field(), Some("members"));
        assert_eq!(p.index_in("members"), Some(2));
        assert_eq!(p.index_in("items"), None);
        assert_eq!(p.inner_field(), Some("asb"));
        assert_eq!(p.to_string(), "members[2].asb[0].date");
        // A relative path is put under the outer one, steps and text.
        let e = Error::new(ErrorCode::InvalidMoney, "Bad.")
            .at("[1].cost")
            .at("localRows");
        let at = e.location().unwrap_or_else(|| unreachable!());
        assert_eq!(at.index_in("localRows"), Some(1));
        assert_eq!(at.as_str(), "localRows[1].cost");
    }

    #[test]
    fn codes_are_snake_case_on_the_wire() {
        let json = serde_json::to_string(&ErrorCode::FractionalQuantity).unwrap_or_default();
        assert_eq!(json, "\"fractional_quantity\"");
        assert_eq!(
            ErrorCode::FractionalQuantity.as_str(),
            "fractional_quantity"
        );
    }
}
