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
/// `#[serde(default)]`, `#[serde(default = "path")]`
pub const DEFAULT: &str = "default";
/// `#[serde(tag = "..")]`
pub const TAG: &str = "tag";
/// `#[serde(content = "..")]`
pub const CONTENT: &str = "content";
/// `#[serde(flatten)]`
pub const FLATTEN: &str = "flatten";
/// `#[serde(alias = "..")]`
pub const ALIAS: &str = "alias";
/// `#[serde(with = "module")]`
pub const WITH: &str = "with";
/// `#[serde(deserialize_with = "path")]`
pub const DESERIALIZE_WITH: &str = "deserialize_with";
/// `#[serde(other)]`
pub const OTHER: &str = "other";
/// `#[serde(untagged)]`
pub const UNTAGGED: &str = "untagged";
/// `#[serde(transparent)]`
pub const TRANSPARENT: &str = "transparent";
/// `#[serde(from = "Type")]`
pub const FROM: &str = "from";
/// `#[serde(try_from = "Type")]`
pub const TRY_FROM: &str = "try_from";
/// serde's container keys the derive refuses (`serde_attrs.rs` says why); `tag` is refused on
/// a struct only.
pub const REFUSED_ON_CONTAINER: [&str; 5] = [TRANSPARENT, FROM, TRY_FROM, UNTAGGED, DEFAULT];
/// serde's field keys the derive refuses on a field serde reads.
pub const REFUSED_ON_FIELD: [&str; 4] = [ALIAS, WITH, DESERIALIZE_WITH, FLATTEN];
/// serde's variant keys the derive refuses on a variant serde reads.
pub const REFUSED_ON_VARIANT: [&str; 5] = [ALIAS, WITH, DESERIALIZE_WITH, OTHER, UNTAGGED];
/// The refused keys written alone, without a value.
pub const FLAGS: [&str; 5] = [TRANSPARENT, UNTAGGED, DEFAULT, FLATTEN, OTHER];
/// `rename(deserialize = "..")`
pub const DESERIALIZE: &str = "deserialize";
/// `#[doc = ".."]`, what `///` comments become
pub const DOC: &str = "doc";
