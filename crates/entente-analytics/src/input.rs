//! What an analysis is computed from: the events of one pair and a few aggregates, as plain
//! rows (whoever holds the store fills them in, with SQL that does the heavy lifting).

use entente_core::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The width of one period of the series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// Calendar months, labelled `YYYY-MM`.
    #[default]
    Month,
    /// Weeks from Monday, labelled by the Monday, `YYYY-MM-DD`.
    Week,
    /// Days, labelled `YYYY-MM-DD`.
    Day,
}

impl Granularity {
    /// The first day of the period that holds `d`.
    pub fn start_of(self, d: Date) -> Date {
        match self {
            Granularity::Month => Date { day: 1, ..d },
            Granularity::Week => {
                let z = d.to_days();
                // 1970-01-01 was a Thursday: (z + 3) mod 7 is 0 on Mondays.
                Date::from_days(z - (z + 3).rem_euclid(7))
            }
            Granularity::Day => d,
        }
    }

    /// The first day of the period after the one starting at `start`.
    pub fn next(self, start: Date) -> Date {
        match self {
            Granularity::Month if start.month == 12 => Date { year: start.year + 1, month: 1, day: 1 },
            Granularity::Month => Date { month: start.month + 1, day: 1, ..start },
            Granularity::Week => Date::from_days(start.to_days() + 7),
            Granularity::Day => Date::from_days(start.to_days() + 1),
        }
    }

    /// The label of the period that holds `d`.
    pub fn label(self, d: Date) -> String {
        let s = self.start_of(d);
        match self {
            Granularity::Month => format!("{:04}-{:02}", s.year, s.month),
            Granularity::Week | Granularity::Day => s.to_string(),
        }
    }

    /// The name of one period in prose: "month", "week", "day".
    pub fn unit(self) -> &'static str {
        match self {
            Granularity::Month => "month",
            Granularity::Week => "week",
            Granularity::Day => "day",
        }
    }
}

impl std::str::FromStr for Granularity {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Granularity> {
        match s {
            "month" | "monthly" => Ok(Granularity::Month),
            "week" | "weekly" => Ok(Granularity::Week),
            "day" | "daily" => Ok(Granularity::Day),
            _ => Err(crate::Error::Input(format!("unknown granularity {s:?}: month, week or day"))),
        }
    }
}

/// One event between the two countries (either direction), as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    /// The event's date.
    pub date: Date,
    /// The dataset it came from: `gdelt`, `icews`, `entente`.
    pub dataset: String,
    /// Source actor code, e.g. `RUSGOV`.
    pub source: Option<String>,
    /// Source actor name as the dataset gives it.
    pub source_name: Option<String>,
    /// Source country (ISO3).
    pub source_country: String,
    /// Target actor code.
    pub target: Option<String>,
    /// Target actor name as the dataset gives it.
    pub target_name: Option<String>,
    /// Target country (ISO3).
    pub target_country: String,
    /// CAMEO code, leading zeros kept.
    pub code: String,
    /// Two-digit CAMEO root.
    pub root: String,
    /// Quad class 1–4.
    pub quad_class: u8,
    /// Goldstein value (or ICEWS intensity).
    pub goldstein: f64,
    /// GDELT NumMentions.
    pub mentions: Option<u32>,
    /// GDELT NumSources.
    pub sources: Option<u32>,
    /// GDELT NumArticles.
    pub articles: Option<u32>,
    /// The sentence the event was coded from, when the dataset has it. Untrusted text.
    pub text: Option<String>,
    /// Document id or URL. Untrusted text.
    pub document: Option<String>,
}

