//! What every reader shares: decoding bytes, stripping comments, splitting phrases, and
//! recording diagnostics against a file and line.

use crate::model::{Diagnostic, Dictionaries, Origin, Phrase};
use std::borrow::Cow;
use std::sync::Arc;

/// Decodes `bytes` as UTF-8. Invalid sequences become U+FFFD, with one warning per line that
/// held them, so a stray byte in one entry never costs the rest of the file.
pub(crate) fn decode<'a>(file: &str, bytes: &'a [u8], d: &mut Dictionaries) -> Cow<'a, str> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    let file: Arc<str> = file.into();
    let mut out = String::with_capacity(bytes.len() + 16);
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let text = String::from_utf8_lossy(line);
        if let Cow::Owned(_) = text {
            d.diagnostics.push(Diagnostic {
                file: file.clone(),
                line: line_no(i + 1),
                entry: text.trim_end().to_string(),
                message: "invalid UTF-8 bytes replaced with U+FFFD".into(),
                skipped: false,
            });
        }
        out.push_str(&text);
    }
    Cow::Owned(out)
}

fn line_no(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The reading state of one file: its name and where diagnostics go.
pub(crate) struct Ctx<'d> {
    pub file: Arc<str>,
    pub dicts: &'d mut Dictionaries,
}

impl<'d> Ctx<'d> {
    pub fn new(file: &str, dicts: &'d mut Dictionaries) -> Ctx<'d> {
        Ctx { file: file.into(), dicts }
    }

    pub fn origin(&self, line: u32) -> Origin {
        Origin { file: self.file.clone(), line }
    }

    /// A broken entry: reported and skipped.
    pub fn skip(&mut self, line: u32, entry: &str, message: impl Into<String>) {
        self.push(line, entry, message.into(), true);
    }

    /// A problem that did not stop the entry being read.
    pub fn warn(&mut self, line: u32, entry: &str, message: impl Into<String>) {
        self.push(line, entry, message.into(), false);
    }

    fn push(&mut self, line: u32, entry: &str, message: String, skipped: bool) {
        self.dicts.diagnostics.push(Diagnostic {
            file: self.file.clone(),
            line,
            entry: entry.trim().to_string(),
            message,
            skipped,
        });
    }
}

/// One line of a dictionary file with its comments removed.
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub no: u32,
    /// The line as written (without the line break), for diagnostics.
    pub raw: &'a str,
    /// The content left after removing comments and control characters; not trimmed, because
    /// a leading tab is meaningful in actor files.
    pub text: Cow<'a, str>,
}

/// Splits `text` into lines, removing PETRARCH comments: `<!-- ... -->` (also spanning lines,
/// and the `<! --` spelling found in the validation files), `#` and the legacy `;` to the end of
/// the line. Control characters (other than tab) are removed with a warning: PETRARCH files
/// carry a few stray 0x1A bytes.
pub(crate) fn lines<'a>(text: &'a str, ctx: &mut Ctx<'_>) -> Vec<Line<'a>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut in_html = false;
    for (i, raw) in text.split('\n').enumerate() {
        let no = line_no(i + 1);
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let text = if raw.chars().any(|c| c.is_control() && c != '\t') {
            let stray: Vec<String> = raw
                .chars()
                .filter(|c| c.is_control() && *c != '\t')
                .map(|c| format!("{:#04x}", c as u32))
                .collect();
            ctx.warn(no, raw, format!("stray control character(s) {} removed", stray.join(" ")));
            let cleaned: String = raw.chars().filter(|c| !c.is_control() || *c == '\t').collect();
            Cow::Owned(strip_comments(&cleaned, &mut in_html).into_owned())
        } else {
            strip_comments(raw, &mut in_html)
        };
        out.push(Line { no, raw, text });
    }
    out
}

/// Removes comments from one line; `in_html` carries an open `<!--` across lines.
fn strip_comments<'s>(line: &'s str, in_html: &mut bool) -> Cow<'s, str> {
    let mut rest = line;
    let mut kept = String::new();
    let mut owned = false;
    loop {
        if *in_html {
            match rest.find("-->") {
                Some(end) => {
                    *in_html = false;
                    rest = &rest[end + 3..];
                    owned = true;
                }
                None => return if owned { Cow::Owned(kept) } else { Cow::Borrowed("") },
            }
        }
        let cut = rest.find(['#', ';']).unwrap_or(rest.len());
        match html_open(&rest[..cut]) {
            Some((start, body)) => {
                kept.push_str(&rest[..start]);
                owned = true;
                *in_html = true;
                rest = &rest[body..];
            }
            None => {
                if !owned {
                    return Cow::Borrowed(&rest[..cut]);
                }
                kept.push_str(&rest[..cut]);
                return Cow::Owned(kept);
            }
        }
    }
}

