//! Quotations: who said what, from the sentence's tokens and the coder's noun groups.
//!
//! - **Direct** quotes: words inside “…” or "…" with a speech verb (said, told, added, warned,
//!   ... or `according to`) next to them, before (`Lavrov said: "…"`) or after (`"…," Putin
//!   said`, `"…," said Putin`). A short fragment in quotes with no speech verb next to it is a
//!   scare quote, not a quotation. A quote left open at the end of a sentence and closed in the
//!   next (`"We will respond.` / `The West knows it," Putin said.`) takes the next one's speaker.
//! - **Reported** speech, only when the sentence has no direct quote: `X said (that) …`, with time
//!   and place words between the verb and `that` (`said on Monday that`), and the trailing shape
//!   `…, X said.`
//!
//! The speaker is the subject the coder found for the speech verb when it found one, else the
//! nearest noun group (actor or agent), capitalised name or pronoun next to the verb. Its actor
//! code is the group's first actor; a pronoun (`he said`) takes the code and name of the last
//! named speaker of the three sentences before.

use super::things::char_span;
use crate::analyze::Analysis;
use crate::compile::Compiled;
use crate::text::Kind;
use serde::{Deserialize, Serialize};

/// What shape the quotation has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quotation marks.
    Direct,
    /// `X said (that) …` with no quotation marks.
    Reported,
}

/// A quotation in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Index of the sentence in the document.
    pub sentence: u32,
    /// Direct or reported.
    pub kind: QuoteKind,
    /// The speaker's actor code, when the speaker is a coded actor (`RUSGOV`).
    pub speaker: Option<String>,
    /// The speaker as written (`Russian Foreign Minister Sergei Lavrov`, `the ministry`, `he`), or
    /// for a pronoun the name it stands for.
    pub speaker_name: Option<String>,
    /// Byte span of the speaker's words in the sentence.
    pub speaker_span: Option<(usize, usize)>,
    /// The speech verb as written (`said`, `according to`).
    pub verb: Option<String>,
    /// The quoted or reported words.
    pub text: String,
    /// Byte span of `text` in the sentence.
    pub span: (usize, usize),
    /// Character span of `text` in the sentence.
    pub chars: (usize, usize),
    /// A direct quote left open at the end of the sentence (it continues in the next).
    #[serde(skip)]
    pub(crate) open_end: bool,
    /// A direct quote closed in this sentence but opened in an earlier one.
    #[serde(skip)]
    pub(crate) open_start: bool,
}

/// Verbs that attribute a direct quote.
const SPEECH: &[&str] = &[
    "SAID", "SAYS", "TOLD", "TELLS", "ADDED", "ADDS", "STATED", "DECLARED", "NOTED", "STRESSED", "WARNED", "WARNS", "INSISTED",
    "INSISTS", "EXPLAINED", "ANNOUNCED", "CLAIMED", "ARGUED", "WROTE", "WRITES", "TWEETED", "POSTED", "REMARKED", "COMMENTED",
    "REPLIED", "ASSERTED", "EMPHASISED", "EMPHASIZED", "UNDERLINED", "ACKNOWLEDGED", "ADMITTED", "CONFIRMED", "REITERATED",
    "CONTINUED", "ASKED", "DECLARES", "NOTES", "STRESSES", "ADMITS", "CLAIMS", "INSISTED", "QUOTED", "URGED", "VOWED", "SAY",
];

/// Verbs whose `that`-clause or bare clause is reported speech.
const REPORTING: &[&str] = &[
    "SAID", "SAYS", "TOLD", "STATED", "ADDED", "DECLARED", "WARNED", "STRESSED", "INSISTED", "NOTED", "ANNOUNCED", "CLAIMED",
    "ARGUED", "ACKNOWLEDGED", "ADMITTED", "CONFIRMED", "REITERATED", "EMPHASISED", "EMPHASIZED", "ASSERTED", "WARNS", "INSISTS",
];

const PRONOUNS: &[&str] = &["HE", "SHE", "THEY", "WE", "I", "IT"];
/// Is `w` in `list`? Length and first byte first: most words are rejected without a comparison.
#[inline]
fn has(list: &[&str], w: &str) -> bool {
    let (n, b0) = (w.len(), w.as_bytes().first().copied().unwrap_or(0));
    list.iter().any(|x| x.len() == n && x.as_bytes()[0] == b0 && *x == w)
}

