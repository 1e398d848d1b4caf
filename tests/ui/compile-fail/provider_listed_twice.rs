unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

#[derive(unified_core::UnifiedModel)]
struct UserCreate {
    #[required(dixa)]
    #[supported(pivotal_tracker, dixa)]
    name: Option<String>,
    #[supported(dixa, dixa)]
    avatar: Option<String>,
}

fn main() {}
