//! `GET /form`: a page where a person picks a provider and fills a form rendered from its
//! request schema, then posts it with a pasted token (`frontend/src/form.jsx`, built into
//! `page/form.js` and compiled into the gateway, so serving it needs no build step). No token
//! is needed to load it: it holds no record.

use axum::http::header;
use axum::response::IntoResponse;

/// The page.
pub async fn index() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        include_str!("../../page/index.html"),
    )
}

/// Its script: react-jsonschema-form and ajv with the page's code, bundled.
pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        include_str!("../../page/form.js"),
    )
}
