//! `entente eval`: the coder against the hand-coded real-news set.

use anyhow::{bail, Context};
use entente_coder::eval::{self, Corpora, Corpus, Item, Level, Outcome, Split};
use entente_coder::CoderBuilder;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `entente eval`.
#[derive(clap::Args)]
#[command(after_help = "\
Codes the documents of the hand-coded real-news set (crates/entente-coder/eval/realnews.tsv, \
built in; coding rules in eval/CODING.md) and compares the events of each listed sentence with \
the hand-coded ones: precision, recall and F1 per split (dev, test) and corpus, at three \
levels: country dyad + CAMEO root, country dyad + full code, full actor codes + full code. \
The set holds pointers only (corpus, document, sentence, hash); the text is read from the \
shared corpora.

Examples:
  entente eval
  entente eval --failures --split dev
  entente eval --calibration
  entente eval --sample 300 --seed 20261203 -o new-set.tsv")]
pub struct Args {
    /// The set to evaluate [default: the built-in real-news set].
    #[arg(long, value_name = "FILE")]
    set: Option<PathBuf>,

    /// Folder holding reuters21578.jsonl and bbc_articles.jsonl [default: $ENTENTE_NEWS or
    /// ../shared/data/news].
    #[arg(long, value_name = "DIR")]
    news: Option<PathBuf>,

    /// Read PETRARCH-format dictionaries from DIR instead of the built-in ones.
    #[arg(long = "dict", value_name = "DIR")]
    dict: Option<PathBuf>,

    /// Leave out coded events below this confidence (0-1) before comparing.
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = parse_confidence)]
    min_confidence: f32,

    /// Only this split in --failures, --sentences and --features.
    #[arg(long, value_parser = ["dev", "test"])]
    split: Option<String>,

    /// Print each sentence whose events differ (at the dyad + root level), with the hand-coded
    /// and coded events and how the coder read it.
    #[arg(long)]
    failures: bool,

    /// Print confidence bins against the share of coded events that are right, per split.
    #[arg(long)]
    calibration: bool,

    /// Write each coded event's confidence features and whether it is right (CSV) to FILE.
    #[arg(long, value_name = "FILE")]
    features: Option<PathBuf>,

    /// Print each listed sentence (key, date, text) instead of evaluating: for coding by hand.
    // Was `--show`, which elsewhere means how many problems to list; kept as a hidden alias.
    #[arg(long = "sentences", alias = "show")]
    show: bool,

    /// Draw a new, uncoded set of N sentences per corpus and stratum instead of evaluating.
    #[arg(long, value_name = "N")]
    sample: Option<usize>,

    /// Seed of --sample.
    #[arg(long, default_value_t = 20_261_203)]
    seed: u64,

    /// Write --sample's set to FILE [default: standard output].
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

fn parse_confidence(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("`{s}` is not a confidence between 0 and 1")),
    }
}

