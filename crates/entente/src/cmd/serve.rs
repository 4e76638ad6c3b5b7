//! `entente serve`: the dashboard and the JSON API over the event store.

use super::guide::{self, Request};
use anyhow::{bail, Context};
use entente_analytics::{analyze, AnalysisOptions, Granularity};
use entente_server::{GuideDocument, GuideError, GuideRenderer, GuideRequest, Server};
use entente_store::{Dedup, Store};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// Arguments of `entente serve`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Open the address it prints in a browser: pick two countries and a period to see the monthly \
chart, the events with their evidence, and links to the guide. The JSON API is described at \
/api/openapi.json, e.g.
  curl 'http://127.0.0.1:8080/api/events?a=RUS&b=IRN&from=2022-01-01&to=2023-12-31&quad=4'
The API has no authentication: keep the default loopback address unless the store is public.")]
pub struct Args {
    /// The store directory (read only; imports made while serving show up at the next request).
    #[arg(long, env = "ENTENTE_STORE", default_value = "entente-data", value_name = "DIR")]
    store: PathBuf,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    addr: SocketAddr,
    /// Cancel each query (and each guide) after this many seconds (1–600).
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    timeout: u64,
    /// Queries run at once; more wait for their turn within the timeout [default: cores].
    #[arg(long, value_name = "N")]
    max_queries: Option<usize>,
}

/// Runs `entente serve`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !(1..=600).contains(&args.timeout) {
        bail!("--timeout {}: expected 1 to 600 seconds", args.timeout);
    }
    if args.max_queries == Some(0) {
        bail!("--max-queries 0: expected at least 1");
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .try_init();
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}, which is not loopback: anyone who can reach it can read \
             the store (the API has no authentication)",
            args.addr
        );
    }
    if !args.store.join("manifest.json").exists() {
        eprintln!(
            "warning: no store at {} yet; the dashboard is empty until `entente ingest` (or \
             `entente demo`) writes one",
            args.store.display()
        );
    }
    let timeout = Duration::from_secs(args.timeout);
    let mut builder = Server::builder(&args.store).timeout(timeout).guide(renderer(timeout));
    if let Some(n) = args.max_queries {
        builder = builder.max_queries(n);
    }
    let server = builder.build();
    let store = args.store.display().to_string();
    server
        .run(args.addr, |local| {
            // One line on stdout, so scripts (and the API benchmark) can read the port.
            println!("entente serve: http://{local}/ (store {store}; Ctrl-C stops)");
        })
        .with_context(|| format!("serving on {}", args.addr))?;
    Ok(ExitCode::SUCCESS)
}

/// Guides for the server: the same queries, analysis and rendering as `entente guide`.
fn renderer(timeout: Duration) -> GuideRenderer {
    Arc::new(move |dir: &Path, req: &GuideRequest| render(dir, req, timeout))
}

