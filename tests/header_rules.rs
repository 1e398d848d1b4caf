//! The headers whose rule the gateway checks and its documents state are held against each
//! other: the `Idempotency-Key` schema in a served document, read by the `jsonschema` crate,
//! takes exactly the keys the gateway's check takes; the request id's schema takes every id the
//! gateway gives back.

use serde_json::{Value, json};
use unified_openapi::contract::{
    HTTP_LAYER_STATUSES, IDEMPOTENCY_KEY, MAX_KEY_LEN, MAX_REQUEST_ID_LEN, REQUEST_ID,
    is_idempotency_key, is_usable_request_id,
};
use unified_tests::{reference_validator, workspace_root};

fn unified_document() -> Value {
    let path = workspace_root().join("schemas/openapi/3.1/unified.json");
    let text = std::fs::read_to_string(&path).expect("the exported unified document");
    serde_json::from_str(&text).expect("a JSON document")
}

/// The schema of the header parameter `name` on the create route, following a reference into
/// the components.
fn parameter_schema(document: &Value, name: &str) -> Value {
    let parameters = document["paths"]["/unified/ticketing/users"]["post"]["parameters"]
        .as_array()
        .expect("the create route's parameters");
    parameters
        .iter()
        .map(|parameter| match parameter["$ref"].as_str() {
            Some(reference) => document
                .pointer(reference.trim_start_matches('#'))
                .cloned()
                .expect("a parameter the reference names"),
            None => parameter.clone(),
        })
        .find(|parameter| parameter["name"] == name && parameter["in"] == "header")
        .map(|parameter| parameter["schema"].clone())
        .unwrap_or_else(|| panic!("no `{name}` header parameter on the create route"))
}

/// Keys of every one- and two-character ASCII string, and lengths around the limit.
fn candidate_texts() -> Vec<String> {
    let mut texts = vec![String::new()];
    for first in 0u8..128 {
        texts.push(char::from(first).to_string());
        for second in [b' ', b'a', b'~', b'\t', 0x7f, b'-'] {
            texts.push(String::from_iter([char::from(first), char::from(second)]));
        }
    }
    for length in [MAX_KEY_LEN - 1, MAX_KEY_LEN, MAX_KEY_LEN + 1] {
        texts.push("k".repeat(length));
        texts.push(format!(" {} ", "k".repeat(length - 2)));
    }
    texts.extend(["é".into(), "key é".into(), "   ".into(), " a ".into()]);
    texts
}

#[test]
fn the_documented_idempotency_key_is_the_key_the_gateway_takes() {
    let schema = parameter_schema(&unified_document(), IDEMPOTENCY_KEY);
    let validator = reference_validator(&schema);
    for text in candidate_texts() {
        assert_eq!(
            validator.is_valid(&json!(text)),
            is_idempotency_key(&text),
            "the document and the gateway disagree on the key {text:?}"
        );
    }
}

#[test]
fn the_documented_answer_header_takes_every_request_id_the_gateway_gives_back() {
    let document = unified_document();
    parameter_schema(&document, REQUEST_ID);
    let header = &document["components"]["headers"]["RequestId"];
    let validator = reference_validator(&header["schema"]);
    let created = &document["paths"]["/unified/ticketing/users"]["post"]["responses"];
    for (status, response) in created.as_object().expect("the create route's answers") {
        // The HTTP layer's refusals come before the gateway sees the request, without its
        // headers.
        let expected = if HTTP_LAYER_STATUSES
            .iter()
            .any(|code| code.to_string() == *status)
        {
            Value::Null
        } else {
            json!("#/components/headers/RequestId")
        };
        assert_eq!(
            response["headers"][REQUEST_ID]["$ref"], expected,
            "the {status} answer does not say whether it carries `{REQUEST_ID}`"
        );
    }
    for text in candidate_texts() {
        if is_usable_request_id(text.as_bytes()) {
            assert!(validator.is_valid(&json!(text)), "{text:?}");
        }
    }
    let made = "6f1c2d4e-0000-4000-8000-000000000000";
    assert!(validator.is_valid(&json!(made)));
    assert!(!is_usable_request_id(
        "a".repeat(MAX_REQUEST_ID_LEN + 1).as_bytes()
    ));
}
