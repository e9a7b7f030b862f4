//! The answers of `checkEligibility`: the views, and how an assessment becomes one.

use serde::Serialize;
use tsify::Tsify;

use crate::api::{Failure, NoteView, Receipt, TableRef};
use crate::family::{Family, Measured};
use crate::rules::{
    self, Assessment, DatedValue, EditOp, EditValue, IndicatorResult, Pack, Status, Suggestion,
};

// ---------------------------------------------------------------- answers

/// A decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum StatusView {
    /// In the programme automatically.
    Automatic,
    /// May be included at the council's discretion.
    Discretionary,
    /// Eligible.
    Eligible,
    /// Not eligible.
    NotEligible,
}

impl From<Status> for StatusView {
    fn from(s: Status) -> Self {
        match s {
            Status::Automatic => Self::Automatic,
            Status::Discretionary => Self::Discretionary,
            Status::Eligible => Self::Eligible,
            Status::NotEligible => Self::NotEligible,
        }
    }
}

/// The answer to `checkEligibility`.
// Built once per call and serialised at once: boxing the large variant buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum CheckEligibilityAnswer {
    /// The pack was applied (an ineligible family is a success too).
    Success(EligibilitySuccess),
    /// Something in the call or the pack must be corrected; every problem is listed.
    Failure(Failure),
}

/// The decision, why, and what would change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EligibilitySuccess {
    /// The pack applied.
    pub pack: PackRef,
    /// True when the assessment date is within the pack's dates.
    pub in_force: bool,
    /// The assessment date.
    pub assessment_date: String,
    /// The decision.
    pub status: StatusView,
    /// False only for `notEligible`.
    pub eligible: bool,
    /// The decision in a sentence, with what the pack needs.
    pub decision: String,
    /// Criteria (headline problems) met.
    pub criteria_met: u32,
    /// Criteria in the pack.
    pub criteria_total: u32,
    /// What the pack calls them ("national criteria", "headline problems").
    pub criteria_label: String,
    /// When the decision counts indicators (family needs) rather than
    /// criteria on the assessment date: how many of the criteria's
    /// indicators are met, each once. Absent when it counts criteria.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub indicators_met: Option<u32>,
    /// What the pack calls its indicators ("family needs"), with `indicatorsMet`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub indicators_label: Option<String>,
    /// Every criterion, met or not, with its indicators.
    pub criteria: Vec<GroupView>,
    /// Every filter (the local filter), met or not.
    pub filters: Vec<GroupView>,
    /// The members as the engine read them.
    pub members: Vec<MemberView>,
    /// Every parameter's value in force on the assessment date.
    pub parameters: Vec<ParameterUseView>,
    /// For a family not given the pack's best outcome: single changes that
    /// would give a better one, each checked by deciding again.
    pub what_would_change: Vec<SuggestionView>,
    /// Remarks (a pack not in force on the assessment date).
    pub notes: Vec<NoteView>,
    /// Receipt, with the pack's id and SHA-256.
    pub receipt: Receipt,
}

/// Which pack, and which version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PackRef {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Version label.
    pub version: String,
    /// First day.
    pub valid_from: String,
    /// Last day, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub valid_to: Option<String>,
    /// The built-in pack a council pack extends.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub extends: Option<String>,
    /// SHA-256 (see README, "Eligibility").
    pub sha256: String,
}

/// A member as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    /// "Jordan (15)".
    pub label: String,
    /// Age on the assessment date.
    pub age: u16,
    /// Under 18 on the assessment date.
    pub child: bool,
}

/// A criterion or filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GroupView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Met when any indicator is.
    pub met: bool,
    /// Where it comes from.
    pub source: String,
    /// Its indicators.
    pub indicators: Vec<IndicatorView>,
}

/// An indicator, measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Met.
    pub met: bool,
    /// The measure.
    pub measure: String,
    /// `children`, `adults`, `anyone` or `family`.
    pub who: String,
    /// `>=`, `>`, `<=`, `<` or `=`.
    pub comparator: String,
    /// The threshold used (a percentage for a rate).
    #[tsify(type = "DecimalString")]
    pub threshold: String,
    /// The rule in words ("15 % or more").
    pub rule: String,
    /// The window used.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub window: Option<WindowView>,
    /// The kinds counted, when filtered.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub kinds: Option<Vec<String>>,
    /// Ids of the parameters used.
    pub parameters: Vec<String>,
    /// Each member in scope (or the household), measured.
    pub evidence: Vec<EvidenceView>,
    /// A sentence for the officer.
    pub reason: String,
    /// Where the rule comes from.
    pub source: String,
}

/// A window, and the days it covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct WindowView {
    /// `months` or `terms`.
    pub unit: String,
    /// How many.
    pub length: u32,
    /// First day covered.
    pub from: String,
    /// Last day covered (the assessment date).
    pub to: String,
    /// For a terms window, the terms it took in.
    pub terms: Vec<String>,
}

