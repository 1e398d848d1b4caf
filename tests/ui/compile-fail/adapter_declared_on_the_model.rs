// An adapter that declares the plain model as its body cannot be registered: `Adapters::with`
// takes only adapters written on the provider's views.
use unified_adapter::{Adapter, AdapterError, Adapters, AuthScheme, Call, Endpoint, Translate};
use unified_models::providers;
use unified_models::ticketing::users::{
    UserCreateBody, UserCreateQueryForDixa, UserCreateResponse, UsersCreate,
};

struct Sloppy;

impl Adapter for Sloppy {
    type Provider = providers::dixa;

    const AUTH: AuthScheme = AuthScheme::header("authorization", "");
}

impl Translate<UsersCreate> for Sloppy {
    type Body = UserCreateBody;
    type Query = UserCreateQueryForDixa;
    type Answer = serde_json::Value;

    const ENDPOINT: Endpoint = Endpoint::post("/v1/agents");

    fn native_body(&self, _: Call<'_, Self::Body, Self::Query>) -> impl serde::Serialize {}

    fn unified_response(
        &self,
        _: Call<'_, Self::Body, Self::Query>,
        _: serde_json::Value,
    ) -> Result<UserCreateResponse, AdapterError> {
        unimplemented!()
    }
}

fn main() {
    let _ = Adapters::new().with::<UsersCreate, _>(Sloppy);
}
