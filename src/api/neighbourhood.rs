//! `planNeighbourhood(call)`: share a neighbourhood pot between the services
//! residents want, by their votes or ranking, within each service's minimum
//! and maximum (the rule is in [`crate::neighbourhood`]).

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::json::Reader;
use super::{read_json_call, receipt, write_json, CallError, DecimalText, Failure, Receipt};
use crate::error::{Error, ErrorCode};
use crate::money::Money;
use crate::neighbourhood::{
    self, amount, Plan, PlanInput, Priority, Read, Service, ServiceInput, MAX_POT, MAX_UNITS,
    MAX_UNIT_COST, MAX_VOTES,
};

/// The sentence stating the rule, carried in every answer.
pub const NEIGHBOURHOOD_RULE: &str = "Every service gets at least its minimum and at most its maximum; between those, money follows priority: each service gets the same amount per vote (or per ranking point), the amount at which the pot is used up. Shares are rounded to whole pennies by largest remainder, so they add up to the pot exactly.";

/// How residents' priorities were given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum PriorityKind {
    /// Each service's votes.
    Votes,
    /// Each service's rank (1 = most wanted); Borda points: n for rank 1 … 1 for rank n.
    Ranking,
}

/// `planNeighbourhood(call)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanNeighbourhoodCall {
    /// The pot, e.g. `"50000.00"`.
    pub pot: DecimalText,
    /// `votes` or `ranking`.
    pub priority: PriorityKind,
    /// The services residents can fund.
    pub services: Vec<ServiceCall>,
    /// Other pot sizes to plan for, side by side ("what if the pot were…").
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional)]
    pub what_if_pots: Vec<DecimalText>,
}

/// A service in the call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceCall {
    /// Short id, unique in the plan.
    pub id: String,
    /// What residents see.
    pub name: String,
    /// Cost of one unit, e.g. `"250.00"`.
    pub unit_cost: DecimalText,
    /// Units asked for.
    #[tsify(type = "number | string")]
    pub units_wanted: serde_json::Value,
    /// Units it must have at least (default 0).
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional, type = "number | string")]
    pub min_units: serde_json::Value,
    /// Units it may have at most (default: the units wanted).
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional, type = "number | string")]
    pub max_units: serde_json::Value,
    /// Its votes (with `priority: "votes"`).
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional, type = "number | string")]
    pub votes: serde_json::Value,
    /// Its rank, 1 = most wanted (with `priority: "ranking"`).
    #[serde(default, deserialize_with = "super::nullable")]
    #[tsify(optional, type = "number | string")]
    pub rank: serde_json::Value,
}

super::call_fields! {
    PlanNeighbourhoodCall: ["pot", "priority", "services", "whatIfPots"];
    ServiceCall: ["id", "name", "unitCost", "unitsWanted", "minUnits", "maxUnits", "votes", "rank"];
}

/// The answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum PlanNeighbourhoodAnswer {
    /// The plan.
    Success(NeighbourhoodPlanView),
    /// What must be corrected.
    Failure(Failure),
}

/// The plan for the pot and each what-if pot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct NeighbourhoodPlanView {
    /// The rule, in one paragraph.
    pub rule: String,
    /// `votes` or `ranking`.
    pub priority: PriorityKind,
    /// The pot.
    pub pot: Money,
    /// Allocated in all.
    pub allocated: Money,
    /// Left over because every service reached its maximum.
    pub unallocated: Money,
    /// Pounds per priority point, to four places.
    #[tsify(type = "DecimalString")]
    pub per_point: String,
    /// Each service, in the order given.
    pub services: Vec<ServiceAllocationView>,
    /// The plan at each what-if pot.
    pub what_if: Vec<WhatIfView>,
    /// Receipt.
    pub receipt: Receipt,
}

