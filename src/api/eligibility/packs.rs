//! The packs as data: `rulePacks()`, `validateRulePack(json)`, `diffRulePack(json)`.

use serde::Serialize;
use sha2::{Digest, Sha256};
use tsify::Tsify;

use crate::api::{receipt, write_json, CallError, Failure, Receipt, TableRef, ENGINE_VERSION};
use crate::error::{Error, ErrorCode};
use crate::family::{self, Measure, ValueKind};
use crate::rules::{self, Pack};

use super::*;

// ------------------------------------------------------ packs as data

/// A pack, as listed by `rulePacks()` and returned by `validateRulePack`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PackSummary {
    /// Id, title, version, dates, base and hash.
    pub pack: PackRef,
    /// Where its rules come from.
    pub source: String,
    /// What its criteria are called ("national criteria", "headline problems").
    pub criteria_label: String,
    /// Its criteria (or headline problems).
    pub criteria: Vec<GroupSummary>,
    /// Its filters (the local filter).
    pub filters: Vec<GroupSummary>,
    /// How many parameters and indicators it has.
    pub parameter_count: u32,
    /// How many indicators it has.
    pub indicator_count: u32,
    /// For a built-in pack, its JSON text exactly as shipped (`JSON.parse` it
    /// to read every parameter, indicator and source; its SHA-256 is `pack.sha256`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub json: Option<String>,
}

/// A criterion or filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GroupSummary {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
}

/// A measure the engine can take, for pack authors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct MeasureView {
    /// The name in packs.
    pub id: String,
    /// What it counts.
    pub description: String,
    /// `count`, `rate` or `flag`.
    pub kind: ValueKind,
    /// `member` or `family`.
    pub level: family::Level,
    /// Windows it accepts: `months`, `terms`.
    pub windows: Vec<String>,
    /// True when it needs a window.
    pub window_required: bool,
    /// Kinds it can be filtered on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub kinds: Option<Vec<String>>,
}

/// Kinds used in family records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct KindsView {
    /// Member roles.
    pub roles: Vec<String>,
    /// ASB interventions.
    pub asb: Vec<String>,
    /// Exclusions.
    pub exclusions: Vec<String>,
    /// Reasons for alternative provision.
    pub provision: Vec<String>,
    /// Out-of-work benefits.
    pub benefits: Vec<String>,
    /// Circumstances (the 2022 framework's needs: pregnancy, housing, debt, …).
    pub circumstances: Vec<String>,
    /// Kinds of exploitation of a child.
    pub exploitation: Vec<String>,
}

/// The answer to `rulePacks()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum RulePacksAnswer {
    /// The built-in packs and the catalogue of measures.
    Success(RulePacksSuccess),
    /// The built-in packs could not be read (a packaging fault).
    Failure(Failure),
}

/// The built-in packs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RulePacksSuccess {
    /// The packs.
    pub packs: Vec<PackSummary>,
    /// What indicators can measure.
    pub measures: Vec<MeasureView>,
    /// Kinds used in family records.
    pub kinds: KindsView,
    /// Engine version.
    pub engine_version: String,
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A pack, summarised.
pub fn pack_summary(pack: &Pack, json: Option<&str>) -> PackSummary {
    let group = |g: &rules::Group| GroupSummary {
        id: g.id.clone(),
        title: g.title.clone(),
    };
    PackSummary {
        pack: pack_ref(pack),
        source: pack.source.clone(),
        criteria_label: pack.criteria_label.clone(),
        criteria: pack.criteria.iter().map(group).collect(),
        filters: pack.filters.iter().map(group).collect(),
        parameter_count: count(pack.parameters.len()),
        indicator_count: count(pack.indicators.len()),
        json: json.map(str::to_owned),
    }
}

