//! The queries behind the API, over one DataFusion session per committed store state.
//!
//! Every query is built with DataFusion's DataFrame API from validated values bound as
//! literals (`lit`), so no request text is ever parsed as SQL. Each passes the queries' gate
//! (`gate.rs`: a few run at once, a few more wait, the rest get 503 at once) and runs under a
//! timeout that covers the wait for its turn as well; a page of events is bounded by its
//! limit, a series by its period count.

use crate::params::Period;
use crate::{Error, Result};
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Float64Type, Int32Type, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::common::JoinType;
use datafusion::execution::FunctionRegistry;
use datafusion::functions::core::expr_fn::coalesce;
use datafusion::functions_aggregate::expr_fn::{count, max, sum};
use datafusion::logical_expr::{col, lit, when, Expr};
use entente_analytics::knowledge::{Cite, PlaceFact, ThemeFact};
use datafusion::prelude::{DataFrame, SessionContext};
use entente_core::Date;
use entente_store::{Dedup, Store};
use serde::Serialize;
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tokio::sync::OnceCell;
use crate::gate::Gate;

/// How many pairs `/api/pairs` computes and caches per store state.
pub const PAIRS_CACHED: usize = 500;
/// Theme rows (one theme of one sentence) `/api/themes` reads for one request, the latest
/// first; as the guide, which reads 20,000 rows per extract table.
pub const MAX_THEME_ROWS: usize = 20_000;
/// Most places `/api/places` returns, as the guide lists on its map.
pub const MAX_PLACES: usize = 500;
/// How often a query runs again when the store changed under it (see `Data::bounded`).
const RERUNS: usize = 3;

/// The store as the server sees it: the directory, and a session for its current manifest.
pub struct Data {
    root: PathBuf,
    timeout: Duration,
    gate: Gate,
    current: Mutex<Option<Snapshot>>,
}

/// One committed state of the store.
#[derive(Clone)]
struct Snapshot {
    /// Modification time and length of `manifest.json` (`None`: no manifest, empty store).
    stamp: Option<(SystemTime, u64)>,
    generation: u64,
    rows: u64,
    files: usize,
    /// The files the session reads, to tell whether a writer deleted one under a query.
    paths: Arc<Vec<PathBuf>>,
    ctx: SessionContext,
    pairs: Arc<OnceCell<Arc<Vec<Pair>>>>,
}

/// A pair of countries with the number of events between them (both directions).
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    /// The first country, alphabetically (ISO3).
    pub a: String,
    /// The second country (ISO3).
    pub b: String,
    /// A's name in English (the code when unknown).
    pub a_name: String,
    /// B's name in English.
    pub b_name: String,
    /// Events either way.
    pub events: u64,
}

/// Which events of a pair a request asks for.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Country A (ISO3).
    pub a: String,
    /// Country B (ISO3).
    pub b: String,
    /// The days.
    pub period: Period,
    /// CAMEO roots (`06`); empty: all.
    pub roots: Vec<String>,
    /// Quad classes 1–4; empty: all.
    pub quads: Vec<i32>,
    /// Which way the events go.
    pub direction: Direction,
    /// How repeated reports count.
    pub dedup: Dedup,
}

/// Which way the events of a pair go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A→B and B→A.
    Both,
    /// A→B only.
    AToB,
    /// B→A only.
    BToA,
}

