//! The amount extractor against the hand-annotated set (`eval/amounts.tsv`, annotated blind
//! under `eval/AMOUNTS.md`, text from ../shared/data/news): fails if precision or recall on
//! value + unit falls below the floors on either split (never tune on the test split).
//! Skips loudly while the set file is absent; under `CI=true` a missing ../shared fails.

use entente_coder::eval::{Corpora, Split};
use entente_coder::extract::eval as amounts_eval;
use entente_coder::{CoderBuilder, Dictionaries};
use std::path::PathBuf;

// ---------------------------------------------------------------------------------------
// FLOORS — (precision, recall) on value + unit per sentence. PLACEHOLDERS: the lead sets
// them from the first measurement when amounts.tsv lands (issue 10's target is 0.90 / 0.90).
const DEV_FLOOR: (f64, f64) = (0.0, 0.0);
const TEST_FLOOR: (f64, f64) = (0.0, 0.0);
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
