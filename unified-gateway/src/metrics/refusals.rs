//! `unified_validation_refusals_total`: requests answered 400 for violations, by the account's
//! provider, the part (`query`, `body`) and the violation's stable code.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::registry::Registry;
use unified_core::{Part, ValidationError};

/// The refusals counted so far.
pub(crate) struct Refusals(Family<Labels, Counter>);

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Labels {
    provider: &'static str,
    part: &'static str,
    code: &'static str,
}

impl Refusals {
    pub fn registered(registry: &mut Registry) -> Refusals {
        let family = Family::default();
        registry.register(
            "validation_refusals",
            "Requests refused with 400 for violations, by the integrated account's provider \
             (empty when not known), part and violation code; a request counts once under each \
             part and code it broke",
            family.clone(),
        );
        Refusals(family)
    }

    /// Counts a request refused for `errors`, for `provider` (empty when not known).
    pub fn count(&self, provider: &'static str, errors: &[(Part, ValidationError)]) {
        // Once per part and code: a body missing three required fields is one refusal.
        let mut seen: Vec<(Part, &'static str)> = Vec::with_capacity(errors.len());
        for (part, error) in errors {
            let key = (*part, error.code.as_str());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let labels = Labels {
                provider,
                part: part.as_str(),
                code: key.1,
            };
            self.0.get_or_create(&labels).inc();
        }
    }
}
