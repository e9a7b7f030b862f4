//! Reading rule packs from JSON text, merging a council pack onto its base,
//! and checking the result: every problem at once, each with its JSON path
//! (`indicatorOverrides[0].comparator`).
//!
//! Packs are read from a `serde_json::Value` by hand rather than with derived
//! deserialisers, because a derived reader stops at the first problem and an
//! author needs them all.

use crate::json::{Map, Value};
use rust_decimal::Decimal;

use super::pack::{
    Comparator, Counting, CountingRef, DatedValue, Group, Indicator, KindsRef, NumberRef, Origin,
    Outcome, Pack, ParamValue, Parameter, Status, Unit, WindowRef,
};
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::family::{Level, Measure, ValueKind, Who, WindowUnit};
use crate::json::{self, Shape};
use crate::money::{parse_decimal, Rounding};

/// A pack as read: complete, or a council pack still to be merged onto its base.
pub(crate) enum Read {
    Full(Pack),
    Extension(Extension),
}

/// A council pack: its own metadata, what it adds and what it changes.
pub(crate) struct Extension {
    /// Problems found reading it (the merge and its checks add theirs).
    errors: Vec<Error>,
    /// Ids of the items that could not be read.
    broken: Vec<String>,
    pub(crate) meta: Pack,
    pub(crate) extends: String,
    parameters: Vec<Parameter>,
    indicators: Vec<Indicator>,
    parameter_overrides: Vec<PartialParameter>,
    indicator_overrides: Vec<PartialIndicator>,
}

const PACK_KEYS: &[&str] = &[
    "id",
    "title",
    "version",
    "validFrom",
    "validTo",
    "source",
    "criteriaLabel",
    "indicatorsLabel",
    "parameters",
    "criteria",
    "filters",
    "indicators",
    "decision",
];
const EXTENSION_KEYS: &[&str] = &[
    "id",
    "title",
    "version",
    "validFrom",
    "validTo",
    "source",
    "extends",
    "parameters",
    "indicators",
    "parameterOverrides",
    "indicatorOverrides",
];
const PARAMETER_KEYS: &[&str] = &["id", "title", "unit", "evidence", "source", "values"];
const VALUE_KEYS: &[&str] = &["from", "to", "value"];
const GROUP_KEYS: &[&str] = &["id", "title", "source"];
const INDICATOR_KEYS: &[&str] = &[
    "id",
    "title",
    "group",
    "measure",
    "who",
    "window",
    "kinds",
    "comparator",
    "threshold",
    "source",
];
const OVERRIDE_KEYS: &[&str] = &[
    "id",
    "removed",
    "title",
    "group",
    "measure",
    "who",
    "window",
    "kinds",
    "comparator",
    "threshold",
    "source",
];
const OUTCOME_KEYS: &[&str] = &["status", "minCriteria", "count", "requires"];
const EVIDENCE_TAGS: &[&str] = &["V", "V2", "D", "R", "A"];

fn problem(code: ErrorCode, message: impl Into<String>, path: Option<String>) -> Error {
    let e = Error::new(code, message);
    match path {
        Some(p) if !p.is_empty() => e.at(p),
        _ => e,
    }
}

fn quoted(list: &[&str]) -> String {
    list.iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

struct Reader {
    errors: Vec<Error>,
    /// Ids of items that could not be read: references to them are not
    /// reported again as unknown.
    broken: Vec<String>,
}

/// Notes the id of an item that could not be read.
fn broken_id(broken: &mut Vec<String>, v: &Value) {
    if let Some(id) = v.get("id").and_then(Value::as_str) {
        broken.push(id.to_owned());
    }
}

/// An object being read, and the fields found so far.
struct Obj<'a> {
    map: &'a Map<'a>,
    path: String,
    origin: Origin,
}

impl Reader {
    fn fail(&mut self, code: ErrorCode, message: impl Into<String>, path: &str) {
        self.errors
            .push(problem(code, message, Some(path.to_owned())));
    }

    /// A problem of shape, in the one vocabulary of [`crate::json`].
    fn shape(&mut self, shape: &Shape, path: &str) {
        self.errors.push(shape.at(path));
    }

    fn object<'a>(&mut self, v: &'a Value<'a>, path: &str, keys: &[&str]) -> Option<Obj<'a>> {
        let Some(map) = v.as_object() else {
            self.shape(&Shape::wrong_type(v, "an object"), path);
            return None;
        };
        for key in map.keys().filter(|k| !keys.contains(k)) {
            self.shape(&Shape::unknown_field(key, keys), &json::join(path, key));
        }
        Some(Obj {
            map,
            path: path.to_owned(),
            origin: Origin {
                root: Some(path.to_owned()),
                fields: Vec::new(),
            },
        })
    }

