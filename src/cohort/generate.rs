//! A deterministic synthetic cohort: realistic families, never real ones.
//!
//! The same seed gives the same file, byte for byte, natively and in wasm,
//! however it is cut into chunks: family `i` draws from its own generator,
//! seeded from the run's seed and `i` (SplitMix64), so families `1000..2000`
//! are the same whether written alone or after the first thousand. Only
//! integers are used (chances in thousandths).
//!
//! The families are those a council would refer: one or two parents, up to
//! five children, with offending and anti-social behaviour, exclusions and
//! absence, out-of-work benefits, children in need, domestic abuse and health
//! problems at rates chosen so that about half meet the phase-2 criteria
//! (`tf-2015`) and fewer than one in ten the stricter phase-1 ones (`tf-2012`),
//! and the services they use in a year (police incidents, arrests, A&E,
//! children's social care, …) in step with those facts. The rates are the
//! generator's own assumptions, not statistics.

use std::fmt::Write as _;

use crate::date::Date;
use crate::family::{ASB_KINDS, BENEFIT_KINDS};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// How many families.
    pub families: u64,
    /// The seed: the same seed gives the same families.
    pub seed: u64,
    /// The number of the first family (families are numbered, and labelled, from it).
    pub first: u64,
    /// Every family's assessment date.
    pub assessment_date: Date,
    /// Write the header row first.
    pub header: bool,
    /// Give about seven families in ten an `attachment_date` (60 to 540 days
    /// before the assessment date), so that the report works out their claims.
    pub claims: bool,
}

/// The unit-cost codes whose quantities the generated families carry.
pub const COST_CODES: [&str; 18] = [
    "CR1.0", "CR1.1", "CR6.0", "CR4.0", "CR3.2", "CR2.0", "HE3.0", "HE9.0", "HE16.0", "E&S1.0",
    "E&S2.0", "E&E1.10", "SS6.0", "SS4.0", "SS5.0", "SS2.0", "HO3.0", "HO4.1",
];

/// The header of a generated file (with an `attachment_date` column for claims).
pub fn header(claims: bool) -> String {
    let mut h = String::from(
        "family,assessment_date,age,role,offences,asb,exclusions,attendance,alternative_provision,\
         not_on_school_roll,benefits,employment,child_in_need,child_protection_plan,mental_health,\
         substance_misuse,new_mother,domestic_abuse,local_concern",
    );
    for code in COST_CODES {
        h.push(',');
        h.push_str(code);
    }
    if claims {
        h.push_str(",attachment_date");
    }
    h.push('\n');
    h
}

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn for_family(seed: u64, family: u64) -> Self {
        let mut r = Rng(seed ^ family.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from 0 to `n − 1` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next().checked_rem(n).unwrap_or(0)
    }

    /// A number from `low` to `high`, both included.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low.saturating_add(self.below(high.saturating_sub(low).saturating_add(1)))
    }

    /// True `per_mille` times in a thousand.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let n = u64::try_from(items.len()).unwrap_or(0);
        usize::try_from(self.below(n))
            .ok()
            .and_then(|i| items.get(i))
            .copied()
            .unwrap_or_default()
    }
}

/// The day `days` before `date` (the date itself if that is out of range).
fn days_before(date: Date, days: u64) -> Date {
    let back = i64::try_from(days).unwrap_or(0);
    Date::from_day_number(date.day_number().saturating_sub(back)).unwrap_or(date)
}

/// The first days of the last three school terms started by `a` (English
/// terms from about 3 September, 6 January and 20 April), earliest first.
pub fn last_terms(a: Date) -> [Date; 3] {
    let mut starts = Vec::with_capacity(9);
    for y in [
        a.year().saturating_sub(2),
        a.year().saturating_sub(1),
        a.year(),
    ] {
        for (m, d) in [(1, 6), (4, 20), (9, 3)] {
            if let Some(s) = Date::new(y, m, d) {
                if s <= a {
                    starts.push(s);
                }
            }
        }
    }
    let n = starts.len();
    let get = |k: usize| starts.get(n.saturating_sub(k)).copied().unwrap_or(a);
    [get(3), get(2), get(1)]
}

struct Person {
    age: u64,
    role: &'static str,
}

/// Appends `params.families` families (and the header first, if asked) to `out`.
pub fn write(params: Params, out: &mut String) {
    if params.header {
        out.push_str(&header(params.claims));
    }
    let terms = last_terms(params.assessment_date);
    for k in 0..params.families {
        let number = params.first.saturating_add(k);
        let attachment = params.claims.then(|| {
            // A stream of its own, so that the families are the same with or without claims.
            let mut r = Rng::for_family(params.seed ^ 0xC1A1_5EED, number);
            r.chance(700)
                .then(|| days_before(params.assessment_date, r.between(60, 540)))
        });
        family(
            params.seed,
            number,
            params.assessment_date,
            &terms,
            attachment,
            out,
        );
    }
}

