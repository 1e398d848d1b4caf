//! Errors of setting the gateway up or managing its records (the database, the key file,
//! tokens and accounts): one message that says what went wrong and where, never a secret.

use core::fmt;

/// What went wrong opening storage or managing tokens and accounts.
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

impl From<rusqlite::Error> for SetupError {
    fn from(error: rusqlite::Error) -> Self {
        SetupError::new(format!("database error: {error}"))
    }
}
