//! Country codes that agree across datasets: `source_country`, `target_country` and
//! `place_country` hold ISO 3166-1 alpha-3 codes (or NULL) whether the event came from GDELT
//! 1.0, GDELT 2.0, ICEWS or entente's coder, and a store written before (format 1, GDELT's CAMEO
//! codes as GDELT wrote them) is upgraded when opened.
//!
//! The real files come from `../shared/data`; without it the tests that need it print why and
//! pass, except under `CI=true`, where a missing file is a failure.

use entente_store::arrow::array::{Array, RecordBatch, StringArray};
use entente_store::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use entente_store::parquet::arrow::ArrowWriter;
use entente_store::{Format, IngestOptions, QueryOptions, Store, Table};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `../shared/data/REL`, or `None` (saying so) when absent outside CI.
fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(rel);
    if p.exists() {
        return Some(p);
    }
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{} is missing: CI must have ../shared/data", p.display());
    eprintln!("skipped: {} not found (CI has it)", p.display());
    None
}

/// The first column of a query's rows, as text (NULL as `None`).
fn column(store: &Store, sql: &str) -> Vec<Option<String>> {
    let r = store.sql(sql, &QueryOptions::default()).unwrap();
    let mut out = Vec::new();
    for b in &r.batches {
        let c = entente_store::arrow::compute::cast(b.column(0), &entente_store::arrow::datatypes::DataType::Utf8).unwrap();
        let c = c.as_any().downcast_ref::<StringArray>().unwrap();
        out.extend((0..c.len()).map(|i| c.is_valid(i).then(|| c.value(i).to_string())));
    }
    out
}

fn count(store: &Store, sql: &str) -> i64 {
    column(store, sql)[0].as_deref().unwrap().parse().unwrap()
}

/// Every distinct value of the three country columns.
fn country_values(store: &Store) -> Vec<String> {
    column(
        store,
        "SELECT DISTINCT c FROM (SELECT source_country AS c FROM events UNION ALL \
         SELECT target_country FROM events UNION ALL SELECT place_country FROM events) \
         WHERE c IS NOT NULL ORDER BY c",
    )
    .into_iter()
    .flatten()
    .collect()
}

fn assert_only_iso(store: &Store, what: &str) {
    let values = country_values(store);
    assert!(values.len() > 50, "{what}: {values:?}");
    let bad: Vec<&String> = values.iter().filter(|c| !entente_core::country::is_iso3(c)).collect();
    assert!(bad.is_empty(), "{what}: not ISO 3166-1 alpha-3 in a country column: {bad:?}");
    for r in entente_core::actor::REGIONS {
        assert!(!values.iter().any(|v| v == r), "{what}: region {r} as a country");
    }
}

fn ingest(store: &mut Store, format: Format, path: &Path) {
    let opts = IngestOptions { threads: 2, ..Default::default() };
    let r = store.ingest_file(format, path, &opts).unwrap();
    assert!(r.record.rows_stored > 0, "{}: {:?}", path.display(), r.record);
}

#[test]
fn real_gdelt_and_icews_files_give_only_iso_codes() {
    let (Some(v1), Some(v2), Some(icews)) = (shared("gdelt/v1"), shared("gdelt/v2"), shared("icews/events.2018.sample.tab")) else {
        return;
    };
    let Some(daily) = shared("icews/daily/20181004-icews-events.tab") else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    for d in [&v1, &v2] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        assert_eq!(files.len(), 2, "{}", d.display());
        for f in files {
            ingest(&mut store, Format::Gdelt, &f);
        }
    }
    let gdelt_only = |store: &Store| {
        assert_only_iso(store, "GDELT");
        // GDELT writes regions as actor countries (EUR, AFR, WST...): their events keep the
        // actor code in `source`/`target`, with no country.
        let regions: Vec<String> = entente_core::actor::REGIONS.iter().map(|r| format!("'{r}'")).collect();
        let in_regions = regions.join(", ");
        let with_region_actor = count(
            store,
            &format!("SELECT count(*) FROM events WHERE substr(source, 1, 3) IN ({in_regions})"),
        );
        assert!(with_region_actor > 100, "{with_region_actor}");
        assert_eq!(
            count(
                store,
                &format!(
                    "SELECT count(*) FROM events WHERE substr(source, 1, 3) IN ({in_regions}) \
                     AND source_country IS NOT NULL"
                )
            ),
            0
        );
    };
    gdelt_only(&store);
    // The FIPS place codes GDELT uses for Serbia (RB) and the oceans (OS).
    assert!(count(&store, "SELECT count(*) FROM events WHERE place LIKE 'Belgrade, Serbia%' AND place_country = 'SRB'") > 0);
    assert_eq!(count(&store, "SELECT count(*) FROM events WHERE place LIKE '%Oceans%' AND place_country IS NOT NULL"), 0);

    ingest(&mut store, Format::Icews, &icews);
    ingest(&mut store, Format::Icews, &daily);
    assert_only_iso(&store, "GDELT and ICEWS");
    // One code per country across datasets: the countries both datasets name are many.
    let shared_countries = column(
        &store,
        "SELECT source_country FROM events WHERE dataset = 'gdelt' \
         INTERSECT SELECT source_country FROM events WHERE dataset = 'icews'",
    );
    assert!(shared_countries.len() > 80, "{}", shared_countries.len());
}

