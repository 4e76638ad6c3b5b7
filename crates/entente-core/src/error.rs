/// Errors from parsing the plain types of the ontology; each names the input that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A date that is not `YYYY-MM-DD`, `YYYYMMDD` or `YYMMDD`, or names no real day.
    #[error("invalid date {input:?}: {reason}")]
    Date {
        /// The text that failed to parse.
        input: String,
        /// What was wrong with it.
        reason: &'static str,
    },
    /// An actor code that is not a sequence of three-letter segments.
    #[error("invalid actor code {input:?}: {reason}")]
    ActorCode {
        /// The text that failed to parse.
        input: String,
        /// What was wrong with it.
        reason: &'static str,
    },
    /// A CAMEO event code that is not in the ontology.
    #[error("unknown CAMEO event code {0:?}")]
    EventCode(String),
}

/// Result with [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
