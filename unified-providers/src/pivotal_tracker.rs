//! Pivotal Tracker: `POST /projects/{project_id}/memberships` (confidence high: Tracker's own
//! API reference).
//!
//! A user is created by adding a membership to a project; the project id is the first unified
//! `collections[].id`. The body is flat: the primary email, the name, initials made from the name
//! and the first role's name (`member` when no role is given, since Tracker requires one). The
//! unified id is the person's id (the membership has its own id, kept in `remote_data`).
//! Tracker returns no timestamps.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, Endpoint, Need, Translate};
use unified_core::{Code, Format, Part, ValidationError};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForPivotalTracker, UserCreateQueryForPivotalTracker, UserCreateResponse,
    UsersCreate,
};

use crate::people::{
    NativeId, RoleKey, email_records, initials, one_role, primary_email, role_keys,
};

/// The Pivotal Tracker adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct PivotalTracker;

/// The role a membership gets when the request names none.
const DEFAULT_ROLE: &str = "member";

#[derive(Serialize, Debug)]
struct MembershipCreate<'a> {
    email: Option<&'a str>,
    name: &'a str,
    initials: String,
    role: &'a str,
}

/// Pivotal Tracker's answer to the create call.
#[derive(Deserialize, Debug)]
pub struct Membership {
    person: Person,
    role: Option<String>,
}

#[derive(Deserialize, Debug)]
struct Person {
    id: NativeId,
    name: Option<String>,
    email: Option<String>,
    username: Option<String>,
}

impl Adapter for PivotalTracker {
    type Provider = providers::pivotal_tracker;
    const AUTH: AuthScheme = AuthScheme::header("x-trackertoken", "");
}

impl Translate<UsersCreate> for PivotalTracker {
    type Body = UserCreateBodyForPivotalTracker;
    type Query = UserCreateQueryForPivotalTracker;
    type Answer = Membership;

    const ENDPOINT: Endpoint = Endpoint::post("/projects/{project_id}/memberships");

    // The project is the first collection's id, a Tracker project id (digits); Tracker requires
    // `email`, `name` and `role` (one of its three), and takes roles by name.
    const NEEDS: &'static [Need] = &[
        Need::required(Part::Query, "/collections/*/id"),
        Need::matching(Part::Query, "/collections/*/id", "^[0-9]+$"),
        Need::formatted(Part::Body, "/remote_data/email", Format::Email),
        Need::text(Part::Body, "/remote_data/name"),
        Need::among(
            Part::Body,
            "/remote_data/role",
            &["owner", "member", "viewer"],
        ),
        Need::required(Part::Body, "/roles/*/name"),
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        let role = role_keys(body.roles.as_deref(), RoleKey::Name)
            .first()
            .copied()
            .unwrap_or(DEFAULT_ROLE);
        MembershipCreate {
            email: primary_email(&body.emails),
            name: &body.name,
            initials: initials(&body.name),
            role,
        }
    }

    fn path(
        &self,
        call: Call<'_, Self::Body, Self::Query>,
    ) -> Result<Cow<'static, str>, AdapterError> {
        let project = project_id(call.query)?;
        Ok(Self::ENDPOINT.path.replace("{project_id}", project).into())
    }

    fn unified_response(
        &self,
        _call: Call<'_, Self::Body, Self::Query>,
        membership: Membership,
    ) -> Result<UserCreateResponse, AdapterError> {
        let person = membership.person;
        Ok(UserCreateResponse {
            id: Some(person.id.into_string()),
            name: person.name,
            emails: email_records(person.email.as_deref(), &[]),
            username: person.username,
            roles: one_role(None, membership.role),
            ..UserCreateResponse::default()
        })
    }
}

/// The project of the first collection. The needs make it digits; it goes into the path only
/// if it is, since text in a path segment could change the path (`..` is a dot-segment even
/// when percent-encoded).
fn project_id(query: &UserCreateQueryForPivotalTracker) -> Result<&str, AdapterError> {
    query
        .collections
        .first()
        .and_then(|collection| collection.id.as_deref())
        .filter(|id| !id.is_empty() && id.bytes().all(|byte| byte.is_ascii_digit()))
        .ok_or_else(|| AdapterError::Request {
            part: Part::Query,
            error: ValidationError::new(
                "/collections/0/id",
                Code::Pattern,
                "cannot be put in a Pivotal Tracker path: a project id is digits only",
            ),
        })
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use unified_core::UnifiedModel;
    use unified_models::providers;
    use unified_models::ticketing::users::UserCreateQuery;

    use super::project_id;

    fn project(collections: serde_json::Value) -> Result<String, String> {
        let query = UserCreateQuery::view_from_value::<providers::pivotal_tracker>(&json!({
            "collections": collections,
        }))
        .unwrap();
        project_id(&query)
            .map(str::to_owned)
            .map_err(|error| error.to_string())
    }

    #[test]
    fn ids_cannot_escape_their_segment() {
        assert_eq!(project(json!([{"id": "99"}])).unwrap(), "99");
        for escaping in ["..", "../admin?x=1", "%2E%2E", "9/9", " 9"] {
            let error = project(json!([{"id": escaping}])).unwrap_err();
            assert!(error.contains("digits only"), "{escaping}: {error}");
        }
        let missing = project(json!([{}])).unwrap_err();
        assert!(missing.contains("digits only"), "{missing}");
    }
}
