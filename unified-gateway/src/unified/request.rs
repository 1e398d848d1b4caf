//! A unified request as the gateway reads it: its query string and its JSON body, each read once
//! into one document that holds the model's members beside the request conventions'
//! ([`unified_core::conventions`]); the operation reads each of the two beside the other.

use serde_json::Value;
use unified_adapter::PassThrough;
use unified_core::conventions::{
    QueryConventions, conventions_from_value, pass_through, validate_conventions,
};
use unified_core::query::parse_query_ordered;
use unified_core::{Code, Operation, Part, ProviderSet, Report, Target, ValidationError};

use crate::failure::Failure;

/// A request read for `operation`, not yet validated.
pub struct UnifiedRequest<'o, S> {
    operation: &'o Operation<S>,
    query: Value,
    body: Value,
    /// The query's pass-through member in the order the client wrote it (`query` is a
    /// `serde_json::Value`, whose members are sorted unless `serde_json` keeps their order).
    remote_query: Option<unified_core::json::Map>,
    /// The record the path names (get, update, delete), as the client wrote it.
    id: Option<String>,
}

impl<'o, S: ProviderSet> UnifiedRequest<'o, S> {
    /// Reads the query string and the body text; one that cannot be read is a 400.
    pub fn read(
        operation: &'o Operation<S>,
        raw_query: &str,
        body: &[u8],
    ) -> Result<Self, Failure> {
        let unreadable = |part: Part| move |error| Failure::Invalid(vec![(part, error)]);
        let query = operation
            .read(Part::Query, raw_query.as_bytes())
            .map_err(unreadable(Part::Query))?;
        let body = operation
            .read(Part::Body, body)
            .map_err(unreadable(Part::Body))?;
        // The query has been read above, so it parses; its member is taken as the client wrote
        // it, where `query` has its values converted to the types the schema asks for, which a
        // pass-through member has none of (any value goes).
        // Parsed again only when the member is there.
        let remote_query = pass_through(Part::Query)
            .filter(|member| query.get(member).is_some())
            .and_then(|member| {
                match parse_query_ordered(raw_query).ok()?.shift_remove(member)? {
                    unified_core::json::Value::Object(members) => Some(members),
                    _ => None,
                }
            });
        Ok(UnifiedRequest {
            operation,
            query,
            body,
            remote_query,
            id: None,
        })
    }

    /// The request for the record `id` that its path names.
    pub fn naming(self, id: String) -> Self {
        UnifiedRequest {
            id: Some(id),
            ..self
        }
    }

    /// The record the path names, if it names one.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The operation it is for.
    pub fn operation(&self) -> &'o Operation<S> {
        self.operation
    }

    /// The query's conventions, or why they break their rules.
    pub fn conventions(&self) -> Result<QueryConventions, Report> {
        conventions_from_value(Part::Query, &self.query)
    }

    /// The violations of the conventions of both parts: the query's, then the body's.
    pub fn conventions_violations(&self) -> (Report, Report) {
        (
            validate_conventions(Part::Query, &self.query),
            validate_conventions(Part::Body, &self.body),
        )
    }

    /// The integrated account the request names, when its id is a UUID.
    pub fn account_id(&self) -> Option<String> {
        account_id(self.query.get("integrated_account_id")?.as_str()?)
    }

    /// Every violation for `view` (the model's and the conventions' of each part), with one
    /// naming the account id should the id pass the rules and still not be a UUID: the answer
    /// to a request without a usable account, which has no provider.
    pub fn without_account(&self, view: Target<S>) -> Vec<(Part, ValidationError)> {
        let mut errors = by_part(
            Part::Query,
            self.operation.validate(Part::Query, &self.query, view),
        );
        if errors.is_empty() {
            errors.push((
                Part::Query,
                ValidationError::new(
                    "/integrated_account_id",
                    Code::Format,
                    "must be the UUID of an integrated account",
                ),
            ));
        }
        errors.extend(by_part(
            Part::Body,
            self.operation.validate(Part::Body, &self.body, view),
        ));
        errors
    }

    /// What passes through to the provider untouched.
    pub fn pass_through(&self) -> PassThrough<'_> {
        PassThrough {
            remote_data: passed_through(Part::Body, &self.body),
            remote_query: self.remote_query.as_ref(),
        }
    }

    /// The query, as read.
    pub fn query(&self) -> &Value {
        &self.query
    }

    /// The body, as read.
    pub fn body(&self) -> &Value {
        &self.body
    }
}

/// The pass-through member of `part` in `document`, when it is an object.
fn passed_through(part: Part, document: &Value) -> Option<&serde_json::Map<String, Value>> {
    document.get(pass_through(part)?)?.as_object()
}

/// A report's violations, each with the part it is in.
pub fn by_part(part: Part, report: Report) -> Vec<(Part, ValidationError)> {
    report
        .into_errors()
        .into_iter()
        .map(|error| (part, error))
        .collect()
}

/// An integrated account's id, hyphenated, when `text` is a UUID.
pub fn account_id(text: &str) -> Option<String> {
    uuid::Uuid::parse_str(text)
        .ok()
        .map(|id| id.hyphenated().to_string())
}
