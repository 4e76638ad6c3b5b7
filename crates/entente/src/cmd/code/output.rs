//! Writing events: JSON Lines, a JSON array, TSV or CSV.
//!
//! Spans are written twice: as byte offsets into the sentence (`spans`, `*_span`: what Rust and
//! Go slice by) and as character offsets, counting Unicode scalar values (`char_spans`,
//! `*_char_span`: what Python slices by). They differ when the sentence has non-ASCII text
//! before or inside the span.

use crate::cmd::output::{write_tsv_field, Format};
use entente_core::{Event, Spans};
use serde::Serialize;
use std::io::{self, Write};

/// The formats `entente code` writes.
pub const FORMATS: &[Format] = &[Format::Jsonl, Format::Json, Format::Tsv, Format::Csv];

/// The columns of the TSV and CSV formats, in order.
pub const COLUMNS: &[&str] = &[
    "doc_id",
    "sentence",
    "date",
    "source",
    "target",
    "code",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "text",
    "source_span",
    "target_span",
    "verb_span",
    "confidence",
    "place",
    "place_country",
    "lat",
    "lon",
    "source_char_span",
    "target_char_span",
    "verb_char_span",
];

/// Writes events in one format.
pub enum EventWriter<W: Write> {
    /// JSON Lines.
    Jsonl(W),
    /// One JSON array; `first` until a record was written.
    Json { out: W, first: bool },
    /// Tab-separated values.
    Tsv(W),
    /// Comma-separated values.
    Csv(Box<csv::Writer<W>>),
}

/// An event as JSON: its own fields, then `char_spans`.
use entente_core::EventRecord as JsonEvent;

impl<W: Write> EventWriter<W> {
    /// A writer over `out` in `format` (one of [`FORMATS`]); TSV and CSV headers are written at
    /// once.
    pub fn new(format: Format, mut out: W) -> io::Result<EventWriter<W>> {
        Ok(match format {
            Format::Jsonl => EventWriter::Jsonl(out),
            Format::Json => {
                out.write_all(b"[")?;
                EventWriter::Json { out, first: true }
            }
            Format::Tsv => {
                writeln!(out, "{}", COLUMNS.join("\t"))?;
                EventWriter::Tsv(out)
            }
            Format::Csv => {
                let mut w = csv::WriterBuilder::new().from_writer(out);
                w.write_record(COLUMNS).map_err(csv_to_io)?;
                EventWriter::Csv(Box::new(w))
            }
            other => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("entente code cannot write {} (a bug: the arguments admit only jsonl, json, tsv, csv)", other.name()),
                ))
            }
        })
    }

    /// Writes one JSON value: a line of JSON Lines, or the next element of the array.
    fn write_json(&mut self, value: &impl Serialize) -> io::Result<()> {
        let out = match self {
            EventWriter::Jsonl(out) => out,
            EventWriter::Json { out, first } => {
                out.write_all(if *first { &b"\n"[..] } else { &b",\n"[..] })?;
                *first = false;
                serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
                return Ok(());
            }
            EventWriter::Tsv(_) | EventWriter::Csv(_) => return Ok(()),
        };
        serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
        out.write_all(b"\n")
    }

    /// Writes one event.
    pub fn write(&mut self, e: &Event) -> io::Result<()> {
        match self {
            EventWriter::Jsonl(_) | EventWriter::Json { .. } => self.write_json(&JsonEvent::new(e)),
            EventWriter::Tsv(out) => {
                for (i, f) in fields(e).iter().enumerate() {
                    if i > 0 {
                        out.write_all(b"\t")?;
                    }
                    write_tsv_field(out, f)?;
                }
                out.write_all(b"\n")
            }
            EventWriter::Csv(w) => w
                .write_record(fields(e).iter().map(|f| f.as_bytes()))
                .map_err(csv_to_io),
        }
    }

    /// Writes one extract record (JSON only: TSV and CSV carry events only).
    pub fn write_record(&mut self, r: &entente_core::extract::ExtractRecord) -> io::Result<()> {
        self.write_json(r)
    }

    /// Ends the output (closing a JSON array) and flushes it.
    pub fn finish(&mut self) -> io::Result<()> {
        match self {
            EventWriter::Jsonl(out) | EventWriter::Tsv(out) => out.flush(),
            EventWriter::Json { out, first } => {
                out.write_all(if *first { &b"]\n"[..] } else { &b"\n]\n"[..] })?;
                out.flush()
            }
            EventWriter::Csv(w) => w.flush(),
        }
    }
}

/// `e.spans` as character offsets into `e.text`.
pub fn char_spans(e: &Event) -> Spans {
    e.char_spans()
}

fn csv_to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn span(s: Option<(usize, usize)>) -> String {
    s.map(|(a, b)| format!("{a}-{b}")).unwrap_or_default()
}

pub use entente_coder::round_confidence;

fn confidence(c: Option<f32>) -> String {
    c.map(|c| format!("{:.3}", round_confidence(c)))
        .unwrap_or_default()
}

