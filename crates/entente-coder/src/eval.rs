//! The real-news evaluation: a hand-coded set of sentences from news nobody on the team wrote
//! (`eval/realnews.tsv`, coded blind under `eval/CODING.md`), and precision, recall and F1 of
//! the coder against it at three levels.
//!
//! The set stores only pointers into the shared corpora (corpus, document id, sentence index
//! and a hash of the sentence), never their text: [`Corpora`] reads the text back from
//! `../shared/data/news/` and the hash says when it or the sentence splitter changed.

use crate::validate::ratio;
use crate::Coder;
use entente_core::{ActorCode, Date};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// The hand-coded set, as shipped with the coder.
pub const REALNEWS: &str = include_str!("../eval/realnews.tsv");

/// BBC articles carry no date; every one is coded as of this day (the corpus is from 2004–05).
pub const BBC_DATE: &str = "2005-01-01";

/// One of the shared news corpora.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Corpus {
    /// `reuters21578.jsonl`: Reuters newswire, 1987.
    Reuters,
    /// `bbc_articles.jsonl`: BBC News, 2004–05.
    Bbc,
}

impl Corpus {
    /// Both corpora.
    pub const ALL: [Corpus; 2] = [Corpus::Reuters, Corpus::Bbc];

    /// The name used in the set (`reuters`, `bbc`).
    pub fn name(self) -> &'static str {
        match self {
            Corpus::Reuters => "reuters",
            Corpus::Bbc => "bbc",
        }
    }

    /// The file name under the news directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Corpus::Reuters => "reuters21578.jsonl",
            Corpus::Bbc => "bbc_articles.jsonl",
        }
    }

    fn parse(s: &str) -> Option<Corpus> {
        Corpus::ALL.into_iter().find(|c| c.name() == s)
    }
}

/// One news document as `entente code` reads it: the headline, a blank line, the body.
#[derive(Debug, Clone)]
pub struct NewsDoc {
    /// The document id (Reuters' number, BBC's slug).
    pub id: String,
    /// The date dated roles are resolved on.
    pub date: Date,
    /// Headline and body.
    pub text: String,
}

/// An error reading the set or the corpora.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A corpus file cannot be read.
    #[error("{path}: {message}")]
    Corpus {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
}

/// Reads one corpus file. Lines that are not a JSON object with an id (and, for Reuters, a
/// date) are skipped; their 1-based line numbers are the second value.
pub fn read_corpus(dir: &Path, corpus: Corpus) -> Result<(Vec<NewsDoc>, Vec<usize>), EvalError> {
    let path = dir.join(corpus.file_name());
    let text = std::fs::read_to_string(&path).map_err(|e| EvalError::Corpus {
        path: path.clone(),
        message: e.to_string(),
    })?;
    let bbc_date = Date::parse(BBC_DATE).expect("valid constant");
    let mut docs = Vec::new();
    let mut bad = Vec::new();
    for (line_no, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let line_no = line_no + 1;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            bad.push(line_no);
            continue;
        };
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("");
        let id = match corpus {
            Corpus::Reuters => v
                .get("id")
                .map(|x| x.to_string().trim_matches('"').to_string()),
            Corpus::Bbc => v.get("slug").and_then(|x| x.as_str()).map(str::to_string),
        };
        let Some(id) = id.filter(|i| !i.is_empty()) else {
            bad.push(line_no);
            continue;
        };
        let date = match corpus {
            Corpus::Reuters => match field("date").get(..10).and_then(|d| Date::parse(d).ok()) {
                Some(d) => d,
                None => {
                    bad.push(line_no);
                    continue;
                }
            },
            Corpus::Bbc => bbc_date,
        };
        let (title, body) = (field("title").trim_end(), field("body"));
        let text = match (title.is_empty(), body.is_empty()) {
            (false, false) => format!("{title}\n\n{body}"),
            (true, _) => body.to_string(),
            (false, true) => title.to_string(),
        };
        docs.push(NewsDoc { id, date, text });
    }
    Ok((docs, bad))
}

/// Both corpora, indexed by document id.
pub struct Corpora {
    docs: HashMap<(Corpus, String), NewsDoc>,
}

