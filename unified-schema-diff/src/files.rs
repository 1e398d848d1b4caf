//! What an exported file is, from its path: `ticketing/users/dixa/create.body.json` is the
//! body of `ticketing/users`' create for Dixa; `openapi/3.1/dixa.json` is Dixa's document.

use serde_json::Value;

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

    /// The operation for the provider this part belongs to: model, view and operation.
    pub fn operation_key(&self) -> (String, String, String) {
        (
            self.model.clone(),
            self.view.clone(),
            self.operation.clone(),
        )
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

/// An OpenAPI document of the tree, wherever it is (`openapi/3.1/dixa.json` as exported, or
/// any file whose `openapi` member says it is one): its version (`3.1`) and view (the file's
/// stem, `dixa`).
pub(crate) fn document_of<'a>(path: &'a str, document: &'a Value) -> Option<(&'a str, &'a str)> {
    let version = document.get("openapi")?.as_str()?;
    let version = version.get(..3).unwrap_or(version);
    let file = path.rsplit('/').next()?;
    Some((version, file.strip_suffix(".json")?))
}
