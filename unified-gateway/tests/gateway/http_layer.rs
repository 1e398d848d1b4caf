//! Requests the HTTP layer refuses before any route: a target or a head too long for it. What
//! they get is what every served document declares for every operation.

use serde_json::Value;
use unified_openapi::contract::{
    HEAD_TOO_LARGE, HTTP_LAYER_STATUSES, MAX_HEAD_LEN, MAX_TARGET_LEN, TARGET_TOO_LONG,
};

use crate::harness::Harness;
use crate::raw_http::{Raw, request};

#[tokio::test(flavor = "multi_thread")]
async fn a_target_or_head_too_long_gets_the_documented_refusal() {
    let harness = Harness::start().await;

    // One byte over the longest target, and everything sent is read: the answer is not lost
    // to a reset.
    let query = "remote_query%5Bnote%5D=";
    let path = "/unified/ticketing/users?";
    let target = format!(
        "{path}{query}{}",
        "x".repeat(MAX_TARGET_LEN + 1 - path.len() - query.len())
    );
    let mut raw = Raw::connect(harness.addr).await;
    raw.send(&request("POST", &target, &[], b"")).await;
    let answer = raw.answer(false).await.expect("an answer to a long target");
    assert_eq!(answer.status, TARGET_TOO_LONG);
    assert!(answer.body.is_empty());

    // A head that fills the layer's buffer exactly, without its end: read whole, then refused.
    let start = request("GET", "/healthz", &[], b"");
    let start = &start[..start.len() - 4];
    let mut head = start.to_vec();
    head.extend_from_slice(b"\r\nx-filler: ");
    head.resize(MAX_HEAD_LEN, b'y');
    let mut raw = Raw::connect(harness.addr).await;
    raw.send(&head).await;
    let answer = raw.answer(false).await.expect("an answer to a long head");
    assert_eq!(answer.status, HEAD_TOO_LARGE);
    assert!(answer.body.is_empty());

    // One byte less of target is read and routed: the refusal is the layer's limit, not a route's.
    let routed = &target[..target.len() - 1];
    let mut raw = Raw::connect(harness.addr).await;
    raw.send(&request("POST", routed, &[], b"")).await;
    let answer = raw
        .answer(false)
        .await
        .expect("an answer to a target at the limit");
    assert_eq!(
        answer.status, 401,
        "routed and refused for its missing token"
    );

    for document in ["/openapi.json", "/openapi/dixa.json"] {
        let served = harness.get(document, None).await;
        let paths = served.body["paths"].as_object().expect("paths");
        for (path, methods) in paths {
            for (method, operation) in methods.as_object().expect("methods") {
                for status in HTTP_LAYER_STATUSES {
                    let response = &operation["responses"][status.to_string()];
                    assert!(
                        response["description"].is_string() && response["content"] == Value::Null,
                        "{document}: {method} {path} does not declare {status} without a body"
                    );
                }
            }
        }
    }
}
