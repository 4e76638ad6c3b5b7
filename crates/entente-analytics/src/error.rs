/// Errors of an analysis: input that cannot be analysed, with what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The input names no valid pair or range, or asks for too many periods.
    #[error("cannot analyse: {0}")]
    Input(String),
}

/// Result with [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
