//! The OpenAPI documents of a unified API gateway, usable without one: one per view (each
//! provider, and the unified target), so a generator reading a provider's document gets that
//! provider's exact request types (its required fields required) rather than a choice the body
//! itself cannot discriminate (the provider follows from the integrated account, not from the
//! body). The routes' contract the documents describe and the gateway serves is [`contract`].
//!
//! 3.1 uses the 2020-12 schemas as they are; 3.0 is their faithful downgrade (`nullable`, no
//! `type` lists, no `const`), for generators that read only 3.0.

pub mod contract;
mod downgrade;
mod envelope;
mod http_layer;
mod idempotency;
mod parameters;
mod rate_limit;
mod request_id;
mod served;

pub use served::{needs_of, served_schema};

use unified_adapter::Adapters;
use unified_adapter::DOT_SEGMENTS;
use unified_adapter::needs::parameter_schemas;
use unified_core::json;
use unified_core::json::{Map, Value};
use unified_core::schema::file_text;
use unified_core::{Action, Operation, Part, ProviderSet, Registry, Target};

use crate::contract::{FAILURE_STATUSES, RAW_MEDIA_TYPE};

/// The path the gateway serves the unified target's 3.1 document at.
pub const OPENAPI_PATH: &str = "/openapi.json";

/// The path the gateway serves the 3.1 documents at, one per view: `/openapi/dixa.json`,
/// `/openapi/unified.json`.
pub const OPENAPI_VIEW_PATH: &str = "/openapi/{view}";

/// The OpenAPI version of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenApiVersion {
    /// 3.1.0: the schemas are JSON Schema 2020-12 as exported.
    V3_1,
    /// 3.0.3: the schemas downgraded (`nullable`, no `type` lists, no `const`).
    V3_0,
}

impl OpenApiVersion {
    /// The version as a document states it.
    pub fn as_str(self) -> &'static str {
        match self {
            OpenApiVersion::V3_1 => "3.1.0",
            OpenApiVersion::V3_0 => "3.0.3",
        }
    }

    /// The version from `3.1` or `3.0` (or the full `3.1.0`, `3.0.3`).
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "3.1" | "3.1.0" => Some(OpenApiVersion::V3_1),
            "3.0" | "3.0.3" => Some(OpenApiVersion::V3_0),
            _ => None,
        }
    }
}

/// The OpenAPI document of a gateway serving `registry` through `adapters`, with the request
/// and response bodies and query parameters of `view`, and what `view`'s provider needs beyond
/// them.
pub fn document<S: ProviderSet>(
    registry: &Registry<S>,
    adapters: &Adapters<S>,
    view: Target<S>,
    version: OpenApiVersion,
) -> Value {
    let mut schemas = envelope::schemas();
    schemas.insert(
        parameters::BRACKET_OBJECT.into(),
        parameters::bracket_object(),
    );
    let mut paths = Map::new();
    for operation in registry.operations() {
        let base = type_name(operation);
        for part in operation.parts().filter(|part| *part != Part::Query) {
            let mut schema = served_schema(operation, adapters, part, view).into_value();
            if let Value::Object(object) = &mut schema {
                object.shift_remove("$schema");
            }
            schemas.insert(format!("{base}{}", part_suffix(part)), schema);
        }
        let action = operation.action();
        let path = route_path(operation);
        if let Value::Object(methods) = paths.get_or_insert_with(&path, || json!({})) {
            methods.insert(
                action.method().to_lowercase(),
                record_operation(operation, adapters, view, &base),
            );
        }
    }
    paths.insert(
        "/unified/{model}/{resource}/{provider}/meta/{method}".into(),
        json!({ "get": meta_operation(registry) }),
    );
    paths.insert("/healthz".into(), json!({ "get": health_operation() }));
    paths.insert("/readyz".into(), json!({ "get": readiness_operation() }));
    paths.insert("/metrics".into(), json!({ "get": metrics_operation() }));
    let mut headers = rate_limit::headers();
    let mut parameters = Map::new();
    request_id::document(&mut paths, &mut parameters, &mut headers);
    http_layer::document(&mut paths);
    let mut document = json!({
        "openapi": version.as_str(),
        "info": {
            "title": format!("unified API gateway: {}", view.name()),
            "version": env!("CARGO_PKG_VERSION"),
            "description": format!(
                "The unified API as this gateway serves it, with the request and response \
                 bodies of {}. Each integrated account belongs to one provider; a request is \
                 validated for that provider before anything is dispatched.",
                view.name()
            ),
        },
        "servers": [{
            "url": "/",
            "description": "The gateway that serves this document.",
        }],
        "tags": [
            { "name": "unified", "description": "The unified API: one request shape for every provider." },
            { "name": "meta", "description": "The schemas of each operation, per provider." },
            { "name": "health", "description": "Whether the gateway can serve." },
            { "name": "metrics", "description": "What the gateway has served, for Prometheus." },
        ],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "parameters": parameters,
            "headers": headers,
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token made with `unified token create`.",
                },
            },
        },
        "security": [{ "bearer": [] }],
    });
    if version == OpenApiVersion::V3_1 {
        document["jsonSchemaDialect"] = unified_core::schema::DIALECT.into();
        document
    } else {
        downgrade::document(document)
    }
}

