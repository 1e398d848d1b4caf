//! SolarWinds Service Desk: `POST /users.json` (confidence high for the host, headers and body
//! wrapping: SolarWinds' own API documentation; medium for the fields, from SolarWinds' sample
//! code and working clients).
//!
//! The body is `{"user": {name, email, role: {name}, group_ids, disabled}}`, sent with
//! `Accept: application/vnd.samanage.v2.1+json`, the API version SolarWinds documents. The
//! unified `status` becomes `disabled` and `team_ids` become `group_ids`: SolarWinds' users
//! carry both, but its create examples show neither. SolarWinds requires an email address. Its
//! answer's ids may be numbers or strings and `disabled` a boolean or the text "true"/"false";
//! the unified record has string ids and `is_active` the other way round. A user has one
//! address: the other unified `emails` are not sent.
//!
//! On existing users (confidence medium: SolarWinds' older API reference, which documents the
//! same calls in XML): get is `GET /users/{id}.json`; update is `PUT /users/{id}.json` with
//! `{"user": {...}}`, sent only what the patch sets (the reference's examples send some fields
//! only); both answer the user, with the same `Accept`. A user always has a role, so an update
//! may change roles but not clear them. List (its paging is not documented) and delete (whether
//! it deletes or disables is not documented) are left out.

use serde::{Deserialize, Serialize};
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, Endpoint, Method, Need, Translate};
use unified_core::{Format, Part, Patch};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForSolarwindsServiceDesk, UserCreateBodyPatchForSolarwindsServiceDesk,
    UserCreateQueryForSolarwindsServiceDesk, UserCreateResponse, UserStatus, UsersCreate, UsersGet,
    UsersUpdate,
};

use crate::people::{
    NamedRole, NativeFlag, NativeId, RoleKey, ZoneLess, active_unless, email_records, non_empty,
    one_role, primary_email, role_keys, timestamp,
};

/// The SolarWinds Service Desk adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct SolarwindsServiceDesk;

/// The API version SolarWinds answers in this shape.
const API_VERSION: &str = "application/vnd.samanage.v2.1+json";

#[derive(Serialize, Debug)]
struct UserCreate<'a> {
    user: NewUser<'a>,
}

#[derive(Serialize, Debug)]
struct NewUser<'a> {
    name: &'a str,
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<NamedRole<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_ids: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disabled: Option<bool>,
}

/// SolarWinds Service Desk's answer to the create call.
#[derive(Deserialize, Debug)]
pub struct User {
    id: NativeId,
    name: Option<String>,
    email: Option<String>,
    disabled: Option<NativeFlag>,
    created_at: Option<String>,
    updated_at: Option<String>,
    role: Option<RoleAnswer>,
    group_ids: Option<Vec<NativeId>>,
}

#[derive(Deserialize, Debug)]
struct RoleAnswer {
    id: Option<NativeId>,
    name: Option<String>,
}

// What SolarWinds needs of a user, created or updated: roles by name, and in `remote_data`
// what it takes there.
const EMAIL: Need = Need::formatted(Part::Body, "/remote_data/user/email", Format::Email);
const NAME: Need = Need::text(Part::Body, "/remote_data/user/name");
const ROLE: Need = Need::text(Part::Body, "/remote_data/user/role/name");
const NAMED_ROLES: Need = Need::required(Part::Body, "/roles/*/name");

impl Adapter for SolarwindsServiceDesk {
    type Provider = providers::solarwinds_service_desk;
    const AUTH: AuthScheme = AuthScheme::header("x-samanage-authorization", "Bearer ");
}

impl Translate<UsersCreate> for SolarwindsServiceDesk {
    type Body = UserCreateBodyForSolarwindsServiceDesk;
    type Query = UserCreateQueryForSolarwindsServiceDesk;
    type Answer = User;

    const ENDPOINT: Endpoint =
        Endpoint::post("/users.json").with_headers(&[("accept", API_VERSION)]);

