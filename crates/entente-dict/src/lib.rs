//! Dictionaries for the coder: actors (with dated roles), agents, verbs and their patterns,
//! synonym sets, discards and issues, read from PETRARCH-format files or taken from the
//! dictionaries built into entente.
#![deny(missing_docs)]

mod error;
pub mod model;

pub use error::{Error, Result};
pub use model::*;
