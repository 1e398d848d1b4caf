//! The query parameters of `POST /unified/ticketing/users`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use unified_core::UnifiedModel;

use super::providers;
pub use unified_adapter::conventions::ResponseFormat;

/// The query parameters of a user create.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct UserCreateQuery {
    /// Collection with type project is required.
    #[required(pivotal_tracker)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collections: Option<Vec<Collection>>,

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

/// A collection (a project, a workspace) the request applies to.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Collection {
    /// The unique identifier for a collection
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}
