//! The two latency histograms: `unified_provider_call_duration_seconds`, a call to a provider
//! by provider and what answered, and `unified_store_call_duration_seconds`, a store call on the
//! request path by operation.

use std::time::Duration;

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use super::series::Series;

/// A provider's call, from a loopback fake's millisecond to the 30 s default timeout and past.
const PROVIDER_BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// A store call: a cache hit takes microseconds, a database round trip milliseconds, and the
/// pool waits at most 5 s for a connection.
const STORE_BUCKETS: [f64; 14] = [
    0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025,
    0.1, 1.0, 5.0,
];

/// What a provider's call came to: its status, or why there is none.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub(crate) enum ProviderAnswer {
    /// The provider answered with this status.
    Status(u16),
    /// No whole answer within the provider timeout.
    Timeout,
    /// No answer: the connection failed or was cut.
    Unreachable,
    /// An answer larger than the limit, dropped unread.
    TooLarge,
}

impl EncodeLabelValue for ProviderAnswer {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        match self {
            ProviderAnswer::Status(status) => status.encode(encoder),
            ProviderAnswer::Timeout => "timeout".encode(encoder),
            ProviderAnswer::Unreachable => "unreachable".encode(encoder),
            ProviderAnswer::TooLarge => "too_large".encode(encoder),
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ProviderLabels {
    provider: &'static str,
    status: ProviderAnswer,
}

/// Calls to providers.
pub(crate) struct ProviderCalls {
    /// Each provider's and answer's histogram.
    histograms: Series<(&'static str, ProviderAnswer), ProviderLabels, Histogram>,
}

impl ProviderCalls {
    pub fn registered(registry: &mut Registry) -> ProviderCalls {
        let family: Family<_, _, fn() -> Histogram> =
            Family::new_with_constructor(|| Histogram::new(PROVIDER_BUCKETS));
        registry.register(
            "provider_call_duration_seconds",
            "Calls to providers, from sending to the whole answer read, by provider and the \
             provider's status (or timeout, unreachable, too_large)",
            family.clone(),
        );
        ProviderCalls {
            histograms: Series::new(family),
        }
    }

    /// Records a call to `provider` that took `took` and came to `answer`.
    pub fn observe(&self, provider: &'static str, answer: ProviderAnswer, took: Duration) {
        self.histograms.record(
            (provider, answer),
            || ProviderLabels {
                provider,
                status: answer,
            },
            |histogram| histogram.observe(took.as_secs_f64()),
        );
    }
}

/// A store call on the request path, named for the `operation` label.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub(crate) enum StoreCall {
    /// The environment of the bearer token.
    Token,
    /// The integrated account.
    Account,
    /// Opening the account's credential.
    Credential,
    /// Holding an idempotency key.
    IdempotencyClaim,
    /// Keeping the answer under a held key.
    IdempotencyKeep,
    /// Giving a held key back.
    IdempotencyRelease,
    /// The probes' check that the database answers.
    Health,
}

impl StoreCall {
    fn as_str(self) -> &'static str {
        match self {
            StoreCall::Token => "token",
            StoreCall::Account => "account",
            StoreCall::Credential => "credential",
            StoreCall::IdempotencyClaim => "idempotency_claim",
            StoreCall::IdempotencyKeep => "idempotency_keep",
            StoreCall::IdempotencyRelease => "idempotency_release",
            StoreCall::Health => "health",
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StoreLabels {
    operation: &'static str,
}

/// Store calls on the request path.
pub(crate) struct StoreCalls {
    /// Each operation's histogram.
    histograms: Series<StoreCall, StoreLabels, Histogram>,
}

impl StoreCalls {
    pub fn registered(registry: &mut Registry) -> StoreCalls {
        let family: Family<_, _, fn() -> Histogram> =
            Family::new_with_constructor(|| Histogram::new(STORE_BUCKETS));
        registry.register(
            "store_call_duration_seconds",
            "Store calls on the request path (cache hits included), by operation: token, \
             account, credential, idempotency_claim, idempotency_keep, idempotency_release, \
             health",
            family.clone(),
        );
        StoreCalls {
            histograms: Series::new(family),
        }
    }

    /// Records a store call that took `took`.
    pub fn observe(&self, call: StoreCall, took: Duration) {
        self.histograms.record(
            call,
            || StoreLabels {
                operation: call.as_str(),
            },
            |histogram| histogram.observe(took.as_secs_f64()),
        );
    }
}
