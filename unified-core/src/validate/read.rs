//! Validating while reading JSON text: the rules of the walk over a `Value`, applied to serde's
//! stream of values as the parser produces them, so a body is checked in one pass and no `Value`
//! is built. The rule checks themselves (support, null, emptiness, allowed values, format,
//! missing fields) are the ones the `Value` walk calls.

use core::fmt;
use core::marker::PhantomData;
use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::provider::{ProviderSet, View};
use crate::report::Code;
use crate::report::message::Message;
use crate::report::path::Path;
use crate::validate::object::{
    FieldRule, FieldVisitor, ObjectModel, check_present, check_string, record_empty,
    record_missing, record_null, record_unknown, record_unsupported,
};
use crate::validate::recorder::Recorder;
use crate::validate::value::{Emptiness, FieldValue};

/// Where a value being read is, and which rules apply to it.
pub struct Reading<'a, S: 'static, R> {
    /// The view it is checked for.
    pub view: View<S>,
    /// Where it is.
    pub at: &'a Path<'a>,
    /// Where violations go.
    pub recorder: &'a mut R,
    /// The rule of the field this is the value of; `None` for the document and for the items of
    /// lists and maps. A field's null, emptiness and string rules come from it.
    pub field: Option<&'a FieldRule<S>>,
    /// Whether null is a value of the type here (an `Option` item).
    pub nullable: bool,
}

impl<'a, S: ProviderSet, R: Recorder> Reading<'a, S, R> {
    /// The reading of a value that is not a field's (the document, a list item, a map value).
    pub fn item(view: View<S>, at: &'a Path<'a>, recorder: &'a mut R) -> Self {
        Reading {
            view,
            at,
            recorder,
            field: None,
            nullable: false,
        }
    }

    /// The reading of a value below this one, at `at`: an item, not a field.
    fn below<'b>(&'b mut self, at: &'b Path<'b>) -> Reading<'b, S, R> {
        Reading::item(self.view, at, &mut *self.recorder)
    }

    fn wrong_type(&mut self, expected: &'static str, found: &'static str) {
        self.recorder
            .record(self.at, Code::Type, Message::Type { expected, found });
    }
}

/// What a type takes from JSON text, kind of value by kind of value; any other kind is a `type`
/// violation. Implemented once per shape (scalars, lists, maps, objects, unit enums), and used by
/// [`FieldValue::read`] through [`read_with`].
pub trait Accept<S: ProviderSet> {
    /// The expected type, with its article, for `type` messages ("a string").
    const EXPECTED: &'static str;
    /// The kind of JSON value the type takes.
    const TAKES: Takes;

    /// Whether a float is of the type (an integer type refuses fractions).
    fn takes_float(&self, _value: f64) -> bool {
        true
    }

    /// Checks a string the type takes (a unit enum's names).
    fn string<R: Recorder>(&self, _text: &str, _reading: &mut Reading<'_, S, R>) {}

    /// Reads the items of an array the type takes; returns how many there were.
    fn items<'de, A: SeqAccess<'de>, R: Recorder>(
        &self,
        mut items: A,
        _reading: &mut Reading<'_, S, R>,
    ) -> Result<usize, A::Error> {
        let mut count = 0;
        while items.next_element::<Skip>()?.is_some() {
            count += 1;
        }
        Ok(count)
    }

    /// Reads the entries of an object the type takes.
    fn entries<'de, A: MapAccess<'de>, R: Recorder>(
        &self,
        entries: A,
        _reading: &mut Reading<'_, S, R>,
    ) -> Result<(), A::Error> {
        skip_entries(entries)
    }
}

/// The kind of JSON value a type takes (null aside, which the field's rules decide).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Takes {
    /// `true` and `false`.
    Boolean,
    /// Numbers.
    Number,
    /// Strings.
    String,
    /// Arrays.
    Array,
    /// Objects.
    Object,
    /// Every kind, null included (a free-form value).
    Any,
}

impl Takes {
    /// Whether a value of kind `found` is taken.
    #[inline]
    fn takes(self, found: Takes) -> bool {
        self == Takes::Any || self == found
    }
}

/// Reads one value with `accept`: the one visitor behind every [`FieldValue::read`].
/// `emptiness` is the type's [`FieldValue::EMPTINESS`], the same the walk over a `Value` reads.
pub fn read_with<'de, S: ProviderSet, A: Accept<S>, D: Deserializer<'de>, R: Recorder>(
    input: D,
    accept: A,
    emptiness: Emptiness,
    mut reading: Reading<'_, S, R>,
) -> Result<(), D::Error> {
    input.deserialize_any(AcceptVisitor {
        accept,
        emptiness,
        reading: &mut reading,
    })
}

