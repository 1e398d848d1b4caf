//! Opening a store: the file's mode, the key (kept, made, or refused when lost), what it holds,
//! its health, and PostgreSQL's migrations. Also the stores every store test starts from: a
//! SQLite file, and a database of the test process's private PostgreSQL cluster.

use super::*;
use unified_core::Secret;
use unified_models::providers;

/// The key the PostgreSQL test stores are sealed with.
pub(super) const TEST_KEY: &str =
    "abababababababababababababababababababababababababababababababab";

/// A store and what keeps its database alive.
pub(super) struct TestStore {
    store: Store,
    _dir: Option<tempfile::TempDir>,
}

impl std::ops::Deref for TestStore {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

/// A store in a new temporary directory, keyed by its key file whatever the caller's
/// environment says.
pub(super) async fn open_temporary() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_keyed(&sqlite_location(&dir), None)
        .await
        .unwrap();
    (dir, store)
}

fn sqlite_location(dir: &tempfile::TempDir) -> String {
    dir.path().join("unified.db").to_str().unwrap().to_owned()
}

/// A new PostgreSQL database of the private cluster, as a URL.
pub(super) fn postgres_database() -> String {
    unified_test_tools::postgres().new_database()
}

/// One new, empty store of each kind: SQLite, then PostgreSQL.
pub(super) async fn each_store() -> Vec<TestStore> {
    let (dir, sqlite) = open_temporary().await;
    let postgres = Store::open_keyed(&postgres_database(), Some(TEST_KEY))
        .await
        .unwrap();
    vec![
        TestStore {
            store: sqlite,
            _dir: Some(dir),
        },
        TestStore {
            store: postgres,
            _dir: None,
        },
    ]
}

