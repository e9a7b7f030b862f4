//! `appraisePlace(call)`: a whole-place community budget — several themes,
//! each an appraisal of its own, and the partners who fund them and save
//! from them — appraised over the place's horizon ([`crate::place`]);
//! `combinePlaces(call)`: several places side by side, as a national review
//! would read them, with the spread between them; `examplePlace()`: the
//! built-in worked example (`data/places/example-place.json`).
//!
//! A place call is also the place's file: the portal saves it, with the
//! answer's receipt, and opens it again through the same reader, so a file
//! another council sends is checked field by field
//! (`themes[1].costs[2].amount`). Every number may carry a `source` next to
//! it (the object's `source`: a source key of domain.md and its evidence
//! tag); sources are kept with the call and do not change any figure.

use crate::json::Value;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tsify::Tsify;

use super::appraise::{
    appraisal_defaults, money_field, name_field, rate_field, read_base_year, read_discounting,
    read_local_rows, read_outcomes, scenario_view, whole_field, year_view, DiscountingCall,
    DiscountingView, OutcomeCall, ReturnsView, ScenarioView, YearView,
};
use super::json::{Object, Reader};
use super::pool::{note, rebalancing_views, OutsideView, RebalancingView};
use super::{
    read_json_call, receipt, write_json, CallError, DecimalText, Failure, LocalRowCall, NoteView,
    QuantityInput, Receipt,
};
use crate::appraisal::build::{take, LinePaths, Prices, ScenarioBuild};
use crate::appraisal::{Parameters, MAX_YEAR};
use crate::costs::{hex, FinancialYear, UnitCostTable};
use crate::error::{Error, ErrorCode};
use crate::money::{Money, Rate, Rounding};
use crate::place::{self, Per, Place, PlacePartner, PlaceResult, PlaceSums, Theme, MAX_HORIZON};

/// The built-in example place, as shipped in `data/places/`.
pub const EXAMPLE_PLACE: &str = include_str!("../../data/places/example-place.json");

/// The horizon when the call leaves it out: the five years of the
/// whole-place business cases (domain.md §D4).
pub const DEFAULT_HORIZON: u32 = 5;

// ----------------------------------------------------------------------- call

/// `appraisePlace(call)`: a place, its partners and its themes. Read by hand
/// from JSON (unknown fields throw); this type is the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppraisePlaceCall {
    /// Name of the place, e.g. `"Example place"`.
    pub name: String,
    /// The price year of every amount, and year 0, e.g. `"2024/25"`; left
    /// out, the deflator series' latest outturn year.
    #[serde(
        default,
        deserialize_with = "super::nullable",
        skip_serializing_if = "String::is_empty"
    )]
    #[tsify(optional)]
    pub base_year: String,
    /// The built-in unit-cost table (`"ucd-v1.2"`, the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub unit_cost_table: Option<String>,
    /// The deflator series (`"hmt-gdp-2026-03"`, the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deflator: Option<String>,
    /// A council's own unit-cost table (CSV), instead of `unitCostTable`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub council_table: Option<super::CouncilTableCall>,
    /// The last year appraised, 1 to 30; 5 if left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "number | string")]
    pub horizon_years: Option<QuantityInput>,
    /// The discount schedule, and whether to run the Green Book 2026
    /// sensitivity test beside it, as `appraise` takes them; the Green Book's
    /// standard schedule if left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub discounting: Option<DiscountingCall>,
    /// Where the place's figures come from.
    #[serde(
        default,
        deserialize_with = "super::nullable",
        skip_serializing_if = "String::is_empty"
    )]
    #[tsify(optional)]
    pub source: String,
    /// The council's own unit costs, overriding or extending the national table.
    #[serde(
        default,
        deserialize_with = "super::nullable",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[tsify(optional)]
    pub local_rows: Vec<LocalRowCall>,
    /// The partners (at least one).
    pub partners: Vec<PlacePartnerCall>,
    /// The themes (at least one).
    pub themes: Vec<ThemeCall>,
}

/// A partner of the place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlacePartnerCall {
    /// Short id, unique in the place, e.g. `"council"`; costs name it.
    pub id: String,
    /// Name, e.g. `"Council"`.
    pub name: String,
    /// The agencies whose savings it receives, as the appraisal names them.
    pub agencies: Vec<String>,
    /// Where its figures come from.
    #[serde(
        default,
        deserialize_with = "super::nullable",
        skip_serializing_if = "String::is_empty"
    )]
    #[tsify(optional)]
    pub source: String,
}

