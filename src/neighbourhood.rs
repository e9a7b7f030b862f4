//! Neighbourhood community budgets: sharing a local pot between the services
//! residents want, by their priorities.
//!
//! The rule (documented in the README): every service gets at least its
//! minimum and at most its maximum; between those, money follows priority.
//! Exactly, each service gets `clamp(λ × weight, minimum, maximum)`, with the
//! one `λ` (pounds per priority point) at which the allocations add up to the
//! pot. A service whose share by priority is below its minimum is lifted to
//! it; one whose share is above its maximum is capped, and what it would have
//! had goes to the others in proportion to their priorities. The exact shares
//! are then rounded to whole pennies by largest remainder, so the parts add up
//! to the pot exactly and no bound is broken.
//!
//! Weights come from a vote tally (a service's votes) or a ranking (Borda
//! points: with `n` services, rank 1 scores `n`, rank `n` scores 1). When no
//! service has any priority, the remainder is shared equally. A service with
//! no priority (while others have some) stays at its minimum; if every
//! prioritised service reaches its maximum, the rest of the pot is left
//! unallocated for the council to decide on, not spread to services residents
//! did not ask for.

use rust_decimal::Decimal;

use crate::error::{Error, ErrorCode, Result};
use crate::money::{Money, Rounding};
use crate::report::format_money;

/// A service residents can fund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// Short id (used in what-if tables and file names).
    pub id: String,
    /// What residents see.
    pub name: String,
    /// Cost of one unit (a session, a place, an hour), whole pennies.
    pub unit_cost: Money,
    /// Units residents asked for.
    pub units_wanted: u32,
    /// Units it must have at least (0 if none).
    pub min_units: u32,
    /// Units it may have at most (the units wanted if none given).
    pub max_units: Option<u32>,
    /// Its priority weight: votes, or Borda points from a ranking.
    pub weight: Decimal,
}

/// Which bound decided a service's allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// Lifted to its minimum.
    Minimum,
    /// Capped at its maximum.
    Maximum,
    /// Its share by priority.
    Priority,
}

/// One service's allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Its minimum in money (`min_units × unit_cost`).
    pub minimum: Money,
    /// Its maximum in money.
    pub maximum: Money,
    /// Its share by priority alone (`λ × weight`), to the penny, before bounds.
    pub priority_share: Money,
    /// What it gets, whole pennies.
    pub amount: Money,
    /// Whole units that buys.
    pub units_funded: u64,
    /// What is left within the allocation after those units.
    pub spare: Money,
    /// Which bound decided it.
    pub bound: Bound,
    /// The pots at which its bound would change: below the first it falls to
    /// its minimum; above the second it is capped (when it can move at all).
    pub falls_to_minimum_below: Option<Money>,
    /// See `falls_to_minimum_below`.
    pub capped_above: Option<Money>,
}

/// A plan: every service's allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The pot.
    pub pot: Money,
    /// Allocated in all (the pot, unless every service is at its maximum).
    pub allocated: Money,
    /// Not allocated because every service reached its maximum.
    pub unallocated: Money,
    /// Pounds per priority point (λ), to four places, for explanations.
    pub per_point: Decimal,
    /// One per service, in the order given.
    pub allocations: Vec<Allocation>,
}

fn bounds(s: &Service) -> Result<(Money, Money)> {
    let max_units = s.max_units.unwrap_or(s.units_wanted).min(s.units_wanted);
    let minimum = s.unit_cost.checked_mul(Decimal::from(s.min_units))?;
    let maximum = s.unit_cost.checked_mul(Decimal::from(max_units))?;
    // Unit costs are whole pennies, so this only writes the scale (0 × 100.00 is "0").
    Ok((
        minimum.round(Rounding::Penny),
        maximum.round(Rounding::Penny),
    ))
}

/// `f(λ) = Σ clamp(λ × wᵢ, minᵢ, maxᵢ)`, exactly.
fn total_at(lambda: Decimal, weights: &[Decimal], limits: &[(Money, Money)]) -> Result<Decimal> {
    let mut total = Decimal::ZERO;
    for (w, (lo, hi)) in weights.iter().zip(limits) {
        let x = lambda
            .checked_mul(*w)
            .ok_or_else(|| Error::overflow("priority share"))?
            .clamp(lo.as_decimal(), hi.as_decimal());
        total = total
            .checked_add(x)
            .ok_or_else(|| Error::overflow("total"))?;
    }
    Ok(total)
}

fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b)
        .ok_or_else(|| Error::overflow("allocation"))
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_add(b)
        .ok_or_else(|| Error::overflow("allocation"))
}

fn div(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_div(b)
        .ok_or_else(|| Error::overflow("allocation"))
}

/// The λ at which the allocations add up to `target` (Σ min ≤ target ≤ Σ max).
fn solve(target: Decimal, weights: &[Decimal], limits: &[(Money, Money)]) -> Result<Decimal> {
    // f is continuous, non-decreasing and linear between the points where a
    // service reaches a bound: find the piece that holds the target.
    let mut points: Vec<Decimal> = Vec::new();
    for (w, (lo, hi)) in weights.iter().zip(limits) {
        if !w.is_zero() {
            points.push(div(lo.as_decimal(), *w)?);
            points.push(div(hi.as_decimal(), *w)?);
        }
    }
    crate::sort::sort_by(&mut points, Ord::cmp);
    points.dedup();
    let mut below = Decimal::ZERO;
    for point in points {
        if total_at(point, weights, limits)? >= target {
            // Linear on [below, point]: the free services are those strictly
            // between their bounds inside it (tested at its midpoint).
            let mid = div(add(below, point)?, Decimal::TWO)?;
            let mut fixed = Decimal::ZERO;
            let mut slope = Decimal::ZERO;
            for (w, (lo, hi)) in weights.iter().zip(limits) {
                let x = mul(mid, *w)?;
                if x <= lo.as_decimal() {
                    fixed = add(fixed, lo.as_decimal())?;
                } else if x >= hi.as_decimal() {
                    fixed = add(fixed, hi.as_decimal())?;
                } else {
                    slope = add(slope, *w)?;
                }
            }
            if slope.is_zero() {
                return Ok(point);
            }
            return div(
                target
                    .checked_sub(fixed)
                    .ok_or_else(|| Error::overflow("allocation"))?,
                slope,
            );
        }
        below = point;
    }
    Ok(below)
}