impl Corpora {
    /// Reads both corpora from `dir` (normally `../shared/data/news`).
    pub fn read(dir: &Path) -> Result<Corpora, EvalError> {
        let mut docs = HashMap::new();
        for c in Corpus::ALL {
            for d in read_corpus(dir, c)?.0 {
                docs.insert((c, d.id.clone()), d);
            }
        }
        Ok(Corpora { docs })
    }

    /// The document, if present.
    pub fn get(&self, corpus: Corpus, id: &str) -> Option<&NewsDoc> {
        self.docs.get(&(corpus, id.to_string()))
    }
}

/// FNV-1a, 64 bits: a stable fingerprint of a sentence (not a security hash).
pub fn fnv64(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The hash column of the set: 16 hex digits of [`fnv64`].
pub fn sentence_hash(s: &str) -> String {
    format!("{:016x}", fnv64(s))
}

/// Dev (tune on it) or test (report only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Split {
    /// Tuning.
    Dev,
    /// Held out.
    Test,
}

impl Split {
    /// `dev` or `test`.
    pub fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }

    /// The split of a document: 3 in 10 documents are test, by a hash of corpus and id, so
    /// two sentences of one article never fall on both sides.
    pub fn of(corpus: Corpus, doc: &str) -> Split {
        if fnv64(&format!("{}/{doc}", corpus.name())) % 10 < 3 {
            Split::Test
        } else {
            Split::Dev
        }
    }
}

/// An event as (source, target, code); target `-` when there is none.
pub type Triple = (String, String, String);

/// One hand-coded sentence.
#[derive(Debug, Clone)]
pub struct Item {
    /// The corpus.
    pub corpus: Corpus,
    /// The document id.
    pub doc: String,
    /// Index of the sentence in the document, as the coder splits it.
    pub sentence: u32,
    /// [`sentence_hash`] of the sentence when it was coded.
    pub hash: String,
    /// Dev or test.
    pub split: Split,
    /// How the sampler found it: `coded` (the coder coded it then) or `actor` (it names an
    /// actor and the coder coded nothing).
    pub stratum: String,
    /// The events by hand; `None` while not yet coded (`?`).
    pub gold: Option<Vec<Triple>>,
    /// Line in the set file.
    pub line: usize,
}

impl Item {
    /// `corpus/doc/sentence`.
    pub fn key(&self) -> String {
        format!("{}/{}/{}", self.corpus.name(), self.doc, self.sentence)
    }
}

/// A line of the set that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetError {
    /// Line number, from 1.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for SetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Parses `SOURCE TARGET CODE; ...`, `none`, or `?` (not coded yet).
pub fn parse_events(s: &str) -> Result<Option<Vec<Triple>>, String> {
    let s = s.trim();
    if s == "?" {
        return Ok(None);
    }
    if s == "none" {
        return Ok(Some(Vec::new()));
    }
    let mut out = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let f: Vec<&str> = part.split_whitespace().collect();
        let [src, tgt, code] = f[..] else {
            return Err(format!("`{part}`: expected SOURCE TARGET CODE"));
        };
        ActorCode::parse(src).map_err(|e| format!("`{part}`: {e}"))?;
        if tgt != "-" {
            ActorCode::parse(tgt).map_err(|e| format!("`{part}`: {e}"))?;
        }
        if !(2..=4).contains(&code.len())
            || !code.bytes().all(|b| b.is_ascii_digit())
            || entente_core::cameo::quad_class(code).is_none()
        {
            return Err(format!("`{part}`: `{code}` is not a CAMEO code"));
        }
        out.push((src.to_string(), tgt.to_string(), code.to_string()));
    }
    if out.is_empty() {
        return Err("empty events: write `none`".into());
    }
    Ok(Some(out))
}

