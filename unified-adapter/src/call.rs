//! The unified request an adapter translates.

use serde_json::Value;

/// One unified request, already validated for the adapter's provider.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The model (`ticketing/users`).
    pub model: &'a str,
    /// The operation (`create`).
    pub operation: &'a str,
    /// The request body as JSON.
    pub body: &'a Value,
    /// The query parameters as JSON (as [`unified_core::Operation::read`] gives them).
    pub query: &'a Value,
}
