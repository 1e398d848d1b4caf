//! Dixa: `POST /v1/agents` (confidence high: Dixa's own API reference), `GET /v1/agents/{id}`
//! (high), `GET /v1/agents?pageLimit=&pageKey=` (parameters high, the answer's `meta.next`
//! medium) and `DELETE /v1/agents/{id}` (high; Dixa documents it as turning the agent into an
//! end user, which is what deleting a user of the helpdesk means there).
//!
//! The agent takes one `email` (the unified primary address) and `additionalEmails` (the
//! others). Unified `roles` and `team_ids` have no place in Dixa's create call; send them
//! through `remote_data` if a Dixa account needs them.
//!
//! An update is `PATCH /v1/agents/{id}` (confidence medium: working clients; Dixa's reference
//! documents the same fields for `PUT`), sent only what the patch sets (`displayName`,
//! `firstName`, `lastName`, `avatarUrl`; a cleared one as `null`), answered with the agent.
//! Dixa's update bodies cannot change the primary address, which the unified `emails` carries,
//! so an update leaves `emails` out (the adapter's needs refuse it before anything is sent
//! rather than half apply the patch).
//!
//! Dixa answers 429 past its rate limit (docs.dixa.io, "API standards and rules") and documents
//! no rate-limit header, so none is read (`RateLimitHeaders::NONE`).

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, Endpoint, Method, Need, Translate};
use unified_core::{Format, Part, Patch};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForDixa, UserCreateBodyPatchForDixa, UserCreateQueryForDixa, UserCreateResponse,
    UserDeleteResponse, UserListQueryForDixa, UserListResponse, UserRoleRecord, UsersCreate,
    UsersDelete, UsersGet, UsersList, UsersUpdate,
};

use crate::people::{email_records, other_emails, primary_email};
use crate::records::{deleted, page_query};

/// The Dixa adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Dixa;

/// Dixa's agent as it is created.
#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct AgentCreate<'a> {
    display_name: &'a str,
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    avatar_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    additional_emails: Vec<&'a str>,
}

/// Dixa's answer: `{"data": agent}`.
#[derive(Deserialize, Debug)]
pub struct Created {
    data: Agent,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Agent {
    id: String,
    created_at: Option<String>,
    display_name: Option<String>,
    email: Option<String>,
    avatar_url: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    #[serde(default)]
    additional_emails: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
}

// What `remote_data` sends in place of a mapped field must be what Dixa takes there, on create
// and update alike.
const DISPLAY_NAME: Need = Need::text(Part::Body, "/remote_data/displayName");
const FIRST_NAME: Need = Need::text(Part::Body, "/remote_data/firstName");
const LAST_NAME: Need = Need::text(Part::Body, "/remote_data/lastName");
const AVATAR_URL: Need = Need::formatted(Part::Body, "/remote_data/avatarUrl", Format::Uri);
const ADDITIONAL_EMAILS: Need =
    Need::formatted(Part::Body, "/remote_data/additionalEmails/*", Format::Email);

impl Adapter for Dixa {
    type Provider = providers::dixa;
    const AUTH: AuthScheme = AuthScheme::header("authorization", "");
}

impl Translate<UsersCreate> for Dixa {
    type Body = UserCreateBodyForDixa;
    type Query = UserCreateQueryForDixa;
    type Answer = Created;

    const ENDPOINT: Endpoint = Endpoint::post("/v1/agents");

    // Dixa requires `displayName` and `email`, which the unified `name` and `emails` (both
    // required for Dixa) fill; what `remote_data` sends instead of a mapped field must be what
    // Dixa takes there.
    const NEEDS: &'static [Need] = &[
        DISPLAY_NAME,
        Need::formatted(Part::Body, "/remote_data/email", Format::Email),
        FIRST_NAME,
        LAST_NAME,
        AVATAR_URL,
        ADDITIONAL_EMAILS,
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        AgentCreate {
            display_name: &body.name,
            email: primary_email(&body.emails),
            first_name: body.first_name.as_deref(),
            last_name: body.last_name.as_deref(),
            avatar_url: body.avatar.as_deref(),
            additional_emails: other_emails(&body.emails),
        }
    }

    fn unified_response(
        &self,
        _call: Call<'_, Self::Body, Self::Query>,
        answer: Created,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(record(answer.data))
    }
}

/// The unified record of a Dixa agent, whichever call answered with it.
fn record(agent: Agent) -> UserCreateResponse {
    let roles: Vec<UserRoleRecord> = agent
        .roles
        .into_iter()
        .map(|name| UserRoleRecord {
            id: None,
            name: Some(name),
        })
        .collect();
    UserCreateResponse {
        id: Some(agent.id),
        name: agent.display_name,
        avatar: agent.avatar_url,
        created_at: agent.created_at,
        emails: email_records(agent.email.as_deref(), &agent.additional_emails),
        first_name: agent.first_name,
        last_name: agent.last_name,
        roles: (!roles.is_empty()).then_some(roles),
        ..UserCreateResponse::default()
    }
}

