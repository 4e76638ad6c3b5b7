//! The amounts evaluation: a hand-annotated set of real news sentences (`eval/amounts.tsv`,
//! annotated blind under `eval/AMOUNTS.md`) and precision, recall and F1 of the extractor on
//! (value, unit) per sentence.
//!
//! Like the real-news coding set, the file keeps pointers (corpus, document, sentence index,
//! [`sentence_hash`]) and the annotations, never the text: [`run`] reads the sentences back
//! through [`Corpora`] and [`Coder::sentences`], and names the items whose text changed.

use crate::eval::{sentence_hash, Corpora, Corpus, Counts, SetError, Split};
use crate::extract::Amount;
use crate::Coder;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;

/// Where the set lives in the source tree (it may not exist yet).
pub fn set_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("eval/amounts.tsv")
}

/// A gold amount: value and unit.
pub type Gold = (f64, String);

/// One annotated sentence.
#[derive(Debug, Clone)]
pub struct AmountItem {
    /// The corpus.
    pub corpus: Corpus,
    /// The document id.
    pub doc: String,
    /// Index of the sentence in the document, as the coder splits it.
    pub sentence: u32,
    /// [`sentence_hash`] of the sentence when it was drawn.
    pub hash: String,
    /// Dev or test.
    pub split: Split,
    /// The amounts by hand, in text order; `None` while not yet annotated (`?`).
    pub gold: Option<Vec<Gold>>,
    /// Line in the set file.
    pub line: usize,
}

impl AmountItem {
    /// `corpus/doc/sentence`.
    pub fn key(&self) -> String {
        format!("{}/{}/{}", self.corpus.name(), self.doc, self.sentence)
    }
}

/// Parses the amounts column: `none`, `?` (not annotated yet) or `VALUE UNIT; ...`.
pub fn parse_amounts(s: &str) -> Result<Option<Vec<Gold>>, String> {
    let s = s.trim();
    match s {
        "?" => return Ok(None),
        "none" => return Ok(Some(Vec::new())),
        _ => {}
    }
    let mut out = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let mut f = part.split_whitespace();
        let (Some(v), Some(u), None) = (f.next(), f.next(), f.next()) else {
            return Err(format!("`{part}`: expected VALUE UNIT"));
        };
        let value: f64 = v.parse().map_err(|_| format!("`{part}`: `{v}` is not a number"))?;
        if !value.is_finite() {
            return Err(format!("`{part}`: `{v}` is not finite"));
        }
        out.push((value, u.to_string()));
    }
    if out.is_empty() {
        return Err("empty amounts: write `none`".into());
    }
    Ok(Some(out))
}

/// Reads the set: tab-separated `corpus document sentence hash split amounts [note]`, `#`
/// comments. Bad lines are returned with their line numbers; the rest are read.
pub fn parse_set(text: &str) -> (Vec<AmountItem>, Vec<SetError>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |m: String| SetError { line: line_no, message: m };
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 6 {
            errors.push(err(format!("expected 6 tab-separated fields, found {}", f.len())));
            continue;
        }
        let (corpus, sentence, split) = match crate::eval::parse_pointer(&f) {
            Ok(p) => p,
            Err(m) => {
                errors.push(err(m));
                continue;
            }
        };
        let gold = match parse_amounts(f[5]) {
            Ok(g) => g,
            Err(m) => {
                errors.push(err(m));
                continue;
            }
        };
        let item = AmountItem { corpus, doc: f[1].to_string(), sentence, hash: f[3].to_string(), split, gold, line: line_no };
        if !seen.insert(item.key()) {
            errors.push(err(format!("{} is listed twice", item.key())));
            continue;
        }
        items.push(item);
    }
    (items, errors)
}

/// Whether two values are equal within a relative 1e-6.
pub fn same_value(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-6 * a.abs().max(b.abs())
}

