//! Teamwork Project Management: `POST /people.json` (confidence high: Teamwork's own API
//! reference, v1 "Add a new user").
//!
//! The body is `{"person": {...}}` with hyphenated keys. Teamwork requires `first-name`,
//! `last-name` and `email-address`; the unified model has first and last name for Teamwork but
//! no email address, so **the address comes from `remote_data`**:
//! `{"remote_data": {"person": {"email-address": "ada@example.org"}}}` (merged into the
//! `person` envelope). A request without it is refused before it is sent, and the schemas served
//! for Teamwork require it (the adapter's needs). Teamwork's create call
//! documents no avatar field, so the unified `avatar` is not sent (the answer's `avatarUrl` is
//! read). Teamwork answers 201 with the new id and, in its current reference, the `user` it
//! made; first and last names the answer lacks are the ones sent. The credential is
//! `api-key:X` (Teamwork ignores the password); a `person.password` sent through `remote_data`
//! is removed from whatever Teamwork answers.

use serde::{Deserialize, Serialize};
use unified_adapter::{
    Adapter, AdapterError, AuthScheme, Call, CredentialPart, Endpoint, Need, Translate,
};
use unified_core::{Format, Part};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForTeamworkProjectManagement, UserCreateQueryForTeamworkProjectManagement,
    UserCreateResponse, UsersCreate,
};

use crate::people::{NativeId, avatar, non_empty};

/// The Teamwork Project Management adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct TeamworkProjectManagement;

#[derive(Serialize, Debug)]
struct PersonCreate<'a> {
    person: NewPerson<'a>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "kebab-case")]
struct NewPerson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<&'a str>,
}

/// Teamwork's answer to the create call.
#[derive(Deserialize, Debug)]
pub struct Created {
    id: NativeId,
    user: Option<User>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
struct User {
    avatar_url: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
}

impl Adapter for TeamworkProjectManagement {
    type Provider = providers::teamwork_project_management;
    const AUTH: AuthScheme = AuthScheme::basic(CredentialPart::User);
}

impl Translate<UsersCreate> for TeamworkProjectManagement {
    type Body = UserCreateBodyForTeamworkProjectManagement;
    type Query = UserCreateQueryForTeamworkProjectManagement;
    type Answer = Created;

    const ENDPOINT: Endpoint = Endpoint::post("/people.json").with_secrets(&["/person/password"]);

    // Teamwork requires `first-name`, `last-name` and `email-address`; no unified field carries
    // an address for Teamwork, so it comes from `remote_data`.
    const NEEDS: &'static [Need] = &[
        Need::one_of(
            Part::Body,
            &["/first_name", "/remote_data/person/first-name"],
        ),
        Need::one_of(Part::Body, &["/last_name", "/remote_data/person/last-name"]),
        Need::required(Part::Body, "/remote_data/person/email-address"),
        Need::formatted(
            Part::Body,
            "/remote_data/person/email-address",
            Format::Email,
        ),
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        PersonCreate {
            person: NewPerson {
                first_name: body.first_name.as_deref(),
                last_name: body.last_name.as_deref(),
            },
        }
    }

    fn unified_response(
        &self,
        call: Call<'_, Self::Body, Self::Query>,
        created: Created,
    ) -> Result<UserCreateResponse, AdapterError> {
        let user = created.user.unwrap_or_default();
        let sent = |field: &Option<String>| field.clone();
        Ok(UserCreateResponse {
            id: Some(created.id.into_string()),
            avatar: avatar(user.avatar_url),
            first_name: non_empty(user.first_name).or_else(|| sent(&call.body.first_name)),
            last_name: non_empty(user.last_name).or_else(|| sent(&call.body.last_name)),
            ..UserCreateResponse::default()
        })
    }
}
