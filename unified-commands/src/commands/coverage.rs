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
    let mut served = Vec::new();
    let mut coverage = operation.coverage();
    for provider in Provider::<S>::all() {
        let Some(adapter) = adapters.find(provider, operation.model(), operation.name()) else {
            continue;
        };
        served.push(provider.id());
        // What the adapter asks of a field beyond the model is enforced too.
        for need in adapter.needs() {
            if let Some((field, rule)) = need.field_rule() {
                coverage = coverage.with_adapter_rule(provider.id(), need.part(), field, rule);
            }
        }
    }
    let coverage = coverage.served_by(served);
    match format {
        CoverageFormat::Json => print_json(&coverage)?,
        CoverageFormat::Markdown => print(&coverage.to_markdown())?,
    }
    Ok(ExitCode::SUCCESS)
}
