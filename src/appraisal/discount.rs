//! Green Book discounting: a schedule of rates by year band, and the discount
//! factor of each year.
//!
//! `DF_0 = 1` (the base year is not discounted) and
//! `DF_t = DF_(t−1) ÷ (1 + r_t)`, where `r_t` is the rate of the band that
//! year `t` falls in, so the factors compound across bands (domain.md §D1,
//! Formula 6): with the standard schedule `DF_30 = 1 ÷ 1.035^30` and
//! `DF_31 = DF_30 ÷ 1.03`.
//!
//! Factors are kept exact to `rust_decimal`'s 28 significant digits; they are
//! never rounded to a few places (rounding them to 6 places would move the
//! present value of £57,600 by 3p).

use rust_decimal::Decimal;

use super::arith::{add, div, guard};
use crate::error::{Error, ErrorCode, Result};
use crate::money::Rate;

/// From `from_year` on (until the next band), the rate `rate` applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountBand {
    /// The first year of the band (0 for the first band).
    pub from_year: u32,
    /// The discount rate of the years in the band.
    pub rate: Rate,
}

/// A discount schedule: bands of years, each with its rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountSchedule {
    bands: Vec<DiscountBand>,
}

impl DiscountSchedule {
    /// A schedule from its bands. The first band starts in year 0 and each
    /// band starts after the one before; every problem is reported, each with
    /// its path relative to the list of bands (`[1].fromYear`).
    pub fn new(bands: Vec<DiscountBand>) -> std::result::Result<Self, Vec<Error>> {
        let mut errors = Vec::new();
        match bands.first() {
            None => errors.push(Error::new(
                ErrorCode::InvalidField,
                "A discount schedule needs at least one band, starting in year 0.",
            )),
            Some(first) if first.from_year != 0 => errors.push(
                Error::new(
                    ErrorCode::InvalidField,
                    format!(
                        "The first band of a discount schedule starts in year 0, not year {}.",
                        first.from_year
                    ),
                )
                .at("[0].fromYear"),
            ),
            Some(_) => {}
        }
        for (i, pair) in bands.windows(2).enumerate() {
            if let [before, band] = pair {
                if band.from_year <= before.from_year {
                    errors.push(
                        Error::new(
                            ErrorCode::InvalidField,
                            format!(
                                "Each band starts after the one before: year {} does not come after year {}.",
                                band.from_year, before.from_year
                            ),
                        )
                        .at(format!("[{}].fromYear", i + 1)),
                    );
                }
            }
        }
        if errors.is_empty() {
            Ok(Self { bands })
        } else {
            Err(errors)
        }
    }

    /// The bands, earliest first.
    pub fn bands(&self) -> &[DiscountBand] {
        &self.bands
    }

    /// The rate that discounts year `year` back to year `year − 1`.
    pub fn rate_for(&self, year: u32) -> Rate {
        self.bands
            .iter()
            .take_while(|b| b.from_year <= year)
            .last()
            .map_or(Rate::ZERO, |b| b.rate)
    }

    /// The discount factors of years `0..=last_year`: `DF_0 = 1`,
    /// `DF_t = DF_(t−1) ÷ (1 + r_t)`.
    pub fn factors(&self, last_year: u32) -> Result<Vec<Decimal>> {
        guard(|| self.factors_to(last_year))
    }

    /// [`DiscountSchedule::factors`] as a step of a calculation.
    pub(crate) fn factors_to(&self, last_year: u32) -> Vec<Decimal> {
        let mut factors = Vec::with_capacity(usize::try_from(last_year).unwrap_or(0) + 1);
        let mut factor = Decimal::ONE;
        factors.push(factor);
        for year in 1..=last_year {
            factor = div(factor, add(Decimal::ONE, self.rate_for(year).as_decimal()));
            factors.push(factor);
        }
        factors
    }
}

#[cfg(test)]
mod tests {
    // Factors are compared to 20 places: a comparison, not a rounding of a result.
    #![allow(clippy::disallowed_methods)]
    use super::*;

    fn rate(text: &str) -> Rate {
        Rate::parse(text).unwrap()
    }

    #[test]
    fn year_zero_is_undiscounted_and_rates_follow_their_bands() {
        let schedule = DiscountSchedule::new(vec![
            DiscountBand {
                from_year: 0,
                rate: rate("0.035"),
            },
            DiscountBand {
                from_year: 31,
                rate: rate("0.03"),
            },
        ])
        .unwrap();
        assert_eq!(schedule.rate_for(0), rate("0.035"));
        assert_eq!(schedule.rate_for(30), rate("0.035"));
        assert_eq!(schedule.rate_for(31), rate("0.03"));
        let factors = schedule.factors(2).unwrap();
        assert_eq!(factors.len(), 3);
        assert_eq!(factors[0], Decimal::ONE);
        // 1 ÷ 1.035 = 0.96618357487922705314009661835…
        assert_eq!(
            factors[1].round_dp(20).to_string(),
            "0.96618357487922705314"
        );
    }

    #[test]
    fn bands_must_start_at_zero_and_increase() {
        let band = |from_year, r| DiscountBand {
            from_year,
            rate: rate(r),
        };
        let errors =
            DiscountSchedule::new(vec![band(1, "0.035"), band(1, "0.03"), band(0, "0.02")])
                .unwrap_err();
        let paths: Vec<_> = errors.iter().map(|e| e.path().unwrap_or("")).collect();
        assert_eq!(paths, ["[0].fromYear", "[1].fromYear", "[2].fromYear"]);
        assert!(DiscountSchedule::new(Vec::new()).is_err());
    }
}
