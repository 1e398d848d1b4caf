//! A provider's rate limit in OpenAPI terms: the `ratelimit-*` headers on the answers that can
//! follow a call to the provider, and the 429 that a provider's refusal for its rate is passed
//! on as, with its `Retry-After`. Each header is described once, in the components, and named
//! by reference wherever it is sent.

use unified_core::json;
use unified_core::json::{Map, Value};

use crate::contract::{
    RATE_LIMITED, RATELIMIT_LIMIT, RATELIMIT_REMAINING, RATELIMIT_RESET, RETRY_AFTER,
};

/// The failures besides the 429 that can be the provider's answer: a refused list cursor (400),
/// a record it does not have (404), a refusal or an unusable answer (502).
const AFTER_A_CALL: [&str; 3] = ["400", "404", "502"];

/// The headers, each under its name in the components (`RateLimitLimit`, ...).
const COMPONENTS: [(&str, &str); 4] = [
    (RATELIMIT_LIMIT, "RateLimitLimit"),
    (RATELIMIT_REMAINING, "RateLimitRemaining"),
    (RATELIMIT_RESET, "RateLimitReset"),
    (RETRY_AFTER, "RetryAfter"),
];

/// The components' headers: each rate-limit header, described.
pub fn headers() -> Map {
    let mut headers = Map::new();
    for (name, component) in COMPONENTS {
        let description = match name {
            RATELIMIT_LIMIT => {
                "The requests the provider allows the account in its current window, where its \
                 answer told it."
            }
            RATELIMIT_REMAINING => {
                "The requests left to the account in the provider's current window, where its \
                 answer told it."
            }
            RATELIMIT_RESET => {
                "The seconds until the provider's window resets, where its answer told it."
            }
            _ => {
                "The seconds to wait before sending the request again, where the provider said \
                 (a date it gave is counted from the gateway's clock)."
            }
        };
        headers.insert(
            component.into(),
            json!({
                "description": description,
                "schema": { "type": "integer", "minimum": 0 },
            }),
        );
    }
    headers
}

/// Adds the rate-limit headers to the record operation `route`'s answers that can follow a call
/// to the provider (its successes among them), and describes its 429.
pub fn document(route: &mut Value) {
    let Some(responses) = route["responses"].as_object_mut() else {
        return;
    };
    let rate_limited = RATE_LIMITED.to_string();
    for (status, response) in responses.iter_mut() {
        let after_a_call = status.starts_with('2') || AFTER_A_CALL.contains(&status.as_str());
        if !after_a_call && *status != rate_limited {
            continue;
        }
        if !response["headers"].is_object() {
            response["headers"] = json!({});
        }
        for (name, component) in COMPONENTS {
            if name != RETRY_AFTER || *status == rate_limited {
                response["headers"][name] =
                    json!({ "$ref": format!("#/components/headers/{component}") });
            }
        }
        if *status == rate_limited {
            response["description"] = json!(format!(
                "The provider is limiting the account's request rate: its {RATE_LIMITED}, passed \
                 on, with its answer in `remote_body`. The provider did not act on the request \
                 and the gateway does not retry it: send it again once `{RETRY_AFTER}` (or \
                 `{RATELIMIT_RESET}`) seconds have passed; a write's idempotency key is free for \
                 it again."
            ));
        }
    }
}