/// For each first byte, a bit per length (under 32) of the words of `list` that start with it.
const fn mask_of(list: &[&str]) -> [u32; 256] {
    let mut m = [0u32; 256];
    let mut i = 0;
    while i < list.len() {
        let b = list[i].as_bytes();
        if !b.is_empty() && b.len() < 32 {
            m[b[0] as usize] |= 1 << b.len();
        }
        i += 1;
    }
    m
}

static SPEECH_MASK: [u32; 256] = mask_of(SPEECH);
static REPORTING_MASK: [u32; 256] = mask_of(REPORTING);

/// [`has`] for the lists checked at every token: one table lookup rejects nearly every word.
#[inline]
fn has_masked(mask: &[u32; 256], list: &[&str], w: &str) -> bool {
    let b = w.as_bytes();
    !b.is_empty() && b.len() < 32 && mask[b[0] as usize] & (1 << b.len()) != 0 && has(list, w)
}

/// Words that make a clause between a speech verb and a later `that`.
const CLAUSE_VERBS: &[&str] = &[
    "IS", "WAS", "WERE", "ARE", "BE", "BEEN", "HAS", "HAVE", "HAD", "WILL", "WOULD", "COULD", "SHOULD", "CAN", "MAY", "MUST", "MIGHT",
];
/// Capitalised words that open a sentence or clause and are no part of a name after them.
const LEADERS: &[&str] = &[
    "AS", "BUT", "AND", "EVEN", "SO", "YET", "WHILE", "THEN", "NOW", "ALSO", "MEANWHILE", "HOWEVER", "IN", "ON", "AT", "AFTER",
    "BEFORE", "WHEN", "IF", "THE", "A", "AN", "BOTH", "SPEAKING",
];
/// Verbs whose object may be a bare clause ("said the talks failed"); the others need `that`
/// ("announced their plans" is no reported speech).
const BARE_CLAUSE: &[&str] = &["SAID", "SAYS", "WARNED", "INSISTED", "STRESSED", "NOTED", "CLAIMED", "ARGUED", "ASSERTED", "INSISTS", "WARNS"];
const AUX_ADV: &[&str] = &[
    "HAS", "HAVE", "HAD", "ALSO", "ALWAYS", "PREVIOUSLY", "REPEATEDLY", "EARLIER", "LATER", "THEN", "ONCE", "NOW", "JUST", "ALREADY",
    "REPORTEDLY", "OFTEN", "WILL", "WOULD", "RECENTLY", "FURTHER", "SOON", "TODAY", "YESTERDAY", "HAD",
];
const RELATIVES: &[&str] = &["WHICH", "WHO", "THAT", "WHOM", "WHOSE"];
const DETERMINERS: &[&str] = &["THE", "A", "AN", "ITS", "HIS", "HER", "THEIR", "OUR", "ONE", "ANOTHER"];
const BE: &[&str] = &["IS", "WAS", "WERE", "ARE", "BE", "BEEN", "BEING", "THE"];

/// A quoted stretch: bytes of its content, and whether its marks are in the sentence.
#[derive(Debug, Clone, Copy)]
struct Segment {
    open: usize,
    start: usize,
    end: usize,
    close: usize,
    open_start: bool,
    open_end: bool,
}

fn segments(s: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, c) in s.char_indices() {
        let after = i + c.len_utf8();
        let opening = c == '\u{201c}' || c == '\u{ab}';
        let closing = c == '\u{201d}' || c == '\u{bb}';
        if opening || (c == '"' && open.is_none()) {
            if open.is_none() {
                open = Some((i, after));
            }
        } else if closing || c == '"' {
            match open.take() {
                Some((o, st)) => out.push(Segment { open: o, start: st, end: i, close: after, open_start: false, open_end: false }),
                // Closed here, opened in an earlier sentence.
                None if out.is_empty() => out.push(Segment { open: 0, start: 0, end: i, close: after, open_start: true, open_end: false }),
                None => {}
            }
        }
    }
    if let Some((o, st)) = open {
        out.push(Segment { open: o, start: st, end: s.len(), close: s.len(), open_start: false, open_end: true });
    }
    // A lone straight quote that opens the sentence but no text before it may close an earlier
    // one: `The West knows it," Putin said.` has one straight mark, after the words.
    if out.len() == 1 && !out[0].open_start && out[0].open_end && s[..out[0].open].trim().chars().any(char::is_alphanumeric) {
        let o = out[0].open;
        let before = s[..o].trim_end();
        if before.ends_with(',') || before.ends_with('.') || before.ends_with('?') || before.ends_with('!') {
            out[0] = Segment { open: 0, start: 0, end: o, close: o + 1, open_start: true, open_end: false };
        }
    }
    out
}

