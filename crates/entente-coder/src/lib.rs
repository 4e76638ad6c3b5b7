//! Raw news text into CAMEO events: who did what to whom, when, with the sentence as evidence.
//!
//! [`CoderBuilder`] compiles [`Dictionaries`] once into integer tries; the resulting [`Coder`]
//! is immutable, `Send + Sync`, and codes a [`Document`] into [`Coded`] events.
//! [`Coder::explain`] shows every stage of coding one sentence ([`Explanation`]), and
//! [`validate`] runs the PETRARCH validation suites. [`Coder::code_with_extraction`] also
//! extracts the amounts of a document in the same pass ([`extract`]: money, percentages,
//! measures, counts), tied to events by sentence index.
//!
//! ```
//! use entente_coder::CoderBuilder;
//! use entente_core::{Date, Document};
//! use entente_dict::{Actor, CodeSpec, Dictionaries, Origin, Phrase, Role, Verb, VerbBlock};
//!
//! let origin = Origin { file: "example".into(), line: 1 };
//! let actor = |name: &str, code: &str| Actor {
//!     phrases: vec![Phrase { words: vec![name.to_uppercase()], stem: false }],
//!     roles: vec![Role { code: code.into(), from: None, to: None }],
//!     origin: origin.clone(),
//! };
//! let mut dicts = Dictionaries::default();
//! dicts.actors = vec![actor("Russia", "RUS"), actor("Iran", "IRN")];
//! dicts.verbs = vec![VerbBlock {
//!     name: "ATTACK".into(),
//!     code: CodeSpec { code: Some("190".into()), paired: None },
//!     verbs: vec![Verb {
//!         words: vec!["ATTACK".into()],
//!         head: 0,
//!         forms: vec!["ATTACK".into(), "ATTACKS".into(), "ATTACKED".into()],
//!         code: None,
//!         origin: origin.clone(),
//!     }],
//!     patterns: vec![],
//!     origin: origin.clone(),
//! }];
//! let coder = CoderBuilder::new(&dicts).build().unwrap();
//! let doc = Document {
//!     id: "d1".into(),
//!     date: Date::new(2024, 1, 2).unwrap(),
//!     text: "Russia attacked Iran. Iran did not attack Russia.".into(),
//! };
//! let coded = coder.code(&doc);
//! assert_eq!(coded.sentences, 2);
//! assert_eq!(coded.events.len(), 1);
//! assert_eq!((coded.events[0].source.as_str(), coded.events[0].target.as_str()), ("RUS", "IRN"));
//! ```
//!
//! # Pipeline
//!
//! ```text
//!  document text
//!      │  split_sentences: . ! ? and blank lines; not after Mr. Gen. Jan. U.S. or initials;
//!      │                   a dateline "MOSCOW, March 3 (Reuters) -" is cut from sentence 0
//!      ▼
//!  sentence ──tokenize──▶ tokens (byte spans; 's, n't split; U.S. 50,000 pro-Western whole)
//!      │  upper-case copy (same offsets) → one hash lookup per token → word ids (+ stem ids)
//!      ▼
//!  discards? ──yes──▶ sentence (or whole story) skipped
//!      ▼
//!  mentions: longest match in the actor and agent tries (actor wins ties; dated roles
//!      │      resolved on the document date with Actor::code_on)
//!      ▼
//!  groups: adjacent mentions compose ("Iran 's defence minister" → IRNGOV); "A, B and C"
//!      │    compounds (a list ends at its last "and"/"or": "from North Korea, U.S. officials said"
//!      │    is not one); "officials in A and B" distributes the agent over the actors
//!      ▼
//!  verbs: longest match over every inflected form (multi-word verbs too); noun or verb
//!      │   by the word before: "the attack", "two shells", "agricultural reform", "peace
//!      │   talks", "a G7 meeting" are nouns; "will attack", "Russia attacks", "is attacking",
//!      │   "began delivering" are verbs; a participle right after a verb is an adjective
//!      │   ("delivering advanced radar")
//!      ▼
//!  per verb: auxiliary chain ("has not yet", "is about to"); subject = nearest group
//!      │     before it in its clause (not across "after", "when", ...; not when another
//!      │     word is the subject: "Sylvania, AFP reported"), else the previous verb's when
//!      │     coordinated ("and bombed") or a complement ("promised to send"); participles
//!      │     ("the parade supporting X") get none; voice ("was attacked by")
//!      │     → patterns, most specific first ($ + (TO +) {GROUP} &SYNSET; a prefilter skips
//!      │     those whose words are absent) → code → negation / modal / conditional / denial
//!      │     → target (pattern slot, else first group in the verb's stretch, unless that
//!      │     group is the subject of a later verb: attribution) → events (compounds
//!      │     multiply; a compound subject of 2-4 with no target is reciprocal for mutual
//!      │     codes; [a:b] adds b from target to source)
//!      ▼
//!  events (deduplicated, no self-events) with byte spans of source, target and verb
//!      │
//!      ▼  places (extract::places): gazetteer names after a locative preposition or before
//!      │  an event noun, not destinations, origins, organisations or topics; an ambiguous
//!      ▼  name by the sentence's and the document's earlier actors and places
//!  each event's place: the first place of its sentence, with country, latitude, longitude
//! ```
//!
//! Rules that decide what an analyst sees, in one place:
//! - an agent with no country in its group ("soldiers", "a senior official") codes nothing;
//!   in a compound it takes the previous member's country ("Danish media and government");
//! - adjectives of nationality before one agent all take it ("Indian and Pakistani officials" →
//!   INDGOV, PAKGOV);
//! - a name after a title keeps its own dated code ("Prime Minister Mousavi" → his role);
//! - the country an envoy is posted to is part of the envoy's group ("Russia's ambassador to
//!   Iran" = RUSGOV), neither a subject nor a target of its own;
//! - negated, modal (could, would, may, might, should) and conditional verbs code nothing,
//!   and neither does a verb governed by deny or refuse (the denial itself takes that verb's
//!   object as its target: "Iran denied that it had supplied missiles to Russia" → IRN RUS 016); threats and promises are coded
//!   through their own verbs (13x, 03x) and the complement they govern is not coded again;
//! - "refused to condemn Russia" codes nothing unless a pattern names what was refused ("refused
//!   to lift sanctions" → 1244); "stopped short of" codes nothing;
//! - "X said Y attacked Z" codes Y→Z only; a trailing attribution after a comma ("Iran bought
//!   Russian wheat, the ministry said") is no part of the verb's object, so its patterns and
//!   target stop before the speaker;
//! - a gerund right after "while" has the main clause's subject ("kept ties with Russia while
//!   supplying Ukraine with drones" → TUR UKR 072); an actor slot before the verb in a pattern
//!   is not filled from before an earlier verb ("Blinken said Russia had received ...");
//! - a pattern opening with `%` ("% * &DRILL") applies to a compound subject only;
//! - a pattern's `^` skips one noun phrase ("celebrated Iftar (IN ^) +": the place after "in" is
//!   skipped and the target is the next actor); a place after "in" that is not in the pattern
//!   gives way to an actor after a later "with";
//! - a compound subject of a mutual act ("Egypt and Qatar held talks in Cairo") does not take
//!   a place after "in" as target ("in central Mali", "in the Gulf of Oman" too), nor a venue
//!   after "at" for a cooperative act ("at the United Nations"): the members act on each other;
//! - a generic meeting (040) in a country that is neither side's, named after "in" with nothing
//!   but the target between the verb and it, is a meeting at a third location (044: "U.S. and
//!   Russian officials held talks in Riyadh");
//! - an agent before "in"/"of" and a place takes the place's country ("civilians in central
//!   Mali" → MLICVL);
//! - a pattern opening with `(THAT +)` reaches into the clause it introduces, past its verb
//!   ("demanded that Russia release ..." → 1053; "release" codes nothing itself);
//! - stems under four letters match exactly; sentences over
//!   [`DEFAULT_MAX_SENTENCE_TOKENS`] tokens are skipped.
//!
//! **Extraction** rides on the same analysis of each sentence ([`Coder::code_extract`], or
//! [`Coder::extract`] without events): named things from a dictionary of weapons, corridors,
//! blocs, agreements, currencies and facilities, with unknown proper names as scored candidates
//! ([`extract::things`]); themes per sentence and per document from cue words and things
//! ([`extract::themes`], taxonomy in `THEMES.md`); direct and reported quotes with the speaker's
//! actor code ([`extract::quotes`]). Records carry the sentence index and byte and character spans
//! into the sentence, like events.
//!
//! The main design decision is to do without a parser: PETRARCH needs a constituency or
//! dependency parse, which costs far more than the coding. Shallow rules over the token
//! stream (noun groups from the dictionaries themselves, clause punctuation, a handful of
//! function words) get the structures that event coding depends on — compound actors, passive
//! voice, attribution, complements, negation — at tens of thousands of sentences a second.
#![deny(missing_docs)]

