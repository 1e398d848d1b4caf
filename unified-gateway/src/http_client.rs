//! The HTTP client the gateway reaches providers with: TLS by rustls on *ring*, each
//! certificate checked by the system's verifier, HTTP/1.1.

use std::sync::Arc;

use rustls_platform_verifier::BuilderVerifierExt;

/// A `reqwest` client builder whose TLS is rustls on *ring* with the system's certificate
/// verifier: how the gateway reaches providers, and what its tests and examples talk to it
/// with. The workspace builds `reqwest` without a TLS provider of its own, so a client made
/// any other way (`reqwest::Client::new()`) has none unless the program installs one.
pub fn http_client_builder() -> Result<reqwest::ClientBuilder, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|config| config.with_platform_verifier())
        .map_err(|error| format!("cannot set up TLS: {error}"))?
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(reqwest::Client::builder().tls_backend_preconfigured(config))
}
