//! The model trait: what `#[derive(UnifiedModel)]` gives a struct.

use serde::Serialize;

use crate::patch::PatchOf;
use crate::provider::{ProviderSet, ProviderType, Target};
use crate::report::{Code, Report, ValidationError, json_error, parse_json};
use crate::schema::{self, Schema};
use crate::validate::check::too_deep;
use crate::validate::check::{As, report_of_text, report_of_value, text_is_valid, value_is_valid};
use crate::validate::document::Document;
use crate::validate::field_value::FieldValue;
use crate::validate::mode::Build;
use crate::validate::object::ObjectModel;
use crate::validate::read::{numbers_arrive_as_maps, read_document, read_text};
use crate::validate::recorder::AllFailures;
use crate::validate::value_input::{Stopped, ValueInput};
use crate::view::{FieldView, ValidationProof, ViewOf, seal};

/// A unified model: one struct whose fields carry, per provider of the set `S`, whether they are
/// supported and required. Validation, schemas and coverage all come from that one description.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a unified model for this provider set",
    note = "add `#[derive(UnifiedModel)]` to `{Self}`, naming providers of this set"
)]
pub trait UnifiedModel<S: ProviderSet>: ObjectModel<S> + FieldValue<S> + Sized {
    /// Every violation of the model's rules by `value` for `view` (a provider or the unified
    /// target), in the order `value` lists its members (see [`Document`]). The same engine that
    /// reads JSON text reads the value, through its deserializer.
    fn validate(value: &impl Document, view: impl Into<Target<S>>) -> Report {
        report_of_value::<S, Self>(value, view.into(), As::Whole)
    }

    /// Whether `value` is valid for `view`; stops at the first violation and allocates nothing.
    #[inline]
    fn is_valid(value: &impl Document, view: impl Into<Target<S>>) -> bool {
        value_is_valid::<S, Self>(value, view.into(), As::Whole)
    }

    /// Every violation of the model's rules by a value of the model's own struct, for `view`,
    /// with `None` as absent: what a Rust client holds before it sends it. Serializing a struct
    /// writes a `None` as `null` unless the field has `skip_serializing_if`, and `null` for a
    /// field a provider does not take would be refused as `unsupported`; here every `null`
    /// member of an object is left out first (a `null` and an absent member mean the same to
    /// every other rule).
    fn validate_value(&self, view: impl Into<Target<S>>) -> Report
    where
        Self: serde::Serialize,
    {
        match crate::json::to_value(self) {
            Ok(mut value) => {
                drop_null_members(&mut value);
                Self::validate(&value, view)
            }
            Err(_) => Report::from_errors(vec![ValidationError::new(
                "",
                Code::Json,
                "the value could not be written as JSON",
            )]),
        }
    }

    /// Parses JSON text and validates it, violations in the order the text lists members;
    /// malformed JSON is one violation with code `json`.
    fn validate_json(text: &[u8], view: impl Into<Target<S>>) -> Report {
        match serde_json::from_slice::<crate::json::Value>(text) {
            Ok(value) => Self::validate(&value, view),
            Err(error) => Report::from_errors(vec![json_error(&error)]),
        }
    }

    /// Every violation of the model's rules by the JSON `text` for `view`, read and checked in
    /// one pass without building a `Value`. Gives the report [`UnifiedModel::validate_json`]
    /// gives, except that a property repeated in one object is checked each time it appears
    /// (parsing keeps only its last value). Text that is not JSON is the one `json` violation, as
    /// the parse reports it: values the model does not look into (free-form ones, unknown or
    /// unsupported fields) are still read in full and held to JSON's rules. If `serde_json` is
    /// built with `arbitrary_precision`, this parses into a `Value` and reads that.
    fn validate_slice(text: &[u8], view: impl Into<Target<S>>) -> Report {
        report_of_text::<S, Self>(text, view.into(), As::Whole)
    }

    /// Whether the JSON `text` is valid for `view`, read and checked in one pass; stops at the
    /// first violation. Text that is not JSON is not valid.
    fn is_valid_slice(text: &[u8], view: impl Into<Target<S>>) -> bool {
        text_is_valid::<S, Self>(text, view.into(), As::Whole)
    }

