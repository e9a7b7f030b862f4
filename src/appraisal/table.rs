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
    if row_totals.len() != weights.len() || weights.iter().any(|w| w.len() != columns) {
        return Err(invalid(
            "The weights of a table must give one weight per row and column.",
        ));
    }
    let rows = row_totals.len();
    let mut floors = vec![vec![Decimal::ZERO; columns]; rows];
    let mut fractions = vec![vec![Decimal::ZERO; columns]; rows];
    let mut row_need = Vec::with_capacity(rows);
    for (t, (total, row_weights)) in row_totals.iter().zip(weights).enumerate() {
        let pence = pence_of(*total)?;
        let weight_total = row_weights
            .iter()
            .try_fold(Decimal::ZERO, |acc, w| {
                if w.is_sign_negative() && !w.is_zero() {
                    None
                } else {
                    acc.checked_add(*w)
                }
            })
            .ok_or_else(|| invalid("The weights of a table cannot be negative."))?;
        if pence.is_zero() {
            row_need.push(0);
            continue;
        }
        if weight_total.is_zero() {
            return Err(invalid(
                "A row of a table with an amount to split has no weights.",
            ));
        }
        let mut given = Decimal::ZERO;
        for (s, w) in row_weights.iter().enumerate() {
            let exact = pence
                .checked_mul(*w)
                .and_then(|v| v.checked_div(weight_total))
                .ok_or_else(|| Error::overflow("share of a table cell"))?;
            let floor = exact.floor();
            given += floor;
            set(&mut floors, t, s, floor);
            set(&mut fractions, t, s, exact - floor);
        }
        row_need.push(count(pence - given)?);
    }

    // Column targets: each column gets at least the whole pennies of its exact
    // fractions and at most one more: (lower, upper, remainder).
    let mut targets = Vec::with_capacity(columns);
    for s in 0..columns {
        let sum = fractions
            .iter()
            .filter_map(|row| row.get(s))
            .try_fold(Decimal::ZERO, |acc, f| acc.checked_add(*f))
            .ok_or_else(|| Error::overflow("column of a table"))?;
        let low = sum.floor();
        targets.push((count(low)?, count(sum.ceil())?, sum - low));
    }

    let mut flow = Flow::new(&fractions, row_need, columns);
    // First every column's lower bound, seeded greedily with the largest
    // fractions; then one more penny for the columns with the largest
    // remainders, in that order, as far as the rows allow.
    flow.capacity = targets.iter().map(|(lower, _, _)| *lower).collect();
    flow.seed();
    while flow.augment() {}
    let mut order: Vec<(usize, usize, Decimal)> = targets
        .iter()
        .enumerate()
        .filter(|(_, (lower, upper, _))| upper > lower)
        .map(|(s, (_, upper, remainder))| (s, *upper, *remainder))
        .collect();
    order.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    for (s, upper, _) in order {
        if flow.rows_satisfied() {
            break;
        }
        if let Some(cap) = flow.capacity.get_mut(s) {
            *cap = upper;
        }
        while flow.augment() {}
    }
    if !flow.rows_satisfied() {
        // Only reachable through the last digit of Decimal's division; let the
        // rows have their pennies, wherever the weights are not zero.
        flow.capacity = vec![usize::MAX; columns];
        while flow.augment() {}
        if !flow.rows_satisfied() {
            return Err(invalid("The table could not be split to the penny."));
        }
    }

    let mut cells = Vec::with_capacity(rows);
    let mut column_pence = vec![Decimal::ZERO; columns];
    for (t, row) in floors.iter().enumerate() {
        let mut out = Vec::with_capacity(columns);
        for (s, floor) in row.iter().enumerate() {
            let pence = if flow.raised(t, s) {
                *floor + Decimal::ONE
            } else {
                *floor
            };
            if let Some(c) = column_pence.get_mut(s) {
                *c += pence;
            }
            out.push(from_pence(pence));
        }
        cells.push(out);
    }
    Ok(PennyTable {
        cells,
        column_totals: column_pence.into_iter().map(from_pence).collect(),
    })
}

fn invalid(message: &str) -> Error {
    Error::new(ErrorCode::InvalidWeights, message)
}

