//! The cohort CSV layout: the columns the pipeline reads, and how each cell
//! is read into the family record.
//!
//! One row per member of a household; the rows of one family are consecutive
//! and share a `family` label. Columns are found by their header, in any
//! order; headers are matched ignoring case, surrounding spaces, and spaces or
//! hyphens for underscores (`Child in need` is `child_in_need`). A header that
//! is a unit-cost code (`CR1.0`, or a council's own code) is a column of
//! quantities. Any other column is not read, and the report lists it.
//! The README (section "Cohort reports") is the reference for analysts.

use crate::claims::{NeedOutcome, OutcomeProgress, ProgressKind, ProgressToWork, PROGRESS_KINDS};
use crate::date::Date;
use crate::error::ErrorCode;
use crate::family::{self, Event, Spell};

/// A column the pipeline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Groups the rows of a family: any label, different from the previous family's.
    Family,
    /// Age in whole years on the assessment date.
    Age,
    /// Role in the household.
    Role,
    /// The family's assessment date (family-level).
    AssessmentDate,
    /// Proven offences: dates.
    Offences,
    /// ASB interventions: `kind:date`.
    Asb,
    /// Exclusions: `fixedTerm:date` or `permanent:date`.
    Exclusions,
    /// School attendance per term: `term-start:possible:authorised:unauthorised`.
    Attendance,
    /// In a pupil referral unit or alternative provision: the reason.
    AlternativeProvision,
    /// Not on a school roll: yes or no.
    NotOnSchoolRoll,
    /// Out-of-work benefit claims: `kind:from` or `kind:from:to`.
    Benefits,
    /// Jobs: `from` or `from:to`.
    Employment,
    /// A child in need: yes or no.
    ChildInNeed,
    /// On a child protection plan: yes or no.
    ChildProtectionPlan,
    /// A mental health problem: yes or no.
    MentalHealth,
    /// Drug or alcohol misuse: yes or no.
    SubstanceMisuse,
    /// A vulnerable new mother: yes or no.
    NewMother,
    /// Circumstances (2022 framework needs): `kind:from` or `kind:from:to`.
    Circumstances,
    /// Exploitation incidents: `criminal:date` or `sexual:date`.
    Exploitation,
    /// Missing episodes: dates.
    MissingEpisodes,
    /// Domestic abuse incidents at the home: dates (family-level).
    DomesticAbuse,
    /// The family meets the council's local criterion: yes or no (family-level).
    LocalConcern,
    /// The day the family was attached to the programme, for its claim (family-level).
    AttachmentDate,
    /// Progress against the outcomes plan: `problem:date[:evidence]` (family-level, phase 2).
    OutcomesProgress,
    /// Progress to work: `kind:date` (phase 1).
    ProgressToWork,
    /// The day the family's case closed, for its claim (family-level, 2022 framework).
    CaseClosureDate,
    /// Each need's positive outcome: `need:date[:evidence]` (family-level, 2022 framework).
    NeedOutcomes,
    /// The day a need's positive outcome lapsed: `need:date` (family-level, 2022 framework).
    OutcomesLapsed,
    /// Units of a unit-cost code used in the year (the index in the price list).
    Cost(usize),
    /// A column the pipeline does not read.
    NotRead,
}

/// The named columns, by header.
pub const COLUMNS: [(&str, Column); 28] = [
    ("family", Column::Family),
    ("age", Column::Age),
    ("role", Column::Role),
    ("assessment_date", Column::AssessmentDate),
    ("offences", Column::Offences),
    ("asb", Column::Asb),
    ("exclusions", Column::Exclusions),
    ("attendance", Column::Attendance),
    ("alternative_provision", Column::AlternativeProvision),
    ("not_on_school_roll", Column::NotOnSchoolRoll),
    ("benefits", Column::Benefits),
    ("employment", Column::Employment),
    ("child_in_need", Column::ChildInNeed),
    ("child_protection_plan", Column::ChildProtectionPlan),
    ("mental_health", Column::MentalHealth),
    ("substance_misuse", Column::SubstanceMisuse),
    ("new_mother", Column::NewMother),
    ("circumstances", Column::Circumstances),
    ("exploitation", Column::Exploitation),
    ("missing_episodes", Column::MissingEpisodes),
    ("domestic_abuse", Column::DomesticAbuse),
    ("local_concern", Column::LocalConcern),
    ("attachment_date", Column::AttachmentDate),
    ("outcomes_progress", Column::OutcomesProgress),
    ("progress_to_work", Column::ProgressToWork),
    ("case_closure_date", Column::CaseClosureDate),
    ("need_outcomes", Column::NeedOutcomes),
    ("outcomes_lapsed", Column::OutcomesLapsed),
];

