//! An object model: the trait the derive implements (its field table and a dispatch on field
//! types), the checks that need the whole model (missing and unknown fields), and the model's
//! schema. The derive generates only the table, the slots a read fills, the dispatch and
//! one-line impls that call in here; everything else is here, once.

use crate::json::{Map, Value};
use serde::de::Deserializer;

use crate::provider::{ProviderSet, Target};
use crate::report::Code;
use crate::report::message::Message;
use crate::report::path::Path;
use crate::schema::{self, Schema};
use crate::suggest::closest_keyed;
use crate::validate::constraint::write_schema;
use crate::validate::custom::FieldCheck;
use crate::validate::field_rule::{FieldRule, required_message};
use crate::validate::field_value::{Emptiness, FieldValue};
use crate::validate::mode::{Assemble, Mode};
use crate::validate::reading::Reading;
use crate::validate::recorder::Recorder;

/// Most fields one object model may have (one bit each in the reader's record of seen fields).
pub const MAX_FIELDS: usize = 128;

/// An object model as the derive describes it: its field table, the slots one read of it fills,
/// and a dispatch on field types.
pub trait ObjectModel<S: ProviderSet>: Assemble {
    /// The Rust name of the model, used as the schema title.
    const NAME: &'static str;
    /// The model's doc comment.
    const DESCRIPTION: Option<&'static str>;
    /// One rule per field, in declaration order.
    const RULES: &'static [FieldRule<S>];
    /// Per target (by index, see [`Target`]), which fields it requires, one bit per field:
    /// [`required_by_view`] of [`Self::RULES`], computed when the model is compiled so that the
    /// reader's required check is one AND. Sized by the set, so it is the derive's to write.
    const REQUIRED_BY_VIEW: &'static [u128];
    /// The model's custom checks (`#[unified(check = path)]` on the model), run on the model
    /// once it is read.
    const CHECKS: &'static [FieldCheck<S, Self>] = &[];

    /// The position in [`Self::RULES`] of the field named `key` in JSON.
    fn field_index(key: &str) -> Option<usize>;

    /// Runs `visitor` on field `index` with the field's type; `None` if there is no such field.
    fn field<V: FieldVisitor<S>>(index: usize, visitor: V) -> Option<V::Output>;

    /// Reads the value of field `index` (one the view supports) with its type into its slot.
    fn read_field<'de, B: Mode, D: Deserializer<'de>, R: Recorder>(
        slots: &mut Self::Slots<B>,
        index: usize,
        input: D,
        reading: Reading<'_, S, R>,
    ) -> Result<(), D::Error>;
}

/// An operation on one field that needs the field's Rust type, run by [`ObjectModel::field`].
pub trait FieldVisitor<S: ProviderSet> {
    /// What the operation gives back.
    type Output;

    /// Runs the operation on a field of type `T` with rule `rule`.
    fn visit<T: FieldValue<S>>(self, rule: &FieldRule<S>) -> Self::Output;
}

/// Builds a field's schema with [`field_schema`], or what a merge patch may set it to.
struct FieldSchema<S> {
    view: Target<S>,
    patch: bool,
}

impl<S: ProviderSet> FieldVisitor<S> for FieldSchema<S> {
    type Output = Schema;

    fn visit<T: FieldValue<S>>(self, rule: &FieldRule<S>) -> Schema {
        let value = if self.patch {
            T::patch_schema(self.view)
        } else {
            T::schema(self.view)
        };
        schema_of_field::<S, T>(value, rule, self.view)
    }
}

/// Records each field that `view` requires and the object lacks (`seen` has a bit per field
/// present).
#[inline(always)]
pub(crate) fn record_missing<S: ProviderSet, M: ObjectModel<S>, R: Recorder>(
    seen: u128,
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    let required = M::REQUIRED_BY_VIEW
        .get(view.index() as usize)
        .copied()
        .unwrap_or(0);
    let missing = required & !seen;
    if missing != 0 {
        record_each_missing::<S, M, R>(missing, view, at, recorder);
    }
}

/// Records each field of `missing` (a bit per field), out of line: the usual object lacks none.
#[inline(never)]
fn record_each_missing<S: ProviderSet, M: ObjectModel<S>, R: Recorder>(
    missing: u128,
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    for (index, rule) in M::RULES.iter().enumerate() {
        if missing & 1 << index != 0 {
            recorder.record(
                &at.key(rule.name),
                Code::Required,
                required_message(rule, view),
            );
            if recorder.done() {
                break;
            }
        }
    }
}

/// The "unknown field" violation, with its "did you mean" among the fields of `M`.
pub(crate) fn record_unknown<S: ProviderSet, M: ObjectModel<S>, R: Recorder>(
    at: &Path<'_>,
    recorder: &mut R,
) {
    recorder.record(
        at,
        Code::Unknown,
        Message::Unknown {
            suggest: closest_field::<S, M>,
        },
    );
}