/// The pointer columns every hand-coded set shares (`corpus document sentence hash split`, at
/// least five fields): the corpus, the sentence index and the split, which must agree with the
/// document's hash. The error says which column is wrong.
pub fn parse_pointer(f: &[&str]) -> Result<(Corpus, u32, Split), String> {
    let corpus = Corpus::parse(f[0]).ok_or_else(|| format!("unknown corpus `{}`", f[0]))?;
    let sentence = f[2].parse::<u32>().map_err(|_| format!("bad sentence index `{}`", f[2]))?;
    let split = match f[4] {
        "dev" => Split::Dev,
        "test" => Split::Test,
        other => return Err(format!("split `{other}` is neither dev nor test")),
    };
    if split != Split::of(corpus, f[1]) {
        return Err(format!("split `{}` disagrees with the document's hash", f[4]));
    }
    Ok((corpus, sentence, split))
}

/// Reads the set: tab-separated `corpus doc sentence hash split stratum events [note]`.
/// Bad lines are returned with their line numbers; the rest are read.
pub fn parse_set(text: &str) -> (Vec<Item>, Vec<SetError>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |m: String| SetError {
            line: line_no,
            message: m,
        };
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            errors.push(err(format!(
                "expected 7 tab-separated fields, found {}",
                f.len()
            )));
            continue;
        }
        let (corpus, sentence, split) = match parse_pointer(&f) {
            Ok(p) => p,
            Err(m) => {
                errors.push(err(m));
                continue;
            }
        };
        let gold = match parse_events(f[6]) {
            Ok(g) => g,
            Err(m) => {
                errors.push(err(m));
                continue;
            }
        };
        let item = Item {
            corpus,
            doc: f[1].to_string(),
            sentence,
            hash: f[3].to_string(),
            split,
            stratum: f[5].to_string(),
            gold,
            line: line_no,
        };
        if !seen.insert(item.key()) {
            errors.push(err(format!("{} is listed twice", item.key())));
            continue;
        }
        items.push(item);
    }
    (items, errors)
}

/// The unit an event is compared at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// Source country, target country, CAMEO root.
    DyadRoot,
    /// Source country, target country, full CAMEO code.
    DyadCode,
    /// Full source and target actor codes, full CAMEO code.
    Full,
}

impl Level {
    /// The three levels, coarsest first.
    pub const ALL: [Level; 3] = [Level::DyadRoot, Level::DyadCode, Level::Full];

    /// A short label.
    pub fn name(self) -> &'static str {
        match self {
            Level::DyadRoot => "dyad+root",
            Level::DyadCode => "dyad+code",
            Level::Full => "actors+code",
        }
    }

    /// The event as compared at this level.
    pub fn key(self, (s, t, c): &Triple) -> Triple {
        match self {
            Level::DyadRoot => (
                principal(s),
                principal(t),
                c.get(..2).unwrap_or(c).to_string(),
            ),
            Level::DyadCode => (principal(s), principal(t), c.clone()),
            Level::Full => (s.clone(), t.clone(), c.clone()),
        }
    }
}

/// The country of an actor code, or for an IGO or group its first two segments (`IGOUNO`),
/// or `-` for no actor.
pub fn principal(code: &str) -> String {
    if code.is_empty() || code == "-" {
        return "-".into();
    }
    match ActorCode::parse(code) {
        Ok(a) => match a.country() {
            Some(c) => c.to_string(),
            None => code.get(..6).unwrap_or(code).to_string(),
        },
        Err(_) => code.to_string(),
    }
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Coded and in the gold set.
    pub tp: usize,
    /// Coded, not in the gold set.
    pub fp: usize,
    /// In the gold set, not coded.
    pub fn_: usize,
}

impl Counts {
    /// tp / (tp + fp); 0 when nothing was coded.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// tp / (tp + fn); 0 when the gold set is empty.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}


/// Compares coded with gold events of one sentence at one level (sets: duplicates count once).
pub fn compare(level: Level, gold: &[Triple], coded: &[Triple]) -> Counts {
    let g: HashSet<Triple> = gold.iter().map(|t| level.key(t)).collect();
    let c: HashSet<Triple> = coded.iter().map(|t| level.key(t)).collect();
    let tp = g.intersection(&c).count();
    Counts {
        tp,
        fp: c.len() - tp,
        fn_: g.len() - tp,
    }
}

/// One evaluated sentence.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The set's item.
    pub item: Item,
    /// The sentence text (from the shared corpus).
    pub text: String,
    /// The document date.
    pub date: Date,
    /// The gold events.
    pub gold: Vec<Triple>,
    /// What the coder coded for this sentence.
    pub coded: Vec<Triple>,
    /// Confidence of each coded event, in the same order.
    pub confidence: Vec<f32>,
}

