//! `entente ingest --follow DIR`: files dropped into a folder while the follower is killed with
//! `kill -9` at random moments and restarted are each imported exactly once — nothing lost,
//! nothing twice, nothing half-read — and a second process can query meanwhile.
//!
//! Set `ENTENTE_FOLLOW_SEED` to replay a run; the seed is printed.

mod support;

use entente_store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use support::{entente, gdelt_rows, sql_rows, Rng};

const FILES: u64 = 12;
const ROWS: u64 = 1500;
const POLL_MS: u64 = 150;

fn start(store: &Path, dir: &Path, log: &Path) -> Child {
    let log = std::fs::OpenOptions::new().create(true).append(true).open(log).unwrap();
    entente(store)
        .args(["ingest", "--follow"])
        .arg(dir)
        // Compacting after every import: kills land in compactions too.
        .args(["--kind", "auto", "--poll-ms", &POLL_MS.to_string(), "--threads", "2", "--compact-every", "1"])
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("the follower starts")
}

/// Drops file `i` into `dir` in one of three ways a producer might.
fn drop_file(dir: &Path, i: u64, rng: &mut Rng) {
    let name = format!("2019{:02}01{:06}.export.CSV", 3 + i % 3, i);
    let body = gdelt_rows(1_000_000 * (i + 1), ROWS, 2019, 3 + (i % 3) as u32, i + 7);
    let path = dir.join(&name);
    match i % 3 {
        // Written under a temporary name, then renamed into place.
        0 => {
            let tmp = dir.join(format!("{name}.part"));
            std::fs::write(&tmp, &body).unwrap();
            std::fs::rename(&tmp, &path).unwrap();
        }
        // Written in place in pieces, with pauses shorter than the poll interval: the
        // follower must wait until the size has been stable for a whole interval.
        1 => {
            let mut f = std::fs::File::create(&path).unwrap();
            let bytes = body.as_bytes();
            let cut = [bytes.len() / 3, 2 * bytes.len() / 3, bytes.len()];
            let mut at = 0;
            for c in cut {
                f.write_all(&bytes[at..c]).unwrap();
                f.flush().unwrap();
                at = c;
                std::thread::sleep(Duration::from_millis(rng.below(POLL_MS / 3)));
            }
        }
        // Written in place, then a `.done` marker.
        _ => {
            std::fs::write(&path, &body).unwrap();
            std::fs::write(dir.join(format!("{name}.done")), b"").unwrap();
        }
    }
}

fn count(store: &Path) -> (u64, u64) {
    let rows = sql_rows(store, "SELECT count(*), count(DISTINCT event_id) FROM events", &[]);
    let v: Vec<u64> = rows[0].split(',').map(|x| x.parse().unwrap()).collect();
    (v[0], v[1])
}

#[test]
fn kill_9_at_random_moments_loses_and_repeats_nothing() {
    let seed = std::env::var("ENTENTE_FOLLOW_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
                as u64
        });
    eprintln!("ENTENTE_FOLLOW_SEED={seed}");
    let mut rng = Rng(seed | 1);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("incoming");
    let store = tmp.path().join("store");
    let log = tmp.path().join("follow.log");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&store).unwrap();

    let mut next = 0u64;
    let mut kills = 0;
    while next < FILES {
        let mut child = start(&store, &dir, &log);
        for _ in 0..1 + rng.below(3) {
            if next < FILES {
                drop_file(&dir, next, &mut rng);
                next += 1;
            }
        }
        // A second process queries while the follower works: it sees whole files only.
        let (n, distinct) = count(&store);
        assert_eq!(n, distinct, "no event twice");
        assert_eq!(n % ROWS, 0, "a committed state holds whole files only: {n} rows");
        std::thread::sleep(Duration::from_millis(rng.below(4 * POLL_MS)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        kills += 1;
    }

    // The last follower runs until everything is in.
    let mut child = start(&store, &dir, &log);
    let expected = FILES * ROWS;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (n, _) = count(&store);
        if n == expected || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(POLL_MS));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();

    let (n, distinct) = count(&store);
    assert_eq!((n, distinct), (expected, expected), "after {kills} kills; log:\n{log_text}");
    // Every file imported exactly once, and completely (a half-read file would show up as a
    // second import of the same name, or as rejected rows from its cut last line).
    let m = Store::open(&store).unwrap().manifest().clone();
    let mut names: Vec<PathBuf> = m.imports.iter().map(|i| PathBuf::from(&i.file)).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "a file was imported twice; log:\n{log_text}");
    assert_eq!(names.len() as u64, FILES, "log:\n{log_text}");
    for i in &m.imports {
        assert_eq!((i.rows_read, i.rows_stored, i.rows_rejected), (ROWS, ROWS, 0), "{}", i.file);
    }
    let per_file = sql_rows(&store, "SELECT count(*) FROM events GROUP BY file", &[]);
    assert!(per_file.iter().all(|c| c == &ROWS.to_string()), "{per_file:?}");
    eprintln!("{FILES} files, {kills} kills, {n} rows");
}

/// A malformed row in a followed file is skipped, and the log names its file and line, as
/// `entente ingest` does; the good rows are stored.
#[test]
fn malformed_rows_are_named_with_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, store, log) = (tmp.path().join("in"), tmp.path().join("store"), tmp.path().join("follow.log"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = gdelt_rows(500_000_000, 20, 2019, 3, 7);
    text.insert_str(text.find('\n').unwrap() + 1, "not\ta\tgdelt\trow\n");
    let file = dir.join("20190301000000.export.CSV");
    std::fs::write(&file, text).unwrap();
    std::fs::write(dir.join("20190301000000.export.CSV.done"), "").unwrap();
    let mut child = start(&store, &dir, &log);
    let deadline = Instant::now() + Duration::from_secs(60);
    let log_text = loop {
        let t = std::fs::read_to_string(&log).unwrap_or_default();
        if t.contains("rows read") || Instant::now() > deadline {
            break t;
        }
        std::thread::sleep(Duration::from_millis(POLL_MS));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(log_text.contains("21 rows read, 20 stored, 1 rejected"), "{log_text}");
    assert!(log_text.contains(&format!("  {}:2: ", file.display())), "{log_text}");
    assert_eq!(count(&store), (20, 20));
}