/// Shares `pot` between `services` by the rule of this module.
pub fn plan(pot: Money, services: &[Service]) -> Result<Plan> {
    if pot.is_negative() || pot.round(Rounding::Penny) != pot {
        return Err(Error::new(
            ErrorCode::InvalidMoney,
            "The pot is a sum of money in whole pennies, zero or more.",
        )
        .at("pot"));
    }
    let limits = services.iter().map(bounds).collect::<Result<Vec<_>>>()?;
    let weights: Vec<Decimal> = if services.iter().all(|s| s.weight.is_zero()) {
        vec![Decimal::ONE; services.len()]
    } else {
        services.iter().map(|s| s.weight).collect()
    };
    let sum_min = Money::sum(limits.iter().map(|(lo, _)| *lo))?;
    if pot < sum_min {
        return Err(Error::new(
            ErrorCode::PotTooSmall,
            format!(
                "The pot of {} is less than the services' minimums, which add up to {}.",
                format_money(pot),
                format_money(sum_min)
            ),
        )
        .at("pot"));
    }
    // A service with no priority stays at its minimum, so the most that can be
    // allocated is every prioritised service's maximum and the others' minimums;
    // the rest of a larger pot is left unallocated, not given to services
    // residents did not ask for.
    let reachable =
        Money::sum(
            weights
                .iter()
                .zip(&limits)
                .map(|(w, (lo, hi))| if w.is_zero() { *lo } else { *hi }),
        )?;
    let allocated = pot.min(reachable);
    let lambda = if services.is_empty() {
        Decimal::ZERO
    } else {
        solve(allocated.as_decimal(), &weights, &limits)?
    };
    // Exact shares, then whole pennies by largest remainder within the bounds.
    let exact: Vec<Decimal> = weights
        .iter()
        .zip(&limits)
        .map(|(w, (lo, hi))| Ok(mul(lambda, *w)?.clamp(lo.as_decimal(), hi.as_decimal())))
        .collect::<Result<_>>()?;
    let amounts = round_within(allocated, &exact, &limits)?;
    let threshold = |level: Decimal| -> Result<Money> {
        Ok(Money::from_decimal(total_at(level, &weights, &limits)?).round(Rounding::Penny))
    };
    let mut allocations = Vec::with_capacity(services.len());
    for (((s, w), (lo, hi)), amount) in services.iter().zip(&weights).zip(&limits).zip(amounts) {
        let share = mul(lambda, *w)?;
        let bound =
            if share < lo.as_decimal() || (share == lo.as_decimal() && (lo == hi || w.is_zero())) {
                Bound::Minimum
            } else if share > hi.as_decimal()
                || (allocated == reachable && amount == *hi && !w.is_zero())
            {
                Bound::Maximum
            } else {
                Bound::Priority
            };
        let units = if s.unit_cost.is_zero() {
            0
        } else {
            div(amount.as_decimal(), s.unit_cost.as_decimal())?
                .trunc()
                .try_into()
                .unwrap_or(0)
        };
        let spare = amount.checked_sub(s.unit_cost.checked_mul(Decimal::from(units))?)?;
        let movable = !w.is_zero() && lo != hi;
        allocations.push(Allocation {
            minimum: *lo,
            maximum: *hi,
            priority_share: Money::from_decimal(share).round(Rounding::Penny),
            amount,
            units_funded: units,
            spare,
            bound,
            falls_to_minimum_below: if movable {
                Some(threshold(div(lo.as_decimal(), *w)?)?)
            } else {
                None
            },
            capped_above: if movable {
                Some(threshold(div(hi.as_decimal(), *w)?)?)
            } else {
                None
            },
        });
    }
    Ok(Plan {
        pot,
        allocated,
        unallocated: pot.checked_sub(allocated)?,
        per_point: Rounding::PerPoint.apply(lambda),
        allocations,
    })
}

/// Whole pennies for `exact` shares adding up to `total`, each within its
/// limits: every share truncated to the penny, then the pennies left over one
/// each to the largest remainders (earlier first on a tie). The limits are
/// whole pennies, so truncating never goes below a minimum and adding a penny
/// to a share with a remainder never passes a maximum.
fn round_within(total: Money, exact: &[Decimal], limits: &[(Money, Money)]) -> Result<Vec<Money>> {
    let hundred = Decimal::ONE_HUNDRED;
    let mut pence = Vec::with_capacity(exact.len());
    let mut order = Vec::with_capacity(exact.len());
    let mut given = Decimal::ZERO;
    for (i, x) in exact.iter().enumerate() {
        let scaled = mul(*x, hundred)?;
        let whole = scaled.trunc();
        given = add(given, whole)?;
        pence.push(whole);
        order.push((scaled - whole, i));
    }
    crate::sort::sort_by(&mut order, |(ra, ia), (rb, ib)| rb.cmp(ra).then(ia.cmp(ib)));
    let mut left = mul(total.as_decimal(), hundred)?
        .checked_sub(given)
        .ok_or_else(|| Error::overflow("allocation"))?;
    // λ is exact to 28 digits, so about one penny per service is left over;
    // two passes over the services always place them.
    for _ in 0..2 {
        for (_, i) in &order {
            if left <= Decimal::ZERO {
                break;
            }
            if let (Some(p), Some((_, hi))) = (pence.get_mut(*i), limits.get(*i)) {
                if *p < mul(hi.as_decimal(), hundred)? {
                    *p += Decimal::ONE;
                    left -= Decimal::ONE;
                }
            }
        }
    }
    if !left.is_zero() {
        return Err(Error::new(
            ErrorCode::Overflow,
            "The pot could not be shared to the penny.",
        ));
    }
    Ok(pence
        .into_iter()
        .map(|p| {
            let mut pounds = p / hundred;
            pounds.rescale(2);
            Money::from_decimal(pounds)
        })
        .collect())
}

