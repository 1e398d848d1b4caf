//! What one field of a model accepts, per view, and the checks of it that need no more than the
//! field's rule: support, null, emptiness, allowed values, format and string constraints.

use crate::format::Format;
use crate::provider::{ProviderSet, Target};
use crate::report::Code;
use crate::report::message::Message;
use crate::report::path::Path;
use crate::suggest::NameKey;
use crate::validate::constraint::{Constraint, check_text};
use crate::validate::mask::Mask;
use crate::validate::recorder::Recorder;

/// What one field of an object model accepts, per view.
pub struct FieldRule<S: 'static> {
    /// The property name in JSON (after serde's renames).
    pub name: &'static str,
    /// What a "did you mean" lookup reads of `name`, computed when the model compiles.
    pub name_key: NameKey,
    /// The label a form shows for it.
    pub title: &'static str,
    /// The targets that accept the field (always includes the unified target).
    pub supported: Mask<S>,
    /// The views that need the field present.
    pub required: Mask<S>,
    /// The views that refuse an empty string or list in it as `empty`: those that require it,
    /// unless the field allows empty values (`#[unified(allow_empty)]`).
    pub non_empty: Mask<S>,
    /// The format a string value must have.
    pub format: Option<Format>,
    /// Values a string must take for some providers.
    pub allowed: &'static [AllowedValues<S>],
    /// Lengths, ranges and patterns, each for some views.
    pub constraints: &'static [Constraint<S>],
    /// The field's doc comment.
    pub description: Option<&'static str>,
}

/// The values a string field may take for some views.
pub struct AllowedValues<S: 'static> {
    /// The views the restriction applies to.
    pub views: Mask<S>,
    /// The values allowed there.
    pub values: &'static [&'static str],
}

/// Who needs the field, for messages: `Dixa`, or `None` where every view does.
fn required_by<S: ProviderSet>(rule: &FieldRule<S>, view: Target<S>) -> Option<&'static str> {
    let everywhere = rule.required.holds_every_provider();
    view.provider()
        .filter(|_| !everywhere)
        .map(|provider| provider.name())
}

pub(crate) fn required_message<S: ProviderSet>(rule: &FieldRule<S>, view: Target<S>) -> Message {
    Message::Required {
        by: required_by(rule, view),
    }
}

/// A field the view does not accept.
pub(crate) fn record_unsupported<S: ProviderSet, R: Recorder>(
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    recorder.record(
        at,
        Code::Unsupported,
        Message::Unsupported { view: view.name() },
    );
}

/// A field set to null: a violation only where the view requires it.
pub(crate) fn record_null<S: ProviderSet, R: Recorder>(
    rule: &FieldRule<S>,
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    if rule.required.contains(view) {
        recorder.record(at, Code::Required, required_message(rule, view));
    }
}

/// A field cleared (`null`) by a merge patch: a violation only where the view requires it.
pub(crate) fn record_cleared<S: ProviderSet, R: Recorder>(
    rule: &FieldRule<S>,
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    if rule.required.contains(view) {
        recorder.record(
            at,
            Code::Cleared,
            Message::Cleared {
                by: required_by(rule, view),
            },
        );
    }
}

/// A required field whose string or array is empty.
pub(crate) fn record_empty<S: ProviderSet, R: Recorder>(
    rule: &FieldRule<S>,
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    recorder.record(
        at,
        Code::Empty,
        Message::Empty {
            by: required_by(rule, view),
        },
    );
}

/// The allowed values and the format of a string field.
#[inline(always)]
pub(crate) fn check_string<S: ProviderSet, R: Recorder>(
    rule: &FieldRule<S>,
    text: &str,
    view: Target<S>,
    at: &Path<'_>,
    recorder: &mut R,
) {
    for allowed in rule.allowed {
        if allowed.views.contains(view) && !allowed.values.contains(&text) {
            recorder.record(
                at,
                Code::Enum,
                Message::Enum {
                    values: allowed.values,
                    view: Some(view.name()),
                },
            );
        }
    }
    if let Some(format) = rule.format
        && !format.check(text)
    {
        recorder.record(at, Code::Format, Message::Format(format));
    }
    check_text(rule.constraints, text, view, at, recorder);
}
