//! Applying a pack to a family on its assessment date, and saying why.
//!
//! Each indicator is measured for every member in its scope (or for the
//! household), compared with its threshold, and met when any of them meets
//! it. A group (criterion, headline problem or filter) is met when any of its
//! indicators is, so several indicators of one headline count once. The
//! decision is the first outcome whose number of met criteria and required
//! filters the family has.
//!
//! Rates are compared exactly, as ratios of whole numbers:
//! `absent × 100 ≥ threshold × possible`, with no rounding before comparing.
//! Percentages in explanations are rounded to one decimal place (halves away
//! from zero) for display only.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::pack::{
    Comparator, Counting, CountingRef, DatedValue, Indicator, KindsRef, NumberRef, Pack,
    ParamValue, Status,
};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::family::{Family, Measured, Span, ValueKind, Who, Window, WindowUnit};

/// The result of applying a pack to a family.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The decision.
    pub status: Status,
    /// Which of the pack's outcomes gave it (`None`: not eligible).
    pub outcome: Option<usize>,
    /// True when the assessment date is within the pack's dates.
    pub in_force: bool,
    /// How many counted criteria are met.
    pub criteria_met: usize,
    /// How many indicators of the counted criteria are met (each once).
    pub indicators_met: usize,
    /// Every criterion, then every filter, in pack order.
    pub groups: Vec<GroupResult>,
    /// Every eligibility parameter's value on the assessment date, in pack
    /// order (payment-by-results parameters, `pbr-…`, are the claims').
    pub parameters: Vec<(String, DatedValue)>,
}

/// A criterion or filter, met or not.
#[derive(Debug, Clone)]
pub struct GroupResult {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its source.
    pub source: String,
    /// True for a criterion (counted), false for a filter.
    pub counted: bool,
    /// Met when any of its indicators is.
    pub met: bool,
    /// Its indicators, in pack order.
    pub indicators: Vec<IndicatorResult>,
}

/// One indicator, measured and compared.
#[derive(Debug, Clone)]
pub struct IndicatorResult {
    /// Index in the pack's indicators.
    pub index: usize,
    /// Met by any member (or the household).
    pub met: bool,
    /// The comparator used.
    pub comparator: Comparator,
    /// The threshold used (a percentage for rates).
    pub threshold: Decimal,
    /// The window used, and the days it covered.
    pub window: Option<(Window, Span)>,
    /// The kinds counted, when filtered.
    pub kinds: Option<Vec<String>>,
    /// Ids of the parameters whose values were used.
    pub parameters: Vec<String>,
    /// Each member in scope (or the household), measured.
    pub evidence: Vec<Evidence>,
    /// Why nothing could be measured, when that is so.
    pub unmeasured: Option<&'static str>,
    /// A sentence for the officer.
    pub reason: String,
}

/// One member's (or the household's) measured value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The member, or `None` for the household.
    pub member: Option<usize>,
    /// The value.
    pub value: Measured,
    /// Whether it meets the threshold.
    pub met: bool,
}

/// The value of the pack's parameter `id` on `day`, noting its id in `used`.
fn parameter_on<'p>(
    pack: &'p Pack,
    id: &str,
    day: Date,
    used: Option<&mut Vec<String>>,
) -> Option<&'p ParamValue> {
    if let Some(used) = used {
        used.push(id.to_owned());
    }
    pack.parameter(id)
        .and_then(|p| p.value_on(day))
        .map(|v| &v.value)
}

/// A number of the pack on `day`: a literal, or the parameter's value then.
/// The ids of the parameters read are added to `used`, when given.
fn number_on(pack: &Pack, n: &NumberRef, day: Date, used: Option<&mut Vec<String>>) -> Decimal {
    match n {
        NumberRef::Literal(d) => *d,
        NumberRef::Parameter(id) => match parameter_on(pack, id, day, used) {
            Some(ParamValue::Number(d)) => *d,
            _ => Decimal::ZERO,
        },
    }
}

/// The kinds an indicator counts on `day`: the list it gives, or the
/// parameter's list then. The ids of the parameters read are added to `used`.
fn kinds_on<'p>(
    pack: &'p Pack,
    kinds: &'p KindsRef,
    day: Date,
    used: Option<&mut Vec<String>>,
) -> &'p [String] {
    match kinds {
        KindsRef::Literal(list) => list,
        KindsRef::Parameter(id) => match parameter_on(pack, id, day, used) {
            Some(ParamValue::Kinds(list)) => list,
            _ => &[],
        },
    }
}

