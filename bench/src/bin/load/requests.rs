//! The four requests, prebuilt once per cell so the driver only clones cheap handles per send.

use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HOST, HeaderValue};
use hyper::{HeaderMap, Method, Request, Uri};

use crate::args::PathKind;

/// A body the Dixa view accepts (the README's example).
const VALID_BODY: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/dixa-user.json"
));

/// A body the Dixa view refuses: `name` is required.
const INVALID_BODY: &[u8] = br#"{"emails":[{"email":"a@example.com","type":"primary"}]}"#;

/// One request kind, ready to send over and over.
pub struct Template {
    /// The origin-form target: path and query.
    uri: Uri,
    /// Host, content type and, but for the 401, the token.
    headers: HeaderMap,
    /// The JSON body.
    body: Bytes,
    /// The status every answer must have.
    pub expected: u16,
}

impl Template {
    /// The request of `kind` to the gateway at `gateway`, for `account` with `token`.
    pub fn new(kind: PathKind, gateway: SocketAddr, token: &str, account: &str) -> Template {
        // The 404 names a model that does not exist, so routing matches but the registry does not.
        let resource = match kind {
            PathKind::NotFound => "nothing",
            _ => "users",
        };
        let uri: Uri = format!("/unified/ticketing/{resource}?integrated_account_id={account}")
            .parse()
            .expect("the account id the CLI printed makes a valid query");
        let mut headers = HeaderMap::new();
        headers.insert(
            HOST,
            HeaderValue::from_str(&gateway.to_string()).expect("an address is a valid host"),
        );
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if kind != PathKind::Unauthorized {
            let mut bearer = HeaderValue::from_str(&format!("Bearer {token}"))
                .expect("the token the CLI printed is a valid header value");
            bearer.set_sensitive(true);
            headers.insert(AUTHORIZATION, bearer);
        }
        let body = match kind {
            PathKind::Invalid => INVALID_BODY,
            _ => VALID_BODY,
        };
        Template {
            uri,
            headers,
            body: Bytes::from_static(body),
            expected: kind.status(),
        }
    }

    /// A fresh copy to send (a `Request` is consumed by sending it).
    pub fn request(&self) -> Request<Full<Bytes>> {
        let mut request = Request::new(Full::new(self.body.clone()));
        *request.method_mut() = Method::POST;
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = self.headers.clone();
        request
    }
}
