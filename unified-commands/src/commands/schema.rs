//! `schema`: the JSON Schema of one part for one provider.

use std::process::ExitCode;

use unified_core::{ProviderSet, Registry};

use super::resolve;
use crate::cli::Selection;
use crate::failure::Failure;
use crate::output::print_json;

/// Prints the schema of one part for one view.
pub fn run<S: ProviderSet>(
    registry: &Registry<S>,
    selection: &Selection,
) -> Result<ExitCode, Failure> {
    let resolved = resolve(registry, selection)?;
    print_json(&resolved.operation.schema(resolved.part, resolved.target))?;
    Ok(ExitCode::SUCCESS)
}