/// Trims white space and a trailing comma from a quoted or reported stretch.
fn trim_span(s: &str, (a, b): (usize, usize)) -> (usize, usize) {
    let piece = &s[a..b];
    let rest = piece.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ':');
    let lead = piece.len() - rest.len();
    let mut t = rest.trim_end();
    while let Some(x) = t.strip_suffix(',').or_else(|| t.strip_suffix(':')) {
        t = x.trim_end();
    }
    (a + lead, a + lead + t.len())
}

struct Speaker {
    code: Option<String>,
    name: String,
    span: (usize, usize),
}

impl Analysis {
    fn tok_span(&self, a: usize, b: usize) -> (usize, usize) {
        (self.tokens[a].start as usize, self.tokens[b - 1].end as usize)
    }

    fn group_speaker(&self, g: usize, s: &str) -> Speaker {
        let gr = &self.groups[g];
        let span = self.tok_span(gr.start, gr.end);
        Speaker { code: gr.members.first().map(|m| m.code.clone()), name: s[span.0..span.1].to_string(), span }
    }

    fn capital(&self, k: usize, s: &str) -> bool {
        let t = self.tokens[k];
        t.kind == Kind::Word && s[t.start as usize..].chars().next().is_some_and(char::is_uppercase)
    }

    /// The speaker ending just before token `v` (the speech verb): the coder's subject of the
    /// verb, else a group, a capitalised name or a pronoun ending within two words of it, not
    /// before token `lo`.
    fn speaker_before(&self, v: usize, lo: usize, s: &str) -> Option<Speaker> {
        self.speaker_before_depth(v, lo, s, 0)
    }

