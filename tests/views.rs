//! Per-provider views: what each provider's view holds, that only validation makes one, and
//! that it carries the values of the body.

use serde_json::json;
use unified_core::{Code, Secret, UnifiedModel, ViewOf};
use unified_models::providers;
use unified_models::ticketing::users::{
    EmailType, UserCreateBody, UserCreateBodyForDixa, UserCreateBodyForQualtricsCorexm,
    UserCreateBodyForTeamworkProjectManagement, UserCreateQuery, UserCreateQueryForPivotalTracker,
};

#[test]
fn a_required_field_is_a_value_and_a_supported_one_an_option() {
    let body = json!({
        "name": "Ada Lovelace",
        "emails": [{"email": "ada@example.org", "type": "primary"}],
        "avatar": "https://example.org/ada.png",
        "remote_data": {"extra": 1},
    });
    let text = serde_json::to_vec(&body).unwrap();
    let dixa: UserCreateBodyForDixa =
        UserCreateBody::view_from_slice::<providers::dixa>(&text).unwrap();
    // Dixa requires a name and emails: plain values, read without unwrapping.
    let name: &String = &dixa.name;
    assert_eq!(name, "Ada Lovelace");
    assert_eq!(dixa.emails.len(), 1);
    assert_eq!(dixa.emails[0].email, "ada@example.org");
    assert_eq!(dixa.emails[0].r#type, EmailType::Primary);
    // Supported, so optional.
    assert_eq!(dixa.avatar.as_deref(), Some("https://example.org/ada.png"));
    assert_eq!(dixa.first_name, None);
    assert_eq!(
        dixa.remote_data.as_ref().map(|data| data["extra"] == 1),
        Some(true)
    );
    // From a `Value`, the same view.
    let from_value = UserCreateBody::view_from_value::<providers::dixa>(&body).unwrap();
    assert_eq!(from_value, dixa);
}

#[test]
fn qualtrics_gets_every_field_it_requires_as_a_value() {
    let body = json!({
        "emails": [{"email": "ada@example.org", "type": "primary"}],
        "first_name": "Ada", "last_name": "Lovelace", "languages": ["en"],
        "password": "correct horse", "user_type": "UT_1", "username": "ada",
    });
    let view: ViewOf<UserCreateBody, providers::qualtrics_corexm> =
        UserCreateBody::view_from_value::<providers::qualtrics_corexm>(&body).unwrap();
    let _: &UserCreateBodyForQualtricsCorexm = &view;
    assert_eq!(view.first_name, "Ada");
    assert_eq!(view.languages, ["en"]);
    let password: &Secret = &view.password;
    assert_eq!(password.expose(), "correct horse");
    assert!(
        !format!("{view:?}").contains("correct horse"),
        "Debug hides the password"
    );
}

#[test]
fn an_invalid_body_gives_every_error_and_no_view() {
    // Teamwork requires nothing but takes no name; Dixa requires a name and emails.
    let body = json!({"name": "Ada", "emails": []});
    let teamwork = UserCreateBody::view_from_value::<providers::teamwork_project_management>(&body)
        .map(|_: UserCreateBodyForTeamworkProjectManagement| ())
        .unwrap_err();
    let codes: Vec<(String, Code)> = teamwork
        .codes()
        .map(|(pointer, code)| (pointer.to_owned(), code))
        .collect();
    assert_eq!(
        codes,
        [
            ("/name".to_owned(), Code::Unsupported),
            ("/emails".to_owned(), Code::Unsupported)
        ]
    );
    let text = br#"{"emails": [], "avatar": "not a uri"}"#;
    let dixa = UserCreateBody::view_from_slice::<providers::dixa>(text).unwrap_err();
    assert_eq!(
        dixa.errors(),
        UserCreateBody::validate_slice(text, providers::dixa).errors()
    );
    assert_eq!(dixa.len(), 3, "{dixa}");
    let malformed = UserCreateBody::view_from_slice::<providers::dixa>(b"{").unwrap_err();
    assert_eq!(malformed.errors()[0].code, Code::Json);
}

#[test]
fn query_views_hold_what_the_provider_requires() {
    let query = json!({
        "integrated_account_id": "62f44730-dd91-461e-bd6a-aedd9e0ad79d",
        "collections": [{"id": "99"}],
    });
    let view: UserCreateQueryForPivotalTracker =
        UserCreateQuery::view_from_value::<providers::pivotal_tracker>(&query).unwrap();
    assert_eq!(view.collections[0].id.as_deref(), Some("99"));
    assert_eq!(
        view.integrated_account_id,
        "62f44730-dd91-461e-bd6a-aedd9e0ad79d"
    );
}
