// Dixa does not take a username, so its view holds nothing to read there.
use unified_core::UnifiedModel;
use unified_models::providers;
use unified_models::ticketing::users::UserCreateBody;

fn main() {
    let text = br#"{"name": "Ada", "emails": [{"email": "ada@example.org", "type": "primary"}]}"#;
    let view = UserCreateBody::view_from_slice::<providers::dixa>(text).unwrap();
    let _: Option<String> = view.username;
}
