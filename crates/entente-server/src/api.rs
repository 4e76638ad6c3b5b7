//! The routes and their handlers.

use crate::data::{DayCount, Direction, Filter};
use crate::json::Json;
use crate::params::{Params, DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET};
use crate::{Error, GuideError, GuideRequest, Result, State};
use axum::extract::{RawQuery, State as St};
use axum::http::{header, HeaderValue, Method, Request, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use entente_analytics::Granularity;
use entente_core::Date;
use entente_store::Dedup;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

type AppState = Arc<State>;

/// Periods a series may have (ten years of days).
pub const MAX_PERIODS: usize = 3700;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(dashboard))
        .route("/assets/dashboard.js", get(script))
        .route("/assets/dashboard.css", get(style))
        .route("/api/health", get(health))
        .route("/api/pairs", get(pairs))
        .route("/api/events", get(events))
        .route("/api/series", get(series))
        .route("/api/guide", get(guide))
        .route("/api/themes", get(themes))
        .route("/api/places", get(places))
        .route("/api/map.svg", get(map_svg))
        .route("/api/openapi.json", get(openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(headers))
        .with_state(state)
}

/// Security headers on every response; a handler may set a stricter policy of its own.
async fn headers(req: Request<axum::body::Body>, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ));
    h.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    res
}

async fn not_found(uri: Uri) -> Error {
    let path: String = uri.path().chars().take(80).collect();
    Error::NotFound(path)
}

async fn method_not_allowed(method: Method) -> Response {
    let body = serde_json::json!({ "error": format!("method {method} not allowed; use GET") });
    (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], Json(body)).into_response()
}

async fn dashboard(St(s): St<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"))],
        s.page.clone(),
    )
        .into_response()
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        crate::dashboard::SCRIPT,
    )
        .into_response()
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], crate::dashboard::STYLE).into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::dashboard::OPENAPI).into_response()
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
    store: crate::data::StoreState,
}

async fn health(St(s): St<AppState>, RawQuery(q): RawQuery) -> Result<Json<Health>> {
    Params::parse(q.as_deref(), &[])?;
    let store = s.data.state().await?;
    Ok(Json(Health { status: "ok", version: env!("CARGO_PKG_VERSION"), store }))
}

#[derive(Serialize)]
struct PairsOut {
    from: Option<Date>,
    to: Option<Date>,
    pairs: Vec<crate::data::Pair>,
}

async fn pairs(St(s): St<AppState>, RawQuery(q): RawQuery) -> Result<Json<PairsOut>> {
    let p = Params::parse(q.as_deref(), &["from", "to", "limit"])?;
    let period = p.period()?;
    let limit = p.number("limit", 1..=crate::data::PAIRS_CACHED, 100)?;
    let pairs = s.data.pairs(period, limit).await?;
    Ok(Json(PairsOut { from: period.from, to: period.to, pairs }))
}

const FILTER_PARAMS: [&str; 8] = ["a", "b", "from", "to", "root", "quad", "direction", "dedup"];

fn filter(p: &Params) -> Result<Filter> {
    Ok(Filter {
        a: p.country("a")?,
        b: p.country("b")?,
        period: p.period()?,
        roots: p.roots()?,
        quads: p.quads()?,
        direction: match p.choice("direction", &["both", "ab", "ba"])? {
            "ab" => Direction::AToB,
            "ba" => Direction::BToA,
            _ => Direction::Both,
        },
        dedup: match p.choice("dedup", &["raw", "daily", "root"])? {
            "daily" => Dedup::Daily,
            "root" => Dedup::Root,
            _ => Dedup::Raw,
        },
    })
}

#[derive(Serialize)]
struct EventsOut {
    a: String,
    b: String,
    from: Option<Date>,
    to: Option<Date>,
    limit: usize,
    offset: usize,
    /// `true` when there are more events after this page.
    more: bool,
    events: Vec<crate::data::EventOut>,
}

async fn events(St(s): St<AppState>, RawQuery(q): RawQuery) -> Result<Json<EventsOut>> {
    let names: Vec<&str> = FILTER_PARAMS.iter().copied().chain(["limit", "offset"]).collect();
    let p = Params::parse(q.as_deref(), &names)?;
    let f = filter(&p)?;
    let limit = p.number("limit", 1..=MAX_LIMIT, DEFAULT_LIMIT)?;
    let offset = p.number("offset", 0..=MAX_OFFSET, 0)?;
    let mut events = s.data.events(&f, limit, offset).await?;
    let more = events.len() > limit;
    events.truncate(limit);
    Ok(Json(EventsOut {
        a: f.a,
        b: f.b,
        from: f.period.from,
        to: f.period.to,
        limit,
        offset,
        more,
        events,
    }))
}

