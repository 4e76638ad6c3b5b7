//! store-bench: the event store's ingest and aggregation beside DuckDB on the same input.
//!
//! ```text
//! cargo build --release -p entente -p entente-bench
//! pip install duckdb            # the reference tool, run through python3
//! target/release/store-bench --rows 1000000,10000000 --agg-rows 10000000
//! ```
//!
//! For each size it generates (seeded, so every run sees the same bytes) a GDELT 2.0 events file
//! with realistic skew — a few countries in most events, verbal cooperation codes dominant,
//! heavy-tailed mention counts, a year of dates — then times `entente ingest gdelt` and DuckDB's
//! `read_csv` → Parquet on it, with peak memory (`/usr/bin/time`), and finally the dyad-month
//! aggregation (count and Σ Goldstein × mentions by source country, target country, month) on
//! entente's store and on DuckDB's Parquet file. Each run checks the row counts it expects, so a
//! benchmark that silently measured nothing fails instead.
//!
//! This binary deliberately uses only std (and this crate's seeded generator) and drives the
//! `entente` binary as a user would, so the figures include everything a user waits for
//! (process start, planning, fsync).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use entente_bench::{cumulative, Rng};
use std::time::Instant;

/// Country codes with a Zipf-like share of events (USA most, then the usual powers).
const COUNTRIES: &[&str] = &[
    "USA", "GBR", "RUS", "CHN", "IND", "ISR", "IRN", "FRA", "DEU", "TUR", "PAK", "SYR", "UKR",
    "JPN", "AUS", "CAN", "SAU", "AFG", "NGA", "KOR", "PRK", "EGY", "IRQ", "MEX", "BRA", "ZAF",
    "ITA", "ESP", "PHL", "IDN", "VEN", "LBN", "YEM", "LBY", "KEN", "POL", "GRC", "QAT", "ARE",
    "BGD", "LKA", "MYS", "THA", "VNM", "ARG", "COL", "ETH", "SOM", "SDN", "CUB",
];
const AGENTS: &[&str] =
    &["", "", "", "GOV", "GOV", "MIL", "BUS", "MED", "CVL", "OPP", "COP", "JUD"];
/// (code, Goldstein, share per 1000): statements, consultations and appeals dominate.
const CODES: &[(&str, f32, u32)] = &[
    ("010", 0.0, 80),
    ("011", -0.1, 10),
    ("012", -0.4, 15),
    ("013", 0.4, 20),
    ("017", 0.0, 10),
    ("020", 3.0, 25),
    ("036", 4.0, 30),
    ("040", 1.0, 80),
    ("042", 1.9, 40),
    ("043", 2.8, 55),
    ("046", 7.0, 30),
    ("051", 3.4, 40),
    ("057", 8.0, 20),
    ("061", 6.4, 20),
    ("071", 7.4, 15),
    ("0841", 5.0, 8),
    ("090", -2.0, 15),
    ("100", -5.0, 15),
    ("111", -2.0, 30),
    ("112", -2.0, 45),
    ("120", -4.0, 15),
    ("130", -4.4, 20),
    ("141", -6.5, 20),
    ("154", -7.2, 8),
    ("160", -4.0, 8),
    ("173", -5.0, 40),
    ("180", -9.0, 15),
    ("190", -10.0, 40),
    ("193", -10.0, 15),
    ("1823", -10.0, 5),
    ("195", -10.0, 5),
    ("200", -10.0, 2),
];

fn quad(root: u32) -> u32 {
    match root {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        _ => 4,
    }
}

