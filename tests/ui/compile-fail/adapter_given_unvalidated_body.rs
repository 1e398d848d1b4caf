// An adapter takes its provider's views; the plain model (never validated) is not one.
use unified_adapter::{Call, Translate};
use unified_providers::Dixa;
use unified_models::ticketing::users::{UserCreateBody, UserCreateQuery, UsersCreate};

fn main() {
    let body = UserCreateBody::default();
    let query: UserCreateQuery = serde_json::from_str(r#"{"integrated_account_id": "x"}"#).unwrap();
    let _ = <Dixa as Translate<UsersCreate>>::native_body(
        &Dixa,
        Call {
            body: &body,
            query: &query,
            id: None,
        },
    );
}