fn set(grid: &mut [Vec<Decimal>], t: usize, s: usize, value: Decimal) {
    if let Some(cell) = grid.get_mut(t).and_then(|row| row.get_mut(s)) {
        *cell = value;
    }
}

fn pence_of(amount: Money) -> Result<Decimal> {
    let value = amount.as_decimal();
    if value.is_sign_negative() && !value.is_zero() {
        return Err(invalid("The rows of a table cannot be negative."));
    }
    if Rounding::Penny.apply(value) != value {
        return Err(Error::new(
            ErrorCode::InvalidMoney,
            format!("Only whole pennies can be split, and {amount} is not."),
        ));
    }
    value
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|p| p.normalize())
        .ok_or_else(|| Error::overflow("amount in pence"))
}

fn from_pence(pence: Decimal) -> Money {
    let mut pounds = pence / Decimal::ONE_HUNDRED;
    pounds.rescale(2);
    Money::from_decimal(pounds)
}

fn count(value: Decimal) -> Result<usize> {
    usize::try_from(value).map_err(|_| Error::overflow("number of pennies to place"))
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

impl<'a> Flow<'a> {
    fn new(fractions: &'a [Vec<Decimal>], need: Vec<usize>, columns: usize) -> Self {
        Self {
            fractions,
            raised: vec![vec![false; columns]; need.len()],
            row_used: vec![0; need.len()],
            column_used: vec![0; columns],
            capacity: vec![0; columns],
            need,
        }
    }

    fn eligible(&self, t: usize, s: usize) -> bool {
        self.fractions
            .get(t)
            .and_then(|row| row.get(s))
            .is_some_and(|f| !f.is_zero())
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

    fn take(&mut self, t: usize, s: usize) {
        self.set_raised(t, s, true);
        if let Some(u) = self.row_used.get_mut(t) {
            *u += 1;
        }
        if let Some(u) = self.column_used.get_mut(s) {
            *u += 1;
        }
    }

    /// Row by row, the cells with the largest fractions first.
    fn seed(&mut self) {
        let columns = self.capacity.len();
        for t in 0..self.need.len() {
            let mut order: Vec<usize> = (0..columns).filter(|&s| self.eligible(t, s)).collect();
            order.sort_by(|&a, &b| {
                self.fraction(t, b)
                    .cmp(&self.fraction(t, a))
                    .then(a.cmp(&b))
            });
            for s in order {
                if !self.row_open(t) {
                    break;
                }
                if self.column_open(s) {
                    self.take(t, s);
                }
            }
        }
    }

    fn fraction(&self, t: usize, s: usize) -> Decimal {
        self.fractions
            .get(t)
            .and_then(|row| row.get(s))
            .copied()
            .unwrap_or(Decimal::ZERO)
    }

    /// Finds one path from a row that needs a penny to a column that can take
    /// one (moving pennies between rows' cells on the way) and applies it.
    fn augment(&mut self) -> bool {
        let rows = self.need.len();
        let columns = self.capacity.len();
        // How each row and column was reached: a row through a column whose
        // penny it gives up (None for a starting row), a column from a row.
        let mut row_from: Vec<Option<Option<usize>>> = vec![None; rows];
        let mut column_from: Vec<Option<usize>> = vec![None; columns];
        let mut queue = std::collections::VecDeque::new();
        for t in 0..rows {
            if self.row_open(t) {
                if let Some(slot) = row_from.get_mut(t) {
                    *slot = Some(None);
                }
                queue.push_back(t);
            }
        }
        while let Some(t) = queue.pop_front() {
            for s in 0..columns {
                if column_from.get(s).is_some_and(Option::is_some)
                    || !self.eligible(t, s)
                    || self.raised(t, s)
                {
                    continue;
                }
                if let Some(slot) = column_from.get_mut(s) {
                    *slot = Some(t);
                }
                if self.column_open(s) {
                    self.apply(s, &row_from, &column_from);
                    return true;
                }
                for next in 0..rows {
                    if self.raised(next, s) && row_from.get(next).is_some_and(Option::is_none) {
                        if let Some(slot) = row_from.get_mut(next) {
                            *slot = Some(Some(s));
                        }
                        queue.push_back(next);
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
        if let Some(u) = self.column_used.get_mut(end) {
            *u += 1;
        }
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
                    if let Some(u) = self.row_used.get_mut(t) {
                        *u += 1;
                    }
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
