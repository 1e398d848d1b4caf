//! Hive: `POST /users` below the account's base URL, which carries the workspace
//! (`https://app.hive.com/api/v1/workspaces/{workspaceId}`), Hive's "invite user" call
//! (confidence high: Hive's own API reference).
//!
//! The credential is `user_id:api_key`: the key travels in the `api_key` header and the user id
//! as the `user_id` query parameter Hive wants on every request. Hive requires only `email`;
//! `fullName` is the unified `name`, else first and last name joined, and is required here too,
//! since the response contract requires a name from Hive and Hive answers with the name it was
//! given. Hive's user has no role, no active flag and no timestamps, and one address: the other
//! unified `emails` are not sent.

use serde::{Deserialize, Serialize};
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, Endpoint, Need, Translate};
use unified_core::{Format, Part};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForHive, UserCreateQueryForHive, UserCreateResponse, UsersCreate,
};

use crate::people::{NativeId, email_records, name_to_send, non_empty, primary_email, record_name};

/// The Hive adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Hive;

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Invite<'a> {
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_name: Option<String>,
}

/// Hive's answer to the create call.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct User {
    id: NativeId,
    full_name: Option<String>,
    profile: Option<Profile>,
    email: Option<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
struct Profile {
    first_name: Option<String>,
    last_name: Option<String>,
}

impl Adapter for Hive {
    type Provider = providers::hive;
    const AUTH: AuthScheme = AuthScheme::KeyAndUserQuery {
        header: "api_key",
        query: "user_id",
    };
}

impl Translate<UsersCreate> for Hive {
    type Body = UserCreateBodyForHive;
    type Query = UserCreateQueryForHive;
    type Answer = User;

    const ENDPOINT: Endpoint = Endpoint::post("/users");

    // Hive requires `email`; `fullName` too, as the response needs a name from Hive.
    const NEEDS: &'static [Need] = &[
        Need::one_of(
            Part::Body,
            &[
                "/name",
                "/first_name",
                "/last_name",
                "/remote_data/fullName",
            ],
        ),
        Need::formatted(Part::Body, "/remote_data/email", Format::Email),
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        Invite {
            email: primary_email(&body.emails),
            full_name: name_to_send(
                body.name.as_deref(),
                body.first_name.as_deref(),
                body.last_name.as_deref(),
            ),
        }
    }

    fn unified_response(
        &self,
        _call: Call<'_, Self::Body, Self::Query>,
        user: User,
    ) -> Result<UserCreateResponse, AdapterError> {
        let profile = user.profile.unwrap_or_default();
        Ok(UserCreateResponse {
            id: Some(user.id.into_string()),
            name: record_name(
                user.full_name,
                profile.first_name.as_deref(),
                profile.last_name.as_deref(),
            ),
            emails: email_records(user.email.as_deref(), &[]),
            first_name: non_empty(profile.first_name),
            last_name: non_empty(profile.last_name),
            ..UserCreateResponse::default()
        })
    }
}