/// What an indicator compares on a day: its threshold, window and kinds in
/// force then. Worked out the same way for a full assessment and a decision.
struct Setting<'p> {
    threshold: Decimal,
    window: Option<Window>,
    kinds: Option<&'p [String]>,
}

fn setting<'p>(
    pack: &'p Pack,
    ind: &'p Indicator,
    day: Date,
    mut used: Option<&mut Vec<String>>,
) -> Setting<'p> {
    let threshold = number_on(pack, &ind.threshold, day, used.as_deref_mut());
    let window = ind.window.as_ref().map(|w| Window {
        unit: w.unit,
        length: number_on(pack, &w.length, day, used.as_deref_mut())
            .to_u32()
            .unwrap_or(0),
    });
    let kinds = ind.kinds.as_ref().map(|k| kinds_on(pack, k, day, used));
    Setting {
        threshold,
        window,
        kinds,
    }
}

/// Who an indicator measures: each member in its scope, or the household (`None`).
fn scope(family: &Family, who: Who) -> impl Iterator<Item = Option<usize>> + '_ {
    let household = (who == Who::Family).then_some(None);
    let members = family
        .members
        .iter()
        .enumerate()
        .filter(move |(_, m)| match who {
            Who::Children => family.is_child(m),
            Who::Adults => !family.is_child(m),
            Who::Anyone => true,
            Who::Family => false,
        })
        .map(|(i, _)| Some(i));
    household.into_iter().chain(members)
}

/// Why nothing could be measured when the scope takes in no one.
fn no_one(who: Who) -> &'static str {
    match who {
        Who::Children => "there is no child in the household",
        Who::Adults => "there is no adult in the household",
        _ => "there is no one in the household",
    }
}

/// What an outcome counts on `day`: as written, or the parameter's value
/// then (criteria when the value is not one of the two).
pub fn counting_on(pack: &Pack, count: &CountingRef, day: Date) -> Counting {
    match count {
        CountingRef::Literal(c) => *c,
        CountingRef::Parameter(id) => match parameter_on(pack, id, day, None) {
            Some(ParamValue::Text(t)) => Counting::parse(t).unwrap_or(Counting::Criteria),
            _ => Counting::Criteria,
        },
    }
}

/// What the family has met of what an outcome counts.
fn counted(counting: Counting, criteria_met: usize, indicators_met: usize) -> Decimal {
    Decimal::from(match counting {
        Counting::Criteria => criteria_met,
        Counting::Indicators => indicators_met,
    })
}

/// The first outcome of the pack a family qualifies for with `criteria_met`
/// criteria (`indicators_met` of their indicators) and the filters `met`
/// says it meets.
fn first_outcome(
    pack: &Pack,
    day: Date,
    (criteria_met, indicators_met): (usize, usize),
    met: impl Fn(&str) -> bool,
) -> Option<usize> {
    pack.decision.iter().position(|o| {
        let min = number_on(pack, &o.min_criteria, day, None);
        let has = counted(
            counting_on(pack, &o.count, day),
            criteria_met,
            indicators_met,
        );
        has >= min && o.requires.iter().all(|f| met(f))
    })
}

/// Whether a measured value meets `comparator threshold`. A rate compares
/// `absent × 100` with `threshold × possible`, exactly.
pub fn meets(value: &Measured, comparator: Comparator, threshold: Decimal) -> Result<bool> {
    Ok(match value {
        Measured::Count(n) => comparator.holds(Decimal::from(*n), threshold),
        Measured::Flag(b) => comparator.holds(Decimal::from(u8::from(*b)), threshold),
        Measured::Rate { absent, possible } => {
            let lhs = Decimal::from(*absent)
                .checked_mul(Decimal::ONE_HUNDRED)
                .ok_or_else(|| Error::overflow("absence rate"))?;
            let rhs = threshold
                .checked_mul(Decimal::from(*possible))
                .ok_or_else(|| Error::overflow("absence threshold"))?;
            comparator.holds(lhs, rhs)
        }
        Measured::Unmeasured(_) => false,
    })
}

