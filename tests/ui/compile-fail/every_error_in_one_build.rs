unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

// Several mistakes: every one is reported in the same build, and code that uses the model
// still type-checks (no cascade of "trait not implemented").
use unified_core::UnifiedModel;

#[derive(UnifiedModel)]
struct UserCreate {
    #[required(dixa)]
    #[supported(dixa)]
    name: Option<String>,
    #[supported()]
    avatar: Option<String>,
    #[unified(colour = "red")]
    nick_name: Option<String>,
    #[supported(dixxa)]
    first_name: Option<String>,
}

fn main() {
    let body = serde_json::json!({});
    let _ = UserCreate::is_valid(&body, providers::dixa);
}
