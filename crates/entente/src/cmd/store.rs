//! `entente ingest`, `entente sql`, `entente events` and `entente store …`: the event store.

use anyhow::{bail, Context};
use entente_store::arrow::array::RecordBatch;
use entente_store::arrow::datatypes::SchemaRef;
use entente_store::arrow::util::pretty::pretty_format_batches;
use super::output::{self as out, Format, OutputArg, UnknownExtension};
use entente_store::{Dedup, DyadQuery, ImportReport, IngestOptions, QueryOptions, QueryResult, Store};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where the store is; shared by every store command.
#[derive(clap::Args, Debug)]
pub struct StoreArg {
    /// The store directory.
    #[arg(long, env = "ENTENTE_STORE", default_value = "entente-data", value_name = "DIR")]
    store: PathBuf,
}

/// Input formats of `entente ingest`.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum IngestFormat {
    /// GDELT 1.0 (57/58 columns) or 2.0 (61 columns) event files.
    Gdelt,
    /// GDELT 2.0 mentions files.
    GdeltMentions,
    /// ICEWS event files (20 columns with a header).
    Icews,
    /// entente's coded events, JSON Lines as `entente code` writes them.
    Events,
}

/// Arguments of `entente ingest`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
A file with no data row (0 bytes, an empty .gz, a zip holding only folders, a header alone) is \
reported as \"empty (no data rows), nothing imported\": no import is recorded and the store is \
unchanged. A zip archive's files are all imported, each read as a file of its own \
(ARCHIVE/MEMBER:LINE in messages). `-` reads standard input (plain, gzip or zip, in any FORMAT), \
named <stdin> in messages and in the import log:
  entente code news.jsonl | entente ingest events -
  zcat 20190301.export.CSV.gz | entente ingest gdelt -

Exit status: 0 when every file was imported, already imported or empty; 1 when any file failed \
(not in the format, unreadable; nothing of that file is stored).")]
pub struct IngestArgs {
    /// The format of the files.
    #[arg(value_enum, required_unless_present = "follow")]
    format: Option<IngestFormat>,
    /// Files to import: plain, .gz or .zip (every file in it); `-` reads standard input. A file
    /// imported before (the same content) is skipped.
    #[arg(required_unless_present = "follow", conflicts_with = "follow", value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    follow: super::follow::FollowArgs,
    #[command(flatten)]
    store: StoreArg,
    /// Parser threads [default: one per core].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// How many malformed rows to list per file (all are counted).
    #[arg(long, default_value_t = 5, value_name = "N")]
    show: usize,
    /// Print only the final summary line.
    #[arg(long, short)]
    quiet: bool,
}

/// The formats query results are written in.
pub const QUERY_FORMATS: &[Format] =
    &[Format::Table, Format::Csv, Format::Tsv, Format::Jsonl, Format::Json, Format::Parquet];

/// The formats of `store info` (and `dict stats`): a table to read, or one JSON document.
pub const INFO_FORMATS: &[Format] = &[Format::Table, Format::Json];

/// Query bounds and output, shared by `sql` and `events`.
#[derive(clap::Args, Debug)]
pub struct OutputArgs {
    /// Output format [default: from the extension of -o, else table].
    #[arg(long, value_name = "FORMAT", value_parser = out::parser(QUERY_FORMATS))]
    format: Option<Format>,
    #[command(flatten)]
    output: OutputArg,
    /// Return at most N rows; 0 for no limit.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    limit: usize,
    /// Cancel the query after this many seconds.
    #[arg(long, default_value_t = 300, value_name = "SECS")]
    timeout: u64,
    /// What `events` means: raw rows, one a day per (dataset, date, source, target, code), or
    /// GDELT root events only. The views events_raw, events_daily and events_root always exist.
    #[arg(long, value_parser = ["raw", "daily", "root"], default_value = "raw")]
    dedup: String,
}

/// Arguments of `entente sql`.
#[derive(clap::Args, Debug)]
pub struct SqlArgs {
    /// One query over the tables events, mentions, amounts, things, themes and quotes (joined
    /// to events USING (dataset, document, sentence)), e.g.
    /// "SELECT root, count(*) FROM events GROUP BY root". Read-only: SELECT, WITH, EXPLAIN,
    /// SHOW, DESCRIBE and VALUES run; DDL, DML, COPY … TO and SET are refused (write results
    /// with --output and --format, within --limit).
    query: String,
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    out: OutputArgs,
    /// Run the query on the Ballista cluster whose scheduler is at HOST:PORT (needs an entente
    /// built with `--features cluster`; the executors must see the store at the same path).
    #[arg(long, value_name = "HOST:PORT")]
    cluster: Option<String>,
}

