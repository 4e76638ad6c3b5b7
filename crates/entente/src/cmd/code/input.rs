//! Reading documents for `entente code`: JSON Lines or plain text, from files or stdin.
//!
//! The reader never gives up on a source because of one bad line: every problem becomes a
//! [`Problem`] naming the file and line, and reading goes on. Memory is bounded by
//! `max_doc_bytes`: a longer line (or plain-text file) is skipped without being held in memory.

use entente_coder::input::document_from_json;
use entente_core::{Date, Document};
use serde_json::Value;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

/// The default limit on one document's size on input: a JSON line, or a whole plain-text file.
pub const DEFAULT_MAX_DOC_BYTES: usize = 8 * 1024 * 1024;

/// Where documents come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The name used in messages and, for plain text, as the document id.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// The size in bytes, when known (for the progress bar).
    pub fn len(&self) -> Option<u64> {
        match self {
            Source::Stdin => None,
            Source::File(p) => std::fs::metadata(p).ok().filter(|m| m.is_file()).map(|m| m.len()),
        }
    }
}

/// How much input a problem cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipped {
    /// Nothing: the input was used (e.g. invalid UTF-8 replaced).
    Nothing,
    /// One JSON line.
    Line,
    /// One document (read, but it could not be coded).
    Document,
    /// A whole file (or the rest of it).
    File,
}

/// A problem with the input. Reading goes on after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The source's name.
    pub file: String,
    /// 1-based line, for JSON Lines.
    pub line: Option<u64>,
    /// What was wrong.
    pub message: String,
    /// What was skipped because of it.
    pub skipped: Skipped,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)?;
        match self.skipped {
            Skipped::Nothing => Ok(()),
            Skipped::Line => write!(f, " (line skipped)"),
            Skipped::Document => write!(f, " (document skipped)"),
            Skipped::File => write!(f, " (skipped)"),
        }
    }
}

/// What the reader yields: a document, or a problem to report.
#[derive(Debug)]
pub enum Item {
    /// A document to code.
    Doc(Document),
    /// Something wrong with the input.
    Problem(Problem),
}

/// Options shared by every source.
#[derive(Debug, Clone)]
pub struct Options {
    /// Date of plain-text documents and of JSON lines without one.
    pub default_date: Option<Date>,
    /// The longest JSON line or plain-text file accepted.
    pub max_doc_bytes: usize,
}

enum Format {
    /// Not yet known: nothing read.
    Unknown,
    JsonLines,
    /// Plain text, already read (or skipped).
    Done,
}

/// Reads one source, document by document.
pub struct Reader {
    name: String,
    input: Option<BufReader<Box<dyn Read + Send>>>,
    opts: Options,
    format: Format,
    line: u64,
    buf: Vec<u8>,
    /// Bytes consumed so far, for the progress bar.
    pub bytes_read: u64,
    /// Problems before the next item (e.g. a warning about the line being returned).
    pending: Vec<Item>,
}

impl Reader {
    /// Opens `source`; a file that cannot be opened yields one problem and nothing else.
    pub fn open(source: &Source, opts: Options) -> Reader {
        let name = source.name();
        let mut pending = Vec::new();
        let input: Option<Box<dyn Read + Send>> = match source {
            Source::Stdin => Some(Box::new(io::stdin())),
            Source::File(p) => match File::open(p) {
                Ok(f) if f.metadata().is_ok_and(|m| m.is_dir()) => {
                    pending.push(file_problem(&name, "is a directory".to_string()));
                    None
                }
                Ok(f) => Some(Box::new(f)),
                Err(e) => {
                    pending.push(file_problem(&name, format!("cannot open: {e}")));
                    None
                }
            },
        };
        Reader {
            name,
            input: input.map(|r| BufReader::with_capacity(64 * 1024, r)),
            opts,
            format: Format::Unknown,
            line: 0,
            buf: Vec::new(),
            bytes_read: 0,
            pending,
        }
    }

    /// The line of the last JSON document returned; 0 for plain text.
    pub fn line(&self) -> u64 {
        match self.format {
            Format::JsonLines => self.line,
            _ => 0,
        }
    }

    fn problem(&self, line: Option<u64>, message: String, skipped: Skipped) -> Item {
        Item::Problem(Problem { file: self.name.clone(), line, message, skipped })
    }

