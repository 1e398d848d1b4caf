// A patch for Dixa: the name Dixa requires can be left or set but not cleared, and the username
// Dixa does not take holds nothing to read.
use unified_core::{Patch, UnifiedModel};
use unified_models::providers;
use unified_models::ticketing::users::UserCreateBody;

fn main() {
    let mut patch = UserCreateBody::patch_from_slice::<providers::dixa>(br#"{"avatar": null}"#).unwrap();
    patch.name = Patch::Clear;
    let _: Patch<String> = patch.username;
    // A field Dixa supports is a `Patch`, not an `Option`.
    let _: Option<String> = patch.avatar;
}
