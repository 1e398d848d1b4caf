//! Base URLs and credentials as `unified account add --base-url URL` reads them: the command
//! line, the credential on standard input, its shape for each provider's adapter, the store's
//! checks, and how the gateway presents a credential and joins a path to a base URL.
//!
//! The input is the base URL, a line break, then standard input (the credential).
//!
//! Each input goes through `account add` for one provider, picked by its length.
//!
//! Invariants:
//! - nothing panics;
//! - the command line hands the store `--base-url` exactly as given, and a credential that is
//!   standard input without its final line breaks; it refuses exactly a blank credential and
//!   one whose shape the provider's scheme cannot present, in words that never depend on the
//!   credential;
//! - a scheme presents a credential exactly when its shape fits, every secret it names is
//!   non-empty, and what it sends holds the credential whole (Basic's base64 decodes to it;
//!   a key and user put back together are it);
//! - the store keeps a credential exactly when it has 8 characters or more, and its refusal
//!   never depends on the credential;
//! - a base URL the store keeps is an http or https URL with a host and no query, fragment,
//!   user name or password, without a trailing slash, kept again as itself, and a path appended
//!   to it stays on the same scheme, host and port.
#![no_main]

use std::sync::OnceLock;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use libfuzzer_sys::fuzz_target;
use unified_adapter::AuthScheme;
use unified_commands::Program;
use unified_commands::fuzzing::account_add;
use unified_core::{Provider, Secret};
use unified_models::providers::Set;
use unified_store::fuzzing::{check_base_url, check_credential, check_environment_name};

fn program() -> &'static Program<Set> {
    static PROGRAM: OnceLock<Program<Set>> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        Program::new(
            "unified",
            unified_models::registry(),
            unified_providers::adapters(),
        )
    })
}

fuzz_target!(|input: &[u8]| {
    let (url, stdin) = match input.iter().position(|byte| *byte == b'\n') {
        Some(at) => (&input[..at], &input[at + 1..]),
        None => (input, &[][..]),
    };
    let url = String::from_utf8_lossy(url);
    check_url(&url);
    let names_fine = !url.is_empty()
        && url.len() <= 64
        && url
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'));
    assert_eq!(
        check_environment_name(&url).is_ok(),
        names_fine,
        "environment name"
    );
    // Standard input that is not UTF-8 cannot be read as a credential.
    let Ok(stdin) = core::str::from_utf8(stdin) else {
        return;
    };
    let credential = stdin.trim_end_matches(['\r', '\n']);
    // One provider per input, picked by its length: parsing the command line is the slow part.
    let providers: Vec<Provider<Set>> = Provider::<Set>::all().collect();
    check_command(
        providers[input.len() % providers.len()],
        &url,
        stdin,
        credential,
    );
    if !credential.trim().is_empty() {
        check_schemes(credential);
        let kept = check_credential(&Secret::new(credential));
        let control = credential.chars().any(char::is_control);
        assert_eq!(
            kept.is_ok(),
            !control && credential.chars().count() >= 8,
            "credential length and control characters"
        );
        // The refusal names the kind of fault, never the credential.
        let like = if control { "a\u{1}-long-enough" } else { "short" };
        if let Err(message) = kept {
            assert_eq!(Err(message), check_credential(&Secret::new(like)));
        }
    }
});

/// `account add` for `provider`: the base URL untouched, the credential read and its shape
/// checked, refusals that do not depend on the credential.
fn check_command(provider: Provider<Set>, url: &str, stdin: &str, credential: &str) {
    let base_url = format!("--base-url={url}");
    let args = [
        "unified",
        "account",
        "add",
        "--environment",
        "prod",
        "--provider",
        provider.id(),
        &base_url,
    ];
    let scheme = scheme_of(provider);
    let fits =
        !credential.trim().is_empty() && scheme.is_none_or(|scheme| shape_fits(scheme, credential));
    match account_add(program(), &args, stdin) {
        Ok(added) => {
            assert!(
                fits,
                "{}: took a credential it cannot present",
                provider.id()
            );
            assert_eq!(added.base_url, url, "the base URL as given");
            assert_eq!(
                added.credential.expose(),
                credential,
                "the credential as read"
            );
        }
        Err(message) => {
            assert!(
                !fits,
                "{}: refused a fine credential: {message}",
                provider.id()
            );
            // The same words as for a credential that is blank, or of the wrong shape.
            let (blank, shapeless) = reference_refusals(provider);
            assert!(
                message == *blank || shapeless.as_ref() == Some(&message),
                "{}: a refusal in words of its own: {message}",
                provider.id()
            );
        }
    }
}