/// Counts of one direction (or both) in one period.
#[derive(Serialize, Default, Clone)]
struct Counts {
    events: u64,
    /// Events per quad class 1–4.
    quad: [u64; 4],
    goldstein_sum: f64,
    goldstein_mean: Option<f64>,
}

impl Counts {
    fn add(&mut self, d: &DayCount) {
        self.events += d.events;
        if (1..=4).contains(&d.quad) {
            self.quad[d.quad as usize - 1] += d.events;
        }
        self.goldstein_sum += d.goldstein;
    }
    fn finish(&mut self) {
        self.goldstein_mean = (self.events > 0).then(|| self.goldstein_sum / self.events as f64);
    }
}

#[derive(Serialize, Clone)]
struct SeriesPeriod {
    period: String,
    start: Date,
    #[serde(flatten)]
    both: Counts,
    a_to_b: Counts,
    b_to_a: Counts,
}

#[derive(Serialize)]
struct SeriesOut {
    a: String,
    b: String,
    from: Option<Date>,
    to: Option<Date>,
    granularity: &'static str,
    totals: Counts,
    periods: Vec<SeriesPeriod>,
}

async fn series(St(s): St<AppState>, RawQuery(q): RawQuery) -> Result<Json<SeriesOut>> {
    let names: Vec<&str> = FILTER_PARAMS.iter().copied().chain(["granularity"]).collect();
    let p = Params::parse(q.as_deref(), &names)?;
    let f = filter(&p)?;
    let name = p.choice("granularity", &["month", "week", "day"])?;
    let g: Granularity = name.parse().map_err(|e: entente_analytics::Error| Error::BadRequest(e.to_string()))?;
    // Refuse before querying when the asked-for period alone has too many steps.
    if let (Some(from), Some(to)) = (f.period.from, f.period.to) {
        let days = (to.to_days() - from.to_days()) as usize;
        let steps = days / match g {
            Granularity::Month => 28,
            Granularity::Week => 7,
            Granularity::Day => 1,
        };
        if steps > MAX_PERIODS {
            return Err(too_many_periods(name));
        }
    }
    let days = s.data.daily(&f).await?;
    let first = f.period.from.or(days.first().map(|d| d.date));
    let last = f.period.to.or(days.last().map(|d| d.date));
    let mut periods: BTreeMap<Date, SeriesPeriod> = BTreeMap::new();
    // Every period of the range is listed, with zeros where nothing happened, so a chart's
    // x axis is time and a quiet month shows as quiet.
    if let (Some(first), Some(last)) = (first, last) {
        let mut start = g.start_of(first);
        while start <= last {
            if periods.len() >= MAX_PERIODS {
                return Err(too_many_periods(name));
            }
            periods.insert(
                start,
                SeriesPeriod {
                    period: g.label(start),
                    start,
                    both: Counts::default(),
                    a_to_b: Counts::default(),
                    b_to_a: Counts::default(),
                },
            );
            start = g.next(start);
        }
    }
    let mut totals = Counts::default();
    for d in &days {
        let Some(p) = periods.get_mut(&g.start_of(d.date)) else { continue };
        p.both.add(d);
        if d.a_to_b { p.a_to_b.add(d) } else { p.b_to_a.add(d) }
        totals.add(d);
    }
    totals.finish();
    let periods = periods
        .into_values()
        .map(|mut p| {
            p.both.finish();
            p.a_to_b.finish();
            p.b_to_a.finish();
            p
        })
        .collect();
    Ok(Json(SeriesOut {
        a: f.a,
        b: f.b,
        from: f.period.from,
        to: f.period.to,
        granularity: name,
        totals,
        periods,
    }))
}

fn too_many_periods(g: &str) -> Error {
    Error::BadRequest(format!(
        "the period has more than {MAX_PERIODS} {g}s; choose a coarser granularity or a shorter period"
    ))
}