/// One event, as `/api/events` returns it.
#[derive(Debug, Clone, Serialize)]
pub struct EventOut {
    /// The event id, as a string: coded events have 64-bit ids that JavaScript numbers cannot hold.
    pub event_id: String,
    /// The day.
    pub date: String,
    /// `gdelt`, `icews` or `entente`.
    pub dataset: String,
    /// Source actor code.
    pub source: Option<String>,
    /// Source actor name, as the dataset gives it.
    pub source_name: Option<String>,
    /// Source country (ISO3).
    pub source_country: Option<String>,
    /// Target actor code.
    pub target: Option<String>,
    /// Target actor name.
    pub target_name: Option<String>,
    /// Target country (ISO3).
    pub target_country: Option<String>,
    /// CAMEO code.
    pub code: String,
    /// Its name in the CAMEO codebook.
    pub code_name: Option<&'static str>,
    /// CAMEO root, `01`–`20`.
    pub root: String,
    /// Quad class 1–4.
    pub quad_class: Option<i32>,
    /// Goldstein value.
    pub goldstein: Option<f64>,
    /// PLOVER event type.
    pub plover: Option<String>,
    /// GDELT NumMentions.
    pub mentions: Option<i32>,
    /// Where it happened.
    pub place: Option<String>,
    /// Document id or URL (evidence).
    pub document: Option<String>,
    /// Sentence index within the document.
    pub sentence: Option<i32>,
    /// The sentence the event was coded from (evidence; untrusted text).
    pub text: Option<String>,
    /// The coder's confidence, 0–1, that the event is right: entente's own events only (`null`
    /// for GDELT and ICEWS, and for events stored before confidences were).
    pub confidence: Option<f64>,
}

/// Events of one day, one direction and one quad class.
#[derive(Debug, Clone)]
pub struct DayCount {
    /// The day.
    pub date: Date,
    /// `true` for A→B, `false` for B→A.
    pub a_to_b: bool,
    /// Quad class 1–4 (0 when unknown).
    pub quad: i32,
    /// Number of events.
    pub events: u64,
    /// Sum of their Goldstein values.
    pub goldstein: f64,
}

/// What `/api/health` reports.
#[derive(Debug, Clone, Serialize)]
pub struct StoreState {
    /// The manifest's generation (0: empty store).
    pub generation: u64,
    /// Event and mention rows in the store.
    pub rows: u64,
    /// Parquet files.
    pub files: usize,
}

impl Data {
    /// The store at `root`, queried with at most `max_queries` queries at once and `waiting`
    /// more in line, each given `timeout`.
    pub fn new(root: PathBuf, timeout: Duration, max_queries: usize, waiting: usize) -> Data {
        Data { root, timeout, gate: Gate::new("queries", max_queries, waiting), current: Mutex::new(None) }
    }

