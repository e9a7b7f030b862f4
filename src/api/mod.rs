//! The serde "Call → Answer" layer: the JavaScript contract, in plain Rust.
//!
//! This module holds what every call shares (reading calls, errors, receipts);
//! each capability has its own file (`costing.rs`: `unitCosts`, `costFamily`;
//! `appraise.rs`: `appraise`).
//!
//! Each capability is a pure function from a `…Call` to a `…Answer`, with a
//! `*_json` twin (JSON text in, JSON text out) for native tests and tools.
//! `src/wasm.rs` only converts JS values to these types and back.
//!
//! - Answers are tagged unions: `{ "type": "success", … }` or
//!   `{ "type": "failure", "errors": [{ "code", "message", "path" }] }`, and
//!   both carry a [`Receipt`].
//! - Money and rates are decimal strings both ways. A number where money is
//!   expected, an unknown field or a call that is not an object is a broken
//!   contract: a [`CallError`] (a thrown `Error` in JavaScript), naming the field.
//! - Everything an officer can get wrong (an unknown code, a negative
//!   quantity, `"12,50"` as a cost) is a `failure` answer naming the field.

use std::fmt;

pub use crate::json::Value;
use serde::{de, Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};
use tsify::Tsify;

use crate::costs;
use crate::error::{Error, ErrorCode};
use crate::json::{self, Shape};

mod appraise;
mod assess;
mod claims;
mod cohort;
mod costing;
mod defaults;
mod eligibility;
mod neighbourhood;
mod place;
mod pool;
mod pricing;

pub use appraise::*;
pub use assess::*;
pub use claims::*;
pub use cohort::*;
pub use costing::*;
pub use defaults::*;
pub use eligibility::*;
pub use neighbourhood::*;
pub use place::*;
pub use pool::*;
pub use pricing::CouncilTableCall;

/// The engine's version, as in `Cargo.toml`.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A call that breaks the contract: not an object, an unknown field, a wrong
/// type (a number where money is expected). In JavaScript this is thrown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    function: &'static str,
    code: ErrorCode,
    path: String,
    message: String,
}

impl CallError {
    /// A broken call of `function` at `path`, in words of its own.
    pub(crate) fn new(function: &'static str, path: String, message: String) -> Self {
        Self {
            function,
            code: ErrorCode::InvalidField,
            path,
            message,
        }
    }

    /// A problem of shape (see [`crate::json`]) at `path`.
    pub(crate) fn shape(function: &'static str, path: String, shape: &Shape) -> Self {
        Self {
            function,
            code: shape.code(),
            path,
            message: shape.message(),
        }
    }

    /// The same problem, as a problem of `function` (a family record read
    /// inside a claim), at its path under `prefix` when one is given.
    #[must_use]
    pub(crate) fn within(mut self, function: &'static str, prefix: &str) -> Self {
        self.function = function;
        if !prefix.is_empty() {
            self.path = if self.path.is_empty() {
                prefix.to_owned()
            } else if self.path.starts_with('[') {
                format!("{prefix}{}", self.path)
            } else {
                format!("{prefix}.{}", self.path)
            };
        }
        self
    }

    /// The same problem, as a problem of `function` at `path` (a part of a
    /// larger call, whose paths the caller maps); its code is kept.
    #[must_use]
    pub(crate) fn moved(mut self, function: &'static str, path: String) -> Self {
        self.function = function;
        self.path = path;
        self
    }

    /// The stable code: `wrong_type`, `unknown_field`, `missing_field`,
    /// `unknown_variant` or `invalid_json` (the vocabulary of [`crate::json`]).
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The path of the offending field (`items[0].quantity`), empty for the call itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(
                f,
                "{}: the call is not valid: {}.",
                self.function, self.message
            )
        } else {
            write!(f, "{}: {}: {}.", self.function, self.path, self.message)
        }
    }
}

impl std::error::Error for CallError {}

/// A call type's name and fields: the one list its reader checks unknown
/// fields against. The contract tests (`tests/contract.rs`) check each list
/// against the fields serde derives for the type, so the struct, its
/// TypeScript type and its reader cannot drift apart.
pub trait CallFields {
    /// The type's name, as its TypeScript type is called (`CostFamilyCall`).
    const NAME: &'static str;
    /// Its fields, as written in JSON.
    const FIELDS: &'static [&'static str];
}

