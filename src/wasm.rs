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

use crate::api::{self, CallError};

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

#[cfg(feature = "costs")]
/// The built-in unit-cost table and deflator index.
#[wasm_bindgen(js_name = unitCosts)]
pub fn unit_costs() -> Result<Ts<api::UnitCostsAnswer>, JsError> {
    to_js("unitCosts", &api::unit_costs())
}

#[cfg(feature = "costs")]
/// The cost of a family's service use, by agency.
#[wasm_bindgen(js_name = costFamily)]
pub fn cost_family(call: Ts<api::CostFamilyCall>) -> Result<Ts<api::CostFamilyAnswer>, JsError> {
    let call: serde_json::Value = from_js("costFamily", call.js_value())?;
    let call = api::read_cost_family_call(&call).map_err(into_error)?;
    to_js("costFamily", &api::cost_family(&call))
}

#[cfg(feature = "eligibility")]
/// The built-in rule packs (`tf-2012`, `tf-2015`), the measures a pack can
/// use, and the kinds of facts a family record takes.
#[wasm_bindgen(js_name = rulePacks)]
pub fn rule_packs() -> Result<Ts<api::RulePacksAnswer>, JsError> {
    to_js("rulePacks", &api::rule_packs())
}

#[cfg(feature = "eligibility")]
/// Applies a rule pack to a family on its assessment date: the decision, why,
/// and what would change it.
#[wasm_bindgen(js_name = checkEligibility)]
pub fn check_eligibility(
    call: Ts<api::CheckEligibilityCall>,
) -> Result<Ts<api::CheckEligibilityAnswer>, JsError> {
    let text = json_text("checkEligibility", call.js_value())?;
    let call = api::read_check_eligibility_call(&text).map_err(into_error)?;
    to_js("checkEligibility", &api::check_eligibility(&call))
}

#[cfg(feature = "eligibility")]
/// Checks a rule pack given as JSON text (the contents of its file): every
/// problem, with its JSON path, in a `failure` answer.
#[wasm_bindgen(js_name = validateRulePack)]
pub fn validate_rule_pack(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> Result<Ts<api::ValidateRulePackAnswer>, JsError> {
    let text = pack_text("validateRulePack", &json)?;
    to_js("validateRulePack", &api::validate_rule_pack(&text))
}

#[cfg(feature = "eligibility")]
/// Lists what a council pack, given as JSON text, changes against its base.
#[wasm_bindgen(js_name = diffRulePack)]
pub fn diff_rule_pack(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> Result<Ts<api::DiffRulePackAnswer>, JsError> {
    let text = pack_text("diffRulePack", &json)?;
    to_js("diffRulePack", &api::diff_rule_pack(&text))
}

#[cfg(feature = "eligibility")]
/// A pack crosses as text, so that malformed JSON is a `failure` answer with
/// its line and column; anything else is a broken call.
fn pack_text(function: &str, value: &JsValue) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "{function}: the pack must be JSON text (a string, such as the contents of its file); \
             to check an object, pass JSON.stringify(pack)."
        ))
    })
}

#[cfg(feature = "appraisal")]
/// The cost-benefit appraisal of one or more scenarios, with business as usual.
/// The call is read as parsed JSON (see `api::appraise_value`), with the same
/// checks as the native twin.
#[wasm_bindgen(js_name = appraise)]
pub fn appraise(call: Ts<api::AppraiseCall>) -> Result<Ts<api::AppraiseAnswer>, JsError> {
    let call: serde_json::Value = from_js("appraise", call.js_value())?;
    to_js("appraise", &api::appraise_value(&call).map_err(into_error)?)
}

#[cfg(feature = "place")]
/// A whole-place community budget: every theme appraised over the place's
/// horizon, each partner's returns through the pool, and the place's totals.
#[wasm_bindgen(js_name = appraisePlace)]
pub fn appraise_place(
    call: Ts<api::AppraisePlaceCall>,
) -> Result<Ts<api::AppraisePlaceAnswer>, JsError> {
    let call: serde_json::Value = from_js("appraisePlace", call.js_value())?;
    to_js(
        "appraisePlace",
        &api::appraise_place_value(&call).map_err(into_error)?,
    )
}

