//! The dashboard in a real browser: headless Chromium driven through chromedriver's WebDriver
//! HTTP API (a few JSON calls over a plain TCP client, so no WebDriver crate is needed).
//!
//! Needs Debian's `chromium` and `chromium-driver`. Without them the test prints why and
//! passes, except under `CI=true`, where it fails: CI must run it. The screenshot is written to
//! `target/tmp/dashboard.png`.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;

fn which(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Kills the child when dropped, so a failing test leaves no browser behind.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One HTTP/1.1 request to 127.0.0.1:`port`; the status and the JSON body.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> std::io::Result<(u16, Value)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    // Read the head, then exactly Content-Length bytes: chromedriver keeps the connection
    // open whatever the request says.
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let split = loop {
        if let Some(p) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break p;
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            break raw.len();
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let mut payload = raw.get(split + 4..).unwrap_or_default().to_vec();
    let length = head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse::<usize>().ok());
    match length {
        Some(len) => {
            while payload.len() < len {
                let n = s.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                payload.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            s.read_to_end(&mut payload)?;
            if head.contains("transfer-encoding: chunked") {
                payload = dechunk(&payload);
            }
        }
    }
    let v = serde_json::from_slice(&payload).unwrap_or(Value::Null);
    Ok((status, v))
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if n == 0 || b.len() < eol + 2 + n {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + n]);
        b = &b[(eol + 4 + n).min(b.len())..];
    }
    out
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let (mut out, mut acc, mut bits) = (Vec::new(), 0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// A WebDriver session.
struct Session {
    port: u16,
    id: String,
}

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("/session/{}{path}", self.id);
        let (status, v) = http(self.port, method, &url, body.as_ref()).expect("chromedriver answers");
        assert!(status == 200, "WebDriver {method} {path}: {status} {v}");
        v["value"].clone()
    }

    /// Runs `script` (a function body) in the page and returns its value.
    fn js(&self, script: &str) -> Value {
        self.call("POST", "/execute/sync", Some(json!({ "script": script, "args": [] })))
    }

    fn find(&self, css: &str) -> Option<String> {
        let url = format!("/session/{}/element", self.id);
        let (status, v) =
            http(self.port, "POST", &url, Some(&json!({ "using": "css selector", "value": css }))).ok()?;
        if status != 200 {
            return None;
        }
        v["value"].as_object()?.values().next()?.as_str().map(String::from)
    }

    fn click(&self, css: &str) {
        let el = self.wait_for(css);
        self.call("POST", &format!("/element/{el}/click"), Some(json!({})));
    }

    /// Waits up to 60 s for an element matching `css` (debug builds under load answer slowly).
    fn wait_for(&self, css: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(el) = self.find(css) {
                return el;
            }
            if start.elapsed() > Duration::from_secs(60) {
                let status = self.js("return document.getElementById('status').textContent");
                panic!("no element {css} after 60 s; page status: {status}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits up to 60 s until `script` returns true.
    fn wait_until(&self, what: &str, script: &str) {
        let start = Instant::now();
        while self.js(script) != json!(true) {
            assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A year and a half of Russia–Iran events, so the chart has a shape.
fn more_events() -> Vec<entente_core::Event> {
    let codes = ["036", "042", "061", "0841", "111", "112", "141", "057", "043", "046"];
    let mut out = Vec::new();
    let mut x: u64 = 7;
    for i in 0..400u32 {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let day = (x >> 33) % 540;
        let date = entente_core::Date::from_days(
            entente_core::Date::new(2022, 1, 1).unwrap().to_days() + day as i32,
        );
        let code = codes[((x >> 20) % codes.len() as u64) as usize];
        // Iran's generated events are all cooperative, so that the filters below find the
        // fixture's own verbal-conflict event from Iran on the first page.
        let conflict = entente_core::cameo::quad_class(code).unwrap_or(0) >= 3;
        let (s, t) = if conflict || (x >> 40).is_multiple_of(2) { ("RUSGOV", "IRNGOV") } else { ("IRNGOV", "RUSGOV") };
        let text = format!("Generated report {i}: {s} and {t}, code {code}.");
        out.push(
            entente_core::Event::new(&format!("gen-{i}"), 0, date, s, t, code, &text, Default::default())
                .unwrap(),
        );
    }
    out
}

#[test]
fn dashboard_in_headless_chromium() {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let chromium = which(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = which(&["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        let msg = "browser test skipped: chromium and chromedriver are not installed \
                   (apt-get install -y chromium chromium-driver)";
        assert!(!ci, "{msg}; CI=true requires them");
        eprintln!("{msg}");
        return;
    };

    // The server, on an ephemeral loopback port.
    let dir = tempfile::tempdir().unwrap();
    let mut events = common::events();
    events.extend(more_events());
    common::store(dir.path(), events);
    // Events with places and themes, one place named like a script.
    common::store_placed(dir.path());
    let server = entente_server::Server::builder(dir.path()).build();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    rt.spawn(async move { server.serve(listener, std::future::pending()).await });

    // chromedriver, on another.
    let port = free_port();
    let child = Command::new(&driver)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let _driver = Killed(child);
    let start = Instant::now();
    while !http(port, "GET", "/status", None).is_ok_and(|(_, v)| v["value"]["ready"] == json!(true)) {
        assert!(start.elapsed() < Duration::from_secs(20), "chromedriver did not become ready");
        std::thread::sleep(Duration::from_millis(100));
    }
    let caps = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1500", "--no-first-run", "--disable-extensions"]
        }
    }}});
    let (status, v) = http(port, "POST", "/session", Some(&caps)).unwrap();
    assert_eq!(status, 200, "cannot start Chromium: {v}");
    let session = Session { port, id: v["value"]["sessionId"].as_str().unwrap().to_string() };
    struct Quit<'a>(&'a Session);
    impl Drop for Quit<'_> {
        fn drop(&mut self) {
            let _ = http(self.0.port, "DELETE", &format!("/session/{}", self.0.id), None);
        }
    }
    let _quit = Quit(&session);

    // Load the dashboard and pick Russia–Iran as a user would: two selects and a button.
    session.call("POST", "/url", Some(json!({ "url": format!("http://{addr}/") })));
    session.click("#a option[value='RUS']");
    session.click("#b option[value='IRN']");
    session.call("POST", &format!("/element/{}/value", session.wait_for("#from")), Some(json!({ "text": "01/01/2022" })));
    session.click("#show");

    // The chart: an <svg> with bars, and the event table with rows.
    session.wait_until(
        "the chart's bars",
        "return document.querySelectorAll('#chart svg g.bar rect').length > 10",
    );
    session.wait_until("the event rows", "return document.querySelectorAll('#events tbody tr.event').length > 0");
    let bars = session.js("return document.querySelectorAll('#chart svg g.bar').length");
    let rows = session.js("return document.querySelectorAll('#events tbody tr.event').length");
    let title = session.js("return document.getElementById('title').textContent");
    eprintln!("dashboard: {bars} bars, {rows} event rows, title {title}");
    assert_eq!(title, "Russia and Iran");
    // The period starts in January 2022 whatever the browser did with the date field; the
    // fixture runs to 2024-01, so there are 25 monthly bars.
    assert!(bars.as_u64().unwrap() >= 18, "{bars} bars");
    assert_eq!(rows, 50, "one page of 50 events");
    // The status line says "Loading" until the events, themes and places are all in.
    session.wait_until("the page to finish loading", "return !document.getElementById('status').textContent.startsWith('Loading')");
    let err = session.js("return document.getElementById('status').textContent");
    assert_eq!(err, "", "the page reports an error");

    // The themes panel and the map: the fixture's themes by domain, the map image drawn by the
    // server, the places as text (the hostile name included, as text).
    session.wait_until("the theme rows", "return document.querySelectorAll('#themes tr.theme').length >= 3");
    let drones = session.js(
        "const tr = document.querySelector('#themes tr.theme[data-theme=\"military.drones\"]'); \
         return tr ? [tr.cells[0].querySelector('strong').textContent, tr.cells[1].textContent, tr.cells[3].textContent, \
                      tr.querySelectorAll('td.spark rect').length] : null",
    );
    assert_eq!(drones, json!(["drones", "4", "↑ rising", 4]), "the drones theme row");
    let domains = session.js("return [...document.querySelectorAll('#themes h4.domain')].map(h => h.textContent)");
    assert_eq!(domains[0], "military · 4 mentions", "{domains}");
    session.wait_until(
        "the map image",
        "const i = document.getElementById('map-img'); return i.complete && i.naturalWidth > 0 && i.getAttribute('src').startsWith('/api/map.svg?a=RUS&b=IRN')",
    );
    let places = session.js("return [...document.querySelectorAll('#places tr.place td:first-child')].map(td => td.textContent)");
    assert_eq!(places[0], "Tehran", "{places}");
    assert!(places.as_array().unwrap().iter().any(|p| p == common::HOSTILE_PLACE), "the hostile name is shown as text: {places}");
    let injected = session.js(
        "return document.querySelectorAll('#places script, #themes script, #themes img, #map script').length",
    );
    assert_eq!(injected, 0, "a place name or theme id became markup");
    let hostile_theme = session.js(&format!(
        "return [...document.querySelectorAll('#themes tr.theme strong')].some(s => s.textContent === {})",
        json!(common::HOSTILE_THEME)
    ));
    assert_eq!(hostile_theme, json!(true), "the hostile theme id is shown as text");
    let (status, _) = http(port, "GET", &format!("/session/{}/alert/text", session.id), None).unwrap();
    assert_eq!(status, 404, "an alert is open: a place name or theme ran as script");

    // Guide links for the pair.
    let href = session.js("return document.getElementById('guide-html').getAttribute('href')");
    assert!(href.as_str().unwrap().starts_with("/api/guide?a=RUS&b=IRN"), "{href}");

    // The screenshot, for people to look at.
    let png = session.call("GET", "/screenshot", None);
    let png = base64_decode(png.as_str().unwrap());
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dashboard.png");
    std::fs::write(&out, &png).unwrap();
    eprintln!("screenshot: {}", out.display());

    // Filters: verbal conflict only, then the script-tag sentence shows as text and runs not.
    session.click("#quad option[value='3']");
    session.wait_until(
        "the verbal-conflict rows",
        "const r = [...document.querySelectorAll('#events tbody tr.event')]; \
         return r.length > 0 && r.every(tr => tr.textContent.includes('verbal conflict'))",
    );
    session.click("#direction option[value='ba']");
    session.wait_until(
        "Iran's criticism with the script tag as text",
        "return [...document.querySelectorAll('#events td.evidence q')].some(q => q.textContent.includes('<script>alert(1)</script>'))",
    );
    let scripts = session.js("return document.querySelectorAll('#events script').length");
    assert_eq!(scripts, 0, "news text became a script element");
    let (status, _) = http(port, "GET", &format!("/session/{}/alert/text", session.id), None).unwrap();
    assert_eq!(status, 404, "an alert is open: news text ran as script");
    // A document id that is a javascript: URL is shown as text, not as a link.
    session.click("#direction option[value='ab']");
    session.click("#quad option[value='4']");
    session.wait_until(
        "the sanctions row",
        "return [...document.querySelectorAll('#events td.evidence')].some(td => td.textContent.includes('javascript:alert(2)'))",
    );
    let links = session.js("return [...document.querySelectorAll('#events a')].filter(a => !/^https?:/.test(a.href)).length");
    assert_eq!(links, 0, "a non-web document id became a link");
}
