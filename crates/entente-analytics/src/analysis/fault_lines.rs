//! Fault lines: the events against the grain of the relationship (conflict in a cooperative one,
//! cooperation in a conflictual one), by domain and by period and domain, with examples.

use super::key_events::{key_event, Cluster, KeyEvent};
use super::{AnalysisOptions, Stats};
use crate::domain::Domain;
use crate::input::{EventRow, Granularity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the relationship mostly is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Character {
    /// Cooperative share ≥ 1/2: fault lines are the conflict events.
    Cooperative,
    /// Cooperative share < 1/2: fault lines are the cooperative events.
    Conflictual,
    /// No events.
    Unknown,
}

/// Events against the grain of the relationship in one period and domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultGroup {
    /// The period.
    pub period: String,
    /// The domain.
    pub domain: Domain,
    /// Events against the grain.
    pub events: u64,
    /// Their Goldstein sum.
    pub goldstein_sum: f64,
    /// The most salient of them.
    pub examples: Vec<KeyEvent>,
}

/// Conflict inside a cooperative relationship, or cooperation inside a conflictual one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultLines {
    /// What the relationship mostly is.
    pub character: Character,
    /// Events against the grain.
    pub events: u64,
    /// Their share of all events.
    pub share: Option<f64>,
    /// Against-the-grain events by domain.
    pub by_domain: BTreeMap<Domain, u64>,
    /// Groups by period and domain, largest first.
    pub groups: Vec<FaultGroup>,
}

/// The fault lines of the pair's `events`, whose figures are `both`.
pub(super) fn fault_lines(
    events: &[EventRow],
    clusters: &[Cluster],
    both: &Stats,
    g: Granularity,
    opts: &AnalysisOptions,
) -> FaultLines {
    let character = match both.cooperative_share {
        None => Character::Unknown,
        Some(s) if s >= 0.5 => Character::Cooperative,
        Some(_) => Character::Conflictual,
    };
    let against = |q: u8| match character {
        Character::Cooperative => q >= 3,
        Character::Conflictual => (1..=2).contains(&q),
        Character::Unknown => false,
    };
    let mut groups: BTreeMap<(String, Domain), (u64, f64)> = BTreeMap::new();
    let mut by_domain: BTreeMap<Domain, u64> = BTreeMap::new();
    let mut total = 0;
    for e in events.iter().filter(|e| against(e.quad_class)) {
        let d = Domain::of(&e.code);
        let entry = groups.entry((g.label(e.date), d)).or_default();
        entry.0 += 1;
        entry.1 += e.goldstein;
        *by_domain.entry(d).or_default() += 1;
        total += 1;
    }
    let mut list: Vec<_> = groups.into_iter().collect();
    // Largest first; ties: the most intense (lowest Goldstein sum for conflict), then earliest.
    list.sort_by(|x, y| y.1 .0.cmp(&x.1 .0).then(x.1 .1.abs().total_cmp(&y.1 .1.abs()).reverse()).then(x.0.cmp(&y.0)));
    let groups = list
        .into_iter()
        .take(opts.fault_groups)
        .map(|((period, domain), (n, gs))| FaultGroup {
            examples: clusters
                .iter()
                .filter(|c| {
                    let e = &events[c.rep];
                    against(e.quad_class) && Domain::of(&e.code) == domain && g.label(e.date) == period
                })
                .take(opts.examples)
                .map(|c| key_event(events, c))
                .collect(),
            period,
            domain,
            events: n,
            goldstein_sum: gs,
        })
        .collect();
    FaultLines {
        character,
        events: total,
        share: (both.events > 0).then(|| total as f64 / both.events as f64),
        by_domain,
        groups,
    }
}