mod analyze;
mod compile;
mod confidence;
pub mod eval;
mod explain;
pub mod extract;
mod filter;
pub mod input;
mod lexicon;
mod syntax;
mod text;
pub mod validate;

use analyze::{Analysis, Ev};
use compile::Compiled;
use entente_core::{Date, Document, Event, Spans};
pub use entente_dict::Dictionaries;
pub use explain::{Explanation, PhraseMatch, VerbReport};
pub use extract::places::{Gazetteer, Place, PlaceKind};
pub use extract::quotes::{Quote, QuoteKind};
pub use extract::themes::{DocTheme, Theme, ThemeHit};
pub use extract::things::{Candidate, Category, ExtractDicts, Shape, Thing, ThingMention};
pub use extract::{Amount, AmountKind, Extraction};
use std::sync::Arc;

/// An error building a coder from dictionaries.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The dictionaries cannot be compiled.
    #[error("cannot build coder: {0}")]
    Build(String),
    /// A validation records file cannot be read.
    #[error("{path}: {message}")]
    Records {
        /// The file.
        path: String,
        /// What was wrong.
        message: String,
    },
}

/// Result with [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Sentences with more tokens than this are not coded by default: they are tables or lists
/// run together, which code nothing useful and cost the most.
pub const DEFAULT_MAX_SENTENCE_TOKENS: usize = 200;

