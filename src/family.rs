//! The family record: who is in the household and the dated facts an officer
//! can supply about them, and the counts and rates derived from those facts.
//!
//! Facts are recorded as they happen (an offence on a day, a school term's
//! sessions, a benefit claim from a day), never as pre-computed answers to a
//! rule. Rules then ask for a [`Measure`] of the family over a [`Window`]
//! measured back from the assessment date:
//!
//! - **N months**: from [`Date::months_before`]`(N)` to the assessment date,
//!   both days included (so an offence exactly 12 months before the
//!   assessment counts, and one a day earlier does not).
//! - **N terms**: the last N of the family's school terms that started on or
//!   before the assessment date; the window runs from the first of them to the
//!   assessment date. Absence rates add up the sessions of those terms.
//! - **no window**: events at any time up to the assessment date; claims and
//!   jobs that cover the assessment date.
//!
//! A member is a child under [`CHILD_AGE_LIMIT`] on the assessment date, from
//! their date of birth (or the age the officer gave). Nothing here knows about
//! rule packs; [`crate::rules`] compares these measures with thresholds.

use serde::Serialize;
use tsify::Tsify;

use crate::date::Date;
use crate::error::{Error, ErrorCode};

/// Sorts a short list stably by a key. A hand-written insertion sort: each
/// type the standard library sorts costs kilobytes of WebAssembly, and the
/// lists sorted here (terms, dated values, errors) hold a handful of items.
pub(crate) fn sort_small_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while let Some(before) = j.checked_sub(1) {
            match (items.get(before), items.get(j)) {
                (Some(a), Some(b)) if key(a) > key(b) => items.swap(before, j),
                _ => break,
            }
            j = before;
        }
    }
}

/// Members younger than this on the assessment date are children.
pub const CHILD_AGE_LIMIT: u16 = 18;

pub use crate::kinds::{
    AsbKind, BenefitKind, CircumstanceKind, ExclusionKind, ExploitationKind, ProvisionReason, Role,
    ASB_KINDS, BENEFIT_KINDS, CIRCUMSTANCE_KINDS, EXCLUSION_KINDS, EXPLOITATION_KINDS,
    PROVISION_REASONS, ROLES,
};

/// A household assessed on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// The day the family is assessed (identified); windows end on it.
    pub assessment_date: Date,
    /// The members, in the order the officer entered them.
    pub members: Vec<Member>,
    /// The school terms the children attend, in any order.
    pub school_terms: Vec<Term>,
    /// Domestic abuse incidents at the home (kind empty).
    pub domestic_abuse: Vec<Event>,
    /// The officer records that the family meets the council's own (local)
    /// criterion of particular concern.
    pub local_concern: bool,
}

/// How old a member is: a date of birth, or an age in whole years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Birth {
    /// Date of birth.
    DateOfBirth(Date),
    /// Age in whole years on the assessment date.
    Age(u16),
}

/// A member of the household and the facts about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// A name or label the officer uses ("Mother", "Jordan").
    pub name: String,
    /// Role in the household.
    pub role: Role,
    /// Date of birth or age.
    pub birth: Birth,
    /// Proven offences (kind empty).
    pub offences: Vec<Event>,
    /// ASB interventions, kind from [`ASB_KINDS`].
    pub asb: Vec<Event>,
    /// School exclusions, kind from [`EXCLUSION_KINDS`].
    pub exclusions: Vec<Event>,
    /// Sessions per school term.
    pub attendance: Vec<Attendance>,
    /// In a pupil referral unit or alternative provision, and why ([`PROVISION_REASONS`]).
    pub alternative_provision: Option<ProvisionReason>,
    /// Of school age but not on any school's roll.
    pub not_on_school_roll: bool,
    /// Out-of-work benefit claims, kind from [`BENEFIT_KINDS`].
    pub benefits: Vec<Spell>,
    /// Jobs (kind empty).
    pub employment: Vec<Spell>,
    /// A child in need (Children Act 1989 s17).
    pub child_in_need: bool,
    /// A child on a child protection plan.
    pub child_protection_plan: bool,
    /// A mental health problem.
    pub mental_health: bool,
    /// Drug or alcohol misuse.
    pub substance_misuse: bool,
    /// A vulnerable new mother.
    pub new_mother: bool,
    /// Circumstances that last a while (pregnancy, special educational needs,
    /// homelessness, problem debt …), kind from [`CIRCUMSTANCE_KINDS`].
    pub circumstances: Vec<Spell>,
    /// Incidents of exploitation of a child, kind from [`EXPLOITATION_KINDS`].
    pub exploitation: Vec<Event>,
    /// Missing episodes: days the member was reported missing (kind empty).
    pub missing_episodes: Vec<Event>,
}

/// Something that happened on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The day.
    pub date: Date,
    /// Its kind (an [`AsbKind`] or [`ExclusionKind`] as written), or empty
    /// when the fact has no kinds.
    pub kind: &'static str,
}

/// A benefit claim or a job, from a day, until a day or still going.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spell {
    /// Its kind (a [`BenefitKind`] as written), or empty when the fact has
    /// no kinds.
    pub kind: &'static str,
    /// First day.
    pub from: Date,
    /// Last day, if it has ended (or is due to).
    pub to: Option<Date>,
}

