//! The fixture the server tests share: a few coded events between Russia and Iran (one with a
//! script tag in its text) and between the US and China, stored in a temporary directory.
#![allow(dead_code)]

use entente_core::Event;
use std::path::Path;

/// News text that must never become markup.
pub const SCRIPT: &str = "Iran said <script>alert(1)</script> & \"quoted\" nothing.";

/// (doc, date, source, target, code, text)
pub const FIXTURE: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("https://news.example/1", "2022-01-10", "RUSGOV", "IRNGOV", "036", "Russia said it wants to meet Iran."),
    ("https://news.example/2", "2022-01-20", "IRNGOV", "RUSGOV", "0841", "Iran released Russian sailors."),
    ("doc-3", "2022-03-05", "RUSMIL", "IRNMIL", "061", "Russian and Iranian navies held joint drills."),
    ("doc-4", "2022-03-09", "IRNGOV", "RUSGOV", "111", SCRIPT),
    ("javascript:alert(2)", "2022-06-01", "RUSGOV", "IRNGOV", "172", "Russia imposed restrictions on Iranian firms."),
    ("doc-6", "2023-02-14", "IRNGOV", "RUSGOV", "042", "Iran's president visited Moscow."),
    ("doc-7", "2023-12-31", "RUSGOV", "IRNGOV", "0841", "Russia returned the Iranian crew."),
    ("doc-8", "2022-05-05", "USAGOV", "CHNGOV", "112", "The US accused China of espionage."),
    ("doc-9", "2022-05-06", "CHNGOV", "USAGOV", "036", "China offered talks with the US."),
    ("doc-10", "2024-01-01", "RUSGOV", "IRNGOV", "036", "Outside the period."),
];

/// The coder's confidence of `doc-6`, the only fixture event that has one (the others stand for
/// events without, as GDELT's and ICEWS's are).
pub const DOC6_CONFIDENCE: f32 = 0.25;

/// The fixture's events.
pub fn events() -> Vec<Event> {
    FIXTURE
        .iter()
        .enumerate()
        .map(|(i, (doc, date, s, t, code, text))| {
            let date = date.parse().unwrap();
            let e = Event::new(doc, i as u32, date, s, t, code, text, Default::default()).unwrap();
            Event { confidence: (*doc == "doc-6").then_some(DOC6_CONFIDENCE), ..e }
        })
        .collect()
}

/// Stores `events` in a store at `dir`.
pub fn store(dir: &Path, events: Vec<Event>) {
    let mut store = entente_store::Store::open(dir).unwrap();
    store.ingest_events("fixture", events).unwrap();
}

/// A place name that must never become markup.
pub const HOSTILE_PLACE: &str = "<script>alert(1)</script>";
/// A theme id that must never become markup (a user's dictionary may hold anything).
pub const HOSTILE_THEME: &str = "<img src=x onerror=alert(3)>";

/// (doc, date, source, target, code, place: (name, country, lat, lon))
type Placed = (&'static str, &'static str, &'static str, &'static str, &'static str, Option<(&'static str, &'static str, f64, f64)>);

/// Coded events with places, for the themes and the map. `t-2` has two events in one sentence
/// (its themes count once); `t-6` is another pair's.
pub const PLACED: &[Placed] = &[
    ("t-1", "2022-01-10", "RUSMIL", "IRNMIL", "061", Some(("Bandar Abbas", "IRN", 27.18, 56.27))),
    ("t-2", "2022-02-10", "IRNGOV", "RUSGOV", "036", Some(("Tehran", "IRN", 35.69, 51.39))),
    ("t-2", "2022-02-10", "RUSGOV", "IRNGOV", "036", Some(("Tehran", "IRN", 35.69, 51.39))),
    ("t-3", "2022-06-01", "RUSGOV", "IRNGOV", "0841", Some((HOSTILE_PLACE, "IRN", 30.0, 50.0))),
    // Tehran again, to more decimals: the same place on the map (coordinates to 0.01°).
    ("t-4", "2022-09-01", "RUSMIL", "IRNMIL", "061", Some(("Tehran", "IRN", 35.6912, 51.3889))),
    ("t-5", "2022-10-01", "RUSGOV", "IRNGOV", "042", None),
    ("t-6", "2022-05-05", "USAGOV", "CHNGOV", "112", Some(("Beijing", "CHN", 39.9, 116.4))),
];

/// (doc, sentence, theme, domain): themes of the placed events' sentences (sentence 0), one of a
/// sentence that gave no event (`t-1` sentence 3, never counted for the pair) and one of
/// another pair's sentence.
pub const THEMES: &[(&str, u32, &str, &str)] = &[
    ("t-1", 0, "military.drones", "military"),
    ("t-3", 0, "military.drones", "military"),
    ("t-4", 0, "military.drones", "military"),
    ("t-5", 0, "military.drones", "military"),
    ("t-1", 0, "economic.trade", "economic"),
    ("t-2", 0, "economic.trade", "economic"),
    ("t-5", 0, HOSTILE_THEME, "diplomatic"),
    ("t-1", 3, "military.navies", "military"),
    ("t-6", 0, "military.espionage", "military"),
];

/// The placed events and their themes.
pub fn placed() -> (Vec<Event>, entente_core::extract::Extracts) {
    let date = |doc: &str| PLACED.iter().find(|p| p.0 == doc).map(|p| p.1.parse().unwrap()).unwrap();
    let events = PLACED
        .iter()
        .map(|(doc, d, s, t, code, place)| {
            let text = format!("Sentence of {doc}: {s} and {t}.");
            let e = Event::new(doc, 0, d.parse().unwrap(), s, t, code, &text, Default::default()).unwrap();
            match place {
                Some((name, country, lat, lon)) => Event {
                    place: Some(name.to_string()),
                    place_country: Some(country.to_string()),
                    lat: Some(*lat),
                    lon: Some(*lon),
                    ..e
                },
                None => e,
            }
        })
        .collect();
    let themes = THEMES
        .iter()
        .map(|(doc, sentence, theme, domain)| entente_core::extract::ThemeRow {
            doc_id: doc.to_string(),
            date: date(doc),
            sentence: *sentence,
            theme: theme.to_string(),
            domain: domain.to_string(),
            cue: String::new(),
        })
        .collect();
    (events, entente_core::extract::Extracts { themes, ..Default::default() })
}

/// Stores the placed events and their themes in the store at `dir`, as one import.
pub fn store_placed(dir: &Path) {
    let (events, extracts) = placed();
    let mut store = entente_store::Store::open(dir).unwrap();
    let r = store.ingest_coded("placed", events, &extracts).unwrap();
    assert_eq!(r.rejects.len(), 0, "{:?}", r.rejects);
}
