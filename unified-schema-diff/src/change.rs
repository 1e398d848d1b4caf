//! What `diff` reports: each change with its stable code, where it is, which way it moves the
//! set of documents a schema accepts, and how much that matters to whom.

use serde::Serialize;
use serde_json::Value;

/// How much a change matters, in the order `--fail-on` compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Level {
    /// Nothing a client did before stops working.
    Info,
    /// A client may need care: a reader meets a value it did not know, or the rules cannot
    /// decide.
    Warn,
    /// Breaking: a request a client sent before is refused, or an answer it read before may
    /// now be one it cannot read.
    Err,
}

impl Level {
    /// `ERR`, `WARN` or `INFO`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "INFO",
            Level::Warn => "WARN",
            Level::Err => "ERR",
        }
    }

    /// The level from `ERR`, `WARN` or `INFO` (any case).
    pub fn parse(text: &str) -> Option<Level> {
        match text.to_ascii_uppercase().as_str() {
            "ERR" | "ERROR" => Some(Level::Err),
            "WARN" | "WARNING" => Some(Level::Warn),
            "INFO" => Some(Level::Info),
            _ => None,
        }
    }
}

/// Who is hurt when a schema accepts less or more: a request part is written by clients, a
/// response is read by them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// A request body, query or header: accepting less breaks the clients that send it.
    Request,
    /// A response: accepting more breaks the clients that read it.
    Response,
}

/// Which way a change moves the set of documents a schema accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// The new schema accepts no document the old one refused, and refuses some it accepted.
    Narrower,
    /// The new schema accepts every document the old one did, and some more.
    Wider,
    /// The rules cannot tell (a pattern changed, a check only code expresses).
    Unknown,
}

/// What kind of change it is: a stable code, the same from one release to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A provider's schemas are gone.
    ProviderRemoved,
    /// A provider's schemas are new.
    ProviderAdded,
    /// An operation is gone (for a provider, or from a document).
    OperationRemoved,
    /// An operation is new.
    OperationAdded,
    /// A part (body, query, response) of an operation is gone.
    PartRemoved,
    /// A part of an operation is new.
    PartAdded,
    /// A field is no longer listed.
    PropertyRemoved,
    /// A field is newly listed.
    PropertyAdded,
    /// A field is newly required.
    RequiredAdded,
    /// A field is no longer required (for a response: no longer guaranteed).
    RequiredRemoved,
    /// A type is no longer allowed.
    TypeNarrowed,
    /// A type is newly allowed.
    TypeWidened,
    /// A value is no longer allowed, or the values are newly listed.
    ValueRemoved,
    /// A value is newly allowed, or the values are no longer listed.
    ValueAdded,
    /// A length, count or bound is tighter, or new.
    LimitTightened,
    /// A length, count or bound is looser, or gone.
    LimitLoosened,
    /// A pattern is new.
    PatternAdded,
    /// A pattern is gone.
    PatternRemoved,
    /// A pattern is another one.
    PatternChanged,
    /// A format is new.
    FormatAdded,
    /// A format is gone.
    FormatRemoved,
    /// A format is another one.
    FormatChanged,
    /// Fields beyond the listed ones are no longer taken.
    AdditionalPropertiesClosed,
    /// Fields beyond the listed ones are now taken.
    AdditionalPropertiesOpened,
    /// A combined constraint (an `allOf` member, such as what a provider's API needs) is new.
    ConstraintAdded,
    /// A combined constraint is gone.
    ConstraintRemoved,
    /// A check that only code expresses is new, gone or changed.
    CustomCheckChanged,
    /// Keywords the rules do not compare changed.
    SchemaChanged,
}

impl Code {
    /// The code as reports print it: `required-added`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::ProviderRemoved => "provider-removed",
            Code::ProviderAdded => "provider-added",
            Code::OperationRemoved => "operation-removed",
            Code::OperationAdded => "operation-added",
            Code::PartRemoved => "part-removed",
            Code::PartAdded => "part-added",
            Code::PropertyRemoved => "property-removed",
            Code::PropertyAdded => "property-added",
            Code::RequiredAdded => "required-added",
            Code::RequiredRemoved => "required-removed",
            Code::TypeNarrowed => "type-narrowed",
            Code::TypeWidened => "type-widened",
            Code::ValueRemoved => "value-removed",
            Code::ValueAdded => "value-added",
            Code::LimitTightened => "limit-tightened",
            Code::LimitLoosened => "limit-loosened",
            Code::PatternAdded => "pattern-added",
            Code::PatternRemoved => "pattern-removed",
            Code::PatternChanged => "pattern-changed",
            Code::FormatAdded => "format-added",
            Code::FormatRemoved => "format-removed",
            Code::FormatChanged => "format-changed",
            Code::AdditionalPropertiesClosed => "additional-properties-closed",
            Code::AdditionalPropertiesOpened => "additional-properties-opened",
            Code::ConstraintAdded => "constraint-added",
            Code::ConstraintRemoved => "constraint-removed",
            Code::CustomCheckChanged => "custom-check-changed",
            Code::SchemaChanged => "schema-changed",
        }
    }

    /// How much a change of this code with `effect` matters to clients on `side`.
    ///
    /// A request part that accepts less breaks the clients sending it; a response that accepts
    /// more can break the clients reading it. A reader meeting a new allowed value or a looser
    /// limit gets a warning rather than an error: a tolerant reader copes, a generated
    /// exhaustive type does not. What the rules cannot decide is a warning on either side.
    /// Removing a provider, an operation or a part breaks its clients whichever side it is on.
    pub fn level(self, effect: Effect, side: Side) -> Level {
        match (self, effect, side) {
            (Code::ProviderRemoved | Code::OperationRemoved | Code::PartRemoved, _, _) => {
                Level::Err
            }
            (_, Effect::Unknown, _) => Level::Warn,
            (_, Effect::Narrower, Side::Request) => Level::Err,
            (_, Effect::Wider, Side::Response) if self.tolerable_for_readers() => Level::Warn,
            (_, Effect::Wider, Side::Response) => Level::Err,
            _ => Level::Info,
        }
    }

    /// Whether a reader that ignores what it does not know copes with this widening.
    fn tolerable_for_readers(self) -> bool {
        matches!(
            self,
            Code::ValueAdded
                | Code::LimitLoosened
                | Code::PatternRemoved
                | Code::FormatRemoved
                | Code::PropertyAdded
                | Code::AdditionalPropertiesOpened
                | Code::PartAdded
        )
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Where a change is: the file or document, and what it describes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Place {
    /// The file, relative to the tree (`ticketing/users/dixa/create.body.json`), or the
    /// document's path.
    pub file: String,
    /// The provider's id, or `unified`.
    pub view: String,
    /// The model (`ticketing/users`), or for a document the route (`POST /unified/...`).
    pub model: String,
    /// The operation (`create`).
    pub operation: String,
    /// `body`, `query`, `response` or, in a document, `header`.
    pub part: String,
}

/// One change between the old and the new schemas.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// Where it is.
    #[serde(flatten)]
    pub place: Place,
    /// A JSON pointer into the schema: into the new one, or the old one for what is gone.
    pub pointer: String,
    /// Its stable code.
    pub code: Code,
    /// Which way it moves what the schema accepts.
    pub effect: Effect,
    /// Who is hurt by a narrowing or a widening.
    pub side: Side,
    /// How much it matters.
    pub level: Level,
    /// What changed, in words.
    pub message: String,
    /// A document the old schema accepts and the new one refuses, when the change breaks a
    /// request part (or an unknown change turns out to): the break, shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
}
