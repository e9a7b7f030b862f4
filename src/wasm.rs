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
#[cfg(feature = "cohort")]
use crate::cohort;

#[wasm_bindgen(typescript_custom_section)]
const TS_ALIASES: &str = r#"
/** An exact decimal written as a string, e.g. "1249.00". Money and rates are never JS numbers. */
export type DecimalString = string;
/** An amount of money in pounds, as a decimal string, e.g. "647.52". */
export type Money = DecimalString;
/** A rate or share from 0 to 1, as a decimal string: "0.035" is 3.5%. */
export type Rate = DecimalString;
/** @deprecated The same type, now named after the engine's own: use `Totals`. */
export type TotalsView = Totals;
/** @deprecated Use `Release`. */
export type ReleaseView = Release;
/** @deprecated Use `AgencyTotal`. */
export type AgencyTotalView = AgencyTotal;
/** @deprecated Use `Flow`. */
export type FlowView = Flow;
/** @deprecated Use `Change`. */
export type ChangeView = Change;
/** @deprecated Use `Origin`. */
export type OriginView = Origin;
/** @deprecated Use `PlaceSums`. */
export type PlaceSumView = PlaceSums;
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
/// The built-in unit-cost tables with their rows (or the one asked for), and
/// the deflator series.
#[wasm_bindgen(js_name = unitCosts)]
pub fn unit_costs(
    options: Option<Ts<api::UnitCostsOptions>>,
) -> Result<Ts<api::UnitCostsAnswer>, JsError> {
    let text = match options {
        Some(o) => json_text("unitCosts", o.js_value())?,
        None => "null".to_owned(),
    };
    let options = api::read_json_call("unitCosts", &text).map_err(into_error)?;
    let options = api::read_unit_costs_options(&options).map_err(into_error)?;
    to_js("unitCosts", &api::unit_costs_with(&options))
}

#[cfg(feature = "costs")]
/// Loads a built-in table's data file (`ucd_v1_4.tsv`, beside the module)
/// into a module that does not carry it; its SHA-256 must be the built one.
#[wasm_bindgen(js_name = loadUnitCostTable)]
pub fn load_unit_cost_table(
    call: Ts<api::LoadUnitCostTableCall>,
) -> Result<Ts<api::LoadUnitCostTableAnswer>, JsError> {
    answer(
        "loadUnitCostTable",
        call.js_value(),
        api::load_unit_cost_table_value,
    )
}

#[cfg(feature = "costs")]
/// A council's own unit-cost table (CSV text), read and checked cell by cell.
#[wasm_bindgen(js_name = readUnitCostTable)]
pub fn read_unit_cost_table(
    call: Ts<api::ReadUnitCostTableCall>,
) -> Result<Ts<api::ReadUnitCostTableAnswer>, JsError> {
    answer(
        "readUnitCostTable",
        call.js_value(),
        api::read_unit_cost_table_value,
    )
}

