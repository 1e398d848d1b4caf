//! A unified request as the gateway reads it: the operation's query and body, and the request
//! conventions ([`QueryConventions`], [`BodyConventions`]) that belong to the gateway rather than
//! to the model. A convention the model declares itself stays in the model's part and its own
//! rules check it; one the model does not declare is taken out of the part and checked by the
//! conventions' rules. So a model with none of these fields is served, and one that declares
//! them all (as `ticketing/users` does) is read exactly as before.

use std::sync::OnceLock;

use schemars::Schema;
use serde::Deserialize;
use serde_json::{Map, Value};
use unified_adapter::PassThrough;
use unified_adapter::conventions::{BodyConventions, QueryConventions};
use unified_core::query::read_query;
use unified_core::report::pointer_segments;
use unified_core::{Operation, Part, ProviderSet, Report, UnifiedModel, ValidationError, View};

use crate::http::envelope::ApiError;

/// A request read for `operation`, not yet validated.
pub struct UnifiedRequest<'o, S> {
    operation: &'o Operation<S>,
    /// The model's query parameters.
    query: Value,
    /// The model's body.
    body: Value,
    /// The query conventions, with those the model declares copied in from its query.
    query_conventions: Value,
    /// The body conventions the model does not declare, taken out of its body.
    body_conventions: Value,
}

impl<'o, S: ProviderSet> UnifiedRequest<'o, S> {
    /// Reads the query string and the body text; a malformed one is a 400.
    pub fn read(
        operation: &'o Operation<S>,
        raw_query: &str,
        body: &[u8],
    ) -> Result<Self, ApiError> {
        let invalid = |part: Part| move |error| ApiError::invalid_part(part, vec![error]);
        // A model that declares every convention (as `ticketing/users` does) reads the query
        // string as it came; only one that leaves some to the gateway has it split.
        let (query, mut query_conventions) = if leaves_query_conventions(operation) {
            let gateway_reads = |name: &str| {
                QueryConventions::NAMES.contains(&name) && !declares(operation, Part::Query, name)
            };
            let (model_query, convention_query) = split_query(raw_query, gateway_reads);
            let query = operation
                .read(Part::Query, model_query.as_bytes())
                .map_err(invalid(Part::Query))?;
            let conventions = read_query(&convention_query, conventions_schema())
                .map_err(invalid(Part::Query))?;
            (query, conventions)
        } else {
            let query = operation
                .read(Part::Query, raw_query.as_bytes())
                .map_err(invalid(Part::Query))?;
            (query, Value::Object(Map::new()))
        };
        if let (Value::Object(conventions), Value::Object(declared_by_model)) =
            (&mut query_conventions, &query)
        {
            for name in QueryConventions::NAMES {
                if let Some(value) = declared_by_model.get(name) {
                    conventions.insert(name.to_owned(), value.clone());
                }
            }
        }
        let mut body = operation
            .read(Part::Body, body)
            .map_err(invalid(Part::Body))?;
        let mut body_conventions = Map::new();
        if let Value::Object(members) = &mut body {
            for name in BodyConventions::NAMES {
                if !declares(operation, Part::Body, name)
                    && let Some(value) = members.shift_remove(name)
                {
                    body_conventions.insert(name.to_owned(), value);
                }
            }
        }
        Ok(UnifiedRequest {
            operation,
            query,
            body,
            query_conventions,
            body_conventions: Value::Object(body_conventions),
        })
    }

    /// The integrated account the request names, when its id is a UUID.
    pub fn account_id(&self) -> Option<String> {
        account_id(
            self.query_conventions
                .get("integrated_account_id")?
                .as_str()?,
        )
    }

    /// Every violation for `view`: the query's (the model's, then the conventions it leaves to
    /// the gateway), then the body's.
    pub fn violations(&self, view: View<S>) -> Vec<(Part, ValidationError)> {
        let operation = self.operation;
        self.violations_with(
            operation.validate(Part::Query, &self.query, view),
            operation.validate(Part::Body, &self.body, view),
        )
    }

    /// Every violation, given the reports of the model's query and body: the query's, then the
    /// conventions it leaves to the gateway, then the body's, then the body conventions'.
    pub fn violations_with(&self, query: Report, body: Report) -> Vec<(Part, ValidationError)> {
        let operation = self.operation;
        let mut errors = Vec::new();
        let mut add = |part: Part, report: Report, keep: &dyn Fn(&ValidationError) -> bool| {
            errors.extend(
                report
                    .into_errors()
                    .into_iter()
                    .filter(|error| keep(error))
                    .map(|error| (part, error)),
            );
        };
        let all = |_: &ValidationError| true;
        add(Part::Query, query, &all);
        // Conventions the model declares were checked by its own rules just now.
        let left_to_gateway = |error: &ValidationError| {
            let name = pointer_segments(&error.pointer).next().unwrap_or_default();
            !declares(operation, Part::Query, &name)
        };
        if leaves_query_conventions(operation) {
            let report = QueryConventions::validate(&self.query_conventions, View::UNIFIED);
            add(Part::Query, report, &left_to_gateway);
        }
        add(Part::Body, body, &all);
        if self
            .body_conventions
            .as_object()
            .is_some_and(|members| !members.is_empty())
        {
            let report = BodyConventions::validate(&self.body_conventions, View::UNIFIED);
            add(Part::Body, report, &all);
        }
        errors
    }

