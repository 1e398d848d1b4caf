//! What a violation says, kept as its parts while the document is read and turned into text
//! only when someone reads the report, so recording a violation costs no `format!`.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::format::Format;
use crate::rule::Rule;

/// The message of one violation, before it is rendered for people.
///
/// The validator builds these from `'static` parts it already has (view names, allowed values,
/// the format), so recording one allocates nothing; [`crate::Report::errors`] renders them.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Message {
    /// "is not supported by `view`".
    Unsupported {
        /// The name of the view that does not accept the field.
        view: &'static str,
    },
    /// "is required", or "is required by `by`" when not every provider needs the field.
    Required {
        /// The provider that needs it, if that is worth saying.
        by: Option<&'static str>,
    },
    /// "cannot be cleared" (set to null by a merge patch), with "(required by `by`)" when not
    /// every provider needs it.
    Cleared {
        /// The provider that needs it, if that is worth saying.
        by: Option<&'static str>,
    },
    /// "must not be empty", with "(required by `by`)" when not every provider needs it.
    Empty {
        /// The provider that needs it, if that is worth saying.
        by: Option<&'static str>,
    },
    /// "must be `expected`, not `found`".
    Type {
        /// The expected JSON type, with its article ("a string").
        expected: &'static str,
        /// The JSON type found, with its article.
        found: &'static str,
    },
    /// "must be one of: `values`", with "for `view`" when the restriction is a provider's.
    Enum {
        /// The allowed values.
        values: &'static [&'static str],
        /// The view that restricts the values, if it is not every view.
        view: Option<&'static str>,
    },
    /// "must be" and the format's description.
    Format(Format),
    /// "is not a known field", with a "did you mean" looked up only when rendered.
    Unknown {
        /// The known name closest to the unknown one, if any is close.
        suggest: fn(&str) -> Option<&'static str>,
    },
    /// A constraint the value breaks ("must have at most 255 characters"), with "for `view`"
    /// when the constraint is a provider's.
    Constraint {
        /// The constraint.
        rule: Rule,
        /// The view that imposes it, if it is not every view.
        view: Option<&'static str>,
    },
    /// Text written by whoever recorded the violation.
    Text(Cow<'static, str>),
    /// A custom check's message and parameters.
    Custom {
        /// The English text.
        text: Cow<'static, str>,
        /// The parameters, for translations.
        params: Map<String, Value>,
    },
}

impl Message {
    /// Free text, for violations that none of the other kinds describes.
    pub fn text(text: impl Into<Cow<'static, str>>) -> Self {
        Message::Text(text.into())
    }

    /// The text for people; `key` is the last segment of the violation's location (the unknown
    /// property's name, for [`Message::Unknown`]).
    pub fn render(&self, key: &str) -> String {
        match self {
            Message::Unsupported { view } => concat(&["is not supported by ", view]),
            Message::Required { by: Some(by) } => concat(&["is required by ", by]),
            Message::Required { by: None } => "is required".to_owned(),
            Message::Cleared { by: Some(by) } => {
                concat(&["cannot be cleared (required by ", by, ")"])
            }
            Message::Cleared { by: None } => "cannot be cleared (required)".to_owned(),
            Message::Empty { by: Some(by) } => {
                concat(&["must not be empty (required by ", by, ")"])
            }
            Message::Empty { by: None } => "must not be empty".to_owned(),
            Message::Type { expected, found } => concat(&["must be ", expected, ", not ", found]),
            Message::Enum { values, view } => {
                let length = values.iter().map(|value| value.len() + 2).sum::<usize>()
                    + view.map_or(0, |view| view.len() + 5);
                let mut text = String::with_capacity("must be one of: ".len() + length);
                text.push_str("must be one of: ");
                for (index, value) in values.iter().enumerate() {
                    if index > 0 {
                        text.push_str(", ");
                    }
                    text.push_str(value);
                }
                if let Some(view) = view {
                    text.push_str(" for ");
                    text.push_str(view);
                }
                text
            }
            Message::Format(format) => concat(&["must be ", format.describe()]),
            Message::Unknown { suggest } => match suggest(key) {
                Some(name) => concat(&["is not a known field; did you mean `", name, "`?"]),
                None => "is not a known field".to_owned(),
            },
            Message::Constraint { rule, view } => {
                let mut text = constraint_text(*rule);
                if let Some(view) = view {
                    text.push_str(" for ");
                    text.push_str(view);
                }
                text
            }
            Message::Text(text) | Message::Custom { text, .. } => text.clone().into_owned(),
        }
    }
}

