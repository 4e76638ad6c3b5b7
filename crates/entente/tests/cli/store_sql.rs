//! `entente sql` is read-only: statements that write (DDL, DML, `COPY … TO`, `SET`) are refused
//! on the parsed statement, the store and files outside it stay as they were, and results are
//! written with `--output`/`--format`, within `--limit`.

use crate::util::*;
use std::path::{Path, PathBuf};

/// JSON Lines of `n` coded events (as `entente code` writes them), Russia–Iran, March 2019.
pub fn events_jsonl(n: usize) -> String {
    (0..n)
        .map(|i| {
            let e = entente_core::Event::new(
                &format!("doc-{i}"),
                0,
                "2019-03-01".parse().unwrap(),
                "RUSGOV",
                "IRNGOV",
                "0841",
                "Russia released the Iranian sailors.",
                Default::default(),
            )
            .unwrap();
            serde_json::to_string(&e).unwrap() + "\n"
        })
        .collect()
}

/// A store under `dir` holding `n` coded events.
pub fn store_with(dir: &Path, n: usize) -> PathBuf {
    let store = dir.join("store");
    let input = dir.join("events.jsonl");
    std::fs::write(&input, events_jsonl(n)).unwrap();
    run(&["ingest", "events", path_str(&input), "--store", path_str(&store)], b"").assert_ok();
    store
}

fn sql(store: &Path, query: &str, extra: &[&str]) -> Run {
    let mut args = vec!["sql", query, "--store", path_str(store)];
    args.extend_from_slice(extra);
    run(&args, b"")
}

#[test]
fn copy_cannot_overwrite_the_manifest_or_files_outside_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 3);
    let manifest = store.join("manifest.json");
    let before = std::fs::read(&manifest).unwrap();
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "precious\n").unwrap();
    let fresh = dir.path().join("fresh.json");

    for target in [&manifest, &outside, &fresh] {
        let q = format!("COPY (SELECT 'x' AS a) TO '{}' STORED AS JSON", target.display());
        let r = sql(&store, &q, &[]);
        r.assert_failed();
        r.assert_stderr_has("COPY … TO is refused");
        r.assert_stderr_has("read-only");
    }
    assert_eq!(std::fs::read(&manifest).unwrap(), before, "the manifest changed");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "precious\n");
    assert!(!fresh.exists(), "COPY created a file");
    // The store still answers.
    let r = sql(&store, "SELECT count(*) AS n FROM events", &["--format", "csv"]);
    r.assert_ok();
    assert_eq!(r.stdout, "n\n3\n");
}

#[test]
fn every_kind_of_write_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 1);
    let before = std::fs::read(store.join("manifest.json")).unwrap();
    for (q, kind) in [
        ("CREATE TABLE t AS SELECT 1 AS a", "CREATE TABLE"),
        ("CREATE TABLE t (a INT)", "CREATE TABLE"),
        ("CREATE EXTERNAL TABLE p (line VARCHAR) STORED AS CSV LOCATION '/etc/passwd'", "CREATE EXTERNAL TABLE"),
        ("CREATE VIEW v AS SELECT * FROM events", "CREATE VIEW"),
        ("INSERT INTO events_raw SELECT * FROM events_raw", "INSERT"),
        ("DROP TABLE events_raw", "DROP TABLE"),
        ("DROP VIEW events", "DROP VIEW"),
        ("SET datafusion.execution.target_partitions = 1", "SET"),
        ("DELETE FROM events_raw", "DELETE"),
    ] {
        let r = sql(&store, q, &[]);
        r.assert_failed();
        r.assert_stderr_has(&format!("{kind} is refused"));
        r.assert_stderr_has("SELECT, WITH, EXPLAIN, SHOW, DESCRIBE and VALUES");
    }
    assert_eq!(std::fs::read(store.join("manifest.json")).unwrap(), before);
}

#[test]
fn output_files_honour_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 5);
    for format in ["csv", "tsv", "jsonl", "json", "parquet"] {
        let out = dir.path().join(format!("out.{format}"));
        let r = sql(&store, "SELECT event_id FROM events", &["--format", format, "--output", path_str(&out), "--limit", "2"]);
        r.assert_ok();
        r.assert_stderr_has("2 rows shown; the query has more");
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
            assert_eq!(v.as_array().map(Vec::len), Some(2), "{v}");
        } else if format != "parquet" {
            let text = std::fs::read_to_string(&out).unwrap();
            let header = usize::from(format == "csv" || format == "tsv");
            assert_eq!(text.lines().count(), 2 + header, "{format}: {text}");
        } else {
            let file = std::fs::File::open(&out).unwrap();
            let reader = entente_store::parquet::file::reader::SerializedFileReader::new(file).unwrap();
            use entente_store::parquet::file::reader::FileReader;
            assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        }
    }
}

#[test]
fn explain_and_explain_analyze_answer() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 2);
    for q in ["EXPLAIN SELECT count(*) FROM events", "EXPLAIN ANALYZE SELECT count(*) FROM events"] {
        let r = sql(&store, q, &["--format", "csv", "--limit", "1"]);
        r.assert_ok();
        assert!(r.stdout.contains("plan"), "{q}:\n{r}");
    }
}
