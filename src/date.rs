//! Civil dates (`2015-06-30`): the calendar arithmetic the eligibility rules
//! need, and nothing more.
//!
//! A [`Date`] is a proleptic Gregorian day, year 1 to 9999, read and written
//! only as `YYYY-MM-DD`. It has no time of day and no time zone: an assessment
//! happens on a day, and an offence is dated by the day it was proven.
//!
//! The rules need three things from it:
//! - **Month windows** ("in the last 12 months"): [`Date::months_before`]
//!   steps back whole calendar months and, when the day does not exist in the
//!   target month, uses that month's last day (31 March − 1 month = 28 or
//!   29 February). A window of N months ending on day A runs from
//!   `A.months_before(N)` to A, both days included.
//! - **Ages** in whole years ([`Date::age_on`]), with the English rule that
//!   someone born on 29 February has their birthday on 1 March in a year
//!   without one.
//! - **Day steps** ([`Date::next_day`], [`Date::previous_day`]) to check that
//!   dated values leave no gap and do not overlap.
//!
//! ```
//! use community_budget::date::Date;
//! # fn main() -> Result<(), community_budget::Error> {
//! let assessed = Date::parse("2016-02-29")?;
//! assert_eq!(assessed.months_before(12).to_string(), "2015-02-28");
//! assert_eq!(Date::parse("1998-02-28")?.age_on(assessed), 18);
//! # Ok(())
//! # }
//! ```
//!
//! The `time` and `chrono` crates would do this too, at a size the browser
//! pays for; this is about a hundred lines, tested against known calendars.

use std::fmt;

use crate::error::{Error, ErrorCode, Result};

/// A calendar day, 0001-01-01 to 9999-12-31. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order gives the derived ordering: year, then month, then day.
    year: u16,
    month: u8,
    day: u8,
}

