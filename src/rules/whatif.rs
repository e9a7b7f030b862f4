//! "What would change this result": for a family that did not get the pack's
//! best outcome, the smallest single changes to its facts that would give it
//! a better one.
//!
//! For every indicator of a criterion or filter that is not met, and every
//! member it looks at, the engine works out the nearest value that meets the
//! indicator (one more unauthorised session; a third fixed-term exclusion; a
//! flag recorded), keeps the member needing the smallest change, applies that
//! change to a copy of the family, and **evaluates the pack again**. Only
//! changes that really give a better decision are suggested. Each comes with
//! its edits to the `checkEligibility` call (path, operation, value), so that
//! a caller can apply it and see the same decision.
//!
//! These are sensitivity information for the officer ("the family is one
//! session short of the education criterion"), not advice to change records.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use tsify::Tsify;

use super::eval::{
    capitalise, describe_value, describe_window, lower_first, member_label, Assessment, Decider,
    Decision, Evidence, GroupResult, IndicatorResult,
};
use super::pack::{Comparator, Counting, Indicator, Pack, Status};
use crate::date::Date;
use crate::error::Result;
use crate::family::{
    sort_small_by_key, Event, Family, Measure, Measured, ProvisionReason, Span, Spell,
};

/// A change to the family's facts that would change the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The criterion or filter it would meet.
    pub group: String,
    /// The indicator it would meet (index in the pack's indicators).
    pub indicator: usize,
    /// The member whose facts change (`None`: the household's).
    pub member: Option<usize>,
    /// The measured value now.
    pub before: Measured,
    /// The measured value after the change.
    pub after: Measured,
    /// The decision after the change (checked by evaluating again).
    pub status: Status,
    /// The change, as edits to the call.
    pub edits: Vec<Edit>,
    /// A sentence for the officer.
    pub message: String,
}

/// One edit to the `checkEligibility` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Set a field, append to a list, or remove a list element.
    pub op: EditOp,
    /// The field or list (`members[1].attendance[2].unauthorisedAbsent`,
    /// `members[0].offences`) or, for a removal, the element.
    pub path: String,
    /// The value set or appended.
    pub value: EditValue,
}

/// What an edit does (`set`, `append`, `remove` on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum EditOp {
    /// Replace the field's value.
    Set,
    /// Add the value at the end of the list.
    Append,
    /// Remove the element at the path.
    Remove,
}

/// A value an edit sets or appends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditValue {
    /// Nothing (a removal), or `null` (clearing an optional field).
    Null,
    /// A whole number.
    Count(u32),
    /// True or false.
    Flag(bool),
    /// Text.
    Text(String),
    /// An event on a day, with its kind if the fact has kinds.
    Event {
        /// The day.
        date: Date,
        /// Its kind.
        kind: Option<String>,
    },
    /// A claim or job from a day.
    Spell {
        /// Its kind.
        kind: Option<String>,
        /// First day.
        from: Date,
    },
}

/// The ranking of a decision: the index of its outcome (0 is best), not
/// eligible last.
fn rank(pack: &Pack, a: &Assessment) -> usize {
    rank_of(pack, a.outcome)
}

/// The ranking of the decision given by outcome `outcome`.
fn rank_of(pack: &Pack, outcome: Option<usize>) -> usize {
    outcome.unwrap_or(pack.decision.len())
}

/// At most this many different changes are checked by deciding the family
/// again, and at most this many suggested, the smallest first (the same
/// change found for several indicators is checked once): what keeps a
/// keystroke's cost, and its answer, growing with the pack and not with its
/// square. Each unmet indicator gives one candidate change, so for a pack
/// with no more unmet indicators than this, every change is checked.
pub const MOST_CHECKED: usize = 48;

/// One candidate: an unmet indicator of an unmet group, and the smallest
/// change to the family's facts that meets it.
struct Candidate<'a> {
    group: &'a GroupResult,
    result: &'a IndicatorResult,
    ind: &'a Indicator,
    ev: &'a Evidence,
    plan: Plan,
}

