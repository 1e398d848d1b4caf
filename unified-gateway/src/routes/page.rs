//! `GET /form`: a page where a person picks a provider and fills a form rendered from its
//! request schema, then posts it with a pasted token (`frontend/src/form.jsx`, built into
//! `page/form.js` and compiled into the gateway, so serving it needs no build step). No token
//! is needed to load it: it holds no record. The page carries the unified document and the
//! document of the provider asked for (`?provider=`, or the first), so it shows the form as
//! soon as it has loaded.

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use unified_core::{ProviderSet, Target};

use crate::gateway::Gateway;
use crate::routes::openapi::document_text;

/// Where the page's documents go: before its script.
const SCRIPT: &str = "<script src=\"/form/form.js\"></script>";

/// The page.
pub async fn index<S: ProviderSet>(
    State(gateway): State<Gateway<S>>,
    RawQuery(query): RawQuery,
) -> Response {
    let page = include_str!("../../page/index.html");
    let embedded = embedded_documents(&gateway, chosen_provider::<S>(query.as_deref()));
    let page = page.replacen(
        SCRIPT,
        &format!(
            "<script id=\"documents\" type=\"application/json\">{embedded}</script>\n{SCRIPT}"
        ),
        1,
    );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        page,
    )
        .into_response()
}

/// The provider `?provider=` names, the first one when none is named, or `None` for a name that
/// is no provider's (the page then says it has no document for it).
fn chosen_provider<S: ProviderSet>(query: Option<&str>) -> Option<Target<S>> {
    let asked = query.and_then(|query| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(name, _)| name == "provider")
            .map(|(_, value)| value.into_owned())
    });
    let providers = || Target::<S>::all().filter(|view| *view != Target::UNIFIED);
    match asked {
        Some(id) => providers().find(|view| view.id() == id),
        None => providers().next(),
    }
}

/// `{"index": <unified document>, "provider": <id>, "document": <its document>}`, as text that
/// can stand inside a `<script>` element.
fn embedded_documents<S: ProviderSet>(gateway: &Gateway<S>, provider: Option<Target<S>>) -> String {
    let index = document_text(gateway, Target::UNIFIED);
    let index = String::from_utf8_lossy(&index);
    let text = match provider {
        Some(view) => {
            let document = document_text(gateway, view);
            format!(
                "{{\"index\":{index},\"provider\":\"{}\",\"document\":{}}}",
                view.id(),
                String::from_utf8_lossy(&document)
            )
        }
        None => format!("{{\"index\":{index}}}"),
    };
    inside_script(&text)
}

/// JSON `text` as it can stand inside a `<script>` element: every `<` is written `\u003c`, which
/// JSON reads back as `<` (JSON holds `<` only inside strings), so no `</script>` or `<!--` in
/// a document ends or changes the element.
fn inside_script(text: &str) -> String {
    text.replace('<', "\\u003c")
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

#[cfg(test)]
mod tests {
    use super::inside_script;

    #[test]
    fn json_inside_a_script_holds_no_tag_and_reads_back_the_same() {
        let document = serde_json::json!({"description": "ends </script><!-- here", "<": ["<a>"]});
        let text = inside_script(&document.to_string());
        assert!(!text.contains('<'), "{text}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            document
        );
    }
}
