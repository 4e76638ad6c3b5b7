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
        let (mut sentences, mut items) = (0u64, 0u64);
        for _ in 0..rounds {
            for d in &docs {
                if extract {
                    let (c, x) = coder.code_extract(d);
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
        (sentences, items, secs)
    };
    for extract in [false, true, false, true] {
        let (sentences, items, secs) = measure(extract);
        println!(
            "{}: {} docs x{rounds}: {sentences} sentences, {items} items in {secs:.2} s = {:.0} sentences/s (1 thread)",
            if extract { "code + extract" } else { "code only     " },
            docs.len(),
            sentences as f64 / secs
        );
    }
}
