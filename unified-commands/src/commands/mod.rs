//! One module per command; this one resolves names against the registry and dispatches.

pub(crate) mod account;
mod coverage;
mod database;
mod diff;
mod export;
mod list;
mod logs;
mod openapi;
mod schema;
mod serve;
mod token;
mod validate;

use std::process::ExitCode;

use unified_core::suggest::closest;
use unified_core::{Operation, Part, ProviderSet, Registry, Target};

use crate::cli::{Command, Selection};
use crate::failure::Failure;
use crate::output::program_name;
use crate::program::Program;

/// Runs one command of `program`.
pub fn run<S: ProviderSet>(program: Program<S>, command: Command) -> Result<ExitCode, Failure> {
    let registry = &program.registry;
    match command {
        Command::Validate { selection, file } => {
            validate::run(registry, &selection, file.as_deref())
        }
        Command::Schema { selection } => schema::run(registry, &selection),
        Command::Export { dir } => export::run(&program, &dir),
        Command::Openapi {
            version,
            provider,
            file,
        } => openapi::run(&program, &version, &provider, file.as_deref()),
        Command::Coverage {
            model,
            operation,
            format,
        } => coverage::run(registry, &program.adapters, &model, &operation, format),
        Command::Diff {
            paths,
            against,
            fail_on,
            format,
        } => diff::run(&paths, against.as_deref(), fail_on, format),
        Command::Providers => list::providers::<S>(),
        Command::Models => list::models(registry),
        Command::Serve {
            addr,
            storage,
            limits,
            metrics,
            log_format,
        } => {
            logs::start(log_format);
            serve::run(program, &addr, &storage.db, &limits, &metrics)
        }
        Command::Token { command } => token::run(command),
        Command::Account { command } => account::run(&program, command),
    }
}

/// What a [`Selection`] names, each name checked.
pub struct Resolved<'a, S: ProviderSet> {
    /// The model's operation.
    pub operation: &'a Operation<S>,
    /// The provider, or the unified target.
    pub target: Target<S>,
    /// Body, query or response.
    pub part: Part,
}

/// Looks up the model, operation, provider and part a command names.
pub fn resolve<'a, S: ProviderSet>(
    registry: &'a Registry<S>,
    selection: &Selection,
) -> Result<Resolved<'a, S>, Failure> {
    let operation = find_operation(registry, &selection.model, &selection.operation)?;
    let target = find_target::<S>(&selection.provider)?;
    let part = selection.part.parse::<Part>().map_err(Failure::new)?;
    if !operation.parts().any(|has| has == part) {
        return Err(Failure::new(format!(
            "`{}` takes no {part}; choose --part query or response",
            operation.name()
        )));
    }
    Ok(Resolved {
        operation,
        target,
        part,
    })
}

/// Looks up an operation, with a did-you-mean for an unknown model or operation.
pub fn find_operation<'a, S: ProviderSet>(
    registry: &'a Registry<S>,
    model: &str,
    operation: &str,
) -> Result<&'a Operation<S>, Failure> {
    if !registry.models().contains(&model) {
        return Err(unknown("model", model, registry.models(), "models"));
    }
    registry.find(model, operation).ok_or_else(|| {
        let names = registry
            .operations()
            .iter()
            .filter(|op| op.model() == model)
            .map(Operation::name);
        unknown("operation", operation, names, "models")
    })
}

/// Looks up a provider's target (or the unified target), with a did-you-mean.
pub fn find_target<S: ProviderSet>(id: &str) -> Result<Target<S>, Failure> {
    Target::<S>::from_id(id).ok_or_else(|| {
        unknown(
            "provider",
            id,
            Target::<S>::all().map(Target::id),
            "providers",
        )
    })
}

/// An unknown name, with the closest known one when there is one, and the command that lists
/// the known ones.
pub fn unknown<'a>(
    what: &str,
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
    list_command: &str,
) -> Failure {
    let program = program_name();
    match closest(name, known) {
        Some(close) => Failure::new(format!(
            "unknown {what} `{name}`; did you mean `{close}`? (`{program} {list_command}` lists them)"
        )),
        None => Failure::new(format!(
            "unknown {what} `{name}` (`{program} {list_command}` lists them)"
        )),
    }
}