    /// A field's value and path, recording where it was written; a missing
    /// required field is a problem.
    fn field<'a>(
        &mut self,
        o: &mut Obj<'a>,
        key: &'static str,
        required: bool,
    ) -> Option<(&'a Value<'a>, String)> {
        let path = json::join(&o.path, key);
        match json::field(o.map, key, false) {
            Some(v) => {
                o.origin.fields.push((key, path.clone()));
                Some((v, path))
            }
            None => {
                if required {
                    self.shape(&Shape::MissingField(key.to_owned()), &o.path);
                }
                None
            }
        }
    }

    fn text(&mut self, o: &mut Obj<'_>, key: &'static str, required: bool) -> Option<String> {
        let (v, path) = self.field(o, key, required)?;
        match v.as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.to_owned()),
            Some(_) => {
                self.fail(
                    ErrorCode::InvalidField,
                    format!("\"{key}\" is empty; write its text."),
                    &path,
                );
                None
            }
            None => {
                self.shape(&Shape::wrong_type(v, "a string"), &path);
                None
            }
        }
    }

    fn date(&mut self, o: &mut Obj<'_>, key: &'static str, required: bool) -> Option<Date> {
        let (v, path) = self.field(o, key, required)?;
        match v.as_str().map(Date::parse) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                self.errors.push(e.at(path));
                None
            }
            None => {
                self.shape(
                    &Shape::wrong_type(v, "a date string such as \"2015-04-01\""),
                    &path,
                );
                None
            }
        }
    }

    /// The elements of an array field (none when absent), with their paths.
    fn list<'a>(&mut self, o: &mut Obj<'a>, key: &'static str) -> Vec<(&'a Value<'a>, String)> {
        let Some((v, path)) = self.field(o, key, false) else {
            return Vec::new();
        };
        match v.as_array() {
            Some(items) => match json::list_length(key, items.len()) {
                // Refused as soon as its length is known: none of its items is read.
                Err(shape) => {
                    self.shape(&shape, &path);
                    Vec::new()
                }
                Ok(()) => items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| (item, format!("{path}[{i}]")))
                    .collect(),
            },
            None => {
                self.shape(&Shape::wrong_type(v, "a list"), &path);
                Vec::new()
            }
        }
    }

    fn parse_of<T>(
        &mut self,
        o: &mut Obj<'_>,
        key: &'static str,
        required: bool,
        code: ErrorCode,
        allowed: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let (v, path) = self.field(o, key, required)?;
        let Some(s) = v.as_str() else {
            self.shape(&Shape::wrong_type(v, "a string"), &path);
            return None;
        };
        let parsed = parse(s);
        if parsed.is_none() {
            // The one wording of an unknown variant, with the pack's own code
            // (`invalid_comparator`, `unknown_measure`, …).
            let message = Shape::unknown_variant(s, allowed).message();
            self.errors.push(Error::new(code, message).at(path));
        }
        parsed
    }

    fn number(&mut self, v: &Value, path: &str) -> Option<NumberRef> {
        match v {
            Value::String(s) => match parse_decimal(s) {
                Ok(d) => Some(NumberRef::Literal(d)),
                Err(_) => {
                    self.fail(
                        ErrorCode::InvalidNumber,
                        format!("\"{s}\" is not a number; write digits with an optional \".\", for example \"15\" or \"2.5\"."),
                        path,
                    );
                    None
                }
            },
            Value::Number(_) => {
                self.fail(
                    ErrorCode::InvalidNumber,
                    "Write the number as text (\"15\", not 15), so that it is read exactly.",
                    path,
                );
                None
            }
            Value::Object(_) => {
                let mut o = self.object(v, path, &["parameter"])?;
                self.text(&mut o, "parameter", true)
                    .map(NumberRef::Parameter)
            }
            _ => {
                self.fail(
                    ErrorCode::InvalidNumber,
                    "This must be a number written as text (\"3\") or { \"parameter\": id }.",
                    path,
                );
                None
            }
        }
    }

    fn kinds(&mut self, v: &Value, path: &str) -> Option<KindsRef> {
        match v {
            Value::Array(items) => {
                let mut kinds = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item.as_str() {
                        Some(s) => kinds.push(s.to_owned()),
                        None => self.fail(
                            ErrorCode::UnknownKind,
                            "A kind is text such as \"asbo\".",
                            &format!("{path}[{i}]"),
                        ),
                    }
                }
                (kinds.len() == items.len()).then_some(KindsRef::Literal(kinds))
            }
            Value::Object(_) => {
                let mut o = self.object(v, path, &["parameter"])?;
                self.text(&mut o, "parameter", true)
                    .map(KindsRef::Parameter)
            }
            _ => {
                self.fail(
                    ErrorCode::InvalidField,
                    "Kinds are a list ([\"asbo\", …]) or { \"parameter\": id }.",
                    path,
                );
                None
            }
        }
    }

    fn window(&mut self, v: &Value, path: &str) -> Option<Option<WindowRef>> {
        if v.is_null() {
            return Some(None);
        }
        let o = self.object(v, path, &["months", "terms"])?;
        let found: Vec<(WindowUnit, &Value)> = [WindowUnit::Months, WindowUnit::Terms]
            .into_iter()
            .filter_map(|u| o.map.get(u.id()).map(|v| (u, v)))
            .collect();
        match found.as_slice() {
            [(unit, length)] => {
                let length = self.number(length, &json::join(path, unit.id()))?;
                Some(Some(WindowRef {
                    unit: *unit,
                    length,
                }))
            }
            _ => {
                self.fail(
                    ErrorCode::InvalidField,
                    "A window is { \"months\": \"12\" } or { \"terms\": \"3\" }: one of the two.",
                    path,
                );
                None
            }
        }
    }

    fn values(&mut self, v: &Value, path: &str) -> Option<Vec<DatedValue>> {
        let Some(items) = v.as_array() else {
            self.fail(
                ErrorCode::InvalidField,
                "\"values\" must be a list of { \"from\", \"to\", \"value\" }.",
                path,
            );
            return None;
        };
        if let Err(shape) = json::list_length("values", items.len()) {
            self.shape(&shape, path);
            return None;
        }
        if items.is_empty() {
            self.fail(
                ErrorCode::InvalidField,
                "A parameter needs at least one value.",
                path,
            );
        }
        let before = self.errors.len();
        let mut values = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}[{i}]");
            let Some(mut o) = self.object(item, &at, VALUE_KEYS) else {
                continue;
            };
            let from = self.date(&mut o, "from", true);
            let to = self.date(&mut o, "to", false);
            let value = match self.field(&mut o, "value", true) {
                Some((Value::String(s), _)) => Some(match parse_decimal(s) {
                    Ok(d) => ParamValue::Number(d),
                    Err(_) => ParamValue::Text(s.to_string()),
                }),
                Some((v @ Value::Array(_), p)) => match self.kinds(v, &p) {
                    Some(KindsRef::Literal(k)) => Some(ParamValue::Kinds(k)),
                    _ => None,
                },
                Some((Value::Number(_), p)) => {
                    self.fail(
                        ErrorCode::InvalidNumber,
                        "Write the number as text (\"15\", not 15), so that it is read exactly.",
                        &p,
                    );
                    None
                }
                Some((_, p)) => {
                    self.fail(
                        ErrorCode::InvalidField,
                        "A value is a number written as text (\"15\") or a list of kinds.",
                        &p,
                    );
                    None
                }
                None => None,
            };
            if let (Some(from), Some(value)) = (from, value) {
                values.push(DatedValue { from, to, value });
            }
        }
        (self.errors.len() == before).then_some(values)
    }

    fn group(&mut self, v: &Value, path: &str) -> Option<Group> {
        let mut o = self.object(v, path, GROUP_KEYS)?;
        let id = self.text(&mut o, "id", true);
        let title = self.text(&mut o, "title", true);
        let source = self.text(&mut o, "source", false).unwrap_or_default();
        Some(Group {
            id: id?,
            title: title?,
            source,
            origin: o.origin,
        })
    }

    fn outcome(&mut self, v: &Value, path: &str) -> Option<Outcome> {
        let mut o = self.object(v, path, OUTCOME_KEYS)?;
        let status = self.parse_of(
            &mut o,
            "status",
            true,
            ErrorCode::InvalidField,
            &["automatic", "discretionary", "eligible"],
            Status::parse,
        );
        let min = self
            .field(&mut o, "minCriteria", true)
            .and_then(|(v, p)| self.number(v, &p));
        let count = match self.field(&mut o, "count", false) {
            None => Some(CountingRef::Literal(Counting::Criteria)),
            Some((Value::String(s), p)) => match Counting::parse(s) {
                Some(c) => Some(CountingRef::Literal(c)),
                None => {
                    self.fail(
                        ErrorCode::InvalidField,
                        format!("\"{s}\" is not what a decision counts; write \"criteria\" or \"indicators\"."),
                        &p,
                    );
                    None
                }
            },
            Some((v @ Value::Object(_), p)) => {
                let mut o = self.object(v, &p, &["parameter"])?;
                self.text(&mut o, "parameter", true)
                    .map(CountingRef::Parameter)
            }
            Some((_, p)) => {
                self.fail(
                    ErrorCode::InvalidField,
                    "\"count\" is \"criteria\", \"indicators\" or { \"parameter\": id }.",
                    &p,
                );
                None
            }
        };
        let mut requires = Vec::new();
        for (item, p) in self.list(&mut o, "requires") {
            match item.as_str() {
                Some(s) => requires.push(s.to_owned()),
                None => self.fail(ErrorCode::InvalidField, "A filter id is text.", &p),
            }
        }
        Some(Outcome {
            status: status?,
            min_criteria: min?,
            count: count?,
            requires,
            origin: o.origin,
        })
    }

    /// The metadata every pack has.
    fn meta(&mut self, o: &mut Obj<'_>) -> Option<Pack> {
        let id = self.text(o, "id", true);
        let title = self.text(o, "title", true);
        let version = self.text(o, "version", false).unwrap_or_default();
        let valid_from = self.date(o, "validFrom", true);
        let valid_to = self.date(o, "validTo", false);
        let source = self.text(o, "source", true);
        Some(Pack {
            id: id?,
            title: title?,
            version,
            valid_from: valid_from?,
            valid_to,
            source: source?,
            extends: None,
            criteria_label: String::new(),
            indicators_label: String::new(),
            parameters: Vec::new(),
            criteria: Vec::new(),
            filters: Vec::new(),
            indicators: Vec::new(),
            decision: Vec::new(),
            sha256: String::new(),
            origin: Origin::default(),
        })
    }
}

