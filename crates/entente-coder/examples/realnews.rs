//! `cargo run -p entente-coder --example realnews -- [--failures] [SET.tsv]`: the figures of
//! `entente eval` (built-in dictionaries, text from ../shared/data/news or $ENTENTE_NEWS),
//! without building the CLI: the loop for tuning the coder on the dev split. `--failures`
//! lists the dev sentences whose events differ at the dyad + root level.

use entente_coder::eval::{self, Corpora, Level, Split};
use entente_coder::{CoderBuilder, Dictionaries};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let failures = args.iter().any(|a| a == "--failures");
    let why = args.iter().any(|a| a == "--why");
    args.retain(|a| a != "--failures" && a != "--why");
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
    if why {
        // Why dev sentences with hand-coded events got none: each verb's fate, counted.
        let mut reasons: std::collections::BTreeMap<String, usize> = Default::default();
        for o in report.outcomes.iter().filter(|o| o.item.split == Split::Dev && !o.gold.is_empty() && o.coded.is_empty()) {
            let ex = coder.explanation(&o.text, o.date);
            let mut seen = std::collections::BTreeSet::new();
            if ex.verbs.is_empty() {
                seen.insert("no verb in the dictionary".to_string());
            }
            if ex.phrases.iter().all(|p| p.kind != "actor") {
                seen.insert("no actor phrase".to_string());
            }
            for v in &ex.verbs {
                let r = v.rejected.clone().unwrap_or_else(|| "coded (then dropped)".into());
                let r = r.split(['"', '(', ':']).next().unwrap_or("").trim().to_string();
                seen.insert(r);
            }
            for (_, r) in &ex.dropped {
                seen.insert(format!("policy: {}", r.split(['(', ':']).next().unwrap_or("").trim()));
            }
            println!("{} | {} | {}", o.item.key(), eval::format_events(&o.gold), seen.iter().cloned().collect::<Vec<_>>().join(" / "));
            for r in seen {
                *reasons.entry(r).or_default() += 1;
            }
        }
        let mut v: Vec<_> = reasons.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1));
        for (r, n) in v {
            println!("{n:5}  {r}");
        }
    }
    print!("{report}");
}
