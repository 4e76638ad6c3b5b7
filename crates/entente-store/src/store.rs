//! [`Store`]: open a store directory, import files into it, read its manifest.

use crate::import::{self, coded, Chunk, Rejected, RunStats};
use crate::input;
use crate::manifest::{ImportRecord, Manifest, PartFile, WriteLock, FORMAT_VERSION, MANIFEST};
use crate::schema::Table;
use crate::writer::{self, PartSink};
use crate::{Error, Result};
use crate::extract;
use entente_core::{Event, Extracts};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// The input formats the store imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// GDELT 1.0 (57 or 58 columns) and 2.0 (61 columns) event files → dataset `gdelt`.
    Gdelt,
    /// GDELT 2.0 mentions → table `mentions`, dataset `gdelt-mentions`.
    GdeltMentions,
    /// ICEWS event files → dataset `icews`.
    Icews,
    /// entente's coded events as JSON Lines → dataset `entente`.
    Events,
}

impl Format {
    /// The dataset name rows of this format are stored under.
    pub fn dataset(self) -> &'static str {
        match self {
            Format::Gdelt => "gdelt",
            Format::GdeltMentions => "gdelt-mentions",
            Format::Icews => "icews",
            Format::Events => "entente",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        Ok(match s {
            "gdelt" => Format::Gdelt,
            "gdelt-mentions" | "mentions" => Format::GdeltMentions,
            "icews" => Format::Icews,
            "events" | "entente" => Format::Events,
            _ => {
                return Err(Error::Usage(format!(
                    "unknown format {s:?}: expected gdelt, gdelt-mentions, icews or events"
                )))
            }
        })
    }
}

/// Settings of an import.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Parser threads (the reader and the Parquet writer run on two more).
    pub threads: usize,
    /// Incremented with the bytes of the input file read so far (for a progress bar).
    pub progress: Arc<AtomicU64>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            progress: Arc::new(AtomicU64::new(0)),
        }
    }
}

/// What one import did.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The input.
    pub file: PathBuf,
    /// `true` when the file had been imported before (same dataset and content): nothing done.
    pub already_imported: bool,
    /// `true` when the file holds no data row (0 bytes, an empty gzip, a zip of folders only, a
    /// header alone): nothing done, no import recorded, no new generation; `record` has the
    /// file's size and hash and zero counts, and is not in the manifest.
    pub empty: bool,
    /// The import as recorded in the manifest (the earlier record when `already_imported`).
    pub record: ImportRecord,
    /// The first malformed rows with their line and reason (all are counted in `record`).
    pub rejects: Vec<Rejected>,
}

/// An event store: a directory of Parquet files listed by an atomically replaced manifest.
///
/// Reading needs no lock. The first write takes an exclusive OS file lock (released when the
/// `Store` is dropped or the process dies), reloads the manifest and deletes files that a
/// crashed import left behind.
pub struct Store {
    root: PathBuf,
    manifest: Manifest,
    lock: Option<WriteLock>,
}

impl Store {
    /// Opens the store at `root`. A directory that does not exist yet is an empty store; it
    /// is created by the first import.
    ///
    /// A store written by an earlier entente is upgraded to the current format first (see
    /// [`Store::upgrade`]), which needs write access to it once; when the upgrade fails the
    /// error says so and how to re-import instead.
    pub fn open(root: impl AsRef<Path>) -> Result<Store> {
        let root = root.as_ref().to_path_buf();
        let manifest = Manifest::load(&root)?;
        let mut store = Store { root, manifest, lock: None };
        if store.manifest.version < FORMAT_VERSION {
            let from = store.manifest.version;
            match store.upgrade() {
                Ok(r) => eprintln!(
                    "upgraded the store at {} from format {from} to {FORMAT_VERSION}: country \
                     columns hold ISO 3166-1 alpha-3 codes, CAMEO regions are NULL ({} of {} \
                     event files rewritten)",
                    store.root.display(),
                    r.files_rewritten,
                    r.event_files
                ),
                Err(e) => return Err(store.upgrade_failed(from, e)),
            }
            // A reader does not keep the write lock it took for the upgrade.
            store.lock = None;
        }
        Ok(store)
    }

