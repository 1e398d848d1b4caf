//! The commands of `unified` as a library, for any provider set: a binary of one's own gets
//! `validate`, `schema`, `export`, `openapi`, `coverage`, `providers`, `models`, `serve`,
//! `token` and `account` for its own models and adapters in a few lines.
//!
//! ```no_run
//! # use unified_core::{Registry, providers};
//! # use unified_adapter::Adapters;
//! # providers! { pub mod providers { acme_desk => "Acme Desk" } }
//! # fn registry() -> Registry<providers::Set> { Registry::new(Vec::new()) }
//! fn main() -> std::process::ExitCode {
//!     unified_commands::Program::new("helpdesk", registry(), Adapters::new()).main()
//! }
//! ```
//!
//! Exit status 0 on success, 1 when `validate` finds the document invalid, 2 for usage and
//! setup errors, which are one line on stderr after the program's name.

mod cli;
mod commands;
mod failure;
pub mod fuzzing;
mod output;
mod program;

pub use program::Program;
