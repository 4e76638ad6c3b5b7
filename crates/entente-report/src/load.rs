//! From the event store to a guide's input (`entente guide`, `entente serve`, the Python
//! package): the bounded queries that fill a [`DyadInput`] for two countries, and the checks of
//! a request that come first. Behind the `store` feature, so that rendering a guide does not
//! need DataFusion.
//!
//! Two bounded queries do the heavy lifting in the store — the pair's events; and, in one scan
//! grouped two ways, each side's event volume per day and its events with every other country
//! by quad class — and the rest is `entente-analytics` (the numbers) and this crate (the prose
//! and charts).

use entente_analytics::knowledge::PlaceFact;
use entente_analytics::{ConfidenceCut, Counterpart, DyadInput, EventRow, Granularity};
use entente_core::Date;
use entente_store::arrow::array::{Array, ArrayRef, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray};
use entente_store::arrow::compute::cast;
use entente_store::arrow::datatypes::DataType;
use entente_store::{Dedup, QueryOptions, QueryResult, Store};
use std::time::{Duration, Instant};

/// Why a guide's input could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A bad request: a malformed or unknown country code, a range backwards, an unknown
    /// dataset, too many events for one guide. The text is the CLI's message.
    #[error("{0}")]
    Usage(String),
    /// The store refused or failed a query (bad store, timeout).
    #[error(transparent)]
    Store(#[from] entente_store::Error),
    /// A query failed on a remote runner (a Ballista cluster).
    #[error("{0}")]
    Remote(String),
    /// A query result could not be read as expected: a bug.
    #[error("reading a query result: {0}")]
    Arrow(#[from] entente_store::arrow::error::ArrowError),
    /// A query result lacks what the loader asked for: a bug.
    #[error("internal error (a bug in entente, please report it): {0}")]
    Internal(String),
}

/// Runs one query somewhere else than in this process (see [`load_on`]).
pub type Runner<'a> = dyn Fn(&str, &QueryOptions) -> Result<QueryResult, LoadError> + 'a;

macro_rules! bail {
    ($($t:tt)*) => {
        return Err(LoadError::Usage(format!($($t)*)))
    };
}

/// Most events of one pair a guide reads; more asks for a narrower range.
const MAX_EVENTS: usize = 2_000_000;
/// Most rows of the aggregate query: (side, day) volumes and (side, country, quad) counts.
const MAX_AGGREGATE_ROWS: usize = 200_000;
/// Events coded by entente with a confidence below this are left out of a guide (`--min-confidence`
/// overrides it; GDELT and ICEWS rows, which have no confidence, are all kept). 0.3 is where F1 at
/// country pair and CAMEO root peaks on the real-news dev split (dev precision 0.591 against 0.532
/// for all events, recall 0.385 against 0.392: README, Accuracy); the guide's methods section
/// states the threshold and how many events it left out.
pub const GUIDE_MIN_CONFIDENCE: f64 = 0.3;

/// What to build a guide from: validated before any work starts.
#[derive(Debug, Clone)]
pub struct GuideRequest {
    /// The first country, ISO3.
    pub a: String,
    /// The second country, ISO3.
    pub b: String,
    /// First day, inclusive.
    pub from: Option<Date>,
    /// Last day, inclusive.
    pub to: Option<Date>,
    /// Only these datasets (gdelt, icews, entente); empty: all.
    pub datasets: Vec<String>,
    /// How repeated reports count.
    pub dedup: Dedup,
    /// The dedup policy as asked for (`raw`, `daily`, `root`), for the guide's methods.
    pub dedup_name: String,
    /// Period of the series.
    pub granularity: Granularity,
    /// Each store query is cancelled after this long.
    pub timeout: Duration,
    /// Events coded by entente with a confidence below this are left out (0: none are).
    pub min_confidence: f64,
}

/// The datasets of the `events` table, the values `--dataset` takes.
const DATASETS: [&str; 3] = ["gdelt", "icews", "entente"];

/// Why a country code of a guide request is refused: it is neither an ISO 3166-1 alpha-3 code
/// nor one that any event in the store carries (GDELT's CAMEO codes include a few that are not
/// ISO's, so the store has the last word). `None` when both codes are fine. Codes are checked
/// for their shape first ([`iso3`]), so they are safe in SQL.
pub fn unknown_country(store: &Store, r: &GuideRequest) -> Result<Option<String>, LoadError> {
    for code in [&r.a, &r.b] {
        if crate::is_country_code(code) {
            continue;
        }
        let sql = format!("SELECT 1 AS x FROM events_raw WHERE source_country = '{code}' OR target_country = '{code}' LIMIT 1");
        let opts = QueryOptions { limit: Some(1), timeout: r.timeout, dedup: Dedup::Raw };
        if store.sql(&sql, &opts)?.num_rows() == 0 {
            return Ok(Some(unknown_country_message(code)));
        }
    }
    Ok(None)
}

/// "XXX is not a country code …", with the codes one letter away and then every valid one.
fn unknown_country_message(code: &str) -> String {
    let near: Vec<String> = crate::country_codes()
        .filter(|c| c.bytes().zip(code.bytes()).filter(|(x, y)| x != y).count() == 1)
        .map(|c| format!("{c} ({})", crate::country_name(c)))
        .collect();
    let mut m = format!("{code} is not a country code: not in ISO 3166-1 alpha-3, and no event in the store has it");
    if !near.is_empty() {
        m += &format!("; did you mean {}?", near.join(", "));
    }
    m += "\nthe valid codes (ISO 3166-1 alpha-3, and any other code the store's events carry):";
    let codes: Vec<&str> = crate::country_codes().collect();
    for line in codes.chunks(25) {
        m += "\n  ";
        m += &line.join(" ");
    }
    m
}

/// `s` if it has the shape of an ISO3 code (three upper-case letters) and is not a CAMEO code
/// that differs from ISO's (ROM: use ROU), with the CLI's messages otherwise.
pub fn iso3(s: &str) -> Result<String, LoadError> {
    if !(s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())) {
        bail!("{s:?} is not an ISO3 country code: expected three upper-case letters, e.g. RUS or IRN")
    }
    // The store holds ISO codes: a CAMEO code (ROM), a region (EUR) or an unknown code would
    // give an empty guide.
    // (Other unknown codes are refused once the store is open, with the codes one letter away.)
    if let Some(why) = entente_core::country::explain_non_iso(s).filter(|w| w.contains("CAMEO")) {
        bail!("{why}")
    }
    Ok(s.to_string())
}

