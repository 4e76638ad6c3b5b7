//! A coded event and the evidence that backs it.

use crate::Date;
use serde::{Deserialize, Serialize};

/// Byte ranges `[start, end)` into [`Event::text`] of the words that made the event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spans {
    /// The source actor's words.
    pub source: Option<(usize, usize)>,
    /// The target actor's words.
    pub target: Option<(usize, usize)>,
    /// The verb (the first word of a multi-word verb through its last).
    pub verb: Option<(usize, usize)>,
}

/// One event: who did what to whom, when, with the sentence it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The document's id.
    pub doc_id: String,
    /// Index of the sentence within the document, from 0.
    pub sentence: u32,
    /// The document's date.
    pub date: Date,
    /// Source actor code, e.g. `IRNMIL`.
    pub source: String,
    /// Target actor code, e.g. `RUS`; empty when the event has no target.
    pub target: String,
    /// CAMEO event code, e.g. `0841`.
    pub code: String,
    /// Two-digit CAMEO root, e.g. `08`.
    pub root: String,
    /// GDELT quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub quad_class: u8,
    /// Goldstein value of the code, -10 to +10.
    pub goldstein: f32,
    /// PLOVER event type, e.g. `AID`.
    pub plover: String,
    /// The sentence text: the evidence.
    pub text: String,
    /// Where in `text` the source, target and verb were found.
    pub spans: Spans,
    /// The coder's estimate, 0–1, that the event is right (at the level of country dyad and
    /// CAMEO root); `None` when unknown (events from elsewhere, or made by hand). Absent from
    /// JSON when `None`, and read as `None` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// Where the event happened, as the place resolver names it (e.g. `Basra`, `Caspian Sea`):
    /// the first event place of the sentence; `None` when the sentence names none, or for events
    /// coded without place extraction. Absent from JSON when `None`, and read as `None` when
    /// absent (so are the three fields below).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// ISO 3166-1 alpha-3 code of the country the place lies in (today's borders); `None` when
    /// there is no place, or the place is in no single country (a sea, "the Gulf", "Europe").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_country: Option<String>,
    /// Latitude of the place, decimal degrees (north positive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude of the place, decimal degrees (east positive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// The character offset (Unicode scalar values) of byte offset `byte` of `text`.
fn char_offset(text: &str, byte: usize) -> usize {
    match text.get(..byte) {
        Some(head) => head.chars().count(),
        // Not on a character boundary (never, for spans the coder makes): the characters
        // that start before it.
        None => text.char_indices().take_while(|&(i, _)| i < byte).count(),
    }
}

/// An event as `entente code` writes it in JSON (and the Python package's Table): its own
/// fields, then `char_spans`, its spans as character offsets (what Python slices by).
#[derive(Debug, Serialize)]
pub struct EventRecord<'a> {
    /// The event.
    #[serde(flatten)]
    pub event: &'a Event,
    /// [`Event::char_spans`].
    pub char_spans: Spans,
}

impl<'a> EventRecord<'a> {
    /// The record of `event`.
    pub fn new(event: &'a Event) -> EventRecord<'a> {
        EventRecord { event, char_spans: event.char_spans() }
    }
}

impl Event {
    /// [`Event::spans`] as character offsets into [`Event::text`] (Unicode scalar values,
    /// what Python slices by), where the spans are byte offsets (what Rust and Go slice by).
    pub fn char_spans(&self) -> Spans {
        let conv = |s: Option<(usize, usize)>| s.map(|(a, b)| (char_offset(&self.text, a), char_offset(&self.text, b)));
        Spans { source: conv(self.spans.source), target: conv(self.spans.target), verb: conv(self.spans.verb) }
    }

    /// An event for `code`, filling root, quad class, Goldstein and PLOVER from the ontology,
    /// with no confidence and no place. Returns `None` when `code` is not a CAMEO code.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        doc_id: &str,
        sentence: u32,
        date: Date,
        source: &str,
        target: &str,
        code: &str,
        text: &str,
        spans: Spans,
    ) -> Option<Event> {
        let info = crate::cameo::lookup(code)?;
        Some(Event {
            doc_id: doc_id.to_string(),
            sentence,
            date,
            source: source.to_string(),
            target: target.to_string(),
            code: code.to_string(),
            root: info.root.to_string(),
            quad_class: info.quad_class,
            goldstein: info.goldstein,
            plover: crate::plover::for_cameo(code).map(|p| p.event_type.to_string()).unwrap_or_default(),
            text: text.to_string(),
            spans,
            confidence: None,
            place: None,
            place_country: None,
            lat: None,
            lon: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_spans_count_characters_and_a_byte_inside_one_counts_those_before() {
        let date = "2024-01-01".parse().unwrap();
        let mut e = Event::new("d", 0, date, "DEU", "RUS", "040", "Çelik met Putin", Spans::default()).unwrap();
        e.spans = Spans { source: Some((0, 6)), target: Some((11, 16)), verb: Some((1, 3)) };
        let c = e.char_spans();
        assert_eq!(c.source, Some((0, 5)), "Çelik: 6 bytes, 5 characters");
        assert_eq!(c.target, Some((10, 15)));
        assert_eq!(c.verb, Some((1, 2)), "byte 1 is inside Ç: the characters that start before it");
    }
}
