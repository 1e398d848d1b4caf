//! TypeScript types from the OpenAPI documents: openapi-typescript generates them for every
//! view, and `tsc` compiles a file that assigns a valid Dixa body and fails where a body breaks
//! Dixa's schema (`@ts-expect-error` lines; without one, the missing `name` is tsc's error).

use std::path::Path;
use std::process::Command;

use unified_core::Target;
use unified_models::providers::Set;
use unified_tests::workspace_root;

/// Runs `node` with `args` in `dir`; its status and what it printed.
fn node(args: &[&str], dir: &Path) -> (bool, String) {
    let output = Command::new("node")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("node starts");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), said)
}

#[test]
fn generated_types_make_a_missing_required_field_a_type_error() {
    let frontend = unified_test_tools::node_packages();
    let generate = frontend.join("node_modules/openapi-typescript/bin/cli.js");
    let tsc = frontend.join("node_modules/typescript/bin/tsc");
    let dir = tempfile::tempdir().unwrap();
    for view in Target::<Set>::all() {
        let document = workspace_root()
            .join("schemas/openapi/3.1")
            .join(format!("{}.json", view.id()));
        let types = dir.path().join(format!("{}.d.ts", view.id()));
        let (ok, said) = node(
            &[
                &generate.display().to_string(),
                &document.display().to_string(),
                "-o",
                &types.display().to_string(),
            ],
            dir.path(),
        );
        assert!(ok, "openapi-typescript on {}: {said}", view.id());
        let text = std::fs::read_to_string(&types).unwrap();
        assert!(
            text.contains("TicketingUsersCreateBody: {"),
            "{}",
            view.id()
        );
    }
    let checks = frontend.join("checks/types");
    for file in ["bodies.ts", "missing_name.ts", "tsconfig.json"] {
        std::fs::copy(checks.join(file), dir.path().join(file)).unwrap();
    }
    let tsc = tsc.display().to_string();
    let (ok, said) = node(&[&tsc, "-p", "tsconfig.json"], dir.path());
    assert!(
        ok,
        "a valid Dixa body compiles and each broken one is a type error: {said}"
    );
    let (ok, said) = node(
        &[&tsc, "--noEmit", "--strict", "missing_name.ts"],
        dir.path(),
    );
    assert!(!ok, "a Dixa body without `name` must not compile");
    assert!(
        said.contains("Property 'name' is missing"),
        "tsc names the missing field: {said}"
    );
}
