//! Payment-by-results claims over the cohort: a [`FamilyStep`].
//!
//! A family whose rows give an `attachment_date` is claimed for exactly as
//! `claimPayment` claims for it ([`claims::claim`]): the pack's payment
//! parameters in force on the attachment date, the family record assessed on
//! its assessment date (the claim date), the progress to work and the
//! outcomes-plan progress its rows record. A family without an attachment
//! date is not claimed for (it is counted as such). A claim that cannot be
//! worked out (an attachment after the claim date, progress recorded for a
//! child) rejects the family like a bad row, naming the cell.
//!
//! The step keeps totals only: per payment, the families paid and the
//! amount; per result, how many families stand at each check. Amounts are
//! the claims' own penny amounts added up, so the table adds up to the
//! claims' total exactly.

use super::sections::col;
use super::{Assessed, Context, FamilyStep};
use crate::claims::{
    self, Check, Claim, ClaimFacts, NeedOutcome, OutcomeProgress, Phase, ProgressToWork,
};
use crate::date::Date;
use crate::error::{Error, ErrorCode, Result};
use crate::money::Money;
use crate::report::{format_count, format_counted, format_money, Cell, CellKind, Section, Table};
use crate::rules::{DecisionPlan, Pack, Status};

/// What a family's rows say about its claim.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimInput {
    /// The day the family was attached to the programme (`attachment_date`).
    pub attachment: Option<Date>,
    /// Progress to work recorded for its adults (`progress_to_work`, phase 1).
    pub progress_to_work: Vec<ProgressToWork>,
    /// Progress against the outcomes plan (`outcomes_progress`, phase 2).
    pub outcomes_plan: Vec<OutcomeProgress>,
    /// The day the case closed (`case_closure_date`, 2022 framework).
    pub closure: Option<Date>,
    /// Each need's positive outcome (`need_outcomes`, 2022 framework).
    pub need_outcomes: Vec<NeedOutcome>,
    /// The day a need's positive outcome lapsed (`outcomes_lapsed`): the
    /// need and the day, set on its outcomes when the claim is worked out.
    pub lapses: Vec<(String, Date)>,
}

impl ClaimInput {
    /// Empties it for the next family.
    pub fn clear(&mut self) {
        self.attachment = None;
        self.progress_to_work.clear();
        self.outcomes_plan.clear();
        self.closure = None;
        self.need_outcomes.clear();
        self.lapses.clear();
    }
}

/// One result's totals.
#[derive(Debug, Clone)]
struct ResultTotals {
    id: String,
    title: String,
    /// Families paid for it, and the amount.
    paid_families: u64,
    paid: Money,
    /// Families at each check: met, not yet, not met, missing evidence, not relevant.
    checks: [u64; 5],
}

/// The claims step.
#[derive(Debug)]
pub struct Claims {
    plan: DecisionPlan,
    phase: Option<Phase>,
    pending: Option<Claim>,
    /// Families with an attachment date.
    claimed: u64,
    /// Of those, in the programme on their attachment date.
    in_programme: u64,
    /// Families whose results were cut to the family maximum.
    capped: u64,
    attachment_families: u64,
    attachment: Money,
    results: Vec<ResultTotals>,
    total: Money,
}

fn check_index(check: Check) -> usize {
    match check {
        Check::Met => 0,
        Check::NotYet => 1,
        Check::NotMet => 2,
        Check::Missing => 3,
        Check::NotRelevant => 4,
    }
}

impl Claims {
    /// A claims step under `pack` (its payment parameters).
    pub fn new(pack: Pack) -> Result<Self> {
        Ok(Self {
            phase: Phase::of(&pack).ok(),
            plan: DecisionPlan::new(pack)?,
            pending: None,
            claimed: 0,
            in_programme: 0,
            capped: 0,
            attachment_families: 0,
            attachment: Money::ZERO,
            results: Vec::new(),
            total: Money::ZERO,
        })
    }
}

