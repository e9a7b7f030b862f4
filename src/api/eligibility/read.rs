//! Reading a family record: the call's shape, then the record itself (dates,
//! kinds, quantities), every problem with its path.

use crate::json::Value;

use crate::api::{indexed, CallError, QuantityInput};
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::family::{
    self, Attendance, Birth, Event, Family, Member, ProvisionReason, Role, Spell, Term,
};
use crate::json::{Object, Reader};
use crate::rules::{self, PackRef};

use super::*;

// ------------------------------------------------------ the call's shape

const CHECK: &str = "checkEligibility";

crate::api::call_fields! {
    CheckEligibilityCall: [
        "rulePack",
        "councilPack",
        "assessmentDate",
        "members",
        "schoolTerms",
        "domesticAbuse",
        "localConcern",
    ];
    MemberCall: [
        "name",
        "role",
        "dateOfBirth",
        "age",
        "offences",
        "asb",
        "exclusions",
        "attendance",
        "alternativeProvision",
        "notOnSchoolRoll",
        "benefits",
        "employment",
        "childInNeed",
        "childProtectionPlan",
        "mentalHealth",
        "substanceMisuse",
        "newMother",
        "circumstances",
        "exploitation",
        "missingEpisodes",
    ];
    EventCall: ["date"];
    AsbCall: ["date", "kind"];
    ExclusionCall: ["date", "kind"];
    AttendanceCall: ["term", "possibleSessions", "authorisedAbsent", "unauthorisedAbsent"];
    BenefitCall: ["kind", "from", "to"];
    CircumstanceCall: ["kind", "from", "to"];
    ExploitationCall: ["date", "kind"];
    JobCall: ["from", "to"];
    TermCall: ["name", "start", "end"];
}

fn event(o: &Object<'_, '_>) -> EventCall {
    EventCall {
        date: o.text("date", true).to_owned(),
    }
}

fn member(f: &Object<'_, '_>) -> MemberCall {
    let owned = |s: Option<&str>| s.map(str::to_owned);
    let kinds = |list: Vec<Object<'_, '_>>| -> Vec<(String, String)> {
        list.iter()
            .map(|o| {
                (
                    o.text("date", true).to_owned(),
                    o.text("kind", true).to_owned(),
                )
            })
            .collect()
    };
    MemberCall {
        name: f.text("name", false).to_owned(),
        role: owned(f.opt_text("role")),
        date_of_birth: owned(f.opt_text("dateOfBirth")),
        age: f.opt_quantity("age", false),
        offences: f
            .each::<EventCall>("offences", false)
            .iter()
            .map(event)
            .collect(),
        asb: kinds(f.each::<AsbCall>("asb", false))
            .into_iter()
            .map(|(date, kind)| AsbCall { date, kind })
            .collect(),
        exclusions: kinds(f.each::<ExclusionCall>("exclusions", false))
            .into_iter()
            .map(|(date, kind)| ExclusionCall { date, kind })
            .collect(),
        attendance: f
            .each::<AttendanceCall>("attendance", false)
            .iter()
            .map(|o| AttendanceCall {
                term: o.text("term", true).to_owned(),
                possible_sessions: o.quantity("possibleSessions"),
                authorised_absent: o.quantity("authorisedAbsent"),
                unauthorised_absent: o.quantity("unauthorisedAbsent"),
            })
            .collect(),
        alternative_provision: owned(f.opt_text("alternativeProvision")),
        not_on_school_roll: f.flag("notOnSchoolRoll"),
        benefits: f
            .each::<BenefitCall>("benefits", false)
            .iter()
            .map(|o| BenefitCall {
                kind: o.text("kind", true).to_owned(),
                from: o.text("from", true).to_owned(),
                to: owned(o.opt_text("to")),
            })
            .collect(),
        employment: f
            .each::<JobCall>("employment", false)
            .iter()
            .map(|o| JobCall {
                from: o.text("from", true).to_owned(),
                to: owned(o.opt_text("to")),
            })
            .collect(),
        child_in_need: f.flag("childInNeed"),
        child_protection_plan: f.flag("childProtectionPlan"),
        mental_health: f.flag("mentalHealth"),
        substance_misuse: f.flag("substanceMisuse"),
        new_mother: f.flag("newMother"),
        circumstances: f
            .each::<CircumstanceCall>("circumstances", false)
            .iter()
            .map(|o| CircumstanceCall {
                kind: o.text("kind", true).to_owned(),
                from: o.text("from", true).to_owned(),
                to: owned(o.opt_text("to")),
            })
            .collect(),
        exploitation: kinds(f.each::<ExploitationCall>("exploitation", false))
            .into_iter()
            .map(|(date, kind)| ExploitationCall { date, kind })
            .collect(),
        missing_episodes: f
            .each::<EventCall>("missingEpisodes", false)
            .iter()
            .map(event)
            .collect(),
    }
}

