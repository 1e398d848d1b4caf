unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

#[derive(unified_core::UnifiedModel)]
enum Status {
    Active,
    Custom(String),
}

fn main() {}
