//! The coverage table of an operation: which providers support and require each field, taken
//! from the same rules the validator enforces, as JSON or as Markdown that reads like the spec.

use std::fmt::Write;

use serde::Serialize;

use crate::model::FieldCoverage;
use crate::operation::action::Action;
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
    /// Whether the body is a merge patch (an update): then a body field's `supported` providers
    /// are those that can set it, and its `required` ones those that never let it be cleared.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub merge_patch: bool,
    /// The ids of the providers a gateway has adapters of this operation for, where the
    /// coverage was asked of one ([`OperationCoverage::served_by`]); the others answer 501.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub served_by: Option<Vec<&'static str>>,
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

/// What a provider's adapter asks of a model field beyond the model, as coverage shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdapterFieldRule {
    /// The provider needs the field: in a merge patch, it is never cleared.
    Required,
    /// The provider does not take the field: in a merge patch, it cannot be set.
    Unsupported,
}

/// How a table names what the providers do with a field.
#[derive(Clone, Copy)]
struct Words {
    supported: &'static str,
    required: &'static str,
}

/// A whole body, query or response: "8 supported · 4 required".
const WHOLE_WORDS: Words = Words {
    supported: "supported",
    required: "required",
};

/// A merge patch: "8 can set · 4 never cleared".
const PATCH_WORDS: Words = Words {
    supported: "can set",
    required: "never cleared",
};

impl OperationCoverage {
    /// The coverage of an operation from its parts' rows (body, query, response).
    pub fn new<S: ProviderSet>(
        model: &'static str,
        action: Action,
        [body, query, response]: [Vec<FieldCoverage>; 3],
    ) -> Self {
        OperationCoverage {
            model,
            operation: action.name(),
            providers: S::ALL.to_vec(),
            merge_patch: action.patches(),
            served_by: None,
            parts: PartsCoverage {
                body,
                query,
                response,
            },
        }
    }

    /// The coverage with the providers whose adapters serve the operation, by id; the
    /// Markdown names them and the others.
    pub fn served_by(mut self, providers: Vec<&'static str>) -> Self {
        self.served_by = Some(providers);
        self
    }

    /// The coverage with what `provider`'s adapter asks of the field `field` of `part` beyond
    /// the model (a field its update never clears, or cannot set), so the table shows what the
    /// gateway enforces for it.
    pub fn with_adapter_rule(
        mut self,
        provider: &'static str,
        part: Part,
        field: &str,
        rule: AdapterFieldRule,
    ) -> Self {
        let rows = match part {
            Part::Body => &mut self.parts.body,
            Part::Query => &mut self.parts.query,
            Part::Response => &mut self.parts.response,
        };
        if let Some(row) = rows.iter_mut().find(|row| row.field == field) {
            match rule {
                AdapterFieldRule::Required => {
                    if !row.required.contains(&provider) && row.supported.contains(&provider) {
                        row.required.push(provider);
                        let order = |id: &&str| self.providers.iter().position(|p| p.id == *id);
                        row.required.sort_by_key(order);
                    }
                }
                AdapterFieldRule::Unsupported => {
                    row.required.retain(|id| *id != provider);
                    row.supported.retain(|id| *id != provider);
                }
            }
        }
        self
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
        if let Some(served) = &self.served_by {
            let _ = write!(out, "\n{}\n", self.served_line(served));
        }
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
            let patch = part == Part::Body && self.merge_patch;
            let title = if patch {
                "Request body (a merge patch: the providers listed can set a field; `null` clears \
                 it, except where it is never cleared)"
            } else {
                part.title()
            };
            let _ = write!(
                out,
                "\n## {title}\n\n| field | description | coverage | providers |{head}\n|---|---|---|---|{rule}\n"
            );
            let words = if patch { PATCH_WORDS } else { WHOLE_WORDS };
            for row in self.rows(part) {
                let description = row.description.unwrap_or_default().replace('\n', " ");
                let _ = write!(
                    out,
                    "| `{}` | {} | {} | {} |",
                    row.field,
                    description.replace('|', "\\|"),
                    self.counts(row, words),
                    self.provider_names(row, words)
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

    /// "Served by 1 of 10 providers: Gorgias. The others answer 501: Dixa, ...".
    fn served_line(&self, served: &[&str]) -> String {
        let (with, without): (Vec<&ProviderInfo>, Vec<&ProviderInfo>) = self
            .providers
            .iter()
            .partition(|info| served.contains(&info.id));
        let names = |infos: &[&ProviderInfo]| {
            infos
                .iter()
                .map(|info| info.name)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut line = format!(
            "Served by {} of {} providers' adapters",
            with.len(),
            self.providers.len()
        );
        if !with.is_empty() {
            let _ = write!(line, ": {}", names(&with));
        }
        line.push('.');
        if !without.is_empty() {
            let _ = write!(line, " The others answer 501: {}.", names(&without));
        }
        line
    }

    fn counts(&self, row: &FieldCoverage, words: Words) -> String {
        let mut counts = format!("{} {}", row.supported.len(), words.supported);
        if !row.required.is_empty() {
            let _ = write!(counts, " · {} {}", row.required.len(), words.required);
        }
        counts
    }

    fn provider_names(&self, row: &FieldCoverage, words: Words) -> String {
        if row.required.len() == self.providers.len() {
            return format!("every provider ({})", words.required);
        }
        if row.supported.len() == self.providers.len() && row.required.is_empty() {
            return "every provider".to_owned();
        }
        let required = row
            .required
            .iter()
            .map(|id| format!("{} ({})", self.name_of(id), words.required));
        let supported = row
            .supported
            .iter()
            .filter(|id| !row.required.contains(id))
            .map(|id| self.name_of(id).to_owned());
        required.chain(supported).collect::<Vec<_>>().join(", ")
    }
}
