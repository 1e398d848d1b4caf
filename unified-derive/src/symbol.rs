//! The attribute keywords the derive reads, named once.

/// `#[required(..)]`
pub const REQUIRED: &str = "required";
/// `#[supported(..)]`
pub const SUPPORTED: &str = "supported";
/// `#[unified(..)]`
pub const UNIFIED: &str = "unified";
/// Our three attributes.
pub const OURS: [&str; 3] = [REQUIRED, SUPPORTED, UNIFIED];
/// `#[unified(providers = path)]`
pub const PROVIDERS: &str = "providers";
/// `#[unified(crate = path)]`
pub const CRATE: &str = "crate";
/// `#[unified(format = "..")]`
pub const FORMAT: &str = "format";
/// `#[unified(check = path)]`, on a field or the model
pub const CHECK: &str = "check";
/// `#[unified(allowed(provider = [..]))]`
pub const ALLOWED: &str = "allowed";
/// `#[unified(allow_empty)]`
pub const ALLOW_EMPTY: &str = "allow_empty";
/// `#[unified(title = "..")]`
pub const TITLE: &str = "title";
/// The constraint rules, each `rule = value` for every provider and `rule(provider = value)`
/// for one: `#[unified(max_length = 255, max_length(gorgias = 100))]`.
pub const RULES: [&str; 11] = [
    "min_length",
    "max_length",
    "min_items",
    "max_items",
    "minimum",
    "maximum",
    "exclusive_minimum",
    "exclusive_maximum",
    "multiple_of",
    "pattern",
    "unique_items",
];

/// `#[serde(..)]`
pub const SERDE: &str = "serde";
/// `#[serde(rename = "..")]`
pub const RENAME: &str = "rename";
/// `#[serde(rename_all = "..")]`
pub const RENAME_ALL: &str = "rename_all";
/// `#[serde(rename_all_fields = "..")]`
pub const RENAME_ALL_FIELDS: &str = "rename_all_fields";
/// `#[serde(skip)]`
pub const SKIP: &str = "skip";
/// `#[serde(skip_deserializing)]`
pub const SKIP_DESERIALIZING: &str = "skip_deserializing";
pub const DEFAULT: &str = "default";
/// `#[serde(flatten)]`
pub const FLATTEN: &str = "flatten";
/// `rename(deserialize = "..")`
pub const DESERIALIZE: &str = "deserialize";
/// `#[doc = ".."]`, what `///` comments become
pub const DOC: &str = "doc";
