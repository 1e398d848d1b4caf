//! The request body of `POST /unified/ticketing/users`; `remote_data`, which every request may
//! carry, is a convention of every operation (`unified_core::conventions`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use unified_core::{Secret, UnifiedModel};

use super::providers;

/// A user to create in the provider's system.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct UserCreateBody {
    /// The user's name
    #[required(dixa, pivotal_tracker, reamaze, solarwinds_service_desk)]
    #[supported(freshchat, gorgias, hive, planhat)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,

    /// The URL of the user's avatar
    #[supported(dixa, freshchat, teamwork_project_management)]
    #[unified(format = "uri")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,

    /// Custom field values, keyed by the provider's field name
    #[supported(planhat)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Map<String, Value>>,

    /// The user's email addresses
    #[required(
        dixa,
        gorgias,
        hive,
        pivotal_tracker,
        planhat,
        qualtrics_corexm,
        reamaze,
        solarwinds_service_desk
    )]
    #[supported(freshchat)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<UserEmail>>,

    /// The user's first name
    #[required(planhat, qualtrics_corexm)]
    #[supported(dixa, freshchat, gorgias, hive, teamwork_project_management)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,

    /// The languages preferred by the user
    #[required(qualtrics_corexm)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<String>>,

    /// The user's last name
    #[required(planhat, qualtrics_corexm)]
    #[supported(dixa, freshchat, gorgias, hive, teamwork_project_management)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,

    /// The nick name of the user.
    #[required(planhat)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nick_name: Option<String>,

    /// The password needed for the user to log into their account.
    #[required(qualtrics_corexm)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,

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
    pub roles: Option<Vec<UserRole>>,

    /// Whether the user is active
    #[supported(solarwinds_service_desk)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,

    /// The IDs of the teams the user is a member of
    #[supported(dixa, freshchat, solarwinds_service_desk)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_ids: Option<Vec<String>>,

    /// The type of user
    #[required(qualtrics_corexm)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_type: Option<String>,

    /// The user's username
    #[required(qualtrics_corexm)]
    #[supported(pivotal_tracker)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// One email address of a user.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct UserEmail {
    /// The user's email address
    #[unified(format = "email")]
    pub email: String,

    /// The type of email address
    pub r#type: EmailType,
}

/// The type of an email address.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EmailType {
    /// The user's main address.
    Primary,
    /// Any other address.
    Other,
}

/// A role the user has.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct UserRole {
    /// The role's unique identifier
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,

    /// The role's name
    #[unified(allowed(pivotal_tracker = ["owner", "member", "viewer"]))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Whether a user is active.
#[derive(UnifiedModel, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum UserStatus {
    /// The user can sign in and work.
    Active,
    /// The user is disabled.
    Inactive,
}
