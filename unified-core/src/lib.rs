//! The runtime of `unified`: one request shape that fronts many SaaS providers.
//!
//! A model is a struct annotated once with the providers that support and require each field;
//! `#[derive(UnifiedModel)]` turns that single description into
//! - a per-provider validator that reads JSON text in one pass and reports every violation with
//!   a JSON pointer and a stable [`Code`] ([`UnifiedModel::validate_slice`]), or just says
//!   whether it is valid, allocating nothing on valid input ([`UnifiedModel::is_valid_slice`]); the same engine
//!   reads a `serde_json::Value` ([`UnifiedModel::validate`], [`UnifiedModel::is_valid`]) and,
//!   in the same pass, deserializes the model ([`UnifiedModel::from_slice`]);
//! - per-provider JSON Schemas, draft 2020-12 ([`UnifiedModel::schema_for`]), each a [`Schema`]
//!   that keeps its properties in declaration order (see [`json`](mod@json)), and a
//!   `schemars::JsonSchema` impl for the provider-agnostic target;
//! - a coverage table ([`UnifiedModel::coverage`]) that cannot drift from what is enforced.
//!
//! Providers are declared once with [`providers!`] and named by id in the attributes; a misspelt
//! id is a compile error on that token.
//!
//! ```
//! use unified_core::{UnifiedModel, providers};
//!
//! providers! {
//!     /// The providers this gateway fronts.
//!     pub mod providers {
//!         acme_desk => "Acme Desk",
//!         zendesk => "Zendesk",
//!     }
//! }
//!
//! /// A contact to create.
//! #[derive(UnifiedModel, serde::Deserialize)]
//! struct ContactCreate {
//!     /// The contact's name.
//!     #[required(zendesk)]
//!     #[supported(acme_desk)]
//!     name: Option<String>,
//!     /// The contact's email address.
//!     #[unified(format = "email")]
//!     email: String,
//! }
//!
//! let body = serde_json::json!({"email": "ada@example.org"});
//! assert!(ContactCreate::is_valid(&body, providers::acme_desk));
//! let report = ContactCreate::validate(&body, providers::zendesk);
//! assert_eq!(report.errors()[0].pointer, "/name");
//! assert_eq!(report.errors()[0].message, "is required by Zendesk");
//! ```
#![forbid(unsafe_code)]

// The conventions are derived models of this crate; the derive names the runtime by this path.
extern crate self as unified_core;

pub mod conventions;
mod format;
pub mod json;
mod model;
mod operation;
mod patch;
mod provider;
pub mod query;
pub mod report;
mod rule;
pub mod schema;
mod secret;
pub mod suggest;
mod validate;
mod view;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use format::Format;
pub use model::{ConstraintCoverage, FieldCoverage, UnifiedModel};
pub use operation::coverage::{AdapterFieldRule, OperationCoverage, PartsCoverage};
pub use operation::part::Part;
pub use operation::{Action, Operation, OperationModels, Registry};
pub use patch::{Patch, PatchOf};
pub use provider::{NoProviders, Provider, ProviderSet, ProviderType, Target};
pub use report::{Code, CustomCode, Report, ReportText, ValidationError};
pub use rule::{Pattern, Rule};
pub use schema::Schema;
pub use secret::Secret;
pub use validate::custom::{Checker, FieldCheck};
pub use validate::document::Document;
pub use view::{FieldView, NotTaken, ValidatedPart, ViewOf};

/// Field types written by hand, for values the derive does not cover: implement
/// [`FieldValue`](field::FieldValue) for the type (its schema, its reader and, optionally, its
/// emptiness). The reader says what the type takes with an [`Accept`](field::Accept) and hands
/// it to [`read_with`](field::read_with), which checks the JSON kind and the field's rules and
/// records violations through the [`Recorder`](field::Recorder) in the
/// [`Reading`](field::Reading); in [`Build`](field::Build) mode it gives the value, in
/// [`Check`](field::Check) mode nothing. [`plain_field_view!`] then lets views hold the type as
/// it is. [`Secret`] is such a type.
pub mod field {
    pub use crate::report::message::Message;
    pub use crate::report::path::Path;
    pub use crate::validate::constraint::IntegerRange;
    pub use crate::validate::field_value::{Emptiness, FieldValue, json_type_name};
    pub use crate::validate::mode::{Build, Check, Mode};
    pub use crate::validate::number::Number;
    pub use crate::validate::read::{Accept, Counted, Takes, read_with};
    pub use crate::validate::reading::Reading;
    pub use crate::validate::recorder::{AllFailures, FirstFailure, Recorder};
}

/// The module to name in `#[unified(providers = unified_core::no_providers)]` for models whose
/// rules hold for every provider alike: its set is [`NoProviders`], and it has no views.
pub mod no_providers {
    #[doc(hidden)]
    pub use crate::__no_provider_views as __views_need_the_model_in_the_crate_that_declares_its_providers;
    pub use crate::NoProviders as Set;
}

/// What the views macro of [`no_providers`] expands to: nothing, since there is no provider.
#[doc(hidden)]
#[macro_export]
macro_rules! __no_provider_views {
    ($($model:tt)*) => {};
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// The guide's examples (`docs/`), compiled and run as doctests: each chapter with Rust code.
/// The derive's documentation is `docs/annotating-models.md`; it runs here, not in
/// `unified-derive`.
#[cfg(doctest)]
pub mod guide_doctests {
    /// Annotating a model.
    #[doc = include_str!("../../docs/annotating-models.md")]
    pub struct AnnotatingModels;
}

// Its documentation is the derive's own, the guide's `docs/annotating-models.md`.
#[cfg(feature = "derive")]
pub use unified_derive::UnifiedModel;
// The conventions are derived here whatever the features.
#[cfg(not(feature = "derive"))]
use unified_derive::UnifiedModel;
