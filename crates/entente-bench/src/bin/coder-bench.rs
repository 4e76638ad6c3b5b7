//! Whole-corpus coder throughput: raw news text into events, over Reuters-21578.
//!
//! ```text
//! cargo run --release -p entente-bench --bin coder-bench [-- --runs N] [--corpus FILE]
//! ```
//!
//! For the built-in and the full Phoenix dictionaries: load and build time, sentences/s on one
//! core and on all cores, events, and peak memory; each rate beside PETRARCH2's published ones.
//! Every timed run checks that it produced the expected, nonzero number of events, so the
//! benchmark cannot quietly measure a coder that does nothing.

use entente_bench::{cpu_time, load_average, proc_status_bytes, read_corpus, shared_data};
use entente_coder::CoderBuilder;
use entente_core::Document;
use entente_dict::Dictionaries;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// PETRARCH2 on pre-parsed input (its own documentation: about 2,000 sentences a second).
const PETRARCH2_PARSED: f64 = 2000.0;
/// Stanford CoreNLP's parser, which PETRARCH2 needs first: 2–5 sentences a second.
const CORENLP_LOW: f64 = 2.0;
const CORENLP_HIGH: f64 = 5.0;
/// Our target, per core, with the built-in dictionaries.
const TARGET_PER_CORE: f64 = 50_000.0;

struct Options {
    runs: usize,
    corpus: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut o = Options { runs: 3, corpus: None };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => {
                o.runs = args.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0).ok_or("--runs needs N > 0")?
            }
            "--corpus" => o.corpus = Some(args.next().ok_or("--corpus needs a FILE")?.into()),
            "--bench" => {} // passed by `cargo bench`
            "-h" | "--help" => {
                return Err("usage: coder-bench [--runs N] [--corpus FILE.jsonl]".to_string());
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let opts = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let data = shared_data();
    let corpus = match opts.corpus.clone().or_else(|| data.as_ref().map(|d| d.join("news/reuters21578.jsonl"))) {
        Some(p) if p.is_file() => p,
        other => {
            let shown = other.map_or("../shared/data/news/reuters21578.jsonl".into(), |p| p.display().to_string());
            println!("coder-bench: skipped: corpus {shown} is absent");
            return ExitCode::SUCCESS;
        }
    };
    if cfg!(debug_assertions) {
        eprintln!("coder-bench: warning: a debug build; run with --release for real figures");
    }

    let (docs, unusable) = match read_corpus(&corpus) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("coder-bench: cannot read {}: {e}", corpus.display());
            return ExitCode::FAILURE;
        }
    };
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let cores = rayon::current_num_threads();
    println!("## Coder\n");
    println!(
        "Corpus: `{}`: {} documents ({} lines unusable), {:.1} MB of text. Machine: {} cores{}, {} build.\n",
        corpus.file_name().unwrap_or_default().to_string_lossy(),
        docs.len(),
        unusable,
        bytes as f64 / 1e6,
        cores,
        load_average().map_or(String::new(), |l| format!(", load average {l:.1} at start")),
        if cfg!(debug_assertions) { "debug" } else { "release" },
    );

    let mut rows = Vec::new();
    let builtin = || dictionaries_builtin();
    rows.extend(bench("built-in", builtin, &docs, opts.runs));
    match data.as_ref().map(|d| d.join("petrarch/dictionaries")).filter(|p| p.is_dir()) {
        Some(dir) => rows.extend(bench("Phoenix", || dictionaries_from(&dir), &docs, opts.runs)),
        None => println!("Phoenix dictionaries: skipped: ../shared/data/petrarch/dictionaries is absent\n"),
    }

    println!(
        "| dictionaries | load + build | threads | sentences | events | wall time | CPU time | sentences/s (wall) | sentences per CPU-second | vs PETRARCH2 parsed (2,000/s) | vs CoreNLP + PETRARCH2 (2–5/s) | peak memory so far |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!("{}", r.markdown());
    }
    println!("\nTimes are the median of {} runs; ratios use the wall-clock rate.", opts.runs);
    println!();
    if let Some(r) = rows.iter().find(|r| r.dicts == "built-in" && r.threads == 1) {
        let per_core = r.cpu_rate().unwrap_or(r.rate());
        let verdict = if per_core >= TARGET_PER_CORE { "met" } else { "NOT met" };
        println!(
            "Target of {TARGET_PER_CORE} sentences per core-second with the built-in dictionaries: {verdict} ({per_core:.0})."
        );
    }
    if let Some(l) = load_average() {
        println!("Load average at the end: {l:.1} on {cores} cores.");
    }
    ExitCode::SUCCESS
}