/// Writes `rows` GDELT 2.0 (61-column) event rows to `path`, through `gzip -1` when `gzip`
/// (GDELT ships compressed files, and 100 M rows are 38 GB of text uncompressed).
fn generate(path: &Path, rows: u64, seed: u64, gzip: bool) -> std::io::Result<()> {
    if !gzip {
        let out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
        return write_rows(out, rows, seed);
    }
    let mut child = Command::new("gzip")
        .arg("-1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::fs::File::create(path)?)
        .spawn()?;
    let stdin = child.stdin.take().expect("gzip's stdin is piped");
    write_rows(BufWriter::with_capacity(1 << 20, stdin), rows, seed)?;
    let status = child.wait()?;
    if !status.success() {
        return Err(std::io::Error::other(format!("gzip failed: {status}")));
    }
    Ok(())
}

fn write_rows(mut out: impl Write, rows: u64, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng(seed | 1);
    let cw: Vec<u32> = (0..COUNTRIES.len() as u32).map(|i| 10_000 / (i + 2)).collect();
    let cc = cumulative(&cw);
    let kc = cumulative(&CODES.iter().map(|c| c.2).collect::<Vec<_>>());
    let mut line = String::with_capacity(1024);
    let first_id = 800_000_000u64;
    for i in 0..rows {
        line.clear();
        // Dates: a year (2019), uniform by day; the file is ordered by id, not date.
        let doy = rng.below(365) as u32;
        let (m, d) = month_day(doy);
        let date = format!("2019{m:02}{d:02}");
        let actor = |rng: &mut Rng, blank_share: u64| -> (String, String, String) {
            if rng.below(100) < blank_share {
                return (String::new(), String::new(), String::new());
            }
            let c = COUNTRIES[rng.pick(&cc)];
            let a = AGENTS[rng.below(AGENTS.len() as u64) as usize];
            (format!("{c}{a}"), c.to_string(), a.to_string())
        };
        let (a1, c1, t1) = actor(&mut rng, 8);
        let (a2, c2, t2) = actor(&mut rng, 30);
        let (code, gold, _) = CODES[rng.pick(&kc)];
        let root: u32 = code[..2].parse().unwrap();
        // Mentions: heavy-tailed, most events mentioned a few times.
        let mentions = (1.0 / (rng.unit() + 0.01)).min(500.0) as u32;
        let sources = 1 + mentions / 4;
        let tone = rng.unit() * 20.0 - 10.0;
        let lat = rng.unit() * 140.0 - 70.0;
        let lon = rng.unit() * 360.0 - 180.0;
        use std::fmt::Write as _;
        let _ = write!(
            line,
            "{id}\t{date}\t2019{m:02}\t2019\t2019.{frac:04}\t{a1}\t{n1}\t{c1}\t\t\t\t\t{t1}\t\t\t\
             {a2}\t{n2}\t{c2}\t\t\t\t\t{t2}\t\t\t{isroot}\t{code}\t{base}\t{root:02}\t{q}\t{gold:.1}\t\
             {mentions}\t{sources}\t{mentions}\t{tone:.6}\t\
             4\tCity, Region, Country\tXX\tXX01\t\t{lat:.4}\t{lon:.4}\t-123456\t\
             4\tCity, Region, Country\tXX\tXX01\t\t{lat:.4}\t{lon:.4}\t-123456\t\
             4\tCity, Region, Country\tXX\tXX01\t\t{lat:.4}\t{lon:.4}\t-123456\t\
             2019{m:02}{d:02}150000\thttps://news.example.invalid/{y}/{m:02}/article-{id}.html\n",
            id = first_id + i,
            frac = doy * 10_000 / 365,
            n1 = if c1.is_empty() { "" } else { "ACTOR ONE" },
            n2 = if c2.is_empty() { "" } else { "ACTOR TWO" },
            isroot = u32::from(rng.below(10) < 6),
            base = &code[..3],
            q = quad(root),
            y = 2019,
        );
        out.write_all(line.as_bytes())?;
    }
    out.flush()
}

fn month_day(doy: u32) -> (u32, u32) {
    const DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut d = doy;
    for (m, n) in DAYS.iter().enumerate() {
        if d < *n {
            return (m as u32 + 1, d + 1);
        }
        d -= n;
    }
    (12, 31)
}

/// Runs a command under `/usr/bin/time`, returning (stdout, stderr, wall seconds, peak KiB).
fn timed(cmd: &mut Command) -> (String, String, f64, u64) {
    let t = Instant::now();
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped.arg("-f").arg("PEAK_KB=%M").arg(cmd.get_program()).args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            wrapped.env(k, v);
        }
    }
    let o = wrapped.output().expect("/usr/bin/time runs");
    let secs = t.elapsed().as_secs_f64();
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{:?} failed:\n{out}\n{err}", cmd);
    let peak = err
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("PEAK_KB="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    (out, err, secs, peak)
}