/// Applies `pack` to `family` on its assessment date.
pub fn evaluate(pack: &Pack, family: &Family) -> Result<Assessment> {
    let day = family.assessment_date;
    let mut results: Vec<IndicatorResult> = Vec::new();
    for (index, ind) in pack.indicators.iter().enumerate() {
        results.push(evaluate_indicator(pack, family, index, ind)?);
    }
    let mut groups = Vec::new();
    for (group, counted) in pack
        .criteria
        .iter()
        .map(|g| (g, true))
        .chain(pack.filters.iter().map(|g| (g, false)))
    {
        let indicators: Vec<IndicatorResult> = results
            .iter()
            .filter(|r| {
                pack.indicators
                    .get(r.index)
                    .is_some_and(|i| i.group == group.id)
            })
            .cloned()
            .collect();
        groups.push(GroupResult {
            id: group.id.clone(),
            title: group.title.clone(),
            source: group.source.clone(),
            counted,
            met: indicators.iter().any(|r| r.met),
            indicators,
        });
    }
    let criteria_met = groups.iter().filter(|g| g.counted && g.met).count();
    let indicators_met = groups
        .iter()
        .filter(|g| g.counted)
        .flat_map(|g| &g.indicators)
        .filter(|r| r.met)
        .count();
    let outcome = first_outcome(pack, day, (criteria_met, indicators_met), |id| {
        groups.iter().any(|g| g.id == id && g.met)
    });
    let status = outcome
        .and_then(|k| pack.decision.get(k))
        .map_or(Status::NotEligible, |o| o.status);
    let parameters = pack
        .parameters
        .iter()
        .filter(|p| !p.id.starts_with(super::PAYMENT_PREFIX))
        .filter_map(|p| p.value_on(day).map(|v| (p.id.clone(), v.clone())))
        .collect();
    Ok(Assessment {
        status,
        outcome,
        in_force: pack.in_force_on(day),
        criteria_met,
        indicators_met,
        groups,
        parameters,
    })
}

fn evaluate_indicator(
    pack: &Pack,
    family: &Family,
    index: usize,
    ind: &Indicator,
) -> Result<IndicatorResult> {
    let day = family.assessment_date;
    let mut used = Vec::new();
    let s = setting(pack, ind, day, Some(&mut used));
    let mut unmeasured = None;
    let window = match s.window {
        Some(window) => match family.span(window) {
            Ok(span) => Some((window, span)),
            Err(why) => {
                unmeasured = Some(why);
                None
            }
        },
        None => None,
    };
    let mut members = scope(family, ind.who).peekable();
    // No one to measure says more than a window that cannot be found.
    if members.peek().is_none() {
        unmeasured = Some(no_one(ind.who));
    }
    let mut evidence = Vec::new();
    if unmeasured.is_none() {
        for member in members {
            let value = family.measure(
                ind.measure,
                member,
                window.as_ref().map(|(_, s)| s),
                s.kinds,
            );
            let met = meets(&value, ind.comparator, s.threshold)?;
            evidence.push(Evidence { member, value, met });
        }
    }
    let mut result = IndicatorResult {
        index,
        met: evidence.iter().any(|e| e.met),
        comparator: ind.comparator,
        threshold: s.threshold,
        window,
        kinds: s.kinds.map(<[String]>::to_vec),
        parameters: used,
        evidence,
        unmeasured,
        reason: String::new(),
    };
    result.reason = indicator_sentence(family, ind, &result);
    Ok(result)
}

// ------------------------------------------------------------- decisions

/// A pack prepared for deciding many families: the decision alone, with no
/// explanations, as [`evaluate`] would give it.
///
/// The cohort pipeline calls this once per family. It measures and compares
/// every indicator exactly as [`evaluate`] does (the same thresholds, windows
/// and kinds in force on the assessment date, the same [`Family::measure`]
/// and [`meets`]); it only leaves out what an officer reads (evidence lists,
/// sentences, the parameters used), which is what makes a full assessment
/// too slow for 100,000 families.
#[derive(Debug, Clone)]
pub struct DecisionPlan {
    pack: Pack,
    /// For each indicator, its group's position: criteria first, then filters.
    group_of: Vec<Option<usize>>,
    /// The indicators' settings and the outcomes' minimums in force on the
    /// last assessment date met (a cohort's families mostly share one).
    in_force: std::cell::RefCell<Option<InForce>>,
}

/// What a pack has in force on one day, worked out by [`setting`] and
/// [`number_on`] as for a full assessment.
#[derive(Debug, Clone)]
struct InForce {
    day: Date,
    settings: Vec<InForceSetting>,
    minimums: Vec<Decimal>,
    /// What each outcome counts.
    counts: Vec<Counting>,
}

#[derive(Debug, Clone)]
struct InForceSetting {
    threshold: Decimal,
    /// The threshold as a whole number, when it is one from 0 to [`WHOLE_MAX`].
    whole: Option<u64>,
    window: Option<Window>,
    kinds: Option<Vec<String>>,
}