impl Outcome {
    /// True when coded and gold agree at `level`.
    pub fn agrees(&self, level: Level) -> bool {
        let c = compare(level, &self.gold, &self.coded);
        c.fp == 0 && c.fn_ == 0
    }
}

/// Counts per (split, corpus) and level.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every evaluated sentence.
    pub outcomes: Vec<Outcome>,
    /// Items whose document or sentence is gone, or whose hash changed: (key, reason).
    pub stale: Vec<(String, String)>,
    /// Items not yet coded by hand.
    pub uncoded: usize,
}

impl Report {
    /// Counts at `level` over the outcomes that pass `keep`.
    pub fn counts(&self, level: Level, keep: impl Fn(&Outcome) -> bool) -> Counts {
        let mut c = Counts::default();
        for o in self.outcomes.iter().filter(|o| keep(o)) {
            c.add(compare(level, &o.gold, &o.coded));
        }
        c
    }

    /// Counts at `level` for one split (all corpora).
    pub fn split(&self, split: Split, level: Level) -> Counts {
        self.counts(level, |o| o.item.split == split)
    }

    /// The report with coded events below confidence `min` left out (what `code
    /// --min-confidence` and the guide's threshold do).
    pub fn with_min_confidence(&self, min: f32) -> Report {
        let mut r = self.clone();
        for o in &mut r.outcomes {
            let keep: Vec<bool> = o.confidence.iter().map(|&p| p >= min).collect();
            let mut i = 0;
            o.coded.retain(|_| (keep[i], i += 1).0);
            o.confidence.retain(|&p| p >= min);
        }
        r
    }

    /// Sentences per (split, corpus).
    pub fn sentences(&self) -> BTreeMap<(Split, Corpus), usize> {
        let mut m = BTreeMap::new();
        for o in &self.outcomes {
            *m.entry((o.item.split, o.item.corpus)).or_insert(0) += 1;
        }
        m
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<6} {:<8} {:>5}  {:<12} {:>9} {:>7} {:>6}   (tp/fp/fn)",
            "split", "corpus", "sents", "level", "precision", "recall", "F1"
        )?;
        for split in [Split::Dev, Split::Test] {
            let rows: Vec<(String, Option<Corpus>)> = std::iter::once(("all".to_string(), None))
                .chain(
                    Corpus::ALL
                        .into_iter()
                        .map(|c| (c.name().to_string(), Some(c))),
                )
                .collect();
            for (name, corpus) in rows {
                let keep = |o: &Outcome| {
                    o.item.split == split && corpus.is_none_or(|c| o.item.corpus == c)
                };
                let n = self.outcomes.iter().filter(|o| keep(o)).count();
                if n == 0 {
                    continue;
                }
                for level in Level::ALL {
                    let c = self.counts(level, keep);
                    writeln!(
                        f,
                        "{:<6} {:<8} {:>5}  {:<12} {:>9.3} {:>7.3} {:>6.3}   ({}/{}/{})",
                        split.name(),
                        name,
                        n,
                        level.name(),
                        c.precision(),
                        c.recall(),
                        c.f1(),
                        c.tp,
                        c.fp,
                        c.fn_
                    )?;
                }
            }
        }
        if !self.stale.is_empty() {
            writeln!(
                f,
                "{} items skipped: their text changed or is missing (first: {} — {})",
                self.stale.len(),
                self.stale[0].0,
                self.stale[0].1
            )?;
        }
        if self.uncoded > 0 {
            writeln!(f, "{} items not yet coded by hand (`?`)", self.uncoded)?;
        }
        Ok(())
    }
}

/// A document's sentences and scored events, coded once however many of its sentences are in the set.
type DocCache<'a> = HashMap<(Corpus, &'a str), (Vec<String>, Vec<crate::ScoredEvent>)>;