impl GuideRequest {
    /// A request checked as `entente guide` checks its arguments: two different ISO3 codes of
    /// the right shape, `from` not after `to`, known datasets, dedup policy and granularity.
    /// The messages are the CLI's. Codes unknown to ISO and to the store are refused later, by
    /// [`unknown_country`], once the store is open.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        a: &str,
        b: &str,
        from: Option<Date>,
        to: Option<Date>,
        datasets: &[String],
        dedup: &str,
        granularity: &str,
        min_confidence: f64,
        timeout: Duration,
    ) -> Result<GuideRequest, LoadError> {
        let (a, b) = (iso3(a)?, iso3(b)?);
        if a == b {
            bail!("a guide needs two different countries, got {a} twice");
        }
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                bail!("--from {f} is after --to {t}");
            }
        }
        for d in datasets {
            if !DATASETS.contains(&d.as_str()) {
                bail!("--dataset {d:?}: unknown dataset; the valid ones are {}", DATASETS.join(", "));
            }
        }
        if !(0.0..=1.0).contains(&min_confidence) {
            bail!("expected a number from 0 to 1, e.g. {GUIDE_MIN_CONFIDENCE}, not {min_confidence:?}");
        }
        Ok(GuideRequest {
            a,
            b,
            from,
            to,
            datasets: datasets.to_vec(),
            dedup: dedup.parse()?,
            dedup_name: dedup.to_string(),
            granularity: granularity.parse().map_err(|e: entente_analytics::Error| LoadError::Usage(e.to_string()))?,
            timeout: timeout.max(Duration::from_secs(1)),
            min_confidence,
        })
    }

    /// The WHERE conditions every query shares: dates, datasets and (when `cut`) the confidence
    /// threshold, which keeps every row without a confidence (GDELT, ICEWS).
    fn common(&self, cut: bool) -> Vec<String> {
        let mut w = vec![];
        if let Some(d) = self.from {
            w.push(format!("date >= DATE '{d}'"));
        }
        if let Some(d) = self.to {
            w.push(format!("date <= DATE '{d}'"));
        }
        if !self.datasets.is_empty() {
            let list: Vec<String> = self.datasets.iter().map(|d| format!("'{d}'")).collect();
            w.push(format!("dataset IN ({})", list.join(", ")));
        }
        if cut && self.min_confidence > 0.0 {
            w.push(format!("(confidence IS NULL OR confidence >= {:?})", self.min_confidence));
        }
        w
    }

    /// `events_raw` filtered by `cond` and the shared conditions, with the dedup policy
    /// applied *after* the filter (so the window of the daily policy runs over the pair's rows,
    /// not the whole store).
    fn scope(&self, cond: &str) -> String {
        self.scope_with(cond, true)
    }

    /// [`GuideRequest::scope`], with the confidence threshold applied or not.
    fn scope_with(&self, cond: &str, cut: bool) -> String {
        let mut w = self.common(cut);
        w.push(format!("({cond})"));
        let w = w.join(" AND ");
        match self.dedup {
            Dedup::Raw => format!("(SELECT * FROM events_raw WHERE {w})"),
            Dedup::Daily => format!(
                "(SELECT * EXCEPT (dedup_rank) FROM (SELECT *, row_number() OVER (PARTITION BY dataset, date, \
                 source, target, code ORDER BY event_id) AS dedup_rank FROM events_raw WHERE {w}) WHERE dedup_rank = 1)"
            ),
            Dedup::Root => format!(
                "(SELECT * FROM events_raw WHERE {w} AND (dataset <> 'gdelt' OR root_event IS NULL OR root_event))"
            ),
        }
    }
}

