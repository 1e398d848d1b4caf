//! Models written by a `macro_rules!` of the user's, with the field types passed as tokens:
//! the derive's generated code keeps its own names apart from the macro's hygiene.

use serde::{Deserialize, Serialize};
use serde_json::json;
use unified_core::{Target, UnifiedModel};

unified_core::providers! {
    /// The providers of the generated models.
    pub mod providers {
        acme => "Acme",
    }
}

/// A model whose field types arrive as token trees.
macro_rules! model {
    ($name:ident, $($ty:tt)*) => {
        /// A generated model.
        #[derive(UnifiedModel, Serialize, Deserialize, Debug)]
        pub struct $name {
            /// A field of a generated type
            #[supported(acme)]
            pub field: $($ty)*,
            /// Another field of the same type
            pub other: $($ty)*,
        }
    };
}

model!(Text, Option<String>);
model!(Number, Option<u32>);

#[test]
fn models_made_by_a_macro_validate_and_export() {
    let acme = Target::of(providers::acme);
    assert!(Text::validate(&json!({"field": "a", "other": "b"}), providers::acme).is_valid());
    let refused = Number::validate(&json!({"field": "a", "other": 1}), providers::acme);
    let codes: Vec<&str> = refused
        .errors()
        .iter()
        .map(|error| error.code.as_str())
        .collect();
    assert_eq!(codes, ["type"]);
    let schema = Text::schema_for(acme).to_value();
    assert_eq!(
        schema["properties"]["other"]["type"],
        json!(["string", "null"])
    );
}
