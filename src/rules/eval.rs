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
use rust_decimal::{Decimal, RoundingStrategy};

use super::pack::{
    Comparator, DatedValue, Indicator, KindsRef, NumberRef, Pack, ParamValue, Status,
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

/// A number of the pack on `day`: a literal, or the parameter's value then.
fn number_on(pack: &Pack, n: &NumberRef, day: Date, used: &mut Vec<String>) -> Decimal {
    match n {
        NumberRef::Literal(d) => *d,
        NumberRef::Parameter(id) => {
            used.push(id.clone());
            match pack
                .parameter(id)
                .and_then(|p| p.value_on(day))
                .map(|v| &v.value)
            {
                Some(ParamValue::Number(d)) => *d,
                _ => Decimal::ZERO,
            }
        }
    }
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
    let met = |id: &str| groups.iter().any(|g| g.id == id && g.met);
    let outcome = pack.decision.iter().position(|o| {
        let min = number_on(pack, &o.min_criteria, day, &mut Vec::new());
        Decimal::from(criteria_met) >= min && o.requires.iter().all(|f| met(f))
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
    let threshold = number_on(pack, &ind.threshold, day, &mut used);
    let mut unmeasured = None;
    let window = match &ind.window {
        Some(w) => {
            let length = number_on(pack, &w.length, day, &mut used)
                .to_u32()
                .unwrap_or(0);
            let window = Window {
                unit: w.unit,
                length,
            };
            match family.span(window) {
                Ok(span) => Some((window, span)),
                Err(why) => {
                    unmeasured = Some(why);
                    None
                }
            }
        }
        None => None,
    };
    let kinds = ind.kinds.as_ref().map(|k| match k {
        KindsRef::Literal(list) => list.clone(),
        KindsRef::Parameter(id) => {
            used.push(id.clone());
            match pack
                .parameter(id)
                .and_then(|p| p.value_on(day))
                .map(|v| &v.value)
            {
                Some(ParamValue::Kinds(list)) => list.clone(),
                _ => Vec::new(),
            }
        }
    });
    let members: Vec<Option<usize>> = match ind.who {
        Who::Family => vec![None],
        who => family.in_scope(who).into_iter().map(Some).collect(),
    };
    // No one to measure says more than a window that cannot be found.
    if members.is_empty() {
        unmeasured = Some(match ind.who {
            Who::Children => "there is no child in the household",
            Who::Adults => "there is no adult in the household",
            _ => "there is no one in the household",
        });
    }
    let mut evidence = Vec::new();
    if unmeasured.is_none() {
        for member in members {
            let value = family.measure(
                ind.measure,
                member,
                window.as_ref().map(|(_, s)| s),
                kinds.as_deref(),
            );
            let met = meets(&value, ind.comparator, threshold)?;
            evidence.push(Evidence { member, value, met });
        }
    }
    let mut result = IndicatorResult {
        index,
        met: evidence.iter().any(|e| e.met),
        comparator: ind.comparator,
        threshold,
        window,
        kinds,
        parameters: used,
        evidence,
        unmeasured,
        reason: String::new(),
    };
    result.reason = indicator_sentence(family, ind, &result);
    Ok(result)
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

/// A percentage for display: `absent × 100 ÷ possible`, to one decimal
/// place, halves away from zero. Never used to decide anything.
pub fn percent(absent: u64, possible: u64) -> String {
    if possible == 0 {
        return "–".to_owned();
    }
    let exact = Decimal::from(absent)
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(Decimal::from(possible)))
        .unwrap_or_default();
    let mut shown = exact.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    shown.rescale(1);
    format!("{shown} %")
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
                percent(*absent, *possible)
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
    let mut s = capitalise(a.status.phrase());
    s.push_str(&format!(
        ": {} of the {total} {} met",
        a.criteria_met, pack.criteria_label
    ));
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
        .map(|o| {
            let min = number_on(pack, &o.min_criteria, day, &mut Vec::new());
            let mut need = format!("{} for {}", min.normalize(), o.status.id());
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
