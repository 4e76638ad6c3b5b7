//! `entente code` (under construction).

use std::process::ExitCode;

/// Arguments of `entente code`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`entente code` is not built yet")
}
