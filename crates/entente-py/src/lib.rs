//! `entente._native`: the Rust half of the Python package. The Python half
//! (`python/entente/__init__.py`) turns lists of dicts, DataFrames and Tables into rows, and
//! the Arrow IPC bytes returned here into pyarrow Tables.
//!
//! Every entry point runs its work inside [`guard`], so a panic becomes a Python exception
//! instead of crossing the boundary, and releases the GIL (`Python::detach`) while coding or
//! querying. Results travel as Arrow IPC streams: pyarrow reads them without copying, and no
//! second Arrow implementation (pyarrow's C data interface crates) has to match arrow's version.

use entente_coder::{Coder, CoderBuilder, ExtractDicts};
use entente_core::{Date, Document, Event};
use entente_dict::Dictionaries;
use entente_report::load::{GuideRequest, LoadError};
use entente_store::arrow::array::RecordBatch;
use entente_store::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use entente_store::{Dedup, DyadQuery, Format, QueryOptions, QueryResult, Store};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString};
use rayon::prelude::*;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

create_exception!(_native, EntenteError, PyException, "An error of entente; the message is the CLI's.");
create_exception!(_native, InputError, EntenteError, "Bad input: a date, a country code, a row, an option.");
create_exception!(_native, QueryError, EntenteError, "A query the store refused or could not run (bad SQL, timeout).");

/// Runs `f` and turns a panic into an `EntenteError`: a bug in entente must not take the
/// interpreter down.
fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Err(EntenteError::new_err(format!("internal error (a bug in entente, please report it): {msg}")))
        }
    }
}

/// `e` and its causes, `: `-separated: the CLI's `error: …` line (anyhow's `{:#}`).
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}

fn store_err(e: entente_store::Error) -> PyErr {
    let m = chain(&e);
    match e {
        entente_store::Error::Query(_) | entente_store::Error::Timeout(_) => QueryError::new_err(m),
        entente_store::Error::Usage(_) | entente_store::Error::Format { .. } => InputError::new_err(m),
        _ => EntenteError::new_err(m),
    }
}

fn load_err(e: LoadError) -> PyErr {
    match e {
        LoadError::Usage(m) => InputError::new_err(m),
        LoadError::Store(e) => store_err(e),
        other => EntenteError::new_err(chain(&other)),
    }
}

fn arrow_err(e: impl std::fmt::Display) -> PyErr {
    EntenteError::new_err(format!("internal error (a bug in entente, please report it): {e}"))
}

/// A date argument, with the message `entente` gives for a bad `--from`/`--to`/`--date`.
fn date_arg(name: &str, s: Option<&str>) -> PyResult<Option<Date>> {
    s.map(|s| Date::parse(s).map_err(|e| InputError::new_err(format!("invalid value {s:?} for {name}: {e}"))))
        .transpose()
}

