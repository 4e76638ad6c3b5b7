//! What the pair's news says beyond event counts (issue #10): the themes that rose and fell,
//! the figures it gives, the named things it mentions, what each side's officials said, and
//! where events happened.
//!
//! The coder extracts amounts, themes, named things and quotes per sentence, and places per
//! event; whoever holds the store selects those of the pair's documents into a [`Knowledge`]
//! and [`summarise`] orders them for a guide. Everything here is plain data: no text is
//! trusted (the report escapes it).

use crate::input::Granularity;
use entente_core::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where an extracted item was found: the document, the sentence and its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cite {
    /// The document's date.
    pub date: Date,
    /// The document id. Untrusted text.
    pub doc_id: String,
    /// Index of the sentence in the document.
    pub sentence: u32,
    /// The sentence, when the store has it. Untrusted text.
    pub text: Option<String>,
}

/// An amount the news gives ("$4.96 billion", "up 20%", "7,200 km").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmountFact {
    /// Where it was found.
    pub cite: Cite,
    /// The amount as written. Untrusted text.
    pub surface: String,
    /// Its value in `unit`.
    pub value: f64,
    /// ISO 4217 code, `%`, `pp`, a measure unit or a counted thing.
    pub unit: String,
    /// `money`, `percent`, `measure` or `count`.
    pub kind: String,
}

/// A theme of a sentence ("drones", "banking and payments").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeFact {
    /// Where it was found.
    pub cite: Cite,
    /// The theme's id, e.g. `military.drones`.
    pub theme: String,
    /// The domain it refines: `military`, `economic`, `diplomatic`, `political`, ...
    pub domain: String,
}

/// A named thing a sentence mentions (a weapon system, a corridor, a bloc, an agreement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThingFact {
    /// Where it was found.
    pub cite: Cite,
    /// The canonical name. Untrusted text (a user dictionary may hold anything).
    pub name: String,
    /// Its category: `weapon`, `project`, `organisation`, `agreement`, `currency`, `facility`.
    pub category: String,
}

/// A quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteFact {
    /// Where it was found.
    pub cite: Cite,
    /// The speaker as written. Untrusted text.
    pub speaker: String,
    /// The speaker's actor code, when the coder resolved one (`RUSGOV`).
    pub speaker_code: Option<String>,
    /// The quoted words. Untrusted text.
    pub quote: String,
}

/// Where some of the pair's events happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceFact {
    /// The place's name. Untrusted text.
    pub name: String,
    /// Its country (ISO3), if any (seas have none).
    pub country: Option<String>,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// The dataset of the events (`entente`, `icews`, `gdelt`).
    pub dataset: String,
    /// How many of the pair's events happened there.
    pub events: u64,
}

/// The extracted items of the pair's documents, as the store holds them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Knowledge {
    /// Amounts.
    #[serde(default)]
    pub amounts: Vec<AmountFact>,
    /// Themes.
    #[serde(default)]
    pub themes: Vec<ThemeFact>,
    /// Named things.
    #[serde(default)]
    pub things: Vec<ThingFact>,
    /// Quotes.
    #[serde(default)]
    pub quotes: Vec<QuoteFact>,
    /// Event places.
    #[serde(default)]
    pub places: Vec<PlaceFact>,
}

impl Knowledge {
    /// Nothing extracted at all.
    pub fn is_empty(&self) -> bool {
        self.amounts.is_empty() && self.themes.is_empty() && self.things.is_empty() && self.quotes.is_empty() && self.places.is_empty()
    }
}

/// A theme over the period: when it appeared, how often, and where it rose or fell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeTrend {
    /// The theme's id.
    pub theme: String,
    /// Its domain.
    pub domain: String,
    /// Sentences carrying it.
    pub mentions: u64,
    /// First date.
    pub first: Date,
    /// Last date.
    pub last: Date,
    /// Mentions per period label (of the guide's granularity), periods without any left out.
    pub per_period: BTreeMap<String, u64>,
    /// `rising`, `falling` or `steady`: the second half of its span against the first.
    pub trend: String,
    /// A few sentences carrying it, latest first.
    pub examples: Vec<Cite>,
}

/// A named thing over the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThingTimeline {
    /// Canonical name.
    pub name: String,
    /// Category.
    pub category: String,
    /// Sentences naming it.
    pub mentions: u64,
    /// First date.
    pub first: Date,
    /// Last date.
    pub last: Date,
    /// The first sentence naming it.
    pub first_cite: Cite,
}