/// Arguments of `entente events`.
#[derive(clap::Args, Debug)]
pub struct EventsArgs {
    /// Two ISO3 country codes; events in both directions are shown.
    #[arg(long, value_name = "A,B")]
    dyad: String,
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    from: Option<entente_core::Date>,
    /// Last day, YYYY-MM-DD.
    #[arg(long)]
    to: Option<entente_core::Date>,
    /// CAMEO roots, comma-separated, e.g. 06,07.
    #[arg(long, value_delimiter = ',', value_name = "ROOTS")]
    root: Vec<String>,
    /// Quad classes, comma-separated: 1 verbal cooperation … 4 material conflict.
    #[arg(long, value_delimiter = ',', value_name = "QUADS")]
    quad: Vec<u8>,
    /// Print only the number of events.
    #[arg(long)]
    count: bool,
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    out: OutputArgs,
}

/// Store subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Datasets, date ranges, row counts, files and imports.
    Info(InfoArgs),
    /// Merge each month's small part files (left by many small imports: GDELT's 15-minute
    /// files, ICEWS's daily ones) into few; rows and imports are unchanged, queries keep
    /// reading the last committed state meanwhile.
    Compact(CompactArgs),
}

/// Arguments of `entente store compact`.
#[derive(clap::Args, Debug)]
pub struct CompactArgs {
    #[command(flatten)]
    store: StoreArg,
}

/// Arguments of `entente store info`.
#[derive(clap::Args, Debug)]
pub struct InfoArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Output format: a summary table, or the manifest as JSON [default: from the extension of
    /// -o, else table].
    #[arg(long, value_name = "FORMAT", value_parser = out::parser(INFO_FORMATS))]
    format: Option<Format>,
    /// The old spelling of --format json.
    #[arg(long, hide = true, conflicts_with = "format")]
    json: bool,
    #[command(flatten)]
    output: OutputArg,
    /// How many of the latest imports to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    imports: usize,
}

fn progress_bar(size: u64, name: &str) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(size);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message(name.to_string());
    bar
}

/// What `ingest` says of a file without a data row.
pub(crate) const EMPTY: &str = "empty (no data rows), nothing imported";

