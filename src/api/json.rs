//! A small reader of calls already parsed into a `serde_json::Value`.
//!
//! serde's derived readers, wrapped in `serde_path_to_error` for the field
//! paths, cost the `.wasm` about 2 KB gzipped per field of a call: `appraise`
//! alone would have taken 25 KB of the 150 KB budget. Reading the parsed
//! value by hand costs a few. The call types still derive `Deserialize` with
//! `deny_unknown_fields`: they are the contract (their TypeScript types are
//! generated from them), and the native tests check that they accept and
//! refuse what this reader does.
//!
//! A call of the wrong shape — not an object, a missing or unknown field, a
//! number where text is expected — is a [`CallError`] naming the field, in
//! the words serde uses; what an officer can get wrong is left to the caller
//! to report in a `failure` answer.

use std::cell::RefCell;

use serde_json::{Map, Value};

use super::{CallError, QuantityInput};

/// Reads one call. The first problem of shape is kept (reading goes on with
/// empty values, so that no step needs an early return); [`Reader::finish`]
/// gives it back.
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

    /// The call itself, which must be an object with no fields but `fields`.
    pub(crate) fn root<'v>(&self, value: &'v Value, name: &str, fields: &[&str]) -> Object<'_, 'v> {
        Object::new(self, value, String::new(), name, fields)
    }

    /// The first problem of shape met, if any.
    pub(crate) fn finish(&self) -> Result<(), CallError> {
        match self.thrown.borrow_mut().take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn throw(&self, path: String, message: String) {
        let mut thrown = self.thrown.borrow_mut();
        if thrown.is_none() {
            *thrown = Some(CallError::new(self.function, path, message));
        }
    }
}

/// A count as sent: a JSON number, or text.
pub(crate) enum Count<'v> {
    /// Left out.
    Absent,
    /// A whole number, 0 or more.
    Whole(u64),
    /// A negative number.
    Negative,
    /// A number with a fraction.
    Fraction,
    /// Text, as typed.
    Text(&'v str),
}

/// An object of the call, with its path.
pub(crate) struct Object<'r, 'v> {
    reader: &'r Reader,
    map: Option<&'v Map<String, Value>>,
    path: String,
}

/// The JSON type of a value, as serde names it in messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "sequence",
        Value::Object(_) => "map",
    }
}

