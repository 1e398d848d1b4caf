//! The gateway judged from outside: Schemathesis, reading each document the real `unified serve`
//! serves (`/openapi/<provider>.json` and `/openapi.json`), generates requests in every phase
//! and holds every answer to every check it has. Behind the gateway, the fake providers built
//! to the providers' documented contracts, one account each. A provider's document is run with
//! that provider's account, so what it accepts must be created and what it refuses must be
//! refused before anything is sent. Nothing fails, and the creates really reach every provider.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use unified_core::{Action, Target};
use unified_models::providers::Set;
use unified_openapi::contract::HTTP_LAYER_STATUSES;
use unified_test_tools::fake::{Fake, Kind};
use unified_test_tools::{Package, python};

use common::records::Records;

/// Schemathesis at the version this test is written against.
const SCHEMATHESIS: Package = Package {
    name: "schemathesis",
    version: "4.32.5",
};

/// Examples per operation and phase that Schemathesis may generate, and how many test cases
/// each operation with inputs gets at least.
const EXAMPLES: u32 = 100;

/// What one document's run found.
struct Run {
    document: String,
    passed: bool,
    said: String,
    /// Test cases by operation (`POST /unified/ticketing/users`).
    cases: BTreeMap<String, usize>,
    /// The operations the document's provider has adapters for, as `cases` names them.
    served: Vec<String>,
}

/// A document to run Schemathesis on, and what its run must cover.
struct Document {
    /// Where the gateway serves it (`/openapi/dixa.json`).
    path: String,
    /// Every request's integrated account (none: Schemathesis draws ids).
    account: Option<String>,
    /// The operation ids left out of the run.
    excluded: Vec<String>,
    /// The operations the document's provider has adapters for, as `Run::cases` names them.
    served: Vec<String>,
}

/// Schemathesis, set up to run against the gateway at `base` with `token`.
struct Schemathesis<'a> {
    python: &'a Path,
    dir: &'a Path,
    base: &'a str,
    token: &'a str,
    /// The operation ids of the registry's lists.
    lists: &'a [String],
}

impl Schemathesis<'_> {
    /// Runs Schemathesis on every document, as many at once as there are cores: each run is
    /// one single-threaded Python process, and the gateway serves them all. The runs come back
    /// in the documents' order.
    fn run_all(&self, documents: &[Document]) -> Vec<Run> {
        let next = AtomicUsize::new(0);
        let workers = std::thread::available_parallelism().map_or(1, usize::from);
        let mut runs: Vec<(usize, Run)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..workers.min(documents.len()))
                .map(|_| {
                    scope.spawn(|| {
                        let mut runs = Vec::new();
                        loop {
                            let at = next.fetch_add(1, Ordering::Relaxed);
                            let Some(document) = documents.get(at) else {
                                break runs;
                            };
                            runs.push((at, self.run(document)));
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|worker| worker.join().expect("a Schemathesis run"))
                .collect()
        });
        runs.sort_by_key(|(at, _)| *at);
        runs.into_iter().map(|(_, run)| run).collect()
    }

    /// Runs Schemathesis on one document.
    fn run(&self, document: &Document) -> Run {
        let Document {
            path: document,
            account,
            excluded,
            served,
        } = document;
        let Schemathesis {
            python,
            dir,
            base,
            token,
            lists,
        } = *self;
        let name = document.trim_start_matches('/').replace('/', "_");
        // A folder per document, so that runs at the same time share nothing Schemathesis keeps
        // in its working folder.
        let dir = dir.join(&name);
        std::fs::create_dir_all(&dir).unwrap();
        let config = dir.join(format!("{name}.toml"));
        let events = dir.join(format!("{name}.events.ndjson"));
        let parameters = account
            .as_deref()
            .map(|id| format!("[parameters]\n\"query.integrated_account_id\" = \"{id}\"\n"))
            .unwrap_or_default();
        // A list's `next_cursor` is the provider's opaque text: no schema can say which strings are
        // live cursors, so one Schemathesis makes up is refused with the 400 a refused cursor gets
        // (`a_cursor_the_provider_refuses_is_the_clients_mistake` holds that answer). Every other
        // check still applies to lists.
        let lists: String = lists
            .iter()
            .map(|id| {
                format!(
                    "\n[[operations]]\ninclude-operation-id = \"{id}\"\n\
                     checks.positive_data_acceptance.expected-statuses = {}\n",
                    statuses(&["2xx", "400", "401", "403", "404", "409", "429", "5xx"])
                )
            })
            .collect();
        // Schemathesis draws short `Idempotency-Key`s, so it sends one key with two different
        // bodies: the 422 that gets is the contract (`a_repeated_write_reaches_the_provider_once`
        // holds it), not a valid request refused.
        let keys = format!(
            "\n[checks.positive_data_acceptance]\nexpected-statuses = {}\n",
            statuses(&["2xx", "401", "403", "404", "409", "422", "429", "5xx"])
        );
        // Schemathesis' own list of refusals, which leaves out the HTTP layer's
        // (`a_target_or_head_too_long_gets_the_documented_refusal` holds those).
        let refusals = format!(
            "\n[checks.negative_data_rejection]\nexpected-statuses = {}\n",
            statuses(&[
                "400", "401", "403", "404", "405", "406", "409", "415", "422", "428", "429", "5xx",
            ])
        );
        std::fs::write(&config, format!("{parameters}{keys}{refusals}{lists}")).unwrap();
        let output = Command::new(python)
            .args(["-m", "schemathesis.cli", "--config-file"])
            .arg(&config)
            .arg("run")
            .arg(format!("{base}{document}"))
            .args(["--url", base])
            .args(["--header", &format!("Authorization: Bearer {token}")])
            .args(["--checks", "all"])
            .args(
                excluded
                    .iter()
                    .flat_map(|id| ["--exclude-operation-id", id.as_str()]),
            )
            .args(["--phases", "examples,coverage,fuzzing,stateful"])
            .args(["--max-examples", &EXAMPLES.to_string()])
            .args(["--seed", "20261204"])
            // One worker: CPython 3.11's `ast.parse`, which Hypothesis calls to describe filters,
            // can fail when threads race it ("AST constructor recursion depth mismatch").
            .args(["--workers", "1"])
            .args(["--report", "ndjson", "--report-ndjson-path"])
            .arg(&events)
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .output()
            .expect("schemathesis runs");
        Run {
            document: document.to_owned(),
            passed: output.status.success(),
            said: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
            cases: cases_per_operation(&events),
            served: served.clone(),
        }
    }
}