/// Codes every hand-coded item's document and compares the events of its sentence.
pub fn run(coder: &Coder, corpora: &Corpora, items: &[Item]) -> Report {
    let mut report = Report::default();
    let mut cache: DocCache = HashMap::new();
    for item in items {
        let Some(gold) = &item.gold else {
            report.uncoded += 1;
            continue;
        };
        let Some(doc) = corpora.get(item.corpus, &item.doc) else {
            report
                .stale
                .push((item.key(), "document not in the corpus".into()));
            continue;
        };
        let (sentences, events) = cache
            .entry((item.corpus, item.doc.as_str()))
            .or_insert_with(|| {
                let sentences = coder
                    .sentences(&doc.text)
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                (sentences, coder.code_scored(&doc.text, doc.date))
            });
        let Some(text) = sentences.get(item.sentence as usize) else {
            report
                .stale
                .push((item.key(), "sentence index past the document's end".into()));
            continue;
        };
        if sentence_hash(text) != item.hash {
            report.stale.push((
                item.key(),
                format!(
                    "hash {} != {} (text or sentence splitter changed)",
                    sentence_hash(text),
                    item.hash
                ),
            ));
            continue;
        }
        let mine: Vec<&crate::ScoredEvent> = events
            .iter()
            .filter(|e| e.raw.sentence == item.sentence)
            .collect();
        let coded = mine
            .iter()
            .map(|e| {
                (
                    e.raw.source.clone(),
                    if e.raw.target.is_empty() {
                        "-".into()
                    } else {
                        e.raw.target.clone()
                    },
                    e.raw.code.clone(),
                )
            })
            .collect();
        let confidence = mine.iter().map(|e| e.confidence).collect();
        report.outcomes.push(Outcome {
            item: item.clone(),
            text: text.clone(),
            date: doc.date,
            gold: gold.clone(),
            coded,
            confidence,
        });
    }
    report
}

/// How a new set is drawn (see [`sample`]).
#[derive(Debug, Clone, Copy)]
pub struct SampleConfig {
    /// Seed of the random draw.
    pub seed: u64,
    /// Sentences per corpus and stratum.
    pub per_stratum: usize,
}

/// A small, seeded generator (SplitMix64): the draw must be the same on every machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// Is this sentence prose worth coding by hand: 6 to 80 words, mostly letters, and at least
/// one lower-case word (not a headline in capitals or a table row)?
pub fn is_prose(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let visible = s.chars().filter(|c| !c.is_whitespace()).count().max(1);
    (6..=80).contains(&words)
        && letters * 10 >= visible * 6
        && s.split_whitespace()
            .any(|w| w.chars().all(|c| c.is_lowercase()))
}

/// Draws a new set from `docs` of one corpus: the coder codes every document; a prose
/// sentence ([`is_prose`]) is `coded` when it gets an event and `actor` when it names an actor
/// but gets none. Per stratum, one candidate is drawn per document, the documents are
/// shuffled and the first `per_stratum` kept; so no document gives more than one sentence to a
/// stratum. Items come back uncoded (`?`), in a random order.
pub fn sample(coder: &Coder, corpus: Corpus, docs: &[NewsDoc], cfg: SampleConfig) -> Vec<Item> {
    let mut rng = SplitMix(cfg.seed ^ fnv64(corpus.name()));
    let mut pools: [Vec<(usize, u32)>; 2] = [Vec::new(), Vec::new()];
    for (di, doc) in docs.iter().enumerate() {
        let sentences = coder.sentences(&doc.text);
        let coded: HashSet<u32> = coder
            .code_raw(&doc.text, doc.date)
            .1
            .iter()
            .map(|e| e.sentence)
            .collect();
        let mut cands: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        for (si, s) in sentences.iter().enumerate() {
            let si = si as u32;
            if !is_prose(s) {
                continue;
            }
            if coded.contains(&si) {
                cands[0].push(si);
            } else if coder
                .explanation(s, doc.date)
                .phrases
                .iter()
                .any(|p| p.kind == "actor")
            {
                cands[1].push(si);
            }
        }
        for (k, c) in cands.iter().enumerate() {
            if !c.is_empty() {
                pools[k].push((di, c[rng.below(c.len())]));
            }
        }
    }
    let mut items = Vec::new();
    for (k, pool) in pools.iter_mut().enumerate() {
        rng.shuffle(pool);
        for &(di, si) in pool.iter().take(cfg.per_stratum) {
            let doc = &docs[di];
            let text = coder.sentences(&doc.text)[si as usize];
            items.push(Item {
                corpus,
                doc: doc.id.clone(),
                sentence: si,
                hash: sentence_hash(text),
                split: Split::of(corpus, &doc.id),
                stratum: if k == 0 { "coded" } else { "actor" }.to_string(),
                gold: None,
                line: 0,
            });
        }
    }
    rng.shuffle(&mut items);
    items
}