/// One member's (or the household's) measured value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceView {
    /// The member's index in `members`; absent for the household.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub member: Option<u32>,
    /// "Jordan (15)" or "the household".
    pub label: String,
    /// The value in words.
    pub value: String,
    /// A count or a flag (1 or 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub count: Option<u32>,
    /// For a rate: absent sessions.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub absent: Option<u64>,
    /// For a rate: possible sessions.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub possible: Option<u64>,
    /// Meets the threshold.
    pub met: bool,
}

/// A parameter's value in force on the assessment date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ParameterUseView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Unit.
    pub unit: String,
    /// The value (kinds joined by ", ").
    pub value: String,
    /// First day of this value.
    pub from: String,
    /// Last day of this value, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub to: Option<String>,
    /// Evidence tag (`V`, `V2`, `D`, `R`, `A`), if given.
    pub evidence: String,
    /// Source.
    pub source: String,
}

/// A change that would give a better decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionView {
    /// The criterion or filter it would meet.
    pub group: String,
    /// The indicator it would meet.
    pub indicator: String,
    /// The member whose facts change; absent for the household's.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub member: Option<u32>,
    /// The value now, in words.
    pub before: String,
    /// The value after the change, in words.
    pub after: String,
    /// The decision after the change.
    pub status: StatusView,
    /// The change as edits to the call, to apply in order.
    pub edits: Vec<EditView>,
    /// A sentence for the officer.
    pub message: String,
}

/// One edit to the call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EditView {
    /// `set` a field, `append` to a list, `remove` a list element.
    pub op: EditOp,
    /// The field, list or element, e.g. `members[1].attendance[0].unauthorisedAbsent`.
    pub path: String,
    /// The value set or appended (`null` for a removal).
    pub value: EditValueView,
}

/// A value an edit sets or appends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(untagged)]
#[tsify(
    type = "null | number | boolean | string | { date: string; kind?: string } | { kind?: string; from: string }"
)]
pub enum EditValueView {
    /// `null`.
    Null,
    /// A number.
    Count(u32),
    /// A flag.
    Flag(bool),
    /// Text.
    Text(String),
    /// An event.
    Event {
        /// Its date.
        date: String,
        /// Its kind.
        #[serde(skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
    },
    /// A claim or job.
    Spell {
        /// Its kind.
        #[serde(skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
        /// First day.
        from: String,
    },
}

impl From<&EditValue> for EditValueView {
    fn from(v: &EditValue) -> Self {
        match v {
            EditValue::Null => Self::Null,
            EditValue::Count(n) => Self::Count(*n),
            EditValue::Flag(b) => Self::Flag(*b),
            EditValue::Text(t) => Self::Text(t.clone()),
            EditValue::Event { date, kind } => Self::Event {
                date: date.to_string(),
                kind: kind.clone(),
            },
            EditValue::Spell { kind, from } => Self::Spell {
                kind: kind.clone(),
                from: from.to_string(),
            },
        }
    }
}

// ------------------------------------------------------------ the answers

pub(super) fn pack_ref(pack: &Pack) -> PackRef {
    PackRef {
        id: pack.id.clone(),
        title: pack.title.clone(),
        version: pack.version.clone(),
        valid_from: pack.valid_from.to_string(),
        valid_to: pack.valid_to.map(|d| d.to_string()),
        extends: pack.extends.clone(),
        sha256: pack.sha256.clone(),
    }
}

pub(crate) fn with_pack(mut receipt: Receipt, pack: &Pack) -> Receipt {
    receipt.rule_pack = Some(Box::new(TableRef {
        id: pack.id.clone(),
        sha256: pack.sha256.clone(),
    }));
    receipt
}

fn evidence_view(family: &Family, noun: &str, e: &rules::Evidence) -> EvidenceView {
    let (count, absent, possible) = match e.value {
        Measured::Count(n) => (Some(n), None, None),
        Measured::Flag(b) => (Some(u32::from(b)), None, None),
        Measured::Rate { absent, possible } => (None, Some(absent), Some(possible)),
        Measured::Unmeasured(_) => (None, None, None),
    };
    EvidenceView {
        member: e.member.and_then(|m| u32::try_from(m).ok()),
        label: rules::member_label(family, e.member),
        value: rules::describe_value(&e.value, noun),
        count,
        absent,
        possible,
        met: e.met,
    }
}