async fn guide(St(s): St<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    let p = Params::parse(q.as_deref(), &["a", "b", "from", "to", "format"])?;
    let req = GuideRequest {
        a: p.country("a")?,
        b: p.country("b")?,
        period: p.period()?,
        format: p.choice("format", &["html", "md", "json"])?.to_string(),
    };
    if req.a == req.b {
        return Err(Error::BadRequest(format!("a guide needs two different countries, got {} twice", req.a)));
    }
    // A guide's series is monthly; refuse before querying when the period alone has more
    // months than the analysis allows (as /api/series does for its granularity).
    if let (Some(f), Some(t)) = (req.period.from, req.period.to) {
        let months = (i64::from(t.year) - i64::from(f.year)) * 12 + i64::from(t.month) - i64::from(f.month) + 1;
        let most = entente_analytics::MAX_PERIODS;
        if months > most as i64 {
            return Err(Error::BadRequest(format!(
                "the period has {months} months, more than the {most} a guide covers (its series is monthly); \
                 choose a shorter period"
            )));
        }
    }
    let Some(render) = s.guide.clone() else {
        let body = serde_json::json!({ "error": "this server was started without guides" });
        return Ok((StatusCode::NOT_IMPLEMENTED, Json(body)).into_response());
    };
    let doc = tokio::time::timeout(s.timeout, written(&s, render, &req))
        .await
        .map_err(|_| Error::Timeout(s.timeout))??;
    let mut res = ([(header::CONTENT_TYPE, doc.content_type)], doc.body).into_response();
    let ext = match req.format.as_str() {
        "md" => "md",
        "json" => "json",
        _ => "html",
    };
    let period = match (req.period.from, req.period.to) {
        (Some(f), Some(t)) => format!("-{f}-{t}"),
        _ => String::new(),
    };
    // Every part of the name was validated (capitals, digits, dashes).
    let disposition = format!("inline; filename=\"guide-{}-{}{period}.{ext}\"", req.a, req.b);
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    // A guide is a document, not an app: no scripts at all, its own inline styles and images.
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
        ),
    );
    Ok(res)
}

/// Themes `/api/themes` lists when `limit` is not given (as the guide).
const DEFAULT_THEMES: usize = 24;
/// Most themes `/api/themes` lists.
const MAX_THEMES: usize = 200;
/// Places `/api/places` lists when `limit` is not given, and the most `/api/map.svg` draws (as
/// the guide's map).
const DEFAULT_PLACES: usize = 200;

/// One theme over the period, as the guide has it, with a label to show.
#[derive(Serialize)]
struct ThemeOut {
    /// The theme id as a reader's label ("air defence"); untrusted text.
    label: String,
    #[serde(flatten)]
    trend: entente_analytics::knowledge::ThemeTrend,
}

#[derive(Serialize)]
struct DomainOut {
    domain: String,
    /// Sentences carrying one of its themes (a sentence with two themes counts twice).
    mentions: u64,
    themes: Vec<ThemeOut>,
}

#[derive(Serialize)]
struct ThemesOut {
    a: String,
    b: String,
    from: Option<Date>,
    to: Option<Date>,
    granularity: &'static str,
    /// Theme rows read (one theme of one sentence).
    rows: usize,
    /// `true` when the pair has more theme rows than the server reads: the figures then cover
    /// the latest ones only; narrow the period.
    truncated: bool,
    domains: Vec<DomainOut>,
}

/// The guide `req` asks for: from the cache when this store generation already has it, else
/// written once however many ask at the same time (they wait on one cell), on a blocking
/// thread that holds a pass of the guides' gate until it ends, so a request that times out
/// does not leave unbounded work behind; a guide finished after its requester left is kept.
async fn written(s: &AppState, render: crate::GuideRenderer, req: &GuideRequest) -> Result<crate::GuideDocument> {
    let generation = s.data.state().await?.generation;
    let key = format!("{}|{}|{:?}|{:?}|{}", req.a, req.b, req.period.from, req.period.to, req.format);
    let cell = s.guide_cache.lock().map_err(|_| Error::Internal("guide cache poisoned".into()))?.cell(generation, key);
    let doc = cell
        .get_or_try_init(|| async {
            let pass = s.guides.enter().await?;
            let (store, r, keep) = (s.store.clone(), req.clone(), cell.clone());
            let job = tokio::task::spawn_blocking(move || {
                let _pass = pass;
                let doc = render(&store, &r)?;
                // Fills the cache even when no one waits any more (set fails harmlessly while a
                // waiter is initialising: it gets this same value below).
                let _ = keep.set(doc.clone());
                Ok::<_, GuideError>(doc)
            });
            job.await
                .map_err(|e| Error::Internal(format!("the guide task failed: {e}")))?
                .map_err(|e| match e {
                    GuideError::BadRequest(m) => Error::BadRequest(m),
                    GuideError::Failed(m) => Error::Internal(format!("guide {}–{}: {m}", req.a, req.b)),
                })
        })
        .await?;
    Ok(doc.clone())
}

