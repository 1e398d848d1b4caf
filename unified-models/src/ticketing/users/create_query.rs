//! The query parameters of `POST /unified/ticketing/users` that are the model's own; the request
//! conventions (`integrated_account_id`, `truto_response_format`, `truto_ignore_remote_data`,
//! `truto_exclude_fields`, `remote_query`) are every operation's, from
//! `unified_core::conventions`.

use serde::{Deserialize, Serialize};
use unified_core::UnifiedModel;

use super::providers;

/// The query parameters of a user create.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct UserCreateQuery {
    /// Collection with type project is required.
    #[required(pivotal_tracker)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collections: Option<Vec<Collection>>,
}

/// A collection (a project, a workspace) the request applies to.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Collection {
    /// The unique identifier for a collection
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}
