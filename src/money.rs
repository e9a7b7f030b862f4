//! Money: exact decimal amounts in pounds, checked arithmetic, named rounding,
//! and penny-exact splits.
//!
//! [`Money`] wraps [`rust_decimal::Decimal`]. It is read only from strings
//! (`"1249.00"`, never a floating-point number), written as a string, and every
//! operation that could overflow returns an [`Error`] instead of panicking.
//! Rounding happens only through a named [`Rounding`] policy; the engine's
//! default is [`Rounding::Penny`]: two decimal places, halves away from zero.
//! [`Money::allocate`] splits an amount by weights so that the parts add up to
//! the whole exactly (largest remainder). [`Rate`] is a share from 0 to 1
//! (`"0.035"`), read and written as a decimal string like money.
//!
//! ```
//! use community_budget::money::{Money, Rounding};
//! # fn main() -> Result<(), community_budget::Error> {
//! let unit = Money::parse("647.517")?.round(Rounding::Penny);
//! assert_eq!(unit.to_string(), "647.52");
//! let parts = Money::parse("100.00")?.allocate(&[1.into(), 1.into(), 1.into()])?;
//! let shown: Vec<String> = parts.iter().map(|m| m.to_string()).collect();
//! assert_eq!(shown, ["33.34", "33.33", "33.33"]);
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorCode, Result};

/// The named rounding policies. Each fixes both the number of decimal places
/// and the treatment of halves, so a rounding site says exactly what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// To the penny (2 places), halves away from zero: 0.125 → 0.13, −0.125 → −0.13.
    /// The engine's default for every amount shown or multiplied.
    Penny,
    /// To the whole pound, halves away from zero: 647.50 → 648. Used to compare
    /// with sources that publish whole pounds (the UCD's 2013/14 column).
    Pound,
    /// To the penny, halves to the even penny (banker's rounding): 0.125 → 0.12.
    /// Only where a published rule asks for it.
    PennyHalfEven,
    /// Ratios and fractional years shown to two places, halves away from zero:
    /// a return of 2.19862… → 2.20, a payback of 1.10107… years → 1.10.
    Ratio,
    /// A deflator index reached by chain-linking, shown to six places, halves
    /// away from zero (re-basing uses the exact fraction, never this value).
    Index,
    /// A count worked out from a rule (funded families: indicative families
    /// less one in `d`) or a bar's length, to a whole number, halves away from zero.
    Whole,
    /// A percentage for display, to one place, halves away from zero: 1 of 8 → 12.5 %.
    Percent,
    /// A neighbourhood pot's pounds a point (a vote or a rank), to four places,
    /// halves away from zero: shown, never multiplied.
    PerPoint,
}

impl Rounding {
    /// Decimal places kept by this policy.
    pub fn scale(self) -> u32 {
        match self {
            Self::Penny | Self::PennyHalfEven | Self::Ratio => 2,
            Self::Pound | Self::Whole => 0,
            Self::Percent => 1,
            Self::PerPoint => 4,
            Self::Index => 6,
        }
    }

    fn strategy(self) -> RoundingStrategy {
        match self {
            Self::Penny
            | Self::Pound
            | Self::Ratio
            | Self::Index
            | Self::Whole
            | Self::Percent
            | Self::PerPoint => RoundingStrategy::MidpointAwayFromZero,
            Self::PennyHalfEven => RoundingStrategy::MidpointNearestEven,
        }
    }

    /// Rounds a decimal with this policy and fixes its scale, so that `648`
    /// rounded to the penny is written `648.00`.
    pub fn apply(self, value: Decimal) -> Decimal {
        // The one place a decimal is rounded (clippy.toml disallows the
        // method everywhere else).
        #[allow(clippy::disallowed_methods)]
        let mut rounded = value.round_dp_with_strategy(self.scale(), self.strategy());
        rounded.rescale(self.scale());
        rounded
    }
}

