//! Opening an input file: plain, gzip or zip (every member), detected from the first bytes,
//! hashed (SHA-256 of the file as stored) while it is read.

use crate::{Error, Result};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Counts and hashes the raw bytes of a file as they are read.
pub(crate) struct Hashing<R> {
    inner: R,
    hasher: Sha256,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// What [`with_input`] learnt about the file besides what the callback returned.
pub(crate) struct InputInfo {
    pub size: u64,
    pub sha256: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a whole file (used before importing a file whose size matches an earlier import).
pub(crate) fn hash_file(path: &Path) -> Result<String> {
    let mut f = BufReader::with_capacity(1 << 20, File::open(path).map_err(Error::io(path))?);
    let mut h = Sha256::new();
    loop {
        let buf = f.fill_buf().map_err(Error::io(path))?;
        if buf.is_empty() {
            break;
        }
        h.update(buf);
        let n = buf.len();
        f.consume(n);
    }
    Ok(hex(&h.finalize()))
}

/// Opens `path`, decompresses it if it is gzip or zip, and hands the text to `f`: once for a
/// plain or gzip file (member `None`), once per file of a zip archive, in archive order (member
/// `Some(name)`; folders are skipped, so a zip holding only folders calls `f` never). `progress`
/// counts raw bytes read. The whole file is hashed, including bytes `f` did not read.
pub(crate) fn with_input<T>(
    path: &Path,
    progress: Arc<AtomicU64>,
    mut f: impl FnMut(&mut dyn BufRead, Option<&str>) -> Result<T>,
) -> Result<(Vec<T>, InputInfo)> {
    let file = File::open(path).map_err(Error::io(path))?;
    let size = file.metadata().map_err(Error::io(path))?.len();
    let mut raw = BufReader::with_capacity(
        1 << 20,
        Hashing { inner: file, hasher: Sha256::new(), read: progress },
    );
    let zip_error = |e: zip::result::ZipError| Error::Format {
        path: path.to_path_buf(),
        format: "zip",
        reason: e.to_string(),
    };
    let magic = raw.fill_buf().map_err(Error::io(path))?;
    let mut out = Vec::new();
    if magic.starts_with(&[0x1f, 0x8b]) {
        let mut r = BufReader::with_capacity(1 << 20, flate2::read::MultiGzDecoder::new(&mut raw));
        out.push(f(&mut r, None)?);
    } else if magic.starts_with(b"PK\x05\x06") {
        // An archive with no member at all: its end record alone.
    } else if magic.starts_with(b"PK\x03\x04") {
        while let Some(member) = zip::read::read_zipfile_from_stream(&mut raw).map_err(zip_error)? {
            let name = member.name().to_string();
            let is_dir = member.is_dir();
            let mut r = BufReader::with_capacity(1 << 20, member);
            if !is_dir {
                out.push(f(&mut r, Some(&name))?);
            }
            // Drain the member so the zip reader is positioned at the next header.
            std::io::copy(&mut r, &mut std::io::sink()).map_err(Error::io(path))?;
        }
    } else {
        out.push(f(&mut raw, None)?);
    }
    // Hash the rest (a zip's central directory, anything after the gzip stream).
    std::io::copy(&mut raw, &mut std::io::sink()).map_err(Error::io(path))?;
    let sha256 = hex(&raw.into_inner().hasher.finalize());
    Ok((out, InputInfo { size, sha256 }))
}
