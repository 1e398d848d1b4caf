//! The field types `unified-core` knows: strings, booleans, numbers, lists, maps and free-form
//! values, each a [`FieldValue`] read through an [`Accept`] of its shape.

use core::marker::PhantomData;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;
use std::sync::Arc;

use crate::json_schema;
use crate::schema::Schema;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::provider::{ProviderSet, Target};
use crate::report::Code;
use crate::report::message::Message;
use crate::rule::Rule;
use crate::secret::Secret;
use crate::validate::constraint::IntegerRange;
use crate::validate::field_value::{Emptiness, FieldValue};
use crate::validate::mode::Mode;
use crate::validate::number::Number;
use crate::validate::precision::Precision;
use crate::validate::read::{Accept, Entries, Items, Takes, skip_entries, skip_items};
use crate::validate::reading::Reading;
use crate::validate::recorder::Recorder;

/// The [`FieldValue::read`] of a type whose JSON one [`Accept`] describes, for use inside
/// `impl<S: ProviderSet> FieldValue<S> for ..`.
macro_rules! read_with_accept {
    ($accept:expr) => {
        #[inline]
        fn read<
            'de,
            B: $crate::validate::mode::Mode,
            D: ::serde::Deserializer<'de>,
            R: $crate::validate::recorder::Recorder,
        >(
            input: D,
            reading: $crate::validate::reading::Reading<'_, S, R>,
        ) -> Result<B::Out<Self>, D::Error> {
            $crate::validate::read::read_with::<S, _, B, D, R>(
                input,
                $accept,
                <Self as $crate::validate::field_value::FieldValue<S>>::EMPTINESS,
                reading,
            )
        }
    };
}

/// A scalar type `T`: a boolean or a number.
pub struct Scalar<T>(PhantomData<fn() -> T>);

/// A type made from a JSON string as it is: `String`, `Secret`.
pub struct Text<T>(PhantomData<fn() -> T>);

impl<T> Scalar<T> {
    const NEW: Self = Scalar(PhantomData);
}

impl<T> Text<T> {
    const NEW: Self = Text(PhantomData);
}

/// Implements [`FieldValue`] for a type read with `$accept`, with its emptiness and schema.
macro_rules! scalar_field_value {
    ($ty:ty, $accept:ident, $emptiness:expr, $schema:tt) => {
        impl<S: ProviderSet> FieldValue<S> for $ty {
            const EMPTINESS: Emptiness = $emptiness;

            fn schema(_: Target<S>) -> Schema {
                json_schema!($schema)
            }

            read_with_accept!($accept::<$ty>::NEW);
        }
    };
}

scalar_field_value!(String, Text, Emptiness::String, { "type": "string" });
scalar_field_value!(Secret, Text, Emptiness::String, { "type": "string", "writeOnly": true });
scalar_field_value!(bool, Scalar, Emptiness::NotApplicable, { "type": "boolean" });

impl<S: ProviderSet, T: for<'a> From<&'a str>> Accept<S> for Text<T> {
    type Value = T;
    const EXPECTED: &'static str = "a string";
    const TAKES: Takes = Takes::String;

    #[inline]
    fn string<B: Mode, R: Recorder>(&self, text: &str, _: &mut Reading<'_, S, R>) -> B::Out<T> {
        B::keep(|| Some(T::from(text)))
    }
}

impl<S: ProviderSet> Accept<S> for Scalar<bool> {
    type Value = bool;
    const EXPECTED: &'static str = "a boolean";
    const TAKES: Takes = Takes::Boolean;

    #[inline]
    fn boolean<B: Mode>(&self, value: bool) -> B::Out<bool> {
        B::keep(|| Some(value))
    }
}

impl<S: ProviderSet> FieldValue<S> for f64 {
    const PRECISION: Precision = Precision::F64;

    fn schema(_: Target<S>) -> Schema {
        json_schema!({ "type": "number" })
    }

    read_with_accept!(Scalar::<f64>::NEW);
}