impl Message {
    /// The message's parameters as data, for rendering it in another language: `provider` (the
    /// provider's name) where the message names one; `expected` and `found` for `type`;
    /// `values` for `enum`; `format` for `format`; `suggestion` for `unknown` when there is one;
    /// `limit` (a number) or `pattern` for a constraint. `key` is as for [`Message::render`].
    pub fn params(&self, key: &str) -> Map<String, Value> {
        let mut params = Map::new();
        let mut put = |name: &str, value: Value| {
            params.insert(name.to_owned(), value);
        };
        match self {
            Message::Unsupported { view } => put("provider", (*view).into()),
            Message::Required { by } | Message::Cleared { by } | Message::Empty { by } => {
                if let Some(by) = by {
                    put("provider", (*by).into());
                }
            }
            Message::Type { expected, found } => {
                put("expected", (*expected).into());
                put("found", (*found).into());
            }
            Message::Enum { values, view } => {
                put("values", (*values).into());
                if let Some(view) = view {
                    put("provider", (*view).into());
                }
            }
            Message::Format(format) => put("format", format.keyword().into()),
            Message::Unknown { suggest } => {
                if let Some(name) = suggest(key) {
                    put("suggestion", name.into());
                }
            }
            Message::Constraint { rule, view } => {
                let (_, value) = rule.keyword();
                match rule {
                    Rule::Pattern(_) => put("pattern", value),
                    Rule::UniqueItems => {}
                    _ => put("limit", value),
                }
                if let Some(view) = view {
                    put("provider", (*view).into());
                }
            }
            Message::Text(_) => {}
            Message::Custom { params: own, .. } => params.clone_from(own),
        }
        params
    }
}

/// What a constraint asks, for people.
fn constraint_text(rule: Rule) -> String {
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match rule {
        Rule::MinLength(n) => format!(
            "must have at least {}",
            plural(n, "character", "characters")
        ),
        Rule::MaxLength(n) => format!("must have at most {}", plural(n, "character", "characters")),
        Rule::MinItems(n) => format!("must have at least {}", plural(n, "item", "items")),
        Rule::MaxItems(n) => format!("must have at most {}", plural(n, "item", "items")),
        Rule::Minimum(n) => format!("must be at least {n}"),
        Rule::Maximum(n) => format!("must be at most {n}"),
        Rule::ExclusiveMinimum(n) => format!("must be greater than {n}"),
        Rule::ExclusiveMaximum(n) => format!("must be less than {n}"),
        Rule::MultipleOf(n) => format!("must be a multiple of {n}"),
        Rule::Pattern(pattern) => concat(&["must match the pattern `", pattern.source, "`"]),
        Rule::UniqueItems => "must not hold the same item twice".to_owned(),
    }
}

/// The parts joined, in a string allocated once at its final size (`format!` grows its buffer
/// as it goes, which costs more than the text itself for messages this short).
fn concat(parts: &[&str]) -> String {
    let mut text = String::with_capacity(parts.iter().map(|part| part.len()).sum());
    for part in parts {
        text.push_str(part);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::Message;
    use crate::format::Format;

    #[test]
    fn renders_every_kind() {
        let suggest: fn(&str) -> Option<&'static str> =
            |key| (key == "nickname").then_some("nick_name");
        let cases = [
            (
                Message::Unsupported { view: "Dixa" },
                "is not supported by Dixa",
            ),
            (
                Message::Required { by: Some("Dixa") },
                "is required by Dixa",
            ),
            (Message::Required { by: None }, "is required"),
            (
                Message::Empty { by: Some("Hive") },
                "must not be empty (required by Hive)",
            ),
            (Message::Empty { by: None }, "must not be empty"),
            (
                Message::Type {
                    expected: "a string",
                    found: "a number",
                },
                "must be a string, not a number",
            ),
            (
                Message::Enum {
                    values: &["a", "b"],
                    view: Some("Hive"),
                },
                "must be one of: a, b for Hive",
            ),
            (
                Message::Enum {
                    values: &["a"],
                    view: None,
                },
                "must be one of: a",
            ),
            (Message::Format(Format::Uuid), "must be a UUID"),
            (
                Message::Unknown { suggest },
                "is not a known field; did you mean `nick_name`?",
            ),
            (Message::text("custom"), "custom"),
        ];
        for (message, text) in cases {
            assert_eq!(message.render("nickname"), text);
        }
        assert_eq!(
            Message::Unknown { suggest }.render("zzz"),
            "is not a known field"
        );
    }
}
