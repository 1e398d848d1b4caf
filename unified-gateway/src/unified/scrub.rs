//! Removes secrets from what a provider sends back before it reaches a client or a log: the
//! account's credential and every value of the request that its schema marks `writeOnly`
//! (passwords), wherever they appear in a string or a key.

use serde_json::{Map, Value};
use unified_core::Secret;

/// What stands where a secret was.
pub const REDACTED: &str = "[redacted]";

/// The secrets of one request.
pub struct Scrubber {
    secrets: Vec<Secret>,
}

impl Scrubber {
    /// The credential in every form it was presented in, plus the `writeOnly` values of `body`
    /// as `schema` describes it.
    pub fn new(credential: &[Secret], body: &Value, schema: &Value) -> Self {
        let mut secrets = credential.to_vec();
        write_only_values(schema, body, &mut secrets);
        secrets.retain(|secret| !secret.expose().is_empty());
        // Longest first, so a secret that contains another is removed whole.
        secrets.sort_by_key(|secret| std::cmp::Reverse(secret.expose().len()));
        Scrubber { secrets }
    }

    /// `value` with every secret replaced by [`REDACTED`].
    pub fn scrub(&self, value: Value) -> Value {
        match value {
            Value::String(text) => Value::String(self.scrub_text(text)),
            Value::Array(items) => items.into_iter().map(|item| self.scrub(item)).collect(),
            Value::Object(object) => Value::Object(
                object
                    .into_iter()
                    .map(|(key, inner)| (self.scrub_text(key), self.scrub(inner)))
                    .collect::<Map<String, Value>>(),
            ),
            other => other,
        }
    }

    /// `text` with every secret replaced by [`REDACTED`].
    pub fn scrub_text(&self, mut text: String) -> String {
        for secret in &self.secrets {
            if text.contains(secret.expose()) {
                text = text.replace(secret.expose(), REDACTED);
            }
        }
        text
    }
}

/// Collects the string values of `value` at properties that `schema` marks `writeOnly`.
fn write_only_values(schema: &Value, value: &Value, out: &mut Vec<Secret>) {
    if schema.get("writeOnly") == Some(&Value::Bool(true)) {
        if let Some(text) = value.as_str() {
            out.push(Secret::new(text));
        }
        return;
    }
    match value {
        Value::Object(object) => {
            let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                return;
            };
            for (key, inner) in object {
                if let Some(property) = properties.get(key) {
                    write_only_values(property, inner, out);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for item in items {
                    write_only_values(item_schema, item, out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn credentials_and_passwords_are_removed_everywhere() {
        let schema = json!({"properties": {
            "password": {"type": "string", "writeOnly": true},
            "name": {"type": "string"},
        }});
        let body = json!({"password": "hunter2", "name": "Ada"});
        let scrubber = Scrubber::new(&[Secret::new("key-123")], &body, &schema);
        let answer = json!({
            "error": "bad token key-123 for Ada",
            "echo": {"password": "hunter2", "hunter2": ["x hunter2 y"]},
            "n": 1,
        });
        assert_eq!(
            scrubber.scrub(answer),
            json!({
                "error": "bad token [redacted] for Ada",
                "echo": {"password": "[redacted]", "[redacted]": ["x [redacted] y"]},
                "n": 1,
            })
        );
    }
}