impl<S: ProviderSet> Accept<S> for Scalar<f64> {
    type Value = f64;
    const EXPECTED: &'static str = "a number";
    const TAKES: Takes = Takes::Number;
    const PRECISION: Precision = Precision::F64;

    #[inline]
    fn number<B: Mode, R: Recorder>(
        &self,
        value: Number,
        _: &mut Reading<'_, S, R>,
    ) -> Option<B::Out<f64>> {
        Some(B::keep(|| Some(value.as_f64())))
    }
}

/// An integer type `T`: a JSON integer within `T`'s range. A whole number written as a float
/// (`1.0`, `1e3`) is refused, where JSON Schema's `integer` takes it, because serde does not
/// deserialize it into a Rust integer: what the validator accepts always deserializes.
pub struct Integer<T>(PhantomData<fn() -> T>);

impl<T> Integer<T> {
    const NEW: Self = Integer(PhantomData);
}

/// Implements [`FieldValue`] and [`Accept`] for integer types, with their bounds in the schema.
macro_rules! integer_field_values {
    ($($ty:ty),+) => {
        $(
            impl<S: ProviderSet> FieldValue<S> for $ty {
                fn schema(_: Target<S>) -> Schema {
                    json_schema!({
                        "type": "integer",
                        "minimum": <$ty>::MIN,
                        "maximum": <$ty>::MAX,
                    })
                }

                read_with_accept!(Integer::<$ty>::NEW);
            }

            impl<S: ProviderSet> Accept<S> for Integer<$ty> {
                type Value = $ty;
                const EXPECTED: &'static str = "an integer";
                const TAKES: Takes = Takes::Number;
                // Every integer type's range fits these (the reader says where it is broken).
                #[allow(clippy::cast_possible_wrap, clippy::unnecessary_cast)]
                const RANGE: Option<IntegerRange> = Some(IntegerRange {
                    min: <$ty>::MIN as i64,
                    max: <$ty>::MAX as u64,
                    name: stringify!($ty),
                });

                #[inline]
                fn number<B: Mode, R: Recorder>(
                    &self,
                    value: Number,
                    _: &mut Reading<'_, S, R>,
                ) -> Option<B::Out<$ty>> {
                    let held = match value {
                        Number::Negative(value) => <$ty>::try_from(value).ok(),
                        Number::Positive(value) => <$ty>::try_from(value).ok(),
                        Number::Float(_) => return None,
                    };
                    Some(B::keep(|| held))
                }
            }
        )+
    };
}

integer_field_values!(i8, i16, i32, i64, u8, u16, u32, u64, usize);

/// The magnitude from which a number no longer rounds to a finite `f32`: halfway between
/// `f32::MAX` and the next power of two. `f32::MAX` written as text (`3.4028235e38`) is above
/// `f32::MAX` as a double, and still an `f32`.
const F32_LIMIT: f64 = 3.402_823_567_797_336_6e38;

impl<S: ProviderSet> FieldValue<S> for f32 {
    const PRECISION: Precision = Precision::F32;

    fn schema(_: Target<S>) -> Schema {
        json_schema!({
            "type": "number",
            "exclusiveMinimum": -F32_LIMIT,
            "exclusiveMaximum": F32_LIMIT,
        })
    }

    read_with_accept!(Scalar::<f32>::NEW);
}

/// An `f32`: any number within `f32`'s range (serde rounds it to the nearest `f32`).
impl<S: ProviderSet> Accept<S> for Scalar<f32> {
    type Value = f32;
    const EXPECTED: &'static str = "a number";
    const TAKES: Takes = Takes::Number;
    const PRECISION: Precision = Precision::F32;