    /// Brings a store of an earlier format to the current one: format 1's country columns
    /// (GDELT's CAMEO codes as GDELT wrote them: `ROM` for Romania, regions such as `EUR` as
    /// if they were countries) become ISO 3166-1 alpha-3 codes, NULL for regions, in the event
    /// files where a value changes. The raw actor codes (`source`, `target`) are not touched.
    /// Committed by one manifest rename, as an import is: a crash leaves the old store, which
    /// the next open upgrades again. [`Store::open`] calls it; a current store is left as it is.
    pub fn upgrade(&mut self) -> Result<UpgradeReport> {
        let mut report = UpgradeReport::default();
        if self.manifest.version >= FORMAT_VERSION {
            return Ok(report);
        }
        self.lock()?;
        if self.manifest.version >= FORMAT_VERSION {
            // Another process upgraded it while this one waited for the lock.
            return Ok(report);
        }
        let generation = self.manifest.generation + 1;
        let mut namer = Namer { generation, next: 0 };
        let (mut gone, mut added): (Vec<PartFile>, Vec<PartFile>) = (Vec::new(), Vec::new());
        let events: Vec<PartFile> = self.manifest.files_of(Table::Events).cloned().collect();
        report.event_files = events.len();
        for f in &events {
            let mut changes = false;
            let rewritten = writer::for_each_batch(&self.root, f, |b| {
                changes = changes || crate::upgrade::iso_countries(b)?.is_some();
                Ok(())
            })
            .and_then(|()| {
                if !changes {
                    return Ok(None);
                }
                writer::rewrite_with(&self.root, f, namer.next_for(f), |b| {
                    Ok(crate::upgrade::iso_countries(&b)?.unwrap_or(b))
                })
                .map(Some)
            });
            match rewritten {
                Ok(Some(nf)) => {
                    gone.push(f.clone());
                    added.push(nf);
                }
                Ok(None) => {}
                Err(e) => {
                    for a in &added {
                        let _ = fs::remove_file(self.root.join(&a.path));
                    }
                    return Err(e);
                }
            }
        }
        report.files_rewritten = added.len();
        let mut next = self.manifest.clone();
        let old: HashSet<&str> = gone.iter().map(|f| f.path.as_str()).collect();
        next.files.retain(|f| !old.contains(f.path.as_str()));
        next.files.extend(added);
        next.version = FORMAT_VERSION;
        next.generation = generation;
        next.commit(&self.root)?;
        self.manifest = next;
        for f in gone {
            let _ = fs::remove_file(self.root.join(&f.path));
        }
        Ok(report)
    }

    /// The error for a store of format `from` whose upgrade failed with `e`: what happened,
    /// and the two ways out (make it writable, or import its files again into a new store).
    fn upgrade_failed(&self, from: u32, e: Error) -> Error {
        let mut files: Vec<String> = Vec::new();
        for i in &self.manifest.imports {
            // `entente ingest` names the coded events' format `events`; the dataset is `entente`.
            let format = if i.dataset == "entente" { "events" } else { i.dataset.as_str() };
            let line = format!("entente ingest {format} {}", i.file);
            if !files.contains(&line) {
                files.push(line);
            }
        }
        let shown = files.len().min(5);
        let more = if files.len() > shown {
            format!("\n  … and {} more (listed in {}/{MANIFEST})", files.len() - shown, self.root.display())
        } else {
            String::new()
        };
        Error::Version {
            path: self.root.clone(),
            reason: format!(
                "this store was written by an earlier entente (store format {from}, in which \
                 GDELT's country columns hold CAMEO codes such as ROM for Romania and regions \
                 such as EUR). entente upgrades it to format {FORMAT_VERSION} (ISO 3166-1 \
                 alpha-3 country codes) when it is opened, but the upgrade failed: {e}.\n\
                 The store is unchanged: remove the cause (a read-only directory, a full disk) \
                 and run the command again, or import its files \
                 again into a new, empty store (--store NEW or ENTENTE_STORE=NEW):\n  {}{more}",
                files[..shown].join("\n  ")
            ),
        }
    }