/// `batches` as one Arrow IPC stream, strings as plain `Utf8` (queries read them as
/// `Utf8View`, which older pyarrow and pandas do not take).
fn ipc(schema: &SchemaRef, batches: &[RecordBatch]) -> PyResult<Vec<u8>> {
    use entente_store::arrow::compute::cast;
    use entente_store::arrow::ipc::writer::StreamWriter;
    let fields: Vec<Field> = schema
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::Utf8View => f.as_ref().clone().with_data_type(DataType::Utf8),
            DataType::BinaryView => f.as_ref().clone().with_data_type(DataType::Binary),
            _ => f.as_ref().clone(),
        })
        .collect();
    let plain = Arc::new(Schema::new(fields));
    let mut out = Vec::new();
    let mut w = StreamWriter::try_new(&mut out, &plain).map_err(arrow_err)?;
    for b in batches {
        let cols = b
            .columns()
            .iter()
            .zip(plain.fields())
            .map(|(c, f)| cast(c, f.data_type()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(arrow_err)?;
        let b = RecordBatch::try_new(plain.clone(), cols).map_err(arrow_err)?;
        w.write(&b).map_err(arrow_err)?;
    }
    w.finish().map_err(arrow_err)?;
    drop(w);
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// code

/// The columns of `entente code --format jsonl`'s event records, in the order
/// `entente_core::EventRecord` serialises them; the Table is decoded from the same serde output
/// as the CLI's lines.
fn event_schema() -> SchemaRef {
    let span = || DataType::List(Arc::new(Field::new("item", DataType::UInt64, true)));
    // Byte offsets (`spans`) and character offsets (`char_spans`), as `entente code` writes them.
    let spans = || {
        DataType::Struct(
            vec![Field::new("source", span(), true), Field::new("target", span(), true), Field::new("verb", span(), true)].into(),
        )
    };
    Arc::new(Schema::new(vec![
        Field::new("doc_id", DataType::Utf8, false),
        Field::new("sentence", DataType::UInt32, false),
        Field::new("date", DataType::Date32, false),
        Field::new("source", DataType::Utf8, false),
        Field::new("target", DataType::Utf8, false),
        Field::new("code", DataType::Utf8, false),
        Field::new("root", DataType::Utf8, false),
        Field::new("quad_class", DataType::UInt8, false),
        Field::new("goldstein", DataType::Float32, false),
        Field::new("plover", DataType::Utf8, false),
        Field::new("text", DataType::Utf8, false),
        Field::new("spans", spans(), false),
        Field::new("confidence", DataType::Float32, true),
        Field::new("place", DataType::Utf8, true),
        Field::new("place_country", DataType::Utf8, true),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        Field::new("char_spans", spans(), false),
    ]))
}

/// The built-in coder, built once per process (building it takes most of a small call).
fn builtin_coder() -> PyResult<&'static Coder> {
    static CODER: OnceLock<Result<Coder, String>> = OnceLock::new();
    CODER
        .get_or_init(|| {
            let dicts = Dictionaries::builtin();
            CoderBuilder::new(&dicts).build().map_err(|e| format!("cannot build the coder: {e}"))
        })
        .as_ref()
        .map_err(|e| EntenteError::new_err(e.clone()))
}

/// A coder over the dictionaries in `dirs` (merged, as `entente code --dict A --dict B`), with
/// the things and themes files there extending the built-in ones; the messages are the CLI's.
fn coder_from(dirs: &[PathBuf]) -> PyResult<(Coder, Vec<String>)> {
    let mut dicts = Dictionaries::default();
    for dir in dirs {
        if !dir.is_dir() {
            return Err(InputError::new_err(format!(
                "cannot read dictionaries from {}: not a directory",
                dir.display()
            )));
        }
        let d = Dictionaries::load_dir(dir)
            .map_err(|e| InputError::new_err(format!("cannot read dictionaries from {}: {e}", dir.display())))?;
        dicts.merge(d);
    }
    let mut problems: Vec<String> = dicts.diagnostics.iter().map(|d| d.to_string()).collect();
    let mut ex = ExtractDicts::builtin();
    for d in dirs {
        ex.load_dir(d).map_err(|e| {
            InputError::new_err(format!("cannot read the extraction dictionaries in {}: {e}", d.display()))
        })?;
    }
    problems.extend(ex.diagnostics.iter().map(|d| d.to_string()));
    let mut builder = CoderBuilder::new(&dicts);
    builder.extract_dicts(ex);
    let coder = builder.build().map_err(|e| InputError::new_err(format!("cannot build the coder: {e}")))?;
    Ok((coder, problems))
}

/// One Python value of a row as JSON, for [`entente_coder::input::document_from_json`]. Dates
/// and timestamps become their ISO text; bytes must be UTF-8; NaN (pandas' missing value) is null.
fn json_value(row: usize, key: &str, v: &Bound<'_, PyAny>) -> PyResult<Value> {
    if v.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = v.cast::<PyString>() {
        return s.to_cow().map(|s| Value::String(s.into_owned())).map_err(|e| {
            InputError::new_err(format!("row {row}: `{key}` is not valid UTF-8 text: {e}"))
        });
    }
    if let Ok(b) = v.cast::<PyBytes>() {
        return match std::str::from_utf8(b.as_bytes()) {
            Ok(s) => Ok(Value::String(s.to_string())),
            Err(e) => Err(InputError::new_err(format!(
                "row {row}: `{key}` is bytes that are not valid UTF-8 (invalid byte at offset {}); decode them first",
                e.valid_up_to()
            ))),
        };
    }
    if v.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(v.extract()?));
    }
    if v.is_instance_of::<PyInt>() {
        return Ok(match v.extract::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => Value::String(v.str()?.to_string()),
        });
    }
    if v.is_instance_of::<PyFloat>() {
        let x: f64 = v.extract()?;
        return Ok(serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number));
    }
    // datetime.date, datetime.datetime, pandas.Timestamp, numpy.datetime64 via str().
    if let Ok(iso) = v.call_method0("isoformat") {
        return Ok(Value::String(iso.str()?.to_string()));
    }
    // Any other type (a list, a dict): refused, naming the Python type.
    let what = if key == "id" { "a string or a number" } else { "a string" };
    Err(InputError::new_err(format!("row {row}: `{key}` must be {what}, found {}", v.get_type().name()?)))
}

