//! `entente ingest --follow DIR`: watch a folder where GDELT 15-minute files or coded-event
//! JSON Lines are dropped, and import each new complete file exactly once.
//!
//! Why this is safe to `kill -9` at any moment: every file is one import, and an import becomes
//! visible only when the store's manifest is renamed over the old one; the manifest also records
//! the SHA-256 of every imported file. A follower killed mid-import leaves the previous manifest
//! (its half-written Parquet files are deleted by the next writer), so the restarted follower
//! imports that file again; a file whose import was committed is recognised by its hash and
//! skipped. There is no follower state outside the store to get out of step with it.
//!
//! Why polling rather than inotify: it works the same on network and shared file systems (NFS,
//! SMB, FUSE mounts of object stores) where change notifications are missing or unreliable, it
//! needs no platform code, and a GDELT folder gains one file every 15 minutes, so a poll every
//! couple of seconds costs nothing.
//!
//! When is a file complete? A file is imported when either
//! - a marker `NAME.done` exists beside it (the producer writes it after closing NAME), or
//! - its size and modification time were unchanged over one whole poll interval.
//!
//! Files named `.*`, `*.part`, `*.tmp`, `*.partial`, `*.crdownload` or `*.done` are never imported,
//! so a producer that writes under a temporary name and renames into place (atomic on one file
//! system) is always safe; one that writes in place must not pause for longer than the poll
//! interval, or must use the `.done` marker.

use anyhow::Context;
use entente_store::{Format, IngestOptions, Store};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

/// What files in a followed folder are.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// From the name: `*.jsonl`, `*.ndjson`, `*.json` (optionally `.gz`) or a plain file starting
    /// with `{` are coded events; names containing `mentions` are GDELT mentions; the rest GDELT.
    Auto,
    /// GDELT 1.0/2.0 event files (e.g. `20190301151500.export.CSV.zip`).
    Gdelt,
    /// entente's coded events, JSON Lines as `entente code` writes them.
    Events,
}

/// The `--follow` options of `entente ingest`.
#[derive(clap::Args, Debug)]
pub struct FollowArgs {
    /// Watch DIR and import every new complete file once, until killed (safe to kill -9 at any
    /// moment; a restart neither loses nor repeats a file). Replaces FORMAT and FILE.
    #[arg(long, value_name = "DIR")]
    pub follow: Option<PathBuf>,
    /// With --follow: what the files are.
    #[arg(long, value_enum, default_value_t = Kind::Auto)]
    pub kind: Kind,
    /// With --follow: how often to look at the folder, in milliseconds.
    #[arg(long, default_value_t = 2000, value_name = "N")]
    pub poll_ms: u64,
    /// With --follow: after every N files imported, merge each month's small part files
    /// (as `entente store compact` does; the follower holds the write lock, so that command
    /// would wait). 0: never. GDELT's 96 files a day otherwise leave 96 part files a day.
    #[arg(long, default_value_t = 96, value_name = "N")]
    pub compact_every: u64,
}

/// What the follower knows about one file in the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    size: u64,
    mtime: Option<SystemTime>,
    /// When this size and time were first observed.
    since: Instant,
    /// Imported, found imported, or failed: nothing more to do until the file changes.
    settled: bool,
}

