//! Careless and hostile input files: a byte-order mark, empty files and archives, archives of
//! several members, files whose first rows are all malformed, GDELT rows of no known layout.
//! Every row here is invented for the test.

use entente_store::{Format, IngestOptions, QueryOptions, Store};
use std::path::Path;

/// A GDELT 2.0 row (61 columns) with event id `id`, Russia → Iran, code 057, 24 Oct 2018.
fn gdelt_v2(id: u64) -> String {
    let mut f = vec![String::new(); 61];
    f[0] = id.to_string();
    f[1] = "20181024".into();
    f[5] = "RUSGOV".into();
    f[7] = "RUS".into();
    f[15] = "IRNGOV".into();
    f[17] = "IRN".into();
    f[25] = "1".into();
    f[26] = "057".into();
    f[27] = "057".into();
    f[28] = "05".into();
    f[29] = "1".into();
    f[30] = "8.0".into();
    f[31] = "3".into();
    f[59] = "20181024143000".into();
    f[60] = format!("https://news.example.invalid/{id}");
    f.join("\t")
}

/// A GDELT 1.0 daily-file row (58 columns).
fn gdelt_v1(id: u64) -> String {
    let mut f = vec![String::new(); 58];
    f[0] = id.to_string();
    f[1] = "20151207".into();
    f[5] = "RUSGOV".into();
    f[7] = "RUS".into();
    f[15] = "IRNGOV".into();
    f[17] = "IRN".into();
    f[25] = "1".into();
    f[26] = "057".into();
    f[29] = "1".into();
    f[30] = "8.0".into();
    f[56] = "20151207".into();
    f[57] = format!("https://news.example.invalid/{id}");
    f.join("\t")
}

/// A coded event as `entente code` writes it.
fn coded(doc: &str) -> String {
    let e = entente_core::Event::new(
        doc,
        0,
        "2019-03-01".parse().unwrap(),
        "RUSGOV",
        "IRNGOV",
        "0841",
        "Russia released the Iranian sailors.",
        Default::default(),
    )
    .unwrap();
    serde_json::to_string(&e).unwrap()
}

const ICEWS_HEADER: &str = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude";

fn icews_row(id: u64) -> String {
    format!(
        "{id}\t2018-10-01\tRussia\tGovernment\tRussian Federation\tMake statement\t10\t0.0\tIran\tGovernment\tIran\t1\t1\tX\t\t\t\tRussian Federation\t55.0\t37.0"
    )
}

fn ingest(store: &mut Store, format: Format, path: &Path) -> entente_store::Result<entente_store::ImportReport> {
    store.ingest_file(format, path, &IngestOptions { threads: 2, ..Default::default() })
}

fn count(store: &Store, sql: &str) -> String {
    let r = store.sql(sql, &QueryOptions::default()).unwrap();
    entente_store::arrow::util::pretty::pretty_format_batches(&r.batches).unwrap().to_string()
}

const BOM: &str = "\u{feff}";

/// A byte-order mark before the first row loses no row, in every format.
#[test]
fn a_byte_order_mark_is_stripped_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(Format, String, u64)> = vec![
        (Format::Gdelt, format!("{BOM}{}\n{}\n", gdelt_v2(1), gdelt_v2(2)), 2),
        (Format::Gdelt, format!("{BOM}{}\n{}\n", gdelt_v1(3), gdelt_v1(4)), 2),
        (Format::Events, format!("{BOM}{}\n{}\n", coded("a"), coded("b")), 2),
        (Format::Icews, format!("{BOM}{ICEWS_HEADER}\n{}\n", icews_row(5)), 1),
        (Format::Icews, format!("{BOM}{}\n{}\n", icews_row(6), icews_row(7)), 2),
    ];
    for (i, (format, text, rows)) in cases.into_iter().enumerate() {
        let mut store = Store::open(dir.path().join(format!("s{i}"))).unwrap();
        let path = dir.path().join(format!("in{i}.txt"));
        std::fs::write(&path, &text).unwrap();
        let r = ingest(&mut store, format, &path).unwrap_or_else(|e| panic!("case {i}: {e}"));
        assert_eq!(
            (r.record.rows_read, r.record.rows_stored, r.record.rows_rejected),
            (rows, rows, 0),
            "case {i} ({format:?}): {:?}",
            r.rejects
        );
        // The first row's line is still 1 (or 2 after a header).
        let first = count(&store, "SELECT min(line) AS l FROM events");
        assert!(first.contains("| 1 ") || first.contains("| 2 "), "case {i}: {first}");
    }
}