/// Compares found with gold amounts of one sentence as multisets of (value, unit): each found
/// amount matches at most one gold amount with the same unit and the same value.
pub fn compare(gold: &[Gold], found: &[Gold]) -> Counts {
    let mut used = vec![false; gold.len()];
    let mut tp = 0;
    for (v, u) in found {
        if let Some(g) = gold.iter().enumerate().position(|(gi, (gv, gu))| !used[gi] && gu == u && same_value(*gv, *v)) {
            used[g] = true;
            tp += 1;
        }
    }
    Counts { tp, fp: found.len() - tp, fn_: gold.len() - tp }
}

/// One evaluated sentence.
#[derive(Debug, Clone)]
pub struct AmountOutcome {
    /// The set's item.
    pub item: AmountItem,
    /// The sentence (from the shared corpus).
    pub text: String,
    /// The gold amounts.
    pub gold: Vec<Gold>,
    /// What the extractor found.
    pub found: Vec<Amount>,
}

impl AmountOutcome {
    /// The found amounts as (value, unit).
    pub fn found_pairs(&self) -> Vec<Gold> {
        self.found.iter().map(|a| (a.value, a.unit.clone())).collect()
    }

    /// Counts for this sentence.
    pub fn counts(&self) -> Counts {
        compare(&self.gold, &self.found_pairs())
    }
}

/// Counts per split and corpus.
#[derive(Debug, Clone, Default)]
pub struct AmountReport {
    /// Every evaluated sentence.
    pub outcomes: Vec<AmountOutcome>,
    /// Items whose document or sentence is gone, or whose hash changed: (key, reason).
    pub stale: Vec<(String, String)>,
    /// Items not yet annotated (`?`).
    pub unannotated: usize,
}

impl AmountReport {
    /// Summed counts over the outcomes that pass `keep`.
    pub fn counts(&self, keep: impl Fn(&AmountOutcome) -> bool) -> Counts {
        let mut c = Counts::default();
        for o in self.outcomes.iter().filter(|o| keep(o)) {
            let x = o.counts();
            c.tp += x.tp;
            c.fp += x.fp;
            c.fn_ += x.fn_;
        }
        c
    }

    /// Counts for one split (both corpora).
    pub fn split(&self, split: Split) -> Counts {
        self.counts(|o| o.item.split == split)
    }

    /// Sentences per (split, corpus).
    pub fn sentences(&self) -> BTreeMap<(Split, Corpus), usize> {
        let mut m = BTreeMap::new();
        for o in &self.outcomes {
            *m.entry((o.item.split, o.item.corpus)).or_insert(0) += 1;
        }
        m
    }

    /// The sentences of `split` where found and gold differ, for a person to read.
    pub fn failures(&self, split: Split) -> Failures<'_> {
        Failures { report: self, split }
    }
}

fn format_gold(g: &[Gold]) -> String {
    if g.is_empty() {
        return "none".into();
    }
    g.iter().map(|(v, u)| format!("{v} {u}")).collect::<Vec<_>>().join("; ")
}

impl fmt::Display for AmountReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<6} {:<8} {:>5}  {:>9} {:>7} {:>6}   (tp/fp/fn)   value + unit per sentence", "split", "corpus", "sents", "precision", "recall", "F1")?;
        for split in [Split::Dev, Split::Test] {
            for corpus in [None, Some(Corpus::Reuters), Some(Corpus::Bbc)] {
                let keep = |o: &AmountOutcome| o.item.split == split && corpus.is_none_or(|c| o.item.corpus == c);
                let n = self.outcomes.iter().filter(|o| keep(o)).count();
                if n == 0 {
                    continue;
                }
                let c = self.counts(keep);
                let name = corpus.map_or("all", Corpus::name);
                writeln!(f, "{:<6} {:<8} {:>5}  {:>9.3} {:>7.3} {:>6.3}   ({}/{}/{})", split.name(), name, n, c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn_)?;
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

/// The failures of one split ([`AmountReport::failures`]).
pub struct Failures<'r> {
    report: &'r AmountReport,
    split: Split,
}

impl fmt::Display for Failures<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for o in self.report.outcomes.iter().filter(|o| o.item.split == self.split) {
            let c = o.counts();
            if c.fp == 0 && c.fn_ == 0 {
                continue;
            }
            writeln!(f, "{} (line {}): {}", o.item.key(), o.item.line, o.text.split_whitespace().collect::<Vec<_>>().join(" "))?;
            writeln!(f, "  gold:  {}", format_gold(&o.gold))?;
            let found: Vec<String> = o.found.iter().map(|a| format!("{} {} [{}]", a.value, a.unit, a.text)).collect();
            writeln!(f, "  found: {}", if found.is_empty() { "none".to_string() } else { found.join("; ") })?;
        }
        Ok(())
    }
}

