//! cluster-bench: the dyad-month aggregation over one store, locally and on a Ballista cluster
//! of 1, 2, … executors on this machine, beside DuckDB on the same Parquet files.
//!
//! ```text
//! cargo build --release -p entente --features cluster -p entente-bench
//! target/release/store-bench --rows 10000000 --agg-rows 10000000 --dir /work/bench-store
//! target/release/cluster-bench --store /work/bench-store/store-10000000 --executors 1,2
//! ```
//!
//! For each executor count it starts `entente cluster scheduler` and that many
//! `entente cluster executor`s on 127.0.0.1 (free ports, two task slots each), waits until the
//! cluster answers, runs the query `--runs` times as whole `entente sql --cluster` processes, and
//! checks that the answer equals the local one row for row (sums to 1e-9 relative), so a
//! cluster that answered something else cannot be timed. Local execution is timed the same way
//! (whole `entente sql` processes, with their CPU time), DuckDB as a whole `python3 -c` process
//! over the store's part files and as the query alone inside Python.
//!
//! Like store-bench it uses only std and drives the `entente` binary as a user would.

use std::path::{Path, PathBuf};
use entente_bench::{free_port, Procs};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const QUERY: &str = "SELECT source_country, target_country, month, count(*) AS n, \
    sum(goldstein * mentions) AS weight FROM events \
    WHERE source_country IS NOT NULL AND target_country IS NOT NULL \
    GROUP BY source_country, target_country, month \
    ORDER BY source_country, target_country, month";

/// CPU seconds (user + system) the process `pid` has used so far, from `/proc/PID/stat`
/// (Linux reports them in USER_HZ ticks, 100 a second).
fn proc_cpu(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name may hold spaces; the fields after its closing parenthesis are fixed.
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN);
    (tick(11) + tick(12)) / 100.0
}

/// One timed `entente sql` run: (rows without the header, wall seconds, CPU seconds).
fn sql(entente: &Path, store: &Path, cluster: Option<&str>) -> Result<(Vec<String>, f64, f64), String> {
    let mut cmd = Command::new("/usr/bin/time");
    cmd.args(["-f", "CPU=%U %S"]).arg(entente).args(["sql", QUERY, "--format", "csv", "--limit", "0"]);
    cmd.arg("--store").arg(store);
    if let Some(c) = cluster {
        cmd.args(["--cluster", c]);
    }
    let t = Instant::now();
    let o = cmd.output().map_err(|e| format!("cannot run {}: {e}", entente.display()))?;
    let wall = t.elapsed().as_secs_f64();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    if !o.status.success() {
        return Err(err);
    }
    let cpu = err
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("CPU="))
        .map(|v| v.split_whitespace().filter_map(|x| x.parse::<f64>().ok()).sum())
        .unwrap_or(f64::NAN);
    let rows = String::from_utf8_lossy(&o.stdout).lines().skip(1).map(str::to_string).collect();
    Ok((rows, wall, cpu))
}

/// Panics unless the two answers are the same rows (the last column, a float sum, to 1e-9).
fn same(local: &[String], other: &[String], what: &str) {
    assert_eq!(local.len(), other.len(), "{what}: row counts differ");
    for (l, c) in local.iter().zip(other) {
        let (l, c): (Vec<&str>, Vec<&str>) = (l.split(',').collect(), c.split(',').collect());
        assert_eq!(l[..l.len() - 1], c[..c.len() - 1], "{what}: {l:?} vs {c:?}");
        let (x, y): (f64, f64) = (l[l.len() - 1].parse().unwrap(), c[c.len() - 1].parse().unwrap());
        assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "{what}: {l:?} vs {c:?}");
    }
}

/// Best wall time, its CPU time, and the rows of `runs` runs.
fn best(runs: usize, mut f: impl FnMut() -> (Vec<String>, f64, f64)) -> (Vec<String>, f64, f64) {
    let mut out = (Vec::new(), f64::MAX, f64::NAN);
    for _ in 0..runs {
        let (rows, wall, cpu) = f();
        if wall < out.1 {
            out = (rows, wall, cpu);
        }
    }
    out
}

