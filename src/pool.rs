//! Pooled budget returns per partner, and rebalancing (domain.md §A, Formula 7).
//!
//! A community budget pools money from partners who do not get back what
//! they put in: the council pays for a key worker, the police and DWP save.
//! Each [`Partner`] contributes cash and in kind, year by year, and receives
//! the fiscal savings of the agencies linked to it (an agency's savings go to
//! one partner). The savings are an appraisal's fiscal benefits by agency and
//! year, at present value ([`crate::appraisal::CaseResult::by_agency`]); the
//! contributions are discounted with the same schedule.
//!
//! ```text
//! K_g     = Σ_t round(C_g,t × DF_t)           (cash and in kind rounded apart)
//! B_g     = Σ agencies of g  PV of fiscal benefit;  net_g = B_g − K_g;  ROI_g = B_g ÷ K_g
//! σ_g     = K_g ÷ Σ K                          (the partner's share of the pool)
//! target_g = σ_g × Σ B   (penny-exact: largest remainder)   transfer_g = target_g − B_g
//! ```
//!
//! **Rebalancing** gives each partner a return in proportion to what it put
//! in, on two bases: `fiscal` (Formula 7: all fiscal benefits, cashable or
//! not) and `cashable` (only cashable savings are moved; the capacity freed
//! stays where it falls, so no partner is asked to pay over more cash than it
//! saved). Targets are a penny-exact split of the total (a one-row
//! [`penny_table`](crate::appraisal::penny_table): each share rounded down or
//! up, the largest fractions of a penny up), so targets add up to the total
//! and transfers to exactly zero. The **settlement** says who
//! pays whom with the fewest transfers: partners are grouped into the most
//! groups whose balances sum to zero (each group of `m` settles in `m − 1`
//! transfers, the largest payer paying the largest receiver first), found
//! exactly by a search over subsets for up to [`EXACT_SETTLEMENT`] partners
//! with a balance, and greedily (at most one fewer transfer than partners)
//! beyond.
//!
//! Present values are to the penny as in the appraisal; returns and shares are
//! shown to two places ([`Rounding::Ratio`]); payback as in the appraisal,
//! from the partner's cumulative discounted position.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::appraisal::arith::{div, guard, minus, mul, plus};
use crate::appraisal::table::split;
use crate::appraisal::{payback, DiscountSchedule, Payback};
use crate::costs::agency_key;
use crate::error::{Error, ErrorCode, Result};
use crate::money::{Money, Rounding};

/// Up to this many partners with a balance, the settlement is searched
/// exactly for the fewest transfers (2^16 subsets); beyond, it is greedy.
pub const EXACT_SETTLEMENT: usize = 16;

/// Cash, or staff time, premises and services given in kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Money into the pool.
    Cash,
    /// Staff, premises or services, valued in money.
    InKind,
}

/// A contribution in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    /// Year, 0 being the base year.
    pub year: u32,
    /// Cash or in kind.
    pub kind: Kind,
    /// At base-year prices.
    pub amount: Money,
}

/// A partner of the pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    /// Name.
    pub name: String,
    /// The agencies whose savings it receives, as named in the appraisal.
    pub agencies: Vec<String>,
    /// What it puts in.
    pub contributions: Vec<Contribution>,
}

/// One agency's fiscal benefit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyBenefit {
    /// Agency.
    pub agency: String,
    /// Present value of each year `0..`.
    pub years: Vec<Money>,
    /// Present value, all years.
    pub pv: Money,
    /// The cashable part of `pv`.
    pub cashable_pv: Money,
}

/// A partner's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartnerYear {
    /// Contributions, present value.
    pub contribution_pv: Money,
    /// Benefits, present value.
    pub benefit_pv: Money,
    /// Cumulative benefits less contributions, present value.
    pub position_pv: Money,
}

/// A partner's returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerResult {
    /// Name.
    pub name: String,
    /// Its agencies, as the appraisal names them.
    pub agencies: Vec<String>,
    /// Cash, undiscounted.
    pub cash: Money,
    /// In kind, undiscounted.
    pub in_kind: Money,
    /// Cash, present value.
    pub cash_pv: Money,
    /// In kind, present value.
    pub in_kind_pv: Money,
    /// All contributions, present value (`K_g`).
    pub contribution_pv: Money,
    /// Fiscal benefit, present value (`B_g`).
    pub benefit_pv: Money,
    /// Its cashable part.
    pub cashable_pv: Money,
    /// `B_g − K_g`.
    pub net_pv: Money,
    /// `B_g ÷ K_g`, two places; `None` without contributions.
    pub roi: Option<Decimal>,
    /// Share of the pool's contributions, exact; `None` when nobody contributes.
    pub share: Option<Decimal>,
    /// Payback of its cumulative discounted position.
    pub payback: Option<Payback>,
    /// Each year `0..=horizon`.
    pub years: Vec<PartnerYear>,
}

