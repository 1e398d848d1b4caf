//! Two trees of exported schemas compared: providers, operations and parts one has and the
//! other does not, each part's schema, and the OpenAPI documents for what only they show
//! (what a provider's API needs beyond the model, the route's parameters).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::change::{Change, Code, Effect, Place, Side};
use crate::documents::compare_documents;
use crate::files::{SchemaFile, document_of};
use crate::part::{compare_part, whole};
use crate::tree::Tree;

/// Every change from `old` to `new`.
pub(crate) fn compare_trees(old: &Tree, new: &Tree) -> Vec<Change> {
    let (before, after) = (schema_files(old), schema_files(new));
    let mut changes = Vec::new();
    let views = |files: &BTreeMap<SchemaFile, (&String, &Value)>| -> BTreeSet<(String, String)> {
        files
            .keys()
            .map(|file| (file.model.clone(), file.view.clone()))
            .collect()
    };
    let (old_views, new_views) = (views(&before), views(&after));
    for (model, view) in old_views.difference(&new_views) {
        let place = place_of(&format!("{model}/{view}/"), model, view, "*", "*");
        let message =
            format!("`{view}` no longer has schemas for {model}: its clients lose every operation");
        changes.push(whole(
            &place,
            Code::ProviderRemoved,
            Effect::Narrower,
            Side::Request,
            message,
        ));
    }
    for (model, view) in new_views.difference(&old_views) {
        let place = place_of(&format!("{model}/{view}/"), model, view, "*", "*");
        let message = format!("`{view}` now has schemas for {model}");
        changes.push(whole(
            &place,
            Code::ProviderAdded,
            Effect::Wider,
            Side::Request,
            message,
        ));
    }
    let operations =
        |files: &BTreeMap<SchemaFile, (&String, &Value)>| -> BTreeSet<(String, String, String)> {
            files.keys().map(SchemaFile::operation_key).collect()
        };
    let (old_operations, new_operations) = (operations(&before), operations(&after));
    for (model, view, operation) in old_operations.difference(&new_operations) {
        if new_views.contains(&(model.clone(), view.clone())) {
            let place = place_of(
                &format!("{model}/{view}/{operation}.*"),
                model,
                view,
                operation,
                "*",
            );
            let message = format!("{model} {operation} is no longer served for `{view}`");
            changes.push(whole(
                &place,
                Code::OperationRemoved,
                Effect::Narrower,
                Side::Request,
                message,
            ));
        }
    }
    for (model, view, operation) in new_operations.difference(&old_operations) {
        if old_views.contains(&(model.clone(), view.clone())) {
            let place = place_of(
                &format!("{model}/{view}/{operation}.*"),
                model,
                view,
                operation,
                "*",
            );
            let message = format!("{model} {operation} is now served for `{view}`");
            changes.push(whole(
                &place,
                Code::OperationAdded,
                Effect::Wider,
                Side::Request,
                message,
            ));
        }
    }
    for (file, (path, old_schema)) in &before {
        let key = file.operation_key();
        if !new_operations.contains(&key) {
            continue;
        }
        let place = place_of(path, &file.model, &file.view, &file.operation, &file.part);
        match after.get(file) {
            Some((_, new_schema)) => {
                changes.extend(compare_part(
                    &place,
                    old_schema,
                    new_schema,
                    "",
                    file.side(),
                ));
            }
            None => {
                let message = format!("{} {}'s {} is gone", file.model, file.operation, file.part);
                changes.push(whole(
                    &place,
                    Code::PartRemoved,
                    Effect::Narrower,
                    file.side(),
                    message,
                ));
            }
        }
    }
    for (file, (path, new_schema)) in &after {
        let key = file.operation_key();
        if old_operations.contains(&key) && !before.contains_key(file) {
            let place = place_of(path, &file.model, &file.view, &file.operation, &file.part);
            let message = format!("{} {} now has a {}", file.model, file.operation, file.part);
            changes.push(whole(
                &place,
                Code::PartAdded,
                Effect::Wider,
                file.side(),
                message,
            ));
            // A new request part had no rules before: what it requires now is a change.
            if file.side() == Side::Request {
                let anything = Value::Object(serde_json::Map::new());
                changes.extend(compare_part(
                    &place,
                    &anything,
                    new_schema,
                    "",
                    Side::Request,
                ));
            }
        }
    }
    changes.extend(documents_beyond(old, new, &changes));
    changes
}

/// The documents' changes that the schema files do not already report: with model files in
/// the trees, the documents' operations are the files' operations, so only their parts count.
fn documents_beyond(old: &Tree, new: &Tree, from_files: &[Change]) -> Vec<Change> {
    let has_models = !schema_files(old).is_empty() || !schema_files(new).is_empty();
    // A document names an operation `createTicketingUsers` where the files say `create`.
    let known = |change: &Change| {
        from_files.iter().any(|found| {
            found.place.view == change.place.view
                && found.place.part == change.place.part
                && found.code == change.code
                && found.message == change.message
                && change.place.operation.starts_with(&found.place.operation)
        })
    };
    let version = ["3.1", "3.0"].into_iter().find(|version| {
        documents(old, version).next().is_some() && documents(new, version).next().is_some()
    });
    let Some(version) = version else {
        return Vec::new();
    };
    let news: BTreeMap<&str, (&String, &Value)> = documents(new, version).collect();
    let mut changes = Vec::new();
    for (view, (path, old_document)) in documents(old, version) {
        let Some((_, new_document)) = news.get(view) else {
            continue;
        };
        let found = compare_documents(path, view, old_document, new_document, !has_models);
        changes.extend(found.into_iter().filter(|change| !known(change)));
    }
    changes
}

fn documents<'a>(
    tree: &'a Tree,
    version: &'a str,
) -> impl Iterator<Item = (&'a str, (&'a String, &'a Value))> {
    tree.files().iter().filter_map(move |(path, document)| {
        let (found, view) = document_of(path, document)?;
        (found == version).then_some((view, (path, document)))
    })
}

fn schema_files(tree: &Tree) -> BTreeMap<SchemaFile, (&String, &Value)> {
    tree.files()
        .iter()
        .filter_map(|(path, schema)| Some((SchemaFile::parse(path)?, (path, schema))))
        .collect()
}

fn place_of(file: &str, model: &str, view: &str, operation: &str, part: &str) -> Place {
    Place {
        file: file.to_owned(),
        view: view.to_owned(),
        model: model.to_owned(),
        operation: operation.to_owned(),
        part: part.to_owned(),
    }
}
