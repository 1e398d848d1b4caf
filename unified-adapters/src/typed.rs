//! Typed reading and writing around an adapter: the validated unified JSON into the model's
//! struct, the provider's answer into a struct of its native shape, a unified struct back to JSON.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use unified_core::{AdapterError, Code, NativeResponse, Part, ValidationError};

/// The request body as the model's struct. A validated body always reads; a failure is
/// reported as a client error at the body's root rather than a panic.
pub fn body<T: DeserializeOwned>(body: &Value) -> Result<T, AdapterError> {
    T::deserialize(body).map_err(|error| AdapterError::Request {
        part: Part::Body,
        error: ValidationError::new("", Code::Type, format!("cannot be read: {error}")),
    })
}

/// The query parameters as the model's struct.
pub fn query<T: DeserializeOwned>(query: &Value) -> Result<T, AdapterError> {
    T::deserialize(query).map_err(|error| AdapterError::Request {
        part: Part::Query,
        error: ValidationError::new("", Code::Type, format!("cannot be read: {error}")),
    })
}

/// The provider's answer in its native shape.
pub fn native<T: DeserializeOwned>(native: &NativeResponse) -> Result<T, AdapterError> {
    T::deserialize(&native.body).map_err(|error| AdapterError::Response(error.to_string()))
}

/// A unified struct as a JSON object.
pub fn unified<T: Serialize>(value: &T) -> Result<Map<String, Value>, AdapterError> {
    match serde_json::to_value(value) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(other) => Err(AdapterError::Response(format!(
            "the unified response is not an object: {other}"
        ))),
        Err(error) => Err(AdapterError::Response(error.to_string())),
    }
}

/// A native request body as JSON. Native bodies are structs of strings and lists, which always
/// serialize; were one ever to fail, the body would be `null` and the provider would say so.
pub fn native_body<T: Serialize>(native: &T) -> Value {
    serde_json::to_value(native).unwrap_or_default()
}
