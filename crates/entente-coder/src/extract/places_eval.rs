//! Place resolution against a hand-annotated set (`eval/places.tsv`, annotated blind under
//! `eval/PLACES.md`): of the annotated event places, the share the resolver finds in the right
//! country (recall), and of the places it finds, the share that are annotated (precision), per
//! split and corpus. Also: `exact`, the share of sentences got exactly right (every annotated
//! place found and nothing else, `none` sentences included), and `country`, a looser recall
//! that counts an annotated place when its country is among those found in its sentence,
//! whatever the name.
//!
//! The set's lines are `corpus document sentence hash split places` (tab-separated, `#`
//! comments; the places are the last field, so a draw's extra `stratum` column is allowed),
//! where `places` is `none`, `?` (not annotated yet) or `NAME=ISO3` items separated by `;`, with
//! `-` for a place in no single country. As in the real-news set, the text is read back from
//! `../shared/data/news/` ([`Corpora`]) and the hash says when it changed.
//!
//! **When a found place matches an annotated one**: the countries agree (both `-` agrees) and
//! the names overlap loosely: after lower-casing, dropping a leading "the" and everything but
//! letters, digits and spaces, one of the annotated name and the found place's name (as written,
//! or the gazetteer's) contains the other, or they share a word of four letters or more ("Gulf"
//! for "the Persian Gulf", "Anbar" for "Anbar province"). Each annotated place matches at most
//! one found place and the other way round (greedily, in sentence order).

use crate::eval::{sentence_hash, Corpora, Corpus, SetError, Split};
use crate::extract::places::Place;
use crate::Coder;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

/// One annotated place: the name as the sentence writes it, and its country (`None` for `-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldPlace {
    /// The name as written.
    pub name: String,
    /// ISO 3166-1 alpha-3, or `None` for a place in no single country.
    pub country: Option<String>,
}

/// One annotated sentence.
#[derive(Debug, Clone)]
pub struct PlaceItem {
    /// The corpus.
    pub corpus: Corpus,
    /// The document id.
    pub doc: String,
    /// Index of the sentence in the document, as the coder splits it.
    pub sentence: u32,
    /// [`sentence_hash`] of the sentence when it was annotated.
    pub hash: String,
    /// Dev or test.
    pub split: Split,
    /// The event places; `None` while not yet annotated (`?`).
    pub gold: Option<Vec<GoldPlace>>,
    /// Line in the set file.
    pub line: usize,
}

impl PlaceItem {
    /// `corpus/doc/sentence`.
    pub fn key(&self) -> String {
        format!("{}/{}/{}", self.corpus.name(), self.doc, self.sentence)
    }
}

/// Parses the places field: `none`, `?`, or `NAME=ISO3; NAME=-; ...`.
pub fn parse_places(s: &str) -> Result<Option<Vec<GoldPlace>>, String> {
    let s = s.trim();
    if s == "?" {
        return Ok(None);
    }
    if s.eq_ignore_ascii_case("none") || s.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let mut out = Vec::new();
    for item in s.split(';').map(str::trim).filter(|i| !i.is_empty()) {
        let Some((name, country)) = item.rsplit_once('=') else {
            return Err(format!("place `{item}` is not NAME=ISO3"));
        };
        let (name, country) = (name.trim(), country.trim());
        if name.is_empty() {
            return Err(format!("place `{item}` has no name"));
        }
        let country = match country {
            "-" => None,
            c if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => Some(c.to_string()),
            c => return Err(format!("country `{c}` of `{name}` is neither an ISO3 code nor `-`")),
        };
        out.push(GoldPlace { name: name.to_string(), country });
    }
    Ok(Some(out))
}

