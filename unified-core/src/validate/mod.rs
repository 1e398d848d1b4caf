//! Validation: the field types and their readers, the one engine that reads a document (JSON
//! text or a `Value`) and checks it in one pass, the object models' rules, the recorders of
//! violations, the per-view masks and the modes (check, or check and build).

pub(crate) mod check;
pub(crate) mod constraint;
pub(crate) mod custom;
pub(crate) mod document;
pub(crate) mod field_rule;
pub(crate) mod field_value;
pub(crate) mod mask;
pub(crate) mod mode;
pub(crate) mod number;
pub(crate) mod object;
pub(crate) mod precision;
pub(crate) mod read;
pub(crate) mod reading;
pub(crate) mod recorder;
pub(crate) mod tagged;
#[macro_use]
pub(crate) mod value;
#[cfg(any(feature = "uuid", feature = "url", feature = "jiff"))]
pub(crate) mod parsed;
pub(crate) mod value_input;
