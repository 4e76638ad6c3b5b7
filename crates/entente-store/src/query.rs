//! SQL over the store with DataFusion: the tables `events`, `mentions`, `amounts`, `things`,
//! `themes` and `quotes`, the dedup views, and the dyad shortcut.

use crate::schema::Table;
use crate::{Error, Result, Store};
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{
    ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
};
use datafusion::datasource::MemTable;
use datafusion::logical_expr::{DdlStatement, LogicalPlan, Statement, WriteOp};
use datafusion::prelude::{DataFrame, SQLOptions, SessionConfig, SessionContext};
use std::sync::Arc;
use std::time::Duration;

/// How repeated reports of one event are counted. Each policy is also a view, so a query can
/// compare them: `events` (raw), `events_daily`, `events_root`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dedup {
    /// Every stored row (GDELT re-emissions are already replaced by event id at import).
    #[default]
    Raw,
    /// One event a day per (dataset, date, source, target, code): the first by event id.
    /// The dataset is part of the key so that GDELT and ICEWS reports of one day are not
    /// merged into one row of either source.
    Daily,
    /// GDELT root events only (events from the article's lead paragraph); rows of other
    /// datasets are all kept.
    Root,
}

impl std::str::FromStr for Dedup {
    type Err = Error;
    fn from_str(s: &str) -> Result<Dedup> {
        match s {
            "raw" | "none" => Ok(Dedup::Raw),
            "daily" | "one-a-day" => Ok(Dedup::Daily),
            "root" => Ok(Dedup::Root),
            _ => Err(Error::Usage(format!("unknown dedup policy {s:?}: raw, daily or root"))),
        }
    }
}

/// Bounds of a query.
#[derive(Debug, Clone)]
pub struct QueryOptions {
    /// At most this many rows are returned (`None`: all).
    pub limit: Option<usize>,
    /// The query is cancelled after this long.
    pub timeout: Duration,
    /// What the name `events` means in the query.
    pub dedup: Dedup,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions { limit: Some(1000), timeout: Duration::from_secs(300), dedup: Dedup::Raw }
    }
}

/// The rows a query returned.
#[derive(Debug, Clone)]
pub struct QueryResult {
    /// Their schema.
    pub schema: SchemaRef,
    /// The rows.
    pub batches: Vec<RecordBatch>,
    /// `true` when the query had more rows than the limit.
    pub truncated: bool,
}

impl QueryResult {
    /// The first `limit` rows of `batches` (all when `None`), noting whether any were cut; local
    /// and cluster execution share it so both apply a limit the same way.
    pub fn limited(schema: SchemaRef, mut batches: Vec<RecordBatch>, limit: Option<usize>) -> QueryResult {
        let mut truncated = false;
        if let Some(limit) = limit {
            let mut left = limit;
            for b in batches.iter_mut() {
                if b.num_rows() > left {
                    *b = b.slice(0, left);
                    truncated = true;
                }
                left -= b.num_rows();
            }
            batches.retain(|b| b.num_rows() > 0);
        }
        QueryResult { schema, batches, truncated }
    }

    /// Number of rows returned.
    pub fn num_rows(&self) -> usize {
        self.batches.iter().map(|b| b.num_rows()).sum()
    }
}

const DAILY: &str = "SELECT * EXCEPT (dedup_rank) FROM (SELECT *, row_number() OVER \
    (PARTITION BY dataset, date, source, target, code ORDER BY event_id) AS dedup_rank \
    FROM events_raw) WHERE dedup_rank = 1";
const ROOT: &str =
    "SELECT * FROM events_raw WHERE dataset <> 'gdelt' OR root_event IS NULL OR root_event";

/// The DataFusion settings of a store session: the defaults, tuned for scans and aggregations
/// over the store's part files, then any `key=value` pairs of `ENTENTE_DATAFUSION` (separated
/// by `;`), e.g. `datafusion.execution.target_partitions=4`.
fn session_config() -> Result<SessionConfig> {
    let mut config = SessionConfig::new().with_information_schema(true);
    if let Ok(extra) = std::env::var("ENTENTE_DATAFUSION") {
        for kv in extra.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let (k, v) = kv.split_once('=').ok_or_else(|| {
                Error::Usage(format!("ENTENTE_DATAFUSION: {kv:?} is not key=value"))
            })?;
            config.options_mut().set(k.trim(), v.trim())?;
        }
    }
    Ok(config)
}