/// A theme: one appraisal scenario of the place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThemeCall {
    /// Short id, unique in the place, e.g. `"families"`.
    pub id: String,
    /// Name, e.g. `"Families with complex needs"`.
    pub name: String,
    /// People or families the theme works with.
    pub cohort: QuantityInput,
    /// Uplift on the theme's costs for optimism bias; 0 if left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub cost_optimism_bias: Option<DecimalText>,
    /// Costs by year and partner.
    pub costs: Vec<PlaceCostCall>,
    /// Outcomes, as `appraise` takes them.
    pub outcomes: Vec<OutcomeCall>,
    /// Where the theme's figures come from.
    #[serde(
        default,
        deserialize_with = "super::nullable",
        skip_serializing_if = "String::is_empty"
    )]
    #[tsify(optional)]
    pub source: String,
}

/// A cost of a theme in one year, met by one partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceCostCall {
    /// Year, 0 being the base year, up to the horizon.
    pub year: QuantityInput,
    /// The partner's id.
    pub partner: String,
    /// How much, at base-year prices, e.g. `"250000.00"`: for the theme
    /// (`fixed`), or for each family of its cohort (`family`).
    pub amount: DecimalText,
    /// `fixed` (the default: the amount whatever the cohort) or `family` (the
    /// amount for each family or person, so the cost is `amount × cohort`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub per: Option<Per>,
    /// Where the figure comes from.
    #[serde(
        default,
        deserialize_with = "super::nullable",
        skip_serializing_if = "String::is_empty"
    )]
    #[tsify(optional)]
    pub source: String,
}

super::call_fields! {
    AppraisePlaceCall: ["name", "baseYear", "unitCostTable", "deflator", "councilTable", "horizonYears", "discounting", "source", "localRows", "partners", "themes"];
    PlacePartnerCall: ["id", "name", "agencies", "source"];
    ThemeCall: ["id", "name", "cohort", "costOptimismBias", "costs", "outcomes", "source"];
    PlaceCostCall: ["year", "partner", "amount", "per", "source"];
}
// --------------------------------------------------------------------- answer

/// The answer to `appraisePlace`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum AppraisePlaceAnswer {
    /// The place appraised.
    Success(Box<PlaceSuccess>),
    /// What must be corrected; every problem, each naming its field.
    Failure(Failure),
}

/// The place appraised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlaceSuccess {
    /// Name.
    pub name: String,
    /// Year 0, and the price year of every amount.
    pub base_year: String,
    /// The last year appraised.
    pub horizon: u32,
    /// How the place is read off its themes, in one paragraph.
    pub rule: String,
    /// The discount schedule used: which, its edition, its source, its bands.
    pub discounting: DiscountingView,
    /// The schedule of the sensitivity test, when the call asked for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub sensitivity_discounting: Option<DiscountingView>,
    /// Each theme, in order.
    pub themes: Vec<ThemeView>,
    /// Each partner over all themes, in order.
    pub partners: Vec<PlacePartnerView>,
    /// The place's totals.
    pub place: PlaceTotalsView,
    /// Rebalancing over the place: `fiscal`, then `cashable`.
    pub rebalancing: Vec<RebalancingView>,
    /// Fiscal benefits of agencies no partner receives.
    pub outside: Vec<OutsideView>,
    /// Remarks.
    pub notes: Vec<NoteView>,
    /// Receipt.
    pub receipt: Receipt,
}

/// One theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ThemeView {
    /// Id.
    pub id: String,
    /// People or families the theme works with.
    pub cohort: u32,
    /// Each cost as counted, in the call's order: which scale with the cohort.
    pub costs: Vec<ThemeCostView>,
    /// The theme's appraisal, as `appraise` gives it (costs counted, benefits
    /// cut at the horizon).
    pub appraisal: ScenarioView,
    /// Each partner's part in the theme, in the partners' order.
    pub partners: Vec<ThemePartnerView>,
}

