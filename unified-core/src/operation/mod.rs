//! Operations and the registry: a model's request body, query parameters and response for one
//! operation, reachable by name, so that every tool (validation, schemas, export, coverage) is fed
//! from one list and adding a model is one place.

use core::any::TypeId;
use std::sync::OnceLock;

use schemars::Schema;
use serde_json::Value;

pub(crate) mod coverage;
pub(crate) mod part;

use crate::model::{FieldCoverage, UnifiedModel};
use crate::operation::coverage::OperationCoverage;
use crate::operation::part::Part;
use crate::provider::{ProviderSet, View};
use crate::query::read_query;
use crate::report::{Code, Report, ValidationError};
use crate::schema;

/// One part's model, reached through plain functions so parts of different types share a list.
struct PartModel<S> {
    validate: fn(&Value, View<S>) -> Report,
    is_valid: fn(&Value, View<S>) -> bool,
    validate_slice: fn(&[u8], View<S>) -> Report,
    schema: fn(View<S>) -> Schema,
    coverage: fn() -> Vec<FieldCoverage>,
}

impl<S: ProviderSet> PartModel<S> {
    fn of<M: UnifiedModel<S>>() -> Self {
        PartModel {
            validate: |value, view| M::validate(value, view),
            is_valid: |value, view| M::is_valid(value, view),
            validate_slice: |text, view| M::validate_slice(text, view),
            schema: M::schema,
            coverage: M::coverage,
        }
    }
}

/// One operation of a unified model (`ticketing/users` `create`) with its three parts.
pub struct Operation<S> {
    model: &'static str,
    name: &'static str,
    parts: [PartModel<S>; 3],
    /// The Rust types of the body, query and response models.
    models: [TypeId; 3],
    /// Each part's unified schema, built on first use: the query's shapes every query string
    /// read, the body's tells the gateway which values are write-only.
    unified_schemas: [OnceLock<Schema>; 3],
}

impl<S: ProviderSet> Operation<S> {
    /// The operation `name` of `model`, with the models of its request body, query parameters
    /// and response body.
    pub fn new<Body, Query, Response>(model: &'static str, name: &'static str) -> Self
    where
        Body: UnifiedModel<S> + 'static,
        Query: UnifiedModel<S> + 'static,
        Response: UnifiedModel<S> + 'static,
    {
        Operation {
            model,
            name,
            models: [
                TypeId::of::<Body>(),
                TypeId::of::<Query>(),
                TypeId::of::<Response>(),
            ],
            parts: [
                PartModel::of::<Body>(),
                PartModel::of::<Query>(),
                PartModel::of::<Response>(),
            ],
            unified_schemas: Default::default(),
        }
    }

    /// The model's name (`ticketing/users`).
    pub fn model(&self) -> &'static str {
        self.model
    }

    /// The operation's name (`create`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The Rust types of its body, query and response models, for checking that an adapter of
    /// this operation was written for the same models.
    pub fn models(&self) -> [TypeId; 3] {
        self.models
    }

    fn part(&self, part: Part) -> &PartModel<S> {
        &self.parts[part as usize]
    }

    /// Every violation of `value` for `view`.
    pub fn validate(&self, part: Part, value: &Value, view: View<S>) -> Report {
        (self.part(part).validate)(value, view)
    }

    /// Every violation of the part's rules by the JSON `text`, read and checked in one pass
    /// without building a `Value` (see [`UnifiedModel::validate_slice`]). JSON text only: a
    /// query string goes through [`Operation::validate_text`].
    pub fn validate_slice(&self, part: Part, text: &[u8], view: View<S>) -> Report {
        (self.part(part).validate_slice)(text, view)
    }

    /// Whether `value` is valid for `view`, without building a report.
    pub fn is_valid(&self, part: Part, value: &Value, view: View<S>) -> bool {
        (self.part(part).is_valid)(value, view)
    }

    /// Reads a part as it arrives (JSON text, or a query string for [`Part::Query`]) and
    /// validates it; text that cannot be read is one violation with code `json`.
    pub fn validate_text(&self, part: Part, text: &[u8], view: View<S>) -> Report {
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

    /// A part's schema for the provider-agnostic view (every field, nothing provider-specific
    /// required), built once and kept: for reading requests, not for publishing (see
    /// [`Operation::schema`] for the standalone document).
    pub fn unified_schema(&self, part: Part) -> &Schema {
        self.unified_schemas[part as usize].get_or_init(|| (self.part(part).schema)(View::UNIFIED))
    }

    /// The standalone JSON Schema of a part for `view`.
    pub fn schema(&self, part: Part, view: View<S>) -> Schema {
        let title = format!(
            "{} {}: {} for {}",
            self.model,
            self.name,
            part.title().to_lowercase(),
            view.name()
        );
        schema::document((self.part(part).schema)(view), &title)
    }

    /// Where the schema of a part for `view` lives below the export folder:
    /// `ticketing/users/dixa/create.body.json`.
    pub fn schema_path(&self, part: Part, view: View<S>) -> String {
        format!("{}/{}/{}.{}.json", self.model, view.id(), self.name, part)
    }

    /// Per part and field, the providers that support and require it.
    pub fn coverage(&self) -> OperationCoverage {
        OperationCoverage::new::<S>(
            self.model,
            self.name,
            Part::ALL.map(|part| (self.part(part).coverage)()),
        )
    }
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
            .find(|operation| operation.model == model && operation.name == name)
    }

    /// Every schema file: its path below the export folder and its text, for every operation,
    /// part and view (each provider, then `unified`).
    pub fn schema_files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        for operation in &self.operations {
            for view in View::<S>::all() {
                for part in Part::ALL {
                    let text = crate::schema::file_text(&operation.schema(part, view));
                    files.push((operation.schema_path(part, view), text));
                }
            }
        }
        files
    }
}
