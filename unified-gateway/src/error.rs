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
        // SQLite quotes the failing SQL, line breaks and all; the message stays one line.
        let text = error.to_string();
        let words: Vec<&str> = text.split_whitespace().collect();
        SetupError::new(format!("database error: {}", words.join(" ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_error_is_one_line() {
        let connection = rusqlite::Connection::open_in_memory().unwrap();
        let error = connection
            .execute_batch("CREATE TABLE t (a);\nCREATE TABLE t (\n  a\n);")
            .unwrap_err();
        let message = SetupError::from(error).to_string();
        assert!(
            message.starts_with("database error: table t already exists"),
            "{message}"
        );
        assert!(!message.contains('\n'), "{message}");
    }
}
