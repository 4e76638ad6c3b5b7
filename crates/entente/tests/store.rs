//! The event store through the `entente` binary: importers on the real GDELT and ICEWS files,
//! queries, re-import, replacement of re-emitted events, and crash safety under `kill -9`.
//!
//! The reference data lives in `../shared/data` (relative to the repository); without it these
//! tests print `SKIPPED: ...` and pass, or fail under `CI=true` (see `entente_core::testdata`).

use entente_store::{QueryOptions, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `../shared/data`; `None` (skipped, or a failure under `CI=true`) when it is absent.
fn shared() -> Option<PathBuf> {
    entente_core::testdata::shared_data("")
}

fn entente(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(args)
        .env("ENTENTE_STORE", store)
        .output()
        .expect("the entente binary runs")
}

fn ok(store: &Path, args: &[&str]) -> (String, String) {
    let o = entente(store, args);
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "entente {args:?} failed:\n{out}\n{err}");
    (out.into_owned(), err.into_owned())
}

/// The single value of a one-row, one-column query.
fn scalar(store: &Path, sql: &str) -> String {
    let (out, _) = ok(store, &["sql", sql, "--format", "csv"]);
    let mut lines = out.lines();
    lines.next();
    lines.next().unwrap_or_default().to_string()
}

fn icews_files(data: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(data.join("icews/daily"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".tab"))
        .collect();
    v.sort();
    v
}

mod icews {
    use super::*;

    #[test]
    fn daily_files_give_325691_events_and_625_between_russia_and_iran() {
        let Some(data) = shared() else { return };
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s");
        let files = icews_files(&data);
        assert_eq!(files.len(), 167);
        let mut args = vec!["ingest", "icews"];
        args.extend(files.iter().map(String::as_str));
        let (_, err) = ok(&store, &args);
        assert!(err.contains("325691 stored, 0 rejected"), "{err}");

        assert_eq!(scalar(&store, "SELECT count(*) FROM events"), "325691");
        assert_eq!(scalar(&store, "SELECT count(DISTINCT event_id) FROM events"), "325691");
        let (out, _) = ok(&store, &["events", "--dyad", "RUS,IRN", "--count", "--format", "csv"]);
        assert_eq!(out.lines().nth(1), Some("625"), "{out}");
        // Both directions, and the shortcut returns the rows themselves.
        let (out, _) = ok(&store, &["events", "--dyad", "IRN,RUS", "--format", "csv"]);
        assert_eq!(out.lines().count(), 626);
        let rus_irn = scalar(
            &store,
            "SELECT count(*) FROM events WHERE source_country='RUS' AND target_country='IRN'",
        );
        let irn_rus = scalar(
            &store,
            "SELECT count(*) FROM events WHERE source_country='IRN' AND target_country='RUS'",
        );
        assert_eq!(rus_irn.parse::<u32>().unwrap() + irn_rus.parse::<u32>().unwrap(), 625);

        // Field mapping, checked on the first row of the first file.
        let (out, _) = ok(
            &store,
            &[
                "sql",
                "SELECT date, source, source_country, source_agent, target_country, code, root, \
                 quad_class, goldstein, place_country, document, sentence, line \
                 FROM events WHERE event_id = 33685578",
                "--format",
                "csv",
            ],
        );
        assert_eq!(
            out.lines().nth(1),
            Some("2018-09-28,USAGOV,USA,GOV,,190,19,4,-10.0,USA,48311910,2,2"),
            "{out}"
        );
        // Codes keep their leading zeros; every code is 3 or 4 digits.
        assert_eq!(scalar(&store, "SELECT count(*) FROM events WHERE code = '010'").is_empty(), false);
        assert_eq!(
            scalar(&store, "SELECT count(*) FROM events WHERE length(code) NOT IN (3, 4)"),
            "0"
        );
        // Countries are ISO3 codes.
        assert_eq!(
            scalar(
                &store,
                "SELECT count(*) FROM events WHERE length(source_country) <> 3 \
                 OR length(target_country) <> 3"
            ),
            "0"
        );

        // Re-importing is a no-op.
        let (_, err) = ok(&store, &["ingest", "icews", &files[0], &files[166]]);
        assert!(err.contains("0 file(s) imported, 2 already imported"), "{err}");
        assert_eq!(scalar(&store, "SELECT count(*) FROM events"), "325691");

        let (out, _) = ok(&store, &["store", "info"]);
        assert!(out.contains("icews") && out.contains("325691"), "{out}");
    }

