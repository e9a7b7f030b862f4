//! The one JSON reading layer: every call of the API and every rule pack is
//! read through it, from a parsed `serde_json::Value`.
//!
//! serde's derived readers, wrapped in `serde_path_to_error` for the field
//! paths, cost the `.wasm` about 2 KB gzipped per field of a call: `appraise`
//! alone would have taken 25 KB of the 150 KB budget. Reading the parsed
//! value by hand costs a few. The call types still derive (or, natively,
//! can derive) `Deserialize`: they are the contract, and the native contract
//! tests check that serde's derived reader and this one accept and refuse the
//! same JSON with the same paths.
//!
//! One vocabulary, one rule:
//! - a problem of shape is a [`Shape`]: a wrong type, an unknown or missing
//!   field, an unknown variant, JSON that cannot be parsed — each with its
//!   [`ErrorCode`] and one wording (serde's, in JSON's names for types:
//!   "invalid type: object, expected a list");
//! - **an optional field given `null` is absent**, everywhere; a required
//!   field given `null` has the wrong type;
//! - a missing field is reported at the path of the object that lacks it, as
//!   serde does (`members[0]`, "missing field `role`").
//!
//! A call's reader ([`Reader`]) keeps the first problem (a broken call throws
//! in JavaScript); the rule-pack reader keeps them all (a pack is a file a
//! council edits, and every problem comes back in a `failure` answer).
//!
//! A call is parsed into a [`Value`] that borrows its texts from the call's
//! JSON text (a text with escapes is the one copied) and keeps an object's
//! fields in a list rather than a tree: parsing a family into
//! `serde_json::Value`, and dropping it, allocated every key and every text
//! and cost more than deciding the family. It reads exactly as
//! `serde_json::Value` does, with serde_json's own parser (its messages, its
//! recursion limit, its numbers): an object's fields are in the order of
//! their keys, and of a key given twice the last is kept.

use std::cell::RefCell;

pub use value::{Map, Value};

mod value;

use crate::api::{CallError, CallFields};
use crate::error::{Error, ErrorCode};
use crate::limits;

/// A count for messages: `2,001`.
pub(crate) fn format_count(n: usize) -> String {
    crate::report::format_count(u64::try_from(n).unwrap_or(u64::MAX))
}