/// A parameter as written: complete for a new one, some fields for an override.
struct PartialParameter {
    id: Option<String>,
    title: Option<String>,
    unit: Option<Unit>,
    evidence: Option<String>,
    source: Option<String>,
    values: Option<Vec<DatedValue>>,
    origin: Origin,
}

/// An indicator as written: complete for a new one, some fields for an override.
struct PartialIndicator {
    id: Option<String>,
    removed: bool,
    title: Option<String>,
    group: Option<String>,
    measure: Option<Measure>,
    who: Option<Who>,
    window: Option<Option<WindowRef>>,
    kinds: Option<Option<KindsRef>>,
    comparator: Option<Comparator>,
    threshold: Option<NumberRef>,
    source: Option<String>,
    origin: Origin,
}

impl Reader {
    fn parameter(&mut self, v: &Value, path: &str, full: bool) -> Option<PartialParameter> {
        let mut o = self.object(v, path, PARAMETER_KEYS)?;
        let before = self.errors.len();
        let id = self.text(&mut o, "id", true);
        let title = self.text(&mut o, "title", full);
        let units: Vec<&str> = Unit::ALL.iter().map(|u| u.id()).collect();
        let unit = if full {
            self.parse_of(&mut o, "unit", true, ErrorCode::InvalidField, &units, |s| {
                Unit::ALL.into_iter().find(|u| u.id() == s)
            })
        } else {
            if o.map.contains_key("unit") {
                self.fail(
                    ErrorCode::InvalidField,
                    "A council pack cannot change a parameter's unit; add a new parameter instead.",
                    &json::join(path, "unit"),
                );
            }
            None
        };
        let evidence = self.parse_of(
            &mut o,
            "evidence",
            false,
            ErrorCode::InvalidField,
            EVIDENCE_TAGS,
            |s| EVIDENCE_TAGS.contains(&s).then(|| s.to_owned()),
        );
        let source = self.text(&mut o, "source", full);
        let values = match self.field(&mut o, "values", full) {
            Some((v, p)) => self.values(v, &p),
            None => None,
        };
        (self.errors.len() == before).then_some(PartialParameter {
            id,
            title,
            unit,
            evidence,
            source,
            values,
            origin: o.origin,
        })
    }

