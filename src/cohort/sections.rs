//! The built-in sections of the report: who is eligible, what the families
//! cost, and what the programme would save. Each table has a totals row where
//! its rows add up; the tests check that they do.

use rust_decimal::Decimal;

use super::appraise::{Assumptions, DEFAULT_ASSUMPTIONS, GIVEN};
use super::{Context, COST_BANDS, NEEDS_MET_ROWS};
use crate::appraisal::{
    Payback, PublishedSchedule, Returns, Scenario, ScenarioResult, ScheduleId, Schedules, ValueType,
};
use crate::costs::FinancialYear;
use crate::money::{Money, Rounding};
use crate::report::{format_money, Cell, CellKind, Chart, Column, Figure, Section, Table};
use crate::rules::{counting_on, Counting, Status};

/// A column of a report table.
pub(super) fn col(key: &str, label: &str, kind: CellKind) -> Column {
    Column {
        key: key.to_owned(),
        label: label.to_owned(),
        kind,
    }
}

fn sum(cells: impl Iterator<Item = Money>) -> Money {
    cells.fold(Money::ZERO, |acc, m| acc.checked_add(m).unwrap_or(acc))
}

/// A status as the report says it.
pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Automatic => "In the programme automatically",
        Status::Discretionary => "May be included at the council's discretion",
        Status::Eligible => "Eligible",
        Status::NotEligible => "Not eligible",
    }
}

/// The figures that say what money the report is in: the price base, the
/// deflator series and the unit-cost table.
pub fn price_base(base_year: FinancialYear, table: &crate::costs::UnitCostTable) -> Vec<Figure> {
    let (used, extends, series) = table.receipt_ids();
    let forecast = if table.deflator().get(base_year).is_some_and(|y| y.forecast) {
        " (a forecast year of the series)"
    } else {
        ""
    };
    let table_text = match extends {
        Some(base) => format!("{} on {}", used.id, base.id),
        None => used.id,
    };
    vec![
        Figure {
            key: "priceBase".to_owned(),
            label: "Price base".to_owned(),
            value: Cell::text(format!("{base_year} prices{forecast}")),
        },
        Figure {
            key: "deflator".to_owned(),
            label: "Deflator series".to_owned(),
            value: Cell::text(format!("{} ({})", series.id, table.deflator().title())),
        },
        Figure {
            key: "unitCostTable".to_owned(),
            label: "Unit-cost table".to_owned(),
            value: Cell::text(table_text),
        },
    ]
}

/// The headline figures: rows and families read, processed and not processed
/// (read = processed + not processed, for each), then the families in the
/// programme, their costs and, with an appraisal, its returns.
pub fn summary(
    cx: &Context<'_>,
    rows: u64,
    rows_accepted: u64,
    rows_rejected: u64,
    families_read: u64,
    families_rejected: u64,
) -> Vec<Figure> {
    let t = cx.totals;
    let fig = |key: &str, label: &str, value: Cell| Figure {
        key: key.to_owned(),
        label: label.to_owned(),
        value,
    };
    let mut out = vec![
        fig("rowsRead", "Rows read", Cell::Count(rows)),
        fig(
            "rowsProcessed",
            "Rows processed",
            Cell::Count(rows_accepted),
        ),
        fig(
            "rowsRejected",
            "Rows not processed",
            Cell::Count(rows_rejected),
        ),
        fig("familiesRead", "Families read", Cell::Count(families_read)),
        fig(
            "familiesProcessed",
            "Families processed",
            Cell::Count(t.families),
        ),
        fig(
            "familiesRejected",
            "Families not processed",
            Cell::Count(families_rejected),
        ),
        fig(
            "eligibleFamilies",
            "Families in the programme",
            Cell::Count(t.eligible),
        ),
        fig(
            "annualCost",
            "What the families processed cost public services a year",
            Cell::Money(sum(t.cost_all.iter().copied())),
        ),
        fig(
            "annualCostEligible",
            "What the families in the programme cost a year",
            Cell::Money(sum(t.cost_eligible.iter().copied())),
        ),
    ];
    if let Some(r) = cx.appraisal {
        out.push(fig(
            "npv",
            "Net present value of the programme (central case)",
            Cell::Money(r.central.returns.npv),
        ));
        out.push(fig(
            "fiscalReturn",
            "Fiscal return on each £1 (central case)",
            ratio(r.central.returns.roi_fiscal),
        ));
        if let Some(s) = &r.sensitivity {
            out.push(fig(
                "npvSensitivity",
                "Net present value, Green Book 2026 sensitivity test (no pure time preference)",
                Cell::Money(s.returns.npv),
            ));
        }
    }
    out
}

