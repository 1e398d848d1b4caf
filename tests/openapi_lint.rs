//! The committed OpenAPI documents through two outside linters, as a team adopting them would
//! run them: redocly's `recommended` ruleset and spectral's `spectral:oas`. Neither reports an
//! error; the warnings left are the ones docs/schemas-and-openapi.md lists, each with why.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use unified_core::Target;
use unified_models::providers::Set;
use unified_tests::workspace_root;

/// The warnings redocly leaves, as docs/schemas-and-openapi.md explains them.
const REDOCLY_WARNINGS: [&str; 2] = ["info-license", "no-illogical-composition-keywords"];

/// The warnings spectral leaves, as docs/schemas-and-openapi.md explains them.
const SPECTRAL_WARNINGS: [&str; 1] = ["info-contact"];

/// Every committed document, 3.1 and 3.0, per view.
fn documents() -> Vec<PathBuf> {
    ["3.1", "3.0"]
        .into_iter()
        .flat_map(|version| {
            Target::<Set>::all().map(move |view| {
                workspace_root()
                    .join("schemas/openapi")
                    .join(version)
                    .join(format!("{}.json", view.id()))
            })
        })
        .collect()
}

/// Runs a linter of `frontend/`'s Node packages with `args` in `dir`; the JSON documents it
/// printed (redocly prints one per file).
fn lint(tool: &str, args: &[String], dir: &Path) -> Vec<Value> {
    let frontend = unified_test_tools::node_packages();
    let output = Command::new("node")
        .arg(frontend.join("node_modules/.bin").join(tool))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("{tool} does not start ({error})"));
    let printed = String::from_utf8_lossy(&output.stdout);
    let documents: Result<Vec<Value>, _> = serde_json::Deserializer::from_str(&printed)
        .into_iter()
        .collect();
    match documents {
        Ok(documents) if !documents.is_empty() => documents,
        _ => panic!(
            "{tool} printed no JSON: {printed}{}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

/// redocly's problems with `documents`: (rule, whether an error, document) each.
fn redocly(documents: &[PathBuf]) -> Vec<(String, bool, String)> {
    let dir = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = ["lint", "--extends", "recommended", "--format", "json"]
        .map(str::to_owned)
        .into();
    args.extend(documents.iter().map(|path| path.display().to_string()));
    let reports = lint("redocly", &args, dir.path());
    reports
        .iter()
        .flat_map(|report| {
            report["problems"]
                .as_array()
                .expect("redocly lists its problems")
        })
        .map(|problem| {
            let text = |pointer: &str| {
                problem
                    .pointer(pointer)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            (
                text("/ruleId"),
                text("/severity") == "error",
                text("/location/0/source/ref"),
            )
        })
        .collect()
}

/// spectral's problems with `documents`: (rule, whether an error, document) each.
fn spectral(documents: &[PathBuf]) -> Vec<(String, bool, String)> {
    let dir = tempfile::tempdir().unwrap();
    let ruleset = workspace_root().join("frontend/checks/lint/spectral.yaml");
    let mut args: Vec<String> = vec![
        "lint".into(),
        "--format".into(),
        "json".into(),
        "--ruleset".into(),
        ruleset.display().to_string(),
        // Problems are read from the report, whatever their severity.
        "--fail-severity".into(),
        "hint".into(),
    ];
    args.extend(documents.iter().map(|path| path.display().to_string()));
    lint("spectral", &args, dir.path())
        .iter()
        .flat_map(|report| report.as_array().expect("spectral lists its problems"))
        .map(|problem| {
            (
                problem["code"].as_str().unwrap_or_default().to_owned(),
                // Severity 0 is an error.
                problem["severity"].as_u64() == Some(0),
                problem["source"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// No problem of `problems` (rule, whether an error, document) is an error, the warnings are
/// those of `listed` exactly, and every one of the documents was read.
fn only_listed_warnings(problems: &[(String, bool, String)], listed: &[&str]) {
    let errors: Vec<_> = problems.iter().filter(|(_, error, _)| *error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let warnings: BTreeSet<&str> = problems.iter().map(|(rule, ..)| rule.as_str()).collect();
    assert_eq!(warnings, listed.iter().copied().collect());
    let read: BTreeSet<&str> = problems
        .iter()
        .map(|(.., document)| document.as_str())
        .collect();
    assert_eq!(read.len(), 22, "{read:#?}");
}

#[test]
fn redocly_finds_no_error_and_only_the_listed_warnings() {
    let documents = documents();
    assert_eq!(documents.len(), 22);
    only_listed_warnings(&redocly(&documents), &REDOCLY_WARNINGS);
}

#[test]
fn spectral_finds_no_error_and_only_the_listed_warnings() {
    only_listed_warnings(&spectral(&documents()), &SPECTRAL_WARNINGS);
}

#[test]
fn the_linters_do_report_errors_where_there_are_some() {
    // A 3.0 document without servers and with a `nullable` that names no type: both linters'
    // errors of the kind the gateway's documents once had.
    let dir = tempfile::tempdir().unwrap();
    let path = workspace_root().join("schemas/openapi/3.0/dixa.json");
    let mut document: unified_core::json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    document.as_object_mut().unwrap().shift_remove("servers");
    document["components"]["schemas"]["Broken"] = unified_core::json!({"nullable": true});
    document["paths"]["/broken"] = unified_core::json!({"get": {"responses": {}}});
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, document.to_string()).unwrap();
    let redocly_errors: BTreeSet<String> = redocly(std::slice::from_ref(&broken))
        .into_iter()
        .filter(|(_, error, _)| *error)
        .map(|(rule, ..)| rule)
        .collect();
    assert!(
        redocly_errors.contains("no-empty-servers")
            && redocly_errors.contains("nullable-type-sibling"),
        "{redocly_errors:?}"
    );
    let spectral_errors: BTreeSet<String> = spectral(&[broken])
        .into_iter()
        .filter(|(_, error, _)| *error)
        .map(|(rule, ..)| rule)
        .collect();
    assert!(
        !spectral_errors.is_empty(),
        "spectral finds the empty responses"
    );
}
