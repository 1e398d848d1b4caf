//! The path `#[unified(crate = path)]` names is where the generated code looks for the runtime.

use unified_core::{UnifiedModel, providers};

providers! {
    /// One provider.
    pub mod providers {
        acme => "Acme",
    }
}

/// A thing.
#[derive(UnifiedModel)]
#[unified(crate = nowhere::unified)]
struct Thing {
    /// Its name.
    #[required(acme)]
    name: Option<String>,
}

fn main() {}
