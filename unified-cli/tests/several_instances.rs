//! Two `unified serve` processes on one PostgreSQL database, as behind a load balancer: records
//! made by the commands while both run are usable on both, and a revoked token or a removed
//! account stops working on both within the cache's time to live.

use std::time::{Duration, Instant};

use serde_json::Value;

mod common;

use common::http::http;
use common::run_unified;
use common::serve::Serving;

/// The cache's time to live the instances run with, in seconds.
const CACHE_TTL: &str = "1";

/// How long a revoked token may keep working: the time to live, and time for the requests.
const REVOCATION_BOUND: Duration = Duration::from_secs(3);

/// The records of one PostgreSQL database, and the key they are sealed with.
struct Shared {
    env: Vec<(&'static str, String)>,
}

impl Shared {
    fn new() -> Shared {
        let url = unified_test_tools::postgres().new_database();
        let key = unified_test_tools::random_hex(32);
        Shared {
            env: vec![("UNIFIED_DB", url), ("UNIFIED_MASTER_KEY", key)],
        }
    }

    fn env(&self) -> Vec<(&str, &str)> {
        self.env.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }

    /// The database's password, which the URL carries and nothing may show.
    fn password(&self) -> &str {
        unified_test_tools::postgres().password()
    }

    /// Runs a command that must succeed; its stdout, trimmed.
    fn ok(&self, args: &[&str], stdin: &str) -> String {
        let output = run_unified(args, stdin, &self.env());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{args:?}: {stderr}");
        assert!(
            stderr.contains("unified: database postgres://unified@127.0.0.1:"),
            "{stderr}"
        );
        assert!(!stderr.contains(self.password()), "{stderr}");
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    }

    fn serve(&self) -> Serving {
        Serving::start(
            &["--cache-ttl", CACHE_TTL, "--provider-timeout", "5"],
            &self.env(),
        )
    }
}

/// A Dixa body that is valid, and one that lacks the name Dixa requires.
const VALID: &str =
    r#"{"name": "Ada", "emails": [{"email": "ada@example.org", "type": "primary"}]}"#;
const NAMELESS: &str = r#"{"emails": []}"#;

fn create(account: &str) -> String {
    format!("POST /unified/ticketing/users?integrated_account_id={account}")
}

#[test]
fn two_instances_share_tokens_and_accounts_and_see_a_revocation_within_the_bound() {
    let shared = Shared::new();
    let first_token = shared.ok(&["token", "create", "--environment", "prod"], "");
    let instances = [shared.serve(), shared.serve()];
    let unknown_account = create("00000000-0000-4000-8000-000000000000");

    // A token made while both run is known to both at once: no unknown token is cached.
    let token = shared.ok(&["token", "create", "--environment", "prod"], "");
    for instance in &instances {
        for presented in [&first_token, &token] {
            let (status, body) = http(&instance.addr, &unknown_account, presented, VALID);
            assert_eq!(status, 404, "{body}");
            assert_eq!(body["message"], "no such integrated account");
        }
        let (status, _) = http(&instance.addr, &unknown_account, "uni_wrong", VALID);
        assert_eq!(status, 401);
    }

    // An account added while both run: validated for its provider and dispatched with its
    // credential (opened with the shared key) by both. Its provider does not listen, so the
    // dispatch ends in a 502 that says so.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let account = shared.ok(
        &[
            "account",
            "add",
            "--environment",
            "prod",
            "--provider",
            "dixa",
            "--base-url",
            &dead_url,
        ],
        "shared-dixa-credential",
    );
    for instance in &instances {
        let (status, body) = http(&instance.addr, &create(&account), &token, NAMELESS);
        assert_eq!(status, 400, "{body}");
        let pointers: Vec<&Value> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|error| &error["pointer"])
            .collect();
        assert!(pointers.contains(&&Value::from("/name")), "{body}");
        let (status, body) = http(&instance.addr, &create(&account), &token, VALID);
        assert_eq!(status, 502, "{body}");
        assert_eq!(body["truto_is_remote_error"], true, "{body}");
    }

    // Revoked by the command while both run, just after both found it (so both have it
    // cached): each refuses it within the bound, and keeps taking the other token.
    for instance in &instances {
        let (status, _) = http(&instance.addr, &unknown_account, &first_token, VALID);
        assert_eq!(status, 404);
    }
    let tokens: Value = serde_json::from_str(&shared.ok(&["token", "list"], "")).unwrap();
    let first_id = tokens[0]["id"].as_i64().unwrap().to_string();
    shared.ok(&["token", "revoke", &first_id], "");
    let revoked = Instant::now();
    for instance in &instances {
        answers_within_bound(revoked, 401, || {
            http(&instance.addr, &unknown_account, &first_token, VALID).0
        });
        let (status, _) = http(&instance.addr, &unknown_account, &token, VALID);
        assert_eq!(status, 404);
    }

    // Removed while both have it cached: each answers that it does not exist within the bound.
    for instance in &instances {
        let (status, _) = http(&instance.addr, &create(&account), &token, NAMELESS);
        assert_eq!(status, 400);
    }
    shared.ok(&["account", "remove", &account], "");
    let removed = Instant::now();
    for instance in &instances {
        answers_within_bound(removed, 404, || {
            http(&instance.addr, &create(&account), &token, NAMELESS).0
        });
    }

    for instance in instances {
        let log = instance.stop();
        let secrets = [
            first_token.as_str(),
            token.as_str(),
            "shared-dixa-credential",
            shared.password(),
        ];
        for secret in secrets {
            assert!(!log.contains(secret), "the log shows `{secret}`");
        }
    }
}

/// Asks `status` until it answers `expected`, which must happen within [`REVOCATION_BOUND`]
/// of `changed`.
fn answers_within_bound(changed: Instant, expected: u16, status: impl Fn() -> u16) {
    loop {
        let now = status();
        if now == expected {
            return;
        }
        assert!(
            changed.elapsed() < REVOCATION_BOUND,
            "still {now} after {:?}",
            changed.elapsed()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn instances_starting_at_once_on_a_new_database_migrate_it_once() {
    let shared = Shared::new();
    let instances: Vec<Serving> = std::thread::scope(|scope| {
        let starting: Vec<_> = (0..4).map(|_| scope.spawn(|| shared.serve())).collect();
        starting.into_iter().map(|s| s.join().unwrap()).collect()
    });
    let token = shared.ok(&["token", "create", "--environment", "prod"], "");
    let mut made_it = 0;
    for instance in instances {
        let (status, _) = http(
            &instance.addr,
            &create("00000000-0000-4000-8000-000000000000"),
            &token,
            VALID,
        );
        assert_eq!(status, 404);
        let log = instance.stop();
        made_it += usize::from(log.contains("this database was just created"));
    }
    assert_eq!(made_it, 1, "exactly one instance made the schema");
}

#[test]
fn a_database_url_with_a_password_is_never_shown() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("postgres://gateway:pg-secret-value@127.0.0.1:{port}/records");
    let key = "ab".repeat(32);
    let output = run_unified(
        &["token", "list", "--db", &url],
        "",
        &[("UNIFIED_MASTER_KEY", &key)],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "cannot connect to the database postgres://gateway@127.0.0.1:{port}/records"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("pg-secret-value"), "{stderr}");
    // Without the key, a PostgreSQL store is refused before any connection.
    let output = run_unified(&["token", "list", "--db", &url], "", &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("UNIFIED_MASTER_KEY"), "{stderr}");
}
