//! api-bench: latency of `entente serve`'s JSON API under concurrent load, on loopback.
//!
//! ```text
//! cargo build --release -p entente -p entente-bench
//! target/release/api-bench --events 1000000 --clients 1,8,32 --requests 2000
//! ```
//!
//! It generates (seeded, so every run sees the same bytes) a store of coded events with
//! evidence sentences — 24 countries with a heavy-tailed share of the news, Russia–Iran among
//! the busiest pairs, three years of dates, the CAMEO codes weighted towards verbal
//! cooperation as in the news — imports it with `entente ingest events`, starts
//! `entente serve --addr 127.0.0.1:0`, and then for each endpoint and each client count runs
//! a bounded number of requests (and at most `--seconds` per run) from that many threads, each
//! on its own keep-alive connection, printing requests per second and latency percentiles.
//! Every response is checked (status 200 and the body the endpoint must return), so a run that
//! silently measured errors fails instead.
//!
//! `--load 50,200` adds the overload test: for `--load-seconds` (10) that many clients send
//! requests back to back on the guide endpoint (one guide asked by everyone, and a different
//! guide per request, which no cache can answer) and on a page of events. It counts 200s, 503s
//! and anything else (which must be none), the latency of accepted requests, and the server's
//! threads and resident memory idle, at the peak, and 3 s and 12 s after the burst (from /proc).
//!
//! Like store-bench it uses only std and drives the `entente` binary as a user would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use entente_bench::Rng;

const COUNTRIES: [&str; 24] = [
    "USA", "RUS", "CHN", "IRN", "UKR", "ISR", "GBR", "FRA", "DEU", "TUR", "IND", "PAK", "SAU",
    "SYR", "JPN", "KOR", "PRK", "EGY", "IRQ", "AFG", "BRA", "ZAF", "NGA", "VEN",
];
/// (code, weight): verbal cooperation dominates, as in news-coded data.
const CODES: [(&str, u64); 16] = [
    ("010", 10), ("036", 12), ("042", 8), ("043", 6), ("046", 8), ("057", 4), ("061", 3),
    ("0841", 2), ("111", 8), ("112", 7), ("130", 3), ("141", 3), ("172", 3), ("163", 2),
    ("190", 3), ("193", 1),
];
const AGENTS: [&str; 4] = ["GOV", "MIL", "GOV", "BUS"];

/// Writes `n` coded events as JSON Lines; returns the number of Russia–Iran events.
fn generate(path: &Path, n: usize, seed: u64) -> std::io::Result<usize> {
    let mut rng = Rng(seed);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let total_weight: u64 = CODES.iter().map(|c| c.1).sum();
    let start = entente_core::Date::new(2021, 1, 1).unwrap().to_days();
    let mut rus_irn = 0;
    for i in 0..n {
        // A heavy tail: country k is picked with weight 1/(k+1); Russia–Iran gets a boost.
        let pick = |rng: &mut Rng| {
            let mut x = rng.below(1_000_000) as f64 / 1_000_000.0 * 3.776; // H(24)
            for (k, c) in COUNTRIES.iter().enumerate() {
                x -= 1.0 / (k as f64 + 1.0);
                if x <= 0.0 {
                    return *c;
                }
            }
            COUNTRIES[23]
        };
        let (s, mut t) = if rng.below(10) == 0 {
            if rng.below(2) == 0 { ("RUS", "IRN") } else { ("IRN", "RUS") }
        } else {
            (pick(&mut rng), pick(&mut rng))
        };
        while t == s {
            t = pick(&mut rng);
        }
        if (s, t) == ("RUS", "IRN") || (s, t) == ("IRN", "RUS") {
            rus_irn += 1;
        }
        let mut w = rng.below(total_weight);
        let code = CODES.iter().find(|c| if w < c.1 { true } else { w -= c.1; false }).unwrap().0;
        let date = entente_core::Date::from_days(start + rng.below(3 * 365) as i32);
        let (sa, ta) = (AGENTS[rng.below(4) as usize], AGENTS[rng.below(4) as usize]);
        let text = format!(
            "Officials of {s} and {t} met on {date} (report {i}); the {s} side said the talks covered trade and security."
        );
        let e = entente_core::Event::new(
            &format!("https://news.example/{}/{i}", date.year),
            (i % 7) as u32,
            date,
            &format!("{s}{sa}"),
            &format!("{t}{ta}"),
            code,
            &text,
            Default::default(),
        )
        .expect("a CAMEO code");
        serde_json::to_writer(&mut out, &e)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(rus_irn)
}

/// Kills the server when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A keep-alive HTTP/1.1 connection to the server.
struct Conn {
    port: u16,
    stream: BufReader<TcpStream>,
}

impl Conn {
    fn open(port: u16) -> std::io::Result<Conn> {
        let s = TcpStream::connect(("127.0.0.1", port))?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_secs(120)))?;
        Ok(Conn { port, stream: BufReader::new(s) })
    }

    /// GET `path`; the status and the body.
    fn get(&mut self, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
        write!(self.stream.get_mut(), "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port)?;
        let mut line = String::new();
        self.stream.read_line(&mut line)?;
        let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut len = None;
        loop {
            line.clear();
            if self.stream.read_line(&mut line)? == 0 {
                return Err(std::io::Error::other("connection closed in the headers"));
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse::<usize>().ok();
                }
            }
        }
        let len = len.ok_or_else(|| std::io::Error::other("no Content-Length"))?;
        let mut body = vec![0; len];
        self.stream.read_exact(&mut body)?;
        Ok((status, body))
    }
}

