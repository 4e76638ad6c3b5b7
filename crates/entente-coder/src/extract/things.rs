//! Named things (weapon systems, projects and corridors, organisations and blocs, agreements,
//! currencies and payment systems, facilities) from a dictionary, and unknown proper names kept
//! as candidates; plus the one matcher that finds things' aliases and themes' cues together.
//!
//! # The things dictionary
//!
//! One entry per line (`builtin/things.txt` in `entente-dict`; a user's file is any file whose
//! name contains `thing` in a `--dict` directory, read after the built-in one):
//!
//! ```text
//! Shahed-136 [WEAPON MIL_DRONES MIL_ARMS] | Geran-2 | Shahed 136   # comment
//! ```
//!
//! the canonical name, then in brackets the category (`WEAPON`, `PROJECT`, `ORG`, `AGREEMENT`,
//! `CURRENCY`, `FACILITY`) and the ids of the themes the thing implies (see `THEMES.md`), then
//! alternative names after `|`. The canonical name is an alias too. How an alias matches:
//! - case: an alias in capitals (`EU`, `S-400`) matches only in capitals; one that starts with
//!   a capital (`Kinzhal`, `Belt and Road`) only with a capital first letter; one in lower case
//!   (`rial`) in any case; `=` before an alias makes it match exactly as written;
//! - a hyphen also matches an en dash or a space (`Rasht-Astara`, `Rasht–Astara`, `Shahed 136`);
//! - whole words only, with a plural `s` allowed (`S-400s`, `Shaheds`); a following hyphen and
//!   digit is another model (`Shahed-238` is not `Shahed`);
//! - the longest alias wins; overlapping shorter ones are dropped.
//!
//! A broken line is a [`Diagnostic`] naming file and line; the rest of the file is read. An
//! alias already taken by another entry is a warning, and the first entry keeps it.

use super::quotes;
use super::themes::{self, Theme, ThemeHit};
use crate::analyze::{Analysis, MKind};
use crate::compile::Compiled;
use crate::text::Kind;
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use entente_dict::{Diagnostic, Origin};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// What kind of thing an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// A weapon system, platform or munition (`WEAPON`).
    Weapon,
    /// A project, programme, corridor, pipeline or railway (`PROJECT`).
    Project,
    /// An organisation, bloc or alliance (`ORG`).
    Organisation,
    /// An agreement, treaty or format of talks (`AGREEMENT`).
    Agreement,
    /// A currency or payment system (`CURRENCY`).
    Currency,
    /// A facility: plant, factory, base, port (`FACILITY`).
    Facility,
}

impl Category {
    /// The category of a dictionary tag (`WEAPON`, `PROJECT`, `ORG`, ...), any case.
    pub fn parse(tag: &str) -> Option<Category> {
        Some(match tag.to_ascii_uppercase().as_str() {
            "WEAPON" => Category::Weapon,
            "PROJECT" => Category::Project,
            "ORG" | "ORGANISATION" | "ORGANIZATION" | "BLOC" => Category::Organisation,
            "AGREEMENT" | "TREATY" => Category::Agreement,
            "CURRENCY" | "PAYMENT" => Category::Currency,
            "FACILITY" => Category::Facility,
            _ => return None,
        })
    }

    /// The category's name in prose and in JSON: `weapon`, `project`, `organisation`, ...
    pub fn label(self) -> &'static str {
        match self {
            Category::Weapon => "weapon",
            Category::Project => "project",
            Category::Organisation => "organisation",
            Category::Agreement => "agreement",
            Category::Currency => "currency",
            Category::Facility => "facility",
        }
    }
}

/// A dictionary entry: a named thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Thing {
    /// The canonical name, as written first on the line.
    pub name: String,
    /// Every name it goes by, the canonical one first (with any `=` mark removed).
    pub aliases: Vec<String>,
    /// What it is.
    pub category: Category,
    /// Ids of the themes it implies.
    pub themes: Vec<String>,
    /// Where it was defined.
    pub origin: Origin,
}

/// The dictionaries of extraction: things and the theme taxonomy with its cues.
#[derive(Debug, Clone, Default)]
pub struct ExtractDicts {
    /// Named things.
    pub things: Vec<Thing>,
    /// Themes, with their cue words.
    pub themes: Vec<Theme>,
    /// Broken lines and warnings met while reading.
    pub diagnostics: Vec<Diagnostic>,
}

const BUILTIN_THINGS: &str = include_str!("../../../entente-dict/builtin/things.txt");
const BUILTIN_THEMES: &str = include_str!("../../../entente-dict/builtin/themes.txt");

impl ExtractDicts {
    /// The built-in things and themes (`entente-dict/builtin/things.txt` and `themes.txt`).
    pub fn builtin() -> ExtractDicts {
        let mut d = ExtractDicts::default();
        d.read_themes("builtin:themes.txt", BUILTIN_THEMES);
        d.read_things("builtin:things.txt", BUILTIN_THINGS);
        d
    }

