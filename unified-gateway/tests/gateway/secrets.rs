//! What removing secrets leaves: every answer as the provider gave it, but where it carries the
//! secret itself. One-character passwords, passwords that occur inside ids, keys and messages,
//! and credentials echoed in messages, through the gateway and the fakes.

use serde_json::{Value, json};
use unified_test_tools::fake::{Kind, Mode};

use crate::case;
use crate::harness::Harness;

/// The fake's documented answer to the native request the gateway sent it last.
fn documented_answer(harness: &Harness, kind: Kind) -> Value {
    let seen = harness.fake(kind.provider_id()).last();
    kind.answer(&seen.path, &seen.body).1
}

#[tokio::test(flavor = "multi_thread")]
async fn short_passwords_leave_ids_keys_and_messages_as_they_are() {
    let harness = Harness::start().await;
    let (kind, body, ..) = case(Kind::QualtricsCorexm);
    // Each occurs in the answer's keys (`id`, `result`, `meta`), its id or its request id, and
    // is shorter than the length from which a secret goes wherever it occurs.
    for password in ["i", "0", "a", "id", "UR_0", "result", "5c7f2a8"] {
        let mut body = body.clone();
        body["password"] = json!(password);
        let answer = harness.create_for(kind.provider_id(), "", &body).await;
        assert_eq!(answer.status, 201, "{password}: {:#}", answer.body);
        assert_eq!(answer.body["id"], "UR_0ABCdefGHIjklMN", "{password}");
        assert_eq!(
            answer.body["remote_data"],
            documented_answer(&harness, kind),
            "{password}: the provider's answer, unchanged"
        );
        // The raw answer is the provider's, unchanged as well.
        let raw = harness
            .create_for(kind.provider_id(), "&truto_response_format=raw", &body)
            .await;
        let seen = harness.fake(kind.provider_id()).last();
        let (status, native) = kind.answer(&seen.path, &seen.body);
        assert_eq!(raw.status, status, "{password}: the provider's status");
        assert_eq!(raw.body, native, "{password}: the raw answer, unchanged");
    }

    // Re:amaze with a one-letter password in `remote_data`: names and addresses full of it.
    let (kind, mut body, ..) = case(Kind::Reamaze);
    body["remote_data"] = json!({"staff": {"password": "a"}});
    let answer = harness.create_for(kind.provider_id(), "", &body).await;
    assert_eq!(answer.status, 201, "{:#}", answer.body);
    assert_eq!(answer.body["name"], "Ada Lovelace");
    assert_eq!(answer.body["id"], "ada@example.org");
    assert_eq!(
        answer.body["remote_data"],
        documented_answer(&harness, kind)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_secret_itself_goes_wherever_it_is() {
    let harness = Harness::start().await;
    let (kind, mut body, ..) = case(Kind::QualtricsCorexm);
    // A password that is a whole value of the answer is that value no more.
    body["password"] = json!("UR_0ABCdefGHIjklMN");
    let answer = harness.create_for(kind.provider_id(), "", &body).await;
    assert_eq!(answer.status, 201, "{:#}", answer.body);
    assert_eq!(answer.body["id"], "[redacted]");
    assert_eq!(answer.body["remote_data"]["result"]["id"], "[redacted]");
    assert_eq!(
        answer.body["remote_data"]["meta"],
        documented_answer(&harness, kind)["meta"],
        "the rest is the provider's"
    );

    // A password of eight characters or more goes from inside an id too: the request id that
    // holds it holds the secret.
    body["password"] = json!("5c7f2a8e");
    let answer = harness.create_for(kind.provider_id(), "", &body).await;
    assert_eq!(answer.status, 201, "{:#}", answer.body);
    assert_eq!(
        answer.body["remote_data"]["meta"]["requestId"],
        "[redacted]-1b3d-4e5f-8a9b-0c1d2e3f4a5b"
    );
    assert_eq!(answer.body["id"], "UR_0ABCdefGHIjklMN");

    // A record whose value with a format was the password is refused rather than answered
    // with `[redacted]` where the response schema asks for an address.
    let (reamaze, mut staff, ..) = case(Kind::Reamaze);
    staff["remote_data"] = json!({"staff": {"password": "ada@example.org"}});
    let answer = harness.create_for(reamaze.provider_id(), "", &staff).await;
    assert_eq!(answer.status, 502, "{:#}", answer.body);
    assert!(
        !answer.body.to_string().contains("ada@example.org"),
        "{:#}",
        answer.body
    );

    // A refusal that quotes the credential and the request: the credential goes from inside the
    // message, a long password from where it is whole and from inside text; the rest stays.
    let fake = harness.fake(kind.provider_id());
    fake.set_mode(Mode::Refuse(422));
    body["password"] = json!("correct horse battery");
    body["username"] = json!("correct horse battery staple");
    let answer = harness.create_for(kind.provider_id(), "", &body).await;
    assert_eq!(answer.status, 502, "{:#}", answer.body);
    let remote = &answer.body["remote_body"];
    assert_eq!(remote["message"], "rejected for key [redacted]");
    assert_eq!(remote["request"]["password"], "[redacted]");
    assert_eq!(remote["request"]["username"], "[redacted] staple");
    assert_eq!(remote["request"]["firstName"], "Ada");
    assert_eq!(remote["request"]["email"], "ada@example.org");
    let text = answer.body.to_string();
    assert!(!text.contains(kind.credential()) && !text.contains("correct horse battery"));
}