/// Reads a value into a `Value` and checks that: [`FieldValue::read`] for a type that has no
/// reader of its own.
pub fn read_parsed<'de, S: ProviderSet, T: FieldValue<S>, D: Deserializer<'de>, R: Recorder>(
    input: D,
    reading: Reading<'_, S, R>,
) -> Result<(), D::Error> {
    let value = Value::deserialize(input)?;
    let Reading {
        view,
        at,
        recorder,
        field,
        nullable,
    } = reading;
    match field {
        Some(rule) => check_present::<S, T, R>(rule, &value, view, at, recorder),
        None if nullable && value.is_null() => {}
        None => {
            T::check(&value, view, at, recorder);
        }
    }
    Ok(())
}

struct AcceptVisitor<'r, 'a, S: 'static, R, A> {
    accept: A,
    emptiness: Emptiness,
    reading: &'r mut Reading<'a, S, R>,
}

impl<S: ProviderSet, R: Recorder, A: Accept<S>> AcceptVisitor<'_, '_, S, R, A> {
    fn scalar(self, taken: bool, found: &'static str) {
        if !taken {
            self.reading.wrong_type(A::EXPECTED, found);
        }
    }
}

impl<'de, S: ProviderSet, R: Recorder, A: Accept<S>> Visitor<'de>
    for AcceptVisitor<'_, '_, S, R, A>
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        let reading = self.reading;
        match reading.field {
            Some(rule) => record_null(rule, reading.view, reading.at, reading.recorder),
            None if reading.nullable || matches!(A::TAKES, Takes::Any) => {}
            None => reading.wrong_type(A::EXPECTED, "null"),
        }
        Ok(())
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar(A::TAKES.takes(Takes::Boolean), "a boolean");
        Ok(())
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar(A::TAKES.takes(Takes::Number), "a number");
        Ok(())
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar(A::TAKES.takes(Takes::Number), "a number");
        Ok(())
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<(), E> {
        let taken = A::TAKES.takes(Takes::Number) && self.accept.takes_float(value);
        self.scalar(taken, "a number");
        Ok(())
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<(), E> {
        let reading = self.reading;
        if !A::TAKES.takes(Takes::String) {
            reading.wrong_type(A::EXPECTED, "a string");
            return Ok(());
        }
        self.accept.string(text, reading);
        if let Some(rule) = reading.field {
            let (view, at) = (reading.view, reading.at);
            if self.emptiness == Emptiness::String
                && text.is_empty()
                && rule.required.contains(view)
            {
                record_empty(rule, view, at, reading.recorder);
            } else {
                check_string(rule, text, view, at, reading.recorder);
            }
        }
        Ok(())
    }

    fn visit_seq<V: SeqAccess<'de>>(self, items: V) -> Result<(), V::Error> {
        let reading = self.reading;
        if !A::TAKES.takes(Takes::Array) {
            reading.wrong_type(A::EXPECTED, "an array");
            return skip_items(items);
        }
        let count = self.accept.items(items, reading)?;
        if let Some(rule) = reading.field
            && self.emptiness == Emptiness::Array
            && count == 0
            && rule.required.contains(reading.view)
        {
            record_empty(rule, reading.view, reading.at, reading.recorder);
        }
        Ok(())
    }

    fn visit_map<V: MapAccess<'de>>(self, entries: V) -> Result<(), V::Error> {
        let reading = self.reading;
        if !A::TAKES.takes(Takes::Object) {
            reading.wrong_type(A::EXPECTED, "an object");
            return skip_entries(entries);
        }
        self.accept.entries(entries, reading)
    }
}

/// A value read to its end and dropped. Unlike serde's `IgnoredAny`, which lets `serde_json` skip
/// text without looking closely, it asks for every value, so the parser checks what it skips as
/// parsing into a `Value` would: UTF-8, escapes, the range of numbers, the nesting limit. Text the
/// parse refuses is refused here too, with the same error.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Skip, D::Error> {
        input.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<Skip, A::Error> {
        skip_items(items).map(|()| Skip)
    }

    fn visit_map<A: MapAccess<'de>>(self, entries: A) -> Result<Skip, A::Error> {
        skip_entries(entries).map(|()| Skip)
    }
}

/// Reads a value to its end (see [`Skip`]).
fn skip<'de, D: Deserializer<'de>>(input: D) -> Result<(), D::Error> {
    Skip::deserialize(input).map(|Skip| ())
}

fn skip_items<'de, A: SeqAccess<'de>>(mut items: A) -> Result<(), A::Error> {
    while items.next_element::<Skip>()?.is_some() {}
    Ok(())
}

