//! `entente code`: news text in, CAMEO events out.
//!
//! ```text
//!  files/stdin ──read (main thread)──▶ batch of documents ──code (rayon pool)──▶ events ──▶ writer thread
//!        └─ problems (file:line) ─▶ stderr                     in input order          (stdout or -o)
//! ```
//!
//! Documents are read and coded in bounded batches, so memory stays flat however large the input;
//! the writer runs on its own thread so that coding the next batch overlaps writing this one.

mod input;
mod output;

use anyhow::Context;
use entente_coder::{Coded, Coder, CoderBuilder};
use entente_core::extract::Extracts;
use entente_core::{Date, Document};
use entente_dict::Dictionaries;
use input::{Item, Problem, Reader, Skipped, Source, DEFAULT_MAX_DOC_BYTES};
use super::output::{self as out, Format, OutputArg, UnknownExtension};
use output::EventWriter;
use rayon::prelude::*;
use std::cell::{Cell, RefCell};
use std::io::{self, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Documents per batch handed to the thread pool.
const BATCH_DOCS: usize = 512;
/// Text bytes per batch: with one batch being read, one coded and one written, this bounds memory.
const BATCH_BYTES: usize = 16 * 1024 * 1024;
/// Problems shown per input source; the rest are counted in the summary.
const SHOWN_PER_SOURCE: usize = 20;
/// Dictionary problems shown.
const SHOWN_DICT_PROBLEMS: usize = 50;

/// Arguments of `entente code`.
#[derive(clap::Args)]
#[command(after_help = "\
Input: JSON Lines, one document a line, with `id`, `date` (YYYY-MM-DD, YYYYMMDD, or a date-time \
starting YYYY-MM-DD) and `text`; or `body` instead of `text`, with `title` put before it when present. \
Other fields are ignored. A line without `id` is named FILE:LINE. A file whose first non-blank byte is \
not `{` is plain text: one document, named after the file, dated by --date.

Bad input never stops the run: each bad line or file is reported on stderr as FILE:LINE: PROBLEM and \
skipped. The exit status is 0 when any document was coded (or the input was empty), 1 when nothing \
could be read.

Spans: `spans` (JSON) and the *_span columns are byte offsets [start, end) into the event's `text`; \
`char_spans` and the *_char_span columns are the same spans in characters (Unicode scalar values), \
what Python's text[start:end] takes. They differ when the sentence has non-ASCII text.

Every event has a `confidence`, 0 to 1 (to 3 decimals): the coder's estimate that it is right at the \
level of country dyad and CAMEO root. --min-confidence X drops the events below X; the summary says \
how many.

Examples:
  entente code news.jsonl > events.jsonl
  entente code --format tsv -o events.tsv reuters.jsonl
  entente code --date 2022-02-24 article.txt
  entente code --min-confidence 0.5 news.jsonl > events.jsonl
  entente code --dict dictionaries/ news.jsonl")]
pub struct Args {
    /// Input files: JSON Lines or plain text; `-` or none reads standard input.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Read PETRARCH-format dictionaries from DIR instead of the built-in ones. Repeat to merge
    /// several directories.
    #[arg(long = "dict", value_name = "DIR")]
    dicts: Vec<PathBuf>,

    /// Output format [default: from the extension of -o, else jsonl].
    #[arg(long, value_name = "FORMAT", value_parser = out::parser(output::FORMATS))]
    format: Option<Format>,

    /// Date of plain-text documents, and of JSON lines without a `date` (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    date: Option<Date>,

    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<NonZeroUsize>,

    #[command(flatten)]
    output: OutputArg,

    /// Longest JSON line, or plain-text file, accepted; longer ones are skipped with a message.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_DOC_BYTES)]
    max_doc_bytes: usize,

    /// Drop events whose confidence (as written, to 3 decimals) is below X, from 0 to 1.
    #[arg(long, value_name = "X", value_parser = parse_confidence_arg)]
    min_confidence: Option<f32>,

    /// No progress bar and no summary; problems with the input are still reported.
    #[arg(long, short = 'q')]
    quiet: bool,

    /// Write events only. By default JSON output (jsonl, json) also carries what the sentences
    /// say beside their events, one record after the document's events: amounts, named
    /// things, themes and quotes (`{"record":"amount",...}`; `entente ingest events` stores
    /// them in the tables amounts, things, themes, quotes). TSV and CSV carry events only.
    #[arg(long)]
    no_extract: bool,
}

fn parse_date_arg(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|e| e.to_string())
}

