unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

#[derive(unified_core::UnifiedModel)]
struct UserCreate {
    #[unified(format = "email")]
    emails: Option<Vec<String>>,
    #[unified(allowed(dixa = ["on", "off"]))]
    active: Option<bool>,
}

fn main() {}
