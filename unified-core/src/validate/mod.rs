//! Validation: the field values and their checks, the walk over an object model's fields, the
//! one-pass reader over JSON text, the recorders of violations and the per-view masks.

pub(crate) mod mask;
pub(crate) mod object;
pub(crate) mod read;
pub(crate) mod recorder;
pub(crate) mod value;