/// A Tokio runtime for running DataFusion from blocking code. Its blocking pool (where the
/// local object store reads files) is bounded: Tokio's default of 512 let one guide over a
/// store of many files start hundreds of threads (api-bench's overload test).
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(16)
        .build()
        .map_err(|e| Error::Internal(format!("cannot start the query runtime: {e}")))
}

impl Store {
    fn register(&self, ctx: &SessionContext, name: &str, table: Table) -> Result<()> {
        let root = std::path::absolute(self.root()).map_err(Error::io(self.root()))?;
        let urls: Vec<ListingTableUrl> = self
            .manifest()
            .files_of(table)
            .map(|f| ListingTableUrl::parse(root.join(&f.path).to_string_lossy()))
            .collect::<std::result::Result<_, _>>()?;
        if urls.is_empty() {
            let empty = MemTable::try_new(table.read_schema(), vec![vec![]])?;
            ctx.register_table(name, Arc::new(empty))?;
            return Ok(());
        }
        let options =
            ListingOptions::new(Arc::new(ParquetFormat::default())).with_file_extension(".parquet");
        let config = ListingTableConfig::new_with_multi_paths(urls)
            .with_listing_options(options)
            .with_schema(table.read_schema());
        ctx.register_table(name, Arc::new(ListingTable::try_new(config)?))?;
        Ok(())
    }

    /// A DataFusion session with `events` (per `dedup`), `events_raw`, `events_daily`,
    /// `events_root`, `mentions` and the extract tables `amounts`, `things`, `themes` and
    /// `quotes` registered, for callers who want DataFrames.
    pub async fn session(&self, dedup: Dedup) -> Result<SessionContext> {
        let config = session_config()?;
        let ctx = SessionContext::new_with_config(config);
        self.register(&ctx, "events_raw", Table::Events)?;
        self.register(&ctx, "mentions", Table::Mentions)?;
        // Always registered, empty in stores written before they existed.
        for t in Table::EXTRACTS {
            self.register(&ctx, t.name(), t)?;
        }
        ctx.sql(&format!("CREATE VIEW events_daily AS {DAILY}")).await?;
        ctx.sql(&format!("CREATE VIEW events_root AS {ROOT}")).await?;
        let events = match dedup {
            Dedup::Raw => "SELECT * FROM events_raw",
            Dedup::Daily => "SELECT * FROM events_daily",
            Dedup::Root => "SELECT * FROM events_root",
        };
        ctx.sql(&format!("CREATE VIEW events AS {events}")).await?;
        Ok(ctx)
    }

    /// Runs one SQL statement within the bounds of `opts`, over the last committed state.
    ///
    /// A commit that compacts or replaces files deletes the old ones right after the manifest
    /// rename, so a query planned on the previous manifest can find a file gone: as an error
    /// when it was deleted during the read, and silently (DataFusion lists a missing path as
    /// empty) when it was deleted before. So after every run the manifest's files must all still
    /// exist; if one is gone, the manifest is read again and the query runs on the newer state
    /// (at most three times).
    pub fn sql(&self, sql: &str, opts: &QueryOptions) -> Result<QueryResult> {
        let mut fresher: Option<Store> = None;
        for _ in 0..3 {
            let s = fresher.as_ref().unwrap_or(self);
            let result = s.sql_once(sql, opts);
            let stale = match &result {
                Err(e) => is_missing_file(e),
                Ok(_) => s.manifest().files.iter().any(|f| !s.root().join(&f.path).exists()),
            };
            if !stale {
                return result;
            }
            let next = Store::open(self.root())?;
            if next.manifest().generation == s.manifest().generation {
                return Err(result.err().unwrap_or_else(|| {
                    Error::Internal("a Parquet file the manifest lists is missing".into())
                }));
            }
            fresher = Some(next);
        }
        Err(Error::Internal("the store changed under three runs of the query in a row".into()))
    }

