//! The one validation engine: the rules of a model applied to serde's stream of values as a
//! deserializer produces them, so a document is checked in one pass, from JSON text or from a
//! `Value` alike. In [`Check`](crate::validate::mode::Check) mode nothing is kept and nothing
//! allocated; in [`Build`] mode the same pass deserializes the model's value. The checks of one
//! field's rules live with the rules in `field_rule.rs`, those of a whole model (missing and
//! unknown fields) in `object.rs`.

use core::fmt;
use core::marker::PhantomData;
use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::sync::OnceLock;

use crate::provider::{ProviderSet, Target};
use crate::report::Code;
use crate::report::message::Message;
use crate::report::path::Path;
use crate::validate::constraint::{IntegerRange, check_items, check_number};
use crate::validate::custom::run_checks;
use crate::validate::field_rule::{check_string, record_empty, record_unsupported};
use crate::validate::field_value::{Emptiness, FieldValue};
use crate::validate::mode::{Build, Mode};
use crate::validate::number::Number;
use crate::validate::object::{ObjectModel, record_missing, record_unknown};
use crate::validate::precision::Precision;
use crate::validate::reading::Reading;
use crate::validate::recorder::Recorder;

/// What a type takes from a deserializer, kind of value by kind of value, and what it builds
/// from it; any kind the type does not take is a `type` violation. Implemented once per shape
/// (scalars, lists, maps, objects, unit enums), and used by [`FieldValue::read`] through
/// [`read_with`].
pub trait Accept<S: ProviderSet> {
    /// What is built.
    type Value;
    /// The expected type, with its article, for `type` messages ("a string").
    const EXPECTED: &'static str;
    /// The kind of JSON value the type takes.
    const TAKES: Takes;
    /// The range of an integer type (its schema's `minimum` and `maximum`), held beside the
    /// field's own bounds so that one number outside both is one violation.
    const RANGE: Option<IntegerRange> = None;
    /// How exactly the type holds a number it takes: its rules judge the held value.
    const PRECISION: Precision = Precision::Exact;

    /// The value of a boolean the type takes.
    fn boolean<B: Mode>(&self, _value: bool) -> B::Out<Self::Value> {
        B::none()
    }

    /// The value of a number the type takes; `None` where this number is not of the type (an
    /// integer type refuses fractions).
    fn number<B: Mode, R: Recorder>(
        &self,
        _value: Number,
        _reading: &mut Reading<'_, S, R>,
    ) -> Option<B::Out<Self::Value>> {
        Some(B::none())
    }

    /// Checks a string the type takes (a unit enum's names) and gives its value.
    fn string<B: Mode, R: Recorder>(
        &self,
        _text: &str,
        _reading: &mut Reading<'_, S, R>,
    ) -> B::Out<Self::Value> {
        B::none()
    }

    /// Reads the items of an array the type takes; gives its value and how many items there
    /// were.
    fn items<'de, B: Mode, A: SeqAccess<'de>, R: Recorder>(
        &self,
        items: A,
        _reading: &mut Reading<'_, S, R>,
    ) -> Result<Counted<B, Self::Value>, A::Error> {
        skip_items(items).map(|count| (B::none(), count))
    }

    /// Reads the entries of an object the type takes.
    fn entries<'de, B: Mode, A: MapAccess<'de>, R: Recorder>(
        &self,
        entries: A,
        _reading: &mut Reading<'_, S, R>,
    ) -> Result<B::Out<Self::Value>, A::Error> {
        skip_entries(entries).map(|()| B::none())
    }
}

/// What reading an array gives: its value in mode `B` and how many items it had.
pub type Counted<B, T> = (<B as Mode>::Out<T>, usize);

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
}

impl Takes {
    /// Whether a value of kind `found` is taken.
    #[inline]
    fn takes(self, found: Takes) -> bool {
        self == found
    }
}

/// Whether a type read with `A` takes objects and nothing else: a model's
/// [`FieldValue::OBJECTS_ONLY`], read from what its reader takes. Not a public API.
#[doc(hidden)]
pub const fn objects_only<S: ProviderSet, A: Accept<S>>() -> bool {
    matches!(A::TAKES, Takes::Object)
}