fn skip_entries<'de, A: MapAccess<'de>>(mut entries: A) -> Result<(), A::Error> {
    while entries.next_entry::<Skip, Skip>()?.is_some() {}
    Ok(())
}

/// Reads one value with `T`'s reader: the seed for list items and map values.
struct ReadSeed<'a, S: 'static, R, T> {
    reading: Reading<'a, S, R>,
    ty: PhantomData<fn() -> T>,
}

impl<'de, S: ProviderSet, R: Recorder, T: FieldValue<S>> DeserializeSeed<'de>
    for ReadSeed<'_, S, R, T>
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<(), D::Error> {
        T::read(input, self.reading)
    }
}

/// The walk may stop: the error that unwinds the reader once a "first failure" recorder has
/// its answer. Never reaches a report.
const STOPPED: &str = "stopped at the first violation";

fn stop_if_done<E: serde::de::Error, R: Recorder>(recorder: &R) -> Result<(), E> {
    if recorder.done() {
        Err(E::custom(STOPPED))
    } else {
        Ok(())
    }
}

/// A scalar type `T` (a string, boolean, number or free-form value): its [`Accept`] is
/// implemented next to its [`FieldValue`].
pub struct Scalar<T>(pub PhantomData<fn() -> T>);

/// A list of `T`: each item read with `T`.
pub struct Items<T>(pub PhantomData<fn() -> T>);

impl<S: ProviderSet, T: FieldValue<S>> Accept<S> for Items<T> {
    const EXPECTED: &'static str = "an array";
    const TAKES: Takes = Takes::Array;

    fn items<'de, A: SeqAccess<'de>, R: Recorder>(
        &self,
        mut items: A,
        reading: &mut Reading<'_, S, R>,
    ) -> Result<usize, A::Error> {
        let mut index = 0;
        loop {
            let at = reading.at.index(index);
            let seed = ReadSeed::<S, R, T> {
                reading: reading.below(&at),
                ty: PhantomData,
            };
            if items.next_element_seed(seed)?.is_none() {
                return Ok(index);
            }
            index += 1;
            stop_if_done(&*reading.recorder)?;
        }
    }
}

/// Reads the entries of an object: each key, then its value with `value` (given the key, where
/// the value is, and the recorder); stops early once a "first failure" recorder is done.
fn each_entry<'de, S: ProviderSet, R: Recorder, A: MapAccess<'de>>(
    entries: &mut A,
    reading: &mut Reading<'_, S, R>,
    mut value: impl FnMut(&mut A, &str, &Path<'_>, &mut R) -> Result<(), A::Error>,
) -> Result<(), A::Error> {
    while let Some(key) = entries.next_key_seed(KeySeed)? {
        let at = reading.at.key(&key);
        value(entries, &key, &at, reading.recorder)?;
        stop_if_done(&*reading.recorder)?;
    }
    Ok(())
}

/// A map from strings to `V`: each value read with `V`.
pub struct Entries<V>(pub PhantomData<fn() -> V>);

impl<S: ProviderSet, V: FieldValue<S>> Accept<S> for Entries<V> {
    const EXPECTED: &'static str = "an object";
    const TAKES: Takes = Takes::Object;

    fn entries<'de, A: MapAccess<'de>, R: Recorder>(
        &self,
        mut entries: A,
        reading: &mut Reading<'_, S, R>,
    ) -> Result<(), A::Error> {
        let view = reading.view;
        each_entry(&mut entries, reading, |entries, _, at, recorder| {
            entries.next_value_seed(ReadSeed::<S, R, V> {
                reading: Reading::item(view, at, recorder),
                ty: PhantomData,
            })
        })
    }
}

/// An object model: its fields read with their types' readers, then the missing ones
/// reported.
pub struct Fields<M>(pub PhantomData<fn() -> M>);

impl<S: ProviderSet, M: ObjectModel<S>> Accept<S> for Fields<M> {
    const EXPECTED: &'static str = "an object";
    const TAKES: Takes = Takes::Object;

    fn entries<'de, A: MapAccess<'de>, R: Recorder>(
        &self,
        mut entries: A,
        reading: &mut Reading<'_, S, R>,
    ) -> Result<(), A::Error> {
        let view = reading.view;
        let mut seen: u128 = 0;
        each_entry(
            &mut entries,
            reading,
            |entries, key, at, recorder| match M::field_index(key) {
                Some(index) => {
                    seen |= 1 << index;
                    entries.next_value_seed(FieldSeed::<S, R, M> {
                        index,
                        view,
                        at,
                        recorder,
                        model: PhantomData,
                    })
                }
                None => {
                    record_unknown::<S, M, R>(at, recorder);
                    entries.next_value::<Skip>().map(|Skip| ())
                }
            },
        )?;
        record_missing::<S, M, R>(seen, view, reading.at, reading.recorder);
        Ok(())
    }
}

/// A unit enum: a string among its names.
pub struct Names(pub &'static [&'static str]);

