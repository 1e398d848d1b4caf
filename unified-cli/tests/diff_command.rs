//! `unified diff` as a pull request's CI step runs it: over two exported trees, over a tree and
//! itself at a git revision, over two OpenAPI documents; its formats, its exit status under
//! `--fail-on`, and its usage errors.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

mod common;

fn unified(args: &[&str]) -> Output {
    common::run_unified(args, "", &[])
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The shipped models' schemas, exported into `dir`.
fn export(dir: &Path) {
    let output = unified(&["export", dir.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output));
}

/// The Dixa body in `dir` with `first_name` required: the change a frontend must hear of.
fn require_first_name(dir: &Path) {
    let path = dir.join("ticketing/users/dixa/create.body.json");
    let mut schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    schema["required"]
        .as_array_mut()
        .unwrap()
        .push("first_name".into());
    std::fs::write(&path, serde_json::to_string_pretty(&schema).unwrap()).unwrap();
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=ci", "-c", "user.email=ci@example.org"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", text(&output));
}

#[test]
fn a_newly_required_field_fails_the_step_with_its_pointer_and_example() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    export(&old);
    export(&new);
    require_first_name(&new);
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());

    let output = unified(&["diff", old, new, "--fail-on", "ERR", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    assert_eq!(report["summary"]["ERR"], 1, "{report:#}");
    let change = &report["changes"][0];
    assert_eq!(change["code"], "required-added");
    assert_eq!(change["level"], "ERR");
    assert_eq!(change["file"], "ticketing/users/dixa/create.body.json");
    assert_eq!(change["view"], "dixa");
    assert_eq!(change["pointer"], "/required");
    let example = change["example"].as_object().expect("a worked example");
    assert!(!example.contains_key("first_name"), "{example:?}");

    let output = unified(&["diff", old, new]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "no --fail-on: the report is for reading"
    );
    let printed = text(&output);
    assert!(
        printed.contains("ERR  required-added  dixa · ticketing/users create body"),
        "{printed}"
    );
    assert!(printed.contains("1 ERR, 0 WARN"), "{printed}");

    let output = unified(&["diff", old, new, "--format", "markdown"]);
    let printed = text(&output);
    assert!(
        printed.starts_with("### Schema changes: 1 ERR"),
        "{printed}"
    );
    assert!(printed.contains("| ERR | `required-added` |"), "{printed}");

    let output = unified(&["diff", new, old, "--fail-on", "WARN"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "loosening is INFO: {}",
        text(&output)
    );
}

#[test]
fn identical_trees_report_no_change_even_under_fail_on_info() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    export(&old);
    export(&new);
    let output = unified(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--fail-on",
        "INFO",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "no changes\n");
}

#[test]
fn against_a_revision_reads_the_old_tree_from_git_without_checking_it_out() {
    let repo = tempfile::tempdir().unwrap();
    let schemas = repo.path().join("schemas");
    git(repo.path(), &["init", "-q", "-b", "main"]);
    export(&schemas);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "schemas"]);
    require_first_name(&schemas);
    let document = schemas.join("openapi/3.1/dixa.json");
    let mut openapi: Value =
        serde_json::from_str(&std::fs::read_to_string(&document).unwrap()).unwrap();
    let body = &mut openapi["components"]["schemas"]["TicketingUsersCreateBody"];
    body["required"]
        .as_array_mut()
        .unwrap()
        .push("first_name".into());
    std::fs::write(&document, serde_json::to_string_pretty(&openapi).unwrap()).unwrap();

    let output = unified(&[
        "diff",
        "--against",
        "main",
        schemas.to_str().unwrap(),
        "--fail-on",
        "ERR",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let printed = text(&output);
    assert!(
        printed.contains("`first_name` is now required"),
        "{printed}"
    );
    assert!(
        printed.contains("1 ERR"),
        "the document's copy of the change is not reported again: {printed}"
    );

    let output = unified(&[
        "diff",
        "--against",
        "main",
        document.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    let change = &report["changes"][0];
    assert_eq!(change["code"], "required-added");
    assert_eq!(change["operation"], "createTicketingUsers");
    assert_eq!(
        change["pointer"],
        "/paths/~1unified~1ticketing~1users/post/requestBody/content/application~1json/schema/required"
    );

    let head = std::fs::read_to_string(repo.path().join(".git/HEAD")).unwrap();
    assert_eq!(
        head.trim(),
        "ref: refs/heads/main",
        "nothing was checked out"
    );
}

#[test]
fn folders_of_openapi_documents_are_compared_document_by_document() {
    let dir = tempfile::tempdir().unwrap();
    export(&dir.path().join("schemas"));
    let documents = dir.path().join("schemas/openapi/3.1");
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    for folder in [&old, &new] {
        std::fs::create_dir(folder).unwrap();
        for entry in std::fs::read_dir(&documents).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
        }
    }
    let document = new.join("reamaze.json");
    let mut openapi: Value =
        serde_json::from_str(&std::fs::read_to_string(&document).unwrap()).unwrap();
    let body = &mut openapi["components"]["schemas"]["TicketingUsersCreateBody"];
    body["required"]
        .as_array_mut()
        .unwrap()
        .push("first_name".into());
    std::fs::write(&document, openapi.to_string()).unwrap();

    let output = unified(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    assert_eq!(report["summary"]["ERR"], 1, "{report:#}");
    assert_eq!(report["changes"][0]["view"], "reamaze");
    assert_eq!(report["changes"][0]["code"], "required-added");
}

#[test]
fn usage_errors_exit_2_and_say_what_to_name() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("schemas");
    export(&folder);
    let folder = folder.to_str().unwrap();
    let document = format!("{folder}/openapi/3.1/dixa.json");
    let unrelated = dir.path().join("unrelated");
    std::fs::create_dir(&unrelated).unwrap();
    std::fs::write(unrelated.join("package.json"), "{}").unwrap();
    let unrelated = unrelated.to_str().unwrap();
    let body = format!("{folder}/ticketing/users/dixa/create.body.json");
    let cases: [(Vec<&str>, &str); 6] = [
        (vec!["diff", folder, unrelated], "holds no exported schema"),
        (vec!["diff", &body, &body], "is not an OpenAPI document"),
        (vec!["diff", folder], "name the old and the new folder"),
        (
            vec!["diff", folder, &document],
            "compare two folders of exported schemas, or two OpenAPI documents",
        ),
        (vec!["diff", "--against", "main", folder], "git"),
        (
            vec!["diff", folder, "/nonexistent/schemas"],
            "cannot read /nonexistent/schemas",
        ),
    ];
    for (args, said) in cases {
        let output = unified(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", text(&output));
        assert!(text(&output).contains(said), "{args:?}: {}", text(&output));
    }
}