fn dictionaries_builtin() -> Result<Dictionaries, String> {
    Ok(Dictionaries::builtin())
}

fn dictionaries_from(dir: &Path) -> Result<Dictionaries, String> {
    Dictionaries::load_dir(dir).map_err(|e| e.to_string())
}

struct Row {
    dicts: &'static str,
    load: Duration,
    threads: usize,
    sentences: u64,
    events: u64,
    time: Duration,
    /// CPU time of the median run, all threads.
    cpu: Option<Duration>,
    peak: Option<u64>,
}

impl Row {
    fn rate(&self) -> f64 {
        self.sentences as f64 / self.time.as_secs_f64()
    }

    /// Sentences per CPU-second: the rate per core, whatever else the machine is doing.
    fn cpu_rate(&self) -> Option<f64> {
        self.cpu.filter(|c| !c.is_zero()).map(|c| self.sentences as f64 / c.as_secs_f64())
    }

    fn markdown(&self) -> String {
        let rate = self.rate();
        format!(
            "| {} | {:.3} s | {} | {} | {} | {:.2} s | {} | {:.0} | {} | {:.1}× | {:.0}×–{:.0}× | {} |",
            self.dicts,
            self.load.as_secs_f64(),
            self.threads,
            self.sentences,
            self.events,
            self.time.as_secs_f64(),
            self.cpu.map_or("n/a".to_string(), |c| format!("{:.2} s", c.as_secs_f64())),
            rate,
            self.cpu_rate().map_or("n/a".to_string(), |r| format!("{r:.0}")),
            rate / PETRARCH2_PARSED,
            rate / CORENLP_HIGH,
            rate / CORENLP_LOW,
            self.peak.map_or("n/a".to_string(), |b| format!("{:.0} MiB", b as f64 / (1024.0 * 1024.0))),
        )
    }
}

/// Loads the dictionaries, builds a coder, and times it on one core and on all.
fn bench(
    name: &'static str,
    load: impl Fn() -> Result<Dictionaries, String>,
    docs: &[Document],
    runs: usize,
) -> Vec<Row> {
    let t = Instant::now();
    let dicts = match load() {
        Ok(d) => d,
        Err(e) => {
            println!("{name} dictionaries: skipped: {e}\n");
            return Vec::new();
        }
    };
    let coder = match CoderBuilder::new(&dicts).build() {
        Ok(c) => c,
        Err(e) => {
            println!("{name} dictionaries: skipped: {e}\n");
            return Vec::new();
        }
    };
    let load_time = t.elapsed();
    println!(
        "{name} dictionaries: {} actors, {} agents, {} verb blocks, {} diagnostics; loaded and built in {:.3} s.\n",
        dicts.actors.len(),
        dicts.agents.len(),
        dicts.verbs.len(),
        dicts.diagnostics.len(),
        load_time.as_secs_f64()
    );

    // The untimed warm-up fixes the expected counts that every timed run must reproduce.
    let (sentences, events) = docs.iter().map(|d| count(&coder.code(d))).fold((0, 0), add);
    assert!(events > 0, "{name}: the coder found no events in {} sentences: nothing to measure", sentences);

    let one = |docs: &[Document]| docs.iter().map(|d| count(&coder.code(d))).fold((0, 0), add);
    let all = |docs: &[Document]| docs.par_iter().map(|d| count(&coder.code(d))).reduce(|| (0, 0), add);
    let mut rows = Vec::new();
    let pool1 = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("thread pool");
    for threads in [1, rayon::current_num_threads()] {
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let cpu = cpu_time();
            let t = Instant::now();
            let got = if threads == 1 { pool1.install(|| one(docs)) } else { all(docs) };
            let wall = t.elapsed();
            times.push((wall, cpu.zip(cpu_time()).map(|(a, b)| b - a)));
            assert_eq!(got, (sentences, events), "{name}, {threads} threads: counts differ from the warm-up run");
        }
        times.sort();
        let (time, cpu) = times[times.len() / 2];
        rows.push(Row {
            dicts: name,
            load: load_time,
            threads,
            sentences,
            events,
            time,
            cpu,
            peak: proc_status_bytes("VmHWM"),
        });
        if threads == rayon::current_num_threads() && threads == 1 {
            break;
        }
    }
    rows
}

fn count(c: &entente_coder::Coded) -> (u64, u64) {
    (u64::from(c.sentences), c.events.len() as u64)
}

fn add(a: (u64, u64), b: (u64, u64)) -> (u64, u64) {
    (a.0 + b.0, a.1 + b.1)
}
