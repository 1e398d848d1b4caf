//! `openapi`: the gateway's OpenAPI document for one provider or the unified target.

use std::path::Path;
use std::process::ExitCode;

use unified_core::ProviderSet;
use unified_core::schema::file_text;
use unified_openapi::{OpenApiVersion, document};

use super::find_target;
use crate::failure::Failure;
use crate::output::{note, print_json};
use crate::program::Program;

/// Writes (or prints) the document of `provider` in OpenAPI `version`.
pub fn run<S: ProviderSet>(
    program: &Program<S>,
    version: &str,
    provider: &str,
    file: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let version = OpenApiVersion::parse(version).ok_or_else(|| {
        Failure::new(format!(
            "unknown OpenAPI version `{version}`; this writes `3.1` or `3.0`"
        ))
    })?;
    let target = find_target::<S>(provider)?;
    let document = document(&program.registry, &program.adapters, target, version);
    match file.filter(|file| *file != Path::new("-")) {
        None => print_json(&document)?,
        Some(file) => {
            std::fs::write(file, file_text(&document)).map_err(|error| {
                Failure::new(format!("cannot write {}: {error}", file.display()))
            })?;
            note(&format!(
                "wrote the OpenAPI {} document for {} to {}",
                version.as_str(),
                target.name(),
                file.display()
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}