/// A built-in schedule as the report names it: what it is, its first rate
/// and band, and its edition (`Standard: 3.5 % to year 30, then declining
/// (Green Book 2026 (February 2026), published 2026-02-06)`).
fn schedule_label(s: &PublishedSchedule) -> String {
    let what = match s.id {
        ScheduleId::GreenBook => "Standard",
        ScheduleId::Health => "Health",
        ScheduleId::Sensitivity => "Sensitivity test, no pure time preference",
    };
    let bands = s.rates.bands();
    let first = bands.first().map(|b| {
        let percent = b
            .rate
            .as_decimal()
            .checked_mul(Decimal::ONE_HUNDRED)
            .unwrap_or_default()
            .normalize();
        match bands.get(1) {
            Some(next) => format!(
                "{percent} % to year {}, then declining",
                next.from_year.saturating_sub(1)
            ),
            None => format!("{percent} %"),
        }
    });
    format!(
        "{what}: {} ({}, published {})",
        first.unwrap_or_default(),
        s.edition,
        s.published
    )
}

fn ratio(r: Option<Decimal>) -> Cell {
    r.map_or(Cell::Empty, |r| Cell::text(r.to_string()))
}

/// Who is eligible: families by decision, by criterion, by criteria met.
pub fn eligibility(cx: &Context<'_>) -> Section {
    let pack = cx.pack;
    let t = cx.totals;
    let n = t.families;
    let statuses: Vec<Status> = pack
        .decision
        .iter()
        .map(|o| o.status)
        .chain([Status::NotEligible])
        .collect();
    let rows: Vec<Vec<Cell>> = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let families = t.by_outcome.get(i).copied().unwrap_or(0);
            vec![
                Cell::text(status_label(*s)),
                Cell::Count(families),
                Cell::text(crate::money::percent_of(families, n)),
                Cell::Money(t.cost_by_outcome.get(i).copied().unwrap_or(Money::ZERO)),
            ]
        })
        .collect();
    let decisions = Table {
        id: "decisions".to_owned(),
        caption: "Families by decision".to_owned(),
        columns: vec![
            col("decision", "Decision", CellKind::Text),
            col("families", "Families", CellKind::Count),
            col("share", "Share of families", CellKind::Ratio),
            col("annualCost", "Their annual cost", CellKind::Money),
        ],
        rows,
        totals: Some(vec![
            Cell::text("Total"),
            Cell::Count(t.by_outcome.iter().sum()),
            Cell::text(crate::money::percent_of(t.by_outcome.iter().sum(), n)),
            Cell::Money(sum(t.cost_by_outcome.iter().copied())),
        ]),
    };
    let groups = pack
        .criteria
        .iter()
        .map(|g| (g, "Criterion"))
        .chain(pack.filters.iter().map(|g| (g, "Filter")));
    let criteria = Table {
        id: "criteria".to_owned(),
        caption: format!("Families meeting each of the {}", pack.criteria_label),
        columns: vec![
            col("criterion", "Criterion", CellKind::Text),
            col("kind", "Counted as", CellKind::Text),
            col("families", "Families meeting it", CellKind::Count),
            col("share", "Share of families", CellKind::Ratio),
        ],
        rows: groups
            .enumerate()
            .map(|(g, (group, kind))| {
                let families = t.by_group.get(g).copied().unwrap_or(0);
                vec![
                    Cell::text(group.title.clone()),
                    Cell::text(kind),
                    Cell::Count(families),
                    Cell::text(crate::money::percent_of(families, n)),
                ]
            })
            .collect(),
        totals: None,
    };
    let met = Table {
        id: "criteriaMet".to_owned(),
        caption: format!(
            "Families by how many of the {} they meet",
            pack.criteria_label
        ),
        columns: vec![
            col("met", "Met", CellKind::Count),
            col("families", "Families", CellKind::Count),
            col("share", "Share of families", CellKind::Ratio),
        ],
        rows: t
            .by_criteria_met
            .iter()
            .enumerate()
            .map(|(k, &families)| {
                vec![
                    Cell::count(k),
                    Cell::Count(families),
                    Cell::text(crate::money::percent_of(families, n)),
                ]
            })
            .collect(),
        totals: Some(vec![
            Cell::text("Total"),
            Cell::Count(t.by_criteria_met.iter().sum()),
            Cell::text(crate::money::percent_of(t.by_criteria_met.iter().sum(), n)),
        ]),
    };
    let mut tables = vec![decisions, criteria, met];
    tables.extend(needs_met(cx));
    Section {
        id: "eligibility".to_owned(),
        title: "Who is eligible".to_owned(),
        text: vec![format!(
            "Each family was assessed with the rule pack {} ({}) on its assessment date: {} processed, {} in the programme.",
            pack.id,
            pack.title,
            crate::report::format_counted(n, "family", "families"),
            crate::report::format_count(t.eligible)
        )],
        chart: Some(Chart {
            title: "Families by decision".to_owned(),
            table: "decisions".to_owned(),
            label_column: 0,
            value_column: 1,
        }),
        tables,
    }
}