const DUCK_COLUMNS: &str = "{'GLOBALEVENTID':'BIGINT','SQLDATE':'VARCHAR','MonthYear':'VARCHAR',\
'Year':'INTEGER','FractionDate':'DOUBLE','Actor1Code':'VARCHAR','Actor1Name':'VARCHAR',\
'Actor1CountryCode':'VARCHAR','Actor1KnownGroupCode':'VARCHAR','Actor1EthnicCode':'VARCHAR',\
'Actor1Religion1Code':'VARCHAR','Actor1Religion2Code':'VARCHAR','Actor1Type1Code':'VARCHAR',\
'Actor1Type2Code':'VARCHAR','Actor1Type3Code':'VARCHAR','Actor2Code':'VARCHAR',\
'Actor2Name':'VARCHAR','Actor2CountryCode':'VARCHAR','Actor2KnownGroupCode':'VARCHAR',\
'Actor2EthnicCode':'VARCHAR','Actor2Religion1Code':'VARCHAR','Actor2Religion2Code':'VARCHAR',\
'Actor2Type1Code':'VARCHAR','Actor2Type2Code':'VARCHAR','Actor2Type3Code':'VARCHAR',\
'IsRootEvent':'INTEGER','EventCode':'VARCHAR','EventBaseCode':'VARCHAR',\
'EventRootCode':'VARCHAR','QuadClass':'INTEGER','GoldsteinScale':'DOUBLE',\
'NumMentions':'INTEGER','NumSources':'INTEGER','NumArticles':'INTEGER','AvgTone':'DOUBLE',\
'Actor1Geo_Type':'INTEGER','Actor1Geo_FullName':'VARCHAR','Actor1Geo_CountryCode':'VARCHAR',\
'Actor1Geo_ADM1Code':'VARCHAR','Actor1Geo_ADM2Code':'VARCHAR','Actor1Geo_Lat':'DOUBLE',\
'Actor1Geo_Long':'DOUBLE','Actor1Geo_FeatureID':'VARCHAR','Actor2Geo_Type':'INTEGER',\
'Actor2Geo_FullName':'VARCHAR','Actor2Geo_CountryCode':'VARCHAR','Actor2Geo_ADM1Code':'VARCHAR',\
'Actor2Geo_ADM2Code':'VARCHAR','Actor2Geo_Lat':'DOUBLE','Actor2Geo_Long':'DOUBLE',\
'Actor2Geo_FeatureID':'VARCHAR','ActionGeo_Type':'INTEGER','ActionGeo_FullName':'VARCHAR',\
'ActionGeo_CountryCode':'VARCHAR','ActionGeo_ADM1Code':'VARCHAR','ActionGeo_ADM2Code':'VARCHAR',\
'ActionGeo_Lat':'DOUBLE','ActionGeo_Long':'DOUBLE','ActionGeo_FeatureID':'VARCHAR',\
'DATEADDED':'BIGINT','SOURCEURL':'VARCHAR'}";

fn duck(python: &str, script: &str) -> (String, f64, u64) {
    let (out, _, secs, peak) = timed(Command::new(python).arg("-c").arg(script));
    (out, secs, peak)
}

