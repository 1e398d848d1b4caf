//! The checked model the generator works from: every name resolved to its JSON form, every
//! provider list known to be well formed.

use proc_macro2::TokenStream;
use syn::{Ident, LitStr, Type};

/// A model ready to be generated.
pub struct Model<'a> {
    /// The type's name.
    pub ident: Ident,
    /// The provider set's type (`providers::Set`), for structs.
    pub set: TokenStream,
    /// The provider set's module (`providers`), where each provider is named.
    pub providers: TokenStream,
    /// The runtime crate's path: `::unified_core`, or `#[unified(crate = path)]`.
    pub core: TokenStream,
    /// The doc comment, for the schema's description (with a note on custom checks).
    pub doc: Option<String>,
    /// The model's custom checks.
    pub checks: Vec<syn::ExprPath>,
    pub kind: Kind<'a>,
}

/// What the model is in JSON.
pub enum Kind<'a> {
    /// An object, with its fields and the fields serde skips (built with serde's `default`
    /// function when one is named, else `Default`).
    Struct {
        fields: Vec<Field<'a>>,
        skipped: Vec<(&'a Ident, Option<syn::ExprPath>)>,
    },
    /// The unit variants: their JSON names and Rust names.
    Enum(Vec<(String, &'a Ident)>),
    /// A tagged enum of models: the tag member, the content member for adjacent tagging, and
    /// its variants.
    Tagged {
        tag: LitStr,
        content: Option<LitStr>,
        variants: Vec<TaggedVariant<'a>>,
    },
}

/// One variant of a tagged enum.
pub struct TaggedVariant<'a> {
    /// The tag's value that picks it.
    pub json_name: String,
    /// The Rust name.
    pub ident: &'a Ident,
    /// The model that reads it: the newtype's, or the hidden model of its named fields.
    pub ty: Type,
    /// The named fields, moved one by one from the hidden model; `None` for a newtype.
    pub fields: Option<Vec<&'a Ident>>,
}

/// One field of an object model.
pub struct Field<'a> {
    /// The Rust name, where errors about the field belong.
    pub ident: &'a Ident,
    /// The property name in JSON, after serde's renames.
    pub json_name: String,
    /// The field's type, `T` for `Option<T>`.
    pub ty: Type,
    /// The doc comment, for the schema's description.
    pub doc: Option<String>,
    /// The label forms show: `title = ".."`, or one made from the JSON name.
    pub title: String,
    /// Which providers take the field.
    pub presence: Presence,
    /// Whether an empty string or list is a value where the field is required.
    pub allow_empty: bool,
    /// The `Format` variant a string must match.
    pub format: Option<Ident>,
    /// Values a string takes for some providers.
    pub allowed: Vec<Allowed>,
    /// Lengths, ranges and patterns.
    pub constraints: Vec<Constraint>,
    /// The field's custom checks.
    pub checks: Vec<syn::ExprPath>,
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

/// One checked constraint rule.
pub struct Constraint {
    /// The rule's name as written, where errors about it belong.
    pub key: Ident,
    /// The provider of a per-provider variant; `None` for every provider.
    pub provider: Option<Ident>,
    /// What it asks.
    pub kind: RuleKind,
}

/// What a constraint asks, with its checked value.
pub enum RuleKind {
    MinLength(u64),
    MaxLength(u64),
    MinItems(u64),
    MaxItems(u64),
    Minimum(f64),
    Maximum(f64),
    ExclusiveMinimum(f64),
    ExclusiveMaximum(f64),
    MultipleOf(u64),
    /// The pattern as written and in the `regex` crate's syntax.
    Pattern {
        source: String,
        translated: String,
    },
    /// Whether a list\'s items must differ (`false` lifts it for one provider).
    UniqueItems(bool),
}

/// What kind of field a rule belongs on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    String,
    Number,
    List,
}

impl RuleKind {
    /// The kind of field the rule belongs on.
    pub fn takes(&self) -> Takes {
        match self {
            RuleKind::MinLength(_) | RuleKind::MaxLength(_) | RuleKind::Pattern { .. } => {
                Takes::String
            }
            RuleKind::MinItems(_) | RuleKind::MaxItems(_) | RuleKind::UniqueItems(_) => Takes::List,
            _ => Takes::Number,
        }
    }
}

/// Values a string field takes for one provider.
pub struct Allowed {
    /// The provider the restriction applies to.
    pub provider: Ident,
    /// The values it allows.
    pub values: Vec<LitStr>,
}
