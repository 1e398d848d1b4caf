//! Why a command could not do its job (as opposed to a body being invalid): an unknown model,
//! provider or file. Always exit status 2 with one line on stderr.

use std::fmt;

/// A usage or I/O problem, said in one line.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    /// A failure that says `message`.
    pub fn new(message: impl Into<String>) -> Self {
        Failure(message.into())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