/// Suggestions for a family not given the pack's best outcome; none otherwise.
///
/// Each candidate change is checked by deciding the changed family again
/// (the decision alone, as a cohort decides a family: linear in the pack);
/// at most [`MOST_CHECKED`] different changes are checked and as many
/// suggested, smallest first, and the suggestions keep the pack's order.
pub fn what_would_change(
    pack: &Pack,
    family: &Family,
    now: &Assessment,
) -> Result<Vec<Suggestion>> {
    let current = rank(pack, now);
    let mut out = Vec::new();
    if current == 0 {
        return Ok(out);
    }
    // When an outcome counts indicators (family needs), an unmet indicator of
    // a criterion already met counts too; otherwise only unmet groups can help.
    let day = family.assessment_date;
    let each = pack
        .decision
        .iter()
        .any(|o| super::eval::counting_on(pack, &o.count, day) == Counting::Indicators);
    let mut candidates = Vec::new();
    for group in now.groups.iter().filter(|g| !g.met || (each && g.counted)) {
        for result in group.indicators.iter().filter(|r| !r.met) {
            let Some(ind) = pack.indicators.get(result.index) else {
                continue;
            };
            // The member needing the smallest change; the first on a tie.
            let best = result
                .evidence
                .iter()
                .filter_map(|ev| plan(family, ind, result, ev).map(|p| (ev, p)))
                .min_by_key(|(_, p)| p.size);
            if let Some((ev, plan)) = best {
                candidates.push(Candidate {
                    group,
                    result,
                    ind,
                    ev,
                    plan,
                });
            }
        }
    }
    // The smallest changes first (a stable sort: pack order on a tie).
    let mut order: Vec<(u64, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(k, c)| (c.plan.size, k))
        .collect();
    order.sort_unstable();
    let decider = Decider::new(pack, family.assessment_date)?;
    // Each different change checked, with the decision it gives.
    let mut checked: Vec<(&[Edit], Decision)> = Vec::new();
    let mut decided: Vec<Option<Decision>> = vec![None; candidates.len()];
    let mut suggested = 0;
    for (_, k) in order {
        let (Some(c), Some(slot)) = (candidates.get(k), decided.get_mut(k)) else {
            continue;
        };
        let then = match checked.iter().find(|(e, _)| *e == c.plan.edits.as_slice()) {
            Some((_, d)) => *d,
            None if checked.len() < MOST_CHECKED => {
                let d = decider.decide(&c.plan.family)?;
                checked.push((&c.plan.edits, d));
                d
            }
            None => continue,
        };
        if rank_of(pack, then.outcome) < current {
            *slot = Some(then);
            suggested += 1;
            if suggested == MOST_CHECKED {
                break;
            }
        }
    }
    for (c, then) in candidates.iter().zip(decided) {
        let Some(then) = then else {
            continue;
        };
        let Candidate {
            group,
            result,
            ind,
            ev,
            plan,
        } = c;
        // The indicator measured again on the changed family: the same
        // window (its terms are the family's, unchanged) and kinds.
        let after = plan.family.measure(
            ind.measure,
            ev.member,
            result.window.as_ref().map(|(_, s)| s),
            result.kinds.as_deref(),
        );
        let noun = ind.measure.info().noun;
        let message = format!(
            "{}: {}. {}: {} → {}{}. Decision then: {}.",
            group.title,
            lower_first(&ind.title),
            capitalise(&member_label(family, ev.member)),
            describe_value(&ev.value, noun),
            describe_value(&after, noun),
            describe_window(result.window.as_ref(), ind.measure.info().kind),
            then.status.phrase()
        );
        out.push(Suggestion {
            group: group.id.clone(),
            indicator: result.index,
            member: ev.member,
            before: ev.value.clone(),
            after,
            status: then.status,
            edits: plan.edits.clone(),
            message,
        });
    }
    Ok(out)
}

/// A changed family, the edits that make it, and how big the change is.
struct Plan {
    family: Family,
    edits: Vec<Edit>,
    size: u64,
}

/// The whole number nearest to `current`, from 0 to `max`, that meets
/// `comparator threshold`; the smaller on a tie.
fn nearest_whole(
    current: u64,
    comparator: Comparator,
    threshold: Decimal,
    max: u64,
) -> Option<u64> {
    let floor = threshold.floor();
    let ceil = threshold.ceil();
    [
        Some(floor),
        Some(ceil),
        floor.checked_add(Decimal::ONE),
        ceil.checked_sub(Decimal::ONE),
    ]
    .into_iter()
    .flatten()
    .filter_map(|d| d.to_u64())
    .filter(|&k| k <= max && comparator.holds(Decimal::from(k), threshold))
    .min_by_key(|&k| (k.abs_diff(current), k))
}

/// At most this many events or claims are added for one suggestion.
const MOST_ADDED: u64 = 100;

