//! The HTTP side of the unified API: the error envelope, reading a JSON body within limits,
//! and the extractors for axum apps of one's own.

pub(crate) mod envelope;
pub(crate) mod extract;
pub(crate) mod json_body;
pub(crate) mod json_text;
pub(crate) mod request_id;