/// The largest threshold compared in integers by [`meets_whole`]: far above
/// any count or percentage, and small enough that [`meets`] could not
/// overflow where `meets_whole` does not.
const WHOLE_MAX: u64 = 1_000_000;

/// [`meets`] for a whole-number threshold, in integers: the same comparison
/// exactly (`absent × 100` against `threshold × possible` for a rate), without
/// decimal arithmetic. The tests check the two agree.
pub(crate) fn meets_whole(value: &Measured, comparator: Comparator, threshold: u64) -> bool {
    let t = u128::from(threshold);
    let (lhs, rhs) = match value {
        Measured::Count(n) => (u128::from(*n), t),
        Measured::Flag(b) => (u128::from(*b), t),
        Measured::Rate { absent, possible } => (
            u128::from(*absent).saturating_mul(100),
            t.saturating_mul(u128::from(*possible)),
        ),
        Measured::Unmeasured(_) => return false,
    };
    match comparator {
        Comparator::AtLeast => lhs >= rhs,
        Comparator::MoreThan => lhs > rhs,
        Comparator::AtMost => lhs <= rhs,
        Comparator::LessThan => lhs < rhs,
        Comparator::Exactly => lhs == rhs,
    }
}

/// A threshold as a whole number, when it is one from 0 to [`WHOLE_MAX`].
fn whole_threshold(threshold: Decimal) -> Option<u64> {
    (threshold.fract().is_zero() && !threshold.is_sign_negative())
        .then(|| threshold.to_u64())
        .flatten()
        .filter(|t| *t <= WHOLE_MAX)
}

impl InForce {
    fn on(pack: &Pack, day: Date) -> Self {
        Self {
            day,
            settings: pack
                .indicators
                .iter()
                .map(|ind| {
                    let s = setting(pack, ind, day, None);
                    InForceSetting {
                        threshold: s.threshold,
                        whole: whole_threshold(s.threshold),
                        window: s.window,
                        kinds: s.kinds.map(<[String]>::to_vec),
                    }
                })
                .collect(),
            minimums: pack
                .decision
                .iter()
                .map(|o| number_on(pack, &o.min_criteria, day, None))
                .collect(),
            counts: pack
                .decision
                .iter()
                .map(|o| counting_on(pack, &o.count, day))
                .collect(),
        }
    }
}

/// The decision for one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// The decision.
    pub status: Status,
    /// Which of the pack's outcomes gave it (`None`: not eligible).
    pub outcome: Option<usize>,
    /// How many counted criteria are met.
    pub criteria_met: usize,
    /// How many indicators of the counted criteria are met, when an outcome
    /// counts them on the day (else 0: they are not all measured).
    pub indicators_met: usize,
    /// Bit `g` is set when group `g` is met (the pack's criteria, then its
    /// filters, in pack order).
    pub groups_met: u128,
}

impl Decision {
    /// True when group `g` (criteria, then filters) is met.
    pub fn group_met(&self, g: usize) -> bool {
        u32::try_from(g)
            .ok()
            .and_then(|g| self.groups_met.checked_shr(g))
            .is_some_and(|bits| bits & 1 == 1)
    }
}

/// The most groups (criteria and filters) a pack can have for [`DecisionPlan`].
pub const MAX_GROUPS: usize = 128;

impl DecisionPlan {
    /// Prepares `pack`; a pack with more than [`MAX_GROUPS`] groups is refused.
    pub fn new(pack: Pack) -> Result<Self> {
        let group_of = group_positions(&pack)?;
        Ok(Self {
            pack,
            group_of,
            in_force: std::cell::RefCell::new(None),
        })
    }

    /// The pack.
    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// The decision for `family` on its assessment date.
    pub fn decide(&self, family: &Family) -> Result<Decision> {
        let pack = &self.pack;
        let day = family.assessment_date;
        let mut cache = self.in_force.borrow_mut();
        let in_force = match cache.take() {
            Some(f) if f.day == day => f,
            _ => InForce::on(pack, day),
        };
        let decision = decide_with(pack, &self.group_of, &in_force, family);
        *cache = Some(in_force);
        decision
    }
}

