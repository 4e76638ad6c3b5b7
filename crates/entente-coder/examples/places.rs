//! The place resolver against a hand-annotated places set, or on any text.
//!
//! - `cargo run -p entente-coder --example places -- [SET] [--failures]`: recall and precision
//!   per split and corpus (SET defaults to `crates/entente-coder/eval/places.tsv`; the text comes
//!   from `../shared/data/news`, or `ENTENTE_NEWS`); `--failures` prints every dev sentence not got
//!   exactly right, with the annotated and the found places.
//! - `... --example places -- --text "Fighting near Basra, Iraq."`: the places of one text.
//! - `... --example places -- --speed [N]`: the cost of places on the first N Reuters documents
//!   (default 3000): coding with places off and on, and `Coder::places` over every sentence
//!   (measure in a release build for absolute figures; the ratios are what this shows).
//! - `... --example places -- --look SEED N`: N news sentences per corpus with a location
//!   preposition (drawn with SEED under their own stratum, `places-look`, so never the held-out
//!   draw) and their places, for reading through while developing.

use entente_coder::eval::{self, Corpora, Corpus};
use entente_coder::extract::places_eval;
use entente_coder::{CoderBuilder, Dictionaries};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let news = PathBuf::from(std::env::var("ENTENTE_NEWS").unwrap_or_else(|_| "../shared/data/news".into()));
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().expect("coder");
    if let Some(i) = args.iter().position(|a| a == "--text") {
        let text = args.get(i + 1).map(String::as_str).unwrap_or("");
        for p in coder.places(text) {
            println!("{}\t{:?}\t{}\t{}\t{}\t{:.2},{:.2}", p.sentence, p.span, p.text, p.name, p.country.as_deref().unwrap_or("-"), p.lat, p.lon);
        }
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--speed") {
        let n: usize = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(3000);
        let (docs, _) = eval::read_corpus(&news, Corpus::Reuters).expect("corpus");
        let docs: Vec<entente_core::Document> =
            docs.into_iter().take(n).map(|d| entente_core::Document { id: d.id, date: d.date, text: d.text }).collect();
        let sentences: usize = docs.iter().map(|d| coder.sentences(&d.text).len()).sum();
        let off = CoderBuilder::new(&dicts).places(false).build().expect("coder");
        let time = |label: &str, f: &dyn Fn(&entente_core::Document) -> usize| {
            let t = Instant::now();
            let k: usize = docs.iter().map(f).sum();
            let s = t.elapsed().as_secs_f64();
            println!("{label:<40} {s:>7.2} s  {:>9.0} sentences/s  ({k} items)", sentences as f64 / s);
            s
        };
        // The shortest of five interleaved runs each: the machine is shared.
        let (mut a, mut b, mut c) = (f64::INFINITY, f64::INFINITY, f64::INFINITY);
        for _ in 0..5 {
            a = a.min(time("code, places off", &|d| off.code(d).events.len()));
            b = b.min(time("code, places on", &|d| coder.code(d).events.iter().filter(|e| e.place.is_some()).count()));
            c = c.min(time("Coder::places (analysis and places)", &|d| coder.places(&d.text).len()));
        }
        println!("fastest: places on / off {:.3}; Coder::places / coding {:.3}", b / a, c / a);
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--look") {
        let seed: u64 = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(7);
        let n: usize = args.get(i + 2).and_then(|s| s.parse().ok()).unwrap_or(50);
        for corpus in Corpus::ALL {
            let (docs, _) = eval::read_corpus(&news, corpus).expect("corpus");
            let has_place_phrase = |s: &str| {
                let w: Vec<&str> = s.split_whitespace().collect();
                w.windows(2).any(|p| {
                    matches!(p[0], "in" | "at" | "near" | "outside" | "across" | "into" | "from" | "off")
                        && p[1].chars().next().is_some_and(char::is_uppercase)
                })
            };
            for it in eval::draw(&coder, corpus, &docs, seed, n, "places-look", has_place_phrase) {
                let doc = docs.iter().find(|d| d.id == it.doc).expect("doc");
                let text = coder.sentences(&doc.text)[it.sentence as usize];
                let found: Vec<_> = coder.places(&doc.text).into_iter().filter(|p| p.sentence == it.sentence).collect();
                println!("{}\t{}\n    → {}", corpus.name(), text.split_whitespace().collect::<Vec<_>>().join(" "), places_eval::format_places(&found));
            }
        }
        return;
    }
    let failures = args.iter().any(|a| a == "--failures");
    let set = args.iter().find(|a| !a.starts_with("--")).map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/places.tsv"), PathBuf::from);
    let Ok(text) = std::fs::read_to_string(&set) else {
        eprintln!("cannot read the set {}", set.display());
        std::process::exit(2);
    };
    let (items, errors) = places_eval::parse_set(&text);
    for e in &errors {
        eprintln!("{}:{e}", set.display());
    }
    let corpora = Corpora::read(&news).expect("../shared/data/news");
    let t = Instant::now();
    let report = places_eval::run(&coder, &corpora, &items);
    eprintln!("resolved {} sentences' documents in {:.2?}", report.outcomes.len(), t.elapsed());
    print!("{report}");
    if failures {
        // Dev only: the test split is for reporting, never for reading failures.
        for o in report.outcomes.iter().filter(|o| !o.correct() && o.item.split == entente_coder::eval::Split::Dev) {
            println!("\n{} [{}]\n  {}\n  annotated: {}\n  found:     {}", o.item.key(), o.item.split.name(), o.text, places_eval::format_gold(&o.gold), places_eval::format_places(&o.found));
        }
    }
}