/// Draws up to `n` prose sentences ([`is_prose`]) of one corpus that `keep` accepts, at most one
/// per document, seeded like [`sample`]: the draw behind the extraction sets (amounts, places),
/// whose sentences are chosen by what they contain, not by what the coder makes of them.
pub fn draw(coder: &Coder, corpus: Corpus, docs: &[NewsDoc], seed: u64, n: usize, stratum: &str, keep: impl Fn(&str) -> bool) -> Vec<Item> {
    let mut rng = SplitMix(seed ^ fnv64(corpus.name()) ^ fnv64(stratum));
    let mut pool: Vec<(usize, u32)> = Vec::new();
    for (di, doc) in docs.iter().enumerate() {
        let cands: Vec<u32> = coder
            .sentences(&doc.text)
            .iter()
            .enumerate()
            .filter(|(_, s)| is_prose(s) && keep(s))
            .map(|(si, _)| si as u32)
            .collect();
        if !cands.is_empty() {
            pool.push((di, cands[rng.below(cands.len())]));
        }
    }
    rng.shuffle(&mut pool);
    pool.into_iter()
        .take(n)
        .map(|(di, si)| {
            let doc = &docs[di];
            let text = coder.sentences(&doc.text)[si as usize];
            Item {
                corpus,
                doc: doc.id.clone(),
                sentence: si,
                hash: sentence_hash(text),
                split: Split::of(corpus, &doc.id),
                stratum: stratum.to_string(),
                gold: None,
                line: 0,
            }
        })
        .collect()
}