    fn indicator(&mut self, v: &Value, path: &str, full: bool) -> Option<PartialIndicator> {
        let mut o = self.object(v, path, if full { INDICATOR_KEYS } else { OVERRIDE_KEYS })?;
        let before = self.errors.len();
        let id = self.text(&mut o, "id", true);
        let removed = match self.field(&mut o, "removed", false) {
            Some((Value::Bool(b), _)) => *b,
            Some((_, p)) => {
                self.fail(ErrorCode::InvalidField, "\"removed\" is true or false.", &p);
                false
            }
            None => false,
        };
        if removed && o.map.len() > 2 {
            self.fail(
                ErrorCode::InvalidField,
                "An indicator that is removed takes no other changes.",
                path,
            );
        }
        let title = self.text(&mut o, "title", full);
        let group = self.text(&mut o, "group", full);
        let measures: Vec<&str> = Measure::ALL.iter().map(|m| m.info().id).collect();
        let measure = self.parse_of(
            &mut o,
            "measure",
            full,
            ErrorCode::UnknownMeasure,
            &measures,
            Measure::parse,
        );
        let scopes: Vec<&str> = Who::ALL.iter().map(|w| w.id()).collect();
        let who = self.parse_of(
            &mut o,
            "who",
            full,
            ErrorCode::InvalidField,
            &scopes,
            Who::parse,
        );
        let window = match self.field(&mut o, "window", false) {
            Some((v, p)) => self.window(v, &p),
            None => None,
        };
        let kinds = match self.field(&mut o, "kinds", false) {
            Some((Value::Null, _)) => Some(None),
            Some((v, p)) => self.kinds(v, &p).map(Some),
            None => None,
        };
        let symbols: Vec<&str> = Comparator::ALL.iter().map(|c| c.symbol()).collect();
        let comparator = self.parse_of(
            &mut o,
            "comparator",
            false,
            ErrorCode::InvalidComparator,
            &symbols,
            Comparator::parse,
        );
        let threshold = match self.field(&mut o, "threshold", false) {
            Some((v, p)) => self.number(v, &p),
            None => None,
        };
        let source = self.text(&mut o, "source", full);
        (self.errors.len() == before).then_some(PartialIndicator {
            id,
            removed,
            title,
            group,
            measure,
            who,
            window,
            kinds,
            comparator,
            threshold,
            source,
            origin: o.origin,
        })
    }
}

fn complete_parameter(p: PartialParameter) -> Option<Parameter> {
    Some(Parameter {
        id: p.id?,
        title: p.title?,
        unit: p.unit?,
        evidence: p.evidence.unwrap_or_default(),
        source: p.source?,
        values: p.values?,
        origin: p.origin,
    })
}

/// A new indicator: a flag needs no comparator or threshold (`>= 1`); a count
/// or a rate needs both.
fn complete_indicator(p: PartialIndicator, errors: &mut Vec<Error>) -> Option<Indicator> {
    let measure = p.measure?;
    let flag = measure.info().kind == ValueKind::Flag;
    let (comparator, threshold) = match (p.comparator, p.threshold) {
        (Some(c), Some(t)) => (c, t),
        (None, None) if flag => (Comparator::AtLeast, NumberRef::Literal(Decimal::ONE)),
        _ => {
            errors.push(problem(
                ErrorCode::InvalidField,
                format!(
                    "A \"{}\" indicator needs both a \"comparator\" and a \"threshold\".",
                    measure.info().id
                ),
                p.origin.root.clone(),
            ));
            return None;
        }
    };
    Some(Indicator {
        id: p.id?,
        title: p.title?,
        group: p.group?,
        measure,
        who: p.who?,
        window: p.window.flatten(),
        kinds: p.kinds.flatten(),
        comparator,
        threshold,
        source: p.source?,
        origin: p.origin,
    })
}

