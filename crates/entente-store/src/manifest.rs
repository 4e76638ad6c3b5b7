//! The manifest: the store's table of contents. Only files it lists are part of the store; it is
//! replaced atomically (write a temporary file, fsync, rename, fsync the directory), so a crash
//! at any moment leaves either the old or the new state, never a mix.

use crate::schema::Table;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The manifest's file name inside the store directory.
pub const MANIFEST: &str = "manifest.json";
/// The on-disk format this entente writes. 2: the country columns hold ISO 3166-1 alpha-3 codes
/// in every dataset (in 1, GDELT's and entente's held CAMEO codes, regions included). Stores of
/// an earlier format are upgraded when opened (`upgrade.rs`).
pub const FORMAT_VERSION: u32 = 2;
/// The oldest format this entente upgrades.
const OLDEST_VERSION: u32 = 1;

/// The committed state of a store.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// On-disk format version ([`FORMAT_VERSION`]; an older one is upgraded on open).
    pub version: u32,
    /// Incremented at every commit; part files are named after the generation that wrote them.
    pub generation: u64,
    /// Every import ever committed, oldest first.
    pub imports: Vec<ImportRecord>,
    /// The live Parquet files.
    pub files: Vec<PartFile>,
}

/// One committed import of one input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// The dataset the rows went into: `gdelt`, `gdelt-mentions`, `icews` or `entente`.
    pub dataset: String,
    /// The input file as given (or a label for events ingested through the API).
    pub file: String,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of its bytes, hex; re-importing a file with the same hash is a no-op.
    pub sha256: String,
    /// Data rows read (header and blank lines excluded).
    pub rows_read: u64,
    /// Rows stored.
    pub rows_stored: u64,
    /// Malformed rows skipped.
    pub rows_rejected: u64,
    /// Rows of earlier imports replaced by rows of this one with the same event id.
    pub rows_replaced: u64,
    /// When the import was committed, seconds since the Unix epoch.
    pub committed_at: u64,
    /// Rows stored in the extract tables (`amounts`, `things`, `themes`, `quotes`); the `rows_*`
    /// counts are of the import's events. Absent (0) in imports without extracts.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub extracts_stored: u64,
    /// Malformed extract rows skipped.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub extracts_rejected: u64,
    /// Extract rows of earlier imports removed because this one coded their documents again,
    /// plus repeats of a row within this import.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub extracts_replaced: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One live Parquet file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartFile {
    /// Path relative to the store directory, Hive-style:
    /// `dataset=gdelt/month=2019-03/part-000007-0003.parquet`.
    pub path: String,
    /// The SQL table it belongs to.
    pub table: Table,
    /// Its dataset.
    pub dataset: String,
    /// Its month, `YYYY-MM`.
    pub month: String,
    /// Rows in the file.
    pub rows: u64,
    /// Smallest and largest event id in the file (for replacing re-emitted events cheaply);
    /// `i64::MAX` and `i64::MIN` in files of tables without event ids (the extract tables).
    pub min_id: i64,
    /// See `min_id`.
    pub max_id: i64,
    /// Earliest and latest date, days since 1970-01-01.
    pub min_date: i32,
    /// See `min_date`.
    pub max_date: i32,
    /// Smallest and largest `document` in a file of an extract table (for replacing the
    /// extracts of documents coded again without reading every file); absent for `events` and
    /// `mentions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_doc: Option<String>,
    /// See `min_doc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_doc: Option<String>,
}

impl Manifest {
    /// Reads the manifest of the store at `dir`; an empty manifest if there is none yet.
    pub fn load(dir: &Path) -> Result<Manifest> {
        let path = dir.join(MANIFEST);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Manifest { version: FORMAT_VERSION, ..Manifest::default() })
            }
            Err(e) => return Err(Error::io(&path)(e)),
        };
        let m: Manifest = serde_json::from_slice(&bytes).map_err(|e| Error::Manifest {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        if !(OLDEST_VERSION..=FORMAT_VERSION).contains(&m.version) {
            let newer = m.version > FORMAT_VERSION;
            return Err(Error::Version {
                path: dir.to_path_buf(),
                reason: format!(
                    "the store is in format version {} and this entente reads versions \
                     {OLDEST_VERSION} to {FORMAT_VERSION}{}",
                    m.version,
                    if newer { ": it was written by a newer entente; use that one" } else { "" }
                ),
            });
        }
        Ok(m)
    }

    /// Writes the manifest atomically: temp file, fsync, rename, fsync of the directory.
    pub fn commit(&self, dir: &Path) -> Result<()> {
        let tmp = dir.join(format!("{MANIFEST}.tmp"));
        let json = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Internal(format!("manifest does not serialize: {e}")))?;
        let mut f = File::create(&tmp).map_err(Error::io(&tmp))?;
        f.write_all(&json).map_err(Error::io(&tmp))?;
        f.sync_all().map_err(Error::io(&tmp))?;
        drop(f);
        let path = dir.join(MANIFEST);
        fs::rename(&tmp, &path).map_err(Error::io(&path))?;
        sync_dir(dir)
    }

    /// Live files of `table`.
    pub fn files_of(&self, table: Table) -> impl Iterator<Item = &PartFile> {
        self.files.iter().filter(move |f| f.table == table)
    }
}

/// fsyncs a directory so that renames and new entries in it survive a crash.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    // Directories cannot be opened for syncing on every platform; where they cannot, the
    // rename itself is as durable as the platform allows.
    match File::open(dir) {
        Ok(d) => match d.sync_all() {
            Ok(()) => Ok(()),
            Err(e) if cfg!(windows) => {
                let _ = e;
                Ok(())
            }
            Err(e) => Err(Error::io(dir)(e)),
        },
        Err(e) => Err(Error::io(dir)(e)),
    }
}

/// An exclusive lock on a store, held by one writer at a time; released when dropped or when
/// the process dies (an OS file lock, so a killed import never leaves a stale lock).
#[derive(Debug)]
pub(crate) struct WriteLock {
    _file: File,
}

impl WriteLock {
    pub fn acquire(dir: &Path) -> Result<WriteLock> {
        let path: PathBuf = dir.join(".lock");
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(Error::io(&path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                eprintln!("waiting for another process writing to {} ...", dir.display());
                file.lock().map_err(Error::io(&path))?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(Error::io(&path)(e)),
        }
        Ok(WriteLock { _file: file })
    }
}
