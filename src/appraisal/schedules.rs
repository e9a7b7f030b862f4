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
//! `evidence` and `source`, then one row per band. A schedule's rows come in
//! year order and agree on its edition, publication date and source.

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
    pub edition: String,
    /// When that edition was published.
    pub published: Date,
    /// Where the rates come from, with evidence tags.
    pub source: String,
    /// The rates by band of years.
    pub rates: DiscountSchedule,
    /// The evidence tag of each band's rate (`V`), in band order.
    pub evidence: Vec<String>,
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

    /// Reads schedules in the format of `data/discount_schedules.tsv`. Every
    /// built-in schedule must be there, once; a problem is an
    /// [`ErrorCode::InvalidData`] error naming the line.
    pub fn from_tsv(text: &str) -> Result<Self> {
        let mut rows = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
            .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
        let (_, header) = rows
            .next()
            .ok_or_else(|| invalid(None, "the file has no header row."))?;
        let header: Vec<&str> = header.split('\t').map(str::trim).collect();
        let mut at = [0usize; COLUMNS.len()];
        for (slot, column) in at.iter_mut().zip(COLUMNS) {
            *slot = header
                .iter()
                .position(|h| *h == column)
                .ok_or_else(|| invalid(None, &format!("there is no \"{column}\" column.")))?;
        }
        let mut read: Vec<Reading> = Vec::new();
        for (line, text) in rows {
            let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
            if cells.len() != header.len() {
                return Err(invalid(
                    Some(line),
                    &format!(
                        "the line has {} cells and the header {}.",
                        cells.len(),
                        header.len()
                    ),
                ));
            }
            let [schedule, edition, published, from_year, rate, evidence, source] =
                at.map(|i| cells.get(i).copied().unwrap_or_default());
            let id = ScheduleId::parse(schedule).ok_or_else(|| {
                invalid(
                    Some(line),
                    &format!(
                        "\"{schedule}\" is not a built-in schedule (greenBook, health or sensitivity)."
                    ),
                )
            })?;
            let published = Date::parse(published).map_err(|e| invalid(Some(line), e.message()))?;
            let from_year = from_year.parse::<u32>().map_err(|_| {
                invalid(
                    Some(line),
                    &format!("the first year of a band is a whole number, not \"{from_year}\"."),
                )
            })?;
            let rate = parse_decimal(rate)
                .map_err(|_| {
                    invalid(
                        Some(line),
                        &format!("\"{rate}\" is not a rate; write 3.5% as 0.035."),
                    )
                })
                .and_then(|r| {
                    Rate::new(r.normalize()).map_err(|e| invalid(Some(line), e.message()))
                })?;
            if !EVIDENCE.contains(&evidence) {
                return Err(invalid(
                    Some(line),
                    &format!(
                        "\"{evidence}\" is not an evidence tag ({}).",
                        EVIDENCE.join(", ")
                    ),
                ));
            }
            if edition.is_empty() || source.is_empty() {
                return Err(invalid(
                    Some(line),
                    "a schedule names its edition and its source.",
                ));
            }
            let band = DiscountBand { from_year, rate };
            match read.iter_mut().find(|r| r.id == id) {
                None => read.push(Reading {
                    line,
                    id,
                    edition,
                    published,
                    source,
                    evidence: vec![evidence],
                    bands: vec![band],
                }),
                Some(r) => {
                    if r.edition != edition || r.published != published || r.source != source {
                        return Err(invalid(
                            Some(line),
                            &format!(
                                "the edition, publication date and source of \"{schedule}\" differ from line {}; one schedule has one of each.",
                                r.line
                            ),
                        ));
                    }
                    r.evidence.push(evidence);
                    r.bands.push(band);
                }
            }
        }
        let mut schedules = Vec::with_capacity(ScheduleId::ALL.len());
        for id in ScheduleId::ALL {
            let r = read.iter().find(|r| r.id == id).ok_or_else(|| {
                invalid(
                    None,
                    &format!("the \"{}\" schedule is missing.", id.as_str()),
                )
            })?;
            let rates = DiscountSchedule::new(r.bands.clone()).map_err(|errors| {
                let why = errors
                    .first()
                    .map(|e| e.message().to_owned())
                    .unwrap_or_default();
                invalid(
                    Some(r.line),
                    &format!("the bands of \"{}\" are out of order: {why}", id.as_str()),
                )
            })?;
            schedules.push(PublishedSchedule {
                id,
                edition: r.edition.to_owned(),
                published: r.published,
                source: r.source.to_owned(),
                rates,
                evidence: r.evidence.iter().map(|e| (*e).to_owned()).collect(),
            });
        }
        Ok(Self { schedules })
    }

    /// A built-in schedule.
    pub fn get(&self, id: ScheduleId) -> Result<&PublishedSchedule> {
        self.schedules
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| invalid(None, &format!("there is no \"{}\" schedule.", id.as_str())))
    }

    /// The schedules, in [`ScheduleId::ALL`] order.
    pub fn all(&self) -> &[PublishedSchedule] {
        &self.schedules
    }
}