async fn themes(St(s): St<AppState>, RawQuery(q): RawQuery) -> Result<Json<ThemesOut>> {
    use entente_analytics::knowledge::{summarise, Knowledge, KnowledgeLimits};
    let names: Vec<&str> = FILTER_PARAMS.iter().copied().chain(["granularity", "limit"]).collect();
    let p = Params::parse(q.as_deref(), &names)?;
    let f = filter(&p)?;
    let name = p.choice("granularity", &["month", "week", "day"])?;
    let g: Granularity = name.parse().map_err(|e: entente_analytics::Error| Error::BadRequest(e.to_string()))?;
    let limit = p.number("limit", 1..=MAX_THEMES, DEFAULT_THEMES)?;
    let max_rows = crate::data::MAX_THEME_ROWS;
    let mut facts = s.data.themes(&f, max_rows + 1).await?;
    let truncated = facts.len() > max_rows;
    facts.truncate(max_rows);
    let rows = facts.len();
    // The guide's own ordering, counting and rise/fall (entente-analytics), not a copy of it.
    let k = Knowledge { themes: facts, ..Default::default() };
    let limits = KnowledgeLimits { themes: limit, ..KnowledgeLimits::default() };
    let summary = summarise(&k, &f.a, &f.b, g, &limits);
    let mut domains: Vec<DomainOut> = Vec::new();
    for t in summary.themes {
        let out = ThemeOut { label: entente_report::theme_label(&t.theme), trend: t };
        match domains.iter_mut().find(|d| d.domain == out.trend.domain) {
            Some(d) => {
                d.mentions += out.trend.mentions;
                d.themes.push(out);
            }
            None => domains.push(DomainOut { domain: out.trend.domain.clone(), mentions: out.trend.mentions, themes: vec![out] }),
        }
    }
    domains.sort_by(|x, y| y.mentions.cmp(&x.mentions).then(x.domain.cmp(&y.domain)));
    Ok(Json(ThemesOut { a: f.a, b: f.b, from: f.period.from, to: f.period.to, granularity: name, rows, truncated, domains }))
}

#[derive(Serialize)]
struct PlaceOut {
    #[serde(flatten)]
    place: entente_analytics::knowledge::PlaceFact,
    /// The country's English name (the code when unknown), `null` without a country.
    country_name: Option<String>,
}

#[derive(Serialize)]
struct PlacesOut {
    a: String,
    b: String,
    from: Option<Date>,
    to: Option<Date>,
    limit: usize,
    /// `true` when there are more places than `limit`.
    more: bool,
    places: Vec<PlaceOut>,
}

async fn places(St(s): St<AppState>, RawQuery(q): RawQuery) -> Result<Json<PlacesOut>> {
    let names: Vec<&str> = FILTER_PARAMS.iter().copied().chain(["limit"]).collect();
    let p = Params::parse(q.as_deref(), &names)?;
    let f = filter(&p)?;
    let limit = p.number("limit", 1..=crate::data::MAX_PLACES, DEFAULT_PLACES)?;
    let mut found = s.data.places(&f, limit + 1).await?;
    let more = found.len() > limit;
    found.truncate(limit);
    let places = found
        .into_iter()
        .map(|p| PlaceOut { country_name: p.country.as_deref().map(|c| entente_report::country_name(c).to_string()), place: p })
        .collect();
    Ok(Json(PlacesOut { a: f.a, b: f.b, from: f.period.from, to: f.period.to, limit, more, places }))
}

/// The guide's map of the pair's event places as an SVG image (the dashboard shows it with
/// `<img>`, so nothing in it can run). Every name in it is escaped by entente-report.
async fn map_svg(St(s): St<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    use entente_analytics::knowledge::{summarise, Knowledge, KnowledgeLimits};
    let p = Params::parse(q.as_deref(), &FILTER_PARAMS)?;
    let f = filter(&p)?;
    let found = s.data.places(&f, DEFAULT_PLACES).await?;
    let (na, nb) = (entente_report::country_name(&f.a), entente_report::country_name(&f.b));
    let label = format!("Where events between {na} and {nb} happened");
    // As the guide: the places' validity checks and order are the analysis's.
    let k = Knowledge { places: found, ..Default::default() };
    let limits = KnowledgeLimits { places: DEFAULT_PLACES, ..KnowledgeLimits::default() };
    let placed = summarise(&k, &f.a, &f.b, Granularity::Month, &limits).places;
    let svg = entente_report::map_svg(&placed, &f.a, &f.b, &label).unwrap_or_else(|| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 760 60\" width=\"100%\" role=\"img\" aria-label=\"{}\" \
             font-family=\"sans-serif\" font-size=\"13\"><rect width=\"760\" height=\"60\" fill=\"#eef4f8\"/>\
             <text x=\"12\" y=\"35\" fill=\"#5c6670\">No event places with coordinates in this period.</text></svg>",
            crate::dashboard::escape(&label)
        )
    });
    let mut res = ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response();
    // Opened on its own, the image is a document: no scripts, nothing loaded, inline styles only.
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"),
    );
    Ok(res)
}
