//! `export`: every schema file and OpenAPI document below a folder, written only where
//! it changed; files that nothing produces any more are removed from the models' folders and
//! the OpenAPI folder.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use unified_core::ProviderSet;

use crate::failure::Failure;
use crate::program::Program;

/// Writes every schema below `dir`.
pub fn run<S: ProviderSet>(program: &Program<S>, dir: &Path) -> Result<ExitCode, Failure> {
    let mut files = program.registry.schema_files();
    files.extend(unified_openapi::files(&program.registry, &program.adapters));
    let mut written = 0;
    for (relative, text) in &files {
        let path = dir.join(relative);
        if std::fs::read_to_string(&path).is_ok_and(|old| old == *text) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|error| {
                Failure::new(format!("cannot create {}: {error}", parent.display()))
            })?;
        }
        std::fs::write(&path, text)
            .map_err(|error| Failure::new(format!("cannot write {}: {error}", path.display())))?;
        written += 1;
    }
    let produced: BTreeSet<PathBuf> = files
        .iter()
        .map(|(relative, _)| dir.join(relative))
        .collect();
    let mut removed = 0;
    for model in program
        .registry
        .models()
        .into_iter()
        .chain([unified_openapi::FOLDER])
    {
        for path in json_files_below(&dir.join(model))? {
            if !produced.contains(&path) {
                std::fs::remove_file(&path).map_err(|error| {
                    Failure::new(format!("cannot remove {}: {error}", path.display()))
                })?;
                removed += 1;
            }
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "{} schemas in {} ({written} written, {} unchanged, {removed} stale removed)",
        files.len(),
        dir.display(),
        files.len() - written
    );
    Ok(ExitCode::SUCCESS)
}

/// Every `.json` file below `dir` (none if it does not exist).
fn json_files_below(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(found);
    };
    for entry in entries {
        let path = entry
            .map_err(|error| Failure::new(format!("cannot read {}: {error}", dir.display())))?
            .path();
        if path.is_dir() {
            found.extend(json_files_below(&path)?);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            found.push(path);
        }
    }
    Ok(found)
}