/// A quotation by one side's speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideQuote {
    /// The side's country (A or B).
    pub side: String,
    /// The quotation.
    pub quote: QuoteFact,
}

/// What a guide reports beyond counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeSummary {
    /// Themes by domain, then by mentions.
    pub themes: Vec<ThemeTrend>,
    /// Facts and figures: the amounts, by date (money and percentages first within a day).
    pub figures: Vec<AmountFact>,
    /// Named things, by first mention.
    pub things: Vec<ThingTimeline>,
    /// What each side's officials said: a few quotes per side, latest first.
    pub quotes: Vec<SideQuote>,
    /// Where the pair's events happened, most events first.
    pub places: Vec<PlaceFact>,
}

/// How many of each list a guide shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeLimits {
    /// Themes.
    pub themes: usize,
    /// Example sentences per theme.
    pub examples: usize,
    /// Figures.
    pub figures: usize,
    /// Named things.
    pub things: usize,
    /// Quotes per side.
    pub quotes: usize,
    /// Places.
    pub places: usize,
}

impl Default for KnowledgeLimits {
    fn default() -> Self {
        KnowledgeLimits { themes: 24, examples: 2, figures: 40, things: 30, quotes: 4, places: 200 }
    }
}

/// Orders the pair's extracted items for a guide: themes with their rise and fall over the
/// periods of `g`, figures by date, named things by first mention, each side's quotes (a speaker
/// whose actor code starts with A's or B's ISO3), places by events.
pub fn summarise(k: &Knowledge, a: &str, b: &str, g: Granularity, limits: &KnowledgeLimits) -> KnowledgeSummary {
    KnowledgeSummary {
        themes: themes(&k.themes, g, limits),
        figures: figures(&k.amounts, limits.figures),
        things: things(&k.things, limits.things),
        quotes: quotes(&k.quotes, a, b, limits.quotes),
        places: places(&k.places, limits.places),
    }
}

fn themes(facts: &[ThemeFact], g: Granularity, limits: &KnowledgeLimits) -> Vec<ThemeTrend> {
    let mut by: BTreeMap<(&str, &str), Vec<&ThemeFact>> = BTreeMap::new();
    for f in facts {
        by.entry((f.domain.as_str(), f.theme.as_str())).or_default().push(f);
    }
    let mut out: Vec<ThemeTrend> = by
        .into_iter()
        .map(|((domain, theme), mut fs)| {
            fs.sort_by(|x, y| x.cite.date.cmp(&y.cite.date).then(x.cite.doc_id.cmp(&y.cite.doc_id)).then(x.cite.sentence.cmp(&y.cite.sentence)));
            let first = fs[0].cite.date;
            let last = fs[fs.len() - 1].cite.date;
            let mut per_period = BTreeMap::new();
            for f in &fs {
                *per_period.entry(g.label(f.cite.date)).or_insert(0u64) += 1;
            }
            // Rise or fall: mentions in the second half of the theme's own span against the first.
            let mid = first.to_days() + (last.to_days() - first.to_days()) / 2;
            let early = fs.iter().filter(|f| f.cite.date.to_days() <= mid).count() as f64;
            let late = fs.len() as f64 - early;
            let trend = if fs.len() < 4 || first == last {
                "steady"
            } else if late >= 1.5 * early.max(1.0) {
                "rising"
            } else if early >= 1.5 * late.max(1.0) {
                "falling"
            } else {
                "steady"
            };
            let mut examples: Vec<Cite> = Vec::new();
            for f in fs.iter().rev() {
                if examples.len() >= limits.examples {
                    break;
                }
                if f.cite.text.is_some() && !examples.iter().any(|c| c.text == f.cite.text) {
                    examples.push(f.cite.clone());
                }
            }
            ThemeTrend {
                theme: theme.to_string(),
                domain: domain.to_string(),
                mentions: fs.len() as u64,
                first,
                last,
                per_period,
                trend: trend.to_string(),
                examples,
            }
        })
        .collect();
    out.sort_by(|x, y| y.mentions.cmp(&x.mentions).then(x.theme.cmp(&y.theme)));
    out.truncate(limits.themes);
    out.sort_by(|x, y| x.domain.cmp(&y.domain).then(y.mentions.cmp(&x.mentions)).then(x.theme.cmp(&y.theme)));
    out
}

