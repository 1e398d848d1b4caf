//! `serve`: the gateway on a tokio runtime until Ctrl-C or SIGTERM, which let the
//! requests in flight finish.

use std::process::ExitCode;
use std::time::Duration;

use unified_core::ProviderSet;
use unified_gateway::{Gateway, GatewayConfig};

use crate::cli::{ServeLimits, ServeMetrics};
use crate::commands::database::{open_store, setup_failure};
use crate::failure::Failure;
use crate::output::{note, print, program_name};
use crate::program::Program;

/// Opens the store, binds `addr` (and the metrics' address when given), prints the addresses
/// it listens on and serves.
pub fn run<S: ProviderSet>(
    program: Program<S>,
    addr: &str,
    db: &str,
    limits: &ServeLimits,
    metrics: &ServeMetrics,
) -> Result<ExitCode, Failure> {
    let mut config = config(limits)?;
    config.metrics = !metrics.no_metrics;
    config.metrics_addr = metrics.metrics_addr;
    let cache_ttl = Duration::try_from_secs_f64(limits.cache_ttl)
        .map_err(|_| Failure::new("--cache-ttl must be a number of seconds, 0 or more"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure::new(format!("cannot start the runtime: {error}")))?;
    runtime.block_on(async {
        // On the serving runtime: a PostgreSQL pool's connections live on it.
        let mut store = open_store(db).await?;
        store.set_cache_ttl(cache_ttl);
        let summary = store.summary().await.map_err(setup_failure)?;
        note(&format!("{summary}"));
        if summary.created {
            let program = program_name();
            note(&format!(
                "warning: this database was just created, so no token or account exists yet \
                 ({program} token create, {program} account add); check --db or UNIFIED_DB"
            ));
        }
        let gateway = Gateway::new(store, program.registry, program.adapters, config)
            .map_err(setup_failure)?;
        let (listener, local) = bind(addr).await?;
        let metrics = match metrics.metrics_addr {
            Some(addr) => Some(bind(&addr.to_string()).await?),
            None => None,
        };
        let shutdown = stop_signal()?;
        // One write, so a reader that takes the first line and closes the pipe loses nothing.
        let mut listening = format!("listening on http://{local}\n");
        if let Some((_, local)) = &metrics {
            listening.push_str(&format!("metrics on http://{local}/metrics\n"));
        }
        print(&listening)?;
        let served = match metrics {
            Some((metrics, _)) => {
                gateway
                    .serve_with_metrics_on(listener, metrics, shutdown)
                    .await
            }
            None => gateway.serve(listener, shutdown).await,
        };
        served.map_err(|error| Failure::new(format!("the server stopped: {error}")))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// A listener on `addr`, and the address it got.
async fn bind(addr: &str) -> Result<(tokio::net::TcpListener, std::net::SocketAddr), Failure> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|error| Failure::new(format!("cannot listen on {addr}: {error}")))?;
    let local = listener
        .local_addr()
        .map_err(|error| Failure::new(format!("cannot read the bound address: {error}")))?;
    Ok((listener, local))
}

/// The gateway's settings from the command line, each duration checked.
fn config(limits: &ServeLimits) -> Result<GatewayConfig, Failure> {
    let mut config = GatewayConfig::default();
    config.provider_timeout = seconds("--provider-timeout", limits.provider_timeout)?;
    config.header_timeout = seconds("--header-timeout", limits.header_timeout)?;
    config.body_timeout = seconds("--body-timeout", limits.body_timeout)?;
    config.idle_timeout = seconds("--idle-timeout", limits.idle_timeout)?;
    config.provider_answer_limit =
        positive("--provider-answer-limit", limits.provider_answer_limit)?;
    config.max_connections = positive("--max-connections", limits.max_connections)?;
    config.body_memory_limit = positive("--body-memory-limit", limits.body_memory_limit)?;
    config.idempotency_retention =
        seconds("--idempotency-retention", limits.idempotency_retention)?;
    config.drain_delay = Duration::try_from_secs_f64(limits.drain_delay)
        .map_err(|_| Failure::new("--drain-delay must be a number of seconds, 0 or more"))?;
    Ok(config)
}

fn seconds(option: &str, value: f64) -> Result<Duration, Failure> {
    Duration::try_from_secs_f64(value)
        .ok()
        .filter(|duration| !duration.is_zero())
        .ok_or_else(|| Failure::new(format!("{option} must be a positive number of seconds")))
}

fn positive(option: &str, value: usize) -> Result<usize, Failure> {
    if value == 0 {
        Err(Failure::new(format!("{option} must be at least 1")))
    } else {
        Ok(value)
    }
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM, the signal containers and service managers stop
/// a process with.
fn stop_signal() -> Result<impl Future<Output = ()> + Send + 'static, Failure> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut terminate = signal(SignalKind::terminate())
            .map_err(|error| Failure::new(format!("cannot listen for SIGTERM: {error}")))?;
        Ok(async move {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            tracing::info!("stopping: finishing the requests in flight");
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}
