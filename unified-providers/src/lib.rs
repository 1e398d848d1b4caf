//! The provider adapters of the shipped models: each turns a validated unified request into its
//! provider's native request and the native answer into the unified response. [`adapters`] is
//! the one place they are registered.

mod dixa;
mod freshchat;
mod gorgias;
mod hive;
mod people;
mod pivotal_tracker;
mod planhat;
mod qualtrics_corexm;
mod reamaze;
mod records;
mod solarwinds_service_desk;
mod teamwork_project_management;

pub use dixa::Dixa;
pub use freshchat::Freshchat;
pub use gorgias::Gorgias;
pub use hive::Hive;
pub use pivotal_tracker::PivotalTracker;
pub use planhat::Planhat;
pub use qualtrics_corexm::QualtricsCorexm;
pub use reamaze::Reamaze;
pub use solarwinds_service_desk::SolarwindsServiceDesk;
pub use teamwork_project_management::TeamworkProjectManagement;

use unified_adapter::Adapters;
use unified_models::providers;
use unified_models::ticketing::users::{
    UsersCreate, UsersDelete, UsersGet, UsersList, UsersUpdate,
};

/// Every adapter the gateway dispatches to; adding a provider's adapter means adding it here.
pub fn adapters() -> Adapters<providers::Set> {
    Adapters::new()
        .with::<UsersCreate, _>(Dixa)
        .with::<UsersCreate, _>(Freshchat)
        .with::<UsersCreate, _>(Gorgias)
        .with::<UsersCreate, _>(Hive)
        .with::<UsersCreate, _>(PivotalTracker)
        .with::<UsersCreate, _>(Planhat)
        .with::<UsersCreate, _>(QualtricsCorexm)
        .with::<UsersCreate, _>(Reamaze)
        .with::<UsersCreate, _>(SolarwindsServiceDesk)
        .with::<UsersCreate, _>(TeamworkProjectManagement)
        .with::<UsersList, _>(Dixa)
        .with::<UsersGet, _>(Dixa)
        .with::<UsersUpdate, _>(Dixa)
        .with::<UsersDelete, _>(Dixa)
        .with::<UsersList, _>(Gorgias)
        .with::<UsersGet, _>(Gorgias)
        .with::<UsersUpdate, _>(Gorgias)
        .with::<UsersDelete, _>(Gorgias)
        .with::<UsersList, _>(PivotalTracker)
        .with::<UsersList, _>(QualtricsCorexm)
        .with::<UsersGet, _>(QualtricsCorexm)
        .with::<UsersUpdate, _>(QualtricsCorexm)
        .with::<UsersList, _>(Reamaze)
        .with::<UsersGet, _>(SolarwindsServiceDesk)
        .with::<UsersUpdate, _>(SolarwindsServiceDesk)
        .with::<UsersList, _>(TeamworkProjectManagement)
        .with::<UsersGet, _>(TeamworkProjectManagement)
        .with::<UsersUpdate, _>(TeamworkProjectManagement)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_adapter_per_provider_each_for_users_create() {
        let adapters = adapters();
        assert!(adapters.duplicates().is_empty());
        let ids: Vec<&str> = adapters
            .iter()
            .filter(|a| a.operation() == "create")
            .map(|a| a.provider().id())
            .collect();
        let every: Vec<&str> = unified_core::Provider::<providers::Set>::all()
            .map(|provider| provider.id())
            .collect();
        assert_eq!(ids, every, "every provider of the set, in the set's order");
        for provider in unified_core::Provider::<providers::Set>::all() {
            assert!(
                adapters
                    .find(provider, "ticketing/users", "create")
                    .is_some()
            );
        }
    }

    #[test]
    fn the_calls_on_existing_users_are_those_whose_native_calls_are_documented() {
        let offered: Vec<(&str, &str)> = adapters()
            .iter()
            .filter(|a| a.operation() != "create")
            .map(|a| (a.provider().id(), a.operation()))
            .collect();
        assert_eq!(
            offered,
            [
                ("dixa", "list"),
                ("dixa", "get"),
                ("dixa", "update"),
                ("dixa", "delete"),
                ("gorgias", "list"),
                ("gorgias", "get"),
                ("gorgias", "update"),
                ("gorgias", "delete"),
                ("pivotal_tracker", "list"),
                ("qualtrics_corexm", "list"),
                ("qualtrics_corexm", "get"),
                ("qualtrics_corexm", "update"),
                ("reamaze", "list"),
                ("solarwinds_service_desk", "get"),
                ("solarwinds_service_desk", "update"),
                ("teamwork_project_management", "list"),
                ("teamwork_project_management", "get"),
                ("teamwork_project_management", "update"),
            ]
        );
    }
}