/// A school term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Its name, e.g. "Autumn 2014"; attendance refers to it.
    pub name: String,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
}

/// One child's sessions in one term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    /// Index of the term in [`Family::school_terms`].
    pub term: usize,
    /// Sessions the child could have attended.
    pub possible: u32,
    /// Sessions missed with the school's authorisation.
    pub authorised: u32,
    /// Sessions missed without it.
    pub unauthorised: u32,
}

/// Who an indicator looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Members under [`CHILD_AGE_LIMIT`].
    Children,
    /// Members of [`CHILD_AGE_LIMIT`] or over.
    Adults,
    /// Every member.
    Anyone,
    /// The household as a whole (for family-level measures).
    Family,
}

impl Who {
    /// Every scope, by its name in rule packs.
    pub const ALL: [Who; 4] = [Who::Children, Who::Adults, Who::Anyone, Who::Family];

    /// The name in rule packs.
    pub fn id(self) -> &'static str {
        match self {
            Who::Children => "children",
            Who::Adults => "adults",
            Who::Anyone => "anyone",
            Who::Family => "family",
        }
    }

    /// Reads a name used in rule packs.
    pub fn parse(text: &str) -> Option<Who> {
        Who::ALL.into_iter().find(|w| w.id() == text)
    }
}

/// How a window is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowUnit {
    /// Calendar months back from the assessment date.
    Months,
    /// The family's last school terms.
    Terms,
}

impl WindowUnit {
    /// The name in rule packs.
    pub fn id(self) -> &'static str {
        match self {
            WindowUnit::Months => "months",
            WindowUnit::Terms => "terms",
        }
    }
}

/// A window: N months or N terms back from the assessment date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Months or terms.
    pub unit: WindowUnit,
    /// How many.
    pub length: u32,
}

/// The days a window covers for one family, and the terms it takes in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// First day.
    pub from: Date,
    /// Last day (the assessment date).
    pub to: Date,
    /// For a terms window, the indices of the terms, earliest first.
    pub terms: Vec<usize>,
}

/// What a measure counts (`count`, `rate`, `flag` on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum ValueKind {
    /// A whole number of events, claims or incidents.
    Count,
    /// Absent sessions over possible sessions.
    Rate,
    /// True or false (compared as 1 or 0).
    Flag,
}

/// Whether a measure is taken per member or for the household (`member`,
/// `family` on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Per member.
    Member,
    /// For the household.
    Family,
}

/// Everything the rules can measure about a family. Rule packs name these
/// (`"measure": "unauthorisedAbsence"`); a new measure needs a new engine,
/// a new rule over existing measures only a new pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Proven offences in the window.
    ProvenOffences,
    /// ASB interventions in the window (kinds filter).
    AsbInterventions,
    /// Fixed-term exclusions in the window.
    FixedTermExclusions,
    /// Permanent exclusions in the window.
    PermanentExclusions,
    /// Unauthorised absent sessions over possible sessions in the window's terms.
    UnauthorisedAbsence,
    /// Absent sessions (authorised and unauthorised) over possible sessions.
    OverallAbsence,
    /// In a PRU or alternative provision (kinds filter on the reason).
    AlternativeProvision,
    /// Not on a school roll.
    NotOnSchoolRoll,
    /// Out-of-work benefit claims covering the assessment date or the window (kinds filter).
    OutOfWorkBenefit,
    /// Jobs covering the assessment date or the window.
    InWork,
    /// A child in need.
    ChildInNeed,
    /// A child protection plan.
    ChildProtectionPlan,
    /// A mental health problem.
    MentalHealth,
    /// Drug or alcohol misuse.
    SubstanceMisuse,
    /// A vulnerable new mother.
    NewMother,
    /// Domestic abuse incidents in the window (household).
    DomesticAbuse,
    /// The officer's record that the family meets the council's local criterion.
    LocalConcern,
    /// A member of the household (with `who`: a child in the household).
    InHousehold,
    /// Expectant parent: circumstances of that kind covering the assessment date or the window.
    ExpectantParent,
    /// A concern about early years development (a circumstance).
    EarlyYearsConcern,
    /// Special educational needs (a circumstance).
    SpecialEducationalNeeds,
    /// Not in education, employment or training (a circumstance).
    NotInEducationEmploymentOrTraining,
    /// A physical health problem (a circumstance).
    PhysicalHealth,
    /// Parental conflict (a circumstance).
    ParentalConflict,
    /// Homeless (a circumstance).
    Homeless,
    /// In temporary accommodation (a circumstance).
    TemporaryAccommodation,
    /// At risk of eviction (a circumstance).
    RiskOfEviction,
    /// Rent arrears (a circumstance).
    RentArrears,
    /// Problem debt (a circumstance).
    ProblemDebt,
    /// Incidents of exploitation in the window (kinds filter).
    ChildExploitation,
    /// Missing episodes in the window.
    MissingEpisodes,
}