/// What `account add` says for `provider` to a blank credential, and to one without a `:` if it
/// refuses that; worked out once per provider.
fn reference_refusals(provider: Provider<Set>) -> &'static (String, Option<String>) {
    static REFUSALS: OnceLock<Vec<(String, Option<String>)>> = OnceLock::new();
    let refusals = REFUSALS.get_or_init(|| {
        Provider::<Set>::all()
            .map(|provider| {
                let args = [
                    "unified",
                    "account",
                    "add",
                    "--environment",
                    "prod",
                    "--provider",
                    provider.id(),
                    "--base-url=https://example.org",
                ];
                let blank = account_add(program(), &args, "\n").unwrap_err();
                let shapeless = account_add(program(), &args, "no-colon-at-all").err();
                (blank, shapeless)
            })
            .collect()
    });
    let at = Provider::<Set>::all()
        .position(|each| each == provider)
        .expect("a provider of the set");
    &refusals[at]
}

/// The scheme of `provider`'s adapters, if it has one.
fn scheme_of(provider: Provider<Set>) -> Option<AuthScheme> {
    program_adapters()
        .iter()
        .find(|adapter| adapter.provider() == provider)
        .map(|adapter| adapter.auth())
}

fn program_adapters() -> &'static unified_adapter::Adapters<Set> {
    static ADAPTERS: OnceLock<unified_adapter::Adapters<Set>> = OnceLock::new();
    ADAPTERS.get_or_init(unified_providers::adapters)
}

/// Whether `scheme` can present `credential`: one non-empty token, or two non-empty parts
/// around the first `:`.
fn shape_fits(scheme: AuthScheme, credential: &str) -> bool {
    match scheme {
        AuthScheme::Header { .. } => !credential.is_empty(),
        _ => credential
            .split_once(':')
            .is_some_and(|(user, secret)| !user.is_empty() && !secret.is_empty()),
    }
}

/// Every shipped scheme presents `credential` exactly when its shape fits, whole.
fn check_schemes(credential: &str) {
    let secret = Secret::new(credential);
    for adapter in program_adapters().iter() {
        let scheme = adapter.auth();
        let presented = scheme.present(&secret);
        assert_eq!(
            presented.is_ok(),
            shape_fits(scheme, credential),
            "{scheme:?}"
        );
        let Ok(presented) = presented else { continue };
        assert!(
            presented
                .secrets
                .iter()
                .all(|secret| !secret.expose().is_empty()),
            "{scheme:?}: an empty secret would be scrubbed everywhere"
        );
        assert!(
            presented
                .secrets
                .iter()
                .any(|secret| secret.expose() == credential),
            "{scheme:?}: the credential itself is not among the secrets"
        );
        match scheme {
            AuthScheme::Header { prefix, .. } => {
                assert_eq!(presented.headers.len(), 1);
                assert_eq!(
                    presented.headers[0].1.expose(),
                    format!("{prefix}{credential}")
                );
            }
            AuthScheme::Basic { .. } => {
                let value = presented.headers[0].1.expose();
                let encoded = value.strip_prefix("Basic ").expect("a Basic header");
                let decoded = STANDARD.decode(encoded).expect("base64");
                assert_eq!(decoded, credential.as_bytes());
            }
            AuthScheme::KeyAndUserQuery { .. } => {
                let user = &presented.query[0].1;
                let key = presented.headers[0].1.expose();
                assert_eq!(format!("{user}:{key}"), credential);
            }
            _ => {}
        }
    }
}

/// What the store keeps of a base URL, and what a path appended to it reaches.
fn check_url(text: &str) {
    let Ok(kept) = check_base_url(text) else {
        return;
    };
    let url = url::Url::parse(&kept).expect("the kept base URL parses");
    assert!(matches!(url.scheme(), "http" | "https"), "{kept}");
    assert!(
        url.host_str().is_some_and(|host| !host.is_empty()),
        "{kept}: no host"
    );
    assert!(
        url.query().is_none() && url.fragment().is_none(),
        "{kept}: query or fragment"
    );
    assert!(
        url.username().is_empty() && url.password().is_none(),
        "kept a base URL that carries credentials"
    );
    assert!(!kept.ends_with('/'), "{kept}: trailing slash");
    assert_eq!(
        check_base_url(&kept).as_ref(),
        Ok(&kept),
        "kept again as itself"
    );
    // How the gateway reaches an adapter's path below the base URL.
    let joined = url::Url::parse(&format!("{kept}/api/v1/users")).expect("a path appends");
    assert_eq!(joined.scheme(), url.scheme(), "{kept}");
    assert_eq!(joined.host_str(), url.host_str(), "{kept}");
    assert_eq!(
        joined.port_or_known_default(),
        url.port_or_known_default(),
        "{kept}"
    );
}
