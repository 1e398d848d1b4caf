//! The checked model the generator works from: every name resolved to its JSON form, every
//! provider list known to be well formed.

use proc_macro2::TokenStream;
use syn::{Ident, LitStr, Type};

/// A model ready to be generated.
pub struct Model {
    pub ident: Ident,
    /// The provider set's type (`providers::Set`), for structs.
    pub set: TokenStream,
    pub doc: Option<String>,
    pub kind: Kind,
}

pub enum Kind {
    Struct(Vec<Field>),
    /// The JSON names of the unit variants.
    Enum(Vec<String>),
}

pub struct Field {
    pub json_name: String,
    /// The field's type, `T` for `Option<T>`.
    pub ty: Type,
    pub doc: Option<String>,
    pub presence: Presence,
    pub format: Option<Ident>,
    pub allowed: Vec<Allowed>,
    /// Path of the provider set's module, to name providers (`providers::dixa`).
    pub providers: TokenStream,
}

/// Which providers take the field.
pub enum Presence {
    /// Not `Option`: required by every provider.
    Always,
    /// `Option` with no provider list: accepted by every provider, required by none.
    Everywhere,
    /// `Option` with provider lists.
    Listed {
        required: Vec<Ident>,
        supported: Vec<Ident>,
    },
}

/// Values a string field takes for one provider.
pub struct Allowed {
    pub provider: Ident,
    pub values: Vec<LitStr>,
}
