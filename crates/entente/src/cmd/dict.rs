//! `entente dict …` (under construction).

use std::process::ExitCode;

/// Dictionary subcommands.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Coverage of the dictionaries per CAMEO root.
    Stats,
}

/// Runs the command.
pub fn run(_c: Command) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`entente dict stats` is not built yet")
}