/// Headers of columns that identify people. They are never read; the report
/// says they were present and not used.
pub const IDENTIFIERS: [&str; 27] = [
    "name",
    "first_name",
    "forename",
    "surname",
    "last_name",
    "full_name",
    "date_of_birth",
    "dob",
    "case_number",
    "case_reference",
    "nhs_number",
    "nhs_no",
    "nhs_no.",
    "nhs",
    "upn",
    "ni_number",
    "national_insurance_number",
    "address",
    "postcode",
    "email",
    "e_mail",
    "email_address",
    "phone",
    "phone_number",
    "telephone",
    "mobile",
    "ni_no",
];

impl Column {
    /// True for the columns that describe the household rather than a member:
    /// they are read from a family's first row, and any later row must leave
    /// them empty or repeat them.
    pub fn family_level(self) -> bool {
        matches!(
            self,
            Column::AssessmentDate
                | Column::DomesticAbuse
                | Column::LocalConcern
                | Column::AttachmentDate
                | Column::OutcomesProgress
                | Column::CaseClosureDate
                | Column::NeedOutcomes
                | Column::OutcomesLapsed
        )
    }
}

/// A header as matched: lower case, trimmed, spaces and hyphens as underscores.
pub fn normalise(header: &str) -> String {
    header
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Strings kept for reuse, so that reading a family's kinds and term names
/// allocates nothing once the first families have been read.
#[derive(Debug, Default)]
pub struct Pool(Vec<String>);

impl Pool {
    /// `text` in a string from the pool.
    pub fn text(&mut self, text: &str) -> String {
        let mut s = self.0.pop().unwrap_or_default();
        s.clear();
        s.push_str(text);
        s
    }

    /// Keeps a string for reuse.
    pub fn keep(&mut self, s: String) {
        if s.capacity() > 0 && self.0.len() < 4096 {
            self.0.push(s);
        }
    }

    /// A string from the pool, empty.
    pub fn empty(&mut self) -> String {
        let mut s = self.0.pop().unwrap_or_default();
        s.clear();
        s
    }
}

/// Appends `YYYY-MM-DD` (as [`Date`]'s `Display` writes it, without the
/// formatting machinery: term names are written for every family).
pub fn push_date(out: &mut String, d: Date) {
    let digit = |n: u16| char::from(b'0'.saturating_add(u8::try_from(n % 10).unwrap_or(0)));
    let y = d.year();
    for n in [y / 1000, y / 100, y / 10, y] {
        out.push(digit(n));
    }
    out.push('-');
    let m = u16::from(d.month());
    out.push(digit(m / 10));
    out.push(digit(m));
    out.push('-');
    let day = u16::from(d.day());
    out.push(digit(day / 10));
    out.push(digit(day));
}

/// A problem with one cell: a stable code and a sentence.
pub type CellProblem = (ErrorCode, String);

fn problem(code: ErrorCode, reason: impl Into<String>) -> CellProblem {
    (code, reason.into())
}

/// The entries of a list cell: separated by `;`, trimmed, empty ones skipped.
pub fn entries(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|e| !e.is_empty())
}

/// A date, with the engine's sentence when it is not one.
pub fn date(text: &str) -> Result<Date, CellProblem> {
    Date::parse(text).map_err(|e| match day_first(text) {
        Some([d, m, y]) => problem(
            e.code(),
            format!(
                "\"{text}\" {DAY_FIRST} (as Excel saves dates); write it as year-month-day, \"{y}-{m:0>2}-{d:0>2}\"."
            ),
        ),
        None => problem(e.code(), e.message()),
    })
}

/// What a date cell written day first is said to look like: the run counts
/// the problems that say it, for its overall hint.
pub const DAY_FIRST: &str = "looks like day/month/year";

/// `30/06/2015` (or `1/6/2015`) as its day, month and year, when a date is
/// written day first, as Excel saves dates in a UK locale.
fn day_first(text: &str) -> Option<[&str; 3]> {
    let mut parts = text.trim().split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    (parts.next().is_none() && digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4))
        .then_some([d, m, y])
}

