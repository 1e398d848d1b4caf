//! Operations and the registry: a model's request body, query parameters and response for one
//! operation, reachable by name, so that every tool (validation, schemas, export, coverage) is fed
//! from one list and adding a model is one place. Each part holds the model's members and the
//! request conventions' ([`crate::conventions`]), read beside each other.

use core::any::TypeId;
use std::sync::OnceLock;

use crate::schema::Schema;
use serde_json::Value;

mod action;
pub(crate) mod coverage;
mod models;
mod no_body;
pub(crate) mod part;

pub use action::Action;
pub use models::OperationModels;

use crate::conventions::read::{self as beside, Beside, beyond_the_root, conventions_of, model_of};
use crate::conventions::{self, BodyConventions, QueryConventions, ResponseConventions};
use crate::model::{FieldCoverage, UnifiedModel};
use crate::operation::coverage::OperationCoverage;
use crate::operation::part::Part;
use crate::provider::{NoProviders, ProviderSet, Target};
use crate::query::read_query;
use crate::report::{Code, Report, ValidationError};
use crate::schema;
use crate::validate::field_value::FieldValue;

/// One part's model, reached through plain functions so parts of different types share a list.
/// Each reads the part beside the members of the other model of the part.
struct PartModel<S> {
    validate: fn(&Value, Target<S>, Beside) -> Report,
    is_valid: fn(&Value, Target<S>, Beside) -> bool,
    validate_slice: fn(&[u8], Target<S>, Beside) -> Report,
    schema: fn(Target<S>) -> Schema,
    coverage: fn() -> Vec<FieldCoverage>,
}

impl<S: ProviderSet> PartModel<S> {
    /// The part as a whole value of `M`.
    fn of<M: UnifiedModel<S>>() -> Self {
        PartModel {
            validate: beside::validate::<S, M, false>,
            is_valid: beside::is_valid::<S, M, false>,
            validate_slice: beside::validate_slice::<S, M, false>,
            schema: <M as FieldValue<S>>::schema,
            coverage: M::coverage,
        }
    }

    /// The part as a merge patch of `M` (an update's body).
    fn patch_of<M: UnifiedModel<S>>() -> Self {
        PartModel {
            validate: beside::validate::<S, M, true>,
            is_valid: beside::is_valid::<S, M, true>,
            validate_slice: beside::validate_slice::<S, M, true>,
            schema: <M as FieldValue<S>>::patch_schema,
            coverage: M::coverage,
        }
    }
}

/// The conventions' model of `part`.
fn conventions_model(part: Part) -> PartModel<NoProviders> {
    match part {
        Part::Body => PartModel::of::<BodyConventions>(),
        Part::Query => PartModel::of::<QueryConventions>(),
        Part::Response => PartModel::of::<ResponseConventions>(),
    }
}

/// One operation of a unified model (`ticketing/users` `create`) with its three parts.
pub struct Operation<S> {
    model: &'static str,
    action: Action,
    /// The [`OperationModels`] type it was declared with.
    declared_by: TypeId,
    parts: [PartModel<S>; 3],
    /// Each part's unified schema, built on first use: the query's shapes every query string
    /// read, the body's tells the gateway which values are write-only.
    unified_schemas: [OnceLock<Schema>; 3],
}

impl<S: ProviderSet> Operation<S> {
    /// The operation the marker type `O` declares.
    pub fn of<O: OperationModels<Set = S>>() -> Self {
        Operation {
            model: O::MODEL,
            action: O::ACTION,
            declared_by: TypeId::of::<O>(),
            parts: [
                if O::ACTION.patches() {
                    PartModel::patch_of::<O::Body>()
                } else {
                    PartModel::of::<O::Body>()
                },
                PartModel::of::<O::Query>(),
                PartModel::of::<O::Response>(),
            ],
            unified_schemas: Default::default(),
        }
    }