/// Every document for the folder of exported schemas: `openapi/3.1/dixa.json`, ...,
/// `openapi/3.0/unified.json`, each with its text.
pub fn files<S: ProviderSet>(
    registry: &Registry<S>,
    adapters: &Adapters<S>,
) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for (folder, version) in [("3.1", OpenApiVersion::V3_1), ("3.0", OpenApiVersion::V3_0)] {
        for view in Target::<S>::all() {
            let text = file_text(&document(registry, adapters, view, version));
            files.push((format!("{FOLDER}/{folder}/{}.json", view.id()), text));
        }
    }
    files
}

/// The folder [`files`] are in, below the exported schemas.
pub const FOLDER: &str = "openapi";

/// The components' name of an operation's schemas: `TicketingUsersCreate`.
fn type_name<S: ProviderSet>(operation: &Operation<S>) -> String {
    operation
        .model()
        .split(['/', '_', '-'])
        .chain([operation.name()])
        .map(capitalized)
        .collect()
}

fn part_suffix(part: Part) -> &'static str {
    match part {
        Part::Body => "Body",
        Part::Query => "Query",
        Part::Response => "Response",
    }
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// One operation's route (`POST /unified/{model}`, `PATCH /unified/{model}/{id}`, ...): the
/// query parameters, the record's id where the path names one, the body where it takes one, and
/// every answer.
fn record_operation<S: ProviderSet>(
    operation: &Operation<S>,
    adapters: &Adapters<S>,
    view: Target<S>,
    base: &str,
) -> Value {
    let action = operation.action();
    let query = operation.schema(Part::Query, view).into_value();
    let mut parameters = parameters::parameters(&query);
    for (who, needs) in needs_of(operation, adapters, view) {
        for (member, required, needed) in parameter_schemas(&needs, &who) {
            parameters::add_need(&mut parameters, &member, required, &needed);
        }
    }
    let mut parameters: Vec<Value> = parameters.into_iter().map(|p| p.json).collect();
    if action.names_a_record() {
        parameters.insert(
            0,
            json!({
                "name": "id",
                "in": "path",
                "required": true,
                "description": "The record's id, as the provider gave it; never a dot-segment (`.` or `..`).",
                "schema": { "type": "string", "minLength": 1, "not": { "enum": DOT_SEGMENTS.to_vec() } },
            }),
        );
    }
    let raw =
        || json!({ "schema": { "description": "The provider's own answer, secrets removed." } });
    let success = action.success_status().to_string();
    let what = match action {
        Action::Create => "Created: the unified record",
        Action::List => "The page of unified records",
        Action::Get => "The unified record",
        Action::Update => "Updated: the unified record",
        Action::Delete => "Deleted: what is left of the record",
    };
    let verb = match action {
        Action::Create => "Create a",
        Action::List => "List",
        Action::Get => "Get a",
        Action::Update => "Update a",
        Action::Delete => "Delete a",
    };
    let records = if action == Action::List {
        "records"
    } else {
        "record"
    };
    let mut route = json!({
        "operationId": operation_id(operation),
        "summary": format!("{verb} {} {records}", operation.model()),
        "description": format!(
            "Validates the query{} for the integrated account's provider ({}), then \
             dispatches {} through that provider's adapter and answers with the unified \
             {records}, or with `truto_response_format=raw` the provider's own answer as \
             `{RAW_MEDIA_TYPE}`. A provider without an adapter for this operation answers 501.",
            if action.takes_a_body() { " and body" } else { "" },
            view.name(),
            if action.takes_a_body() { "them" } else { "it" },
        ),
        "tags": ["unified"],
        "parameters": parameters,
    });
    if action.takes_a_body() {
        let schema = schema_ref(&format!("{base}Body"));
        let content = if action.patches() {
            json!({
                "application/merge-patch+json": { "schema": schema.clone() },
                "application/json": { "schema": schema },
            })
        } else {
            json!({ "application/json": { "schema": schema } })
        };
        route["requestBody"] = json!({ "required": true, "content": content });
    }
    route["responses"] = envelope::responses(
        &[
            (
                success.as_str(),
                json!({
                    "description": format!(
                        "{what}, with the provider's answer in `remote_data` (left out \
                         with `truto_ignore_remote_data=true`; the top-level fields named \
                         in `truto_exclude_fields` are left out too). With \
                         `truto_response_format=raw`, the provider's own answer when it \
                         answered {success}."
                    ),
                    "content": {
                        "application/json": { "schema": schema_ref(&format!("{base}Response")) },
                        RAW_MEDIA_TYPE: raw(),
                    },
                }),
            ),
            (
                "204",
                json!({
                    "description": "With `truto_response_format=raw`, when the provider \
                                    answered 204: no content.",
                }),
            ),
            (
                "205",
                json!({
                    "description": "With `truto_response_format=raw`, when the provider \
                                    answered 205: no content.",
                }),
            ),
            (
                "2XX",
                json!({
                    "description": "With `truto_response_format=raw`: the provider's own \
                                    success status and answer, secrets removed.",
                    "content": { RAW_MEDIA_TYPE: raw() },
                }),
            ),
        ],
        &FAILURE_STATUSES,
    );
    if action.writes() {
        idempotency::document(&mut route);
    }
    rate_limit::document(&mut route);
    route
}

