//! The result of validating a document: every violation, each with a stable code, a JSON
//! pointer and a message for people.

use core::fmt;

use serde::Serialize;

/// The kind of a violation; its snake_case name is the stable, machine-readable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
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
    /// A field the provider needs is an empty string or an empty array.
    Empty,
    /// A value outside the allowed values.
    Enum,
    /// A string that is not of the field's format.
    Format,
    /// The document could not be read at all (malformed JSON or query string).
    Json,
}

impl Code {
    /// The stable code as it appears in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::Type => "type",
            Code::Unknown => "unknown",
            Code::Unsupported => "unsupported",
            Code::Required => "required",
            Code::Empty => "empty",
            Code::Enum => "enum",
            Code::Format => "format",
            Code::Json => "json",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One violation of a model's rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ValidationError {
    /// RFC 6901 pointer to the offending value (`""` is the whole document).
    pub pointer: String,
    /// What kind of violation it is.
    pub code: Code,
    /// What is wrong, for people.
    pub message: String,
}

impl ValidationError {
    /// A violation at `pointer`.
    pub fn new(pointer: impl Into<String>, code: Code, message: impl Into<String>) -> Self {
        ValidationError {
            pointer: pointer.into(),
            code,
            message: message.into(),
        }
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Report {
    errors: Vec<ValidationError>,
}

impl Report {
    /// A report with these violations.
    pub fn from_errors(errors: Vec<ValidationError>) -> Self {
        Report { errors }
    }

    /// Whether the document broke no rule.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The violations, in the order the document was walked.
    pub fn errors(&self) -> &[ValidationError] {
        &self.errors
    }

    /// The violations, by value.
    pub fn into_errors(self) -> Vec<ValidationError> {
        self.errors
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.errors.is_empty() {
            return f.write_str("valid");
        }
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}
