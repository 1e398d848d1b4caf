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
//! `truto_is_remote_error`. Every answer tells the account's calls as `used/limit` in
//! `X-Gorgias-Account-Api-Call-Limit`, and a 429 (passed on as one) how long to wait in
//! `Retry-after`.
//!
//! Beyond create (confidence high for update and list, medium for get and delete: see
//! `docs/provider-apis-beyond-create.md`): get is `GET /api/users/{id}`; update is
//! `PUT /api/users/{id}`, which Gorgias takes as a partial update, sent only what the patch sets;
//! list is `GET /api/users?limit=&cursor=`, Gorgias' own cursor carried as the unified
//! `next_cursor`; delete is `DELETE /api/users/{id}`, answered 204 with no body.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use unified_adapter::{
    Adapter, AdapterError, AuthScheme, Call, CredentialPart, Endpoint, Method, Need, Quota,
    RateLimitHeaders, Reset, Translate,
};
use unified_core::{Format, Part, Patch};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForGorgias, UserCreateBodyPatchForGorgias, UserCreateQueryForGorgias,
    UserCreateResponse, UserDeleteResponse, UserListQueryForGorgias, UserListResponse, UsersCreate,
    UsersDelete, UsersGet, UsersList, UsersUpdate,
};

use crate::people::{
    NamedRole, NativeId, RoleKey, ZoneLess, email_records, name_to_send, non_empty, one_role,
    primary_email, record_name, role_keys, timestamp,
};
use crate::records::{deleted, page_query};

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
    // developers.gorgias.com/reference/limitations: every answer carries `used/limit`; a 429
    // carries `Retry-after`, the one reset Gorgias tells.
    const RATE_LIMITS: RateLimitHeaders = RateLimitHeaders::new(
        Quota::UsedOfLimit("x-gorgias-account-api-call-limit"),
        Reset::RetryAfter,
    );
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
        Ok(record(user))
    }
}

/// Gorgias's page of users: `GET /api/users?limit=&cursor=`.
#[derive(Deserialize, Debug)]
pub struct UserPage {
    data: Vec<User>,
    meta: PageMeta,
}

#[derive(Deserialize, Debug)]
struct PageMeta {
    next_cursor: Option<String>,
}

/// What an update sends (`PUT /api/users/{id}`, a partial update): only what the patch sets.
/// A cleared name is sent as `null` for Gorgias to refuse (it requires one); cleared roles give
/// the default role, as a create without roles does.
#[derive(Serialize, Debug)]
struct UserUpdate<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<NamedRole<'a>>,
}

/// The unified record of a Gorgias user, whichever call answered with it.
fn record(user: User) -> UserCreateResponse {
    UserCreateResponse {
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
    }
}

impl Translate<UsersGet> for Gorgias {
    type Body = ();
    type Query = UserCreateQueryForGorgias;
    type Answer = User;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Get, "/api/users/{id}");

    fn unified_response(
        &self,
        _call: Call<'_, (), Self::Query>,
        user: User,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(record(user))
    }
}

impl Translate<UsersList> for Gorgias {
    type Body = ();
    type Query = UserListQueryForGorgias;
    type Answer = UserPage;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Get, "/api/users");

    // Gorgias's own cursor is the unified `next_cursor`, as it gave it.
    fn native_query(&self, call: Call<'_, (), Self::Query>) -> Vec<(String, String)> {
        let query = call.query;
        page_query(
            ("limit", query.limit),
            ("cursor", query.next_cursor.as_deref()),
        )
    }

    fn unified_response(
        &self,
        _call: Call<'_, (), Self::Query>,
        page: UserPage,
    ) -> Result<UserListResponse, AdapterError> {
        Ok(UserListResponse {
            result: page.data.into_iter().map(record).collect(),
            next_cursor: page.meta.next_cursor,
        })
    }
}

impl Translate<UsersUpdate> for Gorgias {
    type Body = UserCreateBodyPatchForGorgias;
    type Query = UserCreateQueryForGorgias;
    type Answer = User;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Put, "/api/users/{id}");

    const NEEDS: &'static [Need] = &[
        Need::required(Part::Body, "/roles/*/name"),
        Need::among(Part::Body, "/roles/*/name", ROLES),
        Need::among(Part::Body, "/remote_data/role/name", NATIVE_ROLES),
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        let name = match (&body.name, &body.first_name, &body.last_name) {
            (Patch::Set(name), _, _) => Some(Some(name.clone())),
            (Patch::Clear, _, _) => Some(None),
            (Patch::Unchanged, first, last) => name_to_send(
                None,
                first.set().map(String::as_str),
                last.set().map(String::as_str),
            )
            .map(Some),
        };
        let role = match &body.roles {
            Patch::Unchanged => None,
            Patch::Clear => Some(NamedRole { name: DEFAULT_ROLE }),
            Patch::Set(roles) => Some(NamedRole {
                name: role_keys(Some(roles), RoleKey::Name)
                    .first()
                    .map_or(DEFAULT_ROLE, |name| native_role(name)),
            }),
        };
        UserUpdate {
            name,
            email: body.emails.as_deref().and_then(primary_email),
            role,
        }
    }

    fn unified_response(
        &self,
        _call: Call<'_, Self::Body, Self::Query>,
        user: User,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(record(user))
    }
}

impl Translate<UsersDelete> for Gorgias {
    type Body = ();
    type Query = UserCreateQueryForGorgias;
    // 204, no body.
    type Answer = IgnoredAny;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Delete, "/api/users/{id}");

    fn unified_response(
        &self,
        call: Call<'_, (), Self::Query>,
        _answer: IgnoredAny,
    ) -> Result<UserDeleteResponse, AdapterError> {
        Ok(deleted(call.id))
    }
}