    /// The model's name (`ticketing/users`).
    pub fn model(&self) -> &'static str {
        self.model
    }

    /// The operation's name (`create`): its action's.
    pub fn name(&self) -> &'static str {
        self.action.name()
    }

    /// What it does with the model's records.
    pub fn action(&self) -> Action {
        self.action
    }

    /// The parts it has: a body only where its action takes one, then the query and the
    /// response.
    pub fn parts(&self) -> impl Iterator<Item = Part> + use<S> {
        let body = self.action.takes_a_body();
        Part::ALL
            .into_iter()
            .filter(move |part| *part != Part::Body || body)
    }

    /// Whether the marker type `O` declared this operation: an adapter of `O` translates it.
    pub fn is<O: OperationModels>(&self) -> bool {
        self.declared_by == TypeId::of::<O>()
    }

    /// The [`OperationModels`] type that declared it, for comparing with an adapter's.
    pub fn declared_by(&self) -> TypeId {
        self.declared_by
    }

    fn part(&self, part: Part) -> &PartModel<S> {
        &self.parts[part as usize]
    }

    /// Every violation of `value` for `view`: the model's rules, then the conventions'.
    pub fn validate(&self, part: Part, value: &Value, view: Target<S>) -> Report {
        let model = (self.part(part).validate)(value, view, conventions_of(part));
        joined(model, conventions::validate_conventions(part, value))
    }

    /// Every violation of the part's rules by the JSON `text`, each model read in one pass over
    /// the text without building a `Value` (see [`UnifiedModel::validate_slice`]). JSON text
    /// only: a query string goes through [`Operation::validate_text`].
    pub fn validate_slice(&self, part: Part, text: &[u8], view: Target<S>) -> Report {
        let model = (self.part(part).validate_slice)(text, view, conventions_of(part));
        let conventions =
            (conventions_model(part).validate_slice)(text, Target::UNIFIED, model_of(part));
        joined(model, conventions)
    }

    /// Whether `value` is valid for `view`, without building a report.
    pub fn is_valid(&self, part: Part, value: &Value, view: Target<S>) -> bool {
        (self.part(part).is_valid)(value, view, conventions_of(part))
            && (conventions_model(part).is_valid)(value, Target::UNIFIED, model_of(part))
    }

    /// Reads a part as it arrives (JSON text, or a query string for [`Part::Query`]) and
    /// validates it; text that cannot be read is one violation with code `json`.
    pub fn validate_text(&self, part: Part, text: &[u8], view: Target<S>) -> Report {
        match self.read(part, text) {
            Ok(value) => self.validate(part, &value, view),
            Err(error) => Report::from_errors(vec![error]),
        }
    }

    /// Reads a part as it arrives into a JSON value: JSON text for the bodies; for the query, a
    /// query string whose values are converted where the schema wants booleans, numbers or lists.
    pub fn read(&self, part: Part, text: &[u8]) -> Result<Value, ValidationError> {
        match part {
            Part::Query => {
                let text = core::str::from_utf8(text).map_err(|error| {
                    ValidationError::new(
                        "",
                        Code::Json,
                        format!("query string is not UTF-8: {error}"),
                    )
                })?;
                read_query(text, self.unified_schema(Part::Query))
            }
            Part::Body | Part::Response => crate::report::parse_json(text),
        }
    }

    /// A part's schema for the provider-agnostic target (every field, nothing provider-specific
    /// required), built once and kept: for reading requests, not for publishing (see
    /// [`Operation::schema`] for the standalone document).
    pub fn unified_schema(&self, part: Part) -> &Schema {
        self.unified_schemas[part as usize].get_or_init(|| self.part_schema(part, Target::UNIFIED))
    }

    /// The object schema of a part for `view`: the model's fields, then the conventions'.
    fn part_schema(&self, part: Part, view: Target<S>) -> Schema {
        conventions::with_conventions(part, (self.part(part).schema)(view))
    }

    /// The standalone JSON Schema of a part for `view`.
    pub fn schema(&self, part: Part, view: Target<S>) -> Schema {
        let title = format!(
            "{} {}: {} for {}",
            self.model,
            self.action.name(),
            part.title().to_lowercase(),
            view.name()
        );
        schema::document(self.part_schema(part, view), &title)
    }

    /// Where the schema of a part for `view` lives below the export folder:
    /// `ticketing/users/dixa/create.body.json`.
    pub fn schema_path(&self, part: Part, view: Target<S>) -> String {
        format!(
            "{}/{}/{}.{}.json",
            self.model,
            view.id(),
            self.action.name(),
            part
        )
    }

    /// Per part and field, the providers that support and require it: the model's fields, then
    /// the conventions'.
    pub fn coverage(&self) -> OperationCoverage {
        OperationCoverage::new::<S>(
            self.model,
            self.action,
            Part::ALL.map(|part| {
                if part == Part::Body && !self.action.takes_a_body() {
                    return Vec::new();
                }
                let mut rows = (self.part(part).coverage)();
                rows.extend(conventions::coverage::<S>(part));
                rows
            }),
        )
    }

    /// The members of the part's model that are conventions too: a model must leave those to
    /// the conventions, which every operation already has.
    pub fn redeclared_conventions(&self, part: Part) -> Vec<String> {
        let model = (self.part(part).schema)(Target::UNIFIED).to_value();
        conventions::names(part)
            .filter(|name| model["properties"].get(*name).is_some())
            .map(str::to_owned)
            .collect()
    }
}

/// The model's report and then the conventions', less what the model already said of the
/// document itself.
fn joined(model: Report, conventions: Report) -> Report {
    let conventions = beyond_the_root(conventions);
    if conventions.is_valid() {
        return model;
    }
    let mut errors = model.into_errors();
    errors.extend(conventions.into_errors());
    Report::from_errors(errors)
}

/// Every operation a tool knows, looked up by model and operation name.
pub struct Registry<S> {
    operations: Vec<Operation<S>>,
}

impl<S: ProviderSet> Registry<S> {
    /// A registry of these operations.
    pub fn new(operations: Vec<Operation<S>>) -> Self {
        Registry { operations }
    }

    /// Every operation, in registration order.
    pub fn operations(&self) -> &[Operation<S>] {
        &self.operations
    }

    /// The names of the models, each once, in registration order.
    pub fn models(&self) -> Vec<&'static str> {
        let mut models: Vec<&'static str> = Vec::new();
        for operation in &self.operations {
            if !models.contains(&operation.model) {
                models.push(operation.model);
            }
        }
        models
    }

    /// The operation `name` of `model`.
    pub fn find(&self, model: &str, name: &str) -> Option<&Operation<S>> {
        self.operations
            .iter()
            .find(|operation| operation.model == model && operation.name() == name)
    }

    /// Every schema file: its path below the export folder and its text, for every operation,
    /// part and view (each provider, then `unified`).
    pub fn schema_files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        for operation in &self.operations {
            for view in Target::<S>::all() {
                for part in operation.parts() {
                    let text = crate::schema::file_text(&operation.schema(part, view));
                    files.push((operation.schema_path(part, view), text));
                }
            }
        }
        files
    }
}