/// Formats events for the set's events column.
pub fn format_events(events: &[Triple]) -> String {
    if events.is_empty() {
        return "none".into();
    }
    events
        .iter()
        .map(|(s, t, c)| format!("{s} {t} {c}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One line of the set for `item`.
pub fn format_item(item: &Item) -> String {
    let events = item
        .gold
        .as_deref()
        .map_or_else(|| "?".to_string(), format_events);
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
        item.corpus.name(),
        item.doc,
        item.sentence,
        item.hash,
        item.split.name(),
        item.stratum,
        events
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str, g: &str, c: &str) -> Triple {
        (s.into(), g.into(), c.into())
    }

    #[test]
    fn levels_compare_what_they_say() {
        let gold = vec![t("USAGOV", "JPN", "163")];
        let coded = vec![t("USA", "JPNGOV", "1631")];
        assert_eq!(
            compare(Level::DyadRoot, &gold, &coded),
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            compare(Level::DyadCode, &gold, &coded),
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            compare(Level::Full, &gold, &[t("USAGOV", "JPN", "163")]).tp,
            1
        );
        // A reversed dyad is wrong at every level.
        assert_eq!(
            compare(Level::DyadRoot, &gold, &[t("JPN", "USA", "163")]),
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        // IGOs keep their organisation; agents alone are no country.
        assert_eq!(principal("IGOUNOPKO"), "IGOUNO");
        assert_eq!(principal("RUSMILGOV"), "RUS");
        assert_eq!(principal("-"), "-");
    }

    #[test]
    fn a_confidence_threshold_drops_only_events_below_it() {
        let item = parse_set(&format!("bbc\tx\t1\th\t{}\tcoded\tRUS IRN 057\n", Split::of(Corpus::Bbc, "x").name())).0.remove(0);
        let o = Outcome {
            item,
            text: String::new(),
            date: Date::parse("2005-01-01").unwrap(),
            gold: vec![t("RUS", "IRN", "057")],
            coded: vec![t("RUS", "IRN", "057"), t("IRN", "RUS", "190")],
            confidence: vec![0.6, 0.1],
        };
        let r = Report { outcomes: vec![o], ..Report::default() };
        let kept = r.with_min_confidence(0.5);
        assert_eq!(kept.outcomes[0].coded, vec![t("RUS", "IRN", "057")]);
        assert_eq!(kept.outcomes[0].confidence, vec![0.6]);
        assert_eq!(kept.counts(Level::DyadRoot, |_| true), Counts { tp: 1, fp: 0, fn_: 0 });
        assert_eq!(r.counts(Level::DyadRoot, |_| true), Counts { tp: 1, fp: 1, fn_: 0 });
    }

    #[test]
    fn bad_corpus_lines_are_named_and_the_rest_is_read() {
        let dir = std::env::temp_dir().join(format!("entente-eval-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let lines = [
            r#"{"id": 1, "date": "1987-02-26T15:01:01", "title": "T", "body": "Japan protested."}"#,
            "not json",
            r#"{"id": 2, "title": "no date"}"#,
            "",
            r#"{"id": 3, "date": "1987-03-01", "body": "Iran attacked Iraq."}"#,
        ];
        std::fs::write(dir.join(Corpus::Reuters.file_name()), lines.join("\n")).unwrap();
        let (docs, bad) = read_corpus(&dir, Corpus::Reuters).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["1", "3"]);
        assert_eq!(docs[0].text, "T\n\nJapan protested.");
        assert_eq!(bad, [2, 3]);
    }

    #[test]
    fn counts_give_precision_recall_f1() {
        let c = Counts {
            tp: 3,
            fp: 1,
            fn_: 2,
        };
        assert!((c.precision() - 0.75).abs() < 1e-9);
        assert!((c.recall() - 0.6).abs() < 1e-9);
        assert!((c.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn set_lines_parse_and_bad_ones_are_named() {
        let dev_doc = (0..100)
            .map(|i| i.to_string())
            .find(|d| Split::of(Corpus::Reuters, d) == Split::Dev)
            .unwrap();
        let text = format!(
            "# comment\nreuters\t{dev_doc}\t2\tabc\tdev\tcoded\tUSA JPN 163; JPN - 141\nreuters\t{dev_doc}\t3\tabc\tdev\tactor\tnone\n\
             bbc\tx\t1\th\tdev\tcoded\tUSA JPN 999\nreuters\t{dev_doc}\t2\tabc\tdev\tcoded\tnone\nfoo\t1\t1\th\tdev\tcoded\tnone\n"
        );
        let (items, errors) = parse_set(&text);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].gold.as_ref().unwrap()[1], t("JPN", "-", "141"));
        assert_eq!(items[1].gold, Some(vec![]));
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![4, 5, 6], "{errors:?}");
        assert!(errors[1].message.contains("twice"));
    }

    #[test]
    fn split_is_by_document_and_about_three_in_ten() {
        let test = (0..10_000)
            .filter(|i| Split::of(Corpus::Reuters, &i.to_string()) == Split::Test)
            .count();
        assert!((2_700..3_300).contains(&test), "{test}");
    }

    #[test]
    fn prose_filter_drops_tables_and_headlines() {
        assert!(is_prose(
            "Japan agreed on Friday to open its rice market to U.S. exports."
        ));
        assert!(!is_prose(
            "Shr 1.20 dlrs vs 1.10 dlrs Net 4,500,000 vs 3,900,000"
        ));
        assert!(!is_prose(
            "U.S. TRADE DEFICIT WIDENS IN JANUARY SAYS COMMERCE DEPARTMENT"
        ));
        assert!(!is_prose("Too short here."));
    }

    #[test]
    fn the_draw_is_fixed_by_the_seed() {
        let mut a = SplitMix(7);
        let mut b = SplitMix(7);
        let x: Vec<u64> = (0..4).map(|_| a.next()).collect();
        assert_eq!(x, (0..4).map(|_| b.next()).collect::<Vec<_>>());
        assert_ne!(x[0], SplitMix(8).next());
    }
}
