//! Where the reported act happened: gazetteer names found in a sentence, kept when the sentence
//! places an act there, and resolved to a country and coordinates.
//!
//! The rules are those of `eval/PLACES.md` (how a person annotates the places set):
//!
//! - a name counts after a locative preposition (`in`, `at`, `near`, `outside`, `off`, `across`,
//!   `inside`, `around`, `throughout`, `through`, `within`, `among`; `on` for a region, a sea or
//!   a demonym's place: "on the West Bank", "on Iranian soil"), through determiners, modifiers
//!   ("southern", "Southern", "rebel-held", "Indian-administered") and a place noun with `of`
//!   ("in the southern Iraqi port of Basra", "off the coast of Somalia", "near the Caspian port
//!   of Astrakhan": Astrakhan; the Caspian and the demonym are only modifiers);
//! - or as the modifier of an event noun: "the Geneva talks", "a Baghdad bombing", "the
//!   Amsterdam bourse" (a city or a region only: "the Iran talks" are talks about Iran);
//!   a city's exchange named in full after `on` or `at` ("turnover on the Amsterdam Bourse");
//!   a city naming an actor's own site ("in the agency's Stockholm headquarters");
//! - a demonym is a place only before a place noun: "in Kuwaiti waters", "in the Iraqi capital";
//! - a list after a counted name continues it, past unknown names too: "in Tel Aviv, Chicago
//!   and Athens"; a name followed by a verb of saying is a subject ("In Lebanon, Syria said");
//! - "X, Country", "Country's X" and "X in Country" are one place, the most specific ("in Basra,
//!   Iraq", "in Iraq's Anbar province", "at Gleneagles in Scotland"); a city of another country
//!   before ", State" is an unknown town of that state ("Vienna, Va."), and so is an unknown
//!   name there ("in Dearborn, Mich.": written "Dearborn, Mich.", resolved to Michigan); an
//!   unknown name before "in" a known place is the place ("in Grand Bois in Haiti's North",
//!   "at the Luna Park fairground in Sydney"), and so is a name of its own after a city's
//!   possessive ("at London's Hammersmith Apollo"); a place "in the South Pacific" is the place;
//! - a list's last item after "and" takes no verb of its own ("in London, Amsterdam and Sydney
//!   have failed": Sydney is an item);
//! - not a place: a destination or an origin ("flew to Moscow", "imports from Japan"), a name
//!   inside a longer proper name ("Bank of England", "the New York Stock Exchange", "the
//!   Washington Post"; but a facility named after its place is in it: "at Bethesda Naval
//!   Hospital"), a hyphenated home ("the Paris-based agency": one token, never a match), a topic
//!   ("in the Iraq war", "in Iran's nuclear programme", "in Washington's view"), an abbreviation
//!   used as an adjective ("in U.S. government securities"), a name with no preposition ("Japan
//!   said": a country standing for its government); an actor's home after a preposition
//!   ("based in Seattle", "headquartered in", "people living near Stansted", "investors in
//!   Asia", "everyone in Scotland", "offices in the Midwest", "Research Corp in Boulder", "<Simmons SA>
//!   in France"), a state or a holding ("conditions in China", "costs in North America"), a
//!   market ("for sale in Japan"), a comparison's scope ("the second-fastest in Asia"), a
//!   city's team ("at Liverpool's clash with Leverkusen");
//! - a name with several readings (Georgia, Tripoli, Punjab, Kashmir) takes the one of the
//!   country after a comma ("Hyderabad, Pakistan"), else of a demonym before it ("Soviet
//!   Georgia", "Pakistani-administered Kashmir"), else of a country of the sentence's actors or
//!   other places, else the nearest to them ("Tripoli" with Damascus is Lebanon's), else of the
//!   country the document's earlier actors and places name most; otherwise the first in the
//!   gazetteer. An actor that is itself such a name ("Georgia" coded GEO) is no evidence.
//!
//! Matching is one hash lookup per word token (upper-cased, as the coder already has it) and a
//! comparison of the few names that start with that word, longest first: no per-name search.
//!
//! The gazetteer is `data/gazetteer.txt` (format in its header), read once per process;
//! [`Gazetteer::read`] adds a user file in the same format.

use crate::text::{tokenize, upper_into, Kind, Token};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The built-in gazetteer file.
pub const BUILTIN: &str = include_str!("../../data/gazetteer.txt");
/// The name the built-in gazetteer's entries and errors carry.
pub const BUILTIN_NAME: &str = "builtin:gazetteer.txt";

/// What a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A country or a territory with its own ISO 3166-1 code.
    Country,
    /// A national capital.
    Capital,
    /// A city or a town.
    City,
    /// A state, province, territory, historical or geographic region, continent.
    Region,
    /// A sea, gulf, strait, ocean, lake, river or canal.
    Sea,
    /// A country's adjective ("Kuwaiti"): in a sentence only right before a place noun ("in
    /// Kuwaiti waters"), and a found place of it has the kind [`PlaceKind::Country`].
    Demonym,
}

impl PlaceKind {
    /// The kind as the gazetteer writes it.
    pub fn name(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Capital => "capital",
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
            PlaceKind::Sea => "sea",
            PlaceKind::Demonym => "demonym",
        }
    }

    /// Parses a kind as the gazetteer writes it.
    pub fn parse(s: &str) -> Option<PlaceKind> {
        [PlaceKind::Country, PlaceKind::Capital, PlaceKind::City, PlaceKind::Region, PlaceKind::Sea, PlaceKind::Demonym].into_iter().find(|k| k.name() == s)
    }

    /// How specific a place of this kind is: a city inside a region inside a country.
    fn rank(self) -> u8 {
        match self {
            PlaceKind::Country | PlaceKind::Demonym => 1,
            PlaceKind::Region | PlaceKind::Sea => 2,
            PlaceKind::Capital | PlaceKind::City => 3,
        }
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerEntry {
    /// The usual name.
    pub name: String,
    /// Other names: spellings, older names, short forms.
    pub alts: Vec<String>,
    /// What it is.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-3 of its country; `None` for a place in no single country.
    pub country: Option<String>,
    /// Latitude, decimal degrees.
    pub lat: f64,
    /// Longitude, decimal degrees.
    pub lon: f64,
    /// The file it was read from.
    pub file: String,
    /// Its line in that file, from 1.
    pub line: usize,
}

/// A gazetteer line that cannot be read; the rest of the file is read all the same.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}: {entry:?}")]
pub struct GazetteerError {
    /// The file.
    pub file: String,
    /// Line number, from 1.
    pub line: usize,
    /// The line.
    pub entry: String,
    /// What was wrong.
    pub message: String,
}

/// A fast hasher for short keys (the words of a sentence, looked up one by one while coding):
/// FxHash's multiply-rotate, no protection against adversarial keys (the keys are our own
/// gazetteer's).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Fx = BuildHasherDefault<FxHasher>;

/// One name (of one or more entries) as a sequence of upper-case tokens.
#[derive(Debug, Clone)]
struct Name {
    words: Vec<Box<str>>,
    /// Entries with this name, in file order: the first is the default reading.
    readings: Vec<u32>,
    /// Written starting in lower case ("occupied territories"): matches a lower-case word.
    lower: bool,
    /// Abbreviations with a period and lower-case letters ("La.", "Calif."): match only as
    /// written, so that "LA." (Los Angeles) is not Louisiana.
    exact: Vec<Box<str>>,
}

/// The places the resolver knows. Read once ([`Gazetteer::builtin`]), extended with
/// [`Gazetteer::read`], shared by every coder built from it.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<GazetteerEntry>,
    names: Vec<Name>,
    /// First word of a name → names starting with it, longest first.
    index: HashMap<Box<str>, Vec<u32>, Fx>,
    /// First words of names written in lower case ("occupied territories"), sorted: the only
    /// lower-case words looked up.
    lower_firsts: Vec<Box<str>>,
    /// ISO3 → the country's entry.
    countries: HashMap<String, u32>,
    /// `index` and `lower_firsts` again for words of at most 15 bytes, by one packed integer
    /// (`lexicon::pack`): every word of a sentence is looked up, and this needs no string compare.
    index_short: HashMap<u128, Vec<u32>, ShortHash>,
    lower_short: std::collections::HashSet<u128, ShortHash>,
}

type ShortHash = BuildHasherDefault<crate::lexicon::EdgeHasher>;

/// A place found in a sentence: where an act the sentence reports happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Index of the sentence in the document (as [`crate::Coder::sentences`] splits it).
    pub sentence: u32,
    /// Byte range `[start, end)` of the name in the sentence text, as event spans are.
    pub span: (usize, usize),
    /// The same range in characters.
    pub char_span: (usize, usize),
    /// The name as the sentence writes it.
    pub text: String,
    /// The gazetteer's name for the place.
    pub name: String,
    /// ISO 3166-1 alpha-3 of its country; `None` for a sea or a region of several countries.
    pub country: Option<String>,
    /// Latitude, decimal degrees.
    pub lat: f64,
    /// Longitude, decimal degrees.
    pub lon: f64,
    /// What it is.
    pub kind: PlaceKind,
}