/// Reads a family record from an object of a call (the whole
/// `checkEligibility` call, or `claims[0].family` of a larger one).
pub(crate) fn family_call(f: &Object<'_, '_>) -> CheckEligibilityCall {
    CheckEligibilityCall {
        rule_pack: f.opt_text("rulePack").map(str::to_owned),
        council_pack: f.opt_text("councilPack").map(str::to_owned),
        assessment_date: f.text("assessmentDate", true).to_owned(),
        members: f
            .each::<MemberCall>("members", true)
            .iter()
            .map(member)
            .collect(),
        school_terms: f
            .each::<TermCall>("schoolTerms", false)
            .iter()
            .map(|o| TermCall {
                name: o.text("name", true).to_owned(),
                start: o.text("start", true).to_owned(),
                end: o.text("end", true).to_owned(),
            })
            .collect(),
        domestic_abuse: f
            .each::<EventCall>("domesticAbuse", false)
            .iter()
            .map(event)
            .collect(),
        local_concern: f.flag("localConcern"),
    }
}

/// Reads a `checkEligibility` call from JSON text: what both the native twin
/// and the wasm binding (through `JSON.stringify`) do. A call of the wrong
/// shape is a [`CallError`] naming the field.
pub fn read_check_eligibility_call(json: &str) -> Result<CheckEligibilityCall, CallError> {
    let v = crate::api::read_json_call(CHECK, json)?;
    read_family_call(&v, "")
}

/// Reads a family record (a `checkEligibility` call) from parsed JSON at
/// `path` of a larger call (`claims[0].family`); errors name the field by
/// its full path, as if from `checkEligibility` (callers rename the function).
pub(crate) fn read_family_call(v: &Value, path: &str) -> Result<CheckEligibilityCall, CallError> {
    let reader = Reader::new(CHECK);
    let call = family_call(&reader.call::<CheckEligibilityCall>(v));
    reader.finish().map_err(|e| e.within(CHECK, path))?;
    Ok(call)
}

// ------------------------------------------------------- reading the call

// Paths are written only for a problem (`path` is called then): a family of
// a few members has some forty fields, and writing each path cost more than
// the assessment of the family's figures.

fn whole(
    q: &QuantityInput,
    what: &str,
    path: impl FnOnce() -> String,
    errors: &mut Vec<Error>,
) -> u32 {
    q.whole(what, u32::MAX).unwrap_or_else(|e| {
        errors.push(e.at(path()));
        0
    })
}

/// Reads a date; a problem is recorded and `fallback` used, so the rest of
/// the record can still be checked.
fn date(
    text: &str,
    path: impl FnOnce() -> String,
    fallback: Date,
    errors: &mut Vec<Error>,
) -> Date {
    Date::parse(text).unwrap_or_else(|e| {
        errors.push(e.at(path()));
        fallback
    })
}

/// The kind written `text` as its wire name (`""` after a problem, which is
/// recorded naming the kinds allowed).
fn kind(
    text: &str,
    allowed: &'static [&'static str],
    what: &str,
    path: impl FnOnce() -> String,
    errors: &mut Vec<Error>,
) -> &'static str {
    allowed
        .iter()
        .find(|k| **k == text)
        .copied()
        .unwrap_or_else(|| {
            errors.push(
                Error::new(
                    ErrorCode::UnknownKind,
                    format!(
                        "\"{text}\" is not {what}; use one of {}.",
                        allowed.join(", ")
                    ),
                )
                .at(path()),
            );
            ""
        })
}

