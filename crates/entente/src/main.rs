//! The `entente` command line: code news into events, store and query them, write guides.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd;

/// Code news into CAMEO events, store them beside GDELT and ICEWS, and write media guides on how
/// pairs of states get along.
#[derive(Parser)]
#[command(name = "entente", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

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
            ExitCode::FAILURE
        }
    }
}