/// Reads a pack's text: a full pack is checked; a council pack is checked
/// once merged onto its base ([`extend`]).
pub(crate) fn read(text: &str) -> Result<Read, Vec<Error>> {
    // A text over the limit is refused before it is parsed.
    json::size(text.len(), crate::limits::PACK_BYTES, "the rule pack")
        .map_err(|shape| vec![shape.at("")])?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = json::without_position(&message);
        vec![if message.starts_with("number out of range") {
            Error::new(
                ErrorCode::TooLarge,
                format!(
                    "The rule pack has {} at line {}, column {}.",
                    json::number_too_large(message),
                    e.line(),
                    e.column()
                ),
            )
        } else {
            Error::new(
                ErrorCode::InvalidJson,
                format!(
                    "The rule pack is not valid JSON (line {}, column {}): {message}.",
                    e.line(),
                    e.column(),
                ),
            )
        }]
    })?;
    let mut r = Reader {
        errors: Vec::new(),
        broken: Vec::new(),
    };
    let is_extension = value.get("extends").is_some();
    let keys = if is_extension {
        EXTENSION_KEYS
    } else {
        PACK_KEYS
    };
    let Some(mut o) = r.object(&value, "", keys) else {
        return Err(r.errors);
    };
    let meta = r.meta(&mut o);
    let mut parameters = Vec::new();
    for (v, p) in r.list(&mut o, "parameters") {
        match r.parameter(v, &p, true).and_then(complete_parameter) {
            Some(param) => parameters.push(param),
            None => broken_id(&mut r.broken, v),
        }
    }
    let mut indicators = Vec::new();
    for (v, p) in r.list(&mut o, "indicators") {
        match r
            .indicator(v, &p, true)
            .and_then(|partial| complete_indicator(partial, &mut r.errors))
        {
            Some(i) => indicators.push(i),
            None => broken_id(&mut r.broken, v),
        }
    }
    if is_extension {
        let extends = r.text(&mut o, "extends", true);
        let mut parameter_overrides = Vec::new();
        for (v, p) in r.list(&mut o, "parameterOverrides") {
            match r.parameter(v, &p, false) {
                Some(o) => parameter_overrides.push(o),
                None => broken_id(&mut r.broken, v),
            }
        }
        let mut indicator_overrides = Vec::new();
        for (v, p) in r.list(&mut o, "indicatorOverrides") {
            match r.indicator(v, &p, false) {
                Some(o) => indicator_overrides.push(o),
                None => broken_id(&mut r.broken, v),
            }
        }
        let mut meta = meta;
        if let Some(m) = meta.as_mut() {
            m.origin = o.origin;
        }
        return match (meta, extends) {
            (Some(meta), Some(extends)) => Ok(Read::Extension(Extension {
                errors: r.errors,
                broken: r.broken,
                meta,
                extends,
                parameters,
                indicators,
                parameter_overrides,
                indicator_overrides,
            })),
            _ => Err(r.errors),
        };
    }
    let criteria_label = r
        .text(&mut o, "criteriaLabel", false)
        .unwrap_or_else(|| "criteria".to_owned());
    let indicators_label = r
        .text(&mut o, "indicatorsLabel", false)
        .unwrap_or_else(|| "indicators".to_owned());
    let mut criteria = Vec::new();
    for (v, p) in r.list(&mut o, "criteria") {
        match r.group(v, &p) {
            Some(g) => criteria.push(g),
            None => broken_id(&mut r.broken, v),
        }
    }
    let mut filters = Vec::new();
    for (v, p) in r.list(&mut o, "filters") {
        match r.group(v, &p) {
            Some(g) => filters.push(g),
            None => broken_id(&mut r.broken, v),
        }
    }
    let mut decision = Vec::new();
    for (v, p) in r.list(&mut o, "decision") {
        decision.extend(r.outcome(v, &p));
    }
    // Missing or empty lists (a list that is not one is reported already).
    let empty = |key: &str| {
        o.map
            .get(key)
            .is_none_or(|v| v.as_array().is_some_and(Vec::is_empty))
    };
    if empty("criteria") {
        r.fail(
            ErrorCode::InvalidField,
            "A pack needs at least one criterion.",
            "criteria",
        );
    }
    if empty("decision") {
        r.fail(
            ErrorCode::InvalidField,
            "A pack needs at least one decision outcome.",
            "decision",
        );
    }
    let origin = o.origin;
    match meta {
        Some(meta) => {
            let pack = Pack {
                criteria_label,
                indicators_label,
                parameters,
                criteria,
                filters,
                indicators,
                decision,
                origin,
                ..meta
            };
            // The items that could be read are checked too, so that every
            // problem is reported at once.
            let mut errors = r.errors;
            errors.extend(check(&pack, None, &r.broken));
            if errors.is_empty() {
                Ok(Read::Full(pack))
            } else {
                Err(errors)
            }
        }
        None => Err(r.errors),
    }
}

/// What a pack that extends a base is to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Extending {
    /// A council's reading of the base: within the base's dates.
    Council,
    /// A built-in pack carrying the base's rules on into a later period: its
    /// dates follow the base's.
    Successor,
}

