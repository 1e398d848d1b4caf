//! The documented native calls on existing users, for the providers whose adapters make them:
//! get, update, list (a page at a time) and delete, over the users the fake created once it
//! keeps them ([`Fake::keep_records`]). Cursors are the fake's own opaque text where a provider
//! documents an opaque cursor.
//!
//! - Gorgias: `GET`, `PUT` and `DELETE /api/users/{id}` (delete answers 204 with no body),
//!   `GET /api/users?limit=&cursor=` answering `{"data": [...], "meta": {"next_cursor",
//!   "prev_cursor"}}`.
//! - Dixa: `GET`, `PATCH` and `DELETE /v1/agents/{id}` (get and update answer `{"data":
//!   agent}`; what delete answers is not documented, so 204 here), `GET /v1/agents?pageLimit=&pageKey=` answering
//!   `{"data": [...], "meta": {"next": url}}`, `next` the URL of the next page, absent on the
//!   last.
//! - Teamwork: `GET` and `PUT /people/{id}.json` (`{"person": {...}}` with hyphenated keys both
//!   ways; the update answers `{"STATUS": "OK"}`), `GET /people.json?page=&pageSize=` answering
//!   `{"people": [...]}`, pages numbered from 1.
//! - Qualtrics CoreXM: `GET` and `PUT /API/v3/users/{id}` (get answers `{"result": user,
//!   "meta"}`, the update `{"meta"}` alone), `GET /API/v3/users?offset=` answering `{"result":
//!   {"elements": [...], "nextPage": url}}`, up to 100 a page, `nextPage` null on the last.
//! - Pivotal Tracker: `GET /projects/{id}/memberships` answering a bare array of memberships,
//!   all of them (whether Tracker pages them is not documented).
//! - Re:amaze: `GET /api/v1/staff?page=` answering `{"page_size": 30, "page_count",
//!   "total_count", "staff": [...]}`, pages numbered from 1.
//! - SolarWinds Service Desk: `GET` and `PUT /users/{id}.json` (the update `{"user": {...}}`),
//!   each answering the user.

use axum::extract::{OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Fake, Kind};