/// A guide for the server: a code that is no country, or a range whose monthly series would be
/// too long, is the request's fault (400); anything else is the server's (500).
fn render(dir: &Path, req: &GuideRequest, timeout: Duration) -> Result<GuideDocument, GuideError> {
    let failed = |e: anyhow::Error| GuideError::Failed(format!("{e:#}"));
    let r = Request {
        a: req.a.clone(),
        b: req.b.clone(),
        from: req.period.from,
        to: req.period.to,
        datasets: vec![],
        dedup: Dedup::Raw,
        dedup_name: "raw".into(),
        granularity: Granularity::Month,
        min_confidence: guide::GUIDE_MIN_CONFIDENCE,
        timeout,
    };
    let store = Store::open(dir).map_err(|e| failed(e.into()))?;
    if let Some(m) = guide::unknown_country(&store, &r).map_err(failed)? {
        return Err(GuideError::BadRequest(m));
    }
    let (input, _) = guide::load(&store, &r).map_err(failed)?;
    // The analysis refuses only its input (no pair, too many periods): the request's fault.
    let analysis =
        analyze(&input, &AnalysisOptions::default()).map_err(|e| GuideError::BadRequest(e.to_string()))?;
    let (format, content_type) = match req.format.as_str() {
        "md" => (entente_report::Format::Markdown, "text/markdown; charset=utf-8"),
        "json" => (entente_report::Format::Json, "application/json"),
        _ => (entente_report::Format::Html, "text/html; charset=utf-8"),
    };
    Ok(GuideDocument { content_type, body: entente_report::render(&analysis, format) })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guide the server hands out escapes news text in every format.
    #[test]
    fn guides_escape_news_text() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Iran said <script>alert(1)</script> & more.";
        let mut store = Store::open(dir.path()).unwrap();
        let events = [
            ("2022-01-10", "RUSGOV", "IRNGOV", "036", "Russia wants to meet Iran."),
            ("2022-03-09", "IRNGOV", "RUSGOV", "111", text),
            ("2022-06-01", "RUSGOV", "IRNGOV", "042", "Russia visited Iran."),
        ]
        .iter()
        .enumerate()
        .map(|(i, (d, s, t, c, x))| {
            entente_core::Event::new(&format!("doc-{i}"), 0, d.parse().unwrap(), s, t, c, x, Default::default())
                .unwrap()
        })
        .collect::<Vec<_>>();
        store.ingest_events("test", events).unwrap();
        drop(store);
        let req = |format: &str| GuideRequest {
            a: "RUS".into(),
            b: "IRN".into(),
            period: Default::default(),
            format: format.into(),
        };
        let html = render(dir.path(), &req("html"), Duration::from_secs(30)).unwrap();
        assert_eq!(html.content_type, "text/html; charset=utf-8");
        assert!(!html.body.contains("<script"), "unescaped script in the HTML guide");
        assert!(html.body.contains("Iran said &lt;script&gt;alert(1)&lt;/script&gt; &amp; more."), "the evidence, escaped");
        let json = render(dir.path(), &req("json"), Duration::from_secs(30)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(v["a"], "RUS");
        // JSON as the OpenAPI document says: <, > and & escaped, the text equal once parsed.
        assert!(!json.body.contains('<') && !json.body.contains('&'), "unescaped markup in the JSON guide");
        assert!(json.body.contains(r"\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 more"));
        assert!(v.to_string().contains("<script>alert(1)</script> & more"));
        let md = render(dir.path(), &req("md"), Duration::from_secs(30)).unwrap();
        assert_eq!(md.content_type, "text/markdown; charset=utf-8");
        assert!(!md.body.contains("<script"), "unescaped script in the Markdown guide");
        assert!(md.body.contains("Iran said &lt;script&gt;alert(1)&lt;/script&gt; &amp; more."), "{}", md.body);
    }

    /// What the request got wrong is a 400 (GuideError::BadRequest), not a 500: a code that is
    /// no country, and an open range whose monthly series would be too long.
    #[test]
    fn bad_guide_requests_are_the_requests_fault() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let e = entente_core::Event::new("d", 0, "2022-01-10".parse().unwrap(), "RUSGOV", "IRNGOV", "036", "x", Default::default())
            .unwrap();
        store.ingest_events("test", [e]).unwrap();
        drop(store);
        let req = |a: &str, from: Option<&str>| GuideRequest {
            a: a.into(),
            b: "IRN".into(),
            period: entente_server::Period { from: from.map(|d| d.parse().unwrap()), to: None },
            format: "json".into(),
        };
        match render(dir.path(), &req("XYZ", None), Duration::from_secs(30)) {
            Err(GuideError::BadRequest(m)) => assert!(m.contains("XYZ is not a country code"), "{m}"),
            other => panic!("{other:?}"),
        }
        match render(dir.path(), &req("RUS", Some("0001-01-01")), Duration::from_secs(30)) {
            Err(GuideError::BadRequest(m)) => assert!(m.contains("months"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert!(render(dir.path(), &req("RUS", Some("2021-01-01")), Duration::from_secs(30)).is_ok());
    }
}