/// Merges a council pack (or a built-in successor) onto its base and checks the result.
pub(crate) fn extend(base: &Pack, ext: Extension, how: Extending) -> Result<Pack, Vec<Error>> {
    let mut errors = ext.errors;
    let broken = ext.broken;
    let mut pack = base.clone();
    // The base's parts keep no paths: a problem found after merging points
    // into the council pack, at the part that it wrote.
    for p in &mut pack.parameters {
        p.origin = Origin::default();
    }
    for i in &mut pack.indicators {
        i.origin = Origin::default();
    }
    for g in pack.criteria.iter_mut().chain(&mut pack.filters) {
        g.origin = Origin::default();
    }
    for o in &mut pack.decision {
        o.origin = Origin::default();
    }
    pack.id = ext.meta.id;
    pack.title = ext.meta.title;
    pack.version = ext.meta.version;
    pack.valid_from = ext.meta.valid_from;
    pack.valid_to = ext.meta.valid_to;
    pack.source = ext.meta.source;
    pack.extends = Some(base.id.clone());
    pack.origin = ext.meta.origin;
    if pack.id == base.id {
        errors.push(problem(
            ErrorCode::DuplicateId,
            format!(
                "A council pack needs its own id, not its base's (\"{}\").",
                base.id
            ),
            Some("id".into()),
        ));
    }
    for p in ext.parameters {
        match base.parameter(&p.id) {
            Some(_) => errors.push(already(
                ("a parameter", "parameterOverrides"),
                &p.id,
                &p.origin,
            )),
            None => pack.parameters.push(p),
        }
    }
    for o in ext.parameter_overrides {
        let id = o.id.clone().unwrap_or_default();
        let Some(p) = pack.parameters.iter_mut().find(|p| p.id == id) else {
            errors.push(no_such(
                ErrorCode::UnknownParameter,
                base,
                "parameter",
                &id,
                &o.origin,
            ));
            continue;
        };
        p.title = o.title.unwrap_or(std::mem::take(&mut p.title));
        p.evidence = o.evidence.unwrap_or(std::mem::take(&mut p.evidence));
        p.source = o.source.unwrap_or(std::mem::take(&mut p.source));
        p.values = o.values.unwrap_or(std::mem::take(&mut p.values));
        p.origin = o.origin;
    }
    for i in ext.indicators {
        match base.indicators.iter().find(|b| b.id == i.id) {
            Some(_) => errors.push(already(
                ("an indicator", "indicatorOverrides"),
                &i.id,
                &i.origin,
            )),
            None => pack.indicators.push(i),
        }
    }
    for o in ext.indicator_overrides {
        let id = o.id.clone().unwrap_or_default();
        let Some(at) = pack.indicators.iter().position(|i| i.id == id) else {
            errors.push(no_such(
                ErrorCode::UnknownIndicator,
                base,
                "indicator",
                &id,
                &o.origin,
            ));
            continue;
        };
        if o.removed {
            pack.indicators.remove(at);
            continue;
        }
        let Some(i) = pack.indicators.get_mut(at) else {
            continue;
        };
        i.title = o.title.unwrap_or(std::mem::take(&mut i.title));
        i.group = o.group.unwrap_or(std::mem::take(&mut i.group));
        i.measure = o.measure.unwrap_or(i.measure);
        i.who = o.who.unwrap_or(i.who);
        i.window = o.window.unwrap_or(i.window.take());
        i.kinds = o.kinds.unwrap_or(i.kinds.take());
        i.comparator = o.comparator.unwrap_or(i.comparator);
        i.threshold = o.threshold.unwrap_or(i.threshold.clone());
        i.source = o.source.unwrap_or(std::mem::take(&mut i.source));
        i.origin = o.origin;
    }
    let within = (how == Extending::Council).then_some(base);
    errors.extend(check(&pack, within, &broken));
    if errors.is_empty() {
        Ok(pack)
    } else {
        Err(errors)
    }
}

/// An item a council pack adds whose id its base already has (`what`: the
/// item with its article, and the field where it is changed instead).
fn already((what, instead): (&str, &str), id: &str, origin: &Origin) -> Error {
    problem(
        ErrorCode::DuplicateId,
        format!("The base pack already has {what} \"{id}\"; change it in \"{instead}\"."),
        origin.field("id"),
    )
}

/// An override of an item its base does not have.
fn no_such(code: ErrorCode, base: &Pack, what: &str, id: &str, origin: &Origin) -> Error {
    problem(
        code,
        format!(
            "The base pack \"{}\" has no {what} \"{id}\" to change.",
            base.id
        ),
        origin.field("id"),
    )
}

