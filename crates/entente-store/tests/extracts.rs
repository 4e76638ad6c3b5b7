//! The extract tables `amounts`, `things`, `themes` and `quotes`: stored with the events of
//! one import, queried with SQL and joined to `events` by `(dataset, document, sentence)`,
//! replaced when documents are coded again, kept by compaction, empty in older stores.

use entente_core::extract::{AmountRow, Extracts, QuoteRow, ThemeRow, ThingRow};
use entente_core::{Date, Event};
use entente_store::arrow::util::display::{ArrayFormatter, FormatOptions};
use entente_store::{QueryOptions, Store, Table};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn event(doc: &str, sentence: u32, date: &str, code: &str) -> Event {
    Event::new(doc, sentence, day(date), "RUSGOV", "IRNGOV", code, "Russia and Iran agreed.", Default::default()).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn amount(doc: &str, sentence: u32, date: &str, start: u32, end: u32, text: &str, value: f64, unit: &str) -> AmountRow {
    AmountRow { doc_id: doc.into(), date: day(date), sentence, start, end, text: text.into(), value, unit: unit.into(), kind: match unit { "%" => "percent", "USD" => "money", _ => "quantity" }.into(), sentence_text: format!("The sentence with {text}.") }
}

fn thing(doc: &str, sentence: u32, date: &str, name: &str, category: &str, themes: &[&str]) -> ThingRow {
    ThingRow { doc_id: doc.into(), date: day(date), sentence, start: 4, end: 4 + name.chars().count() as u32, text: name.into(), name: name.into(), category: category.into(), themes: themes.iter().map(|t| t.to_string()).collect() }
}

fn theme(doc: &str, sentence: u32, date: &str, theme: &str, domain: &str) -> ThemeRow {
    ThemeRow { doc_id: doc.into(), date: day(date), sentence, theme: theme.into(), domain: domain.into(), cue: String::new() }
}

fn quote(doc: &str, sentence: u32, date: &str, speaker: &str, code: Option<&str>, words: &str) -> QuoteRow {
    QuoteRow { doc_id: doc.into(), date: day(date), sentence, start: 1, end: 1 + words.chars().count() as u32, speaker: speaker.into(), speaker_code: code.map(String::from), quote: words.into(), kind: "direct".into() }
}

/// Two documents of March and April 2023 with an event each and extracts of every kind.
fn sample() -> (Vec<Event>, Extracts) {
    let events = vec![event("d1", 0, "2023-03-10", "0211"), event("d1", 2, "2023-03-10", "036"), event("d2", 1, "2023-04-02", "061")];
    let x = Extracts {
        amounts: vec![
            amount("d1", 0, "2023-03-10", 24, 37, "$4.96 billion", 4.96e9, "USD"),
            amount("d1", 0, "2023-03-10", 42, 45, "20%", 20.0, "%"),
            amount("d2", 1, "2023-04-02", 10, 18, "7,200 km", 7200.0, "km"),
        ],
        things: vec![
            thing("d1", 2, "2023-03-10", "Shahed-136", "weapon", &["drones"]),
            thing("d2", 1, "2023-04-02", "North–South Transport Corridor", "corridor", &["transport-corridors", "trade"]),
        ],
        themes: vec![theme("d1", 0, "2023-03-10", "trade", "economic"), theme("d1", 2, "2023-03-10", "drones", "military"), theme("d2", 1, "2023-04-02", "transport-corridors", "economic")],
        quotes: vec![
            quote("d1", 2, "2023-03-10", "Foreign Minister Sergei Lavrov", Some("RUSGOV"), "Our cooperation is growing"),
            quote("d2", 1, "2023-04-02", "an official", None, "«Мы согласны»"),
        ],
    };
    (events, x)
}

/// The rows of a query as text, one `|`-joined line per row.
fn rows(store: &Store, sql: &str) -> Vec<String> {
    let r = store.sql(sql, &QueryOptions::default()).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let mut out = Vec::new();
    for b in &r.batches {
        let f: Vec<ArrayFormatter> = b.columns().iter().map(|c| ArrayFormatter::try_new(c.as_ref(), &FormatOptions::default().with_null("NULL")).unwrap()).collect();
        for i in 0..b.num_rows() {
            out.push(f.iter().map(|f| f.value(i).to_string()).collect::<Vec<_>>().join("|"));
        }
    }
    out
}

fn count(store: &Store, table: &str) -> String {
    rows(store, &format!("SELECT count(*) FROM {table}")).remove(0)
}

#[test]
fn every_table_round_trips_and_joins_events_by_document_and_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (events, x) = sample();
    let r = store.ingest_coded("batch-1", events, &x).unwrap();
    assert!(!r.already_imported);
    assert_eq!((r.record.rows_stored, r.record.extracts_stored, r.record.extracts_rejected), (3, 10, 0));
    assert!(r.rejects.is_empty());

    assert_eq!(
        rows(&store, "SELECT dataset, document, sentence, date, month, char_start, char_end, surface, value, unit, kind, file FROM amounts ORDER BY document, char_start"),
        [
            "entente|d1|0|2023-03-10|2023-03|24|37|$4.96 billion|4960000000.0|USD|money|batch-1",
            "entente|d1|0|2023-03-10|2023-03|42|45|20%|20.0|%|percent|batch-1",
            "entente|d2|1|2023-04-02|2023-04|10|18|7,200 km|7200.0|km|quantity|batch-1",
        ]
    );
    assert_eq!(
        rows(&store, "SELECT sentence_text FROM amounts ORDER BY document, char_start"),
        ["The sentence with $4.96 billion.", "The sentence with 20%.", "The sentence with 7,200 km."],
        "an amount keeps its sentence, to cite a figure whose sentence gave no event"
    );
    assert_eq!(
        rows(&store, "SELECT document, sentence, char_start, char_end, surface, name, category, array_to_string(themes, ',') FROM things ORDER BY document"),
        ["d1|2|4|14|Shahed-136|Shahed-136|weapon|drones", "d2|1|4|34|North–South Transport Corridor|North–South Transport Corridor|corridor|transport-corridors,trade"]
    );
    assert_eq!(rows(&store, "SELECT name FROM things WHERE array_has(themes, 'trade')"), ["North–South Transport Corridor"]);
    assert_eq!(
        rows(&store, "SELECT document, sentence, theme, domain, cue FROM themes ORDER BY document, sentence"),
        ["d1|0|trade|economic|NULL", "d1|2|drones|military|NULL", "d2|1|transport-corridors|economic|NULL"]
    );
    assert_eq!(
        rows(&store, "SELECT document, sentence, char_start, char_end, speaker, speaker_code, quote, kind FROM quotes ORDER BY document"),
        ["d1|2|1|27|Foreign Minister Sergei Lavrov|RUSGOV|Our cooperation is growing|direct", "d2|1|1|14|an official|NULL|«Мы согласны»|direct"]
    );

    // The natural join: the events coded from the sentence each figure comes from.
    assert_eq!(
        rows(&store, "SELECT a.document, e.code, a.value, a.unit FROM amounts a JOIN events e USING (dataset, document, sentence) ORDER BY a.document, a.value"),
        ["d1|0211|20.0|%", "d1|0211|4960000000.0|USD", "d2|061|7200.0|km"]
    );
    assert_eq!(
        rows(&store, "SELECT q.speaker_code, e.code, t.name FROM quotes q JOIN events e ON q.document = e.document AND q.sentence = e.sentence JOIN things t ON t.document = q.document AND t.sentence = q.sentence WHERE q.speaker_code IS NOT NULL"),
        ["RUSGOV|036|Shahed-136"]
    );
    // Themes per domain and month, as the guide will ask.
    assert_eq!(
        rows(&store, "SELECT domain, month, count(*) FROM themes GROUP BY 1, 2 ORDER BY 1, 2"),
        ["economic|2023-03|1", "economic|2023-04|1", "military|2023-03|1"]
    );

    // The files: one per table and month, in each table's own folder, listed with their
    // documents' range; the events folder holds events only.
    let m = store.manifest();
    for t in Table::EXTRACTS {
        let files: Vec<_> = m.files_of(t).collect();
        assert_eq!(files.len(), 2, "{t}");
        for f in files {
            assert!(f.path.starts_with(&format!("{t}/dataset=entente/month=2023-0")), "{}", f.path);
            assert!(f.min_doc.is_some() && f.min_doc <= f.max_doc);
            assert!(dir.path().join(&f.path).exists());
        }
    }
    assert!(m.files_of(Table::Events).all(|f| f.path.starts_with("dataset=entente/")));
    assert_eq!(m.imports.len(), 1, "events and extracts are one import");
}

