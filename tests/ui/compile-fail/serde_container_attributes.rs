// serde's container attributes that change what deserializes and that the derive does not
// honour: each is refused on its key, with why.

unified_core::providers! {
    pub mod providers {
        dixa => "Dixa",
    }
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
#[serde(transparent)]
struct Wrapped {
    name: String,
}

#[derive(serde::Deserialize)]
struct Wire {
    name: String,
}

impl From<Wire> for Converted {
    fn from(wire: Wire) -> Self {
        Converted { name: wire.name }
    }
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
#[serde(from = "Wire")]
struct Converted {
    name: String,
}

impl TryFrom<Wire> for Checked {
    type Error = String;

    fn try_from(wire: Wire) -> Result<Self, String> {
        Ok(Checked { name: wire.name })
    }
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
#[serde(try_from = "Wire")]
struct Checked {
    name: String,
}

#[derive(unified_core::UnifiedModel, serde::Deserialize, Default)]
#[serde(default)]
struct Defaulted {
    name: String,
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
#[serde(tag = "type")]
struct Tagged {
    name: String,
}

#[derive(unified_core::UnifiedModel, serde::Deserialize)]
#[serde(untagged)]
enum Either {
    Low,
    High,
}

fn main() {}
