//! The built-in discount schedules as dated data: `data/discount_schedules.tsv`,
//! compiled in and read once.
//!
//! Each schedule is named (`greenBook`, `health`, `sensitivity`), carries the
//! edition of the Green Book it comes from, that edition's publication date
//! and its source, and gives each band of years its rate and evidence tag
//! (domain.md §D1, domain-2026.md §5). A new edition is new rows; the engine
//! does not change.
//!
//! The file is tab-separated: `#` comment lines, then a header row with the
//! columns `schedule`, `edition`, `published`, `from_year`, `rate`,
//! `evidence` and `source`, then one row per band. A schedule's rows come
//! together, in year order, and agree on its edition, publication date and
//! source.
//!
//! The reader is in every module that appraises, so it is kept small: it
//! splits lines and cells with `split` (the unit-cost reader splits its cells so),
//! borrows every text from the compiled-in file rather than copying it, and
//! says what is wrong in fixed sentences naming the line.

use std::sync::OnceLock;

use super::{DiscountBand, DiscountSchedule};
use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::money::{parse_decimal, Rate};

/// The file, as shipped.
pub const DISCOUNT_SCHEDULES_TSV: &str = include_str!("../../data/discount_schedules.tsv");

/// Where the file is, for messages.
const FILE: &str = "data/discount_schedules.tsv";

/// The columns the file must have.
const COLUMNS: [&str; 7] = [
    "schedule",
    "edition",
    "published",
    "from_year",
    "rate",
    "evidence",
    "source",
];

/// The evidence tags a rate may carry: domain-2026.md's (V, S, D, U) and
/// domain.md's (V2, R, A).
const EVIDENCE: [&str; 7] = ["V", "V2", "S", "D", "U", "R", "A"];

/// The built-in schedules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScheduleId {
    /// The standard schedule: 3.5 % to year 30, then declining.
    GreenBook,
    /// For health and risk-to-life values: 1.5 % to year 30, then declining.
    Health,
    /// The 2026 sensitivity test with no pure time preference: 3.0 % to
    /// year 30, then declining.
    Sensitivity,
}

impl ScheduleId {
    /// The three, in the order the answers list them.
    pub const ALL: [ScheduleId; 3] = [Self::GreenBook, Self::Health, Self::Sensitivity];

    /// The name on the wire and in the file: `greenBook`, `health`, `sensitivity`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::GreenBook => "greenBook",
            Self::Health => "health",
            Self::Sensitivity => "sensitivity",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|id| id.as_str() == name)
    }
}

/// A built-in schedule, with its edition, publication date, source and the
/// evidence tag of each band's rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedSchedule {
    /// Which schedule.
    pub id: ScheduleId,
    /// The edition it comes from, e.g. `Green Book 2026 (February 2026)`.
    pub edition: &'static str,
    /// When that edition was published.
    pub published: Date,
    /// Where the rates come from, with evidence tags.
    pub source: &'static str,
    /// The rates by band of years.
    pub rates: DiscountSchedule,
    /// The evidence tag of each band's rate (`V`), in band order.
    pub evidence: Vec<&'static str>,
}

/// The three built-in schedules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedules {
    schedules: Vec<PublishedSchedule>,
}

