//! Whole-place community budgets: several themes of one place (families with
//! complex needs, health and social care, work and skills, reducing
//! reoffending…) appraised together, and what each partner puts in and gets
//! back across them (domain.md §D4, Formulas 6 and 7).
//!
//! Each [`Theme`] is an appraisal [`Scenario`] of its own, appraised by
//! [`appraisal::appraise`] with the place's parameters; nothing is discounted
//! here. The place is then read off the themes:
//!
//! ```text
//! place year t   = Σ themes' year t (costs, benefits by type, at present value)
//! place returns  = the appraisal's returns of those year rows (NPV, ROI, payback)
//! partner g      = pool returns (Formula 7) of g's costs in every theme against
//!                  the fiscal benefits of g's agencies in every theme
//! ```
//!
//! **Discounting.** The place's schedule (the Green Book 2026 standard one
//! unless the call names another) discounts every theme. With the sensitivity
//! test, each theme's central case is also worked out under the sensitivity
//! schedule, and the place's sensitivity figures are the returns of the sums
//! of those years; partners' returns are the central case's.
//!
//! **Costs per family or fixed.** Each cost of a theme is either fixed (the
//! amount as given, whatever the cohort) or per family: the amount is for
//! one family (or person) of the theme's cohort, and the theme's cost is
//! `amount × cohort`, exact (pennies times a whole number, nothing rounded),
//! so doubling the cohort doubles that cost and leaves a fixed one
//! ([`counted`]). Benefits always scale with the cohort.
//!
//! **Horizon.** A place is appraised over years 0 (the base year) to its
//! horizon, five by default. A benefit that would run past the horizon is
//! counted up to it: its duration is cut to `horizon − lag` (none when the
//! lag reaches the horizon), which leaves every earlier year's persistence
//! as it was.
//!
//! **Rounding and exactness.** Every theme's year figures are the appraisal's
//! penny figures; the place's are their exact sums, so place totals are the
//! sums of the themes' to the penny. A partner's contributions are the
//! theme's costs by funder at present value (the appraisal's penny table,
//! optimism bias included) and its benefits are the theme's fiscal benefits
//! by agency at present value; both reach the pool engine already discounted
//! (through a 0 % schedule), so nothing is discounted twice or rounded again,
//! and the themes × partners table adds up across and down to the penny.
//! Rebalancing transfers add up to zero, as in [`crate::pool`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::appraisal::arith::{guard, minus, plus};
use crate::appraisal::build::at;
use crate::appraisal::{
    self, Benefits, DiscountBand, DiscountSchedule, Parameters, Returns, Scenario, ScenarioResult,
    YearResult,
};
use crate::costs::{agency_key, FinancialYear};
use crate::error::{Error, ErrorCode, Result};
use crate::money::{Money, Rate, Rounding};
use crate::pool::{self, AgencyBenefit, Contribution, Kind, Partner, PoolResult, Remark};

/// The longest horizon a place takes: the Green Book's first discount band
/// (years 0–30) covers it, and a whole-place business case looks five years ahead.
pub const MAX_HORIZON: u32 = 30;

/// How a theme's cost is counted: the amount as given (`fixed`, the
/// default), or the amount for each family of the theme's cohort (`family`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum Per {
    /// The amount as given, whatever the cohort.
    #[default]
    Fixed,
    /// The amount for one family (or person): `amount × cohort`.
    Family,
}

/// One theme of a place: an appraisal scenario with an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Short id, unique in the place.
    pub id: String,
    /// The scenario; its costs' funders are partner ids, and each cost's
    /// amount is as the place gives it (for one family when it is per family).
    pub scenario: Scenario,
    /// How each of the scenario's costs is counted, in the same order; a cost
    /// without an entry is fixed.
    pub per: Vec<Per>,
}

impl Theme {
    /// How the cost at `k` is counted.
    pub fn per(&self, k: usize) -> Per {
        self.per.get(k).copied().unwrap_or_default()
    }
}