/// A yes/no cell: `yes`, `y`, `true`, `1` or `no`, `n`, `false`, `0`, or empty (no).
pub fn flag(cell: &str) -> Result<bool, CellProblem> {
    let t = cell.trim();
    let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
    if t.is_empty() || is(&["no", "n", "false", "0"]) {
        Ok(false)
    } else if is(&["yes", "y", "true", "1"]) {
        Ok(true)
    } else {
        Err(problem(
            ErrorCode::InvalidField,
            format!("\"{t}\" is not yes or no; write yes or no (or leave it empty for no)."),
        ))
    }
}

/// A whole number, 0 or more, at most `max`: `what` names it in sentences.
pub fn whole(text: &str, what: &str, max: u32) -> Result<u32, CellProblem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(problem(
            ErrorCode::InvalidQuantity,
            format!("Enter the {what}: a whole number, 0 or more."),
        ));
    }
    let digits = t.strip_prefix('+').unwrap_or(t);
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        return match digits.parse::<u32>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(problem(
                ErrorCode::InvalidQuantity,
                format!("The {what} can be at most {max}, and {t} is more."),
            )),
        };
    }
    Err(match crate::money::parse_decimal(t) {
        Ok(d) if d.is_sign_negative() && !d.is_zero() => problem(
            ErrorCode::NegativeQuantity,
            format!("The {what} cannot be below 0, and {t} is."),
        ),
        Ok(_) => problem(
            ErrorCode::FractionalQuantity,
            format!("The {what} is a whole number, and {t} is not."),
        ),
        Err(_) => problem(
            ErrorCode::InvalidQuantity,
            format!("\"{t}\" is not a number; enter the {what} as a whole number, 0 or more."),
        ),
    })
}

/// A kind from a fixed list.
pub fn kind(
    text: &str,
    allowed: &'static [&'static str],
    what: &str,
) -> Result<&'static str, CellProblem> {
    allowed
        .iter()
        .find(|k| **k == text)
        .copied()
        .ok_or_else(|| {
            problem(
                ErrorCode::UnknownKind,
                format!(
                    "\"{text}\" is not {what}; use one of {}.",
                    allowed.join(", ")
                ),
            )
        })
}

/// Splits an entry `a:b[:c…]` into exactly `min..=max` parts, or explains the form.
fn parts<'t, const N: usize>(
    entry: &'t str,
    min: usize,
    form: &str,
) -> Result<([&'t str; N], usize), CellProblem> {
    let mut out = [""; N];
    let mut n = 0;
    for part in entry.split(':') {
        match out.get_mut(n) {
            Some(slot) => *slot = part.trim(),
            None => {
                n = N.saturating_add(1);
                break;
            }
        }
        n = n.saturating_add(1);
    }
    if n < min || n > N {
        return Err(problem(
            ErrorCode::InvalidField,
            format!("\"{entry}\" is not in the form {form}."),
        ));
    }
    Ok((out, n))
}

/// Appends the dated events of a cell (`date; date`) to `into`.
pub fn dates(cell: &str, into: &mut Vec<Event>) -> Result<(), CellProblem> {
    for e in entries(cell) {
        into.push(Event {
            date: date(e)?,
            kind: "",
        });
    }
    Ok(())
}

/// Appends the events of a `kind:date` cell to `into`.
pub fn kinded(
    cell: &str,
    allowed: &'static [&'static str],
    what: &str,
    form: &str,
    into: &mut Vec<Event>,
) -> Result<(), CellProblem> {
    for e in entries(cell) {
        let ([k, d], _) = parts::<2>(e, 2, form)?;
        let kind = kind(k, allowed, what)?;
        into.push(Event {
            date: date(d)?,
            kind,
        });
    }
    Ok(())
}

/// Appends the claims of a `kind:from[:to]` cell to `into`.
pub fn benefits(cell: &str, into: &mut Vec<Spell>) -> Result<(), CellProblem> {
    spells(
        cell,
        family::BENEFIT_KINDS,
        "an out-of-work benefit",
        "kind:from or kind:from:to, for example esa:2014-01-06",
        into,
    )
}

