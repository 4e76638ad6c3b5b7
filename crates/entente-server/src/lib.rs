//! entente's HTTP side: a JSON API over the event store and a dashboard, both served from one
//! binary with nothing loaded from elsewhere.
//!
//! - [`ServerBuilder`] → [`Server`]: where the store is, how long a query may run, how many run
//!   at once, and (optionally) how guides are written ([`GuideRenderer`]).
//! - [`Server::router`] is the axum [`Router`]: `/` (dashboard), `/api/events`, `/api/pairs`,
//!   `/api/series`, `/api/themes`, `/api/places`, `/api/map.svg`, `/api/guide`, `/api/health`,
//!   `/api/openapi.json`.
//! - [`Error`] is every way a request fails; it is its own HTTP response (400 with the reason
//!   for bad parameters, 503 with `Retry-After` when the server is full, 504 for a slow query,
//!   500 with a generic body for faults, which are logged).
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
//! Under load it sheds instead of drowning: queries and guides each pass a gate (a few run, a
//! few wait, the rest get 503 at once), a guide is computed once per pair, period, format and
//! store generation however many ask for it together, connections are capped and a client
//! that does not send its headers in time is dropped.
//! The store is re-read when its manifest changes, so `entente ingest` beside a running server
//! shows up at the next request.
#![deny(missing_docs)]

mod api;
mod dashboard;
mod data;
mod error;
mod gate;
mod json;
mod params;

pub use data::{Direction, EventOut, Filter, Pair};
pub use error::{Error, Result, RETRY_AFTER_SECS};
pub use params::Period;

use axum::Router;
use std::future::Future;
use std::path::PathBuf;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
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
    queries_waiting: Option<usize>,
    max_guides: usize,
    guides_waiting: usize,
    header_timeout: Duration,
    max_connections: usize,
    guide: Option<GuideRenderer>,
}

/// Guides kept per store generation (the rest are computed again).
pub const GUIDES_CACHED: usize = 64;

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
    /// How many more queries may wait for their turn before the next gets 503 (default: 4 per
    /// running query, so an accepted one waits about four query times at most).
    pub fn queries_waiting(mut self, n: usize) -> Self {
        self.queries_waiting = Some(n);
        self
    }
    /// How many guides are written at once (default 1: a guide's queries use every core) and
    /// how many more may wait (default 2; a guide over a million events takes about a second).
    pub fn guides(mut self, running: usize, waiting: usize) -> Self {
        self.max_guides = running.max(1);
        self.guides_waiting = waiting;
        self
    }
    /// How long a client may take to send a request's headers, and how long a kept-alive
    /// connection may sit idle (default 10 s); slower ones are closed.
    pub fn header_timeout(mut self, t: Duration) -> Self {
        self.header_timeout = t;
        self
    }
    /// Connections served at once (default 1,024); more wait in the kernel's accept queue.
    pub fn max_connections(mut self, n: usize) -> Self {
        self.max_connections = n.max(1);
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
                data: data::Data::new(
                    self.store.clone(),
                    self.timeout,
                    self.max_queries,
                    self.queries_waiting.unwrap_or(4 * self.max_queries),
                ),
                store: self.store,
                timeout: self.timeout,
                guide: self.guide,
                guides: gate::Gate::new("guides", self.max_guides, self.guides_waiting),
                guide_cache: Mutex::new(GuideCache::default()),
                page: dashboard::page(),
            }),
            header_timeout: self.header_timeout,
            max_connections: self.max_connections,
        }
    }
}

/// The HTTP server over one store.
#[derive(Clone)]
pub struct Server {
    state: Arc<State>,
    header_timeout: Duration,
    max_connections: usize,
}

pub(crate) struct State {
    pub data: data::Data,
    pub store: PathBuf,
    pub timeout: Duration,
    pub guide: Option<GuideRenderer>,
    pub guides: gate::Gate,
    pub guide_cache: Mutex<GuideCache>,
    pub page: String,
}

/// The guides of one store generation, each computed once: concurrent requests for the same
/// guide wait on one cell while the first computes it.
#[derive(Default)]
pub(crate) struct GuideCache {
    generation: u64,
    cells: HashMap<String, Arc<tokio::sync::OnceCell<GuideDocument>>>,
}

impl GuideCache {
    /// The cell of `key` in `generation`; a new generation empties the cache, and a full one
    /// drops the guides already written (cells being computed stay, their waiters hold them).
    pub fn cell(&mut self, generation: u64, key: String) -> Arc<tokio::sync::OnceCell<GuideDocument>> {
        if generation != self.generation {
            self.cells.clear();
            self.generation = generation;
        }
        if self.cells.len() >= GUIDES_CACHED && !self.cells.contains_key(&key) {
            self.cells.retain(|_, c| !c.initialized());
        }
        self.cells.entry(key).or_default().clone()
    }
}

impl Server {
    /// Settings for a server over the store at `store`.
    pub fn builder(store: impl Into<PathBuf>) -> ServerBuilder {
        ServerBuilder {
            store: store.into(),
            timeout: Duration::from_secs(10),
            max_queries: std::thread::available_parallelism().map_or(2, |n| n.get()),
            queries_waiting: None,
            max_guides: 1,
            guides_waiting: 2,
            header_timeout: Duration::from_secs(10),
            max_connections: 1024,
            guide: None,
        }
    }

    /// The routes, for serving or for calling directly in tests.
    pub fn router(&self) -> Router {
        api::router(self.state.clone())
    }

    /// Serves on `listener` until `shutdown` completes, then finishes the requests in flight.
    ///
    /// HTTP/1.1 with hyper directly rather than `axum::serve`, for what that lacks: a cap on
    /// connections (more wait in the accept queue) and a header read timeout, which also closes
    /// kept-alive connections left idle (a slowloris client holds nothing for long).
    pub async fn serve(
        &self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        use hyper_util::rt::{TokioIo, TokioTimer};
        let router = self.router();
        let connections = Arc::new(tokio::sync::Semaphore::new(self.max_connections));
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new()).header_read_timeout(self.header_timeout);
        tokio::pin!(shutdown);
        loop {
            let permit = tokio::select! {
                p = connections.clone().acquire_owned() => match p {
                    Ok(p) => p,
                    Err(_) => break,
                },
                _ = &mut shutdown => break,
            };
            let stream = tokio::select! {
                r = listener.accept() => match r {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // Out of file descriptors and the like: wait rather than spin.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                },
                _ = &mut shutdown => break,
            };
            let service = hyper_util::service::TowerToHyperService::new(router.clone());
            let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
            tokio::spawn(async move {
                let _permit = permit;
                if let Err(e) = conn.await {
                    tracing::debug!(error = %e, "connection ended");
                }
            });
        }
        drop(listener);
        // Requests in flight finish, up to the query timeout and a little.
        let _ = tokio::time::timeout(self.state.timeout + Duration::from_secs(1), graceful.shutdown()).await;
        Ok(())
    }

    /// Binds `addr`, calls `ready` with the address bound (port 0 picks a free port), and
    /// serves until Ctrl-C, on a runtime of its own: for callers that are not async.
    pub fn run(
        &self,
        addr: std::net::SocketAddr,
        ready: impl FnOnce(std::net::SocketAddr),
    ) -> std::io::Result<()> {
        // Guides run on blocking threads (the guides' gate bounds them) and DataFusion reads
        // files on them: bounded, where Tokio's default is 512.
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().max_blocking_threads(32).build()?;
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
