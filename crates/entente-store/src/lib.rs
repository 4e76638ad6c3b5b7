//! The event store: every event entente knows — GDELT's, ICEWS's and its own — in one Arrow
//! schema, kept as Parquet files partitioned by dataset and month, and queried with SQL.
//!
//! - [`Store`] opens a store directory, imports files ([`Store::ingest_file`]) or coded events
//!   ([`Store::ingest_events`]) and lists what it holds ([`Store::manifest`]).
//! - [`Format`] names the input formats: GDELT 1.0/2.0 events, GDELT 2.0 mentions, ICEWS,
//!   entente's JSON Lines.
//! - [`Store::ingest_coded`] stores coded events together with what the coder extracted
//!   beside them ([`entente_core::Extracts`]: amounts, named things, themes, quotes), each kind
//!   in a table of its own joined to `events` by `(dataset, document, sentence)`.
//! - [`Store::sql`] runs SQL over the table `events` (and `mentions`, `amounts`, `things`,
//!   `themes`, `quotes`) with DataFusion, bounded by [`QueryOptions`]; [`Dedup`] chooses how
//!   repeated reports of one event count.
//!
//! ```
//! use entente_store::{QueryOptions, Store};
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = Store::open(dir.path()).unwrap();
//! let e = entente_core::Event::new(
//!     "doc-1", 0, "2019-03-01".parse().unwrap(), "RUSGOV", "IRNGOV", "0841",
//!     "Russia released the Iranian sailors.", Default::default(),
//! ).unwrap();
//! store.ingest_events("example", [e]).unwrap();
//! let r = store
//!     .sql("SELECT source_country, target_country, code FROM events", &QueryOptions::default())
//!     .unwrap();
//! assert_eq!(r.num_rows(), 1);
//! ```
//!
//! The main design decision: the manifest, not the directory listing, defines the store. Part
//! files are written under fresh names first and become visible only when a new manifest is
//! renamed over the old one (after fsync), so a crash at any moment leaves the last committed
//! state; files a crash leaves behind are deleted by the next writer. Event ids are replaced
//! rather than duplicated at import time, with per-file id ranges so that the usual case —
//! newer files with higher ids — reads nothing back.
#![deny(missing_docs)]

mod countries;
mod error;
mod extract;
mod fips;
mod import;
mod input;
mod manifest;
mod query;
mod schema;
mod store;
mod upgrade;
mod writer;

pub use countries::{agent_for_sectors, iso3};
pub use error::{Error, Result};
pub use import::coded::event_id as coded_event_id;
pub use import::Rejected;
pub use manifest::{ImportRecord, Manifest, PartFile};
pub use query::{read_only_sql, Dedup, DyadQuery, QueryOptions, QueryResult, QUERY_KINDS};
pub use schema::Table;
pub use store::{CompactReport, Format, ImportReport, IngestOptions, Store, UpgradeReport};

/// Arrow, as the store uses it (to format query results).
pub use datafusion::arrow;
/// Parquet, as the store uses it.
pub use datafusion::parquet;
