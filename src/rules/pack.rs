//! The rule-pack model: what a pack says once read and checked, and the
//! values it has in force on a day.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::family::{Measure, Who, WindowUnit};

/// A checked rule pack (a national pack, or a council pack merged onto its base).
#[derive(Debug, Clone)]
pub struct Pack {
    /// Identifier, e.g. `tf-2012`.
    pub id: String,
    /// Title.
    pub title: String,
    /// The pack's own version label.
    pub version: String,
    /// First day it applies.
    pub valid_from: Date,
    /// Last day it applies, if it has an end.
    pub valid_to: Option<Date>,
    /// Where its rules come from.
    pub source: String,
    /// The national pack a council pack extends.
    pub extends: Option<String>,
    /// What the counted groups are called ("national criteria", "headline problems").
    pub criteria_label: String,
    /// What its indicators are called where a decision counts them ("family
    /// needs"); "indicators" when the pack says nothing.
    pub indicators_label: String,
    /// Parameters, with dated values.
    pub parameters: Vec<Parameter>,
    /// Counted groups of indicators (criteria, headline problems).
    pub criteria: Vec<Group>,
    /// Groups that are not counted but that an outcome may require (the local filter).
    pub filters: Vec<Group>,
    /// Indicators, each in one group.
    pub indicators: Vec<Indicator>,
    /// Outcomes, best first; a family gets the first it qualifies for.
    pub decision: Vec<Outcome>,
    /// SHA-256 of the pack's text (a council pack: of its base's file and its
    /// own text, joined by one newline).
    pub sha256: String,
    pub(crate) origin: Origin,
}

/// Where the parts of an item were written in the pack being read, so that a
/// problem found after merging a council pack onto its base points into the
/// council pack. Fields inherited from a base pack have no path.
#[derive(Debug, Clone, Default)]
pub(crate) struct Origin {
    pub(crate) root: Option<String>,
    pub(crate) fields: Vec<(&'static str, String)>,
}

impl Origin {
    /// The path of a field, if the pack being read wrote it.
    pub(crate) fn field(&self, name: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, p)| p.clone())
    }

    /// The path of the first of `names` written, else the item's own path.
    pub(crate) fn best(&self, names: &[&str]) -> Option<String> {
        names
            .iter()
            .find_map(|n| self.field(n))
            .or_else(|| self.root.clone())
    }
}

/// A named value with dated values, a unit and a source.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// Identifier, e.g. `unauthorised-absence`.
    pub id: String,
    /// What it is.
    pub title: String,
    /// Its unit.
    pub unit: Unit,
    /// Evidence tag from the domain research (`V`, `V2`, `D`, `R`, `A`), if given.
    pub evidence: String,
    /// Where the value comes from.
    pub source: String,
    /// Values, each in force over dates that neither overlap nor leave gaps.
    pub values: Vec<DatedValue>,
    pub(crate) origin: Origin,
}

/// The unit of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A whole number of things.
    Count,
    /// A percentage: `15` is 15 %.
    Percent,
    /// Calendar months.
    Months,
    /// School terms.
    Terms,
    /// A list of kinds.
    Kinds,
    /// An amount of money in pounds, to the penny: `4000` is £4,000 (payment by results).
    Pounds,
    /// Weeks (continuous employment for payment by results).
    Weeks,
    /// What a decision counts: `"criteria"` or `"indicators"` ([`Counting`]).
    Counting,
}

impl Unit {
    /// Every unit.
    pub const ALL: [Unit; 8] = [
        Unit::Count,
        Unit::Percent,
        Unit::Months,
        Unit::Terms,
        Unit::Kinds,
        Unit::Pounds,
        Unit::Weeks,
        Unit::Counting,
    ];

    /// The name in rule packs.
    pub fn id(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Percent => "percent",
            Unit::Months => "months",
            Unit::Terms => "terms",
            Unit::Kinds => "kinds",
            Unit::Pounds => "pounds",
            Unit::Weeks => "weeks",
            Unit::Counting => "counting",
        }
    }
}

