//! What the coder finds in a sentence beside its events — amounts, named things, themes and
//! quotes — as plain rows, each tied to its document and sentence (and, except themes, to the
//! characters it was read from), so that the store can keep them in tables of their own joined
//! to the events by document and sentence, and a guide can cite the sentence behind a figure.
//!
//! Spans here are **character** offsets (Unicode scalar values, as `str::chars` counts them)
//! into the sentence, `[start, end)`, unlike [`crate::Spans`] (byte offsets into the event's
//! text): characters mean the same in every language reading them back (Python, SQL).
//!
//! `entente code` writes them as JSON Lines beside the events, each as an [`ExtractRecord`]:
//! the row's fields plus `"record": "amount" | "thing" | "theme" | "quote"` (an event line has
//! no `record` field).
//!
//! ```
//! use entente_core::extract::{AmountRow, ExtractRecord, Extracts};
//! let a = AmountRow {
//!     doc_id: "d1".into(), date: "2023-01-10".parse().unwrap(), sentence: 0, start: 14, end: 27,
//!     text: "$4.96 billion".into(), value: 4.96e9, unit: "USD".into(), kind: "money".into(),
//!     sentence_text: "Trade reached $4.96 billion.".into(),
//! };
//! let line = serde_json::to_string(&ExtractRecord::Amount(a.clone())).unwrap();
//! assert!(line.starts_with(r#"{"record":"amount","doc_id":"d1""#));
//! let mut x = Extracts::default();
//! assert!(x.is_empty());
//! x.push(serde_json::from_str(&line).unwrap());
//! assert_eq!(x.amounts, vec![a]);
//! ```

use crate::Date;
use serde::{Deserialize, Serialize};

/// A number read from a sentence with its unit: money, a percentage or change, a quantity.
/// "$4.96 billion" → value 4.96e9, unit `USD`, kind `money`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmountRow {
    /// The document's id.
    pub doc_id: String,
    /// The document's date.
    pub date: Date,
    /// Index of the sentence within the document, from 0 (as in [`crate::Event::sentence`]).
    pub sentence: u32,
    /// First character of the amount's words in the sentence.
    pub start: u32,
    /// One past the last character (`end > start`).
    pub end: u32,
    /// The words as written, e.g. `$4.96 billion`.
    pub text: String,
    /// The number, normalised (scale words applied: "4.96 billion" → 4.96e9; a percentage as
    /// written: "20%" → 20). Must be finite.
    pub value: f64,
    /// The unit, normalised and never empty: a currency's ISO 4217 code (`USD`, `RUB`), `%`,
    /// `km`, `bbl/d`, `t`, `m3`, `troops`, `drones`, ...
    pub unit: String,
    /// What sort of amount: `money`, `percent`, `change`, `quantity`, `count`, ... (the
    /// extractor's vocabulary).
    pub kind: String,
    /// The sentence the amount was read from, so a guide can cite a figure whose sentence gave
    /// no event (empty when not known: older output).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sentence_text: String,
}

/// A named thing: a weapons system, project, corridor, organisation, agreement or currency,
/// from the dictionary of named things or an unknown proper name kept as a candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThingRow {
    /// The document's id.
    pub doc_id: String,
    /// The document's date.
    pub date: Date,
    /// Index of the sentence within the document, from 0.
    pub sentence: u32,
    /// First character of the words in the sentence.
    pub start: u32,
    /// One past the last character (`end > start`).
    pub end: u32,
    /// The words as written, e.g. `Shahed-136 drones`.
    pub text: String,
    /// The canonical name, e.g. `Shahed-136`; never empty.
    pub name: String,
    /// Its category, e.g. `weapon`, `project`, `corridor`, `organisation`, `agreement`,
    /// `currency`, `candidate`; never empty.
    pub category: String,
    /// The themes it belongs to, e.g. `["drones"]` (may be empty).
    #[serde(default)]
    pub themes: Vec<String>,
}

/// A theme of the taxonomy that refines the event domains, found in a sentence (e.g. theme
/// `drones`, domain `military`, cue `Shahed`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeRow {
    /// The document's id.
    pub doc_id: String,
    /// The document's date.
    pub date: Date,
    /// Index of the sentence within the document, from 0.
    pub sentence: u32,
    /// The theme, e.g. `drones`, `transport-corridors`; never empty.
    pub theme: String,
    /// The domain it refines: `military`, `economic`, `diplomatic`, `political`, ...; never
    /// empty.
    pub domain: String,
    /// The word or phrase that gave the theme away (may be empty).
    #[serde(default)]
    pub cue: String,
}

/// Words a sentence quotes, with who said them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    /// The document's id.
    pub doc_id: String,
    /// The document's date.
    pub date: Date,
    /// Index of the sentence within the document, from 0.
    pub sentence: u32,
    /// First character of the quoted words in the sentence.
    pub start: u32,
    /// One past the last character (`end > start`).
    pub end: u32,
    /// The speaker as written, e.g. `Foreign Minister Sergei Lavrov` (empty when unknown).
    #[serde(default)]
    pub speaker: String,
    /// The speaker's actor code, e.g. `RUSGOV`, when the dictionaries know them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_code: Option<String>,
    /// The quoted words, without the quotation marks; never empty.
    pub quote: String,
    /// How it is quoted: `direct` ("…," he said), `partial`, `reported` (said that …), ...
    pub kind: String,
}