/// A cost of a theme as counted, undiscounted and before optimism bias, in
/// the order of the call's costs (whose year and partner it is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ThemeCostView {
    /// `family` (scales with the cohort) or `fixed`.
    pub per: Per,
    /// The amount as given: for each family when `per` is `family`.
    pub amount: Money,
    /// The theme's cost: `amount × cohort` per family, else `amount`.
    pub cost: Money,
}

/// A partner's part in one theme (present values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ThemePartnerView {
    /// The partner's id.
    pub id: String,
    /// What it pays for the theme, present value.
    pub costs_pv: Money,
    /// Fiscal benefit of its agencies from the theme, present value.
    pub benefit_pv: Money,
    /// Benefit less costs.
    pub net_pv: Money,
}

/// A partner over the whole place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlacePartnerView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Its agencies with savings, as the appraisal names them.
    pub agencies: Vec<String>,
    /// What it pays, undiscounted (with the themes' optimism bias).
    pub costs: Money,
    /// What it pays, present value.
    pub costs_pv: Money,
    /// Fiscal benefit of its agencies, present value.
    pub benefit_pv: Money,
    /// The cashable part.
    pub cashable_pv: Money,
    /// Benefit less costs.
    pub net_pv: Money,
    /// Benefit ÷ costs, two places; `null` when it pays nothing.
    #[tsify(type = "DecimalString | null")]
    pub roi: Option<Decimal>,
    /// Its share of what the partners pay, percent to two places.
    #[tsify(type = "DecimalString | null")]
    pub share_percent: Option<Decimal>,
    /// When its cumulative discounted position pays back.
    pub payback: super::appraise::PaybackView,
}

/// The place's totals: the sums of its themes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlaceTotalsView {
    /// Headline figures, central case.
    pub central: ReturnsView,
    /// Net present value with each value cut by the top of its grade's band.
    pub low_npv: Money,
    /// Net present value without optimism bias on values.
    pub high_npv: Money,
    /// Headline figures of the central case under the sensitivity schedule,
    /// everything else equal, when the call asked for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub sensitivity: Option<ReturnsView>,
    /// Each year, 0 to the horizon.
    pub years: Vec<YearView>,
}

// -------------------------------------------------------------------- reading

const FUNCTION: &str = "appraisePlace";

/// The sentence stating how a place is appraised, carried in every answer.
pub const PLACE_RULE: &str = "Per-family costs are multiplied by the theme's families; fixed costs are not. Each theme is appraised on its own (Green Book discounting, optimism bias by evidence grade), with benefits counted up to the place's horizon. The place's figures are the sums of its themes', to the penny. Each partner pays the theme costs it funds and receives the fiscal savings of its agencies, both at present value, and the pool shares them out in proportion to what each put in (Formula 7).";

fn problem(errors: &mut Vec<Error>, path: String, code: ErrorCode, message: impl Into<String>) {
    errors.push(Error::new(code, message).at(path));
}

/// The object's `id`, checked by [`place::check_id`].
fn id_field(
    object: &Object<'_, '_>,
    what: &str,
    seen: &mut Vec<String>,
    errors: &mut Vec<Error>,
) -> String {
    let id = object.text("id", true).trim().to_owned();
    take(place::check_id(&id, what, seen, object.at("id")), errors);
    id
}

fn read_partner(
    object: &Object<'_, '_>,
    seen: &mut Vec<String>,
    errors: &mut Vec<Error>,
) -> Option<PlacePartner> {
    let before = errors.len();
    let id = id_field(object, "partner", seen, errors);
    let name = take(
        name_field(object, "name", true, "Give the partner a name."),
        errors,
    );
    object.text("source", false);
    let mut agencies = Vec::new();
    for (path, agency) in object.texts("agencies", true) {
        match agency.trim() {
            "" => errors.push(Error::new(ErrorCode::InvalidField, "Name the agency.").at(path)),
            agency => agencies.push(agency.to_owned()),
        }
    }
    (errors.len() == before).then(|| PlacePartner {
        id,
        name: name.unwrap_or_default(),
        agencies,
    })
}