/// The amounts by date; the same value and unit reported again in the same document counts once.
fn figures(facts: &[AmountFact], limit: usize) -> Vec<AmountFact> {
    let rank = |k: &str| match k {
        "money" => 0,
        "percent" => 1,
        "measure" => 2,
        _ => 3,
    };
    let mut v: Vec<&AmountFact> = facts.iter().filter(|f| f.value.is_finite()).collect();
    v.sort_by(|x, y| {
        rank(&x.kind)
            .cmp(&rank(&y.kind))
            .then(x.cite.date.cmp(&y.cite.date))
            .then(x.cite.doc_id.cmp(&y.cite.doc_id))
            .then(x.cite.sentence.cmp(&y.cite.sentence))
    });
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<AmountFact> = Vec::new();
    for f in v {
        if seen.insert((f.cite.doc_id.clone(), f.unit.clone(), f.value.to_bits())) {
            out.push(f.clone());
        }
    }
    out.truncate(limit);
    out.sort_by(|x, y| x.cite.date.cmp(&y.cite.date).then(rank(&x.kind).cmp(&rank(&y.kind))).then(x.cite.sentence.cmp(&y.cite.sentence)));
    out
}

fn things(facts: &[ThingFact], limit: usize) -> Vec<ThingTimeline> {
    let mut by: BTreeMap<(&str, &str), Vec<&ThingFact>> = BTreeMap::new();
    for f in facts {
        by.entry((f.name.as_str(), f.category.as_str())).or_default().push(f);
    }
    let mut out: Vec<ThingTimeline> = by
        .into_iter()
        .map(|((name, category), mut fs)| {
            fs.sort_by(|x, y| x.cite.date.cmp(&y.cite.date).then(x.cite.sentence.cmp(&y.cite.sentence)));
            ThingTimeline {
                name: name.to_string(),
                category: category.to_string(),
                mentions: fs.len() as u64,
                first: fs[0].cite.date,
                last: fs[fs.len() - 1].cite.date,
                first_cite: fs[0].cite.clone(),
            }
        })
        .collect();
    out.sort_by(|x, y| y.mentions.cmp(&x.mentions).then(x.name.cmp(&y.name)));
    out.truncate(limit);
    out.sort_by(|x, y| x.first.cmp(&y.first).then(x.name.cmp(&y.name)));
    out
}

fn quotes(facts: &[QuoteFact], a: &str, b: &str, per_side: usize) -> Vec<SideQuote> {
    let mut out = Vec::new();
    for side in [a, b] {
        let mut qs: Vec<&QuoteFact> = facts
            .iter()
            .filter(|q| q.speaker_code.as_deref().is_some_and(|c| c.starts_with(side)) && !q.quote.trim().is_empty())
            .collect();
        qs.sort_by(|x, y| y.cite.date.cmp(&x.cite.date).then(x.cite.doc_id.cmp(&y.cite.doc_id)).then(x.cite.sentence.cmp(&y.cite.sentence)));
        qs.dedup_by(|x, y| x.quote == y.quote);
        out.extend(qs.into_iter().take(per_side).map(|q| SideQuote { side: side.to_string(), quote: q.clone() }));
    }
    out
}

