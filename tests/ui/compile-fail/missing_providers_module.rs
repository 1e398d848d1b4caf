// With no `providers` module in scope and no `#[unified(providers = path)]`, the provider ids
// cannot be resolved.
#[derive(unified_core::UnifiedModel)]
struct UserCreate {
    #[required(dixa)]
    name: Option<String>,
}

fn main() {}