/// A schedule while its rows are read: its first line, its details, the
/// evidence tags and bands so far.
struct Reading<'a> {
    line: usize,
    id: ScheduleId,
    edition: &'a str,
    published: Date,
    source: &'a str,
    evidence: Vec<&'a str>,
    bands: Vec<DiscountBand>,
}

/// A problem with the file, at a line or in the whole.
fn invalid(line: Option<usize>, why: &str) -> Error {
    let at = line.map_or_else(|| FILE.to_owned(), |l| format!("{FILE}, line {l}"));
    Error::new(
        ErrorCode::InvalidData,
        format!("The built-in discount schedules are not valid ({at}): {why}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "schedule\tedition\tpublished\tfrom_year\trate\tevidence\tsource";

    fn row(schedule: &str, from_year: &str, rate: &str) -> String {
        format!("{schedule}\tGB 2026\t2026-02-06\t{from_year}\t{rate}\tV\tsomewhere")
    }

    fn file(rows: &[String]) -> String {
        let mut text = format!("# a comment\n{HEADER}\n");
        for r in rows {
            text.push_str(r);
            text.push('\n');
        }
        text
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
        rows.push(row("health", "31", "0.0130"));
        let s = Schedules::from_tsv(&file(&rows)).unwrap();
        let health = s.get(ScheduleId::Health).unwrap();
        let bands: Vec<String> = health
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
            (vec![row("greenBook", "0", "0.035")], "\"health\" schedule is missing"),
            (
                [all_three(), vec![row("greenbook", "31", "0.03")]].concat(),
                "line 6): \"greenbook\" is not a built-in schedule",
            ),
            (
                [all_three(), vec![row("health", "thirty", "0.03")]].concat(),
                "line 6): the first year of a band is a whole number",
            ),
            (
                [all_three(), vec![row("health", "31", "3%")]].concat(),
                "line 6): \"3%\" is not a rate",
            ),
            (
                [all_three(), vec![row("health", "31", "1.5")]].concat(),
                "line 6): A rate is at most 1",
            ),
            (
                [
                    all_three(),
                    vec!["health\tGB 2027\t2027-02-06\t31\t0.03\tV\tsomewhere".to_owned()],
                ]
                .concat(),
                "line 6): the edition, publication date and source of \"health\" differ from line 4",
            ),
            (
                [all_three(), vec![row("health", "0", "0.03")]].concat(),
                "line 4): the bands of \"health\" are out of order",
            ),
        ];
        for (rows, expected) in cases {
            let e = Schedules::from_tsv(&file(&rows)).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidData);
            assert!(
                e.message().contains(expected),
                "{expected}: {}",
                e.message()
            );
        }
        let e = Schedules::from_tsv("schedule\tedition\n").unwrap_err();
        assert!(e.message().contains("no \"published\" column"), "{e}");
        let e = Schedules::from_tsv(&format!("{HEADER}\ngreenBook\tx\n")).unwrap_err();
        assert!(e.message().contains("line 2): the line has 2 cells"), "{e}");
        let mut bad = all_three();
        bad.push("health\tGB 2026\t2026-02-06\t31\t0.03\tQ\tsomewhere".to_owned());
        let e = Schedules::from_tsv(&file(&bad)).unwrap_err();
        assert!(e.message().contains("\"Q\" is not an evidence tag"), "{e}");
    }
}
