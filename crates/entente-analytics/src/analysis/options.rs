//! How big an analysis may be and what it lists: the series' period limit and the thresholds
//! and list lengths of [`AnalysisOptions`].

use serde::{Deserialize, Serialize};

/// Most periods a series may have (27 years of days).
pub const MAX_PERIODS: usize = 10_000;

/// Thresholds and list lengths of an analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisOptions {
    /// Key events listed.
    pub key_events: usize,
    /// Cited events per domain and per fault-line group.
    pub examples: usize,
    /// Partners listed per side.
    pub partners: usize,
    /// Fault-line groups listed.
    pub fault_groups: usize,
    /// A side's relation with a third country counts for triads only with at least this many
    /// events.
    pub triad_min_events: u64,
    /// A relation is cooperative when at least this share of its events is cooperative (quad 1–2).
    pub cooperative_threshold: f64,
    /// A relation is conflictual when at least this share of its events is conflict (quad 3–4).
    pub conflict_threshold: f64,
    /// Two reports of one (date, source country, target country, code) are one event when the
    /// Jaccard similarity of their word sets is at least this (or both have no text).
    pub near_duplicate: f64,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            key_events: 20,
            examples: 3,
            partners: 10,
            fault_groups: 12,
            triad_min_events: 5,
            cooperative_threshold: 0.6,
            conflict_threshold: 0.5,
            near_duplicate: 0.8,
        }
    }
}
