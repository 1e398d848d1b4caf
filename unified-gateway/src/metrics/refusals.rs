//! `unified_validation_refusals_total`: requests answered 400 for violations, by the account's
//! provider, the part (`query`, `body`) and the violation's stable code.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::registry::Registry;
use unified_core::{Code, Part, ValidationError};

use super::series::Series;

/// The refusals counted so far.
pub(crate) struct Refusals {
    /// Each label set's counter, by the provider's name, the part and the code.
    counters: Series<(&'static str, Part, Code), Labels, Counter>,
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
            counters: Series::new(family),
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

    /// Counts one refusal under one label set.
    fn increment(&self, provider: &'static str, part: Part, code: Code) {
        self.counters.record(
            (provider, part, code),
            || Labels {
                provider,
                part: part.as_str(),
                code: code.as_str(),
            },
            |counter| {
                counter.inc();
            },
        );
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