    /// Runs `work` on the store's current state once the gate lets it in, under the timeout.
    /// A compaction or a replacement may delete files a running query planned on: when the
    /// manifest changed since the snapshot and `work` failed or one of the snapshot's files is
    /// gone, it runs again on the new state (a few times at most), so an answer is whole for one
    /// committed state, never a failure or an undercount caused by a concurrent writer.
    async fn bounded<T, F, Fut>(&self, mut work: F) -> Result<T>
    where
        F: FnMut(Snapshot) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        tokio::time::timeout(self.timeout, async {
            let _pass = self.gate.enter().await?;
            let mut tries = 0;
            loop {
                let snap = self.snapshot().await?;
                let (stamp, paths) = (snap.stamp, snap.paths.clone());
                let result = work(snap).await;
                // DataFusion reads a file deleted before its scan opened it as empty, so an
                // answer that looks fine may have lost rows: once the manifest has changed, the
                // snapshot's files must all still be there (only then, so a quiet store pays
                // one stat of the manifest per query).
                let changed = tries < RERUNS && self.stamp()? != stamp;
                if changed && (result.is_err() || paths.iter().any(|p| !p.exists())) {
                    tracing::debug!("the store changed under a query; running it again");
                    tries += 1;
                    continue;
                }
                return result;
            }
        })
        .await
        .map_err(|_| Error::Timeout(self.timeout))?
    }

    fn stamp(&self) -> Result<Option<(SystemTime, u64)>> {
        let path = self.root.join("manifest.json");
        match std::fs::metadata(&path) {
            Ok(m) => Ok(Some((m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::Store(entente_store::Error::Io { path, source: e })),
        }
    }

    /// The session of the store's current state: reused while `manifest.json` is unchanged,
    /// rebuilt after an import commits (an import renames a new manifest into place).
    async fn snapshot(&self) -> Result<Snapshot> {
        let stamp = self.stamp()?;
        if let Some(s) = self.current.lock().map_err(|_| poisoned())?.as_ref() {
            if s.stamp == stamp {
                return Ok(s.clone());
            }
        }
        let store = Store::open(&self.root)?;
        // All dedup views are registered; queries name the one they want.
        let ctx = store.session(Dedup::Raw).await?;
        let m = store.manifest();
        let snap = Snapshot {
            stamp,
            generation: m.generation,
            rows: m.files.iter().map(|f| f.rows).sum(),
            files: m.files.len(),
            paths: Arc::new(m.files.iter().map(|f| self.root.join(&f.path)).collect()),
            ctx,
            pairs: Arc::new(OnceCell::new()),
        };
        *self.current.lock().map_err(|_| poisoned())? = Some(snap.clone());
        Ok(snap)
    }

    /// Generation and size of the store.
    pub async fn state(&self) -> Result<StoreState> {
        let s = self.snapshot().await?;
        Ok(StoreState { generation: s.generation, rows: s.rows, files: s.files })
    }

    /// The `limit` pairs with the most events in `period` (dedup `raw`). The all-time list
    /// is computed once per store state.
    pub async fn pairs(&self, period: Period, limit: usize) -> Result<Vec<Pair>> {
        self.bounded(|snap| async move {
            if period == Period::default() {
                let all = snap
                    .pairs
                    .get_or_try_init(|| async {
                        top_pairs(&snap.ctx, period, PAIRS_CACHED).await.map(Arc::new)
                    })
                    .await?;
                return Ok(all.iter().take(limit).cloned().collect());
            }
            top_pairs(&snap.ctx, period, limit).await
        })
        .await
    }

    /// One page of events of `filter`, newest first; `limit + 1` rows are read so the caller
    /// knows whether there is a next page.
    pub async fn events(&self, filter: &Filter, limit: usize, offset: usize) -> Result<Vec<EventOut>> {
        self.bounded(|snap| async move {
            let df = filtered(&snap.ctx, filter).await?
                .sort(vec![col("date").sort(false, true), col("event_id").sort(false, true)])?
                .limit(offset, Some(limit + 1))?
                .select_columns(&[
                    "event_id", "date", "dataset", "source", "source_name", "source_country",
                    "target", "target_name", "target_country", "code", "root", "quad_class",
                    "goldstein", "plover", "mentions", "place", "document", "sentence", "text",
                    "confidence",
                ])?;
            let batches = df.collect().await?;
            let mut out = Vec::new();
            for b in &batches {
                out.extend(event_rows(b)?);
            }
            Ok(out)
        })
        .await
    }

    /// Event counts and Goldstein sums of `filter` per day, direction and quad class.
    pub async fn daily(&self, filter: &Filter) -> Result<Vec<DayCount>> {
        self.bounded(|snap| async move {
            let df = filtered(&snap.ctx, filter).await?.aggregate(
                vec![
                    col("date"),
                    col("source_country").eq(lit(filter.a.as_str())).alias("a_to_b"),
                    col("quad_class"),
                ],
                vec![count(lit(1)).alias("n"), sum(col("goldstein")).alias("g")],
            )?;
            let mut out = Vec::new();
            for b in df.collect().await? {
                let date = cast(column(&b, "date")?, &DataType::Int32)?;
                let date = date.as_primitive::<Int32Type>();
                let dir = column(&b, "a_to_b")?.as_boolean();
                let quad = cast(column(&b, "quad_class")?, &DataType::Int32)?;
                let quad = quad.as_primitive::<Int32Type>();
                let n = cast(column(&b, "n")?, &DataType::Int64)?;
                let n = n.as_primitive::<Int64Type>();
                let g = cast(column(&b, "g")?, &DataType::Float64)?;
                let g = g.as_primitive::<Float64Type>();
                for i in 0..b.num_rows() {
                    out.push(DayCount {
                        date: Date::from_days(date.value(i)),
                        a_to_b: !dir.is_null(i) && dir.value(i),
                        quad: if quad.is_null(i) { 0 } else { quad.value(i) },
                        events: n.value(i).max(0) as u64,
                        goldstein: if g.is_null(i) { 0.0 } else { g.value(i) },
                    });
                }
            }
            out.sort_by_key(|d| (d.date, !d.a_to_b, d.quad));
            Ok(out)
        })
        .await
    }
}

impl Data {
    /// The themes of the sentences that gave `filter`'s events (the `themes` table joined to
    /// them by dataset, document and sentence), latest first, at most `limit` rows; each with
    /// its sentence. A store without extracted themes (GDELT or ICEWS only, or written before
    /// themes were) gives none.
    pub async fn themes(&self, filter: &Filter, limit: usize) -> Result<Vec<ThemeFact>> {
        self.bounded(|snap| async move {
            if !snap.ctx.table_exist("themes")? {
                return Ok(vec![]);
            }
            // One row per sentence of the pair's events (a sentence may give several events; its
            // themes count once), with the sentence itself.
            let sentences = filtered(&snap.ctx, filter)
                .await?
                .filter(col("document").is_not_null().and(col("sentence").is_not_null()))?
                .aggregate(
                    vec![col("dataset").alias("k_dataset"), col("document").alias("k_document"), col("sentence").alias("k_sentence")],
                    vec![max(col("text")).alias("k_text")],
                )?;
            let df = snap
                .ctx
                .table("themes")
                .await?
                .join(sentences, JoinType::Inner, &["dataset", "document", "sentence"], &["k_dataset", "k_document", "k_sentence"], None)?
                .sort(vec![
                    col("date").sort(false, true),
                    col("document").sort(true, true),
                    col("sentence").sort(true, true),
                    col("theme").sort(true, true),
                ])?
                .limit(0, Some(limit))?
                .select_columns(&["date", "document", "sentence", "k_text", "theme", "domain"])?;
            let mut out = Vec::new();
            for b in df.collect().await? {
                let dates = cast(column(&b, "date")?, &DataType::Int32)?;
                let dates = dates.as_primitive::<Int32Type>();
                let (document, text, theme, domain) =
                    (strings(&b, "document")?, strings(&b, "k_text")?, strings(&b, "theme")?, strings(&b, "domain")?);
                let sentence = opt_i32(&b, "sentence")?;
                for i in 0..b.num_rows() {
                    out.push(ThemeFact {
                        cite: Cite {
                            date: Date::from_days(dates.value(i)),
                            doc_id: document[i].clone().unwrap_or_default(),
                            sentence: u32::try_from(sentence[i].unwrap_or(0).max(0)).unwrap_or(0),
                            text: text[i].clone(),
                        },
                        theme: theme[i].clone().unwrap_or_default(),
                        domain: domain[i].clone().unwrap_or_default(),
                    });
                }
            }
            Ok(out)
        })
        .await
    }

    /// Where `filter`'s events happened: one row per place name, country, coordinates (to a
    /// hundredth of a degree, as the guide's map) and dataset, most events first, at most
    /// `limit` rows. Events without coordinates, or with coordinates off the globe, are left out.
    pub async fn places(&self, filter: &Filter, limit: usize) -> Result<Vec<PlaceFact>> {
        self.bounded(|snap| async move {
            let (lat, lon) = (col("lat"), col("lon"));
            let on_globe = lat
                .clone()
                .between(lit(-90.0), lit(90.0))
                .and(lon.clone().between(lit(-180.0), lit(180.0)));
            // round() when the session has it (DataFusion's math functions), else the stored value.
            let round = |e: Expr| match snap.ctx.udf("round") {
                Ok(f) => f.call(vec![e, lit(2i64)]),
                Err(_) => e,
            };
            let name = coalesce(vec![col("place"), col("place_country"), lit("")]);
            let df = filtered(&snap.ctx, filter)
                .await?
                .filter(on_globe)?
                .aggregate(
                    vec![
                        name.alias("name"),
                        col("place_country").alias("country"),
                        round(lat).alias("lat"),
                        round(lon).alias("lon"),
                        col("dataset"),
                    ],
                    vec![count(lit(1)).alias("n")],
                )?
                .sort(vec![
                    col("n").sort(false, true),
                    col("name").sort(true, true),
                    col("dataset").sort(true, true),
                    col("lat").sort(true, true),
                    col("lon").sort(true, true),
                ])?
                .limit(0, Some(limit))?;
            let mut out = Vec::new();
            for b in df.collect().await? {
                let (name, country, dataset) = (strings(&b, "name")?, strings(&b, "country")?, strings(&b, "dataset")?);
                let (lat, lon) = (opt_f64(&b, "lat")?, opt_f64(&b, "lon")?);
                let n = cast(column(&b, "n")?, &DataType::Int64)?;
                let n = n.as_primitive::<Int64Type>();
                for i in 0..b.num_rows() {
                    let (Some(lat), Some(lon)) = (lat[i], lon[i]) else { continue };
                    out.push(PlaceFact {
                        name: name[i].clone().unwrap_or_default(),
                        country: country[i].clone().filter(|c| !c.is_empty()),
                        lat,
                        lon,
                        dataset: dataset[i].clone().unwrap_or_default(),
                        events: n.value(i).max(0) as u64,
                    });
                }
            }
            Ok(out)
        })
        .await
    }
}

fn poisoned() -> Error {
    Error::Internal("the store snapshot lock is poisoned".into())
}

fn table(dedup: Dedup) -> &'static str {
    match dedup {
        Dedup::Raw => "events_raw",
        Dedup::Daily => "events_daily",
        Dedup::Root => "events_root",
    }
}