    #[inline]
    fn number<B: Mode, R: Recorder>(
        &self,
        value: Number,
        reading: &mut Reading<'_, S, R>,
    ) -> Option<B::Out<f32>> {
        let wide = value.as_f64();
        if wide.abs() >= F32_LIMIT {
            let (rule, code) = if wide < 0.0 {
                (Rule::ExclusiveMinimum(-F32_LIMIT), Code::ExclusiveMinimum)
            } else {
                (Rule::ExclusiveMaximum(F32_LIMIT), Code::ExclusiveMaximum)
            };
            reading
                .recorder
                .record(reading.at, code, Message::Constraint { rule, view: None });
            return Some(B::none());
        }
        // As serde rounds it: an integer directly, a float through its `f64`.
        let held = Precision::F32.held(value).as_f64() as f32;
        Some(B::keep(|| Some(held)))
    }
}

/// A free-form value: any JSON, null too, except where a field requires it. Checked, it is read
/// to its end and dropped (the parser still holds it to JSON's rules); built, it is serde's
/// `Value`. Either way its nesting costs little stack, unlike the readers of typed values.
impl<S: ProviderSet> FieldValue<S> for Value {
    fn schema(_: Target<S>) -> Schema {
        json_schema!({})
    }

    fn read<'de, B: Mode, D: Deserializer<'de>, R: Recorder>(
        input: D,
        reading: Reading<'_, S, R>,
    ) -> Result<B::Out<Self>, D::Error> {
        let null = |mut reading: Reading<'_, S, R>| reading.null_field();
        if B::BUILDS {
            let value = <Value as serde::Deserialize>::deserialize(input)?;
            if value.is_null() && reading.field.is_some() {
                null(reading);
                return Ok(B::none());
            }
            return Ok(B::keep(move || Some(value)));
        }
        let was_null = input.deserialize_any(FreeForm)?;
        if was_null {
            null(reading);
        }
        Ok(B::none())
    }
}

/// Reads a free-form value to its end, keeping only whether it was null.
struct FreeForm;

impl<'de> Visitor<'de> for FreeForm {
    type Value = bool;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<bool, E> {
        Ok(true)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<bool, E> {
        Ok(true)
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<bool, A::Error> {
        skip_items(items).map(|_| false)
    }

    fn visit_map<A: MapAccess<'de>>(self, entries: A) -> Result<bool, A::Error> {
        skip_entries(entries).map(|()| false)
    }
}

/// Implements [`FieldValue`] for a pointer to `T` (`Box`, `Arc`): `T`'s JSON, held behind it.
macro_rules! pointer_field_value {
    ($($pointer:ident),+) => {
        $(
            impl<S: ProviderSet, T: FieldValue<S>> FieldValue<S> for $pointer<T> {
                const EMPTINESS: Emptiness = T::EMPTINESS;
                const PRECISION: Precision = T::PRECISION;
                const OBJECTS_ONLY: bool = T::OBJECTS_ONLY;

                fn schema(view: Target<S>) -> Schema {
                    T::schema(view)
                }

                fn patch_schema(view: Target<S>) -> Schema {
                    T::patch_schema(view)
                }

                #[inline]
                fn read<'de, B: Mode, D: Deserializer<'de>, R: Recorder>(
                    input: D,
                    reading: Reading<'_, S, R>,
                ) -> Result<B::Out<Self>, D::Error> {
                    T::read::<B, D, R>(input, reading).map(|value| B::map(value, $pointer::new))
                }
            }
        )+
    };
}

pointer_field_value!(Box, Arc);

impl<S: ProviderSet, T: FieldValue<S>> FieldValue<S> for Option<T> {
    const PRECISION: Precision = T::PRECISION;

    fn schema(view: Target<S>) -> Schema {
        crate::schema::nullable(T::schema(view))
    }

    fn patch_schema(view: Target<S>) -> Schema {
        crate::schema::nullable(T::patch_schema(view))
    }

