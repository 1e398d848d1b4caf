//! The unified API's own conventions around a model: reading a request and its conventions,
//! shaping the answer, and removing secrets from what a provider sent.

pub(crate) mod request;
pub(crate) mod scrub;
pub(crate) mod shaping;
