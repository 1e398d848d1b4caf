//! Gorgias: `POST /api/users` (confidence high: Gorgias' own API reference).
//!
//! Gorgias requires `name`, `email` and `role.name`. The name is the unified `name`, else first
//! and last name joined (Gorgias' create call has no separate first and last names); the role is
//! the first role's name, `agent` when none is given: the spec's `owner`, `member` and `viewer`
//! become Gorgias' `admin`, `agent` and `observer-agent`, and Gorgias' own five names are taken
//! as they are (both declared in its needs). Gorgias keeps one address: the other unified
//! `emails` are not sent. Gorgias answers with an integer id (made a string), `active` (the
//! unified `is_active`) and zone-less UTC datetimes, which get their `Z`.
//! A taken address is a 409, invalid parameters a 400; both reach the client as a 502 with
//! `truto_is_remote_error`.

use serde::{Deserialize, Serialize};
use unified_adapter::{
    Adapter, AdapterError, AuthScheme, Call, CredentialPart, Endpoint, Need, Translate,
};
use unified_core::{Format, Part};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForGorgias, UserCreateQueryForGorgias, UserCreateResponse, UsersCreate,
};

use crate::people::{
    NamedRole, NativeId, RoleKey, ZoneLess, email_records, name_to_send, non_empty, one_role,
    primary_email, record_name, role_keys, timestamp,
};

/// The Gorgias adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Gorgias;

/// The role a user gets when the request names none (Gorgias requires one).
const DEFAULT_ROLE: &str = "agent";

/// Gorgias' own roles.
const NATIVE_ROLES: &[&str] = &[
    "admin",
    "agent",
    "basic-agent",
    "lite-agent",
    "observer-agent",
];

/// The role names a unified request may give for Gorgias: the spec's (owner, member, viewer),
/// then Gorgias' own.
const ROLES: &[&str] = &[
    "owner",
    "member",
    "viewer",
    "admin",
    "agent",
    "basic-agent",
    "lite-agent",
    "observer-agent",
];

/// Gorgias' role for a unified one: `owner` is an admin, `member` an agent, `viewer` an
/// observer; Gorgias' own names are sent as they are. (Our mapping: Gorgias documents its roles,
/// not the spec's words.)
fn native_role(name: &str) -> &str {
    match name {
        "owner" => "admin",
        "member" => "agent",
        "viewer" => "observer-agent",
        other => other,
    }
}

#[derive(Serialize, Debug)]
struct UserCreate<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    email: Option<&'a str>,
    role: NamedRole<'a>,
}

/// Gorgias's answer to the create call.
#[derive(Deserialize, Debug)]
pub struct User {
    id: NativeId,
    name: Option<String>,
    firstname: Option<String>,
    lastname: Option<String>,
    email: Option<String>,
    active: Option<bool>,
    created_datetime: Option<String>,
    updated_datetime: Option<String>,
    role: Option<RoleAnswer>,
}

#[derive(Deserialize, Debug)]
struct RoleAnswer {
    name: Option<String>,
}

impl Adapter for Gorgias {
    type Provider = providers::gorgias;
    const AUTH: AuthScheme = AuthScheme::basic(CredentialPart::Password);
}

impl Translate<UsersCreate> for Gorgias {
    type Body = UserCreateBodyForGorgias;
    type Query = UserCreateQueryForGorgias;
    type Answer = User;

    const ENDPOINT: Endpoint = Endpoint::post("/api/users");

    // Gorgias requires `name`, `email` and `role.name`, one of its five roles.
    const NEEDS: &'static [Need] = &[
        Need::one_of(
            Part::Body,
            &["/name", "/first_name", "/last_name", "/remote_data/name"],
        ),
        Need::formatted(Part::Body, "/remote_data/email", Format::Email),
        Need::required(Part::Body, "/roles/*/name"),
        Need::among(Part::Body, "/roles/*/name", ROLES),
        Need::among(Part::Body, "/remote_data/role/name", NATIVE_ROLES),
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        UserCreate {
            name: name_to_send(
                body.name.as_deref(),
                body.first_name.as_deref(),
                body.last_name.as_deref(),
            ),
            email: primary_email(&body.emails),
            role: NamedRole {
                name: role_keys(body.roles.as_deref(), RoleKey::Name)
                    .first()
                    .map_or(DEFAULT_ROLE, |name| native_role(name)),
            },
        }
    }

    fn unified_response(
        &self,
        _call: Call<'_, Self::Body, Self::Query>,
        user: User,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(UserCreateResponse {
            id: Some(user.id.into_string()),
            name: record_name(
                user.name,
                user.firstname.as_deref(),
                user.lastname.as_deref(),
            ),
            created_at: timestamp(user.created_datetime, ZoneLess::Utc),
            updated_at: timestamp(user.updated_datetime, ZoneLess::Utc),
            emails: email_records(user.email.as_deref(), &[]),
            first_name: non_empty(user.firstname),
            last_name: non_empty(user.lastname),
            is_active: user.active,
            roles: one_role(None, user.role.and_then(|role| role.name)),
            ..UserCreateResponse::default()
        })
    }
}
