//! `unified serve`: the gateway on a tokio runtime until Ctrl-C.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use unified_gateway::{Gateway, GatewayConfig, Store};

use crate::commands::print;
use crate::failure::Failure;

/// Opens the store, binds `addr`, prints the address it listens on and serves.
pub fn run(addr: &str, db: &Path, provider_timeout: f64) -> Result<ExitCode, Failure> {
    let timeout = Duration::try_from_secs_f64(provider_timeout)
        .ok()
        .filter(|timeout| !timeout.is_zero())
        .ok_or_else(|| Failure::new("--provider-timeout must be a positive number of seconds"))?;
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let store = Store::open(db).map_err(|error| Failure::new(error.to_string()))?;
    let config = GatewayConfig::default().with_provider_timeout(timeout);
    let gateway = Gateway::new(store, config).map_err(|error| Failure::new(error.to_string()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure::new(format!("cannot start the runtime: {error}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|error| Failure::new(format!("cannot listen on {addr}: {error}")))?;
        let local = listener
            .local_addr()
            .map_err(|error| Failure::new(format!("cannot read the bound address: {error}")))?;
        print(&format!("listening on http://{local}\n"))?;
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        gateway
            .serve(listener, shutdown)
            .await
            .map_err(|error| Failure::new(format!("the server stopped: {error}")))
    })?;
    Ok(ExitCode::SUCCESS)
}