    /// The model's value from JSON `text`, validated for `view` and deserialized in the same
    /// pass; on any violation, the report [`UnifiedModel::validate_slice`] gives, every error.
    /// A number that JSON Schema counts as an integer but an `i64` field cannot hold is one more
    /// violation here, since there is no value to give.
    fn from_slice(text: &[u8], view: impl Into<Target<S>>) -> Result<Self, Report> {
        if numbers_arrive_as_maps() {
            let value = parse_json(text).map_err(|error| Report::from_errors(vec![error]))?;
            return Self::from_value(&value, view);
        }
        let mut recorder = AllFailures::default();
        match read_text::<S, Self, Build, _>(text, view.into(), &mut recorder, false) {
            Ok(built) => built_or_report(built, recorder),
            Err(error) => Err(Report::from_errors(vec![json_error(&error)])),
        }
    }

    /// The model's value from a `Value`, validated for `view` in the same pass (see
    /// [`UnifiedModel::from_slice`]).
    fn from_value(value: &impl Document, view: impl Into<Target<S>>) -> Result<Self, Report> {
        let mut recorder = AllFailures::default();
        let input = ValueInput::new(value);
        match read_document::<S, Self, Build, _, _>(input, view.into(), &mut recorder, false) {
            Err(Stopped::TooDeep) => Err(Report::from_errors(vec![too_deep()])),
            built => built_or_report(built.ok().flatten(), recorder),
        }
    }

    /// The model's view for the provider `P` (`<Model>For<Provider>`: a field `P` requires is a
    /// value, one it supports an `Option`, one it does not take holds [`NotTaken`](crate::NotTaken)) from JSON text,
    /// validated and deserialized in one pass; on any violation, every error, as
    /// [`UnifiedModel::from_slice`] reports them. The only way to make a view from text.
    fn view_from_slice<P>(text: &[u8]) -> Result<ViewOf<Self, P>, Report>
    where
        P: ProviderType<Set = S>,
        Self: FieldView<P>,
    {
        sealed(Self::from_slice(text, P::PROVIDER)?)
    }

    /// The model's view for the provider `P` from a `Value`, validated in the same pass (see
    /// [`UnifiedModel::view_from_slice`]).
    fn view_from_value<P>(value: &impl Document) -> Result<ViewOf<Self, P>, Report>
    where
        P: ProviderType<Set = S>,
        Self: FieldView<P>,
    {
        sealed(Self::from_value(value, P::PROVIDER)?)
    }

    /// Every violation of `value` as a merge patch (RFC 7396, what an update sends) of the
    /// model for `view`: a member that is absent leaves its field as it is, `null` clears it
    /// (refused as `cleared` where `view` requires the field), an object model's members merge
    /// one by one, and a list, a map or a tagged enum replaces the old value whole. Every value
    /// that is set keeps every rule of its field; setting a field `view` does not take is
    /// `unsupported`. The model's own checks (`#[unified(check = ...)]` on the model) need the
    /// whole model and are not run; its fields' checks are.
    fn validate_patch(value: &impl Document, view: impl Into<Target<S>>) -> Report {
        report_of_value::<S, Self>(value, view.into(), As::Patch)
    }

    /// Whether `value` is a valid merge patch of the model for `view` (see
    /// [`UnifiedModel::validate_patch`]); stops at the first violation.
    fn is_valid_patch(value: &impl Document, view: impl Into<Target<S>>) -> bool {
        value_is_valid::<S, Self>(value, view.into(), As::Patch)
    }

    /// Every violation of the JSON `text` as a merge patch of the model for `view` (see
    /// [`UnifiedModel::validate_patch`]), read and checked in one pass as
    /// [`UnifiedModel::validate_slice`] reads.
    fn validate_patch_slice(text: &[u8], view: impl Into<Target<S>>) -> Report {
        report_of_text::<S, Self>(text, view.into(), As::Patch)
    }

    /// Whether the JSON `text` is a valid merge patch of the model for `view`, read in one
    /// pass; stops at the first violation.
    fn is_valid_patch_slice(text: &[u8], view: impl Into<Target<S>>) -> bool {
        text_is_valid::<S, Self>(text, view.into(), As::Patch)
    }

