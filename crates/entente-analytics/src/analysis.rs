//! [`analyze`]: a [`DyadInput`] into a [`DyadAnalysis`].

use crate::changepoint;
use crate::domain::Domain;
use crate::input::{DyadInput, EventRow, Granularity};
use crate::{Error, Result};
use entente_core::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

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
    fn add(&mut self, e: &EventRow) {
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

    fn finish(&mut self, volume: u64) {
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
    fn add(&mut self, e: &EventRow, a_to_b: bool) {
        self.both.add(e);
        if a_to_b {
            self.a_to_b.add(e)
        } else {
            self.b_to_a.add(e)
        }
    }
    fn finish(&mut self, volume: u64) {
        self.both.finish(volume);
        self.a_to_b.finish(volume);
        self.b_to_a.finish(volume);
    }
}

/// One period of the series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    /// Its label: `YYYY-MM` for months, the first day for weeks and days.
    pub period: String,
    /// Its first day.
    pub start: Date,
    /// The pair's events in it.
    pub stats: Directions<Stats>,
    /// All events of A in it.
    pub volume_a: u64,
    /// All events of B in it.
    pub volume_b: u64,
}

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

/// One side's relations with a third country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Partner {
    /// The third country.
    pub country: String,
    /// Events, both directions.
    pub events: u64,
    /// Cooperative events (quad 1–2).
    pub cooperative: u64,
    /// Conflict events (quad 3–4).
    pub conflict: u64,
    /// Goldstein sum.
    pub goldstein_sum: f64,
    /// Cooperative share.
    pub cooperative_share: f64,
}

/// A third country one side cooperates with while the other is in conflict with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Triad {
    /// The third country.
    pub country: String,
    /// The side that cooperates with it.
    pub cooperating: String,
    /// That side's relation with it.
    pub cooperating_relation: Partner,
    /// The side in conflict with it.
    pub conflicting: String,
    /// That side's relation with it.
    pub conflicting_relation: Partner,
}

/// Who else is involved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThirdParties {
    /// A's most frequent partners other than B.
    pub of_a: Vec<Partner>,
    /// B's most frequent partners other than A.
    pub of_b: Vec<Partner>,
    /// Divergent triads, most events first.
    pub triads: Vec<Triad>,
}

/// One event after de-duplication, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyEvent {
    /// Date.
    pub date: Date,
    /// Dataset of the representative report.
    pub dataset: String,
    /// Source actor code.
    pub source: Option<String>,
    /// Source actor name.
    pub source_name: Option<String>,
    /// Source country.
    pub source_country: String,
    /// Target actor code.
    pub target: Option<String>,
    /// Target actor name.
    pub target_name: Option<String>,
    /// Target country.
    pub target_country: String,
    /// CAMEO code.
    pub code: String,
    /// CAMEO's name of the code.
    pub code_name: String,
    /// Quad class.
    pub quad_class: u8,
    /// Goldstein value.
    pub goldstein: f64,
    /// Domain.
    pub domain: Domain,
    /// The sentence, when the dataset has it. Untrusted text.
    pub text: Option<String>,
    /// The representative report's document id or URL. Untrusted text.
    pub document: Option<String>,
    /// Distinct documents of all merged reports (at most 5). Untrusted text.
    pub documents: Vec<String>,
    /// Stored rows merged into this event.
    pub reports: u64,
    /// GDELT mentions summed over the merged rows.
    pub mentions: u64,
    /// GDELT sources summed over the merged rows.
    pub sources: u64,
    /// The salience score it was ranked by.
    pub salience: f64,
}

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
    /// How the figures were obtained.
    pub methods: Methods,
}

/// Reports of one event: same date, direction and code, near-same text.
struct Cluster {
    rows: Vec<usize>,
    rep: usize,
    salience: f64,
}

fn words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    w.sort();
    w.dedup();
    w
}

/// Jaccard similarity of two sorted, de-duplicated word lists.
fn jaccard(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (a.len() + b.len() - both) as f64
}