    fn sql_once(&self, sql: &str, opts: &QueryOptions) -> Result<QueryResult> {
        let started = std::time::Instant::now();
        let rt = runtime()?;
        let planned = rt.block_on(async {
            tokio::time::timeout(opts.timeout, async {
                let ctx = self.session(opts.dedup).await?;
                let df = read_only_sql(&ctx, sql, opts.limit).await?;
                Ok::<_, Error>((Arc::new(df.schema().as_arrow().clone()), df))
            })
            .await
        });
        let (schema, df) = match planned {
            Ok(p) => p?,
            Err(_) => {
                rt.shutdown_background();
                return Err(Error::Timeout(opts.timeout));
            }
        };
        // Executed on the runtime's workers while this thread waits on a channel with the time
        // left: a Tokio timer would fire only when a worker next parks, and an operator that
        // computes for long between two yields (a large join) kept `--timeout 5` waiting 9.7 s.
        let (tx, rx) = std::sync::mpsc::channel();
        let task = rt.spawn(async move {
            let _ = tx.send(df.collect().await);
        });
        let result = match rx.recv_timeout(opts.timeout.saturating_sub(started.elapsed())) {
            Ok(batches) => batches.map_err(Error::from).map(|b| QueryResult::limited(schema, b, opts.limit)),
            Err(_) => {
                task.abort();
                Err(Error::Timeout(opts.timeout))
            }
        };
        // Dropping the runtime would wait for its blocking threads and for the worker still
        // computing; the cancelled query's leftovers end on their own.
        rt.shutdown_background();
        result
    }
}

/// The only statements [`read_only_sql`] runs, for its refusals.
pub const QUERY_KINDS: &str = "SELECT, WITH, EXPLAIN, SHOW, DESCRIBE and VALUES";

/// Plans `sql` on `ctx` as a query only: a statement that would change anything — DDL
/// (`CREATE [EXTERNAL] TABLE`, `CREATE VIEW`, `DROP`), DML (`INSERT`, `UPDATE`, `DELETE`),
/// `COPY … TO` (which writes files anywhere, the store's manifest included), `SET`, `PREPARE`,
/// transactions — is refused with an [`Error::Usage`] naming its kind, before anything runs.
///
/// The check is on the parsed and planned statement, not on its text: the plan (with every
/// subquery, and the statement under `EXPLAIN [ANALYZE]`) is walked for a write, and
/// DataFusion's own [`SQLOptions`] (no DDL, no DML, no statements) verifies it again. Planning
/// has no side effects; only execution would. `entente sql`, the guide's queries and the
/// cluster session all go through here.
///
/// With a `limit`, the query is capped at `limit + 1` rows (so that [`QueryResult::limited`]
/// can tell whether it had more), except `EXPLAIN [ANALYZE]`, which must stay the root of its
/// plan (DataFusion fails with an internal error otherwise) and returns few rows anyway.
pub async fn read_only_sql(ctx: &SessionContext, sql: &str, limit: Option<usize>) -> Result<DataFrame> {
    let plan = ctx.state().create_logical_plan(sql).await?;
    if let Some(kind) = write_kind(&plan) {
        return Err(Error::Usage(format!(
            "{kind} is refused: SQL here is read-only and runs only queries ({QUERY_KINDS}), so \
             that it cannot change the store or write files; to save a result, use --output FILE \
             with --format csv, tsv, jsonl, json or parquet"
        )));
    }
    SQLOptions::new()
        .with_allow_ddl(false)
        .with_allow_dml(false)
        .with_allow_statements(false)
        .verify_plan(&plan)
        .map_err(|e| Error::Usage(format!("SQL here is read-only ({QUERY_KINDS}): {e}")))?;
    let explain = matches!(plan, LogicalPlan::Explain(_) | LogicalPlan::Analyze(_));
    let mut df = ctx.execute_logical_plan(plan).await?;
    if let (Some(limit), false) = (limit, explain) {
        df = df.limit(0, Some(limit.saturating_add(1)))?;
    }
    Ok(df)
}

