//! The result of validating a document: every violation, each with a stable code, a JSON
//! pointer and a message for people.

use core::fmt;
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use path::{Path, last_segment};
use rendered::{Part, Rendered};

pub(crate) mod message;
pub(crate) mod params;
pub(crate) mod path;
pub(crate) mod rendered;
pub(crate) mod text;

pub use message::Message;
pub use params::Params;
pub use path::{pointer_segments, push_pointer_segment, unescape_segment};
pub use text::ReportText;

/// The kind of a violation; its snake_case name is the stable, machine-readable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Code {
    /// The value has the wrong JSON type.
    Type,
    /// A property that is not a field of the model.
    Unknown,
    /// A field of the model that the provider does not accept.
    Unsupported,
    /// A field the provider needs is absent or null.
    Required,
    /// A merge patch sets a field the provider needs to null (clears it).
    Cleared,
    /// A field the provider needs is an empty string or an empty array.
    Empty,
    /// A value outside the allowed values.
    Enum,
    /// A string that is not of the field's format.
    Format,
    /// The document could not be read at all (malformed JSON or query string).
    Json,
    /// A string shorter than the field's `min_length`.
    MinLength,
    /// A string longer than the field's `max_length`.
    MaxLength,
    /// A list with fewer items than the field's `min_items`.
    MinItems,
    /// A list with more items than the field's `max_items`.
    MaxItems,
    /// A number below the field's `minimum`.
    Minimum,
    /// A number above the field's `maximum`.
    Maximum,
    /// A number not above the field's `exclusive_minimum`.
    ExclusiveMinimum,
    /// A number not below the field's `exclusive_maximum`.
    ExclusiveMaximum,
    /// A number that is not a multiple of the field's `multiple_of`.
    MultipleOf,
    /// A string in which the field's `pattern` finds no match.
    Pattern,
    /// A list that holds the same item twice, where the field's `unique_items` forbids it.
    UniqueItems,
    /// A code of the user's own, recorded by a custom check: made with [`Code::custom`].
    Custom(CustomCode),
}

/// The name of a user's own code; made only by [`Code::custom`], which checks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomCode(&'static str);

impl Code {
    /// The stable code as it appears in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::Type => "type",
            Code::Unknown => "unknown",
            Code::Unsupported => "unsupported",
            Code::Required => "required",
            Code::Cleared => "cleared",
            Code::Empty => "empty",
            Code::Enum => "enum",
            Code::Format => "format",
            Code::Json => "json",
            Code::MinLength => "min_length",
            Code::MaxLength => "max_length",
            Code::MinItems => "min_items",
            Code::MaxItems => "max_items",
            Code::Minimum => "minimum",
            Code::Maximum => "maximum",
            Code::ExclusiveMinimum => "exclusive_minimum",
            Code::ExclusiveMaximum => "exclusive_maximum",
            Code::MultipleOf => "multiple_of",
            Code::Pattern => "pattern",
            Code::UniqueItems => "unique_items",
            Code::Custom(CustomCode(name)) => name,
        }
    }

    /// A code of the user's own namespace, for custom checks: `Code::custom("billing.seats")`.
    /// The name is lowercase letters, digits, `_` and at least one `.`, which no built-in code
    /// has, so a user's code never collides with one. Checked when evaluated: make codes
    /// `const`s (`const SEATS: Code = Code::custom("billing.seats");`), so a bad name does not
    /// compile.
    pub const fn custom(name: &'static str) -> Code {
        let bytes = name.as_bytes();
        let mut dot = false;
        let mut index = 0;
        while index < bytes.len() {
            let byte = bytes[index];
            assert!(
                byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_' || byte == b'.',
                "a custom code is lowercase letters, digits, `_` and `.`"
            );
            dot |= byte == b'.';
            index += 1;
        }
        assert!(
            dot,
            "a custom code has a `.` (a namespace, as in `billing.seats`), which no built-in code has"
        );
        Code::Custom(CustomCode(name))
    }
}

