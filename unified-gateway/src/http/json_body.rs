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
    let essence = declared.split(';').next().unwrap_or("").trim().as_bytes();
    // Compared without case, in place: this runs on every request with a body.
    let (prefix, suffix) = (b"application/", b"+json");
    let json = essence.eq_ignore_ascii_case(b"application/json")
        || (essence.len() >= prefix.len() + suffix.len()
            && essence[..prefix.len()].eq_ignore_ascii_case(prefix)
            && essence[essence.len() - suffix.len()..].eq_ignore_ascii_case(suffix));
    if json { Ok(()) } else { Err(Failure::NotJson) }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn declared(content_type: Option<&'static str>) -> bool {
        let mut headers = HeaderMap::new();
        if let Some(content_type) = content_type {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        check_json_content_type(&headers).is_ok()
    }

    #[test]
    fn json_and_json_suffixed_types_are_taken_in_any_case_with_parameters() {
        for taken in [
            "application/json",
            "Application/JSON",
            "application/json; charset=utf-8",
            "  application/json  ;charset=utf-8",
            "application/merge-patch+json",
            "APPLICATION/VND.API+JSON",
            "application/+json",
        ] {
            assert!(declared(Some(taken)), "{taken}");
        }
        for refused in [
            "",
            "text/json",
            "application/jsonx",
            "application/json+xml",
            "application/x-www-form-urlencoded",
            "text/plain+json",
            "application+json",
            "json",
        ] {
            assert!(!declared(Some(refused)), "{refused}");
        }
        assert!(!declared(None));
    }
}
