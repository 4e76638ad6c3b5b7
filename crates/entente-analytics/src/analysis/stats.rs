//! The figures of a set of events: counts by quad class and root, Goldstein sum and mean,
//! cooperative share and rates per 1,000 events of the pair's combined volume; per direction.

use crate::input::EventRow;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Counts and Goldstein figures of a set of events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Number of events.
    pub events: u64,
    /// Events by quad class: verbal cooperation, material cooperation, verbal conflict,
    /// material conflict.
    pub quad: [u64; 4],
    /// Events by CAMEO root.
    pub roots: BTreeMap<String, u64>,
    /// Sum of Goldstein values.
    pub goldstein_sum: f64,
    /// Mean Goldstein value (`None` without events).
    pub goldstein_mean: Option<f64>,
    /// Share of events in quad classes 1–2 (`None` without events).
    pub cooperative_share: Option<f64>,
    /// Events per 1,000 events of A's and B's combined volume (`None` when the volume is 0 or
    /// unknown).
    pub events_per_1000: Option<f64>,
    /// Cooperative events per 1,000 of the combined volume.
    pub cooperative_per_1000: Option<f64>,
    /// Conflict events per 1,000 of the combined volume.
    pub conflict_per_1000: Option<f64>,
    /// Goldstein sum per 1,000 events of the combined volume.
    pub goldstein_per_1000: Option<f64>,
}

impl Stats {
    pub(super) fn add(&mut self, e: &EventRow) {
        self.events += 1;
        if (1..=4).contains(&e.quad_class) {
            self.quad[usize::from(e.quad_class) - 1] += 1;
        }
        *self.roots.entry(e.root.clone()).or_default() += 1;
        self.goldstein_sum += e.goldstein;
    }

    /// Cooperative events (quad 1–2).
    pub fn cooperative(&self) -> u64 {
        self.quad[0] + self.quad[1]
    }

    /// Conflict events (quad 3–4).
    pub fn conflict(&self) -> u64 {
        self.quad[2] + self.quad[3]
    }

    pub(super) fn finish(&mut self, volume: u64) {
        if self.events > 0 {
            let n = self.events as f64;
            self.goldstein_mean = Some(self.goldstein_sum / n);
            let classified = (self.cooperative() + self.conflict()) as f64;
            self.cooperative_share = (classified > 0.0).then(|| self.cooperative() as f64 / classified);
        }
        if volume > 0 {
            let per = |x: f64| Some(x * 1000.0 / volume as f64);
            self.events_per_1000 = per(self.events as f64);
            self.cooperative_per_1000 = per(self.cooperative() as f64);
            self.conflict_per_1000 = per(self.conflict() as f64);
            self.goldstein_per_1000 = per(self.goldstein_sum);
        }
    }
}

/// One figure for both directions and for each.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Directions<T> {
    /// A→B and B→A together.
    pub both: T,
    /// A as source, B as target.
    pub a_to_b: T,
    /// B as source, A as target.
    pub b_to_a: T,
}

impl Directions<Stats> {
    pub(super) fn add(&mut self, e: &EventRow, a_to_b: bool) {
        self.both.add(e);
        if a_to_b {
            self.a_to_b.add(e)
        } else {
            self.b_to_a.add(e)
        }
    }
    pub(super) fn finish(&mut self, volume: u64) {
        self.both.finish(volume);
        self.a_to_b.finish(volume);
        self.b_to_a.finish(volume);
    }
}
