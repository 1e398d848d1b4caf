//! Qualtrics CoreXM: `POST /API/v3/users` (confidence high: Qualtrics' own API reference).
//!
//! All seven native fields are required and map one to one; `language` is the first unified
//! `languages` entry. Qualtrics answers with the new id only (`{"result": {"id"}}`), so the
//! unified response is that id; what was sent is not repeated as if the provider had said it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use unified_adapter::{
    Adapter, AdapterError, AuthScheme, Call, NativeRequest, NativeResponse, typed,
};
use unified_core::{Provider, Secret};
use unified_models::providers;
use unified_models::ticketing::users::{UserCreateBody, UserCreateResponse};

use crate::USERS_CREATE;
use crate::people::primary_email;

/// The Qualtrics CoreXM adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct QualtricsCorexm;

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct UserCreate<'a> {
    username: Option<&'a str>,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    user_type: Option<&'a str>,
    email: Option<&'a str>,
    password: Option<&'a Secret>,
    language: Option<&'a str>,
}

#[derive(Deserialize, Debug)]
struct Created {
    result: CreatedId,
}

#[derive(Deserialize, Debug)]
struct CreatedId {
    id: String,
}

impl Adapter<providers::Set> for QualtricsCorexm {
    fn provider(&self) -> Provider<providers::Set> {
        providers::qualtrics_corexm
    }

    fn auth(&self) -> AuthScheme {
        AuthScheme::Header {
            name: "x-api-token",
            prefix: "",
        }
    }

    fn operations(&self) -> &'static [(&'static str, &'static str)] {
        &[USERS_CREATE]
    }

    fn native_request(&self, call: &Call<'_>) -> Result<NativeRequest, AdapterError> {
        let body: UserCreateBody = typed::body(call.body)?;
        let user = UserCreate {
            username: body.username.as_deref(),
            first_name: body.first_name.as_deref(),
            last_name: body.last_name.as_deref(),
            user_type: body.user_type.as_deref(),
            email: primary_email(body.emails.as_deref().unwrap_or_default()),
            password: body.password.as_ref(),
            language: body
                .languages
                .as_deref()
                .and_then(|languages| languages.first())
                .map(String::as_str),
        };
        Ok(NativeRequest::post(
            "/API/v3/users",
            typed::native_body(&user),
        ))
    }

    fn unified_response(
        &self,
        _call: &Call<'_>,
        native: &NativeResponse,
    ) -> Result<Map<String, Value>, AdapterError> {
        let created: Created = typed::native(native)?;
        typed::unified(&UserCreateResponse {
            id: Some(created.result.id),
            ..UserCreateResponse::default()
        })
    }
}
