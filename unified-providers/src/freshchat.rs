//! Freshchat: `POST /v2/agents` (confidence low for the request: Freshchat's reference
//! documents reading agents but no create call; the agent's fields come from the agent model of
//! Freshchat's API description, as an SDK generated from it has them).
//!
//! The agent takes `email` (the primary address), `first_name` and `last_name` (split from the
//! unified `name` when they are not given), `avatar.url`, `role_id` (the first role's id) and
//! `groups` (the team ids); one address only, so the other unified `emails` are not sent.
//! Freshchat names an agent only by first and last name, and the response contract requires a
//! name from Freshchat, so a first or a last name must be sent: from `first_name`, `last_name`,
//! `name` or `remote_data` (declared in its needs, which the schemas served for Freshchat show). The answer's `created_time`, which Freshchat's own
//! model does not list, is used when present.

use serde::{Deserialize, Serialize};
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, Endpoint, Need, Translate};
use unified_core::{Format, Part};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForFreshchat, UserCreateQueryForFreshchat, UserCreateResponse, UsersCreate,
};

use crate::people::{
    NativeFlag, RoleKey, ZoneLess, active_unless, avatar, email_records, first_and_last, non_empty,
    one_role, primary_email, record_name, role_keys, timestamp,
};

/// The Freshchat adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Freshchat;

#[derive(Serialize, Debug)]
struct AgentCreate<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    avatar: Option<Avatar<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<&'a [String]>,
}

#[derive(Serialize, Debug)]
struct Avatar<'a> {
    url: &'a str,
}

/// Freshchat's answer to the create call.
#[derive(Deserialize, Debug)]
pub struct Agent {
    id: String,
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    avatar: Option<AvatarAnswer>,
    role_id: Option<String>,
    groups: Option<Vec<String>>,
    created_time: Option<String>,
    is_deactivated: Option<NativeFlag>,
}

#[derive(Deserialize, Debug)]
struct AvatarAnswer {
    url: Option<String>,
}

impl Adapter for Freshchat {
    type Provider = providers::freshchat;
    const AUTH: AuthScheme = AuthScheme::header("authorization", "Bearer ");
}

impl Translate<UsersCreate> for Freshchat {
    type Body = UserCreateBodyForFreshchat;
    type Query = UserCreateQueryForFreshchat;
    type Answer = Agent;

    const ENDPOINT: Endpoint = Endpoint::post("/v2/agents");

    // A first or a last name (the response needs a name from Freshchat, which names agents by
    // them), and roles by id.
    const NEEDS: &'static [Need] = &[
        Need::one_of(
            Part::Body,
            &[
                "/first_name",
                "/last_name",
                "/name",
                "/remote_data/first_name",
                "/remote_data/last_name",
            ],
        ),
        Need::required(Part::Body, "/roles/*/id"),
        Need::formatted(Part::Body, "/remote_data/email", Format::Email),
        Need::formatted(Part::Body, "/remote_data/avatar/url", Format::Uri),
        Need::text(Part::Body, "/remote_data/role_id"),
        Need::text(Part::Body, "/remote_data/groups/*"),
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        let (first_name, last_name) = first_and_last(
            body.first_name.as_deref(),
            body.last_name.as_deref(),
            body.name.as_deref(),
        );
        AgentCreate {
            email: primary_email(body.emails.as_deref().unwrap_or_default()),
            first_name,
            last_name,
            avatar: body.avatar.as_deref().map(|url| Avatar { url }),
            role_id: role_keys(body.roles.as_deref(), RoleKey::Id)
                .first()
                .copied(),
            groups: body.team_ids.as_deref(),
        }
    }

    fn unified_response(
        &self,
        _call: Call<'_, Self::Body, Self::Query>,
        agent: Agent,
    ) -> Result<UserCreateResponse, AdapterError> {
        let name = record_name(
            None,
            agent.first_name.as_deref(),
            agent.last_name.as_deref(),
        );
        Ok(UserCreateResponse {
            id: Some(agent.id),
            name,
            avatar: avatar(agent.avatar.and_then(|avatar| avatar.url)),
            created_at: timestamp(agent.created_time, ZoneLess::Unknown),
            emails: email_records(agent.email.as_deref(), &[]),
            first_name: non_empty(agent.first_name),
            last_name: non_empty(agent.last_name),
            is_active: active_unless(agent.is_deactivated),
            roles: one_role(agent.role_id, None),
            team_ids: agent.groups.filter(|groups| !groups.is_empty()),
            ..UserCreateResponse::default()
        })
    }
}