    /// The model's merge patch for the provider `P` (`<Model>PatchFor<Provider>`: a field `P`
    /// requires is an `Option`, left or set; one it supports a [`Patch`](crate::Patch), left,
    /// cleared or set; one it does not take holds [`NotTaken`](crate::NotTaken)) from JSON text, validated first; on any
    /// violation, every error, as [`UnifiedModel::validate_patch`] reports them. The only way
    /// to make a patch from text.
    fn patch_from_slice<P>(text: &[u8]) -> Result<PatchOf<Self, P>, Report>
    where
        P: ProviderType<Set = S>,
        Self: FieldView<P>,
    {
        let value: crate::json::Value = serde_json::from_slice(text)
            .map_err(|error| Report::from_errors(vec![json_error(&error)]))?;
        Self::patch_from_value::<P>(&value)
    }

    /// The model's merge patch for the provider `P` from a parsed document (see
    /// [`UnifiedModel::patch_from_slice`]); a `serde_json::Value` converts into one with
    /// `From`.
    fn patch_from_value<P>(value: &crate::json::Value) -> Result<PatchOf<Self, P>, Report>
    where
        P: ProviderType<Set = S>,
        Self: FieldView<P>,
    {
        let report = Self::validate_patch(value, P::PROVIDER);
        if !report.is_valid() {
            return Err(report);
        }
        <Self as FieldView<P>>::patch_view(value, &ValidationProof::new()).ok_or_else(|| {
            // Validation rules this out; kept as an error, not a panic.
            Report::from_errors(vec![ValidationError::new(
                "",
                Code::Type,
                "could not be read as a patch of the model",
            )])
        })
    }

    /// The standalone JSON Schema (draft 2020-12) of a merge patch of the model for `view`:
    /// what [`UnifiedModel::validate_patch`] accepts. No field is required; a field `view`
    /// requires may not be null, the others may (`null` clears them); an object model's
    /// fields are patches in turn.
    fn patch_schema_for(view: impl Into<Target<S>>) -> Schema {
        schema::document(Self::patch_schema(view.into()), Self::NAME)
    }

    /// The standalone JSON Schema (draft 2020-12) of the model for `view`.
    fn schema_for(view: impl Into<Target<S>>) -> Schema {
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
                constraints: rule
                    .constraints
                    .iter()
                    .map(|constraint| {
                        let (_, value) = constraint.rule.keyword();
                        ConstraintCoverage {
                            rule: constraint.rule.code().as_str(),
                            value,
                            providers: constraint.views.providers().map(|p| p.id()).collect(),
                        }
                    })
                    .collect(),
            })
            .collect()
    }
}

/// Which providers support and require one field of a model.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    /// Its lengths, ranges and patterns, each with the providers that enforce it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<ConstraintCoverage>,
}

/// One constraint of a field and the providers that enforce it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConstraintCoverage {
    /// The rule, as its attribute and violation code name it (`max_length`).
    pub rule: &'static str,
    /// Its value (`255`, or the pattern).
    pub value: serde_json::Value,
    /// Ids of the providers that enforce it.
    pub providers: Vec<&'static str>,
}

/// Leaves out every member whose value is `null`, at every depth.
fn drop_null_members(value: &mut crate::json::Value) {
    use crate::json::Value;
    match value {
        Value::Object(members) => {
            members.retain(|_, member| !member.is_null());
            members.values_mut().for_each(drop_null_members);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_members),
        _ => {}
    }
}

/// The view of a model validated for `P`.
pub(crate) fn sealed<P: ProviderType, M: FieldView<P>>(model: M) -> Result<M::View, Report> {
    // Validation for `P` guarantees every value `P` requires; kept as an error, not a panic.
    seal::<P, M>(model)
        .ok_or_else(|| lone_violation(Code::Required, "lacks a value the provider requires"))
}

/// A report of one violation of the whole document, for the paths validation rules out; out of
/// line, so that the paths that run are not made larger by them.
#[cold]
#[inline(never)]
fn lone_violation(code: Code, message: &'static str) -> Report {
    Report::from_errors(vec![ValidationError::new("", code, message)])
}

/// The value a read built, or the report of why there is none.
pub(crate) fn built_or_report<M>(built: Option<M>, recorder: AllFailures) -> Result<M, Report> {
    let report = recorder.into_report();
    match built {
        Some(value) if report.is_valid() => Ok(value),
        // Every path that builds nothing records why; this keeps an error rather than a panic
        // should one ever not.
        None if report.is_valid() => {
            Err(lone_violation(Code::Type, "could not be read as the model"))
        }
        _ => Err(report),
    }
}
