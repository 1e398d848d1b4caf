//! One module per command; this one resolves names against the registry and dispatches.

mod account;
mod coverage;
mod database;
mod export;
mod list;
mod openapi;
mod schema;
mod serve;
mod token;
mod validate;

use std::process::ExitCode;

use unified_core::suggest::closest;
use unified_core::{Operation, Part, Registry, View};
use unified_models::providers::Set;

use crate::cli::{Command, Target};
use crate::failure::Failure;

/// Runs one command against the registry of `unified-models`.
pub fn run(command: Command) -> Result<ExitCode, Failure> {
    let registry = unified_models::registry();
    match command {
        Command::Validate { target, file } => validate::run(&registry, &target, file.as_deref()),
        Command::Schema { target } => schema::run(&registry, &target),
        Command::Export { dir } => export::run(&registry, &dir),
        Command::Openapi {
            version,
            provider,
            file,
        } => openapi::run(&registry, &version, &provider, file.as_deref()),
        Command::Coverage {
            model,
            operation,
            format,
        } => coverage::run(&registry, &model, &operation, format),
        Command::Providers => list::providers(),
        Command::Models => list::models(&registry),
        Command::Serve {
            addr,
            storage,
            limits,
        } => serve::run(&addr, &storage.db, &limits),
        Command::Token { command } => token::run(command),
        Command::Account { command } => account::run(command),
    }
}

/// What a [`Target`] names, each name checked.
pub struct Resolved<'a> {
    /// The model's operation.
    pub operation: &'a Operation<Set>,
    /// The provider, or the unified view.
    pub view: View<Set>,
    /// Body, query or response.
    pub part: Part,
}

/// Looks up the model, operation, provider and part a command names.
pub fn resolve<'a>(registry: &'a Registry<Set>, target: &Target) -> Result<Resolved<'a>, Failure> {
    let operation = find_operation(registry, &target.model, &target.operation)?;
    let view = View::<Set>::from_id(&target.provider).ok_or_else(|| {
        let ids = View::<Set>::all().map(View::id);
        unknown("provider", &target.provider, ids, "unified providers")
    })?;
    let part = target.part.parse::<Part>().map_err(Failure::new)?;
    Ok(Resolved {
        operation,
        view,
        part,
    })
}

/// Looks up an operation, with a did-you-mean for an unknown model or operation.
pub fn find_operation<'a>(
    registry: &'a Registry<Set>,
    model: &str,
    operation: &str,
) -> Result<&'a Operation<Set>, Failure> {
    if !registry.models().contains(&model) {
        return Err(unknown("model", model, registry.models(), "unified models"));
    }
    registry.find(model, operation).ok_or_else(|| {
        let names = registry
            .operations()
            .iter()
            .filter(|op| op.model() == model)
            .map(Operation::name);
        unknown("operation", operation, names, "unified models")
    })
}

/// An unknown name, with the closest known one when there is one.
pub fn unknown<'a>(
    what: &str,
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
    list_command: &str,
) -> Failure {
    match closest(name, known) {
        Some(close) => Failure::new(format!(
            "unknown {what} `{name}`; did you mean `{close}`? (`{list_command}` lists them)"
        )),
        None => Failure::new(format!(
            "unknown {what} `{name}` (`{list_command}` lists them)"
        )),
    }
}

/// Prints a JSON value as one pretty document.
pub fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|error| Failure::new(format!("cannot print JSON: {error}")))?;
    text.push('\n');
    print(&text)
}

/// Says `text` on stderr after `unified: `; a closed stderr is no reason to fail a command.
pub fn note(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "unified: {text}");
}

/// Writes to stdout; a closed pipe (`unified ... | head`) is a failure to report, not a panic.
pub fn print(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|error| Failure::new(format!("cannot write to standard output: {error}")))
}