struct Run {
    requests: usize,
    elapsed: Duration,
    lat: Vec<Duration>,
}

/// `clients` threads share `requests` requests to `path` (stopping after `limit`), each on
/// its own connection; every body must contain `expect`.
fn run(port: u16, path: &str, expect: &str, clients: usize, requests: usize, limit: Duration) -> Run {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let (next, path, expect) = (next.clone(), path.to_string(), expect.to_string());
            std::thread::spawn(move || {
                let mut conn = Conn::open(port).expect("connect to the server");
                let mut lat = Vec::new();
                while next.fetch_add(1, Ordering::Relaxed) < requests && start.elapsed() < limit {
                    let t = Instant::now();
                    let (status, body) = conn.get(&path).expect("a response");
                    lat.push(t.elapsed());
                    let body = String::from_utf8_lossy(&body);
                    assert_eq!(status, 200, "{path}: {body}");
                    assert!(body.contains(&expect), "{path}: the body lacks {expect:?}: {body:.300}");
                }
                lat
            })
        })
        .collect();
    let mut lat: Vec<Duration> = threads.into_iter().flat_map(|t| t.join().expect("a client thread")).collect();
    let elapsed = start.elapsed();
    lat.sort();
    Run { requests: lat.len(), elapsed, lat }
}

/// DuckDB's time (seconds, best of 5, warm, in one Python process) for the SQL each scenario's
/// endpoint runs, over the same Parquet files: the floor a query engine sets, beside which the
/// API's latency (HTTP, validation, planning, JSON included) is read. The pairs endpoint is
/// answered from a cache, so its reference is the uncached aggregate. Each query's row count is
/// checked against what the endpoint returns at least, so a reference that matched nothing
/// fails. `None` when DuckDB is not installed.
fn duckdb_reference(python: &str, store: &Path) -> Option<Vec<f64>> {
    let files = format!("read_parquet('{}/dataset=*/month=*/*.parquet')", store.display());
    let pair = "((source_country = 'RUS' AND target_country = 'IRN') OR \
                (source_country = 'IRN' AND target_country = 'RUS'))";
    let queries = [
        format!(
            "SELECT * FROM {files} WHERE {pair} AND date BETWEEN DATE '2022-01-01' AND DATE '2023-12-31' \
             ORDER BY date DESC, event_id DESC LIMIT 101"
        ),
        format!(
            "SELECT * FROM {files} WHERE source_country = 'RUS' AND target_country = 'IRN' \
             AND root IN ('17', '19') AND quad_class IN (4) ORDER BY date DESC, event_id DESC LIMIT 101"
        ),
        format!(
            "SELECT date, source_country = 'RUS' AS a_to_b, quad_class, count(*), sum(goldstein) FROM {files} \
             WHERE {pair} AND date BETWEEN DATE '2021-01-01' AND DATE '2023-12-31' GROUP BY 1, 2, 3"
        ),
        format!(
            "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b, \
             count(*) AS n FROM {files} WHERE source_country IS NOT NULL AND target_country IS NOT NULL \
             AND source_country <> target_country GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT 50"
        ),
    ];
    let list: Vec<String> = queries.iter().map(|q| format!("\"{q}\"")).collect();
    let script = format!(
        "import duckdb, time\ncon = duckdb.connect()\ncon.execute('SET enable_progress_bar = false')\n\
         for q in [{}]:\n    b = 1e9\n    for _ in range(5):\n        t = time.time()\n        \
         n = len(con.execute(q).fetchall())\n        b = min(b, time.time() - t)\n    print(n, b)\n",
        list.join(", ")
    );
    let out = match Command::new(python).arg("-c").arg(&script).output() {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        Ok(o) => {
            eprintln!("DuckDB reference skipped: {}", String::from_utf8_lossy(&o.stderr).trim());
            return None;
        }
        Err(e) => {
            eprintln!("DuckDB reference skipped: cannot run {python}: {e}");
            return None;
        }
    };
    let mut secs = Vec::new();
    for (line, min_rows) in out.lines().zip([101usize, 1, 12, 50]) {
        let mut it = line.split_whitespace();
        let rows: usize = it.next()?.parse().ok()?;
        assert!(rows >= min_rows, "DuckDB reference query returned {rows} rows, expected at least {min_rows}");
        secs.push(it.next()?.parse().ok()?);
    }
    (secs.len() == queries.len()).then_some(secs)
}

