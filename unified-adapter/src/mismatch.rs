//! Why a JSON document did not read into a Rust type, told without quoting the document: the
//! pointer where reading stopped, the kind of value expected there and the kind found. Provider
//! answers and request bodies may carry credentials and passwords, and serde's own messages
//! quote the values they refuse (`invalid type: string "key ...", expected struct Agent`), so
//! those messages are never shown; only the kinds are taken from them.

use core::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;
use unified_core::field::{Path, json_type_name};

/// Reads `document` as a `T`, or says where and how it differs from what `T` needs.
pub fn read<T: DeserializeOwned>(document: &Value) -> Result<T, Mismatch> {
    serde_path_to_error::deserialize(document).map_err(|error| Mismatch::of(&error, document))
}

/// Where a document differs from the type it was read as, and how; its `Display` names kinds
/// of values and field names of the type, never a value of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The JSON pointer of the value that did not read (`""` for the document).
    pub pointer: String,
    /// How it differs.
    pub problem: Problem,
}

/// How a value differs from what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A field the type requires is absent.
    Missing,
    /// The value is of another kind than the type needs.
    Kind {
        /// What the type needs (`a string`, `an object`, ...).
        expected: &'static str,
        /// What the document holds (`a number`, `null`, ...).
        found: &'static str,
    },
    /// The value is of the right kind but not one the type accepts.
    Value {
        /// What the document holds.
        found: &'static str,
    },
}

impl Mismatch {
    fn of(error: &serde_path_to_error::Error<serde_json::Error>, document: &Value) -> Mismatch {
        let mut pointer = String::new();
        for segment in error.path() {
            match segment {
                Segment::Seq { index } => pointer.push_str(&Path::Root.index(*index).to_pointer()),
                Segment::Map { key } | Segment::Enum { variant: key } => {
                    pointer.push_str(&Path::Root.key(key).to_pointer());
                }
                Segment::Unknown => break,
            }
        }
        // serde's message is read only for its kind: each branch keeps nothing but fixed words
        // and the field name of a `missing field`, which comes from the type, not the document.
        let message = error.inner().to_string();
        if let Some(rest) = message.strip_prefix("missing field `") {
            let field = rest.split('`').next().unwrap_or_default();
            if is_field_name(field) {
                pointer.push_str(&Path::Root.key(field).to_pointer());
            }
            return Mismatch {
                pointer,
                problem: Problem::Missing,
            };
        }
        let found = document.pointer(&pointer).map_or("nothing", json_type_name);
        let problem = match message.strip_prefix("invalid type: ") {
            Some(rest) => Problem::Kind {
                expected: rest
                    .rsplit_once(", expected ")
                    .map_or("another kind of value", |(_, expected)| kind_of(expected)),
                found,
            },
            None => Problem::Value { found },
        };
        Mismatch { pointer, problem }
    }

    /// The description without the pointer: `is missing`, `should be a string, not a number`.
    pub fn describe(&self) -> String {
        match &self.problem {
            Problem::Missing => "is missing".to_owned(),
            Problem::Kind { expected, found } => format!("should be {expected}, not {found}"),
            Problem::Value { found } => format!("holds {found} that cannot be read here"),
        }
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "the document {}", self.describe())
        } else {
            write!(f, "`{}` {}", self.pointer, self.describe())
        }
    }
}

/// A field name as Rust types and serde renames spell them; anything else is not shown.
fn is_field_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.' | b'@'))
}

/// The kind of value serde's "expected ..." names, in the words of JSON; type names of the
/// reading code (`struct Agent`) are not shown.
fn kind_of(expected: &str) -> &'static str {
    match expected {
        "a string" | "a borrowed string" | "a character" | "a char" => "a string",
        "a boolean" => "a boolean",
        "a sequence" | "a tuple" => "an array",
        "unit" => "null",
        "option" => "a value or null",
        "u8" | "u16" | "u32" | "u64" | "u128" | "i8" | "i16" | "i32" | "i64" | "i128" | "usize"
        | "isize" => "an integer",
        "f32" | "f64" => "a number",
        _ if expected.starts_with("struct ")
            || expected.starts_with("a map")
            || expected.starts_with("map") =>
        {
            "an object"
        }
        _ => "another kind of value",
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Answer {
        data: Agent,
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Agent {
        id: String,
        #[serde(default)]
        roles: Vec<String>,
        count: Option<u32>,
    }

    const SECRET: &str = "key dixa-secret-key-7f3a";

    fn mismatch(document: Value) -> Mismatch {
        read::<Answer>(&document).unwrap_err()
    }

    #[test]
    fn says_where_and_what_kind_without_quoting_a_value() {
        let cases = [
            (
                json!({"data": SECRET}),
                "`/data` should be an object, not a string",
            ),
            (
                json!(SECRET),
                "the document should be an object, not a string",
            ),
            (json!({"data": {"name": SECRET}}), "`/data/id` is missing"),
            (
                json!({"data": {"id": 7, "x": SECRET}}),
                "`/data/id` should be a string, not a number",
            ),
            (
                json!({"data": {"id": "1", "roles": ["a", {"k": SECRET}]}}),
                "`/data/roles/1` should be a string, not an object",
            ),
            (
                json!({"data": {"id": "1", "count": -1, "n": SECRET}}),
                "`/data/count` holds a number that cannot be read here",
            ),
            (
                json!({"data": {"id": "1", "count": SECRET}}),
                "`/data/count` should be an integer, not a string",
            ),
        ];
        for (document, expected) in cases {
            let text = mismatch(document).to_string();
            assert_eq!(text, expected);
            assert!(!text.contains("dixa-secret"), "{text}");
        }
    }

    #[test]
    fn keys_of_the_document_are_escaped_in_the_pointer() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Keyed {
            #[serde(rename = "a/b")]
            inner: std::collections::BTreeMap<String, u8>,
        }
        let error = read::<Keyed>(&json!({"a/b": {"x~y": "z"}})).unwrap_err();
        assert_eq!(error.pointer, "/a~1b/x~0y");
    }
}