impl<S: ProviderSet> Accept<S> for Names {
    const EXPECTED: &'static str = "a string";
    const TAKES: Takes = Takes::String;

    fn string<R: Recorder>(&self, text: &str, reading: &mut Reading<'_, S, R>) {
        if !self.0.contains(&text) {
            reading.recorder.record(
                reading.at,
                Code::Enum,
                Message::Enum {
                    values: self.0,
                    view: None,
                },
            );
        }
    }
}

/// Reads the value of field `index` of `M` with the field's type.
struct FieldSeed<'a, S: 'static, R, M> {
    index: usize,
    view: View<S>,
    at: &'a Path<'a>,
    recorder: &'a mut R,
    model: PhantomData<fn() -> M>,
}

impl<'de, S: ProviderSet, R: Recorder, M: ObjectModel<S>> DeserializeSeed<'de>
    for FieldSeed<'_, S, R, M>
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<(), D::Error> {
        let mut input = Some(input);
        let read = M::field(
            self.index,
            ReadField {
                input: &mut input,
                text: PhantomData,
                view: self.view,
                at: self.at,
                recorder: self.recorder,
            },
        );
        match (read, input) {
            (Some(result), _) => result,
            // No such field (the derive's dispatch covers every index, so this is defensive):
            // the value must still be consumed.
            (None, Some(input)) => skip(input),
            (None, None) => Ok(()),
        }
    }
}

/// Reads a field's value with its type: support first, then the type's reader with the
/// field's rule.
struct ReadField<'r, 'a, 'de, S: 'static, R, D> {
    input: &'r mut Option<D>,
    text: PhantomData<&'de ()>,
    view: View<S>,
    at: &'a Path<'a>,
    recorder: &'a mut R,
}

impl<'de, S: ProviderSet, R: Recorder, D: Deserializer<'de>> FieldVisitor<S>
    for ReadField<'_, '_, 'de, S, R, D>
{
    type Output = Result<(), D::Error>;

    fn visit<T: FieldValue<S>>(self, rule: &FieldRule<S>) -> Result<(), D::Error> {
        let Some(input) = self.input.take() else {
            return Ok(());
        };
        if !rule.supported.contains(self.view) {
            record_unsupported(self.view, self.at, self.recorder);
            return skip(input);
        }
        T::read(
            input,
            Reading {
                view: self.view,
                at: self.at,
                recorder: self.recorder,
                field: Some(rule),
                nullable: false,
            },
        )
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<Self::Value, D::Error> {
        input.deserialize_str(KeySeed)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key))
    }
}

/// Whether this build's `serde_json` hands numbers to visitors as maps: its
/// `arbitrary_precision` feature does, and any crate in a build can turn it on. The one-pass reader
/// would take those numbers for objects, so [`crate::UnifiedModel::validate_slice`] then leaves
/// the text to the `Value` parse, which knows the form.
pub(crate) fn numbers_arrive_as_maps() -> bool {
    static ANSWER: OnceLock<bool> = OnceLock::new();
    *ANSWER.get_or_init(|| {
        let mut input = serde_json::Deserializer::from_str("1.5");
        input.deserialize_any(NumberProbe).unwrap_or(false)
    })
}

/// Says whether a number arrived as a map.
struct NumberProbe;

impl<'de> Visitor<'de> for NumberProbe {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<bool, A::Error> {
        Ok(true)
    }
}

/// Reads JSON `text` as a `T` for `view` in one pass, recording violations; an error is text
/// that is not JSON (or the stop of a "first failure" recorder, which then has failed).
pub(crate) fn read_document<S: ProviderSet, T: FieldValue<S>, R: Recorder>(
    text: &[u8],
    view: View<S>,
    recorder: &mut R,
) -> Result<(), serde_json::Error> {
    let mut input = serde_json::Deserializer::from_slice(text);
    T::read(&mut input, Reading::item(view, &Path::Root, recorder))?;
    input.end()
}

#[cfg(test)]
mod tests {
    #[test]
    fn this_build_reads_numbers_as_numbers() {
        // The workspace does not turn on `arbitrary_precision`; if a build ever does, the
        // one-pass reader falls back to the parse (see `numbers_arrive_as_maps`).
        assert!(!super::numbers_arrive_as_maps());
    }
}