/// Refuses a text of `len` bytes, `what` ("a call"), larger than `most`
/// bytes: checked before the text is parsed.
pub(crate) fn size(len: usize, most: usize, what: &str) -> Result<(), Shape> {
    if len > most {
        return Err(Shape::TooLarge(format!(
            "too large: {what} of {} bytes, more than the limit of {} bytes ({} MB)",
            format_count(len),
            format_count(most),
            most / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Refuses a list of `found` entries at a field named `key`, longer than its
/// limit ([`limits::list`]): checked as soon as its length is known, before
/// any of its items is read.
pub(crate) fn list_length(key: &str, found: usize) -> Result<(), Shape> {
    let (most, what) = limits::list(key);
    if found > most {
        return Err(Shape::TooMany { found, most, what });
    }
    Ok(())
}

/// A problem of shape, in the one vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A value of the wrong JSON type.
    WrongType {
        /// The type found (`"object"`).
        found: &'static str,
        /// What was expected (`"a list"`).
        expected: String,
    },
    /// A field the object does not have.
    UnknownField {
        /// The field written.
        key: String,
        /// The fields the object has.
        expected: String,
    },
    /// A required field left out.
    MissingField(String),
    /// Text that is none of the allowed values.
    UnknownVariant {
        /// The text written.
        found: String,
        /// The allowed values.
        expected: String,
    },
    /// Text that is not JSON at all.
    InvalidJson(String),
    /// A list longer than its limit ([`crate::limits`]).
    TooMany {
        /// How many were given.
        found: usize,
        /// The limit.
        most: usize,
        /// What the limit counts ("items of a family").
        what: &'static str,
    },
    /// A text larger than its limit, or a number too large to read.
    TooLarge(String),
}

impl Shape {
    /// A value of the wrong type.
    pub(crate) fn wrong_type(value: &Value<'_>, expected: impl Into<String>) -> Self {
        Self::WrongType {
            found: kind(value),
            expected: expected.into(),
        }
    }

    /// An unknown field of an object whose fields are `fields`.
    pub(crate) fn unknown_field(key: &str, fields: &[&str]) -> Self {
        Self::UnknownField {
            key: key.to_owned(),
            expected: one_of(fields),
        }
    }

    /// Text that is none of `variants`.
    pub(crate) fn unknown_variant(found: &str, variants: &[&str]) -> Self {
        Self::UnknownVariant {
            found: found.to_owned(),
            expected: one_of(variants),
        }
    }

    /// The stable code of the problem.
    pub(crate) fn code(&self) -> ErrorCode {
        match self {
            Self::WrongType { .. } => ErrorCode::WrongType,
            Self::UnknownField { .. } => ErrorCode::UnknownField,
            Self::MissingField(_) => ErrorCode::MissingField,
            Self::UnknownVariant { .. } => ErrorCode::UnknownVariant,
            Self::InvalidJson(_) => ErrorCode::InvalidJson,
            Self::TooMany { .. } => ErrorCode::TooMany,
            Self::TooLarge(_) => ErrorCode::TooLarge,
        }
    }

    /// The problem in words.
    pub(crate) fn message(&self) -> String {
        match self {
            // JavaScript writes a number too large for a double (`1e400`,
            // read as Infinity) as null: say so where a number may be sent.
            Self::WrongType { found, expected }
                if *found == "null" && expected.starts_with("a number") =>
            {
                format!("invalid type: null, expected {expected} (a number too large to read, such as 1e400, arrives as null: write it smaller)")
            }
            Self::WrongType { found, expected } => {
                format!("invalid type: {found}, expected {expected}")
            }
            Self::UnknownField { key, expected } => {
                format!("unknown field `{key}`, expected one of {expected}")
            }
            Self::MissingField(key) => format!("missing field `{key}`"),
            Self::UnknownVariant { found, expected } => {
                format!("unknown variant `{found}`, expected one of {expected}")
            }
            Self::InvalidJson(message) | Self::TooLarge(message) => message.clone(),
            Self::TooMany { found, most, what } => format!(
                "too many: {} given, more than the limit of {} {what}",
                format_count(*found),
                format_count(*most)
            ),
        }
    }

    /// The problem as an engine [`Error`] at `path`.
    pub(crate) fn at(&self, path: &str) -> Error {
        let e = Error::new(self.code(), self.message());
        if path.is_empty() {
            e
        } else {
            e.at(path)
        }
    }
}

/// JSON text parsed, or the parser's problem without its line and column
/// when `keep_position` is false (a call's text is a re-serialised object
/// whose lines and columns mean nothing to the caller; a pack's are its
/// file's, and are kept).
///
/// A text of more than [`limits::CALL_BYTES`] is refused before it is
/// parsed; a number too large for a double (`1e400`) is `too_large`.
pub(crate) fn parse(text: &str, keep_position: bool) -> Result<Value<'_>, Shape> {
    size(text.len(), limits::CALL_BYTES, "a call")?;
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = if keep_position {
            message
        } else {
            without_position(&message).to_owned()
        };
        if message.starts_with("number out of range") {
            Shape::TooLarge(number_too_large(&message))
        } else {
            Shape::InvalidJson(message)
        }
    })
}

/// [`parse`], into a `serde_json::Value` (for what keeps its call, such as a
/// cohort run's options).
pub(crate) fn parse_owned(text: &str, keep_position: bool) -> Result<serde_json::Value, Shape> {
    // Through [`Value`]: one parser in the `.wasm`, not two.
    parse(text, keep_position).map(|v| serde_json::Value::from(&v))
}

/// serde_json's "number out of range", in words that say what to do.
pub(crate) fn number_too_large(message: &str) -> String {
    let at = message
        .strip_prefix("number out of range")
        .unwrap_or_default();
    format!("a number too large to read{at} (more than about 1.8e308); write it smaller, or as text such as \"1200.50\"")
}

/// serde_json ends its messages with " at line L column C".
pub(crate) fn without_position(message: &str) -> &str {
    match message.rsplit_once(" at line ") {
        Some((head, tail)) if tail.contains(" column ") => head,
        _ => message,
    }
}

/// The JSON type of a value, as messages name it.
pub(crate) fn kind(value: &Value<'_>) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

fn one_of(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `path.key`, or `key` at the root.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// `value` as an object whose fields are all among `fields`: the object, and
/// the first unknown field (its key) if any. `None` when it is not an object.
pub(crate) fn fields<'v>(
    value: &'v Value<'v>,
    fields: &[&str],
) -> Option<(&'v Map<'v>, Option<&'v str>)> {
    value.as_object().map(|map| {
        let unknown = map.keys().find(|k| !fields.contains(k));
        (map, unknown)
    })
}

/// The value of `key` under the null rule: `None` when it is left out, or
/// when it is optional and given `null`.
pub(crate) fn field<'v>(map: &'v Map<'v>, key: &str, required: bool) -> Option<&'v Value<'v>> {
    map.get(key).filter(|v| required || !v.is_null())
}

/// Reads one call. The first problem of shape is kept (reading goes on with
/// empty values, so that no step needs an early return); [`Reader::finish`]
/// gives it back as the [`CallError`] a broken call throws.
pub(crate) struct Reader {
    function: &'static str,
    thrown: RefCell<Option<CallError>>,
}

impl Reader {
    /// A reader for a call of `function`.
    pub(crate) fn new(function: &'static str) -> Self {
        Self {
            function,
            thrown: RefCell::new(None),
        }
    }

    /// The call itself, which must be an object (the type `name`) with no
    /// fields but `fields`.
    pub(crate) fn root<'v>(
        &self,
        value: &'v Value<'v>,
        name: &str,
        fields: &[&str],
    ) -> Object<'_, 'v> {
        Object::new(self, value, Path::Root, name, fields)
    }

    /// The call itself, a `T`.
    pub(crate) fn call<'v, T: CallFields>(&self, value: &'v Value<'v>) -> Object<'_, 'v> {
        self.root(value, T::NAME, T::FIELDS)
    }

    /// The first problem of shape met, if any.
    pub(crate) fn finish(&self) -> Result<(), CallError> {
        match self.thrown.borrow_mut().take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Records a problem at `path` (only the first is kept).
    pub(crate) fn throw(&self, path: String, shape: Shape) {
        let mut thrown = self.thrown.borrow_mut();
        if thrown.is_none() {
            *thrown = Some(CallError::shape(self.function, path, &shape));
        }
    }

    /// Reports `value` at `path` as not of the `expected` type.
    pub(crate) fn wrong_at(&self, path: String, value: &Value<'_>, expected: &str) {
        self.throw(path, Shape::wrong_type(value, expected));
    }

    /// `value` as one of `variants` (its index; 0 after a problem, reported
    /// at `path`, written only then).
    pub(crate) fn variant(
        &self,
        value: &Value<'_>,
        path: impl FnOnce() -> String,
        variants: &[&str],
    ) -> usize {
        let Value::String(s) = value else {
            self.wrong_at(path(), value, "a string");
            return 0;
        };
        variants.iter().position(|v| v == s).unwrap_or_else(|| {
            self.throw(path(), Shape::unknown_variant(s, variants));
            0
        })
    }
}

