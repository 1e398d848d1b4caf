//! The committed `schemas/` folder: up to date with the models, and every file a self-contained
//! draft 2020-12 schema.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use unified_tests::workspace_root;

const REGENERATE: &str = "run `cargo run -p unified-cli -- export` to regenerate it";

fn files_on_disk(dir: &Path, base: &Path, out: &mut BTreeSet<String>) {
    for entry in
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}; {REGENERATE}", dir.display()))
    {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_on_disk(&path, base, out);
        } else {
            let relative = path.strip_prefix(base).unwrap();
            out.insert(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn committed_schemas_are_up_to_date() {
    let dir = workspace_root().join("schemas");
    let registry = unified_models::registry();
    let mut expected = registry.schema_files();
    let schema_count = expected.len();
    expected.extend(unified_openapi::files(
        &registry,
        &unified_providers::adapters(),
    ));
    let mut stale = Vec::new();
    for (relative, text) in &expected {
        match std::fs::read_to_string(dir.join(relative)) {
            Ok(on_disk) if on_disk == *text => {}
            Ok(_) => stale.push(format!("{relative} differs")),
            Err(_) => stale.push(format!("{relative} is missing")),
        }
    }
    let mut on_disk = BTreeSet::new();
    files_on_disk(&dir, &dir, &mut on_disk);
    let wanted: BTreeSet<String> = expected
        .iter()
        .map(|(relative, _)| relative.clone())
        .collect();
    for extra in on_disk.difference(&wanted) {
        stale.push(format!("{extra} is not produced by any model"));
    }
    assert!(
        stale.is_empty(),
        "schemas/ is stale ({REGENERATE}):\n{}",
        stale.join("\n")
    );
    // Create and update have three parts, list, get and delete two (no body); each for ten
    // providers and the unified target.
    assert_eq!(
        schema_count,
        (3 + 2 + 2 + 3 + 2) * 11,
        "every part of the five operations for ten providers and the unified target"
    );
    assert_eq!(
        expected.len() - schema_count,
        2 * 11,
        "OpenAPI 3.1 and 3.0 for ten providers and the unified target"
    );
}

fn refs_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, item) in object {
                if key == "$ref" {
                    out.push(item.to_string());
                }
                refs_in(item, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs_in(item, out)),
        _ => {}
    }
}

#[test]
fn every_schema_is_valid_draft_2020_12_and_self_contained() {
    for (relative, text) in unified_models::registry().schema_files() {
        let schema: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{relative}"
        );
        assert!(
            jsonschema::meta::is_valid(&schema),
            "{relative} is not a valid schema"
        );
        let mut refs = Vec::new();
        refs_in(&schema, &mut refs);
        assert!(refs.is_empty(), "{relative} has references: {refs:?}");
        assert_eq!(schema["additionalProperties"], false, "{relative}");
    }
}

#[test]
fn descriptions_come_from_doc_comments() {
    let text = std::fs::read_to_string(
        workspace_root().join("schemas/ticketing/users/dixa/create.body.json"),
    )
    .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["properties"]["name"]["description"],
        "The user's name"
    );
    assert_eq!(
        schema["properties"]["emails"]["items"]["properties"]["email"]["description"],
        "The user's email address"
    );
    assert_eq!(schema["required"], serde_json::json!(["name", "emails"]));
}

/// The schemas keep declaration order without turning `serde_json`'s `preserve_order` on for
/// those who depend on us: the whole workspace is built with one set of features, so a crate
/// of it that turned the feature on would sort nothing here.
#[test]
fn no_crate_turns_on_preserve_order_and_schemas_keep_declaration_order_anyway() {
    let parsed: Value = serde_json::from_str(r#"{"b": 1, "a": 2}"#).unwrap();
    assert_eq!(
        parsed.to_string(),
        r#"{"a":2,"b":1}"#,
        "some crate of the workspace turns on serde_json's preserve_order"
    );
    use unified_core::{Target, UnifiedModel};
    use unified_models::ticketing::users::UserCreateBody;
    let text = UserCreateBody::schema_for(Target::UNIFIED).to_string();
    let written: unified_core::json::Value = serde_json::from_str(&text).unwrap();
    let properties: Vec<&String> = written["properties"].as_object().unwrap().keys().collect();
    let declared: Vec<&str> = UserCreateBody::coverage()
        .iter()
        .map(|field| field.field)
        .collect();
    assert_eq!(properties, declared);
    assert!(
        !declared.is_sorted(),
        "the model's fields are not in key order"
    );
}