/// The whole file as text.
pub fn generate(params: Params) -> String {
    let mut out =
        String::with_capacity(usize::try_from(params.families.saturating_mul(420)).unwrap_or(0));
    write(params, &mut out);
    out
}

/// Writes one family's rows. `attachment`: `None` for no `attachment_date`
/// column, `Some(None)` for an empty cell.
fn family(
    seed: u64,
    number: u64,
    a: Date,
    terms: &[Date; 3],
    attachment: Option<Option<Date>>,
    out: &mut String,
) {
    let mut r = Rng::for_family(seed, number);
    let mut people = Vec::with_capacity(7);
    let two_parents = r.chance(520);
    let mother_age = r.between(19, 52);
    people.push(Person {
        age: mother_age,
        role: "parent",
    });
    if two_parents {
        people.push(Person {
            age: r.between(20, 58),
            role: "parent",
        });
    }
    if r.chance(80) {
        people.push(Person {
            age: r.between(45, 75),
            role: "relative",
        });
    }
    let children = match r.below(100) {
        0..=4 => 0,
        5..=29 => 1,
        30..=59 => 2,
        60..=81 => 3,
        82..=93 => 4,
        _ => 5,
    };
    for _ in 0..children {
        let oldest = mother_age.saturating_sub(16).min(17);
        people.push(Person {
            age: r.below(oldest.saturating_add(1)),
            role: "child",
        });
    }
    let has_baby = people.iter().any(|p| p.role == "child" && p.age == 0);
    // Household facts.
    let local_concern = r.chance(250);
    let abuse = if r.chance(150) { r.between(1, 3) } else { 0 };
    let abuse_recent = (0..abuse).map(|_| r.below(700)).collect::<Vec<_>>();
    let homeless = r.chance(30);
    for (i, p) in people.iter().enumerate() {
        let first = i == 0;
        let child = p.age < 18;
        let school = (5..=15).contains(&p.age);
        let _ = write!(out, "{number},");
        if first {
            let _ = write!(out, "{a}");
        }
        let _ = write!(out, ",{},{},", p.age, p.role);
        // Offences (children from 10, adults) and ASB.
        let offences = if p.age >= 10 && r.chance(if child { 130 } else { 90 }) {
            r.between(1, 3)
        } else {
            0
        };
        for j in 0..offences {
            if j > 0 {
                out.push(';');
            }
            let _ = write!(out, "{}", days_before(a, r.below(600)));
        }
        out.push(',');
        let asb = if p.age >= 10 && r.chance(110) {
            r.between(1, 2)
        } else {
            0
        };
        for j in 0..asb {
            if j > 0 {
                out.push(';');
            }
            let _ = write!(
                out,
                "{}:{}",
                r.pick(ASB_KINDS),
                days_before(a, r.below(600))
            );
        }
        out.push(',');
        // School: exclusions within the three terms, attendance for each.
        let fixed = if school && r.chance(150) {
            r.between(1, 4)
        } else {
            0
        };
        let permanent = school && r.chance(20);
        let since = a
            .day_number()
            .saturating_sub(terms.first().copied().unwrap_or(a).day_number());
        let window = u64::try_from(since).unwrap_or(0).saturating_add(1);
        let mut written = 0;
        for _ in 0..fixed {
            if written > 0 {
                out.push(';');
            }
            let _ = write!(out, "fixedTerm:{}", days_before(a, r.below(window)));
            written += 1;
        }
        if permanent {
            if written > 0 {
                out.push(';');
            }
            let _ = write!(out, "permanent:{}", days_before(a, r.below(window)));
        }
        out.push(',');
        let mut truant = false;
        if school {
            let band = r.below(100);
            for (t, start) in terms.iter().enumerate() {
                if t > 0 {
                    out.push(';');
                }
                let possible = r.between(110, 150);
                let percent = match band {
                    0..=74 => r.below(5),
                    75..=89 => r.between(5, 12),
                    _ => r.between(15, 45),
                };
                let unauthorised = possible.saturating_mul(percent) / 100;
                let authorised = (possible.saturating_mul(r.below(5)) / 100)
                    .min(possible.saturating_sub(unauthorised));
                truant |= percent >= 10;
                let _ = write!(out, "{start}:{possible}:{authorised}:{unauthorised}");
            }
        }
        out.push(',');
        if school && (permanent || r.chance(25)) {
            out.push_str(if permanent {
                "exclusion"
            } else {
                r.pick(&["behaviour", "other", "exclusion"])
            });
        }
        out.push(',');
        if school && r.chance(10) {
            out.push_str("yes");
        }
        out.push(',');
        // Work.
        let on_benefit = !child && r.chance(if p.role == "relative" { 120 } else { 430 });
        let mut jsa = false;
        if on_benefit {
            let kind = match r.below(100) {
                0..=34 => "jsa",
                35..=69 => "esa",
                70..=84 => "incomeSupport",
                85..=91 => "universalCredit",
                _ => r.pick(BENEFIT_KINDS),
            };
            jsa = kind == "jsa";
            let from = days_before(a, r.between(30, 1100));
            let _ = write!(out, "{kind}:{from}");
            if r.chance(120) {
                let _ = write!(out, ":{}", days_before(a, r.between(1, 20)));
            }
        }
        out.push(',');
        if !child && !on_benefit && r.chance(620) {
            let _ = write!(out, "{}", days_before(a, r.between(20, 1800)));
        }
        out.push(',');
        let cin = child && r.chance(60);
        let cpp = child && r.chance(25);
        let mental = r.chance(if child { 25 } else { 110 });
        let substance = (p.age >= 14) && r.chance(if child { 20 } else { 60 });
        let new_mother = i == 0 && has_baby && r.chance(500);
        for flag in [cin, cpp, mental, substance, new_mother] {
            if flag {
                out.push_str("yes");
            }
            out.push(',');
        }
        if first {
            for (j, back) in abuse_recent.iter().enumerate() {
                if j > 0 {
                    out.push(';');
                }
                let _ = write!(out, "{}", days_before(a, *back));
            }
        }
        out.push(',');
        if first && local_concern {
            out.push_str("yes");
        }
        // Services used in the year, in step with the facts.
        let abuse_in_year = if first {
            abuse_recent.iter().filter(|b| **b <= 365).count()
        } else {
            0
        };
        let quantities: [u64; COST_CODES.len()] = [
            if asb > 0 {
                r.between(1, 12)
            } else {
                u64::from(r.chance(30))
            },
            if r.chance(80) { r.between(1, 3) } else { 0 },
            if offences > 0 { r.between(1, 3) } else { 0 },
            u64::from(child && offences > 0 && r.chance(350)),
            u64::from(!child && offences > 0 && r.chance(500)),
            u64::try_from(abuse_in_year).unwrap_or(0),
            if r.chance(280) { r.between(1, 4) } else { 0 },
            if r.chance(70) { r.between(1, 2) } else { 0 },
            if mental { r.between(3, 20) } else { 0 },
            u64::from(truant),
            u64::from(permanent),
            u64::from(jsa),
            u64::from(first && r.chance(200)),
            u64::from(cpp),
            if cin { 2 } else { 0 },
            if child && r.chance(12) {
                r.between(8, 52)
            } else {
                0
            },
            u64::from(first && homeless),
            if first && homeless {
                r.between(2, 12)
            } else {
                0
            },
        ];
        for q in quantities {
            out.push(',');
            if q > 0 {
                let _ = write!(out, "{q}");
            }
        }
        if let Some(attached) = attachment {
            out.push(',');
            if let (true, Some(d)) = (first, attached) {
                let _ = write!(out, "{d}");
            }
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn day_arithmetic_round_trips() {
        assert_eq!(days_before(d("2016-03-01"), 1), d("2016-02-29"));
        assert_eq!(days_before(d("2015-01-01"), 365), d("2014-01-01"));
    }

    #[test]
    fn the_last_three_terms_are_found() {
        assert_eq!(
            last_terms(d("2015-06-30")),
            [d("2014-09-03"), d("2015-01-06"), d("2015-04-20")]
        );
        assert_eq!(
            last_terms(d("2015-01-05")),
            [d("2014-01-06"), d("2014-04-20"), d("2014-09-03")]
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_families_in_any_chunks() {
        let p = Params {
            families: 50,
            seed: 7,
            first: 1,
            assessment_date: d("2015-06-30"),
            header: true,
            claims: false,
        };
        let whole = generate(p);
        let mut parts = generate(Params { families: 20, ..p });
        parts.push_str(&generate(Params {
            families: 30,
            first: 21,
            header: false,
            ..p
        }));
        assert_eq!(whole, parts);
        assert_ne!(whole, generate(Params { seed: 8, ..p }));
    }
}
