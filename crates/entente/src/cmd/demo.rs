//! `entente demo`: the whole pipeline on the built-in sample corpus, with nothing to download —
//! code the news with the built-in dictionaries, store the events, write the Russia–Iran guide.

use super::guide::{self, Request};
use anyhow::Context;
use entente_analytics::{analyze, AnalysisOptions, Granularity};
use entente_coder::CoderBuilder;
use entente_core::{Date, Document};
use entente_dict::Dictionaries;
use entente_store::{Dedup, Store};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The built-in corpus: the team's own short wire-style articles (see `data/README.md`).
const SAMPLE: &str = include_str!("../../data/sample-news.jsonl");
/// Its name in the store's import log.
const SAMPLE_NAME: &str = "sample-news.jsonl (built in)";

/// Arguments of `entente demo`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Codes the built-in sample corpus (short wire-style articles, 2019–2025) with the built-in \
dictionaries, stores the events in a fresh store under DIR/store, and writes DIR/guide-RUS-IRN.html \
and .md. Running it again replaces the store it made before (and refuses to touch a DIR/store that \
holds anything else). Then try, for example:
  entente guide RUS IRN --store entente-demo/store --from 2022-01-01 -o rus-irn.md
  entente events --dyad RUS,IRN --store entente-demo/store")]
pub struct Args {
    /// The directory to put the store and the guide in.
    // `--out` was this option's name before every command took -o/--output; kept, hidden.
    #[arg(long, short = 'o', alias = "out", default_value = "entente-demo", value_name = "DIR")]
    output: PathBuf,
}

#[derive(serde::Deserialize)]
struct Line {
    id: String,
    date: String,
    text: String,
}

/// The built-in corpus as documents. A malformed line is a bug in the corpus, reported with
/// its line number.
fn documents() -> anyhow::Result<Vec<Document>> {
    let mut docs = vec![];
    for (i, line) in SAMPLE.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let l: Line = serde_json::from_str(line)
            .with_context(|| format!("built-in sample corpus, line {}: not a document (a bug)", i + 1))?;
        let date = Date::parse(l.date.get(..10).unwrap_or(&l.date))
            .with_context(|| format!("built-in sample corpus, line {}: bad date (a bug)", i + 1))?;
        docs.push(Document { id: l.id, date, text: l.text });
    }
    Ok(docs)
}

/// Starts the demo store afresh, so that articles taken out of the corpus leave no events
/// behind: an earlier demo store (every import is the built-in corpus) is removed; a directory
/// holding anything else is left alone, with an error.
fn fresh_store(dir: &std::path::Path) -> anyhow::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    let store = Store::open(dir).with_context(|| format!("{} exists and is not a store", dir.display()))?;
    let m = store.manifest();
    if m.imports.iter().any(|i| i.file != SAMPLE_NAME) || (m.imports.is_empty() && dir.read_dir()?.next().is_some()) {
        anyhow::bail!(
            "{} holds other data than the demo's; choose another directory with -o",
            dir.display()
        );
    }
    drop(store);
    std::fs::remove_dir_all(dir).with_context(|| format!("removing the old demo store {}", dir.display()))
}

/// Runs `entente demo`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let docs = documents()?;
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().context("cannot build the coder")?;
    // Events and what their sentences say beside them (amounts, things, themes, quotes, places).
    let coded: Vec<_> = docs
        .par_iter()
        .map(|d| {
            let (c, x) = coder.code_with_extraction(d);
            (c, x.rows(&d.id, d.date))
        })
        .collect();
    let sentences: u64 = coded.iter().map(|(c, _)| u64::from(c.sentences)).sum();
    let mut extracts = entente_core::extract::Extracts::default();
    let mut events = Vec::new();
    for (c, mut x) in coded {
        events.extend(c.events);
        extracts.append(&mut x);
    }
    let n_events = events.len();
    let coding = started.elapsed();

    let store_dir = args.output.join("store");
    fresh_store(&store_dir)?;
    let mut store = Store::open(&store_dir)
        .with_context(|| format!("opening the demo store {}", store_dir.display()))?;
    store
        .ingest_coded(SAMPLE_NAME, events, &extracts)
        .with_context(|| format!("storing the events in {}", store_dir.display()))?;

    let req = Request {
        a: "RUS".into(),
        b: "IRN".into(),
        from: None,
        to: None,
        datasets: vec!["entente".into()],
        dedup: Dedup::Raw,
        dedup_name: "raw".into(),
        granularity: Granularity::Month,
        min_confidence: guide::GUIDE_MIN_CONFIDENCE,
        timeout: Duration::from_secs(120),
    };
    let (mut input, _) = guide::load(&store, &req)?;
    input.provenance = vec![format!(
        "the built-in sample corpus ({} documents, the team's own fictionalised wire copy — not a source of fact), \
         coded by entente {} with its built-in dictionaries",
        docs.len(),
        env!("CARGO_PKG_VERSION")
    )];
    let analysis = analyze(&input, &AnalysisOptions::default())?;
    let html = args.output.join("guide-RUS-IRN.html");
    let md = args.output.join("guide-RUS-IRN.md");
    guide::write(&analysis, &html)?;
    guide::write(&analysis, &md)?;

    let s = &analysis.totals.both;
    println!("entente demo: the built-in sample corpus, coded, stored and analysed");
    println!("  documents        {}", docs.len());
    println!("  sentences        {sentences}");
    println!("  events           {n_events} (coded in {:.2} s)", coding.as_secs_f64());
    println!(
        "  RUS–IRN events   {} ({} RUS→IRN, {} IRN→RUS), {:.1}% cooperative",
        s.events,
        analysis.totals.a_to_b.events,
        analysis.totals.b_to_a.events,
        s.cooperative_share.unwrap_or(0.0) * 100.0
    );
    println!("  top domains      {}", guide::top_domains(&analysis, 3));
    println!("  turning points   {}", guide::turning_points(&analysis));
    println!("  store            {}", store_dir.display());
    println!("  guide            {}", html.display());
    println!("                   {}", md.display());
    println!("done in {:.2} s; open the guide in a browser.", started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}
