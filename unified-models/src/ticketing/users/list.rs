//! The query parameters and the answer of `GET /unified/ticketing/users`: a page of users. The
//! spec describes only the create; these follow the reference client's list (pages read from
//! `result` and `next_cursor`, which it sends back as the `next_cursor` query parameter).

use serde::{Deserialize, Serialize};
use unified_core::UnifiedModel;

use super::{Collection, UserCreateResponse, providers};

/// The query parameters of a user list.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct UserListQuery {
    /// Collection with type project is required.
    #[required(pivotal_tracker)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collections: Option<Vec<Collection>>,

    /// The most users one page holds
    #[unified(minimum = 1, maximum = 100)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,

    /// Where the page starts: the `next_cursor` of the page before, as it was given
    #[unified(min_length = 1)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// One page of users, in the unified shape.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct UserListResponse {
    /// The users of this page; none where there are none
    #[unified(allow_empty)]
    pub result: Vec<UserCreateResponse>,

    /// What to send as `next_cursor` for the next page; absent or null on the last one
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// What is left of a deleted user: its id.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct UserDeleteResponse {
    /// The deleted user's unique identifier
    #[unified(min_length = 1)]
    pub id: String,
}
