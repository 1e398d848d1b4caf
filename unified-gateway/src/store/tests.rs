//! Opening a store: the file's mode, the key (kept, made, or refused when lost), what it holds,
//! and its health. Also the temporary store every store test starts from.

use super::*;
use unified_core::Secret;
use unified_models::providers;

/// A store in a new temporary directory, keyed by its key file whatever the caller's
/// environment says.
pub(super) fn open_temporary() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_with_key_variable(&dir.path().join("unified.db"), None).unwrap();
    (dir, store)
}

/// Adds a prod token and a Dixa account to `store`.
fn add_records(store: &Store) {
    store.create_token("prod").unwrap();
    store
        .add_account(
            "prod",
            providers::dixa,
            "http://x.io",
            &Secret::new("a-credential"),
        )
        .unwrap();
}

#[cfg(unix)]
#[test]
fn the_database_file_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, store) = open_temporary();
    add_records(&store);
    let mode = std::fs::metadata(dir.path().join("unified.db"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_lost_key_is_not_replaced_for_sealed_credentials() {
    let (dir, store) = open_temporary();
    add_records(&store);
    drop(store);
    let db = dir.path().join("unified.db");
    let key_file = key_file_for(&db);
    std::fs::remove_file(&key_file).unwrap();

    let refused = Store::open_with_key_variable(&db, None)
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

#[test]
fn a_database_without_accounts_gets_a_new_key() {
    let (dir, store) = open_temporary();
    store.create_token("prod").unwrap();
    drop(store);
    let db = dir.path().join("unified.db");
    std::fs::remove_file(key_file_for(&db)).unwrap();
    let store = Store::open_with_key_variable(&db, None).unwrap();
    assert!(key_file_for(&db).exists());
    add_records(&store);
}

#[test]
fn the_variable_key_opens_credentials_and_writes_no_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unified.db");
    let key = "ab".repeat(32);
    let store = Store::open_with_key_variable(&db, Some(&key)).unwrap();
    add_records(&store);
    drop(store);
    let store = Store::open_with_key_variable(&db, Some(&key)).unwrap();
    assert_eq!(store.list_accounts().unwrap().len(), 1);
    assert!(!key_file_for(&db).exists());
}

#[test]
fn the_summary_counts_records_and_says_whether_the_open_created_the_file() {
    let (dir, store) = open_temporary();
    assert!(store.path().is_absolute());
    assert_eq!(store.path(), dir.path().join("unified.db"));
    let fresh = store.summary().unwrap();
    assert!(fresh.created);
    assert_eq!(fresh.to_string(), "0 environments, 0 tokens, 0 accounts");
    add_records(&store);
    store.create_token("staging").unwrap();
    drop(store);

    let store = Store::open_with_key_variable(&dir.path().join("unified.db"), None).unwrap();
    let summary = store.summary().unwrap();
    assert!(!summary.created);
    assert_eq!(
        (summary.environments, summary.tokens, summary.accounts),
        (2, 2, 1)
    );
    assert_eq!(summary.to_string(), "2 environments, 2 tokens, 1 account");
}

#[test]
fn health_holds_while_the_tables_answer() {
    let (dir, store) = open_temporary();
    store.check_health().unwrap();
    let other = Connection::open(dir.path().join("unified.db")).unwrap();
    other.execute_batch("DROP TABLE api_tokens").unwrap();
    let error = store.check_health().unwrap_err().to_string();
    assert!(error.starts_with("the database does not answer"), "{error}");
}