/// `part` as a percentage of `whole` for display, `part × 100 ÷ whole` to one
/// place ([`Rounding::Percent`]): `"12.5 %"`; `"–"` when `whole` is 0. Never
/// used to decide anything.
pub fn percent_of(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".to_owned();
    }
    let exact = Decimal::from(part)
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(Decimal::from(whole)))
        .unwrap_or_default();
    format!("{} %", Rounding::Percent.apply(exact))
}

/// An exact amount of money in pounds.
///
/// Amounts keep the scale they were given (`"327.8333333333"` stays so) until
/// they are rounded with a [`Rounding`] policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

impl Money {
    /// Zero pounds, written `0.00`.
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, 2));

    /// Parses an amount: a plain decimal string (an optional `-`, digits, and
    /// optionally a `.` followed by digits), which may also be written as
    /// people write money: a `£` after the sign (`£1200.50`, `-£80`) and
    /// commas between groups of three digits (`£1,200.50`). No `+`, spaces,
    /// other separators or exponents, so that what an officer typed is what
    /// is calculated: `12,50` is refused, with how to write it.
    pub fn parse(text: &str) -> Result<Self> {
        let (sign, rest) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text),
        };
        if !text.contains(['£', ',']) {
            return parse_decimal(text).map(Money);
        }
        let refused = || {
            Error::new(
                ErrorCode::InvalidMoney,
                format!(
                    "\"{text}\" is not an amount of money; write it like 1249.50 or £1,249.50 (commas only between groups of three digits, before the \".\")."
                ),
            )
        };
        let unsigned = rest.strip_prefix('£').unwrap_or(rest);
        if unsigned.starts_with('-') {
            return Err(refused());
        }
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (unsigned, None),
        };
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or_default();
        let grouped = whole.contains(',');
        if grouped && !((1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)) {
            return Err(refused());
        }
        let plain = format!(
            "{sign}{}{}",
            whole.replace(',', ""),
            fraction.map(|f| format!(".{f}")).unwrap_or_default()
        );
        parse_decimal(&plain)
            .map(Money)
            .map_err(|e| match e.code() {
                ErrorCode::InvalidMoney => refused(),
                _ => e,
            })
    }

    /// Wraps an exact decimal.
    pub fn from_decimal(value: Decimal) -> Self {
        Money(value)
    }

    /// A whole number of pence.
    pub fn from_pence(pence: i64) -> Self {
        Money(Decimal::new(pence, 2))
    }

    /// The underlying decimal.
    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// True when the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// True when the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// Rounds with a named policy.
    #[must_use]
    pub fn round(self, rounding: Rounding) -> Self {
        Money(rounding.apply(self.0))
    }

    /// `self + other`, or an overflow error. The result keeps the larger of
    /// the two scales (`0.00 + 1.5 = 1.50`), whatever the operands' values.
    pub fn checked_add(self, other: Money) -> Result<Money> {
        self.0
            .checked_add(other.0)
            .map(|sum| Money(with_scale_of(sum, self.0, other.0)))
            .ok_or_else(|| Error::overflow("sum"))
    }

    /// `self − other`, or an overflow error; scale as for [`Money::checked_add`].
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.0
            .checked_sub(other.0)
            .map(|difference| Money(with_scale_of(difference, self.0, other.0)))
            .ok_or_else(|| Error::overflow("difference"))
    }

    /// `self × factor` (a quantity, a rate, an index ratio), exact, or an
    /// overflow error. The result is not rounded.
    pub fn checked_mul(self, factor: Decimal) -> Result<Money> {
        let product = self
            .0
            .checked_mul(factor)
            .ok_or_else(|| Error::overflow("product"))?;
        // Decimal gives a zero product as a bare 0; it keeps the exact
        // product's scale like any other (883.39 × 0 = 0.00, not 0), so a
        // zero line reads like the others and like the totals.
        let mut zero = Decimal::ZERO;
        if product.is_zero()
            && zero
                .set_scale(self.0.scale().saturating_add(factor.scale()))
                .is_ok()
        {
            return Ok(Money(zero));
        }
        Ok(Money(product))
    }

    /// `self ÷ divisor`, to Decimal's 28 significant digits, or an error for a
    /// zero divisor or an overflow. The result is not rounded.
    pub fn checked_div(self, divisor: Decimal) -> Result<Money> {
        if divisor.is_zero() {
            return Err(Error::new(
                ErrorCode::DivisionByZero,
                "An amount cannot be divided by zero.",
            ));
        }
        self.0
            .checked_div(divisor)
            .map(Money)
            .ok_or_else(|| Error::overflow("quotient"))
    }

    /// The exact sum of amounts, or an overflow error.
    pub fn sum<I: IntoIterator<Item = Money>>(amounts: I) -> Result<Money> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |acc, m| acc.checked_add(m))
    }

    /// Splits this amount by `weights` into parts that are whole pennies and add
    /// up to this amount exactly (largest-remainder method).
    ///
    /// The amount must already be whole pennies. Each part first gets its exact
    /// share truncated to the penny (towards zero); the pennies left over go one
    /// each to the parts with the largest truncated remainders, the earlier part
    /// first on a tie. Weights must be zero or positive, with a positive total.
    pub fn allocate(self, weights: &[Decimal]) -> Result<Vec<Money>> {
        if weights.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidWeights,
                "An amount cannot be split among no parts.",
            ));
        }
        if weights.iter().any(|w| w.is_sign_negative() && !w.is_zero()) {
            return Err(Error::new(
                ErrorCode::InvalidWeights,
                "The weights of a split cannot be negative.",
            ));
        }
        let pennies = Rounding::Penny.apply(self.0);
        if pennies != self.0 {
            return Err(Error::new(
                ErrorCode::InvalidMoney,
                format!("Only whole pennies can be split, and {self} is not."),
            ));
        }
        let total_weight = weights
            .iter()
            .try_fold(Decimal::ZERO, |acc, w| acc.checked_add(*w))
            .ok_or_else(|| Error::overflow("total of the weights"))?;
        if total_weight.is_zero() {
            return Err(Error::new(
                ErrorCode::DivisionByZero,
                "An amount cannot be split when every weight is zero.",
            ));
        }
        // Work in pence, on the magnitude; the sign goes back on at the end so
        // that a negative amount splits as the mirror image of a positive one.
        let negative = self.is_negative();
        let total_pence = pennies
            .abs()
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or_else(|| Error::overflow("amount in pence"))?;
        let mut floors = Vec::with_capacity(weights.len());
        let mut remainders = Vec::with_capacity(weights.len());
        for (index, weight) in weights.iter().enumerate() {
            let exact = total_pence
                .checked_mul(*weight)
                .and_then(|v| v.checked_div(total_weight))
                .ok_or_else(|| Error::overflow("share of the split"))?;
            let floor = exact.trunc();
            floors.push(floor);
            remainders.push((exact - floor, index));
        }
        let given = floors
            .iter()
            .try_fold(Decimal::ZERO, |acc, f| acc.checked_add(*f))
            .ok_or_else(|| Error::overflow("sum of the shares"))?;
        let left_over = total_pence - given;
        // Largest remainder first; on equal remainders, the earlier part first.
        crate::sort::sort_by(&mut remainders, |(ra, ia), (rb, ib)| {
            rb.cmp(ra).then(ia.cmp(ib))
        });
        let mut extra = Decimal::ZERO;
        for (_, index) in remainders.iter() {
            if extra >= left_over {
                break;
            }
            if let Some(floor) = floors.get_mut(*index) {
                *floor += Decimal::ONE;
                extra += Decimal::ONE;
            }
        }
        Ok(floors
            .into_iter()
            .map(|pence| {
                let mut pounds = pence / Decimal::ONE_HUNDRED;
                pounds.rescale(2);
                Money(if negative { -pounds } else { pounds })
            })
            .collect())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Money {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Money::parse(s)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(DecimalDigits::of(&self.0).as_str())
    }
}