/// Dixa's page of agents.
#[derive(Deserialize, Debug)]
pub struct AgentPage {
    data: Vec<Agent>,
    #[serde(default)]
    meta: Option<PageMeta>,
}

#[derive(Deserialize, Debug)]
struct PageMeta {
    next: Option<String>,
}

/// The `pageKey` of Dixa's `meta.next`, which its clients follow as a URL: the key alone is the
/// unified `next_cursor`, so no host travels in it. A bare key is taken as it is.
fn page_key(next: &str) -> Option<String> {
    match next.split_once('?') {
        Some((_, query)) => form_urlencoded::parse(query.as_bytes())
            .find(|(name, _)| name == "pageKey")
            .map(|(_, key)| key.into_owned()),
        None => Some(next.to_owned()),
    }
    .filter(|key| !key.is_empty())
}

impl Translate<UsersGet> for Dixa {
    type Body = ();
    type Query = UserCreateQueryForDixa;
    type Answer = Created;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Get, "/v1/agents/{id}");

    fn unified_response(
        &self,
        _call: Call<'_, (), Self::Query>,
        answer: Created,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(record(answer.data))
    }
}

impl Translate<UsersList> for Dixa {
    type Body = ();
    type Query = UserListQueryForDixa;
    type Answer = AgentPage;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Get, "/v1/agents");

    fn native_query(&self, call: Call<'_, (), Self::Query>) -> Vec<(String, String)> {
        let query = call.query;
        page_query(
            ("pageLimit", query.limit),
            ("pageKey", query.next_cursor.as_deref()),
        )
    }

    fn unified_response(
        &self,
        _call: Call<'_, (), Self::Query>,
        page: AgentPage,
    ) -> Result<UserListResponse, AdapterError> {
        let next_cursor = page
            .meta
            .and_then(|meta| meta.next)
            .as_deref()
            .and_then(page_key);
        Ok(UserListResponse {
            result: page.data.into_iter().map(record).collect(),
            next_cursor,
        })
    }
}

/// What an update sends: what the patch sets, a cleared field as `null`.
#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct AgentUpdate<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    display_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    avatar_url: Option<Option<&'a str>>,
}

/// A patched field as Dixa's `PATCH` takes it: left out, a value, or `null`.
fn patched(field: &Patch<String>) -> Option<Option<&str>> {
    match field {
        Patch::Unchanged => None,
        Patch::Clear => Some(None),
        Patch::Set(value) => Some(Some(value)),
    }
}

impl Translate<UsersUpdate> for Dixa {
    type Body = UserCreateBodyPatchForDixa;
    type Query = UserCreateQueryForDixa;
    type Answer = Created;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Patch, "/v1/agents/{id}");

    // Dixa cannot change an agent's primary address; the rest as for a create.
    const NEEDS: &'static [Need] = &[
        Need::unchangeable(Part::Body, "/emails"),
        DISPLAY_NAME,
        FIRST_NAME,
        LAST_NAME,
        AVATAR_URL,
        ADDITIONAL_EMAILS,
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        AgentUpdate {
            display_name: body.name.as_deref(),
            first_name: patched(&body.first_name),
            last_name: patched(&body.last_name),
            avatar_url: patched(&body.avatar),
        }
    }

    fn unified_response(
        &self,
        _call: Call<'_, Self::Body, Self::Query>,
        answer: Created,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(record(answer.data))
    }
}

impl Translate<UsersDelete> for Dixa {
    type Body = ();
    type Query = UserCreateQueryForDixa;
    // Whatever Dixa answers, the id is the unified answer.
    type Answer = IgnoredAny;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Delete, "/v1/agents/{id}");

    fn unified_response(
        &self,
        call: Call<'_, (), Self::Query>,
        _answer: IgnoredAny,
    ) -> Result<UserDeleteResponse, AdapterError> {
        Ok(deleted(call.id))
    }
}

#[cfg(test)]
mod tests {
    use super::page_key;

    #[test]
    fn the_page_key_is_taken_from_the_next_url_or_as_it_is() {
        assert_eq!(
            page_key("https://dev.dixa.io/v1/agents?pageLimit=2&pageKey=a%2Bb%3D").as_deref(),
            Some("a+b=")
        );
        assert_eq!(page_key("cGFnZTI=").as_deref(), Some("cGFnZTI="));
        assert_eq!(page_key("/v1/agents?pageLimit=2"), None);
        assert_eq!(page_key(""), None);
    }
}