/// One service's allocation, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ServiceAllocationView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Priority points (votes, or Borda points).
    pub points: u64,
    /// Minimum, in money.
    pub minimum: Money,
    /// Maximum, in money.
    pub maximum: Money,
    /// Its share by priority alone, before bounds.
    pub priority_share: Money,
    /// What it gets.
    pub allocation: Money,
    /// Whole units that buys.
    pub units_funded: u64,
    /// Money left within the allocation after those units.
    pub spare: Money,
    /// `minimum`, `maximum` or `priority`: what decided it.
    pub decided_by: String,
    /// Why it gets what it gets.
    pub explanation: String,
    /// What would change it.
    pub what_would_change: Vec<String>,
}

/// The plan at another pot size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct WhatIfView {
    /// The pot.
    pub pot: Money,
    /// Each service's allocation, in order (empty when the pot is below the minimums).
    pub allocations: Vec<Money>,
    /// Left over.
    pub unallocated: Money,
    /// Why there is no plan, when the pot is below the minimums.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub problem: Option<String>,
}

/// Reads a `planNeighbourhood` call from parsed JSON (shape only).
pub fn read_plan_neighbourhood_call(
    call: &crate::json::Value<'_>,
) -> Result<PlanNeighbourhoodCall, CallError> {
    let reader = Reader::new("planNeighbourhood");
    let root = reader.call::<PlanNeighbourhoodCall>(call);
    let raw = |o: &super::json::Object<'_, '_>, key: &str| {
        o.value(key, false)
            .map(serde_json::Value::from)
            .unwrap_or_default()
    };
    let read = PlanNeighbourhoodCall {
        pot: DecimalText(root.decimal("pot", true).to_owned()),
        priority: if root.variant_of("priority", true, &["votes", "ranking"]) == 1 {
            PriorityKind::Ranking
        } else {
            PriorityKind::Votes
        },
        services: root
            .each::<ServiceCall>("services", true)
            .iter()
            .map(|s| ServiceCall {
                id: s.text("id", true).to_owned(),
                name: s.text("name", true).to_owned(),
                unit_cost: DecimalText(s.decimal("unitCost", true).to_owned()),
                units_wanted: s
                    .value("unitsWanted", true)
                    .map(serde_json::Value::from)
                    .unwrap_or_default(),
                min_units: raw(s, "minUnits"),
                max_units: raw(s, "maxUnits"),
                votes: raw(s, "votes"),
                rank: raw(s, "rank"),
            })
            .collect(),
        what_if_pots: root
            .list("whatIfPots", false)
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                crate::json::Value::String(s) => DecimalText(s.to_string()),
                _ => {
                    reader.wrong_at(
                        format!("whatIfPots[{i}]"),
                        v,
                        "a decimal string such as \"1249.00\" (money and rates are sent as strings, not numbers)",
                    );
                    DecimalText(String::new())
                }
            })
            .collect(),
    };
    reader.finish()?;
    Ok(read)
}