/// Runs `entente ingest`.
pub fn ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &args.follow.follow {
        return super::follow::run(&args.follow, dir, &args.store.store, args.threads, args.quiet, args.show);
    }
    let Some(format) = args.format else { bail!("FORMAT is required without --follow") };
    let format = match format {
        IngestFormat::Gdelt => entente_store::Format::Gdelt,
        IngestFormat::GdeltMentions => entente_store::Format::GdeltMentions,
        IngestFormat::Icews => entente_store::Format::Icews,
        IngestFormat::Events => entente_store::Format::Events,
    };
    let mut store = Store::open(&args.store.store)?;
    let started = Instant::now();
    let (mut ok, mut skipped, mut empty, mut failed) = (0usize, 0usize, 0usize, 0usize);
    let (mut read, mut stored, mut rejected, mut replaced, mut bytes) = (0u64, 0, 0, 0, 0);
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(out::UsageError("`-` (standard input) can be given once only".into()).into());
    }
    let mut err = std::io::stderr().lock();
    for file in &args.files {
        // Standard input is spooled to a file in the store first: an import is hashed (to
        // skip repeats) and sniffed for gzip and zip, which needs the whole input.
        let spooled = if file.as_os_str() == "-" { Some(spool_stdin(store.root())?) } else { None };
        let (path, file) = match &spooled {
            Some(s) => (s.0.as_path(), Path::new(STDIN)),
            None => (file.as_path(), file.as_path()),
        };
        let mut opts = IngestOptions::default();
        if let Some(t) = args.threads {
            opts.threads = t.max(1);
        }
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let bar = progress_bar(size, &file.display().to_string());
        let done = Arc::new(AtomicBool::new(false));
        let ticker = {
            let (bar, done, counter) = (bar.clone(), done.clone(), opts.progress.clone());
            std::thread::spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    bar.set_position(counter.load(Ordering::Relaxed));
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
        };
        let t = Instant::now();
        let result = store.ingest_file_named(format, path, file, &opts);
        done.store(true, Ordering::Relaxed);
        let _ = ticker.join();
        bar.finish_and_clear();
        match result {
            Ok(r) if r.already_imported => {
                skipped += 1;
                if !args.quiet {
                    writeln!(err, "{}: already imported, skipped", file.display())?;
                }
            }
            Ok(r) if r.empty => {
                empty += 1;
                if !args.quiet {
                    writeln!(err, "{}: {}", file.display(), EMPTY)?;
                }
            }
            Ok(r) => {
                ok += 1;
                let rec = &r.record;
                read += rec.rows_read;
                stored += rec.rows_stored;
                rejected += rec.rows_rejected;
                replaced += rec.rows_replaced;
                bytes += rec.size;
                if !args.quiet {
                    report_import(&mut err, file, &r, t.elapsed(), args.show)?;
                }
            }
            Err(e) => {
                failed += 1;
                // Name standard input as the user gave it, not the spool file.
                let message = match &spooled {
                    Some(s) => e.to_string().replace(&s.0.display().to_string(), STDIN),
                    None => e.to_string(),
                };
                writeln!(err, "error: {message}")?;
            }
        }
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    writeln!(
        err,
        "{ok} file(s) imported, {skipped} already imported, {empty} empty, {failed} failed: {read} rows read, \
         {stored} stored, {rejected} rejected, {replaced} replaced in {secs:.2} s \
         ({:.0} rows/s, {:.1} MB/s) into {}",
        read as f64 / secs,
        bytes as f64 / 1e6 / secs,
        store.root().display()
    )?;
    Ok(if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// How standard input is named in messages and in the import log.
const STDIN: &str = "<stdin>";

/// Standard input copied to a file; the file is removed when this is dropped.
struct Spooled(PathBuf);

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Copies standard input into a hidden file in the store directory (which will hold the data
/// anyway, where a temporary directory may be too small).
fn spool_stdin(root: &Path) -> anyhow::Result<Spooled> {
    // A new store's directory is made by its first import, which this precedes.
    std::fs::create_dir_all(root).with_context(|| format!("cannot create the store directory {}", root.display()))?;
    let path = root.join(format!(".stdin-{}.tmp", std::process::id()));
    let spooled = Spooled(path.clone());
    let mut file = std::fs::File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    std::io::copy(&mut std::io::stdin().lock(), &mut file)
        .with_context(|| format!("cannot copy standard input to {}", path.display()))?;
    Ok(spooled)
}

fn query_options(out: &OutputArgs) -> anyhow::Result<QueryOptions> {
    Ok(QueryOptions {
        limit: (out.limit > 0).then_some(out.limit),
        timeout: Duration::from_secs(out.timeout.max(1)),
        dedup: out.dedup.parse::<Dedup>()?,
    })
}

fn open_existing(arg: &StoreArg) -> anyhow::Result<Store> {
    if !arg.store.exists() {
        bail!(
            "no store at {} (import files with `entente ingest`, or point --store / \
             ENTENTE_STORE at a store)",
            arg.store.display()
        );
    }
    Ok(Store::open(&arg.store)?)
}

/// Runs `entente sql`.
pub fn sql(args: SqlArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.store)?;
    let result = match &args.cluster {
        Some(scheduler) => {
            super::cluster::sql(&store, scheduler, &args.query, &query_options(&args.out)?)?
        }
        None => store.sql(&args.query, &query_options(&args.out)?)?,
    };
    write_result(&result, &args.out)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `entente events`.
pub fn events(args: EventsArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.store)?;
    let q = DyadQuery {
        dyad: DyadQuery::parse_dyad(&args.dyad)?,
        from: args.from,
        to: args.to,
        roots: args.root.clone(),
        quads: args.quad.clone(),
    };
    let mut sql = q.to_sql()?;
    if args.count {
        sql = format!("SELECT count(*) AS events FROM ({sql})");
    }
    let result = store.sql(&sql, &query_options(&args.out)?)?;
    write_result(&result, &args.out)?;
    Ok(ExitCode::SUCCESS)
}

/// One import's line (`FILE: N rows read, … (S s)`), then its first `show` malformed rows as
/// `FILE:LINE: reason` and how many more there were.
pub(crate) fn report_import(
    err: &mut impl Write,
    file: &Path,
    r: &ImportReport,
    elapsed: Duration,
    show: usize,
) -> std::io::Result<()> {
    let rec = &r.record;
    writeln!(
        err,
        "{}: {} rows read, {} stored, {} rejected, {} replaced ({:.2} s)",
        file.display(),
        rec.rows_read,
        rec.rows_stored,
        rec.rows_rejected,
        rec.rows_replaced,
        elapsed.as_secs_f64()
    )?;
    for x in r.rejects.iter().take(show) {
        match &x.member {
            Some(m) => writeln!(err, "  {}/{m}:{}: {}", file.display(), x.line, x.reason)?,
            None => writeln!(err, "  {}:{}: {}", file.display(), x.line, x.reason)?,
        }
    }
    let shown = show.min(r.rejects.len());
    if rec.rows_rejected as usize > shown {
        writeln!(err, "  … {} more malformed rows", rec.rows_rejected as usize - shown)?;
    }
    Ok(())
}

/// `schema` with `Utf8View` columns as `Utf8`.
fn plain_strings(schema: &SchemaRef) -> SchemaRef {
    use entente_store::arrow::datatypes::{DataType, Field, Schema};
    let fields: Vec<Field> = schema
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::Utf8View => f.as_ref().clone().with_data_type(DataType::Utf8),
            _ => f.as_ref().clone(),
        })
        .collect();
    Arc::new(Schema::new(fields))
}