impl EventRow {
    /// A row for `code` between two countries, with root, quad class and Goldstein value from
    /// the ontology and everything else empty; `None` when `code` is not a CAMEO code.
    pub fn new(date: Date, source_country: &str, target_country: &str, code: &str) -> Option<EventRow> {
        let info = entente_core::cameo::lookup(code)?;
        Some(EventRow {
            date,
            dataset: "entente".into(),
            source: Some(source_country.into()),
            source_name: None,
            source_country: source_country.into(),
            target: Some(target_country.into()),
            target_name: None,
            target_country: target_country.into(),
            code: code.into(),
            root: info.root.into(),
            quad_class: info.quad_class,
            // Through the shortest decimal form, so 1.9f32 is 1.9, not 1.8999999761581420.
            goldstein: info.goldstein.to_string().parse().unwrap_or(f64::from(info.goldstein)),
            mentions: None,
            sources: None,
            articles: None,
            text: None,
            document: None,
        })
    }
}

/// Events of one side with one other country, by quad class: both directions, summed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counterpart {
    /// The side (A or B of the pair), ISO3.
    pub side: String,
    /// The other country, ISO3.
    pub country: String,
    /// Quad class 1–4.
    pub quad_class: u8,
    /// Number of events.
    pub events: u64,
    /// Sum of their Goldstein values.
    pub goldstein_sum: f64,
}

/// Everything an analysis of the pair A–B needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DyadInput {
    /// Country A (ISO3).
    pub a: String,
    /// Country B (ISO3).
    pub b: String,
    /// First day asked for, inclusive.
    pub from: Option<Date>,
    /// Last day asked for, inclusive.
    pub to: Option<Date>,
    /// Period width of the series.
    pub granularity: Granularity,
    /// The events A→B and B→A.
    pub events: Vec<EventRow>,
    /// All events with A as source or target country, per period label (of `granularity`).
    pub volume_a: BTreeMap<String, u64>,
    /// All events with B as source or target country, per period label.
    pub volume_b: BTreeMap<String, u64>,
    /// Events of A and of B with every other country, by quad class.
    pub counterparts: Vec<Counterpart>,
    /// How the store counted repeated reports (e.g. `raw`, `daily`, `root`), for the methods.
    pub dedup: String,
    /// Where the events came from (store path, corpus name), for the methods. Untrusted text.
    pub provenance: Vec<String>,
    /// The confidence threshold coded events were held to before they got here, if any, for
    /// the methods.
    #[serde(default)]
    pub confidence_cut: Option<ConfidenceCut>,
    /// What the pair's documents say beyond events: amounts, themes, named things, quotes and
    /// event places (empty when the store has none).
    #[serde(default)]
    pub knowledge: crate::knowledge::Knowledge,
}

/// Events coded by entente whose confidence was below a threshold, left out of an analysis
/// before it ran (events of other datasets, which have no confidence, are all kept).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ConfidenceCut {
    /// The threshold, 0–1: events below it were left out.
    pub min: f64,
    /// The pair's events coded by entente, in the range and datasets asked for.
    pub coded: u64,
    /// How many of those were below `min`, and left out.
    pub left_out: u64,
}

impl DyadInput {
    /// Adds `events` events of `country` on day `d` to its volume, under `d`'s period.
    pub fn add_volume(&mut self, country: &str, d: Date, events: u64) {
        let label = self.granularity.label(d);
        if country == self.a {
            *self.volume_a.entry(label.clone()).or_default() += events;
        }
        if country == self.b {
            *self.volume_b.entry(label).or_default() += events;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn periods() {
        // 2019-03-07 was a Thursday; its week starts Monday 2019-03-04.
        assert_eq!(Granularity::Week.start_of(d("2019-03-07")), d("2019-03-04"));
        assert_eq!(Granularity::Week.start_of(d("2019-03-04")), d("2019-03-04"));
        assert_eq!(Granularity::Week.start_of(d("2019-03-10")), d("2019-03-04"));
        assert_eq!(Granularity::Month.label(d("2019-03-07")), "2019-03");
        assert_eq!(Granularity::Month.next(d("2019-12-01")), d("2020-01-01"));
        assert_eq!(Granularity::Week.next(d("2019-12-30")), d("2020-01-06"));
        assert_eq!(Granularity::Day.next(d("2020-02-28")), d("2020-02-29"));
    }
}