    #[test]
    fn sample_file_through_the_library() {
        let Some(data) = shared() else { return };
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let r = store
            .ingest_file(
                entente_store::Format::Icews,
                &data.join("icews/events.2018.sample.tab"),
                &Default::default(),
            )
            .unwrap();
        assert_eq!(r.record.rows_read, 3705);
        assert_eq!(r.record.rows_stored, 3705);
        let q = store.sql("SELECT count(*) AS n FROM events", &QueryOptions::default()).unwrap();
        assert_eq!(q.num_rows(), 1);
    }
}

mod gdelt {
    use super::*;

    #[test]
    fn v1_and_v2_files_with_counts_and_fields() {
        let Some(data) = shared() else { return };
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s");
        let v1 = data.join("gdelt/v1/20151207.export.CSV.first5000");
        let mixed = data.join("gdelt/v1/20160728.export.sample.CSV");
        let v2a = data.join("gdelt/v2/20151027220000.export.CSV");
        let v2b = data.join("gdelt/v2/20191024143000.export.CSV");
        let (_, err) = ok(&store, &["ingest", "gdelt", &v1.display().to_string()]);
        assert!(err.contains("5000 rows read, 5000 stored, 0 rejected"), "{err}");
        let (_, err) = ok(&store, &["ingest", "gdelt", &mixed.display().to_string()]);
        assert!(err.contains("710 rows read, 710 stored, 0 rejected"), "{err}");
        let (_, err) = ok(
            &store,
            &["ingest", "gdelt", &v2a.display().to_string(), &v2b.display().to_string()],
        );
        assert!(err.contains("2 file(s) imported"), "{err}");
        let v2_rows: usize = [&v2a, &v2b]
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap().lines().count())
            .sum();
        assert_eq!(
            scalar(&store, "SELECT count(*) FROM events").parse::<usize>().unwrap(),
            5000 + 710 + v2_rows
        );
        // GDELT 2.0 row: leading zeros kept, columns in place, FIPS place mapped to ISO3, the
        // region EUR (a CAMEO code, not a country) kept in the actor code only.
        let (out, _) = ok(
            &store,
            &[
                "sql",
                "SELECT date, source, target, target_country, code, base, root, quad_class, \
                 goldstein, mentions, sources, articles, root_event, place_country, month \
                 FROM events WHERE event_id = 881990834",
                "--format",
                "csv",
            ],
        );
        assert_eq!(
            out.lines().nth(1),
            Some("2018-10-24,,IGOEUREEC,,057,057,05,1,8.0,7,1,7,false,BLR,2018-10"),
            "{out}"
        );
        // A 57-column row has no URL, a 58-column one has.
        let no_url = scalar(
            &store,
            "SELECT count(*) FROM events WHERE file LIKE '%sample.CSV' AND document IS NULL",
        );
        assert_eq!(no_url, "201");
        // Dedup views.
        let raw: u64 = scalar(&store, "SELECT count(*) FROM events").parse().unwrap();
        let root: u64 = scalar(&store, "SELECT count(*) FROM events_root").parse().unwrap();
        let daily: u64 = scalar(&store, "SELECT count(*) FROM events_daily").parse().unwrap();
        assert!(root < raw && daily < raw && daily > 0, "{raw} {root} {daily}");
        let (out, _) =
            ok(&store, &["sql", "SELECT count(*) FROM events", "--dedup", "root", "--format", "csv"]);
        assert_eq!(out.lines().nth(1).unwrap().parse::<u64>().unwrap(), root);
    }

    #[test]
    fn a_spreadsheet_mangled_file_gets_one_clear_error() {
        let Some(data) = shared() else { return };
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s");
        let bad = data.join("gdelt/bad/narayave_20190121220000.export2.excel-mangled.csv");
        let good = data.join("gdelt/v2/20191024143000.export.CSV");
        let o = entente(
            &store,
            &["ingest", "gdelt", &bad.display().to_string(), &good.display().to_string()],
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success());
        assert_eq!(err.matches("error:").count(), 1, "{err}");
        assert!(err.contains("not a GDELT events file") && err.contains("';'-separated"), "{err}");
        assert!(err.contains("excel-mangled.csv"), "names the file: {err}");
        // The good file after it was still imported.
        assert!(err.contains("1 file(s) imported"), "{err}");
        let (out, _) = ok(&store, &["sql", "SELECT DISTINCT file FROM events", "--format", "csv"]);
        assert!(!out.contains("mangled"), "{out}");
    }

    #[test]
    fn malformed_rows_are_skipped_counted_and_named() {
        let Some(data) = shared() else { return };
        let dir = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(data.join("gdelt/v2/20191024143000.export.CSV")).unwrap();
        let mut lines: Vec<String> = text.lines().take(50).map(String::from).collect();
        lines[9] = lines[9].replacen('\t', ";", 5); // line 10: wrong field count
        lines[19] = lines[19].replace("\t2018", "\tXXXX"); // line 20: bad date
        let input = dir.path().join("rows.CSV.gz");
        let mut gz = flate2::write::GzEncoder::new(
            std::fs::File::create(&input).unwrap(),
            flate2::Compression::fast(),
        );
        std::io::Write::write_all(&mut gz, (lines.join("\n") + "\n").as_bytes()).unwrap();
        gz.finish().unwrap();
        let store = dir.path().join("s");
        let (_, err) = ok(&store, &["ingest", "gdelt", &input.display().to_string()]);
        assert!(err.contains("50 rows read, 48 stored, 2 rejected"), "{err}");
        assert!(err.contains("rows.CSV.gz:10: "), "{err}");
        assert!(err.contains("rows.CSV.gz:20: SQLDATE"), "{err}");
    }

    #[test]
    fn re_emitted_events_replace_earlier_ones() {
        let Some(data) = shared() else { return };
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s");
        let src = data.join("gdelt/v2/20191024143000.export.CSV");
        let text = std::fs::read_to_string(&src).unwrap();
        let n = text.lines().count();
        ok(&store, &["ingest", "gdelt", &src.display().to_string()]);
        // A later file re-emits the first 10 events with 999 mentions, plus 1 new event.
        let mut later: Vec<String> = text
            .lines()
            .take(10)
            .map(|l| {
                let mut f: Vec<&str> = l.split('\t').collect();
                f[31] = "999";
                f.join("\t")
            })
            .collect();
        let mut extra: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
        extra[0] = "999999999999";
        later.push(extra.join("\t"));
        let later_file = dir.path().join("later.CSV");
        std::fs::write(&later_file, later.join("\n") + "\n").unwrap();
        let (_, err) = ok(&store, &["ingest", "gdelt", &later_file.display().to_string()]);
        assert!(err.contains("11 stored, 0 rejected, 10 replaced"), "{err}");
        assert_eq!(scalar(&store, "SELECT count(*) FROM events"), (n + 1).to_string());
        assert_eq!(
            scalar(&store, "SELECT count(*) FROM events WHERE mentions = 999"),
            "10"
        );
        assert_eq!(
            scalar(&store, "SELECT count(DISTINCT event_id) FROM events"),
            (n + 1).to_string()
        );
    }

    #[test]
    fn duplicate_ids_within_a_file_keep_the_last_row() {
        let Some(data) = shared() else { return };
        let dir = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(data.join("gdelt/v2/20191024143000.export.CSV")).unwrap();
        let mut lines: Vec<String> = text.lines().take(20).map(String::from).collect();
        // Line 21 repeats line 3's event with other mention counts: the later row wins.
        let mut f: Vec<String> = lines[2].split('\t').map(String::from).collect();
        f[31] = "4242".into();
        lines.push(f.join("\t"));
        let input = dir.path().join("dups.CSV");
        std::fs::write(&input, lines.join("\n") + "\n").unwrap();
        let store = dir.path().join("s");
        let (_, err) =
            ok(&store, &["ingest", "gdelt", "--threads", "3", &input.display().to_string()]);
        assert!(err.contains("21 rows read, 20 stored, 0 rejected, 1 replaced"), "{err}");
        let id = &f[0];
        assert_eq!(
            scalar(&store, &format!("SELECT mentions || ' ' || line FROM events WHERE event_id = {id}")),
            "4242 21"
        );
    }

    #[test]
    fn mentions_go_to_their_own_table() {
        let Some(data) = shared() else { return };
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s");
        let f = data.join("gdelt/mentions/gdeltPyR_mentionssamp.csv");
        let (_, err) = ok(&store, &["ingest", "gdelt-mentions", &f.display().to_string()]);
        assert!(err.contains("1635 rows read, 1635 stored, 0 rejected"), "{err}");
        assert_eq!(scalar(&store, "SELECT count(*) FROM mentions"), "1635");
        assert_eq!(scalar(&store, "SELECT count(*) FROM events"), "0");
    }
}

