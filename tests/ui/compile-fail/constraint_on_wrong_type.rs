unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
    }
}

#[derive(unified_core::UnifiedModel)]
struct UserCreate {
    #[unified(max_length = 10)]
    seats: Option<i64>,
    #[unified(minimum = 1)]
    name: Option<String>,
    #[unified(min_items = 1)]
    label: Option<String>,
}

fn main() {}
