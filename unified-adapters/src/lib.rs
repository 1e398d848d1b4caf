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

/// The model and operation every shipped adapter implements.
pub const USERS_CREATE: (&str, &str) = ("ticketing/users", "create");

/// Every adapter the gateway dispatches to; adding a provider's adapter means adding it here.
pub fn adapters() -> Adapters<providers::Set> {
    Adapters::new(vec![
        Box::new(Dixa),
        Box::new(PivotalTracker),
        Box::new(QualtricsCorexm),
    ])
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
        let (model, operation) = USERS_CREATE;
        assert!(adapters.iter().all(|a| a.implements(model, operation)));
        assert!(adapters.iter().all(|a| !a.implements(model, "delete")));
    }
}