fn iso3_ok(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// "the Ukraine" → "Ukraine": names are matched without their article.
fn strip_article(s: &str) -> &str {
    for a in ["the ", "The "] {
        if let Some(r) = s.strip_prefix(a) {
            return r.trim_start();
        }
    }
    s
}

impl Gazetteer {
    /// The built-in gazetteer (`data/gazetteer.txt`), read once per process.
    ///
    /// # Panics
    /// Never in a released build: the built-in file is checked by the tests to read cleanly.
    pub fn builtin() -> Arc<Gazetteer> {
        static CACHE: OnceLock<Arc<Gazetteer>> = OnceLock::new();
        CACHE
            .get_or_init(|| {
                let mut g = Gazetteer::default();
                let errors = g.read(BUILTIN_NAME, BUILTIN);
                debug_assert!(errors.is_empty(), "{errors:?}");
                Arc::new(g)
            })
            .clone()
    }

    /// Reads gazetteer lines (format in `data/gazetteer.txt`) from `text` into `self`. Broken
    /// lines are returned, naming file and line, and skipped; the rest is read. A place whose
    /// name and country are already known from another file replaces it (a user file corrects
    /// the built-in one); twice in one file is an error.
    pub fn read(&mut self, file: &str, text: &str) -> Vec<GazetteerError> {
        let mut errors = Vec::new();
        let mut seen: HashMap<(String, Option<String>), usize> = HashMap::new();
        // Name and country → entry, to replace a place a user file corrects without a scan of
        // every entry per line (thousands of lines).
        let mut known: HashMap<(String, Option<String>), usize> =
            self.entries.iter().enumerate().map(|(i, e)| ((e.name.to_ascii_lowercase(), e.country.clone()), i)).collect();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let l = raw.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let err = |message: &str| GazetteerError { file: file.to_string(), line, entry: raw.to_string(), message: message.to_string() };
            let f: Vec<&str> = l.split('|').map(str::trim).collect();
            if f.len() != 6 {
                errors.push(err(&format!("expected 6 fields separated by '|' (name|alt names|kind|ISO3|lat|lon), found {}", f.len())));
                continue;
            }
            let name = strip_article(f[0]);
            if name.is_empty() {
                errors.push(err("empty name"));
                continue;
            }
            let Some(kind) = PlaceKind::parse(f[2]) else {
                errors.push(err(&format!("unknown kind {:?} (country, capital, city, region, sea, demonym)", f[2])));
                continue;
            };
            let country = match f[3] {
                "-" => None,
                c if iso3_ok(c) => Some(c.to_string()),
                c => {
                    errors.push(err(&format!("country {c:?} is neither an ISO 3166-1 alpha-3 code nor '-'")));
                    continue;
                }
            };
            let (Ok(lat), Ok(lon)) = (f[4].parse::<f64>(), f[5].parse::<f64>()) else {
                errors.push(err("latitude and longitude must be decimal numbers"));
                continue;
            };
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                errors.push(err("latitude must be within ±90 and longitude within ±180"));
                continue;
            }
            let key = (name.to_lowercase(), country.clone());
            if let Some(prev) = seen.get(&key) {
                errors.push(err(&format!("{name} ({}) is already on line {prev}", f[3])));
                continue;
            }
            seen.insert(key, line);
            let alts = f[1].split(',').map(|a| strip_article(a.trim()).to_string()).filter(|a| !a.is_empty()).collect();
            let entry = GazetteerEntry { name: name.to_string(), alts, kind, country, lat, lon, file: file.to_string(), line };
            match known.get(&(entry.name.to_ascii_lowercase(), entry.country.clone())) {
                Some(&p) => self.entries[p] = entry,
                None => {
                    known.insert((entry.name.to_ascii_lowercase(), entry.country.clone()), self.entries.len());
                    self.entries.push(entry);
                }
            }
        }
        self.reindex();
        errors
    }

    /// Reads a user gazetteer file (see [`Gazetteer::read`]); fails only when it cannot be read.
    pub fn load_file(&mut self, path: impl AsRef<Path>) -> std::io::Result<Vec<GazetteerError>> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)?;
        Ok(self.read(&path.display().to_string(), &text))
    }

    /// Every place, in file order.
    pub fn entries(&self) -> &[GazetteerEntry] {
        &self.entries
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no place at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The places called `name` (any of their names, case-insensitive), default reading first.
    pub fn lookup(&self, name: &str) -> Vec<&GazetteerEntry> {
        let words = name_words(strip_article(name));
        let Some(first) = words.first() else { return Vec::new() };
        self.index
            .get(first.as_ref())
            .into_iter()
            .flatten()
            .map(|&n| &self.names[n as usize])
            .filter(|n| n.words == words)
            .flat_map(|n| n.readings.iter().map(|&r| &self.entries[r as usize]))
            .collect()
    }

    fn reindex(&mut self) {
        self.names.clear();
        self.index.clear();
        self.lower_firsts.clear();
        self.countries.clear();
        for (i, e) in self.entries.iter().enumerate() {
            if let (PlaceKind::Country, Some(c)) = (e.kind, &e.country) {
                self.countries.entry(c.clone()).or_insert(i as u32);
            }
        }
        let mut by_words: HashMap<Vec<Box<str>>, u32> = HashMap::new();
        for (ei, e) in self.entries.iter().enumerate() {
            for written in std::iter::once(&e.name).chain(&e.alts) {
                let words = name_words(written);
                if words.is_empty() {
                    continue;
                }
                let lower = written.chars().next().is_some_and(char::is_lowercase);
                let id = *by_words.entry(words.clone()).or_insert_with(|| {
                    self.names.push(Name { words, readings: Vec::new(), lower, exact: Vec::new() });
                    (self.names.len() - 1) as u32
                });
                let n = &mut self.names[id as usize];
                n.lower |= lower;
                if written.contains('.') && written.chars().any(char::is_lowercase) && !written.contains(' ') {
                    n.exact.push(Box::from(written.as_str()));
                }
                if !n.readings.contains(&(ei as u32)) {
                    n.readings.push(ei as u32);
                }
            }
        }
        for (id, n) in self.names.iter().enumerate() {
            self.index.entry(n.words[0].clone()).or_default().push(id as u32);
            if n.lower {
                self.lower_firsts.push(n.words[0].clone());
            }
        }
        self.lower_firsts.sort();
        self.lower_firsts.dedup();
        let names = &self.names;
        for ids in self.index.values_mut() {
            ids.sort_by_key(|&i| std::cmp::Reverse(names[i as usize].words.len()));
        }
        self.index_short = self.index.iter().filter_map(|(w, ids)| Some((crate::lexicon::pack(w.as_bytes())?, ids.clone()))).collect();
        self.lower_short = self.lower_firsts.iter().filter_map(|w| crate::lexicon::pack(w.as_bytes())).collect();
    }

    /// The places of one sentence, given its tokens and upper-case copy (as the coder has them)
    /// and the country codes of its actors; appended to `out` with `sentence` as their index.
    /// `doc` holds the countries of the document's actors so far, a weaker context than the
    /// sentence's own actors.
    pub(crate) fn find(&self, text: &str, tokens: &[Token], up: &str, actors: &[&str], doc: &[String], sentence: u32, out: &mut Vec<Place>) {
        self.find_noting(text, tokens, up, actors, doc, sentence, out, &mut Vec::new());
    }

    /// [`Gazetteer::find`], also appending to `mentioned` the countries of the sentence's
    /// unambiguous names that are no event place ("customers in LaFayette, Ga.": a home): no
    /// place of an act, they still say which country the document is about.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn find_noting(&self, text: &str, tokens: &[Token], up: &str, actors: &[&str], doc: &[String], sentence: u32, out: &mut Vec<Place>, mentioned: &mut Vec<String>) {
        let ms = self.matches(text, tokens, up);
        if ms.is_empty() {
            return;
        }
        let s = Sentence { text, tokens, up };
        resolve(self, &s, &ms, (actors, doc), sentence, out, mentioned);
    }

    /// Whether a one-word name (upper-case) has several readings (Georgia, Tripoli).
    pub(crate) fn is_ambiguous(&self, word: &str) -> bool {
        self.index.get(word).is_some_and(|ids| ids.iter().any(|&i| self.names[i as usize].words.len() == 1 && self.names[i as usize].readings.len() > 1))
    }

    /// The representative point of a country (its `country` entry), by ISO3.
    fn country_point(&self, iso3: &str) -> Option<(f64, f64)> {
        self.countries.get(iso3).map(|&i| (self.entries[i as usize].lat, self.entries[i as usize].lon))
    }

    /// The places of a lone sentence (tokenized here), with no actors as context.
    pub fn find_in(&self, sentence: &str) -> Vec<Place> {
        let mut tokens = Vec::new();
        let mut up = String::new();
        tokenize(sentence, &mut tokens);
        upper_into(sentence, &mut up);
        let mut out = Vec::new();
        self.find(sentence, &tokens, &up, &[], &[], 0, &mut out);
        out
    }

    /// Every gazetteer name in the sentence, longest first at each word, left to right.
    fn matches(&self, text: &str, tokens: &[Token], up: &str) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if t.kind != Kind::Word {
                i += 1;
                continue;
            }
            let w = &up[t.start as usize..t.end as usize];
            let capital = text[t.start as usize..].chars().next().is_some_and(char::is_uppercase);
            let mut hit = None;
            let packed = crate::lexicon::pack(w.as_bytes());
            let candidate = capital
                || match packed {
                    Some(k) => self.lower_short.contains(&k),
                    None => self.lower_firsts.binary_search_by(|f| f.as_ref().cmp(w)).is_ok(),
                };
            let names = || match packed {
                Some(k) => self.index_short.get(&k),
                None => self.index.get(w),
            };
            if let Some(ids) = candidate.then(names).flatten() {
                for &id in ids {
                    let n = &self.names[id as usize];
                    if !capital && !n.lower {
                        continue;
                    }
                    let end = i + n.words.len();
                    if end <= tokens.len()
                        && n.words[1..].iter().zip(&tokens[i + 1..end]).all(|(a, b)| a.as_ref() == &up[b.start as usize..b.end as usize])
                        && (n.exact.is_empty() || n.exact.iter().any(|f| f.as_ref() == &text[t.start as usize..tokens[end - 1].end as usize]))
                    {
                        // A demonym is a place only with its noun: "Kuwaiti waters".
                        if self.entries[n.readings[0] as usize].kind == PlaceKind::Demonym {
                            let noun = |k: usize| tokens.get(k).map(|t| &up[t.start as usize..t.end as usize]);
                            let lower = |k: usize| tokens.get(k).is_some_and(|t| text[t.start as usize..].starts_with(|c: char| c.is_lowercase()));
                            let len = match (noun(end), noun(end + 1)) {
                                (Some("TERRITORIAL"), Some("WATERS")) => 2,
                                (Some(w), _) if DEMONYM_NOUNS.contains(&w) && lower(end) => 1,
                                _ => continue,
                            };
                            hit = Some(Match { start: i, end: end + len, name: id });
                            break;
                        }
                        hit = Some(Match { start: i, end, name: id });
                        break;
                    }
                }
            }
            match hit {
                Some(m) => {
                    i = m.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }
}

/// A name's words as the coder's tokenizer splits them, upper-cased.
fn name_words(name: &str) -> Vec<Box<str>> {
    let mut toks = Vec::new();
    let mut up = String::new();
    tokenize(name, &mut toks);
    upper_into(name, &mut up);
    toks.iter().map(|t| Box::from(&up[t.start as usize..t.end as usize])).collect()
}

#[derive(Debug, Clone, Copy)]
struct Match {
    start: usize,
    end: usize,
    name: u32,
}

struct Sentence<'a> {
    text: &'a str,
    tokens: &'a [Token],
    up: &'a str,
}

impl Sentence<'_> {
    fn word(&self, i: usize) -> &str {
        let t = self.tokens[i];
        &self.up[t.start as usize..t.end as usize]
    }
    fn capital(&self, i: usize) -> bool {
        self.text[self.tokens[i].start as usize..].chars().next().is_some_and(char::is_uppercase)
    }
    fn lower_word(&self, i: usize) -> bool {
        self.tokens[i].kind == Kind::Word && !self.capital(i)
    }
}

/// Prepositions after which a name is where something happened.
const LOCATIVE: &[&str] = &["IN", "AT", "NEAR", "OUTSIDE", "OFF", "ACROSS", "INSIDE", "AROUND", "THROUGHOUT", "WITHIN", "AMONG", "THROUGH"];
/// Prepositions of movement, origin or relation: the name is no place of the act.
const AWAY: &[&str] = &["TO", "FROM", "INTO", "TOWARD", "TOWARDS", "FOR", "VIA", "ONTO", "BY", "WITH", "AGAINST", "ABOUT", "OVER", "BETWEEN", "AGAINST", "LIKE", "THAN", "UNTIL", "ON"];
const DETERMINERS: &[&str] = &["THE", "A", "AN", "THIS", "THAT", "ITS", "THEIR", "HIS", "HER", "OUR", "SEVERAL", "MANY", "SOME", "OTHER", "BOTH", "MUCH", "MOST", "ALL", "EVERY"];
/// Nouns for a part of a place: "the port of", "the outskirts of", "the coast of".
const PLACE_NOUNS: &[&str] = &[
    "CITY", "CITIES", "TOWN", "TOWNS", "PORT", "PORTS", "CAPITAL", "PROVINCE", "PROVINCES", "REGION", "REGIONS", "STATE", "STATES", "VILLAGE", "VILLAGES",
    "DISTRICT", "DISTRICTS", "AREA", "AREAS", "ISLAND", "ISLANDS", "COAST", "COASTS", "BORDER", "BORDERS", "OUTSKIRTS", "SUBURBS", "SUBURB", "CENTRE",
    "CENTER", "HEART", "PART", "PARTS", "STREETS", "SHORES", "WATERS", "MOUNTAINS", "TERRITORY", "TERRITORIES", "REPUBLIC", "COUNTY", "ENCLAVE", "CAMP",
    "BASE", "NORTH", "SOUTH", "EAST", "WEST", "NORTHEAST", "NORTHWEST", "SOUTHEAST", "SOUTHWEST", "REST", "RUINS", "HARBOUR", "HARBOR", "VICINITY",
    "RESORT", "OASIS", "PENINSULA", "VALLEY", "OUTPOST", "STRONGHOLD", "COUNTRYSIDE", "HILLS", "DESERT", "STRAIT", "GULF", "SEA", "MOUTH", "BANKS",
    "NEIGHBOURHOOD", "NEIGHBORHOOD", "OILFIELD", "OILFIELDS", "FIELDS", "CAPITALS", "SHORE", "EDGE", "COUNTY", "PROVINCIAL", "REPUBLICS",
];
/// Modifiers between a preposition and a name: "in southern Lebanon", "in the war-torn".
const MODIFIERS: &[&str] = &[
    "CENTRAL", "NEIGHBOURING", "NEIGHBORING", "NEARBY", "OCCUPIED", "DIVIDED", "DISPUTED", "RESTIVE", "TROUBLED", "EMBATTLED", "REMOTE", "MAIN", "MAJOR",
    "KEY", "STRATEGIC", "UPPER", "LOWER", "GREATER", "OLD", "BESIEGED", "VOLATILE", "MOUNTAINOUS", "COASTAL", "RURAL", "OIL", "HOLY", "ANCIENT", "BIG",
    "LARGE", "SMALL", "TINY", "SECOND", "THIRD", "LARGEST", "BIGGEST", "MOSTLY", "PREDOMINANTLY", "OUTLYING", "FAR", "DEEP", "NORTHERNMOST", "SOUTHERNMOST",
    "SHI'ITE", "SPRAWLING", "BUSTLING", "SEASIDE", "INDUSTRIAL", "FORMER", "MAINLAND", "RUSSIAN-HELD", "NUCLEAR", "HOLY", "SOUTH", "NORTH", "EAST", "WEST",
    "NORTH-EAST", "NORTH-WEST", "SOUTH-EAST", "SOUTH-WEST", "NORTH-EASTERN", "NORTH-WESTERN", "SOUTH-EASTERN", "SOUTH-WESTERN", "OFFSHORE", "OVERSEAS",
    "ENTIRE", "WHOLE", "HISTORIC", "BORDER", "FRONTIER", "DOWNTOWN", "TURBULENT", "ISLAND", "HOST", "VISITING", "SAME",
];
/// Capitalised modifiers between a preposition and a name.
const CAPITAL_MODIFIERS: &[&str] = &[
    "CENTRAL", "NORTH", "SOUTH", "EAST", "WEST", "NORTH-EAST", "NORTH-WEST", "SOUTH-EAST", "SOUTH-WEST", "UPPER", "LOWER", "GREATER", "COMMUNIST",
    "SOVIET", "ISLAMIC", "IMPERIAL", "MAINLAND", "COASTAL", "OCCUPIED", "INNER", "OUTER", "DOWNTOWN", "METROPOLITAN", "RURAL",
];
/// Nouns a name modifies when the name is where the act happened: "the Geneva talks".
const EVENT_NOUNS: &[&str] = &[
    "TALKS", "SUMMIT", "MEETING", "MEETINGS", "CONFERENCE", "NEGOTIATIONS", "BOMBING", "BOMBINGS", "BLAST", "BLASTS", "EXPLOSION", "EXPLOSIONS", "ATTACK",
    "ATTACKS", "RIOT", "RIOTS", "RIOTING", "PROTEST", "PROTESTS", "DEMONSTRATION", "DEMONSTRATIONS", "RALLY", "RALLIES", "CLASHES", "FIGHTING", "MASSACRE",
    "SIEGE", "UPRISING", "SHOOTING", "SHOOTINGS", "KILLINGS", "ASSAULT", "OFFENSIVE", "AIRLIFT", "RAID", "RAIDS", "STRIKE", "STRIKES", "SHELLING", "VISIT",
    "TRADING", "TRADE", "DEALINGS", "DEALERS", "MARKET", "MARKETS", "SESSION", "MEETING", "GATHERING", "FORUM", "CEREMONY", "TRIAL", "HEARING", "ELECTION",
    "VOTE", "REFERENDUM", "CEASEFIRE", "CEASE-FIRE", "BOMB", "CRASH", "EARTHQUAKE", "QUAKE", "FLOODS", "FIRE", "HIJACKING", "KIDNAPPING", "UNREST",
    "VIOLENCE", "CRACKDOWN", "FUTURES", "EXCHANGE", "BOURSE", "AUCTION", "TENDER", "SALE", "SALES", "DEAL", "SIGNING", "SHOW", "FESTIVAL", "MARATHON", "GAMES",
];
/// Nouns of a release or a chart after a country's abbreviation: "the UK premiere".
const RELEASE_NOUNS: &[&str] = &["PREMIERE", "CHART", "CHARTS", "TOUR", "RELEASE", "LAUNCH", "DEBUT", "BOX", "SINGLES", "ALBUM", "ALBUMS", "VERSION", "EDITION"];
/// Nouns after which a name is a topic, not a place: "the Iraq war".
const TOPIC_NOUNS: &[&str] = &[
    "WAR", "WARS", "CRISIS", "ISSUE", "QUESTION", "CONFLICT", "POLICY", "POLICIES", "PROBLEM", "AFFAIR", "SCANDAL", "DISPUTE", "PROGRAMME", "PROGRAM",
    "DEBT", "EXPERT", "EXPERTS", "DESK", "SPECIALIST", "CORRESPONDENT", "EDITOR", "POLICY", "STRATEGY", "OPERATIONS", "UNIT", "SUBSIDIARY", "BRANCH",
    "OFFICE", "BUREAU", "LISTING", "AFFILIATE", "DIVISION", "TEAM", "SQUAD", "FANS",
];
/// Lower-case words that may follow a country's name when it is a place ("in Japan would",
/// "in Iraq last week"); any other lower-case word makes the name an adjective ("in U.S.
/// government securities", "in UK charts"), as do words not ending in -ed, -ly or -ing.
const AFTER_COUNTRY: &[&str] = &[
    "AND", "OR", "ON", "IN", "AT", "LAST", "THIS", "NEXT", "EARLIER", "LATER", "YESTERDAY", "TODAY", "TOMORROW", "TONIGHT", "WHEN", "WHERE", "AFTER",
    "BEFORE", "DURING", "WHILE", "SINCE", "UNTIL", "AS", "WITH", "TO", "FOR", "FROM", "BY", "OF", "WHICH", "BUT", "AMID", "OVER", "NEAR", "IS", "WAS",
    "ARE", "WERE", "HAS", "HAD", "HAVE", "WOULD", "WILL", "COULD", "CAN", "MAY", "MIGHT", "SHOULD", "MUST", "DID", "DOES", "DO", "SAID", "SAYS", "THAT",
    "WHO", "WHOSE", "BECAUSE", "IF", "THAN", "SO", "INCLUDING", "RECENTLY", "NOW", "THEN", "ALREADY", "ALONE", "ITSELF", "TOO", "ALSO", "BETWEEN",
    "AGAINST", "UNDER", "THROUGH", "AROUND", "UP", "DOWN", "OUT", "BACK", "THE", "A", "AN", "ABOUT", "WITHOUT", "AMONG", "DESPITE", "LIKE", "ONLY",
    "EITHER", "NOR", "YET", "STILL", "EVEN", "AGO", "BEEN", "BEING", "BE", "TOWARDS", "TOWARD", "INTO", "ALONG", "ACROSS", "OUTSIDE", "INSIDE", "WITHIN",
    "HAVING", "ALL", "BOTH", "EACH", "HERE", "THERE", "AHEAD", "ABROAD", "OVERNIGHT", "WHETHER", "ONCE", "UNLESS", "ALTHOUGH", "THOUGH", "WHILST", "PER",
    "VIA", "ONTO", "UPON", "BEYOND", "FOLLOWING",
];

