//! Turning points: changes of level in the cooperative share and in the volume of events (exact
//! segmentation, `changepoint`), each with the domain that changed most.

use super::Period;
use crate::changepoint;
use crate::domain::Domain;
use entente_core::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which series a turning point is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendSeries {
    /// Share of cooperative events (periods with at least one event).
    CooperativeShare,
    /// Events per period.
    Volume,
}

/// The domain whose events per period changed most at a turning point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainShift {
    /// The domain.
    pub domain: Domain,
    /// Its events per period in the segment before.
    pub before: f64,
    /// Its events per period in the segment after.
    pub after: f64,
}

/// A change in the level of a series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurningPoint {
    /// The series.
    pub series: TrendSeries,
    /// The first period of the new level.
    pub period: String,
    /// Its first day.
    pub date: Date,
    /// Mean level over the segment before (a share 0–1, or events per period).
    pub before: f64,
    /// Mean level over the segment after.
    pub after: f64,
    /// First period of the segment before.
    pub before_from: String,
    /// Last period of the segment after.
    pub after_to: String,
    /// The domain that changed most between the two segments (events per period).
    pub domain_shift: Option<DomainShift>,
}

/// Change points in the cooperative share (periods with events) and in the volume (every
/// period, on the square-root scale that makes count noise roughly constant; levels are
/// reported back in events per period).
pub(super) fn turning_points(series: &[Period], domain_by_period: &[BTreeMap<Domain, u64>]) -> Vec<TurningPoint> {
    let mut out = vec![];
    let shift = |from: usize, mid: usize, to: usize| -> Option<DomainShift> {
        let rate = |d: Domain, s: usize, t: usize| {
            domain_by_period[s..t].iter().map(|m| m.get(&d).copied().unwrap_or(0)).sum::<u64>() as f64
                / (t - s).max(1) as f64
        };
        Domain::ALL
            .iter()
            .map(|&d| DomainShift { domain: d, before: rate(d, from, mid), after: rate(d, mid, to) })
            .filter(|s| s.before != s.after)
            .max_by(|x, y| (x.after - x.before).abs().total_cmp(&(y.after - y.before).abs()))
    };

    // Cooperative share over the periods that have events.
    let idx: Vec<usize> = (0..series.len()).filter(|&i| series[i].stats.both.events > 0).collect();
    let share: Vec<f64> = idx.iter().map(|&i| series[i].stats.both.cooperative_share.unwrap_or(0.0)).collect();
    let cps = changepoint::segment(&share, changepoint::Options { min_len: 2, min_sigma: 0.05 });
    let bounds: Vec<usize> = std::iter::once(0).chain(cps.iter().copied()).chain([share.len()]).collect();
    for w in bounds.windows(3) {
        let (s, m, t) = (w[0], w[1], w[2]);
        out.push(TurningPoint {
            series: TrendSeries::CooperativeShare,
            period: series[idx[m]].period.clone(),
            date: series[idx[m]].start,
            before: changepoint::mean(&share[s..m]),
            after: changepoint::mean(&share[m..t]),
            before_from: series[idx[s]].period.clone(),
            after_to: series[idx[t - 1]].period.clone(),
            domain_shift: shift(idx[s], idx[m], idx[t - 1] + 1),
        });
    }

    // Volume.
    let counts: Vec<f64> = series.iter().map(|p| p.stats.both.events as f64).collect();
    let root: Vec<f64> = counts.iter().map(|c| (c + 0.375).sqrt()).collect();
    let cps = changepoint::segment(&root, changepoint::Options { min_len: 2, min_sigma: 0.25 });
    let bounds: Vec<usize> = std::iter::once(0).chain(cps.iter().copied()).chain([counts.len()]).collect();
    for w in bounds.windows(3) {
        let (s, m, t) = (w[0], w[1], w[2]);
        out.push(TurningPoint {
            series: TrendSeries::Volume,
            period: series[m].period.clone(),
            date: series[m].start,
            before: changepoint::mean(&counts[s..m]),
            after: changepoint::mean(&counts[m..t]),
            before_from: series[s].period.clone(),
            after_to: series[t - 1].period.clone(),
            domain_shift: shift(s, m, t),
        });
    }
    out.sort_by(|x, y| x.date.cmp(&y.date).then((x.series as u8).cmp(&(y.series as u8))));
    out
}