/// The kind of the first statement in `plan` (or any plan below it) that is not a query.
fn write_kind(plan: &LogicalPlan) -> Option<String> {
    use datafusion::common::tree_node::TreeNodeRecursion;
    let mut found = None;
    let _ = plan.apply_with_subqueries(|p| {
        let kind = match p {
            LogicalPlan::Ddl(d) => Some(match d {
                DdlStatement::CreateExternalTable(_) => "CREATE EXTERNAL TABLE".to_string(),
                DdlStatement::CreateMemoryTable(_) => "CREATE TABLE".into(),
                DdlStatement::CreateView(_) => "CREATE VIEW".into(),
                DdlStatement::CreateCatalogSchema(_) => "CREATE SCHEMA".into(),
                DdlStatement::CreateCatalog(_) => "CREATE DATABASE".into(),
                DdlStatement::CreateIndex(_) => "CREATE INDEX".into(),
                DdlStatement::DropTable(_) => "DROP TABLE".into(),
                DdlStatement::DropView(_) => "DROP VIEW".into(),
                DdlStatement::DropCatalogSchema(_) => "DROP SCHEMA".into(),
                DdlStatement::CreateFunction(_) => "CREATE FUNCTION".into(),
                DdlStatement::DropFunction(_) => "DROP FUNCTION".into(),
            }),
            LogicalPlan::Dml(d) => Some(match &d.op {
                WriteOp::Insert(_) => "INSERT".to_string(),
                WriteOp::Delete => "DELETE".into(),
                WriteOp::Update => "UPDATE".into(),
                WriteOp::Ctas => "CREATE TABLE … AS".into(),
                WriteOp::Truncate => "TRUNCATE".into(),
                other => other.name().to_ascii_uppercase(),
            }),
            LogicalPlan::Copy(_) => Some("COPY … TO".to_string()),
            LogicalPlan::Statement(s) => Some(match s {
                Statement::TransactionStart(_) => "BEGIN TRANSACTION".to_string(),
                Statement::TransactionEnd(_) => "COMMIT/ROLLBACK".into(),
                Statement::SetVariable(_) => "SET".into(),
                Statement::ResetVariable(_) => "RESET".into(),
                Statement::Prepare(_) => "PREPARE".into(),
                Statement::Execute(_) => "EXECUTE".into(),
                Statement::Deallocate(_) => "DEALLOCATE".into(),
            }),
            _ => None,
        };
        Ok(match kind {
            Some(k) => {
                found = Some(k);
                TreeNodeRecursion::Stop
            }
            None => TreeNodeRecursion::Continue,
        })
    });
    found
}

/// Whether a query failed because a Parquet file it was planned with is gone. DataFusion
/// passes the object store's "not found" on as text inside nested errors, so the text decides.
fn is_missing_file(e: &Error) -> bool {
    matches!(e, Error::Query(_)) && {
        let t = e.to_string();
        t.contains("not found") && t.contains(".parquet")
    }
}

/// The filter of the dyad shortcut (`entente events --dyad RUS,IRN`).
#[derive(Debug, Clone, Default)]
pub struct DyadQuery {
    /// The two countries (ISO3); events in either direction match.
    pub dyad: (String, String),
    /// First day, inclusive.
    pub from: Option<entente_core::Date>,
    /// Last day, inclusive.
    pub to: Option<entente_core::Date>,
    /// CAMEO roots to keep, e.g. `06`; empty keeps all.
    pub roots: Vec<String>,
    /// Quad classes to keep (1–4); empty keeps all.
    pub quads: Vec<u8>,
}

