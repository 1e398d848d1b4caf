//! What the gateway's unit tests share: a provider set and an adapter that is never dispatched.

use serde_json::{Map, Value};
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, NativeRequest, NativeResponse};
use unified_core::Provider;

unified_core::providers! {
    /// Providers with adapters to check.
    pub mod test_providers {
        good => "Good",
        bad => "Bad",
    }
}

/// The adapter of one provider whose credential header is the second string.
pub struct Presenting(pub Provider<test_providers::Set>, pub &'static str);

impl Adapter<test_providers::Set> for Presenting {
    fn provider(&self) -> Provider<test_providers::Set> {
        self.0
    }
    fn auth(&self) -> AuthScheme {
        AuthScheme::Header {
            name: self.1,
            prefix: "Token ",
        }
    }
    fn operations(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }
    fn native_request(&self, _: &Call<'_>) -> Result<NativeRequest, AdapterError> {
        Err(AdapterError::Response("not dispatched".to_owned()))
    }
    fn unified_response(
        &self,
        _: &Call<'_>,
        _: &NativeResponse,
    ) -> Result<Map<String, Value>, AdapterError> {
        Err(AdapterError::Response("not dispatched".to_owned()))
    }
}