/// Families by how many needs (the pack's counted indicators) they have: 0
/// to 4, then 5 or more; only under a pack that counts them (the 2022
/// framework's three family needs), as a family's other needs are not all
/// measured when a headline's first need is enough.
fn needs_met(cx: &Context<'_>) -> Option<Table> {
    let pack = cx.pack;
    let counts = pack
        .decision
        .iter()
        .any(|o| counting_on(pack, &o.count, pack.valid_from) == Counting::Indicators);
    if !counts {
        return None;
    }
    let t = cx.totals;
    let n = t.families;
    let last = NEEDS_MET_ROWS.saturating_sub(1);
    let rows = t
        .by_needs_met
        .iter()
        .enumerate()
        .map(|(k, &families)| {
            vec![
                Cell::text(if k == last {
                    format!("{k} or more")
                } else {
                    k.to_string()
                }),
                Cell::Count(families),
                Cell::text(crate::money::percent_of(families, n)),
            ]
        })
        .collect();
    let total: u64 = t.by_needs_met.iter().sum();
    Some(Table {
        id: "needsMet".to_owned(),
        caption: format!("Families by how many {} they have", pack.indicators_label),
        columns: vec![
            col("needs", "Needs", CellKind::Text),
            col("families", "Families", CellKind::Count),
            col("share", "Share of families", CellKind::Ratio),
        ],
        rows,
        totals: Some(vec![
            Cell::text("Total"),
            Cell::Count(total),
            Cell::text(crate::money::percent_of(total, n)),
        ]),
    })
}