    fn read<'de, B: Mode, D: Deserializer<'de>, R: Recorder>(
        input: D,
        reading: Reading<'_, S, R>,
    ) -> Result<B::Out<Self>, D::Error> {
        input.deserialize_option(OptionVisitor::<S, R, T, B> {
            reading,
            ty: PhantomData,
        })
    }
}

/// Reads an `Option<T>`: null is `None` (a violation only where a field requires it), anything
/// else is read with `T`.
struct OptionVisitor<'a, S: 'static, R, T, B> {
    reading: Reading<'a, S, R>,
    ty: PhantomData<fn() -> (T, B)>,
}

impl<'de, S: ProviderSet, R: Recorder, T: FieldValue<S>, B: Mode> Visitor<'de>
    for OptionVisitor<'_, S, R, T, B>
{
    type Value = B::Out<Option<T>>;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        let mut reading = self.reading;
        if reading.field.is_some() {
            // A field set to null is absent, as serde has it for `Option<Option<T>>`.
            reading.null_field();
            return Ok(B::none());
        }
        Ok(B::keep(|| Some(None)))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, input: D) -> Result<Self::Value, D::Error> {
        T::read::<B, D, R>(input, self.reading).map(|value| B::map(value, Some))
    }
}

impl<S: ProviderSet, T: FieldValue<S>> FieldValue<S> for Vec<T> {
    const EMPTINESS: Emptiness = Emptiness::Array;

    fn schema(view: Target<S>) -> Schema {
        json_schema!({ "type": "array", "items": T::schema(view) })
    }

    read_with_accept!(Items::<T>(PhantomData));
}

fn map_schema<S: ProviderSet, V: FieldValue<S>>(view: Target<S>) -> Schema {
    json_schema!({ "type": "object", "additionalProperties": V::schema(view) })
}

impl<S: ProviderSet> FieldValue<S> for Map<String, Value> {
    // Any member, said outright: generators read an object schema without it as one that
    // takes no members.
    fn schema(_: Target<S>) -> Schema {
        json_schema!({ "type": "object", "additionalProperties": true })
    }

    read_with_accept!(Entries::<Self, Value>(PhantomData));
}

impl<S: ProviderSet, V: FieldValue<S>, H: BuildHasher + Default> FieldValue<S>
    for HashMap<String, V, H>
{
    fn schema(view: Target<S>) -> Schema {
        map_schema::<S, V>(view)
    }

    read_with_accept!(Entries::<Self, V>(PhantomData));
}

impl<S: ProviderSet, V: FieldValue<S>> FieldValue<S> for BTreeMap<String, V> {
    fn schema(view: Target<S>) -> Schema {
        map_schema::<S, V>(view)
    }

    read_with_accept!(Entries::<Self, V>(PhantomData));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::provider::NoProviders;
    use crate::validate::mode::Build;
    use crate::validate::read::read_document;
    use crate::validate::recorder::AllFailures;

    fn build<T: FieldValue<NoProviders>>(value: &Value) -> (Option<T>, usize) {
        let mut recorder = AllFailures::default();
        let built = read_document::<NoProviders, T, Build, _, _>(
            value,
            Target::UNIFIED,
            &mut recorder,
            false,
        )
        .ok()
        .flatten();
        (built, recorder.into_report().len())
    }

    #[test]
    fn integers_an_i64_cannot_hold_are_violations_when_building() {
        // A whole float is not an `i64` to serde, so not to the validator either.
        assert_eq!(build::<i64>(&json!(7.0)), (None, 1));
        assert_eq!(build::<i64>(&json!(7)), (Some(7), 0));
        assert_eq!(build::<i64>(&json!(-3)), (Some(-3), 0));
        assert_eq!(build::<i64>(&json!(u64::MAX)), (None, 1));
        assert_eq!(build::<i64>(&json!(1e19)), (None, 1));
        assert_eq!(build::<i64>(&json!(1.5)), (None, 1));
    }

    #[test]
    fn free_form_values_are_built_as_they_came() {
        let value = json!({"a": [1, -2, 2.5, null, true, "x", {"b": {}}]});
        assert_eq!(build::<Value>(&value), (Some(value.clone()), 0));
        let list: (Option<Vec<Option<String>>>, usize) = build(&json!(["a", null]));
        assert_eq!(list, (Some(vec![Some("a".to_owned()), None]), 0));
    }
}
