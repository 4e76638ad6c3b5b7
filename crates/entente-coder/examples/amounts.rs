//! `cargo run -p entente-coder --example amounts -- [SET] [--failures]`: the amount extractor
//! against the hand-annotated set (default `crates/entente-coder/eval/amounts.tsv`; text from
//! `../shared/data/news`, or `ENTENTE_NEWS`): precision, recall and F1 on value + unit per
//! split and corpus. `--failures` also prints the dev sentences where extractor and annotator
//! differ (never the test split's: it is for reporting only).

use entente_coder::eval::{Corpora, Split};
use entente_coder::extract::eval as amounts_eval;
use entente_coder::{CoderBuilder, Dictionaries};
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let failures = args.iter().any(|a| a == "--failures");
    let set = args.iter().find(|a| !a.starts_with("--")).map_or_else(amounts_eval::set_path, PathBuf::from);
    let Ok(text) = std::fs::read_to_string(&set) else {
        eprintln!("no set at {}: nothing to measure", set.display());
        std::process::exit(2);
    };
    let (items, errors) = amounts_eval::parse_set(&text);
    for e in &errors {
        eprintln!("{}: {e}", set.display());
    }
    let news = std::env::var("ENTENTE_NEWS").unwrap_or_else(|_| "../shared/data/news".into());
    let corpora = match Corpora::read(std::path::Path::new(&news)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot read the corpora: {e}");
            std::process::exit(2);
        }
    };
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().expect("coder");
    let report = amounts_eval::run(&coder, &corpora, &items);
    print!("{report}");
    if failures {
        println!("\nfailures (dev only):");
        print!("{}", report.failures(Split::Dev));
    }
}
