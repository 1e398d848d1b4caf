//! A misspelt model, method or provider in a path gets a "did you mean", swapped letters too;
//! the name asked for is not repeated, only names of ours are.

use crate::harness::Harness;

#[tokio::test(flavor = "multi_thread")]
async fn misspelt_names_in_paths_get_a_did_you_mean() {
    let harness = Harness::start().await;
    let token = Some(harness.token.as_str());
    let model = harness
        .send(
            "/unified/ticketing/usres",
            "",
            token,
            "application/json",
            b"{}".to_vec(),
        )
        .await;
    assert_eq!(model.status, 404);
    assert_eq!(
        model.body["message"],
        "no unified model with a create at this path; did you mean `ticketing/users`?"
    );
    let provider = harness
        .get("/unified/ticketing/users/dxia/meta/create", token)
        .await;
    assert_eq!(provider.status, 404);
    assert_eq!(
        provider.body["message"],
        "no such provider; name one of this gateway's, or `unified`; did you mean `dixa`?"
    );
    let method = harness
        .get("/unified/ticketing/users/dixa/meta/craete", token)
        .await;
    assert_eq!(method.status, 404);
    assert_eq!(
        method.body["message"],
        "no such operation of this unified model; did you mean `create`?"
    );
    assert_eq!(harness.total_calls(), 0);
}
