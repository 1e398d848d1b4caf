//! Planhat: `POST /users` (confidence high for the fields: Planhat's own reference of the user
//! model; medium for the path, which the reference shows for reading users and the other models'
//! creates).
//!
//! Planhat requires `email`, `nickName`, `firstName` and `lastName`, all required by the unified
//! model for Planhat too. `roles` are Planhat role ids (a role given only by name is refused,
//! pointing at its `id`), `custom` takes `custom_fields`. A new Planhat user is inactive unless
//! told otherwise (the reference: "Default is true"), so `inactive: false` is sent; send
//! `{"inactive": true}` in `remote_data` for an inactive one. Planhat's user has no full-name
//! field: the unified `name` is not sent, and the answer's name is first and last name joined.
//! Planhat keeps one address: the other unified `emails` are not sent.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, Endpoint, Need, Translate};
use unified_core::{Format, Part};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForPlanhat, UserCreateQueryForPlanhat, UserCreateResponse, UserRoleRecord,
    UsersCreate,
};

use crate::people::{
    NativeFlag, RoleKey, ZoneLess, active_unless, email_records, full_name, non_empty,
    primary_email, role_keys, timestamp,
};

/// The Planhat adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct Planhat;

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct UserCreate<'a> {
    email: Option<&'a str>,
    nick_name: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    roles: Vec<&'a str>,
    inactive: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    custom: Option<&'a Map<String, Value>>,
}

/// Planhat's answer to the create call.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(rename = "_id")]
    id: String,
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
    inactive: Option<NativeFlag>,
    created_at: Option<String>,
    updated_at: Option<String>,
}

impl Adapter for Planhat {
    type Provider = providers::planhat;
    const AUTH: AuthScheme = AuthScheme::header("authorization", "Bearer ");
}

impl Translate<UsersCreate> for Planhat {
    type Body = UserCreateBodyForPlanhat;
    type Query = UserCreateQueryForPlanhat;
    type Answer = User;

    const ENDPOINT: Endpoint = Endpoint::post("/users");

    // Planhat requires `email`, `nickName`, `firstName` and `lastName`, which unified fields
    // required for Planhat fill; roles go by id.
    const NEEDS: &'static [Need] = &[
        Need::formatted(Part::Body, "/remote_data/email", Format::Email),
        Need::text(Part::Body, "/remote_data/nickName"),
        Need::text(Part::Body, "/remote_data/firstName"),
        Need::text(Part::Body, "/remote_data/lastName"),
        Need::text(Part::Body, "/remote_data/roles/*"),
        Need::flag(Part::Body, "/remote_data/inactive"),
        Need::required(Part::Body, "/roles/*/id"),
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        let roles = role_keys(body.roles.as_deref(), RoleKey::Id);
        UserCreate {
            email: primary_email(&body.emails),
            nick_name: &body.nick_name,
            first_name: &body.first_name,
            last_name: &body.last_name,
            roles,
            inactive: false,
            custom: body.custom_fields.as_ref(),
        }
    }

    fn unified_response(
        &self,
        _call: Call<'_, Self::Body, Self::Query>,
        user: User,
    ) -> Result<UserCreateResponse, AdapterError> {
        let roles: Vec<UserRoleRecord> = user
            .roles
            .into_iter()
            .map(|id| UserRoleRecord {
                id: Some(id),
                name: None,
            })
            .collect();
        Ok(UserCreateResponse {
            id: Some(user.id),
            name: full_name(user.first_name.as_deref(), user.last_name.as_deref()),
            created_at: timestamp(user.created_at, ZoneLess::Unknown),
            updated_at: timestamp(user.updated_at, ZoneLess::Unknown),
            emails: email_records(user.email.as_deref(), &[]),
            first_name: non_empty(user.first_name),
            last_name: non_empty(user.last_name),
            is_active: active_unless(user.inactive),
            roles: (!roles.is_empty()).then_some(roles),
            ..UserCreateResponse::default()
        })
    }
}
