//! Bad input, as an attacker sends it, byte for byte: every answer is the JSON envelope with
//! `statusCode` equal to the status (except where the HTTP library rejects the framing itself,
//! marked `bare`: a bare 400, 414 or 431, and no answer at all to HTTP/2 text), nothing reaches a
//! provider, and the server goes on serving.

use std::time::Duration;

use crate::cases;
use crate::harness::Harness;
use crate::raw_http::{Raw, request};

/// How long an answer may take; less than the header timeout, so a request the gateway waits
/// on shows as such.
const PATIENCE: Duration = Duration::from_secs(5);

/// One attack: the bytes sent, the status expected, and how the exchange goes.
struct Attack {
    name: String,
    bytes: Vec<u8>,
    status: u16,
    /// The request is a `HEAD`: its answer has no body.
    head: bool,
    /// The HTTP library answers it before the gateway sees a request, without an envelope.
    bare: bool,
    /// No answer comes: the HTTP library hangs up on what is not HTTP/1.1 at all.
    unanswered: bool,
    /// The client closes its sending half after the bytes (a body that never completes).
    hang_up: bool,
}

fn attack(name: impl Into<String>, bytes: Vec<u8>, status: u16) -> Attack {
    Attack {
        name: name.into(),
        bytes,
        status,
        head: false,
        bare: false,
        unanswered: false,
        hang_up: false,
    }
}

/// Bytes of a request whose head is written as given, line by line.
fn head_then(lines: &[&str], body: &[u8]) -> Vec<u8> {
    let mut bytes = lines.join("\r\n").into_bytes();
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes.extend_from_slice(body);
    bytes
}