/// The built-in packs, the measures packs can use, and the kinds of facts.
pub fn rule_packs() -> RulePacksAnswer {
    match rules::built_in() {
        Ok(packs) => RulePacksAnswer::Success(RulePacksSuccess {
            packs: packs
                .iter()
                .map(|p| {
                    let text = rules::BUILT_IN
                        .iter()
                        .find(|(id, _)| *id == p.id)
                        .map(|(_, t)| *t);
                    pack_summary(p, text)
                })
                .collect(),
            measures: Measure::ALL
                .iter()
                .map(|m| {
                    let info = m.info();
                    MeasureView {
                        id: info.id.to_owned(),
                        description: info.noun.to_owned(),
                        kind: info.kind,
                        level: info.level,
                        windows: info.windows.iter().map(|u| u.id().to_owned()).collect(),
                        window_required: info.window_required,
                        kinds: info.kinds.map(strings),
                    }
                })
                .collect(),
            kinds: KindsView {
                roles: strings(family::ROLES),
                asb: strings(family::ASB_KINDS),
                exclusions: strings(family::EXCLUSION_KINDS),
                provision: strings(family::PROVISION_REASONS),
                benefits: strings(family::BENEFIT_KINDS),
                circumstances: strings(family::CIRCUMSTANCE_KINDS),
                exploitation: strings(family::EXPLOITATION_KINDS),
            },
            engine_version: ENGINE_VERSION.to_owned(),
        }),
        Err(e) => RulePacksAnswer::Failure(Failure::new(vec![e], receipt(&()))),
    }
}

/// [`rule_packs`] as JSON text.
pub fn rule_packs_json() -> Result<String, CallError> {
    write_json("rulePacks", &rule_packs())
}

/// The answer to `validateRulePack(json)`.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ValidateRulePackAnswer {
    /// The pack is sound; here it is as the engine reads it (a council pack
    /// merged onto its base).
    Success(ValidPack),
    /// Every problem, each with its JSON path in the pack.
    Failure(Failure),
}

/// A sound pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ValidPack {
    /// The pack.
    pub pack: PackSummary,
    /// Receipt (the input hash is the SHA-256 of the text).
    pub receipt: Receipt,
}

/// A receipt for a call whose input is a pack's text: its hash is the text's.
fn text_receipt(text: &str) -> Receipt {
    let mut r = receipt(&());
    r.input_sha256 = crate::costs::hex(&Sha256::digest(text.as_bytes()));
    r
}

/// Reads and checks a pack's JSON text (a full pack, or a council pack that
/// extends a built-in one), reporting every problem with its path.
pub fn validate_rule_pack(text: &str) -> ValidateRulePackAnswer {
    let receipt = text_receipt(text);
    match rules::load(text) {
        Ok(loaded) => ValidateRulePackAnswer::Success(ValidPack {
            pack: pack_summary(&loaded.pack, None),
            receipt: with_pack(receipt, &loaded.pack),
        }),
        Err(errors) => ValidateRulePackAnswer::Failure(Failure::new(errors, receipt)),
    }
}

/// [`validate_rule_pack`] with JSON text out.
pub fn validate_rule_pack_json(text: &str) -> Result<String, CallError> {
    write_json("validateRulePack", &validate_rule_pack(text))
}

/// The answer to `diffRulePack(json)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum DiffRulePackAnswer {
    /// What the council pack changes against its base.
    Success(PackDiff),
    /// The pack has problems, or extends no built-in pack.
    Failure(Failure),
}

/// What a council pack changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PackDiff {
    /// The built-in base pack.
    pub base: TableRef,
    /// The council pack.
    pub pack: TableRef,
    /// Every difference.
    pub changes: Vec<rules::Change>,
    /// Receipt.
    pub receipt: Receipt,
}

/// Lists what a council pack (JSON text) changes against its built-in base.
pub fn diff_rule_pack(text: &str) -> DiffRulePackAnswer {
    let receipt = text_receipt(text);
    let fail = |errors: Vec<Error>, receipt: Receipt| {
        DiffRulePackAnswer::Failure(Failure::new(errors, receipt))
    };
    match rules::load(text) {
        Ok(rules::Loaded {
            pack,
            base: Some(base),
        }) => DiffRulePackAnswer::Success(PackDiff {
            base: TableRef {
                id: base.id.clone(),
                sha256: base.sha256.clone(),
            },
            pack: TableRef {
                id: pack.id.clone(),
                sha256: pack.sha256.clone(),
            },
            changes: rules::diff(base, &pack),
            receipt: with_pack(receipt, &pack),
        }),
        Ok(_) => fail(
            vec![Error::new(
                ErrorCode::InvalidField,
                "This pack extends no built-in pack, so there is nothing to compare it with; add \"extends\": \"tf-2012\" or \"tf-2015\".",
            )
            .at("extends")],
            receipt,
        ),
        Err(errors) => fail(errors, receipt),
    }
}

/// [`diff_rule_pack`] with JSON text out.
pub fn diff_rule_pack_json(text: &str) -> Result<String, CallError> {
    write_json("diffRulePack", &diff_rule_pack(text))
}
