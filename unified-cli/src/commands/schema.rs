//! `unified schema`: the JSON Schema of one part for one provider.

use std::process::ExitCode;

use unified_core::Registry;
use unified_models::providers::Set;

use super::{print_json, resolve};
use crate::cli::Target;
use crate::failure::Failure;

/// Prints the schema of one part for one view.
pub fn run(registry: &Registry<Set>, target: &Target) -> Result<ExitCode, Failure> {
    let resolved = resolve(registry, target)?;
    print_json(&resolved.operation.schema(resolved.part, resolved.view))?;
    Ok(ExitCode::SUCCESS)
}
