//! Reading a JSON request body within the gateway's limits: declared JSON (415 otherwise), at
//! most the body limit (413), all in within the body timeout (408, and the connection closes).
//! The gateway's create route and the [`Validated`](crate::Validated) extractor share it.

use axum::body::Body;
use axum::http::{HeaderMap, header};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::config::GatewayConfig;
use crate::failure::Failure;

/// The whole body, once its headers declare JSON, within `limits`' body limit and body
/// timeout.
pub async fn read_json(
    headers: &HeaderMap,
    body: Body,
    limits: &GatewayConfig,
) -> Result<bytes::Bytes, Failure> {
    check_json_content_type(headers)?;
    let (limit, timeout) = (limits.body_limit, limits.body_timeout);
    let read = tokio::time::timeout(timeout, Limited::new(body, limit).collect()).await;
    match read {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(error)) if error.downcast_ref::<LengthLimitError>().is_some() => {
            Err(Failure::TooLarge { limit })
        }
        Ok(Err(_)) => Err(Failure::Unreadable),
        Err(_) => Err(Failure::TooSlow {
            seconds: timeout.as_secs_f64(),
        }),
    }
}

/// 415 unless the body is declared JSON (`application/json` or any `+json` type).
fn check_json_content_type(headers: &HeaderMap) -> Result<(), Failure> {
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let essence = declared
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
    {
        Ok(())
    } else {
        Err(Failure::NotJson)
    }
}
