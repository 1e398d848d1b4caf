//! What a violation says, kept as its parts while the document is read and turned into text
//! only when someone reads the report, so recording a violation costs no `format!`.

use std::borrow::Cow;

use serde::{Serialize, Serializer};
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
        let mut text = String::new();
        self.write_with(self.suggestion(key), &mut text);
        text
    }

    /// The "did you mean" of an unknown field named `key`, looked up once for the text and the
    /// parameters; `None` for every other kind.
    pub(crate) fn suggestion(&self, key: &str) -> Option<&'static str> {
        match self {
            Message::Unknown { suggest } => suggest(key),
            _ => None,
        }
    }

    /// Appends the text for people to `out`, with the "did you mean" already looked up.
    pub(crate) fn write_with(&self, suggestion: Option<&'static str>, out: &mut String) {
        match self {
            Message::Unsupported { view } => push_all(out, &["is not supported by ", view]),
            Message::Required { by: Some(by) } => push_all(out, &["is required by ", by]),
            Message::Required { by: None } => out.push_str("is required"),
            Message::Cleared { by: Some(by) } => {
                push_all(out, &["cannot be cleared (required by ", by, ")"]);
            }
            Message::Cleared { by: None } => out.push_str("cannot be cleared (required)"),
            Message::Empty { by: Some(by) } => {
                push_all(out, &["must not be empty (required by ", by, ")"]);
            }
            Message::Empty { by: None } => out.push_str("must not be empty"),
            Message::Type { expected, found } => {
                push_all(out, &["must be ", expected, ", not ", found]);
            }
            Message::Enum { values, view } => {
                let length = values.iter().map(|value| value.len() + 2).sum::<usize>()
                    + view.map_or(0, |view| view.len() + 5);
                out.reserve("must be one of: ".len() + length);
                out.push_str("must be one of: ");
                for (index, value) in values.iter().enumerate() {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(value);
                }
                if let Some(view) = view {
                    push_all(out, &[" for ", view]);
                }
            }
            Message::Format(format) => push_all(out, &["must be ", format.describe()]),
            Message::Unknown { .. } => match suggestion {
                Some(name) => push_all(out, &["is not a known field; did you mean `", name, "`?"]),
                None => out.push_str("is not a known field"),
            },
            Message::Constraint { rule, view } => {
                write_constraint(*rule, out);
                if let Some(view) = view {
                    push_all(out, &[" for ", view]);
                }
            }
            Message::Text(text) | Message::Custom { text, .. } => out.push_str(text),
        }
    }

    /// The message's parameters as data, for rendering it in another language: `provider` (the
    /// provider's name) where the message names one; `expected` and `found` for `type`;
    /// `values` for `enum`; `format` for `format`; `suggestion` for `unknown` when there is one;
    /// `limit` (a number) or `pattern` for a constraint. `key` is as for [`Message::render`].
    pub fn params(&self, key: &str) -> Map<String, Value> {
        let mut params = Map::new();
        self.each_param(self.suggestion(key), |name, value| {
            params.insert(name.to_owned(), value.into_value());
        });
        params
    }

    /// Hands each parameter to `put`, in the order of their names (the order a JSON object of
    /// them is written in).
    pub(crate) fn each_param(
        &self,
        suggestion: Option<&'static str>,
        mut put: impl FnMut(&str, Param<'_>),
    ) {
        match self {
            Message::Unsupported { view } => put("provider", Param::Text(view)),
            Message::Required { by } | Message::Cleared { by } | Message::Empty { by } => {
                if let Some(by) = by {
                    put("provider", Param::Text(by));
                }
            }
            Message::Type { expected, found } => {
                put("expected", Param::Text(expected));
                put("found", Param::Text(found));
            }
            Message::Enum { values, view } => {
                if let Some(view) = view {
                    put("provider", Param::Text(view));
                }
                put("values", Param::Texts(values));
            }
            Message::Format(format) => put("format", Param::Text(format.keyword())),
            Message::Unknown { .. } => {
                if let Some(name) = suggestion {
                    put("suggestion", Param::Text(name));
                }
            }
            Message::Constraint { rule, view } => {
                match rule {
                    Rule::Pattern(_) => put("pattern", Param::Keyword(*rule)),
                    Rule::UniqueItems => {}
                    _ => put("limit", Param::Keyword(*rule)),
                }
                if let Some(view) = view {
                    put("provider", Param::Text(view));
                }
            }
            Message::Text(_) => {}
            Message::Custom { params, .. } => {
                for (name, value) in params {
                    put(name, Param::Value(value));
                }
            }
        }
    }
}

/// One parameter's value, borrowed from the message where it holds it.
pub(crate) enum Param<'a> {
    /// A string.
    Text(&'a str),
    /// A list of strings.
    Texts(&'a [&'a str]),
    /// A JSON value the message holds.
    Value(&'a Value),
    /// A constraint's value in its schema keyword (its limit or pattern), made only when read.
    Keyword(Rule),
}

impl Param<'_> {
    /// The value as JSON.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Param::Text(text) => text.into(),
            Param::Texts(texts) => texts.iter().map(|&text| Value::from(text)).collect(),
            Param::Value(value) => value.clone(),
            Param::Keyword(rule) => rule.keyword().1,
        }
    }
}

impl Serialize for Param<'_> {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        match self {
            Param::Text(text) => serializer.serialize_str(text),
            Param::Texts(texts) => serializer.collect_seq(texts.iter()),
            Param::Value(value) => value.serialize(serializer),
            Param::Keyword(rule) => rule.keyword().1.serialize(serializer),
        }
    }
}

/// Appends what a constraint asks, for people, to `out`.
fn write_constraint(rule: Rule, out: &mut String) {
    use core::fmt::Write;
    out.reserve(48);
    let counted = |out: &mut String, start: &str, n: u64, one: &str, many: &str| {
        write!(out, "{start}{n} {}", if n == 1 { one } else { many })
    };
    let _ = match rule {
        Rule::MinLength(n) => counted(out, "must have at least ", n, "character", "characters"),
        Rule::MaxLength(n) => counted(out, "must have at most ", n, "character", "characters"),
        Rule::MinItems(n) => counted(out, "must have at least ", n, "item", "items"),
        Rule::MaxItems(n) => counted(out, "must have at most ", n, "item", "items"),
        Rule::Minimum(n) => write!(out, "must be at least {n}"),
        Rule::Maximum(n) => write!(out, "must be at most {n}"),
        Rule::ExclusiveMinimum(n) => write!(out, "must be greater than {n}"),
        Rule::ExclusiveMaximum(n) => write!(out, "must be less than {n}"),
        Rule::MultipleOf(n) => write!(out, "must be a multiple of {n}"),
        Rule::Pattern(pattern) => {
            push_all(out, &["must match the pattern `", pattern.source, "`"]);
            Ok(())
        }
        Rule::UniqueItems => {
            out.push_str("must not hold the same item twice");
            Ok(())
        }
    };
}

/// Appends the parts to `out`, growing it once to hold them all (`format!` grows its buffer as
/// it goes, which costs more than the text itself for messages this short).
fn push_all(out: &mut String, parts: &[&str]) {
    out.reserve(parts.iter().map(|part| part.len()).sum());
    for part in parts {
        out.push_str(part);
    }
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
