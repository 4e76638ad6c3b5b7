//! Cluster mode (cargo feature `cluster`): `entente cluster scheduler`, `entente cluster
//! executor` and the session behind `entente sql --cluster HOST:PORT`, on Apache DataFusion
//! Ballista.
//!
//! The scheduler and the executors are Ballista's own, started as libraries inside the `entente`
//! process, so one binary is the whole deployment. A cluster query plans the same SQL over the
//! same tables and views as a local one — the client registers the manifest's Parquet files
//! (one URL per live file, exactly as `Store::session` does) on a Ballista session, and the
//! executors read those files themselves. The files must therefore be reachable under the same
//! URL from every executor: a shared directory here, an object store (S3, GCS, Azure) in a
//! deployment (see ARCHITECTURE.md).

use entente_store::{QueryOptions, QueryResult, Store};

/// Cluster subcommands.
#[cfg(feature = "cluster")]
#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Run a Ballista scheduler in this process until killed.
    Scheduler(SchedulerArgs),
    /// Run a Ballista executor in this process until killed; it registers with the scheduler.
    Executor(ExecutorArgs),
}

/// Arguments of `entente cluster scheduler`.
#[cfg(feature = "cluster")]
#[derive(clap::Args, Debug)]
pub struct SchedulerArgs {
    /// Address to listen on (gRPC, for clients and executors).
    #[arg(long, default_value = "127.0.0.1:50050", value_name = "HOST:PORT")]
    addr: std::net::SocketAddr,
}

/// Arguments of `entente cluster executor`.
#[cfg(feature = "cluster")]
#[derive(clap::Args, Debug)]
pub struct ExecutorArgs {
    /// The scheduler to register with.
    #[arg(long, value_name = "HOST:PORT")]
    scheduler: String,
    /// Host to listen on; also the address the scheduler and the other executors use.
    #[arg(long, default_value = "127.0.0.1", value_name = "HOST")]
    bind: String,
    /// Arrow Flight port (shuffle data is fetched from here).
    #[arg(long, default_value_t = 50051)]
    port: u16,
    /// gRPC port (the scheduler pushes tasks here).
    #[arg(long, default_value_t = 50052)]
    grpc_port: u16,
    /// Tasks run at once (default: one per core).
    #[arg(long, value_name = "N")]
    concurrent_tasks: Option<usize>,
    /// Directory for shuffle files (default: a temporary directory).
    #[arg(long, value_name = "DIR")]
    work_dir: Option<std::path::PathBuf>,
}

#[cfg(feature = "cluster")]
fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    // Ballista's own binaries use 32 MiB stacks: deep plans recurse.
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(32 * 1024 * 1024)
        .build()?)
}

/// Runs `entente cluster …`.
#[cfg(feature = "cluster")]
pub fn run(c: Command) -> anyhow::Result<std::process::ExitCode> {
    use anyhow::Context;
    use std::sync::Arc;
    match c {
        Command::Scheduler(args) => runtime()?.block_on(async {
            use ballista_scheduler::cluster::BallistaCluster;
            use ballista_scheduler::config::SchedulerConfig;
            let mut config = SchedulerConfig::default();
            config.bind_host = args.addr.ip().to_string();
            config.bind_port = args.addr.port();
            config.external_host = args.addr.ip().to_string();
            let cluster = BallistaCluster::new_from_config(&config)
                .await
                .context("setting up the scheduler")?;
            eprintln!("entente cluster scheduler listening on {}", args.addr);
            ballista_scheduler::scheduler_process::start_server(cluster, args.addr, Arc::new(config))
                .await
                .with_context(|| format!("scheduler on {}", args.addr))?;
            Ok(std::process::ExitCode::SUCCESS)
        }),
        Command::Executor(args) => runtime()?.block_on(async {
            use ballista_executor::executor_process::{start_executor_process, ExecutorProcessConfig};
            let (host, port) = args
                .scheduler
                .rsplit_once(':')
                .and_then(|(h, p)| Some((h.to_string(), p.parse::<u16>().ok()?)))
                .with_context(|| format!("--scheduler {:?}: expected HOST:PORT", args.scheduler))?;
            let mut config = ExecutorProcessConfig::default();
            config.bind_host = args.bind.clone();
            config.external_host = Some(args.bind.clone());
            config.port = args.port;
            config.grpc_port = args.grpc_port;
            config.scheduler_host = host;
            config.scheduler_port = port;
            config.scheduler_connect_timeout_seconds = 30;
            // Registration is by heartbeat; the default minute is long for a test or a laptop.
            config.executor_heartbeat_interval_seconds = 5;
            if let Some(n) = args.concurrent_tasks {
                config.vcores = n.max(1);
            }
            if let Some(d) = &args.work_dir {
                config.work_dir = Some(d.display().to_string());
            }
            eprintln!(
                "entente cluster executor on {}:{} (grpc {}) for scheduler {}",
                args.bind, args.port, args.grpc_port, args.scheduler
            );
            start_executor_process(Arc::new(config))
                .await
                .with_context(|| format!("executor on {}:{}", args.bind, args.port))?;
            Ok(std::process::ExitCode::SUCCESS)
        }),
    }
}

