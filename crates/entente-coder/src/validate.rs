//! PETRARCH validation suites: read the records, code each `<Text>`, score against the expected
//! `<EventCoding>`s.
//!
//! A record is evaluated when its category is in the `<Include>` list of the file's
//! `<Environment>`, and it is not switched off (`evaluate="false"` in the UD-PETRARCH file,
//! `sentence="false"` in the PETRARCH-1 file), and it does not expect an `error` (those test
//! broken parses, which a coder of raw text never sees). A sentence passes when its sorted
//! (source, target, code) triples equal the expected ones; `noevents` and discard expectations
//! expect no event. The `<Parse>` is never read: the coder works from text.

use crate::{Coder, Error, Result};
use entente_core::Date;
use quick_xml::events::Event as XmlEvent;
use quick_xml::Reader;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// One expected or coded event: (source, target, code).
pub type Triple = (String, String, String);

/// The `<Environment>` of a records file: its dictionaries and the categories evaluated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// Dictionary file names, relative to the records file: verbs, actors, agents, discards.
    pub files: Vec<String>,
    /// Categories evaluated; empty means all.
    pub include: Vec<String>,
}

/// One `<Sentence>` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The record's id, e.g. `DEMO-01`.
    pub id: String,
    /// Its category, e.g. `COMPOUND`.
    pub category: String,
    /// The document date; `None` when missing or unreadable.
    pub date: Option<Date>,
    /// The sentence text.
    pub text: String,
    /// The expected events, sorted; empty for `noevents`, `error` and discards.
    pub expected: Vec<Triple>,
    /// Whether the record is switched on (`evaluate`/`sentence` attribute not "false").
    pub enabled: bool,
    /// The record expects an `error`: a broken parse, which a coder of raw text never sees.
    pub expects_error: bool,
}

/// A records file.
#[derive(Debug, Clone, Default)]
pub struct Suite {
    /// The records file.
    pub path: PathBuf,
    /// Its environment.
    pub environment: Environment,
    /// All records, in file order.
    pub records: Vec<Record>,
}

impl Suite {
    /// Is `r` evaluated: switched on and in an included category?
    pub fn evaluated(&self, r: &Record) -> bool {
        r.enabled && !r.expects_error && (self.environment.include.is_empty() || self.environment.include.contains(&r.category))
    }

    /// Loads the dictionaries the environment names, from the records file's directory.
    pub fn dictionaries(&self) -> Result<entente_dict::Dictionaries> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let mut d = entente_dict::Dictionaries::default();
        for f in &self.environment.files {
            let p = dir.join(f);
            if !p.exists() {
                continue;
            }
            d.load_file(&p, None).map_err(|e| Error::Records { path: p.display().to_string(), message: e.to_string() })?;
        }
        Ok(d)
    }
}

/// `line L (byte B): ERROR` for an error at byte offset `pos` of `xml`.
fn at(xml: &str, pos: u64, e: impl fmt::Display) -> String {
    let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(xml.len());
    let line = 1 + xml.as_bytes()[..pos].iter().filter(|&&b| b == b'\n').count();
    format!("line {line} (byte {pos}): {e}")
}

/// Reads a records file.
pub fn read_suite(path: impl AsRef<Path>) -> Result<Suite> {
    let path = path.as_ref();
    let err = |message: String| Error::Records { path: path.display().to_string(), message };
    let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut suite = parse_suite(&text).map_err(err)?;
    suite.path = path.to_path_buf();
    Ok(suite)
}

