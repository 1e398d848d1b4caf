//! The unified API's contract for its routes, which the gateway serves and the documents
//! describe, declared once here: what every route needs of its query (a format it serves,
//! fields it may leave out), the media type of a raw answer, and the statuses an operation fails
//! with.

use unified_adapter::Need;
use unified_core::conventions::ResponseFormat;
use unified_core::{Operation, Part, ProviderSet, Target};

/// The statuses an operation answers with when it fails.
pub const FAILURE_STATUSES: [u16; 10] = [400, 401, 404, 408, 413, 415, 500, 501, 502, 504];

/// The query parameter by which a list asks for the page after another: the `next_cursor` that
/// page gave, as the reference client sends it back. A cursor is the provider's and opaque; one
/// the provider refuses (made up, changed or expired) is the client's mistake, a 400.
pub const LIST_CURSOR: &str = "next_cursor";

/// The member of a list's answer that holds the page's records, as the reference client reads
/// it; the answer's [`LIST_CURSOR`] names the next page.
pub const LIST_RESULT: &str = "result";

/// The media type of a raw answer: the provider's own JSON document.
pub const RAW_MEDIA_TYPE: &str = "application/vnd.unified.raw+json";

/// The response formats every operation serves.
pub const SERVED_FORMATS: [ResponseFormat; 3] = [
    ResponseFormat::Unified,
    ResponseFormat::Raw,
    ResponseFormat::Normalized,
];

/// Whose needs [`route_needs`] are, as messages and documents name them: "this gateway's
/// create".
pub fn route_needs_of<S: ProviderSet>(operation: &Operation<S>) -> String {
    format!("this gateway's {}", operation.name())
}

/// What an operation's route needs of the query's conventions for `view`: a format it serves,
/// and only fields the view's response does not require to be left out.
pub fn route_needs<S: ProviderSet>(operation: &Operation<S>, view: Target<S>) -> Vec<Need> {
    const NAMES: [&str; 3] = [
        SERVED_FORMATS[0].as_str(),
        SERVED_FORMATS[1].as_str(),
        SERVED_FORMATS[2].as_str(),
    ];
    vec![
        Need::among(Part::Query, "/truto_response_format", &NAMES),
        Need::among_these(
            Part::Query,
            "/truto_exclude_fields/*",
            excludable(operation, view),
        ),
    ]
}

/// The top-level fields of the response that `view` does not require.
fn excludable<S: ProviderSet>(operation: &Operation<S>, view: Target<S>) -> Vec<&'static str> {
    let schema = operation.schema(Part::Response, view).to_value();
    let required = |name: &str| {
        schema["required"]
            .as_array()
            .is_some_and(|required| required.iter().any(|member| member == name))
    };
    operation
        .coverage()
        .parts
        .response
        .iter()
        .map(|row| row.field)
        .filter(|field| !required(field))
        .collect()
}