/// Per target of the set `S` (`V` is its size plus one), which of `rules` it requires, one bit
/// per field: an object model's [`ObjectModel::REQUIRED_BY_VIEW`]. Not a public API.
#[doc(hidden)]
pub const fn required_by_view<S: ProviderSet, const V: usize>(rules: &[FieldRule<S>]) -> [u128; V] {
    let mut table = [0u128; V];
    let mut field = 0;
    while field < rules.len() {
        let mut view = 0;
        while view < V {
            if rules[field].required.contains_index(view) {
                table[view] |= 1 << field;
            }
            view += 1;
        }
        field += 1;
    }
    table
}

/// The field of `M` whose name is closest to the unknown `key`, for "did you mean".
fn closest_field<S: ProviderSet, M: ObjectModel<S>>(key: &str) -> Option<&'static str> {
    closest_keyed(key, M::RULES.iter().map(|rule| (rule.name, &rule.name_key)))
}

/// The schema of one field for `view`, from its value's schema `field`: that plus the field's
/// description, allowed values, format, non-emptiness where required, and null where optional.
fn schema_of_field<S: ProviderSet, T: FieldValue<S>>(
    mut field: Schema,
    rule: &FieldRule<S>,
    view: Target<S>,
) -> Schema {
    let object = field.ensure_object();
    crate::schema::title_first(object, rule.title);
    if let Some(description) = rule.description {
        object.insert("description".into(), description.into());
    }
    for allowed in rule.allowed {
        if allowed.views.contains(view) {
            object.insert("enum".into(), allowed.values.into());
        }
    }
    if let Some(format) = rule.format {
        object.insert("format".into(), format.keyword().into());
    }
    write_schema(rule.constraints, view, object, T::PRECISION);
    if rule.required.contains(view) {
        if !object.contains_key("type") && !object.contains_key("enum") {
            // A free-form value (`serde_json::Value`) still may not be null where required.
            object.insert("not".into(), crate::json!({ "type": "null" }));
        }
        // Non-empty, unless a constraint already asks for more.
        let keyword = match T::EMPTINESS {
            Emptiness::String => Some("minLength"),
            Emptiness::Array => Some("minItems"),
            Emptiness::NotApplicable => None,
        };
        if let Some(keyword) = keyword
            && rule.non_empty.contains(view)
            && object.get(keyword).and_then(Value::as_u64).unwrap_or(0) < 1
        {
            object.insert(keyword.into(), 1.into());
        }
        field
    } else {
        schema::nullable(field)
    }
}

/// The schema of an object model for `view`: only the fields the view supports, no others.
pub fn object_schema<S: ProviderSet, M: ObjectModel<S>>(view: Target<S>) -> Schema {
    model_schema::<S, M>(view, false)
}

/// The schema of a merge patch of an object model for `view`: the fields the view supports,
/// none of them required, those it requires not null, the object models among them patches.
pub fn object_patch_schema<S: ProviderSet, M: ObjectModel<S>>(view: Target<S>) -> Schema {
    model_schema::<S, M>(view, true)
}

/// [`object_schema`], or with `patch` [`object_patch_schema`].
fn model_schema<S: ProviderSet, M: ObjectModel<S>>(view: Target<S>, patch: bool) -> Schema {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (index, rule) in M::RULES.iter().enumerate() {
        if !rule.supported.contains(view) {
            continue;
        }
        let schema = M::field(index, FieldSchema { view, patch }).unwrap_or_default();
        properties.insert(rule.name.into(), schema.into_value());
        if !patch && rule.required.contains(view) {
            required.push(Value::from(rule.name));
        }
    }
    let mut object = Map::new();
    object.insert("type".into(), "object".into());
    if let Some(description) = M::DESCRIPTION {
        object.insert("description".into(), description.into());
    }
    object.insert("properties".into(), properties.into());
    if !required.is_empty() {
        object.insert("required".into(), required.into());
    }
    object.insert("additionalProperties".into(), false.into());
    Schema::from(object)
}

/// The schema of a unit enum: a string that is one of a `oneOf` of `const`s, each with its
/// label (`title`), the form form libraries read labelled choices in.
pub fn unit_enum_schema(
    names: &'static [&'static str],
    titles: &'static [&'static str],
    description: Option<&'static str>,
) -> Schema {
    let mut object = Map::new();
    object.insert("type".into(), "string".into());
    if let Some(description) = description {
        object.insert("description".into(), description.into());
    }
    let choices: Vec<Value> = names
        .iter()
        .zip(titles)
        .map(|(name, title)| crate::json!({"const": *name, "title": *title}))
        .collect();
    object.insert("oneOf".into(), choices.into());
    Schema::from(object)
}