/// Configures a [`Coder`].
pub struct CoderBuilder<'d> {
    dicts: &'d Dictionaries,
    strip_datelines: bool,
    max_tokens: usize,
    news_policy: bool,
    places: bool,
    gazetteer: Option<Arc<Gazetteer>>,
    extract: Option<ExtractDicts>,
}

impl<'d> CoderBuilder<'d> {
    /// A builder over `dicts`.
    pub fn new(dicts: &'d Dictionaries) -> Self {
        CoderBuilder { dicts, strip_datelines: true, max_tokens: DEFAULT_MAX_SENTENCE_TOKENS, news_policy: true, places: true, gazetteer: None, extract: None }
    }

    /// Whether to cut a dateline ("MOSCOW, March 3 (Reuters) -") from a document's first
    /// sentence (default true).
    pub fn strip_datelines(&mut self, yes: bool) -> &mut Self {
        self.strip_datelines = yes;
        self
    }

    /// Sentences longer than this many tokens are skipped (default
    /// [`DEFAULT_MAX_SENTENCE_TOKENS`]).
    pub fn max_sentence_tokens(&mut self, n: usize) -> &mut Self {
        self.max_tokens = n.max(1);
        self
    }

    /// Whether to apply entente's news policy (default true): the events that real news showed
    /// to be no interactions of political actors are dropped — regions as actors, a source's own
    /// bare country as target, bare statements (010), companies and people of a country taken
    /// for the country, private actors cooperating with no state organ, sports scores (see
    /// `filter.rs` and `eval/CODING.md`). The PETRARCH validation suites follow PETRARCH's
    /// conventions instead (010 statements, any actor), so `validate` turns it off.
    pub fn news_policy(&mut self, yes: bool) -> &mut Self {
        self.news_policy = yes;
        self
    }

