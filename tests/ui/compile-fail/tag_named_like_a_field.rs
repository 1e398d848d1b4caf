// A field named like an internal tag could never be read: serde takes that member as the tag.
// The derive refuses it in a variant with named fields, and in a newtype variant's model.
unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
    }
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
struct Card {
    number: String,
    #[serde(rename = "kind")]
    brand: String,
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
#[serde(tag = "kind")]
enum Payment {
    Card(Card),
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
#[serde(tag = "kind")]
enum Payout {
    Bank {
        iban: String,
        kind: Option<String>,
    },
}

// Adjacent tagging keeps the value apart from the tag: no conflict.
#[derive(unified_core::UnifiedModel, serde::Deserialize)]
#[serde(tag = "kind", content = "value")]
enum Refund {
    Card(Card),
    Bank { kind: String },
}

fn main() {}
