//! Teamwork Project Management: `POST /people.json` (confidence high: Teamwork's own API
//! reference, v1 "Add a new user").
//!
//! The body is `{"person": {...}}` with hyphenated keys. Teamwork requires `first-name`,
//! `last-name` and `email-address`; the unified model has first and last name for Teamwork but
//! no email address, so **the address comes from `remote_data`**:
//! `{"remote_data": {"person": {"email-address": "ada@example.org"}}}` (merged into the
//! `person` envelope). A request without it is refused before it is sent, and the schemas served
//! for Teamwork require it (the adapter's needs). Teamwork's create call
//! documents no avatar field, so the unified `avatar` is not sent (the answer's `avatarUrl` is
//! read). Teamwork answers 201 with the new id and, in its current reference, the `user` it
//! made; first and last names the answer lacks are the ones sent. The credential is
//! `api-key:X` (Teamwork ignores the password); a `person.password` sent through `remote_data`
//! is removed from whatever Teamwork answers.
//!
//! On existing people (the v1 reference's "People" calls; confidence medium, the
//! `teamwork_api` gem and working scripts): `GET /people/{id}.json` answering `{"person":
//! {...}}` with hyphenated keys, `PUT /people/{id}.json` with the create's `{"person": {...}}`
//! envelope, partial (only what the patch sets is sent), and `GET
//! /people.json?page=&pageSize=` answering `{"people": [...]}`. Teamwork's pages are numbered:
//! the unified `next_cursor` is the next page's number, given while a page comes back full
//! (how Teamwork signals the last page is not documented, so a list whose size divides the
//! page size ends with one empty page). An update sends what the patch sets; Teamwork requires
//! a first and a last name, which the spec has as merely supported, so an update may change
//! them but not clear them (the adapter's needs), and since Teamwork answers `{"STATUS": "OK"}`
//! alone, the unified answer is the id with the names the patch set, as a create's is. Delete is
//! left out until its meaning (delete or deactivate) is documented.
//!
//! Teamwork tells its rate limit in `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining` and
//! `X-Rate-Limit-Reset`, and answers 429 past it.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use unified_adapter::{
    Adapter, AdapterError, AuthScheme, Call, CredentialPart, Endpoint, Method, Need, Quota,
    RateLimitHeaders, Reset, Translate,
};
use unified_core::{Format, Part};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBodyForTeamworkProjectManagement, UserCreateBodyPatchForTeamworkProjectManagement,
    UserCreateQueryForTeamworkProjectManagement, UserCreateResponse,
    UserListQueryForTeamworkProjectManagement, UserListResponse, UsersCreate, UsersGet, UsersList,
    UsersUpdate,
};

use crate::people::{NativeId, avatar, non_empty};
use crate::records::page_query;

/// The Teamwork Project Management adapter.
#[derive(Clone, Copy, Debug, Default)]
pub struct TeamworkProjectManagement;

#[derive(Serialize, Debug)]
struct PersonCreate<'a> {
    person: NewPerson<'a>,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "kebab-case")]
struct NewPerson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<&'a str>,
}

/// Teamwork's answer to the create call.
#[derive(Deserialize, Debug)]
pub struct Created {
    id: NativeId,
    user: Option<User>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
struct User {
    avatar_url: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
}

/// A person's address, where `remote_data` gives one (on create and update alike).
const ADDRESS: Need = Need::formatted(
    Part::Body,
    "/remote_data/person/email-address",
    Format::Email,
);

impl Adapter for TeamworkProjectManagement {
    type Provider = providers::teamwork_project_management;
    const AUTH: AuthScheme = AuthScheme::basic(CredentialPart::User);
    // Teamwork's reset is "the remaining window before the rate limit resets, in UTC epoch
    // seconds": read as a time when it is one, else as seconds.
    const RATE_LIMITS: RateLimitHeaders = RateLimitHeaders::new(
        Quota::LimitAndRemaining {
            limit: "x-rate-limit-limit",
            remaining: "x-rate-limit-remaining",
        },
        Reset::SecondsOrEpoch("x-rate-limit-reset"),
    );
}

impl Translate<UsersCreate> for TeamworkProjectManagement {
    type Body = UserCreateBodyForTeamworkProjectManagement;
    type Query = UserCreateQueryForTeamworkProjectManagement;
    type Answer = Created;

    const ENDPOINT: Endpoint = Endpoint::post("/people.json").with_secrets(&["/person/password"]);

    // Teamwork requires `first-name`, `last-name` and `email-address`; no unified field carries
    // an address for Teamwork, so it comes from `remote_data`.
    const NEEDS: &'static [Need] = &[
        Need::one_of(
            Part::Body,
            &["/first_name", "/remote_data/person/first-name"],
        ),
        Need::one_of(Part::Body, &["/last_name", "/remote_data/person/last-name"]),
        Need::required(Part::Body, "/remote_data/person/email-address"),
        ADDRESS,
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        PersonCreate {
            person: NewPerson {
                first_name: body.first_name.as_deref(),
                last_name: body.last_name.as_deref(),
            },
        }
    }

