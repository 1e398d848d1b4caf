//! `unified providers` and `unified models`: what the registry knows.

use std::process::ExitCode;

use unified_core::{Provider, Registry};
use unified_models::providers::Set;

use crate::failure::Failure;

pub fn providers() -> Result<ExitCode, Failure> {
    for provider in Provider::<Set>::all() {
        println!("{:<30} {}", provider.id(), provider.name());
    }
    Ok(ExitCode::SUCCESS)
}

pub fn models(registry: &Registry<Set>) -> Result<ExitCode, Failure> {
    for operation in registry.operations() {
        println!("{:<30} {}", operation.model(), operation.name());
    }
    Ok(ExitCode::SUCCESS)
}
