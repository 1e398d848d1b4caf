//! The HTTP handlers, one file each.

pub mod create;
pub mod meta;
