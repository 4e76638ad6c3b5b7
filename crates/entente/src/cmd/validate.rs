//! `entente validate` (under construction).

use std::process::ExitCode;

/// Arguments of `entente validate`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`entente validate` is not built yet")
}
