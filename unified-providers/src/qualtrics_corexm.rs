//! Qualtrics CoreXM: `POST /API/v3/users` (confidence high: Qualtrics' own API reference).
//!
//! All seven native fields are required and map one to one; `language` is the first unified
//! `languages` entry. Qualtrics answers with the new id only (`{"result": {"id"}}`), so the
//! unified response is that id; what was sent is not repeated as if the provider had said it.
//!
//! On existing users (confidence medium: working clients of Qualtrics' v3 API, see
//! `docs/provider-apis-beyond-create.md`): get is `GET /API/v3/users/{id}`, answering
//! `{"result": user}`; update is `PUT /API/v3/users/{id}`, partial (only what the patch sets is
//! sent, under the create's names; that the password may be changed this way is assumed from
//! the create), answering no user, so the unified answer is the id; list is `GET
//! /API/v3/users?offset=`, answering `{"result": {"elements", "nextPage"}}` with up to 100 users
//! and `nextPage` a URL, null on the last page. Qualtrics takes no page size, so the unified
//! page is cut from Qualtrics' to the client's `limit`, and `next_cursor` is the offset where the
//! next one starts. Delete is left out: whether Qualtrics deletes or disables is not documented.

use serde::{Deserialize, Serialize};
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, Endpoint, Method, Need, Translate};
use unified_core::{Format, Part, Secret};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForQualtricsCorexm, UserCreateBodyPatchForQualtricsCorexm,
    UserCreateQueryForQualtricsCorexm, UserCreateResponse, UserListQueryForQualtricsCorexm,
    UserListResponse, UsersCreate, UsersGet, UsersList, UsersUpdate,
};

use crate::people::primary_email;
use crate::records::{OFFSET_CURSOR, cut_page, offset};

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

/// A Qualtrics user as get and list answer with one; the unified record holds its id alone (the
/// spec's response has nothing else for Qualtrics).
#[derive(Deserialize, Debug)]
pub struct QualtricsUser {
    id: String,
}

/// Qualtrics' answer with one user.
#[derive(Deserialize, Debug)]
pub struct OneUser {
    result: QualtricsUser,
}

/// Qualtrics' page of users.
#[derive(Deserialize, Debug)]
pub struct UserPage {
    result: Elements,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Elements {
    elements: Vec<QualtricsUser>,
    next_page: Option<String>,
}

/// What an update sends: what the patch sets, under the create's names.
#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct UserUpdate<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    username: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<&'a Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

/// The unified record of a Qualtrics user: its id.
fn record(id: String) -> UserCreateResponse {
    UserCreateResponse {
        id: Some(id),
        ..UserCreateResponse::default()
    }
}

impl Translate<UsersGet> for QualtricsCorexm {
    type Body = ();
    type Query = UserCreateQueryForQualtricsCorexm;
    type Answer = OneUser;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Get, "/API/v3/users/{id}");

    fn unified_response(
        &self,
        _call: Call<'_, (), Self::Query>,
        answer: OneUser,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(record(answer.result.id))
    }
}

impl Translate<UsersList> for QualtricsCorexm {
    type Body = ();
    type Query = UserListQueryForQualtricsCorexm;
    type Answer = UserPage;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Get, "/API/v3/users");

    // The cursor is an offset this adapter gave; another is refused before it is sent.
    const NEEDS: &'static [Need] = &[Need::matching(Part::Query, "/next_cursor", OFFSET_CURSOR)];

    fn native_query(&self, call: Call<'_, (), Self::Query>) -> Vec<(String, String)> {
        match call.query.next_cursor.as_deref() {
            Some(cursor) => vec![("offset".to_owned(), offset(Some(cursor)).to_string())],
            None => Vec::new(),
        }
    }

    fn unified_response(
        &self,
        call: Call<'_, (), Self::Query>,
        page: UserPage,
    ) -> Result<UserListResponse, AdapterError> {
        let query = call.query;
        let Elements {
            elements,
            next_page,
        } = page.result;
        let (users, next_cursor) = cut_page(
            elements,
            0,
            query.limit,
            offset(query.next_cursor.as_deref()),
            next_page.is_some(),
        );
        Ok(UserListResponse {
            result: users.into_iter().map(|user| record(user.id)).collect(),
            next_cursor,
        })
    }
}

impl Translate<UsersUpdate> for QualtricsCorexm {
    type Body = UserCreateBodyPatchForQualtricsCorexm;
    type Query = UserCreateQueryForQualtricsCorexm;
    // Qualtrics answers with `meta` alone.
    type Answer = serde::de::IgnoredAny;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Put, "/API/v3/users/{id}");

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        UserUpdate {
            username: body.username.as_deref(),
            first_name: body.first_name.as_deref(),
            last_name: body.last_name.as_deref(),
            user_type: body.user_type.as_deref(),
            email: body.emails.as_deref().and_then(primary_email),
            password: body.password.as_ref(),
            language: body
                .languages
                .as_deref()
                .and_then(<[String]>::first)
                .map(String::as_str),
        }
    }

    fn unified_response(
        &self,
        call: Call<'_, Self::Body, Self::Query>,
        _answer: serde::de::IgnoredAny,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(record(call.id.unwrap_or_default().to_owned()))
    }
}
