// serde's field and variant attributes that change what deserializes and that the derive does
// not honour: each is refused on its key, with why, where serde reads the member. On a member
// serde skips, they are accepted: serde never reads it.

unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
    }
}

mod upper {
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(input: D) -> Result<String, D::Error> {
        let text: String = serde::Deserialize::deserialize(input)?;
        Ok(text.to_uppercase())
    }
}

fn unnamed() -> Option<String> {
    Some("unnamed".to_owned())
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
struct UserCreate {
    #[serde(alias = "mail")]
    email: String,
    #[serde(with = "upper")]
    code: String,
    #[serde(deserialize_with = "upper::deserialize")]
    team: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default = "unnamed")]
    name: Option<String>,
    // `default` on an `Option` is `None` when absent, as without it: accepted.
    #[serde(default)]
    phone: Option<String>,
    // serde never reads a skipped field.
    #[serde(skip, alias = "never")]
    note: String,
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
enum Priority {
    #[serde(alias = "lowest")]
    Low,
    High,
    #[serde(other)]
    Unknown,
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
struct Card {
    last4: String,
}

fn any_card<'de, D: serde::Deserializer<'de>>(input: D) -> Result<Card, D::Error> {
    serde::Deserialize::deserialize(input)
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
#[serde(tag = "type", content = "value")]
enum Payment {
    #[serde(deserialize_with = "any_card")]
    Card(Card),
    #[serde(untagged)]
    Other(Card),
}

fn main() {}
