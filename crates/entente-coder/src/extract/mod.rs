//! Extraction while coding: what a sentence says besides its events, found in the same pass
//! over the document ([`Coder::code_with_extraction`](crate::Coder::code_with_extraction)).
//!
//! - amounts ([`amounts`]): money, percentages, measures and counts, each with a value and a
//!   unit normalised under the annotation rules of `eval/AMOUNTS.md`, measured against the
//!   hand-annotated set `eval/amounts.tsv` ([`eval`]);
//! - places ([`places`]): where the reported act happened, resolved through a gazetteer to a
//!   country and coordinates (`eval/PLACES.md`, `eval/places.tsv`, [`places_eval`]);
//! - named things and unknown names ([`things`]), themes ([`themes`], `THEMES.md`) and
//!   quotations ([`quotes`]).
//!
//! Every item carries the index of its sentence in the document, the same index an event
//! carries ([`Event::sentence`](entente_core::Event::sentence)) and its spans are relative to
//! that sentence's text, like an event's spans: an amount belongs to the events of its
//! sentence, and [`Extraction::events_of`] finds them.

pub mod amounts;
pub mod eval;
pub mod places;
pub mod places_eval;
pub mod quotes;
pub mod themes;
pub mod things;

pub use amounts::{Amount, AmountKind};
pub use places::{Gazetteer, GazetteerEntry, GazetteerError, Place, PlaceKind};
use entente_core::Event;
use quotes::Quote;
use themes::{DocTheme, ThemeHit};
use things::{Candidate, ThingMention};

/// What extraction found in one document.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Extraction {
    /// Sentences in the document.
    pub sentences: u32,
    /// The amounts, in sentence order and, within a sentence, in text order.
    pub amounts: Vec<Amount>,
    /// Named things, in text order.
    pub things: Vec<ThingMention>,
    /// Unknown proper names, in text order.
    pub candidates: Vec<Candidate>,
    /// Themes per sentence, in sentence order.
    pub themes: Vec<ThemeHit>,
    /// Themes of the whole document, most sentences first.
    pub doc_themes: Vec<DocTheme>,
    /// Quotations, in text order.
    pub quotes: Vec<Quote>,
    /// The places of every sentence (events' sentences or not), in sentence order.
    pub places: Vec<Place>,
    /// The text of each sentence that has amounts, in sentence order: a figure's citation.
    pub amount_sentences: Vec<(u32, String)>,
}

impl Extraction {
    /// The events of the amount's sentence (the events it is tied to), in `events`' order.
    pub fn events_of<'e>(amount: &Amount, events: &'e [Event]) -> impl Iterator<Item = &'e Event> {
        let si = amount.sentence;
        events.iter().filter(move |e| e.sentence == si)
    }

    /// The amounts of sentence `si`.
    pub fn amounts_in(&self, si: u32) -> impl Iterator<Item = &Amount> {
        self.amounts.iter().filter(move |a| a.sentence == si)
    }
}

impl Extraction {
    /// The rows the store keeps (`entente_core::extract`), for document `doc_id` of `date`:
    /// amounts, named things (unknown-name candidates are left out: they are leads for a
    /// dictionary, not facts), themes per sentence and quotes. Spans become character spans.
    pub fn rows(&self, doc_id: &str, date: entente_core::Date) -> entente_core::extract::Extracts {
        use entente_core::extract::{AmountRow, Extracts, QuoteRow, ThemeRow, ThingRow};
        let span = |(s, e): (usize, usize)| (u32::try_from(s).unwrap_or(u32::MAX), u32::try_from(e).unwrap_or(u32::MAX));
        Extracts {
            amounts: self
                .amounts
                .iter()
                .map(|a| {
                    let (start, end) = span(a.chars);
                    let sentence_text = self.amount_sentences.iter().find(|(si, _)| *si == a.sentence).map(|(_, t)| t.clone()).unwrap_or_default();
                    AmountRow { doc_id: doc_id.into(), date, sentence: a.sentence, start, end, text: a.text.clone(), value: a.value, unit: a.unit.clone(), kind: a.kind.name().into(), sentence_text }
                })
                .collect(),
            things: self
                .things
                .iter()
                .map(|t| {
                    let (start, end) = span(t.chars);
                    ThingRow {
                        doc_id: doc_id.into(),
                        date,
                        sentence: t.sentence,
                        start,
                        end,
                        text: t.text.clone(),
                        name: t.name.clone(),
                        category: t.category.label().into(),
                        themes: t.themes.clone(),
                    }
                })
                .collect(),
            themes: self
                .themes
                .iter()
                .map(|t| ThemeRow { doc_id: doc_id.into(), date, sentence: t.sentence, theme: t.theme.clone(), domain: t.domain.clone(), cue: t.cue.clone() })
                .collect(),
            quotes: self
                .quotes
                .iter()
                .filter(|q| !q.text.trim().is_empty())
                .map(|q| {
                    let (start, end) = span(q.chars);
                    QuoteRow {
                        doc_id: doc_id.into(),
                        date,
                        sentence: q.sentence,
                        start,
                        end,
                        speaker: q.speaker_name.clone().unwrap_or_default(),
                        speaker_code: q.speaker.clone(),
                        quote: q.text.clone(),
                        kind: match q.kind {
                            quotes::QuoteKind::Direct => "direct",
                            quotes::QuoteKind::Reported => "reported",
                        }
                        .into(),
                    }
                })
                .collect(),
        }
    }
}