fn indicator_view(pack: &Pack, family: &Family, r: &IndicatorResult) -> Option<IndicatorView> {
    let ind = pack.indicators.get(r.index)?;
    let info = ind.measure.info();
    Some(IndicatorView {
        id: ind.id.clone(),
        title: ind.title.clone(),
        met: r.met,
        measure: info.id.to_owned(),
        who: ind.who.id().to_owned(),
        comparator: r.comparator.symbol().to_owned(),
        threshold: r.threshold.normalize().to_string(),
        rule: rules::describe_rule(ind, r.comparator, r.threshold),
        window: r.window.as_ref().map(|(w, span)| WindowView {
            unit: w.unit.id().to_owned(),
            length: w.length,
            from: span.from.to_string(),
            to: span.to.to_string(),
            terms: span
                .terms
                .iter()
                .filter_map(|&t| family.school_terms.get(t).map(|t| t.name.clone()))
                .collect(),
        }),
        kinds: r.kinds.clone(),
        parameters: r.parameters.clone(),
        evidence: r
            .evidence
            .iter()
            .map(|e| evidence_view(family, info.noun, e))
            .collect(),
        reason: r.reason.clone(),
        source: ind.source.clone(),
    })
}

pub(crate) fn parameter_use(pack: &Pack, id: &str, v: &DatedValue) -> Option<ParameterUseView> {
    let p = pack.parameter(id)?;
    Some(ParameterUseView {
        id: p.id.clone(),
        title: p.title.clone(),
        unit: p.unit.id().to_owned(),
        value: v.value.to_string(),
        from: v.from.to_string(),
        to: v.to.map(|d| d.to_string()),
        evidence: p.evidence.clone(),
        source: p.source.clone(),
    })
}

fn suggestion_view(pack: &Pack, s: &Suggestion) -> SuggestionView {
    let noun = pack
        .indicators
        .get(s.indicator)
        .map_or("", |i| i.measure.info().noun);
    SuggestionView {
        group: s.group.clone(),
        indicator: pack
            .indicators
            .get(s.indicator)
            .map(|i| i.id.clone())
            .unwrap_or_default(),
        member: s.member.and_then(|m| u32::try_from(m).ok()),
        before: rules::describe_value(&s.before, noun),
        after: rules::describe_value(&s.after, noun),
        status: s.status.into(),
        edits: s
            .edits
            .iter()
            .map(|e| EditView {
                op: e.op,
                path: e.path.clone(),
                value: (&e.value).into(),
            })
            .collect(),
        message: s.message.clone(),
    }
}

pub(super) fn success(
    pack: &Pack,
    family: &Family,
    a: &Assessment,
    suggestions: &[Suggestion],
    receipt: Receipt,
) -> EligibilitySuccess {
    let groups = |counted: bool| -> Vec<GroupView> {
        a.groups
            .iter()
            .filter(|g| g.counted == counted)
            .map(|g| GroupView {
                id: g.id.clone(),
                title: g.title.clone(),
                met: g.met,
                source: g.source.clone(),
                indicators: g
                    .indicators
                    .iter()
                    .filter_map(|r| indicator_view(pack, family, r))
                    .collect(),
            })
            .collect()
    };
    let day = family.assessment_date;
    let mut notes = Vec::new();
    if !a.in_force {
        notes.push(NoteView {
            code: "pack_not_in_force".to_owned(),
            message: format!(
                "The pack {} applies from {}{}; the assessment date {day} is outside it, so each parameter's value nearest that date was used.",
                pack.id,
                pack.valid_from,
                pack.valid_to.map_or_else(String::new, |to| format!(" to {to}"))
            ),
            path: Some("assessmentDate".to_owned()),
        });
    }
    let counts_indicators = pack
        .decision
        .iter()
        .any(|o| rules::counting_on(pack, &o.count, day) == rules::Counting::Indicators);
    EligibilitySuccess {
        pack: pack_ref(pack),
        in_force: a.in_force,
        assessment_date: day.to_string(),
        status: a.status.into(),
        eligible: a.status != Status::NotEligible,
        decision: rules::decision_sentence(pack, a, day),
        criteria_met: u32::try_from(a.criteria_met).unwrap_or(u32::MAX),
        criteria_total: u32::try_from(pack.criteria.len()).unwrap_or(u32::MAX),
        criteria_label: pack.criteria_label.clone(),
        indicators_met: counts_indicators
            .then(|| u32::try_from(a.indicators_met).unwrap_or(u32::MAX)),
        indicators_label: counts_indicators.then(|| pack.indicators_label.clone()),
        criteria: groups(true),
        filters: groups(false),
        members: family
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| MemberView {
                label: rules::member_label(family, Some(i)),
                age: family.age(m),
                child: family.is_child(m),
            })
            .collect(),
        parameters: a
            .parameters
            .iter()
            .filter_map(|(id, v)| parameter_use(pack, id, v))
            .collect(),
        what_would_change: suggestions
            .iter()
            .map(|s| suggestion_view(pack, s))
            .collect(),
        notes,
        receipt: with_pack(receipt, pack),
    }
}
