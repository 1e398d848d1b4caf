unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        pivotal_tracker => "Pivotal Tracker",
    }
}

/// A role, without the derive.
struct Role {
    name: String,
}

#[derive(unified_core::UnifiedModel)]
struct UserCreate {
    #[supported(dixa)]
    roles: Option<Vec<Role>>,
}

fn main() {
    let _ = Role { name: String::new() }.name;
}
