//! Where the validator puts what it finds: a flag for "is it valid" (stops at the first
//! violation, never allocates) or a list for the full report.

use crate::path::Path;
use crate::report::{Code, ValidationError};

/// Receives violations while a document is walked.
pub trait Recorder {
    /// Whether the walk may stop at the first violation.
    const STOP_AT_FIRST: bool;

    /// Notes a violation; the message is built only if it is kept.
    fn record(&mut self, at: &Path<'_>, code: Code, message: impl FnOnce() -> String);

    /// Whether anything was recorded.
    fn failed(&self) -> bool;

    /// Whether the walk should stop now.
    #[inline]
    fn done(&self) -> bool {
        Self::STOP_AT_FIRST && self.failed()
    }
}

/// Remembers only whether a violation was seen.
#[derive(Debug, Default)]
pub struct FirstFailure {
    failed: bool,
}

impl Recorder for FirstFailure {
    const STOP_AT_FIRST: bool = true;

    #[inline]
    fn record(&mut self, _: &Path<'_>, _: Code, _: impl FnOnce() -> String) {
        self.failed = true;
    }

    #[inline]
    fn failed(&self) -> bool {
        self.failed
    }
}

/// Keeps every violation with its pointer and message.
#[derive(Debug, Default)]
pub struct AllFailures {
    /// What was recorded, in walk order.
    pub errors: Vec<ValidationError>,
}

impl Recorder for AllFailures {
    const STOP_AT_FIRST: bool = false;

    fn record(&mut self, at: &Path<'_>, code: Code, message: impl FnOnce() -> String) {
        self.errors
            .push(ValidationError::new(at.to_pointer(), code, message()));
    }

    fn failed(&self) -> bool {
        !self.errors.is_empty()
    }
}
