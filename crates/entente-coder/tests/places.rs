//! The place resolver against the hand-annotated places set (`eval/places.tsv`, annotated blind
//! under `eval/PLACES.md`, text from ../shared/data/news): fails if recall (annotated places
//! found in the right country) or precision (places found that are annotated) falls below the
//! floors below on either split. Raise them as the resolver improves; never tune on test.
//!
//! Skips loudly when the set is not there yet; under `CI=true`, ../shared must be present.

use entente_coder::eval::{Corpora, Split};
use entente_coder::extract::places_eval;
use entente_coder::{CoderBuilder, Dictionaries};
use entente_core::{Date, Document};
use std::path::PathBuf;

// Floors: (recall, precision) per split, just below the figures measured with
// `cargo run -p entente-coder --example places` on the set of two draws (650 sentences: dev
// 0.857 / 0.888, test 0.742 / 0.767; rules tuned on dev only). The issue's target is recall
// >= 0.85 (event places resolved to the right country).
const DEV_FLOOR: (f64, f64) = (0.85, 0.88);
const TEST_FLOOR: (f64, f64) = (0.74, 0.76);

fn set_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("eval/places.tsv")
}

/// ../shared/data/news, or `None` (skipping loudly) when it is absent outside CI.
fn news_dir() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news");
    if p.join("reuters21578.jsonl").exists() {
        return Some(p);
    }
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{} is missing: CI must have ../shared/data", p.display());
    eprintln!("SKIPPING the places evaluation: {} not found (../shared/data is absent)", p.display());
    None
}

#[test]
fn places_recall_and_precision_hold() {
    let Ok(text) = std::fs::read_to_string(set_path()) else {
        eprintln!("SKIPPING the places evaluation: {} does not exist yet", set_path().display());
        return;
    };
    let (items, errors) = places_eval::parse_set(&text);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(items.len() >= 200, "the set has {} sentences; the issue asks for at least 200", items.len());
    let Some(news) = news_dir() else { return };
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().unwrap();
    let corpora = Corpora::read(&news).unwrap();
    let report = places_eval::run(&coder, &corpora, &items);
    eprintln!("{report}");
    assert!(report.stale.is_empty(), "sentences changed under the set: {:?}", &report.stale[..report.stale.len().min(5)]);
    for (split, floor) in [(Split::Dev, DEV_FLOOR), (Split::Test, TEST_FLOOR)] {
        let c = report.split(split);
        assert!(c.recall() >= floor.0, "{} recall {:.3} fell below {:.3}", split.name(), c.recall(), floor.0);
        assert!(c.precision() >= floor.1, "{} precision {:.3} fell below {:.3}", split.name(), c.precision(), floor.1);
    }
}

#[test]
fn coded_events_carry_their_sentences_first_place() {
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().unwrap();
    let doc = Document {
        id: "d".into(),
        date: Date::new(2024, 5, 1).unwrap(),
        text: "Russia attacked Ukraine near Donetsk and in Crimea. Iran criticized Israel.".into(),
    };
    let coded = coder.code(&doc);
    let first = coded.events.iter().find(|e| e.sentence == 0).expect("an event in sentence 0");
    assert_eq!((first.place.as_deref(), first.place_country.as_deref()), (Some("Donetsk"), Some("UKR")));
    assert!(first.lat.is_some_and(|l| (l - 48.0).abs() < 1.0) && first.lon.is_some_and(|l| (l - 37.8).abs() < 1.0));
    let second = coded.events.iter().find(|e| e.sentence == 1).expect("an event in sentence 1");
    assert_eq!((second.place.as_deref(), second.lat), (None, None));
    // The places of the text, as Coder::places gives them, agree.
    let places = coder.places(&doc.text);
    assert_eq!(places.iter().map(|p| (p.sentence, p.name.as_str())).collect::<Vec<_>>(), vec![(0, "Donetsk"), (0, "Crimea")]);
    // code_with_places gives the same events and every sentence's places, in one pass.
    let (again, all) = coder.code_with_places(&doc);
    assert_eq!(again.events, coded.events);
    assert_eq!(all, places);
    // Turned off, no event has a place.
    let off = CoderBuilder::new(&dicts).places(false).build().unwrap();
    assert!(off.code(&doc).events.iter().all(|e| e.place.is_none() && e.place_country.is_none()));
}

#[test]
fn an_ambiguous_name_coded_as_an_actor_is_no_context_for_itself() {
    // The dictionary codes "Georgia" GEO; Florida says which Georgia this is.
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().unwrap();
    let found = coder.places("Sun Banks in Florida and Trust Co banks in Georgia raised their prime rate.");
    assert_eq!(found.iter().map(|p| (p.text.as_str(), p.country.as_deref())).collect::<Vec<_>>(), vec![("Florida", Some("USA")), ("Georgia", Some("USA"))]);
    // The document's earlier places too, in Coder::places and in the events' places alike; a
    // name that is no event place ("customers in LaFayette, Ga.": their home) counts as well.
    let text = "Walker has 7,600 customers in LaFayette, Ga. The Georgia unit will grow. Storms hit Walker's lines in northeast Georgia.";
    assert_eq!(coder.places(text).last().and_then(|p| p.country.as_deref()), Some("USA"));
    let found = coder.places("Russian troops clashed with Georgian forces in Georgia.");
    assert_eq!(found.iter().map(|p| p.country.as_deref()).collect::<Vec<_>>(), vec![Some("GEO")]);
}

#[test]
fn events_read_from_json_without_places_and_round_trip_with_them() {
    let old = r#"{"doc_id":"d","sentence":0,"date":"2024-05-01","source":"RUS","target":"UKR","code":"190","root":"19","quad_class":4,"goldstein":-10.0,"plover":"ASSAULT","text":"x","spans":{"source":null,"target":null,"verb":null}}"#;
    let e: entente_core::Event = serde_json::from_str(old).unwrap();
    assert_eq!((&e.place, &e.place_country, e.lat, e.lon), (&None, &None, None, None));
    let with = entente_core::Event { place: Some("Crimea".into()), place_country: Some("UKR".into()), lat: Some(45.3), lon: Some(34.4), ..e.clone() };
    let json = serde_json::to_string(&with).unwrap();
    assert!(json.contains(r#""place":"Crimea""#) && json.contains(r#""place_country":"UKR""#), "{json}");
    assert_eq!(serde_json::from_str::<entente_core::Event>(&json).unwrap(), with);
    assert!(!serde_json::to_string(&e).unwrap().contains("place"), "no place fields when there is no place");
}
