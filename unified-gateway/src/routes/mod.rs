//! The HTTP handlers, one file each.

pub mod create;
pub mod fallback;
pub mod health;
pub mod meta;
