//! What a provider's API needs of a request beyond the unified model, declared once as data by
//! the provider's adapter ([`Translate::NEEDS`](crate::Translate::NEEDS)) and read twice: by
//! [`check`], which refuses a request that lacks it before anything is sent, and by [`schema`],
//! which adds it to the schemas a gateway serves for that provider. A gateway declares what its
//! own routes need the same way.
//!
//! A need names places in one part of the unified request by JSON pointer: a model field
//! (`/first_name`), a place inside the part's pass-through member (`/remote_data/person/email-address`,
//! which the adapter's native body is merged with), or each item of a list (`/roles/*/name`).
//! A value given inside the pass-through member replaces what the adapter maps, so where one is
//! given for a needed place it must be what the provider needs itself: text, say (and `null` is
//! a value there, not an absence), inside objects and lists where the place says so.

mod check;
mod pointer;
mod schema;

use core::fmt;
use std::borrow::Cow;

use unified_core::{AdapterFieldRule, Format, Part};

pub use check::check;
pub use schema::{parameter_schemas, schema};

/// Whose needs an adapter's are, as messages and documents name them: `Teamwork Project
/// Management's API`.
pub fn api_of(provider: &str) -> String {
    ApiOf(provider).to_string()
}

/// [`api_of`], written only when shown: what a check of the needs is given, so that a request
/// that keeps them formats no name.
pub struct ApiOf<'a>(pub &'a str);

impl fmt::Display for ApiOf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}'s API", self.0)
    }
}

/// One thing a provider's API (or a gateway's route) needs of a unified request. "Text" is a
/// non-empty string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Need {
    part: Part,
    rule: Rule,
}