/// True for a Gregorian leap year.
pub fn is_leap_year(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month (1–12) of a year; 0 for a month that does not exist.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The earliest date, 0001-01-01.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };
    /// The latest date, 9999-12-31.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// The date of a year, month and day, if it exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD` exactly: four, two and two digits, and a day that
    /// exists (`2015-02-29` is refused). The error says what to write (and
    /// for a blank, to enter one).
    pub fn parse(text: &str) -> Result<Date> {
        let invalid = |why: &str| {
            Error::new(
                ErrorCode::InvalidDate,
                format!("\"{text}\" is not a date{why}; write it as year-month-day, for example \"2015-06-30\"."),
            )
        };
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes.get(4) == Some(&b'-')
            && bytes.get(7) == Some(&b'-')
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok && text.trim().is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidDate,
                "Enter a date, for example \"2015-06-30\".",
            ));
        }
        if !shape_ok {
            return Err(invalid(""));
        }
        // The digits were checked above; read them by hand (a cohort reads
        // hundreds of thousands of dates).
        let number = |range: std::ops::Range<usize>| -> u16 {
            bytes.get(range).map_or(0, |digits| {
                digits.iter().fold(0u16, |n, d| {
                    n.saturating_mul(10)
                        .saturating_add(u16::from(d.saturating_sub(b'0')))
                })
            })
        };
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        let month = u8::try_from(month).unwrap_or(0);
        let day = u8::try_from(day).unwrap_or(0);
        if !(1..=12).contains(&month) {
            return Err(invalid(" (the month must be 01 to 12)"));
        }
        Date::new(year, month, day).ok_or_else(|| {
            if year == 0 {
                invalid(" (the year must be 0001 or later)")
            } else {
                invalid(&format!(
                    " ({} {year} has {} days)",
                    MONTH_NAMES.get(usize::from(month - 1)).unwrap_or(&""),
                    days_in_month(year, month)
                ))
            }
        })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The same day `months` calendar months earlier, or the last day of that
    /// month when it is shorter (2015-03-31 → 1 month → 2015-02-28). Before
    /// 0001-01 it gives [`Date::MIN`].
    #[must_use]
    pub fn months_before(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(months);
        let year = u16::try_from(index.div_euclid(12)).unwrap_or(0);
        let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
        if year == 0 {
            return Date::MIN;
        }
        let day = self.day.min(days_in_month(year, month));
        Date::new(year, month, day).unwrap_or(Date::MIN)
    }

    /// The day after, or `None` after 9999-12-31.
    pub fn next_day(self) -> Option<Date> {
        if self.day < days_in_month(self.year, self.month) {
            Some(Date {
                day: self.day + 1,
                ..self
            })
        } else if self.month < 12 {
            Date::new(self.year, self.month + 1, 1)
        } else {
            Date::new(self.year.checked_add(1)?, 1, 1)
        }
    }

    /// The day before, or `None` before 0001-01-01.
    pub fn previous_day(self) -> Option<Date> {
        if self.day > 1 {
            Some(Date {
                day: self.day - 1,
                ..self
            })
        } else if self.month > 1 {
            let month = self.month - 1;
            Date::new(self.year, month, days_in_month(self.year, month))
        } else {
            let year = self.year.checked_sub(1)?;
            Date::new(year, 12, 31)
        }
    }

    /// Days since 0001-01-01 (which is day 0): the civil calendar counted in
    /// days, so that weeks and spans of days can be measured.
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil, with years counted from March.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 306
    }

    /// The day with a [`Date::day_number`], or `None` outside 0001–9999.
    pub fn from_day_number(n: i64) -> Option<Date> {
        let z = n.checked_add(306)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The day `days` days later (earlier when negative), kept within
    /// 0001-01-01 to 9999-12-31.
    #[must_use]
    pub fn plus_days(self, days: i64) -> Date {
        let n = self.day_number().saturating_add(days);
        Date::from_day_number(n).unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
    }

    /// The first day whose window of `months` months ([`Date::months_before`])
    /// starts on or after `self`: the end of the first full N-month window
    /// from `self`. 2012-10-15 + 6 months → 2013-04-15; 2012-08-31 + 6 months →
    /// 2013-03-01 (28 February's window starts on 28 August).
    #[must_use]
    pub fn months_after(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = u16::try_from(index.div_euclid(12)).unwrap_or(9999);
        let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(12);
        match Date::new(year, month, self.day) {
            Some(d) => d,
            // The day does not exist in that month: the 1st of the next.
            None => Date::new(year, month, 1).map_or(Date::MAX, |first| {
                first.plus_days(i64::from(days_in_month(year, month)))
            }),
        }
    }

    /// Age in whole years on `day` of someone born on `self`: the number of
    /// birthdays reached. Born on 29 February, the birthday in a year without
    /// one is 1 March. 0 when `day` is before `self`.
    pub fn age_on(self, day: Date) -> u16 {
        let years = day.year.saturating_sub(self.year);
        if years == 0 {
            return 0;
        }
        // The birthday in `day`'s year, by the 29 February rule.
        let birthday = if self.month == 2 && self.day == 29 && !is_leap_year(day.year) {
            (3, 1)
        } else {
            (self.month, self.day)
        };
        if (day.month, day.day) >= birthday {
            years
        } else {
            years - 1
        }
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_blank_date_asks_for_one_and_a_bad_one_says_how_to_write_it() {
        for blank in ["", "   "] {
            let e = Date::parse(blank).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidDate);
            assert_eq!(e.message(), "Enter a date, for example \"2015-06-30\".");
        }
        let e = Date::parse("30/06/2015").unwrap_err();
        assert!(
            e.message().starts_with("\"30/06/2015\" is not a date"),
            "{e}"
        );
    }

    #[test]
    fn parses_and_writes_iso_dates() {
        for s in [
            "2015-06-30",
            "0001-01-01",
            "9999-12-31",
            "2000-02-29",
            "2016-02-29",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
        for bad in [
            "2015-6-30",
            "15-06-30",
            "2015/06/30",
            "2015-06-31",
            "2015-02-29",
            "1900-02-29",
            "2015-13-01",
            "2015-00-10",
            "2015-01-00",
            "0000-01-01",
            "",
            " 2015-06-30",
            "2015-06-30T00:00",
            "２０１５-06-30",
        ] {
            let e = Date::parse(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidDate, "{bad:?}");
        }
        assert!(Date::parse("2015-02-29")
            .unwrap_err()
            .message()
            .contains("February 2015 has 28 days"));
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap_year(2012) && is_leap_year(2000) && is_leap_year(2400));
        assert!(!is_leap_year(2015) && !is_leap_year(1900) && !is_leap_year(2100));
        assert_eq!(days_in_month(2012, 2), 29);
        assert_eq!(days_in_month(2013, 2), 28);
        assert_eq!(days_in_month(2013, 13), 0);
    }

    #[test]
    fn dates_order_by_time() {
        assert!(d("2014-12-31") < d("2015-01-01"));
        assert!(d("2015-01-31") < d("2015-02-01"));
        assert!(d("2015-02-01") < d("2015-02-10"));
    }

    /// (day, months back, expected): whole months, clamped to the month's end.
    #[test]
    fn months_before_clamps_to_the_end_of_a_shorter_month() {
        for (day, months, want) in [
            ("2015-06-30", 12, "2014-06-30"),
            ("2015-06-30", 0, "2015-06-30"),
            ("2015-03-31", 1, "2015-02-28"),
            ("2016-03-31", 1, "2016-02-29"),
            ("2016-02-29", 12, "2015-02-28"),
            ("2016-02-29", 48, "2012-02-29"),
            ("2015-01-15", 1, "2014-12-15"),
            ("2015-01-31", 2, "2014-11-30"),
            ("2015-05-31", 3, "2015-02-28"),
            ("2015-12-31", 13, "2014-11-30"),
            ("0001-06-01", 5, "0001-01-01"),
            ("0001-06-01", 6, "0001-01-01"),
            ("0002-01-01", 12, "0001-01-01"),
        ] {
            assert_eq!(
                d(day).months_before(months).to_string(),
                want,
                "{day} − {months}"
            );
        }
        assert_eq!(d("2015-06-30").months_before(u32::MAX), Date::MIN);
    }

    #[test]
    fn day_steps_cross_months_years_and_leap_days() {
        for (a, b) in [
            ("2015-06-30", "2015-07-01"),
            ("2015-12-31", "2016-01-01"),
            ("2016-02-28", "2016-02-29"),
            ("2016-02-29", "2016-03-01"),
            ("2015-02-28", "2015-03-01"),
            ("2015-01-09", "2015-01-10"),
        ] {
            assert_eq!(d(a).next_day(), Some(d(b)), "{a} + 1");
            assert_eq!(d(b).previous_day(), Some(d(a)), "{b} − 1");
        }
        assert_eq!(Date::MAX.next_day(), None);
        assert_eq!(Date::MIN.previous_day(), None);
    }

    #[test]
    fn day_numbers_count_days_and_read_back() {
        assert_eq!(Date::MIN.day_number(), 0);
        assert_eq!(d("0001-01-02").day_number(), 1);
        // 1970-01-01 is day 719,162 from 0001-01-01 (the proleptic Gregorian count).
        assert_eq!(d("1970-01-01").day_number(), 719_162);
        assert_eq!(
            d("2016-03-01").day_number() - d("2016-02-28").day_number(),
            2
        );
        assert_eq!(
            d("2015-03-01").day_number() - d("2015-02-28").day_number(),
            1
        );
        let mut day = d("1999-12-25");
        for _ in 0..800 {
            assert_eq!(Date::from_day_number(day.day_number()), Some(day));
            let next = day.next_day().unwrap();
            assert_eq!(next.day_number(), day.day_number() + 1);
            day = next;
        }
        assert_eq!(
            Date::from_day_number(Date::MAX.day_number()),
            Some(Date::MAX)
        );
        assert_eq!(Date::from_day_number(Date::MAX.day_number() + 1), None);
        assert_eq!(Date::from_day_number(-1), None);
        assert_eq!(d("2013-01-07").plus_days(90).to_string(), "2013-04-07");
        assert_eq!(d("2013-01-07").plus_days(-7).to_string(), "2012-12-31");
        assert_eq!(Date::MAX.plus_days(1), Date::MAX);
        assert_eq!(Date::MIN.plus_days(-1), Date::MIN);
    }

    /// (day, months, expected): the first day whose N-month window starts on or after `day`.
    #[test]
    fn months_after_gives_the_end_of_the_first_full_window() {
        for (day, months, want) in [
            ("2012-10-15", 6, "2013-04-15"),
            ("2012-08-31", 6, "2013-03-01"),
            ("2012-08-29", 6, "2013-03-01"),
            ("2015-08-29", 6, "2016-02-29"),
            ("2012-12-31", 2, "2013-03-01"),
            ("2012-01-31", 1, "2012-03-01"),
        ] {
            let end = d(day).months_after(months);
            assert_eq!(end.to_string(), want, "{day} + {months}");
            assert!(
                end.months_before(months) >= d(day),
                "{day}: window starts on or after"
            );
            let before = end.previous_day().unwrap();
            assert!(
                before.months_before(months) < d(day),
                "{day}: the day before is too early"
            );
        }
    }

    /// (born, on, age): birthdays reached, with 29 February → 1 March.
    #[test]
    fn ages_count_birthdays_reached() {
        for (born, on, age) in [
            ("1997-06-30", "2015-06-30", 18), // 18th birthday on the day: 18
            ("1997-07-01", "2015-06-30", 17), // the day before the 18th birthday
            ("1997-06-29", "2015-06-30", 18),
            ("2000-02-29", "2018-02-28", 17), // no 29 February in 2018: birthday 1 March
            ("2000-02-29", "2018-03-01", 18),
            ("2000-02-29", "2016-02-29", 16), // a leap year: the day itself
            ("2000-02-29", "2016-02-28", 15),
            ("2015-06-30", "2015-06-30", 0),
            ("2015-06-30", "2015-01-01", 0), // not born yet
            ("2014-12-31", "2015-01-01", 0),
            ("2014-01-01", "2015-01-01", 1),
        ] {
            assert_eq!(d(born).age_on(d(on)), age, "born {born}, on {on}");
        }
    }
}