impl Serialize for Code {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One violation of a model's rules.
///
/// The violations of one report share the buffer their pointers and messages are written in
/// (see [`ReportText`]), and the table of their parameters.
///
/// `message` is English. To show a violation in another language, render it from `code` and
/// `params` (see [`Message::params`] for what each code carries), never by parsing `message`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ValidationError {
    /// RFC 6901 pointer to the offending value (`""` is the whole document).
    pub pointer: ReportText,
    /// What kind of violation it is.
    pub code: Code,
    /// What is wrong, for people, in English.
    pub message: ReportText,
    /// The message's parameters as data (the allowed values, the limit, the provider), for
    /// rendering it in another language; built only when read.
    #[serde(skip_serializing_if = "Params::is_empty")]
    pub params: Params,
}

impl ValidationError {
    /// A violation at `pointer`, with no parameters.
    pub fn new(pointer: impl Into<ReportText>, code: Code, message: impl Into<ReportText>) -> Self {
        ValidationError {
            pointer: pointer.into(),
            code,
            message: message.into(),
            params: Params::default(),
        }
    }

    /// This violation with `params`.
    #[must_use]
    pub fn with_params(mut self, params: Map<String, Value>) -> Self {
        self.params = Params::from(params);
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "(document)"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {} [{}]", self.message, self.code)
    }
}

impl std::error::Error for ValidationError {}

/// Every violation found in one document; valid when there are none.
///
/// The reader records each violation as its location, code and [`Message`] parts, all pointers in
/// one buffer; the text of the messages is rendered once, the first time [`Report::errors`] (or
/// anything that shows the report) reads them. So a report that is only counted or checked for
/// validity costs no `format!`.
#[derive(Clone, Default)]
pub struct Report {
    /// Every violation's pointer, back to back.
    pointers: String,
    violations: Vec<Violation>,
    rendered: OnceLock<Vec<ValidationError>>,
}

/// One recorded violation: where its pointer ends in the report's buffer, and its parts.
#[derive(Clone, Debug)]
struct Violation {
    pointer_end: usize,
    code: Code,
    message: Message,
}

impl Report {
    /// A report with these violations.
    pub fn from_errors(errors: Vec<ValidationError>) -> Self {
        let mut report = Report::default();
        for error in &errors {
            report.pointers.push_str(&error.pointer);
            report.violations.push(Violation {
                pointer_end: report.pointers.len(),
                code: error.code,
                message: Message::Text(error.message.to_string().into()),
            });
        }
        report.rendered = OnceLock::from(errors);
        report
    }

    /// Adds a violation at `at`; writes its pointer, renders nothing.
    pub(crate) fn record(&mut self, at: &Path<'_>, code: Code, message: Message) {
        if self.violations.capacity() == 0 {
            // One allocation each for all but the longest reports, small enough (under 1 KiB)
            // for the allocator's fast path.
            self.violations.reserve(12);
            self.pointers.reserve(256);
        }
        at.write_pointer(&mut self.pointers);
        self.violations.push(Violation {
            pointer_end: self.pointers.len(),
            code,
            message,
        });
        self.rendered = OnceLock::new();
    }

