//! The `entente` command line: code news into events, store and query them, write guides.

use clap::{CommandFactory, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod cmd;

/// Code news into CAMEO events, store them beside GDELT and ICEWS, and write media guides on how
/// pairs of states get along.
#[derive(Parser)]
#[command(name = "entente", version, about, long_about = None, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The shared vocabulary and the exit codes, under `entente --help` (and in the man page).
const AFTER_HELP: &str = "\
Every command that writes records takes -o/--output FILE (standard output without it) and \
--format, whose names mean the same everywhere: jsonl (one JSON object a line), json (one JSON \
document), csv, tsv (a header line; tab, newline, CR and backslash escaped as \\t \\n \\r \\\\), \
table (aligned text), parquet (needs -o), html, md. Without --format the extension of -o decides. \
`-` reads standard input (code, ingest).

Exit status:
  0  success; input lines or rows that could not be read were reported on stderr and skipped
  1  failure: nothing could be read, a file failed to import, a query or a guide failed, ...
  2  usage error: an unknown option, a bad value, a format the command cannot write

Completions: entente completions bash|zsh|fish|powershell|elvish. Man pages: entente man [-o DIR].";

#[derive(Subcommand)]
enum Command {
    /// Code news text (JSON Lines or plain text) into events.
    Code(cmd::code::Args),
    /// Show how one sentence is coded: tokens, actors, verb, pattern, events.
    Explain(cmd::explain::Args),
    /// Run a PETRARCH validation suite and print pass rates.
    Validate(cmd::validate::Args),
    /// Measure the coder against the hand-coded real-news set (precision, recall, F1).
    Eval(cmd::eval::Args),
    /// Inspect dictionaries.
    #[command(subcommand)]
    Dict(cmd::dict::Command),
    /// Import GDELT, ICEWS or coded-event files into the event store.
    Ingest(cmd::store::IngestArgs),
    /// Run SQL over the event store (tables events, mentions, amounts, things, themes, quotes).
    Sql(cmd::store::SqlArgs),
    /// List the events between two countries, both directions.
    Events(cmd::store::EventsArgs),
    /// Inspect the event store.
    #[command(subcommand)]
    Store(cmd::store::Command),
    /// Run a Ballista scheduler or executor in this process (`entente sql --cluster`).
    #[cfg(feature = "cluster")]
    #[command(subcommand)]
    Cluster(cmd::cluster::Command),
    /// Write a media guide on how two states get along (HTML, Markdown or JSON).
    Guide(cmd::guide::Args),
    /// Code the built-in sample news, store the events and write the Russia–Iran guide.
    Demo(cmd::demo::Args),
    /// Serve the dashboard and the JSON API over the event store (127.0.0.1:8080 by default).
    Serve(cmd::serve::Args),
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per command into a directory with -o.
    Man(ManArgs),
}

/// Arguments of `entente completions`.
#[derive(clap::Args)]
struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Arguments of `entente man`.
#[derive(clap::Args)]
struct ManArgs {
    /// Write entente.1 and one page per command (entente-code.1, entente-store-info.1, ...) into
    /// DIR instead of printing entente.1.
    #[arg(long, short = 'o', value_name = "DIR")]
    output: Option<PathBuf>,
}

/// Prints the completion script for `shell`; completions and man pages come from the same clap
/// definitions as the parser, so they cannot drift from it.
fn completions(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut Cli::command(), "entente", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn man(args: ManArgs) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    let command = Cli::command();
    match args.output {
        Some(dir) => {
            if !dir.is_dir() {
                anyhow::bail!("-o {}: not a directory (entente creates no folders: make it first)", dir.display());
            }
            clap_mangen::generate_to(command, &dir).with_context(|| format!("writing man pages into {}", dir.display()))?;
            eprintln!("wrote the man pages into {}", dir.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(command).render(&mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => cmd::code::run(args),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Validate(args) => cmd::validate::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Dict(c) => cmd::dict::run(c),
        Command::Ingest(args) => cmd::store::ingest(args),
        Command::Sql(args) => cmd::store::sql(args),
        Command::Events(args) => cmd::store::events(args),
        Command::Store(c) => cmd::store::run(c),
        #[cfg(feature = "cluster")]
        Command::Cluster(c) => cmd::cluster::run(c),
        Command::Guide(args) => cmd::guide::run(args),
        Command::Demo(args) => cmd::demo::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Completions(args) => completions(args),
        Command::Man(args) => man(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`entente code | head`) is a normal way to stop.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            // Mistakes in the call that clap cannot see exit as clap's own do.
            if err.chain().any(|e| e.is::<cmd::output::UsageError>()) {
                return ExitCode::from(2);
            }
            ExitCode::FAILURE
        }
    }
}
