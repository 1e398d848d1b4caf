//! What `diff` found, in the order it is read: the most serious first.

use serde::Serialize;

use crate::change::{Change, Level};

/// Every change found, most serious first, then by file and pointer.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// The report of `changes`, sorted.
    pub fn new(mut changes: Vec<Change>) -> Report {
        changes.sort_by(|a, b| {
            b.level
                .cmp(&a.level)
                .then_with(|| a.place.file.cmp(&b.place.file))
                .then_with(|| a.pointer.cmp(&b.pointer))
                .then_with(|| a.code.cmp(&b.code))
                .then_with(|| a.message.cmp(&b.message))
        });
        Report { changes }
    }

    /// How many changes are at `level`.
    pub fn count(&self, level: Level) -> usize {
        self.changes
            .iter()
            .filter(|change| change.level == level)
            .count()
    }

    /// Whether a change is at `level` or above: what `--fail-on LEVEL` fails on.
    pub fn reaches(&self, level: Level) -> bool {
        self.changes.iter().any(|change| change.level >= level)
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}
