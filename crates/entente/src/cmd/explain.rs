//! `entente explain`: how one sentence is coded, stage by stage.

use anyhow::Context;
use entente_coder::CoderBuilder;
use entente_core::Date;
use entente_dict::Dictionaries;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `entente explain`.
#[derive(clap::Args)]
#[command(after_help = "\
Shows the tokens, the actor and agent phrases found (with the dictionary file and line), the \
verbs, the pattern that fired (file and line), the events, and why each verb that coded nothing \
was rejected (negation, hypothetical, denial, no source or target, ...).

Examples:
  entente explain \"Iran is shipping drones via the Caspian Sea into Russian ports.\"
  entente explain --date 2013-08-04 \"Rouhani met Putin in Moscow.\"
  entente explain --dict ../shared/data/petrarch/dictionaries \"Russia and Iran signed a treaty.\"")]
pub struct Args {
    /// The sentence to code.
    #[arg(value_name = "SENTENCE")]
    sentence: String,

    /// The document date that dated roles are resolved on [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<Date>,

    /// Read PETRARCH-format dictionaries from DIR instead of the built-in ones.
    #[arg(long = "dict", value_name = "DIR")]
    dict: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|e| e.to_string())
}

/// The dictionaries in `dir`, or the built-in ones.
pub(crate) fn dictionaries(dir: Option<&Path>) -> anyhow::Result<Dictionaries> {
    match dir {
        None => Ok(Dictionaries::builtin()),
        Some(d) => Dictionaries::load_dir(d).with_context(|| format!("cannot read dictionaries from {}", d.display())),
    }
}

/// Today's date from the system clock (UTC).
pub(crate) fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days((secs / 86_400) as i32)
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dicts = dictionaries(args.dict.as_deref())?;
    let coder = CoderBuilder::new(&dicts).build()?;
    let date = args.date.unwrap_or_else(today);
    print!("{}", coder.explanation(&args.sentence, date));
    Ok(ExitCode::SUCCESS)
}