fn col(b: &RecordBatch, name: &str, to: &DataType) -> Result<ArrayRef, LoadError> {
    let c = b.column_by_name(name).ok_or_else(|| LoadError::Internal(format!("query result has no column {name}")))?;
    Ok(cast(c, to)?)
}

fn strings(b: &RecordBatch, name: &str) -> Result<StringArray, LoadError> {
    let c = col(b, name, &DataType::Utf8)?;
    Ok(c.as_any().downcast_ref::<StringArray>().ok_or_else(|| LoadError::Internal("utf8 column".into()))?.clone())
}
fn ints(b: &RecordBatch, name: &str) -> Result<Int64Array, LoadError> {
    let c = col(b, name, &DataType::Int64)?;
    Ok(c.as_any().downcast_ref::<Int64Array>().ok_or_else(|| LoadError::Internal("int64 column".into()))?.clone())
}
fn floats(b: &RecordBatch, name: &str) -> Result<Float64Array, LoadError> {
    let c = col(b, name, &DataType::Float64)?;
    Ok(c.as_any().downcast_ref::<Float64Array>().ok_or_else(|| LoadError::Internal("float64 column".into()))?.clone())
}
fn dates(b: &RecordBatch, name: &str) -> Result<Date32Array, LoadError> {
    let c = col(b, name, &DataType::Date32)?;
    Ok(c.as_any().downcast_ref::<Date32Array>().ok_or_else(|| LoadError::Internal("date column".into()))?.clone())
}
fn opt_str(a: &StringArray, i: usize) -> Option<String> {
    (!a.is_null(i)).then(|| a.value(i).to_string())
}
fn opt_u32(a: &Int64Array, i: usize) -> Option<u32> {
    (!a.is_null(i)).then(|| u32::try_from(a.value(i).max(0)).unwrap_or(u32::MAX))
}

/// Timings of the two queries, for the summary line.
pub struct Timings {
    /// The pair's events.
    pub events: Duration,
    /// Volumes, third parties, places and the extract tables.
    pub aggregates: Duration,
}

/// Runs the two bounded queries on this machine and fills a [`DyadInput`].
pub fn load(store: &Store, r: &GuideRequest) -> Result<(DyadInput, Timings), LoadError> {
    load_on(store, r, None)
}

