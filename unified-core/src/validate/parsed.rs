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
    holds: TypeLimits,
    ty: PhantomData<fn() -> T>,
}

/// What a parsed type holds beyond its format, for the message of a string of the format that
/// the type refuses.
#[derive(Clone, Copy, Debug)]
pub struct TypeLimits {
    /// The type, as the message names it (`jiff::Timestamp`).
    pub name: &'static str,
    /// What it holds (`from -009999-01-02 to 9999-12-30 (UTC), to the nanosecond`).
    pub holds: &'static str,
}

impl<T> Parsed<T> {
    /// The reader of `T` from strings of `format`, which `holds` what it can.
    pub const fn new(format: Format, holds: TypeLimits) -> Self {
        Parsed {
            format,
            holds,
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
        let formatted = self.format.check(text);
        let parsed = if formatted {
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
            let message = if formatted {
                self.beyond_the_type()
            } else {
                Message::Format(self.format)
            };
            reading.recorder.record(reading.at, Code::Format, message);
        }
        B::keep(|| parsed)
    }
}

impl<T> Parsed<T> {
    /// The violation of a string of the format that the type refuses: it says what the type
    /// holds, not only the format, which the string has.
    fn beyond_the_type(&self) -> Message {
        let TypeLimits { name, holds } = self.holds;
        let mut params = serde_json::Map::new();
        params.insert("format".into(), self.format.keyword().into());
        params.insert("type".into(), name.into());
        Message::Custom {
            text: format!(
                "must be {} that `{name}` can hold: {holds}",
                self.format.describe()
            )
            .into(),
            params,
        }
    }
}

/// Implements `FieldValue` for a type parsed from strings of a format, which holds `$holds`.
macro_rules! parsed_field_value {
    ($ty:ty, $format:expr, $keyword:literal, $holds:literal) => {
        impl<S: ProviderSet> crate::validate::field_value::FieldValue<S> for $ty {
            const EMPTINESS: crate::validate::field_value::Emptiness =
                crate::validate::field_value::Emptiness::String;

            fn schema(_: crate::provider::Target<S>) -> crate::schema::Schema {
                crate::json_schema!({ "type": "string", "format": $keyword })
            }

            read_with_accept!(crate::validate::parsed::Parsed::<$ty>::new(
                $format,
                crate::validate::parsed::TypeLimits {
                    name: stringify!($ty),
                    holds: $holds,
                }
            ));
        }
    };
}

#[cfg(feature = "uuid")]
parsed_field_value!(
    uuid::Uuid,
    Format::Uuid,
    "uuid",
    "the 8-4-4-4-12 hexadecimal form"
);
#[cfg(feature = "url")]
parsed_field_value!(
    url::Url,
    Format::Uri,
    "uri",
    "a port from 0 to 65535 and a host it can read"
);
#[cfg(feature = "jiff")]
parsed_field_value!(
    jiff::Timestamp,
    Format::DateTime,
    "date-time",
    "from -009999-01-02 to 9999-12-30 (UTC), to the nanosecond (at most nine fractional digits)"
);
