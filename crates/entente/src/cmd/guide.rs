//! `entente guide A B`: a media guide on how two states get along, from the event store.
//!
//! The store queries that fill the analysis's input live in `entente_report::load` (shared with
//! `entente serve` and the Python package); the rest is `entente-analytics` (the numbers) and
//! `entente-report` (the prose and charts).

use anyhow::{bail, Context};
use entente_analytics::{analyze, AnalysisOptions, DyadAnalysis, DyadInput};
use entente_core::Date;
use super::output::{self as out, Format as OutFormat, UnknownExtension};
use entente_report::load::{LoadError, Timings};
use entente_report::Format;
use entente_store::{QueryOptions, Store};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

pub(crate) use entente_report::load::{GuideRequest as Request, GUIDE_MIN_CONFIDENCE};

/// The formats a guide is written in.
pub const FORMATS: &[OutFormat] = &[OutFormat::Html, OutFormat::Md, OutFormat::Json];

/// Arguments of `entente guide`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Without -o the guide goes to standard output, as Markdown unless --format says otherwise; with \
-o FILE its format follows the extension (.html, .md, .json) unless --format is given.

Examples:
  entente guide RUS IRN --from 2018-10-01 --to 2019-03-31 -o rus-irn.html
  entente guide USA CHN --dataset gdelt --dedup daily -o usa-chn.md
  entente guide RUS IRN -o rus-irn.json         (the analysis itself, every figure)
  entente guide RUS IRN --format html > rus-irn.html
  entente guide RUS IRN --min-confidence 0 | less   (keep every event entente coded)

Events coded by entente with a confidence below --min-confidence are left out; GDELT and ICEWS events \
have no confidence and are all kept. The guide's methods section states the threshold and how many \
events it left out.")]
pub struct Args {
    /// The first country, ISO3 (e.g. RUS).
    #[arg(value_name = "A")]
    a: String,
    /// The second country, ISO3 (e.g. IRN).
    #[arg(value_name = "B")]
    b: String,
    /// First day, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    from: Option<Date>,
    /// Last day, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    to: Option<Date>,
    /// The store directory.
    #[arg(long, env = "ENTENTE_STORE", default_value = "entente-data", value_name = "DIR")]
    store: PathBuf,
    /// Only these datasets (gdelt, icews, entente), comma-separated; default all.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    dataset: Vec<String>,
    /// How repeated reports count: every row, one a day per (dataset, date, source, target,
    /// code), or GDELT root events only.
    #[arg(long, value_parser = ["raw", "daily", "root"], default_value = "raw")]
    dedup: String,
    /// Period of the series.
    #[arg(long, value_parser = ["month", "week", "day"], default_value = "month")]
    granularity: String,
    /// Write the guide to FILE instead of standard output; the extension sets the format when
    /// --format is not given (.html, .md, .json).
    // `--out` was this option's name before every command took -o/--output; kept, hidden.
    #[arg(long, short = 'o', alias = "out", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format: an HTML page, Markdown, or the analysis itself as one JSON document
    /// [default: from the extension of -o, else md].
    #[arg(long, value_name = "FORMAT", value_parser = out::parser(FORMATS))]
    format: Option<OutFormat>,
    /// Leave out events coded by entente with a confidence below X (0 to 1; 0 keeps them all).
    #[arg(long, value_name = "X", default_value_t = GUIDE_MIN_CONFIDENCE, value_parser = parse_confidence)]
    min_confidence: f64,
    /// Cancel each store query after this many seconds.
    #[arg(long, default_value_t = 120, value_name = "SECS")]
    timeout: u64,
    /// Run the aggregations on a Ballista cluster: the scheduler's HOST:PORT (the executors must
    /// see the same store directory). Needs a build with `--features cluster`.
    #[arg(long, value_name = "HOST:PORT")]
    cluster: Option<String>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|e| e.to_string())
}

fn parse_confidence(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("expected a number from 0 to 1, e.g. {GUIDE_MIN_CONFIDENCE}, not {s:?}")),
    }
}

/// The request `args` make, checked (`Request::new`, the CLI's messages).
fn request(args: &Args) -> anyhow::Result<Request> {
        Ok(Request::new(
            &args.a,
            &args.b,
            args.from,
            args.to,
            &args.dataset,
            &args.dedup,
            &args.granularity,
            args.min_confidence,
            Duration::from_secs(args.timeout),
        )?)
}

/// See [`entente_report::load::unknown_country`].
pub(crate) fn unknown_country(store: &Store, r: &Request) -> anyhow::Result<Option<String>> {
    Ok(entente_report::load::unknown_country(store, r)?)
}

/// Runs the bounded queries on this machine and fills a [`DyadInput`].
pub(crate) fn load(store: &Store, r: &Request) -> anyhow::Result<(DyadInput, Timings)> {
    Ok(entente_report::load::load(store, r)?)
}

