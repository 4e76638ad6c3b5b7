//! `entente explain` (under construction).

use std::process::ExitCode;

/// Arguments of `entente explain`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`entente explain` is not built yet")
}