/// A theme: its id, then its scenario as `appraise` reads one, its costs
/// checked by [`place::check_cost`].
fn read_theme(
    object: &Object<'_, '_>,
    prices: &Prices<'_>,
    partners: &[String],
    horizon: Option<u32>,
    seen: &mut Vec<String>,
    errors: &mut Vec<Error>,
) -> Option<(Theme, LinePaths)> {
    let before = errors.len();
    let id = id_field(object, "theme", seen, errors);
    let name = name_field(object, "name", true, "Give the theme a name.");
    object.text("source", false);
    let mut built = ScenarioBuild::new(
        name,
        whole_field(object, "cohort", None, u32::MAX, "cohort"),
        rate_field(object, "costOptimismBias", Some(Rate::ZERO)),
        errors,
    );
    let mut per = Vec::new();
    for cost in object.each::<PlaceCostCall>("costs", true).iter() {
        cost.text("source", false);
        per.push(if cost.variant("per", &["fixed", "family"]) == 1 {
            Per::Family
        } else {
            Per::Fixed
        });
        let year = take(whole_field(cost, "year", None, MAX_YEAR, "year"), errors);
        let funder = cost.text("partner", true).trim().to_owned();
        place::check_cost(&cost.path(), year, &funder, horizon, partners, errors);
        built.cost(year, Ok(funder), money_field(cost, "amount", true), errors);
    }
    read_outcomes(object, true, &mut built, prices, errors);
    let (scenario, paths) = built.finish(errors).filter(|_| errors.len() == before)?;
    Some((Theme { id, scenario, per }, paths))
}

/// A place read and checked: the domain place, and the value lines' paths of
/// each theme (for the theme views).
struct PlaceRead {
    place: Place,
    /// The table and series the place was priced with (for its receipt).
    table: UnitCostTable,
    base_year: FinancialYear,
    paths: Vec<LinePaths>,
    parameters: Parameters,
    discounting: DiscountingView,
    sensitivity_discounting: Option<DiscountingView>,
    notes: Vec<NoteView>,
}

/// Reads a place call; `Ok(Err(errors))` when the officer has something to correct.
fn read_place(call: &Value) -> Result<Result<PlaceRead, Vec<Error>>, CallError> {
    let reader = Reader::new(FUNCTION);
    let root = reader.call::<AppraisePlaceCall>(call);
    let defaults = match appraisal_defaults() {
        Ok(d) => d,
        Err(e) => return Ok(Err(vec![e])),
    };
    let mut errors = Vec::new();
    let Some(pricing) = super::appraise::read_priced(&root, &mut errors) else {
        reader.finish()?;
        return Ok(Err(errors));
    };
    let national = &pricing.table;
    let name = take(
        name_field(&root, "name", true, "Give the place a name."),
        &mut errors,
    );
    root.text("source", false);
    let base_year = read_base_year(&root, &pricing, &mut errors);
    let horizon = whole_field(
        &root,
        "horizonYears",
        Some(DEFAULT_HORIZON),
        MAX_HORIZON,
        "horizon",
    )
    .and_then(place::check_horizon);
    let horizon = take(horizon, &mut errors);
    let discounting = read_discounting(&root, defaults, &mut errors);
    let merged = read_local_rows(&root, national, &mut errors);

    let mut seen = Vec::new();
    let partner_objects = root.each::<PlacePartnerCall>("partners", true);
    let partners: Vec<Option<PlacePartner>> = partner_objects
        .iter()
        .map(|p| read_partner(p, &mut seen, &mut errors))
        .collect();
    if partner_objects.is_empty() {
        problem(
            &mut errors,
            "partners".to_owned(),
            ErrorCode::InvalidField,
            "Add at least one partner.",
        );
    }
    let theme_objects = root.each::<ThemeCall>("themes", true);
    if theme_objects.is_empty() {
        problem(
            &mut errors,
            "themes".to_owned(),
            ErrorCode::InvalidField,
            "Add at least one theme.",
        );
    }
    // Themes are read even when the base year is wrong, so every problem shows at once.
    let reading_year = base_year.or_else(|| national.deflator().latest_outturn());
    let mut themes = Vec::new();
    let mut paths = Vec::new();
    if let Some(year) = reading_year {
        let prices = Prices {
            table: &merged,
            base_year: year,
            optimism_bias: &defaults.optimism_bias,
        };
        let mut theme_ids = Vec::new();
        for t in &theme_objects {
            if let Some((theme, p)) =
                read_theme(t, &prices, &seen, horizon, &mut theme_ids, &mut errors)
            {
                themes.push(theme);
                paths.push(p);
            }
        }
    }
    reader.finish()?;
    let (Some(name), Some(base_year), Some(horizon), Some(schedule), true) = (
        name,
        base_year,
        horizon,
        discounting.schedule(),
        errors.is_empty(),
    ) else {
        return Ok(Err(errors));
    };
    Ok(Ok(PlaceRead {
        place: Place {
            name,
            horizon,
            themes,
            partners: partners.into_iter().flatten().collect(),
        },
        table: pricing.table.clone(),
        base_year,
        paths,
        discounting: discounting.view(&schedule),
        sensitivity_discounting: discounting.sensitivity_view(),
        notes: discounting.note().into_iter().collect(),
        parameters: Parameters {
            discounting: schedule,
            roi: defaults.roi.clone(),
            sensitivity: discounting.sensitivity(),
        },
    }))
}

