//! The form page in a real browser: headless Chromium opens `/form` for every provider, fills
//! the provider's minimal valid body and submits it to the gateway (201, one call at the fake
//! provider); then leaves a required field empty and sees that field's error from the browser's
//! validation (nothing sent) and, with browser validation off, from the server (400, nothing
//! dispatched), at the same field. The Dixa form with the server's error is screenshotted to
//! `target/tmp/form-dixa.png` (docs/form-page.md shows a copy).

use std::path::Path;

use serde_json::{Map, Value, json};

use crate::cases;
use crate::harness::Harness;
use unified_test_tools::{chromium, node_script};

/// The top-level fields a provider's native API needs beside the schema's required ones (the
/// adapters ask for them with a 400 before sending anything).
fn natively_needed(provider: &str) -> &'static [&'static str] {
    match provider {
        "freshchat" => &["emails", "name"],
        "gorgias" => &["first_name", "last_name"],
        "hive" => &["name"],
        "teamwork_project_management" => &["name", "first_name", "last_name", "remote_data"],
        _ => &[],
    }
}

fn body_schema(provider: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas/ticketing/users")
        .join(provider)
        .join("create.body.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_form_page_submits_every_providers_minimal_body_and_shows_errors_by_field() {
    let chromium = chromium();
    let harness = Harness::start().await;
    // The guide's `docs/form-dixa.png` is a copy of it.
    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("form-dixa.png");
    let mut plan_cases = Vec::new();
    for (kind, body, query, ..) in cases() {
        let provider = kind.provider_id();
        let schema = body_schema(provider);
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let minimal: Map<String, Value> = body
            .as_object()
            .unwrap()
            .iter()
            .filter(|(name, _)| {
                required.contains(&name.as_str())
                    || natively_needed(provider).contains(&name.as_str())
            })
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        let field = required.first().copied();
        plan_cases.push(json!({
            "provider": provider,
            "account": harness.accounts[provider],
            "query": query.trim_start_matches('&'),
            "body": minimal,
            "field": field,
            "typed": (provider == "dixa").then(|| json!({"field": "name", "text": "Ada Lovelace"})),
            "screenshot": (provider == "dixa").then(|| screenshot.display().to_string()),
        }));
    }
    let plan = json!({
        "base": harness.base,
        "token": harness.token,
        "chromium": chromium,
        "cases": plan_cases,
    });
    let results = tokio::task::spawn_blocking(move || node_script("form_check.mjs", &plan))
        .await
        .unwrap();
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 10);
    for (result, case) in results.iter().zip(&plan_cases) {
        let provider = result["provider"].as_str().unwrap();
        assert_eq!(result.get("failure"), None, "{provider}");
        assert_eq!(
            result["valid_status"], 201,
            "{provider}: the minimal body is created: {}",
            result["valid_answer"]
        );
        if case["field"].is_null() {
            // Freshchat and Teamwork require no field.
            continue;
        }
        assert_eq!(result["invalid_status"], 400, "{provider}");
        assert_eq!(
            result["sent_with_browser_validation"], false,
            "{provider}: the browser refused it before sending"
        );
        // The field left out, or (for a list the form starts with one empty item) a field in it.
        let at_field = format!("root_{}", case["field"].as_str().unwrap());
        let errors_at_field = |key: &str| -> Vec<(String, String)> {
            result[key]
                .as_object()
                .map(|errors| {
                    errors
                        .iter()
                        .filter(|(id, _)| id.starts_with(&at_field))
                        .map(|(id, text)| {
                            (id.clone(), text.as_str().unwrap_or_default().to_owned())
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let browser = errors_at_field("browser_errors");
        let server = errors_at_field("server_errors");
        assert!(
            !browser.is_empty(),
            "{provider}: the browser's error at the field: {result}"
        );
        assert!(
            server.iter().all(|(_, text)| text.contains("required")),
            "{provider}: the server's errors say what is missing: {server:?}"
        );
        // At one field, the server's words replace the browser's.
        assert!(
            browser.iter().any(|(id, words)| server
                .iter()
                .any(|(other, server_words)| other == id && server_words != words)),
            "{provider}: the browser and the server show an error at the same field: {browser:?} \
             and {server:?}"
        );
    }
    for (kind, ..) in cases() {
        assert_eq!(
            harness.fake(kind.provider_id()).calls(),
            1,
            "{}: only the valid body reached the provider",
            kind.provider_id()
        );
    }
}

/// The page's script the gateway serves is the one `frontend/` builds from its source and lock
/// file (`npm run build`), so what the browser test ran is what is committed.
#[test]
fn the_committed_page_script_is_built_from_its_source() {
    let frontend = unified_test_tools::node_packages();
    let dir = tempfile::tempdir().unwrap();
    let built = dir.path().join("form.js");
    unified_test_tools::quietly(
        std::process::Command::new("npm")
            .args(["run", "--silent", "build", "--"])
            .arg(format!("--outfile={}", built.display()))
            .current_dir(&frontend),
        "cannot build the page with `npm run build` in frontend/",
    );
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("page/form.js");
    assert!(
        std::fs::read(&built).unwrap() == std::fs::read(&committed).unwrap(),
        "unified-gateway/page/form.js is stale: run `npm run build` in frontend/"
    );
}

/// A plain `chromium --headless --dump-dom` of `/form`, which reads the page once it has loaded
/// and waits for no fetch, finds the form of the provider asked for (the first one when none
/// is): the page carries its documents, so its first paint is the form, not "Loading…".
#[tokio::test(flavor = "multi_thread")]
async fn a_plain_headless_chromium_sees_the_form_as_soon_as_the_page_has_loaded() {
    let chromium = chromium();
    let harness = Harness::start().await;
    let dump = |query: &str| {
        let output = std::process::Command::new(&chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
            .arg(format!("{}/form{query}", harness.base))
            .output()
            .expect("chromium runs");
        assert!(output.status.success(), "chromium --dump-dom failed");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    for (query, field, title) in [
        ("", "root_name", "request body for Dixa"),
        (
            "?provider=gorgias",
            "root_first_name",
            "request body for Gorgias",
        ),
    ] {
        let page = dump(query);
        assert!(!page.contains("Loading…"), "{query}: {page}");
        assert!(page.contains(&format!("id=\"{field}\"")), "{query}: {page}");
        assert!(page.contains(title), "{query}: {page}");
    }

    // The documents the page carries are the ones the gateway serves.
    let html = harness
        .client
        .get(format!("{}/form?provider=hive", harness.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = html
        .find("<script id=\"documents\" type=\"application/json\">")
        .unwrap();
    let text = &html[start..];
    let text = &text[text.find('>').unwrap() + 1..text.find("</script>").unwrap()];
    assert!(
        !text.contains('<'),
        "every `<` is escaped inside the script"
    );
    let carried: Value = serde_json::from_str(text).unwrap();
    assert_eq!(carried["provider"], "hive");
    assert_eq!(
        carried["index"],
        harness.get("/openapi.json", None).await.body
    );
    assert_eq!(
        carried["document"],
        harness.get("/openapi/hive.json", None).await.body
    );
}
