//! Rough single-thread throughput with the built-in dictionaries:
//! `cargo run --release -p entente-coder --example throughput [FILE.jsonl]`
//! (default ../shared/data/news/reuters21578.jsonl). The formal benchmark lives elsewhere.
//! With `ENTENTE_SAMPLE=N` it also prints every Nth event with its evidence, for eyeballing.
//! With `--extract` (or `ENTENTE_EXTRACT=1`) it codes with extraction on
//! (`Coder::code_with_extraction`: events and amounts in one pass) and counts the amounts.
//! With `--compare` it alternates rounds without and with extraction in one process and
//! reports both per CPU-second of the coding thread (fairer on a busy machine).

use entente_coder::CoderBuilder;
use entente_core::{Date, Document};
use entente_dict::Dictionaries;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let extract = args.iter().any(|a| a == "--extract") || std::env::var("ENTENTE_EXTRACT").is_ok_and(|v| v == "1");
    let path = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| "../shared/data/news/reuters21578.jsonl".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: cannot read {path}");
        return;
    };
    let date = Date::new(1987, 3, 1).unwrap();
    let docs: Vec<Document> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let body = v.get("body")?.as_str()?.to_string();
            Some(Document { id: v.get("id").map(|i| i.to_string()).unwrap_or_default(), date, text: body })
        })
        .collect();
    let t = Instant::now();
    let coder = CoderBuilder::new(&Dictionaries::builtin()).build().unwrap();
    eprintln!("built coder in {:.2?}", t.elapsed());
    if let Some(n) = std::env::var("ENTENTE_SAMPLE").ok().and_then(|v| v.parse::<usize>().ok()) {
        let all = docs.iter().flat_map(|d| coder.code(d).events);
        for e in all.step_by(n.max(1)) {
            let s = |sp: Option<(usize, usize)>| sp.map_or("-", |(a, b)| &e.text[a..b]);
            println!(
                "{} {} {} | {} / {} / {} | {}",
                e.source,
                e.target,
                e.code,
                s(e.spans.source),
                s(e.spans.verb),
                s(e.spans.target),
                e.text.replace('\n', " ")
            );
        }
        return;
    }
    if args.iter().any(|a| a == "--compare") {
        compare(&coder, &docs);
        return;
    }
    let rounds = 3;
    let cpu0 = thread_cpu_secs();
    let t = Instant::now();
    let (mut sentences, mut events, mut amounts) = (0u64, 0u64, 0u64);
    for _ in 0..rounds {
        for d in &docs {
            let c = if extract {
                let (c, x) = coder.code_with_extraction(d);
                amounts += x.amounts.len() as u64;
                c
            } else {
                coder.code(d)
            };
            sentences += c.sentences as u64;
            events += c.events.len() as u64;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_secs().zip(cpu0).map(|(b, a)| b - a);
    assert!(events > 0, "no events coded: the benchmark measured nothing");
    let extraction = if extract { format!(", {amounts} amounts (extraction on)") } else { String::new() };
    println!(
        "{} docs x{rounds}: {sentences} sentences, {events} events{extraction} in {secs:.2} s = {:.0} sentences/s (1 thread)",
        docs.len(),
        sentences as f64 / secs
    );
    // On a shared machine wall time counts other people's work: CPU time does not.
    if let Some(cpu) = cpu.filter(|c| *c > 0.0) {
        println!("  {cpu:.2} CPU-s of this thread = {:.0} sentences per CPU-second", sentences as f64 / cpu);
    }
}

/// Rounds without and with extraction, alternating, each timed in CPU time of this thread.
fn compare(coder: &entente_coder::Coder, docs: &[Document]) {
    let rounds = 4;
    let (mut cpu_off, mut cpu_on, mut sentences, mut amounts) = (0.0, 0.0, 0u64, 0u64);
    for r in 0..rounds * 2 {
        let on = r % 2 == 1;
        let c0 = thread_cpu_secs().unwrap_or(0.0);
        for d in docs {
            if on {
                let (c, x) = coder.code_with_extraction(d);
                amounts += x.amounts.len() as u64;
                std::hint::black_box(c);
            } else {
                let c = coder.code(d);
                sentences += c.sentences as u64;
                std::hint::black_box(c);
            }
        }
        let dt = thread_cpu_secs().unwrap_or(0.0) - c0;
        if on {
            cpu_on += dt;
        } else {
            cpu_off += dt;
        }
    }
    let per = |cpu: f64| if cpu > 0.0 { sentences as f64 / cpu } else { 0.0 };
    println!(
        "{} docs, {rounds} rounds each, alternating: {sentences} sentences; extraction off {:.0}, on {:.0} sentences per CPU-second ({amounts} amounts; on/off = {:.3})",
        docs.len(),
        per(cpu_off),
        per(cpu_on),
        cpu_off / cpu_on.max(1e-9)
    );
}

/// User + system CPU time of the calling thread in seconds, from /proc (Linux; `None` elsewhere),
/// in clock ticks of 1/100 s.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name, which is in brackets and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