/// Groups near-duplicate reports and scores each group.
///
/// Salience = |Goldstein| + 3·ln(reports) + ln(1 + Σ sources) + ln(1 + Σ mentions): intensity
/// first, then how widely the event was reported (the number of stored rows that describe it,
/// and GDELT's source and mention counts where the dataset has them).
fn cluster(events: &[EventRow], threshold: f64) -> Vec<Cluster> {
    let mut by_key: HashMap<(Date, &str, &str, &str), Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        by_key
            .entry((e.date, e.source_country.as_str(), e.target_country.as_str(), e.code.as_str()))
            .or_default()
            .push(i);
    }
    let mut keys: Vec<_> = by_key.into_iter().collect();
    keys.sort_by(|x, y| x.0.cmp(&y.0));
    let mut out = vec![];
    for (_, rows) in keys {
        // (word set or None for no text, rows)
        let mut groups: Vec<(Option<Vec<String>>, Vec<usize>)> = vec![];
        for i in rows {
            let w = events[i].text.as_deref().map(words);
            let found = groups.iter_mut().find(|(gw, _)| match (gw, &w) {
                (None, None) => true,
                (Some(x), Some(y)) => jaccard(x, y) >= threshold,
                _ => false,
            });
            match found {
                Some((_, g)) => g.push(i),
                None => groups.push((w, vec![i])),
            }
        }
        for (_, rows) in groups {
            let sources: u64 = rows.iter().map(|&i| u64::from(events[i].sources.unwrap_or(0))).sum();
            let mentions: u64 = rows.iter().map(|&i| u64::from(events[i].mentions.unwrap_or(0))).sum();
            let g = events[rows[0]].goldstein.abs();
            let salience = g
                + 3.0 * (rows.len() as f64).ln()
                + (1.0 + sources as f64).ln()
                + (1.0 + mentions as f64).ln();
            // The representative: the row with text, then the most sources and mentions,
            // then the first stored.
            let rep = *rows
                .iter()
                .max_by_key(|&&i| {
                    let e = &events[i];
                    (e.text.is_some(), e.sources.unwrap_or(0), e.mentions.unwrap_or(0), std::cmp::Reverse(i))
                })
                .expect("a group has rows");
            out.push(Cluster { rows, rep, salience });
        }
    }
    // Most salient first; ties: newest first, then by representative row.
    out.sort_by(|x, y| {
        y.salience
            .total_cmp(&x.salience)
            .then(events[y.rep].date.cmp(&events[x.rep].date))
            .then(x.rep.cmp(&y.rep))
    });
    out
}

fn key_event(events: &[EventRow], c: &Cluster) -> KeyEvent {
    let e = &events[c.rep];
    let mut documents: Vec<String> = vec![];
    for &i in std::iter::once(&c.rep).chain(&c.rows) {
        if let Some(d) = &events[i].document {
            if !documents.contains(d) && documents.len() < 5 {
                documents.push(d.clone());
            }
        }
    }
    KeyEvent {
        date: e.date,
        dataset: e.dataset.clone(),
        source: e.source.clone(),
        source_name: e.source_name.clone(),
        source_country: e.source_country.clone(),
        target: e.target.clone(),
        target_name: e.target_name.clone(),
        target_country: e.target_country.clone(),
        code: e.code.clone(),
        code_name: entente_core::cameo::lookup(&e.code).map(|i| i.name.to_string()).unwrap_or_default(),
        quad_class: e.quad_class,
        goldstein: e.goldstein,
        domain: Domain::of(&e.code),
        text: e.text.clone(),
        document: e.document.clone(),
        documents,
        reports: c.rows.len() as u64,
        mentions: c.rows.iter().map(|&i| u64::from(events[i].mentions.unwrap_or(0))).sum(),
        sources: c.rows.iter().map(|&i| u64::from(events[i].sources.unwrap_or(0))).sum(),
        salience: c.salience,
    }
}