fn fields(e: &Event) -> [std::borrow::Cow<'_, str>; 22] {
    use std::borrow::Cow::{Borrowed, Owned};
    let chars = char_spans(e);
    [
        Borrowed(e.doc_id.as_str()),
        Owned(e.sentence.to_string()),
        Owned(e.date.to_string()),
        Borrowed(e.source.as_str()),
        Borrowed(e.target.as_str()),
        Borrowed(e.code.as_str()),
        Borrowed(e.root.as_str()),
        Owned(e.quad_class.to_string()),
        Owned(e.goldstein.to_string()),
        Borrowed(e.plover.as_str()),
        Borrowed(e.text.as_str()),
        Owned(span(e.spans.source)),
        Owned(span(e.spans.target)),
        Owned(span(e.spans.verb)),
        Owned(confidence(e.confidence)),
        Borrowed(e.place.as_deref().unwrap_or("")),
        Borrowed(e.place_country.as_deref().unwrap_or("")),
        Owned(e.lat.map(|x| format!("{x:.4}")).unwrap_or_default()),
        Owned(e.lon.map(|x| format!("{x:.4}")).unwrap_or_default()),
        Owned(span(chars.source)),
        Owned(span(chars.target)),
        Owned(span(chars.verb)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_core::{Date, Spans};

    fn event() -> Event {
        let spans = Spans {
            source: Some((0, 4)),
            target: None,
            verb: Some((5, 10)),
        };
        Event {
            confidence: Some(0.72349),
            ..Event::new(
                "d1",
                2,
                Date::new(2022, 2, 24).unwrap(),
                "RUS",
                "UKR",
                "19",
                "Russia\tattacked,\n\"Ukraine\" \\",
                spans,
            )
            .unwrap()
        }
    }

    fn render(format: Format) -> String {
        render_event(format, &event())
    }

    fn render_event(format: Format, e: &Event) -> String {
        let mut buf = Vec::new();
        let mut w = EventWriter::new(format, &mut buf).unwrap();
        w.write(e).unwrap();
        w.finish().unwrap();
        drop(w);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn jsonl_round_trips_the_event() {
        let out = render(Format::Jsonl);
        assert_eq!(out.lines().count(), 1);
        let back: Event = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(back, event());
        assert!(out.contains(r#""confidence":0.72349"#), "{out}");
    }

    #[test]
    fn confidence_is_written_to_three_decimals_or_left_empty() {
        assert_eq!(confidence(Some(0.72349)), "0.723");
        assert_eq!(confidence(Some(1.0)), "1.000");
        assert_eq!(confidence(None), "");
        assert_eq!(round_confidence(0.4996), 0.5);
        let json = serde_json::to_string(&Event {
            confidence: None,
            ..event()
        })
        .unwrap();
        assert!(!json.contains("confidence"), "{json}");
    }

    #[test]
    fn tsv_escapes_text_and_writes_spans() {
        let out = render(Format::Tsv);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].split('\t').collect::<Vec<_>>(), COLUMNS);
        let cols: Vec<&str> = lines[1].split('\t').collect();
        assert_eq!(cols.len(), COLUMNS.len());
        assert_eq!(cols[2], "2022-02-24");
        assert_eq!(cols[8], "-10");
        assert_eq!(cols[10], r#"Russia\tattacked,\n"Ukraine" \\"#);
        assert_eq!(&cols[11..15], ["0-4", "", "5-10", "0.723"]);
        assert_eq!(&cols[15..19], ["", "", "", ""], "no place");
        assert_eq!(&cols[19..], ["0-4", "", "5-10"], "ASCII: characters are bytes");
    }

    #[test]
    fn json_is_one_array_of_the_jsonl_objects() {
        let line: serde_json::Value = serde_json::from_str(render(Format::Jsonl).trim_end()).unwrap();
        let array: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
        assert_eq!(array, serde_json::Value::Array(vec![line]));
        let mut buf = Vec::new();
        EventWriter::new(Format::Json, &mut buf).unwrap().finish().unwrap();
        assert_eq!(serde_json::from_slice::<serde_json::Value>(&buf).unwrap(), serde_json::json!([]));
    }

    #[test]
    fn char_spans_count_characters_where_byte_spans_count_bytes() {
        // "Ça" is 3 bytes, 2 characters; "ü" 2 bytes, 1 character.
        let text = "Ça: Müller met Putin.";
        let b = |w: &str| {
            let a = text.find(w).unwrap();
            (a, a + w.len())
        };
        let e = Event {
            text: text.to_string(),
            spans: Spans { source: Some(b("Müller")), target: Some(b("Putin")), verb: Some(b("met")) },
            ..event()
        };
        let c = char_spans(&e);
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: Option<(usize, usize)>| chars[s.unwrap().0..s.unwrap().1].iter().collect::<String>();
        assert_eq!(slice(c.source), "Müller");
        assert_eq!(slice(c.target), "Putin");
        assert_eq!(slice(c.verb), "met");
        assert_eq!(c.source, Some((4, 10)), "bytes {:?}", e.spans.source);
        assert_eq!(e.spans.source, Some((5, 12)));
        let json: serde_json::Value = serde_json::from_str(render_event(Format::Jsonl, &e).trim_end()).unwrap();
        assert_eq!(json["char_spans"]["target"], serde_json::json!([15, 20]));
        assert_eq!(json["spans"]["target"], serde_json::json!([17, 22]));
        let tsv = render_event(Format::Tsv, &e);
        let cols: Vec<&str> = tsv.lines().nth(1).unwrap().split('\t').collect();
        assert_eq!(&cols[11..14], ["5-12", "17-22", "13-16"]);
        assert_eq!(&cols[19..], ["4-10", "15-20", "11-14"]);
    }

    #[test]
    fn csv_quotes_text() {
        let out = render(Format::Csv);
        let mut r = csv::Reader::from_reader(out.as_bytes());
        assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), COLUMNS);
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[10], "Russia\tattacked,\n\"Ukraine\" \\");
        assert_eq!(&rec[11], "0-4");
        assert_eq!(&rec[14], "0.723");
    }
}
