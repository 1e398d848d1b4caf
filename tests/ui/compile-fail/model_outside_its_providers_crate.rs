//! A model whose provider set is declared in another crate: the set's views macro is private
//! to that crate, and its name says where the model belongs.

use unified_core::UnifiedModel;

#[derive(UnifiedModel, serde::Serialize, serde::Deserialize)]
#[unified(providers = unified_models::providers)]
pub struct Note {
    #[required(dixa)]
    pub text: Option<String>,
}

fn main() {}