fn one_of(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl<'r, 'v> Object<'r, 'v> {
    fn new(
        reader: &'r Reader,
        value: &'v Value,
        path: String,
        name: &str,
        fields: &[&str],
    ) -> Self {
        let map = match value {
            Value::Object(map) => {
                if let Some(unknown) = map.keys().find(|k| !fields.contains(&k.as_str())) {
                    let at = if path.is_empty() {
                        unknown.clone()
                    } else {
                        format!("{path}.{unknown}")
                    };
                    reader.throw(
                        at,
                        format!(
                            "unknown field `{unknown}`, expected one of {}",
                            one_of(fields)
                        ),
                    );
                }
                Some(map)
            }
            other => {
                reader.throw(
                    path.clone(),
                    format!("invalid type: {}, expected struct {name}", kind(other)),
                );
                None
            }
        };
        Self { reader, map, path }
    }

    /// The path of the object itself (`scenarios[0]`).
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// The path of a field.
    pub(crate) fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The value of a field as parsed, for a reader of its own (a family
    /// record); a missing `required` field is a problem of shape.
    pub(crate) fn value(&self, key: &str, required: bool) -> Option<&'v Value> {
        self.get(key, required)
    }

    /// The value of a field; a missing `required` field is a problem of shape.
    fn get(&self, key: &str, required: bool) -> Option<&'v Value> {
        let value = self.map.and_then(|m| m.get(key));
        if value.is_none() && required && self.map.is_some() {
            self.reader
                .throw(self.path.clone(), format!("missing field `{key}`"));
        }
        value
    }

    fn wrong(&self, key: &str, value: &Value, expected: &str) {
        self.reader.throw(
            self.at(key),
            format!("invalid type: {}, expected {expected}", kind(value)),
        );
    }

    /// A text field (`""` when left out).
    pub(crate) fn text(&self, key: &str, required: bool) -> &'v str {
        match self.get(key, required) {
            Some(Value::String(s)) => s,
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
            Some(Value::String(s)) => s,
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

    /// A count: a number, or the text an officer typed.
    pub(crate) fn count(&self, key: &str, required: bool) -> Count<'v> {
        match self.get(key, required) {
            Some(Value::String(s)) => Count::Text(s),
            Some(Value::Number(n)) => match (n.as_u64(), n.as_i64()) {
                (Some(whole), _) => Count::Whole(whole),
                (None, Some(_)) => Count::Negative,
                (None, None) => Count::Fraction,
            },
            Some(other) => {
                self.wrong(key, other, "a number or a string");
                Count::Absent
            }
            None => Count::Absent,
        }
    }

    /// A quantity as `costFamily` takes it: a number, or the text an officer
    /// typed (checked later, so that bad text is a failure, not a throw).
    pub(crate) fn quantity(&self, key: &str) -> QuantityInput {
        match self.get(key, true) {
            Some(Value::Number(n)) => {
                let text = n.to_string();
                match crate::money::parse_decimal(&text) {
                    Ok(d) => QuantityInput::Exact(d),
                    Err(_) => QuantityInput::Text(text),
                }
            }
            Some(Value::String(s)) => QuantityInput::Text(s.clone()),
            Some(other) => {
                self.wrong(key, other, "a number or a string");
                QuantityInput::Text(String::new())
            }
            None => QuantityInput::Text(String::new()),
        }
    }

    /// A whole number field (0 when left out).
    pub(crate) fn whole(&self, key: &str, required: bool) -> u32 {
        match self.get(key, required) {
            Some(value) => match value.as_u64().map(u32::try_from) {
                Some(Ok(n)) => n,
                _ => {
                    self.wrong(key, value, "u32");
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
        self.get(key, false).map_or(0, |value| {
            self.reader.variant(value, self.at(key), variants)
        })
    }

    /// A list field (empty when left out).
    pub(crate) fn list(&self, key: &str, required: bool) -> &'v [Value] {
        match self.get(key, required) {
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.wrong(key, other, "a sequence");
                &[]
            }
            None => &[],
        }
    }

    /// An object field, `None` when left out.
    pub(crate) fn object(&self, key: &str, name: &str, fields: &[&str]) -> Option<Object<'r, 'v>> {
        self.get(key, false)
            .map(|value| Object::new(self.reader, value, self.at(key), name, fields))
    }

    /// The items of a list field, each as an object with its path (`key[i]`).
    pub(crate) fn objects(
        &self,
        key: &str,
        required: bool,
        name: &str,
        fields: &[&str],
    ) -> Vec<Object<'r, 'v>> {
        let path = self.at(key);
        self.list(key, required)
            .iter()
            .enumerate()
            .map(|(i, item)| Object::new(self.reader, item, format!("{path}[{i}]"), name, fields))
            .collect()
    }
}

impl Reader {
    /// Reports `value` at `path` as not of the `expected` type.
    pub(crate) fn wrong_at(&self, path: String, value: &Value, expected: &str) {
        self.throw(
            path,
            format!("invalid type: {}, expected {expected}", kind(value)),
        );
    }

    /// `value` as one of `variants` (its index; 0 after a problem).
    pub(crate) fn variant(&self, value: &Value, path: String, variants: &[&str]) -> usize {
        let Value::String(s) = value else {
            self.throw(
                path,
                format!("invalid type: {}, expected a string", kind(value)),
            );
            return 0;
        };
        variants.iter().position(|v| v == s).unwrap_or_else(|| {
            self.throw(
                path,
                format!(
                    "unknown variant `{s}`, expected one of {}",
                    one_of(variants)
                ),
            );
            0
        })
    }
}