/// Parses a places set; lines that cannot be read are returned, naming their line.
pub fn parse_set(text: &str) -> (Vec<PlaceItem>, Vec<SetError>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| SetError { line: line_no, message };
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 6 {
            errors.push(err(format!("expected 6 tab-separated fields (corpus document sentence hash split places), found {}", f.len())));
            continue;
        }
        let (corpus, sentence, split) = match crate::eval::parse_pointer(&f) {
            Ok(p) => p,
            Err(m) => {
                errors.push(err(m));
                continue;
            }
        };
        let gold = match parse_places(f[f.len() - 1]) {
            Ok(g) => g,
            Err(m) => {
                errors.push(err(m));
                continue;
            }
        };
        let item = PlaceItem { corpus, doc: f[1].to_string(), sentence, hash: f[3].to_string(), split, gold, line: line_no };
        if !seen.insert(item.key()) {
            errors.push(err(format!("{} is listed twice", item.key())));
            continue;
        }
        items.push(item);
    }
    (items, errors)
}

/// A name reduced for loose comparison: lower case, no leading "the", letters, digits, spaces.
fn norm(s: &str) -> String {
    let s: String = s.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
}

/// Do two names overlap loosely (see the module documentation)?
pub fn names_overlap(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.contains(&b) || b.contains(&a) {
        return true;
    }
    let words: HashSet<&str> = a.split(' ').filter(|w| w.chars().count() >= 4).collect();
    b.split(' ').any(|w| words.contains(w))
}

/// Does a found place match an annotated one: same country, names overlapping loosely?
pub fn place_matches(gold: &GoldPlace, found: &Place) -> bool {
    gold.country == found.country && (names_overlap(&gold.name, &found.text) || names_overlap(&gold.name, &found.name))
}

/// Greedy one-to-one matching: for each annotated place, in order, the first unmatched found
/// place that matches it. Returns which annotated and which found places matched.
pub fn align(gold: &[GoldPlace], found: &[Place]) -> (Vec<bool>, Vec<bool>) {
    let mut g_hit = vec![false; gold.len()];
    let mut f_hit = vec![false; found.len()];
    for (gi, g) in gold.iter().enumerate() {
        if let Some(fi) = (0..found.len()).find(|&fi| !f_hit[fi] && place_matches(g, &found[fi])) {
            g_hit[gi] = true;
            f_hit[fi] = true;
        }
    }
    (g_hit, f_hit)
}

/// One annotated sentence and what the resolver made of it.
#[derive(Debug, Clone)]
pub struct PlaceOutcome {
    /// The item.
    pub item: PlaceItem,
    /// The sentence.
    pub text: String,
    /// The annotated places.
    pub gold: Vec<GoldPlace>,
    /// The places found.
    pub found: Vec<Place>,
    /// Which annotated places were found.
    pub gold_hit: Vec<bool>,
    /// Which found places are annotated.
    pub found_hit: Vec<bool>,
}

impl PlaceOutcome {
    /// Whether the resolver got the sentence exactly right.
    pub fn correct(&self) -> bool {
        self.gold_hit.iter().all(|&h| h) && self.found_hit.iter().all(|&h| h)
    }
}

/// Counts over a set of outcomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlaceCounts {
    /// Annotated places.
    pub gold: usize,
    /// Annotated places found (right country, names overlapping).
    pub gold_hit: usize,
    /// Places found.
    pub found: usize,
    /// Places found that are annotated.
    pub found_hit: usize,
    /// Annotated places whose country is among the countries found in their sentence
    /// (whatever the name): a looser, country-only recall.
    pub country_hit: usize,
    /// Sentences.
    pub sentences: usize,
    /// Sentences got exactly right.
    pub correct: usize,
}

