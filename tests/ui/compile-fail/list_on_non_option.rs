unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

#[derive(unified_core::UnifiedModel)]
struct UserCreate {
    #[required(dixa)]
    name: String,
}

fn main() {}
