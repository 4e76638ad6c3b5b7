//! Writing Parquet part files: one open writer per month of one import, rolled at a fixed size,
//! and rewriting a file without some rows (when a later import replaces events).

use crate::manifest::PartFile;
use crate::schema::Table;
use crate::{Error, Result};
use datafusion::arrow::array::{
    new_null_array, Array, ArrayRef, BooleanArray, Date32Array, Int64Array, RecordBatch,
    StringArray,
};
use datafusion::arrow::compute::filter_record_batch;
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use datafusion::parquet::arrow::{ArrowWriter, ProjectionMask};
use datafusion::parquet::basic::Compression;
use datafusion::parquet::file::properties::WriterProperties;
use datafusion::parquet::schema::types::ColumnPath;
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// Rows per Parquet row group: small enough that a writer per open month stays in bounded
/// memory, large enough for good compression and scans.
const ROW_GROUP: usize = 128 * 1024;
/// Rows per part file before a new one is started. Each open file's writer keeps its row
/// groups' metadata until it closes, and with input spread over a year every month's file stays
/// open for the whole import: at 4 Mi rows a 100M-row ingest peaked at 751 MB (rising from 445
/// MB after 10M rows), at 1 Mi rows at 582 MB (BENCHMARKS.md).
pub(crate) const FILE_ROWS: u64 = 1024 * 1024;
/// Months written at once per writer thread; beyond this the least recently used month's file
/// is closed, and the month's next rows start a new file. Input in date order touches one or two
/// months at a time, but coded news or exports in random order spread over years: at 12, a
/// million coded events over three years made 3,168 files of ~340 rows, and every query paid
/// for opening them. Memory does not grow with this number (the buffer budget bounds it).
const MAX_OPEN: usize = 64;
/// Bytes of buffered (not yet flushed) row groups allowed across all the writer threads of one
/// import. Each sink gets an equal share; when its open months together buffer more than that,
/// the largest buffered row group is flushed early. This keeps ingest memory flat however large
/// the input is and however many months it spans (without it, memory grows to threads × open
/// months × one full row group). `ENTENTE_INGEST_BUFFER_MB` overrides it.
const BUFFER_BUDGET: usize = 192 << 20;

/// The budget of buffered row-group bytes across all sinks of one import.
pub(crate) fn buffer_budget() -> usize {
    std::env::var("ENTENTE_INGEST_BUFFER_MB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|mb| *mb > 0)
        .map_or(BUFFER_BUDGET, |mb| mb << 20)
}

/// Columns with (almost) one value per row: ids, provenance, coordinates, tone, URLs and
/// sentences. Dictionary encoding is off for them: it would fill a dictionary for every row
/// group only to fall back to plain encoding, and meanwhile keep the whole row group's values
/// unencoded in memory — which, under the ingest's buffer budget, forced smaller row groups.
const UNIQUE_COLUMNS: &[&str] = &["event_id", "line", "lat", "lon", "tone", "document", "text"];

pub(crate) fn props() -> WriterProperties {
    let mut b = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP));
    for c in UNIQUE_COLUMNS {
        b = b.set_column_dictionary_enabled(ColumnPath::from(*c), false);
    }
    b.build()
}

/// `YYYY-MM` of a month key (`year * 12 + month - 1`).
pub(crate) fn month_name(key: i32) -> String {
    format!("{:04}-{:02}", key.div_euclid(12), key.rem_euclid(12) + 1)
}

struct Open {
    writer: ArrowWriter<BufWriter<File>>,
    file: PartFile,
    abs: PathBuf,
    last_use: u64,
}

/// Writes the batches of one import into part files named after the generation being written.
pub(crate) struct PartSink {
    root: PathBuf,
    table: Table,
    dataset: String,
    generation: u64,
    worker: u32,
    next: u32,
    open: HashMap<i32, Open>,
    clock: u64,
    /// Bytes this sink may buffer across its open months before flushing the largest.
    budget: usize,
    /// Files closed so far, in creation order.
    pub done: Vec<PartFile>,
    dirs: Vec<PathBuf>,
}

impl PartSink {
    /// A sink for one writer thread (`worker` keeps file names of parallel writers apart).
    pub fn new(root: &Path, table: Table, dataset: &str, generation: u64, worker: u32) -> PartSink {
        PartSink {
            root: root.to_path_buf(),
            table,
            dataset: dataset.to_string(),
            generation,
            worker,
            next: 0,
            open: HashMap::new(),
            clock: 0,
            budget: BUFFER_BUDGET,
            done: Vec::new(),
            dirs: Vec::new(),
        }
    }