    /// Whether [`Coder::code`] fills each event's place (default true): the first place of its
    /// sentence where something happened (see [`extract::places`]).
    pub fn places(&mut self, yes: bool) -> &mut Self {
        self.places = yes;
        self
    }

    /// The gazetteer places are resolved with (default [`Gazetteer::builtin`]; a user file
    /// extends a copy of it with [`Gazetteer::read`] or [`Gazetteer::load_file`]).
    ///
    /// ```
    /// use entente_coder::{CoderBuilder, Dictionaries, Gazetteer};
    /// use std::sync::Arc;
    ///
    /// let mut g = (*Gazetteer::builtin()).clone();
    /// assert!(g.read("mine.txt", "Atlantis|Poseidonia|city|GRC|36.4|25.4\n").is_empty());
    /// let dicts = Dictionaries::default();
    /// let coder = CoderBuilder::new(&dicts).gazetteer(Arc::new(g)).build().unwrap();
    /// let found = coder.places("Ruins were found near Poseidonia.");
    /// assert_eq!((found[0].name.as_str(), found[0].country.as_deref()), ("Atlantis", Some("GRC")));
    /// ```
    pub fn gazetteer(&mut self, g: Arc<Gazetteer>) -> &mut Self {
        self.gazetteer = Some(g);
        self
    }

    /// The things and themes that [`Coder::extract`] looks for (default
    /// [`ExtractDicts::builtin`]; a user's files are added to it with [`ExtractDicts::load_dir`]).
    pub fn extract_dicts(&mut self, d: ExtractDicts) -> &mut Self {
        self.extract = Some(d);
        self
    }

    /// Compiles the dictionaries into a coder.
    pub fn build(&self) -> Result<Coder> {
        let compiled = Compiled::new(self.dicts);
        let ex = match &self.extract {
            Some(d) => std::sync::Arc::new(extract::things::Extractor::new(d)),
            None => {
                static BUILTIN: std::sync::OnceLock<std::sync::Arc<extract::things::Extractor>> = std::sync::OnceLock::new();
                BUILTIN.get_or_init(|| std::sync::Arc::new(extract::things::Extractor::new(&ExtractDicts::builtin()))).clone()
            }
        };
        Ok(Coder {
            c: compiled,
            strip_datelines: self.strip_datelines,
            max_tokens: self.max_tokens,
            news_policy: self.news_policy,
            places: self.places,
            gazetteer: self.gazetteer.clone().unwrap_or_else(Gazetteer::builtin),
            ex,
        })
    }
}

impl Extraction {
    /// The themes of one sentence: the themes of every event coded from it.
    pub fn sentence_themes(&self, sentence: u32) -> impl Iterator<Item = &ThemeHit> {
        self.themes.iter().filter(move |t| t.sentence == sentence)
    }
}

/// The date on which dated roles are resolved when an extraction has no date (things, candidates
/// and themes do not depend on it: a phrase is in a dictionary whatever its roles).
fn extract_date() -> Date {
    Date { year: 2024, month: 1, day: 1 }
}

/// One thread's analysis and extraction buffers, kept from document to document: allocated and
/// grown again for every document they cost more than the extraction of a short one.
#[derive(Default)]
struct Buffers {
    a: Analysis,
    things: extract::things::Scratch,
    amounts: extract::amounts::Scratch,
}

thread_local! {
    static BUFFERS: std::cell::Cell<Option<Box<Buffers>>> = const { std::cell::Cell::new(None) };
}

