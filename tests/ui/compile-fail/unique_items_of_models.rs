unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
    }
}

#[derive(unified_core::UnifiedModel, PartialEq)]
struct Tag {
    name: String,
}

#[derive(unified_core::UnifiedModel)]
struct UserCreate {
    #[unified(unique_items)]
    tags: Option<Vec<Tag>>,
    #[unified(unique_items)]
    extra: Option<Vec<serde_json::Value>>,
    // `2^53` and `2^53 + 1` would build two equal `f64` items.
    #[unified(unique_items)]
    scales: Option<Vec<f64>>,
}

fn main() {}
