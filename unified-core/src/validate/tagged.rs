//! Internally and adjacently tagged enums of models (`#[serde(tag = "type")]`, and
//! `#[serde(tag = "t", content = "c")]`): the tag picks the variant, whose model then reads the
//! rest. The object is gathered first, since the tag may come after the fields it decides; its
//! schema is a `oneOf` of the variants, each with its tag as a `const`.

use core::marker::PhantomData;

use crate::schema::Schema;
use serde::Deserializer;
use serde::de::{Error as _, MapAccess};
use serde_json::{Map, Value};

use crate::json::{Map as JsonMap, Value as JsonValue};

use crate::provider::{ProviderSet, Target};
use crate::report::Code;
use crate::report::message::Message;
use crate::suggest::closest;
use crate::validate::mode::Mode;
use crate::validate::read::{Accept, Takes};
use crate::validate::reading::Reading;
use crate::validate::recorder::Recorder;
use crate::validate::value_input::ValueInput;

/// A tagged enum whose variants are models, as the derive describes it.
pub trait TaggedEnum<S: ProviderSet>: Sized {
    /// The member that names the variant.
    const TAG: &'static str;
    /// The member that holds the variant's value, for adjacent tagging; `None` when the
    /// variant's fields sit beside the tag.
    const CONTENT: Option<&'static str>;
    /// The variants' names in JSON, in declaration order.
    const VARIANTS: &'static [&'static str];
    /// The labels forms show for the tag and the content members.
    const TITLES: (&'static str, Option<&'static str>);

    /// The schema of variant `index`'s value for `view`.
    fn variant_schema(index: usize, view: Target<S>) -> Schema;

    /// Reads variant `index`'s value.
    fn read_variant<'de, B: Mode, D: Deserializer<'de>, R: Recorder>(
        index: usize,
        input: D,
        reading: Reading<'_, S, R>,
    ) -> Result<B::Out<Self>, D::Error>;
}

/// Reads a [`TaggedEnum`].
pub struct Tagged<E>(pub PhantomData<fn() -> E>);

impl<S: ProviderSet, E: TaggedEnum<S>> Accept<S> for Tagged<E> {
    type Value = E;
    const EXPECTED: &'static str = "an object";
    const TAKES: Takes = Takes::Object;

    fn entries<'de, B: Mode, A: MapAccess<'de>, R: Recorder>(
        &self,
        mut entries: A,
        reading: &mut Reading<'_, S, R>,
    ) -> Result<B::Out<E>, A::Error> {
        let mut members = Map::new();
        while let Some(key) = entries.next_key::<String>()? {
            let value: Value = entries.next_value()?;
            members.insert(key, value);
        }
        let (view, at) = (reading.view, reading.at);
        let tag_at = at.key(E::TAG);
        let index = match members.get(E::TAG) {
            None | Some(Value::Null) => {
                reading
                    .recorder
                    .record(&tag_at, Code::Required, Message::Required { by: None });
                None
            }
            Some(Value::String(name)) => {
                let index = E::VARIANTS.iter().position(|variant| variant == name);
                if index.is_none() {
                    reading.recorder.record(
                        &tag_at,
                        Code::Enum,
                        Message::Enum {
                            values: E::VARIANTS,
                            view: None,
                        },
                    );
                }
                index
            }
            Some(other) => {
                reading.wrong_type_at(&tag_at, "a string", crate::field::json_type_name(other));
                None
            }
        };
        let content = match E::CONTENT {
            None => {
                members.remove(E::TAG);
                Some((Value::Object(members), None))
            }
            Some(content) => {
                for key in members
                    .keys()
                    .filter(|key| *key != E::TAG && *key != content)
                {
                    reading.recorder.record(
                        &at.key(key),
                        Code::Unknown,
                        Message::Unknown {
                            suggest: adjacent_members::<S, E>,
                        },
                    );
                }
                match members.remove(content) {
                    Some(value) => Some((value, Some(content))),
                    None => {
                        if index.is_some() {
                            reading.recorder.record(
                                &at.key(content),
                                Code::Required,
                                Message::Required { by: None },
                            );
                        }
                        None
                    }
                }
            }
        };
        let (Some(index), Some((value, content_key))) = (index, content) else {
            return Ok(B::none());
        };
        let content_at = content_key.map(|key| at.key(key));
        let reading = Reading {
            view,
            at: content_at.as_ref().unwrap_or(at),
            recorder: &mut *reading.recorder,
            field: None,
            merge: false,
        };
        E::read_variant::<B, _, R>(index, ValueInput::new(&value), reading)
            .map_err(A::Error::custom)
    }
}

/// The members an adjacently tagged enum has, for "did you mean".
fn adjacent_members<S: ProviderSet, E: TaggedEnum<S>>(key: &str) -> Option<&'static str> {
    closest(key, [E::TAG].into_iter().chain(E::CONTENT))
}

/// The schema of a tagged enum for `view`: a `oneOf` of its variants, each naming its tag as a
/// `const` (beside the variant's fields, or with the value under the content member).
pub fn tagged_schema<S: ProviderSet, E: TaggedEnum<S>>(
    view: Target<S>,
    description: Option<&'static str>,
) -> Schema {
    let variants: Vec<JsonValue> = E::VARIANTS
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let tag = crate::json!({ "title": E::TITLES.0, "const": *name });
            let value = E::variant_schema(index, view).into_value();
            match E::CONTENT {
                None => {
                    let mut object = match value {
                        JsonValue::Object(object) => object,
                        _ => JsonMap::new(),
                    };
                    let mut properties = JsonMap::new();
                    properties.insert(E::TAG.to_owned(), tag);
                    if let Some(JsonValue::Object(own)) = object.swap_remove("properties") {
                        properties.extend(own);
                    }
                    object.insert("properties".into(), properties.into());
                    let mut required = vec![JsonValue::from(E::TAG)];
                    if let Some(JsonValue::Array(own)) = object.swap_remove("required") {
                        required.extend(own);
                    }
                    object.insert("required".into(), required.into());
                    JsonValue::Object(object)
                }
                Some(content) => crate::json!({
                    "type": "object",
                    "properties": { E::TAG: tag, content: titled(E::TITLES.1, value) },
                    "required": [E::TAG, content],
                    "additionalProperties": false,
                }),
            }
        })
        .collect();
    let mut object = JsonMap::new();
    if let Some(description) = description {
        object.insert("description".into(), description.into());
    }
    object.insert("oneOf".into(), variants.into());
    Schema::from(object)
}

/// `value` with `title` as its first member, when there is one.
fn titled(title: Option<&'static str>, mut value: JsonValue) -> JsonValue {
    if let (Some(title), JsonValue::Object(object)) = (title, &mut value) {
        crate::schema::title_first(object, title);
    }
    value
}