fn write_result(r: &QueryResult, o: &OutputArgs) -> anyhow::Result<()> {
    let path = o.output.output.as_deref();
    let format = out::resolve(o.format, path, QUERY_FORMATS, Format::Table, UnknownExtension::Default)?;
    if format == Format::Parquet && path.is_none() {
        // Parquet is a file format (its footer is written last): not for a terminal or a pipe.
        return Err(out::UsageError("--format parquet needs -o FILE".into()).into());
    }
    let mut sink = out::create(path)?;
    let empty = [RecordBatch::new_empty(r.schema.clone())];
    // Writers that print a header print it for an empty result too.
    let batches: &[RecordBatch] = if r.batches.is_empty() { &empty } else { &r.batches };
    match format {
        Format::Table => writeln!(sink, "{}", pretty_format_batches(batches)?)?,
        Format::Csv => {
            let mut w = entente_store::arrow::csv::WriterBuilder::new().with_header(true).build(&mut sink);
            for b in batches {
                w.write(b)?;
            }
        }
        Format::Tsv => write_tsv(&mut sink, &r.schema, &r.batches)?,
        Format::Jsonl => {
            let mut w = entente_store::arrow::json::LineDelimitedWriter::new(&mut sink);
            for b in &r.batches {
                w.write(b)?;
            }
            w.finish()?;
        }
        Format::Json => {
            let mut w = entente_store::arrow::json::ArrayWriter::new(&mut sink);
            for b in &r.batches {
                w.write(b)?;
            }
            w.finish()?;
            drop(w);
            writeln!(sink)?;
        }
        Format::Parquet => {
            // Queries read strings as Utf8View; the file gets plain Utf8, which every Parquet
            // reader (older pyarrow, Spark) understands.
            let schema = plain_strings(&r.schema);
            let mut w = entente_store::parquet::arrow::ArrowWriter::try_new(&mut sink, schema.clone(), None)?;
            for b in &r.batches {
                let columns = b
                    .columns()
                    .iter()
                    .zip(schema.fields())
                    .map(|(c, f)| entente_store::arrow::compute::cast(c, f.data_type()))
                    .collect::<Result<Vec<_>, _>>()?;
                w.write(&RecordBatch::try_new(schema.clone(), columns)?)?;
            }
            w.close()?;
        }
        other => unreachable!("the arguments admit only QUERY_FORMATS, not {}", other.name()),
    }
    sink.flush()?;
    let rows = r.num_rows();
    let mut err = std::io::stderr().lock();
    if r.truncated {
        writeln!(err, "({rows} rows shown; the query has more: raise --limit, or --limit 0)")?;
    } else if format == Format::Table || path.is_some() {
        writeln!(err, "({rows} row{})", if rows == 1 { "" } else { "s" })?;
    }
    Ok(())
}