impl DyadQuery {
    /// Parses `RUS,IRN`.
    pub fn parse_dyad(s: &str) -> Result<(String, String)> {
        let parts: Vec<&str> = s.split(',').map(str::trim).collect();
        match parts.as_slice() {
            [a, b] if is_iso3(a) && is_iso3(b) => {
                // The store's country columns hold ISO codes: a CAMEO code (ROM), a region (EUR)
                // or an unknown code would match nothing, silently.
                if let Some(why) = [a, b].iter().find_map(|c| entente_core::country::explain_non_iso(c)) {
                    return Err(Error::Usage(format!("--dyad {s:?}: {why}")));
                }
                Ok((a.to_string(), b.to_string()))
            }
            _ => Err(Error::Usage(format!(
                "--dyad {s:?}: expected two ISO3 country codes separated by a comma, e.g. RUS,IRN"
            ))),
        }
    }

    /// The SQL for this filter, over `events`, newest first. Inputs are validated, so the
    /// text is safe to run.
    pub fn to_sql(&self) -> Result<String> {
        let (a, b) = &self.dyad;
        if !is_iso3(a) || !is_iso3(b) {
            return Err(Error::Usage(format!("--dyad {a},{b}: expected ISO3 codes")));
        }
        let mut w = vec![format!(
            "((source_country = '{a}' AND target_country = '{b}') OR \
             (source_country = '{b}' AND target_country = '{a}'))"
        )];
        if let Some(d) = self.from {
            w.push(format!("date >= DATE '{d}'"));
        }
        if let Some(d) = self.to {
            w.push(format!("date <= DATE '{d}'"));
        }
        if !self.roots.is_empty() {
            for r in &self.roots {
                if r.len() != 2 || !r.bytes().all(|c| c.is_ascii_digit()) {
                    return Err(Error::Usage(format!(
                        "--root {r:?}: expected two digits, e.g. 06"
                    )));
                }
            }
            let list: Vec<String> = self.roots.iter().map(|r| format!("'{r}'")).collect();
            w.push(format!("root IN ({})", list.join(", ")));
        }
        if !self.quads.is_empty() {
            if let Some(q) = self.quads.iter().find(|q| !(1..=4).contains(*q)) {
                return Err(Error::Usage(format!("--quad {q}: expected 1 to 4")));
            }
            let list: Vec<String> = self.quads.iter().map(|q| q.to_string()).collect();
            w.push(format!("quad_class IN ({})", list.join(", ")));
        }
        Ok(format!(
            "SELECT date, dataset, source, source_country, target, target_country, code, \
             quad_class, goldstein, source_name, target_name, document, event_id \
             FROM events WHERE {} ORDER BY date DESC, event_id DESC",
            w.join(" AND ")
        ))
    }
}