/// Declares the fields of call types (see [`CallFields`]).
macro_rules! call_fields {
    ($($t:ident: [$($f:literal),* $(,)?];)+) => {
        $(impl $crate::api::CallFields for $t {
            const NAME: &'static str = stringify!($t);
            const FIELDS: &'static [&'static str] = &[$($f),*];
        })+
    };
}
pub(crate) use call_fields;

/// serde's reader of an optional field under the one rule for `null`: an
/// optional field given `null` is absent (`#[serde(default, deserialize_with
/// = "nullable")]`), as the hand reader of [`crate::json`] reads it.
pub(crate) fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Parses a call's JSON text (what the native `*_json` twins take, and what
/// the wasm bindings pass: `JSON.stringify` of the JS value); every call is
/// then read from the parsed value by the one reader of [`crate::json`].
pub fn read_json_call<'t>(function: &'static str, json: &'t str) -> Result<Value<'t>, CallError> {
    json::parse(json, false).map_err(|shape| CallError::shape(function, String::new(), &shape))
}

/// [`read_json_call`] into a `serde_json::Value`, for what keeps its call
/// (a cohort run keeps its options).
pub fn read_json_value(function: &'static str, json: &str) -> Result<serde_json::Value, CallError> {
    json::parse_owned(json, false)
        .map_err(|shape| CallError::shape(function, String::new(), &shape))
}

/// The `*_json` twin of a call's `*_value` function: JSON text in, JSON text
/// out, through the same reader as the wasm binding.
pub(crate) fn json_twin<T: Serialize>(
    function: &'static str,
    call: &str,
    work: fn(&Value<'_>) -> Result<T, CallError>,
) -> Result<String, CallError> {
    write_json(function, &work(&read_json_call(function, call)?)?)
}

pub(crate) fn write_json<T: Serialize>(
    function: &'static str,
    answer: &T,
) -> Result<String, CallError> {
    serde_json::to_string(answer)
        .map_err(|e| CallError::new(function, String::new(), e.to_string()))
}

/// A decimal as text, exactly as the caller sent it. Refuses numbers (so a JS
/// number where money is expected is a broken contract); a string that is not
/// a plain decimal is reported in a `failure` answer, naming the field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Tsify)]
#[tsify(type = "DecimalString")]
#[serde(transparent)]
pub struct DecimalText(pub String);

impl<'de> Deserialize<'de> for DecimalText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = DecimalText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal string such as \"1249.00\" (money is sent as a string, not a number)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DecimalText, E> {
                Ok(DecimalText(v.to_owned()))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// One error of a `failure` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ErrorView {
    /// Stable code, e.g. `unknown_code`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// The field it is about, e.g. `items[2].quantity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub path: Option<String>,
}

impl From<Error> for ErrorView {
    fn from(e: Error) -> Self {
        Self {
            code: e.code().as_str().to_owned(),
            message: e.message().to_owned(),
            path: e.path().map(str::to_owned),
        }
    }
}

/// Names and hashes a data table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TableRef {
    /// Identifier, e.g. `ucd-v1.2`.
    pub id: String,
    /// Lower-case hex SHA-256 of the data files (see README, "Receipts").
    pub sha256: String,
}

/// Enough to reproduce an answer later: the engine, the data, the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    /// The engine's version.
    pub engine_version: String,
    /// The unit-cost table used: a built-in one (`ucd-v1.2`), or a council's
    /// (`council:<name>`, the SHA-256 of its CSV text).
    pub unit_cost_table: TableRef,
    /// The built-in table a council's table sits on top of, if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub extends_table: Option<Box<TableRef>>,
    /// The deflator series costs were re-based with.
    pub deflator: TableRef,
    /// The rule pack used, for calls that apply one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rule_pack: Option<Box<TableRef>>,
    /// SHA-256 of the call, re-serialised as compact JSON in contract field order.
    /// Empty (and left out of the JSON) only in an answer whose call asked for it
    /// later ([`InputHash::Later`]): the same call answered without that option
    /// carries it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub input_sha256: String,
}

/// When an explained answer's receipt gets the input's hash: now (every
/// answer, by default) or later, when the answer is kept. The hash — the
/// canonical call written out and its SHA-256 — is about a tenth of an
/// explained `checkEligibility`; a form that recalculates on every keystroke
/// asks for it only when its receipt is opened, printed or saved, by calling
/// again without the option (see `src/js/engine.js`, `answerHere`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputHash {
    /// The receipt carries `inputSha256`.
    #[default]
    Now,
    /// The receipt leaves `inputSha256` out.
    Later,
}

