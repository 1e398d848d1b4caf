//! A `Value` as the engine's input: a deserializer over a borrowed `Value` that hands every
//! string and key over borrowed, whose error allocates nothing (the engine's own "stop at the
//! first violation", or a `Value` nested deeper than JSON text may be), and that holds a `Value`
//! built in code to the nesting limit the parser holds text to.

use core::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

use crate::validate::document::Node;
use crate::validate::document::sealed::Tree as Document;

/// How deep a `Value` may nest: what `serde_json` allows text.
pub(crate) const MAX_DEPTH: u16 = 128;

/// A borrowed document, read by the engine, with how many arrays and objects enclose it.
pub(crate) struct ValueInput<'a, D> {
    value: &'a D,
    depth: u16,
}

impl<D> Clone for ValueInput<'_, D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D> Copy for ValueInput<'_, D> {}

impl<'a, D: Document> ValueInput<'a, D> {
    /// The document.
    pub(crate) fn new(value: &'a D) -> Self {
        ValueInput { value, depth: 0 }
    }

    fn inside(self, value: &'a D) -> Self {
        ValueInput {
            value,
            depth: self.depth + 1,
        }
    }
}

/// Why reading a `Value` ended early: the engine stopped at its first violation, or the value
/// nests deeper than [`MAX_DEPTH`] (a `Value` is otherwise always well-formed JSON).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Stopped {
    /// The engine's own stop.
    Early,
    /// Too deep to read.
    TooDeep,
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stopped::Early => "stopped",
            Stopped::TooDeep => "nested too deep",
        })
    }
}

impl std::error::Error for Stopped {}

impl de::Error for Stopped {
    #[inline]
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stopped::Early
    }
}

/// Hands a number to `visitor` as the text parser would: non-negative integers as `u64`,
/// negative ones as `i64`, the rest as `f64`.
#[inline]
fn visit_number<'de, V: Visitor<'de>>(number: &Number, visitor: V) -> Result<V::Value, Stopped> {
    if let Some(value) = number.as_u64() {
        visitor.visit_u64(value)
    } else if let Some(value) = number.as_i64() {
        visitor.visit_i64(value)
    } else {
        // Every number is a float when nothing else: `serde_json` without
        // `arbitrary_precision` has no other kind.
        visitor.visit_f64(number.as_f64().unwrap_or(f64::NAN))
    }
}

impl<'de, D: Document> Deserializer<'de> for ValueInput<'de, D> {
    type Error = Stopped;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stopped> {
        match self.value.node() {
            Node::Null => visitor.visit_unit(),
            Node::Bool(value) => visitor.visit_bool(value),
            Node::Number(number) => visit_number(number, visitor),
            Node::String(text) => visitor.visit_borrowed_str(text),
            Node::Array(_) | Node::Object(_) if self.depth >= MAX_DEPTH => Err(Stopped::TooDeep),
            Node::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
                outer: self,
            }),
            Node::Object(entries) => visitor.visit_map(Entries {
                entries,
                value: None,
                outer: self,
            }),
        }
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stopped> {
        match self.value.node() {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// The items of an array.
struct Items<'a, D> {
    items: core::slice::Iter<'a, D>,
    outer: ValueInput<'a, D>,
}

impl<'de, D: Document> SeqAccess<'de> for Items<'de, D> {
    type Error = Stopped;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Stopped> {
        let outer = self.outer;
        self.items
            .next()
            .map(|item| seed.deserialize(outer.inside(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of an object, in order.
struct Entries<'a, D: Document> {
    entries: D::Members<'a>,
    value: Option<&'a D>,
    outer: ValueInput<'a, D>,
}

impl<'de, D: Document> MapAccess<'de> for Entries<'de, D> {
    type Error = Stopped;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stopped> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(Key(key)).map(Some)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Stopped> {
        match self.value.take() {
            Some(value) => seed.deserialize(self.outer.inside(value)),
            // serde asks for a value only after its key.
            None => Err(Stopped::Early),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An object's key, handed over borrowed.
struct Key<'a>(&'a str);

impl<'de> Deserializer<'de> for Key<'de> {
    type Error = Stopped;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stopped> {
        visitor.visit_borrowed_str(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::provider::{NoProviders, Target};
    use crate::validate::mode::Check;
    use crate::validate::read::read_document;
    use crate::validate::recorder::AllFailures;

    fn nested(depth: usize) -> Value {
        (0..depth).fold(json!(1), |inner, _| Value::Array(vec![inner]))
    }

    fn read(value: &Value) -> Result<(), Stopped> {
        let mut recorder = AllFailures::default();
        read_document::<NoProviders, Value, Check, _, _>(
            ValueInput::new(value),
            Target::UNIFIED,
            &mut recorder,
            false,
        )
    }

    #[test]
    fn a_value_nested_deeper_than_text_may_be_is_refused_not_overflowed() {
        assert_eq!(read(&nested(usize::from(MAX_DEPTH))), Ok(()));
        let deep = nested(200_000);
        assert_eq!(read(&deep), Err(Stopped::TooDeep));
        // Dropping so deep a `Value` would overflow the stack too; hand it over in pieces.
        std::mem::forget(deep);
    }
}