/// Parses the text of a records file. Malformed XML is an error naming its line and byte (and
/// [`read_suite`] adds the file); elements left open at the end are tolerated (the suites leave
/// `<PLEvent>` tags open), so an empty or truncated file gives the records closed so far.
pub fn parse_suite(xml: &str) -> std::result::Result<Suite, String> {
    let mut reader = Reader::from_str(xml);
    // The suites have unclosed <PLEvent> tags inside records; match ends by name ourselves.
    reader.config_mut().check_end_names = false;
    let mut suite = Suite::default();
    let mut stack: Vec<String> = Vec::new();
    let mut cur: Option<Record> = None;
    let mut text = String::new();
    let mut expected: Vec<Triple> = Vec::new();
    loop {
        let ev = reader.read_event().map_err(|e| at(xml, reader.buffer_position(), e))?;
        match ev {
            XmlEvent::Start(ref e) | XmlEvent::Empty(ref e) => {
                let empty = matches!(ev, XmlEvent::Empty(_));
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let mut attrs = BTreeMap::new();
                let mut a = e.attributes();
                a.with_checks(false);
                for at in a.flatten() {
                    let k = String::from_utf8_lossy(at.key.as_ref()).into_owned();
                    let v = at.unescape_value().map(|v| v.into_owned()).unwrap_or_default();
                    attrs.insert(k, v.trim_matches('"').to_string());
                }
                match name.as_str() {
                    "Sentence" => {
                        let off = |k: &str| attrs.get(k).is_some_and(|v| v.eq_ignore_ascii_case("false"));
                        cur = Some(Record {
                            id: attrs.get("id").cloned().unwrap_or_default(),
                            category: attrs.get("category").cloned().unwrap_or_default(),
                            date: attrs.get("date").and_then(|d| Date::parse(d).ok()),
                            text: String::new(),
                            expected: Vec::new(),
                            enabled: !off("evaluate") && !off("sentence"),
                            expects_error: false,
                        });
                        expected.clear();
                    }
                    "EventCoding" => {
                        if attrs.contains_key("error") {
                            if let Some(r) = cur.as_mut() {
                                r.expects_error = true;
                            }
                        }
                        if let (Some(s), Some(t), Some(c)) =
                            (attrs.get("sourcecode"), attrs.get("targetcode"), attrs.get("eventcode"))
                        {
                            expected.push((s.clone(), t.clone(), c.clone()));
                        }
                    }
                    _ => {}
                }
                // An empty element (`<EventCoding ... />`) has no end event.
                if !empty {
                    stack.push(name);
                }
                text.clear();
            }
            XmlEvent::Text(t) => {
                text.push_str(&t.xml_content().map_err(|e| at(xml, reader.buffer_position(), e))?);
            }
            XmlEvent::GeneralRef(r) => {
                let name = r.xml_content().map_err(|e| at(xml, reader.buffer_position(), e))?;
                let ch = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = ch {
                    text.push(c);
                }
            }
            XmlEvent::CData(t) => text.push_str(&String::from_utf8_lossy(&t)),
            XmlEvent::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if let Some(i) = stack.iter().rposition(|s| *s == name) {
                    stack.truncate(i);
                }
                let value = text.trim().to_string();
                let in_env = stack.iter().any(|s| s == "Environment");
                match name.as_str() {
                    "Text" => {
                        if let Some(r) = cur.as_mut() {
                            r.text = value.split_whitespace().collect::<Vec<_>>().join(" ");
                        }
                    }
                    "Sentence" => {
                        if let Some(mut r) = cur.take() {
                            expected.sort();
                            r.expected = std::mem::take(&mut expected);
                            suite.records.push(r);
                        }
                    }
                    "Include" if in_env => {
                        suite.environment.include = value.split_whitespace().map(str::to_string).collect();
                    }
                    "Verbfile" | "Actorfile" | "Agentfile" | "Discardfile" if in_env && !value.is_empty() => {
                        suite.environment.files.push(value);
                    }
                    _ => {}
                }
                text.clear();
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    Ok(suite)
}

/// Counts for a set of sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Sentences evaluated.
    pub sentences: usize,
    /// Sentences whose events equal the expected ones exactly.
    pub passed: usize,
    /// Expected events.
    pub expected: usize,
    /// Coded events.
    pub coded: usize,
    /// Coded events that were expected.
    pub correct: usize,
}

impl Tally {
    /// Share of sentences passed, 0–1.
    pub fn pass_rate(&self) -> f64 {
        ratio(self.passed, self.sentences)
    }
    /// Share of expected events coded, 0–1.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.expected)
    }
    /// Share of coded events that were expected, 0–1.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.coded)
    }
    fn add(&mut self, o: &Tally) {
        self.sentences += o.sentences;
        self.passed += o.passed;
        self.expected += o.expected;
        self.coded += o.coded;
        self.correct += o.correct;
    }
}

/// a / b, or 0 when b is 0.
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The result of one evaluated record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The record's id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// The sentence.
    pub text: String,
    /// Expected triples, sorted.
    pub expected: Vec<Triple>,
    /// Coded triples, sorted.
    pub coded: Vec<Triple>,
}

impl Outcome {
    /// Did the sentence pass?
    pub fn passed(&self) -> bool {
        self.expected == self.coded
    }
}

/// A suite's scores.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// All evaluated sentences.
    pub overall: Tally,
    /// Per category, by name.
    pub categories: BTreeMap<String, Tally>,
    /// Every evaluated record's result.
    pub outcomes: Vec<Outcome>,
}

/// Codes every evaluated record of `suite` with `coder` and scores it.
pub fn run(coder: &Coder, suite: &Suite) -> Report {
    let mut report = Report::default();
    let fallback = Date::new(2000, 1, 1).unwrap_or(Date { year: 2000, month: 1, day: 1 });
    for r in suite.records.iter().filter(|r| suite.evaluated(r)) {
        let (_, raw) = coder.code_raw(&r.text, r.date.unwrap_or(fallback));
        let mut coded: Vec<Triple> = raw.into_iter().map(|e| (e.source, e.target, e.code)).collect();
        coded.sort();
        coded.dedup();
        let o = Outcome { id: r.id.clone(), category: r.category.clone(), text: r.text.clone(), expected: r.expected.clone(), coded };
        let t = Tally {
            sentences: 1,
            passed: o.passed() as usize,
            expected: o.expected.len(),
            coded: o.coded.len(),
            correct: common(&o.expected, &o.coded),
        };
        report.overall.add(&t);
        report.categories.entry(r.category.clone()).or_default().add(&t);
        report.outcomes.push(o);
    }
    report
}