// ------------------------------------------------------------------- answers

fn percent(share: Option<Decimal>) -> Option<Decimal> {
    share.map(|s| Rounding::Ratio.apply(s.checked_mul(Decimal::ONE_HUNDRED).unwrap_or_default()))
}

fn place_view(read: &PlaceRead, result: &PlaceResult, receipt: Receipt) -> PlaceSuccess {
    let place = &read.place;
    let base_year = read.base_year;
    let themes: Vec<ThemeView> = place
        .themes
        .iter()
        .zip(&result.themes)
        .zip(&read.paths)
        .map(|((theme, r), paths)| ThemeView {
            id: theme.id.clone(),
            cohort: theme.scenario.cohort,
            costs: theme
                .scenario
                .costs
                .iter()
                .zip(&r.scenario.costs)
                .enumerate()
                .map(|(k, (given, counted))| ThemeCostView {
                    per: theme.per(k),
                    amount: given.amount,
                    cost: counted.amount,
                })
                .collect(),
            appraisal: scenario_view(&r.scenario, paths, &r.appraisal, base_year, false, None),
            partners: place
                .partners
                .iter()
                .zip(&r.pool.partners)
                .map(|(p, pr)| ThemePartnerView {
                    id: p.id.clone(),
                    costs_pv: pr.contribution_pv,
                    benefit_pv: pr.benefit_pv,
                    net_pv: pr.net_pv,
                })
                .collect(),
        })
        .collect();
    let mut notes = read.notes.clone();
    let remarks = result.pool.unpooled("any theme", "the themes' values");
    notes.extend(remarks.into_iter().chain(result.remarks(place)).map(note));
    PlaceSuccess {
        name: place.name.clone(),
        base_year: base_year.to_string(),
        horizon: place.horizon,
        rule: PLACE_RULE.to_owned(),
        discounting: read.discounting.clone(),
        sensitivity_discounting: read.sensitivity_discounting.clone(),
        themes,
        partners: place
            .partners
            .iter()
            .zip(&result.pool.partners)
            .map(|(p, r)| PlacePartnerView {
                id: p.id.clone(),
                name: p.name.clone(),
                agencies: r.agencies.clone(),
                costs: result.costs_of(&p.id),
                costs_pv: r.contribution_pv,
                benefit_pv: r.benefit_pv,
                cashable_pv: r.cashable_pv,
                net_pv: r.net_pv,
                roi: r.roi,
                share_percent: percent(r.share),
                payback: r.payback.into(),
            })
            .collect(),
        place: PlaceTotalsView {
            central: (&result.returns).into(),
            low_npv: result.low_npv,
            high_npv: result.high_npv,
            sensitivity: result.sensitivity.as_ref().map(ReturnsView::from),
            years: result
                .years
                .iter()
                .map(|y| year_view(y, base_year))
                .collect(),
        },
        rebalancing: rebalancing_views(&result.pool),
        outside: result
            .pool
            .outside
            .iter()
            .map(|b| OutsideView {
                agency: b.agency.clone(),
                benefit_pv: b.pv,
                cashable_pv: b.cashable_pv,
            })
            .collect(),
        notes,
        receipt,
    }
}