/// One value of a parameter and the days it is in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedValue {
    /// First day.
    pub from: Date,
    /// Last day; open-ended when `None`.
    pub to: Option<Date>,
    /// The value.
    pub value: ParamValue,
}

/// A parameter's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// A number (count, percentage, months, terms).
    Number(Decimal),
    /// A list of kinds.
    Kinds(Vec<String>),
    /// Text that is not a number (only in a pack that fails its checks).
    Text(String),
}

impl std::fmt::Display for ParamValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamValue::Number(n) => write!(f, "{n}"),
            ParamValue::Kinds(k) => f.write_str(&k.join(", ")),
            ParamValue::Text(t) => write!(f, "\"{t}\""),
        }
    }
}

/// A group of indicators: met when any of its indicators is met.
#[derive(Debug, Clone)]
pub struct Group {
    /// Identifier, e.g. `education`.
    pub id: String,
    /// Title, e.g. "Education".
    pub title: String,
    /// Where it comes from.
    pub source: String,
    pub(crate) origin: Origin,
}

/// A number written in the pack, or a parameter's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberRef {
    /// Written in place.
    Literal(Decimal),
    /// The value of this parameter in force on the assessment date.
    Parameter(String),
}

/// A list of kinds written in the pack, or a parameter's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindsRef {
    /// Written in place.
    Literal(Vec<String>),
    /// The value of this parameter in force on the assessment date.
    Parameter(String),
}

/// A window in a pack: months or terms, of a length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowRef {
    /// Months or terms.
    pub unit: WindowUnit,
    /// How many.
    pub length: NumberRef,
}

/// How a measured value is compared with the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// `>=`: the threshold or more.
    AtLeast,
    /// `>`: more than the threshold.
    MoreThan,
    /// `<=`: the threshold or fewer.
    AtMost,
    /// `<`: fewer than the threshold.
    LessThan,
    /// `=`: exactly the threshold.
    Exactly,
}

impl Comparator {
    /// Every comparator.
    pub const ALL: [Comparator; 5] = [
        Comparator::AtLeast,
        Comparator::MoreThan,
        Comparator::AtMost,
        Comparator::LessThan,
        Comparator::Exactly,
    ];

    /// As written in packs.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::MoreThan => ">",
            Comparator::AtMost => "<=",
            Comparator::LessThan => "<",
            Comparator::Exactly => "=",
        }
    }

    /// Reads a symbol.
    pub fn parse(text: &str) -> Option<Comparator> {
        Comparator::ALL.into_iter().find(|c| c.symbol() == text)
    }

    /// Whether `value` compares so with `threshold`.
    pub fn holds(self, value: Decimal, threshold: Decimal) -> bool {
        match self {
            Comparator::AtLeast => value >= threshold,
            Comparator::MoreThan => value > threshold,
            Comparator::AtMost => value <= threshold,
            Comparator::LessThan => value < threshold,
            Comparator::Exactly => value == threshold,
        }
    }

    /// "15 % or more", "more than 10 %", with `unit` after the number.
    pub fn describe(self, threshold: Decimal, unit: &str) -> String {
        let t = threshold.normalize();
        match self {
            Comparator::AtLeast => format!("{t}{unit} or more"),
            Comparator::MoreThan => format!("more than {t}{unit}"),
            Comparator::AtMost => format!("{t}{unit} or less"),
            Comparator::LessThan => format!("less than {t}{unit}"),
            Comparator::Exactly => format!("exactly {t}{unit}"),
        }
    }
}

/// One test of the family: a measure, of whom, over a window, against a threshold.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// Identifier, e.g. `unauthorised-absence`.
    pub id: String,
    /// Title for officers.
    pub title: String,
    /// The criterion or filter it belongs to.
    pub group: String,
    /// What is measured.
    pub measure: Measure,
    /// Of whom.
    pub who: Who,
    /// Over which window, if any.
    pub window: Option<WindowRef>,
    /// Which kinds count, if filtered.
    pub kinds: Option<KindsRef>,
    /// How the value is compared (`>=` for a flag when the pack says nothing).
    pub comparator: Comparator,
    /// With what (`1` for a flag when the pack says nothing).
    pub threshold: NumberRef,
    /// Where the rule comes from.
    pub source: String,
    pub(crate) origin: Origin,
}

