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

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    w.write_all(data).unwrap();
    w.finish().unwrap()
}

/// A zip archive of `(name, contents)`; a name ending in `/` is a folder.
fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in members {
        if let Some(dir) = name.strip_suffix('/') {
            w.add_directory(dir, opts).unwrap();
        } else {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

/// Inputs without a data row import nothing: no import record, no new generation, no file.
#[test]
fn empty_inputs_import_nothing_and_leave_the_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("store");
    let mut store = Store::open(&root).unwrap();
    // One real import first, so that "unchanged" means something.
    let first = dir.path().join("first.csv");
    std::fs::write(&first, gdelt_v2(1) + "\n").unwrap();
    ingest(&mut store, Format::Gdelt, &first).unwrap();
    let before = std::fs::read(root.join("manifest.json")).unwrap();
    let generation = store.manifest().generation;

    let cases: Vec<(&str, Format, Vec<u8>)> = vec![
        ("zero.csv", Format::Gdelt, vec![]),
        ("zero.jsonl", Format::Events, vec![]),
        ("zero.tab", Format::Icews, vec![]),
        ("zero.mentions.csv", Format::GdeltMentions, vec![]),
        ("blank.csv", Format::Gdelt, b"\n\r\n  \n".to_vec()),
        ("bom-only.csv", Format::Gdelt, "\u{feff}".as_bytes().to_vec()),
        ("header-only.tab", Format::Icews, format!("{ICEWS_HEADER}\n").into_bytes()),
        ("empty.csv.gz", Format::Gdelt, gzip(b"")),
        ("folder.zip", Format::Gdelt, zip(&[("export/", b"")])),
        ("nothing.zip", Format::Gdelt, zip(&[])),
        ("empty-member.zip", Format::Gdelt, zip(&[("a.CSV", b"")])),
    ];
    for (name, format, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let r = ingest(&mut store, format, &path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(r.empty && !r.already_imported, "{name}: {r:?}");
        assert_eq!(r.record.rows_read, 0, "{name}");
        assert_eq!(store.manifest().generation, generation, "{name}: a new generation");
        assert_eq!(std::fs::read(root.join("manifest.json")).unwrap(), before, "{name}: the manifest changed");
        // Again: the same answer (an empty file is not remembered as imported).
        assert!(ingest(&mut store, format, &path).unwrap().empty, "{name}");
    }
    let reopened = Store::open(&root).unwrap();
    assert_eq!(reopened.manifest().imports.len(), 1);
    // No stray part files either.
    let parquet = walk(&root).into_iter().filter(|p| p.ends_with(".parquet")).count();
    assert_eq!(parquet, reopened.manifest().files.len());
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out
}

/// Every file of a zip archive is imported (folders are skipped), each read as a file of its
/// own: its own first line and line numbers, provenance ARCHIVE/MEMBER, rejects naming it.
#[test]
fn every_member_of_a_zip_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("store")).unwrap();
    let a = format!("{}\n{}\n", gdelt_v2(10), gdelt_v2(11));
    let b = format!("{}\nnot a row\n{}\n", gdelt_v2(20), gdelt_v2(21));
    let path = dir.path().join("two.zip");
    std::fs::write(&path, zip(&[("a.export.CSV", a.as_bytes()), ("sub/", b""), ("sub/b.export.CSV", b.as_bytes())])).unwrap();
    let r = ingest(&mut store, Format::Gdelt, &path).unwrap();
    assert_eq!((r.record.rows_read, r.record.rows_stored, r.record.rows_rejected), (5, 4, 1), "{r:?}");
    assert_eq!(r.rejects.len(), 1);
    assert_eq!((r.rejects[0].member.as_deref(), r.rejects[0].line), (Some("sub/b.export.CSV"), 2));
    assert_eq!(store.manifest().imports.len(), 1, "one import for the archive");
    let files = count(&store, "SELECT file, count(*) AS n, min(line) AS first, max(line) AS last FROM events GROUP BY file ORDER BY file");
    let p = path.display();
    assert!(files.contains(&format!("{p}/a.export.CSV ")) && files.contains(&format!("{p}/sub/b.export.CSV ")), "{files}");
    assert!(files.contains("| 2 | 1     | 2    |") && files.contains("| 2 | 1     | 3    |"), "{files}");
    // A member in another format is an error naming the archive and the member; nothing stored.
    let bad = dir.path().join("bad.zip");
    std::fs::write(&bad, zip(&[("a.CSV", a.as_bytes()), ("b.txt", b"hello;world\n")])).unwrap();
    let e = ingest(&mut store, Format::Gdelt, &bad).unwrap_err().to_string();
    assert!(e.contains("bad.zip/b.txt") && e.contains("line 1"), "{e}");
    assert_eq!(store.manifest().imports.len(), 1);
}

