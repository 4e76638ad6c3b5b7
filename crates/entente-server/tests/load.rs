//! The server under load and hostile clients: guides are computed once per identical request
//! and never more than the gate allows at once, a full gate answers 503 with `Retry-After` at
//! once, a guide finished after its requester timed out is kept, and a client that does not
//! finish its headers (or idles on a kept-alive connection) is disconnected.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use entente_server::{GuideDocument, GuideRenderer, GuideRequest, Server};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt;

mod common;

/// Counts of a renderer: calls, guides being written now, the most written at once.
#[derive(Default)]
struct Counts {
    calls: AtomicUsize,
    now: AtomicUsize,
    most: AtomicUsize,
}

/// A renderer that takes `work` per guide and counts what it does.
fn slow_guides(work: Duration, counts: Arc<Counts>) -> GuideRenderer {
    Arc::new(move |_dir: &std::path::Path, req: &GuideRequest| {
        counts.calls.fetch_add(1, Ordering::SeqCst);
        let now = counts.now.fetch_add(1, Ordering::SeqCst) + 1;
        counts.most.fetch_max(now, Ordering::SeqCst);
        std::thread::sleep(work);
        counts.now.fetch_sub(1, Ordering::SeqCst);
        Ok(GuideDocument { content_type: "text/markdown; charset=utf-8", body: format!("# {} and {}", req.a, req.b) })
    })
}

fn store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::store(dir.path(), common::events());
    dir
}