fn places(facts: &[PlaceFact], limit: usize) -> Vec<PlaceFact> {
    let mut v: Vec<PlaceFact> = facts
        .iter()
        .filter(|p| p.lat.is_finite() && p.lon.is_finite() && (-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon))
        .cloned()
        .collect();
    v.sort_by(|x, y| y.events.cmp(&x.events).then(x.name.cmp(&y.name)));
    v.truncate(limit);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(d: &str, doc: &str, s: u32, text: &str) -> Cite {
        Cite { date: d.parse().unwrap(), doc_id: doc.into(), sentence: s, text: Some(text.into()) }
    }

    fn theme(d: &str, t: &str) -> ThemeFact {
        ThemeFact { cite: cite(d, &format!("doc-{d}"), 0, &format!("about {t} on {d}")), theme: t.into(), domain: t.split('.').next().unwrap().into() }
    }

    #[test]
    fn themes_count_per_period_and_rise_or_fall() {
        let mut k = Knowledge::default();
        for d in ["2022-01-10", "2022-06-01", "2022-07-01", "2022-08-01", "2022-08-15", "2022-09-01"] {
            k.themes.push(theme(d, "military.drones"));
        }
        for d in ["2022-01-05", "2022-01-20", "2022-02-01", "2022-02-10", "2022-09-01"] {
            k.themes.push(theme(d, "economic.trade"));
        }
        let s = summarise(&k, "RUS", "IRN", Granularity::Month, &KnowledgeLimits::default());
        let drones = s.themes.iter().find(|t| t.theme == "military.drones").unwrap();
        assert_eq!(drones.mentions, 6);
        assert_eq!(drones.first.to_string(), "2022-01-10");
        assert_eq!(drones.last.to_string(), "2022-09-01");
        assert_eq!(drones.per_period.get("2022-08"), Some(&2));
        assert_eq!(drones.trend, "rising");
        assert_eq!(drones.examples.len(), 2);
        assert_eq!(drones.examples[0].date.to_string(), "2022-09-01", "latest example first");
        let trade = s.themes.iter().find(|t| t.theme == "economic.trade").unwrap();
        assert_eq!(trade.trend, "falling");
        // Grouped by domain in the guide's order of names.
        assert_eq!(s.themes[0].domain, "economic");
    }

    #[test]
    fn figures_by_date_once_per_document() {
        let f = |d: &str, doc: &str, v: f64, u: &str, kind: &str| AmountFact {
            cite: cite(d, doc, 1, "trade rose"),
            surface: format!("{v} {u}"),
            value: v,
            unit: u.into(),
            kind: kind.into(),
        };
        let k = Knowledge {
            amounts: vec![
                f("2023-05-01", "b", 4.96e9, "USD", "money"),
                f("2023-05-01", "b", 4.96e9, "USD", "money"),
                f("2022-03-01", "a", 20.0, "%", "percent"),
                f("2022-03-01", "a", f64::NAN, "USD", "money"),
            ],
            ..Default::default()
        };
        let s = summarise(&k, "RUS", "IRN", Granularity::Month, &KnowledgeLimits::default());
        assert_eq!(s.figures.len(), 2, "duplicate in one document and NaN dropped");
        assert_eq!(s.figures[0].unit, "%");
        assert_eq!(s.figures[1].value, 4.96e9);
    }

    #[test]
    fn quotes_belong_to_a_side_by_the_speakers_code() {
        let q = |code: Option<&str>, d: &str, words: &str| QuoteFact {
            cite: cite(d, "x", 0, words),
            speaker: "someone".into(),
            speaker_code: code.map(String::from),
            quote: words.into(),
        };
        let k = Knowledge {
            quotes: vec![
                q(Some("RUSGOV"), "2023-01-01", "old"),
                q(Some("RUSGOV"), "2023-06-01", "new"),
                q(Some("IRNGOV"), "2023-02-01", "iran"),
                q(Some("USAGOV"), "2023-02-01", "third party"),
                q(None, "2023-02-01", "nobody"),
            ],
            ..Default::default()
        };
        let lim = KnowledgeLimits { quotes: 1, ..KnowledgeLimits::default() };
        let s = summarise(&k, "RUS", "IRN", Granularity::Month, &lim);
        let got: Vec<(&str, &str)> = s.quotes.iter().map(|q| (q.side.as_str(), q.quote.quote.as_str())).collect();
        assert_eq!(got, vec![("RUS", "new"), ("IRN", "iran")]);
    }

    #[test]
    fn things_by_first_mention_and_places_by_events() {
        let t = |d: &str, n: &str| ThingFact { cite: cite(d, "x", 0, n), name: n.into(), category: "weapon".into() };
        let p = |n: &str, lat: f64, lon: f64, ev: u64| PlaceFact { name: n.into(), country: None, lat, lon, dataset: "icews".into(), events: ev };
        let k = Knowledge {
            things: vec![t("2023-03-01", "Shahed-136"), t("2022-10-01", "Shahed-136"), t("2023-01-01", "Su-35")],
            places: vec![p("Tehran", 35.7, 51.4, 3), p("Moscow", 55.75, 37.6, 9), p("Nowhere", 120.0, 0.0, 50)],
            ..Default::default()
        };
        let s = summarise(&k, "RUS", "IRN", Granularity::Month, &KnowledgeLimits::default());
        assert_eq!(s.things[0].name, "Shahed-136");
        assert_eq!(s.things[0].mentions, 2);
        assert_eq!(s.things[0].first.to_string(), "2022-10-01");
        assert_eq!(s.places.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["Moscow", "Tehran"], "out-of-range coordinates dropped");
    }
}
