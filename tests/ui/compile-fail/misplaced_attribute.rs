unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

#[derive(unified_core::UnifiedModel)]
#[required(dixa)]
#[unified(format = "email")]
struct UserCreate {
    #[unified(providers = providers)]
    name: Option<String>,
}

#[derive(unified_core::UnifiedModel)]
enum Status {
    #[supported(dixa)]
    Active,
    #[unified(format = "uri")]
    Inactive,
}

#[derive(unified_core::UnifiedModel)]
#[unified(providers = providers)]
enum Kind {
    Person,
}

fn main() {}