fn ignored(name: &str) -> bool {
    name.starts_with('.')
        || [".part", ".tmp", ".partial", ".crdownload", ".done", "~"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// The format of `path` under `kind`.
fn format_of(kind: Kind, path: &Path) -> Format {
    match kind {
        Kind::Gdelt => Format::Gdelt,
        Kind::Events => Format::Events,
        Kind::Auto => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let stem = name.strip_suffix(".gz").unwrap_or(&name);
            if [".jsonl", ".ndjson", ".json"].iter().any(|s| stem.ends_with(s)) {
                Format::Events
            } else if name.contains("mentions") {
                Format::GdeltMentions
            } else if first_byte(path) == Some(b'{') {
                Format::Events
            } else {
                Format::Gdelt
            }
        }
    }
}

fn first_byte(path: &Path) -> Option<u8> {
    use std::io::Read;
    let mut buf = [0u8; 64];
    let n = std::fs::File::open(path).ok()?.read(&mut buf).ok()?;
    buf[..n].iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// Runs `entente ingest --follow`: never returns unless the folder cannot be read.
pub fn run(
    args: &FollowArgs,
    dir: &Path,
    store_dir: &Path,
    threads: Option<usize>,
    quiet: bool,
    show: usize,
) -> anyhow::Result<ExitCode> {
    let poll = Duration::from_millis(args.poll_ms.max(10));
    let mut store = Store::open(store_dir)?;
    let mut err = std::io::stderr();
    writeln!(
        err,
        "following {} every {} ms into {} (kill at any time; a restart resumes)",
        dir.display(),
        poll.as_millis(),
        store_dir.display()
    )?;
    let mut seen: HashMap<PathBuf, Seen> = HashMap::new();
    let mut since_compaction = 0u64;
    loop {
        let now = Instant::now();
        let mut ready = Vec::new();
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if ignored(&name) {
                continue;
            }
            let Ok(meta) = e.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            let (size, mtime) = (meta.len(), meta.modified().ok());
            let path = e.path();
            let entry = seen
                .entry(path.clone())
                .or_insert(Seen { size, mtime, since: now, settled: false });
            if entry.size != size || entry.mtime != mtime {
                // New bytes (or a replaced file): start the stability clock again.
                *entry = Seen { size, mtime, since: now, settled: false };
            }
            if entry.settled {
                continue;
            }
            let marker = dir.join(format!("{name}.done")).exists();
            if marker || (size > 0 && now.duration_since(entry.since) >= poll) {
                ready.push(path);
            }
        }
        // GDELT names are timestamps: name order is time order, so event ids keep growing and
        // no import has to read earlier files back.
        ready.sort();
        for path in ready {
            let mut opts = IngestOptions::default();
            if let Some(t) = threads {
                opts.threads = t.max(1);
            }
            let t = Instant::now();
            let result = store.ingest_file(format_of(args.kind, &path), &path, &opts);
            match result {
                Ok(r) if r.already_imported => {
                    if !quiet {
                        writeln!(err, "{}: already imported, skipped", path.display())?;
                    }
                }
                Ok(r) if r.empty => writeln!(err, "{}: {}", path.display(), super::store::EMPTY)?,
                Ok(r) => {
                    since_compaction += 1;
                    // Malformed rows are named (file:line) as `entente ingest` names them.
                    super::store::report_import(&mut err, &path, &r, t.elapsed(), show)?;
                }
                // Not retried until the file changes (or the follower restarts): a file in the
                // wrong format would otherwise fail every poll.
                Err(e) => writeln!(err, "error: {e}")?,
            }
            if let Some(s) = seen.get_mut(&path) {
                s.settled = true;
            }
        }
        if args.compact_every > 0 && since_compaction >= args.compact_every {
            since_compaction = 0;
            let t = Instant::now();
            match store.compact() {
                Ok(c) => writeln!(
                    err,
                    "compacted: {} small files in {} months into {} ({:.2} s)",
                    c.files_merged,
                    c.groups,
                    c.files_written,
                    t.elapsed().as_secs_f64()
                )?,
                // The store is unchanged (compaction commits all or nothing); imports go on.
                Err(e) => writeln!(err, "error: compacting: {e}")?,
            }
        }
        // Forget files that were moved away, so the map does not grow forever.
        seen.retain(|p, _| p.exists());
        std::thread::sleep(poll);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_ignored() {
        for n in [".x.CSV", "a.CSV.part", "a.tmp", "a.jsonl.done", "a~", "a.crdownload"] {
            assert!(ignored(n), "{n}");
        }
        for n in ["20190301151500.export.CSV.zip", "news.jsonl", "a.CSV"] {
            assert!(!ignored(n), "{n}");
        }
    }

    #[test]
    fn formats_from_names() {
        let p = |s: &str| PathBuf::from(format!("/nonexistent/{s}"));
        assert_eq!(format_of(Kind::Auto, &p("a.jsonl.gz")), Format::Events);
        assert_eq!(format_of(Kind::Auto, &p("x.mentions.CSV.zip")), Format::GdeltMentions);
        assert_eq!(format_of(Kind::Auto, &p("x.export.CSV.zip")), Format::Gdelt);
        assert_eq!(format_of(Kind::Gdelt, &p("a.jsonl")), Format::Gdelt);
    }
}