/// The theme's scenario with its costs counted: a per-family cost becomes
/// `amount × cohort` (exact), a fixed one stays as given. An overflow is an
/// error at `costs[k].amount`.
pub fn counted(theme: &Theme) -> Result<Scenario> {
    let mut scenario = theme.scenario.clone();
    let cohort = Decimal::from(scenario.cohort);
    for (k, cost) in scenario.costs.iter_mut().enumerate() {
        if theme.per(k) == Per::Family {
            cost.amount = cost
                .amount
                .checked_mul(cohort)
                .map_err(|e| e.at(format!("costs[{k}].amount")))?;
        }
    }
    Ok(scenario)
}

/// A partner of the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacePartner {
    /// Short id, unique in the place; the themes' costs name it as funder.
    pub id: String,
    /// Name.
    pub name: String,
    /// The agencies whose savings it receives, as the appraisal names them.
    pub agencies: Vec<String>,
}

/// A place: its themes, its partners and its horizon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Name.
    pub name: String,
    /// The last year appraised (year 0 is the base year).
    pub horizon: u32,
    /// Themes.
    pub themes: Vec<Theme>,
    /// Partners.
    pub partners: Vec<PlacePartner>,
}

/// A theme appraised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeResult {
    /// The scenario as appraised (costs counted, benefits cut at the horizon).
    pub scenario: Scenario,
    /// The appraisal.
    pub appraisal: ScenarioResult,
    /// The partners' returns from this theme alone.
    pub pool: PoolResult,
}

/// A place appraised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceResult {
    /// Each theme, in order.
    pub themes: Vec<ThemeResult>,
    /// Each year `0..=horizon`: the sums of the themes' years (central case).
    pub years: Vec<YearResult>,
    /// The place's headline figures (central case).
    pub returns: Returns,
    /// Net present value in the low case: the sum of the themes'.
    pub low_npv: Money,
    /// Net present value in the high case.
    pub high_npv: Money,
    /// The partners' returns over all themes.
    pub pool: PoolResult,
    /// The place's headline figures with the sensitivity schedule (central
    /// case, everything else equal), when the parameters have one: the
    /// returns of the sums of the themes' years under that schedule.
    pub sensitivity: Option<Returns>,
}

/// A short id (1 to 40 characters), unique among `seen` (compared as agency
/// names are: case and spacing aside); the id is added to `seen`. `what` is
/// `"partner"` or `"theme"`; the error is at `path`.
pub fn check_id(id: &str, what: &str, seen: &mut Vec<String>, path: String) -> Result<()> {
    let key = agency_key(id);
    let checked = if id.is_empty() || id.chars().count() > 40 {
        Err(Error::new(
            ErrorCode::InvalidField,
            format!("Give the {what} a short id (1 to 40 characters)."),
        )
        .at(path))
    } else if seen.contains(&key) {
        Err(Error::new(
            ErrorCode::DuplicateId,
            format!("Another {what} already has the id \"{id}\"."),
        )
        .at(path))
    } else {
        Ok(())
    };
    seen.push(key);
    checked
}

/// The place's rules for a theme's cost: its year (when read) within the
/// horizon (when known), its funder one of the partners' ids (`partners`, as
/// agency keys). Errors at `path.year` and `path.partner`.
pub fn check_cost(
    path: &str,
    year: Option<u32>,
    funder: &str,
    horizon: Option<u32>,
    partners: &[String],
    errors: &mut Vec<Error>,
) {
    if let (Some(year), Some(horizon)) = (year, horizon) {
        if year > horizon {
            errors.push(
                Error::new(
                    ErrorCode::InvalidQuantity,
                    format!("Year {year} is after the place's horizon, year {horizon}."),
                )
                .at(at(path, "year")),
            );
        }
    }
    if !partners.contains(&agency_key(funder)) {
        errors.push(
            Error::new(
                ErrorCode::UnknownPartner,
                format!("No partner of the place has the id \"{funder}\"."),
            )
            .at(at(path, "partner")),
        );
    }
}

/// The horizon, 1 to [`MAX_HORIZON`] years (a horizon over the maximum is
/// refused as it is read); the error is at `horizonYears`.
pub fn check_horizon(horizon: u32) -> Result<u32> {
    if horizon == 0 {
        return Err(Error::new(
            ErrorCode::InvalidQuantity,
            format!("A place is appraised over 1 to {MAX_HORIZON} years."),
        )
        .at("horizonYears"));
    }
    Ok(horizon)
}

