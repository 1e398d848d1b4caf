//! Reading a JSON request body within the gateway's limits: declared JSON (415 otherwise), at
//! most the body limit (413), all in within the body timeout (408, and the connection closes).
//! The gateway's create route and the [`Validated`](crate::Validated) extractor share it.

use axum::body::{Body, HttpBody};
use axum::http::{HeaderMap, header};
use http_body_util::BodyExt;

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
    match tokio::time::timeout(timeout, read_within(body, limit)).await {
        Ok(read) => read,
        Err(_) => Err(Failure::TooSlow {
            seconds: timeout.as_secs_f64(),
        }),
    }
}

/// The body, copied as it arrives into one buffer sized from its declared length: it costs its
/// own size, where a list of the connection's chunks joined at the end costs about twice that.
/// A declared length over `limit` is refused before anything is read.
async fn read_within(mut body: Body, limit: usize) -> Result<bytes::Bytes, Failure> {
    let declared = body.size_hint().lower();
    if declared > limit as u64 {
        return Err(Failure::TooLarge { limit });
    }
    let mut text = Vec::with_capacity(usize::try_from(declared).unwrap_or(limit));
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| Failure::Unreadable)?;
        let Some(chunk) = frame.data_ref() else {
            continue;
        };
        if chunk.len() > limit - text.len() {
            return Err(Failure::TooLarge { limit });
        }
        text.extend_from_slice(chunk);
    }
    Ok(text.into())
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
