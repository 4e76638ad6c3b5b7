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
