//! The unified API's contract for its routes, which the gateway serves and the documents
//! describe, declared once here: what every route needs of its query (a format it serves,
//! fields it may leave out), the media type of a raw answer, the statuses an operation fails
//! with, and the headers that pass a provider's rate limit on.

use unified_adapter::Need;
use unified_core::conventions::ResponseFormat;
use unified_core::{Operation, Part, ProviderSet, Target};

/// The statuses an operation answers with when it fails.
pub const FAILURE_STATUSES: [u16; 12] =
    [400, 401, 404, 408, 413, 415, 429, 500, 501, 502, 503, 504];

/// The statuses the HTTP layer answers before any route sees the request, with no body and
/// none of the gateway's headers.
pub const HTTP_LAYER_STATUSES: [u16; 2] = [TARGET_TOO_LONG, HEAD_TOO_LARGE];

/// The HTTP layer's answer to a request target (path and query) over [`MAX_TARGET_LEN`] bytes.
pub const TARGET_TOO_LONG: u16 = 414;

/// The HTTP layer's answer to a request head (request line and headers) of [`MAX_HEAD_LEN`]
/// bytes or more.
pub const HEAD_TOO_LARGE: u16 = 431;

/// The longest request target (path and query) the HTTP layer reads, in bytes: hyper's fixed
/// limit.
pub const MAX_TARGET_LEN: usize = 65_534;

/// The size in bytes at which the HTTP layer stops reading a request head: the read buffer the
/// gateway gives each connection.
pub const MAX_HEAD_LEN: usize = 417_792;

/// The status a provider's refusal for its rate limit is passed on with: the provider did not
/// act, and the gateway does not retry.
pub const RATE_LIMITED: u16 = 429;

/// The header of the requests the provider's window allows (the IETF draft's `RateLimit-Limit`),
/// on answers after a call to a provider that tells it.
pub const RATELIMIT_LIMIT: &str = "ratelimit-limit";

/// The header of the requests left in the provider's window (`RateLimit-Remaining`).
pub const RATELIMIT_REMAINING: &str = "ratelimit-remaining";

/// The header of the seconds until the provider's window resets (`RateLimit-Reset`).
pub const RATELIMIT_RESET: &str = "ratelimit-reset";

/// The header of a [`RATE_LIMITED`] answer that says how many seconds to wait, when the
/// provider said.
pub const RETRY_AFTER: &str = "Retry-After";

/// The header that names a request: the client's (when usable) or one the gateway makes, on
/// every answer, on the call to the provider and on every log line of the request.
pub const REQUEST_ID: &str = "x-request-id";

/// The longest client [`REQUEST_ID`] taken as is; a longer one is replaced.
pub const MAX_REQUEST_ID_LEN: usize = 128;

/// The punctuation a client [`REQUEST_ID`] may hold besides ASCII letters and digits.
pub const REQUEST_ID_PUNCTUATION: &str = "-_.:/+=";

/// Whether a client's [`REQUEST_ID`] is taken as is: 1 to [`MAX_REQUEST_ID_LEN`] characters that
/// cannot break a log line or a header (letters, digits and [`REQUEST_ID_PUNCTUATION`]). Any
/// other id is replaced by one the gateway makes, not refused.
pub fn is_usable_request_id(id: &[u8]) -> bool {
    !id.is_empty()
        && id.len() <= MAX_REQUEST_ID_LEN
        && id.iter().all(|byte| {
            byte.is_ascii_alphanumeric() || REQUEST_ID_PUNCTUATION.as_bytes().contains(byte)
        })
}

/// The header by which a client makes a write safe to repeat: the first request with a key is
/// dispatched and its answer kept; a repeat of the same request gets that answer again.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// The longest [`IDEMPOTENCY_KEY`] taken, in bytes; a key is visible ASCII characters and
/// spaces.
pub const MAX_KEY_LEN: usize = 255;

/// The rule of [`is_idempotency_key`] as the documents state it (with a length of 1 to
/// [`MAX_KEY_LEN`]): printable ASCII, at least one character other than a space.
pub const IDEMPOTENCY_KEY_PATTERN: &str = "^[ -~]*[!-~][ -~]*$";

/// Whether `key` is an [`IDEMPOTENCY_KEY`] the gateway takes: 1 to [`MAX_KEY_LEN`] visible ASCII
/// characters and spaces, not only spaces. Anything else is refused with a 400.
pub fn is_idempotency_key(key: &str) -> bool {
    key.len() <= MAX_KEY_LEN
        && key
            .bytes()
            .all(|byte| byte.is_ascii_graphic() || byte == b' ')
        && key.bytes().any(|byte| byte.is_ascii_graphic())
}

/// The header on an answer that was kept for an [`IDEMPOTENCY_KEY`] and is given again.
pub const IDEMPOTENT_REPLAYED: &str = "Idempotent-Replayed";

/// The statuses a write with an [`IDEMPOTENCY_KEY`] may also fail with: 409 while the first
/// request with the key is in flight, 422 for another request under a key already used.
pub const KEYED_WRITE_STATUSES: [u16; 2] = [409, 422];

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
    RouteNeedsOf(operation.name()).to_string()
}

/// [`route_needs_of`] the operation of this name, written only when shown: what a check of
/// the needs is given, so that a request that keeps them formats no name.
pub struct RouteNeedsOf(pub &'static str);

impl core::fmt::Display for RouteNeedsOf {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "this gateway's {}", self.0)
    }
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
