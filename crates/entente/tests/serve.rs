//! `entente serve` through the binary: `/api/guide` with the guide renderer the CLI wires in (the
//! server's own tests use a stand-in renderer, since the real one lives in the binary), on a small
//! store written here, over a real socket.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// News text that must never become markup.
const SCRIPT: &str = "Iran said <script>alert(1)</script> & [x](javascript:alert(2)) *now*.";

/// A few Russia–Iran events, one with markup in its text.
fn store(dir: &Path) {
    let events = [
        ("2022-01-10", "RUSGOV", "IRNGOV", "036", "Russia said it wants to meet Iran."),
        ("2022-03-09", "IRNGOV", "RUSGOV", "111", SCRIPT),
        ("2022-06-01", "RUSGOV", "IRNGOV", "042", "Russia's foreign minister visited Tehran."),
        ("2022-09-14", "IRNGOV", "RUSGOV", "057", "Iran and Russia signed a gas agreement."),
    ]
    .iter()
    .enumerate()
    .map(|(i, (d, s, t, c, x))| {
        entente_core::Event::new(&format!("doc-{i}"), 0, d.parse().unwrap(), s, t, c, x, Default::default()).unwrap()
    })
    .collect::<Vec<_>>();
    let mut store = entente_store::Store::open(dir).unwrap();
    store.ingest_events("test", events).unwrap();
}

/// `entente serve` on a free loopback port; killed on drop.
struct Serve {
    child: Child,
    addr: String,
}

impl Serve {
    fn start(store: &Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_entente"))
            .args(["serve", "--addr", "127.0.0.1:0", "--timeout", "60"])
            .env("ENTENTE_STORE", store)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the entente binary runs");
        // "entente serve: http://127.0.0.1:PORT/ (store ...; Ctrl-C stops)"
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).map(str::to_string);
        let Some(addr) = addr else {
            let _ = child.kill();
            panic!("no address in the first line of `entente serve`: {line:?}");
        };
        Serve { child, addr }
    }

    /// GET `path`: the status, the headers (names in lower case) and the body.
    fn get(&self, path: &str) -> (u16, Vec<(String, String)>, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response");
        let head = String::from_utf8(raw[..split].to_vec()).unwrap();
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
            body = dechunk(&body);
        }
        (status, headers, String::from_utf8(body).unwrap())
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
    out
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

#[test]
fn api_guide_renders_the_store_in_three_formats_with_news_text_escaped() {
    let dir = tempfile::tempdir().unwrap();
    store(dir.path());
    let serve = Serve::start(dir.path());

    let (status, h, html) = serve.get("/api/guide?a=RUS&b=IRN&from=2022-01-01&to=2022-12-31&format=html");
    assert_eq!(status, 200, "{html}");
    assert_eq!(header(&h, "content-type"), "text/html; charset=utf-8");
    assert!(header(&h, "content-security-policy").starts_with("default-src 'none'"));
    assert_eq!(header(&h, "content-disposition"), "inline; filename=\"guide-RUS-IRN-2022-01-01-2022-12-31.html\"");
    // The guide of this store: its four events, charts, and the evidence escaped.
    assert!(html.contains("4 events"), "{html}");
    assert!(html.contains("<svg"), "the guide has charts");
    assert!(!html.to_lowercase().contains("<script"), "unescaped script in the HTML guide");
    assert!(html.contains("Iran said &lt;script&gt;alert(1)&lt;/script&gt; &amp;"), "{html}");

    let (status, h, md) = serve.get("/api/guide?a=RUS&b=IRN&format=md");
    assert_eq!(status, 200, "{md}");
    assert_eq!(header(&h, "content-type"), "text/markdown; charset=utf-8");
    assert!(md.contains("4 events"), "{md}");
    assert!(!md.contains("<script"), "raw script tag in the Markdown guide");
    assert!(md.contains(r"Iran said &lt;script&gt;alert(1)&lt;/script&gt; &amp; \[x\](javascript:alert(2)) \*now\*."), "{md}");

    let (status, h, json) = serve.get("/api/guide?a=IRN&b=RUS&format=json");
    assert_eq!(status, 200, "{json}");
    assert_eq!(header(&h, "content-type"), "application/json");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!((v["a"].as_str(), v["b"].as_str()), (Some("IRN"), Some("RUS")));
    assert_eq!(v["totals"]["both"]["events"], 4, "{v}");

    // A pair with no events is still a guide (saying so); a bad request is a 400 with a reason.
    let (status, _, body) = serve.get("/api/guide?a=USA&b=CHN&format=md");
    assert_eq!(status, 200, "{body}");
    let (status, h, body) = serve.get("/api/guide?a=RUS&b=RUS");
    assert_eq!(status, 400, "{body}");
    assert_eq!(header(&h, "content-type"), "application/json");
    assert!(body.contains("two different countries"), "{body}");
}
