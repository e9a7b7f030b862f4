//! "What would change this result": for a family that did not get the pack's
//! best outcome, the smallest single changes to its facts that would give it
//! a better one.
//!
//! For every indicator of a criterion or filter that is not met, and every
//! member it looks at, the engine works out the nearest value that meets the
//! indicator (one more unauthorised session; a third fixed-term exclusion; a
//! flag recorded) from the margins the assessment measured, keeps the member
//! needing the smallest change, applies that change to a copy of the family,
//! and **checks the decision it gives**: the indicators that read the fact
//! changed are measured again for that member (every other value is the one
//! measured), and the decision is counted again from every indicator met.
//! Only changes that really give a better decision are suggested. Each comes with
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
    capitalise, describe_value, describe_window, group_index, lower_first, meets, member_label,
    tally, Assessment, Evidence, GroupResult, IndicatorResult,
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
    /// The decision after the change (checked by deciding again).
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
/// The change for each unmet indicator is worked out from the margins the
/// assessment measured (each member's value against the threshold), and
/// checked without deciding the whole family again: only the indicators that
/// read the fact it changes are measured again, for the member whose fact it
/// is (the others keep the values measured), and the decision is counted
/// again from every indicator met. At most [`MOST_CHECKED`] different changes
/// are checked and as many suggested, smallest first, and the suggestions
/// keep the pack's order.
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
    let day = family.assessment_date;
    let candidates = candidates(pack, family, now);
    // The smallest changes first (a stable sort: pack order on a tie).
    let mut order: Vec<(u64, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(k, c)| (c.plan.size, k))
        .collect();
    crate::sort::sort_by(&mut order, Ord::cmp);
    let margins = Margins::of(pack, now);
    // Each different change checked, with the decision it gives.
    let mut checked: Vec<(&[Edit], Then)> = Vec::new();
    let mut decided: Vec<Option<Then>> = vec![None; candidates.len()];
    let mut suggested = 0;
    for (_, k) in order {
        let (Some(c), Some(slot)) = (candidates.get(k), decided.get_mut(k)) else {
            continue;
        };
        let then = match checked.iter().find(|(e, _)| *e == c.plan.edits.as_slice()) {
            Some((_, d)) => *d,
            None if checked.len() < MOST_CHECKED => {
                let d = margins.decide(pack, day, c)?;
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

/// For each unmet indicator that could help (in pack order), the smallest
/// change that meets it, if the engine can make one.
fn candidates<'a>(pack: &'a Pack, family: &Family, now: &'a Assessment) -> Vec<Candidate<'a>> {
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
            // Sizes come from the margins measured; only the smallest that
            // can be made is made, on a copy of the family.
            let mut sized: Vec<(u64, usize, Margin)> = result
                .evidence
                .iter()
                .enumerate()
                .filter_map(|(j, ev)| margin(result, ev).map(|(m, size)| (size, j, m)))
                .collect();
            sort_small_by_key(&mut sized, |&(size, j, _)| (size, j));
            let best = sized.iter().find_map(|&(_, j, m)| {
                let ev = result.evidence.get(j)?;
                plan(family, ind, result, ev, m).map(|p| (ev, p))
            });
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
    candidates
}

/// The decision a change gives: which outcome, and its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Then {
    outcome: Option<usize>,
    status: Status,
}

/// What the assessment measured, by indicator: what a change is checked against.
struct Margins<'a> {
    /// Each indicator's result (`None` for one in no group).
    results: Vec<Option<&'a IndicatorResult>>,
    /// Each indicator met.
    met: Vec<bool>,
    /// Each indicator's group.
    group_of: Vec<Option<usize>>,
}

impl<'a> Margins<'a> {
    fn of(pack: &Pack, now: &'a Assessment) -> Self {
        let n = pack.indicators.len();
        let mut results = vec![None; n];
        let mut met = vec![false; n];
        for r in now.groups.iter().flat_map(|g| &g.indicators) {
            if let (Some(slot), Some(m)) = (results.get_mut(r.index), met.get_mut(r.index)) {
                *slot = Some(r);
                *m = r.met;
            }
        }
        Self {
            results,
            met,
            group_of: group_index(pack),
        }
    }

    /// The decision after candidate `c`'s change: the indicators reading the
    /// fact it changes are measured again for the member whose fact it is
    /// (the others keep their measured values), and the decision counted again.
    fn decide(&self, pack: &Pack, day: Date, c: &Candidate<'_>) -> Result<Then> {
        let fact = Fact::read_by(c.ind.measure);
        let mut met = self.met.clone();
        for ((ind, r), m) in pack.indicators.iter().zip(&self.results).zip(&mut met) {
            let Some(r) = r else {
                continue;
            };
            if Fact::read_by(ind.measure) != fact
                || !r.evidence.iter().any(|e| e.member == c.ev.member)
            {
                continue;
            }
            let mut now = false;
            for e in &r.evidence {
                now |= if e.member == c.ev.member {
                    let value = c.plan.family.measure(
                        ind.measure,
                        e.member,
                        r.window.as_ref().map(|(_, s)| s),
                        r.kinds.as_deref(),
                    );
                    meets(&value, r.comparator, r.threshold)?
                } else {
                    e.met
                };
            }
            *m = now;
        }
        let t = tally(pack, day, &self.group_of, &met);
        Ok(Then {
            outcome: t.outcome,
            status: t.status,
        })
    }
}

/// The fact of a member (or of the household) a measure reads: a change to
/// it changes only the measures that read it. (No wildcard: a new measure
/// must say what it reads.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fact {
    Offences,
    Asb,
    Exclusions,
    Attendance,
    Provision,
    NotOnSchoolRoll,
    Benefits,
    Employment,
    ChildInNeed,
    ChildProtectionPlan,
    MentalHealth,
    SubstanceMisuse,
    NewMother,
    DomesticAbuse,
    LocalConcern,
    /// The members themselves and their ages: no suggestion changes them.
    Members,
    Circumstances,
    Exploitation,
    MissingEpisodes,
}

