//! What `serde_json`'s `preserve_order` costs a parse: the same text parsed into
//! `serde_json::Value` (objects in an insertion-ordered map under that feature, which
//! `unified-core` turns on) and into [`Sorted`], the same value with `BTreeMap` objects (what
//! `Value` holds without the feature).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// Parses `text` into `serde_json::Value`; whether it is JSON.
#[inline(never)]
pub fn parse_insertion_ordered(text: &[u8]) -> bool {
    serde_json::from_slice::<Value>(text).is_ok()
}

/// Parses `text` into [`Sorted`]; whether it is JSON.
#[inline(never)]
pub fn parse_sorted(text: &[u8]) -> bool {
    serde_json::from_slice::<Sorted>(text).is_ok()
}

/// `serde_json::Value` as it is without `preserve_order`: objects sorted by key.
#[allow(dead_code)]
pub enum Sorted {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Sorted>),
    /// An object, its members sorted by key.
    Object(BTreeMap<String, Sorted>),
}

impl<'de> Deserialize<'de> for Sorted {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SortedVisitor)
    }
}

struct SortedVisitor;

impl<'de> Visitor<'de> for SortedVisitor {
    type Value = Sorted;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Sorted, E> {
        Ok(Sorted::Null)
    }
    fn visit_bool<E>(self, value: bool) -> Result<Sorted, E> {
        Ok(Sorted::Bool(value))
    }
    fn visit_i64<E>(self, value: i64) -> Result<Sorted, E> {
        Ok(Sorted::Number(value.into()))
    }
    fn visit_u64<E>(self, value: u64) -> Result<Sorted, E> {
        Ok(Sorted::Number(value.into()))
    }
    fn visit_f64<E>(self, value: f64) -> Result<Sorted, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Sorted::Null, Sorted::Number))
    }
    fn visit_str<E>(self, value: &str) -> Result<Sorted, E> {
        Ok(Sorted::String(value.to_owned()))
    }
    fn visit_string<E>(self, value: String) -> Result<Sorted, E> {
        Ok(Sorted::String(value))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Sorted, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Sorted::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Sorted, A::Error> {
        let mut object = BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, Sorted>()? {
            object.insert(key, value);
        }
        Ok(Sorted::Object(object))
    }
}
