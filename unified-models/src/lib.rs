//! The unified models this project ships, the providers they front, and the registry that
//! every tool (the `unified` command, the schema export, the tests) reads them from.

pub mod ticketing;

use unified_core::{Operation, Registry};

unified_core::providers! {
    /// The providers the shipped models front, in the order the spec lists them.
    pub mod providers {
        dixa => "Dixa",
        freshchat => "Freshchat",
        gorgias => "Gorgias",
        hive => "Hive",
        pivotal_tracker => "Pivotal Tracker",
        planhat => "Planhat",
        qualtrics_corexm => "Qualtrics CoreXM",
        reamaze => "Re:amaze",
        solarwinds_service_desk => "SolarWinds Service Desk",
        teamwork_project_management => "Teamwork Project Management",
    }
}

/// Every operation of every shipped model; adding a model means adding it here.
pub fn registry() -> Registry<providers::Set> {
    Registry::new(vec![
        Operation::of::<ticketing::users::UsersCreate>(),
        Operation::of::<ticketing::users::UsersList>(),
        Operation::of::<ticketing::users::UsersGet>(),
        Operation::of::<ticketing::users::UsersUpdate>(),
        Operation::of::<ticketing::users::UsersDelete>(),
    ])
}
