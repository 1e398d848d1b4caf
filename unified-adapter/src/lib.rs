//! What a provider adapter speaks: the [`Adapter`] and [`Translate`] traits that turn a
//! provider's views of a validated unified request into its native HTTP request and the native
//! answer back, the list of [`Adapters`] a gateway dispatches through (which validates each
//! request into the views), what a provider's API needs beyond the models ([`needs`], declared
//! by each adapter, checked before sending and written as schema), the native request and
//! response types, the ways a credential is presented, the pass-through rules of the unified
//! API (`remote_data`, `remote_query`), the reading of each answer into the adapter's type,
//! whose [`Mismatch`] says where and what kind, never a value, and of its rate-limit headers
//! ([`RateLimitHeaders`]).
//!
//! Adapters only translate: whoever holds the HTTP client (the gateway) sends the request, so an
//! adapter is plain code that tests can run without a network. Adapters depend on this crate,
//! not on the gateway.

mod adapter;
mod adapters;
mod auth;
mod call;
mod error;
mod mismatch;
mod native;
pub mod needs;
mod pass_through;
mod query_writer;
mod rate_limit;
mod typed;

pub use adapter::{Adapter, Translate};
pub use adapters::{Adapters, Invalid, Prepared, Translation};
pub use auth::{AuthScheme, CredentialPart, CredentialShape, Presented};
pub use call::Call;
pub use error::AdapterError;
pub use mismatch::{Mismatch, Problem};
pub use native::{DOT_SEGMENTS, Endpoint, Method, NativeRequest, NativeResponse};
pub use needs::Need;
pub use pass_through::PassThrough;
pub use query_writer::write_query;
pub use rate_limit::{EPOCH_FLOOR, Quota, RETRY_AFTER, RateLimit, RateLimitHeaders, Reset};
pub use unified_core::OperationModels;
