//! Why a gateway could not be built: an adapter's credential header, the HTTP client, a model
//! that declares a convention. (Its records' errors are `unified_store::StoreError`.) Messages
//! say what went wrong and where, never a secret.

use core::fmt;

/// Why a gateway could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupError {
    message: String,
}

impl SetupError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        SetupError {
            message: message.into(),
        }
    }
}

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SetupError {}