/// The place's appraisal, or the errors to correct.
fn appraise_read(call: &Value) -> Result<Result<(PlaceRead, PlaceResult), Vec<Error>>, CallError> {
    let read = match read_place(call)? {
        Ok(read) => read,
        Err(errors) => return Ok(Err(errors)),
    };
    Ok(place::appraise_place(&read.place, &read.parameters)
        .map(|result| (read, result))
        .map_err(|e| vec![e]))
}

/// Appraises a place given as parsed JSON: a call of the wrong shape is a
/// [`CallError`] (thrown in JavaScript), anything else an answer.
pub fn appraise_place_value(call: &Value) -> Result<AppraisePlaceAnswer, CallError> {
    let receipt = receipt(call);
    Ok(match appraise_read(call)? {
        Ok((read, result)) => {
            let receipt = receipt.priced(&read.table);
            AppraisePlaceAnswer::Success(Box::new(place_view(&read, &result, receipt)))
        }
        Err(errors) => AppraisePlaceAnswer::Failure(Failure::new(errors, receipt)),
    })
}

/// [`appraise_place_value`] with JSON text in and out.
pub fn appraise_place_json(call: &str) -> Result<String, CallError> {
    let call: Value = read_json_call(FUNCTION, call)?;
    write_json(FUNCTION, &appraise_place_value(&call)?)
}

// ------------------------------------------------------------ example place

/// The built-in example place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ExamplePlaceAnswer {
    /// Where it is shipped: `data/places/example-place.json`.
    pub file: String,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// The place, ready for `appraisePlace`, with a `source` next to its numbers.
    #[tsify(type = "AppraisePlaceCall")]
    pub call: crate::json::Value<'static>,
}

/// The built-in example place; a broken file is an [`ErrorCode::InvalidData`] error.
pub fn example_place() -> Result<ExamplePlaceAnswer, Error> {
    // Read with the one parser of calls, its texts borrowed from the file
    // built in (serde_json::Value would be a second parser and writer in the
    // `.wasm`).
    let call = serde_json::from_str::<crate::json::Value<'static>>(EXAMPLE_PLACE).map_err(|e| {
        Error::new(
            ErrorCode::InvalidData,
            format!("The built-in example place is not valid JSON: {e}."),
        )
    })?;
    Ok(ExamplePlaceAnswer {
        file: "data/places/example-place.json".to_owned(),
        sha256: hex(&Sha256::digest(EXAMPLE_PLACE.as_bytes())),
        call,
    })
}

// ---------------------------------------------------------- combining places

/// `combinePlaces(call)`: several places, appraised each as `appraisePlace`
/// does, and summed as a national review would, with the spread between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CombinePlacesCall {
    /// The places (at least one), each an `appraisePlace` call.
    pub places: Vec<AppraisePlaceCall>,
}

super::call_fields! {
    CombinePlacesCall: ["places"];
}

/// The answer to `combinePlaces`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum CombinePlacesAnswer {
    /// The places combined.
    Success(Box<CombinedPlaces>),
    /// What must be corrected, under `places[i].…`.
    Failure(Failure),
}

/// The places combined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CombinedPlaces {
    /// Each place's headline figures and shares, in the order given.
    pub places: Vec<PlaceSummaryView>,
    /// All places together: the sums.
    pub total: PlaceSums,
    /// The spread between places of each measure.
    pub spread: Vec<SpreadView>,
    /// How shares and the median are worked out.
    pub rule: String,
    /// Receipt.
    pub receipt: Receipt,
}

/// One place in the combination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlaceSummaryView {
    /// Name.
    pub name: String,
    /// Its base year.
    pub base_year: String,
    /// Its horizon.
    pub horizon: u32,
    /// Headline figures.
    #[serde(flatten)]
    pub sums: PlaceSums,
    /// Its share of all places' costs, percent to two places (shares add up to 100.00).
    #[tsify(type = "DecimalString | null")]
    pub costs_share_percent: Option<Decimal>,
    /// Its share of all places' benefits, percent (shares add up to 100.00).
    #[tsify(type = "DecimalString | null")]
    pub benefits_share_percent: Option<Decimal>,
    /// Its share of all places' net present value, percent, when every place's is zero or more.
    #[tsify(type = "DecimalString | null")]
    pub npv_share_percent: Option<Decimal>,
    /// The receipt of its own appraisal.
    pub receipt: Receipt,
}

