unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
    }
}

#[derive(unified_core::UnifiedModel)]
struct UserCreate {
    seats: Option<u128>,
}

fn main() {}
