//! The three documents of an operation: the request body, the query parameters, the response.

use core::fmt;
use core::str::FromStr;

use serde::Serialize;

/// One of the three documents an operation has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The request body (JSON).
    Body,
    /// The query parameters (a URL query string in bracket syntax).
    Query,
    /// The response body (JSON).
    Response,
}

impl Part {
    /// The three parts, in order.
    pub const ALL: [Part; 3] = [Part::Body, Part::Query, Part::Response];

    /// `body`, `query` or `response`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Part::Body => "body",
            Part::Query => "query",
            Part::Response => "response",
        }
    }

    /// A heading for people.
    pub const fn title(self) -> &'static str {
        match self {
            Part::Body => "Request body",
            Part::Query => "Query parameters",
            Part::Response => "Response body",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Part {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Part::ALL
            .into_iter()
            .find(|part| part.as_str() == text)
            .ok_or_else(|| {
                let names = Part::ALL.map(Part::as_str);
                match crate::suggest::closest(text, names) {
                    Some(close) => format!(
                        "unknown part `{text}`; did you mean `{close}`? (expected body, query or response)"
                    ),
                    None => format!("unknown part `{text}` (expected body, query or response)"),
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::Part;

    #[test]
    fn a_misspelt_part_gets_a_suggestion() {
        assert_eq!("query".parse::<Part>(), Ok(Part::Query));
        let error = "qeury".parse::<Part>().unwrap_err();
        assert!(error.contains("did you mean `query`?"), "{error}");
        let error = "headers".parse::<Part>().unwrap_err();
        assert!(!error.contains("did you mean"), "{error}");
    }
}