impl Kind {
    /// The path of one record below the fake's root, where the fake serves calls on records.
    pub fn record_route(self) -> Option<&'static str> {
        match self {
            Kind::Gorgias => Some("/api/users/{id}"),
            Kind::Dixa => Some("/v1/agents/{id}"),
            // `{id}.json`, read by `record_id`.
            Kind::TeamworkProjectManagement => Some("/people/{id}"),
            Kind::QualtricsCorexm => Some("/API/v3/users/{id}"),
            Kind::SolarwindsServiceDesk => Some("/users/{id}"),
            _ => None,
        }
    }

    /// The record a create of `sent` answered with, given the kept id `id` (in the answer too).
    pub(super) fn keep(self, answer: &mut Value, sent: &Value, id: usize) -> Value {
        match self {
            Kind::QualtricsCorexm => {
                let id = format!("UR_{id}");
                answer["result"]["id"] = json!(id);
                let mut user = json!({"id": id, "accountStatus": "active"});
                for native in [
                    "username",
                    "firstName",
                    "lastName",
                    "userType",
                    "email",
                    "language",
                ] {
                    user[native] = sent[native].clone();
                }
                user
            }
            // The unified id is the person's; the membership has its own.
            Kind::PivotalTracker => {
                answer["id"] = json!(1000 + id);
                answer["person"]["id"] = json!(id);
                answer.clone()
            }
            // Re:amaze's staff have no id: the address is theirs.
            Kind::Reamaze => answer.clone(),
            Kind::Dixa => {
                answer["data"]["id"] = json!(id.to_string());
                answer["data"].clone()
            }
            Kind::TeamworkProjectManagement => {
                answer["id"] = json!(id.to_string());
                answer["user"]["id"] = json!(id.to_string());
                let user = &answer["user"];
                json!({
                    "id": id.to_string(),
                    "first-name": user["firstName"],
                    "last-name": user["lastName"],
                    "avatar-url": user["avatarUrl"],
                })
            }
            _ => {
                answer["id"] = json!(id);
                answer.clone()
            }
        }
    }

    /// One record as a get answers with it.
    fn one(self, record: Value) -> Value {
        match self {
            Kind::Dixa => json!({ "data": record }),
            Kind::TeamworkProjectManagement => json!({ "person": record }),
            Kind::QualtricsCorexm => json!({ "result": record, "meta": qualtrics_meta() }),
            _ => record,
        }
    }

    /// The member of an update's body that holds the changes, where the body wraps them.
    fn update_envelope(self) -> &'static str {
        match self {
            Kind::TeamworkProjectManagement => "/person",
            Kind::SolarwindsServiceDesk => "/user",
            _ => "",
        }
    }

    /// What an update answers once `record` has changed.
    fn updated(self, record: &mut Value) -> Value {
        match self {
            Kind::Gorgias => {
                if let Some(name) = record["name"].as_str().map(str::to_owned) {
                    let (first, last) = name.rsplit_once(' ').unwrap_or((&name, ""));
                    record["firstname"] = json!(first);
                    record["lastname"] = json!(last);
                }
                record["updated_datetime"] = json!("2026-11-28T09:30:00.000001");
                record.clone()
            }
            Kind::QualtricsCorexm => json!({ "meta": qualtrics_meta() }),
            Kind::TeamworkProjectManagement => json!({"STATUS": "OK"}),
            _ => self.one(record.clone()),
        }
    }

    /// The query parameters of a list: the page's size (where the client may choose it) and
    /// where it starts.
    fn page_parameters(self) -> (Option<&'static str>, &'static str) {
        match self {
            Kind::Dixa => (Some("pageLimit"), "pageKey"),
            Kind::TeamworkProjectManagement => (Some("pageSize"), "page"),
            Kind::QualtricsCorexm => (None, "offset"),
            Kind::PivotalTracker => (Some("limit"), "offset"),
            Kind::Reamaze => (None, "page"),
            _ => (Some("limit"), "cursor"),
        }
    }

    /// A list's page size when none is asked for (or none may be).
    fn default_page_size(self) -> usize {
        match self {
            Kind::TeamworkProjectManagement => 50,
            Kind::QualtricsCorexm => 100,
            // Whether Tracker pages memberships is not documented: the fake does not.
            Kind::PivotalTracker => usize::MAX,
            _ => 30,
        }
    }

    /// Where a page starts, from its cursor: a page number, an offset, or the fake's own
    /// `after-N`; `None` for one the provider would refuse.
    fn start(self, cursor: &str, limit: usize) -> Option<usize> {
        match self {
            Kind::TeamworkProjectManagement | Kind::Reamaze => cursor
                .parse::<usize>()
                .ok()
                .filter(|page| *page >= 1)
                .map(|page| (page - 1).saturating_mul(limit)),
            Kind::QualtricsCorexm | Kind::PivotalTracker => cursor.parse().ok(),
            _ => cursor.strip_prefix("after-")?.parse().ok(),
        }
    }

    /// The id a record's path segment names: Teamwork's and SolarWinds' end in `.json`.
    fn record_id(self, segment: &str) -> &str {
        match self {
            Kind::TeamworkProjectManagement | Kind::SolarwindsServiceDesk => {
                segment.strip_suffix(".json").unwrap_or(segment)
            }
            _ => segment,
        }
    }

    /// A page of records out of `total`, with where the next page starts where there is one.
    fn page(self, records: Vec<Value>, limit: usize, next: Option<usize>, total: usize) -> Value {
        let after = next.map(|next| format!("after-{next}"));
        match self {
            Kind::Dixa => {
                let meta = match after {
                    Some(key) => {
                        json!({"next": format!("/v1/agents?pageLimit={limit}&pageKey={key}")})
                    }
                    None => json!({}),
                };
                json!({"data": records, "meta": meta})
            }
            Kind::PivotalTracker => Value::Array(records),
            // Teamwork's pages are numbered; its answer has no cursor.
            Kind::TeamworkProjectManagement => json!({ "people": records }),
            Kind::QualtricsCorexm => {
                let next = next.map(|offset| {
                    format!("https://co1.qualtrics.com/API/v3/users?offset={offset}")
                });
                json!({"result": {"elements": records, "nextPage": next}, "meta": qualtrics_meta()})
            }
            Kind::Reamaze => json!({
                "page_size": limit,
                "page_count": total.div_ceil(limit),
                "total_count": total,
                "staff": records,
            }),
            _ => json!({"data": records, "meta": {"next_cursor": after, "prev_cursor": null}}),
        }
    }
}