/// Capitalised words that are no part of an unknown place's name ("at Warner Bros. However, US").
const NOT_NAMES: &[&str] = &[
    "HOWEVER", "BUT", "AND", "MEANWHILE", "THE", "IN", "AT", "ON", "MR", "MRS", "MS", "DR", "INC", "CORP", "CO", "LTD", "BROS.", "PLC", "INC.", "CORP.", "CO.", "LTD."];

/// Months and days: no names of places ("In January, Taiwan"), and their possessive is no
/// possessor ("at June's Isle of Wight festival").
const WHEN_WORDS: &[&str] = &[
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "MONDAY", "TUESDAY",
    "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC", "YEAR",
    "WEEK", "MONTH", "TODAY", "YESTERDAY", "WEEKEND", "TONIGHT", "TOMORROW",
];

/// Capitalised words for a facility named after its place: "Bethesda Naval Hospital".
const FACILITIES: &[&str] = &[
    "HOSPITAL", "AIRPORT", "UNIVERSITY", "STADIUM", "PRISON", "JAIL", "BASE", "PALACE", "SQUARE", "PARK", "HOTEL", "CATHEDRAL", "MOSQUE", "CHURCH",
    "TEMPLE", "ARENA", "STATION", "HALL", "CENTRE", "CENTER", "HARBOUR", "HARBOR", "DOCKS", "REFINERY", "PLANT", "MINE", "FIELD", "AIRFIELD", "BARRACKS",
    "GARDENS", "BRIDGE", "DAM", "CAMP", "COURT", "MUSEUM", "THEATRE", "THEATER", "OPERA", "ZOO",
];

/// Capitalised words that may follow a name without making it part of a longer proper name.
const FREE_NEXT: &[&str] = &[
    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
    "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC",
    "LAST", "THIS", "NEXT", "EARLIER", "ON", "IN", "AT", "AND", "OR", "BUT", "FOR", "WHEN", "WHERE", "THE", "I", "IT", "HE", "SHE", "THEY", "WE",
    // Reuters copy signs off on the last sentence: "... at Research Triangle Park, N.C. Reuter".
    "REUTER", "REUTERS",
];
/// Capitalised words that finish a place's name: "Helmand Province", "Kaduna State".
const SUFFIX_NEXT: &[&str] = &["PROVINCE", "REGION", "DISTRICT", "COUNTY", "STATE", "VALLEY", "GOVERNORATE", "OBLAST", "PREFECTURE", "CITY", "ISLAND", "ISLANDS", "PENINSULA"];
/// Words a list continues after: "in A, B and C".
const LIST_JOIN: &[&str] = &[",", "AND", "OR", "&"];
/// Verbs after a name that make it a subject, not a further item of a list.
const SUBJECT_VERBS: &[&str] = &[
    "SAID", "SAYS", "SAY", "HAS", "HAVE", "HAD", "IS", "WAS", "ARE", "WERE", "WILL", "WOULD", "COULD", "CAN", "MAY", "MIGHT", "SHOULD", "MUST", "DID",
    "DOES", "DO", "TOLD", "ADDED", "WANTS", "PLANS", "AGREED", "ANNOUNCED", "ACCUSED", "REJECTED", "DENIED", "CLAIMED", "INSISTED", "WARNED",
];
/// Nouns after "Name 's" that make the name no place: "in Washington's view".
const POSSESSED_TOPICS: &[&str] = &[
    "VIEW", "VIEWS", "OPINION", "INTEREST", "INTERESTS", "FAVOUR", "FAVOR", "NAME", "PROGRAMME", "PROGRAM", "POLICY", "POLICIES", "EYES", "HANDS", "CASE",
    "HISTORY", "AFFAIRS", "RELATIONS", "STANCE", "POSITION", "BID", "ATTEMPT", "ATTEMPTS", "EFFORTS", "EFFORT", "RESPONSE", "FUTURE", "PROBLEMS", "WAR",
    "DECISION", "ROLE", "PLANS", "PLAN", "DEBT", "ECONOMY", "BUDGET", "CURRENCY", "GOVERNMENT", "LEADERSHIP", "LEADER", "LEADERS", "BEHALF", "SUPPORT",
    "REQUEST", "PROPOSAL", "PROPOSALS", "CLAIM", "CLAIMS", "DEMANDS", "ABILITY", "WAY", "FAVOUR", "ABSENCE", "WAKE", "PLACE", "SHOES", "INVOLVEMENT",
    // A city's team: "at Liverpool's clash with Bayer Leverkusen at Anfield".
    "CLASH", "MATCH", "GAME", "TIE", "WIN", "VICTORY", "DEFEAT", "DRAW", "SQUAD", "CLUB", "MANAGER", "COACH", "STRIKER", "PLAYERS", "FIXTURE",
];

/// Nouns after which a demonym is a place: "in Kuwaiti waters", "on Iranian soil".
const DEMONYM_NOUNS: &[&str] = &[
    "WATERS", "TERRITORY", "AIRSPACE", "SOIL", "BORDER", "BORDERS", "COAST", "COASTLINE", "PORT", "PORTS", "CAPITAL", "CITY", "CITIES", "TOWN", "TOWNS",
    "VILLAGE", "VILLAGES", "ISLAND", "ISLANDS", "MAINLAND", "OILFIELD", "OILFIELDS", "PROVINCE", "PROVINCES", "REGION", "COUNTRYSIDE", "HINTERLAND",
];

/// Demonyms before a name that say which country it is in ("Soviet Georgia").
const DEMONYMS: &[(&str, &[&str])] = &[
    ("SOVIET", &["RUS", "UKR", "GEO", "ARM", "AZE", "BLR", "MDA", "KAZ", "UZB", "TKM", "KGZ", "TJK", "LTU", "LVA", "EST"]),
    ("AMERICAN", &["USA"]),
    ("U.S.", &["USA"]),
    ("US", &["USA"]),
    ("BRITISH", &["GBR"]),
    ("INDIAN", &["IND"]),
    ("PAKISTANI", &["PAK"]),
    ("LEBANESE", &["LBN"]),
    ("LIBYAN", &["LBY"]),
    ("AUSTRALIAN", &["AUS"]),
    ("CANADIAN", &["CAN"]),
    ("SCOTTISH", &["GBR"]),
    ("ENGLISH", &["GBR"]),
    ("GEORGIAN", &["GEO"]),
    ("RUSSIAN", &["RUS"]),
    ("CHILEAN", &["CHL"]),
    ("BOLIVIAN", &["BOL"]),
    ("SPANISH", &["ESP"]),
    ("MEXICAN", &["MEX"]),
    ("ISRAELI", &["ISR"]),
    ("LIBYA", &["LBY"]),
    ("LEBANON", &["LBN"]),
    ("INDIA", &["IND"]),
    ("PAKISTAN", &["PAK"]),
];

/// How a name came to count as a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// After a locative preposition.
    Prep,
    /// A further item of a list after a counted name.
    List,
    /// The modifier of an event noun.
    Modifier,
}

/// Is the capitalised token `i` a demonym or adjective ("Iraqi", "Soviet", "Kurdish")?
fn demonym_like(s: &Sentence, i: usize) -> bool {
    if !s.capital(i) || s.tokens[i].kind != Kind::Word {
        return false;
    }
    let w = s.word(i);
    ["I", "AN", "ESE", "ISH", "CH", "IC", "OT"].iter().any(|e| w.len() > 3 && w.ends_with(e)) || matches!(w, "SOVIET" | "SHIITE" | "SUNNI" | "ARAB" | "U.S." | "US")
}