/// What an explained call may be asked besides its call: `{ inputSha256:
/// false }` for the receipt without the input's hash (see [`InputHash`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerOptions {
    /// `false`: the receipt leaves out `inputSha256`, which the same call
    /// without this option gives; left out or `true`: the receipt has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub input_sha256: Option<bool>,
}

call_fields! {
    AnswerOptions: ["inputSha256"];
}

/// Reads an explained call's options from parsed JSON (`undefined` and `null`
/// are none): a field of the wrong type or an unknown one throws, naming it.
pub fn read_answer_options(
    function: &'static str,
    options: &Value,
) -> Result<InputHash, CallError> {
    if options.is_null() {
        return Ok(InputHash::Now);
    }
    let reader = json::Reader::new(function);
    let root = reader.call::<AnswerOptions>(options);
    let later = root.value("inputSha256", false).is_some() && !root.flag("inputSha256");
    reader.finish()?;
    Ok(if later {
        InputHash::Later
    } else {
        InputHash::Now
    })
}

/// The receipt of a figures answer: the versions used, without the input's hash (computed only when an
/// answer is kept: ask for the explained answer, whose receipt has it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FiguresReceipt {
    /// The engine's version.
    pub engine_version: String,
    /// The unit-cost table used, for calls that price something.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub unit_cost_table: Option<TableRef>,
    /// The built-in table a council's table sits on top of, if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub extends_table: Option<TableRef>,
    /// The deflator series costs were re-based with, for calls that price something.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deflator: Option<TableRef>,
    /// The rule pack used, for calls that apply one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rule_pack: Option<TableRef>,
}

impl FiguresReceipt {
    /// The versions [`receipt`] names (the engine, the default table and
    /// series), without hashing the call.
    pub(crate) fn defaults() -> Self {
        Self {
            engine_version: ENGINE_VERSION.to_owned(),
            unit_cost_table: Some(national_table()),
            extends_table: None,
            deflator: Some(default_deflator()),
            rule_pack: None,
        }
    }
}

/// The default unit-cost table, by id and hash (a constant of `build.rs`).
fn national_table() -> TableRef {
    TableRef {
        id: costs::NATIONAL_TABLE_ID.to_owned(),
        sha256: costs::hashes::UCD_V1_2_SHA256.to_owned(),
    }
}

/// The default deflator series, by id and hash.
fn default_deflator() -> TableRef {
    TableRef {
        id: costs::series::DEFAULT_SERIES_ID.to_owned(),
        sha256: costs::hashes::HMT_2026_03_SHA256.to_owned(),
    }
}

/// The receipt of a call priced with the default table and series (a call
/// that chose others names them with [`Receipt::priced`]). The default's
/// hashes are constants (`build.rs`), so writing a receipt reads no table.
pub(crate) fn receipt<T: Serialize>(call: &T) -> Receipt {
    receipt_of(&serde_json::to_vec(call).unwrap_or_default())
}

/// [`receipt`], or (asked for [`InputHash::Later`]) the same receipt without
/// the input's hash: the call is then neither written out nor hashed.
pub(crate) fn receipt_as<T: Serialize>(call: &T, hash: InputHash) -> Receipt {
    match hash {
        InputHash::Now => receipt(call),
        InputHash::Later => versions(String::new()),
    }
}

/// [`receipt`] of a call already written as JSON: one body for every call
/// type (the generic part above only writes the call).
#[inline(never)]
fn receipt_of(input: &[u8]) -> Receipt {
    versions(costs::hex(&Sha256::digest(input)))
}

/// The receipt naming the engine and the default table and series, with
/// `input_sha256`.
fn versions(input_sha256: String) -> Receipt {
    Receipt {
        engine_version: ENGINE_VERSION.to_owned(),
        unit_cost_table: national_table(),
        extends_table: None,
        deflator: default_deflator(),
        rule_pack: None,
        input_sha256,
    }
}

/// A `failure` answer: every problem found, each naming its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// The problems.
    pub errors: Vec<ErrorView>,
    /// Receipt.
    pub receipt: Receipt,
}

impl Failure {
    /// The failure listing `errors`, with its receipt.
    pub fn new(errors: Vec<Error>, receipt: Receipt) -> Self {
        Self {
            errors: errors.into_iter().map(ErrorView::from).collect(),
            receipt,
        }
    }
}

/// The position `N` of an error about `list[N]…`, plus one; 0 for errors
/// elsewhere, so that they sort first.
pub(crate) fn indexed(e: &Error, list: &str) -> usize {
    e.location()
        .and_then(|p| p.index_in(list))
        .map_or(0, |n| n.saturating_add(1))
}