/// Finds `<!--` or `<! --`: returns where it starts and where the comment body begins.
fn html_open(s: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(p) = s[from..].find("<!") {
        let start = from + p;
        let after = &s[start + 2..];
        let trimmed = after.trim_start_matches(' ');
        if let Some(body) = trimmed.strip_prefix("--") {
            return Some((start, s.len() - body.len()));
        }
        from = start + 2;
    }
    None
}

/// Splits a PETRARCH phrase (words joined by `_` or blanks) into upper-case words. A trailing
/// `_` makes it exact (`stem: false`). Returns `None` when there are no words.
pub(crate) fn phrase(s: &str) -> Option<Phrase> {
    let s = s.trim();
    let exact = s.ends_with('_');
    let words: Vec<String> =
        s.split(['_', ' ', '\t']).filter(|w| !w.is_empty()).map(str::to_uppercase).collect();
    if words.is_empty() {
        return None;
    }
    Some(Phrase { words, stem: !exact })
}

/// Splits `NAME [CODE] [CODE]` into the text before the first `[` and the bracket contents.
/// Errors on an unclosed `[`, a stray `]`, text between codes or text after them.
pub(crate) fn brackets(s: &str) -> Result<(&str, Vec<&str>), &'static str> {
    match brackets_trailing(s)? {
        (head, groups, "") => Ok((head, groups)),
        _ => Err("text after the code"),
    }
}

/// Like [`brackets`], but returns the (trimmed) text after the last code instead of failing on
/// it, for formats where junk after the code can be ignored with a warning.
pub(crate) fn brackets_trailing(s: &str) -> Result<(&str, Vec<&str>, &str), &'static str> {
    let head_end = s.find('[').unwrap_or(s.len());
    if s[..head_end].contains(']') {
        return Err("']' without '['");
    }
    let mut groups = Vec::new();
    let mut rest = &s[head_end..];
    while let Some(after_open) = rest.trim_start().strip_prefix('[') {
        let close = after_open.find(']').ok_or("'[' without ']'")?;
        let inner = &after_open[..close];
        if inner.contains('[') {
            return Err("'[' inside a code");
        }
        groups.push(inner);
        rest = &after_open[close + 1..];
    }
    let trailing = rest.trim();
    // `[A] junk [B]`: a code hidden after text is more likely a mistake than junk.
    if trailing.contains('[') {
        return Err("text between codes");
    }
    if trailing.contains(']') {
        return Err("']' without '['");
    }
    Ok((&s[..head_end], groups, trailing))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> (Vec<String>, Vec<Diagnostic>) {
        let mut d = Dictionaries::default();
        let mut ctx = Ctx::new("t.txt", &mut d);
        let v = lines(text, &mut ctx).into_iter().map(|l| l.text.into_owned()).collect();
        (v, d.diagnostics)
    }

    #[test]
    fn strips_all_comment_styles() {
        let (v, _) = cleaned(
            "A # x\nB ; y\n<!-- c -->C\nD <!-- x\n# inside -->E\n<! -- spaced -->\nF<!-- a --> G",
        );
        assert_eq!(v, vec!["A ", "B ", "C", "D ", "E", "", "F G"]);
    }

    #[test]
    fn control_bytes_warn_and_are_removed() {
        let (v, diags) = cleaned("OK\nLIAMINE_Z\u{1a}ROUAL_ # x\r\n");
        assert_eq!(v[1], "LIAMINE_ZROUAL_ ");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 2);
        assert!(!diags[0].skipped);
        assert!(diags[0].message.contains("0x1a"), "{}", diags[0].message);
    }

    #[test]
    fn invalid_utf8_warns_with_its_line() {
        let mut d = Dictionaries::default();
        let s = decode("f.txt", b"GOOD\nBA\xffD\nGOOD", &mut d);
        assert_eq!(s.lines().count(), 3);
        assert_eq!(d.diagnostics.len(), 1);
        assert_eq!(d.diagnostics[0].line, 2);
        assert_eq!(&*d.diagnostics[0].file, "f.txt");
    }

    #[test]
    fn phrases_split_and_mark_exactness() {
        let p = phrase("white_house_").unwrap();
        assert_eq!(p.words, vec!["WHITE", "HOUSE"]);
        assert!(!p.stem);
        let p = phrase("HAMAS WING").unwrap();
        assert_eq!(p.words, vec!["HAMAS", "WING"]);
        assert!(p.stem);
        assert!(phrase(" _ ").is_none());
    }

    #[test]
    fn bracket_groups() {
        assert_eq!(brackets("A_B  [X] [Y 1-2] ").unwrap(), ("A_B  ", vec!["X", "Y 1-2"]));
        assert_eq!(brackets("A").unwrap(), ("A", vec![]));
        assert!(brackets("A [X").is_err());
        assert!(brackets("A [X] B").is_err());
        assert!(brackets("A X]").is_err());
        assert!(brackets("A [X]Y [Z]").is_err());
        assert_eq!(brackets_trailing("A [X]\tjunk\t$1").unwrap(), ("A ", vec!["X"], "junk\t$1"));
    }
}