/// The checks that need the whole (merged) pack: dates, references, units,
/// and what each measure accepts.
fn check(pack: &Pack, base: Option<&Pack>, broken: &[String]) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut push = |code, message: String, path: Option<String>| {
        // A reference to an item that could not be read is not a second problem.
        let about_broken = matches!(
            code,
            ErrorCode::UnknownParameter | ErrorCode::UnknownCriterion
        ) && broken
            .iter()
            .any(|id| message.contains(&format!("\"{id}\"")));
        if !about_broken {
            errors.push(problem(code, message, path));
        }
    };
    let meta = &pack.origin;
    if let Some(to) = pack.valid_to.filter(|&to| to < pack.valid_from) {
        push(
            ErrorCode::DateOutOfRange,
            format!(
                "The pack ends ({to}) before it starts ({}).",
                pack.valid_from
            ),
            meta.best(&["validTo"]),
        );
    }
    if let Some(base) = base {
        if pack.valid_from < base.valid_from {
            push(
                ErrorCode::DateOutOfRange,
                format!(
                    "The pack starts ({}) before its base \"{}\" does ({}).",
                    pack.valid_from, base.id, base.valid_from
                ),
                meta.best(&["validFrom"]),
            );
        }
        if let Some(base_to) = base.valid_to {
            if pack.valid_to.is_none_or(|to| to > base_to) {
                push(
                    ErrorCode::DateOutOfRange,
                    format!(
                        "The pack must end by the day its base \"{}\" ends ({base_to}).",
                        base.id
                    ),
                    meta.best(&["validTo", "validFrom"]),
                );
            }
        }
    }

    // Ids are unique within each kind of item.
    let ids = |items: Vec<(&String, &Origin)>,
               what: &str,
               push: &mut dyn FnMut(ErrorCode, String, Option<String>)| {
        // A set of the ids seen: linear in the pack (a pair-by-pair search
        // took seconds for a council pack of thousands of indicators).
        let mut seen = std::collections::BTreeSet::new();
        for (id, origin) in &items {
            if !seen.insert(id.as_str()) {
                push(
                    ErrorCode::DuplicateId,
                    format!("Two {what} have the id \"{id}\"."),
                    origin.best(&["id"]),
                );
            }
        }
    };
    ids(
        pack.parameters.iter().map(|p| (&p.id, &p.origin)).collect(),
        "parameters",
        &mut push,
    );
    ids(
        pack.criteria
            .iter()
            .chain(&pack.filters)
            .map(|g| (&g.id, &g.origin))
            .collect(),
        "criteria or filters",
        &mut push,
    );
    ids(
        pack.indicators.iter().map(|i| (&i.id, &i.origin)).collect(),
        "indicators",
        &mut push,
    );

    for p in &pack.parameters {
        check_values(pack, p, &mut push);
    }

    for i in &pack.indicators {
        let info = i.measure.info();
        let at = |names: &[&str]| i.origin.best(names);
        if pack.group(&i.group).is_none() {
            push(
                ErrorCode::UnknownCriterion,
                format!("The pack has no criterion or filter \"{}\".", i.group),
                at(&["group"]),
            );
        }
        let level_ok = match info.level {
            Level::Family => i.who == Who::Family,
            Level::Member => i.who != Who::Family,
        };
        if !level_ok {
            push(
                ErrorCode::InvalidField,
                match info.level {
                    Level::Family => format!("\"{}\" is measured for the household: \"who\" must be \"family\".", info.id),
                    Level::Member => format!("\"{}\" is measured per member: \"who\" must be \"children\", \"adults\" or \"anyone\".", info.id),
                },
                at(&["who", "measure"]),
            );
        }
        match &i.window {
            Some(w) if !info.windows.contains(&w.unit) => push(
                ErrorCode::InvalidField,
                if info.windows.is_empty() {
                    format!("\"{}\" takes no window.", info.id)
                } else {
                    format!(
                        "\"{}\" is counted over {}, not {}.",
                        info.id,
                        info.windows
                            .iter()
                            .map(|u| u.id())
                            .collect::<Vec<_>>()
                            .join(" or "),
                        w.unit.id()
                    )
                },
                at(&["window", "measure"]),
            ),
            Some(w) => {
                let unit = match w.unit {
                    WindowUnit::Months => Unit::Months,
                    WindowUnit::Terms => Unit::Terms,
                };
                check_number(
                    pack,
                    &w.length,
                    unit,
                    true,
                    at(&["window", "measure"]),
                    "window",
                    &mut push,
                );
            }
            None if info.window_required => push(
                ErrorCode::InvalidField,
                format!(
                    "\"{}\" needs a window, such as {{ \"terms\": \"3\" }}.",
                    info.id
                ),
                at(&["window", "measure"]),
            ),
            None => {}
        }
        match (&i.kinds, info.kinds) {
            (Some(_), None) => push(
                ErrorCode::InvalidField,
                format!("\"{}\" has no kinds to filter on.", info.id),
                at(&["kinds", "measure"]),
            ),
            (Some(KindsRef::Literal(kinds)), Some(allowed)) => {
                for (k, kind) in kinds.iter().enumerate() {
                    if !allowed.contains(&kind.as_str()) {
                        push(
                            ErrorCode::UnknownKind,
                            format!(
                                "\"{kind}\" is not a kind of {}; the kinds are {}.",
                                info.noun,
                                quoted(allowed)
                            ),
                            i.origin
                                .field("kinds")
                                .map(|p| format!("{p}[{k}]"))
                                .or_else(|| at(&["measure"])),
                        );
                    }
                }
            }
            (Some(KindsRef::Parameter(id)), Some(allowed)) => match pack.parameter(id) {
                None => push(
                    ErrorCode::UnknownParameter,
                    format!("The pack has no parameter \"{id}\"."),
                    at(&["kinds"]),
                ),
                Some(p) if p.unit != Unit::Kinds => push(
                    ErrorCode::UnitMismatch,
                    format!(
                        "The parameter \"{id}\" is in {}, not a list of kinds.",
                        p.unit.id()
                    ),
                    at(&["kinds"]),
                ),
                Some(p) => {
                    for (n, v) in p.values.iter().enumerate() {
                        let ParamValue::Kinds(kinds) = &v.value else {
                            continue;
                        };
                        for (k, kind) in kinds.iter().enumerate() {
                            if !allowed.contains(&kind.as_str()) {
                                push(
                                    ErrorCode::UnknownKind,
                                    format!(
                                        "\"{kind}\" is not a kind of {}; the kinds are {}.",
                                        info.noun,
                                        quoted(allowed)
                                    ),
                                    p.origin
                                        .field("values")
                                        .map(|path| format!("{path}[{n}].value[{k}]"))
                                        .or_else(|| at(&["kinds", "measure"])),
                                );
                            }
                        }
                    }
                }
            },
            (None, _) => {}
        }
        let unit = if info.kind == ValueKind::Rate {
            Unit::Percent
        } else {
            Unit::Count
        };
        check_number(
            pack,
            &i.threshold,
            unit,
            false,
            at(&["threshold", "measure"]),
            "threshold",
            &mut push,
        );
    }

    for o in &pack.decision {
        check_number(
            pack,
            &o.min_criteria,
            Unit::Count,
            false,
            o.origin.best(&["minCriteria"]),
            "minCriteria",
            &mut push,
        );
        if let CountingRef::Parameter(id) = &o.count {
            match pack.parameter(id) {
                None => push(
                    ErrorCode::UnknownParameter,
                    format!("The pack has no parameter \"{id}\"."),
                    o.origin.best(&["count"]),
                ),
                Some(p) if p.unit != Unit::Counting => push(
                    ErrorCode::UnitMismatch,
                    format!(
                        "What a decision counts needs a parameter in counting, but \"{id}\" is in {}.",
                        p.unit.id()
                    ),
                    o.origin.best(&["count"]),
                ),
                Some(_) => {}
            }
        }
        for (n, f) in o.requires.iter().enumerate() {
            if !pack.filters.iter().any(|g| &g.id == f) {
                push(
                    ErrorCode::UnknownCriterion,
                    format!("The pack has no filter \"{f}\"."),
                    o.origin.field("requires").map(|p| format!("{p}[{n}]")),
                );
            }
        }
    }
    dedupe(errors)
}