/// Why a service got what it got, and what would change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The bound that decided: `"minimum"`, `"maximum"` or `"priority"`.
    pub decided_by: &'static str,
    /// A sentence saying why.
    pub explanation: String,
    /// What would change its allocation.
    pub what_would_change: Vec<String>,
}

impl Plan {
    /// Each service's [`Explanation`], in the order of `services` (those
    /// the plan was made for); `unit` names a priority point (`"vote"`).
    pub fn explain(&self, services: &[Service], unit: &str) -> Vec<Explanation> {
        // Money in a sentence is written as tables write it (£1,800.00); a
        // point's worth to the penny, "about", as it is exact to 4 places.
        let per_point = format_money(Money::from_decimal(self.per_point).round(Rounding::Penny));
        let sum_min = Money::sum(self.allocations.iter().map(|a| a.minimum)).unwrap_or(Money::ZERO);
        services
            .iter()
            .zip(&self.allocations)
            .map(|(s, a)| {
                let points = u64::try_from(s.weight).unwrap_or(0);
                let (decided_by, explanation) = match a.bound {
                    Bound::Minimum => (
                        "minimum",
                        format!(
                            "Gets its minimum, {} ({} units): its share by priority, {}, is below that.",
                            format_money(a.minimum), s.min_units, format_money(a.priority_share)
                        ),
                    ),
                    Bound::Maximum => (
                        "maximum",
                        format!(
                            "Gets its maximum, {}: everything it can use. Its share by priority would be {}.",
                            format_money(a.maximum), format_money(a.priority_share)
                        ),
                    ),
                    Bound::Priority => (
                        "priority",
                        format!("Gets its share by priority: {}, for {points} {unit}s at about {per_point} a {unit}.", format_money(a.priority_share)),
                    ),
                };
                let mut change = Vec::new();
                match (a.bound, a.falls_to_minimum_below, a.capped_above) {
                    (Bound::Minimum, Some(p), _) if p > self.pot => {
                        change.push(format!("With a pot above {}, it would get more than its minimum.", format_money(p)));
                    }
                    (Bound::Maximum, _, Some(p)) if p < self.pot || self.unallocated.is_zero() => {
                        change.push(format!("With a pot below {}, it would get less than its maximum.", format_money(p)));
                    }
                    (Bound::Priority, below, above) => {
                        // At the sum of the minimums every service is at its minimum anyway.
                        if let Some(p) = below.filter(|p| *p < self.pot && *p > sum_min && a.minimum < a.amount) {
                            change.push(format!("With a pot below {}, it would fall to its minimum, {}.", format_money(p), format_money(a.minimum)));
                        }
                        if let Some(p) = above.filter(|p| *p > self.pot) {
                            change.push(format!("With a pot of {} or more, it would get its maximum, {}.", format_money(p), format_money(a.maximum)));
                        }
                    }
                    _ => {}
                }
                if a.bound != Bound::Maximum && s.weight.is_zero() {
                    change.push("With any priority from residents, it would share in what is above the minimums.".to_owned());
                } else if a.bound != Bound::Maximum {
                    change.push(format!("More {unit}s would raise its share; each is worth about {per_point} at this pot."));
                }
                Explanation {
                    decided_by,
                    explanation,
                    what_would_change: change,
                }
            })
            .collect()
    }
}

// ---------------------------------------------------------------- the inputs

/// The largest pot and unit cost taken, and the most units and votes: far
/// beyond any neighbourhood, and small enough that no product can overflow.
pub const MAX_POT: i64 = 1_000_000_000_000;
/// The largest unit cost taken.
pub const MAX_UNIT_COST: i64 = 1_000_000_000;
/// The most units a service can want.
pub const MAX_UNITS: u64 = 1_000_000;
/// The most votes a service can have.
pub const MAX_VOTES: u64 = 10_000_000;
/// The most what-if pots a plan is worked out at.
pub const MAX_WHAT_IF: usize = 12;

/// A field as read: its value, or the error reading it (with its path).
pub type Read<T> = std::result::Result<T, Error>;

