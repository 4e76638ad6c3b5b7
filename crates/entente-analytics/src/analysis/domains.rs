//! The pair's events per domain: counts per direction, share, most frequent codes and the most
//! salient events to cite.

use super::key_events::{key_event, Cluster, KeyEvent};
use super::{AnalysisOptions, Directions, Stats};
use crate::domain::Domain;
use crate::input::EventRow;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A CAMEO code and how often it occurs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeCount {
    /// The code.
    pub code: String,
    /// CAMEO's name for it.
    pub name: String,
    /// Events with it.
    pub events: u64,
}

/// The pair's events in one domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainSummary {
    /// The domain.
    pub domain: Domain,
    /// Counts, per direction.
    pub stats: Directions<Stats>,
    /// Share of all the pair's events.
    pub share: f64,
    /// Most frequent codes, at most 5.
    pub top_codes: Vec<CodeCount>,
    /// Most salient events, for citing.
    pub examples: Vec<KeyEvent>,
}

/// One summary per domain, in [`Domain::ALL`] order. `volume` is A's and B's combined volume;
/// `n` the pair's events (at least 1), for the shares.
pub(super) fn summaries(
    mut domain_stats: BTreeMap<Domain, Directions<Stats>>,
    mut domain_codes: BTreeMap<Domain, BTreeMap<String, u64>>,
    volume: u64,
    n: f64,
    events: &[EventRow],
    clusters: &[Cluster],
    opts: &AnalysisOptions,
) -> Vec<DomainSummary> {
    Domain::ALL
        .iter()
        .map(|&d| {
            let mut stats = domain_stats.remove(&d).unwrap_or_default();
            stats.finish(volume);
            let mut top: Vec<(String, u64)> = domain_codes.remove(&d).unwrap_or_default().into_iter().collect();
            top.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            let top_codes = top
                .into_iter()
                .take(5)
                .map(|(code, events)| CodeCount {
                    name: entente_core::cameo::lookup(&code).map(|i| i.name.to_string()).unwrap_or_default(),
                    code,
                    events,
                })
                .collect();
            let examples = clusters
                .iter()
                .filter(|c| Domain::of(&events[c.rep].code) == d)
                .take(opts.examples)
                .map(|c| key_event(events, c))
                .collect();
            DomainSummary { domain: d, share: stats.both.events as f64 / n, stats, top_codes, examples }
        })
        .collect()
}