/// Runs the extractor on every annotated sentence and compares.
pub fn run(coder: &Coder, corpora: &Corpora, items: &[AmountItem]) -> AmountReport {
    let mut report = AmountReport::default();
    let mut cache: HashMap<(Corpus, &str), Vec<String>> = HashMap::new();
    let mut scratch = crate::extract::amounts::Scratch::default();
    for item in items {
        let Some(gold) = &item.gold else {
            report.unannotated += 1;
            continue;
        };
        let Some(doc) = corpora.get(item.corpus, &item.doc) else {
            report.stale.push((item.key(), "document not in the corpus".into()));
            continue;
        };
        let sentences = cache.entry((item.corpus, item.doc.as_str())).or_insert_with(|| coder.sentences(&doc.text).into_iter().map(str::to_string).collect());
        let Some(text) = sentences.get(item.sentence as usize) else {
            report.stale.push((item.key(), "sentence index past the document's end".into()));
            continue;
        };
        if sentence_hash(text) != item.hash {
            report.stale.push((item.key(), format!("hash {} != {} (text or sentence splitter changed)", sentence_hash(text), item.hash)));
            continue;
        }
        let mut found = Vec::new();
        crate::extract::amounts::amounts_into(text, item.sentence, &mut scratch, &mut found);
        report.outcomes.push(AmountOutcome { item: item.clone(), text: text.clone(), gold: gold.clone(), found });
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_in(split: Split) -> String {
        (0..100).map(|i| i.to_string()).find(|d| Split::of(Corpus::Reuters, d) == split).unwrap()
    }

    #[test]
    fn set_lines_parse_and_bad_ones_are_named() {
        let dev = doc_in(Split::Dev);
        let test = doc_in(Split::Test);
        let text = format!(
            "# comment\nreuters\t{dev}\t2\tabc\tdev\t4960000000 USD; 20 %\nreuters\t{dev}\t3\tabc\tdev\tnone\nreuters\t{test}\t1\tabc\ttest\t?\n\
             reuters\t{dev}\t4\tabc\ttest\tnone\nreuters\t{dev}\t2\tabc\tdev\tnone\nreuters\t{dev}\t5\tabc\tdev\t12 pct extra\nreuters\t{dev}\t6\tabc\tdev\n"
        );
        let (items, errors) = parse_set(&text);
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].gold.as_ref().unwrap(), &vec![(4.96e9, "USD".to_string()), (20.0, "%".to_string())]);
        assert_eq!(items[1].gold, Some(vec![]));
        assert_eq!(items[2].gold, None);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![5, 6, 7, 8], "{errors:?}");
        assert!(errors[1].message.contains("twice"));
    }

    #[test]
    fn comparison_is_per_value_and_unit_within_a_millionth() {
        let g = |v: f64, u: &str| (v, u.to_string());
        let gold = vec![g(4.96e9, "USD"), g(20.0, "%"), g(20.0, "%")];
        // 4960000000.000001 is the same value; a 20 % found once matches one of two.
        let c = compare(&gold, &[g(4.96 * 1e9, "USD"), g(20.0, "%"), g(20.0, "pp")]);
        assert_eq!(c, Counts { tp: 2, fp: 1, fn_: 1 });
        assert!(same_value(33.333333, 100.0 / 3.0));
        assert!(!same_value(33.3, 100.0 / 3.0));
        assert_eq!(compare(&[], &[]), Counts::default());
    }
}