/// The basis of a rebalancing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// All fiscal benefits, cashable or not (Formula 7).
    Fiscal,
    /// Cashable savings only.
    Cashable,
}

impl Basis {
    /// The name on the wire.
    pub fn id(self) -> &'static str {
        match self {
            Basis::Fiscal => "fiscal",
            Basis::Cashable => "cashable",
        }
    }
}

/// A partner after rebalancing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebalanced {
    /// What it should have on this basis: its share of the total.
    pub target: Money,
    /// What it receives (positive) or pays (negative).
    pub transfer: Money,
    /// Fiscal benefit after the transfer.
    pub benefit_after: Money,
    /// Net position after the transfer.
    pub net_after: Money,
    /// Return after the transfer, two places.
    pub roi_after: Option<Decimal>,
}

/// One payment of a settlement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transfer {
    /// The partner paying (index).
    pub from: usize,
    /// The partner paid (index).
    pub to: usize,
    /// How much.
    pub amount: Money,
}

/// A rebalancing on one basis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebalancing {
    /// The basis.
    pub basis: Basis,
    /// The total shared out.
    pub total: Money,
    /// Each partner, in order.
    pub partners: Vec<Rebalanced>,
    /// Who pays whom.
    pub transfers: Vec<Transfer>,
    /// True when the settlement is proven to use the fewest transfers.
    pub fewest: bool,
}

/// The pool's returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolResult {
    /// The last year.
    pub horizon: u32,
    /// Each partner.
    pub partners: Vec<PartnerResult>,
    /// Contributions, present value, cash.
    pub cash_pv: Money,
    /// In kind.
    pub in_kind_pv: Money,
    /// All.
    pub contribution_pv: Money,
    /// Fiscal benefit to the partners, present value.
    pub benefit_pv: Money,
    /// Its cashable part.
    pub cashable_pv: Money,
    /// Benefit less contributions.
    pub net_pv: Money,
    /// Benefit ÷ contributions, two places.
    pub roi: Option<Decimal>,
    /// Agencies with fiscal benefit that no partner receives.
    pub outside: Vec<AgencyBenefit>,
    /// Agencies a partner names that have no fiscal benefit: (partner, agency).
    pub unmatched: Vec<(usize, String)>,
    /// Rebalancing on each basis (none when nobody contributes).
    pub rebalancing: Vec<Rebalancing>,
}

/// Pooled returns: the partners' contributions discounted by `schedule`,
/// against the agencies' fiscal benefits. An agency linked to two partners
/// is an error (its path: `partners[i].agencies[j]`).
pub fn returns(
    partners: &[Partner],
    benefits: &[AgencyBenefit],
    schedule: &DiscountSchedule,
) -> Result<PoolResult> {
    // Each agency belongs to one partner.
    let mut owner: Vec<Option<usize>> = vec![None; benefits.len()];
    let mut unmatched = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (p, partner) in partners.iter().enumerate() {
        for (j, agency) in partner.agencies.iter().enumerate() {
            let key = agency_key(agency);
            if let Some((_, q)) = seen.iter().find(|(k, _)| *k == key) {
                let message = match partners.get(*q) {
                    Some(other) if *q != p => format!(
                        "{agency} already belongs to {}: an agency's savings go to one partner.",
                        other.name
                    ),
                    _ => format!("{agency} is listed twice for {}.", partner.name),
                };
                return Err(Error::new(ErrorCode::DuplicateId, message)
                    .at(format!("partners[{p}].agencies[{j}]")));
            }
            seen.push((key.clone(), p));
            match benefits.iter().position(|b| agency_key(&b.agency) == key) {
                Some(b) => {
                    if let Some(slot) = owner.get_mut(b) {
                        *slot = Some(p);
                    }
                }
                None => unmatched.push((p, agency.clone())),
            }
        }
    }
    let last_benefit = benefits.iter().map(|b| b.years.len()).max().unwrap_or(0);
    let last_contribution = partners
        .iter()
        .flat_map(|p| p.contributions.iter().map(|c| c.year))
        .max()
        .unwrap_or(0);
    let horizon = u32::try_from(last_benefit.saturating_sub(1))
        .unwrap_or(u32::MAX)
        .max(last_contribution);
    let factors = schedule.factors(horizon)?;
    guard(|| calculate(partners, benefits, &owner, &factors, horizon, unmatched))
}