#[test]
fn coding_documents_again_replaces_their_extracts_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (events, x) = sample();
    store.ingest_coded("run-1", events.clone(), &x).unwrap();
    let before = store.manifest().generation;

    // The same import again: a no-op.
    let r = store.ingest_coded("run-1", events.clone(), &x).unwrap();
    assert!(r.already_imported);
    assert_eq!(store.manifest().generation, before);

    // Under another label it is the same content, a no-op too; the same documents coded again
    // with one event more are a new import, and their extracts do not double.
    assert!(store.ingest_coded("run-1-renamed", events.clone(), &x).unwrap().already_imported);
    let mut more = events.clone();
    more.push(event("d2", 3, "2023-04-02", "036"));
    let r = store.ingest_coded("run-1b", more, &x).unwrap();
    assert!(!r.already_imported);
    assert_eq!((r.record.extracts_stored, r.record.extracts_replaced), (10, 10));
    for (t, n) in [("amounts", "3"), ("things", "2"), ("themes", "3"), ("quotes", "2"), ("events", "4")] {
        assert_eq!(count(&store, t), n, "{t}");
    }

    // d1 coded again by a better extractor: one amount (corrected), no quote, no thing; d2 is
    // not in this import and keeps everything.
    let mut fixed = amount("d1", 0, "2023-03-10", 24, 37, "$4.96 billion", 4.96e9, "USD");
    fixed.kind = "trade".into();
    let x2 = Extracts { amounts: vec![fixed], themes: vec![theme("d1", 0, "2023-03-10", "trade", "economic")], ..Default::default() };
    let r = store.ingest_coded("run-2", vec![event("d1", 0, "2023-03-10", "0211")], &x2).unwrap();
    assert_eq!((r.record.extracts_stored, r.record.extracts_replaced), (2, 6));
    assert_eq!(rows(&store, "SELECT document, kind FROM amounts ORDER BY document"), ["d1|trade", "d2|quantity"]);
    assert_eq!(rows(&store, "SELECT document FROM things"), ["d2"]);
    assert_eq!(rows(&store, "SELECT document FROM quotes"), ["d2"]);
    assert_eq!(count(&store, "themes"), "2");

    // Events alone (`ingest_events`, or an empty `Extracts`) leave the extracts as they are.
    store.ingest_events("events-only", vec![event("d2", 1, "2023-04-02", "061"), event("d1", 0, "2023-03-10", "0211")]).unwrap();
    store.ingest_coded("empty", vec![event("d2", 1, "2023-04-02", "042")], &Extracts::default()).unwrap();
    assert_eq!(count(&store, "amounts"), "2");
    assert_eq!(count(&store, "things"), "1");

    // Replaced rows' old files are gone from the disk, and the store reopens the same.
    let live: Vec<String> = store.manifest().files.iter().map(|f| f.path.clone()).collect();
    for t in Table::EXTRACTS {
        for e in walk(&dir.path().join(t.name())) {
            let rel = e.strip_prefix(dir.path()).unwrap().to_string_lossy().into_owned();
            assert!(live.contains(&rel), "{rel} is not live but still on disk");
        }
    }
    let again = Store::open(dir.path()).unwrap();
    assert_eq!(count(&again, "amounts"), "2");
}