    /// The store directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The committed state: imports and live files.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    fn lock(&mut self) -> Result<()> {
        if self.lock.is_some() {
            return Ok(());
        }
        fs::create_dir_all(&self.root).map_err(Error::io(&self.root))?;
        self.lock = Some(WriteLock::acquire(&self.root)?);
        self.manifest = Manifest::load(&self.root)?;
        self.collect_garbage()
    }

    /// Deletes Parquet files the manifest does not list (left by a crashed or failed import,
    /// or replaced by a later one) and a half-written manifest. Needs the lock.
    fn collect_garbage(&self) -> Result<()> {
        let live: HashSet<&str> = self.manifest.files.iter().map(|f| f.path.as_str()).collect();
        let _ = fs::remove_file(self.root.join(format!("{MANIFEST}.tmp")));
        // `dataset=…` folders at the root (events, mentions) and in each extract table's folder.
        let mut bases: Vec<(PathBuf, String)> = vec![(self.root.clone(), String::new())];
        bases.extend(Table::EXTRACTS.iter().filter_map(|t| t.dir()).map(|d| (self.root.join(d), format!("{d}/"))));
        for (base, prefix) in bases {
            let Ok(datasets) = fs::read_dir(&base) else {
                continue;
            };
            self.collect_garbage_in(datasets, &prefix, &live)?;
        }
        Ok(())
    }

    fn collect_garbage_in(&self, datasets: fs::ReadDir, prefix: &str, live: &HashSet<&str>) -> Result<()> {
        for d in datasets.flatten() {
            let dname = d.file_name().to_string_lossy().into_owned();
            if !dname.starts_with("dataset=") || !d.path().is_dir() {
                continue;
            }
            for m in fs::read_dir(d.path()).map_err(Error::io(d.path()))?.flatten() {
                let mname = m.file_name().to_string_lossy().into_owned();
                if !mname.starts_with("month=") || !m.path().is_dir() {
                    continue;
                }
                for f in fs::read_dir(m.path()).map_err(Error::io(m.path()))?.flatten() {
                    let fname = f.file_name().to_string_lossy().into_owned();
                    let rel = format!("{prefix}{dname}/{mname}/{fname}");
                    if fname.ends_with(".parquet") && !live.contains(rel.as_str()) {
                        fs::remove_file(f.path()).map_err(Error::io(f.path()))?;
                    }
                }
            }
        }
        Ok(())
    }

    fn find_import(&self, dataset: &str, sha256: &str) -> Option<&ImportRecord> {
        self.manifest.imports.iter().find(|i| i.dataset == dataset && i.sha256 == sha256)
    }

    /// Imports one file (plain, gzip or zip) in `format`. Malformed rows are skipped and
    /// counted; a file that is not in `format` at all is an error and leaves the store as it
    /// was. Importing a file already imported (same content) does nothing.
    pub fn ingest_file(
        &mut self,
        format: Format,
        path: &Path,
        opts: &IngestOptions,
    ) -> Result<ImportReport> {
        self.ingest_file_named(format, path, path, opts)
    }

    /// [`Store::ingest_file`], reading `path` but naming the input `name` in the import log,
    /// the report and the reasons of malformed rows (`entente ingest FORMAT -` spools standard
    /// input to a temporary file and names it `<stdin>`).
    pub fn ingest_file_named(
        &mut self,
        format: Format,
        path: &Path,
        name: &Path,
        opts: &IngestOptions,
    ) -> Result<ImportReport> {
        self.lock()?;
        let dataset = format.dataset();
        let size = fs::metadata(path).map_err(Error::io(path))?.len();
        // Hashing first costs a read of the file; only do it when a same-sized import exists.
        if self.manifest.imports.iter().any(|i| i.dataset == dataset && i.size == size) {
            let sha = input::hash_file(path)?;
            if let Some(rec) = self.find_import(dataset, &sha) {
                return Ok(ImportReport {
                    file: name.to_path_buf(),
                    already_imported: true,
                    empty: false,
                    record: rec.clone(),
                    rejects: vec![],
                });
            }
        }
        let generation = self.manifest.generation + 1;
        let coded_parser = coded::CodedJsonl::default();
        let mentions;
        let parser: &dyn import::LineParser = match format {
            Format::Gdelt => &import::gdelt::Gdelt,
            Format::Icews => &import::icews::Icews,
            Format::Events => &coded_parser,
            Format::GdeltMentions => {
                mentions = import::mentions::Mentions::new();
                &mentions
            }
        };
        let n_sinks = opts.threads.max(1);
        let share = crate::writer::buffer_budget() / n_sinks;
        let mut sinks: Vec<PartSink> = (0..n_sinks as u32)
            .map(|w| {
                PartSink::new(&self.root, parser.table(), dataset, generation, w).with_budget(share)
            })
            .collect();
        // Each member of a zip archive is read as a file of its own (its own first line, line
        // numbers and provenance `ARCHIVE/MEMBER`), all in one import.
        let result = input::with_input(path, opts.progress.clone(), |r, member| {
            let label = member.map_or_else(|| name.to_path_buf(), |m| name.join(m));
            let mut stats = import::run(parser, &label, dataset, r, &mut sinks)?;
            for x in &mut stats.rejects {
                x.member = member.map(str::to_string);
            }
            Ok(stats)
        });
        let (runs, info) = match result {
            Ok(v) => v,
            Err(e) => {
                sinks.into_iter().for_each(PartSink::abandon);
                return Err(e);
            }
        };
        let mut stats = RunStats::default();
        runs.into_iter().for_each(|run| stats.then(run));
        // No data row at all (a 0-byte file, an empty gzip, a zip of folders, a header alone):
        // nothing to import, so no import record and no new generation; the file is not
        // remembered either, and importing it again reports the same.
        if stats.rows_read == 0 {
            sinks.into_iter().for_each(PartSink::abandon);
            return Ok(ImportReport {
                file: name.to_path_buf(),
                already_imported: false,
                empty: true,
                record: ImportRecord {
                    dataset: dataset.to_string(),
                    file: name.display().to_string(),
                    size: info.size,
                    sha256: info.sha256,
                    rows_read: 0,
                    rows_stored: 0,
                    rows_rejected: 0,
                    rows_replaced: 0,
                    committed_at: 0,
                    extracts_stored: 0,
                    extracts_rejected: 0,
                    extracts_replaced: 0,
                },
                rejects: vec![],
            });
        }
        let mut files = Vec::new();
        for sink in sinks {
            files.extend(sink.finish()?);
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        // Extract records among coded events: stored with them, in the same commit.
        let mut extracts = None;
        if format == Format::Events {
            let fx = coded_parser.take();
            stats.rows_read -= fx.records.min(stats.rows_read);
            if !fx.extracts.is_empty() {
                let c = extract::check(&fx.extracts, Some(&fx.lines));
                let label = name.display().to_string();
                match self.write_extracts(&c, dataset, &label, generation) {
                    Ok(xf) => extracts = Some(ExtractPart::new(c, xf, fx.event_docs)),
                    Err(e) => {
                        for f in &files {
                            let _ = fs::remove_file(self.root.join(&f.path));
                        }
                        return Err(e);
                    }
                }
            }
        }
        self.commit(
            name.display().to_string(),
            dataset,
            parser.table(),
            info.size,
            info.sha256,
            stats,
            files,
            generation,
            extracts,
        )
        .map(|(record, rejects)| ImportReport {
            file: name.to_path_buf(),
            already_imported: false,
            empty: false,
            record,
            rejects,
        })
    }

    /// Stores coded events (dataset `entente`), e.g. straight from the coder. `label` names
    /// the batch in the import log (the input file, say). Each event's id is derived from its
    /// document, sentence, actors and code, so storing the same events again replaces them.
    /// The extract tables are not touched (see [`Store::ingest_coded`]).
    pub fn ingest_events<I>(&mut self, label: &str, events: I) -> Result<ImportReport>
    where
        I: IntoIterator<Item = Event>,
    {
        self.ingest_coded(label, events, &Extracts::default())
    }

    /// Stores coded events and what the coder extracted from their documents (amounts, named
    /// things, themes, quotes: the tables `amounts`, `things`, `themes`, `quotes`) as **one**
    /// import: both become visible with the same manifest rename, or neither does.
    ///
    /// Events are stored as by [`Store::ingest_events`]. When `extracts` is not empty it is
    /// taken as everything extracted from the documents this import names (in its events or its
    /// extracts): the extract rows of earlier imports of those documents are replaced, so coding
    /// a document again never duplicates its rows, and a document that now yields fewer loses
    /// the old ones. Within the import, rows with the same key (document, sentence, span and
    /// kind; for themes document, sentence and theme) are stored once, the last kept. A
    /// malformed row (a value that is not a finite number, an empty unit, name, category,
    /// theme, domain or quote, a span whose end is not after its start) is skipped with a reason
    /// naming its document and sentence (in [`ImportReport::rejects`], its `line` being its
    /// 1-based position in its list) and counted (`ImportRecord::extracts_rejected`); the rest is
    /// stored. With empty `extracts` this is exactly [`Store::ingest_events`].
    pub fn ingest_coded<I>(&mut self, label: &str, events: I, extracts: &Extracts) -> Result<ImportReport>
    where
        I: IntoIterator<Item = Event>,
    {
        self.lock()?;
        let dataset = Format::Events.dataset();
        let generation = self.manifest.generation + 1;
        let mut sink = PartSink::new(&self.root, Table::Events, dataset, generation, 0);
        let mut stats = RunStats::default();
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        let mut chunk = Chunk::new(Table::Events);
        let checked = (!extracts.is_empty()).then(|| extract::check(extracts, None));
        let mut event_docs: HashSet<String> = HashSet::new();
        let flush = |chunk: Chunk, sink: &mut PartSink, stats: &mut RunStats| -> Result<()> {
            stats.rows_stored += chunk.len();
            stats.ids.then(&chunk.ids);
            for (k, b) in chunk.finish(dataset, label) {
                sink.write(k, &b)?;
            }
            Ok(())
        };
        let mut failed = None;
        for (i, e) in events.into_iter().enumerate() {
            let json = serde_json::to_vec(&e).unwrap_or_default();
            size += json.len() as u64;
            hasher.update(&json);
            stats.rows_read += 1;
            if checked.is_some() && !event_docs.contains(&e.doc_id) {
                event_docs.insert(e.doc_id.clone());
            }
            if let Err(reason) = coded::push(&e, i as u64 + 1, &mut chunk) {
                stats.rows_rejected += 1;
                if stats.rejects.len() < import::KEEP_REJECTS {
                    stats.rejects.push(Rejected { member: None, line: i as u64 + 1, reason });
                }
            }
            if chunk.len() >= 64 * 1024 {
                let full = std::mem::replace(&mut chunk, Chunk::new(Table::Events));
                if let Err(e) = flush(full, &mut sink, &mut stats) {
                    failed = Some(e);
                    break;
                }
            }
        }
        if failed.is_none() {
            if let Err(e) = flush(chunk, &mut sink, &mut stats) {
                failed = Some(e);
            }
        }
        if let Some(e) = failed {
            sink.abandon();
            return Err(e);
        }
        if checked.is_some() {
            hash_extracts(&mut hasher, &mut size, extracts);
        }
        let sha = format!("{:x}", hasher.finalize());
        if let Some(rec) = self.find_import(dataset, &sha).cloned() {
            sink.abandon();
            return Ok(ImportReport {
                file: label.into(),
                already_imported: true,
                empty: false,
                record: rec,
                rejects: vec![],
            });
        }
        let files = sink.finish()?;
        let extracts = match checked {
            None => None,
            Some(c) => match self.write_extracts(&c, dataset, label, generation) {
                Ok(xf) => Some(ExtractPart::new(c, xf, event_docs)),
                Err(e) => {
                    for f in &files {
                        let _ = fs::remove_file(self.root.join(&f.path));
                    }
                    return Err(e);
                }
            },
        };
        let (record, rejects) = self.commit(
            label.to_string(),
            dataset,
            Table::Events,
            size,
            sha,
            stats,
            files,
            generation,
            extracts,
        )?;
        Ok(ImportReport { file: label.into(), already_imported: false, empty: false, record, rejects })
    }

    /// Replaces re-emitted events, then writes the new manifest: the moment the import
    /// becomes visible.
    #[allow(clippy::too_many_arguments)]
    fn commit(
        &mut self,
        file: String,
        dataset: &str,
        table: Table,
        size: u64,
        sha256: String,
        mut stats: RunStats,
        mut files: Vec<PartFile>,
        generation: u64,
        extracts: Option<ExtractPart>,
    ) -> Result<(ImportRecord, Vec<Rejected>)> {
        let mut removed: Vec<PartFile> = Vec::new();
        let mut replaced = 0u64;
        let mut namer = Namer { generation, next: 0 };
        if table == Table::Events && !files.is_empty() {
            let (dups, remaining) = self.dedup_within(&files, stats.ids.increasing, &mut namer)?;
            stats.rows_stored -= dups;
            replaced += dups;
            files = remaining;
            let (n, gone, added) = self.replace_earlier(dataset, &files, &mut namer)?;
            replaced += n;
            removed = gone;
            files.extend(added);
        }
        let (mut x_stored, mut x_rejected, mut x_replaced) = (0, 0, 0);
        if let Some(x) = extracts {
            let (n, gone, added) = match self.replace_documents(dataset, &x.docs, &mut namer) {
                Ok(v) => v,
                Err(e) => {
                    for f in files.iter().chain(&x.files) {
                        let _ = fs::remove_file(self.root.join(&f.path));
                    }
                    return Err(e);
                }
            };
            removed.extend(gone);
            files.extend(x.files);
            files.extend(added);
            (x_stored, x_rejected, x_replaced) = (x.stored, x.rejected, n + x.repeated);
            stats.rejects.extend(x.rejects);
        }
        let record = ImportRecord {
            dataset: dataset.to_string(),
            file,
            size,
            sha256,
            rows_read: stats.rows_read,
            rows_stored: stats.rows_stored,
            rows_rejected: stats.rows_rejected,
            rows_replaced: replaced,
            committed_at: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            extracts_stored: x_stored,
            extracts_rejected: x_rejected,
            extracts_replaced: x_replaced,
        };
        let mut next = self.manifest.clone();
        let gone: HashSet<&str> = removed.iter().map(|f| f.path.as_str()).collect();
        next.files.retain(|f| !gone.contains(f.path.as_str()));
        next.files.extend(files);
        next.imports.push(record.clone());
        next.generation = generation;
        next.commit(&self.root)?;
        self.manifest = next;
        for f in removed {
            let _ = fs::remove_file(self.root.join(&f.path));
        }
        Ok((record, stats.rejects))
    }

    /// Within one import, keeps only the last row (by input line) of each event id. Returns
    /// the number of rows dropped and the import's files after dropping.
    fn dedup_within(
        &self,
        files: &[PartFile],
        increasing: bool,
        namer: &mut Namer,
    ) -> Result<(u64, Vec<PartFile>)> {
        if increasing {
            return Ok((0, files.to_vec()));
        }
        let cols: Vec<(Vec<i64>, Vec<i64>)> =
            files.iter().map(|f| writer::read_ids_lines(&self.root, f)).collect::<Result<_>>()?;
        // Parallel writers do not keep input order across files; the line number does.
        let mut last: HashMap<i64, (i64, usize, usize)> = HashMap::new();
        for (fi, (v, lines)) in cols.iter().enumerate() {
            for (ri, (id, line)) in v.iter().zip(lines).enumerate() {
                let e = last.entry(*id).or_insert((*line, fi, ri));
                if (*line, fi, ri) >= *e {
                    *e = (*line, fi, ri);
                }
            }
        }
        let ids: Vec<&Vec<i64>> = cols.iter().map(|c| &c.0).collect();
        let mut dropped = 0u64;
        let mut out = Vec::new();
        for (fi, (f, v)) in files.iter().zip(&ids).enumerate() {
            let keep: Vec<bool> =
                v.iter().enumerate().map(|(ri, id)| last[id].1 == fi && last[id].2 == ri).collect();
            let n = keep.iter().filter(|k| !**k).count() as u64;
            if n == 0 {
                out.push(f.clone());
                continue;
            }
            dropped += n;
            if let Some(nf) = writer::rewrite(&self.root, f, &keep, namer.next_for(f))? {
                out.push(nf);
            }
            // The original is not committed yet, so it can go at once.
            let _ = fs::remove_file(self.root.join(&f.path));
        }
        Ok((dropped, out))
    }

    /// Removes from earlier imports of `dataset` the events whose ids the new files carry.
    /// Only files whose id range overlaps the new one are read, so appending newer GDELT
    /// files (ever-growing ids) costs nothing. Returns (rows replaced, files to drop from the
    /// manifest, rewritten files to add).
    fn replace_earlier(
        &self,
        dataset: &str,
        new: &[PartFile],
        namer: &mut Namer,
    ) -> Result<(u64, Vec<PartFile>, Vec<PartFile>)> {
        let lo = new.iter().map(|f| f.min_id).min().unwrap_or(i64::MAX);
        let hi = new.iter().map(|f| f.max_id).max().unwrap_or(i64::MIN);
        let overlapping: Vec<&PartFile> = self
            .manifest
            .files_of(Table::Events)
            .filter(|f| f.dataset == dataset && f.max_id >= lo && f.min_id <= hi)
            .collect();
        if overlapping.is_empty() {
            return Ok((0, vec![], vec![]));
        }
        let mut ids = HashSet::new();
        for f in new {
            ids.extend(writer::read_ids(&self.root, f)?);
        }
        let (mut n, mut gone, mut added) = (0u64, Vec::new(), Vec::new());
        for f in overlapping {
            let keep: Vec<bool> =
                writer::read_ids(&self.root, f)?.iter().map(|id| !ids.contains(id)).collect();
            let dropped = keep.iter().filter(|k| !**k).count() as u64;
            if dropped == 0 {
                continue;
            }
            n += dropped;
            gone.push(f.clone());
            if let Some(nf) = writer::rewrite(&self.root, f, &keep, namer.next_for(f))? {
                added.push(nf);
            }
        }
        Ok((n, gone, added))
    }
}

