//! `entente dict …`: inspect dictionaries.

use super::output::{self as out, Format, OutputArg, UnknownExtension};
use entente_dict::{Dictionaries, Stats};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Dictionary subcommands.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Count actors, agents, verbs and patterns, and show how each CAMEO root is covered.
    Stats(StatsArgs),
}

/// Arguments of `entente dict stats`.
#[derive(clap::Args)]
pub struct StatsArgs {
    /// A directory of PETRARCH dictionary files to read instead of the built-in dictionaries.
    #[arg(long, value_name = "DIR")]
    dict: Option<PathBuf>,
    /// Output format: a table to read, or the counts as one JSON document [default: from the
    /// extension of -o, else table].
    #[arg(long, value_name = "FORMAT", value_parser = out::parser(super::store::INFO_FORMATS))]
    format: Option<Format>,
    /// The old spelling of --format json.
    #[arg(long, hide = true, conflicts_with = "format")]
    json: bool,
    #[command(flatten)]
    output: OutputArg,
    /// How many diagnostics (skipped entries, warnings) to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    show: usize,
}

/// Runs the command.
pub fn run(c: Command) -> anyhow::Result<ExitCode> {
    match c {
        Command::Stats(args) => stats(args),
    }
}

fn stats(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let d = match &args.dict {
        // The error names the directory or file that could not be read.
        Some(dir) => Dictionaries::load_dir(dir)?,
        None => Dictionaries::builtin(),
    };
    let s = entente_dict::stats(&d);
    let path = args.output.output.as_deref();
    let format = match args.json {
        true => Format::Json,
        false => out::resolve(args.format, path, super::store::INFO_FORMATS, Format::Table, UnknownExtension::Default)?,
    };
    let mut out = out::create(path)?;
    if format == Format::Json {
        // Serialise first: writing through serde_json would hide a broken pipe in its own
        // error type, and `entente dict stats --format json | head` must exit quietly.
        let json = serde_json::to_string_pretty(&s)?;
        writeln!(out, "{json}")?;
    } else {
        let source = match &args.dict {
            Some(dir) => dir.display().to_string(),
            None => "built-in dictionaries".to_string(),
        };
        print_table(&mut out, &source, &s)?;
        if !d.diagnostics.is_empty() {
            writeln!(out)?;
            for x in d.diagnostics.iter().take(args.show) {
                writeln!(out, "  {x}")?;
            }
            if d.diagnostics.len() > args.show {
                writeln!(out, "  … {} more", d.diagnostics.len() - args.show)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print_table(out: &mut impl Write, source: &str, s: &Stats) -> std::io::Result<()> {
    writeln!(out, "Dictionaries: {source}")?;
    writeln!(out)?;
    let totals = [
        ("actors", s.actors, format!("{} names, {} roles ({} dated)", s.actor_phrases, s.roles, s.dated_roles)),
        ("agents", s.agents, format!("{} names", s.agent_phrases)),
        ("verb blocks", s.verb_blocks, String::new()),
        ("verbs", s.verbs, String::new()),
        ("patterns", s.patterns, String::new()),
        ("synonym sets", s.synsets, format!("{} phrases", s.synset_phrases)),
        ("transformations", s.transformations, String::new()),
        ("discards", s.discards, String::new()),
        ("issues", s.issues, String::new()),
    ];
    for (name, n, extra) in totals {
        writeln!(out, "  {name:<16} {n:>7}  {extra}")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "  {:<4} {:<34} {:>6} {:>6} {:>8}  {:>9}",
        "root", "name", "blocks", "verbs", "patterns", "3-digit"
    )?;
    for r in &s.roots {
        let name: String = r.name.chars().take(34).collect();
        writeln!(
            out,
            "  {:<4} {:<34} {:>6} {:>6} {:>8}  {:>9}",
            r.root,
            name,
            r.blocks,
            r.verbs,
            r.patterns,
            format!("{}/{}", r.codes_reached, r.codes_total)
        )?;
    }
    let missing: Vec<&str> = s.roots.iter().flat_map(|r| &r.codes_missing).map(String::as_str).collect();
    if !missing.is_empty() {
        writeln!(out, "  3-digit codes no block, verb or pattern reaches: {}", missing.join(" "))?;
    }
    writeln!(out)?;
    writeln!(out, "  diagnostics: {} skipped entries, {} warnings", s.skipped, s.warnings)?;
    Ok(())
}
