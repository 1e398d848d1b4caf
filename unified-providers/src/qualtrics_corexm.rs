//! Qualtrics CoreXM: `POST /API/v3/users` (confidence high: Qualtrics' own API reference).
//!
//! All seven native fields are required and map one to one; `language` is the first unified
//! `languages` entry. Qualtrics answers with the new id only (`{"result": {"id"}}`), so the
//! unified response is that id; what was sent is not repeated as if the provider had said it.

use serde::{Deserialize, Serialize};
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, Endpoint, Need, Translate};
use unified_core::{Format, Part, Secret};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForQualtricsCorexm, UserCreateQueryForQualtricsCorexm, UserCreateResponse,
    UsersCreate,
};

use crate::people::primary_email;

/// The Qualtrics CoreXM adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct QualtricsCorexm;

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct UserCreate<'a> {
    username: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    user_type: &'a str,
    email: Option<&'a str>,
    password: &'a Secret,
    language: Option<&'a str>,
}

/// Qualtrics CoreXM's answer to the create call.
#[derive(Deserialize, Debug)]
pub struct Created {
    result: CreatedId,
}

#[derive(Deserialize, Debug)]
struct CreatedId {
    id: String,
}

impl Adapter for QualtricsCorexm {
    type Provider = providers::qualtrics_corexm;
    const AUTH: AuthScheme = AuthScheme::header("x-api-token", "");
}

impl Translate<UsersCreate> for QualtricsCorexm {
    type Body = UserCreateBodyForQualtricsCorexm;
    type Query = UserCreateQueryForQualtricsCorexm;
    type Answer = Created;

    const ENDPOINT: Endpoint = Endpoint::post("/API/v3/users");

    // All seven native fields are required; the unified fields required for Qualtrics fill
    // them, the language from the first of `languages`.
    const NEEDS: &'static [Need] = &[
        Need::required(Part::Body, "/languages/*"),
        Need::text(Part::Body, "/remote_data/username"),
        Need::text(Part::Body, "/remote_data/firstName"),
        Need::text(Part::Body, "/remote_data/lastName"),
        Need::text(Part::Body, "/remote_data/userType"),
        Need::formatted(Part::Body, "/remote_data/email", Format::Email),
        Need::text(Part::Body, "/remote_data/password"),
        Need::text(Part::Body, "/remote_data/language"),
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        UserCreate {
            username: &body.username,
            first_name: &body.first_name,
            last_name: &body.last_name,
            user_type: &body.user_type,
            email: primary_email(&body.emails),
            password: &body.password,
            language: body.languages.first().map(String::as_str),
        }
    }

    fn unified_response(
        &self,
        _call: Call<'_, Self::Body, Self::Query>,
        created: Created,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(UserCreateResponse {
            id: Some(created.result.id),
            ..UserCreateResponse::default()
        })
    }
}
