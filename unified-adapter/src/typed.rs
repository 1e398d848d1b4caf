//! Typed reading and writing for adapters: the validated unified JSON into the model's
//! struct, the provider's answer into a struct of its native shape, a unified struct back to JSON.
//! Every failure is told as a [`Mismatch`]: where and what kind, never a value.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use unified_core::{Code, Part, ValidationError};

use crate::error::AdapterError;
use crate::mismatch::{self, Mismatch};
use crate::native::NativeResponse;

/// The request body as the model's struct. A validated body always reads; a failure is
/// reported as a client error at the pointer where reading stopped rather than a panic.
pub fn body<T: DeserializeOwned>(body: &Value) -> Result<T, AdapterError> {
    request(Part::Body, body)
}

/// The query parameters as the model's struct.
pub fn query<T: DeserializeOwned>(query: &Value) -> Result<T, AdapterError> {
    request(Part::Query, query)
}

fn request<T: DeserializeOwned>(part: Part, document: &Value) -> Result<T, AdapterError> {
    mismatch::read(document).map_err(|mismatch: Mismatch| AdapterError::Request {
        part,
        error: ValidationError::new(
            mismatch.pointer.clone(),
            Code::Type,
            format!("cannot be read: {}", mismatch.describe()),
        ),
    })
}

/// The provider's answer in its native shape.
pub fn native<T: DeserializeOwned>(native: &NativeResponse) -> Result<T, AdapterError> {
    mismatch::read(&native.body).map_err(|mismatch| AdapterError::Response(mismatch.to_string()))
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