/// Participles of a home: "based in Seattle", "headquartered in Emeryville", "living near
/// Stansted" say where an actor is, not where the act happened.
const HOME_VERBS: &[&str] = &["BASED", "HEADQUARTERED", "LOCATED", "LIVING", "RESIDENT", "RESIDING", "REGISTERED", "DOMICILED"];
/// Posts held at an employer: "the manager's job at Oldham" names a club or a firm, no act.
const POST_NOUNS: &[&str] = &[
    "JOB", "JOBS", "POST", "POSITION", "ROLE", "VACANCY", "DIRECTOR", "MANAGER", "ECONOMIST", "ANALYST", "STRATEGIST", "EXECUTIVE", "PROFESSOR",
    "LECTURER", "RESEARCHER", "SCIENTIST", "CHAIRMAN", "EDITOR", "PARTNER", "FELLOW", "CONSULTANT", "VICE-PRESIDENT",
];
/// Compass words: "50 km north of Baghdad" is near Baghdad.
const COMPASS: &[&str] = &["NORTH", "SOUTH", "EAST", "WEST", "NORTHEAST", "NORTHWEST", "SOUTHEAST", "SOUTHWEST", "NORTH-EAST", "NORTH-WEST", "SOUTH-EAST", "SOUTH-WEST"];
/// Words between a city and its market: "the Tokyo stock market", "the London metal exchange".
const MARKET_KINDS: &[&str] = &[
    "STOCK", "STOCKS", "MONEY", "BOND", "GOLD", "SILVER", "METAL", "METALS", "CURRENCY", "FOREX", "FOREIGN", "COMMODITY", "COMMODITIES", "FUTURES", "SPOT",
    "CASH", "INTERBANK", "EQUITY", "EQUITIES", "SHARE", "SHARES", "GRAIN", "COFFEE", "SUGAR", "COCOA", "OIL", "COTTON", "RUBBER", "WOOL", "TIN", "OPTIONS",
];
/// Plural or collective actors whose place is their home: "investors in Asia", "people in
/// Scotland", "merchants in Germany", "the NRC's representative in Atlanta", "those in England".
const RESIDENT_NOUNS: &[&str] = &[
    "INVESTORS", "RESIDENTS", "CITIZENS", "INHABITANTS", "REPRESENTATIVE", "REPRESENTATIVES", "MERCHANTS", "RETAILERS", "EVERYONE", "EVERYBODY",
    "THOSE", "CONSUMERS", "CUSTOMERS", "SHOPPERS", "HOLDERS", "SHAREHOLDERS", "HOUSEHOLDS", "HOMEOWNERS", "ASSOCIATIONS",
    "COMMUNITIES", "EXPATRIATES", "COMPATRIOTS", "AUDIENCES", "VIEWERS", "LISTENERS", "READERS", "FANS", "OFFICES", "BRANCHES", "SUBSIDIARIES", "AFFILIATES",
    "COMPANIES", "FIRMS", "DEPOSITORS", "CREDITS",
];
/// People who are victims as often as residents ("killed 12 people in Karachi"): residents
/// only with a participle of a home ("people living near Stansted").
const PERSON_NOUNS: &[&str] = &["PEOPLE", "MEN", "WOMEN", "CHILDREN", "FAMILIES", "WORKERS"];
/// Common nouns of a venue after its name: "the Luna Park fairground".
const VENUE_NOUNS: &[&str] = &[
    "FAIRGROUND", "STADIUM", "ARENA", "PLANT", "FACTORY", "REFINERY", "SMELTER", "MINE", "CAMP", "PRISON", "HOSPITAL", "HOTEL", "THEATRE", "THEATER",
    "MUSEUM", "CLUB", "COMPLEX", "SITE", "FIELD", "BASE", "AIRPORT", "CHURCH", "MOSQUE", "TEMPLE", "SCHOOL", "MARKET", "PORT", "TERMINAL", "WORKS",
    "CINEMA", "STUDIO", "STUDIOS", "GALLERY", "RESTAURANT", "NIGHTCLUB", "PUB", "COURTHOUSE", "VENUE", "RACECOURSE", "CIRCUIT", "GROUND",
];
/// Common nouns of an area after its unknown name: "in Quezon province in Luzon".
const AREA_NOUNS: &[&str] = &[
    "PROVINCE", "DISTRICT", "REGION", "COUNTY", "VILLAGE", "TOWN", "STATE", "PARISH", "MUNICIPALITY", "PREFECTURE", "GOVERNORATE", "OBLAST", "AREA",
];
/// Nouns of a state or a holding located in a place: "conditions in", "assets in".
const HELD_NOUNS: &[&str] = &[
    "CONDITIONS", "COSTS", "ACTIVITIES", "INTERESTS", "ASSETS", "HOLDINGS", "STAKES", "INVESTMENTS", "PRESENCE",
    // An economy's state: "slow growth in Germany", "the economic climate in West Germany".
    "GROWTH", "INFLATION", "UNEMPLOYMENT", "CLIMATE", "SENTIMENT", "CONFIDENCE", "STABILITY", "DEMAND",
    // "in" of an object, not of a place: "result in Tipperary acquiring", "a stake in Boliden".
    "RESULT", "RESULTS", "RESULTED", "RESULTING", "STAKE", "INTEREST", "FAITH", "TRUST", "BELIEF",
];
/// Nouns of change: "a sharp deterioration in Brazil's trade surplus" is a change of Brazil's
/// quantity, no act in Brazil.
const CHANGE_NOUNS: &[&str] = &[
    "RISE", "FALL", "INCREASE", "DECREASE", "DECLINE", "DROP", "GROWTH", "DETERIORATION", "IMPROVEMENT", "CHANGE", "CHANGES", "CUT", "CUTS", "REDUCTION",
    "SURGE", "JUMP", "SLOWDOWN", "SHIFT", "RECOVERY", "SLUMP",
];
/// Company suffixes: "Agrigenetics Research Corp in Boulder" is the firm's seat.
const COMPANY_SUFFIXES: &[&str] = &["CORP", "CORP.", "INC", "INC.", "LTD", "LTD.", "PLC", "CO", "CO.", "SA", "SPA", "AG", "GMBH", "NV", "BV", "LLC", "AB", "ASA"];
/// Last words of a body's name: "the Catholic Church in England" is the body's domain.
const ORG_WORDS: &[&str] = &[
    "CHURCH", "INDUSTRY", "ASSOCIATION", "FEDERATION", "INSTITUTE", "UNION", "COUNCIL", "COMMITTEE", "PARTY", "AGENCY", "COMMISSION", "FOUNDATION",
    "SOCIETY", "ORGANISATION", "ORGANIZATION", "CORPORATION", "COMPANY", "BOARD", "AUTHORITY", "MINISTRY", "DEPARTMENT", "CONFEDERATION", "CHAMBER",
];
/// Superlatives before "in": "the second-fastest in Asia" is a comparison's scope.
const SUPERLATIVES: &[&str] = &[
    "BIGGEST", "LARGEST", "FASTEST", "HIGHEST", "LOWEST", "BEST", "WORST", "STRONGEST", "WEAKEST", "OLDEST", "NEWEST", "SLOWEST", "LONGEST", "TALLEST",
    "RICHEST", "POOREST", "GREATEST", "BUSIEST", "CHEAPEST", "SMALLEST", "DEADLIEST", "HEAVIEST", "WEALTHIEST", "MOST", "LEAST", "FASTEST-GROWING",
];

/// Does the word before the locative preposition at `j` make its place an actor's home, not
/// where the act happened: a participle of a home ("based in"), a resident noun ("investors
/// in"), a company ("<Simmons SA> in France", "Research Corp in Boulder") or a superlative
/// ("the second-fastest in Asia")?
fn home_before(s: &Sentence, j: usize) -> bool {
    if j == 0 {
        return false;
    }
    let b = j - 1;
    let w = s.word(b);
    if s.tokens[b].kind != Kind::Word {
        // A company tag of Reuters copy: "<Compagnie Continentale Simmons SA> in France".
        return w == ">";
    }
    let lower = s.lower_word(b);
    if lower && HOME_VERBS.contains(&w) {
        return true;
    }
    // "subsidiaries incorporated in the Netherlands Antilles": a firm's seat; "will be
    // incorporated in Delaware" is an act.
    if lower && w == "INCORPORATED" && b > 0 && s.lower_word(b - 1) && s.word(b - 1).ends_with('S') && !matches!(s.word(b - 1), "IS" | "WAS" | "HAS") {
        return true;
    }
    // "linked with the manager's job at Oldham": an employer, no act there ("a loan spell at
    // Loftus Road" is where he played).
    if lower && s.word(j) == "AT" && POST_NOUNS.contains(&w) {
        return true;
    }
    // "people living near Stansted", "investors based in Asia".
    // Lower case, or the sentence's first word ("Banks in Chile").
    let resident = |i: usize| (s.lower_word(i) || i == 0) && RESIDENT_NOUNS.contains(&s.word(i));
    let person = |i: usize| resident(i) || (s.lower_word(i) && PERSON_NOUNS.contains(&s.word(i)));
    // "a meeting of coffee companies in London": the event noun's place, not a home.
    let of_event = || (b.saturating_sub(4)..b).rev().find(|&i| s.word(i) == "OF").is_some_and(|i| i > 0 && EVENT_NOUNS.contains(&s.word(i - 1)));
    if (resident(b) || (lower && b > 0 && HOME_VERBS.contains(&w) && person(b - 1))) && !of_event() {
        return true;
    }
    // "cars for sale in Japan": a market, the trade's destination.
    if w == "SALE" && b > 0 && s.word(b - 1) == "FOR" {
        return true;
    }
    if s.capital(b) && COMPANY_SUFFIXES.contains(&w) {
        return true;
    }
    // "the head of the Catholic Church in England", "director of the International Federation
    // of the Phonographic Industry in Germany": a body's domain, unless the name itself follows
    // a locative ("a rally at the Labour Party in Brighton" is there).
    if s.capital(b) && ORG_WORDS.contains(&w) && s.word(j) == "IN" {
        let mut i = b;
        while i > 0 && b - i < 8 && ((s.tokens[i - 1].kind == Kind::Word && (s.capital(i - 1) || s.word(i - 1) == "OF")) || s.word(i - 1) == "THE") {
            i -= 1;
        }
        if i == 0 || !LOCATIVE.contains(&s.word(i - 1)) {
            return true;
        }
    }
    // "based at Nasa's Ames Research Center in California": the home goes on through the
    // name it was given at.
    if s.capital(b) {
        let mut i = b;
        while i > 0 && b - i < 6 && ((s.tokens[i].kind == Kind::Word && s.capital(i)) || s.tokens[i].kind == Kind::Possessive) {
            i -= 1;
        }
        if i < b && LOCATIVE.contains(&s.word(i)) && i > 0 && s.lower_word(i - 1) && HOME_VERBS.contains(&s.word(i - 1)) {
            return true;
        }
    }
    // "human rights conditions in China", "costs in North America": a state or a holding of
    // an actor, no act.
    // "drought conditions in Guangdong": the weather happens there.
    let weather = w == "CONDITIONS" && b > 0 && matches!(s.word(b - 1), "DROUGHT" | "WEATHER" | "FLOOD" | "STORM" | "DRY" | "WET" | "COLD" | "WINTER" | "FREEZING");
    // Lower case, or the sentence's first word ("Growth in China remains at 9.1%").
    if (lower || b == 0) && HELD_NOUNS.contains(&w) && !weather {
        return true;
    }
    let superlative = |i: usize| s.lower_word(i) && (SUPERLATIVES.contains(&s.word(i)) || s.word(i).rsplit('-').next().is_some_and(|e| SUPERLATIVES.contains(&e)));
    // "the best striker in Europe", "the biggest stock market operator in Europe": a
    // comparison's scope; "the largest demonstration in Paris" is an act there.
    let scope = lower && !EVENT_NOUNS.contains(&w) && (1..=2).any(|d| b >= d && superlative(b - d) && (b - d + 1..b).all(|i| s.lower_word(i)));
    superlative(b) || scope
}

/// Is a city's name at `i` followed by the rest of an exchange's name ("Amsterdam Bourse",
/// "London International Financial Futures Exchange")? Prices set and shares traded there
/// are acts in the city.
fn exchange_after(s: &Sentence, i: usize) -> bool {
    (i..s.tokens.len().min(i + 5)).take_while(|&j| s.tokens[j].kind == Kind::Word && s.capital(j)).any(|j| matches!(s.word(j), "EXCHANGE" | "BOURSE"))
}

/// Hyphenated modifiers of control: "Indian-administered", "rebel-held", "Israeli-occupied".
const CONTROL_SUFFIXES: &[&str] = &["-ADMINISTERED", "-CONTROLLED", "-HELD", "-OCCUPIED", "-RUN", "-DOMINATED", "-RULED"];

fn is_modifier(s: &Sentence, i: usize) -> bool {
    let w = s.word(i);
    if s.tokens[i].kind == Kind::Word && CONTROL_SUFFIXES.iter().any(|e| w.ends_with(e)) {
        return true;
    }
    if s.tokens[i].kind == Kind::Word && s.capital(i) {
        // "in Southern California", "in Communist Russia", "in South Lebanon".
        return CAPITAL_MODIFIERS.contains(&w) || (w.ends_with("ERN") && w.len() > 5);
    }
    if !s.lower_word(i) {
        return false;
    }
    MODIFIERS.contains(&w)
        || (w.ends_with("ERN") && w.len() > 5)
        || ["-HELD", "-CONTROLLED", "-RICH", "-TORN", "-RUN", "-OCCUPIED", "-DOMINATED", "-STRICKEN", "-HIT", "-RAVAGED"].iter().any(|e| w.ends_with(e))
}

/// Is the word before "from" at `j` an act or weather that spreads over places ("violence
/// from", "storms from")?
fn spread_before(s: &Sentence, j: usize) -> bool {
    j > 0 && s.lower_word(j - 1) && (EVENT_NOUNS.contains(&s.word(j - 1)) || matches!(s.word(j - 1), "RAIN" | "RAINS" | "STORMS" | "SNOW" | "FLOODING" | "DROUGHT" | "WEATHER"))
}

