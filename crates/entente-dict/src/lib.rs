//! Dictionaries for the coder: actors (with dated roles), agents, verbs and their patterns,
//! synonym sets, discards and issues, read from PETRARCH-format files or taken from the
//! dictionaries built into entente.
//!
//! The main types:
//! - [`Dictionaries`]: everything the coder needs, plain immutable data ([`model`]).
//! - [`Kind`]: what a dictionary file is; [`detect`] tells it from the name and content.
//! - The readers, one per kind: [`read_verbs`] (PETRARCH-2 or PETRARCH-1/TABARI, detected),
//!   [`read_actors`], [`read_agents`], [`read_discards`], [`read_issues`]; each takes a file
//!   name (for messages), the text, and the [`Dictionaries`] to add to.
//! - [`Stats`]: counts and CAMEO coverage, from [`stats`].
//!
//! ```
//! use entente_dict::{read_actors, Dictionaries};
//! use entente_core::Date;
//!
//! let mut d = Dictionaries::default();
//! read_actors("mine.txt", "HASSAN_ROUHANI_\n\t[IRNGOV 20130803-20210803]\n\t[IRNELI]\n", &mut d);
//! let rouhani = &d.actors[0];
//! assert_eq!(rouhani.code_on(Date::new(2015, 7, 14).unwrap()), Some("IRNGOV"));
//! assert_eq!(rouhani.code_on(Date::new(2022, 1, 1).unwrap()), Some("IRNELI"));
//! assert!(d.diagnostics.is_empty());
//! ```
//!
//! Design: the readers never fail and never panic. The community dictionaries are hand-edited
//! over decades and every one of them has broken lines; a reader that stopped at the first would
//! be useless, and one that skipped silently would hide real mistakes. So each broken entry
//! becomes a [`Diagnostic`] naming file, line and entry (`skipped: true`), oddities that could
//! still be read become warnings (`skipped: false`), and reading goes on. Only I/O fails
//! ([`Error::Io`]).
#![deny(missing_docs)]

mod actors;
mod agents;
mod discards;
mod error;
mod inflect;
mod issues;
mod load;
pub mod model;
mod stats;
mod text;
mod verbs;

pub use actors::read_actors;
pub use agents::read_agents;
pub use discards::read_discards;
pub use error::{Error, Result};
pub use issues::read_issues;
pub use load::{detect, is_extraction_file, read, read_bytes, Kind};
pub use model::*;
pub use stats::{stats, RootStats, Stats};
pub use verbs::{read_verbs, read_verbs_p1, read_verbs_p2};
