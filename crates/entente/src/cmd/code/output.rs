//! Writing events: JSON Lines, TSV or CSV, one event a line.

use entente_core::Event;
use std::io::{self, Write};

/// Output format of `entente code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per event: every field of the event, spans as `[start, end]` pairs,
    /// `confidence` a number from 0 to 1.
    Jsonl,
    /// Tab-separated with a header; `\t`, `\n`, `\r` and `\` in text are written as `\t`, `\n`,
    /// `\r` and `\\`; spans as `start-end`.
    Tsv,
    /// Comma-separated (RFC 4180) with a header; spans as `start-end`.
    Csv,
}

impl Format {
    /// The format a file name's extension implies, if any.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "tsv" | "tab" => Some(Format::Tsv),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

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
];

/// Writes events in one format.
pub enum EventWriter<W: Write> {
    /// JSON Lines.
    Jsonl(W),
    /// Tab-separated values.
    Tsv(W),
    /// Comma-separated values.
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> EventWriter<W> {
    /// A writer over `out`; TSV and CSV headers are written at once.
    pub fn new(format: Format, mut out: W) -> io::Result<EventWriter<W>> {
        Ok(match format {
            Format::Jsonl => EventWriter::Jsonl(out),
            Format::Tsv => {
                writeln!(out, "{}", COLUMNS.join("\t"))?;
                EventWriter::Tsv(out)
            }
            Format::Csv => {
                let mut w = csv::WriterBuilder::new().from_writer(out);
                w.write_record(COLUMNS).map_err(csv_to_io)?;
                EventWriter::Csv(Box::new(w))
            }
        })
    }

    /// Writes one event.
    pub fn write(&mut self, e: &Event) -> io::Result<()> {
        match self {
            EventWriter::Jsonl(out) => {
                serde_json::to_writer(&mut *out, e).map_err(io::Error::from)?;
                out.write_all(b"\n")
            }
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

    /// Writes one extract record (JSON Lines only: TSV and CSV carry events only).
    pub fn write_record(&mut self, r: &entente_core::extract::ExtractRecord) -> io::Result<()> {
        match self {
            EventWriter::Jsonl(out) => {
                serde_json::to_writer(&mut *out, r).map_err(io::Error::from)?;
                out.write_all(b"\n")
            }
            EventWriter::Tsv(_) | EventWriter::Csv(_) => Ok(()),
        }
    }

    /// Flushes the output.
    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            EventWriter::Jsonl(out) | EventWriter::Tsv(out) => out.flush(),
            EventWriter::Csv(w) => w.flush(),
        }
    }
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

fn fields(e: &Event) -> [std::borrow::Cow<'_, str>; 19] {
    use std::borrow::Cow::{Borrowed, Owned};
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
    ]
}

fn write_tsv_field<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\\' => b"\\\\",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(esc)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
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
        let mut buf = Vec::new();
        let mut w = EventWriter::new(format, &mut buf).unwrap();
        w.write(&event()).unwrap();
        w.flush().unwrap();
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
        assert_eq!(&cols[15..], ["", "", "", ""], "no place");
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