/// The cue that makes match `k` a place (looking back from its start), if any; `None` also for
/// a destination or an origin. `cues` holds the cues of earlier matches. The second value is
/// the token where the place's text starts when an unknown name comes first ("in Dearborn,
/// Mich.": the place is Michigan's, written "Dearborn, Mich.").
fn cue_before(s: &Sentence, ms: &[Match], k: usize, cues: &[Option<Cue>], modifier_of: &mut Vec<usize>, g: &Gazetteer) -> (Option<Cue>, Option<usize>) {
    let m = ms[k];
    let mut j = m.start;
    let mut steps = 0;
    let kind = g.entries[g.names[m.name as usize].readings[0] as usize].kind;
    while j > 0 && steps < 8 {
        j -= 1;
        steps += 1;
        let w = s.word(j);
        if LOCATIVE.contains(&w) {
            if home_before(s, j) {
                return (None, None);
            }
            // "a gold field in Grand Bois in Haiti's North", "at Aulnay-sous-Bois in northern
            // Paris": an unknown name before "in" is the most specific place, in this one.
            if w == "IN" && j > 1 {
                // "at the Luna Park fairground in Sydney": past a venue's common noun.
                // "in Quezon province in the northern island of Luzon": past an area's noun too.
                let venue = s.lower_word(j - 1) && (VENUE_NOUNS.contains(&s.word(j - 1)) || AREA_NOUNS.contains(&s.word(j - 1)));
                let mut u = if venue { j - 1 } else { j };
                let top = u;
                while u > 0 && top - u < 4 && s.tokens[u - 1].kind == Kind::Word && s.capital(u - 1) && !NOT_NAMES.contains(&s.word(u - 1)) && !WHEN_WORDS.contains(&s.word(u - 1)) && !COMPANY_SUFFIXES.contains(&s.word(u - 1)) {
                    u -= 1;
                }
                let known = ms[..k].iter().any(|p| p.end > u && p.start < j);
                let at = if u > 0 && LOCATIVE.contains(&s.word(u - 1)) { Some(u - 1) } else { (u > 1 && s.word(u - 1) == "THE" && LOCATIVE.contains(&s.word(u - 2))).then(|| u - 2) };
                if u < top && !known && at.is_some_and(|a| !home_before(s, a)) {
                    return (Some(Cue::Prep), Some(u));
                }
                // "campaigns director at Greenpeace in the UK": the employer's home goes on
                // through "in".
                if u < top && !known && at.is_some_and(|a| s.word(a) == "AT" && home_before(s, a)) {
                    return (None, None);
                }
            }
            return (Some(Cue::Prep), None);
        }
        // "turnover on the Amsterdam Bourse": trading on a city's exchange happens there.
        if w == "ON" && (matches!(kind, PlaceKind::Region | PlaceKind::Sea | PlaceKind::Demonym) || (matches!(kind, PlaceKind::City | PlaceKind::Capital) && exchange_after(s, m.end))) {
            return (Some(Cue::Prep), None);
        }
        // "violence from Amazonia to Mato Grosso", "rain from Texas to Maine": the span of an
        // act, both ends places; "flew from Moscow to Kiev" stays a movement.
        if w == "FROM" && j + 1 == m.start && spread_before(s, j) && ms.get(k + 1).is_some_and(|n| m.end < n.start && n.start <= m.end + 2 && s.word(m.end) == "TO") {
            return (Some(Cue::Prep), None);
        }
        if w == "TO" && m.start <= j + 2 && k > 0 && ms[k - 1].end == j && ms[k - 1].start > 0 && s.word(ms[k - 1].start - 1) == "FROM" && spread_before(s, ms[k - 1].start - 1) {
            return (Some(Cue::Prep), None);
        }
        if AWAY.contains(&w) {
            return (None, None);
        }
        if w == "OF" {
            // "clashes 50 km north of Baghdad", "fighting just south of Basra": near the place.
            // "in the north of England" goes on to its preposition as a place noun does.
            if j > 1 && s.lower_word(j - 1) && COMPASS.contains(&s.word(j - 1)) && !DETERMINERS.contains(&s.word(j - 2)) && s.tokens[j - 2].kind != Kind::Possessive && !AWAY.contains(&s.word(j - 2)) {
                return (Some(Cue::Prep), None);
            }
            // Only "the port of", "the outskirts of": "the leaders of Iran" is no place.
            if j > 0 && PLACE_NOUNS.contains(&s.word(j - 1)) {
                continue;
            }
            return (None, None);
        }
        if DETERMINERS.contains(&w) || (s.lower_word(j) && PLACE_NOUNS.contains(&w)) || is_modifier(s, j) {
            continue;
        }
        // Another name used as a modifier: "the Caspian port of Astrakhan", "the Black Sea port".
        // "the Iraqi city of Basra" too (the demonym's match takes its noun).
        if let Some(p) = ms[..k].iter().rposition(|p| p.start <= j && j < p.end) {
            let demonym = g.entries[g.names[ms[p].name as usize].readings[0] as usize].kind == PlaceKind::Demonym;
            if demonym || (j + 1 == ms[p].end && PLACE_NOUNS.contains(&s.word(j + 1))) {
                modifier_of.push(p);
                j = ms[p].start;
                continue;
            }
        }
        // "in Iraq's Anbar province": the possessor is the containing place, merged later.
        if s.tokens[j].kind == Kind::Possessive {
            if let Some(p) = ms[..k].iter().rposition(|p| p.end == j) {
                j = ms[p].start;
                continue;
            }
            // "the world's largest port", "the country's capital".
            // "at June's Isle of Wight festival", "in Sunday's Baghdad bombing".
            // "installed in the agency's Stockholm headquarters": an actor's own site, named
            // by its city.
            let site = j > 0 && s.lower_word(j - 1) && j + 1 == m.start && matches!(kind, PlaceKind::City | PlaceKind::Capital) && m.end < s.tokens.len() && s.lower_word(m.end) && (VENUE_NOUNS.contains(&s.word(m.end)) || s.word(m.end) == "HEADQUARTERS");
            if site {
                j -= 1;
                continue;
            }
            let when = j > 0 && WHEN_WORDS.contains(&s.word(j - 1));
            if when || (j > 0 && matches!(s.word(j - 1), "WORLD" | "COUNTRY" | "NATION" | "REGION" | "CONTINENT" | "STATE" | "ISLAND")) {
                j -= 1;
                continue;
            }
            return (None, None);
        }
        if demonym_like(s, j) && ms.iter().all(|p| !(p.start <= j && j < p.end)) {
            continue;
        }
        // "in the capital, Kabul", "through the world's largest port, Rotterdam": an apposition.
        if w == "," && j == m.start - 1 && j > 0 && s.lower_word(j - 1) && PLACE_NOUNS.contains(&s.word(j - 1)) {
            continue;
        }
        if LIST_JOIN.contains(&w) {
            // "in A, B and C": B and C continue the list when A counted.
            let mut b = j;
            if (w == "AND" || w == "OR") && b > 0 && s.word(b - 1) == "," {
                b -= 1;
            }
            if let Some(p) = ms[..k].iter().rposition(|p| p.end == b) {
                return (cues[p].map(|_| Cue::List), None);
            }
            // "in Dearborn, Mich.": an unknown name, then its state or country.
            let list_goes_on = m.end < s.tokens.len() && matches!(s.word(m.end), "AND" | "OR");
            // "at Goldendale, Washington", "in Kensington, London": an unknown name before a
            // city too (the state's name may be a city's: Washington), but only an unknown one
            // ("in Paris, London and Rome" is a list).
            let town_of_city = matches!(kind, PlaceKind::City | PlaceKind::Capital);
            if w == "," && j == m.start - 1 && (matches!(kind, PlaceKind::Region | PlaceKind::Country) || town_of_city) && !list_goes_on {
                let mut u = j;
                while u > 0 && j - u < 3 && s.tokens[u - 1].kind == Kind::Word && s.capital(u - 1) && !NOT_NAMES.contains(&s.word(u - 1)) && !WHEN_WORDS.contains(&s.word(u - 1)) {
                    u -= 1;
                }
                if town_of_city && ms[..k].iter().any(|p| p.end > u && p.start < j) {
                    u = j;
                }
                let prep = |i: usize| LOCATIVE.contains(&s.word(i));
                // "In Paris, France said" is no town of France: France is the subject.
                let subject = m.end < s.tokens.len() && s.lower_word(m.end) && (SUBJECT_VERBS.contains(&s.word(m.end)) || s.word(m.end).ends_with("ED"));
                let at = if u > 0 && prep(u - 1) { Some(u - 1) } else { (u > 1 && s.word(u - 1) == "THE" && prep(u - 2)).then(|| u - 2) };
                if u < j && !subject && at.is_some() {
                    // "Research Corp in Boulder, Colo.", "headquartered in Emeryville, Calif.".
                    if at.is_some_and(|a| home_before(s, a)) {
                        return (None, None);
                    }
                    return (Some(Cue::Prep), Some(u));
                }
            }
            // "in Barcelona, Bilbao, Las Palmas and Pasajes": past unknown names of the list.
            let mut c = b;
            while c > 0 && b - c < 10 {
                let t = c - 1;
                if let Some(p) = ms[..k].iter().rposition(|p| p.end == c) {
                    if c < b && cues[p].is_some() {
                        // "in Darlington County, S.C., and Fayetteville, N.C.": the unknown
                        // town before the comma is the place's written name.
                        let mut u = m.start;
                        if u >= 2 && s.word(u - 1) == "," {
                            u -= 1;
                            while u > c && m.start - u < 4 && s.tokens[u - 1].kind == Kind::Word && s.capital(u - 1) && !NOT_NAMES.contains(&s.word(u - 1)) && !WHEN_WORDS.contains(&s.word(u - 1)) {
                                u -= 1;
                            }
                        }
                        let start = (u < m.start - 1).then_some(u);
                        return (Some(Cue::List), start);
                    }
                    break;
                }
                let wt = s.word(t);
                if LOCATIVE.contains(&wt) && c < b {
                    if home_before(s, t) {
                        return (None, None);
                    }
                    // "in Janesville, Wisc, and Lordstown, Ohio": an unknown town before the
                    // comma is the written name, as above.
                    let mut u = m.start;
                    if matches!(kind, PlaceKind::Region) && !list_goes_on && u >= 2 && s.word(u - 1) == "," {
                        u -= 1;
                        while u > c && m.start - u < 4 && s.tokens[u - 1].kind == Kind::Word && s.capital(u - 1) && !NOT_NAMES.contains(&s.word(u - 1)) && !WHEN_WORDS.contains(&s.word(u - 1)) {
                            u -= 1;
                        }
                    }
                    return (Some(Cue::List), (u < m.start - 1).then_some(u)); // "in Wello, Tigre and Bale": unknown first
                }
                if !(LIST_JOIN.contains(&wt) || (s.tokens[t].kind == Kind::Word && s.capital(t))) {
                    break;
                }
                c -= 1;
            }
            return (None, None);
        }
        return (None, None);
    }
    (None, None)
}

