//! The conventions of the unified API that belong to no model: which integrated account a
//! request is for, how to shape the answer, and what passes through to the provider untouched.
//! They are declared here, once: every [`Operation`](crate::Operation) adds them to its parts,
//! so the validator, the schemas, the coverage table and a gateway all read the same
//! declaration, and a model never declares them itself.

pub(crate) mod read;
mod schema;

pub use read::{
    conventions_from_value, model_from_slice, model_from_value, patch_from_value,
    validate_conventions, validate_model, view_from_value,
};
pub(crate) use schema::coverage;
pub use schema::with_conventions;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::UnifiedModel;
use crate::operation::part::Part;
use crate::provider::NoProviders;
use crate::validate::field_rule::FieldRule;
use crate::validate::object::ObjectModel;

/// The query parameters every unified request may carry.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[unified(providers = crate::no_providers)]
pub struct QueryConventions {
    /// The ID of the integrated account to use for the request.
    #[unified(format = "uuid")]
    pub integrated_account_id: String,

    /// The format of the response.
    ///
    /// `unified` (the default) returns the response with the unified mappings applied; `raw`
    /// returns the provider's response as it came; `normalized` applies the unified mappings and
    /// returns the data in a normalized format; `stream` returns the response as a stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truto_response_format: Option<ResponseFormat>,

    /// Excludes the remote_data attribute from the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truto_ignore_remote_data: Option<bool>,

    /// Array of fields to exclude from the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truto_exclude_fields: Option<Vec<String>>,

    /// Query parameters to pass to the underlying API without any transformations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_query: Option<Map<String, Value>>,
}

/// The body members every unified request may carry.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[unified(providers = crate::no_providers)]
pub struct BodyConventions {
    /// Any additional data to pass in the request body; it reaches the provider's API as it is,
    /// untransformed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_data: Option<Map<String, Value>>,
}

/// The members every unified response may carry.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[unified(providers = crate::no_providers)]
pub struct ResponseConventions {
    /// Raw data returned from the remote API call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_data: Option<Map<String, Value>>,
}

/// The format of a unified API response.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ResponseFormat {
    /// The response with the unified mappings applied.
    #[default]
    Unified,
    /// The provider's response, unprocessed.
    Raw,
    /// The unified mappings, in a normalized format.
    Normalized,
    /// The response as a stream.
    Stream,
}

impl ResponseFormat {
    /// The format as a query string names it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ResponseFormat::Unified => "unified",
            ResponseFormat::Raw => "raw",
            ResponseFormat::Normalized => "normalized",
            ResponseFormat::Stream => "stream",
        }
    }
}

/// The names of the convention members of `part`, in declaration order.
pub fn names(part: Part) -> impl Iterator<Item = &'static str> {
    rules(part).iter().map(|rule| rule.name)
}

/// The member of `part` that reaches the provider untouched: the body's `remote_data` (merged
/// over the native body) and the query's `remote_query` (added to the native query).
pub const fn pass_through(part: Part) -> Option<&'static str> {
    match part {
        Part::Body => Some("remote_data"),
        Part::Query => Some("remote_query"),
        Part::Response => None,
    }
}

/// Whether `name` is a convention member of `part`.
pub fn is_convention(part: Part, name: &str) -> bool {
    names(part).any(|convention| convention == name)
}

/// The field rules of the conventions of `part`.
pub(crate) fn rules(part: Part) -> &'static [FieldRule<NoProviders>] {
    match part {
        Part::Body => <BodyConventions as ObjectModel<NoProviders>>::RULES,
        Part::Query => <QueryConventions as ObjectModel<NoProviders>>::RULES,
        Part::Response => <ResponseConventions as ObjectModel<NoProviders>>::RULES,
    }
}
