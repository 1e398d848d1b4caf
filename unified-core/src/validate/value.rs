//! The trait every field type of a unified model implements: a JSON type check and a schema per
//! view. Implemented here for strings, booleans, numbers, lists, maps and free-form values, and by
//! `#[derive(UnifiedModel)]` for nested models and unit enums.

use core::marker::PhantomData;
use std::collections::{BTreeMap, HashMap};

use schemars::{Schema, json_schema};
use serde::Deserializer;
use serde_json::{Map, Value};

use crate::provider::{ProviderSet, View};
use crate::report::Code;
use crate::report::message::Message;
use crate::report::path::Path;
use crate::validate::read::{Entries, Items, Reading, Scalar, Takes, read_parsed};
use crate::validate::recorder::Recorder;

/// How the "required means non-empty" rule applies to a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Emptiness {
    /// The type has no empty form that the rule rejects.
    NotApplicable,
    /// An empty string is rejected (`minLength: 1`).
    String,
    /// An empty array is rejected (`minItems: 1`).
    Array,
}

/// A type that can be the type of a field in a unified model.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a field of a unified model",
    label = "`{Self}` is not a unified model",
    note = "add `#[derive(UnifiedModel)]` to `{Self}` (a struct with named fields or an enum of unit variants)"
)]
pub trait FieldValue<S: ProviderSet> {
    /// How the non-empty rule for required fields applies.
    const EMPTINESS: Emptiness = Emptiness::NotApplicable;

    /// Checks a present, non-null value for `view` and records every violation below `at`.
    /// Returns whether the value had the right JSON type; a field of the wrong type is not
    /// checked further.
    fn check<R: Recorder>(value: &Value, view: View<S>, at: &Path<'_>, recorder: &mut R) -> bool;

    /// The JSON Schema of a present, non-null value for `view`.
    fn schema(view: View<S>) -> Schema;

    /// Reads a value from JSON text and checks it in the same pass, recording what
    /// [`FieldValue::check`] (and, for a field, the field's rules) would record for the parsed
    /// value. The default parses the value into a `Value` and checks that; the types of this
    /// crate and derived models read it without building one, through the one-pass reader.
    fn read<'de, D: Deserializer<'de>, R: Recorder>(
        input: D,
        reading: Reading<'_, S, R>,
    ) -> Result<(), D::Error>
    where
        Self: Sized,
    {
        read_parsed::<S, Self, D, R>(input, reading)
    }
}

/// The JSON type of a value, with its article, for messages.
pub fn json_type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Records a `type` violation unless `ok`; returns `ok`.
#[inline]
pub fn expect_type<R: Recorder>(
    ok: bool,
    expected: &'static str,
    value: &Value,
    at: &Path<'_>,
    recorder: &mut R,
) -> bool {
    if !ok {
        recorder.record(
            at,
            Code::Type,
            Message::Type {
                expected,
                found: json_type_name(value),
            },
        );
    }
    ok
}

/// The [`FieldValue::read`] of a type whose JSON one [`crate::validate::read::Accept`] describes, for use
/// inside `impl<S: ProviderSet> FieldValue<S> for ..`.
macro_rules! read_with_accept {
    ($accept:expr) => {
        #[inline]
        fn read<'de, D: ::serde::Deserializer<'de>, R: $crate::validate::recorder::Recorder>(
            input: D,
            reading: $crate::validate::read::Reading<'_, S, R>,
        ) -> Result<(), D::Error> {
            $crate::validate::read::read_with(
                input,
                $accept,
                <Self as $crate::validate::value::FieldValue<S>>::EMPTINESS,
                reading,
            )
        }
    };
}

/// Implements [`FieldValue`] for a type whose JSON value is a scalar that one predicate
/// recognises.
macro_rules! scalar_field_value {
    ($ty:ty, $expected:literal, $emptiness:expr, $is:expr, $schema:tt, $takes:expr, $takes_float:expr) => {
        impl<S: $crate::provider::ProviderSet> $crate::validate::read::Accept<S>
            for $crate::validate::read::Scalar<$ty>
        {
            const EXPECTED: &'static str = $expected;
            const TAKES: $crate::validate::read::Takes = $takes;

            #[inline]
            fn takes_float(&self, value: f64) -> bool {
                let takes: fn(f64) -> bool = $takes_float;
                takes(value)
            }
        }

        impl<S: $crate::provider::ProviderSet> $crate::validate::value::FieldValue<S> for $ty {
            const EMPTINESS: $crate::validate::value::Emptiness = $emptiness;

            #[inline]
            fn check<R: $crate::validate::recorder::Recorder>(
                value: &::serde_json::Value,
                _: $crate::provider::View<S>,
                at: &$crate::report::path::Path<'_>,
                recorder: &mut R,
            ) -> bool {
                let is: fn(&::serde_json::Value) -> bool = $is;
                $crate::validate::value::expect_type(is(value), $expected, value, at, recorder)
            }

            fn schema(_: $crate::provider::View<S>) -> ::schemars::Schema {
                ::schemars::json_schema!($schema)
            }

            $crate::validate::value::read_with_accept!($crate::validate::read::Scalar::<$ty>(
                ::core::marker::PhantomData
            ));
        }
    };
}
pub(crate) use {read_with_accept, scalar_field_value};

/// Every float: a number type takes them all.
pub(crate) fn any_float(_: f64) -> bool {
    true
}

scalar_field_value!(String, "a string", Emptiness::String, Value::is_string, { "type": "string" }, Takes::String, any_float);
scalar_field_value!(bool, "a boolean", Emptiness::NotApplicable, Value::is_boolean, { "type": "boolean" }, Takes::Boolean, any_float);
scalar_field_value!(f64, "a number", Emptiness::NotApplicable, Value::is_number, { "type": "number" }, Takes::Number, any_float);
// JSON Schema counts 1.0 as an integer; so do we.
scalar_field_value!(i64, "an integer", Emptiness::NotApplicable, is_integer, { "type": "integer" }, Takes::Number, is_whole);

/// Whether a float is an integer in JSON Schema's sense.
fn is_whole(value: f64) -> bool {
    value.fract() == 0.0
}

fn is_integer(value: &Value) -> bool {
    value
        .as_number()
        .is_some_and(|n| n.is_i64() || n.is_u64() || n.as_f64().is_some_and(is_whole))
}

impl<S: ProviderSet> FieldValue<S> for Value {
    #[inline]
    fn check<R: Recorder>(_: &Value, _: View<S>, _: &Path<'_>, _: &mut R) -> bool {
        true
    }