fn is_iso3(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Analyses the pair: series, domains, turning points, fault lines, third parties, key events.
///
/// Rows whose countries are not A→B or B→A are ignored, as are rows outside `from`–`to`.
pub fn analyze(input: &DyadInput, opts: &AnalysisOptions) -> Result<DyadAnalysis> {
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
    let g = input.granularity;
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
    let first_event = events.first().map(|e| e.date);
    let last_event = events.last().map(|e| e.date);

    // The periods: from `from` (else the first event) to `to` (else the last event).
    let mut series: Vec<Period> = vec![];
    let mut index: HashMap<String, usize> = HashMap::new();
    if let (Some(start), Some(end)) = (input.from.or(first_event), input.to.or(last_event)) {
        let mut p = g.start_of(start);
        while p <= end {
            if series.len() >= MAX_PERIODS {
                return Err(Error::Input(format!(
                    "{start} to {end} has more than {MAX_PERIODS} {}s: choose a coarser granularity \
                     or a shorter range",
                    g.unit()
                )));
            }
            let label = g.label(p);
            index.insert(label.clone(), series.len());
            series.push(Period {
                volume_a: input.volume_a.get(&label).copied().unwrap_or(0),
                volume_b: input.volume_b.get(&label).copied().unwrap_or(0),
                period: label,
                start: p,
                stats: Directions::default(),
            });
            p = g.next(p);
        }
    }

    let mut totals = Directions::<Stats>::default();
    let mut domain_stats: BTreeMap<Domain, Directions<Stats>> = BTreeMap::new();
    let mut domain_codes: BTreeMap<Domain, BTreeMap<String, u64>> = BTreeMap::new();
    let mut domain_by_period: Vec<BTreeMap<Domain, u64>> = vec![BTreeMap::new(); series.len()];
    let mut datasets: BTreeMap<String, u64> = BTreeMap::new();
    for e in &events {
        let forward = e.source_country == a;
        totals.add(e, forward);
        let d = Domain::of(&e.code);
        domain_stats.entry(d).or_default().add(e, forward);
        *domain_codes.entry(d).or_default().entry(e.code.clone()).or_default() += 1;
        *datasets.entry(e.dataset.clone()).or_default() += 1;
        if let Some(&i) = index.get(&g.label(e.date)) {
            series[i].stats.add(e, forward);
            *domain_by_period[i].entry(d).or_default() += 1;
        }
    }
    let volume = (
        series.iter().map(|p| p.volume_a).sum::<u64>(),
        series.iter().map(|p| p.volume_b).sum::<u64>(),
    );
    totals.finish(volume.0 + volume.1);
    for p in &mut series {
        p.stats.finish(p.volume_a + p.volume_b);
    }

    let clusters = cluster(&events, opts.near_duplicate);
    let key_events: Vec<KeyEvent> =
        clusters.iter().take(opts.key_events).map(|c| key_event(&events, c)).collect();

    let n = totals.both.events.max(1) as f64;
    let domains = Domain::ALL
        .iter()
        .map(|&d| {
            let mut stats = domain_stats.remove(&d).unwrap_or_default();
            stats.finish(volume.0 + volume.1);
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
                .map(|c| key_event(&events, c))
                .collect();
            DomainSummary { domain: d, share: stats.both.events as f64 / n, stats, top_codes, examples }
        })
        .collect();

    let turning_points = turning_points(&series, &domain_by_period);
    let fault_lines = fault_lines(&events, &clusters, &totals.both, g, opts);
    let third_parties = third_parties(input, opts);

    let methods = Methods {
        events: totals.both.events,
        datasets,
        dedup: input.dedup.clone(),
        distinct_events: clusters.len() as u64,
        periods: series.len(),
        provenance: input.provenance.clone(),
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
        methods,
    })
}

