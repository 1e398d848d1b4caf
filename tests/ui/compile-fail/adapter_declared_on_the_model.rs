// An adapter that declares the plain model as its body cannot be registered: `Adapters::with`
// takes only adapters written on the provider's views.
use unified_adapter::{
    Adapter, AdapterError, Adapters, AuthScheme, Call, NativeRequest, NativeResponse, Translate,
};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBody, UserCreateQueryForDixa, UserCreateResponse, UsersCreate,
};

struct Sloppy;

impl Adapter for Sloppy {
    type Provider = providers::dixa;

    fn auth(&self) -> AuthScheme {
        AuthScheme::Header { name: "authorization", prefix: "" }
    }
}

impl Translate<UsersCreate> for Sloppy {
    type Body = UserCreateBody;
    type Query = UserCreateQueryForDixa;

    fn native_request(
        &self,
        _: Call<'_, Self::Body, Self::Query>,
    ) -> Result<NativeRequest, AdapterError> {
        unimplemented!()
    }

    fn unified_response(
        &self,
        _: Call<'_, Self::Body, Self::Query>,
        _: &NativeResponse,
    ) -> Result<UserCreateResponse, AdapterError> {
        unimplemented!()
    }
}

fn main() {
    let _ = Adapters::new().with::<UsersCreate, _>(Sloppy);
}
