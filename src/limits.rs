//! The limits of every call and file, in one place (the README lists them,
//! "Limits"). Each is checked while reading — a text's size before it is
//! parsed, a list's length as soon as it is known, before its items are read
//! — and refused with `too_large` or `too_many`, naming the limit and the
//! field's path. They are generous: several times the largest real case (a
//! family with hundreds of services, a council pack with a few hundred
//! indicators, a place with dozens of themes).

/// The most bytes of a call's JSON text (a council pack sent with it included).
pub const CALL_BYTES: usize = 8 * 1024 * 1024;
/// The most bytes of a rule pack's JSON text.
pub const PACK_BYTES: usize = 2 * 1024 * 1024;

/// The most items (services) of a family, and local unit-cost rows of a call.
pub const ITEMS: usize = 2_000;
/// The most members of a family.
pub const MEMBERS: usize = 50;
/// The most events, claims, jobs or attendance records of one list of a
/// member or household (offences, anti-social behaviour, exclusions,
/// attendance, benefits, employment, circumstances, exploitation, missing
/// episodes, domestic abuse, progress).
pub const EVENTS: usize = 1_000;
/// The most school terms of a family record.
pub const TERMS: usize = 100;
/// The most themes of a place.
pub const THEMES: usize = 200;
/// The most partners of a place or a pooled budget.
pub const PARTNERS: usize = 100;
/// The most outcomes, or costs, of a place or an appraisal.
pub const OUTCOMES: usize = 500;
/// The most services of a neighbourhood plan.
pub const SERVICES: usize = 1_000;
/// The most claims, scenarios, places or other lists of a call not named here.
pub const OTHER: usize = 1_000;
/// The most indicators of a rule pack (and indicator overrides of a council pack).
pub const INDICATORS: usize = 2_000;
/// The most parameters of a rule pack (and parameter overrides of a council pack).
pub const PARAMETERS: usize = 1_000;
/// The most criteria of a rule pack, and the most filters: together at most
/// the 128 groups a decision can hold.
pub const CRITERIA: usize = 64;
/// The most rows of one family in a cohort file (one row a member).
pub const ROWS_PER_FAMILY: usize = MEMBERS;

/// The limit of a list field named `key`, and what it counts, in words.
pub fn list(key: &str) -> (usize, &'static str) {
    match key {
        "items" => (ITEMS, "items of a family"),
        "localRows" => (ITEMS, "local unit-cost rows"),
        "members" => (MEMBERS, "members of a family"),
        "offences" | "asb" | "exclusions" | "attendance" | "benefits" | "employment"
        | "circumstances" | "exploitation" | "missingEpisodes" | "domesticAbuse"
        | "progressToWork" | "outcomesPlan" => (EVENTS, "records in one list of a family"),
        "schoolTerms" => (TERMS, "school terms"),
        "themes" => (THEMES, "themes of a place"),
        "partners" => (PARTNERS, "partners"),
        "outcomes" | "costs" | "values" | "cashable" | "agencies" | "contributions" => {
            (OUTCOMES, "entries in one list")
        }
        "services" => (SERVICES, "services of a neighbourhood plan"),
        "indicators" | "indicatorOverrides" => (INDICATORS, "indicators of a rule pack"),
        "parameters" | "parameterOverrides" => (PARAMETERS, "parameters of a rule pack"),
        "criteria" | "filters" => (CRITERIA, "criteria, or filters, of a rule pack"),
        _ => (OTHER, "entries in one list"),
    }
}