fn ratio(numerator: Money, denominator: Money) -> Option<Decimal> {
    (!denominator.is_zero())
        .then(|| Rounding::Ratio.apply(div(numerator.as_decimal(), denominator.as_decimal())))
}

fn total(items: impl Iterator<Item = Money>) -> Money {
    items.fold(Money::ZERO, plus)
}

fn calculate(
    partners: &[Partner],
    benefits: &[AgencyBenefit],
    owner: &[Option<usize>],
    factors: &[Decimal],
    horizon: u32,
    unmatched: Vec<(usize, String)>,
) -> PoolResult {
    let years = usize::try_from(horizon).unwrap_or(0).saturating_add(1);
    let mut results = Vec::with_capacity(partners.len());
    for (p, partner) in partners.iter().enumerate() {
        let mine: Vec<&AgencyBenefit> = benefits
            .iter()
            .zip(owner)
            .filter(|(_, o)| **o == Some(p))
            .map(|(b, _)| b)
            .collect();
        let mut cash = Money::ZERO;
        let mut in_kind = Money::ZERO;
        let mut cash_pv = Money::ZERO;
        let mut in_kind_pv = Money::ZERO;
        let mut rows = Vec::with_capacity(years);
        let mut position = Money::ZERO;
        for (t, factor) in factors.iter().enumerate().take(years) {
            let in_year = |kind: Kind| {
                total(
                    partner
                        .contributions
                        .iter()
                        .filter(|c| c.kind == kind && usize::try_from(c.year) == Ok(t))
                        .map(|c| c.amount),
                )
            };
            let (c, k) = (in_year(Kind::Cash), in_year(Kind::InKind));
            let discount =
                |m: Money| Money::from_decimal(mul(m.as_decimal(), *factor)).round(Rounding::Penny);
            let (c_pv, k_pv) = (discount(c), discount(k));
            cash = plus(cash, c);
            in_kind = plus(in_kind, k);
            cash_pv = plus(cash_pv, c_pv);
            in_kind_pv = plus(in_kind_pv, k_pv);
            let contribution_pv = plus(c_pv, k_pv);
            let benefit_pv = total(
                mine.iter()
                    .map(|b| b.years.get(t).copied().unwrap_or(Money::ZERO)),
            );
            position = plus(position, minus(benefit_pv, contribution_pv));
            rows.push(PartnerYear {
                contribution_pv,
                benefit_pv,
                position_pv: position,
            });
        }
        let contribution_pv = plus(cash_pv, in_kind_pv);
        let benefit_pv = total(mine.iter().map(|b| b.pv));
        let positions: Vec<Money> = rows.iter().map(|r| r.position_pv).collect();
        results.push(PartnerResult {
            name: partner.name.clone(),
            agencies: mine.iter().map(|b| b.agency.clone()).collect(),
            cash,
            in_kind,
            cash_pv,
            in_kind_pv,
            contribution_pv,
            benefit_pv,
            cashable_pv: total(mine.iter().map(|b| b.cashable_pv)),
            net_pv: minus(benefit_pv, contribution_pv),
            roi: ratio(benefit_pv, contribution_pv),
            share: None,
            payback: payback(&positions),
            years: rows,
        });
    }
    let contribution_pv = total(results.iter().map(|r| r.contribution_pv));
    for r in &mut results {
        r.share = (!contribution_pv.is_zero())
            .then(|| div(r.contribution_pv.as_decimal(), contribution_pv.as_decimal()));
    }
    let benefit_pv = total(results.iter().map(|r| r.benefit_pv));
    let cashable_pv = total(results.iter().map(|r| r.cashable_pv));
    let rebalancing = if contribution_pv.is_zero() {
        Vec::new()
    } else {
        [Basis::Fiscal, Basis::Cashable]
            .into_iter()
            .map(|basis| rebalance(&results, basis))
            .collect()
    };
    PoolResult {
        horizon,
        cash_pv: total(results.iter().map(|r| r.cash_pv)),
        in_kind_pv: total(results.iter().map(|r| r.in_kind_pv)),
        contribution_pv,
        benefit_pv,
        cashable_pv,
        net_pv: minus(benefit_pv, contribution_pv),
        roi: ratio(benefit_pv, contribution_pv),
        outside: benefits
            .iter()
            .zip(owner)
            .filter(|(_, o)| o.is_none())
            .map(|(b, _)| b.clone())
            .collect(),
        unmatched,
        partners: results,
        rebalancing,
    }
}