fn parse_confidence_arg(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "expected a number from 0 to 1, e.g. 0.5, not {s:?}"
        )),
    }
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = out::resolve(
        args.format,
        args.output.output.as_deref(),
        output::FORMATS,
        Format::Jsonl,
        UnknownExtension::Default,
    )?;
    let sources: Vec<Source> = if args.files.is_empty() {
        vec![Source::Stdin]
    } else {
        args.files
            .iter()
            .map(|f| {
                if f.as_os_str() == "-" {
                    Source::Stdin
                } else {
                    Source::File(f.clone())
                }
            })
            .collect()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, NonZeroUsize::get))
        .build()
        .context("cannot start worker threads")?;
    let loading = Instant::now();
    let dicts = load_dictionaries(&args.dicts)?;
    let mut builder = CoderBuilder::new(&dicts);
    if !args.dicts.is_empty() {
        // Things and themes files in a --dict directory extend the built-in ones.
        let mut ex = entente_coder::ExtractDicts::builtin();
        for d in &args.dicts {
            ex.load_dir(d).with_context(|| format!("cannot read the extraction dictionaries in {}", d.display()))?;
        }
        for problem in &ex.diagnostics {
            eprintln!("entente code: {problem}");
        }
        builder.extract_dicts(ex);
    }
    let coder = builder.build().context("cannot build the coder")?;
    let extract = !args.no_extract && matches!(format, Format::Jsonl | Format::Json);
    let loading = loading.elapsed();

    // Created only once the dictionaries are good, so that a mistake there leaves an earlier
    // output file as it was.
    let sink: Box<dyn Write + Send> = match &args.output.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout()),
    };
    let writer = EventWriter::new(format, io::BufWriter::with_capacity(256 * 1024, sink))?;

    let opts = input::Options {
        default_date: args.date,
        max_doc_bytes: args.max_doc_bytes,
    };
    install_panic_hook();
    let mut reporter = Reporter::new(&sources, args.quiet);
    reporter.min_confidence = args.min_confidence;
    let report = Mutex::new(reporter);
    let started = Instant::now();
    let result = code_all(
        &sources,
        &opts,
        &coder,
        args.min_confidence,
        extract,
        &pool,
        writer,
        &report,
    );
    let elapsed = started.elapsed();
    let mut report = report.into_inner().unwrap_or_else(|e| e.into_inner());
    report.finish();
    result?;
    if !args.quiet {
        eprintln!(
            "entente code: {}; dictionaries loaded in {:.2} s",
            report.summary(elapsed),
            loading.as_secs_f64()
        );
    }
    if report.stats.documents == 0
        && (report.stats.skipped_lines > 0 || report.stats.skipped_files > 0)
    {
        anyhow::bail!(
            "nothing could be read: every input line or file was skipped (see the messages above)"
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Merges every `--dict` directory, or takes the built-in dictionaries when there are none,
/// reporting skipped entries (file:line) on stderr.
fn load_dictionaries(dirs: &[PathBuf]) -> anyhow::Result<Dictionaries> {
    if dirs.is_empty() {
        // Problems in the built-in dictionaries are ours to fix, not the user's: `entente dict`
        // shows them.
        return Ok(Dictionaries::builtin());
    }
    let mut dicts = Dictionaries::default();
    for dir in dirs {
        if !dir.is_dir() {
            anyhow::bail!(
                "cannot read dictionaries from {}: not a directory",
                dir.display()
            );
        }
        let d = Dictionaries::load_dir(dir)
            .with_context(|| format!("cannot read dictionaries from {}", dir.display()))?;
        dicts.merge(d);
    }
    let n = dicts.diagnostics.len();
    for d in dicts.diagnostics.iter().take(SHOWN_DICT_PROBLEMS) {
        eprintln!("{d}");
    }
    if n > SHOWN_DICT_PROBLEMS {
        eprintln!(
            "... and {} more dictionary problems not shown",
            n - SHOWN_DICT_PROBLEMS
        );
    }
    Ok(dicts)
}

/// Where a document came from, for messages about it.
struct Loc {
    source: usize,
    line: u64,
}

/// Reads every source in bounded batches on a reader thread, codes each batch on the pool, and
/// hands the events, in input order, to a writer thread. Reading the next batch and writing the
/// last one overlap with coding this one.
fn code_all<W: Write + Send>(
    sources: &[Source],
    opts: &input::Options,
    coder: &Coder,
    min_confidence: Option<f32>,
    extract: bool,
    pool: &rayon::ThreadPool,
    mut writer: EventWriter<W>,
    report: &Mutex<Reporter>,
) -> anyhow::Result<()> {
    let (to_coder, batches) = std::sync::mpsc::sync_channel::<Vec<(Document, Loc)>>(1);
    let (to_writer, coded_batches) = std::sync::mpsc::sync_channel::<Vec<(Coded, Extracts)>>(1);
    std::thread::scope(|scope| {
        let write = scope.spawn(move || -> io::Result<()> {
            for batch in coded_batches {
                for (coded, extracts) in batch {
                    for event in &coded.events {
                        writer.write(event)?;
                    }
                    for record in extracts.records() {
                        writer.write_record(&record)?;
                    }
                }
            }
            writer.finish()
        });
        scope.spawn(move || read_batches(sources, opts, report, to_coder));

        for batch in batches {
            let coded: Vec<Result<(Coded, Extracts), String>> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|(doc, _)| code_one(coder, doc, extract))
                    .collect()
            });
            let mut out = Vec::with_capacity(coded.len());
            let mut report = report.lock().unwrap_or_else(|e| e.into_inner());
            for ((doc, loc), c) in batch.iter().zip(coded) {
                match c {
                    Ok((mut c, x)) => {
                        let before = c.events.len();
                        for e in &mut c.events {
                            e.confidence = e.confidence.map(output::round_confidence);
                        }
                        if let Some(min) = min_confidence {
                            c.events.retain(|e| e.confidence.is_none_or(|x| x >= min));
                        }
                        report.stats.dropped += (before - c.events.len()) as u64;
                        report.stats.documents += 1;
                        report.stats.sentences += u64::from(c.sentences);
                        report.stats.events += c.events.len() as u64;
                        out.push((c, x));
                    }
                    Err(panic) => {
                        let p = Problem {
                            file: sources[loc.source].name(),
                            line: (loc.line > 0).then_some(loc.line),
                            message: format!(
                                "internal error coding document {:?}: {panic}; this is a bug in entente, please report it",
                                doc.id
                            ),
                            skipped: Skipped::Document,
                        };
                        report.problem(loc.source, &p);
                    }
                }
            }
            report.show_counts();
            drop(report);
            if to_writer.send(out).is_err() {
                break; // the writer stopped: its error is returned below (the reader stops too)
            }
        }
        drop(to_writer);
        match write.join() {
            Ok(result) => result.context("cannot write events"),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The reader thread: documents in batches of at most `BATCH_DOCS` documents or `BATCH_BYTES`
/// of text; problems straight to the reporter.
fn read_batches(
    sources: &[Source],
    opts: &input::Options,
    report: &Mutex<Reporter>,
    to_coder: std::sync::mpsc::SyncSender<Vec<(Document, Loc)>>,
) {
    let lock = || report.lock().unwrap_or_else(|e| e.into_inner());
    let mut done_bytes = 0;
    // A batch spans sources, so that many small files are coded in parallel too.
    let mut batch = Vec::new();
    let mut bytes = 0;
    for (index, source) in sources.iter().enumerate() {
        let mut reader = Reader::open(source, opts.clone());
        while let Some(item) = reader.next() {
            match item {
                Item::Doc(doc) => {
                    bytes += doc.text.len();
                    batch.push((
                        doc,
                        Loc {
                            source: index,
                            line: reader.line(),
                        },
                    ));
                }
                Item::Problem(p) => lock().problem(index, &p),
            }
            if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
                lock().progress(done_bytes + reader.bytes_read);
                if to_coder.send(std::mem::take(&mut batch)).is_err() {
                    return; // coding stopped
                }
                bytes = 0;
            }
        }
        done_bytes += reader.bytes_read;
    }
    lock().progress(done_bytes);
    if !batch.is_empty() {
        let _ = to_coder.send(batch);
    }
}

thread_local! {
    /// Set while this thread runs the coder: a panic then is reported by [`code_one`].
    static CODING: Cell<bool> = const { Cell::new(false) };
    /// Where the coder panicked, kept by the panic hook for [`code_one`]'s message.
    static PANIC_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps the standard panic message (and backtrace) for panics outside the coder; a panic
/// inside it becomes one line about the document instead.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CODING.with(Cell::get) {
                PANIC_AT.with(|p| *p.borrow_mut() = info.location().map(|l| l.to_string()));
            } else {
                default(info);
            }
        }));
    });
}

