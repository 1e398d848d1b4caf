//! `unified coverage`: which providers support and require each field.

use std::process::ExitCode;

use unified_core::Registry;
use unified_models::providers::Set;

use super::{find_operation, print, print_json};
use crate::cli::CoverageFormat;
use crate::failure::Failure;

/// Prints the coverage table of one operation.
pub fn run(
    registry: &Registry<Set>,
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
