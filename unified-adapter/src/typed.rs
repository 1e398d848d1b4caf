//! Typed reading and writing for adapters: the provider's answer into a struct of its native
//! shape, a unified struct to JSON, a native body to JSON. A failure to read is told as a
//! [`Mismatch`]: where and what kind, never a value.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::AdapterError;
use crate::mismatch;
#[cfg(doc)]
use crate::mismatch::Mismatch;
use crate::native::NativeResponse;

/// The provider's answer in its native shape.
pub fn native<T: DeserializeOwned>(native: &NativeResponse) -> Result<T, AdapterError> {
    mismatch::read(&native.body).map_err(|mismatch| {
        AdapterError::Response(if native.body.is_null() {
            format!(
                "it has no body (status {}), where a JSON document was expected",
                native.status
            )
        } else {
            mismatch.to_string()
        })
    })
}

/// A unified struct as a JSON object.
pub fn unified<T: Serialize>(value: &T) -> Result<Map<String, Value>, AdapterError> {
    match serde_json::to_value(value) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(other) => Err(AdapterError::Response(format!(
            "the unified record is {}, not an object",
            unified_core::field::json_type_name(&other)
        ))),
        Err(_) => Err(AdapterError::Response(
            "the unified record could not be written as JSON".to_owned(),
        )),
    }
}

/// A native request body as JSON. Native bodies are structs of strings and lists, which always
/// serialize; were one ever to fail, the body would be `null` and the provider would say so.
pub fn native_body<T: Serialize>(native: &T) -> Value {
    serde_json::to_value(native).unwrap_or_default()
}
