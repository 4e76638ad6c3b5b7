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