/// For each indicator of `pack`, its group's position (criteria first, then
/// filters); a pack with more than [`MAX_GROUPS`] groups is refused.
fn group_positions(pack: &Pack) -> Result<Vec<Option<usize>>> {
    let groups: Vec<&str> = pack
        .criteria
        .iter()
        .chain(&pack.filters)
        .map(|g| g.id.as_str())
        .collect();
    if groups.len() > MAX_GROUPS {
        return Err(Error::new(
            crate::error::ErrorCode::InvalidData,
            format!(
                "The pack has {} criteria and filters; a cohort can be run with {MAX_GROUPS} at most.",
                groups.len()
            ),
        ));
    }
    Ok(group_index(pack))
}

/// For each indicator of `pack`, its group's position: criteria first, then
/// filters (as [`group_positions`], with no limit on their number).
pub(crate) fn group_index(pack: &Pack) -> Vec<Option<usize>> {
    pack.indicators
        .iter()
        .map(|i| {
            pack.criteria
                .iter()
                .chain(&pack.filters)
                .position(|g| g.id == i.group)
        })
        .collect()
}

/// What the decision gives, worked out from each indicator met or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Each group met: the pack's criteria, then its filters, in pack order.
    pub(crate) groups_met: Vec<bool>,
    /// How many criteria are met.
    pub(crate) criteria_met: usize,
    /// How many indicators of the criteria are met, each once.
    pub(crate) indicators_met: usize,
    /// Which of the pack's outcomes the family gets (`None`: not eligible).
    pub(crate) outcome: Option<usize>,
    /// The decision.
    pub(crate) status: Status,
}

/// The decision from `met` (each indicator met or not, in pack order) and
/// each indicator's group (`group_of`, from [`group_index`]), counted and
/// decided as [`evaluate`] counts and decides its groups.
pub(crate) fn tally(pack: &Pack, day: Date, group_of: &[Option<usize>], met: &[bool]) -> Tally {
    let criteria = pack.criteria.len();
    let mut groups_met = vec![false; criteria.saturating_add(pack.filters.len())];
    let mut indicators_met: usize = 0;
    for (group, met) in group_of.iter().zip(met) {
        if let (Some(g), true) = (*group, *met) {
            if let Some(slot) = groups_met.get_mut(g) {
                *slot = true;
            }
            if g < criteria {
                indicators_met = indicators_met.saturating_add(1);
            }
        }
    }
    let criteria_met = groups_met.iter().take(criteria).filter(|m| **m).count();
    let outcome = first_outcome(pack, day, (criteria_met, indicators_met), |id| {
        pack.criteria
            .iter()
            .chain(&pack.filters)
            .zip(&groups_met)
            .any(|(g, met)| *met && g.id == id)
    });
    let status = outcome
        .and_then(|k| pack.decision.get(k))
        .map_or(Status::NotEligible, |o| o.status);
    Tally {
        groups_met,
        criteria_met,
        indicators_met,
        outcome,
        status,
    }
}

/// The figures of [`evaluate`] without its explanations: each indicator met
/// or not and the decision, measured as the cohort's fast decision measures
/// (no evidence lists, sentences or parameters used).
#[derive(Debug, Clone)]
pub(crate) struct Figures {
    /// True when the assessment date is within the pack's dates.
    pub(crate) in_force: bool,
    /// Each indicator met, in pack order.
    pub(crate) met: Vec<bool>,
    /// Each indicator's group (criteria, then filters).
    pub(crate) group_of: Vec<Option<usize>>,
    /// The decision.
    pub(crate) tally: Tally,
}

/// Applies `pack` to `family` for its figures alone. Every indicator is
/// measured, in pack order, as [`evaluate`] measures them (so that a
/// comparison that cannot be made fails the same way); none is explained.
pub(crate) fn figures(pack: &Pack, family: &Family) -> Result<Figures> {
    let day = family.assessment_date;
    let mut spans = Spans::default();
    let mut met = Vec::with_capacity(pack.indicators.len());
    for ind in &pack.indicators {
        let s = setting(pack, ind, day, None);
        met.push(indicator_met(
            family,
            ind,
            &Compare {
                threshold: s.threshold,
                whole: whole_threshold(s.threshold),
                window: s.window,
                kinds: s.kinds,
            },
            &mut spans,
        )?);
    }
    let group_of = group_index(pack);
    let tally = tally(pack, day, &group_of, &met);
    Ok(Figures {
        in_force: pack.in_force_on(day),
        met,
        group_of,
        tally,
    })
}

