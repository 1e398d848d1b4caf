unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

#[derive(unified_core::UnifiedModel)]
struct UserCreate {
    #[unified(format = "phone")]
    phone: Option<String>,
    #[unified(allowed(dixa = []))]
    role: Option<String>,
}

fn main() {}