fn rebalance(partners: &[PartnerResult], basis: Basis) -> Rebalancing {
    let held = |r: &PartnerResult| match basis {
        Basis::Fiscal => r.benefit_pv,
        Basis::Cashable => r.cashable_pv,
    };
    let shared = total(partners.iter().map(held));
    let weights: Vec<Decimal> = partners
        .iter()
        .map(|r| r.contribution_pv.as_decimal())
        .collect();
    // A one-row penny table: each target is its exact share rounded down or
    // up, the largest fractions rounded up, adding up to the total.
    let table = split(&[shared], &[weights], partners.len());
    let targets: Vec<Money> = (0..partners.len()).map(|i| table.cell(0, i)).collect();
    let rebalanced: Vec<Rebalanced> = partners
        .iter()
        .zip(&targets)
        .map(|(r, target)| {
            let transfer = minus(*target, held(r));
            let benefit_after = plus(r.benefit_pv, transfer);
            Rebalanced {
                target: *target,
                transfer,
                benefit_after,
                net_after: minus(benefit_after, r.contribution_pv),
                roi_after: ratio(benefit_after, r.contribution_pv),
            }
        })
        .collect();
    let balances: Vec<Money> = rebalanced.iter().map(|r| r.transfer).collect();
    let (transfers, fewest) = settle(&balances);
    Rebalancing {
        basis,
        total: shared,
        partners: rebalanced,
        transfers,
        fewest,
    }
}

// ---------------------------------------------------------------- settlement

/// Who pays whom to settle `balances` (positive: to receive; negative: to
/// pay; they sum to zero), with the fewest transfers, and whether that is
/// proven fewest.
pub fn settle(balances: &[Money]) -> (Vec<Transfer>, bool) {
    let mut pence: Vec<(usize, i128)> = Vec::with_capacity(balances.len());
    let mut readable = true;
    for (i, m) in balances.iter().enumerate() {
        match m
            .as_decimal()
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|d| d.to_i128())
        {
            Some(0) => {}
            Some(p) => pence.push((i, p)),
            None => readable = false,
        }
    }
    let sum = pence
        .iter()
        .try_fold(0i128, |acc, (_, p)| acc.checked_add(*p));
    if !readable || sum != Some(0) {
        crate::appraisal::arith::fail(Error::new(
            ErrorCode::InvalidData,
            "The balances to settle do not add up to zero.",
        ));
        return (Vec::new(), false);
    }
    let exact = pence.len() <= EXACT_SETTLEMENT;
    let groups = if exact {
        zero_sum_groups(&pence)
    } else {
        vec![pence]
    };
    let mut transfers = Vec::new();
    for group in groups {
        settle_group(group, &mut transfers);
    }
    (transfers, exact)
}