    /// The table it writes.
    pub fn table(&self) -> Table {
        self.table
    }

    /// Sets the bytes this sink may buffer across its open months (its share of the import's
    /// budget).
    pub fn with_budget(mut self, bytes: usize) -> PartSink {
        self.budget = bytes.max(1 << 20);
        self
    }

    /// A fresh part file path (relative) for `month`.
    fn new_path(&mut self, month: &str) -> Result<(String, PathBuf)> {
        let dir = match self.table.dir() {
            Some(t) => format!("{t}/dataset={}/month={month}", self.dataset),
            None => format!("dataset={}/month={month}", self.dataset),
        };
        let abs_dir = self.root.join(&dir);
        if !abs_dir.exists() {
            fs::create_dir_all(&abs_dir).map_err(Error::io(&abs_dir))?;
            self.dirs.push(abs_dir.clone());
            for p in abs_dir.ancestors().skip(1).take_while(|p| *p != self.root) {
                self.dirs.push(p.to_path_buf());
            }
        }
        let name =
            format!("part-{:06}-{:02}{:04}.parquet", self.generation, self.worker, self.next);
        self.next += 1;
        Ok((format!("{dir}/{name}"), abs_dir.join(name)))
    }

    pub fn write(&mut self, key: i32, batch: &RecordBatch) -> Result<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        self.clock += 1;
        if !self.open.contains_key(&key) {
            if self.open.len() >= MAX_OPEN {
                let lru = *self.open.iter().min_by_key(|(_, o)| o.last_use).expect("open").0;
                self.close(lru)?;
            }
            let month = month_name(key);
            let (rel, abs) = self.new_path(&month)?;
            let f = File::create(&abs).map_err(Error::io(&abs))?;
            let writer = ArrowWriter::try_new(
                BufWriter::with_capacity(1 << 20, f),
                self.table.schema(),
                Some(props()),
            )
            .map_err(Error::parquet(&abs))?;
            let file = PartFile {
                path: rel,
                table: self.table,
                dataset: self.dataset.clone(),
                month,
                rows: 0,
                min_id: i64::MAX,
                max_id: i64::MIN,
                min_date: i32::MAX,
                max_date: i32::MIN,
                min_doc: None,
                max_doc: None,
            };
            self.open.insert(key, Open { writer, file, abs, last_use: 0 });
        }
        let o = self.open.get_mut(&key).expect("inserted above");
        o.last_use = self.clock;
        o.writer.write(batch).map_err(Error::parquet(&o.abs))?;
        note_stats(&mut o.file, batch);
        if o.file.rows >= FILE_ROWS {
            self.close(key)?;
        }
        self.enforce_budget()
    }

    /// Flushes the largest buffered row groups until this sink's buffers fit its budget.
    fn enforce_budget(&mut self) -> Result<()> {
        loop {
            let mut total = 0usize;
            let mut largest: Option<(i32, usize)> = None;
            for (k, o) in &self.open {
                let m = o.writer.memory_size();
                total += m;
                if largest.is_none_or(|(_, l)| m > l) {
                    largest = Some((*k, m));
                }
            }
            match largest {
                Some((k, m)) if total > self.budget && m > 0 => {
                    let o = self.open.get_mut(&k).expect("a key of open");
                    o.writer.flush().map_err(Error::parquet(&o.abs))?;
                }
                _ => return Ok(()),
            }
        }
    }

    fn close(&mut self, key: i32) -> Result<()> {
        let o = self.open.remove(&key).expect("closing an open month");
        let f = o.writer.into_inner().map_err(Error::parquet(&o.abs))?;
        let f = f.into_inner().map_err(|e| Error::io(&o.abs)(e.into_error()))?;
        f.sync_all().map_err(Error::io(&o.abs))?;
        self.done.push(o.file);
        Ok(())
    }

    /// Closes every file and fsyncs the directories created; returns the files written.
    pub fn finish(mut self) -> Result<Vec<PartFile>> {
        let mut keys: Vec<i32> = self.open.keys().copied().collect();
        keys.sort();
        for k in keys {
            self.close(k)?;
        }
        for d in &self.dirs {
            crate::manifest::sync_dir(d)?;
        }
        crate::manifest::sync_dir(&self.root)?;
        Ok(self.done)
    }

    /// Deletes every file written (after an import failed).
    pub fn abandon(self) {
        for (_, o) in self.open {
            drop(o.writer);
            let _ = fs::remove_file(&o.abs);
        }
        for f in self.done {
            let _ = fs::remove_file(self.root.join(&f.path));
        }
    }
}

