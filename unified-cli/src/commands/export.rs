//! `unified export`: every schema file below a folder, written only where it changed.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use unified_core::Registry;
use unified_models::providers::Set;

use crate::failure::Failure;

pub fn run(registry: &Registry<Set>, dir: &Path) -> Result<ExitCode, Failure> {
    let files = registry.schema_files();
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
    let _ = writeln!(
        std::io::stderr(),
        "{} schemas in {} ({written} written, {} unchanged)",
        files.len(),
        dir.display(),
        files.len() - written
    );
    Ok(ExitCode::SUCCESS)
}
