//! Single-thread throughput of coding alone and of coding with extraction (things, candidates,
//! themes, quotes) in the same pass, with the built-in dictionaries:
//! `cargo run --release -p entente-coder --example extract_throughput [FILE.jsonl]`
//! (default ../shared/data/news/reuters21578.jsonl). With `ENTENTE_SAMPLE=N` it prints the
//! extraction of every Nth document instead, for eyeballing.

use entente_coder::CoderBuilder;
use entente_core::{Date, Document};
use entente_dict::Dictionaries;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/data/news/reuters21578.jsonl".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: cannot read {path}");
        return;
    };
    let date = Date::new(1987, 3, 1).unwrap();
    let docs: Vec<Document> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .enumerate()
        .filter_map(|(i, v)| {
            let body = v.get("body")?.as_str()?.to_string();
            Some(Document { id: v.get("id").map_or_else(|| i.to_string(), |i| i.to_string()), date, text: body })
        })
        .collect();
    let coder = CoderBuilder::new(&Dictionaries::builtin()).build().unwrap();
    if let Some(n) = std::env::var("ENTENTE_SAMPLE").ok().and_then(|v| v.parse::<usize>().ok()) {
        for d in docs.iter().step_by(n.max(1)) {
            let x = coder.extract(&d.text, d.date);
            let sentences = coder.sentences(&d.text);
            println!("== {}", d.id);
            for t in &x.things {
                println!("thing   s{} {} ({}) {:?}", t.sentence, t.name, t.category.label(), t.text);
            }
            for c in &x.candidates {
                println!("cand    s{} {:?} {:?} {:.1}", c.sentence, c.text, c.shape, c.score);
            }
            for t in &x.doc_themes {
                println!("theme   {} x{} ({} hits)", t.theme, t.sentences, t.hits);
            }
            for q in &x.quotes {
                println!("quote   s{} {:?} {:?}/{:?} {:?}: {:?}", q.sentence, q.kind, q.speaker, q.speaker_name, q.verb, q.text);
                println!("        in: {}", sentences[q.sentence as usize].replace('\n', " "));
            }
        }
        return;
    }
    let rounds = 3;
    let measure = |extract: bool| {
        let t = Instant::now();
        let cpu0 = cpu_seconds();
        let (mut sentences, mut items) = (0u64, 0u64);
        for _ in 0..rounds {
            for d in &docs {
                if extract {
                    let (c, x) = coder.code_with_extraction(d);
                    sentences += c.sentences as u64;
                    items += (c.events.len() + x.things.len() + x.candidates.len() + x.themes.len() + x.quotes.len()) as u64;
                } else {
                    let c = coder.code(d);
                    sentences += c.sentences as u64;
                    items += c.events.len() as u64;
                }
            }
        }
        let secs = t.elapsed().as_secs_f64();
        (sentences, items, secs, cpu_seconds() - cpu0)
    };
    for extract in [false, true, false, true] {
        let (sentences, items, secs, cpu) = measure(extract);
        println!(
            "{}: {} docs x{rounds}: {sentences} sentences, {items} items in {secs:.2} s = {:.0} sentences/s (1 thread); {cpu:.2} s CPU = {:.0} sentences per CPU second",
            if extract { "code + extract" } else { "code only     " },
            docs.len(),
            sentences as f64 / secs,
            sentences as f64 / cpu.max(1e-9)
        );
    }
}

/// CPU time of this thread (user + system) in seconds, from /proc (Linux; 0 elsewhere): on a
/// shared machine wall-clock throughput says more about the neighbours than about the coder.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else { return 0.0 };
    // The command name may hold spaces; the fields after it are space-separated.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of stat: after the name, field 3 (the state) is index
    // 0, so they are 11 and 12. Clock ticks are 1/100 s on Linux.
    (ticks(11) + ticks(12)) / 100.0
}