fn note_stats(file: &mut PartFile, batch: &RecordBatch) {
    file.rows += batch.num_rows() as u64;
    if file.table.is_extract() {
        let docs = batch.column_by_name("document").and_then(|c| c.as_any().downcast_ref::<StringArray>());
        if let Some(docs) = docs {
            if let Some(m) = datafusion::arrow::compute::min_string(docs) {
                if file.min_doc.as_deref().is_none_or(|d| m < d) {
                    file.min_doc = Some(m.to_string());
                }
            }
            if let Some(m) = datafusion::arrow::compute::max_string(docs) {
                if file.max_doc.as_deref().is_none_or(|d| m > d) {
                    file.max_doc = Some(m.to_string());
                }
            }
        }
    }
    if let Some(ids) = batch.column(0).as_any().downcast_ref::<Int64Array>() {
        if let Some(m) = datafusion::arrow::compute::min(ids) {
            file.min_id = file.min_id.min(m);
        }
        if let Some(m) = datafusion::arrow::compute::max(ids) {
            file.max_id = file.max_id.max(m);
        }
    }
    let date_col = batch.schema().index_of("date").ok();
    if let Some(d) = date_col.and_then(|i| batch.column(i).as_any().downcast_ref::<Date32Array>()) {
        if let Some(m) = datafusion::arrow::compute::min(d) {
            file.min_date = file.min_date.min(m);
        }
        if let Some(m) = datafusion::arrow::compute::max(d) {
            file.max_date = file.max_date.max(m);
        }
    }
}

/// The event ids of a part file, in row order.
pub(crate) fn read_ids(root: &Path, file: &PartFile) -> Result<Vec<i64>> {
    Ok(read_columns(root, file, false)?.0)
}

/// The event ids and input line numbers of a part file, in row order.
pub(crate) fn read_ids_lines(root: &Path, file: &PartFile) -> Result<(Vec<i64>, Vec<i64>)> {
    read_columns(root, file, true)
}

fn read_columns(root: &Path, file: &PartFile, lines: bool) -> Result<(Vec<i64>, Vec<i64>)> {
    let abs = root.join(&file.path);
    let f = File::open(&abs).map_err(Error::io(&abs))?;
    let b = ParquetRecordBatchReaderBuilder::try_new(f).map_err(Error::parquet(&abs))?;
    // By name in the file's own schema: a file written before a column was added has `line`
    // at another position than the table's schema.
    let line_col = b.schema().index_of("line").map_err(|e| {
        Error::Internal(format!("{}: {e}", abs.display()))
    })?;
    let cols = if lines { vec![0, line_col] } else { vec![0] };
    let mask = ProjectionMask::roots(b.parquet_schema(), cols);
    let mut out = (Vec::with_capacity(file.rows as usize), Vec::new());
    for batch in b.with_projection(mask).build().map_err(Error::parquet(&abs))? {
        let batch = batch.map_err(|e| Error::Parquet { path: abs.clone(), source: e.into() })?;
        for (i, v) in [&mut out.0, &mut out.1].into_iter().enumerate().take(batch.num_columns()) {
            let col = batch.column(i).as_any().downcast_ref::<Int64Array>().ok_or_else(|| {
                Error::Internal(format!("{}: column {i} is not Int64", abs.display()))
            })?;
            v.extend(col.values().iter().copied());
        }
    }
    Ok(out)
}