/// A TOML list of `listed` and the HTTP layer's refusals
/// ([`HTTP_LAYER_STATUSES`]), which any request too long for it gets before any route.
fn statuses(listed: &[&str]) -> String {
    let all: Vec<String> = listed
        .iter()
        .map(ToString::to_string)
        .chain(HTTP_LAYER_STATUSES.iter().map(u16::to_string))
        .map(|status| format!("\"{status}\""))
        .collect();
    format!("[{}]", all.join(", "))
}

/// How many test cases each operation got, over every phase, from Schemathesis' event report.
fn cases_per_operation(events: &Path) -> BTreeMap<String, usize> {
    let mut cases = BTreeMap::new();
    let text = std::fs::read_to_string(events).unwrap_or_default();
    for event in text
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
    {
        let recorder = &event["ScenarioFinished"]["recorder"];
        if let (Some(label), Some(recorded)) =
            (recorder["label"].as_str(), recorder["cases"].as_object())
        {
            *cases.entry(label.to_owned()).or_default() += recorded.len();
        }
    }
    cases
}

#[tokio::test(flavor = "multi_thread")]
async fn schemathesis_finds_nothing_wrong_in_any_served_document() {
    let records = Records::new();
    let token = records.ok(&["token", "create", "--environment", "prod"], "");
    let token = token.trim().to_owned();
    let mut accounts = Vec::new();
    for kind in Kind::ALL {
        let fake = Fake::start(kind).await;
        let id = records.ok(
            &[
                "account",
                "add",
                "--environment",
                "prod",
                "--provider",
                kind.provider_id(),
                "--base-url",
                &fake.base_url,
            ],
            kind.credential(),
        );
        accounts.push((kind, fake, id.trim().to_owned()));
    }
    let serving = records.serve(&[]);
    let base = format!("http://{}", serving.addr);
    let python = python(&[SCHEMATHESIS]);
    let dir = tempfile::tempdir().unwrap();

    // An operation a provider has no adapter for answers 501 by design, which Schemathesis'
    // server-error check cannot tell from a fault: its document is run without it
    // (`routes_without_an_adapter_answer_501` in the gateway's tests holds that answer).
    let registry = unified_models::registry();
    let adapters = unified_providers::adapters();
    let lists: Vec<String> = registry
        .operations()
        .iter()
        .filter(|operation| operation.action() == Action::List)
        .map(unified_openapi::operation_id)
        .collect();
    let schemathesis = Schemathesis {
        python: &python,
        dir: dir.path(),
        base: &base,
        token: &token,
        lists: &lists,
    };
    let mut documents: Vec<Document> = Vec::new();
    for (kind, _, id) in &accounts {
        let provider = Target::<Set>::from_id(kind.provider_id())
            .and_then(Target::provider)
            .expect("a shipped provider");
        let (served, unserved): (Vec<_>, Vec<_>) =
            registry.operations().iter().partition(|operation| {
                adapters
                    .find(provider, operation.model(), operation.name())
                    .is_some()
            });
        documents.push(Document {
            path: format!("/openapi/{}.json", kind.provider_id()),
            account: Some(id.clone()),
            excluded: unserved
                .into_iter()
                .map(unified_openapi::operation_id)
                .collect(),
            served: served
                .into_iter()
                .map(|operation| {
                    let method = operation.action().method();
                    format!("{method} {}", unified_openapi::route_path(operation))
                })
                .collect(),
        });
    }
    // The unified document fronts every provider at once; a request through it names an account
    // it draws, which this gateway does not have.
    documents.push(Document {
        path: "/openapi.json".to_owned(),
        account: None,
        excluded: Vec::new(),
        served: Vec::new(),
    });
    let runs = schemathesis.run_all(&documents);

    let failed: Vec<String> = runs
        .iter()
        .filter(|run| !run.passed)
        .map(|run| format!("{}:\n{}", run.document, run.said))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
    for run in &runs {
        eprintln!("{}: test cases {:?}", run.document, run.cases);
        // `/healthz` takes no input, so it has the few cases its methods and headers give.
        // Every operation a provider's adapters serve, and the meta endpoint.
        let meta = "GET /unified/{model}/{resource}/{provider}/meta/{method}".to_owned();
        for operation in run.served.iter().chain([&meta]) {
            let cases = run.cases.get(operation).copied();
            assert!(
                cases.is_some_and(|cases| cases >= EXAMPLES as usize),
                "{}: {cases:?} cases of {operation}",
                run.document
            );
        }
    }

    let reached: Vec<(&str, usize)> = accounts
        .iter()
        .map(|(kind, fake, _)| (kind.provider_id(), fake.calls()))
        .collect();
    eprintln!("creates that reached each fake provider: {reached:?}");
    for (provider, calls) in &reached {
        assert!(*calls >= 20, "{provider}: only {calls} creates reached it");
    }
    let log = serving.stop();
    assert!(!log.contains(&token), "the log shows the token");
}
