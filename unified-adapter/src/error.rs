//! Why an adapter could not translate.

use core::fmt;

use unified_core::{Part, ValidationError};

/// Why an adapter could not translate a request or a response.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum AdapterError {
    /// The request is valid for the provider's schema but still lacks what the native call
    /// needs; the client can fix it.
    Request {
        /// The part the violation is in.
        part: Part,
        /// The violation.
        error: ValidationError,
    },
    /// The provider's answer is not what the adapter can read: where and how it differs. The
    /// description never quotes the answer, which may echo a credential or a password; it
    /// reaches the client's error message and the log.
    Response(String),
}

impl fmt::Display for AdapterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdapterError::Request { part, error } => write!(f, "{part}: {error}"),
            AdapterError::Response(message) => write!(f, "unreadable provider answer: {message}"),
        }
    }
}

impl std::error::Error for AdapterError {}
