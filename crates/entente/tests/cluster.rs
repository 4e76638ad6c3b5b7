//! Cluster mode (`--features cluster`): a Ballista scheduler and two executors, each an
//! `entente cluster …` process on 127.0.0.1, answer the dyad-month aggregation over a generated
//! store exactly as local DataFusion does (`entente sql` without `--cluster`).
//!
//! Run with `cargo test -p entente --features cluster --test cluster`.
#![cfg(feature = "cluster")]

mod support;

use entente_bench::{free_port, Procs};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use support::{entente, gdelt_rows, ok, sql_rows};

fn spawn(store: &Path, args: &[&str], log: &Path) -> Child {
    let log = std::fs::File::create(log).unwrap();
    entente(store).args(args).stdout(Stdio::null()).stderr(log).spawn().expect("entente starts")
}

const DYAD_MONTH: &str = "SELECT source_country, target_country, month, count(*) AS n, \
    sum(goldstein * mentions) AS weight FROM events \
    WHERE source_country IS NOT NULL AND target_country IS NOT NULL \
    GROUP BY source_country, target_country, month \
    ORDER BY source_country, target_country, month";

/// Compares CSV rows: keys and counts exactly, float sums to 1e-9 relative (the cluster adds
/// partial sums in another order).
fn same(local: &[String], cluster: &[String]) {
    assert_eq!(local.len(), cluster.len(), "row counts differ");
    for (l, c) in local.iter().zip(cluster) {
        let (l, c): (Vec<&str>, Vec<&str>) = (l.split(',').collect(), c.split(',').collect());
        assert_eq!(l[..l.len() - 1], c[..c.len() - 1], "{l:?} vs {c:?}");
        let (x, y): (f64, f64) = (l[l.len() - 1].parse().unwrap(), c[c.len() - 1].parse().unwrap());
        assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "{l:?} vs {c:?}");
    }
}

#[test]
fn scheduler_and_two_executors_answer_like_local_datafusion() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    for (i, month) in [1u32, 2, 3, 4].into_iter().enumerate() {
        let f = tmp.path().join(format!("m{month}.export.CSV"));
        std::fs::write(&f, gdelt_rows(10_000_000 * (i as u64 + 1), 5_000, 2019, month, month as u64))
            .unwrap();
        ok(&store, &["ingest", "gdelt", "--quiet", f.to_str().unwrap()]);
    }

    let scheduler = format!("127.0.0.1:{}", free_port());
    let mut procs = Procs(vec![]);
    procs.0.push(spawn(
        &store,
        &["cluster", "scheduler", "--addr", &scheduler],
        &tmp.path().join("scheduler.log"),
    ));
    for e in 0..2 {
        let (port, grpc) = (free_port().to_string(), free_port().to_string());
        let work = tmp.path().join(format!("work-{e}"));
        std::fs::create_dir_all(&work).unwrap();
        procs.0.push(spawn(
            &store,
            &[
                "cluster", "executor", "--scheduler", &scheduler, "--port", &port,
                "--grpc-port", &grpc, "--concurrent-tasks", "2", "--work-dir",
                work.to_str().unwrap(),
            ],
            &tmp.path().join(format!("executor-{e}.log")),
        ));
    }

    let local = sql_rows(&store, DYAD_MONTH, &[]);
    assert!(local.len() > 100, "{} dyad-months", local.len());

    // The scheduler and the executors need a moment to start and register.
    let deadline = Instant::now() + Duration::from_secs(90);
    let cluster = loop {
        let o = entente(&store)
            .args(["sql", DYAD_MONTH, "--format", "csv", "--limit", "0", "--cluster", &scheduler])
            .output()
            .unwrap();
        if o.status.success() {
            break String::from_utf8_lossy(&o.stdout).lines().skip(1).map(str::to_string).collect::<Vec<_>>();
        }
        if Instant::now() > deadline {
            let logs: String = ["scheduler.log", "executor-0.log", "executor-1.log"]
                .iter()
                .map(|l| format!("--- {l}\n{}\n", std::fs::read_to_string(tmp.path().join(l)).unwrap_or_default()))
                .collect();
            panic!("the cluster never answered: {}\n{logs}", String::from_utf8_lossy(&o.stderr));
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    same(&local, &cluster);

    // The dedup views are the same views on the cluster.
    let q = "SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM events_daily";
    assert_eq!(sql_rows(&store, q, &[]), sql_rows(&store, q, &["--cluster", &scheduler]));

    // `entente guide --cluster` runs its aggregations there and gets the same analysis: take the
    // busiest dyad and compare the event counts and every period of the series.
    let first = &local
        .iter()
        .filter(|r| { let mut k = r.split(','); k.next() != k.next() })
        .max_by_key(|r| r.split(',').nth(3).unwrap().parse::<u64>().unwrap()).unwrap();
    let mut key = first.split(',');
    let (a, b) = (key.next().unwrap().to_string(), key.next().unwrap().to_string());
    let guide = |name: &str, extra: &[&str]| -> serde_json::Value {
        let out = tmp.path().join(name);
        let mut args = vec!["guide", a.as_str(), b.as_str(), "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        ok(&store, &args);
        serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap()
    };
    let (g_local, g_cluster) = (guide("local.json", &[]), guide("cluster.json", &["--cluster", &scheduler]));
    let count = |g: &serde_json::Value, dir: &str| g["totals"][dir]["events"].as_u64().unwrap();
    assert!(count(&g_local, "both") > 0, "the busiest dyad {a}-{b} has events");
    for dir in ["a_to_b", "b_to_a", "both"] {
        assert_eq!(count(&g_local, dir), count(&g_cluster, dir), "{dir} events");
    }
    assert_eq!(g_local["volume"], g_cluster["volume"], "each side's total volume");
    let periods = |g: &serde_json::Value| g["series"].as_array().unwrap().len();
    assert!(periods(&g_local) > 0);
    assert_eq!(periods(&g_local), periods(&g_cluster));
    drop(procs);
}
