//! One request id follows a request: the client's (or one the gateway makes) reaches the
//! provider's call and comes back on the answer, errors included.

use crate::cases;
use crate::harness::Harness;

/// A create for Dixa with `id` as its `x-request-id`: the id answered, and the id Dixa saw.
async fn create_with_id(harness: &Harness, id: Option<&str>) -> (u16, Option<String>) {
    let (_, body, ..) = cases().remove(0);
    let mut request = harness
        .client
        .post(format!(
            "{}/unified/ticketing/users?integrated_account_id={}",
            harness.base, harness.accounts["dixa"]
        ))
        .bearer_auth(&harness.token)
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(id) = id {
        request = request.header("x-request-id", id);
    }
    let answer = request.send().await.unwrap();
    let echoed = answer
        .headers()
        .get("x-request-id")
        .map(|value| value.to_str().unwrap().to_owned());
    (answer.status().as_u16(), echoed)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_clients_request_id_reaches_the_provider_and_comes_back() {
    let harness = Harness::start().await;
    let fake = harness.fake("dixa");

    let (status, echoed) = create_with_id(&harness, Some("client-id-42")).await;
    assert_eq!(status, 201);
    assert_eq!(echoed.as_deref(), Some("client-id-42"));
    assert_eq!(fake.last().request_id.as_deref(), Some("client-id-42"));

    // Without one, or with one that could break a log line: a new UUID, the same both ways.
    for sent in [None, Some("two words"), Some(&*"x".repeat(129))] {
        let (status, echoed) = create_with_id(&harness, sent).await;
        assert_eq!(status, 201);
        let echoed = echoed.expect("an id on every answer");
        assert!(uuid::Uuid::parse_str(&echoed).is_ok(), "{echoed}");
        assert_eq!(fake.last().request_id, Some(echoed));
    }

    // Errors carry it too.
    let refused = harness
        .client
        .get(format!("{}/nowhere", harness.base))
        .header("x-request-id", "lost-7")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 404);
    assert_eq!(refused.headers()["x-request-id"], "lost-7");
}