/// Splits the balances into the most groups that each sum to zero: the
/// fewest transfers are (balances − groups). A search over subsets:
/// `most[mask]` is the most zero-sum groups the balances in `mask` can be
/// cut into, counting `mask` itself when it sums to zero.
fn zero_sum_groups(balances: &[(usize, i128)]) -> Vec<Vec<(usize, i128)>> {
    let n = balances.len();
    let size = 1usize << n;
    let mut sums = vec![0i128; size];
    let mut most = vec![0u8; size];
    for mask in 1..size {
        let low = mask.trailing_zeros() as usize;
        let rest = mask & (mask - 1);
        let value = balances.get(low).map_or(0, |(_, p)| *p);
        let sum = sums.get(rest).copied().unwrap_or(0).saturating_add(value);
        if let Some(s) = sums.get_mut(mask) {
            *s = sum;
        }
        let best = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| most.get(mask & !(1 << i)).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        if let Some(m) = most.get_mut(mask) {
            *m = best + u8::from(sum == 0);
        }
    }
    // Walk back from the whole set, removing one balance at a time along a
    // best path; each time the set left sums to zero, the balances removed
    // since the last such set form a group.
    let mut groups = Vec::new();
    let mut current = Vec::new();
    let mut mask = size - 1;
    while mask != 0 {
        let here = most.get(mask).copied().unwrap_or(0);
        let zero = u8::from(sums.get(mask).copied().unwrap_or(1) == 0);
        let Some(i) = (0..n).find(|&i| {
            mask & (1 << i) != 0 && most.get(mask & !(1 << i)).copied().unwrap_or(0) + zero == here
        }) else {
            break;
        };
        if let Some(b) = balances.get(i) {
            current.push(*b);
        }
        mask &= !(1 << i);
        if sums.get(mask).copied() == Some(0) {
            groups.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

/// Settles a zero-sum group: the largest payer pays the largest receiver
/// (earlier partner first on a tie) until all are settled; each payment
/// settles at least one of them, so a group of `m` takes at most `m − 1`.
fn settle_group(mut group: Vec<(usize, i128)>, transfers: &mut Vec<Transfer>) {
    loop {
        let payer = group
            .iter()
            .enumerate()
            .filter(|(_, (_, p))| *p < 0)
            .min_by_key(|(_, (i, p))| (*p, *i))
            .map(|(k, _)| k);
        let receiver = group
            .iter()
            .enumerate()
            .filter(|(_, (_, p))| *p > 0)
            .max_by_key(|(_, (i, p))| (*p, std::cmp::Reverse(*i)))
            .map(|(k, _)| k);
        let (Some(a), Some(b)) = (payer, receiver) else {
            return;
        };
        let (Some(&(from, owes)), Some(&(to, due))) = (group.get(a), group.get(b)) else {
            return;
        };
        let amount = owes.saturating_neg().min(due);
        if let Some(x) = group.get_mut(a) {
            x.1 = x.1.saturating_add(amount);
        }
        if let Some(x) = group.get_mut(b) {
            x.1 = x.1.saturating_sub(amount);
        }
        let Ok(pounds) = Decimal::try_from_i128_with_scale(amount, 2) else {
            return;
        };
        transfers.push(Transfer {
            from,
            to,
            amount: Money::from_decimal(pounds),
        });
    }
}
/// A remark on a pool: its code, its sentence and the path it is about.
pub type Remark = (&'static str, String, Option<String>);

impl PoolResult {
    /// Each partner's agency that has no fiscal benefit in `scope` (`"any
    /// theme"`, a scenario's name in quotes), to be checked `against` the
    /// benefits' agencies; and each benefit outside the pool.
    pub fn unpooled(&self, scope: &str, against: &str) -> Vec<Remark> {
        let mut remarks = Vec::with_capacity(self.unmatched.len() + self.outside.len());
        for (p, agency) in &self.unmatched {
            remarks.push((
                "agency_without_benefit",
                format!(
                    "{agency}, linked to {}, has no fiscal benefit in {scope} (check the agency's name against {against}).",
                    self.partners.get(*p).map_or("", |x| x.name.as_str())
                ),
                Some(format!("partners[{p}].agencies")),
            ));
        }
        for b in &self.outside {
            remarks.push((
                "benefit_outside_pool",
                format!(
                    "{} saves {} (present value) but is linked to no partner: it is outside the pool.",
                    b.agency, b.pv
                ),
                Some("partners".to_owned()),
            ));
        }
        remarks
    }

    /// What an officer should know of a pool that funds `scenario` (whose
    /// undiscounted costs, optimism bias included, are `costs`): contributions
    /// that differ from the costs, none to rebalance by, a partner that would
    /// pay more than its cashable savings on the fiscal basis.
    pub fn remarks(&self, scenario: &str, costs: Money) -> Vec<Remark> {
        let mut remarks = Vec::new();
        let contributed = Money::sum(
            self.partners
                .iter()
                .map(|p| p.cash.checked_add(p.in_kind).unwrap_or(p.cash)),
        )
        .unwrap_or(Money::ZERO);
        if contributed != costs && !contributed.is_zero() {
            remarks.push((
                "contributions_differ_from_costs",
                format!(
                    "The partners put in {contributed} (undiscounted) and \"{scenario}\" costs {costs} with its optimism bias: the pool's returns use the contributions."
                ),
                Some("partners".to_owned()),
            ));
        }
        if self.rebalancing.is_empty() {
            remarks.push((
                "no_contributions",
                "No partner contributes, so there is nothing to rebalance by.".to_owned(),
                Some("partners".to_owned()),
            ));
        }
        if let Some(fiscal) = self.rebalancing.first() {
            for (p, r) in self.partners.iter().zip(&fiscal.partners) {
                let pays = Money::ZERO.checked_sub(r.transfer).unwrap_or(Money::ZERO);
                if pays > p.cashable_pv {
                    remarks.push((
                        "pays_more_than_cashable",
                        format!(
                            "On the fiscal basis {} would pay {pays}, more than its cashable savings of {}: the cashable basis avoids that.",
                            p.name, p.cashable_pv
                        ),
                        None,
                    ));
                }
            }
        }
        remarks
    }
}
