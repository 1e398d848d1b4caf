//! Each provider's documented native create call as its fake serves it: the route, the headers
//! it insists on, the natively required fields, the field that must be unique, the success
//! answer built from what was sent, and the documented refusals.
//!
//! Where a reference leaves a detail open, the fake assumes one and says so here: the bodies of
//! Re:amaze's 422, Teamwork's 422, SolarWinds' 422 and Planhat's and Dixa's refusals; SolarWinds'
//! 406 without its versioned `Accept`; Freshchat's whole create call (its reference documents
//! reading agents only, so status 201 and `created_time` are assumed); Re:amaze's answer
//! unwrapped, at 200. The adapters read any 2xx and any refusal body, so these choices test the
//! gateway's handling, not a provider's exact words.

use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};

use super::Kind;

/// Why a provider refuses.
pub enum Refusal<'a> {
    /// These natively required fields (JSON pointers) are missing or empty.
    Missing(Vec<&'a str>),
    /// The unique field's value is taken.
    Taken,
    /// The value at this pointer is not one the provider knows.
    NotAllowed(&'static str),
}

impl Kind {
    /// The route of the create call below the fake's root.
    pub fn route(self) -> &'static str {
        match self {
            Kind::Dixa => "/v1/agents",
            Kind::Freshchat => "/v2/agents",
            Kind::Gorgias => "/api/users",
            Kind::Hive => "/api/v1/workspaces/{workspace}/users",
            Kind::PivotalTracker => "/projects/{project}/memberships",
            Kind::Planhat => "/users",
            Kind::QualtricsCorexm => "/API/v3/users",
            Kind::Reamaze => "/api/v1/staff",
            Kind::SolarwindsServiceDesk => "/users.json",
            Kind::TeamworkProjectManagement => "/people.json",
        }
    }

    /// A refusal of the request's headers beyond auth: SolarWinds answers only the API version
    /// it is asked for.
    pub fn refuses_headers(self, headers: &HeaderMap) -> Option<StatusCode> {
        let accept = headers.get("accept").and_then(|value| value.to_str().ok());
        match self {
            Kind::SolarwindsServiceDesk if accept != Some("application/vnd.samanage.v2.1+json") => {
                Some(StatusCode::NOT_ACCEPTABLE)
            }
            _ => None,
        }
    }

    /// The natively required fields.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Kind::Dixa => &["/displayName", "/email"],
            // Freshchat documents none.
            Kind::Freshchat => &[],
            Kind::Gorgias => &["/name", "/email", "/role/name"],
            Kind::Hive => &["/email"],
            Kind::PivotalTracker => &["/email", "/name", "/role"],
            Kind::Planhat => &["/email", "/nickName", "/firstName", "/lastName"],
            Kind::QualtricsCorexm => &[
                "/username",
                "/firstName",
                "/lastName",
                "/userType",
                "/email",
                "/password",
                "/language",
            ],
            Kind::Reamaze => &["/staff/name", "/staff/email"],
            Kind::SolarwindsServiceDesk => &["/user/email"],
            Kind::TeamworkProjectManagement => &[
                "/person/first-name",
                "/person/last-name",
                "/person/email-address",
            ],
        }
    }

    /// Fields with a documented list of values.
    pub fn allowed(self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            Kind::Gorgias => &[(
                "/role/name",
                &[
                    "admin",
                    "agent",
                    "basic-agent",
                    "lite-agent",
                    "observer-agent",
                ],
            )],
            Kind::PivotalTracker => &[("/role", &["owner", "member", "viewer"])],
            _ => &[],
        }
    }

    /// The field no two users may share.
    pub fn unique(self) -> &'static str {
        match self {
            Kind::QualtricsCorexm => "/username",
            Kind::Reamaze => "/staff/email",
            Kind::SolarwindsServiceDesk => "/user/email",
            Kind::TeamworkProjectManagement => "/person/email-address",
            _ => "/email",
        }
    }

    /// The provider's documented refusal.
    pub fn refusal(self, why: &Refusal<'_>) -> (StatusCode, Value) {
        let problem = match why {
            Refusal::Missing(fields) => format!("missing: {}", fields.join(", ")),
            Refusal::Taken => "already taken".to_owned(),
            Refusal::NotAllowed(pointer) => format!("{pointer} is not a known value"),
        };
        let taken = matches!(why, Refusal::Taken);
        match self {
            Kind::Dixa => (StatusCode::BAD_REQUEST, json!({"message": problem})),
            Kind::Freshchat => (
                StatusCode::BAD_REQUEST,
                json!({"code": 400, "status": "INVALID_VALUE", "message": problem}),
            ),
            Kind::Gorgias if taken => (StatusCode::CONFLICT, json!({"error": {"msg": problem}})),
            Kind::Gorgias => (StatusCode::BAD_REQUEST, json!({"error": {"msg": problem}})),
            Kind::Hive => (
                StatusCode::BAD_REQUEST,
                json!([{"error": 400, "message": problem}]),
            ),
            Kind::PivotalTracker => (
                StatusCode::BAD_REQUEST,
                json!({"code": "invalid_parameter", "kind": "error", "error": problem}),
            ),
            Kind::Planhat => (StatusCode::BAD_REQUEST, json!({"message": problem})),
            Kind::QualtricsCorexm => (
                StatusCode::BAD_REQUEST,
                json!({"meta": {
                    "httpStatus": "400 - Bad Request",
                    "error": {"errorMessage": problem, "errorCode": "RP_0.1"},
                }}),
            ),
            Kind::Reamaze => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"errors": {"email": [problem]}}),
            ),
            Kind::SolarwindsServiceDesk => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"email": [if taken { "has already been taken" } else { "can't be blank" }]}),
            ),
            Kind::TeamworkProjectManagement => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"MESSAGE": problem, "STATUS": "Error"}),
            ),
        }
    }

    /// The documented success answer to `body` sent to `path`.
    pub fn answer(self, path: &str, body: &Value) -> (StatusCode, Value) {
        let text = |pointer: &str| body.pointer(pointer).cloned().unwrap_or(Value::Null);
        match self {
            Kind::Dixa => {
                let mut agent = json!({
                    "id": "8f1d0c39-2a8e-4a4c-9f0e-6d1c2b3a4f5e",
                    "createdAt": "2026-11-27T10:00:00Z",
                    "displayName": body["displayName"],
                    "email": body["email"],
                    "additionalEmails": body.get("additionalEmails").cloned().unwrap_or(json!([])),
                    "roles": ["Agent"],
                });
                for native in ["firstName", "lastName", "avatarUrl"] {
                    if let Some(value) = body.get(native) {
                        agent[native] = value.clone();
                    }
                }
                (StatusCode::CREATED, json!({"data": agent}))
            }
            Kind::Freshchat => (
                StatusCode::CREATED,
                json!({
                    "id": "0f3c1b7e-5a2d-4c8e-9b1f-2d3e4f5a6b7c",
                    "email": body["email"],
                    "first_name": body["first_name"],
                    "last_name": body["last_name"],
                    "avatar": body.get("avatar").cloned().unwrap_or(json!({})),
                    "role_id": body.get("role_id").cloned().unwrap_or(json!("ACCOUNT_AGENT")),
                    "groups": body.get("groups").cloned().unwrap_or(json!([])),
                    "is_deactivated": false,
                    "created_time": "2026-11-27T10:00:00.000Z",
                }),
            ),
            Kind::Gorgias => {
                let name = body["name"].as_str().unwrap_or_default();
                let (first, last) = name.rsplit_once(' ').unwrap_or((name, ""));
                (
                    StatusCode::CREATED,
                    json!({
                        "id": 7,
                        "name": name,
                        "firstname": first,
                        "lastname": last,
                        "email": body["email"],
                        "active": true,
                        "created_datetime": "2026-11-27T10:00:00.123456",
                        "updated_datetime": "2026-11-27T10:00:00.123456",
                        "role": {"name": text("/role/name")},
                        "meta": {},
                    }),
                )
            }
            Kind::Hive => {
                let name = body["fullName"].as_str().unwrap_or_default();
                let (first, last) = name.rsplit_once(' ').unwrap_or((name, ""));
                (
                    StatusCode::OK,
                    json!({
                        "id": "hUsr8QzK2",
                        "fullName": name,
                        "profile": {"firstName": first, "lastName": last},
                        "email": body["email"],
                    }),
                )
            }
            Kind::PivotalTracker => {
                let project = path.split('/').nth(2).unwrap_or_default();
                (
                    StatusCode::OK,
                    json!({
                        "kind": "project_membership",
                        "id": 1001,
                        "project_id": project.parse::<u64>().unwrap_or(0),
                        "role": body["role"],
                        "person": {
                            "kind": "person",
                            "id": 42,
                            "name": body["name"],
                            "email": body["email"],
                            "initials": body["initials"],
                            "username": "ada",
                        },
                    }),
                )
            }
            Kind::Planhat => (
                StatusCode::OK,
                json!({
                    "_id": "64f0c2a1e4b0a1b2c3d4e5f6",
                    "email": body["email"],
                    "nickName": body["nickName"],
                    "firstName": body["firstName"],
                    "lastName": body["lastName"],
                    "roles": body.get("roles").cloned().unwrap_or(json!([])),
                    "teams": [],
                    "inactive": body.get("inactive").cloned().unwrap_or(json!(true)),
                    "image": {},
                    "createdAt": "2026-11-27T10:00:00.000Z",
                    "updatedAt": "2026-11-27T10:00:00.000Z",
                    "custom": body.get("custom").cloned().unwrap_or(json!({})),
                }),
            ),
            Kind::QualtricsCorexm => (
                StatusCode::OK,
                json!({
                    "result": {"id": "UR_0ABCdefGHIjklMN"},
                    "meta": {"httpStatus": "200 - OK", "requestId": "5c7f2a8e-1b3d-4e5f-8a9b-0c1d2e3f4a5b"},
                }),
            ),
            Kind::Reamaze => (
                StatusCode::OK,
                json!({
                    "name": text("/staff/name"),
                    "email": text("/staff/email"),
                    "display_name": text("/staff/name"),
                    "created_at": "2026-11-27T10:00:00.000Z",
                    "role": {"manage_settings": false, "view_reports": true},
                }),
            ),
            Kind::SolarwindsServiceDesk => (
                StatusCode::OK,
                json!({
                    "id": 4406,
                    "name": text("/user/name"),
                    "email": text("/user/email"),
                    "disabled": if body.pointer("/user/disabled") == Some(&json!(true)) { "true" } else { "false" },
                    "created_at": "2026-11-27T10:00:00.000+00:00",
                    "updated_at": "2026-11-27T10:00:00.000+00:00",
                    "role": {"id": 3, "name": body.pointer("/user/role/name").cloned().unwrap_or(json!("Requester"))},
                    // Numbers, as SolarWinds has its ids.
                    "group_ids": body
                        .pointer("/user/group_ids")
                        .and_then(Value::as_array)
                        .map(|ids| ids.iter().filter_map(|id| id.as_str()?.parse::<u64>().ok()).collect::<Vec<_>>())
                        .unwrap_or_default(),
                }),
            ),
            Kind::TeamworkProjectManagement => (
                StatusCode::CREATED,
                json!({
                    "id": "501",
                    "STATUS": "OK",
                    "user": {
                        "id": "501",
                        "firstName": text("/person/first-name"),
                        "lastName": text("/person/last-name"),
                        "avatarUrl": "https://s3.amazonaws.com/tw-avatars/501.png",
                    },
                }),
            ),
        }
    }
}