/// What a measure is, for validation, explanations and the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasureInfo {
    /// The name in rule packs.
    pub id: &'static str,
    /// What it counts, for sentences ("fixed-term exclusions").
    pub noun: &'static str,
    /// Count, rate or flag.
    pub kind: ValueKind,
    /// Per member or for the household.
    pub level: Level,
    /// The windows it accepts.
    pub windows: &'static [WindowUnit],
    /// True when it needs a window.
    pub window_required: bool,
    /// The kinds it can be filtered on, if any.
    pub kinds: Option<&'static [&'static str]>,
}

const EVENT_WINDOWS: &[WindowUnit] = &[WindowUnit::Months, WindowUnit::Terms];
const TERMS_ONLY: &[WindowUnit] = &[WindowUnit::Terms];
const MONTHS_ONLY: &[WindowUnit] = &[WindowUnit::Months];

/// The measures of circumstances: each counts the member's circumstances of
/// one kind (its name in packs, and what it is in sentences).
const CIRCUMSTANCE_MEASURES: [(Measure, CircumstanceKind, &str, &str); 11] = [
    (
        Measure::ExpectantParent,
        CircumstanceKind::ExpectantParent,
        "expectantParent",
        "expectant parent records",
    ),
    (
        Measure::EarlyYearsConcern,
        CircumstanceKind::EarlyYearsConcern,
        "earlyYearsConcern",
        "early years development concerns",
    ),
    (
        Measure::SpecialEducationalNeeds,
        CircumstanceKind::SpecialEducationalNeeds,
        "specialEducationalNeeds",
        "special educational needs records",
    ),
    (
        Measure::NotInEducationEmploymentOrTraining,
        CircumstanceKind::NotInEducationEmploymentOrTraining,
        "notInEducationEmploymentOrTraining",
        "not in education, employment or training (NEET) records",
    ),
    (
        Measure::PhysicalHealth,
        CircumstanceKind::PhysicalHealth,
        "physicalHealth",
        "physical health problems",
    ),
    (
        Measure::ParentalConflict,
        CircumstanceKind::ParentalConflict,
        "parentalConflict",
        "parental conflict records",
    ),
    (
        Measure::Homeless,
        CircumstanceKind::Homeless,
        "homeless",
        "homelessness records",
    ),
    (
        Measure::TemporaryAccommodation,
        CircumstanceKind::TemporaryAccommodation,
        "temporaryAccommodation",
        "temporary accommodation records",
    ),
    (
        Measure::RiskOfEviction,
        CircumstanceKind::RiskOfEviction,
        "riskOfEviction",
        "risk of eviction records",
    ),
    (
        Measure::RentArrears,
        CircumstanceKind::RentArrears,
        "rentArrears",
        "rent arrears records",
    ),
    (
        Measure::ProblemDebt,
        CircumstanceKind::ProblemDebt,
        "problemDebt",
        "problem debt records",
    ),
];

impl Measure {
    /// Every measure, in catalogue order.
    pub const ALL: [Measure; 31] = [
        Measure::ProvenOffences,
        Measure::AsbInterventions,
        Measure::FixedTermExclusions,
        Measure::PermanentExclusions,
        Measure::UnauthorisedAbsence,
        Measure::OverallAbsence,
        Measure::AlternativeProvision,
        Measure::NotOnSchoolRoll,
        Measure::OutOfWorkBenefit,
        Measure::InWork,
        Measure::ChildInNeed,
        Measure::ChildProtectionPlan,
        Measure::MentalHealth,
        Measure::SubstanceMisuse,
        Measure::NewMother,
        Measure::DomesticAbuse,
        Measure::LocalConcern,
        Measure::InHousehold,
        Measure::ExpectantParent,
        Measure::EarlyYearsConcern,
        Measure::SpecialEducationalNeeds,
        Measure::NotInEducationEmploymentOrTraining,
        Measure::PhysicalHealth,
        Measure::ParentalConflict,
        Measure::Homeless,
        Measure::TemporaryAccommodation,
        Measure::RiskOfEviction,
        Measure::RentArrears,
        Measure::ProblemDebt,
        Measure::ChildExploitation,
        Measure::MissingEpisodes,
    ];

    /// The kind of circumstance a circumstance measure counts.
    pub fn circumstance(self) -> Option<CircumstanceKind> {
        CIRCUMSTANCE_MEASURES
            .iter()
            .find(|(m, ..)| *m == self)
            .map(|(_, kind, ..)| *kind)
    }

