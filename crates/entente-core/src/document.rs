//! A news document to be coded.

use crate::Date;
use serde::{Deserialize, Serialize};

/// One news document: an id, the date it was published (which dated roles are resolved against)
/// and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The document's id, carried into every event as evidence.
    pub id: String,
    /// Publication date.
    pub date: Date,
    /// The raw text.
    pub text: String,
}