/// A raw event with the coder's confidence that it is right.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredEvent {
    /// The event.
    pub raw: RawEvent,
    /// Estimated probability, 0–1, that the event is right at the level of country dyad and
    /// CAMEO root (calibrated on the real-news dev split; see `eval/CODING.md`).
    pub confidence: f32,
    /// The features the confidence was computed from (see [`CONFIDENCE_FEATURES`]).
    pub features: Vec<f32>,
}

pub use confidence::FEATURES as CONFIDENCE_FEATURES;

/// `c` rounded to 3 decimals: the precision `entente code` writes a confidence with (and
/// `--min-confidence` compares against).
pub fn round_confidence(c: f32) -> f32 {
    (c * 1000.0).round() / 1000.0
}

/// Codes documents. `Send + Sync`: share one across threads.
pub struct Coder {
    c: Compiled,
    strip_datelines: bool,
    max_tokens: usize,
    news_policy: bool,
    places: bool,
    gazetteer: Arc<Gazetteer>,
    ex: std::sync::Arc<extract::things::Extractor>,
}

/// The result of coding one document.
#[derive(Debug, Clone, Default)]
pub struct Coded {
    /// Sentences in the document.
    pub sentences: u32,
    /// The events, in sentence order.
    pub events: Vec<Event>,
}

/// An event as the coder found it, before it becomes an [`Event`]: codes as the dictionary
/// wrote them (which may be outside CAMEO, as in the validation suites) and byte spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEvent {
    /// Index of the sentence in the document.
    pub sentence: u32,
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Event code as written in the dictionary.
    pub code: String,
    /// The sentence text the spans point into.
    pub text: String,
    /// Byte spans of source, target and verb in `text`.
    pub spans: Spans,
}

const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Coder>();
};

impl Coder {
    /// Codes one document.
    ///
    /// Each event gets the first place of its sentence where something happened (see
    /// [`Coder::places`]), unless the builder turned places off.
    pub fn code(&self, doc: &Document) -> Coded {
        self.code_inner(doc, None)
    }

    /// Codes one document as [`Coder::code`] does, and returns every place of its sentences
    /// too (events' sentences or not; the same pass over the text, no second analysis): what a
    /// store's places table or a map needs. Empty when the builder turned places off.
    pub fn code_with_places(&self, doc: &Document) -> (Coded, Vec<Place>) {
        let (coded, x) = self.code_with_extraction(doc);
        (coded, x.places)
    }

    fn code_inner(&self, doc: &Document, ex: Option<&mut Extraction>) -> Coded {
        let (sentences, scored) =
            self.each_sentence(&doc.text, doc.date, ex, |a, ev, si, text, places| (scored_event(a, ev, si, text), places.first().cloned()));
        let events = scored
            .into_iter()
            .filter_map(|(s, place)| {
                let e = to_event(&doc.id, doc.date, s.raw)?;
                Some(Event {
                    confidence: Some(s.confidence),
                    place_country: place.as_ref().and_then(|p| p.country.clone()),
                    lat: place.as_ref().map(|p| p.lat),
                    lon: place.as_ref().map(|p| p.lon),
                    place: place.map(|p| p.name),
                    ..e
                })
            })
            .collect();
        Coded { sentences, events }
    }

    /// The places of `text` where the acts its sentences report happened, in sentence order
    /// ([`Place::sentence`] indexes [`Coder::sentences`]; spans are byte ranges into that
    /// sentence, as event spans are). Sentences the coder skips for length are skipped here too;
    /// discards are not applied (see [`Coder::code_with_places`] for the places of what is coded).
    pub fn places(&self, text: &str) -> Vec<Place> {
        let mut a = Analysis::default();
        let mut out = Vec::new();
        let mut doc_countries: Vec<String> = Vec::new();
        for (si, sentence) in self.sentences(text).iter().enumerate() {
            if sentence.len() > self.max_tokens * 40 {
                continue;
            }
            // Any date: only the actors' countries are used, as context.
            a.run(&self.c, sentence, Date::new(2000, 1, 1).expect("valid date"));
            if a.tokens.len() > self.max_tokens {
                continue;
            }
            out.extend(self.step_places(&a, si as u32, sentence, &mut doc_countries));
        }
        out
    }

