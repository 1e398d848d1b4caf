unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

#[derive(unified_core::UnifiedModel)]
union UserCreate {
    id: u32,
}

fn main() {}