/// Size of the multiset intersection of two sorted lists.
fn common(a: &[Triple], b: &[Triple]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    n
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = |f: &mut fmt::Formatter<'_>, name: &str, t: &Tally| {
            writeln!(
                f,
                "{name:<12} {:>4}/{:<4} {:>6.1}%   recall {:>5.1}% ({}/{})   precision {:>5.1}% ({}/{})",
                t.passed,
                t.sentences,
                100.0 * t.pass_rate(),
                100.0 * t.recall(),
                t.correct,
                t.expected,
                100.0 * t.precision(),
                t.correct,
                t.coded
            )
        };
        writeln!(f, "{:<12} {:>9} {:>7}", "category", "exact", "")?;
        for (c, t) in &self.categories {
            line(f, c, t)?;
        }
        line(f, "ALL", &self.overall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<Validation>
<!-- a comment with <tags> -->
<Environment>
    <Verbfile>v.txt</Verbfile>
    <Actorfile>a.txt</Actorfile>
    <Include>DEMO COMPOUND</Include>
</Environment>
<Sentences>
<Sentence category="DEMO" date="19950101" id="D-1" evaluate="true">
<EventCoding eventcode="050" sourcecode="FRD" targetcode="SYL" />
<EventCoding sourcecode="SYL" targetcode="FRD" eventcode="043"></EventCoding>
<Text>
Freedonia &amp; Sylvania
  met.
</Text>
<Parse>(ROOT (S))</Parse></Sentence>
<Sentence category="COMPOUND" date="950101" id="C-1" sentence="false">
<EventCoding noevents = "True" />
<Text>Nothing.</Text>
</Sentence>
<Sentence category="PARSING" date="bad" id="P-1">
<EventCoding noevents="True"/>
<Text>Other.</Text>
</Sentence>
</Sentences>
</Validation>"#;

    #[test]
    fn reads_environment_and_records() {
        let s = parse_suite(XML).unwrap();
        assert_eq!(s.environment.files, vec!["v.txt", "a.txt"]);
        assert_eq!(s.environment.include, vec!["DEMO", "COMPOUND"]);
        assert_eq!(s.records.len(), 3);
        let r = &s.records[0];
        assert_eq!(r.text, "Freedonia & Sylvania met.");
        assert_eq!(
            r.expected,
            vec![
                ("FRD".to_string(), "SYL".to_string(), "050".to_string()),
                ("SYL".to_string(), "FRD".to_string(), "043".to_string())
            ]
        );
        assert!(s.evaluated(r));
        assert!(!s.evaluated(&s.records[1]), "sentence=false is off");
        assert!(!s.evaluated(&s.records[2]), "PARSING is not included");
        assert_eq!(s.records[2].date, None);
        assert!(s.records[1].expected.is_empty());
    }

    #[test]
    fn broken_xml_is_an_error_naming_the_line() {
        // (text, line of the error, what quick-xml says)
        let broken = [
            ("<<<>>>&&&", 1, "reference not closed"),
            ("<Validation>\n<Sentence id=\"a\">\n<Text>a & b</Text>\n</Sentence>\n</Validation>", 3, "reference not closed"),
            ("<Validation>\n<Sentence id=\"a\"\n<Text>x</Text></Sentence></Validation>", 3, "close tag `</Validation>`"),
            ("<Validation>\n<Sentence id=\"a\">\n<Text>x</Text>\n</Sentence>\n</Validation>\n<!-- open", 6, "comment not closed"),
        ];
        for (xml, line, what) in broken {
            let e = parse_suite(xml).expect_err(xml);
            assert!(e.starts_with(&format!("line {line} (byte ")), "{xml:?}: {e}");
            assert!(e.contains(what), "{xml:?}: {e}");
        }
        // Through `read_suite` the error names the file too.
        let path = std::env::temp_dir().join(format!("entente-broken-records-{}.xml", std::process::id()));
        std::fs::write(&path, broken[1].0).unwrap();
        let e = read_suite(&path).unwrap_err().to_string();
        std::fs::remove_file(&path).unwrap();
        assert!(e.starts_with(&format!("{}: line 3 (byte ", path.display())), "{e}");
        // The documented recovery: nothing, or elements left open at the end, is no error.
        assert_eq!(parse_suite("").unwrap().records.len(), 0);
        let open = "<Validation>\n<Sentences>\n<Sentence id=\"a\">\n<Text>x</Text>\n</Sentence>\n<Sentence id=\"b\">";
        let s = parse_suite(open).unwrap();
        assert_eq!(s.records.len(), 1, "the closed record is kept, the open one dropped");
        assert_eq!(s.records[0].id, "a");
    }

    #[test]
    fn multiset_intersection() {
        let t = |s: &str| (s.to_string(), String::new(), String::new());
        assert_eq!(common(&[t("a"), t("a"), t("b")], &[t("a"), t("b"), t("c")]), 2);
        assert_eq!(common(&[], &[t("a")]), 0);
    }
}