    fn schema(_: View<S>) -> Schema {
        json_schema!({})
    }

    read_with_accept!(Scalar::<Value>(PhantomData));
}

impl<S: ProviderSet> crate::validate::read::Accept<S> for Scalar<Value> {
    const EXPECTED: &'static str = "any value";
    const TAKES: Takes = Takes::Any;
}

impl<S: ProviderSet, T: FieldValue<S>> FieldValue<S> for Box<T> {
    const EMPTINESS: Emptiness = T::EMPTINESS;

    #[inline]
    fn check<R: Recorder>(value: &Value, view: View<S>, at: &Path<'_>, recorder: &mut R) -> bool {
        T::check(value, view, at, recorder)
    }

    fn schema(view: View<S>) -> Schema {
        T::schema(view)
    }

    #[inline]
    fn read<'de, D: Deserializer<'de>, R: Recorder>(
        input: D,
        reading: Reading<'_, S, R>,
    ) -> Result<(), D::Error> {
        T::read(input, reading)
    }
}

impl<S: ProviderSet, T: FieldValue<S>> FieldValue<S> for Option<T> {
    #[inline]
    fn check<R: Recorder>(value: &Value, view: View<S>, at: &Path<'_>, recorder: &mut R) -> bool {
        value.is_null() || T::check(value, view, at, recorder)
    }

    fn schema(view: View<S>) -> Schema {
        crate::schema::nullable(T::schema(view))
    }

    fn read<'de, D: Deserializer<'de>, R: Recorder>(
        input: D,
        reading: Reading<'_, S, R>,
    ) -> Result<(), D::Error> {
        if reading.field.is_some() {
            // A field's own rules see `Option<T>`, not `T` (the derive unwraps a field's
            // `Option`, so this takes only `Option<Option<T>>`).
            return read_parsed::<S, Self, D, R>(input, reading);
        }
        T::read(
            input,
            Reading {
                nullable: true,
                ..reading
            },
        )
    }
}

impl<S: ProviderSet, T: FieldValue<S>> FieldValue<S> for Vec<T> {
    const EMPTINESS: Emptiness = Emptiness::Array;

    fn check<R: Recorder>(value: &Value, view: View<S>, at: &Path<'_>, recorder: &mut R) -> bool {
        let Some(items) = value.as_array() else {
            return expect_type(false, "an array", value, at, recorder);
        };
        for (index, item) in items.iter().enumerate() {
            T::check(item, view, &at.index(index), recorder);
            if recorder.done() {
                break;
            }
        }
        true
    }

    fn schema(view: View<S>) -> Schema {
        json_schema!({ "type": "array", "items": T::schema(view) })
    }

    read_with_accept!(Items::<T>(PhantomData));
}

/// Checks every value of a JSON object with `V`; shared by the map types.
fn check_map<S: ProviderSet, V: FieldValue<S>, R: Recorder>(
    value: &Value,
    view: View<S>,
    at: &Path<'_>,
    recorder: &mut R,
) -> bool {
    let Some(object) = value.as_object() else {
        return expect_type(false, "an object", value, at, recorder);
    };
    for (key, item) in object {
        V::check(item, view, &at.key(key), recorder);
        if recorder.done() {
            break;
        }
    }
    true
}

fn map_schema<S: ProviderSet, V: FieldValue<S>>(view: View<S>) -> Schema {
    json_schema!({ "type": "object", "additionalProperties": V::schema(view) })
}

impl<S: ProviderSet> FieldValue<S> for Map<String, Value> {
    #[inline]
    fn check<R: Recorder>(value: &Value, view: View<S>, at: &Path<'_>, recorder: &mut R) -> bool {
        check_map::<S, Value, R>(value, view, at, recorder)
    }

    fn schema(_: View<S>) -> Schema {
        json_schema!({ "type": "object" })
    }

    read_with_accept!(Entries::<Value>(PhantomData));
}

impl<S: ProviderSet, V: FieldValue<S>, H> FieldValue<S> for HashMap<String, V, H> {
    #[inline]
    fn check<R: Recorder>(value: &Value, view: View<S>, at: &Path<'_>, recorder: &mut R) -> bool {
        check_map::<S, V, R>(value, view, at, recorder)
    }

    fn schema(view: View<S>) -> Schema {
        map_schema::<S, V>(view)
    }

    read_with_accept!(Entries::<V>(PhantomData));
}

impl<S: ProviderSet, V: FieldValue<S>> FieldValue<S> for BTreeMap<String, V> {
    #[inline]
    fn check<R: Recorder>(value: &Value, view: View<S>, at: &Path<'_>, recorder: &mut R) -> bool {
        check_map::<S, V, R>(value, view, at, recorder)
    }

    fn schema(view: View<S>) -> Schema {
        map_schema::<S, V>(view)
    }

    read_with_accept!(Entries::<V>(PhantomData));
}