    fn speaker_before_depth(&self, v: usize, lo: usize, s: &str, depth: u32) -> Option<Speaker> {
        // Past auxiliaries and adverbs: "has always insisted", "also said".
        let mut vv = v;
        while vv > lo && self.tokens[vv - 1].kind == Kind::Word && {
            let w = self.word(vv - 1);
            AUX_ADV.contains(&w) || (w.len() > 4 && w.ends_with("LY") && !self.capital(vv - 1, s))
        } {
            vv -= 1;
        }
        if vv == lo {
            return None;
        }
        // A coordinated verb ("met Zarif and said", "welcomed the return but said"): the subject
        // of the verb it is coordinated with, as the coder found it, else the clause's first group.
        if matches!(self.word(vv - 1), "AND" | "BUT") {
            let k = self.verbs.iter().position(|x| x.start == v);
            let o = k.and_then(|k| self.outcomes.get(k));
            let g = o.and_then(|o| o.subject.or_else(|| o.inherit.and_then(|j| self.outcomes.get(j).and_then(|x| x.subject))));
            let g = g.or_else(|| self.groups.iter().position(|g| g.start >= lo && g.start <= lo + 1 && g.end < vv));
            return g.filter(|&g| self.groups[g].start >= lo).map(|g| self.group_speaker(g, s));
        }
        // An apposition: "Marc Toutai, an economist at Natexis, said" -> before its first comma.
        if self.word(vv - 1) == "," {
            let open = (lo..vv - 1).rev().take(15).find(|&k| matches!(self.word(k), "," | "(" | ":" | ";" | "\""));
            return match open {
                Some(c1) if c1 > lo && self.word(c1) == "," && depth < 2 => self.speaker_before_depth(c1, lo, s, depth + 1),
                _ => None,
            };
        }
        let group_ending = |e: usize| self.groups.iter().rposition(|g| g.start >= lo && g.end == e && g.start < g.end);
        // A noun group right before the verb: "the Iranian defence minister said".
        if let Some(g) = group_ending(vv) {
            return Some(self.extended(g, lo, vv, s));
        }
        // A capitalised name right before it, with a group before the name ("MP Jean Corston").
        if self.capital(vv - 1, s) && !PRONOUNS.contains(&self.word(vv - 1)) {
            let mut b = vv - 1;
            while b > lo && self.capital(b - 1, s) && group_ending(b).is_none() {
                b -= 1;
            }
            if let Some(g) = group_ending(b) {
                let mut sp = self.extended(g, lo, self.groups[g].end, s);
                sp.span.1 = self.tokens[vv - 1].end as usize;
                sp.name = s[sp.span.0..sp.span.1].to_string();
                return Some(sp);
            }
            // "a spokesman for Darlington Council": the group before a preposition.
            if b > lo + 1 && matches!(self.word(b - 1), "FOR" | "OF" | "AT" | "FROM") {
                if let Some(g) = group_ending(b - 1) {
                    let mut sp = self.group_speaker(g, s);
                    sp.span.1 = self.tokens[vv - 1].end as usize;
                    sp.name = s[sp.span.0..sp.span.1].to_string();
                    return Some(sp);
                }
            }
            // "As Paul Flynn said", "Even Mr Prescott admitted": a capitalised function word is no name.
            while b + 1 < vv && LEADERS.contains(&self.word(b)) {
                b += 1;
            }
            let span = self.tok_span(b, vv);
            return Some(Speaker { code: None, name: s[span.0..span.1].to_string(), span });
        }
        // The subject the coder found for the verb.
        if let Some(k) = self.verbs.iter().position(|x| x.start == v) {
            if let Some(g) = self.outcomes.get(k).and_then(|o| o.subject) {
                if self.groups[g].start >= lo && self.groups[g].end <= vv {
                    return Some(self.extended(g, lo, vv, s));
                }
            }
        }
        let gap_ok = |e: usize| e <= vv && vv - e <= 2 && (e..vv).all(|j| self.tokens[j].kind == Kind::Word && !self.is_speech(j) && !has(RELATIVES, self.word(j)));
        if let Some(g) = self.groups.iter().rposition(|g| g.start >= lo && gap_ok(g.end)) {
            return Some(self.extended(g, lo, vv, s));
        }
        if PRONOUNS.contains(&self.word(vv - 1)) {
            let span = self.tok_span(vv - 1, vv);
            return Some(Speaker { code: None, name: s[span.0..span.1].to_string(), span });
        }
        // A common noun phrase: "the ministry said", "officials said", "a committee of MPs has warned".
        let mut b = vv;
        while b > lo && vv - b < 6 && self.tokens[b - 1].kind == Kind::Word && !has(RELATIVES, self.word(b - 1)) && !self.is_speech(b - 1) {
            b -= 1;
            if DETERMINERS.contains(&self.word(b)) {
                break;
            }
        }
        let starts = b == lo || DETERMINERS.contains(&self.word(b)) || self.tokens[b - 1].kind == Kind::Punct;
        if b < vv && starts && !(b + 1 == vv && DETERMINERS.contains(&self.word(b))) {
            let span = self.tok_span(b, vv);
            return Some(Speaker { code: None, name: s[span.0..span.1].to_string(), span });
        }
        None
    }

    /// A group as speaker, its name stretched over capitalised words before it ("San Francisco
    /// police") and over the words up to the verb at `vv` when they are a name or a
    /// prepositional phrase ("spokesman for the Electoral Commission").
    fn extended(&self, g: usize, lo: usize, vv: usize, s: &str) -> Speaker {
        let gr = &self.groups[g];
        let mut b = gr.start;
        while b > lo && self.capital(b - 1, s) && !DETERMINERS.contains(&self.word(b - 1)) {
            b -= 1;
        }
        let tail = (gr.end..vv).all(|j| self.capital(j, s) || matches!(self.word(j), "FOR" | "OF" | "AT" | "THE" | "FROM"));
        let e = if tail && vv > gr.end { vv } else { gr.end };
        let span = self.tok_span(b, e);
        Speaker { code: gr.members.first().map(|m| m.code.clone()), name: s[span.0..span.1].to_string(), span }
    }

