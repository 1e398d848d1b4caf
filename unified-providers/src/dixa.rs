//! Dixa: `POST /v1/agents` (confidence high: Dixa's own API reference).
//!
//! The agent takes one `email` (the unified primary address) and `additionalEmails` (the
//! others). Unified `roles` and `team_ids` have no place in Dixa's create call; send them
//! through `remote_data` if a Dixa account needs them.

use serde::{Deserialize, Serialize};
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, Endpoint, Need, Translate};
use unified_core::{Format, Part};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForDixa, UserCreateQueryForDixa, UserCreateResponse, UserRoleRecord, UsersCreate,
};

use crate::people::{email_records, other_emails, primary_email};

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
        Need::text(Part::Body, "/remote_data/displayName"),
        Need::formatted(Part::Body, "/remote_data/email", Format::Email),
        Need::text(Part::Body, "/remote_data/firstName"),
        Need::text(Part::Body, "/remote_data/lastName"),
        Need::formatted(Part::Body, "/remote_data/avatarUrl", Format::Uri),
        Need::formatted(Part::Body, "/remote_data/additionalEmails/*", Format::Email),
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
        let Created { data: agent } = answer;
        let roles: Vec<UserRoleRecord> = agent
            .roles
            .into_iter()
            .map(|name| UserRoleRecord {
                id: None,
                name: Some(name),
            })
            .collect();
        Ok(UserCreateResponse {
            id: Some(agent.id),
            name: agent.display_name,
            avatar: agent.avatar_url,
            created_at: agent.created_at,
            emails: email_records(agent.email.as_deref(), &agent.additional_emails),
            first_name: agent.first_name,
            last_name: agent.last_name,
            roles: (!roles.is_empty()).then_some(roles),
            ..UserCreateResponse::default()
        })
    }
}