/// The extract files of an import, before its commit.
struct ExtractPart {
    files: Vec<PartFile>,
    /// The documents whose earlier extracts the import replaces.
    docs: HashSet<String>,
    stored: u64,
    rejected: u64,
    repeated: u64,
    rejects: Vec<Rejected>,
}

/// Feeds every extract row to the import's hash, tagged with its kind, so that the same events
/// with other extracts are another import.
fn hash_extracts(h: &mut Sha256, size: &mut u64, x: &Extracts) {
    fn rows<T: serde::Serialize>(h: &mut Sha256, size: &mut u64, tag: &[u8], rows: &[T]) {
        for r in rows {
            let json = serde_json::to_vec(r).unwrap_or_default();
            *size += json.len() as u64;
            h.update(tag);
            h.update(&json);
        }
    }
    rows(h, size, b"amount", &x.amounts);
    rows(h, size, b"thing", &x.things);
    rows(h, size, b"theme", &x.themes);
    rows(h, size, b"quote", &x.quotes);
}

impl ExtractPart {
    fn new(c: extract::Checked<'_>, files: Vec<PartFile>, event_docs: HashSet<String>) -> ExtractPart {
        let mut docs: HashSet<String> = c.docs.iter().map(|d| d.to_string()).collect();
        docs.extend(event_docs);
        ExtractPart { files, docs, stored: c.stored(), rejected: c.rejected, repeated: c.repeated, rejects: c.rejects }
    }
}