fn news_dir(arg: Option<&Path>) -> PathBuf {
    arg.map(Path::to_path_buf)
        .or_else(|| std::env::var_os("ENTENTE_NEWS").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("../shared/data/news"))
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dicts = super::explain::dictionaries(args.dict.as_deref())?;
    let coder = CoderBuilder::new(&dicts).build()?;
    let news = news_dir(args.news.as_deref());
    if let Some(n) = args.sample {
        return sample(&coder, &news, n, args.seed, args.output.as_deref());
    }
    let (set_name, text) = match &args.set {
        Some(p) => (
            p.display().to_string(),
            std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?,
        ),
        None => (
            "the built-in real-news set".to_string(),
            eval::REALNEWS.to_string(),
        ),
    };
    let (items, errors) = eval::parse_set(&text);
    for e in &errors {
        eprintln!("{set_name}: {e}");
    }
    let split = args
        .split
        .as_deref()
        .map(|s| if s == "dev" { Split::Dev } else { Split::Test });
    let corpora = Corpora::read(&news).with_context(|| {
        format!(
            "the set's text is read from {} (--news DIR)",
            news.display()
        )
    })?;
    if args.show {
        show(&coder, &corpora, &items, split)?;
        return Ok(ExitCode::SUCCESS);
    }
    let report = eval::run(&coder, &corpora, &items);
    let report = if args.min_confidence > 0.0 { report.with_min_confidence(args.min_confidence) } else { report };
    if report.outcomes.is_empty() {
        bail!(
            "{set_name}: no hand-coded sentence could be evaluated ({} lines skipped)",
            errors.len() + report.stale.len()
        );
    }
    let keep = |o: &Outcome| split.is_none_or(|s| o.item.split == s);
    if args.failures {
        failures(&coder, &report, keep);
    }
    if let Some(path) = &args.features {
        write_features(&coder, &corpora, &report, keep, path)?;
    }
    println!("{set_name}: {} sentences evaluated", report.outcomes.len());
    print!("{report}");
    if args.calibration {
        calibration(&report);
    }
    if !errors.is_empty() {
        eprintln!("{} lines of the set skipped (see above)", errors.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn sample(
    coder: &entente_coder::Coder,
    news: &Path,
    n: usize,
    seed: u64,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let mut lines = vec![
        "# entente real-news evaluation set: coding rules in CODING.md".to_string(),
        format!(
            "# drawn by `entente eval --sample {n} --seed {seed}` at entente {}",
            env!("CARGO_PKG_VERSION")
        ),
        "# corpus\tdocument\tsentence\thash\tsplit\tstratum\tevents".to_string(),
    ];
    for corpus in Corpus::ALL {
        let (docs, bad) = eval::read_corpus(news, corpus)?;
        for line in &bad {
            eprintln!("{}:{line}: skipped: not a JSON object with an id and a date", corpus.file_name());
        }
        if !bad.is_empty() {
            eprintln!("{}: {} lines skipped", corpus.file_name(), bad.len());
        }
        let items = eval::sample(
            coder,
            corpus,
            &docs,
            eval::SampleConfig {
                seed,
                per_stratum: n,
            },
        );
        eprintln!(
            "{}: {} documents, {} sentences drawn",
            corpus.name(),
            docs.len(),
            items.len()
        );
        lines.extend(items.iter().map(eval::format_item));
    }
    let text = lines.join("\n") + "\n";
    match output {
        Some(p) => {
            std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display()))?
        }
        None => std::io::stdout().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn show(
    coder: &entente_coder::Coder,
    corpora: &Corpora,
    items: &[Item],
    split: Option<Split>,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for item in items.iter().filter(|i| split.is_none_or(|s| i.split == s)) {
        let Some(doc) = corpora.get(item.corpus, &item.doc) else {
            eprintln!("{}: document not in the corpus", item.key());
            continue;
        };
        let sentences = coder.sentences(&doc.text);
        let Some(text) = sentences.get(item.sentence as usize) else {
            eprintln!("{}: sentence index past the document's end", item.key());
            continue;
        };
        writeln!(
            out,
            "{}\t{}\t{}",
            item.key(),
            doc.date,
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
    }
    Ok(())
}

fn failures(coder: &entente_coder::Coder, report: &eval::Report, keep: impl Fn(&Outcome) -> bool) {
    for o in report
        .outcomes
        .iter()
        .filter(|o| keep(o) && !o.agrees(Level::DyadRoot))
    {
        let c = eval::compare(Level::DyadRoot, &o.gold, &o.coded);
        let kind = match (c.fp > 0, c.fn_ > 0) {
            (true, true) => "WRONG",
            (true, false) => "FALSE",
            _ => "MISS",
        };
        println!(
            "{kind} {} [{} {}] {}",
            o.item.key(),
            o.item.split.name(),
            o.item.stratum,
            o.text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        println!("    hand:  {}", eval::format_events(&o.gold));
        let coded: Vec<String> = o
            .coded
            .iter()
            .zip(&o.confidence)
            .map(|((s, t, k), p)| format!("{s} {t} {k} ({p:.2})"))
            .collect();
        println!(
            "    coded: {}",
            if coded.is_empty() {
                "none".to_string()
            } else {
                coded.join("; ")
            }
        );
        let x = coder.explanation(&o.text, o.date);
        let groups = if x.groups.is_empty() {
            "none".to_string()
        } else {
            x.groups.join(" | ")
        };
        println!("    actors: {groups}");
        for v in &x.verbs {
            let why = match (&v.rejected, &v.pattern) {
                (Some(r), _) => format!("rejected: {r}"),
                (None, Some((p, at))) => format!(
                    "pattern {p} ({at}) → {}",
                    v.code.as_deref().unwrap_or("---")
                ),
                (None, None) => format!("verb code {}", v.code.as_deref().unwrap_or("---")),
            };
            println!("    verb `{}` {}: {why}", v.text, v.verb);
        }
        for ((s, t, c), why) in &x.dropped {
            println!("    dropped {s} {t} {c}: {why}");
        }
    }
}

fn write_features(
    coder: &entente_coder::Coder,
    corpora: &Corpora,
    report: &eval::Report,
    keep: impl Fn(&Outcome) -> bool,
    path: &Path,
) -> anyhow::Result<()> {
    let mut w = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?,
    );
    writeln!(
        w,
        "split,key,right,{}",
        entente_coder::CONFIDENCE_FEATURES.join(",")
    )?;
    for o in report.outcomes.iter().filter(|o| keep(o)) {
        let doc = corpora
            .get(o.item.corpus, &o.item.doc)
            .expect("evaluated items have documents");
        let gold: std::collections::HashSet<_> =
            o.gold.iter().map(|t| Level::DyadRoot.key(t)).collect();
        for e in coder
            .code_scored(&doc.text, doc.date)
            .iter()
            .filter(|e| e.raw.sentence == o.item.sentence)
        {
            let t = if e.raw.target.is_empty() {
                "-".to_string()
            } else {
                e.raw.target.clone()
            };
            let right =
                gold.contains(&Level::DyadRoot.key(&(e.raw.source.clone(), t, e.raw.code.clone())));
            let f: Vec<String> = e.features.iter().map(|x| format!("{x:.4}")).collect();
            writeln!(
                w,
                "{},{},{},{}",
                o.item.split.name(),
                o.item.key(),
                u8::from(right),
                f.join(",")
            )?;
        }
    }
    w.flush()?;
    Ok(())
}

fn calibration(report: &eval::Report) {
    println!(
        "\nconfidence calibration (coded events; right = in the hand-coded set at dyad + root)"
    );
    println!(
        "{:<6} {:<11} {:>6} {:>6} {:>8}",
        "split", "confidence", "events", "right", "share"
    );
    for split in [Split::Dev, Split::Test] {
        let mut bins = [(0usize, 0usize); 5];
        for o in report.outcomes.iter().filter(|o| o.item.split == split) {
            let gold: std::collections::HashSet<_> =
                o.gold.iter().map(|t| Level::DyadRoot.key(t)).collect();
            for (t, p) in o.coded.iter().zip(&o.confidence) {
                let b = ((p * 5.0) as usize).min(4);
                bins[b].0 += 1;
                bins[b].1 += usize::from(gold.contains(&Level::DyadRoot.key(t)));
            }
        }
        for (i, (n, right)) in bins.iter().enumerate() {
            let share = if *n == 0 {
                "-".to_string()
            } else {
                format!("{:.3}", *right as f64 / *n as f64)
            };
            println!(
                "{:<6} {:.1}–{:.1}    {:>6} {:>6} {:>8}",
                split.name(),
                i as f64 / 5.0,
                (i + 1) as f64 / 5.0,
                n,
                right,
                share
            );
        }
    }
}