mod coded {
    use super::*;
    use entente_core::Event;

    fn event(doc: &str, code: &str) -> Event {
        Event::new(
            doc,
            0,
            "2019-03-01".parse().unwrap(),
            "RUSGOV",
            "IRNGOV",
            code,
            "Russia and Iran signed a deal.",
            Default::default(),
        )
        .unwrap()
    }

    #[test]
    fn json_lines_with_a_bad_line() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("coded.jsonl");
        let mut text = String::new();
        for i in 0..5 {
            text += &serde_json::to_string(&event(&format!("d{i}"), "0841")).unwrap();
            text += "\n";
        }
        text += "{\"doc_id\": \"broken\"}\n";
        std::fs::write(&input, text).unwrap();
        let store = dir.path().join("s");
        let (_, err) = ok(&store, &["ingest", "events", &input.display().to_string()]);
        assert!(err.contains("6 rows read, 5 stored, 1 rejected"), "{err}");
        assert!(err.contains("coded.jsonl:6: not an event"), "{err}");
        let (out, _) = ok(
            &store,
            &["sql", "SELECT source_country, target_agent, code, root, text FROM events LIMIT 1", "--format", "csv"],
        );
        assert_eq!(out.lines().nth(1), Some("RUS,GOV,0841,08,Russia and Iran signed a deal."));
    }

    /// Twelve small imports over two months leave twelve part files per month; `store compact`
    /// merges them into one per month with every row, id and provenance unchanged, and the
    /// imports stay recorded (re-importing a file is still a no-op). A second run has nothing
    /// to do.
    #[test]
    fn compact_merges_small_files_and_keeps_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s");
        let mut inputs = Vec::new();
        for i in 0..12 {
            let mut text = String::new();
            for (j, date) in ["2019-03-01", "2019-04-02"].into_iter().enumerate() {
                for k in 0..5 {
                    let mut e = event(&format!("d{i}-{j}-{k}"), if k % 2 == 0 { "036" } else { "0841" });
                    e.date = date.parse().unwrap();
                    text += &serde_json::to_string(&e).unwrap();
                    text += "\n";
                }
            }
            let input = dir.path().join(format!("batch-{i}.jsonl"));
            std::fs::write(&input, text).unwrap();
            ok(&store, &["ingest", "events", &input.display().to_string()]);
            inputs.push(input);
        }
        let q = "SELECT month, count(*) AS n, count(DISTINCT event_id) AS ids, sum(event_id % 1000) AS s, \
                 min(file) AS f0, max(line) AS l FROM events GROUP BY month ORDER BY month";
        let (before, _) = ok(&store, &["sql", q, "--format", "csv"]);
        let files = |store: &Path| Store::open(store).unwrap().manifest().files.len();
        assert_eq!(files(&store), 24);

        let (_, err) = ok(&store, &["store", "compact"]);
        assert!(err.contains("merged 24 small files in 2 dataset-months into 2 (120 rows rewritten)"), "{err}");
        assert_eq!(files(&store), 2);
        let (after, _) = ok(&store, &["sql", q, "--format", "csv"]);
        assert_eq!(before, after);
        assert!(after.contains("2019-03,60,60,"), "{after}");
        // Only the manifest's files are left on disk.
        fn parquet_files(p: &Path) -> usize {
            std::fs::read_dir(p)
                .unwrap()
                .flatten()
                .map(|e| match e.path() {
                    d if d.is_dir() => parquet_files(&d),
                    f => usize::from(f.extension().is_some_and(|x| x == "parquet")),
                })
                .sum()
        }
        assert_eq!(parquet_files(&store), 2);

        let (_, err) = ok(&store, &["ingest", "events", &inputs[3].display().to_string()]);
        assert!(err.contains("1 already imported"), "{err}");
        let (_, err) = ok(&store, &["store", "compact"]);
        assert!(err.contains("merged 0 small files"), "{err}");
        assert_eq!(ok(&store, &["sql", q, "--format", "csv"]).0, before);
    }

    /// A reader that loaded the manifest before a compaction deleted its files still gets
    /// its answer: the query runs again on the newer committed state.
    #[test]
    fn a_query_planned_before_a_compaction_still_answers() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = Store::open(dir.path()).unwrap();
        for b in 0..4 {
            writer.ingest_events(&format!("b{b}"), (0..5).map(|i| event(&format!("d{b}-{i}"), "036"))).unwrap();
        }
        let reader = Store::open(dir.path()).unwrap();
        assert_eq!(reader.manifest().files.len(), 4);
        assert_eq!(writer.compact().unwrap().files_merged, 4);
        let q = reader.sql("SELECT count(*) AS n FROM events", &QueryOptions::default()).unwrap();
        let n = q.batches[0].column(0).as_any().downcast_ref::<entente_store::arrow::array::Int64Array>().unwrap().value(0);
        assert_eq!(n, 20);
    }

    /// `entente sql --format parquet` writes a file any reader can open: plain UTF-8 strings
    /// (queries read them as views), every row, the values the query returned.
    #[test]
    fn sql_writes_parquet_with_plain_strings() {
        use entente_store::arrow::datatypes::DataType;
        use entente_store::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("coded.jsonl");
        let text: String = (0..3)
            .map(|i| serde_json::to_string(&event(&format!("d{i}"), "036")).unwrap() + "\n")
            .collect();
        std::fs::write(&input, text).unwrap();
        let store = dir.path().join("s");
        ok(&store, &["ingest", "events", &input.display().to_string()]);
        let out = dir.path().join("out.parquet");
        let (_, err) = ok(
            &store,
            &[
                "sql",
                "SELECT source_country, code, text, goldstein FROM events ORDER BY document",
                "--format",
                "parquet",
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert!(err.contains("(3 rows)"), "{err}");
        let reader =
            ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&out).unwrap()).unwrap();
        let schema = reader.schema().clone();
        for name in ["source_country", "code", "text"] {
            assert_eq!(schema.field_with_name(name).unwrap().data_type(), &DataType::Utf8, "{name}");
        }
        let batches: Vec<_> = reader.build().unwrap().collect::<Result<_, _>>().unwrap();
        assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 3);
        let codes = batches[0].column(1).as_any().downcast_ref::<entente_store::arrow::array::StringArray>().unwrap();
        assert_eq!(codes.value(0), "036");
    }

    #[test]
    fn the_library_api_replaces_recoded_events() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let r = store.ingest_events("a", (0..3).map(|i| event(&format!("d{i}"), "0841"))).unwrap();
        assert_eq!(r.record.rows_stored, 3);
        // Coding d0..d4 again: d0..d2 are replaced, d3 and d4 are new.
        let r = store.ingest_events("b", (0..5).map(|i| event(&format!("d{i}"), "0841"))).unwrap();
        assert_eq!((r.record.rows_stored, r.record.rows_replaced), (5, 3));
        let q = store.sql("SELECT event_id FROM events", &QueryOptions::default()).unwrap();
        assert_eq!(q.num_rows(), 5);
        // The very same batch again is a no-op.
        let r = store.ingest_events("b", (0..5).map(|i| event(&format!("d{i}"), "0841"))).unwrap();
        assert!(r.already_imported);
    }
}

