//! The model trait: what `#[derive(UnifiedModel)]` gives a struct.

use schemars::Schema;
use serde::Serialize;
use serde_json::Value;

use crate::provider::{ProviderSet, View};
use crate::report::path::Path;
use crate::report::{Report, json_error, parse_json};
use crate::schema;
use crate::validate::object::ObjectModel;
use crate::validate::recorder::{AllFailures, FirstFailure};
use crate::validate::value::FieldValue;

/// A unified model: one struct whose fields carry, per provider of the set `S`, whether they are
/// supported and required. Validation, schemas and coverage all come from that one description.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a unified model for this provider set",
    note = "add `#[derive(UnifiedModel)]` to `{Self}`, naming providers of this set"
)]
pub trait UnifiedModel<S: ProviderSet>: ObjectModel<S> + FieldValue<S> + Sized {
    /// Every violation of the model's rules by `value` for `view` (a provider or the unified view).
    fn validate(value: &Value, view: impl Into<View<S>>) -> Report {
        let mut recorder = AllFailures::default();
        Self::check(value, view.into(), &Path::Root, &mut recorder);
        recorder.into_report()
    }

    /// Whether `value` is valid for `view`; stops at the first violation and allocates nothing.
    fn is_valid(value: &Value, view: impl Into<View<S>>) -> bool {
        let mut recorder = FirstFailure::default();
        Self::check(value, view.into(), &Path::Root, &mut recorder);
        !crate::validate::recorder::Recorder::failed(&recorder)
    }

    /// Parses JSON text and validates it; malformed JSON is one violation with code `json`.
    fn validate_json(text: &[u8], view: impl Into<View<S>>) -> Report {
        match parse_json(text) {
            Ok(value) => Self::validate(&value, view),
            Err(error) => Report::from_errors(vec![error]),
        }
    }

    /// Every violation of the model's rules by the JSON `text` for `view`, read and checked in
    /// one pass without building a `Value`. Gives the report [`UnifiedModel::validate_json`]
    /// gives, except that a property repeated in one object is checked each time it appears
    /// (parsing keeps only its last value). Text that is not JSON is the one `json` violation, as
    /// the parse reports it: values the model does not look into (free-form ones, unknown or
    /// unsupported fields) are still read in full and held to JSON's rules. If `serde_json` is
    /// built with `arbitrary_precision`, this parses into a `Value` and validates that.
    fn validate_slice(text: &[u8], view: impl Into<View<S>>) -> Report {
        if crate::validate::read::numbers_arrive_as_maps() {
            return Self::validate_json(text, view);
        }
        let mut recorder = AllFailures::default();
        match crate::validate::read::read_document::<S, Self, _>(text, view.into(), &mut recorder) {
            Ok(()) => recorder.into_report(),
            Err(error) => Report::from_errors(vec![json_error(&error)]),
        }
    }

    /// Whether the JSON `text` is valid for `view`, read and checked in one pass; stops at the
    /// first violation. Text that is not JSON is not valid.
    fn is_valid_slice(text: &[u8], view: impl Into<View<S>>) -> bool {
        if crate::validate::read::numbers_arrive_as_maps() {
            return parse_json(text).is_ok_and(|value| Self::is_valid(&value, view));
        }
        let mut recorder = FirstFailure::default();
        crate::validate::read::read_document::<S, Self, _>(text, view.into(), &mut recorder).is_ok()
            && !crate::validate::recorder::Recorder::failed(&recorder)
    }

    /// The standalone JSON Schema (draft 2020-12) of the model for `view`.
    fn schema_for(view: impl Into<View<S>>) -> Schema {
        schema::document(Self::schema(view.into()), Self::NAME)
    }

    /// Per field, the providers that support and require it.
    fn coverage() -> Vec<FieldCoverage> {
        Self::RULES
            .iter()
            .map(|rule| FieldCoverage {
                field: rule.name,
                description: rule.description,
                required: rule.required.providers().map(|p| p.id()).collect(),
                supported: rule.supported.providers().map(|p| p.id()).collect(),
            })
            .collect()
    }
}

/// Which providers support and require one field of a model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldCoverage {
    /// The property name in JSON.
    pub field: &'static str,
    /// The field's doc comment (in the Markdown table; the JSON form leaves it out).
    #[serde(skip)]
    pub description: Option<&'static str>,
    /// Ids of the providers that need the field.
    pub required: Vec<&'static str>,
    /// Ids of the providers that accept it, the required ones included.
    pub supported: Vec<&'static str>,
}
