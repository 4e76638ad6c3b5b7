use std::path::PathBuf;

/// An error reading a dictionary; each names the file, the line and the entry.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read. The cause is the error's `source()`, not repeated in its
    /// message, so that `{:#}` chains read "cannot read PATH: No such file or directory".
    #[error("cannot read {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },
    /// An entry that does not follow the format.
    #[error("{file}:{line}: {message}: {entry:?}")]
    Entry {
        /// The file (or built-in dictionary name).
        file: String,
        /// 1-based line number.
        line: usize,
        /// The offending text.
        entry: String,
        /// What was wrong with it.
        message: String,
    },
}

/// Result with [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
