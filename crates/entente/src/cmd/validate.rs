//! `entente validate`: run a PETRARCH validation suite and print pass rates.

use anyhow::Context;
use entente_coder::{validate, CoderBuilder};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `entente validate`.
#[derive(clap::Args)]
#[command(after_help = "\
Codes the <Text> of every evaluated <Sentence> record (never its parse) and compares the sorted \
(source, target, code) triples with the expected <EventCoding>s. A record is evaluated when its \
category is in the file's <Include> list and it is not marked evaluate=\"false\" or \
sentence=\"false\". Prints the exact-sentence pass rate, event recall and precision, overall \
and per category.

Examples:
  entente validate ../shared/data/petrarch/validation/PETR_Validate_records_2_02.xml
  entente validate --failures PETR.UnitTest.records.xml --dict my-dictionaries/")]
pub struct Args {
    /// The records file (XML).
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// Read dictionaries from DIR instead of the files the records file's <Environment> names.
    #[arg(long = "dict", value_name = "DIR")]
    dict: Option<PathBuf>,

    /// Also print each failing sentence with the expected and coded events.
    #[arg(long)]
    failures: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let suite = validate::read_suite(&args.file)?;
    let dicts = match &args.dict {
        Some(d) => super::explain::dictionaries(Some(d))?,
        None => suite.dictionaries().context("cannot read the dictionaries the records file names")?,
    };
    // The suites follow PETRARCH's conventions (010 statements, any actor), not entente's
    // news policy.
    let coder = CoderBuilder::new(&dicts).news_policy(false).build()?;
    let report = validate::run(&coder, &suite);
    if args.failures {
        for o in report.outcomes.iter().filter(|o| !o.passed()) {
            println!("FAIL {} [{}] {}", o.id, o.category, o.text);
            println!("    expected: {}", triples(&o.expected));
            println!("    coded:    {}", triples(&o.coded));
        }
        println!();
    }
    println!("{}", args.file.display());
    print!("{report}");
    Ok(ExitCode::SUCCESS)
}

fn triples(t: &[validate::Triple]) -> String {
    if t.is_empty() {
        return "(none)".into();
    }
    t.iter().map(|(s, g, c)| format!("{s} {g} {c}")).collect::<Vec<_>>().join("; ")
}
