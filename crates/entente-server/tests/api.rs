//! The API, called through the router with `oneshot` (no socket), on a store built in a
//! temporary directory from a small fixture of coded events.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use entente_server::Server;
use serde_json::Value;
use std::sync::OnceLock;
use tower::ServiceExt;

mod common;
use common::{FIXTURE, SCRIPT};

struct Fixture {
    _dir: tempfile::TempDir,
    server: Server,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        common::store(dir.path(), common::events());
        let server = Server::builder(dir.path()).build();
        Fixture { _dir: dir, server }
    })
}

/// GET `uri`; the status, the content type and the body.
async fn get(uri: &str) -> (StatusCode, String, String) {
    let res = fixture()
        .server
        .router()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let ctype = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = axum::body::to_bytes(res.into_body(), 10 << 20).await.unwrap();
    (status, ctype, String::from_utf8(body.to_vec()).unwrap())
}

async fn json(uri: &str) -> Value {
    let (status, ctype, body) = get(uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    assert_eq!(ctype, "application/json", "{uri}");
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn health_reports_the_store() {
    let v = json("/api/health").await;
    assert_eq!(v["status"], "ok");
    assert_eq!(v["store"]["rows"], FIXTURE.len());
}

#[tokio::test]
async fn pairs_are_unordered_and_counted() {
    let v = json("/api/pairs").await;
    let pairs = v["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 2, "{v}");
    assert_eq!((pairs[0]["a"].as_str(), pairs[0]["b"].as_str()), (Some("IRN"), Some("RUS")));
    assert_eq!(pairs[0]["events"], 8);
    assert_eq!((pairs[1]["a"].as_str(), pairs[1]["b"].as_str()), (Some("CHN"), Some("USA")));
    assert_eq!(pairs[1]["events"], 2);
    let v = json("/api/pairs?from=2022-05-01&to=2022-05-31&limit=1").await;
    assert_eq!(v["pairs"].as_array().unwrap().len(), 1);
    assert_eq!(v["pairs"][0]["a"], "CHN");
}

#[tokio::test]
async fn events_of_a_pair_newest_first_with_evidence() {
    let v = json("/api/events?a=RUS&b=IRN&from=2022-01-01&to=2023-12-31").await;
    let ev = v["events"].as_array().unwrap();
    assert_eq!(ev.len(), 7, "{v}");
    assert_eq!(v["more"], false);
    let dates: Vec<&str> = ev.iter().map(|e| e["date"].as_str().unwrap()).collect();
    assert_eq!(dates.first(), Some(&"2023-12-31"));
    assert_eq!(dates.last(), Some(&"2022-01-10"));
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    let first = &ev[6];
    assert_eq!(first["document"], "https://news.example/1");
    assert_eq!(first["text"], "Russia said it wants to meet Iran.");
    assert_eq!(first["code"], "036");
    assert_eq!(first["code_name"], "Express intent to meet or negotiate");
    assert_eq!(first["quad_class"], 1);
    assert!(first["event_id"].is_string());
    // The order of the pair does not matter for "both".
    let w = json("/api/events?a=IRN&b=RUS&from=2022-01-01&to=2023-12-31").await;
    assert_eq!(w["events"], v["events"]);
}

#[tokio::test]
async fn events_carry_the_coders_confidence_or_null() {
    let v = json("/api/events?a=RUS&b=IRN&from=2022-01-01&to=2023-12-31").await;
    let ev = v["events"].as_array().unwrap();
    for e in ev {
        let c = &e["confidence"];
        if e["document"] == "doc-6" {
            assert_eq!(c.as_f64(), Some(f64::from(common::DOC6_CONFIDENCE)), "{e}");
        } else {
            assert!(c.is_null(), "no confidence stored, so null: {e}");
        }
    }
    // Every field of an event is described in the OpenAPI document, confidence included.
    let spec = json("/api/openapi.json").await;
    let props = spec["components"]["schemas"]["Event"]["properties"].as_object().unwrap();
    assert_eq!(props["confidence"]["type"], serde_json::json!(["number", "null"]));
    for key in ev[0].as_object().unwrap().keys() {
        assert!(props.contains_key(key), "{key} is not in the OpenAPI Event schema");
    }
}

#[tokio::test]
async fn event_filters() {
    let n = |v: &Value| v["events"].as_array().unwrap().len();
    let base = "/api/events?a=RUS&b=IRN&from=2022-01-01&to=2023-12-31";
    // Roots 06 (material cooperation) and 08 (yield).
    assert_eq!(n(&json(&format!("{base}&root=06,08")).await), 3);
    assert_eq!(n(&json(&format!("{base}&quad=4")).await), 1);
    assert_eq!(n(&json(&format!("{base}&quad=3,4")).await), 2);
    assert_eq!(n(&json(&format!("{base}&direction=ab")).await), 4);
    let ba = json(&format!("{base}&direction=ba")).await;
    assert_eq!(n(&ba), 3);
    assert!(ba["events"].as_array().unwrap().iter().all(|e| e["source_country"] == "IRN"));
    // Paging.
    let p1 = json(&format!("{base}&limit=3")).await;
    let p3 = json(&format!("{base}&limit=3&offset=6")).await;
    assert_eq!((n(&p1), p1["more"].as_bool()), (3, Some(true)));
    assert_eq!((n(&p3), p3["more"].as_bool()), (1, Some(false)));
    assert_eq!(p3["events"][0]["date"], "2022-01-10");
    // Empty values are absent values (a form sends from= for an empty date).
    assert_eq!(n(&json("/api/events?a=RUS&b=IRN&from=&to=&root=").await), 8);
    // dedup views are accepted.
    assert_eq!(n(&json(&format!("{base}&dedup=daily")).await), 7);
}

#[tokio::test]
async fn monthly_series_lists_every_month() {
    let v = json("/api/series?a=RUS&b=IRN&from=2022-01-01&to=2022-06-30&granularity=month").await;
    let ps = v["periods"].as_array().unwrap();
    let labels: Vec<&str> = ps.iter().map(|p| p["period"].as_str().unwrap()).collect();
    assert_eq!(labels, ["2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-06"]);
    assert_eq!(ps[0]["events"], 2);
    assert_eq!(ps[0]["quad"], serde_json::json!([1, 1, 0, 0]));
    assert_eq!(ps[0]["a_to_b"]["events"], 1);
    assert_eq!(ps[0]["b_to_a"]["events"], 1);
    assert_eq!(ps[1]["events"], 0);
    assert_eq!(ps[1]["goldstein_mean"], Value::Null);
    assert_eq!(ps[2]["quad"], serde_json::json!([0, 1, 1, 0]));
    assert_eq!(v["totals"]["events"], 5);
    // 036 is +4.0, 0841 +7.0 (CAMEO Goldstein values).
    assert_eq!(ps[0]["goldstein_sum"], 11.0);
    // Without a period, the series spans the pair's first to last event.
    let all = json("/api/series?a=IRN&b=RUS").await;
    let ps = all["periods"].as_array().unwrap();
    assert_eq!(ps.first().unwrap()["period"], "2022-01");
    assert_eq!(ps.last().unwrap()["period"], "2024-01");
    assert_eq!(ps.len(), 25);
    assert_eq!(all["totals"]["events"], 8);
    let weeks = json("/api/series?a=RUS&b=IRN&from=2022-01-01&to=2022-01-31&granularity=week").await;
    // 2022-01-01 was a Saturday: its week starts Monday 2021-12-27.
    assert_eq!(weeks["periods"][0]["period"], "2021-12-27");
    // A pair with no events: an empty series, not an error.
    let none = json("/api/series?a=FRA&b=DEU").await;
    assert_eq!(none["periods"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn malformed_parameters_are_400_with_a_json_reason() {
    let bad = [
        "/api/events",
        "/api/events?a=RUS",
        "/api/events?a=rus&b=IRN",
        "/api/events?a=RUSS&b=IRN",
        "/api/events?a=RUS'--&b=IRN",
        "/api/events?a=RUS%27%20OR%201%3D1--&b=IRN",
        "/api/events?a=RUS&b=IRN);DROP%20TABLE%20events;--",
        "/api/events?a=RUS&b=IRN&from=2022-13-01",
        "/api/events?a=RUS&b=IRN&from=20220101",
        "/api/events?a=RUS&b=IRN&from=2022-02-30",
        "/api/events?a=RUS&b=IRN&from=2023-01-01&to=2022-01-01",
        "/api/events?a=RUS&b=IRN&from=2022-01-01'",
        "/api/events?a=RUS&b=IRN&limit=0",
        "/api/events?a=RUS&b=IRN&limit=100000",
        "/api/events?a=RUS&b=IRN&limit=-1",
        "/api/events?a=RUS&b=IRN&limit=abc",
        "/api/events?a=RUS&b=IRN&limit=1e3",
        "/api/events?a=RUS&b=IRN&offset=-5",
        "/api/events?a=RUS&b=IRN&offset=999999999",
        "/api/events?a=RUS&b=IRN&root=99",
        "/api/events?a=RUS&b=IRN&root=00",
        "/api/events?a=RUS&b=IRN&root=06;",
        "/api/events?a=RUS&b=IRN&quad=5",
        "/api/events?a=RUS&b=IRN&quad=1%20OR%201=1",
        "/api/events?a=RUS&b=IRN&direction=up",
        "/api/events?a=RUS&b=IRN&dedup=none'",
        "/api/events?a=RUS&b=IRN&sql=SELECT%201",
        "/api/events?a=RUS&b=IRN&a=USA",
        "/api/events?a=%FF%FE&b=IRN",
        "/api/series?a=RUS&b=IRN&granularity=hour",
        "/api/series?a=RUS&b=IRN&granularity=day&from=1900-01-01&to=2100-01-01",
        "/api/series?a=RUS&b=IRN&limit=5",
        "/api/pairs?limit=0",
        "/api/pairs?limit=501",
        "/api/pairs?from=yesterday",
        "/api/guide?a=RUS&b=IRN&format=pdf",
        "/api/guide?a=RUS&b=IRN&format=html'",
        "/api/guide?b=IRN",
        "/api/guide?a=RUS&b=RUS",
        "/api/guide?a=RUS&b=IRN&from=0001-01-01&to=9999-12-31",
        "/api/health?verbose=1",
    ];
    for uri in bad {
        let (status, ctype, body) = get(uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert_eq!(ctype, "application/json", "{uri}");
        let v: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: {e}: {body}"));
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{uri}: {body}");
    }
}

#[tokio::test]
async fn unknown_paths_and_methods_are_json_errors() {
    let (status, ctype, body) = get("/api/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(ctype, "application/json");
    assert!(body.contains("\"error\""));
    let res = fixture()
        .server
        .router()
        .oneshot(Request::post("/api/events?a=RUS&b=IRN").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn news_text_is_escaped_in_json() {
    let (status, _, body) = get("/api/events?a=RUS&b=IRN&quad=3").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("<script>"), "{body}");
    assert!(body.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["events"][0]["text"], SCRIPT);
}

#[tokio::test]
async fn dashboard_and_assets_are_served_from_the_binary() {
    let (status, ctype, page) = get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ctype, "text/html; charset=utf-8");
    assert!(page.contains("<script src=\"/assets/dashboard.js\"></script>"));
    // Nothing loads from another host.
    for needle in ["http://", "https://", "//cdn"] {
        assert!(!page.contains(needle), "the page refers to {needle}");
    }
    let (status, ctype, js) = get("/assets/dashboard.js").await;
    assert_eq!((status, ctype.as_str()), (StatusCode::OK, "text/javascript; charset=utf-8"));
    assert!(!js.contains("innerHTML"), "the script must not build markup from strings");
    let (status, _, _) = get("/assets/dashboard.css").await;
    assert_eq!(status, StatusCode::OK);
    let spec = json("/api/openapi.json").await;
    for path in ["/api/events", "/api/pairs", "/api/series", "/api/guide", "/api/health"] {
        assert!(spec["paths"][path]["get"].is_object(), "{path} is not described");
    }
}

#[tokio::test]
async fn responses_carry_security_headers() {
    let res = fixture()
        .server
        .router()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let h = res.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(!csp.contains("script-src 'unsafe"), "{csp}");
}

#[tokio::test]
async fn a_store_that_is_not_there_is_empty_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::builder(dir.path().join("missing")).build();
    let res = server
        .router()
        .oneshot(Request::get("/api/events?a=RUS&b=IRN").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["events"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn a_corrupt_store_is_a_generic_500() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("manifest.json"), "{ not json").unwrap();
    let server = Server::builder(dir.path()).build();
    let res = server
        .router()
        .oneshot(Request::get("/api/pairs").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
    let body = String::from_utf8(body.to_vec()).unwrap();
    assert!(!body.contains("manifest") && !body.contains(dir.path().to_str().unwrap()), "{body}");
    assert!(body.contains("\"error\""));
}

#[tokio::test]
async fn a_slow_query_is_a_504() {
    let server = Server::builder(fixture()._dir.path()).timeout(std::time::Duration::ZERO).build();
    let res = server
        .router()
        .oneshot(Request::get("/api/events?a=RUS&b=IRN").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::GATEWAY_TIMEOUT);
}

/// A guide renderer as the binary supplies one, fed from the fixture directly (the store
/// query that feeds `entente guide` lives in the binary and is tested there).
fn fixture_guides() -> entente_server::GuideRenderer {
    use entente_analytics::{analyze, AnalysisOptions, DyadInput, EventRow};
    std::sync::Arc::new(|_dir: &std::path::Path, req: &entente_server::GuideRequest| {
        let mut input = DyadInput { a: req.a.clone(), b: req.b.clone(), ..Default::default() };
        for e in common::events() {
            let (s, t) = (&e.source[..3], &e.target[..3]);
            if [s, t] == [req.a.as_str(), req.b.as_str()] || [t, s] == [req.a.as_str(), req.b.as_str()] {
                let mut row = EventRow::new(e.date, s, t, &e.code).unwrap();
                row.text = Some(e.text.clone());
                row.document = Some(e.doc_id.clone());
                input.events.push(row);
            }
        }
        let analysis = analyze(&input, &AnalysisOptions::default()).map_err(|e| e.to_string())?;
        let (format, content_type) = match req.format.as_str() {
            "md" => (entente_report::Format::Markdown, "text/markdown; charset=utf-8"),
            "json" => (entente_report::Format::Json, "application/json"),
            _ => (entente_report::Format::Html, "text/html; charset=utf-8"),
        };
        Ok(entente_server::GuideDocument { content_type, body: entente_report::render(&analysis, format) })
    })
}

#[tokio::test]
async fn guides_in_three_formats_with_news_text_escaped() {
    let server = Server::builder(fixture()._dir.path()).guide(fixture_guides()).build();
    let call = |uri: &'static str| {
        let router = server.router();
        async move { router.oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap() }
    };
    let res = call("/api/guide?a=RUS&b=IRN&from=2022-01-01&to=2023-12-31&format=html").await;
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "text/html; charset=utf-8");
    assert!(h["content-security-policy"].to_str().unwrap().starts_with("default-src 'none'"));
    assert_eq!(
        h["content-disposition"],
        "inline; filename=\"guide-RUS-IRN-2022-01-01-2023-12-31.html\""
    );
    let body = axum::body::to_bytes(res.into_body(), 10 << 20).await.unwrap();
    let html = String::from_utf8(body.to_vec()).unwrap();
    assert!(html.contains("<svg"), "the guide has charts");
    assert!(!html.to_lowercase().contains("<script"), "unescaped script in the guide");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the evidence is shown, escaped");
    let res = call("/api/guide?a=RUS&b=IRN&format=md").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/markdown; charset=utf-8");
    let res = call("/api/guide?a=RUS&b=IRN&format=json").await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = axum::body::to_bytes(res.into_body(), 10 << 20).await.unwrap();
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["a"], "RUS");
    // As the OpenAPI document says of JSON bodies: <, > and & escaped in strings.
    let text = String::from_utf8(body.to_vec()).unwrap();
    assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "unescaped markup in the JSON guide");
    assert!(text.contains(r"\u003cscript\u003e"), "the evidence is in the JSON, escaped");
    // A period longer than a monthly series allows is the request's fault, as in /api/series.
    let res = call("/api/guide?a=RUS&b=IRN&from=0001-01-01&to=9999-12-31").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert!(v["error"].as_str().unwrap().contains("months"), "{v}");
    // Without a renderer the endpoint says so.
    let (status, _, body) = get("/api/guide?a=RUS&b=IRN").await;
    assert_eq!(status, StatusCode::NOT_IMPLEMENTED, "{body}");
}