    /// The speaker starting just after token `v` (`said Putin`, `according to the ministry`),
    /// within two words, not at or after token `hi`.
    fn speaker_after(&self, v: usize, hi: usize, s: &str) -> Option<Speaker> {
        let start_ok = |st: usize| st > v && st - v <= 3 && st < hi;
        if let Some(g) = self.groups.iter().position(|g| start_ok(g.start) && g.end <= hi) {
            if (v + 1..self.groups[g].start).all(|j| matches!(self.word(j), "THE" | "A" | "AN")) {
                return Some(self.group_speaker(g, s));
            }
        }
        let mut b = v + 1;
        while b < hi && matches!(self.word(b), "THE" | "A" | "AN") {
            b += 1;
        }
        if b >= hi {
            return None;
        }
        if PRONOUNS.contains(&self.word(b)) && b == v + 1 {
            let span = self.tok_span(b, b + 1);
            return Some(Speaker { code: None, name: s[span.0..span.1].to_string(), span });
        }
        if !self.capital(b, s) {
            return None;
        }
        let mut e = b + 1;
        while e < hi && self.capital(e, s) {
            e += 1;
        }
        let span = self.tok_span(b, e);
        Some(Speaker { code: None, name: s[span.0..span.1].to_string(), span })
    }

    fn is_speech(&self, k: usize) -> bool {
        self.tokens[k].kind == Kind::Word && has_masked(&SPEECH_MASK, SPEECH, self.word(k)) && (k == 0 || !has(BE, self.word(k - 1)))
    }
}

fn push(out: &mut Vec<Quote>, si: u32, s: &str, kind: QuoteKind, (sp, verb): (Option<Speaker>, Option<String>), span: (usize, usize), seg: Option<Segment>) {
    let span = trim_span(s, span);
    if span.0 >= span.1 || !s[span.0..span.1].chars().any(char::is_alphanumeric) {
        return;
    }
    out.push(Quote {
        sentence: si,
        kind,
        speaker: sp.as_ref().and_then(|x| x.code.clone()),
        speaker_name: sp.as_ref().map(|x| x.name.clone()),
        speaker_span: sp.as_ref().map(|x| x.span),
        verb,
        text: s[span.0..span.1].to_string(),
        span,
        chars: char_span(s, span),
        open_end: seg.is_some_and(|g| g.open_end),
        open_start: seg.is_some_and(|g| g.open_start),
    });
}

/// Finds the quotations of one analysed sentence.
pub(crate) fn find(_c: &Compiled, a: &Analysis, si: u32, s: &str, out: &mut Vec<Quote>) {
    let n = a.tokens.len();
    if n == 0 {
        return;
    }
    // Quotation marks: '"', and the UTF-8 lead bytes of “ ” (E2) and « » (C2).
    let segs = if s.bytes().any(|c| c == b'"' || c == 0xE2 || c == 0xC2) { segments(s) } else { Vec::new() };
    let inside = |k: usize| {
        let t = a.tokens[k];
        segs.iter().any(|g| t.start as usize >= g.start && (t.end as usize) <= g.end)
    };
    let verb_text = |k: usize, e: usize| s[a.tokens[k].start as usize..a.tokens[e].end as usize].to_string();
    let mut direct = false;
    for (gi, g) in segs.iter().enumerate() {
        // Tokens before the opening mark and after the closing one, up to the neighbouring quotes.
        let first_in = a.tokens.iter().position(|t| t.start as usize >= g.start).unwrap_or(n);
        let after = a.tokens.iter().position(|t| t.start as usize >= g.close).unwrap_or(n);
        let before = a.tokens.iter().rposition(|t| (t.end as usize) <= g.open).map_or(0, |k| k + 1);
        let lo = if gi == 0 { 0 } else { a.tokens.iter().position(|t| t.start as usize >= segs[gi - 1].close).unwrap_or(0) };
        let hi = segs.get(gi + 1).map_or(n, |x| a.tokens.iter().position(|t| t.start as usize >= x.open).unwrap_or(n));
        let words = (first_in..n).take_while(|&k| (a.tokens[k].end as usize) <= g.end).filter(|&k| a.tokens[k].kind == Kind::Word).count();
        let full = words >= 4 || s[g.start..g.end].trim_end().ends_with([',', '.', '!', '?']) || g.open_end || g.open_start;
        if !full {
            continue;
        }
        // After the quote: `"…," Putin said` / `"…," said Putin` / `"…," the ministry said in a statement`.
        let mut found: Option<(Option<Speaker>, Option<String>)> = None;
        for v in after..hi.min(after + 8) {
            if a.is_speech(v) && !inside(v) {
                let sp = a.speaker_after(v, hi, s).filter(|_| v == after).or_else(|| a.speaker_before(v, after, s)).or_else(|| a.speaker_after(v, hi, s));
                found = Some((sp, Some(verb_text(v, v))));
                break;
            }
            if a.word(v) == "ACCORDING" && v + 1 < n && a.word(v + 1) == "TO" {
                found = Some((a.speaker_after(v + 1, hi, s), Some(verb_text(v, v + 1))));
                break;
            }
        }
        // Before the quote: `Lavrov said: "…"`, `Lavrov told reporters, "…"`, `According to Lavrov, "…"`.
        if found.is_none() && before > lo {
            for v in (lo..before).rev().take(6) {
                if a.is_speech(v) && !inside(v) {
                    found = Some((a.speaker_before(v, lo, s), Some(verb_text(v, v))));
                    break;
                }
                if a.word(v) == "TO" && v > lo && a.word(v - 1) == "ACCORDING" {
                    found = Some((a.speaker_after(v, before, s), Some(verb_text(v - 1, v))));
                    break;
                }
            }
        }
        match found {
            Some((sp, verb)) => {
                direct = true;
                push(out, si, s, QuoteKind::Direct, (sp, verb), (g.start, g.end), Some(*g));
            }
            None if g.open_end || g.open_start => {
                direct = true;
                push(out, si, s, QuoteKind::Direct, (None, None), (g.start, g.end), Some(*g));
            }
            // A whole sentence in quotes with no speech verb: a paragraph of a longer quote.
            None if g.open == 0 && !s[g.close..].chars().any(char::is_alphanumeric) => {
                direct = true;
                let whole = Segment { open_start: true, ..*g };
                push(out, si, s, QuoteKind::Direct, (None, None), (g.start, g.end), Some(whole));
            }
            None => {}
        }
    }
    if direct || !segs.is_empty() && segs.iter().any(|g| g.open_end || g.open_start) {
        return;
    }
    reported(a, si, s, out);
}

