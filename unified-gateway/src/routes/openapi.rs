//! `GET /openapi.json` and `GET /openapi/{view}.json`: the gateway's OpenAPI 3.1 documents,
//! without a token (they hold no record, only what the gateway takes), for client generators
//! and API explorers.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use unified_core::{ProviderSet, Target};

use crate::failure::Failure;
use crate::gateway::Gateway;
use crate::routes::did_you_mean_file;
use unified_openapi::{OpenApiVersion, document};

/// The unified target's document.
pub async fn unified<S: ProviderSet>(State(gateway): State<Gateway<S>>) -> Response {
    answer(&gateway, Target::UNIFIED)
}

/// One view's document: `/openapi/dixa.json`.
pub async fn of_view<S: ProviderSet>(
    State(gateway): State<Gateway<S>>,
    Path(file): Path<String>,
) -> Response {
    let id = file.strip_suffix(".json").unwrap_or(&file);
    match Target::<S>::from_id(id) {
        Some(view) => answer(&gateway, view),
        // The name asked for is not repeated: only names of ours are.
        None => Failure::NoDocument {
            suggestion: did_you_mean_file(id, Target::<S>::all().map(Target::id), ".json"),
        }
        .into_response(),
    }
}

fn answer<S: ProviderSet>(gateway: &Gateway<S>, view: Target<S>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        document_text(gateway, view),
    )
        .into_response()
}

/// The text of `view`'s OpenAPI 3.1 document, made once per gateway.
pub fn document_text<S: ProviderSet>(gateway: &Gateway<S>, view: Target<S>) -> Bytes {
    let documents = gateway.inner.openapi.get_or_init(|| {
        Target::<S>::all()
            .map(|view| {
                let document = document(
                    gateway.registry(),
                    gateway.adapters(),
                    view,
                    OpenApiVersion::V3_1,
                );
                Bytes::from(document.to_string())
            })
            .collect()
    });
    let index = Target::<S>::all()
        .position(|each| each == view)
        .expect("every view is among all views");
    documents[index].clone()
}
