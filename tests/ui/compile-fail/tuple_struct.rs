unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

#[derive(unified_core::UnifiedModel)]
struct UserCreate(Option<String>);

fn main() {}