/// Reads one value with `accept`: the one visitor behind every [`FieldValue::read`].
/// `emptiness` is the type's [`FieldValue::EMPTINESS`].
#[inline]
pub fn read_with<'de, S: ProviderSet, A: Accept<S>, B: Mode, D: Deserializer<'de>, R: Recorder>(
    input: D,
    accept: A,
    emptiness: Emptiness,
    mut reading: Reading<'_, S, R>,
) -> Result<B::Out<A::Value>, D::Error> {
    input.deserialize_any(AcceptVisitor::<S, R, A, B> {
        accept,
        emptiness,
        reading: &mut reading,
        mode: PhantomData,
    })
}

struct AcceptVisitor<'r, 'a, S: 'static, R, A, B> {
    accept: A,
    emptiness: Emptiness,
    reading: &'r mut Reading<'a, S, R>,
    mode: PhantomData<B>,
}

impl<S: ProviderSet, R: Recorder, A: Accept<S>, B: Mode> AcceptVisitor<'_, '_, S, R, A, B> {
    /// A number: its value, then the type's range and the field's number constraints; or a
    /// `type` violation.
    fn number(self, number: Number) -> B::Out<A::Value> {
        // A type that takes numbers and refuses this one is an integer type given a float.
        let found = if A::TAKES.takes(Takes::Number) {
            number.float_kind()
        } else {
            "a number"
        };
        self.scalar(Takes::Number, found, |accept, reading| {
            let value = accept.number::<B, R>(number, reading)?;
            let constraints = reading.field.map_or(&[][..], |rule| rule.constraints);
            check_number(
                constraints,
                number,
                A::PRECISION,
                A::RANGE,
                reading.view,
                reading.at,
                reading.recorder,
            );
            Some(value)
        })
    }
    /// A scalar of kind `kind`: its value, or a `type` violation.
    fn scalar(
        self,
        kind: Takes,
        found: &'static str,
        value: impl FnOnce(&A, &mut Reading<'_, S, R>) -> Option<B::Out<A::Value>>,
    ) -> B::Out<A::Value> {
        let taken = if A::TAKES.takes(kind) {
            value(&self.accept, self.reading)
        } else {
            None
        };
        taken.unwrap_or_else(|| {
            self.reading.wrong_type(A::EXPECTED, found);
            B::none()
        })
    }
}

impl<'de, S: ProviderSet, R: Recorder, A: Accept<S>, B: Mode> Visitor<'de>
    for AcceptVisitor<'_, '_, S, R, A, B>
{
    type Value = B::Out<A::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    #[inline]
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        let reading = self.reading;
        if reading.field.is_some() {
            reading.null_field();
        } else {
            // Null is a value of no type an `Accept` describes (an `Option` reads it first).
            reading.wrong_type(A::EXPECTED, "null");
        }
        Ok(B::none())
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    #[inline]
    fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(self.scalar(Takes::Boolean, "a boolean", |accept, _| {
            Some(accept.boolean::<B>(value))
        }))
    }

    #[inline]
    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Self::Value, E> {
        let number = if value < 0 {
            Number::Negative(value)
        } else {
            Number::Positive(value as u64)
        };
        Ok(self.number(number))
    }

    #[inline]
    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(self.number(Number::Positive(value)))
    }

    #[inline]
    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(self.number(Number::Float(value)))
    }

    #[inline]
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        let reading = self.reading;
        if !A::TAKES.takes(Takes::String) {
            reading.wrong_type(A::EXPECTED, "a string");
            return Ok(B::none());
        }
        let value = self.accept.string::<B, R>(text, reading);
        if let Some(rule) = reading.field {
            let (view, at) = (reading.view, reading.at);
            if self.emptiness == Emptiness::String
                && text.is_empty()
                && rule.non_empty.contains(view)
            {
                record_empty(rule, view, at, reading.recorder);
            } else {
                check_string(rule, text, view, at, reading.recorder);
            }
        }
        Ok(value)
    }

    #[inline]
    fn visit_seq<V: SeqAccess<'de>>(self, items: V) -> Result<Self::Value, V::Error> {
        let reading = self.reading;
        if !A::TAKES.takes(Takes::Array) {
            reading.wrong_type(A::EXPECTED, "an array");
            return skip_items(items).map(|_| B::none());
        }
        let (value, count) = self.accept.items::<B, V, R>(items, reading)?;
        if let Some(rule) = reading.field {
            if self.emptiness == Emptiness::Array
                && count == 0
                && rule.non_empty.contains(reading.view)
            {
                record_empty(rule, reading.view, reading.at, reading.recorder);
            } else {
                check_items(
                    rule.constraints,
                    count,
                    reading.view,
                    reading.at,
                    reading.recorder,
                );
            }
        }
        Ok(value)
    }

    #[inline]
    fn visit_map<V: MapAccess<'de>>(self, entries: V) -> Result<Self::Value, V::Error> {
        let reading = self.reading;
        if !A::TAKES.takes(Takes::Object) {
            reading.wrong_type(A::EXPECTED, "an object");
            return skip_entries(entries).map(|()| B::none());
        }
        self.accept.entries::<B, V, R>(entries, reading)
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
        skip_items(items).map(|_| Skip)
    }

    fn visit_map<A: MapAccess<'de>>(self, entries: A) -> Result<Skip, A::Error> {
        skip_entries(entries).map(|()| Skip)
    }
}

