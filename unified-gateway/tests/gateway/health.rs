//! `GET /healthz` and `GET /readyz`: answered without a token, and 200 only while the database
//! answers (readiness also turns 503 on shutdown: `unified-cli`'s `serve_lifecycle`).

use crate::harness::{Backend, Harness};

crate::on_each_store!(health_needs_no_token_and_follows_the_database);

async fn health_needs_no_token_and_follows_the_database(backend: Backend) {
    let harness = Harness::on(backend).await;
    let healthy = harness.get("/healthz", None).await;
    assert_eq!(healthy.status, 200, "{:#}", healthy.body);
    assert_eq!(healthy.body, serde_json::json!({"status": "ok"}));
    let ready = harness.get("/readyz", None).await;
    assert_eq!(ready.status, 200, "{:#}", ready.body);
    assert_eq!(ready.body, serde_json::json!({"status": "ready"}));

    // Another process breaks the database under the running gateway.
    let drop_table = "DROP TABLE api_tokens";
    match backend {
        Backend::Sqlite => {
            let connection = rusqlite::Connection::open(&harness.location).unwrap();
            connection.execute_batch(drop_table).unwrap();
        }
        Backend::Postgres => {
            let (client, connection) =
                tokio_postgres::connect(&harness.location, tokio_postgres::NoTls)
                    .await
                    .unwrap();
            tokio::spawn(connection);
            client.batch_execute(drop_table).await.unwrap();
        }
    }
    let unready = harness.get("/readyz", None).await;
    assert_eq!(unready.status, 503, "{:#}", unready.body);
    let broken = harness.get("/healthz", None).await;
    assert_eq!(broken.status, 503, "{:#}", broken.body);
    assert_eq!(broken.body["statusCode"], 503);
    let text = broken.body.to_string();
    assert!(!text.contains("api_tokens"), "no storage internals: {text}");
}