impl Schedules {
    /// The schedules of the shipped file, read once.
    pub fn built_in() -> Result<&'static Schedules> {
        static BUILT_IN: OnceLock<Result<Schedules>> = OnceLock::new();
        BUILT_IN
            .get_or_init(|| Schedules::from_tsv(DISCOUNT_SCHEDULES_TSV))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Reads schedules in the format of `data/discount_schedules.tsv`: the
    /// header is the seven columns of the module documentation, in order;
    /// each schedule's rows come together; every built-in schedule is there.
    /// A problem is an [`ErrorCode::InvalidData`] error naming the line.
    pub fn from_tsv(text: &'static str) -> Result<Self> {
        let mut schedules: Vec<PublishedSchedule> = Vec::with_capacity(ScheduleId::ALL.len());
        let mut reading: Option<Reading> = None;
        let mut header = false;
        for (i, text) in text.split('\n').enumerate() {
            let line = i.saturating_add(1);
            let text = text.strip_suffix('\r').unwrap_or(text);
            if text.starts_with('#') || text.trim().is_empty() {
                continue;
            }
            let mut cells = [""; COLUMNS.len()];
            let mut count = 0usize;
            for cell in text.split('\t') {
                if let Some(slot) = cells.get_mut(count) {
                    *slot = cell.trim();
                }
                count = count.saturating_add(1);
            }
            if !header {
                if count != COLUMNS.len() || cells != COLUMNS {
                    return Err(invalid(line, "the header is not schedule, edition, published, from_year, rate, evidence, source."));
                }
                header = true;
                continue;
            }
            let [schedule, edition, published, from_year, rate, evidence, source] = cells;
            if count != COLUMNS.len() {
                return Err(invalid(
                    line,
                    "the line does not have one cell for each column.",
                ));
            }
            let id = ScheduleId::parse(schedule).ok_or_else(|| {
                invalid(
                    line,
                    "the schedule is not greenBook, health or sensitivity.",
                )
            })?;
            let published = date(published).ok_or_else(|| {
                invalid(
                    line,
                    "the publication date is not a date written YYYY-MM-DD.",
                )
            })?;
            let from_year = parse_decimal(from_year)
                .ok()
                .and_then(|y| u32::try_from(y).ok())
                .ok_or_else(|| {
                    invalid(line, "the first year of the band is not a whole number.")
                })?;
            let rate = parse_decimal(rate)
                .ok()
                .and_then(|r| Rate::new(r.normalize()).ok())
                .ok_or_else(|| {
                    invalid(
                        line,
                        "the rate is not a decimal from 0 to 1 (3.5% is 0.035).",
                    )
                })?;
            if !EVIDENCE.contains(&evidence) {
                return Err(invalid(
                    line,
                    "the evidence tag is not V, V2, S, D, U, R or A.",
                ));
            }
            if edition.is_empty() || source.is_empty() {
                return Err(invalid(
                    line,
                    "a schedule names its edition and its source.",
                ));
            }
            let band = DiscountBand { from_year, rate };
            match &mut reading {
                Some(r) if r.id == id => {
                    if r.edition != edition || r.published != published || r.source != source {
                        return Err(invalid(line, "the edition, publication date or source differ from the schedule's first line; one schedule has one of each."));
                    }
                    r.evidence.push(evidence);
                    r.bands.push(band);
                }
                _ => {
                    if let Some(done) = reading.take() {
                        schedules.push(finish(done)?);
                    }
                    if schedules.iter().any(|s| s.id == id) {
                        return Err(invalid(line, "the schedule's rows are not together."));
                    }
                    reading = Some(Reading {
                        line,
                        id,
                        edition,
                        published,
                        source,
                        evidence: vec![evidence],
                        bands: vec![band],
                    });
                }
            }
        }
        if let Some(done) = reading.take() {
            schedules.push(finish(done)?);
        }
        if !header {
            return Err(invalid(0, "the file has no header row."));
        }
        if ScheduleId::ALL
            .iter()
            .any(|id| !schedules.iter().any(|s| s.id == *id))
        {
            return Err(invalid(
                0,
                "one of greenBook, health and sensitivity is missing.",
            ));
        }
        Ok(Self { schedules })
    }

    /// A built-in schedule.
    pub fn get(&self, id: ScheduleId) -> Result<&PublishedSchedule> {
        self.schedules
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| invalid(0, "one of greenBook, health and sensitivity is missing."))
    }

    /// The schedules, in [`ScheduleId::ALL`] order.
    pub fn all(&self) -> &[PublishedSchedule] {
        &self.schedules
    }
}

/// A schedule while its rows are read: its first line, its details, the
/// evidence tags and bands so far.
struct Reading {
    line: usize,
    id: ScheduleId,
    edition: &'static str,
    published: Date,
    source: &'static str,
    evidence: Vec<&'static str>,
    bands: Vec<DiscountBand>,
}

/// A schedule read: its bands must start in year 0, each after the one before.
fn finish(r: Reading) -> Result<PublishedSchedule> {
    let rates = DiscountSchedule::new(r.bands).map_err(|_| {
        invalid(
            r.line,
            "the schedule's bands do not start in year 0, each after the one before.",
        )
    })?;
    Ok(PublishedSchedule {
        id: r.id,
        edition: r.edition,
        published: r.published,
        source: r.source,
        rates,
        evidence: r.evidence,
    })
}

/// `YYYY-MM-DD` as a date that exists. ([`Date::parse`] says what is wrong
/// in a sentence of its own, which this reader does not need: its caller
/// names the line.)
fn date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let number = |from: usize, to: usize| {
        (from..to).try_fold(0u16, |n, i| {
            let digit = bytes.get(i).filter(|b| b.is_ascii_digit())?;
            n.checked_mul(10)?.checked_add(u16::from(digit - b'0'))
        })
    };
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let month = u8::try_from(number(5, 7)?).ok()?;
    let day = u8::try_from(number(8, 10)?).ok()?;
    Date::new(number(0, 4)?, month, day)
}

