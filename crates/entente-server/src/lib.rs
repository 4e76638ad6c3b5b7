//! entente's HTTP side: a JSON API over the event store and a dashboard, both served from one
//! binary with nothing loaded from elsewhere.
//!
//! - [`ServerBuilder`] → [`Server`]: where the store is, how long a query may run, how many run
//!   at once, and (optionally) how guides are written ([`GuideRenderer`]).
//! - [`Server::router`] is the axum [`Router`]: `/` (dashboard), `/api/events`, `/api/pairs`,
//!   `/api/series`, `/api/themes`, `/api/places`, `/api/map.svg`, `/api/guide`, `/api/health`,
//!   `/api/openapi.json`.
//! - [`Error`] is every way a request fails; it is its own HTTP response (400 with the reason
//!   for bad parameters, 504 for a slow query, 500 with a generic body for faults, which are
//!   logged).
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let server = entente_server::Server::builder("entente-data").build();
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! server.serve(listener, std::future::pending()).await
//! # }
//! ```
//!
//! The main design decision: every parameter is validated into a typed filter before any work
//! starts, and queries are built with DataFusion's DataFrame API with the values as literals, so
//! no request text is ever parsed as SQL. Each query holds one of a few permits and runs under a
//! timeout, and every list is bounded, so one client cannot make the server do unbounded work.
//! The store is re-read when its manifest changes, so `entente ingest` beside a running server
//! shows up at the next request.
#![deny(missing_docs)]

mod api;
mod dashboard;
mod data;
mod error;
mod json;
mod params;

pub use data::{Direction, EventOut, Filter, Pair};
pub use error::{Error, Result};
pub use params::Period;

use axum::Router;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// A guide as the server returns it: a media type and a body.
#[derive(Debug, Clone)]
pub struct GuideDocument {
    /// `text/html; charset=utf-8`, `text/markdown; charset=utf-8` or `application/json`.
    pub content_type: &'static str,
    /// The document.
    pub body: String,
}

/// What a guide is asked for: a validated pair, period and format.
#[derive(Debug, Clone)]
pub struct GuideRequest {
    /// Country A (ISO3).
    pub a: String,
    /// Country B (ISO3).
    pub b: String,
    /// The days.
    pub period: Period,
    /// `html`, `md` or `json`.
    pub format: String,
}

/// Why a guide could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuideError {
    /// The request cannot be answered as asked (an unknown country, a period too long for a
    /// monthly series): 400, with the reason.
    BadRequest(String),
    /// Anything else (the store, a bug): 500, logged.
    Failed(String),
}

impl From<String> for GuideError {
    fn from(e: String) -> GuideError {
        GuideError::Failed(e)
    }
}

/// Writes guides. The binary supplies it (the guide needs the analytics and report crates and
/// the store query that feeds them); it runs on a blocking thread under the query timeout.
pub type GuideRenderer = Arc<
    dyn Fn(&std::path::Path, &GuideRequest) -> std::result::Result<GuideDocument, GuideError>
        + Send
        + Sync,
>;

/// Settings of a [`Server`].
pub struct ServerBuilder {
    store: PathBuf,
    timeout: Duration,
    max_queries: usize,
    guide: Option<GuideRenderer>,
}

impl ServerBuilder {
    /// How long one query may run, including the wait for a permit (default 10 s).
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }
    /// How many queries run at once (default: the number of cores).
    pub fn max_queries(mut self, n: usize) -> Self {
        self.max_queries = n.max(1);
        self
    }
    /// How guides are written; without one, `/api/guide` answers 501.
    pub fn guide(mut self, g: GuideRenderer) -> Self {
        self.guide = Some(g);
        self
    }
    /// The server.
    pub fn build(self) -> Server {
        Server {
            state: Arc::new(State {
                data: data::Data::new(self.store.clone(), self.timeout, self.max_queries),
                store: self.store,
                timeout: self.timeout,
                guide: self.guide,
                page: dashboard::page(),
            }),
        }
    }
}

/// The HTTP server over one store.
#[derive(Clone)]
pub struct Server {
    state: Arc<State>,
}

pub(crate) struct State {
    pub data: data::Data,
    pub store: PathBuf,
    pub timeout: Duration,
    pub guide: Option<GuideRenderer>,
    pub page: String,
}

impl Server {
    /// Settings for a server over the store at `store`.
    pub fn builder(store: impl Into<PathBuf>) -> ServerBuilder {
        ServerBuilder {
            store: store.into(),
            timeout: Duration::from_secs(10),
            max_queries: std::thread::available_parallelism().map_or(2, |n| n.get()),
            guide: None,
        }
    }

    /// The routes, for serving or for calling directly in tests.
    pub fn router(&self) -> Router {
        api::router(self.state.clone())
    }

    /// Serves on `listener` until `shutdown` completes, then finishes the requests in flight.
    pub async fn serve(
        &self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(listener, self.router()).with_graceful_shutdown(shutdown).await
    }

    /// Binds `addr`, calls `ready` with the address bound (port 0 picks a free port), and
    /// serves until Ctrl-C, on a runtime of its own: for callers that are not async.
    pub fn run(
        &self,
        addr: std::net::SocketAddr,
        ready: impl FnOnce(std::net::SocketAddr),
    ) -> std::io::Result<()> {
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
        rt.block_on(async {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            ready(listener.local_addr()?);
            self.serve(listener, async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
        })
    }
}