fn date_lit(d: Date) -> Expr {
    lit(ScalarValue::Date32(Some(d.to_days())))
}

fn in_period(period: Period) -> Option<Expr> {
    let lo = period.from.map(|d| col("date").gt_eq(date_lit(d)));
    let hi = period.to.map(|d| col("date").lt_eq(date_lit(d)));
    match (lo, hi) {
        (Some(l), Some(h)) => Some(l.and(h)),
        (l, h) => l.or(h),
    }
}

/// The events of `filter` as a DataFrame.
async fn filtered(ctx: &SessionContext, f: &Filter) -> Result<DataFrame> {
    let dir = |s: &str, t: &str| {
        col("source_country").eq(lit(s.to_string())).and(col("target_country").eq(lit(t.to_string())))
    };
    let mut pred = match f.direction {
        Direction::Both => dir(&f.a, &f.b).or(dir(&f.b, &f.a)),
        Direction::AToB => dir(&f.a, &f.b),
        Direction::BToA => dir(&f.b, &f.a),
    };
    if let Some(p) = in_period(f.period) {
        pred = pred.and(p);
    }
    if !f.roots.is_empty() {
        pred = pred.and(col("root").in_list(f.roots.iter().map(|r| lit(r.clone())).collect(), false));
    }
    if !f.quads.is_empty() {
        pred = pred.and(col("quad_class").in_list(f.quads.iter().map(|q| lit(*q)).collect(), false));
    }
    Ok(ctx.table(table(f.dedup)).await?.filter(pred)?)
}