/// Threads and resident memory (MB) of process `pid`, from /proc (Linux).
fn proc_status(pid: u32) -> Option<(u64, f64)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        s.lines().find(|l| l.starts_with(name))?.split_whitespace().nth(1)?.parse().ok()
    };
    Some((field("Threads:")?, field("VmRSS:")? as f64 / 1024.0))
}

struct Load {
    ok: usize,
    busy: usize,
    other: usize,
    errors: usize,
    elapsed: Duration,
    lat: Vec<Duration>,
    peak_threads: u64,
    peak_rss: f64,
}

/// `clients` threads send requests back to back for `secs`, each on its own keep-alive
/// connection (reopened when the server closes it); `path(i)` is the i-th request's path.
/// A 200 must carry `expect`; a 503 must carry `Retry-After` (checked by its status only here:
/// the server tests check the header). The server process is sampled every 50 ms.
fn load(port: u16, pid: u32, path: impl Fn(usize) -> String + Send + Sync + 'static, expect: &str, clients: usize, secs: u64) -> Load {
    let path = Arc::new(path);
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let limit = Duration::from_secs(secs);
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let done = done.clone();
        std::thread::spawn(move || {
            let (mut threads, mut rss) = (0u64, 0f64);
            while !done.load(Ordering::Relaxed) {
                if let Some((t, r)) = proc_status(pid) {
                    threads = threads.max(t);
                    rss = rss.max(r);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            (threads, rss)
        })
    };
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let (next, path, expect) = (next.clone(), path.clone(), expect.to_string());
            std::thread::spawn(move || {
                let (mut ok, mut busy, mut other, mut errors, mut lat) = (0, 0, 0, 0, Vec::new());
                let mut conn: Option<Conn> = None;
                while start.elapsed() < limit {
                    let c = match conn.as_mut() {
                        Some(c) => c,
                        None => match Conn::open(port) {
                            Ok(c) => conn.insert(c),
                            Err(_) => {
                                errors += 1;
                                std::thread::sleep(Duration::from_millis(10));
                                continue;
                            }
                        },
                    };
                    let p = path(next.fetch_add(1, Ordering::Relaxed));
                    let t = Instant::now();
                    match c.get(&p) {
                        Ok((200, body)) => {
                            let body = String::from_utf8_lossy(&body);
                            assert!(body.contains(&expect), "{p}: the body lacks {expect:?}: {body:.300}");
                            ok += 1;
                            lat.push(t.elapsed());
                        }
                        Ok((503, _)) => busy += 1,
                        Ok((status, body)) => {
                            other += 1;
                            eprintln!("{p}: {status} {}", String::from_utf8_lossy(&body));
                        }
                        Err(_) => {
                            errors += 1;
                            conn = None;
                        }
                    }
                }
                (ok, busy, other, errors, lat)
            })
        })
        .collect();
    let mut out = Load { ok: 0, busy: 0, other: 0, errors: 0, elapsed: Duration::ZERO, lat: Vec::new(), peak_threads: 0, peak_rss: 0.0 };
    for w in workers {
        let (ok, busy, other, errors, lat) = w.join().expect("a client thread");
        out.ok += ok;
        out.busy += busy;
        out.other += other;
        out.errors += errors;
        out.lat.extend(lat);
    }
    out.elapsed = start.elapsed();
    done.store(true, Ordering::Relaxed);
    (out.peak_threads, out.peak_rss) = sampler.join().expect("the sampler");
    out.lat.sort();
    out
}