/// Where an object is in the call: written out (`members[0].asb[1]`) only
/// when a problem is reported. A family of a few members has some forty
/// objects and lists, and writing each path as it was read cost more than
/// the rest of reading them.
#[derive(Clone, Copy)]
enum Path<'p> {
    /// The call itself (`""`).
    Root,
    /// A field of an object.
    Field(&'p Path<'p>, &'p str),
    /// An item of a list field of an object.
    Item(&'p Path<'p>, &'p str, usize),
}

impl Path<'_> {
    /// The path written out, as [`join`] and `{path}[{i}]` write it.
    fn written(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        use std::fmt::Write;
        match self {
            Self::Root => {}
            Self::Field(parent, key) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Self::Item(parent, key, i) => {
                Self::Field(parent, key).write(out);
                // Writing to a String cannot fail.
                let _ = write!(out, "[{i}]");
            }
        }
    }
}

/// An object of the call, with its path.
pub(crate) struct Object<'r, 'v> {
    reader: &'r Reader,
    map: Option<&'v Map<'v>>,
    path: Path<'r>,
}

impl<'r, 'v> Object<'r, 'v> {
    fn new(
        reader: &'r Reader,
        value: &'v Value<'v>,
        path: Path<'r>,
        name: &str,
        fields: &[&str],
    ) -> Self {
        let map = match self::fields(value, fields) {
            Some((map, unknown)) => {
                if let Some(key) = unknown {
                    reader.throw(
                        join(&path.written(), key),
                        Shape::unknown_field(key, fields),
                    );
                }
                Some(map)
            }
            None => {
                reader.throw(
                    path.written(),
                    Shape::wrong_type(value, format!("struct {name}")),
                );
                None
            }
        };
        Self { reader, map, path }
    }