/// Change points in the cooperative share (periods with events) and in the volume (every
/// period, on the square-root scale that makes count noise roughly constant; levels are
/// reported back in events per period).
fn turning_points(series: &[Period], domain_by_period: &[BTreeMap<Domain, u64>]) -> Vec<TurningPoint> {
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
    let share: Vec<f64> =
        idx.iter().map(|&i| series[i].stats.both.cooperative_share.unwrap_or(0.0)).collect();
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

fn fault_lines(
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
    list.sort_by(|x, y| {
        y.1 .0
            .cmp(&x.1 .0)
            .then(x.1 .1.abs().total_cmp(&y.1 .1.abs()).reverse())
            .then(x.0.cmp(&y.0))
    });
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

fn third_parties(input: &DyadInput, opts: &AnalysisOptions) -> ThirdParties {
    let (a, b) = (input.a.as_str(), input.b.as_str());
    let mut rel: BTreeMap<(&str, &str), Partner> = BTreeMap::new();
    for c in &input.counterparts {
        if c.country == a || c.country == b || c.country.is_empty() || (c.side != a && c.side != b) {
            continue;
        }
        let p = rel.entry((c.side.as_str(), c.country.as_str())).or_insert_with(|| Partner {
            country: c.country.clone(),
            events: 0,
            cooperative: 0,
            conflict: 0,
            goldstein_sum: 0.0,
            cooperative_share: 0.0,
        });
        p.events += c.events;
        match c.quad_class {
            1 | 2 => p.cooperative += c.events,
            3 | 4 => p.conflict += c.events,
            _ => {}
        }
        p.goldstein_sum += c.goldstein_sum;
    }
    for p in rel.values_mut() {
        let classified = p.cooperative + p.conflict;
        p.cooperative_share = if classified > 0 { p.cooperative as f64 / classified as f64 } else { 0.0 };
    }
    let top = |side: &str| {
        let mut v: Vec<Partner> = rel.iter().filter(|((s, _), _)| *s == side).map(|(_, p)| p.clone()).collect();
        v.sort_by(|x, y| y.events.cmp(&x.events).then(x.country.cmp(&y.country)));
        v.truncate(opts.partners);
        v
    };
    let mut triads = vec![];
    let cooperative = |p: &Partner| p.events >= opts.triad_min_events && p.cooperative_share >= opts.cooperative_threshold;
    let conflictual =
        |p: &Partner| p.events >= opts.triad_min_events && 1.0 - p.cooperative_share >= opts.conflict_threshold;
    for ((_, country), pa) in rel.iter().filter(|((s, _), _)| *s == a) {
        let Some(pb) = rel.get(&(b, *country)) else { continue };
        let (coop, conf) = if cooperative(pa) && conflictual(pb) {
            ((a, pa), (b, pb))
        } else if cooperative(pb) && conflictual(pa) {
            ((b, pb), (a, pa))
        } else {
            continue;
        };
        triads.push(Triad {
            country: country.to_string(),
            cooperating: coop.0.to_string(),
            cooperating_relation: coop.1.clone(),
            conflicting: conf.0.to_string(),
            conflicting_relation: conf.1.clone(),
        });
    }
    triads.sort_by(|x, y| {
        let n = |t: &Triad| t.cooperating_relation.events + t.conflicting_relation.events;
        n(y).cmp(&n(x)).then(x.country.cmp(&y.country))
    });
    ThirdParties { of_a: top(a), of_b: top(b), triads }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Counterpart;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }
    fn ev(date: &str, src: &str, tgt: &str, code: &str) -> EventRow {
        EventRow::new(d(date), src, tgt, code).unwrap()
    }
    fn close(x: Option<f64>, want: f64) -> bool {
        x.is_some_and(|x| (x - want).abs() < 1e-9)
    }

    /// Four events in January–March 2019, one outside the pair, one outside the range.
    fn fixture() -> DyadInput {
        let mut input = DyadInput {
            a: "RUS".into(),
            b: "IRN".into(),
            from: Some(d("2019-01-01")),
            to: Some(d("2019-03-31")),
            dedup: "raw".into(),
            ..Default::default()
        };
        input.events = vec![
            ev("2019-01-05", "RUS", "IRN", "042"), // visit: quad 1, +1.9, diplomatic
            ev("2019-01-20", "IRN", "RUS", "062"), // military cooperation: quad 2, +7.4
            ev("2019-01-20", "RUS", "IRN", "111"), // criticise: quad 3, -2.0, political
            ev("2019-03-02", "RUS", "IRN", "163"), // sanctions: quad 4, -8.0, economic
            ev("2019-02-02", "RUS", "USA", "042"), // not the pair
            ev("2019-04-01", "RUS", "IRN", "042"), // after `to`
        ];
        for (m, a, b) in [("2019-01-15", 100, 100), ("2019-02-15", 50, 50), ("2019-03-15", 200, 0)] {
            input.add_volume("RUS", d(m), a);
            input.add_volume("IRN", d(m), b);
        }
        input
    }

    #[test]
    fn series_shares_and_normalisation_by_hand() {
        let a = analyze(&fixture(), &AnalysisOptions::default()).unwrap();
        let labels: Vec<&str> = a.series.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(labels, ["2019-01", "2019-02", "2019-03"]);

        let jan = &a.series[0].stats;
        assert_eq!(jan.both.events, 3);
        assert_eq!(jan.both.quad, [1, 1, 1, 0]);
        assert_eq!(jan.both.roots.get("04"), Some(&1));
        assert!((jan.both.goldstein_sum - 7.3).abs() < 1e-9); // 1.9 + 7.4 - 2.0
        assert!(close(jan.both.goldstein_mean, 7.3 / 3.0));
        assert!(close(jan.both.cooperative_share, 2.0 / 3.0));
        // 3 events against a combined volume of 100 + 100.
        assert!(close(jan.both.events_per_1000, 15.0));
        assert!(close(jan.both.cooperative_per_1000, 10.0));
        assert!(close(jan.both.conflict_per_1000, 5.0));
        assert!(close(jan.both.goldstein_per_1000, 36.5));
        assert_eq!(jan.a_to_b.events, 2);
        assert!(close(jan.a_to_b.cooperative_share, 0.5));
        assert!(close(jan.a_to_b.events_per_1000, 10.0));
        assert_eq!(jan.b_to_a.quad, [0, 1, 0, 0]);

        let feb = &a.series[1].stats.both;
        assert_eq!(feb.events, 0);
        assert_eq!(feb.cooperative_share, None);
        assert!(close(feb.events_per_1000, 0.0));
        let mar = &a.series[2];
        assert_eq!((mar.volume_a, mar.volume_b), (200, 0));
        assert!(close(mar.stats.both.events_per_1000, 5.0));
        assert!(close(mar.stats.both.cooperative_share, 0.0));

        // Totals: 4 events, volume 500 over the three months.
        assert_eq!(a.volume, (350, 150));
        assert_eq!(a.totals.both.events, 4);
        assert_eq!((a.totals.a_to_b.events, a.totals.b_to_a.events), (3, 1));
        assert!(close(a.totals.both.events_per_1000, 8.0));
        assert!(close(a.totals.both.goldstein_mean, -0.7 / 4.0));
        assert!(close(a.totals.both.cooperative_share, 0.5));
        assert_eq!((a.first_event, a.last_event), (Some(d("2019-01-05")), Some(d("2019-03-02"))));
        assert_eq!(a.methods.datasets.get("entente"), Some(&4));
    }

    #[test]
    fn domains_and_fault_lines() {
        let a = analyze(&fixture(), &AnalysisOptions::default()).unwrap();
        let count = |d: Domain| a.domains.iter().find(|s| s.domain == d).unwrap();
        for d in [Domain::Military, Domain::Diplomatic, Domain::Political, Domain::Economic] {
            assert_eq!(count(d).stats.both.events, 1, "{d:?}");
            assert!((count(d).share - 0.25).abs() < 1e-12);
        }
        assert_eq!(count(Domain::Legal).stats.both.events, 0);
        assert_eq!(count(Domain::Economic).top_codes[0].code, "163");
        assert_eq!(count(Domain::Military).examples[0].code, "062");

        // Half the events are cooperative: a cooperative relationship, whose fault lines are
        // the two conflict events.
        let f = &a.fault_lines;
        assert_eq!(f.character, Character::Cooperative);
        assert_eq!(f.events, 2);
        assert!(close(f.share, 0.5));
        assert_eq!(f.groups.len(), 2);
        // Equal size: the more intense group (sanctions, -8) first.
        assert_eq!((f.groups[0].period.as_str(), f.groups[0].domain), ("2019-03", Domain::Economic));
        assert_eq!(f.groups[0].examples[0].code, "163");
        assert_eq!((f.groups[1].period.as_str(), f.groups[1].domain), ("2019-01", Domain::Political));
    }

    #[test]
    fn weekly_and_daily_granularity() {
        let mut input = fixture();
        input.granularity = Granularity::Week;
        input.volume_a.clear();
        input.volume_b.clear();
        let a = analyze(&input, &AnalysisOptions::default()).unwrap();
        // 2018-12-31 (a Monday) to the week of 2019-03-25: 13 weeks.
        assert_eq!(a.series.len(), 13);
        assert_eq!(a.series[0].period, "2018-12-31");
        let w = a.series.iter().find(|p| p.period == "2019-01-14").unwrap();
        assert_eq!(w.stats.both.events, 2); // both on the 20th
        assert_eq!(w.stats.both.events_per_1000, None); // no volume given
        input.granularity = Granularity::Day;
        let a = analyze(&input, &AnalysisOptions::default()).unwrap();
        assert_eq!(a.series.len(), 90);
    }

    #[test]
    fn a_step_in_cooperation_is_a_turning_point() {
        let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
        for m in 1..=12u8 {
            let day = format!("2019-{m:02}-10");
            if m <= 6 {
                for _ in 0..4 {
                    input.events.push(ev(&day, "RUS", "IRN", "042"));
                }
            } else {
                input.events.push(ev(&day, "RUS", "IRN", "042"));
                for _ in 0..4 {
                    input.events.push(ev(&day, "IRN", "RUS", "111"));
                }
            }
        }
        let a = analyze(&input, &AnalysisOptions::default()).unwrap();
        assert_eq!(a.series.len(), 12);
        // Share 1.0 for six months, then 1/5: one turning point in July. Volume goes from 4 to
        // 5 a month: sqrt scale 2.09 → 2.32, SSE 0.155 / 0.25² = 2.5 < 2 ln 12 = 5.0, no change.
        assert_eq!(a.turning_points.len(), 1, "{:?}", a.turning_points);
        let t = &a.turning_points[0];
        assert_eq!(t.series, TrendSeries::CooperativeShare);
        assert_eq!((t.period.as_str(), t.date), ("2019-07", d("2019-07-01")));
        assert!((t.before - 1.0).abs() < 1e-12 && (t.after - 0.2).abs() < 1e-12);
        assert_eq!((t.before_from.as_str(), t.after_to.as_str()), ("2019-01", "2019-12"));
        // Political events went from 0 to 4 a month, diplomatic from 4 to 1.
        let s = t.domain_shift.as_ref().unwrap();
        assert_eq!((s.domain, s.before, s.after), (Domain::Political, 0.0, 4.0));
    }

    #[test]
    fn near_duplicate_reports_are_one_key_event() {
        let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
        let with = |text: Option<&str>, doc: &str| {
            let mut e = ev("2019-05-06", "RUS", "IRN", "190");
            e.text = text.map(String::from);
            e.document = Some(doc.into());
            e
        };
        input.events = vec![
            with(Some("Russian jets struck the base on Monday."), "d1"),
            // 7 shared words of 8: Jaccard 0.875, the same event.
            with(Some("Russian jets struck the base on Monday, AP"), "d2"),
            with(Some("An unrelated sentence about grain exports."), "d3"),
            // Rows without text (ICEWS) with one key: one event.
            with(None, "s1"),
            with(None, "s2"),
            // Another day: another event, whatever the text.
            {
                let mut e = with(Some("Russian jets struck the base on Monday."), "d4");
                e.date = d("2019-05-07");
                e
            },
        ];
        let a = analyze(&input, &AnalysisOptions::default()).unwrap();
        assert_eq!(a.totals.both.events, 6); // the series counts every row
        assert_eq!(a.methods.distinct_events, 4);
        let k = &a.key_events;
        assert_eq!(k.len(), 4);
        // Two reports: 10 + 3 ln 2 = 12.08 beats one report's 10. Of the two merged clusters
        // the one with text ranks first only by date order (both 12.08): same date, so by row.
        assert!((k[0].salience - (10.0 + 3.0 * 2f64.ln())).abs() < 1e-9);
        assert_eq!(k[0].reports, 2);
        assert_eq!(k[0].documents, ["d1", "d2"]);
        assert_eq!(k[0].text.as_deref(), Some("Russian jets struck the base on Monday."));
        assert_eq!((k[1].reports, k[1].text.as_deref()), (2, None));
        assert_eq!(k[1].documents, ["s1", "s2"]);
        // Then the single reports, newest first.
        assert_eq!((k[2].date, k[2].reports), (d("2019-05-07"), 1));
        assert_eq!(k[3].document.as_deref(), Some("d3"));
        assert_eq!(k[0].code_name, "Use conventional military force, not specified below");
        assert_eq!(k[0].domain, Domain::Military);
    }

    #[test]
    fn third_parties_and_divergent_triads() {
        let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
        let c = |side: &str, country: &str, q: u8, n: u64| Counterpart {
            side: side.into(),
            country: country.into(),
            quad_class: q,
            events: n,
            goldstein_sum: n as f64 * if q <= 2 { 3.0 } else { -5.0 },
        };
        input.counterparts = vec![
            c("RUS", "CHN", 1, 8), c("RUS", "CHN", 4, 2), // 10 events, 80 % cooperative
            c("IRN", "CHN", 1, 2), c("IRN", "CHN", 3, 3), c("IRN", "CHN", 4, 3), // 75 % conflict
            c("RUS", "USA", 1, 2), c("RUS", "USA", 3, 2), // 4 events: below the minimum of 5
            c("IRN", "USA", 4, 10),
            c("RUS", "TUR", 1, 5), c("IRN", "TUR", 2, 6), // both cooperative
            c("RUS", "IRN", 1, 99), // the pair itself is not a third party
        ];
        let a = analyze(&input, &AnalysisOptions::default()).unwrap();
        let t = &a.third_parties;
        let names = |v: &[Partner]| v.iter().map(|p| (p.country.clone(), p.events)).collect::<Vec<_>>();
        assert_eq!(names(&t.of_a), [("CHN".into(), 10), ("TUR".into(), 5), ("USA".into(), 4)]);
        assert_eq!(names(&t.of_b), [("USA".into(), 10), ("CHN".into(), 8), ("TUR".into(), 6)]);
        assert_eq!(t.of_a[0].cooperative, 8);
        assert!((t.of_a[0].goldstein_sum - 14.0).abs() < 1e-9); // 8·3 − 2·5
        assert_eq!(t.triads.len(), 1);
        let x = &t.triads[0];
        assert_eq!((x.country.as_str(), x.cooperating.as_str(), x.conflicting.as_str()), ("CHN", "RUS", "IRN"));
        assert!((x.cooperating_relation.cooperative_share - 0.8).abs() < 1e-12);
        assert!((x.conflicting_relation.cooperative_share - 0.25).abs() < 1e-12);
    }

    #[test]
    fn bad_input_is_refused() {
        let mut input = fixture();
        input.b = "RUS".into();
        assert!(analyze(&input, &AnalysisOptions::default()).is_err());
        let mut input = fixture();
        input.a = "ru".into();
        assert!(analyze(&input, &AnalysisOptions::default()).is_err());
        let mut input = fixture();
        input.from = Some(d("2020-01-01"));
        assert!(analyze(&input, &AnalysisOptions::default()).is_err());
        let mut input = fixture();
        input.granularity = Granularity::Day;
        input.from = Some(d("1900-01-01"));
        assert!(matches!(analyze(&input, &AnalysisOptions::default()), Err(Error::Input(m)) if m.contains("10000")));
        // No events and no range: an empty analysis, not an error.
        let empty = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
        let a = analyze(&empty, &AnalysisOptions::default()).unwrap();
        assert!(a.series.is_empty() && a.key_events.is_empty());
        assert_eq!(a.fault_lines.character, Character::Unknown);
        assert!(serde_json::to_string(&a).is_ok());
    }
}