/// The theme's scenario with every benefit cut at `horizon`. A cost after
/// the horizon is an error (its path: `costs[k].year`).
pub fn within_horizon(scenario: &Scenario, horizon: u32) -> Result<Scenario> {
    if let Some(k) = scenario.costs.iter().position(|c| c.year > horizon) {
        return Err(Error::new(
            ErrorCode::InvalidQuantity,
            format!("This cost falls after the place's horizon, year {horizon}."),
        )
        .at(format!("costs[{k}].year")));
    }
    let mut cut = scenario.clone();
    for outcome in &mut cut.outcomes {
        let room = horizon.saturating_sub(outcome.lag_years);
        outcome.duration_years = outcome.duration_years.min(room);
    }
    Ok(cut)
}

/// A schedule of 0 %: amounts already at present value pass through the
/// pool engine unchanged.
fn present_values() -> Result<DiscountSchedule> {
    DiscountSchedule::new(vec![DiscountBand {
        from_year: 0,
        rate: Rate::ZERO,
    }])
    .map_err(|e| {
        e.into_iter()
            .next()
            .unwrap_or_else(|| Error::new(ErrorCode::InvalidData, "No discount band."))
    })
}

/// A theme's costs by funder as each partner's contributions at present value.
fn contributions(result: &ScenarioResult, partners: &[PlacePartner]) -> Vec<Partner> {
    partners
        .iter()
        .map(|p| Partner {
            name: p.name.clone(),
            agencies: p.agencies.clone(),
            contributions: result
                .central
                .by_funder
                .iter()
                .filter(|f| agency_key(&f.funder) == agency_key(&p.id))
                .flat_map(|f| {
                    f.years
                        .iter()
                        .enumerate()
                        .filter(|(_, (_, pv))| !pv.is_zero())
                        .map(|(t, (_, pv))| Contribution {
                            year: u32::try_from(t).unwrap_or(u32::MAX),
                            kind: Kind::Cash,
                            amount: *pv,
                        })
                })
                .collect(),
        })
        .collect()
}

/// A theme's fiscal benefits by agency, at present value.
fn fiscal_benefits(result: &ScenarioResult) -> Vec<AgencyBenefit> {
    result
        .central
        .by_agency
        .iter()
        .filter(|s| s.value_type == appraisal::ValueType::Fiscal)
        .map(|s| AgencyBenefit {
            agency: s.agency.clone(),
            years: s.years.iter().map(|(_, pv)| *pv).collect(),
            pv: s.flow.net_pv,
            cashable_pv: s.cashable.map_or(Money::ZERO, |c| c.pv),
        })
        .collect()
}

/// Adds `more` into `all`, agency by agency (by [`agency_key`]), year by year.
fn merge_benefits(all: &mut Vec<AgencyBenefit>, more: Vec<AgencyBenefit>) {
    for b in more {
        let key = agency_key(&b.agency);
        match all.iter_mut().find(|a| agency_key(&a.agency) == key) {
            Some(a) => {
                if a.years.len() < b.years.len() {
                    a.years.resize(b.years.len(), Money::ZERO);
                }
                for (sum, part) in a.years.iter_mut().zip(&b.years) {
                    *sum = plus(*sum, *part);
                }
                a.pv = plus(a.pv, b.pv);
                a.cashable_pv = plus(a.cashable_pv, b.cashable_pv);
            }
            None => all.push(b),
        }
    }
}

