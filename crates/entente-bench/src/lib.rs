//! Benchmarks of entente, dev-only. The binaries are the benchmarks:
//!
//! - `coder-bench`: raw news text into events over the whole Reuters-21578 corpus, on one core
//!   and on all cores, with the built-in and with the full Phoenix dictionaries, printed beside
//!   PETRARCH2's published rates. Run it with
//!   `cargo run --release -p entente-bench --bin coder-bench`.
//!
//! - `store-bench`: ingest and the dyad-month aggregation beside DuckDB.
//! - `api-bench`: `entente serve`'s latency under concurrent load, beside DuckDB's time for the
//!   same SQL.
//! - `cluster-bench`: the dyad-month aggregation locally and on a Ballista cluster of 1, 2, …
//!   executors, checked equal, beside DuckDB.
//!
//! This library holds what the benchmarks share: finding the reference data, reading the corpus,
//! measuring memory, and the seeded generator of synthetic data.
#![deny(missing_docs)]

use entente_core::{Date, Document};
use std::path::{Path, PathBuf};

/// The shared reference data directory (`../shared/data` from the repository), if present.
/// Found the way the tests find it (`entente_core::testdata`, `ENTENTE_SHARED` overrides), but a
/// missing directory is not an error here: the benchmark skips what needs it.
pub fn shared_data() -> Option<PathBuf> {
    let p = entente_core::testdata::shared_dir().join("data");
    p.is_dir().then(|| p.canonicalize().unwrap_or(p))
}

/// Reads a news corpus in JSON Lines (`id`, `date`, and `text` or `title` + `body`, as
/// Reuters-21578 is laid out) into documents. Lines that cannot be used are counted, not fatal.
pub fn read_corpus(path: &Path) -> std::io::Result<(Vec<Document>, usize)> {
    let data = std::fs::read_to_string(path)?;
    let mut docs = Vec::new();
    let mut skipped = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        match document(line) {
            Some(d) => docs.push(d),
            None => skipped += 1,
        }
    }
    Ok((docs, skipped))
}

fn document(line: &str) -> Option<Document> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let id = match &v["id"] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let date = Date::parse(v["date"].as_str()?.get(..10)?).ok()?;
    let text = match (v["text"].as_str(), v["title"].as_str(), v["body"].as_str()) {
        (Some(t), _, _) => t.to_string(),
        // As `entente code` does, so that both code the same text.
        (None, Some(title), Some(body)) if !title.trim().is_empty() => format!("{}\n\n{body}", title.trim_end()),
        (None, _, Some(body)) => body.to_string(),
        (None, Some(title), None) => title.to_string(),
        (None, None, None) => return None,
    };
    Some(Document { id, date, text })
}

/// A line of `/proc/self/status` in bytes, e.g. `VmHWM` (peak resident memory); `None` where
/// there is no `/proc`.
pub fn proc_status_bytes(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key) && l[key.len()..].starts_with(':'))?;
    let kb: u64 = line[key.len() + 1..].trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

/// CPU time used by this process so far, all threads, user and system (from `/proc/self/stat`,
/// at Linux's 100 ticks a second). On a shared machine this, not wall time, tells how fast the
/// code is.
pub fn cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at field 3, `state`.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(std::time::Duration::from_millis(ticks * 10))
}

/// The 1-minute load average, to tell a busy machine from a slow program.
pub fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_reuters_layout() {
        let d = document(r#"{"id": 7, "date": "1987-02-26T15:01:01", "title": "T", "body": "B."}"#).unwrap();
        assert_eq!((d.id.as_str(), d.date.to_string(), d.text.as_str()), ("7", "1987-02-26".into(), "T\n\nB."));
        assert!(document(r#"{"id": 7, "date": null, "body": "B."}"#).is_none());
    }

    #[test]
    fn cpu_time_grows_with_work() {
        let Some(before) = cpu_time() else { return };
        // Spin until the clock moves; on a loaded machine that takes longer, never forever.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let mut x = 0u64;
        while cpu_time().unwrap() - before < std::time::Duration::from_millis(50) {
            assert!(std::time::Instant::now() < deadline, "CPU time did not grow");
            for _ in 0..100_000 {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
        }
    }

    #[test]
    fn reads_peak_memory() {
        if Path::new("/proc/self/status").exists() {
            assert!(proc_status_bytes("VmHWM").unwrap() > 0);
        }
    }
}

/// A small seeded generator (xorshift64*): the synthetic benchmark inputs must be the same bytes
/// on every machine and run, which a crate's default generator does not promise across versions.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// An index into the weights whose running sums are `cumulative`, with probability
    /// proportional to its weight.
    pub fn pick(&mut self, cumulative: &[u32]) -> usize {
        let total = *cumulative.last().unwrap_or(&1);
        let x = self.below(total as u64) as u32;
        cumulative.partition_point(|c| *c <= x)
    }
}

/// The running sums of `w`, for [`Rng::pick`].
pub fn cumulative(w: &[u32]) -> Vec<u32> {
    w.iter()
        .scan(0, |s, x| {
            *s += x;
            Some(*s)
        })
        .collect()
}

/// Child processes killed (and reaped) when dropped, so a benchmark or test that fails midway
/// leaves no scheduler, executor or server behind.
pub struct Procs(pub Vec<std::process::Child>);

impl Drop for Procs {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("binding 127.0.0.1:0")
}
