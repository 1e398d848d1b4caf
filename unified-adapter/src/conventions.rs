//! The request conventions of the unified API that belong to no model: which integrated
//! account a request is for, how to shape the answer, and what passes through to the provider
//! untouched. They are declared once, here; a gateway reads them for every model. A model may
//! declare the same parameters itself (to document them in its own schema), and then its own
//! rules check them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use unified_core::UnifiedModel;

/// The query parameters every unified request may carry.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[unified(providers = unified_core::no_providers)]
pub struct QueryConventions {
    /// The ID of the integrated account to use for the request.
    #[unified(format = "uuid")]
    pub integrated_account_id: String,

    /// The format of the response.
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

impl QueryConventions {
    /// The names of the parameters, as they appear in a query string.
    pub const NAMES: [&'static str; 5] = [
        "integrated_account_id",
        "truto_response_format",
        "truto_ignore_remote_data",
        "truto_exclude_fields",
        "remote_query",
    ];
}

/// The body members every unified request may carry.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[unified(providers = unified_core::no_providers)]
pub struct BodyConventions {
    /// Any additional data to pass in the request body; it reaches the provider's API as it is,
    /// untransformed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_data: Option<Map<String, Value>>,
}

impl BodyConventions {
    /// The names of the members.
    pub const NAMES: [&'static str; 1] = ["remote_data"];
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
