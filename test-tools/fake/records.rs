//! The documented native calls on existing users, for the providers whose adapters make them:
//! get, update, list (a page at a time) and delete, over the users the fake created once it
//! keeps them ([`Fake::keep_records`]). Cursors are the fake's own opaque text, as both
//! providers document theirs.
//!
//! - Gorgias: `GET`, `PUT` and `DELETE /api/users/{id}` (delete answers 204 with no body),
//!   `GET /api/users?limit=&cursor=` answering `{"data": [...], "meta": {"next_cursor",
//!   "prev_cursor"}}`.
//! - Dixa: `GET` and `DELETE /v1/agents/{id}` (get answers `{"data": agent}`; what delete
//!   answers is not documented, so 204 here), `GET /v1/agents?pageLimit=&pageKey=` answering
//!   `{"data": [...], "meta": {"next": url}}`, `next` the URL of the next page, absent on the
//!   last.
//! - Teamwork: `GET /people/{id}.json` answering `{"person": {...}}` with hyphenated keys,
//!   `GET /people.json?page=&pageSize=` answering `{"people": [...]}`, pages numbered from 1.

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
            _ => None,
        }
    }

    /// The record a create answered with, given the kept id `id` (in the answer too).
    pub(super) fn keep(self, answer: &mut Value, id: usize) -> Value {
        match self {
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
            _ => record,
        }
    }

    /// The query parameters of a list: the page's size and where it starts.
    fn page_parameters(self) -> (&'static str, &'static str) {
        match self {
            Kind::Dixa => ("pageLimit", "pageKey"),
            Kind::TeamworkProjectManagement => ("pageSize", "page"),
            _ => ("limit", "cursor"),
        }
    }

    /// A list's page size when none is asked for.
    fn default_page_size(self) -> usize {
        match self {
            Kind::TeamworkProjectManagement => 50,
            _ => 30,
        }
    }

    /// Where a page starts, from its cursor: Teamwork's a page number, the others the fake's own
    /// `after-N`; `None` for one the provider would refuse.
    fn start(self, cursor: &str, limit: usize) -> Option<usize> {
        match self {
            Kind::TeamworkProjectManagement => cursor
                .parse::<usize>()
                .ok()
                .filter(|page| *page >= 1)
                .map(|page| (page - 1).saturating_mul(limit)),
            _ => cursor.strip_prefix("after-")?.parse().ok(),
        }
    }

    /// The id a record's path segment names: Teamwork's ends in `.json`.
    fn record_id(self, segment: &str) -> &str {
        match self {
            Kind::TeamworkProjectManagement => segment.strip_suffix(".json").unwrap_or(segment),
            _ => segment,
        }
    }

    /// A page of records, with the cursor of the next page where there is one.
    fn page(self, records: Vec<Value>, limit: usize, next: Option<String>) -> Value {
        match self {
            Kind::Dixa => {
                let meta = match next {
                    Some(key) => {
                        json!({"next": format!("/v1/agents?pageLimit={limit}&pageKey={key}")})
                    }
                    None => json!({}),
                };
                json!({"data": records, "meta": meta})
            }
            // Teamwork's pages are numbered; its answer has no cursor.
            Kind::TeamworkProjectManagement => json!({ "people": records }),
            _ => json!({"data": records, "meta": {"next_cursor": next, "prev_cursor": null}}),
        }
    }
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
    let limit = match param(limit_name).map(|limit| limit.parse::<usize>()) {
        None => fake.kind.default_page_size(),
        Some(Ok(limit)) if (1..=100).contains(&limit) => limit,
        Some(_) => {
            return (
                StatusCode::BAD_REQUEST,
                axum::Json(json!({"error": {"msg": "limit"}})),
            )
                .into_response();
        }
    };
    let start = match param(cursor_name) {
        None => 0,
        Some(cursor) => match fake.kind.start(&cursor, limit) {
            Some(start) => start,
            None => {
                return (
                    StatusCode::BAD_REQUEST,
                    axum::Json(json!({"error": {"msg": "cursor"}})),
                )
                    .into_response();
            }
        },
    };
    let records = fake.records.lock().unwrap().clone();
    let page: Vec<Value> = records.iter().skip(start).take(limit).cloned().collect();
    let next = start + page.len();
    let next_cursor = (next < records.len()).then(|| format!("after-{next}"));
    let answer = fake.kind.page(page, limit, next_cursor);
    (StatusCode::OK, axum::Json(answer)).into_response()
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

/// `PUT` of one record: the members sent replace the record's (a partial update); Gorgias
/// refuses a user without a name or email.
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
    let Some(changes) = body.as_object() else {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"error": {"msg": "an object"}})),
        )
            .into_response();
    };
    let id = fake.kind.record_id(&id);
    let mut records = fake.records.lock().unwrap();
    let Some(record) = records.iter_mut().find(|record| id_of(record) == id) else {
        return not_found();
    };
    for (key, value) in changes {
        if matches!(key.as_str(), "name" | "email") && value.as_str().is_none_or(str::is_empty) {
            return (
                StatusCode::BAD_REQUEST,
                axum::Json(json!({"error": {"msg": key}})),
            )
                .into_response();
        }
        record[key] = value.clone();
    }
    if let Some(name) = changes.get("name").and_then(Value::as_str) {
        let (first, last) = name.rsplit_once(' ').unwrap_or((name, ""));
        record["firstname"] = json!(first);
        record["lastname"] = json!(last);
    }
    record["updated_datetime"] = json!("2026-11-28T09:30:00.000001");
    (StatusCode::OK, axum::Json(record.clone())).into_response()
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