    /// Its description.
    pub fn info(self) -> MeasureInfo {
        use Level::{Family as F, Member as M};
        use ValueKind::{Count, Flag, Rate};
        let (id, noun, kind, level, windows, window_required, kinds): (
            _,
            _,
            _,
            _,
            &'static [WindowUnit],
            _,
            _,
        ) = match self {
            Measure::ProvenOffences => (
                "provenOffences",
                "proven offences",
                Count,
                M,
                EVENT_WINDOWS,
                false,
                None,
            ),
            Measure::AsbInterventions => (
                "asbInterventions",
                "anti-social behaviour interventions",
                Count,
                M,
                EVENT_WINDOWS,
                false,
                Some(ASB_KINDS),
            ),
            Measure::FixedTermExclusions => (
                "fixedTermExclusions",
                "fixed-term exclusions",
                Count,
                M,
                EVENT_WINDOWS,
                false,
                None,
            ),
            Measure::PermanentExclusions => (
                "permanentExclusions",
                "permanent exclusions",
                Count,
                M,
                EVENT_WINDOWS,
                false,
                None,
            ),
            Measure::UnauthorisedAbsence => (
                "unauthorisedAbsence",
                "unauthorised absence",
                Rate,
                M,
                TERMS_ONLY,
                true,
                None,
            ),
            Measure::OverallAbsence => (
                "overallAbsence",
                "absence (authorised and unauthorised)",
                Rate,
                M,
                TERMS_ONLY,
                true,
                None,
            ),
            Measure::AlternativeProvision => (
                "alternativeProvision",
                "in a pupil referral unit or alternative provision",
                Flag,
                M,
                &[],
                false,
                Some(PROVISION_REASONS),
            ),
            Measure::NotOnSchoolRoll => (
                "notOnSchoolRoll",
                "not on a school roll",
                Flag,
                M,
                &[],
                false,
                None,
            ),
            Measure::OutOfWorkBenefit => (
                "outOfWorkBenefit",
                "out-of-work benefit claims",
                Count,
                M,
                MONTHS_ONLY,
                false,
                Some(BENEFIT_KINDS),
            ),
            Measure::InWork => ("inWork", "jobs", Count, M, MONTHS_ONLY, false, None),
            Measure::ChildInNeed => ("childInNeed", "a child in need", Flag, M, &[], false, None),
            Measure::ChildProtectionPlan => (
                "childProtectionPlan",
                "on a child protection plan",
                Flag,
                M,
                &[],
                false,
                None,
            ),
            Measure::MentalHealth => (
                "mentalHealth",
                "a mental health problem",
                Flag,
                M,
                &[],
                false,
                None,
            ),
            Measure::SubstanceMisuse => (
                "substanceMisuse",
                "drug or alcohol misuse",
                Flag,
                M,
                &[],
                false,
                None,
            ),
            Measure::NewMother => (
                "newMother",
                "a vulnerable new mother",
                Flag,
                M,
                &[],
                false,
                None,
            ),
            Measure::DomesticAbuse => (
                "domesticAbuse",
                "domestic abuse incidents",
                Count,
                F,
                MONTHS_ONLY,
                false,
                None,
            ),
            Measure::LocalConcern => (
                "localConcern",
                "meets the council's local criterion",
                Flag,
                F,
                &[],
                false,
                None,
            ),
            Measure::InHousehold => ("inHousehold", "in the household", Flag, M, &[], false, None),
            Measure::ChildExploitation => (
                "childExploitation",
                "exploitation incidents",
                Count,
                M,
                MONTHS_ONLY,
                false,
                Some(EXPLOITATION_KINDS),
            ),
            Measure::MissingEpisodes => (
                "missingEpisodes",
                "missing episodes",
                Count,
                M,
                MONTHS_ONLY,
                false,
                None,
            ),
            // The circumstances, counted as claims and jobs are: spells
            // covering the assessment date (no window) or any day of the window.
            _ => {
                let (id, noun) = CIRCUMSTANCE_MEASURES
                    .iter()
                    .find(|(m, ..)| *m == self)
                    .map_or(("", ""), |(_, _, id, noun)| (*id, *noun));
                (id, noun, Count, M, MONTHS_ONLY, false, None)
            }
        };
        MeasureInfo {
            id,
            noun,
            kind,
            level,
            windows,
            window_required,
            kinds,
        }
    }

    /// Reads a name used in rule packs.
    pub fn parse(text: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.info().id == text)
    }
}

/// A measure taken of one member (or the household).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measured {
    /// How many.
    Count(u32),
    /// Absent sessions out of possible sessions.
    Rate {
        /// Absent sessions.
        absent: u64,
        /// Possible sessions (more than zero).
        possible: u64,
    },
    /// Yes or no.
    Flag(bool),
    /// Cannot be measured, and why (a sentence fragment: "no attendance is recorded …").
    Unmeasured(&'static str),
}

impl Family {
    /// A member's age in whole years on the assessment date.
    pub fn age(&self, member: &Member) -> u16 {
        match member.birth {
            Birth::DateOfBirth(born) => born.age_on(self.assessment_date),
            Birth::Age(years) => years,
        }
    }

    /// True for a member under [`CHILD_AGE_LIMIT`] on the assessment date.
    pub fn is_child(&self, member: &Member) -> bool {
        self.age(member) < CHILD_AGE_LIMIT
    }

