//! A small driver of the store for measurements without building the whole `entente` CLI:
//! `store-probe ingest STORE FILE` (GDELT events) and `store-probe sql STORE QUERY` (prints
//! the first value of the first row, and the query's in-process time on stderr).

use entente_store::{Format, IngestOptions, QueryOptions, Store};
use std::time::Instant;

fn main() -> entente_store::Result<()> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let t = Instant::now();
    match a.first().map(String::as_str) {
        Some("ingest") => {
            let mut store = Store::open(&a[1])?;
            let r = store.ingest_file(
                Format::Gdelt,
                std::path::Path::new(&a[2]),
                &IngestOptions::default(),
            )?;
            eprintln!("ingested {:?} in {:.2} s", r.record.rows_stored, t.elapsed().as_secs_f64());
        }
        Some("sql") => {
            let store = Store::open(&a[1])?;
            let r = store.sql(&a[2], &QueryOptions::default())?;
            let v = datafusion_first(&r);
            eprintln!("query {:.3} s", t.elapsed().as_secs_f64());
            println!("{v}");
        }
        _ => eprintln!("usage: store-probe ingest STORE FILE | sql STORE QUERY"),
    }
    Ok(())
}

fn datafusion_first(r: &entente_store::QueryResult) -> String {
    use entente_store::arrow::util::display::array_value_to_string;
    r.batches.first().map_or(String::new(), |b| array_value_to_string(b.column(0), 0).unwrap())
}