/// The `document` column of a part file, in row order.
pub(crate) fn read_documents(root: &Path, file: &PartFile) -> Result<Vec<String>> {
    let abs = root.join(&file.path);
    let f = File::open(&abs).map_err(Error::io(&abs))?;
    let b = ParquetRecordBatchReaderBuilder::try_new(f).map_err(Error::parquet(&abs))?;
    let col = b.schema().index_of("document").map_err(|e| Error::Internal(format!("{}: {e}", abs.display())))?;
    let mask = ProjectionMask::roots(b.parquet_schema(), [col]);
    let mut out = Vec::with_capacity(file.rows as usize);
    for batch in b.with_projection(mask).build().map_err(Error::parquet(&abs))? {
        let batch = batch.map_err(|e| Error::Parquet { path: abs.clone(), source: e.into() })?;
        let c = datafusion::arrow::compute::cast(batch.column(0), &datafusion::arrow::datatypes::DataType::Utf8)
            .map_err(|e| Error::Internal(format!("{}: {e}", abs.display())))?;
        let c = c.as_any().downcast_ref::<StringArray>().ok_or_else(|| {
            Error::Internal(format!("{}: document is not a string column", abs.display()))
        })?;
        out.extend(c.iter().map(|d| d.unwrap_or_default().to_string()));
    }
    Ok(out)
}

/// `batch`, read from a part file of `table`, with the table's current columns: each taken by
/// name, and one the file lacks (it was written before the column was added, as `confidence`)
/// as NULLs. Rewriting or compacting an old file so brings it up to the current schema.
pub(crate) fn conform(batch: RecordBatch, table: Table, path: &Path) -> Result<RecordBatch> {
    let schema = table.schema();
    if batch.schema().fields() == schema.fields() {
        return Ok(batch);
    }
    let n = batch.num_rows();
    let cols: Vec<ArrayRef> = schema
        .fields()
        .iter()
        .map(|f| match batch.column_by_name(f.name()) {
            Some(c) => Ok(c.clone()),
            None if f.is_nullable() => Ok(new_null_array(f.data_type(), n)),
            None => Err(Error::Internal(format!(
                "{}: lacks the column {}",
                path.display(),
                f.name()
            ))),
        })
        .collect::<Result<_>>()?;
    RecordBatch::try_new(schema, cols)
        .map_err(|e| Error::Internal(format!("{}: {e}", path.display())))
}

/// Calls `f` with each record batch of the part file `file`, in file order, with the table's
/// current columns (see [`conform`]).
pub(crate) fn for_each_batch(
    root: &Path,
    file: &PartFile,
    mut f: impl FnMut(&RecordBatch) -> Result<()>,
) -> Result<()> {
    let abs = root.join(&file.path);
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(&abs).map_err(Error::io(&abs))?)
        .map_err(Error::parquet(&abs))?
        .build()
        .map_err(Error::parquet(&abs))?;
    for batch in reader {
        let batch = batch.map_err(|e| Error::Parquet { path: abs.clone(), source: e.into() })?;
        f(&conform(batch, file.table, &abs)?)?;
    }
    Ok(())
}

/// Rewrites `file` keeping the rows where `keep` is true, as a new part file `new_rel`;
/// returns the new file's entry (or `None` when no row is kept, and then writes nothing).
pub(crate) fn rewrite(
    root: &Path,
    file: &PartFile,
    keep: &[bool],
    new_rel: String,
) -> Result<Option<PartFile>> {
    if !keep.iter().any(|k| *k) {
        return Ok(None);
    }
    let abs = root.join(&file.path);
    let mut at = 0usize;
    let entry = rewrite_with(root, file, new_rel, |batch| {
        let n = batch.num_rows();
        let mask = keep.get(at..at + n).ok_or_else(|| {
            Error::Internal(format!("{}: has more rows than its manifest entry", abs.display()))
        })?;
        at += n;
        filter_record_batch(&batch, &BooleanArray::from(mask.to_vec()))
            .map_err(|e| Error::Parquet { path: abs.clone(), source: e.into() })
    })?;
    Ok(Some(entry))
}