    /// The indices of the members a scope takes in (none for [`Who::Family`]).
    pub fn in_scope(&self, who: Who) -> Vec<usize> {
        self.members
            .iter()
            .enumerate()
            .filter(|(_, m)| match who {
                Who::Children => self.is_child(m),
                Who::Adults => !self.is_child(m),
                Who::Anyone => true,
                Who::Family => false,
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The days (and terms) a window covers; `Err` with the reason when a
    /// terms window finds no term started by the assessment date.
    pub fn span(&self, window: Window) -> Result<Span, &'static str> {
        let to = self.assessment_date;
        match window.unit {
            WindowUnit::Months => Ok(Span {
                from: to.months_before(window.length),
                to,
                terms: Vec::new(),
            }),
            WindowUnit::Terms => {
                let mut started: Vec<usize> = (0..self.school_terms.len())
                    .filter(|&i| self.school_terms.get(i).is_some_and(|t| t.start <= to))
                    .collect();
                sort_small_by_key(&mut started, |&i| self.school_terms.get(i).map(|t| t.start));
                let keep = usize::try_from(window.length).unwrap_or(usize::MAX);
                let terms: Vec<usize> = started
                    .iter()
                    .skip(started.len().saturating_sub(keep))
                    .copied()
                    .collect();
                let from = terms
                    .first()
                    .and_then(|&i| self.school_terms.get(i))
                    .map(|t| t.start)
                    .ok_or(
                        "no school term starting on or before the assessment date is recorded",
                    )?;
                Ok(Span { from, to, terms })
            }
        }
    }

    /// Measures one member (`Some(index)`) or the household (`None`) over a
    /// span (`None`: no window), counting only the given kinds when a filter is
    /// given. Asking a family-level measure of a member, or the reverse, gives
    /// [`Measured::Unmeasured`].
    pub fn measure(
        &self,
        measure: Measure,
        member: Option<usize>,
        span: Option<&Span>,
        kinds: Option<&[String]>,
    ) -> Measured {
        let a = self.assessment_date;
        let in_window = |d: Date| span.map_or(d <= a, |s| s.from <= d && d <= s.to);
        let kind_ok = |k: &str| kinds.is_none_or(|ks| ks.iter().any(|x| x == k));
        let count = |n: usize| Measured::Count(u32::try_from(n).unwrap_or(u32::MAX));
        // Exclusions are one list, told apart by a fixed kind; other events
        // take the indicator's kinds filter, if any.
        let events = |list: &[Event], fixed: Option<&str>| {
            count(
                list.iter()
                    .filter(|e| in_window(e.date))
                    .filter(|e| fixed.map_or_else(|| kind_ok(e.kind), |k| e.kind == k))
                    .count(),
            )
        };
        // A claim or job counts when it covers the assessment date (no window)
        // or any day of the window.
        let spells = |list: &[Spell]| {
            let (from, to) = span.map_or((a, a), |s| (s.from, s.to));
            count(
                list.iter()
                    .filter(|s| s.from <= to && s.to.is_none_or(|end| end >= from))
                    .filter(|s| kind_ok(s.kind))
                    .count(),
            )
        };
        let Some(index) = member else {
            return match measure {
                Measure::DomesticAbuse => events(&self.domestic_abuse, None),
                Measure::LocalConcern => Measured::Flag(self.local_concern),
                _ => Measured::Unmeasured("this is measured per member"),
            };
        };
        let Some(m) = self.members.get(index) else {
            return Measured::Unmeasured("there is no such member");
        };
        match measure {
            Measure::ProvenOffences => events(&m.offences, None),
            Measure::AsbInterventions => events(&m.asb, None),
            Measure::FixedTermExclusions => events(&m.exclusions, Some("fixedTerm")),
            Measure::PermanentExclusions => events(&m.exclusions, Some("permanent")),
            Measure::UnauthorisedAbsence | Measure::OverallAbsence => {
                let terms = span.map_or(&[][..], |s| &s.terms[..]);
                let mut absent: u64 = 0;
                let mut possible: u64 = 0;
                for record in m.attendance.iter().filter(|r| terms.contains(&r.term)) {
                    let missed = if measure == Measure::OverallAbsence {
                        u64::from(record.authorised).saturating_add(u64::from(record.unauthorised))
                    } else {
                        u64::from(record.unauthorised)
                    };
                    absent = absent.saturating_add(missed);
                    possible = possible.saturating_add(u64::from(record.possible));
                }
                if possible == 0 {
                    Measured::Unmeasured("no possible sessions are recorded for those terms")
                } else {
                    Measured::Rate { absent, possible }
                }
            }
            Measure::AlternativeProvision => Measured::Flag(
                m.alternative_provision
                    .is_some_and(|reason| kind_ok(reason.as_str())),
            ),
            Measure::NotOnSchoolRoll => Measured::Flag(m.not_on_school_roll),
            Measure::OutOfWorkBenefit => spells(&m.benefits),
            Measure::InWork => spells(&m.employment),
            Measure::ChildInNeed => Measured::Flag(m.child_in_need),
            Measure::ChildProtectionPlan => Measured::Flag(m.child_protection_plan),
            Measure::MentalHealth => Measured::Flag(m.mental_health),
            Measure::SubstanceMisuse => Measured::Flag(m.substance_misuse),
            Measure::NewMother => Measured::Flag(m.new_mother),
            Measure::InHousehold => Measured::Flag(true),
            Measure::ChildExploitation => events(&m.exploitation, None),
            Measure::MissingEpisodes => events(&m.missing_episodes, None),
            _ => match measure.circumstance() {
                Some(kind) => {
                    let (from, to) = span.map_or((a, a), |s| (s.from, s.to));
                    count(
                        m.circumstances
                            .iter()
                            .filter(|s| s.kind == kind.as_str())
                            .filter(|s| s.from <= to && s.to.is_none_or(|end| end >= from))
                            .count(),
                    )
                }
                None => Measured::Unmeasured("this is measured for the household"),
            },
        }
    }

    /// Every inconsistency in the record, each with the path of its field in
    /// the `checkEligibility` call: facts dated after the assessment date, ends
    /// before starts, more absences than sessions, overlapping or repeated terms.
    pub fn problems(&self) -> Vec<Error> {
        let a = self.assessment_date;
        let mut errors = Vec::new();
        let after = |what: &str, d: Date, path: String| {
            Error::new(
                ErrorCode::DateOutOfRange,
                format!("The {what} ({d}) is after the assessment date ({a}); enter facts up to the assessment date."),
            )
            .at(path)
        };
        // Paths are written only for a problem: this runs for every family of a cohort.
        let events =
            |list: &[Event], what: &str, path: &dyn Fn() -> String, errors: &mut Vec<Error>| {
                for (j, e) in list.iter().enumerate() {
                    if e.date > a {
                        errors.push(after(what, e.date, format!("{}[{j}].date", path())));
                    }
                }
            };
        for (t, term) in self.school_terms.iter().enumerate() {
            if term.end < term.start {
                errors.push(
                    Error::new(
                        ErrorCode::DateOutOfRange,
                        format!(
                            "The term \"{}\" ends ({}) before it starts ({}).",
                            term.name, term.end, term.start
                        ),
                    )
                    .at(format!("schoolTerms[{t}].end")),
                );
            }
            for (u, other) in self.school_terms.iter().enumerate().take(t) {
                if other.name == term.name {
                    errors.push(
                        Error::new(
                            ErrorCode::DuplicateId,
                            format!(
                                "Two terms are called \"{}\"; give each term its own name.",
                                term.name
                            ),
                        )
                        .at(format!("schoolTerms[{t}].name")),
                    );
                } else if term.start <= other.end && other.start <= term.end {
                    errors.push(
                        Error::new(
                            ErrorCode::OverlappingDates,
                            format!(
                                "The term \"{}\" ({} to {}) overlaps \"{}\" (term {}).",
                                term.name,
                                term.start,
                                term.end,
                                other.name,
                                u.saturating_add(1)
                            ),
                        )
                        .at(format!("schoolTerms[{t}].start")),
                    );
                }
            }
        }
        events(
            &self.domestic_abuse,
            "domestic abuse incident",
            &|| "domesticAbuse".to_owned(),
            &mut errors,
        );
        for (i, m) in self.members.iter().enumerate() {
            let at = |field: &str| format!("members[{i}].{field}");
            if let Birth::DateOfBirth(born) = m.birth {
                if born > a {
                    errors.push(after("date of birth", born, at("dateOfBirth")));
                }
            }
            events(&m.offences, "offence", &|| at("offences"), &mut errors);
            events(&m.asb, "ASB intervention", &|| at("asb"), &mut errors);
            events(
                &m.exclusions,
                "exclusion",
                &|| at("exclusions"),
                &mut errors,
            );
            events(
                &m.exploitation,
                "exploitation incident",
                &|| at("exploitation"),
                &mut errors,
            );
            events(
                &m.missing_episodes,
                "missing episode",
                &|| at("missingEpisodes"),
                &mut errors,
            );
            for (field, what, list) in [
                ("benefits", "claim", &m.benefits),
                ("employment", "job", &m.employment),
                ("circumstances", "circumstance", &m.circumstances),
            ] {
                for (j, s) in list.iter().enumerate() {
                    if s.from > a {
                        errors.push(after(
                            &format!("start of the {what}"),
                            s.from,
                            at(&format!("{field}[{j}].from")),
                        ));
                    }
                    if let Some(to) = s.to.filter(|&to| to < s.from) {
                        errors.push(
                            Error::new(
                                ErrorCode::DateOutOfRange,
                                format!("The {what} ends ({to}) before it starts ({}).", s.from),
                            )
                            .at(at(&format!("{field}[{j}].to"))),
                        );
                    }
                }
            }
            for (j, r) in m.attendance.iter().enumerate() {
                // (A record naming no known term is reported where it is read.)
                let known = r.term < self.school_terms.len();
                if known && m.attendance.iter().take(j).any(|o| o.term == r.term) {
                    errors.push(
                        Error::new(
                            ErrorCode::DuplicateId,
                            "This term's attendance is already entered for this member.",
                        )
                        .at(at(&format!("attendance[{j}].term"))),
                    );
                }
                let absent = u64::from(r.authorised).saturating_add(u64::from(r.unauthorised));
                if absent > u64::from(r.possible) {
                    errors.push(
                        Error::new(
                            ErrorCode::InconsistentSessions,
                            format!(
                                "{} authorised and {} unauthorised absent sessions are more than the {} possible sessions.",
                                r.authorised, r.unauthorised, r.possible
                            ),
                        )
                        .at(at(&format!("attendance[{j}].unauthorisedAbsent"))),
                    );
                }
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn member(birth: Birth) -> Member {
        Member {
            name: String::new(),
            role: Role::Other,
            birth,
            offences: vec![],
            asb: vec![],
            exclusions: vec![],
            attendance: vec![],
            alternative_provision: None,
            not_on_school_roll: false,
            benefits: vec![],
            employment: vec![],
            child_in_need: false,
            child_protection_plan: false,
            mental_health: false,
            substance_misuse: false,
            new_mother: false,
            circumstances: vec![],
            exploitation: vec![],
            missing_episodes: vec![],
        }
    }

    fn family(members: Vec<Member>) -> Family {
        Family {
            assessment_date: d("2015-06-30"),
            members,
            school_terms: vec![],
            domestic_abuse: vec![],
            local_concern: false,
        }
    }

    #[test]
    fn the_small_sort_is_stable() {
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_small_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: [u8; 0] = [];
        sort_small_by_key(&mut empty, |x| *x);
    }

    #[test]
    fn every_measure_name_reads_back() {
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.info().id), Some(m));
        }
        assert_eq!(Measure::parse("truancy"), None);
    }

    #[test]
    fn each_circumstance_has_one_measure_counting_only_its_kind() {
        for kind in CircumstanceKind::ALL {
            let measures: Vec<Measure> = Measure::ALL
                .into_iter()
                .filter(|m| m.circumstance() == Some(*kind))
                .collect();
            assert_eq!(measures.len(), 1, "{kind:?}");
        }
        let mut m = member(Birth::Age(30));
        m.circumstances = vec![
            // Ended the day before the assessment date (2015-06-30).
            Spell {
                kind: "homeless",
                from: d("2015-01-01"),
                to: Some(d("2015-06-29")),
            },
            Spell {
                kind: "problemDebt",
                from: d("2015-06-30"),
                to: None,
            },
        ];
        let f = family(vec![m]);
        let on_the_day = |measure| f.measure(measure, Some(0), None, None);
        assert_eq!(on_the_day(Measure::Homeless), Measured::Count(0));
        assert_eq!(on_the_day(Measure::ProblemDebt), Measured::Count(1));
        assert_eq!(on_the_day(Measure::RentArrears), Measured::Count(0));
        // Over the last 12 months the homelessness counts.
        let span = f
            .span(Window {
                unit: WindowUnit::Months,
                length: 12,
            })
            .unwrap();
        assert_eq!(
            f.measure(Measure::Homeless, Some(0), Some(&span), None),
            Measured::Count(1)
        );
        assert_eq!(on_the_day(Measure::InHousehold), Measured::Flag(true));
    }

    #[test]
    fn children_are_under_18_on_the_assessment_date() {
        let f = family(vec![
            member(Birth::DateOfBirth(d("1997-06-30"))), // 18 on the day: adult
            member(Birth::DateOfBirth(d("1997-07-01"))), // 17
            member(Birth::Age(40)),
        ]);
        assert_eq!(f.in_scope(Who::Children), [1]);
        assert_eq!(f.in_scope(Who::Adults), [0, 2]);
        assert_eq!(f.in_scope(Who::Anyone), [0, 1, 2]);
        assert!(f.in_scope(Who::Family).is_empty());
    }

    #[test]
    fn a_months_window_includes_its_first_day_and_not_the_day_before() {
        let mut m = member(Birth::Age(16));
        for date in ["2014-06-30", "2014-06-29", "2015-06-30", "2015-01-01"] {
            m.offences.push(Event {
                date: d(date),
                kind: "",
            });
        }
        let f = family(vec![m]);
        let w12 = f
            .span(Window {
                unit: WindowUnit::Months,
                length: 12,
            })
            .unwrap();
        assert_eq!((w12.from, w12.to), (d("2014-06-30"), d("2015-06-30")));
        // 2014-06-30, 2015-01-01 and 2015-06-30 are in; 2014-06-29 is 12 months and a day back.
        assert_eq!(
            f.measure(Measure::ProvenOffences, Some(0), Some(&w12), None),
            Measured::Count(3)
        );
        // No window: every offence up to the assessment date.
        assert_eq!(
            f.measure(Measure::ProvenOffences, Some(0), None, None),
            Measured::Count(4)
        );
    }

    #[test]
    fn a_terms_window_takes_the_last_terms_started_by_the_assessment_date() {
        let term = |name: &str, start: &str, end: &str| Term {
            name: name.into(),
            start: d(start),
            end: d(end),
        };
        let mut m = member(Birth::Age(12));
        // Terms given out of order. Started by 2015-06-30: summer 2014, autumn 2014,
        // spring 2015 and summer 2015 (from 2015-04-20); autumn 2015 has not started.
        let mut f = family(vec![]);
        f.school_terms = vec![
            term("Summer 2015", "2015-04-20", "2015-07-22"),
            term("Autumn 2014", "2014-09-03", "2014-12-19"),
            term("Summer 2014", "2014-04-22", "2014-07-23"),
            term("Spring 2015", "2015-01-05", "2015-03-27"),
            term("Autumn 2015", "2015-09-02", "2015-12-18"),
        ];
        for (t, possible, authorised, unauthorised) in [
            (0, 130, 4, 10),
            (1, 140, 0, 20),
            (3, 120, 6, 0),
            (2, 100, 0, 90),
        ] {
            m.attendance.push(Attendance {
                term: t,
                possible,
                authorised,
                unauthorised,
            });
        }
        m.exclusions = vec![
            Event {
                date: d("2014-09-03"),
                kind: "fixedTerm",
            },
            Event {
                date: d("2014-09-02"),
                kind: "fixedTerm",
            },
            Event {
                date: d("2015-05-01"),
                kind: "permanent",
            },
        ];
        f.members.push(m);
        let w = Window {
            unit: WindowUnit::Terms,
            length: 3,
        };
        let span = f.span(w).unwrap();
        assert_eq!(span.terms, [1, 3, 0]);
        assert_eq!((span.from, span.to), (d("2014-09-03"), d("2015-06-30")));
        // Unauthorised: (20 + 0 + 10) of (140 + 120 + 130) = 30 of 390; summer 2014 is outside.
        assert_eq!(
            f.measure(Measure::UnauthorisedAbsence, Some(0), Some(&span), None),
            Measured::Rate {
                absent: 30,
                possible: 390
            }
        );
        // Overall: (20 + 6 + 14) = 40 of 390.
        assert_eq!(
            f.measure(Measure::OverallAbsence, Some(0), Some(&span), None),
            Measured::Rate {
                absent: 40,
                possible: 390
            }
        );
        // 2014-09-03 is the first day of the window; 2014-09-02 is the day before.
        assert_eq!(
            f.measure(Measure::FixedTermExclusions, Some(0), Some(&span), None),
            Measured::Count(1)
        );
        assert_eq!(
            f.measure(Measure::PermanentExclusions, Some(0), Some(&span), None),
            Measured::Count(1)
        );
        // Fewer terms than asked: the ones there are.
        let long = f
            .span(Window {
                unit: WindowUnit::Terms,
                length: 10,
            })
            .unwrap();
        assert_eq!(long.terms, [2, 1, 3, 0]);
        // No term at all: the window cannot be found.
        f.school_terms.clear();
        assert!(f.span(w).is_err());
    }

    #[test]
    fn claims_count_when_they_cover_the_assessment_date_or_touch_the_window() {
        let mut m = member(Birth::Age(30));
        m.benefits = vec![
            Spell {
                kind: "jsa",
                from: d("2014-01-01"),
                to: Some(d("2015-06-29")),
            },
            Spell {
                kind: "esa",
                from: d("2015-06-30"),
                to: None,
            },
            Spell {
                kind: "universalCredit",
                from: d("2013-01-01"),
                to: Some(d("2014-06-30")),
            },
        ];
        let f = family(vec![m]);
        let all: Option<&[String]> = None;
        // On the day: only the ESA claim.
        assert_eq!(
            f.measure(Measure::OutOfWorkBenefit, Some(0), None, all),
            Measured::Count(1)
        );
        let kinds = vec!["jsa".to_owned()];
        assert_eq!(
            f.measure(Measure::OutOfWorkBenefit, Some(0), None, Some(&kinds)),
            Measured::Count(0)
        );
        // Over the last 12 months (from 2014-06-30): all three touch it.
        let span = f
            .span(Window {
                unit: WindowUnit::Months,
                length: 12,
            })
            .unwrap();
        assert_eq!(
            f.measure(Measure::OutOfWorkBenefit, Some(0), Some(&span), all),
            Measured::Count(3)
        );
        assert_eq!(
            f.measure(
                Measure::OutOfWorkBenefit,
                Some(0),
                Some(&span),
                Some(&kinds)
            ),
            Measured::Count(1)
        );
    }

    #[test]
    fn problems_name_every_field() {
        let mut m = member(Birth::DateOfBirth(d("2015-07-01")));
        m.offences.push(Event {
            date: d("2015-07-01"),
            kind: "",
        });
        m.employment.push(Spell {
            kind: "",
            from: d("2015-01-01"),
            to: Some(d("2014-12-31")),
        });
        m.attendance.push(Attendance {
            term: 0,
            possible: 10,
            authorised: 6,
            unauthorised: 5,
        });
        let mut f = family(vec![member(Birth::Age(40)), m]);
        f.domestic_abuse.push(Event {
            date: d("2015-07-02"),
            kind: "",
        });
        f.school_terms.push(Term {
            name: "A".into(),
            start: d("2014-09-01"),
            end: d("2014-12-19"),
        });
        f.school_terms.push(Term {
            name: "B".into(),
            start: d("2014-12-19"),
            end: d("2015-03-27"),
        });
        let paths: Vec<(String, ErrorCode)> = f
            .problems()
            .iter()
            .map(|e| (e.path().unwrap_or_default().to_owned(), e.code()))
            .collect();
        assert_eq!(
            paths,
            [
                (
                    "schoolTerms[1].start".to_owned(),
                    ErrorCode::OverlappingDates
                ),
                (
                    "domesticAbuse[0].date".to_owned(),
                    ErrorCode::DateOutOfRange
                ),
                (
                    "members[1].dateOfBirth".to_owned(),
                    ErrorCode::DateOutOfRange
                ),
                (
                    "members[1].offences[0].date".to_owned(),
                    ErrorCode::DateOutOfRange
                ),
                (
                    "members[1].employment[0].to".to_owned(),
                    ErrorCode::DateOutOfRange
                ),
                (
                    "members[1].attendance[0].unauthorisedAbsent".to_owned(),
                    ErrorCode::InconsistentSessions
                ),
            ]
        );
    }
}