fn document(row: usize, d: &Bound<'_, PyDict>, default_date: Option<Date>) -> PyResult<Document> {
    let mut obj = serde_json::Map::new();
    for (k, v) in d.iter() {
        let key: String = k.str()?.to_string();
        // Only these fields are read (as in a JSON line, the rest is ignored).
        if matches!(key.as_str(), "id" | "date" | "text" | "body" | "title") {
            obj.insert(key.clone(), json_value(row, &key, &v)?);
        }
    }
    let id_hint = match obj.get("id") {
        Some(Value::String(s)) => format!("row {row} (id {s:?})"),
        Some(Value::Number(n)) => format!("row {row} (id {n})"),
        _ => format!("row {row}"),
    };
    let mut doc = entente_coder::input::document_from_json(Value::Object(obj), default_date)
        .map_err(|m| InputError::new_err(format!("{id_hint}: {m}")))?;
    if doc.id.is_empty() {
        // As the CLI names a line without `id` after its file and line.
        doc.id = format!("row {row}");
    }
    Ok(doc)
}

/// Codes one document with extraction on (so events carry their place, as `entente code`
/// writes them); a panic costs that document only and is reported.
fn code_one(coder: &Coder, doc: &Document) -> Result<Vec<Event>, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| coder.code_with_extraction(doc).0.events)).map_err(
        |payload| {
            let m = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            format!("internal error coding document {:?}: {m}; this is a bug in entente, please report it", doc.id)
        },
    )
}

/// Codes `rows` (dicts with `id`, `date`, `text`) into an Arrow IPC stream of events with the
/// columns of `entente code --format jsonl`, and the dictionary problems found.
#[pyfunction]
#[pyo3(signature = (rows, dicts=Vec::new(), threads=None, min_confidence=None, date=None))]
fn code<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyList>,
    dicts: Vec<PathBuf>,
    threads: Option<usize>,
    min_confidence: Option<f32>,
    date: Option<String>,
) -> PyResult<(Bound<'py, PyBytes>, Vec<String>)> {
    guard(|| {
        if let Some(x) = min_confidence {
            if !(0.0..=1.0).contains(&x) {
                return Err(InputError::new_err(format!("expected a number from 0 to 1, e.g. 0.5, not {x}")));
            }
        }
        let default_date = date_arg("date", date.as_deref())?;
        let mut docs = Vec::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            let d = r.cast::<PyDict>().map_err(|_| {
                InputError::new_err(format!("row {i}: expected a dict with `id`, `date` and `text`"))
            })?;
            docs.push(document(i, d, default_date)?);
        }
        let owned;
        let (coder, problems) = if dicts.is_empty() {
            (builtin_coder()?, Vec::new())
        } else {
            owned = coder_from(&dicts)?;
            (&owned.0, owned.1.clone())
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .build()
            .map_err(|e| EntenteError::new_err(format!("cannot start worker threads: {e}")))?;
        let bytes = py.detach(|| -> PyResult<Vec<u8>> {
            let coded: Vec<Result<Vec<Event>, String>> =
                pool.install(|| docs.par_iter().map(|d| code_one(coder, d)).collect());
            let mut events = Vec::new();
            for c in coded {
                let mut evs = c.map_err(EntenteError::new_err)?;
                for e in &mut evs {
                    e.confidence = e.confidence.map(entente_coder::round_confidence);
                }
                if let Some(min) = min_confidence {
                    evs.retain(|e| e.confidence.is_none_or(|x| x >= min));
                }
                events.extend(evs);
            }
            let schema = event_schema();
            let mut decoder = entente_store::arrow::json::ReaderBuilder::new(schema.clone())
                .with_batch_size(events.len().max(1))
                .build_decoder()
                .map_err(arrow_err)?;
            let records: Vec<_> = events.iter().map(entente_core::EventRecord::new).collect();
            decoder.serialize(&records).map_err(arrow_err)?;
            let batch = decoder.flush().map_err(arrow_err)?.unwrap_or_else(|| RecordBatch::new_empty(schema.clone()));
            ipc(&schema, &[batch])
        })?;
        Ok((PyBytes::new(py, &bytes), problems))
    })
}

