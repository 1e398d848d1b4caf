//! The log lines of `serve`, on stderr: text for people, or one JSON object per line for log
//! collectors. `RUST_LOG` filters them (`info` by default).

use tracing_subscriber::EnvFilter;

use crate::cli::LogFormat;

/// Starts writing log lines in `format`.
pub fn start(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let lines = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter);
    match format {
        LogFormat::Text => lines
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
        // Within a request, the line's `span` member holds the request's span and its
        // `request_id`.
        LogFormat::Json => {
            lines
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .with_span_list(false)
                .init();
            crate::output::notes_as_log_lines();
        }
    }
}
