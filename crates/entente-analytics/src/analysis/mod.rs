//! [`analyze`]: a [`DyadInput`] into a [`DyadAnalysis`].
//!
//! This module checks the input, counts the pair's events per period, domain and direction, and
//! puts the analysis together; each part of it is computed in its own file:
//!
//! - `options`: thresholds and list lengths, and the series' period limit;
//! - `stats`: the figures of a set of events, per direction;
//! - `series`: the periods of the series;
//! - `domains`: the per-domain summaries;
//! - `key_events`: near-duplicate reports merged, ranked by salience;
//! - `turning_points`: changes of level in the cooperative share and the volume;
//! - `fault_lines`: events against the grain of the relationship;
//! - `third_parties`: partners and divergent triads.

mod domains;
mod fault_lines;
mod key_events;
mod options;
mod series;
mod stats;
#[cfg(test)]
mod tests;
mod third_parties;
mod turning_points;

pub use domains::{CodeCount, DomainSummary};
pub use fault_lines::{Character, FaultGroup, FaultLines};
pub use key_events::KeyEvent;
pub use options::{AnalysisOptions, MAX_PERIODS};
pub use series::Period;
pub use stats::{Directions, Stats};
pub use third_parties::{Partner, ThirdParties, Triad};
pub use turning_points::{DomainShift, TrendSeries, TurningPoint};

use crate::domain::Domain;
use crate::input::{DyadInput, EventRow, Granularity};
use crate::{Error, Result};
use entente_core::Date;
use key_events::{cluster, key_event};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How the figures were obtained.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Methods {
    /// Events analysed.
    pub events: u64,
    /// Events per dataset.
    pub datasets: BTreeMap<String, u64>,
    /// The store's dedup policy.
    pub dedup: String,
    /// Distinct events after merging near-duplicate reports (for key events and examples).
    pub distinct_events: u64,
    /// Periods in the series.
    pub periods: usize,
    /// Where the events came from. Untrusted text.
    pub provenance: Vec<String>,
    /// Coded events left out for a confidence below a threshold ([`DyadInput::confidence_cut`]).
    #[serde(default)]
    pub confidence_cut: Option<crate::input::ConfidenceCut>,
    /// The options used.
    pub options: AnalysisOptions,
}

/// How A and B get along: everything a guide reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DyadAnalysis {
    /// Country A (ISO3).
    pub a: String,
    /// Country B (ISO3).
    pub b: String,
    /// First day asked for.
    pub from: Option<Date>,
    /// Last day asked for.
    pub to: Option<Date>,
    /// Date of the first event.
    pub first_event: Option<Date>,
    /// Date of the last event.
    pub last_event: Option<Date>,
    /// Period width of the series.
    pub granularity: Granularity,
    /// Figures over the whole range; normalised by the volume over the series' periods.
    pub totals: Directions<Stats>,
    /// A's and B's volume over the series' periods.
    pub volume: (u64, u64),
    /// One row per period, empty periods included.
    pub series: Vec<Period>,
    /// Per domain, in [`Domain::ALL`] order.
    pub domains: Vec<DomainSummary>,
    /// Changes of level, in date order.
    pub turning_points: Vec<TurningPoint>,
    /// Events against the grain.
    pub fault_lines: FaultLines,
    /// Who else is involved.
    pub third_parties: ThirdParties,
    /// The most salient events, de-duplicated.
    pub key_events: Vec<KeyEvent>,
    /// What the news says beyond counts: themes, figures, named things, quotes, places.
    #[serde(default)]
    pub knowledge: crate::knowledge::KnowledgeSummary,
    /// How the figures were obtained.
    pub methods: Methods,
}

/// The pair's events counted once over: in total, per domain, per period and per dataset.
#[derive(Default)]
struct Tally {
    totals: Directions<Stats>,
    domain_stats: BTreeMap<Domain, Directions<Stats>>,
    domain_codes: BTreeMap<Domain, BTreeMap<String, u64>>,
    domain_by_period: Vec<BTreeMap<Domain, u64>>,
    datasets: BTreeMap<String, u64>,
}