impl Store {
    /// Writes checked extracts, one sink per table (each in its own folder, so names cannot
    /// collide with the events'); on failure deletes what it wrote.
    fn write_extracts(&self, c: &extract::Checked<'_>, dataset: &str, label: &str, generation: u64) -> Result<Vec<PartFile>> {
        let mut sinks: Vec<PartSink> = Vec::new();
        let mut failed = None;
        for (table, k, b) in extract::batches(c, dataset, label) {
            let at = match sinks.iter().position(|s| s.table() == table) {
                Some(at) => at,
                None => {
                    sinks.push(PartSink::new(&self.root, table, dataset, generation, 0));
                    sinks.len() - 1
                }
            };
            if let Err(e) = sinks[at].write(k, &b) {
                failed = Some(e);
                break;
            }
        }
        if let Some(e) = failed {
            sinks.into_iter().for_each(PartSink::abandon);
            return Err(e);
        }
        let mut files = Vec::new();
        let mut failed = None;
        for s in sinks {
            if failed.is_some() {
                s.abandon();
                continue;
            }
            match s.finish() {
                Ok(f) => files.extend(f),
                Err(e) => failed = Some(e),
            }
        }
        if let Some(e) = failed {
            for f in &files {
                let _ = fs::remove_file(self.root.join(&f.path));
            }
            return Err(e);
        }
        Ok(files)
    }