    /// Skips a UTF-8 byte-order mark and leading white space (counting lines) and decides the
    /// format from the first byte.
    fn detect(&mut self) -> io::Result<()> {
        let Some(input) = self.input.as_mut() else {
            self.format = Format::Done;
            return Ok(());
        };
        // Windows editors start UTF-8 files with a byte-order mark; it is not content (and
        // would otherwise make a JSON Lines file look like plain text).
        if skip_bom(input)? {
            self.bytes_read += BOM.len() as u64;
        }
        loop {
            let buf = match input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                self.format = Format::Done; // empty input: no documents, no problem
                return Ok(());
            }
            let blank = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
            self.line += buf[..blank].iter().filter(|&&b| b == b'\n').count() as u64;
            self.bytes_read += blank as u64;
            let first = buf.get(blank).copied();
            input.consume(blank);
            match first {
                None => continue,
                Some(b'{') => {
                    self.format = Format::JsonLines;
                    return Ok(());
                }
                Some(_) => {
                    self.format = Format::Done;
                    let item = self.read_plain_text();
                    self.pending.push(item);
                    return Ok(());
                }
            }
        }
    }

    /// Reads the rest of the input as one plain-text document.
    fn read_plain_text(&mut self) -> Item {
        let input = self.input.take().expect("input is open");
        let limit = self.opts.max_doc_bytes;
        let mut bytes = Vec::new();
        if let Err(e) = input.take(limit as u64 + 1).read_to_end(&mut bytes) {
            return self.problem(None, format!("read error: {e}"), Skipped::File);
        }
        self.bytes_read += bytes.len() as u64;
        if bytes.len() > limit {
            return self.problem(
                None,
                format!("plain-text document is over the {} limit (see --max-doc-bytes)", human_bytes(limit)),
                Skipped::File,
            );
        }
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            return self.problem(
                None,
                format!("looks like a binary file (NUL byte at offset {at}), not JSON Lines or plain text"),
                Skipped::File,
            );
        }
        let Some(date) = self.opts.default_date else {
            return self.problem(
                None,
                "plain text (not JSON Lines) needs --date YYYY-MM-DD".to_string(),
                Skipped::File,
            );
        };
        let text = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                self.pending.push(self.problem(
                    None,
                    format!("invalid UTF-8 at byte {at}, replaced with U+FFFD"),
                    Skipped::Nothing,
                ));
                text
            }
        };
        let id = match std::path::Path::new(&self.name).file_name() {
            Some(n) if self.name != "<stdin>" => n.to_string_lossy().into_owned(),
            _ => self.name.clone(),
        };
        Item::Doc(Document { id, date, text })
    }

    /// The next JSON line as an item; `None` at the end of input.
    fn next_json(&mut self) -> Option<Item> {
        loop {
            let input = self.input.as_mut()?;
            let limit = self.opts.max_doc_bytes;
            let read = match read_line_capped(input, &mut self.buf, limit) {
                Ok(r) => r,
                Err(e) => {
                    self.input = None;
                    let line = self.line + 1;
                    return Some(self.problem(Some(line), format!("read error: {e}; rest of input skipped"), Skipped::File));
                }
            };
            match read {
                LineRead::Eof => {
                    self.input = None;
                    return None;
                }
                LineRead::TooLong { consumed } => {
                    self.line += 1;
                    self.bytes_read += consumed;
                    return Some(self.problem(
                        Some(self.line),
                        format!(
                            "line of {} is over the {} limit (see --max-doc-bytes)",
                            human_bytes(consumed as usize),
                            human_bytes(limit)
                        ),
                        Skipped::Line,
                    ));
                }
                LineRead::Line { consumed } => {
                    self.line += 1;
                    self.bytes_read += consumed;
                    if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    let buf = std::mem::take(&mut self.buf);
                    let item = self.parse_json_line(&buf);
                    self.buf = buf;
                    return Some(item);
                }
            }
        }
    }

    fn parse_json_line(&mut self, bytes: &[u8]) -> Item {
        let line = Some(self.line);
        let value: Result<Value, _> = match std::str::from_utf8(bytes) {
            Ok(s) => serde_json::from_str(s),
            Err(e) => {
                let at = e.valid_up_to();
                self.pending.push(self.problem(
                    line,
                    format!("invalid UTF-8 at byte {at} of the line, replaced with U+FFFD"),
                    Skipped::Nothing,
                ));
                serde_json::from_str(&String::from_utf8_lossy(bytes))
            }
        };
        let value = match value {
            Ok(v) => v,
            Err(e) => return self.problem(line, json_error(&e), Skipped::Line),
        };
        match document_from_json(value, self.opts.default_date) {
            Ok(mut doc) => {
                if doc.id.is_empty() {
                    doc.id = format!("{}:{}", self.name, self.line);
                }
                Item::Doc(doc)
            }
            Err(message) => self.problem(line, message, Skipped::Line),
        }
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if matches!(self.format, Format::Unknown) {
            if let Err(e) = self.detect() {
                self.input = None;
                self.format = Format::Done;
                self.pending.push(self.problem(None, format!("read error: {e}"), Skipped::File));
            }
        }
        if !self.pending.is_empty() {
            return Some(self.pending.remove(0));
        }
        let item = match self.format {
            Format::JsonLines => self.next_json()?,
            _ => return None,
        };
        if self.pending.is_empty() {
            Some(item)
        } else {
            // A warning about this line goes before it.
            self.pending.push(item);
            Some(self.pending.remove(0))
        }
    }
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Consumes a byte-order mark at the start of `input`, if its first read holds one.
fn skip_bom<R: Read>(input: &mut BufReader<R>) -> io::Result<bool> {
    let buf = loop {
        match input.fill_buf() {
            Ok(b) => break b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    let bom = buf.starts_with(BOM);
    if bom {
        input.consume(BOM.len());
    }
    Ok(bom)
}

/// serde_json's message without its "at line 1 column N" (a JSON line is always line 1).
fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let msg = msg.strip_suffix(&suffix).unwrap_or(&msg);
    format!("invalid JSON at column {}: {msg}", e.column())
}

fn file_problem(name: &str, message: String) -> Item {
    Item::Problem(Problem { file: name.to_string(), line: None, message, skipped: Skipped::File })
}

/// `8 MiB`, `10.0 MiB`, `512 bytes`.
#[allow(clippy::manual_is_multiple_of)] // `is_multiple_of` is newer than our rust-version
pub fn human_bytes(n: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if n >= MIB && n % MIB == 0 {
        format!("{} MiB", n / MIB)
    } else if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else if n >= 1024 && n % 1024 == 0 {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

#[derive(Debug, PartialEq, Eq)]
enum LineRead {
    Eof,
    /// A line is in the buffer (without its `\n` or `\r\n`).
    Line { consumed: u64 },
    /// The line was longer than the cap; it was read through and dropped.
    TooLong { consumed: u64 },
}

/// Reads one line into `buf` without ever holding more than `cap` bytes of it.
fn read_line_capped<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, cap: usize) -> io::Result<LineRead> {
    buf.clear();
    let mut consumed: u64 = 0;
    let mut too_long = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            if consumed == 0 {
                return Ok(LineRead::Eof);
            }
            break;
        }
        let (chunk, used, end) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (&avail[..i], i + 1, true),
            None => (avail, avail.len(), false),
        };
        if !too_long {
            if buf.len() + chunk.len() > cap {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        consumed += used as u64;
        r.consume(used);
        if end {
            break;
        }
    }
    if too_long {
        return Ok(LineRead::TooLong { consumed });
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(LineRead::Line { consumed })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn json(s: &str) -> Result<Document, String> {
        document_from_json(serde_json::from_str(s).unwrap(), None)
    }

    #[test]
    fn reads_text_or_title_and_body() {
        let d = json(r#"{"id":"a","date":"2022-02-24","text":"Hi."}"#).unwrap();
        assert_eq!((d.id.as_str(), d.date, d.text.as_str()), ("a", date("2022-02-24"), "Hi."));
        let d = json(r#"{"id":7,"date":"1987-02-26T15:01:01","title":"T","body":"B."}"#).unwrap();
        assert_eq!((d.id.as_str(), d.date, d.text.as_str()), ("7", date("1987-02-26"), "T\n\nB."));
        let d = json(r#"{"id":"x","date":"20220224","title":"Only a headline"}"#).unwrap();
        assert_eq!(d.text, "Only a headline");
        let d = json(r#"{"date":"2022-02-24","text":"t","extra":[1,2]}"#).unwrap();
        assert_eq!(d.id, "", "no id: the reader names it after the line");
    }

    #[test]
    fn rejects_bad_fields_with_reasons() {
        let cases = [
            (r#"{"id":"a","text":"t"}"#, "missing `date`"),
            (r#"{"id":"a","date":"2023-02-29","text":"t"}"#, "bad `date`"),
            (r#"{"id":"a","date":"24/02/2022","text":"t"}"#, "bad `date`"),
            (r#"{"id":"a","date":"2022-02-24"}"#, "missing `text`"),
            (r#"{"id":"a","date":"2022-02-24","text":5}"#, "`text` must be a string"),
            (r#"{"id":[1],"date":"2022-02-24","text":"t"}"#, "`id` must be"),
            (r#"[1,2]"#, "expected a JSON object"),
        ];
        for (line, want) in cases {
            let err = json(line).unwrap_err();
            assert!(err.contains(want), "{line}: {err:?} lacks {want:?}");
        }
    }

    #[test]
    fn default_date_fills_a_missing_one_only() {
        let v = serde_json::from_str(r#"{"id":"a","text":"t"}"#).unwrap();
        assert_eq!(document_from_json(v, Some(date("2020-01-01"))).unwrap().date, date("2020-01-01"));
        let v = serde_json::from_str(r#"{"id":"a","date":"nope","text":"t"}"#).unwrap();
        assert!(document_from_json(v, Some(date("2020-01-01"))).is_err());
    }

    #[test]
    fn capped_lines_never_hold_more_than_the_cap() {
        let data = b"short\r\nthis one is far too long\nok\nlast";
        let mut r = BufReader::with_capacity(4, &data[..]);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        loop {
            let read = read_line_capped(&mut r, &mut buf, 8).unwrap();
            assert!(buf.len() <= 8);
            if read == LineRead::Eof {
                break;
            }
            got.push((read, String::from_utf8(buf.clone()).unwrap()));
        }
        assert_eq!(
            got,
            vec![
                (LineRead::Line { consumed: 7 }, "short".to_string()),
                (LineRead::TooLong { consumed: 25 }, String::new()),
                (LineRead::Line { consumed: 3 }, "ok".to_string()),
                (LineRead::Line { consumed: 4 }, "last".to_string()),
            ]
        );
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_bytes(8 * 1024 * 1024), "8 MiB");
        assert_eq!(human_bytes(10_000_000), "9.5 MiB");
        assert_eq!(human_bytes(100), "100 bytes");
    }
}
