//! The guide's "Your own models" chapter (`docs/your-own-models.md`) shows this crate's code, the
//! `helpdesk` program and the `main` below, so what the guide shows compiles and is tested.

const START: &str = "// guide: your own models (start)\n";
const END: &str = "// guide: your own models (end)";
const GUIDE_MARK: &str = "<!-- guide: your own models -->\n```rust,ignore\n";
const SERVE_START: &str = "// guide: serve your own models (start)\n";
const SERVE_END: &str = "// guide: serve your own models (end)";
const SERVE_MARK: &str = "<!-- guide: serve your own models -->\n```rust,ignore\n";
const PROGRAM_MARK: &str = "<!-- guide: the helpdesk program -->\n```rust,ignore\n";

const GUIDE: &str = include_str!("../../../docs/your-own-models.md");

/// The code block that follows `mark` in the guide's chapter.
fn shown_after(mark: &str) -> &'static str {
    let block = GUIDE.find(mark).expect("the guide's mark") + mark.len();
    let shown = &GUIDE[block..];
    shown[..shown.find("\n```").expect("the block's end")].trim_end()
}

/// The text of `source` between its `start` and `end` marks.
fn marked<'a>(source: &'a str, start: &str, end: &str) -> &'a str {
    let start = source.find(start).expect("the start mark") + start.len();
    let end = start + source[start..].find(end).expect("the end mark");
    source[start..end].trim_end()
}

#[test]
fn the_guide_shows_this_crate_as_it_is() {
    let source = include_str!("../src/lib.rs");
    let start = source.find(START).expect("the start mark") + START.len();
    let end = source.find(END).expect("the end mark");
    let code = source[start..end].trim_end();

    let shown = shown_after(GUIDE_MARK);
    assert_eq!(
        shown, code,
        "the guide's block differs from examples/helpdesk/src/lib.rs"
    );
}

#[test]
fn the_guide_serves_with_the_main_of_this_file() {
    let code = marked(include_str!("readme.rs"), SERVE_START, SERVE_END);
    assert_eq!(
        shown_after(SERVE_MARK),
        code,
        "the guide's serving block differs from the main in examples/helpdesk/tests/readme.rs"
    );
}

#[test]
fn the_guide_shows_the_helpdesk_program_as_it_is() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/bin/helpdesk.rs");
    let program = std::fs::read_to_string(path).expect("src/bin/helpdesk.rs");
    let code: String = program
        .lines()
        .skip_while(|line| line.starts_with("//!") || line.is_empty())
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(
        shown_after(PROGRAM_MARK),
        code.trim_end(),
        "the guide's block differs from examples/helpdesk/src/bin/helpdesk.rs"
    );
}

// Compiled here, never run: the guide's `main` for serving this crate's gateway.
// guide: serve your own models (start)
use unified_gateway::{GatewayConfig, Store};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // On the runtime that serves: a PostgreSQL store's connections live on it.
    let store = Store::open("helpdesk.db").await?;
    let gateway = helpdesk_example::gateway(store, GatewayConfig::default())?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
    println!("listening on http://{}", listener.local_addr()?);
    let shutdown = async {
        // Ctrl-C stops accepting connections; the requests in flight finish. Without a
        // Ctrl-C handler, it serves until the process is killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    gateway.serve(listener, shutdown).await?;
    Ok(())
}
// guide: serve your own models (end)