fn main() {
    let mut rows: Vec<u64> = vec![1_000_000];
    let mut agg_rows: u64 = 10_000_000;
    let mut dir = std::env::temp_dir().join("entente-store-bench");
    let mut python = "python3".to_string();
    let mut entente = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("entente")))
        .unwrap_or_else(|| PathBuf::from("entente"));
    let mut seed = 42u64;
    let mut gzip = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--rows" => {
                // `--rows none`: only the aggregation, over an existing store and Parquet file.
                let v = val();
                rows = if v == "none" {
                    Vec::new()
                } else {
                    v.split(',').map(|s| s.parse().expect("--rows N,N")).collect()
                }
            }
            "--agg-rows" => agg_rows = val().parse().expect("--agg-rows N"),
            "--dir" => dir = PathBuf::from(val()),
            "--python" => python = val(),
            "--entente" => entente = PathBuf::from(val()),
            "--seed" => seed = val().parse().expect("--seed N"),
            "--gzip" => gzip = true,
            _ => {
                eprintln!(
                    "usage: store-bench [--rows N,N|none] [--agg-rows N] [--dir DIR] [--python PY] \
                     [--entente BIN] [--seed N] [--gzip]"
                );
                std::process::exit(2);
            }
        }
    }
    std::fs::create_dir_all(&dir).expect("bench directory");
    let mut sizes = rows.clone();
    if !sizes.is_empty() && !sizes.contains(&agg_rows) {
        sizes.push(agg_rows);
    }
    println!("store-bench: seed {seed}, entente {}, dir {}", entente.display(), dir.display());
    println!(
        "{:>11} {:>8} | {:>9} {:>9} {:>8} {:>9} | {:>9} {:>9} {:>8} {:>9} | {:>6}",
        "rows",
        "MB",
        "entente s",
        "rows/s",
        "MB/s",
        "peak MB",
        "duckdb s",
        "rows/s",
        "MB/s",
        "peak MB",
        "ratio"
    );
    for &n in &sizes {
        let ext = if gzip { "CSV.gz" } else { "CSV" };
        let input = dir.join(format!("gdelt2-{n}-{seed}.{ext}"));
        if !input.exists() {
            let t = Instant::now();
            let tmp = input.with_extension("part");
            generate(&tmp, n, seed, gzip).expect("generating the input");
            std::fs::rename(&tmp, &input).expect("renaming the input");
            eprintln!("generated {} in {:.1} s", input.display(), t.elapsed().as_secs_f64());
        }
        let mb = std::fs::metadata(&input).unwrap().len() as f64 / 1e6;
        let store = dir.join(format!("store-{n}"));
        let _ = std::fs::remove_dir_all(&store);
        let (_, err, e_secs, e_peak) = timed(
            Command::new(&entente)
                .args(["ingest", "gdelt", "--quiet"])
                .arg(&input)
                .env("ENTENTE_STORE", &store),
        );
        assert!(
            err.contains(&format!(" {n} stored, 0 rejected")),
            "entente stored all rows:\n{err}"
        );
        let parquet = dir.join(format!("duck-{n}.parquet"));
        let _ = std::fs::remove_file(&parquet);
        let script = format!(
            "import duckdb\ncon = duckdb.connect()\ncon.execute('SET enable_progress_bar = false')\n\
             con.execute(\"COPY (SELECT * FROM read_csv('{}', delim='\\t', header=false, \
             columns={DUCK_COLUMNS})) TO '{}' (FORMAT parquet)\")\n\
             print(con.execute(\"SELECT count(*) FROM '{}'\").fetchone()[0])\n",
            input.display(),
            parquet.display(),
            parquet.display()
        );
        let (out, d_secs, d_peak) = duck(&python, &script);
        let last = out.lines().last().unwrap_or_default().trim();
        assert_eq!(last, n.to_string(), "DuckDB stored all rows");
        println!(
            "{n:>11} {mb:>8.0} | {e_secs:>9.2} {:>9.0} {:>8.1} {:>9.0} | {d_secs:>9.2} {:>9.0} \
             {:>8.1} {:>9.0} | {:>6.2}",
            n as f64 / e_secs,
            mb / e_secs,
            e_peak as f64 / 1024.0,
            n as f64 / d_secs,
            mb / d_secs,
            d_peak as f64 / 1024.0,
            e_secs / d_secs
        );
    }

    // The dyad-month aggregation over agg_rows rows, measured the same way on both sides:
    // whole processes (start-up, planning and the query: what a user waits for), best of
    // RUNS; then DuckDB's query alone inside one Python process, over its own Parquet file
    // and over entente's part files, as references.
    const RUNS: usize = 5;
    let store = dir.join(format!("store-{agg_rows}"));
    let parquet = dir.join(format!("duck-{agg_rows}.parquet"));
    let sql = "SELECT source_country, target_country, month, count(*) AS n, \
               sum(goldstein * mentions) AS weight FROM events \
               WHERE source_country IS NOT NULL AND target_country IS NOT NULL \
               GROUP BY source_country, target_country, month";
    let entente_best = |query: &str| {
        let mut best = f64::MAX;
        let mut first = String::new();
        for _ in 0..RUNS {
            let (out, _, secs, _) = timed(
                Command::new(&entente)
                    .args(["sql", query, "--format", "csv"])
                    .env("ENTENTE_STORE", &store),
            );
            first = out.lines().nth(1).unwrap_or_default().to_string();
            best = best.min(secs);
        }
        (first, best)
    };
    let (groups, e_best) = entente_best(&format!("SELECT count(*) FROM ({sql})"));
    let (_, e_start) = entente_best("SELECT count(*) FROM events");
    let duck_sql = format!(
        "SELECT count(*) FROM (SELECT Actor1CountryCode, Actor2CountryCode, MonthYear, \
         count(*) AS n, sum(GoldsteinScale * NumMentions) AS weight FROM '{}' \
         WHERE Actor1CountryCode IS NOT NULL AND Actor2CountryCode IS NOT NULL GROUP BY 1, 2, 3)",
        parquet.display()
    );
    let ours = format!("{}/dataset=*/month=*/*.parquet", store.display());
    let duck_ours_sql = format!(
        "SELECT count(*) FROM (SELECT source_country, target_country, month, count(*) AS n, \
         sum(goldstein * mentions) AS weight FROM read_parquet('{ours}') \
         WHERE source_country IS NOT NULL AND target_country IS NOT NULL GROUP BY 1, 2, 3)"
    );
    let duck_whole = |query: &str| {
        let script = format!(
            "import duckdb\ncon = duckdb.connect()\ncon.execute('SET enable_progress_bar = false')\n\
             print(con.execute(\"{query}\").fetchone()[0])\n"
        );
        let mut best = f64::MAX;
        let mut first = String::new();
        for _ in 0..RUNS {
            let (out, secs, _) = duck(&python, &script);
            first = out.lines().last().unwrap_or_default().trim().to_string();
            best = best.min(secs);
        }
        (first, best)
    };
    let (d_groups, d_whole) = duck_whole(&duck_sql);
    let (_, d_start) = duck_whole(&format!("SELECT count(*) FROM '{}'", parquet.display()));
    let script = format!(
        "import duckdb, time\ncon = duckdb.connect()\ncon.execute('SET enable_progress_bar = false')\n\
         def best(q):\n    b = 1e9\n    for _ in range({RUNS}):\n        t = time.time()\n        \
         n = con.execute(q).fetchone()[0]\n        b = min(b, time.time() - t)\n    return n, b\n\
         n, a = best(\"{duck_sql}\")\nm, b = best(\"{duck_ours_sql}\")\nprint(n, a, m, b)\n"
    );
    let (out, _, _) = duck(&python, &script);
    let v: Vec<String> =
        out.lines().last().unwrap_or_default().split_whitespace().map(String::from).collect();
    let num = |i: usize| v.get(i).and_then(|s| s.parse::<f64>().ok()).unwrap_or(f64::NAN);
    let (d_query, d_ours) = (num(1), num(3));
    assert_eq!(groups, d_groups, "both engines find the same number of dyad-months");
    assert_eq!(v.first(), Some(&groups), "DuckDB finds as many dyad-months in its own Parquet");
    assert_eq!(v.get(2), Some(&groups), "DuckDB finds as many dyad-months in entente's Parquet");
    println!(
        "\ndyad-month aggregation over {agg_rows} rows ({groups} groups), best of {RUNS}:\n  \
         whole process:  entente sql {e_best:.2} s | DuckDB (python3 -c) {d_whole:.2} s | \
         ratio {:.2}\n  \
         start-up (count(*) of the table): entente {e_start:.2} s | DuckDB {d_start:.2} s\n  \
         query alone:    entente ≈ {:.2} s (whole − start-up) | DuckDB {d_query:.2} s on its \
         Parquet, {d_ours:.2} s on entente's | ratio ≈ {:.2}",
        e_best / d_whole,
        e_best - e_start,
        (e_best - e_start) / d_query
    );

    guide(&entente, &python, &store, &ours, agg_rows);
}