/// An amount of money as typed, checked: whole pennies, zero or more (above
/// zero when `positive`), at most `max` pounds; errors at `path` (written
/// only when there is one).
pub fn amount(text: &str, path: impl Fn() -> String, max: i64, positive: bool) -> Read<Money> {
    let bad = |why: &str| Err(Error::new(ErrorCode::InvalidMoney, why.to_owned()).at(path()));
    match Money::parse(text) {
        Err(e) => Err(e.at(path())),
        Ok(m) if m.round(Rounding::Penny) != m => {
            bad("Enter an amount in pounds and whole pence, for example \"250.00\".")
        }
        Ok(m) if m.is_negative() || (positive && m.is_zero()) => bad(if positive {
            "Enter an amount above zero."
        } else {
            "Enter an amount of zero or more."
        }),
        Ok(m) if m.as_decimal() > Decimal::from(max) => bad(&format!(
            "Enter an amount of at most {}.",
            format_money(Money::from_decimal(Decimal::from(max)))
        )),
        Ok(m) => Ok(m),
    }
}

/// How a service's priority was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Priority {
    /// Its votes (`None` when left out).
    Votes(Read<Option<u64>>),
    /// Its rank (`None` when left out or not a whole number).
    Rank(Option<u64>),
}

/// A service as given, each count as read (`None` when left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceInput {
    /// Its path (`services[2]`).
    pub path: String,
    /// Short id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Cost of one unit.
    pub unit_cost: Read<Money>,
    /// Units residents asked for.
    pub units_wanted: Read<Option<u64>>,
    /// Units it must have at least.
    pub min_units: Read<Option<u64>>,
    /// Units it may have at most.
    pub max_units: Read<Option<u64>>,
    /// Its votes or rank.
    pub priority: Priority,
}

/// A plan as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInput {
    /// The pot.
    pub pot: Read<Money>,
    /// The services.
    pub services: Vec<ServiceInput>,
    /// Other pots to work the plan out at.
    pub what_if_pots: Vec<Read<Money>>,
}

/// A plan's pot, services and what-if pots, checked.
pub type Checked = (Money, Vec<Service>, Vec<Money>);

/// A count as read, its error added to `errors`.
fn count(read: &Read<Option<u64>>, errors: &mut Vec<Error>) -> Option<u64> {
    read.as_ref()
        .map_err(|e| errors.push(e.clone()))
        .ok()
        .copied()
        .flatten()
}

fn error(code: ErrorCode, message: impl Into<String>, path: String) -> Error {
    Error::new(code, message).at(path)
}