/// Runs the bounded queries, on the Ballista cluster whose scheduler is `cluster` when given
/// (same SQL, same store directory shared with the executors), and fills a [`DyadInput`].
pub(crate) fn load_on(store: &Store, r: &Request, cluster: Option<&str>) -> anyhow::Result<(DyadInput, Timings)> {
    let Some(scheduler) = cluster else { return load(store, r) };
    let run = |sql: &str, opts: &QueryOptions| {
        super::cluster::sql(store, scheduler, sql, opts).map_err(|e| LoadError::Remote(format!("{e:#}")))
    };
    Ok(entente_report::load::load_on(store, r, Some(&run))?)
}

/// An output file's folder must exist: entente creates none (a typo in `-o` would otherwise
/// create folders anywhere up to the root).
fn check_folder(path: &Path) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            bail!(
                "-o {}: the folder {} does not exist (entente creates no folders: make it first, or choose another)",
                path.display(),
                dir.display()
            );
        }
    }
    Ok(())
}

/// Writes `analysis` to `path` in the format of its extension.
pub(crate) fn write(analysis: &DyadAnalysis, path: &Path) -> anyhow::Result<()> {
    let format = Format::from_path(path).with_context(|| {
        format!("{}: unknown output format; use a .html, .md or .json file name", path.display())
    })?;
    check_folder(path)?;
    std::fs::write(path, entente_report::render(analysis, format))
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Top domains as "military 12, diplomatic 9".
pub(crate) fn top_domains(a: &DyadAnalysis, n: usize) -> String {
    let mut d: Vec<_> = a.domains.iter().filter(|d| d.stats.both.events > 0).collect();
    d.sort_by_key(|d| std::cmp::Reverse(d.stats.both.events));
    let v: Vec<String> = d.iter().take(n).map(|d| format!("{} {}", d.domain.label(), d.stats.both.events)).collect();
    if v.is_empty() { "none".into() } else { v.join(", ") }
}

/// Turning points as "2019-07 (cooperative share 100% → 20%)".
pub(crate) fn turning_points(a: &DyadAnalysis) -> String {
    if a.turning_points.is_empty() {
        return "none".into();
    }
    a.turning_points
        .iter()
        .map(|t| match t.series {
            entente_analytics::TrendSeries::CooperativeShare => format!(
                "{} (cooperative share {:.0}% → {:.0}%)",
                t.period,
                t.before * 100.0,
                t.after * 100.0
            ),
            entente_analytics::TrendSeries::Volume => {
                format!("{} (events per {} {:.1} → {:.1})", t.period, a.granularity.unit(), t.before, t.after)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Runs `entente guide`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let req = request(&args)?;
    let format = match out::resolve(args.format, args.output.as_deref(), FORMATS, OutFormat::Md, UnknownExtension::Refuse)? {
        OutFormat::Html => Format::Html,
        OutFormat::Json => Format::Json,
        _ => Format::Markdown,
    };
    if let Some(path) = &args.output {
        check_folder(path)?;
    }
    if !args.store.exists() {
        bail!(
            "no store at {} (import files with `entente ingest`, point --store / ENTENTE_STORE at a store, \
             or try `entente demo`)",
            args.store.display()
        );
    }
    let started = Instant::now();
    let store = Store::open(&args.store)?;
    if let Some(m) = unknown_country(&store, &req)? {
        bail!(m);
    }
    let (input, t) = load_on(&store, &req, args.cluster.as_deref())?;
    let queried = started.elapsed();
    let analysis = analyze(&input, &AnalysisOptions::default())?;
    let text = entente_report::render(&analysis, format);
    let written = match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
            path.display().to_string()
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
            "the guide to standard output".to_string()
        }
    };
    let s = &analysis.totals.both;
    eprintln!(
        "wrote {}: {} {}–{} events ({} {}→{}, {} {}→{}), {:.1}% cooperative; top domains: {}; turning points: {}",
        written,
        s.events,
        req.a,
        req.b,
        analysis.totals.a_to_b.events,
        req.a,
        req.b,
        analysis.totals.b_to_a.events,
        req.b,
        req.a,
        s.cooperative_share.unwrap_or(0.0) * 100.0,
        top_domains(&analysis, 3),
        turning_points(&analysis)
    );
    if let Some(c) = &analysis.methods.confidence_cut {
        eprintln!(
            "left out {} of the {} events entente coded between them: confidence below {} (--min-confidence)",
            c.left_out, c.coded, c.min
        );
    }
    eprintln!(
        "queries {:.2} s (events {:.2}, volume and third parties {:.2}), total {:.2} s",
        queried.as_secs_f64(),
        t.events.as_secs_f64(),
        t.aggregates.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use entente_report::load::iso3;

    #[test]
    fn iso3_codes() {
        assert!(iso3("RUS").is_ok());
        for bad in ["rus", "RU", "RUSS", "R1S", "", "RÜS", "EUR"] {
            assert!(iso3(bad).is_err(), "{bad}");
        }
        // An unknown code of the right shape is refused later, once the store is open, with the
        // codes one letter away (guide_arguments in tests/guide.rs).
        assert!(iso3("QQQ").is_ok());
        assert!(iso3("ROM").unwrap_err().to_string().contains("use ROU"));
    }
}
