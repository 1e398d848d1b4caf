//! The provider adapters of the shipped models: each turns a validated unified request into its
//! provider's native request and the native answer into the unified response. [`adapters`] is
//! the one place they are registered.

mod dixa;
mod people;
mod pivotal_tracker;
mod qualtrics_corexm;

pub use dixa::Dixa;
pub use pivotal_tracker::PivotalTracker;
pub use qualtrics_corexm::QualtricsCorexm;

use unified_adapter::Adapters;
use unified_models::providers;
use unified_models::ticketing::users::UsersCreate;

/// Every adapter the gateway dispatches to; adding a provider's adapter means adding it here.
pub fn adapters() -> Adapters<providers::Set> {
    Adapters::new()
        .with::<UsersCreate, _>(Dixa)
        .with::<UsersCreate, _>(PivotalTracker)
        .with::<UsersCreate, _>(QualtricsCorexm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_adapter_per_provider_each_for_users_create() {
        let adapters = adapters();
        assert!(adapters.duplicates().is_empty());
        let ids: Vec<&str> = adapters.iter().map(|a| a.provider().id()).collect();
        assert_eq!(ids, ["dixa", "pivotal_tracker", "qualtrics_corexm"]);
        for provider in [providers::dixa, providers::pivotal_tracker] {
            assert!(
                adapters
                    .find(provider, "ticketing/users", "create")
                    .is_some()
            );
            assert!(
                adapters
                    .find(provider, "ticketing/users", "delete")
                    .is_none()
            );
        }
        assert!(
            adapters
                .find(providers::hive, "ticketing/users", "create")
                .is_none()
        );
    }
}
