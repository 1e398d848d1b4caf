//! `coverage`: which providers support and require each field.

use std::process::ExitCode;

use unified_core::{ProviderSet, Registry};

use super::find_operation;
use crate::cli::CoverageFormat;
use crate::failure::Failure;
use crate::output::{print, print_json};

/// Prints the coverage table of one operation.
pub fn run<S: ProviderSet>(
    registry: &Registry<S>,
    model: &str,
    operation: &str,
    format: CoverageFormat,
) -> Result<ExitCode, Failure> {
    let coverage = find_operation(registry, model, operation)?.coverage();
    match format {
        CoverageFormat::Json => print_json(&coverage)?,
        CoverageFormat::Markdown => print(&coverage.to_markdown())?,
    }
    Ok(ExitCode::SUCCESS)
}