/// Appends the spells of a `kind:from[:to]` cell (claims, circumstances) to `into`.
pub fn spells(
    cell: &str,
    allowed: &'static [&'static str],
    what: &str,
    form: &str,
    into: &mut Vec<Spell>,
) -> Result<(), CellProblem> {
    for e in entries(cell) {
        let ([k, from, to], n) = parts::<3>(e, 2, form)?;
        let kind = kind(k, allowed, what)?;
        let from = date(from)?;
        let to = if n == 3 { Some(date(to)?) } else { None };
        into.push(Spell { kind, from, to });
    }
    Ok(())
}

/// Appends the jobs of a `from[:to]` cell to `into`.
pub fn jobs(cell: &str, into: &mut Vec<Spell>) -> Result<(), CellProblem> {
    const FORM: &str = "from or from:to, for example 2014-01-06:2014-07-31";
    for e in entries(cell) {
        let ([from, to], n) = parts::<2>(e, 1, FORM)?;
        into.push(Spell {
            kind: "",
            from: date(from)?,
            to: if n == 2 { Some(date(to)?) } else { None },
        });
    }
    Ok(())
}

/// Appends the progress to work of member `member` (`kind:date; …`) to `into`.
pub fn progress_to_work(
    cell: &str,
    member: usize,
    into: &mut Vec<ProgressToWork>,
) -> Result<(), CellProblem> {
    const FORM: &str = "kind:date, for example workProgramme:2013-03-01";
    for e in entries(cell) {
        let ([k, d], _) = parts::<2>(e, 2, FORM)?;
        let kind = kind(k, PROGRESS_KINDS, "a kind of progress to work")?;
        into.push(ProgressToWork {
            member,
            date: date(d)?,
            kind: ProgressKind::parse(kind).unwrap_or(ProgressKind::WorkProgramme),
        });
    }
    Ok(())
}

/// The evidence recorded for outcomes-plan progress written without any.
pub const OUTCOME_EVIDENCE: &str = "Recorded in the cohort file";

/// Appends the outcomes-plan progress of a cell (`problem:date[:evidence]; …`)
/// to `into`. The evidence is the rest of the entry (it may hold colons).
pub fn outcomes_progress(cell: &str, into: &mut Vec<OutcomeProgress>) -> Result<(), CellProblem> {
    const FORM: &str =
        "problem:date or problem:date:evidence, for example crime-asb:2015-05-01:police check";
    for e in entries(cell) {
        let mut it = e.splitn(3, ':');
        let (Some(problem), Some(d)) = (it.next().map(str::trim), it.next().map(str::trim)) else {
            return Err(problem_of(e, FORM));
        };
        if problem.is_empty() {
            return Err(problem_of(e, FORM));
        }
        let evidence = it.next().map(str::trim).filter(|t| !t.is_empty());
        into.push(OutcomeProgress {
            problem: problem.to_owned(),
            date: date(d)?,
            evidence: evidence.unwrap_or(OUTCOME_EVIDENCE).to_owned(),
        });
    }
    Ok(())
}

/// Appends the need outcomes of a cell (`need:date[:evidence]; …`) to
/// `into` (2022 framework). The evidence is the rest of the entry (it may
/// hold colons); written without any, [`OUTCOME_EVIDENCE`].
pub fn need_outcomes(cell: &str, into: &mut Vec<NeedOutcome>) -> Result<(), CellProblem> {
    const FORM: &str =
        "need:date or need:date:evidence, for example mental-health:2023-05-01:GP review";
    for e in entries(cell) {
        let (need, day, evidence) = need_entry(e, FORM, true)?;
        into.push(NeedOutcome {
            need: need.to_owned(),
            date: day,
            evidence: evidence.unwrap_or(OUTCOME_EVIDENCE).to_owned(),
            lapsed: None,
        });
    }
    Ok(())
}

/// Appends the lapses of a cell (`need:date; …`) to `into`: the need, and
/// the first day its positive outcome no longer held (2022 framework).
pub fn outcomes_lapsed(cell: &str, into: &mut Vec<(String, Date)>) -> Result<(), CellProblem> {
    const FORM: &str = "need:date, for example domestic-abuse:2024-01-10";
    for e in entries(cell) {
        let (need, day, _) = need_entry(e, FORM, false)?;
        into.push((need.to_owned(), day));
    }
    Ok(())
}