    /// The gazetteer this coder resolves places with.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The places of one analysed sentence, with the countries of the document's earlier
    /// actors, places and other unambiguous place names as context; then adds this sentence's
    /// to them.
    fn step_places(&self, a: &Analysis, si: u32, text: &str, doc_countries: &mut Vec<String>) -> Vec<Place> {
        let mut out = Vec::new();
        let actors = self.actor_context(a);
        let mut mentioned = Vec::new();
        self.gazetteer.find_noting(text, &a.tokens, &a.up, &actors, doc_countries, si, &mut out, &mut mentioned);
        doc_countries.extend(actors.into_iter().map(str::to_string));
        doc_countries.extend(out.iter().filter_map(|p| p.country.clone()));
        doc_countries.extend(mentioned);
        out
    }

    /// The countries of the sentence's actors, as context for ambiguous place names; an actor
    /// that is itself such a name ("Georgia", coded GEO by the dictionary) is no evidence.
    fn actor_context<'a>(&self, a: &'a Analysis) -> Vec<&'a str> {
        a.actor_countries()
            .into_iter()
            .filter(|&(s, e, _)| !(e == s + 1 && self.gazetteer.is_ambiguous(a.word(s))))
            .map(|(_, _, c)| c)
            .collect()
    }

    /// Codes text into raw events (codes as in the dictionary); returns the sentence count too.
    pub fn code_raw(&self, text: &str, date: Date) -> (u32, Vec<RawEvent>) {
        self.each_event(text, date, |a, ev, si, text, _| raw_event(a, ev, si, text))
    }

    /// Codes text into raw events, each with its [confidence](ScoredEvent::confidence).
    pub fn code_scored(&self, text: &str, date: Date) -> Vec<ScoredEvent> {
        self.each_event(text, date, |a, ev, si, text, _| scored_event(a, ev, si, text)).1
    }

    /// The sentences of `text` as the coder splits them, in order: a sentence index in an
    /// event is an index into this list (a dateline is cut from the first).
    pub fn sentences<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let mut bounds = Vec::new();
        text::split_sentences(text, &mut bounds);
        bounds
            .iter()
            .enumerate()
            .map(|(si, &(s, e))| {
                let sentence = &text[s..e];
                if si == 0 && self.strip_datelines {
                    &sentence[text::dateline_len(sentence)..]
                } else {
                    sentence
                }
            })
            .collect()
    }

    /// The amounts of a document ([`extract::amounts`]): money, percentages, measures and
    /// counts, over the same sentences as [`Coder::sentences`] (sentence indices and spans as
    /// in events).
    pub fn amounts(&self, text: &str) -> Vec<Amount> {
        let mut scratch = extract::amounts::Scratch::default();
        let mut out = Vec::new();
        for (si, s) in self.sentences(text).iter().enumerate() {
            extract::amounts::amounts_into(s, si as u32, &mut scratch, &mut out);
        }
        out
    }

    /// Codes one document and extracts everything else its sentences say in the same pass (one
    /// analysis per sentence): amounts, places, named things, unknown names, themes and quotes.
    /// An item is tied to the events of its sentence by the sentence index
    /// ([`Extraction::events_of`]). A story the discards drop (sports, ...) has no events and no
    /// extraction.
    pub fn code_with_extraction(&self, doc: &Document) -> (Coded, Extraction) {
        let mut x = Extraction::default();
        let coded = self.code_inner(doc, Some(&mut x));
        (coded, x)
    }

    /// Runs the analysis over every sentence and maps each event with `f`; returns the
    /// sentence count too. A whole-story discard codes nothing, not even earlier sentences.
    /// `f` also gets the sentence's places (none when places are off), found with the
    /// document's earlier actors and places as context for ambiguous names.
    fn each_event<T>(&self, text: &str, date: Date, f: impl FnMut(&Analysis, &Ev, u32, &str, &[Place]) -> T) -> (u32, Vec<T>) {
        self.each_sentence(text, date, None, f)
    }

    /// [`each_event`](Self::each_event), extracting amounts, places, things, themes and quotes
    /// into `ex` from the same analysis of each sentence when it is given. A discarded sentence
    /// has none, and a discarded story (sports, ...) nothing at all, as it has no events.
    fn each_sentence<T>(&self, text: &str, date: Date, ex: Option<&mut Extraction>, f: impl FnMut(&Analysis, &Ev, u32, &str, &[Place]) -> T) -> (u32, Vec<T>) {
        // Taken, not borrowed: a nested call on this thread (from `f`) gets fresh buffers.
        let mut buf = BUFFERS.with(|b| b.take()).unwrap_or_default();
        let r = self.each_sentence_in(&mut buf, text, date, ex, f);
        BUFFERS.with(|b| b.set(Some(buf)));
        r
    }

    fn each_sentence_in<T>(
        &self,
        buf: &mut Buffers,
        text: &str,
        date: Date,
        mut ex: Option<&mut Extraction>,
        mut f: impl FnMut(&Analysis, &Ev, u32, &str, &[Place]) -> T,
    ) -> (u32, Vec<T>) {
        let sentences = self.sentences(text);
        let n = sentences.len() as u32;
        let Buffers { a, things: scratch, amounts: amount_scratch } = buf;
        let mut out = Vec::new();
        let sports = self.news_policy && filter::sports_story(text);
        let mut doc_countries: Vec<String> = Vec::new();
        // Surnames are learned per document: the buffers outlive it.
        a.aliases.clear();
        for (si, sentence) in sentences.iter().enumerate() {
            if sentence.len() > self.max_tokens * 40 {
                continue;
            }
            a.run(&self.c, sentence, date);
            a.learn_aliases(&self.c);
            if let Some(d) = a.discard {
                if self.c.discards[d as usize].0 {
                    if let Some(x) = ex {
                        *x = Extraction { sentences: n, ..Extraction::default() };
                    }
                    return (n, Vec::new());
                }
                continue;
            }
            if let Some(x) = ex.as_deref_mut() {
                self.ex.sentence(&self.c, a, si as u32, sentence, scratch, x);
                let before = x.amounts.len();
                extract::amounts::amounts_into(sentence, si as u32, amount_scratch, &mut x.amounts);
                if x.amounts.len() > before {
                    x.amount_sentences.push((si as u32, sentence.to_string()));
                }
            }
            if a.tokens.len() > self.max_tokens {
                continue;
            }
            let places = if self.places { self.step_places(a, si as u32, sentence, &mut doc_countries) } else { Vec::new() };
            for ev in a.events.iter().filter(|e| !self.news_policy || (filter::keep_in(a, sentence, e) && (!sports || filter::keep_in_sports_story(e)))) {
                out.push(f(a, ev, si as u32, sentence, &places));
            }
            if let Some(x) = ex.as_deref_mut() {
                x.places.extend(places);
            }
        }
        if let Some(x) = ex {
            x.sentences = n;
            self.ex.finish(x);
        }
        (n, out)
    }

    /// Named things, unknown names, themes (per sentence and per document) and quotes of `text`,
    /// without coding events; `date` resolves the speakers' dated roles. A story the discards
    /// drop (sports, ...) has none.
    pub fn extract(&self, text: &str, date: Date) -> Extraction {
        let mut x = Extraction::default();
        self.each_sentence(text, date, Some(&mut x), |_, _, _, _, _| ());
        x
    }

    /// The named things of `text` from the things dictionaries, in text order.
    pub fn things(&self, text: &str) -> Vec<ThingMention> {
        self.extract(text, extract_date()).things
    }

    /// The proper names of `text` that no dictionary knows, in text order, with a score.
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        self.extract(text, extract_date()).candidates
    }

    /// The themes of each sentence of `text` (use [`extract`](Self::extract) for the
    /// document's themes too).
    pub fn themes(&self, text: &str) -> Vec<ThemeHit> {
        self.extract(text, extract_date()).themes
    }

    /// The quotations of `text`; `date` resolves the speakers' dated roles.
    pub fn quotes(&self, text: &str, date: Date) -> Vec<Quote> {
        self.extract(text, date).quotes
    }

    /// The themes of the taxonomy the coder assigns, in file order.
    pub fn theme_taxonomy(&self) -> &[Theme] {
        &self.ex.themes
    }

    /// Explains how one sentence is coded, as text for a person to read.
    pub fn explain(&self, sentence: &str, date: Date) -> String {
        self.explanation(sentence, date).to_string()
    }

    /// Explains how one sentence is coded: tokens, phrases with their dictionary lines, verbs,
    /// the pattern that fired, events, and why candidates were rejected.
    pub fn explanation(&self, sentence: &str, date: Date) -> Explanation {
        let mut a = Analysis::default();
        a.run(&self.c, sentence, date);
        let mut x = Explanation::from_analysis(&self.c, &a, sentence, date);
        if self.news_policy {
            let triple = |e: &Ev| (e.source.clone(), e.target.clone(), e.code.clone());
            x.dropped = a.events.iter().filter_map(|e| filter::verdict(&a, sentence, e).err().map(|why| (triple(e), why.to_string()))).collect();
            x.events.retain(|t| !x.dropped.iter().any(|(d, _)| d == t));
        }
        x
    }

    /// Problems met compiling the dictionaries (patterns that cannot match, and why).
    pub fn warnings(&self) -> &[String] {
        &self.c.warnings
    }
}

