//! A document checked against a model, whole or as a merge patch, from a parsed document or
//! from its text: what the model trait's checking methods share.

use crate::provider::{ProviderSet, Target};
use crate::report::{Code, Report, ValidationError, json_error, parse_json};
use crate::validate::document::Document;
use crate::validate::field_value::FieldValue;
use crate::validate::mode::Check;
use crate::validate::read::{numbers_arrive_as_maps, read_document, read_text};
use crate::validate::recorder::{AllFailures, FirstFailure, Recorder};
use crate::validate::value_input::{MAX_DEPTH, Stopped, ValueInput};

/// How a document stands to the model: a whole value of it, or a merge patch (RFC 7396) of one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum As {
    /// A whole value: every field a view requires is there.
    Whole,
    /// A merge patch: absent fields stay as they are, `null` clears one.
    Patch,
}

impl As {
    fn merge(self) -> bool {
        self == As::Patch
    }
}

/// Every violation of `value`, read as `read_as`, for `view`.
pub(crate) fn report_of_value<S: ProviderSet, T: FieldValue<S>>(
    value: &impl Document,
    view: Target<S>,
    read_as: As,
) -> Report {
    let mut recorder = AllFailures::default();
    let input = ValueInput::new(value);
    match read_document::<S, T, Check, _, _>(input, view, &mut recorder, read_as.merge()) {
        Err(Stopped::TooDeep) => Report::from_errors(vec![too_deep()]),
        _ => recorder.into_report(),
    }
}

/// Whether `value`, read as `read_as`, is valid for `view`; stops at the first violation.
#[inline]
pub(crate) fn value_is_valid<S: ProviderSet, T: FieldValue<S>>(
    value: &impl Document,
    view: Target<S>,
    read_as: As,
) -> bool {
    // A document of a kind the type never takes is refused here, before the reader is set up.
    if T::OBJECTS_ONLY && !value.is_object() {
        return false;
    }
    read_is_valid::<S, T>(value, view, read_as)
}

/// [`value_is_valid`] once the document is of a kind the type may take.
#[inline(never)]
fn read_is_valid<S: ProviderSet, T: FieldValue<S>>(
    value: &impl Document,
    view: Target<S>,
    read_as: As,
) -> bool {
    let mut recorder = FirstFailure::default();
    let input = ValueInput::new(value);
    read_document::<S, T, Check, _, _>(input, view, &mut recorder, read_as.merge()).is_ok()
        && !recorder.failed()
}

/// Every violation of the JSON `text`, read as `read_as`, for `view`, in one pass (parsed first
/// where numbers arrive as maps).
pub(crate) fn report_of_text<S: ProviderSet, T: FieldValue<S>>(
    text: &[u8],
    view: Target<S>,
    read_as: As,
) -> Report {
    if numbers_arrive_as_maps() {
        return match serde_json::from_slice::<crate::json::Value>(text) {
            Ok(value) => report_of_value::<S, T>(&value, view, read_as),
            Err(error) => Report::from_errors(vec![json_error(&error)]),
        };
    }
    let mut recorder = AllFailures::default();
    match read_text::<S, T, Check, _>(text, view, &mut recorder, read_as.merge()) {
        Ok(()) => recorder.into_report(),
        Err(error) => Report::from_errors(vec![json_error(&error)]),
    }
}

/// Whether the JSON `text`, read as `read_as`, is valid for `view`; stops at the first
/// violation. Text that is not JSON is not valid.
pub(crate) fn text_is_valid<S: ProviderSet, T: FieldValue<S>>(
    text: &[u8],
    view: Target<S>,
    read_as: As,
) -> bool {
    if numbers_arrive_as_maps() {
        return parse_json(text).is_ok_and(|value| value_is_valid::<S, T>(&value, view, read_as));
    }
    let mut recorder = FirstFailure::default();
    read_text::<S, T, Check, _>(text, view, &mut recorder, read_as.merge()).is_ok()
        && !recorder.failed()
}

/// The violation of a `Value` nested deeper than JSON text may be.
pub(crate) fn too_deep() -> ValidationError {
    ValidationError::new(
        "",
        Code::Json,
        format!("nests arrays and objects more than {MAX_DEPTH} levels deep"),
    )
}