impl PlaceCounts {
    /// Of the annotated places, the share found in the right country.
    pub fn recall(&self) -> f64 {
        ratio(self.gold_hit, self.gold)
    }
    /// Of the places found, the share annotated.
    pub fn precision(&self) -> f64 {
        ratio(self.found_hit, self.found)
    }
    /// Of the annotated places, the share whose country is among those found in the sentence.
    pub fn country_recall(&self) -> f64 {
        ratio(self.country_hit, self.gold)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The resolver over a set.
#[derive(Debug, Clone, Default)]
pub struct PlaceReport {
    /// One per annotated sentence whose text was found unchanged.
    pub outcomes: Vec<PlaceOutcome>,
    /// Items skipped: key and why (document missing, sentence changed).
    pub stale: Vec<(String, String)>,
    /// Items not annotated yet (`?`).
    pub unannotated: usize,
}

impl PlaceReport {
    /// Counts over the outcomes `keep` accepts.
    pub fn counts(&self, keep: impl Fn(&PlaceOutcome) -> bool) -> PlaceCounts {
        let mut c = PlaceCounts::default();
        for o in self.outcomes.iter().filter(|o| keep(o)) {
            c.sentences += 1;
            c.correct += usize::from(o.correct());
            c.gold += o.gold.len();
            c.gold_hit += o.gold_hit.iter().filter(|&&h| h).count();
            c.found += o.found.len();
            c.found_hit += o.found_hit.iter().filter(|&&h| h).count();
            let countries: BTreeSet<Option<&str>> = o.found.iter().map(|p| p.country.as_deref()).collect();
            c.country_hit += o.gold.iter().filter(|g| countries.contains(&g.country.as_deref())).count();
        }
        c
    }

    /// Counts of one split.
    pub fn split(&self, split: Split) -> PlaceCounts {
        self.counts(|o| o.item.split == split)
    }
}

impl fmt::Display for PlaceReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<6} {:<8} {:>5} {:>6} {:>7} {:>9} {:>8}   (annotated found/annotated, found annotated/found)", "split", "corpus", "sents", "exact", "recall", "precision", "country")?;
        for split in [Split::Dev, Split::Test] {
            for corpus in [None, Some(Corpus::Reuters), Some(Corpus::Bbc)] {
                let c = self.counts(|o| o.item.split == split && corpus.is_none_or(|c| o.item.corpus == c));
                if c.sentences == 0 {
                    continue;
                }
                writeln!(
                    f,
                    "{:<6} {:<8} {:>5} {:>6.3} {:>7.3} {:>9.3} {:>8.3}   ({}/{}, {}/{})",
                    split.name(),
                    corpus.map_or("all", Corpus::name),
                    c.sentences,
                    ratio(c.correct, c.sentences),
                    c.recall(),
                    c.precision(),
                    c.country_recall(),
                    c.gold_hit,
                    c.gold,
                    c.found_hit,
                    c.found
                )?;
            }
        }
        if !self.stale.is_empty() {
            writeln!(f, "{} items skipped: their text changed or is missing (first: {} — {})", self.stale.len(), self.stale[0].0, self.stale[0].1)?;
        }
        if self.unannotated > 0 {
            writeln!(f, "{} items not yet annotated (`?`)", self.unannotated)?;
        }
        Ok(())
    }
}

/// Formats places as the set's places field (`none`, or `NAME=ISO3; ...`).
pub fn format_places(places: &[Place]) -> String {
    if places.is_empty() {
        return "none".into();
    }
    places.iter().map(|p| format!("{}={}", p.text.split_whitespace().collect::<Vec<_>>().join(" "), p.country.as_deref().unwrap_or("-"))).collect::<Vec<_>>().join("; ")
}

/// Formats annotated places as the set writes them.
pub fn format_gold(places: &[GoldPlace]) -> String {
    if places.is_empty() {
        return "none".into();
    }
    places.iter().map(|p| format!("{}={}", p.name, p.country.as_deref().unwrap_or("-"))).collect::<Vec<_>>().join("; ")
}

