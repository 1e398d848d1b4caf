//! What the gateway's unit tests share: a provider set, an operation and an adapter that is
//! never dispatched.

use core::marker::PhantomData;

use serde::Serialize;
use unified_adapter::{
    Adapter, AdapterError, AuthScheme, Call, NativeRequest, NativeResponse, Need, Translate,
};
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
    const NAME: &'static str = "create";
}

/// The adapter of the provider `P`, whose credential header is the string.
pub struct Presenting<P>(pub &'static str, pub PhantomData<fn() -> P>);

impl<P> Presenting<P> {
    /// The adapter whose credential header is `name`.
    pub fn header(name: &'static str) -> Self {
        Presenting(name, PhantomData)
    }
}

impl<P: ProviderType> Adapter for Presenting<P> {
    type Provider = P;

    fn auth(&self) -> AuthScheme {
        AuthScheme::Header {
            name: self.0,
            prefix: "Token ",
        }
    }
}

/// A translation that is never dispatched: both of its steps fail.
macro_rules! not_dispatched {
    () => {
        fn native_request(
            &self,
            _: Call<'_, Self::Body, Self::Query>,
        ) -> Result<NativeRequest, AdapterError> {
            Err(AdapterError::Response("not dispatched".to_owned()))
        }

        fn unified_response(
            &self,
            _: Call<'_, Self::Body, Self::Query>,
            _: &NativeResponse,
        ) -> Result<Nothing, AdapterError> {
            Err(AdapterError::Response("not dispatched".to_owned()))
        }
    };
}

impl<P: ProviderType> Translate<NothingCreate> for Presenting<P>
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

    fn auth(&self) -> AuthScheme {
        AuthScheme::Header {
            name: "x-key",
            prefix: "",
        }
    }
}

impl Translate<NothingCreate> for Mistaken {
    type Body = ViewOf<Nothing, test_providers::good>;
    type Query = ViewOf<Nothing, test_providers::good>;

    const NEEDS: &'static [Need] = &[Need::one_of(Part::Body, &["/a/*/b", "/c"])];

    not_dispatched!();
}
