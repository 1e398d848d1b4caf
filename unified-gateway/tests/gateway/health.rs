//! `GET /healthz`: answered without a token, and only while the database answers.

use crate::harness::Harness;

#[tokio::test(flavor = "multi_thread")]
async fn health_needs_no_token_and_follows_the_database() {
    let harness = Harness::start().await;
    let healthy = harness.get("/healthz", None).await;
    assert_eq!(healthy.status, 200, "{:#}", healthy.body);
    assert_eq!(healthy.body, serde_json::json!({"status": "ok"}));

    // Another process breaks the database under the running gateway.
    let connection = rusqlite::Connection::open(&harness.db).unwrap();
    connection.execute_batch("DROP TABLE api_tokens").unwrap();
    let broken = harness.get("/healthz", None).await;
    assert_eq!(broken.status, 503, "{:#}", broken.body);
    assert_eq!(broken.body["statusCode"], 503);
    let text = broken.body.to_string();
    assert!(!text.contains("api_tokens"), "no storage internals: {text}");
}
