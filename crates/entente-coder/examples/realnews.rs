//! `cargo run -p entente-coder --example realnews -- [--failures] [SET.tsv]`: the figures of
//! `entente eval` (built-in dictionaries, text from ../shared/data/news or $ENTENTE_NEWS),
//! without building the CLI: the loop for tuning the coder on the dev split. `--failures`
//! lists the dev sentences whose events differ at the dyad + root level.

use entente_coder::eval::{self, Corpora, Level, Split};
use entente_coder::{CoderBuilder, Dictionaries};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let failures = args.iter().any(|a| a == "--failures");
    args.retain(|a| a != "--failures");
    let text = match args.first() {
        Some(p) => std::fs::read_to_string(p).expect("set file"),
        None => eval::REALNEWS.to_string(),
    };
    let news = std::env::var("ENTENTE_NEWS").unwrap_or_else(|_| "../shared/data/news".into());
    let (items, errors) = eval::parse_set(&text);
    for e in &errors {
        eprintln!("{e}");
    }
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().expect("coder");
    let corpora = Corpora::read(std::path::Path::new(&news)).expect("corpora");
    let report = eval::run(&coder, &corpora, &items);
    if failures {
        for o in report.outcomes.iter().filter(|o| o.item.split == Split::Dev && !o.agrees(Level::DyadRoot)) {
            println!("{} [{}] {}", o.item.key(), o.item.stratum, o.text.split_whitespace().collect::<Vec<_>>().join(" "));
            println!("    hand:  {}", eval::format_events(&o.gold));
            println!("    coded: {}", eval::format_events(&o.coded));
        }
    }
    print!("{report}");
}