/// Reads the family. Every problem is recorded with its path; the record
/// returned (with stand-ins where a field could not be read) is then checked
/// for consistency too, unless the assessment date itself is unreadable.
pub(crate) fn read_family(call: &CheckEligibilityCall, errors: &mut Vec<Error>) -> Family {
    let before = errors.len();
    let a = date(
        &call.assessment_date,
        || "assessmentDate".into(),
        Date::MIN,
        errors,
    );
    let date_ok = errors.len() == before;
    let school_terms: Vec<Term> = call
        .school_terms
        .iter()
        .enumerate()
        .map(|(t, term)| {
            let at = |f: &str| format!("schoolTerms[{t}].{f}");
            if term.name.trim().is_empty() {
                errors.push(
                    Error::new(
                        ErrorCode::InvalidField,
                        "Give the term a name, for example \"Autumn 2014\".",
                    )
                    .at(at("name")),
                );
            }
            let start = date(&term.start, || at("start"), a, errors);
            Term {
                name: term.name.trim().to_owned(),
                start,
                end: date(&term.end, || at("end"), start, errors),
            }
        })
        .collect();
    let events =
        |list: &[EventCall], path: &dyn Fn() -> String, errors: &mut Vec<Error>| -> Vec<Event> {
            list.iter()
                .enumerate()
                .map(|(j, e)| Event {
                    date: date(&e.date, || format!("{}[{j}].date", path()), a, errors),
                    kind: "",
                })
                .collect()
        };
    let domestic_abuse = events(&call.domestic_abuse, &|| "domesticAbuse".into(), errors);
    if call.members.is_empty() {
        errors.push(
            Error::new(
                ErrorCode::InvalidField,
                "Add at least one member of the household.",
            )
            .at("members"),
        );
    }
    let mut members = Vec::new();
    for (i, m) in call.members.iter().enumerate() {
        let at = |f: &str| format!("members[{i}].{f}");
        let role = match &m.role {
            Some(r) => Role::parse(kind(r, family::ROLES, "a role", || at("role"), errors)),
            None => None,
        }
        .unwrap_or(Role::Other);
        let birth = match (&m.date_of_birth, &m.age) {
            (Some(dob), None) => Birth::DateOfBirth(date(dob, || at("dateOfBirth"), a, errors)),
            (None, Some(age)) => {
                let years = whole(age, "age", || at("age"), errors);
                if years > 130 {
                    errors.push(
                        Error::new(ErrorCode::InvalidQuantity, "An age is at most 130.")
                            .at(at("age")),
                    );
                }
                Birth::Age(u16::try_from(years).unwrap_or(0))
            }
            (Some(_), Some(_)) => {
                errors.push(
                    Error::new(
                        ErrorCode::InvalidField,
                        "Give a date of birth or an age, not both.",
                    )
                    .at(at("age")),
                );
                Birth::Age(0)
            }
            (None, None) => {
                errors.push(
                    Error::new(
                        ErrorCode::InvalidField,
                        "Enter a date of birth (or, if it is not known, an age).",
                    )
                    .at(at("dateOfBirth")),
                );
                Birth::Age(0)
            }
        };
        let offences = events(&m.offences, &|| at("offences"), errors);
        let mut kinded = |list: Vec<(&str, &str)>,
                          field: &str,
                          allowed: &'static [&'static str],
                          what: &str|
         -> Vec<Event> {
            list.into_iter()
                .enumerate()
                .map(|(j, (day, k))| Event {
                    date: date(day, || at(&format!("{field}[{j}].date")), a, errors),
                    kind: kind(
                        k,
                        allowed,
                        what,
                        || at(&format!("{field}[{j}].kind")),
                        errors,
                    ),
                })
                .collect()
        };
        let asb = kinded(
            m.asb
                .iter()
                .map(|e| (e.date.as_str(), e.kind.as_str()))
                .collect(),
            "asb",
            family::ASB_KINDS,
            "a kind of ASB intervention",
        );
        let exclusions = kinded(
            m.exclusions
                .iter()
                .map(|e| (e.date.as_str(), e.kind.as_str()))
                .collect(),
            "exclusions",
            family::EXCLUSION_KINDS,
            "a kind of exclusion",
        );
        let exploitation = kinded(
            m.exploitation
                .iter()
                .map(|e| (e.date.as_str(), e.kind.as_str()))
                .collect(),
            "exploitation",
            family::EXPLOITATION_KINDS,
            "a kind of exploitation",
        );
        let missing_episodes = events(&m.missing_episodes, &|| at("missingEpisodes"), errors);
        let attendance = m
            .attendance
            .iter()
            .enumerate()
            .map(|(j, r)| {
                let p = |f: &str| at(&format!("attendance[{j}].{f}"));
                let term = school_terms
                    .iter()
                    .position(|t| t.name == r.term.trim())
                    .unwrap_or_else(|| {
                        errors.push(
                            Error::new(
                                ErrorCode::UnknownTerm,
                                format!("There is no school term called \"{}\"; add it to the school terms first.", r.term),
                            )
                            .at(p("term")),
                        );
                        usize::MAX
                    });
                Attendance {
                    term,
                    possible: whole(&r.possible_sessions, "number of possible sessions", || p("possibleSessions"), errors),
                    authorised: whole(&r.authorised_absent, "number of authorised absences", || p("authorisedAbsent"), errors),
                    unauthorised: whole(&r.unauthorised_absent, "number of unauthorised absences", || p("unauthorisedAbsent"), errors),
                }
            })
            .collect();
        let alternative_provision = m.alternative_provision.as_ref().and_then(|reason| {
            ProvisionReason::parse(kind(
                reason,
                family::PROVISION_REASONS,
                "a reason for alternative provision",
                || at("alternativeProvision"),
                errors,
            ))
        });
        // Claims, jobs and circumstances: a kind (or none), from a day, to a day or still going.
        let mut spells = |list: Vec<(&str, &str, Option<&String>)>,
                          field: &str,
                          kinds: Option<(&'static [&'static str], &str)>|
         -> Vec<Spell> {
            list.into_iter()
                .enumerate()
                .map(|(j, (k, from, to))| {
                    let p = |f: &str| at(&format!("{field}[{j}].{f}"));
                    let from = date(from, || p("from"), a, errors);
                    Spell {
                        kind: kinds.map_or("", |(allowed, what)| {
                            kind(k, allowed, what, || p("kind"), errors)
                        }),
                        from,
                        to: to.map(|t| date(t, || p("to"), from, errors)),
                    }
                })
                .collect()
        };
        let benefits = spells(
            m.benefits
                .iter()
                .map(|b| (b.kind.as_str(), b.from.as_str(), b.to.as_ref()))
                .collect(),
            "benefits",
            Some((family::BENEFIT_KINDS, "an out-of-work benefit")),
        );
        let employment = spells(
            m.employment
                .iter()
                .map(|b| ("", b.from.as_str(), b.to.as_ref()))
                .collect(),
            "employment",
            None,
        );
        let circumstances = spells(
            m.circumstances
                .iter()
                .map(|c| (c.kind.as_str(), c.from.as_str(), c.to.as_ref()))
                .collect(),
            "circumstances",
            Some((family::CIRCUMSTANCE_KINDS, "a circumstance")),
        );
        members.push(Member {
            name: m.name.trim().to_owned(),
            role,
            birth,
            offences,
            asb,
            exclusions,
            attendance,
            alternative_provision,
            not_on_school_roll: m.not_on_school_roll,
            benefits,
            employment,
            child_in_need: m.child_in_need,
            child_protection_plan: m.child_protection_plan,
            mental_health: m.mental_health,
            substance_misuse: m.substance_misuse,
            new_mother: m.new_mother,
            circumstances,
            exploitation,
            missing_episodes,
        });
    }
    let family = Family {
        assessment_date: a,
        members,
        school_terms,
        domestic_abuse,
        local_concern: call.local_concern,
    };
    if date_ok {
        errors.extend(family.problems());
    }
    family
}

