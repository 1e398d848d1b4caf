//! What the rules cannot decide is said to be unknown, and the generated check settles it when
//! it can: a replaced pattern that refuses an old document becomes an error with that document,
//! one that only widens stays a warning; a check made in code that changed stays unknown.

use serde_json::{Value, json};
use unified_schema_diff::{Code, Effect, Level, Report, Tree, diff_trees};

const BODY: &str = "crm/notes/acme/create.body.json";

fn body(code: Value) -> Value {
    json!({
        "type": "object",
        "properties": { "code": code },
        "required": ["code"],
        "additionalProperties": false,
    })
}

fn diff(old: &Value, new: &Value) -> Report {
    let tree = |schema: &Value| Tree::from_texts([(BODY, schema.to_string())]).expect("JSON");
    diff_trees(&tree(old), &tree(new))
}

fn only(report: &Report) -> &unified_schema_diff::Change {
    assert_eq!(report.changes.len(), 1, "{:?}", report.changes);
    &report.changes[0]
}

#[test]
fn a_narrower_pattern_is_shown_to_break_by_a_document_the_new_one_refuses() {
    let old = body(json!({ "type": "string", "pattern": "^[a-z]+$" }));
    let new = body(json!({ "type": "string", "pattern": "^[a-c]+$" }));
    let report = diff(&old, &new);
    let change = only(&report);
    assert_eq!(
        (change.code, change.effect),
        (Code::PatternChanged, Effect::Unknown)
    );
    assert_eq!(change.level, Level::Err, "{}", change.message);
    let example = change.example.as_ref().expect("the break, shown");
    let code = example["code"].as_str().expect("a string");
    let old_rule = regex_like(code, 'a'..='z');
    assert!(old_rule && !regex_like(code, 'a'..='c'), "{example}");
}

#[test]
fn a_wider_pattern_stays_a_warning_without_an_example() {
    let old = body(json!({ "type": "string", "pattern": "^[a-c]+$" }));
    let new = body(json!({ "type": "string", "pattern": "^[a-z]+$" }));
    let change = only(&diff(&old, &new)).clone();
    assert_eq!(
        (change.code, change.level),
        (Code::PatternChanged, Level::Warn)
    );
    assert!(change.example.is_none(), "{:?}", change.example);
}

#[test]
fn a_check_made_in_code_that_changed_is_unknown() {
    let old = body(
        json!({ "type": "string", "description": "A code. Also checked in code by `codes::valid`, which this schema does not express." }),
    );
    let new = body(
        json!({ "type": "string", "description": "A code. Also checked in code by `codes::strict`, which this schema does not express." }),
    );
    let change = only(&diff(&old, &new)).clone();
    assert_eq!(
        (change.code, change.effect, change.level),
        (Code::CustomCheckChanged, Effect::Unknown, Level::Warn)
    );
    assert_eq!(change.pointer, "/properties/code/description");
}

#[test]
fn keywords_the_rules_do_not_compare_are_unknown_not_ignored() {
    let old = body(json!({ "type": "string" }));
    let new = body(json!({ "type": "string", "contentEncoding": "base64" }));
    let change = only(&diff(&old, &new)).clone();
    assert_eq!(
        (change.code, change.effect),
        (Code::SchemaChanged, Effect::Unknown)
    );
    assert_eq!(change.pointer, "/properties/code/contentEncoding");
}

/// Whether `text` is one or more characters of `range`: the two patterns above, read by hand.
fn regex_like(text: &str, range: std::ops::RangeInclusive<char>) -> bool {
    !text.is_empty() && text.chars().all(|c| range.contains(&c))
}
