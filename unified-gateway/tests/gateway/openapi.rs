//! The OpenAPI documents: served by the gateway as committed in `schemas/openapi/`, valid by
//! Python's `openapi-spec-validator`, and taking, in 3.1 and in the 3.0 downgrade alike, exactly
//! the request and response bodies our validator takes.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use unified_adapter::needs;
use unified_core::{Part, Target};
use unified_models::providers::Set;

use crate::cases;
use crate::harness::Harness;
use unified_test_tools::{Package, python, with_plan};

const VALIDATORS: [Package; 3] = [
    Package {
        name: "openapi-spec-validator",
        version: "0.9.0",
    },
    Package {
        name: "openapi-schema-validator",
        version: "0.9.0",
    },
    Package {
        name: "rfc3987",
        version: "1.3.8",
    },
];

fn committed(version: &str, view: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas/openapi")
        .join(version)
        .join(format!("{view}.json"))
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_gateway_serves_the_committed_3_1_documents_without_a_token() {
    let harness = Harness::start().await;
    let unified = harness.get("/openapi.json", None).await;
    assert_eq!(unified.status, 200);
    assert_eq!(unified.body, read(&committed("3.1", "unified")));
    let dixa = harness.get("/openapi/dixa.json", None).await;
    assert_eq!(dixa.status, 200);
    assert_eq!(dixa.body, read(&committed("3.1", "dixa")));
    assert_eq!(
        dixa.body["components"]["schemas"]["TicketingUsersCreateBody"]["required"],
        json!(["name", "emails"])
    );
    let misspelt = harness.get("/openapi/dxia.json", None).await;
    assert_eq!(misspelt.status, 404);
    // The name asked for is not repeated; the suggestion is one of ours.
    assert_eq!(
        misspelt.body["message"],
        "no such OpenAPI document; there is one per provider and `unified.json`; did you mean \
         `dixa.json`?"
    );
    // Served twice, the same bytes (made once, then kept).
    let again = harness.get("/openapi/dixa.json", None).await;
    assert_eq!(again.body, dixa.body);
    assert_eq!(again.content_type, "application/json");
}

/// Runs `openapi_check.py` over `plan`.
fn check(plan: &Value) -> Value {
    let python = python(&VALIDATORS);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gateway/openapi_check.py");
    with_plan(Command::new(python).arg(script), plan, "openapi_check.py")
}

#[test]
fn every_document_passes_openapi_spec_validator() {
    let mut documents: Vec<String> = ["3.1", "3.0"]
        .into_iter()
        .flat_map(|version| {
            Target::<Set>::all()
                .map(move |view| committed(version, view.id()).display().to_string())
        })
        .collect();
    // The validator is not lenient: 3.1's schemas under a 3.0 header are refused.
    let mut mislabelled = read(&committed("3.1", "dixa"));
    mislabelled["openapi"] = "3.0.3".into();
    mislabelled
        .as_object_mut()
        .unwrap()
        .remove("jsonSchemaDialect");
    let dir = tempfile::tempdir().unwrap();
    let mislabelled_path = dir.path().join("mislabelled.json");
    std::fs::write(&mislabelled_path, mislabelled.to_string()).unwrap();
    documents.push(mislabelled_path.display().to_string());

    let answer = check(&json!({"documents": documents, "bodies": []}));
    let verdicts = answer["documents"].as_object().unwrap();
    assert_eq!(verdicts.len(), 23);
    for (path, verdict) in verdicts {
        if path.ends_with("mislabelled.json") {
            assert!(verdict.is_string(), "a 3.1 schema passed as 3.0");
        } else {
            assert_eq!(verdict, &Value::Null, "{path}");
        }
    }
}

/// A valid body and variants of it that break it in every way a field can: left out, null, of
/// the wrong type, empty, an unknown member, and a nested value changed.
fn variants(body: &Value) -> Vec<Value> {
    let mut out = vec![body.clone(), json!({}), json!({"surname": "x"})];
    let object = body.as_object().unwrap();
    for key in object.keys() {
        for replacement in [None, Some(Value::Null), Some(json!(1)), Some(json!(""))] {
            let mut changed = object.clone();
            match replacement {
                None => {
                    changed.remove(key);
                }
                Some(value) => {
                    changed.insert(key.clone(), value);
                }
            }
            out.push(Value::Object(changed));
        }
    }
    for (pointer, value) in [
        ("/emails/0/type", json!("work")),
        ("/emails/0/type", Value::Null),
        ("/emails/0/email", json!("")),
        ("/emails", json!([])),
        ("/roles/0/name", json!(7)),
        ("/roles/0/name", Value::Null),
        ("/roles/0/id", Value::Null),
    ] {
        let mut changed = body.clone();
        if let Some(slot) = changed.pointer_mut(pointer) {
            *slot = value;
            out.push(changed);
        }
    }
    // What a provider's API needs beyond the model: names, roles, and values in `remote_data`
    // that replace the mapped ones.
    for (key, value) in [
        ("first_name", json!("")),
        ("last_name", json!("Lovelace")),
        ("name", json!(" ")),
        ("roles", json!([{"id": "r-1"}])),
        ("roles", json!([{"name": "member"}])),
        ("roles", json!([{"name": "lite-agent"}, {"name": "chief"}])),
        ("remote_data", json!({})),
        ("remote_data", json!({"email": ""})),
        ("remote_data", json!({"email": null, "name": "x"})),
        ("remote_data", json!({"person": "ada@example.org"})),
        (
            "remote_data",
            json!({"person": {"email-address": "ada@example.org"}}),
        ),
        ("remote_data", json!({"staff": {"name": 7}})),
        (
            "remote_data",
            json!({"role": {"name": "admin"}, "fullName": "A"}),
        ),
    ] {
        let mut changed = object.clone();
        changed.insert(key.to_owned(), value);
        out.push(Value::Object(changed));
    }
    out
}

#[test]
fn the_documents_body_schemas_take_what_the_validator_takes_in_3_1_and_3_0() {
    let registry = unified_models::registry();
    let operation = registry.find("ticketing/users", "create").unwrap();
    let adapters = unified_providers::adapters();
    let mut bodies = Vec::new();
    let mut expected = Vec::new();
    for (kind, body, _, _, _, record) in cases() {
        let view = Target::<Set>::from_id(kind.provider_id()).unwrap();
        let parts = [
            (Part::Body, "TicketingUsersCreateBody", body),
            (Part::Response, "TicketingUsersCreateResponse", record),
        ];
        let adapter = adapters
            .find(view.provider().unwrap(), "ticketing/users", "create")
            .unwrap();
        let who = needs::api_of(view.name());
        for (part, schema, valid_value) in parts {
            for variant in variants(&valid_value) {
                // What the gateway takes: the model's rules and, for a request, the provider's
                // needs.
                let valid = operation.is_valid(part, &variant, view)
                    && needs::check(adapter.needs(), part, &variant, &who).is_empty();
                for version in ["3.1", "3.0"] {
                    bodies.push(json!({
                        "document": committed(version, view.id()).display().to_string(),
                        "schema": schema,
                        "body": variant,
                    }));
                    expected.push((valid, view.id(), version, part, variant.clone()));
                }
            }
        }
    }
    let answer = check(&json!({"documents": [], "bodies": bodies}));
    let verdicts = answer["verdicts"].as_array().unwrap();
    assert_eq!(verdicts.len(), expected.len());
    let valid_count = expected.iter().filter(|(valid, ..)| *valid).count();
    assert!(valid_count >= 40, "valid values are among the cases");
    assert!(expected.len() - valid_count >= 400, "and many invalid ones");
    for (verdict, (valid, provider, version, part, value)) in verdicts.iter().zip(&expected) {
        assert_eq!(
            verdict.as_bool(),
            Some(*valid),
            "OpenAPI {version} for {provider}, {part}: {value}"
        );
    }
}
