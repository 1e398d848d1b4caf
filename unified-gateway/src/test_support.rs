//! What the gateway's unit tests share: a provider set, an operation and an adapter that is
//! never dispatched.

use core::marker::PhantomData;

use serde::Serialize;
use serde::de::IgnoredAny;
use unified_adapter::{Adapter, AdapterError, AuthScheme, Call, Endpoint, Need, Translate};
use unified_core::{FieldView, OperationModels, Part, ProviderType, UnifiedModel, ViewOf};

unified_core::providers! {
    /// Providers with adapters to check.
    pub mod test_providers {
        good => "Good",
        bad => "Bad",
    }
}

use test_providers as providers;

/// A model with nothing in it.
#[derive(UnifiedModel, Serialize, Default)]
pub struct Nothing {}

/// An operation on [`Nothing`].
pub struct NothingCreate;

impl OperationModels for NothingCreate {
    type Set = test_providers::Set;
    type Body = Nothing;
    type Query = Nothing;
    type Response = Nothing;
    const MODEL: &'static str = "nothing";
    const ACTION: unified_core::Action = unified_core::Action::Create;
}

/// The name of a credential header, as a type, so that an adapter's scheme stays data.
pub trait HeaderName: 'static {
    /// The header's name.
    const NAME: &'static str;
}

/// `X-Api-Token`, a valid header name.
pub struct ApiToken;

impl HeaderName for ApiToken {
    const NAME: &'static str = "X-Api-Token";
}

/// `X Api Token`, which no header can be named.
pub struct Spaced;

impl HeaderName for Spaced {
    const NAME: &'static str = "X Api Token";
}

/// The adapter of the provider `P`, whose credential goes in the header `H`.
pub struct Presenting<P, H = ApiToken>(PhantomData<fn() -> (P, H)>);

impl<P, H> Presenting<P, H> {
    /// The adapter.
    pub fn new() -> Self {
        Presenting(PhantomData)
    }
}

impl<P: ProviderType, H: HeaderName> Adapter for Presenting<P, H> {
    type Provider = P;
    const AUTH: AuthScheme = AuthScheme::header(H::NAME, "Token ");
}

/// A translation that is never dispatched: its answer is never read.
macro_rules! not_dispatched {
    () => {
        type Answer = IgnoredAny;

        const ENDPOINT: Endpoint = Endpoint::post("/nothing");

        fn native_body(&self, _: Call<'_, Self::Body, Self::Query>) -> impl Serialize {}

        fn unified_response(
            &self,
            _: Call<'_, Self::Body, Self::Query>,
            _: IgnoredAny,
        ) -> Result<Nothing, AdapterError> {
            Err(AdapterError::Response("not dispatched".to_owned()))
        }
    };
}

impl<P: ProviderType, H: HeaderName> Translate<NothingCreate> for Presenting<P, H>
where
    Nothing: FieldView<P>,
    ViewOf<Nothing, P>: Send + Sync,
{
    type Body = ViewOf<Nothing, P>;
    type Query = ViewOf<Nothing, P>;

    not_dispatched!();
}

/// An adapter of `good` whose need names a `*` among several places.
pub struct Mistaken;

impl Adapter for Mistaken {
    type Provider = test_providers::good;
    const AUTH: AuthScheme = AuthScheme::header("x-key", "");
}

impl Translate<NothingCreate> for Mistaken {
    type Body = ViewOf<Nothing, test_providers::good>;
    type Query = ViewOf<Nothing, test_providers::good>;

    const NEEDS: &'static [Need] = &[Need::one_of(Part::Body, &["/a/*/b", "/c"])];

    not_dispatched!();
}
