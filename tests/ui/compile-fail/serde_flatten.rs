unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
struct UserCreate {
    #[serde(flatten)]
    extra: Option<std::collections::HashMap<String, String>>,
}

fn main() {}