/// Adds a prod token and a Dixa account to `store`.
async fn add_records(store: &Store) {
    store.create_token("prod").await.unwrap();
    store
        .add_account(
            "prod",
            providers::dixa,
            "http://x.io",
            &Secret::new("a-credential"),
        )
        .await
        .unwrap();
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_file_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, store) = open_temporary().await;
    add_records(&store).await;
    let mode = std::fs::metadata(dir.path().join("unified.db"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[tokio::test]
async fn a_lost_key_is_not_replaced_for_sealed_credentials() {
    let (dir, store) = open_temporary().await;
    add_records(&store).await;
    drop(store);
    let db = dir.path().join("unified.db");
    let key_file = key_file_for(&db);
    std::fs::remove_file(&key_file).unwrap();

    let refused = Store::open_keyed(&sqlite_location(&dir), None)
        .await
        .err()
        .unwrap()
        .to_string();
    assert_eq!(
        refused,
        format!(
            "database {} holds sealed credentials but its key file {} is missing: \
             restore that file or set UNIFIED_MASTER_KEY",
            db.display(),
            key_file.display()
        )
    );
    assert!(!key_file.exists(), "no new key was written");
}

#[tokio::test]
async fn a_database_without_accounts_gets_a_new_key() {
    let (dir, store) = open_temporary().await;
    store.create_token("prod").await.unwrap();
    drop(store);
    let db = dir.path().join("unified.db");
    std::fs::remove_file(key_file_for(&db)).unwrap();
    let store = Store::open_keyed(&sqlite_location(&dir), None)
        .await
        .unwrap();
    assert!(key_file_for(&db).exists());
    add_records(&store).await;
}

#[tokio::test]
async fn the_variable_key_opens_credentials_and_writes_no_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let location = sqlite_location(&dir);
    let store = Store::open_keyed(&location, Some(TEST_KEY)).await.unwrap();
    add_records(&store).await;
    drop(store);
    let store = Store::open_keyed(&location, Some(TEST_KEY)).await.unwrap();
    assert_eq!(store.list_accounts().await.unwrap().len(), 1);
    assert!(!key_file_for(&dir.path().join("unified.db")).exists());
}

#[tokio::test]
async fn a_postgres_store_takes_its_key_from_the_variable_only() {
    let refused = Store::open_keyed(&postgres_database(), None)
        .await
        .err()
        .unwrap()
        .to_string();
    assert!(refused.contains("UNIFIED_MASTER_KEY"), "{refused}");
}

#[tokio::test]
async fn a_key_other_than_the_databases_is_refused_on_both_stores() {
    let dir = tempfile::tempdir().unwrap();
    for location in [sqlite_location(&dir), postgres_database()] {
        let store = Store::open_keyed(&location, Some(TEST_KEY)).await.unwrap();
        add_records(&store).await;
        drop(store);
        let refused = Store::open_keyed(&location, Some(&"cd".repeat(32)))
            .await
            .err()
            .unwrap()
            .to_string();
        assert!(
            refused.starts_with("the key does not open this database's credentials"),
            "{refused}"
        );
        // Refused before anything could be sealed under the other key.
        let store = Store::open_keyed(&location, Some(TEST_KEY)).await.unwrap();
        assert_eq!(store.list_accounts().await.unwrap().len(), 1);
    }
    // With SQLite, the key file is the database's key: the variable must be the same.
    let (dir, store) = open_temporary().await;
    drop(store);
    let refused = Store::open_keyed(&sqlite_location(&dir), Some(TEST_KEY)).await;
    assert!(refused.is_err());
}

#[tokio::test]
async fn token_ids_are_never_reused_on_either_store() {
    for store in each_store().await {
        store.create_token("prod").await.unwrap();
        let newest = store.create_token("prod").await.unwrap();
        let listed = store.list_tokens().await.unwrap();
        store.revoke_token(listed[1].id).await.unwrap();
        store.create_token("prod").await.unwrap();
        let again = store.list_tokens().await.unwrap();
        assert!(again[1].id > listed[1].id, "{}", store.location());
        // A revocation repeated by id does not reach the newer token.
        assert!(store.revoke_token(listed[1].id).await.is_err());
        assert!(
            store
                .environment_of_token(newest.expose())
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(store.list_tokens().await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn a_sqlite_database_reads_while_another_connection_writes() {
    let (dir, store) = open_temporary().await;
    let token = store.create_token("prod").await.unwrap();
    let other = rusqlite::Connection::open(dir.path().join("unified.db")).unwrap();
    let mode: String = other
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    other
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM api_tokens;")
        .unwrap();
    // In rollback mode the write lock would make this wait for the busy timeout and fail.
    let started = std::time::Instant::now();
    assert!(
        store
            .environment_of_token(token.expose())
            .await
            .unwrap()
            .is_some()
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    other.execute_batch("ROLLBACK").unwrap();
}

#[tokio::test]
async fn a_location_that_is_neither_a_file_nor_a_postgres_url_is_refused() {
    for location in [
        "postgress://u:secret-pass@h/db",
        "mysql://u:secret-pass@h/db",
    ] {
        let refused = Store::open_keyed(location, Some(TEST_KEY))
            .await
            .err()
            .unwrap()
            .to_string();
        assert!(
            refused.contains("is not a database this gateway speaks"),
            "{refused}"
        );
        assert!(!refused.contains("secret-pass"), "{refused}");
    }
    // An `@` in the password, unencoded, would put part of it in the host.
    let refused = Store::open_keyed("postgres://u:pa@ss-word@127.0.0.1/db", Some(TEST_KEY))
        .await
        .err()
        .unwrap()
        .to_string();
    assert!(refused.contains("%40"), "{refused}");
    assert!(!refused.contains("ss-word"), "{refused}");
}

#[tokio::test]
async fn a_postgres_call_that_waits_on_a_lock_fails_within_its_time_limit() {
    let url = postgres_database();
    let store = Store::open_keyed(&url, Some(TEST_KEY)).await.unwrap();
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    client
        .batch_execute("BEGIN; LOCK TABLE api_tokens IN ACCESS EXCLUSIVE MODE;")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let error = store.check_health().await.unwrap_err().to_string();
    assert!(error.contains("did not answer within 5 s"), "{error}");
    assert!(started.elapsed() < std::time::Duration::from_secs(8));
    client.batch_execute("ROLLBACK").await.unwrap();
    // The abandoned connection left the pool: the next call is answered.
    store.check_health().await.unwrap();
}

#[tokio::test]
async fn the_summary_counts_records_and_says_whether_the_open_created_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = sqlite_location(&dir);
    let postgres = postgres_database();
    for location in [&sqlite, &postgres] {
        let store = Store::open_keyed(location, Some(TEST_KEY)).await.unwrap();
        let fresh = store.summary().await.unwrap();
        assert!(fresh.created, "{location}");
        assert_eq!(fresh.to_string(), "0 environments, 0 tokens, 0 accounts");
        add_records(&store).await;
        store.create_token("staging").await.unwrap();
        drop(store);

        let store = Store::open_keyed(location, Some(TEST_KEY)).await.unwrap();
        let summary = store.summary().await.unwrap();
        assert!(!summary.created);
        assert_eq!(
            (summary.environments, summary.tokens, summary.accounts),
            (2, 2, 1)
        );
        assert_eq!(summary.to_string(), "2 environments, 2 tokens, 1 account");
    }
}

#[tokio::test]
async fn a_store_is_named_by_an_absolute_path_or_a_url_without_password() {
    let (dir, store) = open_temporary().await;
    assert_eq!(
        store.location(),
        dir.path().join("unified.db").display().to_string()
    );
    let url = postgres_database();
    let store = Store::open_keyed(&url, Some(TEST_KEY)).await.unwrap();
    // The cluster's URLs carry its password; the store's name never does.
    let password = unified_test_tools::postgres().password();
    let after = url.split_once('@').unwrap().1;
    assert!(url.contains(password));
    assert_eq!(store.location(), format!("postgres://unified@{after}"));
    assert!(!store.location().contains(password));
    // A password in the URL is never repeated, even when the server cannot be reached.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let with_password = format!("postgres://unified:hunter22secret@127.0.0.1:{port}/nothing");
    let refused = Store::open_keyed(&with_password, Some(TEST_KEY))
        .await
        .err()
        .unwrap()
        .to_string();
    assert!(
        refused.starts_with(&format!(
            "cannot connect to the database postgres://unified@127.0.0.1:{port}/nothing"
        )),
        "{refused}"
    );
    assert!(!refused.contains("hunter22secret"), "{refused}");
}

#[tokio::test]
async fn health_holds_while_the_tables_answer() {
    let (dir, store) = open_temporary().await;
    store.check_health().await.unwrap();
    let other = rusqlite::Connection::open(dir.path().join("unified.db")).unwrap();
    other.execute_batch("DROP TABLE api_tokens").unwrap();
    let error = store.check_health().await.unwrap_err().to_string();
    assert!(error.starts_with("the database does not answer"), "{error}");

    let url = postgres_database();
    let store = Store::open_keyed(&url, Some(TEST_KEY)).await.unwrap();
    store.check_health().await.unwrap();
    postgres_admin(&url, "DROP TABLE api_tokens").await;
    let error = store.check_health().await.unwrap_err().to_string();
    assert!(error.starts_with("the database does not answer"), "{error}");
}

/// Runs `sql` on the database at `url` as an administrator would.
async fn postgres_admin(url: &str, sql: &str) {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    client.batch_execute(sql).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_migrating_one_new_postgres_database_at_once_all_succeed() {
    for _round in 0..3 {
        let url = postgres_database();
        let openings: Vec<_> = (0..8)
            .map(|_| {
                let url = url.clone();
                tokio::spawn(async move { Store::open_keyed(&url, Some(TEST_KEY)).await })
            })
            .collect();
        let mut created = 0;
        for opening in openings {
            let store = opening.await.unwrap().unwrap();
            created += usize::from(store.summary().await.unwrap().created);
        }
        assert_eq!(created, 1, "exactly one instance made the schema");
    }
}

#[tokio::test]
async fn a_newer_postgres_schema_is_refused() {
    let url = postgres_database();
    Store::open_keyed(&url, Some(TEST_KEY)).await.unwrap();
    postgres_admin(&url, "UPDATE unified_schema SET version = 99").await;
    let error = Store::open_keyed(&url, Some(TEST_KEY))
        .await
        .err()
        .unwrap()
        .to_string();
    assert!(error.contains("schema version 99, newer"), "{error}");
}
