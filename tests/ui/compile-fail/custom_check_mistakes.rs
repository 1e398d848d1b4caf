unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
    }
}

const NO_NAMESPACE: unified_core::Code = unified_core::Code::custom("too_short");

fn takes_a_number(_: &i64, _: &mut unified_core::Checker<'_, providers::Set>) {}

#[derive(unified_core::UnifiedModel)]
struct UserCreate {
    #[unified(check = takes_a_number)]
    name: Option<String>,
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
struct Card {
    number: String,
}

// A tagged enum has no check of its own: its variants' models and fields do.
#[derive(unified_core::UnifiedModel, serde::Deserialize)]
#[serde(tag = "type")]
#[unified(check = takes_a_number)]
enum Payment {
    Card(Card),
}

fn main() {
    let _ = NO_NAMESPACE;
}