#[test]
fn repeats_within_one_import_are_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = amount("d1", 0, "2023-03-10", 24, 37, "$4.96 billion", 4.96e9, "USD");
    let mut later = a.clone();
    later.value = 4.97e9;
    let x = Extracts { amounts: vec![a, later], themes: vec![theme("d1", 0, "2023-03-10", "trade", "economic"); 3], ..Default::default() };
    let r = store.ingest_coded("t", Vec::<Event>::new(), &x).unwrap();
    assert_eq!((r.record.extracts_stored, r.record.extracts_replaced), (2, 3));
    assert_eq!(rows(&store, "SELECT value FROM amounts"), ["4970000000.0"], "the last one wins");
    assert_eq!(count(&store, "themes"), "1");
}

#[test]
fn malformed_rows_are_skipped_with_their_document_and_sentence_and_the_rest_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (events, mut x) = sample();
    x.amounts.push(amount("d3", 4, "2023-03-11", 0, 3, "NaN", f64::NAN, "USD"));
    x.amounts.push(amount("d3", 5, "2023-03-11", 0, 3, "ten", 10.0, " "));
    x.amounts.push(amount("d3", 6, "2023-03-11", 9, 3, "$5", 5.0, "USD"));
    x.things.push(thing("d4", 1, "2023-03-11", "", "weapon", &[]));
    x.themes.push(theme("d4", 2, "2023-03-11", "drones", ""));
    x.quotes.push(quote("d4", 3, "2023-03-11", "he", None, ""));
    let r = store.ingest_coded("bad", events, &x).unwrap();
    assert_eq!((r.record.extracts_stored, r.record.extracts_rejected), (10, 6));
    let reasons: Vec<&str> = r.rejects.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            r#"amount in document "d3", sentence 4: value NaN is not a finite number"#,
            r#"amount in document "d3", sentence 5: unit is empty"#,
            r#"amount in document "d3", sentence 6: span end 3 is not after its start 9"#,
            r#"thing in document "d4", sentence 1: span end 4 is not after its start 4; name is empty"#,
            r#"theme in document "d4", sentence 2: domain is empty"#,
            r#"quote in document "d4", sentence 3: span end 1 is not after its start 1; quote is empty"#,
        ]
    );
    assert_eq!(r.rejects.iter().map(|r| r.line).collect::<Vec<_>>(), [4, 5, 6, 3, 4, 3], "positions in their lists");
    assert_eq!(count(&store, "amounts"), "3");
    assert_eq!(store.manifest().imports[0].extracts_rejected, 6);
}