/// A decision outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// In the programme automatically (phase 1: all three criteria).
    Automatic,
    /// May be included at local discretion (phase 1: two criteria and the local filter).
    Discretionary,
    /// Eligible (phase 2: two or more headline problems).
    Eligible,
    /// Not eligible.
    NotEligible,
}

impl Status {
    /// The name in packs and answers.
    pub fn id(self) -> &'static str {
        match self {
            Status::Automatic => "automatic",
            Status::Discretionary => "discretionary",
            Status::Eligible => "eligible",
            Status::NotEligible => "notEligible",
        }
    }

    /// Reads a name used in packs (`notEligible` is what no outcome gives, so
    /// it is not an outcome itself).
    pub fn parse(text: &str) -> Option<Status> {
        [Status::Automatic, Status::Discretionary, Status::Eligible]
            .into_iter()
            .find(|s| s.id() == text)
    }

    /// For sentences: "in the programme automatically".
    pub fn phrase(self) -> &'static str {
        match self {
            Status::Automatic => "in the programme automatically",
            Status::Discretionary => "may be included at the council's discretion",
            Status::Eligible => "eligible",
            Status::NotEligible => "not eligible",
        }
    }
}

/// What a decision outcome counts towards its minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// Criteria met: several indicators of one criterion count once (the
    /// phase-2 headlines; the 2022 framework as some councils read it).
    Criteria,
    /// Indicators met across the criteria, each once (the 2022 framework's
    /// "three family needs"). Filters' indicators are not counted.
    Indicators,
}

impl Counting {
    /// Both, by their names in packs.
    pub const ALL: [Counting; 2] = [Counting::Criteria, Counting::Indicators];

    /// The name in packs.
    pub fn id(self) -> &'static str {
        match self {
            Counting::Criteria => "criteria",
            Counting::Indicators => "indicators",
        }
    }

    /// Reads a name used in packs.
    pub fn parse(text: &str) -> Option<Counting> {
        Counting::ALL.into_iter().find(|c| c.id() == text)
    }
}

/// What an outcome counts, written in the pack or a parameter's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountingRef {
    /// Written in place (criteria when the pack says nothing).
    Literal(Counting),
    /// The value of this parameter (unit `counting`) on the assessment date.
    Parameter(String),
}

/// One rule of the decision: so many criteria (or indicators) met, and these filters.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The outcome.
    pub status: Status,
    /// Criteria (or indicators, as `count` says) that must be met, at least.
    pub min_criteria: NumberRef,
    /// What is counted.
    pub count: CountingRef,
    /// Filters that must also be met.
    pub requires: Vec<String>,
    pub(crate) origin: Origin,
}

impl Pack {
    /// A parameter by id.
    pub fn parameter(&self, id: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.id == id)
    }

    /// True when `day` is within the pack's dates.
    pub fn in_force_on(&self, day: Date) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }

    /// A group (criterion or filter) by id, and whether it is counted.
    pub fn group(&self, id: &str) -> Option<(&Group, bool)> {
        self.criteria
            .iter()
            .find(|g| g.id == id)
            .map(|g| (g, true))
            .or_else(|| self.filters.iter().find(|g| g.id == id).map(|g| (g, false)))
    }
}

impl Parameter {
    /// The value in force on `day`; outside every value's dates, the nearest
    /// one (the first before the first date, the last after the last).
    pub fn value_on(&self, day: Date) -> Option<&DatedValue> {
        self.values
            .iter()
            .find(|v| v.from <= day && v.to.is_none_or(|to| day <= to))
            .or_else(|| {
                let first = self.values.iter().min_by_key(|v| v.from)?;
                if day < first.from {
                    Some(first)
                } else {
                    self.values.iter().max_by_key(|v| v.from)
                }
            })
    }
}