/// The first 100 data rows all malformed abandon the file — whatever good rows follow, in the
/// same chunk or later ones — with an error naming it; nothing of it is stored.
#[test]
fn a_file_whose_first_100_rows_are_malformed_is_abandoned() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("store");
    let mut store = Store::open(&root).unwrap();
    let bad_row = |i: u64| gdelt_v2(i).replacen("\t057\t057\t05\t", "\t57\t57\t5\t", 1); // a lost leading zero
    // 150 bad rows then 50 good ones (the finding), and 100 bad then good.
    for bad in [150u64, 100] {
        let mut text: String = (1..=bad).map(|i| bad_row(i) + "\n").collect();
        text += &(bad + 1..=bad + 50).map(|i| gdelt_v2(i) + "\n").collect::<String>();
        let path = dir.path().join(format!("bad{bad}.csv"));
        std::fs::write(&path, text).unwrap();
        let e = ingest(&mut store, Format::Gdelt, &path).unwrap_err().to_string();
        assert!(e.contains(&format!("bad{bad}.csv")) && e.contains("first 100 data rows are all malformed"), "{e}");
        assert!(e.contains("line 1: EventCode \"57\""), "{e}");
    }
    // Every row of a short file malformed: the same.
    let path = dir.path().join("short.csv");
    std::fs::write(&path, (1..=5).map(|i| bad_row(i) + "\n").collect::<String>()).unwrap();
    let e = ingest(&mut store, Format::Gdelt, &path).unwrap_err().to_string();
    assert!(e.contains("short.csv") && e.contains("all its 5 data rows are malformed"), "{e}");
    assert_eq!(store.manifest().generation, 0, "something was committed");
    assert!(store.manifest().imports.is_empty());
    // 99 bad rows and then good ones: imported, the bad ones counted and named.
    let mut text: String = (1..=99).map(|i| bad_row(i) + "\n").collect();
    text += &(100..=120).map(|i| gdelt_v2(i) + "\n").collect::<String>();
    let path = dir.path().join("ok99.csv");
    std::fs::write(&path, text).unwrap();
    let r = ingest(&mut store, Format::Gdelt, &path).unwrap();
    assert_eq!((r.record.rows_stored, r.record.rows_rejected), (21, 99));
    assert_eq!(r.rejects[0].line, 1);
}

/// The same rule when the malformed rows span chunks (4 MiB each, parsed on several threads).
#[test]
fn the_rule_counts_malformed_rows_across_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("store")).unwrap();
    // Rows of 256 KiB: 16 to a 4 MiB chunk, so 100 bad rows span 7 chunks.
    let pad = "x".repeat(1 << 18);
    let mut text: String = (1..=100).map(|i| format!("{i}\tbad\t{pad}\n")).collect();
    text += &(101..=110).map(|i| gdelt_v2(i) + "\n").collect::<String>();
    let path = dir.path().join("big.csv");
    std::fs::write(&path, format!("{}\n{text}", gdelt_v2(1_000))).unwrap();
    // Line 1 is good here: the rule is about the first rows, so this file is kept.
    let r = ingest(&mut store, Format::Gdelt, &path).unwrap();
    assert_eq!((r.record.rows_stored, r.record.rows_rejected), (11, 100));
    // Without the good first line the 100 bad rows come first: abandoned.
    let path = dir.path().join("big-bad.csv");
    std::fs::write(&path, format!("{}\n{text}", gdelt_v2(1_000).replacen("\t057\t057\t05\t", "\t57\t57\t5\t", 1))).unwrap();
    let e = ingest(&mut store, Format::Gdelt, &path).unwrap_err().to_string();
    assert!(e.contains("big-bad.csv") && e.contains("first 100 data rows are all malformed"), "{e}");
    assert_eq!(store.manifest().imports.len(), 1);
}