/// What the families cost: by agency, by unit-cost code, by cost band.
pub fn costs(cx: &Context<'_>, base_year: FinancialYear) -> Section {
    let t = cx.totals;
    let prices = cx.prices;
    let mut agencies: Vec<usize> = (0..prices.agencies().len()).collect();
    let at = |v: &[Money], i: usize| v.get(i).copied().unwrap_or(Money::ZERO);
    // Largest first (all families), names breaking ties. (A handful of
    // agencies: the small sort costs no WebAssembly for another sort.)
    crate::family::sort_small_by_key(&mut agencies, |&a| {
        (
            std::cmp::Reverse(at(&t.cost_all, a)),
            prices.agencies().get(a).cloned(),
        )
    });
    let average = |total: Money, n: u64| {
        if n == 0 {
            Cell::Empty
        } else {
            total
                .checked_div(Decimal::from(n))
                .map_or(Cell::Empty, |m| Cell::Money(m.round(Rounding::Penny)))
        }
    };
    let all_total = sum(t.cost_all.iter().copied());
    let eligible_total = sum(t.cost_eligible.iter().copied());
    let by_agency = Table {
        id: "costByAgency".to_owned(),
        caption: format!("Annual cost by agency, at {base_year} prices"),
        columns: vec![
            col("agency", "Agency", CellKind::Text),
            col("allFamilies", "All families processed", CellKind::Money),
            col(
                "eligibleFamilies",
                "Families in the programme",
                CellKind::Money,
            ),
            col(
                "averageEligible",
                "Average per family in the programme",
                CellKind::Money,
            ),
        ],
        rows: agencies
            .iter()
            .map(|&i| {
                vec![
                    Cell::text(prices.agencies().get(i).cloned().unwrap_or_default()),
                    Cell::Money(at(&t.cost_all, i)),
                    Cell::Money(at(&t.cost_eligible, i)),
                    average(at(&t.cost_eligible, i), t.eligible),
                ]
            })
            .collect(),
        totals: Some(vec![
            Cell::text("Total"),
            Cell::Money(all_total),
            Cell::Money(eligible_total),
            average(eligible_total, t.eligible),
        ]),
    };
    let line = |units: u64, unit: Money| {
        unit.checked_mul(Decimal::from(units))
            .unwrap_or(Money::ZERO)
    };
    let by_code = Table {
        id: "costByCode".to_owned(),
        caption: format!("Annual cost by unit-cost code, at {base_year} prices"),
        columns: vec![
            col("code", "Code", CellKind::Text),
            col("unitCost", "Unit cost", CellKind::Money),
            col("unitsAll", "Units, all families", CellKind::Count),
            col("costAll", "Cost, all families", CellKind::Money),
            col(
                "unitsEligible",
                "Units, families in the programme",
                CellKind::Count,
            ),
            col(
                "costEligible",
                "Cost, families in the programme",
                CellKind::Money,
            ),
        ],
        rows: prices
            .prices()
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let all = t.units_all.get(i).copied().unwrap_or(0);
                let eligible = t.units_eligible.get(i).copied().unwrap_or(0);
                vec![
                    Cell::text(p.code.clone()),
                    Cell::Money(p.unit_cost),
                    Cell::Count(all),
                    Cell::Money(line(all, p.unit_cost)),
                    Cell::Count(eligible),
                    Cell::Money(line(eligible, p.unit_cost)),
                ]
            })
            .collect(),
        totals: Some(vec![
            Cell::text("Total"),
            Cell::Empty,
            Cell::Count(t.units_all.iter().sum()),
            Cell::Money(sum(prices
                .prices()
                .iter()
                .zip(&t.units_all)
                .map(|(p, &u)| line(u, p.unit_cost)))),
            Cell::Count(t.units_eligible.iter().sum()),
            Cell::Money(sum(prices
                .prices()
                .iter()
                .zip(&t.units_eligible)
                .map(|(p, &u)| line(u, p.unit_cost)))),
        ]),
    };
    let band_label = |i: usize| {
        let pounds = |p: i64| format_money(Money::from_decimal(Decimal::from(p)));
        match (COST_BANDS.get(i), COST_BANDS.get(i.saturating_add(1))) {
            (Some(0), Some(&high)) => format!("Under {}", pounds(high)),
            (Some(&low), Some(&high)) => format!("{} to under {}", pounds(low), pounds(high)),
            (Some(&low), None) => format!("{} or more", pounds(low)),
            _ => String::new(),
        }
    };
    let bands = Table {
        id: "costBands".to_owned(),
        caption: "Families by annual cost".to_owned(),
        columns: vec![
            col("band", "Annual cost", CellKind::Text),
            col("families", "Families", CellKind::Count),
            col("share", "Share of families", CellKind::Ratio),
        ],
        rows: t
            .by_cost_band
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                vec![
                    Cell::text(band_label(i)),
                    Cell::Count(n),
                    Cell::text(crate::money::percent_of(n, t.families)),
                ]
            })
            .collect(),
        totals: Some(vec![
            Cell::text("Total"),
            Cell::Count(t.by_cost_band.iter().sum()),
            Cell::text(crate::money::percent_of(
                t.by_cost_band.iter().sum(),
                t.families,
            )),
        ]),
    };
    Section {
        id: "costs".to_owned(),
        title: "What the families cost public services".to_owned(),
        text: vec![format!(
            "Each family's use of services in the year, costed with the unit costs at {base_year} prices (each rounded to the penny) times the units used. Averages are rounded to the penny; every other amount is exact."
        )],
        chart: Some(Chart {
            title: "Annual cost of all families processed, by agency".to_owned(),
            table: "costByAgency".to_owned(),
            label_column: 0,
            value_column: 1,
        }),
        tables: vec![by_agency, by_code, bands],
    }
}