/// Runs the queries through `remote` when given (e.g. on a Ballista cluster: same SQL, same
/// store directory shared with the executors), and fills a [`DyadInput`]. The extract tables
/// are read locally only (see below), so a remote guide has no facts, themes or quotes.
pub fn load_on(store: &Store, r: &GuideRequest, remote: Option<&Runner<'_>>) -> Result<(DyadInput, Timings), LoadError> {
    let run = |sql: &str, opts: &QueryOptions| match remote {
        Some(run) => run(sql, opts),
        None => Ok(store.sql(sql, opts)?),
    };
    let (a, b) = (&r.a, &r.b);
    let opts = |limit| QueryOptions { limit: Some(limit), timeout: r.timeout, dedup: Dedup::Raw };
    let mut input = DyadInput {
        a: a.clone(),
        b: b.clone(),
        from: r.from,
        to: r.to,
        granularity: r.granularity,
        dedup: r.dedup_name.clone(),
        provenance: vec![format!("store {}", store.root().display())],
        ..Default::default()
    };

    let t = Instant::now();
    let pair_cond = format!(
        "(source_country = '{a}' AND target_country = '{b}') OR (source_country = '{b}' AND target_country = '{a}')"
    );
    if r.min_confidence > 0.0 {
        input.confidence_cut = Some(confidence_cut(r, &pair_cond, |sql| run(sql, &opts(1)))?);
    }
    let pair = r.scope(&pair_cond);
    let sql = format!(
        "SELECT date, dataset, source, source_name, source_country, target, target_name, target_country, code, root, \
         quad_class, goldstein, mentions, sources, articles, text, document FROM {pair} AS p ORDER BY date, event_id"
    );
    let res = run(&sql, &opts(MAX_EVENTS))?;
    if res.truncated {
        bail!(
            "{a}–{b} has more than {MAX_EVENTS} events in the range asked for: narrow it with --from/--to, \
             or choose datasets with --dataset"
        );
    }
    for batch in &res.batches {
        let (date, dataset, code, root) =
            (dates(batch, "date")?, strings(batch, "dataset")?, strings(batch, "code")?, strings(batch, "root")?);
        let (src, src_name, src_c) =
            (strings(batch, "source")?, strings(batch, "source_name")?, strings(batch, "source_country")?);
        let (tgt, tgt_name, tgt_c) =
            (strings(batch, "target")?, strings(batch, "target_name")?, strings(batch, "target_country")?);
        let (quad, gold) = (ints(batch, "quad_class")?, floats(batch, "goldstein")?);
        let (mentions, sources, articles) = (ints(batch, "mentions")?, ints(batch, "sources")?, ints(batch, "articles")?);
        let (text, doc) = (strings(batch, "text")?, strings(batch, "document")?);
        for i in 0..batch.num_rows() {
            let code_s = code.value(i).to_string();
            let quad_class = if quad.is_null(i) {
                entente_core::cameo::quad_class(&code_s).unwrap_or(0)
            } else {
                u8::try_from(quad.value(i)).unwrap_or(0)
            };
            let goldstein = if gold.is_null(i) {
                entente_core::cameo::lookup(&code_s).map(|c| f64::from(c.goldstein)).unwrap_or(0.0)
            } else {
                gold.value(i)
            };
            input.events.push(EventRow {
                date: Date::from_days(date.value(i)),
                dataset: dataset.value(i).to_string(),
                source: opt_str(&src, i),
                source_name: opt_str(&src_name, i),
                source_country: src_c.value(i).to_string(),
                target: opt_str(&tgt, i),
                target_name: opt_str(&tgt_name, i),
                target_country: tgt_c.value(i).to_string(),
                root: root.value(i).to_string(),
                code: code_s,
                quad_class,
                goldstein,
                mentions: opt_u32(&mentions, i),
                sources: opt_u32(&sources, i),
                articles: opt_u32(&articles, i),
                text: opt_str(&text, i),
                document: opt_str(&doc, i),
            });
        }
    }
    let events = t.elapsed();

    // One scan for the rest, grouped three ways at once: each side's volume per day as source
    // (`s_side`) and as target of another country's act (`t_side`: a domestic event counts
    // once), and the pair counts by quad class of every event involving A or B, from which each
    // side's events with every other country follow (the pair and NULLs are dropped by the
    // analysis). The CASEs keep the day sets to three rows a day whatever the number of
    // countries, so the result stays small for any range.
    let t = Instant::now();
    let side = r.scope(&format!("source_country IN ('{a}', '{b}') OR target_country IN ('{a}', '{b}')"));
    let sql = format!(
        "SELECT s_side, t_side, date, source_country, target_country, quad_class, \
           grouping(s_side) AS no_s, grouping(t_side) AS no_t, count(*) AS n, sum(goldstein) AS g \
         FROM (SELECT \
             CASE WHEN source_country IN ('{a}', '{b}') THEN source_country END AS s_side, \
             CASE WHEN target_country IN ('{a}', '{b}') AND source_country IS DISTINCT FROM target_country \
               THEN target_country END AS t_side, \
             date, source_country, target_country, quad_class, goldstein FROM {side} AS s) AS u \
         GROUP BY GROUPING SETS ((s_side, date), (t_side, date), (source_country, target_country, quad_class))"
    );
    // Three rows a day (a century fits), plus (pair, quad class) rows: ≤ 4 × 250 countries × 4.
    let res = run(&sql, &opts(MAX_AGGREGATE_ROWS))?;
    if res.truncated {
        bail!("more than {MAX_AGGREGATE_ROWS} volume and third-party rows: narrow the range with --from/--to");
    }
    let ours = |c: &str| c == a.as_str() || c == b.as_str();
    for batch in &res.batches {
        let (s_side, t_side, date) = (strings(batch, "s_side")?, strings(batch, "t_side")?, dates(batch, "date")?);
        let (src, tgt) = (strings(batch, "source_country")?, strings(batch, "target_country")?);
        let (quad, no_s, no_t) = (ints(batch, "quad_class")?, ints(batch, "no_s")?, ints(batch, "no_t")?);
        let (n, g) = (ints(batch, "n")?, floats(batch, "g")?);
        for i in 0..batch.num_rows() {
            let events = n.value(i).max(0) as u64;
            let day = || Date::from_days(date.value(i));
            if no_s.value(i) == 0 {
                if !s_side.is_null(i) {
                    input.add_volume(s_side.value(i), day(), events);
                }
            } else if no_t.value(i) == 0 {
                if !t_side.is_null(i) {
                    input.add_volume(t_side.value(i), day(), events);
                }
            } else if !src.is_null(i) && !tgt.is_null(i) && !quad.is_null(i) {
                let (s, o) = (src.value(i), tgt.value(i));
                let quad_class = u8::try_from(quad.value(i)).unwrap_or(0);
                let goldstein_sum = if g.is_null(i) { 0.0 } else { g.value(i) };
                // As in the volumes: an event counts for its source, and for its target when
                // the source is another country.
                let sides = [(ours(s), s, o), (ours(o) && s != o, o, s)];
                for (_, side, other) in sides.into_iter().filter(|x| x.0) {
                    input.counterparts.push(Counterpart {
                        side: side.to_string(),
                        country: other.to_string(),
                        quad_class,
                        events,
                        goldstein_sum,
                    });
                }
            }
        }
    }
    input.knowledge.places = places(&pair, |sql| run(sql, &opts(MAX_PLACES)))?;
    // The extract tables are read locally only: a store without them registers empty in-memory
    // tables, which a Ballista cluster cannot ship to its executors (a known limit).
    if remote.is_none() {
        knowledge(&pair, &mut input.knowledge, |sql| run(sql, &opts(MAX_EXTRACT_ROWS)))?;
    }
    let aggregates = t.elapsed();
    Ok((input, Timings { events, aggregates }))
}