/// The place's year rows: each the exact sum of the themes' rows (of the case
/// `case` picks), with the cumulative fiscal positions run over the sums.
fn place_years(
    themes: &[ThemeResult],
    factors: &[Decimal],
    case: impl Fn(&ThemeResult) -> Option<&appraisal::CaseResult>,
) -> Vec<YearResult> {
    let mut years = Vec::with_capacity(factors.len());
    let mut position = Money::ZERO;
    let mut position_pv = Money::ZERO;
    for (t, factor) in factors.iter().enumerate() {
        let mut costs = Money::ZERO;
        let mut costs_pv = Money::ZERO;
        let mut benefits = Benefits::default();
        for theme in themes {
            if let Some(y) = case(theme).and_then(|c| c.years.get(t)) {
                costs = plus(costs, y.costs);
                costs_pv = plus(costs_pv, y.costs_pv);
                benefits = Benefits {
                    fiscal: benefits.fiscal.plus(y.benefits.fiscal),
                    economic: benefits.economic.plus(y.benefits.economic),
                    social: benefits.social.plus(y.benefits.social),
                };
            }
        }
        position = minus(plus(position, benefits.fiscal.net), costs);
        position_pv = minus(plus(position_pv, benefits.fiscal.net_pv), costs_pv);
        years.push(YearResult {
            year: u32::try_from(t).unwrap_or(u32::MAX),
            discount_factor: *factor,
            costs,
            costs_pv,
            benefits,
            net_pv: minus(benefits.net_pv(), costs_pv),
            fiscal_position: position,
            fiscal_position_pv: position_pv,
        });
    }
    years
}

/// Appraises every theme of the place over its horizon, and the partners'
/// returns by theme and over the place. Errors carry paths relative to the
/// place (`themes[1].costs[0].year`, `partners[2].agencies[0]`).
pub fn appraise_place(place: &Place, parameters: &Parameters) -> Result<PlaceResult> {
    if place.horizon > MAX_HORIZON {
        return Err(Error::new(
            ErrorCode::InvalidQuantity,
            format!("A place is appraised over 1 to {MAX_HORIZON} years."),
        )
        .at("horizonYears"));
    }
    let schedule = present_values()?;
    let mut themes = Vec::with_capacity(place.themes.len());
    let mut benefits: Vec<AgencyBenefit> = Vec::new();
    let mut partners: Vec<Partner> = place
        .partners
        .iter()
        .map(|p| Partner {
            name: p.name.clone(),
            agencies: p.agencies.clone(),
            contributions: Vec::new(),
        })
        .collect();
    for (i, theme) in place.themes.iter().enumerate() {
        let at = |e: Error| e.at(format!("themes[{i}]"));
        let scenario = counted(theme)
            .and_then(|s| within_horizon(&s, place.horizon))
            .map_err(|e| {
                // `costs[k].year` and `costs[k].amount` are relative to the theme.
                Error::new(e.code(), e.message())
                    .at(format!("themes[{i}].{}", e.path().unwrap_or_default()))
            })?;
        let result = appraisal::appraise(&scenario, parameters).map_err(at)?;
        let by_partner = contributions(&result, &place.partners);
        let fiscal = fiscal_benefits(&result);
        let pool = pool::returns(&by_partner, &fiscal, &schedule)?;
        for (all, mine) in partners.iter_mut().zip(by_partner) {
            all.contributions.extend(mine.contributions);
        }
        merge_benefits(&mut benefits, fiscal);
        themes.push(ThemeResult {
            scenario,
            appraisal: result,
            pool,
        });
    }
    let factors = parameters.discounting.factors(place.horizon)?;
    let sensitivity_factors = match &parameters.sensitivity {
        Some(s) => Some(s.factors(place.horizon)?),
        None => None,
    };
    let pool = pool::returns(&partners, &benefits, &schedule)?;
    guard(|| {
        let years = place_years(&themes, &factors, |t| Some(&t.appraisal.central));
        let returns = appraisal::returns(&years, &parameters.roi);
        let sensitivity = sensitivity_factors.map(|factors| {
            let years = place_years(&themes, &factors, |t| t.appraisal.sensitivity.as_ref());
            appraisal::returns(&years, &parameters.roi)
        });
        let low_npv = themes
            .iter()
            .fold(Money::ZERO, |s, t| plus(s, t.appraisal.low.npv));
        let high_npv = themes
            .iter()
            .fold(Money::ZERO, |s, t| plus(s, t.appraisal.high.npv));
        PlaceResult {
            themes,
            years,
            returns,
            low_npv,
            high_npv,
            pool,
            sensitivity,
        }
    })
}

impl PlaceResult {
    /// What a partner (by id) pays across the themes, undiscounted, optimism
    /// bias included.
    pub fn costs_of(&self, id: &str) -> Money {
        let key = agency_key(id);
        Money::sum(self.themes.iter().flat_map(|t| {
            t.appraisal
                .central
                .by_funder
                .iter()
                .filter(|f| agency_key(&f.funder) == key)
                .map(|f| f.costs)
        }))
        .unwrap_or(Money::ZERO)
    }

