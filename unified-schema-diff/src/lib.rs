//! `unified diff`: what changed between two versions of a gateway's exported schemas or OpenAPI
//! documents, and whom it breaks.
//!
//! Each change is placed (provider, model, operation, part, and a JSON pointer into the
//! schema), given a stable [`Code`] and a [`Level`]: a request part that accepts less breaks
//! the clients that send it; a response that accepts more can break the clients that read it.
//! Where the rules cannot decide (a pattern or format replaced by another, a check only code
//! makes), the change is [`Effect::Unknown`], a warning. Breaking and unknown changes are then
//! put to a check that cannot lie: documents are generated, and one the old schema accepts and
//! the new one refuses (for an answer, the other way), asked of the `jsonschema` crate, is
//! reported as the break's worked example; an unknown change with one becomes an error.

mod change;
mod compare;
mod documents;
mod example;
mod files;
pub mod generate;
mod keywords;
mod part;
mod render;
mod report;
mod tree;
mod trees;

pub use change::{Change, Code, Effect, Level, Place, Side};
pub use render::{Format, render};
pub use report::Report;
pub use tree::Tree;

use std::fmt;

use serde_json::Value;

/// Why a comparison could not be made: a folder, revision or document that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffError(String);

impl DiffError {
    /// An error that says `message`.
    pub fn new(message: impl Into<String>) -> DiffError {
        DiffError(message.into())
    }
}

impl fmt::Display for DiffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DiffError {}

/// Every change from the tree of exported schemas `old` to `new`.
pub fn diff_trees(old: &Tree, new: &Tree) -> Report {
    Report::new(trees::compare_trees(old, new))
}

/// Every change from the OpenAPI document `old` to `new`, both named `file` (its stem names the
/// view in the report): its operations, and for each, its body, parameters and success answers.
pub fn diff_documents(file: &str, old: &Value, new: &Value) -> Report {
    let view = std::path::Path::new(file)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    Report::new(documents::compare_documents(file, &view, old, new, true))
}