impl FamilyStep for Claims {
    fn check(&mut self, family: &Assessed<'_>) -> Result<()> {
        self.pending = None;
        let input = family.claim;
        let Some(attachment) = input.attachment else {
            if !input.progress_to_work.is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    "Progress to work is recorded, but the family has no attachment_date: give it, so that its claim can be worked out.",
                )
                .at("progressToWork[0]"));
            }
            if !input.outcomes_plan.is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    "Outcomes-plan progress is recorded, but the family has no attachment_date: give it, so that its claim can be worked out.",
                )
                .at("outcomesPlan"));
            }
            if !input.need_outcomes.is_empty()
                || input.closure.is_some()
                || !input.lapses.is_empty()
            {
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    "A case closure or need outcomes are recorded, but the family has no attachment_date: give it, so that its claim can be worked out.",
                )
                .at(if input.closure.is_some() { "caseClosureDate" } else { "needOutcomes" }));
            }
            return Ok(());
        };
        let mut need_outcomes = input.need_outcomes.clone();
        for (need, day) in &input.lapses {
            let outcome = need_outcomes.iter_mut().find(|o| &o.need == need);
            match outcome {
                Some(o) => o.lapsed = Some(*day),
                None => {
                    return Err(Error::new(
                        ErrorCode::InvalidField,
                        format!("A lapse is recorded for \"{need}\", but no outcome is recorded for it in need_outcomes."),
                    )
                    .at("needOutcomes[0].lapsedDate"))
                }
            }
        }
        let facts = ClaimFacts {
            family: family.family.clone(),
            attachment,
            progress_to_work: input.progress_to_work.clone(),
            outcomes_plan: input.outcomes_plan.clone(),
            closure: input.closure,
            need_outcomes,
            earned_autonomy: false,
        };
        // The claim checker's own checks; the family is rejected at the first.
        if let Some(problem) = facts.problems(self.plan.pack()).into_iter().next() {
            return Err(problem);
        }
        let claim = claims::claim_with_plan(&self.plan, &facts).map_err(|e| {
            if e.path().is_some() {
                e
            } else {
                e.at("attachmentDate")
            }
        })?;
        self.pending = Some(claim);
        Ok(())
    }

    fn add(&mut self, _family: &Assessed<'_>) -> Result<()> {
        let Some(claim) = self.pending.take() else {
            return Ok(());
        };
        self.claimed = self.claimed.saturating_add(1);
        if claim.status_at_attachment != Status::NotEligible {
            self.in_programme = self.in_programme.saturating_add(1);
        }
        if !claim.capped.is_zero() {
            self.capped = self.capped.saturating_add(1);
        }
        if !claim.attachment_paid.is_zero() {
            self.attachment_families = self.attachment_families.saturating_add(1);
            self.attachment = self.attachment.checked_add(claim.attachment_paid)?;
        }
        for route in &claim.routes {
            let at = match self.results.iter().position(|r| r.id == route.result.id) {
                Some(at) => at,
                None => {
                    self.results.push(ResultTotals {
                        id: route.result.id.clone(),
                        title: route.result.title.clone(),
                        paid_families: 0,
                        paid: Money::ZERO,
                        checks: [0; 5],
                    });
                    self.results.len().saturating_sub(1)
                }
            };
            if let Some(r) = self.results.get_mut(at) {
                if let Some(n) = r.checks.get_mut(check_index(route.result.check)) {
                    *n = n.saturating_add(1);
                }
                if !route.paid.is_zero() {
                    r.paid_families = r.paid_families.saturating_add(1);
                    r.paid = r.paid.checked_add(route.paid)?;
                }
            }
        }
        self.total = self.total.checked_add(claim.total)?;
        Ok(())
    }

    fn sections(&self, cx: &Context<'_>) -> Result<Vec<Section>> {
        // A file without attachment dates claims for nobody: no section.
        if self.claimed == 0 {
            return Ok(Vec::new());
        }
        let phase = match self.phase {
            Some(p) => p.describe(),
            None => "no payment-by-results scheme",
        };
        let mut text = vec![
            format!(
                "Claims under payment by results, worked out for each family whose rows give an attachment date as the claim checker works them out: the pack {} pays under {phase}, at the rates in force on each family's attachment date; each family's assessment date is its claim date.",
                cx.pack.id
            ),
            format!(
                "{} of the {} processed {} an attachment date; {} in the programme on it. Families without an attachment date are not claimed for.",
                format_count(self.claimed),
                format_counted(cx.totals.families, "family", "families"),
                if self.claimed == 1 { "has" } else { "have" },
                format_counted(self.in_programme, "was", "were"),
            ),
        ];
        if self.phase == Some(Phase::GrantOnly) {
            text.push(claims::results_ended(cx.pack, cx.pack.valid_from));
        }
        if self.capped > 0 {
            text.push(format!(
                "{} results were cut so that their claims stay within the family maximum.",
                format_counted(self.capped, "family's", "families'")
            ));
        }
        text.push(format!(
            "Total claimable on these claim dates: {}.",
            format_money(self.total)
        ));
        let mut rows = vec![vec![
            Cell::text("Attachment fees"),
            Cell::Count(self.attachment_families),
            Cell::Money(self.attachment),
        ]];
        for r in &self.results {
            rows.push(vec![
                Cell::text(r.title.clone()),
                Cell::Count(r.paid_families),
                Cell::Money(r.paid),
            ]);
        }
        let by_type = Table {
            id: "claimsByType".to_owned(),
            caption: "Claims by payment".to_owned(),
            columns: vec![
                col("payment", "Payment", CellKind::Text),
                col("families", "Families paid", CellKind::Count),
                col("amount", "Amount", CellKind::Money),
            ],
            rows,
            totals: Some(vec![
                Cell::text("Total"),
                // A family is paid for several payments: the families do not add up.
                Cell::Empty,
                Cell::Money(self.total),
            ]),
        };
        let by_check = Table {
            id: "claimResults".to_owned(),
            caption: "Where each result stands on the claim dates (families)".to_owned(),
            columns: vec![
                col("result", "Result", CellKind::Text),
                col("met", "Met", CellKind::Count),
                col("notYet", "Period not yet ended", CellKind::Count),
                col("notMet", "Not met", CellKind::Count),
                col("missingEvidence", "Evidence missing", CellKind::Count),
                col("notRelevant", "Not relevant", CellKind::Count),
            ],
            rows: self
                .results
                .iter()
                .map(|r| {
                    let mut row = vec![Cell::text(r.title.clone())];
                    row.extend(r.checks.iter().map(|&n| Cell::Count(n)));
                    row
                })
                .collect(),
            totals: None,
        };
        Ok(vec![Section {
            id: "claims".to_owned(),
            title: "Payment-by-results claims".to_owned(),
            text,
            chart: None,
            tables: vec![by_type, by_check],
        }])
    }
}
