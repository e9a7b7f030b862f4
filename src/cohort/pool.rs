//! Pooled returns per partner over the cohort: a [`CohortStep`].
//!
//! The programme appraisal's fiscal savings by agency (central case, present
//! value, with their cashable parts) go to the partners that own those
//! agencies, and each partner's contributions are discounted with the same
//! Green Book schedule — exactly as `poolReturns` does it ([`pool::returns`],
//! domain.md Formula 7). A partner contributes either a **share** of the
//! programme's costs (each year's cost split between the sharing partners by
//! largest remainder, so the contributions add up to the cost to the penny)
//! or its own **contributions** by year.

use rust_decimal::Decimal;

use super::sections::col;
use super::{CohortStep, Context};
use crate::appraisal::{defaults, ValueType};
use crate::error::{Error, ErrorCode, Result};
use crate::money::{Money, Rate, Rounding};
use crate::pool::{self, AgencyBenefit, Basis, Contribution, Kind, Partner};
use crate::report::{format_money, Cell, CellKind, Section, Table};

/// A partner of the pool, as the options give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerSpec {
    /// The partner, its agencies and any contributions of its own.
    pub partner: Partner,
    /// Its share of the programme's costs (instead of contributions).
    pub share: Option<Rate>,
}

impl PartnerSpec {
    /// A share of the costs and contributions of its own, both: the problem,
    /// at `.share`.
    pub fn problem(&self) -> Option<Error> {
        (self.share.is_some() && !self.partner.contributions.is_empty()).then(|| {
            Error::new(
                ErrorCode::InvalidField,
                "Give the partner a share of the costs or its own contributions, not both.",
            )
            .at(".share")
        })
    }
}

/// The problems with a pool's partners together, at `.partners` relative to
/// the pool: none at all, or shares given that do not add up to 1.
pub fn partner_problems(partners: &[PartnerSpec]) -> Option<Error> {
    if partners.is_empty() {
        return Some(
            Error::new(ErrorCode::InvalidField, "Add at least one partner.").at(".partners"),
        );
    }
    let shares: Vec<Decimal> = partners
        .iter()
        .filter_map(|p| Some(p.share?.as_decimal()))
        .collect();
    let total = shares
        .iter()
        .try_fold(Decimal::ZERO, |t, s| t.checked_add(*s));
    if shares.is_empty() || total == Some(Decimal::ONE) {
        return None;
    }
    let total = total.map_or_else(|| "too much".to_owned(), |t| t.normalize().to_string());
    Some(
        Error::new(
            ErrorCode::InvalidField,
            format!("The partners' shares of the costs add up to {total}; they must add up to 1."),
        )
        .at(".partners"),
    )
}

/// The pool step.
#[derive(Debug, Clone)]
pub struct Pool {
    partners: Vec<PartnerSpec>,
}

impl Pool {
    /// A pool of `partners`. Shares, where given, must add up to 1 (the whole
    /// cost); the options reader checks that and names the field.
    pub fn new(partners: Vec<PartnerSpec>) -> Self {
        Self { partners }
    }
}

fn ratio(d: Option<Decimal>) -> Cell {
    d.map_or(Cell::Empty, |d| Cell::text(d.to_string()))
}

