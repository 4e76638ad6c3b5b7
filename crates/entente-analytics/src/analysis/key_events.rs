//! Key events: near-duplicate reports of one event merged (same date, direction and code,
//! similar text), scored by salience and ranked, with their evidence.

use crate::domain::Domain;
use crate::input::EventRow;
use entente_core::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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

/// Reports of one event: same date, direction and code, near-same text.
pub(super) struct Cluster {
    pub(super) rows: Vec<usize>,
    /// The representative row.
    pub(super) rep: usize,
    pub(super) salience: f64,
}

fn words(s: &str) -> Vec<String> {
    let mut w: Vec<String> =
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
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
pub(super) fn cluster(events: &[EventRow], threshold: f64) -> Vec<Cluster> {
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
            let salience =
                g + 3.0 * (rows.len() as f64).ln() + (1.0 + sources as f64).ln() + (1.0 + mentions as f64).ln();
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
        y.salience.total_cmp(&x.salience).then(events[y.rep].date.cmp(&events[x.rep].date)).then(x.rep.cmp(&y.rep))
    });
    out
}

/// The cluster `c` of `events` as a key event.
pub(super) fn key_event(events: &[EventRow], c: &Cluster) -> KeyEvent {
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