/// A count field as read: `None` when absent; an error naming the field otherwise.
fn whole(value: &serde_json::Value, path: impl Fn() -> String, max: u64) -> Read<Option<u64>> {
    let whole = match value {
        serde_json::Value::Null => return Ok(None),
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    match whole {
        Some(v) if v <= max => Ok(Some(v)),
        _ => Err(Error::new(
            ErrorCode::InvalidQuantity,
            format!("Enter a whole number from 0 to {max}."),
        )
        .at(path())),
    }
}

fn plan_view(
    call: &PlanNeighbourhoodCall,
    services: &[Service],
    plan: &Plan,
    what_if: Vec<WhatIfView>,
    receipt: Receipt,
) -> NeighbourhoodPlanView {
    let unit = match call.priority {
        PriorityKind::Votes => "vote",
        PriorityKind::Ranking => "ranking point",
    };
    NeighbourhoodPlanView {
        rule: NEIGHBOURHOOD_RULE.to_owned(),
        priority: call.priority,
        pot: plan.pot,
        allocated: plan.allocated,
        unallocated: plan.unallocated,
        per_point: plan.per_point.to_string(),
        services: services
            .iter()
            .zip(&plan.allocations)
            .zip(plan.explain(services, unit))
            .map(|((s, a), why)| ServiceAllocationView {
                id: s.id.clone(),
                name: s.name.clone(),
                points: u64::try_from(s.weight).unwrap_or(0),
                minimum: a.minimum,
                maximum: a.maximum,
                priority_share: a.priority_share,
                allocation: a.amount,
                units_funded: a.units_funded,
                spare: a.spare,
                decided_by: why.decided_by.to_owned(),
                explanation: why.explanation,
                what_would_change: why.what_would_change,
            })
            .collect(),
        what_if,
        receipt,
    }
}

/// Plans the pot.
pub fn plan_neighbourhood(call: &PlanNeighbourhoodCall) -> PlanNeighbourhoodAnswer {
    let receipt = receipt(call);
    let input = PlanInput {
        pot: amount(&call.pot.0, || "pot".to_owned(), MAX_POT, false),
        services: call
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| {
                // Each field's path is written only when it has a problem.
                let at = |field: &'static str| move || format!("services[{i}].{field}");
                ServiceInput {
                    path: format!("services[{i}]"),
                    id: s.id.clone(),
                    name: s.name.clone(),
                    unit_cost: amount(&s.unit_cost.0, at("unitCost"), MAX_UNIT_COST, true),
                    units_wanted: whole(&s.units_wanted, at("unitsWanted"), MAX_UNITS),
                    min_units: whole(&s.min_units, at("minUnits"), MAX_UNITS),
                    max_units: whole(&s.max_units, at("maxUnits"), MAX_UNITS),
                    priority: match call.priority {
                        PriorityKind::Votes => {
                            Priority::Votes(whole(&s.votes, at("votes"), MAX_VOTES))
                        }
                        PriorityKind::Ranking => {
                            Priority::Rank(whole(&s.rank, at("rank"), MAX_UNITS).ok().flatten())
                        }
                    },
                }
            })
            .collect(),
        what_if_pots: call
            .what_if_pots
            .iter()
            .enumerate()
            .map(|(i, p)| amount(&p.0, || format!("whatIfPots[{i}]"), MAX_POT, false))
            .collect(),
    };
    let fail = |errors: Vec<Error>| {
        PlanNeighbourhoodAnswer::Failure(Failure::new(errors, receipt.clone()))
    };
    let (pot, services, what_if_pots) = match input.build() {
        Ok(checked) => checked,
        Err(errors) => return fail(errors),
    };
    let plan = match neighbourhood::plan(pot, &services) {
        Ok(plan) => plan,
        Err(e) => return fail(vec![e]),
    };
    let what_if = what_if_pots
        .into_iter()
        .map(|p| match neighbourhood::plan(p, &services) {
            Ok(other) => WhatIfView {
                pot: p,
                allocations: other.allocations.iter().map(|a| a.amount).collect(),
                unallocated: other.unallocated,
                problem: None,
            },
            Err(e) => WhatIfView {
                pot: p,
                allocations: Vec::new(),
                unallocated: Money::ZERO,
                problem: Some(e.message().to_owned()),
            },
        })
        .collect();
    PlanNeighbourhoodAnswer::Success(plan_view(call, &services, &plan, what_if, receipt.clone()))
}

/// Plans a pot given as parsed JSON: a call of the wrong shape is a
/// [`CallError`] (thrown in JavaScript), anything else an answer.
pub fn plan_neighbourhood_value(
    call: &crate::json::Value<'_>,
) -> Result<PlanNeighbourhoodAnswer, CallError> {
    Ok(plan_neighbourhood(&read_plan_neighbourhood_call(call)?))
}

/// [`plan_neighbourhood`] with JSON text in and out.
pub fn plan_neighbourhood_json(call: &str) -> Result<String, CallError> {
    let call = read_json_call("planNeighbourhood", call)?;
    write_json("planNeighbourhood", &plan_neighbourhood_value(&call)?)
}
