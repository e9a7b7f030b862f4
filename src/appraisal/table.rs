//! Penny tables: yearly totals split among columns (agencies, funders) so that
//! every row and every column adds up to the penny.
//!
//! [`Money::allocate`](crate::money::Money::allocate) splits one amount; a
//! table of years × agencies needs more, because its rows (each year's total,
//! rounded to the penny) and its columns (each agency's total over the years)
//! are both shown. Rounding each cell on its own breaks one or the other: in
//! domain.md WE6 the yearly present values are £55,652.17, £43,016.17 and
//! £33,249.22, while police's share over the three years is £65,958.78, and
//! the police cells rounded one by one add up to £65,958.79.
//!
//! [`penny_table`] makes a *controlled rounding* (Cox and Ernst, 1982): each
//! cell is its exact share rounded down or up to the penny (a cell whose exact
//! share is already whole pennies, zero included, is left as it is); each row
//! adds up to its given total; each column total is its exact total rounded
//! down or up, and the columns whose exact totals have the largest fractions
//! of a penny are the ones rounded up wherever the rows allow it (largest
//! remainder, as for a single split). Which cells go up is found with
//! augmenting paths in the bipartite graph of rows and columns.

use rust_decimal::Decimal;

use super::arith::{add, div, fail, guard, mul, order, sub, sum};
use crate::error::{Error, ErrorCode, Result};
use crate::money::{Money, Rounding};

/// A table split to the penny: `cells[row][column]`, and the column totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PennyTable {
    /// The cells, row by row.
    pub cells: Vec<Vec<Money>>,
    /// The total of each column (the sum of its cells).
    pub column_totals: Vec<Money>,
}

impl PennyTable {
    /// The cell at `row`, `column` (zero outside the table).
    pub fn cell(&self, row: usize, column: usize) -> Money {
        self.cells
            .get(row)
            .and_then(|r| r.get(column))
            .copied()
            .unwrap_or(Money::ZERO)
    }

    /// The total of `column` (zero outside the table).
    pub fn total(&self, column: usize) -> Money {
        self.column_totals
            .get(column)
            .copied()
            .unwrap_or(Money::ZERO)
    }
}

/// Splits each row total among `columns` columns in proportion to the row's
/// `weights` (zero or more each), so that rows and columns add up.
///
/// Row totals must be whole pennies, zero or more; a row whose weights are all
/// zero must have a zero total.
pub fn penny_table(
    row_totals: &[Money],
    weights: &[Vec<Decimal>],
    columns: usize,
) -> Result<PennyTable> {
    guard(|| split(row_totals, weights, columns))
}