/// Rows read per extract table (amounts, themes, things, quotes) for one guide.
const MAX_EXTRACT_ROWS: usize = 20_000;

/// What the pair's documents say beside their events (the extract tables of the documents that
/// hold at least one of the pair's events in the range asked for), each row with its sentence
/// when the sentence gave an event (`events.text`).
fn knowledge(
    pair: &str,
    k: &mut entente_analytics::knowledge::Knowledge,
    run: impl Fn(&str) -> Result<QueryResult, LoadError>,
) -> Result<(), LoadError> {
    use entente_analytics::knowledge::{AmountFact, Cite, QuoteFact, ThemeFact, ThingFact};
    // A figure's sentence may have given no event: amounts carry their own sentence's text.
    // Rows of one sentence are ordered by their own columns too, so that the same store gives
    // the same guide every time (the scan's order of ties is not fixed).
    let from = |table: &str, cols: &str| {
        let text = if table == "amounts" { "COALESCE(s.text, x.sentence_text) AS text" } else { "s.text" };
        format!(
            "SELECT x.date, x.document, x.sentence, {text}, {cols} FROM {table} AS x \
             JOIN (SELECT DISTINCT dataset, document FROM {pair} AS p WHERE document IS NOT NULL) AS d \
               ON x.dataset = d.dataset AND x.document = d.document \
             LEFT JOIN (SELECT dataset, document, sentence, max(text) AS text FROM events_raw \
                        WHERE document IS NOT NULL GROUP BY dataset, document, sentence) AS s \
               ON x.dataset = s.dataset AND x.document = s.document AND x.sentence = s.sentence \
             ORDER BY x.date, x.document, x.sentence, {cols} LIMIT {MAX_EXTRACT_ROWS}"
        )
    };
    let cite = |b: &RecordBatch, i: usize| -> Result<Cite, LoadError> {
        let (date, doc, sentence, text) = (dates(b, "date")?, strings(b, "document")?, ints(b, "sentence")?, strings(b, "text")?);
        Ok(Cite {
            date: Date::from_days(date.value(i)),
            doc_id: doc.value(i).to_string(),
            sentence: u32::try_from(sentence.value(i).max(0)).unwrap_or(0),
            text: opt_str(&text, i),
        })
    };
    for b in &run(&from("amounts", "x.surface, x.value, x.unit, x.kind"))?.batches {
        let (surface, value, unit, kind) = (strings(b, "surface")?, floats(b, "value")?, strings(b, "unit")?, strings(b, "kind")?);
        for i in 0..b.num_rows() {
            k.amounts.push(AmountFact {
                cite: cite(b, i)?,
                surface: surface.value(i).to_string(),
                value: value.value(i),
                unit: unit.value(i).to_string(),
                kind: kind.value(i).to_string(),
            });
        }
    }
    for b in &run(&from("themes", "x.theme, x.domain"))?.batches {
        let (theme, domain) = (strings(b, "theme")?, strings(b, "domain")?);
        for i in 0..b.num_rows() {
            k.themes.push(ThemeFact { cite: cite(b, i)?, theme: theme.value(i).to_string(), domain: domain.value(i).to_string() });
        }
    }
    for b in &run(&from("things", "x.name, x.category"))?.batches {
        let (name, category) = (strings(b, "name")?, strings(b, "category")?);
        for i in 0..b.num_rows() {
            k.things.push(ThingFact { cite: cite(b, i)?, name: name.value(i).to_string(), category: category.value(i).to_string() });
        }
    }
    for b in &run(&from("quotes", "x.speaker, x.speaker_code, x.quote"))?.batches {
        let (speaker, code, quote) = (strings(b, "speaker")?, strings(b, "speaker_code")?, strings(b, "quote")?);
        for i in 0..b.num_rows() {
            k.quotes.push(QuoteFact {
                cite: cite(b, i)?,
                speaker: opt_str(&speaker, i).unwrap_or_default(),
                speaker_code: opt_str(&code, i),
                quote: quote.value(i).to_string(),
            });
        }
    }
    Ok(())
}