fn is_iso3(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Analyses the pair: series, domains, turning points, fault lines, third parties, key events.
///
/// Rows whose countries are not A→B or B→A are ignored, as are rows outside `from`–`to`.
pub fn analyze(input: &DyadInput, opts: &AnalysisOptions) -> Result<DyadAnalysis> {
    check(input)?;
    let (a, b) = (input.a.as_str(), input.b.as_str());
    let g = input.granularity;
    let events = pair_events(input);
    let first_event = events.first().map(|e| e.date);
    let last_event = events.last().map(|e| e.date);
    let (mut series, index) = series::periods(input, first_event, last_event)?;
    let mut tally = tally(&events, a, g, &index, &mut series);
    let volume = (series.iter().map(|p| p.volume_a).sum::<u64>(), series.iter().map(|p| p.volume_b).sum::<u64>());
    tally.totals.finish(volume.0 + volume.1);
    for p in &mut series {
        p.stats.finish(p.volume_a + p.volume_b);
    }

    let clusters = cluster(&events, opts.near_duplicate);
    let key_events: Vec<KeyEvent> = clusters.iter().take(opts.key_events).map(|c| key_event(&events, c)).collect();

    let Tally { totals, domain_stats, domain_codes, domain_by_period, datasets } = tally;
    let n = totals.both.events.max(1) as f64;
    let domains = domains::summaries(domain_stats, domain_codes, volume.0 + volume.1, n, &events, &clusters, opts);

    let turning_points = turning_points::turning_points(&series, &domain_by_period);
    let fault_lines = fault_lines::fault_lines(&events, &clusters, &totals.both, g, opts);
    let third_parties = third_parties::third_parties(input, opts);

    let methods = Methods {
        events: totals.both.events,
        datasets,
        dedup: input.dedup.clone(),
        distinct_events: clusters.len() as u64,
        periods: series.len(),
        provenance: input.provenance.clone(),
        confidence_cut: input.confidence_cut,
        options: opts.clone(),
    };
    Ok(DyadAnalysis {
        a: a.to_string(),
        b: b.to_string(),
        from: input.from,
        to: input.to,
        first_event,
        last_event,
        granularity: g,
        totals,
        volume,
        series,
        domains,
        turning_points,
        fault_lines,
        third_parties,
        key_events,
        knowledge: crate::knowledge::summarise(&input.knowledge, a, b, g, &crate::knowledge::KnowledgeLimits::default()),
        methods,
    })
}

/// The pair's countries must be two different ISO3 codes, and `from` not after `to`.
fn check(input: &DyadInput) -> Result<()> {
    let (a, b) = (input.a.as_str(), input.b.as_str());
    if !is_iso3(a) || !is_iso3(b) {
        return Err(Error::Input(format!("{a:?}, {b:?}: expected two ISO3 country codes")));
    }
    if a == b {
        return Err(Error::Input(format!("{a} and {b}: a pair needs two different countries")));
    }
    if let (Some(f), Some(t)) = (input.from, input.to) {
        if f > t {
            return Err(Error::Input(format!("from {f} is after to {t}")));
        }
    }
    Ok(())
}

/// The events A→B and B→A within `from`–`to`, by date.
fn pair_events(input: &DyadInput) -> Vec<EventRow> {
    let (a, b) = (input.a.as_str(), input.b.as_str());
    let in_range = |d: Date| input.from.is_none_or(|f| d >= f) && input.to.is_none_or(|t| d <= t);
    let mut events: Vec<EventRow> = input
        .events
        .iter()
        .filter(|e| {
            in_range(e.date)
                && ((e.source_country == a && e.target_country == b)
                    || (e.source_country == b && e.target_country == a))
        })
        .cloned()
        .collect();
    events.sort_by_key(|e| e.date);
    events
}

/// Counts `events` (A→B when the source is `a`) in total, per domain and dataset, and into the
/// periods of `series` (`index`: label to period).
fn tally(events: &[EventRow], a: &str, g: Granularity, index: &HashMap<String, usize>, series: &mut [Period]) -> Tally {
    let mut t = Tally { domain_by_period: vec![BTreeMap::new(); series.len()], ..Tally::default() };
    for e in events {
        let forward = e.source_country == a;
        t.totals.add(e, forward);
        let d = Domain::of(&e.code);
        t.domain_stats.entry(d).or_default().add(e, forward);
        *t.domain_codes.entry(d).or_default().entry(e.code.clone()).or_default() += 1;
        *t.datasets.entry(e.dataset.clone()).or_default() += 1;
        if let Some(&i) = index.get(&g.label(e.date)) {
            series[i].stats.add(e, forward);
            *t.domain_by_period[i].entry(d).or_default() += 1;
        }
    }
    t
}
