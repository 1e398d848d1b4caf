//! TLS to PostgreSQL, with libpq's `sslmode` and `sslrootcert` read from the database URL.
//!
//! The driver knows only `disable`, `prefer` and `require`, and no `sslrootcert`: the URL it is
//! given says `require` for `verify-ca` and `verify-full`, without `sslrootcert`, and the checks
//! of the server's certificate are made here, by the rustls verifier the connector carries.
//!
//! | sslmode       | encrypted             | certificate checked                                |
//! |---------------|-----------------------|----------------------------------------------------|
//! | `disable`     | no                    | -                                                  |
//! | `prefer`      | when the server can   | no                                                 |
//! | `require`     | yes                   | no; its chain when a CA file is given (as libpq)   |
//! | `verify-ca`   | yes                   | its chain, against the CA file (needed)            |
//! | `verify-full` | yes                   | its chain and host name, against the CA file or else the system's roots |

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore};
use tokio_postgres::error::SqlState;
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::error::StoreError;

/// How much TLS the URL asks for: libpq's `sslmode` values, less `allow`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Plain TCP only.
    Disable,
    /// TLS when the server offers it, else plain TCP; the certificate is not checked.
    Prefer,
    /// TLS or nothing; the certificate is not checked (unless a CA file is given).
    Require,
    /// TLS, with a certificate chain signed by the CA file's roots; any host name.
    VerifyCa,
    /// TLS, with a certificate chain signed by a trusted root, naming the host.
    VerifyFull,
}

impl Mode {
    /// The mode that `sslmode=<value>` names.
    fn parse(value: &str) -> Result<Mode, StoreError> {
        Ok(match value {
            "disable" => Mode::Disable,
            "prefer" => Mode::Prefer,
            "require" => Mode::Require,
            "verify-ca" => Mode::VerifyCa,
            "verify-full" => Mode::VerifyFull,
            _ => {
                return Err(StoreError::refused(
                    "the database URL's sslmode is not one of disable, prefer, require, \
                     verify-ca or verify-full",
                ));
            }
        })
    }

    /// The `sslmode` parameter the driver is given: it negotiates TLS, the verifier checks.
    fn for_driver(self) -> &'static str {
        match self {
            Mode::Disable => "sslmode=disable",
            Mode::Prefer => "sslmode=prefer",
            Mode::Require | Mode::VerifyCa | Mode::VerifyFull => "sslmode=require",
        }
    }
}

/// What a database URL asks of TLS, and the URL as the driver can read it. Not `Debug`: the
/// URL may hold a password.
pub(super) struct Tls {
    /// The URL less `sslrootcert`, with an `sslmode` the driver knows.
    pub(super) driver_url: String,
    /// The URL's `sslmode` (`prefer` when it names none).
    pub(super) mode: Mode,
    /// The CA certificates to trust instead of the system's: `sslrootcert`, else
    /// `PGSSLROOTCERT`.
    pub(super) ca_file: Option<PathBuf>,
}

