//! The amount extractor against the hand-annotated set (`eval/amounts.tsv`, annotated blind
//! under `eval/AMOUNTS.md`, text from ../shared/data/news): fails if precision or recall on
//! value + unit falls below the floors on either split (never tune on the test split).
//! Skips loudly while the set file is absent; under `CI=true` a missing ../shared fails.

use entente_coder::eval::{Corpora, Split};
use entente_coder::extract::eval as amounts_eval;
use entente_coder::{CoderBuilder, Dictionaries};
use std::path::PathBuf;

// ---------------------------------------------------------------------------------------
// FLOORS — (precision, recall) on value + unit per sentence, just below the figures reached
// (dev 0.993 / 0.989, test 0.983 / 0.915; issue 10's target is 0.90 / 0.90).
const DEV_FLOOR: (f64, f64) = (0.99, 0.98);
const TEST_FLOOR: (f64, f64) = (0.98, 0.91);
// ---------------------------------------------------------------------------------------

/// ../shared/data/news, or `None` (skipping loudly) when it is absent outside CI.
fn news_dir() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news");
    if p.join("reuters21578.jsonl").exists() {
        return Some(p);
    }
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{} is missing: CI must have ../shared/data", p.display());
    eprintln!("SKIPPING the amounts evaluation: {} not found (../shared/data is absent)", p.display());
    None
}

#[test]
fn amounts_precision_and_recall_hold() {
    let set = amounts_eval::set_path();
    let Ok(text) = std::fs::read_to_string(&set) else {
        eprintln!("SKIPPING the amounts evaluation: {} not found (the annotated set has not landed)", set.display());
        return;
    };
    let Some(news) = news_dir() else { return };
    let (items, errors) = amounts_eval::parse_set(&text);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(!items.is_empty(), "{} holds no items", set.display());
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().unwrap();
    let corpora = Corpora::read(&news).unwrap();
    let report = amounts_eval::run(&coder, &corpora, &items);
    eprintln!("{report}");
    assert!(report.stale.is_empty(), "sentences changed under the set: {:?}", &report.stale[..report.stale.len().min(5)]);
    assert_eq!(report.outcomes.len() + report.unannotated, items.len());
    for (split, floor) in [(Split::Dev, DEV_FLOOR), (Split::Test, TEST_FLOOR)] {
        let c = report.split(split);
        assert!(c.precision() >= floor.0, "{} precision {:.3} fell below {:.3}", split.name(), c.precision(), floor.0);
        assert!(c.recall() >= floor.1, "{} recall {:.3} fell below {:.3}", split.name(), c.recall(), floor.1);
    }
}

#[test]
fn events_and_amounts_come_from_one_pass_and_share_sentence_indices() {
    use entente_core::{Date, Document};
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().unwrap();
    let doc = Document {
        id: "d1".into(),
        date: Date::new(2024, 1, 2).unwrap(),
        text: "MOSCOW, Jan 2 (Reuters) - Russia attacked Iran with 12 drones. The weather was mild.\n\nTrade rose 20 pct to $4.96 billion.".into(),
    };
    let (coded, x) = coder.code_with_extraction(&doc);
    let plain = coder.code(&doc);
    assert_eq!(coded.sentences, plain.sentences);
    assert_eq!(coded.events, plain.events, "extraction must not change the events");
    assert_eq!(x.amounts, coder.amounts(&doc.text));
    let got: Vec<(u32, f64, &str)> = x.amounts.iter().map(|a| (a.sentence, a.value, a.unit.as_str())).collect();
    assert_eq!(got, vec![(0, 12.0, "drone"), (2, 20.0, "%"), (2, 4.96e9, "USD")]);
    // Spans index the sentence as the coder gives it (the dateline cut), like an event's text.
    let sentences = coder.sentences(&doc.text);
    for a in &x.amounts {
        assert_eq!(&sentences[a.sentence as usize][a.span.0..a.span.1], a.text);
    }
    assert_eq!(x.amounts[0].text, "12 drones");
    assert_eq!(x.amounts[0].span.0, "Russia attacked Iran with ".len());
    // The drones belong to the attack coded in their sentence.
    let tied: Vec<&str> = entente_coder::Extraction::events_of(&x.amounts[0], &coded.events).map(|e| e.code.as_str()).collect();
    assert!(!tied.is_empty() && tied.iter().all(|c| c.starts_with("19")), "{tied:?} {:?}", coded.events);
    assert_eq!(x.amounts_in(2).count(), 2);
}
