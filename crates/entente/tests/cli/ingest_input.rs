//! `entente ingest` on careless input: empty files, archives of several files.

use crate::store_sql::events_jsonl;
use crate::util::*;

/// A 0-byte file and a gzip of nothing are "empty, nothing imported": exit 0 (documented in
/// `ingest --help`), no import recorded, no new generation.
#[test]
fn empty_files_are_reported_and_import_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let s = path_str(&store);
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, events_jsonl(2)).unwrap();
    run(&["ingest", "events", path_str(&good), "--store", s], b"").assert_ok();
    let manifest = std::fs::read(store.join("manifest.json")).unwrap();

    let zero = dir.path().join("zero.jsonl");
    std::fs::write(&zero, b"").unwrap();
    let gz = dir.path().join("empty.jsonl.gz");
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut w, b"").unwrap();
    std::fs::write(&gz, w.finish().unwrap()).unwrap();
    let r = run(&["ingest", "events", path_str(&zero), path_str(&gz), "--store", s], b"");
    r.assert_ok();
    r.assert_stderr_has("zero.jsonl: empty (no data rows), nothing imported");
    r.assert_stderr_has("empty.jsonl.gz: empty (no data rows), nothing imported");
    r.assert_stderr_has("0 file(s) imported, 0 already imported, 2 empty, 0 failed");
    assert_eq!(std::fs::read(store.join("manifest.json")).unwrap(), manifest, "the store changed");

    let help = run(&["ingest", "--help"], b"");
    help.assert_ok();
    assert!(help.stdout.contains("Exit status: 0 when every file was imported, already imported or empty"), "{help}");
}