fn pct(lat: &[Duration], p: f64) -> f64 {
    let i = ((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1;
    lat[i].as_secs_f64() * 1000.0
}

fn main() -> std::process::ExitCode {
    let mut events = 1_000_000usize;
    let mut clients = vec![1usize, 8, 32];
    let mut requests = 2000usize;
    let mut seconds = 60u64;
    let mut entente: Option<PathBuf> = None;
    let mut timeout = 10u64;
    let mut keep: Option<PathBuf> = None;
    let mut python = "python3".to_string();
    let mut load_clients: Vec<usize> = Vec::new();
    let mut load_seconds = 10u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--events" => events = val().parse().expect("--events N"),
            "--clients" => clients = val().split(',').map(|c| c.parse().expect("--clients 1,8,32")).collect(),
            "--requests" => requests = val().parse().expect("--requests N"),
            "--seconds" => seconds = val().parse().expect("--seconds N"),
            "--entente" => entente = Some(PathBuf::from(val())),
            "--timeout" => timeout = val().parse().expect("--timeout SECS"),
            "--keep" => keep = Some(PathBuf::from(val())),
            "--python" => python = val(),
            "--load" => load_clients = val().split(',').map(|c| c.parse().expect("--load 50,200")).collect(),
            "--load-seconds" => load_seconds = val().parse().expect("--load-seconds N"),
            _ => {
                eprintln!(
                    "usage: api-bench [--events N] [--clients 1,8,32] [--requests N per run] \
                     [--seconds S per run] [--entente PATH] [--timeout SECS of the server] \
                     [--keep DIR: build the store there once and reuse it] \
                     [--python PY: the python3 with duckdb, the reference] \
                     [--load 50,200: the overload test with that many clients] [--load-seconds S]"
                );
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    assert!(clients.iter().all(|c| (1..=256).contains(c)), "--clients: 1 to 256 each");
    assert!(load_clients.iter().all(|c| (1..=1000).contains(c)), "--load: 1 to 1000 each");
    let entente = entente.unwrap_or_else(|| {
        std::env::current_exe().unwrap().parent().unwrap().join("entente")
    });
    assert!(entente.is_file(), "{} not found: build it, or pass --entente", entente.display());

    let dir = keep.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("api-bench-{}", std::process::id())));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join(format!("events-{events}.jsonl"));
    let store = dir.join(format!("store-{events}"));
    let t = Instant::now();
    let rus_irn = generate(&input, events, 0x5eed).unwrap();
    eprintln!("generated {events} events ({rus_irn} Russia–Iran) in {:.1} s", t.elapsed().as_secs_f64());
    if !store.join("manifest.json").exists() {
        let t = Instant::now();
        let ok = Command::new(&entente)
            .args(["ingest", "events", "-q", "--store"])
            .arg(&store)
            .arg(&input)
            .status()
            .unwrap()
            .success();
        assert!(ok, "entente ingest failed");
        eprintln!("ingested in {:.1} s", t.elapsed().as_secs_f64());
    }

    let mut child = Command::new(&entente)
        .args(["serve", "--addr", "127.0.0.1:0", "--timeout", &timeout.to_string(), "--store"])
        .arg(&store)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let server = Server(child);
    let port: u16 = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("cannot read the port from {line:?}"));

    let scenarios = [
        ("events, one page", "/api/events?a=RUS&b=IRN&from=2022-01-01&to=2023-12-31&limit=100", "\"events\":[{"),
        ("events, filtered", "/api/events?a=RUS&b=IRN&root=17,19&quad=4&direction=ab&limit=100", "\"events\":[{"),
        ("series, monthly", "/api/series?a=RUS&b=IRN&from=2021-01-01&to=2023-12-31&granularity=month", "\"period\":\"2023-12\""),
        ("pairs (cached)", "/api/pairs?limit=50", "\"pairs\":[{"),
    ];
    let reference = duckdb_reference(&python, &store);
    // Warm up: the first request builds the session and reads Parquet footers.
    let mut c = Conn::open(port).unwrap();
    for (_, path, expect) in &scenarios {
        let (status, body) = c.get(path).unwrap();
        assert!(status == 200 && String::from_utf8_lossy(&body).contains(expect), "{path}: {status}");
    }
    drop(c);

    println!("entente serve on 127.0.0.1, store of {events} coded events ({rus_irn} Russia–Iran), {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get()));
    println!(
        "{:<18} {:>7} {:>8} {:>8} {:>9} {:>9} {:>9} {:>9} | {:>9} {:>10} {:>11}",
        "endpoint", "clients", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "DuckDB ms", "p50/DuckDB",
        "req/s/DuckDB"
    );
    for (i, (name, path, expect)) in scenarios.iter().enumerate() {
        for &n in &clients {
            let r = run(port, path, expect, n, requests, Duration::from_secs(seconds));
            assert!(r.requests > 0, "{name}: no request completed");
            let duck = reference.as_ref().and_then(|v| v.get(i).copied());
            println!(
                "{:<18} {:>7} {:>8} {:>8.0} {:>9.1} {:>9.1} {:>9.1} {:>9.1} | {:>9} {:>10} {:>11}",
                name,
                n,
                r.requests,
                r.requests as f64 / r.elapsed.as_secs_f64(),
                pct(&r.lat, 0.50),
                pct(&r.lat, 0.90),
                pct(&r.lat, 0.99),
                r.lat.last().unwrap().as_secs_f64() * 1000.0,
                duck.map_or("-".to_string(), |d| format!("{:.1}", d * 1000.0)),
                duck.map_or("-".to_string(), |d| format!("{:.2}", pct(&r.lat, 0.50) / (d * 1000.0))),
                // Throughput against DuckDB answering the same query back to back (1 / its time).
                duck.map_or("-".to_string(), |d| format!("{:.2}", r.requests as f64 / r.elapsed.as_secs_f64() * d)),
            );
        }
    }
    if !load_clients.is_empty() {
        let pid = server.0.id();
        println!();
        println!("overload: clients back to back for {load_seconds} s each; 503 = turned away at once (Retry-After)");
        println!(
            "{:<22} {:>7} {:>7} {:>7} {:>6} {:>6} {:>8} {:>9} {:>9} | {:>24} | {:>28}",
            "endpoint", "clients", "200", "503", "other", "errors", "200/s", "p50 ms", "p99 ms", "threads idle/peak/3s/12s", "RSS MB idle/peak/3s/12s"
        );
        let guides: [(&str, Box<dyn Fn(usize) -> String + Send + Sync>, &str); 3] = [
            ("guide, one for all", Box::new(|_| "/api/guide?a=RUS&b=IRN&format=json".to_string()), "\"RUS\""),
            (
                "guide, each different",
                // A different period per request: no cache answers it.
                Box::new(|i| format!("/api/guide?a=RUS&b=IRN&format=json&from=2021-{:02}-{:02}&to=2023-12-31", 1 + i / 28 % 12, 1 + i % 28)),
                "\"RUS\"",
            ),
            ("events, one page", { let p = scenarios[0].1.to_string(); Box::new(move |_| p.clone()) }, "\"events\":[{"),
        ];
        for (name, path, expect) in guides {
            let path: Arc<dyn Fn(usize) -> String + Send + Sync> = Arc::from(path);
            for &n in &load_clients {
                let idle = proc_status(pid).unwrap_or_default();
                let p = path.clone();
                let r = load(port, pid, move |i| p(i), expect, n, load_seconds);
                std::thread::sleep(Duration::from_secs(3));
                let after = proc_status(pid).unwrap_or_default();
                // Tokio ends idle blocking threads after 10 s: what is left once they have gone.
                std::thread::sleep(Duration::from_secs(9));
                let later = proc_status(pid).unwrap_or_default();
                let q = |x: f64| if r.lat.is_empty() { "-".to_string() } else { format!("{x:.1}") };
                println!(
                    "{:<22} {:>7} {:>7} {:>7} {:>6} {:>6} {:>8.1} {:>9} {:>9} | {:>6}/{:>5}/{:>5}/{:>5} | {:>7.0}/{:>6.0}/{:>6.0}/{:>6.0}",
                    name,
                    n,
                    r.ok,
                    r.busy,
                    r.other,
                    r.errors,
                    r.ok as f64 / r.elapsed.as_secs_f64(),
                    q(if r.lat.is_empty() { 0.0 } else { pct(&r.lat, 0.50) }),
                    q(if r.lat.is_empty() { 0.0 } else { pct(&r.lat, 0.99) }),
                    idle.0,
                    r.peak_threads,
                    after.0,
                    later.0,
                    idle.1,
                    r.peak_rss,
                    after.1,
                    later.1,
                );
                assert_eq!(r.other, 0, "{name} at {n} clients: answers other than 200 and 503");
            }
        }
    }
    drop(server);
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    std::process::ExitCode::SUCCESS
}