fn coded(doc: &str, source: &str, target: &str) -> entente_core::Event {
    entente_core::Event::new(doc, 0, "2019-03-01".parse().unwrap(), source, target, "0841", "A sentence.", Default::default())
        .unwrap()
}

#[test]
fn the_coders_cameo_codes_become_iso_codes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .ingest_events(
            "t",
            [
                coded("a", "ROMGOV", "KSV"),
                coded("b", "EURGOV", "MTNMIL"),
                coded("c", "IGOUNO", "TMP"),
                coded("d", "RUSGOV", "IRNGOV"),
            ],
        )
        .unwrap();
    let rows = column(
        &store,
        "SELECT concat(document, ':', coalesce(source_country, '-'), ':', coalesce(target_country, '-'), ':', source) \
         FROM events ORDER BY document",
    );
    let rows: Vec<String> = rows.into_iter().flatten().collect();
    assert_eq!(rows, ["a:ROU:XKX:ROMGOV", "b:-:MNE:EURGOV", "c:-:TLS:IGOUNO", "d:RUS:IRN:RUSGOV"]);
}

/// Turns the store into one as format 1 wrote it: every `source_country` as it is in the actor
/// code's first segment (CAMEO's), and the manifest's version 1.
fn downgrade_to_format_1(root: &Path, store: &Store) {
    for f in store.manifest().files_of(Table::Events) {
        let path = root.join(&f.path);
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap()).unwrap().build().unwrap();
        let batches: Vec<RecordBatch> = reader
            .map(|b| {
                let b = b.unwrap();
                let source = b.column_by_name("source").unwrap().as_any().downcast_ref::<StringArray>().unwrap();
                let cameo: StringArray = source.iter().map(|s| s.map(|s| s[..3].to_string())).collect();
                let i = b.schema().index_of("source_country").unwrap();
                let mut cols = b.columns().to_vec();
                cols[i] = Arc::new(cameo);
                RecordBatch::try_new(b.schema(), cols).unwrap()
            })
            .collect();
        let mut w = ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), batches[0].schema(), None).unwrap();
        for b in &batches {
            w.write(b).unwrap();
        }
        w.close().unwrap();
    }
    let m = root.join("manifest.json");
    let mut json: serde_json::Value = serde_json::from_slice(&std::fs::read(&m).unwrap()).unwrap();
    json["version"] = 1.into();
    std::fs::write(&m, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
}

fn sources(store: &Store) -> Vec<String> {
    column(store, "SELECT concat(source, '=', coalesce(source_country, '-')) FROM events ORDER BY source")
        .into_iter()
        .flatten()
        .collect()
}

#[test]
fn a_format_1_store_is_upgraded_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.manifest().version, 2);
    store.ingest_events("t", [coded("a", "ROMGOV", "RUS"), coded("b", "EURGOV", "RUS")]).unwrap();
    store.ingest_events("u", [coded("c", "RUSGOV", "IRN")]).unwrap();
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    downgrade_to_format_1(dir.path(), &store);
    drop(store);
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["version"], 1);

    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.manifest().version, 2);
    assert_eq!(sources(&store), ["EURGOV=-", "ROMGOV=ROU", "RUSGOV=RUS"]);
    // Of the two files, only the one with ROM and EUR changed.
    assert_eq!(store.manifest().files.len(), 2);
    assert!(store.manifest().files.iter().any(|f| f.path.contains("-r0001")), "{:?}", store.manifest().files);
    let on_disk = std::fs::read_dir(dir.path().join("dataset=entente/month=2019-03")).unwrap().count();
    assert_eq!(on_disk, 2, "the replaced file is deleted");
    drop(store);
    // Opening again changes nothing; a writer works as before.
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.manifest().version, 2);
    store.ingest_events("v", [coded("d", "TMP", "RUS")]).unwrap();
    assert_eq!(sources(&store), ["EURGOV=-", "ROMGOV=ROU", "RUSGOV=RUS", "TMP=TLS"]);
}

#[test]
fn a_failed_upgrade_says_how_to_re_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.ingest_events("coded.jsonl", [coded("a", "ROMGOV", "RUS")]).unwrap();
    let file = dir.path().join(&store.manifest().files[0].path);
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    downgrade_to_format_1(dir.path(), &store);
    drop(store);
    std::fs::write(&file, b"not parquet").unwrap();
    let e = Store::open(dir.path()).err().expect("the upgrade fails").to_string();
    assert!(e.contains("store format 1"), "{e}");
    assert!(e.contains("upgrade failed"), "{e}");
    assert!(e.contains("entente ingest events coded.jsonl"), "{e}");
    // Nothing changed: the manifest still says format 1.
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["version"], 1);
}

#[test]
fn a_store_of_a_newer_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.ingest_events("t", [coded("a", "RUSGOV", "IRN")]).unwrap();
    drop(store);
    let m = dir.path().join("manifest.json");
    let mut json: serde_json::Value = serde_json::from_slice(&std::fs::read(&m).unwrap()).unwrap();
    json["version"] = 99.into();
    std::fs::write(&m, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    let e = Store::open(dir.path()).err().expect("refused").to_string();
    assert!(e.contains("format version 99") && e.contains("newer entente"), "{e}");
}
