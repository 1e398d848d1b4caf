//! Changes at the edges of what the rules read, each of which once came out harmless or blew
//! up: a part gone or new, `oneOf` alternatives, a field that takes no value, a constraint gone
//! from an answer, fields closed by `unevaluatedProperties`, and references that multiply.

use serde_json::{Value, json};
use unified_schema_diff::{Code, Level, Report, Tree, diff_documents, diff_trees};

const BODY: &str = "crm/notes/acme/create.body.json";
const RESPONSE: &str = "crm/notes/acme/create.response.json";
const QUERY: &str = "crm/notes/acme/create.query.json";

fn tree(files: &[(&str, &Value)]) -> Tree {
    Tree::from_texts(
        files
            .iter()
            .map(|(path, schema)| (*path, schema.to_string())),
    )
    .expect("JSON")
}

fn object(properties: Value, required: &[&str]) -> Value {
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}

fn find(report: &Report, code: Code) -> &unified_schema_diff::Change {
    report
        .changes
        .iter()
        .find(|change| change.code == code)
        .unwrap_or_else(|| panic!("no {} in {:?}", code.as_str(), report.changes))
}

#[test]
fn a_response_gone_breaks_its_readers() {
    let body = object(json!({ "text": { "type": "string" } }), &["text"]);
    let response = object(json!({ "id": { "type": "string" } }), &["id"]);
    let report = diff_trees(
        &tree(&[(BODY, &body), (RESPONSE, &response)]),
        &tree(&[(BODY, &body)]),
    );
    assert_eq!(find(&report, Code::PartRemoved).level, Level::Err);
}

#[test]
fn a_new_request_part_with_requirements_breaks_its_senders() {
    let body = object(json!({ "text": { "type": "string" } }), &["text"]);
    let query = object(json!({ "cursor": { "type": "string" } }), &["cursor"]);
    let report = diff_trees(
        &tree(&[(BODY, &body)]),
        &tree(&[(BODY, &body), (QUERY, &query)]),
    );
    assert_eq!(find(&report, Code::PartAdded).level, Level::Info);
    let required = find(&report, Code::RequiredAdded);
    assert_eq!(required.level, Level::Err);
    assert!(required.example.is_some());
}

#[test]
fn loosening_one_one_of_member_is_unknown_and_shown_to_break() {
    let old = object(
        json!({ "code": { "oneOf": [
        { "type": "string", "maxLength": 3 },
        { "type": "string", "minLength": 5 },
    ] } }),
        &["code"],
    );
    let mut new = old.clone();
    new["properties"]["code"]["oneOf"][0]["maxLength"] = json!(10);
    let report = diff_trees(&tree(&[(BODY, &old)]), &tree(&[(BODY, &new)]));
    let change = find(&report, Code::SchemaChanged);
    assert_eq!(change.level, Level::Err, "{}", change.message);
    let code = change.example.as_ref().expect("an example")["code"]
        .as_str()
        .unwrap()
        .len();
    assert!(code >= 5, "a text both members take: {code} characters");
}

#[test]
fn values_replaced_by_alternatives_are_unknown_and_shown_to_break() {
    let old = object(
        json!({ "kind": { "type": "string", "oneOf": [
        { "const": "primary" }, { "const": "other" },
    ] } }),
        &["kind"],
    );
    let mut new = old.clone();
    new["properties"]["kind"]["oneOf"][1] = json!({ "type": "string", "pattern": "^x-" });
    let report = diff_trees(&tree(&[(BODY, &old)]), &tree(&[(BODY, &new)]));
    let change = find(&report, Code::SchemaChanged);
    assert_eq!(change.level, Level::Err);
    assert_eq!(change.example.as_ref().unwrap()["kind"], "other");
}

#[test]
fn a_constraint_gone_from_an_answer_breaks_its_readers() {
    let old = json!({ "type": "object", "allOf": [{ "required": ["id"] }] });
    let new = json!({ "type": "object" });
    let report = diff_trees(&tree(&[(RESPONSE, &old)]), &tree(&[(RESPONSE, &new)]));
    let change = find(&report, Code::ConstraintRemoved);
    assert_eq!(change.level, Level::Err);
    assert!(change.example.is_some());
}

#[test]
fn a_field_that_takes_no_value_narrows() {
    let old = object(json!({ "x": { "type": "string" } }), &[]);
    let new = object(json!({ "x": false }), &[]);
    let request = diff_trees(&tree(&[(BODY, &old)]), &tree(&[(BODY, &new)]));
    assert_eq!(find(&request, Code::ConstraintAdded).level, Level::Err);
    let answer = diff_trees(&tree(&[(RESPONSE, &old)]), &tree(&[(RESPONSE, &new)]));
    assert_eq!(find(&answer, Code::ConstraintAdded).level, Level::Info);
}

#[test]
fn fields_closed_by_unevaluated_properties_are_refused_once_unlisted() {
    let old = json!({ "type": "object", "properties": { "x": { "type": "string" }, "y": {} }, "unevaluatedProperties": false });
    let new =
        json!({ "type": "object", "properties": { "y": {} }, "unevaluatedProperties": false });
    let report = diff_trees(&tree(&[(BODY, &old)]), &tree(&[(BODY, &new)]));
    assert_eq!(find(&report, Code::PropertyRemoved).level, Level::Err);
}

#[test]
fn references_that_multiply_are_followed_within_a_budget() {
    // Each component names the next twice: followed naively, 2^40 copies.
    let mut schemas = serde_json::Map::new();
    for index in 0..40 {
        let next = json!({ "$ref": format!("#/components/schemas/S{}", index + 1) });
        schemas.insert(
            format!("S{index}"),
            json!({ "type": "object", "properties": { "a": next, "b": next } }),
        );
    }
    schemas.insert("S40".into(), json!({ "type": "string" }));
    let document = |body: Value| {
        json!({
            "openapi": "3.1.0",
            "paths": { "/notes": { "post": {
                "operationId": "createNotes",
                "requestBody": { "content": { "application/json": { "schema": body } } },
                "responses": {},
            } } },
            "components": { "schemas": schemas },
        })
    };
    let old = document(json!({ "$ref": "#/components/schemas/S0" }));
    let new = document(json!({ "$ref": "#/components/schemas/S0", "required": ["a"] }));
    let report = diff_documents("notes.json", &old, &new);
    assert_eq!(find(&report, Code::RequiredAdded).level, Level::Err);
}