/// The path of an operation's route: `/unified/ticketing/users`, or for an action on one record
/// `/unified/ticketing/users/{id}`.
pub fn route_path<S: ProviderSet>(operation: &Operation<S>) -> String {
    if operation.action().names_a_record() {
        format!("/unified/{}/{{id}}", operation.model())
    } else {
        format!("/unified/{}", operation.model())
    }
}

/// The id of an operation's route in every document: `createTicketingUsers`.
pub fn operation_id<S: ProviderSet>(operation: &Operation<S>) -> String {
    let name = operation.name();
    format!(
        "{name}{}",
        type_name(operation).trim_end_matches(&capitalized(name))
    )
}

/// `create` as `Create`.
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `GET /unified/{model}/{resource}/{provider}/meta/{method}`.
fn meta_operation<S: ProviderSet>(registry: &Registry<S>) -> Value {
    let models: Vec<&str> = registry.models();
    let resources = |index: usize| -> Vec<&str> {
        let mut names: Vec<&str> = models
            .iter()
            .filter_map(|model| model.split('/').nth(index))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    };
    let views: Vec<&str> = Target::<S>::all().map(Target::id).collect();
    let mut methods: Vec<&str> = registry.operations().iter().map(|o| o.name()).collect();
    methods.sort_unstable();
    methods.dedup();
    let parameter = |name: &str, values: Vec<&str>, description: &str| {
        json!({
            "name": name,
            "in": "path",
            "required": true,
            "description": description,
            "schema": { "type": "string", "enum": values },
        })
    };
    json!({
        "operationId": "meta",
        "tags": ["meta"],
        "summary": "The schemas of one operation for one provider",
        "description": "The request body, query and response schemas (JSON Schema 2020-12) of \
                        an operation for a provider or `unified`, as this gateway checks \
                        requests: the operation's schemas as `unified export` writes them, with \
                        what the provider's API and the route need beyond them.",
        "parameters": [
            parameter("model", resources(0), "The model's group, as in `ticketing`."),
            parameter("resource", resources(1), "The model, as in `users`."),
            parameter("provider", views, "A provider's id, or `unified`."),
            parameter("method", methods, "The operation."),
        ],
        "responses": envelope::responses(
            &[(
            "200",
            json!({
                "description": "The three schemas.",
                "content": { "application/json": { "schema": {
                    "type": "object",
                    "properties": {
                        "method": { "type": "string" },
                        "request_body_schema": { "type": "object" },
                        "query_schema": { "type": "object" },
                        "response_schema": { "type": "object" },
                    },
                    "required": ["method", "request_body_schema", "query_schema", "response_schema"],
                } } },
            }),
            )],
            &[401, 404, 500],
        ),
    })
}

/// `GET /readyz`: no token needed.
fn readiness_operation() -> Value {
    json!({
        "operationId": "ready",
        "tags": ["health"],
        "summary": "Whether the gateway should get new requests",
        "description": "Answers 200 while the gateway's storage answers, and 503 while it does \
                        not or once the gateway is shutting down (for `--drain-delay` it still \
                        serves, so a load balancer can stop sending first); needs no token, for \
                        readiness probes.",
        "security": [],
        "responses": {
            "200": {
                "description": "Ready.",
                "content": { "application/json": { "schema": { "type": "object" } } },
            },
            "503": envelope::error_response(503),
        },
    })
}

/// `GET /metrics`: no token needed.
fn metrics_operation() -> Value {
    json!({
        "operationId": "metrics",
        "tags": ["metrics"],
        "summary": "The gateway's metrics, in Prometheus' text format",
        "description": "Requests by route template, method, status and provider; 400s for \
                        violations by provider, part and code; provider and store call \
                        latencies; cache hits and misses; open connections. No label holds a \
                        value from a request. Needs no token, for scrapers. Served here unless \
                        the gateway runs with `--metrics-addr` (then on that address only) or \
                        `--no-metrics` (then nowhere, a 404).",
        "security": [],
        "responses": {
            "200": {
                "description": "The metrics (text format 0.0.4).",
                "content": { "text/plain": { "schema": { "type": "string" } } },
            },
            "404": envelope::error_response(404),
        },
    })
}

/// `GET /healthz`: no token needed.
fn health_operation() -> Value {
    json!({
        "operationId": "health",
        "tags": ["health"],
        "summary": "Whether the gateway and its storage answer",
        "description": "Answers 200 while the gateway's storage answers and 503 while it does \
                        not; needs no token, for load balancers and orchestrators.",
        "security": [],
        "responses": {
            "200": {
                "description": "Healthy.",
                "content": { "application/json": { "schema": { "type": "object" } } },
            },
            "503": envelope::error_response(503),
        },
    })
}
