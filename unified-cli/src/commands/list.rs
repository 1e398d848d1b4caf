//! `unified providers` and `unified models`: what the registry knows.

use std::process::ExitCode;

use unified_core::{Provider, Registry};
use unified_models::providers::Set;

use super::print;
use crate::failure::Failure;

/// Prints every provider: id and name.
pub fn providers() -> Result<ExitCode, Failure> {
    let lines: String = Provider::<Set>::all()
        .map(|provider| format!("{:<30} {}\n", provider.id(), provider.name()))
        .collect();
    print(&lines)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints every model and operation.
pub fn models(registry: &Registry<Set>) -> Result<ExitCode, Failure> {
    let lines: String = registry
        .operations()
        .iter()
        .map(|operation| format!("{:<30} {}\n", operation.model(), operation.name()))
        .collect();
    print(&lines)?;
    Ok(ExitCode::SUCCESS)
}