    /// The path of the object itself (`scenarios[0]`).
    pub(crate) fn path(&self) -> String {
        self.path.written()
    }

    /// The path of a field.
    pub(crate) fn at(&self, key: &str) -> String {
        Path::Field(&self.path, key).written()
    }

    /// The value of a field as parsed, for a reader of its own (a family
    /// record); a missing `required` field is a problem of shape.
    pub(crate) fn value(&self, key: &str, required: bool) -> Option<&'v Value<'v>> {
        self.get(key, required)
    }

    /// The value of a field under the null rule; a missing `required` field
    /// is a problem of shape.
    fn get(&self, key: &str, required: bool) -> Option<&'v Value<'v>> {
        let map = self.map?;
        let value = field(map, key, required);
        if value.is_none() && required {
            self.reader
                .throw(self.path.written(), Shape::MissingField(key.to_owned()));
        }
        value
    }

    fn wrong(&self, key: &str, value: &Value<'_>, expected: &str) {
        self.reader.wrong_at(self.at(key), value, expected);
    }

    /// A text field, `None` when left out.
    pub(crate) fn opt_text(&self, key: &str) -> Option<&'v str> {
        match self.get(key, false) {
            Some(Value::String(s)) => Some(s.as_ref()),
            Some(other) => {
                self.wrong(key, other, "a string");
                None
            }
            None => None,
        }
    }

    /// A text field (`""` when left out).
    pub(crate) fn text(&self, key: &str, required: bool) -> &'v str {
        match self.get(key, required) {
            Some(Value::String(s)) => s.as_ref(),
            Some(other) => {
                self.wrong(key, other, "a string");
                ""
            }
            None => "",
        }
    }

    /// A decimal written as text: money or a rate (`""` when left out). A
    /// number is refused: money and rates are sent as strings.
    pub(crate) fn decimal(&self, key: &str, required: bool) -> &'v str {
        match self.get(key, required) {
            Some(Value::String(s)) => s.as_ref(),
            Some(other) => {
                self.wrong(
                    key,
                    other,
                    "a decimal string such as \"1249.00\" (money and rates are sent as strings, not numbers)",
                );
                ""
            }
            None => "",
        }
    }

    /// A whole number from 0 to `max`, given as a number or as the text an
    /// officer typed; `Ok(None)` when left out (or left blank, when not
    /// `required`). A number that is not one is a problem named for `what`
    /// ("the member's number"), at the field.
    pub(crate) fn whole_number(
        &self,
        key: &str,
        required: bool,
        max: u32,
        what: &str,
    ) -> Result<Option<u32>, Error> {
        use crate::api::QuantityInput;
        // The usual case, a whole number within range, read without text.
        if let Some(n) = self.get(key, false).and_then(Value::as_u64) {
            if let Some(n) = u32::try_from(n).ok().filter(|n| *n <= max) {
                return Ok(Some(n));
            }
        }
        match self.opt_quantity(key, required) {
            None => Ok(None),
            Some(QuantityInput::Text(t)) if !required && t.trim().is_empty() => Ok(None),
            Some(q) => q.whole(what, max).map(Some).map_err(|e| e.at(self.at(key))),
        }
    }

    /// A quantity: a number, or the text an officer typed (checked later, so
    /// that bad text is a failure, not a throw); `None` when left out.
    pub(crate) fn opt_quantity(
        &self,
        key: &str,
        required: bool,
    ) -> Option<crate::api::QuantityInput> {
        use crate::api::QuantityInput;
        match self.get(key, required) {
            // A whole number, the usual case, is the decimal it writes
            // (digits, scale 0), without writing it.
            Some(Value::Number(n)) if n.is_u64() => Some(QuantityInput::Exact(
                n.as_u64()
                    .map(rust_decimal::Decimal::from)
                    .unwrap_or_default(),
            )),
            Some(Value::Number(n)) => {
                let text = n.to_string();
                Some(match crate::money::parse_decimal(&text) {
                    Ok(d) => QuantityInput::Exact(d),
                    Err(_) => QuantityInput::Text(text),
                })
            }
            Some(Value::String(s)) => Some(QuantityInput::Text(s.to_string())),
            Some(other) => {
                self.wrong(key, other, "a number or a string");
                Some(QuantityInput::Text(String::new()))
            }
            None => required.then(|| QuantityInput::Text(String::new())),
        }
    }

    /// A required quantity (see [`Object::opt_quantity`]).
    pub(crate) fn quantity(&self, key: &str) -> crate::api::QuantityInput {
        self.opt_quantity(key, true)
            .unwrap_or_else(|| crate::api::QuantityInput::Text(String::new()))
    }

    /// A whole number field (0 when left out).
    pub(crate) fn whole(&self, key: &str, required: bool) -> u32 {
        match self.get(key, required) {
            Some(value) => match value.as_u64().map(u32::try_from) {
                Some(Ok(n)) => n,
                _ => {
                    self.wrong(key, value, "a whole number from 0 to 4294967295");
                    0
                }
            },
            None => 0,
        }
    }

    /// A true/false field (false when left out).
    pub(crate) fn flag(&self, key: &str) -> bool {
        match self.get(key, false) {
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.wrong(key, other, "a boolean");
                false
            }
            None => false,
        }
    }

    /// One of `variants`, as its index (0 when left out).
    pub(crate) fn variant(&self, key: &str, variants: &[&str]) -> usize {
        self.variant_of(key, false, variants)
    }

    /// One of `variants`, as its index; a `required` field left out is a
    /// problem of shape (0 then, and when left out).
    pub(crate) fn variant_of(&self, key: &str, required: bool, variants: &[&str]) -> usize {
        self.get(key, required).map_or(0, |value| {
            self.reader.variant(value, || self.at(key), variants)
        })
    }

    /// A list of texts, each with its path (empty when left out); an item
    /// that is not a string is a problem of shape.
    pub(crate) fn texts(&self, key: &str, required: bool) -> Vec<(String, &'v str)> {
        let mut texts = Vec::new();
        for (i, item) in self.list(key, required).iter().enumerate() {
            let path = format!("{}[{i}]", self.at(key));
            match item {
                Value::String(s) => texts.push((path, s.as_ref())),
                _ => self.reader.wrong_at(path, item, "a string"),
            }
        }
        texts
    }

    /// A list field (empty when left out, or longer than its limit: see
    /// [`list_length`]).
    pub(crate) fn list(&self, key: &str, required: bool) -> &'v [Value<'v>] {
        match self.get(key, required) {
            Some(Value::Array(items)) => match list_length(key, items.len()) {
                Ok(()) => items,
                Err(shape) => {
                    self.reader.throw(self.at(key), shape);
                    &[]
                }
            },
            Some(other) => {
                self.wrong(key, other, "a list");
                &[]
            }
            None => &[],
        }
    }

    /// An object field, `None` when left out.
    pub(crate) fn object<'s>(
        &'s self,
        key: &'s str,
        name: &str,
        fields: &[&str],
    ) -> Option<Object<'s, 'v>> {
        self.get(key, false).map(|value| {
            Object::new(
                self.reader,
                value,
                Path::Field(&self.path, key),
                name,
                fields,
            )
        })
    }

    /// An object field of type `T`, `None` when left out.
    pub(crate) fn one<'s, T: CallFields>(&'s self, key: &'s str) -> Option<Object<'s, 'v>> {
        self.object(key, T::NAME, T::FIELDS)
    }

    /// The items of a list field of `T`s, each with its path (`key[i]`).
    pub(crate) fn each<'s, T: CallFields>(
        &'s self,
        key: &'s str,
        required: bool,
    ) -> Vec<Object<'s, 'v>> {
        self.objects(key, required, T::NAME, T::FIELDS)
    }

    /// The items of a list field, each as an object with its path (`key[i]`).
    pub(crate) fn objects<'s>(
        &'s self,
        key: &'s str,
        required: bool,
        name: &str,
        fields: &[&str],
    ) -> Vec<Object<'s, 'v>> {
        self.list(key, required)
            .iter()
            .enumerate()
            .map(|(i, item)| {
                Object::new(
                    self.reader,
                    item,
                    Path::Item(&self.path, key, i),
                    name,
                    fields,
                )
            })
            .collect()
    }
}
