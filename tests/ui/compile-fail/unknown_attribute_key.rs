unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

#[derive(unified_core::UnifiedModel)]
#[unified(colour = "red")]
struct UserCreate {
    #[unified(format = "email", maxlen = 3)]
    email: Option<String>,
}

fn main() {}