/// The decision for `family`, given each indicator's group and what is in
/// force on its assessment date.
fn decide_with(
    pack: &Pack,
    group_of: &[Option<usize>],
    in_force: &InForce,
    family: &Family,
) -> Result<Decision> {
    let mut spans = Spans::default();
    let mut groups_met: u128 = 0;
    let criteria = pack.criteria.len();
    // Counting indicators, every indicator of a criterion is measured; else
    // a group's first indicator met is enough.
    let each = in_force.counts.contains(&Counting::Indicators);
    let mut indicators_met: usize = 0;
    for ((ind, group), setting) in pack.indicators.iter().zip(group_of).zip(&in_force.settings) {
        let Some((g, bit)) =
            group.and_then(|g| Some((g, 1u128.checked_shl(u32::try_from(g).ok()?)?)))
        else {
            continue;
        };
        let counted = each && g < criteria;
        if (counted || groups_met & bit == 0)
            && indicator_met(family, ind, &setting.compare(), &mut spans)?
        {
            groups_met |= bit;
            if counted {
                indicators_met = indicators_met.saturating_add(1);
            }
        }
    }
    let met = |g: usize| {
        u32::try_from(g)
            .ok()
            .and_then(|g| groups_met.checked_shr(g))
            .is_some_and(|bits| bits & 1 == 1)
    };
    let criteria_met = (0..criteria).filter(|&g| met(g)).count();
    // As `first_outcome`, with the minimums in force on the day.
    let outcome = pack
        .decision
        .iter()
        .zip(in_force.minimums.iter().zip(&in_force.counts))
        .position(|(o, (min, count))| {
            counted(*count, criteria_met, indicators_met) >= *min
                && o.requires.iter().all(|f| {
                    pack.filters
                        .iter()
                        .position(|x| x.id == *f)
                        .is_some_and(|x| met(criteria.saturating_add(x)))
                })
        });
    let status = outcome
        .and_then(|k| pack.decision.get(k))
        .map_or(Status::NotEligible, |o| o.status);
    Ok(Decision {
        status,
        outcome,
        criteria_met,
        indicators_met,
        groups_met,
    })
}

/// The spans of the windows met while deciding one family, so that each is
/// worked out once.
#[derive(Default)]
struct Spans(Vec<(Window, std::result::Result<Span, &'static str>)>);

impl Spans {
    fn get(&mut self, family: &Family, window: Window) -> Option<&Span> {
        let at = match self.0.iter().position(|(w, _)| *w == window) {
            Some(at) => at,
            None => {
                self.0.push((window, family.span(window)));
                self.0.len().saturating_sub(1)
            }
        };
        self.0.get(at).and_then(|(_, span)| span.as_ref().ok())
    }
}

/// What an indicator is compared with on a day (see [`setting`]), borrowed.
struct Compare<'s> {
    threshold: Decimal,
    whole: Option<u64>,
    window: Option<Window>,
    kinds: Option<&'s [String]>,
}

impl InForceSetting {
    fn compare(&self) -> Compare<'_> {
        Compare {
            threshold: self.threshold,
            whole: self.whole,
            window: self.window,
            kinds: self.kinds.as_deref(),
        }
    }
}

/// Whether an indicator is met: as [`evaluate_indicator`], without the
/// evidence, given what [`setting`] found in force on the day. (Every member
/// in scope is compared, as there, so that an overflow is reported the same way.)
fn indicator_met(
    family: &Family,
    ind: &Indicator,
    setting: &Compare<'_>,
    spans: &mut Spans,
) -> Result<bool> {
    let span = match setting.window {
        Some(window) => match spans.get(family, window) {
            Some(span) => Some(span),
            None => return Ok(false),
        },
        None => None,
    };
    let kinds = setting.kinds;
    let mut met = false;
    for member in scope(family, ind.who) {
        let value = family.measure(ind.measure, member, span, kinds);
        met |= match setting.whole {
            Some(t) => meets_whole(&value, ind.comparator, t),
            None => meets(&value, ind.comparator, setting.threshold)?,
        };
    }
    Ok(met)
}

// ------------------------------------------------------------- sentences

/// "Jordan (15)", or "member 2 (15)" when the officer gave no name; "the
/// household" for `None`.
pub fn member_label(family: &Family, member: Option<usize>) -> String {
    match member.and_then(|i| family.members.get(i).map(|m| (i, m))) {
        Some((i, m)) => {
            let age = family.age(m);
            if m.name.trim().is_empty() {
                format!("member {} ({age})", i.saturating_add(1))
            } else {
                format!("{} ({age})", m.name.trim())
            }
        }
        None => "the household".to_owned(),
    }
}