/// One extracted item as a JSON Lines record: the row's fields plus `"record"` naming its
/// kind, e.g. `{"record":"amount","doc_id":"d1",...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "lowercase")]
pub enum ExtractRecord {
    /// An [`AmountRow`].
    Amount(AmountRow),
    /// A [`ThingRow`].
    Thing(ThingRow),
    /// A [`ThemeRow`].
    Theme(ThemeRow),
    /// A [`QuoteRow`].
    Quote(QuoteRow),
}

/// Everything extracted from some documents beside their events: what the store takes
/// together with the events (`Store::ingest_coded`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracts {
    /// Amounts.
    #[serde(default)]
    pub amounts: Vec<AmountRow>,
    /// Named things.
    #[serde(default)]
    pub things: Vec<ThingRow>,
    /// Themes.
    #[serde(default)]
    pub themes: Vec<ThemeRow>,
    /// Quotes.
    #[serde(default)]
    pub quotes: Vec<QuoteRow>,
}

impl Extracts {
    /// `true` when there is no row of any kind.
    pub fn is_empty(&self) -> bool {
        self.amounts.is_empty() && self.things.is_empty() && self.themes.is_empty() && self.quotes.is_empty()
    }

    /// Rows of every kind.
    pub fn len(&self) -> usize {
        self.amounts.len() + self.things.len() + self.themes.len() + self.quotes.len()
    }

    /// Adds one record to the list of its kind.
    pub fn push(&mut self, r: ExtractRecord) {
        match r {
            ExtractRecord::Amount(a) => self.amounts.push(a),
            ExtractRecord::Thing(t) => self.things.push(t),
            ExtractRecord::Theme(t) => self.themes.push(t),
            ExtractRecord::Quote(q) => self.quotes.push(q),
        }
    }

    /// Moves every row of `other` to the end of these.
    pub fn append(&mut self, other: &mut Extracts) {
        self.amounts.append(&mut other.amounts);
        self.things.append(&mut other.things);
        self.themes.append(&mut other.themes);
        self.quotes.append(&mut other.quotes);
    }

    /// Every row as a record, amounts first, then things, themes and quotes (the order
    /// `entente code` can write them in).
    pub fn records(&self) -> impl Iterator<Item = ExtractRecord> + '_ {
        self.amounts
            .iter()
            .cloned()
            .map(ExtractRecord::Amount)
            .chain(self.things.iter().cloned().map(ExtractRecord::Thing))
            .chain(self.themes.iter().cloned().map(ExtractRecord::Theme))
            .chain(self.quotes.iter().cloned().map(ExtractRecord::Quote))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> Date {
        "2024-05-01".parse().unwrap()
    }

    #[test]
    fn records_round_trip_through_json_lines() {
        let mut x = Extracts::default();
        x.amounts.push(AmountRow { doc_id: "d".into(), date: date(), sentence: 1, start: 0, end: 3, text: "20%".into(), value: 20.0, unit: "%".into(), kind: "percent".into(), sentence_text: String::new() });
        x.things.push(ThingRow { doc_id: "d".into(), date: date(), sentence: 2, start: 4, end: 14, text: "Shahed-136".into(), name: "Shahed-136".into(), category: "weapon".into(), themes: vec!["drones".into()] });
        x.themes.push(ThemeRow { doc_id: "d".into(), date: date(), sentence: 2, theme: "drones".into(), domain: "military".into(), cue: "Shahed".into() });
        x.quotes.push(QuoteRow { doc_id: "d".into(), date: date(), sentence: 3, start: 1, end: 9, speaker: "Lavrov".into(), speaker_code: Some("RUSGOV".into()), quote: "we agree".into(), kind: "direct".into() });
        assert_eq!(x.len(), 4);
        let lines: Vec<String> = x.records().map(|r| serde_json::to_string(&r).unwrap()).collect();
        assert!(lines[1].contains(r#""record":"thing""#) && lines[1].contains(r#""themes":["drones"]"#));
        let mut back = Extracts::default();
        for l in &lines {
            back.push(serde_json::from_str(l).unwrap());
        }
        assert_eq!(back, x);
    }

    #[test]
    fn an_event_line_is_no_record_and_optional_fields_may_be_absent() {
        let e = r#"{"doc_id":"d","sentence":0,"date":"2024-05-01","source":"RUS","target":"IRN","code":"036","root":"03","quad_class":1,"goldstein":4.0,"plover":"","text":"x","spans":{}}"#;
        assert!(serde_json::from_str::<ExtractRecord>(e).is_err());
        let q: ExtractRecord = serde_json::from_str(r#"{"record":"quote","doc_id":"d","date":"2024-05-01","sentence":0,"start":0,"end":2,"quote":"no","kind":"direct"}"#).unwrap();
        let ExtractRecord::Quote(q) = q else { panic!("a quote") };
        assert_eq!((q.speaker.as_str(), q.speaker_code), ("", None));
    }
}
