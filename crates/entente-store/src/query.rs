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
use datafusion::prelude::{SessionConfig, SessionContext};
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

/// A Tokio runtime for running DataFusion from blocking code.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
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
        runtime()?.block_on(async {
            let work = async {
                let ctx = self.session(opts.dedup).await?;
                let mut df = ctx.sql(sql).await?;
                if let Some(limit) = opts.limit {
                    df = df.limit(0, Some(limit.saturating_add(1)))?;
                }
                let schema = Arc::new(df.schema().as_arrow().clone());
                let batches = df.collect().await?;
                Ok::<_, Error>((schema, batches))
            };
            let (schema, batches) = tokio::time::timeout(opts.timeout, work)
                .await
                .map_err(|_| Error::Timeout(opts.timeout))??;
            Ok(QueryResult::limited(schema, batches, opts.limit))
        })
    }
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
    use super::DyadQuery;

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
}