/// A decimal's text, exactly as `Decimal`'s `Display` writes it — the
/// mantissa's digits, the point `scale` digits from the right (with `0`
/// before it when nothing else is), `-` when the sign is negative (`-0.00`
/// too) — written on the stack without the formatting machinery: an answer
/// writes hundreds of amounts, and `Display` (a division of the 96-bit
/// mantissa for every digit, through `fmt::Formatter`) was about a tenth of a
/// full assessment's time. `tests::decimal_digits_are_displays` holds the two
/// equal.
pub(crate) struct DecimalDigits {
    buf: [u8; DecimalDigits::CAPACITY],
    start: usize,
}

impl DecimalDigits {
    /// 29 digits of a 96-bit mantissa, a point, a leading `0` and a sign, and room to spare.
    const CAPACITY: usize = 40;
    /// 10^19, the largest power of ten in a `u64`.
    const CHUNK: u128 = 10_000_000_000_000_000_000;

    /// The text of `value`.
    pub(crate) fn of(value: &Decimal) -> Self {
        let mut out = DecimalDigits {
            buf: [0; Self::CAPACITY],
            start: Self::CAPACITY,
        };
        let scale = usize::try_from(value.scale()).unwrap_or(0);
        let mut rest = value.mantissa().unsigned_abs();
        let mut written = 0usize;
        while rest != 0 {
            // 19 digits at a time in a u64 (one u128 division per chunk, none
            // for a mantissa below 2^64): all 19 of a chunk with more above it.
            let more = rest >= Self::CHUNK;
            let (mut chunk, above) = if more {
                ((rest % Self::CHUNK) as u64, rest / Self::CHUNK)
            } else {
                (rest as u64, 0)
            };
            rest = above;
            let mut in_chunk = 0;
            while chunk != 0 || (more && in_chunk < 19) {
                if written == scale && scale > 0 {
                    out.push(b'.');
                }
                out.push(b'0' + (chunk % 10) as u8);
                chunk /= 10;
                in_chunk += 1;
                written += 1;
            }
        }
        if written <= scale {
            while written < scale {
                out.push(b'0');
                written += 1;
            }
            if scale > 0 {
                out.push(b'.');
            }
            out.push(b'0');
        }
        if value.is_sign_negative() {
            out.push(b'-');
        }
        out
    }

