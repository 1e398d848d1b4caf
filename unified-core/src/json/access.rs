//! Reading into a [`Value`] by key or index, and comparing it with strings, booleans and
//! `serde_json::Value`s.

use core::ops::{Index, IndexMut};

use super::{Map, NULL, Value};

impl Index<&str> for Map {
    type Output = Value;

    /// The value of `key`; panics if it is not there.
    fn index(&self, key: &str) -> &Value {
        &self.members[key]
    }
}

impl Index<&str> for Value {
    type Output = Value;

    /// The member `key` of an object, or `null` if there is none (as `serde_json::Value`).
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl Index<usize> for Value {
    type Output = Value;

    /// Item `index` of an array, or `null` if there is none (as `serde_json::Value`).
    fn index(&self, index: usize) -> &Value {
        self.as_array()
            .and_then(|items| items.get(index))
            .unwrap_or(&NULL)
    }
}

impl IndexMut<&str> for Value {
    /// The member `key` of an object, inserted as `null` if missing; `null` becomes an empty
    /// object first. Panics on other values (as `serde_json::Value`).
    fn index_mut(&mut self, key: &str) -> &mut Value {
        if self.is_null() {
            *self = Value::Object(Map::new());
        }
        match self {
            Value::Object(object) => object.get_or_insert_with(key, || Value::Null),
            other => panic!("cannot index {} with a key", kind(other)),
        }
    }
}

impl IndexMut<usize> for Value {
    /// Item `index` of an array; panics if there is none (as `serde_json::Value`).
    fn index_mut(&mut self, index: usize) -> &mut Value {
        match self {
            Value::Array(items) => &mut items[index],
            other => panic!("cannot index {} with a number", kind(other)),
        }
    }
}

/// What kind of value `value` is, for a panic message.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl PartialEq<str> for Value {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<String> for Value {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == Some(other.as_str())
    }
}

impl PartialEq<Value> for &str {
    fn eq(&self, other: &Value) -> bool {
        other.as_str() == Some(*self)
    }
}

impl PartialEq<bool> for Value {
    fn eq(&self, other: &bool) -> bool {
        self.as_bool() == Some(*other)
    }
}

impl PartialEq<serde_json::Value> for Value {
    /// Whether the two hold the same JSON (members in any order).
    fn eq(&self, other: &serde_json::Value) -> bool {
        match (self, other) {
            (Value::Null, serde_json::Value::Null) => true,
            (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
            (Value::Number(a), serde_json::Value::Number(b)) => a == b,
            (Value::String(a), serde_json::Value::String(b)) => a == b,
            (Value::Array(a), serde_json::Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a == b)
            }
            (Value::Object(a), serde_json::Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(key, value)| b.get(key).is_some_and(|other| value == other))
            }
            _ => false,
        }
    }
}

impl PartialEq<Value> for serde_json::Value {
    fn eq(&self, other: &Value) -> bool {
        other == self
    }
}
