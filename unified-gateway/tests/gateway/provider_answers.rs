//! Providers that answer what their documentation does not promise: text that echoes secrets,
//! answers past the size limit, a connection closed mid-answer, a 500, a 204, a timeout. Each
//! gets its documented status, and no message or log line quotes what the provider sent.

use std::time::Duration;

use serde_json::json;

use crate::harness::{Harness, log_text};
use crate::raw_http::{Raw, request};
use crate::{PASSWORD, case, cases};
use unified_test_tools::fake::{Kind, Mode};

/// The default limit of a provider answer.
const LIMIT: usize = 10 * 1024 * 1024;

#[tokio::test(flavor = "multi_thread")]
async fn an_unreadable_answer_is_described_never_quoted() {
    let harness = Harness::start().await;

    // Dixa answers 201 with the credential it was sent where the agent should be.
    let (_, dixa_body, ..) = cases().remove(0);
    harness.fake("dixa").set_mode(Mode::EchoCredential);
    let echoed = harness.create_for("dixa", "", &dixa_body).await;
    assert_eq!(echoed.status, 502, "{:#}", echoed.body);
    assert_eq!(
        echoed.body["message"],
        "Dixa created the record, but its answer could not be mapped: unreadable provider \
         answer: `/data` should be an object, not a string"
    );
    assert_eq!(
        echoed.body["remote_body"],
        json!({"data": "key [redacted]"})
    );

    // Qualtrics answers 200 with text that repeats the native body, password included.
    let (kind, qualtrics_body, query, ..) = case(Kind::QualtricsCorexm);
    harness.fake(kind.provider_id()).set_mode(Mode::EchoText);
    let text = harness
        .create_for(kind.provider_id(), query, &qualtrics_body)
        .await;
    assert_eq!(text.status, 502, "{:#}", text.body);
    let message = text.body["message"].as_str().unwrap();
    assert!(
        message.ends_with("the document should be an object, not a string"),
        "{message}"
    );
    assert!(
        text.body["remote_body"]
            .as_str()
            .unwrap()
            .contains("[redacted]")
    );

    let log = log_text();
    for answer in [&echoed, &text] {
        let shown = answer.body.to_string();
        for secret in [Kind::Dixa.credential(), kind.credential(), PASSWORD] {
            assert!(
                !shown.contains(secret),
                "the answer shows a secret: {shown}"
            );
            assert!(!log.contains(secret), "the log shows a secret");
        }
        assert!(!shown.contains("struct"), "no internal type names: {shown}");
    }
    assert!(log.contains("answer not mapped"), "the failure is logged");
}

#[tokio::test(flavor = "multi_thread")]
async fn answers_past_the_limit_are_not_read() {
    let harness = Harness::start().await;
    let (_, body, ..) = cases().remove(0);
    let fake = harness.fake("dixa");
    for chunked in [false, true] {
        fake.set_mode(Mode::Huge {
            bytes: LIMIT + 1,
            chunked,
        });
        let over = harness.create_for("dixa", "", &body).await;
        assert_eq!(over.status, 502, "{:#}", over.body);
        assert_eq!(over.body["truto_is_remote_error"], true);
        let message = over.body["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("limit of {LIMIT} bytes")),
            "{message}"
        );
        assert!(
            over.body.get("remote_body").is_none(),
            "nothing of it is passed on"
        );
    }
    // At the limit the answer is read (and, being text, is not a Dixa agent).
    fake.set_mode(Mode::Huge {
        bytes: LIMIT,
        chunked: true,
    });
    let at = harness.create_for("dixa", "", &body).await;
    assert_eq!(at.status, 502);
    assert_eq!(at.body["remote_body"].as_str().map(str::len), Some(LIMIT));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_raw_no_content_answer_has_no_content() {
    let harness = Harness::start().await;
    let (_, body, ..) = cases().remove(0);
    harness.fake("dixa").set_mode(Mode::NoContent);
    let target = format!(
        "/unified/ticketing/users?integrated_account_id={}&truto_response_format=raw",
        harness.accounts["dixa"]
    );
    let bearer = format!("Bearer {}", harness.token);
    let mut raw = Raw::connect(harness.addr).await;
    raw.send(&request(
        "POST",
        &target,
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &bearer),
        ],
        body.to_string().as_bytes(),
    ))
    .await;
    let answer = raw.answer(false).await.expect("an answer");
    assert_eq!(answer.status, 204);
    assert_eq!(
        answer.header("content-length"),
        None,
        "{:?}",
        answer.headers
    );
    assert_eq!(answer.header("content-type"), None, "{:?}", answer.headers);
    // Nothing follows the head: the next request on the connection is answered cleanly.
    raw.send(&request(
        "GET",
        "/nowhere",
        &[("Authorization", &bearer)],
        b"",
    ))
    .await;
    assert_eq!(raw.answer(false).await.expect("a 404").status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn misbehaving_providers_get_their_documented_status() {
    let harness = Harness::with_timeout(Duration::from_millis(500)).await;
    let (_, body, ..) = cases().remove(0);
    let fake = harness.fake("dixa");
    let cases = [
        (Mode::CloseMidAnswer, 502, "could not be reached"),
        (
            Mode::Refuse(500),
            502,
            "refused the request with status 500",
        ),
        (Mode::EchoText, 502, "could not be mapped"),
        (
            Mode::NoContent,
            502,
            "Dixa created the record, but its answer could not be mapped: unreadable provider \
             answer: it has no body (status 204), where a JSON document was expected",
        ),
        (
            Mode::Slow(Duration::from_secs(3)),
            504,
            "it may still have created the record",
        ),
    ];
    for (calls, (mode, status, said)) in cases.into_iter().enumerate() {
        fake.set_mode(mode);
        let answer = harness.create_for("dixa", "", &body).await;
        assert_eq!(answer.status, status, "{:#}", answer.body);
        assert_eq!(answer.body["statusCode"], status);
        let message = answer.body["message"].as_str().unwrap();
        assert!(message.contains(said), "{message}");
        assert_eq!(fake.calls(), calls + 1, "never retried");
    }
    // The gateway goes on serving.
    fake.set_mode(Mode::Normal);
    assert_eq!(harness.create_for("dixa", "", &body).await.status, 201);
}
