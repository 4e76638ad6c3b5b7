//! The one error type of the server, and how each kind becomes an HTTP response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// Everything a request can fail with. Bad requests say what was wrong; faults of the server
/// ([`Error::Internal`], [`Error::Store`]) are logged in full and answered with a generic body,
/// so that paths, SQL and library messages never reach the client.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A parameter is missing, malformed or out of range: 400, with the reason.
    #[error("{0}")]
    BadRequest(String),
    /// No such page or endpoint: 404.
    #[error("not found: {0}")]
    NotFound(String),
    /// The query ran longer than the server allows: 504.
    #[error("the query took longer than {} s; narrow the period or the filters", .0.as_secs())]
    Timeout(Duration),
    /// Every running and waiting place of a request class is taken: 503 with `Retry-After`,
    /// at once (see `gate.rs`). The class is `queries` or `guides`.
    #[error("the server is busy with other {0}; retry in {RETRY_AFTER_SECS} s")]
    Overloaded(&'static str),
    /// The store failed (unreadable manifest, Parquet or query error): 500, logged.
    #[error("store: {0}")]
    Store(#[from] entente_store::Error),
    /// A query failed inside DataFusion: 500, logged.
    #[error("query: {0}")]
    Query(#[from] datafusion::error::DataFusionError),
    /// A bug in entente-server: 500, logged.
    #[error("internal error (a bug in entente-server): {0}")]
    Internal(String),
}

/// What a 503 asks the client to wait, in seconds.
pub const RETRY_AFTER_SECS: u64 = 1;

/// Result with [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Timeout(_) => StatusCode::GATEWAY_TIMEOUT,
            Error::Overloaded(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::Store(entente_store::Error::Timeout(_)) => StatusCode::GATEWAY_TIMEOUT,
            Error::Store(entente_store::Error::Usage(_)) => StatusCode::BAD_REQUEST,
            Error::Store(_) | Error::Query(_) | Error::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let expected = matches!(status, StatusCode::GATEWAY_TIMEOUT | StatusCode::SERVICE_UNAVAILABLE);
        let message = if status.is_server_error() && !expected {
            tracing::error!(error = %self, "request failed");
            "internal server error; the details are in the server log".to_string()
        } else {
            self.to_string()
        };
        let mut res = (status, crate::json::Json(serde_json::json!({ "error": message }))).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut().insert(axum::http::header::RETRY_AFTER, RETRY_AFTER_SECS.into());
        }
        res
    }
}

impl From<datafusion::arrow::error::ArrowError> for Error {
    fn from(e: datafusion::arrow::error::ArrowError) -> Error {
        Error::Query(datafusion::error::DataFusionError::ArrowError(Box::new(e), None))
    }
}