pub(crate) fn skip_items<'de, A: SeqAccess<'de>>(mut items: A) -> Result<usize, A::Error> {
    let mut count = 0;
    while items.next_element::<Skip>()?.is_some() {
        count += 1;
    }
    Ok(count)
}

pub(crate) fn skip_entries<'de, A: MapAccess<'de>>(mut entries: A) -> Result<(), A::Error> {
    while entries.next_entry::<Skip, Skip>()?.is_some() {}
    Ok(())
}

/// Reads one value with `T`'s reader: the seed for list items and map values.
struct ReadSeed<'a, S: 'static, R, T, B> {
    reading: Reading<'a, S, R>,
    ty: PhantomData<fn() -> (T, B)>,
}

impl<'a, S: ProviderSet, R: Recorder, T: FieldValue<S>, B: Mode> ReadSeed<'a, S, R, T, B> {
    fn new(reading: Reading<'a, S, R>) -> Self {
        ReadSeed {
            reading,
            ty: PhantomData,
        }
    }
}

impl<'de, S: ProviderSet, R: Recorder, T: FieldValue<S>, B: Mode> DeserializeSeed<'de>
    for ReadSeed<'_, S, R, T, B>
{
    type Value = B::Out<T>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<B::Out<T>, D::Error> {
        T::read::<B, D, R>(input, self.reading)
    }
}

/// The reader may stop: the error that unwinds it once a "first failure" recorder has
/// its answer. Never reaches a report.
const STOPPED: &str = "stopped at the first violation";

fn stop_if_done<E: serde::de::Error, R: Recorder>(recorder: &R) -> Result<(), E> {
    if recorder.done() {
        Err(E::custom(STOPPED))
    } else {
        Ok(())
    }
}

/// A list of `T`: each item read with `T`.
pub struct Items<T>(pub PhantomData<fn() -> T>);

impl<S: ProviderSet, T: FieldValue<S>> Accept<S> for Items<T> {
    type Value = Vec<T>;
    const EXPECTED: &'static str = "an array";
    const TAKES: Takes = Takes::Array;

    #[inline]
    fn items<'de, B: Mode, A: SeqAccess<'de>, R: Recorder>(
        &self,
        mut items: A,
        reading: &mut Reading<'_, S, R>,
    ) -> Result<Counted<B, Vec<T>>, A::Error> {
        let mut list = B::keep(|| Some(Vec::new()));
        let mut index = 0;
        loop {
            let at = reading.at.index(index);
            let seed = ReadSeed::<S, R, T, B>::new(reading.below(&at));
            let Some(item) = items.next_element_seed(seed)? else {
                return Ok((list, index));
            };
            B::push(&mut list, item);
            index += 1;
            stop_if_done(&*reading.recorder)?;
        }
    }
}

/// Reads the entries of an object: each key, then its value with `value` (given the key, where
/// the value is, and the recorder); stops early once a "first failure" recorder is done.
#[inline]
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

/// A map `C` from strings to `V`: each value read with `V`.
pub struct Entries<C, V>(pub PhantomData<fn() -> (C, V)>);