/// A pack error's path, under the call field that carried the pack.
fn under(field: &str, e: Error) -> Error {
    let path = match e.path() {
        Some(p) if !p.is_empty() => format!("{field}.{p}"),
        _ => field.to_owned(),
    };
    Error::new(e.code(), e.message()).at(path)
}

/// The pack the call names: a built-in id, or a council pack's text.
/// A built-in pack is borrowed (packs are large: cloning one cost about 5 %
/// of an `assessFamily` call); a council's pack is read from its text once
/// and shared after ([`rules::load`] keeps it).
pub(crate) fn choose_pack(call: &CheckEligibilityCall, errors: &mut Vec<Error>) -> Option<PackRef> {
    pick_pack(
        call.rule_pack.as_deref(),
        call.council_pack.as_deref(),
        errors,
    )
}

/// The pack named by `rulePack` (a built-in id) or `councilPack` (a
/// council pack's text), one of them: any call that applies a pack.
pub(crate) fn pick_pack(
    rule_pack: Option<&str>,
    council_pack: Option<&str>,
    errors: &mut Vec<Error>,
) -> Option<PackRef> {
    match (rule_pack, council_pack) {
        (Some(_), Some(_)) => {
            errors.push(
                Error::new(
                    ErrorCode::InvalidField,
                    "Give either a built-in rule pack or a council pack, not both.",
                )
                .at("councilPack"),
            );
            None
        }
        (Some(id), None) => rules::built_in_pack(id)
            .map(PackRef::BuiltIn)
            .map_err(|e| errors.push(e.at("rulePack")))
            .ok(),
        (None, Some(text)) => rules::load(text)
            .map(|l| PackRef::Read(l.pack))
            .map_err(|es| errors.extend(es.into_iter().map(|e| under("councilPack", e))))
            .ok(),
        (None, None) => {
            let ids: Vec<String> = rules::BUILT_IN
                .iter()
                .map(|(id, _)| format!("\"{id}\""))
                .collect();
            errors.push(
                Error::new(
                    ErrorCode::InvalidField,
                    format!("Choose a rule pack: {}, or a council pack.", ids.join(", ")),
                )
                .at("rulePack"),
            );
            None
        }
    }
}

/// Errors in the order of the form: the pack, the date, the terms, the
/// household's incidents, then member by member.
pub(crate) fn form_order(e: &Error) -> (u8, usize) {
    let field = e.location().and_then(|p| p.field()).unwrap_or_default();
    let section = [
        "rulePack",
        "councilPack",
        "assessmentDate",
        "schoolTerms",
        "domesticAbuse",
        "localConcern",
        "members",
    ]
    .iter()
    .position(|s| *s == field)
    .and_then(|n| u8::try_from(n).ok())
    .unwrap_or(0);
    (section, indexed(e, "members"))
}