/// Does the word after match `m` rule it out, or finish its name? Returns `None` when it rules
/// it out, else the match's end (past a suffix such as "Province").
fn check_after(s: &Sentence, ms: &[Match], k: usize, cue: Cue, kind: PlaceKind) -> Option<usize> {
    let m = ms[k];
    let n = s.tokens.len();
    let Some(next) = (m.end < n).then_some(m.end) else { return Some(m.end) };
    let w = s.word(next);
    let t = s.tokens[next];
    if t.kind == Kind::Number && kind == PlaceKind::Sea {
        return None; // "Channel 4"
    }
    if t.kind == Kind::Word && s.capital(next) {
        let name_goes_on = s.tokens.get(next + 1).is_some_and(|t| t.kind == Kind::Word) && next + 1 < n && s.capital(next + 1);
        if SUFFIX_NEXT.contains(&w) && !name_goes_on {
            return Some(m.end + 1);
        }
        let is_match = ms.get(k + 1).is_some_and(|p| p.start == next);
        // "at Bethesda Naval Hospital", "at Ramstein Air Base": a facility in the place.
        let facility = (next..n.min(next + 3)).take_while(|&j| s.tokens[j].kind == Kind::Word && s.capital(j)).any(|j| FACILITIES.contains(&s.word(j)))
            || (matches!(kind, PlaceKind::City | PlaceKind::Capital) && exchange_after(s, next));
        if !is_match && !FREE_NEXT.contains(&w) && !facility {
            return None; // part of a longer name: "New York Stock Exchange", "Washington Post"
        }
    }
    if t.kind == Kind::Word && TOPIC_NOUNS.contains(&w) && !s.capital(next) {
        return None;
    }
    // "in U.S. government securities", "in UK banking group", "in US children": an abbreviation
    // with no article before a lower-case word is an adjective ("in the U.S. rose" is a place).
    let abbreviation = s.text[s.tokens[m.start].start as usize..s.tokens[m.end - 1].end as usize].chars().all(|c| c.is_uppercase() || c == '.');
    let article = m.start > 0 && s.word(m.start - 1) == "THE";
    if kind == PlaceKind::Country && abbreviation && !article && t.kind == Kind::Word && !s.capital(next) && !AFTER_COUNTRY.contains(&w) {
        return None;
    }
    // "at the UK premiere of the film in London", "top of the US charts": a release's or a
    // chart's country, an adjective even after "the".
    if kind == PlaceKind::Country && abbreviation && article && t.kind == Kind::Word && !s.capital(next) && RELEASE_NOUNS.contains(&w) {
        return None;
    }
    if t.kind == Kind::Possessive {
        // "a sharp deterioration in Brazil's trade surplus": the change of a quantity of Brazil's.
        let mut b = m.start;
        while b > 0 && DETERMINERS.contains(&s.word(b - 1)) {
            b -= 1;
        }
        if b > 1 && s.word(b - 1) == "IN" && s.lower_word(b - 2) && CHANGE_NOUNS.contains(&s.word(b - 2)) {
            return None;
        }
        // "in Washington's view", "in Iran's nuclear programme" are no place; "in Moscow's Red
        // Square", "in Iraq's capital", "in Venezuela's mining sector" are.
        let mut j = next + 1;
        while j < n && j <= next + 4 && s.lower_word(j) {
            let w = s.word(j);
            if POSSESSED_TOPICS.contains(&w) {
                return None;
            }
            if !(is_modifier(s, j) || w.ends_with("EST") || w.ends_with("AL") || w.ends_with("IC") || w.ends_with("ING")) {
                break;
            }
            j += 1;
        }
        // A proper name after the possessive: a place of ours, or a facility ("Edinburgh's
        // Napier University", "New York's Times Square"); else the possessor's team, prize or
        // firm ("in England's Six Nations opener").
        if next + 1 < n && s.tokens[next + 1].kind == Kind::Word && s.capital(next + 1) {
            let known = ms.get(k + 1).is_some_and(|p| p.start == next + 1);
            let facility = (next + 1..n.min(next + 5)).take_while(|&j| s.tokens[j].kind == Kind::Word && s.capital(j)).any(|j| FACILITIES.contains(&s.word(j)));
            // "in Luanda's Independence Square": the facility is the place, written with its city.
            if !known && facility {
                let mut e = next + 1;
                while e < n && e < next + 5 && s.tokens[e].kind == Kind::Word && s.capital(e) && !NOT_NAMES.contains(&s.word(e)) {
                    e += 1;
                }
                return Some(e);
            }
            if !known && !facility {
                // "at London's Hammersmith Apollo in October": a name of its own, ending
                // where a preposition, a joining word or punctuation follows, is a place in
                // the possessor (written with it); before a noun it is a team, a prize or a
                // firm ("England's Six Nations opener").
                // A number inside the name too: "New York's Hot 97 studios".
                let mut e = next + 1;
                while e < n && e < next + 5 && ((s.tokens[e].kind == Kind::Word && s.capital(e) && !NOT_NAMES.contains(&s.word(e)) && !WHEN_WORDS.contains(&s.word(e))) || (e > next + 1 && s.tokens[e].kind == Kind::Number)) {
                    e += 1;
                }
                // "at London's Hilton hotel", "outside New York's Hot 97 studios": a venue's
                // common noun finishes its name.
                if e > next + 1 && e < n && s.lower_word(e) && VENUE_NOUNS.contains(&s.word(e)) && kind != PlaceKind::Country {
                    return Some(e + 1);
                }
                let ends_there = e == n || s.tokens[e].kind == Kind::Punct || (s.lower_word(e) && (LOCATIVE.contains(&s.word(e)) || matches!(s.word(e), "ON" | "AND" | "OR" | "FOR" | "THIS" | "LAST" | "NEXT")));
                if e > next + 1 && ends_there && kind != PlaceKind::Country {
                    return Some(e);
                }
                return None;
            }
        }
        return Some(m.end);
    }
    // "in Lebanon, Syria said": Syria is a subject, not a list item.
    // "in London, Amsterdam and Sydney have failed": after "and" the list ends there and the
    // verb is the sentence's.
    let comma_joined = m.start > 0 && s.word(m.start - 1) == ",";
    if cue == Cue::List && comma_joined && t.kind == Kind::Word && !s.capital(next) && (SUBJECT_VERBS.contains(&w) || w.ends_with("ED")) {
        return None;
    }
    Some(m.end)
}

/// The countries named by a demonym right before match `m` ("Soviet Georgia").
fn demonym_countries(s: &Sentence, m: &Match) -> &'static [&'static str] {
    let mut j = m.start;
    let mut steps = 0;
    while j > 0 && steps < 3 {
        j -= 1;
        steps += 1;
        let w = s.word(j);
        // "Indian-administered Kashmir": the demonym before the hyphen.
        let w = CONTROL_SUFFIXES.iter().find_map(|e| w.strip_suffix(e)).unwrap_or(w);
        if let Some((_, cs)) = DEMONYMS.iter().find(|(d, _)| *d == w) {
            return cs;
        }
        if !(is_modifier(s, j) || DETERMINERS.contains(&w)) {
            break;
        }
    }
    &[]
}

