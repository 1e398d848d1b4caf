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
    let mut errors = Vec::with_capacity(report.len());
    push_by_part(&mut errors, part, report);
    errors
}

/// Adds a report's violations to `errors`, each with the part it is in: the parts' reports of
/// one request gathered into one list, without a list per part.
pub fn push_by_part(errors: &mut Vec<(Part, ValidationError)>, part: Part, report: Report) {
    if !report.is_empty() {
        errors.extend(report.into_errors().into_iter().map(|error| (part, error)));
    }
}

/// An integrated account's id, hyphenated, when `text` is a UUID.
pub fn account_id(text: &str) -> Option<String> {
    let id = uuid::Uuid::parse_str(text).ok()?;
    // Written into a buffer, not formatted: this runs on every request.
    let mut hyphenated = [0; uuid::fmt::Hyphenated::LENGTH];
    Some(id.hyphenated().encode_lower(&mut hyphenated).to_owned())
}

#[cfg(test)]
mod tests {
    use super::account_id;

    #[test]
    fn an_account_id_is_any_uuid_written_hyphenated_in_lower_case() {
        let hyphenated = "67e55044-10b1-426f-9247-bb680e5fe0c8";
        for written in [
            hyphenated,
            "67E55044-10B1-426F-9247-BB680E5FE0C8",
            "67e5504410b1426f9247bb680e5fe0c8",
            "urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8",
        ] {
            assert_eq!(
                account_id(written).as_deref(),
                Some(hyphenated),
                "{written}"
            );
        }
        for not_one in ["", "67e55044", "67e55044-10b1-426f-9247-bb680e5fe0cz"] {
            assert_eq!(account_id(not_one), None, "{not_one}");
        }
    }
}