/// Places listed on the guide's map, most events first.
const MAX_PLACES: usize = 500;

/// Where the pair's events happened (`pair`: the pair's scoped rows): one row per place and
/// dataset with coordinates, rounded to a hundredth of a degree, most events first.
fn places(pair: &str, run: impl Fn(&str) -> Result<QueryResult, LoadError>) -> Result<Vec<PlaceFact>, LoadError> {
    let sql = format!(
        "SELECT coalesce(place, place_country, '') AS place, place_country, round(lat, 2) AS lat, round(lon, 2) AS lon, \
           dataset, count(*) AS n \
         FROM {pair} AS p WHERE lat IS NOT NULL AND lon IS NOT NULL AND lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180 \
         GROUP BY 1, 2, 3, 4, 5 ORDER BY n DESC, place LIMIT {MAX_PLACES}"
    );
    let res = run(&sql)?;
    let mut out = Vec::new();
    for batch in &res.batches {
        let (name, country, ds) = (strings(batch, "place")?, strings(batch, "place_country")?, strings(batch, "dataset")?);
        let (lat, lon, n) = (floats(batch, "lat")?, floats(batch, "lon")?, ints(batch, "n")?);
        for i in 0..batch.num_rows() {
            out.push(PlaceFact {
                name: name.value(i).to_string(),
                country: opt_str(&country, i).filter(|c| !c.is_empty()),
                lat: lat.value(i),
                lon: lon.value(i),
                dataset: ds.value(i).to_string(),
                events: n.value(i).max(0) as u64,
            });
        }
    }
    Ok(out)
}

/// How many of the pair's events coded by entente (in the range, datasets and dedup asked for)
/// fall below the confidence threshold, for the methods.
fn confidence_cut(
    r: &GuideRequest,
    pair_cond: &str,
    run: impl Fn(&str) -> Result<QueryResult, LoadError>,
) -> Result<ConfidenceCut, LoadError> {
    let scope = r.scope_with(&format!("({pair_cond}) AND dataset = 'entente'"), false);
    let sql = format!(
        "SELECT count(*) AS coded, count(CASE WHEN confidence < {:?} THEN 1 END) AS left_out FROM {scope} AS c",
        r.min_confidence
    );
    let res = run(&sql)?;
    let (mut coded, mut left_out) = (0, 0);
    for batch in &res.batches {
        let (c, l) = (ints(batch, "coded")?, ints(batch, "left_out")?);
        for i in 0..batch.num_rows() {
            coded += c.value(i).max(0) as u64;
            left_out += l.value(i).max(0) as u64;
        }
    }
    Ok(ConfidenceCut { min: r.min_confidence, coded, left_out })
}