// ---------------------------------------------------------------------------------------------
// explain

/// Today's date from the system clock (UTC), as `entente explain` defaults to.
fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Date::from_days((secs / 86_400) as i32)
}

/// How one sentence is coded: `(text, parts)`, the text being `entente explain`'s and the
/// parts its pieces as plain Python values.
#[pyfunction]
#[pyo3(signature = (sentence, date=None, dict=None))]
fn explain<'py>(
    py: Python<'py>,
    sentence: &Bound<'py, PyAny>,
    date: Option<String>,
    dict: Option<PathBuf>,
) -> PyResult<(String, Bound<'py, PyDict>)> {
    guard(|| {
        let sentence = json_value(0, "sentence", sentence)?;
        let Value::String(sentence) = sentence else {
            return Err(InputError::new_err("`sentence` must be a string"));
        };
        let date = date_arg("date", date.as_deref())?.unwrap_or_else(today);
        let owned;
        let coder = match &dict {
            None => builtin_coder()?,
            Some(d) => {
                let dicts = Dictionaries::load_dir(d)
                    .map_err(|e| InputError::new_err(format!("cannot read dictionaries from {}: {e}", d.display())))?;
                owned = CoderBuilder::new(&dicts)
                    .build()
                    .map_err(|e| InputError::new_err(format!("cannot build the coder: {e}")))?;
                &owned
            }
        };
        let x = py.detach(|| coder.explanation(&sentence, date));
        let text = x.to_string();
        let parts = PyDict::new(py);
        parts.set_item("sentence", &x.sentence)?;
        parts.set_item("date", x.date.to_string())?;
        parts.set_item("tokens", &x.tokens)?;
        parts.set_item("discard", &x.discard)?;
        let phrases = PyList::empty(py);
        for p in &x.phrases {
            let d = PyDict::new(py);
            d.set_item("text", &p.text)?;
            d.set_item("kind", p.kind)?;
            d.set_item("code", &p.code)?;
            d.set_item("origin", &p.origin)?;
            phrases.append(d)?;
        }
        parts.set_item("phrases", phrases)?;
        parts.set_item("groups", &x.groups)?;
        let verbs = PyList::empty(py);
        for v in &x.verbs {
            let d = PyDict::new(py);
            d.set_item("text", &v.text)?;
            d.set_item("verb", &v.verb)?;
            d.set_item("origin", &v.origin)?;
            d.set_item("pattern", v.pattern.as_ref().map(|(p, o)| (p.clone(), o.clone())))?;
            d.set_item("code", &v.code)?;
            d.set_item("source", &v.source)?;
            d.set_item("target", &v.target)?;
            d.set_item("passive", v.passive)?;
            d.set_item("rejected", &v.rejected)?;
            verbs.append(d)?;
        }
        parts.set_item("verbs", verbs)?;
        parts.set_item("events", x.events.clone())?;
        let dropped: Vec<((String, String, String), String)> = x.dropped.clone();
        parts.set_item("dropped", dropped)?;
        Ok((text, parts))
    })
}

// ---------------------------------------------------------------------------------------------
// the store

/// An event store directory; queries run exactly as `entente sql` runs them (same tables, same
/// dedup views, same read-only check).
#[pyclass(module = "entente._native", name = "Store")]
struct PyStore {
    inner: Mutex<Store>,
}