fn main() -> std::process::ExitCode {
    let mut store: Option<PathBuf> = None;
    let mut executors = vec![1usize, 2];
    let mut runs = 3usize;
    let mut python = "python3".to_string();
    let mut entente = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("entente")))
        .unwrap_or_else(|| PathBuf::from("entente"));
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--store" => store = Some(PathBuf::from(val())),
            "--executors" => {
                executors = val().split(',').map(|s| s.parse().expect("--executors 1,2")).collect()
            }
            "--runs" => runs = val().parse().expect("--runs N"),
            "--python" => python = val(),
            "--entente" => entente = PathBuf::from(val()),
            _ => {
                eprintln!(
                    "usage: cluster-bench --store DIR [--executors 1,2] [--runs N] [--python PY] \
                     [--entente BIN built with --features cluster]"
                );
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    let Some(store) = store else {
        eprintln!("cluster-bench: --store DIR is required (an existing entente store)");
        return std::process::ExitCode::FAILURE;
    };
    assert!(store.join("manifest.json").is_file(), "{} is not an entente store", store.display());
    assert!((1..=8).contains(&executors.len()) && executors.iter().all(|n| (1..=8).contains(n)));
    let runs = runs.max(1);
    let tmp = std::env::temp_dir().join(format!("cluster-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();

    let (local, l_wall, l_cpu) = best(runs, || sql(&entente, &store, None).expect("local query"));
    assert!(!local.is_empty(), "the local query found no dyad-months");
    let events: u64 = local.iter().map(|r| r.split(',').nth(3).unwrap().parse::<u64>().unwrap()).sum();
    println!(
        "dyad-month aggregation over {} ({} dyad-months, {events} events with both countries), best of {runs}",
        store.display(),
        local.len()
    );
    println!("{:<28} {:>10} {:>10} {:>14}", "engine", "wall s", "CPU s", "vs local wall");
    println!("{:<28} {:>10.2} {:>10.2} {:>14}", "entente, local DataFusion", l_wall, l_cpu, "1.00");

    for &n in &executors {
        let scheduler = format!("127.0.0.1:{}", free_port());
        let log = |name: String| std::fs::File::create(tmp.join(name)).unwrap();
        let mut procs = Procs(vec![]);
        procs.0.push(
            Command::new(&entente)
                .args(["cluster", "scheduler", "--addr", &scheduler])
                .stdout(Stdio::null())
                .stderr(log(format!("scheduler-{n}.log")))
                .spawn()
                .expect("the scheduler starts"),
        );
        for e in 0..n {
            let work = tmp.join(format!("work-{n}-{e}"));
            std::fs::create_dir_all(&work).unwrap();
            let (port, grpc) = (free_port().to_string(), free_port().to_string());
            procs.0.push(
                Command::new(&entente)
                    .args(["cluster", "executor", "--scheduler", &scheduler, "--port", &port])
                    .args(["--grpc-port", &grpc, "--concurrent-tasks", "2", "--work-dir"])
                    .arg(&work)
                    .stdout(Stdio::null())
                    .stderr(log(format!("executor-{n}-{e}.log")))
                    .spawn()
                    .expect("an executor starts"),
            );
        }
        // Warm-up: the first answer also proves every executor registered and the cluster
        // agrees with local execution.
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            match sql(&entente, &store, Some(&scheduler)) {
                Ok((rows, _, _)) => {
                    same(&local, &rows, &format!("{n} executor(s)"));
                    break;
                }
                Err(e) if Instant::now() > deadline => panic!("the cluster never answered: {e}"),
                Err(_) => std::thread::sleep(Duration::from_millis(500)),
            }
        }
        // CPU: the client's, plus what the scheduler and executors used during the timed runs
        // (averaged over the runs, since only the best run's client CPU is known).
        let cluster_cpu = || procs.0.iter().map(|c| proc_cpu(c.id())).sum::<f64>();
        let before = cluster_cpu();
        let (rows, wall, cpu) =
            best(runs, || sql(&entente, &store, Some(&scheduler)).expect("cluster query"));
        let servers = (cluster_cpu() - before) / runs as f64;
        same(&local, &rows, &format!("{n} executor(s)"));
        println!(
            "{:<28} {:>10.2} {:>10.2} {:>14.2}",
            format!("Ballista, {n} executor(s)"),
            wall,
            cpu + servers,
            wall / l_wall
        );
        drop(procs);
    }

    // DuckDB over the same part files: the whole process, and the query alone.
    let files = format!("read_parquet('{}/dataset=*/month=*/*.parquet')", store.display());
    let duck_sql = QUERY.replace("FROM events", &format!("FROM {files}"));
    let script = format!(
        "import duckdb, time\ncon = duckdb.connect()\ncon.execute('SET enable_progress_bar = false')\n\
         b = 1e9\nfor _ in range({runs}):\n    t = time.time()\n    n = len(con.execute(\"{duck_sql}\").fetchall())\n    \
         b = min(b, time.time() - t)\nprint(n, b)\n"
    );
    let t = Instant::now();
    match Command::new(&python).arg("-c").arg(&script).output() {
        Ok(o) if o.status.success() => {
            let whole = t.elapsed().as_secs_f64();
            let out = String::from_utf8_lossy(&o.stdout);
            let mut it = out.split_whitespace();
            let n: usize = it.next().and_then(|v| v.parse().ok()).expect("DuckDB's row count");
            let q: f64 = it.next().and_then(|v| v.parse().ok()).expect("DuckDB's time");
            assert_eq!(n, local.len(), "DuckDB finds as many dyad-months");
            println!("{:<28} {:>10.2} {:>10} {:>14.2}", "DuckDB, query alone", q, "-", q / l_wall);
            println!(
                "{:<28} {:>10.2} {:>10} {:>14}",
                format!("DuckDB, python3 -c ({runs} runs)"),
                whole,
                "-",
                "-"
            );
        }
        Ok(o) => eprintln!("DuckDB skipped: {}", String::from_utf8_lossy(&o.stderr).trim()),
        Err(e) => eprintln!("DuckDB skipped: cannot run {python}: {e}"),
    }
    println!("(cluster CPU: the client's best run plus the scheduler's and executors' mean per run)");
    let _ = std::fs::remove_dir_all(&tmp);
    std::process::ExitCode::SUCCESS
}