#[cfg(feature = "costs")]
/// The cost of a family's service use, by agency.
/// `options`: `{ inputSha256: false }` leaves the input's hash out of the
/// receipt (the same call without it gives the hash): what a form that
/// recalculates on every keystroke asks for, hashing only an answer it keeps.
#[wasm_bindgen(js_name = costFamily)]
pub fn cost_family(
    call: Ts<api::CostFamilyCall>,
    options: Option<Ts<api::AnswerOptions>>,
) -> Result<Ts<api::CostFamilyAnswer>, JsError> {
    answer_as(
        "costFamily",
        call.js_value(),
        options,
        api::cost_family_value_as,
    )
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
/// `options`: `{ inputSha256: false }` leaves the input's hash out of the
/// receipt (the same call without it gives the hash): what a form that
/// recalculates on every keystroke asks for, hashing only an answer it keeps.
#[wasm_bindgen(js_name = checkEligibility)]
pub fn check_eligibility(
    call: Ts<api::CheckEligibilityCall>,
    options: Option<Ts<api::AnswerOptions>>,
) -> Result<Ts<api::CheckEligibilityAnswer>, JsError> {
    answer_as(
        "checkEligibility",
        call.js_value(),
        options,
        api::check_eligibility_value_as,
    )
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
/// `options`: `{ inputSha256: false }` leaves the input's hash out of the
/// receipt (the same call without it gives the hash): what a form that
/// recalculates on every keystroke asks for, hashing only an answer it keeps.
#[wasm_bindgen(js_name = appraise)]
pub fn appraise(
    call: Ts<api::AppraiseCall>,
    options: Option<Ts<api::AnswerOptions>>,
) -> Result<Ts<api::AppraiseAnswer>, JsError> {
    answer_as("appraise", call.js_value(), options, api::appraise_value_as)
}

#[cfg(feature = "appraisal")]
/// The parameters an appraisal uses when its call gives none: year 0's price
/// year, the discount schedules, the optimism-bias grades, the returns on
/// investment and the longest horizon.
#[wasm_bindgen(js_name = appraisalDefaults)]
pub fn appraisal_defaults() -> Result<Ts<api::AppraisalDefaultsAnswer>, JsError> {
    to_js("appraisalDefaults", &api::appraisal_defaults_answer())
}

#[cfg(feature = "cohort")]
/// Runs a cohort CSV held in memory through the pipeline, on the calling
/// thread: for small files. Large files go through the `cohort…` functions in a Web
/// Worker (`community-budget/cohort`), which streams them.
#[wasm_bindgen(js_name = runCohort)]
pub fn run_cohort(
    #[wasm_bindgen(unchecked_param_type = "string")] csv_text: JsValue,
    options: Ts<api::CohortOptions>,
) -> Result<Ts<api::CohortAnswer>, JsError> {
    let text = csv_text.as_string().ok_or_else(|| {
        JsError::new("runCohort: the file must be text (a string, such as what File.text() gives).")
    })?;
    let options: serde_json::Value = from_js("runCohort", options.js_value())?;
    to_js(
        "runCohort",
        &api::run_cohort_value(text.as_bytes(), &options).map_err(into_error)?,
    )
}

#[cfg(feature = "cohort")]
/// A synthetic cohort as CSV text: deterministic for a seed, never real families.
#[wasm_bindgen(js_name = generateCohort)]
pub fn generate_cohort(call: Ts<api::GenerateCohortCall>) -> Result<String, JsError> {
    let call: serde_json::Value = from_js("generateCohort", call.js_value())?;
    api::generate_cohort_value(&api::Value::from(&call)).map_err(into_error)
}

#[cfg(feature = "cohort")]
/// Cohort runs fed a chunk at a time, for files of any size, by number: the
/// Web Worker of `community-budget/cohort` drives them. Plain functions rather
/// than an exported class, so that nothing has to be freed: a run is dropped
/// when it finishes or is cancelled.
struct Streamed {
    id: u32,
    run: Result<cohort::Run, api::CohortAnswer>,
    options: serde_json::Value,
}

#[cfg(feature = "cohort")]
thread_local! {
    static RUNS: std::cell::RefCell<(u32, Vec<Streamed>)> = const { std::cell::RefCell::new((0, Vec::new())) };
}

#[cfg(feature = "cohort")]
/// Starts a cohort run (`cohortPush` its bytes, then `cohortFinish`) and
/// answers its number. A call of the wrong shape throws; options with
/// problems give a run whose `cohortFinish` answers the `failure`.
#[wasm_bindgen(js_name = cohortStart)]
pub fn cohort_start(options: Ts<api::CohortOptions>) -> Result<u32, JsError> {
    let options: serde_json::Value = from_js("cohortStart", options.js_value())?;
    let run = api::start_cohort(&options).map_err(into_error)?;
    Ok(RUNS.with_borrow_mut(|(next, runs)| {
        *next = next.wrapping_add(1);
        runs.push(Streamed {
            id: *next,
            run,
            options,
        });
        *next
    }))
}

#[cfg(feature = "cohort")]
fn with_run<T>(function: &str, id: u32, f: impl FnOnce(&mut Streamed) -> T) -> Result<T, JsError> {
    RUNS.with_borrow_mut(|(_, runs)| runs.iter_mut().find(|r| r.id == id).map(f))
        .ok_or_else(|| {
            JsError::new(&format!(
                "{function}: there is no cohort run {id} (it has finished, or was cancelled)."
            ))
        })
}

#[cfg(feature = "cohort")]
/// Reads the next chunk of run `run`'s file, hashing it; answers the progress.
#[wasm_bindgen(js_name = cohortPush)]
pub fn cohort_push(run: u32, chunk: &[u8]) -> Result<Ts<api::CohortProgress>, JsError> {
    let progress = with_run("cohortPush", run, |r| match &mut r.run {
        Ok(run) => run.push(chunk),
        Err(_) => cohort::Progress::default(),
    })?;
    to_js("cohortPush", &api::CohortProgress::from(progress))
}

#[cfg(feature = "cohort")]
/// Reads the next chunk without hashing it, when the caller hashes the file
/// itself (`crypto.subtle.digest`) and gives `cohortFinish` the hash.
#[wasm_bindgen(js_name = cohortPushUnhashed)]
pub fn cohort_push_unhashed(run: u32, chunk: &[u8]) -> Result<Ts<api::CohortProgress>, JsError> {
    let progress = with_run("cohortPushUnhashed", run, |r| match &mut r.run {
        Ok(run) => run.push_unhashed(chunk),
        Err(_) => cohort::Progress::default(),
    })?;
    to_js("cohortPushUnhashed", &api::CohortProgress::from(progress))
}

#[cfg(feature = "cohort")]
/// Reads the end of run `run`'s file and answers the report; the run is then
/// gone. `inputSha256` is the file's SHA-256 (hex) when it was read with
/// `cohortPushUnhashed`; leave it out after `cohortPush`.
#[wasm_bindgen(js_name = cohortFinish)]
pub fn cohort_finish(
    run: u32,
    #[wasm_bindgen(js_name = inputSha256)] input_sha256: Option<String>,
) -> Result<Ts<api::CohortAnswer>, JsError> {
    let taken = RUNS.with_borrow_mut(|(_, runs)| {
        runs.iter()
            .position(|r| r.id == run)
            .map(|at| runs.swap_remove(at))
    });
    let Some(streamed) = taken else {
        return Err(JsError::new(&format!(
            "cohortFinish: there is no cohort run {run} (it has finished, or was cancelled)."
        )));
    };
    let answer = match streamed.run {
        Ok(r) => api::cohort_answer(
            match input_sha256 {
                Some(hash) => r.finish_with_input_sha256(&hash),
                None => r.finish(),
            },
            &streamed.options,
        ),
        Err(failure) => failure,
    };
    to_js("cohortFinish", &answer)
}

#[cfg(feature = "cohort")]
/// Drops run `run` without a report (a cancelled run).
#[wasm_bindgen(js_name = cohortCancel)]
pub fn cohort_cancel(run: u32) {
    RUNS.with_borrow_mut(|(_, runs)| runs.retain(|r| r.id != run));
}

#[cfg(feature = "place")]
/// A whole-place community budget: every theme appraised over the place's
/// horizon, each partner's returns through the pool, and the place's totals.
#[wasm_bindgen(js_name = appraisePlace)]
pub fn appraise_place(
    call: Ts<api::AppraisePlaceCall>,
) -> Result<Ts<api::AppraisePlaceAnswer>, JsError> {
    answer("appraisePlace", call.js_value(), api::appraise_place_value)
}

#[cfg(feature = "place")]
/// Several places combined as a national review would: the sums, each
/// place's share, and the spread between places.
#[wasm_bindgen(js_name = combinePlaces)]
pub fn combine_places(
    call: Ts<api::CombinePlacesCall>,
) -> Result<Ts<api::CombinePlacesAnswer>, JsError> {
    answer("combinePlaces", call.js_value(), api::combine_places_value)
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
    answer("poolReturns", call.js_value(), api::pool_returns_value)
}

#[cfg(feature = "assess")]
/// Payment-by-results claims for families, and the council's totals.
#[wasm_bindgen(js_name = claimPayment)]
pub fn claim_payment(
    call: Ts<api::ClaimPaymentCall>,
) -> Result<Ts<api::ClaimPaymentAnswer>, JsError> {
    answer("claimPayment", call.js_value(), api::claim_payment_value)
}

#[cfg(feature = "assess")]
/// One family's eligibility, costs, claim, appraisal and pool in one traced answer.
#[wasm_bindgen(js_name = assessFamily)]
pub fn assess_family(
    call: Ts<api::AssessFamilyCall>,
) -> Result<Ts<api::AssessFamilyAnswer>, JsError> {
    let text = json_text("assessFamily", call.js_value())?;
    let call = api::read_json_call("assessFamily", &text).map_err(into_error)?;
    let answer = api::assess_family_value(&call).map_err(into_error)?;
    written_to_js("assessFamily", answer.to_json())
}

/// Reads a call through `JSON.stringify` and the same JSON reader as the
/// native twins, so unknown fields are refused and wasm reads exactly what
/// native reads. (`undefined` properties are left out, as if absent.)
#[cfg(feature = "cohort")]
fn from_js(function: &'static str, value: JsValue) -> Result<serde_json::Value, JsError> {
    let text = json_text(function, value)?;
    api::read_json_value(function, &text).map_err(into_error)
}

/// The one entry style: a call's JSON text (`JSON.stringify`, [`json_text`])
/// read by [`api::read_json_call`] into a value borrowing it, answered by its
/// `…_value` function, the answer written back by [`to_js`].
fn answer<T: Serialize + tsify::Tsify>(
    function: &'static str,
    call: JsValue,
    work: fn(&api::Value<'_>) -> Result<T, CallError>,
) -> Result<Ts<T>, JsError> {
    let text = json_text(function, call)?;
    let call = api::read_json_call(function, &text).map_err(into_error)?;
    to_js(function, &work(&call).map_err(into_error)?)
}

/// [`answer`] for an explained call that takes options ([`api::AnswerOptions`]):
/// `{ inputSha256: false }` leaves the input's hash out of the receipt.
#[cfg(any(feature = "costs", feature = "eligibility", feature = "appraisal"))]
fn answer_as<T: Serialize + tsify::Tsify>(
    function: &'static str,
    call: JsValue,
    options: Option<Ts<api::AnswerOptions>>,
    work: fn(&api::Value<'_>, api::InputHash) -> Result<T, CallError>,
) -> Result<Ts<T>, JsError> {
    let text = json_text(function, call)?;
    let call = api::read_json_call(function, &text).map_err(into_error)?;
    let hash = match options {
        Some(o) => {
            let text = json_text(function, o.js_value())?;
            let options = api::read_json_call(function, &text).map_err(into_error)?;
            api::read_answer_options(function, &options).map_err(into_error)?
        }
        None => api::InputHash::Now,
    };
    to_js(function, &work(&call, hash).map_err(into_error)?)
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
    written_to_js(function, serde_json::to_string(answer))
}

/// An answer written as JSON text, as the JS object the browser's
/// `JSON.parse` builds from it.
fn written_to_js<T: tsify::Tsify>(
    function: &'static str,
    text: Result<String, serde_json::Error>,
) -> Result<Ts<T>, JsError> {
    let text = text
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
    answer(
        "planNeighbourhood",
        call.js_value(),
        api::plan_neighbourhood_value,
    )
}

// ------------------------------------------- figures only (issue 18, h18-figs)

#[cfg(feature = "costs")]
/// `costFamily`'s figures alone: the total, by agency and line by line, with
/// the versions used; no descriptions, notes or input hash. A failure is
/// exactly `costFamily`'s.
#[wasm_bindgen(js_name = costFamilyFigures)]
pub fn cost_family_figures(
    call: Ts<api::CostFamilyCall>,
) -> Result<Ts<api::CostFamilyFiguresAnswer>, JsError> {
    answer(
        "costFamilyFigures",
        call.js_value(),
        api::cost_family_figures_value,
    )
}

#[cfg(feature = "appraisal")]
/// `appraise`'s money and rates alone, per scenario and case, year and
/// agency; no parameters' text, notes or input hash. A failure is exactly
/// `appraise`'s.
#[wasm_bindgen(js_name = appraiseFigures)]
pub fn appraise_figures(
    call: Ts<api::AppraiseCall>,
) -> Result<Ts<api::AppraiseFiguresAnswer>, JsError> {
    answer(
        "appraiseFigures",
        call.js_value(),
        api::appraise_figures_value,
    )
}

#[cfg(feature = "assess")]
/// `assessFamily`'s figures alone: the decision and its counts, the cost by
/// agency, the claim's amounts, the appraisal's figures and each partner's
/// net position; no step's explanation, no trace, no hashes of the steps'
/// calls. A failure is exactly `assessFamily`'s.
#[wasm_bindgen(js_name = assessFamilyFigures)]
pub fn assess_family_figures(
    call: Ts<api::AssessFamilyCall>,
) -> Result<Ts<api::AssessFamilyFiguresAnswer>, JsError> {
    answer(
        "assessFamilyFigures",
        call.js_value(),
        api::assess_family_figures_value,
    )
}

// ------------------------------------------------- issue 18: eligibility figures

#[cfg(feature = "eligibility")]
/// The figures of `checkEligibility` alone, for the same call: the decision,
/// the counts, each criterion and filter met, the pack by id and hash. No
/// explanations (ask `checkEligibility` for them); a failure is the same.
#[wasm_bindgen(js_name = checkEligibilityFigures)]
pub fn check_eligibility_figures(
    call: Ts<api::CheckEligibilityCall>,
) -> Result<Ts<api::EligibilityFiguresAnswer>, JsError> {
    answer(
        "checkEligibilityFigures",
        call.js_value(),
        api::check_eligibility_figures_value,
    )
}
