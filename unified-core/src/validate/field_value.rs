//! The trait every field type of a unified model implements: its schema per view and its reader.
//! Implemented in `value.rs` for strings, booleans, numbers, lists, maps and free-form values,
//! and by `#[derive(UnifiedModel)]` for nested models and unit enums.

use crate::schema::Schema;
use serde::de::Deserializer;
use serde_json::Value;

use crate::provider::{ProviderSet, Target};
use crate::validate::mode::Mode;
use crate::validate::precision::Precision;
use crate::validate::reading::Reading;
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
    note = "add `#[derive(UnifiedModel)]` to `{Self}` (a struct with named fields, an enum of unit variants, or a tagged enum of models)"
)]
pub trait FieldValue<S: ProviderSet>: Sized {
    /// How the non-empty rule for required fields applies.
    const EMPTINESS: Emptiness = Emptiness::NotApplicable;

    /// How exactly the type holds JSON numbers, which its bounds' schema keywords follow.
    const PRECISION: Precision = Precision::Exact;

    /// Whether the type takes objects and nothing else, not even `null` (an object model): a
    /// document that is not an object is refused before it is read.
    const OBJECTS_ONLY: bool = false;

    /// The JSON Schema of a present, non-null value for `view`.
    fn schema(view: Target<S>) -> Schema;

    /// The JSON Schema of a value that a merge patch sets for `view`: the whole value's
    /// ([`FieldValue::schema`]) unless the type merges member by member (an object model).
    fn patch_schema(view: Target<S>) -> Schema {
        Self::schema(view)
    }

    /// Reads a value from a deserializer and checks it in the same pass, recording every
    /// violation (of the type and, for a field, of the field's rules) below `reading.at`. In
    /// [`Build`](crate::field::Build) mode it also gives the value; in
    /// [`Check`](crate::field::Check) mode nothing is kept. A type written by hand describes
    /// what it takes with an [`Accept`](crate::field::Accept) and calls
    /// [`read_with`](crate::field::read_with).
    fn read<'de, B: Mode, D: Deserializer<'de>, R: Recorder>(
        input: D,
        reading: Reading<'_, S, R>,
    ) -> Result<B::Out<Self>, D::Error>;
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