/// A measured value in words: "3 fixed-term exclusions", "14.9 % (149 of
/// 1000 sessions)", "yes".
pub fn describe_value(value: &Measured, noun: &str) -> String {
    match value {
        Measured::Count(1) => format!("1 {}", noun.strip_suffix('s').unwrap_or(noun)),
        Measured::Count(n) => format!("{n} {noun}"),
        Measured::Rate { absent, possible } => {
            format!(
                "{} ({absent} of {possible} sessions)",
                crate::money::percent_of(*absent, *possible)
            )
        }
        Measured::Flag(true) => "yes".to_owned(),
        Measured::Flag(false) => "no".to_owned(),
        Measured::Unmeasured(why) => format!("not known: {why}"),
    }
}

/// The window in words, with its first day: " in the last 12 months (since
/// 2014-06-30)", " over the last 3 terms (since 2014-09-03)".
pub fn describe_window(window: Option<&(Window, Span)>, kind: ValueKind) -> String {
    match window {
        Some((w, span)) => match w.unit {
            WindowUnit::Months => {
                format!(" in the last {} months (since {})", w.length, span.from)
            }
            WindowUnit::Terms => {
                let found = span.terms.len();
                let asked = usize::try_from(w.length).unwrap_or(usize::MAX);
                if found < asked {
                    format!(
                        " over the {found} term{} recorded of the last {asked} (since {})",
                        if found == 1 { "" } else { "s" },
                        span.from
                    )
                } else {
                    format!(" over the last {asked} terms (since {})", span.from)
                }
            }
        },
        None if kind == ValueKind::Count => " on the assessment date".to_owned(),
        None => String::new(),
    }
}

/// The rule in words: "3 or more", "more than 10 %".
pub fn describe_rule(ind: &Indicator, comparator: Comparator, threshold: Decimal) -> String {
    match ind.measure.info().kind {
        ValueKind::Rate => comparator.describe(threshold, " %"),
        ValueKind::Flag if comparator == Comparator::AtLeast && threshold == Decimal::ONE => {
            "recorded".to_owned()
        }
        _ => comparator.describe(threshold, ""),
    }
}

/// Orders two measured values as numbers (rates by cross-multiplying, which
/// fits in u128 for u64 parts); unmeasured values count as zero.
fn compare_values(x: &Measured, y: &Measured) -> std::cmp::Ordering {
    let parts = |v: &Measured| match v {
        Measured::Rate { absent, possible } => (u128::from(*absent), u128::from(*possible)),
        Measured::Count(n) => (u128::from(*n), 1),
        Measured::Flag(b) => (u128::from(*b), 1),
        Measured::Unmeasured(_) => (0, 1),
    };
    let ((a, b), (c, d)) = (parts(x), parts(y));
    a.saturating_mul(d).cmp(&c.saturating_mul(b))
}

/// The evidence an explanation quotes: the first that meets the rule, else
/// the closest (the highest for `>=`/`>`/`=`, the lowest for `<=`/`<`; the
/// first member on a tie).
pub fn best_evidence(result: &IndicatorResult) -> Option<&Evidence> {
    if let Some(e) = result.evidence.iter().find(|e| e.met) {
        return Some(e);
    }
    let measured = result
        .evidence
        .iter()
        .filter(|e| !matches!(e.value, Measured::Unmeasured(_)));
    match result.comparator {
        Comparator::AtMost | Comparator::LessThan => {
            measured.min_by(|x, y| compare_values(&x.value, &y.value))
        }
        _ => measured.min_by(|x, y| compare_values(&y.value, &x.value)),
    }
    .or_else(|| result.evidence.first())
}

fn indicator_sentence(family: &Family, ind: &Indicator, r: &IndicatorResult) -> String {
    let info = ind.measure.info();
    let rule = describe_rule(ind, r.comparator, r.threshold);
    let head = if r.met { "Met" } else { "Not met" };
    if let Some(why) = r.unmeasured {
        return format!("{head}: {why}.");
    }
    let Some(best) = best_evidence(r) else {
        return format!("{head}: nothing to measure.");
    };
    let who = member_label(family, best.member);
    if let Measured::Unmeasured(why) = best.value {
        return format!("{head}: {who}: {why}.");
    }
    if info.kind == ValueKind::Flag {
        let scope = match ind.who {
            Who::Children => "any child",
            Who::Adults => "any adult",
            Who::Anyone => "anyone in the household",
            Who::Family => "the household",
        };
        return match (r.met, rule.as_str()) {
            (true, "recorded") => format!("Met: {who}: {}.", info.noun),
            (false, "recorded") => format!("Not met: not recorded for {scope} ({}).", info.noun),
            _ => format!(
                "{head}: {who}: {} is {}; the rule is {rule}.",
                info.noun,
                describe_value(&best.value, info.noun)
            ),
        };
    }
    let window = describe_window(r.window.as_ref(), info.kind);
    let value = describe_value(&best.value, info.noun);
    let value = if info.kind == ValueKind::Rate {
        format!("{} {value}", info.noun)
    } else {
        value
    };
    let lead = if r.met || r.evidence.len() < 2 {
        format!("{who}:")
    } else {
        match r.comparator {
            Comparator::AtMost | Comparator::LessThan => format!("the lowest is {who}:"),
            _ => format!("the highest is {who}:"),
        }
    };
    format!("{head}: {lead} {value}{window}; the rule is {rule}.")
}