fn query_options(limit: Option<usize>, dedup: &str, timeout: f64) -> PyResult<QueryOptions> {
    let dedup: Dedup = dedup.parse().map_err(store_err)?;
    if !(timeout.is_finite() && timeout > 0.0) {
        return Err(InputError::new_err(format!("timeout must be a positive number of seconds, not {timeout}")));
    }
    Ok(QueryOptions { limit: limit.filter(|&n| n > 0), timeout: Duration::from_secs_f64(timeout.max(1.0)), dedup })
}

impl PyStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, Store> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn run<'py>(&self, py: Python<'py>, sql: &str, opts: &QueryOptions) -> PyResult<(Bound<'py, PyBytes>, bool)> {
        let store = self.lock();
        let bytes = py.detach(|| -> PyResult<(Vec<u8>, bool)> {
            let r: QueryResult = store.sql(sql, opts).map_err(store_err)?;
            Ok((ipc(&r.schema, &r.batches)?, r.truncated))
        })?;
        Ok((PyBytes::new(py, &bytes.0), bytes.1))
    }
}

#[pymethods]
impl PyStore {
    #[new]
    #[pyo3(signature = (path, create=false))]
    fn new(path: PathBuf, create: bool) -> PyResult<Self> {
        guard(|| {
            if !create && !path.exists() {
                return Err(InputError::new_err(format!(
                    "no store at {} (import files with `entente ingest`, or open it with create=True and ingest)",
                    path.display()
                )));
            }
            let store = Store::open(&path).map_err(store_err)?;
            Ok(PyStore { inner: Mutex::new(store) })
        })
    }

    /// The store directory.
    #[getter]
    fn path(&self) -> PathBuf {
        self.lock().root().to_path_buf()
    }

    /// One read-only query: `(ipc bytes, truncated)`.
    #[pyo3(signature = (query, limit=None, dedup="raw", timeout=300.0))]
    fn sql<'py>(
        &self,
        py: Python<'py>,
        query: &str,
        limit: Option<usize>,
        dedup: &str,
        timeout: f64,
    ) -> PyResult<(Bound<'py, PyBytes>, bool)> {
        guard(|| self.run(py, query, &query_options(limit, dedup, timeout)?))
    }

    /// `entente events --dyad A,B`: `(ipc bytes, truncated)`.
    #[pyo3(signature = (a, b, start=None, end=None, roots=Vec::new(), quads=Vec::new(), limit=None, dedup="raw", timeout=300.0))]
    #[allow(clippy::too_many_arguments)]
    fn events<'py>(
        &self,
        py: Python<'py>,
        a: &str,
        b: &str,
        start: Option<String>,
        end: Option<String>,
        roots: Vec<String>,
        quads: Vec<u8>,
        limit: Option<usize>,
        dedup: &str,
        timeout: f64,
    ) -> PyResult<(Bound<'py, PyBytes>, bool)> {
        guard(|| {
            let q = DyadQuery {
                dyad: DyadQuery::parse_dyad(&format!("{a},{b}")).map_err(store_err)?,
                from: date_arg("start", start.as_deref())?,
                to: date_arg("end", end.as_deref())?,
                roots,
                quads,
            };
            let sql = q.to_sql().map_err(store_err)?;
            self.run(py, &sql, &query_options(limit, dedup, timeout)?)
        })
    }

    /// `entente ingest KIND FILES`: one report per file, as dicts; files that failed are
    /// reported with `error` (the rest are imported, as the CLI goes on past a bad file).
    #[pyo3(signature = (kind, paths, threads=None))]
    fn ingest<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        paths: Vec<PathBuf>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        guard(|| {
            let format = match kind {
                "gdelt" => Format::Gdelt,
                "gdelt-mentions" | "gdelt_mentions" => Format::GdeltMentions,
                "icews" => Format::Icews,
                "events" => Format::Events,
                other => {
                    return Err(InputError::new_err(format!(
                        "unknown ingest format {other:?}: gdelt, gdelt-mentions, icews or events"
                    )))
                }
            };
            let mut guard = self.lock();
            let store: &mut Store = &mut guard;
            let reports = py.detach(|| {
                paths
                    .iter()
                    .map(|p| {
                        let mut opts = entente_store::IngestOptions::default();
                        if let Some(t) = threads {
                            opts.threads = t.max(1);
                        }
                        (p, store.ingest_file(format, p, &opts))
                    })
                    .collect::<Vec<_>>()
            });
            let out = PyList::empty(py);
            for (path, r) in reports {
                let d = PyDict::new(py);
                d.set_item("file", path)?;
                match r {
                    Ok(r) => {
                        let rec = &r.record;
                        let status = if r.already_imported {
                            "already imported"
                        } else if r.empty {
                            "empty"
                        } else {
                            "imported"
                        };
                        d.set_item("status", status)?;
                        d.set_item("rows_read", rec.rows_read)?;
                        d.set_item("rows_stored", rec.rows_stored)?;
                        d.set_item("rows_rejected", rec.rows_rejected)?;
                        d.set_item("rows_replaced", rec.rows_replaced)?;
                        let rejects: Vec<(Option<String>, u64, String)> =
                            r.rejects.iter().map(|x| (x.member.clone(), x.line, x.reason.clone())).collect();
                        d.set_item("rejects", rejects)?;
                    }
                    Err(e) => {
                        d.set_item("status", "failed")?;
                        d.set_item("error", e.to_string())?;
                    }
                }
                out.append(d)?;
            }
            Ok(out)
        })
    }

    /// The manifest as JSON text (`entente store info --json`).
    fn info_json(&self) -> PyResult<String> {
        guard(|| {
            serde_json::to_string_pretty(self.lock().manifest())
                .map_err(|e| EntenteError::new_err(format!("cannot write the manifest as JSON: {e}")))
        })
    }
}