impl<S: ProviderSet, C: Default + Extend<(String, V)>, V: FieldValue<S>> Accept<S>
    for Entries<C, V>
{
    type Value = C;
    const EXPECTED: &'static str = "an object";
    const TAKES: Takes = Takes::Object;

    fn entries<'de, B: Mode, A: MapAccess<'de>, R: Recorder>(
        &self,
        mut entries: A,
        reading: &mut Reading<'_, S, R>,
    ) -> Result<B::Out<C>, A::Error> {
        let view = reading.view;
        let mut map = B::keep(|| Some(C::default()));
        each_entry(&mut entries, reading, |entries, key, at, recorder| {
            let seed = ReadSeed::<S, R, V, B>::new(Reading::item(view, at, recorder));
            let value = entries.next_value_seed(seed)?;
            B::push(&mut map, B::map(value, |value| (key.to_owned(), value)));
            Ok(())
        })?;
        Ok(map)
    }
}

/// An object model: its fields read with their types' readers into the model's slots, then the
/// missing ones reported and, when building, the model assembled.
pub struct Fields<M>(pub PhantomData<fn() -> M>);

impl<S: ProviderSet, M: ObjectModel<S>> Accept<S> for Fields<M> {
    type Value = M;
    const EXPECTED: &'static str = "an object";
    const TAKES: Takes = Takes::Object;

    #[inline]
    fn entries<'de, B: Mode, A: MapAccess<'de>, R: Recorder>(
        &self,
        entries: A,
        reading: &mut Reading<'_, S, R>,
    ) -> Result<B::Out<M>, A::Error> {
        FieldsBeside::<M>::new(|_| false).entries::<B, A, R>(entries, reading)
    }
}

/// An object model that shares its object with members read by someone else: the members
/// `beside` names are skipped (still read to their end as JSON), not reported as unknown. An
/// operation reads a part this way twice, once as its model beside the conventions and once as
/// its conventions beside the model.
pub(crate) struct FieldsBeside<M> {
    beside: fn(&str) -> bool,
    model: PhantomData<fn() -> M>,
}

impl<M> FieldsBeside<M> {
    /// The model `M`, with the members `beside` names left to another reader.
    pub(crate) fn new(beside: fn(&str) -> bool) -> Self {
        FieldsBeside {
            beside,
            model: PhantomData,
        }
    }
}

impl<S: ProviderSet, M: ObjectModel<S>> Accept<S> for FieldsBeside<M> {
    type Value = M;
    const EXPECTED: &'static str = "an object";
    const TAKES: Takes = Takes::Object;

    #[inline]
    fn entries<'de, B: Mode, A: MapAccess<'de>, R: Recorder>(
        &self,
        entries: A,
        reading: &mut Reading<'_, S, R>,
    ) -> Result<B::Out<M>, A::Error> {
        // The model's own checks need the whole model, which a merge patch is not.
        if M::CHECKS.is_empty() || reading.merge {
            return read_fields::<S, M, B, A, R>(entries, reading, self.beside);
        }
        // The model's own checks need the model, whatever the mode.
        let built = read_fields::<S, M, Build, A, R>(entries, reading, self.beside)?;
        if let Some(model) = &built
            && !reading.recorder.done()
        {
            run_checks(
                model,
                M::CHECKS,
                None,
                reading.view,
                reading.at,
                reading.recorder,
            );
        }
        Ok(B::keep(|| built))
    }
}

/// Reads an object's entries into the fields of `M`, in mode `B`, skipping the members `beside`
/// names.
#[inline]
fn read_fields<'de, S: ProviderSet, M: ObjectModel<S>, B: Mode, A: MapAccess<'de>, R: Recorder>(
    mut entries: A,
    reading: &mut Reading<'_, S, R>,
    beside: fn(&str) -> bool,
) -> Result<B::Out<M>, A::Error> {
    {
        let (view, merge) = (reading.view, reading.merge);
        let mut slots = M::slots::<B>();
        let mut seen: u128 = 0;
        each_entry(&mut entries, reading, |entries, key, at, recorder| {
            let Some(index) = M::field_index(key) else {
                if !beside(key) {
                    record_unknown::<S, M, R>(at, recorder);
                }
                return entries.next_value::<Skip>().map(|Skip| ());
            };
            seen |= 1 << index;
            let rule = &M::RULES[index];
            if !rule.supported.contains(view) {
                record_unsupported(view, at, recorder);
                return entries.next_value::<Skip>().map(|Skip| ());
            }
            entries.next_value_seed(FieldSeed::<S, R, M, B> {
                slots: &mut slots,
                index,
                reading: Reading {
                    view,
                    at,
                    recorder,
                    field: Some(rule),
                    merge,
                },
            })
        })?;
        if !merge {
            record_missing::<S, M, R>(seen, view, reading.at, reading.recorder);
        }
        Ok(B::assemble::<M>(slots))
    }
}

