//! The store's Parquet layout read by other tools: pyarrow and DuckDB (through `python3 -c`) find
//! the same rows per dataset and month as `entente sql`, reading exactly the files the manifest
//! lists — the recipe ARCHITECTURE.md gives to DuckDB, pandas and Spark users.
//!
//! Without python3, pyarrow or duckdb the test prints why and passes, except under `CI=true`
//! (CI installs them: `.ci/run`), where a missing tool is a failure.

mod support;

use entente_store::Store;
use std::process::Command;
use support::{gdelt_rows, ok, sql_rows};

/// Reads `manifest.json`, then counts rows per (dataset, month) with pyarrow and with DuckDB.
const SCRIPT: &str = r#"
import json, os, sys
root = sys.argv[1]
files = [os.path.join(root, f["path"]) for f in json.load(open(os.path.join(root, "manifest.json")))["files"] if f["table"] == "events"]
import pyarrow.dataset as ds
t = ds.dataset(files, format="parquet").to_table(columns=["dataset", "month", "event_id", "goldstein"])
g = t.group_by(["dataset", "month"]).aggregate([("event_id", "count")]).to_pylist()
for r in sorted(g, key=lambda r: (r["dataset"], r["month"])):
    print("pyarrow", r["dataset"], r["month"], r["event_id_count"], sep=",")
import duckdb
rows = duckdb.sql("SELECT dataset, month, count(*) FROM read_parquet($files) GROUP BY ALL ORDER BY ALL",
                  params={"files": files}).fetchall()
for d, m, n in rows:
    print("duckdb", d, m, n, sep=",")
"#;

fn python_ready() -> bool {
    let probe = Command::new("python3").args(["-c", "import pyarrow, duckdb"]).output();
    let ready = matches!(&probe, Ok(o) if o.status.success());
    if !ready {
        let why = match &probe {
            Ok(o) => String::from_utf8_lossy(&o.stderr).trim().to_string(),
            Err(e) => format!("python3: {e}"),
        };
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but python3 with pyarrow and duckdb is missing: {why}"
        );
        eprintln!("skipped: python3 with pyarrow and duckdb not available ({why}); pip install pyarrow duckdb");
    }
    ready
}

#[test]
fn pyarrow_and_duckdb_count_what_entente_sql_counts() {
    if !python_ready() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    // GDELT over three months, in two files, one of which re-emits ten events of the other
    // (the store replaces them: other tools must not see the replaced copies either).
    let a = tmp.path().join("a.export.CSV");
    let b = tmp.path().join("b.export.CSV");
    let mut a_rows = gdelt_rows(5_000_000, 700, 2019, 1, 1);
    a_rows.push_str(&gdelt_rows(5_100_000, 500, 2019, 2, 2));
    std::fs::write(&a, a_rows).unwrap();
    let mut b_rows = gdelt_rows(5_100_490, 10, 2019, 2, 3);
    b_rows.push_str(&gdelt_rows(5_200_000, 300, 2019, 3, 4));
    std::fs::write(&b, b_rows).unwrap();
    ok(&store, &["ingest", "gdelt", "--quiet", a.to_str().unwrap()]);
    ok(&store, &["ingest", "gdelt", "--quiet", b.to_str().unwrap()]);
    // Coded events (dataset entente) through the library, as the coder hands them over.
    let mut s = Store::open(&store).unwrap();
    let events = (0..40).map(|i| {
        entente_core::Event::new(
            &format!("doc-{i}"),
            0,
            format!("2019-0{}-1{}", 1 + i % 3, i % 10).parse().unwrap(),
            "RUSGOV",
            "IRNGOV",
            ["036", "042", "0841", "112"][i % 4],
            "An invented sentence.",
            Default::default(),
        )
        .unwrap()
    });
    s.ingest_events("interop", events).unwrap();
    drop(s);

    let mut expected: Vec<String> = sql_rows(
        &store,
        "SELECT dataset, month, count(*) FROM events GROUP BY dataset, month ORDER BY dataset, month",
        &[],
    );
    expected.sort();
    assert_eq!(expected.len(), 6, "{expected:?}");
    let total: u64 = expected.iter().map(|l| l.rsplit(',').next().unwrap().parse::<u64>().unwrap()).sum();
    assert_eq!(total, 700 + 500 + 300 + 40, "ten re-emitted GDELT events replaced, not added");

    let o = Command::new("python3").args(["-c", SCRIPT]).arg(&store).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}\n{}", String::from_utf8_lossy(&o.stderr));
    for tool in ["pyarrow", "duckdb"] {
        let mut got: Vec<String> = out
            .lines()
            .filter_map(|l| l.strip_prefix(tool).and_then(|r| r.strip_prefix(',')))
            .map(str::to_string)
            .collect();
        got.sort();
        assert_eq!(got, expected, "{tool} disagrees with entente sql");
    }
}
