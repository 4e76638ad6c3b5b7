//! Raw news text into CAMEO events (under construction: the API below is the contract).
#![deny(missing_docs)]

use entente_core::{Date, Document, Event};
use entente_dict::Dictionaries;

/// An error building a coder from dictionaries.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The dictionaries cannot be compiled.
    #[error("cannot build coder: {0}")]
    Build(String),
}

/// Result with [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Configures a [`Coder`].
pub struct CoderBuilder<'d> {
    dicts: &'d Dictionaries,
}

impl<'d> CoderBuilder<'d> {
    /// A builder over `dicts`.
    pub fn new(dicts: &'d Dictionaries) -> Self {
        CoderBuilder { dicts }
    }

    /// Compiles the dictionaries into a coder.
    pub fn build(&self) -> Result<Coder> {
        let _ = self.dicts;
        Ok(Coder {})
    }
}

/// Codes documents. `Send + Sync`: share one across threads.
pub struct Coder {}

/// The result of coding one document.
#[derive(Debug, Clone, Default)]
pub struct Coded {
    /// Sentences in the document.
    pub sentences: u32,
    /// The events, in sentence order.
    pub events: Vec<Event>,
}

impl Coder {
    /// Codes one document.
    pub fn code(&self, doc: &Document) -> Coded {
        let _ = doc;
        Coded::default()
    }

    /// Explains how one sentence is coded, as text for a person to read.
    pub fn explain(&self, sentence: &str, date: Date) -> String {
        format!("{sentence} ({date})")
    }
}