impl Fact {
    fn read_by(measure: Measure) -> Fact {
        match measure {
            Measure::ProvenOffences => Fact::Offences,
            Measure::AsbInterventions => Fact::Asb,
            Measure::FixedTermExclusions | Measure::PermanentExclusions => Fact::Exclusions,
            Measure::UnauthorisedAbsence | Measure::OverallAbsence => Fact::Attendance,
            Measure::AlternativeProvision => Fact::Provision,
            Measure::NotOnSchoolRoll => Fact::NotOnSchoolRoll,
            Measure::OutOfWorkBenefit => Fact::Benefits,
            Measure::InWork => Fact::Employment,
            Measure::ChildInNeed => Fact::ChildInNeed,
            Measure::ChildProtectionPlan => Fact::ChildProtectionPlan,
            Measure::MentalHealth => Fact::MentalHealth,
            Measure::SubstanceMisuse => Fact::SubstanceMisuse,
            Measure::NewMother => Fact::NewMother,
            Measure::DomesticAbuse => Fact::DomesticAbuse,
            Measure::LocalConcern => Fact::LocalConcern,
            Measure::InHousehold | Measure::Age => Fact::Members,
            Measure::ExpectantParent
            | Measure::EarlyYearsConcern
            | Measure::SpecialEducationalNeeds
            | Measure::NotInEducationEmploymentOrTraining
            | Measure::PhysicalHealth
            | Measure::ParentalConflict
            | Measure::Homeless
            | Measure::TemporaryAccommodation
            | Measure::RiskOfEviction
            | Measure::RentArrears
            | Measure::ProblemDebt => Fact::Circumstances,
            Measure::ChildExploitation => Fact::Exploitation,
            Measure::MissingEpisodes => Fact::MissingEpisodes,
        }
    }
}

/// How far one member's measured value is from meeting an indicator: the
/// value a change would reach.
#[derive(Debug, Clone, Copy)]
enum Margin {
    /// The flag to record.
    Flag(bool),
    /// The count (or absent sessions) to reach.
    Whole(u64),
}

