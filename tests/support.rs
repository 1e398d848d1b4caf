//! Shared helpers of the workspace tests: where the spec and the exported schemas are, and the
//! independent JSON Schema validator (the `jsonschema` crate) that our validator is held against.

use std::path::{Path, PathBuf};

use serde_json::Value;
use unified_core::{Operation, Part, Target};
use unified_models::providers::Set;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the workspace")
        .to_path_buf()
}

/// The copy of the spec the tests read (`tests/spec`), so a clone alone runs them.
pub fn spec_dir() -> PathBuf {
    workspace_root().join("tests/spec")
}

/// The normative spec, shared beside the checkout (`../shared/spec`), where it is.
pub fn shared_spec_dir() -> PathBuf {
    workspace_root().join("../shared/spec")
}

/// The operation `ticketing/users` `create` from the registry.
pub fn users_create(registry: &unified_core::Registry<Set>) -> &Operation<Set> {
    registry
        .find("ticketing/users", "create")
        .expect("ticketing/users create is registered")
}

/// The exported schema file of a part for a view, as committed under `schemas/`.
pub fn exported_schema(operation: &Operation<Set>, part: Part, view: Target<Set>) -> Value {
    let path = workspace_root()
        .join("schemas")
        .join(operation.schema_path(part, view));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    serde_json::from_str(&text).expect("exported schemas are JSON")
}

/// A draft 2020-12 validator with format assertion on, from the `jsonschema` crate.
pub fn reference_validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

/// The values a schema lists: its `enum`, or its `oneOf` of labelled `const`s (with `null` for a
/// `{"type": "null"}` branch); `None` for a schema that lists none.
pub fn listed_choices(schema: &Value) -> Option<Vec<Value>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(values.clone());
    }
    schema
        .get("oneOf")?
        .as_array()?
        .iter()
        .map(|branch| match branch.get("const") {
            Some(value) => Some(value.clone()),
            None => (branch == &serde_json::json!({"type": "null"})).then_some(Value::Null),
        })
        .collect()
}
