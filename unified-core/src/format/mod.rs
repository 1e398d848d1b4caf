//! String format checks for fields that require a JSON Schema `format` (`email`, `uri`,
//! `date-time`, `uuid`), written to give the same verdicts as the `jsonschema` crate (0.61),
//! except that `email` follows RFC 5321's `Mailbox` where `jsonschema` does not (the cases are
//! listed in `tests/agreement.rs`).
//!
//! Each format has its own module; `idna` decodes and checks the `xn--` labels of email
//! domains. Where `jsonschema` departs from an RFC in those labels (the viramas it knows, ZERO
//! WIDTH NON-JOINER anywhere), these checks follow `jsonschema`.

mod date_time;
mod email;
mod idna;
mod uri;
mod uuid;

/// A string format a field can require; each follows the JSON Schema format of the same name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `email`: an RFC 5321 mailbox, `local-part@domain`, with an ASCII hostname or an
    /// `[a.b.c.d]` / `[IPv6:...]` address literal as the domain.
    Email,
    /// `uri`: an RFC 3986 absolute URI, that is one with a scheme.
    Uri,
    /// `date-time`: an RFC 3339 `date-time`, such as `2024-02-29T23:59:60Z`.
    DateTime,
    /// `uuid`: an RFC 4122 UUID in its hyphenated 8-4-4-4-12 hex form, in either case.
    Uuid,
}

impl Format {
    /// The JSON Schema `format` keyword value: "email", "uri", "date-time", "uuid".
    #[must_use]
    pub const fn keyword(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Uri => "uri",
            Self::DateTime => "date-time",
            Self::Uuid => "uuid",
        }
    }

    /// Whether `text` is of this format.
    #[must_use]
    pub fn check(self, text: &str) -> bool {
        match self {
            Self::Email => email::is_email(text),
            Self::Uri => uri::is_uri(text.as_bytes()),
            Self::DateTime => date_time::is_date_time(text.as_bytes()),
            Self::Uuid => uuid::is_uuid(text.as_bytes()),
        }
    }

    /// A short human description for error messages, e.g. "an email address", "a URI with a
    /// scheme", "an RFC 3339 date-time", "a UUID".
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Email => "an email address",
            Self::Uri => "a URI with a scheme",
            Self::DateTime => "an RFC 3339 date-time",
            Self::Uuid => "a UUID",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Format;

    /// Every format, in declaration order.
    const ALL: [Format; 4] = [Format::Email, Format::Uri, Format::DateTime, Format::Uuid];

    /// Asserts that `format` accepts each of `cases`; shared by the format modules' tests.
    pub(super) fn accepts(format: Format, cases: &[&str]) {
        for case in cases {
            assert!(
                format.check(case),
                "{} should accept {case:?}",
                format.keyword()
            );
        }
    }

    /// Asserts that `format` rejects each of `cases`; shared by the format modules' tests.
    pub(super) fn rejects(format: Format, cases: &[&str]) {
        for case in cases {
            assert!(
                !format.check(case),
                "{} should reject {case:?}",
                format.keyword()
            );
        }
    }

    /// Keywords and descriptions are the documented strings.
    #[test]
    fn keywords_and_descriptions() {
        let keywords: Vec<_> = ALL.iter().map(|f| f.keyword()).collect();
        assert_eq!(keywords, ["email", "uri", "date-time", "uuid"]);
        assert_eq!(Format::Email.describe(), "an email address");
        assert_eq!(Format::Uri.describe(), "a URI with a scheme");
        assert_eq!(Format::DateTime.describe(), "an RFC 3339 date-time");
        assert_eq!(Format::Uuid.describe(), "a UUID");
    }

    /// No format panics on truncated, odd or very long input.
    #[test]
    fn no_panics_on_odd_input() {
        let long = "a".repeat(100_000);
        let odd = [
            "\u{0}",
            "\u{10FFFF}",
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
            "@",
            "[",
            "]",
            "%",
            "a:%",
            "a://[",
            "a://[v",
            "xn--@xn--",
            "a@xn--",
            "a@[IPv6:",
            "\"",
            " <",
            " <>",
            "0000-00-00T00:00:60+99:99",
            long.as_str(),
        ];
        for text in odd {
            for format in ALL {
                let _ = format.check(text);
            }
        }
    }
}