/// [`penny_table`] as a step of a calculation (see [`super::arith`]): a
/// table that cannot be split records its error and comes back empty.
pub(crate) fn split(row_totals: &[Money], weights: &[Vec<Decimal>], columns: usize) -> PennyTable {
    let empty = PennyTable {
        cells: Vec::new(),
        column_totals: Vec::new(),
    };
    if row_totals.len() != weights.len() || weights.iter().any(|w| w.len() != columns) {
        fail(invalid(
            "The weights of a table must give one weight per row and column.",
        ));
        return empty;
    }
    // In pence: each cell's exact share, its whole pennies and its fraction.
    let mut floors: Vec<Vec<Decimal>> = Vec::with_capacity(weights.len());
    let mut fractions: Vec<Vec<Decimal>> = Vec::with_capacity(weights.len());
    let mut need = Vec::with_capacity(weights.len());
    for (total, row) in row_totals.iter().zip(weights) {
        let Some(pence) = pence_of(*total) else {
            return empty;
        };
        let weight_total = sum(row);
        if row.iter().any(|w| w.is_sign_negative() && !w.is_zero())
            || (!pence.is_zero() && weight_total.is_zero())
        {
            fail(invalid(
                "A row of a table with an amount to split needs weights, zero or more.",
            ));
            return empty;
        }
        let mut row_floors = Vec::with_capacity(columns);
        let mut row_fractions = Vec::with_capacity(columns);
        let mut given = Decimal::ZERO;
        for w in row {
            let exact = if pence.is_zero() {
                Decimal::ZERO
            } else {
                div(mul(pence, *w), weight_total)
            };
            let floor = exact.floor();
            given = add(given, floor);
            row_floors.push(floor);
            row_fractions.push(sub(exact, floor));
        }
        need.push(count(sub(pence, given)));
        floors.push(row_floors);
        fractions.push(row_fractions);
    }

    // Each column gets at least the whole pennies of the sum of its fractions
    // and at most one more: (lower, upper, remainder).
    let mut targets = Vec::with_capacity(columns);
    for s in 0..columns {
        let column: Vec<Decimal> = fractions
            .iter()
            .map(|row| row.get(s).copied().unwrap_or_default())
            .collect();
        let fraction = sum(&column);
        let low = fraction.floor();
        targets.push((count(low), count(fraction.ceil()), sub(fraction, low)));
    }

    let mut flow = Flow {
        raised: vec![vec![false; columns]; need.len()],
        row_used: vec![0; need.len()],
        column_used: vec![0; columns],
        capacity: targets.iter().map(|t| t.0).collect(),
        need,
        fractions: &fractions,
    };
    // First every column's lower bound, seeded with the largest fractions;
    // then one more penny for the columns with the largest remainders, in that
    // order, as far as the rows allow.
    flow.seed();
    while flow.augment() {}
    let remainder = |s: usize| targets.get(s).map_or(Decimal::ZERO, |t| t.2);
    for s in order(columns, &|a, b| remainder(a) > remainder(b)) {
        if flow.rows_satisfied() {
            break;
        }
        if let (Some(cap), Some(target)) = (flow.capacity.get_mut(s), targets.get(s)) {
            *cap = target.1;
        }
        while flow.augment() {}
    }
    if !flow.rows_satisfied() {
        // Only reachable through the last digit of Decimal's division; let the
        // rows have their pennies, wherever the weights are not zero.
        flow.capacity = vec![usize::MAX; columns];
        while flow.augment() {}
        if !flow.rows_satisfied() {
            fail(invalid("The table could not be split to the penny."));
            return empty;
        }
    }

    let mut cells = Vec::with_capacity(floors.len());
    let mut column_pence = vec![Decimal::ZERO; columns];
    for (t, row) in floors.iter().enumerate() {
        let mut out = Vec::with_capacity(columns);
        for (s, floor) in row.iter().enumerate() {
            let pence = if flow.raised(t, s) {
                add(*floor, Decimal::ONE)
            } else {
                *floor
            };
            if let Some(c) = column_pence.get_mut(s) {
                *c = add(*c, pence);
            }
            out.push(from_pence(pence));
        }
        cells.push(out);
    }
    PennyTable {
        cells,
        column_totals: column_pence.into_iter().map(from_pence).collect(),
    }
}

fn invalid(message: &str) -> Error {
    Error::new(ErrorCode::InvalidWeights, message)
}

fn pence_of(amount: Money) -> Option<Decimal> {
    let value = amount.as_decimal();
    if value.is_sign_negative() && !value.is_zero() {
        fail(invalid("The rows of a table cannot be negative."));
        return None;
    }
    if Rounding::Penny.apply(value) != value {
        fail(Error::new(
            ErrorCode::InvalidMoney,
            format!("Only whole pennies can be split, and {amount} is not."),
        ));
        return None;
    }
    Some(mul(value, Decimal::ONE_HUNDRED).normalize())
}

fn from_pence(pence: Decimal) -> Money {
    Money::from_decimal(div(pence, Decimal::ONE_HUNDRED)).round(Rounding::Penny)
}

fn count(value: Decimal) -> usize {
    usize::try_from(value).unwrap_or_else(|_| {
        fail(Error::overflow("number of pennies to place"));
        0
    })
}

/// Which cells get their extra penny: a bipartite flow from rows (each needing
/// `need[t]` pennies) to columns (each taking at most `capacity[s]`), through
/// the cells with a fraction of a penny, each taking at most one.
struct Flow<'a> {
    fractions: &'a [Vec<Decimal>],
    need: Vec<usize>,
    capacity: Vec<usize>,
    raised: Vec<Vec<bool>>,
    row_used: Vec<usize>,
    column_used: Vec<usize>,
}