    /// Whether the document broke no rule.
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }

    /// How many violations there are.
    pub fn len(&self) -> usize {
        self.violations.len()
    }

    /// Whether there are no violations (the same as [`Report::is_valid`]).
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// The codes of the violations and their pointers, in reading order, without rendering any
    /// message.
    pub fn codes(&self) -> impl ExactSizeIterator<Item = (&str, Code)> + '_ {
        let mut start = 0;
        self.violations.iter().map(move |violation| {
            let pointer = &self.pointers[start..violation.pointer_end];
            start = violation.pointer_end;
            (pointer, violation.code)
        })
    }

    /// The violations, in the order the document was read, with their messages rendered
    /// (once, on the first call).
    pub fn errors(&self) -> &[ValidationError] {
        self.rendered.get_or_init(|| self.render())
    }

    /// The violations, by value: rendered here when they were not yet, without keeping them.
    pub fn into_errors(mut self) -> Vec<ValidationError> {
        self.rendered.take().unwrap_or_else(|| self.render())
    }

    /// The violations with their messages rendered: every pointer and message in one buffer,
    /// which the violations share with their messages' parts.
    fn render(&self) -> Vec<ValidationError> {
        let count = self.violations.len();
        if count == 0 {
            return Vec::new();
        }
        // Room for the longest usual messages ("did you mean"), so that the buffer is not
        // grown as they are written.
        let mut text = String::with_capacity(self.pointers.len() + 64 * count);
        text.push_str(&self.pointers);
        let mut parts = Vec::with_capacity(count);
        for ((pointer, _), violation) in self.codes().zip(&self.violations) {
            let message = &violation.message;
            let suggestion = message.suggestion(&last_segment(pointer));
            message.write_with(suggestion, &mut text);
            parts.push(Part {
                message: message.clone(),
                suggestion,
                text_end: text.len(),
            });
        }
        let block = Arc::new(Rendered {
            text,
            parts,
            maps: OnceLock::new(),
        });
        let (mut pointer_start, mut message_start) = (0, self.pointers.len());
        let errors = self.violations.iter().zip(block.parts.iter()).enumerate();
        errors
            .map(|(index, (violation, part))| {
                let error = ValidationError {
                    pointer: ReportText::piece(&block, pointer_start..violation.pointer_end),
                    code: violation.code,
                    message: ReportText::piece(&block, message_start..part.text_end),
                    params: Params::at(&block, index),
                };
                (pointer_start, message_start) = (violation.pointer_end, part.text_end);
                error
            })
            .collect()
    }
}

impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        self.errors() == other.errors()
    }
}

impl Eq for Report {}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.errors()).finish()
    }
}

impl Serialize for Report {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        serializer.collect_seq(self.errors())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_valid() {
            return f.write_str("valid");
        }
        for (i, error) in self.errors().iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// Parses JSON text; text that is not JSON is the one `json` violation, with line and column.
pub fn parse_json(text: &[u8]) -> Result<Value, ValidationError> {
    serde_json::from_slice(text).map_err(|error| json_error(&error))
}

/// The one violation for text that is not JSON, with serde's line and column.
pub(crate) fn json_error(error: &serde_json::Error) -> ValidationError {
    ValidationError::new("", Code::Json, format!("malformed JSON: {error}"))
}

#[cfg(test)]
mod tests {
    use super::Report;
    use crate::report::message::Message;
    use crate::report::path::Path;
    use crate::report::path::last_segment;
    use crate::report::{Code, ValidationError};

    #[test]
    fn renders_messages_once_read_and_keeps_walk_order() {
        let mut report = Report::default();
        let root = Path::Root;
        let odd = root.key("a/b~c");
        report.record(&odd, Code::Required, Message::Required { by: None });
        report.record(&root, Code::Type, Message::text("whole"));
        assert_eq!(report.len(), 2);
        assert_eq!(
            report.codes().collect::<Vec<_>>(),
            [("/a~1b~0c", Code::Required), ("", Code::Type)]
        );
        assert_eq!(
            report.errors(),
            [
                ValidationError::new("/a~1b~0c", Code::Required, "is required"),
                ValidationError::new("", Code::Type, "whole"),
            ]
        );
        let copy = Report::from_errors(report.clone().into_errors());
        assert_eq!(copy, report);
        assert_eq!(copy.codes().count(), 2);
    }

    #[test]
    fn recording_after_reading_renders_again() {
        let mut report = Report::default();
        report.record(&Path::Root, Code::Json, Message::text("one"));
        assert_eq!(report.errors().len(), 1);
        report.record(&Path::Root, Code::Json, Message::text("two"));
        assert_eq!(report.errors().len(), 2);
    }

    /// A rendered report is one allocation of its violations: a dozen of them, and one more,
    /// stay under the 1 KiB where glibc's allocator leaves its per-size caches for its slower
    /// bins.
    #[test]
    fn thirteen_violations_fit_in_a_kibibyte() {
        assert!(
            13 * size_of::<ValidationError>() <= 1024,
            "{} bytes per violation",
            size_of::<ValidationError>()
        );
    }

    #[test]
    fn last_key_unescapes() {
        assert_eq!(last_segment(""), "");
        assert_eq!(last_segment("/emails/0"), "0");
        assert_eq!(last_segment("/a~1b~0c"), "a/b~c");
        assert_eq!(last_segment("/x/~01"), "~1");
    }
}
