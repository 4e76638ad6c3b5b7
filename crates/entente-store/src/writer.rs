//! Writing Parquet part files: one open writer per month of one import, rolled at a fixed size,
//! and rewriting a file without some rows (when a later import replaces events).

use crate::manifest::PartFile;
use crate::schema::Table;
use crate::{Error, Result};
use datafusion::arrow::array::{Array, BooleanArray, Date32Array, Int64Array, RecordBatch};
use datafusion::arrow::compute::filter_record_batch;
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use datafusion::parquet::arrow::{ArrowWriter, ProjectionMask};
use datafusion::parquet::basic::Compression;
use datafusion::parquet::file::properties::WriterProperties;
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// Rows per Parquet row group: small enough that a writer per open month stays in bounded
/// memory, large enough for good compression and scans.
const ROW_GROUP: usize = 128 * 1024;
/// Rows per part file before a new one is started.
const FILE_ROWS: u64 = 4 * 1024 * 1024;
/// Months written at once per writer thread; beyond this the least recently used month's file is closed.
const MAX_OPEN: usize = 12;

pub(crate) fn props() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .build()
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
            done: Vec::new(),
            dirs: Vec::new(),
        }
    }

    /// A fresh part file path (relative) for `month`.
    fn new_path(&mut self, month: &str) -> Result<(String, PathBuf)> {
        let dir = format!("dataset={}/month={month}", self.dataset);
        let abs_dir = self.root.join(&dir);
        if !abs_dir.exists() {
            fs::create_dir_all(&abs_dir).map_err(Error::io(&abs_dir))?;
            self.dirs.push(abs_dir.clone());
            if let Some(p) = abs_dir.parent() {
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
        Ok(())
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
    let line_col = file.table.schema().index_of("line").map_err(|e| Error::Internal(e.to_string()))?;
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
        ..file.clone()
    };
    let mut at = 0usize;
    for batch in reader {
        let batch = batch.map_err(|e| Error::Parquet { path: abs.clone(), source: e.into() })?;
        let n = batch.num_rows();
        let mask = keep.get(at..at + n).ok_or_else(|| {
            Error::Internal(format!("{}: has more rows than its manifest entry", abs.display()))
        })?;
        at += n;
        let filtered = filter_record_batch(&batch, &BooleanArray::from(mask.to_vec()))
            .map_err(|e| Error::Parquet { path: abs.clone(), source: e.into() })?;
        if filtered.num_rows() > 0 {
            w.write(&filtered).map_err(Error::parquet(&new_abs))?;
            note_stats(&mut entry, &filtered);
        }
    }
    let f = w.into_inner().map_err(Error::parquet(&new_abs))?;
    let f = f.into_inner().map_err(|e| Error::io(&new_abs)(e.into_error()))?;
    f.sync_all().map_err(Error::io(&new_abs))?;
    if let Some(dir) = new_abs.parent() {
        crate::manifest::sync_dir(dir)?;
    }
    Ok(Some(entry))
}

#[cfg(test)]
mod tests {
    #[test]
    fn month_names() {
        assert_eq!(super::month_name(2019 * 12 + 2), "2019-03");
        assert_eq!(super::month_name(1979 * 12), "1979-01");
    }
}