/// Reads the value of field `index` of `M` into its slot, with the field's type and rule.
struct FieldSeed<'s, 'a, S: ProviderSet, R, M: ObjectModel<S>, B: Mode> {
    slots: &'s mut M::Slots<B>,
    index: usize,
    reading: Reading<'a, S, R>,
}

impl<'de, S: ProviderSet, R: Recorder, M: ObjectModel<S>, B: Mode> DeserializeSeed<'de>
    for FieldSeed<'_, '_, S, R, M, B>
{
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<(), D::Error> {
        M::read_field::<B, D, R>(self.slots, self.index, input, self.reading)
    }
}

/// A unit enum `T`: a string among its names.
pub struct Names<T> {
    /// The variants' names in JSON.
    pub names: &'static [&'static str],
    /// The variant at a position of `names`.
    pub variant: fn(usize) -> Option<T>,
}

impl<S: ProviderSet, T> Accept<S> for Names<T> {
    type Value = T;
    const EXPECTED: &'static str = "a string";
    const TAKES: Takes = Takes::String;

    fn string<B: Mode, R: Recorder>(
        &self,
        text: &str,
        reading: &mut Reading<'_, S, R>,
    ) -> B::Out<T> {
        match self.names.iter().position(|name| *name == text) {
            Some(index) => B::keep(|| (self.variant)(index)),
            None => {
                reading.recorder.record(
                    reading.at,
                    Code::Enum,
                    Message::Enum {
                        values: self.names,
                        view: None,
                    },
                );
                B::none()
            }
        }
    }
}

/// Reads a value to its end, checking it is JSON and keeping nothing: the value of a field index
/// the model does not have.
pub fn skip<'de, D: Deserializer<'de>>(input: D) -> Result<(), D::Error> {
    Skip::deserialize(input).map(|Skip| ())
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

/// Reads one document as a `T` for `view` with the mode `B`, recording violations; an error is
/// input that is not JSON (or the stop of a "first failure" recorder, which then has failed).
/// With `merge`, the document is a merge patch of a `T` (see [`Reading::merge`]).
pub(crate) fn read_document<
    'de,
    S: ProviderSet,
    T: FieldValue<S>,
    B: Mode,
    D: Deserializer<'de>,
    R: Recorder,
>(
    input: D,
    view: Target<S>,
    recorder: &mut R,
    merge: bool,
) -> Result<B::Out<T>, D::Error> {
    let reading = if merge {
        Reading::patch(view, &Path::Root, recorder)
    } else {
        Reading::item(view, &Path::Root, recorder)
    };
    T::read::<B, D, R>(input, reading)
}

/// Reads JSON `text` as a `T` for `view` in one pass with the mode `B` (see [`read_document`]),
/// including the check that nothing follows the document.
pub(crate) fn read_text<S: ProviderSet, T: FieldValue<S>, B: Mode, R: Recorder>(
    text: &[u8],
    view: Target<S>,
    recorder: &mut R,
    merge: bool,
) -> Result<B::Out<T>, serde_json::Error> {
    let mut input = serde_json::Deserializer::from_slice(text);
    let value = read_document::<S, T, B, _, R>(&mut input, view, recorder, merge)?;
    input.end()?;
    Ok(value)
}

/// Whether this build's `serde_json` hands numbers to visitors as maps: its
/// `arbitrary_precision` feature does, and any crate in a build can turn it on. The text routes
/// then parse into a `Value` first, whose numbers the engine reads as numbers.
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

#[cfg(test)]
mod tests {
    #[test]
    fn this_build_reads_numbers_as_numbers() {
        // The workspace does not turn on `arbitrary_precision`; if a build ever does, the text
        // routes parse first (see `numbers_arrive_as_maps`).
        assert!(!super::numbers_arrive_as_maps());
    }
}
