unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
struct UserCreate {
    name: Option<String>,
    #[serde(rename = "name")]
    nick: Option<String>,
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Active,
    #[serde(rename = "active")]
    Enabled,
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
enum Nothing {
    #[serde(skip)]
    Hidden,
}

fn main() {}