    /// A remark for each theme of `place` (the place appraised) with outcomes
    /// that would go on past the horizon.
    pub fn remarks(&self, place: &Place) -> Vec<Remark> {
        let mut remarks = Vec::new();
        for (i, (theme, r)) in place.themes.iter().zip(&self.themes).enumerate() {
            let cut = theme
                .scenario
                .outcomes
                .iter()
                .zip(&r.scenario.outcomes)
                .filter(|(before, after)| before.duration_years != after.duration_years)
                .count();
            if cut > 0 {
                remarks.push((
                    "benefits_beyond_horizon",
                    format!(
                        "{cut} outcome(s) of \"{}\" would go on past year {}: they are counted to the horizon only.",
                        theme.scenario.name, place.horizon
                    ),
                    Some(format!("themes[{i}].outcomes")),
                ));
            }
        }
        remarks
    }
}

// ------------------------------------------------------------ combining places

/// The headline figures of a place, or of places added up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlaceSums {
    /// Costs, present value.
    pub costs_pv: Money,
    /// All benefits, present value.
    pub benefits_pv: Money,
    /// Fiscal benefits, present value.
    pub fiscal_pv: Money,
    /// Net present value.
    pub npv: Money,
    /// Fiscal net present value.
    pub fiscal_npv: Money,
    /// Fiscal return on investment, two places.
    #[tsify(type = "DecimalString | null")]
    pub roi_fiscal: Option<Decimal>,
}

impl PlaceSums {
    /// The headline figures of an appraisal's returns.
    pub fn of(r: &Returns) -> Self {
        Self {
            costs_pv: r.costs_pv,
            benefits_pv: r.benefits_pv,
            fiscal_pv: r.benefits.fiscal.net_pv,
            npv: r.npv,
            fiscal_npv: r.fiscal_npv,
            roi_fiscal: r.roi_fiscal,
        }
    }
}

/// A place appraised, as it enters a combination.
#[derive(Debug, Clone, Copy)]
pub struct Appraised<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its price base.
    pub base_year: FinancialYear,
    /// Its discount schedule.
    pub discounting: &'a DiscountSchedule,
    /// Its returns.
    pub returns: &'a Returns,
}

/// Places added up as a national review would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Combination {
    /// Each place's figures, in the order given.
    pub places: Vec<PlaceSums>,
    /// Each place's shares of all places' costs, benefits and net present
    /// value, in percent ([`shares`]).
    pub shares: Vec<[Option<Decimal>; 3]>,
    /// All places together: the sums, and the fiscal return of the sums.
    pub total: PlaceSums,
    /// The spread between places of net present value, fiscal net present
    /// value, costs and benefits, each with its measure's name.
    pub spreads: Vec<(&'static str, Spread)>,
}

/// The problems with combining `places` (`None` for a place that could not
/// be appraised): none to combine, two places of one name, places at other
/// price bases or discounted otherwise than the first. Each is at its path
/// relative to the list of places (`[3].name`).
pub fn combination_problems(places: &[Option<Appraised<'_>>]) -> Vec<Error> {
    let mut errors = Vec::new();
    if places.is_empty() {
        errors.push(Error::new(
            ErrorCode::InvalidField,
            "Add at least one place to combine.",
        ));
    }
    let appraised = || {
        places
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i, (*p)?)))
    };
    let mut names: Vec<&str> = Vec::new();
    for (i, p) in appraised() {
        if names.contains(&p.name) {
            errors.push(
                Error::new(
                    ErrorCode::DuplicateId,
                    format!("Another place is already called \"{}\".", p.name),
                )
                .at(format!("[{i}].name")),
            );
        }
        names.push(p.name);
    }
    let Some((_, first)) = appraised().next() else {
        return errors;
    };
    for (i, _) in appraised().filter(|(_, p)| p.discounting != first.discounting) {
        errors.push(
            Error::new(
                ErrorCode::InvalidField,
                "Places are combined with one discount schedule: this place is discounted with another schedule than the first.",
            )
            .at(format!("[{i}].discounting")),
        );
    }
    for (i, p) in appraised().filter(|(_, p)| p.base_year != first.base_year) {
        errors.push(
            Error::new(
                ErrorCode::InvalidField,
                format!(
                    "Places are combined at one price base: this place is in {} prices and the first in {}.",
                    p.base_year, first.base_year
                ),
            )
            .at(format!("[{i}].baseYear")),
        );
    }
    errors
}