/// What a need asks of its places.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Rule {
    /// The place holds text; with a `*`, every item's place does.
    Required(&'static str),
    /// At least one of the places holds text (no `*` in any of them).
    OneOf(&'static [&'static str]),
    /// Where the place is given, it is text, one of `among` (when given), matching `pattern`
    /// and of `format` (when given).
    Text {
        at: &'static str,
        among: Option<Cow<'static, [&'static str]>>,
        pattern: Option<&'static str>,
        format: Option<Format>,
    },
    /// Where the place is given, it is `true` or `false`.
    Flag(&'static str),
    /// The place, a model field, is not cleared (`null` in a merge patch).
    Kept(&'static str),
    /// The place, a model field, is not given at all: the call cannot change it.
    Unchangeable(&'static str),
}

impl Need {
    /// `at` must hold text: `/remote_data/person/email-address`, or with a `*`, each item's
    /// place (`/roles/*/name`: every role given has a name).
    pub const fn required(part: Part, at: &'static str) -> Need {
        Need {
            part,
            rule: Rule::Required(at),
        }
    }

    /// At least one of `places` must hold text (the provider takes it from whichever is given).
    pub const fn one_of(part: Part, places: &'static [&'static str]) -> Need {
        Need {
            part,
            rule: Rule::OneOf(places),
        }
    }

    /// Where `at` is given, it must be text.
    pub const fn text(part: Part, at: &'static str) -> Need {
        Need {
            part,
            rule: Rule::Text {
                at,
                among: None,
                pattern: None,
                format: None,
            },
        }
    }

    /// Where `at` is given, it must be text of `format` (an email address the provider echoes
    /// back into the unified record, say).
    pub const fn formatted(part: Part, at: &'static str, format: Format) -> Need {
        Need {
            part,
            rule: Rule::Text {
                at,
                among: None,
                pattern: None,
                format: Some(format),
            },
        }
    }

    /// Where `at` is given, it must be `true` or `false`.
    pub const fn flag(part: Part, at: &'static str) -> Need {
        Need {
            part,
            rule: Rule::Flag(at),
        }
    }

    /// In an update's merge patch, the model field `at` may be left or set but not cleared
    /// (`null`): the provider requires one where the unified model has it as merely supported
    /// (a first name, say).
    pub const fn kept(part: Part, at: &'static str) -> Need {
        Need {
            part,
            rule: Rule::Kept(at),
        }
    }

    /// In an update's merge patch, the model field `at` must be left out (neither set nor
    /// cleared): the provider's update call cannot change it (Dixa's, an agent's address).
    pub const fn unchangeable(part: Part, at: &'static str) -> Need {
        Need {
            part,
            rule: Rule::Unchangeable(at),
        }
    }

    /// Where `at` is given, it must be one of `values`.
    pub const fn among(part: Part, at: &'static str, values: &'static [&'static str]) -> Need {
        Need {
            part,
            rule: Rule::Text {
                at,
                among: Some(Cow::Borrowed(values)),
                pattern: None,
                format: None,
            },
        }
    }

    /// Where `at` is given, it must be one of `values`, worked out when the need is made (a
    /// gateway's, from a model).
    pub fn among_these(part: Part, at: &'static str, values: Vec<&'static str>) -> Need {
        Need {
            part,
            rule: Rule::Text {
                at,
                among: Some(Cow::Owned(values)),
                pattern: None,
                format: None,
            },
        }
    }

    /// Where `at` is given, it must be text matching `pattern` (ECMA-262 syntax, as JSON Schema
    /// has it; kept to what the `regex` crate reads alike).
    pub const fn matching(part: Part, at: &'static str, pattern: &'static str) -> Need {
        Need {
            part,
            rule: Rule::Text {
                at,
                among: None,
                pattern: Some(pattern),
                format: None,
            },
        }
    }

    /// The model field it makes required or unsupported for the provider, where it does so
    /// alone (a field an update never clears, or cannot set), for the coverage table.
    pub fn field_rule(&self) -> Option<(&'static str, AdapterFieldRule)> {
        match &self.rule {
            Rule::Kept(at) => Some((at.trim_start_matches('/'), AdapterFieldRule::Required)),
            Rule::Unchangeable(at) => {
                Some((at.trim_start_matches('/'), AdapterFieldRule::Unsupported))
            }
            _ => None,
        }
    }

    /// The part it is about.
    pub fn part(&self) -> Part {
        self.part
    }

    /// Every place it names.
    pub fn places(&self) -> impl Iterator<Item = &'static str> + '_ {
        let places: &[&'static str] = match &self.rule {
            Rule::Required(at)
            | Rule::Text { at, .. }
            | Rule::Flag(at)
            | Rule::Kept(at)
            | Rule::Unchangeable(at) => core::slice::from_ref(at),
            Rule::OneOf(places) => places,
        };
        places.iter().copied()
    }

    /// What is wrong with the declaration, if anything: a place that is not a JSON pointer, a
    /// `*` among several places, an empty list, places in several query parameters, a pattern
    /// that does not compile. A gateway refuses to start with such a need.
    pub fn mistake(&self) -> Option<String> {
        if let Rule::OneOf(places) = &self.rule {
            if places.is_empty() {
                return Some("names no place".to_owned());
            }
            if places.len() > 1 && places.iter().any(|place| pointer::has_items(place)) {
                return Some("has `*` among several places".to_owned());
            }
        }
        if let Rule::Kept(at) | Rule::Unchangeable(at) = &self.rule
            && (pointer::has_items(at) || pointer::passes_through(self.part, at))
        {
            return Some(format!("keeps `{at}`, which is not a model field"));
        }
        if let Some(place) = self
            .places()
            .find(|place| pointer::segments(place).is_none())
        {
            return Some(format!("`{place}` is not a JSON pointer below the part"));
        }
        // Query parameters are documented one by one, so a need can name only one of them.
        let first = |place: &str| place.split('/').nth(1).map(str::to_owned);
        if self.part == Part::Query
            && self
                .places()
                .any(|place| first(place) != self.places().next().and_then(first))
        {
            return Some("names places in several query parameters".to_owned());
        }
        if let Rule::Text {
            pattern: Some(pattern),
            ..
        } = &self.rule
            && regex::Regex::new(pattern).is_err()
        {
            return Some(format!("its pattern `{pattern}` does not compile"));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use unified_core::{Code, Format, Part};

    use super::{Need, check};

    /// The (pointer, code) of each violation of `needs` by the body `document`.
    fn violations(needs: &[Need], document: serde_json::Value) -> Vec<(String, Code)> {
        check(needs, Part::Body, &document, "Acme's API")
            .into_iter()
            .map(|error| (error.pointer.to_string(), error.code))
            .collect()
    }

    #[test]
    fn a_place_under_an_escaped_or_missing_first_member_is_judged_as_walked() {
        let needs = [
            Need::text(Part::Body, "/a~1b"),
            Need::flag(Part::Body, "/c~0d/e"),
            Need::kept(Part::Body, "/f"),
        ];
        assert_eq!(
            violations(&needs, json!({"a/b": 3, "c~d": {"e": "yes"}, "f": null})),
            [
                ("/a~1b".into(), Code::Type),
                ("/c~0d/e".into(), Code::Type),
                ("/f".into(), Code::Cleared)
            ]
        );
        assert_eq!(violations(&needs, json!({"a~1b": 3, "c~0d": {"e": 1}})), []);
        assert_eq!(violations(&needs, json!("not an object")), []);
    }

    #[test]
    fn each_rule_says_where_and_what() {
        let needs = [
            Need::one_of(
                Part::Body,
                &["/first_name", "/remote_data/person/first-name"],
            ),
            Need::required(Part::Body, "/roles/*/name"),
            Need::among(Part::Body, "/roles/*/name", &["owner", "member"]),
            Need::formatted(Part::Body, "/remote_data/person/email", Format::Email),
            Need::flag(Part::Body, "/remote_data/inactive"),
            Need::matching(Part::Body, "/remote_data/team", "^[0-9]+$"),
            Need::kept(Part::Body, "/last_name"),
            Need::unchangeable(Part::Body, "/emails"),
        ];
        assert_eq!(violations(&needs, json!({"first_name": "Ada"})), []);
        assert_eq!(
            violations(&needs, json!({"first_name": "Ada", "last_name": null})),
            [("/last_name".into(), Code::Cleared)]
        );
        for emails in [json!(null), json!([])] {
            assert_eq!(
                violations(&needs, json!({"first_name": "Ada", "emails": emails})),
                [("/emails".into(), Code::Unsupported)]
            );
        }
        let refused = violations(
            &needs,
            json!({
                "roles": [{"name": "owner"}, {}, {"name": "boss"}],
                "remote_data": {
                    "person": {"first-name": "", "email": "ada"},
                    "inactive": "no",
                    "team": "x1",
                },
            }),
        );
        assert_eq!(
            refused,
            [
                ("/remote_data/person/first-name".into(), Code::Empty),
                ("/roles/1/name".into(), Code::Required),
                ("/roles/2/name".into(), Code::Enum),
                ("/remote_data/person/email".into(), Code::Format),
                ("/remote_data/inactive".into(), Code::Type),
                ("/remote_data/team".into(), Code::Pattern),
            ]
        );
        // A list that is not there has no places; what a place sits in must be an object.
        assert_eq!(
            violations(
                &needs,
                json!({"first_name": "Ada", "remote_data": {"person": "ada@example.org"}})
            ),
            [("/remote_data/person".into(), Code::Type)]
        );
        let message = check(&needs, Part::Body, &json!({}), "Acme's API")[0]
            .message
            .clone();
        assert_eq!(
            message,
            "is required by Acme's API unless `/remote_data/person/first-name` is given"
        );
    }

    #[test]
    fn mistaken_declarations_are_named() {
        let mistake = |need: Need| need.mistake().unwrap_or_default();
        assert_eq!(mistake(Need::one_of(Part::Body, &[])), "names no place");
        assert_eq!(
            mistake(Need::one_of(Part::Body, &["/a/*/b", "/c"])),
            "has `*` among several places"
        );
        assert_eq!(
            mistake(Need::required(Part::Body, "a")),
            "`a` is not a JSON pointer below the part"
        );
        assert_eq!(
            mistake(Need::one_of(Part::Query, &["/a", "/b"])),
            "names places in several query parameters"
        );
        assert_eq!(
            mistake(Need::matching(Part::Body, "/a", "(")),
            "its pattern `(` does not compile"
        );
        assert_eq!(
            mistake(Need::kept(Part::Body, "/remote_data/a")),
            "keeps `/remote_data/a`, which is not a model field"
        );
        assert_eq!(
            mistake(Need::kept(Part::Body, "/roles/*/name")),
            "keeps `/roles/*/name`, which is not a model field"
        );
        assert_eq!(Need::required(Part::Query, "/a/*/b").mistake(), None);
    }
}
