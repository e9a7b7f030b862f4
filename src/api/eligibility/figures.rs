//! `checkEligibilityFigures(call)`: the figures of `checkEligibility` alone.
//!
//! The same call, the same checks and the same `failure` answers; on success
//! only what a computation needs: the decision, the counts, each criterion and
//! filter met (with the ids of its indicators met), and the pack by id,
//! version and SHA-256 (its text, titles and parameters are in
//! `rulePacks()`). Nothing is explained: no sentences, labels, evidence,
//! parameters or "what would change", and none of it is worked out. The
//! receipt names the same versions as the explained answer's, without the
//! hash of the call (see [`FiguresReceipt`]).

use crate::json::Value;
use serde::Serialize;
use tsify::Tsify;

use super::read::{choose_pack, form_order, read_family, read_family_call};
use super::{with_pack, CheckEligibilityCall, StatusView};
use crate::api::{receipt, CallError, Failure, FiguresReceipt, TableRef};
use crate::error::Error;
use crate::family;
use crate::rules::{self, Pack, Status};

/// The function's name, in thrown errors.
const FIGURES: &str = "checkEligibilityFigures";

/// The answer to `checkEligibilityFigures`.
// Built once per call and serialised at once: boxing the large variant buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum EligibilityFiguresAnswer {
    /// The pack was applied (an ineligible family is a success too).
    Success(EligibilityFigures),
    /// Exactly the `failure` answer `checkEligibility` gives for the same call.
    Failure(Failure),
}

/// The decision and its counts, without explanations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EligibilityFigures {
    /// The pack applied, by id, version and SHA-256.
    pub pack: PackVersion,
    /// True when the assessment date is within the pack's dates.
    pub in_force: bool,
    /// The assessment date.
    pub assessment_date: String,
    /// The decision.
    pub status: StatusView,
    /// False only for `notEligible`.
    pub eligible: bool,
    /// Criteria (headline problems) met.
    pub criteria_met: u32,
    /// Criteria in the pack.
    pub criteria_total: u32,
    /// When the decision counts indicators (family needs) on the assessment
    /// date: how many of the criteria's indicators are met, each once.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub indicators_met: Option<u32>,
    /// Every criterion, in pack order.
    pub criteria: Vec<GroupFigures>,
    /// Every filter, in pack order.
    pub filters: Vec<GroupFigures>,
    /// The versions used (no input hash).
    pub receipt: FiguresReceipt,
}

/// A pack by id, version and SHA-256: its text is in `rulePacks()` (a
/// council's pack is the text the call sent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PackVersion {
    /// Id.
    pub id: String,
    /// Version label.
    pub version: String,
    /// SHA-256 (see README, "Eligibility").
    pub sha256: String,
    /// The built-in pack a council pack extends.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub extends: Option<String>,
}

impl PackVersion {
    /// The reference to `pack`.
    pub(crate) fn of(pack: &rules::Pack) -> Self {
        Self {
            id: pack.id.clone(),
            version: pack.version.clone(),
            sha256: pack.sha256.clone(),
            extends: pack.extends.clone(),
        }
    }
}

/// True when the pack's decision counts indicators (family needs) rather
/// than criteria on `day`: the figures then carry `indicatorsMet`.
pub(crate) fn counts_indicators(pack: &rules::Pack, day: crate::date::Date) -> bool {
    pack.decision
        .iter()
        .any(|o| rules::counting_on(pack, &o.count, day) == rules::Counting::Indicators)
}

/// A criterion or filter, met or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GroupFigures {
    /// Id.
    pub id: String,
    /// Met when any of its indicators is.
    pub met: bool,
    /// The ids of its indicators met, in pack order.
    pub met_indicators: Vec<String>,
}

/// The figures of [`super::check_eligibility`] for the same call: the same
/// checks and failures, and on success the decision and counts alone.
pub fn check_eligibility_figures(call: &CheckEligibilityCall) -> EligibilityFiguresAnswer {
    let mut errors = Vec::new();
    let pack = choose_pack(call, &mut errors);
    let family = read_family(call, &mut errors);
    // A failure is the explained one, receipt and input hash included.
    let fail = |mut errors: Vec<Error>, pack: Option<&Pack>| {
        family::sort_small_by_key(&mut errors, form_order);
        let receipt = receipt(call);
        let receipt = match pack {
            Some(p) => with_pack(receipt, p),
            None => receipt,
        };
        EligibilityFiguresAnswer::Failure(Failure::new(errors, receipt))
    };
    let Some(pack) = pack else {
        return fail(errors, None);
    };
    if !errors.is_empty() {
        return fail(errors, Some(&pack));
    }
    match rules::figures(&pack, &family) {
        Ok(f) => EligibilityFiguresAnswer::Success(success(&pack, family.assessment_date, &f)),
        Err(e) => fail(vec![e], Some(&pack)),
    }
}

/// [`check_eligibility_figures`] with JSON text in and out.
pub fn check_eligibility_figures_json(call: &str) -> Result<String, CallError> {
    crate::api::json_twin(FIGURES, call, check_eligibility_figures_value)
}

/// [`check_eligibility_figures`] of a call given as parsed JSON.
pub fn check_eligibility_figures_value(
    call: &Value,
) -> Result<EligibilityFiguresAnswer, CallError> {
    let call = read_family_call(call, "").map_err(|e| e.within(FIGURES, ""))?;
    Ok(check_eligibility_figures(&call))
}

fn success(pack: &Pack, day: crate::date::Date, f: &rules::Figures) -> EligibilityFigures {
    let t = &f.tally;
    let criteria = pack.criteria.len();
    let group = |(g, group): (usize, &rules::Group)| GroupFigures {
        id: group.id.clone(),
        met: t.groups_met.get(g).copied().unwrap_or(false),
        met_indicators: pack
            .indicators
            .iter()
            .zip(&f.group_of)
            .zip(&f.met)
            .filter(|((_, of), met)| **of == Some(g) && **met)
            .map(|((ind, _), _)| ind.id.clone())
            .collect(),
    };
    let counts_indicators = counts_indicators(pack, day);
    EligibilityFigures {
        pack: PackVersion::of(pack),
        in_force: f.in_force,
        assessment_date: day.to_string(),
        status: t.status.into(),
        eligible: t.status != Status::NotEligible,
        criteria_met: u32::try_from(t.criteria_met).unwrap_or(u32::MAX),
        criteria_total: u32::try_from(criteria).unwrap_or(u32::MAX),
        indicators_met: counts_indicators
            .then(|| u32::try_from(t.indicators_met).unwrap_or(u32::MAX)),
        criteria: pack.criteria.iter().enumerate().map(group).collect(),
        filters: pack
            .filters
            .iter()
            .enumerate()
            .map(|(k, g)| group((criteria.saturating_add(k), g)))
            .collect(),
        receipt: FiguresReceipt {
            rule_pack: Some(TableRef {
                id: pack.id.clone(),
                sha256: pack.sha256.clone(),
            }),
            ..FiguresReceipt::defaults()
        },
    }
}