/// The margin of `ev` on indicator `r`, and the size of the change that
/// meets it (none when no change, or one of size 0, would).
fn margin(r: &IndicatorResult, ev: &Evidence) -> Option<(Margin, u64)> {
    let (m, size) = match &ev.value {
        Measured::Flag(now) => {
            let want = [true, false].into_iter().find(|&b| {
                b != *now && r.comparator.holds(Decimal::from(u8::from(b)), r.threshold)
            })?;
            (Margin::Flag(want), 1)
        }
        Measured::Count(n) => {
            let now = u64::from(*n);
            let target = nearest_whole(
                now,
                r.comparator,
                r.threshold,
                now.saturating_add(MOST_ADDED),
            )?;
            (Margin::Whole(target), target.abs_diff(now))
        }
        Measured::Rate { absent, possible } if ev.member.is_some() => {
            // absent × 100 compared with threshold × possible: the nearest
            // whole number of absent sessions meeting it.
            let exact = r
                .threshold
                .checked_mul(Decimal::from(*possible))?
                .checked_div(Decimal::ONE_HUNDRED)?;
            let target = nearest_whole(*absent, r.comparator, exact, *possible)?;
            (Margin::Whole(target), target.abs_diff(*absent))
        }
        _ => return None,
    };
    (size > 0).then_some((m, size))
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

/// The change to `ev`'s member's (or the household's) facts that reaches
/// `margin` (from [`margin`]), if it is one the engine can make.
fn plan(
    family: &Family,
    ind: &Indicator,
    r: &IndicatorResult,
    ev: &Evidence,
    margin: Margin,
) -> Option<Plan> {
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
    match (&ev.value, ev.member, margin) {
        (Measured::Flag(_), member, Margin::Flag(want)) => {
            let (path, value) =
                set_flag(&mut f, ind.measure, member, want, first_kind("exclusion"))?;
            edits.push(Edit {
                op: EditOp::Set,
                path,
                value,
            });
            size = 1;
        }
        (Measured::Count(n), member, Margin::Whole(target)) => {
            let now = u64::from(*n);
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
        (Measured::Rate { absent, .. }, Some(i), Margin::Whole(target)) => {
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

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]
    use super::*;
    use crate::api::{choose_pack, read_family, read_family_call};
    use crate::rules::evaluate;

    const FIXTURES: &str = include_str!("../../tests/fixtures/eligibility.json");

    fn pack_file(name: &str) -> &'static str {
        match name {
            "northshire-2013.json" => {
                include_str!("../../tests/fixtures/packs/northshire-2013.json")
            }
            "capshire-2012.json" => include_str!("../../tests/fixtures/packs/capshire-2012.json"),
            "eastshire-2015.json" => include_str!("../../tests/fixtures/packs/eastshire-2015.json"),
            "southshire-2022.json" => {
                include_str!("../../tests/fixtures/packs/southshire-2022.json")
            }
            "westshire-2022.json" => include_str!("../../tests/fixtures/packs/westshire-2022.json"),
            "broken.json" => include_str!("../../tests/fixtures/packs/broken.json"),
            other => panic!("no pack {other}"),
        }
    }

    /// Every candidate change's decision, counted from the margins, against
    /// the decision of a full assessment of the changed family; then the same
    /// for the changed family's own candidates, `depth` times. Returns how
    /// many were compared.
    fn compare(pack: &Pack, family: &Family, depth: u32) -> usize {
        let now = evaluate(pack, family).unwrap();
        let margins = Margins::of(pack, &now);
        let mut compared = 0;
        for c in candidates(pack, family, &now) {
            let quick = margins.decide(pack, family.assessment_date, &c).unwrap();
            let full = evaluate(pack, &c.plan.family).unwrap();
            assert_eq!(
                (quick.outcome, quick.status),
                (full.outcome, full.status),
                "{}: {:?}",
                pack.id,
                c.plan.edits
            );
            compared += 1;
            if depth > 0 {
                compared += compare(pack, &c.plan.family, depth - 1);
            }
        }
        compared
    }

    /// The decision a change gives, worked out from the margins measured (only
    /// what reads the changed fact measured again), is the full assessment's,
    /// for every candidate change of every fixture family, and of the families
    /// those changes make, two changes deep: every candidate, not only those
    /// suggested (a wrong "no better" would drop a suggestion unseen).
    #[test]
    fn decisions_from_margins_are_full_assessments() {
        let cases: serde_json::Value = serde_json::from_str(FIXTURES).unwrap();
        let mut compared = 0;
        for case in cases.as_array().unwrap() {
            let mut call = case["call"].clone();
            if let Some(file) = call["councilPack"]["$file"].as_str() {
                call["councilPack"] = serde_json::Value::String(pack_file(file).to_owned());
            }
            let Ok(call) = read_family_call(&crate::json::Value::from(&call), "") else {
                continue;
            };
            let mut errors = Vec::new();
            let pack = choose_pack(&call, &mut errors);
            let family = read_family(&call, &mut errors);
            let (Some(pack), true) = (pack, errors.is_empty()) else {
                continue;
            };
            compared += compare(&pack, &family, 2);
        }
        assert!(compared > 500, "{compared}");
    }
}