fn attacks(harness: &Harness) -> Vec<Attack> {
    let target = format!(
        "/unified/ticketing/users?integrated_account_id={}",
        harness.accounts["dixa"]
    );
    let bearer = format!("Bearer {}", harness.token);
    let json = ("Content-Type", "application/json");
    let auth = ("Authorization", bearer.as_str());
    let post = |body: &[u8]| request("POST", &target, &[json, auth], body);
    // Invalid for Dixa (it needs a name and an address), so a parsed body is a 400.
    let invalid = br#"{"emails": []}"#;
    let padded = |size: usize| {
        let mut body = invalid.to_vec();
        body.resize(size, b' ');
        body
    };
    let deep = format!(
        "{{\"name\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let many_parameters = format!("{target}{}", "&a=1".repeat(10_000));
    let long_target = format!("{target}{}", "&truto_exclude_fields[]=a".repeat(10_000));
    let nested_brackets = format!("{target}&remote_query{}=1", "[a]".repeat(1000));

    let mut all = vec![
        attack("deep nesting", post(deep.as_bytes()), 400),
        attack("a body of exactly 1 MiB", post(&padded(1024 * 1024)), 400),
        attack("a body of 1 MiB + 1", post(&padded(1024 * 1024 + 1)), 413),
        attack("invalid UTF-8", post(b"{\"name\": \"\xff\xfe\"}"), 400),
        attack("a lone surrogate", post(br#"{"name": "\ud800"}"#), 400),
        attack("a number out of range", post(br#"{"name": 1e400}"#), 400),
        attack(
            "a huge integer",
            post(br#"{"name": 123456789012345678901234567890}"#),
            400,
        ),
        attack(
            "duplicate keys",
            post(br#"{"emails": [], "emails": []}"#),
            400,
        ),
        attack("a raw NUL in a string", post(b"{\"name\": \"a\0b\"}"), 400),
        attack(
            "an escaped NUL",
            post(br#"{"name": "a\u0000b", "emails": []}"#),
            400,
        ),
        attack("a byte order mark", post(b"\xef\xbb\xbf{}"), 400),
        attack("an empty body", post(b""), 400),
        attack(
            "a chunked body",
            head_then(
                &[
                    &format!("POST {target} HTTP/1.1"),
                    "Host: gateway",
                    "Content-Type: application/json",
                    &format!("Authorization: {bearer}"),
                    "Transfer-Encoding: chunked",
                ],
                b"e\r\n{\"emails\": []}\r\n0\r\n\r\n",
            ),
            400,
        ),
        Attack {
            hang_up: true,
            ..attack(
                "a Content-Length longer than the body",
                {
                    let mut bytes = post(&padded(100));
                    bytes.truncate(bytes.len() - 90);
                    bytes
                },
                400,
            )
        },
        attack(
            "10,000 query parameters",
            request("POST", &many_parameters, &[json, auth], invalid),
            400,
        ),
        attack(
            "1000 levels of brackets",
            request("POST", &nested_brackets, &[json, auth], invalid),
            400,
        ),
        attack(
            "a NUL in the query",
            request("POST", &format!("{target}%00"), &[json, auth], invalid),
            400,
        ),
    ];
    for (content_type, status) in [
        ("application/json; charset=utf-8", 400),
        ("Application/JSON", 400),
        ("application/merge-patch+json", 400),
        ("text/json", 415),
        ("application/jsonx", 415),
        ("application/x-www-form-urlencoded", 415),
        ("multipart/form-data; boundary=x", 415),
        ("", 415),
    ] {
        all.push(attack(
            format!("Content-Type `{content_type}`"),
            request(
                "POST",
                &target,
                &[("Content-Type", content_type), auth],
                invalid,
            ),
            status,
        ));
    }
    for path in [
        "/unified/../unified/ticketing/users",
        "/unified/ticketing/users/../users",
        "/unified/%2e%2e/users",
        "/unified/ticketing%2Fusers/x",
        "/unified/ticketing/..%2F..%2Fetc%2Fpasswd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "//unified//ticketing//users",
    ] {
        all.push(attack(
            format!("the path {path}"),
            request("POST", path, &[json, auth], invalid),
            404,
        ));
    }
    let long_token = format!("Bearer uni_{}", "a".repeat(100_000));
    let token = &harness.token;
    for (authorization, status) in [
        ("Bearer".to_owned(), 401),
        ("Bearer ".to_owned(), 401),
        ("Basic dXNlcjpwYXNz".to_owned(), 401),
        (format!("Bearer {token} extra"), 401),
        (format!("Token {token}"), 401),
        (token.clone(), 401),
        (long_token, 401),
        (format!("bearer {token}"), 400),
        (format!("BEARER   {token}  "), 400),
    ] {
        all.push(attack(
            format!("Authorization `{:.40}`", authorization),
            request(
                "POST",
                &target,
                &[json, ("Authorization", &authorization)],
                invalid,
            ),
            status,
        ));
    }
    let mut non_ascii = request("POST", &target, &[json], invalid);
    let at = non_ascii.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    non_ascii.splice(
        at..at,
        b"\r\nAuthorization: Bearer \xff\xfe".iter().copied(),
    );
    all.push(attack(
        "Authorization with bytes that are not text",
        non_ascii,
        401,
    ));
    // GET on the create path is a list, and GET, PATCH and DELETE of a record are routes.
    for method in ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FOO"] {
        all.push(attack(
            format!("{method} on the create path"),
            request(method, &target, &[json, auth], invalid),
            405,
        ));
    }
    let record = target.replacen("/unified/ticketing/users", "/unified/ticketing/users/42", 1);
    for method in ["POST", "PUT", "OPTIONS"] {
        all.push(attack(
            format!("{method} on a record's path"),
            request(method, &record, &[json, auth], invalid),
            405,
        ));
    }
    all.push(Attack {
        head: true,
        ..attack(
            "HEAD on a path no route takes",
            request("HEAD", "/unified/ticketing/users/42/x/y/z", &[auth], b""),
            404,
        )
    });
    all.push(attack(
        "POST on the meta path",
        request(
            "POST",
            "/unified/ticketing/users/dixa/meta/create",
            &[json, auth],
            invalid,
        ),
        405,
    ));
    // The HTTP library's own rejections: the request cannot be framed.
    for (name, bytes) in [
        (
            "a NUL in a header",
            head_then(&["POST / HTTP/1.1", "Host: gate\0way"], b""),
        ),
        (
            "a TLS handshake",
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".to_vec(),
        ),
        (
            "a bad request line",
            head_then(&["POST /\x01 HTTP/1.1", "Host: x"], b""),
        ),
        (
            "two lengths",
            head_then(
                &[
                    "POST / HTTP/1.1",
                    "Host: x",
                    "Content-Length: 1",
                    "Content-Length: 2",
                ],
                b"{}",
            ),
        ),
    ] {
        all.push(Attack {
            bare: true,
            ..attack(name, bytes, 400)
        });
    }
    all.push(Attack {
        bare: true,
        ..attack(
            "a 250 kB target",
            request("POST", &long_target, &[json, auth], invalid),
            414,
        )
    });
    all.push(Attack {
        unanswered: true,
        ..attack(
            "HTTP/2 text on HTTP/1.1",
            b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec(),
            0,
        )
    });
    let huge_header = "x".repeat(500 * 1024);
    all.push(Attack {
        bare: true,
        ..attack(
            "500 KiB of headers",
            request(
                "POST",
                &target,
                &[json, auth, ("X-Padding", &huge_header)],
                invalid,
            ),
            431,
        )
    });
    all
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gets_an_envelope_and_reaches_no_provider() {
    let harness = Harness::start().await;
    let mut wrong = Vec::new();
    let attacks = attacks(&harness);
    let count = attacks.len();
    for attack in attacks {
        let mut raw = Raw::connect(harness.addr).await;
        raw.send(&attack.bytes).await;
        if attack.hang_up {
            raw.finish_sending().await;
        }
        let answer = match tokio::time::timeout(PATIENCE, raw.answer(attack.head)).await {
            Ok(Some(answer)) if attack.unanswered => {
                wrong.push(format!("{}: answered {}", attack.name, answer.status));
                continue;
            }
            Ok(Some(answer)) => answer,
            Ok(None) if attack.unanswered => continue,
            Ok(None) => {
                wrong.push(format!("{}: closed without an answer", attack.name));
                continue;
            }
            Err(_) => {
                wrong.push(format!("{}: no answer in {PATIENCE:?}", attack.name));
                continue;
            }
        };
        if answer.status != attack.status {
            wrong.push(format!(
                "{}: status {} instead of {} ({})",
                attack.name,
                answer.status,
                attack.status,
                String::from_utf8_lossy(&answer.body)
            ));
            continue;
        }
        if attack.head || (attack.bare && answer.body.is_empty()) {
            continue;
        }
        match answer.json() {
            Some(envelope) if envelope["statusCode"] == attack.status => {
                let message = envelope["message"].as_str().unwrap_or_default();
                if message.is_empty() {
                    wrong.push(format!("{}: no message", attack.name));
                }
            }
            _ => wrong.push(format!(
                "{}: not the envelope: {}",
                attack.name,
                String::from_utf8_lossy(&answer.body)
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    eprintln!("{count} bad inputs answered as expected");
    assert_eq!(harness.total_calls(), 0, "bad input reached a provider");

    let (_, body, ..) = cases().remove(0);
    let after = harness.create_for("dixa", "", &body).await;
    assert_eq!(
        after.status, 201,
        "the gateway still serves: {:#}",
        after.body
    );
}