/// Great-circle distance in kilometres.
fn distance((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().min(1.0).asin()
}

/// Of several readings, the one a context of countries supports: one in a context country,
/// else (`near`) the one whose country is nearest to a context country ("Tripoli" with Syria
/// → Lebanon's).
fn by_context(g: &Gazetteer, readings: &[u32], context: &[&str], near: bool) -> Option<u32> {
    let country_of = |r: u32| g.entries[r as usize].country.as_deref();
    if let Some(r) = readings.iter().copied().find(|&r| country_of(r).is_some_and(|c| context.contains(&c))) {
        return Some(r);
    }
    if !near {
        return None;
    }
    let points: Vec<(f64, f64)> = context.iter().filter_map(|c| g.country_point(c)).collect();
    readings
        .iter()
        .copied()
        .filter_map(|r| {
            let p = country_of(r).and_then(|c| g.country_point(c))?;
            let d = points.iter().map(|&q| distance(p, q)).fold(f64::INFINITY, f64::min);
            d.is_finite().then_some((r, d))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(r, _)| r)
}

fn resolve(g: &Gazetteer, s: &Sentence, ms: &[Match], (actors, doc): (&[&str], &[String]), sentence: u32, out: &mut Vec<Place>, mentioned: &mut Vec<String>) {
    let mut cues: Vec<Option<Cue>> = Vec::with_capacity(ms.len());
    let mut starts: Vec<usize> = Vec::with_capacity(ms.len());
    let mut ends: Vec<usize> = Vec::with_capacity(ms.len());
    let mut modifier_of = Vec::new();
    for k in 0..ms.len() {
        let m = ms[k];
        let kind = g.entries[g.names[m.name as usize].readings[0] as usize].kind;
        let (mut cue, start) = cue_before(s, ms, k, &cues, &mut modifier_of, g);
        starts.push(start.unwrap_or(m.start));
        // "turned down by the London exchange": an actor, not a place.
        let mut b = m.start;
        while b > 0 && DETERMINERS.contains(&s.word(b - 1)) {
            b -= 1;
        }
        let agent = b > 0 && matches!(s.word(b - 1), "BY" | "WITH" | "AGAINST");
        if cue.is_none() && !agent && matches!(kind, PlaceKind::City | PlaceKind::Capital | PlaceKind::Region) && m.end < s.tokens.len() {
            let w = s.word(m.end);
            // "the Tokyo stock market", "the London metal exchange": prices are set there.
            let market = matches!(kind, PlaceKind::City | PlaceKind::Capital)
                && s.lower_word(m.end)
                && MARKET_KINDS.contains(&w)
                && m.end + 1 < s.tokens.len()
                && s.lower_word(m.end + 1)
                && matches!(s.word(m.end + 1), "MARKET" | "MARKETS" | "EXCHANGE" | "BOURSE" | "TRADING" | "DEALERS" | "TRADERS" | "FUTURES" | "PRICES" | "PRICE");
            // "from Milwaukee, site of the talks", "Halabja, scene of the attack".
            let site = w == "," && m.end + 2 < s.tokens.len() && s.lower_word(m.end + 1) && matches!(s.word(m.end + 1), "SITE" | "SCENE" | "VENUE") && s.word(m.end + 2) == "OF";
            if (s.lower_word(m.end) && EVENT_NOUNS.contains(&w)) || market || site {
                cue = Some(Cue::Modifier);
            }
        }
        let end = cue.and_then(|c| check_after(s, ms, k, c, kind));
        if end.is_none() {
            cue = None;
        }
        cues.push(cue);
        ends.push(end.unwrap_or(m.end));
    }
    for p in modifier_of {
        cues[p] = None;
    }
    // Context for names with several readings: actors, then the sentence's unambiguous places.
    let mut context: Vec<&str> = actors.to_vec();
    for m in ms {
        let n = &g.names[m.name as usize];
        if n.readings.len() == 1 {
            if let Some(c) = &g.entries[n.readings[0] as usize].country {
                context.push(c);
            }
        }
    }
    let first = out.len();
    let mut kept: Vec<(usize, u32)> = Vec::new(); // (match index, entry)
    for k in 0..ms.len() {
        if cues[k].is_none() {
            let n = &g.names[ms[k].name as usize];
            if let [r] = n.readings.as_slice() {
                mentioned.extend(g.entries[*r as usize].country.clone());
            }
            continue;
        }
        let m = ms[k];
        let n = &g.names[m.name as usize];
        let country_of = |r: &u32| g.entries[*r as usize].country.as_deref();
        let mut reading = n.readings[0];
        if n.readings.len() > 1 {
            // The place after a comma first ("Birmingham, Ala."), then a demonym, then context.
            let after = ms.get(k + 1).filter(|p| p.start == ends[k] + 1 && s.word(ends[k]) == ",");
            let after_countries: Vec<&str> =
                after.map(|p| g.names[p.name as usize].readings.iter().filter_map(country_of).collect()).unwrap_or_default();
            let dem = demonym_countries(s, &m);
            reading = n
                .readings
                .iter()
                .copied()
                .find(|r| country_of(r).is_some_and(|c| after_countries.contains(&c)))
                .or_else(|| n.readings.iter().copied().find(|r| country_of(r).is_some_and(|c| dem.contains(&c))))
                .or_else(|| by_context(g, &n.readings, &context, true))
                .or_else(|| {
                    // The document's actors: the reading whose country they name most often.
                    let count = |r: &u32| country_of(r).map_or(0, |c| doc.iter().filter(|d| d.as_str() == c).count());
                    n.readings.iter().copied().filter(|r| count(r) > 0).max_by_key(|r| (count(r), std::cmp::Reverse(*r)))
                })
                .or_else(|| by_context(g, &n.readings, &doc.iter().map(String::as_str).collect::<Vec<_>>(), true))
                .unwrap_or(reading);
        }
        kept.push((k, reading));
    }
    // "Basra, Iraq" and "Iraq's Anbar province": one place, the most specific. "Vienna, Va."
    // (a city of another country, then a state): an unknown Vienna in Virginia.
    let mut drop = vec![false; kept.len()];
    for i in 1..kept.len() {
        let ((ka, ra), (kb, rb)) = (kept[i - 1], kept[i]);
        let (a, b) = (&g.entries[ra as usize], &g.entries[rb as usize]);
        // "at the Odeon in London's Leicester Square": the written name of the second place
        // already takes in the first, one place.
        if starts[kb] <= ms[ka].start && !drop[i - 1] {
            drop[i - 1] = true;
            continue;
        }
        let gap = ends[ka]..starts[kb];
        // "in Greenwich, near London", "in Antofagasta, 1,000 km north of Santiago": the
        // second only locates the first, one place.
        let locator = gap.len() >= 2
            && s.word(gap.start) == ","
            && (gap.start + 1..gap.end).any(|j| matches!(s.word(j), "NEAR" | "OF"))
            && (gap.start + 1..gap.end).all(|j| {
                let w = s.word(j);
                s.tokens[j].kind == Kind::Number || COMPASS.contains(&w) || matches!(w, "NEAR" | "OF" | "JUST" | "SOME" | "ABOUT" | "KM" | "KMS" | "KILOMETRES" | "KILOMETERS" | "MILES" | "MILE")
            });
        if locator && a.country.is_some() && a.country == b.country && !drop[i - 1] {
            drop[i] = true;
            continue;
        }
        let comma = gap.len() == 1 && s.word(gap.start) == ",";
        let possessive = (1..=3).contains(&gap.len()) && s.tokens[gap.start].kind == Kind::Possessive;
        // "victims in Vanuatu in the South Pacific": a place, then the region of several
        // countries it lies in, is the place.
        let in_the = !gap.is_empty() && s.word(gap.start) == "IN" && (gap.len() == 1 || (gap.len() == 2 && s.word(gap.start + 1) == "THE"));
        if in_the && a.country.is_some() && b.country.is_none() && !drop[i - 1] {
            drop[i] = true;
            continue;
        }
        if a.country.is_none() || a.country != b.country {
            if comma && a.kind.rank() == 3 && b.kind == PlaceKind::Region && b.country.is_some() && !drop[i - 1] {
                drop[i - 1] = true;
                starts[kb] = starts[ka];
            }
            continue;
        }
        // "at Gleneagles in Scotland", "Rotterdam, in Holland", "at North Carolina State
        // University in Raleigh" (the rest of a facility's name, then "in").
        let inside = !gap.is_empty()
            && s.word(gap.end - 1) == "IN"
            && (gap.start..gap.end - 1).all(|j| s.word(j) == "," || (s.tokens[j].kind == Kind::Word && (s.capital(j) || (j > gap.start && s.word(j) == "OF"))));
        let facility = inside && gap.len() > 1 && s.word(gap.start) != ",";
        if (comma || inside) && b.kind.rank() < a.kind.rank() {
            drop[i] = true;
        } else if (possessive && a.kind.rank() <= b.kind.rank()) || ((comma || facility) && a.kind.rank() < b.kind.rank()) {
            drop[i - 1] = true;
        } else if inside && a.kind.rank() == b.kind.rank() {
            drop[i] = true; // "at Heathrow Airport in London", "at Anfield in Liverpool"
        }
    }
    for (i, &(k, r)) in kept.iter().enumerate() {
        if drop[i] {
            continue;
        }
        let e = &g.entries[r as usize];
        if out[first..].iter().any(|p| p.name == e.name && p.country == e.country) {
            continue;
        }
        let (a, b) = (s.tokens[starts[k]].start as usize, s.tokens[ends[k] - 1].end as usize);
        let ca = s.text[..a].chars().count();
        let cb = ca + s.text[a..b].chars().count();
        out.push(Place {
            sentence,
            span: (a, b),
            char_span: (ca, cb),
            text: s.text[a..b].to_string(),
            name: e.name.clone(),
            country: e.country.clone(),
            lat: e.lat,
            lon: e.lon,
            kind: if e.kind == PlaceKind::Demonym { PlaceKind::Country } else { e.kind },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn places(s: &str) -> Vec<(String, String)> {
        Gazetteer::builtin().find_in(s).into_iter().map(|p| (p.text, p.country.unwrap_or_else(|| "-".into()))).collect()
    }

    fn p(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn the_builtin_gazetteer_reads_cleanly() {
        let mut g = Gazetteer::default();
        let errors = g.read(BUILTIN_NAME, BUILTIN);
        assert!(errors.is_empty(), "{}", errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"));
        assert!(g.len() > 1000, "{}", g.len());
    }

    #[test]
    fn a_name_counts_after_a_locative_preposition_through_modifiers() {
        assert_eq!(places("Fighting broke out in southern Lebanon."), p(&[("Lebanon", "LBN")]));
        assert_eq!(places("Fires spread in Southern California and in Communist Russia."), p(&[("California", "USA"), ("Russia", "RUS")]));
        // State abbreviations match as written: "LA." is Los Angeles, not Louisiana.
        assert_eq!(places("Troops were flown in from New Orleans, La."), p(&[]));
        assert_eq!(places("The plant is in New Orleans, La."), p(&[("New Orleans", "USA")]));
        assert_eq!(places("She now lives in LA."), p(&[("LA", "USA")]));
        assert_eq!(places("Clashes erupted outside the embassy in Lagos."), p(&[("Lagos", "NGA")]));
        assert_eq!(places("Pirates struck off the coast of Somalia."), p(&[("Somalia", "SOM")]));
        assert_eq!(places("Tankers were hit in the Gulf."), p(&[("Gulf", "-")]));
        // "on" only for a region or a sea: "pressure on Iran" is no place.
        assert_eq!(places("Settlers clashed on the West Bank."), p(&[("West Bank", "PSE")]));
        assert_eq!(places("Farmers marched through the streets of Hanover while in France farmers barricaded roads."), p(&[("Hanover", "DEU"), ("France", "FRA")]));
        assert_eq!(places("Shares rose on the Amsterdam bourse."), p(&[("Amsterdam", "NLD")]));
        // A city's exchange, named in full: trading on it happens in the city.
        assert_eq!(places("Volume on the Milan Bourse and at the Tokyo Commodity Exchange fell."), p(&[("Milan", "ITA"), ("Tokyo", "JPN")]));
        assert_eq!(places("Shares fell on the New York Stock Exchange and on the Pacific Exchange."), p(&[("New York", "USA")]));
        assert_eq!(places("He visited his wife at Bethesda Naval Hospital."), p(&[("Bethesda", "USA")]));
        assert_eq!(places("The U.S. put pressure on Iran."), p(&[]));
    }

    #[test]
    fn a_place_noun_with_of_takes_the_name_after_it_and_drops_its_modifier() {
        // The Caspian is only the port's modifier; the Iraqi demonym too.
        assert_eq!(places("Fighting broke out near the Caspian port of Astrakhan."), p(&[("Astrakhan", "RUS")]));
        assert_eq!(places("A bomb went off in the Iraqi city of Basra."), p(&[("Basra", "IRQ")]));
        // "of" after anything but a place noun is no place: the leaders of Iran.
        assert_eq!(places("He met in private with the leaders of Iran."), p(&[]));
    }

    #[test]
    fn the_most_specific_of_a_place_and_its_container_wins() {
        assert_eq!(places("Two bombs exploded in Basra, Iraq, killing ten."), p(&[("Basra", "IRQ")]));
        assert_eq!(places("Protests erupted in Iraq's Anbar province."), p(&[("Anbar province", "IRQ")]));
        assert_eq!(places("The G8 leaders will meet at Gleneagles in Scotland."), p(&[("Gleneagles", "GBR")]));
        assert_eq!(places("Tests were done at North Carolina State University in Raleigh."), p(&[("Raleigh", "USA")]));
        assert_eq!(places("He landed at Heathrow Airport in London."), p(&[("Heathrow Airport", "GBR")]));
        assert_eq!(places("Trade passes through the world's largest port, Rotterdam, in Holland."), p(&[("Rotterdam", "NLD")]));
        assert_eq!(places("A bomb went off in the capital, Kabul."), p(&[("Kabul", "AFG")]));
        // An unknown name before "in" a known place is the most specific place, written so.
        assert_eq!(places("Gold was found at Mont Noir in Haiti's north."), p(&[("Mont Noir in Haiti", "HTI")]));
        assert_eq!(places("Stars hope for awards at the Odeon in London's Leicester Square."), p(&[("Odeon in London's Leicester Square", "GBR")]));
        assert_eq!(places("Soldiers were killed in Quezon province in the northern island of Luzon."), p(&[("Quezon province in the northern island of Luzon", "PHL")]));
        assert_eq!(places("It is built at Villeneuve in southern Lyon."), p(&[("Villeneuve in southern Lyon", "FRA")]));
        assert_eq!(places("The show was held at the Ocean Park fairground in Perth."), p(&[("Ocean Park fairground in Perth", "AUS")]));
        assert_eq!(places("A storm lashed the Atlantic Coast and the West Coast."), p(&[]));
        assert!(places("Drilling off Canada's Atlantic coast has stalled.").iter().all(|(_, c)| c != "USA"), "no US coast in Canada");
        assert_eq!(places("Storms hit towns along the Atlantic Coast and off the West Coast."), p(&[("West Coast", "USA")]));
        // A place in a region of several countries; a place after an institution "of" a state.
        assert_eq!(places("Aid went to flood victims in Fiji in the South Pacific."), p(&[("Fiji", "FJI")]));
        assert_eq!(places("Hearings open in the Ohio Court of Appeals in Columbus."), p(&[("Columbus", "USA")]));
        // A city of another country before a state is an unknown town of that state.
        assert_eq!(places("It opened an office in Vienna, Va., last week."), p(&[("Vienna, Va.", "USA")]));
        assert_eq!(places("He was arrested in Barstow, California, on Saturday."), p(&[("Barstow, California", "USA")]));
        assert_eq!(places("The refineries at Augusta and Siracusa will stay open."), p(&[("Augusta", "ITA"), ("Siracusa", "ITA")]));
        // An unknown town before a state whose name is a city's, and further towns of a list.
        assert_eq!(places("It sold its smelter at Goldendale, Washington, last year."), p(&[("Goldendale, Washington", "USA")]));
        assert_eq!(places("It will lay off workers at plants in Janesville, Wisc, and Lordstown, Ohio, in August."), p(&[("Janesville, Wisc", "USA"), ("Lordstown, Ohio", "USA")]));
        assert_eq!(places("Riots broke out in Paris, London and Rome."), p(&[("Paris", "FRA"), ("London", "GBR"), ("Rome", "ITA")]));
        // A venue in a city's possessive is the place, written with the city.
        assert_eq!(places("The ceremony was at London's Hilton hotel on Sunday."), p(&[("London's Hilton hotel", "GBR")]));
        assert_eq!(places("A man was shot outside New York's Hot 97 studios."), p(&[("New York's Hot 97 studios", "USA")]));
        assert_eq!(places("Crowds gather in Luanda's Independence Square every Friday."), p(&[("Luanda's Independence Square", "AGO")]));
        // A list is no "town, state" pair.
        assert_eq!(places("Rain fell in Kembata, Tigre and Bale."), p(&[("Tigre", "ETH")]));
        assert_eq!(places("Rain fell in Wello, Tigre and Bale."), p(&[("Wello", "ETH"), ("Tigre", "ETH")]));
        assert_eq!(places("In January, Taiwan reduced tariffs."), p(&[]));
        assert_eq!(places("Fairs were held in Toronto, South Korea and Japan."), p(&[("Toronto", "CAN"), ("South Korea", "KOR"), ("Japan", "JPN")]));
    }

    #[test]
    fn lists_continue_after_a_counted_name_but_not_into_a_subject() {
        assert_eq!(places("Officials met in Tel Aviv, Chicago and Athens."), p(&[("Tel Aviv", "ISR"), ("Chicago", "USA"), ("Athens", "GRC")]));
        assert_eq!(places("Rain fell in Kansas and parts of Missouri."), p(&[("Kansas", "USA"), ("Missouri", "USA")]));
        assert_eq!(places("Strikes hit Barcelona, Bilbao, Pasajes and Seville."), p(&[]));
        assert_eq!(places("Strikes hit ports in Barcelona, Pasajes and Seville."), p(&[("Barcelona", "ESP"), ("Seville", "ESP")]));
        // The last item after "and" is no subject: the verb is the sentence's own.
        assert_eq!(places("Tests from its stations in Oslo, Lima and Perth have failed."), p(&[("Oslo", "NOR"), ("Lima", "PER"), ("Perth", "AUS")]));
        assert_eq!(places("In Lebanon, Syria said it would withdraw."), p(&[("Lebanon", "LBN")]));
        assert_eq!(places("Firms lost orders to rivals in Hong Kong and South Korea because of the dollar."), p(&[("Hong Kong", "HKG"), ("South Korea", "KOR")]));
        assert_eq!(places("It has plants in Darlington County, S.C., and Fayetteville, N.C., too."), p(&[("Darlington County, S.C.", "USA"), ("Fayetteville, N.C.", "USA")]));
        assert_eq!(places("It bought banks in Opelika and in Athens, Ala., last year."), p(&[("Athens, Ala.", "USA")]));
    }

    #[test]
    fn an_event_noun_makes_a_city_modifier_a_place_but_not_a_country() {
        assert_eq!(places("The Geneva talks ended without agreement."), p(&[("Geneva", "CHE")]));
        assert_eq!(places("Police blamed rebels for a Baghdad bombing."), p(&[("Baghdad", "IRQ")]));
        assert_eq!(places("The Iran talks ended without agreement."), p(&[]));
        assert_eq!(places("Crowds came to the UK premiere of the film in London."), p(&[("London", "GBR")]));
        // An apposition naming the name the site of an act.
        assert_eq!(places("A spokesman said by telephone from Milwaukee, site of the talks."), p(&[("Milwaukee", "USA")]));
        assert_eq!(places("The system was installed at Research Triangle Park, N.C. Reuter"), p(&[("Research Triangle Park, N.C.", "USA")]));
        // A city's market named with its kind: prices are set in the city.
        assert_eq!(places("Shares fell on the Tokyo stock market."), p(&[("Tokyo", "JPN")]));
        assert_eq!(places("Copper rose on the London metal exchange."), p(&[("London", "GBR")]));
        assert_eq!(places("Japan's stock market fell."), p(&[]));
    }

    #[test]
    fn a_distance_and_a_compass_word_before_of_make_a_place() {
        assert_eq!(places("Clashes erupted 50 km north of Baghdad."), p(&[("Baghdad", "IRQ")]));
        assert_eq!(places("Troops fought just southwest of Basra."), p(&[("Basra", "IRQ")]));
        assert_eq!(places("Rain fell in the north of England."), p(&[("England", "GBR")]));
        // A distance and direction after a place only locate it.
        assert_eq!(places("The tremor was felt in Antofagasta, 1,000 km north of Santiago."), p(&[("Antofagasta", "CHL")]));
        assert_eq!(places("They won a by-election in Greenwich, near London."), p(&[("Greenwich", "GBR")]));
        // The span of an act from one place to another: both; a journey: neither.
        assert_eq!(places("The land issue spawns violence from Amazonia to Mato Grosso."), p(&[("Amazonia", "BRA"), ("Mato Grosso", "BRA")]));
        assert_eq!(places("The minister flew from Moscow to Kiev."), p(&[]));
        // A direction of movement stays no place.
        assert_eq!(places("The army moved to the north of Basra."), p(&[]));
    }

    #[test]
    fn destinations_origins_organisations_homes_and_topics_are_no_places() {
        // A body's domain is no place; a body's hall after a locative is.
        assert_eq!(places("The head of the Catholic Church in England and Wales spoke."), p(&[]));
        assert_eq!(places("He is director of the Federation of the Phonographic Industry in Germany."), p(&[]));
        assert_eq!(places("Delegates met at the Labour Party conference hall in Brighton."), p(&[("Brighton", "GBR")]));
        // An employer's post, a firm's seat of incorporation.
        assert_eq!(places("He was linked with the manager's job at Oldham."), p(&[]));
        assert_eq!(places("Lee, campaigns director at Greenpeace in the UK, said it was meaningless."), p(&[]));
        assert_eq!(places("It would slow growth in Germany and Japan."), p(&[]));
        assert_eq!(places("Growth in China remains at 9.1%, and demand in India is strong."), p(&[]));
        assert_eq!(places("The deals will result in Tipperary acquiring control."), p(&[]));
        assert_eq!(places("Ruud is the best striker in Europe, and investors lost faith in Ukraine."), p(&[]));
        assert_eq!(places("It was the largest demonstration in Paris."), p(&[("Paris", "FRA")]));
        assert_eq!(places("A sharp deterioration in Brazil's trade surplus caused alarm."), p(&[]));
        assert_eq!(places("The situation in Kaduna was now under control."), p(&[("Kaduna", "NGA")]));
        assert_eq!(places("Rains have alleviated drought conditions in Guangdong Province."), p(&[("Guangdong Province", "CHN")]));
        assert_eq!(places("Firms used subsidiaries incorporated in the Netherlands Antilles."), p(&[]));
        assert_eq!(places("The new company will be incorporated in Delaware."), p(&[("Delaware", "USA")]));
        assert_eq!(places("The minister flew to Moscow for talks with Iran."), p(&[]));
        assert_eq!(places("Imports from Japan rose."), p(&[]));
        assert_eq!(places("The New York Stock Exchange said it would halt trading."), p(&[]));
        // An actor's home: a participle of a home, a resident noun, a company, a superlative.
        assert_eq!(places("The firm, which is based in Oslo, bought a mill."), p(&[]));
        assert_eq!(places("Acme Inc, headquartered in Denver, Colo., sells tools."), p(&[]));
        assert_eq!(places("The fund targets investors in Asia and shoppers in Peru."), p(&[]));
        assert_eq!(places("Holidays matter to everyone in Wales and to those in Kent."), p(&[]));
        assert_eq!(places("A scheme helps people living near Heathrow."), p(&[]));
        assert_eq!(places("Bombs killed 12 people in Karachi."), p(&[("Karachi", "PAK")]));
        assert_eq!(places("It bought Dupont Research Corp in Dallas and <Tissages SA> in France."), p(&[]));
        assert_eq!(places("Growth was the third-fastest in Asia and the highest in Chile."), p(&[]));
        assert_eq!(places("He headed Acme Research Corp in Reno, Nev., and Widget Inc in Tulsa."), p(&[]));
        assert_eq!(places("It has a plant and offices in the Midwest."), p(&[]));
        assert_eq!(places("It cut jobs for employees in Leeds at a meeting of oil companies in Vienna."), p(&[("Leeds", "GBR"), ("Vienna", "AUT")]));
        assert_eq!(places("Firms in Chile hold credits in Peru; cars were built for sale in Japan."), p(&[]));
        assert_eq!(places("He watched Chelsea's clash with Porto at Stamford Bridge."), p(&[("Stamford Bridge", "GBR")]));
        assert_eq!(places("The lab is based at Acme's Hill Research Center in Texas."), p(&[]));
        assert_eq!(places("Labour conditions in Peru and costs in Latin America worry it."), p(&[]));
        assert_eq!(places("The Bank of England raised rates in London."), p(&[("London", "GBR")]));
        assert_eq!(places("The Paris-based agency said so."), p(&[]));
        assert_eq!(places("He was wounded in the Iraq war."), p(&[]));
        assert_eq!(places("That is not in Washington's interest."), p(&[]));
        assert_eq!(places("He wrote in the Washington Post."), p(&[]));
        assert_eq!(places("Japan said it would cut tariffs."), p(&[]));
        assert_eq!(places("Banks invested in U.S. government securities."), p(&[]));
        assert_eq!(places("Obesity is rising in US children."), p(&[]));
        assert_eq!(places("Shares in UK banking group Barclays rose."), p(&[]));
        assert_eq!(places("Sales in the U.S. rose and in the UK fell."), p(&[("U.S.", "USA"), ("UK", "GBR")]));
        assert_eq!(places("The bid was turned down by the London exchange."), p(&[]));
        assert_eq!(places("Roxy Music will appear at June's Isle of Wight music festival."), p(&[("Isle of Wight", "GBR")]));
        assert_eq!(places("Fighting in Iraq killed ten and in Britain last week two."), p(&[("Iraq", "IRQ"), ("Britain", "GBR")]));
        // An unknown name before a comma takes a following country only when it is a name.
        assert_eq!(places("He said so at Warner Bros. However, US critics disagreed."), p(&[]));
        // A possessive before a place or a plain noun is still the place.
        assert_eq!(places("Companies invested in Venezuela's mining sector."), p(&[("Venezuela", "VEN")]));
        assert_eq!(places("He spoke in Edinburgh's Napier University."), p(&[("Edinburgh's Napier University", "GBR")]));
        assert_eq!(places("It will be installed in the bank's Oslo headquarters and at the firm's Leeds plant."), p(&[("Oslo", "NOR"), ("Leeds", "GBR")]));
        assert_eq!(places("He criticised the agency's Oslo policy."), p(&[]));
        assert_eq!(places("He expects a rough ride in England's Six Nations opener in Cardiff."), p(&[("Cardiff", "GBR")]));
        // A name of its own after a city's possessive is a place in the city, written with it.
        assert_eq!(places("The band played at Glasgow's Barrowland Ballroom in May."), p(&[("Glasgow's Barrowland Ballroom", "GBR")]));
        assert_eq!(places("A crowd gathered in New York's Times Square on Sunday."), p(&[("Times Square", "USA")]));
    }

    #[test]
    fn demonyms_are_places_only_before_place_nouns() {
        assert_eq!(places("The tanker was hit in Kuwaiti waters and on Iranian soil."), p(&[("Kuwaiti waters", "KWT"), ("Iranian soil", "IRN")]));
        assert_eq!(places("He met Kuwaiti officials in the Iranian capital."), p(&[("Iranian capital", "IRN")]));
        assert_eq!(places("Talks in Iranian circles went on."), p(&[]));
    }

    #[test]
    fn ambiguous_names_take_the_reading_the_sentence_supports() {
        // Default (first in the gazetteer), a demonym, a following state, the actors.
        assert_eq!(places("Troops were sent to Tbilisi after unrest in Georgia."), p(&[("Georgia", "GEO")]));
        assert_eq!(places("He was arrested in Soviet Georgia."), p(&[("Georgia", "GEO")]));
        assert_eq!(places("Talks stalled on a dam in Indian-administered Kashmir."), p(&[("Kashmir", "IND")]));
        assert_eq!(places("Militants clashed in Pakistani-administered Kashmir."), p(&[("Kashmir", "PAK")]));
        assert_eq!(places("The plant in Birmingham, Ala., was closed."), p(&[("Birmingham, Ala.", "USA")]));
        let g = Gazetteer::builtin();
        let (text, mut toks, mut up) = ("Storms hit a plant in Georgia.", Vec::new(), String::new());
        tokenize(text, &mut toks);
        upper_into(text, &mut up);
        let mut out = Vec::new();
        g.find(text, &toks, &up, &["USA"], &[], 3, &mut out);
        assert_eq!((out[0].country.as_deref(), out[0].sentence), (Some("USA"), 3));
        // The document's actors when the sentence has none; the nearest reading to the context.
        out.clear();
        g.find(text, &toks, &up, &[], &["USA".to_string(), "GBR".to_string(), "USA".to_string()], 0, &mut out);
        assert_eq!(out[0].country.as_deref(), Some("USA"));
        // The sentence's other places are context too, and the nearest reading wins.
        assert_eq!(places("Fighting near Tripoli spread to Benghazi."), p(&[("Tripoli", "LBY")]));
        assert_eq!(places("Fighting near Tripoli spread to Damascus."), p(&[("Tripoli", "LBN")]));
        assert_eq!(places("Fighting near Tripoli went on."), p(&[("Tripoli", "LBY")]));
        let (text, mut toks, mut up) = ("Shelling went on in Tripoli.", Vec::new(), String::new());
        tokenize(text, &mut toks);
        upper_into(text, &mut up);
        out.clear();
        g.find(text, &toks, &up, &["SYR"], &[], 0, &mut out);
        assert_eq!(out[0].country.as_deref(), Some("LBN"));
    }

    #[test]
    fn historical_names_resolve_to_todays_countries() {
        assert_eq!(places("Talks were held in Leningrad and in Bombay."), p(&[("Leningrad", "RUS"), ("Bombay", "IND")]));
        assert_eq!(places("Protesters marched in West Berlin, near Saigon and in Kiev."), p(&[("West Berlin", "DEU"), ("Saigon", "VNM"), ("Kiev", "UKR")]));
        assert_eq!(places("Rains fell across the Soviet Union."), p(&[("Soviet Union", "-")]));
    }

    #[test]
    fn spans_are_byte_and_char_ranges_of_the_written_name() {
        let s = "Émigrés rallied in Zürich on Monday.";
        let found = Gazetteer::builtin().find_in(s);
        assert_eq!(found.len(), 1);
        let pl = &found[0];
        assert_eq!(&s[pl.span.0..pl.span.1], "Zürich");
        let chars: Vec<char> = s.chars().collect();
        assert_eq!(chars[pl.char_span.0..pl.char_span.1].iter().collect::<String>(), "Zürich");
        assert_eq!((pl.name.as_str(), pl.kind, pl.country.as_deref()), ("Zurich", PlaceKind::City, Some("CHE")));
        assert!((pl.lat - 47.38).abs() < 0.5 && (pl.lon - 8.54).abs() < 0.5);
    }

    #[test]
    fn every_iso3_country_is_in_the_gazetteer_and_coordinates_are_in_range() {
        let g = Gazetteer::builtin();
        let countries: HashSet<&str> = g.entries().iter().filter(|e| e.kind == PlaceKind::Country).filter_map(|e| e.country.as_deref()).collect();
        let missing: Vec<&str> = ISO3.split_whitespace().filter(|c| !countries.contains(c)).collect();
        assert!(missing.is_empty(), "countries missing from the gazetteer: {missing:?}");
        assert_eq!(ISO3.split_whitespace().count(), 249);
        for e in g.entries() {
            assert!((-90.0..=90.0).contains(&e.lat) && (-180.0..=180.0).contains(&e.lon), "{}:{} {}", e.file, e.line, e.name);
        }
        // No key twice: a name (or alternative name) and a country name one entry.
        let mut keys = HashMap::new();
        for e in g.entries() {
            let names: HashSet<String> = std::iter::once(&e.name).chain(&e.alts).map(|n| n.to_lowercase()).collect();
            for n in names {
                let key = (n.clone(), e.country.clone(), e.kind == PlaceKind::Demonym);
                if let Some(prev) = keys.insert(key, e.line) {
                    panic!("{n} ({:?}) on lines {prev} and {}", e.country, e.line);
                }
            }
        }
        // The cities the news names, and enough of them.
        for name in ["Basra", "Fallujah", "Aleppo", "Homs", "Kandahar", "Gaza", "Ramallah", "Donetsk", "Sevastopol", "Odessa", "Astrakhan", "Bandar Abbas", "Rasht", "Astara", "Alabuga", "Kaliningrad", "Davos", "Geneva", "Vienna", "Brussels", "Strasbourg", "The Hague", "Camp David"] {
            assert!(!g.lookup(name).is_empty(), "{name}");
        }
        let cities = g.entries().iter().filter(|e| matches!(e.kind, PlaceKind::City | PlaceKind::Capital)).count();
        assert!(cities >= 400, "{cities} cities");
    }

    #[test]
    fn broken_lines_are_named_and_skipped_and_a_user_file_extends_and_corrects() {
        let mut g = Gazetteer::default();
        let errors = g.read(
            "mine.txt",
            "# comment\nAtlantis||city|XXX|10|20\nNowhere||town|USA|1|2\nFaraway||city|usa|1|2\nOff||city|USA|91|0\nShort|city|USA|1\nAtlantis||city|XXX|1|1\n",
        );
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![3, 4, 5, 6, 7]);
        assert!(errors[0].to_string().starts_with("mine.txt:3: unknown kind"), "{}", errors[0]);
        assert!(errors[4].message.contains("line 2"), "{}", errors[4]);
        assert_eq!(g.len(), 1);
        // A second file adds readings and corrects a place of the same name and country.
        assert!(g.read("more.txt", "Atlantis|Poseidonia|city|XXX|11|21\nAtlantis||city|GRC|36|25\n").is_empty());
        let a = g.lookup("atlantis");
        assert_eq!(a.iter().map(|e| (e.country.as_deref(), e.lat)).collect::<Vec<_>>(), vec![(Some("XXX"), 11.0), (Some("GRC"), 36.0)]);
        assert_eq!(g.lookup("Poseidonia").len(), 1);
        assert_eq!(g.find_in("It sank near Poseidonia.")[0].country.as_deref(), Some("XXX"));
    }

    /// ISO 3166-1 alpha-3, all 249 codes.
    const ISO3: &str = "AFG ALA ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU BTN BOL BES BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK COL COM COG COD COK CRI CIV HRV CUB CUW CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FLK FRO FJI FIN FRA GUF PYF ATF GAB GMB GEO DEU GHA GIB GRC GRL GRD GLP GUM GTM GGY GIN GNB GUY HTI HMD VAT HND HKG HUN ISL IND IDN IRN IRQ IRL IMN ISR ITA JAM JPN JEY JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT MEX FSM MDA MCO MNG MNE MSR MAR MOZ MMR NAM NRU NPL NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN PAK PLW PSE PAN PNG PRY PER PHL PCN POL PRT PRI QAT REU ROU RUS RWA BLM SHN KNA LCA MAF SPM VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SXM SVK SVN SLB SOM ZAF SGS SSD ESP LKA SDN SUR SJM SWE CHE SYR TWN TJK TZA THA TLS TGO TKL TON TTO TUN TUR TKM TCA TUV UGA UKR ARE GBR USA UMI URY UZB VUT VEN VNM VGB VIR WLF ESH YEM ZMB ZWE";
}