/// Runs one SQL statement on the Ballista cluster whose scheduler is at `scheduler`
/// (`HOST:PORT`), over the same tables and views as [`Store::sql`], within `opts`.
#[cfg(feature = "cluster")]
pub fn sql(store: &Store, scheduler: &str, sql: &str, opts: &QueryOptions) -> anyhow::Result<QueryResult> {
    use anyhow::Context;
    runtime()?.block_on(async {
        let work = async {
            let ctx = session(store, scheduler, opts.dedup).await?;
            // Read-only, as locally: the same check on the planned statement.
            let df = entente_store::read_only_sql(&ctx, sql, opts.limit).await?;
            let schema = std::sync::Arc::new(df.schema().as_arrow().clone());
            let batches = df.collect().await?;
            Ok::<_, anyhow::Error>((schema, batches))
        };
        let (schema, batches) = tokio::time::timeout(opts.timeout, work)
            .await
            .map_err(|_| anyhow::anyhow!("the query took longer than {:?}", opts.timeout))?
            .with_context(|| format!("query on the cluster at {scheduler}"))?;
        Ok(QueryResult::limited(schema, batches, opts.limit))
    })
}

/// A Ballista session on the scheduler at `scheduler` with the store's tables and views
/// (`events`, `events_raw`, `events_daily`, `events_root`, `mentions`, and the extract tables
/// `amounts`, `things`, `themes`, `quotes`) registered: the local
/// session's table providers are handed over as they are, so both modes see exactly the
/// manifest's files and the same view definitions. This is the pluggable context for any
/// caller whose SQL goes through a `SessionContext` (the guide, say).
#[cfg(feature = "cluster")]
pub async fn session(
    store: &Store,
    scheduler: &str,
    dedup: entente_store::Dedup,
) -> anyhow::Result<datafusion::prelude::SessionContext> {
    use anyhow::Context;
    use ballista::prelude::SessionContextExt;
    use datafusion::prelude::SessionContext;
    let local = store.session(dedup).await?;
    let url = if scheduler.contains("://") { scheduler.to_string() } else { format!("df://{scheduler}") };
    let ctx = SessionContext::remote(&url)
        .await
        .with_context(|| format!("connecting to the scheduler at {scheduler}"))?;
    for name in ["events_raw", "mentions", "amounts", "things", "themes", "quotes", "events_daily", "events_root", "events"] {
        let table = local.table_provider(name).await?;
        ctx.register_table(name, table)?;
    }
    Ok(ctx)
}

/// Without the `cluster` feature: an error that says how to get it.
#[cfg(not(feature = "cluster"))]
pub fn sql(_: &Store, _: &str, _: &str, _: &QueryOptions) -> anyhow::Result<QueryResult> {
    anyhow::bail!(
        "--cluster: this entente was built without cluster mode; build it with \
         `cargo build --release -p entente --features cluster`"
    )
}