impl Tls {
    /// Reads `sslmode` and `sslrootcert` out of `url`; `env_root` is `PGSSLROOTCERT`, used when
    /// the URL names no `sslrootcert` (as libpq does). Errors never quote the URL.
    pub(super) fn from_url(url: &str, env_root: Option<PathBuf>) -> Result<Tls, StoreError> {
        let (head, query) = match query_start(url) {
            Some(start) => (&url[..start - 1], &url[start..]),
            None => (url, ""),
        };
        let mut kept = Vec::new();
        let mut mode = None;
        let mut root = None;
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match decode(key).as_deref() {
                Some("sslmode") => mode = Some(Mode::parse(&decode_value(value, "sslmode")?)?),
                Some("sslrootcert") => {
                    root = Some(RootSetting::from(decode_value(value, "sslrootcert")?));
                }
                _ => kept.push(pair),
            }
        }
        let (mode, ca_file) = settle(mode, root.or(env_root.map(RootSetting::from)))?;
        // `prefer` is the driver's default.
        if mode != Mode::Prefer {
            kept.push(mode.for_driver());
        }
        let driver_url = match kept.is_empty() {
            true => head.to_owned(),
            false => format!("{head}?{}", kept.join("&")),
        };
        Ok(Tls {
            driver_url,
            mode,
            ca_file,
        })
    }

    /// The connector for this mode: none for `disable`.
    pub(super) fn connector(&self) -> Result<Option<MakeRustlsConnect>, StoreError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier: Arc<dyn ServerCertVerifier> = match (self.mode, &self.ca_file) {
            (Mode::Disable, _) => return Ok(None),
            (Mode::Prefer, _) | (Mode::Require, None) => Arc::new(AnyCertificate {
                algorithms: provider.signature_verification_algorithms,
            }),
            // libpq: `require` with a CA file checks the chain, as verify-ca.
            (Mode::Require | Mode::VerifyCa, Some(file)) => Arc::new(ChainOnly {
                inner: webpki_verifier(ca_roots(file)?, &provider)?,
            }),
            (Mode::VerifyCa, None) => {
                // Any publicly trusted certificate, for any name, would pass.
                return Err(StoreError::refused(
                    "sslmode=verify-ca needs the CA's certificate in \
                     sslrootcert=/path/to/ca.pem: it does not check the host name, so against \
                     the system's public roots anyone's certificate would pass; give the CA \
                     file, or use sslmode=verify-full",
                ));
            }
            (Mode::VerifyFull, Some(file)) => webpki_verifier(ca_roots(file)?, &provider)?,
            (Mode::VerifyFull, None) => webpki_verifier(system_roots()?, &provider)?,
        };
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| StoreError::refused(format!("cannot set up TLS: {error}")))?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        Ok(Some(MakeRustlsConnect::new(config)))
    }

    /// Why a connection failed, in words that name the cause, when TLS (or its absence) is
    /// the cause.
    pub(super) fn explain(&self, error: &tokio_postgres::Error) -> Option<String> {
        if let Some(db) = error.as_db_error() {
            // What pg_hba.conf's refusal is reported as.
            let refused = *db.code() == SqlState::INVALID_AUTHORIZATION_SPECIFICATION;
            return (refused && self.mode == Mode::Disable).then(|| {
                format!(
                    "the server refuses the connection ({}); if it accepts only TLS \
                     connections, drop sslmode=disable",
                    db.message()
                )
            });
        }
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(current) = cause {
            if let Some(tls) = rustls_error(current) {
                return Some(self.describe(tls));
            }
            if current.to_string() == "server does not support TLS" {
                return Some(format!(
                    "the server does not accept TLS connections, which sslmode={} needs",
                    self.sslmode()
                ));
            }
            cause = current.source();
        }
        None
    }

    /// The cause of a failed TLS handshake.
    fn describe(&self, error: &rustls::Error) -> String {
        let rustls::Error::InvalidCertificate(problem) = error else {
            return format!("the TLS handshake with the server failed: {error}");
        };
        match problem {
            CertificateError::UnknownIssuer => match &self.ca_file {
                Some(file) => format!(
                    "the server's certificate is not signed by the CA in {}",
                    file.display()
                ),
                None => "the server's certificate is not signed by a trusted root (the \
                         system's CA certificates): give its CA's certificate with \
                         sslrootcert=/path/to/ca.pem"
                    .to_owned(),
            },
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                // verify-ca is an option only with a CA file of one's own.
                let or = match self.ca_file {
                    Some(_) => ", or use sslmode=verify-ca",
                    None => "",
                };
                format!(
                    "the server's certificate is not valid for the host name the URL gives \
                     ({problem}): connect by a name the certificate lists{or}"
                )
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                format!("the server's certificate has expired ({problem})")
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                format!("the server's certificate is not valid yet ({problem}): check the clock")
            }
            _ => format!("the server's certificate is refused: {problem}"),
        }
    }

    /// The `sslmode` as the URL spells it.
    fn sslmode(&self) -> &'static str {
        match self.mode {
            Mode::Disable => "disable",
            Mode::Prefer => "prefer",
            Mode::Require => "require",
            Mode::VerifyCa => "verify-ca",
            Mode::VerifyFull => "verify-full",
        }
    }
}

/// The mode and CA file that the URL's `sslmode` and `sslrootcert` come to: `prefer` by default,
/// and libpq's rules for `sslrootcert=system`.
fn settle(
    mode: Option<Mode>,
    root: Option<RootSetting>,
) -> Result<(Mode, Option<PathBuf>), StoreError> {
    Ok(match root {
        // libpq: the system's roots, which only a host name check makes meaningful.
        Some(RootSetting::System) => match mode.unwrap_or(Mode::VerifyFull) {
            Mode::VerifyFull => (Mode::VerifyFull, None),
            _ => {
                return Err(StoreError::refused(
                    "sslrootcert=system trusts every public CA, so it needs \
                     sslmode=verify-full",
                ));
            }
        },
        Some(RootSetting::File(path)) => (mode.unwrap_or(Mode::Prefer), Some(path)),
        None => (mode.unwrap_or(Mode::Prefer), None),
    })
}

/// Where `sslrootcert` says the trusted roots are.
enum RootSetting {
    /// `system`: the system's roots (libpq 16's spelling).
    System,
    /// A PEM file of CA certificates.
    File(PathBuf),
}