/// Codes one document (and extracts what its sentences say beside events, when `extract`); a
/// panic in the coder costs that document only.
fn code_one(coder: &Coder, doc: &Document, extract: bool) -> Result<(Coded, Extracts), String> {
    CODING.with(|c| c.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if extract {
            let (c, x) = coder.code_with_extraction(doc);
            (c, x.rows(&doc.id, doc.date))
        } else {
            (coder.code(doc), Extracts::default())
        }
    }));
    CODING.with(|c| c.set(false));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        match PANIC_AT.with(|p| p.borrow_mut().take()) {
            Some(at) => format!("{message} (at {at})"),
            None => message,
        }
    })
}

#[derive(Debug, Default)]
struct Stats {
    documents: u64,
    sentences: u64,
    events: u64,
    /// Events dropped by --min-confidence.
    dropped: u64,
    skipped_lines: u64,
    skipped_files: u64,
    failed_documents: u64,
}

/// Problems, progress and the final summary, all on stderr.
struct Reporter {
    names: Vec<String>,
    shown: Vec<usize>,
    stats: Stats,
    bar: Option<indicatif::ProgressBar>,
    min_confidence: Option<f32>,
}

impl Reporter {
    fn new(sources: &[Source], quiet: bool) -> Reporter {
        let bar = (!quiet && io::stderr().is_terminal()).then(|| {
            let total: Option<u64> = sources.iter().map(Source::len).sum();
            let bar = match total {
                Some(n) => indicatif::ProgressBar::new(n).with_style(
                    indicatif::ProgressStyle::with_template(
                        "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} ({eta}) {msg}",
                    )
                    .expect("valid template"),
                ),
                None => indicatif::ProgressBar::new_spinner().with_style(
                    indicatif::ProgressStyle::with_template(
                        "{spinner} {elapsed_precise} {bytes} {msg}",
                    )
                    .expect("valid template"),
                ),
            };
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Reporter {
            names: sources.iter().map(Source::name).collect(),
            shown: vec![0; sources.len()],
            stats: Stats::default(),
            bar,
            min_confidence: None,
        }
    }

    fn problem(&mut self, source: usize, p: &Problem) {
        match p.skipped {
            Skipped::Line => self.stats.skipped_lines += 1,
            Skipped::File => self.stats.skipped_files += 1,
            Skipped::Document => self.stats.failed_documents += 1,
            Skipped::Nothing => {}
        }
        self.shown[source] += 1;
        let message = match self.shown[source] {
            n if n <= SHOWN_PER_SOURCE => p.to_string(),
            n if n == SHOWN_PER_SOURCE + 1 => {
                format!(
                    "{}: more problems; not showing them (they are counted in the summary)",
                    self.names[source]
                )
            }
            _ => return,
        };
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }

    /// Input bytes read so far.
    fn progress(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
        }
    }

    fn show_counts(&self) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!(
                "{} documents, {} events",
                self.stats.documents, self.stats.events
            ));
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    fn summary(&self, elapsed: Duration) -> String {
        let s = &self.stats;
        let secs = elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            s.sentences as f64 / secs
        } else {
            0.0
        };
        let mut line = format!(
            "{}, {}, {} in {secs:.2} s ({} sentences/s)",
            plural(s.documents, "document"),
            plural(s.sentences, "sentence"),
            plural(s.events, "event"),
            rate.round() as u64
        );
        if let Some(min) = self.min_confidence {
            line.push_str(&format!(
                "; dropped {} below confidence {min}",
                plural(s.dropped, "event")
            ));
        }
        let mut skipped = Vec::new();
        if s.skipped_lines > 0 {
            skipped.push(plural(s.skipped_lines, "line"));
        }
        if s.skipped_files > 0 {
            skipped.push(plural(s.skipped_files, "file"));
        }
        if s.failed_documents > 0 {
            skipped.push(format!(
                "{} (internal errors)",
                plural(s.failed_documents, "document")
            ));
        }
        if !skipped.is_empty() {
            line.push_str(&format!("; skipped {}", skipped.join(", ")));
        }
        line
    }
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
