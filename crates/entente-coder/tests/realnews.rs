//! The coder against the hand-coded real-news set (`eval/realnews.tsv`, text from
//! ../shared/data/news): fails if precision or recall at the country dyad + root level falls
//! below the best reached so far on either split (the floors below; raise them as the coder
//! improves, never tune on the test split).

use entente_coder::eval::{self, Corpora, Level, Split};
use entente_coder::{CoderBuilder, Dictionaries};
use entente_core::testdata::shared_data;
use std::path::{Path, PathBuf};

/// (precision, recall) at dyad + root, best so far, per split.
const DEV_FLOOR: (f64, f64) = (0.53, 0.39);
const TEST_FLOOR: (f64, f64) = (0.37, 0.30);

/// ../shared/data/news with both corpora, or `None` (skipping loudly) when absent outside CI.
fn news_dir() -> Option<PathBuf> {
    let reuters = shared_data("news/reuters21578.jsonl")?;
    shared_data("news/bbc_articles.jsonl")?;
    reuters.parent().map(Path::to_path_buf)
}

#[test]
fn the_set_reads_cleanly_and_is_split_once() {
    let (items, errors) = eval::parse_set(eval::REALNEWS);
    assert!(errors.is_empty(), "{errors:?}");
    let dev = items.iter().filter(|i| i.split == Split::Dev).count();
    let test = items.iter().filter(|i| i.split == Split::Test).count();
    assert!(dev >= 700 && test >= 300, "dev {dev}, test {test}");
    assert!(items.iter().all(|i| i.gold.is_some()), "every sentence is coded by hand");
}

#[test]
fn real_news_precision_and_recall_hold() {
    let Some(news) = news_dir() else { return };
    let (items, _) = eval::parse_set(eval::REALNEWS);
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().unwrap();
    let corpora = Corpora::read(&news).unwrap();
    let report = eval::run(&coder, &corpora, &items);
    eprintln!("{report}");
    assert!(report.stale.is_empty(), "sentences changed under the set: {:?}", &report.stale[..report.stale.len().min(5)]);
    assert_eq!(report.outcomes.len(), items.len());
    for (split, floor) in [(Split::Dev, DEV_FLOOR), (Split::Test, TEST_FLOOR)] {
        let c = report.split(split, Level::DyadRoot);
        assert!(c.precision() >= floor.0, "{} precision {:.3} fell below {:.3}", split.name(), c.precision(), floor.0);
        assert!(c.recall() >= floor.1, "{} recall {:.3} fell below {:.3}", split.name(), c.recall(), floor.1);
    }
}
