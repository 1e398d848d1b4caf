//! Where the validator puts what it finds: a flag for "is it valid" (stops at the first
//! violation, never allocates) or a [`Report`] for the full list.

use crate::report::message::Message;
use crate::report::path::Path;
use crate::report::{Code, Report};

/// Receives violations while a document is read.
pub trait Recorder {
    /// Whether the reader may stop at the first violation.
    const STOP_AT_FIRST: bool;

    /// Notes a violation at `at`. The message is kept as its parts; nothing is formatted here.
    fn record(&mut self, at: &Path<'_>, code: Code, message: Message);

    /// Whether anything was recorded.
    fn failed(&self) -> bool;

    /// Whether the reader should stop now.
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
    fn record(&mut self, _: &Path<'_>, _: Code, _: Message) {
        self.failed = true;
    }

    #[inline]
    fn failed(&self) -> bool {
        self.failed
    }
}

/// Keeps every violation, with its pointer and message, in a [`Report`].
#[derive(Debug, Default)]
pub struct AllFailures {
    report: Report,
}

impl AllFailures {
    /// What was recorded, in reading order.
    pub fn into_report(self) -> Report {
        self.report
    }
}

impl Recorder for AllFailures {
    const STOP_AT_FIRST: bool = false;

    fn record(&mut self, at: &Path<'_>, code: Code, message: Message) {
        self.report.record(at, code, message);
    }

    fn failed(&self) -> bool {
        !self.report.is_valid()
    }
}