    // SolarWinds requires an email address; roles go by name.
    const NEEDS: &'static [Need] = &[EMAIL, NAME, ROLE, NAMED_ROLES];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        UserCreate {
            user: NewUser {
                name: &body.name,
                email: primary_email(&body.emails),
                role: role_keys(body.roles.as_deref(), RoleKey::Name)
                    .first()
                    .map(|&name| NamedRole { name }),
                group_ids: body.team_ids.as_deref(),
                disabled: body.status.map(|status| status == UserStatus::Inactive),
            },
        }
    }

    fn unified_response(
        &self,
        call: Call<'_, Self::Body, Self::Query>,
        user: User,
    ) -> Result<UserCreateResponse, AdapterError> {
        let mut record = record(user);
        record.name = record.name.or_else(|| Some(call.body.name.clone()));
        Ok(record)
    }
}

/// The unified record of a SolarWinds user, whichever call answered with it.
fn record(user: User) -> UserCreateResponse {
    let team_ids: Option<Vec<String>> = user
        .group_ids
        .map(|ids| ids.into_iter().map(NativeId::into_string).collect())
        .filter(|ids: &Vec<String>| !ids.is_empty());
    UserCreateResponse {
        id: Some(user.id.into_string()),
        name: non_empty(user.name),
        created_at: timestamp(user.created_at, ZoneLess::Unknown),
        updated_at: timestamp(user.updated_at, ZoneLess::Unknown),
        emails: email_records(user.email.as_deref(), &[]),
        is_active: active_unless(user.disabled),
        roles: user
            .role
            .and_then(|role| one_role(role.id.map(NativeId::into_string), role.name)),
        team_ids,
        ..UserCreateResponse::default()
    }
}

impl Translate<UsersGet> for SolarwindsServiceDesk {
    type Body = ();
    type Query = UserCreateQueryForSolarwindsServiceDesk;
    type Answer = User;

    const ENDPOINT: Endpoint =
        Endpoint::new(Method::Get, "/users/{id}.json").with_headers(&[("accept", API_VERSION)]);

    fn unified_response(
        &self,
        _call: Call<'_, (), Self::Query>,
        user: User,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(record(user))
    }
}

/// What an update sends: `{"user": {...}}` with what the patch sets.
#[derive(Serialize, Debug)]
struct UserUpdate<'a> {
    user: ChangedUser<'a>,
}

#[derive(Serialize, Debug)]
struct ChangedUser<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<NamedRole<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_ids: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disabled: Option<bool>,
}

impl Translate<UsersUpdate> for SolarwindsServiceDesk {
    type Body = UserCreateBodyPatchForSolarwindsServiceDesk;
    type Query = UserCreateQueryForSolarwindsServiceDesk;
    type Answer = User;

    const ENDPOINT: Endpoint =
        Endpoint::new(Method::Put, "/users/{id}.json").with_headers(&[("accept", API_VERSION)]);

    // A SolarWinds user always has a role: roles may be changed, not cleared.
    const NEEDS: &'static [Need] = &[
        EMAIL,
        NAME,
        ROLE,
        NAMED_ROLES,
        Need::kept(Part::Body, "/roles"),
    ];

    // Cleared teams leave the user in no group; a cleared status makes it active again, as a
    // user created without one is.
    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        UserUpdate {
            user: ChangedUser {
                name: body.name.as_deref(),
                email: body.emails.as_deref().and_then(primary_email),
                role: body.roles.set().and_then(|roles| {
                    role_keys(Some(roles), RoleKey::Name)
                        .first()
                        .map(|&name| NamedRole { name })
                }),
                group_ids: match &body.team_ids {
                    Patch::Unchanged => None,
                    Patch::Clear => Some(&[]),
                    Patch::Set(ids) => Some(ids),
                },
                disabled: match body.status {
                    Patch::Unchanged => None,
                    Patch::Clear => Some(false),
                    Patch::Set(status) => Some(status == UserStatus::Inactive),
                },
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