#[test]
fn compaction_keeps_every_extract_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    for i in 0..4 {
        let doc = format!("doc-{i}");
        let x = Extracts {
            amounts: vec![amount(&doc, 0, "2023-03-10", 0, 3, "20%", 20.0 + f64::from(i), "%")],
            things: vec![thing(&doc, 0, "2023-03-10", "BRICS", "organisation", &["blocs"])],
            themes: vec![theme(&doc, 0, "2023-03-10", "blocs", "political")],
            quotes: vec![quote(&doc, 0, "2023-03-10", "Putin", Some("RUSGOV"), "BRICS grows")],
        };
        store.ingest_coded(&format!("b{i}"), vec![event(&doc, 0, "2023-03-10", "036")], &x).unwrap();
    }
    let before: Vec<Vec<String>> = Table::EXTRACTS.iter().map(|t| rows(&store, &format!("SELECT * FROM {t} ORDER BY document"))).collect();
    assert_eq!(store.manifest().files_of(Table::Amounts).count(), 4);
    let r = store.compact().unwrap();
    assert_eq!(r.groups, 5, "events and the four extract tables of one month");
    for t in Table::EXTRACTS {
        let files: Vec<_> = store.manifest().files_of(t).collect();
        assert_eq!(files.len(), 1, "{t}");
        assert_eq!((files[0].min_doc.as_deref(), files[0].max_doc.as_deref()), (Some("doc-0"), Some("doc-3")));
    }
    let after: Vec<Vec<String>> = Table::EXTRACTS.iter().map(|t| rows(&store, &format!("SELECT * FROM {t} ORDER BY document"))).collect();
    assert_eq!(before, after);
    assert_eq!(rows(&store, "SELECT count(*) FROM amounts a JOIN events e USING (dataset, document, sentence)"), ["4"]);
    // Replacing after compaction reads the merged file.
    store.ingest_coded("again", Vec::<Event>::new(), &Extracts { themes: vec![theme("doc-2", 0, "2023-03-10", "elections", "political")], ..Default::default() }).unwrap();
    assert_eq!(count(&store, "amounts"), "3");
    assert_eq!(rows(&store, "SELECT theme FROM themes WHERE document = 'doc-2'"), ["elections"]);
}

#[test]
fn a_store_written_before_the_extract_tables_opens_and_they_are_empty() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.ingest_events("old", vec![event("d1", 0, "2023-03-10", "036")]).unwrap();
    }
    // What such a store's manifest looks like: no extract files, no new fields.
    let text = std::fs::read_to_string(dir.path().join("manifest.json")).unwrap();
    assert!(!text.contains("min_doc") && !text.contains("extracts_"), "{text}");
    let store = Store::open(dir.path()).unwrap();
    for t in ["amounts", "things", "themes", "quotes"] {
        assert_eq!(count(&store, t), "0", "{t}");
    }
    assert_eq!(rows(&store, "SELECT count(*) FROM events e LEFT JOIN amounts a USING (dataset, document, sentence) WHERE a.value IS NULL"), ["1"]);
    // Columns are there to query even when empty.
    assert!(rows(&store, "SELECT unit, value FROM amounts WHERE unit = 'USD'").is_empty());
    assert!(rows(&store, "SELECT name FROM things WHERE array_has(themes, 'drones')").is_empty());
}

