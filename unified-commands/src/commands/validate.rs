//! `validate`: one JSON report on stdout; exit 0 when valid, 1 when invalid.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;
use unified_core::{Part, ProviderSet, Registry, ValidationError};

use super::resolve;
use crate::cli::Selection;
use crate::failure::Failure;
use crate::output::print_json;

/// The report, in the shape the command prints.
#[derive(Serialize)]
struct Output<'a> {
    valid: bool,
    model: &'a str,
    operation: &'a str,
    part: Part,
    provider: &'a str,
    errors: &'a [ValidationError],
}

/// Validates one document and prints its report.
pub fn run<S: ProviderSet>(
    registry: &Registry<S>,
    selection: &Selection,
    file: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let resolved = resolve(registry, selection)?;
    let input = read_input(file)?;
    let text: &[u8] = match resolved.part {
        Part::Query => input.trim_ascii(),
        Part::Body | Part::Response => &input,
    };
    let report = resolved
        .operation
        .validate_text(resolved.part, text, resolved.target);
    print_json(&Output {
        valid: report.is_valid(),
        model: resolved.operation.model(),
        operation: resolved.operation.name(),
        part: resolved.part,
        provider: resolved.target.id(),
        errors: report.errors(),
    })?;
    Ok(if report.is_valid() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn read_input(file: Option<&Path>) -> Result<Vec<u8>, Failure> {
    match file {
        None => read_stdin(),
        Some(path) if path == Path::new("-") => read_stdin(),
        Some(path) => std::fs::read(path)
            .map_err(|error| Failure::new(format!("cannot read {}: {error}", path.display()))),
    }
}

fn read_stdin() -> Result<Vec<u8>, Failure> {
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .map_err(|error| Failure::new(format!("cannot read standard input: {error}")))?;
    Ok(input)
}