fn is_iso3(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dyad_of_non_iso_codes_says_what_to_use() {
        assert_eq!(DyadQuery::parse_dyad("RUS, IRN").unwrap(), ("RUS".into(), "IRN".into()));
        assert_eq!(DyadQuery::parse_dyad("XKX,SRB").unwrap(), ("XKX".into(), "SRB".into()));
        let e = DyadQuery::parse_dyad("ROM,RUS").unwrap_err().to_string();
        assert!(e.contains("use ROU"), "{e}");
        let e = DyadQuery::parse_dyad("RUS,EUR").unwrap_err().to_string();
        assert!(e.contains("EUR is a CAMEO region"), "{e}");
        let e = DyadQuery::parse_dyad("RUS,QQQ").unwrap_err().to_string();
        assert!(e.contains("QQQ is not an ISO 3166-1 alpha-3 country code"), "{e}");
        assert!(DyadQuery::parse_dyad("rus,IRN").is_err());
    }

    fn store_with_one_event(dir: &std::path::Path) -> Store {
        let mut store = Store::open(dir).unwrap();
        let e = entente_core::Event::new(
            "doc-1",
            0,
            "2019-03-01".parse().unwrap(),
            "RUSGOV",
            "IRNGOV",
            "0841",
            "Russia released the Iranian sailors.",
            Default::default(),
        )
        .unwrap();
        store.ingest_events("test", [e]).unwrap();
        Store::open(dir).unwrap()
    }

    /// Every statement that could change the store, a table, a setting or a file is refused
    /// with its kind named, and nothing happens: the manifest and a file outside the store keep
    /// their bytes, no file is created.
    #[test]
    fn sql_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("store");
        let store = store_with_one_event(&root);
        let manifest = root.join("manifest.json");
        let before = std::fs::read(&manifest).unwrap();
        let outside = dir.path().join("outside.json");
        std::fs::write(&outside, "keep me\n").unwrap();
        let created = dir.path().join("created");
        let (m, o, c) = (manifest.display(), outside.display(), created.display());
        let refused = [
            (format!("COPY (SELECT 'x' AS a) TO '{m}' STORED AS JSON"), "COPY … TO"),
            (format!("COPY (SELECT 'x' AS a) TO '{o}' STORED AS JSON"), "COPY … TO"),
            (format!("COPY events_raw TO '{c}.parquet'"), "COPY … TO"),
            ("CREATE TABLE t (a INT)".into(), "CREATE TABLE"),
            ("CREATE TABLE t AS SELECT 1 AS a".into(), "CREATE TABLE"),
            ("CREATE EXTERNAL TABLE p (a VARCHAR) STORED AS CSV LOCATION '/etc/passwd'".into(), "CREATE EXTERNAL TABLE"),
            (format!("CREATE EXTERNAL TABLE q STORED AS PARQUET LOCATION '{c}/'"), "CREATE EXTERNAL TABLE"),
            ("CREATE VIEW v AS SELECT 1 AS a".into(), "CREATE VIEW"),
            ("CREATE OR REPLACE VIEW events AS SELECT 1 AS a".into(), "CREATE VIEW"),
            ("INSERT INTO events_raw SELECT * FROM events_raw".into(), "INSERT"),
            ("DROP TABLE events_raw".into(), "DROP TABLE"),
            ("DROP VIEW events".into(), "DROP VIEW"),
            ("SET datafusion.execution.batch_size = 1".into(), "SET"),
            ("CREATE SCHEMA s".into(), "CREATE SCHEMA"),
            ("PREPARE p AS SELECT 1".into(), "PREPARE"),
            (format!("EXPLAIN ANALYZE COPY (SELECT 1 AS a) TO '{o}' STORED AS JSON"), "COPY … TO"),
            (format!("EXPLAIN COPY (SELECT 1 AS a) TO '{o}' STORED AS JSON"), "COPY … TO"),
        ];
        for (sql, kind) in &refused {
            let e = store.sql(sql, &QueryOptions::default()).expect_err(sql).to_string();
            assert!(e.contains(kind) && e.contains("read-only"), "{sql}: {e}");
        }
        assert_eq!(std::fs::read(&manifest).unwrap(), before, "the manifest changed");
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me\n");
        assert!(!created.exists() && !dir.path().join("created.parquet").exists());
        // The session's own views are untouched: the store still answers.
        let store = Store::open(&root).unwrap();
        assert_eq!(store.sql("SELECT * FROM events", &QueryOptions::default()).unwrap().num_rows(), 1);
        for (sql, kind) in [("DELETE FROM events_raw", "DELETE"), ("UPDATE events_raw SET code = '010'", "UPDATE")] {
            let e = store.sql(sql, &QueryOptions::default()).unwrap_err().to_string();
            assert!(e.contains(kind) && e.contains("read-only"), "{sql}: {e}");
        }
    }

    /// Queries of every read-only kind run.
    #[test]
    fn queries_of_every_kind_run() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with_one_event(dir.path());
        let opts = QueryOptions::default();
        for sql in [
            "SELECT count(*) FROM events",
            "WITH x AS (SELECT source FROM events) SELECT * FROM x",
            "EXPLAIN SELECT count(*) FROM events",
            "EXPLAIN ANALYZE SELECT count(*) FROM events",
            "SHOW TABLES",
            "SHOW COLUMNS FROM events",
            "DESCRIBE events",
            "VALUES (1, 'a'), (2, 'b')",
            "SELECT * FROM (VALUES (1), (2)) AS t(a) WHERE a IN (SELECT quad_class FROM events)",
        ] {
            let r = store.sql(sql, &opts).unwrap_or_else(|e| panic!("{sql}: {e}"));
            assert!(r.num_rows() > 0, "{sql}: no rows");
        }
    }
}