/// The spread of one measure between places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SpreadView {
    /// `npv`, `costsPv`, `benefitsPv` or `fiscalNpv`.
    pub measure: String,
    /// The lowest.
    pub min: Money,
    /// The place with the lowest (the first, on a tie).
    pub min_place: String,
    /// The median (of an even count, the mean of the middle two, to the penny).
    pub median: Money,
    /// The highest.
    pub max: Money,
    /// The place with the highest (the first, on a tie).
    pub max_place: String,
}

/// The sentence stating how places are combined.
pub const COMBINE_RULE: &str = "Each place is appraised on its own; the total is the sum of the places' figures. Shares are each place's part of the total, in percent to two places, rounded by largest remainder so they add up to 100.00. The median of an even number of places is the mean of the middle two, rounded to the penny (half a penny away from zero).";

fn spread_view(names: &[&str], (measure, s): (&str, place::Spread)) -> Option<SpreadView> {
    Some(SpreadView {
        measure: measure.to_owned(),
        min: s.min,
        min_place: (*names.get(s.min_at)?).to_owned(),
        median: s.median,
        max: s.max,
        max_place: (*names.get(s.max_at)?).to_owned(),
    })
}

/// Combines places given as parsed JSON.
pub fn combine_places_value(call: &Value) -> Result<CombinePlacesAnswer, CallError> {
    const COMBINE: &str = "combinePlaces";
    let receipt = receipt(call);
    let reader = Reader::new(COMBINE);
    let places = reader.call::<CombinePlacesCall>(call).list("places", true);
    reader.finish()?;
    let mut errors = Vec::new();
    let mut read = Vec::with_capacity(places.len());
    for (i, place) in places.iter().enumerate() {
        let at = format!("places[{i}]");
        match appraise_read(place).map_err(|e| e.within(COMBINE, &at))? {
            Ok(r) => read.push(Some(r)),
            Err(inner) => {
                errors.extend(inner.into_iter().map(|e| {
                    let path = match e.path() {
                        Some(p) if !p.is_empty() => format!("{at}.{p}"),
                        _ => at.clone(),
                    };
                    Error::new(e.code(), e.message()).at(path)
                }));
                read.push(None);
            }
        }
    }
    let appraised: Vec<Option<place::Appraised<'_>>> = read
        .iter()
        .map(|r| {
            r.as_ref().map(|(read, result)| place::Appraised {
                name: &read.place.name,
                base_year: read.base_year,
                discounting: &read.parameters.discounting,
                returns: &result.returns,
            })
        })
        .collect();
    let problems = place::combination_problems(&appraised);
    errors.extend(problems.into_iter().map(|e| e.at("places")));
    let appraised: Vec<place::Appraised<'_>> = appraised.into_iter().flatten().collect();
    let combined = match place::combine(&appraised) {
        Ok(c) if errors.is_empty() => c,
        Ok(_) => return Ok(CombinePlacesAnswer::Failure(Failure::new(errors, receipt))),
        Err(e) => return Ok(CombinePlacesAnswer::Failure(Failure::new(vec![e], receipt))),
    };
    let names: Vec<&str> = appraised.iter().map(|p| p.name).collect();
    let summaries = read
        .iter()
        .flatten()
        .zip(places.iter())
        .zip(combined.places.into_iter().zip(combined.shares))
        .map(
            |(((read, _), place), (sums, [costs, benefits, npv]))| PlaceSummaryView {
                name: read.place.name.clone(),
                base_year: read.base_year.to_string(),
                horizon: read.place.horizon,
                sums,
                costs_share_percent: costs,
                benefits_share_percent: benefits,
                npv_share_percent: npv,
                receipt: super::receipt(place).priced(&read.table),
            },
        )
        .collect();
    Ok(CombinePlacesAnswer::Success(Box::new(CombinedPlaces {
        places: summaries,
        total: combined.total,
        spread: combined
            .spreads
            .into_iter()
            .filter_map(|s| spread_view(&names, s))
            .collect(),
        rule: COMBINE_RULE.to_owned(),
        receipt,
    })))
}

/// [`combine_places_value`] with JSON text in and out.
pub fn combine_places_json(call: &str) -> Result<String, CallError> {
    let call: Value = read_json_call("combinePlaces", call)?;
    write_json("combinePlaces", &combine_places_value(&call)?)
}