async fn top_pairs(ctx: &SessionContext, period: Period, limit: usize) -> Result<Vec<Pair>> {
    let (s, t) = (col("source_country"), col("target_country"));
    let mut pred = s.clone().is_not_null().and(t.clone().is_not_null()).and(s.clone().not_eq(t.clone()));
    if let Some(p) = in_period(period) {
        pred = pred.and(p);
    }
    let lo = when(s.clone().lt(t.clone()), s.clone()).otherwise(t.clone())?;
    let hi = when(s.clone().lt(t.clone()), t).otherwise(s)?;
    let df = ctx
        .table("events_raw")
        .await?
        .filter(pred)?
        .aggregate(vec![lo.alias("a"), hi.alias("b")], vec![count(lit(1)).alias("n")])?
        .sort(vec![col("n").sort(false, true), col("a").sort(true, true), col("b").sort(true, true)])?
        .limit(0, Some(limit))?;
    let mut out = Vec::new();
    for b in df.collect().await? {
        let a = strings(&b, "a")?;
        let bb = strings(&b, "b")?;
        let n = cast(column(&b, "n")?, &DataType::Int64)?;
        let n = n.as_primitive::<Int64Type>();
        for i in 0..b.num_rows() {
            if let (Some(a), Some(bb)) = (&a[i], &bb[i]) {
                out.push(Pair {
                    a_name: name(a),
                    b_name: name(bb),
                    a: a.clone(),
                    b: bb.clone(),
                    events: n.value(i).max(0) as u64,
                });
            }
        }
    }
    Ok(out)
}

