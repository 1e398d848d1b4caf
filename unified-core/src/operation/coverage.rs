//! The coverage table of an operation: which providers support and require each field, taken
//! from the same rules the validator enforces, as JSON or as Markdown that reads like the spec.

use std::fmt::Write;

use serde::Serialize;

use crate::model::FieldCoverage;
use crate::operation::part::Part;
use crate::provider::{ProviderInfo, ProviderSet};

/// Coverage of one operation, in the shape `unified coverage --format json` prints.
#[derive(Clone, Debug, Serialize)]
pub struct OperationCoverage {
    /// The model's name.
    pub model: &'static str,
    /// The operation's name.
    pub operation: &'static str,
    /// Every provider of the set, in declaration order.
    pub providers: Vec<ProviderInfo>,
    /// Per part, per field, the providers that support and require it.
    pub parts: PartsCoverage,
}

/// The coverage rows of the three parts.
#[derive(Clone, Debug, Serialize)]
pub struct PartsCoverage {
    /// Request body fields.
    pub body: Vec<FieldCoverage>,
    /// Query parameters.
    pub query: Vec<FieldCoverage>,
    /// Response body fields.
    pub response: Vec<FieldCoverage>,
}

impl OperationCoverage {
    /// The coverage of an operation from its parts' rows (body, query, response).
    pub fn new<S: ProviderSet>(
        model: &'static str,
        operation: &'static str,
        [body, query, response]: [Vec<FieldCoverage>; 3],
    ) -> Self {
        OperationCoverage {
            model,
            operation,
            providers: S::ALL.to_vec(),
            parts: PartsCoverage {
                body,
                query,
                response,
            },
        }
    }

    fn rows(&self, part: Part) -> &[FieldCoverage] {
        match part {
            Part::Body => &self.parts.body,
            Part::Query => &self.parts.query,
            Part::Response => &self.parts.response,
        }
    }

    fn name_of(&self, id: &str) -> &'static str {
        self.providers
            .iter()
            .find(|info| info.id == id)
            .map_or("?", |info| info.name)
    }

    /// The table as Markdown: per part and field, its description, "8 supported · 4 required",
    /// then the providers (the required ones first, marked).
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {} · {}\n", self.model, self.operation);
        for part in Part::ALL {
            // An operation without a body has no rows there, not even the conventions'.
            if part == Part::Body && self.parts.body.is_empty() {
                continue;
            }
            // A rules column only where some field has rules, so other tables read as before.
            let ruled = self
                .rows(part)
                .iter()
                .any(|row| !row.constraints.is_empty());
            let (head, rule) = if ruled {
                (" rules |", "---|")
            } else {
                ("", "")
            };
            let _ = write!(
                out,
                "\n## {}\n\n| field | description | coverage | providers |{head}\n|---|---|---|---|{rule}\n",
                part.title()
            );
            for row in self.rows(part) {
                let description = row.description.unwrap_or_default().replace('\n', " ");
                let _ = write!(
                    out,
                    "| `{}` | {} | {} | {} |",
                    row.field,
                    description.replace('|', "\\|"),
                    self.counts(row),
                    self.provider_names(row)
                );
                if ruled {
                    let _ = write!(out, " {} |", self.rules(row).replace('|', "\\|"));
                }
                out.push('\n');
            }
        }
        out
    }

    /// The field's constraints: `max_length 10 (Acme); max_length 5 (Beta)`; the providers are
    /// left out where every provider that takes the field enforces it.
    fn rules(&self, row: &FieldCoverage) -> String {
        row.constraints
            .iter()
            .map(|constraint| {
                let value = match &constraint.value {
                    serde_json::Value::String(pattern) => format!("`{pattern}`"),
                    other => other.to_string(),
                };
                let everywhere = row
                    .supported
                    .iter()
                    .all(|id| constraint.providers.contains(id));
                if everywhere {
                    format!("{} {value}", constraint.rule)
                } else {
                    let names: Vec<&str> = constraint
                        .providers
                        .iter()
                        .map(|id| self.name_of(id))
                        .collect();
                    format!("{} {value} ({})", constraint.rule, names.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn counts(&self, row: &FieldCoverage) -> String {
        let mut counts = format!("{} supported", row.supported.len());
        if !row.required.is_empty() {
            let _ = write!(counts, " · {} required", row.required.len());
        }
        counts
    }

    fn provider_names(&self, row: &FieldCoverage) -> String {
        if row.required.len() == self.providers.len() {
            return "every provider (required)".to_owned();
        }
        if row.supported.len() == self.providers.len() && row.required.is_empty() {
            return "every provider".to_owned();
        }
        let required = row
            .required
            .iter()
            .map(|id| format!("{} (required)", self.name_of(id)));
        let supported = row
            .supported
            .iter()
            .filter(|id| !row.required.contains(id))
            .map(|id| self.name_of(id).to_owned());
        required.chain(supported).collect::<Vec<_>>().join(", ")
    }
}
