//! The output vocabulary every command that writes records shares: one list of `--format`
//! names with one meaning each, `-o/--output FILE` (standard output without it), and the format
//! following the file's extension when `--format` is not given.
//!
//! Each command accepts the formats that make sense for it ([`parser`] lists only those, so
//! clap's error names them); a format implied by the extension of `-o` but not accepted is a
//! usage error naming the accepted ones ([`resolve`]).

use std::path::{Path, PathBuf};

/// Output formats. The same name means the same thing on every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// JSON Lines: one JSON object per record, one a line.
    Jsonl,
    /// One JSON document: an array of the records (or, for a single result, that object).
    Json,
    /// Comma-separated values (RFC 4180) with a header line.
    Csv,
    /// Tab-separated values with a header line; tab, newline, carriage return and backslash in
    /// a value are written `\t`, `\n`, `\r`, `\\`.
    Tsv,
    /// An aligned text table, for reading.
    Table,
    /// A Parquet file (needs -o FILE).
    Parquet,
    /// An HTML page.
    Html,
    /// Markdown.
    #[value(alias = "markdown")]
    Md,
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Table => "table",
            Format::Parquet => "parquet",
            Format::Html => "html",
            Format::Md => "md",
        }
    }

    /// The format a file name's extension implies, if any (case ignored).
    pub fn from_path(path: &Path) -> Option<Format> {
        Some(match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Format::Jsonl,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "txt" => Format::Table,
            "parquet" | "pq" => Format::Parquet,
            "html" | "htm" => Format::Html,
            "md" | "markdown" => Format::Md,
            _ => return None,
        })
    }
}

/// A clap value parser that takes only `accepted` (so `--help` and clap's error list them).
pub fn parser(accepted: &'static [Format]) -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    use clap::ValueEnum;
    let values = accepted.iter().filter_map(|f| f.to_possible_value());
    clap::builder::PossibleValuesParser::new(values).map(|name: String| {
        Format::from_str(&name, true).expect("the parser admits only Format names")
    })
}

/// A mistake in how the command was called that clap cannot see (e.g. the extension of `-o`
/// implies a format the command cannot write): `entente` exits with 2, as for clap's errors.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// `a, b or c`.
fn names(accepted: &[Format]) -> String {
    let n: Vec<&str> = accepted.iter().map(|f| f.name()).collect();
    match n.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => n.join(""),
    }
}

/// How an extension `-o` has that implies no format is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownExtension {
    /// Write the command's default format.
    Default,
    /// Refuse: the command has no sensible default for a file (`guide -o x.pdf`).
    Refuse,
}

/// The format to write: `--format` when given; else the one the extension of `output` implies;
/// else `default`. An extension implying a format the command does not write is a
/// [`UsageError`] naming the accepted formats (as is an unknown one, with
/// [`UnknownExtension::Refuse`]).
pub fn resolve(
    format: Option<Format>,
    output: Option<&Path>,
    accepted: &[Format],
    default: Format,
    unknown: UnknownExtension,
) -> Result<Format, UsageError> {
    if let Some(f) = format {
        return Ok(f);
    }
    let Some(path) = output else { return Ok(default) };
    match Format::from_path(path) {
        Some(f) if accepted.contains(&f) => Ok(f),
        Some(f) => Err(UsageError(format!(
            "-o {}: this command cannot write {}; give a file name ending in a format it writes ({}), or --format",
            path.display(),
            f.name(),
            names(accepted)
        ))),
        None if unknown == UnknownExtension::Default => Ok(default),
        None => Err(UsageError(format!(
            "-o {}: unknown output format; use a file name ending .{} or give --format",
            path.display(),
            accepted.iter().map(|f| f.name()).collect::<Vec<_>>().join(", .")
        ))),
    }
}

/// `-o/--output FILE`, shared by the commands that write records to standard output by default.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct OutputArg {
    /// Write to FILE instead of standard output; its extension sets the format when --format is
    /// not given.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// A buffered writer to `path`, or to standard output without one.
pub fn create(path: Option<&Path>) -> anyhow::Result<Box<dyn std::io::Write + Send>> {
    use anyhow::Context;
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    })
}

/// Writes `s` in TSV: tab, newline, carriage return and backslash escaped as `\t`, `\n`, `\r`,
/// `\\`, so that every record is one line and every value one field.
pub fn write_tsv_field<W: std::io::Write + ?Sized>(out: &mut W, s: &str) -> std::io::Result<()> {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\\' => b"\\\\",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(esc)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOME: &[Format] = &[Format::Jsonl, Format::Json, Format::Csv];

    #[test]
    fn the_flag_wins_then_the_extension_then_the_default() {
        let r = |f, o: Option<&str>, u| resolve(f, o.map(Path::new), SOME, Format::Jsonl, u);
        assert_eq!(r(Some(Format::Csv), Some("x.json"), UnknownExtension::Refuse).unwrap(), Format::Csv);
        assert_eq!(r(None, Some("x.JSON"), UnknownExtension::Refuse).unwrap(), Format::Json);
        assert_eq!(r(None, Some("x.ndjson"), UnknownExtension::Refuse).unwrap(), Format::Jsonl);
        assert_eq!(r(None, None, UnknownExtension::Refuse).unwrap(), Format::Jsonl);
        assert_eq!(r(None, Some("x.dat"), UnknownExtension::Default).unwrap(), Format::Jsonl);
        let e = r(None, Some("x.dat"), UnknownExtension::Refuse).unwrap_err().0;
        assert!(e.contains("x.dat") && e.contains(".jsonl, .json, .csv"), "{e}");
        let e = r(None, Some("x.parquet"), UnknownExtension::Default).unwrap_err().0;
        assert!(e.contains("cannot write parquet") && e.contains("jsonl, json or csv"), "{e}");
    }

    #[test]
    fn every_format_name_round_trips_through_its_extension() {
        use clap::ValueEnum;
        for f in Format::value_variants() {
            // A table is text: `.txt`.
            let ext = if *f == Format::Table { "txt" } else { f.name() };
            assert_eq!(Format::from_path(Path::new(&format!("x.{ext}"))), Some(*f), "{f:?}");
            assert_eq!(f.to_possible_value().unwrap().get_name(), f.name());
        }
    }
}