impl CohortStep for Pool {
    fn sections(&self, cx: &Context<'_>) -> Result<Vec<Section>> {
        let title = "Pooled budget: each partner's return".to_owned();
        let Some(result) = cx.appraisal else {
            return Ok(vec![Section {
                id: "pool".to_owned(),
                title,
                text: vec!["No programme appraisal was run, so there are no savings to share between the partners.".to_owned()],
                chart: None,
                tables: Vec::new(),
            }]);
        };
        let central = &result.central;
        // Each year's programme cost (undiscounted, with its optimism bias).
        let years = usize::try_from(result.horizon)
            .unwrap_or(0)
            .saturating_add(1);
        let mut cost_by_year = vec![Money::ZERO; years];
        for funder in &central.by_funder {
            for (slot, (amount, _)) in cost_by_year.iter_mut().zip(&funder.years) {
                *slot = slot.checked_add(*amount)?;
            }
        }
        let sharing: Vec<usize> = (0..self.partners.len())
            .filter(|&p| self.partners.get(p).is_some_and(|s| s.share.is_some()))
            .collect();
        let weights: Vec<Decimal> = sharing
            .iter()
            .filter_map(|&p| self.partners.get(p))
            .filter_map(|s| s.share.map(Rate::as_decimal))
            .collect();
        let mut partners: Vec<Partner> = self.partners.iter().map(|s| s.partner.clone()).collect();
        if !sharing.is_empty() && weights.iter().any(|w| !w.is_zero()) {
            for (year, cost) in cost_by_year.iter().enumerate() {
                if cost.is_zero() {
                    continue;
                }
                let parts = cost.round(Rounding::Penny).allocate(&weights)?;
                for (&p, amount) in sharing.iter().zip(parts) {
                    if let Some(partner) = partners.get_mut(p) {
                        if !amount.is_zero() {
                            partner.contributions.push(Contribution {
                                year: u32::try_from(year).unwrap_or(u32::MAX),
                                kind: Kind::Cash,
                                amount,
                            });
                        }
                    }
                }
            }
        }
        let benefits: Vec<AgencyBenefit> = central
            .by_agency
            .iter()
            .filter(|s| s.value_type == ValueType::Fiscal)
            .map(|s| AgencyBenefit {
                agency: s.agency.clone(),
                years: s.years.iter().map(|(_, pv)| *pv).collect(),
                pv: s.flow.net_pv,
                cashable_pv: s.cashable.as_ref().map_or(Money::ZERO, |c| c.pv),
            })
            .collect();
        let schedule = defaults::green_book()?;
        let r = pool::returns(&partners, &benefits, &schedule).map_err(|e| {
            let path = e.path().map(|p| format!("pool.{p}"));
            match path {
                Some(p) => Error::new(e.code(), e.message()).at(p),
                None => e,
            }
        })?;

        let mut text = vec![format!(
            "The programme appraisal's fiscal savings (central case, present value) go to the partner that owns each agency; contributions are discounted with the same Green Book schedule. The pool puts in {} and its partners save {} (present value): a return of {}.",
            format_money(r.contribution_pv),
            format_money(r.benefit_pv),
            r.roi.map_or_else(|| "—".to_owned(), |x| x.to_string())
        )];
        if !sharing.is_empty() {
            text.push("Partners with a share pay that share of each year's programme cost, split to the penny by largest remainder.".to_owned());
        }
        for b in &r.outside {
            text.push(format!(
                "{} saves {} (present value) but belongs to no partner: it is outside the pool.",
                b.agency,
                format_money(b.pv)
            ));
        }
        for (p, agency) in &r.unmatched {
            text.push(format!(
                "{agency}, named for {}, has no fiscal saving in this cohort.",
                partners.get(*p).map_or("", |x| x.name.as_str())
            ));
        }
        let returns = Table {
            id: "partnerReturns".to_owned(),
            caption: "Each partner's contributions and savings, present value".to_owned(),
            columns: vec![
                col("partner", "Partner", CellKind::Text),
                col("agencies", "Receives the savings of", CellKind::Text),
                col("contributions", "Puts in", CellKind::Money),
                col("savings", "Saves", CellKind::Money),
                col("cashable", "Of which cashable", CellKind::Money),
                col("net", "Net", CellKind::Money),
                col("roi", "Return (savings ÷ contributions)", CellKind::Ratio),
            ],
            rows: r
                .partners
                .iter()
                .zip(&partners)
                .map(|(p, given)| {
                    vec![
                        Cell::text(p.name.clone()),
                        // The agencies as given (the result keeps those with savings).
                        Cell::text(given.agencies.join(", ")),
                        Cell::Money(p.contribution_pv),
                        Cell::Money(p.benefit_pv),
                        Cell::Money(p.cashable_pv),
                        Cell::Money(p.net_pv),
                        ratio(p.roi),
                    ]
                })
                .collect(),
            totals: Some(vec![
                Cell::text("Total"),
                Cell::Empty,
                Cell::Money(r.contribution_pv),
                Cell::Money(r.benefit_pv),
                Cell::Money(r.cashable_pv),
                Cell::Money(r.net_pv),
                ratio(r.roi),
            ]),
        };
        let mut tables = vec![returns];
        if !r.rebalancing.is_empty() {
            let transfer = |basis: Basis, p: usize| {
                r.rebalancing
                    .iter()
                    .find(|x| x.basis == basis)
                    .and_then(|x| x.partners.get(p))
                    .map_or(Cell::Empty, |x| Cell::Money(x.transfer))
            };
            let total = |basis: Basis| {
                r.rebalancing
                    .iter()
                    .find(|x| x.basis == basis)
                    .map_or(Cell::Empty, |x| {
                        Cell::Money(x.partners.iter().fold(Money::ZERO, |acc, p| {
                            acc.checked_add(p.transfer).unwrap_or(acc)
                        }))
                    })
            };
            tables.push(Table {
                id: "partnerRebalancing".to_owned(),
                caption: "Transfers that would give each partner savings in proportion to what it puts in (received +, paid −)".to_owned(),
                columns: vec![
                    col("partner", "Partner", CellKind::Text),
                    col("fiscal", "All fiscal savings", CellKind::Money),
                    col("cashable", "Cashable savings only", CellKind::Money),
                ],
                rows: r
                    .partners
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        vec![
                            Cell::text(p.name.clone()),
                            transfer(Basis::Fiscal, i),
                            transfer(Basis::Cashable, i),
                        ]
                    })
                    .collect(),
                totals: Some(vec![
                    Cell::text("Total"),
                    total(Basis::Fiscal),
                    total(Basis::Cashable),
                ]),
            });
        } else {
            text.push("No partner contributes, so there is nothing to rebalance by.".to_owned());
        }
        Ok(vec![Section {
            id: "pool".to_owned(),
            title,
            text,
            chart: None,
            tables,
        }])
    }
}
