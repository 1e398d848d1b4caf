//! Pivotal Tracker: `POST /projects/{project_id}/memberships` (confidence high: Tracker's own
//! API reference).
//!
//! A user is created by adding a membership to a project; the project id is the first unified
//! `collections[].id`. The body is flat: the primary email, the name, initials made from the name
//! and the first role's name (`member` when no role is given, since Tracker requires one). The
//! unified id is the person's id (the membership has its own id, kept in `remote_data`).
//! Tracker returns no timestamps.
//!
//! List is `GET /projects/{project_id}/memberships` (confidence medium: working clients of
//! Tracker's v5 API), answering a bare array of memberships; whether Tracker pages it is not
//! documented (the clients' paging stops when no paging headers come back), so the list is read
//! whole and the unified page cut from it to the client's `limit`, `next_cursor` the offset
//! where the next one starts. Get, update and delete are left out: Tracker's calls on one
//! membership take the membership's id, not the person's id the unified user has, so each would
//! take two calls.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, Endpoint, Method, Need, Translate};
use unified_core::{Code, Format, Part, ValidationError};
use unified_models::providers;
use unified_models::ticketing::users::{
    CollectionForPivotalTracker, UserCreateBodyForPivotalTracker, UserCreateQueryForPivotalTracker,
    UserCreateResponse, UserListQueryForPivotalTracker, UserListResponse, UsersCreate, UsersList,
};

use crate::people::{
    NativeId, RoleKey, email_records, initials, one_role, primary_email, role_keys,
};
use crate::records::{OFFSET_CURSOR, cut_page, offset};

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
        in_project(
            <Self as Translate<UsersCreate>>::ENDPOINT.path,
            &call.query.collections,
        )
    }

    fn unified_response(
        &self,
        _call: Call<'_, Self::Body, Self::Query>,
        membership: Membership,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(record(membership))
    }
}

/// The unified record of a membership: its person, with the membership's role.
fn record(membership: Membership) -> UserCreateResponse {
    let person = membership.person;
    UserCreateResponse {
        id: Some(person.id.into_string()),
        name: person.name,
        emails: email_records(person.email.as_deref(), &[]),
        username: person.username,
        roles: one_role(None, membership.role),
        ..UserCreateResponse::default()
    }
}

impl Translate<UsersList> for PivotalTracker {
    type Body = ();
    type Query = UserListQueryForPivotalTracker;
    type Answer = Vec<Membership>;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Get, "/projects/{project_id}/memberships");

    // The project as for a create; the cursor is an offset this adapter gave.
    const NEEDS: &'static [Need] = &[
        Need::required(Part::Query, "/collections/*/id"),
        Need::matching(Part::Query, "/collections/*/id", "^[0-9]+$"),
        Need::matching(Part::Query, "/next_cursor", OFFSET_CURSOR),
    ];

    fn path(&self, call: Call<'_, (), Self::Query>) -> Result<Cow<'static, str>, AdapterError> {
        in_project(
            <Self as Translate<UsersList>>::ENDPOINT.path,
            &call.query.collections,
        )
    }

    fn unified_response(
        &self,
        call: Call<'_, (), Self::Query>,
        memberships: Vec<Membership>,
    ) -> Result<UserListResponse, AdapterError> {
        let query = call.query;
        let at = offset(query.next_cursor.as_deref());
        let skip = usize::try_from(at).unwrap_or(usize::MAX);
        let (page, next_cursor) = cut_page(memberships, skip, query.limit, at, false);
        Ok(UserListResponse {
            result: page.into_iter().map(record).collect(),
            next_cursor,
        })
    }
}

/// `path` in the project of the first collection.
fn in_project(
    path: &str,
    collections: &[CollectionForPivotalTracker],
) -> Result<Cow<'static, str>, AdapterError> {
    Ok(path
        .replace("{project_id}", project_id(collections)?)
        .into())
}

/// The project of the first collection. The needs make it digits; it goes into the path only
/// if it is, since text in a path segment could change the path (`..` is a dot-segment even
/// when percent-encoded).
fn project_id(collections: &[CollectionForPivotalTracker]) -> Result<&str, AdapterError> {
    collections
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
        project_id(&query.collections)
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