/// Reported speech: `X said (that) …` and `…, X said.`
fn reported(a: &Analysis, si: u32, s: &str, out: &mut Vec<Quote>) {
    let n = a.tokens.len();
    let end_of = |k: usize| a.tokens[k].end as usize;
    let last = if a.tokens[n - 1].kind == Kind::Punct { n - 1 } else { n };
    if last == 0 {
        return;
    }
    // Trailing: `…, the ministry said.` / `…, said Peskov.`
    for v in (0..last).rev().take(7) {
        if !(a.tokens[v].kind == Kind::Word && has_masked(&REPORTING_MASK, REPORTING, a.word(v))) {
            continue;
        }
        let comma = (0..v).rev().take(8).find(|&k| a.word(k) == ",");
        let Some(comma) = comma else { break };
        let tail_plain = (comma + 1..last).all(|k| a.tokens[k].kind == Kind::Word || a.tokens[k].kind == Kind::Possessive);
        if !tail_plain || comma == 0 {
            break;
        }
        let sp = if v + 1 < last { a.speaker_after(v, last, s) } else { None }.or_else(|| a.speaker_before(v, comma + 1, s));
        if let Some(sp) = sp {
            let vt = s[a.tokens[v].start as usize..end_of(v)].to_string();
            push(out, si, s, QuoteKind::Reported, (Some(sp), Some(vt)), (0, a.tokens[comma].start as usize), None);
            return;
        }
        break;
    }
    // `X said (on Monday) (that) …`
    for v in 0..last {
        if !(a.tokens[v].kind == Kind::Word && has_masked(&REPORTING_MASK, REPORTING, a.word(v))) || (v > 0 && (has(BE, a.word(v - 1)) || has(RELATIVES, a.word(v - 1)))) {
            continue;
        }
        let Some(sp) = (v > 0).then(|| a.speaker_before(v, 0, s)).flatten() else { continue };
        // The content starts after a `that` within eight words (no clause break before it), else
        // right after the verb when a clause starts there.
        // "said the commission was satisfied that ...": a verb before `that` starts the content.
        let that = (v + 1..last.min(v + 9))
            .take_while(|&k| !matches!(a.word(k), "," | ";" | ":") || a.word(v) == "TOLD")
            .take_while(|&k| !has(CLAUSE_VERBS, a.word(k)) && !a.verbs.iter().any(|x| x.start == k))
            .find(|&k| a.word(k) == "THAT");
        let start = match that {
            Some(t) => t + 1,
            None => {
                let nx = v + 1;
                if nx >= last || !has(BARE_CLAUSE, a.word(v)) {
                    continue;
                }
                let w = a.word(nx);
                let clause = PRONOUNS.contains(&w)
                    || matches!(w, "THE" | "THIS" | "THESE" | "ITS" | "HIS" | "HER" | "THEIR" | "THERE")
                    || a.groups.iter().any(|g| g.start == nx);
                if !clause {
                    continue;
                }
                nx
            }
        };
        if start >= last {
            continue;
        }
        let vt = s[a.tokens[v].start as usize..end_of(v)].to_string();
        push(out, si, s, QuoteKind::Reported, (Some(sp), Some(vt)), (a.tokens[start].start as usize, end_of(last - 1)), None);
        return;
    }
}

