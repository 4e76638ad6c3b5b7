//! The ontology and plain types of entente: CAMEO event codes with their names, Goldstein values,
//! roots and quad classes; the PLOVER type each CAMEO code maps to; actor codes (country or
//! organisation plus agents); country codes (ISO 3166-1 alpha-3, and CAMEO's where they differ); dates; and the coded [`Event`] with its evidence.
//!
//! This crate does no I/O (but for the hidden `testdata` helper, which tells tests where the
//! shared reference data is) and has no heavy dependencies, so every other crate (the coder, the
//! store, the server) can share one vocabulary without pulling in each other's weight.
//!
//! ```
//! use entente_core::cameo;
//! let info = cameo::lookup("0841").unwrap();
//! assert_eq!(info.root, "08");
//! assert_eq!(cameo::quad_class("0841"), Some(2));
//! ```
#![deny(missing_docs)]

pub mod actor;
pub mod cameo;
pub mod country;
pub mod date;
mod error;
mod document;
pub mod event;
pub mod extract;
pub mod plover;
#[doc(hidden)]
pub mod testdata;

pub use actor::ActorCode;
pub use date::Date;
pub use error::{Error, Result};
pub use document::Document;
pub use event::{Event, EventRecord, Spans};
pub use extract::{AmountRow, ExtractRecord, Extracts, QuoteRow, ThemeRow, ThingRow};
