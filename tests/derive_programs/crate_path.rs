//! A facade crate re-exports the runtime; models name it with `#[unified(crate = path)]`.

mod facade {
    pub use ::unified_core as unified;
}

use facade::unified::{Target, UnifiedModel, providers};

providers! {
    /// One provider.
    pub mod providers {
        acme => "Acme",
    }
}

/// A thing.
#[derive(UnifiedModel)]
#[unified(crate = facade::unified)]
struct Thing {
    /// Its name.
    #[required(acme)]
    name: Option<String>,
    /// Its kind.
    kind: Option<Kind>,
}

/// A kind.
#[derive(UnifiedModel)]
#[unified(crate = facade::unified)]
enum Kind {
    /// The first.
    First,
}

pub fn main() {
    let body = serde_json::json!({"kind": "First"});
    assert!(Thing::is_valid(&body, Target::UNIFIED));
    assert!(!Thing::is_valid(&body, providers::acme));
}