/// Resolves the places of every annotated sentence (its document's text from `corpora`, split
/// as the coder splits it, the hash checked) and compares them with the annotation.
pub fn run(coder: &Coder, corpora: &Corpora, items: &[PlaceItem]) -> PlaceReport {
    let mut report = PlaceReport::default();
    let mut cache: HashMap<(Corpus, &str), (Vec<String>, Vec<Place>)> = HashMap::new();
    for item in items {
        let Some(gold) = &item.gold else {
            report.unannotated += 1;
            continue;
        };
        let Some(doc) = corpora.get(item.corpus, &item.doc) else {
            report.stale.push((item.key(), "document not in the corpus".into()));
            continue;
        };
        let (sentences, places) = cache.entry((item.corpus, item.doc.as_str())).or_insert_with(|| {
            (coder.sentences(&doc.text).into_iter().map(str::to_string).collect(), coder.places(&doc.text))
        });
        let Some(text) = sentences.get(item.sentence as usize) else {
            report.stale.push((item.key(), "sentence index past the document's end".into()));
            continue;
        };
        if sentence_hash(text) != item.hash {
            report.stale.push((item.key(), format!("hash {} != {} (text or sentence splitter changed)", sentence_hash(text), item.hash)));
            continue;
        }
        let found: Vec<Place> = places.iter().filter(|p| p.sentence == item.sentence).cloned().collect();
        let (gold_hit, found_hit) = align(gold, &found);
        report.outcomes.push(PlaceOutcome { item: item.clone(), text: text.to_string(), gold: gold.clone(), found, gold_hit, found_hit });
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::places::PlaceKind;

    fn found(text: &str, name: &str, country: Option<&str>) -> Place {
        Place {
            sentence: 0,
            span: (0, text.len()),
            char_span: (0, text.chars().count()),
            text: text.into(),
            name: name.into(),
            country: country.map(str::to_string),
            lat: 0.0,
            lon: 0.0,
            kind: PlaceKind::City,
        }
    }

    fn gold(name: &str, country: Option<&str>) -> GoldPlace {
        GoldPlace { name: name.into(), country: country.map(str::to_string) }
    }

    #[test]
    fn places_field_parses_and_bad_items_are_named() {
        assert_eq!(parse_places("none").unwrap(), Some(vec![]));
        assert_eq!(parse_places("?").unwrap(), None);
        assert_eq!(
            parse_places("Crimea=UKR; Caspian Sea=-").unwrap().unwrap(),
            vec![gold("Crimea", Some("UKR")), gold("Caspian Sea", None)]
        );
        assert!(parse_places("Crimea").unwrap_err().contains("NAME=ISO3"));
        assert!(parse_places("Crimea=Ukraine").unwrap_err().contains("Ukraine"));
        assert!(parse_places("=RUS").is_err());
    }

    #[test]
    fn set_lines_parse_with_or_without_a_stratum_column() {
        let doc = (0..100).map(|i| i.to_string()).find(|d| Split::of(Corpus::Reuters, d) == Split::Dev).unwrap();
        let text = format!(
            "# c\nreuters\t{doc}\t2\th\tdev\tBasra=IRQ\nreuters\t{doc}\t3\th\tdev\tplaces\tnone\nreuters\t{doc}\t2\th\tdev\tnone\nreuters\t{doc}\t4\th\ttest\tnone\nbbc\tx\t1\th\n"
        );
        let (items, errors) = parse_set(&text);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].gold, Some(vec![gold("Basra", Some("IRQ"))]));
        assert_eq!(items[1].gold, Some(vec![]));
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![4, 5, 6], "{errors:?}");
    }

    #[test]
    fn a_match_needs_the_country_and_a_loose_name_overlap() {
        // The article, case and a longer written form do not matter.
        assert!(place_matches(&gold("the Gulf", None), &found("Gulf", "Persian Gulf", None)));
        assert!(place_matches(&gold("Anbar province", Some("IRQ")), &found("Anbar", "Anbar", Some("IRQ"))));
        assert!(place_matches(&gold("Kiev", Some("UKR")), &found("Kiev", "Kyiv", Some("UKR"))));
        // The wrong country is a miss, whatever the name.
        assert!(!place_matches(&gold("Georgia", Some("USA")), &found("Georgia", "Georgia", Some("GEO"))));
        // Another place of the same country is a miss too.
        assert!(!place_matches(&gold("Basra", Some("IRQ")), &found("Iraq", "Iraq", Some("IRQ"))));
        // Short shared words ("New") do not make an overlap.
        assert!(!names_overlap("New York", "New Delhi"));
    }

    #[test]
    fn alignment_is_one_to_one() {
        let g = vec![gold("Basra", Some("IRQ")), gold("Basra", Some("IRQ"))];
        let f = vec![found("Basra", "Basra", Some("IRQ"))];
        assert_eq!(align(&g, &f), (vec![true, false], vec![true]));
        let f = vec![found("Iraq", "Iraq", Some("IRQ")), found("Basra", "Basra", Some("IRQ"))];
        assert_eq!(align(&g[..1], &f), (vec![true], vec![false, true]));
    }
}
