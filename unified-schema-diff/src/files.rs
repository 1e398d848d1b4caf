//! What an exported file is, from its path: `ticketing/users/dixa/create.body.json` is the
//! body of `ticketing/users`' create for Dixa; `openapi/3.1/dixa.json` is Dixa's document.

use crate::change::Side;

/// An exported schema file's meaning.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SchemaFile {
    /// `ticketing/users`.
    pub model: String,
    /// `dixa`, or `unified`.
    pub view: String,
    /// `create`.
    pub operation: String,
    /// `body`, `query` or `response`.
    pub part: String,
}

impl SchemaFile {
    /// The file at `path`, when it is a part's schema.
    pub fn parse(path: &str) -> Option<SchemaFile> {
        let mut segments: Vec<&str> = path.split('/').collect();
        let name = segments.pop()?.strip_suffix(".json")?;
        let view = segments.pop()?;
        let (operation, part) = name.split_once('.')?;
        if segments.is_empty() || segments[0] == "openapi" {
            return None;
        }
        Some(SchemaFile {
            model: segments.join("/"),
            view: view.to_owned(),
            operation: operation.to_owned(),
            part: part.to_owned(),
        })
    }

    /// Who reads what this part accepts.
    pub fn side(&self) -> Side {
        side_of(&self.part)
    }
}

/// A request part is written by clients, a response read by them.
pub(crate) fn side_of(part: &str) -> Side {
    if part.starts_with("response") {
        Side::Response
    } else {
        Side::Request
    }
}

/// An OpenAPI document of the tree: its version folder and view, for `openapi/3.1/dixa.json`.
pub(crate) fn document_of(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("openapi/")?;
    let (version, file) = rest.split_once('/')?;
    Some((version, file.strip_suffix(".json")?))
}
