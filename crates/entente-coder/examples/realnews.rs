//! `cargo run -p entente-coder --example realnews -- [--failures] [SET.tsv]`: the figures of
//! `entente eval` (built-in dictionaries, text from ../shared/data/news or $ENTENTE_NEWS),
//! without building the CLI: the loop for tuning the coder on the dev split. `--failures`
//! lists the dev sentences whose events differ at the dyad + root level; `--why` counts why dev
//! sentences with hand-coded events got none; `--min-confidence P` keeps events scored ≥ P;
//! `--features FILE` writes the dev split's events with their confidence features (for fitting);
//! `--roots` counts per CAMEO root, `--drops` per news-policy reason, `--dump` lists hand codes.

use entente_coder::eval::{self, Corpora, Level, Split};
use entente_coder::{CoderBuilder, Dictionaries};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let failures = args.iter().any(|a| a == "--failures");
    let why = args.iter().any(|a| a == "--why");
    // `--dump`: every row's hand-coded events beside its sentence, without entente's output, for
    // checking that each annotation sits on the sentence it was written for.
    let dump = args.iter().any(|a| a == "--dump");
    // `--roots`: the dev split's coded events per CAMEO root, right and wrong (dyad + root).
    let roots = args.iter().any(|a| a == "--roots");
    // `--drops`: per news-policy reason, how many of the events it dropped on dev were right.
    let drops = args.iter().any(|a| a == "--drops");
    let min_conf: Option<f32> = args.iter().position(|a| a == "--min-confidence").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok());
    if let Some(i) = args.iter().position(|a| a == "--min-confidence") {
        args.drain(i..(i + 2).min(args.len()));
    }
    let features: Option<String> = args.iter().position(|a| a == "--features").and_then(|i| args.get(i + 1)).cloned();
    if let Some(i) = args.iter().position(|a| a == "--features") {
        args.drain(i..(i + 2).min(args.len()));
    }
    args.retain(|a| a != "--failures" && a != "--why" && a != "--dump" && a != "--roots" && a != "--drops");
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
    let report = match min_conf {
        Some(p) => report.with_min_confidence(p),
        None => report,
    };
    if dump {
        for o in &report.outcomes {
            println!("{}\t{:?}\t{}\t{}", o.item.key(), o.item.split, eval::format_events(&o.gold), o.text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        return;
    }
    if drops {
        let mut by: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for o in report.outcomes.iter().filter(|o| o.item.split == Split::Dev) {
            let gold: std::collections::HashSet<_> = o.gold.iter().map(|t| Level::DyadRoot.key(t)).collect();
            for (t, why) in coder.explanation(&o.text, o.date).dropped {
                let t = (t.0, if t.1.is_empty() { "-".to_string() } else { t.1 }, t.2);
                let e = by.entry(why.split(['(', ':']).next().unwrap_or("").trim().to_string()).or_default();
                if gold.contains(&Level::DyadRoot.key(&t)) {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
        for (why, (right, wrong)) in by {
            println!("{right:3} right {wrong:3} wrong  {why}");
        }
    }
    if roots {
        let mut by: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for o in report.outcomes.iter().filter(|o| o.item.split == Split::Dev) {
            let gold: std::collections::HashSet<_> = o.gold.iter().map(|t| Level::DyadRoot.key(t)).collect();
            for t in &o.coded {
                let e = by.entry(t.2.chars().take(2).collect()).or_default();
                if gold.contains(&Level::DyadRoot.key(t)) {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
        let mut gold_by: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for o in report.outcomes.iter().filter(|o| o.item.split == Split::Dev) {
            let coded: std::collections::HashSet<_> = o.coded.iter().map(|t| Level::DyadRoot.key(t)).collect();
            for t in &o.gold {
                let e = gold_by.entry(t.2.chars().take(2).collect()).or_default();
                e.0 += 1;
                if coded.contains(&Level::DyadRoot.key(t)) {
                    e.1 += 1;
                }
            }
        }
        let roots: std::collections::BTreeSet<_> = by.keys().chain(gold_by.keys()).cloned().collect();
        for r in roots {
            let (tp, fp) = by.get(&r).copied().unwrap_or_default();
            let (g, found) = gold_by.get(&r).copied().unwrap_or_default();
            println!("{r}  coded right {tp:3} wrong {fp:3} precision {:.2} | hand {g:3} found {found:3} recall {:.2}", tp as f64 / (tp + fp).max(1) as f64, found as f64 / g.max(1) as f64);
        }
    }
    if failures {
        for o in report.outcomes.iter().filter(|o| o.item.split == Split::Dev && !o.agrees(Level::DyadRoot)) {
            println!("{} [{}] {}", o.item.key(), o.item.stratum, o.text.split_whitespace().collect::<Vec<_>>().join(" "));
            println!("    hand:  {}", eval::format_events(&o.gold));
            println!("    coded: {}", eval::format_events(&o.coded));
        }
    }
    if let Some(path) = &features {
        // The dev split's coded events, their confidence features and whether each is right:
        // the table the confidence weights are fitted on (never the test split).
        let mut out = format!("key,right,{}\n", entente_coder::CONFIDENCE_FEATURES.join(","));
        for o in report.outcomes.iter().filter(|o| o.item.split == Split::Dev) {
            let doc = corpora.get(o.item.corpus, &o.item.doc).expect("evaluated items have documents");
            let gold: std::collections::HashSet<_> = o.gold.iter().map(|t| Level::DyadRoot.key(t)).collect();
            for e in coder.code_scored(&doc.text, doc.date).iter().filter(|e| e.raw.sentence == o.item.sentence) {
                let t = if e.raw.target.is_empty() { "-".to_string() } else { e.raw.target.clone() };
                let right = gold.contains(&Level::DyadRoot.key(&(e.raw.source.clone(), t, e.raw.code.clone())));
                let f: Vec<String> = e.features.iter().map(|x| format!("{x:.4}")).collect();
                out.push_str(&format!("{},{},{}\n", o.item.key(), u8::from(right), f.join(",")));
            }
        }
        std::fs::write(path, out).expect("write features");
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