mod crash {
    use super::*;
    use std::time::{Duration, Instant};

    /// A small deterministic generator (no dependency needed for 20 delays).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            self.0 >> 33
        }
    }

    fn check_consistent(store: &Path) -> u64 {
        let s = Store::open(store).expect("the store opens after a crash");
        let committed: u64 = s.manifest().imports.iter().map(|i| i.rows_stored).sum();
        let files: u64 = s.manifest().files.iter().map(|f| f.rows).sum();
        assert_eq!(committed, files, "manifest rows agree with its imports");
        let q = s
            .sql(
                "SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM events",
                &QueryOptions::default(),
            )
            .expect("the store answers SQL after a crash");
        let b = &q.batches[0];
        let col = |i: usize| {
            b.column(i)
                .as_any()
                .downcast_ref::<entente_store::arrow::array::Int64Array>()
                .unwrap()
                .value(0) as u64
        };
        assert_eq!(col(0), committed, "rows visible = rows committed");
        assert_eq!(col(0), col(1), "no event twice");
        committed
    }

    /// `store compact` killed at random moments: the store always opens with every row once,
    /// and a run left to finish merges the small files.
    #[test]
    fn compact_killed_at_random_moments_loses_nothing() {
        let Some(data) = shared() else { return };
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s");
        let files = icews_files(&data);
        let files: Vec<&str> = files.iter().map(String::as_str).take(60).collect();
        ok(&store, &[&["ingest", "icews", "--quiet"][..], &files].concat());
        let rows = check_consistent(&store);
        let before = Store::open(&store).unwrap().manifest().files.len();
        let mut rng = Lcg(0xc0ffee);
        let mut interrupted = 0;
        for round in 0..10 {
            let mut child = Command::new(env!("CARGO_BIN_EXE_entente"))
                .args(["store", "compact"])
                .env("ENTENTE_STORE", &store)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            // A debug build takes over a second to compact these files.
            std::thread::sleep(Duration::from_millis(rng.next() % 400));
            if child.try_wait().unwrap().is_none() {
                interrupted += 1;
            }
            let _ = child.kill();
            let _ = child.wait();
            assert_eq!(check_consistent(&store), rows, "round {round}");
        }
        assert!(interrupted >= 5, "only {interrupted} of 10 runs were killed mid-compaction");
        ok(&store, &["store", "compact"]);
        assert_eq!(check_consistent(&store), rows);
        let after = Store::open(&store).unwrap().manifest().files.len();
        assert!(after < before / 4, "{before} files before, {after} after");
    }

    #[test]
    fn kill_9_at_random_moments_then_finish() {
        let Some(data) = shared() else { return };
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s");
        let files = icews_files(&data);
        let files: Vec<&str> = files.iter().map(String::as_str).take(60).collect();
        let mut rng = Lcg(0x5eed);
        let mut last = 0;
        let mut interrupted = 0;
        for round in 0..20 {
            let mut child = Command::new(env!("CARGO_BIN_EXE_entente"))
                .args(["ingest", "icews", "--quiet"])
                .args(&files)
                .env("ENTENTE_STORE", &store)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            // Short delays as often as long ones: an import commits many times a second.
            let delay = Duration::from_millis(rng.next() % if round % 2 == 0 { 300 } else { 1500 });
            let t = Instant::now();
            while t.elapsed() < delay {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            if child.try_wait().unwrap().is_none() {
                interrupted += 1;
            }
            let _ = child.kill(); // SIGKILL on Unix
            let _ = child.wait();
            let rows = check_consistent(&store);
            assert!(rows >= last, "round {round}: committed rows went back from {last} to {rows}");
            last = rows;
        }
        assert!(interrupted >= 10, "only {interrupted} of 20 runs were killed mid-import");
        // Finishing the job gives exactly the expected rows, none twice.
        let (_, err) = ok(&store, &[&["ingest", "icews"][..], &files].concat());
        assert!(!err.contains("error"), "{err}");
        let expected: u64 = files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap().lines().count() as u64 - 1)
            .sum();
        assert_eq!(check_consistent(&store), expected);
        // No file outside the manifest is left behind after a writer opened the store.
        let s = Store::open(&store).unwrap();
        let listed = s.manifest().files.len();
        let mut on_disk = 0;
        for d in walk(&store) {
            if d.extension().is_some_and(|e| e == "parquet") {
                on_disk += 1;
            }
        }
        assert_eq!(listed, on_disk);
    }

    fn walk(p: &Path) -> Vec<PathBuf> {
        let mut out = vec![];
        for e in std::fs::read_dir(p).unwrap().flatten() {
            if e.path().is_dir() {
                out.extend(walk(&e.path()));
            } else {
                out.push(e.path());
            }
        }
        out
    }
}
