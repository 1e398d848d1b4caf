//! Field types read from a string of a format and parsed into a Rust type (`uuid::Uuid`,
//! `url::Url`, `jiff::Timestamp`, each behind the feature of its crate's name). A string is
//! taken when it is of the format *and* the type parses it, in every mode, so what validates
//! always deserializes; where the type's parser is stricter than the format, the schema (which
//! only names the format) takes a little more than the validator.

use core::marker::PhantomData;
use core::str::FromStr;

use crate::format::Format;
use crate::provider::ProviderSet;
use crate::report::Code;
use crate::report::message::Message;
use crate::validate::mode::Mode;
use crate::validate::read::{Accept, Takes};
use crate::validate::reading::Reading;
use crate::validate::recorder::Recorder;

/// A type parsed from a string of `format`.
pub struct Parsed<T> {
    format: Format,
    ty: PhantomData<fn() -> T>,
}

impl<T> Parsed<T> {
    /// The reader of `T` from strings of `format`.
    pub const fn new(format: Format) -> Self {
        Parsed {
            format,
            ty: PhantomData,
        }
    }
}

impl<S: ProviderSet, T: FromStr> Accept<S> for Parsed<T> {
    type Value = T;
    const EXPECTED: &'static str = "a string";
    const TAKES: Takes = Takes::String;

    fn string<B: Mode, R: Recorder>(
        &self,
        text: &str,
        reading: &mut Reading<'_, S, R>,
    ) -> B::Out<T> {
        let parsed = if self.format.check(text) {
            text.parse::<T>().ok()
        } else {
            None
        };
        // An empty string where the field is required is `empty`, recorded by the reader.
        let required_empty = text.is_empty()
            && reading
                .field
                .is_some_and(|rule| rule.required.contains(reading.view));
        if parsed.is_none() && !required_empty {
            reading
                .recorder
                .record(reading.at, Code::Format, Message::Format(self.format));
        }
        B::keep(|| parsed)
    }
}

/// Implements `FieldValue` for a type parsed from strings of a format.
macro_rules! parsed_field_value {
    ($ty:ty, $format:expr, $keyword:literal) => {
        impl<S: ProviderSet> crate::validate::field_value::FieldValue<S> for $ty {
            const EMPTINESS: crate::validate::field_value::Emptiness =
                crate::validate::field_value::Emptiness::String;

            fn schema(_: crate::provider::Target<S>) -> crate::schema::Schema {
                crate::json_schema!({ "type": "string", "format": $keyword })
            }

            read_with_accept!(crate::validate::parsed::Parsed::<$ty>::new($format));
        }
    };
}

#[cfg(feature = "uuid")]
parsed_field_value!(uuid::Uuid, Format::Uuid, "uuid");
#[cfg(feature = "url")]
parsed_field_value!(url::Url, Format::Uri, "uri");
#[cfg(feature = "jiff")]
parsed_field_value!(jiff::Timestamp, Format::DateTime, "date-time");
