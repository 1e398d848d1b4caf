//! Where a value being read is and which rules apply to it: what the reader hands every type
//! it reads, and what records a `type` violation there.

use crate::provider::{ProviderSet, Target};
use crate::report::Code;
use crate::report::message::Message;
use crate::report::path::Path;
use crate::validate::field_rule::{FieldRule, record_cleared, record_null};
use crate::validate::recorder::Recorder;

/// Where a value being read is, and which rules apply to it.
pub struct Reading<'a, S: 'static, R> {
    /// The view it is checked for.
    pub view: Target<S>,
    /// Where it is.
    pub at: &'a Path<'a>,
    /// Where violations go.
    pub recorder: &'a mut R,
    /// The rule of the field this is the value of; `None` for the document and for the items of
    /// lists and maps. A field's null, emptiness and string rules come from it.
    pub field: Option<&'a FieldRule<S>>,
    /// Whether the value is a merge patch (RFC 7396) of the one it replaces: an object model's
    /// absent fields stay as they are and `null` clears a field. The items of a list, the
    /// values of a map and the variants of a tagged enum are whole values.
    pub merge: bool,
}

impl<'a, S: ProviderSet, R: Recorder> Reading<'a, S, R> {
    /// The reading of a value that is not a field's (the document, a list item, a map value).
    pub fn item(view: Target<S>, at: &'a Path<'a>, recorder: &'a mut R) -> Self {
        Reading {
            view,
            at,
            recorder,
            field: None,
            merge: false,
        }
    }

    /// The reading of a document that is a merge patch (see [`Reading::merge`]).
    pub(crate) fn patch(view: Target<S>, at: &'a Path<'a>, recorder: &'a mut R) -> Self {
        Reading {
            merge: true,
            ..Reading::item(view, at, recorder)
        }
    }

    /// Records what `null` means for the field being read: a violation where the view requires
    /// the field (`required`, or in a merge patch `cleared`); nothing otherwise.
    pub(crate) fn null_field(&mut self) {
        if let Some(rule) = self.field {
            if self.merge {
                record_cleared(rule, self.view, self.at, self.recorder);
            } else {
                record_null(rule, self.view, self.at, self.recorder);
            }
        }
    }

    /// The reading of a value below this one, at `at`: an item, not a field.
    pub(crate) fn below<'b>(&'b mut self, at: &'b Path<'b>) -> Reading<'b, S, R> {
        Reading::item(self.view, at, &mut *self.recorder)
    }

    /// Records a `type` violation here.
    pub fn wrong_type(&mut self, expected: &'static str, found: &'static str) {
        self.recorder
            .record(self.at, Code::Type, Message::Type { expected, found });
    }

    /// Records a `type` violation at `at`, below this value.
    pub(crate) fn wrong_type_at(
        &mut self,
        at: &Path<'_>,
        expected: &'static str,
        found: &'static str,
    ) {
        self.recorder
            .record(at, Code::Type, Message::Type { expected, found });
    }
}