fn dedupe(errors: Vec<Error>) -> Vec<Error> {
    let mut out: Vec<Error> = Vec::new();
    for e in errors {
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// A number used as a threshold, window length or count of criteria: a
/// literal of the right kind, or a parameter that exists in the right unit.
fn check_number(
    pack: &Pack,
    number: &NumberRef,
    unit: Unit,
    positive: bool,
    path: Option<String>,
    what: &str,
    push: &mut dyn FnMut(ErrorCode, String, Option<String>),
) {
    match number {
        NumberRef::Literal(d) => {
            if let Some(why) = number_problem(*d, unit, positive) {
                push(
                    ErrorCode::InvalidNumber,
                    format!("The {what} {d} {why}."),
                    path,
                );
            }
        }
        NumberRef::Parameter(id) => match pack.parameter(id) {
            None => push(
                ErrorCode::UnknownParameter,
                format!("The pack has no parameter \"{id}\"."),
                path,
            ),
            Some(p) if p.unit != unit => push(
                ErrorCode::UnitMismatch,
                format!(
                    "The {what} needs a parameter in {}, but \"{id}\" is in {}.",
                    unit.id(),
                    p.unit.id()
                ),
                path,
            ),
            Some(_) => {}
        },
    }
}

/// Why a number does not fit its unit, if it does not.
fn number_problem(d: Decimal, unit: Unit, positive: bool) -> Option<&'static str> {
    if d.is_sign_negative() && !d.is_zero() {
        Some("is below zero")
    } else if unit == Unit::Percent && d > Decimal::ONE_HUNDRED {
        Some("is more than 100 %")
    } else if unit == Unit::Pounds && !Rounding::Penny.apply(d).eq(&d) {
        Some("is not a whole number of pence")
    } else if !matches!(unit, Unit::Percent | Unit::Pounds) && !d.fract().is_zero() {
        Some("is not a whole number")
    } else if positive && d.is_zero() {
        Some("must be 1 or more")
    } else if d > Decimal::from(100_000_000)
        || (d > Decimal::from(10_000) && !matches!(unit, Unit::Percent | Unit::Pounds))
    {
        Some("is too large")
    } else {
        None
    }
}

/// A parameter's values: each of its unit, each ending after it starts, none
/// overlapping, no gaps, and covering the pack's dates.
fn check_values(
    pack: &Pack,
    p: &Parameter,
    push: &mut dyn FnMut(ErrorCode, String, Option<String>),
) {
    let at = |n: usize, field: &str| {
        p.origin
            .field("values")
            .map(|path| format!("{path}[{n}].{field}"))
            .or_else(|| p.origin.root.clone())
    };
    for (n, v) in p.values.iter().enumerate() {
        let wrong = match (&v.value, p.unit) {
            (ParamValue::Text(t), Unit::Counting) if Counting::parse(t).is_some() => None,
            (_, Unit::Counting) => Some(
                "The parameter says what a decision counts: its value is \"criteria\" or \"indicators\"."
                    .to_owned(),
            ),
            (ParamValue::Kinds(_), Unit::Kinds) => None,
            (ParamValue::Kinds(_), _) => Some(format!(
                "The parameter is in {}: its value is a number written as text.",
                p.unit.id()
            )),
            (_, Unit::Kinds) => {
                Some("The parameter is a list of kinds: its value is a list ([\"…\"]).".to_owned())
            }
            (ParamValue::Text(t), _) => Some(format!(
                "\"{t}\" is not a number; write digits with an optional \".\", for example \"15\"."
            )),
            (ParamValue::Number(d), unit) => {
                let positive = matches!(unit, Unit::Months | Unit::Terms | Unit::Weeks);
                number_problem(*d, unit, positive).map(|why| format!("The value {d} {why}."))
            }
        };
        if let Some(message) = wrong {
            push(ErrorCode::InvalidNumber, message, at(n, "value"));
        }
        if let Some(to) = v.to.filter(|&to| to < v.from) {
            push(
                ErrorCode::DateOutOfRange,
                format!("The value ends ({to}) before it starts ({}).", v.from),
                at(n, "to"),
            );
        }
    }
    let mut order: Vec<usize> = (0..p.values.len()).collect();
    crate::family::sort_small_by_key(&mut order, |&n| p.values.get(n).map(|v| v.from));
    let dated: Vec<(usize, &DatedValue)> = order
        .iter()
        .filter_map(|&n| p.values.get(n).map(|v| (n, v)))
        .collect();
    for pair in dated.windows(2) {
        let [(_, a), (n, b)] = pair else { continue };
        match a.to {
            Some(end) if end < b.from => {
                if end.next_day() != Some(b.from) {
                    push(
                        ErrorCode::DateGap,
                        format!(
                            "\"{}\" has no value from {} to {}; each day of the pack needs one.",
                            p.id,
                            end.next_day().unwrap_or(end),
                            b.from.previous_day().unwrap_or(b.from)
                        ),
                        at(*n, "from"),
                    );
                }
            }
            _ => push(
                ErrorCode::OverlappingDates,
                format!(
                    "\"{}\" has two values in force on {}: give the earlier one a \"to\" date before it.",
                    p.id, b.from
                ),
                at(*n, "from"),
            ),
        }
    }
    if let Some((n, first)) = dated.first() {
        if first.from > pack.valid_from {
            push(
                ErrorCode::DateGap,
                format!(
                    "\"{}\" has no value from {} (the pack's first day) to {}.",
                    p.id,
                    pack.valid_from,
                    first.from.previous_day().unwrap_or(first.from)
                ),
                at(*n, "from"),
            );
        }
    }
    if let Some((n, last)) = dated.last() {
        if let Some(end) = last.to {
            if pack.valid_to.is_none_or(|to| end < to) {
                push(
                    ErrorCode::DateGap,
                    format!(
                        "\"{}\" has no value after {end}, but the pack runs {}.",
                        p.id,
                        pack.valid_to
                            .map_or("with no end".to_owned(), |to| format!("to {to}"))
                    ),
                    at(*n, "to"),
                );
            }
        }
    }
}
