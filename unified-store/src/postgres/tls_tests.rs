//! TLS to PostgreSQL: how the URL's `sslmode` and `sslrootcert` are read, and each mode against
//! the test process's TLS-only cluster (certificate for `localhost` only, from a CA of its own)
//! and its plain one.

use std::path::{Path, PathBuf};

use super::tls::{Mode, Tls};
use crate::{Store, StoreError};

/// The key the test stores are sealed with.
const KEY: &str = "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";

/// A new database of the TLS-only cluster, reached as 127.0.0.1 (a name its certificate does
/// not list), and the CA file that signed its certificate.
fn tls_database() -> (String, PathBuf) {
    let cluster = unified_test_tools::postgres_tls();
    let ca = cluster
        .ca_file()
        .expect("the TLS cluster has a CA")
        .to_owned();
    (cluster.new_database(), ca)
}

/// `url` reached as `localhost`, the name the TLS cluster's certificate lists.
fn as_localhost(url: &str) -> String {
    url.replacen("@127.0.0.1:", "@localhost:", 1)
}

async fn open(url: &str) -> Result<Store, StoreError> {
    Store::open_keyed(url, Some(KEY)).await
}

/// Opens `url`, creates a token and finds it listed: a real round trip.
async fn works(url: &str) {
    let store = match open(url).await {
        Ok(store) => store,
        Err(error) => panic!("the store does not open: {error}"),
    };
    store.create_token("prod").await.unwrap();
    assert_eq!(store.list_tokens().await.unwrap().len(), 1);
}

/// Why opening `url` fails; never with the URL or the password in it.
async fn refusal(url: &str) -> String {
    let message = match open(url).await {
        Ok(_) => panic!("the store opens"),
        Err(error) => error.to_string(),
    };
    for secret in [
        unified_test_tools::postgres_tls().password(),
        unified_test_tools::postgres().password(),
        "hunter2",
    ] {
        assert!(!message.contains(secret), "{message}");
    }
    assert!(!message.contains('?'), "{message}");
    message
}

