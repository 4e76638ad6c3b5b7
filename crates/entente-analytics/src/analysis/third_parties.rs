//! Third parties: each side's most frequent partners other than the pair, and divergent triads
//! (a country one side cooperates with while the other is in conflict with it).

use super::AnalysisOptions;
use crate::input::DyadInput;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

/// Partners and triads from the input's counterpart aggregates.
pub(super) fn third_parties(input: &DyadInput, opts: &AnalysisOptions) -> ThirdParties {
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
    let cooperative =
        |p: &Partner| p.events >= opts.triad_min_events && p.cooperative_share >= opts.cooperative_threshold;
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