    /// Reads a things file into `self` (see the module documentation for the syntax). Never
    /// fails: a broken line is a diagnostic and the rest is read.
    pub fn read_things(&mut self, file: &str, text: &str) {
        let file: Arc<str> = file.into();
        let mut taken: HashMap<String, usize> = HashMap::new();
        for (i, t) in self.things.iter().enumerate() {
            for a in &t.aliases {
                taken.entry(a.to_lowercase()).or_insert(i);
            }
        }
        for (n, line) in text.lines().enumerate() {
            let lineno = n as u32 + 1;
            let body = line.split('#').next().unwrap_or("").trim();
            if body.is_empty() {
                continue;
            }
            let mut diag = |message: String, skipped: bool| {
                self.diagnostics.push(Diagnostic { file: file.clone(), line: lineno, entry: line.trim().to_string(), message, skipped })
            };
            let (Some(open), Some(close)) = (body.find('['), body.find(']')) else {
                diag("no [CATEGORY THEMES] after the name".into(), true);
                continue;
            };
            if close < open {
                diag("']' before '['".into(), true);
                continue;
            }
            let name = body[..open].trim();
            if name.is_empty() {
                diag("no name before '['".into(), true);
                continue;
            }
            let mut tags = body[open + 1..close].split_whitespace();
            let Some(category) = tags.next().and_then(Category::parse) else {
                diag("unknown or missing category (WEAPON, PROJECT, ORG, AGREEMENT, CURRENCY, FACILITY)".into(), true);
                continue;
            };
            let mut theme_ids = Vec::new();
            for tag in tags {
                let id = tag.to_ascii_uppercase();
                if self.themes.iter().any(|t| t.id == id) {
                    theme_ids.push(id);
                } else {
                    diag(format!("unknown theme {tag:?}; dropped"), false);
                }
            }
            let rest = body[close + 1..].trim();
            let rest = match rest.strip_prefix('|') {
                Some(r) => r,
                None if rest.is_empty() => "",
                None => {
                    diag("text after ']' must be aliases after '|'".into(), true);
                    continue;
                }
            };
            let mut aliases = vec![name.to_string()];
            let mut broken = false;
            if !rest.is_empty() {
                for a in rest.split('|') {
                    let a = a.trim();
                    if a.is_empty() || a == "=" {
                        broken = true;
                    } else {
                        aliases.push(a.to_string());
                    }
                }
            }
            if broken {
                diag("empty alias between '|'; the others are kept".into(), false);
            }
            let idx = self.things.len();
            let mut kept = Vec::new();
            for a in aliases {
                let key = a.trim_start_matches('=').to_lowercase();
                match taken.get(&key) {
                    Some(&j) if j != idx => {
                        diag(format!("alias {a:?} already names {:?}; kept there", self.things[j].name), false);
                    }
                    _ => {
                        taken.insert(key, idx);
                        kept.push(a);
                    }
                }
            }
            if kept.is_empty() {
                diag("every name is already taken by earlier entries".into(), true);
                continue;
            }
            self.things.push(Thing {
                name: name.trim_start_matches('=').to_string(),
                aliases: kept,
                category,
                themes: theme_ids,
                origin: Origin { file: file.clone(), line: lineno },
            });
        }
    }

    /// Reads a themes file into `self` (syntax in `themes.txt` and `THEMES.md`).
    pub fn read_themes(&mut self, file: &str, text: &str) {
        themes::read_themes(file, text, &mut self.themes, &mut self.diagnostics);
    }

    /// Reads the extraction files of a `--dict` directory: files whose name contains `theme`
    /// (first, so things can name their themes) and then `thing`, in file-name order. Fails only
    /// when the directory or a file cannot be read.
    pub fn load_dir(&mut self, dir: impl AsRef<Path>) -> std::io::Result<()> {
        let mut paths: Vec<_> = std::fs::read_dir(dir.as_ref())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        let base = |p: &Path| p.file_name().and_then(|f| f.to_str()).unwrap_or("").to_lowercase();
        for key in ["theme", "thing"] {
            for p in paths.iter().filter(|p| base(p).contains(key)) {
                let bytes = std::fs::read(p)?;
                let text = String::from_utf8_lossy(&bytes);
                let name = p.display().to_string();
                if key == "theme" {
                    self.read_themes(&name, &text);
                } else {
                    self.read_things(&name, &text);
                }
            }
        }
        Ok(())
    }

    /// Entries that name themes not in the taxonomy, as (thing, theme): empty when every thing
    /// is consistent (the reader drops unknown themes with a warning, so this holds after it).
    pub fn unknown_themes(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for t in &self.things {
            for th in &t.themes {
                if !self.themes.iter().any(|x| &x.id == th) {
                    out.push((t.name.clone(), th.clone()));
                }
            }
        }
        out
    }
}

/// A named thing found in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThingMention {
    /// Index of the sentence in the document.
    pub sentence: u32,
    /// The thing's canonical name.
    pub name: String,
    /// Its category.
    pub category: Category,
    /// The themes it implies.
    pub themes: Vec<String>,
    /// The words as written.
    pub text: String,
    /// Byte span in the sentence.
    pub span: (usize, usize),
    /// Character span in the sentence.
    pub chars: (usize, usize),
    /// Dictionary file and line.
    pub origin: String,
}

/// What an unknown name looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// Letters and digits: `Mohajer-10`, `Tu-22M3`.
    Model,
    /// Several capitalised words: `Caspian Flotilla`, `Khatam al-Anbiya Headquarters`.
    Name,
    /// One capitalised word inside the sentence: `Zircon`.
    Word,
    /// Two or three names after a title or before `said`: a person, not a thing (score 0.2).
    Person,
}

/// A proper name that no dictionary (actors, agents, things) knows: a candidate for one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Index of the sentence in the document.
    pub sentence: u32,
    /// The name as written, white space (a wire story's line breaks) as single spaces.
    pub text: String,
    /// What it looks like.
    pub shape: Shape,
    /// 0–1: how likely it names a thing worth a dictionary entry (see [`Candidate`] scoring in
    /// the source: model numbers score highest, a capitalised run ending in a word such as
    /// `Corridor`, `Plant` or followed by `missile`, `drone`, `system` scores higher).
    pub score: f32,
    /// Byte span in the sentence.
    pub span: (usize, usize),
    /// Character span in the sentence.
    pub chars: (usize, usize),
}

pub use super::Extraction;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Any,
    Initial,
    Exact,
}