impl PlanInput {
    /// The pot, the services (ids short and distinct, a name, units wanted,
    /// the fewest units within the most, the most within the units wanted, a
    /// priority: votes, or a rank from 1 to n worth n + 1 − rank points) and
    /// the what-if pots (at most [`MAX_WHAT_IF`]); or every error, in field order.
    pub fn build(self) -> std::result::Result<Checked, Vec<Error>> {
        let mut errors = Vec::new();
        let pot = self.pot.map_err(|e| errors.push(e)).ok();
        if self.services.is_empty() {
            errors.push(error(
                ErrorCode::InvalidField,
                "List at least one service.",
                "services".to_owned(),
            ));
        }
        let n = self.services.len();
        let mut services = Vec::with_capacity(n);
        let mut ids: Vec<&str> = Vec::with_capacity(n);
        for s in &self.services {
            let at = |field: &str| format!("{}.{field}", s.path);
            if s.id.trim().is_empty() || s.id.len() > 40 {
                errors.push(error(
                    ErrorCode::InvalidField,
                    "Give the service a short id (1 to 40 characters).",
                    at("id"),
                ));
            } else if ids.contains(&s.id.as_str()) {
                errors.push(error(
                    ErrorCode::DuplicateId,
                    format!("Another service already has the id \"{}\".", s.id),
                    at("id"),
                ));
            }
            ids.push(&s.id);
            if s.name.trim().is_empty() {
                errors.push(error(
                    ErrorCode::InvalidField,
                    "Enter the service's name.",
                    at("name"),
                ));
            }
            let unit_cost = s.unit_cost.clone().map_err(|e| errors.push(e)).ok();
            let wanted = count(&s.units_wanted, &mut errors);
            if matches!(s.units_wanted, Ok(None)) {
                errors.push(error(
                    ErrorCode::InvalidQuantity,
                    "Enter how many units residents want.",
                    at("unitsWanted"),
                ));
            }
            let min = count(&s.min_units, &mut errors).unwrap_or(0);
            let max = count(&s.max_units, &mut errors);
            if let (Some(wanted), Some(max)) = (wanted, max) {
                if max > wanted {
                    errors.push(error(ErrorCode::InvalidField, format!("The most units ({max}) cannot be more than the units wanted ({wanted})."), at("maxUnits")));
                }
            }
            if let Some(wanted) = wanted {
                let top = max.unwrap_or(wanted).min(wanted);
                if min > top {
                    errors.push(error(ErrorCode::InvalidField, format!("The fewest units ({min}) cannot be more than the most it can have ({top})."), at("minUnits")));
                }
            }
            let weight = match &s.priority {
                Priority::Votes(votes) => {
                    if matches!(votes, Ok(None)) {
                        errors.push(error(
                            ErrorCode::InvalidQuantity,
                            "Enter the service's votes (0 or more).",
                            at("votes"),
                        ));
                    }
                    count(votes, &mut errors)
                }
                Priority::Rank(Some(rank)) if (1..=n as u64).contains(rank) => {
                    Some(n as u64 + 1 - rank)
                }
                Priority::Rank(_) => {
                    errors.push(error(
                        ErrorCode::InvalidQuantity,
                        format!("Enter the service's rank, from 1 (most wanted) to {n}."),
                        at("rank"),
                    ));
                    None
                }
            };
            if let (Some(unit_cost), Some(wanted), Some(weight)) = (unit_cost, wanted, weight) {
                services.push(Service {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    unit_cost,
                    units_wanted: u32::try_from(wanted).unwrap_or(u32::MAX),
                    min_units: u32::try_from(min).unwrap_or(u32::MAX),
                    max_units: max.map(|m| u32::try_from(m).unwrap_or(u32::MAX)),
                    weight: Decimal::from(weight),
                });
            }
        }
        if self.what_if_pots.len() > MAX_WHAT_IF {
            errors.push(error(
                ErrorCode::InvalidField,
                format!("Give at most {MAX_WHAT_IF} what-if pots."),
                "whatIfPots".to_owned(),
            ));
        }
        let what_if: Vec<Money> = self
            .what_if_pots
            .into_iter()
            .filter_map(|p| p.map_err(|e| errors.push(e)).ok())
            .collect();
        match pot {
            Some(pot) if errors.is_empty() => Ok((pot, services, what_if)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn service(id: &str, unit: &str, wanted: u32, min: u32, votes: i64) -> Service {
        Service {
            id: id.into(),
            name: id.into(),
            unit_cost: Money::parse(unit).unwrap(),
            units_wanted: wanted,
            min_units: min,
            max_units: None,
            weight: Decimal::from(votes),
        }
    }

    #[test]
    fn money_follows_priority_between_the_bounds() {
        // Pot 10,000; A (100 votes, max 50 × 100 = 5,000), B (300 votes, max 200 × 50 = 10,000),
        // C (100 votes, min 10 × 150 = 1,500, max 40 × 150 = 6,000).
        // Unbounded: λ = 10,000 / 500 = 20 → A 2,000, B 6,000, C 2,000: all within bounds.
        let plan = plan(
            Money::parse("10000.00").unwrap(),
            &[
                service("A", "100", 50, 0, 100),
                service("B", "50", 200, 0, 300),
                service("C", "150", 40, 10, 100),
            ],
        )
        .unwrap();
        let got: Vec<String> = plan
            .allocations
            .iter()
            .map(|a| a.amount.to_string())
            .collect();
        assert_eq!(got, ["2000.00", "6000.00", "2000.00"]);
        assert_eq!(plan.per_point.to_string(), "20.0000");
        assert!(plan.allocations.iter().all(|a| a.bound == Bound::Priority));
        // C: 2,000 buys 13 units of 150 (1,950), 50 spare.
        assert_eq!(
            (
                plan.allocations[2].units_funded,
                plan.allocations[2].spare.to_string()
            ),
            (13, "50.00".into())
        );
    }
}