/// Links across sentences, once a document is done: a quote opened in one sentence and closed
/// in the next with a speaker shares that speaker; a pronoun speaker takes the last named
/// speaker of the three sentences before.
pub(crate) fn link(quotes: &mut [Quote]) {
    for i in (0..quotes.len().saturating_sub(1)).rev() {
        let (a, b) = quotes.split_at_mut(i + 1);
        let (q, next) = (&mut a[i], &b[0]);
        if q.open_end && q.speaker_name.is_none() && next.open_start && next.sentence == q.sentence + 1 {
            q.speaker.clone_from(&next.speaker);
            q.speaker_name.clone_from(&next.speaker_name);
            q.verb.clone_from(&next.verb);
        }
    }
    // A quote that goes on over several sentences (a paragraph per sentence, each opening with a
    // quotation mark) keeps the speaker of the sentence that introduced it.
    for i in 1..quotes.len() {
        let (a, b) = quotes.split_at_mut(i);
        let (prev, q) = (&a[i - 1], &mut b[0]);
        if q.speaker_name.is_none() && (q.open_end || q.open_start) && prev.open_end && q.sentence == prev.sentence + 1 && prev.speaker_name.is_some() {
            q.speaker.clone_from(&prev.speaker);
            q.speaker_name.clone_from(&prev.speaker_name);
            q.verb.clone_from(&prev.verb);
        }
    }
    let mut last: Option<(u32, Option<String>, String)> = None;
    for q in quotes.iter_mut() {
        let pronoun = q.speaker_name.as_deref().is_some_and(|n| PRONOUNS.contains(&n.to_uppercase().as_str()));
        if pronoun && q.speaker.is_none() {
            if let Some((s, code, name)) = &last {
                if q.sentence <= s + 3 {
                    q.speaker.clone_from(code);
                    q.speaker_name = Some(name.clone());
                }
            }
        } else if let Some(name) = &q.speaker_name {
            last = Some((q.sentence, q.speaker.clone(), name.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CoderBuilder;
    use entente_core::Date;
    use entente_dict::Dictionaries;

    fn quotes(text: &str) -> Vec<Quote> {
        let c = CoderBuilder::new(&Dictionaries::builtin()).build().unwrap();
        c.quotes(text, Date::new(2024, 10, 1).unwrap())
    }

    fn one(text: &str) -> Quote {
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{q:#?}");
        q.into_iter().next().unwrap()
    }

    #[test]
    fn direct_quote_then_speaker() {
        let s = "\u{201c}We will never accept this pressure,\u{201d} Russian Foreign Minister Sergei Lavrov said on Tuesday.";
        let q = one(s);
        assert_eq!(q.kind, QuoteKind::Direct);
        assert_eq!(q.text, "We will never accept this pressure");
        assert_eq!(&s[q.span.0..q.span.1], q.text);
        assert_eq!(q.chars, (1, 35));
        assert_eq!(q.speaker.as_deref(), Some("RUSGOV"));
        assert_eq!(q.speaker_name.as_deref(), Some("Russian Foreign Minister Sergei Lavrov"));
        assert_eq!(q.verb.as_deref(), Some("said"));
    }

    #[test]
    fn direct_quote_with_inverted_speaker_and_not_the_actor_after_it() {
        let q = one("\"Iran is a reliable partner,\" said Putin after meeting Pezeshkian in Kazan.");
        assert_eq!(q.speaker.as_deref(), Some("RUSGOV"));
        assert_eq!(q.speaker_name.as_deref(), Some("Putin"));
        let q = one("\"The deal is done and it will hold,\" the Iranian foreign minister told reporters.");
        assert_eq!(q.speaker.as_deref(), Some("IRNGOV"));
        assert_eq!(q.text, "The deal is done and it will hold");
    }

    #[test]
    fn speaker_then_direct_quote_and_according_to() {
        let q = one("Putin told reporters: \"Our partnership with Tehran is strong.\"");
        assert_eq!((q.speaker.as_deref(), q.speaker_name.as_deref()), (Some("RUSGOV"), Some("Putin")));
        assert_eq!(q.text, "Our partnership with Tehran is strong.");
        let q = one("According to the Iranian foreign ministry, \"the talks were constructive and useful.\"");
        assert_eq!(q.speaker.as_deref(), Some("IRNGOV"));
        assert_eq!(q.verb.as_deref(), Some("According to"));
    }

    #[test]
    fn a_scare_quote_is_no_quotation() {
        assert!(quotes("Russia called the new sanctions \"illegal\" and vowed to respond.").is_empty());
    }

    #[test]
    fn reported_speech_with_that_and_trailing_attribution() {
        let s = "Iran's foreign ministry said on Monday that the drones were never sent to Russia.";
        let q = one(s);
        assert_eq!(q.kind, QuoteKind::Reported);
        assert_eq!(q.text, "the drones were never sent to Russia");
        assert_eq!(&s[q.span.0..q.span.1], q.text);
        assert_eq!(q.speaker.as_deref(), Some("IRNGOV"));
        let q = one("Tehran will respond firmly to any attack, the Iranian defence minister said.");
        assert_eq!(q.kind, QuoteKind::Reported);
        assert_eq!(q.text, "Tehran will respond firmly to any attack");
        assert_eq!(q.speaker_name.as_deref(), Some("Iranian defence minister"));
        assert!(q.speaker.as_deref().is_some_and(|c| c.starts_with("IRN")), "{q:?}");
        // Not speech: "said to be", a relative clause with no speaker of its own.
        assert!(quotes("The missiles were said to be in storage.").is_empty());
    }

    #[test]
    fn a_quote_over_two_sentences_and_a_pronoun_take_the_named_speaker() {
        let q = quotes("\"We will respond. The West knows it,\" Putin said. \"We are patient,\" he added.");
        assert_eq!(q.len(), 3, "{q:#?}");
        assert_eq!((q[0].sentence, q[0].text.as_str()), (0, "We will respond."));
        assert_eq!((q[1].sentence, q[1].text.as_str()), (1, "The West knows it"));
        assert!(q.iter().all(|x| x.speaker.as_deref() == Some("RUSGOV")), "{q:#?}");
        assert_eq!(q[2].speaker_name.as_deref(), Some("Putin"));
        assert_eq!(q[2].speaker_span, Some((18, 20)), "the span still points at the pronoun");
    }

    #[test]
    fn apposition_paragraphs_and_clauses() {
        let q = one("Marc Toutai, an economist at a bank in Paris, said: \"Growth is strong and will stay strong.\"");
        assert_eq!(q.speaker_name.as_deref(), Some("Marc Toutai"));
        let q = quotes("Lavrov said: \"We are ready to talk.\n\n\"We have always been ready.\n\n\"The door is open.\"");
        assert_eq!(q.len(), 3, "{q:#?}");
        assert!(q.iter().all(|x| x.speaker.as_deref() == Some("RUSGOV")), "{q:#?}");
        assert_eq!(q[2].text, "The door is open.");
        let q = one("She said the commission was satisfied that the talks had failed.");
        assert_eq!(q.text, "the commission was satisfied that the talks had failed");
        assert!(quotes("Iran announced its plans for the corridor on Monday.").is_empty());
        assert!(quotes("The U.S. Commerce Department added China's Huawei to a list of barred companies.").is_empty());
        // A coordinated speech verb: the first verb's subject, not its object.
        let q = one("Lavrov met Zarif in Moscow and said the United States had behaved irresponsibly.");
        assert_eq!(q.speaker_name.as_deref(), Some("Lavrov"));
        // Found on Reuters: the content opens with a comma.
        assert_eq!(one("The agency said that, due to insolvency, it closed the bank.").text, "due to insolvency, it closed the bank");
    }
}