fn read(url: &str, env_root: Option<&str>) -> Tls {
    match Tls::from_url(url, env_root.map(PathBuf::from)) {
        Ok(tls) => tls,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn sslmode_and_sslrootcert_are_read_out_of_the_url_the_driver_gets() {
    let tls = read(
        "postgres://u:hunter2@db:5432/x?application_name=a&sslmode=verify-full\
         &sslrootcert=%2Fetc%2Fca%20dir%2Fca.pem&connect_timeout=3",
        None,
    );
    assert_eq!(tls.mode, Mode::VerifyFull);
    assert_eq!(
        tls.ca_file.as_deref(),
        Some(Path::new("/etc/ca dir/ca.pem"))
    );
    assert_eq!(
        tls.driver_url,
        "postgres://u:hunter2@db:5432/x?application_name=a&connect_timeout=3&sslmode=require"
    );
    let tls = read(
        "postgres://u@db/x?sslmode=verify-ca&sslrootcert=/ca.pem",
        None,
    );
    assert_eq!(tls.mode, Mode::VerifyCa);
    assert_eq!(tls.driver_url, "postgres://u@db/x?sslmode=require");
    let tls = read("postgres://u@db/x?sslmode=disable", None);
    assert_eq!(
        (tls.mode, tls.driver_url.as_str()),
        (Mode::Disable, "postgres://u@db/x?sslmode=disable")
    );
}

#[test]
fn a_url_without_tls_parameters_reaches_the_driver_unchanged_and_prefers_tls() {
    for url in [
        "postgres://u:p%3Fw@db/x",
        "postgresql://u@db,db2:5433/x?application_name=a",
        "postgres://u@%2Fvar%2Frun%2Fpostgresql/x",
    ] {
        let tls = read(url, None);
        assert_eq!(tls.mode, Mode::Prefer);
        assert_eq!(tls.ca_file, None);
        assert_eq!(tls.driver_url, url);
    }
    // A `?` in the password, as the driver reads it, starts no query.
    let tls = read("postgres://u:a?sslmode=disable@db/x", None);
    assert_eq!(tls.mode, Mode::Prefer);
}

#[test]
fn pgsslrootcert_gives_the_ca_file_when_the_url_names_none() {
    let tls = read("postgres://u@db/x?sslmode=verify-full", Some("/env/ca.pem"));
    assert_eq!(tls.ca_file.as_deref(), Some(Path::new("/env/ca.pem")));
    let tls = read(
        "postgres://u@db/x?sslmode=verify-full&sslrootcert=/url/ca.pem",
        Some("/env/ca.pem"),
    );
    assert_eq!(tls.ca_file.as_deref(), Some(Path::new("/url/ca.pem")));
}

#[test]
fn sslrootcert_system_means_the_system_roots_and_verify_full() {
    let tls = read("postgres://u@db/x?sslrootcert=system", None);
    assert_eq!((tls.mode, tls.ca_file), (Mode::VerifyFull, None));
    assert_eq!(tls.driver_url, "postgres://u@db/x?sslmode=require");
    for weak in ["require", "verify-ca", "prefer"] {
        let url = format!("postgres://u:hunter2@db/x?sslmode={weak}&sslrootcert=system");
        let Err(error) = Tls::from_url(&url, None) else {
            panic!("sslmode={weak} with sslrootcert=system is accepted");
        };
        let message = error.to_string();
        assert!(message.contains("needs sslmode=verify-full"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }
}

#[tokio::test]
async fn an_sslmode_this_build_does_not_know_is_refused_without_quoting_the_url() {
    for mode in ["allow", "verify_full", ""] {
        let url = format!("postgres://u:hunter2@127.0.0.1:1/x?sslmode={mode}");
        let message = refusal(&url).await;
        assert!(
            message.contains("sslmode is not one of disable, prefer, require, verify-ca"),
            "{message}"
        );
    }
}

#[tokio::test]
async fn verify_ca_without_a_ca_file_is_refused() {
    let message = refusal("postgres://u:hunter2@127.0.0.1:1/x?sslmode=verify-ca").await;
    assert!(
        message.contains("sslmode=verify-ca needs the CA's certificate in sslrootcert="),
        "{message}"
    );
}

#[tokio::test]
async fn verify_full_with_the_ca_file_reaches_the_server_by_its_certified_name() {
    let (url, ca) = tls_database();
    let url = as_localhost(&url);
    works(&format!(
        "{url}?sslmode=verify-full&sslrootcert={}",
        ca.display()
    ))
    .await;
}

#[tokio::test]
async fn verify_ca_with_the_ca_file_accepts_a_host_name_the_certificate_does_not_list() {
    let (url, ca) = tls_database();
    works(&format!(
        "{url}?sslmode=verify-ca&sslrootcert={}",
        ca.display()
    ))
    .await;
}

#[tokio::test]
async fn require_encrypts_without_checking_the_certificate() {
    let (url, _) = tls_database();
    works(&format!("{url}?sslmode=require")).await;
}

#[tokio::test]
async fn prefer_uses_tls_where_the_server_takes_it_and_plain_tcp_where_not() {
    works(&tls_database().0).await;
    works(&format!("{}?sslmode=prefer", tls_database().0)).await;
    let plain = unified_test_tools::postgres().new_database();
    works(&format!("{plain}?sslmode=prefer")).await;
}

#[tokio::test]
async fn verify_full_without_the_ca_file_says_the_certificate_is_not_trusted() {
    let (url, _) = tls_database();
    let message = refusal(&format!("{}?sslmode=verify-full", as_localhost(&url))).await;
    // Without system roots at all, the refusal says so before connecting.
    assert!(message.contains("trusted root"), "{message}");
    assert!(message.contains("sslrootcert=/path/to/ca.pem"), "{message}");
}

#[tokio::test]
async fn verify_full_by_a_host_name_the_certificate_does_not_list_fails() {
    let (url, ca) = tls_database();
    let message = refusal(&format!(
        "{url}?sslmode=verify-full&sslrootcert={}",
        ca.display()
    ))
    .await;
    assert!(
        message.contains("the server's certificate is not valid for the host name"),
        "{message}"
    );
    assert!(message.contains("127.0.0.1"), "{message}");
    assert!(message.contains("sslmode=verify-ca"), "{message}");
}

#[tokio::test]
async fn require_with_a_ca_file_checks_the_chain_as_libpq_does() {
    let (url, ca) = tls_database();
    works(&format!(
        "{url}?sslmode=require&sslrootcert={}",
        ca.display()
    ))
    .await;
    // A CA file that holds another CA's certificate: the chain check fails.
    let other = tempfile::tempdir().unwrap();
    let other_ca = other.path().join("other.pem");
    std::fs::write(&other_ca, ANOTHER_CA).unwrap();
    let message = refusal(&format!(
        "{url}?sslmode=require&sslrootcert={}",
        other_ca.display()
    ))
    .await;
    assert!(
        message.contains(&format!(
            "the server's certificate is not signed by the CA in {}",
            other_ca.display()
        )),
        "{message}"
    );
}

#[tokio::test]
async fn disable_against_a_server_that_takes_only_tls_says_the_server_refuses() {
    let (url, _) = tls_database();
    let message = refusal(&format!("{url}?sslmode=disable")).await;
    assert!(
        message.contains("the server refuses the connection"),
        "{message}"
    );
    assert!(message.contains("drop sslmode=disable"), "{message}");
}

#[tokio::test]
async fn require_against_a_server_without_tls_says_so() {
    let plain = unified_test_tools::postgres().new_database();
    let message = refusal(&format!("{plain}?sslmode=require")).await;
    assert!(
        message.contains("the server does not accept TLS connections, which sslmode=require needs"),
        "{message}"
    );
}

#[tokio::test]
async fn an_unreadable_ca_file_is_named_not_the_url() {
    let (url, _) = tls_database();
    let missing = "/nonexistent-unified/ca.pem";
    let message = refusal(&format!("{url}?sslmode=verify-full&sslrootcert={missing}")).await;
    assert!(
        message.starts_with(&format!("cannot read the CA file {missing}: ")),
        "{message}"
    );
    assert!(!message.contains("postgres://"), "{message}");
    let dir = tempfile::tempdir().unwrap();
    let not_pem = dir.path().join("ca.pem");
    std::fs::write(&not_pem, "not a certificate\n").unwrap();
    let message = refusal(&format!(
        "{url}?sslmode=verify-ca&sslrootcert={}",
        not_pem.display()
    ))
    .await;
    assert!(
        message.contains(&format!(
            "cannot read the CA file {}: it holds no PEM certificate",
            not_pem.display()
        )),
        "{message}"
    );
}

/// The certificate (PEM) of a CA that signed nothing of the test cluster's, made once with
/// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=another-test-ca
/// -days 36500` (its key thrown away).
const ANOTHER_CA: &str = "\
-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUVn5ETEWhkXYX4wQ/tn0j7+GC9WcwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPYW5vdGhlci10ZXN0LWNhMCAXDTI2MTIwNjAyNDkxN1oYDzIx
MjYxMTEyMDI0OTE3WjAaMRgwFgYDVQQDDA9hbm90aGVyLXRlc3QtY2EwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAAT4L3QStHpRY8XufTa3r344a/jQDV2mgzaK2RXO
e/4qid9Eb0s7jhEWZqYt2Rlr4zPfC/HEirtoCoRn8sRs5CATo2MwYTAdBgNVHQ4E
FgQUde5vuwdx45UxOAuqLLS+zUSyGqYwHwYDVR0jBBgwFoAUde5vuwdx45UxOAuq
LLS+zUSyGqYwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAgQwCgYIKoZI
zj0EAwIDSQAwRgIhANVBGJ0LDhy9G+MACPFSc48d2C3u8sQE10chgOSiH3T6AiEA
7We7LLcHgJsKSjAmy/AEqZmG/TJDLaoo8RkGZS2mv5A=
-----END CERTIFICATE-----
";