/// A problem with the file, at a line (0 for the whole file).
fn invalid(line: usize, why: &'static str) -> Error {
    let message = if line == 0 {
        format!("The built-in discount schedules are not valid ({FILE}): {why}")
    } else {
        format!("The built-in discount schedules are not valid ({FILE}, line {line}): {why}")
    };
    Error::new(ErrorCode::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "schedule\tedition\tpublished\tfrom_year\trate\tevidence\tsource";

    fn row(schedule: &str, from_year: &str, rate: &str) -> String {
        format!("{schedule}\tGB 2026\t2026-02-06\t{from_year}\t{rate}\tV\tsomewhere")
    }

    /// The text of a file of `rows` (leaked: the reader borrows from text compiled in).
    fn file(rows: &[String]) -> &'static str {
        let mut text = format!("# a comment\n{HEADER}\n");
        for r in rows {
            text.push_str(r);
            text.push('\n');
        }
        text.leak()
    }

    fn all_three() -> Vec<String> {
        ["greenBook", "health", "sensitivity"]
            .iter()
            .map(|s| row(s, "0", "0.035"))
            .collect()
    }

    #[test]
    fn the_shipped_file_reads() {
        let schedules = Schedules::built_in().unwrap();
        assert_eq!(schedules.all().len(), 3);
        for s in schedules.all() {
            assert_eq!(s.edition, "Green Book 2026 (February 2026)");
            assert_eq!(s.published.to_string(), "2026-02-06");
            assert_eq!(s.evidence.len(), s.rates.bands().len());
            assert!(s.source.contains("[V]"), "{}", s.source);
        }
    }

    #[test]
    fn a_small_file_reads_and_trailing_zeros_go() {
        let mut rows = all_three();
        rows.push(row("sensitivity", "31", "0.0130"));
        let s = Schedules::from_tsv(file(&rows)).unwrap();
        let sensitivity = s.get(ScheduleId::Sensitivity).unwrap();
        let bands: Vec<String> = sensitivity
            .rates
            .bands()
            .iter()
            .map(|b| format!("{} {}", b.from_year, b.rate))
            .collect();
        assert_eq!(bands, ["0 0.035", "31 0.013"]);
    }

    #[test]
    fn every_problem_names_its_line() {
        let cases: [(Vec<String>, &str); 7] = [
            (
                vec![row("greenBook", "0", "0.035")],
                "(data/discount_schedules.tsv): one of greenBook, health and sensitivity is missing.",
            ),
            (
                [all_three(), vec![row("greenbook", "31", "0.03")]].concat(),
                "line 6): the schedule is not greenBook, health or sensitivity.",
            ),
            (
                [all_three(), vec![row("sensitivity", "thirty", "0.03")]].concat(),
                "line 6): the first year of the band is not a whole number.",
            ),
            (
                [all_three(), vec![row("sensitivity", "31", "3%")]].concat(),
                "line 6): the rate is not a decimal from 0 to 1",
            ),
            (
                [all_three(), vec![row("sensitivity", "31", "1.5")]].concat(),
                "line 6): the rate is not a decimal from 0 to 1",
            ),
            (
                [
                    all_three(),
                    vec!["sensitivity\tGB 2027\t2027-02-06\t31\t0.03\tV\tsomewhere".to_owned()],
                ]
                .concat(),
                "line 6): the edition, publication date or source differ",
            ),
            (
                [all_three(), vec![row("sensitivity", "0", "0.03")]].concat(),
                "line 5): the schedule's bands do not start in year 0, each after the one before.",
            ),
        ];
        for (rows, expected) in cases {
            let e = Schedules::from_tsv(file(&rows)).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidData);
            assert!(
                e.message().contains(expected),
                "{expected}: {}",
                e.message()
            );
        }
        let e = Schedules::from_tsv("schedule\tedition\n").unwrap_err();
        assert!(e.message().contains("line 1): the header is not"), "{e}");
        let e = Schedules::from_tsv("# only a comment\n").unwrap_err();
        assert!(
            e.message()
                .contains("(data/discount_schedules.tsv): the file has no header row."),
            "{e}"
        );
        let mut apart = all_three();
        apart.push(row("greenBook", "31", "0.03"));
        let e = Schedules::from_tsv(file(&apart)).unwrap_err();
        assert!(
            e.message()
                .contains("line 6): the schedule's rows are not together."),
            "{e}"
        );
        let e = Schedules::from_tsv("schedule\tedition\n").unwrap_err();
        assert!(e.message().contains("line 1): the header is not"), "{e}");
        let e = Schedules::from_tsv(format!("{HEADER}\ngreenBook\tx\n").leak()).unwrap_err();
        assert!(
            e.message()
                .contains("line 2): the line does not have one cell for each column."),
            "{e}"
        );
        let mut bad = all_three();
        bad.push("sensitivity\tGB 2026\t2026-02-06\t31\t0.03\tQ\tsomewhere".to_owned());
        let e = Schedules::from_tsv(file(&bad)).unwrap_err();
        assert!(
            e.message().contains("line 6): the evidence tag is not"),
            "{e}"
        );
        let mut bad = all_three();
        bad.push("sensitivity\tGB 2026\t2026-02-30\t31\t0.03\tV\tsomewhere".to_owned());
        let e = Schedules::from_tsv(file(&bad)).unwrap_err();
        assert!(
            e.message()
                .contains("line 6): the publication date is not a date"),
            "{e}"
        );
    }
}
