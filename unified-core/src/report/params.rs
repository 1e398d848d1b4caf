//! The parameters of a violation's message as data, for rendering it in another language: kept
//! as the message's parts and built into a map only when someone reads them, so a report that
//! is only shown, counted or sent as JSON builds none.

use core::fmt;
use core::ops::Index;
use std::sync::{Arc, LazyLock};

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::report::message::Param;
use crate::report::rendered::Rendered;

/// The parameters of one violation's message (see
/// [`Message::params`](crate::report::Message::params) for what each code carries): a map from
/// names to JSON values, read with [`Params::get`], indexing (`params["limit"]`, `null` when
/// absent) or [`Params::as_map`], and serialized as a JSON object.
#[derive(Clone, Default)]
pub struct Params {
    /// `None` for no parameters. The violations of one rendered report share one block.
    block: Option<Arc<Rendered>>,
    /// This violation's place in the block.
    index: usize,
}

impl Params {
    /// The parameters of `message`, whose "did you mean" (for an unknown field) is `suggestion`.
    #[cfg(test)]
    pub(crate) fn of(message: crate::report::Message, suggestion: Option<&'static str>) -> Self {
        Params {
            block: Some(Arc::new(Rendered::of_message(message, suggestion))),
            index: 0,
        }
    }

    /// The parameters of violation `index` of a rendered report's `block`.
    pub(crate) fn at(block: &Arc<Rendered>, index: usize) -> Self {
        Params {
            block: Some(Arc::clone(block)),
            index,
        }
    }

    /// The parameters as a map, built on the first call.
    pub fn as_map(&self) -> &Map<String, Value> {
        static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);
        let Some(block) = &self.block else {
            return &EMPTY;
        };
        block.map(self.index, || {
            let mut map = Map::new();
            self.each(|name, value| {
                map.insert(name.to_owned(), value.into_value());
            });
            map
        })
    }

    /// The parameters as a map, by value.
    pub fn into_map(self) -> Map<String, Value> {
        self.as_map().clone()
    }

    /// The parameter called `name`, if the message has it.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.as_map().get(name)
    }

    /// Whether the message has no parameters; builds nothing.
    pub fn is_empty(&self) -> bool {
        let mut empty = true;
        self.each(|_, _| empty = false);
        empty
    }

    /// Hands each parameter to `put`, in the order of their names, from the map once built,
    /// else from the message's parts.
    fn each(&self, mut put: impl FnMut(&str, Param<'_>)) {
        let Some(block) = &self.block else {
            return;
        };
        if let Some(map) = block.built_map(self.index) {
            for (name, value) in map {
                put(name, Param::Value(value));
            }
        } else if let Some(part) = block.parts.get(self.index) {
            part.message.each_param(part.suggestion, put);
        }
    }
}

impl From<Map<String, Value>> for Params {
    fn from(map: Map<String, Value>) -> Self {
        Params {
            block: Some(Arc::new(Rendered::of_map(map))),
            index: 0,
        }
    }
}

impl Index<&str> for Params {
    type Output = Value;

    /// The parameter called `name`, or `null` when the message has none by that name (as
    /// indexing a `serde_json` map-valued `Value` gives).
    fn index(&self, name: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(name).unwrap_or(&NULL)
    }
}

impl PartialEq for Params {
    fn eq(&self, other: &Self) -> bool {
        self.as_map() == other.as_map()
    }
}

impl Eq for Params {}

impl fmt::Debug for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_map(), f)
    }
}

impl Serialize for Params {
    /// A JSON object, written straight from the message's parts (no map is built).
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        let mut map = serializer.serialize_map(None)?;
        let mut result = Ok(());
        self.each(|name, value| {
            if result.is_ok() {
                result = map.serialize_entry(name, &value);
            }
        });
        result?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::Params;
    use crate::report::message::Message;
    use crate::rule::Rule;

    /// Each kind's parameters, read as a map and as JSON: both give the same object.
    #[test]
    fn serialized_parameters_are_the_map_read() {
        let suggest: fn(&str) -> Option<&'static str> = |_| Some("nick_name");
        let cases = [
            (
                Params::of(
                    Message::Enum {
                        values: &["a", "b"],
                        view: Some("Hive"),
                    },
                    None,
                ),
                json!({"provider": "Hive", "values": ["a", "b"]}),
            ),
            (
                Params::of(Message::Unknown { suggest }, Some("nick_name")),
                json!({"suggestion": "nick_name"}),
            ),
            (
                Params::of(
                    Message::Constraint {
                        rule: Rule::MaxLength(3),
                        view: None,
                    },
                    None,
                ),
                json!({"limit": 3}),
            ),
            (Params::of(Message::Required { by: None }, None), json!({})),
            (
                Params::from(
                    json!({"seats": 10})
                        .as_object()
                        .cloned()
                        .unwrap_or_default(),
                ),
                json!({"seats": 10}),
            ),
        ];
        for (params, expected) in cases {
            let written = serde_json::to_value(&params).expect("parameters serialize");
            assert_eq!(written, expected);
            assert_eq!(Value::Object(params.as_map().clone()), expected);
            assert_eq!(params.is_empty(), expected == json!({}));
        }
    }

    #[test]
    fn an_absent_parameter_reads_as_null() {
        let params = Params::of(Message::Unsupported { view: "Dixa" }, None);
        assert_eq!(params["provider"], "Dixa");
        assert_eq!(params["limit"], Value::Null);
        assert_eq!(params.get("limit"), None);
        assert_eq!(params.clone().into_map().len(), 1);
        assert_eq!(params, Params::from(params.as_map().clone()));
    }
}