    /// Removes from the extract tables of `dataset` every row of the documents `docs`. Only
    /// files whose document range overlaps `docs` are read. Returns (rows removed, files to
    /// drop from the manifest, rewritten files to add).
    fn replace_documents(
        &self,
        dataset: &str,
        docs: &HashSet<String>,
        namer: &mut Namer,
    ) -> Result<(u64, Vec<PartFile>, Vec<PartFile>)> {
        let (Some(lo), Some(hi)) = (docs.iter().min(), docs.iter().max()) else {
            return Ok((0, vec![], vec![]));
        };
        let (mut n, mut gone, mut added) = (0u64, Vec::new(), Vec::new());
        for f in self.manifest.files.iter().filter(|f| f.table.is_extract() && f.dataset == dataset) {
            let disjoint = match (&f.min_doc, &f.max_doc) {
                (Some(a), Some(b)) => b < lo || a > hi,
                _ => false,
            };
            if disjoint {
                continue;
            }
            let keep: Vec<bool> =
                writer::read_documents(&self.root, f)?.iter().map(|d| !docs.contains(d)).collect();
            let dropped = keep.iter().filter(|k| !**k).count() as u64;
            if dropped == 0 {
                continue;
            }
            n += dropped;
            gone.push(f.clone());
            if let Some(nf) = writer::rewrite(&self.root, f, &keep, namer.next_for(f))? {
                added.push(nf);
            }
        }
        Ok((n, gone, added))
    }
}

