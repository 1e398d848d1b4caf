//! `providers` and `models`: what the provider set and the registry hold.

use std::process::ExitCode;

use unified_core::{Provider, ProviderSet, Registry};

use crate::failure::Failure;
use crate::output::print;

/// Prints every provider: id and name.
pub fn providers<S: ProviderSet>() -> Result<ExitCode, Failure> {
    let lines: String = Provider::<S>::all()
        .map(|provider| format!("{:<30} {}\n", provider.id(), provider.name()))
        .collect();
    print(&lines)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints every model and operation.
pub fn models<S: ProviderSet>(registry: &Registry<S>) -> Result<ExitCode, Failure> {
    let lines: String = registry
        .operations()
        .iter()
        .map(|operation| format!("{:<30} {}\n", operation.model(), operation.name()))
        .collect();
    print(&lines)?;
    Ok(ExitCode::SUCCESS)
}