/// The decision in a sentence, with what the pack needs.
pub fn decision_sentence(pack: &Pack, a: &Assessment, day: Date) -> String {
    let total = pack.criteria.len();
    let met: Vec<&str> = a
        .groups
        .iter()
        .filter(|g| g.counted && g.met)
        .map(|g| g.title.as_str())
        .collect();
    let counts: Vec<Counting> = pack
        .decision
        .iter()
        .map(|o| counting_on(pack, &o.count, day))
        .collect();
    let mut s = capitalise(a.status.phrase());
    if counts.contains(&Counting::Indicators) {
        // "3 family needs met, across 2 of the 10 headlines".
        s.push_str(&format!(
            ": {} {} met, across {} of the {total} {}",
            a.indicators_met, pack.indicators_label, a.criteria_met, pack.criteria_label
        ));
    } else {
        s.push_str(&format!(
            ": {} of the {total} {} met",
            a.criteria_met, pack.criteria_label
        ));
    }
    if !met.is_empty() {
        s.push_str(&format!(" ({})", met.join(", ")));
    }
    let filters: Vec<&str> = a
        .groups
        .iter()
        .filter(|g| !g.counted && g.met)
        .map(|g| g.title.as_str())
        .collect();
    if !filters.is_empty() {
        s.push_str(&format!(", and {}", filters.join(", ")));
    }
    s.push('.');
    let needs: Vec<String> = pack
        .decision
        .iter()
        .zip(&counts)
        .map(|(o, count)| {
            let min = number_on(pack, &o.min_criteria, day, None);
            let mut need = match count {
                Counting::Criteria => format!("{} for {}", min.normalize(), o.status.id()),
                Counting::Indicators => format!(
                    "{} {} for {}",
                    min.normalize(),
                    pack.indicators_label,
                    o.status.id()
                ),
            };
            for f in &o.requires {
                let title = pack.group(f).map_or(f.as_str(), |(g, _)| g.title.as_str());
                need.push_str(&format!(" with the {}", lower_first(title)));
            }
            need
        })
        .collect();
    s.push_str(&format!(" Needed: {}.", needs.join("; ")));
    s
}

/// The first letter in capitals. ASCII only: titles and phrases here are
/// English, and Unicode case tables would cost kilobytes of WebAssembly.
pub(crate) fn capitalise(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// The first letter in lower case (ASCII only, as [`capitalise`]); a title
/// starting with an acronym ("ASB …") is left as it is.
pub(crate) fn lower_first(s: &str) -> String {
    let mut out = s.to_owned();
    let acronym = s.chars().nth(1).is_some_and(|c| c.is_ascii_uppercase());
    if !acronym {
        if let Some(first) = out.get_mut(0..1) {
            first.make_ascii_lowercase();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn whole_thresholds_compare_as_decimals_do() {
        let comparators = [
            Comparator::AtLeast,
            Comparator::MoreThan,
            Comparator::AtMost,
            Comparator::LessThan,
            Comparator::Exactly,
        ];
        let mut values = vec![Measured::Flag(false), Measured::Flag(true)];
        values.extend((0..6).map(Measured::Count));
        for possible in [1u64, 3, 7, 100, 390] {
            for absent in 0..=possible.min(60) {
                values.push(Measured::Rate { absent, possible });
            }
        }
        values.push(Measured::Unmeasured("no"));
        for t in [0u64, 1, 2, 3, 10, 14, 15, 33, 100, WHOLE_MAX] {
            for c in comparators {
                for v in &values {
                    assert_eq!(
                        meets_whole(v, c, t),
                        meets(v, c, Decimal::from(t)).unwrap(),
                        "{v:?} {c:?} {t}"
                    );
                }
            }
        }
    }
}