    fn push(&mut self, byte: u8) {
        if let Some(start) = self.start.checked_sub(1) {
            if let Some(slot) = self.buf.get_mut(start) {
                *slot = byte;
                self.start = start;
            }
        }
    }

    /// The text (ASCII digits, `.` and `-`).
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(self.buf.get(self.start..).unwrap_or_default()).unwrap_or_default()
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer
            .deserialize_str(DecimalStringVisitor)
            .map(Money)
    }
}

/// A rate or share from 0 to 1 inclusive: `"0.035"` is 3.5 %, `"0.8"` is 80 %.
///
/// Engagement, success, deadweight, drop-off, optimism bias, cashable shares
/// and discount rates are all rates. Like [`Money`], a rate is read only from a
/// decimal string and written as one; a value below 0 or above 1 is refused
/// with [`ErrorCode::InvalidRate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rate(Decimal);

impl Rate {
    /// 0 %.
    pub const ZERO: Rate = Rate(Decimal::ZERO);
    /// 100 %.
    pub const ONE: Rate = Rate(Decimal::ONE);

    /// Parses a plain decimal string (the grammar of [`parse_decimal`]) and
    /// checks that it lies from 0 to 1.
    pub fn parse(text: &str) -> Result<Self> {
        let value = parse_decimal(text).map_err(|_| {
            Error::new(
                ErrorCode::InvalidRate,
                format!(
                    "\"{text}\" is not a rate; write a decimal from 0 to 1, for example \"0.035\" for 3.5%."
                ),
            )
        })?;
        Self::new(value)
    }

