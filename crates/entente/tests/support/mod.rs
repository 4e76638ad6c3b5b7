//! Helpers shared by the follow, interop and cluster tests: the `entente` binary and small
//! generated GDELT 2.0 files (invented rows, written here, not taken from any real export).
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

/// The `entente` binary under test, with `ENTENTE_STORE` set.
pub fn entente(store: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_entente"));
    c.env("ENTENTE_STORE", store);
    c
}

/// Runs `entente ARGS` on `store`, asserting success; returns stdout.
pub fn ok(store: &Path, args: &[&str]) -> String {
    let o: Output = entente(store).args(args).output().expect("the entente binary runs");
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "entente {args:?} failed:\n{out}\n{err}");
    out.into_owned()
}

/// Runs a query with `entente sql … --format csv --limit 0`; rows without the header.
pub fn sql_rows(store: &Path, sql: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["sql", sql, "--format", "csv", "--limit", "0"];
    args.extend_from_slice(extra);
    let out = ok(store, &args);
    out.lines().skip(1).map(str::to_string).collect()
}

pub use entente_bench::Rng;

const COUNTRIES: &[&str] = &["RUS", "IRN", "USA", "CHN", "TUR", "FRA", "IND", "BRA"];
const CODES: &[(&str, f32)] =
    &[("010", 0.0), ("036", 4.0), ("042", 1.9), ("057", 8.0), ("112", -2.0), ("173", -5.0), ("190", -10.0)];

/// `rows` GDELT 2.0 event rows (61 tab-separated columns) with ids `first_id..`, dated in
/// `year-month` (days 1–28), seeded by `seed`. Some rows have no target country.
pub fn gdelt_rows(first_id: u64, rows: u64, year: u32, month: u32, seed: u64) -> String {
    let mut rng = Rng(seed | 1);
    let mut s = String::with_capacity(rows as usize * 400);
    for i in 0..rows {
        let day = 1 + rng.below(28) as u32;
        let c1 = COUNTRIES[rng.below(COUNTRIES.len() as u64) as usize];
        let c2 = if rng.below(10) == 0 { "" } else { COUNTRIES[rng.below(COUNTRIES.len() as u64) as usize] };
        let (code, gold) = CODES[rng.below(CODES.len() as u64) as usize];
        let mentions = 1 + rng.below(20);
        let root: u32 = code[..2].parse().unwrap();
        let quad = match root {
            1..=5 => 1,
            6..=9 => 2,
            10..=14 => 3,
            _ => 4,
        };
        let geo = "4\tSomewhere, Nowhere\tXX\tXX01\t\t10.5\t20.5\t-1\t";
        let _ = write!(
            s,
            "{id}\t{year}{month:02}{day:02}\t{year}{month:02}\t{year}\t{year}.5000\t\
             {c1}GOV\tFIRST PARTY\t{c1}\t\t\t\t\tGOV\t\t\t\
             {a2}\t{n2}\t{c2}\t\t\t\t\t{t2}\t\t\t1\t{code}\t{base}\t{root:02}\t{quad}\t{gold:.1}\t\
             {mentions}\t1\t{mentions}\t-1.5\t{geo}{geo}{geo}\
             {year}{month:02}{day:02}120000\thttps://news.example.invalid/{id}.html\n",
            id = first_id + i,
            a2 = if c2.is_empty() { String::new() } else { format!("{c2}MIL") },
            n2 = if c2.is_empty() { "" } else { "SECOND PARTY" },
            t2 = if c2.is_empty() { "" } else { "MIL" },
            base = &code[..3],
        );
    }
    s
}
