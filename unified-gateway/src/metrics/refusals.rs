//! `unified_validation_refusals_total`: requests answered 400 for violations, by the account's
//! provider, the part (`query`, `body`) and the violation's stable code.

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::registry::Registry;
use unified_core::{Code, Part, ValidationError};

/// The refusals counted so far.
pub(crate) struct Refusals {
    family: Family<Labels, Counter>,
    /// Each label set's counter once counted (it is in the family from then on), found by the
    /// provider name's address, the part and the code, without hashing the labels' text.
    counted: RwLock<HashMap<Key, Counter, foldhash::fast::RandomState>>,
}

/// A label set as [`Refusals::counted`] finds it: the provider's name by its address and
/// length (names are `'static`, so there are as many as the gateway has providers).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    provider: (usize, usize),
    part: Part,
    code: Code,
}

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
        Refusals {
            family,
            counted: RwLock::default(),
        }
    }

    /// Counts a request refused for `errors`, for `provider` (empty when not known).
    pub fn count(&self, provider: &'static str, errors: &[(Part, ValidationError)]) {
        // Once per part and code: a body missing three required fields is one refusal.
        let mut seen: Vec<(Part, Code)> = Vec::with_capacity(errors.len());
        for (part, error) in errors {
            let key = (*part, error.code);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            self.increment(provider, *part, error.code);
        }
    }

    /// Counts one refusal under one label set, whose counter is created in the family the
    /// first time.
    fn increment(&self, provider: &'static str, part: Part, code: Code) {
        let key = Key {
            provider: (provider.as_ptr() as usize, provider.len()),
            part,
            code,
        };
        let counted = self.counted.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(counter) = counted.get(&key) {
            counter.inc();
            return;
        }
        drop(counted);
        let labels = Labels {
            provider,
            part: part.as_str(),
            code: code.as_str(),
        };
        let counter = self.family.get_or_create(&labels).clone();
        counter.inc();
        self.counted
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, counter);
    }
}

#[cfg(test)]
mod tests {
    use prometheus_client::encoding::text::encode;
    use unified_core::Code;

    use super::*;

    fn error(code: Code) -> ValidationError {
        ValidationError::new("/name", code, "is wrong")
    }

    #[test]
    fn each_request_counts_once_per_part_and_code_however_often_it_comes() {
        let mut registry = Registry::default();
        let refusals = Refusals::registered(&mut registry);
        let twice_required = [
            (Part::Body, error(Code::Required)),
            (Part::Body, error(Code::Required)),
            (Part::Query, error(Code::Required)),
        ];
        for _ in 0..3 {
            refusals.count("dixa", &twice_required);
        }
        refusals.count("", &[(Part::Body, error(Code::Type))]);
        let mut text = String::new();
        encode(&mut text, &registry).unwrap();
        for line in [
            r#"validation_refusals_total{provider="dixa",part="body",code="required"} 3"#,
            r#"validation_refusals_total{provider="dixa",part="query",code="required"} 3"#,
            r#"validation_refusals_total{provider="",part="body",code="type"} 1"#,
        ] {
            assert!(text.lines().any(|each| each == line), "{line} in\n{text}");
        }
        assert_eq!(text.matches("validation_refusals_total{").count(), 3);
    }
}