    /// The query conventions, once the request is valid.
    pub fn query_conventions(&self) -> Result<QueryConventions, ApiError> {
        QueryConventions::deserialize(&self.query_conventions)
            .map_err(|_| ApiError::unreadable(Part::Query))
    }

    /// What passes through to the provider untouched.
    pub fn pass_through(&self) -> PassThrough<'_> {
        let remote_data = self
            .body_conventions
            .get("remote_data")
            .or_else(|| self.body.get("remote_data"));
        PassThrough {
            remote_data: remote_data.and_then(Value::as_object),
            remote_query: self
                .query_conventions
                .get("remote_query")
                .and_then(Value::as_object),
        }
    }

    /// The model's query parameters, as read.
    pub fn query(&self) -> &Value {
        &self.query
    }

    /// The model's body, as read (without the conventions it leaves to the gateway).
    pub fn body(&self) -> &Value {
        &self.body
    }
}

/// The schema the conventions' query parameters are read with, built once.
pub fn conventions_schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| QueryConventions::schema_for(View::UNIFIED))
}

/// Whether the model of `operation` leaves any query convention to the gateway.
fn leaves_query_conventions<S: ProviderSet>(operation: &Operation<S>) -> bool {
    QueryConventions::NAMES
        .iter()
        .any(|name| !declares(operation, Part::Query, name))
}

/// Whether the model of `operation` declares the member `name` in `part`.
fn declares<S: ProviderSet>(operation: &Operation<S>, part: Part, name: &str) -> bool {
    declares_property(operation.unified_schema(part), name)
}

/// Whether `schema` (an object's) has the property `name`.
pub fn declares_property(schema: &Schema, name: &str) -> bool {
    schema
        .as_value()
        .get("properties")
        .is_some_and(|properties| properties.get(name).is_some())
}

/// A query schema as a client must follow it: the model's, plus the conventions the model does
/// not declare, which the gateway reads (and the account id, which it requires).
pub fn with_query_conventions(mut schema: Schema) -> Schema {
    let conventions = conventions_schema().as_value();
    let left: Vec<&str> = QueryConventions::NAMES
        .into_iter()
        .filter(|name| !declares_property(&schema, name))
        .collect();
    let Some(object) = schema.as_object_mut() else {
        return schema;
    };
    for name in left {
        if let Some(Value::Object(properties)) = object.get_mut("properties") {
            properties.insert(name.to_owned(), conventions["properties"][name].clone());
        }
        let required = conventions["required"]
            .as_array()
            .is_some_and(|required| required.iter().any(|member| member == name));
        if required
            && let Value::Array(list) = object
                .entry("required")
                .or_insert_with(|| Value::Array(Vec::new()))
        {
            list.push(Value::from(name));
        }
    }
    schema
}

/// An integrated account's id, hyphenated, when `text` is a UUID.
pub fn account_id(text: &str) -> Option<String> {
    uuid::Uuid::parse_str(text)
        .ok()
        .map(|id| id.hyphenated().to_string())
}

/// The query string's parameters in two query strings: those whose top-level name `other`
/// takes, and the rest, each in its original order and encoding.
pub fn split_query(raw: &str, other: impl Fn(&str) -> bool) -> (String, String) {
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    // As the query reader does, a leading `?` is not part of the first name.
    let raw = raw.strip_prefix('?').unwrap_or(raw);
    for parameter in raw.split('&').filter(|parameter| !parameter.is_empty()) {
        let name = form_urlencoded::parse(parameter.as_bytes())
            .next()
            .map(|(name, _)| name.into_owned())
            .unwrap_or_default();
        let top = name.split('[').next().unwrap_or_default();
        if other(top) {
            theirs.push(parameter);
        } else {
            mine.push(parameter);
        }
    }
    (mine.join("&"), theirs.join("&"))
}

#[cfg(test)]
mod tests {
    use super::split_query;

    #[test]
    fn parameters_split_by_their_top_level_name() {
        let (model, conventions) = split_query(
            "a=1&remote_query%5Bx%5D=2&&b[]=3&remote_query[y]=4",
            |name| name == "remote_query",
        );
        assert_eq!(model, "a=1&b[]=3");
        assert_eq!(conventions, "remote_query%5Bx%5D=2&remote_query[y]=4");
    }
}