/// The smallest change to `member`'s (or the household's) facts that meets
/// the indicator, if there is one the engine can make.
fn plan(family: &Family, ind: &Indicator, r: &IndicatorResult, ev: &Evidence) -> Option<Plan> {
    let a = family.assessment_date;
    let span = r.window.as_ref().map(|(_, s)| s);
    // The pack's first kind, as the measure's own (static) kind of that name.
    let first_kind = |fallback: &'static str| -> &'static str {
        let allowed = ind.measure.info().kinds.unwrap_or_default();
        r.kinds
            .as_ref()
            .and_then(|k| k.first())
            .and_then(|k| allowed.iter().find(|x| *x == k))
            .copied()
            .unwrap_or(fallback)
    };
    let mut f = family.clone();
    let mut edits = Vec::new();
    let size;
    match (&ev.value, ev.member) {
        (Measured::Flag(now), member) => {
            let want = [true, false].into_iter().find(|&b| {
                b != *now && r.comparator.holds(Decimal::from(u8::from(b)), r.threshold)
            })?;
            let (path, value) =
                set_flag(&mut f, ind.measure, member, want, first_kind("exclusion"))?;
            edits.push(Edit {
                op: EditOp::Set,
                path,
                value,
            });
            size = 1;
        }
        (Measured::Count(n), member) => {
            let now = u64::from(*n);
            let target = nearest_whole(
                now,
                r.comparator,
                r.threshold,
                now.saturating_add(MOST_ADDED),
            )?;
            size = target.abs_diff(now);
            let circumstance = ind.measure.circumstance().map(|c| c.as_str());
            let kind = match ind.measure {
                Measure::AsbInterventions => Some(first_kind("other")),
                Measure::FixedTermExclusions => Some("fixedTerm"),
                Measure::PermanentExclusions => Some("permanent"),
                Measure::OutOfWorkBenefit => Some(first_kind("jsa")),
                Measure::ChildExploitation => Some(first_kind("criminal")),
                _ => circumstance,
            };
            let counted_kind = |k: &str| {
                r.kinds.as_ref().is_none_or(|ks| ks.iter().any(|x| x == k))
                    && match ind.measure {
                        Measure::FixedTermExclusions => k == "fixedTerm",
                        Measure::PermanentExclusions => k == "permanent",
                        _ => circumstance.is_none_or(|c| k == c),
                    }
            };
            let (base, mut list) = match (ind.measure, member) {
                (Measure::DomesticAbuse, None) => (
                    "domesticAbuse".to_owned(),
                    Facts::Events(&mut f.domestic_abuse),
                ),
                (measure, Some(i)) => {
                    let m = f.members.get_mut(i)?;
                    let at = |field: &str| format!("members[{i}].{field}");
                    match measure {
                        Measure::ProvenOffences => (at("offences"), Facts::Events(&mut m.offences)),
                        Measure::AsbInterventions => (at("asb"), Facts::Events(&mut m.asb)),
                        Measure::FixedTermExclusions | Measure::PermanentExclusions => {
                            (at("exclusions"), Facts::Events(&mut m.exclusions))
                        }
                        Measure::OutOfWorkBenefit => {
                            (at("benefits"), Facts::Spells(&mut m.benefits))
                        }
                        Measure::InWork => (at("employment"), Facts::Spells(&mut m.employment)),
                        Measure::ChildExploitation => {
                            (at("exploitation"), Facts::Events(&mut m.exploitation))
                        }
                        Measure::MissingEpisodes => (
                            at("missingEpisodes"),
                            Facts::Events(&mut m.missing_episodes),
                        ),
                        _ if circumstance.is_some() => {
                            (at("circumstances"), Facts::Spells(&mut m.circumstances))
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            };
            if target > now {
                for _ in now..target {
                    let value = match &mut list {
                        Facts::Events(events) => {
                            events.push(Event {
                                date: a,
                                kind: kind.unwrap_or_default(),
                            });
                            EditValue::Event {
                                date: a,
                                kind: kind.map(str::to_owned),
                            }
                        }
                        Facts::Spells(spells) => {
                            spells.push(Spell {
                                kind: kind.unwrap_or_default(),
                                from: a,
                                to: None,
                            });
                            EditValue::Spell {
                                kind: kind.map(str::to_owned),
                                from: a,
                            }
                        }
                    };
                    edits.push(Edit {
                        op: EditOp::Append,
                        path: base.clone(),
                        value,
                    });
                }
            } else {
                // Remove the latest facts that count, highest index first so
                // that the paths stay right when applied in order.
                let mut counted: Vec<(Date, usize)> = match &list {
                    Facts::Events(events) => events
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| in_span(e.date, span, a) && counted_kind(e.kind))
                        .map(|(j, e)| (e.date, j))
                        .collect(),
                    Facts::Spells(spells) => spells
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| covers(s, span, a) && counted_kind(s.kind))
                        .map(|(j, s)| (s.from, j))
                        .collect(),
                };
                // Latest first (by date, then by position).
                sort_small_by_key(&mut counted, |&(d, j)| std::cmp::Reverse((d, j)));
                let mut gone: Vec<usize> = counted
                    .iter()
                    .take(usize::try_from(size).unwrap_or(usize::MAX))
                    .map(|(_, j)| *j)
                    .collect();
                sort_small_by_key(&mut gone, |&j| std::cmp::Reverse(j));
                for j in gone {
                    match &mut list {
                        Facts::Events(events) if j < events.len() => {
                            events.remove(j);
                        }
                        Facts::Spells(spells) if j < spells.len() => {
                            spells.remove(j);
                        }
                        _ => return None,
                    }
                    edits.push(Edit {
                        op: EditOp::Remove,
                        path: format!("{base}[{j}]"),
                        value: EditValue::Null,
                    });
                }
            }
        }
        (Measured::Rate { absent, possible }, Some(i)) => {
            // absent × 100 compared with threshold × possible: the nearest
            // whole number of absent sessions meeting it.
            let exact = r
                .threshold
                .checked_mul(Decimal::from(*possible))?
                .checked_div(Decimal::ONE_HUNDRED)?;
            let target = nearest_whole(*absent, r.comparator, exact, *possible)?;
            size = target.abs_diff(*absent);
            let up = target > *absent;
            let change = u32::try_from(size).ok()?;
            let terms = span.map(|s| s.terms.clone()).unwrap_or_default();
            let m = f.members.get_mut(i)?;
            // The most recent term of the window whose record can take the
            // whole change: room for more absences, or enough to take away.
            let overall = ind.measure == Measure::OverallAbsence;
            let (j, field) = terms.iter().rev().find_map(|t| {
                let (j, rec) = m
                    .attendance
                    .iter()
                    .enumerate()
                    .find(|(_, rec)| rec.term == *t)?;
                let room = rec
                    .possible
                    .saturating_sub(rec.authorised)
                    .saturating_sub(rec.unauthorised);
                if up {
                    (room >= change).then_some((j, "unauthorisedAbsent"))
                } else if rec.unauthorised >= change {
                    Some((j, "unauthorisedAbsent"))
                } else {
                    (overall && rec.authorised >= change).then_some((j, "authorisedAbsent"))
                }
            })?;
            let rec = m.attendance.get_mut(j)?;
            let slot = if field == "authorisedAbsent" {
                &mut rec.authorised
            } else {
                &mut rec.unauthorised
            };
            *slot = if up {
                slot.checked_add(change)?
            } else {
                slot.checked_sub(change)?
            };
            edits.push(Edit {
                op: EditOp::Set,
                path: format!("members[{i}].attendance[{j}].{field}"),
                value: EditValue::Count(*slot),
            });
        }
        _ => return None,
    }
    (size > 0).then_some(Plan {
        family: f,
        edits,
        size,
    })
}

enum Facts<'f> {
    Events(&'f mut Vec<Event>),
    Spells(&'f mut Vec<Spell>),
}

fn in_span(d: Date, span: Option<&Span>, a: Date) -> bool {
    span.map_or(d <= a, |s| s.from <= d && d <= s.to)
}

fn covers(s: &Spell, span: Option<&Span>, a: Date) -> bool {
    let (from, to) = span.map_or((a, a), |w| (w.from, w.to));
    s.from <= to && s.to.is_none_or(|end| end >= from)
}

/// Sets a flag measure's fact; returns the edit's path and value.
fn set_flag(
    f: &mut Family,
    measure: Measure,
    member: Option<usize>,
    want: bool,
    provision: &str,
) -> Option<(String, EditValue)> {
    let Some(i) = member else {
        return (measure == Measure::LocalConcern).then(|| {
            f.local_concern = want;
            ("localConcern".to_owned(), EditValue::Flag(want))
        });
    };
    let m = f.members.get_mut(i)?;
    let (field, slot) = match measure {
        Measure::AlternativeProvision => {
            m.alternative_provision = want.then(|| ProvisionReason::parse(provision)).flatten();
            let value = if want {
                EditValue::Text(provision.to_owned())
            } else {
                EditValue::Null
            };
            return Some((format!("members[{i}].alternativeProvision"), value));
        }
        Measure::NotOnSchoolRoll => ("notOnSchoolRoll", &mut m.not_on_school_roll),
        Measure::ChildInNeed => ("childInNeed", &mut m.child_in_need),
        Measure::ChildProtectionPlan => ("childProtectionPlan", &mut m.child_protection_plan),
        Measure::MentalHealth => ("mentalHealth", &mut m.mental_health),
        Measure::SubstanceMisuse => ("substanceMisuse", &mut m.substance_misuse),
        Measure::NewMother => ("newMother", &mut m.new_mother),
        _ => return None,
    };
    *slot = want;
    Some((format!("members[{i}].{field}"), EditValue::Flag(want)))
}