    fn unified_response(
        &self,
        call: Call<'_, Self::Body, Self::Query>,
        created: Created,
    ) -> Result<UserCreateResponse, AdapterError> {
        let user = created.user.unwrap_or_default();
        let sent = |field: &Option<String>| field.clone();
        Ok(UserCreateResponse {
            id: Some(created.id.into_string()),
            avatar: avatar(user.avatar_url),
            first_name: non_empty(user.first_name).or_else(|| sent(&call.body.first_name)),
            last_name: non_empty(user.last_name).or_else(|| sent(&call.body.last_name)),
            ..UserCreateResponse::default()
        })
    }
}

/// A person as Teamwork's v1 calls on people answer with one: hyphenated keys.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "kebab-case")]
pub struct Person {
    id: NativeId,
    first_name: Option<String>,
    last_name: Option<String>,
    avatar_url: Option<String>,
}

/// Teamwork's answer with one person.
#[derive(Deserialize, Debug)]
pub struct OnePerson {
    person: Person,
}

/// Teamwork's page of people.
#[derive(Deserialize, Debug)]
pub struct People {
    people: Vec<Person>,
}

/// The unified record of a Teamwork person.
fn record(person: Person) -> UserCreateResponse {
    UserCreateResponse {
        id: Some(person.id.into_string()),
        avatar: avatar(person.avatar_url),
        first_name: non_empty(person.first_name),
        last_name: non_empty(person.last_name),
        ..UserCreateResponse::default()
    }
}

/// Teamwork's pages are numbered from 1; the unified `next_cursor` holds the next one's number.
const FIRST_PAGE: u32 = 1;

/// The page size sent when the client asks for none: always sent, so whether a page came back
/// full is judged against the size Teamwork was asked for, not a default of its own.
const DEFAULT_PAGE_SIZE: u32 = 50;

impl Translate<UsersGet> for TeamworkProjectManagement {
    type Body = ();
    type Query = UserCreateQueryForTeamworkProjectManagement;
    type Answer = OnePerson;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Get, "/people/{id}.json");

    fn unified_response(
        &self,
        _call: Call<'_, (), Self::Query>,
        answer: OnePerson,
    ) -> Result<UserCreateResponse, AdapterError> {
        Ok(record(answer.person))
    }
}

impl Translate<UsersList> for TeamworkProjectManagement {
    type Body = ();
    type Query = UserListQueryForTeamworkProjectManagement;
    type Answer = People;

    const ENDPOINT: Endpoint = Endpoint::new(Method::Get, "/people.json");

    // The cursor is a page number this adapter gave; another is refused before it is sent.
    const NEEDS: &'static [Need] = &[Need::matching(
        Part::Query,
        "/next_cursor",
        "^[1-9][0-9]{0,8}$",
    )];

    fn native_query(&self, call: Call<'_, (), Self::Query>) -> Vec<(String, String)> {
        let query = call.query;
        let page = query.next_cursor.as_deref().unwrap_or("1");
        let size = query.limit.unwrap_or(DEFAULT_PAGE_SIZE);
        page_query(("pageSize", Some(size)), ("page", Some(page)))
    }

    fn unified_response(
        &self,
        call: Call<'_, (), Self::Query>,
        page: People,
    ) -> Result<UserListResponse, AdapterError> {
        let query = call.query;
        let number = query
            .next_cursor
            .as_deref()
            .and_then(|cursor| cursor.parse::<u32>().ok())
            .unwrap_or(FIRST_PAGE);
        let size = query.limit.unwrap_or(DEFAULT_PAGE_SIZE);
        let full = u32::try_from(page.people.len()).is_ok_and(|count| count >= size);
        Ok(UserListResponse {
            next_cursor: full.then(|| (number + 1).to_string()),
            result: page.people.into_iter().map(record).collect(),
        })
    }
}

impl Translate<UsersUpdate> for TeamworkProjectManagement {
    type Body = UserCreateBodyPatchForTeamworkProjectManagement;
    type Query = UserCreateQueryForTeamworkProjectManagement;
    type Answer = IgnoredAny;

    const ENDPOINT: Endpoint =
        Endpoint::new(Method::Put, "/people/{id}.json").with_secrets(&["/person/password"]);

    // Teamwork requires a first and a last name: they may be changed, not cleared.
    const NEEDS: &'static [Need] = &[
        Need::kept(Part::Body, "/first_name"),
        Need::kept(Part::Body, "/last_name"),
        ADDRESS,
    ];

    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let body = call.body;
        PersonCreate {
            person: NewPerson {
                first_name: body.first_name.set().map(String::as_str),
                last_name: body.last_name.set().map(String::as_str),
            },
        }
    }

    fn unified_response(
        &self,
        call: Call<'_, Self::Body, Self::Query>,
        _answer: IgnoredAny,
    ) -> Result<UserCreateResponse, AdapterError> {
        let body = call.body;
        Ok(UserCreateResponse {
            id: call.id.map(str::to_owned),
            first_name: body.first_name.set().cloned(),
            last_name: body.last_name.set().cloned(),
            ..UserCreateResponse::default()
        })
    }
}