fn payback(p: Option<Payback>) -> Cell {
    p.map_or_else(
        || Cell::text("Not within the appraisal"),
        |p| Cell::text(format!("Year {} ({} years)", p.year, p.years)),
    )
}

/// What working with the eligible families would save.
pub fn savings(
    cx: &Context<'_>,
    a: &Assumptions,
    scenario: &Scenario,
    result: &ScenarioResult,
) -> Section {
    // Each assumption with its source: the default's, when the value is the
    // default (compared as numbers, so "10000" is the default "10000.00").
    let given = |key: &str, shown: String, value: Decimal| {
        let default = DEFAULT_ASSUMPTIONS.iter().find(|(k, _, _, _)| *k == key);
        let label = default.map_or(key, |(_, l, _, _)| *l);
        let source = match default {
            Some((_, _, d, source)) if crate::money::parse_decimal(d).ok() == Some(value) => {
                *source
            }
            _ => GIVEN,
        };
        vec![Cell::text(label), Cell::text(shown), Cell::text(source)]
    };
    let pct = |r: crate::money::Rate| {
        let p = r
            .as_decimal()
            .checked_mul(Decimal::ONE_HUNDRED)
            .unwrap_or_default()
            .normalize();
        format!("{p} %")
    };
    let mut assumption_rows = vec![
        given("engagement", pct(a.engagement), a.engagement.as_decimal()),
        given("success", pct(a.success), a.success.as_decimal()),
        given("deadweight", pct(a.deadweight), a.deadweight.as_decimal()),
        given("reduction", pct(a.reduction), a.reduction.as_decimal()),
        given(
            "lagYears",
            a.lag_years.to_string(),
            Decimal::from(a.lag_years),
        ),
        given(
            "durationYears",
            a.duration_years.to_string(),
            Decimal::from(a.duration_years),
        ),
        given("dropOff", pct(a.drop_off), a.drop_off.as_decimal()),
        given(
            "costPerFamily",
            format_money(a.cost_per_family),
            a.cost_per_family.as_decimal(),
        ),
        given(
            "costOptimismBias",
            pct(a.cost_optimism_bias),
            a.cost_optimism_bias.as_decimal(),
        ),
    ];
    let schedules = Schedules::built_in().ok();
    let schedule = |id| schedules.and_then(|s| s.get(id).ok());
    let standard = schedule(ScheduleId::GreenBook);
    let sensitivity = schedule(ScheduleId::Sensitivity).filter(|_| result.sensitivity.is_some());
    for (label, s) in [
        ("Discount schedule", standard),
        ("Sensitivity test", sensitivity),
    ] {
        if let Some(s) = s {
            assumption_rows.push(vec![
                Cell::text(label),
                Cell::text(schedule_label(s)),
                Cell::text(s.source),
            ]);
        }
    }
    assumption_rows.push(vec![
        Cell::text("Evidence grade of each saving"),
        Cell::text(a.grade.map_or_else(
            || "Each unit cost's RAG rating (G 2, A 3, R 5), or 3".to_owned(),
            |g| g.to_string(),
        )),
        Cell::text(a.grade.map_or(
            "Optimism bias by evidence grade: New Economy UCD v1.2 Guidance (0 % to 40 %) [V], grades recalled [R].",
            |_| GIVEN,
        )),
    ]);
    let assumptions = Table {
        id: "appraisalAssumptions".to_owned(),
        caption: "Assumptions".to_owned(),
        columns: vec![
            col("assumption", "Assumption", CellKind::Text),
            col("value", "Value", CellKind::Text),
            col("source", "Source", CellKind::Text),
        ],
        rows: assumption_rows,
        totals: None,
    };
    let cases: [(&str, &Returns); 3] = [
        ("Low", &result.low),
        ("Central", &result.central.returns),
        ("High", &result.high),
    ];
    let measure = |label: &str, f: &dyn Fn(&Returns) -> Cell| {
        let mut row = vec![Cell::text(label)];
        row.extend(cases.iter().map(|(_, r)| f(r)));
        row
    };
    let headline = Table {
        id: "appraisalHeadline".to_owned(),
        caption: "Costs, savings and returns (present values)".to_owned(),
        columns: vec![
            col("measure", "Measure", CellKind::Text),
            col("low", "Low", CellKind::Money),
            col("central", "Central", CellKind::Money),
            col("high", "High", CellKind::Money),
        ],
        rows: vec![
            measure("Costs", &|r| Cell::Money(r.costs_pv)),
            measure("Fiscal savings", &|r| {
                Cell::Money(r.benefits.get(ValueType::Fiscal).net_pv)
            }),
            measure("Net present value", &|r| Cell::Money(r.npv)),
            measure("Fiscal return on each £1", &|r| ratio(r.roi_fiscal)),
            measure("Payback, discounted", &|r| payback(r.payback_pv)),
        ],
        totals: None,
    };
    // The sensitivity test beside the central case, when asked for.
    let sensitivity_table = result.sensitivity.as_ref().map(|s| {
        let pair = |label: &str, f: &dyn Fn(&Returns) -> Cell| {
            vec![
                Cell::text(label),
                f(&result.central.returns),
                f(&s.returns),
            ]
        };
        Table {
            id: "appraisalSensitivity".to_owned(),
            caption: "Green Book 2026 sensitivity test: the central case discounted with no pure time preference (present values)".to_owned(),
            columns: vec![
                col("measure", "Measure", CellKind::Text),
                col("central", "Central", CellKind::Money),
                col("sensitivity", "Sensitivity test", CellKind::Money),
            ],
            rows: vec![
                pair("Costs", &|r| Cell::Money(r.costs_pv)),
                pair("Fiscal savings", &|r| {
                    Cell::Money(r.benefits.get(ValueType::Fiscal).net_pv)
                }),
                pair("Net present value", &|r| Cell::Money(r.npv)),
                pair("Fiscal return on each £1", &|r| ratio(r.roi_fiscal)),
                pair("Payback, discounted", &|r| payback(r.payback_pv)),
            ],
            totals: None,
        }
    });
    let fiscal: Vec<_> = result
        .central
        .by_agency
        .iter()
        .filter(|s| s.value_type == ValueType::Fiscal)
        .collect();
    let cashable = |s: &crate::appraisal::Stream| s.cashable.map_or(Money::ZERO, |c| c.pv);
    let non_cashable =
        |s: &crate::appraisal::Stream| s.cashable.map_or(s.flow.net_pv, |c| c.non_cashable_pv);
    let by_agency = Table {
        id: "savingsByAgency".to_owned(),
        caption: "Fiscal savings by agency, present value (central case)".to_owned(),
        columns: vec![
            col("agency", "Agency", CellKind::Text),
            col("savings", "Savings", CellKind::Money),
            col("cashable", "Cashable", CellKind::Money),
            col(
                "nonCashable",
                "Not cashable (capacity freed)",
                CellKind::Money,
            ),
        ],
        rows: fiscal
            .iter()
            .map(|s| {
                vec![
                    Cell::text(s.agency.clone()),
                    Cell::Money(s.flow.net_pv),
                    Cell::Money(cashable(s)),
                    Cell::Money(non_cashable(s)),
                ]
            })
            .collect(),
        totals: Some(vec![
            Cell::text("Total"),
            Cell::Money(sum(fiscal.iter().map(|s| s.flow.net_pv))),
            Cell::Money(sum(fiscal.iter().map(|s| cashable(s)))),
            Cell::Money(sum(fiscal.iter().map(|s| non_cashable(s)))),
        ]),
    };
    let years = Table {
        id: "appraisalYears".to_owned(),
        caption: "Year by year (central case)".to_owned(),
        columns: vec![
            col("year", "Year", CellKind::Count),
            col("financialYear", "Financial year", CellKind::Text),
            col("costs", "Costs", CellKind::Money),
            col("fiscalSavings", "Fiscal savings", CellKind::Money),
            col(
                "fiscalSavingsPv",
                "Fiscal savings, present value",
                CellKind::Money,
            ),
            col(
                "positionPv",
                "Cumulative position, present value",
                CellKind::Money,
            ),
        ],
        rows: result
            .central
            .years
            .iter()
            .map(|y| {
                vec![
                    Cell::Count(u64::from(y.year)),
                    Cell::text(
                        cx.prices
                            .base_year()
                            .plus(y.year)
                            .map(|f| f.to_string())
                            .unwrap_or_default(),
                    ),
                    Cell::Money(y.costs),
                    Cell::Money(y.benefits.fiscal.net),
                    Cell::Money(y.benefits.fiscal.net_pv),
                    Cell::Money(y.fiscal_position_pv),
                ]
            })
            .collect(),
        totals: None,
    };
    Section {
        id: "savings".to_owned(),
        title: "What the programme would save".to_owned(),
        text: vec![
            format!(
                "An appraisal of working with the {} in the programme, by the New Economy / HM Treasury method: \
                 a family that achieves the outcome is taken to need less of what the average family in the programme uses a year \
                 (the reduction below), net of deadweight and of optimism bias by the evidence behind each unit cost, discounted with the Green Book's standard schedule{}.",
                crate::report::format_counted(u64::from(scenario.cohort), "family", "families"),
                standard.map_or_else(String::new, |s| format!(" ({})", s.edition))
            ),
            "Low, central and high cases cut each saving by the top of its evidence grade's band, by its grade, and not at all.".to_owned(),
            "Value for money is read from the net present value, the returns, payback and who benefits, side by side (Green Book 2026): no single ratio decides it.".to_owned(),
        ]
        .into_iter()
        .chain(sensitivity.map(|s| {
            format!(
                "The sensitivity test works the central case out again with the {} schedule with no pure time preference ({}), everything else equal.",
                s.edition,
                schedule_label(s)
            )
        }))
        .collect(),
        chart: Some(Chart {
            title: "Fiscal savings by agency, present value".to_owned(),
            table: "savingsByAgency".to_owned(),
            label_column: 0,
            value_column: 1,
        }),
        tables: [assumptions, headline]
            .into_iter()
            .chain(sensitivity_table)
            .chain([by_agency, years])
            .collect(),
    }
}