    /// Checks that `value` lies from 0 to 1.
    pub fn new(value: Decimal) -> Result<Self> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(Error::new(
                ErrorCode::InvalidRate,
                format!("A rate cannot be negative, and {value} is."),
            ));
        }
        if value > Decimal::ONE {
            return Err(Error::new(
                ErrorCode::InvalidRate,
                format!(
                    "A rate is at most 1 (100%), and {value} is more; write 3.5% as \"0.035\"."
                ),
            ));
        }
        Ok(Rate(value))
    }

    /// The rate as a decimal.
    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// `1 − rate`: the share that remains (after deadweight, drop-off, optimism bias).
    #[inline(never)] // one copy of Decimal's subtraction, not one per use
    pub fn complement(self) -> Rate {
        Rate(Decimal::ONE.checked_sub(self.0).unwrap_or(Decimal::ZERO))
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(DecimalDigits::of(&self.0).as_str())
    }
}

/// `value` with at least the larger scale of `a` and `b` (rust_decimal returns
/// the other operand unchanged when one is zero, losing its scale).
fn with_scale_of(mut value: Decimal, a: Decimal, b: Decimal) -> Decimal {
    let scale = a.scale().max(b.scale());
    if value.scale() < scale {
        value.rescale(scale);
    }
    value
}

/// Serde visitor that takes a decimal only from a string and refuses numbers
/// with a message saying what to send instead.
pub(crate) struct DecimalStringVisitor;

impl de::Visitor<'_> for DecimalStringVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal string such as \"1249.00\" (money and rates are sent as strings, not numbers)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Decimal, E> {
        parse_decimal(v).map_err(|e| E::custom(e.message()))
    }
}

