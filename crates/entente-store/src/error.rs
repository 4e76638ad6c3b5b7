//! The one error type of the store.

use std::path::PathBuf;
use std::time::Duration;

/// Everything that can go wrong in the store. Bad input (a file in the wrong format, a bad
/// query) and faults of the store itself are separate variants; [`Error::Internal`] is a bug.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A whole input file is not in the format it was claimed to be in; nothing of it is stored.
    #[error("{}: not a {format} file: {reason}", path.display())]
    Format {
        /// The input file.
        path: PathBuf,
        /// The format it was supposed to be in, e.g. `GDELT 2.0 events`.
        format: &'static str,
        /// What is wrong, naming the line.
        reason: String,
    },
    /// The manifest (the store's table of contents) cannot be read.
    #[error("{}: corrupt store manifest: {reason}", path.display())]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The store was written by another version of entente and cannot be used as it is: a newer
    /// one, or an older one whose upgrade failed. The text says what to do.
    #[error("{}: {reason}", path.display())]
    Version {
        /// The store directory.
        path: PathBuf,
        /// What is wrong and what to do.
        reason: String,
    },
    /// Writing or reading a Parquet file failed.
    #[error("{}: {source}", path.display())]
    Parquet {
        /// The Parquet file.
        path: PathBuf,
        /// Parquet's error.
        source: datafusion::parquet::errors::ParquetError,
    },
    /// A query failed (bad SQL, unknown column, ...).
    #[error("query failed: {0}")]
    Query(#[from] datafusion::error::DataFusionError),
    /// A query ran longer than its time limit.
    #[error("query timed out after {0:?} (raise it with --timeout)")]
    Timeout(Duration),
    /// A bad argument from the caller, e.g. a malformed `--dyad`.
    #[error("{0}")]
    Usage(String),
    /// A bug in entente-store: an invariant broke.
    #[error("internal error (a bug in entente-store, please report it): {0}")]
    Internal(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
    pub(crate) fn parquet(
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(datafusion::parquet::errors::ParquetError) -> Error {
        let path = path.into();
        move |source| Error::Parquet { path, source }
    }
}

/// Result with [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
