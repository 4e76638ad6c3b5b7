//! Running the built `entente` binary and looking at what it printed.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// What one run printed, and how it ended.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }

    /// Panics with everything printed, for a failed assertion to show.
    #[track_caller]
    pub fn assert_stderr_has(&self, needle: &str) {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}:\n{self}");
    }

    #[track_caller]
    pub fn assert_ok(&self) {
        assert!(self.ok(), "expected exit 0:\n{self}");
    }

    #[track_caller]
    pub fn assert_failed(&self) {
        assert!(self.code.is_some() && !self.ok(), "expected a non-zero exit (not a signal):\n{self}");
    }

    /// The events of JSON Lines output.
    /// The JSON Lines events of stdout (extract records, which carry a `record` field, left out).
    pub fn events(&self) -> Vec<serde_json::Value> {
        self.lines().into_iter().filter(|v| v.get("record").is_none()).collect()
    }

    /// The extract records of stdout (`{"record":"amount",...}`).
    pub fn records(&self) -> Vec<serde_json::Value> {
        self.lines().into_iter().filter(|v| v.get("record").is_some()).collect()
    }

    fn lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad output line {l:?}: {e}")))
            .collect()
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let out: String = self.stdout.chars().take(2000).collect();
        write!(f, "exit: {:?}\n--- stdout\n{out}\n--- stderr\n{}", self.code, self.stderr)
    }
}

pub fn entente() -> Command {
    Command::new(env!("CARGO_BIN_EXE_entente"))
}

/// Runs `entente ARGS` with `stdin` as standard input.
pub fn run(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = entente()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run entente");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // A thread, so that a large input cannot deadlock against a full stdout pipe.
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().expect("wait for entente");
    feeder.join().unwrap();
    run_of(out)
}

pub fn run_of(out: Output) -> Run {
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A temporary directory holding `files`.
pub fn dir_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, data) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
    dir
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A path under the shared reference data (`../shared/data`): skips loudly when absent, fails under `CI=true`.
#[track_caller]
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    entente_core::testdata::shared_data(rel)
}

/// A JSON line for one document.
pub fn doc(id: &str, date: &str, text: &str) -> String {
    serde_json::json!({"id": id, "date": date, "text": text}).to_string() + "\n"
}

/// Deterministic pseudo-random bytes (xorshift64).
pub fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    let mut v = Vec::with_capacity(n);
    while v.len() < n {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        v.extend_from_slice(&seed.to_le_bytes());
    }
    v.truncate(n);
    v
}

/// Runs `entente ARGS`, writing standard input with `feed`, and samples the child's peak
/// resident memory (`VmHWM`) while it runs. `None` for the peak where there is no `/proc`.
pub fn run_measuring_peak(
    args: &[&str],
    feed: impl FnOnce(&mut dyn Write) -> std::io::Result<()> + Send + 'static,
) -> (Run, Option<u64>) {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::sync::Arc;
    let mut child = entente()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run entente");
    let status = format!("/proc/{}/status", child.id());
    let done = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (done, peak) = (done.clone(), peak.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if let Some(kb) = std::fs::read_to_string(&status).ok().and_then(|s| {
                    s.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse::<u64>().ok()
                }) {
                    peak.fetch_max(kb * 1024, Ordering::Relaxed);
                }
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        })
    };
    let mut input = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = feed(&mut input);
    });
    let out = child.wait_with_output().expect("wait for entente");
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    feeder.join().unwrap();
    let peak = peak.load(Ordering::Relaxed);
    (run_of(out), Path::new("/proc/self/status").exists().then_some(peak).filter(|&p| p > 0))
}
