//! The JavaScript bindings: the only module with `#[wasm_bindgen]`.
//!
//! Each export converts its argument from a JS value to the `…Call` type of
//! [`crate::api`], delegates, and converts the `…Answer` back. Nothing is
//! computed here. A call of the wrong shape (not an object, an unknown field, a
//! number where money is expected) throws a JS `Error` naming the field;
//! everything else comes back as a `success` or `failure` answer.

use serde::Serialize;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::api::{
    self, AppraiseAnswer, AppraiseCall, CallError, CostFamilyAnswer, CostFamilyCall,
    UnitCostsAnswer,
};

#[wasm_bindgen(typescript_custom_section)]
const TS_ALIASES: &str = r#"
/** An exact decimal written as a string, e.g. "1249.00". Money and rates are never JS numbers. */
export type DecimalString = string;
/** An amount of money in pounds, as a decimal string, e.g. "647.52". */
export type Money = DecimalString;
/** A rate or share from 0 to 1, as a decimal string: "0.035" is 3.5%. */
export type Rate = DecimalString;
"#;

/// Installs the panic hook, so that a bug shows in the console rather than as
/// a bare `unreachable` trap.
#[wasm_bindgen(start)]
fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// The engine's version, as in `Cargo.toml`.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    api::ENGINE_VERSION.to_owned()
}

/// The built-in unit-cost table and deflator index.
#[wasm_bindgen(js_name = unitCosts)]
pub fn unit_costs() -> Result<Ts<UnitCostsAnswer>, JsError> {
    to_js("unitCosts", &api::unit_costs())
}

/// The cost of a family's service use, by agency.
#[wasm_bindgen(js_name = costFamily)]
pub fn cost_family(call: Ts<CostFamilyCall>) -> Result<Ts<CostFamilyAnswer>, JsError> {
    let call: serde_json::Value = from_js("costFamily", call.js_value())?;
    let call = api::read_cost_family_call(&call).map_err(into_error)?;
    to_js("costFamily", &api::cost_family(&call))
}

/// The cost-benefit appraisal of one or more scenarios, with business as usual.
/// The call is read as parsed JSON (see `api::appraise_value`), with the same
/// checks as the native twin.
#[wasm_bindgen(js_name = appraise)]
pub fn appraise(call: Ts<AppraiseCall>) -> Result<Ts<AppraiseAnswer>, JsError> {
    let call: serde_json::Value = from_js("appraise", call.js_value())?;
    to_js("appraise", &api::appraise_value(&call).map_err(into_error)?)
}

/// Reads a call through `JSON.stringify` and the same JSON reader as the
/// native twins, so unknown fields are refused and wasm reads exactly what
/// native reads. (`undefined` properties are left out, as if absent.)
fn from_js<T: serde::de::DeserializeOwned>(
    function: &'static str,
    value: JsValue,
) -> Result<T, JsError> {
    let text = js_sys::JSON::stringify(&value)
        .map_err(|_| JsError::new(&format!("{function}: the call could not be read as JSON (does it contain a cycle or a BigInt?).")))?
        .as_string()
        .unwrap_or_else(|| "null".to_owned());
    api::read_json_call(function, &text).map_err(into_error)
}

/// Writes the answer as JSON and lets the browser's `JSON.parse` build the
/// object: the same bytes as the native twin, and no second serializer in the
/// `.wasm`.
fn to_js<T: Serialize + tsify::Tsify>(
    function: &'static str,
    answer: &T,
) -> Result<Ts<T>, JsError> {
    let text = serde_json::to_string(answer)
        .map_err(|e| JsError::new(&format!("{function}: the answer could not be written: {e}")))?;
    js_sys::JSON::parse(&text)
        .map(Ts::new_unchecked)
        .map_err(|_| JsError::new(&format!("{function}: the answer could not be read back.")))
}

/// The one conversion point from a broken call to a thrown JS `Error`.
fn into_error(e: CallError) -> JsError {
    JsError::new(&e.to_string())
}