impl Flow<'_> {
    fn fraction(&self, t: usize, s: usize) -> Decimal {
        self.fractions
            .get(t)
            .and_then(|row| row.get(s))
            .copied()
            .unwrap_or_default()
    }

    fn eligible(&self, t: usize, s: usize) -> bool {
        !self.fraction(t, s).is_zero()
    }

    fn raised(&self, t: usize, s: usize) -> bool {
        self.raised
            .get(t)
            .and_then(|row| row.get(s))
            .copied()
            .unwrap_or(false)
    }

    fn set_raised(&mut self, t: usize, s: usize, value: bool) {
        if let Some(cell) = self.raised.get_mut(t).and_then(|row| row.get_mut(s)) {
            *cell = value;
        }
    }

    fn row_open(&self, t: usize) -> bool {
        self.row_used.get(t) < self.need.get(t)
    }

    fn column_open(&self, s: usize) -> bool {
        self.column_used.get(s) < self.capacity.get(s)
    }

    fn rows_satisfied(&self) -> bool {
        self.row_used == self.need
    }

    fn count_up(counts: &mut [usize], i: usize) {
        if let Some(c) = counts.get_mut(i) {
            *c += 1;
        }
    }

    /// Row by row, the cells with the largest fractions first.
    fn seed(&mut self) {
        let columns = self.capacity.len();
        for t in 0..self.need.len() {
            for s in order(columns, &|a, b| self.fraction(t, a) > self.fraction(t, b)) {
                if self.row_open(t) && self.eligible(t, s) && self.column_open(s) {
                    self.set_raised(t, s, true);
                    Self::count_up(&mut self.row_used, t);
                    Self::count_up(&mut self.column_used, s);
                }
            }
        }
    }

    /// Finds one path from a row that needs a penny to a column that can take
    /// one (moving pennies between rows' cells on the way) and applies it.
    fn augment(&mut self) -> bool {
        let rows = self.need.len();
        let columns = self.capacity.len();
        // How each row and column was reached: a row through the column whose
        // penny it would give up (`Some(None)` for a starting row), a column
        // from a row.
        let mut row_from: Vec<Option<Option<usize>>> = vec![None; rows];
        let mut column_from: Vec<Option<usize>> = vec![None; columns];
        let mut queue: Vec<usize> = Vec::new();
        for (t, from) in row_from.iter_mut().enumerate() {
            if self.row_open(t) {
                *from = Some(None);
                queue.push(t);
            }
        }
        let mut next = 0;
        while let Some(&t) = queue.get(next) {
            next += 1;
            for s in 0..columns {
                let seen = column_from.get(s).is_some_and(Option::is_some);
                if seen || !self.eligible(t, s) || self.raised(t, s) {
                    continue;
                }
                if let Some(slot) = column_from.get_mut(s) {
                    *slot = Some(t);
                }
                if self.column_open(s) {
                    self.apply(s, &row_from, &column_from);
                    return true;
                }
                for (other, from) in row_from.iter_mut().enumerate() {
                    if from.is_none() && self.raised(other, s) {
                        *from = Some(Some(s));
                        queue.push(other);
                    }
                }
            }
        }
        false
    }

    fn apply(
        &mut self,
        end: usize,
        row_from: &[Option<Option<usize>>],
        column_from: &[Option<usize>],
    ) {
        Self::count_up(&mut self.column_used, end);
        let mut s = end;
        // Each step gives column s's penny to the row that reached it; that row
        // gives up the penny of the column it was reached through, if any.
        for _ in 0..=row_from.len() {
            let Some(Some(t)) = column_from.get(s).copied() else {
                return;
            };
            self.set_raised(t, s, true);
            match row_from.get(t).copied().flatten().flatten() {
                Some(previous) => {
                    self.set_raised(t, previous, false);
                    s = previous;
                }
                None => {
                    Self::count_up(&mut self.row_used, t);
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    fn d(text: &str) -> Decimal {
        crate::money::parse_decimal(text).unwrap()
    }

    fn shown(table: &PennyTable) -> (Vec<Vec<String>>, Vec<String>) {
        (
            table
                .cells
                .iter()
                .map(|r| r.iter().map(ToString::to_string).collect())
                .collect(),
            table
                .column_totals
                .iter()
                .map(ToString::to_string)
                .collect(),
        )
    }

    /// WE6's present values by year (55,652.17; 43,016.17; 33,249.22) split
    /// police 50 % / LA 30 % / NHS 20 %. Exact shares, in pence:
    ///   year 1: 2,782,608.5 | 1,669,565.1 | 1,113,043.4   (row 5,565,217: floors leave 1p)
    ///   year 2: 2,150,808.5 | 1,290,485.1 |   860,323.4   (row 4,301,617: floors leave 1p)
    ///   year 3: 1,662,461.0 |   997,476.6 |   664,984.4   (row 3,324,922: floors leave 1p)
    /// Column fractions: police 0.5 + 0.5 + 0 = 1.0 → exactly one more penny;
    /// LA 0.1 + 0.1 + 0.6 = 0.8 and NHS 0.4 + 0.4 + 0.4 = 1.2 → NHS at least one,
    /// and of LA (0.8) and NHS (0.2) the larger remainder, LA, gets the last.
    /// Police 6,595,877 + 1 = 65,958.78; LA 3,957,526 + 1 = 39,575.27;
    /// NHS 2,638,350 + 1 = 26,383.51 — WE6's "who benefits" line.
    #[test]
    fn we6_who_benefits_adds_up_both_ways() {
        let weights = vec![vec![d("0.5"), d("0.3"), d("0.2")]; 3];
        let table =
            penny_table(&[m("55652.17"), m("43016.17"), m("33249.22")], &weights, 3).unwrap();
        let (cells, columns) = shown(&table);
        assert_eq!(columns, ["65958.78", "39575.27", "26383.51"]);
        for (row, total) in cells.iter().zip(["55652.17", "43016.17", "33249.22"]) {
            let sum = Money::sum(row.iter().map(|c| m(c))).unwrap();
            assert_eq!(sum, m(total));
        }
        // Year 3's police cell is exactly 16,624.61 and stays so.
        assert_eq!(cells[2][0], "16624.61");
    }

    #[test]
    fn zero_weights_stay_zero_and_exact_cells_stay_exact() {
        let weights = vec![vec![d("1"), d("0"), d("1")], vec![d("0"), d("2"), d("2")]];
        let table = penny_table(&[m("0.03"), m("1.00")], &weights, 3).unwrap();
        let (cells, columns) = shown(&table);
        // Row 1: 1.5p and 1.5p → one of them 2p (the first on a tie); row 2: 50p, 50p exact.
        assert_eq!(cells[0][1], "0.00");
        assert_eq!(cells[1][0], "0.00");
        assert_eq!(cells[1][1], "0.50");
        assert_eq!(cells[1][2], "0.50");
        let total = Money::sum(columns.iter().map(|c| m(c))).unwrap();
        assert_eq!(total, m("1.03"));
    }

    /// A case where largest-remainder columns cannot all be honoured: row 1
    /// splits 1p between A and C (half each), row 2 splits 1p among B, D, E
    /// (0.3, 0.3, 0.4). A and C have the largest remainders (0.5 each) but only
    /// one of them can get row 1's penny; the table stays within a penny of
    /// every exact share instead of putting a penny where there is no weight.
    #[test]
    fn columns_give_way_to_what_the_rows_allow() {
        let weights = vec![
            vec![d("5"), d("0"), d("5"), d("0"), d("0")],
            vec![d("0"), d("3"), d("0"), d("3"), d("4")],
        ];
        let table = penny_table(&[m("0.01"), m("0.01")], &weights, 5).unwrap();
        let (cells, _) = shown(&table);
        assert_eq!(cells[0], ["0.01", "0.00", "0.00", "0.00", "0.00"]);
        assert_eq!(cells[1], ["0.00", "0.00", "0.00", "0.00", "0.01"]);
    }

    #[test]
    fn bad_tables_are_refused() {
        assert!(penny_table(&[m("1.00")], &[vec![d("0")]], 1).is_err());
        assert!(penny_table(&[m("1.005")], &[vec![d("1")]], 1).is_err());
        assert!(penny_table(&[m("-1.00")], &[vec![d("1")]], 1).is_err());
        assert!(penny_table(&[m("1.00")], &[vec![d("-1"), d("2")]], 2).is_err());
        assert!(penny_table(&[m("1.00")], &[], 1).is_err());
        let empty = penny_table(&[m("0.00")], &[vec![]], 0).unwrap();
        assert!(empty.column_totals.is_empty());
    }
}