/// A query result as TSV: a header of column names, then one line per row; values as the
/// table shows them, NULL empty, escaped as `entente code --format tsv` escapes them.
fn write_tsv(sink: &mut dyn Write, schema: &SchemaRef, batches: &[RecordBatch]) -> anyhow::Result<()> {
    use entente_store::arrow::util::display::{ArrayFormatter, FormatOptions};
    for (i, f) in schema.fields().iter().enumerate() {
        if i > 0 {
            sink.write_all(b"\t")?;
        }
        out::write_tsv_field(sink, f.name())?;
    }
    sink.write_all(b"\n")?;
    let options = FormatOptions::default().with_null("");
    for b in batches {
        let columns = b
            .columns()
            .iter()
            .map(|c| ArrayFormatter::try_new(c.as_ref(), &options))
            .collect::<Result<Vec<_>, _>>()?;
        for row in 0..b.num_rows() {
            for (i, c) in columns.iter().enumerate() {
                if i > 0 {
                    sink.write_all(b"\t")?;
                }
                out::write_tsv_field(sink, &c.value(row).to_string())?;
            }
            sink.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// Runs `entente store …`.
pub fn run(c: Command) -> anyhow::Result<ExitCode> {
    match c {
        Command::Info(args) => info(args),
        Command::Compact(args) => compact(args),
    }
}

fn compact(args: CompactArgs) -> anyhow::Result<ExitCode> {
    let mut store = open_existing(&args.store)?;
    let before = store.manifest().files.len();
    let t = Instant::now();
    let r = store.compact()?;
    eprintln!(
        "{} part files: merged {} small files in {} dataset-months into {} ({} rows rewritten) in {:.2} s",
        display(store.root()),
        r.files_merged,
        r.groups,
        r.files_written,
        r.rows,
        t.elapsed().as_secs_f64()
    );
    eprintln!("files: {before} before, {} after", store.manifest().files.len());
    Ok(ExitCode::SUCCESS)
}

fn day(d: i32) -> String {
    entente_core::Date::from_days(d).to_string()
}

/// The line of `store info` a file counts in: its dataset, or `dataset/table` for the
/// extract tables, so that `entente` counts events only.
fn group(f: &entente_store::PartFile) -> String {
    if f.table.is_extract() {
        format!("{}/{}", f.dataset, f.table.name())
    } else {
        f.dataset.clone()
    }
}

fn info(args: InfoArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.store)?;
    let m = store.manifest();
    let path = args.output.output.as_deref();
    let format = match args.json {
        true => Format::Json,
        false => out::resolve(args.format, path, INFO_FORMATS, Format::Table, UnknownExtension::Default)?,
    };
    let mut out = out::create(path)?;
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut out, m)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "store {} (generation {})", display(store.root()), m.generation)?;
    // Events and mentions per dataset, then the extract tables (amounts, things, ...) by name.
    let mut groups: Vec<String> = m.files.iter().map(|f| group(f)).collect();
    groups.sort();
    groups.dedup();
    writeln!(out, "{:<16} {:>12} {:>6} {:>7}  {:<10} {:<10}", "dataset", "rows", "files", "months", "from", "to")?;
    for d in groups {
        let files: Vec<_> = m.files.iter().filter(|f| group(f) == d).collect();
        let rows: u64 = files.iter().map(|f| f.rows).sum();
        let mut months: Vec<&str> = files.iter().map(|f| f.month.as_str()).collect();
        months.sort();
        months.dedup();
        let from = files.iter().map(|f| f.min_date).min().unwrap_or(0);
        let to = files.iter().map(|f| f.max_date).max().unwrap_or(0);
        writeln!(
            out,
            "{d:<16} {rows:>12} {:>6} {:>7}  {:<10} {:<10}",
            files.len(),
            months.len(),
            day(from),
            day(to)
        )?;
    }
    writeln!(out, "\n{} import(s); the latest:", m.imports.len())?;
    for i in m.imports.iter().rev().take(args.imports) {
        writeln!(
            out,
            "  {:<14} {}  read {} stored {} rejected {} replaced {}  sha256 {}",
            i.dataset,
            i.file,
            i.rows_read,
            i.rows_stored,
            i.rows_rejected,
            i.rows_replaced,
            &i.sha256[..i.sha256.len().min(12)]
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn display(p: &Path) -> String {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()).display().to_string()
}
