//! The `confidence` column: filled from entente's coded events, NULL for other sources, and
//! read as NULL from stores written before the column existed (their files lack it).

use entente_store::arrow::array::{Array, Float64Array, RecordBatch};
use entente_store::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use entente_store::parquet::arrow::ArrowWriter;
use entente_store::{QueryOptions, Store, Table};
use std::path::Path;

fn event(doc: &str, confidence: Option<f32>) -> entente_core::Event {
    entente_core::Event {
        confidence,
        ..entente_core::Event::new(
            doc,
            0,
            "2019-03-01".parse().unwrap(),
            "RUSGOV",
            "IRNGOV",
            "0841",
            "Russia released the Iranian sailors.",
            Default::default(),
        )
        .unwrap()
    }
}

/// `(document, confidence)` of every event, by document.
fn confidences(store: &Store) -> Vec<(String, Option<f64>)> {
    let r = store
        .sql(
            "SELECT document, confidence FROM events ORDER BY document",
            &QueryOptions::default(),
        )
        .unwrap();
    let mut out = Vec::new();
    for b in &r.batches {
        let docs = entente_store::arrow::compute::cast(
            b.column(0),
            &entente_store::arrow::datatypes::DataType::Utf8,
        )
        .unwrap();
        let docs = docs
            .as_any()
            .downcast_ref::<entente_store::arrow::array::StringArray>()
            .unwrap();
        let conf = b.column(1).as_any().downcast_ref::<Float64Array>().unwrap();
        for i in 0..b.num_rows() {
            out.push((
                docs.value(i).to_string(),
                conf.is_valid(i).then(|| conf.value(i)),
            ));
        }
    }
    out
}

/// Rewrites every events file of the store as a store written before `confidence` existed
/// would have it: the same rows without that column.
fn drop_confidence_column(root: &Path, store: &Store) {
    for f in store.manifest().files_of(Table::Events) {
        let path = root.join(&f.path);
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader
            .map(|b| {
                let b = b.unwrap();
                let keep: Vec<usize> = (0..b.num_columns())
                    .filter(|&i| b.schema().field(i).name() != "confidence")
                    .collect();
                b.project(&keep).unwrap()
            })
            .collect();
        let schema = batches[0].schema();
        assert!(schema.index_of("confidence").is_err());
        let mut w =
            ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), schema, None).unwrap();
        for b in &batches {
            w.write(b).unwrap();
        }
        w.close().unwrap();
    }
}

#[test]
fn coded_events_keep_their_confidence_and_others_have_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .ingest_events("t", [event("a", Some(0.723)), event("b", None)])
        .unwrap();
    assert_eq!(
        confidences(&store),
        [("a".to_string(), Some(0.723)), ("b".to_string(), None)]
    );
}

#[test]
fn a_confidence_outside_0_to_1_is_a_malformed_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let r = store
        .ingest_events("t", [event("a", Some(1.5)), event("b", Some(0.5))])
        .unwrap();
    assert_eq!(r.record.rows_rejected, 1);
    assert!(
        r.rejects[0].reason.contains("confidence"),
        "{:?}",
        r.rejects
    );
    assert_eq!(confidences(&store), [("b".to_string(), Some(0.5))]);
}

#[test]
fn a_store_written_before_the_column_reads_null_and_can_still_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .ingest_events("old", [event("a", Some(0.9)), event("b", Some(0.8))])
        .unwrap();
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    drop_confidence_column(dir.path(), &store);
    drop(store);

    // Old files alone: the column is there, NULL, and filters on it work.
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(
        confidences(&store),
        [("a".to_string(), None), ("b".to_string(), None)]
    );
    let n = |store: &Store, sql: &str| store.sql(sql, &QueryOptions::default()).unwrap().num_rows();
    assert_eq!(
        n(&store, "SELECT * FROM events WHERE confidence IS NULL"),
        2
    );
    assert_eq!(n(&store, "SELECT * FROM events WHERE confidence >= 0.5"), 0);

    // Old and new files together; re-coding `b` replaces its row in the old file (which is
    // rewritten without it) and a new document lands in a new file.
    store
        .ingest_events("new", [event("b", Some(0.4)), event("c", Some(0.6))])
        .unwrap();
    let expected = [
        ("a".to_string(), None),
        ("b".to_string(), Some(0.4)),
        ("c".to_string(), Some(0.6)),
    ];
    assert_eq!(confidences(&store), expected);
    assert_eq!(n(&store, "SELECT * FROM events WHERE confidence >= 0.5"), 1);

    // Compaction merges the old-schema file with the new one.
    let report = store.compact().unwrap();
    assert_eq!(report.files_merged, 2, "{report:?}");
    assert_eq!(confidences(&store), expected);
}
