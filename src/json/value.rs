//! A parsed call: JSON as `serde_json::Value` reads it, with its texts
//! borrowed from the call's text where they can be (see [`crate::json`]).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Number;

/// A JSON value whose texts borrow from the text it was parsed from (`'t`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value<'t> {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as serde_json reads it.
    Number(Number),
    /// A text.
    String(Cow<'t, str>),
    /// A list.
    Array(Vec<Value<'t>>),
    /// An object.
    Object(Map<'t>),
}

/// An object's fields in the order of their keys, each key once (the last
/// given): what a `serde_json::Map` without `preserve_order` holds, in a list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Map<'t>(Vec<Field<'t>>);

/// A field of an object: its key and value.
type Field<'t> = (Cow<'t, str>, Value<'t>);

/// `fields` sorted by key, those of the same key in the order given: each
/// put in place among a few, and a long list sorted by halves merged (the
/// standard library's sorts, built for each type they sort, cost the `.wasm`
/// about 1 KB gzipped).
fn sorted(mut fields: Vec<Field<'_>>) -> Vec<Field<'_>> {
    if fields.len() <= 16 {
        for i in 1..fields.len() {
            let Some((placed, [field, ..])) = fields.split_at_checked(i) else {
                break;
            };
            // After the fields of the same key already placed.
            let at = placed.partition_point(|f| f.0 <= field.0);
            for j in (at..i).rev() {
                fields.swap(j, j + 1);
            }
        }
        return fields;
    }
    let second = fields.split_off(fields.len() / 2);
    let (first, second) = (sorted(fields), sorted(second));
    let mut out = Vec::with_capacity(first.len() + second.len());
    let mut second = second.into_iter().peekable();
    for field in first {
        // Of the same key, the first half's field comes first.
        while let Some(earlier) = second.next_if(|f| f.0 < field.0) {
            out.push(earlier);
        }
        out.push(field);
    }
    out.extend(second);
    out
}

impl<'t> Map<'t> {
    /// The fields given, in any order: sorted by key (stably), and of a key
    /// given twice the last kept.
    pub(crate) fn from_fields(fields: Vec<Field<'t>>) -> Self {
        if fields.is_sorted_by(|a, b| a.0 < b.0) {
            return Self(fields);
        }
        let mut fields = sorted(fields);
        // `later` follows `kept` with the same key: its value wins.
        fields.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(&mut later.1, &mut kept.1);
            }
            same
        });
        Self(fields)
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_ref().cmp(key))
    }

    /// The value of `key`. (A call's objects have a few fields each: looked
    /// through, lengths first, rather than halved, which compares texts.)
    pub(crate) fn get(&self, key: &str) -> Option<&Value<'t>> {
        if self.0.len() > 16 {
            let i = self.position(key).ok()?;
            return self.0.get(i).map(|(_, v)| v);
        }
        self.0
            .iter()
            .find(|(k, _)| k.len() == key.len() && k == key)
            .map(|(_, v)| v)
    }

    /// Whether the object has `key`.
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value` (in place of its value, if it has one).
    pub(crate) fn insert(&mut self, key: impl Into<Cow<'t, str>>, value: Value<'t>) {
        let key = key.into();
        match self.position(&key) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    /// Removes `key`, giving its value back.
    pub(crate) fn remove(&mut self, key: &str) -> Option<Value<'t>> {
        let i = self.position(key).ok()?;
        Some(self.0.remove(i).1)
    }

    /// The keys, in order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }

    /// The fields, in the order of their keys.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Value<'t>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// How many fields.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

impl<'t> Value<'t> {
    /// An object of `fields` (a key given twice: the last kept).
    pub(crate) fn object(fields: impl IntoIterator<Item = (&'static str, Value<'t>)>) -> Self {
        Self::Object(Map::from_fields(
            fields
                .into_iter()
                .map(|(k, v)| (Cow::Borrowed(k), v))
                .collect(),
        ))
    }

    /// A text of its own.
    pub(crate) fn text(text: impl Into<String>) -> Self {
        Self::String(Cow::Owned(text.into()))
    }

    /// The object, if it is one.
    pub fn as_object(&self) -> Option<&Map<'t>> {
        match self {
            Self::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The list, if it is one.
    pub fn as_array(&self) -> Option<&Vec<Value<'t>>> {
        match self {
            Self::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The text, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    /// The whole number from 0, if it is one.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Self::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// The true or false, if it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether it is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value of field `key`, if it is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value<'t>> {
        self.as_object().and_then(|map| map.get(key))
    }

    /// The value with every text its own (no longer borrowed).
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Self::Null => Value::Null,
            Self::Bool(b) => Value::Bool(b),
            Self::Number(n) => Value::Number(n),
            Self::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Self::Array(items) => Value::Array(items.into_iter().map(Value::into_owned).collect()),
            Self::Object(map) => Value::Object(Map(map
                .0
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                .collect())),
        }
    }
}

/// A `serde_json::Value`, its texts borrowed.
impl<'t> From<&'t serde_json::Value> for Value<'t> {
    fn from(value: &'t serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Self::Null,
            serde_json::Value::Bool(b) => Self::Bool(*b),
            serde_json::Value::Number(n) => Self::Number(n.clone()),
            serde_json::Value::String(s) => Self::String(Cow::Borrowed(s)),
            serde_json::Value::Array(items) => Self::Array(items.iter().map(Self::from).collect()),
            // Already in the order of its keys, each once.
            serde_json::Value::Object(map) => Self::Object(Map(map
                .iter()
                .map(|(k, v)| (Cow::Borrowed(k.as_str()), Self::from(v)))
                .collect())),
        }
    }
}

/// A `serde_json::Value`, its texts moved.
impl From<serde_json::Value> for Value<'static> {
    fn from(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Self::Null,
            serde_json::Value::Bool(b) => Self::Bool(b),
            serde_json::Value::Number(n) => Self::Number(n),
            serde_json::Value::String(s) => Self::String(Cow::Owned(s)),
            serde_json::Value::Array(items) => {
                Self::Array(items.into_iter().map(Self::from).collect())
            }
            serde_json::Value::Object(map) => Self::Object(Map(map
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k), Self::from(v)))
                .collect())),
        }
    }
}

/// The same value as a `serde_json::Value`, for what keeps it.
impl From<&Value<'_>> for serde_json::Value {
    fn from(value: &Value<'_>) -> Self {
        match value {
            Value::Null => Self::Null,
            Value::Bool(b) => Self::Bool(*b),
            Value::Number(n) => Self::Number(n.clone()),
            Value::String(s) => Self::String(s.to_string()),
            Value::Array(items) => Self::Array(items.iter().map(Self::from).collect()),
            Value::Object(map) => {
                // One field at a time: collecting would sort them again.
                let mut out = serde_json::Map::new();
                for (k, v) in map.iter() {
                    out.insert(k.to_owned(), Self::from(v));
                }
                Self::Object(out)
            }
        }
    }
}

/// Written as `serde_json::Value` writes it: the same JSON.
impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_unit(),
            Self::Bool(b) => serializer.serialize_bool(*b),
            Self::Number(n) => n.serialize(serializer),
            Self::String(s) => serializer.serialize_str(s),
            Self::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Self::Object(map) => {
                let mut out = serializer.serialize_map(Some(map.len()))?;
                for (k, v) in map.iter() {
                    out.serialize_entry(k, v)?;
                }
                out.end()
            }
        }
    }
}

/// Read as `serde_json::Value` reads: the same values from the same text,
/// the texts without escapes borrowed.
impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value<'de>, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value<'de>, E> {
        // A JSON number with a fraction or an exponent, held as serde_json holds it (`Number`),
        // never computed with: money and rates are decimal strings (a number there is refused),
        // and a quantity given as a number is read as the text JavaScript's `String(n)` writes.
        // As serde_json: a number that is not finite is null.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(v)))
    }

    fn visit_none<E: de::Error>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value<'de>, D::Error> {
        Deserialize::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        // serde_json gives no length: room for a few, as most lists have.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(8).min(64));
        while let Some(Key(key)) = map.next_key()? {
            fields.push((key, map.next_value()?));
        }
        Ok(Value::Object(Map::from_fields(fields)))
    }
}

/// An object's key, borrowed when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;
    use crate::json::{parse, Shape};

    fn read(text: &str) -> Value<'_> {
        parse(text, false).unwrap()
    }

    fn written(value: &Value<'_>) -> String {
        serde_json::to_string(value).unwrap()
    }

    #[test]
    fn texts_without_escapes_are_borrowed_and_with_escapes_decoded() {
        let text = r#"{"plain":"Mother","a\u0062":"line\nbreak \"quoted\" \u00e9"}"#;
        let value = read(text);
        let map = value.as_object().unwrap();
        // `a\u0062` is the key `ab`.
        assert_eq!(map.keys().collect::<Vec<_>>(), ["ab", "plain"]);
        assert!(matches!(map.0[1].0, Cow::Borrowed("plain")));
        assert!(matches!(map.0[0].0, Cow::Owned(_)));
        assert!(matches!(
            map.get("plain"),
            Some(Value::String(Cow::Borrowed("Mother")))
        ));
        assert_eq!(
            map.get("ab").and_then(Value::as_str),
            Some("line\nbreak \"quoted\" é")
        );
        // Written back with its escapes, in the order of the keys.
        assert_eq!(
            written(&value),
            r#"{"ab":"line\nbreak \"quoted\" é","plain":"Mother"}"#
        );
    }

    #[test]
    fn fields_are_in_the_order_of_their_keys_and_the_last_of_a_repeated_key_is_kept() {
        let value = read(r#"{"z":1,"b":2,"a":3,"b":4,"Z":5,"b":6}"#);
        // Byte order: capitals before small letters.
        assert_eq!(written(&value), r#"{"Z":5,"a":3,"b":6,"z":1}"#);
        // The same key, once written with an escape: still the last kept.
        let value = read(r#"{"a":1,"\u0061":2}"#);
        assert_eq!(written(&value), r#"{"a":2}"#);
        let value = read(r#"{"\u0061":1,"a":2}"#);
        assert_eq!(value.get("a").and_then(Value::as_u64), Some(2));
        // Already in order, a repeated key is still merged.
        let value = read(r#"{"a":1,"a":2,"b":3}"#);
        assert_eq!(written(&value), r#"{"a":2,"b":3}"#);
        // Many fields out of order, some keys given up to four times: key
        // `k{j}` is given at i = j, j + 30, j + 60, j + 90 (while i < 100),
        // scrambled (i × 37 mod 100 visits each i once); the last written wins.
        let order: Vec<usize> = (0..100).map(|i| i * 37 % 100).collect();
        let fields: Vec<String> = order
            .iter()
            .map(|i| format!("\"k{:02}\":{i}", i % 30))
            .collect();
        let text = format!("{{{}}}", fields.join(","));
        let value = read(&text);
        let map = value.as_object().unwrap();
        assert_eq!(map.len(), 30);
        assert!(map.keys().zip(map.keys().skip(1)).all(|(a, b)| a < b));
        for j in 0..30 {
            let last = order.iter().rev().find(|i| *i % 30 == j).copied();
            let got = map.get(&format!("k{j:02}")).and_then(Value::as_u64);
            assert_eq!(got, last.map(|i| i as u64), "k{j:02}");
        }
        // An object of more than 16 fields is searched by halving.
        let many: Vec<String> = (0..40).rev().map(|i| format!("\"k{i:02}\":{i}")).collect();
        let text = format!("{{{}}}", many.join(","));
        let value = read(&text);
        let map = value.as_object().unwrap();
        assert_eq!(map.len(), 40);
        assert_eq!(map.keys().next(), Some("k00"));
        assert_eq!(map.get("k37").and_then(Value::as_u64), Some(37));
        assert!(map.get("k40").is_none());
        assert!(map.contains_key("k00"));
    }

    #[test]
    fn insert_keeps_the_order_and_replaces_a_value() {
        let mut value = read(r#"{"b":1}"#);
        let Value::Object(map) = &mut value else {
            panic!("an object")
        };
        map.insert("c", Value::text("3"));
        map.insert("a", Value::Bool(true));
        map.insert("b", Value::Null);
        assert_eq!(written(&value), r#"{"a":true,"b":null,"c":"3"}"#);
    }

    #[test]
    fn numbers_are_read_as_serde_json_reads_them() {
        // 2^64 − 1 is the largest whole number kept exact; -2^63 the
        // smallest; 2^64 is read as a double; -0 is the double -0.0; 1e2 is
        // the double 100.
        let text =
            "[0,7,-7,1.5,18446744073709551615,18446744073709551616,-9223372036854775808,-0,1e2]";
        let value = read(text);
        assert_eq!(
            written(&value),
            "[0,7,-7,1.5,18446744073709551615,1.8446744073709552e+19,-9223372036854775808,-0.0,100.0]"
        );
        let items = value.as_array().unwrap();
        assert_eq!(items[4].as_u64(), Some(u64::MAX));
        assert_eq!(items[5].as_u64(), None);
        assert_eq!(items[2].as_u64(), None);
        // A number too large for a double is refused, in words.
        let Err(Shape::TooLarge(message)) = parse("[1e400]", false) else {
            panic!("1e400 is too large")
        };
        assert!(
            message.starts_with("a number too large to read"),
            "{message}"
        );
    }

    #[test]
    fn nesting_is_limited_as_serde_json_limits_it() {
        // serde_json reads 127 lists within lists, and refuses a 128th.
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(127), false).is_ok());
        let Err(Shape::InvalidJson(message)) = parse(&deep(128), false) else {
            panic!("too deep")
        };
        assert_eq!(message, "recursion limit exceeded");
        let objects = format!("{}1{}", r#"{"a":"#.repeat(128), "}".repeat(128));
        let Err(Shape::InvalidJson(message)) = parse(&objects, true) else {
            panic!("too deep")
        };
        // With its position: the 128th `{` is at column 5 × 127 + 1.
        assert_eq!(message, "recursion limit exceeded at line 1 column 636");
    }

    #[test]
    fn broken_text_has_serde_json_s_message() {
        for (text, message) in [
            ("", "EOF while parsing a value"),
            ("{\"a\":1,}", "trailing comma"),
            ("{\"a\" 1}", "expected `:`"),
            ("{1:2}", "key must be a string"),
            ("[1] 2", "trailing characters"),
            // A leading surrogate must be followed by its trailing one.
            ("\"\\ud800\"", "unexpected end of hex escape"),
            ("\"\\q\"", "invalid escape"),
            (
                "\"a\u{1}\"",
                "control character (\\u0000-\\u001F) found while parsing a string",
            ),
        ] {
            assert_eq!(
                parse(text, false),
                Err(Shape::InvalidJson(message.to_owned())),
                "{text}"
            );
            // And what serde_json::Value is refused with, position and all.
            let serde = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
            let Err(Shape::InvalidJson(positioned)) = parse(text, true) else {
                panic!("{text} is refused")
            };
            assert_eq!(positioned, serde.to_string(), "{text}");
        }
    }

    #[test]
    fn the_value_is_the_one_serde_json_reads() {
        let texts = [
            r#"{"members":[{"name":"Mother","role":"parent","asb":[{"date":"2014-01-02"}]},{"name":"Son\t1","role":"child","dateOfBirth":null}],"rulePack":"tf-2012","n":-3.25e-2,"flag":false}"#,
            r#"[null,true,"",{},[],{"":{"":[]}}]"#,
            r#""just text""#,
            "12",
        ];
        for text in texts {
            let serde: serde_json::Value = serde_json::from_str(text).unwrap();
            let ours = read(text);
            assert_eq!(written(&ours), serde.to_string(), "{text}");
            assert_eq!(serde_json::Value::from(&ours), serde, "{text}");
            assert_eq!(Value::from(&serde), ours, "{text}");
            assert_eq!(
                Value::from(serde.clone()),
                ours.clone().into_owned(),
                "{text}"
            );
        }
    }
}
