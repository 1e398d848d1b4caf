//! `coverage`: which providers support and require each field, and which serve the operation.

use std::process::ExitCode;

use unified_adapter::Adapters;
use unified_core::{Provider, ProviderSet, Registry};

use super::find_operation;
use crate::cli::CoverageFormat;
use crate::failure::Failure;
use crate::output::{print, print_json};

/// Prints the coverage table of one operation, with the providers `adapters` serve it for.
pub fn run<S: ProviderSet>(
    registry: &Registry<S>,
    adapters: &Adapters<S>,
    model: &str,
    operation: &str,
    format: CoverageFormat,
) -> Result<ExitCode, Failure> {
    let operation = find_operation(registry, model, operation)?;
    let served = Provider::<S>::all()
        .filter(|provider| {
            adapters
                .find(*provider, operation.model(), operation.name())
                .is_some()
        })
        .map(Provider::id)
        .collect();
    let coverage = operation.coverage().served_by(served);
    match format {
        CoverageFormat::Json => print_json(&coverage)?,
        CoverageFormat::Markdown => print(&coverage.to_markdown())?,
    }
    Ok(ExitCode::SUCCESS)
}
