//! `diff`: what changed between two versions of the exported schemas or of an OpenAPI
//! document, printed as text, JSON or Markdown.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;
use unified_schema_diff::{Format, Level, Report, Tree, diff_documents, diff_trees, render};

use crate::cli::{DiffFormat, FailOn};
use crate::failure::Failure;

/// Compares what `paths` and `against` name, prints the report, and fails as `fail_on` says.
pub fn run(
    paths: &[PathBuf],
    against: Option<&str>,
    fail_on: FailOn,
    format: DiffFormat,
) -> Result<ExitCode, Failure> {
    let report = match (against, paths) {
        (Some(revision), [] | [_]) => {
            let new = paths.first().map_or(Path::new("schemas"), PathBuf::as_path);
            against_revision(revision, new)?
        }
        (Some(_), _) => {
            return Err(Failure::new(
                "with --against, name only the new folder or document",
            ));
        }
        (None, [old, new]) => between(old, new)?,
        (None, _) => {
            return Err(Failure::new(
                "name the old and the new folder (or document), or one with --against REV",
            ));
        }
    };
    let format = match format {
        DiffFormat::Text => Format::Text,
        DiffFormat::Json => Format::Json,
        DiffFormat::Markdown => Format::Markdown,
    };
    let _ = std::io::stdout().write_all(render(&report, format).as_bytes());
    let threshold = match fail_on {
        FailOn::Never => None,
        FailOn::Err => Some(Level::Err),
        FailOn::Warn => Some(Level::Warn),
        FailOn::Info => Some(Level::Info),
    };
    Ok(match threshold {
        Some(level) if report.reaches(level) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

fn between(old: &Path, new: &Path) -> Result<Report, Failure> {
    for path in [old, new] {
        if !path.exists() {
            return Err(Failure::new(format!(
                "cannot read {}: no such folder or file",
                path.display()
            )));
        }
    }
    match (old.is_dir(), new.is_dir()) {
        (true, true) => Ok(diff_trees(&folder(old)?, &folder(new)?)),
        (false, false) => {
            let (old_document, new_document) = (document(old)?, document(new)?);
            Ok(diff_documents(&name_of(new), &old_document, &new_document))
        }
        _ => Err(Failure::new(
            "compare two folders of exported schemas, or two OpenAPI documents",
        )),
    }
}

fn against_revision(revision: &str, new: &Path) -> Result<Report, Failure> {
    if new.is_dir() {
        let old = Tree::from_git(revision, new).map_err(|error| Failure::new(error.to_string()))?;
        return Ok(diff_trees(&old, &folder(new)?));
    }
    let text =
        Tree::file_from_git(revision, new).map_err(|error| Failure::new(error.to_string()))?;
    let old: Value = serde_json::from_slice(&text).map_err(|error| {
        Failure::new(format!(
            "{} at {revision} is not JSON: {error}",
            new.display()
        ))
    })?;
    let old = openapi_only(old, new)?;
    Ok(diff_documents(&name_of(new), &old, &document(new)?))
}

fn folder(dir: &Path) -> Result<Tree, Failure> {
    let tree = Tree::from_folder(dir).map_err(|error| Failure::new(error.to_string()))?;
    if !tree.holds_schemas() {
        return Err(Failure::new(format!(
            "{} holds no exported schema (<model>/<provider>/<operation>.<part>.json) or OpenAPI \
             document",
            dir.display()
        )));
    }
    Ok(tree)
}

fn document(path: &Path) -> Result<Value, Failure> {
    let text = std::fs::read(path)
        .map_err(|error| Failure::new(format!("cannot read {}: {error}", path.display())))?;
    let document: Value = serde_json::from_slice(&text)
        .map_err(|error| Failure::new(format!("{} is not JSON: {error}", path.display())))?;
    openapi_only(document, path)
}

/// `document`, when it is an OpenAPI document: a single schema file is compared within its
/// tree, where its provider, operation and part are known.
fn openapi_only(document: Value, path: &Path) -> Result<Value, Failure> {
    if document.get("openapi").is_some_and(Value::is_string) {
        return Ok(document);
    }
    Err(Failure::new(format!(
        "{} is not an OpenAPI document; compare the folders of exported schemas it belongs to",
        path.display()
    )))
}

fn name_of(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