// ---------------------------------------------------------------------------------------------
// guide

/// `entente guide A B` rendered as `format` (html, md or json), from `store`.
#[pyfunction]
#[pyo3(signature = (store, a, b, start=None, end=None, format="html", datasets=Vec::new(), dedup="raw", granularity="month", min_confidence=entente_report::load::GUIDE_MIN_CONFIDENCE, timeout=120.0))]
#[allow(clippy::too_many_arguments)]
fn guide(
    py: Python<'_>,
    store: &PyStore,
    a: &str,
    b: &str,
    start: Option<String>,
    end: Option<String>,
    format: &str,
    datasets: Vec<String>,
    dedup: &str,
    granularity: &str,
    min_confidence: f64,
    timeout: f64,
) -> PyResult<String> {
    guard(|| {
        let format = match format {
            "html" => entente_report::Format::Html,
            "md" | "markdown" => entente_report::Format::Markdown,
            "json" => entente_report::Format::Json,
            other => return Err(InputError::new_err(format!("unknown guide format {other:?}: html, md or json"))),
        };
        if !(timeout.is_finite() && timeout > 0.0) {
            return Err(InputError::new_err(format!("timeout must be a positive number of seconds, not {timeout}")));
        }
        let req = GuideRequest::new(
            a,
            b,
            date_arg("start", start.as_deref())?,
            date_arg("end", end.as_deref())?,
            &datasets,
            dedup,
            granularity,
            min_confidence,
            Duration::from_secs_f64(timeout),
        )
        .map_err(load_err)?;
        let guard = store.lock();
        let store: &Store = &guard;
        py.detach(|| {
            if let Some(m) = entente_report::load::unknown_country(store, &req).map_err(load_err)? {
                return Err(InputError::new_err(m));
            }
            let (input, _) = entente_report::load::load(store, &req).map_err(load_err)?;
            let analysis = entente_analytics::analyze(&input, &entente_analytics::AnalysisOptions::default())
                .map_err(|e| InputError::new_err(e.to_string()))?;
            Ok(entente_report::render(&analysis, format))
        })
    })
}

/// The CLI's version, for `entente.__version__`.
const VERSION: &str = env!("CARGO_PKG_VERSION");

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", VERSION)?;
    m.add("EntenteError", py.get_type::<EntenteError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("QueryError", py.get_type::<QueryError>())?;
    m.add_function(wrap_pyfunction!(code, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(guide, m)?)?;
    m.add_class::<PyStore>()?;
    Ok(())
}