/// Rewrites `file` as a new part file `new_rel`, each record batch (with the table's current
/// columns, see [`conform`]) passed through `map`; returns the new file's entry.
pub(crate) fn rewrite_with(
    root: &Path,
    file: &PartFile,
    new_rel: String,
    mut map: impl FnMut(RecordBatch) -> Result<RecordBatch>,
) -> Result<PartFile> {
    let abs = root.join(&file.path);
    let f = File::open(&abs).map_err(Error::io(&abs))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(f)
        .map_err(Error::parquet(&abs))?
        .build()
        .map_err(Error::parquet(&abs))?;
    let new_abs = root.join(&new_rel);
    let out = File::create(&new_abs).map_err(Error::io(&new_abs))?;
    let mut w = ArrowWriter::try_new(BufWriter::new(out), file.table.schema(), Some(props()))
        .map_err(Error::parquet(&new_abs))?;
    let mut entry = PartFile {
        path: new_rel,
        rows: 0,
        min_id: i64::MAX,
        max_id: i64::MIN,
        min_date: i32::MAX,
        max_date: i32::MIN,
        min_doc: None,
        max_doc: None,
        ..file.clone()
    };
    for batch in reader {
        let batch = batch.map_err(|e| Error::Parquet { path: abs.clone(), source: e.into() })?;
        let mapped = map(conform(batch, file.table, &abs)?)?;
        if mapped.num_rows() > 0 {
            w.write(&mapped).map_err(Error::parquet(&new_abs))?;
            note_stats(&mut entry, &mapped);
        }
    }
    let f = w.into_inner().map_err(Error::parquet(&new_abs))?;
    let f = f.into_inner().map_err(|e| Error::io(&new_abs)(e.into_error()))?;
    f.sync_all().map_err(Error::io(&new_abs))?;
    if let Some(dir) = new_abs.parent() {
        crate::manifest::sync_dir(dir)?;
    }
    Ok(entry)
}

#[cfg(test)]
mod tests {
    #[test]
    fn month_names() {
        assert_eq!(super::month_name(2019 * 12 + 2), "2019-03");
        assert_eq!(super::month_name(1979 * 12), "1979-01");
    }

    /// With a small budget the sink flushes row groups early, across months, and every row
    /// still reaches its file.
    #[test]
    fn budget_flushes_the_largest_buffer() {
        use crate::schema::{EventBuilder, EventRow, Table};
        use datafusion::parquet::file::reader::{FileReader, SerializedFileReader};
        let dir = tempfile::tempdir().unwrap();
        let mut sink =
            super::PartSink::new(dir.path(), Table::Events, "t", 1, 0).with_budget(1 << 20);
        let text = "x".repeat(200);
        let mut line = 0i64;
        for round in 0..40 {
            for month in 0..3 {
                let mut b = EventBuilder::new();
                for _ in 0..1000 {
                    line += 1;
                    b.push(&EventRow {
                        event_id: line,
                        date: 18000 + month * 31,
                        code: "010",
                        base: "010",
                        root: "01",
                        text: Some(&text),
                        document: Some(&format!("doc-{round}-{line}")),
                        line,
                        ..Default::default()
                    });
                }
                let batch = b.finish("t", &super::month_name(2019 * 12 + month), "f");
                sink.write(2019 * 12 + month, &batch).unwrap();
                let buffered: usize = sink.open.values().map(|o| o.writer.memory_size()).sum();
                assert!(buffered <= 1 << 20, "{buffered} bytes buffered");
            }
        }
        let files = sink.finish().unwrap();
        assert_eq!(files.len(), 3);
        let mut rows = 0;
        for f in &files {
            let r =
                SerializedFileReader::new(std::fs::File::open(dir.path().join(&f.path)).unwrap())
                    .unwrap();
            assert!(r.metadata().num_row_groups() > 1, "row groups flushed early");
            rows += r.metadata().file_metadata().num_rows();
        }
        assert_eq!(rows, line);
    }

    /// Rows of three years in random order (coded news, say) go to one file per month, not to
    /// a new file each time a month comes round again.
    #[test]
    fn months_in_random_order_make_one_file_each() {
        use crate::schema::{EventBuilder, EventRow, Table};
        let dir = tempfile::tempdir().unwrap();
        let mut sink = super::PartSink::new(dir.path(), Table::Events, "t", 1, 0);
        let mut line = 0i64;
        for i in 0..360 {
            // A different month each batch, all 36 in turn (7 and 36 are coprime).
            let key = 2020 * 12 + (i * 7) % 36;
            let mut b = EventBuilder::new();
            for _ in 0..10 {
                line += 1;
                b.push(&EventRow {
                    event_id: line,
                    date: (key - 1970 * 12) * 30 + 1,
                    code: "010",
                    base: "010",
                    root: "01",
                    line,
                    ..Default::default()
                });
            }
            sink.write(key, &b.finish("t", &super::month_name(key), "f")).unwrap();
        }
        let files = sink.finish().unwrap();
        assert_eq!(files.len(), 36, "one file per month");
        assert_eq!(files.iter().map(|f| f.rows).sum::<u64>(), line as u64);
    }
}