/// Parses the strict decimal grammar shared by money and rates:
/// `-?[0-9]+(\.[0-9]+)?`, at most 28 significant digits.
pub fn parse_decimal(text: &str) -> Result<Decimal> {
    let invalid = || {
        Error::new(
            ErrorCode::InvalidMoney,
            format!(
                "\"{text}\" is not a plain decimal number; write digits with an optional \".\" and decimals, for example \"1249.50\"."
            ),
        )
    };
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
        return Err(invalid());
    }
    Decimal::from_str_exact(text).map_err(|_| {
        Error::new(
            ErrorCode::Overflow,
            format!("\"{text}\" has more digits than can be calculated exactly (at most 28)."),
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// `DecimalDigits` writes every decimal as `Decimal`'s `Display` does:
    /// every scale from 0 to 28 with mantissas around every power of ten and
    /// of two, the largest and smallest, zero and negative zero, and 20,000
    /// pseudo-random 96-bit mantissas (xorshift, seeded), each positive and
    /// negative.
    #[test]
    fn decimal_digits_are_displays() {
        let same = |d: Decimal| assert_eq!(DecimalDigits::of(&d).as_str(), d.to_string(), "{d:?}");
        let max = Decimal::MAX.mantissa();
        let mut mantissas: Vec<i128> = vec![0, 1, 9, 10, 11, 99, 100, 101, max, max - 1];
        let mut p: i128 = 1;
        while p <= max / 10 {
            p *= 10;
            mantissas.extend([p - 1, p, p + 1]);
        }
        for bits in 1..96 {
            let p = 1i128 << bits;
            mantissas.extend([p - 1, p, p + 1]);
        }
        let mut x: u128 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let keep = 1 + (x >> 100) as u32 % 96; // 1 to 96 bits
            mantissas.push((x & ((1u128 << keep) - 1)) as i128);
        }
        for (i, &m) in mantissas.iter().enumerate() {
            for scale in [0, 1, 2, 3, 10, 19, 20, 27, 28, (i % 29) as u32] {
                let d = Decimal::from_i128_with_scale(m, scale);
                same(d);
                same(-d);
            }
        }
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        assert_eq!(DecimalDigits::of(&negative_zero).as_str(), "-0.00");
        same(negative_zero);
        same(Decimal::MIN);
        same(Decimal::MAX);
    }

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn it_parses_only_plain_decimal_strings() {
        // (input, Some(written back) or None for refused)
        let rows: &[(&str, Option<&str>)] = &[
            ("0", Some("0")),
            ("1249", Some("1249")),
            ("1249.00", Some("1249.00")),
            ("-3.20", Some("-3.20")),
            ("327.8333333333", Some("327.8333333333")),
            ("0.01", Some("0.01")),
            ("007.5", Some("7.5")),
            ("", None),
            ("-", None),
            (".5", None),
            ("5.", None),
            ("+5", None),
            (" 5", None),
            ("5 ", None),
            // As people write money: £ after the sign, commas between
            // groups of three digits.
            ("1,249.00", Some("1249.00")),
            ("£12", Some("12")),
            ("£1,200.50", Some("1200.50")),
            ("-£80.00", Some("-80.00")),
            ("£1,234,567", Some("1234567")),
            ("12,50", None),
            ("1,24.00", None),
            ("1,2345", None),
            (",123", None),
            ("£", None),
            ("£-5", None),
            ("££5", None),
            ("£ 5", None),
            ("1.000,50", None),
            ("1e3", None),
            ("12.50.1", None),
            ("NaN", None),
            ("--1", None),
        ];
        for (input, expected) in rows {
            let got = Money::parse(input).ok().map(|v| v.to_string());
            assert_eq!(got.as_deref(), *expected, "input {input:?}");
        }
    }

    #[test]
    fn it_refuses_more_than_28_significant_digits() {
        let e = Money::parse("123456789012345678901234567890").unwrap_err();
        assert_eq!(e.code(), ErrorCode::Overflow);
        let e = Money::parse("12,50").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidMoney);
        assert!(e.message().contains("\"12,50\""), "{}", e.message());
        // Says how to write it.
        assert!(e.message().contains("£1,249.50"), "{}", e.message());
    }

    #[test]
    fn it_rounds_with_named_policies() {
        // (input, policy, expected) — midpoints, negatives, and scale filled in.
        let rows: &[(&str, Rounding, &str)] = &[
            ("0.125", Rounding::Penny, "0.13"),
            ("-0.125", Rounding::Penny, "-0.13"),
            ("0.135", Rounding::Penny, "0.14"),
            ("0.124999", Rounding::Penny, "0.12"),
            ("647.5170", Rounding::Penny, "647.52"),
            ("648", Rounding::Penny, "648.00"),
            ("0.005", Rounding::Penny, "0.01"),
            ("-0.005", Rounding::Penny, "-0.01"),
            ("0.004", Rounding::Penny, "0.00"),
            ("647.50", Rounding::Pound, "648"),
            ("-647.50", Rounding::Pound, "-648"),
            ("647.49", Rounding::Pound, "647"),
            ("0.125", Rounding::PennyHalfEven, "0.12"),
            ("0.135", Rounding::PennyHalfEven, "0.14"),
            ("-0.125", Rounding::PennyHalfEven, "-0.12"),
            (
                "79228162514264337593543950335",
                Rounding::Penny,
                "79228162514264337593543950335",
            ),
        ];
        for (input, policy, expected) in rows {
            assert_eq!(
                m(input).round(*policy).to_string(),
                *expected,
                "{input} {policy:?}"
            );
        }
    }

    #[test]
    fn it_adds_and_subtracts_exactly_in_both_orders() {
        let rows: &[(&str, &str, &str)] = &[
            ("0.1", "0.2", "0.3"),
            ("37556.16", "3499.25", "41055.41"),
            ("-1.00", "0.99", "-0.01"),
            ("1.5", "0.00", "1.50"),
        ];
        for (a, b, sum) in rows {
            assert_eq!(m(a).checked_add(m(b)).unwrap().to_string(), *sum);
            assert_eq!(m(b).checked_add(m(a)).unwrap().to_string(), *sum);
        }
        assert_eq!(
            m("1.00").checked_sub(m("0.01")).unwrap().to_string(),
            "0.99"
        );
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let huge = m("79228162514264337593543950335");
        assert_eq!(
            huge.checked_add(m("1")).unwrap_err().code(),
            ErrorCode::Overflow
        );
        assert_eq!(
            huge.checked_mul(Decimal::TWO).unwrap_err().code(),
            ErrorCode::Overflow
        );
        assert_eq!(
            huge.checked_div(Decimal::ZERO).unwrap_err().code(),
            ErrorCode::DivisionByZero
        );
        assert_eq!(
            Money::sum([huge, huge]).unwrap_err().code(),
            ErrorCode::Overflow
        );
    }

    fn split(total: &str, weights: &[&str]) -> Vec<String> {
        let w: Vec<Decimal> = weights.iter().map(|s| parse_decimal(s).unwrap()).collect();
        m(total)
            .allocate(&w)
            .unwrap()
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn splits_add_up_to_the_penny() {
        // (total, weights, expected parts), each worked by hand:
        let rows: &[(&str, &[&str], &[&str])] = &[
            // 1p in three: exact shares 0.333…p each, floors 0; the one penny left
            // goes to the first of the equal remainders.
            ("0.01", &["1", "1", "1"], &["0.01", "0.00", "0.00"]),
            // 100.00 in three: 3333.33…p each → floors 3333p (sum 9999p), 1p left to part 1.
            ("100.00", &["1", "1", "1"], &["33.34", "33.33", "33.33"]),
            // 10.00 by 1:2:3 → exact 166.66…p, 333.33…p, 500p → floors 166, 333, 500 (999p);
            // largest remainder is part 1 (0.666…) → 167p.
            ("10.00", &["1", "2", "3"], &["1.67", "3.33", "5.00"]),
            // WE6's who-benefits split: 131917.56 by 50/30/20 → 65958.78, 39575.268, 26383.512
            // → floors 6595878p, 3957526p, 2638351p = 13191755p; 1p left to the largest
            // remainder (part 2, 0.8p) → 39575.27.
            (
                "131917.56",
                &["0.5", "0.3", "0.2"],
                &["65958.78", "39575.27", "26383.51"],
            ),
            // Negative totals split as the mirror image.
            ("-100.00", &["1", "1", "1"], &["-33.34", "-33.33", "-33.33"]),
            // A zero weight gets nothing; zero splits into zeros.
            ("5.00", &["0", "1"], &["0.00", "5.00"]),
            ("0.00", &["1", "1"], &["0.00", "0.00"]),
            // Weights need not sum to one: 7.00 by 2:5 → 200p and 500p.
            ("7.00", &["2", "5"], &["2.00", "5.00"]),
        ];
        for (total, weights, expected) in rows {
            let got = split(total, weights);
            assert_eq!(got, *expected, "{total} by {weights:?}");
            let sum = Money::sum(got.iter().map(|s| m(s))).unwrap();
            assert_eq!(
                sum,
                m(total).round(Rounding::Penny),
                "parts of {total} must add up"
            );
        }
    }

    #[test]
    fn splits_refuse_what_cannot_be_split() {
        let code =
            |total: &str, weights: &[Decimal]| m(total).allocate(weights).unwrap_err().code();
        assert_eq!(code("1.00", &[]), ErrorCode::InvalidWeights);
        assert_eq!(
            code("1.00", &[Decimal::ONE, Decimal::NEGATIVE_ONE]),
            ErrorCode::InvalidWeights
        );
        assert_eq!(
            code("1.00", &[Decimal::ZERO, Decimal::ZERO]),
            ErrorCode::DivisionByZero
        );
        assert_eq!(code("1.005", &[Decimal::ONE]), ErrorCode::InvalidMoney);
    }

    #[test]
    fn money_crosses_serde_only_as_a_string() {
        let back: Money = serde_json::from_str("\"1249.50\"").unwrap();
        assert_eq!(back, m("1249.50"));
        assert_eq!(serde_json::to_string(&back).unwrap(), "\"1249.50\"");
        let err = serde_json::from_str::<Money>("1249.5")
            .unwrap_err()
            .to_string();
        assert!(err.contains("decimal string"), "{err}");
        let err = serde_json::from_str::<Money>("\"1e3\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a plain decimal"), "{err}");
    }
}