#[test]
fn extract_files_a_failed_import_left_behind_are_not_read_and_are_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (events, x) = sample();
    store.ingest_coded("one", events, &x).unwrap();
    // A crash after writing part files and before the manifest rename leaves unlisted files.
    let listed = store.manifest().files_of(Table::Amounts).next().unwrap().path.clone();
    let stray = dir.path().join(listed.replace("part-", "part-9"));
    std::fs::copy(dir.path().join(&listed), &stray).unwrap();
    assert_eq!(count(&Store::open(dir.path()).unwrap(), "amounts"), "3", "only the manifest's files are read");
    drop(store);
    let mut store = Store::open(dir.path()).unwrap();
    store.ingest_events("next", vec![event("d9", 0, "2023-05-01", "036")]).unwrap();
    assert!(!stray.exists(), "the next writer deletes it");
    assert_eq!(count(&store, "amounts"), "3");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if e.path().is_dir() {
                out.extend(walk(&e.path()));
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

#[test]
fn a_coded_file_with_extract_records_among_its_events_is_one_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("store")).unwrap();
    let (events, x) = sample();
    let mut text = String::new();
    for e in &events {
        text += &serde_json::to_string(e).unwrap();
        text.push('\n');
    }
    for r in x.records() {
        text += &serde_json::to_string(&r).unwrap();
        text.push('\n');
    }
    text += r#"{"record":"amount","doc_id":"d5","date":"2023-03-10","sentence":2,"start":5,"end":1,"text":"x","value":1.0,"unit":"USD","kind":"money"}"#;
    text.push('\n');
    let path = dir.path().join("coded.jsonl");
    std::fs::write(&path, &text).unwrap();
    let opts = entente_store::IngestOptions { threads: 2, ..Default::default() };
    let r = store.ingest_file(entente_store::Format::Events, &path, &opts).unwrap();
    let rec = &r.record;
    assert_eq!((rec.rows_read, rec.rows_stored, rec.rows_rejected), (3, 3, 0), "rows_* count events");
    assert_eq!((rec.extracts_stored, rec.extracts_rejected), (10, 1));
    assert_eq!(r.rejects.len(), 1);
    assert_eq!(r.rejects[0].line, 14, "the record's line in the file");
    assert!(r.rejects[0].reason.contains(r#"document "d5", sentence 2"#), "{}", r.rejects[0].reason);
    assert_eq!(store.manifest().imports.len(), 1);
    assert_eq!(
        rows(&store, "SELECT a.surface, e.code FROM amounts a JOIN events e USING (dataset, document, sentence) ORDER BY a.char_start DESC"),
        ["20%|0211", "$4.96 billion|0211", "7,200 km|061"]
    );
    assert_eq!(count(&store, "quotes"), "2");
    // The same file again is a no-op; a line that is neither an event nor a record is rejected.
    assert!(store.ingest_file(entente_store::Format::Events, &path, &opts).unwrap().already_imported);
    std::fs::write(&path, format!("{text}{}\n", r#"{"record":"nonsense","doc_id":"d6"}"#)).unwrap();
    let r = store.ingest_file(entente_store::Format::Events, &path, &opts).unwrap();
    assert_eq!((r.record.rows_rejected, r.record.extracts_stored, r.record.extracts_replaced), (1, 10, 10));
    assert!(r.rejects.iter().any(|r| r.line == 15 && r.reason.starts_with("not an extract record")), "{:?}", r.rejects);
    assert_eq!(count(&store, "amounts"), "3");
}

#[test]
fn an_amounts_file_written_before_sentence_text_reads_it_as_null() {
    use entente_store::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use entente_store::parquet::arrow::ArrowWriter;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (events, x) = sample();
    store.ingest_coded("batch-1", events, &x).unwrap();
    // Rewrite every amounts file without the column, as the store wrote them before it existed.
    let files: Vec<_> = walk(&dir.path().join("amounts")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "parquet")).collect();
    assert!(!files.is_empty());
    for f in files {
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&f).unwrap()).unwrap().build().unwrap();
        let batches: Vec<_> = reader.map(|b| b.unwrap()).collect();
        let keep: Vec<usize> = (0..batches[0].num_columns()).filter(|&i| batches[0].schema().field(i).name() != "sentence_text").collect();
        let old: Vec<_> = batches.iter().map(|b| b.project(&keep).unwrap()).collect();
        let mut w = ArrowWriter::try_new(std::fs::File::create(&f).unwrap(), old[0].schema(), None).unwrap();
        for b in &old {
            w.write(b).unwrap();
        }
        w.close().unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(rows(&store, "SELECT count(*), count(sentence_text) FROM amounts"), ["3|0"]);
    assert_eq!(rows(&store, "SELECT surface FROM amounts WHERE unit = 'km'"), ["7,200 km"]);
}