/// Combines places that [`combination_problems`] finds nothing wrong with:
/// the total is the sum of the places' figures, to the penny.
pub fn combine(places: &[Appraised<'_>]) -> Result<Combination> {
    let sums: Vec<PlaceSums> = places.iter().map(|p| PlaceSums::of(p.returns)).collect();
    let pick = |f: fn(&PlaceSums) -> Money| sums.iter().map(f).collect::<Vec<_>>();
    let (costs, benefits) = (pick(|s| s.costs_pv), pick(|s| s.benefits_pv));
    let (npvs, fiscal_npvs) = (pick(|s| s.npv), pick(|s| s.fiscal_npv));
    let costs_pv = Money::sum(costs.iter().copied())?;
    let fiscal_pv = Money::sum(sums.iter().map(|s| s.fiscal_pv))?;
    let total = PlaceSums {
        costs_pv,
        benefits_pv: Money::sum(benefits.iter().copied())?,
        fiscal_pv,
        npv: Money::sum(npvs.iter().copied())?,
        fiscal_npv: Money::sum(fiscal_npvs.iter().copied())?,
        roi_fiscal: (!costs_pv.is_zero()).then(|| {
            Rounding::Ratio.apply(
                fiscal_pv
                    .as_decimal()
                    .checked_div(costs_pv.as_decimal())
                    .unwrap_or_default(),
            )
        }),
    };
    let shares = shares(&costs)
        .into_iter()
        .zip(shares(&benefits))
        .zip(shares(&npvs))
        .map(|((c, b), n)| [c, b, n])
        .collect();
    let spreads = [
        ("npv", &npvs),
        ("fiscalNpv", &fiscal_npvs),
        ("costsPv", &costs),
        ("benefitsPv", &benefits),
    ]
    .into_iter()
    .filter_map(|(measure, values)| Some((measure, spread(values)?)))
    .collect();
    Ok(Combination {
        places: sums,
        shares,
        total,
        spreads,
    })
}

/// Percent shares of `parts` adding up to 100.00 (largest remainder); `None`
/// each when a part is negative or all are zero.
pub fn shares(parts: &[Money]) -> Vec<Option<Decimal>> {
    let none = vec![None; parts.len()];
    if parts.iter().any(|p| p.is_negative()) || parts.iter().all(|p| p.is_zero()) {
        return none;
    }
    let weights: Vec<Decimal> = parts.iter().map(|p| p.as_decimal()).collect();
    match Money::from_pence(10_000).allocate(&weights) {
        Ok(split) => split.into_iter().map(|m| Some(m.as_decimal())).collect(),
        Err(_) => none,
    }
}

/// The spread of one measure across places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    /// The lowest value.
    pub min: Money,
    /// Its place (the first, on a tie).
    pub min_at: usize,
    /// The median: of an even number of places, the mean of the middle two,
    /// rounded to the penny.
    pub median: Money,
    /// The highest value.
    pub max: Money,
    /// Its place (the first, on a tie).
    pub max_at: usize,
}

/// The spread of `values` (`None` for none).
pub fn spread(values: &[Money]) -> Option<Spread> {
    let mut sorted = values.to_vec();
    crate::sort::sort_by(&mut sorted, Ord::cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 {
        *sorted.get(n / 2)?
    } else {
        let (a, b) = (sorted.get((n / 2).checked_sub(1)?)?, sorted.get(n / 2)?);
        a.checked_add(*b)
            .ok()?
            .checked_div(Decimal::TWO)
            .ok()?
            .round(Rounding::Penny)
    };
    let (min_at, min) = values
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
    let (max_at, max) = values
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
    Some(Spread {
        min: *min,
        min_at,
        median,
        max: *max,
        max_at,
    })
}
