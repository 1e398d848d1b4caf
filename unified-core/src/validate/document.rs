//! What the engine reads in place: a parsed JSON document, either `serde_json::Value` (its
//! objects in whatever order `serde_json`'s features give) or this crate's
//! [`json::Value`](crate::json::Value) (its objects in the order they were written). The report
//! lists violations in the order the document holds its members.

use serde_json::Number;

/// A parsed JSON document the validator reads without copying: `serde_json::Value` or
/// [`unified_core::json::Value`](crate::json::Value). Violations are reported in the order the
/// document lists an object's members, so a `serde_json::Value` built without `serde_json`'s
/// `preserve_order` gives them in key order, and a `json::Value` (or the text itself) in the
/// order they were written.
pub trait Document: sealed::Tree {}

impl Document for serde_json::Value {}
impl Document for crate::json::Value {}

/// One level of a document.
pub enum Node<'a, D: sealed::Tree> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(&'a Number),
    /// A string.
    String(&'a str),
    /// An array's items.
    Array(&'a [D]),
    /// An object's members.
    Object(D::Members<'a>),
}

impl sealed::Tree for serde_json::Value {
    type Members<'a> = serde_json::map::Iter<'a>;

    #[inline]
    fn node(&self) -> Node<'_, Self> {
        match self {
            serde_json::Value::Null => Node::Null,
            serde_json::Value::Bool(value) => Node::Bool(*value),
            serde_json::Value::Number(number) => Node::Number(number),
            serde_json::Value::String(text) => Node::String(text),
            serde_json::Value::Array(items) => Node::Array(items),
            serde_json::Value::Object(members) => Node::Object(members.iter()),
        }
    }

    #[inline]
    fn is_object(&self) -> bool {
        self.is_object()
    }
}

impl sealed::Tree for crate::json::Value {
    type Members<'a> = crate::json::Iter<'a>;

    #[inline]
    fn node(&self) -> Node<'_, Self> {
        use crate::json::Value;
        match self {
            Value::Null => Node::Null,
            Value::Bool(value) => Node::Bool(*value),
            Value::Number(number) => Node::Number(number),
            Value::String(text) => Node::String(text),
            Value::Array(items) => Node::Array(items),
            Value::Object(members) => Node::Object(members.iter()),
        }
    }

    #[inline]
    fn is_object(&self) -> bool {
        matches!(self, crate::json::Value::Object(_))
    }
}

pub(crate) mod sealed {
    use super::Node;

    /// How the engine walks a document; outside this crate, [`Document`](super::Document) has
    /// only the implementations here.
    pub trait Tree: Sized {
        /// The members of an object, in the document's order.
        type Members<'a>: ExactSizeIterator<Item = (&'a String, &'a Self)>
        where
            Self: 'a;

        /// What the value is, one level deep.
        fn node(&self) -> Node<'_, Self>;

        /// Whether the value is an object.
        fn is_object(&self) -> bool;
    }
}