#[cfg(feature = "place")]
/// Several places combined as a national review would: the sums, each
/// place's share, and the spread between places.
#[wasm_bindgen(js_name = combinePlaces)]
pub fn combine_places(
    call: Ts<api::CombinePlacesCall>,
) -> Result<Ts<api::CombinePlacesAnswer>, JsError> {
    let call: serde_json::Value = from_js("combinePlaces", call.js_value())?;
    to_js(
        "combinePlaces",
        &api::combine_places_value(&call).map_err(into_error)?,
    )
}

#[cfg(feature = "place")]
/// The built-in example place (`data/places/example-place.json`), with the
/// source of each of its numbers.
#[wasm_bindgen(js_name = examplePlace)]
pub fn example_place() -> Result<Ts<api::ExamplePlaceAnswer>, JsError> {
    let example = api::example_place().map_err(|e| JsError::new(&e.to_string()))?;
    to_js("examplePlace", &example)
}

#[cfg(feature = "assess")]
/// Pooled budget returns per partner, and the transfers that would give each
/// a return in proportion to what it put in.
#[wasm_bindgen(js_name = poolReturns)]
pub fn pool_returns(call: Ts<api::PoolReturnsCall>) -> Result<Ts<api::PoolReturnsAnswer>, JsError> {
    let call: serde_json::Value = from_js("poolReturns", call.js_value())?;
    to_js(
        "poolReturns",
        &api::pool_returns_value(&call).map_err(into_error)?,
    )
}

#[cfg(feature = "assess")]
/// Payment-by-results claims for families, and the council's totals.
#[wasm_bindgen(js_name = claimPayment)]
pub fn claim_payment(
    call: Ts<api::ClaimPaymentCall>,
) -> Result<Ts<api::ClaimPaymentAnswer>, JsError> {
    let call: serde_json::Value = from_js("claimPayment", call.js_value())?;
    to_js(
        "claimPayment",
        &api::claim_payment_value(&call).map_err(into_error)?,
    )
}

#[cfg(feature = "assess")]
/// One family's eligibility, costs, claim, appraisal and pool in one traced answer.
#[wasm_bindgen(js_name = assessFamily)]
pub fn assess_family(
    call: Ts<api::AssessFamilyCall>,
) -> Result<Ts<api::AssessFamilyAnswer>, JsError> {
    let call: serde_json::Value = from_js("assessFamily", call.js_value())?;
    to_js(
        "assessFamily",
        &api::assess_family_value(&call).map_err(into_error)?,
    )
}

#[cfg(any(
    feature = "costs",
    feature = "appraisal",
    feature = "neighbourhood",
    feature = "place",
    feature = "assess"
))]
/// Reads a call through `JSON.stringify` and the same JSON reader as the
/// native twins, so unknown fields are refused and wasm reads exactly what
/// native reads. (`undefined` properties are left out, as if absent.)
fn from_js<T: serde::de::DeserializeOwned>(
    function: &'static str,
    value: JsValue,
) -> Result<T, JsError> {
    let text = json_text(function, value)?;
    api::read_json_call(function, &text).map_err(into_error)
}

/// `JSON.stringify` of a call (`undefined` properties are left out, as if absent).
fn json_text(function: &str, value: JsValue) -> Result<String, JsError> {
    Ok(js_sys::JSON::stringify(&value)
        .map_err(|_| JsError::new(&format!("{function}: the call could not be read as JSON (does it contain a cycle or a BigInt?).")))?
        .as_string()
        .unwrap_or_else(|| "null".to_owned()))
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

#[cfg(feature = "neighbourhood")]
/// Shares a neighbourhood pot between the services residents want, by their
/// votes or ranking, within each service's minimum and maximum.
#[wasm_bindgen(js_name = planNeighbourhood)]
pub fn plan_neighbourhood(
    call: Ts<api::PlanNeighbourhoodCall>,
) -> Result<Ts<api::PlanNeighbourhoodAnswer>, JsError> {
    let call: serde_json::Value = from_js("planNeighbourhood", call.js_value())?;
    let call = api::read_plan_neighbourhood_call(&call).map_err(into_error)?;
    to_js("planNeighbourhood", &api::plan_neighbourhood(&call))
}