/// The `meta` Qualtrics puts in every answer.
fn qualtrics_meta() -> Value {
    json!({"httpStatus": "200 - OK", "requestId": "5c7f2a8e-1b3d-4e5f-8a9b-0c1d2e3f4a5b"})
}

/// The id of a kept record, as its path names it.
fn id_of(record: &Value) -> String {
    match &record["id"] {
        Value::String(id) => id.clone(),
        other => other.to_string(),
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(json!({"error": {"msg": "Not found"}})),
    )
        .into_response()
}

/// `GET` of the collection: a page of the kept records.
pub(super) async fn list(
    State(fake): State<Fake>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
) -> Response {
    if let Some(answer) = fake.admit_without_body(&uri, &headers).await {
        return answer;
    }
    let query: Vec<(String, String)> = form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let param = |name: &str| {
        query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.clone())
    };
    let (limit_name, cursor_name) = fake.kind.page_parameters();
    let limit = match limit_name
        .and_then(param)
        .map(|limit| limit.parse::<usize>())
    {
        None => fake.kind.default_page_size(),
        Some(Ok(limit)) if (1..=100).contains(&limit) => limit,
        Some(_) => return refused("limit"),
    };
    let start = match param(cursor_name) {
        None => 0,
        Some(cursor) => match fake.kind.start(&cursor, limit) {
            Some(start) => start,
            None => return refused("cursor"),
        },
    };
    let records = fake.records.lock().unwrap().clone();
    let page: Vec<Value> = records.iter().skip(start).take(limit).cloned().collect();
    let next = start + page.len();
    let next = (next < records.len()).then_some(next);
    let answer = fake.kind.page(page, limit, next, records.len());
    (StatusCode::OK, axum::Json(answer)).into_response()
}

/// A 400 naming what was wrong with the call.
fn refused(what: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        axum::Json(json!({"error": {"msg": what}})),
    )
        .into_response()
}

/// `GET` of one record.
pub(super) async fn get_one(
    State(fake): State<Fake>,
    OriginalUri(uri): OriginalUri,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(answer) = fake.admit_without_body(&uri, &headers).await {
        return answer;
    }
    let id = fake.kind.record_id(&id);
    let records = fake.records.lock().unwrap();
    match records.iter().find(|record| id_of(record) == id) {
        Some(record) => (StatusCode::OK, axum::Json(fake.kind.one(record.clone()))).into_response(),
        None => not_found(),
    }
}

/// `PUT` of one record: the members sent (inside the provider's envelope, where it has one)
/// replace the record's, a partial update; one the provider requires may not be emptied.
pub(super) async fn update(
    State(fake): State<Fake>,
    OriginalUri(uri): OriginalUri,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        return (StatusCode::BAD_REQUEST, "not JSON").into_response();
    };
    if let Some(answer) = fake
        .admit(
            uri.path().to_owned(),
            uri.query().map(str::to_owned),
            &headers,
            &body,
        )
        .await
    {
        return answer;
    }
    let envelope = fake.kind.update_envelope();
    let Some(changes) = body.pointer(envelope).and_then(Value::as_object) else {
        return refused("an object");
    };
    let id = fake.kind.record_id(&id);
    let mut records = fake.records.lock().unwrap();
    let Some(record) = records.iter_mut().find(|record| id_of(record) == id) else {
        return not_found();
    };
    for (key, value) in changes {
        let required = fake
            .kind
            .required()
            .contains(&format!("{envelope}/{key}").as_str());
        if required && value.as_str().is_none_or(str::is_empty) {
            return refused(key);
        }
        record[key] = value.clone();
    }
    let answer = fake.kind.updated(record);
    (StatusCode::OK, axum::Json(answer)).into_response()
}

/// `DELETE` of one record: 204 with no body.
pub(super) async fn delete(
    State(fake): State<Fake>,
    OriginalUri(uri): OriginalUri,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(answer) = fake.admit_without_body(&uri, &headers).await {
        return answer;
    }
    let id = fake.kind.record_id(&id);
    let mut records = fake.records.lock().unwrap();
    match records.iter().position(|record| id_of(record) == id) {
        Some(at) => {
            records.remove(at);
            StatusCode::NO_CONTENT.into_response()
        }
        None => not_found(),
    }
}
