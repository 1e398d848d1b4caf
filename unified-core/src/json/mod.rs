//! JSON whose objects keep their members in the order they were inserted: the schemas and
//! documents this toolkit writes list properties in declaration order and keywords in the order
//! a reader expects them, whatever features the `serde_json` of the crate using them has.
//!
//! `serde_json::Value` sorts an object's members unless `serde_json`'s `preserve_order` feature
//! is on, and a library that turned that feature on would change the maps of every crate that
//! depends on it. [`Value`] is that value with an insertion-ordered [`Map`]; it serializes in
//! that order, converts to and from `serde_json::Value`, and the [`json!`](crate::json!) macro
//! writes one as `serde_json::json!` does.

mod access;
mod convert;
mod macros;
mod map;
mod text;

use serde::Serialize;

pub use map::{IntoIter, Iter, Map};

pub use serde_json::Number;

/// A JSON value whose objects keep their members in insertion order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, its members in insertion order.
    Object(Map),
}

/// A shared null, for indexing a member or an item that is not there.
static NULL: Value = Value::Null;

impl Value {
    /// The member `key` of an object; `None` for other values or a missing member.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|object| object.get(key))
    }

    /// The member `key` of an object, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.as_object_mut().and_then(|object| object.get_mut(key))
    }

    /// The value a JSON pointer (RFC 6901) points to: `""` is the value itself.
    pub fn pointer(&self, pointer: &str) -> Option<&Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        let tokens = pointer.strip_prefix('/')?;
        tokens.split('/').try_fold(self, |value, token| {
            let token = token.replace("~1", "/").replace("~0", "~");
            match value {
                Value::Object(object) => object.get(&token),
                Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            }
        })
    }

    /// The value a JSON pointer (RFC 6901) points to, to change it.
    pub fn pointer_mut(&mut self, pointer: &str) -> Option<&mut Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        let tokens = pointer.strip_prefix('/')?;
        tokens.split('/').try_fold(self, |value, token| {
            let token = token.replace("~1", "/").replace("~0", "~");
            match value {
                Value::Object(object) => object.get_mut(&token),
                Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
                _ => None,
            }
        })
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(object) => Some(object),
            _ => None,
        }
    }

    /// The members, if this is an object, to change them.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(object) => Some(object),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The items, if this is an array, to change them.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(number) => Some(number),
            _ => None,
        }
    }

    /// The number as a `u64`, if this is a number that fits one.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number().and_then(Number::as_u64)
    }

    /// The number as an `i64`, if this is a number that fits one.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(Number::as_i64)
    }

    /// The number as an `f64`, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().and_then(Number::as_f64)
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// Whether this is an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// Whether this is a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// Whether this is a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// The value, leaving `null` in its place.
    pub fn take(&mut self) -> Value {
        core::mem::take(self)
    }

    /// The same value as a `serde_json::Value`, whose objects order their members as that
    /// crate's features say (sorted, unless `preserve_order` is on).
    pub fn to_serde_json(&self) -> serde_json::Value {
        self.clone().into()
    }
}

/// The value of any serializable `value`, its structs' fields and its maps' entries in the order
/// `value` serializes them.
///
/// # Errors
/// When `value` cannot be written as JSON (a map with keys that are not strings, for one).
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, serde_json::Error> {
    // JSON text keeps the order the value serialized in, and reading it into a `Value` keeps
    // the text's order.
    serde_json::from_str(&serde_json::to_string(value)?)
}

#[cfg(test)]
mod tests {
    use super::{Value, to_value};

    #[test]
    fn objects_keep_their_members_in_insertion_order() {
        let value = crate::json!({"z": 1, "a": [true, null, {"m": "x", "b": 2.5}], "k": {}});
        assert_eq!(
            value.to_string(),
            r#"{"z":1,"a":[true,null,{"m":"x","b":2.5}],"k":{}}"#
        );
        let read: Value = serde_json::from_str(&value.to_string()).unwrap();
        assert_eq!(read.to_string(), value.to_string());
        assert_eq!(
            value,
            serde_json::json!({"a": [true, null, {"b": 2.5, "m": "x"}], "k": {}, "z": 1})
        );
        assert_eq!(value["a"][2]["m"], "x");
        assert_eq!(value.pointer("/a/2/b").and_then(Value::as_f64), Some(2.5));
    }

    #[test]
    fn a_struct_converts_in_field_order() {
        #[derive(serde::Serialize)]
        struct Later {
            zebra: u8,
            apple: &'static str,
        }
        let value = to_value(&Later {
            zebra: 1,
            apple: "a",
        })
        .unwrap();
        assert_eq!(value.to_string(), r#"{"zebra":1,"apple":"a"}"#);
    }
}
