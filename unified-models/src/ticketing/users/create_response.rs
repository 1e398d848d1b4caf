//! The response body of `POST /unified/ticketing/users`; `remote_data`, the provider's own
//! answer, is a convention of every operation (`unified_core::conventions`).

use serde::{Deserialize, Serialize};
use unified_core::UnifiedModel;

use super::providers;

// The spec marks `id` and `name` "required·" and its lists for the response only ever say
// "supported": a marked response field is required from every provider that supports it, so an
// adapter that loses the id (or the name) is caught by the gateway's response check.
/// The user as created, in the unified shape.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct UserCreateResponse {
    /// The user's unique identifier
    #[required(
        dixa,
        freshchat,
        gorgias,
        hive,
        pivotal_tracker,
        planhat,
        qualtrics_corexm,
        reamaze,
        solarwinds_service_desk,
        teamwork_project_management
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,

    /// The user's name
    #[required(
        dixa,
        freshchat,
        gorgias,
        hive,
        pivotal_tracker,
        planhat,
        reamaze,
        solarwinds_service_desk
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,

    /// The URL of the user's avatar
    #[supported(dixa, freshchat, teamwork_project_management)]
    #[unified(format = "uri")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,

    /// The date and time the user was created
    #[supported(
        dixa,
        freshchat,
        gorgias,
        pivotal_tracker,
        planhat,
        reamaze,
        solarwinds_service_desk
    )]
    #[unified(format = "date-time")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,

    /// The user's email addresses
    #[supported(
        dixa,
        freshchat,
        gorgias,
        hive,
        pivotal_tracker,
        planhat,
        reamaze,
        solarwinds_service_desk
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<UserEmailRecord>>,

    /// The unique identifier for the specific version of the resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,

    /// The user's first name
    #[supported(dixa, freshchat, gorgias, hive, planhat, teamwork_project_management)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,

    /// Whether the user is active or not
    #[supported(dixa, freshchat, gorgias, planhat, solarwinds_service_desk)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,

    /// The user's last name
    #[supported(dixa, freshchat, gorgias, hive, planhat, teamwork_project_management)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,

    /// The roles the user has
    #[supported(
        dixa,
        freshchat,
        gorgias,
        pivotal_tracker,
        planhat,
        reamaze,
        solarwinds_service_desk
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<UserRoleRecord>>,

    /// The IDs of the teams the user is a member of
    #[supported(dixa, freshchat, solarwinds_service_desk)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_ids: Option<Vec<String>>,

    /// The date and time the user was last updated
    #[supported(
        dixa,
        gorgias,
        pivotal_tracker,
        planhat,
        reamaze,
        solarwinds_service_desk
    )]
    #[unified(format = "date-time")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,

    /// The user's username
    #[supported(pivotal_tracker)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// One email address of a created user.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct UserEmailRecord {
    /// The user's email address
    #[unified(format = "email")]
    pub email: String,

    /// The type of email address
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

/// A role a created user has.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct UserRoleRecord {
    /// The role's unique identifier
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,

    /// The role's name
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
