unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
        gorgias => "Gorgias",
    }
}

#[derive(unified_core::UnifiedModel)]
struct UserCreate {
    #[supported(dixa)]
    #[unified(
        min_length = -1,
        max_length = 2,
        min_length(dixa = 5),
        max_length(gorgias = 3),
        pattern = "(?=a)b",
        multiple_of = 0
    )]
    name: Option<String>,
    #[supported(dixa)]
    #[unified(pattern = "[a-", pattern = "x", maximum = "ten", minimum = 5, maximum(dixa = 1))]
    handle: Option<String>,
    #[unified(max_items = 1.5, pattern = 3)]
    tags: Option<Vec<String>>,
}

fn main() {}