/// What [`Store::upgrade`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpgradeReport {
    /// Event files in the store.
    pub event_files: usize,
    /// Event files rewritten because a country value changed.
    pub files_rewritten: usize,
}

/// What [`Store::compact`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompactReport {
    /// (table, dataset, month) groups whose small files were merged.
    pub groups: usize,
    /// Part files merged away.
    pub files_merged: usize,
    /// Part files written in their place.
    pub files_written: usize,
    /// Rows rewritten.
    pub rows: u64,
}

impl Store {
    /// Merges each month's small part files (under half the size a file rolls at) into as few
    /// files as that size allows. Every import adds at least one file per month it touches, so
    /// GDELT's 15-minute files or ICEWS's daily ones leave thousands of small files, and every
    /// query opens them all. Rows, ids and provenance are unchanged. The new files are committed
    /// by one manifest rename, as an import's are: a crash leaves the previous state (its
    /// unlisted files are deleted by the next writer), and queries meanwhile read the last
    /// committed state. Imports stay recorded, so re-importing a file is still a no-op.
    pub fn compact(&mut self) -> Result<CompactReport> {
        self.lock()?;
        let generation = self.manifest.generation + 1;
        let mut groups: std::collections::BTreeMap<(&'static str, String, String), Vec<PartFile>> =
            Default::default();
        for f in self.manifest.files.iter().filter(|f| f.rows < writer::FILE_ROWS / 2) {
            groups
                .entry((f.table.name(), f.dataset.clone(), f.month.clone()))
                .or_default()
                .push(f.clone());
        }
        groups.retain(|_, files| files.len() > 1);
        let mut report = CompactReport { groups: groups.len(), ..Default::default() };
        if groups.is_empty() {
            return Ok(report);
        }
        let (mut merged, mut written): (Vec<PartFile>, Vec<PartFile>) = (Vec::new(), Vec::new());
        for (n, ((_, dataset, month), files)) in groups.into_iter().enumerate() {
            let table = files[0].table;
            let key = month_key(&month).ok_or_else(|| {
                Error::Internal(format!("manifest lists month {month:?}, not YYYY-MM"))
            })?;
            // One worker number per group keeps the new names apart from each other.
            let worker = u32::try_from(n % 100).unwrap_or(0);
            let mut sink = PartSink::new(&self.root, table, &dataset, generation, worker);
            let copied = files.iter().try_for_each(|f| {
                writer::for_each_batch(&self.root, f, |b| {
                    report.rows += b.num_rows() as u64;
                    sink.write(key, b)
                })
            });
            if let Err(e) = copied {
                sink.abandon();
                for f in &written {
                    let _ = fs::remove_file(self.root.join(&f.path));
                }
                return Err(e);
            }
            written.extend(sink.finish()?);
            merged.extend(files);
        }
        report.files_merged = merged.len();
        report.files_written = written.len();
        let mut next = self.manifest.clone();
        let gone: HashSet<&str> = merged.iter().map(|f| f.path.as_str()).collect();
        next.files.retain(|f| !gone.contains(f.path.as_str()));
        next.files.extend(written);
        next.generation = generation;
        next.commit(&self.root)?;
        self.manifest = next;
        for f in merged {
            let _ = fs::remove_file(self.root.join(&f.path));
        }
        Ok(report)
    }
}

/// `YYYY-MM` as the writer's month key (`year * 12 + month - 1`).
fn month_key(month: &str) -> Option<i32> {
    let (y, m) = month.split_once('-')?;
    let (y, m): (i32, i32) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&m).then_some(y * 12 + m - 1)
}

/// Names rewritten part files of one generation.
struct Namer {
    generation: u64,
    next: u32,
}

impl Namer {
    fn next_for(&mut self, f: &PartFile) -> String {
        let dir = f.path.rsplit_once('/').map_or("", |(d, _)| d);
        self.next += 1;
        format!("{dir}/part-{:06}-r{:04}.parquet", self.generation, self.next)
    }
}
