//! What a command writes: results on stdout, notes and failures on stderr after the program's
//! name, which the program sets once.

use std::io::Write;
use std::sync::OnceLock;

use crate::failure::Failure;

static NAME: OnceLock<&'static str> = OnceLock::new();

/// Sets the name the program says its notes and failures with; the first name set stays.
pub fn set_program_name(name: &'static str) {
    let _ = NAME.set(name);
}

/// The program's name: `unified`, or a downstream binary's own.
pub fn program_name() -> &'static str {
    NAME.get().copied().unwrap_or("unified")
}

/// Prints a JSON value as one pretty document.
pub fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|error| Failure::new(format!("cannot print JSON: {error}")))?;
    text.push('\n');
    print(&text)
}

/// Whether notes are log lines (under `serve --log-format json`, where every stderr line is a
/// JSON object).
static NOTES_AS_LOG_LINES: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Makes every later note a log line.
pub fn notes_as_log_lines() {
    NOTES_AS_LOG_LINES.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Says `text` on stderr after the program's name (or as a log line, see
/// [`notes_as_log_lines`]); a closed stderr is no reason to fail a command.
pub fn note(text: &str) {
    if NOTES_AS_LOG_LINES.load(std::sync::atomic::Ordering::Relaxed) {
        tracing::info!("{text}");
        return;
    }
    let _ = writeln!(std::io::stderr(), "{}: {text}", program_name());
}

/// Writes to stdout; a closed pipe (`unified ... | head`) is a failure to report, not a panic.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|error| Failure::new(format!("cannot write to standard output: {error}")))
}