/// `need:date[:rest]`, the rest only when `rest` is allowed.
fn need_entry<'a>(
    e: &'a str,
    form: &str,
    rest: bool,
) -> Result<(&'a str, Date, Option<&'a str>), CellProblem> {
    let mut it = e.splitn(if rest { 3 } else { 2 }, ':');
    let (Some(need), Some(d)) = (it.next().map(str::trim), it.next().map(str::trim)) else {
        return Err(problem_of(e, form));
    };
    if need.is_empty() {
        return Err(problem_of(e, form));
    }
    let evidence = it.next().map(str::trim).filter(|t| !t.is_empty());
    Ok((need, date(d)?, evidence))
}

fn problem_of(entry: &str, form: &str) -> CellProblem {
    problem(
        ErrorCode::InvalidField,
        format!("\"{entry}\" is not in the form {form}."),
    )
}

/// One term's attendance as written: the term's first day and the sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermAttendance {
    /// The first day of the term (it names the term).
    pub start: Date,
    /// Possible sessions.
    pub possible: u32,
    /// Authorised absences.
    pub authorised: u32,
    /// Unauthorised absences.
    pub unauthorised: u32,
}

/// The most sessions a term can have (two a day for a year of days).
pub const MAX_SESSIONS: u32 = 732;

/// Calls `each` with every term of an attendance cell
/// (`term-start:possible:authorised:unauthorised; …`).
pub fn attendance(
    cell: &str,
    mut each: impl FnMut(TermAttendance) -> Result<(), CellProblem>,
) -> Result<(), CellProblem> {
    const FORM: &str =
        "term-start:possible:authorised:unauthorised, for example 2014-09-03:140:0:20";
    for e in entries(cell) {
        let ([start, possible, authorised, unauthorised], _) = parts::<4>(e, 4, FORM)?;
        each(TermAttendance {
            start: date(start)?,
            possible: whole(possible, "number of possible sessions", MAX_SESSIONS)?,
            authorised: whole(authorised, "number of authorised absences", MAX_SESSIONS)?,
            unauthorised: whole(
                unauthorised,
                "number of unauthorised absences",
                MAX_SESSIONS,
            )?,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_display_writes_them() {
        for text in ["2015-06-30", "0999-01-09", "2024-12-01"] {
            let mut out = String::new();
            push_date(&mut out, Date::parse(text).unwrap());
            assert_eq!(out, text);
        }
    }

    #[test]
    fn headers_match_loosely() {
        assert_eq!(normalise(" Child in need "), "child_in_need");
        assert_eq!(normalise("Assessment-Date"), "assessment_date");
    }

    #[test]
    fn cells_read_or_say_why_not() {
        assert_eq!(flag("Yes"), Ok(true));
        assert_eq!(flag(""), Ok(false));
        assert_eq!(flag("maybe").map_err(|e| e.0), Err(ErrorCode::InvalidField));
        assert_eq!(whole(" 12 ", "age", 130), Ok(12));
        assert_eq!(
            whole("-1", "age", 130).map_err(|e| e.0),
            Err(ErrorCode::NegativeQuantity)
        );
        assert_eq!(
            whole("1.5", "age", 130).map_err(|e| e.0),
            Err(ErrorCode::FractionalQuantity)
        );
        assert_eq!(
            whole("131", "age", 130).map_err(|e| e.0),
            Err(ErrorCode::InvalidQuantity)
        );
        assert_eq!(
            whole("x", "age", 130).map_err(|e| e.0),
            Err(ErrorCode::InvalidQuantity)
        );
        let mut events = Vec::new();
        assert!(kinded(
            "asbo:2015-01-02; ; warningLetter:2014-12-01",
            family::ASB_KINDS,
            "a kind",
            "kind:date",
            &mut events,
        )
        .is_ok());
        assert_eq!(events.len(), 2);
        assert_eq!(
            kinded(
                "asbo",
                family::ASB_KINDS,
                "a kind",
                "kind:date",
                &mut events,
            )
            .map_err(|e| e.0),
            Err(ErrorCode::InvalidField)
        );
        let mut spells = Vec::new();
        assert!(benefits("jsa:2014-01-01:2015-01-01;esa:2015-02-01", &mut spells,).is_ok());
        assert_eq!(spells.len(), 2);
        assert_eq!(
            benefits("jsa:2014-01-01:2015-01-01:x", &mut spells).map_err(|e| e.0),
            Err(ErrorCode::InvalidField)
        );
        let mut terms = Vec::new();
        assert!(attendance("2014-09-03:140:0:20", |t| {
            terms.push(t);
            Ok(())
        })
        .is_ok());
        assert_eq!(terms.first().map(|t| t.unauthorised), Some(20));
    }
}