impl<T: Into<PathBuf>> From<T> for RootSetting {
    fn from(value: T) -> RootSetting {
        let path = value.into();
        match path == Path::new("system") {
            true => RootSetting::System,
            false => RootSetting::File(path),
        }
    }
}

/// Where the query of `url` starts (just after its `?`), found as the driver finds it: after
/// the first `@`, if any.
fn query_start(url: &str) -> Option<usize> {
    let after_credentials = url.find('@').map_or(0, |at| at + 1);
    url[after_credentials..]
        .find('?')
        .map(|at| after_credentials + at + 1)
}

/// `raw` percent-decoded, as the driver decodes; `None` when that is not UTF-8.
fn decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let escaped = bytes
            .get(at + 1..at + 3)
            .filter(|_| bytes[at] == b'%')
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                at += 3;
            }
            None => {
                decoded.push(bytes[at]);
                at += 1;
            }
        }
    }
    String::from_utf8(decoded).ok()
}

/// The decoded value of the parameter `name`.
fn decode_value(raw: &str, name: &str) -> Result<String, StoreError> {
    decode(raw).ok_or_else(|| {
        StoreError::refused(format!(
            "the database URL's {name} is not UTF-8 once decoded"
        ))
    })
}

/// The CA certificates of the PEM file `file`, as trusted roots.
fn ca_roots(file: &Path) -> Result<RootCertStore, StoreError> {
    let unreadable = |why: String| {
        StoreError::refused(format!("cannot read the CA file {}: {why}", file.display()))
    };
    let mut roots = RootCertStore::empty();
    let certificates = CertificateDer::pem_file_iter(file).map_err(|e| unreadable(pem_why(e)))?;
    for certificate in certificates {
        let certificate = certificate.map_err(|e| unreadable(pem_why(e)))?;
        roots.add(certificate).map_err(|error| {
            unreadable(format!(
                "it holds a certificate that is not a usable CA: {error}"
            ))
        })?;
    }
    if roots.is_empty() {
        return Err(unreadable(
            "it holds no PEM certificate (-----BEGIN CERTIFICATE-----)".to_owned(),
        ));
    }
    Ok(roots)
}

/// What is wrong with a PEM file, without quoting its lines (it may be a key file).
fn pem_why(error: pem::Error) -> String {
    match error {
        pem::Error::Io(error) => error.to_string(),
        pem::Error::MissingSectionEnd { .. } => "a PEM section has no END line".to_owned(),
        pem::Error::IllegalSectionStart { .. } => "a PEM BEGIN line is malformed".to_owned(),
        pem::Error::Base64Decode(_) => "a PEM section is not valid base64".to_owned(),
        other => format!("it is not PEM ({other})"),
    }
}

/// The system's trusted roots (as OpenSSL finds them, `SSL_CERT_FILE` and `SSL_CERT_DIR`
/// included).
fn system_roots() -> Result<RootCertStore, StoreError> {
    let mut roots = RootCertStore::empty();
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    if roots.is_empty() {
        return Err(StoreError::refused(
            "sslmode=verify-full finds no trusted root certificates on this system (on Debian: \
             apt-get install ca-certificates): give the server's CA with \
             sslrootcert=/path/to/ca.pem",
        ));
    }
    Ok(roots)
}

/// rustls's verifier of the chain and the host name, on `provider`'s algorithms.
fn webpki_verifier(
    roots: RootCertStore,
    provider: &Arc<CryptoProvider>,
) -> Result<Arc<WebPkiServerVerifier>, StoreError> {
    WebPkiServerVerifier::builder_with_provider(Arc::new(roots), Arc::clone(provider))
        .build()
        .map_err(|error| StoreError::refused(format!("cannot set up TLS: {error}")))
}

/// The rustls error a handshake failure carries: tokio-rustls wraps it in an `io::Error`,
/// whose `source` skips it.
fn rustls_error<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    error.downcast_ref::<rustls::Error>().or_else(|| {
        error
            .downcast_ref::<std::io::Error>()?
            .get_ref()?
            .downcast_ref::<rustls::Error>()
    })
}

/// The verifier of `prefer` and `require`: any certificate, as libpq. The handshake's
/// signatures are still checked, so the server holds the key of the certificate it shows.
#[derive(Debug)]
struct AnyCertificate {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// `verify-ca`'s verifier: rustls's, less the host name check. rustls checks the name last,
/// after the chain, so a name error means the chain passed.
#[derive(Debug)]
struct ChainOnly {
    inner: Arc<WebPkiServerVerifier>,
}

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verified = self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        match verified {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}