/// A GDELT file whose rows have the count of a layout but not the layout (a 2.0 file missing its
/// last three fields: 58, like a 1.0 row) is refused at its first line, not half read.
#[test]
fn gdelt_rows_of_no_known_layout_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("store")).unwrap();
    let truncated = |i: u64| gdelt_v2(i).split('\t').take(58).collect::<Vec<_>>().join("\t");
    let path = dir.path().join("cut.export.CSV");
    std::fs::write(&path, (1..=10).map(|i| truncated(i) + "\n").collect::<String>()).unwrap();
    let e = ingest(&mut store, Format::Gdelt, &path).unwrap_err().to_string();
    assert!(e.contains("cut.export.CSV") && e.contains("line 1") && e.contains("DATEADDED (field 57)"), "{e}");
    for n in [40usize, 59, 60, 62] {
        let row = |i: u64| {
            let mut f: Vec<String> = gdelt_v2(i).split('\t').map(str::to_string).collect();
            f.resize(n, String::new());
            f.join("\t")
        };
        let path = dir.path().join(format!("n{n}.CSV"));
        std::fs::write(&path, (1..=3).map(|i| row(i) + "\n").collect::<String>()).unwrap();
        let e = ingest(&mut store, Format::Gdelt, &path).unwrap_err().to_string();
        assert!(e.contains(&format!("{n} tab-separated field")), "{n}: {e}");
    }
    assert!(store.manifest().imports.is_empty());
    // Truncated rows inside a good 2.0 file are rejected one by one, named by line.
    let path = dir.path().join("mixed.CSV");
    std::fs::write(&path, format!("{}\n{}\n{}\n", gdelt_v2(1), truncated(2), gdelt_v2(3))).unwrap();
    let r = ingest(&mut store, Format::Gdelt, &path).unwrap();
    assert_eq!((r.record.rows_stored, r.record.rows_rejected), (2, 1));
    assert_eq!(r.rejects[0].line, 2);
    assert!(r.rejects[0].reason.contains("missing its last 3 fields"), "{:?}", r.rejects);
}

/// A query past its timeout returns at the timeout, not when the work in flight ends: a cross
/// join of 3,000 events with itself three ways runs for minutes.
#[test]
fn a_query_stops_at_its_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = entente_store::Store::open(dir.path()).unwrap();
    let day = entente_core::Date::new(2022, 3, 1).unwrap();
    let events: Vec<_> = (0..3000)
        .map(|i| entente_core::Event::new(&format!("d{i}"), 0, day, "RUSGOV", "IRNGOV", "036", "Russia said it wants to meet Iran.", Default::default()).unwrap())
        .collect();
    store.ingest_events("many", events).unwrap();
    let timeout = std::time::Duration::from_millis(1500);
    let opts = entente_store::QueryOptions { timeout, ..Default::default() };
    let started = std::time::Instant::now();
    let r = store.sql("SELECT count(*) FROM events_raw a, events_raw b, events_raw c WHERE a.text <> b.text || c.text", &opts);
    let took = started.elapsed();
    assert!(matches!(r, Err(entente_store::Error::Timeout(_))), "{r:?}");
    // Within 10% of the timeout, with room for a debug build's session start.
    assert!(took < timeout + timeout / 10 + std::time::Duration::from_millis(300), "returned after {took:?}");
}