async fn call(server: &Server, uri: String) -> (StatusCode, Option<String>) {
    let res = server.router().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let retry = res.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
    (res.status(), retry)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn identical_guides_asked_together_are_written_once() {
    let dir = store();
    let counts = Arc::new(Counts::default());
    let server = Server::builder(dir.path()).guide(slow_guides(Duration::from_millis(300), counts.clone())).build();
    let asks: Vec<_> = (0..12)
        .map(|_| {
            let s = server.clone();
            tokio::spawn(async move { call(&s, "/api/guide?a=RUS&b=IRN&format=md".into()).await })
        })
        .collect();
    for a in asks {
        assert_eq!(a.await.unwrap().0, StatusCode::OK);
    }
    assert_eq!(counts.calls.load(Ordering::SeqCst), 1, "twelve identical requests, one guide");
    // Asked again, it comes from the cache; another period is another guide.
    assert_eq!(call(&server, "/api/guide?a=RUS&b=IRN&format=md".into()).await.0, StatusCode::OK);
    assert_eq!(counts.calls.load(Ordering::SeqCst), 1);
    assert_eq!(call(&server, "/api/guide?a=RUS&b=IRN&format=md&from=2022-01-01".into()).await.0, StatusCode::OK);
    assert_eq!(counts.calls.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_full_guide_gate_answers_503_at_once_and_bounds_the_work() {
    let dir = store();
    let counts = Arc::new(Counts::default());
    let server = Server::builder(dir.path())
        .guide(slow_guides(Duration::from_millis(800), counts.clone()))
        .guides(1, 1)
        .build();
    // The store's session is built by the first request: not by the ones timed below.
    assert_eq!(call(&server, "/api/health".into()).await.0, StatusCode::OK);
    // Eight different guides at once: one runs, one waits, six are turned away.
    let asks: Vec<_> = (0..8)
        .map(|i| {
            let s = server.clone();
            tokio::spawn(async move {
                let started = Instant::now();
                let r = call(&s, format!("/api/guide?a=RUS&b=IRN&format=md&from=2022-01-{:02}", i + 1)).await;
                (r, started.elapsed())
            })
        })
        .collect();
    let (mut ok, mut busy) = (0, 0);
    for a in asks {
        let ((status, retry), took) = a.await.unwrap();
        match status {
            StatusCode::OK => ok += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                busy += 1;
                assert_eq!(retry.as_deref(), Some("1"), "a 503 says when to retry");
                // Well under one guide's 800 ms: it did not wait for the gate.
                assert!(took < Duration::from_millis(500), "a refusal must not wait for the gate: {took:?}");
            }
            other => panic!("only 200 and 503 expected, got {other}"),
        }
    }
    assert_eq!((ok, busy), (2, 6), "one running and one waiting are served");
    assert_eq!(counts.most.load(Ordering::SeqCst), 1, "never more than one guide at once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_guide_finished_after_its_requester_timed_out_is_kept() {
    let dir = store();
    let counts = Arc::new(Counts::default());
    let server = Server::builder(dir.path())
        .timeout(Duration::from_millis(150))
        .guide(slow_guides(Duration::from_millis(400), counts.clone()))
        .build();
    // The store's session is built by the first request, not inside the guide's timeout.
    assert_eq!(call(&server, "/api/health".into()).await.0, StatusCode::OK);
    let uri = "/api/guide?a=RUS&b=IRN&format=md".to_string();
    assert_eq!(call(&server, uri.clone()).await.0, StatusCode::GATEWAY_TIMEOUT);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(call(&server, uri).await.0, StatusCode::OK);
    assert_eq!(counts.calls.load(Ordering::SeqCst), 1, "the late guide was kept, not written again");
}

/// Serves `server` on a free loopback port in the background.
async fn serving(server: Server) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { server.serve(listener, std::future::pending()).await });
    addr
}

/// Reads until the server closes the connection; how long that took (None: still open at 5 s).
fn closed_after(mut s: std::net::TcpStream) -> Option<Duration> {
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return Some(started.elapsed()),
            Err(_) => return None,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_clients_are_disconnected() {
    let dir = store();
    let server = Server::builder(dir.path()).header_timeout(Duration::from_millis(300)).build();
    let addr = serving(server).await;
    let (half, idle) = tokio::task::spawn_blocking(move || {
        // Slowloris: headers begun, never finished.
        let mut half = std::net::TcpStream::connect(addr).unwrap();
        half.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n").unwrap();
        let half = closed_after(half);
        // A kept-alive connection left idle after one answer.
        let mut idle = std::net::TcpStream::connect(addr).unwrap();
        idle.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let idle = closed_after(idle);
        (half, idle)
    })
    .await
    .unwrap();
    let half = half.expect("a client that never finishes its headers must be dropped");
    assert!(half < Duration::from_secs(2), "dropped after {half:?}");
    let idle = idle.expect("an idle kept-alive connection must be closed");
    assert!(idle < Duration::from_secs(2), "closed after {idle:?}");
}

/// `n` Russia–Iran events spread over 24 months, with ids of their own (`tag`).
fn batch(tag: &str, n: usize) -> Vec<entente_core::Event> {
    (0..n)
        .map(|i| {
            let date = entente_core::Date::new(2021 + (i / 12 % 2) as i32, (i % 12) as u8 + 1, 1 + (i % 28) as u8).unwrap();
            entente_core::Event::new(&format!("{tag}-{i}"), 0, date, "RUSGOV", "IRNGOV", "036", "Russia said it wants to meet Iran.", Default::default()).unwrap()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn answers_stay_whole_while_compactions_replace_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = entente_store::Store::open(dir.path()).unwrap();
    let server = Server::builder(dir.path()).max_queries(4).queries_waiting(64).build();
    let mut expected = 0u64;
    let mut compacted = 0;
    for round in 0..20 {
        // Two small imports: small files in every month, for the compaction to merge.
        for part in ["a", "b"] {
            let events = batch(&format!("r{round}{part}"), 24);
            expected += events.len() as u64;
            store.ingest_events(&format!("round {round}{part}"), events).unwrap();
        }
        // The server plans on the files of this state...
        let total = |body: &str| serde_json::from_str::<serde_json::Value>(body).unwrap()["totals"]["events"].as_u64().unwrap();
        let series = "/api/series?a=RUS&b=IRN&from=2021-01-01&to=2022-12-31";
        let warm = server.router().oneshot(Request::get(series).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(warm.status(), StatusCode::OK);
        // ...while a compaction deletes them under the requests that follow.
        let compaction = tokio::task::spawn_blocking(move || {
            let report = store.compact().unwrap();
            (store, report)
        });
        let asks: Vec<_> = (0..8)
            .map(|i| {
                let s = server.clone();
                tokio::spawn(async move {
                    let uri = if i % 2 == 0 { series.to_string() } else { "/api/events?a=RUS&b=IRN&limit=500".to_string() };
                    let res = s.router().oneshot(Request::get(uri.clone()).body(Body::empty()).unwrap()).await.unwrap();
                    let status = res.status();
                    let body = axum::body::to_bytes(res.into_body(), 64 << 20).await.unwrap();
                    (uri, status, String::from_utf8(body.to_vec()).unwrap())
                })
            })
            .collect();
        for a in asks {
            let (uri, status, body) = a.await.unwrap();
            assert_eq!(status, StatusCode::OK, "round {round}, {uri}: {body}");
            let n = if uri.contains("series") {
                total(&body)
            } else {
                let v: serde_json::Value = serde_json::from_str(&body).unwrap();
                let page = v["events"].as_array().unwrap().len() as u64;
                // A page holds at most 500: the count is whole when it is the smaller of the two.
                assert_eq!(page, expected.min(500), "round {round}: a page of events");
                continue;
            };
            assert_eq!(n, expected, "round {round}: every answer counts every event");
        }
        let (s, report) = compaction.await.unwrap();
        compacted += report.files_merged;
        store = s;
    }
    assert!(compacted > 0, "the compactions merged files");
}