#[derive(Debug, Clone, Copy)]
enum Target {
    Thing(u32),
    Cue(u32),
    /// A phrase in which the theme's cues do not count.
    NotCue(u32),
}

#[derive(Debug, Clone)]
struct Pat {
    target: Target,
    case: Case,
    stem: bool,
    bytes: Box<[u8]>,
}

/// The extraction dictionaries compiled into one multi-pattern matcher.
#[derive(Debug)]
pub(crate) struct Extractor {
    ac: Option<NFA>,
    pats: Vec<Pat>,
    /// The first three bytes of every pattern (see [`start_key`]), hashed into 2^16 bits: a word
    /// start is searched only when its key is in, which rejects most words with one lookup.
    starts: Box<[u64]>,
    pub things: Vec<Thing>,
    pub themes: Vec<Theme>,
    /// Theme indices of each thing.
    thing_themes: Vec<Vec<u32>>,
}

/// A valid match in a sentence: byte range and target.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    target: Target,
}

/// Alias variants: a hyphen (or en dash) between letters or digits also as an en dash and a space.
fn variants(alias: &str) -> Vec<String> {
    let norm: String = alias.chars().map(|c| if c == '\u{2013}' || c == '\u{2011}' { '-' } else { c }).collect();
    let mut out = vec![norm.clone()];
    if norm.contains('-') {
        let b: Vec<char> = norm.chars().collect();
        let joins = |rep: &str| -> String {
            let mut s = String::new();
            for (i, &c) in b.iter().enumerate() {
                let inner = i > 0 && i + 1 < b.len() && b[i - 1].is_alphanumeric() && b[i + 1].is_alphanumeric();
                if c == '-' && inner {
                    s.push_str(rep);
                } else {
                    s.push(c);
                }
            }
            s
        };
        for rep in ["\u{2013}", " "] {
            let v = joins(rep);
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// A hash, 0–65535, of the first three bytes of a word at `i`: ASCII letters upper-cased, other
/// ASCII bytes (and every byte after one) as 0, so that "EU-wide" and "EU" share a key, as do
/// "S-400s" and "S-400".
fn start_key(b: &[u8], i: usize) -> usize {
    let mut k = [0u32; 3];
    for (j, slot) in k.iter_mut().enumerate() {
        match b.get(i + j) {
            Some(&c) if c >= 0x80 => *slot = c as u32,
            Some(&c) if c.is_ascii_alphanumeric() => *slot = c.to_ascii_uppercase() as u32,
            _ => break,
        }
    }
    let h = k[0].wrapping_mul(0x9E37_79B1) ^ k[1].wrapping_mul(0x85EB_CA77).rotate_left(11) ^ k[2].wrapping_mul(0xC2B2_AE3D).rotate_left(22);
    ((h ^ (h >> 16)) & 0xFFFF) as usize
}

fn case_of(alias: &str) -> Case {
    let mut letters = alias.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.clone().next() else { return Case::Any };
    if letters.all(|c| c.is_uppercase()) {
        Case::Exact
    } else if first.is_uppercase() {
        Case::Initial
    } else {
        Case::Any
    }
}

impl Extractor {
    pub(crate) fn new(d: &ExtractDicts) -> Extractor {
        let mut pats = Vec::new();
        let mut add = |raw: &str, target: Target, allow_stem: bool| {
            let (exact, raw) = match raw.strip_prefix('=') {
                Some(r) => (true, r),
                None => (false, raw),
            };
            let (stem, raw) = match raw.strip_suffix('*') {
                Some(r) if allow_stem => (true, r.trim_end()),
                _ => (false, raw),
            };
            if raw.trim().is_empty() {
                return;
            }
            let case = if exact { Case::Exact } else { case_of(raw) };
            for v in variants(raw.trim()) {
                pats.push(Pat { target, case, stem, bytes: v.into_bytes().into_boxed_slice() });
            }
        };
        for (i, t) in d.things.iter().enumerate() {
            for a in &t.aliases {
                add(a, Target::Thing(i as u32), false);
            }
        }
        for (i, th) in d.themes.iter().enumerate() {
            for cue in &th.cues {
                match cue.strip_prefix('!') {
                    Some(neg) => add(neg, Target::NotCue(i as u32), true),
                    None => add(cue, Target::Cue(i as u32), true),
                }
            }
        }
        // Anchored searches at word starts only: a match must start a word anyway, and an
        // unanchored scan of every byte through an automaton of several MB misses the cache.
        let ac = if pats.is_empty() {
            None
        } else {
            aho_corasick::nfa::contiguous::Builder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(pats.iter().map(|p| &p.bytes[..]))
                .ok()
        };
        let mut starts = vec![0u64; 1024].into_boxed_slice();
        for p in &pats {
            let k = start_key(&p.bytes, 0);
            starts[k / 64] |= 1 << (k % 64);
        }
        let thing_themes = d
            .things
            .iter()
            .map(|t| t.themes.iter().filter_map(|id| d.themes.iter().position(|x| &x.id == id).map(|p| p as u32)).collect())
            .collect();
        Extractor { ac, pats, starts, things: d.things.clone(), themes: d.themes.clone(), thing_themes }
    }

    /// Every valid alias and cue match in `s` (word boundaries and case checked), in text order.
    fn scan(&self, a: &Analysis, s: &str, out: &mut Vec<Hit>) {
        out.clear();
        let Some(ac) = &self.ac else { return };
        let b = s.as_bytes();
        let try_at = |i: usize, out: &mut Vec<Hit>| {
            let k = start_key(b, i);
            if self.starts[k / 64] & (1 << (k % 64)) != 0 {
                self.scan_at(ac, s, i, out);
            }
        };
        // Word starts: every word or number token's first byte, and inside a token the first
        // byte after a hyphen, period, ampersand or apostrophe ("anti-NATO", "Iran-EU").
        for t in &a.tokens {
            if !matches!(t.kind, Kind::Word | Kind::Number) {
                continue;
            }
            let (ts, te) = (t.start as usize, t.end as usize);
            try_at(ts, out);
            let tb = &b[ts..te];
            if !tb.iter().any(|&c| matches!(c, b'-' | b'.' | b'&' | b'\'' | 0xE2)) {
                continue;
            }
            let mut prev_word = true;
            for (j, &byte) in tb.iter().enumerate().skip(1) {
                let word = if byte < 0x80 {
                    byte.is_ascii_alphanumeric()
                } else if byte >= 0xC0 {
                    s[ts + j..].chars().next().is_some_and(char::is_alphanumeric)
                } else {
                    // A continuation byte: the character's lead byte decided.
                    continue;
                };
                if word && !prev_word {
                    try_at(ts + j, out);
                }
                prev_word = word;
            }
        }
        out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    }

    /// The valid matches that start at byte `i` of `s`: an anchored walk of the automaton, every
    /// pattern of a match state whose length reaches back to `i`.
    fn scan_at(&self, ac: &NFA, s: &str, i: usize, out: &mut Vec<Hit>) {
        let b = s.as_bytes();
        let Ok(mut sid) = ac.start_state(Anchored::Yes) else { return };
        let mut found: [(u32, usize); 8] = [(0, 0); 8];
        let mut nfound = 0;
        for (j, &byte) in b.iter().enumerate().skip(i) {
            sid = ac.next_state(Anchored::Yes, sid, byte);
            if ac.is_dead(sid) {
                break;
            }
            if ac.is_match(sid) {
                for k in 0..ac.match_len(sid) {
                    let pid = ac.match_pattern(sid, k).as_usize();
                    if self.pats[pid].bytes.len() == j + 1 - i && nfound < found.len() {
                        found[nfound] = (pid as u32, j + 1);
                        nfound += 1;
                    }
                }
            }
        }
        for &(pid, en) in &found[..nfound] {
            let p = &self.pats[pid as usize];
            let st = i;
            if !s.is_char_boundary(st) || !s.is_char_boundary(en) {
                continue;
            }
            let prev = s[..st].chars().next_back();
            if prev.is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            if prev == Some('-') && s[..st - 1].chars().next_back().is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            let mut end = en;
            if !p.stem {
                let mut rest = s[en..].chars();
                match rest.next() {
                    Some('s') if !rest.next().is_some_and(|c| c.is_alphanumeric()) && p.bytes.last().is_some_and(|c| c.is_ascii_alphanumeric()) => end += 1,
                    Some(c) if c.is_alphanumeric() => continue,
                    Some('-') if rest.next().is_some_and(|c| c.is_ascii_digit()) => continue,
                    _ => {}
                }
            }
            let ok = match p.case {
                Case::Any => true,
                Case::Exact => b[st..en] == p.bytes[..],
                Case::Initial => b[st] == p.bytes[0] || s[st..].chars().next().is_some_and(char::is_uppercase),
            };
            if ok {
                out.push(Hit { start: st, end, target: p.target });
            }
        }
    }

    /// Extracts things, candidates, themes and quotes from one analysed sentence into `out`.
    pub(crate) fn sentence(&self, c: &Compiled, a: &Analysis, si: u32, s: &str, scratch: &mut Scratch, out: &mut Extraction) {
        let mut hits = std::mem::take(&mut scratch.hits);
        let mut thing_spans = std::mem::take(&mut scratch.things);
        thing_spans.clear();
        self.scan(a, s, &mut hits);
        let chars = |sp: (usize, usize)| char_span(s, sp);
        // Things: longest first, no overlaps.
        let mut last_end = 0;
        for h in hits.iter() {
            if let Target::Thing(t) = h.target {
                if h.start >= last_end {
                    thing_spans.push((h.start, h.end, t));
                    last_end = h.end;
                }
            }
        }
        for &(st, en, t) in &thing_spans {
            let th = &self.things[t as usize];
            out.things.push(ThingMention {
                sentence: si,
                name: th.name.clone(),
                category: th.category,
                themes: th.themes.clone(),
                text: s[st..en].to_string(),
                span: (st, en),
                chars: chars((st, en)),
                origin: format!("{}:{}", th.origin.file, th.origin.line),
            });
        }
        // Themes: the first cue or thing of each theme in the sentence.
        let first_theme = out.themes.len();
        let add_theme = |theme: u32, st: usize, en: usize, via: Option<&str>, out: &mut Extraction| {
            let th = &self.themes[theme as usize];
            if let Some(x) = out.themes[first_theme..].iter_mut().find(|x| x.theme == th.id) {
                x.hits += 1;
                if st < x.span.0 {
                    x.span = (st, en);
                    x.chars = char_span(s, (st, en));
                    x.cue = s[st..en].to_string();
                    x.via = via.map(str::to_string);
                }
                return;
            }
            out.themes.push(ThemeHit {
                sentence: si,
                theme: th.id.clone(),
                domain: th.domain.clone(),
                cue: s[st..en].to_string(),
                via: via.map(str::to_string),
                span: (st, en),
                chars: char_span(s, (st, en)),
                hits: 1,
            });
        };
        for h in hits.iter() {
            if let Target::Cue(t) = h.target {
                let negated = hits.iter().any(|n| matches!(n.target, Target::NotCue(x) if x == t) && n.start <= h.start && h.end <= n.end);
                if !negated {
                    add_theme(t, h.start, h.end, None, out);
                }
            }
        }
        for &(st, en, t) in &thing_spans {
            for &th in &self.thing_themes[t as usize] {
                add_theme(th, st, en, Some(&self.things[t as usize].name), out);
            }
        }
        out.themes[first_theme..].sort_by_key(|x| x.span.0);
        candidates(c, a, si, s, &thing_spans, scratch, &mut out.candidates);
        quotes::find(c, a, si, s, &mut out.quotes);
        scratch.hits = hits;
        scratch.things = thing_spans;
    }

    /// Aggregates the per-sentence themes into document themes.
    pub(crate) fn finish(&self, out: &mut Extraction) {
        out.doc_themes = themes::aggregate(&out.themes);
        quotes::link(&mut out.quotes);
    }
}

/// Character offsets of a byte span in `s`.
pub(crate) fn char_span(s: &str, (a, b): (usize, usize)) -> (usize, usize) {
    let ca = s[..a].chars().count();
    (ca, ca + s[a..b].chars().count())
}

/// Month and day names, and capitalised words that start clauses: never candidates alone.
const NOT_NAMES: &[&str] = &[
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER",
    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "THE", "A", "AN", "THIS", "THAT", "THESE",
    "THOSE", "IT", "HE", "SHE", "WE", "THEY", "I", "YOU", "BUT", "AND", "OR", "IN", "ON", "AT", "FOR", "AS", "IF", "WHEN",
    "WHILE", "AFTER", "BEFORE", "MR", "MRS", "MS", "DR", "HIS", "HER", "THEIR", "OUR", "ITS", "THERE", "HERE", "WHAT", "WHO",
    "MEANWHILE", "HOWEVER", "ALSO", "ACCORDING", "SOURCES", "OFFICIALS", "REUTERS", "AFP", "AP", "BBC", "TASS", "IRNA", "CNN",
    "REUTER", "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC",
];

fn not_name(word: &str) -> bool {
    has(NOT_NAMES, word.trim_end_matches('.'))
}

/// Is `w` in `list`? Length and first byte first: most words are rejected without a comparison.
#[inline]
fn has(list: &[&str], w: &str) -> bool {
    let (n, b0) = (w.len(), w.as_bytes().first().copied().unwrap_or(0));
    list.iter().any(|x| x.len() == n && x.as_bytes()[0] == b0 && *x == w)
}

/// Scratch space reused from sentence to sentence.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    hits: Vec<Hit>,
    known: Vec<bool>,
    things: Vec<(usize, usize, u32)>,
}

/// Titles before a person's name that no agent dictionary has.
const TITLES: &[&str] = &["MR", "MRS", "MS", "DR", "SIR", "DAME", "LORD", "LADY", "PROF", "SHEIKH", "AYATOLLAH", "HOJATOLESLAM", "MULLAH"];

/// Verbs after which a name is a person's: said, told, ...
const PERSON_VERBS: &[&str] = &["SAID", "SAYS", "TOLD", "ADDED", "WROTE", "ARGUED", "INSISTED", "STRESSED", "WARNED", "SAID,"];

/// Lower-case words allowed inside a capitalised name ("Bank of Russia", "Khatam al-Anbiya").
const CONNECTORS: &[&str] = &["of", "for", "and", "the", "de", "al", "el", "bin", "on"];

/// Last words that make a capitalised run an institution, project or facility.
const HEADS: &[&str] = &[
    "CORRIDOR", "RAILWAY", "PIPELINE", "PROJECT", "INITIATIVE", "AGREEMENT", "TREATY", "ACCORD", "ACCORDS", "PLANT", "FACTORY",
    "BANK", "ORGANISATION", "ORGANIZATION", "UNION", "COUNCIL", "FORUM", "SUMMIT", "FUND", "EXCHANGE", "COMPANY", "CORPORATION",
    "GROUP", "FORCE", "FORCES", "CORPS", "BRIGADE", "FLEET", "FLOTILLA", "BASE", "PORT", "ZONE", "PROGRAMME", "PROGRAM", "SYSTEM",
    "PARTNERSHIP", "DECLARATION", "PACT", "ALLIANCE", "COMMITTEE", "COMMISSION", "AGENCY", "AUTHORITY", "HEADQUARTERS", "DEAL",
    "ROUTE", "BRIDGE", "TERMINAL", "FIELD", "REFINERY", "CENTRE", "CENTER", "INSTITUTE", "SHIPYARD", "WORKS", "PLATFORM",
];

/// Words after a single unknown word that make it the name of a thing ("a Zircon missile").
const THING_NOUNS: &[&str] = &[
    "MISSILE", "MISSILES", "DRONE", "DRONES", "SYSTEM", "SYSTEMS", "JET", "JETS", "FIGHTER", "FIGHTERS", "ROCKET", "ROCKETS",
    "CORRIDOR", "RAILWAY", "PIPELINE", "PROJECT", "PLANT", "FACILITY", "INITIATIVE", "AGREEMENT", "TREATY", "PROGRAMME",
    "PROGRAM", "SATELLITE", "SUBMARINE", "FRIGATE", "DESTROYER", "CORVETTE", "TANK", "TANKS", "HOWITZER", "HOWITZERS",
    "HELICOPTER", "HELICOPTERS", "BOMBER", "BOMBERS", "WARHEAD", "WARHEADS", "RADAR", "RADARS", "LAUNCHER", "LAUNCHERS",
    "INTERCEPTOR", "INTERCEPTORS", "AIRCRAFT", "VESSEL", "TANKER", "CARD", "CARDS", "TOKEN", "EXERCISE", "EXERCISES", "DRILLS",
];

/// Unknown proper names of one sentence: model numbers, capitalised runs, single capitalised
/// words inside the sentence, none covered by an actor, an agent or a thing.
fn candidates(c: &Compiled, a: &Analysis, si: u32, s: &str, things: &[(usize, usize, u32)], scratch: &mut Scratch, out: &mut Vec<Candidate>) {
    let n = a.tokens.len();
    if n == 0 {
        return;
    }
    // Tokens known to a dictionary of names: the coder's mentions, and any actor or agent phrase
    // starting at a capitalised word (a null-coded actor, or one with no role on the date, is no
    // mention but is known).
    let known = &mut scratch.known;
    known.clear();
    known.resize(n, false);
    for m in &a.mentions {
        known[m.start..m.end.min(n)].iter_mut().for_each(|k| *k = true);
    }
    let mut i = 0;
    while i < n {
        // Only a word some dictionary has (or a stem of one) can start a phrase.
        if known[i] || a.tokens[i].kind != Kind::Word || (a.tids.ids[i] == crate::lexicon::NO_WORD && a.tids.stems(i).is_empty()) || !s[a.tokens[i].start as usize..].starts_with(char::is_uppercase) {
            i += 1;
            continue;
        }
        let e1 = c.actor_trie.longest(&a.tids, i).map_or(i, |(e, _)| e);
        let e2 = c.agent_trie.longest(&a.tids, i).map_or(i, |(e, _)| e);
        let e = e1.max(e2);
        if e > i {
            known[i..e].iter_mut().for_each(|k| *k = true);
            i = e;
        } else {
            i += 1;
        }
    }
    for (k, t) in a.tokens.iter().enumerate() {
        let (ts, te) = (t.start as usize, t.end as usize);
        if things.iter().any(|&(st, en, _)| ts < en && st < te) {
            known[k] = true;
        }
    }
    let text = |k: usize| &s[a.tokens[k].start as usize..a.tokens[k].end as usize];
    let capital = |k: usize| a.tokens[k].kind == Kind::Word && text(k).chars().next().is_some_and(char::is_uppercase);
    let model = |k: usize| {
        let w = text(k);
        capital(k)
            && w.len() >= 3
            && w.chars().any(|ch| ch.is_ascii_digit())
            && w.chars().filter(|ch| ch.is_alphabetic()).count() >= 1
            && w.chars().all(|ch| ch.is_alphanumeric() || ch == '-')
    };
    // The first word of the sentence (after opening quotes or brackets) is capitalised anyway.
    let first_word = a.tokens.iter().position(|t| t.kind != Kind::Punct).unwrap_or(0);
    let mut k = 0;
    while k < n {
        if known[k] || !capital(k) {
            k += 1;
            continue;
        }
        // A run of capitalised words, with connectors inside.
        let mut end = k + 1;
        let mut last_cap = k;
        while end < n {
            // A name does not run on past an abbreviation's period ("Dec. Buyers").
            if text(end - 1).len() > 2 && text(end - 1).ends_with('.') && !text(end - 1)[..text(end - 1).len() - 1].contains('.') {
                break;
            }
            if !known[end] && capital(end) {
                last_cap = end;
                end += 1;
            } else if a.tokens[end].kind == Kind::Word
                && (has(CONNECTORS, text(end)) || text(end).starts_with("al-"))
                && end + 1 < n
                && !known[end + 1]
                && capital(end + 1)
            {
                end += 1;
            } else {
                break;
            }
        }
        let end = last_cap + 1;
        let mut start = k;
        // Drop a leading sentence-initial word that is an ordinary word (known to the lexicon or a function word).
        while start < end && start == first_word && (a.tids.ids[start] != crate::lexicon::NO_WORD || not_name(a.word(start))) {
            start += 1;
        }
        while start < end && not_name(a.word(start)) {
            start += 1;
        }
        let mut stop = end;
        while stop > start && not_name(a.word(stop - 1)) {
            stop -= 1;
        }
        if start < stop {
            let caps = (start..stop).filter(|&j| capital(j)).count();
            let next_noun = stop < n && has(THING_NOUNS, a.word(stop));
            let cand = if caps == 1 && stop - start == 1 && model(start) {
                Some((Shape::Model, if next_noun { 1.0 } else { 0.9 }))
            } else if caps >= 2 {
                let head = has(HEADS, a.word(stop - 1)) || next_noun;
                let has_model = (start..stop).any(model);
                // A person: two or three names after a title ("Deputy Foreign Minister Sergei
                // Ryabkov", "Mr Sullivan") or before a speech verb, with no institutional head.
                let after_title = start > 0
                    && (a.mentions.iter().any(|m| m.end == start && matches!(m.kind, MKind::Agent(_))) || has(TITLES, a.word(start - 1).trim_end_matches('.')));
                let before_speech = stop < n && has(PERSON_VERBS, a.word(stop));
                if !head && !has_model && stop - start <= 3 && caps == stop - start && (after_title || before_speech) {
                    Some((Shape::Person, 0.2))
                } else {
                    let score: f32 = 0.5 + if head { 0.3 } else { 0.0 } + if has_model { 0.2 } else { 0.0 };
                    Some((Shape::Name, score.min(1.0)))
                }
            } else if stop - start == 1 && start != first_word && a.tids.ids[start] == crate::lexicon::NO_WORD && text(start).chars().count() >= 4 {
                // All-capital words are acronyms or shouting; title-case single words only.
                let w = text(start);
                if w.chars().skip(1).any(char::is_lowercase) {
                    Some((Shape::Word, if next_noun { 0.7 } else { 0.3 }))
                } else {
                    None
                }
            } else {
                None
            };
            if let Some((shape, score)) = cand {
                let sp = (a.tokens[start].start as usize, a.tokens[stop - 1].end as usize);
                // Wire text wraps lines inside names: the text has single spaces, the span the original.
                let raw = &s[sp.0..sp.1];
                let text = if raw.contains(['\n', '\t', '\r']) || raw.contains("  ") { raw.split_whitespace().collect::<Vec<_>>().join(" ") } else { raw.to_string() };
                out.push(Candidate { sentence: si, text, shape, score, span: sp, chars: char_span(s, sp) });
            }
        }
        k = end.max(k + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CoderBuilder;
    use entente_core::Date;
    use entente_dict::Dictionaries;

    fn coder() -> crate::Coder {
        CoderBuilder::new(&Dictionaries::builtin()).build().unwrap()
    }

    fn names(c: &crate::Coder, text: &str) -> Vec<(String, String)> {
        c.things(text).into_iter().map(|t| (t.name, t.text)).collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn aliases_resolve_to_the_canonical_thing() {
        let c = coder();
        assert_eq!(names(&c, "Russia launched Geran-2 drones at Kyiv."), vec![pair("Shahed-136", "Geran-2")]);
        assert_eq!(names(&c, "Work on the Rasht\u{2013}Astara railway resumed."), vec![pair("Rasht-Astara railway", "Rasht\u{2013}Astara railway")]);
        assert_eq!(names(&c, "A Shahed 136 hit the port."), vec![pair("Shahed-136", "Shahed 136")]);
        assert_eq!(names(&c, "Turkey bought S-400s and paid in roubles."), vec![pair("S-400", "S-400s"), pair("Russian rouble", "roubles")]);
        assert_eq!(names(&c, "The Nord Stream 2 pipeline was damaged."), vec![pair("Nord Stream 2", "Nord Stream 2")]);
        assert_eq!(names(&c, "Iran linked its Shetab network to Russia's Mir."), vec![pair("Shetab", "Shetab network"), pair("Mir payment system", "Russia's Mir")]);
        assert_eq!(names(&c, "Iran joined the Shanghai Cooperation Organization and BRICS."), vec![pair("Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"), pair("BRICS", "BRICS")]);
        assert_eq!(names(&c, "Nato and the EU met."), vec![pair("NATO", "Nato"), pair("European Union", "EU")]);
    }

    #[test]
    fn case_and_word_boundaries_are_respected() {
        let c = coder();
        // An ordinary word, a lower-case acronym, a name inside another word: no things.
        assert!(names(&c, "He is a true patriot, says the eu envoy Mirzoyan.").is_empty());
        assert_eq!(names(&c, "Ukraine asked for more Patriot batteries.")[0].0, "Patriot");
        // A hyphen and a digit after a known family name make another, unknown model.
        assert!(names(&c, "Iran unveiled the Mohajer-10 drone.").is_empty());
        assert_eq!(names(&c, "Iran unveiled the Mohajer-6 drone.")[0].0, "Mohajer-6");
        // A hyphen and a word do not: "NATO-led".
        assert_eq!(names(&c, "A NATO-led mission ended.")[0].0, "NATO");
    }

    #[test]
    fn unknown_names_are_candidates_with_a_score() {
        let c = coder();
        let cands = c.candidates("Tehran unveiled the Karkas-17 drone, and the Zarvand Flotilla sailed with Shahed-136 drones past Tavrinsk.");
        let find = |t: &str| cands.iter().find(|c| c.text == t).unwrap_or_else(|| panic!("{t} not in {cands:?}"));
        assert_eq!(find("Karkas-17").shape, Shape::Model);
        assert!(find("Karkas-17").score >= 0.9);
        assert_eq!(find("Zarvand Flotilla").shape, Shape::Name);
        assert!(find("Zarvand Flotilla").score >= 0.8, "a capitalised run ending in Flotilla scores higher");
        assert_eq!(find("Tavrinsk").shape, Shape::Word);
        // Known to the actor dictionary (Tehran), to the things (Shahed-136): no candidates.
        assert!(!cands.iter().any(|c| c.text.contains("Tehran") || c.text.contains("Shahed")), "{cands:?}");
        // A person after a title or before "said" is kept apart from things, with a low score.
        let p = c.candidates("Deputy Foreign Minister Pavel Zarudny said the Karkas-17 works. Ms Alina Vetrova told reporters so.");
        let shape = |t: &str| p.iter().find(|c| c.text == t).map(|c| (c.shape, c.score));
        assert_eq!(shape("Pavel Zarudny"), Some((Shape::Person, 0.2)), "{p:?}");
        assert_eq!(shape("Alina Vetrova"), Some((Shape::Person, 0.2)), "{p:?}");
        assert_eq!(shape("Karkas-17").map(|s| s.0), Some(Shape::Model));
        // A single word before a thing noun scores higher than one alone.
        let z = c.candidates("Russia test-fired a Tsarvenok missile over the sea.");
        assert_eq!(z.len(), 1, "{z:?}");
        assert!(z[0].text == "Tsarvenok" && z[0].score >= 0.7);
        // The first word of a sentence is capitalised anyway.
        assert!(c.candidates("Meanwhile talks went on.").is_empty());
    }

    #[test]
    fn spans_are_bytes_and_chars_of_the_sentence_as_split_for_events() {
        let c = coder();
        let text = "MOSCOW, March 3 (Reuters) - Le ministre a parl\u{e9} du \u{201c}Rasht\u{2013}Astara railway\u{201d} hier. Then S-400s came.";
        let x = c.extract(text, Date::new(2024, 3, 3).unwrap());
        let sentences = c.sentences(text);
        assert_eq!(x.sentences, 2);
        for t in &x.things {
            let s = sentences[t.sentence as usize];
            assert_eq!(&s[t.span.0..t.span.1], t.text);
            let by_chars: String = s.chars().skip(t.chars.0).take(t.chars.1 - t.chars.0).collect();
            assert_eq!(by_chars, t.text);
        }
        assert_eq!(x.things[0].sentence, 0);
        assert!(x.things[0].chars.0 < x.things[0].span.0, "non-ASCII before the thing: chars differ from bytes");
        assert_eq!((x.things[1].sentence, x.things[1].span), (1, (5, 11)));
    }

    #[test]
    fn a_malformed_line_is_named_with_file_and_line_and_the_rest_is_loaded() {
        let mut d = ExtractDicts::builtin();
        let before = d.things.len();
        let text = "Karkas-17 [WEAPON MIL_DRONES] | Karkas drone\n\
                    Broken entry without brackets\n\
                    Odd thing [GADGET MIL_DRONES]\n\
                    # a comment\n\
                    Zarvand Flotilla [ORG MIL_NAVAL NO_SUCH_THEME]\n\
                    Geran-2 [WEAPON MIL_DRONES]\n";
        d.read_things("my_things.txt", text);
        assert_eq!(d.things.len(), before + 2);
        let mine: Vec<_> = d.diagnostics.iter().filter(|g| &*g.file == "my_things.txt").collect();
        let lines: Vec<(u32, bool)> = mine.iter().map(|g| (g.line, g.skipped)).collect();
        assert_eq!(lines, vec![(2, true), (3, true), (5, false), (6, false), (6, true)], "{mine:?}");
        assert!(mine[0].to_string().starts_with("my_things.txt:2: skipped"));
        assert!(mine[3].message.contains("Shahed-136"), "an alias taken by a built-in thing stays there");
        let zarvand = d.things.iter().find(|t| t.name == "Zarvand Flotilla").unwrap();
        assert_eq!(zarvand.themes, vec!["MIL_NAVAL"], "the unknown theme is dropped, the entry kept");
        // The user's things are found, and are no longer candidates.
        let dicts = Dictionaries::builtin();
        let c = CoderBuilder::new(&dicts).extract_dicts(d).build().unwrap();
        let x = c.extract("The Karkas drone and the Zarvand Flotilla.", Date::new(2024, 1, 1).unwrap());
        assert_eq!(x.things.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), vec!["Karkas-17", "Zarvand Flotilla"]);
        assert!(x.candidates.is_empty(), "{:?}", x.candidates);
    }

    #[test]
    fn a_dict_directory_extends_the_builtin_things() {
        let dir = std::env::temp_dir().join(format!("entente-extract-dir-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("my.things.txt"), "Karkas-17 [WEAPON MIL_DRONES]\n").unwrap();
        std::fs::write(dir.join("my.themes.txt"), "MIL_DRONES\n    whirlybird*\n").unwrap();
        std::fs::write(dir.join("actors.txt"), "FRANCE [FRA]\n").unwrap();
        let mut d = ExtractDicts::builtin();
        d.load_dir(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
        let dicts = Dictionaries::builtin();
        let c = CoderBuilder::new(&dicts).extract_dicts(d).build().unwrap();
        assert_eq!(c.things("They flew a Karkas-17.")[0].name, "Karkas-17");
        assert_eq!(c.themes("They flew whirlybirds.")[0].theme, "MIL_DRONES");
    }

    #[test]
    fn the_builtin_dictionary_is_clean_large_and_uses_only_known_themes() {
        let d = ExtractDicts::builtin();
        assert!(d.diagnostics.is_empty(), "{:#?}", d.diagnostics);
        assert!(d.things.len() >= 250, "{} things", d.things.len());
        // Read raw so that a theme the reader would drop is caught too.
        let ids: Vec<&str> = d.themes.iter().map(|t| t.id.as_str()).collect();
        for (n, line) in BUILTIN_THINGS.lines().enumerate() {
            let body = line.split('#').next().unwrap_or("");
            let Some(tags) = body.split_once('[').and_then(|(_, r)| r.split_once(']')).map(|(t, _)| t) else { continue };
            let themes: Vec<&str> = tags.split_whitespace().skip(1).collect();
            assert!(!themes.is_empty(), "things.txt:{}: a thing implies at least one theme", n + 1);
            for th in themes {
                assert!(ids.contains(&th), "things.txt:{}: theme {th} is not in themes.txt", n + 1);
            }
        }
        assert!(d.unknown_themes().is_empty());
        for cat in [Category::Weapon, Category::Project, Category::Organisation, Category::Agreement, Category::Currency, Category::Facility] {
            assert!(d.things.iter().filter(|t| t.category == cat).count() >= 10, "{cat:?}");
        }
    }

    #[test]
    fn odd_text_never_panics_and_spans_stay_on_char_boundaries() {
        let c = coder();
        let date = Date::new(2024, 1, 1).unwrap();
        let odd = [
            "", "\"", "\u{201c}", "\u{201d}x", "\u{e9}\"\u{e9}", "'s", "S-", "-136", "\u{1f680} Shahed-136\u{1f680}", "\"\"\"\"",
            "Mir\u{2013}", "said", "said that", ", said", "\u{201c}a\u{201d} said \u{201c}b", "A, B, C said: \"",
            "Zircon\u{2019}s S-400\u{2011}s \u{2013}Kinzhal\u{2013}", "\u{ab} Je dis \u{bb}, a dit Lavrov.", "According to", "According to,",
        ];
        for s in odd {
            let x = c.extract(s, date);
            let sentences = c.sentences(s);
            for (si, sp) in x.things.iter().map(|t| (t.sentence, t.span)).chain(x.candidates.iter().map(|t| (t.sentence, t.span))).chain(x.themes.iter().map(|t| (t.sentence, t.span))).chain(x.quotes.iter().map(|t| (t.sentence, t.span))) {
                let sen = sentences[si as usize];
                assert!(sp.0 <= sp.1 && sen.get(sp.0..sp.1).is_some(), "{s:?}: {sp:?}");
            }
        }
    }
}
