//! Checked arithmetic for the appraisal, built to keep the `.wasm` small.
//!
//! Two habits cost most of the appraisal's WebAssembly, and this module
//! avoids both:
//!
//! - `rust_decimal` marks its algorithms `#[inline(always)]`, so each `+`, `*`
//!   or `checked_mul` written in the code carries a full copy of the algorithm
//!   (about a kilobyte). The appraisal calls [`add`], [`sub`], [`mul`] and
//!   [`div`] instead: one copy of each.
//! - Returning a `Result` from every step makes every `?` a separate exit that
//!   frees every vector alive at that point. Instead, a failing step (an
//!   overflow, a table that cannot be split) records the first [`Error`] and
//!   returns zero; [`guard`] runs a whole calculation and turns the recorded
//!   error, if any, into its `Err`. A calculation that failed is never shown.

use std::cell::RefCell;

use rust_decimal::Decimal;

use crate::error::{Error, ErrorCode, Result};
use crate::money::Money;

thread_local! {
    static FIRST_ERROR: RefCell<Option<Error>> = const { RefCell::new(None) };
}

/// Records `error` as the calculation's failure, unless one is recorded already.
pub(crate) fn fail(error: Error) {
    FIRST_ERROR.with(|first| {
        let mut first = first.borrow_mut();
        if first.is_none() {
            *first = Some(error);
        }
    });
}

/// Runs a calculation made of the steps of this module: its value, or the
/// first error one of its steps recorded.
pub(crate) fn guard<T>(calculation: impl FnOnce() -> T) -> Result<T> {
    let outer = FIRST_ERROR.with(|first| first.borrow_mut().take());
    let value = calculation();
    let failed = FIRST_ERROR.with(|first| std::mem::replace(&mut *first.borrow_mut(), outer));
    match failed {
        Some(error) => Err(error),
        None => Ok(value),
    }
}

fn overflow(what: &str) -> Decimal {
    fail(Error::overflow(what));
    Decimal::ZERO
}

/// `a + b`.
#[inline(never)]
pub(crate) fn add(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or_else(|| overflow("sum"))
}

/// `a − b`.
#[inline(never)]
pub(crate) fn sub(a: Decimal, b: Decimal) -> Decimal {
    a.checked_sub(b).unwrap_or_else(|| overflow("difference"))
}

/// `a × b`.
#[inline(never)]
pub(crate) fn mul(a: Decimal, b: Decimal) -> Decimal {
    a.checked_mul(b).unwrap_or_else(|| overflow("product"))
}

/// `a ÷ b`, to 28 significant digits.
#[inline(never)]
pub(crate) fn div(a: Decimal, b: Decimal) -> Decimal {
    if b.is_zero() {
        fail(Error::new(
            ErrorCode::DivisionByZero,
            "An amount cannot be divided by zero.",
        ));
        return Decimal::ZERO;
    }
    a.checked_div(b).unwrap_or_else(|| overflow("quotient"))
}

/// `a + b` of two amounts.
#[inline(never)]
pub(crate) fn plus(a: Money, b: Money) -> Money {
    Money::from_decimal(add(a.as_decimal(), b.as_decimal()))
}

/// `a − b` of two amounts.
#[inline(never)]
pub(crate) fn minus(a: Money, b: Money) -> Money {
    Money::from_decimal(sub(a.as_decimal(), b.as_decimal()))
}

/// The sum of `values`.
pub(crate) fn sum(values: &[Decimal]) -> Decimal {
    values.iter().fold(Decimal::ZERO, |total, v| add(total, *v))
}

/// The indices `0..n` in the order `before` gives, equal items keeping their
/// order. An insertion sort: the lists sorted here (agencies, funders, the
/// columns of one row) are short, and one non-generic copy is small.
pub(crate) fn order(n: usize, before: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut sorted: Vec<usize> = Vec::with_capacity(n);
    for i in 0..n {
        let at = sorted
            .iter()
            .position(|&j| before(i, j))
            .unwrap_or(sorted.len());
        sorted.insert(at, i);
    }
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_failure_of_a_calculation_is_its_error() {
        let ok = guard(|| add(Decimal::ONE, Decimal::TWO));
        assert_eq!(ok, Ok(Decimal::from(3)));
        let failed = guard(|| {
            let a = mul(Decimal::MAX, Decimal::TWO);
            div(a, Decimal::ZERO)
        });
        assert_eq!(failed.map_err(|e| e.code()), Err(ErrorCode::Overflow));
        // Nothing is left behind for the next calculation.
        assert_eq!(guard(|| sub(Decimal::ONE, Decimal::ONE)), Ok(Decimal::ZERO));
    }

    #[test]
    fn order_is_stable() {
        let keys = [3, 1, 3, 2];
        let sorted = order(4, &|a, b| keys[a] > keys[b]);
        assert_eq!(sorted, [0, 2, 3, 1]);
    }
}