/// `entente guide RUS IRN` over the aggregation's store (whole process: two queries, analysis,
/// HTML), beside DuckDB running the guide's two queries (the pair's events; volumes and third
/// parties as grouping sets) on the same part files, fetched as Arrow tables: the whole
/// `python3 -c` process, and the two queries alone inside it. DuckDB must find as many
/// Russia–Iran events as the guide reports.
fn guide(entente: &Path, python: &str, store: &Path, files: &str, rows: u64) {
    const RUNS: usize = 5;
    let out = std::env::temp_dir().join(format!("store-bench-guide-{}.html", std::process::id()));
    let mut best = f64::MAX;
    let mut events = String::new();
    for _ in 0..RUNS {
        let (_, err, secs, _) = timed(
            Command::new(entente)
                .args(["guide", "RUS", "IRN", "-o"])
                .arg(&out)
                .env("ENTENTE_STORE", store),
        );
        // "wrote FILE: 32555 RUS–IRN events (…"
        events = err
            .split(": ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or_default()
            .to_string();
        best = best.min(secs);
    }
    let _ = std::fs::remove_file(&out);
    let (a, b) = ("RUS", "IRN");
    let pair = format!(
        "(source_country = '{a}' AND target_country = '{b}') OR (source_country = '{b}' AND target_country = '{a}')"
    );
    let q1 = format!(
        "SELECT date, dataset, source, source_name, source_country, target, target_name, target_country, code, \
         root, quad_class, goldstein, mentions, sources, articles, text, document FROM read_parquet('{files}') \
         WHERE {pair} ORDER BY date, event_id"
    );
    let q2 = format!(
        "SELECT s_side, t_side, date, source_country, target_country, quad_class, grouping(s_side) AS no_s, \
         grouping(t_side) AS no_t, count(*) AS n, sum(goldstein) AS g FROM (SELECT \
         CASE WHEN source_country IN ('{a}', '{b}') THEN source_country END AS s_side, \
         CASE WHEN target_country IN ('{a}', '{b}') AND source_country IS DISTINCT FROM target_country \
         THEN target_country END AS t_side, date, source_country, target_country, quad_class, goldstein \
         FROM read_parquet('{files}') WHERE source_country IN ('{a}', '{b}') OR target_country IN ('{a}', '{b}')) \
         GROUP BY GROUPING SETS ((s_side, date), (t_side, date), (source_country, target_country, quad_class))"
    );
    let script = format!(
        "import duckdb, time, sys\ncon = duckdb.connect()\ncon.execute('SET enable_progress_bar = false')\n\
         def arrow(q):\n    r = con.execute(q)\n    \
         return r.to_arrow_table() if hasattr(r, 'to_arrow_table') else r.fetch_arrow_table()\n\
         def both():\n    n = arrow(\"{q1}\").num_rows\n    arrow(\"{q2}\")\n    return n\n\
         n = both()\nif len(sys.argv) > 1:\n    b = 1e9\n    for _ in range({RUNS}):\n        t = time.time()\n        \
         both()\n        b = min(b, time.time() - t)\n    print(n, b)\nelse:\n    print(n)\n"
    );
    let mut d_whole = f64::MAX;
    for _ in 0..RUNS {
        let (o, secs, _) = duck(python, &script);
        assert_eq!(o.trim(), events, "DuckDB finds as many RUS–IRN events as the guide");
        d_whole = d_whole.min(secs);
    }
    let o = Command::new(python).args(["-c", &script, "alone"]).output().expect("python3 runs");
    let o = String::from_utf8_lossy(&o.stdout);
    let d_alone: f64 = o.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
    println!(
        "\nguide RUS IRN over {rows} rows ({events} RUS–IRN events), best of {RUNS}:\n  \
         entente guide (whole process: queries, analysis, HTML) {best:.2} s | DuckDB, the guide's two \
         queries: python3 -c {d_whole:.2} s, queries alone {d_alone:.2} s | ratio to DuckDB's \
         whole process {:.2}",
        best / d_whole
    );
}