fn scored_event(a: &Analysis, ev: &Ev, sentence: u32, text: &str) -> ScoredEvent {
    let features = confidence::features(a, ev);
    ScoredEvent { raw: raw_event(a, ev, sentence, text), confidence: confidence::score(&features), features }
}

fn raw_event(a: &Analysis, ev: &Ev, sentence: u32, text: &str) -> RawEvent {
    let span = |(s, e): (usize, usize)| -> Option<(usize, usize)> {
        if s >= e || e > a.tokens.len() {
            return None;
        }
        Some((a.tokens[s].start as usize, a.tokens[e - 1].end as usize))
    };
    RawEvent {
        sentence,
        source: ev.source.clone(),
        target: ev.target.clone(),
        code: ev.code.clone(),
        text: text.to_string(),
        spans: Spans { source: span(ev.source_toks), target: ev.target_toks.and_then(span), verb: span(ev.verb_toks) },
    }
}

/// A raw event as an [`Event`]; `None` when its code is not CAMEO (no root 01–20).
fn to_event(doc_id: &str, date: Date, r: RawEvent) -> Option<Event> {
    if let Some(e) = Event::new(doc_id, r.sentence, date, &r.source, &r.target, &r.code, &r.text, r.spans.clone()) {
        return Some(e);
    }
    // Codes the ontology table lacks (e.g. a 4-digit sub-code) keep their root's figures.
    if !r.code.bytes().all(|b| b.is_ascii_digit()) || !(2..=4).contains(&r.code.len()) {
        return None;
    }
    let quad = entente_core::cameo::quad_class(&r.code)?;
    let root = &r.code[..2];
    let info = entente_core::cameo::lookup(root);
    Some(Event {
        doc_id: doc_id.to_string(),
        sentence: r.sentence,
        date,
        source: r.source,
        target: r.target,
        root: root.to_string(),
        quad_class: quad,
        goldstein: info.map_or(0.0, |i| i.goldstein),
        plover: entente_core::plover::for_cameo(&r.code).map(|p| p.event_type.to_string()).unwrap_or_default(),
        code: r.code,
        text: r.text,
        spans: r.spans,
        confidence: None,
        place: None,
        place_country: None,
        lat: None,
        lon: None,
    })
}