/// The English name of a country code, or the code itself.
fn name(code: &str) -> String {
    entente_report::country_name(code).to_string()
}

fn column<'a>(b: &'a RecordBatch, name: &str) -> Result<&'a Arc<dyn Array>> {
    b.column_by_name(name).ok_or_else(|| Error::Internal(format!("query result has no column {name}")))
}

/// A string column as owned values, whatever string type DataFusion chose (Utf8, Utf8View).
fn strings(b: &RecordBatch, name: &str) -> Result<Vec<Option<String>>> {
    let a = cast(column(b, name)?, &DataType::Utf8)?;
    let a = a.as_string::<i32>();
    Ok((0..a.len()).map(|i| (!a.is_null(i)).then(|| a.value(i).to_string())).collect())
}

fn opt_i32(b: &RecordBatch, name: &str) -> Result<Vec<Option<i32>>> {
    let a = cast(column(b, name)?, &DataType::Int32)?;
    let a = a.as_primitive::<Int32Type>();
    Ok((0..a.len()).map(|i| (!a.is_null(i)).then(|| a.value(i))).collect())
}

fn opt_f64(b: &RecordBatch, name: &str) -> Result<Vec<Option<f64>>> {
    let a = cast(column(b, name)?, &DataType::Float64)?;
    let a = a.as_primitive::<Float64Type>();
    Ok((0..a.len()).map(|i| (!a.is_null(i)).then(|| a.value(i))).collect())
}

fn event_rows(b: &RecordBatch) -> Result<Vec<EventOut>> {
    let ids = cast(column(b, "event_id")?, &DataType::Int64)?;
    let ids = ids.as_primitive::<Int64Type>();
    let dates = cast(column(b, "date")?, &DataType::Int32)?;
    let dates = dates.as_primitive::<Int32Type>();
    let [dataset, source, source_name, source_country, target, target_name, target_country, code, root, plover, place, document, text] =
        [
            "dataset", "source", "source_name", "source_country", "target", "target_name",
            "target_country", "code", "root", "plover", "place", "document", "text",
        ]
        .map(|c| strings(b, c));
    let (mut dataset, mut source, mut source_name, mut source_country) =
        (dataset?, source?, source_name?, source_country?);
    let (mut target, mut target_name, mut target_country, mut code, mut root) =
        (target?, target_name?, target_country?, code?, root?);
    let (mut plover, mut place, mut document, mut text) = (plover?, place?, document?, text?);
    let quad = opt_i32(b, "quad_class")?;
    let mentions = opt_i32(b, "mentions")?;
    let sentence = opt_i32(b, "sentence")?;
    let goldstein = opt_f64(b, "goldstein")?;
    let confidence = opt_f64(b, "confidence")?;
    let mut out = Vec::with_capacity(b.num_rows());
    for i in 0..b.num_rows() {
        let code = code[i].take().unwrap_or_default();
        out.push(EventOut {
            event_id: ids.value(i).to_string(),
            date: Date::from_days(dates.value(i)).to_string(),
            dataset: dataset[i].take().unwrap_or_default(),
            source: source[i].take(),
            source_name: source_name[i].take(),
            source_country: source_country[i].take(),
            target: target[i].take(),
            target_name: target_name[i].take(),
            target_country: target_country[i].take(),
            code_name: entente_core::cameo::lookup(&code).map(|c| c.name),
            code,
            root: root[i].take().unwrap_or_default(),
            quad_class: quad[i],
            goldstein: goldstein[i],
            plover: plover[i].take(),
            mentions: mentions[i],
            place: place[i].take(),
            document: document[i].take(),
            sentence: sentence[i],
            text: text[i].take(),
            confidence: confidence[i],
        });
    }
    Ok(out)
}
